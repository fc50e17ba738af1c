//! What can go wrong with the project folder, each case naming the file, the place
//! and what to do.

use crate::model::{NameError, SchemaError, text::NotUtf8};
use std::io;
use std::path::PathBuf;
use thiserror::Error;

/// An error reading or writing the project folder.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file system refused.
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        /// "read", "write", "create", "list".
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A file is not UTF-8.
    #[error("{}: {source}", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Where.
        source: NotUtf8,
    },
    /// A RON file does not parse.
    #[error("{}:{line}:{column}: this is not valid claimspan RON ({message}); fix it by hand or restore it from git", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// A value could not be written as RON (a bug rather than bad input).
    #[error("could not write {} as RON ({message}); please report this", path.display())]
    Unwritable {
        /// The file it was for.
        path: PathBuf,
        /// What the serializer said.
        message: String,
    },
    /// A RON file is from a newer claimspan.
    #[error("{} was written by a newer claimspan (format {found}; this version reads format {supported} and older); update claimspan to open it", path.display())]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// Its format version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
    /// A RON file has no `format` field.
    #[error("{} has no `format` field; add `format: {supported},` as its first field", path.display())]
    NoFormat {
        /// The file.
        path: PathBuf,
        /// The version to add.
        supported: u32,
    },
    /// The folder has no `claimspan.ron`.
    #[error("{} is not a claimspan project (it has no claimspan.ron); create one with `claimspan init {}`", path.display(), path.display())]
    NotAProject {
        /// The folder.
        path: PathBuf,
    },
    /// `init` on a folder that already is a project.
    #[error("{} is already a claimspan project; open it instead", path.display())]
    AlreadyAProject {
        /// The folder.
        path: PathBuf,
    },
    /// The schema in `claimspan.ron` is inconsistent.
    #[error("{}: {source}", path.display())]
    Schema {
        /// `claimspan.ron`.
        path: PathBuf,
        /// What is wrong.
        source: SchemaError,
    },
    /// A file or folder name that is not a valid id or annotator name.
    #[error("{}: {source}", path.display())]
    Name {
        /// The file.
        path: PathBuf,
        /// What is wrong with its name.
        source: NameError,
    },
    /// A suggestions file that cannot be offered as it is.
    #[error("{}: these suggestions are not offered: {message}", path.display())]
    BadSuggestions {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// A file's contents disagree with its name (`document: "a"` in `b.ron`).
    #[error("{} says its {field} is “{found}” but its place in the project says “{expected}”; move the file or fix the field", path.display())]
    Misplaced {
        /// The file.
        path: PathBuf,
        /// `document`, `annotator`, `id`.
        field: &'static str,
        /// What the file says.
        found: String,
        /// What its path says.
        expected: String,
    },
    /// An id that is not in the project.
    #[error("there is no document “{id}” in {}; run `claimspan stats` to list what is there", root.display())]
    NoSuchDocument {
        /// The project folder.
        root: PathBuf,
        /// The id asked for.
        id: String,
    },
    /// Two different articles would get the same id.
    #[error("the id “{id}” is already used by a different article; give this one another id")]
    IdTaken {
        /// The id.
        id: String,
    },
    /// A metadata value nests deeper than a project file may, so the article's file
    /// could not be read back.
    #[error(
        "its metadata field “{field}” nests {depth} levels deep; claimspan keeps at most {most} levels (a deeper file could not be read back): flatten or drop the field"
    )]
    MetadataTooDeep {
        /// The field.
        field: String,
        /// How deep it nests.
        depth: usize,
        /// The most a field may nest.
        most: usize,
    },
    /// Another process holds the project lock and we were told not to wait.
    #[error("another program is writing to the project {} ({holder}); try again when it has finished", path.display())]
    Locked {
        /// The project folder.
        path: PathBuf,
        /// Who holds the lock, as its lock file says.
        holder: String,
    },
    /// A write failed half-way through a batch (a full disk, say) and everything the
    /// batch had written was taken back.
    #[error("{reason}; nothing of this {what} was kept{}: free some disk space (or fix what the message names) and run it again", taken_back(*removed, *restored, left))]
    TakenBack {
        /// "import", say.
        what: &'static str,
        /// The failed write's message.
        reason: String,
        /// Files created and removed again.
        removed: usize,
        /// Files replaced and put back.
        restored: usize,
        /// Files that could not be put back, with why.
        left: Vec<String>,
    },
    /// A project file or folder that is a symbolic link, a pipe or a device.
    #[error("{} is {found}, not a plain {}; project files must be regular files inside the project folder: replace it with the file itself", path.display(), if *found == "a folder" { "file" } else { "file or folder" })]
    NotARegularFile {
        /// The path.
        path: PathBuf,
        /// What it is: "a symbolic link", "a named pipe (FIFO)", …
        found: &'static str,
    },
    /// `guidelines` in `claimspan.ron` points outside the project folder.
    #[error("{}: the guidelines file “{guidelines}” is outside the project folder; give a path inside it, such as guidelines.md", path.display())]
    GuidelinesOutside {
        /// `claimspan.ron`.
        path: PathBuf,
        /// The path it gives.
        guidelines: String,
    },
    /// A file still holds the markers of an unresolved git merge.
    #[error("{}:{line}: this file has git conflict markers (<<<<<<<); resolve the git merge in {} (keep one version, or both spans), then try again", path.display(), path.display())]
    ConflictMarkers {
        /// The file.
        path: PathBuf,
        /// The line of the first marker, from 1.
        line: usize,
    },
    /// A RON file that starts with a byte-order mark.
    #[error("{} starts with a byte-order mark (BOM), which claimspan's RON files do not have; save it as UTF-8 without BOM (most editors offer “UTF-8” beside “UTF-8 with BOM”)", path.display())]
    Bom {
        /// The file.
        path: PathBuf,
    },
    /// An annotator name that differs from one the project has only by case.
    #[error(
        "the project already has the annotator “{existing}”; “{asked}” differs only by case, which macOS and Windows treat as the same folder: use “{existing}”"
    )]
    AnnotatorCase {
        /// The name asked for.
        asked: String,
        /// The name already in the project.
        existing: String,
    },
    /// An article whose files are there but could not be read.
    #[error("{} is there but could not be read, so the article “{id}” is not imported again over it: {reason}", path.display())]
    ArticleUnreadable {
        /// The unreadable file.
        path: PathBuf,
        /// The article's id.
        id: String,
        /// Why it could not be read, with what to do.
        reason: String,
    },
}

impl StoreError {
    /// An `Io` error; `action` is the verb shown to the user.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        StoreError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

/// How much a taken-back batch undid, for [`StoreError::TakenBack`].
fn taken_back(removed: usize, restored: usize, left: &[String]) -> String {
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    let mut said = format!(" ({removed} new {} removed", files(removed));
    if restored > 0 {
        said.push_str(&format!(
            ", {restored} changed {} put back",
            files(restored)
        ));
    }
    said.push(')');
    if !left.is_empty() {
        said.push_str(&format!(
            ", except that these could not be put back: {}",
            left.join("; ")
        ));
    }
    said
}
