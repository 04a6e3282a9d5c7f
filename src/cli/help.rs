//! `--help`, `-h`, `dunning help`, usage errors and the man pages in the run's language
//! (SPEC 10). English is clap's own output of the doc comments in `cli.rs`, untouched. For
//! Chinese, every command's about and every argument's help come from zh.ftl —
//! `help-<command>-<arg>` (`help-batch-as-of`), or `help-arg-<arg>` for a flag that means the
//! same in every command that has it — and clap's own words are put in Chinese where clap
//! lets them be: the headings (through the help template and the help headings), the
//! built-in `-h`, `-V` and `help`, `[default: …]` and the possible values (hidden from clap and
//! written into the help text), and the usage errors (an `ErrorFormatter`).
//!
//! en.ftl holds, under the same keys, the English each Chinese text was translated from: a
//! test fails when a doc comment no longer matches it (translate again), and when a command,
//! a flag or a value has no text.

use super::Cli;
use crate::messages::{self, Ui, Value};
use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches, Parser};
use std::path::Path;

/// What stops a run before it starts: `--help`, `--version` or a usage error, in words.
#[derive(Debug)]
pub enum Stop {
    En(clap::Error),
    Zh(clap::error::Error<Chinese>),
}

impl Stop {
    /// Prints it where clap would: help and version on stdout, errors on stderr.
    pub fn print(&self) -> std::io::Result<()> {
        match self {
            Stop::En(e) => e.print(),
            Stop::Zh(e) => e.print(),
        }
    }

    /// A usage error (exit 2), rather than the help or the version asked for (exit 0).
    pub fn use_stderr(&self) -> bool {
        match self {
            Stop::En(e) => e.use_stderr(),
            Stop::Zh(e) => e.use_stderr(),
        }
    }
}

/// The command line parsed with the definitions in the run's language.
pub fn parse() -> Result<Cli, Stop> {
    match messages::ui() {
        Ui::En => Cli::try_parse().map_err(Stop::En),
        Ui::Zh => {
            let mut cmd = localize_in(named(Cli::command()), Ui::Zh);
            let matches = cmd
                .try_get_matches_from_mut(std::env::args_os())
                .map_err(|e| Stop::Zh(e.apply()))?;
            Cli::from_arg_matches(&matches).map_err(|e| Stop::Zh(e.format(&mut cmd).apply()))
        }
    }
}

/// The program's name as it was run, as clap takes it when it parses (the usage lines).
fn named(cmd: Command) -> Command {
    let name = std::env::args_os().next().and_then(|arg0| {
        Path::new(&arg0)
            .file_name()
            .and_then(|f| f.to_str())
            .map(str::to_owned)
    });
    match name {
        Some(name) => cmd.bin_name(name),
        None => cmd,
    }
}

/// `cmd` (the definitions, not yet built) in the run's language.
pub fn localize(cmd: Command) -> Command {
    localize_in(cmd, messages::ui())
}

/// `cmd` in `ui`: as it is for English; for Chinese translated, built (clap adds `-h`, `-V`
/// and `help` then) and those translated too.
pub fn localize_in(cmd: Command, ui: Ui) -> Command {
    if ui == Ui::En {
        return cmd;
    }
    let mut cmd = translate(cmd, "");
    cmd.build();
    builtins(cmd)
}

/// A line break inside a help text, as the man pages carry it through clap_mangen (which
/// joins lines): `man` turns it into roff's `.br`.
pub const MAN_LINE_BREAK: char = '\u{2028}';

/// `cmd` (localized and built) as the man pages render it: in Chinese, clap_mangen's own
/// section titles (OPTIONS, SUBCOMMANDS, not the help's headings) and each argument's full
/// help (the `--help` one), its lines kept apart; in English as it is.
pub fn for_man(cmd: Command) -> Command {
    if messages::ui() == Ui::En {
        return cmd;
    }
    cmd.subcommand_help_heading(None)
        .mut_args(|a| {
            let text = a
                .get_long_help()
                .or(a.get_help())
                .map(|t| t.to_string())
                .unwrap_or_default();
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            let text = lines.join(&MAN_LINE_BREAK.to_string());
            a.help_heading(None).help(text.clone()).long_help(text)
        })
        .mut_subcommands(for_man)
}

/// A message of the Chinese catalogue.
fn zh(key: &str) -> String {
    messages::text(Ui::Zh, key, &[])
}

