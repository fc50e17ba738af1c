//! A file's stamp: how a save notices that someone else changed the file since it
//! was read.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

/// When and how large a file was when it was read or written, to notice that someone
/// else changed it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    modified: SystemTime,
    len: u64,
    /// Inode and change time where the system has them: a file that git or an
    /// editor replaced within the same second and with the same length still has a
    /// new inode, and one rewritten in place a new change time.
    identity: (u64, i64, i64),
}

impl FileStamp {
    /// The stamp of the file at `path` now, or `None` if there is no file.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = fs::metadata(path).ok()?;
        Some(Self {
            modified: meta.modified().ok()?,
            len: meta.len(),
            identity: identity(&meta),
        })
    }
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.ctime(), meta.ctime_nsec())
}

#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata) -> (u64, i64, i64) {
    (0, 0, 0)
}
