//! What can go wrong when statements are read from a project and written out.

use crate::store::{RegistryFileError, StoreError};
use std::io;
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
    /// The choice of annotations or documents cannot be used.
    #[error(transparent)]
    Select(#[from] crate::formats::SelectError),
    /// The output is a place where the project keeps its own data.
    #[error(transparent)]
    Refused(#[from] crate::formats::ExportError),
    /// Network options that do not go together, with what to use instead.
    #[error("{0}")]
    Options(String),
    /// Writing to the output failed.
    #[error("could not write the export: {0}")]
    Output(#[from] io::Error),
}
