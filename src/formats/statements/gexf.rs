//! GEXF 1.3, Gephi's own format: a network, or the networks of time windows as one
//! dynamic graph.
//!
//! Attributes are declared per class (`type`, `kind`, `statements` for nodes;
//! `support`, `oppose`, `other`, `polarity` for edges; every registry attribute a
//! node has, such as DNA's `Type`), node colours from the registry go into
//! `viz:color`, and `weight` is the edge's own attribute, as Gephi reads it. A
//! dynamic graph (`timeformat="date"`) gives each node and edge a spell per window it
//! is in and its weight per window as a dynamic `weight` value, so Gephi's timeline
//! replays the windows. Text is escaped as for GraphML.

use super::network::{Network, Node};
use crate::formats::xml::escape;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n";

/// One window's network, with its first and last day.
#[derive(Debug, Clone)]
pub struct Window<'a> {
    /// First day, `YYYY-MM-DD`.
    pub start: &'a str,
    /// Last day.
    pub end: &'a str,
    /// Its network.
    pub network: &'a Network,
}

/// Writes `network` as a static GEXF graph to `out`.
pub fn write_gexf(network: &Network, out: &mut impl Write) -> io::Result<()> {
    let mut xml = String::from(HEAD);
    meta(&mut xml, &network.options.to_string());
    xml.push_str("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
    let extra = network.node_attribute_names();
    declare(&mut xml, "static", &extra, false);
    xml.push_str("    <nodes>\n");
    for node in &network.nodes {
        open_node(&mut xml, node);
        xml.push_str("        <attvalues>\n");
        node_values(&mut xml, node, &extra);
        attvalue(&mut xml, "statements", &node.statements.to_string(), None);
        xml.push_str("        </attvalues>\n      </node>\n");
    }
    xml.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in network.edges.iter().enumerate() {
        xml.push_str(&format!(
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" weight=\"{:?}\">\n        <attvalues>\n",
            escape(&e.source),
            escape(&e.target),
            e.weight
        ));
        attvalue(&mut xml, "support", &e.support.to_string(), None);
        attvalue(&mut xml, "oppose", &e.oppose.to_string(), None);
        attvalue(&mut xml, "other", &e.other.to_string(), None);
        attvalue(&mut xml, "polarity", e.polarity(), None);
        xml.push_str("        </attvalues>\n      </edge>\n");
    }
    xml.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out.write_all(xml.as_bytes())
}

/// A node and the windows it is in, with its statements in each.
type Presence<'a> = (&'a Node, Vec<(usize, usize)>);

