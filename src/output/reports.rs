//! The CSV files of a batch zip: manifest.csv, mailing.csv, aging.csv, rejects.csv (SPEC 7).

use super::csv::{excel_writer, safe};
use crate::calc::aging::bucket_names;
use crate::calc::money::Money;
use crate::error::Problem;

/// One letter's row of manifest.csv.
#[derive(Debug, Clone)]
pub struct ManifestRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub lang: String,
    pub file: String,
    pub pages: usize,
    pub print_file: String,
    pub print_page: usize,
    pub outstanding: Money,
    pub fee: Money,
    pub total: Money,
    pub deadline: String,
    pub bucket: String,
    pub sha256: String,
    /// The letter's ladder step, if its kind is on the ladder (for `--history`).
    pub level: Option<usize>,
    /// The run's date, so that a later run can tell how long ago the letter went out.
    pub as_of: String,
    /// The recipient's address and postcode: for mailing.csv, not in manifest.csv.
    pub address: String,
    pub postcode: String,
}

/// SPEC 7's columns, then `level` and `as_of`, which `--history` reads back.
pub const MANIFEST_HEADER: [&str; 16] = [
    "id",
    "name",
    "kind",
    "lang",
    "file",
    "pages",
    "print_file",
    "print_page",
    "outstanding",
    "fee",
    "total",
    "deadline",
    "bucket",
    "sha256",
    "level",
    "as_of",
];

