//! Importing a peer file: everything is read, placed and checked first; only a file
//! with no problem is written, so a refused file leaves the project as it was.

use super::{PeerKind, PeerRecord, PeerSet, brat, doccano, label_studio, own_jsonl};
use crate::formats::as_suggestions::{drop_scores, suggestion_set};
use crate::formats::error::ImportError;
use crate::formats::import::{Counted, ImportOptions, ImportReport, NewLabels, Outcome, ReadFile};
use crate::formats::jsonl::file_name;
use crate::formats::text_file::read_text;
use crate::model::{
    Annotations, AnnotatorName, ArticleMeta, AttributeDef, LabelDef, LinkType, Schema,
};
use crate::store::{Planned, Project, WriteBatch};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

mod build;
use build::build;

/// Colours for labels added at import: the rest of the Okabe–Ito palette the
/// default labels use, then Paul Tol's muted colours, so they stay apart for
/// colour-blind readers and readable on a light and a dark page (no black, no grey).
const NEW_COLOURS: [&str; 10] = [
    "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#882255", "#44AA99", "#999933", "#AA4499",
    "#332288", "#DDCC77",
];

/// The first import colour no label of `schema` has yet; once all are taken, they
/// come round again.
fn new_colour(schema: &Schema) -> &'static str {
    NEW_COLOURS
        .iter()
        .find(|c| {
            !schema
                .labels
                .iter()
                .any(|l| l.color.eq_ignore_ascii_case(c))
        })
        .copied()
        .unwrap_or(NEW_COLOURS[schema.labels.len() % NEW_COLOURS.len()])
}

/// Repairs and what was left out of a record, counted by what they are about.
type Repairs = BTreeMap<(Counted, String), usize>;

/// A record checked and ready to write.
pub(super) struct Ready {
    from: String,
    article: crate::store::NewArticle,
    sets: Vec<Annotations>,
    repairs: Repairs,
    spans_without_annotator: usize,
    /// Spans of a tool's predictions passed over (imported only as suggestions).
    predictions_passed: usize,
    /// The name the sets are kept under as suggestions, when they are.
    suggestions: Option<String>,
}

/// Imports one peer file (for brat, the pair `path` belongs to), adding its outcome
/// to `report`.
pub fn import_peer_file(
    project: &mut Project,
    file: ReadFile<'_>,
    kind: PeerKind,
    options: &ImportOptions,
    labels: NewLabels,
    batch: &mut WriteBatch,
    report: &mut ImportReport,
) {
    let ReadFile { path, text } = file;
    match plan(project, path, text, kind, options, labels) {
        Ok((schema, added, ready)) => write(project, path, schema, added, ready, batch, report),
        Err(err) => report.outcomes.push(Outcome::Refused(err)),
    }
}

/// The records of `path`, whose content is `text`; for brat, the other half of the
/// pair is read here.
fn read_records(path: &Path, text: &str, kind: PeerKind) -> Result<Vec<PeerRecord>, ImportError> {
    match kind {
        PeerKind::Brat => {
            let txt = path.with_extension("txt");
            let ann = path.with_extension("ann");
            if !ann.is_file() {
                return Err(ImportError::Peer {
                    path: path.to_owned(),
                    line: 1,
                    message: format!(
                        "a brat text needs its annotations beside it in {}; put the .ann file there",
                        ann.display()
                    ),
                });
            }
            if !txt.is_file() {
                return Err(ImportError::Peer {
                    path: ann.clone(),
                    line: 1,
                    message: format!(
                        "brat annotations need their text beside them in {}; put the .txt file there",
                        txt.display()
                    ),
                });
            }
            let named_the_text = path.extension().is_some_and(|e| e == "txt");
            let other = if named_the_text { &ann } else { &txt };
            let other_text = match read_text(other) {
                // An .ann without any annotation is empty, and that is fine.
                Err(ImportError::Empty { .. }) if named_the_text => String::new(),
                other => other?,
            };
            let (text, ann_text) = if named_the_text {
                (text, other_text.as_str())
            } else {
                (other_text.as_str(), text)
            };
            Ok(vec![brat::read(&txt, text, &ann, ann_text)?])
        }
        PeerKind::Doccano => doccano::read(path, text),
        PeerKind::LabelStudio => label_studio::read(path, text),
        PeerKind::OwnJsonl => own_jsonl::read(path, text),
        // A database is not text: `import_file` sends it to `dna::import_dna_file`
        // before reading anything as text.
        PeerKind::Dna => Err(ImportError::Database {
            path: path.to_owned(),
            message: "a DNA database is opened as a database, not read as text".into(),
        }),
    }
}

/// The schema to write (where labels were added), what was added, described, and
/// every record ready to write.
pub(super) type Plan = (Option<Schema>, Vec<String>, Vec<Ready>);

