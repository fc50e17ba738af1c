//! Finds where a RON text nests deeper than a limit, without parsing it.
//!
//! The `ron` crate stops at its recursion limit with a message about its own options,
//! and only where the target type descends that far; a file of 50,000 `(` fails
//! for some other reason at its second byte. This scan counts brackets alone, in one
//! pass and without recursion, so every too-deep file is refused for that reason and
//! at the bracket that goes too deep. Brackets inside strings, characters and comments
//! do not count; a text the scan cannot follow (an unclosed string) is left to the
//! parser, whose own limit still holds.

/// Where a text first nests too deep: the opening bracket one level past the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// The first bracket of `text` that opens level `limit + 1`, if any.
pub fn too_deep(text: &str, limit: usize) -> Option<TooDeep> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        at = match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(place(text, at));
                }
                at + 1
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                at + 1
            }
            b'"' => after_string(bytes, at + 1)?,
            b'\'' => after_char(bytes, at + 1)?,
            b'/' => after_comment(bytes, at + 1)?,
            b'r' | b'b' if starts_word(bytes, at) => after_raw_string(bytes, at).unwrap_or(at + 1),
            _ => at + 1,
        };
    }
    None
}

/// Line and character column of byte `at`.
fn place(text: &str, at: usize) -> TooDeep {
    let before = text.get(..at).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    TooDeep {
        line: before.matches('\n').count() + 1,
        column: before.get(line_start..).map_or(0, |l| l.chars().count()) + 1,
    }
}

/// Whether byte `at` starts a word, so that `r` in `bar"` is not taken for a raw
/// string.
fn starts_word(bytes: &[u8], at: usize) -> bool {
    at == 0
        || bytes
            .get(at - 1)
            .is_some_and(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
}

/// Just past the `"` that closes a string whose contents start at `at`.
fn after_string(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        match bytes.get(at)? {
            b'"' => return Some(at + 1),
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
}

/// Just past a character literal whose contents start at `at`: `'('`, `'\''`,
/// `'\u{28}'`.
fn after_char(bytes: &[u8], at: usize) -> Option<usize> {
    let from = if bytes.get(at)? == &b'\\' {
        at + 2
    } else {
        at + 1
    };
    let close = bytes.get(from..)?.iter().position(|&b| b == b'\'')?;
    Some(from + close + 1)
}

/// Just past a comment whose `/` was at `at - 1`; block comments nest, as in RON.
fn after_comment(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at) {
        Some(b'/') => {
            let end = bytes.get(at..)?.iter().position(|&b| b == b'\n');
            Some(end.map_or(bytes.len(), |end| at + end + 1))
        }
        Some(b'*') => {
            let mut level = 1usize;
            let mut at = at + 1;
            while level > 0 {
                match (bytes.get(at)?, bytes.get(at + 1)) {
                    (b'/', Some(b'*')) => (level, at) = (level + 1, at + 2),
                    (b'*', Some(b'/')) => (level, at) = (level - 1, at + 2),
                    _ => at += 1,
                }
            }
            Some(at)
        }
        // Not a comment: the parser will say what it is.
        _ => Some(at),
    }
}

/// Just past a raw string `r#"…"#` or `br"…"` starting at `at` (the end of the text
/// when it is not closed), or `None` when there is none there (`r#name` is a raw
/// identifier).
fn after_raw_string(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    if bytes.get(i) == Some(&b'b') {
        i += 1;
    }
    if bytes.get(i) != Some(&b'r') {
        return None;
    }
    i += 1;
    let hashes = bytes.get(i..)?.iter().take_while(|&&b| b == b'#').count();
    i += hashes;
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    loop {
        let Some(&b) = bytes.get(i) else {
            return Some(bytes.len());
        };
        if b == b'"'
            && bytes
                .get(i + 1..i + 1 + hashes)
                .is_some_and(|h| h.iter().all(|&b| b == b'#'))
        {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_bracket_one_level_past_the_limit() {
        assert_eq!(too_deep("([{}])", 3), None);
        assert_eq!(
            too_deep("([{()}])", 3),
            Some(TooDeep { line: 1, column: 4 })
        );
        let deep = format!("(\n  a: “x”, b: {}", "[".repeat(50_000));
        assert_eq!(
            too_deep(&deep, 128),
            Some(TooDeep {
                line: 2,
                column: 141
            })
        );
        // Closed levels no longer count.
        assert_eq!(too_deep(&"[]".repeat(1000), 1), None);
    }

    #[test]
    fn brackets_in_strings_characters_and_comments_do_not_count() {
        for text in [
            r#"("[[[[", "\"[[[[")"#,
            r##"(r#"[[[["#, br"[[[[", r"\")"##,
            "('[', '\\'', '\\u{5b}', '(')",
            "( // [[[[\n)",
            "( /* [[ /* [[ */ [[ */ )",
        ] {
            assert_eq!(too_deep(text, 2), None, "{text}");
        }
        // A raw identifier or a word ending in `r` is no raw string.
        assert_eq!(
            too_deep("(r#a: [[1]])", 2),
            Some(TooDeep { line: 1, column: 8 })
        );
        assert_eq!(
            too_deep("(bar: [[\"", 2),
            Some(TooDeep { line: 1, column: 8 })
        );
    }

    #[test]
    fn stops_quietly_where_it_cannot_follow_the_text() {
        for text in ["(\"[[[[", "('", "( /* [[[[", "r#\"[[[[", "/"] {
            assert_eq!(too_deep(text, 2), None, "{text}");
        }
    }
}
