//! The command line end to end, through the real binary.

use crate::common::{claimspan, fixture_project, fixtures, out, snapshot};
use std::fs;

#[test]
fn help_everywhere_and_usage_mistakes_exit_1() {
    // Without arguments the window opens, so help is asked for.
    let help = claimspan(&["--help"]);
    assert!(help.status.success());
    assert!(out(&help).0.contains("Usage: claimspan"));
    for command in [
        "init", "import", "export", "stats", "validate", "agree", "merge",
    ] {
        let help = claimspan(&[command, "--help"]);
        assert!(help.status.success(), "{command}");
        assert!(
            out(&help)
                .0
                .contains(&format!("Usage: claimspan {command}")),
            "{command}"
        );
    }
    let bogus = claimspan(&["frobnicate"]);
    assert_eq!(bogus.status.code(), Some(1));
    assert!(
        out(&bogus)
            .1
            .contains("neither a file or folder nor a command"),
        "{:?}",
        out(&bogus)
    );
}

#[test]
fn init_import_stats_validate() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo");
    let p = p.to_str().unwrap();
    let init = claimspan(&["init", p]);
    assert!(init.status.success());
    assert!(out(&init).0.contains("with labels actor, stance, claim"));
    let again = claimspan(&["init", p]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        out(&again)
            .1
            .contains("is already a claimspan project; open it instead")
    );

    let articles = fixtures().join("articles");
    let import = claimspan(&["import", p, articles.to_str().unwrap()]);
    let (stdout, _) = out(&import);
    assert!(import.status.success(), "{stdout}");
    assert!(stdout.contains("added     coalition-talks-stall-in-baghdad-as-blocs-trade-demands-2018-06-14  (gulf-wire-2018-06.txt, article 1 of 3)"), "{stdout}");
    assert!(
        stdout.ends_with("6 added, 0 skipped as already there, 0 refused\n"),
        "{stdout}"
    );

    // The same articles again add nothing; the JSONL spans become bob's.
    let jsonl = fixtures().join("jsonl").join("articles.jsonl");
    let again = claimspan(&[
        "import",
        p,
        articles.to_str().unwrap(),
        jsonl.to_str().unwrap(),
        "--annotator",
        "bob",
    ]);
    let (stdout, _) = out(&again);
    assert!(
        stdout.ends_with("3 added, 6 skipped as already there, 0 refused\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("annotated jordan-party-rejects-fuel-tax-2018-06-24: 5 spans by bob"),
        "{stdout}"
    );

    let stats = claimspan(&["stats", p, "--json"]);
    assert!(stats.status.success());
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(json["documents"], 9);
    assert_eq!(json["annotators"][0]["annotator"], "bob");
    // Spans from a file are finished work, unless `import --status` says otherwise.
    assert_eq!(json["annotators"][0]["documents"]["done"], 3);
    assert_eq!(json["annotators"][0]["documents"]["todo"], 6);
    assert_eq!(json["annotators"][0]["spans"]["actor"], 5);
    let table = out(&claimspan(&["stats", p])).0;
    assert!(
        table.starts_with("Project “demo”: 9 documents, 1 annotator, 0 with gold"),
        "{table}"
    );

    let validate = claimspan(&["validate", p]);
    assert!(validate.status.success(), "{:?}", out(&validate));
    assert!(out(&validate).0.ends_with("no problems found\n"));
}

#[test]
fn validate_lists_each_problem_with_file_and_place_and_exits_1() {
    let dir = fixture_project();
    let p = dir.path().join("p");
    let id = "iran-warns-europe-over-oil-sanctions-as-exports-slide-2018-06-15";
    let bob = p.join("annotations").join("bob");
    fs::create_dir_all(&bob).unwrap();
    let hash = fs::read_to_string(p.join("articles").join(format!("{id}.ron"))).unwrap();
    let hash = hash
        .lines()
        .find(|l| l.contains("text_hash"))
        .unwrap()
        .trim()
        .to_owned();
    fs::write(
        bob.join(format!("{id}.ron")),
        format!(
            "(format: 1, document: \"{id}\", {hash} annotator: \"bob\", status: Done, spans: [
                (id: 1, start: 0, end: 4, label: \"actor\", text: \"Iran\"),
                (id: 2, start: 30, end: 9, label: \"claim\", text: \"x\"),
                (id: 3, start: 0, end: 99999, label: \"claim\", text: \"x\"),
                (id: 4, start: 5, end: 10, label: \"speaker\", text: \"warns\"),
                (id: 5, start: 0, end: 4, label: \"actor\", text: \"Iran\"),
            ], links: [(from: 1, to: 7, label: \"holds\")])"
        ),
    )
    .unwrap();
    fs::write(
        bob.join("broken.ron"),
        "(format: 1, document: \"broken\",\n  spans: [(id: 1 start: 2)]",
    )
    .unwrap();
    fs::write(p.join("articles").join("notes.docx"), "x").unwrap();
    fs::remove_file(p.join("guidelines.md")).unwrap();
    let before = snapshot(&p);
    let validate = claimspan(&["validate", p.to_str().unwrap()]);
    assert_eq!(validate.status.code(), Some(1));
    let stdout = out(&validate).0;
    let file = bob.join(format!("{id}.ron"));
    let f = file.display();
    for line in [
        format!("{f}: span 2 (30..9): 30..9 ends before it starts; swap or fix the offsets"),
        format!(
            "{f}: span 3 (0..99999): 0..99999 runs past the end of the article (1773 characters); fix the offsets"
        ),
        format!(
            "{f}: span 4 (5..10): the label “speaker” is not in the project's schema (actor, stance, claim); add it to claimspan.ron or use one of those"
        ),
        format!(
            "{f}: span 5 (0..4): duplicates span 1 (same place, label and attributes); delete one"
        ),
        format!("{f}: link 1→7: it refers to a span that does not exist; delete the link"),
        format!(
            "{}:2:18: this is not valid claimspan RON (Expected comma)",
            bob.join("broken.ron").display()
        ),
        format!(
            "{}: not a claimspan file; move it out of the project folder",
            p.join("articles").join("notes.docx").display()
        ),
    ] {
        assert!(stdout.contains(&line), "missing {line}\nin\n{stdout}");
    }
    assert!(stdout.ends_with("8 problems\n"), "{stdout}");
    assert_eq!(snapshot(&p), before, "validate wrote nothing");
}

#[test]
fn errors_are_one_sentence_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let stats = claimspan(&["stats", missing.to_str().unwrap()]);
    assert_eq!(stats.status.code(), Some(1));
    assert_eq!(
        out(&stats).1,
        format!(
            "claimspan: {m} is not a claimspan project (it has no claimspan.ron); create one with `claimspan init {m}`\n",
            m = missing.display()
        )
    );
    let bad_name = claimspan(&[
        "import",
        missing.to_str().unwrap(),
        "x.txt",
        "--annotator",
        "../eve",
    ]);
    assert_eq!(bad_name.status.code(), Some(1));
    assert!(
        out(&bad_name)
            .1
            .contains("“../eve” cannot be an annotator name")
    );
}
