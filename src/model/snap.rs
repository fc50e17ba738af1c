//! Word snapping: a rough selection becomes a clean span.
//!
//! People drag quickly and land a letter short or a space long. The selection grows to
//! whole words (Unicode word boundaries, UAX #29), sheds the spaces, punctuation and
//! quote marks around them, and leaves out a possessive ’s, so that a drag over “ran”
//! in “Iran’s” tags “Iran”.

use super::document::Document;
use super::offsets::{ByteOffset, CharOffset};
use unicode_segmentation::UnicodeSegmentation;

/// Whether a selection snaps to words or is taken char for char.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Snap {
    /// Grow to whole words, trim punctuation and possessives.
    #[default]
    Words,
    /// Keep exactly the chars selected.
    Exact,
}

/// Contractions that end in ’s but are not possessives: trimming them would leave
/// “it” or “that” behind.
const CONTRACTIONS: [&str; 13] = [
    "it", "that", "he", "she", "what", "there", "here", "who", "where", "let", "how", "when", "why",
];

/// The span a selection from `start` to `end` (either order) becomes, or `None` when it
/// holds no word (only spaces or punctuation) or lies outside the text. With `start ==
/// end` it picks the word at that place, as a double-click does.
pub fn snap(
    document: &Document,
    start: CharOffset,
    end: CharOffset,
    mode: Snap,
) -> Option<(CharOffset, CharOffset)> {
    let (start, end) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    let len = document.char_len();
    if start.0 > len {
        return None;
    }
    let end = CharOffset(end.0.min(len));
    let text = document.text();
    let offsets = document.offsets();
    let a = offsets.to_byte(text, start)?.0;
    let b = offsets.to_byte(text, end)?.0;
    let (s, e) = match mode {
        // Exact, but never half an emoji sequence or a letter without its marks.
        Snap::Exact => {
            let (s, e) = grapheme_bounds(text, a, b)?;
            (s < e).then_some((s, e))?
        }
        Snap::Words => snap_bytes(text, a, b)?,
    };
    Some((
        offsets.to_char(text, ByteOffset(s))?,
        offsets.to_char(text, ByteOffset(e))?,
    ))
}

/// The line of `text` around bytes `a..b`, as its byte range.
fn line_around(text: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    let start = text.get(..a)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text.get(b..)?.find('\n').map_or(text.len(), |i| b + i);
    Some((start, end))
}

/// Bytes `a..b` grown to whole grapheme clusters (UAX #29), `a <= b`.
fn grapheme_bounds(text: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    let (window_start, window_end) = line_around(text, a, b)?;
    let window = text.get(window_start..window_end)?;
    let (mut s, mut e) = (a, b);
    for (i, g) in window.grapheme_indices(true) {
        let (gs, ge) = (window_start + i, window_start + i + g.len());
        if gs < a && a < ge {
            s = gs;
        }
        if gs < b && b < ge {
            e = ge;
        }
    }
    Some((s, e))
}

/// Where the caret goes from `at` by one word: forward, to the end of the next word;
/// backward, to the start of the word before. Words are those a drag snaps to; the
/// search runs on over line breaks, and stops at the ends of the text.
pub fn word_edge(document: &Document, at: CharOffset, forward: bool) -> CharOffset {
    let text = document.text();
    let offsets = document.offsets();
    let Some(ByteOffset(byte)) = offsets.to_byte(text, CharOffset(at.0.min(document.char_len())))
    else {
        return at;
    };
    let found = if forward {
        text[byte..]
            .split_word_bound_indices()
            .find(|(i, seg)| is_wordlike(seg) && byte + i + seg.len() > byte)
            .map(|(i, seg)| byte + i + seg.len())
            .unwrap_or(text.len())
    } else {
        text[..byte]
            .split_word_bound_indices()
            .rev()
            .find(|(_, seg)| is_wordlike(seg))
            .map_or(0, |(i, _)| i)
    };
    offsets.to_char(text, ByteOffset(found)).unwrap_or(at)
}

/// Where the caret goes from `at` by one grapheme cluster, forward or backward.
pub fn grapheme_edge(document: &Document, at: CharOffset, forward: bool) -> CharOffset {
    let text = document.text();
    let offsets = document.offsets();
    let Some(ByteOffset(byte)) = offsets.to_byte(text, CharOffset(at.0.min(document.char_len())))
    else {
        return at;
    };
    let found = if forward {
        text[byte..]
            .graphemes(true)
            .next()
            .map_or(byte, |g| byte + g.len())
    } else {
        text[..byte]
            .graphemes(true)
            .next_back()
            .map_or(byte, |g| byte - g.len())
    };
    offsets.to_char(text, ByteOffset(found)).unwrap_or(at)
}

