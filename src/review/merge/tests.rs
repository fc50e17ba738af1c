//! Merge on worked examples: majorities, hand work, settled disagreements, overrules.

use super::*;
use crate::model::{DocumentId, Schema};
use crate::review::align::tests::{TEXT, coded};
use crate::review::{DisagreementKind, Resolution};

fn document() -> Document {
    Document::from_text(TEXT)
}

fn name(n: &str) -> AnnotatorName {
    AnnotatorName::new(n).unwrap()
}

fn places(gold: &Gold) -> Vec<(usize, usize, &str)> {
    gold.annotations
        .spans
        .iter()
        .map(|s| (s.start.0, s.end.0, s.label.as_str()))
        .collect()
}

fn three() -> [Annotations; 3] {
    let mut alice = coded(
        "alice",
        &[
            (0, 4, "actor", None),
            (15, 23, "actor", None),
            (36, 44, "stance", Some("oppose")),
            (45, 58, "claim", None),
        ],
    );
    let mut bob = coded(
        "bob",
        &[
            (0, 4, "actor", None),
            (15, 23, "actor", None),
            (36, 44, "stance", Some("oppose")),
            (45, 53, "claim", None),
        ],
    );
    let carol = coded(
        "carol",
        &[(0, 4, "actor", None), (36, 44, "stance", Some("support"))],
    );
    let schema = Schema::default();
    for a in [&mut alice, &mut bob] {
        // actor 0..4 —holds→ stance 36..44.
        let (actor, stance) = (a.spans[0].id, a.spans[2].id);
        a.add_link(&schema, actor, stance).unwrap();
    }
    [alice, bob, carol]
}

#[test]
fn min_two_of_three_accepts_majorities_and_lists_the_rest() {
    let [alice, bob, carol] = three();
    let merged = merge(
        &document(),
        &Schema::default(),
        &[&alice, &bob, &carol],
        None,
        2,
    );
    let gold = &merged.gold;
    assert_eq!(
        places(gold),
        [(0, 4, "actor"), (15, 23, "actor"), (36, 44, "stance")]
    );
    assert_eq!(merged.accepted, 3);
    assert_eq!(gold.annotations.spans[2].attributes["polarity"], "oppose");
    let who = |i: usize| gold.review.provenance[&gold.annotations.spans[i].id].clone();
    assert_eq!(who(0), [name("alice"), name("bob"), name("carol")]);
    assert_eq!(who(1), [name("alice"), name("bob")]);
    // The link two of three drew is accepted between the gold spans.
    assert_eq!(gold.annotations.links.len(), 1);
    assert_eq!(gold.annotations.links[0].label, "holds");
    // carol's polarity and the claims' edges are left to a reviewer; carol's
    // missing minister is settled by the majority.
    let kinds: Vec<DisagreementKind> = gold.review.disagreements.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [DisagreementKind::Attributes, DisagreementKind::Edges]
    );
    assert_eq!(merged.disagreements, 2);
    assert_eq!(gold.annotations.status, Status::InProgress);
    assert!(gold.review.by_hand.is_empty());
}

#[test]
fn min_three_accepts_only_what_everyone_made() {
    let [alice, bob, carol] = three();
    let merged = merge(
        &document(),
        &Schema::default(),
        &[&alice, &bob, &carol],
        None,
        3,
    );
    assert_eq!(places(&merged.gold), [(0, 4, "actor")]);
    assert_eq!(merged.disagreements, 3);
    assert!(
        merged.gold.annotations.links.is_empty(),
        "stance not in gold"
    );
    // min 1 takes everything but cannot take two polarities of one stance.
    let merged = merge(
        &document(),
        &Schema::default(),
        &[&alice, &bob, &carol],
        None,
        1,
    );
    assert_eq!(
        places(&merged.gold),
        [
            (0, 4, "actor"),
            (15, 23, "actor"),
            (45, 53, "claim"),
            (45, 58, "claim")
        ]
    );
    assert_eq!(merged.disagreements, 1);
    assert_eq!(
        merged.gold.review.disagreements[0].kind,
        DisagreementKind::Attributes
    );
}

