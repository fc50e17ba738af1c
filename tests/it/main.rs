//! claimspan's integration tests, in one test binary (`cargo test --test it`): the
//! command line end to end through the real binary, export and import, round trips,
//! agree and merge, statements, bad input, the kill-while-saving test, the layer
//! rule, and the window driven by egui_kittest. One binary links the library and
//! egui once instead of once a file; each former test file is a module here, so
//! `cargo test --test it cli::` runs what `cargo test --test cli` ran.

// A test stops at the first thing that is not as it should be.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod bad_input;
mod cli;
mod deep_ron;
mod export_cli;
mod export_safety;
mod export_spacy;
mod git_clones;
#[cfg(unix)]
mod kill_while_saving;
mod layers;
mod networkx;
mod review;
mod review_changed;
mod round_trip;
mod statements;
mod store_edges;
mod suggest;
mod window;
