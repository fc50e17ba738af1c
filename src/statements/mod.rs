//! Statements across a project: the statements table (CSV), the actor–category
//! network (GraphML) and statement-level agreement between annotators.
//!
//! Statements themselves are built per document in [`crate::model::statement`]; this
//! layer adds what needs the whole project: which annotations to read
//! ([`StatementOptions`]), the registry's entities and categories as the keys that
//! statements are counted and compared under ([`resolve`]), and the writers. It sits
//! beside `formats/`: above `store/`, which it reads the project through and which
//! writes its files atomically, below the window and the command line. No egui, and
//! no file access of its own.
//!
//! Entry points for `claimspan export` and `claimspan agree`:
//! - [`export_statements_table`]: `--format statements --out FILE.csv`;
//! - [`export_network`]: `--format network --out FILE.graphml [--mode congruence]`;
//! - [`compare_statements`]: one document, two annotators, for `agree` and review.

pub mod error;
pub mod graphml;
pub mod network;
pub mod select;
pub mod table;

pub use error::StatementsError;
pub use graphml::write_graphml;
pub use network::{
    Edge, Network, NetworkBuilder, NetworkMode, NetworkReport, Node, NodeType, build_network,
    export_network,
};
pub use select::{
    DateWindow, IsoDate, Selected, Source, StatementOptions, StatusFilter, for_each_selected,
};
pub use table::{TableReport, export_statements_table, write_statements_table};
