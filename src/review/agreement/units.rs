//! A document's tokens as the token measures see them: cut at every edge of every
//! compared span into segments, and segments where every annotator gave the same
//! labels taken together as one kind of unit, counted by its tokens.

use super::MAX_TOKEN_LABELS;
use crate::model::{CharOffset, tokens};
use crate::review::f1::Place;

/// The units of one document.
pub(super) struct TokenUnits {
    /// Annotators present, the width of each unit's values.
    annotators: usize,
    /// Each segment's values, one bit set of labels per annotator.
    masks: Vec<u64>,
    /// Each kind of unit: a segment that has its values, and its tokens.
    units: Vec<(usize, u64)>,
    /// Tokens of the document.
    pub tokens: u64,
}

impl TokenUnits {
    /// The units of `text`, where `places[who][label]` are annotator `who`'s spans
    /// of each label.
    pub fn of(text: &str, places: &[Vec<Vec<Place>>]) -> Self {
        let m = places.len();
        let mut edges: Vec<usize> = places
            .iter()
            .flatten()
            .flatten()
            .flat_map(|&(s, e)| [s, e])
            .collect();
        edges.sort_unstable();
        edges.dedup();
        // Segment k lies between edges k−1 and k; every token lies in one segment.
        let segments = edges.len() + 1;
        let mut counts = vec![0u64; segments];
        let mut k = 0;
        for token in tokens(text, edges.iter().map(|&e| CharOffset(e))) {
            while k < edges.len() && edges[k] <= token.start.0 {
                k += 1;
            }
            counts[k] += 1;
        }
        // Each annotator's labels per segment, as bit sets.
        let mut masks = vec![0u64; segments * m];
        for (who, by_label) in places.iter().enumerate() {
            for (l, list) in by_label.iter().enumerate().take(MAX_TOKEN_LABELS) {
                for &(s, e) in list {
                    let from = edges.partition_point(|&x| x < s) + 1;
                    let to = edges.partition_point(|&x| x < e);
                    for seg in from..=to {
                        masks[seg * m + who] |= 1 << l;
                    }
                }
            }
        }
        // Segments whose annotators gave the same values are one kind of unit.
        let mut order: Vec<usize> = (0..segments).filter(|&s| counts[s] > 0).collect();
        order.sort_unstable_by(|&x, &y| masks[x * m..x * m + m].cmp(&masks[y * m..y * m + m]));
        let mut units: Vec<(usize, u64)> = Vec::new();
        for seg in order {
            let values = &masks[seg * m..seg * m + m];
            match units.last_mut() {
                Some((last, c)) if masks[*last * m..*last * m + m] == *values => *c += counts[seg],
                _ => units.push((seg, counts[seg])),
            }
        }
        TokenUnits {
            annotators: m,
            masks,
            units,
            tokens: counts.iter().sum(),
        }
    }

    /// Each kind of unit: its values (one bit set of labels per annotator present)
    /// and how many tokens have them.
    pub fn iter(&self) -> impl Iterator<Item = (&[u64], u64)> {
        let m = self.annotators;
        self.units
            .iter()
            .map(move |&(seg, c)| (&self.masks[seg * m..seg * m + m], c))
    }
}