fn zh_with(key: &str, args: &[(&str, Value)]) -> String {
    messages::text(Ui::Zh, key, args)
}

/// Whether the catalogues hold `key` (a missing message comes back as its key).
fn has(key: &str) -> bool {
    messages::text(Ui::Zh, key, &[]) != key
}

/// The page name of a command below the top one: `batch`, `templates-export`.
fn path_of(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}-{name}")
    }
}

/// The key of a command's about: `help-dunning` for the top one, `help-templates-export`.
pub fn command_key(path: &str) -> String {
    if path.is_empty() {
        "help-dunning".into()
    } else {
        format!("help-{path}")
    }
}

/// The key of an argument's help: this command's own (`help-batch-force`) if the catalogue
/// has one, else the one shared by every command (`help-arg-force`).
pub fn arg_key(path: &str, id: &str) -> String {
    let id = id.replace('_', "-");
    let own = format!("{}-{id}", command_key(path));
    if has(&own) {
        own
    } else {
        format!("help-arg-{id}")
    }
}

/// The key of a possible value's help: `help-arg-sms-format--gateway`.
pub fn value_key(arg_key: &str, value: &str) -> String {
    format!("{arg_key}--{value}")
}

/// Whether clap shows a separate long help (`--help` differs from `-h`), as clap decides it.
fn long_help_exists(cmd: &Command) -> bool {
    cmd.get_long_about().is_some()
        || cmd.get_before_long_help().is_some()
        || cmd.get_after_long_help().is_some()
        || cmd.get_arguments().any(|a| {
            !a.is_hide_set()
                && (a.get_long_help().is_some()
                    || a.is_hide_long_help_set()
                    || a.is_hide_short_help_set()
                    || (!a.is_hide_possible_values_set() && values_have_help(a)))
        })
}

fn values_have_help(a: &Arg) -> bool {
    a.get_possible_values()
        .iter()
        .any(|v| !v.is_hide_set() && v.get_help().is_some())
}

/// The command's and its arguments' words in Chinese, then the same for its subcommands.
fn translate(cmd: Command, path: &str) -> Command {
    let key = command_key(path);
    let long = long_help_exists(&cmd);
    let mut cmd = cmd.subcommand_help_heading(zh("clap-commands"));
    if cmd.get_about().is_some() {
        cmd = cmd.about(zh(&key));
    }
    if cmd.get_long_about().is_some() {
        cmd = cmd.long_about(zh(&format!("{key}-long")));
    }
    cmd.mut_args(|a| translate_arg(a, path, long))
        .mut_subcommands(|sub| {
            let sub_path = path_of(path, sub.get_name());
            translate(sub, &sub_path)
        })
}

