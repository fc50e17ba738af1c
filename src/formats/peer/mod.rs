//! Files of other annotation tools: doccano JSONL (`label` and
//! `entities`/`relations` forms), Label Studio JSON exports, brat `.txt` + `.ann`
//! pairs, and our own JSONL export. Each reader turns a file into [`PeerRecord`]s
//! with offsets as the tool wrote them; [`fit`] then places every span on the stored
//! text, repairing known offset bugs where the span's own text shows the fix, and
//! [`import_peer_file`] plans the whole file before writing anything.

pub mod brat;
pub mod brat_conf;
pub mod detect;
pub mod dna;
pub mod doccano;
pub mod fit;
pub mod label_studio;
pub mod own_jsonl;
mod write;

pub use detect::{FileKind, sniff};
pub use write::import_peer_file;
pub(crate) use write::{add_label, own_name};

use super::units::OffsetUnit;
use crate::model::Status;
use crate::store::NewArticle;
use std::collections::BTreeMap;

/// Which tool a file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerKind {
    /// doccano JSONL.
    Doccano,
    /// A Label Studio JSON export.
    LabelStudio,
    /// A brat `.txt` + `.ann` pair.
    Brat,
    /// claimspan's own JSONL export.
    OwnJsonl,
    /// A DNA 3 database (`.dna`, SQLite).
    Dna,
}

impl PeerKind {
    /// The tool's name, for messages.
    pub fn tool(self) -> &'static str {
        match self {
            PeerKind::Doccano => "doccano",
            PeerKind::LabelStudio => "Label Studio",
            PeerKind::Brat => "brat",
            PeerKind::OwnJsonl => "claimspan",
            PeerKind::Dna => "DNA",
        }
    }
}

/// One document of a peer file, as the file has it.
#[derive(Debug, Clone)]
pub struct PeerRecord {
    /// Line of the file it starts on, from 1.
    pub line: usize,
    /// The article, its text already normalised (`\r\n` → `\n`, no BOM).
    pub article: NewArticle,
    /// The text exactly as in the file, which the tool's offsets count in.
    pub raw_text: String,
    /// The unit the tool says its offsets count.
    pub unit: OffsetUnit,
    /// Annotation sets: one, or one per annotator (Label Studio).
    pub sets: Vec<PeerSet>,
}

/// One annotator's spans and links in a peer record.
#[derive(Debug, Clone, Default)]
pub struct PeerSet {
    /// A name the file gives the annotator, if any (Label Studio's `completed_by`,
    /// our own `claimspan_annotator`).
    pub annotator: Option<String>,
    /// The status the file gives, if any.
    pub status: Option<Status>,
    /// The tool's own user (doccano 1.x's `user`): the set becomes `NAME-<user>` of
    /// `--annotator NAME` on every line, so one user is one annotator across the file.
    pub user: Option<String>,
    /// The person the file says made the set (DNA's coder): the set is theirs,
    /// under their name made a safe annotator name, whatever `--annotator` says.
    pub coder: Option<String>,
    /// True for the adjudicated annotation of a document (Label Studio's
    /// `ground_truth`, our own exports' `gold`): it goes to `gold/`, not to a person.
    pub gold: bool,
    /// True for a tool's predictions (Label Studio's `predictions`): no one's
    /// annotations, imported only as suggestions.
    pub predicted: bool,
    /// Spans.
    pub spans: Vec<PeerSpan>,
    /// Links between spans, by their keys.
    pub links: Vec<PeerLink>,
}

/// A span as a peer file has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeerSpan {
    /// The file's name for it (`T3`, a Label Studio region id, a number).
    pub key: String,
    /// Start in the tool's unit.
    pub start: usize,
    /// End in the tool's unit.
    pub end: usize,
    /// Label.
    pub label: String,
    /// The text the file says the span covers, if it says.
    pub text: Option<String>,
    /// Attribute values.
    pub attributes: BTreeMap<String, String>,
    /// Note.
    pub note: String,
    /// True when the file gave it in pieces (brat's discontinuous `0 4;15 23`);
    /// claimspan's spans are continuous, so such a span is joined into one covering
    /// the gaps, and the import says so.
    pub discontinuous: bool,
}

/// A link as a peer file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerLink {
    /// Key of the span it starts at.
    pub from: String,
    /// Key of the span it ends at.
    pub to: String,
    /// Link type.
    pub label: String,
}

/// Metadata keys with a place of their own in [`NewArticle`], and keys that only
/// describe the export; neither is kept as an extra field.
pub(crate) const META_KEYS: [&str; 14] = [
    "text",
    "id",
    "doc_id",
    "title",
    "date",
    "source",
    "dateline",
    "caption",
    "original_file",
    "offsets",
    "annotator",
    "status",
    "split",
    "meta",
];

