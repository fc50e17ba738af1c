//! How good a recommender's suggestions are, measured honestly: on documents it did
//! not learn from.
//!
//! k-fold cross-validation: the documents are dealt into k folds (k = 5 unless asked
//! otherwise, fewer when there are fewer documents); for each fold the recommender is
//! trained afresh on the others and suggests in the held-out documents, whose own
//! annotations are the reference. A suggestion counts when a span of the same start,
//! end and label is there (exact match, as `claimspan agree` counts it); precision,
//! recall and F1 follow per label and over all labels (micro: counts summed first).
//! The same measure on the training data itself ([`on_training_data`]) shows how much
//! of the cross-validated score is lost to unseen text.
//!
//! Folds are dealt by a stable hash of each document id ([`unit_interval`], the hash
//! of export splits): documents in that order go to fold 1, 2, …, k, 1, 2, … so that
//! no fold is empty and the folds are the same on every machine and for any order the
//! documents were read in.

use super::{Example, Recommender, Suggestion};
use crate::formats::export::split::unit_interval;
use crate::model::Annotations;
use crate::review::f1::{Place, SpanCounts, exact_counts};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The folds asked for when none are given.
pub const DEFAULT_FOLDS: usize = 5;

/// How the suggestions were measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Evaluated {
    /// Trained on k-1 folds, measured on the one held out, k times.
    CrossValidated {
        /// k.
        folds: usize,
    },
    /// Trained on every document and measured on the same documents.
    OnTrainingData,
    /// Suggestions that were not learnt from the project (a model's predictions
    /// imported, or made ahead of time), measured as they are on the done documents
    /// that have them.
    AsGiven,
}

impl Evaluated {
    /// `5-fold`, `training data`: how the table names it.
    pub fn describe(self) -> String {
        match self {
            Evaluated::CrossValidated { folds } => format!("{folds}-fold"),
            Evaluated::OnTrainingData => "training data".to_owned(),
            Evaluated::AsGiven => "as given".to_owned(),
        }
    }
}

/// Precision, recall and F1 of one label (or all), with the counts they come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// The label; `all` for the micro average.
    pub label: String,
    /// Share of suggestions that were annotated; `None` (JSON `null`) when nothing
    /// was suggested.
    pub precision: Option<f64>,
    /// Share of annotated spans that were suggested; `None` when none was annotated.
    pub recall: Option<f64>,
    /// Their harmonic mean; `None` when there was nothing either way.
    pub f1: Option<f64>,
    /// Suggestions with an annotated span at the same place and label.
    pub matched: u64,
    /// Suggestions made.
    pub suggested: u64,
    /// Annotated spans.
    pub annotated: u64,
}

impl Scores {
    fn of(label: &str, counts: SpanCounts) -> Self {
        // The annotations are A, the suggestions B: precision is B's share matched.
        Self {
            label: label.to_owned(),
            precision: counts.precision(),
            recall: counts.recall(),
            f1: counts.f1(),
            matched: counts.matched,
            suggested: counts.matched + counts.only_b,
            annotated: counts.matched + counts.only_a,
        }
    }
}

/// One recommender measured one way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The recommender's name.
    pub recommender: String,
    /// How it was measured.
    pub evaluated: Evaluated,
    /// Documents its suggestions were measured on.
    pub documents: usize,
    /// How many documents it learnt from each time it was trained (one number per
    /// fold; one in all on training data).
    pub learned_from: Vec<usize>,
    /// Per label: the labels asked for in their order, then any other label suggested
    /// or annotated, alphabetically.
    pub labels: Vec<Scores>,
    /// All labels together (micro average).
    pub overall: Scores,
}

/// The fold (from 0) of each example, `folds` of them: see the module documentation.
pub fn fold_of(examples: &[Example<'_>], folds: usize) -> Vec<usize> {
    let folds = folds.max(1);
    let mut order: Vec<(f64, &str, usize)> = examples
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let id = e.document.id().as_str();
            (unit_interval(0, id), id, i)
        })
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    let mut fold = vec![0; examples.len()];
    for (rank, (_, _, i)) in order.into_iter().enumerate() {
        fold[i] = rank % folds;
    }
    fold
}

