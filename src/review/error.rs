//! What can go wrong when choosing what to compare, merging, or adjudicating; each
//! message names the annotators or document concerned and what to do.

use crate::model::EditError;
use thiserror::Error;

/// An error of the review layer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReviewError {
    /// Fewer than two annotators to compare.
    #[error(
        "agreement needs at least two annotators, but the project has {found}; have a second person annotate the same articles (annotations/<name>/)"
    )]
    TooFewAnnotators {
        /// The annotators there are, described (“only alice”, “none”).
        found: String,
    },
    /// `--annotators` names someone without an annotations folder.
    #[error(
        "there is no annotator “{name}” in the project (annotators: {known}); check the spelling in --annotators"
    )]
    UnknownAnnotator {
        /// The name asked for.
        name: String,
        /// The annotators there are, comma separated.
        known: String,
    },
    /// The chosen annotators have not annotated enough documents in common.
    #[error(
        "no document is annotated by {wanted} ({have}); choose annotators who share documents with --annotators, or have them annotate the same articles"
    )]
    NoSharedDocuments {
        /// What was needed: “both alice and bob”, “at least two of alice, bob, carol”.
        wanted: String,
        /// Each annotator with their number of documents.
        have: String,
    },
    /// `--docs` names a document the chosen annotators did not annotate enough.
    #[error(
        "document “{document}” is annotated by {have}, not by {wanted}; leave it out of --docs or choose other --annotators"
    )]
    DocumentNotShared {
        /// The document.
        document: String,
        /// Who annotated it (“only alice”, “none of them”).
        have: String,
        /// What was needed.
        wanted: String,
    },
    /// `--min` is out of range.
    #[error(
        "--min {min} does not fit {annotators} chosen annotators; give a number from 1 to {annotators}"
    )]
    BadMinimum {
        /// The number given.
        min: usize,
        /// How many annotators were chosen.
        annotators: usize,
    },
    /// An adjudication names a disagreement the gold standard does not have.
    #[error(
        "document “{document}” has no disagreement number {index} (it has {count}); reload the document's gold standard"
    )]
    NoSuchDisagreement {
        /// The document.
        document: String,
        /// The index asked for.
        index: usize,
        /// How many there are.
        count: usize,
    },
    /// Two accepted candidates would tag one place with one label.
    #[error(
        "in document “{document}”, candidates {first} and {second} tag the same place with the same label and differ only in attributes; accept one of them"
    )]
    Clash {
        /// The document.
        document: String,
        /// One candidate's index.
        first: usize,
        /// The other's.
        second: usize,
    },
    /// A candidate cannot go into gold as it is.
    #[error("in document “{document}”, candidate {index} cannot go into gold: {source}")]
    Candidate {
        /// The document.
        document: String,
        /// The candidate's index.
        index: usize,
        /// Why.
        source: EditError,
    },
    /// An adjudication names a candidate the disagreement does not have.
    #[error(
        "in document “{document}”, the disagreement has no candidate {index} (it has {count}); choose one of those shown"
    )]
    NoSuchCandidate {
        /// The document.
        document: String,
        /// The index asked for.
        index: usize,
        /// How many there are.
        count: usize,
    },
    /// Every span id from 1 to `u32::MAX` is taken, so no new span can get one.
    #[error(
        "the gold standard of document “{document}” uses every span id there is; remove spans from gold/{document}.ron before adding more"
    )]
    IdsUsedUp {
        /// The document.
        document: String,
    },
    /// An edit of the gold spans could not be applied.
    #[error("in the gold standard of document “{document}”: {source}")]
    Edit {
        /// The document.
        document: String,
        /// Why.
        source: EditError,
    },
}
