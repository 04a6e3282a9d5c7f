//! The calendar's rules with worked examples from the notices.

use super::cn::{CN_TABLE, CN_YEARS, DayKind};
use super::file::parse_date;
use super::*;
use chrono::{Datelike, Days, Weekday};
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn due(cal: &Calendar, as_of: NaiveDate, rule: DeadlineRule) -> Deadline {
    deadline(cal, as_of, rule).expect("in range")
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn days_of_year(year: i32) -> impl Iterator<Item = NaiveDate> {
    date(year, 1, 1)
        .iter_days()
        .take_while(move |d| d.year() == year)
}

// ---- the cn table ----------------------------------------------------

#[test]
fn cn_table_is_well_formed() {
    for e in CN_TABLE {
        assert!(e.first <= e.last, "{e:?}");
        assert_eq!(e.first.year(), e.last.year(), "{e:?}");
        assert!(CN_YEARS.contains(&e.first.year()), "{e:?}");
        if e.kind == DayKind::Work {
            assert!(is_weekend(e.first), "make-up day not a weekend: {e:?}");
        }
    }
    let cal = Calendar::cn();
    assert!(cal.holidays.is_disjoint(&cal.workdays));
}

#[test]
fn cn_make_up_days_are_exactly_the_notices() {
    let cal = Calendar::cn();
    let expected: [(i32, &[(u32, u32)]); 3] = [
        (
            2024,
            &[
                (2, 4),
                (2, 18),
                (4, 7),
                (4, 28),
                (5, 11),
                (9, 14),
                (9, 29),
                (10, 12),
            ],
        ),
        (2025, &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)]),
        (2026, &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)]),
    ];
    for (year, days) in expected {
        let found: Vec<NaiveDate> = days_of_year(year)
            .filter(|d| is_weekend(*d) && cal.is_workday(*d))
            .collect();
        let want: Vec<NaiveDate> = days.iter().map(|&(m, d)| date(year, m, d)).collect();
        assert_eq!(found, want, "{year}");
    }
}

#[test]
fn cn_statutory_day_counts_match_the_law() {
    // Weekday holidays minus weekend make-up days = statutory holidays:
    // 11 under the old 放假办法 (2024), 13 from 2025. Working days per year
    // as published: 251 (2024), 248 (2025), 248 (2026).
    let cal = Calendar::cn();
    for (year, statutory, working) in [(2024, 11, 251), (2025, 13, 248), (2026, 13, 248)] {
        let weekday_off = days_of_year(year)
            .filter(|d| !is_weekend(*d) && !cal.is_workday(*d))
            .count();
        let weekend_on = days_of_year(year)
            .filter(|d| is_weekend(*d) && cal.is_workday(*d))
            .count();
        assert_eq!(weekday_off - weekend_on, statutory, "{year}");
        let total = days_of_year(year).filter(|d| cal.is_workday(*d)).count();
        assert_eq!(total, working, "{year}");
    }
}

#[test]
fn cn_spot_checks() {
    let cal = Calendar::cn();
    assert!(cal.is_workday(date(2024, 2, 9))); // 除夕 2024 only "encouraged" off
    assert!(!cal.is_workday(date(2025, 1, 28))); // 除夕 2025 is statutory
    assert!(!cal.is_workday(date(2026, 1, 2))); // Fri, 元旦 2026
    assert!(!cal.is_workday(date(2025, 10, 8))); // Wed, 国庆+中秋 2025
    assert!(cal.is_workday(date(2025, 10, 9)));
    assert!(cal.covers(2024) && cal.covers(2026));
    assert!(!cal.covers(2023) && !cal.covers(2027));
    assert_eq!(cal.covered_years(), Some(vec![2024, 2025, 2026]));
    assert_eq!(cal.name(), "cn");
}

// ---- worked deadline examples (cn) ------------------------------------

#[test]
fn workdays_across_national_day_2025() {
    let cal = Calendar::cn();
    // as_of Fri 2025-09-26, 3 working days: Sat 27 no; Sun 28 make-up (1);
    // Mon 29 (2); Tue 30 (3).
    let d = due(&cal, date(2025, 9, 26), DeadlineRule::Workdays(3));
    assert_eq!(d.date, date(2025, 9, 30));
    assert!(d.uncovered_years.is_empty());
    // as_of Tue 2025-09-30, 1 working day: Oct 1–8 off; Thu Oct 9 (1).
    let d = due(&cal, date(2025, 9, 30), DeadlineRule::Workdays(1));
    assert_eq!(d.date, date(2025, 10, 9));
    // as_of Tue 2025-09-30, 3 working days: Thu Oct 9 (1); Fri Oct 10 (2);
    // Sat Oct 11 make-up (3).
    let d = due(&cal, date(2025, 9, 30), DeadlineRule::Workdays(3));
    assert_eq!(d.date, date(2025, 10, 11));
    // as_of Fri 2025-09-19, 10 working days: Sep 22–26 (5); Sun 28 (6);
    // Sep 29, 30 (8); Oct 1–8 off; Oct 9, 10 (10).
    let d = due(&cal, date(2025, 9, 19), DeadlineRule::Workdays(10));
    assert_eq!(d.date, date(2025, 10, 10));
}

