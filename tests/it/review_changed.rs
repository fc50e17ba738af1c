//! `claimspan merge` and `claimspan agree` on projects a bad day changed: article
//! texts rewritten under the annotations (git's autocrlf, an emptied file, a line
//! added so that a span's text now occurs twice), annotation files edited by hand
//! into spans that do not hold, and gold files edited in a text editor. Nothing that
//! cannot be used as placed goes into gold or counts as agreeing, and the commands
//! say what they left out; what a person changed in gold stays changed.

use crate::common::{claimspan, init_and_import, out, review_project, s};
use claimspan::model::{AnnotatorName, CharOffset, DocumentId, Link, Span, SpanId, Status};
use claimspan::review::{Decision, adjudicate};
use claimspan::store::gold::read_gold_file;
use claimspan::store::{IfOnDisk, Project};
use std::fs;
use std::path::{Path, PathBuf};

/// Char offsets of `needle` in `text`.
fn at(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// One JSONL record with `spans` (label, text) placed where their text first is.
fn record(id: &str, text: &str, spans: &[(&str, &str)]) -> String {
    let spans: Vec<serde_json::Value> = spans
        .iter()
        .map(|(label, needle)| {
            let (start, end) = at(text, needle);
            serde_json::json!({"start": start, "end": end, "label": label})
        })
        .collect();
    serde_json::json!({"id": id, "title": id, "text": text, "spans": spans}).to_string()
}

const CRLF: &str = "dock-strike";
const EMPTIED: &str = "ports-reopen";
const TWICE: &str = "unions-accept";

/// alice and bob annotated three invented stories alike.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        record(
            CRLF,
            "Dock\nworkers walked out on Monday.\nThe ministry called the strike unlawful.",
            &[("actor", "Dock\nworkers"), ("actor", "The ministry")],
        ),
        record(
            EMPTIED,
            "Ports reopen after talks.",
            &[("actor", "Ports"), ("claim", "talks")],
        ),
        record(
            TWICE,
            "Unions accept the offer. Talks end.",
            &[("actor", "Unions"), ("claim", "the offer")],
        ),
    ];
    let file = dir.path().join("stories.jsonl");
    fs::write(&file, lines.join("\n") + "\n").unwrap();
    let p = init_and_import(
        dir.path(),
        &[
            &[s(&file), "--annotator", "alice"],
            &[s(&file), "--annotator", "bob"],
        ],
    );
    (dir, p)
}

/// What git with `core.autocrlf=true`, an emptied file and an added line do to the
/// stored article texts.
fn rewrite_articles(p: &Path) {
    let text = |id: &str| p.join("articles").join(format!("{id}.txt"));
    let crlf = fs::read_to_string(text(CRLF))
        .unwrap()
        .replace('\n', "\r\n");
    fs::write(text(CRLF), crlf).unwrap();
    fs::write(text(EMPTIED), "").unwrap();
    let twice = format!(
        "Again, Unions said: {}",
        fs::read_to_string(text(TWICE)).unwrap()
    );
    fs::write(text(TWICE), twice).unwrap();
}

/// Every gold span as (label, text), after checking that it stands where it says in
/// the current article.
fn gold_spans(p: &Path, id: &str) -> Vec<(String, String)> {
    let project = Project::open(p).unwrap();
    let document = project
        .load_document(&DocumentId::new(id).unwrap())
        .unwrap();
    let gold = read_gold_file(&project.gold_path(document.id())).unwrap();
    gold.annotations
        .spans
        .iter()
        .map(|s| {
            assert_eq!(
                document.slice(s.start, s.end),
                Some(s.text.as_str()),
                "{id}: a gold span does not stand where it says: {s:?}"
            );
            (s.label.clone(), s.text.clone())
        })
        .collect()
}

fn agree_json(p: &Path) -> serde_json::Value {
    let run = claimspan(&["agree", p.to_str().unwrap(), "--json"]);
    assert!(run.status.success(), "{:?}", out(&run));
    serde_json::from_slice(&run.stdout).unwrap()
}

