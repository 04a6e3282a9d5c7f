//! report.xlsx (SPEC 10): the manifest, mailing list, aging and, when there are any, the
//! skipped and rejected rows, one sheet each, for the clerk who opens them in Excel. The CSVs
//! stay for scripts; Excel reading a CSV drops the leading zero of postcode 010010 and of a
//! landline, so here ids, postcodes and phone numbers are text cells, amounts are numbers
//! (two decimals, thousands separator), dates are dates. Built from the same typed rows as
//! the CSVs and dated `as_of`, so `merge` rebuilds it byte for byte.

use super::csv::{Cell, cells};
use super::reports::{BucketSum, MailingRow, ManifestRow, RejectRow, SkippedRow};
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};
use serde::Serialize;
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

/// The sheets of one batch, in the order Excel shows their tabs.
pub struct Report<'a> {
    pub manifest: &'a [ManifestRow],
    pub mailing: &'a [MailingRow],
    pub aging: &'a [BucketSum],
    pub skipped: &'a [SkippedRow],
    pub rejects: &'a [RejectRow],
}

/// The workbook's bytes, dated `as_of`.
pub fn report_xlsx(report: &Report, as_of: NaiveDate) -> Result<Vec<u8>> {
    let bug = |e: String| Error::Internal(format!("report.xlsx: {e}"));
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_ymd(
        u16::try_from(as_of.year()).unwrap_or(1900),
        as_of.month() as u8,
        as_of.day() as u8,
    )
    .map_err(|e| bug(e.to_string()))?;
    // Fixed, so the same run gives the same bytes (the zip inside has fixed times too).
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let styles = Styles::new();
    sheet(&mut book, "清单 manifest", report.manifest, &styles).map_err(bug)?;
    sheet(&mut book, "邮寄 mailing", report.mailing, &styles).map_err(bug)?;
    sheet(&mut book, "账龄 aging", report.aging, &styles).map_err(bug)?;
    if !report.skipped.is_empty() {
        sheet(&mut book, "未发函 skipped", report.skipped, &styles).map_err(bug)?;
    }
    if !report.rejects.is_empty() {
        sheet(&mut book, "问题行 rejects", report.rejects, &styles).map_err(bug)?;
    }
    book.save_to_buffer().map_err(|e| bug(e.to_string()))
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
    book: &mut Workbook,
    name: &str,
    rows: &[T],
    styles: &Styles,
) -> std::result::Result<(), String> {
    let ws = book.add_worksheet();
    ws.set_name(name).map_err(|e| e.to_string())?;
    let (names, _) = cells(&T::default()).map_err(|e| e.to_string())?;
    let mut widths: Vec<usize> = Vec::with_capacity(names.len());
    for (c, column) in names.iter().enumerate() {
        let label = match chinese(column) {
            "" => column.to_string(),
            zh => format!("{zh}\n{column}"),
        };
        widths.push(label.lines().map(UnicodeWidthStr::width).max().unwrap_or(0));
        ws.write_string_with_format(0, col(c)?, &label, &styles.header)
            .map_err(|e| e.to_string())?;
    }
    ws.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|e| e.to_string())?;
        let (_, values) = cells(row).map_err(|e| e.to_string())?;
        for (c, (column, value)) in names.iter().zip(&values).enumerate() {
            let text = match value {
                Cell::Text(s) | Cell::Number(s) => s.as_str(),
                Cell::List => continue,
            };
            widths[c] = widths[c].max(text.width());
            write(ws, r, col(c)?, kind(column), text, styles)?;
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c)?, (*w + 2).clamp(6, 60) as f64)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

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
) -> std::result::Result<(), String> {
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
    written.map(|_| ()).map_err(|e| e.to_string())
}
