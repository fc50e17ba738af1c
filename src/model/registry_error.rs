//! Why a registry change was refused, or what is wrong with a registry read from
//! disk.

use thiserror::Error;

/// Why a registry change was refused, or what is wrong with a registry read from
/// disk. Each message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegistryError {
    /// A name that is empty or only spaces.
    #[error("{} {what} needs a name; type one", article(.what))]
    EmptyName {
        /// `entity` or `category`.
        what: &'static str,
    },
    /// An id with characters that are not allowed.
    #[error("“{id}” cannot be a {what} id; use letters, digits, '-', '_' or '.' (at most 120)")]
    BadId {
        /// `entity` or `category`.
        what: &'static str,
        /// The id given.
        id: String,
    },
    /// Two entries share an id.
    #[error("the {what} id “{id}” is used twice; give each {what} its own id")]
    DuplicateId {
        /// `entity` or `category`.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// Two entries share a name (compared without case, accents or possessives).
    #[error("there is already {} {what} called “{name}” (id {existing}); use that one or pick another name", article(.what))]
    DuplicateName {
        /// `entity` or `category`.
        what: &'static str,
        /// The name given.
        name: String,
        /// The entry that has it.
        existing: String,
    },
    /// An alias the entity has already, as name or alias.
    #[error("“{alias}” is already a name of {entity}")]
    DuplicateAlias {
        /// The alias given.
        alias: String,
        /// The entity's id.
        entity: String,
    },
    /// An alias the entity does not have.
    #[error("{entity} has no alias “{alias}”")]
    NoSuchAlias {
        /// The alias given.
        alias: String,
        /// The entity's id.
        entity: String,
    },
    /// No entry with that id.
    #[error("there is no {what} “{id}” in entities.ron; add it in the registry panel first")]
    NoSuchEntry {
        /// `entity` or `category`.
        what: &'static str,
        /// The id asked for.
        id: String,
    },
}

impl RegistryError {
    /// The id or name the error is about, to find its line in a file.
    pub fn culprit(&self) -> Option<&str> {
        match self {
            RegistryError::EmptyName { .. } => None,
            RegistryError::BadId { id, .. }
            | RegistryError::DuplicateId { id, .. }
            | RegistryError::NoSuchEntry { id, .. } => Some(id),
            RegistryError::DuplicateName { name, .. } => Some(name),
            RegistryError::DuplicateAlias { alias, .. }
            | RegistryError::NoSuchAlias { alias, .. } => Some(alias),
        }
    }
}

/// `a` or `an` before `what`.
fn article(what: &str) -> &'static str {
    if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