#[test]
fn workdays_across_spring_festival_2026() {
    let cal = Calendar::cn();
    // as_of Thu 2026-02-12, 3 working days: Fri 13 (1); Sat 14 make-up (2);
    // Feb 15–23 off; Tue 24 (3).
    let d = due(&cal, date(2026, 2, 12), DeadlineRule::Workdays(3));
    assert_eq!(d.date, date(2026, 2, 24));
    // as_of Mon 2026-02-23 (last day off), 5 working days: Tue 24 (1),
    // Wed 25 (2), Thu 26 (3), Fri 27 (4), Sat 28 make-up (5).
    let d = due(&cal, date(2026, 2, 23), DeadlineRule::Workdays(5));
    assert_eq!(d.date, date(2026, 2, 28));
    // as_of Mon 2026-02-09, 10 working days: Feb 10–13 (4); Sat 14 (5);
    // Feb 15–23 off; Feb 24–27 (9); Sat 28 (10).
    let d = due(&cal, date(2026, 2, 9), DeadlineRule::Workdays(10));
    assert_eq!(d.date, date(2026, 2, 28));
}

#[test]
fn days_rule_landing_on_holiday_moves_forward() {
    let cal = Calendar::cn();
    // 2025-09-21 + 10 = Wed Oct 1, 国庆 (Oct 1–8 off) → Thu Oct 9.
    let d = due(&cal, date(2025, 9, 21), DeadlineRule::Days(10));
    assert_eq!(d.date, date(2025, 10, 9));
    // 2026-02-05 + 10 = Sun Feb 15, 春节 (Feb 15–23 off) → Tue Feb 24.
    let d = due(&cal, date(2026, 2, 5), DeadlineRule::Days(10));
    assert_eq!(d.date, date(2026, 2, 24));
    // 2025-03-05 + 10 = Sat Mar 15, ordinary weekend → Mon Mar 17.
    let d = due(&cal, date(2025, 3, 5), DeadlineRule::Days(10));
    assert_eq!(d.date, date(2025, 3, 17));
}

#[test]
fn days_rule_landing_on_make_up_saturday_stays() {
    let cal = Calendar::cn();
    // 2026-02-04 + 10 = Sat Feb 14, a make-up working day: stays.
    let d = due(&cal, date(2026, 2, 4), DeadlineRule::Days(10));
    assert_eq!(d.date, date(2026, 2, 14));
    // 2025-09-18 + 10 = Sun Sep 28, a make-up working day: stays.
    let d = due(&cal, date(2025, 9, 18), DeadlineRule::Days(10));
    assert_eq!(d.date, date(2025, 9, 28));
}

#[test]
fn zero_counts_roll_forward_only() {
    let cal = Calendar::cn();
    for rule in [DeadlineRule::Workdays(0), DeadlineRule::Days(0)] {
        // Working day: as_of itself.
        assert_eq!(due(&cal, date(2025, 9, 30), rule).date, date(2025, 9, 30));
        // Make-up Sunday: itself.
        assert_eq!(due(&cal, date(2025, 9, 28), rule).date, date(2025, 9, 28));
        // Holiday Oct 1 → first working day Oct 9.
        assert_eq!(due(&cal, date(2025, 10, 1), rule).date, date(2025, 10, 9));
    }
}

