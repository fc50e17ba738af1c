//! JSONL, spaCy/Prodigy style: one document a line,
//! `{"id", "text", "meta", "spans": [{"id", "start", "end", "label", "text",
//! "attributes", "note"}], "relations": [{"from", "to", "label"}]}` with span ids in
//! relations and char offsets unless asked otherwise. It carries everything.

use super::files::{Outputs, SplitFiles};
use super::split::SplitSpec;
use super::{ExportDoc, FormatWriter, Losses, Offsets, WrittenFile, meta_json};
use crate::formats::error::ExportError;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) struct JsonlWriter {
    files: SplitFiles,
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    meta: serde_json::Map<String, serde_json::Value>,
    spans: Vec<SpanOut<'a>>,
    relations: Vec<Relation<'a>>,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    id: u32,
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    attributes: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
}

#[derive(Serialize)]
struct Relation<'a> {
    from: u32,
    to: u32,
    label: &'a str,
}

impl JsonlWriter {
    pub fn new(
        outputs: &Outputs,
        out: &Path,
        split: Option<&SplitSpec>,
    ) -> Result<Self, ExportError> {
        Ok(Self {
            files: SplitFiles::new(outputs, out, split, "jsonl", b"")?,
        })
    }
}

impl FormatWriter for JsonlWriter {
    fn document(
        &mut self,
        doc: &ExportDoc<'_>,
        _losses: &mut Losses,
        _outputs: &mut Outputs,
    ) -> Result<(), ExportError> {
        let offsets = Offsets::of(doc);
        for annotations in doc.sets {
            let mut meta = meta_json(doc.document);
            meta.insert("annotator".into(), annotations.annotator.as_str().into());
            meta.insert("status".into(), annotations.status.key().into());
            if doc.unit != crate::formats::units::OffsetUnit::Chars {
                // Our importer reads this back; char offsets need no mention.
                meta.insert("offsets".into(), doc.unit.name().into());
            }
            if let Some(split) = doc.split {
                meta.insert("split".into(), split.into());
            }
            let line = Line {
                id: doc.document.id().as_str(),
                text: doc.document.text(),
                meta,
                spans: annotations
                    .spans
                    .iter()
                    .map(|s| SpanOut {
                        id: s.id.0,
                        start: offsets.get(s.start),
                        end: offsets.get(s.end),
                        label: &s.label,
                        text: &s.text,
                        attributes: &s.attributes,
                        note: &s.note,
                    })
                    .collect(),
                relations: annotations
                    .links
                    .iter()
                    .map(|l| Relation {
                        from: l.from.0,
                        to: l.to.0,
                        label: &l.label,
                    })
                    .collect(),
            };
            // Straight into the file: a long article's text is not copied on the way.
            let file = self.files.get(doc.split);
            file.write_json(&line)?;
            file.write(b"\n")?;
            file.documents += 1;
            file.spans += annotations.spans.len();
        }
        Ok(())
    }

    fn finish(self: Box<Self>, outputs: &mut Outputs) -> Result<Vec<WrittenFile>, ExportError> {
        self.files.finish(outputs, b"")
    }
}
