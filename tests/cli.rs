//! End-to-end tests of the `dunning` binary (SPEC 2, 3, 5, 7), in the style of xsv/just:
//! every test gets a fresh temporary directory, writes its input there, runs the real binary
//! with that directory as the working directory and compares what it prints.
//!
//! Unless a test says otherwise the figures use the built-in defaults of SPEC 4:
//! `fees: { method: daily, rate: 0.0005, grace_days: 0 }`, `deadline: { workdays: 3 }`,
//! `calendar: cn`, `aging: [30, 60, 90, 180]`.

mod common;

use common::*;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

// ---------------------------------------------------------------------------------------
// Fixture (the shared part is in `common`)
// ---------------------------------------------------------------------------------------

impl Workdir {
    /// `compute ARGS --format json`, which must succeed; stdout parsed as JSON.
    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["compute"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        self.run(&all).must_succeed().json()
    }
}

impl Run {
    /// A failed `compute`: exit 1, nothing at all on stdout.
    fn must_reject(self) -> Run {
        let run = self.must_fail(1);
        assert_eq!(
            run.stdout(),
            "",
            "stdout must stay empty\n{}",
            run.describe()
        );
        run
    }
}

const HEADER: &str = "id,name,item,amount_due,amount_paid,due_date\n";

/// `compute FILE --as-of 2026-11-23` must fail with exit 1, stdout empty, and the first line
/// of stderr exactly `first_line`.
fn assert_rejected(file: &str, content: impl AsRef<[u8]>, first_line: &str) -> Run {
    let wd = Workdir::new();
    wd.write(file, content);
    let run = wd
        .run(&["compute", file, "--as-of", "2026-11-23"])
        .must_reject();
    assert_eq!(run.first_error(), first_line, "{}", run.describe());
    run
}