#[test]
fn year_outside_table_warns_and_uses_weekends_only() {
    let cal = Calendar::cn();
    // as_of Wed 2026-12-30, 3 working days: Thu Dec 31 (1); Fri 2027-01-01
    // counts (2) since 2027 is not in the table; Sat/Sun skipped; Mon Jan 4 (3).
    let d = due(&cal, date(2026, 12, 30), DeadlineRule::Workdays(3));
    assert_eq!(d.date, date(2027, 1, 4));
    assert_eq!(d.uncovered_years, vec![2027]);
    // Wholly in 2027: Mon 2027-03-01 + 5 = Sat Mar 6 → Mon Mar 8.
    let d = due(&cal, date(2027, 3, 1), DeadlineRule::Days(5));
    assert_eq!(d.date, date(2027, 3, 8));
    assert_eq!(d.uncovered_years, vec![2027]);
    // Starting in 2023 (Fri Dec 29): Sat Dec 30 2023 is consulted → [2023].
    let d = due(&cal, date(2023, 12, 29), DeadlineRule::Workdays(1));
    assert_eq!(d.date, date(2024, 1, 2)); // Jan 1 2024 is 元旦
    assert_eq!(d.uncovered_years, vec![2023]);
    // Only the end date is consulted by the days rule: 2023 is not reported.
    let d = due(&cal, date(2023, 12, 20), DeadlineRule::Days(20));
    assert_eq!(d.date, date(2024, 1, 9));
    assert!(d.uncovered_years.is_empty());
    // A span over several uncovered years, sorted and deduplicated.
    let d = due(&cal, date(2026, 12, 1), DeadlineRule::Workdays(600));
    assert_eq!(d.uncovered_years, vec![2027, 2028, 2029]);
}

#[test]
fn weekends_only_reports_nothing() {
    let cal = Calendar::weekends_only();
    // as_of Fri 2025-09-26, 3: Mon 29 (1), Tue 30 (2), Wed Oct 1 (3).
    let d = due(&cal, date(2025, 9, 26), DeadlineRule::Workdays(3));
    assert_eq!(d.date, date(2025, 10, 1));
    assert!(d.uncovered_years.is_empty());
    let d = due(&cal, date(2027, 3, 1), DeadlineRule::Days(5));
    assert_eq!(d.date, date(2027, 3, 8));
    assert!(d.uncovered_years.is_empty());
    assert!(cal.covers(1900) && cal.covers(9999));
    assert_eq!(cal.covered_years(), None);
}

#[test]
fn near_max_dates_do_not_panic() {
    let max = NaiveDate::MAX;
    for cal in [Calendar::cn(), Calendar::weekends_only()] {
        for rule in [DeadlineRule::Workdays(1), DeadlineRule::Days(1)] {
            assert_eq!(deadline(&cal, max, rule), Err(DeadlineError::OutOfRange));
        }
        let near = max - Days::new(20);
        for n in [u32::MAX, u32::MAX / 2, 100] {
            assert!(deadline(&cal, near, DeadlineRule::Workdays(n)).is_err());
            assert!(deadline(&cal, near, DeadlineRule::Days(n)).is_err());
        }
        let today = date(2025, 1, 1);
        assert!(deadline(&cal, today, DeadlineRule::Workdays(u32::MAX)).is_err());
        assert!(deadline(&cal, today, DeadlineRule::Days(u32::MAX)).is_err());
        // Zero at MAX: MAX itself if a working day, else out of range.
        match deadline(&cal, max, DeadlineRule::Days(0)) {
            Ok(d) => assert_eq!(d.date, max),
            Err(e) => assert_eq!(e, DeadlineError::OutOfRange),
        }
        // The far past is fine.
        let d = deadline(&cal, NaiveDate::MIN, DeadlineRule::Workdays(10));
        assert!(d.is_ok());
    }
    // A huge but representable count finishes quickly (week skipping).
    let d = due(
        &Calendar::cn(),
        date(2025, 1, 1),
        DeadlineRule::Workdays(50_000_000),
    );
    assert!(d.date.year() > 190_000);
    assert!(d.uncovered_years.len() > 190_000);
    assert!(!d.uncovered_years.contains(&2025));
}

#[test]
fn deadline_error_message() {
    let msg = DeadlineError::OutOfRange.to_string();
    assert!(msg.contains("last supported date"), "{msg}");
}

// ---- config values ----------------------------------------------------

#[test]
fn calendar_source_and_rule_parse() {
    assert_eq!(CalendarSource::parse("cn"), CalendarSource::Cn);
    assert_eq!(CalendarSource::parse("none"), CalendarSource::None);
    assert_eq!(
        CalendarSource::parse("./cn"),
        CalendarSource::File(PathBuf::from("./cn"))
    );
    let rule: DeadlineRule = serde_saphyr::from_str("workdays: 10\n").expect("rule");
    assert_eq!(rule, DeadlineRule::Workdays(10));
    let rule: DeadlineRule = serde_saphyr::from_str("days: 15\n").expect("rule");
    assert_eq!(rule, DeadlineRule::Days(15));
    assert!(serde_saphyr::from_str::<DeadlineRule>("days: -1\n").is_err());
    assert!(serde_saphyr::from_str::<DeadlineRule>("weeks: 2\n").is_err());
}

// ---- custom YAML ------------------------------------------------------

