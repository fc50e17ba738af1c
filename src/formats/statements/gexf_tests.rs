//! Our GEXF against the elements and attributes GEXF 1.3 defines, static and
//! dynamic, read back with an XML parser.

use super::*;
use crate::formats::statements::network::{Edge, NetworkOptions, NodeType};

const GEXF_NS: &str = "http://gexf.net/1.3";

fn node(id: &str, node_type: NodeType, colour: Option<&str>) -> Node {
    Node {
        id: id.to_owned(),
        node_type,
        label: format!("{id} & “co” <x>"),
        kind: (node_type == NodeType::Actor).then_some("organisation"),
        statements: 2,
        colour: colour.map(str::to_owned),
        attributes: [("Type".to_owned(), "trade body".to_owned())].into(),
    }
}

fn network(weight: f64) -> Network {
    Network {
        options: NetworkOptions::default(),
        nodes: vec![
            node("actor:league", NodeType::Actor, Some("#0a141e")),
            node("category:oil", NodeType::Category, None),
        ],
        edges: vec![Edge {
            source: "actor:league".into(),
            target: "category:oil".into(),
            weight,
            support: 1,
            oppose: 1,
            other: 0,
        }],
    }
}

/// Checks what GEXF 1.3 requires of every file: the namespace and version, a
/// graph, attributes declared per class with id, title and type, and every
/// `attvalue` and edge end referring to something declared.
fn check_structure(text: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "gexf");
    assert_eq!(root.tag_name().namespace(), Some(GEXF_NS));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let graph = root
        .children()
        .find(|n| n.has_tag_name((GEXF_NS, "graph")))
        .unwrap();
    assert_eq!(graph.attribute("defaultedgetype"), Some("undirected"));
    let mut declared: std::collections::HashMap<&str, Vec<&str>> = Default::default();
    for attributes in graph
        .children()
        .filter(|n| n.has_tag_name((GEXF_NS, "attributes")))
    {
        let class = attributes.attribute("class").unwrap();
        assert!(["node", "edge"].contains(&class));
        for a in attributes.children().filter(|n| n.is_element()) {
            assert_eq!(a.tag_name().name(), "attribute");
            assert!(a.attribute("title").is_some());
            let kind = a.attribute("type").unwrap();
            assert!(["string", "integer", "double"].contains(&kind), "{kind}");
            declared
                .entry(class)
                .or_default()
                .push(a.attribute("id").unwrap());
        }
    }
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF_NS, "node")))
        .map(|n| n.attribute("id").unwrap())
        .collect();
    for edge in doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF_NS, "edge")))
    {
        assert!(ids.contains(&edge.attribute("source").unwrap()));
        assert!(ids.contains(&edge.attribute("target").unwrap()));
    }
    for value in doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF_NS, "attvalue")))
    {
        let owner = value
            .ancestors()
            .find(|n| n.has_tag_name((GEXF_NS, "node")) || n.has_tag_name((GEXF_NS, "edge")))
            .unwrap();
        let class = owner.tag_name().name();
        let id = value.attribute("for").unwrap();
        assert!(declared[class].contains(&id), "{class} {id} undeclared");
    }
    doc
}

#[test]
fn a_static_graph_is_gexf_1_3_with_weights_colours_and_attributes() {
    let mut out = Vec::new();
    write_gexf(&network(2.5), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let doc = check_structure(&text);
    let edge = doc
        .descendants()
        .find(|n| n.has_tag_name((GEXF_NS, "edge")))
        .unwrap();
    assert_eq!(edge.attribute("weight"), Some("2.5"));
    let colour = doc
        .descendants()
        .find(|n| n.tag_name().name() == "color")
        .unwrap();
    assert_eq!(
        (
            colour.attribute("r"),
            colour.attribute("g"),
            colour.attribute("b")
        ),
        (Some("10"), Some("20"), Some("30"))
    );
    let label = doc
        .descendants()
        .find(|n| n.has_tag_name((GEXF_NS, "node")))
        .unwrap()
        .attribute("label");
    assert_eq!(label, Some("actor:league & “co” <x>"));
    assert!(text.contains("title=\"Type\""));
}

#[test]
fn time_windows_are_one_dynamic_graph_with_spells_and_weights_per_window() {
    let (first, second) = (network(1.0), network(3.0));
    let mut later = second.clone();
    later.nodes.truncate(1);
    later.edges.clear();
    let windows = [
        Window {
            start: "2024-01-01",
            end: "2024-01-07",
            network: &first,
        },
        Window {
            start: "2024-01-08",
            end: "2024-01-14",
            network: &second,
        },
        Window {
            start: "2024-01-15",
            end: "2024-01-21",
            network: &later,
        },
    ];
    let mut out = Vec::new();
    write_dynamic_gexf(&windows, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let doc = check_structure(&text);
    let graph = doc
        .descendants()
        .find(|n| n.has_tag_name((GEXF_NS, "graph")))
        .unwrap();
    assert_eq!(graph.attribute("mode"), Some("dynamic"));
    assert_eq!(graph.attribute("timeformat"), Some("date"));
    let spells = |id: &str| -> Vec<(String, String)> {
        doc.descendants()
            .find(|n| {
                (n.has_tag_name((GEXF_NS, "node")) && n.attribute("id") == Some(id))
                    || (n.has_tag_name((GEXF_NS, "edge")) && n.attribute("id") == Some(id))
            })
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name((GEXF_NS, "spell")))
            .map(|s| {
                (
                    s.attribute("start").unwrap().to_owned(),
                    s.attribute("end").unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(spells("actor:league").len(), 3);
    assert_eq!(spells("category:oil").len(), 2);
    assert_eq!(
        spells("e0"),
        [
            ("2024-01-01".to_owned(), "2024-01-07".to_owned()),
            ("2024-01-08".to_owned(), "2024-01-14".to_owned())
        ]
    );
    let weights: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF_NS, "attvalue")) && n.attribute("for") == Some("weight"))
        .map(|n| (n.attribute("value").unwrap(), n.attribute("start").unwrap()))
        .collect();
    assert_eq!(weights, [("1.0", "2024-01-01"), ("3.0", "2024-01-08")]);
}
