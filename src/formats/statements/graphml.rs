//! GraphML output that Gephi, networkx, igraph and yEd read.
//!
//! Every attribute is declared with a `<key>` and its `attr.type`; `weight` is a
//! `double`, the type Gephi takes edge weights from, the counts are `int`. The graph
//! is undirected. Text is escaped for XML, and characters XML 1.0 cannot hold at
//! all (control characters other than tab and line breaks) are dropped, as no
//! reader would accept the file otherwise. Nodes and edges come in the network's
//! stable order, edges numbered `e0`, `e1`…, so the same project gives the same file.
//! A node's registry colour is its `colour` (`#rrggbb`, as yEd and Gephi's GraphML
//! importer read a string attribute), and every registry attribute a node has (such
//! as DNA's `Type` or `Alias`) is a string key of its own, `attribute-0`, … titled
//! with its name, so no name a registry may hold can clash with the keys above.

use super::network::Network;
use crate::formats::xml::escape;
use std::io::{self, Write};

/// The `<key>` declarations: id (also the attribute's name), for, type.
const KEYS: [(&str, &str, &str); 9] = [
    ("type", "node", "string"),
    ("label", "node", "string"),
    ("kind", "node", "string"),
    ("statements", "node", "int"),
    ("weight", "edge", "double"),
    ("support", "edge", "int"),
    ("oppose", "edge", "int"),
    ("other", "edge", "int"),
    ("polarity", "edge", "string"),
];

/// Writes `network` as a GraphML document to `out`.
pub fn write_graphml(network: &Network, out: &mut impl Write) -> io::Result<()> {
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, domain, kind) in KEYS {
        xml.push_str(&format!(
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{id}\" attr.type=\"{kind}\"/>\n"
        ));
    }
    let coloured = network.nodes.iter().any(|n| n.colour.is_some());
    if coloured {
        xml.push_str(
            "  <key id=\"colour\" for=\"node\" attr.name=\"colour\" attr.type=\"string\"/>\n",
        );
    }
    let extra: Vec<&str> = network.node_attribute_names().into_iter().collect();
    for (i, name) in extra.iter().enumerate() {
        xml.push_str(&format!(
            "  <key id=\"attribute-{i}\" for=\"node\" attr.name=\"{}\" attr.type=\"string\"/>\n",
            escape(name)
        ));
    }
    xml.push_str(&format!(
        "  <graph id=\"{}\" edgedefault=\"undirected\">\n",
        network.options.mode.name()
    ));
    for node in &network.nodes {
        xml.push_str(&format!("    <node id=\"{}\">\n", escape(&node.id)));
        data(&mut xml, "type", node.node_type.as_str());
        data(&mut xml, "label", &node.label);
        if let Some(kind) = node.kind {
            data(&mut xml, "kind", kind);
        }
        data(&mut xml, "statements", &node.statements.to_string());
        if let Some(colour) = &node.colour {
            data(&mut xml, "colour", colour);
        }
        for (i, name) in extra.iter().enumerate() {
            if let Some(value) = node.attributes.get(*name) {
                data(&mut xml, &format!("attribute-{i}"), value);
            }
        }
        xml.push_str("    </node>\n");
    }
    for (i, edge) in network.edges.iter().enumerate() {
        xml.push_str(&format!(
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n",
            escape(&edge.source),
            escape(&edge.target)
        ));
        data(&mut xml, "weight", &format!("{:?}", edge.weight));
        data(&mut xml, "support", &edge.support.to_string());
        data(&mut xml, "oppose", &edge.oppose.to_string());
        data(&mut xml, "other", &edge.other.to_string());
        data(&mut xml, "polarity", edge.polarity());
        xml.push_str("    </edge>\n");
    }
    xml.push_str("  </graph>\n</graphml>\n");
    out.write_all(xml.as_bytes())
}

