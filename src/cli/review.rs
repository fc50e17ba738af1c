//! The review commands of the command line: `agree` and `merge`.

use super::{lock, names};
use crate::model::{AnnotatorName, DocumentId};
use crate::review::{MergeCounts, agree_project, check_minimum, merge_project, select};
use crate::store::{Counted, Project};
use crate::terminal::TerminalSafe;
use std::io::Write;
use std::process::ExitCode;

/// `claimspan agree`: the agreement table (or JSON) of the chosen annotators.
pub(super) fn agree(
    out: &mut impl Write,
    dir: &std::path::Path,
    annotators: Option<Vec<String>>,
    docs: Option<Vec<String>>,
    counted: Counted,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let annotators = annotators
        .map(|a| names("--annotators", &a, AnnotatorName::to_compare))
        .transpose()?;
    let docs = docs
        .map(|d| names("--docs", &d, DocumentId::new))
        .transpose()?;
    let project = Project::open(dir)?;
    for problem in project.unreadable() {
        say!("warning: left out: {problem}");
    }
    // Statements match by entity and category; without a readable registry their
    // texts stand in, as they do for spans without an assignment.
    let registry = match project.load_registry() {
        Ok(loaded) => loaded.registry,
        Err(err) => {
            say!("warning: {err}; statements are matched by their texts");
            Default::default()
        }
    };
    let report = agree_project(
        &project,
        &registry,
        annotators.as_deref(),
        docs.as_deref(),
        counted,
    )?;
    let table = report.to_table();
    super::print_report(out, &report, table, json, &report.unreadable, &project)
}

/// `claimspan merge`: annotators' work into gold, a line per document.
pub(super) fn merge(
    out: &mut impl Write,
    dir: &std::path::Path,
    annotators: &[String],
    min: Option<usize>,
) -> anyhow::Result<ExitCode> {
    let annotators = names("--annotators", annotators, AnnotatorName::new)?;
    let _lock = lock(dir, "claimspan merge")?;
    let mut project = Project::open(dir)?;
    for problem in project.unreadable() {
        say!("warning: left out: {problem}");
    }
    let selection = select(
        &project.annotation_index(),
        Some(&annotators),
        None,
        1,
        false,
    )?;
    let chosen = selection.annotators.len();
    let min = min.unwrap_or(chosen / 2 + 1);
    check_minimum(min, chosen)?;
    let outcomes = merge_project(&project, &selection, min)?;
    let (mut accepted, mut disagreements, mut failed, mut merged) = (0, 0, 0, 0);
    let mut left_out = crate::model::LeftOut::default();
    for (id, outcome) in &outcomes {
        match outcome {
            Ok(counts) => {
                project.note_gold(id);
                merged += 1;
                accepted += counts.accepted;
                disagreements += counts.disagreements;
                left_out.absorb(&counts.left_out);
                writeln!(out, "{}", merge_line(id, counts))?;
            }
            Err(err) => {
                failed += 1;
                say!("claimspan: {id} not merged: {err}");
            }
        }
    }
    writeln!(
        out,
        "Merged {merged} {} of {} (at least {min} alike): {accepted} spans accepted, {disagreements} disagreements to review{}",
        if merged == 1 { "document" } else { "documents" },
        selection
            .annotators
            .iter()
            .map(AnnotatorName::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        if failed > 0 {
            format!(", {failed} not merged")
        } else {
            String::new()
        }
    )?;
    for (reason, n) in left_out.iter() {
        writeln!(out, "Left out: {n} {}", reason.describe())?;
    }
    // One rule for every command that reads the project: what could not be read is
    // named, the rest is done, and the exit status says it was not all.
    Ok(if failed > 0 || !project.unreadable().is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One document's line of `claimspan merge`: what was accepted and what waits.
fn merge_line(id: &DocumentId, counts: &MergeCounts) -> String {
    let mut line = format!(
        "{id}  accepted {}  disagreements {}",
        counts.accepted, counts.disagreements
    );
    for (n, what) in [
        (counts.settled, "settled before"),
        (counts.by_hand, "kept by hand"),
        (counts.overruled, "left out as overruled"),
        (counts.left_out.spans(), "left out"),
        (counts.kept_unusable, "unplaced in gold"),
    ] {
        if n > 0 {
            line.push_str(&format!("  {what} {n}"));
        }
    }
    line
}
