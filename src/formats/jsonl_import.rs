//! Importing our own simple JSONL (`{"text", "spans"}` a line, Prodigy's too): the
//! whole file is read and checked before anything is written.

use super::as_suggestions::{drop_scores, suggestion_set};
use super::error::ImportError;
use super::import::{ImportOptions, ImportReport, NewLabels, Outcome};
use super::jsonl::{JsonlRecord, file_name, parse_jsonl};
use super::peer::add_label;
use crate::model::{Annotations, AnnotatorName, ArticleMeta, Document, EditError, Schema, Status};
use crate::store::{Planned, Project, StoreError, WriteBatch};
use std::collections::BTreeSet;
use std::path::Path;

/// A JSONL file: every line is read and checked first, and the file goes in whole or
/// not at all, as a peer file does. Labels its spans use that the schema lacks are
/// added with `--add-labels`, or refuse the file with them named.
pub(crate) fn import_jsonl(
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
    annotated_document(schema, meta, annotator, record, path).map(|_| ())
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
            id,
            from: from.clone(),
        }
    } else {
        Outcome::AlreadyThere {
            id,
            from: from.clone(),
        }
    }];
    let annotations = if record.annotated {
        annotations_to_add(project, path, &record, &meta, from, options, &mut outcomes)?
    } else {
        None
    };
    if is_new {
        project
            .write_article(meta, &record.article.text, batch)
            .map_err(store_error)?;
    }
    if let Some(mut annotations) = annotations {
        match &options.suggestions {
            Some(from) => {
                if let Some(set) = suggestion_set(from, std::slice::from_ref(&annotations)) {
                    project
                        .save_suggestions(&set, Some(batch))
                        .map_err(store_error)?;
                }
            }
            None => {
                drop_scores(&mut annotations);
                project
                    .add_imported_annotations(&annotations, batch)
                    .map_err(store_error)?;
            }
        }
    }
    Ok(outcomes)
}

/// With an annotator, an annotated record's spans as their annotations, unless
/// the annotator has some on the article already; what becomes of them is added to
/// `outcomes`.
fn annotations_to_add(
    project: &Project,
    path: &Path,
    record: &JsonlRecord,
    meta: &ArticleMeta,
    from: String,
    options: &ImportOptions,
    outcomes: &mut Vec<Outcome>,
) -> Result<Option<Annotations>, ImportError> {
    let id = meta.id.to_string();
    match &options.annotator {
        None => {
            outcomes.push(Outcome::SpansNotImported {
                from,
                spans: record.spans.len(),
            });
            Ok(None)
        }
        Some(annotator) if options.suggestions.is_some() => {
            let from = options.suggestions.clone().unwrap_or_default();
            let made = annotated_document(project.schema(), meta.clone(), annotator, record, path)?;
            outcomes.push(Outcome::Suggested {
                id,
                from,
                spans: made.spans.len(),
            });
            Ok(Some(made))
        }
        Some(annotator) if project.has_annotations(annotator, &meta.id) => {
            outcomes.push(Outcome::AnnotationsKept {
                id,
                annotator: annotator.to_string(),
            });
            Ok(None)
        }
        Some(annotator) => {
            let mut made =
                annotated_document(project.schema(), meta.clone(), annotator, record, path)?;
            // Prodigy's "accept" and a line without an answer alike are finished
            // work; --status says otherwise where it is given.
            made.status = options.status.unwrap_or(Status::Done);
            outcomes.push(Outcome::Annotated {
                id,
                annotator: annotator.to_string(),
                spans: made.spans.len(),
            });
            Ok(Some(made))
        }
    }
}

/// The record's spans as `annotator`'s annotations on the article `meta`, or the
/// first bad span named by file, line and place.
fn annotated_document(
    schema: &Schema,
    meta: ArticleMeta,
    annotator: &AnnotatorName,
    record: &JsonlRecord,
    path: &Path,
) -> Result<Annotations, ImportError> {
    let document = Document::new(meta, record.article.text.clone());
    annotate(schema, &document, annotator, record).map_err(|(index, source)| ImportError::Span {
        path: path.to_owned(),
        line: record.line,
        index,
        source,
    })
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
