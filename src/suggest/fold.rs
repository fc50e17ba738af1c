//! A folded copy of a text, for finding known strings however they are cased, and
//! the way back from a place in the copy to the same place in the text.
//!
//! Each char is folded on its own, as [`crate::model::names`] folds names: curly and
//! other apostrophes become `'`, curly double quotes `"`; NFKD, with combining marks
//! dropped (so “Şahin” is “sahin” and Arabic vowel marks fall away); lower case, with
//! the two Unicode makes context dependent made plain (final ς is σ, ß is `ss`); a run
//! of white space is one space. Possessives are not dropped here: a match is checked
//! against the words of the original text, where “Iran” in “Iran’s” is whole.
//!
//! Folding changes lengths (İ is one byte shorter, ß one char longer, a mark
//! vanishes), so the copy keeps a sparse list of the chars whose folded form is not
//! one char of their own byte length; everything between them maps back by a
//! constant shift. In plain ASCII the list is empty.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A char whose folded form is not one char of its own length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Irregular {
    /// Where its folded form starts in the copy (bytes).
    folded: usize,
    /// Its folded form's length in bytes (0 for a dropped mark or space).
    folded_len: usize,
    /// Where it starts in the original text (bytes).
    original: usize,
    /// Its length in the original (bytes).
    original_len: usize,
}

/// A text folded for matching, with the way back to the original's byte offsets.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    text: String,
    irregular: Vec<Irregular>,
    original_len: usize,
}

