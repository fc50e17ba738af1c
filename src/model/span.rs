//! Spans, the links between them, and what can be wrong with either.

use super::offsets::CharOffset;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The number of a span within one annotation file; links refer to spans by it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct SpanId(pub u32);

impl fmt::Display for SpanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A tagged stretch of an article: `start..end` in chars, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Its number in the file.
    pub id: SpanId,
    /// First char of the span.
    pub start: CharOffset,
    /// One past its last char.
    pub end: CharOffset,
    /// The label's name in the schema.
    pub label: String,
    /// The text it covers, kept so that a changed article can be re-anchored and so
    /// that the file reads on its own.
    pub text: String,
    /// Attribute values, such as `polarity` for a stance.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// The analyst's note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Set when the article changed under the span: where it was moved from, or that
    /// it could not be placed. Cleared by the analyst, never by the program.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<AnchorFlag>,
}

impl Span {
    /// How many chars it covers.
    pub fn len(&self) -> usize {
        self.end.0.saturating_sub(self.start.0)
    }

    /// True for a span that covers nothing (never valid on disk).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the two spans share at least one char.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What happened to a span when its article's text changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnchorFlag {
    /// Its text was found once in the new article and the span moved there.
    Moved {
        /// Where it started before.
        from_start: CharOffset,
        /// Where it ended before.
        from_end: CharOffset,
    },
    /// Its text is not in the new article, or is there more than once; the span kept
    /// its old offsets and needs a person to place it.
    Unplaced {
        /// How many times its text occurs in the new article.
        occurrences: usize,
    },
}

/// A directed link between two spans, such as actor —holds→ stance.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    /// The span the link starts at.
    pub from: SpanId,
    /// The span it ends at.
    pub to: SpanId,
    /// The link type's name in the schema.
    pub label: String,
}

/// One thing wrong with a span or link, found when annotations are checked against
/// their article and the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanProblem {
    /// Where: `span 3 (120..90)` or `link 2→5`.
    pub place: String,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl fmt::Display for SpanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}
