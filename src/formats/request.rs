//! Every export behind one call: `claimspan export` and the window's Export… form
//! both describe what they want as an [`ExportRequest`] and hand it to
//! [`run_export`], so the two offer the same formats with the same choices.

use super::error::{ExportError, SelectError};
use super::export::{ExportFormat, ExportOptions, ExportReport, SplitSpec, export};
use super::select::{DateWindow, NOT_DONE, Selection};
use super::statements::{
    NetworkOptions, NetworkReport, StatementsError, TableReport, export_network,
    export_statements_table,
};
use super::units::OffsetUnit;
use crate::store::Project;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use thiserror::Error;

/// What an export writes: training data in a format, the statements table, or the
/// network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportKind {
    /// One of the training-data formats.
    Data(ExportFormat),
    /// The statements table (CSV): who takes which stance on which claim.
    Statements,
    /// The actor–category network (GraphML).
    Network,
}

impl ExportKind {
    /// Every export, training data first, in the order menus list them.
    pub const ALL: [ExportKind; 9] = [
        ExportKind::Data(ExportFormat::Jsonl),
        ExportKind::Data(ExportFormat::Conll),
        ExportKind::Data(ExportFormat::Brat),
        ExportKind::Data(ExportFormat::LabelStudio),
        ExportKind::Data(ExportFormat::Doccano),
        ExportKind::Data(ExportFormat::Hf),
        ExportKind::Data(ExportFormat::Spacy),
        ExportKind::Statements,
        ExportKind::Network,
    ];

    /// The name on the command line (`--format`).
    pub fn name(self) -> &'static str {
        match self {
            ExportKind::Data(format) => format.name(),
            ExportKind::Statements => "statements",
            ExportKind::Network => "network",
        }
    }

    /// The training-data format, if it is one.
    pub fn format(self) -> Option<ExportFormat> {
        match self {
            ExportKind::Data(format) => Some(format),
            ExportKind::Statements | ExportKind::Network => None,
        }
    }

    /// True when the export writes a folder rather than one file (without a split).
    pub fn writes_folder(self) -> bool {
        matches!(
            self,
            ExportKind::Data(ExportFormat::Brat) | ExportKind::Data(ExportFormat::Hf)
        )
    }
}

impl fmt::Display for ExportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ExportKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "statements" => Ok(ExportKind::Statements),
            "network" => Ok(ExportKind::Network),
            other => other.parse().map(ExportKind::Data).map_err(|_| {
                format!(
                    "“{other}” is not an export format; use one of {}",
                    ExportKind::ALL.map(ExportKind::name).join(", ")
                )
            }),
        }
    }
}

/// Everything an export is asked to do, whatever it writes. Choices a kind of export
/// has no use for (a split for the network, a network mode for CoNLL) are ignored.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// What to write.
    pub kind: ExportKind,
    /// The file (or, for brat, hf and split exports, the folder) to write.
    pub out: PathBuf,
    /// Whose annotations and which documents.
    pub selection: Selection,
    /// Training data: only spans of these labels; all labels when `None`.
    pub labels: Option<Vec<String>>,
    /// Training data: train/dev/test fractions; `hf` uses 80/10/10 when none are given.
    pub split: Option<SplitSpec>,
    /// Training data: the seed of the split.
    pub seed: u64,
    /// Training data: the offset unit; the format's own when `None`.
    pub offsets: Option<OffsetUnit>,
    /// CoNLL and hf: one tag column for all labels instead of one per label.
    pub flat: bool,
    /// The network: mode, nodes, qualifier, normalisation, duplicates.
    pub network: NetworkOptions,
}

impl ExportRequest {
    /// A request for `kind` into `out` with every other choice at its default.
    pub fn new(kind: ExportKind, out: impl Into<PathBuf>) -> Self {
        Self {
            kind,
            out: out.into(),
            selection: Selection::default(),
            labels: None,
            split: None,
            seed: 0,
            offsets: None,
            flat: false,
            network: NetworkOptions::default(),
        }
    }

    /// The options of a training-data export in `format`.
    pub fn data_options(&self, format: ExportFormat) -> ExportOptions {
        ExportOptions {
            format,
            out: self.out.clone(),
            selection: self.selection.clone(),
            labels: self.labels.clone(),
            split: self.split.clone(),
            seed: self.seed,
            offsets: self.offsets,
            flat: self.flat,
        }
    }
}

