//! `dunning man`: one page per command, each with EXIT STATUS and ENVIRONMENT, and every page
//! a page names exists.

mod common;

use common::Workdir;
use std::collections::BTreeSet;

/// Every page of the manual, as `dunning man --dir` names them.
const PAGES: &[&str] = &[
    "dunning",
    "dunning-batch",
    "dunning-check",
    "dunning-completions",
    "dunning-compute",
    "dunning-init",
    "dunning-man",
    "dunning-merge",
    "dunning-preview",
    "dunning-send",
    "dunning-templates",
    "dunning-templates-export",
    "dunning-templates-list",
];

/// Roff as plain text: `\-` as `-`, font changes dropped.
fn plain(roff: &str) -> String {
    roff.replace("\\-", "-")
        .replace("\\fB", "")
        .replace("\\fI", "")
        .replace("\\fR", "")
        .replace("\\fP", "")
}

/// The lines of section `name` (`.SH NAME` up to the next `.SH`).
fn section(page: &str, name: &str) -> String {
    let head = format!(".SH {name}\n");
    let head_quoted = format!(".SH \"{name}\"\n");
    let start = page
        .find(&head)
        .map(|i| i + head.len())
        .or_else(|| page.find(&head_quoted).map(|i| i + head_quoted.len()))
        .unwrap_or_else(|| panic!("no section {name} in\n{page}"));
    let rest = &page[start..];
    rest[..rest.find("\n.SH ").map_or(rest.len(), |i| i + 1)].to_string()
}

/// Every `NAME(1)` a page mentions.
fn references(page: &str) -> BTreeSet<String> {
    let text = plain(page);
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices("(1)") {
        let before = &text[..i];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |j| j + 1);
        if before[start..].starts_with("dunning") {
            found.insert(before[start..].to_string());
        }
    }
    found
}

/// The command names under `Commands:` in a `--help` text, without `help`.
fn commands_in_help(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| l.len() > 2 && !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

fn all_pages(wd: &Workdir) -> Vec<(String, String)> {
    wd.run(&["man", "--dir", "man1"]).must_succeed();
    let mut files = wd.list("man1");
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = wd.read_text(&format!("man1/{f}"));
            (f, text)
        })
        .collect()
}

#[test]
fn dir_writes_one_page_per_command_and_nothing_else() {
    let wd = Workdir::new();
    let names: Vec<String> = all_pages(&wd).into_iter().map(|(f, _)| f).collect();
    let mut expected: Vec<String> = PAGES.iter().map(|p| format!("{p}.1")).collect();
    expected.sort();
    assert_eq!(names, expected);
}

#[test]
fn every_command_in_the_help_has_a_page() {
    let wd = Workdir::new();
    let top = wd.run(&["--help"]).must_succeed().stdout();
    let commands = commands_in_help(&top);
    assert!(commands.contains(&"batch".to_string()), "{top}");
    for command in &commands {
        assert!(
            PAGES.contains(&format!("dunning-{command}").as_str()),
            "no page for `dunning {command}`"
        );
        let help = wd.run(&[command, "--help"]).must_succeed().stdout();
        for sub in commands_in_help(&help) {
            assert!(
                PAGES.contains(&format!("dunning-{command}-{sub}").as_str()),
                "no page for `dunning {command} {sub}`"
            );
        }
    }
}

#[test]
fn every_page_has_its_title_exit_status_environment_and_see_also() {
    let wd = Workdir::new();
    for (file, page) in all_pages(&wd) {
        let name = file.trim_end_matches(".1");
        assert!(
            page.contains(&format!(".TH {} 1 ", name.to_uppercase())),
            "{file}: title\n{page}"
        );
        let name_line = plain(&section(&page, "NAME"));
        assert!(
            name_line.starts_with(&format!("{name} - ")),
            "{file}: NAME is {name_line:?}"
        );
        let exit = plain(&section(&page, "EXIT STATUS"));
        for code in ["0", "2", "4"] {
            assert!(
                exit.lines().any(|l| l == code),
                "{file}: exit {code} missing\n{exit}"
            );
        }
        section(&page, "ENVIRONMENT");
        assert!(
            !references(&section(&page, "SEE ALSO")).is_empty(),
            "{file}: SEE ALSO is empty"
        );
    }
}

