//! The command line: `init`, `import`, `stats`, `validate`, `agree` and `merge` over
//! the same library functions the window uses. Without a subcommand, the window
//! opens.

use crate::formats::{ImportOptions, import_paths};
use crate::model::{AnnotatorName, DocumentId};
use crate::review::{GoldInput, agree_over, check_minimum, merge_over, select};
use crate::store::{IfOnDisk, Project, SaveError, WriteBatch, stats, validate};
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// claimspan: annotate actors, stances and claims in political news.
#[derive(Debug, Parser)]
#[command(
    name = "claimspan",
    version,
    about,
    long_about = None,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A project folder to open in the window, or an article file or folder to import
    /// into a new project beside it. Without one, the last project opens.
    pub path: Option<PathBuf>,
    /// What to do; without one, the annotation window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the program should do after reading its arguments.
#[derive(Debug)]
pub enum Action {
    /// Exit with this code: a subcommand ran, or the arguments were wrong.
    Exit(ExitCode),
    /// Open the window, on this path if one was given.
    Window(Option<PathBuf>),
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new project folder with the default schema (actor, stance, claim).
    Init {
        /// The folder; created if missing.
        dir: PathBuf,
    },
    /// Import articles: .txt/.md files, folders of them, scraped files with several
    /// stories, and JSONL (one {"text": …} a line, optional "spans").
    Import {
        /// The project folder.
        dir: PathBuf,
        /// Files and folders to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Import spans found in the files as this annotator's annotations.
        #[arg(long, value_name = "NAME")]
        annotator: Option<String>,
    },
    /// Count documents by status and spans by label, per annotator.
    Stats {
        /// The project folder.
        dir: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check every file of a project; one line per problem, exit 1 if there is any.
    Validate {
        /// The project folder.
        dir: PathBuf,
    },
    /// Measure how well annotators agree: span F1 (exact and overlap) and Cohen's κ
    /// per pair, Fleiss' κ and Krippendorff's α over all, and each document's F1,
    /// worst first.
    Agree {
        /// The project folder.
        dir: PathBuf,
        /// The annotators to compare, comma separated (default: everyone).
        #[arg(long, value_name = "A,B,…", value_delimiter = ',')]
        annotators: Option<Vec<String>>,
        /// Only these documents, comma separated (default: every document at least
        /// two of them annotated; F1 and κ use those all of them annotated).
        #[arg(long, value_name = "ID,…", value_delimiter = ',')]
        docs: Option<Vec<String>>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Merge annotators' work into gold/<doc>.ron: spans that at least N of them made
    /// alike are accepted, the rest listed as conflicts; what a reviewer adjudicated
    /// by hand is kept.
    Merge {
        /// The project folder.
        dir: PathBuf,
        /// The annotators to merge, comma separated.
        #[arg(long, value_name = "A,B,…", value_delimiter = ',', required = true)]
        annotators: Vec<String>,
        /// How many must agree on a span (default: more than half of them).
        #[arg(long, value_name = "N")]
        min: Option<usize>,
    },
}

/// Runs the command line with the process's arguments and returns the exit code:
/// 0 on success, 1 on a user error (with one sentence on stderr).
pub fn main() -> Action {
    run_with(std::env::args_os())
}

/// Runs the command line with `args` (the first is the program name).
pub fn run_with(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> Action {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with success; usage mistakes are user
            // errors like any other.
            let _ = err.print();
            return Action::Exit(if err.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
    };
    if cli.command.is_none() {
        if let Some(path) = cli.path.as_ref().filter(|p| !p.exists()) {
            // A mistyped subcommand lands here too, so name both readings.
            eprintln!(
                "claimspan: {} is neither a file or folder nor a command; give a project \
                 folder or articles to open, or see claimspan --help for the commands.",
                path.display()
            );
            return Action::Exit(ExitCode::from(1));
        }
        return Action::Window(cli.path);
    }
    Action::Exit(match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("claimspan: {err:#}");
            ExitCode::from(1)
        }
    })
}

/// Parses names given on the command line, naming the option in errors.
fn names<T>(
    option: &str,
    given: &[String],
    make: impl Fn(&str) -> Result<T, crate::model::NameError>,
) -> anyhow::Result<Vec<T>> {
    given
        .iter()
        .map(|n| make(n.trim()).with_context(|| option.to_owned()))
        .collect()
}

fn agree(
    out: &mut impl Write,
    dir: &std::path::Path,
    annotators: Option<Vec<String>>,
    docs: Option<Vec<String>>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let annotators = annotators
        .map(|a| names("--annotators", &a, AnnotatorName::new))
        .transpose()?;
    let docs = docs
        .map(|d| names("--docs", &d, DocumentId::new))
        .transpose()?;
    let project = Project::open(dir)?;
    for problem in project.unreadable() {
        eprintln!("warning: left out: {problem}");
    }
    let selection = select(
        &project.annotation_index(),
        annotators.as_deref(),
        docs.as_deref(),
        2,
        true,
    )?;
    let labels = project.schema().label_names();
    let report = agree_over(&selection, &labels, |id| {
        project.load_compared(id, &selection.annotators)
    })?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", report.to_table())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn merge(
    out: &mut impl Write,
    dir: &std::path::Path,
    annotators: &[String],
    min: Option<usize>,
) -> anyhow::Result<ExitCode> {
    let annotators = names("--annotators", annotators, AnnotatorName::new)?;
    let mut project = Project::open(dir)?;
    for problem in project.unreadable() {
        eprintln!("warning: left out: {problem}");
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
    let (batches, outcomes) = merge_over(
        &selection,
        min,
        WriteBatch::new,
        |id| -> Result<_, SaveError> {
            let compared = project.load_compared(id, &selection.annotators)?;
            let loaded = project.load_gold_review(&compared.document)?;
            Ok(GoldInput {
                gold: loaded.stamp.is_some().then_some(loaded.gold),
                stamp: loaded.stamp,
                compared,
            })
        },
        |batch, gold, stamp| project.write_gold_review(gold, IfOnDisk::Unchanged(stamp), batch),
    );
    for batch in batches {
        batch.finish()?;
    }
    let (mut accepted, mut conflicts, mut failed, mut merged) = (0, 0, 0, 0);
    for (id, outcome) in &outcomes {
        match outcome {
            Ok(counts) => {
                project.note_gold(id);
                merged += 1;
                accepted += counts.accepted;
                conflicts += counts.conflicts;
                let mut line = format!(
                    "{id}  accepted {}  conflicts {}",
                    counts.accepted, counts.conflicts
                );
                if counts.settled > 0 {
                    line.push_str(&format!("  settled before {}", counts.settled));
                }
                if counts.by_hand > 0 {
                    line.push_str(&format!("  kept by hand {}", counts.by_hand));
                }
                writeln!(out, "{line}")?;
            }
            Err(err) => {
                failed += 1;
                eprintln!("claimspan: {id} not merged: {err}");
            }
        }
    }
    writeln!(
        out,
        "Merged {merged} {} of {} (at least {min} alike): {accepted} spans accepted, {conflicts} conflicts to review{}",
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
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cli.command {
        None => Ok(ExitCode::SUCCESS),
        Some(Command::Init { dir }) => {
            let project = Project::init(&dir)?;
            writeln!(
                out,
                "Created project “{}” in {} with labels {}.\nNext: claimspan import {} ARTICLES…",
                project.config().name,
                dir.display(),
                project.schema().label_names().join(", "),
                dir.display()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import {
            dir,
            paths,
            annotator,
        }) => {
            let annotator = annotator
                .map(|a| AnnotatorName::new(&a))
                .transpose()
                .context("--annotator")?;
            let mut project = Project::open(&dir)?;
            let report = import_paths(&mut project, &paths, &ImportOptions { annotator })?;
            for outcome in &report.outcomes {
                writeln!(out, "{outcome}")?;
            }
            writeln!(out, "{}", report.summary())?;
            Ok(if report.refused() > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Stats { dir, json }) => {
            let project = Project::open(&dir)?;
            let (stats, problems) = stats(&project);
            for problem in project.unreadable().iter().chain(&problems) {
                eprintln!("warning: left out: {problem}");
            }
            if json {
                serde_json::to_writer_pretty(&mut out, &stats)?;
                writeln!(out)?;
            } else {
                write!(out, "{}", stats.to_table())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Validate { dir }) => {
            let problems = validate(&dir);
            for problem in &problems {
                writeln!(out, "{problem}")?;
            }
            if problems.is_empty() {
                writeln!(out, "{}: no problems found", dir.display())?;
                Ok(ExitCode::SUCCESS)
            } else {
                writeln!(out, "{} problems", problems.len())?;
                Ok(ExitCode::from(1))
            }
        }
        Some(Command::Agree {
            dir,
            annotators,
            docs,
            json,
        }) => agree(&mut out, &dir, annotators, docs, json),
        Some(Command::Merge {
            dir,
            annotators,
            min,
        }) => merge(&mut out, &dir, &annotators, min),
    }
}
