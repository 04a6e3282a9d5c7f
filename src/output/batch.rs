//! The batch zip as it is written: each letter's PDF under a unique name, the print files
//! filled letter by letter, and at the end the manifest, mailing list, aging and the
//! lists of skipped and rejected rows. Shared by `batch` and `merge`, which must produce
//! the same bytes. Memory stays flat however many letters: their manifest rows wait in a
//! temporary file beside the zip ([`Spill`]), the mailing order is a small key per letter
//! and the aging figures are summed as the letters come.

use super::csv::RowWriter;
use super::report_xlsx::Report;
use super::reports::{
    self, Aging, BucketSum, MailingKey, MailingRow, ManifestRow, RejectRow, SkippedRow,
};
use super::safe_file_stem;
use super::spill::{Rows, Spill};
use super::zip::ZipOut;
use crate::calc::money::Money;
use crate::data::Debtor;
use crate::error::{Error, Problem, Result};
use crate::letters::Assessment;
use crate::letters::run::Skipped;
use crate::render::{self, Engine, Page};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::Path;

/// The zip's letters, print files and manifest as they are written: shared by `batch`
/// and `merge`, which must produce the same bytes.
pub struct BatchWriter {
    /// Every letter's manifest row so far, in input order.
    rows: Spill,
    /// Where each letter goes in mailing.csv, and where its row is in `rows`.
    mailing: Vec<(MailingKey, u64)>,
    aging: Aging,
    /// Pages of all letters so far (blank backs of duplex printing aside).
    pages_total: usize,
    /// The letters' file names so far, lower-cased (unique where case does not count), as
    /// 128-bit digests: 16 bytes a letter, not a string. Two names sharing one (about 1 in
    /// 10^27 at a million letters, less likely than a disk's undetected error) would only
    /// give a letter a `-2` it did not need; no two entries can ever share a name.
    names: HashSet<u128>,
    chunk: usize,
    duplex: bool,
    /// Pages of the print file being filled, and how many letters it holds.
    pages: Vec<Page>,
    letters_in_chunk: usize,
    pub print_files: usize,
}

impl BatchWriter {
    /// A writer whose rows wait in `dir`, beside the zip.
    pub fn new(print_chunk: usize, duplex: bool, dir: &Path) -> Result<BatchWriter> {
        Ok(BatchWriter {
            rows: Spill::create(dir)?,
            mailing: Vec::new(),
            aging: Aging::new(),
            pages_total: 0,
            names: HashSet::new(),
            chunk: print_chunk.max(1),
            duplex,
            pages: Vec::new(),
            letters_in_chunk: 0,
            print_files: 0,
        })
    }

    /// Letters written so far.
    pub fn letters(&self) -> usize {
        self.aging.letters()
    }

    /// Their pages.
    pub fn pages(&self) -> usize {
        self.pages_total
    }

    /// Their outstanding amounts and fees.
    pub fn sums(&self) -> (Money, Money) {
        let total = self.aging.total();
        (total.outstanding, total.fee)
    }

    fn print_name(&self) -> String {
        format!("print/{:03}.pdf", self.print_files + 1)
    }

