//! Import and export of outside formats: article text files (single stories and
//! scraped files of several), folders of them, JSONL, the files of peer annotation
//! tools (doccano, Label Studio, brat); every export: training data, the statements
//! table and the networks, all reading the project through one selection
//! ([`select`]).

pub mod annotator_folders;
mod as_suggestions;
pub mod error;
pub mod export;
pub mod import;
pub mod jsonl;
mod jsonl_import;
pub mod peer;
pub mod request;
pub mod select;
pub mod statements;
pub mod text_file;
pub mod units;
pub mod wire;
pub mod xml;

pub use error::{ExportError, ImportError, SelectError};
pub use export::{ExportFormat, ExportOptions, ExportReport, SplitSpec, export, is_stream};
pub use import::{
    Counted, ImportOptions, ImportReport, NewLabels, Outcome, import_paths, import_paths_with,
};
pub use request::{ExportDone, ExportFailed, ExportKind, ExportRequest, date_window, run_export};
pub use select::{DateWindow, IsoDate, Selected, Selection, Source, StatusFilter};
pub use units::OffsetUnit;
