//! Tests of `reapply.rs`.

use super::*;
use crate::model::annotations::{NewSpan, Status};
use crate::model::document::Document;
use crate::model::ids::AnnotatorName;
use crate::model::schema::Schema;
use proptest::prelude::*;

const TEXT: &str = "Iran’s minister rejected new sanctions on oil exports.";

fn new(start: usize, end: usize, label: &str) -> NewSpan {
    NewSpan::new(CharOffset(start), CharOffset(end), label)
}

/// The file both windows loaded: the actor “Iran’s minister”.
fn base() -> (Document, Schema, Annotations) {
    let d = Document::from_text(TEXT);
    let schema = Schema::default();
    let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
    a.add_span(&d, &schema, new(0, 15, "actor")).unwrap();
    (d, schema, a)
}

/// Applies `edit` to `a` and returns it, as the window records it.
fn made(a: &mut Annotations, edit: Edit) -> Edit {
    edit.clone().apply(a).unwrap();
    edit
}

fn texts(a: &Annotations) -> Vec<(&str, &str)> {
    a.spans
        .iter()
        .map(|s| (s.text.as_str(), s.label.as_str()))
        .collect()
}

#[test]
fn both_windows_new_spans_are_kept_though_they_got_the_same_id() {
    let (d, schema, base) = base();
    // Window 1 tags the stance and saves (their version); window 2 tags the claim.
    let mut theirs = base.clone();
    theirs.add_span(&d, &schema, new(16, 24, "stance")).unwrap();
    let mut mine = base.clone();
    let tag = Edit::tag(&mine, &d, &schema, new(25, 53, "claim")).unwrap();
    let claim = mine.next_id();
    let tag = made(&mut mine, tag);
    let link_to = theirs.spans[0].id;
    // And links it to the actor, and writes a note on it.
    let link = made(
        &mut mine,
        Edit::AddLink(Link {
            from: link_to,
            to: claim,
            label: "about".into(),
        }),
    );
    let note = made(
        &mut mine,
        Edit::SetNote {
            id: claim,
            note: "check the wire".into(),
        },
    );
    assert_eq!(claim, theirs.spans[1].id, "both versions gave id 2");

    let out = reapply(vec![tag, link, note], &mut theirs, &mine, &HashMap::new());
    assert!(out.not_applied.is_empty(), "{:?}", out.not_applied);
    assert_eq!(
        texts(&theirs),
        [
            ("Iran’s minister", "actor"),
            ("rejected", "stance"),
            ("new sanctions on oil exports", "claim")
        ]
    );
    let claim_there = theirs.spans.iter().find(|s| s.label == "claim").unwrap();
    assert_ne!(claim_there.id, claim, "a fresh id, not the stance's");
    assert_eq!(claim_there.note, "check the wire");
    assert_eq!(theirs.links.len(), 1);
    assert_eq!(theirs.links[0].to, claim_there.id);
    assert_eq!(theirs.status, Status::InProgress);
    // What was applied, replayed on their version again, is what a second merge
    // would start from: the ids there.
    assert!(
        out.applied
            .iter()
            .any(|e| matches!(e, Edit::SetNote { id, .. } if *id == claim_there.id))
    );
}

#[test]
fn an_edit_on_a_span_they_deleted_is_listed_and_a_span_both_tagged_is_one() {
    let (d, schema, base) = base();
    let actor = base.spans[0].id;
    let mut theirs = base.clone();
    theirs.remove_span(actor).unwrap();
    theirs.add_span(&d, &schema, new(16, 24, "stance")).unwrap();

    let mut mine = base.clone();
    let note = made(
        &mut mine,
        Edit::SetNote {
            id: actor,
            note: "the deputy minister?".into(),
        },
    );
    let tag = Edit::tag(&mine, &d, &schema, new(16, 24, "stance")).unwrap();
    let tag = made(&mut mine, tag);
    let out = reapply(vec![note, tag], &mut theirs, &mine, &HashMap::new());
    assert_eq!(out.not_applied.len(), 1, "{:?}", out.not_applied);
    assert!(
        out.not_applied[0].contains("“Iran’s minister” (actor)")
            && out.not_applied[0].contains("no longer in their version"),
        "{}",
        out.not_applied[0]
    );
    assert_eq!(out.already, 1, "the stance both tagged");
    assert_eq!(texts(&theirs), [("rejected", "stance")]);
}

