//! Data in: reading debtor files — CSV (and stdin), YAML, spreadsheets; UTF-8 or
//! GBK ([`text`]) — with header aliases ([`columns`]), and turning rows into typed,
//! validated [`Debtor`]s, one per letter: each cell parsed (`cells`), the rows of one id
//! merged (`builder`) into the types of `debtor`.

mod builder;
mod cells;
pub mod columns;
mod csv;
mod debtor;
mod sheet;
pub mod spill;
pub mod text;
mod yaml;

pub use builder::kind_problem;
pub use debtor::{DatedPayment, DebtItem, Debtor};
pub use text::InputEncoding;

use crate::calc::LetterKind;
use crate::error::{Error, Pos, Problem, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    /// The input position ([`Debtor::seq`]) of every letter by id.
    pub seqs: HashMap<String, usize>,
}

/// How to read the data files.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub encoding: Option<InputEncoding>,
    /// The config's `columns:` map.
    pub columns: BTreeMap<String, String>,
    /// The kind of letters whose rows name none (`--kind`, else demand).
    pub default_kind: Option<LetterKind>,
    /// The sheet to read of each spreadsheet (`--sheet NAME|INDEX`; default the first visible).
    pub sheet: Option<String>,
}

/// What one data file gave.
#[derive(Debug, Default)]
struct FileRead {
    /// The records of a spreadsheet (CSV hands its records on as read instead).
    records: Vec<RawRecord>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// For a spreadsheet: the sheet read, and how its positions and columns are shown.
    sheet: Option<sheet::Shown>,
}

/// Whether a data file is read as a spreadsheet (by its extension, any case).
fn is_spreadsheet(path: &str) -> bool {
    extension(path).is_some_and(|e| sheet::EXTENSIONS.contains(&e.as_str()))
}

fn extension(path: &str) -> Option<String> {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Reads and validates every file. Only an I/O failure is an `Err`; problems with the data
/// are collected in [`Loaded::problems`] so that `check` can report them all.
pub fn load(paths: &[String], options: &LoadOptions) -> Result<Loaded> {
    if options.sheet.is_some() && !paths.iter().any(|p| is_spreadsheet(p)) {
        return Err(Error::UsageText(crate::messages::Text::new(
            "sheet-without-spreadsheet",
        )));
    }
    let mut builder = builder::Builder::new(options.default_kind.unwrap_or(LetterKind::Demand));
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut sheets = Vec::new();
    // The position of each file among the paths, under every name its problems carry.
    let mut order: HashMap<String, usize> = HashMap::new();
    for (i, path) in paths.iter().enumerate() {
        order.entry(path.clone()).or_insert(i);
        match read_file(path, options, &mut |r| builder.add(r)) {
            Ok(mut f) => {
                problems.append(&mut f.problems);
                warnings.append(&mut f.warnings);
                if let Some(s) = f.sheet {
                    order.entry(s.label.clone()).or_insert(i);
                    sheets.push(s);
                }
            }
            Err(Error::Invalid(mut p)) => problems.append(&mut p),
            Err(e) => return Err(e),
        }
    }
    // A cell the reader refused is reported once, not again as missing when rows are built.
    let key = |p: &Problem| (p.pos.clone(), p.column.clone());
    let refused: BTreeSet<_> = problems
        .iter()
        .filter(|p| p.pos.line.is_some() && !p.column.is_empty())
        .map(key)
        .collect();
    let mut loaded = builder.finish();
    loaded.problems.retain(|p| !refused.contains(&key(p)));
    loaded
        .rejected
        .extend(problems.iter().filter_map(|p| p.id.clone()));
    problems.append(&mut loaded.problems);
    warnings.append(&mut loaded.warnings);
    // Problems about a whole file (no line) come first, then by file and line as read.
    problems.sort_by_key(|p| (order.get(&*p.pos.file), p.pos.line));
    for s in &sheets {
        problems
            .iter_mut()
            .chain(&mut warnings)
            .for_each(|p| s.apply(p));
    }
    loaded.problems = problems;
    loaded.warnings = warnings;
    Ok(loaded)
}

/// Reads one file (or `-` for CSV on stdin), handing each raw record to `sink` as read.
fn read_file(
    path: &str,
    options: &LoadOptions,
    sink: &mut dyn FnMut(RawRecord),
) -> Result<FileRead> {
    let invalid = |key: &str| Error::invalid(Problem::tr(Pos::file(path), "", key, &[]));
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
                return Err(Error::not_found(path));
            }
            Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                return Err(invalid("data-is-a-directory"));
            }
            Err(e) => return Err(Error::io(path, e)),
        }
    };
    let ext = extension(path);
    let is_yaml = match ext.as_deref() {
        _ if path == "-" => false,
        Some("csv") | Some("txt") => false,
        Some("yaml") | Some("yml") => true,
        Some(e) if sheet::EXTENSIONS.contains(&e) => {
            let sheet = options.sheet.as_deref();
            let mut f =
                sheet::read(path, e, &bytes, sheet, &options.columns).map_err(Error::invalid)?;
            std::mem::take(&mut f.records).into_iter().for_each(sink);
            return Ok(f);
        }
        _ => {
            return Err(invalid("data-unknown-type"));
        }
    };
    let text = text::decode(path, &bytes, options.encoding).map_err(Error::invalid)?;
    let (problems, warnings) = if is_yaml {
        let (records, problems) = yaml::read(path, &text, &options.columns);
        records.into_iter().for_each(sink);
        (problems, Vec::new())
    } else {
        csv::read(path, &text, &options.columns, sink)
    };
    Ok(FileRead {
        problems,
        warnings,
        ..FileRead::default()
    })
}
