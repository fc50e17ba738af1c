//! `entities.ron`: the project's registry of actor entities and claim categories,
//! beside `claimspan.ron`.
//!
//! It is its own file rather than part of `claimspan.ron` because analysts change it
//! while they work (adding an entity from the window), while the schema changes
//! rarely and by decision; keeping them apart keeps those changes apart in git. A
//! project without the file has an empty registry, so older projects need nothing.
//!
//! ```ron
//! (
//!     format: 1,
//!     entities: [
//!         (id: "iran-foreign-ministry", name: "Iran Foreign Ministry", type: Organisation, aliases: ["Iranian foreign ministry"]),
//!     ],
//!     categories: [
//!         (id: "oil-sanctions", name: "Sanctions on oil exports", description: "Any measure against oil sales."),
//!     ],
//! )
//! ```

use super::atomic::{WriteBatch, write_atomic};
use super::error::StoreError;
use super::project::{FileStamp, IfOnDisk, Project};
use super::ron_file::{FORMAT, Versioned, read_ron, to_ron};
use crate::model::{Category, Entity, Registry, RegistryError};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The registry file's name, in the project folder.
pub const REGISTRY_FILE: &str = "entities.ron";

/// `entities.ron` as read.
#[derive(Debug, Deserialize)]
struct RegistryFile {
    format: u32,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default)]
    categories: Vec<Category>,
}

impl Versioned for RegistryFile {
    fn format(&self) -> u32 {
        self.format
    }
}

/// The same file as written, borrowing the registry.
#[derive(Serialize)]
struct RegistryFileOut<'a> {
    format: u32,
    entities: &'a [Entity],
    categories: &'a [Category],
}

/// A registry as read, with the file's stamp to notice a change by someone else.
#[derive(Debug, Clone)]
pub struct LoadedRegistry {
    /// The entities and categories.
    pub registry: Registry,
    /// The file's stamp when read; `None` when there is no file yet.
    pub stamp: Option<FileStamp>,
}

/// Why the registry could not be read or written.
#[derive(Debug, Error)]
pub enum RegistryFileError {
    /// Reading, parsing or writing failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The file parses but breaks a rule (an id used twice, an empty name…).
    #[error("{}:{line}: {source}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The line the problem is on (1 when it cannot be told).
        line: usize,
        /// What is wrong and what to do.
        source: RegistryError,
    },
    /// The registry was refused before writing, as it breaks a rule.
    #[error("{} was not saved: {source}", path.display())]
    Refused {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        source: RegistryError,
    },
    /// The file changed on disk since it was loaded.
    #[error("{} was changed by someone else since you opened it; reload it to see their version, or keep yours and overwrite it", path.display())]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
}

impl Project {
    /// Where the registry lives: `entities.ron` beside `claimspan.ron`.
    pub fn registry_path(&self) -> PathBuf {
        self.root().join(REGISTRY_FILE)
    }

    /// Reads the project's registry; an empty one when the project has no
    /// `entities.ron` yet.
    pub fn load_registry(&self) -> Result<LoadedRegistry, RegistryFileError> {
        read_registry(&self.registry_path())
    }

    /// Writes the registry atomically. With [`IfOnDisk::Unchanged`], a file someone
    /// else changed since it was loaded is left alone and
    /// [`RegistryFileError::ChangedOnDisk`] returned.
    pub fn save_registry(
        &self,
        registry: &Registry,
        if_on_disk: IfOnDisk,
    ) -> Result<FileStamp, RegistryFileError> {
        write_registry(&self.registry_path(), registry, if_on_disk)
    }

    /// Writes the registry as part of `batch` (an import's), so that it is taken
    /// back with the rest should the batch fail.
    pub fn save_registry_in(
        &self,
        registry: &Registry,
        batch: &mut WriteBatch,
    ) -> Result<(), RegistryFileError> {
        let path = self.registry_path();
        let text = registry_text(&path, registry)?;
        batch.write(&path, text.as_bytes())?;
        Ok(())
    }
}

