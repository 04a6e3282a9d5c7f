//! `dunning compute`: every letter's figures as a table, JSON (SPEC 7) or CSV.

use super::{RunOptions, Selection, prepare_with, print_warnings};
use crate::cli::{ComputeArgs, Format};
use crate::error::{Error, Result};
use crate::output::csv::{excel_writer, safe};
use crate::output::figures::LetterJson;
use crate::output::table::{Align, render};
use std::io::Write;

pub fn run(args: &ComputeArgs) -> Result<()> {
    let l = &args.ladder;
    // Without --auto or --history every row is shown, held or not: compute is a calculator.
    let select = (l.auto || !l.history.is_empty())
        .then(|| Selection::new(l))
        .transpose()?;
    let options = RunOptions {
        select,
        ..RunOptions::default()
    };
    let run = prepare_with(&args.data, &args.config, args.as_of.date(), options)?;
    let problems = run.all_problems();
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    print_warnings(&run.warnings);
    for s in &run.skipped {
        eprintln!("skipped: {}: {}", s.id, s.reason);
    }
    let letters = run
        .letters
        .iter()
        .map(|d| Ok(LetterJson::new(d, &run.assess(d)?)))
        .collect::<std::result::Result<Vec<LetterJson>, crate::error::Problem>>()
        .map_err(Error::invalid)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &letters)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Table => out.write_all(table(&letters).as_bytes()),
        Format::Csv => write_csv(&mut out, &letters),
    };
    match written.and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not a failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}

fn table(letters: &[LetterJson]) -> String {
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
    ];
    let align = [Left, Left, Left, Right, Left, Right, Right, Right, Left];
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
            ]
        })
        .collect();
    let sum = |get: fn(&LetterJson) -> &str| {
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

fn write_csv<W: Write>(out: W, letters: &[LetterJson]) -> std::io::Result<()> {
    let mut w = excel_writer(out)?;
    w.write_record([
        "id",
        "kind",
        "lang",
        "name",
        "as_of",
        "days_overdue",
        "bucket",
        "outstanding",
        "fee",
        "flat",
        "total",
        "daily_increment",
        "deadline",
        "outstanding_words",
        "total_words",
    ])?;
    for l in letters {
        let days = l.days_overdue.to_string();
        w.write_record([
            safe(&l.id).as_ref(),
            &l.kind,
            &l.lang,
            &safe(&l.name),
            &l.as_of,
            &days,
            &l.bucket,
            &l.outstanding,
            &l.fee,
            &l.flat,
            &l.total,
            &l.daily_increment,
            &l.deadline,
            &safe(&l.outstanding_words),
            &safe(&l.total_words),
        ])?;
    }
    w.flush()
}
