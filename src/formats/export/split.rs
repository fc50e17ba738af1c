//! Train/dev/test splits that are the same on every machine and for every run.
//!
//! A document's split depends only on the seed and its own id: the 64-bit FNV-1a hash
//! of the seed (8 bytes, little endian) followed by the id's UTF-8 bytes, passed
//! through the SplitMix64 finaliser so that ids differing in one letter land far
//! apart. The top 53 bits give a number in [0, 1) that falls into one of the
//! fractions in the order they were given. Adding documents never moves another one,
//! and `DefaultHasher` is not used because its algorithm may change between Rust
//! releases.

use std::fmt;
use std::str::FromStr;

/// Fractions of the documents by split name, in order: `train=0.8,dev=0.1,test=0.1`.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitSpec {
    parts: Vec<(String, f64)>,
}

impl SplitSpec {
    /// The split an 80/10/10 train/dev/test dataset uses.
    pub fn train_dev_test() -> Self {
        Self {
            parts: vec![
                ("train".into(), 0.8),
                ("dev".into(), 0.1),
                ("test".into(), 0.1),
            ],
        }
    }

    /// The split names in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|(name, _)| name.as_str())
    }

    /// The split of the document `id` under `seed`.
    pub fn assign(&self, seed: u64, id: &str) -> &str {
        let x = unit_interval(seed, id);
        let mut upto = 0.0;
        for (name, fraction) in &self.parts {
            upto += fraction;
            if x < upto {
                return name;
            }
        }
        // Rounding can leave the sum a hair under 1: the last split takes the rest.
        self.parts.last().map_or("train", |(name, _)| name.as_str())
    }
}

impl fmt::Display for SplitSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|(name, fraction)| format!("{name}={fraction}"))
            .collect();
        f.write_str(&parts.join(","))
    }
}

impl FromStr for SplitSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut parts: Vec<(String, f64)> = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, fraction) = part.split_once('=').ok_or_else(|| {
                format!("“{part}” is not NAME=FRACTION; write e.g. train=0.8,dev=0.1,test=0.1")
            })?;
            let name = name.trim();
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(format!(
                    "the split name “{name}” becomes a file name; use letters, digits, '-' or '_'"
                ));
            }
            if parts.iter().any(|(n, _)| n == name) {
                return Err(format!("the split “{name}” is given twice"));
            }
            let fraction: f64 = fraction
                .trim()
                .parse()
                .ok()
                .filter(|f: &f64| f.is_finite() && *f >= 0.0)
                .ok_or_else(|| {
                    format!("“{fraction}” is not a fraction from 0 to 1 (in “{part}”)")
                })?;
            parts.push((name.to_owned(), fraction));
        }
        if parts.is_empty() {
            return Err("no splits given; write e.g. train=0.8,dev=0.1,test=0.1".into());
        }
        let sum: f64 = parts.iter().map(|(_, f)| f).sum();
        if (sum - 1.0).abs() > 1e-6 {
            return Err(format!(
                "the fractions add up to {sum}, not 1; make them add up to 1"
            ));
        }
        Ok(Self { parts })
    }
}

/// A number in [0, 1) from the seed and the id, as described in the module comment:
/// the same on every machine, for whatever needs documents in a stable random order
/// (splits, and the folds of `claimspan suggest --evaluate`).
pub fn unit_interval(seed: u64, id: &str) -> f64 {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = FNV_OFFSET;
    for byte in seed.to_le_bytes().iter().chain(id.as_bytes()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    // SplitMix64's finaliser.
    let mut z = hash;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignments_are_pinned() {
        // If this test fails, the algorithm changed and every published split with it.
        // The expected values were computed by an independent Python version of the
        // algorithm in the module comment.
        let spec = SplitSpec::train_dev_test();
        let ids = [
            "coalition-talks-stall-in-baghdad-2018-06-14",
            "iran-warns-europe-over-oil-sanctions-2018-06-15",
            "jordan-party-rejects-fuel-tax-2018-06-24",
            "doc-0",
            "doc-1",
            "doc-2",
            "doc-3",
            "doc-4",
            "doc-5",
        ];
        let got: Vec<&str> = ids.iter().map(|id| spec.assign(42, id)).collect();
        assert_eq!(
            got,
            [
                "train", "train", "train", "train", "train", "dev", "test", "test", "dev"
            ]
        );
        let seed_7: Vec<&str> = ids.iter().map(|id| spec.assign(7, id)).collect();
        assert_eq!(
            seed_7,
            [
                "train", "train", "train", "train", "train", "test", "train", "train", "train"
            ]
        );
        assert_eq!(unit_interval(0, ""), 0.5048676404714686);
    }

    #[test]
    fn fractions_are_roughly_kept() {
        let spec: SplitSpec = "train=0.8,dev=0.1,test=0.1".parse().unwrap();
        let mut counts = std::collections::BTreeMap::new();
        for i in 0..10_000 {
            *counts
                .entry(spec.assign(1, &format!("doc-{i}")))
                .or_insert(0) += 1;
        }
        assert!((7_800..8_200).contains(&counts["train"]), "{counts:?}");
        assert!((900..1_100).contains(&counts["dev"]), "{counts:?}");
    }

    #[test]
    fn bad_specs_say_what_to_write() {
        for (spec, says) in [
            ("train=0.8,dev=0.1", "add up to 0.9"),
            ("train", "is not NAME=FRACTION"),
            ("train=x,dev=1", "is not a fraction"),
            ("../x=1", "becomes a file name"),
            ("a=0.5,a=0.5", "given twice"),
        ] {
            let err = spec.parse::<SplitSpec>().unwrap_err();
            assert!(err.contains(says), "{spec}: {err}");
        }
        assert_eq!(
            SplitSpec::train_dev_test().to_string(),
            "train=0.8,dev=0.1,test=0.1"
        );
    }
}
