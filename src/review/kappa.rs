//! Chance-corrected agreement of coders who each put every item in one category:
//! Cohen's κ and Scott's π for two coders, Fleiss' κ for any fixed number.
//!
//! All three are `(observed − expected) / (1 − expected)`; they differ in what
//! agreement they expect by chance (Artstein & Poesio 2008, §2.4–2.5). When chance
//! alone would give perfect agreement (every coder used one category throughout) the
//! coefficient is undefined and `None` is returned.

use super::tally::Tally;

/// Two coders' decisions: how many items coder A put in category `a` and B in `b`.
pub type Contingency<K> = Tally<(K, K)>;

/// Cohen's κ: chance agreement from each coder's own distribution of categories.
pub fn cohen_kappa<K: PartialEq + Clone>(table: &Contingency<K>) -> Option<f64> {
    let (observed, n) = observed(table)?;
    let mut expected = 0.0;
    for (category, _) in marginals(table).iter() {
        let a = table
            .iter()
            .filter(|((x, _), _)| x == category)
            .map(|(_, c)| c)
            .sum::<u64>();
        let b = table
            .iter()
            .filter(|((_, y), _)| y == category)
            .map(|(_, c)| c)
            .sum::<u64>();
        expected += (a as f64 / n) * (b as f64 / n);
    }
    coefficient(observed, expected)
}

/// Scott's π: chance agreement from both coders' decisions pooled.
pub fn scott_pi<K: PartialEq + Clone>(table: &Contingency<K>) -> Option<f64> {
    let (observed, n) = observed(table)?;
    let expected = marginals(table)
        .iter()
        .map(|(_, both)| (both as f64 / (2.0 * n)).powi(2))
        .sum();
    coefficient(observed, expected)
}

/// Share of items both coders put in the same category, and the number of items.
fn observed<K: PartialEq + Clone>(table: &Contingency<K>) -> Option<(f64, f64)> {
    let n = table.total();
    if n == 0 {
        return None;
    }
    let same: u64 = table
        .iter()
        .filter(|((a, b), _)| a == b)
        .map(|(_, c)| c)
        .sum();
    Some((same as f64 / n as f64, n as f64))
}

/// How often each category was used, by either coder.
fn marginals<K: PartialEq + Clone>(table: &Contingency<K>) -> Tally<K> {
    let mut out = Tally::new();
    for ((a, b), c) in table.iter() {
        out.add(a.clone(), c);
        out.add(b.clone(), c);
    }
    out
}

fn coefficient(observed: f64, expected: f64) -> Option<f64> {
    // Float sums of shares can land a hair off 1.
    if 1.0 - expected < 1e-12 {
        None
    } else {
        Some((observed - expected) / (1.0 - expected))
    }
}

/// The counts behind Fleiss' κ, added up item by item; every item must be coded by
/// the same number of coders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fleiss<K> {
    /// Items coded (weighted).
    items: u64,
    /// Coders per item; 0 until the first item.
    coders: u64,
    /// Σ over items and categories of `n·(n − 1)`, `n` the coders who chose it.
    agreeing_pairs: u64,
    /// How often each category was chosen.
    totals: Tally<K>,
}

impl<K> Default for Fleiss<K> {
    fn default() -> Self {
        Self {
            items: 0,
            coders: 0,
            agreeing_pairs: 0,
            totals: Tally::default(),
        }
    }
}

impl<K: PartialEq + Clone> Fleiss<K> {
    /// No items yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `weight` items that the coders put in categories as counted in `counts`
    /// (category, how many coders chose it). Returns false, adding nothing, when the
    /// item has a different number of coders than the items before.
    pub fn add_item(&mut self, counts: &[(K, u64)], weight: u64) -> bool {
        let coders: u64 = counts.iter().map(|(_, n)| n).sum();
        if self.coders != 0 && coders != self.coders {
            return false;
        }
        self.coders = coders;
        self.items += weight;
        for (category, n) in counts {
            self.agreeing_pairs += weight * n * n.saturating_sub(1);
            self.totals.add(category.clone(), weight * n);
        }
        true
    }

