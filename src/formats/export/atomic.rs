//! Every file an export writes appears whole or not at all.
//!
//! An export streams into a temporary file beside its target (so the rename cannot
//! cross file systems) and renames it over the target only when the whole export has
//! succeeded: a garbled project, a full disk or a killed process leaves the previous
//! output as it was. The store's `write_atomic` does the same for a buffer held
//! whole; an export of a large article is too big to hold, so it streams.
//!
//! The files of one export (one per split, a brat folder, an hf folder) are staged
//! together and renamed one after another at the very end, after one flush to disk
//! for all of them. A failure before that point leaves every previous file; only a
//! failing rename (rare: the disk is already written) can leave the files before it
//! new and those after it old, and the error says so.

use crate::formats::error::ExportError;
use std::fs::{self, File};
use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A file being written under a temporary name; removed if dropped unfinished.
pub(crate) struct TempFile {
    // Declared before `temp`, so a dropped file is closed before it is removed.
    out: BufWriter<File>,
    temp: TempName,
    target: PathBuf,
}

/// A temporary file's name that removes the file when dropped, unless taken.
struct TempName(PathBuf);

impl TempName {
    fn take(mut self) -> PathBuf {
        std::mem::take(&mut self.0)
    }
}

impl Drop for TempName {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.0);
        }
    }
}

impl TempFile {
    /// A new, empty temporary file that will become `target`.
    pub fn create(target: &Path) -> Result<Self, ExportError> {
        loop {
            let temp = temp_path(target);
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)
            {
                Ok(file) => {
                    return Ok(Self {
                        out: BufWriter::with_capacity(1 << 20, file),
                        temp: TempName(temp),
                        target: target.to_owned(),
                    });
                }
                // A leftover of a dead process with the same id: take the next name.
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(ExportError::io("create", target, e)),
            }
        }
    }

    /// The buffered writer, for serialisers that write straight into the file.
    pub fn writer(&mut self) -> &mut BufWriter<File> {
        &mut self.out
    }

    /// Writes bytes, naming the target on failure.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), ExportError> {
        self.out
            .write_all(bytes)
            .map_err(|e| ExportError::io("write", &self.target, e))
    }

    /// Flushes what is buffered and closes the file; it is renamed into place when
    /// its [`Staging`] is committed.
    pub fn close(self) -> Result<Staged, ExportError> {
        let TempFile { out, temp, target } = self;
        match out.into_inner() {
            Ok(file) => drop(file),
            // `temp` is dropped here too, and removes the file.
            Err(e) => return Err(ExportError::io("write", &target, e.into_error())),
        }
        Ok(Staged {
            temp: temp.take(),
            target,
        })
    }
}

/// A finished temporary file waiting for its rename.
#[derive(Debug)]
pub(crate) struct Staged {
    temp: PathBuf,
    target: PathBuf,
}

/// The files of one export, renamed into place together by [`Staging::commit`];
/// dropped uncommitted, it removes them and every target stays as it was.
#[derive(Debug, Default)]
pub(crate) struct Staging {
    files: Vec<Staged>,
}

/// Up to this many files are flushed one by one; more (a brat folder) are flushed by
/// one sync of the file system, as an import does.
const SYNC_ONE_BY_ONE: usize = 16;

impl Staging {
    /// Adds a closed file.
    pub fn push(&mut self, staged: Staged) {
        self.files.push(staged);
    }

    /// Makes every staged file durable, then renames each over its target in the
    /// order given.
    pub fn commit(mut self) -> Result<(), ExportError> {
        self.sync()?;
        let files = std::mem::take(&mut self.files);
        let total = files.len();
        let mut folders: Vec<PathBuf> = Vec::new();
        let mut rest = files.into_iter().enumerate();
        while let Some((done, file)) = rest.next() {
            if let Err(source) = fs::rename(&file.temp, &file.target) {
                let _ = fs::remove_file(&file.temp);
                for (_, left) in rest {
                    let _ = fs::remove_file(&left.temp);
                }
                return Err(ExportError::Replace {
                    path: file.target,
                    replaced: done,
                    total,
                    source,
                });
            }
            if let Some(folder) = file.target.parent()
                && !folders.iter().any(|f| f == folder)
            {
                folders.push(folder.to_owned());
            }
        }
        for folder in folders {
            sync_folder(&folder);
        }
        Ok(())
    }

    fn sync(&self) -> Result<(), ExportError> {
        #[cfg(target_os = "linux")]
        if self.files.len() > SYNC_ONE_BY_ONE {
            let first = &self.files[0];
            let file =
                File::open(&first.temp).map_err(|e| ExportError::io("sync", &first.target, e))?;
            return rustix::fs::syncfs(&file)
                .map_err(|e| ExportError::io("sync", &first.target, e.into()));
        }
        for staged in &self.files {
            File::options()
                .write(true)
                .open(&staged.temp)
                .and_then(|f| f.sync_all())
                .map_err(|e| ExportError::io("write", &staged.target, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        for staged in &self.files {
            let _ = fs::remove_file(&staged.temp);
        }
    }
}

/// A fresh temporary name beside `target`, `.<name>.<pid>-<n>.tmp`: the store's
/// pattern, so `claimspan validate` and the store's clean-up know it as a leftover.
fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Makes the renames durable; failing to is not worth failing the export over, as
/// the data itself is on disk.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    }) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_unfinished_file_leaves_the_previous_one_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        fs::write(&target, "previous\n").unwrap();
        let mut file = TempFile::create(&target).unwrap();
        file.write(b"half of a new").unwrap();
        drop(file);
        assert_eq!(fs::read_to_string(&target).unwrap(), "previous\n");
        assert_eq!(names(dir.path()), ["out.jsonl"]);

        // Staged but not committed: the same.
        let mut staging = Staging::default();
        let mut file = TempFile::create(&target).unwrap();
        file.write(b"new\n").unwrap();
        staging.push(file.close().unwrap());
        drop(staging);
        assert_eq!(fs::read_to_string(&target).unwrap(), "previous\n");
        assert_eq!(names(dir.path()), ["out.jsonl"]);
    }

    #[test]
    fn a_commit_renames_every_file_into_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut staging = Staging::default();
        for name in ["a", "b"] {
            let mut file = TempFile::create(&dir.path().join(name)).unwrap();
            file.write(name.as_bytes()).unwrap();
            staging.push(file.close().unwrap());
        }
        staging.commit().unwrap();
        assert_eq!(names(dir.path()), ["a", "b"]);
        assert_eq!(fs::read_to_string(dir.path().join("b")).unwrap(), "b");
    }

    #[test]
    fn a_failing_rename_says_how_many_were_replaced_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the second file should go: a file cannot replace it.
        fs::create_dir(dir.path().join("b")).unwrap();
        fs::write(dir.path().join("c"), "old c").unwrap();
        let mut staging = Staging::default();
        for name in ["a", "b", "c"] {
            let mut file = TempFile::create(&dir.path().join(name)).unwrap();
            file.write(b"new").unwrap();
            staging.push(file.close().unwrap());
        }
        let err = staging.commit().unwrap_err().to_string();
        assert!(err.contains("1 of 3"), "{err}");
        assert_eq!(names(dir.path()), ["a", "b", "c"]);
        assert_eq!(fs::read_to_string(dir.path().join("c")).unwrap(), "old c");
    }
}