#[test]
fn a_second_run_changes_nothing() {
    let [alice, bob, carol] = three();
    let all = [&alice, &bob, &carol];
    let first = merge(&document(), &Schema::default(), &all, None, 2);
    let second = merge(&document(), &Schema::default(), &all, Some(&first.gold), 2);
    assert_eq!(second.gold, first.gold);
}

#[test]
fn hand_adjudicated_spans_and_settled_disagreements_survive_a_merge() {
    let [alice, bob, carol] = three();
    let all = [&alice, &bob, &carol];
    let mut gold = merge(&document(), &Schema::default(), &all, None, 2).gold;
    // A reviewer made the stance “support” by hand and settled the claim disagreement
    // by rejecting both claims; they also noted something.
    let stance = gold.annotations.spans[2].id;
    gold.annotations.spans[2]
        .attributes
        .insert("polarity".into(), "support".into());
    gold.review.by_hand.insert(stance);
    gold.review.disagreements[1].settled = Some(Resolution::Rejected);
    gold.review.notes.push(crate::review::ReviewNote {
        start: CharOffset(45),
        end: CharOffset(58),
        text: "not a claim, a description".into(),
    });
    let again = merge(&document(), &Schema::default(), &all, Some(&gold), 2);
    let g = &again.gold;
    assert_eq!(
        g.annotations.span(stance).unwrap().attributes["polarity"],
        "support"
    );
    assert!(g.review.by_hand.contains(&stance));
    assert_eq!(g.review.provenance[&stance], [name("carol")]);
    assert_eq!(
        g.review.disagreements[1].settled,
        Some(Resolution::Rejected)
    );
    assert!(!places(g).contains(&(45, 58, "claim")));
    assert_eq!(g.review.notes, gold.review.notes);
    assert_eq!(
        (again.disagreements, again.settled, again.by_hand),
        (1, 1, 1)
    );
    // The link touching the hand-made stance is kept.
    assert_eq!(g.annotations.links.len(), 1);
    // A gold file made by hand before any merge (no provenance) is kept whole.
    let d = document();
    let mut plain = Gold::new(&d);
    plain.annotations.spans.push(Span {
        id: SpanId(1),
        start: CharOffset(24),
        end: CharOffset(35),
        label: "actor".into(),
        text: "Javad Zarif".into(),
        attributes: BTreeMap::new(),
        note: String::new(),
        anchor: None,
    });
    let merged = merge(&d, &Schema::default(), &all, Some(&plain), 2);
    assert!(places(&merged.gold).contains(&(24, 35, "actor")));
    assert!(merged.gold.review.by_hand.contains(&SpanId(1)));
    assert!(merged.gold.annotations.span(SpanId(1)).is_some());
    assert_ne!(merged.gold.annotations.spans[0].id, SpanId(1));
    assert_eq!(d.id(), &DocumentId::new("d").unwrap());
}

#[test]
fn spans_a_reviewer_took_out_or_relabelled_stay_out_of_later_merges() {
    use crate::model::Edit;
    use crate::review::GoldEdit;
    let [alice, bob, carol] = three();
    let all = [&alice, &bob, &carol];
    let mut gold = merge(&document(), &Schema::default(), &all, None, 2).gold;
    let minister = gold.annotations.spans[1].id; // (15, 23, "actor"), alice and bob
    let iran = gold.annotations.spans[0].id; // (0, 4, "actor"), everyone
    // The reviewer deletes one agreed span and makes another a claim.
    let remove = GoldEdit::by_hand(Edit::RemoveSpan(minister), &gold);
    let undo_remove = remove.apply(&mut gold).unwrap();
    let relabel = GoldEdit::by_hand(
        Edit::Relabel {
            id: iran,
            label: "claim".into(),
            attributes: BTreeMap::new(),
        },
        &gold,
    );
    relabel.apply(&mut gold).unwrap();
    assert_eq!(gold.review.overruled.len(), 2);

    let again = merge(&document(), &Schema::default(), &all, Some(&gold), 2);
    let p = places(&again.gold);
    assert!(!p.contains(&(15, 23, "actor")), "{p:?}");
    assert!(!p.contains(&(0, 4, "actor")), "{p:?}");
    assert!(
        p.contains(&(0, 4, "claim")),
        "the reviewer's label stays: {p:?}"
    );
    assert_eq!(again.overruled, 2);
    assert_eq!(again.gold.review.overruled, gold.review.overruled);
    // Twice is the same as once.
    let third = merge(&document(), &Schema::default(), &all, Some(&again.gold), 2);
    assert_eq!(third.gold, again.gold);

    // Undoing the removal lifts the overrule: the span is back, and merges keep it.
    let mut undone = gold.clone();
    undo_remove.apply(&mut undone).unwrap();
    assert_eq!(undone.review.overruled.len(), 1);
    let after_undo = merge(&document(), &Schema::default(), &all, Some(&undone), 2);
    assert!(places(&after_undo.gold).contains(&(15, 23, "actor")));
}

