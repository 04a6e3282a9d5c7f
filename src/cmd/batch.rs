//! `dunning batch`: every letter into one print-ready zip — validated first, rendered in
//! parallel with a bounded number of letters in flight, written in input order, atomically.

use super::{Run, RunOptions, Selection, prepare_with, print_warnings};
use crate::calc::Assessment;
use crate::calc::money::Money;
use crate::cli::BatchArgs;
use crate::data::Debtor;
use crate::error::{Error, Pos, Problem, Result};
use crate::letters::Press;
use crate::output::reports::{self, ManifestRow, SkippedRow};
use crate::output::safe_file_stem;
use crate::output::shard;
use crate::output::sms::{self, Texts};
use crate::output::zip::ZipOut;
use crate::render::{self, Engine, Page};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

/// Letters in flight per worker thread: enough to keep every core busy, few enough that
/// memory does not grow with the batch.
const IN_FLIGHT_PER_JOB: usize = 8;

pub fn run(args: &BatchArgs) -> Result<()> {
    let started = Instant::now();
    let as_of = args.as_of.date();
    let options = RunOptions {
        force_kind: None,
        lang: args.lang,
        select: Some(Selection::new(&args.ladder)?),
    };
    let mut run = prepare_with(&args.data, &args.config, as_of, options)?;
    if !run.config_problems.is_empty() {
        return Err(Error::Invalid(run.config_problems));
    }
    let press = Press::new(&run.config, args.templates.as_deref())
        .map_err(Error::Invalid)?
        .with_receipt(args.with_receipt);
    let (letters, rejected) = validate(args, &run, &press)?;
    print_warnings(&run.warnings);
    // Text messages are filled before anything is written: a template error writes nothing.
    let texts = match &args.sms {
        Some(path) => {
            crate::output::atomic::check_writable(path)?;
            let text = |d: &Debtor| press.sms(&run.config, d, &run.assess(d)?);
            Some(sms::compose(letters.iter().copied(), text).map_err(Error::Invalid)?)
        }
        None => None,
    };
    // This shard's letters, each dropped once written: a batch does not hold every row's
    // data to the end. Only the worker rendering a letter and then the writer touch its slot.
    let chosen: HashSet<usize> = letters.iter().map(|d| d.seq).collect();
    let letters: Vec<Mutex<Option<Debtor>>> = std::mem::take(&mut run.letters)
        .into_iter()
        .filter(|d| chosen.contains(&d.seq))
        .map(|d| Mutex::new(Some(d)))
        .collect();
    let slot = |i: usize| letters[i].lock().unwrap_or_else(|e| e.into_inner());

    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(args, as_of));
    let mut zip = ZipOut::create(&output, as_of)?;
    let pool = super::workers(args.jobs)?;
    let jobs = pool.current_num_threads();
    let progress = super::progress_bar(args.quiet, letters.len());

    let mut out = Output::new(args.print_chunk as usize, args.duplex);
    let mut shard_letters = Vec::new();
    // Letters render on the pool while this thread writes them, in input order.
    let in_flight = jobs * IN_FLIGHT_PER_JOB;
    let message = "internal error while rendering this letter (a bug: please report it)";
    let render = |i: usize| match slot(i).as_ref() {
        Some(d) => render_letter(&press, &run, d, args.pdf_a, args.shard.is_some()),
        None => Err(vec![Problem::new(Pos::file("-"), "", message)]),
    };
    super::in_order(&pool, letters.len(), in_flight, render, |next, result| {
        let Some(d) = slot(next).take() else {
            return Err(Error::invalid(Problem::new(Pos::file("-"), "", message)));
        };
        let letter = result
            .unwrap_or_else(|| {
                Err(vec![
                    Problem::new(d.pos.clone(), "", message).with_id(&d.id),
                ])
            })
            .map_err(Error::Invalid)?;
        out.add(&mut zip, letter.row, &letter.pdf, letter.pages, as_of)?;
        if let Some(source) = &letter.source {
            zip.add(&shard::source_entry(d.seq), source.as_bytes())?;
            shard_letters.push(d.seq);
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
    let skipped: Vec<SkippedRow> = run
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
        press.engine(),
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
            &shard_letters,
            &out.manifest,
            &rejected,
            &skipped,
            &press.files_read(),
        )?;
    }
    zip.finish()?;

    let seconds = started.elapsed().as_secs_f64();
    let sum = |f: fn(&ManifestRow) -> Money| out.manifest.iter().map(f).sum::<Money>().grouped();
    eprintln!(
        "wrote {}: {} letters, {} pages, {} print files; outstanding {}, fee {}; {:.1} s ({:.0} letters/s)",
        output.display(),
        out.manifest.len(),
        out.manifest.iter().map(|r| r.pages).sum::<usize>(),
        out.print_files,
        sum(|r| r.outstanding),
        sum(|r| r.fee),
        seconds,
        out.manifest.len() as f64 / seconds.max(1e-9),
    );
    if !skipped.is_empty() {
        eprintln!(
            "{} debtor(s) got no letter (hold, ladder or history): see skipped.csv in the zip",
            skipped.len()
        );
    }
    if let (Some(path), Some(texts)) = (&args.sms, &texts) {
        write_texts(path, texts)?;
    }
    if rejected.is_empty() {
        Ok(())
    } else {
        let ids: HashSet<&str> = rejected
            .iter()
            .filter_map(|(_, p)| p.id.as_deref())
            .collect();
        eprintln!(
            "{} problem(s), {} letter(s) left out: see rejects.csv in the zip",
            rejected.len(),
            ids.len()
        );
        Err(Error::Reported(3))
    }
}

