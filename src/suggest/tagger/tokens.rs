//! The tagger's tokens: the words of the text as UAX #29 bounds them
//! (unicode-segmentation), white space left out, punctuation kept as tokens of its
//! own, and a possessive ’s cut off the word it ends, as a drag's snapping leaves it
//! out ([`crate::model::snap`]): so “Kamali” in “Kamali’s office” is a whole token,
//! and a span the tagger puts on tokens is one a drag over it would make.
//!
//! Unlike [`crate::model::tokens`], tokens are not cut at span edges: the tagger
//! learns the spans of many documents and suggests in documents without any, so its
//! tokens must depend on the text alone.

use crate::model::CharOffset;
use crate::model::snap::possessive_len;
use unicode_segmentation::UnicodeSegmentation;

/// One token, in chars and in bytes of the text (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First char.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

/// The tokens of `text`, in order, none empty and none overlapping.
pub fn tokenize(text: &str) -> Vec<Token> {
    // About one token in five bytes of English prose.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    // Word bounds cover the text without gaps, so chars are counted while walking.
    let mut chars = 0;
    for (at, segment) in text.split_word_bound_indices() {
        let start = chars;
        chars += if segment.is_ascii() {
            segment.len()
        } else {
            segment.chars().count()
        };
        // A combining mark after a space joins it in one segment (UAX #29 WB4), so a
        // segment can hold white space at an edge as well as being all of it.
        let lead = segment.len() - segment.trim_start().len();
        let trail = segment.len() - segment.trim_end().len();
        if lead == segment.len() {
            continue;
        }
        let lead_chars = segment[..lead].chars().count();
        let trail_chars = segment[segment.len() - trail..].chars().count();
        let (s, e) = (start + lead_chars, chars - trail_chars);
        let (bs, be) = (at + lead, at + segment.len() - trail);
        let word = &text[bs..be];
        let cut = possessive_len(word);
        // ’s and 's are both two chars.
        if cut > 0 && cut < word.len() && e - s > 2 {
            out.push(token(s, e - 2, bs, be - cut));
            out.push(token(e - 2, e, be - cut, be));
        } else {
            out.push(token(s, e, bs, be));
        }
    }
    out
}

fn token(start: usize, end: usize, byte_start: usize, byte_end: usize) -> Token {
    Token {
        start: CharOffset(start),
        end: CharOffset(end),
        byte_start,
        byte_end,
    }
}