/// One argument: its help, and clap's `[default: …]` and possible values in Chinese.
fn translate_arg(a: Arg, path: &str, long: bool) -> Arg {
    let key = arg_key(path, a.get_id().as_str());
    let help = zh(&key);
    let long_help = a.get_long_help().map(|_| zh(&format!("{key}-long")));
    let heading = if a.is_positional() {
        "clap-arguments"
    } else {
        "clap-options"
    };
    let takes_values = a.get_action().takes_values();
    let mut specs = Vec::new();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let show_default = takes_values && !a.is_hide_default_value_set() && !defaults.is_empty();
    if show_default {
        specs.push(zh_with(
            "clap-default",
            &[("value", Value::from(defaults.join(" ")))],
        ));
    }
    let values: Vec<_> = if takes_values && !a.is_hide_possible_values_set() {
        a.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let compact = (!names.is_empty()).then(|| {
        zh_with(
            "clap-possible-values",
            &[("values", Value::from(names.join("、")))],
        )
    });
    // -h: the help, then the specs on its line.
    let mut short = help.clone();
    for spec in specs.iter().chain(&compact) {
        short.push(' ');
        short.push_str(spec);
    }
    let mut a = a
        .help(short)
        .help_heading(zh(heading))
        .hide_default_value(true)
        .hide_possible_values(true);
    if !long {
        return match long_help {
            Some(text) => a.long_help(text),
            None => a,
        };
    }
    // --help: a list of the values when they have help, the specs a paragraph below.
    let mut text = long_help.unwrap_or(help);
    if values.iter().any(|v| v.get_help().is_some()) {
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        text.push_str("\n\n");
        text.push_str(&zh("clap-possible-values-heading"));
        for v in &values {
            let name = v.get_name();
            text.push_str(&format!("\n- {name}"));
            if v.get_help().is_some() {
                let pad = width - name.chars().count();
                let words = zh(&value_key(&key, name));
                text.push_str(&format!(": {:pad$}{words}", ""));
            }
        }
    } else if let Some(compact) = compact {
        specs.push(compact);
    }
    if !specs.is_empty() {
        text.push_str("\n\n");
        text.push_str(&specs.join("\n"));
    }
    if text != a.get_help().map(StyledStr::to_string).unwrap_or_default() {
        a = a.long_help(text);
    }
    a
}

/// What clap added when it built the commands, in Chinese: `-h`, `-V`, the `help` command,
/// the usage heading (through the help template).
fn builtins(cmd: Command) -> Command {
    let usage = cmd.get_styles().get_usage();
    let heading = format!(
        "{}{}:{}",
        usage.render(),
        zh("clap-usage"),
        usage.render_reset()
    );
    let anything = cmd.get_arguments().any(|a| !a.is_hide_set())
        || cmd.get_subcommands().any(|s| !s.is_hide_set());
    let template = if anything {
        format!(
            "{{before-help}}{{about-with-newline}}\n{heading} {{usage}}\n\n{{all-args}}{{after-help}}"
        )
    } else {
        format!("{{before-help}}{{about-with-newline}}\n{heading} {{usage}}{{after-help}}")
    };
    cmd.help_template(template)
        .subcommand_help_heading(zh("clap-commands"))
        .mut_args(|a| match a.get_action() {
            ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong => {
                let a = a.help_heading(zh("clap-options"));
                if a.get_long_help().is_some() {
                    a.help(zh("clap-help-more"))
                        .long_help(zh("clap-help-summary"))
                } else {
                    a.help(zh("clap-help"))
                }
            }
            ArgAction::Version => a.help_heading(zh("clap-options")).help(zh("clap-version")),
            _ => a,
        })
        .mut_subcommands(|sub| {
            if sub.get_name() == "help" {
                builtins(sub.about(zh("clap-help-command")))
            } else {
                builtins(sub)
            }
        })
}

/// One text of the help: the catalogue key that holds it and the English it was translated
/// from (clap's, from the doc comments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub english: String,
    /// Where it is used: `batch --as-of`, `compute --format json`.
    pub place: String,
}

/// Every text the Chinese help needs, command by command (the hidden ones too if they
/// have words): about, arguments, possible values.
pub fn entries() -> Vec<Entry> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", &mut out);
    out
}

fn walk(cmd: &Command, path: &str, out: &mut Vec<Entry>) {
    let place = if path.is_empty() {
        "dunning".to_string()
    } else {
        path.replace('-', " ")
    };
    let key = command_key(path);
    if let Some(about) = cmd.get_about() {
        out.push(entry(&key, about, &place));
    }
    if let Some(long) = cmd.get_long_about() {
        out.push(entry(&format!("{key}-long"), long, &place));
    }
    // clap's own -h, -V and help are worded in `builtins`.
    let builtin = |a: &&Arg| {
        matches!(
            a.get_action(),
            ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
        )
    };
    for a in cmd.get_arguments().filter(|a| !builtin(a)) {
        let place = format!("{place} {a}");
        let key = arg_key(path, a.get_id().as_str());
        out.push(entry(
            &key,
            a.get_help().cloned().unwrap_or_default(),
            &place,
        ));
        if let Some(long) = a.get_long_help() {
            out.push(entry(&format!("{key}-long"), long, &place));
        }
        if a.get_action().takes_values() {
            for v in a.get_possible_values() {
                if let Some(help) = v.get_help() {
                    let place = format!("{place} {}", v.get_name());
                    out.push(entry(&value_key(&key, v.get_name()), help, &place));
                }
            }
        }
    }
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        walk(sub, &path_of(path, sub.get_name()), out);
    }
}

fn entry(key: &str, english: impl std::fmt::Display, place: &str) -> Entry {
    Entry {
        key: key.to_string(),
        english: english.to_string(),
        place: place.to_string(),
    }
}

/// clap's usage errors in Chinese: the same parts as clap's own (`RichFormatter`), from the
/// error's context. A tip clap words itself is translated when it is one of those clap has
/// (`to pass '-x' as a value, use '-- -x'`), else shown as clap wrote it.
pub struct Chinese;

