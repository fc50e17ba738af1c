//! Bad input gets a clear error, nothing panics, and nothing already in the project
//! changes.

use crate::common::{fixture_project, snapshot};
use claimspan::formats::{ImportOptions, NewLabels, Outcome, import_paths, import_paths_with};
use claimspan::model::{AnnotatorName, DocumentId};
use claimspan::store::{Project, StoreError};
use std::fs;
use std::path::{Path, PathBuf};

/// Imports `paths` into the fixture project; returns the refusals' messages and
/// asserts that no file that was there before changed.
fn import_refusals(project_dir: &Path, paths: &[PathBuf], annotator: Option<&str>) -> Vec<String> {
    let before = snapshot(project_dir);
    let mut project = Project::open(project_dir).unwrap();
    let options = ImportOptions {
        annotator: annotator.map(|a| AnnotatorName::new(a).unwrap()),
        ..ImportOptions::default()
    };
    let report = import_paths(&mut project, paths, &options).unwrap();
    let after = snapshot(project_dir);
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
    }
    report
        .outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Refused(err) => Some(err.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn bad_files_are_refused_with_their_reason() {
    let dir = fixture_project();
    let project = dir.path().join("p");
    let inbox = dir.path().join("inbox");
    fs::create_dir(&inbox).unwrap();
    let latin1 = inbox.join("latin1.txt");
    fs::write(&latin1, b"Headline\nThe minister\xe9 said no.\n").unwrap();
    let empty = inbox.join("empty.txt");
    fs::write(&empty, b"").unwrap();
    let binary = inbox.join("photo.txt");
    fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let missing = inbox.join("missing.txt");
    let refusals = import_refusals(
        &project,
        &[
            latin1.clone(),
            empty.clone(),
            binary.clone(),
            missing.clone(),
        ],
        None,
    );
    assert_eq!(
        refusals,
        [
            format!(
                "{}: byte 21 (line 2, value 0xE9) is not valid UTF-8; the file is probably in another encoding such as Latin-1 or Windows-1252: save it as UTF-8 and try again",
                latin1.display()
            ),
            format!("{} is empty; there is nothing to import", empty.display()),
            format!(
                "{} is a binary file (it has NUL bytes at byte 8), not an article; import .txt, .md or .jsonl files",
                binary.display()
            ),
            format!(
                "could not read {}: No such file or directory (os error 2); check that it exists and that you may read it",
                missing.display()
            ),
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_folder_with_unreadable_entries_imports_the_rest() {
    let dir = fixture_project();
    let project = dir.path().join("p");
    let inbox = dir.path().join("inbox");
    fs::create_dir(&inbox).unwrap();
    fs::write(
        inbox.join("good.txt"),
        "A new headline\nThe envoy said talks would resume.",
    )
    .unwrap();
    std::os::unix::fs::symlink(inbox.join("gone.txt"), inbox.join("dangling.txt")).unwrap();
    let refusals = import_refusals(&project, std::slice::from_ref(&inbox), None);
    assert_eq!(
        refusals,
        [format!(
            "could not read {}: No such file or directory (os error 2); check that it exists and that you may read it",
            inbox.join("dangling.txt").display()
        )]
    );
    let reopened = Project::open(&project).unwrap();
    assert!(
        reopened
            .article(&DocumentId::new("a-new-headline").unwrap())
            .is_some()
    );
}

#[test]
fn a_jsonl_file_with_bad_lines_is_refused_whole_with_every_line_named() {
    let dir = fixture_project();
    let project = dir.path().join("p");
    let before = snapshot(&project);
    let jsonl = dir.path().join("batch.jsonl");
    fs::write(
        &jsonl,
        [
            r#"{"text": "Good one: the Labour Front rejected the tax.", "spans": [{"start": 14, "end": 26, "label": "actor"}]}"#,
            r#"{"text": "truncated"#,
            r#"{"text": "Out of range.", "spans": [{"start": 3, "end": 40, "label": "actor"}]}"#,
            r#"{"text": "Inverted span.", "spans": [{"start": 9, "end": 3, "label": "actor"}]}"#,
            r#"{"text": "Wrong unit 🚫 here.", "spans": [{"start": 14, "end": 18, "label": "actor", "text": "here"}]}"#,
            r#"{"text": "Escaping id.", "id": "../x"}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let refusals = import_refusals(&project, std::slice::from_ref(&jsonl), Some("carol"));
    let j = jsonl.display();
    let lines = [
        format!(
            "{j}:2: this line is not a JSON object (EOF while parsing a string at line 1 column 19); fix or remove the line"
        ),
        format!(
            "{j}:6: “../x” cannot be a document id: use only letters a–z, digits, '-', '_' and '.', so it is a safe file name"
        ),
        format!(
            "{j}:3: span 1: 3..40 runs past the end of the article (13 characters); fix the offsets"
        ),
        format!("{j}:4: span 1: 9..3 ends before it starts; swap or fix the offsets"),
        format!(
            "{j}:5: span 1: 14..18 is “ere.” in the article, not “here”; the offsets may count in another unit (UTF-16, bytes) or miss a line break"
        ),
    ];
    assert_eq!(
        refusals,
        [format!(
            "{j}: 5 lines could not be imported, so nothing of the file was: {}; fix them and import the file again",
            lines.join("; ")
        )]
    );
    // The good line went in with nothing else: the project is as it was.
    assert_eq!(snapshot(&project), before);
}

#[test]
fn jsonl_labels_the_schema_lacks_are_refused_or_added() {
    let dir = fixture_project();
    let project = dir.path().join("p");
    let jsonl = dir.path().join("speakers.jsonl");
    fs::write(
        &jsonl,
        [
            r#"{"text": "The speaker said the bloc would back the plan.", "spans": [{"start": 0, "end": 11, "label": "speaker"}]}"#,
            r#"{"text": "Markets were quiet on Sunday.", "spans": []}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let refusals = import_refusals(&project, std::slice::from_ref(&jsonl), Some("carol"));
    assert_eq!(
        refusals,
        [format!(
            "{}: label “speaker” not in the project's schema; import again with --add-labels to add them (or rename them in the file); nothing of the file was imported",
            jsonl.display()
        )]
    );
    let mut opened = Project::open(&project).unwrap();
    let options = ImportOptions {
        annotator: Some(AnnotatorName::new("carol").unwrap()),
        ..ImportOptions::default()
    };
    let report = import_paths_with(
        &mut opened,
        &[jsonl],
        &options,
        NewLabels::Add,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.added(), 2, "{:?}", report.outcomes);
    let reopened = Project::open(&project).unwrap();
    assert!(reopened.schema().label("speaker").is_some());
    let carol = AnnotatorName::new("carol").unwrap();
    assert_eq!(reopened.annotated_by(&carol).count(), 2);
}

#[test]
fn malformed_and_misplaced_annotation_files_give_errors_not_panics() {
    let dir = fixture_project();
    let root = dir.path().join("p");
    let project = Project::open(&root).unwrap();
    let id = project.articles().next().unwrap().id.clone();
    let document = project.load_document(&id).unwrap();
    let dana = AnnotatorName::new("dana").unwrap();
    let path = project.annotation_path(&dana, &id);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let cases = [
        ("(format: 1, document: ", "this is not valid claimspan RON"),
        (
            "(format: 1, document: \"../x\", text_hash: \"h\", annotator: \"dana\")",
            "“../x” cannot be a document id",
        ),
        (
            "(format: 2, spans: \"who knows\")",
            "was written by a newer claimspan (format 2",
        ),
        (
            "(format: 1, document: \"other\", text_hash: \"h\", annotator: \"dana\")",
            "says its document is “other”",
        ),
    ];
    for (content, expected) in cases {
        fs::write(&path, content).unwrap();
        let before = snapshot(&root);
        let err = project.load_annotations(&document, &dana).unwrap_err();
        assert!(err.to_string().contains(expected), "{err}");
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "names the file: {err}"
        );
        assert_eq!(snapshot(&root), before);
    }
    fs::write(&path, [0xff, 0xfe, 0x28]).unwrap();
    let err = project.load_annotations(&document, &dana).unwrap_err();
    assert!(matches!(err, StoreError::NotUtf8 { .. }), "{err}");
}

#[test]
fn a_broken_article_file_does_not_stop_the_project_from_opening() {
    let dir = fixture_project();
    let root = dir.path().join("p");
    fs::write(
        root.join("articles").join("half-written.ron"),
        "(format: 1, id: \"half",
    )
    .unwrap();
    let project = Project::open(&root).unwrap();
    assert_eq!(project.len(), 6);
    assert_eq!(project.unreadable().len(), 1);
    assert!(
        project.unreadable()[0]
            .to_string()
            .contains("half-written.ron:1:")
    );
}
