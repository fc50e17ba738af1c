//! `claimspan suggest --evaluate` end to end on the annotated fixture project.

use crate::common::{claimspan, copy_dir, fixtures, out, s, snapshot};

/// A copy of `fixtures/statements`: alice marked three documents done, bob three,
/// gold has one.
fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    copy_dir(&fixtures().join("statements"), &root);
    (dir, root)
}

#[test]
fn evaluate_prints_a_table_per_label_cross_validated_and_on_training_data() {
    let (_dir, root) = project();
    let before = snapshot(&root);
    let output = claimspan(&["suggest", s(&root), "--evaluate", "--annotator", "alice"]);
    let (stdout, stderr) = out(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let header = stdout.lines().next().unwrap();
    for column in [
        "recommender",
        "evaluated",
        "label",
        "P",
        "R",
        "F1",
        "learned from",
    ] {
        assert!(header.contains(column), "{header}");
    }
    let rows: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("strings"))
        .collect();
    // actor, stance, claim and all, each way.
    assert_eq!(rows.len(), 8, "{stdout}");
    assert!(
        rows[0].contains("3-fold") && rows[0].contains("actor"),
        "{stdout}"
    );
    assert!(rows[0].ends_with("2 documents"), "{stdout}");
    assert!(rows[4].contains("training data") && rows[4].ends_with("3 documents"));
    assert!(stdout.contains("3 done documents (alice)"), "{stdout}");
    // The tagger's rows follow, the same way.
    let tagger: Vec<&str> = stdout.lines().filter(|l| l.starts_with("tagger")).collect();
    assert_eq!(tagger.len(), 8, "{stdout}");
    assert!(tagger[0].contains("3-fold") && tagger[4].contains("training data"));
    let json = claimspan(&[
        "suggest",
        s(&root),
        "--evaluate",
        "--annotator",
        "alice",
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let cross = &report["evaluations"][0];
    assert_eq!(
        cross["evaluated"],
        serde_json::json!({"kind": "cross_validated", "folds": 3})
    );
    assert_eq!(cross["learned_from"], serde_json::json!([2, 2, 2]));
    assert_eq!(cross["labels"][0]["label"], "actor");
    assert!(report["not_cross_validated"].is_null());
    assert_eq!(before, snapshot(&root), "evaluating writes nothing");
}

#[test]
fn json_and_gold_with_too_few_documents_to_hold_out() {
    let (_dir, root) = project();
    let output = claimspan(&["suggest", s(&root), "--evaluate", "--gold", "--json"]);
    let (stdout, stderr) = out(&output);
    assert!(output.status.success(), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["source"], "gold");
    assert_eq!(report["documents"], 1);
    let evaluations = report["evaluations"].as_array().unwrap();
    // The string matcher, then the tagger, each on training data only.
    assert_eq!(evaluations.len(), 2, "{stdout}");
    for (e, name) in evaluations.iter().zip(["strings", "tagger"]) {
        assert_eq!(e["evaluated"]["kind"], "on_training_data");
        assert_eq!(e["recommender"], name);
        assert!(e["overall"]["f1"].is_number());
    }
    assert!(
        report["not_cross_validated"]
            .as_str()
            .unwrap()
            .contains("too few")
    );
    // Without --gold or --annotator, gold is taken where there is any, as in export.
    let auto = claimspan(&["suggest", s(&root), "--evaluate", "--json"]);
    assert_eq!(auto.stdout, output.stdout);
}

#[test]
fn wrong_choices_are_refused_with_a_sentence() {
    let (_dir, root) = project();
    let cases: [(&[&str], &str); 3] = [
        (
            &["--annotator", "carol"],
            "choose one of them with --annotator NAME",
        ),
        (
            &["--folds", "1"],
            "--folds 1: cross-validation needs at least 2 folds",
        ),
        (&["--annotator", "alice", "--gold"], "cannot be used with"),
    ];
    for (args, expected) in cases {
        let all = [&["suggest", s(&root), "--evaluate"][..], args].concat();
        let output = claimspan(&all);
        let (_, stderr) = out(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let output = claimspan(&["suggest", s(&root)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(out(&output).1.contains("--evaluate"));
}

#[test]
fn the_sample_project_is_cross_validated_for_each_sample_annotator() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("sample");
    let me = claimspan::model::AnnotatorName::new("me").unwrap();
    claimspan::session::unpack_sample(&root, &me).unwrap();
    for annotator in claimspan::session::SAMPLE_ANNOTATORS {
        let output = claimspan(&["suggest", s(&root), "--evaluate", "--annotator", annotator]);
        let (stdout, stderr) = out(&output);
        assert!(output.status.success(), "{stderr}");
        assert!(stdout.contains("-fold"), "{stdout}");
    }
}

#[test]
fn suggest_for_an_annotator_keeps_suggestions_apart_and_agree_compares_them_with_gold() {
    let (_dir, root) = project();
    let before = snapshot(&root);
    // Carol joins the team: every document is still to do for her.
    let output = claimspan(&["suggest", s(&root), "--annotator", "carol"]);
    let (stdout, stderr) = out(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.starts_with("strings: ") && stdout.contains("documents carol has not marked done"),
        "{stdout}"
    );
    let after = snapshot(&root);
    // Every file that was there is as it was: nothing became anyone's annotation.
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
    }
    let new: Vec<_> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert!(!new.is_empty());
    // Each recommender's, in a folder of its own.
    for folder in ["strings", "tagger"] {
        let inside = root.join("suggestions").join(folder);
        assert!(new.iter().any(|p| p.starts_with(&inside)), "{new:?}");
    }
    // Besides them, only the tagger's model, kept where git ignores it.
    assert!(
        new.iter()
            .all(|p| p.starts_with(root.join("suggestions")) || p.starts_with(root.join("models"))),
        "{new:?}"
    );
    assert!(root.join("models/tagger.bin").is_file());
    assert!(!new.iter().any(|p| p.starts_with(root.join("annotations"))));
    let agree = claimspan(&["agree", s(&root), "--annotators", "suggest:strings,gold"]);
    let (stdout, stderr) = out(&agree);
    assert!(agree.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("suggest:strings / gold"), "{stdout}");
    // Without the names, agreement stays between people.
    let people = claimspan(&["agree", s(&root)]);
    assert!(!out(&people).0.contains("suggest:"), "{}", out(&people).0);
    let unknown = claimspan(&["agree", s(&root), "--annotators", "suggest:crf,gold"]);
    assert!(!unknown.status.success());
    assert!(
        out(&unknown).1.contains("suggest:crf"),
        "{}",
        out(&unknown).1
    );
}

#[test]
fn predictions_imported_as_suggestions_are_compared_like_an_annotator() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    assert!(claimspan(&["init", s(&root)]).status.success());
    let predictions = fixtures().join("peer/label-studio-predictions.json");
    let leila = claimspan(&["import", s(&root), s(&predictions), "--annotator", "leila"]);
    assert!(leila.status.success(), "{}", out(&leila).1);
    let output = claimspan(&[
        "import",
        s(&root),
        s(&predictions),
        "--as-suggestions",
        "--from",
        "ls-model",
    ]);
    let (stdout, stderr) = out(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("4 suggestions from ls-model"), "{stdout}");
    let agree = claimspan(&["agree", s(&root), "--annotators", "leila,suggest:ls-model"]);
    let (stdout, stderr) = out(&agree);
    assert!(agree.status.success(), "{stdout}\n{stderr}");
    // Leila tagged one of the model's four spans in the first story.
    assert!(stdout.contains("leila / suggest:ls-model"), "{stdout}");
    let refused = claimspan(&["import", s(&root), s(&predictions), "--as-suggestions"]);
    assert!(!refused.status.success());
    assert!(out(&refused).1.contains("--from"), "{}", out(&refused).1);
    let neither = claimspan(&["suggest", s(&root)]);
    assert!(!neither.status.success());
    assert!(
        out(&neither).1.contains("--evaluate"),
        "{}",
        out(&neither).1
    );
}