impl Folded {
    /// Folds `text` as the module documentation describes.
    pub fn new(text: &str) -> Self {
        let mut folded = Folded {
            text: String::with_capacity(text.len()),
            irregular: Vec::new(),
            original_len: text.len(),
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut buffer = String::new();
        while i < bytes.len() {
            // Runs of printable ASCII are copied as they are, and lower-cased all at
            // once at the end: most of an English text is such runs and single spaces.
            let run = bytes[i..].iter().position(|&b| !is_plain(b));
            let run_end = run.map_or(bytes.len(), |n| i + n);
            if run_end > i {
                folded.text.push_str(&text[i..run_end]);
                i = run_end;
                continue;
            }
            let byte = bytes[i];
            if byte.is_ascii() {
                folded.push_ascii(byte, i);
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            buffer.clear();
            if c.is_whitespace() {
                if !folded.text.ends_with(' ') {
                    buffer.push(' ');
                }
            } else {
                fold_char(c, &mut buffer);
            }
            folded.push_folded(&buffer, i, c.len_utf8());
            i += c.len_utf8();
        }
        // Only ASCII letters change; every other char was folded already.
        folded.text.make_ascii_lowercase();
        folded
    }

    /// [`Folded::new`] in `parts` on as many cores, for a text of a mebibyte or more
    /// (a shorter one is folded at once): the same copy and the same way back.
    pub fn new_in_parts(text: &str, parts: usize) -> Self {
        Self::in_parts(text, parts, 1 << 20)
    }

    /// [`Folded::new_in_parts`] from `at_least` bytes. The text is cut only between
    /// two ASCII letters, where folding needs nothing of what came before (a run of
    /// white space is never cut).
    fn in_parts(text: &str, parts: usize, at_least: usize) -> Self {
        let bytes = text.as_bytes();
        if parts <= 1 || text.len() < at_least.max(2) {
            return Self::new(text);
        }
        let mut cuts = vec![0];
        for k in 1..parts {
            let mut at = (k * text.len() / parts).max(1);
            while at < bytes.len()
                && !(bytes[at].is_ascii_alphabetic() && bytes[at - 1].is_ascii_alphabetic())
            {
                at += 1;
            }
            if at < bytes.len() && cuts.last().is_some_and(|&last| at > last) {
                cuts.push(at);
            }
        }
        cuts.push(text.len());
        let pieces: Vec<Option<Folded>> = std::thread::scope(|scope| {
            let handles: Vec<_> = cuts
                .windows(2)
                .map(|w| {
                    let piece = text.get(w[0]..w[1]).unwrap_or_default();
                    scope.spawn(move || Folded::new(piece))
                })
                .collect();
            handles.into_iter().map(|h| h.join().ok()).collect()
        });
        let mut whole = Folded {
            text: String::with_capacity(text.len()),
            irregular: Vec::new(),
            original_len: text.len(),
        };
        for (piece, &start) in pieces.into_iter().zip(&cuts) {
            // A part whose thread failed is folded here instead.
            let piece = piece.unwrap_or_else(|| {
                let end = cuts
                    .iter()
                    .find(|&&c| c > start)
                    .copied()
                    .unwrap_or(text.len());
                Folded::new(text.get(start..end).unwrap_or_default())
            });
            let shift = whole.text.len();
            whole
                .irregular
                .extend(piece.irregular.iter().map(|r| Irregular {
                    folded: r.folded + shift,
                    original: r.original + start,
                    ..*r
                }));
            whole.text.push_str(&piece.text);
        }
        whole
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte offset of the char that makes folded byte `at` (the end of
    /// the original for `at` = the copy's length), or `None` when `at` falls inside
    /// the folded form of one char (the second `s` of ß). Chars folded away just
    /// before `at` (marks, a second space) lie before the offset returned, so a match
    /// ending at `at` keeps the marks of its last letter.
    pub fn to_original(&self, at: usize) -> Option<usize> {
        let after = self.irregular.partition_point(|r| r.folded <= at);
        self.resolve(at, after)
    }

    /// The original byte range of folded bytes `start..end`, if both ends fall on the
    /// edges of folded chars.
    pub fn original_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        Some((self.to_original(start)?, self.to_original(end)?))
    }

    /// [`Folded::original_range`] for ranges asked about in about text order (the
    /// matches of a search): `near` is where the last one was found in the list of
    /// irregular chars, so each lookup moves a few steps instead of searching.
    pub fn original_range_near(
        &self,
        start: usize,
        end: usize,
        near: &mut usize,
    ) -> Option<(usize, usize)> {
        let mut seek = |at: usize| {
            let list = &self.irregular;
            let mut after = (*near).min(list.len());
            while after < list.len() && list[after].folded <= at {
                after += 1;
            }
            while after > 0 && list[after - 1].folded > at {
                after -= 1;
            }
            *near = after;
            self.resolve(at, after)
        };
        let s = seek(start)?;
        Some((s, seek(end)?))
    }

    /// [`Folded::to_original`] given how many irregular chars start at or before `at`.
    fn resolve(&self, at: usize, after: usize) -> Option<usize> {
        if at > self.text.len() {
            return None;
        }
        let Some(last) = after.checked_sub(1).map(|i| self.irregular[i]) else {
            return Some(at);
        };
        if at == last.folded && last.folded_len > 0 {
            return Some(last.original);
        }
        if at < last.folded + last.folded_len {
            return None;
        }
        let shift_to = last.original + last.original_len;
        let shift_from = last.folded + last.folded_len;
        let original = at - shift_from + shift_to;
        (original <= self.original_len).then_some(original)
    }

    fn push_ascii(&mut self, byte: u8, at: usize) {
        let c = match byte {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => {
                if self.text.ends_with(' ') {
                    self.push_folded("", at, 1);
                    return;
                }
                ' '
            }
            b'`' => '\'',
            _ => char::from(byte),
        };
        self.text.push(c);
    }

    /// Appends the folded form of the char at original byte `at`, `len` bytes long,
    /// noting it when it is not one char of the same length.
    fn push_folded(&mut self, form: &str, at: usize, len: usize) {
        let mut chars = form.chars();
        let one_alike =
            matches!((chars.next(), chars.next()), (Some(c), None) if c.len_utf8() == len);
        if !one_alike {
            self.irregular.push(Irregular {
                folded: self.text.len(),
                folded_len: form.len(),
                original: at,
                original_len: len,
            });
        }
        self.text.push_str(form);
    }
}

/// Printable ASCII that folds to itself (but for case): copied in runs.
fn is_plain(byte: u8) -> bool {
    byte.is_ascii_graphic() && byte != b'`'
}

/// `text` folded on its own, trimmed: the form under which a known string is looked
/// for.
pub fn fold(text: &str) -> String {
    Folded::new(text).as_str().trim_matches(' ').to_owned()
}

/// Appends the folded form of one char that is not white space.
fn fold_char(c: char, out: &mut String) {
    // Apostrophes first, as NFKD would turn some (´) into a space and a mark; marks
    // are dropped after lower-casing too, which can add one (İ → i̇).
    if is_apostrophe(c) {
        out.push('\'');
        return;
    }
    if is_double_quote(c) {
        out.push('"');
        return;
    }
    let folded = std::iter::once(c)
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| !is_combining_mark(*c));
    for c in folded {
        match c {
            // char::to_lowercase cannot know a sigma is final; str::to_lowercase can,
            // which would make the same word two ways.
            'ς' => out.push('σ'),
            // Full case folding: “STRASSE” and “Straße” are one word.
            'ß' => out.push_str("ss"),
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
}

/// Apostrophes as names.rs knows them.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}'
    )
}

fn is_double_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '‟' | '″' | '«' | '»')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The original text of folded bytes `start..end`.
    fn back<'t>(text: &'t str, folded: &Folded, start: usize, end: usize) -> Option<&'t str> {
        let (s, e) = folded.original_range(start, end)?;
        text.get(s..e)
    }

    /// Where `pattern` occurs in the folded `text`, as the original text.
    fn found<'t>(text: &'t str, pattern: &str) -> Vec<&'t str> {
        let folded = Folded::new(text);
        let pattern = fold(pattern);
        folded
            .as_str()
            .match_indices(&pattern)
            .filter_map(|(at, m)| back(text, &folded, at, at + m.len()))
            .collect()
    }

    #[test]
    fn case_quotes_and_marks_fold_and_map_back() {
        assert_eq!(fold("Iran’s  Foreign\nMinistry"), "iran's foreign ministry");
        assert_eq!(found("Talks: IRAN'S oil", "iran’s"), ["IRAN'S"]);
        assert_eq!(found("“Recep Şahin” said", "recep sahin"), ["Recep Şahin"]);
        // A decomposed é keeps its mark at the end of the match.
        assert_eq!(found("the cafe\u{301} owner", "café"), ["cafe\u{301}"]);
    }

    #[test]
    fn turkish_german_greek_arabic_and_emoji() {
        // İ is two bytes folded to one.
        assert_eq!(found("İSTANBUL, İzmir and Ankara", "izmir"), ["İzmir"]);
        assert_eq!(found("İSTANBUL, İzmir and Ankara", "ankara"), ["Ankara"]);
        // ß is one char folded to two; half of it is no place to start.
        assert_eq!(
            found("die Straße und STRASSE", "strasse"),
            ["Straße", "STRASSE"]
        );
        let folded = Folded::new("Straße");
        assert_eq!(folded.as_str(), "strasse");
        assert_eq!(folded.to_original(5), None, "inside ß");
        assert_eq!(folded.to_original(6), Some(6), "after ß");
        // Final and medial sigma, in both cases.
        assert_eq!(
            found("ΟΔΥΣΣΕΥΣ and Οδυσσευς", "οδυσσευσ"),
            ["ΟΔΥΣΣΕΥΣ", "Οδυσσευς"]
        );
        // Arabic vowel marks fold away, and the match keeps them.
        assert_eq!(found("قالَ حزبُ الله اليوم", "حزب الله"), ["حزبُ الله"]);
        // An emoji ZWJ sequence is matched whole, and offsets after it stay right.
        let text = "👩\u{200d}🎓 Dr Amal 👩\u{200d}🎓 amal";
        assert_eq!(found(text, "amal"), ["Amal", "amal"]);
        assert_eq!(
            found(text, "👩\u{200d}🎓"),
            ["👩\u{200d}🎓", "👩\u{200d}🎓"]
        );
    }

    #[test]
    fn white_space_runs_are_one_space() {
        let text = "the\u{a0}foreign \n\n minister";
        assert_eq!(Folded::new(text).as_str(), "the foreign minister");
        assert_eq!(found(text, "foreign minister"), ["foreign \n\n minister"]);
        assert_eq!(found(text, "the foreign"), ["the\u{a0}foreign"]);
    }

    proptest! {
        /// Folded in parts, a text gives the same copy and the same way back as
        /// folded at once.
        #[test]
        fn parts_fold_as_the_whole_does(
            text in "(ab|AB|’|  |\\n|ß|İ|é|\u{301}|حزبُ|x|Y|\\PC){0,80}",
            parts in 2usize..5,
        ) {
            let whole = Folded::new(&text);
            let parted = Folded::in_parts(&text, parts, 0);
            prop_assert_eq!(&parted.text, &whole.text);
            prop_assert_eq!(&parted.irregular, &whole.irregular);
            prop_assert_eq!(parted.original_len, whole.original_len);
        }
    }

    proptest! {
        /// Every place in the copy maps back to a char boundary, in order, and a
        /// substring of the copy between two places that map back is the fold of the
        /// original text between them.
        #[test]
        fn folded_places_map_back_to_text_that_folds_alike(
            text in "(\\PC|İ|ß|ẞ|Σ|ς|ﬁ|é|e\u{301}|حزبُ|👩\u{200d}🎓| |\n|’){0,40}",
        ) {
            let folded = Folded::new(&text);
            let places: Vec<(usize, usize)> = (0..=folded.as_str().len())
                .filter(|&at| folded.as_str().is_char_boundary(at))
                .filter_map(|at| Some((at, folded.to_original(at)?)))
                .collect();
            prop_assert_eq!(places.last().copied(), Some((folded.as_str().len(), text.len())));
            // Looking up near the last answer, forwards and back, answers alike.
            let mut near = 0;
            for &(fs, _) in places.iter().chain(places.iter().rev()) {
                let end = folded.as_str().len();
                prop_assert_eq!(
                    folded.original_range_near(fs, end, &mut near),
                    folded.original_range(fs, end)
                );
            }
            for pair in places.windows(2) {
                prop_assert!(pair[0].1 <= pair[1].1);
            }
            for (i, &(fs, os)) in places.iter().enumerate() {
                prop_assert!(text.is_char_boundary(os));
                for &(fe, oe) in &places[i + 1..] {
                    let part = &folded.as_str()[fs..fe];
                    if part.starts_with(' ') || part.ends_with(' ') {
                        continue;
                    }
                    prop_assert_eq!(fold(&text[os..oe]), part);
                }
            }
        }
    }
}
