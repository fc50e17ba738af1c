//! The stored article text: normalised once at import, then never changed, and
//! identified by a hash that every annotation file records.

use super::offsets::CharOffset;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use thiserror::Error;

/// Where a file stops being UTF-8: the first bad byte, counted from 0, and its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error(
    "byte {offset} (line {line}, value 0x{value:02X}) is not valid UTF-8; the file is probably in another encoding such as Latin-1 or Windows-1252: save it as UTF-8 and try again"
)]
pub struct NotUtf8 {
    /// Byte offset of the first invalid byte.
    pub offset: usize,
    /// Line it is on, from 1.
    pub line: usize,
    /// The byte itself.
    pub value: u8,
}

/// The bytes as text, or where they stop being UTF-8.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    std::str::from_utf8(bytes).map_err(|err| not_utf8(bytes, err))
}

/// [`decode_utf8`] for bytes that are given away: the text keeps their memory, so a
/// 50 MB article is not held twice.
pub fn decode_utf8_owned(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error()))
}

fn not_utf8(bytes: &[u8], err: std::str::Utf8Error) -> NotUtf8 {
    let offset = err.valid_up_to();
    NotUtf8 {
        offset,
        line: bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1,
        value: bytes.get(offset).copied().unwrap_or(0),
    }
}

/// Makes imported text ready to be stored: strips a leading byte-order mark and turns
/// `\r\n` (and a lone `\r`) into `\n`.
///
/// This runs exactly once, at import; every offset afterwards refers to its result, so
/// the stored text is never normalised again.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Char positions of the raw text that [`normalize`] removed (a BOM, the `\r` of each
/// `\r\n`), to carry offsets given against the raw text over to the stored one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemovedChars(Vec<usize>);

impl RemovedChars {
    /// The stored-text offset of raw-text offset `raw`. An offset that pointed between
    /// `\r` and `\n` lands before the `\n`.
    pub fn map(&self, raw: CharOffset) -> CharOffset {
        CharOffset(raw.0 - self.0.partition_point(|&removed| removed < raw.0))
    }

    /// True when nothing was removed, so offsets carry over unchanged.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// [`normalize`], also returning what it removed so that offsets into `raw` can be
/// mapped onto the result.
pub fn normalize_with_removed(raw: &str) -> (String, RemovedChars) {
    let mut removed = Vec::new();
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\u{feff}' if i == 0 => removed.push(i),
            '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => removed.push(i),
            '\r' => out.push('\n'),
            c => out.push(c),
        }
    }
    (out, RemovedChars(removed))
}

/// A fingerprint of an article's exact text, `sha256:<hex>`.
///
/// Annotation files record it so that a changed article is noticed instead of its
/// spans quietly pointing at the wrong words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TextHash(pub String);

impl TextHash {
    /// The hash of `text`.
    pub fn of(text: &str) -> Self {
        let digest = Sha256::digest(text.as_bytes());
        let mut hex = String::with_capacity(7 + 64);
        hex.push_str("sha256:");
        for byte in digest.iter() {
            hex.push(hex_digit(byte >> 4));
            hex.push(hex_digit(byte & 0xf));
        }
        Self(hex)
    }

    /// The first `n` hex digits, for telling apart two articles with the same title.
    pub fn short(&self, n: usize) -> &str {
        let hex = self.0.strip_prefix("sha256:").unwrap_or(&self.0);
        hex.get(..n.min(hex.len())).unwrap_or(hex)
    }
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

impl fmt::Display for TextHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn strips_bom_once_and_crlf() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        // A second BOM is text, not a marker: only the leading one goes.
        assert_eq!(normalize("\u{feff}\u{feff}x"), "\u{feff}x");
    }

    #[test]
    fn names_the_first_bad_byte() {
        let err = decode_utf8(b"ok\nCaf\xe9 au lait").unwrap_err();
        assert_eq!((err.offset, err.line, err.value), (6, 2, 0xE9));
        assert!(
            err.to_string()
                .starts_with("byte 6 (line 2, value 0xE9) is not valid UTF-8")
        );
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            TextHash::of("").0,
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(TextHash::of("").short(8), "e3b0c442");
    }

    #[test]
    fn offsets_follow_removed_carriage_returns() {
        let raw = "\u{feff}a\r\nbc\r\nd";
        let (text, removed) = normalize_with_removed(raw);
        assert_eq!(text, "a\nbc\nd");
        let raw_chars: Vec<char> = raw.chars().collect();
        // "bc" is raw 4..6, stored 2..4.
        assert_eq!(raw_chars[4..6].iter().collect::<String>(), "bc");
        assert_eq!(
            (removed.map(CharOffset(4)), removed.map(CharOffset(6))),
            (CharOffset(2), CharOffset(4))
        );
        assert_eq!(removed.map(CharOffset(9)), CharOffset(6), "the end");
    }

    proptest! {
        #[test]
        fn removed_map_keeps_every_kept_char_in_place(raw in "(\\PC|\r|\n|\u{feff}){0,100}") {
            let (text, removed) = normalize_with_removed(&raw);
            prop_assert_eq!(&text, &normalize(&raw));
            let stored: Vec<char> = text.chars().collect();
            for (i, c) in raw.chars().enumerate() {
                let at = removed.map(CharOffset(i)).0;
                let is_removed = (i == 0 && c == '\u{feff}') || (c == '\r' && raw.chars().nth(i + 1) == Some('\n'));
                if !is_removed {
                    let expected = if c == '\r' { '\n' } else { c };
                    prop_assert_eq!(stored.get(at).copied(), Some(expected));
                }
            }
        }

        #[test]
        fn normalizing_twice_changes_nothing_more(raw in "(\\PC|\r|\n|\u{feff}){0,200}") {
            let once = normalize(&raw);
            prop_assert!(!once.contains('\r'));
            // Idempotent except for a BOM that was second in line.
            let twice = normalize(&once);
            if !once.starts_with('\u{feff}') {
                prop_assert_eq!(twice, once);
            }
        }
    }
}
