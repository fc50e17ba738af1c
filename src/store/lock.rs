//! The project lock: one writer of the files a whole team shares at a time.
//!
//! Each annotator writes only their own folder, so saving one's own annotations needs
//! no lock. But the schema (`claimspan.ron`), the registry (`entities.ron`), the
//! articles and the gold standard are written by whoever imports, adds labels, edits
//! entities or merges; two of those at once lose each other's work (both read the
//! schema, each adds a label, the second rename wins). Such writers hold this lock
//! from before they read the project until their last write is durable.
//!
//! It is an advisory lock on `.claimspan.lock` in the project folder (`flock` on
//! Unix, `LockFileEx` on Windows, through `std::fs::File::lock`). The system drops it
//! when the process ends, however it ends, so a killed import never leaves the
//! project locked. The file itself stays (deleting it while another process waits on
//! it would let a third take a lock on a new file); `init` lists it in `.gitignore`.
//! A lock on a network drive is only as good as that drive's locking: a synced
//! folder (Dropbox, OneDrive) does not carry locks between machines at all.

use super::error::StoreError;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The lock file's name in the project folder.
pub const LOCK_FILE: &str = ".claimspan.lock";

/// What to do when another process holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenLocked {
    /// Wait until it is free (after telling the user through the callback).
    Wait,
    /// Refuse with [`StoreError::Locked`].
    Refuse,
}

/// The project lock, held until dropped.
#[derive(Debug)]
pub struct ProjectLock {
    // Holding the open file holds the lock; closing it (drop) releases it.
    _file: File,
    path: PathBuf,
}

impl ProjectLock {
    /// Takes the lock of the project in `root` for `what` ("import", "merge", …),
    /// which is written into the lock file so that a second writer can say who holds
    /// it. With [`WhenLocked::Wait`], `waiting` is called once with who holds it before
    /// this blocks.
    pub fn acquire(
        root: &Path,
        what: &str,
        when_locked: WhenLocked,
        waiting: impl FnOnce(&str),
    ) -> Result<ProjectLock, StoreError> {
        // A mistyped folder gets "not a project", not a lock file of its own.
        if !super::place::regular_file(&root.join(super::project::CONFIG_FILE))? {
            return Err(StoreError::NotAProject {
                path: root.to_owned(),
            });
        }
        let path = root.join(LOCK_FILE);
        let mut file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = holder(&mut file);
                match when_locked {
                    WhenLocked::Refuse => {
                        return Err(StoreError::Locked {
                            path: root.to_owned(),
                            holder,
                        });
                    }
                    WhenLocked::Wait => {
                        waiting(&holder);
                        file.lock().map_err(|e| StoreError::io("lock", &path, e))?;
                    }
                }
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", &path, e)),
        }
        // Who holds it, for the message a second writer shows; not needed for the
        // lock itself, so a failure to write it is no reason to give the lock up.
        let _ = describe_holder(&mut file, what);
        Ok(ProjectLock { _file: file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn open_lock_file(path: &Path) -> Result<File, StoreError> {
    // A symlink planted as the lock file must not make us create or truncate a file
    // elsewhere; the lock file is a regular file in the project or nothing.
    if let Ok(meta) = fs::symlink_metadata(path)
        && !meta.file_type().is_file()
    {
        return Err(StoreError::NotARegularFile {
            path: path.to_owned(),
            found: super::place::kind_of(&meta),
        });
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| StoreError::io("open", path, e))
}

fn describe_holder(file: &mut File, what: &str) -> std::io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    writeln!(file, "{what} (process {})", std::process::id())?;
    file.flush()
}

fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let described = file.seek(SeekFrom::Start(0)).is_ok()
        && file.take(200).read_to_string(&mut text).is_ok()
        && !text.trim().is_empty();
    if described {
        text.trim().to_owned()
    } else {
        "another claimspan".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("claimspan.ron"), "(format: 1)").unwrap();
        dir
    }

    #[test]
    fn a_second_writer_is_refused_while_the_first_holds_the_lock_and_gets_it_after() {
        let dir = project();
        let first = ProjectLock::acquire(dir.path(), "import", WhenLocked::Refuse, |_| {}).unwrap();
        let err = ProjectLock::acquire(dir.path(), "merge", WhenLocked::Refuse, |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.contains("import (process"), "{err}");
        assert!(err.contains("try again when it has finished"), "{err}");
        drop(first);
        ProjectLock::acquire(dir.path(), "merge", WhenLocked::Refuse, |_| {}).unwrap();
    }

    #[test]
    fn a_waiting_writer_is_told_who_holds_the_lock_and_goes_on_when_it_is_free() {
        let dir = project();
        let root = dir.path().to_owned();
        let first = ProjectLock::acquire(&root, "import", WhenLocked::Wait, |_| {}).unwrap();
        let (told, heard) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let lock = ProjectLock::acquire(&root, "merge", WhenLocked::Wait, |holder| {
                told.send(holder.to_owned()).unwrap();
            });
            lock.map(|_| ())
        });
        let holder = heard.recv().unwrap();
        assert!(holder.starts_with("import (process"), "{holder}");
        drop(first);
        waiter.join().unwrap().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_place_of_the_lock_file_is_refused_and_nothing_is_created() {
        let dir = project();
        let elsewhere = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&elsewhere, dir.path().join(LOCK_FILE)).unwrap();
        let err = ProjectLock::acquire(dir.path(), "import", WhenLocked::Refuse, |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert!(!elsewhere.exists());
    }

    #[test]
    fn a_folder_that_is_no_project_gets_no_lock_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = ProjectLock::acquire(dir.path(), "import", WhenLocked::Wait, |_| {}).unwrap_err();
        assert!(matches!(err, StoreError::NotAProject { .. }), "{err}");
        assert!(!dir.path().join(LOCK_FILE).exists());
    }
}
