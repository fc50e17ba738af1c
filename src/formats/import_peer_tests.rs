//! Tests of import of the peer tools' files (brat, doccano, Prodigy, Label Studio),
//! through the real project folder.

use super::tests::{fixture, import, spans_of};
use super::*;
use crate::model::Annotations;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// `who`'s annotations of the project's first article (by id).
fn annotations_of_the_first_article(project: &Project, who: &str) -> Annotations {
    let meta = project.articles().next().unwrap();
    let document = project.load_document(&meta.id).unwrap();
    let who = AnnotatorName::new(who).unwrap();
    project
        .load_annotations(&document, &who)
        .unwrap()
        .annotations
}

fn alices_spans_of_the_only_article(project: &Project) -> Vec<crate::model::Span> {
    annotations_of_the_first_article(project, "alice").spans
}

/// Writes a brat pair `NAME.txt` + `NAME.ann` into `dir`; returns the text's path.
fn brat_pair(dir: &Path, name: &str, text: &str, ann: &str) -> PathBuf {
    let txt = dir.join(format!("{name}.txt"));
    fs::write(&txt, text).unwrap();
    fs::write(dir.join(format!("{name}.ann")), ann).unwrap();
    txt
}

#[test]
fn a_discontinuous_brat_span_is_joined_and_the_import_says_so() {
    let dir = tempfile::tempdir().unwrap();
    // "Iran … rejected": two fragments, with brat's text of them joined by a space.
    let path = brat_pair(
        dir.path(),
        "split",
        "Iran on Monday flatly rejected the offer.",
        "T1\tactor 0 4\tIran\nT2\tstance 0 4;22 30\tIran rejected\n",
    );
    let (_keep, project, report) = import(&[path], Some("alice"));
    assert_eq!(report.added(), 1, "{report:?}");
    let said: Vec<String> = report.outcomes.iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|o| o.starts_with("repaired  split.ann: 1 span: discontinuous")),
        "{said:?}"
    );
    let spans = alices_spans_of_the_only_article(&project);
    let joined = spans.iter().find(|s| s.label == "stance").unwrap();
    assert_eq!((joined.start.0, joined.end.0), (0, 30));
    assert_eq!(joined.text, "Iran on Monday flatly rejected");
}

#[test]
fn a_text_file_that_starts_like_a_peer_file_is_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let update = dir.path().join("update.txt");
    fs::write(
        &update,
        "[UPDATE 2] Iran rejects EU offer on talks\n\nTEHRAN, June 12 (Reuters) - Iran rejected the offer on Tuesday.\n",
    )
    .unwrap();
    let tab = dir.path().join("tabbed.md");
    fs::write(
        &tab,
        "T1\tis how brat names a span\n\nThe manual says so.\n",
    )
    .unwrap();
    let (_keep, _project, report) = import(&[update, tab], None);
    assert_eq!(
        report.summary(),
        "2 added, 0 skipped as already there, 0 refused",
        "{report:?}"
    );
}

#[test]
fn a_doccano_file_with_a_long_first_line_keeps_its_spans() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.jsonl");
    let filler = "The bloc said talks would resume after the holiday. ".repeat(200);
    let text = format!("Iran rejected the offer. {filler}");
    let line = serde_json::json!({"id": 7, "text": text, "label": [[0, 4, "actor"]]});
    fs::write(&file, format!("{line}\n")).unwrap();
    let (_keep, project, report) = import(&[file], Some("alice"));
    assert_eq!(report.added(), 1, "{report:?}");
    let spans = alices_spans_of_the_only_article(&project);
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].text, "Iran");
}

#[test]
fn doccano_1x_exports_keep_every_users_spans_as_done_work() {
    let (_dir, project, report) =
        import(&[fixture("peer/doccano-1x-annotations.jsonl")], Some("eve"));
    assert_eq!(report.added(), 3, "{report:?}");
    let mut names: Vec<&str> = project.annotators().map(AnnotatorName::as_str).collect();
    names.sort();
    assert_eq!(names, ["eve-1", "eve-2"]);
    // The file holds 3 spans of user 1 and 2 + 1 of user 2, and nothing else.
    let mut counts = BTreeMap::new();
    for meta in project.articles() {
        let document = project.load_document(&meta.id).unwrap();
        for name in ["eve-1", "eve-2"] {
            let who = AnnotatorName::new(name).unwrap();
            if !project.has_annotations(&who, &meta.id) {
                continue;
            }
            let loaded = project
                .load_annotations(&document, &who)
                .unwrap()
                .annotations;
            assert_eq!(loaded.status, Status::Done, "finished work from doccano");
            *counts.entry(name).or_insert(0) += loaded.spans.len();
        }
        assert!(meta.extra.contains_key("doccano_id"), "{meta:?}");
        assert!(
            !meta.extra.contains_key("annotations"),
            "spans are not metadata"
        );
    }
    assert_eq!(counts, BTreeMap::from([("eve-1", 3), ("eve-2", 3)]));
}

