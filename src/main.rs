//! Parse the command line, run it, print `error:` / `hint:` once and exit with
//! `Error::code()` (SPEC 2). The only place the process exits.

use dunning::error::{self, Error};

/// Typst allocates and frees many small objects per letter; mimalloc does this about 6%
/// faster than glibc's malloc across two rendering threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // mimalloc asks for transparent huge pages; a batch then holds ~60 MB more memory
    // (2 MB pages, partly used) for no measurable speed. Set before the first big allocation.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with an integer flag touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // The signal handler and the per-letter watchdog end the process through `exit` too.
    error::on_fatal(exit);
    if let Some(value) = dunning::messages::unknown_ui() {
        let text = dunning::messages::tr("unknown-ui", &[("value", value.into())]);
        dunning::terminal::print_warning(text);
    }
    let cli = match dunning::cli::help::parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints usage errors, --help and --version (in Chinese where it lets us).
            let _ = e.print();
            let code = if e.use_stderr() {
                Error::Usage(String::new()).code()
            } else {
                0
            };
            std::process::exit(code)
        }
    };
    match dunning::run(&cli) {
        Ok(()) => {}
        // A reader that went away (`dunning compute | head`) is not a failure.
        Err(e) if e.is_broken_pipe() => dunning::output::temp::remove_all(),
        Err(e) => exit(e),
    }
}

/// Removes the temporary outputs, prints the error once and exits with its code.
fn exit(e: Error) -> ! {
    dunning::output::temp::remove_all();
    dunning::terminal::print_error(&e);
    std::process::exit(e.code())
}
