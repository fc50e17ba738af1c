//! Tests of `edit.rs`.

use super::*;
use crate::model::ids::AnnotatorName;
use crate::model::offsets::CharOffset;
use proptest::prelude::*;

const TEXT: &str = "Iran’s minister rejected new sanctions on oil exports.";

fn new(start: usize, end: usize, label: &str) -> NewSpan {
    NewSpan::new(CharOffset(start), CharOffset(end), label)
}

fn setup() -> (Document, Schema, Annotations, History) {
    let d = Document::from_text(TEXT);
    let a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
    (d, Schema::default(), a, History::default())
}

#[test]
fn links_go_the_way_the_schema_allows_whichever_span_was_picked_first() {
    let (d, schema, mut a, _) = setup();
    let actor = a.add_span(&d, &schema, new(0, 15, "actor")).unwrap();
    let stance = a.add_span(&d, &schema, new(16, 24, "stance")).unwrap();
    let claim = a.add_span(&d, &schema, new(25, 53, "claim")).unwrap();
    let edit = Edit::link_between(&a, &schema, stance, actor).unwrap();
    assert_eq!(
        edit,
        Edit::AddLink(Link {
            from: actor,
            to: stance,
            label: "holds".into()
        })
    );
    edit.apply(&mut a).unwrap();
    assert!(matches!(
        Edit::link_between(&a, &schema, actor, stance),
        Err(EditError::DuplicateLink { .. })
    ));
    let refused = Edit::link_between(&a, &schema, claim, actor).unwrap_err();
    assert!(
        matches!(&refused, EditError::LinkNotAllowed { from, to, .. } if from == "claim" && to == "actor"),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("holds"), "{refused}");
    assert!(Edit::link_between(&a, &schema, actor, actor).is_err());
}

#[test]
fn tag_undo_redo() {
    let (d, schema, mut a, mut h) = setup();
    let edit = Edit::tag(&a, &d, &schema, new(0, 4, "actor")).unwrap();
    h.apply(&mut a, edit).unwrap();
    assert_eq!(a.spans[0].text, "Iran");
    assert_eq!(a.status, Status::InProgress);
    assert!(h.undo(&mut a).unwrap());
    assert!(a.spans.is_empty());
    assert_eq!(a.status, Status::Todo);
    assert!(h.redo(&mut a).unwrap());
    assert_eq!(a.spans.len(), 1);
    assert!(!h.redo(&mut a).unwrap());
}

#[test]
fn delete_and_relabel_restore_links_and_attributes_on_undo() {
    let (d, schema, mut a, mut h) = setup();
    for n in [
        new(0, 15, "actor"),
        new(16, 24, "stance"),
        new(25, 53, "claim"),
    ] {
        let edit = Edit::tag(&a, &d, &schema, n).unwrap();
        h.apply(&mut a, edit).unwrap();
    }
    let ids: Vec<SpanId> = a.spans.iter().map(|s| s.id).collect();
    let polarity = Edit::set_attribute(&a, &schema, ids[1], "polarity", Some("oppose")).unwrap();
    h.apply(&mut a, polarity).unwrap();
    for (from, to) in [(ids[0], ids[1]), (ids[1], ids[2])] {
        let link = Edit::link(&a, &schema, from, to).unwrap();
        h.apply(&mut a, link).unwrap();
    }
    let full = a.clone();

    // Turning the stance into a claim drops its polarity and both links.
    let relabel = Edit::relabel(&a, &d, &schema, ids[1], "claim").unwrap();
    h.apply(&mut a, relabel).unwrap();
    assert!(a.links.is_empty());
    assert!(a.span(ids[1]).unwrap().attributes.is_empty());
    h.undo(&mut a).unwrap();
    assert_eq!(a, full);

    h.apply(&mut a, Edit::RemoveSpan(ids[1])).unwrap();
    assert!(a.links.is_empty());
    h.undo(&mut a).unwrap();
    assert_eq!(a, full);
}

#[test]
fn bad_edits_are_refused_when_made() {
    let (d, schema, mut a, mut h) = setup();
    let edit = Edit::tag(&a, &d, &schema, new(0, 4, "actor")).unwrap();
    h.apply(&mut a, edit).unwrap();
    let id = a.spans[0].id;
    assert!(matches!(
        Edit::tag(&a, &d, &schema, new(0, 4, "actor")),
        Err(EditError::Duplicate { .. })
    ));
    assert!(matches!(
        Edit::set_attribute(&a, &schema, id, "polarity", Some("oppose")),
        Err(EditError::UnknownAttribute { .. })
    ));
    assert!(matches!(
        Edit::relabel(&a, &d, &schema, id, "speaker"),
        Err(EditError::UnknownLabel { .. })
    ));
    assert!(matches!(
        Edit::link(&a, &schema, id, id),
        Err(EditError::LinkNotAllowed { .. })
    ));
}

proptest! {
    /// Any sequence of edits, undone completely, gives back the start; redone
    /// completely, gives back the end.
    #[test]
    fn undo_all_and_redo_all(ops in proptest::collection::vec((0usize..6, 0usize..55, 1usize..12, 0usize..3), 1..40)) {
        let (d, schema, mut a, mut h) = setup();
        let start = a.clone();
        let labels = ["actor", "stance", "claim"];
        for (kind, at, len, l) in ops {
            let ids: Vec<SpanId> = a.spans.iter().map(|s| s.id).collect();
            let pick = ids.get(at % ids.len().max(1)).copied();
            let edit = match (kind, pick) {
                (0 | 1, _) | (_, None) => Edit::tag(&a, &d, &schema, new(at, at + len, labels[l])),
                (2, Some(id)) => Ok(Edit::RemoveSpan(id)),
                (3, Some(id)) => Edit::relabel(&a, &d, &schema, id, labels[l]),
                (4, Some(id)) => Ok(Edit::SetNote { id, note: format!("n{at}") }),
                (_, Some(id)) => Edit::link(&a, &schema, id, ids[len % ids.len()]),
            };
            if let Ok(edit) = edit {
                h.apply(&mut a, edit).unwrap();
            }
            prop_assert!(a.check(&d, &schema).is_empty(), "{:?}", a.check(&d, &schema));
        }
        let end = a.clone();
        while h.undo(&mut a).unwrap() {}
        prop_assert_eq!(&a, &start);
        while h.redo(&mut a).unwrap() {}
        prop_assert_eq!(&a, &end);
    }
}
