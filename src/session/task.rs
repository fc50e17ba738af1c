//! Long work (an export, an import of many files) on a thread of its own, so the
//! window stays responsive and shows how far it got.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// How far a task got, shared between its thread and the window.
#[derive(Debug, Default)]
struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

/// Work running on another thread, with its progress and, at the end, its result.
#[derive(Debug)]
pub struct Task<T> {
    what: String,
    progress: Arc<Progress>,
    result: Receiver<T>,
}

/// What a task calls to say how far it got: `(done, total)`.
pub type Report<'a> = &'a mut dyn FnMut(usize, usize);

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on a new thread. `what` names it for the user (“Exporting”);
    /// `wake` is called whenever there is news, so a waiting window redraws.
    pub fn spawn(
        what: impl Into<String>,
        wake: impl Fn() + Send + 'static,
        work: impl FnOnce(Report<'_>) -> T + Send + 'static,
    ) -> Self {
        let progress = Arc::new(Progress::default());
        let (tx, result) = channel();
        let shared = Arc::clone(&progress);
        let run = move || {
            let mut report = |done: usize, total: usize| {
                shared.total.store(total, Ordering::Relaxed);
                shared.done.store(done, Ordering::Relaxed);
                wake();
            };
            let value = work(&mut report);
            // The window may have gone away; the result is then not needed.
            let _ = tx.send(value);
            wake();
        };
        // When no thread can be started, `run` and its sender are dropped here, and
        // `poll` says the task ended without a result.
        let _ = std::thread::Builder::new()
            .name("claimspan-task".into())
            .spawn(run);
        Self {
            what: what.into(),
            progress,
            result,
        }
    }

    /// What the task is doing, for the user.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// `(done, total)` so far; total is 0 until the task knows it.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        )
    }

    /// The result once the work is done; `Err(())` when the thread ended without
    /// one (it could not start, or it panicked).
    pub fn poll(&self) -> Option<Result<T, ()>> {
        match self.result.try_recv() {
            Ok(value) => Some(Ok(value)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_task_reports_progress_and_its_result() {
        let task = Task::spawn(
            "Counting",
            || {},
            |report| {
                for i in 1..=3 {
                    report(i, 3);
                }
                42
            },
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        let value = loop {
            if let Some(done) = task.poll() {
                break done;
            }
            assert!(Instant::now() < deadline, "the task finishes");
            std::thread::sleep(Duration::from_millis(5));
        };
        assert_eq!(value, Ok(42));
        assert_eq!(task.progress(), (3, 3));
        assert_eq!(task.what(), "Counting");
    }
}
