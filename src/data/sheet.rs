//! Spreadsheets (.xlsx, .xlsm, .xls, .ods) → the same text cells a CSV of the sheet gives,
//! fed to the CSV path's [`Table`]. Typed cells become text first: date cells `YYYY-MM-DD`,
//! numbers their exact decimal digits (amounts rounded to cents, with a warning).

use super::FileRead;
use super::columns;
use super::csv::{Table, names_an_id};
use crate::error::{Pos, Problem};
use crate::messages::Text as Words;
use calamine::{Data, ExcelDateTime, Ods, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsx};
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::str::FromStr;

/// File extensions read as spreadsheets (lower case).
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods"];

/// How a sheet shows in messages: its position label and its columns.
#[derive(Debug, Clone)]
pub struct Shown {
    /// `book.xlsx[Sheet1]`: the file of every position in this sheet.
    pub label: String,
    /// Column (canonical name) → `D (应付金额)`: the Excel letter and the header cell.
    pub columns: BTreeMap<String, String>,
}

impl Shown {
    /// Names a problem's column as the clerk sees it in the sheet, when it is one of its own.
    pub fn apply(&self, p: &mut Problem) {
        if *p.pos.file == *self.label
            && let Some(shown) = self.columns.get(&p.column)
        {
            p.column = shown.clone();
        }
    }
}

/// Reads the chosen sheet (`--sheet NAME|INDEX`, default the first visible one). A file
/// calamine cannot open, or a missing sheet, is one problem for the whole file.
pub fn read(
    path: &str,
    ext: &str,
    bytes: &[u8],
    choice: Option<&str>,
    column_map: &BTreeMap<String, String>,
) -> Result<FileRead, Problem> {
    let whole = |why: Words| Problem::text(Pos::file(path), "", &why);
    if bytes.is_empty() {
        return Err(whole(Words::new("file-empty")));
    }
    // calamine is a parser of untrusted binary files: a bug there is this file's error.
    let opened = std::panic::catch_unwind(|| open(bytes, ext).and_then(|wb| pick(wb, choice)));
    let (name, range) = match opened {
        Ok(r) => r.map_err(whole)?,
        Err(_) => return Err(whole(unreadable(ext, Words::new("sheet-reader-failed")))),
    };
    let label = format!("{path}[{name}]");
    Ok(convert(&label, &range, column_map))
}

/// Opens the workbook by its extension, falling back to what its content says (an .xls
/// saved under the name .xlsx).
fn open<'a>(bytes: &'a [u8], ext: &str) -> Result<Sheets<Cursor<&'a [u8]>>, Words> {
    let rs = Cursor::new(bytes);
    let by_name = match ext {
        "xls" => Xls::new(rs.clone())
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls),
        "ods" => Ods::new(rs.clone())
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods),
        _ => Xlsx::new(rs.clone())
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
    };
    match by_name {
        Ok(wb) => Ok(wb),
        Err(e) if is_password(&e) => Err(Words::new("sheet-password")),
        Err(e) => calamine::open_workbook_auto_from_rs(rs)
            .map_err(|_| unreadable(ext, Words::from(e.to_string()))),
    }
}

fn unreadable(ext: &str, why: Words) -> Words {
    Words::new("sheet-unreadable")
        .arg("ext", ext)
        .part("why", &why)
}

fn is_password(e: &calamine::Error) -> bool {
    matches!(
        e,
        calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password)
    )
}

/// The sheet `choice` names: a sheet of that name, else its 1-based position among the
/// worksheets; none given, the first visible worksheet.
fn pick(
    mut wb: Sheets<Cursor<&[u8]>>,
    choice: Option<&str>,
) -> Result<(String, calamine::Range<Data>), Words> {
    let sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    let name = match choice.map(str::trim) {
        None => sheets
            .iter()
            .find(|(_, visible)| *visible)
            .or(sheets.first())
            .map(|(n, _)| n.clone())
            .ok_or_else(|| Words::new("sheet-no-worksheets"))?,
        Some(c) => match names.iter().find(|n| **n == c) {
            Some(n) => n.to_string(),
            None => match c.parse::<usize>() {
                Ok(i) if (1..=names.len()).contains(&i) => names[i - 1].to_string(),
                _ => {
                    let list = names
                        .iter()
                        .enumerate()
                        .map(|(i, n)| format!("{} {n}", i + 1))
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err(Words::new("sheet-not-found")
                        .arg("sheet", format!("{c:?}"))
                        .arg("list", list));
                }
            },
        },
    };
    let range = wb.worksheet_range(&name).map_err(|e| {
        Words::new("sheet-unreadable-sheet")
            .arg("sheet", format!("{name:?}"))
            .arg("error", e)
    })?;
    Ok((name, range))
}

