//! One document open for annotating: its text, the annotator's annotations, their
//! undo history and how they stand against the file on disk.

use super::autosave::{SaveDone, SaveJob};
use crate::model::{Annotations, Document, Edit, EditError, History, Reanchored};
use crate::store::project::{FileStamp, IfOnDisk, SaveError};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A document with annotations being edited.
#[derive(Debug)]
pub struct OpenDocument {
    document: Document,
    annotations: Annotations,
    history: History,
    path: PathBuf,
    /// The file as last read or written by us; `None` while there is no file.
    stamp: Option<FileStamp>,
    /// There was a file when the annotations were loaded. Without one, annotations
    /// edited back to nothing remove the file the saves made.
    had_file: bool,
    /// Counts edits. The window compares it to redraw only what changed.
    generation: u64,
    saved_generation: u64,
    in_flight: Option<u64>,
    last_edit: Option<Instant>,
    /// The file changed on disk under us: saving waits for the user's choice.
    changed_on_disk: bool,
    /// The next save overwrites whatever is on disk (the user kept their version).
    overwrite: bool,
    /// What re-anchoring changed when the annotations were loaded.
    reanchored: Vec<Reanchored>,
    /// Edits applied since the last save job, for the writer's copy to follow.
    pending: Vec<Edit>,
}

impl OpenDocument {
    /// Wraps loaded annotations; `path` is their file, `stamp` its state when read.
    pub fn new(
        document: Document,
        annotations: Annotations,
        path: PathBuf,
        stamp: Option<FileStamp>,
        reanchored: Vec<Reanchored>,
    ) -> Self {
        Self {
            document,
            annotations,
            history: History::default(),
            path,
            had_file: stamp.is_some(),
            stamp,
            generation: 0,
            saved_generation: 0,
            in_flight: None,
            last_edit: None,
            changed_on_disk: false,
            overwrite: false,
            reanchored,
            pending: Vec::new(),
        }
    }

    /// The article.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The annotations as they are now.
    pub fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    /// The annotation file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Spans moved or flagged when the annotations were loaded.
    pub fn reanchored(&self) -> &[Reanchored] {
        &self.reanchored
    }

    /// Changes with every edit, undo and redo.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// True when every edit is on disk.
    pub fn is_saved(&self) -> bool {
        self.saved_generation == self.generation
    }

    /// True while the file on disk changed under us and the user has not chosen.
    pub fn changed_on_disk(&self) -> bool {
        self.changed_on_disk
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Applies an edit and remembers how to undo it.
    pub fn edit(&mut self, edit: Edit) -> Result<(), EditError> {
        let copy = edit.clone();
        self.history.apply(&mut self.annotations, edit)?;
        self.pending.push(copy);
        self.touched();
        Ok(())
    }

    /// Undoes the last edit; false when there was none.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let applied = self.history.undo_edit(&mut self.annotations)?;
        Ok(self.followed(applied))
    }

    /// Redoes the last undone edit; false when there was none.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let applied = self.history.redo_edit(&mut self.annotations)?;
        Ok(self.followed(applied))
    }

    fn followed(&mut self, applied: Option<Edit>) -> bool {
        match applied {
            Some(edit) => {
                self.pending.push(edit);
                self.touched();
                true
            }
            None => false,
        }
    }

    fn touched(&mut self) {
        self.generation += 1;
        self.last_edit = Some(Instant::now());
    }

    /// A save job when there are unsaved edits older than `debounce`, none is being
    /// written and the file did not change on disk under us; `None` otherwise. The
    /// job carries the edits since the last one, not a copy of the annotations.
    pub fn due_save(&mut self, now: Instant, debounce: Duration) -> Option<SaveJob> {
        let quiet = self
            .last_edit
            .is_none_or(|t| now.saturating_duration_since(t) >= debounce);
        if self.is_saved() || self.in_flight.is_some() || self.changed_on_disk || !quiet {
            return None;
        }
        self.in_flight = Some(self.generation);
        let if_on_disk = if self.overwrite {
            IfOnDisk::Anything
        } else {
            IfOnDisk::Unchanged(self.stamp)
        };
        Some(SaveJob {
            document: self.document.id().clone(),
            path: self.path.clone(),
            edits: std::mem::take(&mut self.pending),
            if_on_disk,
            generation: self.generation,
            remove: !self.had_file && !self.annotations.has_work(),
        })
    }

    /// True while a save of this document is being written.
    pub fn is_saving(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Takes in the result of a save: whether the file is there now, or the error
    /// when it failed; a file found changed on disk marks the document so, and saving
    /// waits for the user's choice.
    pub fn save_finished(&mut self, done: SaveDone) -> Result<bool, SaveError> {
        self.in_flight = None;
        match done.result {
            Ok(stamp) => {
                self.stamp = stamp;
                self.saved_generation = self.saved_generation.max(done.generation);
                self.overwrite = false;
                Ok(stamp.is_some())
            }
            Err(err) => {
                if matches!(err, SaveError::ChangedOnDisk { .. }) {
                    self.changed_on_disk = true;
                }
                Err(err)
            }
        }
    }

    /// The writer lost its copy of the annotations and gets a fresh one, which holds
    /// every edit so far; the document stays unsaved so the next tick saves it.
    pub fn mirror_renewed(&mut self) {
        self.in_flight = None;
        self.pending.clear();
    }

    /// The user keeps their version: the next save overwrites the file on disk.
    pub fn keep_mine(&mut self) {
        self.changed_on_disk = false;
        self.overwrite = true;
        // Save at once: the user has decided.
        self.last_edit = None;
    }

    /// Replaces the annotations with those reloaded from disk; the history of the
    /// replaced ones no longer applies and is dropped. The writer needs a fresh copy.
    pub fn replace(
        &mut self,
        annotations: Annotations,
        stamp: Option<FileStamp>,
        reanchored: Vec<Reanchored>,
    ) {
        self.annotations = annotations;
        self.had_file = stamp.is_some();
        self.stamp = stamp;
        self.reanchored = reanchored;
        self.history = History::default();
        self.pending.clear();
        self.changed_on_disk = false;
        self.overwrite = false;
        self.generation += 1;
        self.saved_generation = self.generation;
    }
}
