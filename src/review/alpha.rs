//! Krippendorff's α for nominal values, with missing values.
//!
//! α compares the disagreement observed within units to the disagreement expected
//! from all values pooled: `α = 1 − D_o / D_e`. It is computed from the coincidence
//! matrix: every ordered pair of values that two different coders gave the same unit,
//! weighted by `1 / (m − 1)` where `m` is how many coders coded that unit. A coder who
//! did not code a unit simply adds no value there (missing, not a zero), and a unit
//! with a single value cannot be paired and counts for nothing (Krippendorff 2011,
//! “Computing Krippendorff's Alpha-Reliability”).

use super::tally::Tally;

/// The coincidence counts behind α, added unit by unit.
///
/// Kept as whole numbers per `m` (pairs counted, not yet divided by `m − 1`) so that
/// adding documents in any order, on any thread, gives the same α to the last digit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coincidences<K> {
    /// `(m, c, k)` → weighted number of ordered pairs (c, k) in units with `m` values.
    pairs: Tally<(u32, K, K)>,
}

impl<K> Default for Coincidences<K> {
    fn default() -> Self {
        Self {
            pairs: Tally::default(),
        }
    }
}

impl<K: PartialEq + Clone> Coincidences<K> {
    /// No units yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `weight` units whose coders gave the values counted in `counts` (value,
    /// how many coders gave it); coders without a value are left out.
    pub fn add_unit(&mut self, counts: &[(K, u64)], weight: u64) {
        let m: u64 = counts.iter().map(|(_, n)| n).sum();
        if m < 2 {
            return;
        }
        let m = u32::try_from(m).unwrap_or(u32::MAX);
        for (c, nc) in counts {
            for (k, nk) in counts {
                let pairs = if c == k {
                    nc * nc.saturating_sub(1)
                } else {
                    nc * nk
                };
                self.pairs.add((m, c.clone(), k.clone()), weight * pairs);
            }
        }
    }

    /// Adds another set of counts, values mapped by `map`.
    pub fn absorb_mapped<J: PartialEq + Clone>(
        &mut self,
        other: &Coincidences<J>,
        map: impl Fn(&J) -> K,
    ) {
        self.pairs
            .absorb_mapped(&other.pairs, |(m, c, k)| (*m, map(c), map(k)));
    }

    /// How many values could be paired (`n..` in Krippendorff's notation).
    pub fn pairable_values(&self) -> f64 {
        self.pairs
            .iter()
            .map(|((m, _, _), n)| n as f64 / f64::from(m - 1))
            .sum()
    }

