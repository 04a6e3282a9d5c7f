//! CSV text → raw records, one per non-blank row, every cell tagged with its line.
//! [`Table`] turns rows of text cells into records; spreadsheets feed it too.

use super::columns;
use super::{Cell, RawRecord};
use crate::error::{Pos, Problem};
use std::collections::BTreeMap;
use std::io::Read;

/// Reads every row, handing each record to `sink` as soon as it is read (the records of a
/// million rows are never held together); problems (bad header, ragged rows) and warnings
/// (title and totals rows skipped) are collected, not fatal.
pub fn read(
    file: &str,
    text: impl Read,
    column_map: &BTreeMap<String, String>,
    sink: &mut dyn FnMut(RawRecord),
) -> (Vec<Problem>, Vec<Problem>) {
    let mut table = Table::new(file, "file", column_map);
    // The csv crate ends a row at CR, LF or CRLF but counts lines by LF, and reports a row
    // that follows a CRLF at the line before it: Excel's CRLF files had every row one line
    // early (the first at the header's line), and a lone CR (old Mac files) shifted the rest.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(NewlinesToLf { text, cr: false });
    for result in reader.records() {
        let row = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                table.problems.push(Problem::tr(
                    Pos::new(file, line.max(1)),
                    "",
                    "csv-unreadable",
                    &[("error", e.to_string().into())],
                ));
                break;
            }
        };
        let line = row.position().map_or(0, |p| p.line() as usize);
        table.row(line, &row.iter().collect::<Vec<_>>());
        table.records.drain(..).for_each(&mut *sink);
    }
    crate::error::register_headers(file, std::mem::take(&mut table.headers));
    let (_, problems, warnings) = table.finish();
    (problems, warnings)
}

/// Rows of text cells → raw records, as offices make spreadsheets (SPEC 10): the header is
/// the first row that names an id column (rows above it, a title, are skipped with one
/// warning), a totals row (合计, 总计, 小计, Total) that names no debtor is skipped with a
/// warning, blank rows are skipped, a value under no header is a problem.
pub struct Table<'a> {
    file: &'a str,
    /// What the rows came from, for messages: "file", "sheet".
    what: &'static str,
    column_map: &'a BTreeMap<String, String>,
    header: Option<Vec<String>>,
    /// The first non-blank row while no header is found: the header the error names if no
    /// row names an id column.
    first_row: Option<(usize, Vec<String>)>,
    /// Rows skipped above the header: how many, and the first one's first text.
    title: Option<(usize, usize, String)>,
    pub warnings: Vec<Problem>,
    /// Column → the header as the file wrote it, where the two differ (`due_date` → `到期日`).
    pub headers: BTreeMap<String, String>,
    /// Records not yet taken by the reader.
    pub records: Vec<RawRecord>,
    /// How many records there were in all.
    rows: usize,
    pub problems: Vec<Problem>,
}

impl<'a> Table<'a> {
    pub fn new(
        file: &'a str,
        what: &'static str,
        column_map: &'a BTreeMap<String, String>,
    ) -> Self {
        Table {
            file,
            what,
            column_map,
            header: None,
            first_row: None,
            title: None,
            warnings: Vec::new(),
            headers: BTreeMap::new(),
            records: Vec::new(),
            rows: 0,
            problems: Vec::new(),
        }
    }

