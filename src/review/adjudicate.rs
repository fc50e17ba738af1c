//! A reviewer's decisions on disagreements, as undoable edits of the gold standard.
//!
//! A decision (accept A's version, B's, both, reject) becomes one [`GoldEdit`]: the
//! span [`Edit`]s that put the chosen candidates into gold and take the others out,
//! plus the bookkeeping (provenance, “adjudicated by hand”, the disagreement settled).
//! Applying a `GoldEdit` returns its inverse, exactly as an `Edit` does, so the
//! window's undo and redo work the same way in review mode ([`GoldHistory`]).

use super::align::align;
use super::error::ReviewError;
use super::{Candidate, Disagreement, Gold, Overruled, Resolution};
use crate::model::annotations::{FreeIds, check_span};
use crate::model::edit::{Reversible, apply_in_order};
use crate::model::{
    Annotations, AnnotatorName, CharOffset, Document, Edit, History, Schema, Span, SpanId,
};
use apply::{mark_by_hand, overrule, set_note, set_provenance, settle};
use std::collections::BTreeSet;

mod apply;

/// What a reviewer decided about one disagreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Take this annotator's version (“accept A”, “accept B”); an annotator who
    /// tagged nothing there makes it a rejection.
    Annotator(AnnotatorName),
    /// Take these candidates, by index.
    Candidates(Vec<usize>),
    /// Take every candidate (“both”).
    All,
    /// Take none of them.
    Reject,
}

/// One undoable change to a gold standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoldEdit {
    /// A change to the gold spans and links.
    Spans(Edit),
    /// Mark a span as adjudicated by hand, or not.
    ByHand {
        /// The span.
        id: SpanId,
        /// Whether it is.
        by_hand: bool,
    },
    /// Set or clear which annotators had a span.
    Provenance {
        /// The span.
        id: SpanId,
        /// The annotators; `None` removes the entry.
        annotators: Option<Vec<AnnotatorName>>,
    },
    /// Settle a disagreement, or open it again.
    Settle {
        /// Its index in the gold standard's disagreements.
        disagreement: usize,
        /// The resolution; `None` opens it.
        settled: Option<Resolution>,
    },
    /// Set, change or remove the review note on a place.
    Note {
        /// First char of the place.
        start: CharOffset,
        /// One past its last char.
        end: CharOffset,
        /// The note; `None` or empty removes it.
        text: Option<String>,
    },
    /// Overrule a place and label, so a merge does not accept it again, or lift
    /// that.
    Overrule {
        /// The place and label.
        place: Overruled,
        /// Whether it is overruled.
        overruled: bool,
    },
    /// Several changes as one step of undo, applied in order.
    Group(Vec<GoldEdit>),
}

impl GoldEdit {
    /// Wraps an edit of the gold spans (tag, relabel, polarity, link) made in review
    /// and marks the spans it makes or changes as adjudicated by hand, so a later
    /// merge keeps them; the place and label of a span it removes or relabels is
    /// overruled, so a later merge does not bring that back.
    pub fn by_hand(edit: Edit, gold: &Gold) -> GoldEdit {
        let mut touched = BTreeSet::new();
        touched_spans(&edit, &mut touched);
        let mut gone = BTreeSet::new();
        replaced_spans(&edit, &mut gone);
        let overrule: BTreeSet<Overruled> = gone
            .iter()
            .filter_map(|&id| gold.annotations.span(id))
            .map(Overruled::of)
            .filter(|place| !gold.review.overruled.contains(place))
            .collect();
        let mut edits = vec![GoldEdit::Spans(edit)];
        for id in touched {
            if !gold.review.by_hand.contains(&id) {
                edits.push(GoldEdit::ByHand { id, by_hand: true });
            }
        }
        for place in overrule {
            edits.push(GoldEdit::Overrule {
                place,
                overruled: true,
            });
        }
        GoldEdit::group(edits)
    }

    /// The reviewer tagged their own version of disagreement `disagreement` (“edit into
    /// gold”): the edit, marked as by hand, and the disagreement settled as edited.
    pub fn edited(disagreement: usize, edit: Edit, gold: &Gold) -> GoldEdit {
        GoldEdit::Group(vec![
            GoldEdit::by_hand(edit, gold),
            GoldEdit::Settle {
                disagreement,
                settled: Some(Resolution::Edited),
            },
        ])
    }

