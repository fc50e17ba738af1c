//! Telling what a file is by its content, not only its name: a `.json` may be a
//! Label Studio export, a `.jsonl` doccano's or ours, a `.txt` one half of a brat
//! pair.

use super::PeerKind;
use serde_json::Value;
use std::path::Path;

/// What a file is, as far as import is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An article (or a scraped file of several).
    Text,
    /// Plain JSONL, `{"text": …, "spans": …}` a line.
    Jsonl,
    /// A peer tool's file.
    Peer(PeerKind),
}

/// The `.ann` beside a `.txt` (or the `.txt` beside an `.ann`): a brat pair.
pub fn brat_partner(path: &Path) -> Option<std::path::PathBuf> {
    let ext = path.extension()?.to_str()?;
    let other = match ext {
        "txt" => "ann",
        "ann" => "txt",
        _ => return None,
    };
    let partner = path.with_extension(other);
    partner.is_file().then_some(partner)
}

/// What `path` is, from its first bytes (`head`) and its name.
pub fn sniff(path: &Path, head: &[u8]) -> FileKind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "ann" || (ext == "txt" && brat_partner(path).is_some()) {
        return FileKind::Peer(PeerKind::Brat);
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('[') {
        return FileKind::Peer(PeerKind::LabelStudio);
    }
    if text.starts_with('{') {
        let first = text.lines().next().unwrap_or_default();
        return match serde_json::from_str::<Value>(first) {
            Ok(Value::Object(fields)) => jsonl_kind(&fields),
            // A line cut off by the head's end, or a broken line: the name decides,
            // and the reader reports the broken line.
            _ if ext == "json" => FileKind::Peer(PeerKind::LabelStudio),
            _ => FileKind::Jsonl,
        };
    }
    if looks_like_ann(text) {
        return FileKind::Peer(PeerKind::Brat);
    }
    match ext.as_str() {
        "jsonl" | "ndjson" => FileKind::Jsonl,
        "json" => FileKind::Peer(PeerKind::LabelStudio),
        _ => FileKind::Text,
    }
}

/// Which JSONL a first line's fields say it is.
fn jsonl_kind(fields: &serde_json::Map<String, Value>) -> FileKind {
    if fields.contains_key("entities")
        || fields
            .get("label")
            .or_else(|| fields.get("labels"))
            .is_some_and(|l| l.as_array().is_some_and(|a| a.iter().all(Value::is_array)))
    {
        return FileKind::Peer(PeerKind::Doccano);
    }
    let spans_have_ids = fields
        .get("spans")
        .and_then(Value::as_array)
        .is_some_and(|spans| spans.iter().any(|s| s.get("id").is_some()));
    if fields.contains_key("relations") || spans_have_ids {
        return FileKind::Peer(PeerKind::OwnJsonl);
    }
    FileKind::Jsonl
}

/// True when the first line reads like a brat annotation (`T1<TAB>label 0 4<TAB>…`).
fn looks_like_ann(text: &str) -> bool {
    let Some(first) = text.lines().next() else {
        return false;
    };
    let Some((id, rest)) = first.split_once('\t') else {
        return false;
    };
    let mut chars = id.chars();
    matches!(chars.next(), Some('T' | 'R' | 'A' | 'M' | 'E' | 'N' | '#'))
        && chars.all(|c| c.is_ascii_digit())
        && id.len() > 1
        && !rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, head: &str) -> FileKind {
        sniff(Path::new(name), head.as_bytes())
    }

    #[test]
    fn content_decides_before_the_name() {
        use PeerKind::*;
        assert_eq!(
            kind("x.json", "[{\"data\": {\"text\": \"a\"}}]"),
            FileKind::Peer(LabelStudio)
        );
        assert_eq!(kind("x.txt", " [\n {\"data\""), FileKind::Peer(LabelStudio));
        assert_eq!(
            kind(
                "x.jsonl",
                "{\"text\": \"a\", \"label\": [[0, 1, \"actor\"]]}"
            ),
            FileKind::Peer(Doccano)
        );
        assert_eq!(
            kind("x.jsonl", "{\"text\": \"a\", \"label\": []}"),
            FileKind::Peer(Doccano)
        );
        assert_eq!(
            kind("x.jsonl", "{\"text\": \"a\", \"entities\": []}"),
            FileKind::Peer(Doccano)
        );
        assert_eq!(
            kind("x", "{\"text\": \"a\", \"spans\": [], \"relations\": []}"),
            FileKind::Peer(OwnJsonl)
        );
        assert_eq!(
            kind("x.jsonl", "{\"text\": \"a\", \"spans\": [{\"start\": 0}]}"),
            FileKind::Jsonl
        );
        assert_eq!(kind("notes", "T1\tactor 0 4\tIran\n"), FileKind::Peer(Brat));
        assert_eq!(kind("story.txt", "Talks stall\nBAGHDAD: …"), FileKind::Text);
        assert_eq!(
            kind("x.json", "{\"data\": {\"te"),
            FileKind::Peer(LabelStudio)
        );
    }
}
