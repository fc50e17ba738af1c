//! Import of articles into a project: single files, whole folders, scraped files with
//! several wire stories, and JSONL with optional spans. Used by `claimspan import` and
//! the window alike.
//!
//! Every file and every JSONL line stands alone: a bad one is refused with its reason
//! and the rest go in. Nothing already in the project is changed; an article whose
//! text is there already is skipped.

use super::annotator_folders::annotator_folders;
use super::error::ImportError;
use super::jsonl::{file_name, first_line};
use super::jsonl_import::import_jsonl;
use super::peer::{FileKind, import_peer_file, sniff};
use super::text_file::read_text;
use super::wire::split_articles;
use crate::model::{AnnotatorName, Status, text::normalize};
use crate::store::atomic::remove_leftovers;
use crate::store::project::ARTICLES;
use crate::store::{Added, NewArticle, Project, StoreError, WriteBatch};
use std::fmt;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Choices for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Whose annotations spans found in the files become; without one, spans are not
    /// imported (and the report says so).
    pub annotator: Option<AnnotatorName>,
    /// The status every imported annotation set gets (`import --status`); without
    /// it, the status the file gives, or done where it gives none.
    pub status: Option<Status>,
    /// Import the files' spans as suggestions kept under this name (`import
    /// --as-suggestions --from NAME`), never as anyone's annotations; Label
    /// Studio's predictions are taken too. Checked with
    /// [`crate::store::suggestions::check_source`].
    pub suggestions: Option<String>,
}

impl ImportOptions {
    /// Options that import the files' spans (and predictions) as the suggestions of
    /// `from`.
    pub fn as_suggestions(from: &str) -> Result<Self, StoreError> {
        let from = crate::store::suggestions::check_source(from)?;
        Ok(Self {
            annotator: Some(AnnotatorName::suggestions(&from)),
            status: None,
            suggestions: Some(from),
        })
    }
}

/// What to do with labels, attributes and link types a peer file uses that the
/// project's schema lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NewLabels {
    /// Refuse the file and name them, so nothing is added by accident.
    #[default]
    Refuse,
    /// Add them to the schema (`--add-labels`).
    Add,
}

/// What a repair counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Counted {
    /// Spans.
    Spans,
    /// Links.
    Links,
}