    /// Takes one row; `line` is where it is in the file (the CSV line, the sheet's row).
    pub fn row(&mut self, line: usize, row: &[&str]) {
        let file = self.file;
        if row.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let Some(names) = &self.header else {
            if !names_an_id(row, self.column_map) {
                let first_text = row.iter().map(|c| c.trim()).find(|c| !c.is_empty());
                let title =
                    self.title
                        .get_or_insert((line, 0, first_text.unwrap_or("").to_string()));
                title.1 += 1;
                self.first_row
                    .get_or_insert_with(|| (line, row.iter().map(|c| c.to_string()).collect()));
                return;
            }
            if let Some((first, rows, text)) = self.title.take() {
                self.warnings.push(Problem::tr(
                    Pos::new(file, first),
                    "",
                    "title-rows",
                    &[("rows", rows.into()), ("text", format!("{text:?}").into())],
                ));
            }
            self.first_row = None;
            let names = read_header(file, line, row, self.column_map, &mut self.problems);
            for (name, written) in names.iter().zip(row) {
                let written = written.trim();
                if !name.is_empty() && name != written {
                    self.headers
                        .entry(name.clone())
                        .or_insert_with(|| written.to_string());
                }
            }
            self.header = Some(names);
            return;
        };
        if let Some(word) = totals_word(names, row) {
            self.warnings.push(Problem::tr(
                Pos::new(file, line),
                "",
                "totals-row",
                &[("word", word.into())],
            ));
            return;
        }
        let extra_filled = row.iter().skip(names.len()).any(|c| !c.trim().is_empty());
        if row.len() < names.len() || extra_filled {
            self.problems.push(Problem::tr(
                Pos::new(file, line),
                "",
                "csv-cells",
                &[("cells", row.len().into()), ("header", names.len().into())],
            ));
            return;
        }
        let mut cells = Vec::new();
        for (name, value) in names.iter().zip(row.iter()) {
            if name.is_empty() {
                if !value.trim().is_empty() {
                    self.problems.push(Problem::tr(
                        Pos::new(file, line),
                        "",
                        "value-no-header",
                        &[("value", format!("{value:?}").into())],
                    ));
                }
                continue;
            }
            cells.push(Cell {
                column: name.clone(),
                value: value.to_string(),
                line,
            });
        }
        self.rows += 1;
        self.records.push(RawRecord {
            file: file.to_string(),
            line,
            cells,
            items: Vec::new(),
            payments: Vec::new(),
        });
    }

    /// The records, every problem including a missing header or missing data, and the
    /// warnings (title and totals rows skipped).
    pub fn finish(mut self) -> (Vec<RawRecord>, Vec<Problem>, Vec<Problem>) {
        let whole = Pos::file(self.file);
        match &self.header {
            // No row names an id column: the first row was meant as the header.
            None if self.first_row.is_some() => {
                if let Some((line, row)) = self.first_row.take() {
                    let row: Vec<&str> = row.iter().map(String::as_str).collect();
                    read_header(self.file, line, &row, self.column_map, &mut self.problems);
                }
            }
            None => self.problems.push(Problem::tr(
                whole,
                "",
                "no-header-row",
                &[("what", self.what.into())],
            )),
            Some(_) if self.rows == 0 && self.problems.is_empty() => self.problems.push(
                Problem::tr(whole, "", "no-data-rows", &[("what", self.what.into())]),
            ),
            Some(_) => {}
        }
        (self.records, self.problems, self.warnings)
    }
}

/// CRLF and a lone CR become LF.
struct NewlinesToLf<R> {
    text: R,
    /// The last byte read was a CR: an LF right after it is the same line end.
    cr: bool,
}

impl<R: Read> Read for NewlinesToLf<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.text.read(buf)?;
            let mut kept = 0;
            for i in 0..n {
                let b = buf[i];
                if !(self.cr && b == b'\n') {
                    buf[kept] = if b == b'\r' { b'\n' } else { b };
                    kept += 1;
                }
                self.cr = b == b'\r';
            }
            // Nothing kept of what was read (one LF after a CR): read on, as 0 is the end.
            if kept > 0 || n == 0 {
                return Ok(kept);
            }
        }
    }
}

/// Whether a row names an id column (id, 编号 … or a `columns:` mapping): the header.
pub fn names_an_id(row: &[&str], map: &BTreeMap<String, String>) -> bool {
    row.iter()
        .any(|h| !h.trim().is_empty() && columns::resolve(h, map) == "id")
}

/// The words of a totals row, compared without spaces (`合 计`) or a colon.
const TOTALS: [&str; 4] = ["合计", "总计", "小计", "total"];

/// The totals word of a row that is one: its first cell or its id cell says 合计 / 总计 /
/// 小计 / Total, and it names no debtor (no id other than that word, no name). A row with
/// a name is a debtor's, whatever its id says.
fn totals_word(names: &[String], row: &[&str]) -> Option<String> {
    // Called for every data row: compared char by char, nothing allocated unless it is one.
    let word = |cell: &str| {
        let squeezed = || {
            cell.chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'))
                .map(|c| c.to_ascii_lowercase())
        };
        TOTALS
            .iter()
            .any(|w| squeezed().eq(w.chars()))
            .then(|| cell.trim().to_string())
    };
    let cell = |column: &str| {
        names
            .iter()
            .position(|n| n == column)
            .and_then(|i| row.get(i))
            .map_or("", |c| c.trim())
    };
    let (id, name) = (cell("id"), cell("name"));
    let found = row.first().and_then(|c| word(c)).or_else(|| word(id))?;
    (name.is_empty() && (id.is_empty() || word(id).is_some())).then_some(found)
}

