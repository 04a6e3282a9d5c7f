//! The config's checks: every key, every bad value named with its line.

use super::*;
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
