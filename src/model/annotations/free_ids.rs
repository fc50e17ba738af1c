//! Ids for new spans that can never collide with one in use.
//!
//! New ids count up from the highest one used, so an id is not reused within a file
//! and a link restored by undo never points at another span. A file written by hand
//! or by another tool may already hold `u32::MAX`; counting past it would wrap to 0
//! and make a duplicate id, so from there on the lowest free ids are given instead.

use crate::model::span::SpanId;
use std::collections::BTreeSet;

/// Hands out span ids that none of the given spans has, nor any id handed out before.
#[derive(Debug, Clone)]
pub struct FreeIds {
    /// The next id above every used one, while there is one.
    above: Option<u32>,
    /// Every id in use, filled only once the ids above the highest ran out.
    used: Option<BTreeSet<u32>>,
    given: Vec<u32>,
    /// Where the search for a free low id goes on from.
    low: u32,
    all: Vec<u32>,
}

impl FreeIds {
    /// Ids free beside `used`.
    pub fn new(used: impl IntoIterator<Item = SpanId>) -> Self {
        let all: Vec<u32> = used.into_iter().map(|id| id.0).collect();
        let above = match all.iter().max() {
            None => Some(1),
            Some(&max) => max.checked_add(1),
        };
        Self {
            above,
            used: None,
            given: Vec::new(),
            low: 1,
            all,
        }
    }

    /// The next free id; `None` only when every id from 1 to `u32::MAX` is taken,
    /// which no file that fits in memory reaches.
    pub fn take(&mut self) -> Option<SpanId> {
        if let Some(id) = self.above {
            self.above = id.checked_add(1);
            self.given.push(id);
            return Some(SpanId(id));
        }
        let all = &self.all;
        let given = &self.given;
        let used = self
            .used
            .get_or_insert_with(|| all.iter().chain(given).copied().collect());
        let mut id = self.low;
        while used.contains(&id) {
            id = id.checked_add(1)?;
        }
        used.insert(id);
        self.low = id.saturating_add(1);
        Some(SpanId(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_count_up_then_fill_gaps_and_never_wrap() {
        let mut ids = FreeIds::new([SpanId(3), SpanId(7)]);
        assert_eq!(ids.take(), Some(SpanId(8)));
        let mut ids = FreeIds::new([]);
        assert_eq!(ids.take(), Some(SpanId(1)));
        let mut ids = FreeIds::new([SpanId(1), SpanId(u32::MAX - 1), SpanId(3)]);
        let taken: Vec<SpanId> = (0..4).map(|_| ids.take().unwrap()).collect();
        assert_eq!(
            taken,
            [SpanId(u32::MAX), SpanId(2), SpanId(4), SpanId(5)],
            "no 0, no id in use, no id twice"
        );
    }
}
