//! brat standoff: `DOC.txt` (the exact stored text) and `DOC.ann` per document, and
//! an `annotation.conf` from the schema at the top of the folder.
//!
//! `T` lines hold spans in char offsets; a span across a line break is written as
//! fragments between the breaks (`T1<TAB>claim 0 12;13 20<TAB>…`), as brat itself
//! does, because an `.ann` line cannot hold a line break. `A` lines hold attribute
//! values, `R` lines links and `#` lines notes.

use super::files::Outputs;
use super::free_values::{FreeValues, note_free_values, values_of};
use super::split::SplitSpec;
use super::{ExportDoc, FormatWriter, Losses, Offsets, WrittenFile};
use crate::formats::error::ExportError;
use crate::model::{Document, Schema, Span};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

pub(crate) struct BratWriter {
    out: PathBuf,
    schema: Schema,
    /// Values of free attributes (an entity id, a category) met in the documents, by
    /// label and attribute: brat's configuration must list every value it shows.
    free_values: FreeValues,
    written: Vec<WrittenFile>,
    /// Documents and spans per folder, reported as one entry each rather than a line
    /// per file.
    folders: std::collections::BTreeMap<PathBuf, (usize, usize)>,
}

/// The `annotation.conf` brat needs to show and edit these labels. A free attribute
/// lists the values `free_values` found for it, and is left out when none were.
pub(crate) fn annotation_conf(schema: &Schema, free_values: &FreeValues) -> String {
    let mut conf = String::from("[entities]\n");
    for label in &schema.labels {
        conf.push_str(&label.name);
        conf.push('\n');
    }
    conf.push_str("\n[relations]\n");
    // brat defines a relation once, its arguments as alternatives (`Arg1:a|b`); a
    // claimspan link type that joins several pairs of labels is one such line.
    let mut relations: Vec<(&str, Vec<&str>, Vec<&str>)> = Vec::new();
    for link in &schema.link_types {
        let at = match relations.iter().position(|r| r.0 == link.name) {
            Some(at) => at,
            None => {
                relations.push((&link.name, Vec::new(), Vec::new()));
                relations.len() - 1
            }
        };
        let (_, from, to) = &mut relations[at];
        for (args, label) in [(from, &link.from), (to, &link.to)] {
            if !args.contains(&label.as_str()) {
                args.push(label);
            }
        }
    }
    for (name, from, to) in relations {
        let _ = writeln!(
            conf,
            "{name}\tArg1:{}, Arg2:{}",
            from.join("|"),
            to.join("|")
        );
    }
    // Spans overlap and nest in claimspan; brat refuses that unless told.
    conf.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    conf.push_str("\n[events]\n\n[attributes]\n");
    for label in &schema.labels {
        for attribute in &label.attributes {
            let values = values_of(&label.name, attribute, free_values);
            if values.is_empty() {
                continue;
            }
            let _ = writeln!(
                conf,
                "{}\tArg:{}, Value:{}",
                attribute.name,
                label.name,
                values.join("|")
            );
        }
    }
    conf
}

impl BratWriter {
    pub fn new(
        outputs: &Outputs,
        out: &Path,
        split: Option<&SplitSpec>,
        schema: &Schema,
    ) -> Result<Self, ExportError> {
        outputs.folder(out)?;
        if let Some(split) = split {
            for name in split.names() {
                outputs.folder(&out.join(name))?;
            }
        }
        Ok(Self {
            out: out.to_owned(),
            schema: schema.clone(),
            free_values: BTreeMap::new(),
            written: Vec::new(),
            folders: Default::default(),
        })
    }
}

/// The pieces of a span between line breaks, as char ranges. A span that begins or
/// ends on a line break stays in one piece (its text line then shows the break as a
/// space).
fn fragments(document: &Document, span: &Span) -> Vec<(usize, usize)> {
    let text = document.slice(span.start, span.end).unwrap_or_default();
    if text.starts_with('\n') || text.ends_with('\n') || !text.contains('\n') {
        return vec![(span.start.0, span.end.0)];
    }
    let mut out = Vec::new();
    let mut at = span.start.0;
    for piece in text.split('\n') {
        let len = piece.chars().count();
        if len > 0 {
            out.push((at, at + len));
        }
        at += len + 1;
    }
    out
}