#[test]
fn a_span_relabelled_or_deleted_in_an_editor_stays_as_the_person_left_it() {
    let [alice, bob, carol] = three();
    let all = [&alice, &bob, &carol];
    let (d, schema) = (document(), Schema::default());
    let mut gold = merge(&d, &schema, &all, None, 2).gold;
    // What a person does to the file in a text editor: the spans change, the review
    // fields stay as the merge wrote them.
    let at = |gold: &Gold, start: usize| {
        gold.annotations
            .spans
            .iter()
            .position(|s| s.start.0 == start)
            .unwrap()
    };
    let minister = at(&gold, 15);
    gold.annotations.spans[minister].label = "claim".into();
    let stance = at(&gold, 36);
    gold.annotations.spans[stance]
        .attributes
        .insert("polarity".into(), "support".into());
    let iran = gold.annotations.spans.remove(at(&gold, 0));
    gold.annotations.links.retain(|l| l.from != iran.id);

    let again = merge(&d, &schema, &all, Some(&gold), 2);
    let p = places(&again.gold);
    assert!(p.contains(&(15, 23, "claim")), "the new label stays: {p:?}");
    assert!(
        !p.contains(&(15, 23, "actor")),
        "the old one is not back: {p:?}"
    );
    assert!(
        !p.iter().any(|&(s, _, _)| s == 0),
        "deleted stays deleted: {p:?}"
    );
    let kept = &again.gold.annotations.spans[at(&again.gold, 36)];
    assert_eq!(kept.attributes["polarity"], "support");
    assert!(again.gold.review.by_hand.contains(&kept.id));
    assert_eq!(again.overruled, 2, "iran and the minister as actor");
    let third = merge(&d, &schema, &all, Some(&again.gold), 2);
    assert_eq!(third.gold, again.gold, "twice is once");
}

#[test]
fn a_settled_disagreement_stays_settled_whoever_is_merged() {
    let [alice, bob, carol] = three();
    let (d, schema) = (document(), Schema::default());
    let mut gold = merge(&d, &schema, &[&alice, &bob, &carol], None, 2).gold;
    let edges = |gold: &Gold| {
        gold.review
            .disagreements
            .iter()
            .find(|c| c.kind == DisagreementKind::Edges)
            .cloned()
    };
    let claims = gold
        .review
        .disagreements
        .iter()
        .position(|c| c.kind == DisagreementKind::Edges)
        .unwrap();
    gold.review.disagreements[claims].settled = Some(Resolution::Rejected);
    let settled = gold.review.disagreements[claims].clone();
    let no_claim = |gold: &Gold| !places(gold).iter().any(|p| p.2 == "claim");

    // Without carol the two claims disagree again, now with nobody lacking them.
    let two = merge(&d, &schema, &[&alice, &bob], Some(&gold), 2);
    assert!(no_claim(&two.gold), "{:?}", places(&two.gold));
    assert_eq!(two.settled, 1);
    assert!(
        two.gold
            .open_disagreements()
            .all(|(_, c)| c.candidates.iter().all(|c| c.label != "claim"))
    );
    // alice alone with carol, taking every span one of them made: alice's claim was
    // rejected all the same.
    let other = merge(&d, &schema, &[&alice, &carol], Some(&two.gold), 1);
    assert!(no_claim(&other.gold), "{:?}", places(&other.gold));
    // All three again: the same disagreement, still settled.
    let back = merge(&d, &schema, &[&alice, &bob, &carol], Some(&other.gold), 2);
    assert_eq!(edges(&back.gold), Some(settled));
    assert!(no_claim(&back.gold));
}