    /// Several edits as one, without nesting a lone edit.
    pub fn group(mut edits: Vec<GoldEdit>) -> GoldEdit {
        if edits.len() == 1 {
            edits.remove(0)
        } else {
            GoldEdit::Group(edits)
        }
    }

    /// Applies the edit and returns the edit that undoes it. On an error nothing has
    /// changed.
    pub fn apply(self, gold: &mut Gold) -> Result<GoldEdit, ReviewError> {
        match self {
            GoldEdit::Spans(edit) => match edit.apply(&mut gold.annotations) {
                Ok(inverse) => Ok(GoldEdit::Spans(inverse)),
                Err(source) => Err(ReviewError::Edit {
                    document: gold.annotations.document.to_string(),
                    source,
                }),
            },
            GoldEdit::ByHand { id, by_hand } => Ok(mark_by_hand(gold, id, by_hand)),
            GoldEdit::Provenance { id, annotators } => Ok(set_provenance(gold, id, annotators)),
            GoldEdit::Settle {
                disagreement,
                settled,
            } => settle(gold, disagreement, settled),
            GoldEdit::Note { start, end, text } => Ok(set_note(gold, start, end, text)),
            GoldEdit::Overrule { place, overruled } => Ok(overrule(gold, place, overruled)),
            GoldEdit::Group(edits) => apply_in_order(gold, edits).map(GoldEdit::Group),
        }
    }
}

/// The spans an edit makes or changes (and the ends of links it draws).
fn touched_spans(edit: &Edit, out: &mut BTreeSet<SpanId>) {
    match edit {
        Edit::InsertSpan { span, .. } => {
            out.insert(span.id);
        }
        Edit::Relabel { id, .. } | Edit::SetAttribute { id, .. } => {
            out.insert(*id);
        }
        Edit::AddLink(link) => {
            out.insert(link.from);
            out.insert(link.to);
        }
        Edit::Group(edits) => {
            for e in edits {
                touched_spans(e, out);
            }
        }
        Edit::RemoveSpan(_)
        | Edit::SetNote { .. }
        | Edit::SetAnchor { .. }
        | Edit::RemoveLink(_)
        | Edit::SetStatus(_)
        | Edit::Reject(_)
        | Edit::Unreject(_) => {}
    }
}

/// The spans an edit takes out or gives another label.
fn replaced_spans(edit: &Edit, out: &mut BTreeSet<SpanId>) {
    match edit {
        Edit::RemoveSpan(id) | Edit::Relabel { id, .. } => {
            out.insert(*id);
        }
        Edit::Group(edits) => {
            for e in edits {
                replaced_spans(e, out);
            }
        }
        Edit::InsertSpan { .. }
        | Edit::SetAttribute { .. }
        | Edit::SetNote { .. }
        | Edit::SetAnchor { .. }
        | Edit::AddLink(_)
        | Edit::RemoveLink(_)
        | Edit::SetStatus(_)
        | Edit::Reject(_)
        | Edit::Unreject(_) => {}
    }
}

/// The edit that carries out `decision` on disagreement `disagreement` of `gold`: chosen
/// candidates go into gold (a span already at their place and label takes their
/// attributes), versions of the other candidates that gold has are taken out, and
/// the disagreement is settled. Nothing changes until the edit is applied.
pub fn adjudicate(
    gold: &Gold,
    disagreement: usize,
    decision: &Decision,
    document: &Document,
    schema: &Schema,
) -> Result<GoldEdit, ReviewError> {
    let count = gold.review.disagreements.len();
    let d = gold.review.disagreements.get(disagreement).ok_or_else(|| {
        ReviewError::NoSuchDisagreement {
            document: gold.annotations.document.to_string(),
            index: disagreement,
            count,
        }
    })?;
    let mut verdict = Verdict {
        gold,
        document,
        schema,
        candidates: &d.candidates,
        chosen: chosen_candidates(gold, d, decision)?,
        edits: Vec::new(),
    };
    verdict.check_no_clash()?;
    let mut free_ids = gold.annotations.free_ids();
    for (i, c) in d.candidates.iter().enumerate() {
        let existing = gold.annotations.at_place(c.start, c.end, &c.label);
        if verdict.chosen.contains(&i) {
            verdict.take(i, c, existing, &mut free_ids)?;
        } else if let Some(s) = existing
            && s.attributes == c.attributes
            && !verdict
                .chosen
                .iter()
                .any(|&j| verdict.place(j) == verdict.place(i))
        {
            verdict.take_out(s.id);
        }
    }
    let Verdict {
        chosen, mut edits, ..
    } = verdict;
    let settled = if chosen.is_empty() {
        Resolution::Rejected
    } else {
        Resolution::Accepted(chosen.into_iter().collect())
    };
    edits.push(GoldEdit::Settle {
        disagreement,
        settled: Some(settled),
    });
    Ok(GoldEdit::Group(edits))
}