impl ErrorFormatter for Chinese {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let styles = clap::builder::Styles::styled();
        let red = styles.get_error();
        let mut out = format!(
            "{}{}:{} {}",
            red.render(),
            messages::text(Ui::Zh, "prefix-error", &[]),
            red.render_reset(),
            message(error)
        );
        let hint = messages::text(Ui::Zh, "prefix-hint", &[]);
        let mut tips = Vec::new();
        for kind in [
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedArg,
            ContextKind::SuggestedValue,
        ] {
            if let Some(list) = error.get(kind).and_then(quoted) {
                tips.push(zh_with("clap-did-you-mean", &[("list", Value::from(list))]));
            }
        }
        if let Some(ContextValue::StyledStrs(suggestions)) = error.get(ContextKind::Suggested) {
            tips.extend(suggestions.iter().map(|s| tip(&s.to_string())));
        }
        if !tips.is_empty() {
            out.push('\n');
        }
        for t in tips {
            out.push_str(&format!("\n  {hint}: {t}"));
        }
        if let Some(ContextValue::StyledStr(line)) = error.get(ContextKind::Usage) {
            // "Usage:" is clap's word; its style codes stay around the Chinese one.
            let line =
                line.ansi()
                    .to_string()
                    .replacen("Usage:", &format!("{}:", zh("clap-usage")), 1);
            out.push_str("\n\n");
            out.push_str(&line);
        }
        out.push_str("\n\n");
        out.push_str(&zh_with(
            "clap-more-info",
            &[("flag", Value::from("--help"))],
        ));
        out.push('\n');
        StyledStr::from(out)
    }
}

/// `'a'` or `'a'、'b'`: the names clap suggests.
fn quoted(value: &ContextValue) -> Option<String> {
    let names: Vec<String> = match value {
        ContextValue::String(s) => vec![s.clone()],
        ContextValue::Strings(list) if !list.is_empty() => list.clone(),
        _ => return None,
    };
    Some(
        names
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join("、"),
    )
}

/// A tip clap wrote in English, in Chinese when it is one of clap's.
fn tip(english: &str) -> String {
    let between = |s: &str, start: &str, end: &str| {
        s.strip_prefix(start)?.strip_suffix(end).map(str::to_owned)
    };
    if let Some(rest) = between(english, "to pass '", "'")
        && let Some((arg, write)) = rest.split_once("' as a value, use '")
    {
        return zh_with(
            "clap-tip-as-value",
            &[("arg", Value::from(arg)), ("use", Value::from(write))],
        );
    }
    if let Some(sub) = between(
        english,
        "subcommand '",
        "' exists; to use it, remove the '--' before it",
    ) {
        return zh_with("clap-tip-remove-dashes", &[("command", Value::from(sub))]);
    }
    if let Some(write) = between(english, "'", "' exists") {
        return zh_with("clap-tip-exists", &[("use", Value::from(write))]);
    }
    english.to_string()
}

/// Why a value does not parse: ours are worded already; clap's range check in Chinese.
fn reason(source: &str) -> String {
    match source.split_once(" is not in ") {
        Some((value, range)) if !value.contains(' ') => zh_with(
            "clap-not-in-range",
            &[("value", Value::from(value)), ("range", Value::from(range))],
        ),
        _ => source.to_string(),
    }
}

