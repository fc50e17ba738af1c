//! Lining up two or more annotators' spans on one document.
//!
//! Spans with the same place, label and attributes are one *candidate*, made by one
//! or more annotators. A candidate every annotator made is agreed. The others are
//! grouped into [`Disagreement`]s: candidates belong together when they are at the
//! same place (whatever their labels) or have the same label and overlap, so an actor
//! inside a disputed claim stays a question of its own.

use super::{Candidate, Disagreement, DisagreementKind};
use crate::model::{Annotations, AnnotatorName, CharOffset, Span};
use std::collections::BTreeSet;

/// Annotators' spans on one document, lined up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// The annotators compared, in the order given.
    pub annotators: Vec<AnnotatorName>,
    /// Spans every annotator made exactly alike, in text order.
    pub agreed: Vec<Candidate>,
    /// The rest, grouped by place, in text order.
    pub disagreements: Vec<Disagreement>,
}

/// Lines up the annotations of one document by several annotators (the window shows
/// the result as lanes and a list; the merge starts from it).
pub fn align(annotations: &[&Annotations]) -> Alignment {
    let annotators: Vec<AnnotatorName> = annotations.iter().map(|a| a.annotator.clone()).collect();
    let candidates = candidates(annotations);
    let everyone = annotators.len();
    let (agreed, rest): (Vec<Candidate>, Vec<Candidate>) = candidates
        .into_iter()
        .partition(|c| c.annotators.len() == everyone);
    let disagreements = group(&rest)
        .into_iter()
        .map(|members| {
            disagreement(
                &members.iter().map(|&i| &rest[i]).collect::<Vec<_>>(),
                &annotators,
            )
        })
        .collect();
    Alignment {
        annotators,
        agreed,
        disagreements,
    }
}

/// Every distinct version of a span (place, label, attributes) with the annotators
/// who made it, ordered by place, label and attributes.
pub fn candidates(annotations: &[&Annotations]) -> Vec<Candidate> {
    let mut all: Vec<(&Span, usize)> = annotations
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.spans.iter().map(move |s| (s, i)))
        .collect();
    all.sort_by(|(a, i), (b, j)| key(a).cmp(&key(b)).then(i.cmp(j)));
    let mut out: Vec<Candidate> = Vec::new();
    for (span, i) in all {
        let name = &annotations[i].annotator;
        match out.last_mut() {
            Some(last) if same_version(last, span) => {
                // A hand-edited file may tag one place twice; count its author once.
                if !last.annotators.contains(name) {
                    last.annotators.push(name.clone());
                }
            }
            _ => out.push(Candidate {
                start: span.start,
                end: span.end,
                label: span.label.clone(),
                text: span.text.clone(),
                attributes: span.attributes.clone(),
                annotators: vec![name.clone()],
            }),
        }
    }
    out
}

type Key<'a> = (
    CharOffset,
    CharOffset,
    &'a str,
    &'a std::collections::BTreeMap<String, String>,
);

fn key(span: &Span) -> Key<'_> {
    (span.start, span.end, &span.label, &span.attributes)
}

fn same_version(candidate: &Candidate, span: &Span) -> bool {
    candidate.is(span)
}

