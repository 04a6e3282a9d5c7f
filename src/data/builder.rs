//! Rows → letters: records validated one at a time as they are read, and the rows sharing
//! an id merged into one letter (a disagreement names both rows).

use super::cells::Parser;
use super::debtor::Debtor;
use super::{Loaded, RawRecord};
use crate::calc::LetterKind;
use crate::error::{Pos, Problem};
use std::collections::HashMap;

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
                let pos = Pos::new(&record.file, record.line);
                let mut d = Debtor {
                    items,
                    payments,
                    ..Debtor::new(id.clone(), out.debtors.len(), pos)
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
                            p.problems.push(Problem::tr(
                                pos,
                                cell.column.clone(),
                                "rows-disagree",
                                &[
                                    ("value", format!("{:?}", cell.value).into()),
                                    ("first_value", format!("{prev:?}").into()),
                                    ("first", first.to_string().into()),
                                ],
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
        problems.push(Problem::tr(d.pos.clone(), "name", "name-required", &[]));
    }
    let kind = d.kind_or(default_kind);
    if kind.needs_items() && d.items.is_empty() && !had_problems {
        problems.push(Problem::tr(
            d.pos.clone(),
            "amount_due",
            "kind-needs-items",
            &[("kind", kind.name().into())],
        ));
    }
    if kind.needs_documents_due() && d.documents_due.is_none() {
        problems.push(Problem::tr(
            d.pos.clone(),
            "documents_due",
            "kind-needs-documents",
            &[("kind", kind.name().into())],
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

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
        use crate::data::Cell;
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
