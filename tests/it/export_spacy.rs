//! `claimspan export --format spacy` end to end: a small project with Arabic, emoji
//! and nested spans is exported, and where Python's spaCy is installed the `.spacy`
//! files are opened with `DocBin` and checked with `spacy debug data`; elsewhere the
//! test says what it skipped.

use crate::common::{claimspan, out};
use serde_json::{Value, json};
use std::fs;
use std::path::Path;
use std::process::Command;

/// A span of `label` over the first `needle` in `text`, in chars, as JSONL gives it.
fn span(text: &str, needle: &str, label: &str) -> Value {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    json!({"start": start, "end": start + needle.chars().count(), "label": label})
}

/// An article: text, title, spans as (text, label) — each text's first match.
type Article = (
    &'static str,
    &'static str,
    Vec<(&'static str, &'static str)>,
);

/// The articles.
fn articles() -> Vec<Article> {
    vec![
        (
            "📢 قال الوزير إن إيران ترفض 🙂 العرض.",
            "Arabic minister",
            vec![
                ("الوزير", "actor"),
                ("إيران", "actor"),
                ("إيران ترفض", "claim"),
            ],
        ),
        (
            "Iran’s 🚀 minister said the agent X opposed talks.  Twice\n\nnow.",
            "Emoji minister",
            vec![
                ("Iran", "actor"),
                ("said", "stance"),
                ("the agent X", "actor"),
                ("the agent X opposed talks", "claim"),
            ],
        ),
    ]
}

/// Expected (start char, end char, label) lists, sorted, for spans and for ents.
type Expected = (Vec<(usize, usize, String)>, Vec<(usize, usize, String)>);

fn expected(text: &str, spans: &[(&str, &str)]) -> Expected {
    let mut all: Vec<(usize, usize, String)> = spans
        .iter()
        .map(|(needle, label)| {
            let s = span(text, needle, label);
            (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
                label.to_string(),
            )
        })
        .collect();
    all.sort();
    // Entities: earlier first, the longer of two that start together, no overlap.
    let mut order = all.clone();
    order.sort_by_key(|(s, e, _)| (*s, std::cmp::Reverse(*e)));
    let mut ents = Vec::new();
    let mut free = 0;
    for (s, e, l) in order {
        if s >= free {
            free = e;
            ents.push((s, e, l));
        }
    }
    ents.sort();
    (all, ents)
}

fn project(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("p");
    assert!(claimspan(&["init", p.to_str().unwrap()]).status.success());
    let lines: Vec<String> = articles()
        .iter()
        .map(|(text, title, spans)| {
            let spans: Vec<Value> = spans.iter().map(|(n, l)| span(text, n, l)).collect();
            json!({"text": text, "title": title, "spans": spans}).to_string()
        })
        .collect();
    let jsonl = dir.join("a.jsonl");
    fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let import = claimspan(&[
        "import",
        p.to_str().unwrap(),
        jsonl.to_str().unwrap(),
        "--annotator",
        "alice",
    ]);
    assert!(import.status.success(), "{:?}", out(&import));
    p
}

