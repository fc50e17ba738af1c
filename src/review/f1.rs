//! Span F1 between two annotators: exact match (same start, end and label) and
//! overlap match (same label, overlapping; each span matched at most once).
//!
//! B is scored against A, as a system against a reference: precision is the share of
//! B's spans that A has too, recall the share of A's that B has. F1 is the same
//! either way round.

use crate::model::Annotations;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many spans two annotators share, and how many only one of them has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SpanCounts {
    /// Spans of A matched by a span of B.
    pub matched: u64,
    /// Spans of A without a match.
    pub only_a: u64,
    /// Spans of B without a match.
    pub only_b: u64,
}

impl SpanCounts {
    /// Adds another set of counts (another label, another document).
    pub fn add(&mut self, other: SpanCounts) {
        self.matched += other.matched;
        self.only_a += other.only_a;
        self.only_b += other.only_b;
    }

    /// The counts seen from B's side.
    pub fn swapped(self) -> SpanCounts {
        SpanCounts {
            matched: self.matched,
            only_a: self.only_b,
            only_b: self.only_a,
        }
    }

    /// Matched share of B's spans; `None` when B has none, as there is nothing to
    /// measure (a report says “—”, never a made-up 1 or 0).
    pub fn precision(self) -> Option<f64> {
        ratio(self.matched, self.matched + self.only_b)
    }

    /// Matched share of A's spans; `None` when A has none.
    pub fn recall(self) -> Option<f64> {
        ratio(self.matched, self.matched + self.only_a)
    }

    /// Harmonic mean of precision and recall: `2·matched / (A's spans + B's spans)`;
    /// `None` when neither has a span (a label nobody used), 0 when only one has.
    pub fn f1(self) -> Option<f64> {
        ratio(
            2 * self.matched,
            2 * self.matched + self.only_a + self.only_b,
        )
    }

    /// True when neither annotator has a span.
    pub fn is_empty(self) -> bool {
        self.matched + self.only_a + self.only_b == 0
    }

    /// Precision, recall and F1 with the counts, as reported.
    pub fn scores(self) -> SpanScores {
        SpanScores {
            precision: self.precision(),
            recall: self.recall(),
            f1: self.f1(),
            matched: self.matched,
            only_a: self.only_a,
            only_b: self.only_b,
        }
    }
}

/// `part / whole`, or `None` when `whole` is 0.
fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Precision, recall and F1 with the counts they come from (the `agree` report's
/// `exact` and `overlap` objects).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpanScores {
    /// Matched share of B's spans; `None` (JSON `null`) when B has none.
    pub precision: Option<f64>,
    /// Matched share of A's spans; `None` when A has none.
    pub recall: Option<f64>,
    /// Harmonic mean of the two; `None` when neither has a span.
    pub f1: Option<f64>,
    /// Spans matched.
    pub matched: u64,
    /// A's spans without a match.
    pub only_a: u64,
    /// B's spans without a match.
    pub only_b: u64,
}

/// A place: start and end in chars.
pub type Place = (usize, usize);

/// Exact matches between two sorted lists of distinct places of one label.
pub fn exact_counts(a: &[Place], b: &[Place]) -> SpanCounts {
    let (mut i, mut j, mut matched) = (0, 0, 0u64);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                matched += 1;
                i += 1;
                j += 1;
            }
        }
    }
    SpanCounts {
        matched,
        only_a: a.len() as u64 - matched,
        only_b: b.len() as u64 - matched,
    }
}

/// Overlap matches between two lists of places of one label, each place matched at
/// most once, as many matches as possible.
///
/// Greedy by end is optimal for intervals: the span that ends first (of either
/// annotator) is matched to the overlapping unmatched span of the other that ends
/// first; any matching can be rearranged into this one without losing a pair.
pub fn overlap_counts(a: &[Place], b: &[Place]) -> SpanCounts {
    // (end, start, side) for both, in the order the greedy step takes them.
    let mut all: Vec<(usize, usize, bool)> = a
        .iter()
        .map(|&(s, e)| (e, s, false))
        .chain(b.iter().map(|&(s, e)| (e, s, true)))
        .collect();
    all.sort_unstable();
    let mut used = vec![false; all.len()];
    let mut matched = 0u64;
    for x in 0..all.len() {
        if used[x] {
            continue;
        }
        let (x_end, x_start, x_side) = all[x];
        // Later entries end no earlier than x; they overlap x when they start before
        // x ends (they cannot end before x starts). The first such is the earliest end.
        let partner = (x + 1..all.len()).find(|&y| {
            let (_, y_start, y_side) = all[y];
            !used[y] && y_side != x_side && y_start < x_end && x_start < all[y].0
        });
        if let Some(y) = partner {
            used[x] = true;
            used[y] = true;
            matched += 1;
        }
    }
    SpanCounts {
        matched,
        only_a: a.len() as u64 - matched,
        only_b: b.len() as u64 - matched,
    }
}

/// Span F1 of two annotators on one document, per label and over all labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairF1 {
    /// Exact and overlap counts per label (every label either annotator used).
    pub labels: BTreeMap<String, (SpanCounts, SpanCounts)>,
    /// Exact counts summed over labels.
    pub exact: SpanCounts,
    /// Overlap counts summed over labels.
    pub overlap: SpanCounts,
}

