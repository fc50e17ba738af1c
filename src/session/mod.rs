//! An editing session over a project: the documents one annotator has open, their
//! undo histories, searching, and saving in the background. Plain Rust with no egui,
//! so the window is a thin layer over it and all of it is tested without a screen.
//!
//! Every change to annotations goes through [`Workspace::edit`], [`Workspace::undo`]
//! or [`Workspace::redo`]: the one place where history and autosave hook in.

pub mod autosave;
pub mod disk_watch;
pub mod open_document;
pub mod registry_change;
pub mod review;
pub mod sample;
pub mod search;
pub mod task;
pub mod workspace;

pub use autosave::{Autosaver, SaveDone, SaveJob, Waker};
pub use disk_watch::DiskWatch;
pub use open_document::OpenDocument;
pub use registry_change::RegistryChange;
pub use review::{ReviewSession, ReviewSessionError};
pub use sample::{SAMPLE_ANNOTATORS, unpack_sample};
pub use search::{Hit, find_all};
pub use task::Task;
pub use workspace::{DocumentRow, GoldProgress, Notice, RegistryUpdateError, Workspace};
