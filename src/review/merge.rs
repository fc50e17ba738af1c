//! Merging annotators' work on a document into its gold standard.
//!
//! A span (with its attributes) that at least `min` annotators made exactly alike is
//! accepted; so is a link that `min` annotators drew between the same places with
//! the same type. Every other span ends up in a disagreement that is kept in the gold
//! standard as a conflict for a reviewer. What a reviewer adjudicated by hand is never
//! touched: such spans stay as they are, an accepted span at their place is left out,
//! a settled conflict found again keeps its resolution (its candidates are not
//! accepted a second time), and a span a reviewer took out of gold or relabelled is
//! not accepted again at its old place and label. Running a merge twice on the same
//! files gives the same gold standard, down to the span ids.

use super::align::{candidates, disagreement, group};
use super::error::ReviewError;
use super::{Candidate, Disagreement, Gold, GoldReview};
use crate::model::{Annotations, AnnotatorName, CharOffset, Document, Link, Span, SpanId, Status};
use std::collections::{BTreeMap, BTreeSet};

/// A merged gold standard and what the merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The new gold standard.
    pub gold: Gold,
    /// Spans accepted because enough annotators made them alike.
    pub accepted: usize,
    /// Disagreements waiting for a reviewer.
    pub conflicts: usize,
    /// Disagreements a reviewer had settled before, found again and left settled.
    pub settled: usize,
    /// Spans adjudicated by hand, kept as they were.
    pub by_hand: usize,
    /// Spans enough annotators share that a reviewer had taken out of gold, left out.
    pub overruled: usize,
}

/// Checks that `min` fits the number of annotators chosen.
pub fn check_minimum(min: usize, annotators: usize) -> Result<(), ReviewError> {
    if min == 0 || min > annotators {
        Err(ReviewError::BadMinimum { min, annotators })
    } else {
        Ok(())
    }
}

/// Merges the annotations of `document` (one per annotator who annotated it) into
/// its gold standard, starting from `previous` (the gold file as loaded) if there is
/// one. Pure: the caller reads and writes the files.
pub fn merge(
    document: &Document,
    annotations: &[&Annotations],
    previous: Option<&Gold>,
    min: usize,
) -> Merged {
    let min = min.max(1);
    let empty = Gold::new(document);
    let previous = previous.unwrap_or(&empty);
    let names: Vec<AnnotatorName> = annotations.iter().map(|a| a.annotator.clone()).collect();
    let versions = candidates(annotations);

    // Disagreements, and which candidates a settled one covers.
    let unanimous = |c: &Candidate| c.annotators.len() == names.len();
    let rest: Vec<usize> = (0..versions.len())
        .filter(|&i| !unanimous(&versions[i]))
        .collect();
    let rest_candidates: Vec<Candidate> = rest.iter().map(|&i| versions[i].clone()).collect();
    let mut conflicts: Vec<Disagreement> = Vec::new();
    let mut blocked = vec![false; versions.len()];
    for members in group(&rest_candidates) {
        let of_members: Vec<&Candidate> = members.iter().map(|&i| &rest_candidates[i]).collect();
        if !needs_reviewer(&of_members, min) {
            continue;
        }
        let mut found = disagreement(&of_members, &names);
        if let Some(old) = previous.review.conflicts.iter().find(|o| o.same_as(&found)) {
            found.settled = old.settled.clone();
        }
        if found.settled.is_some() {
            for &i in &members {
                blocked[rest[i]] = true;
            }
        } else {
            // Of two accepted versions of one place and label, neither goes in.
            for &i in &members {
                if clashes(&rest_candidates, &members, i, min) {
                    blocked[rest[i]] = true;
                }
            }
        }
        conflicts.push(found);
    }

    // Hand-adjudicated spans stay; accepted ones keep the ids (and notes) they had.
    let hand: Vec<&Span> = previous
        .annotations
        .spans
        .iter()
        .filter(|s| previous.is_by_hand(s.id))
        .collect();
    let hand_places: BTreeSet<(CharOffset, CharOffset, &str)> = hand
        .iter()
        .map(|s| (s.start, s.end, s.label.as_str()))
        .collect();
    let mut next_id = previous.annotations.next_id().0;
    let mut spans: Vec<Span> = hand.iter().map(|&s| s.clone()).collect();
    let mut accepted = 0;
    let mut skipped = 0;
    let overruled_places: BTreeSet<Place> = previous
        .review
        .overruled
        .iter()
        .map(|o| (o.start, o.end, o.label.as_str()))
        .collect();
    let overruled = |c: &Candidate| overruled_places.contains(&(c.start, c.end, c.label.as_str()));
    for (i, c) in versions.iter().enumerate() {
        if c.annotators.len() < min
            || blocked[i]
            || hand_places.contains(&(c.start, c.end, c.label.as_str()))
        {
            continue;
        }
        if overruled(c) {
            skipped += 1;
            continue;
        }
        let before = previous
            .annotations
            .spans
            .iter()
            .find(|s| !previous.is_by_hand(s.id) && c.is(s));
        let id = match before {
            Some(s) => s.id,
            None => {
                next_id += 1;
                SpanId(next_id - 1)
            }
        };
        let mut span = c.to_span(id, document);
        span.note = before.map(|s| s.note.clone()).unwrap_or_default();
        spans.push(span);
        accepted += 1;
    }
    spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));

    let provenance: BTreeMap<SpanId, Vec<AnnotatorName>> = spans
        .iter()
        .map(|s| {
            let who = versions
                .iter()
                .find(|c| c.is(s))
                .map(|c| c.annotators.clone())
                .unwrap_or_default();
            (s.id, who)
        })
        .collect();
    let by_hand: BTreeSet<SpanId> = hand.iter().map(|s| s.id).collect();
    let links = merged_links(annotations, previous, &spans, &by_hand, min);
    let open = conflicts.iter().filter(|c| c.settled.is_none()).count();
    let gold = Gold {
        annotations: Annotations {
            document: document.id().clone(),
            text_hash: document.hash().clone(),
            annotator: AnnotatorName::gold(),
            status: if open == 0 {
                Status::Done
            } else {
                Status::InProgress
            },
            spans,
            links,
        },
        review: GoldReview {
            provenance,
            by_hand,
            conflicts,
            notes: previous.review.notes.clone(),
            overruled: previous.review.overruled.clone(),
        },
    };
    Merged {
        accepted,
        overruled: skipped,
        conflicts: open,
        settled: gold.review.conflicts.len() - open,
        by_hand: gold.review.by_hand.len(),
        gold,
    }
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
mod tests {
    use super::*;
    use crate::model::{DocumentId, Schema};
    use crate::review::align::tests::{TEXT, coded};
    use crate::review::{DisagreementKind, Resolution};