fn letter_ids(letters: &Value) -> Vec<&str> {
    letters
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|l| l["id"].as_str().expect("id is a string"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// 1. compute --format json
// ---------------------------------------------------------------------------------------

/// as_of 2026-11-23 is a Monday; no holiday until 元旦, so the deadline (3rd working day
/// after as_of) is Thu 2026-11-26 for every letter.
///
/// - A1 1409.50 due on as_of: 0 days, no fee; daily_increment 0.00 (SPEC 5: 0 days is within
///   a grace period of 0 days, so the item adds nothing yet).
/// - B2 ¥6007.14 (amount_paid empty = 0) due 2026/11/23: no fee, no increment.
/// - C3 16409.02 due 2026-09-30: 54 days (Oct 31 + Nov 23), bucket 31-60;
///   fee 16409.02×0.0005×54 = 443.04354 → 443.04; total 16852.06; increment 8.20451 → 8.20.
/// - D4 10 due 2026年11月23日: no fee; no increment either.
/// - E5 1010 due 2026.11.22: 1 day, fee 1010×0.0005×1 = 0.505 → 0.51 (half away from
///   zero, banker's rounding would give 0.50); total 1010.51.
///
/// limitation_date (SPEC 5): three years from the day after the due date, moved to the next
/// working day (2029 is not in the built-in calendar: Monday–Friday): due 11-23 → 2029-11-24,
/// a Saturday → 2029-11-26; due 09-30 → 2029-10-01 (Mon); due 11-22 → 2029-11-23 (Fri).
#[test]
fn compute_json_has_the_spec_keys_and_hand_computed_figures() {
    let wd = Workdir::new();
    wd.write(
        "debtors.csv",
        "id,name,item,amount_due,amount_paid,due_date\n\
         A1,张三,第一期房款,\"1,409.50\",0,2026-11-23\n\
         B2,李四,货款,¥6007.14,,2026/11/23\n\
         C3,王五,第二期房款,16409.02,0,2026-09-30\n\
         D4,赵六,管理费,10,0,2026年11月23日\n\
         E5,钱七,维修费,1010,0,2026.11.22\n",
    );
    let got = wd.json(&["debtors.csv", "--as-of", "2026-11-23"]);
    let letter = |id: &str,
                  name: &str,
                  days: i64,
                  bucket: &str,
                  (outstanding, fee, total, inc): (&str, &str, &str, &str),
                  (ow, tw): (&str, &str),
                  (item, due, periods, lim): (&str, &str, Value, &str)| {
        json!({
            "id": id, "kind": "demand", "lang": "zh", "name": name, "as_of": "2026-11-23",
            "days_overdue": days, "bucket": bucket, "outstanding": outstanding, "fee": fee,
            "flat": "0.00", "total": total, "daily_increment": inc, "deadline": "2026-11-26",
            "outstanding_words": ow, "total_words": tw, "limitation_date": lim,
            "items": [{
                "item": item, "due_date": due, "days_overdue": days, "amount_due": outstanding,
                "paid": "0.00", "outstanding": outstanding, "fee": fee, "periods": periods,
                "limitation_date": lim,
            }],
        })
    };
    let expected = json!([
        letter(
            "A1",
            "张三",
            0,
            "0-30",
            ("1409.50", "0.00", "1409.50", "0.00"),
            ("壹仟肆佰零玖元伍角", "壹仟肆佰零玖元伍角"),
            ("第一期房款", "2026-11-23", json!([]), "2029-11-26"),
        ),
        letter(
            "B2",
            "李四",
            0,
            "0-30",
            ("6007.14", "0.00", "6007.14", "0.00"),
            ("陆仟零柒元壹角肆分", "陆仟零柒元壹角肆分"),
            ("货款", "2026-11-23", json!([]), "2029-11-26"),
        ),
        letter(
            "C3",
            "王五",
            54,
            "31-60",
            ("16409.02", "443.04", "16852.06", "8.20"),
            ("壹万陆仟肆佰零玖元零贰分", "壹万陆仟捌佰伍拾贰元零陆分"),
            (
                "第二期房款",
                "2026-09-30",
                // SPEC 7: the one part the fee accrued in, 10-01 through 11-23.
                json!([{"from": "2026-10-01", "to": "2026-11-23", "days": 54,
                        "balance": "16409.02", "rate": "0.0005", "amount": "443.04"}]),
                "2029-10-01",
            ),
        ),
        letter(
            "D4",
            "赵六",
            0,
            "0-30",
            ("10.00", "0.00", "10.00", "0.00"),
            ("壹拾元整", "壹拾元整"),
            ("管理费", "2026-11-23", json!([]), "2029-11-26"),
        ),
        letter(
            "E5",
            "钱七",
            1,
            "0-30",
            ("1010.00", "0.51", "1010.51", "0.51"),
            ("壹仟零壹拾元整", "壹仟零壹拾元伍角壹分"),
            (
                "维修费",
                "2026-11-22",
                json!([{"from": "2026-11-23", "to": "2026-11-23", "days": 1,
                        "balance": "1010.00", "rate": "0.0005", "amount": "0.51"}]),
                "2029-11-23",
            ),
        ),
    ]);
    assert_eq!(got, expected);

    // Exactly the SPEC 7 keys, in the SPEC's order.
    let raw = wd
        .run(&[
            "compute",
            "debtors.csv",
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
        ])
        .must_succeed()
        .stdout();
    let keys = [
        "id",
        "kind",
        "lang",
        "name",
        "as_of",
        "days_overdue",
        "bucket",
        "outstanding",
        "fee",
        "flat",
        "total",
        "daily_increment",
        "deadline",
        "outstanding_words",
        "total_words",
        "limitation_date",
        "items",
    ];
    let first = &raw[..raw.find("\"items\":").expect("items key") + 8];
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| {
            first
                .find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("key {k} missing"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "keys out of SPEC order: {first}"
    );
}

/// A letter whose rows give a per-row daily_rate and grace_days (SPEC 3 overrides).
/// 1000 due 2026-11-13, as_of 2026-11-23: 10 days.
/// - R1 daily_rate 0.001: 1000×0.001×10 = 10.00; increment 1.00.
/// - R2 grace_days 10: 10 days is not more than 10 → no fee, and no daily increase either
///   (SPEC 5: an item still within its grace period adds nothing).
/// - R3 grace_days 9: 10 > 9 → fee for all 10 days, 1000×0.0005×10 = 5.00.
#[test]
fn per_row_daily_rate_and_grace_days_override_the_policy() {
    let wd = Workdir::new();
    wd.write(
        "r.csv",
        "id,name,amount_due,due_date,daily_rate,grace_days\n\
         R1,甲,1000,2026-11-13,0.001,\n\
         R2,乙,1000,2026-11-13,,10\n\
         R3,丙,1000,2026-11-13,,9\n",
    );
    let got = wd.json(&["r.csv", "--as-of", "2026-11-23"]);
    let figures: Vec<(&str, &str, &str)> = got
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["fee"].as_str().unwrap(),
                l["total"].as_str().unwrap(),
                l["daily_increment"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            ("10.00", "1010.00", "1.00"),
            ("0.00", "1000.00", "0.00"),
            ("5.00", "1005.00", "0.50"),
        ]
    );
}

/// Config `fees:` with `flat`, `cap_percent` and the annual method.
/// 10000 due 2026-05-27, as_of 2026-11-23: 180 days.
/// - annual 0.0365 / 365: 10000×0.0365×180/365 = 180.00 — under a 5% cap (500.00).
/// - flat 50 once per letter: total 10000 + 180 + 50 = 10230.00.
/// - the second letter, 1000 due the same day: 1000×0.0365×180/365 = 18.00,
///   over its 1% cap (10.00) → 10.00, and a capped item adds nothing to daily_increment.
#[test]
fn config_fees_flat_cap_and_annual_method() {
    let wd = Workdir::new();
    wd.write(
        "dunning.yaml",
        "fees:\n  method: annual\n  rate: 0.0365\n  day_count: 365\n  flat: 50\n  cap_percent: 1\n",
    );
    wd.write(
        "a.csv",
        "id,name,amount_due,due_date\nBIG,甲,10000,2026-05-27\nSMALL,乙,1000,2026-05-27\n",
    );
    let got = wd.json(&["a.csv", "--as-of", "2026-11-23"]);
    // The big letter's fee is capped at 1% of 10000 = 100.00 as well; show both.
    assert_eq!(got[0]["days_overdue"], json!(180));
    assert_eq!(got[0]["fee"], json!("100.00"));
    assert_eq!(got[0]["flat"], json!("50.00"));
    assert_eq!(got[0]["total"], json!("10150.00"));
    assert_eq!(got[0]["daily_increment"], json!("0.00"));
    assert_eq!(got[1]["fee"], json!("10.00"));
    assert_eq!(got[1]["total"], json!("1060.00"));

    // Raise the cap above the fee: 180.00 uncapped; increment 10000×0.0365/365 = 1.00.
    wd.write(
        "dunning.yaml",
        "fees:\n  method: annual\n  rate: 0.0365\n  day_count: 365\n  flat: 50\n  cap_percent: 5\n",
    );
    let got = wd.json(&["a.csv", "--as-of", "2026-11-23"]);
    assert_eq!(got[0]["fee"], json!("180.00"));
    assert_eq!(got[0]["total"], json!("10230.00"));
    assert_eq!(got[0]["daily_increment"], json!("1.00"));
    assert_eq!(got[0]["total_words"], json!("壹万零贰佰叁拾元整"));
}

// ---------------------------------------------------------------------------------------
// 2. Encodings and stdin
// ---------------------------------------------------------------------------------------

const CHINESE_CSV: &str = "编号,姓名,项目,应付金额,已付金额,到期日\n\
                           HT-1,张伟,第二期房款,\"16,409.02\",0,2026-09-30\n\
                           HT-2,王芳,物业费,10,0,2026-11-23\n";

/// What CHINESE_CSV computes to as of 2026-11-23 (see the first test for HT-1's figures).
fn chinese_expected() -> Value {
    json!([
        {
            "id": "HT-1", "kind": "demand", "lang": "zh", "name": "张伟", "as_of": "2026-11-23",
            "days_overdue": 54, "bucket": "31-60", "outstanding": "16409.02", "fee": "443.04",
            "flat": "0.00", "total": "16852.06", "daily_increment": "8.20",
            "deadline": "2026-11-26", "outstanding_words": "壹万陆仟肆佰零玖元零贰分",
            "total_words": "壹万陆仟捌佰伍拾贰元零陆分", "limitation_date": "2029-10-01",
            "items": [{
                "item": "第二期房款", "due_date": "2026-09-30", "days_overdue": 54,
                "amount_due": "16409.02", "paid": "0.00", "outstanding": "16409.02",
                "fee": "443.04", "limitation_date": "2029-10-01",
                "periods": [{"from": "2026-10-01", "to": "2026-11-23", "days": 54,
                             "balance": "16409.02", "rate": "0.0005", "amount": "443.04"}],
            }],
        },
        {
            "id": "HT-2", "kind": "demand", "lang": "zh", "name": "王芳", "as_of": "2026-11-23",
            "days_overdue": 0, "bucket": "0-30", "outstanding": "10.00", "fee": "0.00",
            "flat": "0.00", "total": "10.00", "daily_increment": "0.00",
            "deadline": "2026-11-26", "outstanding_words": "壹拾元整", "total_words": "壹拾元整",
            "limitation_date": "2029-11-26",
            "items": [{
                "item": "物业费", "due_date": "2026-11-23", "days_overdue": 0,
                "amount_due": "10.00", "paid": "0.00", "outstanding": "10.00", "fee": "0.00",
                "limitation_date": "2029-11-26",
                "periods": [],
            }],
        },
    ])
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "fixture must be encodable in GBK");
    bytes.into_owned()
}

#[test]
fn utf8_bom_and_gbk_with_chinese_headers_give_identical_json() {
    let wd = Workdir::new();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(CHINESE_CSV.as_bytes());
    let gbk_bytes = gbk(CHINESE_CSV);
    assert!(std::str::from_utf8(&gbk_bytes).is_err(), "really GBK");
    wd.write("utf8.csv", CHINESE_CSV)
        .write("bom.csv", &bom)
        .write("gbk.csv", &gbk_bytes);
    let expected = chinese_expected();
    for file in ["utf8.csv", "bom.csv", "gbk.csv"] {
        assert_eq!(
            wd.json(&[file, "--as-of", "2026-11-23"]),
            expected,
            "{file}"
        );
    }
    // Forcing the right encoding changes nothing.
    assert_eq!(
        wd.json(&["gbk.csv", "--as-of", "2026-11-23", "--encoding", "gbk"]),
        expected
    );
    assert_eq!(
        wd.json(&["bom.csv", "--as-of", "2026-11-23", "--encoding", "utf-8"]),
        expected
    );
}

#[test]
fn forcing_utf8_on_a_gbk_file_fails() {
    let wd = Workdir::new();
    wd.write("gbk.csv", gbk(CHINESE_CSV));
    let run = wd
        .run(&[
            "compute",
            "gbk.csv",
            "--as-of",
            "2026-11-23",
            "--encoding",
            "utf-8",
        ])
        .must_reject();
    // The header (line 1) is the first Chinese text.
    assert_eq!(
        run.stderr(),
        "error: gbk.csv:1: not valid UTF-8 (try --encoding gbk)\n\
         hint: 1 problem found; nothing was written. `dunning check` lists them all.\n"
    );
}

#[test]
fn dash_reads_csv_from_stdin_in_utf8_and_gbk() {
    let wd = Workdir::new();
    let args = ["compute", "-", "--as-of", "2026-11-23", "--format", "json"];
    let run = wd.run_stdin(&args, CHINESE_CSV.as_bytes()).must_succeed();
    assert_eq!(run.json(), chinese_expected());
    let run = wd.run_stdin(&args, &gbk(CHINESE_CSV)).must_succeed();
    assert_eq!(run.json(), chinese_expected());
}

#[test]
fn problems_on_stdin_are_reported_as_dash() {
    let wd = Workdir::new();
    let input = format!("{HEADER}A1,张三,x,10,0,2026-11-01\nA2,,y,10,0,2026-11-01\n");
    let run = wd
        .run_stdin(&["compute", "-", "--as-of", "2026-11-23"], input.as_bytes())
        .must_reject();
    assert_eq!(
        run.first_error(),
        "error: -:3: name: the debtor's name is required"
    );
}

// ---------------------------------------------------------------------------------------
// 3. YAML, several files, several rows per id, config columns
// ---------------------------------------------------------------------------------------

/// as_of Fri 2026-11-20 → deadline Wed 2026-11-25 (Mon 23, Tue 24, Wed 25).
///
/// Y1: 10,000.00 due 2026-10-01, paid 4000 on 2026-10-21; 50 days overdue.
///   Oct 01 → Oct 21: 20 days on 10000: 10000×0.0005×20 = 100.00
///   Oct 21 → Nov 20: 30 days on  6000:  6000×0.0005×30 =  90.00
///   fee 190.00, outstanding 6000.00, total 6190.00, increment 6000×0.0005 = 3.00.
#[test]
fn yaml_list_with_a_payment_that_splits_the_fee_period() {
    let wd = Workdir::new();
    wd.write(
        "d.yaml",
        "- id: Y1\n  \
           name: 孙八\n  \
           item: 工程款\n  \
           amount_due: \"10,000.00\"\n  \
           due_date: 2026-10-01\n  \
           payments:\n    \
             - { date: 2026-10-21, amount: 4000 }\n",
    );
    let got = wd.json(&["d.yaml", "--as-of", "2026-11-20"]);
    assert_eq!(
        got,
        json!([{
            "id": "Y1", "kind": "demand", "lang": "zh", "name": "孙八", "as_of": "2026-11-20",
            "days_overdue": 50, "bucket": "31-60", "outstanding": "6000.00", "fee": "190.00",
            "flat": "0.00", "total": "6190.00", "daily_increment": "3.00",
            "deadline": "2026-11-25", "outstanding_words": "陆仟元整",
            "total_words": "陆仟壹佰玖拾元整",
            // The payment of 2026-10-21 restarted the period: 2029-10-21 is a Sunday.
            "limitation_date": "2029-10-22",
            "items": [{
                "item": "工程款", "due_date": "2026-10-01", "days_overdue": 50,
                "amount_due": "10000.00", "paid": "4000.00", "outstanding": "6000.00",
                "fee": "190.00", "limitation_date": "2029-10-22",
                // Split at the payment: 20 days on 10,000, then 30 days on 6,000.
                "periods": [
                    {"from": "2026-10-02", "to": "2026-10-21", "days": 20,
                     "balance": "10000.00", "rate": "0.0005", "amount": "100.00"},
                    {"from": "2026-10-22", "to": "2026-11-20", "days": 30,
                     "balance": "6000.00", "rate": "0.0005", "amount": "90.00"},
                ],
            }],
        }])
    );
}

/// `debtors:` form with `items:` and `payments:`; the payment goes to the oldest item.
/// as_of 2026-11-20.
/// - 第一批 10000 due 2026-10-01, takes the 4000 of 2026-10-21: fee 190.00 (as above).
/// - 第二批 2,000.00 due 2026-11-01: 19 days × 2000 × 0.0005 = 19.00.
///   Letter: outstanding 8000.00, fee 209.00, total 8209.00, increment 8000×0.0005 = 4.00,
///   days_overdue = max(50, 19) = 50.
/// - Y3: a payment on or before the due date reduces the balance from the start:
///   10000 due 2026-10-01, 4000 paid 2026-09-15 → 6000×0.0005×50 = 150.00.
#[test]
fn yaml_debtors_form_with_items_and_payments() {
    let wd = Workdir::new();
    wd.write(
        "d.yml",
        "debtors:\n\
         \x20 - id: Y2\n\
         \x20   name: 某某有限公司\n\
         \x20   items:\n\
         \x20     - { item: 第一批, amount_due: 10000, due_date: 2026-10-01 }\n\
         \x20     - { item: 第二批, amount_due: \"2,000.00\", due_date: 2026/11/01 }\n\
         \x20   payments:\n\
         \x20     - date: 2026-10-21\n\
         \x20       amount: 4000\n\
         \x20 - id: Y3\n\
         \x20   name: 周九\n\
         \x20   items:\n\
         \x20     - { item: 首付款, amount_due: 10000, due_date: 2026-10-01 }\n\
         \x20   payments:\n\
         \x20     - { date: 2026-09-15, amount: 4000 }\n",
    );
    let got = wd.json(&["d.yml", "--as-of", "2026-11-20"]);
    assert_eq!(letter_ids(&got), ["Y2", "Y3"]);
    let y2 = &got[0];
    assert_eq!(y2["days_overdue"], json!(50));
    assert_eq!(y2["outstanding"], json!("8000.00"));
    assert_eq!(y2["fee"], json!("209.00"));
    assert_eq!(y2["total"], json!("8209.00"));
    assert_eq!(y2["daily_increment"], json!("4.00"));
    assert_eq!(y2["total_words"], json!("捌仟贰佰零玖元整"));
    assert_eq!(
        y2["items"],
        json!([
            {
                "item": "第一批", "due_date": "2026-10-01", "days_overdue": 50,
                "amount_due": "10000.00", "paid": "4000.00", "outstanding": "6000.00",
                "fee": "190.00", "limitation_date": "2029-10-22",
                "periods": [
                    {"from": "2026-10-02", "to": "2026-10-21", "days": 20,
                     "balance": "10000.00", "rate": "0.0005", "amount": "100.00"},
                    {"from": "2026-10-22", "to": "2026-11-20", "days": 30,
                     "balance": "6000.00", "rate": "0.0005", "amount": "90.00"},
                ],
            },
            {
                "item": "第二批", "due_date": "2026-11-01", "days_overdue": 19,
                "amount_due": "2000.00", "paid": "0.00", "outstanding": "2000.00",
                "fee": "19.00", "limitation_date": "2029-11-02",
                "periods": [{"from": "2026-11-02", "to": "2026-11-20", "days": 19,
                             "balance": "2000.00", "rate": "0.0005", "amount": "19.00"}],
            },
        ])
    );
    let y3 = &got[1];
    assert_eq!(y3["outstanding"], json!("6000.00"));
    assert_eq!(y3["fee"], json!("150.00"));
    assert_eq!(y3["total"], json!("6150.00"));
}

/// A payment dated after as_of is ignored, with a warning (SPEC 5).
#[test]
fn a_payment_after_as_of_is_ignored_with_a_warning() {
    let wd = Workdir::new();
    wd.write(
        "d.yaml",
        "- id: Y1\n  name: 孙八\n  amount_due: 1000\n  due_date: 2026-11-10\n  payments:\n    - { date: 2026-12-01, amount: 400 }\n",
    );
    let run = wd
        .run(&[
            "compute",
            "d.yaml",
            "--as-of",
            "2026-11-20",
            "--format",
            "json",
        ])
        .must_succeed();
    let got = run.json();
    // 10 days on the whole 1000: 1000×0.0005×10 = 5.00.
    assert_eq!(got[0]["outstanding"], json!("1000.00"));
    assert_eq!(got[0]["fee"], json!("5.00"));
    assert_eq!(
        run.stderr(),
        "warning: d.yaml:6: payments: payment of 400.00 on 2026-12-01 is after --as-of 2026-11-20: ignored\n"
    );
}

/// An item paid in full late still owes the fee it accrued (SPEC 5):
/// 1000 due 2026-10-01, paid in full 2026-10-11 → 10 days × 1000 × 0.0005 = 5.00;
/// nothing outstanding, so nothing added per further day.
#[test]
fn an_item_paid_in_full_late_still_owes_its_fee() {
    let wd = Workdir::new();
    wd.write(
        "p.yaml",
        "- id: P1\n  name: 郑一\n  amount_due: 1000\n  due_date: 2026-10-01\n  payments:\n    - { date: 2026-10-11, amount: 1000 }\n",
    );
    let got = wd.json(&["p.yaml", "--as-of", "2026-11-20"]);
    assert_eq!(got[0]["outstanding"], json!("0.00"));
    assert_eq!(got[0]["fee"], json!("5.00"));
    assert_eq!(got[0]["total"], json!("5.00"));
    assert_eq!(got[0]["daily_increment"], json!("0.00"));
    assert_eq!(got[0]["total_words"], json!("伍元整"));
    assert_eq!(got[0]["items"][0]["paid"], json!("1000.00"));
}

#[test]
fn a_payment_larger_than_what_is_owed_is_rejected() {
    let wd = Workdir::new();
    wd.write(
        "o.yaml",
        "- id: P1\n  name: 郑一\n  amount_due: 1000\n  due_date: 2026-10-01\n  payments:\n    - { date: 2026-10-11, amount: 1200 }\n",
    );
    let run = wd
        .run(&["compute", "o.yaml", "--as-of", "2026-11-20"])
        .must_reject();
    assert_eq!(
        run.first_error(),
        "error: o.yaml:6: payments: payment of 1200.00 on 2026-10-11 exceeds what is still owed by 200.00"
    );
}

/// Amount prefixes of SPEC 3, `--kind` for rows that name none, and English words for `en`.
#[test]
fn amount_prefixes_kind_flag_and_english_words() {
    let wd = Workdir::new();
    wd.write(
        "a.csv",
        "id,name,lang,kind,amount_due,due_date
         A1,x,zh,,RMB 10,2026-11-20
         A2,y,zh,demand,\"CNY1,000\",2026-11-20
         A3,z,zh,,￥ 5.5,2026-11-20
         E1,Acme Ltd,en,,\"16,409.02\",2026-11-20
",
    );
    let got = wd.json(&["a.csv", "--as-of", "2026-11-20", "--kind", "termination"]);
    let summary: Vec<(&str, &str, &str)> = got
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["kind"].as_str().unwrap(),
                l["outstanding"].as_str().unwrap(),
                l["outstanding_words"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("termination", "10.00", "壹拾元整"),
            ("demand", "1000.00", "壹仟元整"),
            ("termination", "5.50", "伍元伍角"),
            (
                "termination",
                "16409.02",
                "sixteen thousand four hundred and nine yuan and two fen"
            ),
        ]
    );
    assert_eq!(got[3]["lang"], json!("en"));
}

