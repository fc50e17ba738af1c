use super::saved::{FORMAT, model_path};
use super::tokens::tokenize;
use super::*;
use crate::model::{Annotations, EntityKind};
use crate::suggest::evaluate::{cross_validate, on_training_data};
use crate::suggest::project::examples_of as examples;
use crate::suggest::test_docs::{doc, place, tagged};
use crate::suggest::{Evaluation, SuggestError};
use proptest::prelude::*;

fn labels() -> Vec<String> {
    ["actor", "stance", "claim"].map(str::to_owned).to_vec()
}

fn tagger(registry: &Registry) -> Tagger {
    Tagger::new(&Schema::default(), registry)
}

fn trained(read: &[(Document, Vec<Annotations>)]) -> Tagger {
    let mut t = tagger(&Registry::default());
    t.train(&examples(read));
    t
}

/// What `t` suggests in `document`: text and label.
fn shown(t: &Tagger, document: &Document) -> Vec<(String, String)> {
    t.suggest(document)
        .into_iter()
        .map(|s| (s.text, s.label))
        .collect()
}

/// A token's text by its chars and by its bytes.
fn both_ways(document: &Document, t: &tokens::Token) -> (String, String) {
    (
        document.slice(t.start, t.end).unwrap().to_owned(),
        document.text()[t.byte_start..t.byte_end].to_owned(),
    )
}

#[test]
fn tokens_round_trip_on_every_script() {
    let text = "Foreign Minister Dariush Kamali’s office said: “no”. قالَ وزير الخارجية، \
                שָׁלוֹם עולם 東京都の知事 👩\u{200d}🎓 👍🏽 🇮🇶 می\u{200c}خواهم U.S. 2,024 it's";
    let d = doc("d", text);
    let tokens = tokenize(text);
    let words: Vec<String> = tokens
        .iter()
        .map(|t| {
            let (chars, bytes) = both_ways(&d, t);
            assert_eq!(chars, bytes);
            chars
        })
        .collect();
    for expected in [
        "Kamali",
        "’s",
        ":",
        "“",
        "قالَ",
        "،",
        "שָׁלוֹם",
        "👩\u{200d}🎓",
        "👍🏽",
        "🇮🇶",
        "می\u{200c}خواهم",
        "U.S",
        "2,024",
        "it's",
    ] {
        assert!(
            words.iter().any(|w| w == expected),
            "{expected} in {words:?}"
        );
    }
    assert!(words.iter().all(|w| !w.trim().is_empty() && w.trim() == w));
}

/// A tagger trained once on [`handful`], for the property tests.
static TRAINED: std::sync::LazyLock<Tagger> = std::sync::LazyLock::new(|| trained(&handful()));

proptest! {
    #[test]
    fn tokens_are_in_order_apart_and_inside_the_text(text in "\\PC{0,80}|[ a-z’'\u{301}\u{200c}\n]{0,40}") {
        let d = doc("d", &text);
        let tokens = tokenize(&text);
        let mut last_end = 0;
        for t in &tokens {
            prop_assert!(t.start.0 >= last_end);
            prop_assert!(t.start < t.end);
            prop_assert!(t.end.0 <= d.char_len());
            prop_assert!(text.is_char_boundary(t.byte_start) && text.is_char_boundary(t.byte_end));
            let (chars, bytes) = both_ways(&d, t);
            prop_assert_eq!(chars, bytes);
            last_end = t.end.0;
        }
        // Nor does encoding, or suggesting with an untrained tagger or a trained one.
        prop_assert!(tagger(&Registry::default()).suggest(&d).is_empty());
        prop_assert_eq!(features::encode(&text, &Names::default()).rows.len(), tokens.len() * features::STATIC);
        for s in TRAINED.suggest(&d) {
            prop_assert_eq!(d.slice(s.start, s.end), Some(s.text.as_str()));
        }
    }
}

