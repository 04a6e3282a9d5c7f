//! `dunning batch`: every letter into one print-ready zip — validated first, rendered in
//! parallel with a bounded number of letters in flight, written in input order, atomically.

use crate::cli::BatchArgs;
use crate::data::Debtor;
use crate::error::{Error, Problem, Result};
use crate::letters::Typesetter;
use crate::letters::branch::Branches;
use crate::letters::run::{Run, RunOptions, Skipped, prepare_with};
use crate::messages::tr;
use crate::output::atomic::dir_of;
use crate::output::batch::{BatchWriter, manifest_row};
use crate::output::reports::ManifestRow;
use crate::output::shard;
use crate::output::sms::{self, SmsFormat, Texts};
use crate::output::zip::ZipOut;
use crate::render::parallel::{in_order, workers};
use crate::render::{self, Page};
use crate::terminal::{print_warning, print_warnings, progress_bar};
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

/// Letters in flight per worker thread: enough to keep every core busy, few enough that
/// memory does not grow with the batch.
const IN_FLIGHT_PER_JOB: usize = 8;

pub fn run(args: &BatchArgs) -> Result<()> {
    let started = Instant::now();
    // The rows and letters wait in files beside the zip, each read when it is needed: a
    // batch does not hold every row's data until its last letter is written.
    let spill_dir = match &args.output {
        Some(path) => dir_of(path).to_path_buf(),
        None => PathBuf::from("."),
    };
    let options = RunOptions {
        force_kind: None,
        lang: args.lang,
        select: Some(args.ladder.selection()?),
        spill_dir: Some(spill_dir),
    };
    let mut run = prepare_with(args.sources(), args.as_of.given(), options)?;
    let as_of = run.as_of;
    if !run.config_problems.is_empty() {
        return Err(Error::Invalid(run.config_problems));
    }
    let typesetter = Typesetter::new(&run.config, args.templates.as_deref())
        .map_err(Error::Invalid)?
        .with_receipt(args.with_receipt);
    let (letters, rejected) = validate(args, &run, &typesetter)?;
    print_warnings(&run.warnings);
    // Text messages are filled before anything is written: a template error writes nothing.
    let texts = match &args.sms {
        Some(path) => {
            crate::output::atomic::check_writable(path)?;
            let text = |d: &Debtor| typesetter.sms(&run.config, d, &run.assess(d)?);
            let debtors = letters.iter().map(|&i| run.letters.get(i));
            Some(sms::compose(debtors, text)?)
        }
        None => None,
    };
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(args, as_of));
    let mut zip = ZipOut::create(&output, as_of)?;
    // Only `validate` needed every id's position.
    drop(std::mem::take(&mut run.seqs));
    let pool = workers(args.jobs)?;
    let jobs = pool.current_num_threads();
    let progress = progress_bar(args.quiet, letters.len());

    let mut out = BatchWriter::new(args.print_chunk as usize, args.duplex, zip.dir())?;
    // Letters render on the pool while this thread writes them, in input order.
    let in_flight = jobs * IN_FLIGHT_PER_JOB;
    let render = |i: usize| {
        let d = run.letters.get(letters[i])?;
        let letter = render_letter(&typesetter, &run, &d, args.pdf_a, args.shard.is_some());
        Ok((d.seq, letter))
    };
    in_order(&pool, letters.len(), in_flight, render, |next, result| {
        // `None`: rendering this letter panicked (a bug in Typst, say).
        let Some(result) = result else {
            let id = run.letters.get(letters[next])?.id;
            return Err(Error::Internal(format!("rendering letter {id} failed")));
        };
        let (seq, letter) = result?;
        let letter = letter.map_err(Error::Invalid)?;
        out.add(&mut zip, seq, letter.row, &letter.pdf, letter.pages, as_of)?;
        if let Some(source) = &letter.source {
            zip.add(&shard::source_entry(seq), source.as_bytes())?;
        }
        progress.inc(1);
        // Typst memoises across letters; without eviction memory grows with the batch.
        if next % 16 == 15 {
            typst::comemo::evict(1);
        }
        Ok(())
    })?;
    progress.finish_and_clear();
    let problems: Vec<Problem> = rejected.iter().map(|(_, p)| p.clone()).collect();
    let skipped: Vec<Skipped> = run
        .skipped
        .iter()
        .filter(|r| args.in_shard(r.seq))
        .cloned()
        .collect();
    out.finish(
        &mut zip,
        &run.config.aging,
        &problems,
        &skipped,
        typesetter.engine(),
        as_of,
    )?;
    if let Some(t) = &texts {
        sms::add_skipped(&mut zip, &t.skipped)?;
    }
    if let Some(s) = args.shard {
        let info = shard::Info {
            k: s.k,
            n: s.n,
            as_of,
            print_chunk: args.print_chunk as usize,
            duplex: args.duplex,
            aging: run.config.aging.clone(),
            pdf_a: args.pdf_a,
        };
        shard::write(
            &mut zip,
            &info,
            out.rows()?,
            &rejected,
            &skipped,
            &typesetter.files_read(),
        )?;
    }
    zip.finish()?;

    let seconds = started.elapsed().as_secs_f64();
    let (outstanding, fee) = out.sums();
    let summary = [
        ("zip", output.display().to_string().into()),
        ("letters", out.letters().into()),
        ("pages", out.pages().into()),
        ("prints", out.print_files.into()),
        ("outstanding", outstanding.grouped().into()),
        ("fee", fee.grouped().into()),
        ("seconds", format!("{seconds:.1}").into()),
        (
            "rate",
            format!("{:.0}", out.letters() as f64 / seconds.max(1e-9)).into(),
        ),
    ];
    eprintln!("{}", tr("batch-wrote", &summary));
    if !skipped.is_empty() {
        eprintln!("{}", tr("batch-skipped", &[("n", skipped.len().into())]));
    }
    if let (Some(path), Some(texts)) = (&args.sms, &texts) {
        write_texts(path, texts, args.sms_format)?;
    }
    if rejected.is_empty() {
        Ok(())
    } else {
        let ids: HashSet<&str> = rejected
            .iter()
            .filter_map(|(_, p)| p.id.as_deref())
            .collect();
        Err(Error::Rejected {
            problems: rejected.len(),
            letters: ids.len(),
        })
    }
}

