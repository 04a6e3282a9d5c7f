//! Issue 15, the clerk's habits: file names unique where case does not count, a history
//! that Excel saved again, "today" in the company's time zone, the SMS file for a gateway.

mod common;

use common::{Workdir, cell, csv_rows, entry};

const AS_OF: &str = "2026-11-23";

/// Windows and macOS unpack `AB-1` and `ab-1` into one file: the second letter gets `-2`,
/// and the manifest says which file is whose.
#[test]
fn ids_that_differ_only_in_case_get_distinct_files() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        "id,name,title,amount_due,due_date\n\
         AB-1,张三,先生,100,2026-11-01\n\
         ab-1,李四,女士,200,2026-11-01\n\
         Ab-1,王五,先生,300,2026-11-01\n",
    );
    wd.run(&[
        "batch", "d.csv", "--as-of", AS_OF, "--quiet", "-o", "out.zip",
    ])
    .must_succeed();
    let zip = wd.zip_entries("out.zip");
    let letters: Vec<&str> = zip
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| n.starts_with("letters/"))
        .collect();
    assert_eq!(
        letters,
        [
            "letters/AB-1-demand.pdf",
            "letters/ab-1-demand-2.pdf",
            "letters/Ab-1-demand-3.pdf"
        ]
    );
    let lower: std::collections::HashSet<String> =
        letters.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(lower.len(), 3);
    let (_, rows) = csv_rows(entry(&zip, "manifest.csv"), "manifest.csv");
    let files: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (cell(r, "id"), cell(r, "file")))
        .collect();
    assert_eq!(
        files,
        [
            ("AB-1", "letters/AB-1-demand.pdf"),
            ("ab-1", "letters/ab-1-demand-2.pdf"),
            ("Ab-1", "letters/Ab-1-demand-3.pdf")
        ]
    );
}

/// A manifest opened in Excel and saved again (GBK, CRLF, dates as 2026/11/23) keeps a
/// letter from going out twice, exactly like the original.
#[test]
fn history_reads_a_manifest_excel_saved_again() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        "id,name,title,amount_due,due_date\nHT-1,张三,先生,100,2026-11-01\n",
    );
    let resaved = "id,name,kind,lang,file,pages,print_file,print_page,outstanding,fee,total,deadline,bucket,sha256,level,as_of\r\n\
                   HT-1,张三,demand,zh,letters/HT-1-demand.pdf,1,print/001.pdf,1,100.00,0.00,100.00,2026/11/26,0-30,ab,2,2026/11/23\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(resaved);
    wd.write("manifest.csv", &gbk);
    let run = wd
        .run(&[
            "compute",
            "d.csv",
            "--as-of",
            "2026-11-30",
            "--history",
            "manifest.csv",
            "--format",
            "json",
        ])
        .must_succeed();
    assert_eq!(
        run.json().as_array().map(Vec::len),
        Some(0),
        "{}",
        run.describe()
    );
    run.stderr_has("skipped: HT-1: already sent: demand on 2026-11-23");
}

/// The CronJob runs at 06:30 Beijing time, 22:30 UTC the day before: with `timezone:` the
/// letters are dated the day it is in Beijing. The clock is injected (DUNNING_NOW).
#[test]
fn today_is_the_date_in_the_configured_time_zone() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        "id,name,title,amount_due,due_date\nHT-1,张三,先生,100,2026-11-01\n",
    );
    let as_of = |config: &str| {
        wd.write("dunning.yaml", config);
        let run = wd
            .run_env(
                &["compute", "d.csv", "--format", "json"],
                &[("DUNNING_NOW", "2026-11-30T22:30:00Z")],
            )
            .must_succeed();
        run.json()[0]["as_of"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(as_of("timezone: Asia/Shanghai\n"), "2026-12-01");
    assert_eq!(as_of("timezone: UTC\n"), "2026-11-30");
    // An explicit --as-of wins.
    wd.write("dunning.yaml", "timezone: Asia/Shanghai\n");
    let run = wd
        .run_env(
            &["compute", "d.csv", "--format", "json", "--as-of", AS_OF],
            &[("DUNNING_NOW", "2026-11-30T22:30:00Z")],
        )
        .must_succeed();
    assert_eq!(run.json()[0]["as_of"], "2026-11-23");
}

/// A misspelt zone is an error naming the line, before anything is computed.
#[test]
fn a_bad_time_zone_names_the_line() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        "id,name,title,amount_due,due_date\nHT-1,张三,先生,100,2026-11-01\n",
    );
    wd.write("dunning.yaml", "lang: zh\ntimezone: Asia/Shangai\n");
    let run = wd.run(&["compute", "d.csv"]).must_fail(1);
    assert_eq!(
        run.first_error(),
        "error: dunning.yaml:2: timezone: unknown time zone \"Asia/Shangai\": an IANA name such as Asia/Shanghai"
    );
    let run = wd
        .run_env(&["compute", "d.csv"], &[("DUNNING_NOW", "yesterday")])
        .must_fail(2);
    run.stderr_has("DUNNING_NOW=\"yesterday\": not an RFC 3339 instant");
}

