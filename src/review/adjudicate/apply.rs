//! How each kind of [`GoldEdit`] changes a gold standard, each returning the edit
//! that undoes it.

use super::GoldEdit;
use crate::model::{AnnotatorName, CharOffset, SpanId};
use crate::review::error::ReviewError;
use crate::review::{Gold, Overruled, Resolution, ReviewNote};

/// Marks span `id` as adjudicated by hand, or not; the inverse says what it was.
pub(super) fn mark_by_hand(gold: &mut Gold, id: SpanId, by_hand: bool) -> GoldEdit {
    let was = if by_hand {
        !gold.review.by_hand.insert(id)
    } else {
        gold.review.by_hand.remove(&id)
    };
    GoldEdit::ByHand { id, by_hand: was }
}

/// Sets (or, with `None`, removes) who had span `id`; the inverse puts back who did.
pub(super) fn set_provenance(
    gold: &mut Gold,
    id: SpanId,
    annotators: Option<Vec<AnnotatorName>>,
) -> GoldEdit {
    let was = match annotators {
        Some(a) => gold.review.provenance.insert(id, a),
        None => gold.review.provenance.remove(&id),
    };
    GoldEdit::Provenance {
        id,
        annotators: was,
    }
}

/// Settles disagreement `disagreement` (or opens it, with `None`); the inverse puts
/// back its resolution.
pub(super) fn settle(
    gold: &mut Gold,
    disagreement: usize,
    settled: Option<Resolution>,
) -> Result<GoldEdit, ReviewError> {
    let count = gold.review.disagreements.len();
    let Some(c) = gold.review.disagreements.get_mut(disagreement) else {
        return Err(ReviewError::NoSuchDisagreement {
            document: gold.annotations.document.to_string(),
            index: disagreement,
            count,
        });
    };
    let was = std::mem::replace(&mut c.settled, settled);
    Ok(GoldEdit::Settle {
        disagreement,
        settled: was,
    })
}

/// Sets the review note on `start..end` (an empty or no `text` removes it); the
/// inverse puts back the note it had.
pub(super) fn set_note(
    gold: &mut Gold,
    start: CharOffset,
    end: CharOffset,
    text: Option<String>,
) -> GoldEdit {
    let notes = &mut gold.review.notes;
    let at = notes.iter().position(|n| n.start == start && n.end == end);
    let was = at.map(|i| notes.remove(i).text);
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        notes.push(ReviewNote { start, end, text });
        notes.sort();
    }
    GoldEdit::Note {
        start,
        end,
        text: was,
    }
}

/// Overrules `place`, or lifts that; the inverse says whether it was.
pub(super) fn overrule(gold: &mut Gold, place: Overruled, overruled: bool) -> GoldEdit {
    let was = if overruled {
        !gold.review.overruled.insert(place.clone())
    } else {
        gold.review.overruled.remove(&place)
    };
    GoldEdit::Overrule {
        place,
        overruled: was,
    }
}