/// Reads, places and checks the whole file; the first problem refuses it all.
fn plan(
    project: &Project,
    path: &Path,
    text: &str,
    kind: PeerKind,
    options: &ImportOptions,
    labels: NewLabels,
) -> Result<Plan, ImportError> {
    let records = read_records(path, text, kind)?;
    let shown = if kind == PeerKind::Brat {
        path.with_extension("ann")
    } else {
        path.to_owned()
    };
    let (schema, added) = schema_for(project, &records, &shown, kind, options, labels)?;
    plan_records(project, records, &shown, kind, schema, added, options)
}

/// Places and checks every record of the file `shown` against `schema`, the
/// project's with `added`; the first problem refuses it all.
pub(super) fn plan_records(
    project: &Project,
    records: Vec<PeerRecord>,
    shown: &Path,
    kind: PeerKind,
    schema: Schema,
    added: Vec<String>,
    options: &ImportOptions,
) -> Result<Plan, ImportError> {
    let name = file_name(shown);
    let several = several_annotators(&records);
    let mut ready = Vec::with_capacity(records.len());
    let mut bad = Vec::new();
    for record in records {
        let from = match kind {
            PeerKind::Brat => name.clone(),
            PeerKind::Dna => format!("{name}, document {}", record.line),
            _ => format!("{name}:{}", record.line),
        };
        let meta = match project.plan_article(&record.article) {
            Ok(Planned::New(meta)) => meta,
            Ok(Planned::AlreadyThere(id)) => match project.article(&id) {
                Some(meta) => meta.clone(),
                None => continue,
            },
            Err(source) => {
                return Err(ImportError::Store {
                    path: shown.to_owned(),
                    source,
                });
            }
        };
        let annotated = Annotated {
            schema: &schema,
            meta: &meta,
            several,
            options,
        };
        ready.push(annotated.ready(&record, from, &mut bad));
    }
    if !bad.is_empty() {
        return Err(ImportError::BadSpans {
            path: shown.to_owned(),
            spans: bad,
        });
    }
    let changed = (!added.is_empty()).then_some(schema);
    Ok((changed, added, ready))
}

/// The project's schema with the labels, attributes and link types the records
/// use (and, for brat, its `annotation.conf` allows) where the import may add them,
/// and what was added, described; refused where it may not, or where the result
/// is not a valid schema.
fn schema_for(
    project: &Project,
    records: &[PeerRecord],
    shown: &Path,
    kind: PeerKind,
    options: &ImportOptions,
    labels: NewLabels,
) -> Result<(Schema, Vec<String>), ImportError> {
    // From every record first.
    let mut schema = project.schema().clone();
    let mut added = if options.annotator.is_some() {
        extend_schema(&mut schema, records)
    } else {
        Vec::new()
    };
    // What the collection's annotation.conf allows, when the user lets labels in.
    if kind == PeerKind::Brat
        && labels == NewLabels::Add
        && options.annotator.is_some()
        && let Some(conf_path) = super::brat_conf::find(shown)
    {
        let conf_text = crate::formats::text_file::read_text(&conf_path)?;
        let conf = super::brat_conf::parse(&conf_path, &conf_text)?;
        added.extend(super::brat_conf::extend_schema(&mut schema, &conf));
    }
    if !added.is_empty() {
        if labels == NewLabels::Refuse {
            return Err(ImportError::UnknownLabels {
                path: shown.to_owned(),
                what: added.join(", "),
            });
        }
        schema.check().map_err(|e| ImportError::Peer {
            path: shown.to_owned(),
            line: 1,
            message: format!("{e}; rename it in the file"),
        })?;
    }
    Ok((schema, added))
}

/// Whether the file holds several people's work. That is a question of the whole
/// file: a task only one of them annotated must still be that person's.
fn several_annotators(records: &[PeerRecord]) -> bool {
    let hints: std::collections::BTreeSet<Option<&str>> = records
        .iter()
        .flat_map(|r| &r.sets)
        .filter(|s| !s.predicted)
        .map(|s| s.annotator.as_deref())
        .collect();
    // A model's predictions beside one person's work leave it that person's.
    hints.len() > 1
        || records
            .iter()
            .any(|r| r.sets.iter().filter(|s| !s.predicted).count() > 1)
}

/// What every record's annotator sets are built with.
struct Annotated<'a> {
    /// The schema as the import leaves it.
    schema: &'a Schema,
    /// The article the record is (new, or already in the project).
    meta: &'a ArticleMeta,
    /// Whether the file holds several people's work.
    several: bool,
    /// Who the work is imported as, and with what status.
    options: &'a ImportOptions,
}

