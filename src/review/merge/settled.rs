//! What reviewers settled before, carried into the disagreements found now.
//!
//! A settled disagreement is a person's decision about versions of a span (place,
//! label and attributes). It must not come back open because the merge or review
//! mode now looks at another set of annotators: with one annotator more, the same
//! versions come with another list of who lacks them; with one fewer, some versions
//! are gone, or the rest agree. So a disagreement found now is settled by an earlier
//! one when it is the same disagreement, or when every version in it was among the
//! versions that one settled. A settled disagreement that no longer shows up is kept
//! when it concerns an annotator not looked at now, so that a later run with them
//! finds it again; one among the same annotators that no longer shows up was settled
//! by the annotators themselves and goes.

use crate::model::{AnnotatorName, CharOffset};
use crate::store::{Candidate, Disagreement};
use std::collections::{BTreeMap, BTreeSet};

/// A version of a span: what a reviewer decides about.
pub type Version = (CharOffset, CharOffset, String, BTreeMap<String, String>);

/// The version a candidate is.
pub fn version(c: &Candidate) -> Version {
    (c.start, c.end, c.label.clone(), c.attributes.clone())
}

fn versions(d: &Disagreement) -> BTreeSet<Version> {
    d.candidates.iter().map(version).collect()
}

/// The disagreements to keep and which versions reviewers decided on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    /// Open and settled disagreements, in text order.
    pub disagreements: Vec<Disagreement>,
    /// Versions a settled disagreement covers: neither accepted by a merge nor raised
    /// again.
    pub decided: BTreeSet<Version>,
}

/// The disagreements `found` now among `annotators`, with the decisions of `before`
/// carried over as the module describes.
pub fn carry_settled(
    before: &[Disagreement],
    found: Vec<Disagreement>,
    annotators: &[AnnotatorName],
) -> Carried {
    let settled: Vec<&Disagreement> = before.iter().filter(|d| d.settled.is_some()).collect();
    let settled_versions: Vec<BTreeSet<Version>> = settled.iter().map(|d| versions(d)).collect();
    let mut used = vec![false; settled.len()];
    let mut carried = Carried::default();
    for mut now in found {
        if let Some(i) = settled.iter().position(|old| old.same_as(&now)) {
            now.settled = settled[i].settled.clone();
            used[i] = true;
            carried.decided.extend(versions(&now));
            carried.disagreements.push(now);
            continue;
        }
        let mine = versions(&now);
        match settled_versions.iter().position(|v| mine.is_subset(v)) {
            Some(i) => used[i] = true,
            None => carried.disagreements.push(now),
        }
    }
    for (i, old) in settled.iter().enumerate() {
        let elsewhere = || {
            old.candidates
                .iter()
                .flat_map(|c| &c.annotators)
                .chain(&old.lacking)
                .any(|a| !annotators.contains(a))
        };
        let already = carried.disagreements.iter().any(|c| c.same_as(old));
        if (used[i] || elsewhere()) && !already {
            carried.decided.extend(settled_versions[i].iter().cloned());
            carried.disagreements.push((*old).clone());
        }
    }
    carried.disagreements.sort_by_key(|c| (c.start, c.end));
    carried
}
