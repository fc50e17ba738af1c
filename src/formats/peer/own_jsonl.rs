//! Our own JSONL export read back: `{"id", "text", "meta": {…, "annotator",
//! "status", "offsets"}, "spans": [{"id", "start", "end", "label", "text",
//! "attributes", "note"}], "relations": [{"from", "to", "label"}]}` a line.

use super::{PeerKind, PeerLink, PeerRecord, PeerSet, PeerSpan, article_from, json_error, unit_in};
use crate::formats::error::ImportError;
use crate::formats::jsonl::file_name;
use crate::formats::units::OffsetUnit;
use crate::model::Status;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    meta: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    spans: Vec<SpanIn>,
    #[serde(default)]
    relations: Vec<RelationIn>,
}

#[derive(Deserialize)]
struct SpanIn {
    id: serde_json::Value,
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
    #[serde(default)]
    note: String,
    /// A model's confidence, when a model wrote the line (`import --as-suggestions`).
    #[serde(default)]
    score: Option<f64>,
}

#[derive(Deserialize)]
struct RelationIn {
    from: serde_json::Value,
    to: serde_json::Value,
    label: String,
}

fn key(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Reads every line; the first bad line refuses the file.
pub fn read(path: &Path, text: &str) -> Result<Vec<PeerRecord>, ImportError> {
    let mut records = Vec::new();
    for (i, json) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        if json.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(json)
            .map_err(|e| json_error(path, i + 1, &e, PeerKind::OwnJsonl))?;
        let status = match line.meta.get("status").and_then(|s| s.as_str()) {
            Some("done") => Some(Status::Done),
            Some("in_progress") => Some(Status::InProgress),
            Some("todo") => Some(Status::Todo),
            _ => None,
        };
        let annotator = line
            .meta
            .get("annotator")
            .and_then(|a| a.as_str())
            .map(str::to_owned);
        let gold = annotator.as_deref() == Some(crate::model::ids::GOLD);
        let unit = unit_in(&line.meta).unwrap_or(OffsetUnit::Chars);
        let id = line.id.as_ref().map(key);
        records.push(PeerRecord {
            line: i + 1,
            article: article_from(&line.text, id, &line.meta, file_name(path)),
            unit,
            sets: vec![PeerSet {
                annotator,
                status,
                user: None,
                coder: None,
                gold,
                predicted: false,
                spans: line
                    .spans
                    .into_iter()
                    .map(|s| PeerSpan {
                        key: key(&s.id),
                        start: s.start,
                        end: s.end,
                        label: s.label,
                        text: s.text,
                        attributes: {
                            let mut attributes = s.attributes;
                            if let Some(score) = s.score.filter(|x| (0.0..=1.0).contains(x)) {
                                attributes.insert(crate::model::SCORE.into(), score.to_string());
                            }
                            attributes
                        },
                        note: s.note,
                        discontinuous: false,
                    })
                    .collect(),
                links: line
                    .relations
                    .into_iter()
                    .map(|r| PeerLink {
                        from: key(&r.from),
                        to: key(&r.to),
                        label: r.label,
                    })
                    .collect(),
            }],
            raw_text: line.text,
        });
    }
    Ok(records)
}
