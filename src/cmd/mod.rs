//! One file per command; each holds a `run` taking its parsed arguments.

pub mod batch;
pub mod check;
pub mod compute;
pub mod help;
pub mod init;
pub mod merge;
pub mod preview;
pub mod templates;

use crate::calc::ladder::{Decision, Policy};
use crate::calc::{Assessment, assess};
use crate::cli::{ConfigArgs, DataArgs, LadderArgs};
use crate::config::Config;
use crate::data::history::{self, History};
use crate::data::{self, Debtor, LoadOptions};
use crate::error::{Error, Problem, Result};
use crate::kinds::{Lang, LetterKind};
use crate::output::reports::SkippedRow;
use chrono::NaiveDate;

/// Every letter of a run, or every problem found on the way.
pub struct Run {
    pub config: Config,
    /// The debtors who get a letter, in input order; their figures come from [`Run::assess`].
    pub letters: Vec<Debtor>,
    pub as_of: NaiveDate,
    /// The kind of letters whose rows name none.
    pub default_kind: LetterKind,
    /// Problems with the config: never skippable.
    pub config_problems: Vec<Problem>,
    /// Problems with the data, in file and line order.
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// The input position of every letter, valid or not, by id.
    pub seqs: std::collections::HashMap<String, usize>,
    /// Debtors who get no letter this run (hold, ladder, history), in input order.
    pub skipped: Vec<SkippedRow>,
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

/// What a command changes about a run beyond the config.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Replaces every row's own kind (preview `--kind`).
    pub force_kind: Option<LetterKind>,
    /// The language of rows that name none (batch `--lang`), instead of the config's.
    pub lang: Option<Lang>,
    /// Decide who gets which letter (batch, `compute --auto`); `None` renders every row.
    pub select: Option<Selection>,
}

/// `--auto`, `--history` and `--force`: the ladder, the letters already sent, and holds.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub auto: bool,
    pub force: bool,
    pub history: History,
}

impl Selection {
    /// Reads the `--history` files.
    pub fn new(args: &LadderArgs) -> Result<Selection> {
        Ok(Selection {
            auto: args.auto,
            force: args.force,
            history: history::load(&args.history)?,
        })
    }
}

/// Loads config and data and computes every letter's figures once, collecting all problems
/// (the figures are computed again when needed: [`Run::assess`]).
/// Only I/O failures are errors here; the caller decides what problems mean.
pub fn prepare(data_args: &DataArgs, config_args: &ConfigArgs, as_of: NaiveDate) -> Result<Run> {
    prepare_with(data_args, config_args, as_of, RunOptions::default())
}

