//! The CSV files of a batch zip (SPEC 7) as typed rows: manifest.csv, mailing.csv,
//! aging.csv, skipped.csv and rejects.csv. Each row is a serde struct whose field names are
//! the file's header, written by [`write_rows`] (text defused for spreadsheets) and read back
//! by header name.

use super::csv::write_rows;
use crate::calc::aging::bucket_names;
use crate::calc::money::Money;
use crate::error::Problem;
use crate::letters::run::Skipped;
use chrono::NaiveDate;
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

impl From<&ManifestRow> for MailingRow {
    fn from(r: &ManifestRow) -> Self {
        MailingRow {
            id: r.id.clone(),
            name: r.name.clone(),
            address: r.address.clone(),
            postcode: r.postcode.trim().to_string(),
            pages: r.pages,
            print_file: r.print_file.clone(),
            print_page: r.print_page,
        }
    }
}

/// Where a letter goes in mailing.csv, the post room's list: by postcode, then id (postal
/// rates and bundles go by postcode); no postcode last. Small, as a
/// batch keeps one per letter to sort them at the end: the postcode and id in one string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailingKey {
    /// The trimmed postcode, then the id.
    text: Box<str>,
    /// Where the id starts in `text`.
    split: u32,
}

impl MailingKey {
    pub fn of(r: &ManifestRow) -> MailingKey {
        let postcode = r.postcode.trim();
        MailingKey {
            text: format!("{postcode}{}", r.id).into(),
            // A postcode is a cell: far shorter than 4 GB.
            split: u32::try_from(postcode.len()).unwrap_or(u32::MAX),
        }
    }

    fn parts(&self) -> (bool, &str, &str) {
        let (postcode, id) = self.text.split_at(self.split as usize);
        (postcode.is_empty(), postcode, id)
    }
}

impl Ord for MailingKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.parts().cmp(&other.parts())
    }
}

impl PartialOrd for MailingKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
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
    fn named(name: &str) -> BucketSum {
        BucketSum {
            name: name.to_string(),
            ..BucketSum::default()
        }
    }

    fn add(&mut self, r: &ManifestRow) {
        self.letters += 1;
        self.outstanding += r.outstanding;
        self.fee += r.fee;
        self.total += r.total;
    }
}

/// How many of the largest debts aging.pdf lists.
pub const LARGEST: usize = 10;

/// aging.pdf lists the debts whose limitation period ends within this many days.
pub const EXPIRING_DAYS: i64 = 90;

/// A debt that aging.pdf names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debt {
    pub id: String,
    pub name: String,
    pub bucket: String,
    pub outstanding: Money,
    pub total: Money,
}

impl From<&ManifestRow> for Debt {
    fn from(r: &ManifestRow) -> Self {
        Debt {
            id: r.id.clone(),
            name: r.name.clone(),
            bucket: r.bucket.clone(),
            outstanding: r.outstanding,
            total: r.total,
        }
    }
}

/// The figures of aging.csv and aging.pdf, summed letter by letter as the batch writes
/// them: no row is kept but the few aging.pdf names.
#[derive(Debug, Clone, Default)]
pub struct Aging {
    /// Per bucket, in the order first seen.
    buckets: Vec<BucketSum>,
    total: BucketSum,
    /// The largest outstanding amounts, largest first; equal amounts in input order.
    largest: Vec<Debt>,
    /// The debts whose limitation period ends within [`EXPIRING_DAYS`] of the run's date
    /// (or has ended), in input order, with that last day.
    expiring: Vec<(NaiveDate, Debt)>,
}

impl Aging {
    pub fn new() -> Aging {
        Aging {
            total: BucketSum::named("total"),
            ..Aging::default()
        }
    }

    /// Counts one letter of a run dated `as_of`.
    pub fn add(&mut self, r: &ManifestRow, as_of: NaiveDate) {
        match self.buckets.iter_mut().find(|b| b.name == r.bucket) {
            Some(b) => b.add(r),
            None => {
                let mut b = BucketSum::named(&r.bucket);
                b.add(r);
                self.buckets.push(b);
            }
        }
        self.total.add(r);
        // After every debt of at least this amount: equal amounts keep input order.
        let at = self
            .largest
            .partition_point(|d| d.outstanding >= r.outstanding);
        if at < LARGEST {
            self.largest.insert(at, Debt::from(r));
            self.largest.truncate(LARGEST);
        }
        if let Ok(last) = r.limitation_date.parse::<NaiveDate>()
            && (last - as_of).num_days() <= EXPIRING_DAYS
        {
            self.expiring.push((last, Debt::from(r)));
        }
    }

