//! Evaluating the recommenders on a project: the call behind `claimspan suggest
//! --evaluate`, and later the window's.
//!
//! The project is read as every export reads it ([`for_each_document`]): the done
//! documents of one source (gold, or one annotator), with what
//! [`crate::model::Annotations::keep_usable`] keeps. The registry's names are part of
//! what the string matcher and the tagger know in every fold.

use super::error::SuggestError;
use super::evaluate::{
    DEFAULT_FOLDS, Evaluation, Scores, cross_validate, on_its_training_data, on_training_data,
};
use super::{Example, StringMatcher, Tagger};
use crate::formats::select::{Selected, Takes, for_each_document, resolve_sources};
use crate::formats::{Selection, Source, StatusFilter};
use crate::model::{Annotations, Document, Registry};
use crate::store::Project;
use serde::Serialize;
use std::convert::Infallible;
use std::fmt::Write;

/// What to evaluate and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluateRequest {
    /// Whose annotations to learn from and measure against: gold, one annotator, or
    /// (auto) gold where there is any, else the only annotator.
    pub source: Source,
    /// k of k-fold cross-validation (fewer when there are fewer documents).
    pub folds: usize,
}

impl Default for EvaluateRequest {
    fn default() -> Self {
        Self {
            source: Source::Auto,
            folds: DEFAULT_FOLDS,
        }
    }
}

/// Every recommender measured on a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectEvaluation {
    /// Whose annotations: `gold` or an annotator's name.
    pub source: String,
    /// Done documents read.
    pub documents: usize,
    /// Per recommender (the string matcher, then the tagger): cross-validated first,
    /// then on training data.
    pub evaluations: Vec<Evaluation>,
    /// Why there is no cross-validation, when there is none (one document).
    pub not_cross_validated: Option<String>,
    /// What was read and passed over, in words (`read 12 documents (gold); skipped:
    /// 3 not marked done`).
    pub read: String,
    /// Files that could not be read, one sentence each; the rest was evaluated.
    pub unreadable: Vec<String>,
}

/// Reads the done documents of `request.source` in `project` and measures every
/// recommender on them; `progress(done, total)` while reading.
pub fn evaluate_project(
    project: &Project,
    request: &EvaluateRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ProjectEvaluation, SuggestError> {
    if request.folds < 2 {
        return Err(SuggestError::Folds {
            given: request.folds,
        });
    }
    let registry = project.load_registry()?.registry;
    // Everyone's done work (the window's measure) is many sources; else one.
    let takes = if request.source == Source::All {
        Takes::Many
    } else {
        Takes::One
    };
    let (read, selected) = read_done(project, &request.source, takes, progress)?;
    Ok(measure(
        project,
        &registry,
        &read,
        &selected,
        request.folds,
        None,
    ))
}

/// Every recommender measured on `read` (what `selected` describes): the string
/// matcher and the tagger cross-validated with `folds` folds and on their training
/// data — with `trained`, the two already trained on all of `read`, instead of
/// training them again — then the sources of suggestions kept in the project.
pub(crate) fn measure(
    project: &Project,
    registry: &Registry,
    read: &[DoneDocument],
    selected: &Selected,
    folds: usize,
    trained: Option<(&StringMatcher, &Tagger)>,
) -> ProjectEvaluation {
    let examples = examples_of(read);
    let schema = project.schema();
    let labels: Vec<String> = schema.labels.iter().map(|l| l.name.clone()).collect();
    let strings = || StringMatcher::new(schema, registry);
    let tagger = || Tagger::new(schema, registry);
    let mut evaluations = Vec::new();
    let cross = cross_validate(strings, &examples, folds, &labels);
    let not_cross_validated = cross.is_none().then(|| {
        "one done document is too few to hold any out; mark more documents done".to_owned()
    });
    evaluations.extend(cross);
    evaluations.push(match trained {
        Some((s, _)) => on_its_training_data(s, &examples, &labels),
        None => on_training_data(strings, &examples, &labels),
    });
    evaluations.extend(cross_validate(tagger, &examples, folds, &labels));
    evaluations.push(match trained {
        Some((_, t)) => on_its_training_data(t, &examples, &labels),
        None => on_training_data(tagger, &examples, &labels),
    });
    evaluations.extend(super::stored::evaluate_stored(project, &examples, &labels));
    ProjectEvaluation {
        source: selected.sources.join(", "),
        documents: read.len(),
        evaluations,
        not_cross_validated,
        read: selected.to_string(),
        unreadable: selected.unreadable.clone(),
    }
}

/// A done document and its annotations, one set a source.
pub(crate) type DoneDocument = (Document, Vec<Annotations>);

/// The examples a recommender learns from, borrowing what was read.
pub(crate) fn examples_of(read: &[DoneDocument]) -> Vec<Example<'_>> {
    read.iter()
        .map(|(document, annotations)| Example {
            document,
            annotations,
        })
        .collect()
}

