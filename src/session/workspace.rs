//! The project one annotator works in: the document list, the open documents with
//! their histories, and the background saver.

use super::autosave::{Autosaver, Waker};
use super::disk_watch::DiskWatch;
use super::open_document::OpenDocument;
use super::registry_change::{EntryId, RegistryChange};
use super::review::{ReviewSession, ReviewSessionError};
use crate::model::{
    AnnotatorName, DocumentId, Edit, EditError, Registry, RegistryError, Schema, Status,
};
use crate::store::project::{FileStamp, IfOnDisk};
use crate::store::{Project, ProjectLock, RegistryFileError, StoreError, WhenLocked, par_map};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod disk;

/// How long after the last edit a save starts: long enough that a burst of keys is
/// one write, short enough that a crash loses a second of work at most.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(400);

/// One line of the document list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    /// The document.
    pub id: DocumentId,
    /// Its headline.
    pub title: String,
    /// Its date, when known.
    pub date: Option<String>,
    /// How far the annotator got.
    pub status: Status,
    /// How many spans the annotator has tagged.
    pub spans: usize,
    /// How far its gold standard got, read when review mode starts; `None` where
    /// there is no gold file (or it was not read yet).
    pub gold: Option<GoldProgress>,
}

/// How far a document's gold standard got: what the list shows while reviewing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoldProgress {
    /// `Done` once the reviewer marked it reviewed.
    pub status: Status,
    /// How many spans gold has.
    pub spans: usize,
}

/// Something the window should tell the user about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A file changed on disk since it was loaded, and it was edited here since: the
    /// user must choose (reload theirs, keep mine, or merge).
    ChangedOnDisk {
        /// The document.
        document: DocumentId,
        /// Its annotation file.
        path: PathBuf,
    },
    /// The gold file under review changed on disk (another reviewer, a sync): it was
    /// read again, so the window shows what is on disk.
    GoldReloadedFromDisk {
        /// The document.
        document: DocumentId,
    },
    /// A file changed on disk that was not edited here since it was read: it was read
    /// again, so the window shows what is on disk.
    ReloadedFromDisk {
        /// The document.
        document: DocumentId,
    },
    /// A save failed for another reason; the edits are kept in memory.
    SaveFailed(String),
}

/// An open project with one annotator's work in it.
#[derive(Debug)]
pub struct Workspace {
    project: Project,
    annotator: AnnotatorName,
    rows: Vec<DocumentRow>,
    open: HashMap<DocumentId, OpenDocument>,
    current: Option<DocumentId>,
    saver: Autosaver,
    debounce: Duration,
    /// The project's entities and claim categories, and the file's stamp when read.
    registry: Registry,
    registry_stamp: Option<FileStamp>,
    /// Load problems, one sentence each, shown once in the window.
    problems: Vec<String>,
    /// The document under review, in review mode.
    review: Option<ReviewSession>,
    /// Wakes the window when the current document's file changes on disk.
    watch: Option<DiskWatch>,
    /// The current document's file is looked at on the next tick (it just became
    /// current); otherwise only when the watch saw a change.
    look_now: bool,
}

