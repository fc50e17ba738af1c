//! `claimspan agree` and `claimspan merge` end to end, through the real binary, on
//! three annotators' invented files with known disagreements (fixtures/review).

use crate::common::{self, claimspan, fixtures, out, review_project, snapshot};
use claimspan::model::{AnnotatorName, DocumentId};
use claimspan::review::{Decision, Resolution, adjudicate};
use claimspan::store::{IfOnDisk, Project};
use std::fs;

const HARBOUR: &str = "harbour-strike-talks";

fn json(args: &[&str]) -> serde_json::Value {
    let output = claimspan(args);
    assert!(output.status.success(), "{:?}", out(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn agree_reports_known_disagreements_as_json_and_table() {
    let (_dir, p) = review_project(&["alice", "bob", "carol"]);
    let p = p.to_str().unwrap();
    // alice and bob share all three stories; they differ on two actors' edges.
    let two = json(&["agree", p, "--annotators", "alice,bob", "--json"]);
    assert_eq!(two["annotators"], serde_json::json!(["alice", "bob"]));
    assert_eq!(two["documents"], 3);
    assert_eq!(two["pairs"].as_array().unwrap().len(), 1);
    let pair = &two["pairs"][0];
    assert_eq!(
        (pair["a"].as_str(), pair["b"].as_str()),
        (Some("alice"), Some("bob"))
    );
    let actor = &pair["labels"]["actor"];
    assert_eq!(actor["exact"]["matched"], 6);
    assert_eq!(actor["exact"]["only_a"], 2);
    assert_eq!(actor["exact"]["only_b"], 2);
    assert_eq!(actor["exact"]["f1"], 0.75);
    assert_eq!(actor["overlap"]["f1"], 1.0);
    assert!(actor["cohen_kappa"].as_f64().unwrap() > 0.85);
    assert_eq!(pair["overall"]["exact"]["matched"], 13);
    assert_eq!(pair["overall"]["exact"]["f1"], 26.0 / 30.0);
    assert_eq!(
        two["labels"]["actor"]["fleiss_kappa"],
        serde_json::Value::Null
    );
    assert!(two["labels"]["actor"]["krippendorff_alpha"].is_f64());
    // Worst first; equal scores by id.
    let docs: Vec<(&str, f64)> = two["per_document"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["document"].as_str().unwrap(),
                d["exact_f1"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        docs,
        [
            ("election-date-set", 0.8),
            (HARBOUR, 0.8),
            ("water-treaty-dispute", 1.0)
        ]
    );

    // All three: Fleiss' κ over the two stories all annotated, α over all three, and
    // each pair over the stories both annotated.
    let three = json(&["agree", p, "--json"]);
    assert_eq!(three["documents"], 2);
    assert_eq!(three["alpha_documents"], 3);
    assert_eq!(three["pairs"].as_array().unwrap().len(), 3);
    let pair_documents: Vec<(&str, &str, u64)> = three["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["a"].as_str().unwrap(),
                p["b"].as_str().unwrap(),
                p["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pair_documents,
        [
            ("alice", "bob", 3),
            ("alice", "carol", 2),
            ("bob", "carol", 2)
        ]
    );
    assert_eq!(three["pairs"][0]["labels"], two["pairs"][0]["labels"]);
    assert!(three["labels"]["stance"]["fleiss_kappa"].as_f64().unwrap() < 1.0);
    assert!(three["overall"]["krippendorff_alpha"].is_f64());
    assert_eq!(three["per_document"][0]["document"], HARBOUR);

    let table = out(&claimspan(&["agree", p])).0;
    assert!(
        table.starts_with("Agreement of alice, bob, carol: 2 documents shared by all"),
        "{table}"
    );
    assert!(table.contains("bob / carol"), "{table}");
    assert!(table.contains("Krippendorff α"), "{table}");

    // --docs narrows it down.
    let one = json(&["agree", p, "--docs", "water-treaty-dispute", "--json"]);
    assert_eq!(one["documents"], 1);
}

#[test]
fn agree_compares_each_pair_on_what_it_shares_and_says_null_where_nothing_was_tagged() {
    // Three annotators, each pair sharing one story, nobody all three; only actors
    // tagged, so stance and claim were used by nobody.
    let stories = |who: &str| -> Vec<serde_json::Value> {
        let file = fixtures().join("review").join(format!("{who}.jsonl"));
        fs::read_to_string(file)
            .unwrap()
            .lines()
            .map(|line| {
                let mut story: serde_json::Value = serde_json::from_str(line).unwrap();
                let spans = story["spans"].as_array_mut().unwrap();
                spans.retain(|s| s["label"] == "actor");
                story
            })
            .collect()
    };
    let (alice, bob) = (stories("alice"), stories("bob"));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    let p_str = p.to_str().unwrap();
    assert!(claimspan(&["init", p_str]).status.success());
    for (who, picked) in [
        ("alice", [&alice[0], &alice[1]]),
        ("bob", [&bob[1], &bob[2]]),
        ("carol", [&alice[0], &bob[2]]),
    ] {
        let file = dir.path().join(format!("{who}.jsonl"));
        let lines: Vec<String> = picked.iter().map(|s| s.to_string()).collect();
        fs::write(&file, lines.join("\n")).unwrap();
        let import = claimspan(&["import", p_str, file.to_str().unwrap(), "--annotator", who]);
        assert!(import.status.success(), "{:?}", out(&import));
    }
    let report = json(&["agree", p_str, "--json"]);
    assert_eq!(report["documents"], 0);
    assert_eq!(report["alpha_documents"], 3);
    let pairs = report["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 3);
    for pair in pairs {
        assert_eq!(pair["documents"], 1, "{pair}");
        assert!(pair["overall"]["exact"]["f1"].is_f64(), "{pair}");
        for unused in ["stance", "claim"] {
            let label = &pair["labels"][unused];
            for field in ["f1", "precision", "recall"] {
                assert!(label["exact"][field].is_null(), "{unused} {field}: {pair}");
            }
            assert!(label["cohen_kappa"].is_null());
        }
        assert!(pair["statements"]["f1"].is_null(), "no statements: {pair}");
    }
    assert!(report["overall"]["krippendorff_alpha"].is_f64());
    let table = out(&claimspan(&["agree", p_str])).0;
    assert!(table.contains("alice / bob on 1 document ("), "{table}");
    let stance = table
        .lines()
        .find(|l| l.starts_with("alice / bob ") && l.contains(" stance "))
        .unwrap();
    assert!(
        stance.contains('—') && !stance.contains("1.000"),
        "nothing claimed: {stance}"
    );
}

#[test]
fn agree_errors_say_who_and_what_there_is() {
    let (_dir, p) = review_project(&["alice"]);
    let p = p.to_str().unwrap();
    let alone = claimspan(&["agree", p]);
    assert_eq!(alone.status.code(), Some(1));
    assert_eq!(
        out(&alone).1,
        "claimspan: agreement needs at least two annotators, but the project has only alice; have a second person annotate the same articles (annotations/<name>/)\n"
    );
    let (_dir, p) = review_project(&["alice", "bob", "carol"]);
    let p = p.to_str().unwrap();
    let unknown = claimspan(&["agree", p, "--annotators", "alice,dave"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        out(&unknown).1.contains(
            "there is no annotator “dave” in the project (annotators: alice, bob, carol)"
        )
    );
    let skipped = claimspan(&[
        "agree",
        p,
        "--annotators",
        "alice,carol",
        "--docs",
        "election-date-set",
    ]);
    assert_eq!(skipped.status.code(), Some(1));
    assert_eq!(
        out(&skipped).1,
        "claimspan: document “election-date-set” is annotated by only alice, not by both alice and carol; leave it out of --docs or choose other --annotators\n"
    );
}

#[test]
fn merge_writes_gold_keeps_hand_work_and_is_idempotent() {
    let (_dir, p) = review_project(&["alice", "bob", "carol"]);
    let ps = p.to_str().unwrap();
    let merge = claimspan(&["merge", ps, "--annotators", "alice,bob,carol"]);
    let (stdout, stderr) = out(&merge);
    assert!(merge.status.success(), "{stderr}");
    assert_eq!(
        stdout,
        "election-date-set  accepted 4  disagreements 1\n\
         harbour-strike-talks  accepted 5  disagreements 4\n\
         water-treaty-dispute  accepted 5  disagreements 1\n\
         Merged 3 documents of alice, bob, carol (at least 2 alike): 14 spans accepted, 6 disagreements to review\n"
    );
    let gold_text = fs::read_to_string(p.join("gold").join(format!("{HARBOUR}.ron"))).unwrap();
    assert!(
        gold_text.contains("5: [\"alice\", \"carol\"],"),
        "{gold_text}"
    );
    assert!(
        gold_text.contains("(kind: Attributes, start: 114, end: 120"),
        "{gold_text}"
    );
    assert!(
        gold_text.contains("lacking: [\"alice\", \"bob\"]"),
        "{gold_text}"
    );

    // Running it again changes no byte.
    let before = snapshot(&p);
    assert!(
        claimspan(&["merge", ps, "--annotators", "alice,bob,carol"])
            .status
            .success()
    );
    assert_eq!(snapshot(&p), before);

    // A reviewer takes carol's polarity (“neutral”) for the harbour story's stance.
    let mut project = Project::open(&p).unwrap();
    let document = project
        .load_document(&DocumentId::new(HARBOUR).unwrap())
        .unwrap();
    let mut gold = project.load_gold_review(&document).unwrap().gold;
    let disagreement = gold
        .review
        .disagreements
        .iter()
        .position(|c| c.start.0 == 114)
        .unwrap();
    let carol = AnnotatorName::new("carol").unwrap();
    let edit = adjudicate(
        &gold,
        disagreement,
        &Decision::Annotator(carol),
        &document,
        project.schema(),
    )
    .unwrap();
    edit.apply(&mut gold).unwrap();
    project.save_gold_review(&gold, IfOnDisk::Anything).unwrap();

    // A stricter merge afterwards keeps the reviewer's stance and decision.
    let strict = claimspan(&["merge", ps, "--annotators", "alice,bob,carol", "--min", "3"]);
    let stdout = out(&strict).0;
    assert!(strict.status.success());
    assert!(
        stdout.contains(
            "harbour-strike-talks  accepted 2  disagreements 3  settled before 1  kept by hand 1\n"
        ),
        "{stdout}"
    );
    let after = project.load_gold_review(&document).unwrap().gold;
    let stance = after
        .annotations
        .spans
        .iter()
        .find(|s| s.label == "stance")
        .unwrap();
    assert_eq!(stance.attributes["polarity"], "neutral");
    assert!(after.review.by_hand.contains(&stance.id));
    assert_eq!(
        after
            .review
            .disagreements
            .iter()
            .find(|c| c.start.0 == 114)
            .unwrap()
            .settled,
        Some(Resolution::Accepted(vec![0]))
    );
    let validate = claimspan(&["validate", ps]);
    assert!(validate.status.success(), "{:?}", out(&validate));
}

#[test]
fn a_span_a_reviewer_deleted_from_gold_is_not_merged_back() {
    let (_dir, p) = review_project(&["alice", "bob", "carol"]);
    let ps = p.to_str().unwrap();
    assert!(
        claimspan(&["merge", ps, "--annotators", "alice,bob,carol"])
            .status
            .success()
    );
    // The reviewer deletes the first accepted span of the water story, as the window
    // does: through the plain gold annotations.
    let mut project = Project::open(&p).unwrap();
    let id = DocumentId::new("water-treaty-dispute").unwrap();
    let document = project.load_document(&id).unwrap();
    let mut gold = project.load_gold(&document).unwrap().annotations;
    let gone = gold.spans[0].clone();
    gold.remove_span(gone.id).unwrap();
    project.save_gold(&gold, IfOnDisk::Anything).unwrap();

    let again = claimspan(&["merge", ps, "--annotators", "alice,bob,carol"]);
    let stdout = out(&again).0;
    assert!(again.status.success());
    assert!(
        stdout.contains(
            "water-treaty-dispute  accepted 4  disagreements 1  left out as overruled 1\n"
        ),
        "{stdout}"
    );
    let after = project.load_gold_review(&document).unwrap().gold;
    assert!(
        !after
            .annotations
            .spans
            .iter()
            .any(|s| (s.start, s.end, &s.label) == (gone.start, gone.end, &gone.label)),
        "the deleted span came back"
    );
    let validate = claimspan(&["validate", ps]);
    assert!(validate.status.success(), "{:?}", out(&validate));
}

#[test]
fn merge_refuses_a_bad_minimum_and_unknown_annotators() {
    let (_dir, p) = review_project(&["alice", "bob"]);
    let p = p.to_str().unwrap();
    let bad = claimspan(&["merge", p, "--annotators", "alice,bob", "--min", "3"]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        out(&bad).1,
        "claimspan: --min 3 does not fit 2 chosen annotators; give a number from 1 to 2\n"
    );
    let missing = claimspan(&["merge", p, "--annotators", "alice,eve"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(out(&missing).1.contains("no annotator “eve”"));
    let none = claimspan(&["merge", p]);
    assert_eq!(none.status.code(), Some(1));
    assert!(out(&none).1.contains("--annotators"));
}

#[test]
fn the_hf_dataset_card_reports_agreement_where_it_is_known() {
    let (dir, p) = review_project(&["alice", "bob", "carol"]);
    let out_dir = dir.path().join("dataset");
    let run = claimspan(&[
        "export",
        p.to_str().unwrap(),
        "--format",
        "hf",
        "--source",
        "alice",
        "--status",
        "all",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{:?}", out(&run));
    let card = fs::read_to_string(out_dir.join("README.md")).unwrap();
    assert!(
        card.contains(
            "Measured with `claimspan agree` between alice, bob, carol: α over 3 documents two or more of them annotated"
        ),
        "{card}"
    );
    assert!(card.contains("| actor |"), "{card}");
    assert!(
        card.contains("exact F1 alice / bob (3 documents)"),
        "{card}"
    );

    // With one annotator there is nothing to measure, and the card says so.
    let (dir, p) = review_project(&["alice"]);
    let out_dir = dir.path().join("dataset");
    let run = claimspan(&[
        "export",
        p.to_str().unwrap(),
        "--format",
        "hf",
        "--status",
        "all",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{:?}", out(&run));
    let card = fs::read_to_string(out_dir.join("README.md")).unwrap();
    assert!(
        card.contains("Not known: fewer than two annotators"),
        "{card}"
    );
}

#[test]
fn agree_status_done_compares_only_the_documents_marked_done() {
    let (_dir, root) = review_project(&["alice", "bob"]);
    let root_s = root.to_str().unwrap();
    let carol = common::fixtures().join("review/carol.jsonl");
    let run = common::claimspan(&[
        "import",
        root_s,
        carol.to_str().unwrap(),
        "--annotator",
        "carol",
        "--status",
        "in-progress",
    ]);
    assert!(run.status.success(), "{:?}", common::out(&run));
    // By default every document with work counts: carol's too.
    let all = json(&["agree", root_s, "--json"]);
    assert_eq!(
        all["annotators"],
        serde_json::json!(["alice", "bob", "carol"])
    );
    // Carol marked nothing done, so with --status done she has nothing to compare.
    let done = json(&["agree", root_s, "--status", "done", "--json"]);
    assert_eq!(done["annotators"], serde_json::json!(["alice", "bob"]));
    let bad = common::claimspan(&["agree", root_s, "--status", "finished"]);
    assert!(!bad.status.success());
    let (_, stderr) = common::out(&bad);
    assert!(stderr.contains("choose all"), "{stderr}");
}