const GOOD_2027: &str = "\
# 2027 on top of the built-in table
base: cn
years: [2027]
holidays:
  - 2027-01-01
  - 2027-02-06
  - 2027-02-08
workdays:
  - 2027-02-14
";

#[test]
fn yaml_good_file() {
    let cal = Calendar::from_yaml(GOOD_2027).expect("valid file");
    assert_eq!(cal.name(), "custom");
    assert_eq!(cal.covered_years(), Some(vec![2024, 2025, 2026, 2027]));
    assert!(!cal.is_workday(date(2027, 1, 1)));
    assert!(!cal.is_workday(date(2027, 2, 8))); // Mon holiday
    assert!(cal.is_workday(date(2027, 2, 14))); // Sun make-up
    assert!(!cal.is_workday(date(2025, 10, 1))); // from base cn
    // as_of Thu 2027-02-04, 3 working days: Fri 5 (1); Sat 6 holiday anyway;
    // Sun 7; Mon 8 holiday; Tue 9 (2); Wed 10 (3). No warning: 2027 covered.
    let d = due(&cal, date(2027, 2, 4), DeadlineRule::Workdays(3));
    assert_eq!(d.date, date(2027, 2, 10));
    assert!(d.uncovered_years.is_empty());
    let d = due(&cal, date(2027, 12, 31), DeadlineRule::Workdays(1));
    assert_eq!(d.uncovered_years, vec![2028]);
}

#[test]
fn yaml_default_base_is_empty_and_covers_only_years() {
    let cal = Calendar::from_yaml("years: [2027]\nholidays: [2027-01-01]\n").expect("ok");
    assert!(cal.covers(2027) && !cal.covers(2025));
    assert!(cal.is_workday(date(2025, 10, 1))); // no cn table underneath
    let cal = Calendar::from_yaml("base: none\nyears: [2027]\n").expect("ok");
    assert_eq!(cal.covered_years(), Some(vec![2027]));
    for empty in ["", "# nothing\n", "holidays:\nworkdays:\n"] {
        let cal = Calendar::from_yaml(empty).expect("empty file is fine");
        assert_eq!(cal.covered_years(), Some(vec![]));
    }
}

#[test]
fn yaml_overrides_base() {
    // Make the cn holiday Wed 2025-10-08 a working day, Fri 2025-03-07 a day off.
    let text = "base: cn\nworkdays: [2025-10-08]\nholidays: [2025-03-07]\n";
    let cal = Calendar::from_yaml(text).expect("ok");
    assert!(cal.is_workday(date(2025, 10, 8)));
    assert!(!cal.is_workday(date(2025, 3, 7)));
}

fn yaml_err(text: &str) -> CalendarError {
    Calendar::from_yaml(text).expect_err("should be rejected")
}

#[test]
fn yaml_unknown_key_has_line() {
    let e = yaml_err("base: cn\n\nholydays: [2027-01-01]\n");
    assert_eq!((e.line, e.column), (3, 1));
    assert_eq!(e.key.as_deref(), Some("holydays"));
    assert_eq!(
        e.to_string(),
        "3:1: holydays: unknown key (expected base, years, holidays or workdays)"
    );
}

#[test]
fn yaml_bad_date_has_line() {
    let e = yaml_err("years: [2027]\nholidays:\n  - 2027-01-01\n  - 2027-02-30\n");
    assert_eq!((e.line, e.column), (4, 5));
    assert_eq!(e.key.as_deref(), Some("holidays"));
    assert!(e.message.to_string().contains("2027-02-30"), "{e}");
    let e = yaml_err("years: [2027]\nworkdays: [20270214]\n");
    assert_eq!((e.line, e.column), (2, 12));
    assert!(e.message.to_string().contains("YYYY-MM-DD"), "{e}");
    let e = yaml_err("years: [2027]\nworkdays: [2027-2-14]\n");
    assert_eq!(e.line, 2);
}

#[test]
fn date_form_is_strict() {
    assert_eq!(parse_date("2027-02-14"), Ok(date(2027, 2, 14)));
    for bad in [
        "2027-2-14",
        "+2027-02-14",
        "2027-02-14-01",
        "2027/02/14",
        "",
        "２０２７-02-14",
    ] {
        let msg = parse_date(bad).expect_err(bad).to_string();
        assert!(msg.contains("YYYY-MM-DD"), "{bad}: {msg}");
    }
    assert!(parse_date("2027-13-01").is_err());
    assert!(parse_date("2026-02-29").is_err());
    assert_eq!(parse_date("2028-02-29"), Ok(date(2028, 2, 29)));
}

