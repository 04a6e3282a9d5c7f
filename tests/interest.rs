//! Reference-rate interest (`fees: { method: lpr }`), the payment order and the limitation
//! period (SPEC 5), through the real binary: `compute --format json` figures and the words
//! and calculation tables of the rendered letters.
//!
//! The worked example throughout: 10,000.00 due 2019-08-01, as of 2019-09-30 (60 days), the
//! one-year rate, day_count 360. The built-in table gives the PBOC benchmark 4.35% to
//! 2019-08-19, the LPR 4.25% from 2019-08-20 and 4.20% from 2019-09-20:
//!   × 1.0: 08-02..08-19 18 days 21.75; 08-20..09-19 31 days 36.597…; 09-20..09-30 11 days
//!          12.833…; fee 71.180… → 71.18; one more day 10,000 × 4.20% / 360 = 1.166… → 1.17.
//!   × 1.5: rates 6.525%, 6.375%, 6.30%: 32.625 + 54.895… + 19.25 = 106.770… → 106.77;
//!          one more day 10,000 × 6.30% / 360 = 1.75.

mod common;

use common::*;
use serde_json::{Value, json};

const AS_OF: &str = "2019-09-30";

const DATA: &str = "id,lang,name,title,item,amount_due,due_date,contract_title\n\
                    L1,zh,张三,先生,第一期房款,10000,2019-08-01,《商品房买卖合同》\n\
                    L2,en,John Smith,Mr,Instalment 1,10000,2019-08-01,Sale Contract\n";

fn lpr_config(multiplier: &str, extra: &str) -> String {
    format!(
        "fees:\n  method: lpr\n  tenor: 1y\n  multiplier: {multiplier}\n  day_count: 360\n{extra}"
    )
}

impl Workdir {
    /// A work directory with `d.csv` and a `dunning.yaml` of `config`.
    fn interest(config: &str) -> Workdir {
        let wd = Workdir::new();
        wd.write("d.csv", DATA).write("dunning.yaml", config);
        wd
    }

    /// `compute d.csv --as-of AS_OF --format json`, which must succeed.
    fn figures(&self, as_of: &str) -> Value {
        self.run(&["compute", "d.csv", "--as-of", as_of, "--format", "json"])
            .must_succeed()
            .json()
    }

    /// The text of one letter rendered by `preview`.
    fn letter_text(&self, id: &str, kind: &str) -> String {
        let out = format!("{id}-{kind}.pdf");
        self.run(&[
            "preview", "d.csv", "--id", id, "--kind", kind, "--as-of", AS_OF, "-o", &out,
        ])
        .must_succeed();
        pdf_text(&self.path(&out))
    }
}

#[test]
fn compute_json_gives_the_periods_of_the_worked_example() {
    let wd = Workdir::interest(&lpr_config("1", ""));
    let got = wd.figures(AS_OF);
    let l1 = &got[0];
    assert_eq!(l1["fee"], json!("71.18"));
    assert_eq!(l1["total"], json!("10071.18"));
    assert_eq!(l1["daily_increment"], json!("1.17"));
    assert_eq!(l1["days_overdue"], json!(60));
    assert_eq!(
        l1["items"][0]["periods"],
        json!([
            {"from": "2019-08-02", "to": "2019-08-19", "days": 18, "balance": "10000.00",
             "rate": "4.35", "base_rate": "4.35", "basis": "pboc", "amount": "21.75"},
            {"from": "2019-08-20", "to": "2019-09-19", "days": 31, "balance": "10000.00",
             "rate": "4.25", "base_rate": "4.25", "basis": "lpr", "amount": "36.60"},
            {"from": "2019-09-20", "to": "2019-09-30", "days": 11, "balance": "10000.00",
             "rate": "4.20", "base_rate": "4.20", "basis": "lpr", "amount": "12.83"},
        ])
    );
}

#[test]
fn multiplier_and_first_day() {
    let wd = Workdir::interest(&lpr_config("1.5", ""));
    let got = wd.figures(AS_OF);
    assert_eq!(got[0]["fee"], json!("106.77"));
    assert_eq!(got[0]["daily_increment"], json!("1.75"));
    assert_eq!(got[0]["items"][0]["periods"][1]["rate"], json!("6.375"));
    // rate_at: first_day: 60 days at 4.35% × 1.5 = 6.525%: 10,000 × 6.525% × 60 / 360 = 108.75;
    // one more day 10,000 × 6.525% / 360 = 1.8125 → 1.81.
    let wd = Workdir::interest(&lpr_config("1.5", "  rate_at: first_day\n"));
    let got = wd.figures(AS_OF);
    assert_eq!(got[0]["fee"], json!("108.75"));
    assert_eq!(got[0]["daily_increment"], json!("1.81"));
}

