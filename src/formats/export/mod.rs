//! Export of a project's annotations as training data: JSONL (spaCy/Prodigy), CoNLL
//! IOB2, brat standoff, Label Studio JSON, doccano JSONL, a Hugging Face dataset
//! folder and spaCy's binary DocBin, optionally split into train/dev/test.
//!
//! [`export`] is the one entry point, called by `claimspan export` and by the
//! window's Export… dialog alike. It reads one document at a time, so the memory it
//! needs does not grow with the project, and returns an [`ExportReport`] that says
//! what was written and, counted, everything a format could not carry: nothing is
//! left out silently.

mod atomic;
mod brat;
mod conll;
mod doccano;
mod files;
mod free_values;
mod guard;
mod hf;
mod iob;
mod jsonl;
mod label_studio;
mod label_studio_config;
pub mod read;
mod report;
mod spacy;
mod spacy_strings;
pub mod split;

pub use atomic::is_stream;
pub use read::{DocumentSets, SetRead, SetReader};
pub use report::{ExportReport, Losses, WrittenFile};
pub use split::SplitSpec;

use super::error::ExportError;
use super::select::{Selection, Takes};
use super::select::{for_each_document, resolve_sources};
use super::units::OffsetUnit;
use crate::model::{Annotations, Document};
use crate::store::Project;
use files::Outputs;
use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// The formats [`export`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// One document a line, spaCy/Prodigy style, with spans and relations.
    Jsonl,
    /// CoNLL IOB2: a token a line, one tag column per label.
    Conll,
    /// brat standoff: `DOC.txt` and `DOC.ann` per document, plus `annotation.conf`.
    Brat,
    /// Label Studio's JSON task list, one annotation per annotator.
    LabelStudio,
    /// doccano's `{"text", "label": [[start, end, label]]}` lines, in UTF-16 units.
    Doccano,
    /// A folder for Hugging Face `datasets`: split JSONL files of tokens and tag ids.
    Hf,
    /// spaCy's binary `.spacy` file (a DocBin) for `spacy train`: tokens, entities
    /// and every span in the span group `sc`.
    Spacy,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Jsonl,
        ExportFormat::Conll,
        ExportFormat::Brat,
        ExportFormat::LabelStudio,
        ExportFormat::Doccano,
        ExportFormat::Hf,
        ExportFormat::Spacy,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Conll => "conll",
            ExportFormat::Brat => "brat",
            ExportFormat::LabelStudio => "label-studio",
            ExportFormat::Doccano => "doccano",
            ExportFormat::Hf => "hf",
            ExportFormat::Spacy => "spacy",
        }
    }

    /// The unit offsets are written in unless asked otherwise: the one the tool that
    /// reads the format counts in.
    pub fn default_offsets(self) -> OffsetUnit {
        match self {
            ExportFormat::Doccano => OffsetUnit::Utf16,
            _ => OffsetUnit::Chars,
        }
    }

    /// How many sets of annotations of a document the format holds: Label Studio
    /// one annotation per annotator, every other format one.
    pub fn takes(self) -> Takes {
        match self {
            ExportFormat::LabelStudio => Takes::AllByDefault,
            _ => Takes::One,
        }
    }

    /// True for a format whose reader counts in chars and nothing else, so
    /// `--offsets` cannot change it.
    pub fn fixed_offsets(self) -> bool {
        self == ExportFormat::Spacy
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.name() == s || (s == "labelstudio" && *f == ExportFormat::LabelStudio))
            .ok_or_else(|| {
                format!(
                    "“{s}” is not an export format; use one of {}",
                    ExportFormat::ALL.map(|f| f.name()).join(", ")
                )
            })
    }
}

/// Everything an export is asked to do.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The format.
    pub format: ExportFormat,
    /// The file (or, for brat, hf and split exports, the folder) to write.
    pub out: PathBuf,
    /// Whose annotations, and which documents by status and date.
    pub selection: Selection,
    /// Only spans of these labels; all labels when `None`.
    pub labels: Option<Vec<String>>,
    /// Train/dev/test fractions; `hf` uses 80/10/10 when none are given.
    pub split: Option<SplitSpec>,
    /// Seed of the split.
    pub seed: u64,
    /// Offset unit; the format's own when `None`.
    pub offsets: Option<OffsetUnit>,
    /// CoNLL and hf: one tag column for all labels instead of one per label.
    pub flat: bool,
}

