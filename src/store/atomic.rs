//! Atomic saves: a crash or power cut leaves the old file or the new one, never half.
//!
//! The new content goes to a temporary file in the same folder (so the rename cannot
//! cross file systems), is flushed to disk, and is renamed over the target. Files of
//! a batch that are new are, on Linux, written as unnamed files and linked in once
//! whole, which spares the temporary name.

use super::error::StoreError;
use super::writer::Writer;
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
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
/// file-system sync at the end costs milliseconds. Each file still appears whole
/// (renamed into place, or linked in once written), so a crashing program never
/// leaves a torn file.
///
/// A batch made with [`WriteBatch::in_background`] hands its files to writer
/// threads once it is large, so reading and checking the next records overlaps with
/// the system calls that create the last ones (those are most of an import's time).
/// Files of one name (an article's text, metadata and annotations) are written in
/// the order given; a file that must come after everything before it goes through
/// [`WriteBatch::write_in_order`]. Failures are reported by [`WriteBatch::finish`],
/// naming the file.
#[derive(Debug)]
pub struct WriteBatch {
    written: Vec<PathBuf>,
    writer: Option<Writer>,
    background: bool,
    /// What each file was before the batch wrote it, for batches that can be undone.
    before: Option<Before>,
    /// The first write that failed: where, and what the system said.
    failure: Option<(PathBuf, String)>,
}

/// The state of the files an undoable batch wrote, from before it wrote them.
#[derive(Debug, Default)]
struct Before {
    /// Files the batch created, which undoing removes.
    created: Vec<PathBuf>,
    /// Files the batch replaced, with their old content, which undoing puts back.
    replaced: Vec<(PathBuf, Vec<u8>)>,
    /// Folders that were not there, which writing into them made and undoing
    /// removes again when empty (an annotator's folder, say).
    folders: Vec<PathBuf>,
    /// Every file written so far, so a second write does not take the first one's
    /// content for the old one, and every folder seen.
    seen: std::collections::HashSet<PathBuf>,
}

impl Undone {
    /// The error for a batch of `what` taken back after `reason`.
    fn into_error(self, what: &'static str, reason: String) -> StoreError {
        StoreError::TakenBack {
            what,
            reason,
            removed: self.removed,
            restored: self.restored,
            left: self.left,
        }
    }
}

/// What [`WriteBatch::undo`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Undone {
    /// Files the batch had created, now removed.
    pub removed: usize,
    /// Files the batch had replaced, now back as they were.
    pub restored: usize,
    /// Files that could not be put back, with the reason.
    pub left: Vec<String>,
}

/// Files written before the batch hands over to writer threads: small batches
/// (a schema, a gold file) are written in place and report errors on the spot.
const WRITTEN_IN_PLACE: usize = 64;

fn write_unsynced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_replacing(path, bytes, false)
}

impl WriteBatch {
    /// An empty batch whose files are on disk (not yet durable) as soon as
    /// [`WriteBatch::write`] returns, so they can be read back before the end.
    pub fn new() -> Self {
        Self {
            written: Vec::new(),
            writer: None,
            background: false,
            before: None,
            failure: None,
        }
    }

    /// A batch like [`WriteBatch::in_background`] that remembers what it changes,
    /// so that a failed import can be taken back whole with [`WriteBatch::undo`]:
    /// a full disk half-way through a file must not leave half of it in the project.
    /// Replaced files are read before they are replaced, so this is for batches that
    /// mostly create files.
    pub fn undoable() -> Self {
        Self {
            before: Some(Before::default()),
            ..Self::in_background()
        }
    }