/// Several files (CSV then YAML) in one run: letters in input order; rows sharing an id in
/// the CSV form one letter with three items. as_of 2026-11-23.
/// M1:
///   12,000.00 − 5,000.00 = 7000 due 2026-08-15: 100 days, 7000×0.0005×100  = 350.00
///   6,007.14 due 2026-09-15: 69 days, 6007.14×0.0005×69 = 207.24633 → 207.25
///   1,409.50 due 2026-10-15: 39 days, 1409.50×0.0005×39 =  27.48525 →  27.49
///   outstanding 14416.64, fee 584.74, total 15001.38, increment 7.20832 → 7.21.
/// Y1 (YAML): 10 due on as_of → 10.00, no fee.
#[test]
fn several_files_and_rows_sharing_an_id() {
    let wd = Workdir::new();
    wd.write(
        "a.csv",
        "id,name,item,amount_due,amount_paid,due_date\n\
         M1,上海星辰贸易有限公司,发票 00012345,\"12,000.00\",\"5,000.00\",2026-08-15\n\
         M1,上海星辰贸易有限公司,发票 00012377,\"6,007.14\",0,2026-09-15\n\
         \n\
         M1,,发票 00012409,\"1,409.50\",0,2026-10-15\n",
    );
    wd.write(
        "b.yaml",
        "- { id: Y1, name: 吴十, amount_due: 10, due_date: 2026-11-23 }\n",
    );
    let got = wd.json(&["a.csv", "b.yaml", "--as-of", "2026-11-23"]);
    assert_eq!(letter_ids(&got), ["M1", "Y1"]);
    let m1 = &got[0];
    assert_eq!(m1["name"], json!("上海星辰贸易有限公司"));
    assert_eq!(m1["days_overdue"], json!(100));
    assert_eq!(m1["bucket"], json!("91-180"));
    assert_eq!(m1["outstanding"], json!("14416.64"));
    assert_eq!(m1["fee"], json!("584.74"));
    assert_eq!(m1["total"], json!("15001.38"));
    assert_eq!(m1["daily_increment"], json!("7.21"));
    assert_eq!(
        m1["outstanding_words"],
        json!("壹万肆仟肆佰壹拾陆元陆角肆分")
    );
    assert_eq!(m1["total_words"], json!("壹万伍仟零壹元叁角捌分"));
    let fees: Vec<&str> = m1["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fee"].as_str().unwrap())
        .collect();
    assert_eq!(fees, ["350.00", "207.25", "27.49"]);
    assert_eq!(m1["items"][0]["paid"], json!("5000.00"));
    assert_eq!(got[1]["total"], json!("10.00"));
    assert_eq!(got[1]["total_words"], json!("壹拾元整"));

    // The reverse order of files gives the reverse order of letters.
    let got = wd.json(&["b.yaml", "a.csv", "--as-of", "2026-11-23"]);
    assert_eq!(letter_ids(&got), ["Y1", "M1"]);
}

