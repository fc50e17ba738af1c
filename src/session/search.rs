//! Finding text in a document: case-insensitive, optionally whole words, with char
//! offsets that can be tagged directly.

use crate::model::CharOffset;

/// One place where the query was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// First char of the hit.
    pub start: CharOffset,
    /// One past its last char.
    pub end: CharOffset,
}

/// Folds a char for comparison. Only one-to-one lower-casing is used (`İ` keeps its
/// dot-less form), so a hit covers exactly as many chars of the text as the query has.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every place `query` occurs in `text`, ignoring case, in order and not overlapping.
/// With `whole_words`, a hit must not have a letter or digit right before or after it.
/// An empty or blank query finds nothing.
pub fn find_all(text: &str, query: &str, whole_words: bool) -> Vec<Hit> {
    let needle: Vec<char> = query.chars().map(fold).collect();
    if query.trim().is_empty() {
        return Vec::new();
    }
    let hay: Vec<char> = text.chars().collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let matches = hay[i..i + needle.len()]
            .iter()
            .zip(&needle)
            .all(|(&h, &n)| fold(h) == n);
        let bounded = !whole_words
            || ((i == 0 || !is_word_char(hay[i - 1]))
                && hay.get(i + needle.len()).is_none_or(|&c| !is_word_char(c)));
        if matches && bounded {
            hits.push(Hit {
                start: CharOffset(i),
                end: CharOffset(i + needle.len()),
            });
            i += needle.len();
        } else {
            i += 1;
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ignores_case_and_counts_chars() {
        let text = "« Iran’s oil » — IRAN said; iranian";
        let hits = find_all(text, "iran", false);
        assert_eq!(hits.len(), 3);
        assert_eq!((hits[0].start.0, hits[0].end.0), (2, 6));
        let whole = find_all(text, "iran", true);
        assert_eq!(whole.len(), 2, "iranian is not the word Iran");
        let chars: Vec<char> = text.chars().collect();
        let second: String = chars[whole[1].start.0..whole[1].end.0].iter().collect();
        assert_eq!(second, "IRAN");
    }

    #[test]
    fn blank_query_finds_nothing() {
        assert!(find_all("some text", "", false).is_empty());
        assert!(find_all("some text", "  ", false).is_empty());
        assert!(find_all("", "x", false).is_empty());
    }

    proptest! {
        #[test]
        fn every_hit_spells_the_query(text in "[a-zA-Zé😀 ’]{0,60}", query in "[a-zé]{1,3}") {
            let chars: Vec<char> = text.chars().collect();
            for hit in find_all(&text, &query, false) {
                let found: String = chars[hit.start.0..hit.end.0].iter().collect();
                prop_assert_eq!(found.to_lowercase(), query.to_lowercase());
            }
        }
    }
}
