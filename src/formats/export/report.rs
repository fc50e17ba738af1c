//! What an export wrote, and everything it did not: what a format cannot carry,
//! what was left out as invalid, and the files it could not read.

use super::read;
use crate::formats::units::OffsetUnit;
use crate::model::LeftOut;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// One file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFile {
    /// Where.
    pub path: PathBuf,
    /// Documents in it.
    pub documents: usize,
    /// Spans in it.
    pub spans: usize,
}

/// Counts of things a format could not carry, by what and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Losses(BTreeMap<String, usize>);

impl Losses {
    /// Counts `n` more of `what` (a phrase that says what and why).
    pub fn add(&mut self, what: &str, n: usize) {
        if n > 0 {
            *self.0.entry(what.to_owned()).or_insert(0) += n;
        }
    }

    /// Each loss with its count.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// True when everything was carried.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many of `what` were counted.
    pub fn get(&self, what: &str) -> usize {
        self.0.get(what).copied().unwrap_or(0)
    }
}

/// What an export wrote and what it could not represent.
#[derive(Debug, Clone, Default)]
pub struct ExportReport {
    /// The files written, in order.
    pub files: Vec<WrittenFile>,
    /// Whose annotations were exported (`gold` or annotator names).
    pub sources: Vec<String>,
    /// Documents exported.
    pub documents: usize,
    /// Spans exported.
    pub spans: usize,
    /// Links exported.
    pub links: usize,
    /// Documents per split, when split.
    pub splits: BTreeMap<String, usize>,
    /// The offset unit written.
    pub offsets: OffsetUnit,
    /// Documents not exported by choice (status, no annotations), by reason.
    pub skipped: Losses,
    /// What the format could not carry, counted.
    pub not_represented: Losses,
    /// Spans and links left out because they are unplaced or invalid (what
    /// `claimspan validate` flags), counted by reason.
    pub left_out: LeftOut,
    /// Files that could not be read, one sentence each naming the file; the export
    /// holds everything else.
    pub unreadable: Vec<String>,
}

impl ExportReport {
    /// Takes in what the selection read and passed over.
    pub fn absorb(&mut self, selected: crate::formats::select::Selected) {
        self.sources = selected.sources;
        for (reason, n) in selected.skipped {
            self.skipped.add(reason, n);
        }
        self.left_out.absorb(&selected.left_out);
        self.unreadable.extend(selected.unreadable);
    }

    /// True when every file the export should have read was read. An incomplete
    /// export still wrote the rest; the command line exits 1 so scripts notice.
    pub fn is_complete(&self) -> bool {
        self.unreadable.is_empty()
    }
}

impl fmt::Display for ExportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            if file.documents == 0 && file.spans == 0 {
                writeln!(f, "wrote     {}", file.path.display())?;
            } else {
                writeln!(
                    f,
                    "wrote     {}  ({} documents, {} spans)",
                    file.path.display(),
                    file.documents,
                    file.spans
                )?;
            }
        }
        for (why, n) in self.skipped.iter() {
            writeln!(f, "skipped   {n} {why}")?;
        }
        for (what, n) in self.not_represented.iter() {
            writeln!(f, "not written: {n} {what}")?;
        }
        for (reason, n) in self.left_out.iter() {
            writeln!(f, "left out  {n} {}", reason.describe())?;
        }
        for problem in &self.unreadable {
            writeln!(f, "not read: {problem}")?;
        }
        let splits: Vec<String> = self
            .splits
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        write!(
            f,
            "exported {} documents, {} spans, {} links from {} (offsets in {})",
            self.documents,
            self.spans,
            self.links,
            self.sources.join(", "),
            self.offsets.describe()
        )?;
        if !splits.is_empty() {
            write!(f, "; split {}", splits.join(", "))?;
        }
        writeln!(f)?;
        if !self.is_complete() {
            writeln!(f, "{}", read::incomplete(self.unreadable.len()))?;
        }
        Ok(())
    }
}
