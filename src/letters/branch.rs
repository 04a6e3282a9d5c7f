//! Which letters take the same branches of the templates: one letter of each branch is
//! typeset to find a template error without typesetting them all (`batch`'s validation,
//! `check --quick`).

use super::assess::Assessment;
use crate::calc::{Lang, LetterKind};
use crate::data::Debtor;
use std::collections::HashSet;

/// What the built-in templates branch on. Letters alike in all of these fill the same
/// branches; their values differ, and the fonts for those are checked letter by letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Branch {
    kind: LetterKind,
    lang: Lang,
    /// No `title` column: addressed to a company (`is_company`).
    company: bool,
    /// More than one item: the items table has several rows.
    several_items: bool,
    fee_zero: bool,
    flat_zero: bool,
    no_payments: bool,
}

impl Branch {
    /// The branch a letter takes, from its row and its figures.
    pub fn of(d: &Debtor, a: &Assessment) -> Branch {
        let f = &a.arrears;
        Branch {
            kind: a.kind,
            lang: a.lang,
            company: !d.fields.contains_key("title"),
            several_items: d.items.len() > 1,
            fee_zero: f.fee.is_zero(),
            flat_zero: f.flat.is_zero(),
            no_payments: d.payments.is_empty(),
        }
    }
}

/// The branches seen so far in a run, letter by letter in input order.
#[derive(Debug, Default)]
pub struct Branches(HashSet<Branch>);

impl Branches {
    /// True for the first letter of its branch: the one to typeset.
    pub fn first(&mut self, d: &Debtor, a: &Assessment) -> bool {
        self.0.insert(Branch::of(d, a))
    }
}
