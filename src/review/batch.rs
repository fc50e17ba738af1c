//! Agreement and merge over many documents at once, on one thread per core.
//!
//! Reading and writing are passed in as functions (the command line passes the
//! store's), so this stays free of files while still overlapping the reading of one
//! document with the counting of another.

use super::Gold;
use super::agreement::{Agreement, AgreementReport};
use super::error::ReviewError;
use super::merge::merge;
use super::select::{Selection, select};
use crate::model::{Annotations, AnnotatorName, DocumentId, LeftOut, Registry, Schema, Status};
use crate::store::gold::GoldWrites;
use crate::store::{Compared, Counted, IfOnDisk, Project, SaveError, StoreError, par_fold};
use std::fmt::Display;

/// Computes the agreement report over `selection`, reading each document with `load`
/// (its annotations in the order of `selection.annotators`, cut down to what may be
/// used as placed, as [`Project::load_compared`] does; what it left out is counted
/// in the report); labels come from the schema, and statements are matched by the
/// registry's entities and categories. A document that cannot be read is left out
/// and named in [`AgreementReport::unreadable`]; the others are counted.
pub fn agree_over<E: Send + Display>(
    selection: &Selection,
    schema: &Schema,
    registry: &Registry,
    load: impl Fn(&DocumentId) -> Result<Compared, E> + Sync,
) -> AgreementReport {
    let labels = schema.label_names();
    let parts = par_fold(
        &selection.documents,
        || {
            (
                Agreement::new(selection.annotators.clone(), &labels),
                Vec::new(),
            )
        },
        |(agreement, failed): &mut (Agreement, Vec<(DocumentId, String)>), (id, _)| match load(id) {
            Ok(compared) => {
                // A file with no span, link or status (an edit undone, an older
                // version's leftover, suggestions turned down alone) is not a
                // document the annotator coded.
                let refs: Vec<Option<&Annotations>> = compared
                    .refs()
                    .into_iter()
                    .map(|a| a.filter(|a| a.is_coded()))
                    .collect();
                agreement.count_left_out(&compared.all_left_out());
                agreement.add(id, compared.document.text(), &refs);
                agreement.add_statements(&refs, schema, registry);
            }
            Err(err) => failed.push((id.clone(), err.to_string())),
        },
    );
    let mut agreements = Vec::with_capacity(parts.len());
    let mut unreadable = Vec::new();
    for (agreement, failed) in parts {
        agreements.push(agreement);
        unreadable.extend(failed);
    }
    unreadable.sort();
    let mut report = Agreement::combine(agreements)
        .unwrap_or_else(|| Agreement::new(selection.annotators.clone(), &labels))
        .report();
    report.unreadable = unreadable
        .into_iter()
        .map(|(id, err)| format!("{id}: {err}"))
        .collect();
    report
}

/// Why a project's agreement could not be measured.
#[derive(Debug, thiserror::Error)]
pub enum ProjectAgreementError {
    /// Fewer than two annotators, or unknown ones, or no shared documents.
    #[error(transparent)]
    Select(#[from] ReviewError),
}

/// The `agree` report over a project, read through its store: the chosen annotators
/// (all by default) over the chosen documents (by default every one at least two of
/// them annotated, an annotator's documents being those `counted` takes). Statements
/// are matched by `registry`'s entities and categories. Documents that cannot be read
/// are named in the report's `unreadable`.
pub fn agree_project(
    project: &Project,
    registry: &Registry,
    annotators: Option<&[AnnotatorName]>,
    documents: Option<&[DocumentId]>,
    counted: Counted,
) -> Result<AgreementReport, ProjectAgreementError> {
    let index = project.compare_index(counted, annotators);
    let selection = select(&index, annotators, documents, 2, true)?;
    Ok(agree_over(&selection, project.schema(), registry, |id| {
        project.load_compared(id, &selection.annotators)
    }))
}

/// What merging one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeCounts {
    /// Spans accepted.
    pub accepted: usize,
    /// Disagreements left for a reviewer.
    pub disagreements: usize,
    /// Disagreements settled before and found again.
    pub settled: usize,
    /// Spans adjudicated by hand, kept.
    pub by_hand: usize,
    /// Shared spans a reviewer had taken out of gold, left out.
    pub overruled: usize,
    /// The annotators' spans and links left out because they cannot be used as
    /// placed (see [`crate::model::LeftOutReason::describe`]); none of them is in gold.
    pub left_out: LeftOut,
    /// Hand-made gold spans that cannot be used as placed, kept in the gold file as
    /// they were for a person to place.
    pub kept_unusable: usize,
}

