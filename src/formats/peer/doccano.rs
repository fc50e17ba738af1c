//! doccano JSONL: `{"id", "text", "label": [[start, end, "label"], …]}` (also
//! `"labels"`), or `{"text", "entities": [{"id", "label", "start_offset",
//! "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`. Other fields
//! and a `meta` object become metadata. doccano 1.x writes `"annotations": [{"label",
//! "label_name", "start_offset", "end_offset", "user"}]`, several users a line: each
//! user is an annotator of their own. doccano counts UTF-16 code units unless the
//! line's metadata says otherwise (`"offsets": "chars"`, as our export writes it).

use super::{PeerKind, PeerLink, PeerRecord, PeerSet, PeerSpan, article_from, unit_in};
use crate::formats::error::ImportError;
use crate::formats::jsonl::file_name;
use crate::formats::units::OffsetUnit;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Reads every line of a doccano file; the first bad line refuses the file.
pub fn read(path: &Path, text: &str) -> Result<Vec<PeerRecord>, ImportError> {
    let mut records = Vec::new();
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        records.push(read_line(path, i + 1, line)?);
    }
    Ok(records)
}

/// One line as a record: the first thing wrong in it is refused with its line.
fn read_line(path: &Path, line: usize, json: &str) -> Result<PeerRecord, ImportError> {
    let value: Value = serde_json::from_str(json).map_err(|e| ImportError::Json {
        path: path.to_owned(),
        line,
        column: e.column(),
        message: super::json_message(&e),
        tool: PeerKind::Doccano.tool(),
    })?;
    let Value::Object(fields) = value else {
        return Err(peer_error(
            path,
            line,
            "this line is not a JSON object in { }; fix or remove it".into(),
        ));
    };
    let example = Example::read(fields).map_err(|message| peer_error(path, line, message))?;
    Ok(PeerRecord {
        line,
        article: article_from(
            &example.raw_text,
            example.id,
            &example.meta,
            file_name(path),
        ),
        raw_text: example.raw_text,
        unit: example.unit,
        sets: example.sets,
    })
}

/// The error for a line whose JSON parses but is not what doccano writes.
fn peer_error(path: &Path, line: usize, message: String) -> ImportError {
    ImportError::Peer {
        path: path.to_owned(),
        line,
        message,
    }
}

/// What one doccano example holds, before it becomes an article.
struct Example {
    /// The text as doccano had it.
    raw_text: String,
    /// A string id (as our export writes it), the article's id.
    id: Option<String>,
    /// `meta` and the other fields.
    meta: Map<String, Value>,
    /// How the offsets count.
    unit: OffsetUnit,
    /// The example's own spans and links first (if it has any), then one set a user.
    sets: Vec<PeerSet>,
}

impl Example {
    /// Reads an example's fields; the error is the message for its line.
    fn read(mut fields: Map<String, Value>) -> Result<Self, String> {
        let Some(Value::String(raw_text)) = fields.get("text").cloned() else {
            return Err(
                "it has no \"text\" string; every doccano line needs the text in \"text\"".into(),
            );
        };
        let mut meta = match fields.remove("meta") {
            Some(Value::Object(meta)) => meta,
            _ => Map::new(),
        };
        // doccano numbers its examples; a number says nothing about the article, so
        // only a string id (as our export writes) is kept.
        let id = match fields.get("id") {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        let labelled = fields.get("label").or_else(|| fields.get("labels"));
        let mut spans = match labelled {
            Some(Value::Array(items)) => label_triples(items)?,
            _ => Vec::new(),
        };
        if let Some(Value::Array(items)) = fields.get("entities") {
            spans.extend(entities(items)?);
        }
        let by_user = match fields.get("annotations") {
            Some(Value::Array(items)) => annotations_by_user(items)?,
            _ => BTreeMap::new(),
        };
        let links = match fields.get("relations") {
            Some(Value::Array(items)) => relations(items)?,
            _ => Vec::new(),
        };
        let mut sets = Vec::new();
        if labelled.is_some() || fields.contains_key("entities") {
            sets.push(PeerSet {
                spans,
                links,
                ..PeerSet::default()
            });
        }
        sets.extend(by_user.into_iter().map(|(user, spans)| PeerSet {
            user: Some(user),
            spans,
            ..PeerSet::default()
        }));
        other_fields_into(&fields, &mut meta);
        Ok(Example {
            raw_text,
            id,
            unit: unit_in(&meta).unwrap_or(OffsetUnit::Utf16),
            meta,
            sets,
        })
    }
}

/// The fields claimspan reads itself; every other one is metadata.
const READ_FIELDS: [&str; 8] = [
    "text",
    "id",
    "label",
    "labels",
    "entities",
    "relations",
    "annotations",
    "Comments",
];

/// Keeps the fields claimspan does not read as metadata, and doccano's number of
/// the example, to find it in doccano again.
fn other_fields_into(fields: &Map<String, Value>, meta: &mut Map<String, Value>) {
    for (key, value) in fields {
        if !READ_FIELDS.contains(&key.as_str()) {
            meta.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    if let Some(Value::Number(n)) = fields.get("id") {
        meta.entry("doccano_id".to_owned())
            .or_insert_with(|| Value::Number(n.clone()));
    }
}

/// An offset as doccano writes it: a whole number from 0.
fn offset(v: Option<&Value>, what: &str) -> Result<usize, String> {
    v.and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("{what} must be a whole number from 0"))
}

/// An `{"id", "start_offset", "end_offset"}` object as a span; without an id, the
/// key is `unnamed`.
fn offset_span(
    item: &Value,
    place: &str,
    unnamed: String,
    label: String,
) -> Result<PeerSpan, String> {
    let key = match item.get("id") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => unnamed,
    };
    Ok(PeerSpan {
        key,
        start: offset(
            item.get("start_offset"),
            &format!("{place}: \"start_offset\""),
        )?,
        end: offset(item.get("end_offset"), &format!("{place}: \"end_offset\""))?,
        label,
        ..PeerSpan::default()
    })
}

/// `"label": [[start, end, "label"], …]`: spans keyed by their place in the list.
fn label_triples(items: &[Value]) -> Result<Vec<PeerSpan>, String> {
    let mut spans = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let place = format!("label {}", i + 1);
        let Some([start, end, label]) = item.as_array().map(Vec::as_slice) else {
            return Err(format!("{place} is not [start, end, \"label\"]; fix it"));
        };
        let Some(label) = label.as_str() else {
            return Err(format!("{place}: the label must be a string"));
        };
        spans.push(PeerSpan {
            key: (i + 1).to_string(),
            start: offset(Some(start), &format!("{place}: the start"))?,
            end: offset(Some(end), &format!("{place}: the end"))?,
            label: label.to_owned(),
            ..PeerSpan::default()
        });
    }
    Ok(spans)
}