#[test]
fn a_rates_file_extends_the_table_and_a_stale_table_warns() {
    // 2026-05-20 is the built-in table's last fixing; as of 2026-07-31 it is stale.
    let wd = Workdir::interest(&lpr_config("1", ""));
    wd.write(
        "d.csv",
        "id,name,amount_due,due_date\nS1,甲,36000,2026-06-30\n",
    );
    let run = wd.run(&[
        "compute",
        "d.csv",
        "--as-of",
        "2026-07-31",
        "--format",
        "json",
    ]);
    let run = run.must_succeed();
    run.stderr_has("ends on 2026-05-20").stderr_has("rates:");
    // 36,000 × 3.00% × 31 / 360 = 93.00 at the last rate.
    assert_eq!(run.json()[0]["fee"], json!("93.00"));
    // A rates: file with a fixing on 2026-07-20 at 2.90%: 07-01..07-19 19 days at 3.00% = 57.00,
    // 07-20..07-31 12 days at 2.90% = 34.80; fee 91.80, no warning.
    wd.write("rates.csv", "date,rate\n2026-06-22,3.00\n2026-07-20,2.90\n");
    wd.write("dunning.yaml", lpr_config("1", "  rates: rates.csv\n"));
    let run = wd
        .run(&[
            "compute",
            "d.csv",
            "--as-of",
            "2026-07-31",
            "--format",
            "json",
        ])
        .must_succeed();
    run.stderr_lacks("ends on");
    let got = run.json();
    assert_eq!(got[0]["fee"], json!("91.80"));
    assert_eq!(
        got[0]["items"][0]["periods"][1]["basis"],
        json!("rates_file")
    );
    // The file's own last fixing goes stale too, and the warning names the file.
    wd.run(&["compute", "d.csv", "--as-of", "2026-09-30"])
        .must_succeed()
        .stderr_has("the 1y rate table ends on 2026-07-20")
        .stderr_has("add newer fixings to rates.csv");
}

#[test]
fn a_bad_rates_file_names_file_row_and_column() {
    let wd = Workdir::interest(&lpr_config("1", "  rates: rates.csv\n"));
    wd.write(
        "rates.csv",
        "date,rate\n2026-06-22,3.00\n2026-06-01,2.90\n2026-07-20,abc\n",
    );
    let run = wd
        .run(&["compute", "d.csv", "--as-of", AS_OF, "--format", "json"])
        .must_fail(1);
    run.stderr_has("rates.csv:3: date:")
        .stderr_has("rates.csv:4: rate:");
    assert!(run.stdout().is_empty());
    let wd = Workdir::interest("fees: { method: lpr, tenor: 2y, multiplier: 0 }\n");
    wd.run(&["compute", "d.csv", "--as-of", AS_OF])
        .must_fail(1)
        .stderr_has("dunning.yaml:1: fees.tenor: \"2y\" is not 1y or 5y")
        .stderr_has("fees.multiplier: \"0\" is not a number above 0");
}

#[test]
fn letters_state_the_basis_and_the_lawyer_letter_has_a_calculation_table() {
    let wd = Workdir::interest(&lpr_config("1.5", ""));
    let basis = "按全国银行间同业拆借中心公布的一年期贷款市场报价利率（LPR）的1.5倍计算逾期付款损失\
                 （2019年8月19日前按中国人民银行同期同类贷款基准利率的1.5倍计算，此后按LPR计算；一年按360天计）";
    for kind in ["demand", "termination", "lawyer-letter"] {
        let text = wd.letter_text("L1", kind);
        assert_text_has(&text, basis, kind);
        assert_text_has(&text, "人民币106.77元", kind);
        assert_text_has(&text, "增加人民币1.75元", kind);
        assert_text_lacks(&text, "违约金", kind);
    }
    for kind in ["lawyer-letter", "statement"] {
        let text = wd.letter_text("L1", kind);
        assert_text_has(&text, "计算明细", kind);
        assert_text_has(
            &text,
            "2019-08-02 2019-08-19 18 10,000.00 6.525% 32.63",
            kind,
        );
        assert_text_has(
            &text,
            "2019-08-20 2019-09-19 31 10,000.00 6.375% 54.90",
            kind,
        );
        assert_text_has(
            &text,
            "2019-09-20 2019-09-30 11 10,000.00 6.30% 19.25",
            kind,
        );
    }
    let text = wd.letter_text("L2", "lawyer-letter");
    assert_text_has(
        &text,
        "at 1.5 times the one-year Loan Prime Rate (LPR) published by the National Interbank Funding Center",
        "en lawyer-letter",
    );
    assert_text_has(
        &text,
        "up to 19 August 2019 at 1.5 times the benchmark lending rate of the People\u{2019}s Bank of China",
        "en lawyer-letter",
    );
    assert_text_has(&text, "Calculation", "en lawyer-letter");
    let text = wd.letter_text("L2", "demand");
    assert_text_has(&text, "RMB 106.77", "en demand");
    // Without method: lpr no calculation table and no LPR wording.
    let wd = Workdir::interest("fees: { method: daily, rate: 0.0005 }\n");
    let text = wd.letter_text("L1", "lawyer-letter");
    assert_text_lacks(&text, "计算明细", "daily lawyer-letter");
    assert_text_lacks(&text, "LPR", "daily lawyer-letter");
    assert_text_has(&text, "违约金", "daily lawyer-letter");
}