/// For Excel a text that begins with `-` gets a `'`; for a gateway the text is as sent.
#[test]
fn the_sms_file_for_a_gateway_is_the_text_as_sent() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        "id,name,title,phone,amount_due,due_date\nHT-1,张三,先生,13800138000,100,2026-11-01\n",
    );
    wd.write("tpl/zh/sms.txt", "-{{ name }}，请于{{ deadline }}前付款。");
    let batch = |format: &str, file: &str| {
        wd.run(&[
            "batch",
            "d.csv",
            "--as-of",
            AS_OF,
            "--quiet",
            "--templates",
            "tpl",
            "-o",
            &format!("{format}.zip"),
            "--sms",
            file,
            "--sms-format",
            format,
        ])
        .must_succeed();
        wd.read(file)
    };
    let excel = batch("excel", "excel.csv");
    assert_eq!(
        String::from_utf8(excel).unwrap(),
        "\u{feff}id,phone,text,segments\nHT-1,13800138000,'-张三，请于2026-11-26前付款。,1\n"
    );
    let gateway = batch("gateway", "gateway.csv");
    assert_eq!(
        String::from_utf8(gateway).unwrap(),
        "id,phone,text,segments\nHT-1,13800138000,-张三，请于2026-11-26前付款。,1\n"
    );
}

/// Office spreadsheets have a title above the header and a 合计 row below the data: both
/// are skipped with a warning naming the row; a 合计 row that names a debtor is a debtor.
#[test]
fn title_rows_and_totals_rows_are_skipped_with_a_warning() {
    let wd = Workdir::new();
    wd.write(
        "t.csv",
        "2026年11月欠款明细表,,,,\n\
         制表：财务部,,,,\n\
         编号,姓名,称谓,应付金额,到期日\n\
         HT-1,张三,先生,100,2026-11-01\n\
         HT-2,李四,女士,200,2026-11-01\n\
         合 计,,,300,\n\
         Total:,,,300,\n",
    );
    let run = wd
        .run(&["compute", "t.csv", "--as-of", AS_OF, "--format", "json"])
        .must_succeed();
    let json = run.json();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["id"].as_str())
        .collect();
    assert_eq!(ids, ["HT-1", "HT-2"]);
    assert_eq!(
        run.stderr(),
        "warning: t.csv:1: 2 row(s) above the header skipped as a title, not debtors: \"2026年11月欠款明细表\"\n\
         warning: t.csv:6: a totals row (合 计) names no debtor: skipped\n\
         warning: t.csv:7: a totals row (Total:) names no debtor: skipped\n"
    );
    // A row whose id says 合计 but which names a debtor is that debtor's.
    wd.write(
        "u.csv",
        "编号,姓名,称谓,应付金额,到期日\n合计,王五,先生,50,2026-11-01\n",
    );
    let run = wd
        .run(&["compute", "u.csv", "--as-of", AS_OF, "--format", "json"])
        .must_succeed();
    assert_eq!(run.json()[0]["id"], "合计");
    assert_eq!(run.stderr(), "");
}

/// No row names an id column: the first row was the header, and the error says what is
/// missing, as before.
#[test]
fn a_header_found_nowhere_names_the_id_column_it_expected() {
    let wd = Workdir::new();
    wd.write(
        "t.csv",
        "2026年11月欠款明细表,,\n姓名,应付金额,到期日\n张三,100,2026-11-01\n",
    );
    let run = wd.run(&["check", "t.csv", "--as-of", AS_OF]).must_fail(1);
    assert_eq!(
        run.stdout().lines().next().unwrap_or(""),
        "t.csv:1: id: the header has no id column (id / 编号)"
    );
}

