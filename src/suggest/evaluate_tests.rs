use super::*;
use crate::model::{Document, Registry, Schema};
use crate::suggest::StringMatcher;
use crate::suggest::project::examples_of as examples;
use crate::suggest::test_docs::{doc, tagged};
use std::collections::HashMap;

fn labels() -> Vec<String> {
    ["actor", "stance", "claim"].map(str::to_owned).to_vec()
}

/// The three invented documents of the hand-computed case, with one annotator's
/// spans.
fn three() -> Vec<(Document, Vec<Annotations>)> {
    let d1 = doc("d1", "Kamali met Haddad. Haddad left.");
    let a1 = tagged(
        &d1,
        "amal",
        &[("Kamali", 0, "actor"), ("Haddad", 0, "actor")],
    );
    let d2 = doc(
        "d2",
        "Haddad and Kamali spoke. Sanctions relief was ruled out.",
    );
    let a2 = tagged(
        &d2,
        "amal",
        &[("Haddad", 0, "actor"), ("Sanctions relief", 0, "claim")],
    );
    let d3 = doc("d3", "Kamali rejected sanctions relief.");
    let a3 = tagged(&d3, "amal", &[("Kamali", 0, "actor")]);
    vec![(d1, vec![a1]), (d2, vec![a2]), (d3, vec![a3])]
}

fn strings() -> StringMatcher {
    StringMatcher::new(&Schema::default(), &Registry::default())
}

/// (label, precision, recall, f1, matched, suggested, annotated) rounded to 3 places.
type Row = (String, Option<f64>, Option<f64>, Option<f64>, u64, u64, u64);

fn rows(e: &Evaluation) -> Vec<Row> {
    let round = |x: Option<f64>| x.map(|x| (x * 1000.0).round() / 1000.0);
    e.labels
        .iter()
        .chain([&e.overall])
        .map(|s| {
            (
                s.label.clone(),
                round(s.precision),
                round(s.recall),
                round(s.f1),
                s.matched,
                s.suggested,
                s.annotated,
            )
        })
        .collect()
}

fn row(label: &str, p: Option<f64>, r: Option<f64>, f: Option<f64>, m: u64, s: u64, a: u64) -> Row {
    (label.to_owned(), p, r, f, m, s, a)
}

/// Three documents, three folds (each held out once):
///
/// - d1 held out, learnt from d2, d3: “Haddad” (tagged 1 of 1), “Kamali” (1 of 2),
///   “sanctions relief” (claim, 1 of 2). Suggested in d1: Kamali, Haddad, Haddad —
///   annotated Kamali and the first Haddad: actor 2 matched of 3 suggested, 2
///   annotated.
/// - d2 held out, learnt from d1, d3: Kamali, Haddad. Suggested in d2: Haddad, Kamali;
///   annotated Haddad and the claim: actor 1 of 2, 1 annotated; claim 0 of 0, 1
///   annotated.
/// - d3 held out, learnt from d1, d2: all three. Suggested: Kamali, sanctions relief;
///   annotated Kamali: actor 1 of 1; claim 0 of 1, none annotated.
///
/// actor: 4 matched, 6 suggested, 4 annotated → P 4/6 = 0.667, R 4/4 = 1,
/// F1 2·4/(6+4) = 0.8. claim: 0 matched, 1 suggested, 1 annotated → P 0, R 0, F1 0.
/// stance: nothing either way → —. All: 4 matched, 7 suggested, 5 annotated →
/// P 4/7 = 0.571, R 4/5 = 0.8, F1 8/12 = 0.667.
#[test]
fn a_hand_computed_cross_validation() {
    let read = three();
    let e = cross_validate(strings, &examples(&read), 5, &labels()).unwrap();
    assert_eq!(e.evaluated, Evaluated::CrossValidated { folds: 3 });
    assert_eq!(e.recommender, "strings");
    assert_eq!((e.documents, e.learned_from.clone()), (3, vec![2, 2, 2]));
    assert_eq!(
        rows(&e),
        [
            row("actor", Some(0.667), Some(1.0), Some(0.8), 4, 6, 4),
            row("stance", None, None, None, 0, 0, 0),
            row("claim", Some(0.0), Some(0.0), Some(0.0), 0, 1, 1),
            row("all", Some(0.571), Some(0.8), Some(0.667), 4, 7, 5),
        ]
    );
}

