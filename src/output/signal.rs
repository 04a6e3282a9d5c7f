//! The process's one Ctrl-C / SIGTERM handler. By default an interruption ends the run at
//! once through `error::fatal` (`main` removes the temporary outputs of [`super::temp`]).
//! A command that must first finish what it is doing — `send`, with a message on the wire
//! and its log line to write — calls [`finish_current`] and polls [`interrupted`].

use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

static HANDLER: Once = Once::new();
static FINISH_CURRENT: AtomicBool = AtomicBool::new(false);
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

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
pub fn finish_current() {
    FINISH_CURRENT.store(true, Ordering::SeqCst);
    install();
}

/// Whether Ctrl-C or SIGTERM came since [`finish_current`].
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