/// Span F1 of `b` against `a` on one document (for the window's agreement panel on
/// the open document; the `agree` report sums the same counts over documents).
pub fn span_f1(a: &Annotations, b: &Annotations) -> PairF1 {
    let places_a = places_by_label(a);
    let places_b = places_by_label(b);
    let mut out = PairF1::default();
    let labels: std::collections::BTreeSet<&String> =
        places_a.keys().chain(places_b.keys()).collect();
    let empty = Vec::new();
    for label in labels {
        let pa = places_a.get(label).unwrap_or(&empty);
        let pb = places_b.get(label).unwrap_or(&empty);
        let exact = exact_counts(pa, pb);
        let overlap = overlap_counts(pa, pb);
        out.exact.add(exact);
        out.overlap.add(overlap);
        out.labels.insert(label.clone(), (exact, overlap));
    }
    out
}

/// Each label's places, sorted and without repeats.
fn places_by_label(a: &Annotations) -> BTreeMap<String, Vec<Place>> {
    let mut out: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for span in &a.spans {
        out.entry(span.label.clone())
            .or_default()
            .push((span.start.0, span.end.0));
    }
    for places in out.values_mut() {
        places.sort_unstable();
        places.dedup();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exact_and_overlap_by_hand() {
        // A: 0..5, 10..20, 30..35; B: 0..5, 12..18, 40..45.
        let a = [(0, 5), (10, 20), (30, 35)];
        let b = [(0, 5), (12, 18), (40, 45)];
        let exact = exact_counts(&a, &b);
        assert_eq!(
            exact,
            SpanCounts {
                matched: 1,
                only_a: 2,
                only_b: 2
            }
        );
        assert!((exact.f1().unwrap() - 1.0 / 3.0).abs() < 1e-12);
        let overlap = overlap_counts(&a, &b);
        assert_eq!(overlap.matched, 2);
        assert!((overlap.precision().unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert!((overlap.recall().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn each_span_is_matched_at_most_once_and_the_most_pairs_are_found() {
        // One long span of A against two short ones of B: one match, not two.
        assert_eq!(overlap_counts(&[(0, 20)], &[(0, 5), (10, 15)]).matched, 1);
        // A greedy by start would pair 0..10 with 5..30 and leave 8..9 alone.
        assert_eq!(
            overlap_counts(&[(0, 10), (20, 25)], &[(5, 30), (8, 9)]).matched,
            2
        );
        // Touching is not overlapping: ends are exclusive.
        assert_eq!(overlap_counts(&[(0, 5)], &[(5, 9)]).matched, 0);
    }

    #[test]
    fn nothing_against_nothing_is_undefined_and_against_something_is_zero() {
        let none = SpanCounts::default();
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (None, None, None)
        );
        // A has a span, B none: B's precision is undefined, A's recall and F1 are 0.
        let one_sided = exact_counts(&[(0, 3)], &[]);
        assert_eq!(
            (one_sided.precision(), one_sided.recall(), one_sided.f1()),
            (None, Some(0.0), Some(0.0))
        );
    }

    fn places() -> impl Strategy<Value = Vec<Place>> {
        proptest::collection::vec((0usize..60, 1usize..12), 0..15).prop_map(|v| {
            let mut p: Vec<Place> = v.into_iter().map(|(s, l)| (s, s + l)).collect();
            p.sort_unstable();
            p.dedup();
            p
        })
    }

    /// The largest matching by trying every assignment (small inputs only).
    fn brute_force(a: &[Place], b: &[Place]) -> u64 {
        fn go(a: &[Place], b: &[Place], used: &mut Vec<bool>) -> u64 {
            let Some((first, rest)) = a.split_first() else {
                return 0;
            };
            let mut best = go(rest, b, used);
            for j in 0..b.len() {
                if !used[j] && first.0 < b[j].1 && b[j].0 < first.1 {
                    used[j] = true;
                    best = best.max(1 + go(rest, b, used));
                    used[j] = false;
                }
            }
            best
        }
        go(a, b, &mut vec![false; b.len()])
    }

    proptest! {
        #[test]
        fn scores_are_in_range_symmetric_and_identical_gives_one(a in places(), b in places()) {
            for counts in [exact_counts(&a, &b), overlap_counts(&a, &b)] {
                for v in [counts.precision(), counts.recall(), counts.f1()].into_iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(&v));
                }
                prop_assert_eq!(counts.f1().is_none(), a.is_empty() && b.is_empty());
                prop_assert_eq!(counts.matched + counts.only_a, a.len() as u64);
                prop_assert_eq!(counts.matched + counts.only_b, b.len() as u64);
            }
            prop_assert_eq!(exact_counts(&b, &a), exact_counts(&a, &b).swapped());
            prop_assert_eq!(overlap_counts(&b, &a).matched, overlap_counts(&a, &b).matched);
            prop_assert!(overlap_counts(&a, &b).matched >= exact_counts(&a, &b).matched);
            if !a.is_empty() {
                prop_assert_eq!(exact_counts(&a, &a).f1(), Some(1.0));
                prop_assert_eq!(overlap_counts(&a, &a).f1(), Some(1.0));
            }
        }

        #[test]
        fn overlap_matching_is_maximal(a in places().prop_map(|p| p.into_iter().take(6).collect::<Vec<_>>()),
                                       b in places().prop_map(|p| p.into_iter().take(6).collect::<Vec<_>>())) {
            prop_assert_eq!(overlap_counts(&a, &b).matched, brute_force(&a, &b));
        }
    }
}
