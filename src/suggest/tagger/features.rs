//! What the tagger sees of each token, as rows of the weight table.
//!
//! Every feature is a template and a value (“the word before is *minister*”), hashed
//! to one row of a fixed-size table (`ROWS`), so memory stays bounded however many
//! words a project has; two features that share a row share their weights, which on
//! a table of a million rows costs little. Hashes are FNV-1a and the SplitMix64
//! finaliser with fixed constants, so a model is the same on every run and machine
//! and a saved one reads back to the same rows.
//!
//! The features of a token that do not depend on the tags (its word folded as
//! [`super::super::fold`] folds it, its shape, prefixes and suffixes, what kind of
//! characters it has, whether it is part of a registry name, and the words and
//! shapes of two tokens either side) are worked out once per document ([`Encoded`]);
//! those of the tags before it ([`tag_rows`]) while decoding.

use super::tokens::{Token, tokenize};
use crate::model::Registry;
use crate::model::snap::snap_str;
use crate::suggest::fold::fold;
use std::collections::HashMap;

/// log2 of the rows of a label's weight table.
pub const TABLE_BITS: u32 = 20;
/// Rows of a label's weight table: 2^20, 12 MB of weights a label.
pub const ROWS: usize = 1 << TABLE_BITS;
/// Features of a token that do not depend on tags.
pub const STATIC: usize = 24;
/// Features of the tags before a token.
pub const DYNAMIC: usize = 3;

/// A document's tokens with their tag-independent features.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    /// The tokens, in order.
    pub tokens: Vec<Token>,
    /// [`STATIC`] rows per token, token after token.
    pub rows: Vec<u32>,
    /// Each token's folded word, hashed, for the features joining it with a tag.
    pub words: Vec<u64>,
}

impl Encoded {
    /// The tag-independent rows of token `i`.
    pub fn rows_of(&self, i: usize) -> &[u32] {
        self.rows.get(i * STATIC..(i + 1) * STATIC).unwrap_or(&[])
    }
}

/// The registry's names and aliases as folded token sequences, by their first token.
#[derive(Debug, Clone, Default)]
pub struct Names {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl Names {
    /// The names and aliases of `registry`'s entities, as a drag over each would
    /// snap ([`snap_str`]), cut into tokens and folded as a document's tokens are.
    pub fn of(registry: &Registry) -> Self {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for name in registry.entities.iter().flat_map(|e| e.names()) {
            let Some(name) = snap_str(name) else {
                continue;
            };
            let words: Vec<String> = tokenize(name)
                .iter()
                .map(|t| folded_word(&name[t.byte_start..t.byte_end]))
                .collect();
            if let Some(first) = words.first() {
                let list = by_first.entry(first.clone()).or_default();
                if !list.contains(&words) {
                    list.push(words);
                }
            }
        }
        Self { by_first }
    }

