//! What can go wrong when statements are read from a project and written out.

use crate::store::{RegistryFileError, StoreError};
use std::io;
use std::path::PathBuf;
use thiserror::Error;

/// An error of a statements table or network export. Each message says what to do.
#[derive(Debug, Error)]
pub enum StatementsError {
    /// Reading the project or writing the output failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `entities.ron` could not be read.
    #[error(transparent)]
    Registry(#[from] RegistryFileError),
    /// A date that is not `YYYY-MM-DD`.
    #[error("“{given}” is not a date; give it as YYYY-MM-DD, for example 2018-06-14")]
    BadDate {
        /// The text given.
        given: String,
    },
    /// A window whose start is after its end.
    #[error("the dates run from {from} to {to}, which is backwards; swap --from and --to")]
    BackwardsDates {
        /// The start given.
        from: String,
        /// The end given.
        to: String,
    },
    /// The project has no annotations at all.
    #[error("{} has no annotations yet; annotate some documents first", root.display())]
    NothingAnnotated {
        /// The project folder.
        root: PathBuf,
    },
    /// No annotator was named and the project has several and no gold.
    #[error("{} has no gold annotations and {} annotators ({}); name one with --source", root.display(), annotators.len(), annotators.join(", "))]
    NoDefaultSource {
        /// The project folder.
        root: PathBuf,
        /// The annotators there are.
        annotators: Vec<String>,
    },
    /// The named annotator has no annotations in the project.
    #[error("{} has no annotations by “{name}”; {}", root.display(), describe_choice(annotators))]
    NoSuchAnnotator {
        /// The project folder.
        root: PathBuf,
        /// The name given.
        name: String,
        /// The annotators there are.
        annotators: Vec<String>,
    },
    /// All annotators at once for a network, which would count each statement as
    /// often as it was annotated.
    #[error(
        "a network counts each statement once, so it is built from one annotator or gold, not all; name one with --source"
    )]
    AllAnnotatorsInNetwork,
    /// The output is a place where the project keeps its own data.
    #[error(transparent)]
    Refused(#[from] crate::formats::ExportError),
    /// Writing to the output failed.
    #[error("could not write the export: {0}")]
    Output(#[from] io::Error),
}

fn describe_choice(annotators: &[String]) -> String {
    if annotators.is_empty() {
        "nobody has annotated yet".to_owned()
    } else {
        format!("use one of {} or gold", annotators.join(", "))
    }
}