impl ExportOptions {
    /// Options for `format` into `out` with every other choice at its default.
    pub fn new(format: ExportFormat, out: impl Into<PathBuf>) -> Self {
        Self {
            format,
            out: out.into(),
            selection: Selection::default(),
            labels: None,
            split: None,
            seed: 0,
            offsets: None,
            flat: false,
        }
    }
}

/// One document as a format writer sees it: the article, the annotation sets to
/// write (one, or one per annotator for Label Studio), and its split.
pub(crate) struct ExportDoc<'a> {
    pub document: &'a Document,
    pub sets: &'a [Annotations],
    pub split: Option<&'a str>,
    pub unit: OffsetUnit,
}

/// What every format writer does: take documents one by one, then close its files.
pub(crate) trait FormatWriter {
    /// Writes one document, counting what it cannot carry.
    fn document(
        &mut self,
        doc: &ExportDoc<'_>,
        losses: &mut Losses,
        outputs: &mut Outputs,
    ) -> Result<(), ExportError>;
    /// Finishes every file and says what was written; the files are put in place
    /// when `outputs` is committed.
    fn finish(self: Box<Self>, outputs: &mut Outputs) -> Result<Vec<WrittenFile>, ExportError>;
}

/// Exports the project's annotations as `options` asks, calling `progress(done,
/// total)` after each document. Nothing in the project is written, and an output in
/// the project's data is refused. Every file appears whole once the export is done,
/// or not at all: a failed export leaves the previous files as they were.
///
/// A file that cannot be read is left out and named in the report, whose
/// [`ExportReport::is_complete`] is then false; everything else is written.
pub fn export(
    project: &Project,
    options: &ExportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExportReport, ExportError> {
    let sources = resolve_sources(
        project,
        &options.selection.source,
        options.format.takes(),
        options.format.name(),
    )?;
    let labels = resolve_labels(project, options)?;
    let split = match (&options.split, options.format) {
        (Some(split), _) => Some(split.clone()),
        (None, ExportFormat::Hf) => Some(SplitSpec::train_dev_test()),
        (None, _) => None,
    };
    let unit = options
        .offsets
        .unwrap_or_else(|| options.format.default_offsets());
    if options.format.fixed_offsets() && unit != OffsetUnit::Chars {
        // spaCy counts chars as Python does; other numbers would be wrong spans.
        return Err(ExportError::OffsetsFixed {
            format: options.format.name(),
            unit: unit.name(),
        });
    }
    let mut report = ExportReport {
        offsets: unit,
        ..ExportReport::default()
    };
    let mut outputs = Outputs::new(guard::Guard::of(project));
    let mut writer = make_writer(project, &outputs, options, split.as_ref())?;
    let selected = for_each_document(
        project,
        &options.selection,
        sources,
        progress,
        |document, mut sets| {
            for set in &mut sets {
                keep_labels(set, labels.as_ref(), &mut report);
            }
            let id = document.meta.id.as_str();
            let split_name = split.as_ref().map(|s| s.assign(options.seed, id));
            if let Some(name) = split_name {
                *report.splits.entry(name.to_owned()).or_insert(0) += 1;
            }
            report.documents += 1;
            report.spans += sets.iter().map(|a| a.spans.len()).sum::<usize>();
            report.links += sets.iter().map(|a| a.links.len()).sum::<usize>();
            let doc = ExportDoc {
                document,
                sets: &sets,
                split: split_name,
                unit,
            };
            writer.document(&doc, &mut report.not_represented, &mut outputs)
        },
    )?;
    report.absorb(selected);
    report.files = writer.finish(&mut outputs)?;
    outputs.commit()?;
    Ok(report)
}

/// Refuses `path` as the file an export of `project` writes when it lies in the
/// project's data (`claimspan.ron`, `annotations/`, …), as [`export`] does: for the
/// exports written elsewhere, the statements table and network.
pub fn check_output_file(project: &Project, path: &std::path::Path) -> Result<(), ExportError> {
    guard::Guard::of(project).check_file(path)
}

/// Prepares `path` as an output folder (time-sliced networks): refuses the
/// project's own places and a file of that name, and creates the folder.
pub fn prepare_output_folder(project: &Project, path: &std::path::Path) -> Result<(), ExportError> {
    files::Outputs::new(guard::Guard::of(project)).folder(path)
}

fn resolve_labels(
    project: &Project,
    options: &ExportOptions,
) -> Result<Option<BTreeSet<String>>, ExportError> {
    let Some(labels) = &options.labels else {
        return Ok(None);
    };
    for label in labels {
        if project.schema().label(label).is_none() {
            return Err(ExportError::UnknownLabel {
                label: label.clone(),
                known: project.schema().label_names().join(", "),
            });
        }
    }
    Ok(Some(labels.iter().cloned().collect()))
}

/// Drops spans of labels not asked for with `--labels`, with the links that touch
/// them, and counts both. (Unplaced and invalid spans are already gone: see
/// [`SetReader::read`].)
fn keep_labels(
    annotations: &mut Annotations,
    labels: Option<&BTreeSet<String>>,
    report: &mut ExportReport,
) {
    let Some(labels) = labels else {
        return;
    };
    let before = annotations.spans.len();
    annotations.spans.retain(|s| labels.contains(&s.label));
    report.skipped.add(
        "spans of labels not asked for with --labels",
        before - annotations.spans.len(),
    );
    if annotations.spans.len() != before {
        let kept: BTreeSet<_> = annotations.spans.iter().map(|s| s.id).collect();
        let links = annotations.links.len();
        annotations
            .links
            .retain(|l| kept.contains(&l.from) && kept.contains(&l.to));
        report.skipped.add(
            "links to spans that were left out",
            links - annotations.links.len(),
        );
    }
}

fn make_writer(
    project: &Project,
    outputs: &Outputs,
    options: &ExportOptions,
    split: Option<&SplitSpec>,
) -> Result<Box<dyn FormatWriter>, ExportError> {
    let schema = project.schema();
    let labels: Vec<String> = match &options.labels {
        Some(labels) => schema
            .label_names()
            .into_iter()
            .filter(|l| labels.iter().any(|x| x == l))
            .map(str::to_owned)
            .collect(),
        None => schema
            .label_names()
            .into_iter()
            .map(str::to_owned)
            .collect(),
    };
    let out = &options.out;
    Ok(match options.format {
        ExportFormat::Jsonl => Box::new(jsonl::JsonlWriter::new(outputs, out, split)?),
        ExportFormat::Conll => Box::new(conll::ConllWriter::new(
            outputs,
            out,
            split,
            labels,
            options.flat,
        )?),
        ExportFormat::Brat => Box::new(brat::BratWriter::new(outputs, out, split, schema)?),
        ExportFormat::LabelStudio => Box::new(label_studio::LabelStudioWriter::new(
            outputs, out, split, schema,
        )?),
        ExportFormat::Doccano => Box::new(doccano::DoccanoWriter::new(
            outputs,
            out,
            split,
            !schema.link_types.is_empty(),
        )?),
        ExportFormat::Hf => Box::new(hf::HfWriter::new(
            outputs,
            project,
            out,
            split,
            labels,
            options.flat,
        )?),
        ExportFormat::Spacy => Box::new(spacy::SpacyWriter::new(outputs, out, split)?),
    })
}

/// Converts the char offsets of one document into the export's unit.
pub(crate) struct Offsets(Option<super::units::UnitMap>);

impl Offsets {
    /// The converter for `doc`'s text and unit.
    pub fn of(doc: &ExportDoc<'_>) -> Self {
        Self(
            (doc.unit != OffsetUnit::Chars)
                .then(|| super::units::UnitMap::new(doc.document.text(), doc.unit)),
        )
    }

    /// `at` in the export's unit.
    pub fn get(&self, at: crate::model::CharOffset) -> usize {
        self.0.as_ref().map_or(at.0, |m| m.from_char(at.0))
    }
}

/// The document's metadata as JSON fields: title, date, source, dateline, caption,
/// original file and the other fields it was imported with.
pub(crate) fn meta_json(document: &Document) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let meta = &document.meta;
    let mut out = serde_json::Map::new();
    out.insert("title".into(), Value::from(meta.title.as_str()));
    for (key, value) in [
        ("date", &meta.date),
        ("source", &meta.source),
        ("dateline", &meta.dateline),
        ("caption", &meta.caption),
    ] {
        if let Some(value) = value {
            out.insert(key.into(), Value::from(value.as_str()));
        }
    }
    if !meta.original_file.is_empty() {
        out.insert(
            "original_file".into(),
            Value::from(meta.original_file.as_str()),
        );
    }
    for (key, value) in &meta.extra {
        out.entry(key.clone()).or_insert_with(|| value.clone());
    }
    out
}
