//! `dunning compute`: every letter's figures as a table, JSON (SPEC 7) or CSV.

use crate::cli::{ComputeArgs, Format};
use crate::error::{Error, Result};
use crate::letters::figures::Figures;
use crate::letters::run::{RunOptions, prepare_with};
use crate::output::csv::write_rows;
use crate::output::table::{Align, render};
use crate::terminal::print_warnings;
use std::io::Write;

pub fn run(args: &ComputeArgs) -> Result<()> {
    let l = &args.ladder;
    // Without --auto or --history every row is shown, held or not: compute is a calculator.
    let select = (l.auto || !l.history.is_empty())
        .then(|| l.selection())
        .transpose()?;
    let options = RunOptions {
        select,
        ..RunOptions::default()
    };
    let run = prepare_with(args.data.sources(&args.config), args.as_of.given(), options)?;
    let problems = run.all_problems();
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    print_warnings(&run.warnings);
    for s in &run.skipped {
        let args = [
            ("id", s.id.as_str().into()),
            ("reason", s.reason.shown().into()),
        ];
        eprintln!("{}", crate::messages::tr("skipped-line", &args));
    }
    let mut letters = Vec::with_capacity(run.letters.len());
    for d in run.letters.iter() {
        let d = d?;
        letters.push(Figures::new(&d, &run.assess(&d).map_err(Error::invalid)?));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &letters)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Table => out.write_all(table(&letters).as_bytes()),
        Format::Csv => write_csv(&mut out, &letters),
    };
    written.and_then(|()| out.flush()).map_err(Error::stdout)
}

fn table(letters: &[Figures]) -> String {
    use Align::{Left, Right};
    let header = [
        "id",
        "name",
        "kind",
        "days",
        "bucket",
        "outstanding",
        "fee",
        "total",
        "deadline",
        "limitation",
    ];
    let align = [
        Left, Left, Left, Right, Left, Right, Right, Right, Left, Left,
    ];
    let money = |s: &str| {
        s.parse()
            .map(|d| crate::calc::money::Money(d).grouped())
            .unwrap_or_else(|_| s.to_string())
    };
    let rows: Vec<Vec<String>> = letters
        .iter()
        .map(|l| {
            vec![
                l.id.clone(),
                l.name.clone(),
                l.kind.clone(),
                l.days_overdue.to_string(),
                l.bucket.clone(),
                money(&l.outstanding),
                money(&l.fee),
                money(&l.total),
                l.deadline.clone(),
                l.limitation_date.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let sum = |get: fn(&Figures) -> &str| {
        let total: rust_decimal::Decimal = letters
            .iter()
            .filter_map(|l| get(l).parse::<rust_decimal::Decimal>().ok())
            .sum();
        crate::calc::money::Money(total).grouped()
    };
    let mut out = render(&header, &align, &rows);
    out.push_str(&format!(
        "{} letter{}; outstanding {}, fee {}, total {}\n",
        letters.len(),
        if letters.len() == 1 { "" } else { "s" },
        sum(|l| &l.outstanding),
        sum(|l| &l.fee),
        sum(|l| &l.total),
    ));
    out
}

/// One row per letter, the columns of the JSON without the items, for Excel.
fn write_csv<W: Write>(mut out: W, letters: &[Figures]) -> std::io::Result<()> {
    out.write_all(&write_rows(letters)?)
}
