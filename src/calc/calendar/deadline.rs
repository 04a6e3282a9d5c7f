//! Deadlines: the N-th working day after `as_of`, or `as_of + N` moved to a working day.

use super::{Calendar, Coverage};
use chrono::{Datelike, Days, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt;

/// The deadline would fall after [`NaiveDate::MAX`]. Returned instead of a
/// saturated date, which would be a wrong figure in a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineError {
    OutOfRange,
}

impl fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeadlineError::OutOfRange => write!(
                f,
                "deadline falls after the last supported date {}",
                NaiveDate::MAX
            ),
        }
    }
}

impl std::error::Error for DeadlineError {}

/// How a deadline is counted from `as_of`; deserializes from `workdays: N` or `days: N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineRule {
    /// The N-th working day after `as_of` (`as_of` itself never counts).
    /// `Workdays(0)` is `as_of` if it is a working day, else the next one,
    /// i.e. the same as `Days(0)`.
    Workdays(u32),
    /// `as_of + N` calendar days, moved forward to the next working day if that
    /// date is not one (Civil Code rule for periods ending on a holiday).
    Days(u32),
}

/// A computed deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub date: NaiveDate,
    /// Years of dates whose working-day status was consulted but which the
    /// calendar does not cover (weekends only was used): sorted, deduplicated.
    pub uncovered_years: Vec<i32>,
}

/// Applies `rule` to `as_of`.
///
/// # Errors
/// [`DeadlineError::OutOfRange`] if the result would pass [`NaiveDate::MAX`].
pub fn deadline(
    cal: &Calendar,
    as_of: NaiveDate,
    rule: DeadlineRule,
) -> Result<Deadline, DeadlineError> {
    let mut probe = Probe {
        cal,
        uncovered: BTreeSet::new(),
    };
    let date = match rule {
        DeadlineRule::Workdays(0) => probe.roll_forward(as_of)?,
        DeadlineRule::Workdays(n) => probe.add_workdays(as_of, n)?,
        DeadlineRule::Days(n) => {
            let end = as_of
                .checked_add_days(Days::new(u64::from(n)))
                .ok_or(DeadlineError::OutOfRange)?;
            probe.roll_forward(end)?
        }
    };
    Ok(Deadline {
        date,
        uncovered_years: probe.uncovered.into_iter().collect(),
    })
}

/// Asks the calendar about dates while noting uncovered years.
struct Probe<'a> {
    cal: &'a Calendar,
    uncovered: BTreeSet<i32>,
}

impl Probe<'_> {
    fn is_workday(&mut self, d: NaiveDate) -> bool {
        self.note_years(d.year(), d.year());
        self.cal.is_workday(d)
    }

    fn note_years(&mut self, first: i32, last: i32) {
        if self.cal.coverage == Coverage::AllYears {
            return;
        }
        for year in first..=last {
            if !self.cal.covers(year) {
                self.uncovered.insert(year);
            }
        }
    }

    fn roll_forward(&mut self, mut d: NaiveDate) -> Result<NaiveDate, DeadlineError> {
        while !self.is_workday(d) {
            d = d.succ_opt().ok_or(DeadlineError::OutOfRange)?;
        }
        Ok(d)
    }

    /// Day by day, except that a week with no listed date in it holds exactly
    /// five working days and is skipped at once, so a huge N costs O(table)
    /// steps rather than O(N) and overflows promptly.
    fn add_workdays(&mut self, mut d: NaiveDate, n: u32) -> Result<NaiveDate, DeadlineError> {
        let mut remaining = u64::from(n);
        while remaining > 0 {
            // `remaining - 1` leaves at least one working day to the slow path, so
            // the result is always a date checked individually (never a jump target).
            let by_count = (remaining - 1) / 5;
            let by_table = match self.cal.next_entry_after(d) {
                // Whole weeks fitting strictly between d and t.
                Some(t) => u64::try_from((t - d).num_days() - 1).unwrap_or(0) / 7,
                None => u64::MAX,
            };
            let weeks = by_count.min(by_table);
            if weeks > 0 {
                let to = d
                    .checked_add_days(Days::new(weeks * 7))
                    .ok_or(DeadlineError::OutOfRange)?;
                let first_year = d.succ_opt().map_or(to.year(), |x| x.year());
                self.note_years(first_year, to.year());
                d = to;
                remaining -= weeks * 5;
                continue;
            }
            d = d.succ_opt().ok_or(DeadlineError::OutOfRange)?;
            if self.is_workday(d) {
                remaining -= 1;
            }
        }
        Ok(d)
    }
}