#[test]
fn an_id_they_gave_to_another_span_is_never_taken_for_mine() {
    // They deleted the actor and tagged a claim, which got the actor's old id (the
    // highest was freed). My note on the actor must not land on their claim.
    let (d, schema, base) = base();
    let actor = base.spans[0].id;
    let mut theirs = base.clone();
    theirs.remove_span(actor).unwrap();
    let claim = theirs.add_span(&d, &schema, new(25, 53, "claim")).unwrap();
    assert_eq!(claim, actor);

    let mut mine = base.clone();
    let note = made(
        &mut mine,
        Edit::SetNote {
            id: actor,
            note: "mine".into(),
        },
    );
    let mut removed = HashMap::new();
    removed.insert(actor, (base.spans[0].start, base.spans[0].end));
    let delete = made(&mut mine, Edit::RemoveSpan(actor));
    let out = reapply(vec![note, delete], &mut theirs, &mine, &removed);
    assert_eq!(texts(&theirs), [("new sanctions on oil exports", "claim")]);
    assert!(theirs.spans[0].note.is_empty());
    assert_eq!(out.not_applied.len(), 1, "{:?}", out.not_applied);
    assert_eq!(out.already, 1, "the delete: gone there already");
}

#[test]
fn an_undone_tag_leaves_nothing_and_a_restored_delete_brings_its_links() {
    let (d, schema, mut base) = base();
    let stance = base.add_span(&d, &schema, new(16, 24, "stance")).unwrap();
    let actor = base.spans[0].id;
    Edit::link(&base, &schema, actor, stance)
        .unwrap()
        .apply(&mut base)
        .unwrap();
    let mut theirs = base.clone();
    theirs.status = Status::Done;

    let mut mine = base.clone();
    let mut history = crate::model::History::default();
    let mut edits = Vec::new();
    let tag = Edit::tag(&mine, &d, &schema, new(25, 53, "claim")).unwrap();
    history.apply(&mut mine, tag.clone()).unwrap();
    edits.push(tag);
    edits.extend(history.undo_edit(&mut mine).unwrap());
    history.apply(&mut mine, Edit::RemoveSpan(stance)).unwrap();
    edits.push(Edit::RemoveSpan(stance));
    edits.extend(history.undo_edit(&mut mine).unwrap());
    assert_eq!(mine, base);

    let before = theirs.clone();
    let out = reapply(edits, &mut theirs, &mine, &HashMap::new());
    assert!(out.not_applied.is_empty(), "{:?}", out.not_applied);
    assert_eq!(theirs, before, "back where it was, with their status");
}

#[test]
fn my_span_they_relabelled_stays_one_span_with_their_label() {
    // I tagged an actor and saved; a colleague relabelled it a claim in that file.
    let (d, schema, base) = base();
    let mut mine = base.clone();
    let tag = Edit::tag(&mine, &d, &schema, new(16, 24, "stance")).unwrap();
    let stance = mine.next_id();
    let tag = made(&mut mine, tag);
    let mut theirs = mine.clone();
    let relabel = Edit::relabel(&theirs, &d, &schema, stance, "claim").unwrap();
    relabel.apply(&mut theirs).unwrap();
    let before = theirs.clone();

    let out = reapply(vec![tag], &mut theirs, &mine, &HashMap::new());
    assert!(out.not_applied.is_empty(), "{:?}", out.not_applied);
    assert_eq!(out.already, 1);
    assert_eq!(theirs, before, "no second span beside theirs");
}

proptest! {
    /// Replayed on the very version they were made on, my edits give my version:
    /// the merge of an unchanged file is a plain save.
    #[test]
    fn replayed_on_the_base_my_edits_give_mine(
        places in proptest::collection::vec((0usize..50, 1usize..8, 0usize..3), 0..12),
        deletes in proptest::collection::vec(any::<bool>(), 0..12),
    ) {
        let (d, schema, base) = base();
        let mut mine = base.clone();
        let mut edits = Vec::new();
        let mut removed = HashMap::new();
        let labels = ["actor", "stance", "claim"];
        for (start, len, label) in places {
            let end = (start + len).min(TEXT.chars().count());
            if let Ok(edit) = Edit::tag(&mine, &d, &schema, new(start, end, labels[label])) {
                edits.push(made(&mut mine, edit));
            }
        }
        for (span, delete) in mine.spans.clone().iter().zip(deletes) {
            if delete {
                removed.entry(span.id).or_insert((span.start, span.end));
                edits.push(made(&mut mine, Edit::RemoveSpan(span.id)));
            }
        }
        let mut theirs = base.clone();
        let out = reapply(edits, &mut theirs, &mine, &removed);
        prop_assert!(out.not_applied.is_empty(), "{:?}", out.not_applied);
        prop_assert_eq!(theirs, mine);
    }
}
