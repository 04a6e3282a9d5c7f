//! `dunning man`: generated from the clap definitions, so it never drifts from the real
//! flags. The manual has one page per command (`dunning(1)`,
//! `dunning-batch(1)`, `dunning-templates-export(1)`…), each with the EXIT STATUS and
//! ENVIRONMENT that apply to that command. In Chinese when the run's language is (SPEC 10):
//! the texts of `--help`, and the exit codes and variables from the catalogue.

use crate::cli::{Cli, help};
use crate::error::{Error, Result};
use crate::messages::tr;
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
    // In the run's language, as `--help` is.
    let mut root = help::for_man(help::localize(no_help(Cli::command())));
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
        .manual(tr("man-manual", &[]));
    // Each clap_mangen section comes with roff's preamble: keep the first only.
    let preamble = Roff::new().render();
    let mut out = preamble.clone().into_bytes();
    if crate::messages::ui() == crate::messages::Ui::Zh {
        // Left-aligned: roff breaks Chinese only at its few spaces, and would stretch them.
        out.extend_from_slice(b".ad l\n");
    }
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
        roff.text([roman(tr(meaning, &[]))]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    let vars = environment(name);
    if vars.is_empty() {
        roff.text([roman(tr("man-env-none", &[]))]);
    }
    for (var, meaning) in vars {
        roff.control("TP", []);
        roff.text([bold(*var)]);
        roff.text([roman(tr(meaning, &[]))]);
    }
    if !vars.is_empty() {
        roff.control("PP", []);
        roff.text([roman(tr("man-env-locale-note", &[]))]);
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
    // The lines of a Chinese help text (the possible values one by one), which roff would join.
    let out = String::from_utf8_lossy(&out)
        .replace(help::MAN_LINE_BREAK, "\n.br\n")
        .into_bytes();
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

/// The exit codes a command can end with (SPEC 2) and the message that says what each means
/// for it.
fn exit_status(page: &str) -> &'static [(i32, &'static str)] {
    const SUCCESS: (i32, &str) = (0, "man-exit-success");
    const USAGE: (i32, &str) = (2, "man-exit-usage");
    const IO: (i32, &str) = (4, "man-exit-io");
    const INTERRUPTED: (i32, &str) = (130, "man-exit-interrupted");
    match page {
        "dunning" => &[
            SUCCESS,
            (1, "man-exit-dunning-1"),
            USAGE,
            (3, "man-exit-dunning-3"),
            IO,
            (130, "man-exit-dunning-130"),
        ],
        "dunning-batch" => &[
            (0, "man-exit-batch-0"),
            (1, "man-exit-batch-1"),
            USAGE,
            (3, "man-exit-batch-3"),
            IO,
            INTERRUPTED,
        ],
        "dunning-merge" => &[
            (0, "man-exit-merge-0"),
            (1, "man-exit-merge-1"),
            USAGE,
            (3, "man-exit-merge-3"),
            IO,
            INTERRUPTED,
        ],
        "dunning-check" => &[(0, "man-exit-check-0"), (1, "man-exit-check-1"), USAGE, IO],
        "dunning-compute" => &[
            (0, "man-exit-compute-0"),
            (1, "man-exit-compute-1"),
            USAGE,
            IO,
        ],
        "dunning-preview" => &[
            (0, "man-exit-preview-0"),
            (1, "man-exit-preview-1"),
            USAGE,
            IO,
        ],
        "dunning-templates" | "dunning-templates-export" | "dunning-init" => {
            &[SUCCESS, (2, "man-exit-templates-2"), IO]
        }
        "dunning-send" => &[
            (0, "man-exit-send-0"),
            (1, "man-exit-send-1"),
            USAGE,
            (3, "man-exit-send-3"),
            (4, "man-exit-send-4"),
            (130, "man-exit-send-130"),
        ],
        _ => &[SUCCESS, USAGE, IO],
    }
}

/// The variables a command reads, and the message that says what each changes.
fn environment(page: &str) -> &'static [(&'static str, &'static str)] {
    const LETTER_SECONDS: (&str, &str) = ("DUNNING_LETTER_SECONDS", "man-env-letter-seconds");
    const TZ: (&str, &str) = ("TZ", "man-env-tz");
    const PASSWORD: (&str, &str) = ("DUNNING_SMTP_PASSWORD", "man-env-smtp-password");
    const UI: (&str, &str) = ("DUNNING_UI", "man-env-ui");
    const LOCALE: (&str, &str) = ("LC_ALL, LC_MESSAGES, LANG", "man-env-locale");
    const NOW: (&str, &str) = ("DUNNING_NOW", "man-env-now");
    const RAYON: (&str, &str) = ("RAYON_NUM_THREADS", "man-env-rayon");
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
