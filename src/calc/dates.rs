//! Dates as clerks type them, and the day counts the figures rest on.

use crate::messages::Text;
use chrono::{DateTime, Local, NaiveDate, Utc};
use chrono_tz::Tz;

/// Parses `2026-11-22`, `2026/11/22`, `2026.11.22` or `2026年11月22日` (month and day may
/// have one digit, as Excel writes them). Impossible dates such as 2026/02/30 are errors.
pub fn parse_date(raw: &str) -> Result<NaiveDate, Text> {
    let s = raw.trim();
    let expected = || Text::new("date-bad");
    let parts: Vec<&str> = if let Some(rest) = s.strip_suffix('日') {
        let (y, rest) = rest.split_once('年').ok_or_else(expected)?;
        let (m, d) = rest.split_once('月').ok_or_else(expected)?;
        vec![y, m, d]
    } else {
        let sep = s
            .chars()
            .find(|c| matches!(c, '-' | '/' | '.'))
            .ok_or_else(expected)?;
        s.split(sep).collect()
    };
    let [y, m, d] = parts[..] else {
        return Err(expected());
    };
    let digits = |p: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
        return Err(expected());
    }
    let (y, m, d): (i32, u32, u32) = (
        y.parse().map_err(|_| expected())?,
        m.parse().map_err(|_| expected())?,
        d.parse().map_err(|_| expected())?,
    );
    if !(1900..=2999).contains(&y) {
        return Err(Text::new("date-year").arg("year", y));
    }
    if !(1..=12).contains(&m) {
        return Err(Text::new("date-month").arg("month", m));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        Text::new("date-day")
            .arg("day", d)
            .arg("month", format!("{y}-{m:02}"))
    })
}

/// The date it is at `now` in `zone` (the config's `timezone:`), or in the system's zone
/// when none is set: what "today" means for the default `--as-of`. `now` is passed in, so
/// the rule is tested at any instant.
pub fn today(now: DateTime<Utc>, zone: Option<Tz>) -> NaiveDate {
    match zone {
        Some(zone) => now.with_timezone(&zone).date_naive(),
        None => now.with_timezone(&Local).date_naive(),
    }
}

/// Calendar days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 22:30 UTC on 30 November is 06:30 on 1 December in Beijing (UTC+8, no summer time):
    /// a CronJob at 06:30 Beijing time dates its letters the 1st only with the zone set.
    #[test]
    fn today_is_the_date_in_the_configured_zone() {
        let now: DateTime<Utc> = "2026-11-30T22:30:00Z".parse().unwrap();
        let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
        assert_eq!(today(now, Some(shanghai)).to_string(), "2026-12-01");
        assert_eq!(today(now, Some(Tz::UTC)).to_string(), "2026-11-30");
        // One minute before midnight in Beijing: still the 30th there.
        let before: DateTime<Utc> = "2026-11-30T15:59:00Z".parse().unwrap();
        assert_eq!(today(before, Some(shanghai)).to_string(), "2026-11-30");
        let after: DateTime<Utc> = "2026-11-30T16:00:00Z".parse().unwrap();
        assert_eq!(today(after, Some(shanghai)).to_string(), "2026-12-01");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_spec_form() {
        for s in [
            "2026-11-22",
            "2026/11/22",
            "2026.11.22",
            "2026年11月22日",
            " 2026/11/22 ",
        ] {
            assert_eq!(parse_date(s), Ok(d(2026, 11, 22)), "{s}");
        }
        assert_eq!(parse_date("2026/1/5"), Ok(d(2026, 1, 5)));
        assert_eq!(parse_date("2026年1月5日"), Ok(d(2026, 1, 5)));
    }

    #[test]
    fn impossible_and_malformed_dates() {
        assert!(
            parse_date("2026-13-01")
                .unwrap_err()
                .to_string()
                .contains("month 13")
        );
        assert!(
            parse_date("2026/02/30")
                .unwrap_err()
                .to_string()
                .contains("day 30")
        );
        assert!(parse_date("2025-02-29").is_err());
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
        for bad in [
            "",
            "22/11/2026",
            "2026-11",
            "2026-11-22-1",
            "2026-1a-01",
            "2026/11-22",
            "26-11-22",
            "0000-01-01",
            "45000",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn day_counts() {
        assert_eq!(days_between(d(2026, 10, 1), d(2026, 11, 22)), 52);
        assert_eq!(days_between(d(2026, 11, 22), d(2026, 11, 20)), -2);
        assert_eq!(days_between(d(2024, 2, 28), d(2024, 3, 1)), 2);
    }

    proptest! {
        #[test]
        fn formats_round_trip(days in 0i64..365 * 300) {
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            prop_assert_eq!(parse_date(&date.format("%Y-%m-%d").to_string()), Ok(date));
            prop_assert_eq!(parse_date(&date.format("%Y/%-m/%-d").to_string()), Ok(date));
            prop_assert_eq!(parse_date(&date.format("%Y年%m月%d日").to_string()), Ok(date));
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = parse_date(&s);
        }
    }
}
