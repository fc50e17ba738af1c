//! Which annotations an export reads, the same for every export (training data, the
//! statements table, the network): whose ([`Source`]), which documents by status
//! ([`StatusFilter`]) and by date ([`DateWindow`]), read one document at a time by
//! [`for_each_document`].
//!
//! Documents are read in id order, so an export's output is the same on every
//! machine and its memory does not grow with the project. A file that cannot be read
//! is named in [`Selected::unreadable`] and the rest goes on; only what
//! [`Annotations::keep_usable`] keeps is handed on.

use super::error::SelectError;
use super::export::read::incomplete;
use super::export::{SetRead, SetReader};
use super::wire::dates::days_in_month;
use crate::model::{Annotations, AnnotatorName, ArticleMeta, Document, DocumentId, LeftOut};
use crate::store::Project;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// Whose annotations to export.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Source {
    /// Gold where the project has any, else the only annotator (an error otherwise);
    /// Label Studio takes gold and every annotator.
    #[default]
    Auto,
    /// The adjudicated annotations in `gold/`.
    Gold,
    /// One annotator's.
    Annotator(AnnotatorName),
    /// Gold, where there is any, and every annotator's: one annotation each in Label
    /// Studio, rows with their annotator (`gold` for gold) in the statements table.
    All,
}

impl FromStr for Source {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "gold" => Ok(Source::Gold),
            "all" => Ok(Source::All),
            name => AnnotatorName::new(name)
                .map(Source::Annotator)
                .map_err(|e| e.to_string()),
        }
    }
}

/// Which documents to export by their status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Only documents marked done; gold when the reviewer marked it reviewed (or a
    /// merge left nothing to decide).
    #[default]
    Done,
    /// Every annotated document.
    All,
}

impl FromStr for StatusFilter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "done" => Ok(StatusFilter::Done),
            "all" => Ok(StatusFilter::All),
            other => Err(format!("“{other}” is not a status filter; use done or all")),
        }
    }
}

/// A calendar date as articles store it, `2018-06-14`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    year: u16,
    month: u8,
    day: u8,
}

impl IsoDate {
    /// Reads `YYYY-MM-DD`, also at the start of a longer timestamp
    /// (`2018-06-15T09:40`, `2018-06-15 09:40`); `None` for anything else or a day
    /// the calendar does not have.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let date = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
            return None;
        }
        let bytes = date.as_bytes();
        if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = date.get(range)?;
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        // The calendar the wire-story dates are read with.
        let days = days_in_month(u32::from(year), u32::from(month));
        (1..=days)
            .contains(&u32::from(day))
            .then_some(Self { year, month, day })
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The dates to include, both ends inclusive; open at an end without a date. A
/// window with an end leaves out documents without an ISO date, and says how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateWindow {
    /// The first day included.
    pub from: Option<IsoDate>,
    /// The last day included.
    pub to: Option<IsoDate>,
}

