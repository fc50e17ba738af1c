//! Tests of `editing.rs`: what each key does to the annotations, without a window.

use super::*;
use crate::model::Status;
use crate::session::test_projects::{name, project_with, review_project};
use crate::store::gold::Resolution;
use std::time::Duration;

const STORY: &str = "Iran’s minister rejected the sanctions.\n";
const OTHER: &str = "Oman’s envoy welcomed the talks.\n";
/// “Iran”, “rejected”, “the sanctions” in [`STORY`], in chars.
const IRAN: (usize, usize) = (0, 4);
const REJECTED: (usize, usize) = (16, 24);
const SANCTIONS: (usize, usize) = (25, 38);

/// A workspace on [`STORY`] and [`OTHER`], the story open, and an editor.
fn editing() -> (tempfile::TempDir, Workspace, Editor, Vec<DocumentId>) {
    let (dir, ids) = project_with(&[STORY, OTHER]);
    let mut ws = Workspace::open(&dir.path().join("p"), name("ann"), None).unwrap();
    ws.set_debounce(Duration::ZERO);
    ws.select(&ids[0]).unwrap();
    let mut editor = Editor::default();
    editor.follow(Some(&ws));
    (dir, ws, editor, ids)
}

fn select(editor: &mut Editor, (start, end): (usize, usize)) {
    editor
        .selection_mut()
        .select_text(Some((CharOffset(start), CharOffset(end))));
}

fn tag(editor: &mut Editor, ws: &mut Workspace, place: (usize, usize), label: &str) -> SpanId {
    select(editor, place);
    match editor.tag(ws, label) {
        Outcome::Tagged(id) => id,
        other => panic!("not tagged: {other:?}"),
    }
}

fn spans(ws: &Workspace) -> Vec<(String, String)> {
    let annotations = ws.shown_annotations().unwrap();
    annotations
        .spans
        .iter()
        .map(|s| (s.label.clone(), s.text.clone()))
        .collect()
}

#[test]
fn a_label_key_tags_the_selected_text_and_the_new_span_is_selected() {
    let (_dir, mut ws, mut editor, ids) = editing();
    let id = tag(&mut editor, &mut ws, IRAN, "actor");
    assert_eq!(spans(&ws), [("actor".into(), "Iran".into())]);
    assert_eq!(editor.selection().span(), Some(id));
    assert_eq!(editor.selection().text(), None);
    assert!(editor.offer().is_none(), "nothing was tagged before it");

    ws.flush(Duration::from_secs(10));
    let path = ws.project().annotation_path(ws.annotator(), &ids[0]);
    let on_disk = std::fs::read_to_string(path).unwrap();
    assert!(on_disk.contains("text: \"Iran\""), "{on_disk}");
}

#[test]
fn with_nothing_selected_a_label_key_says_to_select_text() {
    let (_dir, mut ws, mut editor, _) = editing();
    assert_eq!(
        editor.tag(&mut ws, "actor"),
        Outcome::Refused(Refusal::NoText)
    );
    assert_eq!(
        editor.cycle(&mut ws),
        Outcome::Refused(Refusal::NoSpan(NeedsSpan::Relabel))
    );
    assert_eq!(
        editor.start_link(),
        Outcome::Refused(Refusal::NoSpan(NeedsSpan::Link))
    );
    assert_eq!(
        editor.set_polarity(&mut ws, "oppose"),
        Outcome::Refused(Refusal::NoSpan(NeedsSpan::Polarity))
    );
    assert_eq!(
        editor.step_span(&ws, true),
        Outcome::Refused(Refusal::NoSpans)
    );
    assert_eq!(editor.delete(&mut ws), Outcome::Nothing);
    assert!(spans(&ws).is_empty());
}

#[test]
fn a_label_key_on_a_selected_span_relabels_it_and_cycling_walks_the_schema() {
    let (_dir, mut ws, mut editor, _) = editing();
    let id = tag(&mut editor, &mut ws, REJECTED, "actor");
    assert_eq!(editor.tag(&mut ws, "stance"), Outcome::Relabelled(id));
    assert_eq!(spans(&ws), [("stance".into(), "rejected".into())]);
    // actor, stance, claim, then round again.
    assert_eq!(editor.cycle(&mut ws), Outcome::Relabelled(id));
    assert_eq!(spans(&ws)[0].0, "claim");
    assert_eq!(editor.cycle(&mut ws), Outcome::Relabelled(id));
    assert_eq!(spans(&ws)[0].0, "actor");
}