/// Writes the networks of `windows` as one dynamic GEXF graph to `out`.
pub fn write_dynamic_gexf(windows: &[Window<'_>], out: &mut impl Write) -> io::Result<()> {
    let mut xml = String::from(HEAD);
    let what = windows
        .first()
        .map(|w| w.network.options.to_string())
        .unwrap_or_default();
    meta(&mut xml, &format!("{what}, {} time windows", windows.len()));
    xml.push_str("  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"date\">\n");
    // Every node and edge of any window, with the windows it is in.
    let mut nodes: BTreeMap<(u8, &str), Presence<'_>> = BTreeMap::new();
    let mut edges: BTreeMap<(&str, &str), Vec<(usize, f64)>> = BTreeMap::new();
    for (w, window) in windows.iter().enumerate() {
        for node in &window.network.nodes {
            nodes
                .entry((node.node_type as u8, node.id.as_str()))
                .or_insert((node, Vec::new()))
                .1
                .push((w, node.statements));
        }
        for e in &window.network.edges {
            edges
                .entry((e.source.as_str(), e.target.as_str()))
                .or_default()
                .push((w, e.weight));
        }
    }
    let extra = super::network::attribute_names(nodes.values().map(|(n, _)| *n));
    declare(&mut xml, "dynamic", &extra, true);
    xml.push_str("    <nodes>\n");
    for (node, present) in nodes.values() {
        open_node(&mut xml, node);
        spells(&mut xml, windows, present.iter().map(|(w, _)| *w));
        xml.push_str("        <attvalues>\n");
        node_values(&mut xml, node, &extra);
        for (w, statements) in present {
            let span = Some((windows[*w].start, windows[*w].end));
            attvalue(&mut xml, "statements", &statements.to_string(), span);
        }
        xml.push_str("        </attvalues>\n      </node>\n");
    }
    xml.push_str("    </nodes>\n    <edges>\n");
    for (i, ((source, target), present)) in edges.iter().enumerate() {
        xml.push_str(&format!(
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n",
            escape(source),
            escape(target)
        ));
        spells(&mut xml, windows, present.iter().map(|(w, _)| *w));
        xml.push_str("        <attvalues>\n");
        for (w, weight) in present {
            let span = Some((windows[*w].start, windows[*w].end));
            attvalue(&mut xml, "weight", &format!("{weight:?}"), span);
        }
        xml.push_str("        </attvalues>\n      </edge>\n");
    }
    xml.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out.write_all(xml.as_bytes())
}

fn meta(xml: &mut String, description: &str) {
    xml.push_str(&format!(
        "  <meta>\n    <creator>claimspan</creator>\n    <description>{}</description>\n  </meta>\n",
        escape(description)
    ));
}

/// The `<attributes>` of nodes and edges; in a dynamic graph `statements` and the
/// edges' `weight` change over time.
fn declare(xml: &mut String, mode: &str, extra: &BTreeSet<&str>, dynamic: bool) {
    xml.push_str(&format!(
        "    <attributes class=\"node\" mode=\"{mode}\">\n"
    ));
    let mut node = vec![
        ("type", "string"),
        ("kind", "string"),
        ("statements", "integer"),
    ];
    node.extend(extra.iter().map(|name| (*name, "string")));
    for (i, (name, kind)) in node.iter().enumerate() {
        let id = if i < 3 {
            (*name).to_owned()
        } else {
            format!("attribute-{}", i - 3)
        };
        xml.push_str(&format!(
            "      <attribute id=\"{}\" title=\"{}\" type=\"{kind}\"/>\n",
            escape(&id),
            escape(name)
        ));
    }
    xml.push_str("    </attributes>\n");
    xml.push_str(&format!(
        "    <attributes class=\"edge\" mode=\"{mode}\">\n"
    ));
    let edge: &[(&str, &str)] = if dynamic {
        &[("weight", "double")]
    } else {
        &[
            ("support", "integer"),
            ("oppose", "integer"),
            ("other", "integer"),
            ("polarity", "string"),
        ]
    };
    for (name, kind) in edge {
        xml.push_str(&format!(
            "      <attribute id=\"{name}\" title=\"{name}\" type=\"{kind}\"/>\n"
        ));
    }
    xml.push_str("    </attributes>\n");
}

fn open_node(xml: &mut String, node: &Node) {
    xml.push_str(&format!(
        "      <node id=\"{}\" label=\"{}\">\n",
        escape(&node.id),
        escape(&node.label)
    ));
    if let Some((r, g, b)) = node.colour.as_deref().and_then(rgb) {
        xml.push_str(&format!(
            "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>\n"
        ));
    }
}

/// A node's static values: type, kind, registry attributes.
fn node_values(xml: &mut String, node: &Node, extra: &BTreeSet<&str>) {
    attvalue(xml, "type", node.node_type.as_str(), None);
    if let Some(kind) = node.kind {
        attvalue(xml, "kind", kind, None);
    }
    for (i, name) in extra.iter().enumerate() {
        if let Some(value) = node.attributes.get(*name) {
            attvalue(xml, &format!("attribute-{i}"), value, None);
        }
    }
}

fn spells(xml: &mut String, windows: &[Window<'_>], present: impl Iterator<Item = usize>) {
    xml.push_str("        <spells>\n");
    for w in present {
        xml.push_str(&format!(
            "          <spell start=\"{}\" end=\"{}\"/>\n",
            windows[w].start, windows[w].end
        ));
    }
    xml.push_str("        </spells>\n");
}

fn attvalue(xml: &mut String, id: &str, value: &str, span: Option<(&str, &str)>) {
    let span = span.map_or_else(String::new, |(start, end)| {
        format!(" start=\"{start}\" end=\"{end}\"")
    });
    xml.push_str(&format!(
        "          <attvalue for=\"{}\" value=\"{}\"{span}/>\n",
        escape(id),
        escape(value)
    ));
}

/// `#rrggbb` as its three channels.
fn rgb(colour: &str) -> Option<(u8, u8, u8)> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

#[cfg(test)]
#[path = "gexf_tests.rs"]
mod tests;