/// report.xlsx read back cell by cell: ids, postcodes and phones stay text (010010 keeps
/// its zero), amounts are numbers, dates are dates; the headers are Chinese and English;
/// skipped rows get their own sheet; two runs give the same bytes.
#[test]
fn report_xlsx_keeps_leading_zeros_and_types_its_cells() {
    use calamine::{Data, Reader, Xlsx};
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        "id,name,title,address,postcode,amount_due,due_date,hold\n\
         007,张三,先生,北京市朝阳区建国路88号,010010,1234.5,2026-11-01,\n\
         HT-2,李四,女士,上海市浦东新区,200120,200,2026-11-01,是\n",
    );
    wd.run(&["batch", "d.csv", "--as-of", AS_OF, "--quiet", "-o", "a.zip"])
        .must_succeed();
    wd.run(&["batch", "d.csv", "--as-of", AS_OF, "--quiet", "-o", "b.zip"])
        .must_succeed();
    let a = wd.zip_entries("a.zip");
    let b = wd.zip_entries("b.zip");
    let report = entry(&a, "report.xlsx").to_vec();
    assert_eq!(
        report,
        entry(&b, "report.xlsx"),
        "byte-identical from run to run"
    );
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(report)).expect("an xlsx");
    assert_eq!(
        book.sheet_names(),
        [
            "清单 manifest",
            "邮寄 mailing",
            "账龄 aging",
            "未发函 skipped"
        ]
    );
    let manifest = book
        .worksheet_range("清单 manifest")
        .expect("manifest sheet");
    let header = |range: &calamine::Range<Data>, column: &str| {
        (0..range.width())
            .find(|&c| {
                range
                    .get((0, c))
                    .is_some_and(|h| h.to_string().ends_with(&format!("\n{column}")))
            })
            .unwrap_or_else(|| panic!("no column {column}"))
    };
    assert_eq!(manifest.get((0, 0)), Some(&Data::String("编号\nid".into())));
    assert_eq!(
        manifest.get((1, header(&manifest, "id"))),
        Some(&Data::String("007".into()))
    );
    assert_eq!(
        manifest.get((1, header(&manifest, "outstanding"))),
        Some(&Data::Float(1234.5))
    );
    assert_eq!(
        manifest.get((1, header(&manifest, "pages"))),
        Some(&Data::Float(1.0))
    );
    match manifest.get((1, header(&manifest, "deadline"))) {
        // Excel's serial day: 2026-11-26 is 46352 days after 1899-12-30.
        Some(Data::DateTime(d)) => assert_eq!(d.as_f64(), 46352.0),
        other => panic!("deadline is not a date: {other:?}"),
    }
    let mailing = book.worksheet_range("邮寄 mailing").expect("mailing sheet");
    assert_eq!(
        mailing.get((1, header(&mailing, "postcode"))),
        Some(&Data::String("010010".into()))
    );
    let aging = book.worksheet_range("账龄 aging").expect("aging sheet");
    let last = aging.height() - 1;
    assert_eq!(aging.get((last, 0)), Some(&Data::String("total".into())));
    assert_eq!(
        aging.get((last, header(&aging, "outstanding"))),
        Some(&Data::Float(1234.5))
    );
    let skipped = book
        .worksheet_range("未发函 skipped")
        .expect("skipped sheet");
    assert_eq!(skipped.get((1, 0)), Some(&Data::String("HT-2".into())));
}

/// A problem names the column as the clerk's file does (SPEC 10): 到期日, not due_date —
/// also one found after loading, when the fees are computed.
#[test]
fn problems_name_the_column_by_the_files_own_header() {
    let wd = Workdir::new();
    wd.write(
        "欠款.csv",
        "编号,姓名,称谓,应付金额,已付金额,到期日\n\
         HT-1,张三,先生,100,0,\n\
         HT-2,李四,女士,100,0,2026-13-01\n",
    );
    let run = wd
        .run(&["check", "欠款.csv", "--as-of", AS_OF])
        .must_fail(1);
    let out = run.stdout();
    for line in [
        "欠款.csv:2: 到期日: an item with an amount needs a due date",
        "欠款.csv:3: 到期日: \"2026-13-01\": month 13 does not exist",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} not in\n{out}");
    }
    // English headers stay as they are.
    wd.write("en.csv", "id,name,amount_due,due_date\nA1,张三,100,\n");
    let run = wd.run(&["check", "en.csv", "--as-of", AS_OF]).must_fail(1);
    assert!(
        run.stdout()
            .starts_with("en.csv:2: due_date: an item with an amount needs a due date\n"),
        "{}",
        run.stdout()
    );
}