pub fn manifest(rows: &[ManifestRow]) -> std::io::Result<Vec<u8>> {
    let mut w = excel_writer(Vec::new())?;
    w.write_record(MANIFEST_HEADER)?;
    for r in rows {
        w.write_record([
            safe(&r.id).as_ref(),
            &safe(&r.name),
            &r.kind,
            &r.lang,
            &r.file,
            &r.pages.to_string(),
            &r.print_file,
            &r.print_page.to_string(),
            &r.outstanding.to_string(),
            &r.fee.to_string(),
            &r.total.to_string(),
            &r.deadline,
            &r.bucket,
            &r.sha256,
            &r.level.map(|l| l.to_string()).unwrap_or_default(),
            &r.as_of,
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

pub const MAILING_HEADER: [&str; 7] = [
    "id",
    "name",
    "address",
    "postcode",
    "pages",
    "print_file",
    "print_page",
];

/// The post room's list: one row per letter, sorted by postcode then id (postal rates
/// and bundles go by postcode); letters without a postcode come last, by id.
pub fn mailing(rows: &[ManifestRow]) -> std::io::Result<Vec<u8>> {
    let mut sorted: Vec<&ManifestRow> = rows.iter().collect();
    sorted.sort_by_key(|r| {
        (
            r.postcode.trim().is_empty(),
            r.postcode.trim(),
            r.id.as_str(),
        )
    });
    let mut w = excel_writer(Vec::new())?;
    w.write_record(MAILING_HEADER)?;
    for r in sorted {
        w.write_record([
            safe(&r.id).as_ref(),
            &safe(&r.name),
            &safe(&r.address),
            &safe(r.postcode.trim()),
            &r.pages.to_string(),
            &r.print_file,
            &r.print_page.to_string(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// Letters and money of one aging bucket (or of all letters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketSum {
    pub name: String,
    pub letters: usize,
    pub outstanding: Money,
    pub fee: Money,
    pub total: Money,
}

impl BucketSum {
    fn of<'a>(name: &str, rows: impl Iterator<Item = &'a ManifestRow>) -> BucketSum {
        let mut sum = BucketSum {
            name: name.to_string(),
            letters: 0,
            outstanding: Money::ZERO,
            fee: Money::ZERO,
            total: Money::ZERO,
        };
        for r in rows {
            sum.letters += 1;
            sum.outstanding += r.outstanding;
            sum.fee += r.fee;
            sum.total += r.total;
        }
        sum
    }
}

/// Every bucket of `bounds` in order (empty ones too), then the total: what aging.csv and
/// aging.pdf show.
pub fn aging_table(rows: &[ManifestRow], bounds: &[u32]) -> (Vec<BucketSum>, BucketSum) {
    let buckets = bucket_names(bounds)
        .iter()
        .map(|name| BucketSum::of(name, rows.iter().filter(|r| &r.bucket == name)))
        .collect();
    (buckets, BucketSum::of("total", rows.iter()))
}

/// Letters and money per aging bucket, every bucket listed, then a total row.
pub fn aging(rows: &[ManifestRow], bounds: &[u32]) -> std::io::Result<Vec<u8>> {
    let mut w = excel_writer(Vec::new())?;
    w.write_record(["bucket", "letters", "outstanding", "fee", "total"])?;
    let (buckets, total) = aging_table(rows, bounds);
    for b in buckets.iter().chain([&total]) {
        w.write_record([
            &b.name,
            &b.letters.to_string(),
            &b.outstanding.to_string(),
            &b.fee.to_string(),
            &b.total.to_string(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// A debtor who gets no letter this run, and why (skipped.csv).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// Input position, to keep the file in input order across shards.
    pub seq: usize,
    pub id: String,
    pub name: String,
    /// The kind it would have been, when known.
    pub kind: String,
    pub days_overdue: i64,
    pub outstanding: Money,
    pub reason: String,
}

pub const SKIPPED_HEADER: [&str; 6] = [
    "id",
    "name",
    "kind",
    "days_overdue",
    "outstanding",
    "reason",
];

/// Debtors without a letter: held, below a ladder minimum, no rule, or already sent.
pub fn skipped(rows: &[SkippedRow]) -> std::io::Result<Vec<u8>> {
    let mut w = excel_writer(Vec::new())?;
    w.write_record(SKIPPED_HEADER)?;
    for r in rows {
        w.write_record([
            safe(&r.id).as_ref(),
            &safe(&r.name),
            &r.kind,
            &r.days_overdue.to_string(),
            &r.outstanding.to_string(),
            &safe(&r.reason),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// Rows left out with `--skip-invalid`: source,row,id,column,message.
pub fn rejects(problems: &[Problem]) -> std::io::Result<Vec<u8>> {
    let mut w = excel_writer(Vec::new())?;
    w.write_record(["source", "row", "id", "column", "message"])?;
    for p in problems {
        let row = p.pos.line.map(|l| l.to_string()).unwrap_or_default();
        w.write_record([
            safe(&p.pos.file).as_ref(),
            &row,
            &safe(p.id.as_deref().unwrap_or("")),
            // A column can be any header or YAML key the data brought, `=cmd|…` included.
            &safe(&p.column),
            &safe(&p.message),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn row(id: &str, bucket: &str, out: Money) -> ManifestRow {
        ManifestRow {
            id: id.into(),
            name: "=cmd".into(),
            kind: "demand".into(),
            lang: "zh".into(),
            file: format!("letters/{id}-demand.pdf"),
            pages: 1,
            print_file: "print/001.pdf".into(),
            print_page: 1,
            outstanding: out,
            fee: Money(dec!(1.5)),
            total: out + Money(dec!(1.5)),
            deadline: "2026-11-26".into(),
            bucket: bucket.into(),
            sha256: "ab".into(),
            level: Some(2),
            as_of: "2026-11-23".into(),
            address: "北京市朝阳区建国路88号".into(),
            postcode: String::new(),
        }
    }

    #[test]
    fn mailing_goes_by_postcode_then_id_without_postcode_last() {
        let mut rows = Vec::new();
        for (id, postcode, page) in [
            ("B", "200120", 1),
            ("Z", "", 2),
            ("C", "100022", 3),
            ("A", "200120", 4),
            ("D", " ", 5),
            ("E", "100007", 6),
        ] {
            let mut r = row(id, "0-30", Money(dec!(1)));
            r.postcode = postcode.into();
            r.print_page = page;
            rows.push(r);
        }
        let text = String::from_utf8(mailing(&rows).unwrap()).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            lines[0],
            "id,name,address,postcode,pages,print_file,print_page"
        );
        let ids: Vec<&str> = lines[1..].iter().map(|l| &l[..1]).collect();
        assert_eq!(ids, ["E", "C", "A", "B", "D", "Z"]);
        assert_eq!(
            lines[1],
            "E,'=cmd,北京市朝阳区建国路88号,100007,1,print/001.pdf,6"
        );
        assert_eq!(
            lines[5],
            "D,'=cmd,北京市朝阳区建国路88号,,1,print/001.pdf,5"
        );
    }

    #[test]
    fn aging_lists_every_bucket_and_a_total() {
        let rows = [
            row("A", "0-30", Money(dec!(100))),
            row("B", "0-30", Money(dec!(50))),
            row("C", "180+", Money(dec!(7))),
        ];
        let text = String::from_utf8(aging(&rows, &[30, 60, 90, 180]).unwrap()).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "bucket,letters,outstanding,fee,total");
        assert_eq!(lines[1], "not_due,0,0.00,0.00,0.00");
        assert_eq!(lines[2], "0-30,2,150.00,3.00,153.00");
        assert_eq!(lines[6], "180+,1,7.00,1.50,8.50");
        assert_eq!(lines[7], "total,3,157.00,4.50,161.50");
    }

    #[test]
    fn manifest_defuses_formulas() {
        let text =
            String::from_utf8(manifest(&[row("A", "0-30", Money(dec!(1)))]).unwrap()).unwrap();
        assert!(text.lines().nth(1).unwrap().starts_with("A,'=cmd,demand,zh,letters/A-demand.pdf,1,print/001.pdf,1,1.00,1.50,2.50,2026-11-26,0-30,ab"));
    }
}