    /// Every bucket of `bounds` in order (empty ones too), then the total: what aging.csv
    /// and aging.pdf show.
    pub fn table(&self, bounds: &[u32]) -> (Vec<BucketSum>, BucketSum) {
        let buckets = bucket_names(bounds)
            .iter()
            .map(|name| {
                self.buckets
                    .iter()
                    .find(|b| &b.name == name)
                    .cloned()
                    .unwrap_or_else(|| BucketSum::named(name))
            })
            .collect();
        (buckets, self.total.clone())
    }

    /// How many letters were counted.
    pub fn letters(&self) -> usize {
        self.total.letters
    }

    pub fn total(&self) -> &BucketSum {
        &self.total
    }

    /// The largest debts, largest first (at most [`LARGEST`]).
    pub fn largest(&self) -> &[Debt] {
        &self.largest
    }

    /// The debts whose limitation period ends soon or has ended, soonest first; equal days
    /// in input order.
    pub fn expiring(&self) -> Vec<&(NaiveDate, Debt)> {
        let mut soonest: Vec<&(NaiveDate, Debt)> = self.expiring.iter().collect();
        soonest.sort_by_key(|(last, _)| *last);
        soonest
    }

    /// The figures of `rows`, as a batch counts them one by one.
    pub fn of(rows: &[ManifestRow], as_of: NaiveDate) -> Aging {
        let mut aging = Aging::new();
        rows.iter().for_each(|r| aging.add(r, as_of));
        aging
    }
}

/// Letters and money per aging bucket, every bucket listed, then a total row.
pub fn aging(aging: &Aging, bounds: &[u32]) -> std::io::Result<Vec<u8>> {
    let (buckets, total) = aging.table(bounds);
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

    /// manifest.csv of `rows`, as a batch streams it.
    fn manifest(rows: &[ManifestRow]) -> std::io::Result<Vec<u8>> {
        write_rows(rows)
    }

    /// mailing.csv of `rows`, as a batch sorts and streams it.
    fn mailing(rows: &[ManifestRow]) -> std::io::Result<Vec<u8>> {
        let mut sorted: Vec<&ManifestRow> = rows.iter().collect();
        sorted.sort_by_cached_key(|r| MailingKey::of(r));
        write_rows(&sorted.into_iter().map(MailingRow::from).collect::<Vec<_>>())
    }

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
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let text = String::from_utf8(aging(&Aging::of(&rows, as_of), &[30, 60, 90, 180]).unwrap())
            .unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "bucket,letters,outstanding,fee,total");
        assert_eq!(lines[1], "not_due,0,0.00,0.00,0.00");
        assert_eq!(lines[2], "0-30,2,150.00,3.00,153.00");
        assert_eq!(lines[6], "180+,1,7.00,1.50,8.50");
        assert_eq!(lines[7], "total,3,157.00,4.50,161.50");
    }

    /// Summed letter by letter, the aging figures are those of the whole list: the ten
    /// largest by amount, equal amounts in input order; the expiring ones soonest first.
    #[test]
    fn aging_counts_letter_by_letter() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let rows: Vec<ManifestRow> = (0..30)
            .map(|i| {
                let mut r = row(
                    &format!("R{i}"),
                    "0-30",
                    Money(dec!(100) * rust_decimal::Decimal::from(i % 7)),
                );
                r.limitation_date = match i % 5 {
                    0 => "2027-01-10".into(),
                    1 => "2026-12-01".into(),
                    2 => String::new(),
                    _ => "2030-01-01".into(),
                };
                r
            })
            .collect();
        let aging = Aging::of(&rows, as_of);
        let mut largest: Vec<&ManifestRow> = rows.iter().collect();
        largest.sort_by_key(|r| std::cmp::Reverse(r.outstanding));
        let want: Vec<&str> = largest
            .iter()
            .take(LARGEST)
            .map(|r| r.id.as_str())
            .collect();
        let got: Vec<&str> = aging.largest().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(got, want);
        let expiring: Vec<(String, &str)> = aging
            .expiring()
            .iter()
            .map(|(d, r)| (d.to_string(), r.id.as_str()))
            .collect();
        assert_eq!(expiring[0], ("2026-12-01".to_string(), "R1"));
        assert_eq!(expiring[6], ("2027-01-10".to_string(), "R0"));
        assert_eq!(expiring.len(), 12);
        assert_eq!(aging.letters(), 30);
    }

    #[test]
    fn manifest_defuses_formulas() {
        let text =
            String::from_utf8(manifest(&[row("A", "0-30", Money(dec!(1)))]).unwrap()).unwrap();
        assert!(text.lines().nth(1).unwrap().starts_with("A,'=cmd,demand,zh,letters/A-demand.pdf,1,print/001.pdf,1,1.00,1.50,2.50,2026-11-26,0-30,ab"));
    }
}
