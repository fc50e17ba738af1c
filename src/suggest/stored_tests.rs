//! Tests of suggestions made ahead of time and kept in the project.

use super::*;
use crate::model::DocumentId;
use crate::store::{IfOnDisk, NewArticle};
use crate::suggest::test_docs::tagged;

const DONE_TEXT: &str =
    "BAGHDAD (Wire) — Moqtada Sadr rejected the plan. Sadr said talks would go on.";
const TODO_TEXT: &str = "NAJAF (Wire) — Hadi Amiri met Sadr on Tuesday.";
const OTHER_TEXT: &str = "ERBIL (Wire) — Sadr and Amiri spoke again.";

/// A project with three articles: alice marked the first done, with “Moqtada Sadr”
/// and “Sadr” tagged as actors; she has the third in progress.
fn project() -> (tempfile::TempDir, Project, [DocumentId; 3]) {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let mut batch = WriteBatch::new();
    let mut ids = Vec::new();
    for (i, text) in [DONE_TEXT, TODO_TEXT, OTHER_TEXT].iter().enumerate() {
        let added = project
            .add_article(
                NewArticle {
                    text: (*text).to_owned(),
                    title: format!("Story {i}"),
                    original_file: format!("wire-{i}.txt"),
                    ..NewArticle::default()
                },
                &mut batch,
            )
            .unwrap();
        ids.push(added.id().clone());
    }
    batch.finish().unwrap();
    let done = project.load_document(&ids[0]).unwrap();
    let annotations = tagged(
        &done,
        "alice",
        &[("Moqtada Sadr", 0, "actor"), ("Sadr", 1, "actor")],
    );
    project
        .save_annotations(&annotations, IfOnDisk::Anything)
        .unwrap();
    let third = project.load_document(&ids[2]).unwrap();
    let mut started = tagged(&third, "alice", &[("Amiri", 0, "actor")]);
    started.status = Status::InProgress;
    project
        .save_annotations(&started, IfOnDisk::Anything)
        .unwrap();
    (dir, project, ids.try_into().unwrap())
}

#[test]
fn precomputing_writes_suggestions_for_the_documents_not_done_and_no_annotation() {
    let (dir, project, ids) = project();
    let alice = AnnotatorName::new("alice").unwrap();
    let mut steps = Vec::new();
    let made = precompute(&project, &alice, &mut |d, t| steps.push((d, t))).unwrap();
    assert_eq!(made.documents, 2);
    assert_eq!(made.done, 1);
    assert_eq!(steps.last(), Some(&(2, 2)), "the bar reaches the end");
    let written: Vec<&str> = made.written.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(written, ["strings", "tagger"], "each recommender, in order");
    assert_eq!(
        made.written[0].1, 2,
        "Sadr in each, Amiri never tagged done"
    );
    let todo = project.load_document(&ids[1]).unwrap();
    let set = project.load_suggestions("strings", &todo).unwrap().unwrap();
    let texts: Vec<&str> = set.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Sadr"]);
    assert_eq!(set.spans[0].label, "actor");
    assert!(set.spans[0].score.is_some_and(|s| s > 0.0 && s <= 1.0));
    assert!(
        project
            .load_suggestions("strings", &project.load_document(&ids[0]).unwrap())
            .unwrap()
            .is_none(),
        "a done document gets none"
    );
    // Never an annotation: alice's folder holds what she wrote, and nobody else has one.
    let reopened = Project::open(dir.path()).unwrap();
    assert_eq!(reopened.annotators().count(), 1);
    assert!(!reopened.has_annotations(&alice, &ids[1]));
}