#[test]
fn prodigy_answers_and_empty_span_lists_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("prodigy.jsonl");
    fs::write(
        &file,
        concat!(
            "{\"text\": \"Iran rejected the offer.\", \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"actor\"}], \"answer\": \"accept\"}\n",
            "{\"text\": \"Markets were quiet on Sunday.\", \"spans\": [], \"answer\": \"accept\"}\n",
            "{\"text\": \"Click here to subscribe.\", \"spans\": [], \"answer\": \"reject\"}\n",
            "{\"text\": \"Weather: sunny.\", \"answer\": \"ignore\"}\n",
        ),
    )
    .unwrap();
    let (_keep, project, report) = import(&[file], Some("pat"));
    assert_eq!(
        report.summary(),
        "2 added, 0 skipped as already there, 0 refused, 2 passed over as rejected or ignored"
    );
    let pat = AnnotatorName::new("pat").unwrap();
    let mut spans = Vec::new();
    for meta in project.articles() {
        let document = project.load_document(&meta.id).unwrap();
        let loaded = project
            .load_annotations(&document, &pat)
            .unwrap()
            .annotations;
        assert!(project.has_annotations(&pat, &meta.id), "{}", meta.id);
        assert_eq!(loaded.status, Status::Done);
        spans.push(loaded.spans.len());
    }
    spans.sort();
    assert_eq!(
        spans,
        [0, 1],
        "the accepted text without entities is annotated too"
    );
}

#[test]
fn import_status_overrides_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let options = ImportOptions {
        annotator: Some(AnnotatorName::new("eve").unwrap()),
        status: Some(Status::InProgress),
        ..ImportOptions::default()
    };
    import_paths(
        &mut project,
        &[fixture("peer/doccano-1x-annotations.jsonl")],
        &options,
    )
    .unwrap();
    let meta = project.articles().next().unwrap().clone();
    let document = project.load_document(&meta.id).unwrap();
    let who = AnnotatorName::new("eve-2").unwrap();
    let loaded = project
        .load_annotations(&document, &who)
        .unwrap()
        .annotations;
    assert_eq!(loaded.status, Status::InProgress);
}

#[test]
fn label_studio_people_keep_who_they_were_in_every_task() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project-3-at-2024.json");
    let region = |id: &str, start: usize, end: usize, text: &str| {
        serde_json::json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text, "labels": ["actor"]}})
    };
    let user = |id: u64, email: &str| serde_json::json!({"id": id, "first_name": "", "last_name": "", "email": email});
    let tasks = serde_json::json!([
        {"id": 41, "data": {"text": "Iran rejected the offer."}, "annotations": [
            {"id": 1, "completed_by": user(1, "alice@example.org"), "was_cancelled": false, "result": [region("a", 0, 4, "Iran")]},
            {"id": 2, "completed_by": user(2, "bob@example.org"), "was_cancelled": false, "result": [region("b", 0, 4, "Iran")]}
        ]},
        {"id": 42, "data": {"text": "Qatar welcomed the talks."}, "annotations": [
            {"id": 3, "completed_by": 1, "created_username": " alice@example.org, 1", "was_cancelled": false, "result": [region("c", 0, 5, "Qatar")]}
        ]}
    ]);
    fs::write(&file, serde_json::to_string_pretty(&tasks).unwrap()).unwrap();
    let (_keep, project, report) = import(&[file], Some("ls"));
    assert_eq!(report.added(), 2, "{report:?}");
    let mut names: Vec<&str> = project.annotators().map(AnnotatorName::as_str).collect();
    names.sort();
    assert_eq!(names, ["alice-example.org", "bob-example.org"]);
    let alice = AnnotatorName::new("alice-example.org").unwrap();
    let tasks: Vec<u64> = project
        .articles()
        .inspect(|m| assert!(project.has_annotations(&alice, &m.id), "{}", m.id))
        .filter_map(|m| m.extra["label_studio_task"].as_u64())
        .collect();
    assert_eq!(tasks.len(), 2);
    assert!(tasks.contains(&41) && tasks.contains(&42), "{tasks:?}");
}

