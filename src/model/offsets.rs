//! Char and byte offsets, kept apart by their types.
//!
//! Everything on disk and in exports counts Unicode code points (chars), the same
//! numbers as Python's `text[start:end]`; Rust slices strings by bytes. Mixing the two
//! silently shifts spans on any text with a curly quote in it, so each has its own
//! type and the only way between them is an [`OffsetMap`] built for the text.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A position in an article counted in Unicode code points (chars) from its start.
/// This is the unit of every offset that is saved or exported.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CharOffset(pub usize);

/// A position in an article counted in UTF-8 bytes, for slicing Rust strings.
/// Never written to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteOffset(pub usize);

impl fmt::Display for CharOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for ByteOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How many chars lie between two checkpoints: a conversion walks at most this many.
const STRIDE: usize = 64;

/// Converts between char and byte offsets of one text in near-constant time.
///
/// Counting chars from the start of a book-length article on every conversion would
/// make the text view crawl, so the map keeps the byte position of every 64th char.
/// Pure-ASCII texts, the common case, need no table at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    char_len: usize,
    byte_len: usize,
    /// Byte offset of char `k * STRIDE`; empty when the text is ASCII.
    checkpoints: Vec<usize>,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                char_len: text.len(),
                byte_len: text.len(),
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut char_len = 0;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % STRIDE == 0 {
                checkpoints.push(byte);
            }
            char_len += 1;
        }
        Self {
            char_len,
            byte_len: text.len(),
            checkpoints,
        }
    }

    /// The number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The byte offset of char offset `at` in `text`, or `None` past the end.
    /// `text` must be the text the map was built for.
    pub fn to_byte(&self, text: &str, at: CharOffset) -> Option<ByteOffset> {
        if at.0 > self.char_len {
            return None;
        }
        if at.0 == self.char_len {
            return Some(ByteOffset(self.byte_len));
        }
        if self.checkpoints.is_empty() {
            return Some(ByteOffset(at.0));
        }
        let base = *self.checkpoints.get(at.0 / STRIDE)?;
        let rest = at.0 % STRIDE;
        let tail = text.get(base..)?;
        tail.char_indices()
            .nth(rest)
            .map(|(b, _)| ByteOffset(base + b))
    }

    /// The char offset of byte offset `at` in `text`, or `None` when `at` lies past the
    /// end or inside a multi-byte char.
    pub fn to_char(&self, text: &str, at: ByteOffset) -> Option<CharOffset> {
        if at.0 > self.byte_len || !text.is_char_boundary(at.0) {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(CharOffset(at.0));
        }
        // The last checkpoint at or before `at`.
        let k = self
            .checkpoints
            .partition_point(|&b| b <= at.0)
            .saturating_sub(1);
        let base = *self.checkpoints.get(k)?;
        let between = text.get(base..at.0)?.chars().count();
        Some(CharOffset(k * STRIDE + between))
    }

    /// The slice of `text` between two char offsets, or `None` when the range is
    /// inverted or runs past the end.
    pub fn slice<'t>(&self, text: &'t str, start: CharOffset, end: CharOffset) -> Option<&'t str> {
        if start > end {
            return None;
        }
        let s = self.to_byte(text, start)?;
        let e = self.to_byte(text, end)?;
        text.get(s.0..e.0)
    }
}

/// The number of chars in `text`: the length every char offset is checked against.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn curly_quotes_count_as_one_char() {
        let text = "Iran’s “deal”";
        let map = OffsetMap::new(text);
        assert_eq!(map.char_len(), 13);
        assert_eq!(map.slice(text, CharOffset(0), CharOffset(4)), Some("Iran"));
        assert_eq!(
            map.slice(text, CharOffset(7), CharOffset(13)),
            Some("“deal”")
        );
        assert_eq!(map.to_byte(text, CharOffset(5)), Some(ByteOffset(7)));
        assert_eq!(map.to_char(text, ByteOffset(7)), Some(CharOffset(5)));
        assert_eq!(map.to_char(text, ByteOffset(5)), None, "inside ’");
        assert_eq!(map.to_byte(text, CharOffset(14)), None);
    }

    #[test]
    fn ascii_needs_no_table() {
        let map = OffsetMap::new("plain");
        assert!(map.checkpoints.is_empty());
        assert_eq!(map.to_byte("plain", CharOffset(5)), Some(ByteOffset(5)));
    }

    #[test]
    fn inverted_slice_is_none() {
        let map = OffsetMap::new("abc");
        assert_eq!(map.slice("abc", CharOffset(2), CharOffset(1)), None);
    }

    proptest! {
        #[test]
        fn agrees_with_counting_from_the_start(text in "(\\PC|\n|🇮🇶|é|ا){0,300}") {
            let map = OffsetMap::new(&text);
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            prop_assert_eq!(map.char_len(), chars.len());
            for (i, &(b, _)) in chars.iter().enumerate() {
                prop_assert_eq!(map.to_byte(&text, CharOffset(i)), Some(ByteOffset(b)));
                prop_assert_eq!(map.to_char(&text, ByteOffset(b)), Some(CharOffset(i)));
            }
            prop_assert_eq!(map.to_byte(&text, CharOffset(chars.len())), Some(ByteOffset(text.len())));
            prop_assert_eq!(map.to_char(&text, ByteOffset(text.len())), Some(CharOffset(chars.len())));
            prop_assert_eq!(map.to_byte(&text, CharOffset(chars.len() + 1)), None);
        }
    }
}
