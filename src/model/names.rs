//! Names as people write them, reduced to the words that tell them apart.
//!
//! News text writes one actor many ways: “Iran’s foreign ministry”, “IRAN'S Foreign
//! Ministry”, “the Iranian foreign ministry”. Matching an actor span to an entity, and
//! grouping actors that have no entity by their text, both compare names after the
//! same reduction: lower case, diacritics and compatibility forms folded (NFKD),
//! curly quotes made straight, possessive ’s / ' dropped, other apostrophes removed,
//! and everything that is not a letter or digit taken as a word break.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The words of `text` after the reduction described in the module documentation:
/// `“Iran’s Foreign-Ministry”` → `["iran", "foreign", "ministry"]`.
pub fn name_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    // Apostrophes first, as NFKD would turn some (´) into a space and a mark; marks
    // are dropped after lower-casing too, which can add one (İ → i̇).
    let folded = text
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| !is_combining_mark(*c));
    for c in folded {
        if c.is_alphanumeric() {
            word.push(c);
        } else if is_apostrophe(c) && !word.is_empty() {
            word.push('\'');
        } else {
            finish_word(&mut word, &mut words);
        }
    }
    finish_word(&mut word, &mut words);
    words
}

/// The words of `text` joined by single spaces: the form under which actors and
/// claims without a registry entry are grouped (`iran foreign ministry`).
pub fn normalise_name(text: &str) -> String {
    name_words(text).join(" ")
}

/// A readable id made from a name: its words joined by `-`
/// (`Iran’s Foreign Ministry` → `iran-foreign-ministry`); empty when the name has
/// no letters or digits.
pub fn slug(text: &str) -> String {
    name_words(text).join("-")
}

/// Straight and curly apostrophes, and the marks news text uses in their place.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}'
    )
}

/// Ends the word being read: drops a possessive `'s` or trailing `'`, then any other
/// apostrophe (`o'neill` → `oneill`), and keeps what is left.
fn finish_word(word: &mut String, words: &mut Vec<String>) {
    let mut w = std::mem::take(word);
    if let Some(stem) = w.strip_suffix("'s") {
        w.truncate(stem.len());
    }
    w.retain(|c| c != '\'');
    if !w.is_empty() {
        words.push(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn possessives_quotes_case_and_diacritics_fold_away() {
        assert_eq!(
            name_words("Iran’s Foreign-Ministry"),
            ["iran", "foreign", "ministry"]
        );
        assert_eq!(
            normalise_name("IRAN'S foreign  ministry"),
            "iran foreign ministry"
        );
        assert_eq!(
            normalise_name("the ministers’ council"),
            "the ministers council"
        );
        assert_eq!(normalise_name("Recep Şahin’s office"), "recep sahin office");
        assert_eq!(normalise_name("“Müller”"), "muller");
        assert_eq!(normalise_name("O’Neill"), "oneill");
        assert_eq!(normalise_name("’ ’"), "");
        assert_eq!(
            normalise_name("ＩＲＡＱ"),
            "iraq",
            "full-width letters fold"
        );
        assert_eq!(
            normalise_name("حزبُ الله"),
            "حزب الله",
            "Arabic vowel marks fold"
        );
        assert_eq!(slug("Iran’s Foreign Ministry"), "iran-foreign-ministry");
        assert_eq!(slug("— ’ —"), "");
    }

    proptest! {
        /// Reducing twice changes nothing, and the result has no case, quotes or
        /// repeated spaces left to fold.
        #[test]
        fn normalising_is_idempotent(text in "\\PC{0,40}") {
            let once = normalise_name(&text);
            prop_assert_eq!(normalise_name(&once), once.clone());
            prop_assert!(!once.contains("  ") && !once.starts_with(' ') && !once.ends_with(' '));
            prop_assert!(!once.contains('\''));
        }
    }
}
