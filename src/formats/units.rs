//! Offset units of outside tools: chars (Python, spaCy, brat, Label Studio), UTF-16
//! code units (doccano and other JavaScript front ends) and UTF-8 bytes.
//!
//! Our own offsets are always chars ([`crate::model::CharOffset`]); these numbers only
//! exist at the border, when a file is written for a tool or read from one.

use std::fmt;
use std::str::FromStr;

/// What an outside offset counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum OffsetUnit {
    /// Unicode code points, as Python's `text[start:end]`.
    #[default]
    Chars,
    /// UTF-16 code units, as JavaScript's `String.length`.
    Utf16,
    /// UTF-8 bytes.
    Bytes,
}

impl OffsetUnit {
    /// Every unit, the one most tools use first.
    pub const ALL: [OffsetUnit; 3] = [OffsetUnit::Chars, OffsetUnit::Utf16, OffsetUnit::Bytes];

    /// The unit's name on the command line: `chars`, `utf16`, `bytes`.
    pub fn name(self) -> &'static str {
        match self {
            OffsetUnit::Chars => "chars",
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Bytes => "bytes",
        }
    }

    /// The unit in words, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            OffsetUnit::Chars => "characters (code points)",
            OffsetUnit::Utf16 => "UTF-16 code units",
            OffsetUnit::Bytes => "UTF-8 bytes",
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            OffsetUnit::Chars => 1,
            OffsetUnit::Utf16 => c.len_utf16(),
            OffsetUnit::Bytes => c.len_utf8(),
        }
    }
}

impl fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OffsetUnit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "chars" | "char" | "codepoints" => Ok(OffsetUnit::Chars),
            "utf16" | "utf-16" => Ok(OffsetUnit::Utf16),
            "bytes" | "byte" | "utf8" => Ok(OffsetUnit::Bytes),
            other => Err(format!(
                "“{other}” is not an offset unit; use chars, utf16 or bytes"
            )),
        }
    }
}

/// Converts char offsets of one text to and from another unit.
///
/// Most articles are ASCII, where every unit counts the same and no table is kept;
/// otherwise the table holds the unit offset of every char boundary, so both
/// directions are a lookup or a binary search.
#[derive(Debug, Clone)]
pub struct UnitMap {
    /// Units before char `i`, for `i` in `0..=chars`; empty when units equal chars.
    prefix: Vec<usize>,
    chars: usize,
}

impl UnitMap {
    /// The map for `text` in `unit`.
    pub fn new(text: &str, unit: OffsetUnit) -> Self {
        let same = unit == OffsetUnit::Chars
            || text.is_ascii()
            || (unit == OffsetUnit::Utf16 && text.chars().all(|c| c.len_utf16() == 1));
        if same {
            return Self {
                prefix: Vec::new(),
                chars: text.chars().count(),
            };
        }
        let mut prefix = Vec::with_capacity(text.len() + 1);
        let mut at = 0;
        prefix.push(0);
        for c in text.chars() {
            at += unit.width(c);
            prefix.push(at);
        }
        Self {
            chars: prefix.len() - 1,
            prefix,
        }
    }

    /// The unit offset of char offset `chars` (clamped to the end of the text).
    pub fn from_char(&self, chars: usize) -> usize {
        if self.prefix.is_empty() {
            return chars.min(self.chars);
        }
        self.prefix[chars.min(self.chars)]
    }

    /// The char offset of unit offset `units`, or `None` past the end or inside a
    /// char (half a surrogate pair, the middle of a multi-byte char).
    pub fn to_char(&self, units: usize) -> Option<usize> {
        if self.prefix.is_empty() {
            return (units <= self.chars).then_some(units);
        }
        self.prefix.binary_search(&units).ok()
    }

    /// The length of the text in the unit.
    pub fn len(&self) -> usize {
        self.from_char(self.chars)
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_counts_two_utf16_units_and_four_bytes() {
        let text = "a😀b’";
        let utf16 = UnitMap::new(text, OffsetUnit::Utf16);
        assert_eq!(
            (0..=4).map(|c| utf16.from_char(c)).collect::<Vec<_>>(),
            [0, 1, 3, 4, 5]
        );
        assert_eq!(utf16.to_char(3), Some(2));
        assert_eq!(utf16.to_char(2), None, "inside the surrogate pair");
        assert_eq!(utf16.to_char(6), None);
        let bytes = UnitMap::new(text, OffsetUnit::Bytes);
        assert_eq!(bytes.from_char(4), text.len());
        assert_eq!(bytes.to_char(5), Some(2));
        // ’ is one UTF-16 unit, so a text without astral chars needs no table.
        assert!(UnitMap::new("Iran’s", OffsetUnit::Utf16).prefix.is_empty());
    }

    #[test]
    fn units_parse_by_name() {
        for unit in OffsetUnit::ALL {
            assert_eq!(unit.name().parse::<OffsetUnit>(), Ok(unit));
        }
        assert!("words".parse::<OffsetUnit>().is_err());
    }
}
