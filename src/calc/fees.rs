//! Outstanding amounts and late fees (SPEC 5): pure functions on exact decimals.
//!
//! Payments are applied to the oldest due item first (`payments: principal`) or, item by
//! item, first to the fee accrued and unpaid at the payment date (`payments: costs_first`,
//! 民法典 第561条). The period from an item's due date to `as_of` is split at each payment
//! date and every part accrues on the balance in force then; with `method: lpr` each part is
//! split again wherever the reference rate changes. The rate table is a value in the policy.

use super::dates::days_between;
use super::money::{Money, round_cents};
use super::rates::{Basis, Coverage, RateTable, Tenor};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::sync::Arc;

/// How late fees accrue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeMethod {
    /// `balance × rate × days`.
    Daily,
    /// `balance × rate × days / day_count`.
    Annual,
    /// Each day `balance × R(t) / day_count`, `R(t)` from a reference-rate table.
    Lpr,
    /// No fee at all.
    None,
}

impl FeeMethod {
    /// The config's word for the method.
    pub fn as_str(self) -> &'static str {
        match self {
            FeeMethod::Daily => "daily",
            FeeMethod::Annual => "annual",
            FeeMethod::Lpr => "lpr",
            FeeMethod::None => "none",
        }
    }
}

/// Which day's reference rate applies (`rate_at:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateAt {
    /// The rate in force on each overdue day.
    EachDay,
    /// The rate in force on the first overdue day (违约行为发生时), for every day.
    FirstDay,
}

/// How dated payments are applied (`payments:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentOrder {
    /// To the oldest due item's principal.
    Principal,
    /// Item by item: first the fee accrued and unpaid at the payment date, then principal.
    CostsFirst,
}

/// The terms of `method: lpr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LprTerms {
    pub tenor: Tenor,
    /// The table's rate is multiplied by this (e.g. 1.5), then `spread` is added.
    pub multiplier: Decimal,
    /// Percentage points per year added after the multiplier.
    pub spread: Decimal,
    pub rate_at: RateAt,
    /// Percent per year, dated; the built-in table extended by a `rates:` file.
    pub table: Arc<RateTable>,
    /// The `rates:` file the table was extended with, as the config names it.
    pub rates_file: Option<String>,
}

impl Default for LprTerms {
    fn default() -> Self {
        LprTerms {
            tenor: Tenor::OneYear,
            multiplier: Decimal::ONE,
            spread: Decimal::ZERO,
            rate_at: RateAt::EachDay,
            table: Arc::new(RateTable::builtin().clone()),
            rates_file: None,
        }
    }
}

impl LprTerms {
    /// `R` in percent per year on `day`: `table(day) × multiplier + spread`.
    pub fn percent_on(&self, day: NaiveDate) -> Decimal {
        self.table.rate_on(day, self.tenor).rate * self.multiplier + self.spread
    }
}

/// The fee policy in force for one letter (config `fees:` with the row's overrides applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeePolicy {
    pub method: FeeMethod,
    /// Per day (`Daily`) or per year (`Annual`).
    pub rate: Decimal,
    /// 365 or 360, for `Annual` and `Lpr`.
    pub day_count: u32,
    /// An item owes a fee only when it is overdue by more than this many days.
    pub grace_days: u32,
    /// An item's fee never exceeds this percentage of its overdue amount at its due date.
    pub cap_percent: Option<Decimal>,
    /// Fixed charge added once per letter.
    pub flat: Money,
    /// For `Lpr`.
    pub lpr: LprTerms,
    /// How dated payments are applied.
    pub order: PaymentOrder,
}

impl Default for FeePolicy {
    /// SPEC 4's defaults: 0.05% a day, no grace, no cap, payments to principal.
    fn default() -> Self {
        FeePolicy {
            method: FeeMethod::Daily,
            rate: Decimal::new(5, 4),
            day_count: 365,
            grace_days: 0,
            cap_percent: None,
            flat: Money::ZERO,
            lpr: LprTerms::default(),
            order: PaymentOrder::Principal,
        }
    }
}

impl FeePolicy {
    /// The rate for one day for `Daily` and `Annual`; `Lpr` depends on the day, see
    /// [`FeePolicy::daily_rate_on`].
    pub fn daily_rate(&self) -> Decimal {
        match self.method {
            FeeMethod::Daily => self.rate,
            FeeMethod::Annual => self.rate / self.days_in_year(),
            FeeMethod::Lpr | FeeMethod::None => Decimal::ZERO,
        }
    }

    /// The rate for `day` of an item whose first overdue day is `first_day`: for `Lpr`
    /// `R ÷ day_count` with `R` of `day` (`rate_at: first_day`: of `first_day`).
    pub fn daily_rate_on(&self, first_day: NaiveDate, day: NaiveDate) -> Decimal {
        match self.method {
            FeeMethod::Lpr => {
                self.annual_percent(first_day, day) / Decimal::ONE_HUNDRED / self.days_in_year()
            }
            _ => self.daily_rate(),
        }
    }

    /// `R` in percent per year for `day` with `method: lpr`.
    fn annual_percent(&self, first_day: NaiveDate, day: NaiveDate) -> Decimal {
        match self.lpr.rate_at {
            RateAt::EachDay => self.lpr.percent_on(day),
            RateAt::FirstDay => self.lpr.percent_on(first_day),
        }
    }

    fn days_in_year(&self) -> Decimal {
        Decimal::from(self.day_count.max(1))
    }
}

/// One item of a letter as the engine needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub amount_due: Money,
    /// Paid on or before the due date (reduces the balance from the start).
    pub amount_paid: Money,
    pub due_date: NaiveDate,
}

