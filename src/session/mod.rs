//! An editing session over a project: the documents one annotator has open, their
//! undo histories, searching, and saving in the background. Plain Rust with no egui,
//! so the window is a thin layer over it and all of it is tested without a screen.
//!
//! Every change to annotations goes through [`Workspace::edit`], [`Workspace::undo`]
//! or [`Workspace::redo`]: the one place where history and autosave hook in. What a
//! key or click does to them — tag, relabel, link, step — is [`Editor`]'s, which
//! returns an [`Outcome`] for the window to show.

pub mod autosave;
pub mod disk_watch;
pub mod editing;
pub mod network;
pub mod open_document;
pub mod registry_change;
pub mod review;
pub mod sample;
pub mod search;
mod shown;
pub mod suggestions;
pub mod task;
#[cfg(test)]
mod test_projects;
pub mod workspace;

pub use autosave::{Autosaver, SaveDone, SaveJob, Waker};
pub use disk_watch::DiskWatch;
pub use editing::{Editor, LinkOffer, NeedsSpan, Outcome, Refusal, Selection};
pub use open_document::OpenDocument;
pub use registry_change::{EntryId, RegistryChange};
pub use review::{ReviewSession, ReviewSessionError};
pub use sample::{SAMPLE_ANNOTATORS, unpack_sample};
pub use search::{Hit, find_all};
pub use task::Task;
pub use workspace::{DocumentRow, GoldProgress, Notice, RegistryUpdateError, Workspace};