    /// How each token of `words` lies in a registry name: bits [`NAME_BEGINS`],
    /// [`NAME_INSIDE`], [`NAME_ENDS`], [`NAME_WHOLE`], all that apply.
    fn membership(&self, words: &[String]) -> Vec<u8> {
        let mut flags = vec![0u8; words.len()];
        if self.by_first.is_empty() {
            return flags;
        }
        for i in 0..words.len() {
            let Some(names) = self.by_first.get(&words[i]) else {
                continue;
            };
            for name in names {
                let end = i + name.len();
                if words.get(i..end) != Some(name.as_slice()) {
                    continue;
                }
                if name.len() == 1 {
                    flags[i] |= NAME_WHOLE;
                    continue;
                }
                flags[i] |= NAME_BEGINS;
                for f in &mut flags[i + 1..end - 1] {
                    *f |= NAME_INSIDE;
                }
                flags[end - 1] |= NAME_ENDS;
            }
        }
        flags
    }
}

/// The token starts a registry name of several tokens.
const NAME_BEGINS: u8 = 1;
/// The token is inside one, neither first nor last.
const NAME_INSIDE: u8 = 2;
/// The token ends one.
const NAME_ENDS: u8 = 4;
/// The token is a registry name by itself.
const NAME_WHOLE: u8 = 8;

/// The templates: each feature's value is hashed with its template's number, so “the
/// word is *said*” and “the word before is *said*” are different rows.
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
enum Template {
    Bias = 1,
    Word,
    Shape,
    Prefix1,
    Prefix2,
    Prefix3,
    Suffix1,
    Suffix2,
    Suffix3,
    Kind,
    Registry,
    RegistryBefore,
    RegistryAfter,
    WordBefore2,
    WordBefore1,
    WordAfter1,
    WordAfter2,
    ShapeBefore2,
    ShapeBefore1,
    ShapeAfter1,
    ShapeAfter2,
    WordPair,
    KindBefore1,
    KindAfter1,
    // Those of the tags before.
    Tag,
    TagWord,
    TwoTags,
}

/// The row of feature `value` of `template`.
fn row(template: Template, value: u64) -> u32 {
    let h = mix(value ^ (template as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    // The top bits are the best mixed.
    (h >> (64 - TABLE_BITS)) as u32
}

/// The SplitMix64 finaliser: every bit of the input moves about half of the output.
pub fn mix(mut k: u64) -> u64 {
    k = (k ^ (k >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    k = (k ^ (k >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    k ^ (k >> 31)
}

/// FNV-1a of `bytes`: fixed, unlike std's randomly keyed hasher.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01B3);
    }
    h
}

/// The value of a neighbour past the start of the text.
const BEFORE_TEXT: u64 = 0x5354_4152_5400_0001;
/// The value of a neighbour past its end.
const AFTER_TEXT: u64 = 0x454E_4400_0000_0002;

/// A token's word folded (case, diacritics, quotes): ASCII only lower-cased, which
/// is all folding does to it, without the copy `fold` makes.
fn folded_word(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        fold(word)
    }
}

/// What one token is, before its neighbours are looked at.
struct Seen {
    word: u64,
    shape: u64,
    kind: u64,
}

/// The shape of `word`: upper case `X`, lower case `x`, digits `d`, other letters
/// (scripts without case) `a`, anything else itself; runs of one collapsed and at
/// most 8 kept (“Kamali” `Xx`, “U.S” `X.X`, “2024” `d`, “McRae” `XxXx`).
fn shape(word: &str) -> u64 {
    let mut out = [0u32; 8];
    let mut n = 0;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        let s = u32::from(s);
        if n > 0 && out[n - 1] == s {
            continue;
        }
        if n == out.len() {
            break;
        }
        out[n] = s;
        n += 1;
    }
    let mut h = fnv(&[]);
    for &c in &out[..n] {
        h = mix(h ^ u64::from(c));
    }
    h
}

/// Bits of what a token holds: capitalised, all capitals, a digit, no letter or digit.
fn kind(word: &str) -> u64 {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let (mut upper, mut lower, mut digit, mut alnum) = (0, 0, false, false);
    for c in word.chars() {
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
        digit |= c.is_numeric();
        alnum |= c.is_alphanumeric();
    }
    u64::from(first_upper)
        | u64::from(upper > 1 && lower == 0) << 1
        | u64::from(digit) << 2
        | u64::from(!alnum) << 3
}

/// The first `n` chars of `word` (or the last, `from_end`), hashed; all of it when
/// shorter.
fn affix(word: &str, n: usize, from_end: bool) -> u64 {
    let cut = if from_end {
        word.char_indices()
            .rev()
            .nth(n - 1)
            .map_or(word, |(i, _)| &word[i..])
    } else {
        word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i])
    };
    fnv(cut.as_bytes())
}

/// The tokens of `text` and their tag-independent features, with `names` the
/// registry's.
pub fn encode(text: &str, names: &Names) -> Encoded {
    let tokens = tokenize(text);
    let words: Vec<String> = tokens
        .iter()
        .map(|t| folded_word(&text[t.byte_start..t.byte_end]))
        .collect();
    let registry = names.membership(&words);
    let seen: Vec<Seen> = tokens
        .iter()
        .zip(&words)
        .map(|(t, w)| {
            let original = &text[t.byte_start..t.byte_end];
            Seen {
                word: fnv(w.as_bytes()),
                shape: shape(original),
                kind: kind(original),
            }
        })
        .collect();
    let n = tokens.len();
    let mut rows = Vec::with_capacity(n * STATIC);
    let at = |i: usize, d: isize, f: &dyn Fn(&Seen) -> u64| -> u64 {
        match i.checked_add_signed(d) {
            None => BEFORE_TEXT,
            Some(j) => seen.get(j).map_or(AFTER_TEXT, f),
        }
    };
    let reg = |i: usize, d: isize| -> u64 {
        i.checked_add_signed(d)
            .and_then(|j| registry.get(j))
            .map_or(0x100, |&r| u64::from(r))
    };
    let word = |s: &Seen| s.word;
    let shape_of = |s: &Seen| s.shape;
    let kind_of = |s: &Seen| s.kind;
    for (i, w) in words.iter().enumerate() {
        let s = &seen[i];
        // Typed as an array so that the count is checked against `STATIC`.
        let token_rows: [u32; STATIC] = [
            row(Template::Bias, 0),
            row(Template::Word, s.word),
            row(Template::Shape, s.shape),
            row(Template::Prefix1, affix(w, 1, false)),
            row(Template::Prefix2, affix(w, 2, false)),
            row(Template::Prefix3, affix(w, 3, false)),
            row(Template::Suffix1, affix(w, 1, true)),
            row(Template::Suffix2, affix(w, 2, true)),
            row(Template::Suffix3, affix(w, 3, true)),
            row(Template::Kind, s.kind),
            row(Template::Registry, reg(i, 0)),
            row(Template::RegistryBefore, reg(i, -1)),
            row(Template::RegistryAfter, reg(i, 1)),
            row(Template::WordBefore2, at(i, -2, &word)),
            row(Template::WordBefore1, at(i, -1, &word)),
            row(Template::WordAfter1, at(i, 1, &word)),
            row(Template::WordAfter2, at(i, 2, &word)),
            row(Template::ShapeBefore2, at(i, -2, &shape_of)),
            row(Template::ShapeBefore1, at(i, -1, &shape_of)),
            row(Template::ShapeAfter1, at(i, 1, &shape_of)),
            row(Template::ShapeAfter2, at(i, 2, &shape_of)),
            row(Template::WordPair, mix(at(i, -1, &word)) ^ at(i, 1, &word)),
            row(Template::KindBefore1, at(i, -1, &kind_of)),
            row(Template::KindAfter1, at(i, 1, &kind_of)),
        ];
        rows.extend(token_rows);
    }
    Encoded {
        tokens,
        rows,
        words: seen.iter().map(|s| s.word).collect(),
    }
}

/// The rows of the tag-dependent features of a token whose word hashes to `word`,
/// after tags `before` (just before it) and `before2` (the one before that); at the
/// start of the text both are “outside”, which is what they are.
pub fn tag_rows(word: u64, before: u8, before2: u8) -> [u32; DYNAMIC] {
    let tag = u64::from(before);
    [
        row(Template::Tag, tag),
        row(Template::TagWord, mix(word) ^ tag),
        row(Template::TwoTags, tag | u64::from(before2) << 8),
    ]
}
