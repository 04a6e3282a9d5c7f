//! report.xlsx (SPEC 10): the manifest, mailing list, aging and, when there are any, the
//! skipped and rejected rows, one sheet each, for the clerk who opens them in Excel. The CSVs
//! stay for scripts; Excel reading a CSV drops the leading zero of postcode 010010 and of a
//! landline, so here ids, postcodes and phone numbers are text cells, amounts are numbers
//! (two decimals, thousands separator), dates are dates. Built from the same typed rows as
//! the CSVs and dated `as_of`, so `merge` rebuilds it byte for byte. Each sheet is written
//! row by row to a temporary file (rust_xlsxwriter's constant memory mode, its text cells
//! inline), so a sheet of a million rows is never in memory.

use super::csv::{Cell, cells};
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// What a column holds, by its field name: how its cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Money,
    Date,
    Count,
    Text,
}

fn kind(column: &str) -> Kind {
    match column {
        "outstanding" | "fee" | "flat" | "total" => Kind::Money,
        "deadline" | "as_of" | "limitation_date" => Kind::Date,
        "pages" | "print_page" | "letters" | "days_overdue" | "level" | "row" => Kind::Count,
        _ => Kind::Text,
    }
}

/// The Chinese name of a column, shown above its English one.
fn chinese(column: &str) -> &'static str {
    match column {
        "id" => "编号",
        "name" => "名称",
        "kind" => "函件类型",
        "lang" => "语言",
        "file" => "文件",
        "pages" => "页数",
        "print_file" => "打印文件",
        "print_page" => "起始页",
        "outstanding" => "欠款金额",
        "fee" => "违约金",
        "flat" => "固定费用",
        "total" => "合计",
        "deadline" => "付款期限",
        "bucket" => "账龄",
        "sha256" => "校验值",
        "level" => "催收级别",
        "as_of" => "函件日期",
        "address" => "地址",
        "postcode" => "邮编",
        "email" => "邮箱",
        "limitation_date" => "诉讼时效届满日",
        "letters" => "函件数",
        "days_overdue" => "逾期天数",
        "reason" => "原因",
        "source" => "文件",
        "row" => "行",
        "column" => "列",
        "message" => "问题",
        _ => "",
    }
}

/// report.xlsx as it is built: a sheet at a time, in the order Excel shows their tabs.
pub struct Report {
    book: Workbook,
    styles: Styles,
    /// Where the sheets' temporary files go: beside the output.
    dir: PathBuf,
}

impl Report {
    /// An empty workbook dated `as_of`, its sheets' rows kept in `dir` until it is saved.
    pub fn new(dir: &Path, as_of: NaiveDate) -> Result<Report> {
        let mut book = Workbook::new();
        let date = ExcelDateTime::from_ymd(
            u16::try_from(as_of.year()).unwrap_or(1900),
            as_of.month() as u8,
            as_of.day() as u8,
        )
        .map_err(|e| failed(dir, e))?;
        // Fixed, so the same run gives the same bytes (the zip inside has fixed times too).
        book.set_properties(&DocProperties::new().set_creation_datetime(&date));
        book.set_tempdir(dir).map_err(|e| failed(dir, e))?;
        Ok(Report {
            book,
            styles: Styles::new(),
            dir: dir.to_path_buf(),
        })
    }

    /// Adds a sheet of `rows`, written as they come.
    pub fn sheet<T: Serialize + Default>(
        &mut self,
        name: &str,
        rows: impl Iterator<Item = Result<T>>,
    ) -> Result<()> {
        let ws = self
            .book
            .add_worksheet_with_constant_memory()
            .map_err(|e| failed(&self.dir, e))?;
        sheet(ws, name, rows, &self.styles, &self.dir)
    }

    /// Writes the workbook's bytes to `out`.
    pub fn save(mut self, out: &mut (dyn Write + Send)) -> Result<()> {
        self.book
            .save_to_writer(out)
            .map_err(|e| failed(&self.dir, e))
    }
}

/// A workbook that could not be written: its temporary files or the output failed, or
/// (a bug) a sheet was built wrong.
fn failed(dir: &Path, e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(e) | XlsxError::TempFileError(_, e) => Error::io(dir, e),
        other => Error::Internal(format!("report.xlsx: {other}")),
    }
}

/// The cell formats of the report.
struct Styles {
    header: Format,
    text: Format,
    money: Format,
    date: Format,
    count: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            // "@": Excel keeps the cell text when it is edited, never turns it into a number.
            text: Format::new().set_num_format("@"),
            money: Format::new().set_num_format("#,##0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            count: Format::new().set_num_format("0"),
        }
    }
}