/// This shard's letters in input order, and the problems of the letters left out.
type Selected<'r> = (Vec<&'r Debtor>, Vec<(usize, Problem)>);

/// Checks everything before the first letter is rendered: the data, the fonts for every
/// value, and each template in use (typeset once). Returns this shard's letters in input
/// order and, with `--skip-invalid`, the problems of the letters left out.
fn validate<'r>(args: &BatchArgs, run: &'r Run, press: &Press) -> Result<Selected<'r>> {
    let mut problems = run.problems.clone();
    let mut tried = HashSet::new();
    let mut template_problems = Vec::new();
    for d in &run.letters {
        let coverage = press.check_coverage(d);
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
        if tried.insert(variant(d, &a))
            && let Err(p) = press.typeset(&run.config, d, &a)
        {
            template_problems.extend(p);
        }
    }
    if !template_problems.is_empty() {
        return Err(Error::Invalid(template_problems));
    }
    // A problem with a whole file (unreadable, empty) cannot be skipped row by row.
    let whole_file = problems.iter().any(|p| p.pos.line.is_none());
    if !problems.is_empty() && (!args.skip_invalid || whole_file) {
        return Err(Error::Invalid(problems));
    }
    let bad: HashSet<&str> = problems.iter().filter_map(|p| p.id.as_deref()).collect();
    let letters = run
        .letters
        .iter()
        .filter(|d| args.in_shard(d.seq) && !bad.contains(d.id.as_str()))
        .collect();
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

/// Letters that take the same branches of the built-in templates: one of each is typeset
/// before the batch starts, so a template error stops it before anything is rendered.
fn variant(d: &Debtor, a: &Assessment) -> impl std::hash::Hash + Eq + use<> {
    let f = &a.figures;
    (
        a.kind,
        a.lang,
        !d.fields.contains_key("title"),
        d.items.len() > 1,
        f.fee.is_zero(),
        f.flat.is_zero(),
        d.payments.is_empty(),
    )
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
    press: &Press,
    run: &Run,
    d: &Debtor,
    pdf_a: bool,
    keep_source: bool,
) -> Rendering {
    let a = &run.assess(d).map_err(|p| vec![p.with_id(&d.id)])?;
    let source = press.fill(&run.config, d, a)?;
    let kept = keep_source.then(|| source.clone());
    let doc = press.compile(a, source)?;
    let pdf = render::pdf(
        &doc,
        &render::letter_ident(&d.id, a.kind.name()),
        a.as_of,
        pdf_a,
    )
    .map_err(|m| {
        vec![Problem::new(d.pos.clone(), "", format!("PDF export failed: {m}")).with_id(&d.id)]
    })?;
    Ok(Rendered {
        row: manifest_row(d, a),
        pdf,
        pages: doc.pages().to_vec(),
        source: kept,
    })
}

/// The zip's letters, print files and manifest as they are written: shared by `batch`
/// and `merge`, which must produce the same bytes.
pub(super) struct Output {
    pub manifest: Vec<ManifestRow>,
    names: HashSet<String>,
    chunk: usize,
    duplex: bool,
    /// Pages of the print file being filled, and how many letters it holds.
    pages: Vec<Page>,
    letters_in_chunk: usize,
    pub print_files: usize,
}

impl Output {
    pub fn new(print_chunk: usize, duplex: bool) -> Output {
        Output {
            manifest: Vec::new(),
            names: HashSet::new(),
            chunk: print_chunk.max(1),
            duplex,
            pages: Vec::new(),
            letters_in_chunk: 0,
            print_files: 0,
        }
    }

    fn print_name(&self) -> String {
        format!("print/{:03}.pdf", self.print_files + 1)
    }

    /// Writes a letter's PDF and records, in its manifest row, its file, pages, hash and
    /// where it starts in the print files.
    pub fn add(
        &mut self,
        zip: &mut ZipOut,
        mut row: ManifestRow,
        pdf: &[u8],
        pages: Vec<Page>,
        as_of: NaiveDate,
    ) -> Result<()> {
        row.file = self.unique_name(&row.id, &row.kind);
        zip.add(&row.file, pdf)?;
        row.pages = pages.len();
        row.print_file = self.print_name();
        row.print_page = self.pages.len() + 1;
        row.sha256 = Sha256::digest(pdf)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.manifest.push(row);
        let blank = (self.duplex && pages.len() % 2 == 1)
            .then(|| pages.last().map(render::blank_like))
            .flatten();
        self.pages.extend(pages);
        self.pages.extend(blank);
        self.letters_in_chunk += 1;
        if self.letters_in_chunk == self.chunk {
            self.flush_print(zip, as_of)?;
        }
        Ok(())
    }

