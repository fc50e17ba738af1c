//! Why a file, or one record of it, could not be imported.

use crate::model::{EditError, NameError, text::NotUtf8};
use crate::store::StoreError;
use std::io;
use std::path::PathBuf;
use thiserror::Error;

/// An import refused, naming the file, the place and the fix.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read at all.
    #[error("could not read {}: {source}; check that it exists and that you may read it", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The file is not UTF-8.
    #[error("{}: {source}", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The first bad byte.
        source: NotUtf8,
    },
    /// Nothing but white space.
    #[error("{} is empty; there is nothing to import", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// NUL bytes: an image, archive or other binary file.
    #[error("{} is a binary file (it has NUL bytes at byte {offset}), not an article; import .txt, .md or .jsonl files", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// The first NUL byte.
        offset: usize,
    },
    /// A JSONL line that is not a JSON object.
    #[error("{}:{line}: this line is not a JSON object ({message}); fix or remove the line", path.display())]
    JsonLine {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What the JSON parser said.
        message: String,
    },
    /// A JSONL field of the wrong shape.
    #[error("{}:{line}: {message}", path.display())]
    JsonField {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// A JSONL span that does not fit the text or the schema.
    #[error("{}:{line}: span {index}: {source}; the line was not imported", path.display())]
    Span {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// The span's place in the line's `spans`, from 1.
        index: usize,
        /// What is wrong.
        source: EditError,
    },
    /// A JSONL id that is not a safe file name.
    #[error("{}:{line}: {source}", path.display())]
    Id {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What is wrong with the id.
        source: NameError,
    },
    /// The project refused (an id taken, a write failed).
    #[error("{}: {source}", path.display())]
    Store {
        /// The file being imported.
        path: PathBuf,
        /// What the project said.
        source: StoreError,
    },
}
