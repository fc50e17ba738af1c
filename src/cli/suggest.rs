//! `claimspan suggest`: what the project's own annotations would suggest, and how
//! well, measured by cross-validation.

use super::with_progress;
use crate::formats::Source;
use crate::model::AnnotatorName;
use crate::store::Project;
use crate::suggest::{EvaluateRequest, evaluate_project, precompute as precompute_for};
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

/// `claimspan suggest --annotator NAME`: the recommenders' suggestions for the
/// documents NAME has not marked done, kept in the project, and a line saying what
/// was written.
pub(super) fn precompute(
    out: &mut impl Write,
    dir: &Path,
    annotator: &str,
) -> anyhow::Result<ExitCode> {
    let annotator = AnnotatorName::new(annotator).context("--annotator")?;
    let _lock = super::lock(dir, "claimspan suggest")?;
    let project = Project::open(dir)?;
    for problem in project.unreadable() {
        say!("warning: left out: {problem}");
    }
    let made = with_progress("suggesting", |progress| {
        precompute_for(&project, &annotator, progress)
    })?;
    for problem in &made.unreadable {
        say!("warning: left out: {problem}");
    }
    for (recommender, count) in &made.written {
        writeln!(
            out,
            "{recommender}: {count} suggestions in {} documents {annotator} has not marked done, kept in {}",
            made.documents,
            project
                .root()
                .join(crate::store::SUGGESTIONS)
                .join(recommender)
                .display()
        )?;
    }
    writeln!(
        out,
        "{} done documents passed over. The window offers them; `claimspan agree --annotators suggest:{},gold` compares them with gold.",
        made.done,
        made.written.first().map_or("strings", |(r, _)| r.as_str())
    )?;
    Ok(
        if made.unreadable.is_empty() && project.unreadable().is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}