/// `columns:` in dunning.yaml maps custom headers; unknown headers pass through silently;
/// headers are matched after trimming spaces.
#[test]
fn config_columns_map_custom_headers_and_unknown_columns_pass_through() {
    let wd = Workdir::new();
    wd.write(
        "dunning.yaml",
        "columns:\n  客户全称: name\n  欠款: amount_due\n  最后期限: due_date\n",
    );
    wd.write(
        "x.csv",
        " 编号 ,客户全称, 欠款 ,最后期限,业务员,备注\nK1,深圳某某科技有限公司,\"1,409.50\",2026-11-23,小李,老客户\n",
    );
    let run = wd
        .run(&[
            "compute",
            "x.csv",
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
        ])
        .must_succeed();
    assert_eq!(run.stderr(), "");
    let got = run.json();
    assert_eq!(letter_ids(&got), ["K1"]);
    assert_eq!(got[0]["name"], json!("深圳某某科技有限公司"));
    assert_eq!(got[0]["outstanding"], json!("1409.50"));
    assert_eq!(got[0]["items"][0]["due_date"], json!("2026-11-23"));
    assert_eq!(got[0]["outstanding_words"], json!("壹仟肆佰零玖元伍角"));

    // Without the map the same file has no name or amount: it is rejected.
    wd.write("dunning.yaml", "lang: zh\n");
    wd.run(&["compute", "x.csv", "--as-of", "2026-11-23"])
        .must_reject();
}

