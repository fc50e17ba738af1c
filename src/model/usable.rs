//! What every reader of a project may use of one annotation set: the spans that stand
//! where they say and that the schema knows, and the links between them.
//!
//! Merge, agreement, review and export all read annotations that a person or another
//! tool may have written by hand or that outlived a change of the article. None of them
//! may treat an unplaced or invalid span as a placed one; they all go through
//! [`Annotations::keep_usable`], which leaves the rest out and counts it by reason, so
//! each command can say what it left out in the same words.

use super::annotations::{Annotations, EditError, check_span};
use super::document::Document;
use super::offsets::CharOffset;
use super::schema::Schema;
use super::span::{AnchorFlag, Span, SpanId};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// Why a span or a link was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOutReason {
    /// The article changed and the span's text could not be found again.
    Unplaced,
    /// The span runs past the end of the article.
    OutOfRange,
    /// The span ends before it starts.
    Inverted,
    /// The span covers no text.
    Empty,
    /// The span's label is not in the schema.
    UnknownLabel,
    /// The span has an attribute or value the schema does not allow.
    BadAttribute,
    /// The span's stored text is not what the article has at its offsets.
    TextMismatch,
    /// Another span earlier in the file has the same id.
    DuplicateId,
    /// Another span has the same place and label (and, from an import, the same attributes).
    Duplicate,
    /// The link refers to a span that is missing or was left out.
    DanglingLink,
    /// The link's type is not in the schema, or does not join these labels.
    BadLink,
}

impl LeftOutReason {
    /// Is this about a link rather than a span?
    pub fn is_link(self) -> bool {
        matches!(self, LeftOutReason::DanglingLink | LeftOutReason::BadLink)
    }

    /// The reason in words, for reports: "spans whose …".
    pub fn describe(self) -> &'static str {
        match self {
            LeftOutReason::Unplaced => {
                "spans whose article changed and whose text could not be found again (place them in the window, see claimspan validate)"
            }
            LeftOutReason::OutOfRange => {
                "spans that run past the end of their article (see claimspan validate)"
            }
            LeftOutReason::Inverted => "spans that end before they start (see claimspan validate)",
            LeftOutReason::Empty => "spans that cover no text (see claimspan validate)",
            LeftOutReason::UnknownLabel => {
                "spans whose label is not in claimspan.ron (add it, or see claimspan validate)"
            }
            LeftOutReason::BadAttribute => {
                "spans with an attribute or value the schema does not allow (see claimspan validate)"
            }
            LeftOutReason::TextMismatch => {
                "spans whose stored text is not what the article has at their offsets (see claimspan validate)"
            }
            LeftOutReason::DuplicateId => {
                "spans whose id another span of the same file already has (see claimspan validate)"
            }
            LeftOutReason::Duplicate => {
                "spans that repeat another span's place, label and attributes (see claimspan validate)"
            }
            LeftOutReason::DanglingLink => "links to spans that are missing or were left out",
            LeftOutReason::BadLink => {
                "links whose type is not in the schema or does not join those labels (see claimspan validate)"
            }
        }
    }

    fn of_edit_error(err: &EditError) -> Self {
        match err {
            EditError::OutOfRange { .. } => LeftOutReason::OutOfRange,
            EditError::Inverted { .. } => LeftOutReason::Inverted,
            EditError::Empty { .. } => LeftOutReason::Empty,
            EditError::UnknownLabel { .. } => LeftOutReason::UnknownLabel,
            EditError::UnknownAttribute { .. } | EditError::BadAttributeValue { .. } => {
                LeftOutReason::BadAttribute
            }
            EditError::TextMismatch { .. } => LeftOutReason::TextMismatch,
            EditError::Duplicate { .. } => LeftOutReason::Duplicate,
            EditError::NoSuchSpan(_) | EditError::NoSuchLink { .. } => LeftOutReason::DanglingLink,
            EditError::LinkNotAllowed { .. } | EditError::DuplicateLink { .. } => {
                LeftOutReason::BadLink
            }
        }
    }
}

impl fmt::Display for LeftOutReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// How many spans and links were left out, by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    counts: BTreeMap<LeftOutReason, usize>,
}

