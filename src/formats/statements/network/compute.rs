//! The weights of two-mode and one-mode networks, as the Discourse Network Analyzer
//! defines them (its `Exporter.computeTwoModeMatrix` and `computeOneModeMatrix`),
//! with a stance's polarity as DNA's boolean `agreement` qualifier: support is
//! “yes”, oppose is “no”.
//!
//! With `a[i][j][k]` the number of statements of node `i` on node `j` (actor on
//! claim) at polarity `k`, and `n_i` all of node `i`'s statements:
//! - **two-mode**: ignore `Σ_k a`; subtract `support − oppose`; combine `1` support
//!   only, `2` oppose only, `3` both. Activity divides a row by its sum (subtract: by
//!   `n_i`; combine: by the cells that are not 0), prominence a column likewise.
//! - **one-mode** (the diagonal stays empty): ignore `Σ_j c_i1j·c_i2j` with `c` the
//!   count over every polarity; congruence `Σ_j (s1·s2 + o1·o2)`; conflict
//!   `Σ_j (s1·o2 + o1·s2)`; subtract congruence − conflict. Products of counts, not
//!   0/1 co-occurrence, as DNA. Average divides by `(n_i1 + n_i2)/2`; Jaccard by
//!   `m10 + m01 + m11` over cells (claim, polarity); cosine by `n_i1·n_i2`, which is
//!   what DNA computes under that name.

use super::Side;
use super::options::{Normalize, Qualifier};
use std::collections::HashMap;

/// One statement as the networks count it: row node, column node, side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Count {
    /// The node it is counted for (an actor; in a one-mode network of claims, the
    /// claim).
    pub row: usize,
    /// The node it joins the row to.
    pub column: usize,
    /// Support, oppose or neither.
    pub side: Side,
}

/// A computed tie: its two nodes, weight and the counts behind it by side.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tie {
    pub a: usize,
    pub b: usize,
    pub weight: f64,
    pub support: usize,
    pub oppose: usize,
    pub other: usize,
}

/// Statements per (row, column) by side: support, oppose, neither; in order of
/// (row, column), each pair once.
fn cells(counts: &[Count]) -> Vec<((usize, usize), [usize; 3])> {
    let mut keys: Vec<(usize, usize, Side)> =
        counts.iter().map(|c| (c.row, c.column, c.side)).collect();
    keys.sort_unstable();
    let mut cells: Vec<((usize, usize), [usize; 3])> = Vec::new();
    for (row, column, side) in keys {
        match cells.last_mut() {
            Some((key, c)) if *key == (row, column) => c[side as usize] += 1,
            _ => {
                let mut c = [0; 3];
                c[side as usize] = 1;
                cells.push(((row, column), c));
            }
        }
    }
    cells
}

/// The two-mode cell value of counts `[support, oppose, neither]`.
fn two_mode_value(q: Qualifier, [s, o, n]: [usize; 3]) -> f64 {
    match q {
        Qualifier::Subtract => s as f64 - o as f64,
        Qualifier::Combine => f64::from(u8::from(s > 0)) + 2.0 * f64::from(u8::from(o > 0)),
        // Congruence and conflict are refused for two-mode before this.
        _ => (s + o + n) as f64,
    }
}

/// The two-mode ties: one per (row, column) with a weight that is not 0.
pub(super) fn two_mode(counts: &[Count], q: Qualifier, norm: Normalize) -> Vec<Tie> {
    let cells = cells(counts);
    let values: Vec<((usize, usize), [usize; 3], f64)> = cells
        .iter()
        .map(|&(key, c)| (key, c, two_mode_value(q, c)))
        .collect();
    // What a row (activity) or a column (prominence) is divided by.
    let mut divisors: HashMap<usize, f64> = HashMap::new();
    if matches!(norm, Normalize::Activity | Normalize::Prominence) {
        for &((row, column), c, m) in &values {
            let node = if norm == Normalize::Activity {
                row
            } else {
                column
            };
            *divisors.entry(node).or_default() += match q {
                Qualifier::Subtract => (c[0] + c[1] + c[2]) as f64,
                Qualifier::Combine => f64::from(u8::from(m != 0.0)),
                _ => m,
            };
        }
    }
    values
        .into_iter()
        .filter_map(|((row, column), c, m)| {
            let weight = match norm {
                Normalize::Activity | Normalize::Prominence => {
                    let node = if norm == Normalize::Activity {
                        row
                    } else {
                        column
                    };
                    match divisors.get(&node).copied().unwrap_or(0.0) {
                        0.0 => 0.0,
                        d => m / d,
                    }
                }
                _ => m,
            };
            (weight != 0.0).then_some(Tie {
                a: row,
                b: column,
                weight,
                support: c[0],
                oppose: c[1],
                other: c[2],
            })
        })
        .collect()
}

