//! The shapes of the project's files on disk: the model's types plus the `format`
//! version every file carries first.

use super::ron_file::{FORMAT, Versioned};
use crate::model::{
    Annotations, AnnotatorName, ArticleMeta, DocumentId, Link, Rejection, Schema, Span, Status,
    TextHash,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `claimspan.ron`: the project's name, label schema and guidelines file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectConfig {
    /// File format version.
    pub format: u32,
    /// The project's name, shown in the title bar.
    pub name: String,
    /// Coding guidelines, a Markdown or text file in the project folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidelines: Option<String>,
    /// Labels and link types.
    pub schema: Schema,
}

impl Versioned for ProjectConfig {
    fn format(&self) -> u32 {
        self.format
    }
}

/// `articles/<id>.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFile {
    format: u32,
    id: DocumentId,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dateline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    /// Written by versions before 0.2; read, never written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    original_file: String,
    text_hash: TextHash,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    extra: BTreeMap<String, crate::model::document::MetaValue>,
}

impl Versioned for ArticleFile {
    fn format(&self) -> u32 {
        self.format
    }
}

impl From<ArticleMeta> for ArticleFile {
    fn from(m: ArticleMeta) -> Self {
        Self {
            format: FORMAT,
            id: m.id,
            title: m.title,
            date: m.date,
            source: m.source,
            dateline: m.dateline,
            caption: m.caption,
            original_file: m.original_file,
            text_hash: m.text_hash,
            extra: m.extra,
        }
    }
}

impl From<ArticleFile> for ArticleMeta {
    fn from(f: ArticleFile) -> Self {
        Self {
            id: f.id,
            title: f.title,
            date: f.date,
            source: f.source,
            dateline: f.dateline,
            caption: f.caption,
            original_file: f.original_file,
            text_hash: f.text_hash,
            extra: f.extra,
        }
    }
}

/// `annotations/<annotator>/<id>.ron` (and `gold/<id>.ron`) as read.
#[derive(Debug, Clone, Deserialize)]
pub struct AnnotationFile {
    format: u32,
    document: DocumentId,
    text_hash: TextHash,
    annotator: AnnotatorName,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    spans: Vec<Span>,
    #[serde(default)]
    links: Vec<Link>,
    /// Suggestions turned down; files of versions before suggestions have none.
    #[serde(default)]
    rejected: Vec<Rejection>,
}

impl Versioned for AnnotationFile {
    fn format(&self) -> u32 {
        self.format
    }
}

impl From<AnnotationFile> for Annotations {
    fn from(f: AnnotationFile) -> Self {
        let (mut spans, mut links) = (f.spans, f.links);
        // A list read from a file grew by doubling: up to half of it is room no one
        // uses, which a file of half a million spans makes tens of megabytes.
        spans.shrink_to_fit();
        links.shrink_to_fit();
        let mut annotations = Self {
            document: f.document,
            text_hash: f.text_hash,
            annotator: f.annotator,
            status: f.status,
            spans,
            links,
            rejected: f.rejected,
        };
        // A file written by hand or merged by git may list them in any order.
        annotations.tidy_rejections();
        annotations
    }
}

/// What the document list needs from an annotation file — its status and how many
/// spans it has — read without building the spans: a project of 10,000 documents
/// reads all of them when it opens.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct AnnotationSummary {
    format: u32,
    /// How far the annotator got.
    #[serde(default)]
    pub status: Status,
    /// How many spans there are.
    #[serde(default)]
    pub spans: SpanCount,
}

impl Versioned for AnnotationSummary {
    fn format(&self) -> u32 {
        self.format
    }
}

/// The number of items of a list, counted while skipping over them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanCount(pub usize);

impl<'de> Deserialize<'de> for SpanCount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Count;
        impl<'de> serde::de::Visitor<'de> for Count {
            type Value = SpanCount;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of spans")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<SpanCount, A::Error> {
                let mut n = 0;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(SpanCount(n))
            }
        }
        deserializer.deserialize_seq(Count)
    }
}

/// The same file as written, borrowing the annotations so a large set is not copied.
#[derive(Serialize)]
pub struct AnnotationFileOut<'a> {
    format: u32,
    document: &'a DocumentId,
    text_hash: &'a TextHash,
    annotator: &'a AnnotatorName,
    status: Status,
    spans: &'a [Span],
    links: &'a [Link],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    rejected: &'a [Rejection],
}

impl<'a> From<&'a Annotations> for AnnotationFileOut<'a> {
    fn from(a: &'a Annotations) -> Self {
        Self {
            format: FORMAT,
            document: &a.document,
            text_hash: &a.text_hash,
            annotator: &a.annotator,
            status: a.status,
            spans: &a.spans,
            links: &a.links,
            rejected: &a.rejected,
        }
    }
}
