//! What the tool says on the terminal: the one printer of errors (`error:` then `hint:`),
//! warnings, and the progress bar. Everything else the tool prints is a command's output.

use crate::error::{Error, Problem};

/// Prints an error as `error: …` lines and its `hint:`; the one place errors become words
/// (`main`, and `preview --watch`, which goes on after an error).
pub fn print_error(e: &Error) {
    match e {
        Error::Invalid(problems) => {
            for p in problems {
                eprintln!("error: {p}");
            }
        }
        other => eprintln!("error: {other}"),
    }
    if let Some(hint) = e.hint() {
        eprintln!("hint: {hint}");
    }
}

/// Prints warnings on stderr, one per line.
pub fn print_warnings(warnings: &[Problem]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// A bar with letters/s and ETA on a terminal; nothing when quiet or piped.
pub fn progress_bar(quiet: bool, len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:32} {pos}/{len} letters  {per_sec}  ETA {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}
