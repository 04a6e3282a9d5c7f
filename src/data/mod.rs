//! Data in: reading debtor files (CSV, YAML, stdin; UTF-8 or GBK), header aliases, and
//! turning rows into typed, validated [`Debtor`]s — one per letter.

pub mod columns;
mod csv;
mod debtor;
pub mod history;
pub mod text;
mod yaml;

pub use debtor::{DatedPayment, DebtItem, Debtor, kind_problem};
pub use text::InputEncoding;

use crate::error::{Error, Pos, Problem, Result};
use crate::kinds::LetterKind;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

/// One value as read, with the column it belongs to and the line it came from.
#[derive(Debug, Clone)]
pub struct Cell {
    pub column: String,
    pub value: String,
    pub line: usize,
}

/// A row (CSV) or record (YAML) before validation.
#[derive(Debug, Clone)]
pub struct RawRecord {
    pub file: String,
    pub line: usize,
    pub cells: Vec<Cell>,
    /// YAML `items:` entries.
    pub items: Vec<RawPart>,
    /// YAML `payments:` entries.
    pub payments: Vec<RawPart>,
}

/// An entry of a YAML `items:` or `payments:` list.
#[derive(Debug, Clone)]
pub struct RawPart {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// Everything loaded from the data files of one run.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every letter, valid or not, in input order (first appearance of its id).
    pub debtors: Vec<Debtor>,
    /// Every problem found, in file and line order.
    pub problems: Vec<Problem>,
    /// Things worth knowing that do not stop the run.
    pub warnings: Vec<Problem>,
    /// Ids of letters with at least one problem.
    pub rejected: BTreeSet<String>,
}

/// How to read the data files.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub encoding: Option<InputEncoding>,
    /// The config's `columns:` map.
    pub columns: BTreeMap<String, String>,
    /// The kind of letters whose rows name none (`--kind`, else demand).
    pub default_kind: Option<LetterKind>,
}

/// Reads and validates every file. Only an I/O failure is an `Err`; problems with the data
/// are collected in [`Loaded::problems`] so that `check` can report them all.
pub fn load(paths: &[String], options: &LoadOptions) -> Result<Loaded> {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match read_file(path, options) {
            Ok((mut r, mut p)) => {
                records.append(&mut r);
                problems.append(&mut p);
            }
            Err(Error::Invalid(mut p)) => problems.append(&mut p),
            Err(e) => return Err(e),
        }
    }
    let mut loaded = debtor::build(records, options.default_kind.unwrap_or(LetterKind::Demand));
    problems.append(&mut loaded.problems);
    // Problems about a whole file (no line) come first, then by file and line as read.
    let order: Vec<&String> = paths.iter().collect();
    problems.sort_by_key(|p| (order.iter().position(|f| **f == p.pos.file), p.pos.line));
    loaded.problems = problems;
    Ok(loaded)
}

/// Reads one file (or `-` for CSV on stdin) into raw records.
fn read_file(path: &str, options: &LoadOptions) -> Result<(Vec<RawRecord>, Vec<Problem>)> {
    let invalid = |msg: &str| Error::invalid(Problem::new(Pos::file(path), "", msg));
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("-", e))?;
        buf
    } else {
        match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(invalid("no such file"));
            }
            Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                return Err(invalid("is a directory, not a data file"));
            }
            Err(e) => return Err(Error::io(path, e)),
        }
    };
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let is_yaml = match ext.as_deref() {
        _ if path == "-" => false,
        Some("csv") | Some("txt") => false,
        Some("yaml") | Some("yml") => true,
        Some("xlsx") | Some("xls") | Some("ods") => {
            return Err(invalid(
                "spreadsheets are not read yet: save the sheet as CSV (UTF-8 or GBK)",
            ));
        }
        _ => {
            return Err(invalid(
                "unknown file type: expected .csv, .yaml or .yml (or - for CSV on stdin)",
            ));
        }
    };
    let text = text::decode(path, &bytes, options.encoding).map_err(Error::invalid)?;
    Ok(if is_yaml {
        yaml::read(path, &text, &options.columns)
    } else {
        csv::read(path, &text, &options.columns)
    })
}
