//! Writing a gold file only over the version it was read from.
//!
//! A merge reads a gold file, computes for a while and writes the result. Meanwhile
//! git (a pull, a checkout) or an editor may replace the file; writing over that
//! would lose a person's edit without a word. So the new content is written beside
//! the file first, and the file's stamp is compared with the one it had when read
//! only then, immediately before the rename that puts the new content in place.
//!
//! What remains, documented rather than hidden:
//! - A replacement that lands between that last comparison and the rename (two
//!   system calls apart, microseconds) is still overwritten. Writers that take the
//!   project lock cannot land there; git and editors do not take it.
//! - A stamp is the modification time, the length and, on Unix, the inode and the
//!   change time: a file replaced by a rename (git, most editors) has a new inode
//!   however quickly it came, and one rewritten in place a new change time. Only a
//!   change within the change time's granularity that keeps inode and length is not
//!   seen, and elsewhere than Unix one within the modification time's.
//! - Where there was no gold file, the new one is linked in only if the name is
//!   still free, which the file system decides atomically: nothing created meanwhile
//!   is overwritten. Only on a file system without hard links does this fall back to
//!   comparing, then renaming.

use super::super::atomic::{create_temp, sync_folder, sync_written};
use super::super::error::StoreError;
use super::super::project::{FileStamp, IfOnDisk, SaveError};
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Gold files written by one merge thread, made durable together at the end.
#[derive(Debug, Default)]
pub struct GoldWrites {
    written: Vec<PathBuf>,
}

impl GoldWrites {
    /// Nothing written yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many files were written.
    pub fn len(&self) -> usize {
        self.written.len()
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty()
    }

    /// Writes `bytes` to `path` as [`replace_if_unchanged`] does, durable after
    /// [`GoldWrites::finish`].
    pub fn write(
        &mut self,
        path: &Path,
        bytes: &[u8],
        if_on_disk: IfOnDisk,
    ) -> Result<(), SaveError> {
        replace_if_unchanged(path, bytes, if_on_disk, false)?;
        self.written.push(path.to_owned());
        Ok(())
    }

    /// Flushes every file written to disk: one file-system sync on Linux, each file
    /// elsewhere.
    pub fn finish(self) -> Result<(), StoreError> {
        sync_written(&self.written)
    }
}

/// Writes `bytes` to `path` atomically; with [`IfOnDisk::Unchanged`], only if the
/// file still has that stamp at the last moment before it is replaced (see the
/// module's notes for what remains). `durable` flushes the file and its folder
/// before returning.
pub fn replace_if_unchanged(
    path: &Path,
    bytes: &[u8],
    if_on_disk: IfOnDisk,
    durable: bool,
) -> Result<(), SaveError> {
    // A quick refusal before writing anything, for the common case of a file
    // changed long ago.
    check(path, if_on_disk)?;
    let temp = write_temp(path, bytes, durable)?;
    let result = put_in_place(&temp, path, if_on_disk);
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    if durable {
        sync_folder(path);
    }
    Ok(())
}

fn check(path: &Path, if_on_disk: IfOnDisk) -> Result<(), SaveError> {
    match if_on_disk {
        IfOnDisk::Unchanged(expected) if FileStamp::of(path) != expected => {
            Err(SaveError::ChangedOnDisk {
                path: path.to_owned(),
            })
        }
        _ => Ok(()),
    }
}

fn put_in_place(temp: &Path, path: &Path, if_on_disk: IfOnDisk) -> Result<(), SaveError> {
    if if_on_disk == IfOnDisk::Unchanged(None) {
        match fs::hard_link(temp, path) {
            Ok(()) => {
                let _ = fs::remove_file(temp);
                return Ok(());
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                return Err(SaveError::ChangedOnDisk {
                    path: path.to_owned(),
                });
            }
            // No hard links here: compare and rename like a replacement.
            Err(_) => {}
        }
    }
    check(path, if_on_disk)?;
    fs::rename(temp, path).map_err(|e| StoreError::io("replace", path, e).into())
}

/// The new content in a fresh temporary file beside `path`, named as every save
/// names them (`.<name>.<pid>-<n>.tmp`) so that a killed merge's leftovers are
/// recognised and cleared.
fn write_temp(path: &Path, bytes: &[u8], durable: bool) -> Result<PathBuf, StoreError> {
    let (mut file, temp) = create_temp(path)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| if durable { file.sync_all() } else { Ok(()) });
    if let Err(e) = written {
        drop(file);
        let _ = fs::remove_file(&temp);
        return Err(StoreError::io("write", &temp, e));
    }
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_replaced_after_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        fs::write(&path, "read").unwrap();
        let stamp = FileStamp::of(&path);
        // Someone replaces it (git, an editor) with content of another length.
        fs::write(&path, "theirs, longer").unwrap();
        let err =
            replace_if_unchanged(&path, b"mine", IfOnDisk::Unchanged(stamp), false).unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs, longer");
        // As read, it is replaced.
        let stamp = FileStamp::of(&path);
        replace_if_unchanged(&path, b"mine", IfOnDisk::Unchanged(stamp), true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file");
    }

    #[test]
    fn a_file_created_meanwhile_where_there_was_none_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold").join("d.ron");
        let mut writes = GoldWrites::new();
        writes
            .write(&path, b"first", IfOnDisk::Unchanged(None))
            .unwrap();
        let temp = write_temp(&path, b"second", false).unwrap();
        // The name is taken between the last look and the link.
        let err = put_in_place(&temp, &path, IfOnDisk::Unchanged(None)).unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        let _ = fs::remove_file(&temp);
        assert_eq!(writes.len(), 1);
        writes.finish().unwrap();
    }

    #[test]
    fn the_last_look_comes_after_the_new_content_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        fs::write(&path, "read").unwrap();
        let stamp = FileStamp::of(&path);
        let temp = write_temp(&path, b"mine", false).unwrap();
        // Replaced while the new content was being written.
        fs::write(&path, "theirs!").unwrap();
        let err = put_in_place(&temp, &path, IfOnDisk::Unchanged(stamp)).unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs!");
        assert!(crate::store::atomic::is_temp_file(&temp));
    }
}
