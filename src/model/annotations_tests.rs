//! Tests of `annotations.rs`.

use super::*;
use proptest::prelude::*;

fn doc(text: &str) -> Document {
    Document::from_text(text)
}

fn new(start: usize, end: usize, label: &str) -> NewSpan {
    NewSpan::new(CharOffset(start), CharOffset(end), label)
}

fn alice() -> AnnotatorName {
    AnnotatorName::new("alice").unwrap()
}

#[test]
fn overlap_and_nesting_are_allowed_duplicates_are_not() {
    let d = doc("Iran’s foreign minister rejected new sanctions.");
    let schema = Schema::default();
    let mut a = Annotations::new(&d, alice());
    let claim = a.add_span(&d, &schema, new(0, 46, "claim")).unwrap();
    let actor = a.add_span(&d, &schema, new(0, 4, "actor")).unwrap();
    a.add_span(&d, &schema, new(0, 4, "claim")).unwrap();
    assert_eq!(a.span(actor).unwrap().text, "Iran");
    assert_eq!(a.status, Status::InProgress);
    let err = a.add_span(&d, &schema, new(0, 4, "actor")).unwrap_err();
    assert_eq!(err.to_string(), "span 2 already tags 0..4 as “actor”");
    assert_eq!(
        a.spans.iter().map(|s| s.id).collect::<Vec<_>>(),
        [actor, SpanId(3), claim]
    );
    assert!(a.check(&d, &schema).is_empty());
}

#[test]
fn a_span_id_of_u32_max_does_not_wrap_to_a_duplicate() {
    let d = doc("Iran’s foreign minister rejected new sanctions.");
    let schema = Schema::default();
    let mut a = Annotations::new(&d, alice());
    a.add_span(&d, &schema, new(0, 4, "actor")).unwrap();
    // As a hand-edited file can have it.
    a.spans[0].id = SpanId(u32::MAX);
    a.add_span(&d, &schema, new(7, 14, "actor")).unwrap();
    a.add_span(&d, &schema, new(15, 23, "actor")).unwrap();
    let mut ids: Vec<u32> = a.spans.iter().map(|s| s.id.0).collect();
    ids.sort_unstable();
    assert_eq!(ids, [1, 2, u32::MAX]);
}

#[test]
fn bad_spans_are_refused_with_reasons() {
    let d = doc("short");
    let schema = Schema::default();
    let mut a = Annotations::new(&d, alice());
    let msg = |n: NewSpan, a: &mut Annotations| a.add_span(&d, &schema, n).unwrap_err().to_string();
    assert_eq!(
        msg(new(2, 9, "actor"), &mut a),
        "2..9 runs past the end of the article (5 characters); fix the offsets"
    );
    assert_eq!(
        msg(new(4, 1, "actor"), &mut a),
        "4..1 ends before it starts; swap or fix the offsets"
    );
    assert_eq!(
        msg(new(0, 2, "speaker"), &mut a),
        "the label “speaker” is not in the project's schema (actor, stance, claim); add it to claimspan.ron or use one of those"
    );
    let mut bad = new(0, 2, "stance");
    bad.attributes.insert("polarity".into(), "maybe".into());
    assert_eq!(
        msg(bad, &mut a),
        "“maybe” is not a value of polarity (allowed: support, oppose, neutral)"
    );
    assert!(a.spans.is_empty());
}

#[test]
fn links_follow_the_schema_and_go_with_their_spans() {
    let d = doc("The minister rejected sanctions.");
    let schema = Schema::default();
    let mut a = Annotations::new(&d, alice());
    let actor = a.add_span(&d, &schema, new(4, 12, "actor")).unwrap();
    let stance = a.add_span(&d, &schema, new(13, 21, "stance")).unwrap();
    let claim = a.add_span(&d, &schema, new(22, 31, "claim")).unwrap();
    assert_eq!(a.add_link(&schema, actor, stance).unwrap().label, "holds");
    assert_eq!(a.add_link(&schema, stance, claim).unwrap().label, "about");
    assert!(matches!(
        a.add_link(&schema, claim, actor),
        Err(EditError::LinkNotAllowed { .. })
    ));
    let (span, links) = a.remove_span(stance).unwrap();
    assert_eq!(span.text, "rejected");
    assert_eq!(links.len(), 2);
    assert!(a.links.is_empty());
}

#[test]
fn check_finds_what_a_hand_edit_broke() {
    let d = doc("The minister rejected sanctions.");
    let schema = Schema::default();
    let mut a = Annotations::new(&d, alice());
    let id = a.add_span(&d, &schema, new(4, 12, "actor")).unwrap();
    a.spans[0].text = "minster".into();
    a.links.push(Link {
        from: id,
        to: SpanId(9),
        label: "holds".into(),
    });
    let problems: Vec<String> = a
        .check(&d, &schema)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "span 1 (4..12): the article has “minister” there but the span says “minster”; fix the offsets or the text",
            "link 1→9: it refers to a span that does not exist; delete the link",
        ]
    );
}

proptest! {
    #[test]
    fn spans_stay_ordered_and_unique(ops in proptest::collection::vec((0usize..30, 0usize..30, 0usize..3), 0..60)) {
        let d = doc("“Iran’s” 🇮🇶 minister said ثلاثة things");
        let schema = Schema::default();
        let mut a = Annotations::new(&d, alice());
        for (s, e, l) in ops {
            let label = ["actor", "stance", "claim"][l];
            let _ = a.add_span(&d, &schema, new(s, e, label));
        }
        for pair in a.spans.windows(2) {
            prop_assert!((pair[0].start, pair[0].end, &pair[0].label) < (pair[1].start, pair[1].end, &pair[1].label));
        }
        prop_assert!(a.check(&d, &schema).is_empty());
    }
}