#[test]
fn stored_suggestions_are_offered_except_a_live_recommenders() {
    let (_dir, project, ids) = project();
    let todo = project.load_document(&ids[1]).unwrap();
    let mut imported = SuggestionSet::new(&todo, "llm");
    let (s, e) = crate::suggest::test_docs::place(&todo, "Hadi Amiri", 0);
    imported.spans.push(Suggested {
        start: crate::model::CharOffset(s),
        end: crate::model::CharOffset(e),
        label: "actor".into(),
        score: None,
        text: "Hadi Amiri".into(),
    });
    project.save_suggestions(&imported, None).unwrap();
    precompute(
        &project,
        &AnnotatorName::new("alice").unwrap(),
        &mut |_, _| {},
    )
    .unwrap();
    let (all, problems) = stored_for(&project, &todo, &[]);
    assert!(problems.is_empty(), "{problems:?}");
    let mut got: Vec<(&str, &str, f32)> = all
        .iter()
        .map(|s| (&*s.recommender, s.text.as_str(), s.score))
        .collect();
    got.sort_by(|a, b| a.0.cmp(b.0));
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0],
        ("llm", "Hadi Amiri", UNSCORED),
        "no score given is sure"
    );
    assert_eq!(got[1].0, "strings");
    let (without, _) = stored_for(&project, &todo, &["strings"]);
    assert_eq!(
        without.len(),
        1,
        "the window's own matcher wins over its stored one"
    );
}

#[test]
fn a_stored_set_for_another_text_is_named_not_offered() {
    let (_dir, project, ids) = project();
    let todo = project.load_document(&ids[1]).unwrap();
    let mut stale = SuggestionSet::new(&todo, "llm");
    stale.text_hash = crate::model::TextHash::of("an older text");
    project.save_suggestions(&stale, None).unwrap();
    let (all, problems) = stored_for(&project, &todo, &[]);
    assert!(all.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("llm"), "{problems:?}");
}

#[test]
fn suggestions_round_trip_through_their_file_form() {
    let (_dir, project, ids) = project();
    let todo = project.load_document(&ids[1]).unwrap();
    let strings = crate::suggest::learn(&project, &mut |_, _| {})
        .unwrap()
        .strings;
    let made = strings.suggest(&todo);
    assert!(!made.is_empty());
    assert_eq!(from_stored(&to_stored(&todo, "strings", &made)), made);
}

#[test]
fn imported_suggestions_are_measured_as_given_on_the_done_documents_they_cover() {
    let (_dir, project, ids) = project();
    let done = project.load_document(&ids[0]).unwrap();
    let mut imported = SuggestionSet::new(&done, "llm");
    for (phrase, label) in [("Moqtada Sadr", "actor"), ("rejected", "stance")] {
        let (s, e) = crate::suggest::test_docs::place(&done, phrase, 0);
        imported.spans.push(Suggested {
            start: crate::model::CharOffset(s),
            end: crate::model::CharOffset(e),
            label: label.into(),
            score: Some(0.9),
            text: phrase.into(),
        });
    }
    project.save_suggestions(&imported, None).unwrap();
    // Made ahead by the matcher, which is cross-validated instead.
    precompute(
        &project,
        &AnnotatorName::new("bob").unwrap(),
        &mut |_, _| {},
    )
    .unwrap();
    let request = crate::suggest::EvaluateRequest {
        source: crate::formats::Source::All,
        folds: 5,
    };
    let report = crate::suggest::evaluate_project(&project, &request, &mut |_, _| {}).unwrap();
    let given: Vec<&Evaluation> = report
        .evaluations
        .iter()
        .filter(|e| e.evaluated == crate::suggest::evaluate::Evaluated::AsGiven)
        .collect();
    assert_eq!(given.len(), 1, "{:?}", report.evaluations);
    let llm = given[0];
    assert_eq!(llm.recommender, "llm");
    assert_eq!(llm.documents, 1);
    // One of its two is alice's; one of her two is its.
    assert_eq!(
        (
            llm.overall.matched,
            llm.overall.suggested,
            llm.overall.annotated
        ),
        (1, 2, 2)
    );
    assert_eq!(llm.overall.f1, Some(0.5));
    assert!(report.to_table().contains("made elsewhere"));
    assert!(report.switch("llm", 0.5).is_on());
    assert!(!report.switch("llm", 0.6).is_on());
}
