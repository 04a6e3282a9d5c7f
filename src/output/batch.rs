//! The batch zip as it is written: each letter's PDF under a unique name, the print files
//! filled letter by letter, and at the end the manifest, mailing list, aging and the
//! lists of skipped and rejected rows. Shared by `batch` and `merge`, which must produce
//! the same bytes.

use super::report_xlsx::{Report, report_xlsx};
use super::reports::{self, BucketSum, ManifestRow, RejectRow, SkippedRow};
use super::safe_file_stem;
use super::zip::ZipOut;
use crate::data::Debtor;
use crate::error::{Error, Problem, Result};
use crate::letters::Assessment;
use crate::letters::run::Skipped;
use crate::render::{self, Engine, Page};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The zip's letters, print files and manifest as they are written: shared by `batch`
/// and `merge`, which must produce the same bytes.
pub struct BatchWriter {
    pub manifest: Vec<ManifestRow>,
    /// The letters' file names so far, lower-cased: unique where case does not count.
    names: HashSet<String>,
    chunk: usize,
    duplex: bool,
    /// Pages of the print file being filled, and how many letters it holds.
    pages: Vec<Page>,
    letters_in_chunk: usize,
    pub print_files: usize,
}

impl BatchWriter {
    pub fn new(print_chunk: usize, duplex: bool) -> BatchWriter {
        BatchWriter {
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

    /// Writes the last print file, then manifest.csv, mailing.csv, aging.csv, aging.pdf,
    /// (if any) rejects.csv and skipped.csv, and report.xlsx.
    pub fn finish(
        &mut self,
        zip: &mut ZipOut,
        aging: &[u32],
        rejects: &[Problem],
        skipped: &[Skipped],
        engine: &Engine,
        as_of: NaiveDate,
    ) -> Result<()> {
        self.flush_print(zip, as_of)?;
        // Typed rows always become CSV: a failure is a bug, not a problem with the input.
        let io = |e: std::io::Error| Error::Internal(format!("writing a report: {e}"));
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
        let report = super::aging_pdf::aging_pdf(engine, &self.manifest, aging, as_of)
            .map_err(|m| Error::Internal(format!("aging.pdf: {m}")))?;
        zip.add("aging.pdf", &report)?;
        if !rejects.is_empty() {
            zip.add("rejects.csv", &reports::rejects(rejects).map_err(io)?)?;
        }
        if !skipped.is_empty() {
            zip.add("skipped.csv", &reports::skipped(skipped).map_err(io)?)?;
        }
        let (buckets, total) = reports::aging_table(&self.manifest, aging);
        let aging: Vec<BucketSum> = buckets.into_iter().chain([total]).collect();
        let report = Report {
            manifest: &self.manifest,
            mailing: &reports::mailing_rows(&self.manifest),
            aging: &aging,
            skipped: &skipped.iter().map(SkippedRow::from).collect::<Vec<_>>(),
            rejects: &rejects.iter().map(RejectRow::from).collect::<Vec<_>>(),
        };
        zip.add("report.xlsx", &report_xlsx(&report, as_of)?)?;
        Ok(())
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
        while !self.names.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{stem}-{n}.pdf");
        }
        name
    }
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
