//! Noticing a file changed on disk while the window is idle: another window, a sync
//! client or a `git pull` writing the annotations the analyst is looking at.
//!
//! A thread looks at the file's stamp once a second and wakes the window only when
//! it changed, so an idle window stays idle (no repaint loop) and still says so at
//! once. A stamp check rather than file-system events: it works the same on network
//! and synced folders, where events are often missing, and costs one `stat`.
//! What to do about the change is the workspace's business, on the next frame.

use super::autosave::Waker;
use crate::store::project::FileStamp;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

/// How often the file is looked at.
pub const EVERY: Duration = Duration::from_secs(1);

/// The watcher: set the file to watch; dropped, its thread ends within [`EVERY`].
#[derive(Debug)]
pub struct DiskWatch {
    watched: Arc<Mutex<Watched>>,
}

/// What the thread looks at and what it saw.
#[derive(Debug, Default)]
struct Watched {
    path: Option<PathBuf>,
    /// The stamp last seen, from when the path was set on.
    seen: Option<FileStamp>,
    /// It changed since the workspace last asked.
    changed: bool,
}

impl DiskWatch {
    /// Starts watching nothing yet; `waker` is called when the watched file changes.
    /// `None` when no thread could be started.
    pub fn start(waker: Waker) -> Option<Self> {
        let watched = Arc::new(Mutex::new(Watched::default()));
        let weak = Arc::downgrade(&watched);
        std::thread::Builder::new()
            .name("claimspan-disk-watch".into())
            .spawn(move || watch(&weak, &waker))
            .ok()?;
        Some(Self { watched })
    }

    /// Watches `path` from now on (the current document's annotation file), against
    /// its stamp now, so a change right after is not missed.
    pub fn set(&self, path: Option<PathBuf>) {
        let seen = path.as_deref().and_then(FileStamp::of);
        if let Ok(mut watched) = self.watched.lock() {
            *watched = Watched {
                path,
                seen,
                changed: false,
            };
        }
    }

    /// True once after the watched file changed (our own saves too): only then
    /// does the workspace look at the file itself, so a frame costs no file-system
    /// call.
    pub fn take_changed(&self) -> bool {
        self.watched
            .lock()
            .map(|mut w| std::mem::take(&mut w.changed))
            .unwrap_or(true)
    }
}

fn watch(watched: &Weak<Mutex<Watched>>, waker: &Waker) {
    loop {
        std::thread::sleep(EVERY);
        let Some(watched) = watched.upgrade() else {
            return;
        };
        let Ok(mut w) = watched.lock() else {
            return;
        };
        let Some(path) = &w.path else {
            continue;
        };
        let stamp = FileStamp::of(path);
        if stamp != w.seen {
            w.seen = stamp;
            w.changed = true;
            drop(w);
            waker();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_change_to_the_watched_file_wakes_the_window_and_nothing_else_does() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("doc.ron");
        std::fs::write(&file, "one").unwrap();
        let woken = Arc::new(AtomicUsize::new(0));
        let counter = woken.clone();
        let watch = DiskWatch::start(Arc::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        }))
        .unwrap();
        watch.set(Some(file.clone()));
        // Two looks with nothing changed: no wake.
        std::thread::sleep(EVERY * 2 + Duration::from_millis(300));
        assert_eq!(woken.load(Ordering::SeqCst), 0);
        assert!(!watch.take_changed());
        std::fs::write(&file, "two, longer").unwrap();
        let deadline = std::time::Instant::now() + EVERY * 5;
        while woken.load(Ordering::SeqCst) == 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(woken.load(Ordering::SeqCst), 1);
        assert!(watch.take_changed());
        assert!(!watch.take_changed(), "said once");
    }
}
