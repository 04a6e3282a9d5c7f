//! What a shard zip carries besides its letters, so that `merge` can rebuild the zip of the
//! full run byte for byte: each letter's input position and filled template, the template
//! files the letters read, and the run's print settings. All under `shard/`, which the full
//! run's zip does not have. (A shard's `sms-skipped.csv` is merged by input position too.)

use super::reports::{ManifestRow, SkippedRow};
use super::sms::{self, Skipped};
use super::zip::ZipOut;
use crate::calc::money::parse_amount;
use crate::error::{Error, Pos, Problem, Result};
use chrono::NaiveDate;
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

/// Writes the side entries at the end of a shard zip.
pub fn write(
    zip: &mut ZipOut,
    info: &Info,
    seqs: &[usize],
    manifest: &[ManifestRow],
    rejected: &[(usize, Problem)],
    skipped: &[SkippedRow],
    files: &[(String, Bytes)],
) -> Result<()> {
    let aging: Vec<String> = info.aging.iter().map(u32::to_string).collect();
    let run = format!(
        "shard,{}/{}\nas_of,{}\nprint_chunk,{}\nduplex,{}\naging,{}\npdf_a,{}\n",
        info.k,
        info.n,
        info.as_of,
        info.print_chunk,
        info.duplex,
        aging.join(" "),
        info.pdf_a
    );
    zip.add("shard/run.csv", run.as_bytes())?;
    let csv_error = |e: csv::Error| Error::io("shard", std::io::Error::other(e));
    let mut w = csv::Writer::from_writer(Vec::new());
    for (seq, r) in seqs.iter().zip(manifest) {
        w.write_record([
            &seq.to_string(),
            &r.id,
            &r.name,
            &r.kind,
            &r.lang,
            &r.outstanding.to_string(),
            &r.fee.to_string(),
            &r.total.to_string(),
            &r.deadline,
            &r.bucket,
            &r.file,
            &r.level.map(|l| l.to_string()).unwrap_or_default(),
            &r.address,
            &r.postcode,
        ])
        .map_err(csv_error)?;
    }
    zip.add(
        "shard/letters.csv",
        &w.into_inner()
            .map_err(|e| Error::io("shard", e.into_error()))?,
    )?;
    let mut w = csv::Writer::from_writer(Vec::new());
    for (order, p) in rejected {
        let row = p.pos.line.map(|l| l.to_string()).unwrap_or_default();
        w.write_record([
            order.to_string().as_str(),
            &p.pos.file,
            &row,
            p.id.as_deref().unwrap_or(""),
            &p.column,
            &p.message,
        ])
        .map_err(csv_error)?;
    }
    zip.add(
        "shard/rejects.csv",
        &w.into_inner()
            .map_err(|e| Error::io("shard", e.into_error()))?,
    )?;
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in skipped {
        w.write_record([
            &r.seq.to_string(),
            &r.id,
            &r.name,
            &r.kind,
            &r.days_overdue.to_string(),
            &r.outstanding.to_string(),
            &r.reason,
        ])
        .map_err(csv_error)?;
    }
    zip.add(
        "shard/skipped.csv",
        &w.into_inner()
            .map_err(|e| Error::io("shard", e.into_error()))?,
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
    pub skipped: Vec<SkippedRow>,
    pub files: Vec<(String, Bytes)>,
    /// Its letters without a text message (`batch --sms`), by input position.
    pub sms_skipped: Vec<(usize, Skipped)>,
    archive: zip::ZipArchive<std::fs::File>,
}

impl Shard {
    pub fn open(path: &Path) -> Result<Shard> {
        let name = path.display().to_string();
        let bad = |m: String| Error::invalid(Problem::new(Pos::file(&name), "", m));
        let file = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => bad("no such file".into()),
            _ => Error::io(path, e),
        })?;
        let mut archive = zip::ZipArchive::new(file).map_err(|e| bad(format!("not a zip: {e}")))?;
        let mut text = |entry: &str| -> Result<String> {
            let mut f = archive.by_name(entry).map_err(|_| {
                bad(format!(
                    "no {entry}: not a shard zip of `dunning batch --shard`"
                ))
            })?;
            let mut s = String::new();
            f.read_to_string(&mut s).map_err(|e| Error::io(path, e))?;
            Ok(s)
        };
        let info = parse_info(&text("shard/run.csv")?)
            .ok_or_else(|| bad("unreadable shard/run.csv".into()))?;
        let letters_csv = text("shard/letters.csv")?;
        let rejects_csv = text("shard/rejects.csv")?;
        let letters = parse_letters(&letters_csv)
            .ok_or_else(|| bad("unreadable shard/letters.csv".into()))?;
        let rejects = parse_rejects(&rejects_csv)
            .ok_or_else(|| bad("unreadable shard/rejects.csv".into()))?;
        let skipped = parse_skipped(&text("shard/skipped.csv")?)
            .ok_or_else(|| bad("unreadable shard/skipped.csv".into()))?;
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
                    .ok_or_else(|| bad(format!("unreadable {}", sms::SKIPPED_ENTRY)))?
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
    let get = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(','))
    };
    let (k, n) = get("shard")?.split_once('/')?;
    Some(Info {
        k: k.parse().ok()?,
        n: n.parse().ok()?,
        as_of: get("as_of")?.parse().ok()?,
        print_chunk: get("print_chunk")?.parse().ok()?,
        duplex: get("duplex")?.parse().ok()?,
        aging: get("aging")?
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?,
        // Shards written before --pdf-a was recorded did not use it.
        pdf_a: get("pdf_a").map_or(Some(false), |v| v.parse().ok())?,
    })
}