    /// Writes the last print file, then manifest.csv, mailing.csv, aging.csv, aging.pdf and
    /// (if any) rejects.csv and skipped.csv.
    pub fn finish(
        &mut self,
        zip: &mut ZipOut,
        aging: &[u32],
        rejects: &[Problem],
        skipped: &[SkippedRow],
        engine: &Engine,
        as_of: NaiveDate,
    ) -> Result<()> {
        self.flush_print(zip, as_of)?;
        let io = |e: std::io::Error| Error::io("manifest", e);
        zip.add(
            "manifest.csv",
            &reports::manifest(&self.manifest).map_err(io)?,
        )?;
        zip.add(
            "mailing.csv",
            &reports::mailing(&self.manifest).map_err(io)?,
        )?;
        zip.add(
            "aging.csv",
            &reports::aging(&self.manifest, aging).map_err(io)?,
        )?;
        let report = render::report::aging_pdf(engine, &self.manifest, aging, as_of)
            .map_err(|m| Error::invalid(Problem::new(Pos::file("aging.pdf"), "", m)))?;
        zip.add("aging.pdf", &report)?;
        if !rejects.is_empty() {
            zip.add("rejects.csv", &reports::rejects(rejects).map_err(io)?)?;
        }
        if !skipped.is_empty() {
            zip.add("skipped.csv", &reports::skipped(skipped).map_err(io)?)?;
        }
        Ok(())
    }

    /// Writes the print file being filled, if it has any letter.
    pub fn flush_print(&mut self, zip: &mut ZipOut, as_of: NaiveDate) -> Result<()> {
        if self.letters_in_chunk == 0 {
            return Ok(());
        }
        let name = self.print_name();
        let doc = render::print_document(std::mem::take(&mut self.pages), &name);
        let pdf = render::pdf(&doc, &format!("dunning/{name}"), as_of, false).map_err(|m| {
            Error::invalid(Problem::new(
                Pos::file(&name),
                "",
                format!("PDF export failed: {m}"),
            ))
        })?;
        zip.add(&name, &pdf)?;
        self.print_files += 1;
        self.letters_in_chunk = 0;
        Ok(())
    }

    /// `letters/<id>-<kind>.pdf`, the id made safe; two ids that become the same name
    /// get `-2`, `-3`… in input order.
    fn unique_name(&mut self, id: &str, kind: &str) -> String {
        let stem = format!("letters/{}-{kind}", safe_file_stem(id));
        let mut name = format!("{stem}.pdf");
        let mut n = 1;
        while !self.names.insert(name.clone()) {
            n += 1;
            name = format!("{stem}-{n}.pdf");
        }
        name
    }
}

/// A letter's manifest row before it is placed in the zip.
fn manifest_row(d: &Debtor, a: &Assessment) -> ManifestRow {
    ManifestRow {
        id: d.id.clone(),
        name: d.name.clone(),
        kind: a.kind.to_string(),
        lang: a.lang.to_string(),
        file: String::new(),
        pages: 0,
        print_file: String::new(),
        print_page: 0,
        outstanding: a.figures.outstanding,
        fee: a.figures.fee,
        total: a.figures.total,
        deadline: a.deadline.to_string(),
        bucket: a.bucket.clone(),
        sha256: String::new(),
        level: a.level,
        as_of: a.as_of.to_string(),
        address: d.fields.get("address").unwrap_or_default().to_string(),
        postcode: d.fields.get("postcode").unwrap_or_default().to_string(),
    }
}

/// Writes the SMS file once the zip is in place, and names every letter left without a
/// text message (they are listed in the zip's sms-skipped.csv too).
fn write_texts(path: &std::path::Path, texts: &Texts) -> Result<()> {
    let bytes = sms::csv(&texts.messages).map_err(|e| Error::io(path, e))?;
    crate::output::atomic::write(path, &bytes)?;
    for s in &texts.skipped {
        eprintln!("warning: {}: {}: no text message", s.id, s.reason);
    }
    let segments: usize = texts.messages.iter().map(|m| sms::segments(&m.text)).sum();
    eprintln!(
        "wrote {}: {} text messages, {segments} SMS segments{}",
        path.display(),
        texts.messages.len(),
        match texts.skipped.len() {
            0 => String::new(),
            n => format!(
                "; {n} letter(s) without one: see {} in the zip",
                sms::SKIPPED_ENTRY
            ),
        }
    );
    Ok(())
}

fn default_output(args: &BatchArgs, as_of: chrono::NaiveDate) -> PathBuf {
    match args.shard {
        Some(s) => PathBuf::from(format!("dunning-{as_of}-{}-of-{}.zip", s.k, s.n)),
        None => PathBuf::from(format!("dunning-{as_of}.zip")),
    }
}