/// What a column holds, which decides how a typed cell is turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Amount,
    Date,
    /// Another column the tool reads (id, name, phone…).
    Known,
    /// Passed through to the templates.
    Other,
}

fn kind(column: &str) -> Kind {
    match column {
        "amount_due" | "amount_paid" => Kind::Amount,
        "due_date" | "contract_date" | "documents_due" | "interrupted" => Kind::Date,
        c if columns::is_known(c) => Kind::Known,
        _ => Kind::Other,
    }
}

/// A typed cell as text, or why it cannot be used.
#[derive(Debug, PartialEq)]
enum Text {
    Ok(String),
    /// Used, with a warning (an amount rounded to cents, an error cell passed on empty).
    Warn(String, Words),
    /// Unusable in its column: a problem, and the cell counts as empty.
    Bad(Words),
}

/// The sheet's rows through [`Table`], with the problems and warnings of typed cells.
fn convert(
    label: &str,
    range: &calamine::Range<Data>,
    column_map: &BTreeMap<String, String>,
) -> FileRead {
    let mut out = FileRead {
        sheet: Some(Shown {
            label: label.to_string(),
            columns: BTreeMap::new(),
        }),
        ..FileRead::default()
    };
    let mut table = Table::new(label, "sheet", column_map);
    let Some((row0, col0)) = range.start() else {
        out.problems
            .push(Problem::tr(Pos::file(label), "", "sheet-empty", &[]));
        return out;
    };
    let mut columns: Option<Vec<Column>> = None;
    for (i, cells) in range.rows().enumerate() {
        // Excel's own row number, so the clerk finds the row.
        let line = row0 as usize + i + 1;
        if cells.iter().all(is_blank) {
            continue;
        }
        let texts = match &columns {
            None => {
                let header: Vec<String> = cells.iter().map(plain).collect();
                let shown: Vec<&str> = header.iter().map(String::as_str).collect();
                if !names_an_id(&shown, column_map) {
                    // Above the header (a title): the table skips it, with a warning.
                    table.row(line, &shown);
                    continue;
                }
                let found = read_header(&header, col0 as usize, column_map);
                if let Some(sheet) = &mut out.sheet {
                    // A column named twice is shown by its first header (as CSV reads it).
                    for c in found.iter().filter(|c| !c.name.is_empty()) {
                        sheet
                            .columns
                            .entry(c.name.clone())
                            .or_insert(c.shown.clone());
                    }
                }
                columns = Some(found);
                header
            }
            Some(columns) => row_texts(label, line, cells, columns, &mut out),
        };
        table.row(line, &texts.iter().map(String::as_str).collect::<Vec<_>>());
    }
    if let Some(sheet) = &out.sheet {
        // Problems found after loading (fees, fonts) name the column as the sheet shows it.
        crate::error::register_headers(label, sheet.columns.clone());
    }
    let (mut records, mut problems, mut warnings) = table.finish();
    out.records.append(&mut records);
    out.problems.append(&mut problems);
    out.warnings.append(&mut warnings);
    out
}

/// One column of the sheet, from its header cell.
struct Column {
    /// The column it stands for (canonical or passed through); empty without a header.
    name: String,
    kind: Kind,
    /// `D (应付金额)`: its letter and header, or the letter alone.
    shown: String,
}

fn read_header(
    header: &[String],
    col0: usize,
    column_map: &BTreeMap<String, String>,
) -> Vec<Column> {
    header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let letter = column_letter(col0 + i);
            let h = h.trim();
            let name = if h.is_empty() {
                String::new()
            } else {
                columns::resolve(h, column_map)
            };
            Column {
                kind: kind(&name),
                shown: if h.is_empty() {
                    letter
                } else {
                    format!("{letter} ({h})")
                },
                name,
            }
        })
        .collect()
}

