//! What may be a project file: a regular file, in real folders, inside the project.
//!
//! A project folder travels through git and synced drives, so it may hold what its
//! owner never meant: an annotator folder linked to somewhere else (whose saves would
//! land outside the project), `articles/d.txt -> ~/secret.txt` (whose text an export
//! would publish), a named pipe (whose read never returns). The store refuses all of
//! them by what they are, not by what they point at, and names them.

use super::error::StoreError;
use std::fs::{self, Metadata};
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

/// What a path is, in words: "a symbolic link", "a folder", …
pub fn kind_of(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_symlink() {
        return "a symbolic link";
    }
    if kind.is_dir() {
        return "a folder";
    }
    if kind.is_file() {
        return "a file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// `Ok(true)` when `path` is a regular file (not a link to one), `Ok(false)` when
/// there is nothing there, and an error naming what it is otherwise.
pub fn regular_file(path: &Path) -> Result<bool, StoreError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_file() => Ok(true),
        Ok(meta) => Err(StoreError::NotARegularFile {
            path: path.to_owned(),
            found: kind_of(&meta),
        }),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(StoreError::io("look at", path, e)),
    }
}

/// `Ok(true)` when `path` is a folder (not a link to one), `Ok(false)` when there is
/// nothing there, and an error naming what it is otherwise.
pub fn real_folder(path: &Path) -> Result<bool, StoreError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_dir() => Ok(true),
        Ok(meta) => Err(StoreError::NotARegularFile {
            path: path.to_owned(),
            found: kind_of(&meta),
        }),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(StoreError::io("look at", path, e)),
    }
}

/// Reads a project file whole, refusing links, pipes and devices before opening it
/// (opening a FIFO alone would block).
pub fn read_project_file(path: &Path) -> Result<Vec<u8>, StoreError> {
    if !regular_file(path)? {
        return Err(StoreError::io(
            "read",
            path,
            std::io::Error::from(ErrorKind::NotFound),
        ));
    }
    fs::read(path).map_err(|e| StoreError::io("read", path, e))
}

/// Every folder from `root` (exclusive) down to `path`'s parent is a real folder or
/// not there yet, so a file written at `path` lands inside the project.
pub fn folders_are_real(root: &Path, path: &Path) -> Result<(), StoreError> {
    let Ok(inner) = path.parent().unwrap_or(path).strip_prefix(root) else {
        return Ok(());
    };
    let mut at = root.to_owned();
    for part in inner.components() {
        at.push(part);
        if !real_folder(&at)? {
            break;
        }
    }
    Ok(())
}

/// The guidelines file named in `claimspan.ron` as a path inside the project: a
/// relative path with no `..`, through real folders to a regular file (or nothing).
pub fn guidelines_path(
    root: &Path,
    config: &Path,
    guidelines: &str,
) -> Result<PathBuf, StoreError> {
    let relative = Path::new(guidelines);
    let inside = !guidelines.is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside {
        return Err(StoreError::GuidelinesOutside {
            path: config.to_owned(),
            guidelines: guidelines.to_owned(),
        });
    }
    let path = root.join(relative);
    folders_are_real(root, &path)?;
    regular_file(&path)?;
    Ok(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_pipes_and_folders_are_named_for_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        fs::write(&file, "x").unwrap();
        symlink(&file, dir.path().join("link.txt")).unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(regular_file(&file).unwrap());
        assert!(!regular_file(&dir.path().join("none")).unwrap());
        let link = regular_file(&dir.path().join("link.txt")).unwrap_err();
        assert!(link.to_string().contains("is a symbolic link"), "{link}");
        let folder = regular_file(dir.path()).unwrap_err();
        assert!(folder.to_string().contains("is a folder"), "{folder}");
        if made.is_ok_and(|s| s.success()) {
            // Must not block: the type is known before the pipe is opened.
            let pipe = read_project_file(&fifo).unwrap_err();
            assert!(pipe.to_string().contains("named pipe"), "{pipe}");
        }
    }

    #[test]
    fn guidelines_stay_inside_the_project() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let config = root.join("claimspan.ron");
        for outside in ["../../etc/passwd", "/etc/passwd", "docs/../../x.md", ""] {
            let err = guidelines_path(root, &config, outside).unwrap_err();
            assert!(
                matches!(err, StoreError::GuidelinesOutside { .. }),
                "{outside}: {err}"
            );
        }
        assert_eq!(
            guidelines_path(root, &config, "docs/guide.md").unwrap(),
            root.join("docs/guide.md")
        );
        symlink("/etc", root.join("docs")).unwrap();
        let err = guidelines_path(root, &config, "docs/passwd").unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
    }
}
