//! A run: the config and the data loaded, every letter's figures computed once to find its
//! problems, and the hold, the ladder and the history applied — who gets which letter, and
//! why the others get none. Every command that reads data starts here.

use super::assess::{Assessment, assess};
use crate::calc::dates::today;
use crate::calc::ladder::{Decision, Policy, Sent};
use crate::calc::money::Money;
use crate::calc::{Lang, LetterKind};
use crate::config::Config;
use crate::data::spill::{Spilled, Writer};
use crate::data::{self, Debtor, InputEncoding, LoadOptions};
use crate::error::{Error, Problem, Result};
use crate::messages::Text;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The letters earlier runs sent (`--history`), by id: the latest of each.
pub type History = HashMap<String, Sent>;

/// What a run reads: the data files, their encoding and sheet, the config file, and the
/// kind of letters whose rows name none (`--kind`).
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub data: &'a [String],
    pub encoding: Option<InputEncoding>,
    pub sheet: Option<&'a str>,
    pub config: Option<&'a Path>,
    pub kind: Option<LetterKind>,
}

/// A debtor who gets no letter this run, and why (skipped.csv).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Input position, to keep the file in input order across shards.
    pub seq: usize,
    pub id: String,
    pub name: String,
    /// The kind it would have been, when known.
    pub kind: String,
    pub days_overdue: i64,
    pub outstanding: Money,
    /// Why: in English in skipped.csv, in the run's language on the terminal.
    pub reason: Text,
}

/// Every letter of a run, or every problem found on the way.
pub struct Run {
    pub config: Config,
    /// The debtors who get a letter, in input order, in a temporary file (a million letters
    /// are a gigabyte); their figures come from [`Run::assess`].
    pub letters: Spilled,
    pub as_of: NaiveDate,
    /// The kind of letters whose rows name none.
    pub default_kind: LetterKind,
    /// Problems with the config: never skippable.
    pub config_problems: Vec<Problem>,
    /// Problems with the data, in file and line order.
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// The input position of every letter, valid or not, by id.
    pub seqs: HashMap<String, usize>,
    /// Debtors who get no letter this run (hold, ladder, history), in input order.
    pub skipped: Vec<Skipped>,
}

impl Run {
    /// A letter's figures. Computed when needed instead of held: a batch of 100,000 letters
    /// would hold 100,000 of them, and computing them again costs microseconds. The same as
    /// when the run was prepared, which found no problem with them.
    pub fn assess(&self, d: &Debtor) -> std::result::Result<Assessment, Problem> {
        let mut a = assess(d, &self.config, self.as_of, self.default_kind)?;
        a.level = d.level;
        Ok(a)
    }

    /// Config problems first, then the data's.
    pub fn all_problems(&self) -> Vec<Problem> {
        self.config_problems
            .iter()
            .chain(&self.problems)
            .cloned()
            .collect()
    }
}

/// Overrides the clock (an RFC 3339 instant, e.g. `2026-11-30T22:30:00Z`): for tests and
/// for re-running a scheduled job as it ran, without `--as-of`.
pub const NOW_ENV: &str = "DUNNING_NOW";

/// The current instant: [`NOW_ENV`] if set, else the system clock.
fn now() -> Result<DateTime<Utc>> {
    match std::env::var(NOW_ENV) {
        Ok(text) => text.trim().parse().map_err(|e| {
            Error::UsageText(
                Text::new("now-env-bad")
                    .arg("env", NOW_ENV)
                    .arg("value", format!("{text:?}"))
                    .arg("error", e),
            )
        }),
        Err(_) => Ok(Utc::now()),
    }
}

/// What a command changes about a run beyond the config.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Replaces every row's own kind (preview `--kind`).
    pub force_kind: Option<LetterKind>,
    /// The language of rows that name none (batch `--lang`), instead of the config's.
    pub lang: Option<Lang>,
    /// Decide who gets which letter (batch, `compute --auto`); `None` renders every row.
    pub select: Option<Selection>,
    /// Where the rows and letters wait (a batch's: beside its output); `None`: the system's
    /// temporary folder.
    pub spill_dir: Option<PathBuf>,
}

/// `--auto`, `--history` and `--force`: the ladder, the letters already sent, and holds.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub auto: bool,
    pub force: bool,
    pub history: History,
}

/// Loads config and data and computes every letter's figures once, collecting all problems
/// (the figures are computed again when needed: [`Run::assess`]).
/// Only I/O failures are errors here; the caller decides what problems mean.
/// `as_of` is `--as-of`; without one, today in the config's `timezone:`.
pub fn prepare(sources: Sources, as_of: Option<NaiveDate>) -> Result<Run> {
    prepare_with(sources, as_of, RunOptions::default())
}

