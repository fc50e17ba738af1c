//! A small counter keyed by category, for the tables behind κ and α.
//!
//! The tables have a handful of cells (two values per label, a few label
//! combinations overall), so a vector searched from the front beats a map: it is
//! touched for every stretch of tokens of every document.

/// Counts per key, in the order keys were first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally<K> {
    entries: Vec<(K, u64)>,
}

impl<K> Default for Tally<K> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<K: PartialEq + Clone> Tally<K> {
    /// An empty tally.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `n` to `key`'s count.
    pub fn add(&mut self, key: K, n: u64) {
        if n == 0 {
            return;
        }
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, count)) => *count += n,
            None => self.entries.push((key, n)),
        }
    }

    /// `key`'s count.
    pub fn get(&self, key: &K) -> u64 {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map_or(0, |(_, n)| *n)
    }

    /// Every key with its count.
    pub fn iter(&self) -> impl Iterator<Item = (&K, u64)> {
        self.entries.iter().map(|(k, n)| (k, *n))
    }

    /// The sum of all counts.
    pub fn total(&self) -> u64 {
        self.entries.iter().map(|(_, n)| n).sum()
    }

    /// Adds every count of `other`, with its keys changed by `map`.
    pub fn absorb_mapped<J>(&mut self, other: &Tally<J>, map: impl Fn(&J) -> K) {
        for (key, n) in &other.entries {
            self.add(map(key), *n);
        }
    }

    /// Adds every count of `other`.
    pub fn absorb(&mut self, other: &Tally<K>) {
        self.absorb_mapped(other, K::clone);
    }
}

impl<K: PartialEq + Clone> FromIterator<(K, u64)> for Tally<K> {
    fn from_iter<T: IntoIterator<Item = (K, u64)>>(iter: T) -> Self {
        let mut tally = Tally::new();
        for (k, n) in iter {
            tally.add(k, n);
        }
        tally
    }
}
