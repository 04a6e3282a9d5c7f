//! The CSV files of a batch zip: manifest.csv, aging.csv, rejects.csv (SPEC 7).

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
}

pub const MANIFEST_HEADER: [&str; 14] = [
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
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// Letters and money per aging bucket, every bucket listed, then a total row.
pub fn aging(rows: &[ManifestRow], bounds: &[u32]) -> std::io::Result<Vec<u8>> {
    let mut w = excel_writer(Vec::new())?;
    w.write_record(["bucket", "letters", "outstanding", "fee", "total"])?;
    let mut buckets: Vec<(String, Vec<&ManifestRow>)> = bucket_names(bounds)
        .into_iter()
        .map(|name| {
            let rows = rows.iter().filter(|r| r.bucket == name).collect();
            (name, rows)
        })
        .collect();
    buckets.push(("total".to_string(), rows.iter().collect()));
    for (name, rows) in buckets {
        let sum =
            |f: fn(&ManifestRow) -> Money| rows.iter().map(|r| f(r)).sum::<Money>().to_string();
        w.write_record([
            &name,
            &rows.len().to_string(),
            &sum(|r| r.outstanding),
            &sum(|r| r.fee),
            &sum(|r| r.total),
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
        }
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
