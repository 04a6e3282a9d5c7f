//! Rows → letters: records validated one at a time as they are read and put in a
//! temporary file, then the rows sharing an id merged into one letter (a disagreement
//! names both rows), one letter at a time: a million rows are never held together.

use super::cells::{Parser, apply};
use super::debtor::{DatedPayment, DebtItem, Debtor};
use super::spill::{Spilled, Writer};
use super::{Cell, Loaded, RawRecord};
use crate::calc::LetterKind;
use crate::error::{Error, Pos, Problem, Result};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// One record as parsed, waiting in the rows file until its letter is merged.
#[derive(Debug)]
pub(super) struct Row {
    pub id: String,
    pub pos: Pos,
    /// Its non-item cells, each with where it came from (a YAML value has its own line).
    pub fields: Vec<(Cell, Pos)>,
    pub items: Vec<DebtItem>,
    pub payments: Vec<DatedPayment>,
}

/// No next row: the last of its id.
const LAST: usize = usize::MAX;

/// Validates records one at a time as they are read and spills them; [`Builder::finish`]
/// merges the rows of each id, in input order (first appearance of the id).
pub struct Builder {
    default_kind: LetterKind,
    rows: Writer<Row>,
    /// By letter (input position): its first and its last row in `rows`.
    first: Vec<usize>,
    last: Vec<usize>,
    /// By row: the next row of the same id, or [`LAST`].
    next: Vec<usize>,
    out: Loaded,
    /// The first failure to write the rows file, reported by `finish`.
    failed: Option<Error>,
}

impl Builder {
    /// `dir`: where the rows wait (beside the output; `None`: the system's temporary folder).
    pub fn new(default_kind: LetterKind, dir: Option<&Path>) -> Result<Self> {
        Ok(Builder {
            default_kind,
            rows: Writer::new(dir)?,
            first: Vec::new(),
            last: Vec::new(),
            next: Vec::new(),
            out: Loaded::default(),
            failed: None,
        })
    }

    pub fn add(&mut self, record: RawRecord) {
        if self.failed.is_some() {
            return;
        }
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
        let row = self.rows.len();
        match out.seqs.get(&id) {
            None => {
                out.seqs.insert(id.clone(), self.first.len());
                self.first.push(row);
                self.last.push(row);
            }
            Some(&seq) => {
                self.next[self.last[seq]] = row;
                self.last[seq] = row;
            }
        }
        self.next.push(LAST);
        if !p.problems.is_empty() {
            out.problems
                .extend(p.problems.drain(..).map(|problem| problem.with_id(&id)));
            out.rejected.insert(id.clone());
        }
        let row = Row {
            id,
            pos: Pos::new(&record.file, record.line),
            fields,
            items,
            payments,
        };
        if let Err(e) = self.rows.push(&row) {
            self.failed = Some(e);
        }
    }

    /// Merges the rows of each letter and adds the checks that need the whole letter;
    /// hands every letter without a problem to `sink`, in input order, unless `refused`
    /// (the readers' problems) names its id.
    pub fn finish(
        mut self,
        refused: &BTreeSet<String>,
        sink: &mut dyn FnMut(Debtor) -> Result<()>,
    ) -> Result<Loaded> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let rows = self.rows.finish()?;
        let mut out = self.out;
        for (seq, &first) in self.first.iter().enumerate() {
            let mut problems = Vec::new();
            let d = merge(&rows, first, &self.next, seq, &mut problems)?;
            let had_problems = out.rejected.contains(&d.id);
            let reported = had_problems || !problems.is_empty();
            problems.extend(letter_problems(&d, self.default_kind, reported));
            if !problems.is_empty() {
                out.problems
                    .extend(problems.into_iter().map(|p| p.with_id(&d.id)));
                out.rejected.insert(d.id.clone());
            } else if !had_problems && !refused.contains(&d.id) {
                sink(d)?;
            }
        }
        Ok(out)
    }
}

/// One letter from its rows, `first` and those `next` links to it: the first row's values
/// stand, a later row may add values but not change one (the problem names both rows).
fn merge(
    rows: &Spilled<Row>,
    first: usize,
    next: &[usize],
    seq: usize,
    problems: &mut Vec<Problem>,
) -> Result<Debtor> {
    let row = rows.get(first)?;
    let mut d = Debtor {
        items: row.items,
        payments: row.payments,
        ..Debtor::new(row.id, seq, row.pos)
    };
    // Where a value came from, when not from the letter's first row: to name both rows on
    // a disagreement.
    let mut origins: HashMap<String, Pos> = HashMap::new();
    let mut fields = row.fields;
    let mut at = first;
    loop {
        let mut added = Vec::with_capacity(fields.len());
        for (cell, pos) in fields {
            match d.fields.get(&cell.column) {
                Some(prev) if *prev != cell.value => {
                    let first = origins.get(&cell.column).unwrap_or(&d.pos);
                    problems.push(Problem::tr(
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
                        origins.insert(cell.column.clone(), pos);
                    }
                    apply(&mut d, &cell);
                    added.push(cell);
                }
            }
        }
        d.fields
            .extend(added.iter().map(|c| (&*c.column, &*c.value)));
        at = next[at];
        if at == LAST {
            return Ok(d);
        }
        let row = rows.get(at)?;
        d.items.extend(row.items);
        d.payments.extend(row.payments);
        fields = row.fields;
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

    /// What `finish` gave: the letters handed on, and the problems.
    struct Built {
        debtors: Vec<Debtor>,
        problems: Vec<Problem>,
        rejected: BTreeSet<String>,
    }

    fn build(records: Vec<RawRecord>, default_kind: LetterKind) -> Built {
        let dir = tempfile::tempdir().unwrap();
        let mut b = Builder::new(default_kind, Some(dir.path())).unwrap();
        records.into_iter().for_each(|r| b.add(r));
        let mut debtors = Vec::new();
        let mut sink = |d| {
            debtors.push(d);
            Ok(())
        };
        let l = b.finish(&BTreeSet::new(), &mut sink).unwrap();
        Built {
            debtors,
            problems: l.problems,
            rejected: l.rejected,
        }
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

    /// Rows of ids interleaved (A B A C B): three letters in the order their ids first
    /// appear, each with its own items in row order.
    #[test]
    fn interleaved_rows_merge_by_id_in_first_appearance_order() {
        let row = |line, id, item| {
            let due = [("amount_due", "100"), ("due_date", "2026-10-01")];
            let mut cells = vec![("id", id), ("name", "某公司"), ("item", item)];
            cells.extend(due);
            rec(line, &cells)
        };
        let l = build(
            vec![
                row(2, "A", "a1"),
                row(3, "B", "b1"),
                row(4, "A", "a2"),
                row(5, "C", "c1"),
                row(6, "B", "b2"),
            ],
            LetterKind::Demand,
        );
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        let letters: Vec<(String, usize, Vec<String>)> = l
            .debtors
            .iter()
            .map(|d| {
                let items = d.items.iter().map(|i| i.item.clone()).collect();
                (d.id.clone(), d.seq, items)
            })
            .collect();
        let expected = [
            ("A", 0, ["a1", "a2"].as_slice()),
            ("B", 1, &["b1", "b2"]),
            ("C", 2, &["c1"]),
        ];
        let expected: Vec<(String, usize, Vec<String>)> = expected
            .iter()
            .map(|(id, seq, items)| {
                (
                    id.to_string(),
                    *seq,
                    items.iter().map(|i| i.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(letters, expected);
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
