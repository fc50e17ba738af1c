//! The real `App` in a headless egui context (egui_kittest), driven like a user would
//! through the [`fixture::Window`]: `app` at 1280 × 800 (editing, review, export,
//! dialogs), `scripts` on text in every script, `small` at 800 × 600.

mod app;
pub mod fixture;
mod network;
mod scripts;
mod small;
mod suggestions;
