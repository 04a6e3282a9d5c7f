//! A letter's figures as published: the objects of `compute --format json` (SPEC 7), which
//! are also what a letter template sees under the same names.

use super::Assessment;
use crate::calc::fees::{FeePeriod, PaymentOrder};
use crate::calc::money::Money;
use crate::calc::rates::Basis;
use crate::data::Debtor;
use serde::Serialize;

/// One letter exactly as SPEC 7 lists the keys; amounts as strings with two decimals.
#[derive(Debug, Default, Serialize)]
pub struct Figures {
    pub id: String,
    pub kind: String,
    pub lang: String,
    pub name: String,
    pub as_of: String,
    pub days_overdue: i64,
    pub bucket: String,
    pub outstanding: String,
    pub fee: String,
    /// `payments: costs_first`: the fee payments settled (民法典 第561条).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_paid: Option<String>,
    pub flat: String,
    pub total: String,
    pub daily_increment: String,
    pub deadline: String,
    pub outstanding_words: String,
    pub total_words: String,
    /// The earliest last day of the limitation period of the items with money outstanding.
    pub limitation_date: Option<String>,
    pub items: Vec<ItemFigures>,
}

/// One item of a letter.
#[derive(Debug, Default, Serialize)]
pub struct ItemFigures {
    pub item: String,
    pub due_date: String,
    pub days_overdue: i64,
    pub amount_due: String,
    /// `amount_paid` plus the dated payments applied to this item.
    pub paid: String,
    pub outstanding: String,
    pub fee: String,
    /// `payments: costs_first`: the fee payments settled of this item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_paid: Option<String>,
    /// The last day of the item's limitation period; `None` when nothing is outstanding.
    pub limitation_date: Option<String>,
    /// The parts the fee accrued in (SPEC 7): the lines of a calculation table.
    pub periods: Vec<PeriodFigures>,
}

/// One part of an item's fee: days `from..=to` at one balance and one rate.
#[derive(Debug, Default, Serialize)]
pub struct PeriodFigures {
    pub from: String,
    pub to: String,
    pub days: i64,
    pub balance: String,
    /// As the method states it: per day (`daily`), a fraction per year (`annual`), percent
    /// per year (`lpr`, after multiplier and spread).
    pub rate: String,
    /// `lpr`: the table's rate, percent per year, before multiplier and spread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_rate: Option<String>,
    /// `lpr`: `pboc` (benchmark lending rate), `lpr` or `rates_file`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Rounded for display; the item's fee is the exact sum rounded once.
    pub amount: String,
}

impl PeriodFigures {
    fn new(p: &FeePeriod) -> Self {
        PeriodFigures {
            from: p.from.to_string(),
            to: p.to.to_string(),
            days: p.days,
            balance: p.balance.to_string(),
            rate: rate_text(p.rate, p.basis.is_some()),
            base_rate: p.base_rate.map(|r| rate_text(r, true)),
            basis: p.basis.map(|b| basis_name(b).to_string()),
            amount: Money(p.amount).to_string(),
        }
    }
}

/// A rate as published: percent per year (`lpr`) with at least two decimals (`4.20`, `6.525`),
/// other rates as they are (`0.0005`).
pub fn rate_text(rate: rust_decimal::Decimal, percent: bool) -> String {
    let mut r = rate.normalize();
    if percent && r.scale() < 2 {
        r.rescale(2);
    }
    r.to_string()
}

/// The published name of a rate table's basis.
pub fn basis_name(b: Basis) -> &'static str {
    match b {
        Basis::PbocBenchmark => "pboc",
        Basis::Lpr => "lpr",
        Basis::RatesFile => "rates_file",
    }
}

impl Figures {
    pub fn new(d: &Debtor, a: &Assessment) -> Self {
        let f = &a.arrears;
        let costs_first = a.policy.order == PaymentOrder::CostsFirst;
        Figures {
            id: d.id.clone(),
            kind: a.kind.to_string(),
            lang: a.lang.to_string(),
            name: d.name.clone(),
            as_of: a.as_of.to_string(),
            days_overdue: a.days_overdue,
            bucket: a.bucket.clone(),
            outstanding: f.outstanding.to_string(),
            fee: f.fee.to_string(),
            fee_paid: costs_first.then(|| f.fee_paid.to_string()),
            flat: f.flat.to_string(),
            total: f.total.to_string(),
            daily_increment: f.daily_increment.to_string(),
            deadline: a.deadline.to_string(),
            outstanding_words: a.outstanding_words.clone(),
            total_words: a.total_words.clone(),
            limitation_date: a.limitation_date.map(|x| x.to_string()),
            items: d
                .items
                .iter()
                .zip(&f.items)
                .zip(&a.item_limitation)
                .map(|((i, fi), lim)| ItemFigures {
                    item: i.item.clone(),
                    due_date: i.due_date.to_string(),
                    days_overdue: fi.days_overdue,
                    amount_due: i.amount_due.to_string(),
                    paid: fi.paid.to_string(),
                    outstanding: fi.outstanding.to_string(),
                    fee: fi.fee.to_string(),
                    fee_paid: costs_first.then(|| fi.fee_paid.to_string()),
                    limitation_date: lim.map(|x| x.to_string()),
                    periods: fi.periods.iter().map(PeriodFigures::new).collect(),
                })
                .collect(),
        }
    }
}
