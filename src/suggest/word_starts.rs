//! Finding known strings where words start: the string matcher's search.
//!
//! A known string is found only where it is whole words, so it can only start where
//! a word may: never inside a run of ASCII letters and digits, which no word
//! boundary splits (UAX #29). Instead of running the automaton over every byte of a
//! long text — whose table, for thousands of similar names, no longer fits in the
//! cache — it is walked from each place a word may start, anchored, and stops as soon
//! as no known string goes on that way: a few steps near the root for most words,
//! where the table is hot. Other scripts' letters are all places to start, as their
//! words may be a char each (Chinese) or be cut by marks.
//!
//! Every known string starting at each such place is reported, longest last, as the
//! unanchored overlapping search would report them; the caller keeps whole words.

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, StartKind, dfa, nfa};

/// The automaton of the known strings, anchored: a DFA while it stays small, else a
/// contiguous NFA.
#[derive(Debug, Clone)]
pub(crate) struct Starts {
    automaton: Walked,
    /// The bytes some known string begins with: a walk from any other is not begun.
    first: [bool; 256],
}

/// The automaton walked.
#[derive(Debug, Clone)]
enum Walked {
    /// The fastest to walk; its table grows with states × byte classes.
    Dfa(dfa::DFA),
    /// For very many strings.
    Nfa(nfa::contiguous::NFA),
}

/// The most known strings walked with a DFA: some 20 MB of table for names of a
/// dozen letters.
const DFA_UP_TO: usize = 10_000;

impl Starts {
    /// The automaton of `patterns` (folded, non-empty); `None` for none, or when
    /// it cannot be built.
    pub(crate) fn new(patterns: &[String]) -> Option<Self> {
        if patterns.is_empty() {
            return None;
        }
        let mut first = [false; 256];
        for p in patterns {
            if let Some(&b) = p.as_bytes().first() {
                first[usize::from(b)] = true;
            }
        }
        let dfa = (patterns.len() <= DFA_UP_TO)
            .then(|| {
                dfa::DFA::builder()
                    .match_kind(MatchKind::Standard)
                    .start_kind(StartKind::Anchored)
                    .build(patterns)
                    .ok()
            })
            .flatten();
        let automaton = match dfa {
            Some(dfa) => Walked::Dfa(dfa),
            None => Walked::Nfa(
                nfa::contiguous::NFA::builder()
                    .match_kind(MatchKind::Standard)
                    .build(patterns)
                    .ok()?,
            ),
        };
        Some(Starts { automaton, first })
    }

    /// Calls `found(pattern, start, end)` (bytes of `hay`) for every known string
    /// that starts where a word may start in `hay`, inside `starts` (it may end past
    /// it, so that parts of a long text are searched on several cores), in order of
    /// start, then end.
    pub(crate) fn each_starting_in(
        &self,
        hay: &str,
        starts: std::ops::Range<usize>,
        found: impl FnMut(usize, usize, usize),
    ) {
        let first = &self.first;
        match &self.automaton {
            Walked::Dfa(a) => walk(a, hay.as_bytes(), first, starts, found),
            Walked::Nfa(a) => walk(a, hay.as_bytes(), first, starts, found),
        }
    }
}

/// True where a word may start at byte `at` of `hay`: see the module documentation.
fn may_start(hay: &[u8], at: usize) -> bool {
    let Some(&here) = hay.get(at) else {
        return false;
    };
    // Not inside a UTF-8 sequence.
    if (0x80..0xC0).contains(&here) {
        return false;
    }
    at == 0 || !(hay[at - 1].is_ascii_alphanumeric() && here.is_ascii_alphanumeric())
}

