//! Saving annotations off the UI thread. One worker writes jobs in the order they
//! come, atomically and only when the file is as the job expects
//! ([`IfOnDisk`]), and reports each result back.

use crate::model::{Annotations, DocumentId};
use crate::store::project::{FileStamp, IfOnDisk, SaveError, write_annotations};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

/// One save to make.
#[derive(Debug)]
pub struct SaveJob {
    /// The document the annotations belong to.
    pub document: DocumentId,
    /// Where to write.
    pub path: PathBuf,
    /// A copy of the annotations as they were when the save was asked for.
    pub annotations: Annotations,
    /// What the file must look like before it is overwritten.
    pub if_on_disk: IfOnDisk,
    /// Which edit of the document this copy reflects.
    pub generation: u64,
}

/// What became of a [`SaveJob`].
#[derive(Debug)]
pub struct SaveDone {
    /// The document.
    pub document: DocumentId,
    /// The generation that was (or was not) saved.
    pub generation: u64,
    /// The file's new stamp, or why it was not written.
    pub result: Result<FileStamp, SaveError>,
}

/// Something to call when a save finished, so a waiting window redraws.
pub type Waker = Box<dyn Fn() + Send>;

/// The background saver.
#[derive(Debug)]
pub struct Autosaver {
    jobs: Option<Sender<SaveJob>>,
    done: Receiver<SaveDone>,
    worker: Option<JoinHandle<()>>,
}

impl Autosaver {
    /// Starts the worker thread. `waker` is called after every finished job.
    pub fn start(waker: Option<Waker>) -> Self {
        let (job_tx, job_rx) = channel::<SaveJob>();
        let (done_tx, done_rx) = channel();
        let worker = std::thread::Builder::new()
            .name("claimspan-autosave".into())
            .spawn(move || {
                for job in job_rx {
                    let result = write_annotations(&job.path, &job.annotations, job.if_on_disk);
                    let done = SaveDone {
                        document: job.document,
                        generation: job.generation,
                        result,
                    };
                    if done_tx.send(done).is_err() {
                        break;
                    }
                    if let Some(wake) = &waker {
                        wake();
                    }
                }
            })
            .ok();
        Self {
            jobs: worker.as_ref().map(|_| job_tx),
            done: done_rx,
            worker,
        }
    }

    /// Queues a job. When the worker could not be started, the job is saved right
    /// here instead, so work is never lost for want of a thread; its result is
    /// returned at once.
    pub fn send(&self, job: SaveJob) -> Option<SaveDone> {
        let job = match &self.jobs {
            Some(tx) => match tx.send(job) {
                Ok(()) => return None,
                Err(failed) => failed.0,
            },
            None => job,
        };
        let result = write_annotations(&job.path, &job.annotations, job.if_on_disk);
        Some(SaveDone {
            document: job.document,
            generation: job.generation,
            result,
        })
    }

    /// Results that have arrived, without waiting.
    pub fn finished(&self) -> Vec<SaveDone> {
        self.done.try_iter().collect()
    }

    /// Waits up to `timeout` for the next result.
    pub fn wait(&self, timeout: Duration) -> Option<SaveDone> {
        self.done.recv_timeout(timeout).ok()
    }
}

impl Drop for Autosaver {
    /// Lets the worker finish the jobs already queued before the program ends.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
