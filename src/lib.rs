//! claimspan: annotate actors, stances and claims in political news, keep the work in
//! a shared project folder, and turn it into training data.
//!
//! The layers, bottom up, each using only those below it (`tests/it/layers.rs` checks
//! it): [`model`] (plain data and rules), [`store`] (the project folder on disk),
//! [`review`] (agreement, statement agreement, adjudication into gold), [`formats`]
//! (import, and every export: training data, statements tables and networks),
//! [`suggest`] (recommenders that learn from the project's own annotations),
//! [`session`] (open documents, undo, autosave), [`ui`] and [`app`] (the
//! window), [`cli`] (the command line). The command line and the window call the same
//! functions; only `ui` and `app` use egui. [`terminal`] is the command line's own.

pub mod app;
pub mod cli;
pub mod formats;
pub mod model;
pub mod review;
pub mod session;
pub mod store;
pub mod suggest;
pub mod terminal;
pub mod ui;
