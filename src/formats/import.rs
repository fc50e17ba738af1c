//! Import of articles into a project: single files, whole folders, scraped files with
//! several wire stories, and JSONL with optional spans. Used by `claimspan import` and
//! the window alike.
//!
//! Every file and every JSONL line stands alone: a bad one is refused with its reason
//! and the rest go in. Nothing already in the project is changed; an article whose
//! text is there already is skipped.

use super::annotator_folders::annotator_folders;
use super::error::ImportError;
use super::jsonl::{JsonlRecord, file_name, first_line, parse_jsonl};
use super::peer::{FileKind, add_label, import_peer_file, sniff};
use super::text_file::read_text;
use super::wire::split_articles;
use crate::model::{
    Annotations, AnnotatorName, Document, EditError, Schema, Status, text::normalize,
};
use crate::store::atomic::remove_leftovers;
use crate::store::project::ARTICLES;
use crate::store::{Added, NewArticle, Planned, Project, StoreError, WriteBatch};
use std::collections::BTreeSet;
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
        /// How many spans.
        count: usize,
        /// What was repaired, and how.
        how: String,
    },
    /// Labels, attributes or link types added to the schema (`--add-labels`).
    LabelsAdded {
        /// What, listed.
        what: String,
    },
    /// A Prodigy line answered `reject` or `ignore`: no annotation, not imported.
    NotAnExample {
        /// Where.
        from: String,
        /// The answer.
        answer: String,
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
            Outcome::Repaired { from, count, how } => {
                write!(f, "repaired  {from}: {count} spans: {how}")
            }
            Outcome::LabelsAdded { what } => write!(f, "schema    added {what}"),
            Outcome::NotAnExample { from, answer } => write!(
                f,
                "passed    {from}: answered “{answer}” in Prodigy, so no annotation; not imported"
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
        "txt" | "md" | "markdown" | "text" | "jsonl" | "ndjson" | "json" | "ann"
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

/// A JSONL file: every line is read and checked first, and the file goes in whole or
/// not at all, as a peer file does. Labels its spans use that the schema lacks are
/// added with `--add-labels`, or refuse the file with them named.
fn import_jsonl(
    project: &mut Project,
    path: &Path,
    text: &str,
    options: &ImportOptions,
    labels: NewLabels,
    batch: &mut WriteBatch,
    report: &mut ImportReport,
) {
    let mut records = Vec::new();
    let mut bad = Vec::new();
    for record in parse_jsonl(path, text) {
        match record {
            Ok(record) => records.push(record),
            Err(err) => bad.push(err.to_string()),
        }
    }
    let missing: BTreeSet<&str> = match options.annotator {
        Some(_) => records
            .iter()
            .filter(|r| !r.is_refused_example())
            .flat_map(|r| &r.spans)
            .map(|s| s.label.as_str())
            .filter(|l| project.schema().label(l).is_none())
            .collect(),
        None => BTreeSet::new(),
    };
    let mut schema = project.schema().clone();
    let added: Vec<String> = missing.iter().map(|l| add_label(&mut schema, l)).collect();
    if !added.is_empty() && labels == NewLabels::Refuse {
        let what = added.join(", ");
        let path = path.to_owned();
        return report
            .outcomes
            .push(Outcome::Refused(ImportError::UnknownLabels { path, what }));
    }
    for record in &records {
        if let Err(err) = check_record(project, &schema, path, record, options) {
            bad.push(err.to_string());
        }
    }
    if !bad.is_empty() {
        let path = path.to_owned();
        let err = ImportError::BadLines { path, lines: bad };
        return report.outcomes.push(Outcome::Refused(err));
    }
    if !added.is_empty() {
        if let Err(source) = project.set_schema(schema, batch) {
            let path = path.to_owned();
            let err = ImportError::Store { path, source };
            return report.outcomes.push(Outcome::Refused(err));
        }
        report.outcomes.push(Outcome::LabelsAdded {
            what: added.join(", "),
        });
    }
    for record in records {
        match import_record(project, path, record, options, batch) {
            Ok(outcomes) => report.outcomes.extend(outcomes),
            Err(err) => report.outcomes.push(Outcome::Refused(err)),
        }
    }
}

/// Whether `record`'s spans fit its text and `schema`, before anything is written.
fn check_record(
    project: &Project,
    schema: &Schema,
    path: &Path,
    record: &JsonlRecord,
    options: &ImportOptions,
) -> Result<(), ImportError> {
    let Some(annotator) = &options.annotator else {
        return Ok(());
    };
    if record.is_refused_example() || !record.annotated {
        return Ok(());
    }
    let planned = project
        .plan_article(&record.article)
        .map_err(|source| ImportError::Store {
            path: path.to_owned(),
            source,
        })?;
    let meta = match planned {
        Planned::New(meta) => meta,
        Planned::AlreadyThere(id) => match project.article(&id) {
            Some(meta) => meta.clone(),
            None => return Ok(()),
        },
    };
    let document = Document::new(meta, record.article.text.clone());
    annotate(schema, &document, annotator, record)
        .map(|_| ())
        .map_err(|(index, source)| ImportError::Span {
            path: path.to_owned(),
            line: record.line,
            index,
            source,
        })
}

/// One JSONL line: its article and, with an annotator, its spans. Spans are checked
/// before anything is written, so a line with a bad span leaves no trace.
fn import_record(
    project: &mut Project,
    path: &Path,
    record: JsonlRecord,
    options: &ImportOptions,
    batch: &mut WriteBatch,
) -> Result<Vec<Outcome>, ImportError> {
    let from = format!("{}:{}", file_name(path), record.line);
    if record.is_refused_example() {
        let answer = record.answer.clone().unwrap_or_default();
        return Ok(vec![Outcome::NotAnExample { from, answer }]);
    }
    let store_error = |source| ImportError::Store {
        path: path.to_owned(),
        source,
    };
    let planned = project.plan_article(&record.article).map_err(store_error)?;
    let (meta, is_new) = match &planned {
        Planned::New(meta) => (meta.clone(), true),
        Planned::AlreadyThere(id) => match project.article(id) {
            Some(meta) => (meta.clone(), false),
            None => return Err(store_error(StoreError::IdTaken { id: id.to_string() })),
        },
    };
    let id = meta.id.to_string();
    let mut outcomes = vec![if is_new {
        Outcome::Added {
            id: id.clone(),
            from: from.clone(),
        }
    } else {
        Outcome::AlreadyThere {
            id: id.clone(),
            from: from.clone(),
        }
    }];
    let mut annotations = None;
    if record.annotated {
        match &options.annotator {
            None => outcomes.push(Outcome::SpansNotImported {
                from,
                spans: record.spans.len(),
            }),
            Some(annotator) if project.has_annotations(annotator, &meta.id) => {
                outcomes.push(Outcome::AnnotationsKept {
                    id: id.clone(),
                    annotator: annotator.to_string(),
                })
            }
            Some(annotator) => {
                let document = Document::new(meta.clone(), record.article.text.clone());
                let mut made = annotate(project.schema(), &document, annotator, &record).map_err(
                    |(index, source)| ImportError::Span {
                        path: path.to_owned(),
                        line: record.line,
                        index,
                        source,
                    },
                )?;
                // Prodigy's "accept" and a line without an answer alike are finished
                // work; --status says otherwise where it is given.
                made.status = options.status.unwrap_or(Status::Done);
                outcomes.push(Outcome::Annotated {
                    id: id.clone(),
                    annotator: annotator.to_string(),
                    spans: made.spans.len(),
                });
                annotations = Some(made);
            }
        }
    }
    if is_new {
        project
            .write_article(meta, &record.article.text, batch)
            .map_err(store_error)?;
    }
    if let Some(annotations) = annotations {
        project
            .add_imported_annotations(&annotations, batch)
            .map_err(store_error)?;
    }
    Ok(outcomes)
}

/// The record's spans as `annotator`'s annotations, or the first bad span (its place
/// from 1, and why).
fn annotate(
    schema: &Schema,
    document: &Document,
    annotator: &AnnotatorName,
    record: &JsonlRecord,
) -> Result<Annotations, (usize, EditError)> {
    let mut annotations = Annotations::new(document, annotator.clone());
    for (i, span) in record.spans.iter().enumerate() {
        annotations
            .add_span(document, schema, span.clone())
            .map_err(|e| (i + 1, e))?;
        let said = record.span_texts.get(i).and_then(Option::as_deref);
        let actual = document.slice(span.start, span.end).unwrap_or_default();
        if let Some(said) = said
            && said != actual
        {
            return Err((
                i + 1,
                EditError::TextMismatch {
                    start: span.start,
                    end: span.end,
                    said: said.to_owned(),
                    actual: actual.to_owned(),
                },
            ));
        }
    }
    Ok(annotations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentId;
    use std::collections::BTreeMap;
    use std::fs;
    use std::path::Path;

    fn fixture(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(path)
    }

    fn import(
        paths: &[PathBuf],
        annotator: Option<&str>,
    ) -> (tempfile::TempDir, Project, ImportReport) {
        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::init(dir.path()).unwrap();
        let options = ImportOptions {
            annotator: annotator.map(|a| AnnotatorName::new(a).unwrap()),
            ..ImportOptions::default()
        };
        let report = import_paths(&mut project, paths, &options).unwrap();
        (dir, project, report)
    }

    fn id(s: &str) -> DocumentId {
        DocumentId::new(s).unwrap()
    }

    #[test]
    fn a_scraped_file_becomes_one_document_per_story_with_its_metadata() {
        let (_dir, project, report) = import(&[fixture("articles/gulf-wire-2018-06.txt")], None);
        assert_eq!(
            report.summary(),
            "3 added, 0 skipped as already there, 0 refused"
        );
        let first = project
            .article(&id(
                "coalition-talks-stall-in-baghdad-as-blocs-trade-demands-2018-06-14",
            ))
            .unwrap();
        assert_eq!(first.date.as_deref(), Some("2018-06-14"));
        assert_eq!(first.dateline.as_deref(), Some("BAGHDAD"));
        assert_eq!(first.source.as_deref(), Some("AFP"));
        assert_eq!(
            first.original_file, "",
            "the report says where it came from"
        );
        assert!(
            report.outcomes[0]
                .to_string()
                .contains("(gulf-wire-2018-06.txt, article 1 of 3)"),
            "{}",
            report.outcomes[0]
        );
        let second = project
            .article(&id(
                "iran-warns-europe-over-oil-sanctions-as-exports-slide-2018-06-15",
            ))
            .unwrap();
        assert_eq!(
            (second.source.as_deref(), second.dateline.as_deref()),
            (Some("Reuters"), Some("TEHRAN"))
        );
        assert_eq!(second.caption, None);
        let document = project.load_document(&first.id).unwrap();
        let text = document.text();
        assert!(
            text.starts_with("Coalition talks stall in Baghdad as blocs trade demands\n  • "),
            "{text}"
        );
        assert!(
            !text.contains("Updated 14 June"),
            "page furniture is left out"
        );
        assert!(text.contains("Iraq’s"));
        assert_eq!(document.hash(), &first.text_hash);
    }

    #[test]
    fn crlf_and_bom_are_normalised_once() {
        let (_dir, project, _) = import(&[fixture("articles/crlf-bom.txt")], None);
        let meta = project.articles().next().unwrap();
        let text = project.load_document(&meta.id).unwrap().text().to_owned();
        assert!(!text.contains('\r') && !text.starts_with('\u{feff}'));
        assert!(text.starts_with("Lebanon’s parliament speaker"));
        assert_eq!(meta.date.as_deref(), Some("2018-07-02"));
    }

    #[test]
    fn jsonl_spans_keep_char_offsets_after_emoji() {
        let (_dir, project, report) = import(&[fixture("jsonl/articles.jsonl")], Some("alice"));
        assert_eq!(report.added(), 3);
        let alice = AnnotatorName::new("alice").unwrap();
        let document = project
            .load_document(&id("jordan-party-rejects-fuel-tax-2018-06-24"))
            .unwrap();
        let loaded = project
            .load_annotations(&document, &alice)
            .unwrap()
            .annotations;
        let texts: Vec<&str> = loaded.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Jordan’s Labour Front",
                "rejected",
                "the proposed fuel tax",
                "Rana Khoury",
                "warned against"
            ]
        );
        // "Rana Khoury" comes after the 🚫: 79 in chars, 80 in UTF-16 units.
        assert_eq!(loaded.spans[3].start.0, 79);
        assert_eq!(
            document.meta.extra["url"],
            "https://example.org/levant/jordan-labour-front-fuel-tax"
        );
        assert_eq!(document.meta.source.as_deref(), Some("Levant Wire"));
    }

    #[test]
    fn spans_without_an_annotator_are_reported_not_dropped_silently() {
        let (_dir, project, report) = import(&[fixture("jsonl/articles.jsonl")], None);
        let notes: Vec<String> = report
            .outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::SpansNotImported { .. }))
            .map(ToString::to_string)
            .collect();
        assert_eq!(notes.len(), 3);
        assert_eq!(
            notes[0],
            "note      articles.jsonl:1: 4 spans not imported; name whose they are with --annotator NAME"
        );
        assert_eq!(project.annotators().count(), 0);
    }

    #[test]
    fn importing_again_adds_nothing_and_keeps_existing_annotations() {
        let jsonl = fixture("jsonl/articles.jsonl");
        let (_dir, mut project, _) = import(std::slice::from_ref(&jsonl), Some("alice"));
        let options = ImportOptions {
            annotator: Some(AnnotatorName::new("alice").unwrap()),
            ..ImportOptions::default()
        };
        let again = import_paths(&mut project, &[jsonl], &options).unwrap();
        assert_eq!(
            again.summary(),
            "0 added, 3 skipped as already there, 0 refused"
        );
        assert_eq!(
            again
                .outcomes
                .iter()
                .filter(|o| matches!(o, Outcome::AnnotationsKept { .. }))
                .count(),
            3
        );
    }

    fn alices_spans_of_the_only_article(project: &Project) -> Vec<crate::model::Span> {
        let meta = project.articles().next().unwrap();
        let document = project.load_document(&meta.id).unwrap();
        let alice = AnnotatorName::new("alice").unwrap();
        project
            .load_annotations(&document, &alice)
            .unwrap()
            .annotations
            .spans
    }

    #[test]
    fn a_discontinuous_brat_span_is_joined_and_the_import_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Iran on Monday flatly rejected the offer.";
        fs::write(dir.path().join("split.txt"), text).unwrap();
        // "Iran … rejected": two fragments, with brat's text of them joined by a space.
        fs::write(
            dir.path().join("split.ann"),
            "T1\tactor 0 4\tIran\nT2\tstance 0 4;22 30\tIran rejected\n",
        )
        .unwrap();
        let (_keep, project, report) = import(&[dir.path().join("split.txt")], Some("alice"));
        assert_eq!(report.added(), 1, "{report:?}");
        let said: Vec<String> = report.outcomes.iter().map(ToString::to_string).collect();
        assert!(
            said.iter()
                .any(|o| o.starts_with("repaired  split.ann: 1 spans: discontinuous")),
            "{said:?}"
        );
        let spans = alices_spans_of_the_only_article(&project);
        let joined = spans.iter().find(|s| s.label == "stance").unwrap();
        assert_eq!((joined.start.0, joined.end.0), (0, 30));
        assert_eq!(joined.text, "Iran on Monday flatly rejected");
    }

    #[test]
    fn a_text_file_that_starts_like_a_peer_file_is_an_article() {
        let dir = tempfile::tempdir().unwrap();
        let update = dir.path().join("update.txt");
        fs::write(
            &update,
            "[UPDATE 2] Iran rejects EU offer on talks\n\nTEHRAN, June 12 (Reuters) - Iran rejected the offer on Tuesday.\n",
        )
        .unwrap();
        let tab = dir.path().join("tabbed.md");
        fs::write(
            &tab,
            "T1\tis how brat names a span\n\nThe manual says so.\n",
        )
        .unwrap();
        let (_keep, _project, report) = import(&[update, tab], None);
        assert_eq!(
            report.summary(),
            "2 added, 0 skipped as already there, 0 refused",
            "{report:?}"
        );
    }

    #[test]
    fn a_doccano_file_with_a_long_first_line_keeps_its_spans() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("long.jsonl");
        let filler = "The bloc said talks would resume after the holiday. ".repeat(200);
        let text = format!("Iran rejected the offer. {filler}");
        let line = serde_json::json!({"id": 7, "text": text, "label": [[0, 4, "actor"]]});
        fs::write(&file, format!("{line}\n")).unwrap();
        let (_keep, project, report) = import(&[file], Some("alice"));
        assert_eq!(report.added(), 1, "{report:?}");
        let spans = alices_spans_of_the_only_article(&project);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].text, "Iran");
    }

    #[test]
    fn doccano_1x_exports_keep_every_users_spans_as_done_work() {
        let (_dir, project, report) =
            import(&[fixture("peer/doccano-1x-annotations.jsonl")], Some("eve"));
        assert_eq!(report.added(), 3, "{report:?}");
        let mut names: Vec<&str> = project.annotators().map(AnnotatorName::as_str).collect();
        names.sort();
        assert_eq!(names, ["eve-1", "eve-2"]);
        // The file holds 3 spans of user 1 and 2 + 1 of user 2, and nothing else.
        let mut counts = BTreeMap::new();
        for meta in project.articles() {
            let document = project.load_document(&meta.id).unwrap();
            for name in ["eve-1", "eve-2"] {
                let who = AnnotatorName::new(name).unwrap();
                if !project.has_annotations(&who, &meta.id) {
                    continue;
                }
                let loaded = project
                    .load_annotations(&document, &who)
                    .unwrap()
                    .annotations;
                assert_eq!(loaded.status, Status::Done, "finished work from doccano");
                *counts.entry(name).or_insert(0) += loaded.spans.len();
            }
            assert!(meta.extra.contains_key("doccano_id"), "{meta:?}");
            assert!(
                !meta.extra.contains_key("annotations"),
                "spans are not metadata"
            );
        }
        assert_eq!(counts, BTreeMap::from([("eve-1", 3), ("eve-2", 3)]));
    }

    #[test]
    fn prodigy_answers_and_empty_span_lists_are_honoured() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("prodigy.jsonl");
        fs::write(
            &file,
            concat!(
                "{\"text\": \"Iran rejected the offer.\", \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"actor\"}], \"answer\": \"accept\"}\n",
                "{\"text\": \"Markets were quiet on Sunday.\", \"spans\": [], \"answer\": \"accept\"}\n",
                "{\"text\": \"Click here to subscribe.\", \"spans\": [], \"answer\": \"reject\"}\n",
                "{\"text\": \"Weather: sunny.\", \"answer\": \"ignore\"}\n",
            ),
        )
        .unwrap();
        let (_keep, project, report) = import(&[file], Some("pat"));
        assert_eq!(
            report.summary(),
            "2 added, 0 skipped as already there, 0 refused, 2 passed over as rejected or ignored"
        );
        let pat = AnnotatorName::new("pat").unwrap();
        let mut spans = Vec::new();
        for meta in project.articles() {
            let document = project.load_document(&meta.id).unwrap();
            let loaded = project
                .load_annotations(&document, &pat)
                .unwrap()
                .annotations;
            assert!(project.has_annotations(&pat, &meta.id), "{}", meta.id);
            assert_eq!(loaded.status, Status::Done);
            spans.push(loaded.spans.len());
        }
        spans.sort();
        assert_eq!(
            spans,
            [0, 1],
            "the accepted text without entities is annotated too"
        );
    }

    #[test]
    fn import_status_overrides_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::init(dir.path()).unwrap();
        let options = ImportOptions {
            annotator: Some(AnnotatorName::new("eve").unwrap()),
            status: Some(Status::InProgress),
        };
        import_paths(
            &mut project,
            &[fixture("peer/doccano-1x-annotations.jsonl")],
            &options,
        )
        .unwrap();
        let meta = project.articles().next().unwrap().clone();
        let document = project.load_document(&meta.id).unwrap();
        let who = AnnotatorName::new("eve-2").unwrap();
        let loaded = project
            .load_annotations(&document, &who)
            .unwrap()
            .annotations;
        assert_eq!(loaded.status, Status::InProgress);
    }

    #[test]
    fn label_studio_people_keep_who_they_were_in_every_task() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("project-3-at-2024.json");
        let region = |id: &str, start: usize, end: usize, text: &str| {
            serde_json::json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": start, "end": end, "text": text, "labels": ["actor"]}})
        };
        let user = |id: u64, email: &str| serde_json::json!({"id": id, "first_name": "", "last_name": "", "email": email});
        let tasks = serde_json::json!([
            {"id": 41, "data": {"text": "Iran rejected the offer."}, "annotations": [
                {"id": 1, "completed_by": user(1, "alice@example.org"), "was_cancelled": false, "result": [region("a", 0, 4, "Iran")]},
                {"id": 2, "completed_by": user(2, "bob@example.org"), "was_cancelled": false, "result": [region("b", 0, 4, "Iran")]}
            ]},
            {"id": 42, "data": {"text": "Qatar welcomed the talks."}, "annotations": [
                {"id": 3, "completed_by": 1, "created_username": " alice@example.org, 1", "was_cancelled": false, "result": [region("c", 0, 5, "Qatar")]}
            ]}
        ]);
        fs::write(&file, serde_json::to_string_pretty(&tasks).unwrap()).unwrap();
        let (_keep, project, report) = import(&[file], Some("ls"));
        assert_eq!(report.added(), 2, "{report:?}");
        let mut names: Vec<&str> = project.annotators().map(AnnotatorName::as_str).collect();
        names.sort();
        assert_eq!(names, ["alice-example.org", "bob-example.org"]);
        let alice = AnnotatorName::new("alice-example.org").unwrap();
        let tasks: Vec<&str> = project
            .articles()
            .inspect(|m| assert!(project.has_annotations(&alice, &m.id), "{}", m.id))
            .map(|m| m.extra["label_studio_task"].as_str())
            .collect();
        assert_eq!(tasks.len(), 2);
        assert!(tasks.contains(&"41") && tasks.contains(&"42"), "{tasks:?}");
    }

    #[test]
    fn a_brat_study_with_a_folder_per_annotator_gives_each_their_spans() {
        let dir = tempfile::tempdir().unwrap();
        let study = dir.path().join("study");
        let text = "Iran rejected the offer on Monday.";
        for (who, ann) in [
            ("alice", "T1\tactor 0 4\tIran\nT2\tstance 5 13\trejected\n"),
            ("bob", "T1\tactor 0 4\tIran\n"),
        ] {
            fs::create_dir_all(study.join(who)).unwrap();
            fs::write(study.join(who).join("d1.txt"), text).unwrap();
            fs::write(study.join(who).join("d1.ann"), ann).unwrap();
        }
        let (_keep, project, report) = import(&[study], None);
        assert_eq!(report.added(), 1, "one text, imported once: {report:?}");
        let meta = project.articles().next().unwrap();
        let document = project.load_document(&meta.id).unwrap();
        let mut counts = Vec::new();
        for who in ["alice", "bob"] {
            let who = AnnotatorName::new(who).unwrap();
            let spans = project
                .load_annotations(&document, &who)
                .unwrap()
                .annotations
                .spans;
            counts.push(spans.len());
        }
        assert_eq!(counts, [2, 1]);
    }

    #[test]
    fn a_brat_relation_between_several_pairs_of_labels_keeps_every_link() {
        let dir = tempfile::tempdir().unwrap();
        // "about" joins stance → claim and actor → claim, as brat's Arg1:<ENTITY> allows.
        let text = "Iran rejected the offer; Qatar backed the talks.";
        fs::write(dir.path().join("r.txt"), text).unwrap();
        fs::write(
            dir.path().join("r.ann"),
            "T1\tstance 5 13\trejected\nT2\tclaim 14 23\tthe offer\nT3\tactor 25 30\tQatar\nT4\tclaim 38 47\tthe talks\nR1\tabout Arg1:T1 Arg2:T2\nR2\tabout Arg1:T3 Arg2:T4\n",
        )
        .unwrap();
        let mut project = Project::init(&dir.path().join("p")).unwrap();
        let options = ImportOptions {
            annotator: Some(AnnotatorName::new("alice").unwrap()),
            ..ImportOptions::default()
        };
        let path = dir.path().join("r.txt");
        let refused = import_paths(&mut project, std::slice::from_ref(&path), &options).unwrap();
        let said = refused.outcomes[0].to_string();
        assert!(
            said.contains("link type “about” (actor → claim)") && said.contains("--add-labels"),
            "{said}"
        );
        let report = import_paths_with(
            &mut project,
            &[path],
            &options,
            NewLabels::Add,
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(report.added(), 1, "{report:?}");
        let project = Project::open(project.root()).unwrap();
        assert_eq!(
            project.schema().link_pairs("about"),
            "stance → claim, actor → claim"
        );
        let spans = alices_spans_of_the_only_article(&project);
        assert_eq!(spans.len(), 4);
        let meta = project.articles().next().unwrap();
        let document = project.load_document(&meta.id).unwrap();
        let alice = AnnotatorName::new("alice").unwrap();
        let loaded = project
            .load_annotations(&document, &alice)
            .unwrap()
            .annotations;
        assert_eq!(loaded.links.len(), 2);
        assert!(loaded.check(&document, project.schema()).is_empty());
    }

    #[test]
    fn brat_events_and_equivalences_go_in_and_what_cannot_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Iran attacked the convoy; Tehran said so.";
        fs::write(dir.path().join("e.txt"), text).unwrap();
        fs::write(
            dir.path().join("e.ann"),
            "T1\tstance 5 13\tattacked\nT2\tactor 0 4\tIran\nT3\tactor 26 32\tTehran\nT4\tclaim 14 24\tthe convoy\nE1\tstance:T1 Agent:T2 Target:T4\nR1\tabout Arg1:E1 Arg2:T4\n*\tEquiv T2 T3\n",
        )
        .unwrap();
        let mut project = Project::init(&dir.path().join("p")).unwrap();
        let options = ImportOptions {
            annotator: Some(AnnotatorName::new("alice").unwrap()),
            ..ImportOptions::default()
        };
        let report = import_paths_with(
            &mut project,
            &[dir.path().join("e.txt")],
            &options,
            NewLabels::Add,
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(report.added(), 1, "{report:?}");
        let said: Vec<String> = report.outcomes.iter().map(ToString::to_string).collect();
        assert!(
            said.iter()
                .any(|o| o
                    .contains("1 spans: links of another type between two spans already linked")),
            "{said:?}"
        );
        let project = Project::open(project.root()).unwrap();
        let meta = project.articles().next().unwrap();
        let document = project.load_document(&meta.id).unwrap();
        let alice = AnnotatorName::new("alice").unwrap();
        let loaded = project
            .load_annotations(&document, &alice)
            .unwrap()
            .annotations;
        assert_eq!(loaded.spans.len(), 4);
        let mut labels: Vec<&str> = loaded.links.iter().map(|l| l.label.as_str()).collect();
        labels.sort();
        assert_eq!(labels, ["Agent", "Equiv", "Target"]);
    }
}
