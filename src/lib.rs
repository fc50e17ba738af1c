//! claimspan: annotate actors, stances and claims in political news, keep the work in
//! a shared project folder, and turn it into training data.
//!
//! The layers, bottom up: [`model`] (plain data and rules), [`store`] (the project
//! folder on disk), [`formats`] (import and export), [`statements`] (statements
//! tables, networks and statement agreement across a project), [`review`] (agreement
//! and adjudication into gold), [`session`] (open documents, undo, autosave). The
//! command line in [`cli`] and the window in [`app`] and [`ui`] call these same
//! functions; only the last two use egui.

pub mod app;
pub mod cli;
pub mod formats;
pub mod model;
pub mod review;
pub mod session;
pub mod statements;
pub mod store;
pub mod terminal;
pub mod ui;
