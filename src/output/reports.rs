//! The CSV files of a batch zip (SPEC 7) as typed rows: manifest.csv, mailing.csv,
//! aging.csv, skipped.csv and rejects.csv. Each row is a serde struct whose field names are
//! the file's header, written by [`write_rows`] (text defused for spreadsheets) and read back
//! by header name.

use super::csv::write_rows;
use crate::calc::aging::bucket_names;
use crate::calc::money::Money;
use crate::error::Problem;
use crate::letters::run::Skipped;
use serde::{Deserialize, Serialize};

/// One letter's row of manifest.csv: SPEC 7's columns, then `level` and `as_of`, which
/// `--history` reads back.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
    /// The earliest last day of the limitation period of the letter's outstanding items
    /// (empty when nothing is outstanding); absent from manifests of older versions.
    #[serde(default)]
    pub limitation_date: String,
    /// The debtor's email address from the data (`dunning send` delivers to it); may be empty.
    #[serde(default)]
    pub email: String,
    /// The recipient's address and postcode: for mailing.csv, not in manifest.csv.
    #[serde(skip)]
    pub address: String,
    #[serde(skip)]
    pub postcode: String,
}

pub fn manifest(rows: &[ManifestRow]) -> std::io::Result<Vec<u8>> {
    write_rows(rows)
}

/// One row of mailing.csv, the post room's list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MailingRow {
    pub id: String,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub pages: usize,
    pub print_file: String,
    pub print_page: usize,
}

/// The post room's list: one row per letter, sorted by postcode then id (postal rates
/// and bundles go by postcode); letters without a postcode come last, by id.
pub fn mailing(rows: &[ManifestRow]) -> std::io::Result<Vec<u8>> {
    write_rows(&mailing_rows(rows))
}

/// The rows of mailing.csv, in its order.
pub fn mailing_rows(rows: &[ManifestRow]) -> Vec<MailingRow> {
    let mut sorted: Vec<&ManifestRow> = rows.iter().collect();
    sorted.sort_by_key(|r| {
        (
            r.postcode.trim().is_empty(),
            r.postcode.trim(),
            r.id.as_str(),
        )
    });
    sorted
        .into_iter()
        .map(|r| MailingRow {
            id: r.id.clone(),
            name: r.name.clone(),
            address: r.address.clone(),
            postcode: r.postcode.trim().to_string(),
            pages: r.pages,
            print_file: r.print_file.clone(),
            print_page: r.print_page,
        })
        .collect()
}

/// Letters and money of one aging bucket (or of all letters): a row of aging.csv.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketSum {
    #[serde(rename = "bucket")]
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
            ..BucketSum::default()
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
    let (buckets, total) = aging_table(rows, bounds);
    write_rows(buckets.iter().chain([&total]))
}

/// One row of skipped.csv: a debtor without a letter this run, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub days_overdue: i64,
    pub outstanding: Money,
    pub reason: String,
}

impl From<&Skipped> for SkippedRow {
    fn from(s: &Skipped) -> Self {
        SkippedRow {
            id: s.id.clone(),
            name: s.name.clone(),
            kind: s.kind.clone(),
            days_overdue: s.days_overdue,
            outstanding: s.outstanding,
            reason: s.reason.to_string(),
        }
    }
}

/// Debtors without a letter: held, below a ladder minimum, no rule, or already sent.
pub fn skipped(rows: &[Skipped]) -> std::io::Result<Vec<u8>> {
    let rows: Vec<SkippedRow> = rows.iter().map(SkippedRow::from).collect();
    write_rows(&rows)
}

/// One row of rejects.csv: a problem of a row left out with `--skip-invalid`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectRow {
    pub source: String,
    pub row: Option<usize>,
    pub id: String,
    /// Any header or YAML key the data brought, `=cmd|…` included: defused like the rest.
    pub column: String,
    pub message: String,
}

impl From<&Problem> for RejectRow {
    fn from(p: &Problem) -> Self {
        RejectRow {
            source: p.pos.file.to_string(),
            row: p.pos.line,
            id: p.id.clone().unwrap_or_default(),
            column: p.shown_column(),
            message: p.message.clone(),
        }
    }
}

/// Rows left out with `--skip-invalid`: source,row,id,column,message.
pub fn rejects(problems: &[Problem]) -> std::io::Result<Vec<u8>> {
    let rows: Vec<RejectRow> = problems.iter().map(RejectRow::from).collect();
    write_rows(&rows)
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
            limitation_date: "2029-11-26".into(),
            email: "a@example.cn".into(),
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
