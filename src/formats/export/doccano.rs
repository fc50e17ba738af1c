//! doccano JSONL: `{"id", "text", "label": [[start, end, "label"], …], "meta"}` a
//! line. doccano counts offsets in UTF-16 code units (JavaScript string length), so
//! that is the default unit here. It has no attributes, notes or links in this form:
//! those are counted as not written.

use super::conll::count_unlabelled;
use super::files::SplitFiles;
use super::split::SplitSpec;
use super::{ExportDoc, FormatWriter, Losses, Offsets, WrittenFile, meta_json};
use crate::formats::error::ExportError;
use serde::Serialize;
use std::path::Path;

pub(crate) struct DoccanoWriter {
    files: SplitFiles,
    line: Vec<u8>,
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    meta: serde_json::Map<String, serde_json::Value>,
}

impl DoccanoWriter {
    pub fn new(out: &Path, split: Option<&SplitSpec>) -> Result<Self, ExportError> {
        Ok(Self {
            files: SplitFiles::new(out, split, "jsonl", b"")?,
            line: Vec::new(),
        })
    }
}

impl FormatWriter for DoccanoWriter {
    fn document(&mut self, doc: &ExportDoc<'_>, losses: &mut Losses) -> Result<(), ExportError> {
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
            self.line.clear();
            serde_json::to_writer(&mut self.line, &line)
                .map_err(|e| ExportError::io("write", Path::new("JSON"), e.into()))?;
            self.line.push(b'\n');
            let file = self.files.get(doc.split);
            file.write(&self.line)?;
            file.documents += 1;
            file.spans += annotations.spans.len();
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Vec<WrittenFile>, ExportError> {
        self.files.finish(b"")
    }
}
