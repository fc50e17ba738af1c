//! A Hugging Face dataset folder: `train.jsonl`, `dev.jsonl`, `test.jsonl` (one
//! sentence a row: tokens, their char offsets in the document, and IOB2 tag ids in
//! one column per label, or `ner_tags` with `--flat`), `labels.json` with the tag
//! names of each column, and a `README.md` dataset card. It loads with
//! `datasets.load_dataset("json", data_files={...})`.

use super::conll::count_unlabelled;
use super::files::{Outputs, SplitFiles};
use super::iob::{for_each_sentence, tag_names};
use super::split::SplitSpec;
use super::{ExportDoc, FormatWriter, Losses, Offsets, WrittenFile};
use crate::formats::error::ExportError;
use crate::review::agreement::documents;
use crate::review::{AgreementReport, agree_project};
use crate::store::Project;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

pub(crate) struct HfWriter {
    out: PathBuf,
    files: SplitFiles,
    split_names: Vec<String>,
    labels: Vec<String>,
    flat: bool,
    project_name: String,
    annotators: BTreeSet<String>,
    /// Per split: documents, sentences, spans by label.
    counts: BTreeMap<String, (usize, usize, BTreeMap<String, usize>)>,
    /// The annotators' agreement, where at least two annotated the same documents.
    agreement: Option<AgreementReport>,
}

#[derive(Serialize)]
struct Row<'a> {
    id: String,
    document: &'a str,
    sentence: usize,
    tokens: Vec<&'a str>,
    token_offsets: Vec<(usize, usize)>,
    #[serde(flatten)]
    tags: BTreeMap<String, Vec<usize>>,
}

impl HfWriter {
    pub fn new(
        outputs: &Outputs,
        project: &Project,
        out: &Path,
        split: Option<&SplitSpec>,
        labels: Vec<String>,
        flat: bool,
    ) -> Result<Self, ExportError> {
        outputs.folder(out)?;
        let spec = split.cloned().unwrap_or_else(SplitSpec::train_dev_test);
        Ok(Self {
            out: out.to_owned(),
            files: SplitFiles::new(outputs, out, Some(&spec), "jsonl", b"")?,
            split_names: spec.names().map(str::to_owned).collect(),
            labels,
            flat,
            project_name: project.config().name.clone(),
            annotators: BTreeSet::new(),
            counts: BTreeMap::new(),
            agreement: agreement(project),
        })
    }

    /// The columns' names and tag names, as written to `labels.json`.
    fn columns(&self) -> Vec<(String, Vec<String>)> {
        let labels: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        if self.flat {
            vec![("ner_tags".into(), tag_names(&labels))]
        } else {
            labels
                .iter()
                .map(|l| (format!("{l}_tags"), tag_names(&[l])))
                .collect()
        }
    }

    /// The card's `dataset_info: features:`, so `datasets.load_dataset(folder)` gives
    /// the tag columns as `ClassLabel` sequences whose `.feature.names` are the tag
    /// names that token-classification scripts read, not bare integers.
    fn features(&self, card: &mut String) {
        card.push_str(
            "dataset_info:\n  features:\n  - name: id\n    dtype: string\n  - name: document\n    dtype: string\n  - name: sentence\n    dtype: int64\n  - name: tokens\n    sequence: string\n  - name: token_offsets\n    sequence:\n      sequence: int64\n",
        );
        // Columns in the order the rows have them (serde writes the map sorted).
        let mut columns = self.columns();
        columns.sort();
        for (column, names) in columns {
            let _ = writeln!(
                card,
                "  - name: {}\n    sequence:\n      class_label:\n        names:",
                yaml_quoted(&column)
            );
            for (id, name) in names.iter().enumerate() {
                let _ = writeln!(card, "          '{id}': {}", yaml_quoted(name));
            }
        }
    }

    fn card(&self) -> String {
        let mut card = String::from("---\nconfigs:\n- config_name: default\n  data_files:\n");
        for name in &self.split_names {
            let _ = writeln!(card, "  - split: {name}\n    path: {name}.jsonl");
        }
        self.features(&mut card);
        let _ = write!(
            card,
            "---\n\n# {}\n\nSpans of political news tagged with claimspan, as IOB2 token tags.\n\n",
            self.project_name
        );
        card.push_str("## Splits\n\n| split | documents | sentences |");
        for label in &self.labels {
            let _ = write!(card, " {label} spans |");
        }
        card.push_str("\n|---|---|---|");
        for _ in &self.labels {
            card.push_str("---|");
        }
        card.push('\n');
        for name in &self.split_names {
            let empty = (0, 0, BTreeMap::new());
            let (docs, sentences, by_label) = self.counts.get(name).unwrap_or(&empty);
            let _ = write!(card, "| {name} | {docs} | {sentences} |");
            for label in &self.labels {
                let _ = write!(card, " {} |", by_label.get(label).copied().unwrap_or(0));
            }
            card.push('\n');
        }
        card.push_str("\nSplits are assigned by a stable hash of the document id and the seed, so a document keeps its split when others are added.\n\n## Columns\n\n");
        card.push_str("- `id`: document id and sentence number; `document`, `sentence`: the same apart\n- `tokens`: words, cut where a span starts or ends inside one\n- `token_offsets`: each token's `[start, end)` in the document text\n");
        for (column, names) in self.columns() {
            let _ = writeln!(card, "- `{column}`: tag ids of {}", names.join(", "));
        }
        card.push_str("\nTag names by id are also in `labels.json`.\n\n## Annotators\n\n");
        let annotators: Vec<&str> = self.annotators.iter().map(String::as_str).collect();
        let _ = writeln!(card, "{}\n", annotators.join(", "));
        card.push_str("## Agreement\n\n");
        match &self.agreement {
            Some(report) => agreement_section(&mut card, report),
            None => card
                .push_str("Not known: fewer than two annotators annotated the same documents.\n\n"),
        }
        card.push_str("## Loading\n\n```python\nfrom datasets import load_dataset\nds = load_dataset(\"json\", data_files={");
        let files: Vec<String> = self
            .split_names
            .iter()
            .map(|n| format!("\"{n}\": \"{n}.jsonl\""))
            .collect();
        let _ = write!(card, "{}", files.join(", "));
        card.push_str("})\n```\n");
        card
    }
}

