//! Import and export of outside formats: article text files (single stories and
//! scraped files of several), folders of them, JSONL, the files of peer annotation
//! tools (doccano, Label Studio, brat), and training-data exports.

pub mod annotator_folders;
pub mod error;
pub mod export;
pub mod import;
pub mod jsonl;
mod jsonl_import;
pub mod peer;
pub mod text_file;
pub mod units;
pub mod wire;
pub mod xml;

pub use error::{ExportError, ImportError};
pub use export::{
    ExportFormat, ExportOptions, ExportReport, Source, SplitSpec, StatusFilter, export,
};
pub use import::{
    Counted, ImportOptions, ImportReport, NewLabels, Outcome, import_paths, import_paths_with,
};
pub use units::OffsetUnit;
