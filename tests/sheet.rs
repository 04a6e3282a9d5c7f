//! Spreadsheet input (.xlsx, .xls, .ods) end to end: each test builds its workbook in its
//! own temporary directory (rust_xlsxwriter for .xlsx, a hand-made zip for .ods), runs the
//! real binary on it and compares what it prints.

mod common;

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde_json::Value;
use std::io::Write;

// ---------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------

/// One cell of a test sheet.
#[derive(Clone, Copy)]
enum C {
    /// A text cell.
    S(&'static str),
    /// A numeric cell.
    N(f64),
    /// A date cell (`yyyy-mm-dd` format) at midnight.
    D(u16, u8, u8),
    /// A date-time cell.
    T(u16, u8, u8, u16),
    /// A TRUE/FALSE cell.
    B(bool),
    /// A formula whose cached result is an Excel error such as `#N/A`.
    E(&'static str),
    /// Nothing written.
    Blank,
}

use C::*;

/// A sheet: its name, the 0-based row and column of its top-left cell, and its rows.
struct Sheet<'a> {
    name: &'a str,
    at: (u32, u16),
    rows: &'a [&'a [C]],
}

/// An .xlsx workbook holding `sheets`, in order.
fn xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name).expect("sheet name");
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (sheet.at.0 + r as u32, sheet.at.1 + c as u16);
                match *cell {
                    S(s) => ws.write_string(r, c, s).map(|_| ()),
                    N(n) => ws.write_number(r, c, n).map(|_| ()),
                    D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(y, m, d).expect("date");
                        ws.write_datetime_with_format(r, c, dt, &date).map(|_| ())
                    }
                    T(y, m, d, h) => {
                        let dt = ExcelDateTime::from_ymd(y, m, d)
                            .and_then(|dt| dt.and_hms(h, 30, 0))
                            .expect("date-time");
                        ws.write_datetime_with_format(r, c, dt, &datetime)
                            .map(|_| ())
                    }
                    B(b) => ws.write_boolean(r, c, b).map(|_| ()),
                    E(e) => ws
                        .write_formula(r, c, Formula::new("=NA()").set_result(e))
                        .map(|_| ()),
                    Blank => Ok(()),
                }
                .expect("write cell");
            }
        }
    }
    wb.save_to_buffer().expect("xlsx bytes")
}

/// A one-sheet workbook whose table starts at A1.
fn xlsx1(name: &str, rows: &[&[C]]) -> Vec<u8> {
    xlsx(&[Sheet {
        name,
        at: (0, 0),
        rows,
    }])
}

/// The headers a clerk's Chinese export has (aliases of SPEC 3), and one pass-through.
const HEAD: &[C] = &[
    S("客户编号"),
    S("姓名"),
    S("电话"),
    S("项目"),
    S("应付金额"),
    S("已付金额"),
    S("到期日"),
    S("备注"),
];

