//! Saving in the background and the files on disk: the saves that are due each tick,
//! a file changed under us (read again when nothing was edited here, else the user
//! chooses: reload theirs, keep mine, or merge), and waiting for the disk on close.

use super::{Notice, Workspace};
use crate::model::{DocumentId, Reapplied};
use crate::session::OpenDocument;
use crate::session::autosave::SaveDone;
use crate::store::StoreError;
use crate::store::project::Loaded;
use std::time::{Duration, Instant};

impl Workspace {
    /// Starts the saves that are due and takes in finished ones. Returns what the user
    /// must hear about.
    pub fn tick(&mut self, now: Instant) -> Vec<Notice> {
        let mut notices = Vec::new();
        for done in self.saver.finished() {
            self.take_result(done, &mut notices);
        }
        let debounce = self.debounce;
        let jobs: Vec<_> = self
            .open
            .values_mut()
            .filter_map(|open| open.due_save(now, debounce))
            .collect();
        for job in jobs {
            if let Some(done) = self.saver.send(job) {
                self.take_result(done, &mut notices);
            }
        }
        self.look_at_disk(&mut notices);
        notices
    }

    /// Notices the current document's file changed on disk under us (another window,
    /// a sync, a `git pull`): read again when nothing was edited here since it was
    /// read, else the user is asked before anything is saved over it.
    fn look_at_disk(&mut self, notices: &mut Vec<Notice>) {
        // Without a watch thread (tests, no threads) every tick looks.
        let look = match &self.watch {
            Some(watch) => watch.take_changed() | std::mem::take(&mut self.look_now),
            None => true,
        };
        if !look {
            return;
        }
        // In review mode the file shown is gold: every decision is written at once,
        // so a change by someone else is read again, with nothing of ours to lose.
        if let Some(review) = &mut self.review {
            if review.gold_changed_under_us(&self.project) {
                let document = review.document().id().clone();
                match review.reload(&self.project) {
                    Ok(()) => notices.push(Notice::GoldReloadedFromDisk { document }),
                    Err(err) => notices.push(Notice::SaveFailed(err.to_string())),
                }
                self.update_gold_row();
            }
            return;
        }
        let Some(id) = self.current.clone() else {
            return;
        };
        let Some(open) = self.open.get_mut(&id) else {
            return;
        };
        if !open.changed_under_us() {
            return;
        }
        // Read once. Saved edits that their version holds already (another window
        // merged them, or the same change came through a sync) need no choice; a
        // file that cannot be read is the user's choice too, never asked again
        // frame after frame.
        let theirs = open
            .is_saved()
            .then(|| {
                self.project
                    .load_annotations(open.document(), &self.annotator)
                    .ok()
            })
            .flatten()
            .filter(|theirs| !open.edited_since_read() || open.holds_my_edits(&theirs.annotations));
        match theirs {
            Some(theirs) => {
                self.take_theirs(&id, theirs);
                notices.push(Notice::ReloadedFromDisk { document: id });
            }
            None => {
                open.mark_changed_on_disk();
                notices.push(Notice::ChangedOnDisk {
                    path: open.path().to_owned(),
                    document: id,
                });
            }
        }
    }

    fn take_result(&mut self, done: SaveDone, notices: &mut Vec<Notice>) {
        let id = done.document.clone();
        let Some(open) = self.open.get_mut(&id) else {
            return;
        };
        if done.lost_mirror {
            self.saver.mirror(open.annotations().clone());
            open.mirror_renewed();
            return;
        }
        match open.save_finished(done) {
            Ok(true) => self.project.note_annotated(&self.annotator, &id),
            Ok(false) => self.project.note_not_annotated(&self.annotator, &id),
            Err(crate::store::project::SaveError::ChangedOnDisk { path }) => {
                notices.push(Notice::ChangedOnDisk { document: id, path });
            }
            Err(err) => notices.push(Notice::SaveFailed(err.to_string())),
        }
    }

    /// True when some document has edits not yet on disk.
    pub fn has_unsaved(&self) -> bool {
        self.open.values().any(|o| !o.is_saved())
    }

    /// True while saves are pending or being written; the window keeps ticking.
    pub fn is_busy(&self) -> bool {
        self.open
            .values()
            .any(|o| o.is_saving() || (!o.is_saved() && !o.changed_on_disk()))
    }

    /// Saves everything now and waits for the writes, up to `timeout`: before the
    /// window closes or another project opens. Returns what went wrong.
    pub fn flush(&mut self, timeout: Duration) -> Vec<Notice> {
        let deadline = Instant::now() + timeout;
        let debounce = std::mem::replace(&mut self.debounce, Duration::ZERO);
        let mut notices = self.tick(Instant::now());
        while self.open.values().any(OpenDocument::is_saving) {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(done) = self.saver.wait(left) else {
                break;
            };
            self.take_result(done, &mut notices);
            notices.extend(self.tick(Instant::now()));
        }
        self.debounce = debounce;
        notices
    }

    /// The user keeps their version of a document that changed on disk.
    pub fn keep_mine(&mut self, id: &DocumentId) {
        if let Some(open) = self.open.get_mut(id) {
            open.keep_mine();
        }
    }

    /// The user takes the version on disk of a document, dropping their unsaved
    /// edits to it.
    pub fn reload(&mut self, id: &DocumentId) -> Result<(), StoreError> {
        let Some(open) = self.open.get_mut(id) else {
            return Ok(());
        };
        let loaded = self
            .project
            .load_annotations(open.document(), &self.annotator)?;
        self.take_theirs(id, loaded);
        Ok(())
    }

    /// Puts the version read from disk in place of ours, and the writer's copy.
    fn take_theirs(&mut self, id: &DocumentId, loaded: Loaded) {
        let Some(open) = self.open.get_mut(id) else {
            return;
        };
        self.saver.mirror(loaded.annotations.clone());
        open.replace(loaded.annotations, loaded.stamp, loaded.reanchored);
        self.update_row(id);
    }

    /// The user merges a document that changed on disk: their version with every edit
    /// made here since it was read applied again, saved over their file at once. The
    /// answer says what no longer applies.
    pub fn merge(&mut self, id: &DocumentId) -> Result<Reapplied, StoreError> {
        let Some(open) = self.open.get_mut(id) else {
            return Ok(Reapplied::default());
        };
        let loaded = self
            .project
            .load_annotations(open.document(), &self.annotator)?;
        let out = open.merge(loaded.annotations, loaded.stamp, loaded.reanchored);
        self.saver.mirror(open.annotations().clone());
        open.mirror_renewed();
        self.update_row(id);
        Ok(out)
    }
}
