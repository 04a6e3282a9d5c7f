//! One file per command; each holds a `run` taking its parsed arguments.

pub mod check;
pub mod compute;
pub mod init;
pub mod preview;
pub mod templates;

use crate::calc::{Assessment, assess};
use crate::cli::{ConfigArgs, DataArgs};
use crate::config::Config;
use crate::data::{self, Debtor, LoadOptions};
use crate::error::{Error, Problem, Result};
use crate::kinds::LetterKind;
use chrono::NaiveDate;

/// Every letter of a run with its figures, or every problem found on the way.
pub struct Run {
    pub config: Config,
    pub letters: Vec<(Debtor, Assessment)>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Loads config and data and computes every letter's figures, collecting all problems.
/// Only I/O failures are errors here; the caller decides what problems mean.
pub fn prepare(data_args: &DataArgs, config_args: &ConfigArgs, as_of: NaiveDate) -> Result<Run> {
    prepare_with(data_args, config_args, as_of, None)
}

/// As [`prepare`]; `force_kind` replaces every row's own kind (preview `--kind`).
pub fn prepare_with(
    data_args: &DataArgs,
    config_args: &ConfigArgs,
    as_of: NaiveDate,
    force_kind: Option<LetterKind>,
) -> Result<Run> {
    let (config, mut problems) = match Config::load(config_args.config.as_deref()) {
        Ok(c) => (c, Vec::new()),
        Err(Error::Invalid(p)) => (Config::default(), p),
        Err(e) => return Err(e),
    };
    let options = LoadOptions {
        encoding: data_args.encoding,
        columns: config.columns.clone(),
        default_kind: config_args.kind,
    };
    let loaded = data::load(&data_args.data, &options)?;
    problems.extend(loaded.problems);
    let mut warnings = loaded.warnings;
    let default_kind = config_args.kind.unwrap_or(LetterKind::Demand);
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
        problems,
        warnings,
    })
}

/// Prints warnings on stderr, one per line.
pub fn print_warnings(warnings: &[Problem]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}
