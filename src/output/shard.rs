//! What a shard zip carries besides its letters, so that `merge` can rebuild the zip of the
//! full run byte for byte: each letter's input position and filled template, the template
//! files the letters read, and the run's print settings. All under `shard/`, which the full
//! run's zip does not have. (A shard's `sms-skipped.csv` is merged by input position too.)

use super::csv::{RowWriter, read_rows, write_plain_rows};
use super::reports::ManifestRow;
use super::sms;
use super::zip::ZipOut;
use crate::calc::money::Money;
use crate::error::{Error, Pos, Problem, Result};
use crate::letters::run::Skipped;
use crate::messages::Text;
use crate::render::Engine;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use typst::foundations::Bytes;

/// The settings every shard of one run shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    pub k: usize,
    pub n: usize,
    pub as_of: NaiveDate,
    pub print_chunk: usize,
    pub duplex: bool,
    pub aging: Vec<u32>,
    /// Letters as PDF/A-2b: shards that differ would make a mixed archive.
    pub pdf_a: bool,
}

/// The filled template of the letter at input position `seq`.
pub fn source_entry(seq: usize) -> String {
    format!("shard/typ/{seq:08}.typ")
}

/// `shard/run.csv`: the run's settings, one row.
#[derive(Debug, Default, Serialize, Deserialize)]
struct ShardRun {
    /// `K/N`.
    shard: String,
    as_of: String,
    print_chunk: usize,
    duplex: bool,
    /// The aging bounds, space-separated.
    aging: String,
    pdf_a: bool,
}

/// `shard/letters.csv`: one letter's manifest row without its placement, with its input
/// position and its PDF's entry.
#[derive(Debug, Default, Serialize, Deserialize)]
struct ShardLetter {
    seq: usize,
    id: String,
    name: String,
    kind: String,
    lang: String,
    outstanding: Money,
    fee: Money,
    total: Money,
    deadline: String,
    bucket: String,
    entry: String,
    level: Option<usize>,
    address: String,
    postcode: String,
    limitation_date: String,
    /// The debtor's email (manifest.csv's last column).
    #[serde(default)]
    email: String,
}

/// `shard/rejects.csv`: a problem of a letter left out, with its order in the full run.
#[derive(Debug, Default, Serialize, Deserialize)]
struct ShardReject {
    order: usize,
    source: String,
    row: Option<usize>,
    id: String,
    column: String,
    message: String,
}

/// `shard/skipped.csv`: a debtor without a letter, with its input position.
#[derive(Debug, Default, Serialize, Deserialize)]
struct ShardSkipped {
    seq: usize,
    id: String,
    name: String,
    kind: String,
    days_overdue: i64,
    outstanding: Money,
    reason: String,
}

/// Writes the side entries at the end of a shard zip; `letters` are the shard's letters
/// with their input positions, in input order.
pub fn write(
    zip: &mut ZipOut,
    info: &Info,
    letters: impl Iterator<Item = Result<(usize, ManifestRow)>>,
    rejected: &[(usize, Problem)],
    skipped: &[Skipped],
    files: &[(String, Bytes)],
) -> Result<()> {
    let io = |e: std::io::Error| Error::Internal(format!("writing a shard file: {e}"));
    let aging: Vec<String> = info.aging.iter().map(u32::to_string).collect();
    let run = ShardRun {
        shard: format!("{}/{}", info.k, info.n),
        as_of: info.as_of.to_string(),
        print_chunk: info.print_chunk,
        duplex: info.duplex,
        aging: aging.join(" "),
        pdf_a: info.pdf_a,
    };
    zip.add("shard/run.csv", &write_plain_rows([&run]).map_err(io)?)?;
    let dir = zip.dir().to_path_buf();
    let written = |e: std::io::Error| Error::io(&dir, e);
    zip.add_written("shard/letters.csv", |out| {
        let mut csv = RowWriter::<ShardLetter, _>::plain(out).map_err(written)?;
        for letter in letters {
            let (seq, r) = letter?;
            let row = ShardLetter {
                seq,
                id: r.id,
                name: r.name,
                kind: r.kind,
                lang: r.lang,
                outstanding: r.outstanding,
                fee: r.fee,
                total: r.total,
                deadline: r.deadline,
                bucket: r.bucket,
                entry: r.file,
                level: r.level,
                address: r.address,
                postcode: r.postcode,
                limitation_date: r.limitation_date,
                email: r.email,
            };
            csv.write(&row).map_err(written)?;
        }
        csv.finish().map_err(written)?.flush().map_err(written)
    })?;
    let rejects: Vec<ShardReject> = rejected
        .iter()
        .map(|(order, p)| ShardReject {
            order: *order,
            source: p.pos.file.to_string(),
            row: p.pos.line,
            id: p.id.clone().unwrap_or_default(),
            // As the clerk's file names it: merge, in another process, cannot look it up.
            column: p.shown_column(),
            message: p.message.clone(),
        })
        .collect();
    zip.add(
        "shard/rejects.csv",
        &write_plain_rows(&rejects).map_err(io)?,
    )?;
    let skipped: Vec<ShardSkipped> = skipped
        .iter()
        .map(|s| ShardSkipped {
            seq: s.seq,
            id: s.id.clone(),
            name: s.name.clone(),
            kind: s.kind.clone(),
            days_overdue: s.days_overdue,
            outstanding: s.outstanding,
            reason: s.reason.to_string(),
        })
        .collect();
    zip.add(
        "shard/skipped.csv",
        &write_plain_rows(&skipped).map_err(io)?,
    )?;
    for (path, bytes) in files {
        zip.add(&format!("shard/files{path}"), bytes.as_slice())?;
    }
    Ok(())
}

