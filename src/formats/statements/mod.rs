//! Statements across a project: the statements table (CSV) and the actor–category
//! networks (GraphML), exports like the training-data ones beside them.
//!
//! Statements themselves are built per document in [`crate::model::statement`], and
//! keyed by the registry's entities and categories in
//! [`crate::model::statement_key`]; statement agreement is in `review/`. This folder
//! reads the annotations through the selection every export shares
//! ([`crate::formats::select`]) and writes atomically through `store/`. No egui.
//!
//! Entry points for `claimspan export` (through [`crate::formats::run_export`]):
//! - [`export_statements_table`]: `--format statements --out FILE.csv`;
//! - [`export_network`]: `--format network --out FILE.graphml [--mode one-mode]
//!   [--qualifier …] [--normalize …] [--duplicates …]`, or `--mode event-list`.

pub mod error;
pub mod gexf;
pub mod graphml;
pub mod network;
pub mod network_csv;
pub mod table;

pub use error::StatementsError;
pub use graphml::write_graphml;
pub use network::{
    Duplicates, Edge, Event, GraphFormat, Network, NetworkBuilder, NetworkMode, NetworkOptions,
    NetworkReport, Node, NodeType, Nodes, Normalize, Qualifier, TimeWindow, WindowNetwork,
    build_network, collect_statements, export_network,
};
pub use table::{TableReport, export_statements_table, write_statements_table};
