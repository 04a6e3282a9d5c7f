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
use std::path::{Path, PathBuf};

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

/// Everything loaded from the data files of one run, but the letters (handed on one at a
/// time as they are merged).
#[derive(Debug, Default)]
pub struct Loaded {
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
    /// Where the rows wait until they are merged; `None`: the system's temporary folder.
    pub spill_dir: Option<PathBuf>,
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

/// Reads and validates every file, handing each letter without a problem to `sink` in input
/// order (first appearance of its id) once its rows are merged. Only an I/O failure (or
/// the sink's error) is an `Err`; problems with the data are collected in
/// [`Loaded::problems`] so that `check` can report them all.
pub fn load(
    paths: &[String],
    options: &LoadOptions,
    sink: &mut dyn FnMut(Debtor) -> Result<()>,
) -> Result<Loaded> {
    if options.sheet.is_some() && !paths.iter().any(|p| is_spreadsheet(p)) {
        return Err(Error::UsageText(crate::messages::Text::new(
            "sheet-without-spreadsheet",
        )));
    }
    let kind = options.default_kind.unwrap_or(LetterKind::Demand);
    let mut builder = builder::Builder::new(kind, options.spill_dir.as_deref())?;
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
    // A letter the readers found a problem with is not handed on.
    let rejected: BTreeSet<String> = problems.iter().filter_map(|p| p.id.clone()).collect();
    let mut loaded = builder.finish(&rejected, sink)?;
    loaded.problems.retain(|p| !refused.contains(&key(p)));
    loaded.rejected.extend(rejected);
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

/// How a data file is read, by its extension (stdin is CSV).
enum Kind<'a> {
    Csv,
    Yaml,
    /// A spreadsheet, with its extension.
    Sheet(&'a str),
}

/// A data file open for reading: on disk, or stdin read into memory.
trait Source: Read + std::io::Seek {}
impl<T: Read + std::io::Seek> Source for T {}

/// Opens a data file (or `-`: stdin, read whole as it cannot be read twice).
fn open(path: &str) -> Result<Box<dyn Source>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("-", e))?;
        return Ok(Box::new(std::io::Cursor::new(buf)));
    }
    let directory = || {
        let problem = Problem::tr(Pos::file(path), "", "data-is-a-directory", &[]);
        Err(Error::invalid(problem))
    };
    // A folder opens on Linux (only reading it fails), so it is asked; where opening one
    // fails, the error says so.
    match std::fs::File::open(path) {
        Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => directory(),
        Ok(f) => Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, f))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::not_found(path)),
        Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => directory(),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Reads one file (or `-` for CSV on stdin), handing each raw record to `sink` as read. A
/// CSV file is read a chunk at a time, never held whole.
fn read_file(
    path: &str,
    options: &LoadOptions,
    sink: &mut dyn FnMut(RawRecord),
) -> Result<FileRead> {
    let ext = extension(path);
    let kind = match ext.as_deref() {
        _ if path == "-" => Kind::Csv,
        Some("csv") | Some("txt") => Kind::Csv,
        Some("yaml") | Some("yml") => Kind::Yaml,
        Some(e) if sheet::EXTENSIONS.contains(&e) => Kind::Sheet(e),
        _ => {
            // A file that is not there is that, whatever its name.
            open(path)?;
            let problem = Problem::tr(Pos::file(path), "", "data-unknown-type", &[]);
            return Err(Error::invalid(problem));
        }
    };
    let mut source = open(path)?;
    let io = |e| Error::io(path, e);
    let mut whole = || {
        let mut bytes = Vec::new();
        source.read_to_end(&mut bytes).map(|_| bytes).map_err(io)
    };
    let (problems, warnings) = match kind {
        Kind::Sheet(e) => {
            let sheet = options.sheet.as_deref();
            let mut f =
                sheet::read(path, e, &whole()?, sheet, &options.columns).map_err(Error::invalid)?;
            std::mem::take(&mut f.records).into_iter().for_each(sink);
            return Ok(f);
        }
        Kind::Yaml => {
            let text = text::decode(path, &whole()?, options.encoding).map_err(Error::invalid)?;
            let (records, problems) = yaml::read(path, &text, &options.columns);
            records.into_iter().for_each(sink);
            (problems, Vec::new())
        }
        Kind::Csv => {
            let decoding = text::sniff(path, &mut source, options.encoding)
                .map_err(io)?
                .map_err(Error::invalid)?;
            let text = text::Decoded::new(source, decoding).map_err(io)?;
            csv::read(path, text, &options.columns, sink)
        }
    };
    Ok(FileRead {
        problems,
        warnings,
        ..FileRead::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GBK file of several chunks, read from disk a chunk at a time: every row, and the
    /// Chinese values of the last one, as written.
    #[test]
    fn a_gbk_file_of_many_chunks_loads_every_row() {
        let mut text = String::from("编号,姓名,地址,项目,应付金额,到期日\r\n");
        for i in 0..5000 {
            text.push_str(&format!(
                "K{i:05},王堃{i},北京市朝阳区建国路{i}号,第{i}期房款,{i}.5,2026-10-01\r\n"
            ));
        }
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        assert!(gbk.len() > 3 * 65_536);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("欠款.csv");
        std::fs::write(&path, &gbk).unwrap();
        let mut letters = Vec::new();
        let loaded = load(
            &[path.display().to_string()],
            &LoadOptions::default(),
            &mut |d| {
                letters.push(d);
                Ok(())
            },
        )
        .unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(letters.len(), 5000);
        let last = &letters[4999];
        assert_eq!(
            (last.id.as_str(), last.name.as_str()),
            ("K04999", "王堃4999")
        );
        assert_eq!(last.fields.get("address"), Some("北京市朝阳区建国路4999号"));
        assert_eq!(last.items[0].item, "第4999期房款");
        // CRLF line ends: the last row is on line 5001 (the header is line 1).
        assert_eq!(last.pos.line, Some(5001));
    }
}
