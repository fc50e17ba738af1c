//! Tests of `statement.rs`.

use super::*;
use crate::model::{AnnotatorName, CharOffset, Document, NewSpan};

/// Tags each `(phrase, label)` at the phrase's first place in `text`; a stance's
/// label may carry its polarity as `stance:oppose`.
fn tagged(text: &str, parts: &[(&str, &str)]) -> (Annotations, Vec<SpanId>) {
    let d = Document::from_text(text);
    let schema = Schema::default();
    let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
    let mut ids = Vec::new();
    for (phrase, label) in parts {
        let byte = text.find(phrase).unwrap();
        let start = text[..byte].chars().count();
        let end = start + phrase.chars().count();
        let (label, polarity) = label.split_once(':').unwrap_or((label, ""));
        let mut new = NewSpan::new(CharOffset(start), CharOffset(end), label);
        if !polarity.is_empty() {
            new.attributes.insert(POLARITY.into(), polarity.into());
        }
        ids.push(a.add_span(&d, &schema, new).unwrap());
    }
    (a, ids)
}

fn link(a: &mut Annotations, from: SpanId, to: SpanId) {
    a.add_link(&Schema::default(), from, to).unwrap();
}

fn statement(
    stance: SpanId,
    actor: Option<SpanId>,
    claim: Option<SpanId>,
    polarity: Option<Polarity>,
) -> Statement {
    Statement {
        stance,
        actor,
        claim,
        polarity,
    }
}

#[test]
fn a_chain_is_one_complete_statement() {
    let (mut a, ids) = tagged(
        "The foreign minister rejected new sanctions on oil exports.",
        &[
            ("foreign minister", "actor"),
            ("rejected", "stance:oppose"),
            ("new sanctions on oil exports", "claim"),
        ],
    );
    link(&mut a, ids[0], ids[1]);
    link(&mut a, ids[1], ids[2]);
    let built = DocumentStatements::build(&a, &Schema::default());
    assert_eq!(
        built.statements,
        [statement(
            ids[1],
            Some(ids[0]),
            Some(ids[2]),
            Some(Polarity::Oppose)
        )]
    );
    assert!(built.statements[0].is_complete());
    assert!(built.statements[0].missing().is_empty());
    assert!(built.unlinked_actors.is_empty() && built.unlinked_claims.is_empty());
    assert!(built.ignored_links.is_empty());
    let (stance, actor, claim) = built.statements[0].spans(&a);
    assert_eq!(
        (stance.unwrap().text.as_str(), actor.unwrap().text.as_str()),
        ("rejected", "foreign minister")
    );
    assert_eq!(claim.unwrap().text, "new sanctions on oil exports");
}

#[test]
fn missing_parts_give_incomplete_statements_that_say_what_is_missing() {
    let (mut a, ids) = tagged(
        "Tehran welcomed talks. Riyadh opposed a deal. Critics said the truce would fail. Oil prices rose.",
        &[
            ("Tehran", "actor"),
            ("welcomed", "stance:support"),
            ("opposed", "stance:oppose"),
            ("a deal", "claim"),
            ("said", "stance"),
            ("Oil prices", "actor"),
            ("the truce would fail", "claim"),
        ],
    );
    link(&mut a, ids[0], ids[1]); // Tehran holds welcomed, about nothing
    link(&mut a, ids[2], ids[3]); // opposed a deal, held by no one
    let built = DocumentStatements::build(&a, &Schema::default());
    assert_eq!(
        built.statements,
        [
            statement(ids[1], Some(ids[0]), None, Some(Polarity::Support)),
            statement(ids[2], None, Some(ids[3]), Some(Polarity::Oppose)),
            statement(ids[4], None, None, None),
        ]
    );
    assert_eq!(built.complete().count(), 0);
    assert_eq!(built.incomplete().count(), 3);
    let missing: Vec<String> = built
        .statements
        .iter()
        .map(|s| s.missing().to_string())
        .collect();
    assert_eq!(
        missing,
        ["no claim", "no actor", "no actor, no polarity, no claim"]
    );
    assert_eq!(built.unlinked_actors, [ids[5]]);
    assert_eq!(built.unlinked_claims, [ids[6]]);
}

#[test]
fn two_holders_and_two_claims_give_one_statement_per_pair() {
    let (mut a, ids) = tagged(
        "Iran and Iraq rejected the sanctions and the embargo.",
        &[
            ("Iran", "actor"),
            ("Iraq", "actor"),
            ("rejected", "stance:oppose"),
            ("the sanctions", "claim"),
            ("the embargo", "claim"),
        ],
    );
    // Linked out of document order: the statements still come in it.
    link(&mut a, ids[1], ids[2]);
    link(&mut a, ids[0], ids[2]);
    link(&mut a, ids[2], ids[4]);
    link(&mut a, ids[2], ids[3]);
    let built = DocumentStatements::build(&a, &Schema::default());
    let pairs: Vec<(Option<SpanId>, Option<SpanId>)> = built
        .statements
        .iter()
        .map(|s| (s.actor, s.claim))
        .collect();
    assert_eq!(
        pairs,
        [
            (Some(ids[0]), Some(ids[3])),
            (Some(ids[0]), Some(ids[4])),
            (Some(ids[1]), Some(ids[3])),
            (Some(ids[1]), Some(ids[4])),
        ]
    );
    assert!(built.statements.iter().all(|s| s.stance == ids[2]));
}

