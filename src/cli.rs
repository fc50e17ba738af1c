//! The command line: `init`, `import`, `export`, `stats`, `validate`, `agree`,
//! `merge` and `suggest` over the same library functions the window uses. Without a subcommand, the
//! window opens.

use crate::formats::export::SplitSpec;
use crate::formats::statements::{
    Duplicates, GraphFormat, NetworkMode, NetworkOptions, Nodes, Normalize, Qualifier, TimeWindow,
};
use crate::formats::{
    ExportKind, ExportRequest, OffsetUnit, Selection, Source, StatusFilter, date_window,
};
use crate::model::Status;
use crate::store::{Counted, Project, ProjectLock, WhenLocked, stats, validate};
use crate::terminal::TerminalSafe;
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
        /// Add labels, attributes and link types that peer files use and the schema
        /// lacks (without it such a file is refused and they are listed).
        #[arg(long)]
        add_labels: bool,
        /// The status imported annotations get: done, in-progress or todo (default:
        /// the status the file gives, else done, as work finished in another tool).
        #[arg(long, value_name = "STATUS", value_parser = import_status)]
        status: Option<Status>,
        /// Import the files' spans as suggestions, not annotations: predictions a
        /// model wrote (JSONL spans with an optional "score", Label Studio
        /// predictions, any format we import), offered in the window to accept or
        /// turn down. Needs --from.
        #[arg(long, requires = "from", conflicts_with_all = ["annotator", "status"])]
        as_suggestions: bool,
        /// The name the suggestions are kept and offered under (`suggestions/NAME/`),
        /// e.g. the model's.
        #[arg(long, value_name = "NAME", requires = "as_suggestions")]
        from: Option<String>,
    },
    /// Export annotations as training data (jsonl, conll, brat, label-studio, doccano,
    /// hf, spacy), or the statements they make as a table (statements) or a network.
    Export(ExportArgs),
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
        /// The annotators to compare, comma separated (default: everyone). `gold`
        /// compares the gold standard, and `suggest:NAME` the suggestions kept
        /// under NAME (`suggest:strings` after `claimspan suggest --annotator`), as
        /// if they were annotators.
        #[arg(long, value_name = "A,B,…", value_delimiter = ',')]
        annotators: Option<Vec<String>>,
        /// Only these documents, comma separated (default: every document at least
        /// two of them annotated; F1 and κ use those all of them annotated).
        #[arg(long, value_name = "ID,…", value_delimiter = ',')]
        docs: Option<Vec<String>>,
        /// Which documents count as an annotator's: `all`, every one with work in
        /// it (a span, a link or a status past To do), or only those they marked
        /// `done`.
        #[arg(long, value_name = "all|done", default_value = "all", value_parser = agree_status)]
        status: Counted,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Merge annotators' work into gold/<doc>.ron: spans that at least N of them made
    /// alike are accepted, the rest listed as disagreements; what a reviewer adjudicated
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
    /// Measure what the project's own annotations would suggest: every string tagged
    /// in the done documents, and every registry name, found again where it occurs
    /// (`strings`), and spans learnt from the words around them (`tagger`);
    /// precision, recall and F1 per label by 5-fold cross-validation and on the
    /// training data itself.
    Suggest {
        /// The project folder.
        dir: PathBuf,
        /// Measure the suggestions by cross-validation, a table per recommender.
        /// Without it, suggestions are made ahead of time for the documents
        /// --annotator has not marked done and kept in the project
        /// (suggestions/<recommender>/), never as annotations.
        #[arg(long, required_unless_present = "annotator")]
        evaluate: bool,
        /// With --evaluate: learn from and measure against this annotator's done
        /// documents (default: gold where there is any, else the only annotator).
        /// Without: whose documents to make suggestions for.
        #[arg(long, value_name = "NAME", conflicts_with = "gold")]
        annotator: Option<String>,
        /// Learn from and measure against the gold standard.
        #[arg(long, requires = "evaluate")]
        gold: bool,
        /// k of k-fold cross-validation (fewer when there are fewer done documents).
        #[arg(long, value_name = "K", default_value_t = crate::suggest::evaluate::DEFAULT_FOLDS)]
        folds: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// The options of `claimspan export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// jsonl, conll, brat, label-studio, doccano, hf or spacy; statements (a CSV table of
    /// who takes which stance on which claim) or network (GraphML).
    #[arg(long, value_name = "F", value_parser = parse_with::<ExportKind>)]
    pub format: ExportKind,
    /// The file to write (a folder for brat, hf and split exports).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Whose annotations: an annotator's name, gold, or (label-studio, statements) all:
    /// gold and every annotator. Default: gold where there is any, else the only
    /// annotator (label-studio: all).
    #[arg(long, value_name = "NAME|gold", value_parser = parse_with::<Source>)]
    pub source: Option<Source>,
    /// done: only documents marked done (gold: marked reviewed, or merged with nothing
    /// left to decide); all: every one.
    #[arg(long, value_name = "done|all", default_value = "done", value_parser = parse_with::<StatusFilter>)]
    pub status: StatusFilter,
    /// Only these labels, comma separated.
    #[arg(long, value_name = "L1,L2", value_delimiter = ',')]
    pub labels: Option<Vec<String>>,
    /// Split by document: train=0.8,dev=0.1,test=0.1 (writes one file per split).
    #[arg(long, value_name = "NAME=FRACTION,…", value_parser = parse_with::<SplitSpec>)]
    pub split: Option<SplitSpec>,
    /// Seed of the split: the same seed gives the same split on any machine.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
    /// Offset unit: chars (default; doccano: utf16), utf16 or bytes.
    #[arg(long, value_name = "chars|utf16|bytes", value_parser = parse_with::<OffsetUnit>)]
    pub offsets: Option<OffsetUnit>,
    /// conll and hf: one tag column for all labels instead of one per label; spans
    /// that overlap are left out and counted.
    #[arg(long)]
    pub flat: bool,
    /// network: two-mode (actors and claim categories, the default), one-mode
    /// (actors tied by shared claims; also `congruence`) or event-list (a CSV row a
    /// statement), as DNA's networkType.
    #[arg(long, value_name = "two-mode|one-mode|event-list", default_value = "two-mode", value_parser = parse_with::<NetworkMode>)]
    pub mode: NetworkMode,
    /// network, one-mode: tie actors (by shared claims) or claims (by shared actors).
    #[arg(long, value_name = "actors|claims", default_value = "actors", value_parser = parse_with::<Nodes>)]
    pub nodes: Nodes,
    /// network: how polarity enters, as DNA's qualifierAggregation: ignore,
    /// congruence, conflict, subtract (one-mode; congruence by default) or ignore,
    /// combine, subtract (two-mode; ignore by default).
    #[arg(long, value_name = "ignore|congruence|conflict|subtract|combine", value_parser = parse_with::<Qualifier>)]
    pub qualifier: Option<Qualifier>,
    /// network: no, average, jaccard, cosine (one-mode) or activity, prominence
    /// (two-mode), as DNA's normalization.
    #[arg(long, value_name = "no|average|jaccard|cosine|activity|prominence", default_value = "no", value_parser = parse_with::<Normalize>)]
    pub normalize: Normalize,
    /// network: count a repeated statement (same actor, claim and side) once per
    /// document, week, month, year or all; include counts every one.
    #[arg(long, value_name = "include|document|week|month|year|all", default_value = "include", value_parser = parse_with::<Duplicates>)]
    pub duplicates: Duplicates,
    /// network: the file format, graphml, gexf, matrix (CSV) or edges (CSV); by
    /// default from --out's extension (.gexf, .csv for edges, else GraphML).
    #[arg(long, value_name = "graphml|gexf|matrix|edges", value_parser = parse_with::<GraphFormat>)]
    pub network_format: Option<GraphFormat>,
    /// network: one network per time window of this many days or weeks (30d, 4w);
    /// --out is then a folder of one file per window and an index.csv, or with
    /// GEXF one dynamic graph.
    #[arg(long, value_name = "DAYS")]
    pub window: Option<String>,
    /// network, with --window: how far apart windows start (7d); the window's own
    /// length by default, so they do not overlap.
    #[arg(long, value_name = "DAYS", requires = "window")]
    pub step: Option<String>,
    /// Only articles dated on or after this day (YYYY-MM-DD); a window with an end
    /// leaves out articles without a date, and counts them.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only articles dated on or before this day.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Keep the `origin` attribute of spans accepted from suggestions
    /// (`suggestion:strings`…), left out by default.
    #[arg(long)]
    pub with_origin: bool,
}

