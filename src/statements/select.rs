//! Which annotations a statements export reads: whose (an annotator, gold, all),
//! which documents by status, and which by date.
//!
//! Documents are read one at a time in id order, so an export's output is the same
//! on every machine and its memory does not grow with the project.

use super::error::StatementsError;
use crate::formats::export::read::incomplete;
use crate::formats::export::{SetRead, SetReader};
use crate::model::{Annotations, AnnotatorName, ArticleMeta, DocumentId, LeftOut};
use crate::store::Project;

// The same choices as the training-data export: one vocabulary for “whose” and
// “which documents” across every export.
pub use crate::formats::export::{Source, StatusFilter};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

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
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
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
    pub fn new(from: Option<&str>, to: Option<&str>) -> Result<Self, StatementsError> {
        let parse = |given: Option<&str>| {
            given
                .map(|g| {
                    IsoDate::parse(g).ok_or_else(|| StatementsError::BadDate {
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
            return Err(StatementsError::BackwardsDates {
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

/// What a statements export reads.
#[derive(Debug, Clone, Default)]
pub struct StatementOptions {
    /// Whose annotations.
    pub source: Source,
    /// Which documents by status.
    pub status: StatusFilter,
    /// Which documents by date.
    pub dates: DateWindow,
}

/// What was read and what was passed over, and why.
#[derive(Debug, Default)]
pub struct Selected {
    /// Annotation sets read: one per document, or one per document and annotator
    /// when all annotators are read.
    pub documents: usize,
    /// Whose annotations were read (`gold` or annotator names).
    pub sources: Vec<String>,
    /// Documents passed over by choice, counted by reason.
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

/// Reason: the source has no file for the document.
pub const NOT_ANNOTATED: &str = "not annotated";
/// Reason: the document is not marked done.
pub const NOT_DONE: &str = "not done";
/// Reason: the window has an end and the document has no ISO date.
pub const NO_DATE: &str = "no date (left out of a date window)";
/// Reason: the document's date is outside the window.
pub const OUTSIDE_DATES: &str = "outside the dates";

/// One set of annotations to read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Whose {
    Gold,
    Annotator(AnnotatorName),
}

impl Whose {
    fn name(&self) -> String {
        match self {
            Whose::Gold => "gold".to_owned(),
            Whose::Annotator(name) => name.to_string(),
        }
    }

    /// As the shared reader names sources: `None` for gold.
    fn source(&self) -> Option<AnnotatorName> {
        match self {
            Whose::Gold => None,
            Whose::Annotator(name) => Some(name.clone()),
        }
    }
}

fn sources(project: &Project, source: &Source) -> Result<Vec<Whose>, StatementsError> {
    let annotators: Vec<&AnnotatorName> = project
        .annotators()
        .filter(|a| project.annotated_by(a).next().is_some())
        .collect();
    let names = || annotators.iter().map(|a| a.to_string()).collect();
    match source {
        Source::Gold => Ok(vec![Whose::Gold]),
        Source::Annotator(name) => {
            if annotators.contains(&name) {
                Ok(vec![Whose::Annotator(name.clone())])
            } else {
                Err(StatementsError::NoSuchAnnotator {
                    root: project.root().to_owned(),
                    name: name.to_string(),
                    annotators: names(),
                })
            }
        }
        Source::All => Ok(annotators
            .iter()
            .map(|a| Whose::Annotator((*a).clone()))
            .collect()),
        Source::Auto => {
            if project.gold().next().is_some() {
                return Ok(vec![Whose::Gold]);
            }
            match annotators.as_slice() {
                [one] => Ok(vec![Whose::Annotator((*one).clone())]),
                [] => Err(StatementsError::NothingAnnotated {
                    root: project.root().to_owned(),
                }),
                _ => Err(StatementsError::NoDefaultSource {
                    root: project.root().to_owned(),
                    annotators: names(),
                }),
            }
        }
    }
}

/// Calls `each` with every set of annotations `options` selects, in document id
/// order (and annotator order within a document), with the article's metadata.
///
/// They are read as the training-data export reads them ([`SetReader`]): only what
/// [`Annotations::keep_usable`] keeps, and a file that cannot be read is named in
/// [`Selected::unreadable`] while the rest goes on.
pub fn for_each_selected(
    project: &Project,
    options: &StatementOptions,
    mut each: impl FnMut(&ArticleMeta, &Annotations) -> Result<(), StatementsError>,
) -> Result<Selected, StatementsError> {
    let whose = sources(project, &options.source)?;
    let mut selected = Selected {
        sources: whose.iter().map(Whose::name).collect(),
        ..Selected::default()
    };
    let reader = SetReader::new(
        project,
        whose.iter().map(Whose::source).collect(),
        options.status,
    );
    // Every article, and the annotated documents whose article is missing, so that
    // their files are named rather than passed over.
    let mut ids: BTreeSet<&DocumentId> = project.articles().map(|m| &m.id).collect();
    for who in &whose {
        match who {
            Whose::Gold => ids.extend(project.gold()),
            Whose::Annotator(name) => ids.extend(project.annotated_by(name)),
        }
    }
    for id in ids {
        if let Some(meta) = project.article(id)
            && let Some(reason) = outside(&options.dates, meta)
        {
            selected.skip(reason);
            continue;
        }
        let read = match reader.read(id, &mut selected.left_out) {
            Ok(Some(read)) => read,
            Ok(None) => {
                for _ in &whose {
                    selected.skip(NOT_ANNOTATED);
                }
                continue;
            }
            Err(problem) => {
                selected.unreadable.push(problem);
                continue;
            }
        };
        for set in read.sets {
            match set {
                SetRead::NoFile => selected.skip(NOT_ANNOTATED),
                SetRead::NotDone => selected.skip(NOT_DONE),
                SetRead::Unreadable(problem) => selected.unreadable.push(problem),
                SetRead::Read(annotations) => {
                    selected.documents += 1;
                    each(&read.document.meta, &annotations)?;
                }
            }
        }
    }
    Ok(selected)
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
        write!(
            f,
            "read {} documents ({})",
            self.documents,
            self.sources.join(", ")
        )?;
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
