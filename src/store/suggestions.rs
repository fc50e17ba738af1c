//! Suggestions kept on disk: predictions imported from another model
//! (`claimspan import FILE --as-suggestions --from NAME`) and those a recommender
//! made ahead of time (`claimspan suggest PROJECT --annotator NAME`).
//!
//! They live beside the annotations, never among them, one file per document and
//! source: `suggestions/<from>/<doc-id>.ron`. A file records the hash of the text it
//! was made for; one made for another text is refused with a sentence rather than
//! offered at places that may have moved (a suggestion is cheap to make again, a
//! wrong one costs a person's attention). Offsets are chars, end exclusive, as
//! everywhere.
//!
//! ```ron
//! (
//!     format: 1,
//!     document: "coalition-talks-stall-2018-06-14",
//!     text_hash: "…",
//!     from: "spacy-model",
//!     spans: [
//!         (start: 12, end: 24, label: "actor", score: 0.93, text: "Moqtada Sadr"),
//!     ],
//! )
//! ```

use super::error::StoreError;
use super::place::folders_are_real;
use super::project::{Project, ron_text};
use super::ron_file::{FORMAT, Versioned, read_ron};
use super::{WriteBatch, write_atomic};
use crate::model::{
    Annotations, AnnotatorName, CharOffset, Document, DocumentId, Span, SpanId, Status, TextHash,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The folder of the project that holds suggestions.
pub const SUGGESTIONS: &str = "suggestions";

/// One suggested span as kept on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggested {
    /// First char.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
    /// The label it would get.
    pub label: String,
    /// How sure the model that made it was, from 0 to 1, if it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// The document's text from `start` to `end`.
    pub text: String,
}

/// The suggestions of one source for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionSet {
    /// The document they are for.
    pub document: DocumentId,
    /// The hash of the text they were made for.
    pub text_hash: TextHash,
    /// Who made them: a recommender's name or the name they were imported under.
    pub from: String,
    /// The spans, in text order.
    pub spans: Vec<Suggested>,
}

/// `suggestions/<from>/<doc-id>.ron` as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SuggestionFile {
    format: u32,
    document: DocumentId,
    text_hash: TextHash,
    from: String,
    #[serde(default)]
    spans: Vec<Suggested>,
}

impl Versioned for SuggestionFile {
    fn format(&self) -> u32 {
        self.format
    }
}

/// Checks the name suggestions are kept under: the rules of an annotator's name, as
/// both are folder names that travel between systems.
pub fn check_source(name: &str) -> Result<String, StoreError> {
    AnnotatorName::new(name)
        .map(|n| n.to_string())
        .map_err(|source| StoreError::Name {
            path: PathBuf::from(SUGGESTIONS).join(name),
            source,
        })
}

impl SuggestionSet {
    /// An empty set for `document`, from `from`.
    pub fn new(document: &Document, from: &str) -> Self {
        Self {
            document: document.id().clone(),
            text_hash: document.hash().clone(),
            from: from.to_owned(),
            spans: Vec::new(),
        }
    }

    /// The suggestions as if an annotator named `suggest:<from>` had tagged every
    /// one and marked the document done: what agreement compares with a person's
    /// work or gold.
    pub fn as_annotations(&self, document: &Document) -> Annotations {
        let mut annotations = Annotations::new(document, AnnotatorName::suggestions(&self.from));
        annotations.status = Status::Done;
        annotations.spans = self
            .spans
            .iter()
            .zip(1..)
            .map(|(s, id)| Span {
                id: SpanId(id),
                start: s.start,
                end: s.end,
                label: s.label.clone(),
                text: s.text.clone(),
                attributes: Default::default(),
                note: String::new(),
                anchor: None,
            })
            .collect();
        annotations
    }
}

impl Project {
    /// Where the suggestions of `from` for document `id` are kept.
    pub fn suggestions_path(&self, from: &str, id: &DocumentId) -> PathBuf {
        self.root()
            .join(SUGGESTIONS)
            .join(from)
            .join(format!("{id}.ron"))
    }

    /// The names suggestions are kept under, in name order; a project without any
    /// has none.
    pub fn suggestion_sources(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.root().join(SUGGESTIONS)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| AnnotatorName::new(n).is_ok())
            .collect();
        names.sort();
        names
    }

    /// The documents `from` has suggestions for, only those whose article is in the
    /// project.
    pub fn suggested_documents(&self, from: &str) -> BTreeSet<DocumentId> {
        let Ok(entries) = std::fs::read_dir(self.root().join(SUGGESTIONS).join(from)) else {
            return BTreeSet::new();
        };
        entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name();
                let stem = name.to_str()?.strip_suffix(".ron")?;
                DocumentId::new(stem).ok()
            })
            .filter(|id| self.article(id).is_some())
            .collect()
    }

    /// The suggestions of `from` for `document`, or `None` when it has none. A file
    /// made for another text of the article, or with a span that does not fit the
    /// text, is refused: the error names the file and says how to make them again.
    pub fn load_suggestions(
        &self,
        from: &str,
        document: &Document,
    ) -> Result<Option<SuggestionSet>, StoreError> {
        let path = self.suggestions_path(from, document.id());
        if !path.exists() {
            return Ok(None);
        }
        let file: SuggestionFile = read_ron(&path)?;
        let bad = |message: String| StoreError::BadSuggestions {
            path: path.clone(),
            message,
        };
        if &file.document != document.id() {
            return Err(bad(format!(
                "it is for the document “{}”; move it to {}",
                file.document,
                self.suggestions_path(from, &file.document).display()
            )));
        }
        if &file.text_hash != document.hash() {
            return Err(bad("it was made for another text of this article; make the suggestions again (import the predictions again, or run `claimspan suggest`)".into()));
        }
        for (i, s) in file.spans.iter().enumerate() {
            if document.slice(s.start, s.end) != Some(s.text.as_str()) || s.start >= s.end {
                return Err(bad(format!(
                    "suggestion {} ({}–{}, “{}”) does not fit the text there; make the suggestions again",
                    i + 1,
                    s.start.0,
                    s.end.0,
                    s.text
                )));
            }
            if s.score.is_some_and(|x| !(0.0..=1.0).contains(&x)) {
                return Err(bad(format!(
                    "suggestion {} has a score outside 0 to 1",
                    i + 1
                )));
            }
        }
        let mut spans = file.spans;
        spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
        Ok(Some(SuggestionSet {
            document: file.document,
            text_hash: file.text_hash,
            from: file.from,
            spans,
        }))
    }

    /// Writes `set` in place of what its source had for its document, atomically, or
    /// as part of `batch` (an import's, taken back with the rest should it fail).
    pub fn save_suggestions(
        &self,
        set: &SuggestionSet,
        batch: Option<&mut WriteBatch>,
    ) -> Result<(), StoreError> {
        let from = check_source(&set.from)?;
        let path = self.suggestions_path(&from, &set.document);
        folders_are_real(self.root(), &path)?;
        let file = SuggestionFile {
            format: FORMAT,
            document: set.document.clone(),
            text_hash: set.text_hash.clone(),
            from,
            spans: set.spans.clone(),
        };
        let text = ron_text(&path, &file)?;
        match batch {
            Some(batch) => batch.write(&path, text.as_bytes()),
            None => write_atomic(&path, text.as_bytes()),
        }
    }
}

#[cfg(test)]
#[path = "suggestions_tests.rs"]
mod tests;