/// One letter of a shard, as `merge` needs it.
pub struct Letter {
    pub seq: usize,
    /// The manifest row without its placement (file, pages, print file, hash).
    pub row: ManifestRow,
    /// Its PDF's entry in the shard zip.
    pub entry: String,
}

/// A shard zip opened for merging.
pub struct Shard {
    pub path: String,
    pub info: Info,
    pub letters: Vec<Letter>,
    pub rejects: Vec<(usize, Problem)>,
    pub skipped: Vec<Skipped>,
    pub files: Vec<(String, Bytes)>,
    /// Its letters without a text message (`batch --sms`), by input position.
    pub sms_skipped: Vec<(usize, sms::NoText)>,
    archive: zip::ZipArchive<std::fs::File>,
}

impl Shard {
    pub fn open(path: &Path) -> Result<Shard> {
        let name = path.display().to_string();
        let bad = |m: Text| Error::invalid(Problem::text(Pos::file(&name), "", &m));
        let unreadable = |entry: &str| bad(Text::new("shard-unreadable").arg("entry", entry));
        let file = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => bad(Text::new("no-such-file")),
            _ => Error::io(path, e),
        })?;
        let mut archive = zip::ZipArchive::new(file)
            .map_err(|e| bad(Text::new("zip-not-a-zip").arg("error", e)))?;
        let mut text = |entry: &str| -> Result<String> {
            let mut f = archive
                .by_name(entry)
                .map_err(|_| bad(Text::new("shard-missing-entry").arg("entry", entry)))?;
            let mut s = String::new();
            f.read_to_string(&mut s).map_err(|e| Error::io(path, e))?;
            Ok(s)
        };
        let info =
            parse_info(&text("shard/run.csv")?).ok_or_else(|| unreadable("shard/run.csv"))?;
        let letters_csv = text("shard/letters.csv")?;
        let rejects_csv = text("shard/rejects.csv")?;
        let letters = parse_letters(&letters_csv).ok_or_else(|| unreadable("shard/letters.csv"))?;
        let rejects = parse_rejects(&rejects_csv).ok_or_else(|| unreadable("shard/rejects.csv"))?;
        let skipped = parse_skipped(&text("shard/skipped.csv")?)
            .ok_or_else(|| unreadable("shard/skipped.csv"))?;
        let mut files = Vec::new();
        let names: Vec<String> = archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.to_string()))
            .filter(|n| n.starts_with("shard/files/"))
            .collect();
        for entry in names {
            let bytes = read_entry(&mut archive, &entry).map_err(|e| Error::io(path, e))?;
            files.push((entry["shard/files".len()..].to_string(), Bytes::new(bytes)));
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let sms_skipped = match read_entry(&mut archive, sms::SKIPPED_ENTRY) {
            Ok(bytes) => {
                let seqs: HashMap<&str, usize> =
                    letters.iter().map(|l| (l.row.id.as_str(), l.seq)).collect();
                sms::parse_skipped(&bytes)
                    .and_then(|skipped| {
                        skipped
                            .into_iter()
                            .map(|s| Some((*seqs.get(s.id.as_str())?, s)))
                            .collect::<Option<Vec<_>>>()
                    })
                    .ok_or_else(|| unreadable(sms::SKIPPED_ENTRY))?
            }
            Err(_) => Vec::new(),
        };
        Ok(Shard {
            path: name,
            info,
            letters,
            rejects,
            skipped,
            files,
            sms_skipped,
            archive,
        })
    }

    /// The bytes of an entry.
    pub fn read(&mut self, entry: &str) -> Result<Vec<u8>> {
        read_entry(&mut self.archive, entry).map_err(|e| Error::io(Path::new(&self.path), e))
    }
}