impl ExportArgs {
    /// The request these options make, or why the dates cannot be read.
    fn request(self) -> Result<ExportRequest, crate::formats::SelectError> {
        Ok(ExportRequest {
            kind: self.format,
            selection: Selection {
                source: self.source.unwrap_or_default(),
                status: self.status,
                dates: date_window(self.from.as_deref(), self.to.as_deref())?,
                origin: self.with_origin,
            },
            out: self.out,
            labels: self.labels,
            split: self.split,
            seed: self.seed,
            offsets: self.offsets,
            flat: self.flat,
            network: NetworkOptions {
                mode: self.mode,
                nodes: self.nodes,
                qualifier: self.qualifier,
                normalize: self.normalize,
                duplicates: self.duplicates,
                format: self.network_format,
                window: self
                    .window
                    .as_deref()
                    .map(|w| TimeWindow::new(w, self.step.as_deref()))
                    .transpose()
                    .map_err(crate::formats::SelectError::Window)?,
            },
        })
    }
}

/// A clap value parser from a `FromStr` whose error is a sentence.
fn parse_with<T: std::str::FromStr<Err = String>>(s: &str) -> Result<T, String> {
    s.parse()
}

/// A progress bar on stderr while `work` runs, only when stderr is a terminal (so
/// scripts and logs get no control characters).
fn with_progress<R>(what: &str, work: impl FnOnce(&mut dyn FnMut(usize, usize)) -> R) -> R {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return work(&mut |_, _| {});
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_owned());
    let result = work(&mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    result
}

