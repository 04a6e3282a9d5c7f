//! The typed debtor: one letter's values, items and dated payments, as validated rows make
//! them (`builder` builds them, `cells` parses their values).

use crate::calc::money::Money;
use crate::calc::{Lang, LetterKind};
use crate::error::{Pos, intern};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

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

/// A letter's non-item values, sorted by column name. Packed, not a map: a map's node
/// costs half a kilobyte for a letter of a few columns, and every letter is held from
/// loading until it is written — so the letters share their list of columns (most rows of a
/// file have the same), and the values are one string.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// The columns, sorted: shared by the letters that have the same.
    columns: Columns,
    /// Where each column's value ends in `values`.
    ends: Box<[usize]>,
    /// The values, one after another in column order.
    values: Box<str>,
}

/// A sorted list of column names, shared.
type Columns = Arc<[Arc<str>]>;

/// The one copy of a list of columns (up to a bound: past it each letter keeps its own).
fn shared(columns: Vec<Arc<str>>) -> Columns {
    const MAX_LISTS: usize = 4096;
    static LISTS: Mutex<Option<HashSet<Columns>>> = Mutex::new(None);
    let mut lists = LISTS.lock().unwrap_or_else(|e| e.into_inner());
    let lists = lists.get_or_insert_with(HashSet::new);
    if let Some(list) = lists.get(columns.as_slice()) {
        return list.clone();
    }
    let list: Columns = columns.into();
    if lists.len() < MAX_LISTS {
        lists.insert(list.clone());
    }
    list
}

impl Fields {
    pub fn get(&self, column: &str) -> Option<&str> {
        self.find(column).ok().map(|i| self.value(i))
    }

    pub fn contains_key(&self, column: &str) -> bool {
        self.find(column).is_ok()
    }

    /// Sets a column's value (replacing any).
    pub fn insert(&mut self, column: &str, value: &str) {
        self.extend([(column, value)]);
    }

    /// Adds a row's values at once, a later value replacing an earlier one of its column:
    /// one sort per row, as a row may have thousands of columns.
    pub fn extend<'a>(&mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let mut all: Vec<(Arc<str>, &str)> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), self.value(i)))
            .collect();
        let before = all.len();
        all.extend(pairs.into_iter().map(|(k, v)| (intern(k), v)));
        if all.len() == before {
            return;
        }
        // Stable: of equal columns the later comes later, and is the one kept.
        all.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(Arc<str>, &str)> = Vec::with_capacity(all.len());
        for pair in all {
            match kept.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => kept.push(pair),
            }
        }
        let mut values = String::with_capacity(kept.iter().map(|(_, v)| v.len()).sum());
        let mut ends = Vec::with_capacity(kept.len());
        let mut columns = Vec::with_capacity(kept.len());
        for (k, v) in kept {
            values.push_str(v);
            ends.push(values.len());
            columns.push(k);
        }
        self.columns = shared(columns);
        self.ends = ends.into_boxed_slice();
        self.values = values.into_boxed_str();
    }

    /// (column, value) pairs, sorted by column name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.columns
            .iter()
            .enumerate()
            .map(|(i, k)| (&**k, self.value(i)))
    }

    fn value(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1],
        };
        &self.values[start..self.ends[i]]
    }

    fn find(&self, column: &str) -> Result<usize, usize> {
        self.columns.binary_search_by(|k| (**k).cmp(column))
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
    /// A debtor with only its id, input position and first row: what a first row starts.
    pub fn new(id: String, seq: usize, pos: Pos) -> Debtor {
        Debtor {
            id,
            seq,
            pos,
            kind: None,
            lang: None,
            name: String::new(),
            fields: Fields::default(),
            items: Vec::new(),
            payments: Vec::new(),
            contract_date: None,
            documents_due: None,
            interrupted: None,
            daily_rate: None,
            grace_days: None,
            hold: false,
            level: None,
        }
    }

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
            Arc::ptr_eq(&f.columns[1], &g.columns[0]),
            "one copy of each column name"
        );
        let mut same = Fields::default();
        same.extend([("phone", "2"), ("address", "上海"), ("name", "赵六")]);
        assert!(
            Arc::ptr_eq(&f.columns, &same.columns),
            "one copy of each list of columns"
        );
        // A whole row at once: sorted, the later of two equal columns kept.
        let mut h = Fields::default();
        h.extend([("z", "1"), ("b", "2"), ("m", "3"), ("b", "4")]);
        h.extend([("a", "5")]);
        let pairs: Vec<(&str, &str)> = h.iter().collect();
        assert_eq!(pairs, [("a", "5"), ("b", "4"), ("m", "3"), ("z", "1")]);
        // Empty values and values of several bytes a character keep their bounds.
        h.extend([("b", ""), ("c", "张三")]);
        assert_eq!(h.get("b"), Some(""));
        assert_eq!(h.get("c"), Some("张三"));
        assert_eq!(h.get("m"), Some("3"));
        assert_eq!(h.iter().count(), 5);
    }
}
