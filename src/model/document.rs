//! An article as the project keeps it: its immutable text and what is known about it.

use super::ids::DocumentId;
use super::offsets::{CharOffset, OffsetMap};
use super::text::TextHash;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A metadata value as a JSON tool wrote it. In `articles/<id>.ron` text is a RON
/// string, a number a number, `null` is `()`, lists and objects are RON lists and maps.
pub type MetaValue = serde_json::Value;

/// What is known about an article besides its text: `articles/<id>.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Its stable id, also its file name.
    pub id: DocumentId,
    /// Headline, or the first line of a text without one.
    pub title: String,
    /// Publication date, `2018-06-14`, where the article gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// News agency or outlet, "AFP".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Dateline city, "BAGHDAD".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Photo caption that stood above the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Name of the file it was imported from, in projects made before this was left
    /// out (an article's files depend on its text and metadata only, so that two
    /// clones importing it from two files agree); empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub original_file: String,
    /// Hash of `articles/<id>.txt` as written at import.
    pub text_hash: TextHash,
    /// Other fields of the source (JSONL keys, a peer tool's metadata) with the
    /// types they had there: a number stays a number, a list a list, `null` null, so
    /// an export gives back what came in.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, MetaValue>,
}

/// An article with its text, ready to be annotated.
#[derive(Debug, Clone)]
pub struct Document {
    /// What is known about it.
    pub meta: ArticleMeta,
    text: String,
    offsets: OffsetMap,
    hash: TextHash,
}

impl Document {
    /// Puts an article's metadata and text together; the hash is that of `text`, which
    /// may differ from `meta.text_hash` when the file was changed after import.
    pub fn new(meta: ArticleMeta, text: String) -> Self {
        let offsets = OffsetMap::new(&text);
        let hash = TextHash::of(&text);
        Self {
            meta,
            text,
            offsets,
            hash,
        }
    }

    /// The document's id.
    pub fn id(&self) -> &DocumentId {
        &self.meta.id
    }

    /// The exact stored text every offset refers to.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The hash of the text as it is now.
    pub fn hash(&self) -> &TextHash {
        &self.hash
    }

    /// Converts offsets for this text.
    pub fn offsets(&self) -> &OffsetMap {
        &self.offsets
    }

    /// The number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.offsets.char_len()
    }

    /// The text between two char offsets, or `None` for a range that does not fit.
    pub fn slice(&self, start: CharOffset, end: CharOffset) -> Option<&str> {
        self.offsets.slice(&self.text, start, end)
    }
}

#[cfg(test)]
impl Document {
    /// A document with placeholder metadata (id `d`), for tests of the model.
    pub(crate) fn from_text(text: &str) -> Self {
        Self::with_id_for_tests("d", text)
    }

    /// A document with id `id` and otherwise placeholder metadata, for tests.
    pub(crate) fn with_id_for_tests(id: &str, text: &str) -> Self {
        let meta = ArticleMeta {
            id: DocumentId::new(id).unwrap_or_else(|e| panic!("{e}")),
            title: String::new(),
            date: None,
            source: None,
            dateline: None,
            caption: None,
            original_file: String::new(),
            text_hash: TextHash::of(text),
            extra: BTreeMap::new(),
        };
        Document::new(meta, text.to_owned())
    }
}