#[test]
fn merge_and_agree_leave_out_spans_whose_article_changed() {
    let (_dir, p) = project();
    let before = agree_json(&p);
    assert_eq!(before["pairs"][0]["overall"]["exact"]["matched"], 6);
    rewrite_articles(&p);

    let merge = claimspan(&["merge", p.to_str().unwrap(), "--annotators", "alice,bob"]);
    let (stdout, stderr) = out(&merge);
    assert!(merge.status.success(), "{stderr}");
    let pair = |l: &str, t: &str| (l.to_owned(), t.to_owned());
    // Only what was found again, at its new place, with its own text.
    assert_eq!(gold_spans(&p, CRLF), [pair("actor", "The ministry")]);
    assert_eq!(gold_spans(&p, EMPTIED), []);
    assert_eq!(gold_spans(&p, TWICE), [pair("claim", "the offer")]);
    // Not done: spans wait to be placed.
    let project = Project::open(&p).unwrap();
    for id in [CRLF, EMPTIED, TWICE] {
        let path = project.gold_path(&DocumentId::new(id).unwrap());
        let status = read_gold_file(&path).unwrap().annotations.status;
        assert_eq!(status, Status::InProgress, "{id}");
    }
    // And merge says what it left out, by document and why.
    assert!(
        stdout.contains(&format!(
            "{CRLF}  accepted 1  disagreements 0  left out 2\n"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Left out: 8 spans whose article changed and whose text could not be found again"
        ),
        "{stdout}"
    );

    // agree counts none of them as agreeing, and says so.
    let after = agree_json(&p);
    assert_eq!(after["pairs"][0]["overall"]["exact"]["matched"], 2);
    assert_eq!(after["left_out"][0]["reason"], "Unplaced");
    assert_eq!(after["left_out"][0]["count"], 8);
    let table = out(&claimspan(&["agree", p.to_str().unwrap()])).0;
    assert!(
        table.contains(
            "     8  spans whose article changed and whose text could not be found again"
        ),
        "{table}"
    );
}

#[test]
fn merge_leaves_out_spans_that_validate_flags() {
    let (_dir, p) = project();
    let mut project = Project::open(&p).unwrap();
    let id = DocumentId::new(TWICE).unwrap();
    let document = project.load_document(&id).unwrap();
    let span = |id: u32, start: usize, end: usize, label: &str, text: &str| Span {
        id: SpanId(id),
        start: CharOffset(start),
        end: CharOffset(end),
        label: label.into(),
        text: text.into(),
        attributes: Default::default(),
        note: String::new(),
        anchor: None,
    };
    // Both annotators' files edited by hand alike, so a merge would take them all.
    for who in ["alice", "bob"] {
        let who = AnnotatorName::new(who).unwrap();
        let mut a = project
            .load_annotations(&document, &who)
            .unwrap()
            .annotations;
        a.spans.extend([
            span(50, 25, 5000, "claim", "Talks end."),
            span(51, 12, 7, "claim", ""),
            span(52, 3, 3, "claim", ""),
            span(53, 25, 30, "topic", "Talks"),
            span(54, 25, 30, "claim", "Walks"),
        ]);
        a.links.push(Link {
            from: a.spans[0].id,
            to: SpanId(99),
            label: "holds".into(),
        });
        project.save_annotations(&a, IfOnDisk::Anything).unwrap();
    }
    let merge = claimspan(&["merge", p.to_str().unwrap(), "--annotators", "alice,bob"]);
    let (stdout, stderr) = out(&merge);
    assert!(merge.status.success(), "{stderr}");
    let gold = read_gold_file(&project.gold_path(&id)).unwrap();
    let ids: Vec<u32> = gold.annotations.spans.iter().map(|s| s.id.0).collect();
    assert_eq!(gold.annotations.spans.len(), 2, "{ids:?}");
    assert!(gold.annotations.links.is_empty());
    for line in [
        "Left out: 2 spans that run past the end of their article",
        "Left out: 2 spans that end before they start",
        "Left out: 2 spans that cover no text",
        "Left out: 2 spans whose label is not in claimspan.ron",
        "Left out: 2 spans whose stored text is not what the article has",
        "Left out: 2 links to spans that are missing or were left out",
    ] {
        assert!(stdout.contains(line), "{line}\n{stdout}");
    }
    let validate = claimspan(&["validate", p.to_str().unwrap()]);
    let report = out(&validate).0;
    assert!(!report.contains("gold"), "gold is clean: {report}");
}

#[test]
fn a_gold_span_relabelled_or_deleted_in_an_editor_stays_so() {
    let (_dir, p) = review_project(&["alice", "bob", "carol"]);
    let ps = p.to_str().unwrap();
    assert!(
        claimspan(&["merge", ps, "--annotators", "alice,bob,carol"])
            .status
            .success()
    );
    // A reviewer opens the gold file in a text editor: deletes the minister, and
    // makes the opposition deputies a claim.
    let path = p.join("gold").join("water-treaty-dispute.ron");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("as_merged"), "{text}");
    let edited: String = text
        .lines()
        .filter(|l| !l.contains("text: \"Lebanon’s energy minister\""))
        .map(|l| {
            if l.contains("text: \"Opposition deputies\"") {
                l.replace("label: \"actor\"", "label: \"claim\"")
            } else {
                l.to_owned()
            }
        })
        .map(|l| l + "\n")
        .collect();
    assert_ne!(edited, text);
    fs::write(&path, &edited).unwrap();

    let again = claimspan(&["merge", ps, "--annotators", "alice,bob,carol"]);
    let stdout = out(&again).0;
    assert!(again.status.success());
    assert!(
        stdout.contains("water-treaty-dispute  accepted 3  disagreements 1  kept by hand 1  left out as overruled 2\n"),
        "{stdout}"
    );
    let gold = read_gold_file(&path).unwrap();
    let texts: Vec<(&str, &str)> = gold
        .annotations
        .spans
        .iter()
        .map(|s| (s.label.as_str(), s.text.as_str()))
        .collect();
    assert!(
        !texts.iter().any(|t| t.1 == "Lebanon’s energy minister"),
        "{texts:?}"
    );
    assert!(
        texts.contains(&("claim", "Opposition deputies")),
        "{texts:?}"
    );
    assert!(
        !texts.contains(&("actor", "Opposition deputies")),
        "{texts:?}"
    );
    // A third run changes nothing.
    let bytes = fs::read(&path).unwrap();
    assert!(
        claimspan(&["merge", ps, "--annotators", "alice,bob,carol"])
            .status
            .success()
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_settled_disagreement_survives_a_merge_with_other_annotators() {
    let (_dir, p) = review_project(&["alice", "bob", "carol"]);
    let ps = p.to_str().unwrap();
    assert!(
        claimspan(&["merge", ps, "--annotators", "alice,bob,carol"])
            .status
            .success()
    );
    // The reviewer settles the harbour story's edges of “Samir Haddad” for alice.
    let mut project = Project::open(&p).unwrap();
    let id = DocumentId::new("harbour-strike-talks").unwrap();
    let document = project.load_document(&id).unwrap();
    let mut gold = project.load_gold_review(&document).unwrap().gold;
    let alice = AnnotatorName::new("alice").unwrap();
    let bob = AnnotatorName::new("bob").unwrap();
    let disagreement = gold
        .review
        .disagreements
        .iter()
        .position(|c| {
            c.candidates.len() == 2
                && !c.candidates_of(&alice).is_empty()
                && !c.candidates_of(&bob).is_empty()
                && c.candidates_of(&alice) != c.candidates_of(&bob)
        })
        .unwrap();
    let settled = gold.review.disagreements[disagreement].clone();
    let decision = Decision::Annotator(alice.clone());
    let edit = adjudicate(&gold, disagreement, &decision, &document, project.schema()).unwrap();
    edit.apply(&mut gold).unwrap();
    project.save_gold_review(&gold, IfOnDisk::Anything).unwrap();

    for annotators in ["alice,bob", "alice,bob,carol"] {
        let run = claimspan(&["merge", ps, "--annotators", annotators]);
        let stdout = out(&run).0;
        assert!(run.status.success());
        assert!(
            stdout.contains("harbour-strike-talks  accepted")
                && stdout.contains("settled before 1"),
            "{annotators}: {stdout}"
        );
        let after = project.load_gold_review(&document).unwrap().gold;
        let found = after
            .review
            .disagreements
            .iter()
            .find(|c| c.start == settled.start && c.end == settled.end)
            .unwrap();
        assert!(found.settled.is_some(), "{annotators}: {found:?}");
    }
}
