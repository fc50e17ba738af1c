//! The sequence tagger: spans learnt from the words around them, so that a name never
//! tagged before is suggested where names like it were (“Minister X said”).
//!
//! An averaged perceptron ([`perceptron`]) per label, each tagging every token as
//! outside, beginning or inside a span of its label (BIO), so that spans of
//! different labels may nest or overlap (an actor inside a claim). Its features
//! ([`features`]) are the token's word, shape, prefixes, suffixes and kind of
//! characters, those of two tokens either side, whether it is part of a registry
//! name, and the tags chosen before it. Labels are the schema's that have at least
//! one span in the training documents.
//!
//! Tokens ([`tokens`]) are UAX #29 words with a possessive ’s cut off. A span is
//! learnt as the whole words it covers, as the string matcher learns it, and then
//! as the tokens inside that; one covering no whole token is not learnt. A suggested
//! span is whole tokens, and is dropped unless it is what a drag over it would snap
//! to ([`is_snapped`]), the string matcher's rule too.
//!
//! **Score**: each token of a suggested span won its tag (begin for the first,
//! inside for the rest) by a margin over the best other tag. Margins grow with the
//! weights, so they are measured against the label's typical margin, the mean by
//! which its spans' tokens are won in (up to 200 of) the training sequences
//! ([`perceptron::typical_margin`]): the score is `logistic(ln 4 × mean margin /
//! typical)`. A span won as clearly as the label's spans in training data scores
//! 0.8, one only just won about 0.5, one won twice as clearly 0.94. It is never
//! below 0.5, as a winning margin is never negative: it orders suggestions and
//! sets a bar to accept them by; it is not a calibrated probability.
//!
//! Training passes over the examples at least five times, more when they are few
//! ([`perceptron::epochs_for`]), every annotator's set of a document a sequence of
//! its own. It is deterministic: the same examples (in any order) give the same
//! weights, as the order of each pass is a hash of document ids, and features are
//! hashed with fixed keys. Labels are trained in parallel, one thread each.

pub mod features;
pub mod perceptron;
pub mod saved;
pub mod tokens;

#[cfg(test)]
mod tests;

use super::strings::learnt_place;
use super::{Example, Recommender, Suggestion};
use crate::model::snap::is_snapped;
use crate::model::{Annotations, Document, Registry, Schema};
use crate::store::par_map;
use features::{Encoded, Names, encode, fnv, mix};
use perceptron::{BEGIN, INSIDE, OUTSIDE, Sequence, Weights, decode, spans, train, typical_margin};
use std::cmp::Reverse;
use std::fmt;
use std::sync::Arc;

/// The name the tagger reports and signs its suggestions with.
pub const NAME: &str = "tagger";

/// One label's model.
#[derive(Clone, PartialEq)]
pub(crate) struct LabelModel {
    /// The label.
    pub label: String,
    /// Its averaged weights.
    pub weights: Weights,
    /// [`perceptron::typical_margin`] on its training data, which scores are
    /// measured against.
    pub typical: f32,
}

/// The sequence tagger; see the module documentation.
#[derive(Clone)]
pub struct Tagger {
    /// [`NAME`], shared by every suggestion.
    name: Arc<str>,
    /// The schema's labels in order: which may be learnt, and the order of
    /// suggestions at one place.
    labels: Vec<String>,
    /// The registry's names, for the membership features.
    names: Names,
    /// A hash of the registry's names, part of [`Tagger::trained_on`].
    names_hash: u64,
    /// One model per label learnt, in the schema's order.
    models: Vec<LabelModel>,
    /// [`Tagger::fingerprint`] of what it was trained on.
    trained_on: u64,
}

impl fmt::Debug for Tagger {
    /// The labels and fingerprint, not the millions of weights.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tagger")
            .field("labels", &self.labels)
            .field(
                "models",
                &self.models.iter().map(|m| &m.label).collect::<Vec<_>>(),
            )
            .field("trained_on", &format_args!("{:016x}", self.trained_on))
            .finish()
    }
}

impl Tagger {
    /// A tagger for `schema`'s labels that knows `registry`'s names and has learnt
    /// nothing: it suggests nothing until trained.
    pub fn new(schema: &Schema, registry: &Registry) -> Self {
        let mut all: Vec<&str> = registry.entities.iter().flat_map(|e| e.names()).collect();
        all.sort_unstable();
        all.dedup();
        let names_hash = all
            .iter()
            .fold(fnv(b"names"), |h, n| mix(h ^ fnv(n.as_bytes())));
        Self {
            name: Arc::from(NAME),
            labels: schema.labels.iter().map(|l| l.name.clone()).collect(),
            names: Names::of(registry),
            names_hash,
            models: Vec::new(),
            trained_on: 0,
        }
    }