#[test]
fn a_gold_span_id_of_u32_max_does_not_wrap_into_a_duplicate() {
    let [alice, bob, carol] = three();
    let d = document();
    let mut plain = Gold::new(&d);
    plain.annotations.spans.push(Span {
        id: SpanId(u32::MAX),
        start: CharOffset(24),
        end: CharOffset(35),
        label: "actor".into(),
        text: "Javad Zarif".into(),
        attributes: BTreeMap::new(),
        note: String::new(),
        anchor: None,
    });
    let merged = merge(
        &d,
        &Schema::default(),
        &[&alice, &bob, &carol],
        Some(&plain),
        2,
    );
    let spans = &merged.gold.annotations.spans;
    let ids: BTreeSet<u32> = spans.iter().map(|s| s.id.0).collect();
    assert_eq!(ids.len(), spans.len(), "no id twice: {ids:?}");
    assert!(!ids.contains(&0));
    assert_eq!(merged.accepted, 3);
    let hand = merged.gold.annotations.span(SpanId(u32::MAX)).unwrap();
    assert_eq!(hand.text, "Javad Zarif");
}

#[test]
fn gold_spans_that_cannot_be_placed_are_never_used_as_placed() {
    use crate::model::AnchorFlag;
    let [alice, bob, carol] = three();
    let all = [&alice, &bob, &carol];
    let (d, schema) = (document(), Schema::default());
    let mut gold = merge(&d, &schema, &all, None, 2).gold;
    // The article changed: a span made by hand and a merged one could not be placed
    // again (the store flags them so when it loads the file).
    let unplaced = Some(AnchorFlag::Unplaced { occurrences: 0 });
    let hand = gold.annotations.next_id();
    gold.annotations.spans.push(Span {
        id: hand,
        start: CharOffset(0),
        end: CharOffset(4),
        label: "actor".into(),
        text: "Iraq".into(),
        attributes: BTreeMap::new(),
        note: String::new(),
        anchor: unplaced.clone(),
    });
    gold.review.by_hand.insert(hand);
    let minister = gold.annotations.spans.iter_mut().find(|s| s.start.0 == 15);
    minister.unwrap().anchor = unplaced.clone();

    let again = merge(&d, &schema, &all, Some(&gold), 2);
    // The hand-made span is kept as it was, for a person to place, and counted.
    assert_eq!(again.kept_unusable, 1);
    let kept = again.gold.annotations.span(hand).unwrap();
    assert_eq!((kept.text.as_str(), &kept.anchor), ("Iraq", &unplaced));
    // Its old place does not count as the reviewer's: the annotators' Iran goes in.
    let iran = again
        .gold
        .annotations
        .at_place(CharOffset(0), CharOffset(4), "actor");
    assert!(
        again
            .gold
            .annotations
            .spans
            .iter()
            .any(|s| s.start.0 == 0 && s.text == "Iran" && s.anchor.is_none()),
        "{iran:?}"
    );
    // The merged one is made again from the annotators' work, placed.
    let minister: Vec<_> = again
        .gold
        .annotations
        .spans
        .iter()
        .filter(|s| s.start.0 == 15)
        .collect();
    assert_eq!(minister.len(), 1);
    assert_eq!(
        (minister[0].text.as_str(), &minister[0].anchor),
        ("minister", &None)
    );
    // Every span the merge wrote stands where it says.
    for s in &again.gold.annotations.spans {
        if s.anchor.is_none() {
            assert_eq!(d.slice(s.start, s.end), Some(s.text.as_str()));
        }
    }
}
