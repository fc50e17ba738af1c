//! Accepting, turning down and stepping through a string matcher's suggestions.

use super::*;
use crate::model::{AnnotatorName, CharOffset, History, Registry, Status};
use crate::suggest::{Example, Recommender, StringMatcher};

fn doc(id: &str, text: &str) -> Document {
    Document::with_id_for_tests(id, text)
}

/// A matcher that learnt “Dariush Kamali” (actor) and “sanctions” (claim) from
/// one story.
fn matcher(schema: &Schema) -> StringMatcher {
    let train = doc("a", "Dariush Kamali opposed sanctions.");
    let mut a = Annotations::new(&train, AnnotatorName::new("amal").unwrap());
    for (start, end, label) in [(0, 14, "actor"), (23, 32, "claim")] {
        a.add_span(
            &train,
            schema,
            NewSpan::new(CharOffset(start), CharOffset(end), label),
        )
        .unwrap();
    }
    let mut m = StringMatcher::new(schema, &Registry::default());
    m.train(&[Example {
        document: &train,
        annotations: std::slice::from_ref(&a),
    }]);
    m
}

fn offered(schema: &Schema, document: &Document, annotations: &Annotations) -> Offered {
    Offered::new(matcher(schema).suggest_new(document, annotations))
}

#[test]
fn accepting_tags_the_span_with_its_origin_and_undo_takes_it_back() {
    let schema = Schema::default();
    let d = doc("b", "New sanctions, said Dariush Kamali, would fail.");
    let mut a = Annotations::new(&d, AnnotatorName::new("jonas").unwrap());
    let mut offer = offered(&schema, &d, &a);
    let texts: Vec<&str> = offer.items().iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["sanctions", "Dariush Kamali"]);
    let first = offer.step(true).unwrap().clone();
    let mut history = History::default();
    let edit = accept(&first, &a, &d, &schema).unwrap();
    history.apply(&mut a, edit).unwrap();
    assert_eq!(a.spans.len(), 1);
    let span = &a.spans[0];
    assert_eq!(
        (span.text.as_str(), span.label.as_str()),
        ("sanctions", "claim")
    );
    assert_eq!(
        span.attributes.get(ORIGIN).map(String::as_str),
        Some("suggestion:strings")
    );
    assert_eq!(a.status, Status::InProgress);
    offer.forget_settled(&a);
    assert_eq!(offer.items().len(), 1);
    assert_eq!(
        offer.current().unwrap().text,
        "Dariush Kamali",
        "the look moves on"
    );
    assert!(history.undo(&mut a).unwrap());
    assert!(a.spans.is_empty() && a.status == Status::Todo);
}

#[test]
fn a_suggestion_turned_down_is_never_offered_there_again_until_undone() {
    let schema = Schema::default();
    let d = doc("b", "Dariush Kamali and sanctions.");
    let mut a = Annotations::new(&d, AnnotatorName::new("jonas").unwrap());
    let mut offer = offered(&schema, &d, &a);
    let kamali = offer.step(true).unwrap().clone();
    let mut history = History::default();
    history.apply(&mut a, reject(&kamali)).unwrap();
    assert!(a.is_rejected(kamali.start, kamali.end, "actor"));
    assert!(a.spans.is_empty());
    offer.forget_settled(&a);
    assert_eq!(offer.items().len(), 1);
    // Suggested afresh (the next time the document opens): not there.
    let again = offered(&schema, &d, &a);
    assert!(again.items().iter().all(|s| s.text != "Dariush Kamali"));
    assert!(history.undo(&mut a).unwrap());
    assert_eq!(offered(&schema, &d, &a).items().len(), 2);
}

#[test]
fn accept_all_above_a_score_is_one_step_of_undo() {
    let schema = Schema::default();
    // “sanctions” is tagged once where it occurs twice: score 0.5; the name 1.0.
    let train = doc("a", "Dariush Kamali opposed sanctions; sanctions hurt.");
    let mut t = Annotations::new(&train, AnnotatorName::new("amal").unwrap());
    for (start, end, label) in [(0, 14, "actor"), (23, 32, "claim")] {
        t.add_span(
            &train,
            &schema,
            NewSpan::new(CharOffset(start), CharOffset(end), label),
        )
        .unwrap();
    }
    let mut m = StringMatcher::new(&schema, &Registry::default());
    m.train(&[Example {
        document: &train,
        annotations: std::slice::from_ref(&t),
    }]);
    let d = doc("b", "Dariush Kamali and sanctions, Dariush Kamali again.");
    let mut a = Annotations::new(&d, AnnotatorName::new("jonas").unwrap());
    let items = m.suggest_new(&d, &a);
    assert_eq!(items.len(), 3);
    let (edit, accepted) = accept_all_above(&items, 0.9, &a, &d, &schema);
    assert_eq!(accepted, 2);
    let mut history = History::default();
    history.apply(&mut a, edit).unwrap();
    let tagged: Vec<&str> = a.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(tagged, ["Dariush Kamali", "Dariush Kamali"]);
    let (all, n) = accept_all_above(&items, 0.0, &a, &d, &schema);
    assert_eq!(n, 1, "those already tagged are passed over");
    history.apply(&mut a, all).unwrap();
    assert_eq!(a.spans.len(), 3);
    assert!(history.undo(&mut a).unwrap());
    assert!(history.undo(&mut a).unwrap());
    assert!(a.spans.is_empty());
}

#[test]
fn stepping_goes_round_and_nothing_offered_looks_at_nothing() {
    let schema = Schema::default();
    let d = doc("b", "sanctions, Dariush Kamali");
    let a = Annotations::new(&d, AnnotatorName::new("jonas").unwrap());
    let mut offer = offered(&schema, &d, &a);
    assert!(offer.current().is_none());
    assert_eq!(offer.step(false).unwrap().text, "Dariush Kamali");
    assert_eq!(offer.step(true).unwrap().text, "sanctions");
    assert_eq!(offer.step(true).unwrap().text, "Dariush Kamali");
    let mut empty = Offered::new(Vec::new());
    assert!(empty.step(true).is_none());
    empty.forget_settled(&a);
    assert!(empty.current().is_none());
}