    /// The labels it has learnt, in the schema's order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.models.iter().map(|m| m.label.as_str())
    }

    /// The fingerprint of the examples, schema labels and registry names it was
    /// trained on (0 before training): a saved model whose fingerprint differs from
    /// [`Tagger::fingerprint`] of the project's examples now is out of date.
    pub fn trained_on(&self) -> u64 {
        self.trained_on
    }

    /// A hash of `examples` (document ids, text hashes, every set's spans), this
    /// tagger's schema labels and registry names; the same for the examples in any
    /// order.
    pub fn fingerprint(&self, examples: &[Example<'_>]) -> u64 {
        let mut each: Vec<u64> = examples
            .iter()
            .map(|e| {
                let mut h = fnv(e.document.id().as_str().as_bytes());
                h = mix(h ^ fnv(e.document.hash().0.as_bytes()));
                for set in e.annotations {
                    h = mix(h ^ 0x5E7);
                    for s in &set.spans {
                        h = mix(h ^ s.start.0 as u64);
                        h = mix(h ^ s.end.0 as u64);
                        h = mix(h ^ fnv(s.label.as_bytes()));
                    }
                }
                h
            })
            .collect();
        each.sort_unstable();
        let mut h = mix(self.names_hash ^ perceptron_version());
        for label in &self.labels {
            h = mix(h ^ fnv(label.as_bytes()));
        }
        each.into_iter().fold(h, |h, e| mix(h ^ e))
    }

    /// The schema labels that have a span in `examples`.
    fn labels_in(&self, examples: &[Example<'_>]) -> Vec<String> {
        self.labels
            .iter()
            .filter(|label| {
                examples.iter().any(|e| {
                    e.annotations
                        .iter()
                        .any(|a| a.spans.iter().any(|s| &s.label == *label))
                })
            })
            .cloned()
            .collect()
    }
}

/// What changes the weights the same examples give, folded into the fingerprint:
/// the passes made and the table's size.
fn perceptron_version() -> u64 {
    let passes = (
        perceptron::MIN_EPOCHS,
        perceptron::MAX_EPOCHS,
        perceptron::TOKEN_BUDGET,
    );
    mix(fnv(format!("{passes:?}").as_bytes()) ^ (u64::from(features::TABLE_BITS) << 32))
}

/// The tags of `label` in one set of annotations, a tag per token of `encoded`: each
/// span learnt as the tokens inside its whole words; a span overlapping an earlier
/// one of its label (longest first at one start) is left out, as tags can say only
/// one span at a time.
fn gold_tags(document: &Document, encoded: &Encoded, set: &Annotations, label: &str) -> Vec<u8> {
    let tokens = &encoded.tokens;
    let mut tags = vec![OUTSIDE; tokens.len()];
    let mut places: Vec<_> = set
        .spans
        .iter()
        .filter(|s| s.label == label)
        .filter_map(|s| learnt_place(document, s))
        .collect();
    places.sort_unstable_by_key(|&(s, e)| (s, Reverse(e)));
    let mut free_from = 0;
    for (start, end) in places {
        // Tokens are in order and never overlap, so those inside are a run.
        let first = tokens.partition_point(|t| t.start < start);
        let last = tokens.partition_point(|t| t.end <= end);
        if first >= last || first < free_from {
            continue;
        }
        tags[first] = BEGIN;
        for t in &mut tags[first + 1..last] {
            *t = INSIDE;
        }
        free_from = last;
    }
    tags
}

/// ln 4: the logistic of it is 0.8, the score of a span as clear as the typical.
const LN_4: f32 = std::f32::consts::LN_2 * 2.0;

/// The logistic function.
fn logistic(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Recommender for Tagger {
    fn name(&self) -> &str {
        NAME
    }

    fn train(&mut self, examples: &[Example<'_>]) {
        self.trained_on = self.fingerprint(examples);
        let labels = self.labels_in(examples);
        let names = &self.names;
        let encoded: Vec<Encoded> = par_map(examples, |e| encode(e.document.text(), names));
        let keys: Vec<u64> = examples
            .iter()
            .map(|e| fnv(e.document.id().as_str().as_bytes()))
            .collect();
        let sequences_of = |label: &str| -> Vec<Sequence<'_>> {
            let mut out = Vec::new();
            for ((example, encoded), key) in examples.iter().zip(&encoded).zip(&keys) {
                for (k, set) in example.annotations.iter().enumerate() {
                    out.push(Sequence {
                        encoded,
                        gold: gold_tags(example.document, encoded, set, label),
                        key: mix(key ^ k as u64),
                    });
                }
            }
            out
        };
        let learn = |label: &String| {
            let sequences = sequences_of(label);
            let weights = train(&sequences);
            let typical = typical_margin(&weights, &sequences);
            LabelModel {
                label: label.clone(),
                weights,
                typical,
            }
        };
        if crate::store::parallel::threads() <= 1 {
            // Kept to one thread (learning behind the window): a label at a time.
            self.models = labels.iter().map(learn).collect();
            return;
        }
        // A thread a label: they share the encoded documents and nothing else.
        self.models = std::thread::scope(|scope| {
            let learn = &learn;
            let handles: Vec<_> = labels
                .iter()
                .map(|label| scope.spawn(move || learn(label)))
                .collect();
            // A thread that panicked leaves its label unlearnt; the rest stand.
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
    }

    fn suggest(&self, document: &Document) -> Vec<Suggestion> {
        if self.models.is_empty() {
            return Vec::new();
        }
        let text = document.text();
        let encoded = encode(text, &self.names);
        let mut out = Vec::new();
        for (rank, model) in self.models.iter().enumerate() {
            let tags = decode(&model.weights, &encoded);
            for (first, last, margins) in spans(&tags) {
                let (Some(a), Some(b)) = (
                    encoded.tokens.get(first),
                    last.checked_sub(1).and_then(|l| encoded.tokens.get(l)),
                ) else {
                    continue;
                };
                if !is_snapped(text, a.byte_start, b.byte_end) {
                    continue;
                }
                out.push((
                    rank,
                    Suggestion {
                        start: a.start,
                        end: b.end,
                        label: model.label.clone(),
                        score: logistic(LN_4 * margins / (last - first) as f32 / model.typical),
                        recommender: Arc::clone(&self.name),
                        text: text
                            .get(a.byte_start..b.byte_end)
                            .unwrap_or_default()
                            .to_owned(),
                    },
                ));
            }
        }
        // Text order; at one place, the schema's order of labels.
        out.sort_by_key(|(rank, s)| (s.start, Reverse(s.end), *rank));
        out.into_iter().map(|(_, s)| s).collect()
    }
}
