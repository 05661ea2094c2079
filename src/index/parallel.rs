//! Reading files on several threads, their outcomes taken in the files' order.
//!
//! Reading, decoding, cutting and tagging a file is a tenth of a build's work, and done on
//! one thread it held the others back: with `--threads 2` the build ran 1.6× as fast as with
//! `--threads 1`, not 2×. The files are read on `threads` threads; the outcomes go to the
//! calling thread, which records them in the files' order, so the manifest, the summary and
//! the progress come out as a serial build's.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work` on each of `items` on `threads` threads (at least one) and hands each result
/// to `record`, on the calling thread, in the items' order. The first error, of `work` or of
/// `record`, stops the rest (items already started finish) and is returned.
pub fn in_order<T, R, E>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> Result<R, E> + Sync,
    mut record: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
    E: Send,
{
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<(usize, Result<R, E>)>();
        for _ in 0..threads.max(1) {
            let send = send.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || loop {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(at) else { break };
                if send.send((at, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        // Results that came before their turn.
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut due = 0;
        let outcome = (|| {
            for (at, result) in &receive {
                waiting.insert(at, result?);
                while let Some(result) = waiting.remove(&due) {
                    record(&items[due], result)?;
                    due += 1;
                }
            }
            Ok(())
        })();
        stop.store(true, Ordering::Relaxed);
        // The workers finish the item they hold; their results are not wanted.
        drop(receive);
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_recorded_in_the_items_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..200).collect();
        for threads in [1, 2, 7] {
            let mut seen = Vec::new();
            let done: Result<(), ()> = in_order(
                &items,
                threads,
                |&n| {
                    // Later items finish sooner.
                    std::thread::sleep(std::time::Duration::from_micros(200 - n));
                    Ok(n * 2)
                },
                |&n, doubled| {
                    assert_eq!(doubled, n * 2);
                    seen.push(n);
                    Ok(())
                },
            );
            assert_eq!(done, Ok(()));
            assert_eq!(seen, items, "{threads} threads");
        }
    }

    /// Each item takes a millisecond: the workers could not reach the end of the items
    /// before the first error stopped them unless the calling thread stalled for a second.
    fn slowly<T>(value: T) -> T {
        std::thread::sleep(std::time::Duration::from_millis(1));
        value
    }

    #[test]
    fn the_first_error_stops_the_rest() {
        let items: Vec<u32> = (0..2_000).collect();
        let started = AtomicUsize::new(0);
        let mut recorded = 0;
        let done = in_order(
            &items,
            2,
            |&n| {
                started.fetch_add(1, Ordering::Relaxed);
                slowly(if n == 5 {
                    Err(format!("item {n}"))
                } else {
                    Ok(n)
                })
            },
            |_, _| {
                recorded += 1;
                Ok(())
            },
        );
        assert_eq!(done, Err("item 5".to_string()));
        assert!(recorded <= 5, "{recorded} recorded");
        assert!(started.load(Ordering::Relaxed) < items.len());
    }

    #[test]
    fn an_error_of_the_recorder_stops_the_workers() {
        let items: Vec<u32> = (0..2_000).collect();
        let started = AtomicUsize::new(0);
        let done = in_order(
            &items,
            2,
            |&n| {
                started.fetch_add(1, Ordering::Relaxed);
                slowly(Ok::<u32, String>(n))
            },
            |&n, _| {
                if n == 3 {
                    Err("stop".to_string())
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(done, Err("stop".to_string()));
        assert!(started.load(Ordering::Relaxed) < items.len());
    }
}
