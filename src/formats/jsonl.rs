//! JSONL articles: one JSON object a line with the article in `"text"`, optional
//! `"id"`, `"title"`, `"date"`, `"source"`, a `"meta"` object, and `"spans"`
//! (`[{"start", "end", "label"}]`, char offsets, end exclusive). Every other field is
//! kept as metadata.

use super::error::ImportError;
use crate::model::text::{RemovedChars, normalize_with_removed};
use crate::model::{CharOffset, DocumentId, NewSpan};
use crate::store::NewArticle;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// One line of a JSONL file, ready to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlRecord {
    /// Line number, from 1.
    pub line: usize,
    /// The article, its text normalised.
    pub article: NewArticle,
    /// Its spans, offsets moved onto the normalised text.
    pub spans: Vec<NewSpan>,
    /// The `text` each span said it covers, if it said, to check against the article.
    pub span_texts: Vec<Option<String>>,
    /// True when the line has a `"spans"` list, even an empty one: an annotated
    /// document with nothing in it (Prodigy's "accept" of a text without an entity)
    /// is training data, unlike a line without spans.
    pub annotated: bool,
    /// Prodigy's `"answer"`: `accept`, or `reject` and `ignore`, which are no
    /// annotations at all.
    pub answer: Option<String>,
}

impl JsonlRecord {
    /// True for a Prodigy line answered `reject` or `ignore`: the annotator said the
    /// example is not one, so it is not imported.
    pub fn is_refused_example(&self) -> bool {
        matches!(self.answer.as_deref(), Some("reject" | "ignore"))
    }
}

/// Fields that become article metadata rather than `extra`.
const KNOWN: [&str; 8] = [
    "text", "id", "title", "headline", "date", "source", "meta", "spans",
];

/// Parses every non-blank line of a JSONL file's text. Each line stands alone: a bad
/// line is an error for that line only.
pub fn parse_jsonl(path: &Path, text: &str) -> Vec<Result<JsonlRecord, ImportError>> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| parse_line(path, i + 1, line))
        .collect()
}

/// One line as a record, or what is wrong with it.
fn parse_line(path: &Path, line: usize, json: &str) -> Result<JsonlRecord, ImportError> {
    let field_error = |message: String| ImportError::JsonField {
        path: path.to_owned(),
        line,
        message,
    };
    let value: Value = serde_json::from_str(json).map_err(|e| ImportError::JsonLine {
        path: path.to_owned(),
        line,
        message: e.to_string(),
    })?;
    let Value::Object(mut fields) = value else {
        return Err(ImportError::JsonLine {
            path: path.to_owned(),
            line,
            message: "it is not an object in { }".into(),
        });
    };
    // Prodigy keeps metadata under "meta"; fields at the top win over it.
    if let Some(Value::Object(meta)) = fields.remove("meta") {
        for (key, value) in meta {
            fields.entry(key).or_insert(value);
        }
    }
    let (text, removed) = normalize_with_removed(article_text(&fields).map_err(field_error)?);
    let id = article_id(&fields)
        .map_err(field_error)?
        .map(|id| DocumentId::new(&id))
        .transpose()
        .map_err(|source| ImportError::Id {
            path: path.to_owned(),
            line,
            source,
        })?;
    let string = |key: &str| match fields.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    };
    let title = string("title")
        .or_else(|| string("headline"))
        .unwrap_or_else(|| first_line(&text));
    let annotated = matches!(fields.get("spans"), Some(Value::Array(_)));
    let answer = match fields.get("answer") {
        Some(Value::String(answer)) => Some(answer.trim().to_lowercase()),
        _ => None,
    };
    let (spans, span_texts) = line_spans(&fields, &removed).map_err(field_error)?;
    let extra: BTreeMap<String, Value> = fields
        .iter()
        .filter(|(key, _)| !KNOWN.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    Ok(JsonlRecord {
        line,
        article: NewArticle {
            title,
            date: string("date"),
            source: string("source"),
            dateline: string("dateline"),
            caption: None,
            original_file: file_name(path),
            id,
            extra,
            text,
        },
        spans,
        span_texts,
        annotated,
        answer,
    })
}

/// The line's `"text"`, as it is in the file; refused when missing or blank.
fn article_text(fields: &Map<String, Value>) -> Result<&str, String> {
    let raw_text = match fields.get("text") {
        Some(Value::String(text)) => text.as_str(),
        _ => {
            return Err(
                "it has no \"text\" string; every line needs the article text in \"text\"".into(),
            );
        }
    };
    if raw_text.trim().is_empty() {
        return Err("its \"text\" is empty; there is nothing to annotate".into());
    }
    Ok(raw_text)
}

/// The line's `"id"` (a number is taken as its digits), not yet checked as an id.
fn article_id(fields: &Map<String, Value>) -> Result<Option<String>, String> {
    match fields.get("id") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(id)) => Ok(Some(id.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err("its \"id\" must be a string or a number".into()),
    }
}

