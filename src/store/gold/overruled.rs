//! Places a reviewer took out of gold, kept so that merges do not bring them back.

use crate::model::{CharOffset, Span};
use serde::{Deserialize, Serialize};

/// A span's place and label that a reviewer removed from gold (or gave another
/// label), kept so that the next merge does not bring it back.
///
/// Two are the same when place and label are: the text only lets the place follow
/// the article when its text changes (see [`GoldReview::follow_text`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Overruled {
    /// First char.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
    /// The label it had.
    pub label: String,
    /// The text it covered, where known (older files and spans removed in an editor
    /// have none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl Overruled {
    /// The place, label and text of `span`.
    pub fn of(span: &Span) -> Self {
        Self {
            text: span.text.clone(),
            ..Self::at(span.start, span.end, &span.label)
        }
    }

    /// The place `start..end` with `label`.
    pub fn at(start: CharOffset, end: CharOffset, label: &str) -> Self {
        Self {
            start,
            end,
            label: label.to_owned(),
            text: String::new(),
        }
    }

    fn key(&self) -> (CharOffset, CharOffset, &str) {
        (self.start, self.end, &self.label)
    }
}

impl PartialEq for Overruled {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Overruled {}

impl PartialOrd for Overruled {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Overruled {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl std::hash::Hash for Overruled {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}
