//! Tests of importing a model's predictions as suggestions (`import
//! --as-suggestions --from NAME`), on the shapes of the files models and peer tools
//! write, through the real project folder.

use super::tests::{fixture, import};
use super::*;
use crate::store::SuggestionSet;

/// Imports `paths` into a new project as the suggestions of `from`.
fn import_suggestions(paths: &[PathBuf], from: &str) -> (tempfile::TempDir, Project, ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let options = ImportOptions::as_suggestions(from).unwrap();
    let report = import_paths(&mut project, paths, &options).unwrap();
    (dir, project, report)
}

/// The suggestions `from` has for the article whose id starts with `prefix`.
fn suggestions_of(project: &Project, from: &str, prefix: &str) -> SuggestionSet {
    let meta = project
        .articles()
        .find(|m| m.id.to_string().starts_with(prefix))
        .unwrap();
    let document = project.load_document(&meta.id).unwrap();
    project.load_suggestions(from, &document).unwrap().unwrap()
}

fn places(set: &SuggestionSet) -> Vec<(&str, &str, Option<f32>)> {
    set.spans
        .iter()
        .map(|s| (s.text.as_str(), s.label.as_str(), s.score))
        .collect()
}

#[test]
fn label_studio_predictions_become_suggestions_with_their_scores() {
    let (_dir, project, report) =
        import_suggestions(&[fixture("peer/label-studio-predictions.json")], "ls-model");
    assert_eq!(report.added(), 2, "{report:?}");
    assert_eq!(report.refused(), 0, "{report:?}");
    let amman = suggestions_of(&project, "ls-model", "amman");
    assert_eq!(
        places(&amman),
        [
            ("Foreign Minister Rania Haddad", "actor", Some(0.7)),
            // Model "two" gave only its prediction's score; leila's annotation of the
            // same place is not a prediction and is not taken.
            ("Rania Haddad", "actor", Some(0.5)),
            ("rejected", "stance", Some(0.55)),
            ("water-sharing plan", "claim", Some(0.4)),
        ]
    );
    let beirut = suggestions_of(&project, "ls-model", "beirut");
    assert_eq!(
        places(&beirut),
        [
            ("Lebanese Forces", "actor", Some(0.81)),
            ("backed", "stance", Some(0.62)),
            ("Karim Nassar", "actor", Some(0.77)),
        ],
        "a region without a score takes its prediction's"
    );
    assert_eq!(project.annotators().count(), 0, "no one's annotations");
    assert_eq!(project.gold().count(), 0);
}

#[test]
fn label_studio_predictions_are_passed_over_and_said_so_in_a_normal_import() {
    let (_dir, project, report) = import(
        &[fixture("peer/label-studio-predictions.json")],
        Some("leila"),
    );
    let said: Vec<String> = report.outcomes.iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|o| o.contains("4 predicted spans not imported") && o.contains("--as-suggestions")),
        "{said:?}"
    );
    // The one person's work stays hers, under the name given, beside the models'.
    let leila = AnnotatorName::new("leila").unwrap();
    assert_eq!(project.annotators().collect::<Vec<_>>(), [&leila]);
    let meta = project
        .articles()
        .find(|m| m.id.to_string().starts_with("amman"))
        .unwrap();
    let document = project.load_document(&meta.id).unwrap();
    let spans = project
        .load_annotations(&document, &leila)
        .unwrap()
        .annotations
        .spans;
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].text, "Rania Haddad");
    assert!(project.suggestion_sources().is_empty());
}

#[test]
fn a_models_jsonl_in_any_script_becomes_suggestions() {
    let (_dir, project, report) =
        import_suggestions(&[fixture("jsonl/model-predictions.jsonl")], "llm");
    assert_eq!(report.added(), 2, "{report:?}");
    let baghdad = suggestions_of(&project, "llm", "baghdad");
    assert_eq!(
        places(&baghdad),
        [
            ("Hadi Amiri", "actor", Some(0.93)),
            ("welcomed", "stance", Some(0.64)),
            ("the budget deal", "claim", Some(0.58)),
            ("Sadrist bloc", "actor", None),
        ]
    );
    let cairo = suggestions_of(&project, "llm", "lqhr");
    assert_eq!(
        places(&cairo),
        [
            ("رفض", "stance", Some(0.71)),
            ("سامح فؤاد", "actor", Some(0.88))
        ]
    );
    assert_eq!(project.annotators().count(), 0);
}

#[test]
fn scores_are_not_kept_on_spans_imported_as_annotations() {
    let (dir, _project, report) = import(&[fixture("jsonl/model-predictions.jsonl")], Some("amal"));
    assert_eq!(
        report.refused(),
        0,
        "a score needs no label of the schema: {report:?}"
    );
    let folder = dir.path().join("annotations/amal");
    for entry in std::fs::read_dir(folder).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains("score"), "{text}");
    }
}

#[test]
fn importing_predictions_again_replaces_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let options = ImportOptions::as_suggestions("llm").unwrap();
    let first = fixture("jsonl/model-predictions.jsonl");
    import_paths(&mut project, std::slice::from_ref(&first), &options).unwrap();
    let newer = dir.path().join("newer.jsonl");
    let text = std::fs::read_to_string(&first).unwrap();
    // The second model run finds only Hadi Amiri in the first story.
    let line = text.lines().next().unwrap();
    let mut record: serde_json::Value = serde_json::from_str(line).unwrap();
    record["spans"] =
        serde_json::json!([{"start": 24, "end": 34, "label": "actor", "score": 0.99}]);
    std::fs::write(&newer, format!("{record}\n")).unwrap();
    import_paths(&mut project, &[newer], &options).unwrap();
    assert_eq!(
        places(&suggestions_of(&project, "llm", "baghdad")),
        [("Hadi Amiri", "actor", Some(0.99))]
    );
}

#[test]
fn a_bad_name_or_a_bad_score_is_refused_with_a_sentence() {
    let err = ImportOptions::as_suggestions("my model").unwrap_err();
    assert!(err.to_string().contains("safe file name"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.jsonl");
    std::fs::write(
        &file,
        "{\"text\": \"Kamali rejected it.\", \"spans\": [{\"start\": 0, \"end\": 6, \"label\": \"actor\", \"score\": 7}]}\n",
    )
    .unwrap();
    let (_keep, _project, report) = import_suggestions(&[file], "llm");
    assert_eq!(report.refused(), 1, "{report:?}");
    let said: Vec<String> = report.outcomes.iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|o| o.contains("\"score\" must be a number from 0 to 1")),
        "{said:?}"
    );
}
