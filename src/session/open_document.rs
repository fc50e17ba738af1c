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
    /// Counts edits. The window compares it to redraw only what changed.
    generation: u64,
    saved_generation: u64,
    in_flight: Option<u64>,
    last_edit: Option<Instant>,
    /// The file changed on disk under us: saving waits for the user's choice.
    conflict: bool,
    /// The next save overwrites whatever is on disk (the user kept their version).
    overwrite: bool,
    /// What re-anchoring changed when the annotations were loaded.
    reanchored: Vec<Reanchored>,
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
            stamp,
            generation: 0,
            saved_generation: 0,
            in_flight: None,
            last_edit: None,
            conflict: false,
            overwrite: false,
            reanchored,
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
    pub fn has_conflict(&self) -> bool {
        self.conflict
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
        self.history.apply(&mut self.annotations, edit)?;
        self.touched();
        Ok(())
    }

    /// Undoes the last edit; false when there was none.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let done = self.history.undo(&mut self.annotations)?;
        if done {
            self.touched();
        }
        Ok(done)
    }

    /// Redoes the last undone edit; false when there was none.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let done = self.history.redo(&mut self.annotations)?;
        if done {
            self.touched();
        }
        Ok(done)
    }

    fn touched(&mut self) {
        self.generation += 1;
        self.last_edit = Some(Instant::now());
    }

    /// A save job when there are unsaved edits older than `debounce`, none is being
    /// written and there is no conflict; `None` otherwise.
    pub fn due_save(&mut self, now: Instant, debounce: Duration) -> Option<SaveJob> {
        let quiet = self
            .last_edit
            .is_none_or(|t| now.saturating_duration_since(t) >= debounce);
        if self.is_saved() || self.in_flight.is_some() || self.conflict || !quiet {
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
            annotations: self.annotations.clone(),
            if_on_disk,
            generation: self.generation,
        })
    }

    /// True while a save of this document is being written.
    pub fn is_saving(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Takes in the result of a save. Returns the error when it failed; a file changed
    /// on disk puts the document into conflict.
    pub fn save_finished(&mut self, done: SaveDone) -> Result<(), SaveError> {
        self.in_flight = None;
        match done.result {
            Ok(stamp) => {
                self.stamp = Some(stamp);
                self.saved_generation = self.saved_generation.max(done.generation);
                self.overwrite = false;
                Ok(())
            }
            Err(err) => {
                if matches!(err, SaveError::ChangedOnDisk { .. }) {
                    self.conflict = true;
                }
                Err(err)
            }
        }
    }

    /// The user keeps their version: the next save overwrites the file on disk.
    pub fn keep_mine(&mut self) {
        self.conflict = false;
        self.overwrite = true;
        // Save at once: the user has decided.
        self.last_edit = None;
    }

    /// Replaces the annotations with those reloaded from disk; the history of the
    /// replaced ones no longer applies and is dropped.
    pub fn replace(
        &mut self,
        annotations: Annotations,
        stamp: Option<FileStamp>,
        reanchored: Vec<Reanchored>,
    ) {
        self.annotations = annotations;
        self.stamp = stamp;
        self.reanchored = reanchored;
        self.history = History::default();
        self.conflict = false;
        self.overwrite = false;
        self.generation += 1;
        self.saved_generation = self.generation;
    }
}