/// One sheet: a frozen header row (Chinese above English), then a row per record.
fn sheet<T: Serialize + Default>(
    ws: &mut Worksheet,
    name: &str,
    rows: impl Iterator<Item = Result<T>>,
    styles: &Styles,
    dir: &Path,
) -> Result<()> {
    let bug = |e: String| Error::Internal(format!("report.xlsx: {e}"));
    let xlsx = |e: XlsxError| failed(dir, e);
    ws.set_name(name).map_err(xlsx)?;
    let (names, _) = cells(&T::default()).map_err(|e| bug(e.to_string()))?;
    // Two lines (Chinese above English): a reader that does not fit row heights to wrapped
    // text on opening (LibreOffice) would otherwise show the English under the first row.
    // Before the row is written: in constant memory a written row is final.
    ws.set_row_height(0, 30).map_err(xlsx)?;
    let mut widths: Vec<usize> = Vec::with_capacity(names.len());
    for (c, column) in names.iter().enumerate() {
        let label = match chinese(column) {
            "" => column.to_string(),
            zh => format!("{zh}\n{column}"),
        };
        widths.push(label.lines().map(UnicodeWidthStr::width).max().unwrap_or(0));
        ws.write_string_with_format(0, col(c).map_err(bug)?, &label, &styles.header)
            .map_err(xlsx)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    let mut last_row = 0;
    for (r, row) in rows.enumerate() {
        let row = row?;
        let r = u32::try_from(r + 1).map_err(|e| bug(e.to_string()))?;
        last_row = r;
        let (_, values) = cells(&row).map_err(|e| bug(e.to_string()))?;
        for (c, (column, value)) in names.iter().zip(&values).enumerate() {
            let text = match value {
                Cell::Text(s) | Cell::Number(s) => s.as_str(),
                Cell::List => continue,
            };
            widths[c] = widths[c].max(text.width());
            write(ws, r, col(c).map_err(bug)?, kind(column), text, styles).map_err(xlsx)?;
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c).map_err(bug)?, (*w + 2).clamp(6, WIDEST) as f64)
            .map_err(xlsx)?;
    }
    let last_col = col(names.len().saturating_sub(1)).map_err(bug)?;
    ws.autofilter(0, 0, last_row, last_col).map_err(xlsx)?;
    // Printed (the post room's list): A4 landscape, the header on every page, one page wide
    // where that stays legible (at least ~70%); a wider sheet (the manifest with its sha256)
    // goes on across pages, each starting with the id column.
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_gridlines(true)
        .set_footer("&L&A&R&P / &N");
    ws.set_repeat_rows(0, 0).map_err(xlsx)?;
    let width: usize = widths.iter().map(|w| (*w + 2).clamp(6, WIDEST)).sum();
    if width <= LEGIBLE_ON_ONE_PAGE {
        ws.set_print_fit_to_pages(1, 0);
    } else {
        ws.set_repeat_columns(0, 0).map_err(xlsx)?;
    }
    Ok(())
}

/// The widest column, in character widths: a sha256 (64) shows whole, a long address wraps
/// out of sight rather than widening the sheet further.
const WIDEST: usize = 66;

/// The widest sheet, in character widths, that is still legible when printed one A4 landscape
/// page wide (about 140 characters fit at full size).
const LEGIBLE_ON_ONE_PAGE: usize = 200;

fn col(c: usize) -> std::result::Result<u16, String> {
    u16::try_from(c).map_err(|e| e.to_string())
}

/// One cell as its column's kind; an empty value stays an empty cell.
fn write(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    kind: Kind,
    text: &str,
    styles: &Styles,
) -> std::result::Result<(), XlsxError> {
    if text.is_empty() {
        return Ok(());
    }
    let written = match kind {
        // An amount of at most 15 digits and two decimals is exact in Excel's number.
        Kind::Money | Kind::Count => match text.parse::<f64>() {
            Ok(n) => {
                let format = if kind == Kind::Money {
                    &styles.money
                } else {
                    &styles.count
                };
                ws.write_number_with_format(r, c, n, format)
            }
            Err(_) => ws.write_string_with_format(r, c, text, &styles.text),
        },
        Kind::Date => match text.parse::<NaiveDate>().ok().and_then(|d| {
            ExcelDateTime::from_ymd(
                u16::try_from(d.year()).ok()?,
                d.month() as u8,
                d.day() as u8,
            )
            .ok()
        }) {
            Some(d) => ws.write_datetime_with_format(r, c, &d, &styles.date),
            None => ws.write_string_with_format(r, c, text, &styles.text),
        },
        Kind::Text => ws.write_string_with_format(r, c, text, &styles.text),
    };
    written.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::reports::{MailingRow, ManifestRow};
    use std::io::Read;

    /// A sheet's XML inside the workbook.
    fn sheet_xml(book: &[u8], n: usize) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("an xlsx");
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .expect("the sheet")
            .read_to_string(&mut xml)
            .expect("utf-8");
        xml
    }

    #[test]
    fn headers_are_two_lines_high_and_sheets_print_landscape_with_the_header_on_each_page() {
        let manifest = ManifestRow {
            id: "007".into(),
            name: "张三".into(),
            sha256: "a".repeat(64),
            ..ManifestRow::default()
        };
        let mailing = MailingRow {
            id: "007".into(),
            postcode: "010010".into(),
            ..MailingRow::default()
        };
        let dir = tempfile::tempdir().expect("a temporary directory");
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let mut report = Report::new(dir.path(), as_of).expect("a workbook");
        report
            .sheet("清单 manifest", [Ok(manifest)].into_iter())
            .expect("the manifest sheet");
        report
            .sheet("邮寄 mailing", [Ok(mailing)].into_iter())
            .expect("the mailing sheet");
        let mut book = Vec::new();
        report.save(&mut book).expect("saved");
        let (manifest, mailing) = (sheet_xml(&book, 1), sheet_xml(&book, 2));
        for xml in [&manifest, &mailing] {
            assert!(
                xml.contains(r#"<row r="1" ht="30" customHeight="1""#),
                "{xml}"
            );
            assert!(xml.contains(r#"<autoFilter ref="A1:"#), "{xml}");
            assert!(
                xml.contains(r#"paperSize="9""#) && xml.contains(r#"orientation="landscape""#),
                "{xml}"
            );
            assert!(
                xml.contains("<gridLines") || xml.contains(r#"gridLines="1""#),
                "{xml}"
            );
        }
        // The mailing list fits one page wide; the manifest (sha256 and all) goes on across
        // pages instead of shrinking to an unreadable size.
        assert!(mailing.contains(r#"fitToPage="1""#), "{mailing}");
        assert!(!manifest.contains(r#"fitToPage="1""#), "{manifest}");
        // The sha256 column is wide enough for the whole hash.
        assert!(manifest.contains(r#"width="66.7109375""#), "{manifest}");
    }
}