/// The line's `"spans"`, moved onto the normalised text, with the text each said
/// it covers (normalised alike).
fn line_spans(
    fields: &Map<String, Value>,
    removed: &RemovedChars,
) -> Result<(Vec<NewSpan>, Vec<Option<String>>), String> {
    let mut spans = Vec::new();
    let mut span_texts = Vec::new();
    match fields.get("spans") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let (span, span_text) = parse_span(item).map_err(|why| {
                    format!(
                        "span {}: {why}; fix the span and import the line again",
                        i + 1
                    )
                })?;
                spans.push(NewSpan {
                    start: removed.map(span.start),
                    end: removed.map(span.end),
                    ..span
                });
                span_texts.push(span_text.map(|t| normalize_with_removed(&t).0));
            }
        }
        Some(_) => {
            return Err("its \"spans\" must be a list of {\"start\", \"end\", \"label\"}".into());
        }
    }
    Ok((spans, span_texts))
}

/// One `{"start", "end", "label"}` object; offsets still against the raw text.
fn parse_span(item: &Value) -> Result<(NewSpan, Option<String>), String> {
    let Value::Object(span) = item else {
        return Err("it is not an object {\"start\", \"end\", \"label\"}".into());
    };
    let offset = |key: &str| -> Result<CharOffset, String> {
        match span.get(key).and_then(Value::as_u64) {
            Some(n) => usize::try_from(n)
                .map(CharOffset)
                .map_err(|_| format!("\"{key}\" is too large")),
            None => Err(format!(
                "\"{key}\" must be a whole number of characters from 0"
            )),
        }
    };
    let start = offset("start")?;
    let end = offset("end")?;
    let label = match span.get("label") {
        Some(Value::String(label)) => label.clone(),
        _ => return Err("\"label\" must be a string".into()),
    };
    let mut attributes = string_map(span, "attributes")?;
    // A model's confidence, kept for `import --as-suggestions` (and dropped when
    // spans are imported as annotations).
    match span.get(crate::model::SCORE) {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.as_f64().is_some_and(|x| (0.0..=1.0).contains(&x)) => {
            attributes.insert(crate::model::SCORE.into(), n.to_string());
        }
        Some(_) => return Err("\"score\" must be a number from 0 to 1".into()),
    }
    let note = match span.get("note") {
        Some(Value::String(note)) => note.clone(),
        _ => String::new(),
    };
    let text = match span.get("text") {
        Some(Value::String(text)) => Some(text.clone()),
        _ => None,
    };
    let new = NewSpan {
        start,
        end,
        label,
        attributes,
        note,
    };
    Ok((new, text))
}

fn string_map(object: &Map<String, Value>, key: &str) -> Result<BTreeMap<String, String>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(BTreeMap::new()),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => Ok((k.clone(), s.clone())),
                _ => Err(format!("\"{key}\" values must be strings")),
            })
            .collect(),
        Some(_) => Err(format!("\"{key}\" must be an object of strings")),
    }
}

/// The first non-blank line, at most 200 chars, as a title for a text without one.
pub fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    line.chars().take(200).collect()
}

/// The file's name without its folders.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Result<JsonlRecord, ImportError>> {
        parse_jsonl(Path::new("in.jsonl"), text)
    }

    #[test]
    fn fields_become_metadata() {
        let records = parse(
            "{\"text\":\"A\\r\\nB said it\",\"title\":\"T\",\"date\":\"2018-06-18\",\"url\":\"https://example.org\",\"n\":3,\"spans\":[{\"start\":3,\"end\":4,\"label\":\"actor\"}]}\n\n",
        );
        assert_eq!(records.len(), 1);
        let r = records[0].as_ref().unwrap();
        assert_eq!(r.article.text, "A\nB said it");
        assert_eq!(r.article.title, "T");
        assert_eq!(r.article.date.as_deref(), Some("2018-06-18"));
        assert_eq!(r.article.extra["url"], "https://example.org");
        assert_eq!(r.article.extra["n"], 3, "a number stays a number");
        // "B" was raw char 3; after the \r goes it is char 2.
        assert_eq!(
            (r.spans[0].start, r.spans[0].end),
            (CharOffset(2), CharOffset(3))
        );
    }

    #[test]
    fn bad_lines_name_their_line() {
        let records = parse(
            "{\"text\":\"ok\"}\nnot json\n{\"title\":\"x\"}\n{\"text\":\"t\",\"id\":\"../x\"}\n{\"text\":\"t\",\"spans\":[{\"start\":-1,\"end\":2,\"label\":\"actor\"}]}",
        );
        let messages: Vec<String> = records
            .iter()
            .filter_map(|r| r.as_ref().err().map(ToString::to_string))
            .collect();
        assert_eq!(
            messages,
            [
                "in.jsonl:2: this line is not a JSON object (expected ident at line 1 column 2); fix or remove the line",
                "in.jsonl:3: it has no \"text\" string; every line needs the article text in \"text\"",
                "in.jsonl:4: “../x” cannot be a document id: use only letters a–z, digits, '-', '_' and '.', so it is a safe file name",
                "in.jsonl:5: span 1: \"start\" must be a whole number of characters from 0; fix the span and import the line again",
            ]
        );
        assert!(records[0].is_ok());
    }

    #[test]
    fn the_fixture_parses() {
        let text = include_str!("../../fixtures/jsonl/articles.jsonl");
        let records: Vec<JsonlRecord> = parse(text).into_iter().map(Result::unwrap).collect();
        assert_eq!(records.len(), 3);
        assert_eq!(
            records[0].article.title,
            "Oman backs new round of Gulf talks"
        );
        assert!(records.iter().all(|r| r.spans.len() >= 4));
    }
}