/// `"entities": [{"id", "label", "start_offset", "end_offset"}]`.
fn entities(items: &[Value]) -> Result<Vec<PeerSpan>, String> {
    let mut spans = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let place = format!("entity {}", i + 1);
        let Some(label) = item.get("label").and_then(Value::as_str) else {
            return Err(format!("{place} has no \"label\" string"));
        };
        let key = format!("entity-{}", i + 1);
        spans.push(offset_span(item, &place, key, label.to_owned())?);
    }
    Ok(spans)
}

/// doccano 1.x: `"annotations": [{"label", "start_offset", "end_offset", "user"}]`,
/// the spans of every user who annotated the example, each user one annotator.
fn annotations_by_user(items: &[Value]) -> Result<BTreeMap<String, Vec<PeerSpan>>, String> {
    let mut by_user: BTreeMap<String, Vec<PeerSpan>> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let place = format!("annotation {}", i + 1);
        let label = match (item.get("label_name"), item.get("label")) {
            (Some(Value::String(name)), _) | (_, Some(Value::String(name))) => name.clone(),
            // An older export names labels by number only: the number is all there is.
            (_, Some(Value::Number(n))) => n.to_string(),
            _ => return Err(format!("{place} has no \"label\"")),
        };
        let user = match item.get("user") {
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(name)) if !name.trim().is_empty() => name.trim().to_owned(),
            _ => "unknown".to_owned(),
        };
        let key = format!("annotation-{}", i + 1);
        let span = offset_span(item, &place, key, label)?;
        by_user.entry(user).or_default().push(span);
    }
    Ok(by_user)
}

/// `"relations": [{"id", "from_id", "to_id", "type"}]` as links between span keys.
fn relations(items: &[Value]) -> Result<Vec<PeerLink>, String> {
    let mut links = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let key = |k: &str| match item.get(k) {
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        let (Some(from), Some(to)) = (key("from_id"), key("to_id")) else {
            return Err(format!(
                "relation {} needs \"from_id\" and \"to_id\"",
                i + 1
            ));
        };
        let label = item
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        links.push(PeerLink { from, to, label });
    }
    Ok(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_read() {
        let text = "{\"id\": 7, \"text\": \"Iran said no\", \"label\": [[0, 4, \"actor\"]], \"url\": \"u\"}\n\n{\"text\": \"Iran said no\", \"entities\": [{\"id\": 3, \"label\": \"actor\", \"start_offset\": 0, \"end_offset\": 4}, {\"id\": 4, \"label\": \"stance\", \"start_offset\": 5, \"end_offset\": 9}], \"relations\": [{\"id\": 1, \"from_id\": 3, \"to_id\": 4, \"type\": \"holds\"}]}";
        let records = read(Path::new("d.jsonl"), text).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].article.id, None, "doccano's numbers are not ids");
        assert_eq!(records[0].article.extra["url"], "u");
        assert_eq!(records[0].unit, OffsetUnit::Utf16);
        assert_eq!(records[1].line, 3);
        assert_eq!(records[1].sets[0].spans[1].key, "4");
        assert_eq!(records[1].sets[0].links[0].label, "holds");
    }

    #[test]
    fn a_cut_off_line_names_file_and_line() {
        let err = read(
            Path::new("d.jsonl"),
            "{\"text\": \"a\", \"label\": []}\n{\"text\": \"Iran sa",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.jsonl:2:17: this is not valid JSON (EOF while parsing a string); the file may be cut short or damaged: export it from doccano again"
        );
    }
}