impl LeftOut {
    /// Counts one more for `reason`.
    pub fn add(&mut self, reason: LeftOutReason) {
        *self.counts.entry(reason).or_default() += 1;
    }

    /// Adds another tally to this one.
    pub fn absorb(&mut self, other: &LeftOut) {
        for (reason, n) in &other.counts {
            *self.counts.entry(*reason).or_default() += n;
        }
    }

    /// How many were left out for `reason`.
    pub fn count(&self, reason: LeftOutReason) -> usize {
        self.counts.get(&reason).copied().unwrap_or(0)
    }

    /// Every reason with its count, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = (LeftOutReason, usize)> + '_ {
        self.counts.iter().map(|(r, n)| (*r, *n))
    }

    /// Spans left out, all reasons together.
    pub fn spans(&self) -> usize {
        self.iter()
            .filter(|(r, _)| !r.is_link())
            .map(|(_, n)| n)
            .sum()
    }

    /// Links left out, all reasons together.
    pub fn links(&self) -> usize {
        self.iter()
            .filter(|(r, _)| r.is_link())
            .map(|(_, n)| n)
            .sum()
    }

    /// Nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.counts.values().all(|n| *n == 0)
    }
}

impl Annotations {
    /// Keeps only what a reader may use as placed, valid annotations: spans whose
    /// offsets are in the article, whose stored text is what the article has there,
    /// whose label and attributes the schema knows, not flagged unplaced, with no
    /// repeated id or place; and links between two kept spans whose type joins their
    /// labels. Spans that were moved by re-anchoring are kept (their text is where they
    /// now say). The rest is left out and counted by reason.
    ///
    /// Call it after the store re-anchored the annotations to the current text.
    pub fn keep_usable(&mut self, document: &Document, schema: &Schema) -> LeftOut {
        let mut left_out = LeftOut::default();
        // Decided first with keys borrowed from the spans, then applied: a file of
        // half a million spans needs no copy of every label to find repeated places.
        let keep = usable_spans(&self.spans, document, schema, &mut left_out);
        let mut keep = keep.into_iter();
        self.spans.retain(|_| keep.next().unwrap_or(false));
        let labels: HashMap<SpanId, &str> = self
            .spans
            .iter()
            .map(|s| (s.id, s.label.as_str()))
            .collect();
        let mut seen_links = HashSet::with_capacity(self.links.len());
        let mut kept_links = Vec::with_capacity(self.links.len());
        for link in std::mem::take(&mut self.links) {
            let reason = match (labels.get(&link.from), labels.get(&link.to)) {
                (Some(from), Some(to)) => match schema.link_type_for(&link.label, from, to) {
                    Some(_) => None,
                    None => Some(LeftOutReason::BadLink),
                },
                _ => Some(LeftOutReason::DanglingLink),
            };
            match reason {
                Some(reason) => left_out.add(reason),
                None if !seen_links.insert((link.from, link.to)) => {
                    left_out.add(LeftOutReason::BadLink)
                }
                None => kept_links.push(link),
            }
        }
        self.links = kept_links;
        left_out
    }
}

/// A span as the place it takes: start, end, label and attributes (two spans of one
/// place and label with other attributes are two annotations, as an import of two
/// DNA statements on one sentence makes). A reference, not a copy, keeps the set of
/// places of a large file small.
struct Place<'a>(&'a Span);

type PlaceKey<'a> = (
    CharOffset,
    CharOffset,
    &'a str,
    &'a std::collections::BTreeMap<String, String>,
);

impl Place<'_> {
    fn key(&self) -> PlaceKey<'_> {
        (
            self.0.start,
            self.0.end,
            self.0.label.as_str(),
            &self.0.attributes,
        )
    }
}

impl PartialEq for Place<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Place<'_> {}

impl std::hash::Hash for Place<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

