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

/// What `path` is, from its whole content (`text`) and its name.
///
/// A brat pair is known by its two names. A `.txt` or `.md` file is an article
/// whatever it starts with (`[UPDATE 2] Iran rejects…`, `T1<TAB>…` in a story about
/// brat). Otherwise the content decides: the whole first record is read, so a
/// doccano line of any length is known as doccano's.
pub fn sniff(path: &Path, text: &str) -> FileKind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "ann" || (ext == "txt" && brat_partner(path).is_some()) {
        return FileKind::Peer(PeerKind::Brat);
    }
    if matches!(ext.as_str(), "txt" | "md" | "markdown" | "text") {
        return FileKind::Text;
    }
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('[') && (ext == "json" || opens_a_list_of_objects(text)) {
        return FileKind::Peer(PeerKind::LabelStudio);
    }
    if text.starts_with('{') {
        let first = text.lines().next().unwrap_or_default();
        match serde_json::from_str::<Value>(first) {
            Ok(Value::Object(fields)) => return jsonl_kind(&fields),
            // A broken first line: the name decides, and the reader reports the line.
            _ if ext == "json" => return FileKind::Peer(PeerKind::LabelStudio),
            _ if matches!(ext.as_str(), "jsonl" | "ndjson") => return FileKind::Jsonl,
            _ => {}
        }
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

/// True when `text` opens a JSON list whose first item is an object (or an empty
/// list): a Label Studio export, not a line of prose that starts with a bracket.
fn opens_a_list_of_objects(text: &str) -> bool {
    let rest = text.trim_start_matches('[').trim_start();
    text.starts_with('[') && (rest.starts_with('{') || rest.starts_with(']'))
}

/// Which JSONL a first line's fields say it is.
fn jsonl_kind(fields: &serde_json::Map<String, Value>) -> FileKind {
    // doccano 1.x: `"annotations": [{"start_offset", …}]`, or an example nobody
    // annotated yet, known by doccano's own `annotation_approver` field.
    let doccano_annotations = fields
        .get("annotations")
        .and_then(Value::as_array)
        .is_some_and(|a| {
            (!a.is_empty() && a.iter().all(|item| item.get("start_offset").is_some()))
                || fields.contains_key("annotation_approver")
        });
    if doccano_annotations
        || fields.contains_key("entities")
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

    fn kind(name: &str, text: &str) -> FileKind {
        sniff(Path::new(name), text)
    }

    #[test]
    fn content_decides_before_the_name() {
        use PeerKind::*;
        assert_eq!(
            kind("x.json", "[{\"data\": {\"text\": \"a\"}}]"),
            FileKind::Peer(LabelStudio)
        );
        assert_eq!(kind("x", " [\n {\"data\""), FileKind::Peer(LabelStudio));
        assert_eq!(kind("63", "[]"), FileKind::Peer(LabelStudio));
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

    #[test]
    fn a_first_record_of_any_length_decides() {
        // Longer than any head a sniffer might read: the whole line is looked at.
        let long = format!(
            "{{\"text\": \"{}\", \"label\": [[0, 4, \"actor\"]]}}\n{{\"text\": \"b\"}}",
            "Iran’s minister said talks stall. ".repeat(1000)
        );
        assert!(long.find('\n').unwrap() > 20_000);
        assert_eq!(kind("x.jsonl", &long), FileKind::Peer(PeerKind::Doccano));
        assert_eq!(kind("63", &long), FileKind::Peer(PeerKind::Doccano));
    }

    #[test]
    fn text_files_are_articles_whatever_they_start_with() {
        for (name, text) in [
            (
                "update.txt",
                "[UPDATE 2] Iran rejects EU offer\nTEHRAN (Reuters) - …",
            ),
            ("brace.md", "{Draft} Talks stall\nBAGHDAD: …"),
            (
                "brat-story.txt",
                "T1\tis how brat names a span, the manual says",
            ),
            (
                "63",
                "[UPDATE 2] Iran rejects EU offer\nTEHRAN (Reuters) - …",
            ),
            ("63", "{Draft} Talks stall"),
        ] {
            assert_eq!(kind(name, text), FileKind::Text, "{name}: {text}");
        }
        // A bracket and a broken line in a file that says it is JSON are reported as
        // broken JSON, not taken as an article.
        assert_eq!(
            kind("x.json", "[UPDATE"),
            FileKind::Peer(PeerKind::LabelStudio)
        );
        assert_eq!(kind("x.jsonl", "{Draft"), FileKind::Jsonl);
    }

    #[test]
    fn doccano_1x_annotations_are_known_as_doccano() {
        let line = "{\"id\": 3, \"text\": \"Iran said no\", \"annotations\": [{\"id\": 9, \"label\": 2, \"start_offset\": 0, \"end_offset\": 4, \"user\": 1}], \"meta\": {}, \"annotation_approver\": null}";
        assert_eq!(kind("x.jsonl", line), FileKind::Peer(PeerKind::Doccano));
        let untouched = "{\"id\": 4, \"text\": \"b\", \"annotations\": [], \"meta\": {}, \"annotation_approver\": null}";
        assert_eq!(
            kind("x.jsonl", untouched),
            FileKind::Peer(PeerKind::Doccano)
        );
    }
}