/// SPEC 10: the tool's own words are Chinese when the locale is, English otherwise; the
/// `FILE:ROW: COLUMN:` shape is the same in both. The same bad file, both ways.
#[test]
fn messages_follow_the_locale_and_dunning_ui() {
    let wd = Workdir::new();
    wd.write(
        "欠款.csv",
        "编号,姓名,称谓,应付金额,到期日\nHT-1,,先生,100,2026-11-01\nHT-2,李四,女士,100,\n",
    );
    let locale = |lang: &'static str| {
        [
            ("DUNNING_UI", ""),
            ("LC_ALL", ""),
            ("LC_MESSAGES", ""),
            ("LANG", lang),
        ]
    };
    let check = ["check", "欠款.csv", "--as-of", AS_OF];
    let zh = wd.run_env(&check, &locale("zh_CN.UTF-8")).must_fail(1);
    assert_eq!(
        zh.stdout(),
        "欠款.csv:2: 姓名: 缺少债务人名称\n\
         欠款.csv:3: 到期日: 有金额的款项须填写到期日\n\
         1 个文件中发现 2 处问题；0 封函件可以生成\n"
    );
    let en = wd.run_env(&check, &locale("C")).must_fail(1);
    assert_eq!(
        en.stdout(),
        "欠款.csv:2: 姓名: the debtor's name is required\n\
         欠款.csv:3: 到期日: an item with an amount needs a due date\n\
         2 problems in 1 file; 0 letters ready\n"
    );
    // Errors and hints on stderr; DUNNING_UI beats the locale.
    let compute = ["compute", "nope.csv"];
    let zh = wd
        .run_env(&compute, &[("DUNNING_UI", "zh"), ("LANG", "C")])
        .must_fail(1);
    assert_eq!(
        zh.stderr(),
        "错误: nope.csv: 文件不存在\n\
         提示: 共发现 1 处问题，未生成任何文件。运行 `dunning check` 可列出全部问题。\n"
    );
    let en = wd
        .run_env(&compute, &[("DUNNING_UI", "en"), ("LANG", "zh_CN.UTF-8")])
        .must_fail(1);
    assert_eq!(
        en.stderr(),
        "error: nope.csv: no such file\n\
         hint: 1 problem found; nothing was written. `dunning check` lists them all.\n"
    );
    // A DUNNING_UI that is no language: a warning, and English.
    let fr = wd.run_env(&compute, &[("DUNNING_UI", "fr")]).must_fail(1);
    assert_eq!(
        fr.stderr().lines().next(),
        Some("warning: DUNNING_UI=fr is neither zh nor en: the messages are in English")
    );
    // Files stay the same whatever the language: rejects.csv is English.
    wd.write(
        "b.csv",
        "编号,姓名,称谓,应付金额,到期日\nHT-1,,先生,100,2026-11-01\nHT-2,李四,女士,100,2026-11-01\n",
    );
    let batch = [
        "batch",
        "b.csv",
        "--as-of",
        AS_OF,
        "--quiet",
        "--skip-invalid",
        "-o",
        "b.zip",
    ];
    let run = wd.run_env(&batch, &[("DUNNING_UI", "zh")]).must_fail(3);
    let stderr = run.stderr();
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].starts_with("已生成 b.zip：函件 1 封，共 1 页，打印文件 1 个；欠款合计 100.00")
    );
    assert_eq!(
        lines[1..],
        ["错误: 共 1 处问题，1 封函件未生成：详见压缩包内的 rejects.csv"]
    );
    let zip = wd.zip_entries("b.zip");
    let rejects = String::from_utf8(entry(&zip, "rejects.csv").to_vec()).unwrap();
    assert_eq!(
        rejects,
        "\u{feff}source,row,id,column,message\nb.csv,2,HT-1,姓名,the debtor's name is required\n"
    );
}

