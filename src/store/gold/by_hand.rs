//! What a person changed in a gold file: through the window (a plain gold save), or
//! outside claimspan, in an editor or through git. Both become decisions a merge
//! keeps: changed spans count as adjudicated by hand, and the old place and label of
//! a span removed or relabelled is overruled.

use super::{Gold, GoldReview, Overruled};
use crate::model::{Annotations, CharOffset, Reanchored, Span, SpanId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A gold span's place, label and attributes as a merge wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsMerged {
    /// First char.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
    /// Label.
    pub label: String,
    /// Attribute values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl AsMerged {
    /// `span` as a merge writes it.
    pub fn of(span: &Span) -> Self {
        Self {
            start: span.start,
            end: span.end,
            label: span.label.clone(),
            attributes: span.attributes.clone(),
        }
    }

    /// True when `span` still has this place, label and attributes.
    pub fn matches(&self, span: &Span) -> bool {
        (self.start, self.end, &self.label, &self.attributes)
            == (span.start, span.end, &span.label, &span.attributes)
    }

    /// The place and label, as overruled when a person changed or removed it.
    pub fn place(&self) -> Overruled {
        Overruled::at(self.start, self.end, &self.label)
    }

    /// True when `span` still has this place and label.
    fn same_place(&self, span: &Span) -> bool {
        (self.start, self.end, &self.label) == (span.start, span.end, &span.label)
    }
}

impl Gold {
    /// Takes in what a person changed in the gold file outside claimspan (in an
    /// editor, or through git) since the last merge wrote it: a merged span whose
    /// place, label or attributes now differ from [`GoldReview::as_merged`] becomes
    /// adjudicated by hand (kept by later merges), and a merged span that is gone was
    /// deleted; the old place and label of both are overruled, so a merge does not
    /// bring them back. Gold files written before `as_merged` existed carry no record
    /// and get one from their next merge. Running it twice changes nothing more.
    pub fn notice_edits_by_hand(&mut self) {
        let review = &mut self.review;
        let spans = &self.annotations;
        review.as_merged.retain(|id, merged| {
            if review.by_hand.contains(id) || !review.provenance.contains_key(id) {
                // Not the merge's any more: a reviewer took it over, or rejected it.
                return false;
            }
            match spans.span(*id) {
                Some(span) if merged.matches(span) => true,
                Some(span) => {
                    review.by_hand.insert(*id);
                    if !merged.same_place(span) {
                        review.overruled.insert(merged.place());
                    }
                    false
                }
                None => {
                    review.overruled.insert(merged.place());
                    review.provenance.remove(id);
                    false
                }
            }
        });
    }
}

/// Moves the merge's record of each moved span along with it, so the span still
/// counts as the merge's, not as changed by a person.
pub(super) fn follow_moves(gold: &mut Gold, reanchored: &[Reanchored]) {
    for change in reanchored {
        if let (Some(merged), Some(span)) = (
            gold.review.as_merged.get_mut(&change.span),
            gold.annotations.span(change.span),
        ) && matches!(change.flag, crate::model::AnchorFlag::Moved { .. })
        {
            merged.start = span.start;
            merged.end = span.end;
        }
    }
}

/// The review fields of `before` for the spans of `after`; new and changed spans
/// become hand-adjudicated, and the places of spans removed or relabelled are
/// overruled.
pub(super) fn carry_review(before: &Gold, after: &Annotations) -> GoldReview {
    let mut review = before.review.clone();
    for old in &before.annotations.spans {
        let kept = after.span(old.id).is_some_and(|new| {
            (new.start, new.end, &new.label) == (old.start, old.end, &old.label)
        });
        if !kept {
            review.overruled.insert(Overruled::of(old));
        }
    }
    let ids: BTreeSet<SpanId> = after.spans.iter().map(|s| s.id).collect();
    review.provenance.retain(|id, _| ids.contains(id));
    review.by_hand.retain(|id| ids.contains(id));
    for span in &after.spans {
        let unchanged = before.annotations.span(span.id).is_some_and(|old| {
            (old.start, old.end, &old.label, &old.attributes)
                == (span.start, span.end, &span.label, &span.attributes)
        });
        if !unchanged {
            review.by_hand.insert(span.id);
        }
    }
    let by_hand = &review.by_hand;
    review
        .as_merged
        .retain(|id, _| ids.contains(id) && !by_hand.contains(id));
    review
}