/// This shard's letters in input order (their places in [`Run::letters`]), and the
/// problems of the letters left out.
type Selected = (Vec<usize>, Vec<(usize, Problem)>);

/// Checks everything before the first letter is rendered: the data, the fonts for every
/// value, and each template in use (one letter of each branch typeset). Returns this shard's letters in input
/// order and, with `--skip-invalid`, the problems of the letters left out.
fn validate(args: &BatchArgs, run: &Run, typesetter: &Typesetter) -> Result<Selected> {
    let mut problems = run.problems.clone();
    let mut branches = Branches::default();
    let mut template_problems = Vec::new();
    // The letters the data's problems name were not kept; any that are, are left out too.
    let bad: HashSet<&str> = run
        .problems
        .iter()
        .filter_map(|p| p.id.as_deref())
        .collect();
    let mut letters = Vec::new();
    for (i, d) in run.letters.iter().enumerate() {
        let d = &d?;
        let coverage = typesetter.check_coverage(d);
        if !coverage.is_empty() {
            problems.extend(coverage.into_iter().map(|p| p.with_id(&d.id)));
            continue;
        }
        let a = match run.assess(d) {
            Ok(a) => a,
            Err(p) => {
                problems.push(p.with_id(&d.id));
                continue;
            }
        };
        if branches.first(d, &a)
            && let Err(p) = typesetter.typeset(&run.config, d, &a)
        {
            template_problems.extend(p);
        }
        if args.in_shard(d.seq) && !bad.contains(d.id.as_str()) {
            letters.push(i);
        }
    }
    drop(bad);
    if !template_problems.is_empty() {
        return Err(Error::Invalid(template_problems));
    }
    // A problem with a whole file (unreadable, empty) cannot be skipped row by row.
    let whole_file = problems.iter().any(|p| p.pos.line.is_none());
    if !problems.is_empty() && (!args.skip_invalid || whole_file) {
        return Err(Error::Invalid(problems));
    }
    // Each shard reports the rejects of its own letters; rows without an id go to shard 1.
    let rejected = problems
        .into_iter()
        .enumerate()
        .filter(
            |(_, p)| match p.id.as_deref().and_then(|id| run.seqs.get(id)) {
                Some(&seq) => args.in_shard(seq),
                None => args.shard.is_none_or(|s| s.k == 1),
            },
        )
        .collect();
    Ok((letters, rejected))
}

/// A letter rendered, or why it could not be.
type Rendering = std::result::Result<Rendered, Vec<Problem>>;

/// One letter, rendered.
struct Rendered {
    /// Its manifest row, before it is placed in the zip.
    row: ManifestRow,
    pdf: Vec<u8>,
    pages: Vec<Page>,
    /// The filled template, kept in shard zips so that `merge` can rebuild the print files.
    source: Option<String>,
}

/// Renders one letter; its filled template is kept only for a shard zip (`keep_source`).
fn render_letter(
    typesetter: &Typesetter,
    run: &Run,
    d: &Debtor,
    pdf_a: bool,
    keep_source: bool,
) -> Rendering {
    let a = &run.assess(d).map_err(|p| vec![p.with_id(&d.id)])?;
    let source = typesetter.fill(&run.config, d, a)?;
    let kept = keep_source.then(|| source.clone());
    let doc = typesetter.compile(a, source)?;
    let pdf = render::pdf(
        &doc,
        &render::letter_ident(&d.id, a.kind.name()),
        a.as_of,
        pdf_a,
    )
    .map_err(|m| {
        let args = [("error", m.into())];
        vec![Problem::tr(d.pos.clone(), "", "pdf-failed", &args).with_id(&d.id)]
    })?;
    Ok(Rendered {
        row: manifest_row(d, a),
        pdf,
        pages: render::print_pages(doc.pages()),
        source: kept,
    })
}

/// Writes the SMS file once the zip is in place, and names every letter left without a
/// text message (they are listed in the zip's sms-skipped.csv too).
fn write_texts(path: &std::path::Path, texts: &Texts, format: SmsFormat) -> Result<()> {
    sms::write(path, &texts.messages, format)?;
    for s in &texts.skipped {
        let args = [
            ("id", s.id.as_str().into()),
            ("reason", sms::reason_text(&s.reason).shown().into()),
        ];
        print_warning(tr("sms-no-message", &args));
    }
    let segments: usize = texts.messages.iter().map(|m| sms::segments(&m.text)).sum();
    let args = [
        ("file", path.display().to_string().into()),
        ("messages", texts.messages.len().into()),
        ("segments", segments.into()),
        ("without", texts.skipped.len().into()),
        ("list", sms::SKIPPED_ENTRY.into()),
    ];
    eprintln!("{}", tr("sms-wrote", &args));
    Ok(())
}

fn default_output(args: &BatchArgs, as_of: chrono::NaiveDate) -> PathBuf {
    match args.shard {
        Some(s) => PathBuf::from(format!("dunning-{as_of}-{}-of-{}.zip", s.k, s.n)),
        None => PathBuf::from(format!("dunning-{as_of}.zip")),
    }
}
