//! Tokens and sentences of an article, in char offsets: the units of the CoNLL and
//! Hugging Face exports and of token-level agreement.
//!
//! Tokens are the words of UAX #29 (unicode-segmentation) without the whitespace, and
//! a token never crosses a span edge: where a span starts or ends inside a word
//! (“Iran” in “Iran’s”), the word is cut there, so the span is never moved to fit
//! the tokens.

use super::offsets::CharOffset;
use unicode_segmentation::UnicodeSegmentation;

/// One token: `start..end` in chars, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Token {
    /// First char.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
}

/// The tokens of `text`, cut at every offset in `edges` (span starts and ends; any
/// order, duplicates allowed). Whitespace is never part of a token.
pub fn tokens(text: &str, edges: impl IntoIterator<Item = CharOffset>) -> Vec<Token> {
    let mut edges: Vec<usize> = edges.into_iter().map(|e| e.0).collect();
    edges.sort_unstable();
    edges.dedup();
    let mut next_edge = 0;
    let mut out = Vec::new();
    // Word bounds cover the text without gaps, so chars are counted while walking.
    let mut end = 0;
    for word in text.split_word_bounds() {
        let start = end;
        // One pass for both: this loop runs over every word of every article when
        // agreement is computed.
        let mut blank = true;
        for c in word.chars() {
            end += 1;
            blank &= c.is_whitespace();
        }
        if blank {
            continue;
        }
        while next_edge < edges.len() && edges[next_edge] <= start {
            next_edge += 1;
        }
        let mut from = start;
        while next_edge < edges.len() && edges[next_edge] < end {
            let cut = edges[next_edge];
            push_trimmed(&mut out, word, start, from, cut);
            from = cut;
            next_edge += 1;
        }
        if from == start
            && !word.starts_with(char::is_whitespace)
            && !word.ends_with(char::is_whitespace)
        {
            // An uncut word with nothing to trim: the common case.
            out.push(Token {
                start: CharOffset(start),
                end: CharOffset(end),
            });
        } else {
            push_trimmed(&mut out, word, start, from, end);
        }
    }
    out
}

/// Pushes chars `from..to` of `word` (which starts at char `word_start`) as a token,
/// without whitespace at its ends; nothing when only whitespace is left. A word bound
/// never mixes spaces and letters, but a cut may leave a piece of a space run.
fn push_trimmed(out: &mut Vec<Token>, word: &str, word_start: usize, from: usize, to: usize) {
    // Counted while walking rather than collected, so no word costs an allocation.
    let (mut lead, mut trail, mut seen_text) = (0, 0, false);
    for c in word.chars().skip(from - word_start).take(to - from) {
        if c.is_whitespace() {
            lead += usize::from(!seen_text);
            trail += 1;
        } else {
            seen_text = true;
            trail = 0;
        }
    }
    if !seen_text {
        return;
    }
    out.push(Token {
        start: CharOffset(from + lead),
        end: CharOffset(to - trail),
    });
}

/// Where each sentence of `text` starts and ends, in chars (UAX #29 sentence bounds),
/// with the whitespace at its ends left out; blank stretches give no sentence.
pub fn sentences(text: &str) -> Vec<(CharOffset, CharOffset)> {
    let mut out = Vec::new();
    let mut end = 0;
    for sentence in text.split_sentence_bounds() {
        let chars_before = end;
        let len = sentence.chars().count();
        end += len;
        let lead = sentence.chars().take_while(|c| c.is_whitespace()).count();
        if lead == len {
            continue;
        }
        let trail = sentence
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        out.push((
            CharOffset(chars_before + lead),
            CharOffset(chars_before + len - trail),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str, edges: &[usize]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        tokens(text, edges.iter().map(|&e| CharOffset(e)))
            .iter()
            .map(|t| chars[t.start.0..t.end.0].iter().collect())
            .collect()
    }

    #[test]
    fn words_without_spaces() {
        assert_eq!(
            words("Iran’s minister “rejected” it.", &[]),
            ["Iran’s", "minister", "“", "rejected", "”", "it", "."]
        );
    }

    #[test]
    fn a_span_edge_inside_a_word_cuts_it() {
        // An actor span “Iran” (0..4) inside “Iran’s”.
        assert_eq!(words("Iran’s oil", &[0, 4]), ["Iran", "’s", "oil"]);
        // An edge on whitespace cuts nothing.
        assert_eq!(words("Iran’s oil", &[6, 7]), ["Iran’s", "oil"]);
    }

    #[test]
    fn offsets_count_chars_after_emoji_and_arabic() {
        let text = "📢 قال الوزير 🙂 ok";
        let toks = tokens(text, []);
        let last = toks.last().unwrap();
        let chars: Vec<char> = text.chars().collect();
        let s: String = chars[last.start.0..last.end.0].iter().collect();
        assert_eq!(s, "ok");
    }

    #[test]
    fn sentences_are_trimmed() {
        let text = "He said no. She agreed!\n\nThen  they left.";
        let chars: Vec<char> = text.chars().collect();
        let found: Vec<String> = sentences(text)
            .iter()
            .map(|(s, e)| chars[s.0..e.0].iter().collect())
            .collect();
        assert_eq!(found, ["He said no.", "She agreed!", "Then  they left."]);
    }

    proptest! {
        #[test]
        fn tokens_are_ordered_disjoint_and_respect_edges(
            text in "[a-zé’😀 \\nقال.]{0,40}",
            raw_edges in proptest::collection::vec(0usize..45, 0..6),
        ) {
            let len = text.chars().count();
            let edges: Vec<usize> = raw_edges.into_iter().filter(|&e| e <= len).collect();
            let toks = tokens(&text, edges.iter().map(|&e| CharOffset(e)));
            let chars: Vec<char> = text.chars().collect();
            let mut last_end = 0;
            for t in &toks {
                prop_assert!(t.start.0 >= last_end && t.start < t.end && t.end.0 <= len);
                prop_assert!(!chars[t.start.0].is_whitespace());
                prop_assert!(!chars[t.end.0 - 1].is_whitespace());
                for &e in &edges {
                    prop_assert!(!(t.start.0 < e && e < t.end.0), "{t:?} crosses {e}");
                }
                last_end = t.end.0;
            }
            // Every non-space char is in some token.
            let covered: usize = toks.iter().map(|t| t.end.0 - t.start.0).sum();
            let inner_spaces: usize = toks
                .iter()
                .map(|t| chars[t.start.0..t.end.0].iter().filter(|c| c.is_whitespace()).count())
                .sum();
            prop_assert_eq!(covered - inner_spaces, chars.iter().filter(|c| !c.is_whitespace()).count());
        }
    }
}