/// What happened to one article, file or line.
#[derive(Debug)]
pub enum Outcome {
    /// A new document.
    Added {
        /// Its id.
        id: String,
        /// Where it came from: `file.txt, article 2 of 3` or `file.jsonl:4`.
        from: String,
    },
    /// The same text is in the project already.
    AlreadyThere {
        /// The document that has it.
        id: String,
        /// Where it came from.
        from: String,
    },
    /// Refused, with the reason.
    Refused(ImportError),
    /// A file in a folder that is not an article.
    Ignored {
        /// The file.
        path: PathBuf,
        /// Why it was passed over.
        why: &'static str,
    },
    /// Spans written as an annotator's annotations.
    Annotated {
        /// The document.
        id: String,
        /// Whose.
        annotator: String,
        /// How many spans.
        spans: usize,
    },
    /// The annotator has a file for the document already; it was left as it is.
    AnnotationsKept {
        /// The document.
        id: String,
        /// Whose.
        annotator: String,
    },
    /// Spans whose offsets were repaired on the way in.
    Repaired {
        /// Where.
        from: String,
        /// How many.
        count: usize,
        /// Of what: spans or links.
        of: Counted,
        /// What was repaired, and how.
        how: String,
    },
    /// Labels, attributes or link types added to the schema (`--add-labels`).
    LabelsAdded {
        /// What, listed.
        what: String,
    },
    /// Entities and claim categories added to the project's registry
    /// (`entities.ron`), as a DNA database brings its actors and concepts.
    RegistryAdded {
        /// What, counted: `12 entities and 5 claim categories`.
        what: String,
    },
    /// A Prodigy line answered `reject` or `ignore`: no annotation, not imported.
    NotAnExample {
        /// Where.
        from: String,
        /// The answer.
        answer: String,
    },
    /// Spans written as suggestions (`import --as-suggestions --from NAME`).
    Suggested {
        /// The document.
        id: String,
        /// The name they are kept under.
        from: String,
        /// How many.
        spans: usize,
    },
    /// A tool's predictions (Label Studio's `predictions`), which are no one's
    /// annotations, passed over.
    PredictionsNotImported {
        /// Where.
        from: String,
        /// How many spans they had.
        spans: usize,
    },
    /// Spans found but no annotator named.
    SpansNotImported {
        /// Where.
        from: String,
        /// How many.
        spans: usize,
    },
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Added { id, from } => write!(f, "added     {id}  ({from})"),
            Outcome::AlreadyThere { id, from } => {
                write!(f, "skipped   {id}  ({from}): already in the project")
            }
            Outcome::Refused(err) => write!(f, "refused   {err}"),
            Outcome::Ignored { path, why } => write!(f, "ignored   {}: {why}", path.display()),
            Outcome::Annotated {
                id,
                annotator,
                spans,
            } => {
                write!(f, "annotated {id}: {spans} spans by {annotator}")
            }
            Outcome::AnnotationsKept { id, annotator } => write!(
                f,
                "kept      {id}: {annotator} has annotations for it already; the file's spans were not imported"
            ),
            Outcome::Repaired {
                from,
                count,
                of,
                how,
            } => {
                let noun = match (of, *count == 1) {
                    (Counted::Spans, true) => "span",
                    (Counted::Spans, false) => "spans",
                    (Counted::Links, true) => "link",
                    (Counted::Links, false) => "links",
                };
                write!(f, "repaired  {from}: {count} {noun}: {how}")
            }
            Outcome::LabelsAdded { what } => write!(f, "schema    added {what}"),
            Outcome::RegistryAdded { what } => {
                write!(f, "registry  added {what} to entities.ron")
            }
            Outcome::NotAnExample { from, answer } => write!(
                f,
                "passed    {from}: answered “{answer}” in Prodigy, so no annotation; not imported"
            ),
            Outcome::Suggested { id, from, spans } => write!(
                f,
                "suggested {id}: {spans} suggestions from {from}, offered in the window, not annotations"
            ),
            Outcome::PredictionsNotImported { from, spans } => write!(
                f,
                "note      {from}: {spans} predicted spans not imported; import them as suggestions with --as-suggestions --from NAME"
            ),
            Outcome::SpansNotImported { from, spans: 0 } => write!(
                f,
                "note      {from}: annotated with no spans, not imported as anyone's; name whose it is with --annotator NAME"
            ),
            Outcome::SpansNotImported { from, spans } => write!(
                f,
                "note      {from}: {spans} spans not imported; name whose they are with --annotator NAME"
            ),
        }
    }
}

/// Everything an import did, in order.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// One entry per article, file or line.
    pub outcomes: Vec<Outcome>,
}

impl ImportReport {
    /// Documents added.
    pub fn added(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Added { .. }))
    }

    /// Documents skipped as already there.
    pub fn skipped(&self) -> usize {
        self.count(|o| matches!(o, Outcome::AlreadyThere { .. }))
    }

    /// Files or lines refused.
    pub fn refused(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Refused(_)))
    }

    fn count(&self, pick: impl Fn(&Outcome) -> bool) -> usize {
        self.outcomes.iter().filter(|o| pick(o)).count()
    }

    /// Prodigy lines answered `reject` or `ignore`, passed over.
    pub fn passed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::NotAnExample { .. }))
    }

    /// The closing line: `3 added, 1 skipped as already there, 0 refused`, and the
    /// lines passed over as rejected or ignored where there were any.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "{} added, {} skipped as already there, {} refused",
            self.added(),
            self.skipped(),
            self.refused()
        );
        if self.passed() > 0 {
            line.push_str(&format!(
                ", {} passed over as rejected or ignored",
                self.passed()
            ));
        }
        line
    }
}