/// As [`prepare`], with a command's own options.
pub fn prepare_with(
    data_args: &DataArgs,
    config_args: &ConfigArgs,
    as_of: NaiveDate,
    options: RunOptions,
) -> Result<Run> {
    let force_kind = options.force_kind;
    let options = &options;
    let (mut config, config_problems) = match Config::load(config_args.config.as_deref()) {
        Ok(c) => (c, Vec::new()),
        Err(Error::Invalid(p)) => (Config::default(), p),
        Err(e) => return Err(e),
    };
    if let Some(lang) = options.lang {
        config.lang = lang;
    }
    let load = LoadOptions {
        encoding: data_args.encoding,
        columns: config.columns.clone(),
        default_kind: config_args.kind,
        sheet: data_args.sheet.clone(),
    };
    let loaded = data::load(&data_args.data, &load)?;
    let mut problems = loaded.problems;
    let mut warnings = loaded.warnings;
    let default_kind = config_args.kind.unwrap_or(LetterKind::Demand);
    let seqs = loaded.seqs;
    let mut skipped = Vec::new();
    // In place: a second vector of a million letters is what bounded memory cannot afford.
    let mut letters = loaded.debtors;
    letters.retain_mut(|d| {
        if loaded.rejected.contains(&d.id) {
            return false;
        }
        if force_kind.is_some() {
            d.kind = force_kind;
        }
        let mut a = match assess(d, &config, as_of, default_kind) {
            Ok(a) => a,
            Err(p) => {
                problems.push(p.with_id(&d.id));
                return false;
            }
        };
        if let Some(select) = &options.select {
            match choose(select, &config, d, &mut a, as_of, default_kind) {
                Choice::Send => {}
                Choice::Skip(row) => {
                    skipped.push(row);
                    return false;
                }
                Choice::Invalid(p) => {
                    problems.push(p.with_id(&d.id));
                    return false;
                }
            }
        }
        d.level = a.level;
        warnings.append(&mut a.warnings);
        true
    });
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
    Skip(SkippedRow),
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
    let skip = |kind: Option<LetterKind>, reason: String| {
        Choice::Skip(SkippedRow {
            seq: d.seq,
            id: d.id.clone(),
            name: d.name.clone(),
            kind: kind.map(|k| k.to_string()).unwrap_or_default(),
            days_overdue: a.days_overdue,
            outstanding: a.figures.outstanding,
            reason,
        })
    };
    if d.hold {
        return skip(Some(a.kind), "hold: dunning block on this row".into());
    }
    let policy = Policy {
        ladder: &config.ladder,
        interval: config.ladder_interval,
        force: select.force,
    };
    let own = if select.auto { d.kind } else { Some(a.kind) };
    let last = select.history.get(&d.id);
    let (kind, level) = match policy.decide(own, a.days_overdue, a.figures.outstanding, last, as_of)
    {
        Decision::Skip { kind, reason } => return skip(kind, reason),
        Decision::Send { kind, level } => (kind, level),
    };
    if kind != a.kind {
        // Another kind may have another deadline: assess again.
        d.kind = Some(kind);
        if let Some(p) = crate::data::kind_problem(d, kind) {
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

/// Prints warnings on stderr, one per line.
pub fn print_warnings(warnings: &[Problem]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// Typst recurses deeply and yields to rayon inside layout: give workers room.
const WORKER_STACK: usize = 64 << 20;

/// The worker threads that render letters: `jobs` of them (default: all cores).
pub fn workers(jobs: Option<u32>) -> Result<rayon::ThreadPool> {
    let jobs = jobs.map_or_else(rayon::current_num_threads, |j| j as usize);
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {jobs} worker threads: {e}")))
}

/// Runs `render(i)` for every `i` in `0..n` on `pool`, at most `in_flight` ahead of the
/// writer, and hands each result to `write(i, …)` on this thread in order: the workers never
/// wait for one another and memory stays bounded. A panic inside `render` (a bug in Typst,
/// say) reaches `write` as `None` instead of leaving the writer waiting.
pub fn in_order<T: Send>(
    pool: &rayon::ThreadPool,
    n: usize,
    in_flight: usize,
    render: impl Fn(usize) -> T + Sync,
    mut write: impl FnMut(usize, Option<T>) -> Result<()>,
) -> Result<()> {
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, Option<T>)>();
    let render = &render;
    pool.in_place_scope(|scope| {
        // Owned here: returning early on an error drops it, and the workers' sends fail.
        let receiver = receiver;
        let mut submitted = 0;
        let mut done = std::collections::BTreeMap::new();
        for next in 0..n {
            while submitted < n && submitted < next + in_flight.max(1) {
                let (i, sender) = (submitted, sender.clone());
                scope.spawn(move |_| {
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(i))).ok();
                    let _ = sender.send((i, result));
                });
                submitted += 1;
            }
            let result = loop {
                if let Some(r) = done.remove(&next) {
                    break r;
                }
                match receiver.recv() {
                    Ok((i, r)) => {
                        done.insert(i, r);
                    }
                    Err(_) => break None,
                }
            };
            write(next, result)?;
        }
        Ok(())
    })
}