/// An invented article: id, text, and its phrases with their labels.
type Article = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// Six invented articles, each with an actor, a stance and a claim; in one the claim
/// holds an actor, tagged too.
fn handful() -> Vec<(Document, Vec<Annotations>)> {
    let texts: [Article; 6] = [
        (
            "d1",
            "Foreign Minister Dariush Kamali said on Monday that sanctions must end. \
             The talks resume in Vienna.",
            &[
                ("Dariush Kamali", "actor"),
                ("said", "stance"),
                ("sanctions must end", "claim"),
            ],
        ),
        (
            "d2",
            "Opposition leader Amal Haddad rejected claims that the vote was rigged. \
             Turnout was low.",
            &[
                ("Amal Haddad", "actor"),
                ("rejected", "stance"),
                ("the vote was rigged", "claim"),
            ],
        ),
        (
            "d3",
            "Prime Minister Rosen Tumir denied that the budget would be cut. \
             Markets were calm.",
            &[
                ("Rosen Tumir", "actor"),
                ("denied", "stance"),
                ("the budget would be cut", "claim"),
            ],
        ),
        (
            "d4",
            "Interior Minister Zabel Nora said that Kamali should resign. \
             Kamali did not reply.",
            &[
                ("Zabel Nora", "actor"),
                ("said", "stance"),
                ("Kamali should resign", "claim"),
                ("Kamali", "actor"),
            ],
        ),
        (
            "d5",
            "Senator Mira Shidun welcomed the ceasefire agreement. Fighting ended at noon.",
            &[
                ("Mira Shidun", "actor"),
                ("welcomed", "stance"),
                ("the ceasefire agreement", "claim"),
            ],
        ),
        (
            "d6",
            "Finance Minister Velka Ronu warned that inflation would rise. Prices climbed.",
            &[
                ("Velka Ronu", "actor"),
                ("warned", "stance"),
                ("inflation would rise", "claim"),
            ],
        ),
    ];
    texts
        .into_iter()
        .map(|(id, text, spans)| {
            let d = doc(id, text);
            let spans: Vec<(&str, usize, &str)> = spans.iter().map(|&(p, l)| (p, 0, l)).collect();
            let a = tagged(&d, "amal", &spans);
            (d, vec![a])
        })
        .collect()
}

fn f1(e: &Evaluation) -> f64 {
    e.overall.f1.unwrap_or(0.0)
}

#[test]
fn it_learns_its_training_data_by_heart_and_does_less_well_on_unseen_text() {
    let read = handful();
    let examples = examples(&read);
    let make = || tagger(&Registry::default());
    // Every token's word is a feature of its own, so six short articles are learnt
    // exactly: 1.0, not merely close.
    let trained = on_training_data(make, &examples, &labels());
    assert_eq!(trained.recommender, "tagger");
    assert_eq!(f1(&trained), 1.0, "{:?}", trained.overall);
    let held_out = cross_validate(make, &examples, 3, &labels()).unwrap();
    assert!(f1(&held_out) < 1.0, "{:?}", held_out.overall);
    assert!(f1(&held_out) > 0.0, "{:?}", held_out.overall);
}

/// `n` sentences of the “Minister X said” pattern, each with a different invented
/// name, the name tagged as actor.
fn minister_pattern(n: usize) -> Vec<(Document, Vec<Annotations>)> {
    let first = [
        "Dariush", "Amal", "Rosen", "Zabel", "Mira", "Velka", "Tarun", "Hadi",
    ];
    let last = [
        "Kamali", "Haddad", "Tumir", "Norak", "Shidun", "Ronu", "Belsen", "Zamir",
    ];
    let office = ["Foreign", "Interior", "Finance", "Defence"];
    (0..n)
        .map(|i| {
            let name = format!("{} {}", first[i % 8], last[(i * 3 + 1) % 8]);
            let text = format!(
                "{} Minister {name} said the plan was fair. Officials met in the capital on day {i}.",
                office[i % 4]
            );
            let d = doc(&format!("m{i}"), &text);
            let a = tagged(&d, "amal", &[(&name, 0, "actor")]);
            (d, vec![a])
        })
        .collect()
}

#[test]
fn it_suggests_a_name_it_never_saw_in_a_pattern_it_learnt() {
    let read = minister_pattern(16);
    let t = trained(&read);
    let test = doc(
        "new",
        "Trade Minister Qasim Ovdal said the plan was fair. Nobody else spoke.",
    );
    assert_eq!(shown(&t, &test), [("Qasim Ovdal".into(), "actor".into())]);
    let s = &t.suggest(&test)[0];
    assert_eq!(&*s.recommender, NAME);
    assert!(s.score > 0.5 && s.score <= 1.0, "{}", s.score);
    let (start, end) = place(&test, "Qasim Ovdal", 0);
    assert_eq!((s.start.0, s.end.0), (start, end));
}

#[test]
fn an_actor_inside_a_claim_is_suggested_with_it() {
    let read = handful();
    let t = trained(&read);
    let (d4, _) = &read[3];
    let got = shown(&t, d4);
    for (text, label) in [
        ("Zabel Nora", "actor"),
        ("said", "stance"),
        ("Kamali should resign", "claim"),
        ("Kamali", "actor"),
    ] {
        assert!(
            got.contains(&(text.to_owned(), label.to_owned())),
            "{text} as {label} in {got:?}"
        );
    }
    // In text order, the longer first at one start.
    let spans = t.suggest(d4);
    let claim = spans.iter().position(|s| s.label == "claim").unwrap();
    assert_eq!(spans[claim + 1].text, "Kamali");
    assert_eq!(spans[claim + 1].start, spans[claim].start);
}