#[test]
fn every_page_a_page_names_exists() {
    let wd = Workdir::new();
    let pages = all_pages(&wd);
    let existing: BTreeSet<String> = pages
        .iter()
        .map(|(f, _)| f.trim_end_matches(".1").to_string())
        .collect();
    for (file, page) in &pages {
        for reference in references(page) {
            assert!(
                existing.contains(&reference),
                "{file} names {reference}(1), which does not exist"
            );
        }
    }
    // The top page points to every other page.
    let top = &pages
        .iter()
        .find(|(f, _)| f == "dunning.1")
        .expect("dunning.1")
        .1;
    let named = references(&section(top, "SEE ALSO"));
    let others: BTreeSet<String> = existing.into_iter().filter(|p| p != "dunning").collect();
    assert_eq!(named, others);
}

#[test]
fn batch_page_lists_every_exit_code_and_the_variables_it_reads() {
    let wd = Workdir::new();
    let page = wd.run(&["man", "batch"]).must_succeed().stdout();
    assert!(page.contains(".TH DUNNING-BATCH 1 "), "{page}");
    let exit = plain(&section(&page, "EXIT STATUS"));
    let codes: Vec<&str> = exit
        .lines()
        .filter(|l| l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty())
        .collect();
    assert_eq!(codes, ["0", "1", "2", "3", "4", "130"], "{exit}");
    let env = plain(&section(&page, "ENVIRONMENT"));
    for var in ["DUNNING_LETTER_SECONDS", "TZ", "RAYON_NUM_THREADS"] {
        assert!(env.lines().any(|l| l == var), "{var} missing\n{env}");
    }
    let top = wd.run(&["man"]).must_succeed().stdout();
    let exit = plain(&section(&top, "EXIT STATUS"));
    for code in ["0", "1", "2", "3", "4", "130"] {
        assert!(
            exit.lines().any(|l| l == code),
            "top page: exit {code}\n{exit}"
        );
    }
    assert!(plain(&section(&top, "ENVIRONMENT")).contains("DUNNING_LETTER_SECONDS"));
}

#[test]
fn printed_pages_are_the_pages_written() {
    let wd = Workdir::new();
    let pages = all_pages(&wd);
    let page = |name: &str| &pages.iter().find(|(f, _)| f == name).expect(name).1;
    assert_eq!(&wd.run(&["man"]).must_succeed().stdout(), page("dunning.1"));
    assert_eq!(
        &wd.run(&["man", "batch"]).must_succeed().stdout(),
        page("dunning-batch.1")
    );
    assert_eq!(
        &wd.run(&["man", "templates", "export"])
            .must_succeed()
            .stdout(),
        page("dunning-templates-export.1")
    );
    // The top page lists the subcommands by their page names.
    let subcommands = plain(&section(page("dunning.1"), "SUBCOMMANDS"));
    assert!(subcommands.contains("dunning-batch(1)"), "{subcommands}");
    assert!(!subcommands.contains("dunning-help(1)"), "{subcommands}");
    // Nothing but the pages was left in the directory.
    assert!(wd.list("man1").iter().all(|f| !f.starts_with('.')));
}

#[test]
fn an_unknown_command_is_a_usage_error_naming_the_pages() {
    let wd = Workdir::new();
    let run = wd.run(&["man", "sned"]).must_fail(2);
    run.stderr_has("error: no manual page for `sned`; there is one for: batch, ");
    run.stderr_has("templates export");
    assert!(run.stdout().is_empty());
    wd.run(&["man", "batch", "--dir", "x"]).must_fail(2);
    assert!(!wd.exists("x"));
}