/// The registry checked and as `entities.ron` holds it.
fn registry_text(path: &Path, registry: &Registry) -> Result<String, RegistryFileError> {
    registry
        .check()
        .map_err(|source| RegistryFileError::Refused {
            path: path.to_owned(),
            source,
        })?;
    let out = RegistryFileOut {
        format: FORMAT,
        entities: &registry.entities,
        categories: &registry.categories,
    };
    // Depth 2: one entity or category per line, so a change is one line of a diff.
    Ok(to_ron(&out, 2).map_err(|e| StoreError::Unwritable {
        path: path.to_owned(),
        message: e.to_string(),
    })?)
}

/// Reads a registry file at `path`; empty when there is none.
pub fn read_registry(path: &Path) -> Result<LoadedRegistry, RegistryFileError> {
    let stamp = FileStamp::of(path);
    if stamp.is_none() {
        return Ok(LoadedRegistry {
            registry: Registry::default(),
            stamp,
        });
    }
    let file: RegistryFile = read_ron(path)?;
    let registry = Registry {
        entities: file.entities,
        categories: file.categories,
    };
    if let Err(source) = registry.check() {
        let line = fs::read_to_string(path)
            .map(|text| line_of(&text, &source))
            .unwrap_or(1);
        return Err(RegistryFileError::Invalid {
            path: path.to_owned(),
            line,
            source,
        });
    }
    Ok(LoadedRegistry { registry, stamp })
}

/// Checks `registry` and writes it to `path` atomically, refusing when the file is
/// not as `if_on_disk` expects. Needs no [`Project`], so it can run off the UI thread.
pub fn write_registry(
    path: &Path,
    registry: &Registry,
    if_on_disk: IfOnDisk,
) -> Result<FileStamp, RegistryFileError> {
    let text = registry_text(path, registry)?;
    if let IfOnDisk::Unchanged(expected) = if_on_disk
        && FileStamp::of(path) != expected
    {
        return Err(RegistryFileError::ChangedOnDisk {
            path: path.to_owned(),
        });
    }
    write_atomic(path, text.as_bytes())?;
    FileStamp::of(path).ok_or_else(|| {
        RegistryFileError::Store(StoreError::io(
            "read back",
            path,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ))
    })
}

/// The line of `text` that a registry problem is about: the last line quoting the
/// culprit for a duplicate (the second one is the mistake), the first otherwise, and
/// for an empty name the first line with a blank `name`.
fn line_of(text: &str, problem: &RegistryError) -> usize {
    let needle = problem.culprit().map(|c| format!("\"{c}\""));
    let duplicate = matches!(
        problem,
        RegistryError::DuplicateId { .. } | RegistryError::DuplicateName { .. }
    );
    let mut hits = text
        .lines()
        .enumerate()
        .filter(|(_, line)| match &needle {
            Some(needle) => line.contains(needle.as_str()),
            None => blank_name(line),
        })
        .map(|(i, _)| i + 1);
    let hit = if duplicate { hits.last() } else { hits.next() };
    hit.unwrap_or(1)
}

