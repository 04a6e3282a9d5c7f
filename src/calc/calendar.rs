//! Working-day calendar and deadline rules.
//!
//! A [`Calendar`] says which dates are working days: Monday–Friday, minus public
//! holidays, plus weekend make-up working days (调休). [`deadline`] applies a
//! [`DeadlineRule`] to an `as_of` date and reports which consulted years the
//! calendar does not cover, so the CLI can warn that it fell back to weekends only.
//!
//! The `calendar:` config value maps to a constructor via [`CalendarSource::parse`]:
//! `cn` → [`Calendar::cn`], `none` → [`Calendar::weekends_only`], anything else is a
//! path to a YAML file read by the caller and passed to [`Calendar::from_yaml`].

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Bound::{Excluded, Unbounded};
use std::path::PathBuf;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_saphyr::{Location, MessageFormatter, Spanned};

// ---------------------------------------------------------------------------
// Built-in `cn` table
// ---------------------------------------------------------------------------

/// Years whose State Council notice is transcribed in [`CN_TABLE`]; any other
/// year is "not covered" and falls back to weekends only, with a warning.
const CN_YEARS: [i32; 3] = [2024, 2025, 2026];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DayKind {
    /// Inclusive run of days off (放假), weekend days inside the run included.
    Off,
    /// A single weekend day that is a make-up working day (调休上班).
    Work,
}

/// One line of a notice: `first..=last` of the given kind.
#[derive(Clone, Copy, Debug)]
struct CnEntry {
    first: NaiveDate,
    last: NaiveDate,
    kind: DayKind,
}

/// Only ever evaluated in const context, so a typo in the table is a compile
/// error rather than a runtime panic.
const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid date in the built-in cn table"),
    }
}

/// Days off in year `y` from `(m, d)` to `(m, d)` inclusive.
const fn off(y: i32, first: (u32, u32), last: (u32, u32)) -> CnEntry {
    CnEntry {
        first: ymd(y, first.0, first.1),
        last: ymd(y, last.0, last.1),
        kind: DayKind::Off,
    }
}

/// Weekend make-up working day.
const fn work(y: i32, m: u32, d: u32) -> CnEntry {
    let date = ymd(y, m, d);
    CnEntry {
        first: date,
        last: date,
        kind: DayKind::Work,
    }
}

/// Transcribed from the State Council notices (国务院办公厅关于…年部分节假日安排的通知).
const CN_TABLE: &[CnEntry] = &[
    // ---- 2024: 国务院办公厅关于2024年部分节假日安排的通知, 国办发明电〔2023〕7号, 2023-10-25
    // 元旦 New Year's Day: Jan 1, joined to the weekend.
    off(2024, (1, 1), (1, 1)),
    // 春节 Spring Festival: Feb 10–17 off; work Sun Feb 4 and Sun Feb 18.
    // (除夕 Feb 9 is only "encouraged" as leave, so it stays a working day.)
    off(2024, (2, 10), (2, 17)),
    work(2024, 2, 4),
    work(2024, 2, 18),
    // 清明节 Qingming: Apr 4–6 off; work Sun Apr 7.
    off(2024, (4, 4), (4, 6)),
    work(2024, 4, 7),
    // 劳动节 Labour Day: May 1–5 off; work Sun Apr 28 and Sat May 11.
    off(2024, (5, 1), (5, 5)),
    work(2024, 4, 28),
    work(2024, 5, 11),
    // 端午节 Dragon Boat: Jun 10, joined to the weekend.
    off(2024, (6, 10), (6, 10)),
    // 中秋节 Mid-Autumn: Sep 15–17 off; work Sat Sep 14.
    off(2024, (9, 15), (9, 17)),
    work(2024, 9, 14),
    // 国庆节 National Day: Oct 1–7 off; work Sun Sep 29 and Sat Oct 12.
    off(2024, (10, 1), (10, 7)),
    work(2024, 9, 29),
    work(2024, 10, 12),
    // ---- 2025: 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 2024-11-12
    // 元旦 New Year's Day: Jan 1 (Wed) only, no make-up day.
    off(2025, (1, 1), (1, 1)),
    // 春节 Spring Festival: Jan 28 (除夕)–Feb 4 off; work Sun Jan 26 and Sat Feb 8.
    off(2025, (1, 28), (2, 4)),
    work(2025, 1, 26),
    work(2025, 2, 8),
    // 清明节 Qingming: Apr 4–6 off.
    off(2025, (4, 4), (4, 6)),
    // 劳动节 Labour Day: May 1–5 off; work Sun Apr 27.
    off(2025, (5, 1), (5, 5)),
    work(2025, 4, 27),
    // 端午节 Dragon Boat: May 31–Jun 2 off.
    off(2025, (5, 31), (6, 2)),
    // 国庆节 + 中秋节 National Day with Mid-Autumn: Oct 1–8 off; work Sun Sep 28 and Sat Oct 11.
    off(2025, (10, 1), (10, 8)),
    work(2025, 9, 28),
    work(2025, 10, 11),
    // ---- 2026: 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04 (Xinhua)
    // 元旦 New Year's Day: Jan 1–3 off; work Sun Jan 4.
    off(2026, (1, 1), (1, 3)),
    work(2026, 1, 4),
    // 春节 Spring Festival: Feb 15–23 off; work Sat Feb 14 and Sat Feb 28.
    off(2026, (2, 15), (2, 23)),
    work(2026, 2, 14),
    work(2026, 2, 28),
    // 清明节 Qingming: Apr 4–6 off.
    off(2026, (4, 4), (4, 6)),
    // 劳动节 Labour Day: May 1–5 off; work Sat May 9.
    off(2026, (5, 1), (5, 5)),
    work(2026, 5, 9),
    // 端午节 Dragon Boat: Jun 19–21 off.
    off(2026, (6, 19), (6, 21)),
    // 中秋节 Mid-Autumn: Sep 25–27 off.
    off(2026, (9, 25), (9, 27)),
    // 国庆节 National Day: Oct 1–7 off; work Sun Sep 20 and Sat Oct 10.
    off(2026, (10, 1), (10, 7)),
    work(2026, 9, 20),
    work(2026, 10, 10),
];

