//! One record's cells → typed values: ids, dates, amounts, rates, day counts and hold
//! flags, each bad value a problem naming its file, row and column.

use super::columns;
use super::debtor::{DatedPayment, DebtItem, Debtor, MAX_VALUE_CHARS};
use super::{Cell, RawPart, RawRecord};
use crate::calc::dates::parse_date;
use crate::calc::money::{Money, parse_amount, parse_rate};
use crate::calc::{Lang, LetterKind};
use crate::error::{Pos, Problem};
use crate::messages::{Text, Value};

/// Sets the typed copy of a non-item value on the letter (already checked by
/// `Parser::check_value`); the caller adds the text to [`Debtor::fields`].
pub(super) fn apply(d: &mut Debtor, c: &Cell) {
    match c.column.as_str() {
        "kind" => d.kind = c.value.parse().ok(),
        "lang" => d.lang = c.value.parse().ok(),
        "name" => d.name = c.value.clone(),
        "contract_date" => d.contract_date = parse_date(&c.value).ok(),
        "documents_due" => d.documents_due = parse_date(&c.value).ok(),
        "interrupted" => d.interrupted = parse_date(&c.value).ok(),
        "daily_rate" => d.daily_rate = parse_rate(&c.value).ok(),
        "grace_days" => d.grace_days = parse_days(&c.value).ok(),
        "hold" => d.hold = parse_hold(&c.value).unwrap_or(false),
        _ => {}
    }
}

/// Parses the values of one record, collecting problems.
pub(super) struct Parser<'a> {
    pub(super) file: &'a str,
    pub(super) problems: Vec<Problem>,
}

impl Parser<'_> {
    /// `"VALUE": why` for a cell that does not parse.
    fn bad_quoted(&mut self, c: &Cell, column: &str, why: &Text) {
        let pos = Pos::new(self.file, c.line);
        self.problems
            .push(Problem::quoted(pos, column, &c.value, why));
    }

    /// A problem worded by the message catalogue (`messages`).
    fn bad_tr(&mut self, line: usize, column: &str, key: &str, args: &[(&str, Value)]) {
        self.problems
            .push(Problem::tr(Pos::new(self.file, line), column, key, args));
    }

    /// A value longer than [`MAX_VALUE_CHARS`] is a problem, quoted only by its start.
    pub(super) fn too_long(&mut self, c: &Cell) -> bool {
        let n = c.value.chars().count();
        if n <= MAX_VALUE_CHARS {
            return false;
        }
        let start: String = c.value.chars().take(20).collect();
        self.bad_tr(
            c.line,
            &c.column,
            "value-too-long",
            &[
                ("start", format!("{start:?}").into()),
                ("n", n.into()),
                ("max", MAX_VALUE_CHARS.into()),
            ],
        );
        true
    }

    pub(super) fn id(&mut self, r: &RawRecord) -> Option<String> {
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
            self.bad_tr(r.line, "id", "id-required", &[]);
            return None;
        }
        if id.chars().any(char::is_control) {
            self.bad_tr(
                r.line,
                "id",
                "id-control",
                &[("id", format!("{id:?}").into())],
            );
            return None;
        }
        Some(id)
    }

    /// Splits a record into its non-item cells (trimmed, non-empty), items and payments.
    pub(super) fn record(
        &mut self,
        r: &RawRecord,
    ) -> (Vec<(Cell, Pos)>, Vec<DebtItem>, Vec<DatedPayment>) {
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
        // Held until the letter is written: no room for three more items each.
        items.shrink_to_fit();
        let payments = r.payments.iter().filter_map(|p| self.payment(p)).collect();
        (fields, items, payments)
    }

    /// Reports a non-item value that does not parse (the typed copy is set by `apply`).
    pub(super) fn check_value(&mut self, c: &Cell) {
        let err: Option<Text> = match c.column.as_str() {
            "kind" => LetterKind::parse_text(&c.value).err(),
            "lang" => Lang::parse_text(&c.value).err(),
            "contract_date" | "documents_due" | "interrupted" => parse_date(&c.value).err(),
            "daily_rate" => parse_rate(&c.value).err(),
            "grace_days" => parse_days(&c.value).err(),
            "hold" => parse_hold(&c.value).err(),
            _ => None,
        };
        if let Some(e) = err {
            self.bad_quoted(c, &c.column, &e);
        }
    }

    pub(super) fn item(&mut self, line: usize, cells: &[Cell]) -> Option<DebtItem> {
        let get = |name: &str| cells.iter().find(|c| c.column == name);
        let before = self.problems.len();
        let amount_due = match get("amount_due") {
            Some(c) => self.amount(c),
            None => {
                self.bad_tr(line, "amount_due", "amount-due-required", &[]);
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
                    self.bad_quoted(c, "due_date", &e);
                    None
                }
            },
            None => {
                self.problems.push(Problem::tr(
                    Pos::new(self.file, line),
                    "due_date",
                    "due-date-required",
                    &[],
                ));
                None
            }
        };
        if let (Some(due), Some(paid)) = (amount_due, amount_paid)
            && paid > due
        {
            self.bad_tr(
                line,
                "amount_paid",
                "paid-over-due",
                &[
                    ("paid", paid.to_string().into()),
                    ("due", due.to_string().into()),
                ],
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

    pub(super) fn yaml_item(&mut self, part: &RawPart) -> Option<DebtItem> {
        let mut cells = Vec::new();
        for c in &part.cells {
            if !columns::is_item(&c.column) {
                let fields = columns::ITEM.join(", ");
                self.bad_tr(
                    c.line,
                    &c.column,
                    "not-an-item-field",
                    &[("fields", fields.into())],
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

    pub(super) fn payment(&mut self, part: &RawPart) -> Option<DatedPayment> {
        let (mut date, mut amount) = (None, None);
        for c in &part.cells {
            match c.column.as_str() {
                "date" | "日期" => match parse_date(&c.value) {
                    Ok(d) => date = Some(d),
                    Err(e) => self.bad_quoted(c, "payments.date", &e),
                },
                "amount" | "金额" | "amount_due" => {
                    amount = self.amount(&Cell {
                        column: "payments.amount".into(),
                        ..c.clone()
                    })
                }
                other => self.bad_tr(c.line, other, "not-a-payment-field", &[]),
            }
        }
        match (date, amount) {
            (Some(date), Some(amount)) => Some(DatedPayment {
                date,
                amount,
                pos: Pos::new(self.file, part.line),
            }),
            (None, _) if !self.problems.iter().any(|p| p.pos.line == Some(part.line)) => {
                self.bad_tr(part.line, "payments", "payment-incomplete", &[]);
                None
            }
            _ => None,
        }
    }

    pub(super) fn amount(&mut self, c: &Cell) -> Option<Money> {
        match parse_amount(&c.value) {
            Ok(m) => Some(m),
            Err(e) => {
                self.bad_quoted(c, &c.column, &e);
                None
            }
        }
    }
}

fn parse_days(s: &str) -> Result<u32, Text> {
    s.trim()
        .parse::<u32>()
        .map_err(|_| Text::new("not-whole-days"))
}

/// 1, yes, true, 是 (and a tick) hold a letter; 0, no, false, 否 do not.
fn parse_hold(s: &str) -> Result<bool, Text> {
    match s.trim().to_lowercase().as_str() {
        "" | "0" | "no" | "n" | "false" | "否" => Ok(false),
        "1" | "yes" | "y" | "true" | "是" | "x" | "✓" => Ok(true),
        _ => Err(Text::new("not-a-hold-flag")),
    }
}
