//! The data commands of the command line: `import` and `export`.

use super::{lock, with_progress};
use crate::formats::{ImportOptions, NewLabels, Outcome, import_paths_with, run_export};
use crate::model::{AnnotatorName, Status};
use crate::store::Project;
use crate::terminal::TerminalSafe;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `claimspan import`: files and folders into the project, a line per file, the
/// refused ones on stderr.
pub(super) fn import(
    out: &mut impl Write,
    dir: &Path,
    paths: &[PathBuf],
    annotator: Option<String>,
    suggestions_from: Option<String>,
    add_labels: bool,
    status: Option<Status>,
) -> anyhow::Result<ExitCode> {
    let options = match suggestions_from {
        Some(from) => ImportOptions::as_suggestions(&from).context("--from")?,
        None => ImportOptions {
            annotator: annotator
                .map(|a| AnnotatorName::new(&a))
                .transpose()
                .context("--annotator")?,
            status,
            suggestions: None,
        },
    };
    let _lock = lock(dir, "claimspan import")?;
    let mut project = Project::open(dir)?;
    if let Some(annotator) = options
        .annotator
        .as_ref()
        .filter(|_| options.suggestions.is_none())
    {
        project.check_annotator(annotator)?;
    }
    let labels = if add_labels {
        NewLabels::Add
    } else {
        NewLabels::Refuse
    };
    let report = with_progress("importing", |progress| {
        import_paths_with(&mut project, paths, &options, labels, progress)
    })?;
    // What was refused goes to stderr, as every error does: a script that keeps
    // stdout as the record of what went in still sees what did not.
    for outcome in &report.outcomes {
        if matches!(outcome, Outcome::Refused(_)) {
            out.flush()?;
            say!("{outcome}");
        } else {
            writeln!(out, "{outcome}")?;
        }
    }
    writeln!(out, "{}", report.summary())?;
    Ok(if report.refused() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `claimspan export`: any export, through the same call as the window's form.
pub(super) fn export(out: &mut impl Write, args: super::ExportArgs) -> anyhow::Result<ExitCode> {
    let project = Project::open(&args.dir)?;
    for problem in project.unreadable() {
        say!("warning: left out: {problem}");
    }
    let request = args.request()?;
    let done = with_progress("exporting", |progress| {
        run_export(&project, &request, progress)
    })?;
    let mut summary = format!("{done}");
    if done.not_done() > 0 {
        summary.push_str("(those not marked done are exported with --status all)\n");
    }
    // Exported into a stream (`--out /dev/stdout`, a pipe), the data may be going
    // where our own output goes: the summary goes to stderr, apart from it.
    if crate::formats::is_stream(&request.out) {
        eprint!("{summary}");
    } else {
        write!(out, "{summary}")?;
    }
    let complete = done.is_complete();
    // An export that could not read some files wrote the rest; exit 1 so
    // scripts notice.
    Ok(if complete {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