/// Each document's merge outcome, in id order.
pub type MergeOutcomes<E> = Vec<(DocumentId, Result<MergeCounts, E>)>;

/// A document's gold standard as loaded, with whatever the writer needs to know to
/// write it back safely (the file's stamp).
pub struct GoldInput<S> {
    /// The document and the annotators' annotations.
    pub compared: Compared,
    /// Its gold standard so far, if it has one.
    pub gold: Option<Gold>,
    /// Passed back to the writer.
    pub stamp: S,
}

/// Merges every document of `selection` into gold with at least `min` annotators
/// per accepted span: `load` reads a document (its annotations usable, as
/// [`Project::load_compared`] gives them) and its gold standard, `save` writes the
/// new gold standard, when it differs from the old one, through a per-thread writer
/// made by `writer`.
/// Returns the writers, to be finished, and each document's outcome in id order; a
/// document that fails does not stop the others.
pub fn merge_over<S, W: Send, E: Send>(
    selection: &Selection,
    schema: &Schema,
    min: usize,
    writer: impl Fn() -> W + Sync,
    load: impl Fn(&DocumentId) -> Result<GoldInput<S>, E> + Sync,
    save: impl Fn(&mut W, &Gold, S) -> Result<(), E> + Sync,
) -> (Vec<W>, MergeOutcomes<E>) {
    let parts = par_fold(
        &selection.documents,
        || (writer(), Vec::new()),
        |(w, outcomes): &mut (W, MergeOutcomes<E>), (id, _)| {
            let outcome = load(id).and_then(|input| {
                let present = input.compared.present();
                let document = &input.compared.document;
                let mut merged = merge(document, schema, &present, input.gold.as_ref(), min);
                let left_out = input.compared.all_left_out();
                if left_out.spans() > 0 {
                    // Annotators' spans wait to be placed: this gold is not finished.
                    merged.gold.annotations.status = Status::InProgress;
                }
                // An unchanged gold standard is not written again: a re-run after a
                // few annotators changed a few files rewrites only their documents.
                if input.gold.as_ref() != Some(&merged.gold) {
                    save(w, &merged.gold, input.stamp)?;
                }
                Ok(MergeCounts {
                    accepted: merged.accepted,
                    disagreements: merged.disagreements,
                    settled: merged.settled,
                    by_hand: merged.by_hand,
                    overruled: merged.overruled,
                    left_out,
                    kept_unusable: merged.kept_unusable,
                })
            });
            outcomes.push((id.clone(), outcome));
        },
    );
    let mut writers = Vec::with_capacity(parts.len());
    let mut outcomes = Vec::new();
    for (w, o) in parts {
        writers.push(w);
        outcomes.extend(o);
    }
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    (writers, outcomes)
}

/// `claimspan merge` over a project, read and written through its store: the
/// temporary files of killed merges are cleared from `gold/`, each document of
/// `selection` is merged with its gold file, the gold files that changed are written
/// (never over one that changed on disk since it was read: see
/// [`crate::store::gold::disk`] for how close to the write that is checked), and
/// every writer thread's files are made durable. Per-document failures are in the
/// outcomes; only failing to make the written files durable fails the whole.
pub fn merge_project(
    project: &Project,
    selection: &Selection,
    min: usize,
) -> Result<MergeOutcomes<SaveError>, StoreError> {
    project.clear_gold_leftovers();
    let (batches, outcomes) = merge_over(
        selection,
        project.schema(),
        min,
        GoldWrites::new,
        |id| -> Result<_, SaveError> {
            let compared = project.load_compared(id, &selection.annotators)?;
            let loaded = project.load_gold_review(&compared.document)?;
            Ok(GoldInput {
                gold: loaded.stamp.is_some().then_some(loaded.gold),
                stamp: loaded.stamp,
                compared,
            })
        },
        |batch, gold, stamp| project.write_gold_review(gold, IfOnDisk::Unchanged(stamp), batch),
    );
    for batch in batches {
        batch.finish()?;
    }
    Ok(outcomes)
}
