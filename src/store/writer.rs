//! The writer threads of a large import: files handed over are written while the
//! importer reads and checks the next records.
//!
//! Creating a file is mostly the file system's work on the folder and the inode
//! table, and two threads creating files in one folder get through them about 1.6
//! times as fast as one. So files go to one of a few lanes, each a thread taking its
//! files in order. The lane is chosen by the file's name without extension, which
//! in the project folder is the document id: an article's text, its metadata and
//! its annotations all go through one lane, in the order given, so the text still
//! lands before the metadata that makes the article count.

use super::error::StoreError;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

/// Files queued per lane at most; a slow disk holds the importer back rather than
/// letting the queue grow.
const QUEUED: usize = 256;

/// What a lane is given.
enum Job {
    /// Write these bytes to this file.
    File(PathBuf, Vec<u8>),
    /// Say when everything before is written.
    Barrier(mpsc::SyncSender<()>),
}

/// One writer thread and its queue.
#[derive(Debug)]
struct Lane {
    queue: mpsc::SyncSender<Job>,
    thread: thread::JoinHandle<Result<(), StoreError>>,
}

/// The lanes of a large batch.
#[derive(Debug)]
pub(super) struct Writer {
    lanes: Vec<Lane>,
    /// Set by the first lane that fails, so the batch learns of it at its next file
    /// rather than only at the end.
    failed: Arc<AtomicBool>,
}

impl Writer {
    /// Starts a lane per core, two at least (the importer and the kernel share the
    /// cores anyway) and four at most. `write` is how each lane writes a file.
    pub(super) fn start(
        write: fn(&Path, &[u8]) -> Result<(), StoreError>,
    ) -> Result<Self, StoreError> {
        let count = super::parallel::threads().clamp(2, 4);
        let mut lanes = Vec::with_capacity(count);
        let failed = Arc::new(AtomicBool::new(false));
        for n in 0..count {
            let (queue, jobs) = mpsc::sync_channel::<Job>(QUEUED);
            let lane_failed = Arc::clone(&failed);
            let thread = thread::Builder::new()
                .name(format!("claimspan-writer-{n}"))
                .spawn(move || run(jobs, write, &lane_failed))
                .map_err(|e| StoreError::io("start a writer for", Path::new("the project"), e))?;
            lanes.push(Lane { queue, thread });
        }
        Ok(Self { lanes, failed })
    }

    /// Queues a file on its lane. An error means a lane has stopped early; the
    /// caller learns why from [`Writer::finish`].
    pub(super) fn send(&self, path: &Path, bytes: &[u8]) -> Result<(), ()> {
        if self.failed.load(Ordering::Acquire) {
            return Err(());
        }
        let lane = &self.lanes[lane_of(path, self.lanes.len())];
        lane.queue
            .send(Job::File(path.to_owned(), bytes.to_vec()))
            .map_err(|_| ())
    }

    /// Waits until every file queued so far is written (or has failed).
    pub(super) fn wait(&self) -> Result<(), ()> {
        let mut acks = Vec::with_capacity(self.lanes.len());
        for lane in &self.lanes {
            let (ack, done) = mpsc::sync_channel(1);
            lane.queue.send(Job::Barrier(ack)).map_err(|_| ())?;
            acks.push(done);
        }
        for done in acks {
            done.recv().map_err(|_| ())?;
        }
        if self.failed.load(Ordering::Acquire) {
            return Err(());
        }
        Ok(())
    }

    /// Waits for every queued file; the first that could not be written.
    pub(super) fn finish(self) -> Result<(), StoreError> {
        let mut first = Ok(());
        for lane in self.lanes {
            drop(lane.queue);
            let result = lane.thread.join().unwrap_or_else(|_| Err(stopped()));
            if first.is_ok() {
                first = result;
            }
        }
        first
    }
}

/// The error for a writer that stopped without saying why.
pub(super) fn stopped() -> StoreError {
    StoreError::io(
        "write",
        Path::new("the project"),
        std::io::Error::other("the writer thread stopped; run the import again"),
    )
}

fn run(
    jobs: mpsc::Receiver<Job>,
    write: fn(&Path, &[u8]) -> Result<(), StoreError>,
    failed: &AtomicBool,
) -> Result<(), StoreError> {
    // After a failure the rest is drained unwritten: the import as a whole has
    // failed, and a full disk would refuse them anyway.
    let mut first_error = None;
    for job in jobs {
        match job {
            Job::File(path, bytes) => {
                if first_error.is_none()
                    && let Err(err) = write(&path, &bytes)
                {
                    first_error = Some(err);
                    failed.store(true, Ordering::Release);
                }
            }
            Job::Barrier(ack) => {
                let _ = ack.send(());
            }
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// The lane of a file: by its name without extension, so one document's files
/// share a lane.
fn lane_of(path: &Path, lanes: usize) -> usize {
    let mut hasher = std::hash::DefaultHasher::new();
    path.file_stem().hash(&mut hasher);
    (hasher.finish() % lanes as u64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_documents_files_share_a_lane() {
        for lanes in 2..5 {
            let text = lane_of(Path::new("p/articles/story-1.txt"), lanes);
            assert_eq!(lane_of(Path::new("p/articles/story-1.ron"), lanes), text);
            assert_eq!(
                lane_of(Path::new("p/annotations/bob/story-1.ron"), lanes),
                text
            );
        }
        // And documents spread over the lanes.
        let used: std::collections::BTreeSet<usize> = (0..100)
            .map(|i| lane_of(Path::new(&format!("story-{i}.txt")), 2))
            .collect();
        assert_eq!(used.len(), 2);
    }
}