fn records(text: &str) -> Option<Vec<csv::StringRecord>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .ok()
}

fn parse_letters(text: &str) -> Option<Vec<Letter>> {
    records(text)?
        .iter()
        .map(|r| {
            let money = |i: usize| parse_amount(r.get(i)?).ok();
            Some(Letter {
                seq: r.get(0)?.parse().ok()?,
                row: ManifestRow {
                    id: r.get(1)?.to_string(),
                    name: r.get(2)?.to_string(),
                    kind: r.get(3)?.to_string(),
                    lang: r.get(4)?.to_string(),
                    file: String::new(),
                    pages: 0,
                    print_file: String::new(),
                    print_page: 0,
                    outstanding: money(5)?,
                    fee: money(6)?,
                    total: money(7)?,
                    deadline: r.get(8)?.to_string(),
                    bucket: r.get(9)?.to_string(),
                    sha256: String::new(),
                    level: match r.get(11)? {
                        "" => None,
                        l => Some(l.parse().ok()?),
                    },
                    as_of: String::new(),
                    address: r.get(12).unwrap_or_default().to_string(),
                    postcode: r.get(13).unwrap_or_default().to_string(),
                },
                entry: r.get(10)?.to_string(),
            })
        })
        .collect()
}

fn parse_skipped(text: &str) -> Option<Vec<SkippedRow>> {
    records(text)?
        .iter()
        .map(|r| {
            Some(SkippedRow {
                seq: r.get(0)?.parse().ok()?,
                id: r.get(1)?.to_string(),
                name: r.get(2)?.to_string(),
                kind: r.get(3)?.to_string(),
                days_overdue: r.get(4)?.parse().ok()?,
                outstanding: parse_amount(r.get(5)?).ok()?,
                reason: r.get(6)?.to_string(),
            })
        })
        .collect()
}

fn parse_rejects(text: &str) -> Option<Vec<(usize, Problem)>> {
    records(text)?
        .iter()
        .map(|r| {
            let pos = match r.get(2)? {
                "" => Pos::file(r.get(1)?),
                line => Pos::new(r.get(1)?, line.parse().ok()?),
            };
            let mut p = Problem::new(pos, r.get(4)?, r.get(5)?);
            if !r.get(3)?.is_empty() {
                p = p.with_id(r.get(3)?);
            }
            Some((r.get(0)?.parse().ok()?, p))
        })
        .collect()
}