/// k-fold cross-validation of the recommenders `make` makes (a fresh one per fold)
/// over `examples`, with `folds` folds or as many as there are examples when fewer;
/// `None` with fewer than two examples, where nothing can be held out. `labels` are
/// the labels reported first, in order (the schema's).
pub fn cross_validate<R: Recommender>(
    make: impl Fn() -> R,
    examples: &[Example<'_>],
    folds: usize,
    labels: &[String],
) -> Option<Evaluation> {
    let folds = folds.min(examples.len());
    if folds < 2 {
        return None;
    }
    let fold = fold_of(examples, folds);
    let mut tally = Tally::default();
    let mut learned_from = Vec::with_capacity(folds);
    let mut name = String::new();
    for k in 0..folds {
        let (held_out, training): (Vec<_>, Vec<_>) =
            examples.iter().zip(&fold).partition(|(_, f)| **f == k);
        let training: Vec<Example<'_>> = training.into_iter().map(|(e, _)| *e).collect();
        let mut recommender = make();
        recommender.train(&training);
        name = recommender.name().to_owned();
        learned_from.push(training.len());
        for (example, _) in held_out {
            tally.add(example, &recommender.suggest(example.document));
        }
    }
    Some(tally.evaluation(
        &name,
        Evaluated::CrossValidated { folds },
        examples.len(),
        learned_from,
        labels,
    ))
}

/// The recommender `make` makes, trained on all `examples` and measured on them: an
/// upper bound that cross-validation is compared with.
pub fn on_training_data<R: Recommender>(
    make: impl Fn() -> R,
    examples: &[Example<'_>],
    labels: &[String],
) -> Evaluation {
    let mut recommender = make();
    recommender.train(examples);
    on_its_training_data(&recommender, examples, labels)
}

/// [`on_training_data`] for a recommender already trained on `examples` (the
/// window's, which it suggests with): measured without training it again.
pub fn on_its_training_data<R: Recommender>(
    recommender: &R,
    examples: &[Example<'_>],
    labels: &[String],
) -> Evaluation {
    let mut tally = Tally::default();
    for example in examples {
        tally.add(example, &recommender.suggest(example.document));
    }
    tally.evaluation(
        recommender.name(),
        Evaluated::OnTrainingData,
        examples.len(),
        vec![examples.len()],
        labels,
    )
}

/// Suggestions made elsewhere, `given` for each example that has any (`None`: the
/// example has none and is not counted), measured against the examples'
/// annotations; `None` when no example has any.
pub fn measure_given(
    name: &str,
    examples: &[Example<'_>],
    given: impl Fn(&Example<'_>) -> Option<Vec<Suggestion>>,
    labels: &[String],
) -> Option<Evaluation> {
    let mut tally = Tally::default();
    let mut documents = 0;
    for example in examples {
        if let Some(suggestions) = given(example) {
            tally.add(example, &suggestions);
            documents += 1;
        }
    }
    (documents > 0)
        .then(|| tally.evaluation(name, Evaluated::AsGiven, documents, Vec::new(), labels))
}

/// Exact-match counts per label, summed over documents.
#[derive(Debug, Default)]
struct Tally {
    labels: BTreeMap<String, SpanCounts>,
}

impl Tally {
    /// Counts `suggestions` against each set of annotations of `example`.
    fn add(&mut self, example: &Example<'_>, suggestions: &[Suggestion]) {
        let suggested = places(
            suggestions
                .iter()
                .map(|s| (s.label.as_str(), s.start.0, s.end.0)),
        );
        for annotations in example.annotations {
            let annotated = annotated_places(annotations);
            let labels: BTreeSet<&str> =
                suggested.keys().chain(annotated.keys()).copied().collect();
            let none = Vec::new();
            for label in labels {
                let a = annotated.get(label).unwrap_or(&none);
                let b = suggested.get(label).unwrap_or(&none);
                let counts = self.labels.entry(label.to_owned()).or_default();
                counts.add(exact_counts(a, b));
            }
        }
    }

    fn evaluation(
        self,
        recommender: &str,
        evaluated: Evaluated,
        documents: usize,
        learned_from: Vec<usize>,
        order: &[String],
    ) -> Evaluation {
        let mut overall = SpanCounts::default();
        for counts in self.labels.values() {
            overall.add(*counts);
        }
        let mut labels: Vec<Scores> = order
            .iter()
            .map(|l| Scores::of(l, self.labels.get(l).copied().unwrap_or_default()))
            .collect();
        labels.extend(
            self.labels
                .iter()
                .filter(|(l, _)| !order.contains(l))
                .map(|(l, c)| Scores::of(l, *c)),
        );
        Evaluation {
            recommender: recommender.to_owned(),
            evaluated,
            documents,
            learned_from,
            labels,
            overall: Scores::of("all", overall),
        }
    }
}

/// Places by label, sorted and without repeats, as `exact_counts` takes them.
fn places<'a>(all: impl Iterator<Item = (&'a str, usize, usize)>) -> BTreeMap<&'a str, Vec<Place>> {
    let mut out: BTreeMap<&str, Vec<Place>> = BTreeMap::new();
    for (label, s, e) in all {
        out.entry(label).or_default().push((s, e));
    }
    for list in out.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    out
}

fn annotated_places(annotations: &Annotations) -> BTreeMap<&str, Vec<Place>> {
    places(
        annotations
            .spans
            .iter()
            .map(|s| (s.label.as_str(), s.start.0, s.end.0)),
    )
}

#[cfg(test)]
#[path = "evaluate_tests.rs"]
mod tests;
