//! spaCy's binary training format: a `.spacy` file (a `DocBin`) that `spacy train`
//! and `spacy debug data` read directly, and `DocBin().from_disk(path)` opens.
//!
//! A DocBin is zlib-compressed msgpack (`spacy/tokens/_serialize.py`,
//! `DocBin.to_bytes`): a map of `attrs` (the columns of the token array, ORTH
//! first), `tokens` (uint64 little-endian, one row per token), `spaces` (one bool
//! byte per token), `lengths` (int32, tokens per document), `strings` (every string
//! the ids stand for), `cats`, `flags`, `span_groups` and `user_data`.
//!
//! What goes where:
//! - Tokens are claimspan's own ([`crate::model::tokens`]: UAX #29 words, cut at
//!   span edges), so a span edge never cuts a token. The white space between two
//!   tokens is spaCy's: one plain space is the first token's trailing space, any
//!   other white space is a token of its own, as spaCy's tokenizer makes it. So
//!   `doc.text` is the article text and char offsets are the same numbers.
//! - Every span goes into the span group `doc.spans["sc"]`, what spaCy's `spancat`
//!   trains on; overlapping and nested spans (a claim holding an actor) included.
//! - `doc.ents` (ENT_IOB/ENT_TYPE, what `ner` trains on) cannot overlap: it holds
//!   the spans that do not overlap an earlier one (earlier start first, the longer
//!   of two that start together), and the others are counted in the report.
//! - The document id, annotator and metadata go into `doc.user_data["claimspan"]`.
//! - Links, attribute values and notes have no place in a Doc: counted as not
//!   written, as CoNLL does.
//!
//! The whole file is built in memory before it is written (about 30 bytes per
//! token), as spaCy itself does: msgpack needs each array's length up front.

use super::conll::count_unlabelled;
use super::files::{Outputs, SplitFiles};
use super::meta_json;
use super::spacy_strings::string_id;
use super::split::SplitSpec;
use super::{ExportDoc, FormatWriter, Losses, WrittenFile};
use crate::formats::error::ExportError;
use crate::model::{Document, Span, tokens};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use rmp::encode;
use std::collections::BTreeSet;
use std::io;
use std::path::Path;

/// Attribute ids (`spacy/attrs.pxd`; `spacy.attrs.ORTH` is 65 in spaCy 3.8): the
/// columns of the token array, ORTH first as DocBin puts it, then by id.
const ORTH: u64 = 65;
const ENT_IOB: u64 = 77;
const ENT_TYPE: u64 = 78;
const ATTRS: [u64; 3] = [ORTH, ENT_IOB, ENT_TYPE];

/// ENT_IOB values, indexes into spaCy's `IOB_STRINGS` (`"", "I", "O", "B"`). Tokens
/// outside every entity are O, not missing: the annotation is complete.
const IOB_I: u64 = 1;
const IOB_O: u64 = 2;
const IOB_B: u64 = 3;

/// The span group every span goes into: the key `spancat` reads by default.
pub(crate) const SPANS_KEY: &str = "sc";

/// The DocBin format version spaCy writes.
const VERSION: &str = "0.1";

/// What the report says of spans written to the span group only.
pub(crate) const NOT_IN_ENTS: &str = "spans in doc.spans[\"sc\"] only, not in doc.ents, because they overlap an earlier span there (spaCy's entities cannot overlap)";
/// Spans with no token under them.
const NO_TOKEN: &str = "spans covering only white space, so no token to place them on";
/// Spans whose edge is not a token boundary (none, since tokens are cut at span
/// edges; an edge inside white space could be).
pub(crate) const OFF_BOUNDARY: &str =
    "spans whose edges do not fall on token boundaries (left out rather than moved)";
/// Articles past spaCy's 32-bit offsets.
const TOO_LONG: &str = "documents too long for spaCy's 32-bit offsets";

/// One token of a spaCy Doc: its text, chars `start..end` in the article, whether
/// one space follows it, and whether it is a white space token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
    pub space: bool,
    pub blank: bool,
}

/// A span placed on tokens: its label and its tokens `first..last`, with chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Placed<'s> {
    label: &'s str,
    first: usize,
    last: usize,
    start: usize,
    end: usize,
}

/// One document as spaCy's `Doc` holds it.
pub(crate) struct SpacyDoc<'t, 's> {
    pub words: Vec<Word<'t>>,
    /// ENT_IOB and ENT_TYPE per token.
    iob: Vec<(u64, u64)>,
    /// Every placed span, in span order: `doc.spans["sc"]`.
    group: Vec<Placed<'s>>,
}