/// As [`prepare`], with a command's own options.
pub fn prepare_with(
    sources: Sources,
    as_of: Option<NaiveDate>,
    options: RunOptions,
) -> Result<Run> {
    let force_kind = options.force_kind;
    let options = &options;
    let (mut config, config_problems) = match Config::load(sources.config) {
        Ok(c) => (c, Vec::new()),
        Err(Error::Invalid(p)) => (Config::default(), p),
        Err(e) => return Err(e),
    };
    let as_of = match as_of {
        Some(date) => date,
        None => today(now()?, config.timezone),
    };
    if let Some(lang) = options.lang {
        config.lang = lang;
    }
    let load = LoadOptions {
        encoding: sources.encoding,
        columns: config.columns.clone(),
        default_kind: sources.kind,
        sheet: sources.sheet.map(str::to_string),
        spill_dir: options.spill_dir.clone(),
    };
    let mut letters = Writer::new(options.spill_dir.as_deref())?;
    let default_kind = sources.kind.unwrap_or(LetterKind::Demand);
    // What assessing and choosing find, after the data's own problems and warnings.
    let (mut found, mut noted) = (Vec::new(), Vec::new());
    let mut skipped = Vec::new();
    // Each letter as its rows are merged: assessed, and kept in the file or not.
    let mut sink = |mut d: Debtor| -> Result<()> {
        if force_kind.is_some() {
            d.kind = force_kind;
        }
        // `limitation.history`: the last letter sent is a demand that interrupted the period.
        if config.limitation.history
            && let Some(sent) = options.select.as_ref().and_then(|s| s.history.get(&d.id))
            && sent.as_of <= as_of
            && d.interrupted.is_none_or(|i| i < sent.as_of)
        {
            d.interrupted = Some(sent.as_of);
        }
        let mut a = match assess(&d, &config, as_of, default_kind) {
            Ok(a) => a,
            Err(p) => {
                found.push(p.with_id(&d.id));
                return Ok(());
            }
        };
        if let Some(select) = &options.select {
            match choose(select, &config, &mut d, &mut a, as_of, default_kind) {
                Choice::Send => {}
                Choice::Skip(row) => {
                    skipped.push(row);
                    return Ok(());
                }
                Choice::Invalid(p) => {
                    found.push(p.with_id(&d.id));
                    return Ok(());
                }
            }
        }
        d.level = a.level;
        noted.append(&mut a.warnings);
        letters.push(&d).map(drop)
    };
    let loaded = data::load(sources.data, &load, &mut sink)?;
    let mut problems = loaded.problems;
    problems.append(&mut found);
    let mut warnings = loaded.warnings;
    warnings.append(&mut noted);
    let letters = letters.finish()?;
    let seqs = loaded.seqs;
    Ok(Run {
        config,
        letters,
        as_of,
        default_kind,
        config_problems,
        problems,
        warnings,
        seqs,
        skipped,
    })
}

/// What the hold, the ladder and the history make of one letter.
enum Choice {
    /// Send it, with the figures as they now are (re-assessed if the ladder changed its kind).
    Send,
    Skip(Skipped),
    /// The row lacks what the chosen kind needs (e.g. `documents_due`).
    Invalid(Problem),
}

/// Applies `--auto`, `--history`, `--force` and the row's `hold` to a letter assessed as
/// its own (or the default) kind; sets `d.kind` and assesses again when the ladder picks
/// another.
fn choose(
    select: &Selection,
    config: &Config,
    d: &mut Debtor,
    a: &mut Assessment,
    as_of: NaiveDate,
    default_kind: LetterKind,
) -> Choice {
    let skip = |kind: Option<LetterKind>, reason: Text| {
        Choice::Skip(Skipped {
            seq: d.seq,
            id: d.id.clone(),
            name: d.name.clone(),
            kind: kind.map(|k| k.to_string()).unwrap_or_default(),
            days_overdue: a.days_overdue,
            outstanding: a.arrears.outstanding,
            reason,
        })
    };
    if d.hold {
        return skip(Some(a.kind), Text::new("skip-hold"));
    }
    let policy = Policy {
        ladder: &config.ladder,
        interval: config.ladder_interval,
        force: select.force,
    };
    let own = if select.auto { d.kind } else { Some(a.kind) };
    let last = select.history.get(&d.id);
    let (kind, level) = match policy.decide(own, a.days_overdue, a.arrears.outstanding, last, as_of)
    {
        Decision::Skip { kind, reason } => return skip(kind, reason),
        Decision::Send { kind, level } => (kind, level),
    };
    if kind != a.kind {
        // Another kind may have another deadline: assess again.
        d.kind = Some(kind);
        if let Some(p) = data::kind_problem(d, kind) {
            return Choice::Invalid(p);
        }
        *a = match assess(d, config, as_of, default_kind) {
            Ok(a) => a,
            Err(p) => return Choice::Invalid(p),
        };
    }
    a.level = level;
    Choice::Send
}
