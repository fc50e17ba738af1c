//! The suggestions offered in the document in view, and what accepting or
//! turning one down does to the annotations: plain Rust under the window's keys
//! (accept, reject, step, accept all above a score), so each is tested without a
//! screen and goes through the one place edits go, with undo.
//!
//! Accepting tags the suggested span as a person would, with `origin:
//! suggestion:<recommender>` among its attributes; turning one down remembers its
//! place and label in the annotator's file ([`Edit::Reject`]). Either way it is no
//! longer offered.

use crate::model::{
    Annotations, CharOffset, Document, Edit, EditError, NewSpan, ORIGIN, Rejection, Schema,
};
use crate::suggest::Suggestion;

/// The suggestions of one document in text order, and the one looked at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Offered {
    items: Vec<Suggestion>,
    current: Option<usize>,
    /// Recommenders whose suggestions are not offered, each with why (`strings:
    /// off (F1 0.16 < 0.50)`).
    withheld: Vec<String>,
}

impl Offered {
    /// `items` in text order (then label), none looked at yet.
    pub fn new(mut items: Vec<Suggestion>) -> Self {
        // Where two recommenders offer the same place and label, the surer one is
        // kept: it is first among equals when the duplicates go.
        items.sort_by(|a, b| {
            (a.start, a.end, &a.label)
                .cmp(&(b.start, b.end, &b.label))
                .then(b.score.total_cmp(&a.score))
        });
        items.dedup_by(|a, b| (a.start, a.end, &a.label) == (b.start, b.end, &b.label));
        Self {
            items,
            current: None,
            withheld: Vec::new(),
        }
    }

    /// [`Offered::new`], saying which recommenders are withheld and why.
    pub fn withholding(items: Vec<Suggestion>, withheld: Vec<String>) -> Self {
        Self {
            withheld,
            ..Self::new(items)
        }
    }

    /// The recommenders not offered, each with why.
    pub fn withheld(&self) -> &[String] {
        &self.withheld
    }

    /// Every suggestion still offered.
    pub fn items(&self) -> &[Suggestion] {
        &self.items
    }

    /// Where the one looked at is in [`Offered::items`].
    pub fn current_index(&self) -> Option<usize> {
        self.current
    }

    /// The one looked at.
    pub fn current(&self) -> Option<&Suggestion> {
        self.current.and_then(|i| self.items.get(i))
    }

    /// Looks at the next (or previous) one, round the end; none when none is left.
    pub fn step(&mut self, forward: bool) -> Option<&Suggestion> {
        let n = self.items.len();
        if n == 0 {
            self.current = None;
            return None;
        }
        self.current = Some(match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        });
        self.current()
    }

    /// Drops what `annotations` now settle — tagged with the label, or turned
    /// down — keeping the look on the same one, or where it went on the one after.
    pub fn forget_settled(&mut self, annotations: &Annotations) {
        // A set, as a long article has many spans and many suggestions.
        let tagged: std::collections::HashSet<(CharOffset, CharOffset, &str)> = annotations
            .spans
            .iter()
            .map(|t| (t.start, t.end, t.label.as_str()))
            .collect();
        let settled = |s: &Suggestion| {
            annotations.is_rejected(s.start, s.end, &s.label)
                || tagged.contains(&(s.start, s.end, s.label.as_str()))
        };
        let current = self.current().cloned();
        self.items.retain(|s| !settled(s));
        self.current = current.and_then(|c| {
            // The first still offered at or after the place looked at.
            let at = self
                .items
                .iter()
                .position(|s| (s.start, s.end, &s.label) >= (c.start, c.end, &c.label))
                .unwrap_or(self.items.len());
            (!self.items.is_empty()).then(|| at.min(self.items.len() - 1))
        });
    }
}

/// The edit accepting `suggestion`: its span tagged, with where it came from.
pub fn accept(
    suggestion: &Suggestion,
    annotations: &Annotations,
    document: &Document,
    schema: &Schema,
) -> Result<Edit, EditError> {
    let mut new = NewSpan::new(suggestion.start, suggestion.end, &suggestion.label);
    new.attributes.insert(
        ORIGIN.into(),
        format!("suggestion:{}", suggestion.recommender),
    );
    Edit::tag(annotations, document, schema, new)
}

/// The edit turning `suggestion` down.
pub fn reject(suggestion: &Suggestion) -> Edit {
    Edit::Reject(Rejection {
        start: suggestion.start,
        end: suggestion.end,
        label: suggestion.label.clone(),
        text: suggestion.text.clone(),
    })
}

/// The edit accepting every one of `items` scored at least `least`, as one step of
/// undo, and how many it accepts. One that can no longer be tagged (a span of
/// another label taken its place since) is passed over.
pub fn accept_all_above(
    items: &[Suggestion],
    least: f32,
    annotations: &Annotations,
    document: &Document,
    schema: &Schema,
) -> (Edit, usize) {
    // Each is checked against the others accepted before it, as one by one.
    let mut scratch = annotations.clone();
    let mut edits = Vec::new();
    for suggestion in items.iter().filter(|s| s.score >= least) {
        let Ok(edit) = accept(suggestion, &scratch, document, schema) else {
            continue;
        };
        if edit.clone().apply(&mut scratch).is_ok() {
            edits.push(edit);
        }
    }
    let accepted = edits.len();
    (Edit::group(edits), accepted)
}

#[cfg(test)]
#[path = "suggestions_tests.rs"]
mod tests;
