//! Reading many documents at once: a small work-sharing loop over `std::thread::scope`.
//!
//! Agreement and merge read every annotation file of a project; one thread spends
//! most of its time parsing RON and waiting for the disk, so the documents are shared
//! out to one thread per core in small chunks (chunks keep the threads busy when
//! documents differ in size).

use std::cell::Cell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many documents a thread takes at a time.
const CHUNK: usize = 32;

thread_local! {
    /// The most threads a loop started on this thread may use, when limited.
    static LIMIT: Cell<Option<usize>> = const { Cell::new(None) };
}

/// How many threads to use: one per core, or fewer inside [`with_threads`].
pub fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    LIMIT
        .with(Cell::get)
        .map_or(cores, |limit| limit.clamp(1, cores))
}

/// Runs `work` with every parallel loop it starts on this thread kept to `limit`
/// threads: work in the background (the window's learning) leaves a core to the
/// window, so its frames take as long as before.
pub fn with_threads<R>(limit: usize, work: impl FnOnce() -> R) -> R {
    let before = LIMIT.with(|l| l.replace(Some(limit)));
    let result = work();
    LIMIT.with(|l| l.set(before));
    result
}

/// Folds every item into one accumulator per thread, each made by `init`, and returns
/// the accumulators. Items are visited in chunks, in no fixed order, so the fold
/// must not depend on order (sum counts; sort lists afterwards).
pub fn par_fold<I, A, F>(items: &[I], init: impl Fn() -> A + Sync, fold: F) -> Vec<A>
where
    I: Sync,
    A: Send,
    F: Fn(&mut A, &I) + Sync,
{
    let workers = threads().min(items.len().div_ceil(CHUNK)).max(1);
    if workers == 1 {
        let mut acc = init();
        for item in items {
            fold(&mut acc, item);
        }
        return vec![acc];
    }
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(workers));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut acc = init();
                loop {
                    let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                    if start >= items.len() {
                        break;
                    }
                    for item in &items[start..(start + CHUNK).min(items.len())] {
                        fold(&mut acc, item);
                    }
                }
                // A poisoned lock means another worker panicked; its accumulator is
                // lost either way, this one is still good.
                match done.lock() {
                    Ok(mut d) => d.push(acc),
                    Err(poisoned) => poisoned.into_inner().push(acc),
                }
            });
        }
    });
    done.into_inner().unwrap_or_else(|p| p.into_inner())
}

/// Maps every item on several threads and returns the results in the items' order.
pub fn par_map<I, T, F>(items: &[I], f: F) -> Vec<T>
where
    I: Sync,
    T: Send,
    F: Fn(&I) -> T + Sync,
{
    let indexed: Vec<(usize, &I)> = items.iter().enumerate().collect();
    let mut parts = par_fold(
        &indexed,
        Vec::new,
        |out: &mut Vec<(usize, T)>, (i, item)| {
            out.push((*i, f(item)));
        },
    );
    let mut all: Vec<(usize, T)> = Vec::with_capacity(items.len());
    for part in &mut parts {
        all.append(part);
    }
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_holds_inside_and_is_let_go_after() {
        let all = threads();
        assert_eq!(with_threads(1, threads), 1);
        assert_eq!(with_threads(0, threads), 1, "never none");
        assert_eq!(
            with_threads(usize::MAX, threads),
            all,
            "never more than cores"
        );
        assert_eq!(threads(), all);
        let summed: usize = with_threads(1, || par_fold(&[1, 2, 3], || 0, |a, i| *a += i))
            .into_iter()
            .sum();
        assert_eq!(summed, 6);
    }

    #[test]
    fn map_keeps_order_and_fold_sees_everything() {
        let items: Vec<u64> = (0..1000).collect();
        assert_eq!(
            par_map(&items, |x| x * 2),
            (0..1000).map(|x| x * 2).collect::<Vec<_>>()
        );
        let sums = par_fold(&items, || 0u64, |acc, x| *acc += x);
        assert_eq!(sums.iter().sum::<u64>(), 499_500);
        assert_eq!(par_map(&[] as &[u8], |x| *x), Vec::<u8>::new());
    }
}
