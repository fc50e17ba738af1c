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
use crate::store::atomic::temp_path;
use std::fs::{self, File};
use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

/// A file being written under a temporary name; removed if dropped unfinished. A
/// target that is a pipe, a terminal or another device (`--out /dev/stdout`, a
/// named pipe a script reads) is written straight into: a stream cannot be replaced
/// whole, and renaming over it would put a plain file where the reader waits.
pub(crate) struct TempFile {
    // Declared before `temp`, so a dropped file is closed before it is removed.
    out: BufWriter<File>,
    /// `None` when writing straight into a stream.
    temp: Option<TempName>,
    target: PathBuf,
}

/// Whether `target` is there and is neither a plain file nor a folder: a named pipe,
/// a terminal, a socket or another device, followed through symbolic links.
pub fn is_stream(target: &Path) -> bool {
    fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir())
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
        if is_stream(target) {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(target)
                .map_err(|e| ExportError::io("open", target, e))?;
            return Ok(Self {
                out: BufWriter::with_capacity(1 << 16, file),
                temp: None,
                target: target.to_owned(),
            });
        }
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
                        temp: Some(TempName(temp)),
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
            temp: temp.map(TempName::take),
            target,
        })
    }
}

/// A finished temporary file waiting for its rename (or a stream already written).
#[derive(Debug)]
pub(crate) struct Staged {
    /// `None` for a stream: nothing to rename.
    temp: Option<PathBuf>,
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
        // Streams were written as the export went; only files are put in place.
        self.files.retain(|f| f.temp.is_some());
        self.sync()?;
        let files = std::mem::take(&mut self.files);
        let total = files.len();
        let mut folders: Vec<PathBuf> = Vec::new();
        let mut rest = files.into_iter().enumerate();
        while let Some((done, file)) = rest.next() {
            let Some(temp) = &file.temp else { continue };
            if let Err(source) = fs::rename(temp, &file.target) {
                let _ = fs::remove_file(temp);
                for (_, left) in rest {
                    if let Some(temp) = &left.temp {
                        let _ = fs::remove_file(temp);
                    }
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
        if self.files.len() > SYNC_ONE_BY_ONE
            && let Some(first) = self.files.first()
            && let Some(temp) = &first.temp
        {
            let file = File::open(temp).map_err(|e| ExportError::io("sync", &first.target, e))?;
            return rustix::fs::syncfs(&file)
                .map_err(|e| ExportError::io("sync", &first.target, e.into()));
        }
        for staged in &self.files {
            let Some(temp) = &staged.temp else { continue };
            File::options()
                .write(true)
                .open(temp)
                .and_then(|f| f.sync_all())
                .map_err(|e| ExportError::io("write", &staged.target, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        for temp in self.files.iter().filter_map(|s| s.temp.as_ref()) {
            let _ = fs::remove_file(temp);
        }
    }
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

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_into_and_stays_a_pipe() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.jsonl");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        let mut staging = Staging::default();
        let mut file = TempFile::create(&fifo).unwrap();
        file.write(b"{\"id\": \"a\"}\n").unwrap();
        staging.push(file.close().unwrap());
        staging.commit().unwrap();
        assert_eq!(reader.join().unwrap(), "{\"id\": \"a\"}\n");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
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
