//! The command line: `init`, `import`, `stats` and `validate` over the same library
//! functions the window uses.

use crate::formats::{ImportOptions, import_paths};
use crate::model::AnnotatorName;
use crate::store::{Project, stats, validate};
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// claimspan: annotate actors, stances and claims in political news.
#[derive(Debug, Parser)]
#[command(name = "claimspan", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without one, shows this help (the annotation window comes later).
    #[command(subcommand)]
    pub command: Option<Command>,
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
}

/// Runs the command line with the process's arguments and returns the exit code:
/// 0 on success, 1 on a user error (with one sentence on stderr).
pub fn main() -> ExitCode {
    run_with(std::env::args_os())
}

/// Runs the command line with `args` (the first is the program name).
pub fn run_with(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with success; usage mistakes are user
            // errors like any other.
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("claimspan: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cli.command {
        None => {
            let mut command = <Cli as clap::CommandFactory>::command();
            command.print_help()?;
            Ok(ExitCode::SUCCESS)
        }
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
    }
}