impl DateWindow {
    /// The window from `--from` and `--to` as typed.
    pub fn new(from: Option<&str>, to: Option<&str>) -> Result<Self, SelectError> {
        let parse = |given: Option<&str>| {
            given
                .map(|g| {
                    IsoDate::parse(g).ok_or_else(|| SelectError::BadDate {
                        given: g.to_owned(),
                    })
                })
                .transpose()
        };
        let window = Self {
            from: parse(from)?,
            to: parse(to)?,
        };
        if let (Some(from), Some(to)) = (window.from, window.to)
            && from > to
        {
            return Err(SelectError::BackwardsDates {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        Ok(window)
    }

    /// True when the window has no end: every document is in, dated or not.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// True when `date` falls in the window.
    pub fn contains(&self, date: IsoDate) -> bool {
        self.from.is_none_or(|from| from <= date) && self.to.is_none_or(|to| date <= to)
    }
}

/// What an export reads: whose annotations, and which documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Whose annotations.
    pub source: Source,
    /// Which documents by status.
    pub status: StatusFilter,
    /// Which documents by date.
    pub dates: DateWindow,
    /// Keep where accepted suggestions came from (their `origin` attribute); left
    /// out by default, as training data should not say which spans a model offered.
    pub origin: bool,
}

/// How many sets of annotations of one document an export can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// One: gold or one annotator's (most formats, and the network, which would
    /// count a statement once per annotator).
    One,
    /// Any number; [`Source::All`] reads gold and every annotator (the statements
    /// table, which names the annotator of each row).
    Many,
    /// Any number, and all of them unless one is chosen (Label Studio).
    AllByDefault,
}

/// The sets of annotations `source` stands for in `project`, in the order they are
/// read: `None` is gold, then annotators by name. `export` names the export in the
/// sentence that refuses `--source all` for one that [`Takes::One`].
pub fn resolve_sources(
    project: &Project,
    source: &Source,
    takes: Takes,
    export: &'static str,
) -> Result<Vec<Option<AnnotatorName>>, SelectError> {
    // An annotator is someone with at least one file: an empty folder is nobody's work.
    let annotators: Vec<&AnnotatorName> = project
        .annotators()
        .filter(|a| project.annotated_by(a).next().is_some())
        .collect();
    let listed = || {
        if annotators.is_empty() {
            "nobody has annotated yet".to_owned()
        } else {
            annotators
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let has_gold = project.gold().next().is_some();
    let everyone = || {
        let mut all: Vec<Option<AnnotatorName>> = Vec::new();
        if has_gold {
            all.push(None);
        }
        all.extend(annotators.iter().map(|a| Some((*a).clone())));
        all
    };
    match source {
        Source::Gold if has_gold => Ok(vec![None]),
        Source::Gold => Err(SelectError::NoGold {
            annotators: listed(),
        }),
        Source::Annotator(name) if annotators.contains(&name) => Ok(vec![Some(name.clone())]),
        Source::Annotator(name) => Err(SelectError::UnknownAnnotator {
            name: name.to_string(),
            annotators: listed(),
        }),
        Source::All if takes == Takes::One => Err(SelectError::OneSourceOnly { export }),
        Source::All | Source::Auto if takes == Takes::AllByDefault || *source == Source::All => {
            let all = everyone();
            if all.is_empty() {
                Err(SelectError::NoAnnotations)
            } else {
                Ok(all)
            }
        }
        Source::Auto | Source::All if has_gold => Ok(vec![None]),
        Source::Auto | Source::All => match annotators.as_slice() {
            [] => Err(SelectError::NoAnnotations),
            [only] => Ok(vec![Some((*only).clone())]),
            _ => Err(SelectError::ChooseSource {
                annotators: listed(),
            }),
        },
    }
}

/// What was read and what was passed over, and why.
#[derive(Debug, Default, Clone)]
pub struct Selected {
    /// Documents with at least one set of annotations read.
    pub documents: usize,
    /// Sets of annotations read: one per document, or one per document and source
    /// when several are read.
    pub sets: usize,
    /// Whose annotations were read (`gold` or annotator names).
    pub sources: Vec<String>,
    /// Documents (or, for a source not done, sets) passed over by choice, counted by
    /// reason.
    pub skipped: BTreeMap<&'static str, usize>,
    /// Files that could not be read, one sentence each; the export went on without
    /// them.
    pub unreadable: Vec<String>,
    /// Spans and links left out as unplaced or invalid, counted by reason.
    pub left_out: LeftOut,
}

impl Selected {
    /// True when every file that should have been read was read. An incomplete
    /// export still wrote the rest; the command line exits 1 so scripts notice.
    pub fn is_complete(&self) -> bool {
        self.unreadable.is_empty()
    }

    fn skip(&mut self, reason: &'static str) {
        *self.skipped.entry(reason).or_insert(0) += 1;
    }
}

/// Reason: none of the chosen sources has a file for the document.
pub const NOT_ANNOTATED: &str = "not annotated";
/// Reason: a set of annotations is not marked done and only done ones are asked for.
/// (How to take them too is the caller's to say: the command line and the window
/// name it differently.)
pub const NOT_DONE: &str = "not marked done";
/// Reason: the window has an end and the document has no ISO date.
pub const NO_DATE: &str = "no date (left out of a date window)";
/// Reason: the document's date is outside the window.
pub const OUTSIDE_DATES: &str = "outside the dates";

/// Calls `each` with every document `selection` takes, in id order, and the sets of
/// annotations read of it (in the order of `sources`; never empty), then
/// `progress(done, total)`. Every article is looked at, and every annotated document
/// whose article is missing, so that its files are named rather than passed over.
pub fn for_each_document<E>(
    project: &Project,
    selection: &Selection,
    sources: Vec<Option<AnnotatorName>>,
    progress: &mut dyn FnMut(usize, usize),
    mut each: impl FnMut(&Document, Vec<Annotations>) -> Result<(), E>,
) -> Result<Selected, E> {
    let mut selected = Selected {
        sources: sources
            .iter()
            .map(|s| s.as_ref().map_or("gold".to_owned(), ToString::to_string))
            .collect(),
        ..Selected::default()
    };
    let mut ids: BTreeSet<&DocumentId> = project.articles().map(|m| &m.id).collect();
    for source in &sources {
        match source {
            None => ids.extend(project.gold()),
            Some(name) => ids.extend(project.annotated_by(name)),
        }
    }
    let reader = SetReader::new(project, sources, selection.status);
    let total = ids.len();
    for (done, id) in ids.into_iter().enumerate() {
        read_one(project, &reader, selection, id, &mut selected, &mut each)?;
        progress(done + 1, total);
    }
    Ok(selected)
}

/// Reads one document for [`for_each_document`] and hands on what it selects.
fn read_one<E>(
    project: &Project,
    reader: &SetReader<'_>,
    selection: &Selection,
    id: &DocumentId,
    selected: &mut Selected,
    each: &mut impl FnMut(&Document, Vec<Annotations>) -> Result<(), E>,
) -> Result<(), E> {
    if let Some(meta) = project.article(id)
        && let Some(reason) = outside(&selection.dates, meta)
    {
        selected.skip(reason);
        return Ok(());
    }
    let read = match reader.read(id, &mut selected.left_out) {
        Ok(Some(read)) => read,
        Ok(None) => {
            selected.skip(NOT_ANNOTATED);
            return Ok(());
        }
        Err(problem) => {
            selected.unreadable.push(problem);
            return Ok(());
        }
    };
    let mut sets = Vec::with_capacity(read.sets.len());
    for set in read.sets {
        match set {
            SetRead::NoFile => {}
            SetRead::NotDone => selected.skip(NOT_DONE),
            SetRead::Unreadable(problem) => selected.unreadable.push(problem),
            SetRead::Read(mut annotations) => {
                if !selection.origin {
                    for span in &mut annotations.spans {
                        span.attributes.remove(crate::model::ORIGIN);
                    }
                }
                sets.push(annotations)
            }
        }
    }
    if sets.is_empty() {
        return Ok(());
    }
    selected.documents += 1;
    selected.sets += sets.len();
    each(&read.document, sets)
}

/// Why `meta` is outside `dates`, if it is.
fn outside(dates: &DateWindow, meta: &ArticleMeta) -> Option<&'static str> {
    if dates.is_open() {
        return None;
    }
    match meta.date.as_deref().and_then(IsoDate::parse) {
        None => Some(NO_DATE),
        Some(date) if !dates.contains(date) => Some(OUTSIDE_DATES),
        Some(_) => None,
    }
}

impl fmt::Display for Selected {
    /// `read 3 documents (alice); skipped: 2 not done, 1 outside the dates`, then one
    /// line per unreadable file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.documents {
            1 => f.write_str("read 1 document")?,
            n => write!(f, "read {n} documents")?,
        }
        if self.sets != self.documents {
            write!(f, ", {} annotation sets", self.sets)?;
        }
        write!(f, " ({})", self.sources.join(", "))?;
        if !self.skipped.is_empty() {
            let skipped: Vec<String> = self
                .skipped
                .iter()
                .map(|(reason, n)| format!("{n} {reason}"))
                .collect();
            write!(f, "; skipped: {}", skipped.join(", "))?;
        }
        for (reason, n) in self.left_out.iter() {
            write!(f, "\nleft out {n} {}", reason.describe())?;
        }
        for problem in &self.unreadable {
            write!(f, "\nnot read: {problem}")?;
        }
        if !self.is_complete() {
            write!(f, "\n{}", incomplete(self.unreadable.len()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_windows() {
        let d = |s: &str| IsoDate::parse(s);
        assert_eq!(d("2018-06-14").unwrap().to_string(), "2018-06-14");
        assert_eq!(d(" 2018-06-15T09:40 ").unwrap().to_string(), "2018-06-15");
        assert_eq!(d("2020-02-29 10:00").unwrap().to_string(), "2020-02-29");
        for bad in [
            "2019-02-29",
            "2018-13-01",
            "2018-6-14",
            "14 June 2018",
            "2018-06-14x",
            "",
            "２０１８-06-14",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
        let window = DateWindow::new(Some("2018-06-14"), Some("2018-06-15")).unwrap();
        assert!(window.contains(d("2018-06-14").unwrap()));
        assert!(window.contains(d("2018-06-15").unwrap()));
        assert!(!window.contains(d("2018-06-16").unwrap()));
        let from = DateWindow::new(Some("2018-06-15"), None).unwrap();
        assert!(!from.is_open() && from.contains(d("2030-01-01").unwrap()));
        assert!(DateWindow::new(None, None).unwrap().is_open());
        assert_eq!(
            DateWindow::new(Some("2018-06-16"), Some("2018-06-14"))
                .unwrap_err()
                .to_string(),
            "the dates run from 2018-06-16 to 2018-06-14, which is backwards; swap --from and --to"
        );
        assert_eq!(
            DateWindow::new(Some("June 2018"), None)
                .unwrap_err()
                .to_string(),
            "“June 2018” is not a date; give it as YYYY-MM-DD, for example 2018-06-14"
        );
    }

    #[test]
    fn sources_and_filters_read_from_their_names() {
        assert_eq!("gold".parse::<Source>(), Ok(Source::Gold));
        assert_eq!("all".parse::<Source>(), Ok(Source::All));
        assert!(matches!(
            "alice".parse::<Source>(),
            Ok(Source::Annotator(_))
        ));
        assert!("../x".parse::<Source>().is_err());
        assert_eq!("all".parse::<StatusFilter>(), Ok(StatusFilter::All));
        assert!("some".parse::<StatusFilter>().is_err());
    }
}
