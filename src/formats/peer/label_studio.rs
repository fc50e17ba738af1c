//! Label Studio JSON exports: a list of tasks `{"data": {"text", …},
//! "annotations": [{"completed_by", "result": […]}]}`.
//!
//! `labels` results are spans (`value: {start, end, text, labels}`); per-region
//! `choices` and `textarea` results (sharing the region's id) become attributes and
//! notes; `relation` results become links. Each annotation is one annotator. A file
//! of another kind of task (images, audio, whole-text classification) is refused,
//! since claimspan only has spans of text to put its results in.

use super::{PeerKind, PeerLink, PeerRecord, PeerSet, PeerSpan, article_from, json_error, unit_in};
use crate::formats::error::ImportError;
use crate::formats::jsonl::file_name;
use crate::formats::units::OffsetUnit;
use crate::model::Status;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Reads a Label Studio export; any problem refuses the whole file.
pub fn read(path: &Path, text: &str) -> Result<Vec<PeerRecord>, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    // Tasks come in file order, so each task's line is counted on from the last
    // one's: counting from the start for every task made a 40 MB export take minutes.
    let (mut counted_to, mut line) = (0, 1);
    let mut line_of = |raw: &RawValue| {
        let at = (raw.get().as_ptr() as usize)
            .saturating_sub(text.as_ptr() as usize)
            .min(text.len());
        if at >= counted_to {
            line += text.as_bytes()[counted_to..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = at;
        }
        line
    };
    let tasks: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(tasks) => tasks,
        Err(e) if e.is_data() => {
            return Err(ImportError::Peer {
                path: path.to_owned(),
                line: e.line(),
                message: "this is not a Label Studio JSON export (a list [ ] of tasks); export the project as JSON from Label Studio".into(),
            });
        }
        Err(e) => {
            return Err(ImportError::Json {
                path: path.to_owned(),
                line: e.line(),
                column: e.column(),
                message: super::json_message(&e),
                tool: PeerKind::LabelStudio.tool(),
            });
        }
    };
    let mut records = Vec::with_capacity(tasks.len());
    for (i, raw) in tasks.iter().enumerate() {
        let line = line_of(raw);
        let task: Value = serde_json::from_str(raw.get())
            .map_err(|e| json_error(path, line, &e, PeerKind::LabelStudio))?;
        records.push(read_task(path, line, i + 1, &task)?);
    }
    Ok(records)
}

