//! The collection workflow (issue 7): `--auto` picks each letter from the ladder by its days
//! overdue, `min_amount` and `hold` keep letters back, `--history` stops repeats within
//! `ladder_interval` and escalates after it, skipped.csv lists every debtor without a
//! letter, and aging.pdf summarises the batch. Every run is dated 2026-11-23 unless a test
//! says otherwise; the real binary runs in a fresh directory.

mod common;

use common::*;
use std::collections::BTreeMap;

/// Days overdue at 2026-11-23 are in the ids: R-6 is due in six days, T-91 91 days late.
const DEBTORS: &str = "\
id,name,address,amount_due,due_date,hold
R-6,甲公司,北京市,1000,2026-11-29,
R-5,乙公司,北京市,1000,2026-11-28,
R-1,丙公司,北京市,1000,2026-11-24,
D-0,丁公司,北京市,1000,2026-11-23,
D-90,戊公司,北京市,2000,2026-08-25,否
T-91,己公司,北京市,3000,2026-08-24,0
H-1,庚公司,北京市,5000,2026-10-01,是
S-1,辛公司,北京市,50,2026-11-01,
";

/// SPEC 4's ladder with a minimum on the demand step.
const CONFIG: &str = "\
sender: { name: 某某公司 }
ladder:
  - { from: -5, to: -1, kind: reminder }
  - { from: 0, to: 90, kind: demand, min_amount: 100 }
  - { from: 91, kind: termination }
";

fn workdir() -> Workdir {
    let wd = Workdir::new();
    wd.write("debtors.csv", DEBTORS)
        .write("dunning.yaml", CONFIG);
    wd
}

/// id → (kind, level) of the letters in a zip's manifest.
fn sent(zip: &[(String, Vec<u8>)]) -> BTreeMap<String, (String, String)> {
    csv_rows(entry(zip, "manifest.csv"), "manifest.csv")
        .1
        .into_iter()
        .map(|r| (r["id"].clone(), (r["kind"].clone(), r["level"].clone())))
        .collect()
}

/// id → reason of a zip's skipped.csv.
fn skipped(zip: &[(String, Vec<u8>)]) -> BTreeMap<String, String> {
    csv_rows(entry(zip, "skipped.csv"), "skipped.csv")
        .1
        .into_iter()
        .map(|r| (r["id"].clone(), r["reason"].clone()))
        .collect()
}

fn batch(wd: &Workdir, as_of: &str, out: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "batch",
        "debtors.csv",
        "--auto",
        "--quiet",
        "--as-of",
        as_of,
    ];
    args.extend_from_slice(&["-o", out]);
    args.extend_from_slice(extra);
    wd.run(&args).must_succeed()
}

fn pair(kind: &str, level: &str) -> (String, String) {
    (kind.to_string(), level.to_string())
}

#[test]
fn auto_follows_the_ladder_at_its_boundaries() {
    let wd = workdir();
    let run = wd
        .run(&[
            "compute",
            "debtors.csv",
            "--auto",
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
        ])
        .must_succeed();
    let kinds: BTreeMap<String, String> = run
        .json()
        .as_array()
        .expect("array")
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_string(),
                l["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeMap<String, String> = [
        ("R-5", "reminder"),
        ("R-1", "reminder"),
        ("D-0", "demand"),
        ("D-90", "demand"),
        ("T-91", "termination"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(kinds, expected, "{}", run.describe());
    run.stderr_has("skipped: R-6: no ladder rule for -6 days overdue")
        .stderr_has("skipped: H-1: hold")
        .stderr_has("skipped: S-1: outstanding 50.00 is below min_amount 100.00 of ladder step 2");
}

#[test]
fn batch_lists_every_debtor_without_a_letter_in_skipped_csv() {
    let wd = workdir();
    let run = batch(&wd, "2026-11-23", "run1.zip", &[]);
    run.stderr_has("3 debtor(s) got no letter");
    let z = wd.zip_entries("run1.zip");
    assert_eq!(
        sent(&z),
        [
            ("R-5", pair("reminder", "1")),
            ("R-1", pair("reminder", "1")),
            ("D-0", pair("demand", "2")),
            ("D-90", pair("demand", "2")),
            ("T-91", pair("termination", "3")),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b))
        .collect()
    );
    let skips = csv_rows(entry(&z, "skipped.csv"), "skipped.csv").1;
    let ids: Vec<&str> = skips.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["R-6", "H-1", "S-1"], "input order");
    assert_eq!(skips[1]["reason"], "hold: dunning block on this row");
    assert_eq!(skips[2]["kind"], "demand");
    assert_eq!(skips[2]["outstanding"], "50.00");
    assert!(
        !z.iter().any(|(n, _)| n.contains("H-1")),
        "no letter for a held row"
    );
    let manifest = csv_rows(entry(&z, "manifest.csv"), "manifest.csv").1;
    assert!(manifest.iter().all(|r| r["as_of"] == "2026-11-23"));
}

