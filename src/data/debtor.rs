//! Raw records → typed debtors: values parsed, rows of one id merged into one letter.

use super::columns;
use super::{Cell, Loaded, RawPart, RawRecord};
use crate::calc::dates::parse_date;
use crate::calc::money::{Money, parse_amount, parse_rate};
use crate::error::{Pos, Problem, intern};
use crate::kinds::{Lang, LetterKind};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
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

/// Validates every record and merges those sharing an id.
#[cfg(test)]
pub fn build(records: Vec<RawRecord>, default_kind: LetterKind) -> Loaded {
    let mut b = Builder::new(default_kind);
    records.into_iter().for_each(|r| b.add(r));
    b.finish()
}

/// Validates records one at a time as they are read, merging those sharing an id, so that
/// only the letters are held, never the raw rows.
pub struct Builder {
    default_kind: LetterKind,
    out: Loaded,
    /// Where a non-item value came from, when not from its letter's first row: to name
    /// both rows on a disagreement.
    origins: HashMap<(usize, String), Pos>,
}

impl Builder {
    pub fn new(default_kind: LetterKind) -> Self {
        Builder {
            default_kind,
            out: Loaded::default(),
            origins: HashMap::new(),
        }
    }

    pub fn add(&mut self, record: RawRecord) {
        let out = &mut self.out;
        let mut p = Parser {
            file: &record.file,
            problems: Vec::new(),
        };
        let Some(id) = p.id(&record) else {
            out.problems.append(&mut p.problems);
            return;
        };
        let (fields, items, payments) = p.record(&record);
        match out.seqs.get(&id) {
            None => {
                out.seqs.insert(id.clone(), out.debtors.len());
                let mut d = Debtor {
                    id: id.clone(),
                    seq: out.debtors.len(),
                    pos: Pos::new(&record.file, record.line),
                    kind: None,
                    lang: None,
                    name: String::new(),
                    fields: Fields::default(),
                    items,
                    payments,
                    contract_date: None,
                    documents_due: None,
                    daily_rate: None,
                    grace_days: None,
                    hold: false,
                    level: None,
                };
                let mut added = Vec::with_capacity(fields.len());
                for (cell, pos) in fields {
                    if pos != d.pos {
                        self.origins.insert((d.seq, cell.column.clone()), pos);
                    }
                    p.apply(&mut d, &cell);
                    added.push(cell);
                }
                d.fields
                    .extend(added.iter().map(|c| (&*c.column, &*c.value)));
                out.debtors.push(d);
            }
            Some(&i) => {
                let d = &mut out.debtors[i];
                d.items.extend(items);
                d.payments.extend(payments);
                let mut added = Vec::new();
                for (cell, pos) in fields {
                    match d.fields.get(&cell.column) {
                        Some(prev) if *prev != cell.value => {
                            let first = self
                                .origins
                                .get(&(i, cell.column.clone()))
                                .unwrap_or(&d.pos);
                            p.problems.push(Problem::new(
                                pos,
                                cell.column.clone(),
                                format!(
                                    "{:?} here but {prev:?} on {first} (rows of one id must agree)",
                                    cell.value
                                ),
                            ));
                        }
                        Some(_) => {}
                        None => {
                            if pos != d.pos {
                                self.origins.insert((i, cell.column.clone()), pos);
                            }
                            p.apply(d, &cell);
                            added.push(cell);
                        }
                    }
                }
                d.fields
                    .extend(added.iter().map(|c| (&*c.column, &*c.value)));
            }
        }
        if !p.problems.is_empty() {
            out.problems
                .extend(p.problems.drain(..).map(|problem| problem.with_id(&id)));
            out.rejected.insert(id);
        }
    }

    /// Adds the checks that need the whole letter.
    pub fn finish(self) -> Loaded {
        let mut out = self.out;
        for d in &out.debtors {
            let problems = letter_problems(d, self.default_kind, out.rejected.contains(&d.id));
            if !problems.is_empty() {
                out.rejected.insert(d.id.clone());
                out.problems
                    .extend(problems.into_iter().map(|p| p.with_id(&d.id)));
            }
        }
        out
    }
}

/// Checks that need the whole letter: a name, and what its kind requires.
/// What a valid row lacks for a letter of `kind` the ladder chose (e.g. `documents_due`).
pub fn kind_problem(d: &Debtor, kind: LetterKind) -> Option<Problem> {
    letter_problems(d, kind, false).into_iter().next()
}