/// Why a change to the entities and categories did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RegistryUpdateError {
    /// The change breaks a rule (a name used twice, an empty name…).
    #[error(transparent)]
    Refused(#[from] RegistryError),
    /// `entities.ron` could not be read or written.
    #[error(transparent)]
    File(#[from] RegistryFileError),
    /// The project lock could not be taken.
    #[error(transparent)]
    Lock(#[from] StoreError),
}

impl Workspace {
    /// Opens the project at `dir` for `annotator`. `waker` is called when a background
    /// save finishes.
    pub fn open(
        dir: &Path,
        annotator: AnnotatorName,
        waker: Option<Waker>,
    ) -> Result<Self, StoreError> {
        let project = Project::open(dir)?;
        // "Alice" typed where the project has "alice" is the same person, and on
        // macOS and Windows the same folder: take the project's spelling.
        let annotator = project
            .annotators()
            .find(|a| a.as_str().eq_ignore_ascii_case(annotator.as_str()))
            .cloned()
            .unwrap_or(annotator);
        let mut workspace = Self {
            project,
            annotator,
            rows: Vec::new(),
            open: HashMap::new(),
            current: None,
            watch: waker.clone().and_then(DiskWatch::start),
            look_now: false,
            saver: Autosaver::start(waker),
            debounce: DEFAULT_DEBOUNCE,
            registry: Registry::default(),
            registry_stamp: None,
            problems: Vec::new(),
            review: None,
        };
        workspace.read_registry();
        workspace.refresh_rows();
        Ok(workspace)
    }

    /// Sets how long saving waits after the last edit (zero in tests).
    pub fn set_debounce(&mut self, debounce: Duration) {
        self.debounce = debounce;
    }

    /// Rebuilds the document list from the project, reading the annotator's status
    /// and span count of each document.
    fn refresh_rows(&mut self) {
        let metas: Vec<&crate::model::ArticleMeta> = self.project.articles().collect();
        // Each file is read on its own, so a large project's list fills on every core.
        let summaries = par_map(&metas, |meta| {
            if self.open.contains_key(&meta.id) {
                return Ok(None);
            }
            self.project.annotation_summary(&self.annotator, &meta.id)
        });
        let mut problems = Vec::new();
        self.rows = metas
            .iter()
            .zip(summaries)
            .map(|(meta, summary)| {
                let (status, spans) = match (self.open.get(&meta.id), summary) {
                    (Some(open), _) => (open.annotations().status, open.annotations().spans.len()),
                    (None, Ok(Some(summary))) => (summary.status, summary.spans.0),
                    (None, Ok(None)) => (Status::Todo, 0),
                    (None, Err(err)) => {
                        problems.push(err.to_string());
                        (Status::Todo, 0)
                    }
                };
                DocumentRow {
                    id: meta.id.clone(),
                    title: meta.title.clone(),
                    date: meta.date.clone(),
                    status,
                    spans,
                    gold: None,
                }
            })
            .collect();
        self.problems.extend(problems);
    }

    /// Problems met while reading the project, taken once for display.
    pub fn take_problems(&mut self) -> Vec<String> {
        let mut all: Vec<String> = self
            .project
            .unreadable()
            .iter()
            .map(ToString::to_string)
            .collect();
        all.append(&mut self.problems);
        all
    }

    fn read_registry(&mut self) {
        match self.project.load_registry() {
            Ok(loaded) => {
                self.registry = loaded.registry;
                self.registry_stamp = loaded.stamp;
            }
            Err(err) => self.problems.push(format!(
                "{err} The entities and categories are not shown until it is fixed."
            )),
        }
    }

    /// The project's actor entities and claim categories.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Changes the entities and categories and saves `entities.ron` at once. When a
    /// colleague changed the file meanwhile, the change is made on their version, so
    /// neither is lost. Returns the id of what was added, if anything was (as
    /// [`RegistryChange::apply`]).
    pub fn change_registry(
        &mut self,
        change: &RegistryChange,
    ) -> Result<Option<EntryId>, RegistryUpdateError> {
        let mut next = self.registry.clone();
        let id = change.apply(&mut next)?;
        // The registry is the team's: an import or merge writing meanwhile finishes
        // first (see store::lock).
        let _lock = ProjectLock::acquire(
            self.project.root(),
            "claimspan (entities)",
            WhenLocked::Wait,
            |_| {},
        )?;
        let saved = self
            .project
            .save_registry(&next, IfOnDisk::Unchanged(self.registry_stamp));
        let stamp = match saved {
            Ok(stamp) => stamp,
            Err(RegistryFileError::ChangedOnDisk { .. }) => {
                let theirs = self.project.load_registry()?;
                next = theirs.registry;
                let id = change.apply(&mut next)?;
                let stamp = self
                    .project
                    .save_registry(&next, IfOnDisk::Unchanged(theirs.stamp))?;
                self.registry = next;
                self.registry_stamp = Some(stamp);
                return Ok(id);
            }
            Err(err) => return Err(err.into()),
        };
        self.registry = next;
        self.registry_stamp = Some(stamp);
        Ok(id)
    }

    /// Starts review mode on `id` with those of `annotators` who annotated it (and
    /// opens the document, so leaving review mode lands on it).
    pub fn start_review(
        &mut self,
        id: &DocumentId,
        annotators: &[AnnotatorName],
    ) -> Result<(), ReviewSessionError> {
        let session = ReviewSession::open(&self.project, id, annotators)?;
        self.select(id)?;
        if self.review.is_none() {
            self.read_gold_rows();
        }
        self.review = Some(session);
        self.update_gold_row();
        self.watch_shown();
        Ok(())
    }

    /// Points the watch at the file the window shows: gold in review mode, else the
    /// annotator's file of the current document.
    fn watch_shown(&mut self) {
        let path = match (&self.review, &self.current) {
            (Some(review), _) => Some(self.project.gold_path(review.document().id())),
            (None, Some(id)) => Some(self.project.annotation_path(&self.annotator, id)),
            (None, None) => None,
        };
        if let Some(watch) = &self.watch {
            watch.set(path);
        }
        self.look_now = true;
    }

    /// Reads how far each document's gold got, for the list in review mode. A gold
    /// file that cannot be read shows as none here; review mode says why when it is
    /// opened.
    fn read_gold_rows(&mut self) {
        let ids: Vec<&DocumentId> = self.rows.iter().map(|r| &r.id).collect();
        let summaries = par_map(&ids, |id| self.project.gold_summary(id));
        for (row, summary) in self.rows.iter_mut().zip(summaries) {
            row.gold = summary.ok().flatten().map(|s| GoldProgress {
                status: s.status,
                spans: s.spans.0,
            });
        }
    }

    /// The list's gold line of the document under review, as its gold is now.
    fn update_gold_row(&mut self) {
        let Some(review) = &self.review else { return };
        let gold = &review.gold().annotations;
        if let Some(row) = self.rows.iter_mut().find(|r| r.id == gold.document) {
            row.gold = Some(GoldProgress {
                status: gold.status,
                spans: gold.spans.len(),
            });
        }
    }

    /// Leaves review mode.
    pub fn end_review(&mut self) {
        self.review = None;
        self.watch_shown();
    }

    /// The document under review, in review mode.
    pub fn review(&self) -> Option<&ReviewSession> {
        self.review.as_ref()
    }

    /// Does something to the review with the project (for writing gold) and the
    /// schema at hand; `None` outside review mode.
    pub fn with_review<R>(
        &mut self,
        act: impl FnOnce(&mut ReviewSession, &mut Project, &Schema) -> R,
    ) -> Option<R> {
        let schema = self.project.schema().clone();
        let review = self.review.as_mut()?;
        let out = act(review, &mut self.project, &schema);
        self.update_gold_row();
        Some(out)
    }

    /// The project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The label schema.
    pub fn schema(&self) -> &Schema {
        self.project.schema()
    }

    /// Who is annotating.
    pub fn annotator(&self) -> &AnnotatorName {
        &self.annotator
    }

    /// The document list, in id order.
    pub fn rows(&self) -> &[DocumentRow] {
        &self.rows
    }

    /// The document being annotated.
    pub fn current(&self) -> Option<&OpenDocument> {
        self.current.as_ref().and_then(|id| self.open.get(id))
    }

    /// The id of the document being annotated.
    pub fn current_id(&self) -> Option<&DocumentId> {
        self.current.as_ref()
    }

    /// Makes `id` the current document, reading it the first time. Documents opened
    /// before keep their annotations and undo history.
    pub fn select(&mut self, id: &DocumentId) -> Result<(), StoreError> {
        if !self.open.contains_key(id) {
            let document = self.project.load_document(id)?;
            let loaded = self.project.load_annotations(&document, &self.annotator)?;
            let path = self.project.annotation_path(&self.annotator, id);
            // The writer's copy is made now, while the analyst waits for the document
            // anyway, so no save ever copies the annotations on the UI thread.
            self.saver.mirror(loaded.annotations.clone());
            let open = OpenDocument::new(
                document,
                loaded.annotations,
                path,
                loaded.stamp,
                loaded.reanchored,
            );
            self.open.insert(id.clone(), open);
        }
        self.current = Some(id.clone());
        self.watch_shown();
        Ok(())
    }

    /// The document `step` places after (or before, when negative) the current one in
    /// `order` (the list as the user sees it), if any.
    pub fn neighbour(&self, order: &[DocumentId], step: isize) -> Option<DocumentId> {
        let here = self
            .current
            .as_ref()
            .and_then(|c| order.iter().position(|id| id == c));
        let next = match here {
            Some(i) => i.checked_add_signed(step)?,
            None if step > 0 => 0,
            None => order.len().checked_sub(1)?,
        };
        order.get(next).cloned()
    }

    /// Applies an edit to the current document: the one way annotations change.
    pub fn edit<E: From<EditError>>(
        &mut self,
        make: impl FnOnce(&OpenDocument, &Schema) -> Result<Edit, E>,
    ) -> Result<(), E> {
        let Some(id) = self.current.clone() else {
            return Ok(());
        };
        let schema = self.project.schema();
        let Some(open) = self.open.get_mut(&id) else {
            return Ok(());
        };
        let edit = make(open, schema)?;
        open.edit(edit)?;
        self.update_row(&id);
        Ok(())
    }

    /// Undoes the current document's last edit; false when there was none.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        self.step(OpenDocument::undo)
    }

    /// Redoes the current document's last undone edit; false when there was none.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        self.step(OpenDocument::redo)
    }

    fn step(
        &mut self,
        action: fn(&mut OpenDocument) -> Result<bool, EditError>,
    ) -> Result<bool, EditError> {
        let Some(id) = self.current.clone() else {
            return Ok(false);
        };
        let Some(open) = self.open.get_mut(&id) else {
            return Ok(false);
        };
        let done = action(open)?;
        self.update_row(&id);
        Ok(done)
    }

    fn update_row(&mut self, id: &DocumentId) {
        let Some(open) = self.open.get(id) else {
            return;
        };
        if let Some(row) = self.rows.iter_mut().find(|r| &r.id == id) {
            row.status = open.annotations().status;
            row.spans = open.annotations().spans.len();
        }
    }

    /// Reads the project folder again — after an import added articles or labels —
    /// and refreshes the list. Open documents keep their annotations and history.
    pub fn reload_project(&mut self) -> Result<(), StoreError> {
        self.project = Project::open(self.project.root())?;
        self.read_registry();
        for id in self.open.keys() {
            if self.project.has_annotations(&self.annotator, id) {
                continue;
            }
            // A document saved in this session but written before the new index was
            // read is known to have a file.
            if self.project.annotation_path(&self.annotator, id).is_file() {
                self.project.note_annotated(&self.annotator, id);
            }
        }
        self.refresh_rows();
        Ok(())
    }
}

#[cfg(test)]
#[path = "workspace_tests.rs"]
mod tests;
