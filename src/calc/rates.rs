//! Reference-rate tables for `fees: { method: lpr }` (SPEC 5, "Reference-rate interest").
//!
//! The built-in [`RateTable`] is the PBOC benchmark lending rate for days before 2019-08-20
//! and the Loan Prime Rate (LPR) from 2019-08-20 on, as courts apply them, in two tenors:
//! [`Tenor::OneYear`] (benchmark 六个月至一年; one-year LPR) and [`Tenor::FiveYear`]
//! (benchmark 五年以上; over-five-year LPR). The data is `rates/pboc.csv` and
//! `rates/lpr.csv`, compiled in and parsed once; `rates/SOURCES.md` cites where every row
//! comes from.
//!
//! The rate in force on a day is the row with the latest date on or before it: a new LPR
//! applies from its publication day. A `rates:` file ([`parse_rates_file`]) replaces the
//! table from its first date on ([`RateTable::extend`]). A day more than
//! [`STALE_AFTER_DAYS`] after the table's last date, or before its first, is reported in
//! [`Lookup::coverage`] so the caller can warn. Rates are percent per year (`4.35` is
//! 4.35 %), exact decimals.
//!
//! Pure: no I/O; the caller reads the `rates:` file and maps [`RatesError`] to a `Problem`.

use crate::messages::Text;
use std::fmt;
use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::dates::parse_date;

/// First day of the LPR table; the PBOC benchmark applies before it.
pub const LPR_START: NaiveDate = ymd(2019, 8, 20);

/// A day more than this many days after the table's last date is stale (SPEC 5): a fixing
/// is monthly, so the table is then missing at least one.
pub const STALE_AFTER_DAYS: u64 = 35;

const PBOC_CSV: &str = include_str!("rates/pboc.csv");
const LPR_CSV: &str = include_str!("rates/lpr.csv");

/// Rates above this are a typo (and `amount × rate × days` must not overflow a `Decimal`).
const MAX_PERCENT: Decimal = Decimal::ONE_HUNDRED;

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid date constant"),
    }
}

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

/// Which rate of the table: config `tenor: 1y` or `tenor: 5y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tenor {
    /// One-year LPR; before 2019-08-20 the benchmark rate 六个月至一年（含一年）.
    OneYear,
    /// Over-five-year LPR; before 2019-08-20 the benchmark rate 五年以上.
    FiveYear,
}

impl Tenor {
    pub const ALL: [Tenor; 2] = [Tenor::OneYear, Tenor::FiveYear];

    /// `1y` or `5y`, as the config writes it.
    pub fn parse(raw: &str) -> Option<Tenor> {
        match raw.trim() {
            "1y" => Some(Tenor::OneYear),
            "5y" => Some(Tenor::FiveYear),
            _ => None,
        }
    }

    /// The column of a `date,lpr1y,lpr5y` file that holds this tenor.
    pub fn lpr_column(self) -> &'static str {
        match self {
            Tenor::OneYear => "lpr1y",
            Tenor::FiveYear => "lpr5y",
        }
    }

    fn index(self) -> usize {
        match self {
            Tenor::OneYear => 0,
            Tenor::FiveYear => 1,
        }
    }
}

impl fmt::Display for Tenor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tenor::OneYear => "1y",
            Tenor::FiveYear => "5y",
        })
    }
}

/// What a row of the table is, for the letter's wording of the basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// 中国人民银行同期同类贷款基准利率 (built-in, before 2019-08-20).
    PbocBenchmark,
    /// 全国银行间同业拆借中心公布的贷款市场报价利率 (built-in, from 2019-08-20).
    Lpr,
    /// A row of the user's `rates:` file.
    RatesFile,
}

/// One dated row of one tenor: `rate` (percent per year) is in force from `date` until the
/// next row's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    pub rate: Decimal,
    pub basis: Basis,
}

/// Whether the table answers for a day or only approximates it (the caller warns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// From the first row to the last date + [`STALE_AFTER_DAYS`].
    Covered,
    /// Before the table's first date; the first row's rate was used.
    BeforeFirst { first: NaiveDate },
    /// More than [`STALE_AFTER_DAYS`] after the table's last date, which was used; the
    /// warning names `last` and the `rates:` file that adds newer fixings.
    Stale { last: NaiveDate },
}

/// The rate in force on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lookup {
    /// Percent per year.
    pub rate: Decimal,
    /// Date of the row used (the publication or effective date).
    pub since: NaiveDate,
    pub basis: Basis,
    pub coverage: Coverage,
}

/// Days `from..=to` at one constant rate (percent per year) from rows of one basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rate: Decimal,
    pub basis: Basis,
}

impl Period {
    /// Calendar days in the period, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// Dated rates of both tenors. Every tenor has at least one row, dates strictly increasing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTable {
    series: [Vec<Entry>; 2],
}

