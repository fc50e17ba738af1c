//! The project folder on disk: RON files with a format version, atomic saves,
//! re-anchoring on load, statistics and validation. No egui here.

pub mod atomic;
pub mod compare;
mod damage;
pub mod error;
pub mod files;
pub mod gold;
pub mod lock;
pub mod parallel;
pub mod place;
pub mod project;
pub mod registry;
pub mod ron_fast;
pub mod ron_file;
pub mod stats;
pub mod suggestions;
pub mod validate;
mod writer;

pub use atomic::{Undone, WriteBatch, write_atomic};
pub use compare::{Compared, Counted};
pub use error::StoreError;
pub use files::ProjectConfig;
pub use gold::{
    Candidate, Disagreement, DisagreementKind, Gold, GoldReview, LoadedGold, Overruled, Resolution,
    ReviewNote,
};
pub use lock::{LOCK_FILE, ProjectLock, WhenLocked};
pub use parallel::{par_fold, par_map};
pub use project::{
    Added, FileStamp, IfOnDisk, Loaded, NewArticle, Planned, Project, SaveError, Unfitted,
    write_annotations,
};
pub use registry::{
    LoadedRegistry, REGISTRY_FILE, RegistryFileError, read_registry, write_registry,
};
pub use stats::{Stats, stats};
pub use suggestions::{SUGGESTIONS, Suggested, SuggestionSet};
pub use validate::{Problem, validate};
