//! Tests of suggestions kept on disk.

use super::*;
use crate::store::project::tests::project_with;
use proptest::prelude::*;

fn suggested(document: &Document, start: usize, end: usize, label: &str) -> Suggested {
    Suggested {
        start: CharOffset(start),
        end: CharOffset(end),
        label: label.into(),
        score: Some(0.75),
        text: document
            .slice(CharOffset(start), CharOffset(end))
            .unwrap()
            .to_owned(),
    }
}

#[test]
fn a_saved_set_reads_back_and_is_listed() {
    let (dir, project, id) = project_with("وزير الخارجية Kamali “rejected” the plan.");
    let document = project.load_document(&id).unwrap();
    let mut set = SuggestionSet::new(&document, "spacy-model");
    set.spans = vec![
        suggested(&document, 14, 20, "actor"),
        suggested(&document, 0, 4, "actor"),
    ];
    project.save_suggestions(&set, None).unwrap();
    let on_disk = std::fs::read_to_string(
        dir.path()
            .join("suggestions/spacy-model")
            .join(format!("{id}.ron")),
    )
    .unwrap();
    assert!(on_disk.contains("from: \"spacy-model\""), "{on_disk}");
    assert!(
        on_disk.contains("(start: 14, end: 20, label: \"actor\", score: 0.75, text: \"Kamali\")"),
        "one suggestion a line: {on_disk}"
    );
    let read = project
        .load_suggestions("spacy-model", &document)
        .unwrap()
        .unwrap();
    assert_eq!(read.spans.len(), 2);
    assert_eq!(read.spans[0].text, "وزير", "in text order");
    assert_eq!(project.suggestion_sources(), vec!["spacy-model".to_owned()]);
    assert!(project.suggested_documents("spacy-model").contains(&id));
    assert_eq!(project.load_suggestions("other", &document).unwrap(), None);
}

#[test]
fn a_set_made_for_another_text_is_refused_with_a_sentence() {
    let (_dir, project, id) = project_with("Kamali rejected the plan.");
    let document = project.load_document(&id).unwrap();
    let mut set = SuggestionSet::new(&document, "model");
    set.text_hash = crate::model::TextHash::of("another text");
    project.save_suggestions(&set, None).unwrap();
    let err = project.load_suggestions("model", &document).unwrap_err();
    assert!(
        err.to_string().contains("another text of this article"),
        "{err}"
    );
}

#[test]
fn a_span_that_does_not_fit_is_refused_naming_it() {
    let (_dir, project, id) = project_with("Kamali rejected the plan.");
    let document = project.load_document(&id).unwrap();
    let mut set = SuggestionSet::new(&document, "model");
    let mut wrong = suggested(&document, 0, 6, "actor");
    wrong.end = CharOffset(99);
    set.spans = vec![wrong];
    project.save_suggestions(&set, None).unwrap();
    let err = project.load_suggestions("model", &document).unwrap_err();
    assert!(err.to_string().contains("suggestion 1 (0–99"), "{err}");
}

#[test]
fn a_source_name_that_is_no_folder_name_is_refused() {
    let (_dir, project, id) = project_with("Kamali rejected the plan.");
    let document = project.load_document(&id).unwrap();
    let set = SuggestionSet::new(&document, "../annotations");
    assert!(project.save_suggestions(&set, None).is_err());
    assert!(check_source("gold").is_err(), "gold is reserved");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever spans of whatever text: what is saved is what is read.
    #[test]
    fn saved_suggestions_round_trip(
        text in "[a-zß ’“”\u{0600}-\u{0620}\u{1F600}]{1,40}",
        places in prop::collection::vec((0usize..40, 1usize..8, 0u8..=100), 0..6),
    ) {
        let (_dir, project, id) = project_with(&format!("Wire {text}"));
        let document = project.load_document(&id).unwrap();
        let len = document.char_len();
        let mut set = SuggestionSet::new(&document, "model");
        for (start, width, score) in places {
            let start = start % len;
            let end = (start + width).min(len);
            if start < end {
                let mut s = suggested(&document, start, end, "claim");
                s.score = (score < 100).then_some(f32::from(score) / 100.0);
                set.spans.push(s);
            }
        }
        set.spans.sort_by_key(|a| (a.start, a.end));
        project.save_suggestions(&set, None).unwrap();
        let read = project.load_suggestions("model", &document).unwrap().unwrap();
        prop_assert_eq!(read, set);
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_or_a_pipe_in_place_of_a_file_is_refused_not_followed() {
    let (dir, project, id) = project_with("Kamali rejected the plan.");
    let document = project.load_document(&id).unwrap();
    let set = SuggestionSet::new(&document, "model");
    project.save_suggestions(&set, None).unwrap();
    let path = project.suggestions_path("model", &id);
    let elsewhere = dir.path().join("elsewhere.ron");
    std::fs::rename(&path, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &path).unwrap();
    let err = project.load_suggestions("model", &document).unwrap_err();
    assert!(err.to_string().contains("not a plain"), "{err}");
    std::fs::remove_file(&path).unwrap();
    // A pipe nobody writes to would block a read for ever.
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if made.is_ok_and(|s| s.success()) {
        let err = project.load_suggestions("model", &document).unwrap_err();
        assert!(err.to_string().contains("not a plain"), "{err}");
    }
    // A nested copy of the file deeper than any project file is refused by place.
    let deep = format!(
        "(format: 1, document: \"{id}\", text_hash: \"x\", from: \"model\", spans: {}{})",
        "[".repeat(200),
        "]".repeat(200)
    );
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, deep).unwrap();
    let err = project.load_suggestions("model", &document).unwrap_err();
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
}
