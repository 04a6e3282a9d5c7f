//! `dunning check`: every problem in every file, then a summary line; exit 1 if any.

use crate::cli::CheckArgs;
use crate::config::parse_mailbox;
use crate::data::Debtor;
use crate::deliver::message;
use crate::error::{Error, Problem, Result};
use crate::letters::Assessment;
use crate::letters::Typesetter;
use crate::letters::branch::Branches;
use crate::letters::run::{Run, prepare};
use crate::messages::tr;
use crate::output::batch::manifest_row;
use crate::output::safe_file_stem;
use crate::render::parallel::workers;
use crate::terminal::{progress_bar, stdout};

pub fn run(args: &CheckArgs) -> Result<()> {
    let mut run = prepare(args.data.sources(&args.config), args.as_of.given())?;
    run.problems.extend(check_letters(args, &run)?);
    run.problems = run.all_problems();
    let mut out = String::new();
    for p in &run.problems {
        out.push_str(&format!("{p}\n"));
    }
    let warning = tr("prefix-warning", &[]);
    for w in &run.warnings {
        out.push_str(&format!("{warning}: {w}\n"));
    }
    let counts = [
        ("problems", run.problems.len().into()),
        ("files", args.data.data.len().into()),
        ("letters", run.letters.len().into()),
    ];
    let summary = if run.problems.is_empty() {
        tr("check-ok", &counts)
    } else {
        tr("check-problems", &counts)
    };
    out.push_str(&summary);
    out.push('\n');
    let written = stdout(out.as_bytes());
    if run.problems.is_empty() {
        written
    } else {
        // A closed pipe (`check | head`) does not hide that there were problems.
        match written {
            Err(e) if !e.is_broken_pipe() => Err(e),
            _ => Err(Error::CheckFailed {
                count: run.problems.len(),
            }),
        }
    }
}

/// Template and font problems: every value's characters against the fonts, and every
/// letter typeset (laid out, not exported) and its text message and email filled, so a
/// template error in a branch only some letters take is found too; with `--quick` only the
/// first letter of each branch, as `batch` does before it starts. The same template error
/// is reported once.
fn check_letters(args: &CheckArgs, run: &Run) -> Result<Vec<Problem>> {
    use rayon::prelude::*;
    let typesetter = match Typesetter::new(&run.config, args.templates.as_deref()) {
        Ok(p) => p,
        Err(problems) => return Ok(problems),
    };
    let pool = workers(None)?;
    let mut problems = Vec::new();
    let mut branches = Branches::default();
    // Typesetting a million letters takes minutes: show that it is moving.
    let progress = progress_bar(false, run.letters.len());
    // Typst memoises every layout until evicted: small windows keep memory flat.
    let mut letters = run.letters.iter();
    loop {
        let window = letters.by_ref().take(32).collect::<Result<Vec<_>>>()?;
        if window.is_empty() {
            break;
        }
        // Every letter's fonts and figures: cheap.
        let assessed: Vec<std::result::Result<Assessment, Vec<Problem>>> = pool.install(|| {
            window
                .par_iter()
                .map(|d| {
                    let coverage = typesetter.check_coverage(d);
                    if !coverage.is_empty() {
                        return Err(coverage.into_iter().map(|p| p.with_id(&d.id)).collect());
                    }
                    run.assess(d).map_err(|p| vec![p.with_id(&d.id)])
                })
                .collect()
        });
        // Which to typeset, chosen in input order so that the same letters are each time.
        let typeset: Vec<bool> = window
            .iter()
            .zip(&assessed)
            .map(|(d, a)| {
                a.as_ref()
                    .is_ok_and(|a| !args.quick || branches.first(d, a))
            })
            .collect();
        let found: Vec<Vec<Problem>> = pool.install(|| {
            window
                .par_iter()
                .zip(assessed)
                .zip(typeset)
                .map(|((d, a), typeset)| {
                    let a = match a {
                        Ok(a) => a,
                        Err(found) => return found,
                    };
                    let mut found = Vec::new();
                    if typeset {
                        found.extend(
                            typesetter
                                .typeset(&run.config, d, &a)
                                .err()
                                .into_iter()
                                .flatten(),
                        );
                        found.extend(typesetter.sms(&run.config, d, &a).err());
                    }
                    found.extend(mail_problems(&typesetter, run, d, &a, typeset));
                    found
                })
                .collect()
        });
        for p in found.into_iter().flatten() {
            // A template error comes once per letter; a font problem is each letter's own.
            if p.id.is_some() || !problems.contains(&p) {
                problems.push(p);
            }
        }
        typst::comemo::evict(1);
        progress.inc(window.len() as u64);
    }
    progress.finish_and_clear();
    Ok(problems)
}

/// What `send` would find wrong with the letter's email: its address, and (`fill`)
/// `mail.txt` filled from the letter's manifest row.
fn mail_problems(
    typesetter: &Typesetter,
    run: &Run,
    d: &Debtor,
    a: &Assessment,
    fill: bool,
) -> Vec<Problem> {
    let mut row = manifest_row(d, a);
    row.file = format!("letters/{}-{}.pdf", safe_file_stem(&d.id), row.kind);
    row.pages = 1;
    let mut found = Vec::new();
    if !row.email.is_empty()
        && let Err(e) = parse_mailbox(&row.email)
    {
        found.push(Problem::text(d.pos.clone(), "email", &e).with_id(&d.id));
    }
    if fill {
        found.extend(message::text(typesetter.templates(), &run.config, &row, a.lang).err());
    }
    found
}
