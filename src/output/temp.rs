//! Temporary outputs not yet renamed into place (`.dunning-*.tmp` beside the target),
//! removed if the run is interrupted (Ctrl-C, or SIGTERM from cron or Kubernetes) or
//! stopped by the per-letter time limit. Only SIGKILL can leave one behind — and even then
//! nothing is ever at the target path.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Creates a temporary file in `dir` that an interrupted run removes. The handler is
/// installed first and the list held while the file is made, so there is no moment in
/// which a signal could leave it behind.
pub fn create(dir: &Path, suffix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    super::signal::install();
    let mut pending = lock();
    let tmp = tempfile::Builder::new()
        .prefix(".dunning-")
        .suffix(suffix)
        .tempfile_in(dir)?;
    pending.push(tmp.path().to_path_buf());
    Ok(tmp)
}

/// Forgets a temporary file that was renamed into place or removed.
pub fn release(path: &Path) {
    lock().retain(|p| p != path);
}

/// Removes every temporary output: `main` calls it on its way out after a fatal error
/// (an interruption, or the per-letter time limit).
pub fn remove_all() {
    for path in lock().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}
