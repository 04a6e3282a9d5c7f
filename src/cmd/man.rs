//! `dunning man`: generated from the clap definitions, so it never drifts from the real
//! flags. The manual has one page per command (`dunning(1)`,
//! `dunning-batch(1)`, `dunning-templates-export(1)`…), each with the EXIT STATUS and
//! ENVIRONMENT that apply to that command.

use crate::cli::Cli;
use crate::error::{Error, Result};
use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::Write;
use std::path::Path;

/// `dunning man`: the top page; `dunning man batch`: that command's page; `--dir`: every page.
pub fn run(command: &[String], dir: Option<&Path>) -> Result<()> {
    let pages = pages();
    if let Some(dir) = dir {
        return write_all(&pages, dir);
    }
    let wanted = std::iter::once("dunning")
        .chain(command.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-");
    let Some(cmd) = pages.iter().find(|c| name(c) == wanted) else {
        let known: Vec<String> = pages[1..]
            .iter()
            .map(|c| name(c)["dunning-".len()..].replace('-', " "))
            .collect();
        return Err(Error::Usage(format!(
            "no manual page for `{}`; there is one for: {}",
            command.join(" "),
            known.join(", ")
        )));
    };
    crate::terminal::stdout(
        &render(cmd, &pages)
            .map_err(|e| Error::Internal(format!("rendering the manual page: {e}")))?,
    )
}

/// Every command of the manual, the top one first, then depth first; no `help` pages.
fn pages() -> Vec<clap::Command> {
    fn no_help(cmd: clap::Command) -> clap::Command {
        cmd.disable_help_subcommand(true).mut_subcommands(no_help)
    }
    fn walk(cmd: &clap::Command, out: &mut Vec<clap::Command>) {
        out.push(cmd.clone());
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, out);
        }
    }
    let mut root = no_help(Cli::command());
    root.build();
    let mut out = Vec::new();
    walk(&root, &mut out);
    out
}

/// The page's name: `dunning`, `dunning-batch`, `dunning-templates-export`.
fn name(cmd: &clap::Command) -> &str {
    cmd.get_display_name().unwrap_or_else(|| cmd.get_name())
}

/// Writes `NAME.1` for every page into `dir`, each under a temporary name, then renamed.
fn write_all(pages: &[clap::Command], dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for cmd in pages {
        let path = dir.join(format!("{}.1", name(cmd)));
        let page = render(cmd, pages)
            .map_err(|e| Error::Internal(format!("rendering the manual page: {e}")))?;
        crate::output::atomic::write(&path, &page)?;
    }
    eprintln!("wrote {} manual pages to {}", pages.len(), dir.display());
    Ok(())
}

