//! What the tool says on the terminal: the one printer of errors (`error:` then `hint:`),
//! warnings, and the progress bar. Everything else the tool prints is a command's output.

use crate::error::{Error, Problem};
use crate::messages::tr;

/// Prints an error as `error: …` lines and its `hint:`; the one place errors become words
/// (`main`, and `preview --watch`, which goes on after an error).
pub fn print_error(e: &Error) {
    let error = tr("prefix-error", &[]);
    match e {
        // `check` has listed the problems and its summary on stdout: that is the report.
        Error::CheckFailed { .. } => return,
        Error::Invalid(problems) => {
            for p in problems {
                eprintln!("{error}: {p}");
            }
        }
        other => eprintln!("{error}: {}", other.localized()),
    }
    if let Some(hint) = e.hint() {
        eprintln!("{}: {hint}", tr("prefix-hint", &[]));
    }
}

/// Prints warnings on stderr, one per line.
pub fn print_warnings(warnings: &[Problem]) {
    for w in warnings {
        print_warning(w);
    }
}

/// Prints one warning on stderr: `warning: …`.
pub fn print_warning(warning: impl std::fmt::Display) {
    eprintln!("{}: {warning}", tr("prefix-warning", &[]));
}

/// Writes a command's output to stdout; a reader that went away is handled once, in main.
pub fn stdout(bytes: &[u8]) -> crate::error::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(Error::stdout)
}

/// A bar with letters/s and ETA on a terminal; nothing when quiet or piped.
pub fn progress_bar(quiet: bool, len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let template = format!(
        "{{bar:32}} {{pos}}/{{len}} {}  {{per_sec}}  ETA {{eta}}",
        tr("progress", &[])
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}
