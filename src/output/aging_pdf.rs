//! aging.pdf: the aging table, a bar chart drawn by Typst and the ten largest debtors.
//! Built from the manifest rows' figures alone ([`Aging`]), so `merge` produces the same
//! bytes as the full run.
//! The figures are assembled here and handed to a fixed Typst program (`aging.typ`) as
//! string literals; render only typesets it.

use super::reports::{Aging, BucketSum};
use crate::render::{self, Engine};
use chrono::NaiveDate;
use std::fmt::Write;

/// The fixed Typst program below the generated data.
const PROGRAM: &str = include_str!("aging.typ");

/// The aging report as a PDF dated `as_of`.
pub fn aging_pdf(
    engine: &Engine,
    aging: &Aging,
    bounds: &[u32],
    as_of: NaiveDate,
) -> Result<Vec<u8>, String> {
    let source = format!("{}\n{PROGRAM}", data(aging, bounds, as_of));
    let main = Engine::file_id("/dunning-reports/aging.typ").ok_or("no file id for the report")?;
    let doc = render::compile(engine, main, source, as_of).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    render::pdf(&doc, "dunning/aging.pdf", as_of, false)
}

/// The report's figures as Typst `#let` bindings.
fn data(aging: &Aging, bounds: &[u32], as_of: NaiveDate) -> String {
    let sums = |b: &BucketSum| {
        format!(
            "letters: {}, outstanding: {}, fee: {}, total: {}",
            b.letters,
            lit(&b.outstanding.to_string()),
            lit(&b.fee.to_string()),
            lit(&b.total.to_string()),
        )
    };
    let (buckets, total) = aging.table(bounds);
    let mut out = String::new();
    let _ = writeln!(out, "#let as-of = {}", lit(&as_of.to_string()));
    let _ = writeln!(
        out,
        "#let letters-total = {}",
        lit(&aging.letters().to_string())
    );
    let buckets: Vec<String> = buckets
        .iter()
        .map(|b| format!("(name: {}, {})", lit(&b.name), sums(b)))
        .collect();
    let _ = writeln!(out, "#let buckets = ({},)", buckets.join(", "));
    let _ = writeln!(out, "#let total = ({})", sums(&total));
    // Largest outstanding first; equal amounts keep input order.
    let largest: Vec<String> = aging
        .largest()
        .iter()
        .map(|r| {
            format!(
                "(id: {}, name: {}, bucket: {}, outstanding: {}, total: {})",
                lit(&r.id),
                lit(&r.name),
                lit(&r.bucket),
                lit(&r.outstanding.to_string()),
                lit(&r.total.to_string())
            )
        })
        .collect();
    let largest = if largest.is_empty() {
        "()".to_string()
    } else {
        format!("({},)", largest.join(", "))
    };
    let _ = writeln!(out, "#let largest = {largest}");
    // Debts whose limitation period ends within EXPIRING_DAYS (or has ended), soonest first.
    let expiring: Vec<String> = aging
        .expiring()
        .iter()
        .map(|(last, r)| {
            format!(
                "(id: {}, name: {}, date: {}, days: {}, outstanding: {})",
                lit(&r.id),
                lit(&r.name),
                lit(&last.to_string()),
                lit(&(*last - as_of).num_days().to_string()),
                lit(&r.outstanding.to_string())
            )
        })
        .collect();
    let expiring = if expiring.is_empty() {
        "()".to_string()
    } else {
        format!("({},)", expiring.join(", "))
    };
    let _ = writeln!(out, "#let expiring = {expiring}");
    out
}

/// A Typst string literal: data is shown as text, never run as code or markup.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_cannot_break_out() {
        assert_eq!(lit(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(lit("#x\n"), r##""#x\n""##);
        assert_eq!(lit("\u{0}"), r#""\u{0}""#);
    }
}
