//! Why suggestions could not be evaluated, as sentences that say what to do.

use crate::formats::SelectError;
use crate::store::StoreError;
use crate::store::registry::RegistryFileError;
use std::io;
use std::path::PathBuf;
use thiserror::Error;

/// An evaluation refused, naming the file or the choice to make.
#[derive(Debug, Error)]
pub enum SuggestError {
    /// `entities.ron` could not be read; its message names the file and line.
    #[error("{0}; the registry's names are part of what is learnt, so fix the file first")]
    Registry(#[from] RegistryFileError),
    /// `--gold` but nothing was adjudicated.
    #[error(
        "the project has no gold annotations yet ({annotators}); learn from an annotator's with --annotator NAME"
    )]
    NoGold {
        /// The annotators there are.
        annotators: String,
    },
    /// `--annotator NAME` for someone without annotations.
    #[error(
        "“{name}” has no annotations in this project (annotators: {annotators}); choose one of them with --annotator NAME"
    )]
    UnknownAnnotator {
        /// The name asked for.
        name: String,
        /// The annotators there are.
        annotators: String,
    },
    /// Several annotators, no gold, no choice made.
    #[error(
        "the project has no gold annotations and several annotators ({annotators}); choose whose to learn from with --annotator NAME"
    )]
    ChooseSource {
        /// The annotators there are.
        annotators: String,
    },
    /// Nothing annotated at all.
    #[error(
        "the project has no annotations to learn from; annotate some documents and mark them done"
    )]
    NoAnnotations,
    /// Annotations, but none marked done.
    #[error(
        "no document is marked done, so there is nothing to learn from or measure against ({read}); mark finished documents done"
    )]
    NothingDone {
        /// What was read and skipped, as `Selected` says it.
        read: String,
    },
    /// Fewer than two folds asked for.
    #[error(
        "--folds {given}: cross-validation needs at least 2 folds (each document is held out once); give 2 or more"
    )]
    Folds {
        /// The number given.
        given: usize,
    },
    /// A project file could not be read or written (the message names it).
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Any other refusal of the selection (its message says what to do).
    #[error(transparent)]
    Select(SelectError),
    /// No tagger model has been saved in the project.
    #[error("{}: no tagger model is saved yet; train the tagger to make one", path.display())]
    NoModel {
        /// The file looked for.
        path: PathBuf,
    },
    /// The model file is there but could not be read.
    #[error("could not read the tagger model {}: {source}", path.display())]
    ModelRead {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The model file is not a whole tagger model.
    #[error(
        "{}: the saved tagger model is damaged ({why}); train the tagger again to replace it", path.display()
    )]
    ModelDamaged {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// The model file is of a format this claimspan does not read.
    #[error(
        "{}: the saved tagger model is format {found}, and this claimspan reads format {supported}; train the tagger again (or use the claimspan that saved it)", path.display()
    )]
    ModelVersion {
        /// The file.
        path: PathBuf,
        /// The format it says it is.
        found: u32,
        /// The format read here.
        supported: u32,
    },
    /// The model learnt a label the schema no longer has.
    #[error(
        "{}: the saved tagger model learnt the label “{label}”, which the schema no longer has; train the tagger again", path.display()
    )]
    ModelStale {
        /// The file.
        path: PathBuf,
        /// The label.
        label: String,
    },
    /// The model could not be written; the store's message names the file.
    #[error("the tagger model could not be saved: {0}")]
    ModelWrite(StoreError),
}

impl From<SelectError> for SuggestError {
    /// The selection's refusals, with the options of `claimspan suggest` named
    /// (`--annotator`, `--gold`) instead of export's `--source`.
    fn from(err: SelectError) -> Self {
        match err {
            SelectError::NoGold { annotators } => SuggestError::NoGold { annotators },
            SelectError::UnknownAnnotator { name, annotators } => {
                SuggestError::UnknownAnnotator { name, annotators }
            }
            SelectError::ChooseSource { annotators } => SuggestError::ChooseSource { annotators },
            SelectError::NoAnnotations => SuggestError::NoAnnotations,
            other => SuggestError::Select(other),
        }
    }
}