/// The commonest bad values, worded in Chinese: a date that does not exist, an amount with
/// fen of fen, a payment over what is due (pinned, as just pins its messages).
#[test]
fn bad_values_are_worded_in_chinese() {
    let wd = Workdir::new();
    wd.write(
        "欠款.csv",
        "编号,姓名,称谓,应付金额,已付金额,到期日\n\
         HT-2,李四,女士,1.234,0,2026/13/01\n\
         HT-3,王五,先生,100,200,2026-02-30\n",
    );
    let run = wd
        .run_env(
            &["check", "欠款.csv", "--as-of", AS_OF],
            &[("DUNNING_UI", "zh")],
        )
        .must_fail(1);
    assert_eq!(
        run.stdout(),
        "欠款.csv:2: 应付金额: \"1.234\": 小数超过两位（金额以元、分计）\n\
         欠款.csv:2: 到期日: \"2026/13/01\": 不存在 13 月\n\
         欠款.csv:3: 到期日: \"2026-02-30\": 2026-02 没有 30 日\n\
         欠款.csv:3: 已付金额: 已付 200.00 元，超过应付的 100.00 元\n\
         1 个文件中发现 4 处问题；0 封函件可以生成\n"
    );
}

/// A misspelt key in dunning.yaml names the key meant, and every bad value is named by its
/// key and line, in Chinese and in English (issue 15, item 9).
#[test]
fn config_mistakes_are_worded_in_chinese_and_english() {
    let wd = Workdir::new();
    wd.write(
        "欠款.csv",
        "编号,姓名,称谓,应付金额,到期日\nHT-1,张三,先生,100,2026-10-01\n",
    );
    wd.write(
        "dunning.yaml",
        "lang: zh\nfees:\n  rate: 0.0005\n  grace: 3\n",
    );
    let check = ["check", "欠款.csv", "--as-of", AS_OF];
    let zh = wd.run_env(&check, &[("DUNNING_UI", "zh")]).must_fail(1);
    assert_eq!(
        zh.stdout(),
        "dunning.yaml:4:3: 无法识别的键 `grace`，是否应为 `grace_days`？此处可用的键：\
         method、rate、day_count、grace_days、cap_percent、flat、tenor、multiplier、spread、\
         rate_at、rates\n\
         1 个文件中发现 1 处问题；1 封函件可以生成\n"
    );
    let en = wd.run(&check).must_fail(1);
    assert_eq!(
        en.stdout(),
        "dunning.yaml:4:3: unknown field `grace`, expected one of method, rate, day_count, \
         grace_days, cap_percent, flat, tenor, multiplier, spread, rate_at, rates \
         (did you mean `grace_days`?)\n\
         1 problem in 1 file; 1 letter ready\n"
    );

    wd.write(
        "dunning.yaml",
        "lang: fr\nfees:\n  day_count: 364\n  cap_percent: 120%\n\
         deadline: { workdays: 3, days: 4 }\ntimezone: Asia/Shangai\n",
    );
    let compute = ["compute", "欠款.csv", "--as-of", AS_OF];
    let zh = wd.run_env(&compute, &[("DUNNING_UI", "zh")]).must_fail(1);
    assert_eq!(
        zh.stderr(),
        "错误: dunning.yaml:1: lang: 无法识别的语言 \"fr\"（应为 zh 或 en）\n\
         错误: dunning.yaml:3: fees.day_count: 364 无效：一年只能按 365 天或 360 天计\n\
         错误: dunning.yaml:4: fees.cap_percent: \"120%\" 不是 0 至 100 之间的百分比\n\
         错误: dunning.yaml:5: deadline: workdays: N（工作日）与 days: N（自然日）须填写且只能填写一项\n\
         错误: dunning.yaml:6: timezone: 无法识别的时区 \"Asia/Shangai\"：应为 IANA 时区名，如 Asia/Shanghai\n\
         提示: 共发现 5 处问题，未生成任何文件。运行 `dunning check` 可列出全部问题。\n"
    );
    let en = wd.run(&compute).must_fail(1);
    assert_eq!(
        en.stderr(),
        "error: dunning.yaml:1: lang: unknown language \"fr\" (expected zh or en)\n\
         error: dunning.yaml:3: fees.day_count: 364 is not 365 or 360\n\
         error: dunning.yaml:4: fees.cap_percent: \"120%\" is not a percentage from 0 to 100\n\
         error: dunning.yaml:5: deadline: give exactly one of workdays: N or days: N\n\
         error: dunning.yaml:6: timezone: unknown time zone \"Asia/Shangai\": an IANA name such as Asia/Shanghai\n\
         hint: 5 problems found; nothing was written. `dunning check` lists them all.\n"
    );
}

