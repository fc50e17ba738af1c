//! Reading and writing gold files with their review fields.

use super::*;
use crate::model::NewSpan;
use std::fs;

fn project_with(text: &str) -> (tempfile::TempDir, Project, Document) {
    let (dir, project, id) = crate::store::project::tests::project_with(text);
    let document = project.load_document(&id).unwrap();
    (dir, project, document)
}

fn name(n: &str) -> AnnotatorName {
    AnnotatorName::new(n).unwrap()
}

fn span(start: usize, end: usize, label: &str) -> NewSpan {
    NewSpan::new(CharOffset(start), CharOffset(end), label)
}

#[test]
fn review_fields_round_trip_and_an_old_gold_file_still_reads() {
    let (_dir, mut project, document) = project_with("Iran’s minister rejected sanctions.");
    let schema = project.schema().clone();
    // A gold file as the core wrote it, without review fields.
    let mut plain = Annotations::new(&document, AnnotatorName::gold());
    let hand = plain
        .add_span(&document, &schema, span(0, 4, "actor"))
        .unwrap();
    project.save_gold(&plain, IfOnDisk::Anything).unwrap();
    let old = project.load_gold_review(&document).unwrap().gold;
    assert_eq!(old.annotations, plain);
    assert!(old.is_by_hand(hand), "no provenance: made by hand");

    let mut gold = old.clone();
    let merged = gold
        .annotations
        .add_span(&document, &schema, span(7, 15, "actor"))
        .unwrap();
    gold.review
        .provenance
        .insert(merged, vec![name("alice"), name("bob")]);
    gold.review.provenance.insert(hand, vec![]);
    gold.review.by_hand.insert(hand);
    gold.review.disagreements.push(Disagreement {
        kind: DisagreementKind::Edges,
        start: CharOffset(16),
        end: CharOffset(34),
        candidates: vec![Candidate {
            start: CharOffset(16),
            end: CharOffset(24),
            label: "stance".into(),
            text: "rejected".into(),
            attributes: [("polarity".to_owned(), "oppose".to_owned())].into(),
            annotators: vec![name("alice")],
        }],
        lacking: vec![name("bob")],
        settled: Some(Resolution::Accepted(vec![0])),
    });
    gold.review.notes.push(ReviewNote {
        start: CharOffset(16),
        end: CharOffset(34),
        text: "ask about “rejected”".into(),
    });
    project.save_gold_review(&gold, IfOnDisk::Anything).unwrap();
    let back = project.load_gold_review(&document).unwrap();
    assert_eq!(back.gold, gold);
    assert!(!back.gold.is_by_hand(merged) && back.gold.is_by_hand(hand));
    // The plain reader still reads it, and it is still format 1.
    let text = fs::read_to_string(project.gold_path(document.id())).unwrap();
    assert!(text.starts_with("(\n    format: 1,\n"), "{text}");
    assert!(
        text.contains("        2: [\"alice\", \"bob\"],\n"),
        "one provenance entry a line: {text}"
    );
    assert_eq!(
        project.load_gold(&document).unwrap().annotations,
        gold.annotations
    );
}

#[test]
fn plain_gold_saves_keep_review_fields_and_mark_edits_by_hand() {
    let (_dir, mut project, document) = project_with("Iran’s minister rejected sanctions.");
    let schema = project.schema().clone();
    let mut gold = Gold::new(&document);
    let a = gold
        .annotations
        .add_span(&document, &schema, span(0, 4, "actor"))
        .unwrap();
    let b = gold
        .annotations
        .add_span(&document, &schema, span(7, 15, "actor"))
        .unwrap();
    gold.review.provenance.insert(a, vec![name("alice")]);
    gold.review.provenance.insert(b, vec![name("alice")]);
    project.save_gold_review(&gold, IfOnDisk::Anything).unwrap();

    // The window edits gold as plain annotations: relabels b, removes a, adds c.
    let mut plain = project.load_gold(&document).unwrap().annotations;
    plain.spans.iter_mut().find(|s| s.id == b).unwrap().label = "claim".into();
    plain.remove_span(a).unwrap();
    let c = plain
        .add_span(&document, &schema, span(16, 24, "stance"))
        .unwrap();
    project.save_gold(&plain, IfOnDisk::Anything).unwrap();
    let back = project.load_gold_review(&document).unwrap().gold;
    assert_eq!(back.annotations, plain);
    assert_eq!(back.review.provenance.keys().collect::<Vec<_>>(), [&b]);
    assert_eq!(back.review.by_hand.iter().collect::<Vec<_>>(), [&b, &c]);
    // The removed span's and the relabelled span's old places are overruled, and
    // that survives the file.
    let overruled: Vec<(usize, usize, &str)> = back
        .review
        .overruled
        .iter()
        .map(|o| (o.start.0, o.end.0, o.label.as_str()))
        .collect();
    assert_eq!(overruled, [(0, 4, "actor"), (7, 15, "actor")]);
}

#[test]
fn disagreements_notes_and_overruled_places_follow_a_changed_article_text() {
    let (_dir, mut project, document) =
        project_with("Iran rejected sanctions.\nThe minister spoke on Monday.");
    let mut gold = Gold::new(&document);
    let candidate = |start: usize, end: usize, label: &str, text: &str| Candidate {
        start: CharOffset(start),
        end: CharOffset(end),
        label: label.into(),
        text: text.into(),
        attributes: BTreeMap::new(),
        annotators: vec![name("alice")],
    };
    // "The minister" is 25..37, "minister" 29..37, "Monday" 47..53.
    gold.review.disagreements.push(Disagreement {
        kind: DisagreementKind::Edges,
        start: CharOffset(25),
        end: CharOffset(37),
        candidates: vec![
            candidate(25, 37, "actor", "The minister"),
            candidate(29, 37, "actor", "minister"),
        ],
        lacking: vec![],
        settled: Some(Resolution::Accepted(vec![1])),
    });
    gold.review.notes.push(ReviewNote {
        start: CharOffset(25),
        end: CharOffset(37),
        text: "the title is not the actor".into(),
    });
    let mut taken_out = Overruled::at(CharOffset(47), CharOffset(53), "actor");
    taken_out.text = "Monday".into();
    gold.review.overruled.insert(taken_out);
    project.save_gold_review(&gold, IfOnDisk::Anything).unwrap();
    // A checkout with core.autocrlf turns the article's "\n" into "\r\n".
    fs::write(
        project.text_path(document.id()),
        "Iran rejected sanctions.\r\nThe minister spoke on Monday.",
    )
    .unwrap();
    let changed = project.load_document(document.id()).unwrap();
    let review = project.load_gold_review(&changed).unwrap().gold.review;
    let disagreement = &review.disagreements[0];
    let places: Vec<(usize, usize)> = disagreement
        .candidates
        .iter()
        .map(|c| (c.start.0, c.end.0))
        .collect();
    assert_eq!(places, [(26, 38), (30, 38)]);
    assert_eq!((disagreement.start.0, disagreement.end.0), (26, 38));
    assert_eq!((review.notes[0].start.0, review.notes[0].end.0), (26, 38));
    let overruled: Vec<(usize, usize)> = review
        .overruled
        .iter()
        .map(|o| (o.start.0, o.end.0))
        .collect();
    assert_eq!(
        overruled,
        [(48, 54)],
        "a merge must not bring “Monday” back"
    );
}
