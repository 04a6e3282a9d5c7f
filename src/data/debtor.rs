//! The typed debtor: one letter's values, items and dated payments, as validated rows make
//! them (`builder` builds them, `cells` parses their values).

use crate::calc::money::Money;
use crate::calc::{Lang, LetterKind};
use crate::error::{Pos, intern};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The longest value a cell may hold: far beyond any real name or address, short enough
/// that a broken export cannot make a letter of hundreds of pages (or an error message of
/// megabytes).
pub const MAX_VALUE_CHARS: usize = 2000;

/// One letter's data: every row sharing an id, parsed and merged.
#[derive(Debug, Clone)]
pub struct Debtor {
    pub id: String,
    /// Position of this letter in input order (first appearance of its id), counting
    /// invalid letters too: what `--shard` splits on.
    pub seq: usize,
    /// The first row of this id.
    pub pos: Pos,
    pub kind: Option<LetterKind>,
    pub lang: Option<Lang>,
    pub name: String,
    /// Every non-item column as text (known and pass-through), for the templates.
    pub fields: Fields,
    pub items: Vec<DebtItem>,
    pub payments: Vec<DatedPayment>,
    pub contract_date: Option<NaiveDate>,
    pub documents_due: Option<NaiveDate>,
    /// The latest proven interruption of the limitation period (时效中断日), if any; a run
    /// with `limitation.history` may move it to the last letter's date.
    pub interrupted: Option<NaiveDate>,
    /// Per-row override of the fee policy.
    pub daily_rate: Option<Decimal>,
    pub grace_days: Option<u32>,
    /// A dunning block (`hold` column): no letter goes out while it is set.
    pub hold: bool,
    /// The letter's step on the escalation ladder, set when a run prepares it (not read
    /// from data).
    pub level: Option<usize>,
}

/// A letter's non-item values, sorted by column name. A sorted vector with shared column
/// names, not a map: a map's node costs half a kilobyte for a letter of a few columns, and
/// every letter is held from loading until it is written.
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(Arc<str>, Box<str>)>);

impl Fields {
    pub fn get(&self, column: &str) -> Option<&str> {
        self.find(column).ok().map(|i| &*self.0[i].1)
    }

    pub fn contains_key(&self, column: &str) -> bool {
        self.find(column).is_ok()
    }

    /// Sets a column's value (replacing any).
    pub fn insert(&mut self, column: &str, value: &str) {
        match self.find(column) {
            Ok(i) => self.0[i].1 = value.into(),
            Err(i) => self.0.insert(i, (intern(column), value.into())),
        }
    }

    /// Adds a row's values at once, a later value replacing an earlier one of its column:
    /// one sort per row, as a row may have thousands of columns.
    pub fn extend<'a>(&mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let before = self.0.len();
        self.0
            .extend(pairs.into_iter().map(|(k, v)| (intern(k), v.into())));
        if self.0.len() == before {
            return;
        }
        // Stable: of equal columns the later comes later, and is the one kept.
        self.0.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(Arc<str>, Box<str>)> = Vec::with_capacity(self.0.len());
        for pair in self.0.drain(..) {
            match kept.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => kept.push(pair),
            }
        }
        self.0 = kept;
    }

    /// (column, value) pairs, sorted by column name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (&**k, &**v))
    }

    fn find(&self, column: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| (**k).cmp(column))
    }
}

/// One item owed.
#[derive(Debug, Clone)]
pub struct DebtItem {
    pub item: String,
    pub amount_due: Money,
    pub amount_paid: Money,
    pub due_date: NaiveDate,
    pub pos: Pos,
}

/// A dated payment (YAML `payments:`).
#[derive(Debug, Clone)]
pub struct DatedPayment {
    pub date: NaiveDate,
    pub amount: Money,
    pub pos: Pos,
}

impl Debtor {
    /// The letter kind: the row's own, else the run's default.
    pub fn kind_or(&self, default: LetterKind) -> LetterKind {
        self.kind.unwrap_or(default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_stay_sorted_replace_and_share_column_names() {
        let mut f = Fields::default();
        f.insert("name", "张三");
        f.insert("address", "北京");
        f.insert("phone", "1");
        f.insert("name", "李四");
        let pairs: Vec<(&str, &str)> = f.iter().collect();
        assert_eq!(
            pairs,
            [("address", "北京"), ("name", "李四"), ("phone", "1")]
        );
        assert_eq!(f.get("phone"), Some("1"));
        assert_eq!(f.get("postcode"), None);
        assert!(f.contains_key("address") && !f.contains_key("addr"));
        let mut g = Fields::default();
        g.insert("name", "王五");
        assert!(
            Arc::ptr_eq(&f.0[1].0, &g.0[0].0),
            "one copy of each column name"
        );
        // A whole row at once: sorted, the later of two equal columns kept.
        let mut h = Fields::default();
        h.extend([("z", "1"), ("b", "2"), ("m", "3"), ("b", "4")]);
        h.extend([("a", "5")]);
        let pairs: Vec<(&str, &str)> = h.iter().collect();
        assert_eq!(pairs, [("a", "5"), ("b", "4"), ("m", "3"), ("z", "1")]);
    }
}