/// `had_problems`: its rows were already reported, so a bad item that was dropped must not
/// be reported a second time as a missing item.
fn letter_problems(d: &Debtor, default_kind: LetterKind, had_problems: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    if d.name.is_empty() {
        problems.push(Problem::new(
            d.pos.clone(),
            "name",
            "the debtor's name is required",
        ));
    }
    let kind = d.kind_or(default_kind);
    if kind.needs_items() && d.items.is_empty() && !had_problems {
        problems.push(Problem::new(
            d.pos.clone(),
            "amount_due",
            format!("a {kind} letter needs at least one item with amount_due and due_date"),
        ));
    }
    if kind.needs_documents_due() && d.documents_due.is_none() {
        problems.push(Problem::new(
            d.pos.clone(),
            "documents_due",
            format!(
                "a {kind} letter needs documents_due (the contract's deadline for the documents)"
            ),
        ));
    }
    problems
}

/// Parses the values of one record, collecting problems.
struct Parser<'a> {
    file: &'a str,
    problems: Vec<Problem>,
}

impl Parser<'_> {
    fn bad(&mut self, line: usize, column: &str, message: String) {
        self.problems
            .push(Problem::new(Pos::new(self.file, line), column, message));
    }

    /// A value longer than [`MAX_VALUE_CHARS`] is a problem, quoted only by its start.
    fn too_long(&mut self, c: &Cell) -> bool {
        let n = c.value.chars().count();
        if n <= MAX_VALUE_CHARS {
            return false;
        }
        let start: String = c.value.chars().take(20).collect();
        self.bad(
            c.line,
            &c.column,
            format!(
                "{start:?}…: {n} characters, more than the {MAX_VALUE_CHARS} a value may have (a broken export?)"
            ),
        );
        true
    }

    fn id(&mut self, r: &RawRecord) -> Option<String> {
        if let Some(c) = r.cells.iter().find(|c| c.column == "id")
            && self.too_long(c)
        {
            return None;
        }
        let id = r
            .cells
            .iter()
            .find(|c| c.column == "id")
            .map(|c| c.value.trim().to_string())
            .unwrap_or_default();
        if id.is_empty() {
            self.bad(
                r.line,
                "id",
                "the id (case / account number) is required".into(),
            );
            return None;
        }
        if id.chars().any(char::is_control) {
            self.bad(
                r.line,
                "id",
                format!("{id:?}: an id cannot contain control characters"),
            );
            return None;
        }
        Some(id)
    }

    /// Splits a record into its non-item cells (trimmed, non-empty), items and payments.
    fn record(
        &mut self,
        r: &RawRecord,
    ) -> (Vec<(Cell, Pos)>, Vec<DebtItem>, Vec<super::DatedPayment>) {
        let mut fields = Vec::new();
        let mut item_cells = Vec::new();
        for cell in &r.cells {
            let value = cell.value.trim();
            if value.is_empty() || self.too_long(cell) {
                continue;
            }
            let c = Cell {
                column: cell.column.clone(),
                value: value.to_string(),
                line: cell.line,
            };
            if columns::is_item(&cell.column) {
                item_cells.push(c);
            } else if cell.column != "id" {
                self.check_value(&c);
                fields.push((c, Pos::new(self.file, cell.line)));
            }
        }
        let mut items = Vec::new();
        if !item_cells.is_empty() {
            items.extend(self.item(r.line, &item_cells));
        }
        for part in &r.items {
            items.extend(self.yaml_item(part));
        }
        let payments = r.payments.iter().filter_map(|p| self.payment(p)).collect();
        (fields, items, payments)
    }

    /// Reports a non-item value that does not parse (the typed copy is set by `apply`).
    fn check_value(&mut self, c: &Cell) {
        let err = match c.column.as_str() {
            "kind" => c.value.parse::<LetterKind>().err(),
            "lang" => c.value.parse::<Lang>().err(),
            "contract_date" | "documents_due" => parse_date(&c.value).err(),
            "daily_rate" => parse_rate(&c.value).err(),
            "grace_days" => parse_days(&c.value).err(),
            "hold" => parse_hold(&c.value).err(),
            _ => None,
        };
        if let Some(e) = err {
            self.bad(c.line, &c.column, format!("{:?}: {e}", c.value));
        }
    }

    /// Sets the typed copy of a non-item value on the letter (already checked by
    /// `check_value`); the caller adds the text to [`Debtor::fields`].
    fn apply(&mut self, d: &mut Debtor, c: &Cell) {
        match c.column.as_str() {
            "kind" => d.kind = c.value.parse().ok(),
            "lang" => d.lang = c.value.parse().ok(),
            "name" => d.name = c.value.clone(),
            "contract_date" => d.contract_date = parse_date(&c.value).ok(),
            "documents_due" => d.documents_due = parse_date(&c.value).ok(),
            "daily_rate" => d.daily_rate = parse_rate(&c.value).ok(),
            "grace_days" => d.grace_days = parse_days(&c.value).ok(),
            "hold" => d.hold = parse_hold(&c.value).unwrap_or(false),
            _ => {}
        }
    }

    fn item(&mut self, line: usize, cells: &[Cell]) -> Option<DebtItem> {
        let get = |name: &str| cells.iter().find(|c| c.column == name);
        let before = self.problems.len();
        let amount_due = match get("amount_due") {
            Some(c) => self.amount(c),
            None => {
                self.bad(line, "amount_due", "an item needs amount_due".into());
                None
            }
        };
        let amount_paid = match get("amount_paid") {
            Some(c) => self.amount(c),
            None => Some(Money::ZERO),
        };
        let due_date = match get("due_date") {
            Some(c) => match parse_date(&c.value) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.bad(c.line, "due_date", format!("{:?}: {e}", c.value));
                    None
                }
            },
            None => {
                self.bad(
                    line,
                    "due_date",
                    "an item with an amount needs a due date".into(),
                );
                None
            }
        };
        if let (Some(due), Some(paid)) = (amount_due, amount_paid)
            && paid > due
        {
            self.bad(
                line,
                "amount_paid",
                format!("{paid} paid is more than the {due} due"),
            );
        }
        if self.problems.len() > before {
            return None;
        }
        Some(DebtItem {
            item: get("item").map(|c| c.value.clone()).unwrap_or_default(),
            amount_due: amount_due?,
            amount_paid: amount_paid?,
            due_date: due_date?,
            pos: Pos::new(self.file, line),
        })
    }

    fn yaml_item(&mut self, part: &RawPart) -> Option<DebtItem> {
        let mut cells = Vec::new();
        for c in &part.cells {
            if !columns::is_item(&c.column) {
                self.bad(
                    c.line,
                    &c.column,
                    format!(
                        "not an item field (items take {})",
                        columns::ITEM.join(", ")
                    ),
                );
            } else if !c.value.trim().is_empty() && !self.too_long(c) {
                cells.push(Cell {
                    value: c.value.trim().to_string(),
                    ..c.clone()
                });
            }
        }
        self.item(part.line, &cells)
    }

    fn payment(&mut self, part: &RawPart) -> Option<super::DatedPayment> {
        let (mut date, mut amount) = (None, None);
        for c in &part.cells {
            match c.column.as_str() {
                "date" | "日期" => match parse_date(&c.value) {
                    Ok(d) => date = Some(d),
                    Err(e) => self.bad(c.line, "payments.date", format!("{:?}: {e}", c.value)),
                },
                "amount" | "金额" | "amount_due" => {
                    amount = self.amount(&Cell {
                        column: "payments.amount".into(),
                        ..c.clone()
                    })
                }
                other => self.bad(
                    c.line,
                    other,
                    "not a payment field (payments take date, amount)".into(),
                ),
            }
        }
        match (date, amount) {
            (Some(date), Some(amount)) => Some(super::DatedPayment {
                date,
                amount,
                pos: Pos::new(self.file, part.line),
            }),
            (None, _) if !self.problems.iter().any(|p| p.pos.line == Some(part.line)) => {
                self.bad(
                    part.line,
                    "payments",
                    "a payment needs date and amount".into(),
                );
                None
            }
            _ => None,
        }
    }

    fn amount(&mut self, c: &Cell) -> Option<Money> {
        match parse_amount(&c.value) {
            Ok(m) => Some(m),
            Err(e) => {
                self.bad(c.line, &c.column, format!("{:?}: {e}", c.value));
                None
            }
        }
    }
}