/// The candidates of disagreement `d` that `decision` takes, by index.
fn chosen_candidates(
    gold: &Gold,
    d: &Disagreement,
    decision: &Decision,
) -> Result<BTreeSet<usize>, ReviewError> {
    Ok(match decision {
        Decision::Annotator(a) => d.candidates_of(a).into_iter().collect(),
        Decision::Candidates(list) => {
            if let Some(&bad) = list.iter().find(|&&i| i >= d.candidates.len()) {
                return Err(ReviewError::NoSuchCandidate {
                    document: gold.annotations.document.to_string(),
                    index: bad,
                    count: d.candidates.len(),
                });
            }
            list.iter().copied().collect()
        }
        Decision::All => (0..d.candidates.len()).collect(),
        Decision::Reject => BTreeSet::new(),
    })
}

/// A decision on one disagreement as it is turned into edits of gold.
struct Verdict<'a> {
    /// The gold standard as it is before the decision.
    gold: &'a Gold,
    /// The article, to check and place the chosen candidates.
    document: &'a Document,
    /// What labels there are.
    schema: &'a Schema,
    /// The disagreement's candidates.
    candidates: &'a [Candidate],
    /// The candidates taken, by index.
    chosen: BTreeSet<usize>,
    /// The edits so far.
    edits: Vec<GoldEdit>,
}

impl Verdict<'_> {
    /// Candidate `i`'s place and label.
    fn place(&self, i: usize) -> (CharOffset, CharOffset, &str) {
        let c = &self.candidates[i];
        (c.start, c.end, c.label.as_str())
    }

    /// Refuses two chosen candidates with one place and label: gold can hold only one.
    fn check_no_clash(&self) -> Result<(), ReviewError> {
        for &a in &self.chosen {
            if let Some(&b) = self
                .chosen
                .iter()
                .find(|&&b| b > a && self.place(b) == self.place(a))
            {
                return Err(ReviewError::Clash {
                    document: self.gold.annotations.document.to_string(),
                    first: a,
                    second: b,
                });
            }
        }
        Ok(())
    }

    /// Puts chosen candidate `c` (number `i`) into gold, by hand and with whose it
    /// was: as the span `existing` at its place and label (given its attributes), or
    /// as a new span with an id from `free_ids`.
    fn take(
        &mut self,
        i: usize,
        c: &Candidate,
        existing: Option<&Span>,
        free_ids: &mut FreeIds,
    ) -> Result<(), ReviewError> {
        check_span(
            self.document,
            self.schema,
            c.start,
            c.end,
            &c.label,
            &c.attributes,
        )
        .map_err(|source| ReviewError::Candidate {
            document: self.gold.annotations.document.to_string(),
            index: i,
            source,
        })?;
        let id = match existing {
            Some(s) => {
                if s.attributes != c.attributes {
                    self.edits.push(GoldEdit::Spans(Edit::Relabel {
                        id: s.id,
                        label: c.label.clone(),
                        attributes: c.attributes.clone(),
                    }));
                }
                s.id
            }
            None => {
                let id = free_ids.take().ok_or_else(|| ids_used_up(self.gold))?;
                self.edits.push(GoldEdit::Spans(Edit::InsertSpan {
                    span: c.to_span(id, self.document),
                    links: Vec::new(),
                }));
                id
            }
        };
        self.edits.push(GoldEdit::ByHand { id, by_hand: true });
        self.edits.push(GoldEdit::Provenance {
            id,
            annotators: Some(c.annotators.clone()),
        });
        Ok(())
    }

    /// Takes gold's span `id`, a version of a candidate not chosen, out of gold.
    fn take_out(&mut self, id: SpanId) {
        self.edits.push(GoldEdit::Spans(Edit::RemoveSpan(id)));
        self.edits.push(GoldEdit::Provenance {
            id,
            annotators: None,
        });
        self.edits.push(GoldEdit::ByHand { id, by_hand: false });
    }
}