// ---------------------------------------------------------------------------------------
// 4. Bad input: exit 1, nothing on stdout, the problem named on stderr
// ---------------------------------------------------------------------------------------

fn bad_row(row: &str) -> Vec<u8> {
    format!("{HEADER}A1,张三,货款,10,0,2026-11-01\n{row}\n").into_bytes()
}

#[test]
fn bad_date_month_13() {
    assert_rejected(
        "bad.csv",
        bad_row("A2,李四,货款,10,0,2026-13-01"),
        "error: bad.csv:3: due_date: \"2026-13-01\": month 13 does not exist",
    );
}

#[test]
fn bad_date_february_30() {
    assert_rejected(
        "bad.csv",
        bad_row("A2,李四,货款,10,0,2026/02/30"),
        "error: bad.csv:3: due_date: \"2026/02/30\": day 30 does not exist in 2026-02",
    );
}

#[test]
fn bad_date_not_a_date() {
    assert_rejected(
        "bad.csv",
        bad_row("A2,李四,货款,10,0,30.11.2026"),
        "error: bad.csv:3: due_date: \"30.11.2026\": not a date (expected e.g. 2026-11-22, 2026/11/22 or 2026年11月22日)",
    );
}

#[test]
fn bad_amount_three_decimals() {
    assert_rejected(
        "bad.csv",
        bad_row("A2,李四,货款,1.234,0,2026-11-01"),
        "error: bad.csv:3: amount_due: \"1.234\": more than two decimals (amounts are in yuan and fen)",
    );
}

#[test]
fn bad_amount_negative() {
    assert_rejected(
        "bad.csv",
        bad_row("A2,李四,货款,10,-5,2026-11-01"),
        "error: bad.csv:3: amount_paid: \"-5\": an amount cannot be negative",
    );
}

#[test]
fn bad_amount_garbled_grouping() {
    assert_rejected(
        "bad.csv",
        bad_row("A2,李四,货款,\"12,34.5.6\",0,2026-11-01"),
        "error: bad.csv:3: amount_due: \"12,34.5.6\": misplaced thousands separator ',' (expected e.g. 1,234.50)",
    );
}

#[test]
fn bad_amount_paid_more_than_due() {
    assert_rejected(
        "bad.csv",
        bad_row("A2,李四,货款,10,20,2026-11-01"),
        "error: bad.csv:3: amount_paid: 20.00 paid is more than the 10.00 due",
    );
}

#[test]
fn empty_id() {
    let run = assert_rejected(
        "bad.csv",
        bad_row(",李四,货款,10,0,2026-11-01"),
        "error: bad.csv:3: id: the id (case / account number) is required",
    );
    assert!(run.stderr().ends_with(
        "hint: 1 problem found; nothing was written. `dunning check` lists them all.\n"
    ));
}

#[test]
fn empty_name() {
    assert_rejected(
        "bad.csv",
        bad_row("A2,  ,货款,10,0,2026-11-01"),
        "error: bad.csv:3: name: the debtor's name is required",
    );
}

#[test]
fn unknown_kind() {
    assert_rejected(
        "bad.csv",
        "id,name,kind,amount_due,due_date\nA1,张三,demand,10,2026-11-01\nA2,李四,nag,10,2026-11-01\n",
        "error: bad.csv:3: kind: \"nag\": unknown letter kind \"nag\" (known: demand, mortgage-reminder, termination-mortgage, termination, fax-cover, reminder, statement, lawyer-letter)",
    );
}

#[test]
fn unknown_lang() {
    assert_rejected(
        "bad.csv",
        "id,name,lang,amount_due,due_date\nA1,张三,zh,10,2026-11-01\nA2,李四,fr,10,2026-11-01\n",
        "error: bad.csv:3: lang: \"fr\": unknown language \"fr\" (expected zh or en)",
    );
}

#[test]
fn missing_due_date() {
    assert_rejected(
        "bad.csv",
        bad_row("A2,李四,货款,10,0,"),
        "error: bad.csv:3: due_date: an item with an amount needs a due date",
    );
}

#[test]
fn missing_due_date_in_a_yaml_item() {
    assert_rejected(
        "bad.yaml",
        "- id: A1\n  name: 张三\n  items:\n    - { item: 货款, amount_due: 10, due_date: 2026-11-01 }\n    - { item: 尾款, amount_due: 5 }\n".as_bytes(),
        "error: bad.yaml:5: due_date: an item with an amount needs a due date",
    );
}

#[test]
fn bad_amount_in_a_yaml_item_names_its_line() {
    let wd = Workdir::new();
    wd.write(
        "bad.yaml",
        "debtors:\n  - id: A1\n    name: 张三\n    items:\n      - item: 货款\n        amount_due: 1.234\n        due_date: 2026-11-01\n",
    );
    let run = wd
        .run(&["compute", "bad.yaml", "--as-of", "2026-11-23"])
        .must_reject();
    let line = "error: bad.yaml:6: amount_due: \"1.234\": more than two decimals (amounts are in yuan and fen)";
    assert!(
        run.stderr().lines().any(|l| l == line),
        "{}",
        run.describe()
    );
}

#[test]
fn unparseable_yaml() {
    let run = assert_rejected(
        "bad.yaml",
        b"- id: A1\n  name: x\n bad: : :\n",
        "error: bad.yaml:3:2: while parsing a block collection, did not find expected '-' indicator",
    );
    assert_eq!(run.stderr().lines().count(), 2, "{}", run.stderr());
}

#[test]
fn yaml_with_an_unknown_top_level_key() {
    let wd = Workdir::new();
    wd.write("bad.yaml", "people:\n  - id: A1\n    name: x\n");
    let run = wd
        .run(&["compute", "bad.yaml", "--as-of", "2026-11-23"])
        .must_reject();
    let first = run.first_error();
    assert!(first.starts_with("error: bad.yaml:"), "{first}");
    assert!(
        first.contains("unknown top-level key `people` (expected `debtors:`)"),
        "{first}"
    );
}

#[test]
fn binary_file_named_csv() {
    // The start of a zip (an .xlsx renamed): local file header with NUL bytes.
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x21\x00[Content_Types].xml";
    assert_rejected(
        "book.csv",
        zip,
        "error: book.csv: not a text file (a NUL byte at offset 5); save the spreadsheet as CSV (UTF-8 or GBK)",
    );
}

#[test]
fn empty_file() {
    let run = assert_rejected("empty.csv", b"", "error: empty.csv: the file is empty");
    assert_eq!(run.stderr().lines().count(), 2);
}

#[test]
fn empty_yaml_file() {
    assert_rejected(
        "empty.yaml",
        b"# nothing yet\n",
        "error: empty.yaml: the file is empty",
    );
}

#[test]
fn header_only_file() {
    assert_rejected(
        "head.csv",
        HEADER.as_bytes(),
        "error: head.csv: the file has a header but no data rows",
    );
}