#[test]
fn a_possessive_is_left_out_of_a_suggested_name_and_punctuation_never_ends_one() {
    let read = minister_pattern(16);
    let t = trained(&read);
    let test = doc(
        "new",
        "Defence Minister Tarun Kamali said the plan was fair. Tarun Kamali’s aides agreed.",
    );
    let got = t.suggest(&test);
    assert!(got.iter().any(|s| s.text == "Tarun Kamali"), "{got:?}");
    for s in got {
        let d = &test;
        let (a, b) = (
            d.offsets().to_byte(d.text(), s.start).unwrap().0,
            d.offsets().to_byte(d.text(), s.end).unwrap().0,
        );
        assert!(is_snapped(d.text(), a, b), "{s:?}");
    }
}

#[test]
fn registry_names_are_a_feature() {
    // Actors tagged only where the registry knows them: the tagger learns that
    // membership, and suggests a registry name in a sentence unlike any it saw.
    let mut registry = Registry::default();
    for n in [
        "Dariush Kamali",
        "Amal Haddad",
        "Rosen Tumir",
        "Zabel Nora",
        "Qasim Ovdal",
    ] {
        registry.add_entity(n, EntityKind::Person).unwrap();
    }
    let read: Vec<_> = [
        (
            "r1",
            "On Monday Dariush Kamali met farmers.",
            "Dariush Kamali",
        ),
        (
            "r2",
            "Crowds in Vienna cheered Amal Haddad loudly.",
            "Amal Haddad",
        ),
        (
            "r3",
            "On Sunday a letter from Rosen Tumir arrived.",
            "Rosen Tumir",
        ),
        ("r4", "In Paris Zabel Nora was not there.", "Zabel Nora"),
    ]
    .into_iter()
    .map(|(id, text, name)| {
        let d = doc(id, text);
        let a = tagged(&d, "amal", &[(name, 0, "actor")]);
        (d, vec![a])
    })
    .collect();
    let mut t = tagger(&registry);
    t.train(&examples(&read));
    let test = doc("new", "On Friday the police thanked Qasim Ovdal quietly.");
    assert_eq!(shown(&t, &test), [("Qasim Ovdal".into(), "actor".into())]);
}

#[test]
fn labels_without_spans_are_not_learnt_and_nothing_trained_suggests_nothing() {
    let read = minister_pattern(4);
    let t = trained(&read);
    assert_eq!(t.labels().collect::<Vec<_>>(), ["actor"]);
    let untrained = tagger(&Registry::default());
    assert!(untrained.suggest(&read[0].0).is_empty());
    let mut empty = tagger(&Registry::default());
    empty.train(&[]);
    assert!(empty.suggest(&read[0].0).is_empty());
}

#[test]
fn training_twice_or_in_another_order_gives_the_same_suggestions() {
    let read = handful();
    let test = doc(
        "t",
        "Foreign Minister Qasim Ovdal said that the vote was rigged. Haddad denied it.",
    );
    let a = trained(&read);
    let b = trained(&read);
    let mut reversed: Vec<_> = read.clone();
    reversed.reverse();
    let c = trained(&reversed);
    assert_eq!(a.suggest(&test), b.suggest(&test));
    assert_eq!(a.suggest(&test), c.suggest(&test));
    assert!(a.models == c.models);
    assert_eq!(a.trained_on(), c.trained_on());
    assert_eq!(a.fingerprint(&examples(&read)), a.trained_on());
    assert_ne!(a.fingerprint(&examples(&read[1..])), a.trained_on());
}

#[test]
fn kept_to_one_thread_it_learns_the_same_model() {
    let read = handful();
    let parallel = trained(&read);
    let alone = crate::store::parallel::with_threads(1, || trained(&read));
    assert!(
        parallel.models == alone.models,
        "labels learnt one at a time alike"
    );
}

#[test]
fn every_set_of_annotations_is_learnt() {
    // Two annotators of one document, only the second tagging a claim: the tagger
    // learns from both, so it has a claim model and suggests that claim.
    let d = doc(
        "two",
        "Foreign Minister Dariush Kamali said that talks must resume.",
    );
    let a = tagged(&d, "amal", &[("Dariush Kamali", 0, "actor")]);
    let b = tagged(
        &d,
        "bo",
        &[
            ("Dariush Kamali", 0, "actor"),
            ("talks must resume", 0, "claim"),
        ],
    );
    let t = trained(&[(d.clone(), vec![a.clone(), b.clone()])]);
    assert_eq!(t.labels().collect::<Vec<_>>(), ["actor", "claim"]);
    let got = shown(&t, &d);
    assert!(
        got.contains(&("Dariush Kamali".into(), "actor".into())),
        "{got:?}"
    );
    let only_a = trained(&[(d.clone(), vec![a])]);
    assert_ne!(only_a.trained_on(), t.trained_on());
}