/// The first part of the error: what is wrong, from the error's kind and context.
fn message(error: &clap::error::Error<Chinese>) -> String {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let number = |kind| match error.get(kind) {
        Some(ContextValue::Number(n)) => Some(Value::from(*n as i64)),
        _ => None,
    };
    let list = |kind| match error.get(kind) {
        Some(ContextValue::Strings(list)) if !list.is_empty() => Some(list.join("、")),
        _ => None,
    };
    let say = |key: &str, args: Vec<(&str, Value)>| zh_with(key, &args);
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let worded = match error.kind() {
        ErrorKind::UnknownArgument => {
            arg.map(|a| say("clap-unknown-argument", vec![("arg", a.into())]))
        }
        ErrorKind::InvalidSubcommand => text(ContextKind::InvalidSubcommand)
            .map(|c| say("clap-unknown-command", vec![("command", c.into())])),
        ErrorKind::InvalidValue => arg.zip(value).map(|(a, v)| {
            let mut m = if v.is_empty() {
                say("clap-value-required", vec![("arg", a.into())])
            } else {
                say(
                    "clap-invalid-value",
                    vec![("arg", a.into()), ("value", v.into())],
                )
            };
            if let Some(values) = list(ContextKind::ValidValue) {
                m.push_str("\n  ");
                m.push_str(&say(
                    "clap-possible-values",
                    vec![("values", values.into())],
                ));
            }
            m
        }),
        ErrorKind::ValueValidation => arg.zip(value).map(|(a, v)| {
            let reason = std::error::Error::source(error)
                .map(|s| reason(&s.to_string()))
                .unwrap_or_default();
            say(
                "clap-bad-value",
                vec![
                    ("arg", a.into()),
                    ("value", v.into()),
                    ("reason", reason.into()),
                ],
            )
        }),
        ErrorKind::MissingRequiredArgument => match error.get(ContextKind::InvalidArg) {
            Some(ContextValue::Strings(args)) => {
                let mut m = zh("clap-missing-arguments");
                for a in args {
                    m.push_str(&format!("\n  {a}"));
                }
                Some(m)
            }
            _ => None,
        },
        ErrorKind::MissingSubcommand => text(ContextKind::InvalidSubcommand).map(|c| {
            let mut m = say("clap-missing-command", vec![("command", c.into())]);
            if let Some(commands) = list(ContextKind::ValidSubcommand) {
                m.push_str("\n  ");
                m.push_str(&say(
                    "clap-commands-list",
                    vec![("commands", commands.into())],
                ));
            }
            m
        }),
        ErrorKind::ArgumentConflict => conflict(error),
        ErrorKind::NoEquals => arg.map(|a| say("clap-no-equals", vec![("arg", a.into())])),
        ErrorKind::TooManyValues => arg.zip(value).map(|(a, v)| {
            say(
                "clap-too-many-values",
                vec![("arg", a.into()), ("value", v.into())],
            )
        }),
        ErrorKind::TooFewValues => match (
            arg,
            number(ContextKind::MinValues),
            number(ContextKind::ActualNumValues),
        ) {
            (Some(a), Some(min), Some(n)) => Some(say(
                "clap-too-few-values",
                vec![("arg", a.into()), ("min", min), ("n", n)],
            )),
            _ => None,
        },
        ErrorKind::WrongNumberOfValues => match (
            arg,
            number(ContextKind::ExpectedNumValues),
            number(ContextKind::ActualNumValues),
        ) {
            (Some(a), Some(expected), Some(n)) => Some(say(
                "clap-wrong-number-of-values",
                vec![("arg", a.into()), ("expected", expected), ("n", n)],
            )),
            _ => None,
        },
        ErrorKind::InvalidUtf8 => Some(zh("clap-invalid-utf8")),
        _ => None,
    };
    worded.unwrap_or_else(|| {
        // A kind clap may add later, or context it did not give: its own words.
        error
            .kind()
            .as_str()
            .map(str::to_owned)
            .or_else(|| std::error::Error::source(error).map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

/// `'--smtp' 不能与 '--eml' 同时使用`, or used twice.
fn conflict(error: &clap::error::Error<Chinese>) -> Option<String> {
    let prior = error.get(ContextKind::PriorArg);
    let (key, name) = match (
        error.get(ContextKind::InvalidArg),
        error.get(ContextKind::InvalidSubcommand),
    ) {
        (Some(ContextValue::String(a)), _) if prior == Some(&ContextValue::String(a.clone())) => {
            return Some(zh_with(
                "clap-used-twice",
                &[("arg", Value::from(a.as_str()))],
            ));
        }
        (Some(ContextValue::String(a)), _) => ("clap-conflict", a),
        (_, Some(ContextValue::String(c))) => ("clap-conflict-command", c),
        _ => return None,
    };
    let with = match prior {
        Some(ContextValue::String(other)) => format!("'{other}'"),
        Some(ContextValue::Strings(others)) => others
            .iter()
            .map(|o| format!("'{o}'"))
            .collect::<Vec<_>>()
            .join("、"),
        _ => zh("clap-conflict-others"),
    };
    Some(zh_with(
        key,
        &[
            ("arg", Value::from(name.as_str())),
            ("with", Value::from(with)),
        ],
    ))
}