/// What a pair of nodes shares, summed over the columns both are on.
#[derive(Debug, Clone, Copy, Default)]
struct Shared {
    /// `Σ c1·c2` over every side.
    all: f64,
    /// `Σ s1·s2`.
    support: f64,
    /// `Σ o1·o2`.
    oppose: f64,
    /// `Σ (s1·o2 + o1·s2)`.
    conflict: f64,
    /// `Σ a1·a2` over cells (column, side) where both have statements.
    both: f64,
    /// The first node's statements in those cells.
    first_in_both: f64,
    /// The second node's.
    second_in_both: f64,
}

impl Shared {
    /// Adds what the first node's counts `ca` and the second's `cb` on one column
    /// share.
    fn add(&mut self, ca: [usize; 3], cb: [usize; 3]) {
        let f = |v: usize| v as f64;
        self.all += f(ca.iter().sum::<usize>()) * f(cb.iter().sum::<usize>());
        self.support += f(ca[0]) * f(cb[0]);
        self.oppose += f(ca[1]) * f(cb[1]);
        self.conflict += f(ca[0]) * f(cb[1]) + f(ca[1]) * f(cb[0]);
        for k in 0..3 {
            if ca[k] > 0 && cb[k] > 0 {
                self.both += f(ca[k]) * f(cb[k]);
                self.first_in_both += f(ca[k]);
                self.second_in_both += f(cb[k]);
            }
        }
    }
}

/// The one-mode ties between rows through the columns they share, ordered by
/// their two rows.
///
/// Rows and columns are numbered densely; each row's pairs with the rows after it
/// are summed in one scratch slot per row, column by column in ascending order, so
/// every pair's sums are added in the same order whatever the number of pairs.
pub(super) fn one_mode(counts: &[Count], q: Qualifier, norm: Normalize) -> Vec<Tie> {
    let cells = cells(counts);
    let mut columns: Vec<usize> = cells.iter().map(|&((_, column), _)| column).collect();
    columns.sort_unstable();
    columns.dedup();
    // Each column's rows in ascending order, densely numbered, with their counts.
    let mut by_column: Vec<Vec<(usize, [usize; 3])>> = vec![Vec::new(); columns.len()];
    // Each dense row's node, total and cells (as column and place in that column's
    // list).
    let mut rows: Vec<usize> = Vec::new();
    let mut totals: Vec<f64> = Vec::new();
    let mut row_cells: Vec<Vec<(usize, usize)>> = Vec::new();
    for &((row, column), c) in &cells {
        if rows.last() != Some(&row) {
            rows.push(row);
            totals.push(0.0);
            row_cells.push(Vec::new());
        }
        let x = rows.len() - 1;
        let column = columns.partition_point(|&k| k < column);
        row_cells[x].push((column, by_column[column].len()));
        by_column[column].push((x, c));
        totals[x] += (c[0] + c[1] + c[2]) as f64;
    }
    let mut scratch: Vec<Shared> = vec![Shared::default(); rows.len()];
    let mut touched: Vec<bool> = vec![false; rows.len()];
    let mut partners: Vec<usize> = Vec::new();
    let mut ties = Vec::new();
    for (x, cells_of_x) in row_cells.iter().enumerate() {
        for &(column, at) in cells_of_x {
            let members = &by_column[column];
            let ca = members[at].1;
            for &(y, cb) in &members[at + 1..] {
                if !touched[y] {
                    touched[y] = true;
                    partners.push(y);
                }
                scratch[y].add(ca, cb);
            }
        }
        partners.sort_unstable();
        for &y in &partners {
            let s = std::mem::take(&mut scratch[y]);
            touched[y] = false;
            let raw = match q {
                Qualifier::Congruence => s.support + s.oppose,
                Qualifier::Conflict => s.conflict,
                Qualifier::Subtract => s.support + s.oppose - s.conflict,
                // Combine is refused for one-mode before this.
                _ => s.all,
            };
            let (na, nb) = (totals[x], totals[y]);
            let divisor = match norm {
                Normalize::Average => (na + nb) / 2.0,
                Normalize::Jaccard => (na - s.first_in_both) + (nb - s.second_in_both) + s.both,
                Normalize::Cosine => na * nb,
                _ => 1.0,
            };
            let weight = if divisor == 0.0 { 0.0 } else { raw / divisor };
            if weight != 0.0 {
                ties.push(Tie {
                    a: rows[x],
                    b: rows[y],
                    weight,
                    support: s.support as usize,
                    oppose: s.oppose as usize,
                    other: s.conflict as usize,
                });
            }
        }
        partners.clear();
    }
    ties
}

#[cfg(test)]
#[path = "compute_tests.rs"]
mod tests;
