//! A calendar YAML file (`calendar: PATH`): holidays and make-up days for years the
//! built-in table does not cover, or a calendar of one's own. Strict: a file that could
//! silently mean something else is an error with its line and column.

use super::{Calendar, Coverage};
use crate::error::{printable, yaml_text};
use crate::messages::Text;
use chrono::{Datelike, NaiveDate};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_saphyr::{Location, Spanned};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

impl Calendar {
    /// Parses a custom calendar file.
    ///
    /// ```yaml
    /// # All keys are optional; any other key is an error.
    /// base: cn            # start from the built-in table (`cn`) or from nothing (`none`, default)
    /// years: [2027]       # years this file describes completely (added to base's years)
    /// holidays:           # days off, YYYY-MM-DD; weekend days inside a run may be listed or not
    ///   - 2027-01-01
    ///   - 2027-02-06
    /// workdays:           # weekend make-up working days (调休), YYYY-MM-DD
    ///   - 2027-02-14
    /// ```
    ///
    /// Rules, so that a file cannot silently mean something else:
    /// - covered years are `years` plus base's years (2024–2026 for `cn`, none for `none`);
    ///   with `base: none` only the listed `years` are covered, unlike `calendar: none`;
    /// - every listed date must fall in a covered year (an uncovered year is weekends
    ///   only, so the date would be silently ignored);
    /// - a date in both `holidays` and `workdays` is an error; a date listed here
    ///   overrides the base table's verdict for that date;
    /// - `years` must be four-digit years (1000–9999); dates must be `YYYY-MM-DD`.
    ///
    /// # Errors
    /// Bad YAML, an unknown key, a bad year or date, or a rule above broken; the
    /// error carries the 1-based line and column of the offending node.
    pub fn from_yaml(text: &str) -> Result<Calendar, CalendarError> {
        let current = Cell::new(None);
        let raw = serde_saphyr::with_deserializer_from_str(text, |de| {
            FileSeed { current: &current }.deserialize(de)
        })
        .map_err(|err| CalendarError::from_yaml_error(&err, current.get()))?;
        build_custom(raw)
    }
}

/// A problem in a calendar YAML file.
///
/// `Display` is `LINE:COLUMN: KEY: MESSAGE` (parts omitted when unknown), so
/// the caller prints `format!("{path}:{err}")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarError {
    /// 1-based line; 0 if the parser could not tell.
    pub line: u64,
    /// 1-based column; 0 if the parser could not tell.
    pub column: u64,
    /// Top-level key the problem is under (or the unknown key itself).
    pub key: Option<String>,
    /// What is wrong, unworded (`Display` words it in English).
    pub message: Text,
}

impl CalendarError {
    fn at(location: Location, key: impl Into<String>, message: Text) -> CalendarError {
        CalendarError {
            line: location.line(),
            column: location.column(),
            key: Some(key.into()),
            message,
        }
    }