/// An article from a text and a JSON object of metadata (Label Studio's `data`, a
/// JSONL line's `meta`).
pub(crate) fn article_from(
    text: &str,
    id: Option<String>,
    meta: &serde_json::Map<String, serde_json::Value>,
    file_name: String,
) -> NewArticle {
    use serde_json::Value;
    let string = |key: &str| match meta.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    };
    let normalised = crate::model::text::normalize(text);
    let title = string("title").unwrap_or_else(|| super::jsonl::first_line(&normalised));
    let extra = meta
        .iter()
        .filter(|(k, _)| !META_KEYS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    NewArticle {
        title,
        date: string("date"),
        source: string("source"),
        dateline: string("dateline"),
        caption: string("caption"),
        original_file: string("original_file").unwrap_or(file_name),
        // A peer tool's id that is not a safe file name (“Task #3”) is not ours to
        // keep: the article gets an id from its title instead.
        id: id.and_then(|id| crate::model::DocumentId::new(&id).ok()),
        extra,
        text: normalised,
    }
}

/// The offset unit a record's metadata names (`"offsets": "utf16"`), if any.
pub(crate) fn unit_in(meta: &serde_json::Map<String, serde_json::Value>) -> Option<OffsetUnit> {
    meta.get("offsets")
        .and_then(serde_json::Value::as_str)
        .and_then(|s| s.parse().ok())
}

/// A serde_json error as an import error: broken JSON, or JSON of the wrong shape.
pub(crate) fn json_error(
    path: &std::path::Path,
    line: usize,
    err: &serde_json::Error,
    tool: PeerKind,
) -> super::error::ImportError {
    use super::error::ImportError;
    if err.is_data() {
        ImportError::Peer {
            path: path.to_owned(),
            line,
            message: format!(
                "{err}; this is not the shape of a {} file, so nothing of it was imported",
                tool.tool()
            ),
        }
    } else {
        ImportError::Json {
            path: path.to_owned(),
            line,
            column: err.column(),
            message: json_message(err),
            tool: tool.tool(),
        }
    }
}

/// serde_json's message without its own “at line L column C”: the error names the
/// place already, in lines of the file rather than of one JSONL record.
pub(crate) fn json_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::fit::Fitter;
    use super::*;
    use proptest::prelude::*;
    use std::path::Path;

    fn place_all(records: &[PeerRecord]) {
        for record in records {
            let mut fitter = Fitter::new(&record.raw_text, &record.article.text, record.unit);
            for set in &record.sets {
                for span in &set.spans {
                    let _ = fitter.place(span);
                }
            }
        }
    }

    /// Pieces of peer files, so random inputs get past the first brace; the cargo
    /// fuzz targets in `fuzz/` go further.
    fn arb_input() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("{\"text\": \"Iran’s 😀 envoy\r\nsaid\", ".to_owned()),
            Just("\"label\": [[0, 4, \"actor\"], [2, 99, \"x\"]]}".to_owned()),
            Just("\"entities\": [{\"id\": 1, \"label\": \"a\", \"start_offset\": 3, \"end_offset\": 1}]".to_owned()),
            Just("\"spans\": [{\"id\": 1, \"start\": 0, \"end\": 9, \"label\": \"actor\", \"text\": \"envoy\"}], \"relations\": []}".to_owned()),
            Just("[{\"data\": {\"text\": \"a😀b\"}, \"annotations\": [{\"result\": [{\"id\": \"r\", \"type\": \"labels\", \"value\": {\"start\": 1, \"end\": 3, \"text\": \"😀\", \"labels\": [\"actor\"]}}]}]}]".to_owned()),
            Just("T1\tactor 0 4;5 999\tIran\n".to_owned()),
            Just("A1\tpolarity T1\nR1\tholds Arg1:T1 Arg2:T9\n#1\tAnnotatorNotes T1\tx\n".to_owned()),
            Just("\n".to_owned()),
            "\\PC{0,12}",
        ];
        proptest::collection::vec(piece, 0..8).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn readers_never_panic(input in arb_input(), ann in arb_input()) {
            let path = Path::new("x");
            if let Ok(r) = doccano::read(path, &input) { place_all(&r); }
            if let Ok(r) = label_studio::read(path, &input) { place_all(&r); }
            if let Ok(r) = own_jsonl::read(path, &input) { place_all(&r); }
            if let Ok(r) = brat::read(path, &input, path, &ann) { place_all(&[r]); }
            let _ = sniff(path, &input);
        }
    }
}