/// A parsed `rates:` file: the rows of the tenors it gives (one tenor for `date,rate`,
/// both for `date,lpr1y,lpr5y`), dates strictly increasing, at least one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatesFile {
    series: [Vec<(NaiveDate, Decimal)>; 2],
}

impl RatesFile {
    /// The tenors the file gives rates for.
    pub fn tenors(&self) -> Vec<Tenor> {
        Tenor::ALL
            .into_iter()
            .filter(|t| !self.series[t.index()].is_empty())
            .collect()
    }

    /// The rows of `tenor`; empty when the file does not give it.
    pub fn rows(&self, tenor: Tenor) -> &[(NaiveDate, Decimal)] {
        &self.series[tenor.index()]
    }
}

/// A bad line in a rates CSV. `Display` is `LINE: COLUMN: MESSAGE` (`LINE: MESSAGE` when the
/// whole line is wrong), so the caller prints `format!("{path}:{err}")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatesError {
    /// 1-based line of the file (the header is line 1 unless comments precede it).
    pub line: usize,
    /// The column as the header names it (`date`, `rate`, `lpr1y`, …); empty for the line.
    pub column: String,
    /// The offending text as found (the whole line when `column` is empty).
    pub value: String,
    /// What is wrong, naming the value; unworded (`Display` words it in English).
    pub message: Text,
}