impl<'t, 's> SpacyDoc<'t, 's> {
    /// The Doc of `text` with `spans`; what cannot be placed is counted in `losses`.
    /// `None` (counted) for a text past spaCy's 32-bit offsets.
    pub fn build(text: &'t str, spans: &'s [Span], losses: &mut Losses) -> Option<Self> {
        if text.len() > i32::MAX as usize {
            losses.add(TOO_LONG, 1);
            return None;
        }
        let toks = tokens(text, spans.iter().flat_map(|s| [s.start, s.end]));
        let words = words(text, toks.iter().map(|t| (t.start.0, t.end.0)));
        let group: Vec<Placed<'s>> = spans
            .iter()
            .filter_map(|span| place(&words, span, losses))
            .collect();
        let mut iob = vec![(IOB_O, 0); words.len()];
        let mut order = group.clone();
        order.sort_by_key(|p| (p.first, std::cmp::Reverse(p.last)));
        let mut free_from = 0;
        for placed in order {
            if placed.first < free_from {
                losses.add(NOT_IN_ENTS, 1);
                continue;
            }
            let label = string_id(placed.label);
            iob[placed.first] = (IOB_B, label);
            for tag in &mut iob[placed.first + 1..placed.last] {
                *tag = (IOB_I, label);
            }
            free_from = placed.last;
        }
        Some(Self { words, iob, group })
    }

    /// Spans in the span group.
    pub fn spans(&self) -> usize {
        self.group.len()
    }

    /// `doc.spans` as `SpanGroups.to_bytes` writes it: a map from each group's
    /// bytes to its keys, here the one group `sc`.
    fn span_groups(&self) -> io::Result<Vec<u8>> {
        let mut group = Vec::with_capacity(32 + 42 * self.group.len());
        encode::write_map_len(&mut group, 3)?;
        encode::write_str(&mut group, "name")?;
        encode::write_str(&mut group, SPANS_KEY)?;
        encode::write_str(&mut group, "attrs")?;
        encode::write_map_len(&mut group, 0)?;
        encode::write_str(&mut group, "spans")?;
        encode::write_array_len(&mut group, len32(self.group.len())?)?;
        for span in &self.group {
            // `SpanGroup.to_bytes`: struct.pack(">QQQllll", id, kb_id, label, start,
            // end, start_char, end_char), big-endian. Lengths fit: checked in build.
            let mut packed = [0u8; 40];
            packed[16..24].copy_from_slice(&string_id(span.label).to_be_bytes());
            for (at, value) in [span.first, span.last, span.start, span.end]
                .into_iter()
                .enumerate()
            {
                let value = value as i32;
                packed[24 + 4 * at..28 + 4 * at].copy_from_slice(&value.to_be_bytes());
            }
            encode::write_bin(&mut group, &packed)?;
        }
        let mut groups = Vec::with_capacity(group.len() + 16);
        encode::write_map_len(&mut groups, 1)?;
        encode::write_bin(&mut groups, &group)?;
        encode::write_array_len(&mut groups, 1)?;
        encode::write_str(&mut groups, SPANS_KEY)?;
        Ok(groups)
    }
}

/// spaCy's tokens over claimspan's: `toks` (ordered char ranges) plus the white
/// space between them, so the tokens' texts with their spaces are `text` again.
pub(crate) fn words(text: &str, toks: impl Iterator<Item = (usize, usize)>) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut cursor = Cursor {
        chars: text.chars(),
        char: 0,
        byte: 0,
    };
    let mut at = (0, 0); // (char, byte) where the next gap starts
    for (start, end) in toks {
        let start_byte = cursor.byte(start);
        push_gap(&mut out, text, at, (start, start_byte));
        let end_byte = cursor.byte(end);
        out.push(Word {
            text: &text[start_byte..end_byte],
            start,
            end,
            space: false,
            blank: false,
        });
        at = (end, end_byte);
    }
    let end = cursor.char + cursor.chars.clone().count();
    push_gap(&mut out, text, at, (end, text.len()));
    out
}

