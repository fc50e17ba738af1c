//! The averaged perceptron of one label: three tags a token (outside, begins a span,
//! inside one), a weight per feature row and tag, trained token by token.
//!
//! Decoding is greedy, left to right, each token's tag chosen with the two tags
//! chosen before it among its features. Viterbi over three tags would be cheap to
//! run, but it pays off only with a model trained on whole sequences (a structured
//! perceptron); greedy decoding is trained exactly as it is used (on the tags it
//! chose itself, mistakes included), which keeps training one pass per token and
//! suggesting one pass per document. An “inside” right after “outside” (which
//! greedy decoding can choose) is read as the start of a span.
//!
//! Training is the perceptron's: where the best-scoring tag is not the annotated one,
//! every feature of the token moves one towards the annotated tag and one away from
//! the guess. The weights kept are the average of the weights after every token of
//! every epoch (the averaged perceptron), which generalises far better than the last
//! ones; it is computed without keeping every version, by also summing each change
//! times the step it was made at (`w − Σ c·Δ / c`).

use super::features::{DYNAMIC, Encoded, ROWS, mix, tag_rows};

/// Not in a span.
pub const OUTSIDE: u8 = 0;
/// The first token of a span.
pub const BEGIN: u8 = 1;
/// A later token of a span.
pub const INSIDE: u8 = 2;

/// A label's weights: one row of three (outside, begin, inside) per feature row.
#[derive(Clone, PartialEq)]
pub struct Weights {
    /// [`ROWS`] rows.
    pub rows: Vec<[f32; 3]>,
}

impl Weights {
    /// All zero: every token outside.
    pub fn zero() -> Self {
        Self {
            rows: vec![[0.0; 3]; ROWS],
        }
    }

    /// The scores of the three tags for a token with these feature rows.
    fn scores(&self, statics: &[u32], dynamic: &[u32; DYNAMIC]) -> [f32; 3] {
        let mut s = [0.0f32; 3];
        for &r in statics.iter().chain(dynamic) {
            if let Some(w) = self.rows.get(r as usize) {
                s[0] += w[0];
                s[1] += w[1];
                s[2] += w[2];
            }
        }
        s
    }
}

/// The best of three scores; ties to the lower tag, so that untrained weights say
/// “outside”.
fn best(s: [f32; 3]) -> u8 {
    let mut tag = 0;
    for t in 1..3 {
        if s[t] > s[tag] {
            tag = t;
        }
    }
    tag as u8
}

/// One sequence to learn: a document's tokens and one set of annotations' tags of
/// the label, with the key that orders it among the others in each epoch.
pub struct Sequence<'a> {
    /// The document, encoded.
    pub encoded: &'a Encoded,
    /// A tag per token.
    pub gold: Vec<u8>,
    /// Where it comes in an epoch: mixed with the epoch's number and sorted by.
    pub key: u64,
}

/// The fewest passes over the training data: where held-out F1 stops rising on
/// the fixtures.
pub const MIN_EPOCHS: usize = 5;
/// The most passes.
pub const MAX_EPOCHS: usize = 40;
/// Tokens a label's training visits in all, past [`MIN_EPOCHS`]: a small project
/// gets more passes, as five over a few documents leave the average weighed down
/// by the first, ignorant weights; a large one (1,000 articles are some 800,000
/// tokens) gets five.
pub const TOKEN_BUDGET: usize = 2_000_000;

/// How many passes `tokens` tokens of training data get at most.
pub fn epochs_for(tokens: usize) -> usize {
    (TOKEN_BUDGET / tokens.max(1)).clamp(MIN_EPOCHS, MAX_EPOCHS)
}

