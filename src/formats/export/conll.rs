//! CoNLL IOB2: one token a line, `token<TAB>tag` with one tag column per label (in
//! schema order) or a single column with `--flat`; a blank line between sentences
//! and a `-DOCSTART-` line before each document.
//!
//! Tokens are cut at span edges (never the other way round). CoNLL has no place for
//! links, attributes, notes or document metadata: they are counted as not written.

use super::files::{Outputs, SplitFiles};
use super::iob::{Tag, for_each_sentence};
use super::split::SplitSpec;
use super::{ExportDoc, FormatWriter, Losses, WrittenFile};
use crate::formats::error::ExportError;
use std::fmt::Write;
use std::path::Path;

pub(crate) struct ConllWriter {
    files: SplitFiles,
    labels: Vec<String>,
    flat: bool,
    buf: String,
}

impl ConllWriter {
    pub fn new(
        outputs: &Outputs,
        out: &Path,
        split: Option<&SplitSpec>,
        labels: Vec<String>,
        flat: bool,
    ) -> Result<Self, ExportError> {
        Ok(Self {
            files: SplitFiles::new(outputs, out, split, "conll", b"")?,
            labels,
            flat,
            buf: String::with_capacity(1 << 16),
        })
    }
}

/// Counts what a format without links, attributes and notes leaves out of `doc`.
pub(crate) fn count_unlabelled(doc: &ExportDoc<'_>, format: &str, losses: &mut Losses) {
    for a in doc.sets {
        losses.add(&format!("links ({format} has no links)"), a.links.len());
    }
    count_unlabelled_spans(doc, format, losses);
}

/// Counts the attributes and notes a format of bare labels leaves out of `doc`.
pub(crate) fn count_unlabelled_spans(doc: &ExportDoc<'_>, format: &str, losses: &mut Losses) {
    for a in doc.sets {
        losses.add(
            &format!("attribute values such as polarity ({format} has only labels)"),
            a.spans.iter().map(|s| s.attributes.len()).sum(),
        );
        losses.add(
            &format!("notes ({format} has no notes)"),
            a.spans.iter().filter(|s| !s.note.is_empty()).count(),
        );
    }
}

impl FormatWriter for ConllWriter {
    fn document(
        &mut self,
        doc: &ExportDoc<'_>,
        losses: &mut Losses,
        _outputs: &mut Outputs,
    ) -> Result<(), ExportError> {
        count_unlabelled(doc, "CoNLL", losses);
        let labels: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        let text = doc.document.text();
        for annotations in doc.sets {
            let file = self.files.get(doc.split);
            let columns = if self.flat { 1 } else { labels.len() };
            file.write(b"-DOCSTART-")?;
            for _ in 0..columns {
                file.write(b"\tO")?;
            }
            file.write(b"\n\n")?;
            // A sentence at a time into the file's buffer: the memory an export needs
            // does not grow with the article.
            let buf = &mut self.buf;
            for_each_sentence(
                text,
                &annotations.spans,
                &labels,
                self.flat,
                losses,
                |sentence| {
                    buf.clear();
                    for i in sentence.indices() {
                        buf.push_str(sentence.text(i));
                        for column in sentence.columns() {
                            buf.push('\t');
                            match column.tags[i] {
                                Tag::O => buf.push('O'),
                                Tag::B(l) => {
                                    let _ = write!(buf, "B-{}", column.labels[l]);
                                }
                                Tag::I(l) => {
                                    let _ = write!(buf, "I-{}", column.labels[l]);
                                }
                            }
                        }
                        buf.push('\n');
                    }
                    buf.push('\n');
                    file.write(buf.as_bytes())
                },
            )?;
            file.documents += 1;
            file.spans += annotations.spans.len();
        }
        Ok(())
    }

    fn finish(self: Box<Self>, outputs: &mut Outputs) -> Result<Vec<WrittenFile>, ExportError> {
        self.files.finish(outputs, b"")
    }
}
