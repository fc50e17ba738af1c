//! The string matcher: every string the project has tagged, and every name and alias
//! of its registry, found again wherever it occurs.
//!
//! Strings are compared folded ([`super::fold`]: case, diacritics, curly quotes,
//! white space), in one Aho–Corasick automaton built when training, walked over a
//! folded copy of the document from each place a word may start
//! ([`super::word_starts`]; a long document in parts on every core). A match counts only where it is whole words, as a drag over it
//! would snap ([`crate::model::snap::is_snapped`]): “Iran” is found in “Iran’s talks”,
//! not in “Iranian”. Where matches overlap, the longest wins (then the earliest).
//!
//! What a string is learnt as:
//! - its **label** is the one its spans had most often; a registry name votes once for
//!   the actor label. Ties go to the label first in the schema, then (labels the
//!   schema lacks) alphabetically.
//! - its **score** is how often it was tagged with that label where it occurs in the
//!   training documents: tagged occurrences / all occurrences, counted per set of
//!   annotations, after overlaps are settled as they are when suggesting. A registry
//!   name adds one tagged occurrence to both, a prior, so that a name nobody has
//!   tagged yet is still offered. A string never tagged where it occurs scores 0 and
//!   is not offered.
//!
//! A span is learnt as the whole words it covers (a stored “Iran’s” is learnt as
//! “Iran”); one that covers part of a word is not learnt.

use super::fold::{Folded, fold};
use super::word_starts::Starts;
use super::{Example, Recommender, Suggestion};
use crate::model::snap::{is_snapped, snap_str};
use crate::model::{CharOffset, Document, Registry, Schema, Snap, Span, StatementLabels, snap};
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// From how many bytes a text is searched in parts on several cores: below, the
/// threads would cost more than they save.
const PARTS_FROM: usize = 1 << 20;

/// The name the string matcher reports and signs its suggestions with.
pub const NAME: &str = "strings";

/// A string learnt: what it is folded, the label it gets and its score.
#[derive(Debug, Clone, PartialEq)]
struct Known {
    label: String,
    score: f32,
}

/// One match in a document: which known string, where (chars).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// The index of the known string.
    pub pattern: usize,
    /// First char.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
    /// The same place in bytes, for slicing the text.
    pub bytes: (usize, usize),
}

/// The places of one set of annotations, with their labels.
type Places<'a> = HashSet<(CharOffset, CharOffset, &'a str)>;

/// How a string was tagged in the training documents.
#[derive(Debug, Default)]
struct Votes {
    labels: BTreeMap<String, u32>,
    /// 1 when the registry has it as a name or alias.
    prior: u32,
}

/// The string matcher; see the module documentation.
#[derive(Debug, Clone)]
pub struct StringMatcher {
    /// [`NAME`], shared by every suggestion.
    name: Arc<str>,
    /// The schema's labels in order, for ties.
    labels: Vec<String>,
    /// The label registry names get.
    actor: String,
    /// The registry's names and aliases, folded.
    names: Vec<String>,
    /// The known strings, folded, in the automaton's pattern order.
    patterns: Vec<String>,
    known: Vec<Known>,
    automaton: Option<Starts>,
}

impl StringMatcher {
    /// A matcher that knows the registry's names (as the schema's actor label) and
    /// nothing else until it is trained.
    pub fn new(schema: &Schema, registry: &Registry) -> Self {
        let mut names: Vec<String> = registry
            .entities
            .iter()
            .flat_map(|e| e.names())
            .filter_map(snap_str)
            .map(fold)
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        names.dedup();
        Self {
            name: Arc::from(NAME),
            labels: schema.labels.iter().map(|l| l.name.clone()).collect(),
            actor: StatementLabels::of(schema).actor,
            names,
            patterns: Vec::new(),
            known: Vec::new(),
            automaton: None,
        }
    }