    /// α for nominal values, or `None` when it is undefined: fewer than two pairable
    /// values, or every value the same (nothing to tell apart).
    pub fn alpha(&self) -> Option<f64> {
        // o_ck, and n_c = Σ_k o_ck.
        let mut weights: Vec<((K, K), f64)> = Vec::new();
        for ((m, c, k), n) in self.pairs.iter() {
            let w = n as f64 / f64::from(m - 1);
            match weights
                .iter_mut()
                .find(|(key, _)| key.0 == *c && key.1 == *k)
            {
                Some((_, total)) => *total += w,
                None => weights.push(((c.clone(), k.clone()), w)),
            }
        }
        let total: f64 = weights.iter().map(|(_, w)| w).sum();
        if total < 2.0 {
            return None;
        }
        let mut by_value: Vec<(K, f64)> = Vec::new();
        for ((c, _), w) in &weights {
            match by_value.iter_mut().find(|(v, _)| v == c) {
                Some((_, t)) => *t += w,
                None => by_value.push((c.clone(), *w)),
            }
        }
        let observed: f64 = weights
            .iter()
            .filter(|((c, k), _)| c != k)
            .map(|(_, w)| w)
            .sum();
        let mut expected = 0.0;
        for (c, nc) in &by_value {
            for (k, nk) in &by_value {
                if c != k {
                    expected += nc * nk;
                }
            }
        }
        if expected <= 0.0 {
            return None;
        }
        Some(1.0 - (total - 1.0) * observed / expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Units as columns of coders' values, `None` where a coder gave none.
    fn coincidences(coders: &[&[Option<u32>]]) -> Coincidences<u32> {
        let mut c = Coincidences::new();
        for unit in 0..coders[0].len() {
            let mut counts: Tally<u32> = Tally::new();
            for coder in coders {
                if let Some(v) = coder[unit] {
                    counts.add(v, 1);
                }
            }
            let counts: Vec<(u32, u64)> = counts.iter().map(|(k, n)| (*k, n)).collect();
            c.add_unit(&counts, 1);
        }
        c
    }

    fn close(x: Option<f64>, expected: f64) {
        let x = x.unwrap_or(f64::NAN);
        assert!((x - expected).abs() < 5e-4, "{x} is not {expected}");
    }

    /// Krippendorff (2011), section A: binary data, two observers, ten units, no
    /// missing values. n.. = 20, n₀ = 14, n₁ = 6, o₀₁ = 4:
    /// α = 1 − 19·4 / (14·6) = 0.095.
    #[test]
    fn krippendorff_binary_two_observers() {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0].map(Some);
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0].map(Some);
        let c = coincidences(&[&a, &b]);
        assert_eq!(c.pairable_values(), 20.0);
        close(c.alpha(), 1.0 - 19.0 * 4.0 / 84.0);
        close(c.alpha(), 0.095);
    }

    /// Krippendorff (2011), section C: nominal data, four observers, twelve units,
    /// with missing values; unit 12 has one value and drops out. α = 0.743.
    #[test]
    fn krippendorff_nominal_four_observers_missing_values() {
        let n = None;
        let s = Some;
        let a = [
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(1),
            s(4),
            s(1),
            s(2),
            n,
            n,
            n,
        ];
        let b = [
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(2),
            s(4),
            s(1),
            s(2),
            s(5),
            n,
            s(3),
        ];
        let c = [
            n,
            s(3),
            s(3),
            s(3),
            s(2),
            s(3),
            s(4),
            s(2),
            s(2),
            s(5),
            s(1),
            n,
        ];
        let d = [
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(4),
            s(4),
            s(1),
            s(2),
            s(5),
            s(1),
            n,
        ];
        let co = coincidences(&[&a, &b, &c, &d]);
        assert!((co.pairable_values() - 40.0).abs() < 1e-9);
        close(co.alpha(), 0.743);
    }

    #[test]
    fn undefined_without_pairs_or_variation() {
        assert_eq!(Coincidences::<u32>::new().alpha(), None);
        let same = [Some(1), Some(1)];
        assert_eq!(coincidences(&[&same, &same]).alpha(), None);
    }

    proptest! {
        #[test]
        fn alpha_is_at_most_one_and_one_for_identical_coders(
            units in proptest::collection::vec((0u32..3, proptest::option::of(0u32..3), proptest::option::of(0u32..3)), 1..40),
        ) {
            let a: Vec<Option<u32>> = units.iter().map(|u| Some(u.0)).collect();
            let b: Vec<Option<u32>> = units.iter().map(|u| u.1).collect();
            let c: Vec<Option<u32>> = units.iter().map(|u| u.2).collect();
            if let Some(alpha) = coincidences(&[&a, &b, &c]).alpha() {
                prop_assert!(alpha <= 1.0 + 1e-12);
            }
            if let Some(alpha) = coincidences(&[&a, &a, &a]).alpha() {
                prop_assert!((alpha - 1.0).abs() < 1e-12);
            }
            // The order of the coders does not matter.
            let abc = coincidences(&[&a, &b, &c]).alpha();
            let cab = coincidences(&[&c, &a, &b]).alpha();
            prop_assert_eq!(abc.map(|x| (x * 1e9).round()), cab.map(|x| (x * 1e9).round()));
        }
    }
}