impl Workdir {
    /// `compute ARGS --as-of AS_OF --format json`, which must succeed.
    fn json(&self, args: &[&str]) -> (Value, String) {
        let mut all = vec!["compute"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--as-of", AS_OF, "--format", "json"]);
        let run = self.run(&all).must_succeed();
        (run.json(), run.stderr())
    }

    /// `check ARGS`, which must find problems: the lines it printed on stdout and stderr.
    fn problems(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--as-of", AS_OF]);
        let run = self.run(&all).must_fail(1);
        let text = run.stdout() + &run.stderr();
        text.lines().map(str::to_string).collect()
    }
}

fn ids(letters: &Value) -> Vec<&str> {
    letters
        .as_array()
        .expect("an array")
        .iter()
        .map(|l| l["id"].as_str().expect("id"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Typed cells
// ---------------------------------------------------------------------------------------

/// A Chinese sheet name and Chinese headers; a date cell, a numeric 1234.5, a noisy
/// 1234.4999999999 (rounded, with a warning naming the cell), and a phone stored as a number
/// on one row and as text on the next: rows of one id must agree, so 13800138000 must come
/// out as those digits, not 1.38e10 or 13800138000.0.
#[test]
fn chinese_sheet_with_typed_cells() {
    let wd = Workdir::new();
    wd.write(
        "debtors.xlsx",
        xlsx1(
            "欠款明细",
            &[
                HEAD,
                &[
                    S("A-1"),
                    S("张三"),
                    N(13800138000.0),
                    S("首期款"),
                    N(1234.5),
                    N(0.0),
                    D(2026, 10, 1),
                    S("备注一"),
                ],
                &[
                    S("A-1"),
                    S("张三"),
                    S("13800138000"),
                    S("二期款"),
                    N(1234.4999999999),
                    Blank,
                    T(2026, 10, 15, 18),
                    S("备注一"),
                ],
                &[
                    N(20260001.0),
                    S("李四"),
                    Blank,
                    S("尾款"),
                    S("¥2,000.00"),
                    N(500.0),
                    S("2026/09/30"),
                    Blank,
                ],
                &[Blank, S("  ")],
                &[],
                &[S(" ")],
            ],
        ),
    );
    let (json, stderr) = wd.json(&["debtors.xlsx"]);
    assert_eq!(ids(&json), ["A-1", "20260001"]);
    let a = &json[0];
    assert_eq!(a["name"], "张三");
    let items = a["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["amount_due"], "1234.50");
    assert_eq!(items[0]["due_date"], "2026-10-01");
    assert_eq!(items[1]["amount_due"], "1234.50");
    // A date-time on a date column counts as its day.
    assert_eq!(items[1]["due_date"], "2026-10-15");
    assert_eq!(a["outstanding"], "2469.00");
    let b = &json[1];
    assert_eq!(b["outstanding"], "1500.00");
    assert_eq!(b["items"][0]["due_date"], "2026-09-30");
    assert_eq!(
        stderr.trim_end(),
        "warning: debtors.xlsx[欠款明细]:3: E (应付金额): the cell holds 1234.4999999999, \
         more than cents: read as 1234.50"
    );
}

/// The same letters as an .xlsx with typed cells and as a CSV of text give the same figures.
#[test]
fn compute_json_is_the_same_as_for_the_equivalent_csv() {
    let wd = Workdir::new();
    wd.write(
        "d.xlsx",
        xlsx1(
            "欠款明细",
            &[
                HEAD,
                &[
                    S("HT-1"),
                    S("张伟"),
                    N(13800138000.0),
                    S("第二期房款"),
                    N(16409.02),
                    N(0.0),
                    D(2026, 9, 30),
                    N(3.0),
                ],
                &[
                    S("C-3001"),
                    S("上海星辰贸易有限公司"),
                    S("021-68880001"),
                    S("货款"),
                    N(12000.0),
                    N(5000.0),
                    D(2026, 8, 15),
                    Blank,
                ],
                &[
                    S("C-3001"),
                    Blank,
                    Blank,
                    S("货款二"),
                    N(6007.14),
                    Blank,
                    D(2026, 9, 15),
                    Blank,
                ],
                &[
                    N(42.0),
                    S("王五"),
                    Blank,
                    S("尾款"),
                    N(0.1 + 0.2),
                    Blank,
                    D(2026, 11, 22),
                    B(true),
                ],
            ],
        ),
    );
    wd.write(
        "d.csv",
        "客户编号,姓名,电话,项目,应付金额,已付金额,到期日,备注\n\
         HT-1,张伟,13800138000,第二期房款,16409.02,0,2026-09-30,3\n\
         C-3001,上海星辰贸易有限公司,021-68880001,货款,12000,5000,2026-08-15,\n\
         C-3001,,,货款二,6007.14,,2026-09-15,\n\
         42,王五,,尾款,0.30,,2026-11-22,TRUE\n",
    );
    let (from_sheet, warnings) = wd.json(&["d.xlsx"]);
    let (from_csv, _) = wd.json(&["d.csv"]);
    assert_eq!(from_sheet, from_csv);
    assert_eq!(ids(&from_sheet), ["HT-1", "C-3001", "42"]);
    assert_eq!(from_sheet[0]["fee"], "443.04");
    assert!(
        warnings.contains("d.xlsx[欠款明细]:5: E (应付金额): the cell holds 0.30000000000000004"),
        "{warnings}"
    );
}

// ---------------------------------------------------------------------------------------
// --sheet
// ---------------------------------------------------------------------------------------

fn two_months() -> Vec<u8> {
    let head: &[C] = &[S("编号"), S("姓名"), S("应付金额"), S("到期日")];
    xlsx(&[
        Sheet {
            name: "十月",
            at: (0, 0),
            rows: &[head, &[S("OCT"), S("张三"), N(100.0), D(2026, 10, 1)]],
        },
        Sheet {
            name: "十一月",
            at: (0, 0),
            rows: &[head, &[S("NOV"), S("李四"), N(200.0), D(2026, 11, 1)]],
        },
        Sheet {
            name: "1",
            at: (0, 0),
            rows: &[head, &[S("ONE"), S("王五"), N(300.0), D(2026, 11, 1)]],
        },
    ])
}

#[test]
fn sheet_by_name_by_index_and_default_first() {
    let wd = Workdir::new();
    // The extension is matched in any case.
    wd.write("Book.XLSX", two_months());
    let letters = |extra: &[&str]| {
        let mut args = vec!["Book.XLSX"];
        args.extend_from_slice(extra);
        let (json, _) = wd.json(&args);
        ids(&json).iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(letters(&[]), ["OCT"]);
    assert_eq!(letters(&["--sheet", "十一月"]), ["NOV"]);
    assert_eq!(letters(&["--sheet", "2"]), ["NOV"]);
    assert_eq!(letters(&["--sheet", "3"]), ["ONE"]);
    // A name is looked up first: the sheet named "1", not the first sheet.
    assert_eq!(letters(&["--sheet", "1"]), ["ONE"]);
}

/// A hidden first sheet (an old month, a lookup table) is not the default.
#[test]
fn the_default_is_the_first_visible_sheet() {
    let mut wb = Workbook::new();
    let old = wb.add_worksheet();
    old.set_name("旧表").expect("name");
    old.write_string(0, 0, "不是表头").expect("cell");
    old.set_hidden(true);
    let data = wb.add_worksheet();
    data.set_name("欠款明细").expect("name");
    for (c, h) in ["编号", "姓名", "应付金额", "到期日"].iter().enumerate() {
        data.write_string(0, c as u16, *h).expect("cell");
    }
    data.write_string(1, 0, "V-1").expect("cell");
    data.write_string(1, 1, "张三").expect("cell");
    data.write_number(1, 2, 10).expect("cell");
    data.write_string(1, 3, "2026-11-01").expect("cell");
    data.set_active(true);
    let wd = Workdir::new();
    wd.write("book.xlsx", wb.save_to_buffer().expect("xlsx"));
    let (json, _) = wd.json(&["book.xlsx"]);
    assert_eq!(ids(&json), ["V-1"]);
    // Positions count every sheet, hidden ones too.
    let (json, _) = wd.json(&["book.xlsx", "--sheet", "2"]);
    assert_eq!(ids(&json), ["V-1"]);
}

#[test]
fn a_missing_sheet_lists_the_sheets() {
    let wd = Workdir::new();
    wd.write("book.xlsx", two_months());
    for wanted in ["五月", "4", "0"] {
        let run = wd
            .run(&["compute", "book.xlsx", "--sheet", wanted, "--as-of", AS_OF])
            .must_fail(1);
        assert_eq!(
            run.first_error(),
            format!(
                "error: book.xlsx: no sheet \"{wanted}\" (--sheet takes a name or a number \
                 from 1); the sheets are: 1 十月, 2 十一月, 3 1"
            )
        );
        assert_eq!(run.stdout(), "");
    }
}

#[test]
fn sheet_with_only_csv_data_is_a_usage_error() {
    let wd = Workdir::new();
    wd.write("d.csv", "id,name,amount_due,due_date\nA,x,1,2026-11-01\n");
    let run = wd
        .run(&["compute", "d.csv", "--sheet", "2", "--as-of", AS_OF])
        .must_fail(2);
    assert_eq!(
        run.first_error(),
        "error: --sheet picks a sheet of a spreadsheet (.xlsx, .xls, .ods); none of the DATA \
         files is one"
    );
    // With a spreadsheet among the files, the CSV is read as usual.
    wd.write("book.xlsx", two_months());
    let (json, _) = wd.json(&["d.csv", "book.xlsx", "--sheet", "十一月"]);
    assert_eq!(ids(&json), ["A", "NOV"]);
}

// ---------------------------------------------------------------------------------------
// Positions and problems
// ---------------------------------------------------------------------------------------

/// A table that starts at B3 (a title above, a blank column left): positions are Excel's
/// row numbers and column letters, with the header the clerk wrote.
#[test]
fn problems_name_sheet_row_and_column() {
    let wd = Workdir::new();
    let mut rows: Vec<&[C]> = vec![HEAD];
    rows.push(&[
        S("A-1"),
        B(true),
        S("1"),
        S("x"),
        E("#N/A"),
        Blank,
        D(2026, 10, 1),
        Blank,
    ]);
    rows.push(&[
        S("A-2"),
        S("李四"),
        Blank,
        S("y"),
        N(5.0),
        Blank,
        N(46348.0),
        E("#DIV/0!"),
    ]);
    rows.push(&[
        S("A-3"),
        S("王五"),
        Blank,
        S("z"),
        N(-1234.5),
        Blank,
        D(2026, 10, 1),
        Blank,
    ]);
    wd.write(
        "debtors.xlsx",
        xlsx(&[Sheet {
            name: "欠款明细",
            at: (2, 1),
            rows: &rows,
        }]),
    );
    let lines = wd.problems(&["debtors.xlsx"]);
    let expected = [
        "debtors.xlsx[欠款明细]:4: C (姓名): TRUE: a TRUE/FALSE cell, not a value for this column",
        "debtors.xlsx[欠款明细]:4: F (应付金额): #N/A: a formula error; fix the formula or type the value",
        "debtors.xlsx[欠款明细]:5: H (到期日): 46348: a number, not a date; format the cell as a date, or type 2026-11-22",
        "debtors.xlsx[欠款明细]:6: F (应付金额): \"-1234.5\": an amount cannot be negative",
    ];
    for e in expected {
        assert!(
            lines.iter().any(|l| l == e),
            "missing {e:?} in\n{}",
            lines.join("\n")
        );
    }
    let joined = lines.join("\n");
    // The refused cells are not reported a second time as missing.
    assert!(!joined.contains("needs amount_due"), "{joined}");
    assert!(!joined.contains("name is required"), "{joined}");
    assert!(!joined.contains("needs a due date"), "{joined}");
    assert!(
        joined.contains(
            "debtors.xlsx[欠款明细]:5: I (备注): #DIV/0!: a formula error; the column is passed on empty"
        ),
        "{joined}"
    );
}

/// A note to the right of the table, under no header, is pointed at by its column letter.
#[test]
fn a_value_under_no_header_names_its_column_letter() {
    let wd = Workdir::new();
    wd.write(
        "d.xlsx",
        xlsx1(
            "S",
            &[
                &[S("编号"), S("姓名"), S("应付金额"), S("到期日")],
                &[S("A"), S("张三"), N(10.0), D(2026, 10, 1), Blank, N(12.5)],
            ],
        ),
    );
    let lines = wd.problems(&["d.xlsx"]);
    assert_eq!(
        lines[0],
        "d.xlsx[S]:2: F: value \"12.5\" is in a column without a header"
    );
}

/// With --skip-invalid a refused cell rejects its own letter only.
#[test]
fn a_refused_cell_rejects_its_letter() {
    let wd = Workdir::new();
    wd.write(
        "d.xlsx",
        xlsx1(
            "S",
            &[
                &[S("编号"), S("姓名"), S("应付金额"), S("到期日")],
                &[S("BAD"), S("张三"), E("#VALUE!"), D(2026, 10, 1)],
                &[S("GOOD"), S("李四"), N(10.0), D(2026, 10, 1)],
            ],
        ),
    );
    let run = wd
        .run(&["compute", "d.xlsx", "--as-of", AS_OF, "--format", "json"])
        .must_fail(1);
    assert_eq!(
        run.first_error(),
        "error: d.xlsx[S]:2: C (应付金额): #VALUE!: a formula error; fix the formula or type the value"
    );
    let run = wd
        .run(&[
            "batch",
            "d.xlsx",
            "--as-of",
            AS_OF,
            "--skip-invalid",
            "-o",
            "out.zip",
            "--quiet",
        ])
        .must_fail(3);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(wd.read("out.zip"))).expect("a zip");
    let mut names = Vec::new();
    let mut rejects = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("zip entry");
        let name = entry.name().expect("entry name").into_owned();
        if name == "rejects.csv" {
            std::io::Read::read_to_string(&mut entry, &mut rejects).expect("read rejects.csv");
        }
        names.push(name);
    }
    assert!(
        rejects.contains("d.xlsx[S],2,BAD,C (应付金额),"),
        "{rejects}"
    );
    assert!(
        names.iter().any(|n| n.starts_with("letters/GOOD")),
        "{names:?}\n{}",
        run.describe()
    );
    assert!(
        !names.iter().any(|n| n.starts_with("letters/BAD")),
        "{names:?}"
    );
}

#[test]
fn not_a_workbook_and_empty_sheet() {
    let wd = Workdir::new();
    wd.write("book.xlsx", "id,name\nA,x\n");
    let run = wd
        .run(&["compute", "book.xlsx", "--as-of", AS_OF])
        .must_fail(1);
    let first = run.first_error();
    assert!(
        first.starts_with("error: book.xlsx: not a readable .xlsx workbook (")
            && first.ends_with("); open it in Excel and save it again, or save the sheet as CSV"),
        "{first}"
    );
    wd.write("zero.ods", "");
    let run = wd
        .run(&["compute", "zero.ods", "--as-of", AS_OF])
        .must_fail(1);
    assert_eq!(run.first_error(), "error: zero.ods: the file is empty");
    wd.write("empty.xlsx", xlsx1("空表", &[]));
    let run = wd
        .run(&["compute", "empty.xlsx", "--as-of", AS_OF])
        .must_fail(1);
    assert_eq!(
        run.first_error(),
        "error: empty.xlsx[空表]: the sheet is empty"
    );
    wd.write("head.xlsx", xlsx1("S", &[&[S("编号"), S("姓名")]]));
    let run = wd
        .run(&["compute", "head.xlsx", "--as-of", AS_OF])
        .must_fail(1);
    assert_eq!(
        run.first_error(),
        "error: head.xlsx[S]: the sheet has a header but no data rows"
    );
}

// ---------------------------------------------------------------------------------------
// OpenDocument
// ---------------------------------------------------------------------------------------

/// A minimal .ods (what LibreOffice writes, reduced to the parts a reader needs).
fn ods(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut body = String::new();
    for row in rows {
        body.push_str("<table:table-row>");
        for cell in *row {
            body.push_str(cell);
        }
        body.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(data.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

fn text(s: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
    )
}

fn float(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
    )
}

fn date(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="date" office:date-value="{v}"><text:p>{v}</text:p></table:table-cell>"#
    )
}

#[test]
fn ods_with_typed_cells() {
    let head = ["客户编号", "姓名", "电话", "应付金额", "到期日"].map(text);
    let row1 = [
        text("O-1"),
        text("赵六"),
        float("13800138000"),
        float("1234.4999999999"),
        date("2026-10-01"),
    ];
    let row2 = [
        text("O-1"),
        text("赵六"),
        text("13800138000"),
        float("1234.5"),
        date("2026-10-15T09:30:00"),
    ];
    fn as_str(r: &[String]) -> Vec<&str> {
        r.iter().map(String::as_str).collect()
    }
    let (h, r1, r2) = (as_str(&head), as_str(&row1), as_str(&row2));
    let wd = Workdir::new();
    wd.write("d.ods", ods("欠款明细", &[&h, &r1, &r2]));
    let (json, stderr) = wd.json(&["d.ods"]);
    assert_eq!(ids(&json), ["O-1"]);
    assert_eq!(json[0]["outstanding"], "2469.00");
    assert_eq!(json[0]["items"][1]["due_date"], "2026-10-15");
    assert_eq!(
        stderr.trim_end(),
        "warning: d.ods[欠款明细]:2: D (应付金额): the cell holds 1234.4999999999, more than \
         cents: read as 1234.50"
    );
}

/// Issue 15: a title row above the header and a 合计 row below the data, in .xlsx and
/// .ods alike, are skipped with a warning naming the sheet's row.
#[test]
fn title_and_totals_rows_in_xlsx_and_ods() {
    let wd = Workdir::new();
    let title: &[C] = &[S("2026年11月欠款明细表")];
    let r1: &[C] = &[
        S("K-1"),
        S("张三"),
        S("13800138000"),
        S("房款"),
        N(100.0),
        N(0.0),
        D(2026, 10, 1),
        Blank,
    ];
    let total: &[C] = &[
        S("合计"),
        Blank,
        Blank,
        Blank,
        N(100.0),
        N(0.0),
        Blank,
        Blank,
    ];
    wd.write("d.xlsx", xlsx1("欠款明细", &[title, HEAD, r1, total]));
    let (json, stderr) = wd.json(&["d.xlsx"]);
    assert_eq!(ids(&json), ["K-1"]);
    assert_eq!(
        stderr,
        "warning: d.xlsx[欠款明细]:1: 1 row(s) above the header skipped as a title, not debtors: \"2026年11月欠款明细表\"\n\
         warning: d.xlsx[欠款明细]:4: a totals row (合计) names no debtor: skipped\n"
    );

    let head = ["客户编号", "姓名", "应付金额", "到期日"].map(text);
    let row = [text("O-1"), text("赵六"), float("50"), date("2026-10-01")];
    let sum = [text("合计"), text(""), float("50"), text("")];
    let title = [text("2026年11月欠款明细表")];
    fn as_str(r: &[String]) -> Vec<&str> {
        r.iter().map(String::as_str).collect()
    }
    let rows = [as_str(&title), as_str(&head), as_str(&row), as_str(&sum)];
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    wd.write("d.ods", ods("欠款明细", &rows));
    let (json, stderr) = wd.json(&["d.ods"]);
    assert_eq!(ids(&json), ["O-1"]);
    assert_eq!(
        stderr,
        "warning: d.ods[欠款明细]:1: 1 row(s) above the header skipped as a title, not debtors: \"2026年11月欠款明细表\"\n\
         warning: d.ods[欠款明细]:4: a totals row (合计) names no debtor: skipped\n"
    );
}
