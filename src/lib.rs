//! claimspan: annotate actors, stances and claims in political news, keep the work in
//! a shared project folder, and turn it into training data.
//!
//! The layers, bottom up: [`model`] (plain data and rules), [`store`] (the project
//! folder on disk), [`formats`] (import and export). The command line in `cli` and,
//! later, the window call these same functions.

pub mod cli;
pub mod formats;
pub mod model;
pub mod store;
