//! The builder's counting: duplicates, sides and options, on statements made here.

use super::*;

fn event(
    builder: &mut NetworkBuilder,
    actor: &str,
    claim: &str,
    side: Side,
    date: &str,
    doc: &str,
) {
    let actor = builder.intern(test_node(&format!("actor:{actor}"), NodeType::Actor));
    let claim = builder.intern(test_node(&format!("category:{claim}"), NodeType::Category));
    let start = builder.events.len();
    builder.events.push(Event {
        actor,
        claim,
        side,
        date: Some(date.to_owned()),
        document: doc.to_owned(),
        source: None,
        annotator: "alice".into(),
        stance_text: "said".into(),
        stance_start: start,
        stance_end: start + 1,
        polarity: None,
        attributes: BTreeMap::new(),
    });
}

fn test_node(id: &str, node_type: NodeType) -> Node {
    Node {
        id: id.to_owned(),
        node_type,
        label: id.to_owned(),
        kind: None,
        statements: 0,
        colour: None,
        attributes: BTreeMap::new(),
    }
}

fn repeated_statements() -> NetworkBuilder {
    let mut b = NetworkBuilder::new();
    event(&mut b, "iran", "oil", Side::Oppose, "2024-01-01", "d1");
    event(&mut b, "iran", "oil", Side::Oppose, "2024-01-01", "d1");
    event(&mut b, "iran", "oil", Side::Oppose, "2024-01-03", "d2");
    event(&mut b, "iran", "oil", Side::Support, "2024-01-20", "d3");
    event(&mut b, "iran", "oil", Side::Oppose, "2025-01-02", "d4");
    b
}

fn counted(b: &NetworkBuilder, duplicates: Duplicates, qualifier: Qualifier) -> usize {
    let options = NetworkOptions {
        duplicates,
        qualifier: Some(qualifier),
        ..NetworkOptions::default()
    };
    b.counted(&options).events.len()
}

#[test]
fn repeats_count_once_per_period_and_side() {
    let b = repeated_statements();
    let sub = Qualifier::Subtract;
    assert_eq!(counted(&b, Duplicates::Include, sub), 5);
    assert_eq!(counted(&b, Duplicates::Document, sub), 4);
    // 1 and 3 January share ISO week 1 of 2024; 2 January 2025 is week 1 of 2025.
    assert_eq!(counted(&b, Duplicates::Week, sub), 3);
    assert_eq!(counted(&b, Duplicates::Month, sub), 3);
    assert_eq!(counted(&b, Duplicates::Year, sub), 3);
    assert_eq!(counted(&b, Duplicates::All, sub), 2);
    // Ignoring the qualifier, a support repeats an oppose, as in DNA.
    assert_eq!(counted(&b, Duplicates::All, Qualifier::Ignore), 1);
    assert_eq!(counted(&b, Duplicates::Month, Qualifier::Ignore), 2);
}

#[test]
fn a_qualifier_that_counts_sides_leaves_out_statements_of_none() {
    let mut b = repeated_statements();
    event(&mut b, "iraq", "oil", Side::Neither, "2024-02-01", "d5");
    let options = NetworkOptions::of(NetworkMode::OneMode);
    let c = b.counted(&options);
    assert_eq!((c.events.len(), c.without_side), (5, 1));
    let c = b.counted(&NetworkOptions::of(NetworkMode::TwoMode));
    assert_eq!((c.events.len(), c.without_side), (6, 0));
}

#[test]
fn a_one_mode_network_of_claims_ties_claims_through_actors() {
    let mut b = NetworkBuilder::new();
    event(&mut b, "iran", "oil", Side::Oppose, "2024-01-01", "d1");
    event(&mut b, "iran", "truce", Side::Oppose, "2024-01-01", "d1");
    event(&mut b, "iraq", "truce", Side::Support, "2024-01-01", "d1");
    let options = NetworkOptions {
        mode: NetworkMode::OneMode,
        nodes: Nodes::Claims,
        qualifier: Some(Qualifier::Ignore),
        ..NetworkOptions::default()
    };
    let (network, _) = b.build(&options);
    let ids: Vec<&str> = network.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["category:oil", "category:truce"]);
    assert_eq!(network.edges.len(), 1);
    assert_eq!(network.edges[0].weight, 1.0);
}

#[test]
fn options_dna_does_not_define_are_refused_with_what_to_use() {
    let bad = [
        (
            NetworkMode::TwoMode,
            Some(Qualifier::Congruence),
            Normalize::No,
        ),
        (NetworkMode::TwoMode, None, Normalize::Jaccard),
        (
            NetworkMode::OneMode,
            Some(Qualifier::Combine),
            Normalize::No,
        ),
        (NetworkMode::OneMode, None, Normalize::Activity),
    ];
    for (mode, qualifier, normalize) in bad {
        let options = NetworkOptions {
            mode,
            qualifier,
            normalize,
            ..NetworkOptions::default()
        };
        let said = options.check().unwrap_err();
        assert!(said.contains("use it with --mode"), "{said}");
    }
    assert!(NetworkOptions::of(NetworkMode::OneMode).check().is_ok());
    assert_eq!(
        NetworkOptions::of(NetworkMode::OneMode).to_string(),
        "one-mode congruence network of actors"
    );
}

#[test]
fn modes_read_from_their_names() {
    assert_eq!("congruence".parse(), Ok(NetworkMode::OneMode));
    assert_eq!("two-mode".parse(), Ok(NetworkMode::TwoMode));
    assert_eq!("event-list".parse(), Ok(NetworkMode::EventList));
    assert!("three-mode".parse::<NetworkMode>().is_err());
}
