//! One document open for annotating: its text, the annotator's annotations, their
//! undo history and how they stand against the file on disk.

use super::autosave::{SaveDone, SaveJob};
use crate::model::{
    Annotations, Document, Edit, EditError, History, Place, Reanchored, Reapplied, SpanId, reapply,
};
use crate::store::project::{FileStamp, IfOnDisk, SaveError};
use std::collections::HashMap;
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
    /// Every edit applied since the annotations were read (undos and redos as the
    /// edits they applied): what a merge puts on someone else's version of the file.
    since_read: Vec<Edit>,
    /// Where the spans those edits removed stood, so a merge never takes a span of
    /// theirs that got the same id for the one removed.
    removed: HashMap<SpanId, Place>,
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
            since_read: Vec::new(),
            removed: HashMap::new(),
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
        let removes = self.places_removed_by(&copy);
        self.history.apply(&mut self.annotations, edit)?;
        self.followed(Some(copy), removes);
        Ok(())
    }

    /// Undoes the last edit; false when there was none.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let removes = self
            .history
            .next_undo()
            .map(|e| self.places_removed_by(e))
            .unwrap_or_default();
        let applied = self.history.undo_edit(&mut self.annotations)?;
        Ok(self.followed(applied, removes))
    }

    /// Redoes the last undone edit; false when there was none.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let removes = self
            .history
            .next_redo()
            .map(|e| self.places_removed_by(e))
            .unwrap_or_default();
        let applied = self.history.redo_edit(&mut self.annotations)?;
        Ok(self.followed(applied, removes))
    }

    fn followed(&mut self, applied: Option<Edit>, removes: Vec<(SpanId, Place)>) -> bool {
        match applied {
            Some(edit) => {
                for (id, place) in removes {
                    self.removed.entry(id).or_insert(place);
                }
                self.since_read.push(edit.clone());
                self.pending.push(edit);
                self.touched();
                true
            }
            None => false,
        }
    }

    /// The places of the spans `edit` would remove, as they stand now.
    fn places_removed_by(&self, edit: &Edit) -> Vec<(SpanId, Place)> {
        let mut out = Vec::new();
        let mut stack = vec![edit];
        while let Some(edit) = stack.pop() {
            match edit {
                Edit::RemoveSpan(id) => {
                    if let Some(span) = self.annotations.span(*id) {
                        out.push((*id, (span.start, span.end)));
                    }
                }
                Edit::Group(edits) => stack.extend(edits),
                _ => {}
            }
        }
        out
    }

    /// True when the file on disk is not the one last read or written here, and no
    /// save of ours is being written that would explain it, nor is a choice pending.
    pub fn changed_under_us(&self) -> bool {
        self.in_flight.is_none() && !self.changed_on_disk && FileStamp::of(&self.path) != self.stamp
    }

    /// True when the annotations were edited since they were read: a change on disk
    /// then needs the user's choice (reload, keep or merge); otherwise it is reloaded.
    pub fn edited_since_read(&self) -> bool {
        !self.since_read.is_empty()
    }

    /// True when `theirs` already holds every edit made here since the annotations
    /// were read: a merge would change nothing, so reading it again loses nothing.
    pub fn holds_my_edits(&self, theirs: &Annotations) -> bool {
        let mut merged = theirs.clone();
        let out = reapply(
            self.since_read.clone(),
            &mut merged,
            &self.annotations,
            &self.removed,
        );
        out.not_applied.is_empty() && merged == *theirs
    }

    /// Marks the file as changed on disk under us: saving waits for the user's choice.
    pub fn mark_changed_on_disk(&mut self) {
        self.changed_on_disk = true;
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
        // Save at once, even with every edit saved before theirs came: the user has
        // decided, and their file must give way.
        self.last_edit = None;
        self.generation += 1;
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
        self.since_read.clear();
        self.removed.clear();
        self.changed_on_disk = false;
        self.overwrite = false;
        self.generation += 1;
        self.saved_generation = self.generation;
    }

    /// Merges: `theirs` (reloaded from disk) with every edit made here since the
    /// annotations were read applied again. The result is unsaved and is saved over
    /// their file at once; the history is dropped, as on a reload, and what no longer
    /// applies is in the answer. The writer needs a fresh copy.
    pub fn merge(
        &mut self,
        mut theirs: Annotations,
        stamp: Option<FileStamp>,
        reanchored: Vec<Reanchored>,
    ) -> Reapplied {
        let edits = std::mem::take(&mut self.since_read);
        let out = reapply(edits, &mut theirs, &self.annotations, &self.removed);
        self.annotations = theirs;
        self.had_file = stamp.is_some();
        self.stamp = stamp;
        self.reanchored = reanchored;
        self.history = History::default();
        self.pending.clear();
        // The merged edits, in their version's ids, are what another merge re-applies.
        self.since_read = out.applied.clone();
        self.changed_on_disk = false;
        self.overwrite = false;
        self.generation += 1;
        self.last_edit = None;
        out
    }
}