impl Annotated<'_> {
    /// The record's article and its sets as annotations, each set's problems added
    /// to `bad`, named by `from`.
    fn ready(&self, record: &PeerRecord, from: String, bad: &mut Vec<String>) -> Ready {
        let mut r = Ready {
            from,
            sets: Vec::new(),
            repairs: BTreeMap::new(),
            spans_without_annotator: 0,
            predictions_passed: 0,
            suggestions: self.options.suggestions.clone(),
            article: record.article.clone(),
        };
        // One gold standard a document: a second "ground truth" is kept as its
        // annotator's work.
        let mut gold_taken = false;
        // Imported as suggestions, a record with a model's predictions gives those
        // alone: the people's annotations beside them are not what was asked for.
        let predicted = record.sets.iter().any(|s| s.predicted);
        for (i, set) in record.sets.iter().enumerate() {
            if set.predicted && r.suggestions.is_none() {
                r.predictions_passed += set.spans.len();
                continue;
            }
            if predicted && !set.predicted && r.suggestions.is_some() {
                continue;
            }
            let name = if let Some(coder) = &set.coder {
                let Some(name) = coder_name(coder) else {
                    r.spans_without_annotator += set.spans.len();
                    continue;
                };
                name
            } else {
                let Some(annotator) = &self.options.annotator else {
                    r.spans_without_annotator += set.spans.len();
                    continue;
                };
                if set.gold && !gold_taken {
                    gold_taken = true;
                    AnnotatorName::gold()
                } else {
                    annotator_for(annotator, set, i, self.several)
                }
            };
            match build(self.schema, self.meta, record, set, name, &mut r.repairs) {
                Ok(mut annotations) => {
                    if let Some(status) = self.options.status {
                        annotations.status = status;
                    }
                    if r.suggestions.is_none() {
                        drop_scores(&mut annotations);
                    }
                    r.sets.push(annotations)
                }
                Err(problems) => {
                    bad.extend(problems.into_iter().map(|p| format!("{}: {p}", r.from)))
                }
            }
        }
        r
    }
}

/// Who a set of annotations becomes: the annotator named on the command line, or
/// with several sets in one record, one name each made from it.
fn annotator_for(
    base: &AnnotatorName,
    set: &PeerSet,
    index: usize,
    several: bool,
) -> AnnotatorName {
    if let Some(user) = &set.user
        && let Ok(name) = AnnotatorName::new(&format!("{base}-{user}"))
    {
        return name;
    }
    if !several {
        return base.clone();
    }
    let hint = set.annotator.as_deref().unwrap_or_default();
    own_name(hint)
        .or_else(|| AnnotatorName::new(&format!("{base}-{hint}")).ok())
        .or_else(|| AnnotatorName::new(&format!("{base}-{}", index + 1)).ok())
        .unwrap_or_else(|| base.clone())
}

/// The annotator a file's coder becomes: their name as [`own_name`] makes it, or
/// `coder-<name>` for a name that says nothing (a bare number, a reserved name).
fn coder_name(coder: &str) -> Option<AnnotatorName> {
    own_name(coder).or_else(|| own_name(&format!("coder-{coder}")))
}

/// A person's name or email from a peer file as an annotator name: transliterated
/// to ASCII and made a safe file name (`alice@example.org` → `alice-example.org`);
/// `None` for a bare number, which says nothing about who it was, and for the
/// reserved names.
pub(crate) fn own_name(hint: &str) -> Option<AnnotatorName> {
    if hint.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let ascii = deunicode::deunicode(hint);
    let mut safe = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            c
        } else {
            '-'
        };
        // No "..", no runs of dashes.
        if (c == '-' || c == '.') && safe.ends_with(['-', '.']) {
            continue;
        }
        safe.push(c);
    }
    let safe = safe.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    AnnotatorName::new(safe).ok()
}

/// Adds `name` to the schema as a label of its own colour, described for the report.
pub(crate) fn add_label(schema: &mut Schema, name: &str) -> String {
    let colour = new_colour(schema);
    schema.labels.push(LabelDef {
        name: name.to_owned(),
        color: colour.to_owned(),
        keys: Vec::new(),
        attributes: Vec::new(),
    });
    format!("label “{name}”")
}

/// Adds what the records use and the schema lacks; returns it described.
fn extend_schema(schema: &mut Schema, records: &[PeerRecord]) -> Vec<String> {
    let mut added = Vec::new();
    for set in records.iter().flat_map(|r| &r.sets) {
        let labels_of: HashMap<&str, &str> = set
            .spans
            .iter()
            .map(|s| (s.key.as_str(), s.label.as_str()))
            .collect();
        for span in &set.spans {
            if schema.label(&span.label).is_none() {
                added.push(add_label(schema, &span.label));
            }
            for (name, value) in &span.attributes {
                if crate::model::is_tool_attribute(name) {
                    continue;
                }
                allow_value(schema, &span.label, name, value, &mut added);
            }
        }
        for link in &set.links {
            let (Some(from), Some(to)) = (
                labels_of.get(link.from.as_str()),
                labels_of.get(link.to.as_str()),
            ) else {
                continue;
            };
            if !link.label.is_empty() {
                allow_link(schema, &link.label, from, to, &mut added);
            }
        }
    }
    added
}