#[test]
fn an_actor_then_its_stance_offers_the_holds_link_and_accepting_makes_it() {
    let (_dir, mut ws, mut editor, _) = editing();
    let actor = tag(&mut editor, &mut ws, IRAN, "actor");
    let stance = tag(&mut editor, &mut ws, REJECTED, "stance");
    let offer = editor.offer().cloned().unwrap();
    assert_eq!((offer.first, offer.second), (actor, stance));
    assert_eq!(offer.text, "“Iran” —holds→ “rejected”");

    let outcome = editor.accept_offer(&mut ws);
    assert_eq!(outcome, Outcome::Linked(Some(offer.text)));
    let links = &ws.shown_annotations().unwrap().links;
    assert_eq!(links.len(), 1);
    assert_eq!((links[0].from, links[0].to), (actor, stance));
    assert!(editor.offer().is_none());
    assert_eq!(editor.accept_offer(&mut ws), Outcome::Nothing);

    // A stance then its claim: the offer is “about”, and declining leaves no link.
    tag(&mut editor, &mut ws, SANCTIONS, "claim");
    assert_eq!(
        editor.offer().map(|o| o.text.as_str()),
        Some("“rejected” —about→ “the sanctions”")
    );
    editor.cancel_linking();
    assert!(editor.offer().is_none());
    assert_eq!(ws.shown_annotations().unwrap().links.len(), 1);
}

#[test]
fn two_actors_in_a_row_offer_nothing() {
    let (_dir, mut ws, mut editor, _) = editing();
    tag(&mut editor, &mut ws, IRAN, "actor");
    tag(&mut editor, &mut ws, SANCTIONS, "actor");
    assert!(
        editor.offer().is_none(),
        "the schema links no actor to an actor"
    );
}

#[test]
fn a_link_started_from_a_span_ends_on_the_span_clicked_next() {
    let (_dir, mut ws, mut editor, _) = editing();
    let stance = tag(&mut editor, &mut ws, REJECTED, "stance");
    let actor = tag(&mut editor, &mut ws, IRAN, "actor");
    editor.selection_mut().select_span(Some(stance));
    assert_eq!(editor.start_link(), Outcome::Linking(stance));
    assert_eq!(editor.linking(), Some(stance));
    assert!(editor.offer().is_none(), "starting a link drops the offer");

    // Clicked in either order: the link goes the way the schema allows.
    let outcome = editor.click_span(&mut ws, actor);
    assert_eq!(
        outcome,
        Outcome::Linked(Some("“Iran” —holds→ “rejected”".into()))
    );
    assert_eq!(editor.linking(), None);
    assert_eq!(editor.selection().span(), Some(actor));
    let link = ws.shown_annotations().unwrap().links[0].clone();
    assert_eq!((link.from, link.to), (actor, stance));

    // A link started and ended on the same span makes none.
    editor.start_link();
    assert_eq!(
        editor.click_span(&mut ws, actor),
        Outcome::Selected { reveal: None }
    );
    assert_eq!(ws.shown_annotations().unwrap().links.len(), 1);
}

#[test]
fn a_link_the_schema_does_not_have_is_refused_in_a_sentence() {
    let (_dir, mut ws, mut editor, _) = editing();
    let first = tag(&mut editor, &mut ws, IRAN, "actor");
    let second = tag(&mut editor, &mut ws, SANCTIONS, "actor");
    match editor.link(&mut ws, first, second) {
        Outcome::Failed(message) => assert!(message.contains("actor"), "{message}"),
        other => panic!("linked two actors: {other:?}"),
    }
    assert!(ws.shown_annotations().unwrap().links.is_empty());
}

#[test]
fn tab_steps_through_spans_in_order_and_wraps() {
    let (_dir, mut ws, mut editor, _) = editing();
    let claim = tag(&mut editor, &mut ws, SANCTIONS, "claim");
    let actor = tag(&mut editor, &mut ws, IRAN, "actor");
    let stance = tag(&mut editor, &mut ws, REJECTED, "stance");
    let mut order = Vec::new();
    for _ in 0..4 {
        let Outcome::Selected { reveal } = editor.step_span(&ws, true) else {
            panic!("no step");
        };
        order.push((editor.selection().span().unwrap(), reveal.unwrap().0));
    }
    assert_eq!(
        order,
        [(claim, 25), (actor, 0), (stance, 16), (claim, 25)],
        "from the stance tagged last, on through the text, round again"
    );
    editor.step_span(&ws, false);
    assert_eq!(editor.selection().span(), Some(stance));

    // From selected text, Tab goes to the first span at or after it.
    select(&mut editor, (5, 8));
    editor.step_span(&ws, true);
    assert_eq!(editor.selection().span(), Some(stance));
}

