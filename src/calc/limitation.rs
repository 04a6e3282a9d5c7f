//! The limitation period (诉讼时效, 民法典 第188、195、201–203条, SPEC 5): the last day on which
//! a claim that started running on `start` can still be enforced.

use super::calendar::Calendar;
use chrono::{Datelike, NaiveDate};

/// Three years (民法典 第188条), unless the config says otherwise.
pub const DEFAULT_YEARS: u32 = 3;

/// The last day of a period of `years` years that starts on `start` (the day after the due
/// date, or the day of the latest interruption): `start`'s month and day `years` later
/// (29 February → 28 February: the month has no such day, 第202条), moved to the next working
/// day of `calendar` if it is not one (第203条). Also returns the calendar years the move
/// crossed that the calendar does not cover (counted Monday–Friday only: the caller warns).
pub fn limitation_date(start: NaiveDate, years: u32, calendar: &Calendar) -> (NaiveDate, Vec<i32>) {
    let year = start.year().saturating_add(years as i32);
    let mut last = NaiveDate::from_ymd_opt(year, start.month(), start.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, start.month(), 28))
        .unwrap_or(start);
    let mut uncovered = Vec::new();
    for _ in 0..60 {
        if !calendar.covers(last.year()) && !uncovered.contains(&last.year()) {
            uncovered.push(last.year());
        }
        if calendar.is_workday(last) {
            break;
        }
        match last.succ_opt() {
            Some(next) => last = next,
            None => break,
        }
    }
    (last, uncovered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn spec_example_lands_on_a_saturday() {
        // Due 2023-05-15 → starts 2023-05-16 → 2026-05-16, a Saturday → Monday 2026-05-18.
        let (last, uncovered) = limitation_date(d("2023-05-16"), 3, &Calendar::cn());
        assert_eq!(last, d("2026-05-18"));
        assert!(uncovered.is_empty());
    }

    #[test]
    fn a_holiday_moves_it_past_the_holiday() {
        // Starts 2022-10-01 → 2025-10-01, 国庆节 (2025-10-01..08 off, the 8th included):
        // the next working day is Thursday 2025-10-09.
        let (last, _) = limitation_date(d("2022-10-01"), 3, &Calendar::cn());
        assert_eq!(last, d("2025-10-09"));
        // A make-up working day (调休) counts: Sunday 2025-09-28 is one.
        let (last, _) = limitation_date(d("2022-09-28"), 3, &Calendar::cn());
        assert_eq!(last, d("2025-09-28"));
    }

    #[test]
    fn the_29th_of_february_becomes_the_28th() {
        // Starts 2024-02-29 → 2027-02-28, a Sunday → Monday 2027-03-01 (2027 not covered by
        // the built-in calendar: weekends only, reported).
        let (last, uncovered) = limitation_date(d("2024-02-29"), 3, &Calendar::cn());
        assert_eq!(last, d("2027-03-01"));
        assert_eq!(uncovered, vec![2027]);
        // Four years: 2028-02-29 exists.
        let (last, _) = limitation_date(d("2024-02-29"), 4, &Calendar::weekends_only());
        assert_eq!(last, d("2028-02-29"));
    }
}