/// Groups candidates (sorted by start) that are at the same place or have the same
/// label and overlap, transitively; each group as indices, groups in text order.
pub fn group(candidates: &[Candidate]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..candidates.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Candidates still open at the current start: sorted by start, so each one
    // overlaps every open candidate that ends after it starts.
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        open.retain(|&j| candidates[j].end > c.start);
        for &j in &open {
            let other = &candidates[j];
            let same_place = other.start == c.start && other.end == c.end;
            if same_place || other.label == c.label {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
        open.push(i);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: Vec<Option<usize>> = vec![None; candidates.len()];
    for i in 0..candidates.len() {
        let r = root(&mut parent, i);
        match group_of_root[r] {
            Some(g) => groups[g].push(i),
            None => {
                group_of_root[r] = Some(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups
}

/// A disagreement made of `members` (candidates none of which everyone made).
pub fn disagreement(members: &[&Candidate], annotators: &[AnnotatorName]) -> Disagreement {
    let places: BTreeSet<(CharOffset, CharOffset)> =
        members.iter().map(|c| (c.start, c.end)).collect();
    let labels: BTreeSet<&str> = members.iter().map(|c| c.label.as_str()).collect();
    let same_people = members
        .windows(2)
        .all(|w| w[0].annotators == w[1].annotators);
    let kind = if members.len() == 1 || same_people {
        DisagreementKind::Missing
    } else if places.len() == 1 && labels.len() == 1 {
        DisagreementKind::Attributes
    } else if places.len() == 1 {
        DisagreementKind::Label
    } else if labels.len() == 1 {
        DisagreementKind::Edges
    } else {
        DisagreementKind::LabelAndEdges
    };
    let had: BTreeSet<&AnnotatorName> = members.iter().flat_map(|c| &c.annotators).collect();
    let mut candidates: Vec<Candidate> = members.iter().map(|&c| c.clone()).collect();
    candidates.sort();
    Disagreement {
        kind,
        start: candidates.iter().map(|c| c.start).min().unwrap_or_default(),
        end: candidates.iter().map(|c| c.end).max().unwrap_or_default(),
        candidates,
        lacking: annotators
            .iter()
            .filter(|a| !had.contains(a))
            .cloned()
            .collect(),
        settled: None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Document, NewSpan, Schema};

    pub(crate) const TEXT: &str =
        "Iran’s foreign minister Javad Zarif rejected new sanctions on oil exports on Monday.";

    /// `annotator`'s annotations of [`TEXT`]: (start, end, label, polarity).
    pub(crate) fn coded(
        annotator: &str,
        spans: &[(usize, usize, &str, Option<&str>)],
    ) -> Annotations {
        let d = Document::from_text(TEXT);
        let schema = Schema::default();
        let mut a = Annotations::new(&d, AnnotatorName::new(annotator).unwrap());
        for &(s, e, label, polarity) in spans {
            let mut new = NewSpan::new(CharOffset(s), CharOffset(e), label);
            if let Some(p) = polarity {
                new.attributes.insert("polarity".into(), p.into());
            }
            a.add_span(&d, &schema, new).unwrap();
        }
        a
    }

    fn kinds(alignment: &Alignment) -> Vec<(DisagreementKind, usize, usize)> {
        alignment
            .disagreements
            .iter()
            .map(|d| (d.kind, d.start.0, d.end.0))
            .collect()
    }

    #[test]
    fn every_kind_of_disagreement() {
        let alice = coded(
            "alice",
            &[
                (0, 4, "actor", None),              // agreed
                (15, 23, "actor", None),            // only alice and bob
                (24, 35, "actor", None),            // edges: carol has 24..29
                (36, 44, "stance", Some("oppose")), // attributes: bob says support
                (45, 58, "claim", None),            // label: carol says actor
            ],
        );
        let bob = coded(
            "bob",
            &[
                (0, 4, "actor", None),
                (15, 23, "actor", None),
                (24, 35, "actor", None),
                (36, 44, "stance", Some("support")),
                (45, 58, "claim", None),
            ],
        );
        let carol = coded(
            "carol",
            &[
                (0, 4, "actor", None),
                (24, 29, "actor", None),
                (36, 44, "stance", Some("oppose")),
                (45, 58, "actor", None),
                (62, 73, "claim", None), // only carol
            ],
        );
        let alignment = align(&[&alice, &bob, &carol]);
        assert_eq!(alignment.agreed.len(), 1);
        assert_eq!(alignment.agreed[0].text, "Iran");
        assert_eq!(
            kinds(&alignment),
            [
                (DisagreementKind::Missing, 15, 23),
                (DisagreementKind::Edges, 24, 35),
                (DisagreementKind::Attributes, 36, 44),
                (DisagreementKind::Label, 45, 58),
                (DisagreementKind::Missing, 62, 73),
            ]
        );
        let missing = &alignment.disagreements[0];
        assert_eq!(missing.lacking, [AnnotatorName::new("carol").unwrap()]);
        assert_eq!(missing.candidates[0].text, "minister");
        let edges = &alignment.disagreements[1];
        assert_eq!(
            edges.candidates_of(&AnnotatorName::new("carol").unwrap()),
            [0]
        );
        assert_eq!(edges.candidates[1].annotators.len(), 2);
        assert!(edges.lacking.is_empty());
    }

    #[test]
    fn a_nested_actor_is_its_own_question_and_mixed_differences_are_named() {
        // Both tag the claim alike; only alice tags the actor inside it.
        let alice = coded("alice", &[(24, 73, "claim", None), (24, 35, "actor", None)]);
        let bob = coded("bob", &[(24, 73, "claim", None), (24, 29, "claim", None)]);
        let alignment = align(&[&alice, &bob]);
        assert_eq!(alignment.agreed.len(), 1);
        // bob's short claim overlaps the agreed claim, but agreed spans are settled;
        // it lines up with alice's actor only by place, which differs: two questions.
        assert_eq!(
            kinds(&alignment),
            [
                (DisagreementKind::Missing, 24, 29),
                (DisagreementKind::Missing, 24, 35),
            ]
        );
        let carol = coded("carol", &[(24, 35, "claim", None), (24, 29, "actor", None)]);
        let dave = coded("dave", &[(24, 35, "actor", None)]);
        assert_eq!(
            kinds(&align(&[&carol, &dave])),
            [(DisagreementKind::LabelAndEdges, 24, 35)]
        );
    }

    #[test]
    fn identical_annotators_agree_on_everything() {
        let spans = [(0, 4, "actor", None), (36, 44, "stance", Some("oppose"))];
        let alignment = align(&[&coded("alice", &spans), &coded("bob", &spans)]);
        assert_eq!(alignment.agreed.len(), 2);
        assert!(alignment.disagreements.is_empty());
        assert_eq!(
            alignment.agreed[1].annotators,
            [
                AnnotatorName::new("alice").unwrap(),
                AnnotatorName::new("bob").unwrap()
            ]
        );
    }
}
