//! Learning suggestions in the window: the recommenders trained and measured on a
//! thread of their own when a project opens, again when the annotator marks a
//! document done, when a colleague's work changes on disk, and when asked (Review →
//! Suggestions… → Learn and measure again).

use super::App;
use super::suggestions::Suggesting;
use crate::session::Task;
use crate::store::Project;
use crate::store::parallel::with_threads;
use crate::suggest::{ProjectEvaluation, colleagues_work, train_for_window};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often colleagues' work is looked at unless the start says otherwise: a
/// listing of their folders, off the window's thread.
const COLLEAGUES_EVERY: Duration = Duration::from_secs(10);

impl Suggesting {
    /// Nothing learnt yet; colleagues' work looked at `every` (the default
    /// without).
    pub(super) fn watching_every(every: Option<Duration>) -> Self {
        Self {
            every: every.unwrap_or(COLLEAGUES_EVERY),
            ..Self::default()
        }
    }
}

impl App {
    /// Each frame: starts learning when it is due, looks at colleagues' work, and
    /// takes in what was learnt.
    pub(super) fn keep_learning(&mut self) {
        self.train_suggestions();
        self.watch_colleagues();
        if let Some(done) = self.suggesting.trainer.as_ref().and_then(Task::poll) {
            self.suggesting.trainer = None;
            if let Ok((_, colleagues)) = &done {
                // Learnt (or failed to) from this: not tried again until it changes.
                self.suggesting.colleagues = Some(*colleagues);
                self.suggesting.watched = Some(Instant::now());
            }
            match done.map(|(trained, _)| trained) {
                Ok(Ok(trained)) => {
                    if let Some(note) = trained.model_note {
                        self.tell(note);
                    }
                    self.suggesting.matcher = Some(Arc::new(trained.strings));
                    self.suggesting.tagger = Some(Arc::new(trained.tagger));
                    self.suggesting.links = Some(trained.links);
                    self.suggesting.quality = Some(trained.quality);
                    self.suggesting.offered = None;
                }
                Ok(Err(message)) => self.tell(format!("No suggestions: {message}")),
                Err(()) => {}
            }
        }
    }

    /// Trains the matcher of the open project on a thread of its own: when the
    /// project opens, and again when the annotator marks a document done (or takes
    /// it back), keeping the last matcher until the new one is ready.
    fn train_suggestions(&mut self) {
        let Some(ws) = &self.workspace else {
            return;
        };
        let same_project = self.suggesting.root.as_deref() == Some(ws.project().root());
        // Counting done documents goes over the whole list: only after an edit of
        // the document in view (a status is an edit) or another document, not
        // every frame.
        let moved = match (&self.suggesting.seen, ws.current()) {
            (Some((id, generation)), Some(open)) => {
                id != open.document().id() || *generation != open.generation()
            }
            (None, None) => false,
            _ => true,
        };
        if same_project && (!moved || self.suggesting.trainer.is_some()) {
            return;
        }
        self.suggesting.seen = ws
            .current()
            .map(|open| (open.document().id().clone(), open.generation()));
        let done = ws
            .rows()
            .iter()
            .filter(|r| r.status == crate::model::Status::Done)
            .count();
        if same_project && self.suggesting.done == done {
            return;
        }
        let root = ws.project().root().to_owned();
        let me = ws.annotator().clone();
        if same_project {
            // What is learnt from is read from disk: the document just marked done
            // must be there.
            self.flush();
        } else {
            let seen = self.suggesting.seen.take();
            self.suggesting = Suggesting {
                seen,
                open: self.suggesting.open,
                ..Suggesting::watching_every(Some(self.suggesting.every))
            };
        }
        let ctx = self.ctx.clone();
        let at = root.clone();
        let trainer = Task::spawn(
            "Learning suggestions",
            move || ctx.request_repaint(),
            move |progress| {
                // Taken first: what changes while learning is learnt next time.
                let colleagues = colleagues_work(&at, &me);
                // Measured too, as `claimspan suggest --evaluate` measures, on the
                // done work of gold and everyone: the same folds, the same table.
                // One core fewer than there are: the window keeps one to itself.
                let limit = crate::store::parallel::threads().saturating_sub(1);
                let trained = with_threads(limit, || {
                    Project::open(&at)
                        .map_err(|e| e.to_string())
                        .and_then(|p| train_for_window(&p, progress).map_err(|e| e.to_string()))
                });
                (trained, colleagues)
            },
        );
        self.suggesting.root = Some(root);
        self.suggesting.trainer = Some(trainer);
        self.suggesting.done = done;
    }

    /// Looks at colleagues' work every so often, off the window's thread, and learns
    /// again when it changed since the last learning: a document a colleague marked
    /// done (or a `git pull` brought) is learnt from without reopening the project.
    fn watch_colleagues(&mut self) {
        let Some(ws) = &self.workspace else {
            return;
        };
        if let Some(seen) = self.suggesting.watch.as_ref().and_then(Task::poll) {
            self.suggesting.watch = None;
            self.suggesting.watched = Some(Instant::now());
            if seen.ok() != self.suggesting.colleagues && self.suggesting.trainer.is_none() {
                // What was stored for the document in view may be new too.
                self.suggesting.stored = None;
                self.measure_suggestions();
            }
            return;
        }
        if self.suggesting.trainer.is_some() || self.suggesting.watch.is_some() {
            return;
        }
        let every = self.suggesting.every;
        let since = self.suggesting.watched.map_or(every, |t| t.elapsed());
        if since < every {
            // An idle window still looks, once a while.
            self.ctx.request_repaint_after(every - since);
            return;
        }
        let root = ws.project().root().to_owned();
        let me = ws.annotator().clone();
        let ctx = self.ctx.clone();
        self.suggesting.watch = Some(Task::spawn(
            "Looking at colleagues' work",
            move || ctx.request_repaint(),
            move |_| colleagues_work(&root, &me),
        ));
    }

    /// True while the recommenders are being learnt and measured in the background.
    pub fn is_learning_suggestions(&self) -> bool {
        self.suggesting.trainer.is_some()
    }

    /// How good each recommender was measured when last trained, or why it could
    /// not be; `None` before the first measure.
    pub fn suggestion_quality(&self) -> Option<&Result<ProjectEvaluation, String>> {
        self.suggesting.quality.as_ref()
    }

    /// Learns and measures again now, from what is on disk.
    pub(super) fn measure_suggestions(&mut self) {
        if self.suggesting.trainer.is_some() {
            self.tell("Suggestions are being learnt already.");
            return;
        }
        // Forgetting what was counted makes the next look train again.
        self.suggesting.seen = None;
        self.suggesting.done = usize::MAX;
        self.train_suggestions();
    }
}