#[test]
fn missing_file() {
    let wd = Workdir::new();
    let run = wd
        .run(&["compute", "nope.csv", "--as-of", "2026-11-23"])
        .must_reject();
    assert_eq!(run.first_error(), "error: nope.csv: no such file");
}

/// One wording for every missing file the user named: data, config, template folder.
#[test]
fn a_missing_config_or_template_folder_is_worded_as_a_missing_file() {
    let wd = Workdir::new();
    wd.write("a.csv", format!("{HEADER}A1,张三,x,10,0,2026-11-01\n"));
    let run = wd
        .run(&["compute", "a.csv", "--config", "nope.yaml"])
        .must_fail(1);
    assert_eq!(run.first_error(), "error: nope.yaml: no such file");
    let run = wd
        .run(&["preview", "a.csv", "--id", "A1", "--templates", "tpl"])
        .must_fail(1);
    assert_eq!(run.first_error(), "error: tpl: no such file");
    wd.write("file.txt", "x");
    let run = wd
        .run(&["preview", "a.csv", "--id", "A1", "--templates", "file.txt"])
        .must_fail(1);
    assert_eq!(
        run.first_error(),
        "error: file.txt: not a folder of templates"
    );
}

/// `check` lists its problems and summary on stdout and adds nothing on stderr; its exit
/// code says there were problems even when the reader of stdout has gone away.
#[test]
fn check_reports_on_stdout_only_and_a_closed_pipe_keeps_exit_1() {
    let wd = Workdir::new();
    wd.write("bad.csv", format!("{HEADER}A1,,x,10,0,2026-11-01\n"));
    let run = wd.run(&["check", "bad.csv"]).must_fail(1);
    assert_eq!(run.stderr(), "");
    assert!(
        run.stdout()
            .ends_with("1 problem in 1 file; 0 letters ready\n")
    );
    // stdout closed before check writes: exit 1 all the same, no panic.
    let out = wd.run_closed_stdout(&["check", "bad.csv"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

/// `templates list | head -1`: the reader goes away; not a failure, not a panic.
#[test]
fn a_closed_pipe_is_not_a_failure() {
    let wd = Workdir::new();
    for args in [&["templates", "list"][..], &["man"][..]] {
        let out = wd.run_closed_stdout(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn rows_of_one_id_disagreeing_on_name_name_both_rows() {
    assert_rejected(
        "bad.csv",
        bad_row("A1,李四,尾款,5,0,2026-11-01"),
        "error: bad.csv:3: name: \"李四\" here but \"张三\" on bad.csv:2 (rows of one id must agree)",
    );
}

#[test]
fn a_bad_row_in_one_file_rejects_the_whole_run() {
    let wd = Workdir::new();
    wd.write("good.csv", bad_row("A2,李四,货款,10,0,2026-11-01"));
    wd.write("bad.csv", bad_row("B2,王五,货款,10,0,2026-02-30"));
    let run = wd
        .run(&["compute", "good.csv", "bad.csv", "--as-of", "2026-11-23"])
        .must_reject();
    assert_eq!(
        run.first_error(),
        "error: bad.csv:3: due_date: \"2026-02-30\": day 30 does not exist in 2026-02"
    );
}

/// Rows are counted as lines of the file: a quoted cell spanning two lines pushes the next
/// row down, and blank lines count.
#[test]
fn row_numbers_are_file_lines_across_multiline_cells_and_blank_lines() {
    let wd = Workdir::new();
    wd.write(
        "bad.csv",
        "id,name,address,amount_due,due_date\n\
         A1,张三,\"北京市朝阳区\n建国路88号\",10,2026-11-01\n\
         \n\
         A2,李四,上海,10,2026-11-01\n\
         A3,王五,广州,10,2026-11-01,extra\n",
    );
    let run = wd
        .run(&["compute", "bad.csv", "--as-of", "2026-11-23"])
        .must_reject();
    assert_eq!(
        run.first_error(),
        "error: bad.csv:6: row has 6 cells but the header has 5 (a stray comma or quote?)"
    );
}

/// A bad value in a GBK file is quoted as the text the clerk typed, not as mojibake.
#[test]
fn a_bad_value_in_a_gbk_file_is_quoted_decoded() {
    let text = "编号,姓名,应付金额,到期日\nA1,张三,10,2026年13月1日\n";
    assert_rejected(
        "gbk.csv",
        gbk(text),
        "error: gbk.csv:2: 到期日: \"2026年13月1日\": month 13 does not exist",
    );
}

/// A bad item value is one problem. The row *has* an amount_due and a due_date; reporting a
/// second problem "amount_due: a demand letter needs at least one item" names a column that
/// is fine and doubles the count (SPEC 3: the error names the column and the bad value).
#[test]
fn a_bad_item_value_is_one_problem_not_two() {
    let wd = Workdir::new();
    wd.write("bad.csv", bad_row("A2,李四,货款,10,0,2026-13-01"));
    let run = wd
        .run(&["compute", "bad.csv", "--as-of", "2026-11-23"])
        .must_reject();
    assert_eq!(
        run.stderr(),
        "error: bad.csv:3: due_date: \"2026-13-01\": month 13 does not exist\n\
         hint: 1 problem found; nothing was written. `dunning check` lists them all.\n"
    );
}

// ---------------------------------------------------------------------------------------
// 5. check
// ---------------------------------------------------------------------------------------

#[test]
fn check_lists_every_problem_then_a_summary() {
    let wd = Workdir::new();
    wd.write(
        "bad.csv",
        "id,name,kind,lang,amount_due,due_date\n\
         A1,,demand,zh,10,2026-11-01\n\
         A2,李四,nag,zh,10,2026-11-01\n\
         A3,王五,demand,zh,10,2026-11-01\n\
         A4,赵六,demand,fr,10,2026-11-01\n",
    );
    let run = wd
        .run(&["check", "bad.csv", "--as-of", "2026-11-23"])
        .must_fail(1);
    assert_eq!(
        run.stdout(),
        "bad.csv:2: name: the debtor's name is required\n\
         bad.csv:3: kind: \"nag\": unknown letter kind \"nag\" (known: demand, mortgage-reminder, termination-mortgage, termination, fax-cover, reminder, statement, lawyer-letter)\n\
         bad.csv:5: lang: \"fr\": unknown language \"fr\" (expected zh or en)\n\
         3 problems in 1 file; 1 letter ready\n"
    );
}

/// The same with bad values (date, amount, date): each listed with its row and column.
#[test]
fn check_lists_bad_values_with_row_and_column() {
    let wd = Workdir::new();
    wd.write(
        "bad.csv",
        format!(
            "{HEADER}A1,张三,x,10,0,2026-13-01\nA2,李四,y,1.234,0,2026-11-01\nA3,王五,z,10,0,2026-11-01\nA4,赵六,w,10,0,2026/02/30\n"
        ),
    );
    let run = wd
        .run(&["check", "bad.csv", "--as-of", "2026-11-23"])
        .must_fail(1);
    let out = run.stdout();
    for line in [
        "bad.csv:2: due_date: \"2026-13-01\": month 13 does not exist",
        "bad.csv:3: amount_due: \"1.234\": more than two decimals (amounts are in yuan and fen)",
        "bad.csv:5: due_date: \"2026/02/30\": day 30 does not exist in 2026-02",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} not in\n{out}");
    }
    let last = out.lines().last().unwrap();
    assert!(last.ends_with("in 1 file; 1 letter ready"), "{out}");
}

#[test]
fn check_on_good_data_says_ok_and_exits_0() {
    let wd = Workdir::new();
    wd.write("a.csv", bad_row("A2,李四,货款,10,0,2026-11-01"));
    let run = wd
        .run(&["check", "a.csv", "--as-of", "2026-11-23"])
        .must_succeed();
    assert_eq!(run.stdout(), "ok: 2 letters in 1 file, no problems\n");
    assert_eq!(run.stderr(), "");
}

#[test]
fn check_several_files() {
    let wd = Workdir::new();
    wd.write("a.csv", bad_row("A2,李四,货款,10,0,2026-11-01"));
    wd.write(
        "b.yaml",
        "- { id: B1, name: 王五, amount_due: 10, due_date: 2026-11-01 }\n",
    );
    let run = wd
        .run(&["check", "a.csv", "b.yaml", "--as-of", "2026-11-23"])
        .must_succeed();
    assert_eq!(run.stdout(), "ok: 3 letters in 2 files, no problems\n");

    // A problem in each file, listed in file order (the order given on the command line).
    wd.write("a.csv", bad_row(",李四,货款,10,0,2026-11-01"));
    wd.write(
        "b.yaml",
        "- id: B1\n  name: 王五\n  lang: fr\n  amount_due: 10\n  due_date: 2026-11-01\n",
    );
    let run = wd
        .run(&["check", "b.yaml", "a.csv", "--as-of", "2026-11-23"])
        .must_fail(1);
    assert_eq!(
        run.stdout(),
        "b.yaml:3: lang: \"fr\": unknown language \"fr\" (expected zh or en)\n\
         a.csv:3: id: the id (case / account number) is required\n\
         2 problems in 2 files; 1 letter ready\n"
    );
}

#[test]
fn config_with_an_unknown_key_is_reported_by_check_and_fails_compute() {
    let wd = Workdir::new();
    wd.write("a.csv", bad_row("A2,李四,货款,10,0,2026-11-01"));
    wd.write(
        "dunning.yaml",
        "lang: zh\nfees:\n  rate: 0.0005\n  ratee: 0.001\n",
    );
    let run = wd
        .run(&["check", "a.csv", "--as-of", "2026-11-23"])
        .must_fail(1);
    let out = run.stdout();
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("dunning.yaml:4:3: "), "{out}");
    assert!(first.contains("`ratee`"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.ends_with("1 problem in 1 file; 2 letters ready\n"),
        "{out}"
    );

    let run = wd
        .run(&["compute", "a.csv", "--as-of", "2026-11-23"])
        .must_reject();
    assert_eq!(run.first_error(), format!("error: {first}"));
}

#[test]
fn config_with_a_negative_rate_is_reported_by_check_and_fails_compute() {
    let wd = Workdir::new();
    wd.write("a.csv", bad_row("A2,李四,货款,10,0,2026-11-01"));
    wd.write("dunning.yaml", "lang: zh\nfees:\n  rate: -0.0005\n");
    let expected =
        "dunning.yaml:3: fees.rate: \"-0.0005\": not a rate (expected e.g. 0.0005 or 0.05%)";
    let run = wd
        .run(&["check", "a.csv", "--as-of", "2026-11-23"])
        .must_fail(1);
    assert_eq!(
        run.stdout(),
        format!("{expected}\n1 problem in 1 file; 2 letters ready\n")
    );
    let run = wd
        .run(&["compute", "a.csv", "--as-of", "2026-11-23"])
        .must_reject();
    assert_eq!(run.first_error(), format!("error: {expected}"));

    // The same file given with --config under another name is named by that name.
    wd.write("conf/other.yaml", "fees:\n  rate: -0.0005\n");
    let run = wd
        .run(&["check", "a.csv", "--config", "conf/other.yaml"])
        .must_fail(1);
    assert!(
        run.stdout().starts_with("conf/other.yaml:2: fees.rate: "),
        "{}",
        run.stdout()
    );
}

// ---------------------------------------------------------------------------------------
// 6. Exit codes, CSV and table output
// ---------------------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    let wd = Workdir::new();
    wd.write("a.csv", bad_row("A2,李四,货款,10,0,2026-11-01"));
    let run = wd.run(&["compute", "a.csv", "--bogus"]).must_fail(2);
    assert_eq!(run.stdout(), "");
    assert!(
        run.stderr()
            .starts_with("error: unexpected argument '--bogus' found"),
        "{}",
        run.stderr()
    );

    let run = wd.run(&["compute"]).must_fail(2);
    assert!(run.stderr().contains("<DATA>"), "{}", run.stderr());
    let run = wd.run(&["check"]).must_fail(2);
    assert!(run.stderr().contains("<DATA>"), "{}", run.stderr());

    let run = wd
        .run(&["compute", "a.csv", "--format", "xml"])
        .must_fail(2);
    assert!(run.stderr().contains("xml"), "{}", run.stderr());

    let run = wd
        .run(&["compute", "a.csv", "--as-of", "2026-13-01"])
        .must_fail(2);
    assert!(
        run.stderr().starts_with(
            "error: invalid value '2026-13-01' for '--as-of <DATE>': month 13 does not exist"
        ),
        "{}",
        run.stderr()
    );
    wd.run(&["frobnicate"]).must_fail(2);
}

#[test]
fn csv_format_has_bom_header_and_defused_formulas() {
    let wd = Workdir::new();
    wd.write(
        "a.csv",
        "id,name,amount_due,due_date\n=1+1,=HYPERLINK(\"x\"),10,2026-11-23\n+86,@SUM(A1),\"16,409.02\",2026-09-30\n",
    );
    let run = wd
        .run(&[
            "compute",
            "a.csv",
            "--as-of",
            "2026-11-23",
            "--format",
            "csv",
        ])
        .must_succeed();
    let bytes = run.stdout_bytes();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no UTF-8 BOM");
    assert_eq!(
        run.stdout(),
        "\u{feff}id,kind,lang,name,as_of,days_overdue,bucket,outstanding,fee,fee_paid,flat,total,daily_increment,deadline,outstanding_words,total_words,limitation_date\n\
         '=1+1,demand,zh,\"'=HYPERLINK(\"\"x\"\")\",2026-11-23,0,0-30,10.00,0.00,,0.00,10.00,0.00,2026-11-26,壹拾元整,壹拾元整,2029-11-26\n\
         '+86,demand,zh,'@SUM(A1),2026-11-23,54,31-60,16409.02,443.04,,0.00,16852.06,8.20,2026-11-26,壹万陆仟肆佰零玖元零贰分,壹万陆仟捌佰伍拾贰元零陆分,2029-10-01\n"
    );
}

#[test]
fn csv_output_reads_back_with_names_prefixed() {
    let wd = Workdir::new();
    wd.write(
        "a.csv",
        "id,name,amount_due,due_date\nA1,=钱七,10,2026-11-23\nA2,-李四,10,2026-11-23\nA3,张三,10,2026-11-23\n",
    );
    let run = wd
        .run(&[
            "compute",
            "a.csv",
            "--as-of",
            "2026-11-23",
            "--format",
            "csv",
        ])
        .must_succeed();
    let body = run.stdout_bytes().strip_prefix(b"\xEF\xBB\xBF").unwrap();
    let mut reader = csv::Reader::from_reader(body);
    let headers = reader.headers().unwrap().clone();
    let name_col = headers.iter().position(|h| h == "name").unwrap();
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[name_col].to_string())
        .collect();
    assert_eq!(names, ["'=钱七", "'-李四", "张三"]);
}

#[test]
fn table_columns_line_up_by_display_width() {
    let wd = Workdir::new();
    wd.write(
        "a.csv",
        "id,name,amount_due,due_date\n\
         A1,张三,10,2026-11-23\n\
         C-3001,上海星辰贸易有限公司,\"16,409.02\",2026-09-30\n\
         E-1001,Northwind Trading Ltd,\"1,409.50\",2026-11-23\n",
    );
    let run = wd
        .run(&["compute", "a.csv", "--as-of", "2026-11-23"])
        .must_succeed();
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    let header = lines[0];
    let end = header.find("outstanding").expect("outstanding column") + "outstanding".len();
    let want = header[..end].width();
    for (line, value) in lines[1..4].iter().zip(["10.00", "16,409.02", "1,409.50"]) {
        // The outstanding value is the first cell ending in a money amount after the name.
        let at = line
            .find(&format!(" {value} "))
            .unwrap_or_else(|| panic!("{value} not in {line:?}"))
            + 1
            + value.len();
        assert_eq!(
            line[..at].width(),
            want,
            "outstanding not right-aligned:\n{out}"
        );
    }
    // Every data row is as wide as the others up to the deadline, which ends the line.
    let widths: Vec<usize> = lines[1..4].iter().map(|l| l.width()).collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{out}");
    assert_eq!(
        lines[4],
        "3 letters; outstanding 17,828.52, fee 443.04, total 18,271.56"
    );
}

// ---------------------------------------------------------------------------------------
// 7. Deadlines in the cn calendar
// ---------------------------------------------------------------------------------------

/// The deadline computed for one letter due on `as_of` (no fee), with stderr empty: the
/// built-in calendar covers 2025 and 2026, so there is no "not covered" warning.
fn deadline(wd: &Workdir, as_of: &str) -> String {
    wd.write(
        "d.csv",
        format!("id,name,amount_due,due_date\nA1,张三,10,{as_of}\n"),
    );
    let run = wd
        .run(&["compute", "d.csv", "--as-of", as_of, "--format", "json"])
        .must_succeed();
    assert_eq!(run.stderr(), "", "no warning expected for {as_of}");
    run.json()[0]["deadline"]
        .as_str()
        .expect("deadline")
        .to_string()
}

/// 国庆+中秋 2025: Oct 1–8 off; Sun Sep 28 and Sat Oct 11 are make-up working days.
/// 春节 2026: Feb 15–23 off; Sat Feb 14 and Sat Feb 28 are make-up working days.
#[test]
fn workday_deadlines_across_national_day_2025_and_spring_festival_2026() {
    let wd = Workdir::new();
    // Tue Sep 30: Oct 1–8 off; Thu Oct 9 (1), Fri Oct 10 (2), Sat Oct 11 make-up (3).
    assert_eq!(deadline(&wd, "2025-09-30"), "2025-10-11");
    // Fri Sep 26: Sat 27 off, Sun 28 make-up (1), Mon 29 (2), Tue 30 (3).
    assert_eq!(deadline(&wd, "2025-09-26"), "2025-09-30");
    // Thu Feb 12 2026: Fri 13 (1), Sat 14 make-up (2), 15–23 off, Tue 24 (3).
    assert_eq!(deadline(&wd, "2026-02-12"), "2026-02-24");
    // Fri Feb 13: Sat 14 (1), Tue 24 (2), Wed 25 (3).
    assert_eq!(deadline(&wd, "2026-02-13"), "2026-02-25");
    // Wed Feb 25: Thu 26 (1), Fri 27 (2), Sat 28 make-up (3).
    assert_eq!(deadline(&wd, "2026-02-25"), "2026-02-28");
    // An ordinary week: Mon 2026-11-23 → Thu 26; Fri 2026-11-20 → Wed 25.
    assert_eq!(deadline(&wd, "2026-11-23"), "2026-11-26");
    assert_eq!(deadline(&wd, "2026-11-20"), "2026-11-25");
}

/// `deadline: { days: 15 }`: as_of + 15, moved forward to the next working day.
#[test]
fn calendar_day_deadlines_move_off_holidays() {
    let wd = Workdir::new();
    wd.write("dunning.yaml", "deadline: { days: 15 }\n");
    // 2025-09-16 + 15 = Wed Oct 1 (国庆) → Oct 1–8 off → Thu 2025-10-09.
    assert_eq!(deadline(&wd, "2025-09-16"), "2025-10-09");
    // 2026-02-05 + 15 = Fri Feb 20 (春节) → Feb 15–23 off → Tue 2026-02-24.
    assert_eq!(deadline(&wd, "2026-02-05"), "2026-02-24");
    // 2026-02-13 + 15 = Sat Feb 28, a make-up working day: it stays.
    assert_eq!(deadline(&wd, "2026-02-13"), "2026-02-28");
    // 2026-11-07 + 15 = Sun Nov 22 → Mon 2026-11-23.
    assert_eq!(deadline(&wd, "2026-11-07"), "2026-11-23");
    // 2026-11-05 + 15 = Fri Nov 20, a working day: it stays.
    assert_eq!(deadline(&wd, "2026-11-05"), "2026-11-20");
}

#[test]
fn calendar_none_counts_weekends_only() {
    let wd = Workdir::new();
    wd.write("dunning.yaml", "calendar: none\n");
    // Tue 2025-09-30 + 3 working days, ignoring 国庆: Wed Oct 1, Thu 2, Fri 3.
    assert_eq!(deadline(&wd, "2025-09-30"), "2025-10-03");
}

#[test]
fn per_kind_deadline_override() {
    let wd = Workdir::new();
    wd.write(
        "dunning.yaml",
        "kinds: { fax-cover: { deadline: { workdays: 5 } } }\n",
    );
    wd.write(
        "k.csv",
        "id,name,kind,amount_due,due_date\nD1,张三,demand,10,2026-11-23\nF1,某公司,fax-cover,10,2026-11-23\n",
    );
    let got = wd.json(&["k.csv", "--as-of", "2026-11-23"]);
    // Mon 2026-11-23: 3 working days → Thu 26; 5 → Mon 30.
    assert_eq!(got[0]["deadline"], json!("2026-11-26"));
    assert_eq!(got[1]["kind"], json!("fax-cover"));
    assert_eq!(got[1]["deadline"], json!("2026-11-30"));
}

#[test]
fn a_year_the_calendar_does_not_cover_is_a_warning() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        "id,name,amount_due,due_date\nA1,张三,10,2030-09-30\n",
    );
    let run = wd
        .run(&[
            "compute",
            "d.csv",
            "--as-of",
            "2030-09-30",
            "--format",
            "json",
        ])
        .must_succeed();
    // Mon 2030-09-30, weekends only: Tue Oct 1, Wed 2, Thu 3.
    assert_eq!(run.json()[0]["deadline"], json!("2030-10-03"));
    let err = run.stderr();
    assert!(err.starts_with("warning: d.csv:2: deadline: "), "{err}");
    assert!(err.contains("2030"), "{err}");
}

/// Issue 8: shell completions and the man page come from the real clap definitions.
#[test]
fn completions_and_man_page_name_every_command_and_flag() {
    let wd = Workdir::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = wd.run(&["completions", shell]).must_succeed().stdout();
        for word in ["batch", "preview", "compute", "print-chunk", "skip-invalid"] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
    }
    wd.run(&["completions", "tcsh"]).must_fail(2);
    let man = wd.run(&["man"]).must_succeed().stdout();
    assert!(man.contains(".TH DUNNING 1"), "{man}");
    for command in ["batch", "preview", "check", "compute", "templates", "init"] {
        assert!(
            man.contains(&format!("dunning\\-{command}(1)")),
            "man page lacks {command}"
        );
    }
}