    /// Writes a letter's PDF and records, in its manifest row, its file, pages, hash and
    /// where it starts in the print files; `seq` is its input position.
    pub fn add(
        &mut self,
        zip: &mut ZipOut,
        seq: usize,
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
        let at = self.rows.push(seq, &row)?;
        self.mailing.push((MailingKey::of(&row), at));
        self.aging.add(&row, as_of);
        self.pages_total += row.pages;
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

    /// Writes the last print file, then manifest.csv, mailing.csv, aging.csv, aging.pdf,
    /// (if any) rejects.csv and skipped.csv, and report.xlsx.
    pub fn finish(
        &mut self,
        zip: &mut ZipOut,
        bounds: &[u32],
        rejects: &[Problem],
        skipped: &[Skipped],
        engine: &Engine,
        as_of: NaiveDate,
    ) -> Result<()> {
        self.flush_print(zip, as_of)?;
        // Typed rows always become CSV: a failure is a bug, not a problem with the input.
        let io = |e: std::io::Error| Error::Internal(format!("writing a report: {e}"));
        let dir = zip.dir().to_path_buf();
        let written = |e: std::io::Error| Error::io(&dir, e);
        // Postcode order, then id; equal keys (none: ids are unique) in input order.
        self.mailing.sort_by(|a, b| a.0.cmp(&b.0));
        let mut rows = self.rows.rows()?;
        zip.add_written("manifest.csv", |out| {
            let mut csv = RowWriter::<ManifestRow, _>::excel(out).map_err(written)?;
            for row in &mut rows {
                csv.write(&row?.1).map_err(written)?;
            }
            csv.finish().map_err(written)?.flush().map_err(written)
        })?;
        zip.add_written("mailing.csv", |out| {
            let mut csv = RowWriter::<MailingRow, _>::excel(out).map_err(written)?;
            for (_, at) in &self.mailing {
                csv.write(&MailingRow::from(&rows.at(*at)?.1))
                    .map_err(written)?;
            }
            csv.finish().map_err(written)?.flush().map_err(written)
        })?;
        zip.add(
            "aging.csv",
            &reports::aging(&self.aging, bounds).map_err(io)?,
        )?;
        let report = super::aging_pdf::aging_pdf(engine, &self.aging, bounds, as_of)
            .map_err(|m| Error::Internal(format!("aging.pdf: {m}")))?;
        zip.add("aging.pdf", &report)?;
        if !rejects.is_empty() {
            zip.add("rejects.csv", &reports::rejects(rejects).map_err(io)?)?;
        }
        if !skipped.is_empty() {
            zip.add("skipped.csv", &reports::skipped(skipped).map_err(io)?)?;
        }
        let (buckets, total) = self.aging.table(bounds);
        let aging: Vec<BucketSum> = buckets.into_iter().chain([total]).collect();
        let mut report = Report::new(&dir, as_of)?;
        rows.rewind()?;
        report.sheet("清单 manifest", (&mut rows).map(|r| r.map(|r| r.1)))?;
        let mailing = self
            .mailing
            .iter()
            .map(|(_, at)| rows.at(*at).map(|r| MailingRow::from(&r.1)));
        report.sheet("邮寄 mailing", mailing)?;
        report.sheet("账龄 aging", aging.into_iter().map(Ok))?;
        if !skipped.is_empty() {
            report.sheet(
                "未发函 skipped",
                skipped.iter().map(|s| Ok(SkippedRow::from(s))),
            )?;
        }
        if !rejects.is_empty() {
            report.sheet(
                "问题行 rejects",
                rejects.iter().map(|p| Ok(RejectRow::from(p))),
            )?;
        }
        zip.add_written("report.xlsx", |out| report.save(out))?;
        Ok(())
    }

    /// Every letter's row so far, in input order, with its input position: for a shard's
    /// own files.
    pub fn rows(&mut self) -> Result<Rows> {
        self.rows.rows()
    }

    /// Writes the print file being filled, if it has any letter.
    pub fn flush_print(&mut self, zip: &mut ZipOut, as_of: NaiveDate) -> Result<()> {
        if self.letters_in_chunk == 0 {
            return Ok(());
        }
        let name = self.print_name();
        let doc = render::print_document(std::mem::take(&mut self.pages), &name);
        // Every letter in it was exported on its own already: a failure here is a bug.
        let pdf = render::pdf(&doc, &format!("dunning/{name}"), as_of, false)
            .map_err(|m| Error::Internal(format!("{name}: PDF export failed: {m}")))?;
        zip.add(&name, &pdf)?;
        self.print_files += 1;
        self.letters_in_chunk = 0;
        Ok(())
    }

    /// `letters/<id>-<kind>.pdf`, the id made safe; two ids that become the same name —
    /// also where case does not count, as on Windows and macOS, which unpack `AB-1` and
    /// `ab-1` into one file (SPEC 10) — get `-2`, `-3`… in input order.
    fn unique_name(&mut self, id: &str, kind: &str) -> String {
        let stem = format!("letters/{}-{kind}", safe_file_stem(id));
        let mut name = format!("{stem}.pdf");
        let mut n = 1;
        while !self.names.insert(digest(&name.to_lowercase())) {
            n += 1;
            name = format!("{stem}-{n}.pdf");
        }
        name
    }
}

/// The first 128 bits of a name's SHA-256: the same on every machine and run.
fn digest(name: &str) -> u128 {
    let hash = Sha256::digest(name.as_bytes());
    let mut first = [0; 16];
    first.copy_from_slice(&hash[..16]);
    u128::from_le_bytes(first)
}

/// A letter's manifest row before it is placed in the zip.
pub fn manifest_row(d: &Debtor, a: &Assessment) -> ManifestRow {
    ManifestRow {
        id: d.id.clone(),
        name: d.name.clone(),
        kind: a.kind.to_string(),
        lang: a.lang.to_string(),
        file: String::new(),
        pages: 0,
        print_file: String::new(),
        print_page: 0,
        outstanding: a.arrears.outstanding,
        fee: a.arrears.fee,
        total: a.arrears.total,
        deadline: a.deadline.to_string(),
        bucket: a.bucket.clone(),
        sha256: String::new(),
        level: a.level,
        as_of: a.as_of.to_string(),
        limitation_date: a.limitation_date.map(|x| x.to_string()).unwrap_or_default(),
        email: d.fields.get("email").unwrap_or_default().trim().to_string(),
        address: d.fields.get("address").unwrap_or_default().to_string(),
        postcode: d.fields.get("postcode").unwrap_or_default().to_string(),
    }
}