// ---------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------

/// Which years a calendar claims to describe completely.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Coverage {
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
    /// Built-in mainland-China calendar covering 2024–2026.
    pub fn cn() -> Calendar {
        let mut cal = Calendar {
            name: "cn".to_owned(),
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
            coverage: Coverage::Years(CN_YEARS.into_iter().collect()),
        };
        for entry in CN_TABLE {
            let mut day = entry.first;
            while day <= entry.last {
                match entry.kind {
                    DayKind::Off => cal.holidays.insert(day),
                    DayKind::Work => cal.workdays.insert(day),
                };
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        cal
    }

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

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

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
    pub message: String,
}

impl CalendarError {
    fn at(location: Location, key: impl Into<String>, message: String) -> CalendarError {
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
            message: yaml_message(err),
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
        f.write_str(&self.message)
    }
}

impl std::error::Error for CalendarError {}

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

/// Escapes control characters so user text cannot break the one-line message.
/// A YAML error's message without serde-saphyr's own location suffix or snippet, on one line.
pub(crate) fn yaml_message(err: &serde_saphyr::Error) -> String {
    let mut inner = err;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = inner
    {
        inner = error;
    }
    printable(&serde_saphyr::UserMessageFormatter.format_message(inner))
}

fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// YAML file parsing
// ---------------------------------------------------------------------------

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
fn parse_date(text: &str) -> Result<NaiveDate, String> {
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
        return Err(format!("`{shown}` is not a date in YYYY-MM-DD form"));
    };
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(|| format!("`{shown}` is not a valid calendar date"))
}

fn build_custom(raw: RawFile) -> Result<Calendar, CalendarError> {
    if let Some(key) = raw.unknown_keys.first() {
        return Err(CalendarError::at(
            key.referenced,
            printable(&key.value),
            "unknown key (expected base, years, holidays or workdays)".to_owned(),
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
                format!("`{}` is not `cn` or `none`", other.escape_debug()),
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
                    format!("`{}` is not a four-digit year", item.value.escape_debug()),
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
                    format!(
                        "{date} is in {}, which is not listed under `years` (nor covered by base)",
                        date.year()
                    ),
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
                format!(
                    "{date} is also listed under `holidays` (line {})",
                    holiday_at.line()
                ),
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

// ---------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(e.message.contains("2027-02-30"), "{e}");
        let e = yaml_err("years: [2027]\nworkdays: [20270214]\n");
        assert_eq!((e.line, e.column), (2, 12));
        assert!(e.message.contains("YYYY-MM-DD"), "{e}");
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
            let msg = parse_date(bad).expect_err(bad);
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
        assert!(e.message.contains("line 3"), "{e}");
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
}
