//! Merging annotators' work on a document into its gold standard.
//!
//! A span (with its attributes) that at least `min` annotators made exactly alike is
//! accepted; so is a link that `min` annotators drew between the same places with
//! the same type. Every other span ends up in a disagreement that is kept in the gold
//! standard as a disagreement for a reviewer. What a reviewer adjudicated by hand is never
//! touched: such spans stay as they are, an accepted span at their place is left out,
//! a settled disagreement found again keeps its resolution (its candidates are not
//! accepted a second time), even when the merge looks at another set of annotators
//! ([`settled`]), and a span a reviewer took out of gold or relabelled is not
//! accepted again at its old place and label — in the window or in an editor
//! ([`Gold::notice_edits_by_hand`]). Running a merge twice on the same files gives the
//! same gold standard, down to the span ids.
//!
//! Only spans that stand where they say go into gold: the annotators' annotations are
//! taken as [`Project::load_compared`](crate::store::Project::load_compared) gives
//! them (re-anchored and cut down by [`Annotations::keep_usable`]), and of the
//! previous gold standard only usable spans count as placed. A hand-made gold span
//! that is not usable (its article changed and its text was not found once) stays
//! in the file as it was, for a person to place, and is counted.

pub mod settled;

use super::align::{candidates, disagreement, group};
use super::error::ReviewError;
use super::{Candidate, Disagreement, Gold, GoldReview};
use crate::model::{
    Annotations, AnnotatorName, CharOffset, Document, Link, Schema, Span, SpanId, Status,
};
use crate::store::gold::AsMerged;
use settled::{carry_settled, version};
use std::collections::{BTreeMap, BTreeSet};

/// A merged gold standard and what the merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The new gold standard.
    pub gold: Gold,
    /// Spans accepted because enough annotators made them alike.
    pub accepted: usize,
    /// Disagreements waiting for a reviewer.
    pub disagreements: usize,
    /// Disagreements a reviewer had settled before, found again and left settled.
    pub settled: usize,
    /// Spans adjudicated by hand, kept as they were.
    pub by_hand: usize,
    /// Spans enough annotators share that a reviewer had taken out of gold, left out.
    pub overruled: usize,
    /// Hand-made gold spans that cannot be used as placed (unplaced after the article
    /// changed, or invalid), kept in the file as they were for a person to fix.
    pub kept_unusable: usize,
}

/// Checks that `min` fits the number of annotators chosen.
pub fn check_minimum(min: usize, annotators: usize) -> Result<(), ReviewError> {
    if min == 0 || min > annotators {
        Err(ReviewError::BadMinimum { min, annotators })
    } else {
        Ok(())
    }
}

/// The previous gold standard as a merge uses it.
struct Previous {
    /// With edits made outside claimspan taken in, and only its usable spans.
    gold: Gold,
    /// Hand-made spans that are not usable, carried over as they are.
    kept_aside: Vec<Span>,
    /// Every id the file used, so no new span takes one.
    ids: Vec<SpanId>,
}

impl Previous {
    fn of(document: &Document, schema: &Schema, previous: Option<&Gold>) -> Self {
        let mut gold = previous.cloned().unwrap_or_else(|| Gold::new(document));
        gold.notice_edits_by_hand();
        let ids = gold.annotations.spans.iter().map(|s| s.id).collect();
        let mut usable = gold.annotations.clone();
        usable.keep_usable(document, schema);
        // keep_usable keeps spans in order, so the left-out ones are those the walk
        // does not meet in the kept list.
        let mut kept = usable.spans.into_iter().peekable();
        let mut spans = Vec::with_capacity(gold.annotations.spans.len());
        let mut kept_aside = Vec::new();
        for span in std::mem::take(&mut gold.annotations.spans) {
            if kept.peek() == Some(&span) {
                kept.next();
                spans.push(span);
            } else if gold.is_by_hand(span.id) {
                kept_aside.push(span);
            }
        }
        gold.annotations.spans = spans;
        Self {
            gold,
            kept_aside,
            ids,
        }
    }
}