#[test]
fn a_claim_shared_by_two_stances_is_in_both_statements() {
    let (mut a, ids) = tagged(
        "Qatar backed the truce while Bahrain condemned it as a ploy.",
        &[
            ("Qatar", "actor"),
            ("backed", "stance:support"),
            ("the truce", "claim"),
            ("Bahrain", "actor"),
            ("condemned", "stance:oppose"),
        ],
    );
    link(&mut a, ids[0], ids[1]);
    link(&mut a, ids[1], ids[2]);
    link(&mut a, ids[3], ids[4]);
    link(&mut a, ids[4], ids[2]);
    let built = DocumentStatements::build(&a, &Schema::default());
    assert_eq!(
        built.statements,
        [
            statement(ids[1], Some(ids[0]), Some(ids[2]), Some(Polarity::Support)),
            statement(ids[4], Some(ids[3]), Some(ids[2]), Some(Polarity::Oppose)),
        ]
    );
}

#[test]
fn links_the_schema_does_not_know_are_left_out_and_named() {
    let (mut a, ids) = tagged(
        "Oman urged restraint on the border.",
        &[
            ("Oman", "actor"),
            ("urged", "stance:support"),
            ("restraint on the border", "claim"),
        ],
    );
    let raw = |from: SpanId, to: SpanId, label: &str| Link {
        from,
        to,
        label: label.into(),
    };
    a.links = vec![
        raw(ids[0], ids[1], "supports"),  // not a link type
        raw(ids[1], ids[0], "holds"),     // backwards
        raw(ids[1], SpanId(99), "about"), // to a span that is gone
        raw(ids[1], ids[2], "about"),     // fine
        raw(ids[1], ids[2], "about"),     // the same again, hand-edited
    ];
    let built = DocumentStatements::build(&a, &Schema::default());
    assert_eq!(
        built.statements,
        [statement(
            ids[1],
            None,
            Some(ids[2]),
            Some(Polarity::Support)
        )]
    );
    assert_eq!(built.unlinked_actors, [ids[0]]);
    let reasons: Vec<String> = built
        .ignored_links
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        reasons,
        [
            "link 1→2: the schema has no link type “supports”; it is left out of the statements",
            "link 2→1: “holds” joins actor to stance, which these spans are not; it is left out of the statements",
            "link 2→99: span 99 does not exist; it is left out of the statements",
        ]
    );
}

proptest::proptest! {
    /// Whatever spans and links there are, each stance makes max(1, holders) ×
    /// max(1, claims) statements, each statement's parts are linked as it says,
    /// and every actor is either a holder or listed as unlinked.
    #[test]
    fn statements_account_for_every_stance_and_actor(
        spans in proptest::collection::vec((0usize..40, 1usize..6, 0usize..3), 1..20),
        links in proptest::collection::vec((0usize..20, 0usize..20), 0..30),
    ) {
        let text = "abcdefghij klmnopqrst uvwxyzabcd efghijklmn";
        let d = Document::from_text(text);
        let schema = Schema::default();
        let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
        for (start, len, label) in spans {
            let label = ["actor", "stance", "claim"][label];
            let _ = a.add_span(&d, &schema, NewSpan::new(CharOffset(start), CharOffset(start + len), label));
        }
        let ids: Vec<SpanId> = a.spans.iter().map(|s| s.id).collect();
        for (from, to) in links {
            if let (Some(&from), Some(&to)) = (ids.get(from), ids.get(to)) {
                let _ = a.add_link(&schema, from, to);
            }
        }
        let built = DocumentStatements::build(&a, &schema);
        let linked = |from: SpanId, to: SpanId| a.links.iter().any(|l| l.from == from && l.to == to);
        for stance in a.spans.iter().filter(|s| s.label == "stance") {
            let holders = a.spans.iter().filter(|s| s.label == "actor" && linked(s.id, stance.id)).count();
            let claims = a.spans.iter().filter(|s| s.label == "claim" && linked(stance.id, s.id)).count();
            let made = built.statements.iter().filter(|s| s.stance == stance.id).count();
            proptest::prop_assert_eq!(made, holders.max(1) * claims.max(1));
        }
        for s in &built.statements {
            proptest::prop_assert!(s.actor.is_none_or(|actor| linked(actor, s.stance)));
            proptest::prop_assert!(s.claim.is_none_or(|claim| linked(s.stance, claim)));
        }
        for actor in a.spans.iter().filter(|s| s.label == "actor") {
            let holds = built.statements.iter().any(|s| s.actor == Some(actor.id));
            proptest::prop_assert_eq!(holds, !built.unlinked_actors.contains(&actor.id));
        }
        proptest::prop_assert!(built.ignored_links.is_empty());
    }
}

#[test]
fn renamed_labels_follow_the_link_types_and_other_polarities_are_kept() {
    let mut schema = Schema::default();
    schema.labels[0].name = "speaker".into();
    schema.link_types[0].from = "speaker".into();
    schema.labels[1].attributes[0].values.push("mixed".into());
    let labels = StatementLabels::of(&schema);
    assert_eq!(
        (
            labels.actor.as_str(),
            labels.stance.as_str(),
            labels.claim.as_str()
        ),
        ("speaker", "stance", "claim")
    );
    let text = "The envoy hedged on the ceasefire.";
    let d = Document::from_text(text);
    let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
    let speaker = a
        .add_span(
            &d,
            &schema,
            NewSpan::new(CharOffset(4), CharOffset(9), "speaker"),
        )
        .unwrap();
    let mut hedged = NewSpan::new(CharOffset(10), CharOffset(16), "stance");
    hedged.attributes.insert(POLARITY.into(), "mixed".into());
    let stance = a.add_span(&d, &schema, hedged).unwrap();
    a.add_link(&schema, speaker, stance).unwrap();
    let built = DocumentStatements::build(&a, &schema);
    assert_eq!(
        built.statements,
        [statement(
            stance,
            Some(speaker),
            None,
            Some(Polarity::Other("mixed".into()))
        )]
    );
    assert_eq!(
        built.statements[0].polarity.as_ref().unwrap().as_str(),
        "mixed"
    );
}