/// Snapping on byte offsets, `a <= b`.
fn snap_bytes(text: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    // Word boundaries never cross a line break (UAX #29 rules WB3a/b), so segmenting
    // just the lines the selection touches gives the same words as the whole text.
    let (window_start, window_end) = line_around(text, a, b)?;
    snap_within(text, window_start, window_end, a, b)
}

/// True when bytes `a..b` of `text` are exactly what a drag over them snaps to: they
/// start and end on word boundaries, hold a word, and have no space, punctuation,
/// quote mark or possessive ’s at their edges (“Iran” in “Iran’s talks” is, “ran” and
/// “Iran’s” are not). Matches found in a long text are checked by this, so it looks
/// only at the words around `a..b` rather than the whole line.
pub fn is_snapped(text: &str, a: usize, b: usize) -> bool {
    if a >= b || !text.is_char_boundary(a) || !text.is_char_boundary(b) || b > text.len() {
        return false;
    }
    // Most places asked about are settled by the bytes at their edges alone: the rules
    // never part two ASCII letters or digits (WB5, WB8–WB10), and always part one from
    // a space or line break (WB3a/b, WB999), as `words_around` explains.
    let bytes = text.as_bytes();
    let plain = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let space =
        |i: Option<usize>| i.is_none_or(|i| matches!(bytes.get(i), None | Some(b' ' | b'\n')));
    if (plain(a) && a > 0 && plain(a - 1)) || (plain(b - 1) && plain(b)) {
        return false;
    }
    if plain(a)
        && plain(b - 1)
        && space(a.checked_sub(1))
        && space(Some(b))
        && possessive_len(&text[a..b]) == 0
    {
        return true;
    }
    let (window_start, window_end) = words_around(text, a, b);
    snap_within(text, window_start, window_end, a, b) == Some((a, b))
}

/// The part of `text` a drag over all of it snaps to (“U.S.” → “U.S”, “Iran’s” →
/// “Iran”), or `None` when it holds no word: for a name written outside any article.
pub fn snap_str(text: &str) -> Option<&str> {
    let (s, e) = snap_bytes(text, 0, text.len())?;
    text.get(s..e)
}

/// How far [`words_around`] looks for a place to start or stop before it settles for
/// the line.
const NEAR: usize = 256;

/// A byte range around `a..b` whose word boundaries are those of the whole text.
///
/// A line break always ends a word (WB3a/b), and so does an ASCII space before an
/// ASCII letter, digit or sign: no rule joins them, and the rules that look back past
/// the previous char (WB7, WB11, WB15) need a letter, digit or regional indicator
/// there, never a space. So a window may start just after such a space and end just
/// before one; where there is none nearby, the line is taken, as [`line_around`] does.
fn words_around(text: &str, a: usize, b: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_space = |i: usize| matches!(bytes.get(i), Some(b' ' | b'\n'));
    let is_plain = |i: usize| bytes.get(i).is_some_and(|c| c.is_ascii_graphic());
    let lowest = a.saturating_sub(NEAR);
    let start = (lowest.max(1)..=a)
        .rev()
        .find(|&i| is_space(i - 1) && (is_plain(i) || bytes[i - 1] == b'\n'))
        .or_else(|| (lowest == 0).then_some(0));
    let highest = (b + NEAR).min(bytes.len());
    let end = (b..highest)
        .find(|&i| is_space(i) && i > 0 && (is_plain(i - 1) || bytes[i] == b'\n'))
        .or_else(|| (highest == bytes.len()).then_some(bytes.len()));
    match (start, end) {
        (Some(start), Some(end)) => (start, end),
        _ => line_around(text, a, b).unwrap_or((0, text.len())),
    }
}

/// Snapping on byte offsets within `window_start..window_end`, a range whose word
/// boundaries are those of the whole text, `a <= b` inside it.
fn snap_within(
    text: &str,
    window_start: usize,
    window_end: usize,
    a: usize,
    b: usize,
) -> Option<(usize, usize)> {
    let window = text.get(window_start..window_end)?;
    let segments = window
        .split_word_bound_indices()
        .map(|(i, seg)| (window_start + i, window_start + i + seg.len(), seg));
    let touched: Vec<(usize, usize, &str)> = if a == b {
        segments
            .filter(|&(s, e, _)| s <= a && a < e)
            .take(1)
            .collect()
    } else {
        segments.filter(|&(s, e, _)| s < b && e > a).collect()
    };
    let first = touched.iter().position(|(_, _, seg)| is_wordlike(seg))?;
    let last = touched.iter().rposition(|(_, _, seg)| is_wordlike(seg))?;
    let (start, _, _) = touched[first];
    let (_, mut end, last_seg) = touched[last];
    end -= possessive_len(last_seg);
    // A combining mark after a space makes one segment of both (UAX #29 WB4), so the
    // edges can still hold white space.
    let kept = text.get(start..end)?;
    let start = start + (kept.len() - kept.trim_start().len());
    let end = end - (kept.len() - kept.trim_end().len());
    (start < end).then_some((start, end))
}

