//! Import and export of outside formats. So far: article text files (single stories
//! and scraped files of several), folders of them, and JSONL with optional spans.

pub mod error;
pub mod import;
pub mod jsonl;
pub mod text_file;
pub mod wire;

pub use error::ImportError;
pub use import::{ImportOptions, ImportReport, Outcome, import_paths};
