//! The built-in `cn` table: public holidays and make-up working days from the State
//! Council's notices (国务院办公厅关于部分节假日安排的通知), one per year.

use super::{Calendar, Coverage};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Years whose State Council notice is transcribed in [`CN_TABLE`]; any other
/// year is "not covered" and falls back to weekends only, with a warning.
pub(super) const CN_YEARS: [i32; 3] = [2024, 2025, 2026];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DayKind {
    /// Inclusive run of days off (放假), weekend days inside the run included.
    Off,
    /// A single weekend day that is a make-up working day (调休上班).
    Work,
}

/// One line of a notice: `first..=last` of the given kind.
#[derive(Clone, Copy, Debug)]
pub(super) struct CnEntry {
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
    pub(super) kind: DayKind,
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
pub(super) const CN_TABLE: &[CnEntry] = &[
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
}