/// A data row as text; refused cells (problems, tagged with the row's letter) become
/// empty, noted ones (warnings) are used.
fn row_texts(
    label: &str,
    line: usize,
    cells: &[Data],
    columns: &[Column],
    out: &mut FileRead,
) -> Vec<String> {
    let id = columns
        .iter()
        .position(|c| c.name == "id")
        .and_then(|i| cells.get(i))
        .and_then(|c| match cell_text(c, Kind::Known) {
            Text::Ok(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        });
    let at = || Pos::new(label, line);
    let mut texts = Vec::with_capacity(cells.len());
    for (cell, column) in cells.iter().zip(columns) {
        let text = if column.name.is_empty() {
            // Under no header nothing is read; a value there is a mistake to point at.
            if !is_blank(cell) {
                out.problems.push(Problem::tr(
                    at(),
                    column.shown.clone(),
                    "value-no-header",
                    &[("value", format!("{:?}", plain(cell)).into())],
                ));
            }
            String::new()
        } else {
            match cell_text(cell, column.kind) {
                Text::Ok(s) => s,
                Text::Warn(s, why) => {
                    out.warnings.push(Problem::text(at(), &column.name, &why));
                    s
                }
                Text::Bad(why) => {
                    let p = Problem::text(at(), &column.name, &why);
                    out.problems.push(match &id {
                        Some(id) => p.with_id(id),
                        None => p,
                    });
                    String::new()
                }
            }
        };
        texts.push(text);
    }
    texts
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A header cell (or any cell) as plain text, whatever its type.
fn plain(cell: &Data) -> String {
    match cell_text(cell, Kind::Other) {
        Text::Ok(s) => s,
        _ => cell.to_string(),
    }
}

/// A cell as the text a CSV export of the sheet would hold, judged by its column.
fn cell_text(cell: &Data, kind: Kind) -> Text {
    match cell {
        Data::Empty => Text::Ok(String::new()),
        Data::String(s) => Text::Ok(s.clone()),
        Data::Int(i) if kind == Kind::Date => not_a_date(&i.to_string()),
        Data::Int(i) => Text::Ok(i.to_string()),
        Data::Float(f) => match number_text(*f) {
            None => Text::Bad(Words::new("cell-not-a-number").arg("value", f)),
            Some(s) if kind == Kind::Date => not_a_date(&s),
            Some(s) if kind == Kind::Amount => match amount_text(&s) {
                Some(cents) => Text::Warn(
                    cents.clone(),
                    Words::new("cell-more-than-cents")
                        .arg("value", &s)
                        .arg("cents", &cents),
                ),
                None => Text::Ok(s),
            },
            Some(s) => Text::Ok(s),
        },
        Data::DateTime(dt) => excel_date(dt, kind),
        Data::DateTimeIso(s) => iso_date(s, kind),
        Data::DurationIso(s) if kind == Kind::Date => {
            Text::Bad(Words::new("cell-duration").arg("value", s))
        }
        Data::DurationIso(s) => Text::Ok(s.clone()),
        Data::Bool(b) => {
            let s = if *b { "TRUE" } else { "FALSE" };
            if kind == Kind::Other {
                Text::Ok(s.into())
            } else {
                Text::Bad(Words::new("cell-bool").arg("value", s))
            }
        }
        Data::Error(e) if kind == Kind::Other => Text::Warn(
            String::new(),
            Words::new("cell-error-passed").arg("value", e),
        ),
        Data::Error(e) => Text::Bad(Words::new("cell-error").arg("value", e)),
    }
}

fn not_a_date(number: &str) -> Text {
    Text::Bad(Words::new("cell-number-not-date").arg("value", number))
}

/// A numeric cell as exact decimal text: the shortest digits that read back as the same
/// double, never through f64 arithmetic; integers without `.0`. `None` for NaN and infinities, which no sheet holds.
pub fn number_text(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    if f == 0.0 {
        return Some("0".into());
    }
    // Rust prints the shortest round-trip digits and never an exponent.
    Some(format!("{f}"))
}

/// An amount with more than two decimals (binary noise such as 1234.4999999999, or a cell
/// showing cents of a longer figure), rounded half away from zero to cents; `None` when it
/// has at most two. Amounts beyond Decimal's range are left for the amount parser to refuse.
pub fn amount_text(number: &str) -> Option<String> {
    let d = Decimal::from_str(number)
        .or_else(|_| Decimal::from_scientific(number))
        .ok()?;
    if d.scale() <= 2 {
        return None;
    }
    let mut cents = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if cents.is_zero() {
        cents.set_sign_positive(true);
    }
    Some(format!("{cents:.2}"))
}

/// An Excel date cell: `YYYY-MM-DD` (a date column takes the day and drops any time);
/// elsewhere a time of day is kept as `YYYY-MM-DD HH:MM:SS`, or `HH:MM:SS` alone.
fn excel_date(dt: &ExcelDateTime, kind: Kind) -> Text {
    let serial = dt.as_f64();
    if dt.is_duration() {
        return match kind {
            Kind::Date => Text::Bad(Words::new("cell-duration").arg("value", serial)),
            _ => Text::Ok(number_text(serial).unwrap_or_default()),
        };
    }
    // Excel's own range: 1900-01-00 up to 9999-12-31.
    if !(0.0..2_958_466.0).contains(&serial) {
        return Text::Bad(Words::new("cell-date-range").arg("value", serial));
    }
    let (y, m, d, h, min, s, _) = dt.to_ymd_hms_milli();
    let time = format!("{h:02}:{min:02}:{s:02}");
    if serial < 1.0 {
        return match kind {
            Kind::Date => Text::Bad(Words::new("cell-time").arg("value", &time)),
            _ => Text::Ok(time),
        };
    }
    // Excel's phantom 1900-02-29 is not a date.
    let Some(date) = NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()) else {
        return Text::Bad(
            Words::new("cell-date-unreal").arg("value", format!("{y}-{m:02}-{d:02}")),
        );
    };
    let date = date.format("%Y-%m-%d").to_string();
    if kind == Kind::Date || (h, min, s) == (0, 0, 0) {
        Text::Ok(date)
    } else {
        Text::Ok(format!("{date} {time}"))
    }
}

/// An OpenDocument date (`2026-11-22` or `2026-11-22T14:30:00`), treated as Excel's.
fn iso_date(iso: &str, kind: Kind) -> Text {
    let (date, time) = iso.split_once('T').unwrap_or((iso, ""));
    let time = time.split('.').next().unwrap_or("");
    match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(_) if kind == Kind::Date || time.is_empty() || time == "00:00:00" => {
            Text::Ok(date.to_string())
        }
        Ok(_) => Text::Ok(format!("{date} {time}")),
        Err(_) if kind == Kind::Date => Text::Bad(Words::new("cell-not-date").arg("value", iso)),
        Err(_) => Text::Ok(iso.to_string()),
    }
}

