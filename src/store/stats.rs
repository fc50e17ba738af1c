//! Counts over a project: documents by status and spans by label, per annotator.

use super::error::StoreError;
use super::project::Project;
use crate::model::Status;
use serde::Serialize;
use std::collections::BTreeMap;

/// One annotator's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnotatorStats {
    /// Their name.
    pub annotator: String,
    /// Documents by status (`todo`, `in_progress`, `done`); a document without a
    /// file counts as todo.
    pub documents: BTreeMap<&'static str, usize>,
    /// Spans by label, every label of the schema listed.
    pub spans: BTreeMap<String, usize>,
    /// Links made.
    pub links: usize,
}

/// The counts for a whole project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// The project's name.
    pub project: String,
    /// How many documents it has.
    pub documents: usize,
    /// The schema's labels, in its order.
    pub labels: Vec<String>,
    /// Per annotator, by name.
    pub annotators: Vec<AnnotatorStats>,
    /// Documents with a gold file.
    pub gold_documents: usize,
}

/// Counts everything in `project`. Files that cannot be read are returned beside the
/// counts so the caller can say which were left out.
pub fn stats(project: &Project) -> (Stats, Vec<StoreError>) {
    let labels: Vec<String> = project
        .schema()
        .labels
        .iter()
        .map(|l| l.name.clone())
        .collect();
    let mut problems = Vec::new();
    let mut annotators = Vec::new();
    for annotator in project.annotators() {
        let mut documents: BTreeMap<&'static str, usize> =
            Status::ALL.iter().map(|s| (s.key(), 0)).collect();
        let mut spans: BTreeMap<String, usize> = labels.iter().map(|l| (l.clone(), 0)).collect();
        let mut links = 0;
        let mut with_file = 0;
        for id in project.annotated_by(annotator) {
            if project.article(id).is_none() {
                continue;
            }
            let path = project.annotation_path(annotator, id);
            match project.read_annotations_file(&path) {
                Ok(a) => {
                    with_file += 1;
                    *documents.entry(a.status.key()).or_insert(0) += 1;
                    for span in &a.spans {
                        *spans.entry(span.label.clone()).or_insert(0) += 1;
                    }
                    links += a.links.len();
                }
                Err(err) => problems.push(err),
            }
        }
        *documents.entry(Status::Todo.key()).or_insert(0) += project.len() - with_file;
        annotators.push(AnnotatorStats {
            annotator: annotator.to_string(),
            documents,
            spans,
            links,
        });
    }
    let stats = Stats {
        project: project.config().name.clone(),
        documents: project.len(),
        labels,
        annotators,
        gold_documents: project
            .gold()
            .filter(|id| project.article(id).is_some())
            .count(),
    };
    (stats, problems)
}

impl Stats {
    /// A readable table for the terminal.
    pub fn to_table(&self) -> String {
        let mut out = format!(
            "Project “{}”: {}, {}, {} with gold\n",
            self.project,
            plural(self.documents, "document"),
            plural(self.annotators.len(), "annotator"),
            self.gold_documents
        );
        if self.annotators.is_empty() {
            out.push_str("No annotations yet.\n");
            return out;
        }
        let width = self
            .annotators
            .iter()
            .map(|a| a.annotator.chars().count())
            .max()
            .unwrap_or(0)
            .max(9);
        out.push('\n');
        out.push_str(&row(
            width,
            "documents",
            Status::ALL.iter().map(|s| s.as_str().to_owned()),
        ));
        for a in &self.annotators {
            // Counts are kept under the JSON keys (`in_progress`), headed in words.
            let cells = Status::ALL
                .iter()
                .map(|s| a.documents.get(s.key()).copied().unwrap_or(0).to_string());
            out.push_str(&row(width, &a.annotator, cells));
        }
        let labels: Vec<&String> = self
            .annotators
            .first()
            .map(|a| a.spans.keys().collect())
            .unwrap_or_default();
        out.push('\n');
        let mut header: Vec<String> = labels.iter().map(|l| (*l).clone()).collect();
        header.extend(["total".to_owned(), "links".to_owned()]);
        out.push_str(&row(width, "spans", header.into_iter()));
        for a in &self.annotators {
            let mut cells: Vec<String> = labels
                .iter()
                .map(|l| a.spans.get(l.as_str()).copied().unwrap_or(0).to_string())
                .collect();
            cells.push(a.spans.values().sum::<usize>().to_string());
            cells.push(a.links.to_string());
            out.push_str(&row(width, &a.annotator, cells.into_iter()));
        }
        out
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn row(width: usize, first: &str, cells: impl Iterator<Item = String>) -> String {
    let mut line = format!("{first:<width$}");
    for cell in cells {
        line.push_str(&format!("  {cell:>11}"));
    }
    line.push('\n');
    line
}