/// A shard zip that cannot be merged, and why.
pub fn invalid(file: &str, why: &Text) -> Error {
    Error::invalid(Problem::text(Pos::file(file), "", why))
}

/// Every shard 1..N exactly once, all from one run (date and print settings).
pub fn check_complete(shards: &[Shard]) -> Result<Info> {
    let Some(first) = shards.first() else {
        return Err(Error::UsageText(Text::new("shard-none")));
    };
    let info = first.info.clone();
    for s in shards {
        let i = &s.info;
        if (i.n, i.as_of, i.print_chunk, i.duplex, &i.aging, i.pdf_a)
            != (
                info.n,
                info.as_of,
                info.print_chunk,
                info.duplex,
                &info.aging,
                info.pdf_a,
            )
        {
            return Err(invalid(
                &s.path,
                &Text::new("shard-other-run").arg("first", &first.path),
            ));
        }
    }
    let mut ks: Vec<usize> = shards.iter().map(|s| s.info.k).collect();
    ks.sort_unstable();
    if ks != (1..=info.n).collect::<Vec<_>>() {
        let have: Vec<String> = ks.iter().map(|k| format!("{k}/{}", info.n)).collect();
        return Err(invalid(
            &first.path,
            &Text::new("shard-incomplete")
                .arg("n", info.n)
                .arg("have", have.join(", ")),
        ));
    }
    Ok(info)
}

/// The template files and images the shards' letters read; they must agree.
pub fn engine(shards: &[Shard]) -> Result<Engine> {
    let mut files: HashMap<String, Bytes> = HashMap::new();
    for s in shards {
        for (path, bytes) in &s.files {
            if let Some(seen) = files.insert(path.clone(), bytes.clone())
                && seen != *bytes
            {
                return Err(invalid(
                    &s.path,
                    &Text::new("shard-files-differ").arg("file", path),
                ));
            }
        }
    }
    Engine::new(HashMap::new(), None, files)
        .map_err(|e| Error::Internal(format!("the shards' templates: {e}")))
}

fn read_entry(
    archive: &mut zip::ZipArchive<std::fs::File>,
    entry: &str,
) -> std::io::Result<Vec<u8>> {
    let mut f = archive.by_name(entry).map_err(std::io::Error::other)?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn parse_info(text: &str) -> Option<Info> {
    let run: ShardRun = read_rows::<ShardRun>(text.as_bytes())
        .ok()?
        .into_iter()
        .next()?;
    let (k, n) = run.shard.split_once('/')?;
    Some(Info {
        k: k.parse().ok()?,
        n: n.parse().ok()?,
        as_of: run.as_of.parse().ok()?,
        print_chunk: run.print_chunk,
        duplex: run.duplex,
        aging: run
            .aging
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?,
        pdf_a: run.pdf_a,
    })
}

fn parse_letters(text: &str) -> Option<Vec<Letter>> {
    let rows: Vec<ShardLetter> = read_rows(text.as_bytes()).ok()?;
    Some(
        rows.into_iter()
            .map(|r| Letter {
                seq: r.seq,
                row: ManifestRow {
                    id: r.id,
                    name: r.name,
                    kind: r.kind,
                    lang: r.lang,
                    outstanding: r.outstanding,
                    fee: r.fee,
                    total: r.total,
                    deadline: r.deadline,
                    bucket: r.bucket,
                    level: r.level,
                    address: r.address,
                    postcode: r.postcode,
                    limitation_date: r.limitation_date,
                    email: r.email,
                    ..ManifestRow::default()
                },
                entry: r.entry,
            })
            .collect(),
    )
}

fn parse_skipped(text: &str) -> Option<Vec<Skipped>> {
    let rows: Vec<ShardSkipped> = read_rows(text.as_bytes()).ok()?;
    Some(
        rows.into_iter()
            .map(|r| Skipped {
                seq: r.seq,
                id: r.id,
                name: r.name,
                kind: r.kind,
                days_overdue: r.days_overdue,
                outstanding: r.outstanding,
                reason: r.reason.into(),
            })
            .collect(),
    )
}

fn parse_rejects(text: &str) -> Option<Vec<(usize, Problem)>> {
    let rows: Vec<ShardReject> = read_rows(text.as_bytes()).ok()?;
    Some(
        rows.into_iter()
            .map(|r| {
                let pos = match r.row {
                    None => Pos::file(&r.source),
                    Some(line) => Pos::new(&r.source, line),
                };
                let mut p = Problem::new(pos, r.column, r.message);
                if !r.id.is_empty() {
                    p = p.with_id(&r.id);
                }
                (r.order, p)
            })
            .collect(),
    )
}