    /// Notes what `path` is before it is written, for [`WriteBatch::undo`].
    fn remember(&mut self, path: &Path) {
        let Some(before) = &mut self.before else {
            return;
        };
        if !before.seen.insert(path.to_owned()) {
            return;
        }
        match fs::read(path) {
            Ok(old) => before.replaced.push((path.to_owned(), old)),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                before.created.push(path.to_owned());
                // The folders above it that are not there yet, outermost last.
                let mut folder = path.parent();
                while let Some(f) = folder {
                    if f.as_os_str().is_empty() || !before.seen.insert(f.to_owned()) || f.exists() {
                        break;
                    }
                    before.folders.push(f.to_owned());
                    folder = f.parent();
                }
            }
            // Unreadable now means unwritable in a moment: the write reports it.
            Err(_) => {}
        }
    }

    /// Keeps the first failure, for [`WriteBatch::failure`].
    fn failed(&mut self, err: StoreError) -> StoreError {
        if self.failure.is_none() {
            let path = match &err {
                StoreError::Io { path, .. } => path.clone(),
                _ => PathBuf::new(),
            };
            self.failure = Some((path, err.to_string()));
        }
        err
    }

    /// The first write of this batch that failed (the file, and the whole message),
    /// if one did. A failure on a writer thread shows here from the next write on.
    pub fn failure(&self) -> Option<&(PathBuf, String)> {
        self.failure.as_ref()
    }

    /// Takes back everything this batch wrote: files it created are removed (first,
    /// which frees the space a full disk needs), files it replaced get their old
    /// content back. For a batch made [`WriteBatch::undoable`]; any other batch is
    /// only stopped.
    pub fn undo(mut self) -> Undone {
        if let Some(writer) = self.writer.take() {
            // Files still on their way land first, so that removing them is final.
            let _ = writer.finish();
        }
        let mut undone = Undone::default();
        let Some(before) = self.before.take() else {
            return undone;
        };
        for path in before.created.iter().rev() {
            match fs::remove_file(path) {
                Ok(()) => undone.removed += 1,
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => undone.left.push(format!("{}: {e}", path.display())),
            }
        }
        // Only folders the batch made, deepest first, and only if empty.
        let mut folders = before.folders;
        folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        for folder in &folders {
            let _ = fs::remove_dir(folder);
        }
        for (path, old) in before.replaced.iter().rev() {
            match write_atomic(path, old) {
                Ok(()) => undone.restored += 1,
                Err(e) => undone.left.push(e.to_string()),
            }
        }
        undone
    }

    /// An empty batch that, once large, writes its files on writer threads.
    /// For writers that never read back what they wrote before
    /// [`WriteBatch::finish`], like an import.
    pub fn in_background() -> Self {
        Self {
            background: true,
            ..Self::new()
        }
    }

    /// Writes one file by rename; durable only after [`WriteBatch::finish`]. In a
    /// large batch made [`WriteBatch::in_background`] the file may still be on its
    /// way when this returns.
    pub fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        if self.background && self.writer.is_none() && self.written.len() >= WRITTEN_IN_PLACE {
            // Threads that cannot start leave the batch writing in place.
            self.writer = Writer::start(write_unsynced).ok();
        }
        self.remember(path);
        match &self.writer {
            Some(writer) => {
                if writer.send(path, bytes).is_err() {
                    // A thread ended early; finish() reports why.
                    let err = self.stop_writer();
                    return Err(self.failed(err));
                }
            }
            None => {
                if let Err(err) = write_replacing(path, bytes, false) {
                    return Err(self.failed(err));
                }
            }
        }
        self.written.push(path.to_owned());
        Ok(())
    }

    /// Writes one file after every file given before it is written, and before any
    /// given after: for a file the others depend on, like the schema their labels
    /// come from.
    pub fn write_in_order(&mut self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        if let Some(writer) = &self.writer
            && writer.wait().is_err()
        {
            let err = self.stop_writer();
            return Err(self.failed(err));
        }
        self.remember(path);
        if let Err(err) = write_replacing(path, bytes, false) {
            return Err(self.failed(err));
        }
        self.written.push(path.to_owned());
        Ok(())
    }

    fn stop_writer(&mut self) -> StoreError {
        self.writer
            .take()
            .and_then(|writer| writer.finish().err())
            .unwrap_or_else(super::writer::stopped)
    }

    /// How many files were written.
    pub fn len(&self) -> usize {
        self.written.len()
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty()
    }

    /// Waits for the files still on their way and flushes everything written to
    /// disk; the first file that could not be written is the error.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.complete()
    }

    /// [`WriteBatch::finish`], and when that fails, [`WriteBatch::undo`]: for an
    /// undoable batch the project is then as it was, and the error
    /// ([`StoreError::TakenBack`]) says so of `what` ("import").
    pub fn finish_or_undo(mut self, what: &'static str) -> Result<(), StoreError> {
        match self.complete() {
            Ok(()) => Ok(()),
            Err(err) => Err(self.undo().into_error(what, err.to_string())),
        }
    }

    /// When a write of this batch has failed: undoes the batch and returns the
    /// error that says what failed and what was taken back.
    pub fn undo_if_failed(self, what: &'static str) -> Result<Self, StoreError> {
        match self.failure.clone() {
            None => Ok(self),
            Some((_, reason)) => Err(self.undo().into_error(what, reason)),
        }
    }

    fn complete(&mut self) -> Result<(), StoreError> {
        if let Some(writer) = self.writer.take() {
            writer.finish()?;
        }
        sync_written(&self.written)
    }
}