    fn document() -> Document {
        Document::from_text(TEXT)
    }

    fn name(n: &str) -> AnnotatorName {
        AnnotatorName::new(n).unwrap()
    }

    fn places(gold: &Gold) -> Vec<(usize, usize, &str)> {
        gold.annotations
            .spans
            .iter()
            .map(|s| (s.start.0, s.end.0, s.label.as_str()))
            .collect()
    }

    fn three() -> [Annotations; 3] {
        let mut alice = coded(
            "alice",
            &[
                (0, 4, "actor", None),
                (15, 23, "actor", None),
                (36, 44, "stance", Some("oppose")),
                (45, 58, "claim", None),
            ],
        );
        let mut bob = coded(
            "bob",
            &[
                (0, 4, "actor", None),
                (15, 23, "actor", None),
                (36, 44, "stance", Some("oppose")),
                (45, 53, "claim", None),
            ],
        );
        let carol = coded(
            "carol",
            &[(0, 4, "actor", None), (36, 44, "stance", Some("support"))],
        );
        let schema = Schema::default();
        for a in [&mut alice, &mut bob] {
            // actor 0..4 —holds→ stance 36..44.
            let (actor, stance) = (a.spans[0].id, a.spans[2].id);
            a.add_link(&schema, actor, stance).unwrap();
        }
        [alice, bob, carol]
    }

