//! doccano JSONL, a line per document and annotator. With link types in the schema
//! it is doccano's relation form, `{"id", "text", "entities": [{"id", "label",
//! "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}],
//! "meta"}`, which a doccano sequence-labeling project with relation labeling
//! imports; without, the plain `"label": [[start, end, "label"], …]` form. doccano
//! counts offsets in UTF-16 code units (JavaScript string length), so that is the
//! default unit here. It has no attributes or notes: those are counted as not written.

use super::conll::{count_unlabelled, count_unlabelled_spans};
use super::files::{Outputs, SplitFiles};
use super::split::SplitSpec;
use super::{ExportDoc, FormatWriter, Losses, Offsets, WrittenFile, meta_json};
use crate::formats::error::ExportError;
use serde::Serialize;
use std::path::Path;

pub(crate) struct DoccanoWriter {
    files: SplitFiles,
    /// Whether links are written: the relation form.
    relations: bool,
}

/// One line of the plain form.
#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    meta: serde_json::Map<String, serde_json::Value>,
}

/// One line of the relation form.
#[derive(Serialize)]
struct RelationLine<'a> {
    id: &'a str,
    text: &'a str,
    entities: Vec<Entity<'a>>,
    relations: Vec<Relation<'a>>,
    meta: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct Entity<'a> {
    id: u32,
    label: &'a str,
    start_offset: usize,
    end_offset: usize,
}

#[derive(Serialize)]
struct Relation<'a> {
    id: usize,
    from_id: u32,
    to_id: u32,
    #[serde(rename = "type")]
    kind: &'a str,
}

impl DoccanoWriter {
    pub fn new(
        outputs: &Outputs,
        out: &Path,
        split: Option<&SplitSpec>,
        relations: bool,
    ) -> Result<Self, ExportError> {
        Ok(Self {
            files: SplitFiles::new(outputs, out, split, "jsonl", b"")?,
            relations,
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
        if self.relations {
            count_unlabelled_spans(doc, "doccano", losses);
        } else {
            count_unlabelled(doc, "doccano", losses);
        }
        let offsets = Offsets::of(doc);
        for annotations in doc.sets {
            // doccano keeps unknown fields as metadata; our importer reads the unit
            // back from it, since doccano lines carry no span text.
            let mut meta = meta_json(doc.document);
            meta.insert("offsets".into(), doc.unit.name().into());
            let (id, text) = (doc.document.id().as_str(), doc.document.text());
            let file = self.files.get(doc.split);
            if self.relations {
                let entities = annotations
                    .spans
                    .iter()
                    .map(|s| Entity {
                        id: s.id.0,
                        label: s.label.as_str(),
                        start_offset: offsets.get(s.start),
                        end_offset: offsets.get(s.end),
                    })
                    .collect();
                let relations = annotations
                    .links
                    .iter()
                    .enumerate()
                    .map(|(i, l)| Relation {
                        id: i + 1,
                        from_id: l.from.0,
                        to_id: l.to.0,
                        kind: l.label.as_str(),
                    })
                    .collect();
                let line = RelationLine {
                    id,
                    text,
                    entities,
                    relations,
                    meta,
                };
                file.write_json(&line)?;
            } else {
                let label = annotations
                    .spans
                    .iter()
                    .map(|s| (offsets.get(s.start), offsets.get(s.end), s.label.as_str()))
                    .collect();
                file.write_json(&Line {
                    id,
                    text,
                    label,
                    meta,
                })?;
            }
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
