//! One file per command; each holds a `run` taking its parsed arguments.

pub mod batch;
pub mod check;
pub mod compute;
pub mod help;
pub mod init;
pub mod merge;
pub mod preview;
pub mod templates;

use crate::calc::{Assessment, assess};
use crate::cli::{ConfigArgs, DataArgs};
use crate::config::Config;
use crate::data::{self, Debtor, LoadOptions};
use crate::error::{Error, Problem, Result};
use crate::kinds::{Lang, LetterKind};
use chrono::NaiveDate;

/// Every letter of a run with its figures, or every problem found on the way.
pub struct Run {
    pub config: Config,
    pub letters: Vec<(Debtor, Assessment)>,
    /// Problems with the config: never skippable.
    pub config_problems: Vec<Problem>,
    /// Problems with the data, in file and line order.
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// The input position of every letter, valid or not, by id.
    pub seqs: std::collections::HashMap<String, usize>,
}

impl Run {
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
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Replaces every row's own kind (preview `--kind`).
    pub force_kind: Option<LetterKind>,
    /// The language of rows that name none (batch `--lang`), instead of the config's.
    pub lang: Option<Lang>,
}

/// Loads config and data and computes every letter's figures, collecting all problems.
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
    let seqs = loaded
        .debtors
        .iter()
        .map(|d| (d.id.clone(), d.seq))
        .collect();
    let mut letters = Vec::with_capacity(loaded.debtors.len());
    for mut d in loaded.debtors {
        if loaded.rejected.contains(&d.id) {
            continue;
        }
        if force_kind.is_some() {
            d.kind = force_kind;
        }
        match assess(&d, &config, as_of, default_kind) {
            Ok(a) => {
                warnings.extend(a.warnings.iter().cloned());
                letters.push((d, a));
            }
            Err(p) => problems.push(p.with_id(&d.id)),
        }
    }
    Ok(Run {
        config,
        letters,
        config_problems,
        problems,
        warnings,
        seqs,
    })
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