/// A Tera syntax error in a template of `--templates` names the template, line and column
/// and shows the line; Tera's own words stay, inside our sentence. The same for a variable
/// the template names but the letter lacks, and for a filter given a name, not an amount.
#[test]
fn template_errors_name_template_line_and_column_in_both_languages() {
    let wd = Workdir::new();
    wd.write(
        "欠款.csv",
        "编号,姓名,称谓,应付金额,到期日\nHT-1,张三,先生,100,2026-10-01\n",
    );
    wd.write(
        "tpl/zh/demand.typ",
        "#let x = 1\n尊敬的{{ name }}：{% if fee %}违约金{% endiff %}\n",
    );
    let check = ["check", "欠款.csv", "--as-of", AS_OF, "--templates", "tpl"];
    let zh = wd.run_env(&check, &[("DUNNING_UI", "zh")]).must_fail(1);
    assert_eq!(
        zh.stdout(),
        "tpl/zh/demand.typ:2:38: 模板语法有误：expected `%}` or `-%}`\n\
         \x20   | 尊敬的{{ name }}：{% if fee %}违约金{% endiff %}\n\
         1 个文件中发现 1 处问题；1 封函件可以生成\n"
    );
    let en = wd.run(&check).must_fail(1);
    assert_eq!(
        en.stdout(),
        "tpl/zh/demand.typ:2:38: expected `%}` or `-%}`\n\
         \x20   | 尊敬的{{ name }}：{% if fee %}违约金{% endiff %}\n\
         1 problem in 1 file; 1 letter ready\n"
    );

    wd.write("tpl/zh/demand.typ", "#let x = 1\n尊敬的{{ nam }}：\n");
    let batch = [
        "batch",
        "欠款.csv",
        "--as-of",
        AS_OF,
        "--templates",
        "tpl",
        "-o",
        "b.zip",
    ];
    let zh = wd.run_env(&batch, &[("DUNNING_UI", "zh")]).must_fail(1);
    assert_eq!(
        zh.stderr(),
        "错误: tpl/zh/demand.typ:2:7: 模板填充出错：Failed to render 'zh/demand.typ': \
         Variable `nam` not found in context while rendering 'zh/demand.typ'\n\
         \x20   | 尊敬的{{ nam }}：\n\
         提示: 共发现 1 处问题，未生成任何文件。运行 `dunning check` 可列出全部问题。\n"
    );
    let en = wd.run(&batch).must_fail(1);
    assert_eq!(
        en.stderr(),
        "error: tpl/zh/demand.typ:2:7: Failed to render 'zh/demand.typ': \
         Variable `nam` not found in context while rendering 'zh/demand.typ'\n\
         \x20   | 尊敬的{{ nam }}：\n\
         hint: 1 problem found; nothing was written. `dunning check` lists them all.\n"
    );
    assert!(!wd.exists("b.zip"));

    // A filter's reason is ours: in the run's language, inside Tera's words.
    wd.write(
        "tpl/zh/demand.typ",
        "#let x = 1\n尊敬的{{ name | money }}：\n",
    );
    let zh = wd.run_env(&batch, &[("DUNNING_UI", "zh")]).must_fail(1);
    assert_eq!(
        zh.first_error(),
        "错误: tpl/zh/demand.typ: 模板填充出错：Failed to render 'zh/demand.typ': \
         Filter call 'money' failed: 应为金额，实为 \"张三\""
    );
    let en = wd.run(&batch).must_fail(1);
    assert_eq!(
        en.first_error(),
        "error: tpl/zh/demand.typ: Failed to render 'zh/demand.typ': \
         Filter call 'money' failed: expected an amount, got \"张三\""
    );
}