fn read_task(
    path: &Path,
    line: usize,
    number: usize,
    task: &Value,
) -> Result<PeerRecord, ImportError> {
    let fail = |message: String| ImportError::Peer {
        path: path.to_owned(),
        line,
        message: format!("task {number}: {message}"),
    };
    let Some(data) = task.get("data").and_then(Value::as_object) else {
        return Err(fail(
            "it has no \"data\" object; this is not a Label Studio task export".into(),
        ));
    };
    let raw_text = match ["text", "content", "body", "article"]
        .iter()
        .find_map(|k| data.get(*k).and_then(Value::as_str))
    {
        Some(text) => text.to_owned(),
        None => {
            let keys: Vec<&str> = data.keys().map(String::as_str).collect();
            return Err(fail(format!(
                "its data has no text (it has {}); this is a Label Studio export of another kind of task, and claimspan imports text-span (named entity) projects only",
                keys.join(", ")
            )));
        }
    };
    let mut meta: Map<String, Value> = data.clone();
    if let Some(Value::Object(task_meta)) = task.get("meta") {
        for (k, v) in task_meta {
            meta.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    let id = match data.get("doc_id").or_else(|| data.get("id")) {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    // The task's number, to find it in Label Studio again.
    if let Some(Value::Number(n)) = task.get("id") {
        meta.entry("label_studio_task".to_owned())
            .or_insert_with(|| Value::Number(n.clone()));
    }
    let unit = unit_in(&meta).unwrap_or(OffsetUnit::Chars);
    let mut sets = Vec::new();
    if let Some(annotations) = task.get("annotations").and_then(Value::as_array) {
        for (a, annotation) in annotations.iter().enumerate() {
            let results = annotation
                .get("result")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let mut set =
                read_results(results).map_err(|m| fail(format!("annotation {}: {m}", a + 1)))?;
            set.annotator = Some(annotator_of(annotation, a));
            // Label Studio's ground truth is what a reviewer settled on; ours is gold.
            set.gold = annotation.get("ground_truth") == Some(&Value::Bool(true))
                || set.annotator.as_deref() == Some(crate::model::ids::GOLD);
            let cancelled = annotation.get("was_cancelled") == Some(&Value::Bool(true));
            set.status = match annotation.get("claimspan_status").and_then(Value::as_str) {
                Some("done") => Some(Status::Done),
                Some("in_progress") => Some(Status::InProgress),
                Some("todo") => Some(Status::Todo),
                // A skipped task was not annotated; a submitted one is finished work.
                _ if cancelled => Some(Status::Todo),
                _ => Some(Status::Done),
            };
            sets.push(set);
        }
    }
    // A model's pre-annotations: kept as sets of their own, imported only as
    // suggestions (`--as-suggestions`); a score on a region wins over the
    // prediction's own.
    if let Some(predictions) = task.get("predictions").and_then(Value::as_array) {
        for (p, prediction) in predictions.iter().enumerate() {
            let results = prediction
                .get("result")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let mut set =
                read_results(results).map_err(|m| fail(format!("prediction {}: {m}", p + 1)))?;
            set.predicted = true;
            set.annotator = Some(match prediction.get("model_version") {
                Some(Value::String(version)) if !version.trim().is_empty() => version.clone(),
                _ => format!("prediction-{}", p + 1),
            });
            if let Some(score) = prediction.get("score").and_then(score_of) {
                for span in &mut set.spans {
                    span.attributes
                        .entry(crate::model::SCORE.into())
                        .or_insert_with(|| score.clone());
                }
            }
            sets.push(set);
        }
    }
    Ok(PeerRecord {
        line,
        article: article_from(&raw_text, id, &meta, file_name(path)),
        raw_text,
        unit,
        sets,
    })
}

/// Who made an annotation, as the file says it: our own `claimspan_annotator`, the
/// user's email or name where Label Studio gives them (`completed_by` as an object,
/// or `created_username`, "alice@example.org, 3"), else the user's number; the
/// annotation's place in the task where there is nothing at all.
fn annotator_of(annotation: &Value, index: usize) -> String {
    if let Some(Value::String(name)) = annotation.get("claimspan_annotator") {
        return name.clone();
    }
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    if let Some(Value::Object(user)) = annotation.get("completed_by") {
        let named = text(user.get("email"))
            .or_else(|| text(user.get("username")))
            .or_else(|| text(user.get("first_name")));
        if let Some(name) = named {
            return name;
        }
        if let Some(id) = user.get("id") {
            return id.to_string();
        }
    }
    let username = text(annotation.get("created_username")).map(|u| {
        // Label Studio writes "email, id"; the id is already in completed_by.
        u.rsplit_once(',')
            .filter(|(_, id)| id.trim().chars().all(|c| c.is_ascii_digit()))
            .map_or(u.clone(), |(name, _)| name.trim().to_owned())
    });
    if let Some(name) = username.filter(|n| !n.is_empty()) {
        return name;
    }
    match annotation.get("completed_by") {
        Some(Value::Number(n)) => n.to_string(),
        _ => (index + 1).to_string(),
    }
}

/// Spans, attributes, notes and links of one annotation's results.
fn read_results(results: &[Value]) -> Result<PeerSet, String> {
    let mut set = PeerSet::default();
    // Regions first, so per-region results find their span whatever the order.
    for (i, result) in results.iter().enumerate() {
        match result_kind(result) {
            "labels" => set.spans.extend(labelled_region(i, result)?),
            "choices" | "textarea" | "relation" => {}
            other => {
                return Err(format!(
                    "it has a “{other}” result; this is a Label Studio export of another kind of task, and claimspan imports text spans (“labels” results) only"
                ));
            }
        }
    }
    for (i, result) in results.iter().enumerate() {
        match result_kind(result) {
            kind @ ("choices" | "textarea") => on_region(&mut set.spans, i, kind, result)?,
            "relation" => set.links.push(relation(i, result)?),
            _ => {}
        }
    }
    Ok(set)
}

/// A result's `type`: `labels`, `choices`, `textarea`, `relation`, or another tool's.
fn result_kind(result: &Value) -> &str {
    result
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// The `labels` result `i`, a region: one span for each of its labels.
fn labelled_region(i: usize, result: &Value) -> Result<Vec<PeerSpan>, String> {
    let value = result.get("value").unwrap_or(&Value::Null);
    let key = result
        .get("id")
        .and_then(Value::as_str)
        .map_or_else(|| format!("result-{}", i + 1), str::to_owned);
    let offset = |k: &str| {
        value
            .get(k)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format!("result {} (“{key}”) has no whole-number \"{k}\"", i + 1))
    };
    let (start, end) = (offset("start")?, offset("end")?);
    let labels: Vec<&str> = value
        .get("labels")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if labels.is_empty() {
        return Err(format!("result {} (“{key}”) has no labels", i + 1));
    }
    let text = value.get("text").and_then(Value::as_str).map(str::to_owned);
    // Label Studio's pre-annotation examples put a region's score in its value; a
    // result-level one is read too.
    let score = value
        .get("score")
        .or_else(|| result.get("score"))
        .and_then(score_of);
    let attributes: BTreeMap<String, String> = score
        .map(|s| (crate::model::SCORE.to_owned(), s))
        .into_iter()
        .collect();
    Ok(labels
        .iter()
        .enumerate()
        .map(|(n, label)| PeerSpan {
            // Relations name the region; its first label's span answers.
            key: if n == 0 {
                key.clone()
            } else {
                format!("{key}#{n}")
            },
            start,
            end,
            label: (*label).to_owned(),
            text: text.clone(),
            attributes: attributes.clone(),
            ..PeerSpan::default()
        })
        .collect())
}

/// A score as Label Studio writes it, a number from 0 to 1, as text; anything else
/// is no score.
fn score_of(value: &Value) -> Option<String> {
    value
        .as_f64()
        .filter(|x| (0.0..=1.0).contains(x))
        .map(|x| x.to_string())
}

/// The per-region result `i` (`choices` as an attribute named by its `from_name`,
/// `textarea` as the note) put on every span of its region.
fn on_region(spans: &mut [PeerSpan], i: usize, kind: &str, result: &Value) -> Result<(), String> {
    let value = result.get("value").unwrap_or(&Value::Null);
    let region = result.get("id").and_then(Value::as_str);
    let from_name = result
        .get("from_name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let spans: Vec<&mut PeerSpan> = spans
        .iter_mut()
        .filter(|s| region.is_some_and(|r| s.key == r || s.key.starts_with(&format!("{r}#"))))
        .collect();
    if spans.is_empty() {
        return Err(format!(
            "result {} (“{from_name}” {kind}) belongs to no span: claimspan keeps choices and text only on spans; remove it or make it per-region",
            i + 1
        ));
    }
    let field = if kind == "choices" { "choices" } else { "text" };
    let values: Vec<&str> = value
        .get(field)
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for span in spans {
        if kind == "choices" {
            span.attributes
                .insert(from_name.to_owned(), values.join(","));
        } else {
            span.note = values.join("\n");
        }
    }
    Ok(())
}

/// The `relation` result `i` as a link, turned round where it points left.
fn relation(i: usize, result: &Value) -> Result<PeerLink, String> {
    let id = |k: &str| result.get(k).and_then(Value::as_str).map(str::to_owned);
    let (Some(from), Some(to)) = (id("from_id"), id("to_id")) else {
        return Err(format!(
            "relation result {} needs \"from_id\" and \"to_id\"",
            i + 1
        ));
    };
    let label = result
        .get("labels")
        .and_then(Value::as_array)
        .and_then(|l| l.first())
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let (from, to) = match result.get("direction").and_then(Value::as_str) {
        Some("left") => (to, from),
        _ => (from, to),
    };
    Ok(PeerLink { from, to, label })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_task_is_refused_with_the_reason() {
        let file = r#"[
  {"id": 1, "data": {"image": "https://example.org/1.jpg"}, "annotations": []}
]"#;
        let err = read(Path::new("ls.json"), file).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ls.json:2: task 1: its data has no text (it has image); this is a Label Studio export of another kind of task, and claimspan imports text-span (named entity) projects only"
        );
        let rect = r#"[{"data": {"text": "a"}, "annotations": [{"result": [{"type": "rectanglelabels", "value": {}}]}]}]"#;
        let err = read(Path::new("ls.json"), rect).unwrap_err();
        assert!(
            err.to_string().contains("“rectanglelabels” result"),
            "{err}"
        );
    }

    #[test]
    fn a_truncated_export_names_its_line() {
        let err = read(
            Path::new("ls.json"),
            "[\n {\"data\": {\"text\": \"Iran\"},\n  \"annotations\": [",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("ls.json:3:"), "{err}");
        assert!(
            err.to_string()
                .ends_with("export it from Label Studio again"),
            "{err}"
        );
        let err = read(Path::new("ls.json"), "{\"data\": 1}").unwrap_err();
        assert!(
            err.to_string().contains("not a Label Studio JSON export"),
            "{err}"
        );
    }
}
