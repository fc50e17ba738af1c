//! doccano JSONL: `{"id", "text", "label": [[start, end, "label"], …], "meta"}` a
//! line. doccano counts offsets in UTF-16 code units (JavaScript string length), so
//! that is the default unit here. It has no attributes, notes or links in this form:
//! those are counted as not written.

use super::conll::count_unlabelled;
use super::files::{Outputs, SplitFiles};
use super::split::SplitSpec;
use super::{ExportDoc, FormatWriter, Losses, Offsets, WrittenFile, meta_json};
use crate::formats::error::ExportError;
use serde::Serialize;
use std::path::Path;

pub(crate) struct DoccanoWriter {
    files: SplitFiles,
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    meta: serde_json::Map<String, serde_json::Value>,
}

impl DoccanoWriter {
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

impl FormatWriter for DoccanoWriter {
    fn document(
        &mut self,
        doc: &ExportDoc<'_>,
        losses: &mut Losses,
        _outputs: &mut Outputs,
    ) -> Result<(), ExportError> {
        count_unlabelled(doc, "doccano", losses);
        let offsets = Offsets::of(doc);
        for annotations in doc.sets {
            let line = Line {
                id: doc.document.id().as_str(),
                text: doc.document.text(),
                label: annotations
                    .spans
                    .iter()
                    .map(|s| (offsets.get(s.start), offsets.get(s.end), s.label.as_str()))
                    .collect(),
                meta: {
                    // doccano keeps unknown fields as metadata; our importer reads the
                    // unit back from it, since doccano lines carry no span text.
                    let mut meta = meta_json(doc.document);
                    meta.insert("offsets".into(), doc.unit.name().into());
                    meta
                },
            };
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
