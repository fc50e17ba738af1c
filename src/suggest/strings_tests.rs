use super::*;
use crate::model::{Annotations, AnnotatorName, EntityKind};
use crate::suggest::fold::fold;
use crate::suggest::test_docs::{doc, place, tagged};
use proptest::prelude::*;

fn matcher(registry: &Registry) -> StringMatcher {
    StringMatcher::new(&Schema::default(), registry)
}

/// Trains a matcher without a registry on `examples`.
fn trained(examples: &[(&Document, &Annotations)]) -> StringMatcher {
    let mut m = matcher(&Registry::default());
    let examples: Vec<Example<'_>> = examples
        .iter()
        .map(|(document, annotations)| Example {
            document,
            annotations: std::slice::from_ref(annotations),
        })
        .collect();
    m.train(&examples);
    m
}

/// What `m` suggests in `document`: text, label, start char.
fn shown(m: &StringMatcher, document: &Document) -> Vec<(String, String, usize)> {
    m.suggest(document)
        .into_iter()
        .map(|s| (s.text, s.label, s.start.0))
        .collect()
}

#[test]
fn a_tagged_string_is_found_again_as_whole_words_only() {
    let train = doc(
        "a",
        "Foreign Minister Dariush Kamali said talks would resume.",
    );
    let a = tagged(&train, "amal", &[("Dariush Kamali", 0, "actor")]);
    let m = trained(&[(&train, &a)]);
    let test = doc(
        "b",
        "DARIUSH KAMALI’S visit. Dariush Kamalis and Dariush\nKamali spoke.",
    );
    let found = shown(&m, &test);
    assert_eq!(
        found,
        [
            ("DARIUSH KAMALI".into(), "actor".into(), 0),
            ("Dariush\nKamali".into(), "actor".into(), 44),
        ],
        "the possessive leaves the name whole, “Kamalis” is another word"
    );
    assert_eq!(&*m.suggest(&test)[0].recommender, "strings");
    assert_eq!(m.suggest(&test)[0].score, 1.0);
}

#[test]
fn offsets_are_chars_after_any_script() {
    let train = doc("a", "The envoy Amal Haddad arrived.");
    let a = tagged(&train, "amal", &[("Amal Haddad", 0, "actor")]);
    let m = trained(&[(&train, &a)]);
    // Before the name: İ (one byte shorter folded), ß (one char longer), a final
    // sigma, Arabic with a vowel mark, and an emoji ZWJ sequence.
    let text = "İZMİR Straße ΟΔΟΣ قالَ 👩\u{200d}🎓 AMAL HADDAD, then amal haddad.";
    let test = doc("b", text);
    let (start, end) = place(&test, "AMAL HADDAD", 0);
    let (start2, _) = place(&test, "amal haddad", 0);
    let got = m.suggest(&test);
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].start.0, got[0].end.0), (start, end));
    assert_eq!(got[0].text, "AMAL HADDAD");
    assert_eq!(got[1].start.0, start2);
    // And known strings in those scripts are found too.
    let train = doc(
        "c",
        "Said İzmir’s mayor and die Straße and Οδυσσέας and حزبُ الله.",
    );
    let c = tagged(
        &train,
        "amal",
        &[
            ("İzmir", 0, "actor"),
            ("Straße", 0, "claim"),
            ("Οδυσσέας", 0, "actor"),
            ("حزبُ الله", 0, "actor"),
        ],
    );
    let m = trained(&[(&train, &c)]);
    let test = doc("d", "IZMIR, STRASSE, ΟΔΥΣΣΕΑΣ, حزب الله 👩\u{200d}🎓.");
    let texts: Vec<String> = shown(&m, &test).into_iter().map(|(t, _, _)| t).collect();
    assert_eq!(texts, ["IZMIR", "STRASSE", "ΟΔΥΣΣΕΑΣ", "حزب الله"]);
}