/// A dated payment against the letter as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub date: NaiveDate,
    pub amount: Money,
}

/// Days `from..=to` of one item at one balance and one rate: a line of the calculation
/// table (计算明细).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeePeriod {
    /// First overdue day of the part.
    pub from: NaiveDate,
    /// Last day of the part (included).
    pub to: NaiveDate,
    pub days: i64,
    pub balance: Money,
    /// As the method states it: per day (`Daily`), a fraction per year (`Annual`), percent
    /// per year (`Lpr`: `R = table × multiplier + spread`).
    pub rate: Decimal,
    /// `Lpr` only: the table's rate (percent per year) before multiplier and spread.
    pub base_rate: Option<Decimal>,
    /// `Lpr` only: which table the rate came from.
    pub basis: Option<Basis>,
    /// Exact; the item's fee is the sum rounded once (then capped).
    pub amount: Decimal,
}

/// What one payment settled of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// Index of the payment.
    pub payment: usize,
    /// Index of the item.
    pub item: usize,
    /// Accrued fee settled (exact; always zero with `payments: principal`).
    pub fee: Decimal,
    /// Principal settled (exact).
    pub principal: Decimal,
}

/// The figures of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemArrears {
    /// `as_of − due_date` in calendar days (negative: not yet due).
    pub days_overdue: i64,
    /// `amount_paid` plus the payments applied to this item's principal up to `as_of`.
    pub paid: Money,
    /// Principal still owed, rounded for publication.
    pub outstanding: Money,
    /// Accrued and unpaid, rounded once, after the cap.
    pub fee: Money,
    /// The fee payments settled (`payments: costs_first`), rounded.
    pub fee_paid: Money,
    /// The cap limited the fee.
    pub capped: bool,
    /// The parts the fee accrued in; empty when no fee accrued.
    pub periods: Vec<FeePeriod>,
    /// `Lpr`: days the rate table did not cover (before its first date, or stale).
    pub rate_coverage: Vec<Coverage>,
}

/// The figures of one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrears {
    pub items: Vec<ItemArrears>,
    pub outstanding: Money,
    pub fee: Money,
    /// What payments settled of the fee (`payments: costs_first`).
    pub fee_paid: Money,
    pub flat: Money,
    pub total: Money,
    /// What one more day adds to the fee (每再延迟一天，违约金增加…元).
    pub daily_increment: Money,
    /// The largest `days_overdue` among items with money outstanding; `None` if none has.
    pub days_overdue: Option<i64>,
    /// Indices of payments dated after `as_of`, which were ignored.
    pub ignored_payments: Vec<usize>,
    /// What each applied payment settled, in payment-date order, item by item.
    pub settlements: Vec<Settlement>,
}

/// Why figures cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    #[error("amount_paid {paid} is more than amount_due {due}")]
    PaidMoreThanDue {
        item: usize,
        paid: Money,
        due: Money,
    },
    #[error("payment of {amount} on {date} exceeds what is still owed by {excess}")]
    Overpaid {
        payment: usize,
        date: NaiveDate,
        amount: Money,
        excess: Money,
    },
}

/// Computes every figure of one letter as of `as_of`.
pub fn compute(
    items: &[Item],
    payments: &[Payment],
    policy: &FeePolicy,
    as_of: NaiveDate,
) -> Result<Arrears, FeeError> {
    let mut start: Vec<Decimal> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if item.amount_paid > item.amount_due {
            return Err(FeeError::PaidMoreThanDue {
                item: i,
                paid: item.amount_paid,
                due: item.amount_due,
            });
        }
        start.push((item.amount_due - item.amount_paid).0);
    }

    // Allocate payments (in date order) item by item, oldest due first.
    let mut oldest_first: Vec<usize> = (0..items.len()).collect();
    oldest_first.sort_by_key(|&i| (items[i].due_date, i));
    let mut by_date: Vec<usize> = (0..payments.len()).collect();
    by_date.sort_by_key(|&p| (payments[p].date, p));
    let mut remaining = start.clone();
    let mut reductions: Vec<Vec<(NaiveDate, Decimal)>> = vec![Vec::new(); items.len()];
    let mut fee_paid = vec![Decimal::ZERO; items.len()];
    let mut settlements = Vec::new();
    let mut ignored_payments = Vec::new();
    for p in by_date {
        let payment = &payments[p];
        if payment.date > as_of {
            ignored_payments.push(p);
            continue;
        }
        let mut left = payment.amount.0;
        for &i in &oldest_first {
            if left.is_zero() {
                break;
            }
            let mut fee_take = Decimal::ZERO;
            if policy.order == PaymentOrder::CostsFirst {
                let accrued =
                    accrued_until(&items[i], start[i], &reductions[i], policy, payment.date)
                        .settled();
                fee_take = left.min(accrued - fee_paid[i]).max(Decimal::ZERO);
                fee_paid[i] += fee_take;
                left -= fee_take;
            }
            let take = left.min(remaining[i]);
            if take > Decimal::ZERO {
                remaining[i] -= take;
                left -= take;
                reductions[i].push((payment.date, take));
            }
            if fee_take > Decimal::ZERO || take > Decimal::ZERO {
                settlements.push(Settlement {
                    payment: p,
                    item: i,
                    fee: fee_take,
                    principal: take,
                });
            }
        }
        if left > Decimal::ZERO {
            return Err(FeeError::Overpaid {
                payment: p,
                date: payment.date,
                amount: payment.amount,
                excess: Money(left),
            });
        }
    }
    ignored_payments.sort_unstable();

    let mut figures = Vec::with_capacity(items.len());
    let mut increment = Decimal::ZERO;
    for (i, item) in items.iter().enumerate() {
        let acc = accrued_until(item, start[i], &reductions[i], policy, as_of);
        let (fee, capped) = match policy.order {
            // Rounded once, then capped (the cap is a rounded amount).
            PaymentOrder::Principal => match acc.cap {
                Some(cap) if !acc.raw.is_zero() && round_cents(acc.raw) >= cap => (cap, true),
                _ => (round_cents(acc.raw), false),
            },
            // Accrued and settled exactly; only what is left is rounded.
            PaymentOrder::CostsFirst => (
                round_cents(acc.settled() - fee_paid[i]),
                acc.cap
                    .is_some_and(|cap| !acc.raw.is_zero() && acc.raw >= cap),
            ),
        };
        let outstanding = remaining[i];
        let days_overdue = days_between(item.due_date, as_of);
        if outstanding > Decimal::ZERO && acc.owes_fee && !capped {
            let first_day = item.due_date.succ_opt().unwrap_or(item.due_date);
            increment += outstanding * policy.daily_rate_on(first_day, as_of);
        }
        figures.push(ItemArrears {
            days_overdue,
            paid: Money(item.amount_paid.0 + (start[i] - remaining[i])),
            outstanding: Money(round_cents(outstanding)),
            fee: Money(fee),
            fee_paid: Money(round_cents(fee_paid[i])),
            capped,
            periods: acc.periods,
            rate_coverage: acc.coverage,
        });
    }

    let outstanding: Money = figures.iter().map(|f| f.outstanding).sum();
    let fee: Money = figures.iter().map(|f| f.fee).sum();
    let paid_fees: Money = figures.iter().map(|f| f.fee_paid).sum();
    let days_overdue = figures
        .iter()
        .filter(|f| f.outstanding.is_positive())
        .map(|f| f.days_overdue)
        .max();
    Ok(Arrears {
        outstanding,
        fee,
        fee_paid: paid_fees,
        flat: policy.flat,
        total: outstanding + fee + policy.flat,
        daily_increment: Money(round_cents(increment)),
        days_overdue,
        items: figures,
        ignored_payments,
        settlements,
    })
}