    fn from_yaml_error(err: &serde_saphyr::Error, key: Option<FileKey>) -> CalendarError {
        let (line, column) = err
            .location()
            .map_or((0, 0), |loc| (loc.line(), loc.column()));
        CalendarError {
            line,
            column,
            key: key.map(|k| k.as_str().to_owned()),
            message: yaml_text(err),
        }
    }
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl CalendarError {
    /// `PATH:LINE:COLUMN: KEY: MESSAGE`, the message in the run's language too.
    pub fn text(&self, path: &str) -> Text {
        let mut at = format!("{path}:");
        if self.line > 0 {
            at.push_str(&format!("{}:{}: ", self.line, self.column));
        }
        if let Some(key) = &self.key {
            at.push_str(&format!("{key}: "));
        }
        Text::new("calendar-file")
            .arg("at", at)
            .part("why", &self.message)
    }
}

impl std::error::Error for CalendarError {}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKey {
    Base,
    Years,
    Holidays,
    Workdays,
}

impl FileKey {
    fn parse(key: &str) -> Option<FileKey> {
        match key {
            "base" => Some(FileKey::Base),
            "years" => Some(FileKey::Years),
            "holidays" => Some(FileKey::Holidays),
            "workdays" => Some(FileKey::Workdays),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            FileKey::Base => "base",
            FileKey::Years => "years",
            FileKey::Holidays => "holidays",
            FileKey::Workdays => "workdays",
        }
    }
}

/// The file as written, with locations, before validation.
#[derive(Default)]
struct RawFile {
    base: Option<Spanned<String>>,
    /// Read as text (YAML integers arrive as their digits) so a bad year gets our message.
    years: Vec<Spanned<String>>,
    holidays: Vec<Spanned<String>>,
    workdays: Vec<Spanned<String>>,
    unknown_keys: Vec<Spanned<String>>,
}

/// Hand-written map visitor instead of a derive: it records which key is being
/// read (so parser errors name it) and keeps unknown keys with their location.
struct FileSeed<'a> {
    current: &'a Cell<Option<FileKey>>,
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = RawFile;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<RawFile, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = RawFile;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping with keys base, years, holidays, workdays")
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawFile, E> {
        Ok(RawFile::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<RawFile, E> {
        Ok(RawFile::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFile, A::Error> {
        let mut raw = RawFile::default();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let which = FileKey::parse(&key.value);
            self.current.set(which);
            match which {
                Some(FileKey::Base) => raw.base = map.next_value()?,
                Some(FileKey::Years) => {
                    raw.years = map.next_value::<Option<_>>()?.unwrap_or_default();
                }
                Some(FileKey::Holidays) => {
                    raw.holidays = map.next_value::<Option<_>>()?.unwrap_or_default();
                }
                Some(FileKey::Workdays) => {
                    raw.workdays = map.next_value::<Option<_>>()?.unwrap_or_default();
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                    raw.unknown_keys.push(key);
                }
            }
            self.current.set(None);
        }
        Ok(raw)
    }
}

/// Strict `YYYY-MM-DD`: chrono alone would also accept `2027-1-1` or `+2027-01-01`.
pub(super) fn parse_date(text: &str) -> Result<NaiveDate, Text> {
    let shown = text.escape_debug();
    let field = |s: &str, len: usize| {
        let digits = s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| s.parse::<u32>().ok()).flatten()
    };
    let mut parts = text.split('-');
    let ymd = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d), None) => (field(y, 4), field(m, 2), field(d, 2)),
        _ => (None, None, None),
    };
    let (Some(y), Some(m), Some(d)) = ymd else {
        return Err(Text::new("calendar-date-form").arg("value", shown));
    };
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(|| Text::new("calendar-date-bad").arg("value", shown))
}

fn build_custom(raw: RawFile) -> Result<Calendar, CalendarError> {
    if let Some(key) = raw.unknown_keys.first() {
        return Err(CalendarError::at(
            key.referenced,
            printable(&key.value),
            Text::new("calendar-unknown-key"),
        ));
    }

    let mut cal = match raw.base.as_ref().map(|b| (b.value.as_str(), b.referenced)) {
        None | Some(("none", _)) => Calendar {
            name: String::new(),
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
            coverage: Coverage::Years(BTreeSet::new()),
        },
        Some(("cn", _)) => Calendar::cn(),
        Some((other, location)) => {
            return Err(CalendarError::at(
                location,
                "base",
                Text::new("calendar-base").arg("value", other.escape_debug()),
            ));
        }
    };
    cal.name = "custom".to_owned();
    let mut years = match std::mem::replace(&mut cal.coverage, Coverage::AllYears) {
        Coverage::Years(years) => years,
        Coverage::AllYears => BTreeSet::new(),
    };
    for item in &raw.years {
        let year = item
            .value
            .parse::<i32>()
            .ok()
            .filter(|y| (1000..=9999).contains(y) && item.value.len() == 4)
            .ok_or_else(|| {
                CalendarError::at(
                    item.referenced,
                    "years",
                    Text::new("calendar-year").arg("value", item.value.escape_debug()),
                )
            })?;
        years.insert(year);
    }

    let read_dates = |items: &[Spanned<String>], key: FileKey| {
        let mut dates = BTreeMap::new();
        for item in items {
            let date = parse_date(&item.value)
                .map_err(|msg| CalendarError::at(item.referenced, key.as_str(), msg))?;
            if !years.contains(&date.year()) {
                return Err(CalendarError::at(
                    item.referenced,
                    key.as_str(),
                    Text::new("calendar-year-not-listed")
                        .arg("date", date)
                        .arg("year", date.year()),
                ));
            }
            dates.entry(date).or_insert(item.referenced);
        }
        Ok(dates)
    };
    let holidays = read_dates(&raw.holidays, FileKey::Holidays)?;
    let workdays = read_dates(&raw.workdays, FileKey::Workdays)?;

    for (date, location) in &workdays {
        if let Some(holiday_at) = holidays.get(date) {
            return Err(CalendarError::at(
                *location,
                "workdays",
                Text::new("calendar-both")
                    .arg("date", date)
                    .arg("line", holiday_at.line()),
            ));
        }
    }
    for date in holidays.into_keys() {
        cal.workdays.remove(&date);
        cal.holidays.insert(date);
    }
    for date in workdays.into_keys() {
        cal.holidays.remove(&date);
        cal.workdays.insert(date);
    }
    cal.coverage = Coverage::Years(years);
    Ok(cal)
}