/// A segment that holds a word: letters or digits, or a pictograph such as an emoji
/// (but not the ideographic space, U+3000, which lies among them).
fn is_wordlike(segment: &str) -> bool {
    segment.chars().any(|c| {
        c.is_alphanumeric()
            || (u32::from(c) >= 0x2600 && !is_quote_or_dash(c) && !c.is_whitespace())
    })
}

fn is_quote_or_dash(c: char) -> bool {
    matches!(
        c,
        '‘' | '’' | '“' | '”' | '«' | '»' | '„' | '‚' | '‹' | '›' | '–' | '—' | '…'
    )
}

/// How many bytes of a trailing possessive `’s`/`'s` to leave out of `word`; the
/// suggestion tagger cuts its tokens the same way, so its spans snap as drags do.
pub(crate) fn possessive_len(word: &str) -> usize {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            let is_contraction = CONTRACTIONS.contains(&stem.to_lowercase().as_str());
            if !stem.is_empty() && !is_contraction {
                return suffix.len();
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn doc(text: &str) -> Document {
        Document::from_text(text)
    }

    /// Snaps chars `sel_start..sel_end` of `text` and returns the text selected.
    fn snapped(text: &str, sel_start: usize, sel_end: usize, mode: Snap) -> Option<String> {
        let d = doc(text);
        let (s, e) = snap(&d, CharOffset(sel_start), CharOffset(sel_end), mode)?;
        d.slice(s, e).map(str::to_owned)
    }

    #[test]
    fn ran_inside_irans_gives_iran() {
        let text = "Talks on Iran’s programme";
        // “ran” is chars 10..13.
        assert_eq!(snapped(text, 10, 13, Snap::Words).as_deref(), Some("Iran"));
        assert_eq!(
            snapped("Iraq's oil", 1, 3, Snap::Words).as_deref(),
            Some("Iraq")
        );
        assert_eq!(snapped(text, 10, 13, Snap::Exact).as_deref(), Some("ran"));
    }

    #[test]
    fn sheds_spaces_punctuation_and_quotes() {
        let text = "He said: “sanctions must go.” Then left.";
        // From the colon to the space after the closing quote.
        assert_eq!(
            snapped(text, 7, 30, Snap::Words).as_deref(),
            Some("sanctions must go")
        );
        assert_eq!(snapped(text, 8, 9, Snap::Words), None, "only a space");
        // Backwards selection works the same.
        assert_eq!(
            snapped(text, 30, 7, Snap::Words).as_deref(),
            Some("sanctions must go")
        );
    }

    #[test]
    fn grows_to_whole_words_across_lines() {
        let text = "the foreign\nminister rejected";
        assert_eq!(
            snapped(text, 6, 15, Snap::Words).as_deref(),
            Some("foreign\nminister")
        );
        assert_eq!(
            snapped(text, 22, 22, Snap::Words).as_deref(),
            Some("rejected"),
            "a click picks the word"
        );
    }

    #[test]
    fn contractions_and_plural_possessives() {
        assert_eq!(
            snapped("it’s late", 0, 2, Snap::Words).as_deref(),
            Some("it’s")
        );
        assert_eq!(
            snapped("the ministers’ plan", 4, 14, Snap::Words).as_deref(),
            Some("ministers")
        );
        assert_eq!(
            snapped("U.S. officials", 0, 2, Snap::Words).as_deref(),
            Some("U.S")
        );
    }

    #[test]
    fn arabic_and_emoji() {
        let text = "قال الوزير 📢 today";
        assert_eq!(snapped(text, 5, 7, Snap::Words).as_deref(), Some("الوزير"));
        assert_eq!(snapped(text, 11, 12, Snap::Words).as_deref(), Some("📢"));
    }

    #[test]
    fn exact_selections_never_split_an_emoji_sequence_or_a_letter_and_its_marks() {
        let text = "a 👩\u{200d}🎓 b 🇮🇶 cafe\u{301}";
        // Into the middle of the ZWJ sequence (chars 2..5) and of the flag (8..10).
        assert_eq!(
            snapped(text, 3, 9, Snap::Exact).as_deref(),
            Some("👩\u{200d}🎓 b 🇮🇶")
        );
        assert_eq!(
            snapped(text, 15, 16, Snap::Exact).as_deref(),
            Some("e\u{301}")
        );
        assert_eq!(snapped(text, 8, 8, Snap::Words).as_deref(), Some("🇮🇶"));
        assert_eq!(
            snapped(text, 3, 3, Snap::Words).as_deref(),
            Some("👩\u{200d}🎓")
        );
    }

    #[test]
    fn word_and_grapheme_edges_for_the_caret() {
        let d = doc("one «لا تَنازُلَ» 🇮🇶 two\nthree");
        let edge = |at, forward| word_edge(&d, CharOffset(at), forward).0;
        assert_eq!(edge(0, true), 3);
        assert_eq!(edge(3, true), 7);
        assert_eq!(edge(7, true), 16);
        assert_eq!(edge(16, true), 20);
        assert_eq!(edge(20, false), 18);
        assert_eq!(edge(4, false), 0);
        assert_eq!(edge(24, true), 30, "over the line break");
        let g = |at, forward| grapheme_edge(&d, CharOffset(at), forward).0;
        assert_eq!(g(18, true), 20, "a flag is one step");
        assert_eq!(g(8, true), 10, "a letter with its mark is one step");
        assert_eq!(g(0, false), 0);
    }

    #[test]
    fn an_ideographic_space_is_no_word() {
        // It once counted as a pictograph, so a drag from it kept the “.” after it.
        let text = "ກ .\u{3000}.’s";
        assert_eq!(snapped(text, 1, 7, Snap::Words).as_deref(), Some("s"));
        assert_eq!(snapped("東京\u{3000}大阪", 2, 3, Snap::Words), None);
    }

    #[test]
    fn whole_words_are_what_a_drag_snaps_to() {
        let text = "Talks on Iran’s programme, the U.S. said; Iranian envoys 👩\u{200d}🎓 left.";
        let at = |word: &str| {
            let a = text.find(word).unwrap();
            (a, a + word.len())
        };
        let whole = |word: &str| {
            let (a, b) = at(word);
            is_snapped(text, a, b)
        };
        assert!(whole("Iran") && whole("U.S") && whole("the U.S") && whole("👩\u{200d}🎓"));
        assert!(!whole("Iran’s") && !whole("U.S.") && !whole("ran") && !whole("Irania"));
        assert!(!whole("on Iran’s") && !whole(" the"));
        assert!(!is_snapped(text, 3, 3) && !is_snapped(text, 0, text.len() + 1));
        assert_eq!(snap_str("“U.S.”"), Some("U.S"));
        assert_eq!(snap_str(" — "), None);
    }

    proptest! {
        /// Looking only at the nearby words decides as snapping over the whole line
        /// does, in any script and with long runs without spaces.
        #[test]
        fn is_snapped_agrees_with_snapping_the_line(
            text in "(\\PC|a|b|1|\\.|’s|'s|'S|it's|🇮🇶| |\n|\u{301}|الله){0,120}",
            a in 0usize..400,
            b in 0usize..400,
        ) {
            // a and b count chars, so that most draws fall on char boundaries.
            let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
            let (a, b) = (byte(a.min(b) / 3), byte(a.max(b) / 3));
            if a < b {
                let by_line = snap_bytes(&text, a, b);
                prop_assert_eq!(is_snapped(&text, a, b), by_line == Some((a, b)));
                // And what snapping gives is whole words.
                if let Some((s, e)) = by_line {
                    prop_assert!(is_snapped(&text, s, e));
                }
            }
        }

        #[test]
        fn snapped_spans_are_in_range_and_trimmed(
            text in "(\\PC|\n|’s|“|”| ){0,80}",
            a in 0usize..90,
            b in 0usize..90,
        ) {
            let d = doc(&text);
            if let Some((s, e)) = snap(&d, CharOffset(a), CharOffset(b), Snap::Words) {
                prop_assert!(s < e && e.0 <= d.char_len());
                let got = d.slice(s, e).unwrap();
                prop_assert!(!got.starts_with(char::is_whitespace) && !got.ends_with(char::is_whitespace));
                // Snapping again changes nothing.
                prop_assert_eq!(snap(&d, s, e, Snap::Words), Some((s, e)));
            }
        }
    }
}