/// Adds the white space `from..to` (chars, bytes) after the last token: a leading
/// plain space becomes its trailing space, the rest a white space token.
fn push_gap<'t>(out: &mut Vec<Word<'t>>, text: &'t str, from: (usize, usize), to: (usize, usize)) {
    let (mut start, mut byte) = from;
    if start == to.0 {
        return;
    }
    if let Some(last) = out.last_mut().filter(|_| text[byte..].starts_with(' ')) {
        last.space = true;
        start += 1;
        byte += 1;
    }
    if start < to.0 {
        out.push(Word {
            text: &text[byte..to.1],
            start,
            end: to.0,
            space: false,
            blank: true,
        });
    }
}

/// Walks a text's chars forwards, giving the byte offset of each char offset.
struct Cursor<'t> {
    chars: std::str::Chars<'t>,
    char: usize,
    byte: usize,
}

impl Cursor<'_> {
    /// The byte offset of char `target`, which is not before the last one asked.
    fn byte(&mut self, target: usize) -> usize {
        while self.char < target {
            let Some(c) = self.chars.next() else { break };
            self.char += 1;
            self.byte += c.len_utf8();
        }
        self.byte
    }
}

/// `span` on `words`, or `None` (counted) when its edges are not token boundaries.
fn place<'s>(words: &[Word<'_>], span: &'s Span, losses: &mut Losses) -> Option<Placed<'s>> {
    let (start, end) = (span.start.0, span.end.0);
    let mut first = words.partition_point(|w| w.start < start);
    let mut last = words.partition_point(|w| w.end <= end);
    while first < last && words[first].blank {
        first += 1;
    }
    while last > first && words[last - 1].blank {
        last -= 1;
    }
    if first >= last {
        losses.add(NO_TOKEN, 1);
        return None;
    }
    if words[first].start != start || words[last - 1].end != end {
        losses.add(OFF_BOUNDARY, 1);
        return None;
    }
    Some(Placed {
        label: &span.label,
        first,
        last,
        start,
        end,
    })
}

/// A count as msgpack's 32-bit length, or an error past it.
fn len32(n: usize) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "a spaCy DocBin holds at most 4 GiB in one array; write fewer documents a file with --split",
        )
    })
}

/// The documents of one `.spacy` file, gathered until it is written.
#[derive(Default)]
pub(crate) struct DocBin {
    tokens: Vec<u8>,
    spaces: Vec<u8>,
    lengths: Vec<u8>,
    strings: BTreeSet<String>,
    span_groups: Vec<Vec<u8>>,
    user_data: Vec<Vec<u8>>,
}

impl DocBin {
    /// Adds one Doc, with its `user_data` already as msgpack.
    pub fn add(&mut self, doc: &SpacyDoc<'_, '_>, user_data: Vec<u8>) -> io::Result<()> {
        for (word, (iob, label)) in doc.words.iter().zip(&doc.iob) {
            for value in [string_id(word.text), *iob, *label] {
                self.tokens.extend_from_slice(&value.to_le_bytes());
            }
            self.spaces.push(u8::from(word.space));
            if !self.strings.contains(word.text) {
                self.strings.insert(word.text.to_owned());
            }
        }
        for span in &doc.group {
            if !self.strings.contains(span.label) {
                self.strings.insert(span.label.to_owned());
            }
        }
        // Fits: a text under 2^31 bytes has fewer tokens than that.
        let length = doc.words.len() as i32;
        self.lengths.extend_from_slice(&length.to_le_bytes());
        self.span_groups.push(doc.span_groups()?);
        self.user_data.push(user_data);
        Ok(())
    }

    /// The file's bytes: the msgpack map of `DocBin.to_bytes`, zlib-compressed.
    pub fn to_bytes(&self) -> io::Result<Vec<u8>> {
        let mut out = ZlibEncoder::new(Vec::new(), Compression::default());
        let docs = len32(self.span_groups.len())?;
        encode::write_map_len(&mut out, 10)?;
        encode::write_str(&mut out, "version")?;
        encode::write_str(&mut out, VERSION)?;
        encode::write_str(&mut out, "attrs")?;
        encode::write_array_len(&mut out, len32(ATTRS.len())?)?;
        for attr in ATTRS {
            encode::write_uint(&mut out, attr)?;
        }
        for (key, bytes) in [
            ("tokens", &self.tokens),
            ("spaces", &self.spaces),
            ("lengths", &self.lengths),
        ] {
            len32(bytes.len())?;
            encode::write_str(&mut out, key)?;
            encode::write_bin(&mut out, bytes)?;
        }
        encode::write_str(&mut out, "strings")?;
        encode::write_array_len(&mut out, len32(self.strings.len())?)?;
        for string in &self.strings {
            len32(string.len())?;
            encode::write_str(&mut out, string)?;
        }
        encode::write_str(&mut out, "cats")?;
        encode::write_array_len(&mut out, docs)?;
        for _ in 0..docs {
            encode::write_map_len(&mut out, 0)?;
        }
        encode::write_str(&mut out, "flags")?;
        encode::write_array_len(&mut out, docs)?;
        for _ in 0..docs {
            encode::write_map_len(&mut out, 1)?;
            encode::write_str(&mut out, "has_unknown_spaces")?;
            encode::write_bool(&mut out, false)?;
        }
        for (key, all) in [
            ("span_groups", &self.span_groups),
            ("user_data", &self.user_data),
        ] {
            encode::write_str(&mut out, key)?;
            encode::write_array_len(&mut out, docs)?;
            for bytes in all {
                encode::write_bin(&mut out, bytes)?;
            }
        }
        out.finish()
    }
}