/// The `.ann` text for one set of annotations.
pub(crate) fn ann_text(
    document: &Document,
    spans: &[Span],
    links: &[crate::model::Link],
    offsets: &Offsets,
    losses: &mut Losses,
) -> String {
    let mut ann = String::new();
    let mut attribute = 0;
    let mut note = 0;
    for span in spans {
        let pieces = fragments(document, span);
        let places: Vec<String> = pieces
            .iter()
            .map(|(s, e)| {
                format!(
                    "{} {}",
                    offsets.get(crate::model::CharOffset(*s)),
                    offsets.get(crate::model::CharOffset(*e))
                )
            })
            .collect();
        let texts: Vec<String> = pieces
            .iter()
            .map(|(s, e)| {
                document
                    .slice(crate::model::CharOffset(*s), crate::model::CharOffset(*e))
                    .unwrap_or_default()
                    .replace('\n', " ")
            })
            .collect();
        let _ = writeln!(
            ann,
            "T{}\t{} {}\t{}",
            span.id,
            span.label,
            places.join(";"),
            texts.join(" ")
        );
        for (name, value) in &span.attributes {
            attribute += 1;
            let _ = writeln!(ann, "A{attribute}\t{name} T{} {value}", span.id);
        }
        if !span.note.is_empty() {
            note += 1;
            if span.note.contains(['\n', '\r']) {
                losses.add(
                    "line breaks in notes (a brat note is one line; written as spaces)",
                    1,
                );
            }
            let one_line = span.note.replace(['\n', '\r'], " ");
            let _ = writeln!(ann, "#{note}\tAnnotatorNotes T{}\t{one_line}", span.id);
        }
    }
    for (i, link) in links.iter().enumerate() {
        let _ = writeln!(
            ann,
            "R{}\t{} Arg1:T{} Arg2:T{}",
            i + 1,
            link.label,
            link.from,
            link.to
        );
    }
    ann
}

impl FormatWriter for BratWriter {
    fn document(
        &mut self,
        doc: &ExportDoc<'_>,
        losses: &mut Losses,
        outputs: &mut Outputs,
    ) -> Result<(), ExportError> {
        let folder = match doc.split {
            Some(split) => self.out.join(split),
            None => self.out.clone(),
        };
        let offsets = Offsets::of(doc);
        losses.add(
            "documents' metadata (title, date, source): brat files hold only text and annotations",
            1,
        );
        for annotations in doc.sets {
            note_free_values(&self.schema, &annotations.spans, &mut self.free_values);
            let id = doc.document.id().as_str();
            let mut txt = outputs.create(&folder.join(format!("{id}.txt")))?;
            txt.write(doc.document.text().as_bytes())?;
            outputs.finish(txt)?;
            let ann = ann_text(
                doc.document,
                &annotations.spans,
                &annotations.links,
                &offsets,
                losses,
            );
            let mut file = outputs.create(&folder.join(format!("{id}.ann")))?;
            file.write(ann.as_bytes())?;
            outputs.finish(file)?;
            let counts = self.folders.entry(folder.clone()).or_default();
            counts.0 += 1;
            counts.1 += annotations.spans.len();
        }
        Ok(())
    }

    fn finish(self: Box<Self>, outputs: &mut Outputs) -> Result<Vec<WrittenFile>, ExportError> {
        // Written last, when every value of a free attribute is known.
        let mut conf = outputs.create(&self.out.join("annotation.conf"))?;
        conf.write(annotation_conf(&self.schema, &self.free_values).as_bytes())?;
        let mut written = self.written;
        written.push(outputs.finish(conf)?);
        for (path, (documents, spans)) in self.folders {
            written.push(WrittenFile {
                path,
                documents,
                spans,
            });
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_conf_lists_the_values_a_free_attribute_took() {
        let schema = Schema::default();
        let mut used = BTreeMap::new();
        let conf = annotation_conf(&schema, &used);
        assert!(conf.contains("polarity\tArg:stance, Value:support|oppose|neutral"));
        assert!(!conf.contains("entity\t"), "no values, no line:\n{conf}");
        used.insert(
            ("actor".to_owned(), "entity".to_owned()),
            BTreeSet::from(["iran-foreign-ministry".to_owned(), "opec".to_owned()]),
        );
        let conf = annotation_conf(&schema, &used);
        assert!(
            conf.contains("entity\tArg:actor, Value:iran-foreign-ministry|opec"),
            "{conf}"
        );
    }
}