/// File kinds by extension, for choosing what in a folder to look at.
fn is_candidate(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "txt" | "md" | "markdown" | "text" | "jsonl" | "ndjson" | "json" | "ann" | "dna"
    )
}

/// brat's configuration files, which sit beside `.ann` files.
fn is_brat_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        [
            "annotation.conf",
            "visual.conf",
            "tools.conf",
            "kb_shortcuts.conf",
        ]
        .contains(&n.to_string_lossy().as_ref())
    })
}

/// A file read for import: where it is and all it holds.
#[derive(Debug, Clone, Copy)]
pub struct ReadFile<'a> {
    /// The file as named.
    pub path: &'a Path,
    /// Its whole content.
    pub text: &'a str,
}

/// Reads `path` once (a pipe can be read only once), tells what it is from the whole
/// of it, and imports it.
fn import_file(
    project: &mut Project,
    path: &Path,
    options: &ImportOptions,
    labels: NewLabels,
    batch: &mut WriteBatch,
    report: &mut ImportReport,
) {
    // A database is opened, not read as text; it is known by its first bytes.
    if super::peer::dna::is_sqlite(path) {
        if options.suggestions.is_some() {
            // Its statements are coders' work with their names, not a model's
            // predictions; taken as suggestions, whose would they be?
            let err = ImportError::Database {
                path: path.to_owned(),
                message: "a DNA database holds its coders' statements, not a model's predictions; import it without --as-suggestions".into(),
            };
            return report.outcomes.push(Outcome::Refused(err));
        }
        return super::peer::dna::import_dna_file(project, path, batch, report);
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("dna"))
    {
        let message = if path.is_file() {
            "this .dna file is not a DNA 3 database (it is not SQLite; DNA 1 wrote XML .dna files); open it in DNA 3, save it as a DNA 3 database and import that"
        } else {
            // SQLite reads a database by seeking in it, which a pipe cannot do.
            "a DNA database is read as a file, not through a pipe or from a device; give the path of the .dna file itself"
        };
        let err = ImportError::Database {
            path: path.to_owned(),
            message: message.into(),
        };
        return report.outcomes.push(Outcome::Refused(err));
    }
    let text = match read_text(path) {
        Ok(text) => text,
        // An .ann without any annotation is empty, and that is fine.
        Err(ImportError::Empty { .. }) if path.extension().is_some_and(|e| e == "ann") => {
            String::new()
        }
        Err(err) => return report.outcomes.push(Outcome::Refused(err)),
    };
    match sniff(path, &text) {
        FileKind::Peer(kind) => {
            let file = ReadFile { path, text: &text };
            import_peer_file(project, file, kind, options, labels, batch, report)
        }
        FileKind::Jsonl => import_jsonl(project, path, &text, options, labels, batch, report),
        FileKind::Text => import_text(project, path, &text, batch, report),
    }
}