#[test]
fn overlapping_matches_keep_the_longest() {
    let train = doc(
        "a",
        "Foreign Minister Dariush Kamali met Kamali’s deputy; the foreign minister left.",
    );
    let a = tagged(
        &train,
        "amal",
        &[
            ("Foreign Minister Dariush Kamali", 0, "actor"),
            ("Kamali", 1, "actor"),
            ("foreign minister", 0, "actor"),
        ],
    );
    let m = trained(&[(&train, &a)]);
    let test = doc(
        "b",
        "The foreign minister Dariush Kamali spoke; Kamali left.",
    );
    assert_eq!(
        shown(&m, &test),
        [
            ("foreign minister Dariush Kamali".into(), "actor".into(), 4),
            ("Kamali".into(), "actor".into(), 43),
        ]
    );
}

#[test]
fn the_majority_label_wins_and_ties_go_to_the_schema_order() {
    let one = doc(
        "a",
        "Sanctions relief was ruled out. Sanctions relief, he said.",
    );
    let a = tagged(
        &one,
        "amal",
        &[
            ("Sanctions relief", 0, "claim"),
            ("Sanctions relief", 1, "stance"),
        ],
    );
    let m = trained(&[(&one, &a)]);
    let got = m.suggest(&doc("b", "No sanctions relief."));
    // One vote each: stance comes before claim in the default schema.
    assert_eq!(got[0].label, "stance");
    assert_eq!(got[0].score, 0.5, "tagged as stance at one of two places");
    let b = tagged(
        &one,
        "jonas",
        &[
            ("Sanctions relief", 0, "claim"),
            ("Sanctions relief", 1, "claim"),
        ],
    );
    let two = doc("c", "Sanctions relief again.");
    let m = trained(&[
        (&one, &a),
        (&one, &b),
        (&two, &Annotations::new(&two, a.annotator.clone())),
    ]);
    let got = m.suggest(&doc("b", "No sanctions relief."));
    assert_eq!(got[0].label, "claim");
    // Five places (two, two and one); claim at three of them.
    assert_eq!(got[0].score, 0.6);
}

#[test]
fn registry_names_count_as_one_tagged_place() {
    let mut registry = Registry::default();
    let id = registry
        .add_entity("Gulf Cooperation Council", EntityKind::Organisation)
        .unwrap();
    registry.add_alias(&id, "the GCC").unwrap();
    registry.add_entity("U.S.", EntityKind::State).unwrap();
    let mut m = matcher(&registry);
    m.train(&[]);
    assert_eq!(m.len(), 3);
    let test = doc(
        "b",
        "The GCC and the U.S. met; the Gulf Cooperation Council’s chief spoke.",
    );
    let got = m.suggest(&test);
    let texts: Vec<(&str, f32)> = got.iter().map(|s| (s.text.as_str(), s.score)).collect();
    assert_eq!(
        texts,
        [
            ("The GCC", 1.0),
            ("U.S", 1.0),
            ("Gulf Cooperation Council", 1.0)
        ]
    );
    assert!(got.iter().all(|s| s.label == "actor"));
    // Seen three times untagged in training, a name keeps 1 in 4.
    let train = doc("a", "the GCC, the GCC, the GCC.");
    let none = Annotations::new(&train, AnnotatorName::new("amal").unwrap());
    m.train(&[Example {
        document: &train,
        annotations: std::slice::from_ref(&none),
    }]);
    let got = m.suggest(&doc("c", "The GCC"));
    assert_eq!(got[0].score, 0.25);
}