fn has_spacy() -> bool {
    Command::new("python3")
        .args(["-c", "import spacy"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Each Doc of `file` as spaCy reads it: text, ents, spans["sc"], user_data.
const READ: &str = r#"
import json, sys, spacy
from spacy.tokens import DocBin
nlp = spacy.blank("en")
docs = []
for doc in DocBin().from_disk(sys.argv[1]).get_docs(nlp.vocab):
    docs.append({
        "text": doc.text,
        "ents": sorted([e.start_char, e.end_char, e.label_] for e in doc.ents),
        "spans": sorted([s.start_char, s.end_char, s.label_] for s in doc.spans["sc"]),
        "document": doc.user_data["claimspan"]["document"],
        "title": doc.user_data["claimspan"]["meta"]["title"],
    })
print(json.dumps(docs))
"#;

fn spacy_reads(file: &Path) -> Vec<Value> {
    let run = Command::new("python3")
        .args(["-c", READ, file.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = out(&run);
    assert!(
        run.status.success(),
        "spaCy could not read {file:?}: {stderr}"
    );
    serde_json::from_str(&stdout).unwrap()
}

/// Runs `claimspan export P --format spacy --out OUT` with `more` options.
fn export(p: &Path, to: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec!["export", p.to_str().unwrap(), "--format", "spacy"];
    args.extend(["--out", to.to_str().unwrap()]);
    args.extend_from_slice(more);
    claimspan(&args)
}

#[test]
fn a_spacy_docbin_opens_in_spacy_with_its_texts_entities_and_spans() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let file = dir.path().join("all.spacy");
    let run = export(&p, &file, &["--status", "all"]);
    let (stdout, stderr) = out(&run);
    assert!(run.status.success(), "{stderr}");
    assert!(stdout.contains("(2 documents, 7 spans)"), "{stdout}");
    assert!(
        stdout.contains("not written: 2 spans in doc.spans[\"sc\"] only, not in doc.ents"),
        "{stdout}"
    );
    assert!(!stdout.contains("token boundaries"), "{stdout}");
    let split = dir.path().join("split");
    let run = export(
        &p,
        &split,
        &["--status", "all", "--split", "train=0.5,dev=0.5"],
    );
    assert!(run.status.success(), "{:?}", out(&run));
    for name in ["train.spacy", "dev.spacy"] {
        assert!(split.join(name).is_file(), "{name}");
    }
    let refused = export(&p, &dir.path().join("u.spacy"), &["--offsets", "utf16"]);
    assert!(!refused.status.success());
    let (_, stderr) = out(&refused);
    assert!(stderr.contains("drop --offsets"), "{stderr}");

    if !has_spacy() {
        eprintln!("Python's spaCy is not installed: the .spacy files were not opened with it");
        return;
    }
    check_docs(&spacy_reads(&file));
    let split_docs: usize = ["train.spacy", "dev.spacy"]
        .iter()
        .map(|n| spacy_reads(&split.join(n)).len())
        .sum();
    assert_eq!(split_docs, 2, "an empty split's file reads too");
    debug_data(dir.path(), &file);
}

/// The Docs spaCy read are the articles, with exactly their spans and entities.
fn check_docs(docs: &[Value]) {
    let mut docs = docs.to_vec();
    docs.sort_by_key(|d| d["title"].as_str().unwrap().to_owned());
    assert_eq!(docs.len(), 2);
    let as_list = |v: &Value| -> Vec<(usize, usize, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t[0].as_u64().unwrap() as usize,
                    t[1].as_u64().unwrap() as usize,
                    t[2].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    for (doc, (text, title, spans)) in docs.iter().zip(articles()) {
        assert_eq!(doc["text"], text, "doc.text is the article text");
        assert_eq!(doc["title"], title);
        assert!(doc["document"].as_str().unwrap().len() > 3);
        let (all, ents) = expected(text, &spans);
        assert_eq!(as_list(&doc["spans"]), all, "{title}: spans");
        assert_eq!(as_list(&doc["ents"]), ents, "{title}: ents");
    }
}

/// `spacy debug data` with a blank ner + spancat pipeline reads the file as
/// training and dev data.
fn debug_data(dir: &Path, file: &Path) {
    let config = dir.join("config.cfg");
    let init = Command::new("python3")
        .args(["-m", "spacy", "init", "config", config.to_str().unwrap()])
        .args(["--lang", "en", "--pipeline", "ner,spancat"])
        .output()
        .unwrap();
    assert!(init.status.success(), "{:?}", out(&init));
    // It exits 1 for data this small ("Low number of examples"): read what it says.
    let run = Command::new("python3")
        .args(["-m", "spacy", "debug", "data", config.to_str().unwrap()])
        .args(["--paths.train", file.to_str().unwrap()])
        .args(["--paths.dev", file.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let (stdout, stderr) = out(&run);
    for line in [
        "Corpus is loadable",
        "Pipeline can be initialized with data",
        "2 training docs",
        "No entities consisting of or starting/ending with whitespace",
    ] {
        assert!(
            stdout.contains(line),
            "debug data: no “{line}”:\n{stdout}\n{stderr}"
        );
    }
}