    #[test]
    fn min_two_of_three_accepts_majorities_and_lists_the_rest() {
        let [alice, bob, carol] = three();
        let merged = merge(&document(), &[&alice, &bob, &carol], None, 2);
        let gold = &merged.gold;
        assert_eq!(
            places(gold),
            [(0, 4, "actor"), (15, 23, "actor"), (36, 44, "stance")]
        );
        assert_eq!(merged.accepted, 3);
        assert_eq!(gold.annotations.spans[2].attributes["polarity"], "oppose");
        let who = |i: usize| gold.review.provenance[&gold.annotations.spans[i].id].clone();
        assert_eq!(who(0), [name("alice"), name("bob"), name("carol")]);
        assert_eq!(who(1), [name("alice"), name("bob")]);
        // The link two of three drew is accepted between the gold spans.
        assert_eq!(gold.annotations.links.len(), 1);
        assert_eq!(gold.annotations.links[0].label, "holds");
        // carol's polarity and the claims' edges are left to a reviewer; carol's
        // missing minister is settled by the majority.
        let kinds: Vec<DisagreementKind> = gold.review.conflicts.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [DisagreementKind::Attributes, DisagreementKind::Edges]
        );
        assert_eq!(merged.conflicts, 2);
        assert_eq!(gold.annotations.status, Status::InProgress);
        assert!(gold.review.by_hand.is_empty());
    }

    #[test]
    fn min_three_accepts_only_what_everyone_made() {
        let [alice, bob, carol] = three();
        let merged = merge(&document(), &[&alice, &bob, &carol], None, 3);
        assert_eq!(places(&merged.gold), [(0, 4, "actor")]);
        assert_eq!(merged.conflicts, 3);
        assert!(
            merged.gold.annotations.links.is_empty(),
            "stance not in gold"
        );
        // min 1 takes everything but cannot take two polarities of one stance.
        let merged = merge(&document(), &[&alice, &bob, &carol], None, 1);
        assert_eq!(
            places(&merged.gold),
            [
                (0, 4, "actor"),
                (15, 23, "actor"),
                (45, 53, "claim"),
                (45, 58, "claim")
            ]
        );
        assert_eq!(merged.conflicts, 1);
        assert_eq!(
            merged.gold.review.conflicts[0].kind,
            DisagreementKind::Attributes
        );
    }

    #[test]
    fn a_second_run_changes_nothing() {
        let [alice, bob, carol] = three();
        let all = [&alice, &bob, &carol];
        let first = merge(&document(), &all, None, 2);
        let second = merge(&document(), &all, Some(&first.gold), 2);
        assert_eq!(second.gold, first.gold);
    }

    #[test]
    fn hand_adjudicated_spans_and_settled_conflicts_survive_a_merge() {
        let [alice, bob, carol] = three();
        let all = [&alice, &bob, &carol];
        let mut gold = merge(&document(), &all, None, 2).gold;
        // A reviewer made the stance “support” by hand and settled the claim conflict
        // by rejecting both claims; they also noted something.
        let stance = gold.annotations.spans[2].id;
        gold.annotations.spans[2]
            .attributes
            .insert("polarity".into(), "support".into());
        gold.review.by_hand.insert(stance);
        gold.review.conflicts[1].settled = Some(Resolution::Rejected);
        gold.review.notes.push(crate::review::ReviewNote {
            start: CharOffset(45),
            end: CharOffset(58),
            text: "not a claim, a description".into(),
        });
        let again = merge(&document(), &all, Some(&gold), 2);
        let g = &again.gold;
        assert_eq!(
            g.annotations.span(stance).unwrap().attributes["polarity"],
            "support"
        );
        assert!(g.review.by_hand.contains(&stance));
        assert_eq!(g.review.provenance[&stance], [name("carol")]);
        assert_eq!(g.review.conflicts[1].settled, Some(Resolution::Rejected));
        assert!(!places(g).contains(&(45, 58, "claim")));
        assert_eq!(g.review.notes, gold.review.notes);
        assert_eq!((again.conflicts, again.settled, again.by_hand), (1, 1, 1));
        // The link touching the hand-made stance is kept.
        assert_eq!(g.annotations.links.len(), 1);
        // A gold file made by hand before any merge (no provenance) is kept whole.
        let d = document();
        let mut plain = Gold::new(&d);
        plain.annotations.spans.push(Span {
            id: SpanId(1),
            start: CharOffset(24),
            end: CharOffset(35),
            label: "actor".into(),
            text: "Javad Zarif".into(),
            attributes: BTreeMap::new(),
            note: String::new(),
            anchor: None,
        });
        let merged = merge(&d, &all, Some(&plain), 2);
        assert!(places(&merged.gold).contains(&(24, 35, "actor")));
        assert!(merged.gold.review.by_hand.contains(&SpanId(1)));
        assert!(merged.gold.annotations.span(SpanId(1)).is_some());
        assert_ne!(merged.gold.annotations.spans[0].id, SpanId(1));
        assert_eq!(d.id(), &DocumentId::new("d").unwrap());
    }

    #[test]
    fn spans_a_reviewer_took_out_or_relabelled_stay_out_of_later_merges() {
        use crate::model::Edit;
        use crate::review::GoldEdit;
        let [alice, bob, carol] = three();
        let all = [&alice, &bob, &carol];
        let mut gold = merge(&document(), &all, None, 2).gold;
        let minister = gold.annotations.spans[1].id; // (15, 23, "actor"), alice and bob
        let iran = gold.annotations.spans[0].id; // (0, 4, "actor"), everyone
        // The reviewer deletes one agreed span and makes another a claim.
        let remove = GoldEdit::by_hand(Edit::RemoveSpan(minister), &gold);
        let undo_remove = remove.apply(&mut gold).unwrap();
        let relabel = GoldEdit::by_hand(
            Edit::Relabel {
                id: iran,
                label: "claim".into(),
                attributes: BTreeMap::new(),
            },
            &gold,
        );
        relabel.apply(&mut gold).unwrap();
        assert_eq!(gold.review.overruled.len(), 2);

        let again = merge(&document(), &all, Some(&gold), 2);
        let p = places(&again.gold);
        assert!(!p.contains(&(15, 23, "actor")), "{p:?}");
        assert!(!p.contains(&(0, 4, "actor")), "{p:?}");
        assert!(
            p.contains(&(0, 4, "claim")),
            "the reviewer's label stays: {p:?}"
        );
        assert_eq!(again.overruled, 2);
        assert_eq!(again.gold.review.overruled, gold.review.overruled);
        // Twice is the same as once.
        let third = merge(&document(), &all, Some(&again.gold), 2);
        assert_eq!(third.gold, again.gold);

        // Undoing the removal lifts the overrule: the span is back, and merges keep it.
        let mut undone = gold.clone();
        undo_remove.apply(&mut undone).unwrap();
        assert_eq!(undone.review.overruled.len(), 1);
        let after_undo = merge(&document(), &all, Some(&undone), 2);
        assert!(places(&after_undo.gold).contains(&(15, 23, "actor")));
    }
}