/// The project's agreement as `claimspan agree` measures it; `None` when fewer than
/// two annotators share a document (or a file cannot be read: the card then says it
/// is not known rather than failing the export).
fn agreement(project: &Project) -> Option<AgreementReport> {
    let registry = project
        .load_registry()
        .map(|loaded| loaded.registry)
        .unwrap_or_default();
    agree_project(
        project,
        &registry,
        None,
        None,
        crate::store::Counted::Worked,
    )
    .ok()
}

/// Per label: Krippendorff's α over tokens and each pair's exact span F1.
fn agreement_section(card: &mut String, report: &AgreementReport) {
    let _ = writeln!(
        card,
        "Measured with `claimspan agree` between {}: α over {} two or more of them annotated ({} tokens), each pair's F1 over the documents both annotated. “—” is a figure with nothing to measure (a label nobody used).\n",
        report.annotators.join(", "),
        documents(report.alpha_documents),
        report.alpha_tokens
    );
    card.push_str("| label | Krippendorff α |");
    for pair in &report.pairs {
        let _ = write!(
            card,
            " exact F1 {} / {} ({}) |",
            pair.a,
            pair.b,
            documents(pair.documents)
        );
    }
    card.push_str("\n|---|---|");
    for _ in &report.pairs {
        card.push_str("---|");
    }
    card.push('\n');
    for label in &report.label_order {
        let alpha = report
            .labels
            .get(label)
            .and_then(|l| l.krippendorff_alpha)
            .map_or_else(|| "—".to_owned(), |a| format!("{a:.3}"));
        let _ = write!(card, "| {label} | {alpha} |");
        for pair in &report.pairs {
            let f1 = pair
                .labels
                .get(label)
                .and_then(|p| p.exact.f1)
                .map_or_else(|| "—".to_owned(), |f1| format!("{f1:.3}"));
            let _ = write!(card, " {f1} |");
        }
        card.push('\n');
    }
    card.push('\n');
}

impl FormatWriter for HfWriter {
    fn document(
        &mut self,
        doc: &ExportDoc<'_>,
        losses: &mut Losses,
        _outputs: &mut Outputs,
    ) -> Result<(), ExportError> {
        count_unlabelled(doc, "the Hugging Face token format", losses);
        let labels: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        let names: Vec<String> = self.columns().into_iter().map(|(name, _)| name).collect();
        let text = doc.document.text();
        let offsets = Offsets::of(doc);
        let split = doc.split.unwrap_or("train").to_owned();
        let id = doc.document.id().as_str();
        for annotations in doc.sets {
            self.annotators.insert(annotations.annotator.to_string());
            let file = self.files.get(doc.split);
            file.documents += 1;
            file.spans += annotations.spans.len();
            // A row a sentence, serialised straight into the file.
            let mut n = 0;
            let sentences = for_each_sentence(
                text,
                &annotations.spans,
                &labels,
                self.flat,
                losses,
                |sentence| {
                    let tags = names
                        .iter()
                        .zip(sentence.columns())
                        .map(|(name, column)| {
                            let ids = sentence.indices().map(|i| column.tags[i].id());
                            (name.clone(), ids.collect())
                        })
                        .collect();
                    let row = Row {
                        id: format!("{id}#{n}"),
                        document: id,
                        sentence: n,
                        tokens: sentence.indices().map(|i| sentence.text(i)).collect(),
                        token_offsets: sentence
                            .indices()
                            .map(|i| sentence.token(i))
                            .map(|t| (offsets.get(t.start), offsets.get(t.end)))
                            .collect(),
                        tags,
                    };
                    n += 1;
                    file.write_json(&row)?;
                    file.write(b"\n")
                },
            )?;
            let counts = self.counts.entry(split.clone()).or_default();
            counts.0 += 1;
            counts.1 += sentences;
            for span in &annotations.spans {
                *counts.2.entry(span.label.clone()).or_insert(0) += 1;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, outputs: &mut Outputs) -> Result<Vec<WrittenFile>, ExportError> {
        let mut labels = serde_json::Map::new();
        for (column, names) in self.columns() {
            labels.insert(column, names.into());
        }
        let mut labels_file = outputs.create(&self.out.join("labels.json"))?;
        let json = serde_json::to_string_pretty(&labels)
            .map_err(|e| ExportError::io("write", &labels_file.path.clone(), e.into()))?;
        labels_file.write(json.as_bytes())?;
        labels_file.write(b"\n")?;
        let mut readme = outputs.create(&self.out.join("README.md"))?;
        readme.write(self.card().as_bytes())?;
        let mut written = self.files.finish(outputs, b"")?;
        written.push(outputs.finish(labels_file)?);
        written.push(outputs.finish(readme)?);
        Ok(written)
    }
}

/// `text` as a single-quoted YAML scalar, which takes any label name.
fn yaml_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