/// Excel's name of the 0-based column `i`: A…Z, AA…
fn column_letter(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn amount(f: f64) -> Text {
        cell_text(&Data::Float(f), Kind::Amount)
    }

    #[test]
    fn numbers_are_their_shortest_decimal_digits() {
        assert_eq!(number_text(1234.5).unwrap(), "1234.5");
        assert_eq!(number_text(13800138000.0).unwrap(), "13800138000");
        assert_eq!(number_text(100000000.0).unwrap(), "100000000");
        assert_eq!(number_text(1e-7).unwrap(), "0.0000001");
        assert_eq!(number_text(-42.25).unwrap(), "-42.25");
        assert_eq!(number_text(-0.0).unwrap(), "0");
        assert_eq!(number_text(1e21).unwrap(), "1000000000000000000000");
        assert_eq!(number_text(0.1 + 0.2).unwrap(), "0.30000000000000004");
        assert_eq!(number_text(f64::NAN), None);
        assert_eq!(
            cell_text(&Data::Float(13800138000.0), Kind::Known),
            Text::Ok("13800138000".into())
        );
        assert_eq!(
            cell_text(&Data::Int(13800138000), Kind::Known),
            Text::Ok("13800138000".into())
        );
    }

    #[test]
    fn amounts_keep_cents_and_round_noise_with_a_warning() {
        assert_eq!(amount(1234.5), Text::Ok("1234.5".into()));
        assert_eq!(amount(100000000.0), Text::Ok("100000000".into()));
        assert_eq!(amount(0.07), Text::Ok("0.07".into()));
        let warned = |f: f64, cents: &str| match amount(f) {
            Text::Warn(s, why) => {
                assert_eq!(s, cents, "{f}");
                let why = why.to_string();
                assert!(why.contains(&number_text(f).unwrap()), "{why}");
                assert!(why.contains(cents), "{why}");
            }
            other => panic!("{f}: expected a warning, got {other:?}"),
        };
        warned(1234.4999999999, "1234.50");
        warned(0.1 + 0.2, "0.30");
        warned(1e-7, "0.00");
        warned(-1e-7, "0.00");
        warned(0.125, "0.13");
        warned(2.675, "2.68");
        warned(-1234.565, "-1234.57");
        warned(1e-30, "0.00");
        assert_eq!(amount_text("1234.50"), None);
        assert_eq!(amount_text("-3.005").as_deref(), Some("-3.01"));
        // Beyond Decimal: left as is for the amount parser to refuse.
        assert_eq!(amount(1e30), Text::Ok(number_text(1e30).unwrap()));
    }

    #[test]
    fn date_cells_become_iso_dates() {
        let dt = |v: f64| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        // 2026-11-22 is serial 46348.
        assert_eq!(
            cell_text(&dt(46348.0), Kind::Date),
            Text::Ok("2026-11-22".into())
        );
        assert_eq!(
            cell_text(&dt(46348.75), Kind::Date),
            Text::Ok("2026-11-22".into())
        );
        assert_eq!(
            cell_text(&dt(46348.75), Kind::Other),
            Text::Ok("2026-11-22 18:00:00".into())
        );
        assert_eq!(
            cell_text(&dt(0.5), Kind::Other),
            Text::Ok("12:00:00".into())
        );
        assert!(matches!(cell_text(&dt(0.5), Kind::Date), Text::Bad(_)));
        assert!(
            matches!(cell_text(&dt(60.0), Kind::Date), Text::Bad(m) if m.to_string().contains("1900-02-29"))
        );
        assert!(matches!(cell_text(&dt(-1.0), Kind::Date), Text::Bad(_)));
        let in_1904 = Data::DateTime(ExcelDateTime::new(
            44886.0,
            ExcelDateTimeType::DateTime,
            true,
        ));
        assert_eq!(
            cell_text(&in_1904, Kind::Date),
            Text::Ok("2026-11-22".into())
        );
        assert!(matches!(
            cell_text(&Data::Float(46348.0), Kind::Date),
            Text::Bad(m) if m.to_string().contains("format the cell as a date")
        ));
        let iso = |s: &str, k| cell_text(&Data::DateTimeIso(s.into()), k);
        assert_eq!(iso("2026-11-22", Kind::Date), Text::Ok("2026-11-22".into()));
        assert_eq!(
            iso("2026-11-22T09:30:00", Kind::Date),
            Text::Ok("2026-11-22".into())
        );
        assert_eq!(
            iso("2026-11-22T09:30:00", Kind::Other),
            Text::Ok("2026-11-22 09:30:00".into())
        );
        assert_eq!(
            iso("2026-11-22T00:00:00", Kind::Other),
            Text::Ok("2026-11-22".into())
        );
    }

    #[test]
    fn bool_and_error_cells_only_pass_in_pass_through_columns() {
        let na = Data::Error(CellErrorType::NA);
        assert!(
            matches!(cell_text(&na, Kind::Amount), Text::Bad(m) if m.to_string().starts_with("#N/A"))
        );
        assert!(matches!(cell_text(&na, Kind::Known), Text::Bad(_)));
        assert!(matches!(cell_text(&na, Kind::Other), Text::Warn(s, _) if s.is_empty()));
        assert!(matches!(
            cell_text(&Data::Bool(true), Kind::Known),
            Text::Bad(_)
        ));
        assert_eq!(
            cell_text(&Data::Bool(false), Kind::Other),
            Text::Ok("FALSE".into())
        );
        assert_eq!(plain(&na), "#N/A");
    }

    #[test]
    fn column_letters() {
        let l: Vec<String> = [0, 3, 25, 26, 27, 51, 52, 701, 702]
            .map(column_letter)
            .into();
        assert_eq!(l, ["A", "D", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn not_a_workbook_is_a_problem_not_a_panic() {
        for (ext, bytes) in [
            ("xlsx", &b"id,name\n1,x\n"[..]),
            ("xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage"),
            ("ods", b"PK\x03\x04\x14\x00\x00\x00"),
        ] {
            let e = read("b", ext, bytes, None, &BTreeMap::new()).unwrap_err();
            assert!(e.message.contains("not a readable"), "{ext}: {e}");
        }
        let e = read("b.xlsx", "xlsx", b"", None, &BTreeMap::new()).unwrap_err();
        assert_eq!(e.to_string(), "b.xlsx: the file is empty");
    }

    /// A small real workbook: a header and a few typed rows.
    fn sample() -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["编号", "姓名", "应付金额", "到期日"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..20u32 {
            ws.write_string(r, 0, format!("A{r}")).unwrap();
            ws.write_number(r, 2, f64::from(r) * 1.1).unwrap();
            ws.write_number(r, 3, 46000 + r).unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// A damaged workbook (cut short, bytes changed) is a problem or some rows, never a
        /// panic or a hang.
        #[test]
        fn damaged_workbooks_never_panic(
            keep in 0.0..=1.0f64,
            flips in proptest::collection::vec((0.0..1.0f64, 1u8..), 0..6),
        ) {
            let mut bytes = sample();
            let n = bytes.len();
            for (at, x) in flips {
                bytes[(at * n as f64) as usize % n] ^= x;
            }
            bytes.truncate((keep * n as f64) as usize);
            let _ = read("f.xlsx", "xlsx", &bytes, None, &BTreeMap::new());
        }
    }
}