/// “Accept all agreed”: puts every span all of `annotations` made alike into gold,
/// where gold has nothing at that place and label yet and the reviewer has not taken
/// it out before (overruled), with its provenance. These count as merged, not
/// adjudicated by hand.
pub fn accept_agreed(
    gold: &Gold,
    annotations: &[&Annotations],
    document: &Document,
    schema: &Schema,
) -> Result<GoldEdit, ReviewError> {
    let mut edits = Vec::new();
    let mut free_ids = gold.annotations.free_ids();
    for (i, c) in align(annotations).agreed.into_iter().enumerate() {
        let overruled = gold
            .review
            .overruled
            .contains(&Overruled::at(c.start, c.end, &c.label));
        if overruled
            || gold
                .annotations
                .at_place(c.start, c.end, &c.label)
                .is_some()
        {
            continue;
        }
        let id = free_ids.take().ok_or_else(|| ids_used_up(gold))?;
        put_back(gold, c, i, id, document, schema, &mut edits)?;
    }
    Ok(GoldEdit::Group(edits))
}

/// Takes back a reviewer's removal of `place` from gold: a later merge may accept it
/// again, and the version all of `annotations` made there, if they made one alike,
/// goes back into gold with its provenance.
pub fn restore(
    gold: &Gold,
    place: &Overruled,
    annotations: &[&Annotations],
    document: &Document,
    schema: &Schema,
) -> Result<GoldEdit, ReviewError> {
    let mut edits = vec![GoldEdit::Overrule {
        place: place.clone(),
        overruled: false,
    }];
    let free = gold
        .annotations
        .at_place(place.start, place.end, &place.label)
        .is_none();
    let agreed = align(annotations)
        .agreed
        .into_iter()
        .enumerate()
        .find(|(_, c)| Overruled::at(c.start, c.end, &c.label) == *place);
    if free && let Some((i, c)) = agreed {
        let id = gold.annotations.next_id();
        put_back(gold, c, i, id, document, schema, &mut edits)?;
    }
    Ok(GoldEdit::Group(edits))
}

/// Every span id is in use (only a file of 4 billion spans could do that).
fn ids_used_up(gold: &Gold) -> ReviewError {
    ReviewError::IdsUsedUp {
        document: gold.annotations.document.to_string(),
    }
}

/// The edits that put agreed version `c` (number `i`) into gold as span `id`, saying
/// whose it was.
fn put_back(
    gold: &Gold,
    c: Candidate,
    i: usize,
    id: SpanId,
    document: &Document,
    schema: &Schema,
    edits: &mut Vec<GoldEdit>,
) -> Result<(), ReviewError> {
    check_span(document, schema, c.start, c.end, &c.label, &c.attributes).map_err(|source| {
        ReviewError::Candidate {
            document: gold.annotations.document.to_string(),
            index: i,
            source,
        }
    })?;
    edits.push(GoldEdit::Spans(Edit::InsertSpan {
        span: c.to_span(id, document),
        links: Vec::new(),
    }));
    edits.push(GoldEdit::Provenance {
        id,
        annotators: Some(c.annotators),
    });
    Ok(())
}

impl Reversible for GoldEdit {
    type Target = Gold;
    type Error = ReviewError;
    fn apply_to(self, gold: &mut Gold) -> Result<GoldEdit, ReviewError> {
        self.apply(gold)
    }
}

/// Undo and redo in review mode, over [`GoldEdit`]s.
pub type GoldHistory = History<GoldEdit>;

#[cfg(test)]
mod tests;