/// The done documents of `source` in `project`, with their annotations (one set a
/// source), and what was read and passed over; none done is refused.
fn read_done(
    project: &Project,
    source: &Source,
    takes: Takes,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Vec<DoneDocument>, Selected), SuggestError> {
    let sources = resolve_sources(project, source, takes, "suggest")?;
    let selection = Selection {
        source: source.clone(),
        status: StatusFilter::Done,
        ..Selection::default()
    };
    let mut read: Vec<DoneDocument> = Vec::new();
    let selected = for_each_document::<Infallible>(
        project,
        &selection,
        sources,
        progress,
        |document, sets| {
            read.push((document.clone(), sets));
            Ok(())
        },
    )
    .unwrap_or_else(|never| match never {});
    if read.is_empty() {
        return Err(SuggestError::NothingDone {
            read: selected.to_string(),
        });
    }
    Ok((read, selected))
}

/// Everyone's done work as read: what the window learns from.
pub(crate) enum Everyones {
    /// The done documents of gold and every annotator, each with its sets, and what
    /// was read.
    Done(Vec<DoneDocument>, Selected),
    /// Why there is none, in a sentence: no error, as a project starts so.
    Nothing(String),
}

impl Everyones {
    /// The documents read; none for [`Everyones::Nothing`].
    pub(crate) fn read(&self) -> &[DoneDocument] {
        match self {
            Everyones::Done(read, _) => read,
            Everyones::Nothing(_) => &[],
        }
    }
}

/// Reads the done documents of gold and every annotator, once.
pub(crate) fn read_everyones_done(
    project: &Project,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Everyones, SuggestError> {
    match read_done(project, &Source::All, Takes::Many, progress) {
        Ok((read, selected)) => Ok(Everyones::Done(read, selected)),
        Err(none @ (SuggestError::NothingDone { .. } | SuggestError::NoAnnotations)) => {
            Ok(Everyones::Nothing(none.to_string()))
        }
        Err(err) => Err(err),
    }
}

impl ProjectEvaluation {
    /// The table `claimspan suggest --evaluate` prints: a row per recommender, way of
    /// measuring and label, then all labels together.
    pub fn to_table(&self) -> String {
        let mut rows = vec![COLUMNS.map(str::to_owned)];
        for e in &self.evaluations {
            for scores in e.labels.iter().chain([&e.overall]) {
                rows.push(cells(e, scores));
            }
        }
        let widths: Vec<usize> = (0..rows[0].len())
            .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for r in &rows {
            let cells: Vec<String> = r
                .iter()
                .zip(&widths)
                .map(|(cell, w)| format!("{cell:<w$}"))
                .collect();
            let _ = writeln!(out, "{}", cells.join("  ").trim_end());
        }
        let documents = match self.documents {
            1 => "1 done document".to_owned(),
            n => format!("{n} done documents"),
        };
        let _ = writeln!(
            out,
            "{documents} ({}); P: suggestions that were annotated, R: annotated spans that were suggested, exact start, end and label",
            self.source
        );
        if let Some(why) = &self.not_cross_validated {
            let _ = writeln!(out, "not cross-validated: {why}");
        }
        out
    }
}

/// The columns of the evaluation table, in the command line's words and the window's.
pub const COLUMNS: [&str; 10] = [
    "recommender",
    "evaluated",
    "label",
    "P",
    "R",
    "F1",
    "matched",
    "suggested",
    "annotated",
    "learned from",
];

/// One row of the table: `e`'s scores `s` (a label's, or all labels'), as
/// [`COLUMNS`] name them.
pub fn cells(e: &Evaluation, s: &Scores) -> [String; 10] {
    let number = |x: Option<f64>| x.map_or("—".to_owned(), |x| format!("{x:.3}"));
    let min = e.learned_from.iter().min().copied().unwrap_or(0);
    let max = e.learned_from.iter().max().copied().unwrap_or(0);
    let learned = match (min, max) {
        _ if e.learned_from.is_empty() => "made elsewhere".to_owned(),
        (1, 1) => "1 document".to_owned(),
        (a, b) if a == b => format!("{a} documents"),
        (a, b) => format!("{a}–{b} documents"),
    };
    [
        e.recommender.clone(),
        e.evaluated.describe(),
        s.label.clone(),
        number(s.precision),
        number(s.recall),
        number(s.f1),
        s.matched.to_string(),
        s.suggested.to_string(),
        s.annotated.to_string(),
        learned,
    ]
}
