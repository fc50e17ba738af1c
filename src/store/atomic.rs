//! Atomic saves: a crash or power cut leaves the old file or the new one, never half.
//!
//! The new content goes to a temporary file in the same folder (so the rename cannot
//! cross file systems), is flushed to disk, and is renamed over the target.

use super::error::StoreError;
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to `path` atomically and durably: when this returns, the new
/// content is on disk.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_replacing(path, bytes, true)?;
    sync_folder(path);
    Ok(())
}

/// Many new files written atomically, made durable together at the end.
///
/// An import writes thousands of files; an `fsync` for each costs seconds, while one
/// file-system sync at the end costs milliseconds. Each file is still replaced by
/// rename, so a crashing program never leaves a torn file.
#[derive(Debug)]
pub struct WriteBatch {
    written: Vec<PathBuf>,
}

impl WriteBatch {
    /// An empty batch.
    pub fn new() -> Self {
        Self {
            written: Vec::new(),
        }
    }

    /// Writes one file by rename; durable only after [`WriteBatch::finish`].
    pub fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        write_replacing(path, bytes, false)?;
        self.written.push(path.to_owned());
        Ok(())
    }

    /// How many files were written.
    pub fn len(&self) -> usize {
        self.written.len()
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty()
    }

    /// Flushes everything written to disk.
    pub fn finish(self) -> Result<(), StoreError> {
        let Some(first) = self.written.first() else {
            return Ok(());
        };
        #[cfg(target_os = "linux")]
        {
            // One syncfs covers every file and rename on the file system.
            let file = fs::File::open(first).map_err(|e| StoreError::io("sync", first, e))?;
            rustix::fs::syncfs(&file)
                .map_err(|e| StoreError::io("sync", first, std::io::Error::from(e)))?;
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = first;
            for path in &self.written {
                let file = fs::File::open(path).map_err(|e| StoreError::io("sync", path, e))?;
                file.sync_all()
                    .map_err(|e| StoreError::io("sync", path, e))?;
            }
        }
        Ok(())
    }
}

impl Default for WriteBatch {
    fn default() -> Self {
        Self::new()
    }
}

/// True for a temporary file an interrupted save left behind.
pub fn is_temp_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
}

/// A fresh temporary name beside `target`: `.<name>.<pid>-<n>.tmp`. The process id
/// and a counter keep concurrent writers apart without the cost of random names.
fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Creates a new temporary file for `target`, making its folder when missing.
fn create_temp(target: &Path) -> Result<(fs::File, PathBuf), StoreError> {
    let mut made_folder = false;
    loop {
        let temp = temp_path(target);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => return Ok((file, temp)),
            // A leftover of a dead process that had the same id: take the next name.
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) if e.kind() == ErrorKind::NotFound && !made_folder => {
                let folder = target.parent().unwrap_or(Path::new("."));
                fs::create_dir_all(folder).map_err(|e| StoreError::io("create", folder, e))?;
                made_folder = true;
            }
            Err(e) => return Err(StoreError::io("create a temporary file for", target, e)),
        }
    }
}

fn write_replacing(path: &Path, bytes: &[u8], durable: bool) -> Result<(), StoreError> {
    let (mut file, temp) = create_temp(path)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| if durable { file.sync_all() } else { Ok(()) })
        .map_err(|e| StoreError::io("write", &temp, e));
    drop(file);
    let result = written
        .and_then(|()| fs::rename(&temp, path).map_err(|e| StoreError::io("replace", path, e)));
    if result.is_err() {
        // The target is untouched; the half-written temporary file is of no use.
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Removes the temporary files that killed saves left in `folder` and returns how
/// many. Saves do not scan for them (that would cost a folder listing per save);
/// callers that are about to write a folder anyway, like an import, clear it once.
pub fn remove_leftovers(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        if is_temp_file(&entry.path()) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Makes the rename itself durable. Only meaningful on Unix; elsewhere a no-op.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent()
        && let Ok(dir) = fs::File::open(folder)
    {
        // The data is already safe; failing to sync the folder entry is not worth
        // failing the save over.
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("a.ron");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        fs::write(dir.path().join("sub").join(".a.ron.XYZ.tmp"), b"torn").unwrap();
        assert_eq!(remove_leftovers(&dir.path().join("sub")), 1);
        let mut batch = WriteBatch::new();
        batch.write(&path, b"three").unwrap();
        batch.write(&dir.path().join("b.txt"), b"b").unwrap();
        assert_eq!(batch.len(), 2);
        batch.finish().unwrap();
        let names: Vec<String> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.ron"]);
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert!(is_temp_file(Path::new(".a.ron.XYZ.tmp")));
    }
}