/// Whether each span may be used (see [`Annotations::keep_usable`]), counting into
/// `left_out` why not.
fn usable_spans(
    spans: &[Span],
    document: &Document,
    schema: &Schema,
    left_out: &mut LeftOut,
) -> Vec<bool> {
    let mut ids = HashSet::with_capacity(spans.len());
    let mut places = HashSet::with_capacity(spans.len());
    spans
        .iter()
        .map(|span| {
            let reason = if matches!(span.anchor, Some(AnchorFlag::Unplaced { .. })) {
                Some(LeftOutReason::Unplaced)
            } else if let Err(err) = check_span(
                document,
                schema,
                span.start,
                span.end,
                &span.label,
                &span.attributes,
            ) {
                Some(LeftOutReason::of_edit_error(&err))
            } else if document.slice(span.start, span.end) != Some(span.text.as_str()) {
                Some(LeftOutReason::TextMismatch)
            } else if ids.contains(&span.id) {
                Some(LeftOutReason::DuplicateId)
            } else if !places.insert(Place(span)) {
                Some(LeftOutReason::Duplicate)
            } else {
                None
            };
            match reason {
                Some(reason) => {
                    left_out.add(reason);
                    false
                }
                None => {
                    ids.insert(span.id);
                    true
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::AnnotatorName;
    use crate::model::offsets::CharOffset;
    use crate::model::span::{Link, Span, SpanId};

    fn span(id: u32, start: usize, end: usize, label: &str, text: &str) -> Span {
        Span {
            id: SpanId(id),
            start: CharOffset(start),
            end: CharOffset(end),
            label: label.into(),
            text: text.into(),
            attributes: Default::default(),
            note: String::new(),
            anchor: None,
        }
    }

    fn link(from: u32, to: u32, label: &str) -> Link {
        Link {
            from: SpanId(from),
            to: SpanId(to),
            label: label.into(),
        }
    }

    #[test]
    fn every_kind_of_bad_span_is_left_out_and_counted_by_reason() {
        let d = Document::from_text("Iran rejects the plan");
        let schema = Schema::default();
        let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
        a.spans = vec![
            span(1, 0, 4, "actor", "Iran"),
            span(2, 5, 12, "stance", "rejects"),
            span(3, 0, 5000, "actor", "Iran"),
            span(4, 12, 5, "claim", ""),
            span(5, 3, 3, "claim", ""),
            span(6, 13, 21, "topic", "the plan"),
            span(7, 13, 21, "claim", "the flan"),
            span(1, 13, 21, "claim", "the plan"),
            span(9, 0, 4, "actor", "Iran"),
            span(10, 13, 21, "claim", "the plan"),
        ];
        let mut unplaced = span(11, 17, 21, "claim", "deal");
        unplaced.anchor = Some(AnchorFlag::Unplaced { occurrences: 0 });
        a.spans.push(unplaced);
        a.links = vec![
            link(1, 2, "holds"),
            link(2, 10, "about"),
            link(2, 3, "about"),
            link(1, 10, "holds"),
            link(1, 2, "holds"),
        ];
        let left = a.keep_usable(&d, &schema);
        let kept: Vec<u32> = a.spans.iter().map(|s| s.id.0).collect();
        assert_eq!(kept, vec![1, 2, 10]);
        assert_eq!(a.links, vec![link(1, 2, "holds"), link(2, 10, "about")]);
        use LeftOutReason::*;
        for (reason, n) in [
            (OutOfRange, 1),
            (Inverted, 1),
            (Empty, 1),
            (UnknownLabel, 1),
            (TextMismatch, 1),
            (DuplicateId, 1),
            (Duplicate, 1),
            (Unplaced, 1),
            (DanglingLink, 1),
            (BadLink, 2),
        ] {
            assert_eq!(left.count(reason), n, "{reason:?}");
        }
        assert_eq!(left.spans(), 8);
        assert_eq!(left.links(), 3);
    }

    #[test]
    fn a_moved_span_whose_text_stands_where_it_says_is_kept() {
        let d = Document::from_text("Port workers strike");
        let mut a = Annotations::new(&d, AnnotatorName::new("bob").unwrap());
        let mut moved = span(1, 0, 12, "actor", "Port workers");
        moved.anchor = Some(AnchorFlag::Moved {
            from_start: CharOffset(3),
            from_end: CharOffset(15),
        });
        a.spans.push(moved);
        assert!(a.keep_usable(&d, &Schema::default()).is_empty());
        assert_eq!(a.spans.len(), 1);
    }
}