impl fmt::Display for RatesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "{}: {}", self.line, self.message)
        } else {
            write!(f, "{}: {}: {}", self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for RatesError {}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

impl RateTable {
    /// The built-in table: PBOC benchmark before 2019-08-20, LPR from then on.
    ///
    /// # Panics
    /// If the compiled-in CSVs do not parse, a bug that `builtin_tables_parse` catches.
    pub fn builtin() -> &'static RateTable {
        static TABLE: OnceLock<RateTable> = OnceLock::new();
        TABLE.get_or_init(|| match RateTable::parse_builtin() {
            Ok(table) => table,
            Err(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                panic!("built-in rate table: {}", lines.join("; "))
            }
        })
    }

    fn parse_builtin() -> Result<RateTable, Vec<RatesError>> {
        let in_file = |file: &str, errors: Vec<RatesError>| -> Vec<RatesError> {
            errors
                .into_iter()
                .map(|mut e| {
                    e.message = Text::from(format!("{file}: {}", e.message));
                    e
                })
                .collect()
        };
        let pboc =
            parse_csv(PBOC_CSV, &[Layout::BOTH_PBOC], None).map_err(|e| in_file("pboc.csv", e))?;
        let lpr =
            parse_csv(LPR_CSV, &[Layout::BOTH_LPR], None).map_err(|e| in_file("lpr.csv", e))?;
        let mut series: [Vec<Entry>; 2] = [Vec::new(), Vec::new()];
        for tenor in Tenor::ALL {
            let i = tenor.index();
            let before = pboc.series[i].iter().map(|&(date, rate)| Entry {
                date,
                rate,
                basis: Basis::PbocBenchmark,
            });
            let after = lpr.series[i].iter().map(|&(date, rate)| Entry {
                date,
                rate,
                basis: Basis::Lpr,
            });
            series[i] = before.chain(after).collect();
        }
        let problem = |message: &str| {
            vec![RatesError {
                line: 0,
                column: String::new(),
                value: String::new(),
                message: Text::from(message),
            }]
        };
        if pboc.series[0].last().is_none_or(|&(d, _)| d >= LPR_START) {
            return Err(problem("pboc.csv must end before 2019-08-20"));
        }
        if lpr.series[0].first().map(|&(d, _)| d) != Some(LPR_START) {
            return Err(problem("lpr.csv must start on 2019-08-20"));
        }
        Ok(RateTable { series })
    }

    /// The rows of one tenor, oldest first.
    pub fn entries(&self, tenor: Tenor) -> &[Entry] {
        &self.series[tenor.index()]
    }

    /// Date of the tenor's first row.
    pub fn first_date(&self, tenor: Tenor) -> NaiveDate {
        self.entries(tenor)[0].date
    }

    /// Date of the tenor's last row: the one a stale-table warning names.
    pub fn last_date(&self, tenor: Tenor) -> NaiveDate {
        self.entries(tenor)[self.entries(tenor).len() - 1].date
    }

    /// Whether `date` is before the first row, covered, or stale for `tenor`.
    pub fn coverage(&self, date: NaiveDate, tenor: Tenor) -> Coverage {
        let first = self.first_date(tenor);
        let last = self.last_date(tenor);
        if date < first {
            Coverage::BeforeFirst { first }
        } else if last
            .checked_add_days(Days::new(STALE_AFTER_DAYS))
            .is_some_and(|fresh_until| date > fresh_until)
        {
            Coverage::Stale { last }
        } else {
            Coverage::Covered
        }
    }

    /// The rate in force on `date`: the row with the latest date on or before it (before the
    /// first row, the first row; past the last, the last).
    pub fn rate_on(&self, date: NaiveDate, tenor: Tenor) -> Lookup {
        let entries = self.entries(tenor);
        let after = entries.partition_point(|e| e.date <= date);
        let entry = entries[after.saturating_sub(1)];
        Lookup {
            rate: entry.rate,
            since: entry.date,
            basis: entry.basis,
            coverage: self.coverage(date, tenor),
        }
    }

    /// Replaces the tenors `file` gives from the file's first date on; rows before that
    /// date stay (SPEC 5: newer fixings extend the table).
    pub fn extend(&mut self, file: &RatesFile) {
        for tenor in file.tenors() {
            let rows = file.rows(tenor);
            let start = rows[0].0;
            let series = &mut self.series[tenor.index()];
            series.retain(|e| e.date < start);
            series.extend(rows.iter().map(|&(date, rate)| Entry {
                date,
                rate,
                basis: Basis::RatesFile,
            }));
        }
    }

    /// See [`periods`].
    pub fn periods(&self, first_day: NaiveDate, last_day: NaiveDate, tenor: Tenor) -> Vec<Period> {
        let entries = self.entries(tenor);
        let mut out: Vec<Period> = Vec::new();
        if first_day > last_day {
            return out;
        }
        let mut day = first_day;
        loop {
            let after = entries.partition_point(|e| e.date <= day);
            let entry = entries[after.saturating_sub(1)];
            // The day before the next row's date, if that comes within the range.
            let to = match entries.get(after) {
                Some(next) if next.date <= last_day => next.date.pred_opt().unwrap_or(day),
                _ => last_day,
            };
            match out.last_mut() {
                Some(prev) if prev.rate == entry.rate && prev.basis == entry.basis => prev.to = to,
                _ => out.push(Period {
                    from: day,
                    to,
                    rate: entry.rate,
                    basis: entry.basis,
                }),
            }
            match to.succ_opt() {
                Some(next) if to < last_day => day = next,
                _ => return out,
            }
        }
    }
}

/// Splits the days `first_day..=last_day` (for a fee: the day after `due_date` through
/// `as_of`) into periods of constant rate, oldest first. Adjacent rows with the same rate
/// and basis make one period; the days always add up to the whole range (none when
/// `first_day > last_day`). Days outside the table take the nearest row's rate: check
/// [`RateTable::coverage`] of `first_day` and `last_day` to warn.
pub fn periods(
    first_day: NaiveDate,
    last_day: NaiveDate,
    tenor: Tenor,
    table: &RateTable,
) -> Vec<Period> {
    table.periods(first_day, last_day, tenor)
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

/// A header a rates CSV may have: `date` then one column per tenor given.
#[derive(Debug, Clone, Copy)]
struct Layout {
    header: &'static [&'static str],
    /// Which tenor each column after `date` holds; `None` = the caller's tenor.
    tenors: &'static [Option<Tenor>],
}

impl Layout {
    const SINGLE: Layout = Layout {
        header: &["date", "rate"],
        tenors: &[None],
    };
    const BOTH_LPR: Layout = Layout {
        header: &["date", "lpr1y", "lpr5y"],
        tenors: &[Some(Tenor::OneYear), Some(Tenor::FiveYear)],
    };
    const BOTH_PBOC: Layout = Layout {
        header: &["date", "rate1y", "rate5y"],
        tenors: &[Some(Tenor::OneYear), Some(Tenor::FiveYear)],
    };
}

/// Parses a user's `rates:` file: a header `date,rate` (the rate of `tenor`, the configured
/// one) or `date,lpr1y,lpr5y`, then one row per fixing in percent per year (`3.45` or
/// `3.45%`), dates strictly increasing. Blank lines and lines starting with `#` are
/// skipped. Every bad line is reported, not just the first.
pub fn parse_rates_file(text: &str, tenor: Tenor) -> Result<RatesFile, Vec<RatesError>> {
    parse_csv(text, &[Layout::SINGLE, Layout::BOTH_LPR], Some(tenor))
}

fn parse_csv(
    text: &str,
    layouts: &[Layout],
    single: Option<Tenor>,
) -> Result<RatesFile, Vec<RatesError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let expected = || {
        layouts
            .iter()
            .map(|l| l.header.join(","))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let Some((header_line, header)) = lines.next() else {
        return Err(vec![RatesError {
            line: 1,
            column: String::new(),
            value: String::new(),
            message: Text::new("rates-empty").arg("expected", expected()),
        }]);
    };
    let names: Vec<String> = fields(header).map(|f| f.to_lowercase()).collect();
    let Some(layout) = layouts
        .iter()
        .find(|l| names.len() == l.header.len() && names.iter().zip(l.header).all(|(a, b)| a == b))
    else {
        return Err(vec![RatesError {
            line: header_line,
            column: String::new(),
            value: header.to_string(),
            message: Text::new("rates-header")
                .arg("header", format!("{:?}", header.trim()))
                .arg("expected", expected()),
        }]);
    };
    let tenor_of = |i: usize| layout.tenors[i].or(single).unwrap_or(Tenor::OneYear);

    let mut file = RatesFile {
        series: [Vec::new(), Vec::new()],
    };
    let mut errors = Vec::new();
    let mut previous: Option<(NaiveDate, usize)> = None;
    let mut rows = 0usize;
    for (line, raw) in lines {
        rows += 1;
        let mut values: Vec<&str> = fields(raw).collect();
        // Spreadsheets may append empty cells: `2024-01-22,3.45,4.20,`.
        while values.len() > layout.header.len() && values.last() == Some(&"") {
            values.pop();
        }
        if values.len() != layout.header.len() {
            errors.push(RatesError {
                line,
                column: String::new(),
                value: raw.to_string(),
                message: Text::new("rates-values")
                    .arg("n", layout.header.len())
                    .arg("header", layout.header.join(","))
                    .arg("found", values.len())
                    .arg("line", format!("{:?}", raw.trim())),
            });
            continue;
        }
        let error = |column: &str, value: &str, message: Text| RatesError {
            line,
            column: column.to_string(),
            value: value.to_string(),
            message,
        };
        let date = match parse_date(values[0]) {
            Ok(date) => Some(date),
            Err(why) => {
                let quoted = Text::new("quoted")
                    .arg("value", format!("{:?}", values[0]))
                    .part("why", &why);
                errors.push(error("date", values[0], quoted));
                None
            }
        };
        if let Some(date) = date {
            match previous {
                Some((prev, prev_line)) if date == prev => errors.push(error(
                    "date",
                    values[0],
                    Text::new("rates-date-twice")
                        .arg("date", date)
                        .arg("line", prev_line),
                )),
                Some((prev, prev_line)) if date < prev => errors.push(error(
                    "date",
                    values[0],
                    Text::new("rates-date-order")
                        .arg("date", date)
                        .arg("previous", prev)
                        .arg("line", prev_line),
                )),
                _ => {}
            }
            if previous.is_none_or(|(prev, _)| date > prev) {
                previous = Some((date, line));
            }
        }
        let mut rates = Vec::with_capacity(layout.tenors.len());
        for (i, value) in values[1..].iter().enumerate() {
            match parse_percent(value) {
                Ok(rate) => rates.push((tenor_of(i), rate)),
                Err(why) => errors.push(error(layout.header[i + 1], value, why)),
            }
        }
        if let Some(date) = date
            && errors.is_empty()
        {
            for (tenor, rate) in rates {
                file.series[tenor.index()].push((date, rate));
            }
        }
    }
    if rows == 0 {
        errors.push(RatesError {
            line: header_line,
            column: String::new(),
            value: header.to_string(),
            message: Text::new("rates-none"),
        });
    }
    if errors.is_empty() {
        Ok(file)
    } else {
        Err(errors)
    }
}

/// The cells of a CSV line, trimmed, surrounding double quotes removed.
fn fields(line: &str) -> impl Iterator<Item = &str> {
    line.split(',').map(|f| {
        let f = f.trim();
        f.strip_prefix('"')
            .and_then(|g| g.strip_suffix('"'))
            .map_or(f, str::trim)
    })
}

/// `3.45` or `3.45%`: percent per year, from 0 to 100.
fn parse_percent(raw: &str) -> Result<Decimal, Text> {
    let num = raw.strip_suffix('%').map_or(raw, str::trim);
    let bad = || Text::new("rates-percent").arg("value", format!("{raw:?}"));
    if num.is_empty()
        || num.len() > 12
        || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || num.bytes().filter(|&b| b == b'.').count() > 1
    {
        return Err(bad());
    }
    let rate: Decimal = num.parse().map_err(|_| bad())?;
    if rate > MAX_PERCENT {
        return Err(Text::new("rates-over-100").arg("value", format!("{raw:?}")));
    }
    Ok(rate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn table() -> &'static RateTable {
        RateTable::builtin()
    }
    fn rate(date: &str, tenor: Tenor) -> Decimal {
        table().rate_on(d(date), tenor).rate
    }
    fn period(from: &str, to: &str, rate: Decimal, basis: Basis) -> Period {
        Period {
            from: d(from),
            to: d(to),
            rate,
            basis,
        }
    }
    fn file(text: &str, tenor: Tenor) -> RatesFile {
        parse_rates_file(text, tenor).unwrap()
    }
    fn errors(text: &str) -> Vec<RatesError> {
        parse_rates_file(text, Tenor::OneYear).unwrap_err()
    }

    #[test]
    fn builtin_tables_parse() {
        let t = RateTable::parse_builtin().unwrap();
        for tenor in Tenor::ALL {
            let e = t.entries(tenor);
            // 8 PBOC rows (2012-06-08 .. 2015-10-24) + 82 monthly LPR fixings
            // (2019-08 .. 2026-05).
            assert_eq!(e.len(), 8 + 82, "{tenor}");
            assert_eq!(
                e.iter().filter(|r| r.basis == Basis::PbocBenchmark).count(),
                8
            );
            assert_eq!(t.first_date(tenor), d("2012-06-08"));
            assert_eq!(t.last_date(tenor), d("2026-05-20"));
            assert!(e.windows(2).all(|w| w[0].date < w[1].date));
            assert!(e.iter().all(|r| r.rate > dec!(2) && r.rate < dec!(8)));
        }
    }

    #[test]
    fn one_lpr_fixing_per_month_on_a_working_day() {
        let lpr: Vec<_> = table()
            .entries(Tenor::OneYear)
            .iter()
            .filter(|e| e.basis == Basis::Lpr)
            .collect();
        let months: Vec<(i32, u32)> = lpr
            .iter()
            .map(|e| (e.date.year(), e.date.month()))
            .collect();
        let mut expected = Vec::new();
        let (mut y, mut m) = (2019, 8);
        while (y, m) <= (2026, 5) {
            expected.push((y, m));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        assert_eq!(months, expected);
        for e in lpr {
            // Published on the 20th or the next working day (at most 4 days later: the
            // 2026 Spring Festival moved February's fixing to Tue 02-24).
            assert!((20..=24).contains(&e.date.day()), "{}", e.date);
            let weekend = matches!(e.date.weekday(), Weekday::Sat | Weekday::Sun);
            // Sat 2021-02-20 was a make-up working day (调休) of the 2021 Spring Festival.
            assert_eq!(weekend, e.date == d("2021-02-20"), "{}", e.date);
        }
    }

    #[test]
    fn benchmark_before_2019_08_20_lpr_from_then() {
        // 2019-08-19 is the last day of the 2015-10-24 benchmark: 4.35 (1y), 4.90 (5y+).
        let l = table().rate_on(d("2019-08-19"), Tenor::OneYear);
        assert_eq!(
            (l.rate, l.since, l.basis),
            (dec!(4.35), d("2015-10-24"), Basis::PbocBenchmark)
        );
        assert_eq!(l.coverage, Coverage::Covered);
        assert_eq!(rate("2019-08-19", Tenor::FiveYear), dec!(4.90));
        // 2019-08-20, the first LPR: 4.25 (1y), 4.85 (5y).
        let l = table().rate_on(d("2019-08-20"), Tenor::OneYear);
        assert_eq!(
            (l.rate, l.since, l.basis),
            (dec!(4.25), d("2019-08-20"), Basis::Lpr)
        );
        assert_eq!(rate("2019-08-20", Tenor::FiveYear), dec!(4.85));
    }

    #[test]
    fn a_fixing_applies_from_its_publication_day() {
        // August 2022 was published on Mon 08-22: Sun 08-21 still has July's 3.70 / 4.45.
        assert_eq!(rate("2022-08-21", Tenor::OneYear), dec!(3.70));
        assert_eq!(rate("2022-08-21", Tenor::FiveYear), dec!(4.45));
        assert_eq!(rate("2022-08-22", Tenor::OneYear), dec!(3.65));
        assert_eq!(rate("2022-08-22", Tenor::FiveYear), dec!(4.30));
        // Mon 2024-07-22: 3.45 → 3.35 (1y), 3.95 → 3.85 (5y).
        assert_eq!(rate("2024-07-21", Tenor::OneYear), dec!(3.45));
        assert_eq!(rate("2024-07-22", Tenor::OneYear), dec!(3.35));
        assert_eq!(rate("2024-07-22", Tenor::FiveYear), dec!(3.85));
        // Mon 2024-10-21: 3.35 → 3.10, 3.85 → 3.60.
        assert_eq!(rate("2024-10-20", Tenor::OneYear), dec!(3.35));
        assert_eq!(rate("2024-10-21", Tenor::OneYear), dec!(3.10));
        assert_eq!(rate("2024-10-21", Tenor::FiveYear), dec!(3.60));
        // 2024-02-20 cut only the 5y LPR, 4.20 → 3.95.
        assert_eq!(rate("2024-02-19", Tenor::FiveYear), dec!(4.20));
        assert_eq!(rate("2024-02-20", Tenor::FiveYear), dec!(3.95));
        assert_eq!(rate("2024-02-20", Tenor::OneYear), dec!(3.45));
        // 2025-05-20: 3.10 → 3.00, 3.60 → 3.50.
        assert_eq!(rate("2025-05-19", Tenor::OneYear), dec!(3.10));
        assert_eq!(rate("2025-05-20", Tenor::OneYear), dec!(3.00));
        assert_eq!(rate("2025-05-20", Tenor::FiveYear), dec!(3.50));
    }

    #[test]
    fn benchmark_changes_apply_from_their_effective_day() {
        // 2015-10-24: 4.60 → 4.35 (一年以内), 5.15 → 4.90 (五年以上).
        assert_eq!(rate("2015-10-23", Tenor::OneYear), dec!(4.60));
        assert_eq!(rate("2015-10-23", Tenor::FiveYear), dec!(5.15));
        assert_eq!(rate("2015-10-24", Tenor::OneYear), dec!(4.35));
        // 2012-07-06: 6.31 → 6.00 (六个月至一年), 6.80 → 6.55 (五年以上).
        assert_eq!(rate("2012-07-05", Tenor::OneYear), dec!(6.31));
        assert_eq!(rate("2012-07-05", Tenor::FiveYear), dec!(6.80));
        assert_eq!(rate("2012-07-06", Tenor::OneYear), dec!(6.00));
        assert_eq!(rate("2012-07-06", Tenor::FiveYear), dec!(6.55));
        // 2014-11-22: 6.00 → 5.60, 6.55 → 6.15.
        assert_eq!(rate("2014-11-22", Tenor::OneYear), dec!(5.60));
        assert_eq!(rate("2014-11-22", Tenor::FiveYear), dec!(6.15));
    }

    #[test]
    fn before_the_first_row_and_stale_are_flagged() {
        // First row 2012-06-08: the day before takes its rate, flagged.
        let l = table().rate_on(d("2012-06-07"), Tenor::OneYear);
        assert_eq!(l.rate, dec!(6.31));
        assert_eq!(
            l.coverage,
            Coverage::BeforeFirst {
                first: d("2012-06-08")
            }
        );
        assert_eq!(
            table().coverage(d("2012-06-08"), Tenor::OneYear),
            Coverage::Covered
        );
        // Last row 2026-05-20; + 35 days: May 20 + 11 = May 31, + 24 = 2026-06-24, still
        // covered; 2026-06-25 is stale and names 2026-05-20, read at the last row's 3.00.
        assert_eq!(
            table().coverage(d("2026-06-24"), Tenor::OneYear),
            Coverage::Covered
        );
        let l = table().rate_on(d("2026-06-25"), Tenor::OneYear);
        assert_eq!(
            l.coverage,
            Coverage::Stale {
                last: d("2026-05-20")
            }
        );
        assert_eq!((l.rate, l.since), (dec!(3.00), d("2026-05-20")));
        let l = table().rate_on(d("2026-12-01"), Tenor::FiveYear);
        assert_eq!(
            l.coverage,
            Coverage::Stale {
                last: d("2026-05-20")
            }
        );
        assert_eq!(l.rate, dec!(3.50));
    }

    #[test]
    fn a_period_across_2019_08_20_splits_at_each_change() {
        // 2019-08-01..2019-09-30, 1y: 08-01..08-19 benchmark 4.35 (19 days), 08-20..09-19
        // LPR 4.25 (12 + 19 = 31 days), 09-20..09-30 LPR 4.20 (11 days); 19 + 31 + 11 = 61
        // = the 31 + 30 days of August and September.
        let p = periods(d("2019-08-01"), d("2019-09-30"), Tenor::OneYear, table());
        assert_eq!(
            p,
            vec![
                period("2019-08-01", "2019-08-19", dec!(4.35), Basis::PbocBenchmark),
                period("2019-08-20", "2019-09-19", dec!(4.25), Basis::Lpr),
                period("2019-09-20", "2019-09-30", dec!(4.20), Basis::Lpr),
            ]
        );
        assert_eq!(
            p.iter().map(Period::days).collect::<Vec<_>>(),
            vec![19, 31, 11]
        );
        // 5y: 4.90 to 08-19, then 4.85 (the 09-20 fixing repeats 4.85: one period).
        let p = periods(d("2019-08-01"), d("2019-09-30"), Tenor::FiveYear, table());
        assert_eq!(
            p,
            vec![
                period("2019-08-01", "2019-08-19", dec!(4.90), Basis::PbocBenchmark),
                period("2019-08-20", "2019-09-30", dec!(4.85), Basis::Lpr),
            ]
        );
    }

    #[test]
    fn unchanged_fixings_merge_and_days_add_up() {
        // 2019-10-01..2020-02-29, 1y: 4.20 (09-20 and 10-21 fixings) to 11-19 = 31 + 19 =
        // 50 days; 4.15 (11-20, 12-20, 01-20) to 02-19 = 11 + 31 + 31 + 19 = 92 days;
        // 4.05 from 02-20 to 02-29 (leap year) = 10 days. 50 + 92 + 10 = 152 days.
        let p = periods(d("2019-10-01"), d("2020-02-29"), Tenor::OneYear, table());
        assert_eq!(
            p,
            vec![
                period("2019-10-01", "2019-11-19", dec!(4.20), Basis::Lpr),
                period("2019-11-20", "2020-02-19", dec!(4.15), Basis::Lpr),
                period("2020-02-20", "2020-02-29", dec!(4.05), Basis::Lpr),
            ]
        );
        assert_eq!(p.iter().map(Period::days).sum::<i64>(), 152);
        // The whole table, 2012 to past its end: the days always add up.
        let (from, to) = (d("2011-01-01"), d("2027-01-01"));
        for tenor in Tenor::ALL {
            let p = periods(from, to, tenor, table());
            assert_eq!(
                p.iter().map(Period::days).sum::<i64>(),
                (to - from).num_days() + 1
            );
            assert!(p.windows(2).all(|w| w[0].to.succ_opt() == Some(w[1].from)));
            assert!(
                p.windows(2)
                    .all(|w| (w[0].rate, w[0].basis) != (w[1].rate, w[1].basis))
            );
        }
    }

    #[test]
    fn single_days_and_empty_ranges() {
        let p = periods(d("2022-08-22"), d("2022-08-22"), Tenor::OneYear, table());
        assert_eq!(
            p,
            vec![period("2022-08-22", "2022-08-22", dec!(3.65), Basis::Lpr)]
        );
        // The day before a change: one day at the old rate.
        let p = periods(d("2022-08-21"), d("2022-08-21"), Tenor::OneYear, table());
        assert_eq!(
            p,
            vec![period("2022-08-21", "2022-08-21", dec!(3.70), Basis::Lpr)]
        );
        assert!(periods(d("2022-08-22"), d("2022-08-21"), Tenor::OneYear, table()).is_empty());
        // Before the table: the first row's rate (the caller warns on coverage).
        let p = periods(d("2012-06-01"), d("2012-06-30"), Tenor::FiveYear, table());
        assert_eq!(
            p,
            vec![period(
                "2012-06-01",
                "2012-06-30",
                dec!(6.80),
                Basis::PbocBenchmark
            )]
        );
    }

    #[test]
    fn a_rates_file_replaces_the_table_from_its_first_date() {
        // Made-up fixings, not data: the file starts 2026-04-20, so the built-in 2026-04-20
        // and 2026-05-20 rows go; 2026-03-20 and earlier stay.
        let f = file(
            "date,lpr1y,lpr5y\n2026-04-20,3.00,3.50\n2026-06-22,2.90,3.40\n",
            Tenor::OneYear,
        );
        assert_eq!(f.tenors(), vec![Tenor::OneYear, Tenor::FiveYear]);
        let mut t = table().clone();
        t.extend(&f);
        let l = t.rate_on(d("2026-03-25"), Tenor::OneYear);
        assert_eq!(
            (l.rate, l.since, l.basis),
            (dec!(3.00), d("2026-03-20"), Basis::Lpr)
        );
        let l = t.rate_on(d("2026-06-21"), Tenor::OneYear);
        assert_eq!(
            (l.rate, l.since, l.basis),
            (dec!(3.00), d("2026-04-20"), Basis::RatesFile)
        );
        assert_eq!(t.rate_on(d("2026-06-22"), Tenor::OneYear).rate, dec!(2.90));
        assert_eq!(t.rate_on(d("2026-06-22"), Tenor::FiveYear).rate, dec!(3.40));
        // The new last date moves the stale limit to 2026-06-22 + 35 = 2026-07-27.
        assert_eq!(t.last_date(Tenor::OneYear), d("2026-06-22"));
        assert_eq!(
            t.coverage(d("2026-07-27"), Tenor::OneYear),
            Coverage::Covered
        );
        assert_eq!(
            t.coverage(d("2026-07-28"), Tenor::OneYear),
            Coverage::Stale {
                last: d("2026-06-22")
            }
        );
        // 2026-03-01..2026-07-01: 3.00 built-in to 04-19, 3.00 from the file to 06-21,
        // then 2.90; 50 + 63 + 10 = 123 days = 31 + 30 + 31 + 30 + 1.
        let p = periods(d("2026-03-01"), d("2026-07-01"), Tenor::OneYear, &t);
        assert_eq!(
            p,
            vec![
                period("2026-03-01", "2026-04-19", dec!(3.00), Basis::Lpr),
                period("2026-04-20", "2026-06-21", dec!(3.00), Basis::RatesFile),
                period("2026-06-22", "2026-07-01", dec!(2.90), Basis::RatesFile),
            ]
        );
        assert_eq!(p.iter().map(Period::days).sum::<i64>(), 123);
    }

    #[test]
    fn a_single_rate_column_is_the_callers_tenor() {
        // `date,rate` with tenor 5y extends only the 5y series.
        let f = file("date,rate\n2026-06-22,3.40\n", Tenor::FiveYear);
        assert_eq!(f.tenors(), vec![Tenor::FiveYear]);
        assert_eq!(f.rows(Tenor::FiveYear), &[(d("2026-06-22"), dec!(3.40))]);
        let mut t = table().clone();
        t.extend(&f);
        assert_eq!(t.rate_on(d("2026-06-22"), Tenor::FiveYear).rate, dec!(3.40));
        assert_eq!(t.last_date(Tenor::FiveYear), d("2026-06-22"));
        assert_eq!(t.entries(Tenor::OneYear), table().entries(Tenor::OneYear));
        // A file older than the table replaces the whole tenor: one constant rate.
        let f = file("date,rate\n2010-01-01,5.00\n", Tenor::OneYear);
        let mut t = table().clone();
        t.extend(&f);
        assert_eq!(t.first_date(Tenor::OneYear), d("2010-01-01"));
        let p = periods(d("2019-01-01"), d("2019-12-31"), Tenor::OneYear, &t);
        assert_eq!(
            p,
            vec![period(
                "2019-01-01",
                "2019-12-31",
                dec!(5.00),
                Basis::RatesFile
            )]
        );
    }

    #[test]
    fn rates_file_forms() {
        // BOM, CRLF, comments, blank lines, quotes, `%`, header case, trailing empty cells,
        // the date forms clerks type.
        let f = file(
            "\u{feff}# our fixings\r\nDate , Rate\r\n\r\n\"2026-06-22\",\"3.40%\"\r\n2026/7/20,3.4,\r\n2026年8月20日, 3.35 \r\n",
            Tenor::OneYear,
        );
        assert_eq!(
            f.rows(Tenor::OneYear),
            &[
                (d("2026-06-22"), dec!(3.40)),
                (d("2026-07-20"), dec!(3.4)),
                (d("2026-08-20"), dec!(3.35)),
            ]
        );
        assert!(f.rows(Tenor::FiveYear).is_empty());
    }

    #[test]
    fn bad_rows_name_line_column_and_value() {
        let errs = errors(concat!(
            "date,lpr1y,lpr5y\n",     // 1
            "2026-06-22,3.00,3.50\n", // 2
            "2026/13/01,3.0,3.5\n",   // 3 bad date
            "2026-07-20,3,45,3.5\n",  // 4 a decimal comma: four values
            "2026-08-20,abc,3.5\n",   // 5 bad rate
            "2026-08-20,3.0,3.5\n",   // 6 duplicate of line 5
            "2026-08-01,3.0,3.5\n",   // 7 before line 5
            "2026-09-21,101,-1\n",    // 8 over 100 %, negative
        ));
        let got: Vec<(usize, &str, &str)> = errs
            .iter()
            .map(|e| (e.line, e.column.as_str(), e.value.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, "date", "2026/13/01"),
                (4, "", "2026-07-20,3,45,3.5"),
                (5, "lpr1y", "abc"),
                (6, "date", "2026-08-20"),
                (7, "date", "2026-08-01"),
                (8, "lpr1y", "101"),
                (8, "lpr5y", "-1"),
            ]
        );
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(text[0], "3: date: \"2026/13/01\": month 13 does not exist");
        assert!(
            text[1].starts_with("4: expected 3 values (date,lpr1y,lpr5y), found 4"),
            "{}",
            text[1]
        );
        assert_eq!(
            text[2],
            "5: lpr1y: \"abc\" is not a rate in percent per year (expected e.g. 3.45)"
        );
        assert_eq!(
            text[3],
            "6: date: 2026-08-20 appears twice (also on line 5)"
        );
        assert_eq!(
            text[4],
            "7: date: 2026-08-01 comes after 2026-08-20 (line 5): dates must increase"
        );
        assert_eq!(text[5], "8: lpr1y: \"101\" is over 100% a year");
    }

    #[test]
    fn bad_headers_and_empty_files() {
        let e = errors("day,rate\n2026-06-22,3.4\n");
        assert_eq!(
            (e[0].line, e[0].column.as_str(), e[0].value.as_str()),
            (1, "", "day,rate")
        );
        assert_eq!(
            e[0].to_string(),
            "1: header \"day,rate\" is not date,rate or date,lpr1y,lpr5y"
        );
        // Comments before the header: line numbers stay those of the file.
        let e = errors("# x\n\ndate,rate\n2026-06-22,x\n");
        assert_eq!((e[0].line, e[0].column.as_str()), (4, "rate"));
        let e = errors("");
        assert_eq!(e[0].line, 1);
        assert!(
            e[0].message.to_string().contains("empty"),
            "{}",
            e[0].message
        );
        let e = errors("date,rate\n# nothing yet\n");
        assert_eq!(e[0].to_string(), "1: no rates after the header");
        // The built-in PBOC header is not a user form.
        assert_eq!(errors("date,rate1y,rate5y\n2026-06-22,3,3.5\n")[0].line, 1);
    }

    #[test]
    fn tenor_names() {
        assert_eq!(Tenor::parse("1y"), Some(Tenor::OneYear));
        assert_eq!(Tenor::parse(" 5y "), Some(Tenor::FiveYear));
        assert_eq!(Tenor::parse("10y"), None);
        assert_eq!(Tenor::FiveYear.to_string(), "5y");
        assert_eq!(Tenor::OneYear.lpr_column(), "lpr1y");
    }
}