#[test]
fn a_brat_study_with_a_folder_per_annotator_gives_each_their_spans() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("study");
    let text = "Iran rejected the offer on Monday.";
    for (who, ann) in [
        ("alice", "T1\tactor 0 4\tIran\nT2\tstance 5 13\trejected\n"),
        ("bob", "T1\tactor 0 4\tIran\n"),
    ] {
        fs::create_dir_all(study.join(who)).unwrap();
        brat_pair(&study.join(who), "d1", text, ann);
    }
    let (_keep, project, report) = import(&[study], None);
    assert_eq!(report.added(), 1, "one text, imported once: {report:?}");
    let counts: Vec<usize> = ["alice", "bob"]
        .map(|who| annotations_of_the_first_article(&project, who).spans.len())
        .to_vec();
    assert_eq!(counts, [2, 1]);
}

#[test]
fn a_brat_relation_between_several_pairs_of_labels_keeps_every_link() {
    let dir = tempfile::tempdir().unwrap();
    // "about" joins stance → claim and actor → claim, as brat's Arg1:<ENTITY> allows.
    let path = brat_pair(
        dir.path(),
        "r",
        "Iran rejected the offer; Qatar backed the talks.",
        "T1\tstance 5 13\trejected\nT2\tclaim 14 23\tthe offer\nT3\tactor 25 30\tQatar\nT4\tclaim 38 47\tthe talks\nR1\tabout Arg1:T1 Arg2:T2\nR2\tabout Arg1:T3 Arg2:T4\n",
    );
    let mut project = Project::init(&dir.path().join("p")).unwrap();
    let options = spans_of("alice");
    let refused = import_paths(&mut project, std::slice::from_ref(&path), &options).unwrap();
    let said = refused.outcomes[0].to_string();
    assert!(
        said.contains("link type “about” (actor → claim)") && said.contains("--add-labels"),
        "{said}"
    );
    let report = import_paths_with(
        &mut project,
        &[path],
        &options,
        NewLabels::Add,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.added(), 1, "{report:?}");
    let project = Project::open(project.root()).unwrap();
    assert_eq!(
        project.schema().link_pairs("about"),
        "stance → claim, actor → claim"
    );
    let loaded = annotations_of_the_first_article(&project, "alice");
    assert_eq!(loaded.spans.len(), 4);
    assert_eq!(loaded.links.len(), 2);
    let meta = project.articles().next().unwrap();
    let document = project.load_document(&meta.id).unwrap();
    assert!(loaded.check(&document, project.schema()).is_empty());
}

#[test]
fn brat_events_and_equivalences_go_in_and_what_cannot_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = brat_pair(
        dir.path(),
        "e",
        "Iran attacked the convoy; Tehran said so.",
        "T1\tstance 5 13\tattacked\nT2\tactor 0 4\tIran\nT3\tactor 26 32\tTehran\nT4\tclaim 14 24\tthe convoy\nE1\tstance:T1 Agent:T2 Target:T4\nR1\tabout Arg1:E1 Arg2:T4\n*\tEquiv T2 T3\n",
    );
    let mut project = Project::init(&dir.path().join("p")).unwrap();
    let report = import_paths_with(
        &mut project,
        &[path],
        &spans_of("alice"),
        NewLabels::Add,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.added(), 1, "{report:?}");
    let said: Vec<String> = report.outcomes.iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|o| o.contains("1 link: of another type between two spans already linked")),
        "{said:?}"
    );
    let project = Project::open(project.root()).unwrap();
    let loaded = annotations_of_the_first_article(&project, "alice");
    assert_eq!(loaded.spans.len(), 4);
    let mut labels: Vec<&str> = loaded.links.iter().map(|l| l.label.as_str()).collect();
    labels.sort();
    assert_eq!(labels, ["Agent", "Equiv", "Target"]);
}