/// A spreadsheet's typed cells that cannot stand in their column — a TRUE/FALSE cell as a
/// name, a formula error as an amount, a number as a date — worded in both languages, the
/// column named by its letter and header.
#[test]
fn typed_cells_of_a_sheet_are_worded_in_both_languages() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("欠款").unwrap();
    for (c, h) in ["编号", "姓名", "应付金额", "到期日"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "HT-1").unwrap();
    ws.write_boolean(1, 1, true).unwrap();
    ws.write_formula(
        1,
        2,
        rust_xlsxwriter::Formula::new("=NA()").set_result("#N/A"),
    )
    .unwrap();
    ws.write_number(1, 3, 46348.0).unwrap();
    let wd = Workdir::new();
    wd.write("欠款.xlsx", wb.save_to_buffer().unwrap());
    let check = ["check", "欠款.xlsx", "--as-of", AS_OF];
    let zh = wd.run_env(&check, &[("DUNNING_UI", "zh")]).must_fail(1);
    assert_eq!(
        zh.stdout(),
        "欠款.xlsx[欠款]:2: B (姓名): TRUE：是逻辑值（TRUE/FALSE）单元格，不能用于此列\n\
         欠款.xlsx[欠款]:2: C (应付金额): #N/A：公式出错；请修正公式或直接填写数值\n\
         欠款.xlsx[欠款]:2: D (到期日): 46348：是数字，不是日期；请将单元格格式设为日期，或填写 2026-11-22\n\
         1 个文件中发现 3 处问题；0 封函件可以生成\n"
    );
    let en = wd.run(&check).must_fail(1);
    assert_eq!(
        en.stdout(),
        "欠款.xlsx[欠款]:2: B (姓名): TRUE: a TRUE/FALSE cell, not a value for this column\n\
         欠款.xlsx[欠款]:2: C (应付金额): #N/A: a formula error; fix the formula or type the value\n\
         欠款.xlsx[欠款]:2: D (到期日): 46348: a number, not a date; format the cell as a date, or type 2026-11-22\n\
         3 problems in 1 file; 0 letters ready\n"
    );
}

/// Who gets no letter, and why, on the terminal in the run's language; skipped.csv in the
/// zip stays English byte for byte (hold, the ladder's minimum, no ladder rule, history).
#[test]
fn skip_reasons_on_the_terminal_follow_the_language_and_skipped_csv_stays_english() {
    let wd = Workdir::new();
    wd.write(
        "dunning.yaml",
        "ladder:\n  - { from: 0, to: 30, kind: reminder }\n  - { from: 31, to: 90, kind: demand, min_amount: 500 }\n",
    );
    wd.write(
        "欠款.csv",
        "编号,姓名,称谓,应付金额,到期日,暂停催收\n\
         HT-1,张三,先生,1000,2026-10-01,\n\
         HT-2,李四,女士,100,2026-10-01,是\n\
         HT-3,王五,先生,100,2026-10-01,\n\
         HT-4,赵六,先生,100,2025-01-01,\n",
    );
    wd.write("sent.csv", "id,kind,as_of\nHT-1,demand,2026-11-20\n");
    let compute = [
        "compute",
        "欠款.csv",
        "--as-of",
        AS_OF,
        "--auto",
        "--history",
        "sent.csv",
        "--format",
        "csv",
    ];
    let zh = wd.run_env(&compute, &[("DUNNING_UI", "zh")]).must_succeed();
    assert_eq!(
        zh.stderr(),
        "未发函: HT-1: 已发过：demand 已于 2026-11-20 发出（3 天前，发函间隔 ladder_interval 为 14 天）；如需再次发出，请加 --force\n\
         未发函: HT-2: 暂停：此行设有催收暂停标记\n\
         未发函: HT-3: 欠款 100.00 元，低于催收阶梯第2级的最低金额 min_amount 500.00 元\n\
         未发函: HT-4: 逾期 691 天，催收阶梯中没有适用的规则\n"
    );
    let en = wd.run(&compute).must_succeed();
    assert_eq!(
        en.stderr(),
        "skipped: HT-1: already sent: demand on 2026-11-20 (3 days ago, ladder_interval 14); --force sends it again\n\
         skipped: HT-2: hold: dunning block on this row\n\
         skipped: HT-3: outstanding 100.00 is below min_amount 500.00 of ladder step 2\n\
         skipped: HT-4: no ladder rule for 691 days overdue\n"
    );
    let batch = [
        "batch",
        "欠款.csv",
        "--as-of",
        AS_OF,
        "--auto",
        "--history",
        "sent.csv",
        "--quiet",
        "-o",
        "b.zip",
    ];
    let run = wd.run_env(&batch, &[("DUNNING_UI", "zh")]).must_succeed();
    assert!(
        run.stderr().ends_with(
            "4 位债务人本次未发函（冻结、催收阶梯或已发过）：详见压缩包内的 skipped.csv\n"
        ),
        "{}",
        run.stderr()
    );
    let zip = wd.zip_entries("b.zip");
    assert_eq!(
        String::from_utf8(entry(&zip, "skipped.csv").to_vec()).unwrap(),
        "\u{feff}id,name,kind,days_overdue,outstanding,reason\n\
         HT-1,张三,demand,53,1000.00,\"already sent: demand on 2026-11-20 (3 days ago, ladder_interval 14); --force sends it again\"\n\
         HT-2,李四,demand,53,100.00,hold: dunning block on this row\n\
         HT-3,王五,demand,53,100.00,outstanding 100.00 is below min_amount 500.00 of ladder step 2\n\
         HT-4,赵六,,691,100.00,no ladder rule for 691 days overdue\n"
    );
}

