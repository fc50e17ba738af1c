//! Why a file, or one record of it, could not be imported.

use crate::model::{EditError, NameError, text::NotUtf8};
use crate::store::StoreError;
use std::io;
use std::path::PathBuf;
use thiserror::Error;

/// An import refused, naming the file, the place and the fix.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read at all.
    #[error("could not read {}: {source}; check that it exists and that you may read it", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The file is not UTF-8.
    #[error("{}: {source}", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The first bad byte.
        source: NotUtf8,
    },
    /// Nothing but white space.
    #[error("{} is empty; there is nothing to import", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// NUL bytes: an image, archive or other binary file.
    #[error("{} is a binary file (it has NUL bytes at byte {offset}), not an article; import .txt, .md or .jsonl files", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// The first NUL byte.
        offset: usize,
    },
    /// A JSONL line that is not a JSON object.
    #[error("{}:{line}: this line is not a JSON object ({message}); fix or remove the line", path.display())]
    JsonLine {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What the JSON parser said.
        message: String,
    },
    /// A JSONL field of the wrong shape.
    #[error("{}:{line}: {message}", path.display())]
    JsonField {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// A JSONL span that does not fit the text or the schema.
    #[error("{}:{line}: span {index}: {source}", path.display())]
    Span {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// The span's place in the line's `spans`, from 1.
        index: usize,
        /// What is wrong.
        source: EditError,
    },
    /// A JSONL id that is not a safe file name.
    #[error("{}:{line}: {source}", path.display())]
    Id {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What is wrong with the id.
        source: NameError,
    },
    /// Too large to read; refused before reading.
    #[error("{} is {} MiB, more than the {} MiB claimspan imports at once; split it into smaller files and import those", path.display(), size >> 20, limit >> 20)]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A pipe or device that gave more than the limit; refused once the limit was
    /// passed, so `/dev/zero` cannot fill memory.
    #[error("{} gave more than the {} MiB claimspan imports at once; split the input into smaller files and import those", path.display(), limit >> 20)]
    StreamTooLarge {
        /// The pipe or device.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// A JSON file that does not parse.
    #[error("{}:{line}:{column}: this is not valid JSON ({message}); the file may be cut short or damaged: export it from {tool} again", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What the parser said.
        message: String,
        /// The tool the file seems to come from.
        tool: &'static str,
    },
    /// A peer tool's file of the wrong shape, with what to do.
    #[error("{}:{line}: {message}", path.display())]
    Peer {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// A database (DNA's `.dna`) that cannot be imported: not SQLite, not DNA's,
    /// DNA 2's, locked by another program or damaged. Nothing of it was imported.
    #[error("{}: {message}; nothing of it was imported", path.display())]
    Database {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// Spans whose offsets do not fit the text and could not be repaired; nothing of
    /// the file was imported.
    #[error("{}: {}, so nothing of the file was imported: {}", path.display(), problems_counted(spans.len()), first_problems(spans))]
    BadSpans {
        /// The file.
        path: PathBuf,
        /// One entry per span: where and why.
        spans: Vec<String>,
    },
    /// A JSONL file with lines that cannot be imported: as with every importer, the
    /// file goes in whole or not at all.
    #[error("{}: {} could not be imported, so nothing of the file was: {}; fix {} and import the file again", path.display(), if lines.len() == 1 { "1 line".to_owned() } else { format!("{} lines", lines.len()) }, first_problems(lines), if lines.len() == 1 { "it" } else { "them" })]
    BadLines {
        /// The file.
        path: PathBuf,
        /// One entry per line: where and why.
        lines: Vec<String>,
    },
    /// Labels, attributes or link types the schema lacks.
    #[error("{}: {what} not in the project's schema; import again with --add-labels to add them (or rename them in the file); nothing of the file was imported", path.display())]
    UnknownLabels {
        /// The file.
        path: PathBuf,
        /// What is missing, listed.
        what: String,
    },
    /// The project refused (an id taken, a write failed).
    #[error("{}: {source}", path.display())]
    Store {
        /// The file being imported.
        path: PathBuf,
        /// What the project said.
        source: StoreError,
    },
}

/// Whose annotations and which documents an export reads, when the choice cannot be
/// used; each message says what to choose instead.
#[derive(Debug, Error)]
pub enum SelectError {
    /// `--source gold` but nothing was adjudicated.
    #[error(
        "the project has no gold annotations yet ({annotators}); choose an annotator with --source NAME"
    )]
    NoGold {
        /// The annotators there are.
        annotators: String,
    },
    /// `--source NAME` for someone without annotations.
    #[error(
        "“{name}” has no annotations in this project (annotators: {annotators}); choose one of them with --source NAME"
    )]
    UnknownAnnotator {
        /// The name asked for.
        name: String,
        /// The annotators there are.
        annotators: String,
    },
    /// Several annotators, no gold, no choice made.
    #[error(
        "the project has no gold annotations and several annotators ({annotators}); choose whose to export with --source NAME"
    )]
    ChooseSource {
        /// The annotators there are.
        annotators: String,
    },
    /// Nothing annotated at all.
    #[error(
        "the project has no annotations to export; annotate some documents first or import them with --annotator NAME"
    )]
    NoAnnotations,
    /// `--source all` for an export that holds one set of annotations a document.
    #[error(
        "{export} holds one set of annotations per document; choose gold or one annotator with --source NAME (label-studio and statements take --source all)"
    )]
    OneSourceOnly {
        /// The export asked for.
        export: &'static str,
    },
    /// A date that is not `YYYY-MM-DD`.
    #[error("“{given}” is not a date; give it as YYYY-MM-DD, for example 2018-06-14")]
    BadDate {
        /// The text given.
        given: String,
    },
    /// A `--window` or `--step` that is not a number of days or weeks.
    #[error("{0}")]
    Window(String),
    /// A window whose start is after its end.
    #[error("the dates run from {from} to {to}, which is backwards; swap --from and --to")]
    BackwardsDates {
        /// The start given.
        from: String,
        /// The end given.
        to: String,
    },
}