/// Lets attribute `name` of `label` take `value`, adding the attribute or the value
/// where the schema lacks it (described into `added`).
pub(super) fn allow_value(
    schema: &mut Schema,
    label: &str,
    name: &str,
    value: &str,
    added: &mut Vec<String>,
) {
    let Some(def) = schema.labels.iter_mut().find(|l| l.name == label) else {
        return;
    };
    match def.attributes.iter_mut().find(|a| a.name == name) {
        None => {
            def.attributes.push(AttributeDef {
                name: name.to_owned(),
                values: vec![value.to_owned()],
            });
            added.push(format!("attribute “{name}” of {label}"));
        }
        Some(def) if !def.allows(value) => {
            def.values.push(value.to_owned());
            added.push(format!("value “{value}” of {name}"));
        }
        Some(_) => {}
    }
}

/// Lets link type `name` join `from` → `to`. A name may join several pairs of labels
/// (brat's `Arg1:<ENTITY>`): each pair is an entry of its own.
pub(super) fn allow_link(
    schema: &mut Schema,
    name: &str,
    from: &str,
    to: &str,
    added: &mut Vec<String>,
) {
    if schema.link_type_for(name, from, to).is_some() {
        return;
    }
    schema.link_types.push(LinkType {
        name: name.to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
    });
    added.push(format!("link type “{name}” ({from} → {to})"));
}

/// Writes a planned file: the schema, then each record's article and annotations,
/// each outcome reported.
pub(super) fn write(
    project: &mut Project,
    path: &Path,
    schema: Option<Schema>,
    added: Vec<String>,
    ready: Vec<Ready>,
    batch: &mut WriteBatch,
    report: &mut ImportReport,
) {
    let store_error = |source| ImportError::Store {
        path: PathBuf::from(path),
        source,
    };
    if let Some(schema) = schema {
        if let Err(source) = project.set_schema(schema, batch) {
            return report.outcomes.push(Outcome::Refused(store_error(source)));
        }
        report.outcomes.push(Outcome::LabelsAdded {
            what: added.join(", "),
        });
    }
    for mut r in ready {
        let id = match project.plan_article(&r.article) {
            Ok(Planned::New(meta)) => {
                let id = meta.id.clone();
                if let Err(source) = project.write_article(meta, &r.article.text, batch) {
                    report.outcomes.push(Outcome::Refused(store_error(source)));
                    continue;
                }
                report.outcomes.push(Outcome::Added {
                    id: id.to_string(),
                    from: r.from.clone(),
                });
                id
            }
            Ok(Planned::AlreadyThere(id)) => {
                report.outcomes.push(Outcome::AlreadyThere {
                    id: id.to_string(),
                    from: r.from.clone(),
                });
                id
            }
            Err(source) => {
                report.outcomes.push(Outcome::Refused(store_error(source)));
                continue;
            }
        };
        for ((of, how), count) in &r.repairs {
            report.outcomes.push(Outcome::Repaired {
                from: r.from.clone(),
                count: *count,
                of: *of,
                how: how.clone(),
            });
        }
        if r.predictions_passed > 0 {
            report.outcomes.push(Outcome::PredictionsNotImported {
                from: r.from.clone(),
                spans: r.predictions_passed,
            });
        }
        if let Some(from) = &r.suggestions {
            for annotations in &mut r.sets {
                annotations.document = id.clone();
            }
            let Some(set) = suggestion_set(from, &r.sets) else {
                continue;
            };
            match project.save_suggestions(&set, Some(batch)) {
                Ok(()) => report.outcomes.push(Outcome::Suggested {
                    id: id.to_string(),
                    from: from.clone(),
                    spans: set.spans.len(),
                }),
                Err(source) => report.outcomes.push(Outcome::Refused(store_error(source))),
            }
            continue;
        }
        if r.spans_without_annotator > 0 {
            report.outcomes.push(Outcome::SpansNotImported {
                from: r.from.clone(),
                spans: r.spans_without_annotator,
            });
        }
        for mut annotations in r.sets {
            annotations.document = id.clone();
            let annotator = annotations.annotator.to_string();
            match project.add_imported_annotations(&annotations, batch) {
                Ok(true) => report.outcomes.push(Outcome::Annotated {
                    id: id.to_string(),
                    annotator,
                    spans: annotations.spans.len(),
                }),
                Ok(false) => report.outcomes.push(Outcome::AnnotationsKept {
                    id: id.to_string(),
                    annotator,
                }),
                Err(source) => report.outcomes.push(Outcome::Refused(store_error(source))),
            }
        }
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