/// `send`'s own words about the connection in the run's language: a URL that would send
/// in clear text (exit 2), a server nobody listens on (exit 4); the system's reason stays.
#[test]
fn send_speaks_of_the_connection_in_the_runs_language() {
    let wd = Workdir::new();
    wd.write(
        "dunning.yaml",
        "sender: { name: 某某公司, email: fin@example.cn }\n",
    );
    wd.write(
        "m.csv",
        "编号,姓名,称谓,应付金额,到期日,邮箱\nHT-1,张三,先生,1000,2026-10-01,zs@example.cn\n",
    );
    wd.run(&["batch", "m.csv", "--as-of", AS_OF, "--quiet", "-o", "m.zip"])
        .must_succeed();
    let clear = ["send", "m.zip", "--smtp", "smtp://mail.example.cn?tls=none"];
    let zh = wd.run_env(&clear, &[("DUNNING_UI", "zh")]).must_fail(2);
    assert_eq!(
        zh.stderr(),
        "错误: --smtp smtp://mail.example.cn?tls=none：tls=none 以明文发送，仅限本机中继\
         （localhost、127.0.0.1、::1）使用，不能用于 mail.example.cn\n"
    );
    let en = wd.run(&clear).must_fail(2);
    assert_eq!(
        en.stderr(),
        "error: --smtp smtp://mail.example.cn?tls=none: tls=none sends in clear text: only for \
         a relay on this machine (localhost, 127.0.0.1, ::1), not mail.example.cn\n"
    );
    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("smtp://127.0.0.1:{port}?tls=none");
    let unreachable = ["send", "m.zip", "--smtp", &url, "--quiet"];
    let zh = wd
        .run_env(&unreachable, &[("DUNNING_UI", "zh")])
        .must_fail(4);
    let lines: Vec<String> = zh.stderr().lines().map(String::from).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[1].starts_with(&format!(
            "错误: 无法连接邮件服务器 smtp://127.0.0.1:{port}："
        )),
        "{lines:?}"
    );
    assert_eq!(lines[2], "提示: 未发送任何邮件");
    let en = wd.run(&unreachable).must_fail(4);
    assert!(
        en.stderr().contains(&format!(
            "\nerror: cannot connect to smtp://127.0.0.1:{port}: "
        )),
        "{}",
        en.stderr()
    );
}

/// `templates list` describes the templates in the run's language; the kinds stay the names
/// scripts and the `kind` column use.
#[test]
fn templates_list_speaks_the_runs_language() {
    let wd = Workdir::new();
    let zh = wd
        .run_env(&["templates", "list"], &[("DUNNING_UI", "zh")])
        .must_succeed();
    let out = zh.stdout();
    let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    assert!(
        lines[0].starts_with("类型") && lines[0].contains("说明"),
        "{lines:?}"
    );
    let demand = lines.iter().find(|l| l.starts_with("demand ")).unwrap();
    assert!(
        demand.ends_with("催款函：欠付金额、违约金及每日增加额、付款期限、逾期后果"),
        "{demand}"
    );
    assert!(lines.iter().any(|l| l.starts_with("mail ")
        && l.ends_with("每封函件一封电子邮件（dunning send）：首行为主题，其后为正文，附 PDF")));
    let en = wd.run(&["templates", "list"]).must_succeed();
    assert!(en.stdout().starts_with("kind "), "{}", en.stdout());
    assert!(en.stdout().contains(
        "payment demand 催款函: what is owed, the late fee and its daily increase, deadline, consequence"
    ));
}