/// `payments: costs_first` (民法典 第561条): 10,000.00 due 2026-09-01 at 0.1% a day, 1,300.00
/// paid 2026-10-01, as of 2026-10-11.
///   At 10-01 30 days had accrued 10,000 × 0.001 × 30 = 300.00: the payment settles that fee,
///   then 1,000.00 of principal → 9,000.00. To 10-11: 10 days × 9.00 = 90.00 unpaid.
///   fee 90.00, fee_paid 300.00, outstanding 9,000.00, total 9,090.00 (under `principal` the
///   same payment leaves 8,700.00 and a fee of 300 + 87 = 387.00).
#[test]
fn costs_first_settles_the_fee_first_and_the_statement_shows_it() {
    let wd = Workdir::new();
    wd.write(
        "d.yaml",
        "- id: C1\n  name: 孙八\n  title: 先生\n  items:\n    - { item: 工程款, amount_due: 10000, due_date: 2026-09-01 }\n  payments:\n    - { date: 2026-10-01, amount: 1300 }\n",
    )
    .write(
        "dunning.yaml",
        "fees: { method: daily, rate: 0.001 }\npayments: costs_first\n",
    );
    let got = wd
        .run(&[
            "compute",
            "d.yaml",
            "--as-of",
            "2026-10-11",
            "--format",
            "json",
        ])
        .must_succeed()
        .json();
    let c1 = &got[0];
    assert_eq!(c1["outstanding"], json!("9000.00"));
    assert_eq!(c1["fee"], json!("90.00"));
    assert_eq!(c1["fee_paid"], json!("300.00"));
    assert_eq!(c1["total"], json!("9090.00"));
    assert_eq!(c1["items"][0]["fee_paid"], json!("300.00"));
    wd.run(&[
        "preview",
        "d.yaml",
        "--id",
        "C1",
        "--kind",
        "statement",
        "--as-of",
        "2026-10-11",
        "-o",
        "s.pdf",
    ])
    .must_succeed();
    let text = pdf_text(&wd.path("s.pdf"));
    assert_text_has(&text, "工程款：违约金300.00元、本金1,000.00元", "statement");
    assert_text_has(&text, "第五百六十一条", "statement");
    // The default order: no fee_paid key at all.
    wd.write("dunning.yaml", "fees: { method: daily, rate: 0.001 }\n");
    let got = wd
        .run(&[
            "compute",
            "d.yaml",
            "--as-of",
            "2026-10-11",
            "--format",
            "json",
        ])
        .must_succeed()
        .json();
    assert_eq!(got[0]["fee"], json!("387.00"));
    assert!(got[0].get("fee_paid").is_none());
    wd.write("dunning.yaml", "payments: interest_first\n");
    wd.run(&["compute", "d.yaml", "--as-of", "2026-10-11"])
        .must_fail(1)
        .stderr_has("dunning.yaml:1: payments: \"interest_first\" is not principal or costs_first");
}

/// Limitation (SPEC 5's example): due 2023-05-15 → the period starts 2023-05-16 and ends
/// 2026-05-16, a Saturday → Monday 2026-05-18.
const LIMITATION_CSV: &str = "id,name,item,amount_due,due_date,时效中断日\n\
                              T1,甲,尾款,1000,2023-05-15,\n\
                              T2,乙,尾款,1000,2023-05-15,2025-01-10\n";