    /// How many strings it knows (after training; the registry's names count too).
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when it knows no string.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The matches of known strings in `document`: whole words only, overlaps
    /// settled longest first, in text order.
    pub(crate) fn find(&self, document: &Document) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let text = document.text();
        // A long text is folded and searched in parts on every core; a part takes
        // the strings that start in it.
        let parts = if text.len() >= PARTS_FROM {
            crate::store::parallel::threads()
        } else {
            1
        };
        let folded = Folded::new_in_parts(text, parts);
        let hay = folded.as_str();
        let part = |range: std::ops::Range<usize>| {
            let mut candidates = Vec::new();
            let mut near = 0;
            automaton.each_starting_in(hay, range, |pattern, start, end| {
                let Some((start, end)) = folded.original_range_near(start, end, &mut near) else {
                    return;
                };
                if is_snapped(text, start, end) {
                    candidates.push(Candidate {
                        start,
                        end,
                        pattern,
                    });
                }
            });
            candidates
        };
        let candidates = if parts <= 1 {
            part(0..hay.len())
        } else {
            let step = hay.len().div_ceil(parts);
            let ranges: Vec<std::ops::Range<usize>> = (0..parts)
                .map(|k| k * step..((k + 1) * step).min(hay.len()))
                .collect();
            std::thread::scope(|scope| {
                let part = &part;
                let handles: Vec<_> = ranges
                    .into_iter()
                    .map(|r| scope.spawn(move || part(r)))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_default())
                    .collect()
            })
        };
        in_chars(text, longest_first(candidates))
    }

    /// The label a string's votes give it: the most votes (a registry name's being
    /// one for the actor label); ties to the schema's order, then the alphabet.
    fn label_of(&self, votes: &Votes) -> String {
        let rank = |label: &str| self.labels.iter().position(|l| l == label);
        let mut counts = votes.labels.clone();
        if votes.prior > 0 {
            *counts.entry(self.actor.clone()).or_insert(0) += votes.prior;
        }
        counts
            .into_iter()
            // BTreeMap order is alphabetical, so among equals `max_by_key` would take
            // the last; the key makes earlier labels greater instead.
            .max_by_key(|(label, n)| {
                (
                    *n,
                    Reverse(rank(label).unwrap_or(usize::MAX)),
                    Reverse(label.clone()),
                )
            })
            .map_or_else(|| self.actor.clone(), |(label, _)| label)
    }
}

/// Where a span is learnt: the whole words it covers, as a drag over it snaps; `None`
/// when snapping would grow it (it covers part of a word). The tagger learns spans
/// the same way.
pub(crate) fn learnt_place(document: &Document, span: &Span) -> Option<(CharOffset, CharOffset)> {
    let (text, offsets) = (document.text(), document.offsets());
    let a = offsets.to_byte(text, span.start)?.0;
    let b = offsets.to_byte(text, span.end)?.0;
    // Most spans were snapped when tagged; `snap` would read their whole line.
    if is_snapped(text, a, b) {
        return Some((span.start, span.end));
    }
    let (s, e) = snap(document, span.start, span.end, Snap::Words)?;
    (s >= span.start && e <= span.end).then_some((s, e))
}

/// A match in bytes of the original text, before overlaps are settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    start: usize,
    end: usize,
    pattern: usize,
}

/// `found` without overlaps: the longest (in bytes of the text) first, then the
/// earliest; in text order.
fn longest_first(mut found: Vec<Candidate>) -> Vec<Candidate> {
    found.sort_unstable_by_key(|c| (c.start, Reverse(c.end), c.pattern));
    let mut kept = Vec::with_capacity(found.len());
    let mut i = 0;
    while i < found.len() {
        // Most matches overlap nothing; only a run of matches that overlap one
        // another, directly or through others, needs settling.
        let mut reach = found[i].end;
        let mut j = i + 1;
        while j < found.len() && found[j].start < reach {
            reach = reach.max(found[j].end);
            j += 1;
        }
        if j == i + 1 {
            kept.push(found[i]);
        } else {
            kept.extend(settle(&found[i..j]));
        }
        i = j;
    }
    kept
}