/// The fee one item accrued from its due date to `until`.
struct Accrued {
    /// Exact, before the cap.
    raw: Decimal,
    /// The cap in money, rounded (`cap_percent` of the balance at the due date).
    cap: Option<Decimal>,
    /// Late by more than the grace days (to `until`, or to the payment that cleared it).
    owes_fee: bool,
    periods: Vec<FeePeriod>,
    coverage: Vec<Coverage>,
}

impl Accrued {
    /// The exact fee a payment can settle: `raw`, at most the cap.
    fn settled(&self) -> Decimal {
        match self.cap {
            Some(cap) => self.raw.min(cap),
            None => self.raw,
        }
    }
}

/// One item: its balance at the due date (`start` less the principal paid on or before it),
/// then the principal payments applied to it after that, accrued to `until`.
fn accrued_until(
    item: &Item,
    start: Decimal,
    reductions: &[(NaiveDate, Decimal)],
    policy: &FeePolicy,
    until: NaiveDate,
) -> Accrued {
    let due = item.due_date;
    let upto: Vec<(NaiveDate, Decimal)> = reductions
        .iter()
        .copied()
        .filter(|(d, _)| *d <= until)
        .collect();
    // Payments on or before the due date reduce the balance from the start.
    let early: Decimal = upto
        .iter()
        .filter(|(d, _)| *d <= due)
        .map(|(_, a)| *a)
        .sum();
    let at_due = start - early;
    let cap = policy
        .cap_percent
        .map(|c| round_cents(at_due * c / Decimal::ONE_HUNDRED));
    let later: Vec<(NaiveDate, Decimal)> = upto.into_iter().filter(|(d, _)| *d > due).collect();

    // How long the item was actually late: to `until`, or to the payment that cleared it.
    let mut cleared = until;
    let mut balance = at_due;
    for (d, a) in &later {
        balance -= *a;
        if balance <= Decimal::ZERO {
            cleared = *d;
            break;
        }
    }
    if at_due <= Decimal::ZERO {
        cleared = due;
    }
    let late_days = days_between(due, cleared.min(until));
    let owes_fee = policy.method != FeeMethod::None && late_days > i64::from(policy.grace_days);

    let mut acc = Accrued {
        raw: Decimal::ZERO,
        cap,
        owes_fee,
        periods: Vec::new(),
        coverage: Vec::new(),
    };
    if !owes_fee {
        return acc;
    }
    let first_day = due.succ_opt().unwrap_or(due);
    let mut balance = at_due;
    let mut from = due;
    for (d, a) in &later {
        accrue(&mut acc, first_day, from, *d, balance, policy);
        balance -= *a;
        from = *d;
    }
    accrue(&mut acc, first_day, from, until, balance, policy);
    acc
}

