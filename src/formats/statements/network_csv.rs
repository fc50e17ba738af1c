//! A network as CSV: an edge list, or a matrix as DNA exports it, each with every
//! node attribute, for R, pandas or a spreadsheet.
//!
//! - **Edge list**: `source`, `target`, `weight`, `support`, `oppose`, `other`,
//!   `polarity`, then for each end its `label`, `type`, `kind`, `statements`,
//!   `colour` and every registry attribute (`source_Type`, `target_Type`…).
//! - **Matrix**: a row per node (two-mode: per actor) with its `id`, `label`, `type`,
//!   `kind`, `statements`, `colour` and registry attributes, then a column per node
//!   (two-mode: per category) holding the tie's weight, 0 where there is none.
//!
//! The quoting is the statements table's (RFC 4180).

use super::network::{Network, NetworkMode, Node, NodeType};
use super::table::write_row;
use std::collections::HashMap;
use std::io::{self, Write};

/// A node's cells: label, type, kind, statements, colour, attributes.
fn node_cells(node: &Node, names: &[&str]) -> Vec<String> {
    let mut cells = vec![
        node.label.clone(),
        node.node_type.as_str().to_owned(),
        node.kind.unwrap_or_default().to_owned(),
        node.statements.to_string(),
        node.colour.clone().unwrap_or_default(),
    ];
    cells.extend(
        names
            .iter()
            .map(|n| node.attributes.get(*n).cloned().unwrap_or_default()),
    );
    cells
}

const NODE_COLUMNS: [&str; 5] = ["label", "type", "kind", "statements", "colour"];

/// Writes `network` as an edge list.
pub fn write_edge_list(network: &Network, out: &mut impl Write) -> io::Result<()> {
    let names: Vec<&str> = network.node_attribute_names().into_iter().collect();
    let mut header: Vec<String> = [
        "source", "target", "weight", "support", "oppose", "other", "polarity",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for end in ["source", "target"] {
        header.extend(NODE_COLUMNS.iter().map(|c| format!("{end}_{c}")));
        header.extend(names.iter().map(|n| format!("{end}_{n}")));
    }
    write_row(out, &header)?;
    let nodes: HashMap<&str, &Node> = network.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    for e in &network.edges {
        let mut cells = vec![
            e.source.clone(),
            e.target.clone(),
            format!("{:?}", e.weight),
            e.support.to_string(),
            e.oppose.to_string(),
            e.other.to_string(),
            e.polarity().to_owned(),
        ];
        for id in [&e.source, &e.target] {
            match nodes.get(id.as_str()) {
                Some(node) => cells.extend(node_cells(node, &names)),
                None => cells.extend(std::iter::repeat_n(String::new(), 5 + names.len())),
            }
        }
        write_row(out, &cells)?;
    }
    Ok(())
}

/// Writes `network` as a matrix: rows and columns its nodes (two-mode: actors by
/// categories).
pub fn write_matrix(network: &Network, out: &mut impl Write) -> io::Result<()> {
    let names: Vec<&str> = network.node_attribute_names().into_iter().collect();
    let two_mode = network.options.mode != NetworkMode::OneMode;
    let rows: Vec<&Node> = network
        .nodes
        .iter()
        .filter(|n| !two_mode || n.node_type == NodeType::Actor)
        .collect();
    let columns: Vec<&Node> = network
        .nodes
        .iter()
        .filter(|n| !two_mode || n.node_type == NodeType::Category)
        .collect();
    let mut weights: HashMap<(&str, &str), f64> = HashMap::new();
    for e in &network.edges {
        weights.insert((e.source.as_str(), e.target.as_str()), e.weight);
        if !two_mode {
            weights.insert((e.target.as_str(), e.source.as_str()), e.weight);
        }
    }
    let mut header = vec!["id".to_owned()];
    header.extend(NODE_COLUMNS.iter().map(|c| (*c).to_owned()));
    header.extend(names.iter().map(|n| (*n).to_owned()));
    header.extend(columns.iter().map(|c| c.id.clone()));
    write_row(out, &header)?;
    for r in &rows {
        let mut cells = vec![r.id.clone()];
        cells.extend(node_cells(r, &names));
        for c in &columns {
            let w = weights
                .get(&(r.id.as_str(), c.id.as_str()))
                .copied()
                .unwrap_or(0.0);
            cells.push(format!("{w:?}"));
        }
        write_row(out, &cells)?;
    }
    Ok(())
}