/// Weights learnt from `sequences` in [`epochs_for`] passes (those after a pass
/// without a mistake are counted, not made: they would change nothing but the
/// average's divisor). Each pass is in its own
/// order (the sequences sorted by their keys mixed with the pass number:
/// deterministic, and the same whatever order the sequences were given in).
pub fn train(sequences: &[Sequence<'_>]) -> Weights {
    let tokens: usize = sequences.iter().map(|s| s.gold.len()).sum();
    let epochs = epochs_for(tokens);
    let mut weights = Weights::zero();
    let mut sums = vec![[0.0f64; 3]; ROWS];
    // Counted from 1: the average divides by it.
    let mut step = 1.0f64;
    let mut order: Vec<usize> = (0..sequences.len()).collect();
    for epoch in 0..epochs {
        let salt = mix(epoch as u64 + 1);
        order.sort_by_key(|&i| (mix(sequences[i].key ^ salt), i));
        let mut mistakes = 0usize;
        for &i in &order {
            let sequence = &sequences[i];
            let (mut before, mut before2) = (OUTSIDE, OUTSIDE);
            for (t, &gold) in sequence.gold.iter().enumerate() {
                let statics = sequence.encoded.rows_of(t);
                let word = sequence.encoded.words.get(t).copied().unwrap_or(0);
                let dynamic = tag_rows(word, before, before2);
                let guess = best(weights.scores(statics, &dynamic));
                if guess != gold {
                    mistakes += 1;
                    let (g, b) = (usize::from(gold), usize::from(guess));
                    for &r in statics.iter().chain(&dynamic) {
                        let r = r as usize;
                        if let (Some(w), Some(s)) = (weights.rows.get_mut(r), sums.get_mut(r)) {
                            w[g] += 1.0;
                            w[b] -= 1.0;
                            s[g] += step;
                            s[b] -= step;
                        }
                    }
                }
                step += 1.0;
                before2 = before;
                before = guess;
            }
        }
        if mistakes == 0 {
            // The weights did not change in this pass, so no later pass changes
            // them either (a pass's guesses depend on the weights alone, whatever
            // its order): the passes left are made by counting their steps, which is
            // exactly what making them would add to the average.
            step += ((epochs - epoch - 1) * tokens) as f64;
            break;
        }
    }
    for (w, s) in weights.rows.iter_mut().zip(&sums) {
        for t in 0..3 {
            w[t] = (f64::from(w[t]) - s[t] / step) as f32;
        }
    }
    weights
}

/// Sequences [`typical_margin`] looks at, at most: enough for a steady mean, few
/// enough to cost little beside training.
const TYPICAL_OF: usize = 200;

/// The mean margin by which `weights` choose “begin” or “inside” where they do, in
/// the first [`TYPICAL_OF`] of `sequences` by key: how clearly this label's spans
/// are won in text it learnt, which a suggestion's score is measured against. 1 when
/// there is no span to measure.
pub fn typical_margin(weights: &Weights, sequences: &[Sequence<'_>]) -> f32 {
    let mut order: Vec<&Sequence<'_>> = sequences.iter().collect();
    order.sort_by_key(|s| s.key);
    let (mut sum, mut n) = (0.0f64, 0u64);
    for sequence in order.into_iter().take(TYPICAL_OF) {
        for (tag, margin) in decode(weights, sequence.encoded) {
            if tag != OUTSIDE {
                sum += f64::from(margin);
                n += 1;
            }
        }
    }
    if n == 0 || sum <= 0.0 {
        1.0
    } else {
        (sum / n as f64) as f32
    }
}

/// Each token's tag and the margin by which it won (its score less the best other
/// tag's), left to right.
pub fn decode(weights: &Weights, encoded: &Encoded) -> Vec<(u8, f32)> {
    let mut out = Vec::with_capacity(encoded.tokens.len());
    let (mut before, mut before2) = (OUTSIDE, OUTSIDE);
    for t in 0..encoded.tokens.len() {
        let word = encoded.words.get(t).copied().unwrap_or(0);
        let s = weights.scores(encoded.rows_of(t), &tag_rows(word, before, before2));
        let tag = best(s);
        let other = (0..3)
            .filter(|&o| o != usize::from(tag))
            .map(|o| s[o])
            .fold(f32::NEG_INFINITY, f32::max);
        out.push((tag, s[usize::from(tag)] - other));
        before2 = before;
        before = tag;
    }
    out
}

/// The spans of decoded tags, as token ranges (first, one past the last) with their
/// tokens' margins summed: a span starts at “begin”, or at “inside” after “outside”,
/// and goes on over “inside”.
pub fn spans(tags: &[(u8, f32)]) -> Vec<(usize, usize, f32)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, f32)> = None;
    for (t, &(tag, margin)) in tags.iter().enumerate() {
        match (tag, open) {
            (INSIDE, Some((start, sum))) => open = Some((start, sum + margin)),
            (OUTSIDE, _) => {
                if let Some((start, sum)) = open.take() {
                    out.push((start, t, sum));
                }
            }
            // Begin, or inside with no span open.
            _ => {
                if let Some((start, sum)) = open.take() {
                    out.push((start, t, sum));
                }
                open = Some((t, margin));
            }
        }
    }
    if let Some((start, sum)) = open {
        out.push((start, tags.len(), sum));
    }
    out
}