/// Trained on all three, suggested in all three:
///
/// - d1: Kamali, Haddad, Haddad (actor) against Kamali, Haddad: 2 of 3.
/// - d2: Haddad, Kamali (actor), Sanctions relief (claim) against Haddad and the
///   claim: actor 1 of 2, claim 1 of 1.
/// - d3: Kamali (actor), sanctions relief (claim) against Kamali: actor 1 of 1, claim
///   0 of 1.
///
/// actor: 4 of 6, 4 annotated → P 0.667, R 1, F1 0.8. claim: 1 of 2, 1 annotated →
/// P 0.5, R 1, F1 2/3 = 0.667. All: 5 of 8, 5 annotated → P 0.625, R 1,
/// F1 10/13 = 0.769.
#[test]
fn a_hand_computed_evaluation_on_training_data() {
    let read = three();
    let e = on_training_data(strings, &examples(&read), &labels());
    assert_eq!(e.evaluated, Evaluated::OnTrainingData);
    assert_eq!(e.learned_from, [3]);
    assert_eq!(
        rows(&e),
        [
            row("actor", Some(0.667), Some(1.0), Some(0.8), 4, 6, 4),
            row("stance", None, None, None, 0, 0, 0),
            row("claim", Some(0.5), Some(1.0), Some(0.667), 1, 2, 1),
            row("all", Some(0.625), Some(1.0), Some(0.769), 5, 8, 5),
        ]
    );
}

/// Suggests exactly the spans it was trained on, in the documents it saw, and nothing
/// anywhere else.
#[derive(Default)]
struct Memoriser {
    seen: HashMap<String, Vec<Suggestion>>,
}

impl Recommender for Memoriser {
    fn name(&self) -> &str {
        "memory"
    }

    fn train(&mut self, examples: &[Example<'_>]) {
        self.seen.clear();
        for e in examples {
            let spans = e.annotations.iter().flat_map(|a| &a.spans);
            let suggestions = spans
                .map(|s| Suggestion {
                    start: s.start,
                    end: s.end,
                    label: s.label.clone(),
                    score: 1.0,
                    recommender: "memory".into(),
                    text: s.text.clone(),
                })
                .collect();
            self.seen.insert(e.document.id().to_string(), suggestions);
        }
    }

    fn suggest(&self, document: &Document) -> Vec<Suggestion> {
        self.seen
            .get(document.id().as_str())
            .cloned()
            .unwrap_or_default()
    }
}

#[test]
fn memorising_scores_perfectly_on_training_data_and_not_on_held_out_documents() {
    let read = three();
    let examples = examples(&read);
    let on_training = on_training_data(Memoriser::default, &examples, &labels());
    assert_eq!(on_training.overall.f1, Some(1.0));
    assert_eq!(on_training.overall.precision, Some(1.0));
    assert_eq!(on_training.overall.recall, Some(1.0));
    let held_out = cross_validate(Memoriser::default, &examples, 2, &labels()).unwrap();
    assert_eq!(held_out.evaluated, Evaluated::CrossValidated { folds: 2 });
    assert_eq!(held_out.overall.f1, Some(0.0));
    assert_eq!(held_out.overall.precision, None, "nothing suggested");
    assert_eq!(held_out.overall.recall, Some(0.0));
    assert_eq!(held_out.overall.annotated, 5);
    let mut sizes = held_out.learned_from.clone();
    sizes.sort();
    assert_eq!(sizes, [1, 2]);
}

#[test]
fn folds_are_dealt_by_id_hash_the_same_in_any_order() {
    let read: Vec<(Document, Vec<Annotations>)> = (0..12)
        .map(|i| (doc(&format!("doc-{i}"), "Kamali spoke."), Vec::new()))
        .collect();
    let forward = examples(&read);
    let folds = fold_of(&forward, 5);
    let mut per_fold = [0; 5];
    for f in &folds {
        per_fold[*f] += 1;
    }
    assert_eq!(per_fold, [3, 3, 2, 2, 2], "dealt round, none empty");
    let mut backward = forward.clone();
    backward.reverse();
    let mut again = fold_of(&backward, 5);
    again.reverse();
    assert_eq!(folds, again);
    // Fewer documents than folds: as many folds as documents; one is too few.
    assert!(cross_validate(strings, &forward[..1], 5, &labels()).is_none());
    let two = cross_validate(strings, &forward[..2], 5, &labels()).unwrap();
    assert_eq!(two.evaluated, Evaluated::CrossValidated { folds: 2 });
}