/// Merges the annotations of `document` (one per annotator who annotated it, each
/// already cut down to usable spans, as [`Project::load_compared`] gives them) into
/// its gold standard, starting from `previous` (the gold file as loaded) if there is
/// one. Pure: the caller reads and writes the files.
///
/// [`Project::load_compared`]: crate::store::Project::load_compared
pub fn merge(
    document: &Document,
    schema: &Schema,
    annotations: &[&Annotations],
    previous: Option<&Gold>,
    min: usize,
) -> Merged {
    let min = min.max(1);
    let Previous {
        gold: previous,
        kept_aside,
        ids,
    } = Previous::of(document, schema, previous);
    let previous = &previous;
    let names: Vec<AnnotatorName> = annotations.iter().map(|a| a.annotator.clone()).collect();
    let versions = candidates(annotations);
    let (disagreements, blocked) = find_disagreements(&versions, previous, &names, min);

    let Accepted {
        mut spans,
        as_merged,
        accepted,
        overruled,
    } = accept(document, previous, &versions, &blocked, ids, min);
    let kept_unusable = kept_aside.len();
    spans.extend(kept_aside);
    spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));

    let provenance = provenance(&spans, &versions);
    let by_hand: BTreeSet<SpanId> = spans
        .iter()
        .map(|s| s.id)
        .filter(|id| !as_merged.contains_key(id))
        .collect();
    let links = merged_links(annotations, previous, &spans, &by_hand, min);
    let open = disagreements.iter().filter(|c| c.settled.is_none()).count();
    let gold = Gold {
        annotations: Annotations {
            document: document.id().clone(),
            text_hash: document.hash().clone(),
            annotator: AnnotatorName::gold(),
            // Done only when nothing waits for a person: no open disagreement, no span
            // to place.
            status: if open == 0 && kept_unusable == 0 {
                Status::Done
            } else {
                Status::InProgress
            },
            spans,
            links,
            // Rejections are the annotators' own; a reviewer's stay with gold.
            rejected: previous.annotations.rejected.clone(),
        },
        review: GoldReview {
            provenance,
            by_hand,
            disagreements,
            notes: previous.review.notes.clone(),
            overruled: previous.review.overruled.clone(),
            as_merged,
        },
    };
    Merged {
        accepted,
        overruled,
        disagreements: open,
        settled: gold.review.disagreements.len() - open,
        by_hand: gold.review.by_hand.len(),
        kept_unusable,
        gold,
    }
}

/// The spans a merge puts in gold, before the unusable hand-made ones join them.
struct Accepted {
    /// Hand-adjudicated spans, then accepted ones.
    spans: Vec<Span>,
    /// Each accepted span as the merge made it, to notice later edits by hand.
    as_merged: BTreeMap<SpanId, AsMerged>,
    /// Spans accepted because enough annotators made them alike.
    accepted: usize,
    /// Spans enough annotators share that a reviewer had taken out, left out.
    overruled: usize,
}

/// Hand-adjudicated spans stay; accepted ones keep the ids (and notes) they had. A
/// candidate is accepted when `min` annotators made it, nothing blocks it
/// (`blocked`, by candidate), no hand-made span has its place and label, and a
/// reviewer did not take it out.
fn accept(
    document: &Document,
    previous: &Gold,
    versions: &[Candidate],
    blocked: &[bool],
    ids: Vec<SpanId>,
    min: usize,
) -> Accepted {
    let hand: Vec<&Span> = previous
        .annotations
        .spans
        .iter()
        .filter(|s| previous.is_by_hand(s.id))
        .collect();
    let hand_places: BTreeSet<Place> = hand.iter().map(|s| place(s)).collect();
    let overruled_places: BTreeSet<Place> = previous
        .review
        .overruled
        .iter()
        .map(|o| (o.start, o.end, o.label.as_str()))
        .collect();
    let mut free_ids = crate::model::annotations::FreeIds::new(ids);
    let mut out = Accepted {
        spans: hand.iter().map(|&s| s.clone()).collect(),
        as_merged: BTreeMap::new(),
        accepted: 0,
        overruled: 0,
    };
    for (i, c) in versions.iter().enumerate() {
        let at = (c.start, c.end, c.label.as_str());
        if c.annotators.len() < min || blocked[i] || hand_places.contains(&at) {
            continue;
        }
        if overruled_places.contains(&at) {
            out.overruled += 1;
            continue;
        }
        let before = previous
            .annotations
            .spans
            .iter()
            .find(|s| !previous.is_by_hand(s.id) && c.is(s));
        let id = match before.map(|s| s.id).or_else(|| free_ids.take()) {
            Some(id) => id,
            // Every id from 1 to u32::MAX in use: no file that fits in memory.
            None => break,
        };
        let mut span = c.to_span(id, document);
        span.note = before.map(|s| s.note.clone()).unwrap_or_default();
        out.as_merged.insert(id, AsMerged::of(&span));
        out.spans.push(span);
        out.accepted += 1;
    }
    out
}

