//! Outstanding amounts and late fees (SPEC 5): pure functions on exact decimals.
//!
//! Payments are applied to the oldest due item first; the period from an item's due date to
//! `as_of` is split at each payment date and every part accrues on the balance in force then.

use super::dates::days_between;
use super::money::{Money, round_cents};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// How late fees accrue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeMethod {
    /// `balance × rate × days`.
    Daily,
    /// `balance × rate × days / day_count`.
    Annual,
    /// No fee at all.
    None,
}

/// The fee policy in force for one letter (config `fees:` with the row's overrides applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeePolicy {
    pub method: FeeMethod,
    /// Per day (`Daily`) or per year (`Annual`).
    pub rate: Decimal,
    /// 365 or 360, for `Annual`.
    pub day_count: u32,
    /// An item owes a fee only when it is overdue by more than this many days.
    pub grace_days: u32,
    /// An item's fee never exceeds this percentage of its overdue amount at its due date.
    pub cap_percent: Option<Decimal>,
    /// Fixed charge added once per letter.
    pub flat: Money,
}

impl FeePolicy {
    /// The rate for one day, whatever the method.
    pub fn daily_rate(&self) -> Decimal {
        match self.method {
            FeeMethod::Daily => self.rate,
            FeeMethod::Annual => self.rate / Decimal::from(self.day_count.max(1)),
            FeeMethod::None => Decimal::ZERO,
        }
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

/// The figures of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemArrears {
    /// `as_of − due_date` in calendar days (negative: not yet due).
    pub days_overdue: i64,
    /// `amount_paid` plus the payments applied to this item up to `as_of`.
    pub paid: Money,
    pub outstanding: Money,
    /// Rounded once, after the cap.
    pub fee: Money,
    /// The cap limited the fee.
    pub capped: bool,
}

/// The figures of one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrears {
    pub items: Vec<ItemArrears>,
    pub outstanding: Money,
    pub fee: Money,
    pub flat: Money,
    pub total: Money,
    /// What one more day adds to the fee (每再延迟一天，违约金增加…元).
    pub daily_increment: Money,
    /// The largest `days_overdue` among items with money outstanding; `None` if none has.
    pub days_overdue: Option<i64>,
    /// Indices of payments dated after `as_of`, which were ignored.
    pub ignored_payments: Vec<usize>,
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
    let mut start: Vec<Money> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if item.amount_paid > item.amount_due {
            return Err(FeeError::PaidMoreThanDue {
                item: i,
                paid: item.amount_paid,
                due: item.amount_due,
            });
        }
        start.push(item.amount_due - item.amount_paid);
    }

    // Allocate payments (in date order) to the oldest due item with money left.
    let mut oldest_first: Vec<usize> = (0..items.len()).collect();
    oldest_first.sort_by_key(|&i| (items[i].due_date, i));
    let mut by_date: Vec<usize> = (0..payments.len()).collect();
    by_date.sort_by_key(|&p| (payments[p].date, p));
    let mut remaining = start.clone();
    let mut reductions: Vec<Vec<(NaiveDate, Money)>> = vec![Vec::new(); items.len()];
    let mut ignored_payments = Vec::new();
    for p in by_date {
        let payment = &payments[p];
        if payment.date > as_of {
            ignored_payments.push(p);
            continue;
        }
        let mut left = payment.amount;
        for &i in &oldest_first {
            if left.is_zero() {
                break;
            }
            let take = left.min(remaining[i]);
            if take.is_positive() {
                remaining[i] = remaining[i] - take;
                left = left - take;
                reductions[i].push((payment.date, take));
            }
        }
        if left.is_positive() {
            return Err(FeeError::Overpaid {
                payment: p,
                date: payment.date,
                amount: payment.amount,
                excess: left,
            });
        }
    }
    ignored_payments.sort_unstable();

    let daily_rate = policy.daily_rate();
    let mut figures = Vec::with_capacity(items.len());
    let mut increment = Decimal::ZERO;
    for (i, item) in items.iter().enumerate() {
        let fig = item_figures(item, start[i], &reductions[i], policy, as_of);
        if fig.outstanding.is_positive() && fig.days_overdue >= 0 && !fig.capped {
            increment += fig.outstanding.0 * daily_rate;
        }
        figures.push(fig);
    }

    let outstanding: Money = figures.iter().map(|f| f.outstanding).sum();
    let fee: Money = figures.iter().map(|f| f.fee).sum();
    let days_overdue = figures
        .iter()
        .filter(|f| f.outstanding.is_positive())
        .map(|f| f.days_overdue)
        .max();
    Ok(Arrears {
        outstanding,
        fee,
        flat: policy.flat,
        total: outstanding + fee + policy.flat,
        daily_increment: Money(round_cents(increment)),
        days_overdue,
        items: figures,
        ignored_payments,
    })
}

/// One item: its balance at the due date, then the payments applied to it after that.
fn item_figures(
    item: &Item,
    start: Money,
    reductions: &[(NaiveDate, Money)],
    policy: &FeePolicy,
    as_of: NaiveDate,
) -> ItemArrears {
    let due = item.due_date;
    // Payments on or before the due date reduce the balance from the start.
    let early: Money = reductions
        .iter()
        .filter(|(d, _)| *d <= due)
        .map(|(_, a)| *a)
        .sum();
    let at_due = start - early;
    let paid_total: Money = reductions.iter().map(|(_, a)| *a).sum();
    let outstanding = start - paid_total;
    let days_overdue = days_between(due, as_of);

    // How long the item was actually late: to as_of, or to the payment that cleared it.
    let late_days = if outstanding.is_positive() {
        days_overdue
    } else {
        let mut balance = at_due;
        let mut cleared = due;
        for (d, a) in reductions.iter().filter(|(d, _)| *d > due) {
            balance = balance - *a;
            if !balance.is_positive() {
                cleared = *d;
                break;
            }
        }
        days_between(due, cleared)
    };

    let mut raw = Decimal::ZERO;
    if policy.method != FeeMethod::None && late_days > i64::from(policy.grace_days) {
        let mut balance = at_due;
        let mut from = due;
        for (d, a) in reductions.iter().filter(|(d, _)| *d > due) {
            raw += accrue(balance, days_between(from, *d), policy);
            balance = balance - *a;
            from = *d;
        }
        raw += accrue(balance, days_between(from, as_of), policy);
    }
    let mut fee = round_cents(raw);
    let mut capped = false;
    if let Some(cap_percent) = policy.cap_percent {
        let cap = round_cents(at_due.0 * cap_percent / Decimal::ONE_HUNDRED);
        if fee >= cap && !raw.is_zero() {
            fee = cap;
            capped = true;
        }
    }
    ItemArrears {
        days_overdue,
        paid: item.amount_paid + paid_total,
        outstanding,
        fee: Money(fee),
        capped,
    }
}

/// The unrounded fee of `balance` over `days`.
fn accrue(balance: Money, days: i64, policy: &FeePolicy) -> Decimal {
    if days <= 0 || !balance.is_positive() {
        return Decimal::ZERO;
    }
    let days = Decimal::from(days);
    match policy.method {
        FeeMethod::Daily => balance.0 * policy.rate * days,
        FeeMethod::Annual => {
            balance.0 * policy.rate * days / Decimal::from(policy.day_count.max(1))
        }
        FeeMethod::None => Decimal::ZERO,
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
            day_count: 365,
            grace_days: 0,
            cap_percent: None,
            flat: Money::ZERO,
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
            day_count: 365,
            grace_days: 0,
            cap_percent: None,
            flat: Money::ZERO,
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
