//! The config's checks: every key, every bad value named with its line.

use super::*;
use crate::calc::fees::FeeMethod;
use crate::calc::money::Money;
use rust_decimal_macros::dec;

fn parse(text: &str) -> Result<Config> {
    Config::parse(text, "dunning.yaml", Path::new("."))
}

fn messages(text: &str) -> Vec<String> {
    match parse(text) {
        Err(Error::Invalid(p)) => p.iter().map(|p| p.to_string()).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn defaults_when_empty() {
    let c = parse("").unwrap();
    assert_eq!(c.fees.rate, dec!(0.0005));
    assert_eq!(c.deadline, DeadlineRule::Workdays(3));
    assert_eq!(c.aging, vec![30, 60, 90, 180]);
}

#[test]
fn the_spec_example_parses() {
    let c = parse(
        "lang: en\nsender: { name: 某某公司, phone: 010-1234 }\nfees:\n  method: annual\n  rate: 0.0365\n  day_count: 360\n  grace_days: 3\n  cap_percent: 30\n  flat: 50\ndeadline: { days: 15 }\ncalendar: none\naging: [30, 60]\nladder:\n  - { from: 0, to: 90, kind: demand }\n  - { from: 91, kind: termination }\nkinds: { fax-cover: { deadline: { workdays: 5 } } }\ncolumns: { 欠款金额: amount_due }\n",
    )
    .unwrap();
    assert_eq!(c.lang, Lang::En);
    assert_eq!(c.fees.method, FeeMethod::Annual);
    assert_eq!(c.fees.day_count, 360);
    assert_eq!(c.fees.cap_percent, Some(dec!(30)));
    assert_eq!(c.fees.flat, Money(dec!(50)));
    assert_eq!(c.deadline, DeadlineRule::Days(15));
    assert_eq!(
        c.deadline_for(LetterKind::FaxCover),
        DeadlineRule::Workdays(5)
    );
    assert_eq!(
        c.columns.get("欠款金额").map(String::as_str),
        Some("amount_due")
    );
    assert_eq!(c.sender.name.as_deref(), Some("某某公司"));
}

#[test]
fn unknown_key_names_key_and_line() {
    let m = messages("lang: zh\nfees:\n  rate: 0.0005\n  grace: 3\n");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("dunning.yaml:4:3: unknown field `grace`"),
        "{m:?}"
    );
}

#[test]
fn bad_values_all_reported_with_lines() {
    let m = messages(
        "fees:\n  rate: -0.1\n  cap_percent: 120\n  day_count: 364\nlang: fr\ndeadline: { workdays: 3, days: 4 }\n",
    );
    let joined = m.join("\n");
    assert!(joined.contains("dunning.yaml:2: fees.rate"), "{joined}");
    assert!(
        joined.contains("dunning.yaml:3: fees.cap_percent"),
        "{joined}"
    );
    assert!(
        joined.contains("dunning.yaml:4: fees.day_count: 364 is not 365 or 360"),
        "{joined}"
    );
    assert!(joined.contains("dunning.yaml:5: lang"), "{joined}");
    assert!(joined.contains("dunning.yaml:6: deadline"), "{joined}");
}

#[test]
fn broken_yaml_is_a_problem_not_a_panic() {
    let m = messages("fees: [\n");
    assert!(m[0].starts_with("dunning.yaml"), "{m:?}");
}

/// A fresh directory for a test's `rates:` file.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dunning-config-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn lpr_terms_parse() {
    use crate::calc::fees::RateAt;
    use crate::calc::rates::Tenor;
    let dir = scratch("ok");
    std::fs::write(dir.join("rates.csv"), "date,rate\n2026-06-22,2.90\n").unwrap();
    let c = Config::parse(
        "fees:\n  method: lpr\n  tenor: 5y\n  multiplier: 1.5\n  spread: 0.25\n  rate_at: first_day\n  day_count: 360\n  rates: rates.csv\n",
        "dunning.yaml",
        &dir,
    )
    .unwrap();
    assert_eq!(c.fees.method, FeeMethod::Lpr);
    assert_eq!(c.fees.lpr.tenor, Tenor::FiveYear);
    assert_eq!(c.fees.lpr.multiplier, dec!(1.5));
    assert_eq!(c.fees.lpr.spread, dec!(0.25));
    assert_eq!(c.fees.lpr.rate_at, RateAt::FirstDay);
    assert_eq!(c.fees.day_count, 360);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    // The file's one row is the 5y rate from 2026-06-22 on.
    assert_eq!(
        c.fees.lpr.table.rate_on(day, Tenor::FiveYear).rate,
        dec!(2.90)
    );
}

#[test]
fn bad_lpr_terms_name_key_and_line() {
    let m = messages(
        "fees:\n  method: lpr\n  tenor: 2y\n  multiplier: 0\n  rate_at: monthly\n  spread: x\n",
    );
    let joined = m.join("\n");
    assert!(
        joined.contains("dunning.yaml:3: fees.tenor: \"2y\" is not 1y or 5y"),
        "{joined}"
    );
    assert!(
        joined.contains("dunning.yaml:4: fees.multiplier: \"0\" is not a number above 0"),
        "{joined}"
    );
    assert!(
        joined.contains("dunning.yaml:5: fees.rate_at: \"monthly\" is not each_day or first_day"),
        "{joined}"
    );
    assert!(joined.contains("dunning.yaml:6: fees.spread"), "{joined}");
    let m = messages("fees:\n  method: lpr\n  rates: no-such-rates.csv\n");
    assert!(
        m[0].starts_with("dunning.yaml:3: fees.rates: cannot read rates file"),
        "{m:?}"
    );
}

#[test]
fn rates_file_problems_are_file_row_column() {
    let dir = scratch("bad");
    std::fs::write(
        dir.join("rates.csv"),
        "date,rate\n2026-06-22,2.90\n2026-06-22,2.80\n2026-07-20,120\n",
    )
    .unwrap();
    let e = Config::parse(
        "fees: { method: lpr, rates: rates.csv }\n",
        "dunning.yaml",
        &dir,
    )
    .unwrap_err();
    let Error::Invalid(p) = e else {
        panic!("{e:?}")
    };
    let shown: Vec<String> = p.iter().map(ToString::to_string).collect();
    let file = dir.join("rates.csv").display().to_string();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(
        shown[0].starts_with(&format!("{file}:3: date: ")),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with(&format!("{file}:4: rate: ")),
        "{shown:?}"
    );
}
#[test]
fn mail_block_is_checked_like_every_key() {
    let c = parse(
        "mail:\n  from: 某某公司财务部 <finance@example.cn>\n  bcc: archive@example.cn\n  reply_to: ar@example.cn\n",
    )
    .unwrap();
    let from = c.mail.from.unwrap();
    assert_eq!(from.name.as_deref(), Some("某某公司财务部"));
    assert_eq!(from.email.to_string(), "finance@example.cn");
    assert_eq!(c.mail.bcc.unwrap().email.to_string(), "archive@example.cn");
    assert_eq!(c.mail.reply_to.unwrap().email.to_string(), "ar@example.cn");
    let m = messages("mail:\n  from: finance@example.cn\n  bcc: not an address\n");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("dunning.yaml:3: mail.bcc: \"not an address\" is not an email address"),
        "{m:?}"
    );
    let m = messages("mail:\n  form: finance@example.cn\n");
    assert!(
        m[0].starts_with("dunning.yaml:2:3: unknown field `form`"),
        "{m:?}"
    );
}
