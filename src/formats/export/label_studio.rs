//! Label Studio's JSON task list: `[{"id", "data": {"text", "doc_id", …},
//! "annotations": [{"result": […]}]}]`, one annotation per annotator (or gold).
//!
//! Each span is a region with `type: "labels"` (`from_name: "label"`, `to_name:
//! "text"`, `value: {start, end, text, labels}`); its attributes are per-region
//! `choices` results and its note a per-region `textarea` result, sharing the region's
//! id; links are `type: "relation"` results. Label Studio counts offsets in code
//! points. The annotator's name is kept in `claimspan_annotator`, which Label Studio
//! ignores, so a round trip gives every annotator back. The labeling configuration
//! that shows them is written beside the tasks (`label_studio_config`).

use super::files::{Outputs, SplitFiles};
use super::free_values::{FreeValues, note_free_values};
use super::label_studio_config::{config_path, label_config};
use super::split::SplitSpec;
use super::{ExportDoc, FormatWriter, Losses, Offsets, WrittenFile, meta_json};
use crate::formats::error::ExportError;
use crate::model::{Annotations, Schema, Span};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) struct LabelStudioWriter {
    files: SplitFiles,
    tasks: u64,
    /// Each annotator's `completed_by` number, in the order they first appear.
    annotators: BTreeMap<String, usize>,
    schema: Schema,
    free_values: FreeValues,
    config: std::path::PathBuf,
}

impl LabelStudioWriter {
    pub fn new(
        outputs: &Outputs,
        out: &Path,
        split: Option<&SplitSpec>,
        schema: &Schema,
    ) -> Result<Self, ExportError> {
        Ok(Self {
            files: SplitFiles::new(outputs, out, split, "json", b"[\n")?,
            tasks: 0,
            annotators: BTreeMap::new(),
            schema: schema.clone(),
            free_values: FreeValues::new(),
            config: config_path(out, split.is_some()),
        })
    }

    /// The `i`th annotation of the task being written: `set`'s results, with the
    /// annotator's name and number.
    fn annotation(&mut self, i: usize, set: &Annotations, offsets: &Offsets) -> Value {
        // One number per person across the whole export, as Label Studio's own
        // user ids are, so label-studio-converter's annotator column is a person.
        let known = self.annotators.len() + 1;
        let user = *self
            .annotators
            .entry(set.annotator.as_str().to_owned())
            .or_insert(known);
        json!({
            "id": self.tasks * 100 + i as u64,
            "completed_by": user,
            "created_username": format!("{}, {user}", set.annotator.as_str()),
            "claimspan_annotator": set.annotator.as_str(),
            "claimspan_status": set.status.key(),
            "ground_truth": set.annotator.as_str() == crate::model::ids::GOLD,
            "was_cancelled": false,
            "result": results(set, offsets),
        })
    }
}

/// A set's spans and links as Label Studio results.
fn results(set: &Annotations, offsets: &Offsets) -> Vec<Value> {
    let mut result = Vec::new();
    for span in &set.spans {
        region_results(span, offsets, &mut result);
    }
    for link in &set.links {
        result.push(json!({
            "from_id": format!("s{}", link.from),
            "to_id": format!("s{}", link.to),
            "type": "relation",
            "direction": "right",
            "labels": [link.label],
        }));
    }
    result
}

/// A span as a `labels` region, then a per-region `choices` result for each of its
/// attributes and a `textarea` result for its note, all sharing the region's id.
fn region_results(span: &Span, offsets: &Offsets, result: &mut Vec<Value>) {
    let region = format!("s{}", span.id);
    let (start, end) = (offsets.get(span.start), offsets.get(span.end));
    result.push(json!({
        "id": region,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "origin": "manual",
        "value": {"start": start, "end": end, "text": span.text, "labels": [span.label]},
    }));
    for (name, value) in &span.attributes {
        result.push(json!({
            "id": region,
            "from_name": name,
            "to_name": "text",
            "type": "choices",
            "origin": "manual",
            "value": {"start": start, "end": end, "choices": [value]},
        }));
    }
    if !span.note.is_empty() {
        result.push(json!({
            "id": region,
            "from_name": "note",
            "to_name": "text",
            "type": "textarea",
            "origin": "manual",
            "value": {"start": start, "end": end, "text": [span.note]},
        }));
    }
}

impl FormatWriter for LabelStudioWriter {
    fn document(
        &mut self,
        doc: &ExportDoc<'_>,
        _losses: &mut Losses,
        _outputs: &mut Outputs,
    ) -> Result<(), ExportError> {
        let offsets = Offsets::of(doc);
        self.tasks += 1;
        let mut data = meta_json(doc.document);
        data.insert("text".into(), doc.document.text().into());
        data.insert("doc_id".into(), doc.document.id().as_str().into());
        if doc.unit != crate::formats::units::OffsetUnit::Chars {
            data.insert("offsets".into(), doc.unit.name().into());
        }
        let mut annotations = Vec::new();
        for (i, set) in doc.sets.iter().enumerate() {
            note_free_values(&self.schema, &set.spans, &mut self.free_values);
            annotations.push(self.annotation(i, set, &offsets));
        }
        let task = json!({
            "id": self.tasks,
            "data": Value::Object(data),
            "annotations": annotations,
            "predictions": [],
        });
        let file = self.files.get(doc.split);
        if !file.first {
            file.write(b",\n")?;
        }
        file.first = false;
        file.write_json(&task)?;
        file.documents += 1;
        file.spans += doc.sets.iter().map(|a| a.spans.len()).sum::<usize>();
        Ok(())
    }

    fn finish(self: Box<Self>, outputs: &mut Outputs) -> Result<Vec<WrittenFile>, ExportError> {
        let mut written = self.files.finish(outputs, b"\n]\n")?;
        // Written last, when every value of a free attribute is known.
        let mut config = outputs.create(&self.config)?;
        config.write(label_config(&self.schema, &self.free_values).as_bytes())?;
        written.push(outputs.finish(config)?);
        Ok(written)
    }
}