fn walk<A: Automaton>(
    a: &A,
    hay: &[u8],
    first: &[bool; 256],
    starts: std::ops::Range<usize>,
    mut found: impl FnMut(usize, usize, usize),
) {
    let Ok(start) = a.start_state(Anchored::Yes) else {
        return;
    };
    let starts = starts.start..starts.end.min(hay.len());
    for at in starts.filter(|&at| first[usize::from(hay[at])] && may_start(hay, at)) {
        let mut sid = start;
        for (i, &byte) in hay[at..].iter().enumerate() {
            sid = a.next_state(Anchored::Yes, sid, byte);
            if !a.is_special(sid) {
                continue;
            }
            if a.is_dead(sid) {
                break;
            }
            if a.is_match(sid) {
                let end = at + i + 1;
                for k in 0..a.match_len(sid) {
                    let pattern = a.match_pattern(sid, k);
                    // A state's matches include strings ending here that started
                    // later; they are found from their own start.
                    if end - a.pattern_len(pattern) == at {
                        found(pattern.as_usize(), at, end);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;
    use proptest::prelude::*;

    /// What the plain overlapping search finds, kept to the places a word may start.
    fn reference(patterns: &[String], hay: &str) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap();
        let mut all: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(hay)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .filter(|&(_, s, _)| may_start(hay.as_bytes(), s))
            .collect();
        all.sort_by_key(|&(p, s, e)| (s, e, p));
        all
    }

    fn walked(patterns: &[String], hay: &str) -> Vec<(usize, usize, usize)> {
        let mut all = Vec::new();
        Starts::new(patterns)
            .unwrap()
            .each_starting_in(hay, 0..hay.len(), |p, s, e| all.push((p, s, e)));
        all.sort_by_key(|&(p, s, e)| (s, e, p));
        all
    }

    #[test]
    fn names_inside_others_and_words_inside_words() {
        let patterns: Vec<String> = ["kamali", "dariush kamali", "iran", "ran", "北京", "سامح"]
            .map(str::to_owned)
            .to_vec();
        let hay = "dariush kamali of iran's iranian; 在北京 وزير سامح";
        let got = walked(&patterns, hay);
        let texts: Vec<&str> = got.iter().map(|&(_, s, e)| &hay[s..e]).collect();
        // “ran” inside “iran” is no place to start; “北京” after “在” is.
        assert_eq!(
            texts,
            ["dariush kamali", "kamali", "iran", "iran", "北京", "سامح"]
        );
        assert_eq!(got, reference(&patterns, hay));
    }

    #[test]
    fn a_number_inside_arabic_and_emoji_sequences_are_found_where_they_start() {
        let patterns: Vec<String> = ["الحي رقم 7", "7", "👩\u{200d}🎓", "🇮🇶 team"]
            .map(str::to_owned)
            .to_vec();
        let hay = "في الحي رقم 7 قال 👩\u{200d}🎓 إن 🇮🇶 team فاز 17";
        let got = walked(&patterns, hay);
        let texts: Vec<&str> = got.iter().map(|&(_, s, e)| &hay[s..e]).collect();
        // “7” inside “17” is no place to start; the flag begins a string.
        assert_eq!(texts, ["الحي رقم 7", "7", "👩\u{200d}🎓", "🇮🇶 team"]);
        assert_eq!(got, reference(&patterns, hay));
    }

    #[test]
    fn parts_together_find_what_the_whole_finds() {
        let patterns: Vec<String> = ["kamali", "dariush kamali"].map(str::to_owned).to_vec();
        let hay = "dariush kamali met kamali; dariush kamali left";
        let starts = Starts::new(&patterns).unwrap();
        let mut whole = Vec::new();
        starts.each_starting_in(hay, 0..hay.len(), |p, s, e| whole.push((p, s, e)));
        let mut parts = Vec::new();
        for range in [0..3, 3..27, 27..hay.len()] {
            starts.each_starting_in(hay, range, |p, s, e| parts.push((p, s, e)));
        }
        assert_eq!(parts, whole, "a string starting in a part is found whole");
        assert_eq!(whole.len(), 5);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the strings and the text: what the walk finds is what the plain
        /// search finds where a word may start.
        #[test]
        fn the_walk_finds_what_the_plain_search_finds(
            patterns in prop::collection::vec("[ab' é北]{1,4}", 1..12),
            hay in "[ab' é北.]{0,60}",
        ) {
            prop_assert_eq!(walked(&patterns, &hay), reference(&patterns, &hay));
        }
    }
}