/// An export that could not be done, with what to do about it.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The choice of annotations or documents cannot be read.
    #[error(transparent)]
    Select(#[from] SelectError),
    /// `--labels` names a label the schema lacks.
    #[error(
        "the label “{label}” is not in the project's schema ({known}); list only those with --labels"
    )]
    UnknownLabel {
        /// The label asked for.
        label: String,
        /// The labels there are.
        known: String,
    },
    /// `--offsets` in another unit than the one a format is read in.
    #[error(
        "{format} counts offsets in chars, as Python and spaCy do, and cannot be written in {unit}; drop --offsets"
    )]
    OffsetsFixed {
        /// The format asked for.
        format: &'static str,
        /// The unit asked for.
        unit: &'static str,
    },
    /// The output should be a file but a folder is there.
    #[error("{} is a folder; give a file name with --out, or add --split to write one file per split into it", path.display())]
    OutIsFolder {
        /// The path.
        path: PathBuf,
    },
    /// The output should be a folder but a file is there.
    #[error("{} is a file, but this export writes a folder; give a folder name with --out", path.display())]
    OutIsFile {
        /// The path.
        path: PathBuf,
    },
    /// Writing failed.
    #[error("could not {action} {}: {source}; check the disk and that you may write there", path.display())]
    Io {
        /// "create", "write".
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// `--out` is a place where the project keeps its own data.
    #[error("will not write the export to {}: that is the project's {what}, which the export would overwrite; give --out a place outside {listed}, for example in {}", path.display(), root.join("exports").display())]
    IntoProject {
        /// The path given.
        path: PathBuf,
        /// What the project keeps there, in words.
        what: String,
        /// The places of the project's data, listed.
        listed: String,
        /// The project folder.
        root: PathBuf,
    },
    /// Putting a finished file in place failed after others were put in place.
    #[error("could not put {} in place: {source}; {replaced} of {total} files of this export were already replaced and the others are as they were; check the disk and export again", path.display())]
    Replace {
        /// The file that could not be replaced.
        path: PathBuf,
        /// How many of the export's files were already in place.
        replaced: usize,
        /// How many files the export has.
        total: usize,
        /// What the system said.
        source: io::Error,
    },
    /// The project could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ExportError {
    /// An `Io` error; `action` is the verb shown to the user.
    pub fn io(action: &'static str, path: &std::path::Path, source: io::Error) -> Self {
        ExportError::Io {
            action,
            path: path.to_owned(),
            source,
        }
    }
}

/// The most problems a message lists one by one: a file with thousands of them gets
/// a sentence a person can read, not a line of 17,000 characters.
const LISTED: usize = 10;

fn problems_counted(n: usize) -> String {
    if n == 1 {
        "a span or link could not be imported".to_owned()
    } else {
        format!("{n} spans or links could not be imported")
    }
}

fn first_problems(problems: &[String]) -> String {
    let mut listed = problems
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > LISTED {
        listed.push_str(&format!(
            "; and {} more like these",
            problems.len() - LISTED
        ));
    }
    listed
}