#[test]
fn delete_takes_the_link_then_the_span_and_undo_brings_them_back() {
    let (_dir, mut ws, mut editor, _) = editing();
    let actor = tag(&mut editor, &mut ws, IRAN, "actor");
    tag(&mut editor, &mut ws, REJECTED, "stance");
    editor.accept_offer(&mut ws);
    let link = ws.shown_annotations().unwrap().links[0].clone();

    assert_eq!(
        editor.select_link(&ws, link),
        Outcome::Selected {
            reveal: Some(CharOffset(0))
        }
    );
    assert_eq!(editor.delete(&mut ws), Outcome::Edited);
    assert!(ws.shown_annotations().unwrap().links.is_empty());
    assert_eq!(editor.selection(), &Selection::default());

    editor.selection_mut().select_span(Some(actor));
    assert_eq!(editor.delete(&mut ws), Outcome::Edited);
    assert_eq!(spans(&ws), [("stance".into(), "rejected".into())]);

    assert_eq!(editor.undo_redo(&mut ws, true), Outcome::Edited);
    assert_eq!(spans(&ws).len(), 2);
    assert_eq!(editor.undo_redo(&mut ws, true), Outcome::Edited);
    assert_eq!(ws.shown_annotations().unwrap().links.len(), 1);
    assert_eq!(editor.undo_redo(&mut ws, false), Outcome::Edited);
    assert!(ws.shown_annotations().unwrap().links.is_empty());
    // Left to undo: the link deleted again, the link, two tags.
    for _ in 0..4 {
        assert_eq!(editor.undo_redo(&mut ws, true), Outcome::Edited);
    }
    assert!(spans(&ws).is_empty());
    assert_eq!(
        editor.undo_redo(&mut ws, true),
        Outcome::Refused(Refusal::NothingToUndo)
    );
}

#[test]
fn undo_forgets_a_selected_span_it_takes_away() {
    let (_dir, mut ws, mut editor, _) = editing();
    let id = tag(&mut editor, &mut ws, IRAN, "actor");
    assert_eq!(editor.selection().span(), Some(id));
    editor.undo_redo(&mut ws, true);
    assert_eq!(editor.selection().span(), None, "the span is gone");
    assert_eq!(
        editor.undo_redo(&mut ws, false),
        Outcome::Edited,
        "and comes back"
    );
    assert_eq!(
        editor.undo_redo(&mut ws, false),
        Outcome::Refused(Refusal::NothingToRedo)
    );
}

#[test]
fn polarity_is_set_on_the_selected_stance() {
    let (_dir, mut ws, mut editor, _) = editing();
    tag(&mut editor, &mut ws, REJECTED, "stance");
    assert_eq!(editor.set_polarity(&mut ws, "oppose"), Outcome::Edited);
    let span = &ws.shown_annotations().unwrap().spans[0];
    assert_eq!(
        span.attributes.get(POLARITY).map(String::as_str),
        Some("oppose")
    );
}

#[test]
fn esc_drops_the_link_being_made_and_the_selection() {
    let (_dir, mut ws, mut editor, _) = editing();
    tag(&mut editor, &mut ws, IRAN, "actor");
    editor.start_link();
    assert!(!editor.escape(), "a span was selected, not text");
    assert_eq!(editor.linking(), None);
    assert_eq!(editor.selection().span(), None);
    select(&mut editor, IRAN);
    assert!(editor.escape(), "text was selected");
}

#[test]
fn another_document_in_view_keeps_nothing_of_the_last_one() {
    let (_dir, mut ws, mut editor, ids) = editing();
    tag(&mut editor, &mut ws, IRAN, "actor");
    ws.select(&ids[1]).unwrap();
    editor.follow(Some(&ws));
    assert_eq!(editor.selection(), &Selection::default());
    // “Oman” right after “Iran” in the other story is no pair to link.
    tag(&mut editor, &mut ws, (13, 21), "stance");
    assert!(editor.offer().is_none(), "{:?}", editor.offer());
    assert_eq!(spans(&ws), [("stance".into(), "welcomed".into())]);
    // Back: the first story kept its span, and nothing is selected.
    ws.select(&ids[0]).unwrap();
    editor.follow(Some(&ws));
    assert_eq!(spans(&ws), [("actor".into(), "Iran".into())]);
    assert_eq!(editor.selection().span(), None);
}