fn data(xml: &mut String, key: &str, value: &str) {
    xml.push_str(&format!(
        "      <data key=\"{key}\">{}</data>\n",
        escape(value)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::statements::network::{Edge, Network, NetworkOptions, Node, NodeType};
    use crate::formats::xml::is_xml_char;
    use proptest::prelude::*;

    fn network(label: &str) -> Network {
        let actor = Node {
            id: format!("actor:text:{label}"),
            node_type: NodeType::Actor,
            label: label.to_owned(),
            kind: Some("unknown"),
            statements: 2,
            colour: None,
            attributes: Default::default(),
        };
        let category = Node {
            id: "category:oil".into(),
            node_type: NodeType::Category,
            label: "Oil & gas <sanctions>".into(),
            kind: None,
            statements: 2,
            colour: None,
            attributes: Default::default(),
        };
        Network {
            options: NetworkOptions::default(),
            edges: vec![Edge {
                source: actor.id.clone(),
                target: category.id.clone(),
                weight: 2.0,
                support: 1,
                oppose: 1,
                other: 0,
            }],
            nodes: vec![actor, category],
        }
    }

    fn parse(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn output_is_declared_graphml_that_parses() {
        let mut out = Vec::new();
        write_graphml(&network("Iran’s “envoy”"), &mut out).unwrap();
        let text = parse(&out);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "graphml");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://graphml.graphdrawing.org/xmlns")
        );
        let keys: Vec<_> = root.children().filter(|n| n.has_tag_name("key")).collect();
        assert_eq!(keys.len(), KEYS.len());
        assert!(keys.iter().all(|k| k.attribute("attr.type").is_some()));
        let nodes: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("node"))
            .collect();
        assert_eq!(nodes.len(), 2);
        let label = |n: &roxmltree::Node<'_, '_>| {
            n.children()
                .find(|d| d.attribute("key") == Some("label"))
                .and_then(|d| d.text())
                .map(str::to_owned)
        };
        assert_eq!(label(&nodes[1]).as_deref(), Some("Oil & gas <sanctions>"));
        assert!(text.contains("<data key=\"weight\">2.0</data>"));
        assert!(text.contains("<data key=\"polarity\">both</data>"));
        // Categories have no kind.
        assert!(
            !nodes[1]
                .children()
                .any(|d| d.attribute("key") == Some("kind"))
        );
    }

    #[test]
    fn registry_colours_and_attributes_are_keys_of_their_own() {
        let mut net = network("Ministry");
        net.nodes[0].colour = Some("#ff8800".into());
        // Names a registry may hold, the keys' own among them.
        net.nodes[0]
            .attributes
            .insert("label".into(), "not the label".into());
        net.nodes[0]
            .attributes
            .insert("Type".into(), "NGO & <co>".into());
        net.nodes[1]
            .attributes
            .insert("Type".into(), "energy".into());
        let mut out = Vec::new();
        write_graphml(&net, &mut out).unwrap();
        let text = parse(&out);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let key_named = |name: &str| {
            doc.descendants()
                .find(|k| k.has_tag_name("key") && k.attribute("attr.name") == Some(name))
                .and_then(|k| k.attribute("id"))
                .map(str::to_owned)
                .unwrap()
        };
        let value = |node: usize, key: &str| {
            let node = doc
                .descendants()
                .filter(|n| n.has_tag_name("node"))
                .nth(node)
                .unwrap();
            node.children()
                .find(|d| d.attribute("key") == Some(key))
                .and_then(|d| d.text())
                .map(str::to_owned)
        };
        assert_eq!(value(0, "colour").as_deref(), Some("#ff8800"));
        assert_eq!(value(1, "colour"), None);
        let kind = key_named("Type");
        assert_eq!(value(0, &kind).as_deref(), Some("NGO & <co>"));
        assert_eq!(value(1, &kind).as_deref(), Some("energy"));
        // A registry attribute called `label` is not the node's label.
        assert_eq!(value(0, "label").as_deref(), Some("Ministry"));
        let ids: Vec<&str> = doc
            .descendants()
            .filter(|k| k.has_tag_name("key"))
            .filter_map(|k| k.attribute("id"))
            .collect();
        let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
    }

    proptest! {
        /// Any label comes back from an XML parser as written, less the characters
        /// XML cannot hold.
        #[test]
        fn labels_and_ids_survive_escaping(label in "(\\PC|[\"'<>&\t\r\n\u{0}\u{1}\u{b}\u{FFFE}])*") {
            let mut out = Vec::new();
            write_graphml(&network(&label), &mut out).unwrap();
            let text = parse(&out);
            let doc = roxmltree::Document::parse(&text).unwrap();
            let kept: String = label.chars().filter(|c| matches!(c, '\t' | '\n' | '\r') || is_xml_char(*c)).collect();
            let node = doc.descendants().find(|n| n.has_tag_name("node")).unwrap();
            let id = format!("actor:text:{kept}");
            prop_assert_eq!(node.attribute("id"), Some(id.as_str()));
            let got = node
                .children()
                .find(|d| d.attribute("key") == Some("label"))
                .and_then(|d| d.text())
                .unwrap_or("");
            prop_assert_eq!(got, kept.as_str());
            let edge = doc.descendants().find(|n| n.has_tag_name("edge")).unwrap();
            prop_assert_eq!(edge.attribute("source"), node.attribute("id"));
        }
    }
}