/// Flushes files already written to disk: one `syncfs` on Linux, which covers
/// every file and rename on the file system at the cost of one call; each file
/// elsewhere.
pub fn sync_written(written: &[PathBuf]) -> Result<(), StoreError> {
    let Some(first) = written.first() else {
        return Ok(());
    };
    #[cfg(target_os = "linux")]
    {
        let file = fs::File::open(first).map_err(|e| StoreError::io("sync", first, e))?;
        rustix::fs::syncfs(&file)
            .map_err(|e| StoreError::io("sync", first, std::io::Error::from(e)))?;
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = first;
        for path in written {
            let file = fs::File::open(path).map_err(|e| StoreError::io("sync", path, e))?;
            file.sync_all()
                .map_err(|e| StoreError::io("sync", path, e))?;
        }
    }
    Ok(())
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

/// A fresh temporary name beside `target`: `.<name>.<pid>-<n>.tmp`, the pattern
/// [`is_temp_file`] knows as a leftover. The process id and a counter keep
/// concurrent writers apart without the cost of random names.
pub fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Asked once: every call is a system call, and an import makes tens of thousands.
    static PID: OnceLock<u32> = OnceLock::new();
    let pid = PID.get_or_init(std::process::id);
    target.with_file_name(format!(".{name}.{pid}-{n}.tmp"))
}

/// Creates a new temporary file for `target`, making its folder when missing.
pub(crate) fn create_temp(target: &Path) -> Result<(fs::File, PathBuf), StoreError> {
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
    #[cfg(target_os = "linux")]
    if !durable && !path.exists() && write_new(path, bytes)? {
        return Ok(());
    }
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

/// Whether unnamed files can be given a name here; cleared on the first failure so
/// a system without `O_TMPFILE` or `/proc` does not pay for trying on every file.
#[cfg(target_os = "linux")]
static UNNAMED_FILES_WORK: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Writes a file that is not there yet as an unnamed file that gets its name only
/// once complete (`O_TMPFILE`, then `linkat`). That is one folder entry instead of a
/// temporary one and a rename — a sixth less time for the thousands of files of an
/// import — and a program killed half-way leaves nothing behind. `Ok(false)` when
/// this way is closed (no folder yet, the name taken meanwhile, a file system
/// without unnamed files): the caller writes by rename instead.
#[cfg(target_os = "linux")]
fn write_new(path: &Path, bytes: &[u8]) -> Result<bool, StoreError> {
    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use std::os::fd::AsRawFd;
    if !UNNAMED_FILES_WORK.load(Ordering::Relaxed) {
        return Ok(false);
    }
    let folder = match path.parent() {
        Some(f) if !f.as_os_str().is_empty() => f,
        _ => Path::new("."),
    };
    let flags = OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC;
    let fd = match rustix::fs::openat(CWD, folder, flags, Mode::from_raw_mode(0o666)) {
        Ok(fd) => fd,
        Err(rustix::io::Errno::NOENT) => return Ok(false),
        Err(_) => {
            UNNAMED_FILES_WORK.store(false, Ordering::Relaxed);
            return Ok(false);
        }
    };
    let mut file = fs::File::from(fd);
    file.write_all(bytes)
        .map_err(|e| StoreError::io("write", path, e))?;
    let unnamed = format!("/proc/self/fd/{}", file.as_raw_fd());
    match rustix::fs::linkat(CWD, unnamed.as_str(), CWD, path, AtFlags::SYMLINK_FOLLOW) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::EXIST) => Ok(false),
        Err(_) => {
            UNNAMED_FILES_WORK.store(false, Ordering::Relaxed);
            Ok(false)
        }
    }
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
pub(crate) fn sync_folder(path: &Path) {
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
#[path = "atomic_tests.rs"]
mod tests;