    /// Adds another set of counts with the same number of coders, categories mapped by
    /// `map`.
    pub fn absorb_mapped<J: PartialEq + Clone>(
        &mut self,
        other: &Fleiss<J>,
        map: impl Fn(&J) -> K,
    ) {
        if other.items == 0 {
            return;
        }
        self.coders = other.coders;
        self.items += other.items;
        self.agreeing_pairs += other.agreeing_pairs;
        self.totals.absorb_mapped(&other.totals, map);
    }

    /// Fleiss' κ, or `None` with fewer than two coders, no items, or no variation.
    pub fn kappa(&self) -> Option<f64> {
        if self.items == 0 || self.coders < 2 {
            return None;
        }
        let n = self.coders as f64;
        let items = self.items as f64;
        let observed = self.agreeing_pairs as f64 / (items * n * (n - 1.0));
        let expected = self
            .totals
            .iter()
            .map(|(_, t)| (t as f64 / (items * n)).powi(2))
            .sum();
        coefficient(observed, expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[u64]]) -> Contingency<usize> {
        let mut t = Contingency::new();
        for (a, row) in rows.iter().enumerate() {
            for (b, &n) in row.iter().enumerate() {
                t.add((a, b), n);
            }
        }
        t
    }

    fn close(x: Option<f64>, expected: f64) {
        let x = x.unwrap_or(f64::NAN);
        assert!((x - expected).abs() < 5e-4, "{x} is not {expected}");
    }

    /// Artstein & Poesio (2008), §2: two coders classify 100 utterances as STAT(ement)
    /// or IREQ (information request). A_o = 0.7; κ's chance agreement is
    /// .4·.3 + .6·.7 = .54, π's is .35² + .65² = .545.
    #[test]
    fn artstein_poesio_two_categories() {
        let t = table(&[&[20, 20], &[10, 50]]);
        close(cohen_kappa(&t), 0.16 / 0.46); // 0.3478
        close(scott_pi(&t), 0.155 / 0.455); // 0.3407
    }

    /// Artstein & Poesio (2008), §2: the same 100 utterances with a third category,
    /// CHCK (check). A_o = .88; κ expects .52·.46 + .32·.44 + .16·.10 = .396 and
    /// π expects .49² + .38² + .13² = .4014.
    #[test]
    fn artstein_poesio_three_categories() {
        let t = table(&[&[46, 6, 0], &[0, 32, 0], &[0, 6, 10]]);
        close(cohen_kappa(&t), 0.8013);
        close(scott_pi(&t), 0.7995);
        // Fleiss' κ with two coders is Scott's π (A&P §2.5, "multi-π").
        let mut fleiss = Fleiss::new();
        for ((a, b), n) in t.iter() {
            let counts: Vec<(usize, u64)> = if a == b {
                vec![(*a, 2)]
            } else {
                vec![(*a, 1), (*b, 1)]
            };
            fleiss.add_item(&counts, n);
        }
        close(fleiss.kappa(), 0.7995);
    }

    /// The textbook example of Fleiss' κ (as on Wikipedia's "Fleiss' kappa" page):
    /// 14 raters put 10 subjects in 5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210.
    #[test]
    fn fleiss_fourteen_raters() {
        let rows: [[u64; 5]; 10] = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let mut fleiss = Fleiss::new();
        for row in rows {
            let counts: Vec<(usize, u64)> = row.iter().copied().enumerate().collect();
            assert!(fleiss.add_item(&counts, 1));
        }
        close(fleiss.kappa(), 0.210);
        assert!(!fleiss.add_item(&[(0, 3)], 1), "items need 14 raters");
    }

    #[test]
    fn perfect_and_undefined() {
        close(cohen_kappa(&table(&[&[5, 0], &[0, 7]])), 1.0);
        // Both coders always chose the first category: chance explains everything.
        assert_eq!(cohen_kappa(&table(&[&[9]])), None);
        assert_eq!(scott_pi(&Contingency::<usize>::new()), None);
        assert_eq!(Fleiss::<bool>::new().kappa(), None);
    }
}