#[test]
fn strings_never_tagged_where_they_occur_are_not_offered_and_tagged_ones_are_left_out() {
    let train = doc("a", "Kamali said. Kamali said.");
    // Tagged with part of a word: not learnt.
    let mut a = tagged(&train, "amal", &[("Kamali", 0, "actor")]);
    a.spans[0].start = CharOffset(1);
    let m = trained(&[(&train, &a)]);
    assert!(m.is_empty());
    let b = tagged(&train, "amal", &[("Kamali", 0, "actor")]);
    let m = trained(&[(&train, &b)]);
    let test = doc("b", "Kamali and Kamali");
    assert_eq!(m.suggest(&test).len(), 2);
    let mine = tagged(&test, "amal", &[("Kamali", 1, "actor")]);
    let new = m.suggest_new(&test, &mine);
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].start.0, 0);
    // Turned down there: never offered there again; elsewhere still.
    let mut mine = mine;
    mine.reject(crate::model::Rejection {
        start: new[0].start,
        end: new[0].end,
        label: new[0].label.clone(),
        text: new[0].text.clone(),
    });
    assert!(m.suggest_new(&test, &mine).is_empty());
    let other = doc("c", "Then Kamali");
    assert_eq!(m.suggest_new(&other, &mine).len(), 1);
}

#[test]
fn a_stored_possessive_is_learnt_as_the_name() {
    let train = doc("a", "Iran’s envoy left.");
    let a = tagged(&train, "amal", &[("Iran’s", 0, "actor")]);
    let m = trained(&[(&train, &a)]);
    assert_eq!(
        shown(&m, &doc("b", "Iran and Iranian")),
        [("Iran".into(), "actor".into(), 0)]
    );
}

/// A matcher that knows `strings` (as actors, score 1).
fn knowing(strings: &[String]) -> StringMatcher {
    let mut m = matcher(&Registry::default());
    m.patterns = strings
        .iter()
        .map(|s| fold(s))
        .filter(|s| !s.is_empty())
        .collect();
    m.patterns.sort();
    m.patterns.dedup();
    m.known = vec![
        Known {
            label: "actor".into(),
            score: 1.0
        };
        m.patterns.len()
    ];
    m.automaton = super::Starts::new(&m.patterns);
    m
}

proptest! {
    /// Whatever the text, every match slices the original text to a string that folds
    /// to the string matched, and matches do not overlap.
    #[test]
    fn every_match_folds_to_its_pattern(
        words in proptest::collection::vec("(ali|ALİ|straße|STRASSE|σοφος|ΣΟΦΟΣ|حزبُ|حزب|👩\u{200d}🎓|\\PC{1,3})", 1..12),
        seps in proptest::collection::vec("( |\n|’s |, |-|\u{301} |  )", 12),
        pick in proptest::collection::vec(0usize..12, 1..4),
    ) {
        let mut text = String::new();
        for (w, s) in words.iter().zip(&seps) {
            text.push_str(w);
            text.push_str(s);
        }
        let known: Vec<String> = pick
            .iter()
            .map(|&i| words[i % words.len()].clone())
            .chain(["ali".to_owned(), "strasse".to_owned(), "σοφοσ".to_owned(), "حزب".to_owned()])
            .collect();
        let m = knowing(&known);
        let document = doc("p", &text);
        let found = m.find(&document);
        for f in &found {
            let slice = document.slice(f.start, f.end).unwrap();
            prop_assert_eq!(fold(slice), m.patterns[f.pattern].clone());
        }
        for pair in found.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start);
        }
    }
}

#[test]
fn a_long_text_searched_in_parts_gives_what_one_search_gives() {
    let m = knowing(&[
        "Dariush Kamali".to_owned(),
        "Kamali".to_owned(),
        "Iran".to_owned(),
    ]);
    let mut text = String::new();
    let mut i = 0;
    // Over a mebibyte, so that it is searched on every core, with names across the
    // places where the parts meet.
    while text.len() < (1 << 20) + 4096 {
        text.push_str(match i % 3 {
            0 => "Dariush Kamali told Iran’s envoy so. ",
            1 => "Kamali’s office said nothing.\n",
            _ => "Iranian officials declined to comment; Dariush\nKamali left. ",
        });
        i += 1;
    }
    let big = doc("big", &text);
    let parts = m.suggest(&big);
    let whole = crate::store::parallel::with_threads(1, || m.suggest(&big));
    assert_eq!(parts.len(), whole.len());
    assert!(parts == whole);
    assert!(parts.len() > 30_000, "{}", parts.len());
}
