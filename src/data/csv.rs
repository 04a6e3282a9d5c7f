//! CSV text → raw records, one per non-blank row, every cell tagged with its line.
//! [`Table`] turns rows of text cells into records; spreadsheets feed it too.

use super::columns;
use super::{Cell, RawRecord};
use crate::error::{Pos, Problem};
use std::collections::BTreeMap;

/// Reads every row, handing each record to `sink` as soon as it is read (the records of a
/// million rows are never held together); problems (bad header, ragged rows) are
/// collected, not fatal.
pub fn read(
    file: &str,
    text: &str,
    column_map: &BTreeMap<String, String>,
    sink: &mut dyn FnMut(RawRecord),
) -> Vec<Problem> {
    let mut table = Table::new(file, "file", column_map);
    // The csv crate ends a row at CR, LF or CRLF but counts lines by LF, and reports a row
    // that follows a CRLF at the line before it: Excel's CRLF files had every row one line
    // early (the first at the header's line), and a lone CR (old Mac files) shifted the rest.
    let text = newlines_to_lf(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for result in reader.records() {
        let row = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                table.problems.push(Problem::new(
                    Pos::new(file, line.max(1)),
                    "",
                    format!("unreadable CSV: {e}"),
                ));
                break;
            }
        };
        let line = row.position().map_or(0, |p| p.line() as usize);
        table.row(line, &row.iter().collect::<Vec<_>>());
        table.records.drain(..).for_each(&mut *sink);
    }
    table.finish().1
}

/// Rows of text cells → raw records: the first non-blank row is the header, blank rows are
/// skipped, a value under no header is a problem.
pub struct Table<'a> {
    file: &'a str,
    /// What the rows came from, for messages: "file", "sheet".
    what: &'static str,
    column_map: &'a BTreeMap<String, String>,
    header: Option<Vec<String>>,
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
            self.header = Some(read_header(
                file,
                line,
                row,
                self.column_map,
                &mut self.problems,
            ));
            return;
        };
        let extra_filled = row.iter().skip(names.len()).any(|c| !c.trim().is_empty());
        if row.len() < names.len() || extra_filled {
            self.problems.push(Problem::new(
                Pos::new(file, line),
                "",
                format!(
                    "row has {} cells but the header has {} (a stray comma or quote?)",
                    row.len(),
                    names.len()
                ),
            ));
            return;
        }
        let mut cells = Vec::new();
        for (name, value) in names.iter().zip(row.iter()) {
            if name.is_empty() {
                if !value.trim().is_empty() {
                    self.problems.push(Problem::new(
                        Pos::new(file, line),
                        "",
                        format!("value {value:?} is in a column without a header"),
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

    /// The records, and every problem including a missing header or missing data.
    pub fn finish(mut self) -> (Vec<RawRecord>, Vec<Problem>) {
        let whole = Pos::file(self.file);
        match &self.header {
            None => self.problems.push(Problem::new(
                whole,
                "",
                format!("the {} has no header row", self.what),
            )),
            Some(_) if self.rows == 0 && self.problems.is_empty() => {
                self.problems.push(Problem::new(
                    whole,
                    "",
                    format!("the {} has a header but no data rows", self.what),
                ))
            }
            Some(_) => {}
        }
        (self.records, self.problems)
    }
}

/// CRLF and a lone CR become LF.
fn newlines_to_lf(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
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
            problems.push(Problem::new(
                Pos::new(file, line),
                name.clone(),
                format!(
                    "two header cells ({:?} and another) both mean column {name}",
                    row.get(i).copied().unwrap_or("").trim()
                ),
            ));
        }
    }
    if !names.iter().any(|n| n == "id") {
        problems.push(Problem::new(
            Pos::new(file, line),
            "id",
            "the header has no id column (id / 编号)",
        ));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> (Vec<RawRecord>, Vec<Problem>) {
        let mut records = Vec::new();
        let problems = read("t.csv", text, &BTreeMap::new(), &mut |r| records.push(r));
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
}