/// A run of overlapping matches settled: longest first, each kept unless it overlaps
/// one kept before; in text order.
fn settle(run: &[Candidate]) -> Vec<Candidate> {
    let mut by_length = run.to_vec();
    by_length.sort_by_key(|c| (Reverse(c.end - c.start), c.start, c.pattern));
    // Kept matches by start: they never overlap, so the one starting last before a
    // candidate's end is the only one that can reach into it.
    let mut taken: BTreeMap<usize, Candidate> = BTreeMap::new();
    for c in by_length {
        let clash = taken
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, t)| t.end > c.start);
        if !clash {
            taken.insert(c.start, c);
        }
    }
    taken.into_values().collect()
}

/// Matches in text order, none overlapping, in chars: counted along the text once,
/// as each start and end lies at or after the one before.
fn in_chars(text: &str, kept: Vec<Candidate>) -> Vec<Found> {
    let (mut byte, mut char) = (0, 0);
    let mut to_char = |at: usize| {
        char += text.get(byte..at)?.chars().count();
        byte = at;
        Some(CharOffset(char))
    };
    kept.into_iter()
        .filter_map(|c| {
            Some(Found {
                start: to_char(c.start)?,
                end: to_char(c.end)?,
                pattern: c.pattern,
                bytes: (c.start, c.end),
            })
        })
        .collect()
}

impl Recommender for StringMatcher {
    fn name(&self) -> &str {
        NAME
    }

    fn train(&mut self, examples: &[Example<'_>]) {
        let mut votes: BTreeMap<String, Votes> = BTreeMap::new();
        for name in &self.names {
            votes.entry(name.clone()).or_default().prior = 1;
        }
        // Per example, per set of annotations: the places learnt, with their labels.
        let mut tagged: Vec<Vec<Places<'_>>> = Vec::new();
        for example in examples {
            let mut sets = Vec::new();
            for annotations in example.annotations {
                let mut places = HashSet::new();
                for span in &annotations.spans {
                    let Some((s, e)) = learnt_place(example.document, span) else {
                        continue;
                    };
                    let key = example.document.slice(s, e).map(fold).unwrap_or_default();
                    if key.is_empty() {
                        continue;
                    }
                    *votes
                        .entry(key)
                        .or_default()
                        .labels
                        .entry(span.label.clone())
                        .or_insert(0) += 1;
                    places.insert((s, e, span.label.as_str()));
                }
                sets.push(places);
            }
            tagged.push(sets);
        }
        let priors: Vec<u32> = votes.values().map(|v| v.prior).collect();
        let labels: Vec<String> = votes.values().map(|v| self.label_of(v)).collect();
        self.patterns = votes.into_keys().collect();
        self.automaton = Starts::new(&self.patterns);
        // Occurrences and tagged occurrences of each string, per set of annotations.
        let mut counts = vec![(0u32, 0u32); self.patterns.len()];
        for (example, sets) in examples.iter().zip(&tagged) {
            for f in self.find(example.document) {
                let label = labels[f.pattern].as_str();
                let (all, hit) = &mut counts[f.pattern];
                *all += sets.len() as u32;
                *hit += sets
                    .iter()
                    .filter(|p| p.contains(&(f.start, f.end, label)))
                    .count() as u32;
            }
        }
        self.known = labels
            .into_iter()
            .zip(counts.into_iter().zip(priors))
            .map(|(label, ((all, hit), prior))| Known {
                label,
                score: if all + prior == 0 {
                    0.0
                } else {
                    (hit + prior) as f32 / (all + prior) as f32
                },
            })
            .collect();
    }

    fn suggest(&self, document: &Document) -> Vec<Suggestion> {
        let text = document.text();
        self.find(document)
            .into_iter()
            .filter_map(|f| {
                let known = self.known.get(f.pattern)?;
                (known.score > 0.0).then(|| Suggestion {
                    start: f.start,
                    end: f.end,
                    label: known.label.clone(),
                    score: known.score,
                    recommender: Arc::clone(&self.name),
                    text: text
                        .get(f.bytes.0..f.bytes.1)
                        .unwrap_or_default()
                        .to_owned(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "strings_tests.rs"]
mod tests;