/// One page: clap_mangen's sections, then EXIT STATUS, ENVIRONMENT, VERSION and SEE ALSO.
fn render(cmd: &clap::Command, pages: &[clap::Command]) -> std::io::Result<Vec<u8>> {
    let name = name(cmd);
    let man = clap_mangen::Man::new(cmd.clone())
        .title(name.to_uppercase())
        .source(format!("dunning {}", env!("CARGO_PKG_VERSION")))
        .manual("dunning manual");
    // Each clap_mangen section comes with roff's preamble: keep the first only.
    let preamble = Roff::new().render();
    let mut out = preamble.clone().into_bytes();
    let mut section = |render: &dyn Fn(&mut dyn Write) -> std::io::Result<()>| {
        let mut part = Vec::new();
        render(&mut part)?;
        out.extend_from_slice(part.strip_prefix(preamble.as_bytes()).unwrap_or(&part));
        Ok::<_, std::io::Error>(())
    };
    section(&|w| man.render_title(w))?;
    section(&|w| man.render_name_section(w))?;
    section(&|w| man.render_synopsis_section(w))?;
    section(&|w| man.render_description_section(w))?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        section(&|w| man.render_options_section(w))?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        section(&|w| man.render_subcommands_section(w))?;
    }
    if cmd.get_after_long_help().is_some() || cmd.get_after_help().is_some() {
        section(&|w| man.render_extra_section(w))?;
    }

    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in exit_status(name) {
        roff.control("TP", []);
        roff.text([bold(code.to_string())]);
        roff.text([roman(*meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    let vars = environment(name);
    if vars.is_empty() {
        roff.text([roman(
            "No environment variable changes what this command does.",
        )]);
    }
    for (var, meaning) in vars {
        roff.control("TP", []);
        roff.text([bold(*var)]);
        roff.text([roman(*meaning)]);
    }
    if !vars.is_empty() {
        roff.control("PP", []);
        roff.text([roman(
            "The locale decides only the tool's own messages: a letter's language is its \
             row's lang column, else --lang, else the config's lang, else zh.",
        )]);
    }
    roff.control("SH", ["VERSION"]);
    roff.text([roman(format!("v{}", env!("CARGO_PKG_VERSION")))]);
    roff.control("SH", ["SEE ALSO"]);
    let mut names = Vec::new();
    for other in see_also(cmd, pages) {
        if !names.is_empty() {
            names.push(roman(", "));
        }
        names.push(bold(other));
        names.push(roman("(1)"));
    }
    roff.text(names);
    let tail = roff.render();
    out.extend_from_slice(tail.strip_prefix(&preamble).unwrap_or(&tail).as_bytes());
    Ok(out)
}

/// The pages a page points to: every other page from the top one; from the others, the
/// page above, the pages below and the commands used with this one.
fn see_also(cmd: &clap::Command, pages: &[clap::Command]) -> Vec<String> {
    let name = name(cmd);
    if name == "dunning" {
        return pages[1..]
            .iter()
            .map(|c| self::name(c).to_owned())
            .collect();
    }
    let parent = name.rsplit_once('-').map_or("dunning", |(p, _)| p);
    let children = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| self::name(s).to_owned());
    let related: &[&str] = match name {
        "dunning-batch" => &["check", "compute", "merge", "preview"],
        "dunning-check" | "dunning-compute" | "dunning-merge" => &["batch"],
        "dunning-preview" => &["templates", "batch"],
        "dunning-templates" | "dunning-init" => &["preview"],
        "dunning-completions" => &["man"],
        _ => &[],
    };
    let related = related.iter().map(|r| format!("dunning-{r}"));
    std::iter::once(parent.to_owned())
        .chain(children)
        .chain(related)
        .collect()
}

/// The exit codes a command can end with (SPEC 2) and what each means for it.
fn exit_status(page: &str) -> &'static [(i32, &'static str)] {
    const USAGE: (i32, &str) = (
        2,
        "Usage error: an unknown flag, a bad value, a missing argument.",
    );
    const IO: (i32, &str) = (
        4,
        "I/O failure: a file that exists but cannot be read, an unwritable folder, a full disk. \
         Nothing partial is left at the output path.",
    );
    match page {
        "dunning" => &[
            (0, "Success."),
            (
                1,
                "Invalid data, template or config (every problem is printed as \
                 FILE:ROW: COLUMN: message), or a letter over its time limit: nothing was written.",
            ),
            USAGE,
            (
                3,
                "Written, with rejected rows listed in rejects.csv (batch --skip-invalid, \
                 and merge of such shards).",
            ),
            IO,
            (
                130,
                "Interrupted by SIGINT or SIGTERM during batch or merge: the temporary zip \
                 was removed, nothing was written.",
            ),
        ],
        "dunning-batch" => &[
            (0, "Every letter was written: the zip is in place."),
            (
                1,
                "Invalid data, template or config, or a letter that took longer than its \
                 time limit (DUNNING_LETTER_SECONDS): nothing was written.",
            ),
            USAGE,
            (
                3,
                "With --skip-invalid: the valid letters were written, the rejected rows are \
                 listed in the zip's rejects.csv.",
            ),
            IO,
            (
                130,
                "Interrupted by SIGINT or SIGTERM: the temporary zip was removed, nothing \
                 was written.",
            ),
        ],
        "dunning-merge" => &[
            (0, "The full run's zip is in place."),
            (
                1,
                "The shards are not one whole run (one missing or given twice, another \
                 --as-of, chunk size, duplex or templates) or a zip is damaged: nothing was written.",
            ),
            USAGE,
            (
                3,
                "Written; the shards had rejected rows, listed in rejects.csv.",
            ),
            IO,
            (
                130,
                "Interrupted by SIGINT or SIGTERM: the temporary zip was removed, nothing \
                 was written.",
            ),
        ],
        "dunning-check" => &[
            (0, "No problem found."),
            (
                1,
                "Problems found, each printed as FILE:ROW: COLUMN: message (templates as \
                 TEMPLATE:LINE).",
            ),
            USAGE,
            IO,
        ],
        "dunning-compute" => &[
            (0, "The figures were printed."),
            (
                1,
                "Invalid data or config: the problems are printed, no figures.",
            ),
            USAGE,
            IO,
        ],
        "dunning-preview" => &[
            (
                0,
                "The letter was written. With --watch the command runs until interrupted; \
                 an error while watching is printed and watching goes on.",
            ),
            (
                1,
                "Invalid data, template or config, no row with that --id, or a letter over \
                 its time limit: nothing was written.",
            ),
            USAGE,
            IO,
        ],
        "dunning-templates" | "dunning-templates-export" | "dunning-init" => &[
            (0, "Success."),
            (
                2,
                "Usage error, or files that would be overwritten (templates export without \
                 --force; init into a folder that is not empty).",
            ),
            IO,
        ],
        "dunning-send" => &[
            (
                0,
                "Every message was sent (or, with --eml, written; with --dry-run, listed).",
            ),
            (
                1,
                "A bad zip (no manifest, a missing or changed PDF), a bad address or template: \
                 nothing was sent.",
            ),
            USAGE,
            (
                3,
                "Some letters did not go out: refused (failed), without an address (skipped) or \
                 deferred; the send log says which.",
            ),
            (
                4,
                "The mail server could not be reached, or the send log cannot be written.",
            ),
            (
                130,
                "Interrupted after the message in hand; what was sent is in the send log.",
            ),
        ],
        _ => &[(0, "Success."), USAGE, IO],
    }
}