/// Accrues `balance` over the days after `after` through `through`, adding its periods.
fn accrue(
    acc: &mut Accrued,
    first_day: NaiveDate,
    after: NaiveDate,
    through: NaiveDate,
    balance: Decimal,
    policy: &FeePolicy,
) {
    let days = days_between(after, through);
    let Some(from) = after.succ_opt() else {
        return;
    };
    if days <= 0 || balance <= Decimal::ZERO {
        return;
    }
    let year = policy.days_in_year();
    let push = |acc: &mut Accrued, from, to, days: i64, rate, base_rate, basis, amount| {
        acc.raw += amount;
        acc.periods.push(FeePeriod {
            from,
            to,
            days,
            balance: Money(balance),
            rate,
            base_rate,
            basis,
            amount,
        });
    };
    let n = Decimal::from(days);
    match policy.method {
        FeeMethod::None => {}
        FeeMethod::Daily => {
            let amount = balance * policy.rate * n;
            push(acc, from, through, days, policy.rate, None, None, amount);
        }
        FeeMethod::Annual => {
            let amount = balance * policy.rate * n / year;
            push(acc, from, through, days, policy.rate, None, None, amount);
        }
        FeeMethod::Lpr => {
            let lpr = &policy.lpr;
            let note = |acc: &mut Accrued, day: NaiveDate| {
                let c = lpr.table.coverage(day, lpr.tenor);
                if c != Coverage::Covered && !acc.coverage.contains(&c) {
                    acc.coverage.push(c);
                }
            };
            let parts = match lpr.rate_at {
                RateAt::EachDay => {
                    note(acc, from);
                    note(acc, through);
                    lpr.table.periods(from, through, lpr.tenor)
                }
                RateAt::FirstDay => {
                    note(acc, first_day);
                    let l = lpr.table.rate_on(first_day, lpr.tenor);
                    vec![super::rates::Period {
                        from,
                        to: through,
                        rate: l.rate,
                        basis: l.basis,
                    }]
                }
            };
            for part in parts {
                let r = part.rate * lpr.multiplier + lpr.spread;
                let d = part.days();
                let amount = balance * r * Decimal::from(d) / Decimal::ONE_HUNDRED / year;
                push(
                    acc,
                    part.from,
                    part.to,
                    d,
                    r,
                    Some(part.rate),
                    Some(part.basis),
                    amount,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn daily(rate: Decimal) -> FeePolicy {
        FeePolicy {
            method: FeeMethod::Daily,
            rate,
            ..FeePolicy::default()
        }
    }
    fn item(due: Decimal, paid: Decimal, date: &str) -> Item {
        Item {
            amount_due: Money(due),
            amount_paid: Money(paid),
            due_date: d(date),
        }
    }

    #[test]
    fn daily_fee_worked_example() {
        // 10,000.00 due 2026-10-01, as of 2026-11-22: 52 days × 0.05% = 260.00.
        let f = compute(
            &[item(dec!(10000), dec!(0), "2026-10-01")],
            &[],
            &daily(dec!(0.0005)),
            d("2026-11-22"),
        )
        .unwrap();
        assert_eq!(f.items[0].days_overdue, 52);
        assert_eq!(f.outstanding, Money(dec!(10000)));
        assert_eq!(f.fee, Money(dec!(260.00)));
        assert_eq!(f.total, Money(dec!(10260.00)));
        assert_eq!(f.daily_increment, Money(dec!(5.00)));
        assert_eq!(f.days_overdue, Some(52));
    }

    #[test]
    fn amount_paid_reduces_from_the_start() {
        // (16,409.02 − 6,000) × 0.0005 × 10 = 52.045 → 52.05 (四舍五入, banker's would give 52.04).
        let f = compute(
            &[item(dec!(16409.02), dec!(6000), "2026-11-12")],
            &[],
            &daily(dec!(0.0005)),
            d("2026-11-22"),
        )
        .unwrap();
        assert_eq!(f.outstanding, Money(dec!(10409.02)));
        assert_eq!(f.fee, Money(dec!(52.05)));
    }

    #[test]
    fn a_payment_splits_the_fee_period() {
        // 10,000 due 09-01; 4,000 paid 10-01 (30 days at 10,000), then 52 days at 6,000 to 11-22.
        // 10,000 × 0.001 × 30 = 300; 6,000 × 0.001 × 52 = 312; fee 612.00.
        let pays = [Payment {
            date: d("2026-10-01"),
            amount: Money(dec!(4000)),
        }];
        let f = compute(
            &[item(dec!(10000), dec!(0), "2026-09-01")],
            &pays,
            &daily(dec!(0.001)),
            d("2026-11-22"),
        )
        .unwrap();
        assert_eq!(f.outstanding, Money(dec!(6000)));
        assert_eq!(f.fee, Money(dec!(612.00)));
        assert_eq!(f.items[0].paid, Money(dec!(4000)));
        assert_eq!(f.daily_increment, Money(dec!(6.00)));
    }

    #[test]
    fn payments_go_to_the_oldest_item_first() {
        // Items listed newest first; the 1,500 payment clears the older (09-01) item and 500 of the newer.
        let items = [
            item(dec!(2000), dec!(0), "2026-10-01"),
            item(dec!(1000), dec!(0), "2026-09-01"),
        ];
        let pays = [Payment {
            date: d("2026-09-11"),
            amount: Money(dec!(1500)),
        }];
        let f = compute(&items, &pays, &daily(dec!(0.001)), d("2026-10-11")).unwrap();
        assert_eq!(f.items[1].outstanding, Money::ZERO);
        assert_eq!(f.items[0].outstanding, Money(dec!(1500)));
        // Older: 1,000 × 0.001 × 10 days until paid = 10.00 (paid in full late still owes it).
        assert_eq!(f.items[1].fee, Money(dec!(10.00)));
        // Newer: 500 paid before its due date; 1,500 × 0.001 × 10 = 15.00.
        assert_eq!(f.items[0].fee, Money(dec!(15.00)));
        assert_eq!(f.days_overdue, Some(10));
    }

    #[test]
    fn payments_after_as_of_are_ignored() {
        let pays = [Payment {
            date: d("2026-12-01"),
            amount: Money(dec!(100)),
        }];
        let f = compute(
            &[item(dec!(100), dec!(0), "2026-11-01")],
            &pays,
            &daily(dec!(0.001)),
            d("2026-11-11"),
        )
        .unwrap();
        assert_eq!(f.outstanding, Money(dec!(100)));
        assert_eq!(f.ignored_payments, vec![0]);
    }

    #[test]
    fn overpayment_is_an_error() {
        let pays = [Payment {
            date: d("2026-11-05"),
            amount: Money(dec!(150)),
        }];
        let e = compute(
            &[item(dec!(100), dec!(0), "2026-11-01")],
            &pays,
            &daily(dec!(0.001)),
            d("2026-11-11"),
        )
        .unwrap_err();
        assert!(matches!(e, FeeError::Overpaid { excess, .. } if excess == Money(dec!(50))));
        let e = compute(
            &[item(dec!(100), dec!(101), "2026-11-01")],
            &[],
            &daily(dec!(0.001)),
            d("2026-11-11"),
        )
        .unwrap_err();
        assert!(matches!(e, FeeError::PaidMoreThanDue { .. }));
    }

    #[test]
    fn grace_boundary() {
        let mut p = daily(dec!(0.001));
        p.grace_days = 10;
        // days_overdue equal to grace_days owes no fee.
        let f = compute(
            &[item(dec!(1000), dec!(0), "2026-11-01")],
            &[],
            &p,
            d("2026-11-11"),
        )
        .unwrap();
        assert_eq!(f.items[0].days_overdue, 10);
        assert_eq!(f.fee, Money::ZERO);
        // One day more: the whole period accrues, 11 days × 1.00.
        let f = compute(
            &[item(dec!(1000), dec!(0), "2026-11-01")],
            &[],
            &p,
            d("2026-11-12"),
        )
        .unwrap();
        assert_eq!(f.fee, Money(dec!(11.00)));
    }

    #[test]
    fn paid_within_grace_owes_nothing() {
        let mut p = daily(dec!(0.001));
        p.grace_days = 5;
        let pays = [Payment {
            date: d("2026-11-04"),
            amount: Money(dec!(1000)),
        }];
        let f = compute(
            &[item(dec!(1000), dec!(0), "2026-11-01")],
            &pays,
            &p,
            d("2026-11-30"),
        )
        .unwrap();
        assert_eq!(f.fee, Money::ZERO);
        assert_eq!(f.days_overdue, None);
    }

    #[test]
    fn cap_limits_each_item() {
        let mut p = daily(dec!(0.01));
        p.cap_percent = Some(dec!(30));
        // 1,000 × 1% × 100 days = 1,000, capped at 30% of 1,000 = 300.
        let f = compute(
            &[item(dec!(1000), dec!(0), "2026-01-01")],
            &[],
            &p,
            d("2026-04-11"),
        )
        .unwrap();
        assert_eq!(f.fee, Money(dec!(300.00)));
        assert!(f.items[0].capped);
        // A capped item adds nothing per day.
        assert_eq!(f.daily_increment, Money::ZERO);
        // Below the cap it is untouched: 10 days = 100.
        let f = compute(
            &[item(dec!(1000), dec!(0), "2026-01-01")],
            &[],
            &p,
            d("2026-01-11"),
        )
        .unwrap();
        assert_eq!(f.fee, Money(dec!(100.00)));
        assert!(!f.items[0].capped);
    }

    #[test]
    fn annual_365_vs_360() {
        // 36,500 × 10% × 30 / 365 = 300.00; / 360 = 304.166… → 304.17.
        let mut p = FeePolicy {
            method: FeeMethod::Annual,
            rate: dec!(0.10),
            ..FeePolicy::default()
        };
        let items = [item(dec!(36500), dec!(0), "2026-10-23")];
        assert_eq!(
            compute(&items, &[], &p, d("2026-11-22")).unwrap().fee,
            Money(dec!(300.00))
        );
        p.day_count = 360;
        let f = compute(&items, &[], &p, d("2026-11-22")).unwrap();
        assert_eq!(f.fee, Money(dec!(304.17)));
        // Daily increment: 36,500 × 0.10 / 360 = 10.1388… → 10.14.
        assert_eq!(f.daily_increment, Money(dec!(10.14)));
    }

    #[test]
    fn flat_is_added_once_per_letter() {
        let mut p = daily(dec!(0));
        p.flat = Money(dec!(50));
        let items = [
            item(dec!(100), dec!(0), "2026-11-01"),
            item(dec!(200), dec!(0), "2026-11-02"),
        ];
        let f = compute(&items, &[], &p, d("2026-11-22")).unwrap();
        assert_eq!(f.flat, Money(dec!(50)));
        assert_eq!(f.total, Money(dec!(350)));
    }

    #[test]
    fn each_item_is_rounded_once_then_summed() {
        // Two items each accruing 0.005: each rounds to 0.01, so the letter owes 0.02 (not 0.01).
        let items = [
            item(dec!(1), dec!(0), "2026-11-21"),
            item(dec!(1), dec!(0), "2026-11-21"),
        ];
        let f = compute(&items, &[], &daily(dec!(0.005)), d("2026-11-22")).unwrap();
        assert_eq!(f.fee, Money(dec!(0.02)));
    }

    #[test]
    fn not_yet_due_owes_no_fee() {
        let f = compute(
            &[item(dec!(100), dec!(0), "2026-12-01")],
            &[],
            &daily(dec!(0.001)),
            d("2026-11-22"),
        )
        .unwrap();
        assert_eq!(f.items[0].days_overdue, -9);
        assert_eq!(f.fee, Money::ZERO);
        assert_eq!(f.daily_increment, Money::ZERO);
        assert_eq!(f.days_overdue, Some(-9));
    }

    #[test]
    fn method_none() {
        let mut p = daily(dec!(0.001));
        p.method = FeeMethod::None;
        let f = compute(
            &[item(dec!(100), dec!(0), "2026-01-01")],
            &[],
            &p,
            d("2026-11-22"),
        )
        .unwrap();
        assert_eq!(f.fee, Money::ZERO);
        assert_eq!(f.daily_increment, Money::ZERO);
    }

    fn lpr(multiplier: Decimal, day_count: u32, rate_at: RateAt) -> FeePolicy {
        FeePolicy {
            method: FeeMethod::Lpr,
            day_count,
            lpr: LprTerms {
                multiplier,
                rate_at,
                ..LprTerms::default()
            },
            ..FeePolicy::default()
        }
    }

    fn one(amount: Decimal, due: &str) -> [Item; 1] {
        [item(amount, dec!(0), due)]
    }

    #[test]
    fn lpr_across_2019_08_20_each_day_360() {
        // 10,000.00 due 2019-08-01, as of 2019-09-30 (60 days), 1y, ×1.0, day_count 360:
        //   08-02..08-19  18 days at the PBOC benchmark 4.35%: 10,000 × 4.35% × 18 / 360 = 21.75
        //   08-20..09-19  31 days at LPR 4.25%:                10,000 × 4.25% × 31 / 360 = 36.597222…
        //   09-20..09-30  11 days at LPR 4.20%:                10,000 × 4.20% × 11 / 360 = 12.833333…
        //   total 71.180555… → 71.18; one more day at 4.20%: 10,000 × 4.20% / 360 = 1.1666… → 1.17.
        let f = compute(
            &one(dec!(10000), "2019-08-01"),
            &[],
            &lpr(dec!(1), 360, RateAt::EachDay),
            d("2019-09-30"),
        )
        .unwrap();
        let p = &f.items[0].periods;
        let got: Vec<(NaiveDate, NaiveDate, i64, Decimal, Decimal)> = p
            .iter()
            .map(|p| (p.from, p.to, p.days, p.rate, round_cents(p.amount)))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    d("2019-08-02"),
                    d("2019-08-19"),
                    18,
                    dec!(4.35),
                    dec!(21.75)
                ),
                (
                    d("2019-08-20"),
                    d("2019-09-19"),
                    31,
                    dec!(4.25),
                    dec!(36.60)
                ),
                (
                    d("2019-09-20"),
                    d("2019-09-30"),
                    11,
                    dec!(4.20),
                    dec!(12.83)
                ),
            ]
        );
        assert_eq!(p[0].basis, Some(Basis::PbocBenchmark));
        assert_eq!(p[1].basis, Some(Basis::Lpr));
        assert_eq!(f.fee, Money(dec!(71.18)));
        assert_eq!(f.daily_increment, Money(dec!(1.17)));
        assert!(f.items[0].rate_coverage.is_empty());
    }

    #[test]
    fn lpr_first_day_reads_the_table_once() {
        // The same item with rate_at: first_day: the first overdue day 2019-08-02 is at the
        // benchmark 4.35% for all 60 days: 10,000 × 4.35% × 60 / 360 = 72.50;
        // one more day 10,000 × 4.35% / 360 = 1.2083… → 1.21.
        let f = compute(
            &one(dec!(10000), "2019-08-01"),
            &[],
            &lpr(dec!(1), 360, RateAt::FirstDay),
            d("2019-09-30"),
        )
        .unwrap();
        assert_eq!(f.fee, Money(dec!(72.50)));
        assert_eq!(f.items[0].periods.len(), 1);
        assert_eq!(f.items[0].periods[0].days, 60);
        assert_eq!(f.daily_increment, Money(dec!(1.21)));
    }

    #[test]
    fn lpr_two_changes_times_1_5_day_count_365() {
        // 20,000.00 due 2024-07-01, as of 2024-10-31 (122 days), 1y LPR × 1.5, day_count 365:
        //   07-02..07-21  20 days, 3.45 × 1.5 = 5.175%: 20,000 × 5.175% × 20 / 365 = 20,700 / 365
        //   07-22..10-20  91 days, 3.35 × 1.5 = 5.025%: 20,000 × 5.025% × 91 / 365 = 91,455 / 365
        //   10-21..10-31  11 days, 3.10 × 1.5 = 4.65%:  20,000 × 4.65%  × 11 / 365 = 10,230 / 365
        //   total 122,385 / 365 = 335.30137… → 335.30; a day more 930 / 365 = 2.547… → 2.55.
        let f = compute(
            &one(dec!(20000), "2024-07-01"),
            &[],
            &lpr(dec!(1.5), 365, RateAt::EachDay),
            d("2024-10-31"),
        )
        .unwrap();
        let rates: Vec<(i64, Decimal)> = f.items[0]
            .periods
            .iter()
            .map(|p| (p.days, p.rate))
            .collect();
        assert_eq!(
            rates,
            vec![(20, dec!(5.175)), (91, dec!(5.025)), (11, dec!(4.65))]
        );
        assert_eq!(f.fee, Money(dec!(335.30)));
        assert_eq!(f.daily_increment, Money(dec!(2.55)));
        // 360 instead: 122,385 / 360 = 339.958… → 339.96.
        let f = compute(
            &one(dec!(20000), "2024-07-01"),
            &[],
            &lpr(dec!(1.5), 360, RateAt::EachDay),
            d("2024-10-31"),
        )
        .unwrap();
        assert_eq!(f.fee, Money(dec!(339.96)));
    }

    #[test]
    fn lpr_spread_payments_and_grace() {
        // 10,000 due 2025-06-01, 4,000 paid 2025-06-11, as of 2025-06-21; LPR 3.00% + 0.5
        // spread = 3.50%, day_count 360:
        //   06-02..06-11 10 days on 10,000: 10,000 × 3.5% × 10 / 360 = 9.7222…
        //   06-12..06-21 10 days on  6,000:  6,000 × 3.5% × 10 / 360 = 5.8333…
        //   total 15.5555… → 15.56. With grace_days 20 (20 days late): nothing, no increment.
        let mut p = lpr(dec!(1), 360, RateAt::EachDay);
        p.lpr.spread = dec!(0.5);
        let pays = [Payment {
            date: d("2025-06-11"),
            amount: Money(dec!(4000)),
        }];
        let f = compute(&one(dec!(10000), "2025-06-01"), &pays, &p, d("2025-06-21")).unwrap();
        assert_eq!(f.fee, Money(dec!(15.56)));
        assert_eq!(f.items[0].periods.len(), 2);
        assert_eq!(f.items[0].periods[1].balance, Money(dec!(6000)));
        p.grace_days = 20;
        let f = compute(&one(dec!(10000), "2025-06-01"), &pays, &p, d("2025-06-21")).unwrap();
        assert_eq!(f.fee, Money::ZERO);
        assert_eq!(f.daily_increment, Money::ZERO);
        assert!(f.items[0].periods.is_empty());
    }

    #[test]
    fn lpr_stale_and_before_first_are_reported() {
        let table = RateTable::builtin();
        let last = table.last_date(Tenor::OneYear);
        let p = lpr(dec!(1), 365, RateAt::EachDay);
        // 36 days after the last fixing is stale; the last rate is used.
        let as_of = last + chrono::Duration::days(36);
        let f = compute(&one(dec!(1000), "2026-05-01"), &[], &p, as_of).unwrap();
        assert_eq!(f.items[0].rate_coverage, vec![Coverage::Stale { last }]);
        // 35 days after is still covered.
        let as_of = last + chrono::Duration::days(35);
        let f = compute(&one(dec!(1000), "2026-05-01"), &[], &p, as_of).unwrap();
        assert!(f.items[0].rate_coverage.is_empty());
        let first = table.first_date(Tenor::OneYear);
        let f = compute(&one(dec!(1000), "2012-01-01"), &[], &p, d("2012-07-01")).unwrap();
        assert_eq!(
            f.items[0].rate_coverage,
            vec![Coverage::BeforeFirst { first }]
        );
    }

    #[test]
    fn daily_increment_skips_grace_cap_and_not_yet_due() {
        // Within grace (10 days late, grace 10): no fee and no increase tomorrow's letter could
        // promise; due today or later: nothing either.
        let mut p = daily(dec!(0.001));
        p.grace_days = 10;
        let f = compute(&one(dec!(1000), "2026-11-01"), &[], &p, d("2026-11-11")).unwrap();
        assert_eq!(f.daily_increment, Money::ZERO);
        let f = compute(
            &one(dec!(1000), "2026-11-11"),
            &[],
            &daily(dec!(0.001)),
            d("2026-11-11"),
        )
        .unwrap();
        assert_eq!(f.daily_increment, Money::ZERO);
        // One day late, no grace: 1,000 × 0.001 = 1.00.
        let f = compute(
            &one(dec!(1000), "2026-11-10"),
            &[],
            &daily(dec!(0.001)),
            d("2026-11-11"),
        )
        .unwrap();
        assert_eq!(f.daily_increment, Money(dec!(1.00)));
    }

    #[test]
    fn costs_first_settles_accrued_fee_before_principal() {
        // 10,000 due 2026-09-01 at 0.1% a day; 200 paid 2026-10-01, when 30 days had accrued
        // 10,000 × 0.001 × 30 = 300: the 200 settles fee only, the principal stays 10,000.
        // As of 2026-10-11: 40 days × 10.00 = 400 accrued, 200 settled → fee 200.00, total 10,200.
        let mut p = daily(dec!(0.001));
        p.order = PaymentOrder::CostsFirst;
        let pay = |amount| {
            [Payment {
                date: d("2026-10-01"),
                amount: Money(amount),
            }]
        };
        let f = compute(
            &one(dec!(10000), "2026-09-01"),
            &pay(dec!(200)),
            &p,
            d("2026-10-11"),
        )
        .unwrap();
        assert_eq!(f.outstanding, Money(dec!(10000)));
        assert_eq!(f.fee, Money(dec!(200.00)));
        assert_eq!(f.fee_paid, Money(dec!(200.00)));
        assert_eq!(f.total, Money(dec!(10200.00)));
        assert_eq!(f.settlements[0].fee, dec!(200));
        assert_eq!(f.settlements[0].principal, dec!(0));
        // 1,300 instead: 300 fee, 1,000 principal → 9,000; then 10 days × 9.00 = 90 unpaid.
        let f = compute(
            &one(dec!(10000), "2026-09-01"),
            &pay(dec!(1300)),
            &p,
            d("2026-10-11"),
        )
        .unwrap();
        assert_eq!(f.outstanding, Money(dec!(9000)));
        assert_eq!(f.fee, Money(dec!(90.00)));
        assert_eq!(f.fee_paid, Money(dec!(300.00)));
        // Under `principal` the same 1,300 leaves 8,700: 300 + 8,700 × 0.001 × 10 = 387.
        p.order = PaymentOrder::Principal;
        let f = compute(
            &one(dec!(10000), "2026-09-01"),
            &pay(dec!(1300)),
            &p,
            d("2026-10-11"),
        )
        .unwrap();
        assert_eq!(f.outstanding, Money(dec!(8700)));
        assert_eq!(f.fee, Money(dec!(387.00)));
        assert_eq!(f.fee_paid, Money::ZERO);
        // More than principal plus the fee accrued at the payment date is an error: 10,301.
        p.order = PaymentOrder::CostsFirst;
        let e = compute(
            &one(dec!(10000), "2026-09-01"),
            &pay(dec!(10301)),
            &p,
            d("2026-10-11"),
        )
        .unwrap_err();
        assert!(matches!(e, FeeError::Overpaid { excess, .. } if excess == Money(dec!(1))));
    }

    #[test]
    fn costs_first_goes_item_by_item() {
        // A 1,000 due 09-01, B 1,000 due 10-01, 0.1% a day; 1,050 paid 10-11:
        //   A: fee accrued at 10-11 = 1,000 × 0.001 × 40 = 40, then its 1,000 principal; 10 left;
        //   B: fee accrued at 10-11 = 1,000 × 0.001 × 10 = 10 → settled; nothing for principal.
        // As of 10-21: A accrued 40 (cleared 10-11), unpaid 0; B accrued 20, unpaid 10.
        let items = [
            item(dec!(1000), dec!(0), "2026-09-01"),
            item(dec!(1000), dec!(0), "2026-10-01"),
        ];
        let mut p = daily(dec!(0.001));
        p.order = PaymentOrder::CostsFirst;
        let pays = [Payment {
            date: d("2026-10-11"),
            amount: Money(dec!(1050)),
        }];
        let f = compute(&items, &pays, &p, d("2026-10-21")).unwrap();
        assert_eq!(f.items[0].fee, Money::ZERO);
        assert_eq!(f.items[0].fee_paid, Money(dec!(40.00)));
        assert_eq!(f.items[0].outstanding, Money::ZERO);
        assert_eq!(f.items[1].fee, Money(dec!(10.00)));
        assert_eq!(f.items[1].fee_paid, Money(dec!(10.00)));
        assert_eq!(f.outstanding, Money(dec!(1000)));
        assert_eq!(f.fee_paid, Money(dec!(50.00)));
        assert_eq!(f.total, Money(dec!(1010.00)));
        assert_eq!(f.settlements.len(), 2);
    }

    proptest! {
        /// `method: lpr` on a constant one-row `rates:` file is `method: annual` at that rate.
        #[test]
        fn lpr_constant_table_is_annual(due in 1i64..10_000_000, bp in 1i64..2000, days in -30i64..1500, pay_day in 0i64..1500, paid_pct in 0i64..=100, dc360 in any::<bool>(), costs in any::<bool>()) {
            let percent = Decimal::new(bp, 2);
            let file = crate::calc::rates::parse_rates_file(&format!("date,rate\n2000-01-01,{percent}\n"), Tenor::OneYear).unwrap();
            let mut table = RateTable::builtin().clone();
            table.extend(&file);
            let day_count = if dc360 { 360 } else { 365 };
            let order = if costs { PaymentOrder::CostsFirst } else { PaymentOrder::Principal };
            let mut l = lpr(dec!(1), day_count, RateAt::EachDay);
            l.lpr.table = Arc::new(table);
            l.order = order;
            let a = FeePolicy { method: FeeMethod::Annual, rate: percent / dec!(100), day_count, order, ..FeePolicy::default() };
            let due = Money(Decimal::new(due, 2));
            let due_date = d("2024-01-01");
            let as_of = due_date + chrono::Duration::days(days);
            let pays = [Payment { date: due_date + chrono::Duration::days(pay_day), amount: Money(round_cents(due.0 * Decimal::new(paid_pct, 2))) }];
            let items = [Item { amount_due: due, amount_paid: Money::ZERO, due_date }];
            let x = compute(&items, &pays, &l, as_of);
            let y = compute(&items, &pays, &a, as_of);
            match (x, y) {
                (Ok(x), Ok(y)) => {
                    prop_assert_eq!(x.fee, y.fee);
                    prop_assert_eq!(x.outstanding, y.outstanding);
                    prop_assert_eq!(x.daily_increment, y.daily_increment);
                }
                (Err(x), Err(y)) => prop_assert_eq!(x, y),
                (x, y) => prop_assert!(false, "{:?} vs {:?}", x, y),
            }
        }
    }

    proptest! {
        /// Splitting a payment in two on the same day changes nothing; fees are never negative
        /// and never exceed the cap; outstanding is due minus what was paid.
        #[test]
        fn invariants(due in 1i64..10_000_000, paid_pct in 0i64..=100, days in -30i64..2000, pay_day in 0i64..2000, rate_bp in 0i64..100) {
            let due = Money(Decimal::new(due, 2));
            let pay = Money(round_cents(due.0 * Decimal::new(paid_pct, 2)));
            let due_date = d("2026-01-01");
            let as_of = due_date + chrono::Duration::days(days);
            let mut p = daily(Decimal::new(rate_bp, 4));
            p.cap_percent = Some(dec!(30));
            let items = [Item { amount_due: due, amount_paid: Money::ZERO, due_date }];
            let pdate = due_date + chrono::Duration::days(pay_day);
            let one = [Payment { date: pdate, amount: pay }];
            let half = Money(round_cents(pay.0 / dec!(2)));
            let two = [Payment { date: pdate, amount: half }, Payment { date: pdate, amount: pay - half }];
            let a = compute(&items, &one, &p, as_of).unwrap();
            let b = compute(&items, &two, &p, as_of).unwrap();
            prop_assert_eq!(a.fee, b.fee);
            prop_assert_eq!(a.outstanding, b.outstanding);
            prop_assert!(a.fee >= Money::ZERO);
            prop_assert!(a.fee.0 <= round_cents(due.0 * dec!(0.30)));
            let expected = if pdate <= as_of { due - pay } else { due };
            prop_assert_eq!(a.outstanding, expected);
        }
    }
}