/// What an export wrote.
#[derive(Debug)]
pub enum ExportDone {
    /// Training data.
    Data(ExportReport),
    /// The statements table.
    Statements(TableReport),
    /// The network.
    Network(NetworkReport),
}

impl ExportDone {
    /// True when every file the export should have read was read; an incomplete
    /// export still wrote the rest, and the command line exits 1.
    pub fn is_complete(&self) -> bool {
        match self {
            ExportDone::Data(report) => report.is_complete(),
            ExportDone::Statements(report) => report.selected.is_complete(),
            ExportDone::Network(report) => report.selected.is_complete(),
        }
    }

    /// How many sets of annotations were passed over as not marked done, which the
    /// caller may offer to take too.
    pub fn not_done(&self) -> usize {
        let selected = match self {
            ExportDone::Data(report) => return report.skipped.get(NOT_DONE),
            ExportDone::Statements(report) => &report.selected,
            ExportDone::Network(report) => &report.selected,
        };
        selected.skipped.get(NOT_DONE).copied().unwrap_or(0)
    }

    /// One sentence for a status bar: what was written, from how many documents.
    pub fn summary(&self) -> String {
        match self {
            ExportDone::Data(report) => format!(
                "Exported {} documents and {} spans",
                report.documents, report.spans
            ),
            ExportDone::Statements(report) => format!(
                "Wrote {} statements from {} documents",
                report.rows, report.selected.documents
            ),
            ExportDone::Network(report) => format!(
                "Wrote the {}: {} nodes, {} edges from {} documents",
                report.options, report.nodes, report.edges, report.selected.documents
            ),
        }
    }
}

impl fmt::Display for ExportDone {
    /// The whole report, as `claimspan export` prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportDone::Data(report) => write!(f, "{report}"),
            ExportDone::Statements(report) => writeln!(f, "{report}"),
            ExportDone::Network(report) => writeln!(f, "{report}"),
        }
    }
}

/// An export that could not be done, whichever kind it was.
#[derive(Debug, Error)]
pub enum ExportFailed {
    /// A training-data export.
    #[error(transparent)]
    Data(#[from] ExportError),
    /// The statements table or the network.
    #[error(transparent)]
    Statements(#[from] StatementsError),
}

impl ExportFailed {
    /// The choice of annotations or documents that could not be used, if that is
    /// what failed: the window names its own fields for these.
    pub fn selection(&self) -> Option<&SelectError> {
        match self {
            ExportFailed::Data(ExportError::Select(err))
            | ExportFailed::Statements(StatementsError::Select(err)) => Some(err),
            _ => None,
        }
    }
}

/// Runs the export `request` describes on `project`, calling `progress(done,
/// total)` after each document. Nothing in the project is written.
pub fn run_export(
    project: &Project,
    request: &ExportRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExportDone, ExportFailed> {
    Ok(match request.kind {
        ExportKind::Data(format) => {
            ExportDone::Data(export(project, &request.data_options(format), progress)?)
        }
        ExportKind::Statements => ExportDone::Statements(export_statements_table(
            project,
            &request.selection,
            &request.out,
            progress,
        )?),
        ExportKind::Network => ExportDone::Network(export_network(
            project,
            &request.selection,
            &request.network,
            &request.out,
            progress,
        )?),
    })
}

/// The date window from `--from` and `--to` (or the form's fields) as typed; an
/// empty text is an open end.
pub fn date_window(from: Option<&str>, to: Option<&str>) -> Result<DateWindow, SelectError> {
    fn given(text: Option<&str>) -> Option<&str> {
        text.map(str::trim).filter(|t| !t.is_empty())
    }
    DateWindow::new(given(from), given(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in ExportKind::ALL {
            assert_eq!(kind.name().parse::<ExportKind>(), Ok(kind));
        }
        let err = "csv".parse::<ExportKind>().unwrap_err();
        assert!(err.contains("spacy, statements, network"), "{err}");
    }

    #[test]
    fn empty_date_fields_are_open_ends() {
        assert!(date_window(Some(" "), None).unwrap().is_open());
        let window = date_window(Some("2018-06-14"), Some("")).unwrap();
        assert!(!window.is_open());
        assert!(date_window(Some("June"), None).is_err());
    }
}
