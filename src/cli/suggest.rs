//! `claimspan suggest`: what the project's own annotations would suggest, and how
//! well, measured by cross-validation.

use super::with_progress;
use crate::formats::Source;
use crate::model::AnnotatorName;
use crate::store::Project;
use crate::suggest::{EvaluateRequest, evaluate_project};
use crate::terminal::TerminalSafe;
use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `claimspan suggest --evaluate`: the table (or JSON) of every recommender's
/// precision, recall and F1, cross-validated and on training data.
pub(super) fn suggest(
    out: &mut impl Write,
    dir: &Path,
    annotator: Option<String>,
    gold: bool,
    folds: usize,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let source = match annotator {
        Some(name) => Source::Annotator(AnnotatorName::new(&name).context("--annotator")?),
        None if gold => Source::Gold,
        None => Source::Auto,
    };
    let project = Project::open(dir)?;
    for problem in project.unreadable() {
        say!("warning: left out: {problem}");
    }
    let request = EvaluateRequest { source, folds };
    let report = with_progress("reading", |progress| {
        evaluate_project(&project, &request, progress)
    })?;
    let table = report.to_table();
    super::print_report(out, &report, table, json, &report.unreadable, &project)
}