#[test]
fn limitation_dates_in_compute_and_their_warnings() {
    let wd = Workdir::new();
    wd.write("t.csv", LIMITATION_CSV);
    // 2026-03-01: 78 days before the end, within warn_days 90.
    let run = wd
        .run(&[
            "compute",
            "t.csv",
            "--as-of",
            "2026-03-01",
            "--format",
            "json",
        ])
        .must_succeed();
    run.stderr_has("T1: the limitation period of item \"尾款\" ends on 2026-05-18, in 78 days")
        .stderr_lacks("T2:");
    let got = run.json();
    assert_eq!(got[0]["limitation_date"], json!("2026-05-18"));
    assert_eq!(got[0]["items"][0]["limitation_date"], json!("2026-05-18"));
    // T2's acknowledgement of 2025-01-10 (时效中断日) restarted it: 2028-01-10, a Monday.
    assert_eq!(got[1]["limitation_date"], json!("2028-01-10"));
    // Past it: a demand no longer restarts the period.
    wd.run(&["compute", "t.csv", "--as-of", "2026-06-01"])
        .must_succeed()
        .stderr_has("T1: the limitation period of item \"尾款\" ended on 2026-05-18")
        .stderr_has("回执");
    // The table and the CSV carry it too.
    let table = wd
        .run(&["compute", "t.csv", "--as-of", "2026-03-01"])
        .must_succeed()
        .stdout();
    assert!(table.contains("2026-05-18"), "{table}");
    let csv = wd
        .run(&[
            "compute",
            "t.csv",
            "--as-of",
            "2026-03-01",
            "--format",
            "csv",
        ])
        .must_succeed()
        .stdout();
    let header = csv.lines().next().unwrap_or_default();
    assert!(header.ends_with(",total_words,limitation_date"), "{header}");
    assert!(csv.contains(",2026-05-18\n"), "{csv}");
    // limitation: { years: 2, warn_days: 10 }: 2025-05-16 (a Friday), past and warned.
    wd.write("dunning.yaml", "limitation: { years: 2, warn_days: 10 }\n");
    let run = wd
        .run(&[
            "compute",
            "t.csv",
            "--as-of",
            "2025-03-01",
            "--format",
            "json",
        ])
        .must_succeed();
    run.stderr_lacks("limitation period");
    assert_eq!(run.json()[0]["limitation_date"], json!("2025-05-16"));
    wd.write("dunning.yaml", "limitation: { years: 0 }\n");
    wd.run(&["compute", "t.csv", "--as-of", "2025-03-01"])
        .must_fail(1)
        .stderr_has("dunning.yaml:1: limitation.years: 0 is not a number of years");
}

#[test]
fn manifest_aging_pdf_and_history_carry_the_limitation() {
    let wd = Workdir::new();
    wd.write("t.csv", LIMITATION_CSV);
    wd.run(&[
        "batch",
        "t.csv",
        "--as-of",
        "2026-03-01",
        "-o",
        "run1.zip",
        "--quiet",
    ])
    .must_succeed();
    let zip = wd.zip_entries("run1.zip");
    let (header, rows) = csv_rows(entry(&zip, "manifest.csv"), "manifest");
    let at = header.iter().position(|h| h == "as_of").expect("as_of");
    assert_eq!(header[at + 1], "limitation_date");
    assert_eq!(cell(&rows[0], "limitation_date"), "2026-05-18");
    assert_eq!(cell(&rows[1], "limitation_date"), "2028-01-10");
    wd.write("aging.pdf", entry(&zip, "aging.pdf"));
    let text = pdf_text(&wd.path("aging.pdf"));
    assert_text_has(
        &text,
        "Limitation period ending within 90 days",
        "aging.pdf",
    );
    assert_text_has(&text, "T1 甲 2026-05-18 78", "aging.pdf");
    assert_text_lacks(&text, "2028-01-10", "aging.pdf");
    // limitation.history: the letter of 2026-03-01 in --history interrupted T1's period:
    // 2029-03-01 (a Thursday), and no warning.
    wd.write("dunning.yaml", "limitation: { history: true }\n");
    let run = wd
        .run(&[
            "compute",
            "t.csv",
            "--as-of",
            "2026-06-01",
            "--history",
            "run1.zip",
            "--format",
            "json",
        ])
        .must_succeed();
    run.stderr_lacks("limitation period");
    assert_eq!(run.json()[0]["limitation_date"], json!("2029-03-01"));
}