/// Imports files and folders into `project`. Returns what happened to each; only a
/// failure to make the written files durable is an error of the whole import.
pub fn import_paths(
    project: &mut Project,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<ImportReport, StoreError> {
    import_paths_with(project, paths, options, NewLabels::Refuse, &mut |_, _| {})
}

/// [`import_paths`] for the command line and the window's Import… dialog: files of
/// peer tools too (recognised by content), labels they bring added or refused as
/// `labels` says, and `progress(done, total)` called after each file.
pub fn import_paths_with(
    project: &mut Project,
    paths: &[PathBuf],
    options: &ImportOptions,
    labels: NewLabels,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, StoreError> {
    remove_leftovers(&project.root().join(ARTICLES));
    let mut report = ImportReport::default();
    // Nothing an import writes is read back before the end. A write that fails (a
    // full disk) takes the whole import back: a peer file goes in whole or not at
    // all, and no article is left without its metadata.
    let mut batch = WriteBatch::undoable();
    // Each file, and whose its spans are where its folder says (one folder per
    // annotator); otherwise they are `options.annotator`'s.
    let mut files: Vec<(PathBuf, Option<AnnotatorName>)> = Vec::new();
    for path in paths {
        if !path.is_dir() {
            // An explicitly named file is read whatever its name: the user asked
            // for it, and its content says what it is.
            files.push((path.clone(), None));
            continue;
        }
        let folders: Vec<(PathBuf, Option<AnnotatorName>)> = match annotator_folders(path) {
            Some(folders) => folders.into_iter().map(|(f, who)| (f, Some(who))).collect(),
            None => vec![(path.clone(), None)],
        };
        for (folder, who) in folders {
            let mut listed = Vec::new();
            list_folder(&folder, &mut listed, &mut report);
            files.extend(listed.into_iter().map(|f| (f, who.clone())));
        }
    }
    let total = files.len();
    for (done, (path, who)) in files.iter().enumerate() {
        let own;
        let options = match who {
            Some(who) => {
                own = ImportOptions {
                    annotator: Some(who.clone()),
                    ..options.clone()
                };
                &own
            }
            None => options,
        };
        import_file(project, path, options, labels, &mut batch, &mut report);
        batch = batch.undo_if_failed("import")?;
        progress(done + 1, total);
    }
    batch.finish_or_undo("import")?;
    Ok(report)
}

/// The files of a folder to import, in name order; what is passed over is reported.
fn list_folder(folder: &Path, files: &mut Vec<PathBuf>, report: &mut ImportReport) {
    let walk = WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(folder).to_owned();
                let source = err
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a folder loop"));
                report
                    .outcomes
                    .push(Outcome::Refused(ImportError::Unreadable { path, source }));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        if is_project_paperwork(path) {
            report.outcomes.push(Outcome::Ignored {
                path: path.to_owned(),
                why: "a README, licence or changelog, not an article; import it by name if it is one",
            });
            continue;
        }
        if is_brat_config(path) {
            report.outcomes.push(Outcome::Ignored {
                path: path.to_owned(),
                why: "brat configuration; the labels come from the .ann files",
            });
            continue;
        }
        if !is_candidate(path) {
            report.outcomes.push(Outcome::Ignored {
                path: path.to_owned(),
                why: "not an article or annotation file (.txt, .md, .jsonl, .json, .ann)",
            });
            continue;
        }
        // A brat pair is imported once, through its text.
        let is_ann = path.extension().is_some_and(|e| e == "ann");
        if is_ann && path.with_extension("txt").is_file() {
            continue;
        }
        files.push(path.to_owned());
    }
}

/// Files that sit beside articles in a shared folder but are not articles.
fn is_project_paperwork(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_uppercase())
        .unwrap_or_default();
    ["README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING"].contains(&stem.as_str())
}

fn import_text(
    project: &mut Project,
    path: &Path,
    text: &str,
    batch: &mut WriteBatch,
    report: &mut ImportReport,
) {
    let text = normalize(text);
    let articles = split_articles(&text);
    let count = articles.len();
    let name = file_name(path);
    for (i, article) in articles.into_iter().enumerate() {
        let from = if count == 1 {
            name.clone()
        } else {
            format!("{name}, article {} of {count}", i + 1)
        };
        let title = article
            .headline
            .clone()
            .unwrap_or_else(|| first_line(&article.text));
        let new = NewArticle {
            title,
            date: article.date,
            source: article.agency,
            dateline: article.dateline,
            caption: article.caption,
            original_file: name.clone(),
            id: None,
            extra: Default::default(),
            text: article.text,
        };
        let outcome = match project.add_article(new, batch) {
            Ok(Added::New(id)) => Outcome::Added {
                id: id.to_string(),
                from,
            },
            Ok(Added::AlreadyThere(id)) => Outcome::AlreadyThere {
                id: id.to_string(),
                from,
            },
            Err(source) => Outcome::Refused(ImportError::Store {
                path: path.to_owned(),
                source,
            }),
        };
        report.outcomes.push(outcome);
    }
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "import_peer_tests.rs"]
mod peer_tests;

#[cfg(test)]
#[path = "import_suggestions_tests.rs"]
mod suggestions_tests;
