//! A time limit per letter. Neither Tera nor Typst can be interrupted, so a template with an
//! endless loop, an include of itself or a document of thousands of pages would hang an
//! unattended batch. A watchdog thread ends the run instead, through the one fatal exit
//! path (`error::fatal`): the temporary outputs are removed and the error names the
//! template and the letter.

use crate::messages::Text;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

/// Seconds one letter may take to be filled or laid out (a real letter takes well under one).
pub const DEFAULT_SECONDS: u64 = 30;

/// Overrides [`DEFAULT_SECONDS`] (tests set it low; a slow machine may set it high).
pub const ENV: &str = "DUNNING_LETTER_SECONDS";

/// The work under way: start time and what to name if it takes too long.
static ACTIVE: Mutex<BTreeMap<u64, (Instant, Text)>> = Mutex::new(BTreeMap::new());
static NEXT: AtomicU64 = AtomicU64::new(0);
static WATCHDOG: Once = Once::new();

/// Work on one letter, timed while it lives.
pub struct Guard(u64);

/// Starts timing `what` (e.g. "templates/zh/demand.typ: laying out a letter").
pub fn start(what: Text) -> Guard {
    WATCHDOG.call_once(|| {
        let limit = limit();
        let _ = std::thread::Builder::new()
            .name("watchdog".into())
            .spawn(move || watch(limit));
    });
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    lock().insert(id, (Instant::now(), what));
    Guard(id)
}

impl Drop for Guard {
    fn drop(&mut self) {
        lock().remove(&self.0);
    }
}

fn limit() -> Duration {
    let seconds = std::env::var(ENV)
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .unwrap_or(DEFAULT_SECONDS);
    Duration::from_secs(seconds)
}

fn watch(limit: Duration) {
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let overdue = lock()
            .values()
            .find(|(start, _)| start.elapsed() > limit)
            .map(|(_, what)| what.clone());
        if let Some(what) = overdue {
            crate::error::fatal(crate::error::Error::TimedOut {
                what,
                seconds: limit.as_secs(),
                setting: ENV,
            });
        }
    }
}

fn lock() -> std::sync::MutexGuard<'static, BTreeMap<u64, (Instant, Text)>> {
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner())
}