fn parse_days(s: &str) -> Result<u32, String> {
    s.trim()
        .parse::<u32>()
        .map_err(|_| "not a whole number of days".to_string())
}

/// 1, yes, true, 是 (and a tick) hold a letter; 0, no, false, 否 do not.
fn parse_hold(s: &str) -> Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "" | "0" | "no" | "n" | "false" | "否" => Ok(false),
        "1" | "yes" | "y" | "true" | "是" | "x" | "✓" => Ok(true),
        _ => Err("not a hold flag (use 1, yes, true or 是; empty for none)".to_string()),
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

    #[test]
    fn a_disagreement_names_the_row_that_set_the_value_first() {
        // Row 2 has no phone; row 3 sets it; row 5 disagrees with row 3, not with row 2.
        let l = build(
            vec![
                rec(2, &[("id", "A"), ("name", "张三")]),
                rec(3, &[("id", "A"), ("phone", "138")]),
                rec(5, &[("id", "A"), ("phone", "139")]),
            ],
            LetterKind::Demand,
        );
        let messages: Vec<String> = l.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("t.csv:5: phone: \"139\" here but \"138\" on t.csv:3")),
            "{messages:?}"
        );
    }

    fn rec(line: usize, cells: &[(&str, &str)]) -> RawRecord {
        RawRecord {
            file: "t.csv".into(),
            line,
            cells: cells
                .iter()
                .map(|(c, v)| Cell {
                    column: c.to_string(),
                    value: v.to_string(),
                    line,
                })
                .collect(),
            items: vec![],
            payments: vec![],
        }
    }

    #[test]
    fn rows_of_one_id_form_one_letter() {
        let base = [
            ("id", "C1"),
            ("name", "某公司"),
            ("item", "A"),
            ("amount_due", "100"),
            ("due_date", "2026-10-01"),
        ];
        let mut second = base;
        second[2] = ("item", "B");
        second[1] = ("name", "");
        let l = build(vec![rec(2, &base), rec(3, &second)], LetterKind::Demand);
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        assert_eq!(l.debtors.len(), 1);
        assert_eq!(l.debtors[0].items.len(), 2);
        assert_eq!(l.debtors[0].items[1].item, "B");
    }

    #[test]
    fn disagreement_names_both_rows() {
        let a = [
            ("id", "C1"),
            ("name", "张三"),
            ("amount_due", "100"),
            ("due_date", "2026-10-01"),
        ];
        let mut b = a;
        b[1] = ("name", "李四");
        let l = build(vec![rec(2, &a), rec(5, &b)], LetterKind::Demand);
        assert_eq!(l.problems.len(), 1);
        assert_eq!(
            l.problems[0].to_string(),
            "t.csv:5: name: \"李四\" here but \"张三\" on t.csv:2 (rows of one id must agree)"
        );
        assert!(l.rejected.contains("C1"));
    }

    #[test]
    fn every_bad_value_is_reported() {
        let r = rec(
            4,
            &[
                ("id", "X"),
                ("name", "n"),
                ("kind", "nag"),
                ("lang", "fr"),
                ("amount_due", "1.234"),
                ("amount_paid", "-1"),
                ("due_date", "2026/02/30"),
            ],
        );
        let l = build(vec![r], LetterKind::Demand);
        let cols: Vec<&str> = l.problems.iter().map(|p| p.column.as_str()).collect();
        for c in ["kind", "lang", "amount_due", "amount_paid", "due_date"] {
            assert!(cols.contains(&c), "{c} missing in {:?}", l.problems);
        }
        assert!(
            l.problems
                .iter()
                .any(|p| p.message.contains("\"2026/02/30\""))
        );
    }

    #[test]
    fn missing_due_date_and_name() {
        let l = build(
            vec![rec(2, &[("id", "X"), ("amount_due", "5")])],
            LetterKind::Demand,
        );
        let text: Vec<String> = l.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            text.contains(
                &"t.csv:2: due_date: an item with an amount needs a due date".to_string()
            ),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("name: the debtor's name is required")),
            "{text:?}"
        );
    }

    #[test]
    fn mortgage_kind_needs_documents_due_not_items() {
        let l = build(
            vec![rec(
                2,
                &[("id", "M"), ("name", "n"), ("kind", "mortgage-reminder")],
            )],
            LetterKind::Demand,
        );
        assert_eq!(l.problems.len(), 1);
        assert_eq!(l.problems[0].column, "documents_due");
    }
}
