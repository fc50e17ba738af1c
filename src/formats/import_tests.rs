//! Tests of import: every kind of file, through the real project folder.

use super::*;
use crate::model::DocumentId;
use std::fs;
use std::path::Path;

pub(super) fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(path)
}

pub(super) fn import(
    paths: &[PathBuf],
    annotator: Option<&str>,
) -> (tempfile::TempDir, Project, ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let options = ImportOptions {
        annotator: annotator.map(|a| AnnotatorName::new(a).unwrap()),
        ..ImportOptions::default()
    };
    let report = import_paths(&mut project, paths, &options).unwrap();
    (dir, project, report)
}

pub(super) fn id(s: &str) -> DocumentId {
    DocumentId::new(s).unwrap()
}

/// Options that import spans as `who`'s.
pub(super) fn spans_of(who: &str) -> ImportOptions {
    ImportOptions {
        annotator: Some(AnnotatorName::new(who).unwrap()),
        ..ImportOptions::default()
    }
}

#[test]
fn a_scraped_file_becomes_one_document_per_story_with_its_metadata() {
    let (_dir, project, report) = import(&[fixture("articles/gulf-wire-2018-06.txt")], None);
    assert_eq!(
        report.summary(),
        "3 added, 0 skipped as already there, 0 refused"
    );
    let first = project
        .article(&id(
            "coalition-talks-stall-in-baghdad-as-blocs-trade-demands-2018-06-14",
        ))
        .unwrap();
    assert_eq!(first.date.as_deref(), Some("2018-06-14"));
    assert_eq!(first.dateline.as_deref(), Some("BAGHDAD"));
    assert_eq!(first.source.as_deref(), Some("AFP"));
    assert_eq!(
        first.original_file, "",
        "the report says where it came from"
    );
    assert!(
        report.outcomes[0]
            .to_string()
            .contains("(gulf-wire-2018-06.txt, article 1 of 3)"),
        "{}",
        report.outcomes[0]
    );
    let second = project
        .article(&id(
            "iran-warns-europe-over-oil-sanctions-as-exports-slide-2018-06-15",
        ))
        .unwrap();
    assert_eq!(
        (second.source.as_deref(), second.dateline.as_deref()),
        (Some("Reuters"), Some("TEHRAN"))
    );
    assert_eq!(second.caption, None);
    let document = project.load_document(&first.id).unwrap();
    let text = document.text();
    assert!(
        text.starts_with("Coalition talks stall in Baghdad as blocs trade demands\n  • "),
        "{text}"
    );
    assert!(
        !text.contains("Updated 14 June"),
        "page furniture is left out"
    );
    assert!(text.contains("Iraq’s"));
    assert_eq!(document.hash(), &first.text_hash);
}

#[test]
fn crlf_and_bom_are_normalised_once() {
    let (_dir, project, _) = import(&[fixture("articles/crlf-bom.txt")], None);
    let meta = project.articles().next().unwrap();
    let text = project.load_document(&meta.id).unwrap().text().to_owned();
    assert!(!text.contains('\r') && !text.starts_with('\u{feff}'));
    assert!(text.starts_with("Lebanon’s parliament speaker"));
    assert_eq!(meta.date.as_deref(), Some("2018-07-02"));
}

#[test]
fn jsonl_spans_keep_char_offsets_after_emoji() {
    let (_dir, project, report) = import(&[fixture("jsonl/articles.jsonl")], Some("alice"));
    assert_eq!(report.added(), 3);
    let alice = AnnotatorName::new("alice").unwrap();
    let document = project
        .load_document(&id("jordan-party-rejects-fuel-tax-2018-06-24"))
        .unwrap();
    let loaded = project
        .load_annotations(&document, &alice)
        .unwrap()
        .annotations;
    let texts: Vec<&str> = loaded.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Jordan’s Labour Front",
            "rejected",
            "the proposed fuel tax",
            "Rana Khoury",
            "warned against"
        ]
    );
    // "Rana Khoury" comes after the 🚫: 79 in chars, 80 in UTF-16 units.
    assert_eq!(loaded.spans[3].start.0, 79);
    assert_eq!(
        document.meta.extra["url"],
        "https://example.org/levant/jordan-labour-front-fuel-tax"
    );
    assert_eq!(document.meta.source.as_deref(), Some("Levant Wire"));
}

#[test]
fn spans_without_an_annotator_are_reported_not_dropped_silently() {
    let (_dir, project, report) = import(&[fixture("jsonl/articles.jsonl")], None);
    let notes: Vec<String> = report
        .outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::SpansNotImported { .. }))
        .map(ToString::to_string)
        .collect();
    assert_eq!(notes.len(), 3);
    assert_eq!(
        notes[0],
        "note      articles.jsonl:1: 4 spans not imported; name whose they are with --annotator NAME"
    );
    assert_eq!(project.annotators().count(), 0);
}

#[test]
fn importing_again_adds_nothing_and_keeps_existing_annotations() {
    let jsonl = fixture("jsonl/articles.jsonl");
    let (_dir, mut project, _) = import(std::slice::from_ref(&jsonl), Some("alice"));
    let again = import_paths(&mut project, &[jsonl], &spans_of("alice")).unwrap();
    assert_eq!(
        again.summary(),
        "0 added, 3 skipped as already there, 0 refused"
    );
    assert_eq!(
        again
            .outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::AnnotationsKept { .. }))
            .count(),
        3
    );
}

#[test]
fn metadata_nested_deeper_than_a_project_file_may_is_refused_not_written_unreadable() {
    let most = crate::store::project::MAX_METADATA_DEPTH;
    let nested = |depth: usize| {
        let mut value = serde_json::json!("x");
        for _ in 0..depth {
            value = serde_json::json!([value]);
        }
        serde_json::json!({"text": "Iran rejected the offer.", "deep": value}).to_string()
    };
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok.jsonl");
    fs::write(&ok, nested(most)).unwrap();
    let (keep, _, report) = import(&[ok], None);
    assert_eq!(report.added(), 1, "{report:?}");
    let back = Project::open(keep.path()).unwrap();
    assert!(back.unreadable().is_empty(), "{:?}", back.unreadable());
    assert_eq!(back.len(), 1, "the article reads back");
    let deep = dir.path().join("deep.jsonl");
    fs::write(&deep, nested(most + 1)).unwrap();
    let (keep, _, report) = import(&[deep], None);
    assert_eq!(report.added(), 0);
    let said = report.outcomes[0].to_string();
    assert!(
        said.contains(&format!("“deep” nests {} levels", most + 1)),
        "{said}"
    );
    assert_eq!(Project::open(keep.path()).unwrap().len(), 0);
}
