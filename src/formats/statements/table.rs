//! The statements table: one CSV row a statement, for counting and mapping claims in
//! a spreadsheet, R or pandas.
//!
//! Columns, in order: `document`, `date`, `source`, `actor_text`, `actor_entity`,
//! `actor_name`, `actor_type`, `stance_text`, `polarity`, `claim_text`,
//! `claim_category`, `claim_category_name`, `actor_start`, `actor_end`,
//! `stance_start`, `stance_end`, `claim_start`, `claim_end`, `annotator`,
//! `complete`, `missing`.
//!
//! - Offsets are char (code point) indices into the stored article text, end
//!   exclusive, as everywhere in claimspan.
//! - **Incomplete statements are included**, with empty cells for the missing part,
//!   `complete` = `false` and `missing` naming what is missing (`actor`, `claim`,
//!   `polarity`, space separated). Leaving them out would hide unfinished coding from
//!   whoever analyses the table; filtering on `complete` is one step.
//! - `actor_entity` holds the span's `entity` id as stored, even when the registry
//!   no longer has it (then `actor_name` and `actor_type` are empty, and the report
//!   counts it); the same for categories.
//! - UTF-8 without a byte-order mark, comma separated, `\n` line ends, and RFC 4180
//!   quoting: a cell with a comma, quote, or line break is quoted, quotes doubled.

use super::error::StatementsError;
use crate::formats::export::check_output_file;
use crate::formats::select::{Selected, Selection, Takes, for_each_document, resolve_sources};
use crate::model::UnknownAssignments;
use crate::model::schema::{CATEGORY, ENTITY};
use crate::model::{Annotations, ArticleMeta, DocumentStatements, Registry, Schema, Span};
use crate::store::{Project, write_atomic};
use std::borrow::Cow;
use std::fmt;
use std::io::Write;
use std::path::Path;

/// The header row.
pub const COLUMNS: [&str; 21] = [
    "document",
    "date",
    "source",
    "actor_text",
    "actor_entity",
    "actor_name",
    "actor_type",
    "stance_text",
    "polarity",
    "claim_text",
    "claim_category",
    "claim_category_name",
    "actor_start",
    "actor_end",
    "stance_start",
    "stance_end",
    "claim_start",
    "claim_end",
    "annotator",
    "complete",
    "missing",
];

/// What a statements table holds and what was passed over.
#[derive(Debug, Default)]
pub struct TableReport {
    /// Documents read and skipped.
    pub selected: Selected,
    /// Rows written, not counting the header.
    pub rows: usize,
    /// Rows of complete statements.
    pub complete: usize,
    /// Rows of incomplete statements (included, marked `complete` = `false`).
    pub incomplete: usize,
    /// Actor spans not in any statement (no stance linked).
    pub unlinked_actors: usize,
    /// Claim spans not in any statement.
    pub unlinked_claims: usize,
    /// Links left out as the schema does not know them.
    pub ignored_links: usize,
    /// Assignments to ids the registry does not have.
    pub unknown: UnknownAssignments,
}

impl fmt::Display for TableReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.selected)?;
        write!(
            f,
            "{} statements: {} complete, {} incomplete (marked complete=false)",
            self.rows, self.complete, self.incomplete
        )?;
        write_notes(
            f,
            &[
                (self.unlinked_actors, "actor spans in no statement"),
                (self.unlinked_claims, "claim spans in no statement"),
                (
                    self.ignored_links,
                    "links the schema does not know, left out",
                ),
                (
                    self.unknown.entities,
                    "actor spans whose entity is not in entities.ron",
                ),
                (
                    self.unknown.categories,
                    "claim spans whose category is not in entities.ron",
                ),
            ],
        )
    }
}

/// Writes `; n what` for each count that is not zero.
pub(crate) fn write_notes(f: &mut fmt::Formatter<'_>, notes: &[(usize, &str)]) -> fmt::Result {
    for (n, what) in notes {
        if *n > 0 {
            write!(f, "\n{n} {what}")?;
        }
    }
    Ok(())
}