/// Maps header cells to column names; a column named twice is a problem.
fn read_header(
    file: &str,
    line: usize,
    row: &[&str],
    map: &BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let names: Vec<String> = row
        .iter()
        .map(|h| {
            if h.trim().is_empty() {
                String::new()
            } else {
                columns::resolve(h, map)
            }
        })
        .collect();
    for (i, name) in names.iter().enumerate() {
        if !name.is_empty() && names[..i].contains(name) {
            let header = format!("{:?}", row.get(i).copied().unwrap_or("").trim());
            problems.push(Problem::tr(
                Pos::new(file, line),
                name.clone(),
                "header-twice",
                &[("header", header.into()), ("column", name.as_str().into())],
            ));
        }
    }
    if !names.iter().any(|n| n == "id") {
        problems.push(Problem::tr(Pos::new(file, line), "id", "no-id-column", &[]));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> (Vec<RawRecord>, Vec<Problem>) {
        let mut records = Vec::new();
        let (problems, _) = read("t.csv", text.as_bytes(), &BTreeMap::new(), &mut |r| {
            records.push(r)
        });
        (records, problems)
    }

    #[test]
    fn lines_skip_blanks_and_count_quoted_newlines() {
        let (r, p) = read_str("编号,姓名,地址\nA1,张三,\"北京\n朝阳\"\n\n,,\nA2,李四,上海\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].line, 2);
        assert_eq!(r[1].line, 6);
        assert_eq!(r[0].cells[1].column, "name");
        assert_eq!(r[0].cells[2].value, "北京\n朝阳");
    }

    #[test]
    fn crlf_and_lone_cr_end_lines_and_count_as_one() {
        let (r, p) = read_str("id,name\r\nA1,x\nA2,y\rA3,z\r\nA4,w\r\n");
        assert!(p.is_empty(), "{p:?}");
        let lines: Vec<usize> = r.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        let (r, _) = read_str("id,name\r\nA1,x\r\nA2,y\r\n");
        let lines: Vec<usize> = r.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3], "Excel's CRLF");
    }

    #[test]
    fn ragged_rows_and_header_problems() {
        let (_, p) = read_str("id,name\nA1,x,y\nA2\n");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].pos.line, Some(2));
        assert_eq!(p[1].pos.line, Some(3));
        let (_, p) = read_str("id,编号\n1,2\n");
        assert!(p[0].message.contains("both mean column id"));
        let (_, p) = read_str("id,name\n");
        assert!(p[0].message.contains("no data rows"));
        let (r, p) = read_str("id,name,,\nA1,x,,\n");
        assert!(
            p.is_empty() && r.len() == 1,
            "trailing empty Excel columns are fine: {p:?}"
        );
    }

    #[test]
    fn totals_rows_are_found_without_spaces_colons_or_case_and_only_without_a_debtor() {
        let names: Vec<String> = ["id", "name", "amount_due"].map(String::from).to_vec();
        let word = |row: &[&str]| totals_word(&names, row);
        assert_eq!(word(&["合 计", "", "300"]), Some("合 计".into()));
        assert_eq!(word(&["TOTAL：", "", "300"]), Some("TOTAL：".into()));
        assert_eq!(word(&["", "", "300"]), None);
        assert_eq!(word(&["HT-2026-0012", "", "300"]), None);
        // A row with a name is a debtor's, whatever its id says.
        assert_eq!(word(&["合计", "王五", "50"]), None);
        assert_eq!(word(&["小计说明", "", "300"]), None);
    }

    /// A CR at the end of one read and its LF at the start of the next are one line end.
    #[test]
    fn line_ends_split_across_reads() {
        /// Gives one byte a read.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = b;
                self.0 = rest;
                Ok(1)
            }
        }
        let mut out = String::new();
        let text = Trickle(b"id,name\r\nA,x\rB,y\r\n\r\nC,z");
        NewlinesToLf { text, cr: false }
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "id,name\nA,x\nB,y\n\nC,z");
    }
}
