//! Where an export may not write: the project's own data.
//!
//! `--out p/annotations/alice/d.ron` would replace an annotator's work with an
//! export, `--out p/claimspan.ron` the schema. Every path an export writes is checked
//! here first, with `..` and symbolic links of its folder resolved, so no spelling of
//! a store file gets through; anywhere else inside the project folder (`p/exports/`)
//! is fine.

use crate::formats::error::ExportError;
use crate::store::Project;
use crate::store::REGISTRY_FILE;
use crate::store::project::{ANNOTATIONS, ARTICLES, CONFIG_FILE, GOLD};
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The project's data, resolved, for checking output paths against.
#[derive(Debug, Clone)]
pub(crate) struct Guard {
    /// The project folder, resolved.
    root: PathBuf,
    /// The places inside it the store owns, resolved, with what each is in words.
    owned: Vec<(PathBuf, String)>,
    /// The places given to the user in the refusal.
    listed: String,
}

impl Guard {
    /// The places of `project` that no export may write into.
    pub fn of(project: &Project) -> Self {
        let root = resolve(project.root());
        let mut places: Vec<(PathBuf, String)> = vec![
            (
                root.join(CONFIG_FILE),
                "settings and schema (claimspan.ron)".into(),
            ),
            (
                root.join(REGISTRY_FILE),
                "entity registry (entities.ron)".into(),
            ),
            (root.join(ARTICLES), "article texts (articles/)".into()),
            (root.join(ANNOTATIONS), "annotations (annotations/)".into()),
            (root.join(GOLD), "gold annotations (gold/)".into()),
        ];
        let mut listed = format!("{CONFIG_FILE}, {REGISTRY_FILE}");
        if let Some(guidelines) = &project.config().guidelines {
            let path = resolve(&project.root().join(guidelines));
            places.push((path, format!("guidelines ({guidelines})")));
            listed.push_str(&format!(", {guidelines}"));
        }
        listed.push_str(&format!(", {ARTICLES}/, {ANNOTATIONS}/, {GOLD}/"));
        // A folder of the project may be a link to elsewhere (point 14 of issue 13
        // refuses them, but old projects may have them): its resolved place is the
        // store's too.
        for folder in [ARTICLES, ANNOTATIONS, GOLD] {
            let at = project.root().join(folder);
            places.push((resolve(&at), format!("{folder}/")));
        }
        for annotator in project.annotators() {
            let at = project.root().join(ANNOTATIONS).join(annotator.as_str());
            places.push((resolve(&at), format!("annotations of {annotator}")));
        }
        Self {
            root,
            owned: places,
            listed,
        }
    }

    /// Refuses `path` as an output file when it is (or is inside) the project's
    /// data; its folder is resolved, its own name is not (a link there is replaced,
    /// never written through).
    pub fn check_file(&self, path: &Path) -> Result<(), ExportError> {
        self.check(path, &resolve_parent(path))
    }

    /// Refuses `path` as an output folder when it is the project folder itself or
    /// inside the project's data. Resolved whole: files go inside it.
    pub fn check_folder(&self, path: &Path) -> Result<(), ExportError> {
        let resolved = resolve(path);
        if resolved == self.root {
            return Err(ExportError::IntoProject {
                path: path.to_owned(),
                what: "folder itself: the export's files would lie among the project's own".into(),
                listed: self.listed.clone(),
                root: self.root.clone(),
            });
        }
        self.check(path, &resolved)
    }

    fn check(&self, given: &Path, resolved: &Path) -> Result<(), ExportError> {
        let refuse = |what: &str| ExportError::IntoProject {
            path: given.to_owned(),
            what: what.to_owned(),
            listed: self.listed.clone(),
            root: self.root.clone(),
        };
        for (place, what) in &self.owned {
            if starts_with_folded(resolved, place) {
                return Err(refuse(what));
            }
        }
        // Hidden entries at the top of the project belong to git and to claimspan
        // (.git, .gitattributes, the lock file).
        if let Ok(inside) = resolved.strip_prefix(&self.root)
            && let Some(Component::Normal(first)) = inside.components().next()
            && first.to_string_lossy().starts_with('.')
        {
            return Err(refuse(&format!(
                "{} (hidden files at the top of a project belong to git and claimspan)",
                first.to_string_lossy()
            )));
        }
        Ok(())
    }
}

/// `path` starts with `place`, comparing names without regard to ASCII case: on
/// macOS and Windows `Annotations/` is `annotations/`.
fn starts_with_folded(path: &Path, place: &Path) -> bool {
    let mut path = path.components();
    for want in place.components() {
        match path.next() {
            Some(got) if got.as_os_str().eq_ignore_ascii_case(want.as_os_str()) => {}
            _ => return false,
        }
    }
    true
}

/// `path` made absolute with its links and `..` resolved, as far as it exists; the
/// part that does not exist yet is appended with `.` and `..` applied by name (the
/// folders an export creates there are real folders, not links).
pub(crate) fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_owned())
    };
    let parts: Vec<Component<'_>> = absolute.components().collect();
    // The longest prefix that exists, resolved by the system.
    for split in (0..=parts.len()).rev() {
        let prefix: PathBuf = parts[..split].iter().collect();
        if prefix.as_os_str().is_empty() {
            continue;
        }
        if let Ok(mut resolved) = fs::canonicalize(&prefix) {
            for part in &parts[split..] {
                match part {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::Normal(name) => resolved.push(name),
                    Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
                }
            }
            return resolved;
        }
    }
    absolute
}

/// `path` with its folder resolved and its own name kept.
fn resolve_parent(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            resolve(parent).join(name)
        }
        // `..` or `/` as a file name: resolve it whole.
        _ => resolve(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_store_place_is_refused_and_other_places_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let project = Project::init(&root).unwrap();
        fs::create_dir_all(root.join("annotations/alice")).unwrap();
        let project = Project::open(project.root()).unwrap();
        let guard = Guard::of(&project);
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("annotations"), dir.path().join("link")).unwrap();
        let refused = [
            root.join("claimspan.ron"),
            root.join("entities.ron"),
            root.join("guidelines.md"),
            root.join("articles/a.txt"),
            root.join("annotations/alice/d.ron"),
            root.join("annotations/bob/d.ron"),
            root.join("gold/d.ron"),
            root.join("exports/../gold/d.ron"),
            root.join("new/../../p/Annotations/alice/d.ron"),
            root.join(".git/config"),
        ];
        for path in refused {
            let err = guard.check_file(&path).unwrap_err().to_string();
            assert!(err.contains(&path.display().to_string()), "{err}");
        }
        #[cfg(unix)]
        assert!(
            guard
                .check_file(&dir.path().join("link/alice/d.ron"))
                .is_err()
        );
        assert!(guard.check_folder(&root).is_err());
        assert!(guard.check_folder(&root.join("gold/brat")).is_err());
        for fine in [
            root.join("exports/x.jsonl"),
            root.join("claimspan.ron.jsonl"),
            dir.path().join("x.jsonl"),
        ] {
            guard.check_file(&fine).unwrap();
        }
        guard.check_folder(&root.join("exports/brat")).unwrap();
        guard.check_folder(dir.path()).unwrap();
    }
}