/// The variables a command reads, and what each changes.
fn environment(page: &str) -> &'static [(&'static str, &'static str)] {
    const LETTER_SECONDS: (&str, &str) = (
        "DUNNING_LETTER_SECONDS",
        "Seconds one letter may take to be filled or laid out (default 30). Past that the \
         run stops with exit 1, naming the template and the letter, and leaves nothing behind.",
    );
    const TZ: (&str, &str) = (
        "TZ",
        "The time zone of \"today\", the default --as-of (else /etc/localtime; with \
         neither, UTC).",
    );
    const PASSWORD: (&str, &str) = (
        "DUNNING_SMTP_PASSWORD",
        "The SMTP password for the user named in --smtp (never on the command line or in \
         the config).",
    );
    const UI: (&str, &str) = (
        "DUNNING_UI",
        "zh or en: the language of the tool's own messages, whatever the locale.",
    );
    const LOCALE: (&str, &str) = (
        "LC_ALL, LC_MESSAGES, LANG",
        "The first one set decides the language of the messages: Chinese when it begins \
         with zh, English otherwise. Files the tool writes are the same in both.",
    );
    const NOW: (&str, &str) = (
        "DUNNING_NOW",
        "An RFC 3339 instant taken as the current time (tests; re-running a scheduled job \
         as it ran). The config's timezone: turns it into today's date.",
    );
    const RAYON: (&str, &str) = (
        "RAYON_NUM_THREADS",
        "The number of threads that render letters when --jobs does not say (default: \
         one per core).",
    );
    match page {
        "dunning" => &[LETTER_SECONDS, PASSWORD, UI, LOCALE, NOW, RAYON, TZ],
        "dunning-batch" | "dunning-check" => &[LETTER_SECONDS, UI, LOCALE, NOW, RAYON, TZ],
        "dunning-merge" => &[LETTER_SECONDS, UI, LOCALE, RAYON],
        "dunning-preview" => &[LETTER_SECONDS, UI, LOCALE, NOW, TZ],
        "dunning-compute" => &[UI, LOCALE, NOW, TZ],
        "dunning-send" => &[PASSWORD, UI, LOCALE],
        _ => &[UI, LOCALE],
    }
}