/// One line on stderr with control characters escaped (see [`crate::terminal`]): the
/// line may hold ids, labels and names read from files.
macro_rules! say {
    ($($arg:tt)*) => {{
        let mut err = TerminalSafe::new(std::io::stderr().lock());
        let _ = writeln!(err, $($arg)*);
    }};
}

/// Takes the project lock for a command that writes what the whole team shares
/// (articles, schema, gold), waiting for another writer to finish.
fn lock(dir: &std::path::Path, what: &str) -> anyhow::Result<ProjectLock> {
    Ok(ProjectLock::acquire(
        dir,
        what,
        WhenLocked::Wait,
        |holder| {
            say!(
                "claimspan: {} is being written by {holder}; waiting for it to finish…",
                dir.display()
            )
        },
    )?)
}

mod data;
mod review;
mod suggest;

/// Prints a measuring command's report, as JSON or as its `table`, then each file
/// it could not read; exit 1 when any (of the report or of the project) was not.
fn print_report(
    out: &mut impl Write,
    report: &impl serde::Serialize,
    table: String,
    json: bool,
    unreadable: &[String],
    project: &Project,
) -> anyhow::Result<ExitCode> {
    if json {
        serde_json::to_writer_pretty(&mut *out, report)?;
        writeln!(out)?;
    } else {
        write!(out, "{table}")?;
    }
    for problem in unreadable {
        say!("claimspan: not read, left out: {problem}");
    }
    Ok(
        if unreadable.is_empty() && project.unreadable().is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}
use data::{export, import};
use review::{agree, merge};

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
            say!(
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
            say!("claimspan: {}", one_line(&err));
            ExitCode::from(1)
        }
    })
}

/// An error and its causes in one line, leaving out a cause whose words the message
/// before it already holds: the library's messages name their cause themselves.
fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Parses names given on the command line, naming the option in errors.
fn names<T>(
    option: &str,
    given: &[String],
    make: impl Fn(&str) -> Result<T, crate::model::NameError>,
) -> anyhow::Result<Vec<T>> {
    let mut seen = std::collections::BTreeSet::new();
    given
        .iter()
        .map(|n| {
            let name = n.trim();
            if !seen.insert(name.to_lowercase()) {
                anyhow::bail!("{option}: “{name}” is given twice; name each once");
            }
            make(name).with_context(|| option.to_owned())
        })
        .collect()
}

/// `agree --status`: which documents count as an annotator's.
fn agree_status(given: &str) -> Result<Counted, String> {
    match given.to_lowercase().as_str() {
        "all" => Ok(Counted::Worked),
        "done" => Ok(Counted::Done),
        _ => Err("choose all (every document with work) or done".into()),
    }
}

/// `import --status`: the statuses in the words the window shows them in.
fn import_status(given: &str) -> Result<Status, String> {
    match given.to_lowercase().replace(['_', ' '], "-").as_str() {
        "done" => Ok(Status::Done),
        "in-progress" => Ok(Status::InProgress),
        "todo" => Ok(Status::Todo),
        _ => Err("choose done, in-progress or todo".into()),
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut out = TerminalSafe::new(std::io::stdout().lock());
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
            add_labels,
            status,
            as_suggestions: _,
            from,
        }) => import(&mut out, &dir, &paths, annotator, from, add_labels, status),
        Some(Command::Export(args)) => export(&mut out, args),
        Some(Command::Stats { dir, json }) => {
            let project = Project::open(&dir)?;
            let (stats, problems) = stats(&project);
            for problem in project.unreadable().iter().chain(&problems) {
                say!("warning: left out: {problem}");
            }
            if json {
                serde_json::to_writer_pretty(&mut out, &stats)?;
                writeln!(out)?;
            } else {
                write!(out, "{}", stats.to_table())?;
            }
            // As export, merge and agree: named above, counted without, exit 1.
            Ok(if project.unreadable().is_empty() && problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
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
            status,
            json,
        }) => agree(&mut out, &dir, annotators, docs, status, json),
        Some(Command::Merge {
            dir,
            annotators,
            min,
        }) => merge(&mut out, &dir, &annotators, min),
        Some(Command::Suggest {
            dir,
            evaluate: false,
            annotator: Some(annotator),
            ..
        }) => suggest::precompute(&mut out, &dir, &annotator),
        Some(Command::Suggest {
            dir,
            evaluate: _,
            annotator,
            gold,
            folds,
            json,
        }) => suggest::suggest(&mut out, &dir, annotator, gold, folds, json),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_says_its_cause_once() {
        let full = std::io::Error::other("No space left on device");
        let err = anyhow::Error::new(crate::store::StoreError::io(
            "write",
            "p/articles/a.txt",
            full,
        ));
        assert_eq!(
            one_line(&err),
            "could not write p/articles/a.txt: No space left on device"
        );
        // A context added on the way keeps the cause it wraps.
        let named = anyhow::anyhow!("not a name").context("--annotator");
        assert_eq!(one_line(&named), "--annotator: not a name");
    }
}