#[test]
fn a_bad_hold_flag_is_a_data_error() {
    let wd = workdir();
    wd.write(
        "debtors.csv",
        DEBTORS.replace(
            "H-1,庚公司,北京市,5000,2026-10-01,是",
            "H-1,庚公司,北京市,5000,2026-10-01,maybe",
        ),
    );
    let run = wd
        .run(&["check", "debtors.csv", "--as-of", "2026-11-23"])
        .must_fail(1);
    assert!(
        run.stdout()
            .contains("debtors.csv:8: hold: \"maybe\": not a hold flag"),
        "{}",
        run.describe()
    );
}

#[test]
fn history_stops_repeats_within_the_interval_and_escalates_after_it() {
    let wd = workdir();
    batch(&wd, "2026-11-23", "run1.zip", &[]);

    // A week later: nothing the first run sent goes out again, except where the days
    // overdue reached a higher step.
    batch(&wd, "2026-11-30", "run2.zip", &["--history", "run1.zip"]);
    let z = wd.zip_entries("run2.zip");
    assert_eq!(
        sent(&z),
        [
            ("R-5", pair("demand", "2")),
            ("R-1", pair("demand", "2")),
            ("R-6", pair("demand", "2")),
            ("D-90", pair("termination", "3")),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b))
        .collect(),
        "only newly reached steps: the reminders' instalments are due, D-90 is 97 days late"
    );
    let why = skipped(&z);
    assert!(
        why["D-0"]
            .starts_with("already sent: demand on 2026-11-23 (7 days ago, ladder_interval 14)"),
        "{}",
        why["D-0"]
    );
    assert!(why["T-91"].starts_with("already sent: termination"));

    // --force sends them anyway.
    batch(
        &wd,
        "2026-11-30",
        "forced.zip",
        &["--history", "run1.zip", "--force"],
    );
    assert_eq!(
        sent(&wd.zip_entries("forced.zip"))["D-0"],
        pair("demand", "2")
    );

    // Two weeks after the first run the interval is over: one step above the last letter,
    // and the top step is not repeated. The manifest.csv alone works as history too.
    std::fs::write(
        wd.path("run1-manifest.csv"),
        entry(&wd.zip_entries("run1.zip"), "manifest.csv"),
    )
    .unwrap();
    batch(
        &wd,
        "2026-12-07",
        "run3.zip",
        &["--history", "run1-manifest.csv"],
    );
    let z = wd.zip_entries("run3.zip");
    let letters = sent(&z);
    assert_eq!(
        letters["D-0"],
        pair("termination", "3"),
        "demand → termination"
    );
    assert_eq!(letters["R-5"], pair("demand", "2"), "reminder → demand");
    let why = skipped(&z);
    assert_eq!(
        why["T-91"],
        "the last ladder step (termination) was already sent on 2026-11-23"
    );
}

#[test]
fn a_history_file_that_is_not_a_manifest_is_an_error() {
    let wd = workdir();
    wd.run(&[
        "batch",
        "debtors.csv",
        "--auto",
        "--history",
        "debtors.csv",
        "--as-of",
        "2026-11-23",
    ])
    .must_fail(1)
    .stderr_has("debtors.csv: --history: not a dunning manifest");
    assert!(!wd.exists("dunning-2026-11-23.zip"));
}

#[test]
fn auto_and_kind_exclude_each_other() {
    let wd = workdir();
    wd.run(&["batch", "debtors.csv", "--auto", "--kind", "demand"])
        .must_fail(2)
        .stderr_has("--auto");
}

#[test]
fn aging_pdf_has_the_table_the_chart_and_the_largest_debtors() {
    let wd = workdir();
    batch(&wd, "2026-11-23", "run1.zip", &[]);
    let z = wd.zip_entries("run1.zip");
    std::fs::write(wd.path("aging.pdf"), entry(&z, "aging.pdf")).unwrap();
    let text = squeeze(&pdf_text(&wd.path("aging.pdf")));
    for needle in [
        "账龄分析Agingreport",
        "2026-11-23",
        "not_due",
        "91-180",
        // 5 letters: 1,000 ×3 + 2,000 + 3,000 outstanding.
        "8,000.00",
        "Tenlargestdebtors",
    ] {
        assert_text_has(&text, needle, "aging.pdf");
    }
    // The largest debtor first: T-91 (3,000) before D-90 (2,000).
    let t = text.find("T-91").expect("T-91 listed");
    let d = text.find("D-90").expect("D-90 listed");
    assert!(t < d, "largest first:\n{text}");
    assert_text_lacks(&text, "H-1", "aging.pdf lists letters only");
}

#[test]
fn shards_with_skipped_rows_merge_into_the_full_run() {
    let wd = workdir();
    batch(&wd, "2026-11-23", "full.zip", &[]);
    for k in 1..=3 {
        batch(
            &wd,
            "2026-11-23",
            &format!("s{k}.zip"),
            &["--shard", &format!("{k}/3")],
        );
    }
    wd.run(&["merge", "s1.zip", "s2.zip", "s3.zip", "-o", "merged.zip"])
        .must_succeed();
    assert_eq!(
        wd.read("merged.zip"),
        wd.read("full.zip"),
        "merge reproduces the full run, skipped.csv and aging.pdf included"
    );
}