#[test]
fn marking_done_is_an_edit_like_any_other() {
    let (_dir, mut ws, mut editor, _) = editing();
    let outcome = editor.edit(&mut ws, |_, _, _| {
        Ok::<_, EditError>(Edit::SetStatus(Status::Done))
    });
    assert_eq!(outcome, Outcome::Edited);
    assert_eq!(ws.shown_annotations().unwrap().status, Status::Done);
}

#[test]
fn in_review_the_reviewers_own_version_of_a_disagreement_settles_it_as_edited() {
    let (_dir, mut ws) = review_project();
    let id = DocumentId::new("harbour-strike-talks").unwrap();
    ws.start_review(&id, &[name("alice"), name("bob")]).unwrap();
    let mut editor = Editor::default();
    editor.follow(Some(&ws));
    // bob tagged “union leader Samir Haddad”, alice “Samir Haddad”.
    let Outcome::EditingDisagreement { text } = editor.edit_disagreement(&ws) else {
        panic!("no disagreement to edit");
    };
    let review = ws.review().unwrap();
    let document = review.document();
    assert_eq!(editor.selection().text(), Some(text));
    let chosen: String = document
        .text()
        .chars()
        .skip(text.0.0)
        .take(text.1.0 - text.0.0)
        .collect();
    assert_eq!(chosen, "union leader Samir Haddad", "the widest of the two");

    // The reviewer takes only “leader Samir Haddad”.
    let start = CharOffset(text.0.0 + "union ".len());
    editor.selection_mut().select_text(Some((start, text.1)));
    assert!(matches!(editor.tag(&mut ws, "actor"), Outcome::Tagged(_)));
    let gold = ws.review().unwrap().gold();
    assert_eq!(gold.annotations.spans.len(), 1);
    assert_eq!(gold.annotations.spans[0].text, "leader Samir Haddad");
    assert_eq!(
        gold.review.disagreements[0].settled,
        Some(Resolution::Edited)
    );
    assert!(
        ws.current()
            .is_none_or(|o| o.annotations().spans.is_empty()),
        "the lead's own file is not touched in review"
    );

    // The next tag is a plain edit of gold, not another version of it.
    select(&mut editor, (0, 4));
    assert!(matches!(editor.tag(&mut ws, "actor"), Outcome::Tagged(_)));
    assert_eq!(ws.review().unwrap().gold().annotations.spans.len(), 2);
}

#[test]
fn edit_needs_a_disagreement_chosen_and_review_mode() {
    let (_dir, mut ws) = review_project();
    assert_eq!(
        Editor::default().edit_disagreement(&ws),
        Outcome::Nothing,
        "outside review mode"
    );
    // A document alice and bob tagged alike has no disagreement to choose.
    let ids: Vec<DocumentId> = ws.project().articles().map(|a| a.id.clone()).collect();
    let alike = ids.iter().find(|id| {
        ws.start_review(id, &[name("alice"), name("bob")]).is_ok()
            && ws.review().is_some_and(|r| r.disagreements().is_empty())
    });
    assert!(
        alike.is_some(),
        "the review fixtures have a document tagged alike"
    );
    assert_eq!(ws.review().unwrap().current(), None);
    assert_eq!(
        Editor::default().edit_disagreement(&ws),
        Outcome::Refused(Refusal::NoDisagreement)
    );
}

#[test]
fn a_span_taken_away_by_anything_but_the_editor_is_no_longer_selected() {
    let (_dir, mut ws, mut editor, _) = editing();
    let id = tag(&mut editor, &mut ws, IRAN, "actor");
    editor.follow(Some(&ws));
    assert_eq!(editor.selection().span(), Some(id));
    // Another path than the editor's (a file read again, a merge) changes the
    // annotations: the next frame's follow notices by the version.
    ws.edit(|_, _| Ok::<_, EditError>(Edit::RemoveSpan(id)))
        .unwrap();
    assert_eq!(editor.selection().span(), Some(id), "not yet looked");
    editor.follow(Some(&ws));
    assert_eq!(editor.selection().span(), None);
    assert_eq!(
        editor.delete(&mut ws),
        Outcome::Nothing,
        "Delete has nothing to act on"
    );
}
