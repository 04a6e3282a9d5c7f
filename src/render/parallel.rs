//! The worker threads that render letters, and the ordered parallel loop batch, check and
//! merge share: letters are laid out on the pool while one thread writes them in input
//! order, with a bounded number in flight.

use crate::error::{Error, Result};

/// Typst recurses deeply and yields to rayon inside layout: give workers room.
const WORKER_STACK: usize = 64 << 20;

/// The worker threads that render letters: `jobs` of them (default: all cores).
pub fn workers(jobs: Option<u32>) -> Result<rayon::ThreadPool> {
    let jobs = jobs.map_or_else(rayon::current_num_threads, |j| j as usize);
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| {
            Error::UsageText(
                crate::messages::Text::new("workers-failed")
                    .arg("jobs", jobs)
                    .arg("error", e),
            )
        })
}

/// Runs `render(i)` for every `i` in `0..n` on `pool`, at most `in_flight` ahead of the
/// writer, and hands each result to `write(i, …)` on this thread in order: the workers never
/// wait for one another and memory stays bounded. A panic inside `render` (a bug in Typst,
/// say) reaches `write` as `None` instead of leaving the writer waiting.
pub fn in_order<T: Send>(
    pool: &rayon::ThreadPool,
    n: usize,
    in_flight: usize,
    render: impl Fn(usize) -> T + Sync,
    mut write: impl FnMut(usize, Option<T>) -> Result<()>,
) -> Result<()> {
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, Option<T>)>();
    let render = &render;
    pool.in_place_scope(|scope| {
        // Owned here: returning early on an error drops it, and the workers' sends fail.
        let receiver = receiver;
        let mut submitted = 0;
        let mut done = std::collections::BTreeMap::new();
        for next in 0..n {
            while submitted < n && submitted < next + in_flight.max(1) {
                let (i, sender) = (submitted, sender.clone());
                scope.spawn(move |_| {
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(i))).ok();
                    let _ = sender.send((i, result));
                });
                submitted += 1;
            }
            let result = loop {
                if let Some(r) = done.remove(&next) {
                    break r;
                }
                match receiver.recv() {
                    Ok((i, r)) => {
                        done.insert(i, r);
                    }
                    Err(_) => break None,
                }
            };
            write(next, result)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn pool() -> rayon::ThreadPool {
        workers(Some(2)).expect("pool")
    }

    #[test]
    fn results_reach_the_writer_in_input_order() {
        // Later letters finish first (they sleep less); the writer still sees 0, 1, 2, …
        let mut seen = Vec::new();
        in_order(
            &pool(),
            20,
            4,
            |i| {
                std::thread::sleep(std::time::Duration::from_millis(20 - i as u64));
                i * 10
            },
            |i, r| {
                seen.push((i, r));
                Ok(())
            },
        )
        .expect("no error");
        let expected: Vec<(usize, Option<usize>)> = (0..20).map(|i| (i, Some(i * 10))).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_panicking_job_becomes_none_for_that_letter_only() {
        let mut seen = Vec::new();
        in_order(
            &pool(),
            5,
            2,
            |i| {
                if i == 2 {
                    panic!("a bug in one letter");
                }
                i
            },
            |i, r| {
                seen.push((i, r));
                Ok(())
            },
        )
        .expect("no error");
        assert_eq!(
            seen,
            vec![
                (0, Some(0)),
                (1, Some(1)),
                (2, None),
                (3, Some(3)),
                (4, Some(4))
            ]
        );
    }

    #[test]
    fn no_more_than_in_flight_letters_ahead_of_the_writer() {
        // Started-but-not-written letters never exceed in_flight (3 here).
        let started = AtomicUsize::new(0);
        let mut written = 0;
        let mut most_ahead = 0;
        in_order(
            &pool(),
            30,
            3,
            |_| {
                started.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(2));
            },
            |_, _| {
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - written);
                written += 1;
                Ok(())
            },
        )
        .expect("no error");
        assert_eq!(written, 30);
        assert!(most_ahead <= 3, "{most_ahead} letters were in flight");
    }

    #[test]
    fn a_write_error_stops_the_loop_and_is_returned() {
        let mut calls = 0;
        let result = in_order(
            &pool(),
            100,
            4,
            |i| i,
            |i, _| {
                calls += 1;
                if i == 3 {
                    Err(Error::Internal("disk".into()))
                } else {
                    Ok(())
                }
            },
        );
        assert!(matches!(result, Err(Error::Internal(_))));
        assert_eq!(calls, 4);
    }
}