/// `doc.user_data` of one document: `{"claimspan": {"document", "annotator",
/// "meta": {title, date, …}}}`, so a Doc can be traced back to its article.
pub(crate) fn user_data(document: &Document, annotator: &str) -> io::Result<Vec<u8>> {
    let meta = meta_json(document);
    let mut out = Vec::new();
    encode::write_map_len(&mut out, 1)?;
    encode::write_str(&mut out, "claimspan")?;
    encode::write_map_len(&mut out, 3)?;
    encode::write_str(&mut out, "document")?;
    encode::write_str(&mut out, document.id().as_str())?;
    encode::write_str(&mut out, "annotator")?;
    encode::write_str(&mut out, annotator)?;
    encode::write_str(&mut out, "meta")?;
    encode::write_map_len(&mut out, len32(meta.len())?)?;
    for (key, value) in &meta {
        encode::write_str(&mut out, key)?;
        match value.as_str() {
            Some(text) => encode::write_str(&mut out, text)?,
            None => encode::write_str(&mut out, &value.to_string())?,
        }
    }
    Ok(out)
}

/// Writes `.spacy` files: one, or one per split.
pub(crate) struct SpacyWriter {
    files: SplitFiles,
    /// Per file, by split name (`None` without a split): the documents so far.
    bins: Vec<(Option<String>, DocBin)>,
}

impl SpacyWriter {
    /// Creates the file `out`, or `train.spacy`, `dev.spacy`, … in the folder `out`.
    pub fn new(
        outputs: &Outputs,
        out: &Path,
        split: Option<&SplitSpec>,
    ) -> Result<Self, ExportError> {
        let names: Vec<Option<String>> = match split {
            Some(spec) => spec.names().map(|n| Some(n.to_owned())).collect(),
            None => vec![None],
        };
        Ok(Self {
            files: SplitFiles::new(outputs, out, split, "spacy", b"")?,
            bins: names.into_iter().map(|n| (n, DocBin::default())).collect(),
        })
    }
}

impl FormatWriter for SpacyWriter {
    fn document(
        &mut self,
        doc: &ExportDoc<'_>,
        losses: &mut Losses,
        _outputs: &mut Outputs,
    ) -> Result<(), ExportError> {
        count_unlabelled(doc, "spaCy's DocBin", losses);
        let text = doc.document.text();
        let at = self
            .bins
            .iter()
            .position(|(name, _)| name.as_deref() == doc.split)
            .unwrap_or(0);
        for annotations in doc.sets {
            let Some(spacy) = SpacyDoc::build(text, &annotations.spans, losses) else {
                continue;
            };
            let file = self.files.get(doc.split);
            let fail = |e| ExportError::io("write", &file.path, e);
            let data = user_data(doc.document, annotations.annotator.as_str()).map_err(fail)?;
            self.bins[at].1.add(&spacy, data).map_err(fail)?;
            file.documents += 1;
            file.spans += spacy.spans();
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, outputs: &mut Outputs) -> Result<Vec<WrittenFile>, ExportError> {
        for (name, bin) in std::mem::take(&mut self.bins) {
            let file = self.files.get(name.as_deref());
            let bytes = bin
                .to_bytes()
                .map_err(|e| ExportError::io("write", &file.path, e))?;
            file.write(&bytes)?;
        }
        self.files.finish(outputs, b"")
    }
}

#[cfg(test)]
#[path = "spacy_tests.rs"]
mod tests;
