//! Adjudication on worked examples: decisions, undo, accept agreed, restore.

use super::*;
use crate::model::NewSpan;
use crate::review::align::tests::{TEXT, coded};
use crate::review::merge::merge;

fn name(n: &str) -> AnnotatorName {
    AnnotatorName::new(n).unwrap()
}

fn setup() -> (Document, Schema, Vec<Annotations>, Gold) {
    let d = Document::from_text(TEXT);
    let alice = coded(
        "alice",
        &[
            (0, 4, "actor", None),
            (36, 44, "stance", Some("oppose")),
            (45, 58, "claim", None),
        ],
    );
    let bob = coded(
        "bob",
        &[
            (0, 4, "actor", None),
            (36, 44, "stance", Some("support")),
            (45, 53, "claim", None),
        ],
    );
    let gold = merge(&d, &Schema::default(), &[&alice, &bob], None, 2).gold;
    (d, Schema::default(), vec![alice, bob], gold)
}

fn places(gold: &Gold) -> Vec<(usize, usize, &str, Option<&str>)> {
    gold.annotations
        .spans
        .iter()
        .map(|s| {
            (
                s.start.0,
                s.end.0,
                s.label.as_str(),
                s.attributes.get("polarity").map(String::as_str),
            )
        })
        .collect()
}

#[test]
fn accept_a_then_b_then_undo_all_the_way() {
    let (d, schema, _, mut gold) = setup();
    let start = gold.clone();
    assert_eq!(places(&gold), [(0, 4, "actor", None)]);
    assert_eq!(gold.open_disagreements().count(), 2);
    let mut history = GoldHistory::default();
    // Disagreement 0: the stance's polarity. Accept alice's.
    let edit = adjudicate(&gold, 0, &Decision::Annotator(name("alice")), &d, &schema).unwrap();
    history.apply(&mut gold, edit).unwrap();
    assert_eq!(places(&gold)[1], (36, 44, "stance", Some("oppose")));
    let stance = gold.annotations.spans[1].id;
    assert!(gold.review.by_hand.contains(&stance));
    assert_eq!(gold.review.provenance[&stance], [name("alice")]);
    assert_eq!(
        gold.review.disagreements[0].settled,
        Some(Resolution::Accepted(vec![0]))
    );
    // Change of mind: bob's. The same span takes bob's polarity.
    let edit = adjudicate(&gold, 0, &Decision::Annotator(name("bob")), &d, &schema).unwrap();
    history.apply(&mut gold, edit).unwrap();
    assert_eq!(places(&gold)[1], (36, 44, "stance", Some("support")));
    assert_eq!(gold.annotations.spans[1].id, stance);
    // Disagreement 1: claim edges; both go in.
    let edit = adjudicate(&gold, 1, &Decision::All, &d, &schema).unwrap();
    history.apply(&mut gold, edit).unwrap();
    assert_eq!(places(&gold).len(), 4);
    assert_eq!(gold.open_disagreements().count(), 0);
    while history.undo(&mut gold).unwrap() {}
    assert_eq!(gold, start);
    while history.redo(&mut gold).unwrap() {}
    assert_eq!(places(&gold).len(), 4);
}

#[test]
fn reject_takes_a_merged_version_out_and_a_later_merge_keeps_it_out() {
    let d = Document::from_text(TEXT);
    let schema = Schema::default();
    let alice = coded("alice", &[(45, 58, "claim", None)]);
    let bob = coded("bob", &[(45, 58, "claim", None)]);
    let carol = coded("carol", &[(45, 53, "claim", None)]);
    let all = [&alice, &bob, &carol];
    let mut gold = merge(&d, &schema, &all, None, 2).gold;
    assert_eq!(places(&gold), [(45, 58, "claim", None)]);
    let edit = adjudicate(&gold, 0, &Decision::Reject, &d, &schema).unwrap();
    edit.apply(&mut gold).unwrap();
    assert!(gold.annotations.spans.is_empty());
    assert!(gold.review.provenance.is_empty());
    let again = merge(&d, &schema, &all, Some(&gold), 2);
    assert!(again.gold.annotations.spans.is_empty());
    assert_eq!(again.settled, 1);
}

#[test]
fn clashing_choices_and_bad_indices_are_refused_with_the_document() {
    let (d, schema, _, gold) = setup();
    let err = adjudicate(&gold, 0, &Decision::All, &d, &schema).unwrap_err();
    assert_eq!(
        err.to_string(),
        "in document “d”, candidates 0 and 1 tag the same place with the same label and differ only in attributes; accept one of them"
    );
    let err = adjudicate(&gold, 7, &Decision::Reject, &d, &schema).unwrap_err();
    assert_eq!(
        err.to_string(),
        "document “d” has no disagreement number 7 (it has 2); reload the document's gold standard"
    );
}

#[test]
fn accept_agreed_edits_by_hand_and_notes_undo_too() {
    let (d, schema, coders, mut gold) = setup();
    let mut empty = Gold::new(&d);
    let refs: Vec<&Annotations> = coders.iter().collect();
    let edit = accept_agreed(&empty, &refs, &d, &schema).unwrap();
    edit.apply(&mut empty).unwrap();
    assert_eq!(places(&empty), [(0, 4, "actor", None)]);
    assert!(!empty.is_by_hand(empty.annotations.spans[0].id));
    // Taken out by the reviewer, it is not accepted again.
    let remove = GoldEdit::by_hand(Edit::RemoveSpan(empty.annotations.spans[0].id), &empty);
    remove.apply(&mut empty).unwrap();
    let again = accept_agreed(&empty, &refs, &d, &schema).unwrap();
    assert_eq!(again, GoldEdit::Group(Vec::new()));
    // Restoring it lifts the overrule and puts the agreed version back.
    let place = empty.review.overruled.iter().next().unwrap().clone();
    let before_restore = empty.clone();
    let undo = restore(&empty, &place, &refs, &d, &schema)
        .unwrap()
        .apply(&mut empty)
        .unwrap();
    assert_eq!(places(&empty), [(0, 4, "actor", None)]);
    assert!(empty.review.overruled.is_empty());
    assert_eq!(empty.review.provenance.len(), 1);
    undo.apply(&mut empty).unwrap();
    assert_eq!(empty, before_restore);

    // The reviewer tags their own claim for disagreement 1.
    let tag = Edit::tag(
        &gold.annotations,
        &d,
        &schema,
        NewSpan::new(CharOffset(45), CharOffset(73), "claim"),
    )
    .unwrap();
    let before = gold.clone();
    let mut history = GoldHistory::default();
    history
        .apply(&mut gold, GoldEdit::edited(1, tag, &before))
        .unwrap();
    let claim = gold
        .annotations
        .at_place(CharOffset(45), CharOffset(73), "claim")
        .unwrap()
        .id;
    assert!(gold.is_by_hand(claim));
    assert_eq!(
        gold.review.disagreements[1].settled,
        Some(Resolution::Edited)
    );
    let note = GoldEdit::Note {
        start: CharOffset(45),
        end: CharOffset(58),
        text: Some("the claim runs to “exports”".into()),
    };
    history.apply(&mut gold, note).unwrap();
    assert_eq!(gold.review.notes.len(), 1);
    history.undo(&mut gold).unwrap();
    history.undo(&mut gold).unwrap();
    assert_eq!(gold, before);
}