/// Who made each gold span, as the candidate it is (nobody, for a span no annotator
/// made alike).
fn provenance(spans: &[Span], versions: &[Candidate]) -> BTreeMap<SpanId, Vec<AnnotatorName>> {
    spans
        .iter()
        .map(|s| {
            let who = versions
                .iter()
                .find(|c| c.is(s))
                .map(|c| c.annotators.clone())
                .unwrap_or_default();
            (s.id, who)
        })
        .collect()
}

/// The disagreements that need a reviewer, with what was settled before carried
/// over, and for each candidate whether it is kept out of gold: a reviewer decided
/// on it, or it clashes with another accepted version of its place and label.
fn find_disagreements(
    versions: &[Candidate],
    previous: &Gold,
    names: &[AnnotatorName],
    min: usize,
) -> (Vec<Disagreement>, Vec<bool>) {
    let unanimous = |c: &Candidate| c.annotators.len() == names.len();
    let rest: Vec<usize> = (0..versions.len())
        .filter(|&i| !unanimous(&versions[i]))
        .collect();
    let rest_candidates: Vec<Candidate> = rest.iter().map(|&i| versions[i].clone()).collect();
    let mut found = Vec::new();
    let mut blocked = vec![false; versions.len()];
    for members in group(&rest_candidates) {
        let of_members: Vec<&Candidate> = members.iter().map(|&i| &rest_candidates[i]).collect();
        if !needs_reviewer(&of_members, min) {
            continue;
        }
        // Of two accepted versions of one place and label, neither goes in.
        for &i in &members {
            if clashes(&rest_candidates, &members, i, min) {
                blocked[rest[i]] = true;
            }
        }
        found.push(disagreement(&of_members, names));
    }
    let carried = carry_settled(&previous.review.disagreements, found, names);
    for (i, c) in versions.iter().enumerate() {
        if carried.decided.contains(&version(c)) {
            blocked[i] = true;
        }
    }
    (carried.disagreements, blocked)
}

/// True when a group of disagreeing candidates needs a reviewer: one of them was made
/// by fewer than `min` annotators, or two accepted ones tag one place with one label.
fn needs_reviewer(members: &[&Candidate], min: usize) -> bool {
    members.iter().any(|c| c.annotators.len() < min)
        || members.iter().enumerate().any(|(i, a)| {
            members[i + 1..].iter().any(|b| {
                a.annotators.len() >= min
                    && b.annotators.len() >= min
                    && (a.start, a.end, &a.label) == (b.start, b.end, &b.label)
            })
        })
}

/// True when accepted candidate `i` has an accepted rival at its place and label.
fn clashes(all: &[Candidate], members: &[usize], i: usize, min: usize) -> bool {
    let c = &all[i];
    c.annotators.len() >= min
        && members.iter().any(|&j| {
            j != i
                && all[j].annotators.len() >= min
                && (all[j].start, all[j].end, &all[j].label) == (c.start, c.end, &c.label)
        })
}

/// A span's place and label, which is what links are compared by.
type Place<'a> = (CharOffset, CharOffset, &'a str);

fn place(s: &Span) -> Place<'_> {
    (s.start, s.end, s.label.as_str())
}

/// Links that `min` annotators drew alike between places now in gold, and the links
/// of the previous gold standard that touch a span adjudicated by hand.
fn merged_links(
    annotations: &[&Annotations],
    previous: &Gold,
    spans: &[Span],
    by_hand: &BTreeSet<SpanId>,
    min: usize,
) -> Vec<Link> {
    let gold_ids: BTreeMap<Place, SpanId> = spans.iter().map(|s| (place(s), s.id)).collect();
    let mut votes: BTreeMap<(Place, Place, &str), usize> = BTreeMap::new();
    for a in annotations {
        let mut drawn = BTreeSet::new();
        for link in &a.links {
            if let (Some(from), Some(to)) = (a.span(link.from), a.span(link.to)) {
                drawn.insert((place(from), place(to), link.label.as_str()));
            }
        }
        for key in drawn {
            *votes.entry(key).or_insert(0) += 1;
        }
    }
    let mut links: BTreeSet<Link> = votes
        .into_iter()
        .filter(|(_, n)| *n >= min)
        .filter_map(|((from, to, label), _)| {
            Some(Link {
                from: *gold_ids.get(&from)?,
                to: *gold_ids.get(&to)?,
                label: label.to_owned(),
            })
        })
        .collect();
    let kept: BTreeSet<SpanId> = spans.iter().map(|s| s.id).collect();
    for link in &previous.annotations.links {
        let survives = kept.contains(&link.from) && kept.contains(&link.to);
        if survives && (by_hand.contains(&link.from) || by_hand.contains(&link.to)) {
            links.insert(link.clone());
        }
    }
    links.into_iter().collect()
}

#[cfg(test)]
mod tests;