#[test]
fn a_saved_model_loads_back_to_the_same_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let read = handful();
    let t = trained(&read);
    t.save(dir.path()).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("models/.gitignore")).unwrap(),
        "*\n"
    );
    let back = Tagger::load(dir.path(), &Schema::default(), &Registry::default()).unwrap();
    let test = doc(
        "t",
        "Finance Minister Qasim Ovdal warned that the vote was rigged.",
    );
    assert!(!t.suggest(&test).is_empty());
    assert_eq!(back.suggest(&test), t.suggest(&test));
    for (d, _) in &read {
        assert_eq!(back.suggest(d), t.suggest(d));
    }
    assert!(back.models == t.models);
    assert_eq!(back.trained_on(), t.trained_on());
    // Saved again, over the old one.
    back.save(dir.path()).unwrap();
}

#[test]
fn a_damaged_or_newer_model_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let load = || Tagger::load(dir.path(), &Schema::default(), &Registry::default());
    assert!(matches!(load(), Err(SuggestError::NoModel { .. })));
    trained(&handful()).save(dir.path()).unwrap();
    let path = model_path(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    // Cut short anywhere: at the magic, the header, inside a row, the checksum.
    for len in [0, 5, 12, 30, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&path, &bytes[..len]).unwrap();
        let err = load().unwrap_err();
        assert!(
            matches!(err, SuggestError::ModelDamaged { .. }),
            "{len}: {err}"
        );
        assert!(err.to_string().contains("tagger.bin"), "{err}");
    }
    // One byte changed in the weights.
    let mut changed = bytes.clone();
    changed[bytes.len() / 2] ^= 0x40;
    std::fs::write(&path, &changed).unwrap();
    assert!(matches!(load(), Err(SuggestError::ModelDamaged { .. })));
    // A newer format.
    let mut newer = bytes.clone();
    newer[8..12].copy_from_slice(&(FORMAT + 1).to_le_bytes());
    std::fs::write(&path, &newer).unwrap();
    let err = load().unwrap_err();
    assert!(
        matches!(err, SuggestError::ModelVersion { found, .. } if found == FORMAT + 1),
        "{err}"
    );
    assert!(err.to_string().contains("tagger.bin"), "{err}");
    // A label the schema no longer has.
    std::fs::write(&path, &bytes).unwrap();
    let mut schema = Schema::default();
    schema.labels.retain(|l| l.name != "claim");
    let err = Tagger::load(dir.path(), &schema, &Registry::default()).unwrap_err();
    assert!(matches!(err, SuggestError::ModelStale { ref label, .. } if label == "claim"));
}

#[test]
fn scores_lie_between_a_half_and_one_and_a_typical_span_scores_near_four_fifths() {
    let read = handful();
    let t = trained(&read);
    let scores: Vec<f32> = read
        .iter()
        .flat_map(|(d, _)| t.suggest(d))
        .map(|s| s.score)
        .collect();
    assert!(
        scores.iter().all(|&s| (0.5..=1.0).contains(&s)),
        "{scores:?}"
    );
    let mean = scores.iter().sum::<f32>() / scores.len() as f32;
    assert!((0.7..0.95).contains(&mean), "{mean} {scores:?}");
    // Not every span alike: the score orders them.
    assert!(
        scores.iter().any(|&s| (s - scores[0]).abs() > 0.01),
        "{scores:?}"
    );
}

#[test]
fn a_project_trains_the_tagger_on_every_annotator_and_gold() {
    // A copy: learning keeps the model in the project's `models/`.
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new("fixtures/statements") {
        let entry = entry.unwrap();
        let to = dir
            .path()
            .join(entry.path().strip_prefix("fixtures/statements").unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let project = crate::store::Project::open(dir.path()).unwrap();
    let learnt = crate::suggest::learn(&project, &mut |_, _| {}).unwrap();
    assert!(dir.path().join("models/tagger.bin").is_file());
    let t = learnt.tagger;
    assert_eq!(t.labels().collect::<Vec<_>>(), labels());
    assert_ne!(t.trained_on(), 0);
    let meta = project.articles().next().unwrap();
    let d = project.load_document(&meta.id).unwrap();
    assert!(!t.suggest(&d).is_empty());
}
