//! The process's one Ctrl-C / SIGTERM handler. By default an interruption ends the run at
//! once through `error::fatal` (`main` removes the temporary outputs of [`super::temp`]).
//! A command that must first finish what it is doing — `send`, with a message on the wire
//! and its log line to write — calls [`finish_current`] and polls [`interrupted`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};

static HANDLER: Once = Once::new();
static FINISH_CURRENT: AtomicBool = AtomicBool::new(false);
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// What a second interruption, which does not wait, leaves behind.
static FORCED: OnceLock<&'static str> = OnceLock::new();

/// Installs the handler (once; later calls do nothing).
pub fn install() {
    HANDLER.call_once(|| {
        // If a handler cannot be installed the default (terminate) still leaves the target
        // untouched; only a temporary file would remain.
        let _ = ctrlc::set_handler(|| {
            // A second interruption does not wait any longer.
            if FINISH_CURRENT.load(Ordering::SeqCst) && !INTERRUPTED.swap(true, Ordering::SeqCst) {
                return;
            }
            crate::error::fatal(crate::error::Error::Interrupted)
        });
    });
}

/// From now on an interruption only sets [`interrupted`]; the run stops at its next check.
/// A second one ends the process at once, with `forced` saying what that may leave.
pub fn finish_current(forced: &'static str) {
    let _ = FORCED.set(forced);
    FINISH_CURRENT.store(true, Ordering::SeqCst);
    install();
}

/// Whether Ctrl-C or SIGTERM came since [`finish_current`].
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