#[test]
fn yaml_both_holiday_and_workday_is_error() {
    let text = "years: [2027]\nholidays:\n  - 2027-02-14\nworkdays:\n  - 2027-02-14\n";
    let e = yaml_err(text);
    assert_eq!((e.line, e.column), (5, 5));
    assert_eq!(e.key.as_deref(), Some("workdays"));
    assert!(e.message.to_string().contains("line 3"), "{e}");
}

#[test]
fn yaml_semantic_errors_have_lines() {
    // Date outside covered years.
    let e = yaml_err("years: [2027]\nholidays: [2028-01-01]\n");
    assert_eq!((e.line, e.key.as_deref()), (2, Some("holidays")));
    // Bad base.
    let e = yaml_err("base: us\n");
    assert_eq!((e.line, e.column, e.key.as_deref()), (1, 7, Some("base")));
    // Not a four-digit year.
    let e = yaml_err("years: [2027, 27]\n");
    assert_eq!((e.line, e.column, e.key.as_deref()), (1, 15, Some("years")));
    let e = yaml_err("years: [20x7]\n");
    assert_eq!(e.to_string(), "1:9: years: `20x7` is not a four-digit year");
}

#[test]
fn yaml_parser_errors_have_lines_and_keys() {
    let e = yaml_err("years: [2027, {a: 1}]\n");
    assert_eq!((e.line, e.column, e.key.as_deref()), (1, 15, Some("years")));
    let e = yaml_err("base: cn\nholidays: [2027-01-01\n");
    assert_eq!((e.line, e.key.as_deref()), (2, Some("holidays")));
    let e = yaml_err("years: [2027]\nyears: [2028]\n");
    assert_eq!(e.line, 2);
    let e = yaml_err("- 2027-01-01\n");
    assert_eq!((e.line, e.key.as_deref()), (1, None));
    assert!(!e.to_string().contains('\n'));
}

// ---- properties -------------------------------------------------------

/// Reference implementation: plain day-by-day count.
fn naive_add_workdays(cal: &Calendar, as_of: NaiveDate, n: u32) -> NaiveDate {
    let mut d = as_of;
    let mut left = n;
    while left > 0 {
        d = d.succ_opt().expect("test range");
        if cal.is_workday(d) {
            left -= 1;
        }
    }
    d
}

proptest! {
    #[test]
    fn workdays_result_is_nth_workday(offset in 0u64..1096, n in 1u32..30) {
        let cal = Calendar::cn();
        let as_of = date(2024, 1, 1) + Days::new(offset); // 2024-01-01..=2026-12-31
        let d = due(&cal, as_of, DeadlineRule::Workdays(n));
        prop_assert!(cal.is_workday(d.date));
        prop_assert!(d.date > as_of);
        let counted = as_of
            .iter_days()
            .skip(1)
            .take_while(|x| *x <= d.date)
            .filter(|x| cal.is_workday(*x))
            .count();
        prop_assert_eq!(counted, n as usize);
        let want: Vec<i32> = if d.date.year() == 2027 { vec![2027] } else { vec![] };
        prop_assert_eq!(d.uncovered_years, want);
    }

    #[test]
    fn week_skipping_matches_naive_count(offset in 0u64..2600, n in 1u32..2000) {
        let custom = Calendar::from_yaml(GOOD_2027).expect("valid file");
        for cal in [Calendar::cn(), Calendar::weekends_only(), custom] {
            let as_of = date(2022, 1, 1) + Days::new(offset);
            let d = due(&cal, as_of, DeadlineRule::Workdays(n));
            prop_assert_eq!(d.date, naive_add_workdays(&cal, as_of, n));
            let mut want = BTreeSet::new();
            for x in as_of.iter_days().skip(1).take_while(|x| *x <= d.date) {
                if !cal.covers(x.year()) {
                    want.insert(x.year());
                }
            }
            prop_assert_eq!(d.uncovered_years, want.into_iter().collect::<Vec<_>>());
        }
    }

    #[test]
    fn days_rule_is_first_workday_on_or_after(offset in 0u64..1500, n in 0u32..400) {
        let cal = Calendar::cn();
        let as_of = date(2023, 6, 1) + Days::new(offset);
        let d = due(&cal, as_of, DeadlineRule::Days(n));
        let end = as_of + Days::new(u64::from(n));
        prop_assert!(d.date >= end && cal.is_workday(d.date));
        prop_assert!(end.iter_days().take_while(|x| *x < d.date).all(|x| !cal.is_workday(x)));
    }

    #[test]
    fn from_yaml_never_panics(text in "\\PC{0,200}") {
        let _ = Calendar::from_yaml(&text);
    }
}
