//! The working-day calendar: which dates are working days — Monday–Friday, minus public
//! holidays, plus weekend make-up working days (调休) — and which years it covers.
//!
//! - [`cn`]: the built-in mainland-China table, transcribed from the State Council notices;
//! - [`file`]: a calendar YAML file (`calendar: PATH` in the config);
//! - [`deadline`]: a [`DeadlineRule`] applied to `as_of`, with the years it consulted that
//!   the calendar does not cover (the caller warns: weekends only was used).
//!
//! The `calendar:` config value maps to a constructor via [`CalendarSource::parse`]:
//! `cn` → [`Calendar::cn`], `none` → [`Calendar::weekends_only`], anything else is a
//! path to a YAML file read by the caller and passed to [`Calendar::from_yaml`].

mod cn;
mod deadline;
mod file;
#[cfg(test)]
mod tests;

pub use deadline::{Deadline, DeadlineError, DeadlineRule, deadline};
pub use file::CalendarError;

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeSet;
use std::ops::Bound::{Excluded, Unbounded};
use std::path::PathBuf;

/// Which years a calendar claims to describe completely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Coverage {
    /// `none`: weekends only is the whole truth for every year.
    AllYears,
    Years(BTreeSet<i32>),
}

/// A working-day calendar.
///
/// Invariant: every date in `holidays`/`workdays` lies in a covered year, so an
/// uncovered year is automatically treated as weekends only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    name: String,
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
    coverage: Coverage,
}

impl Calendar {
    /// `calendar: none`: Monday–Friday are working days in every year, and no
    /// year is ever reported as uncovered.
    pub fn weekends_only() -> Calendar {
        Calendar {
            name: "none".to_owned(),
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
            coverage: Coverage::AllYears,
        }
    }

    /// Whether `d` is a working day: listed make-up day, else not a listed
    /// holiday and Monday–Friday.
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        if self.holidays.contains(&d) {
            return false;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// Whether the calendar describes `year` completely.
    pub fn covers(&self, year: i32) -> bool {
        match &self.coverage {
            Coverage::AllYears => true,
            Coverage::Years(years) => years.contains(&year),
        }
    }

    /// `cn`, `none`, or `custom` (a YAML file).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Covered years in ascending order; `None` means every year (`none`).
    pub fn covered_years(&self) -> Option<Vec<i32>> {
        match &self.coverage {
            Coverage::AllYears => None,
            Coverage::Years(years) => Some(years.iter().copied().collect()),
        }
    }

    /// First listed holiday or make-up day strictly after `d`; the plain
    /// weekday rule holds up to it, which lets [`deadline`] skip whole weeks.
    fn next_entry_after(&self, d: NaiveDate) -> Option<NaiveDate> {
        let h = self.holidays.range((Excluded(d), Unbounded)).next();
        let w = self.workdays.range((Excluded(d), Unbounded)).next();
        match (h, w) {
            (Some(a), Some(b)) => Some(*a.min(b)),
            (a, b) => a.or(b).copied(),
        }
    }
}

/// The parsed `calendar:` config value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarSource {
    Cn,
    None,
    /// Path to a YAML file (see [`Calendar::from_yaml`]); write `./cn` for a file named `cn`.
    File(PathBuf),
}

impl CalendarSource {
    /// `cn` and `none` are keywords; anything else is a path.
    pub fn parse(value: &str) -> CalendarSource {
        match value {
            "cn" => CalendarSource::Cn,
            "none" => CalendarSource::None,
            path => CalendarSource::File(PathBuf::from(path)),
        }
    }
}
