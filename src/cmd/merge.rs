//! `dunning merge`: joins the zips of `batch --shard K/N` into the zip the full run would
//! have written, byte for byte: the letters as they are, the print files laid out again
//! from each letter's filled template, the manifest, mailing list, aging and rejects rebuilt.

use crate::cli::MergeArgs;
use crate::error::{Error, Pos, Problem, Result};
use crate::messages::{Text, tr};
use crate::output::batch::BatchWriter;
use crate::output::shard::{self, Shard};
use crate::output::sms;
use crate::output::zip::ZipOut;
use crate::render::parallel::{in_order, workers};
use crate::render::{self, Engine, Page};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

pub fn run(args: &MergeArgs) -> Result<()> {
    let started = Instant::now();
    let shards = args
        .zips
        .iter()
        .map(|p| Shard::open(p))
        .collect::<Result<Vec<_>>>()?;
    let info = shard::check_complete(&shards)?;
    let engine = shard::engine(&shards)?;

    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (s, shard) in shards.iter().enumerate() {
        order.extend(
            shard
                .letters
                .iter()
                .enumerate()
                .map(|(l, letter)| (letter.seq, s, l)),
        );
    }
    order.sort_unstable();

    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("dunning-{}.zip", info.as_of)));
    let mut zip = ZipOut::create(&output, info.as_of)?;
    let mut out = BatchWriter::new(info.print_chunk, info.duplex, zip.dir())?;
    // Each shard's zip is read by one thread at a time; letters are laid out on the pool.
    let shards: Vec<Mutex<Shard>> = shards.into_iter().map(Mutex::new).collect();
    let lock = |s: usize| shards[s].lock().unwrap_or_else(|e| e.into_inner());
    let render = |i: usize| -> Result<(Vec<u8>, Vec<Page>)> {
        let (seq, s, l) = order[i];
        let (path, lang, kind, source, pdf) = {
            let mut shard = lock(s);
            let letter = &shard.letters[l];
            let (lang, kind, entry) = (
                letter.row.lang.clone(),
                letter.row.kind.clone(),
                letter.entry.clone(),
            );
            let source = shard.read(&shard::source_entry(seq))?;
            let pdf = shard.read(&entry)?;
            (shard.path.clone(), lang, kind, source, pdf)
        };
        let source = String::from_utf8(source)
            .map_err(|_| shard::invalid(&path, &Text::new("shard-source-not-utf8")))?;
        let main = Engine::file_id(&format!("/{lang}/{kind}.typ"))
            .ok_or_else(|| shard::invalid(&path, &Text::new("shard-unknown-kind")))?;
        let doc = render::compile(&engine, main, source, info.as_of).map_err(|errors| {
            Error::Invalid(
                errors
                    .into_iter()
                    .map(|e| {
                        let why = Text::new("typst-error").arg("message", e.to_string());
                        Problem::text(Pos::file(&path), "", &why)
                    })
                    .collect(),
            )
        })?;
        Ok((pdf, render::print_pages(doc.pages())))
    };
    let pool = workers(None)?;
    let in_flight = pool.current_num_threads() * 8;
    in_order(&pool, order.len(), in_flight, render, |i, result| {
        let (seq, s, l) = order[i];
        let mut row = lock(s).letters[l].row.clone();
        row.as_of = info.as_of.to_string();
        let (pdf, pages) = result.unwrap_or_else(|| {
            Err(Error::Internal(
                "laying out a letter of the merge failed".into(),
            ))
        })?;
        out.add(&mut zip, seq, row, &pdf, pages, info.as_of)?;
        if i % 16 == 15 {
            typst::comemo::evict(1);
        }
        Ok(())
    })?;
    let shards: Vec<Shard> = shards
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect();

    let mut rejects: Vec<(usize, Problem)> = shards
        .iter()
        .flat_map(|s| s.rejects.iter().cloned())
        .collect();
    rejects.sort_by_key(|(order, _)| *order);
    let rejects: Vec<Problem> = rejects.into_iter().map(|(_, p)| p).collect();
    let mut skipped: Vec<_> = shards
        .iter()
        .flat_map(|s| s.skipped.iter().cloned())
        .collect();
    skipped.sort_by_key(|r| r.seq);
    out.finish(
        &mut zip,
        &info.aging,
        &rejects,
        &skipped,
        &engine,
        info.as_of,
    )?;
    let mut sms_skipped: Vec<_> = shards.iter().flat_map(|s| s.sms_skipped.clone()).collect();
    sms_skipped.sort_by_key(|(seq, _)| *seq);
    let sms_skipped: Vec<_> = sms_skipped.into_iter().map(|(_, s)| s).collect();
    sms::add_skipped(&mut zip, &sms_skipped)?;
    zip.finish()?;
    let args = [
        ("zip", output.display().to_string().into()),
        ("letters", out.letters().into()),
        ("shards", shards.len().into()),
        ("prints", out.print_files.into()),
        (
            "seconds",
            format!("{:.1}", started.elapsed().as_secs_f64()).into(),
        ),
    ];
    eprintln!("{}", tr("merge-wrote", &args));
    if rejects.is_empty() {
        Ok(())
    } else {
        let letters: std::collections::HashSet<&str> =
            rejects.iter().filter_map(|p| p.id.as_deref()).collect();
        Err(Error::Rejected {
            problems: rejects.len(),
            letters: letters.len(),
        })
    }
}