/// Writes the statements table of `project` to `out`: a header, then one row per
/// statement of the selected annotations, documents in id order and statements in
/// document order, calling `progress(done, total)` after each document. With
/// [`crate::formats::Source::All`] it holds gold's rows and every annotator's, each
/// row naming whose it is.
pub fn write_statements_table(
    project: &Project,
    registry: &Registry,
    selection: &Selection,
    out: &mut impl Write,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<TableReport, StatementsError> {
    let sources = resolve_sources(project, &selection.source, Takes::Many, "statements")?;
    write_row(out, COLUMNS)?;
    let mut report = TableReport::default();
    let schema = project.schema();
    report.selected =
        for_each_document(project, selection, sources, progress, |document, sets| {
            for annotations in &sets {
                write_document(
                    out,
                    &document.meta,
                    annotations,
                    schema,
                    registry,
                    &mut report,
                )?;
            }
            Ok::<(), StatementsError>(())
        })?;
    Ok(report)
}

/// Writes the statements table of `project` to the file `path`, atomically, reading
/// the registry from the project: the entry point of `claimspan export --format
/// statements`.
pub fn export_statements_table(
    project: &Project,
    selection: &Selection,
    path: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<TableReport, StatementsError> {
    check_output_file(project, path)?;
    let registry = project.load_registry()?.registry;
    let mut bytes = Vec::new();
    let report = write_statements_table(project, &registry, selection, &mut bytes, progress)?;
    write_atomic(path, &bytes)?;
    Ok(report)
}

fn write_document(
    out: &mut impl Write,
    meta: &ArticleMeta,
    annotations: &Annotations,
    schema: &Schema,
    registry: &Registry,
    report: &mut TableReport,
) -> Result<(), StatementsError> {
    let built = DocumentStatements::build(annotations, schema);
    report.unlinked_actors += built.unlinked_actors.len();
    report.unlinked_claims += built.unlinked_claims.len();
    report.ignored_links += built.ignored_links.len();
    report.unknown.add(annotations, registry);
    for statement in &built.statements {
        let (stance, actor, claim) = statement.spans(annotations);
        let entity = actor.and_then(|s| registry.entity_of(s));
        let category = claim.and_then(|s| registry.category_of(s));
        let cells: [Cow<'_, str>; 21] = [
            meta.id.as_str().into(),
            meta.date.as_deref().unwrap_or("").into(),
            meta.source.as_deref().unwrap_or("").into(),
            text_of(actor).into(),
            attribute_of(actor, ENTITY).into(),
            entity.map_or("", |e| e.name.as_str()).into(),
            entity.map_or("", |e| e.kind.as_str()).into(),
            text_of(stance).into(),
            statement
                .polarity
                .as_ref()
                .map_or("", |p| p.as_str())
                .into(),
            text_of(claim).into(),
            attribute_of(claim, CATEGORY).into(),
            category.map_or("", |c| c.name.as_str()).into(),
            offset_of(actor, false).into(),
            offset_of(actor, true).into(),
            offset_of(stance, false).into(),
            offset_of(stance, true).into(),
            offset_of(claim, false).into(),
            offset_of(claim, true).into(),
            annotations.annotator.as_str().into(),
            if statement.is_complete() {
                "true"
            } else {
                "false"
            }
            .into(),
            statement.missing().names().join(" ").into(),
        ];
        write_row(out, cells)?;
        report.rows += 1;
        if statement.is_complete() {
            report.complete += 1;
        } else {
            report.incomplete += 1;
        }
    }
    Ok(())
}

fn text_of(span: Option<&Span>) -> &str {
    span.map_or("", |s| s.text.as_str())
}

fn attribute_of<'a>(span: Option<&'a Span>, name: &str) -> &'a str {
    span.and_then(|s| s.attributes.get(name))
        .map_or("", String::as_str)
}

/// A span's start (or end) as a cell; empty without a span.
fn offset_of(span: Option<&Span>, end: bool) -> String {
    span.map_or(String::new(), |s| {
        if end { s.end } else { s.start }.to_string()
    })
}

/// Writes one CSV row of `cells`, each quoted as [`csv_cell`] says, and a `\n`:
/// the rows of every CSV file the statements and networks make.
pub(crate) fn write_row<S: AsRef<str>>(
    out: &mut impl Write,
    cells: impl IntoIterator<Item = S>,
) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str(&csv_cell(cell.as_ref()));
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}

/// A cell as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma,
/// a quote or a line break; as it is otherwise.
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    if cell.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("Iran’s ministry"), "Iran’s ministry");
        assert_eq!(csv_cell("oil, gas"), "\"oil, gas\"");
        assert_eq!(csv_cell("“no” said \"he\""), "\"“no” said \"\"he\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell(""), "");
    }

    proptest! {
        /// Whatever the texts, a CSV reader gets every cell back exactly.
        #[test]
        fn rows_round_trip_through_a_csv_reader(
            rows in proptest::collection::vec(proptest::collection::vec("(\\PC|[,\"\r\n ])*", 1..5), 1..6)
        ) {
            let width = rows[0].len();
            let rows: Vec<Vec<String>> = rows
                .into_iter()
                .map(|mut r| { r.resize(width, "x".into()); r })
                .collect();
            let mut out = Vec::new();
            for row in &rows {
                write_row(&mut out, row.iter().map(|c| Cow::Borrowed(c.as_str()))).unwrap();
            }
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(out.as_slice());
            let back: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect())
                .collect();
            // A row of one empty cell is an empty line, which readers skip.
            let expected: Vec<Vec<String>> = rows
                .into_iter()
                .filter(|r| !(r.len() == 1 && r[0].is_empty()))
                .collect();
            prop_assert_eq!(back, expected);
        }
    }
}