/// True for a line whose `name` is blank (`name: ""` or `name: "  "`).
fn blank_name(line: &str) -> bool {
    line.split("name: \"")
        .skip(1)
        .any(|rest| rest.split('"').next().is_some_and(|n| n.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    fn project() -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::init(dir.path()).unwrap();
        (dir, project)
    }

    #[test]
    fn a_missing_file_is_an_empty_registry() {
        let (_dir, project) = project();
        let loaded = project.load_registry().unwrap();
        assert!(loaded.registry.is_empty() && loaded.stamp.is_none());
    }

    #[test]
    fn saved_registry_reads_back_one_entry_a_line() {
        let (_dir, project) = project();
        let mut r = Registry::default();
        let ministry = r
            .add_entity("Iran Foreign Ministry", EntityKind::Organisation)
            .unwrap();
        r.add_alias(&ministry, "Tehran’s \"foreign\" ministry")
            .unwrap();
        r.add_entity("Dariush Kamali", EntityKind::Person).unwrap();
        r.add_category(
            "Sanctions on oil exports",
            Some("Any measure against oil sales."),
        )
        .unwrap();
        project
            .save_registry(&r, IfOnDisk::Unchanged(None))
            .unwrap();
        let loaded = project.load_registry().unwrap();
        assert_eq!(loaded.registry, r);
        let text = fs::read_to_string(project.registry_path()).unwrap();
        assert_eq!(
            text,
            r#"(
    format: 1,
    entities: [
        (id: "iran-foreign-ministry", name: "Iran Foreign Ministry", type: Organisation, aliases: ["Tehran’s \"foreign\" ministry"]),
        (id: "dariush-kamali", name: "Dariush Kamali", type: Person),
    ],
    categories: [
        (id: "sanctions-on-oil-exports", name: "Sanctions on oil exports", description: "Any measure against oil sales."),
    ],
)
"#
        );
    }

    #[test]
    fn a_file_changed_by_someone_else_is_not_overwritten() {
        let (_dir, project) = project();
        let loaded = project.load_registry().unwrap();
        let mut theirs = loaded.registry.clone();
        theirs.add_entity("Iran", EntityKind::State).unwrap();
        project
            .save_registry(&theirs, IfOnDisk::Unchanged(loaded.stamp))
            .unwrap();
        let mut mine = loaded.registry.clone();
        mine.add_entity("Iraq", EntityKind::State).unwrap();
        let err = project
            .save_registry(&mine, IfOnDisk::Unchanged(loaded.stamp))
            .unwrap_err();
        assert!(
            matches!(err, RegistryFileError::ChangedOnDisk { .. }),
            "{err}"
        );
        assert_eq!(project.load_registry().unwrap().registry, theirs);
    }

    #[test]
    fn hand_edit_mistakes_name_file_and_line() {
        let (_dir, project) = project();
        let path = project.registry_path();
        let write = |text: &str| fs::write(&path, text).unwrap();
        write(
            "(\n    format: 1,\n    entities: [\n        (id: \"iran\", name: \"Iran\", type: State),\n        (id: \"iran\", name: \"Persia\", type: State),\n    ],\n)\n",
        );
        let err = project.load_registry().unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}:5: the entity id “iran” is used twice; give each entity its own id",
                path.display()
            )
        );
        write(
            "(\n    format: 1,\n    categories: [\n        (id: \"a\", name: \"A\"),\n        (id: \"b\", name: \" \"),\n    ],\n)\n",
        );
        let err = project.load_registry().unwrap_err().to_string();
        assert!(
            err.ends_with(":5: a category needs a name; type one"),
            "{err}"
        );
        write(
            "(\n    format: 1,\n    entities: [\n        (id: \"iran\", name: \"Iran\", type: Country),\n    ],\n)\n",
        );
        let err = project.load_registry().unwrap_err();
        assert!(
            matches!(
                err,
                RegistryFileError::Store(StoreError::Syntax { line: 4, .. })
            ),
            "{err}"
        );
        write("(format: 2, entities: [])");
        assert!(matches!(
            project.load_registry(),
            Err(RegistryFileError::Store(StoreError::NewerFormat {
                found: 2,
                ..
            }))
        ));
    }

    #[test]
    fn a_registry_that_breaks_a_rule_is_not_written() {
        let (_dir, project) = project();
        let mut r = Registry::default();
        r.add_entity("Iran", EntityKind::State).unwrap();
        r.entities.push(r.entities[0].clone());
        let err = project.save_registry(&r, IfOnDisk::Anything).unwrap_err();
        assert!(matches!(err, RegistryFileError::Refused { .. }), "{err}");
        assert!(!project.registry_path().exists());
    }
}