#[test]
fn prodigy_metadata_keeps_its_json_types_on_disk_and_in_export() {
    let source = fixture("peer/prodigy-ner.jsonl");
    let (dir, _, report) = import(std::slice::from_ref(&source), Some("noor"));
    assert_eq!(
        report.summary(),
        "2 added, 0 skipped as already there, 0 refused, 2 passed over as rejected or ignored"
    );
    // Read back from the files, as every later command does.
    let project = Project::open(dir.path()).unwrap();
    let lines: Vec<serde_json::Value> = fs::read_to_string(&source)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let out = dir.path().join("out.jsonl");
    let options = crate::formats::export::ExportOptions::new(
        crate::formats::export::ExportFormat::Jsonl,
        &out,
    );
    crate::formats::export::export(&project, &options, &mut |_, _| {}).unwrap();
    let exported: Vec<serde_json::Value> = fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(exported.len(), 2);
    for original in &lines[..2] {
        let meta = project
            .articles()
            .find(|m| m.extra["_input_hash"] == original["_input_hash"])
            .unwrap_or_else(|| panic!("no article for {}", original["_input_hash"]));
        for key in [
            "_input_hash",
            "_task_hash",
            "tokens",
            "_is_binary",
            "_timestamp",
        ] {
            assert_eq!(meta.extra[key], original[key], "{key} as read from disk");
        }
        for (key, value) in original["meta"].as_object().unwrap() {
            if key == "source" {
                // Prodigy's meta source is the article's source.
                assert_eq!(meta.source.as_deref(), value.as_str());
            } else {
                assert_eq!(&meta.extra[key], value, "meta {key} as read from disk");
            }
        }
        let line = exported
            .iter()
            .find(|e| e["meta"]["_input_hash"] == original["_input_hash"])
            .unwrap();
        assert_eq!(line["meta"]["tokens"], original["tokens"]);
        assert_eq!(line["meta"]["_task_hash"], original["_task_hash"]);
        assert_eq!(line["meta"]["score"], original["meta"]["score"]);
        assert!(line["meta"]["_is_binary"].is_boolean());
    }
    let with_null = project
        .articles()
        .find(|m| m.extra.get("score") == Some(&serde_json::Value::Null))
        .expect("a null stays null");
    assert_eq!(with_null.extra["sect_id"], 9);
}

#[test]
fn a_brat_annotation_conf_adds_what_it_allows_with_add_labels_only() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("study");
    fs::create_dir_all(&study).unwrap();
    fs::write(
        study.join("annotation.conf"),
        "[entities]\nactor\nstance\nclaim\nplace\n\n[relations]\nsame_as\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n\n[events]\n\n[attributes]\nhedged\tArg:stance\n",
    )
    .unwrap();
    let path = brat_pair(
        &study,
        "s",
        "Iran rejected the offer; Tehran said so.",
        "T1\tactor 0 4\tIran\nT2\tactor 25 31\tTehran\nR1\tsame_as Arg1:T1 Arg2:T2\n",
    );
    // Without --add-labels the conf changes nothing: the link's one pair is refused.
    let mut project = Project::init(&dir.path().join("p")).unwrap();
    let refused =
        import_paths(&mut project, std::slice::from_ref(&path), &spans_of("ann")).unwrap();
    assert_eq!(refused.added(), 0, "{refused:?}");
    assert!(project.schema().label("place").is_none());
    let report = import_paths_with(
        &mut project,
        &[path],
        &spans_of("ann"),
        NewLabels::Add,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.added(), 1, "{report:?}");
    let project = Project::open(project.root()).unwrap();
    let schema = project.schema();
    assert!(schema.label("place").is_some(), "declared, not yet used");
    let pairs = schema
        .link_types
        .iter()
        .filter(|t| t.name == "same_as")
        .count();
    assert_eq!(pairs, 16, "<ENTITY> × <ENTITY> over four entity types");
    assert!(schema.link_type_for("same_as", "place", "claim").is_some());
    let stance = schema.label("stance").unwrap();
    assert!(
        stance
            .attributes
            .iter()
            .any(|a| a.name == "hedged" && a.allows("true")),
        "{stance:?}"
    );
    assert_eq!(
        annotations_of_the_first_article(&project, "ann")
            .links
            .len(),
        1
    );
}
