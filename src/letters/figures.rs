//! A letter's figures as published: the objects of `compute --format json` (SPEC 7), which
//! are also what a letter template sees under the same names.

use super::Assessment;
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
    pub flat: String,
    pub total: String,
    pub daily_increment: String,
    pub deadline: String,
    pub outstanding_words: String,
    pub total_words: String,
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
}

impl Figures {
    pub fn new(d: &Debtor, a: &Assessment) -> Self {
        let f = &a.arrears;
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
            flat: f.flat.to_string(),
            total: f.total.to_string(),
            daily_increment: f.daily_increment.to_string(),
            deadline: a.deadline.to_string(),
            outstanding_words: a.outstanding_words.clone(),
            total_words: a.total_words.clone(),
            items: d
                .items
                .iter()
                .zip(&f.items)
                .map(|(i, fi)| ItemFigures {
                    item: i.item.clone(),
                    due_date: i.due_date.to_string(),
                    days_overdue: fi.days_overdue,
                    amount_due: i.amount_due.to_string(),
                    paid: fi.paid.to_string(),
                    outstanding: fi.outstanding.to_string(),
                    fee: fi.fee.to_string(),
                })
                .collect(),
        }
    }
}
