//! End-to-end tests of `dunning batch` (SPEC 2, 7, 8): the zip layout, the manifest, aging
//! and rejects reports, print files, determinism, validation before rendering, shards,
//! atomic output, formula injection, unsafe ids, the summary line, `--lang` and `--pdf-a`.
//!
//! Every test gets a fresh temporary directory, writes its input there (mostly
//! `samples/debtors.csv` and `samples/dunning.yaml`), runs the real binary with that
//! directory as the working directory, and opens the zip with the `zip` crate. PDFs are read
//! back in Rust (`common::pdf_text`, `pdf_page_text`, `pdf_pages`): no PDF tool is needed.
//!
//! Every run is dated `--as-of 2026-11-23`. Text is searched after removing every whitespace
//! character from both the PDF text and the needle.

mod common;

use common::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------
// Fixture (the shared part, with the PDF readers, is in `common`)
// ---------------------------------------------------------------------------------------

impl Workdir {
    /// A work directory holding the samples: `debtors.csv` and `dunning.yaml`.
    fn with_samples() -> Workdir {
        let wd = Workdir::new();
        wd.write("debtors.csv", SAMPLE_CSV)
            .write("dunning.yaml", SAMPLE_CONFIG);
        wd
    }

    /// `batch DATA… --as-of 2026-11-23 --quiet EXTRA…`, which must succeed.
    fn batch(&self, data: &[&str], extra: &[&str]) -> Run {
        let mut args = vec!["batch"];
        args.extend_from_slice(data);
        args.extend_from_slice(&["--as-of", AS_OF, "--quiet"]);
        args.extend_from_slice(extra);
        self.run(&args).must_succeed()
    }

    /// `compute DATA… --as-of 2026-11-23 --format json`, which must succeed.
    fn compute(&self, data: &[&str]) -> Vec<Value> {
        let mut args = vec!["compute"];
        args.extend_from_slice(data);
        args.extend_from_slice(&["--as-of", AS_OF, "--format", "json"]);
        let run = self.run(&args).must_succeed();
        let value: Value = run.json();
        value
            .as_array()
            .unwrap_or_else(|| panic!("compute JSON is not an array:\n{}", run.describe()))
            .clone()
    }

    /// Opens a zip in the work directory.
    fn zip(&self, name: &str) -> Zip {
        assert!(self.exists(name), "{name} was not written");
        Zip::read(&self.read(name), name)
    }

    /// Writes bytes to a scratch file (outside what the tests list) for the PDF readers.
    fn scratch(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(&format!("scratch/{}", name.replace('/', "_")));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir scratch");
        std::fs::write(&path, bytes).expect("write scratch file");
        path
    }
}

// ---------------------------------------------------------------------------------------
// Zip and CSV
// ---------------------------------------------------------------------------------------

/// Every entry of a zip, in the order they are stored.
struct Zip {
    entries: Vec<(String, Vec<u8>)>,
}

impl Zip {
    fn read(bytes: &[u8], what: &str) -> Zip {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .unwrap_or_else(|e| panic!("{what} is not a zip: {e}"));
        let mut entries = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive
                .by_index(i)
                .unwrap_or_else(|e| panic!("{what}: entry {i}: {e}"));
            let name = file
                .name()
                .unwrap_or_else(|e| panic!("{what}: entry {i} name: {e}"))
                .into_owned();
            assert!(
                file.enclosed_name().is_some(),
                "{what}: entry {name:?} is not a safe relative path"
            );
            let mut data = Vec::new();
            file.read_to_end(&mut data)
                .unwrap_or_else(|e| panic!("{what}: read {name}: {e}"));
            entries.push((name, data));
        }
        Zip { entries }
    }

    fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|(n, _)| n.as_str()).collect()
    }

    fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|(n, _)| n == name)
    }

    #[track_caller]
    fn get(&self, name: &str) -> &[u8] {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
            .unwrap_or_else(|| panic!("no {name} in the zip; entries: {:?}", self.names()))
    }

    /// The `letters/…` entries in stored order.
    fn letters(&self) -> Vec<(&str, &[u8])> {
        self.entries
            .iter()
            .filter(|(n, _)| n.starts_with("letters/"))
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect()
    }

    /// The `print/…` entry names in stored order.
    fn print_files(&self) -> Vec<&str> {
        self.names()
            .into_iter()
            .filter(|n| n.starts_with("print/"))
            .collect()
    }

    #[track_caller]
    fn csv(&self, name: &str) -> Csv {
        Csv::parse(self.get(name), name)
    }

    fn manifest(&self) -> Csv {
        self.csv("manifest.csv")
    }
}

/// A CSV file the tool wrote: its header and rows as column → value maps.
struct Csv {
    header: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

impl Csv {
    #[track_caller]
    fn parse(bytes: &[u8], what: &str) -> Csv {
        let (header, rows) = csv_rows(bytes, what);
        Csv { header, rows }
    }

    /// One column of every row.
    fn column(&self, name: &str) -> Vec<&str> {
        self.rows.iter().map(|r| cell(r, name)).collect()
    }
}

#[track_caller]
fn cell<'a>(row: &'a BTreeMap<String, String>, column: &str) -> &'a str {
    row.get(column)
        .unwrap_or_else(|| panic!("no column {column:?} in {row:?}"))
        .as_str()
}

#[track_caller]
fn cell_usize(row: &BTreeMap<String, String>, column: &str) -> usize {
    let v = cell(row, column);
    v.parse()
        .unwrap_or_else(|e| panic!("{column} = {v:?} is not a number: {e}"))
}

/// An amount with exactly two decimals ("1234.50") in fen, exactly.
#[track_caller]
fn fen(amount: &str) -> i64 {
    let (yuan, cents) = amount
        .split_once('.')
        .unwrap_or_else(|| panic!("{amount:?} has no decimals"));
    assert_eq!(cents.len(), 2, "{amount:?} must have exactly two decimals");
    let sign = if yuan.starts_with('-') { -1 } else { 1 };
    let yuan: i64 = yuan
        .trim_start_matches('-')
        .parse()
        .unwrap_or_else(|e| panic!("{amount:?}: {e}"));
    let cents: i64 = cents.parse().unwrap_or_else(|e| panic!("{amount:?}: {e}"));
    sign * (yuan * 100 + cents)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------

const DEFAULT_ZIP: &str = "dunning-2026-11-23.zip";

const SAMPLE_CSV: &str = include_str!("../samples/debtors.csv");
const SAMPLE_CONFIG: &str = include_str!("../samples/dunning.yaml");

/// The letters of `samples/debtors.csv` in input order: id, kind, name.
const SAMPLE_LETTERS: [(&str, &str, &str); 11] = [
    ("HT-2026-0012", "demand", "张伟"),
    ("C-3001", "demand", "上海星辰贸易有限公司"),
    ("M-0451", "mortgage-reminder", "王芳"),
    ("M-0452", "termination-mortgage", "刘强"),
    ("T-0453", "termination", "陈静"),
    ("F-7001", "fax-cover", "广州南方建材有限公司"),
    ("E-1001", "demand", "Northwind Trading Ltd"),
    ("E-1002", "termination", "Mr David Miller"),
    ("E-1003", "mortgage-reminder", "Ms Emily Chan"),
    ("E-1004", "termination-mortgage", "Mr Thomas Wong"),
    ("E-1005", "fax-cover", "Pacific Rim Supplies Ltd"),
];

/// Two more letters, so that samples + extra = 13 letters: a two-page Chinese termination
/// and a one-page English demand.
const EXTRA_CSV: &str = "\
id,kind,lang,name,title,address,contract_title,contract_no,contract_date,item,amount_due,amount_paid,due_date
X-1,termination,zh,赵磊,先生,北京市西城区金融街1号,《商品房买卖合同》,HT-2026-0777,2025-10-01,首付款,\"50,000.00\",0,2026-06-30
X-2,demand,en,Acme Widgets Ltd,,\"1 Nathan Road, Kowloon\",Sales Contract,AW-2026-001,2026-01-05,Invoice 77,\"2,500.00\",0,2026-10-01
";

const EXTRA_LETTERS: [(&str, &str, &str); 2] = [
    ("X-1", "termination", "赵磊"),
    ("X-2", "demand", "Acme Widgets Ltd"),
];

/// SPEC 7's columns in order, then `level` and `as_of` for `--history` (issue 7).
const MANIFEST_HEADER: &str = "id,name,kind,lang,file,pages,print_file,print_page,outstanding,fee,total,deadline,bucket,sha256,level,as_of,limitation_date,email";

const BUCKETS: [&str; 6] = ["not_due", "0-30", "31-60", "61-90", "91-180", "180+"];

fn letter_file(id: &str, kind: &str) -> String {
    format!("letters/{id}-{kind}.pdf")
}

// ---------------------------------------------------------------------------------------
// 1. The zip layout (SPEC 7)
// ---------------------------------------------------------------------------------------

#[test]
fn zip_layout_manifest_and_aging_follow_the_spec() {
    let wd = Workdir::with_samples();
    wd.batch(&["debtors.csv"], &[]);
    assert_eq!(
        wd.list(""),
        ["debtors.csv", DEFAULT_ZIP, "dunning.yaml"],
        "the default output is {DEFAULT_ZIP} in the working directory, and nothing else"
    );
    let zip = wd.zip(DEFAULT_ZIP);

    // Entries: the letters in input order, one print file, the reports, no rejects.
    let expected_letters: Vec<String> = SAMPLE_LETTERS
        .iter()
        .map(|(id, kind, _)| letter_file(id, kind))
        .collect();
    let letters: Vec<&str> = zip.letters().iter().map(|(n, _)| *n).collect();
    assert_eq!(letters, expected_letters, "letters/ entries in input order");
    assert_eq!(zip.print_files(), ["print/001.pdf"]);
    let all: BTreeSet<&str> = zip.names().into_iter().collect();
    let mut expected: BTreeSet<&str> = expected_letters.iter().map(String::as_str).collect();
    expected.extend([
        "print/001.pdf",
        "manifest.csv",
        "mailing.csv",
        "aging.csv",
        "aging.pdf",
        "report.xlsx",
    ]);
    assert_eq!(all, expected, "the zip's entries");
    assert_eq!(all.len(), zip.entries.len(), "duplicate entry names");
    assert!(!zip.has("rejects.csv"), "rejects.csv without rejected rows");

    // manifest.csv: exact header, one row per letter in input order.
    let manifest_text = String::from_utf8(zip.get("manifest.csv").to_vec()).expect("UTF-8");
    let first_line = manifest_text.lines().next().unwrap_or_default();
    assert_eq!(first_line, format!("\u{feff}{MANIFEST_HEADER}"));
    let manifest = zip.manifest();
    assert_eq!(manifest.header.join(","), MANIFEST_HEADER);
    assert_eq!(manifest.rows.len(), SAMPLE_LETTERS.len());
    let figures = wd.compute(&["debtors.csv"]);
    assert_eq!(
        figures.len(),
        SAMPLE_LETTERS.len(),
        "compute: one object per letter"
    );

    let mut total_pages = 0;
    for (i, row) in manifest.rows.iter().enumerate() {
        let (id, kind, name) = SAMPLE_LETTERS[i];
        assert_eq!(cell(row, "id"), id, "manifest row {i}");
        assert_eq!(cell(row, "name"), name, "{id}: name");
        assert_eq!(cell(row, "kind"), kind, "{id}: kind");
        assert_eq!(cell(row, "file"), letter_file(id, kind), "{id}: file");

        // The figures are compute's.
        let json = &figures[i];
        assert_eq!(json["id"], id, "compute order");
        for column in [
            "kind",
            "lang",
            "name",
            "outstanding",
            "fee",
            "total",
            "deadline",
            "bucket",
        ] {
            assert_eq!(
                Some(cell(row, column)),
                json[column].as_str(),
                "{id}: manifest {column} vs compute --format json"
            );
        }
        // Empty in the manifest where the JSON has null (nothing outstanding).
        assert_eq!(
            cell(row, "limitation_date"),
            json["limitation_date"].as_str().unwrap_or_default(),
            "{id}: manifest limitation_date vs compute --format json"
        );

        // sha256 and pages describe the entry's bytes.
        let bytes = zip.get(cell(row, "file"));
        assert_eq!(cell(row, "sha256"), sha256_hex(bytes), "{id}: sha256");
        let path = wd.scratch(cell(row, "file"), bytes);
        let pages = pdf_pages(&path);
        assert_eq!(cell_usize(row, "pages"), pages, "{id}: pages vs the PDF");
        assert_eq!(cell(row, "print_file"), "print/001.pdf", "{id}: print_file");
        assert_eq!(
            cell_usize(row, "print_page"),
            total_pages + 1,
            "{id}: print_page"
        );
        total_pages += pages;
    }
    let print = wd.scratch("print/001.pdf", zip.get("print/001.pdf"));
    assert_eq!(pdf_pages(&print), total_pages, "print/001.pdf page count");

    // aging.csv: every bucket, then a total row; the numbers are the manifest's sums.
    let aging = zip.csv("aging.csv");
    assert_eq!(
        aging.header.join(","),
        "bucket,letters,outstanding,fee,total"
    );
    let mut expected_rows: Vec<&str> = BUCKETS.to_vec();
    expected_rows.push("total");
    assert_eq!(aging.column("bucket"), expected_rows, "aging.csv rows");
    let sums = |rows: &[&BTreeMap<String, String>]| -> [i64; 4] {
        [
            rows.len() as i64,
            rows.iter().map(|r| fen(cell(r, "outstanding"))).sum(),
            rows.iter().map(|r| fen(cell(r, "fee"))).sum(),
            rows.iter().map(|r| fen(cell(r, "total"))).sum(),
        ]
    };
    let numbers = |r: &BTreeMap<String, String>| -> [i64; 4] {
        [
            cell_usize(r, "letters") as i64,
            fen(cell(r, "outstanding")),
            fen(cell(r, "fee")),
            fen(cell(r, "total")),
        ]
    };
    let mut bucket_sum = [0i64; 4];
    for r in &aging.rows[..BUCKETS.len()] {
        let bucket = cell(r, "bucket");
        let members: Vec<&BTreeMap<String, String>> = manifest
            .rows
            .iter()
            .filter(|m| cell(m, "bucket") == bucket)
            .collect();
        assert_eq!(numbers(r), sums(&members), "aging.csv row {bucket}");
        for (acc, n) in bucket_sum.iter_mut().zip(numbers(r)) {
            *acc += n;
        }
    }
    let total = &aging.rows[BUCKETS.len()];
    let everything: Vec<&BTreeMap<String, String>> = manifest.rows.iter().collect();
    assert_eq!(numbers(total), sums(&everything), "aging.csv total row");
    assert_eq!(
        numbers(total),
        bucket_sum,
        "total row = sum of the bucket rows"
    );
    assert_eq!(numbers(total)[0], SAMPLE_LETTERS.len() as i64);
}

// ---------------------------------------------------------------------------------------
// 2. Print files
// ---------------------------------------------------------------------------------------

/// Checks the print files of a 13-letter run against the manifest; returns the letters'
/// page counts.
fn check_print_files(wd: &Workdir, zip: &Zip, duplex: bool) -> Vec<usize> {
    let letters: Vec<(&str, &str, &str)> = SAMPLE_LETTERS
        .iter()
        .chain(EXTRA_LETTERS.iter())
        .copied()
        .collect();
    assert_eq!(letters.len(), 13);
    assert_eq!(
        zip.print_files().into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from([
            "print/001.pdf",
            "print/002.pdf",
            "print/003.pdf",
            "print/004.pdf"
        ]),
        "13 letters, 4 a print file"
    );
    let manifest = zip.manifest();
    assert_eq!(manifest.rows.len(), 13);

    let mut print_paths = BTreeMap::new();
    for name in zip.print_files() {
        print_paths.insert(name.to_string(), wd.scratch(name, zip.get(name)));
    }
    let mut expected_pages: BTreeMap<String, usize> = BTreeMap::new();
    let mut letter_pages = Vec::new();
    for (i, row) in manifest.rows.iter().enumerate() {
        let (id, kind, name) = letters[i];
        assert_eq!(cell(row, "id"), id);
        let file = cell(row, "file");
        assert_eq!(file, letter_file(id, kind));
        let letter_path = wd.scratch(file, zip.get(file));
        let pages = pdf_pages(&letter_path);
        assert_eq!(cell_usize(row, "pages"), pages, "{id}: pages");
        letter_pages.push(pages);

        let print_file = format!("print/{:03}.pdf", i / 4 + 1);
        assert_eq!(cell(row, "print_file"), print_file, "{id}: print_file");
        let start = expected_pages.get(&print_file).copied().unwrap_or(0) + 1;
        assert_eq!(cell_usize(row, "print_page"), start, "{id}: print_page");
        if duplex {
            assert_eq!(
                start % 2,
                1,
                "{id}: with --duplex a letter starts on an odd page"
            );
        }
        let padded = if duplex { pages.div_ceil(2) * 2 } else { pages };
        *expected_pages.entry(print_file.clone()).or_default() += padded;

        // The print file holds this letter's pages from print_page on.
        let print_path = &print_paths[&print_file];
        for p in 0..pages {
            let in_print = pdf_page_text(print_path, start + p);
            if p == 0 {
                assert_text_has(&in_print, name, &format!("{print_file} page {start}"));
            }
            assert_eq!(
                squeeze(&in_print),
                squeeze(&pdf_page_text(&letter_path, p + 1)),
                "{id}: page {} of the letter vs page {} of {print_file}",
                p + 1,
                start + p
            );
        }
        if padded > pages {
            let blank = pdf_page_text(print_path, start + pages);
            assert_eq!(
                squeeze(&blank),
                "",
                "{id}: the padding page after it in {print_file} is blank"
            );
        }
    }
    for (print_file, pages) in &expected_pages {
        let actual = pdf_pages(&print_paths[print_file]);
        assert_eq!(actual, *pages, "{print_file}: pages = its letters' pages");
        if duplex {
            assert_eq!(actual % 2, 0, "{print_file}: even page count with --duplex");
        }
    }
    letter_pages
}

#[test]
fn print_chunk_splits_the_print_files_and_the_manifest_points_into_them() {
    let wd = Workdir::with_samples();
    wd.write("extra.csv", EXTRA_CSV);
    wd.batch(&["debtors.csv", "extra.csv"], &["--print-chunk", "4"]);
    let zip = wd.zip(DEFAULT_ZIP);
    let pages = check_print_files(&wd, &zip, false);
    assert!(
        pages.iter().any(|p| p % 2 == 1) && pages.iter().any(|p| p % 2 == 0),
        "the data should mix odd and even page counts: {pages:?}"
    );
}

#[test]
fn duplex_starts_every_letter_on_an_odd_page() {
    let wd = Workdir::with_samples();
    wd.write("extra.csv", EXTRA_CSV);
    wd.batch(
        &["debtors.csv", "extra.csv"],
        &["--print-chunk", "4", "-o", "simplex.zip"],
    );
    wd.batch(
        &["debtors.csv", "extra.csv"],
        &["--print-chunk", "4", "--duplex", "-o", "duplex.zip"],
    );
    let simplex = wd.zip("simplex.zip");
    let duplex = wd.zip("duplex.zip");
    let pages = check_print_files(&wd, &duplex, true);
    // Some letter needed padding, and the letters themselves are not padded.
    assert!(pages.iter().any(|p| p % 2 == 1), "{pages:?}");
    assert_eq!(
        simplex.letters(),
        duplex.letters(),
        "letters/ PDFs must not change with --duplex"
    );
}

// ---------------------------------------------------------------------------------------
// 3. Determinism
// ---------------------------------------------------------------------------------------

#[test]
fn the_same_run_gives_a_byte_identical_zip() {
    let wd = Workdir::with_samples();
    wd.batch(&["debtors.csv"], &["-o", "a.zip"]);
    wd.batch(&["debtors.csv"], &["-o", "b.zip"]);
    wd.batch(&["debtors.csv"], &["-o", "j1.zip", "--jobs", "1"]);
    wd.batch(&["debtors.csv"], &["-o", "j2.zip", "--jobs", "2"]);
    let a = wd.read("a.zip");
    assert!(a.len() > 10_000, "a.zip is suspiciously small");
    assert!(
        a == wd.read("b.zip"),
        "two identical runs gave different zips"
    );
    assert!(
        wd.read("j1.zip") == wd.read("j2.zip"),
        "--jobs 1 and --jobs 2 gave different zips"
    );
    assert!(a == wd.read("j1.zip"), "--jobs 1 differs from the default");
}

#[test]
fn a_letters_pdf_does_not_depend_on_print_chunk_duplex_or_command() {
    let wd = Workdir::with_samples();
    wd.batch(&["debtors.csv"], &["-o", "plain.zip"]);
    wd.batch(
        &["debtors.csv"],
        &["-o", "chunked.zip", "--print-chunk", "2", "--duplex"],
    );
    let plain = wd.zip("plain.zip");
    let chunked = wd.zip("chunked.zip");
    assert_eq!(plain.letters().len(), SAMPLE_LETTERS.len());
    assert_eq!(
        plain.letters(),
        chunked.letters(),
        "letters/ PDFs differ with --print-chunk 2 --duplex"
    );
    assert_ne!(
        plain.print_files(),
        chunked.print_files(),
        "--print-chunk 2 should change the print files"
    );

    // `preview` of the same letter writes the same bytes.
    for id in ["HT-2026-0012", "T-0453", "E-1005"] {
        let (_, kind, _) = SAMPLE_LETTERS
            .iter()
            .find(|(i, _, _)| *i == id)
            .expect("sample id");
        let out = format!("{id}.pdf");
        wd.run(&[
            "preview",
            "debtors.csv",
            "--id",
            id,
            "--as-of",
            AS_OF,
            "-o",
            &out,
        ])
        .must_succeed();
        assert!(
            wd.read(&out) == plain.get(&letter_file(id, kind)),
            "{id}: preview -o {out} differs from the batch's letters/ PDF"
        );
    }
}

// ---------------------------------------------------------------------------------------
// 4. Validation before anything is written
// ---------------------------------------------------------------------------------------

const BAD_CSV: &str = "\
id,name,title,item,amount_due,due_date
A1,张三,先生,货款,100,2026-10-01
A2,李四,先生,货款,1.234,2026-10-01
A3,王五,先生,货款,200,2026-10-01
";

#[test]
fn one_bad_row_stops_the_batch_before_anything_is_written() {
    let wd = Workdir::new();
    wd.write("bad.csv", BAD_CSV);
    wd.run(&["batch", "bad.csv", "--as-of", AS_OF, "--quiet"])
        .must_fail(1)
        .stderr_has("1.234");
    assert_eq!(wd.list(""), ["bad.csv"], "exit 1 must leave nothing behind");
    wd.run(&[
        "batch", "bad.csv", "--as-of", AS_OF, "--quiet", "-o", "out.zip",
    ])
    .must_fail(1);
    assert!(!wd.exists("out.zip"), "out.zip written despite exit 1");
    assert_eq!(wd.list(""), ["bad.csv"], "exit 1 must leave nothing behind");
}

#[test]
fn skip_invalid_renders_the_rest_and_lists_the_rejects() {
    let wd = Workdir::new();
    wd.write("bad.csv", BAD_CSV);
    wd.run(&[
        "batch",
        "bad.csv",
        "--as-of",
        AS_OF,
        "--quiet",
        "--skip-invalid",
    ])
    .must_fail(3);
    assert_eq!(wd.list(""), ["bad.csv", DEFAULT_ZIP]);
    let zip = wd.zip(DEFAULT_ZIP);
    let letters: Vec<&str> = zip.letters().iter().map(|(n, _)| *n).collect();
    assert_eq!(letters, ["letters/A1-demand.pdf", "letters/A3-demand.pdf"]);
    assert_eq!(zip.manifest().column("id"), ["A1", "A3"]);

    let rejects = zip.csv("rejects.csv");
    assert_eq!(rejects.header.join(","), "source,row,id,column,message");
    assert_eq!(rejects.rows.len(), 1, "one rejected row");
    let r = &rejects.rows[0];
    assert_eq!(cell(r, "source"), "bad.csv");
    assert_eq!(
        cell(r, "row"),
        "3",
        "the file's line 3 (the header is line 1)"
    );
    assert_eq!(cell(r, "id"), "A2");
    assert_eq!(cell(r, "column"), "amount_due");
    assert!(
        cell(r, "message").contains("1.234"),
        "the message names the bad value: {r:?}"
    );
    let aging = zip.csv("aging.csv");
    let total = aging.rows.last().expect("total row");
    assert_eq!(cell(total, "bucket"), "total");
    assert_eq!(cell(total, "letters"), "2");
    assert_eq!(cell(total, "outstanding"), "300.00");
}

// ---------------------------------------------------------------------------------------
// 5. Shards (SPEC 8)
// ---------------------------------------------------------------------------------------

#[test]
fn shards_together_hold_exactly_the_full_runs_letters() {
    let wd = Workdir::with_samples();
    wd.batch(&["debtors.csv"], &[]);
    let full = wd.zip(DEFAULT_ZIP);
    let full_letters = full.letters();
    assert_eq!(full_letters.len(), SAMPLE_LETTERS.len());

    let mut union: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        wd.batch(&["debtors.csv"], &["--shard", &shard]);
        let name = format!("dunning-2026-11-23-{k}-of-3.zip");
        let zip = wd.zip(&name);
        let expected: Vec<&str> = full_letters
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 + 1 == k)
            .map(|(_, (n, _))| *n)
            .collect();
        let got: Vec<&str> = zip.letters().iter().map(|(n, _)| *n).collect();
        assert_eq!(
            got,
            expected,
            "{name}: the letters at positions ≡ {} mod 3",
            k - 1
        );
        assert_eq!(
            zip.manifest().rows.len(),
            expected.len(),
            "{name}: manifest rows"
        );
        for (n, bytes) in zip.letters() {
            let prev = union.insert(n.to_string(), bytes.to_vec());
            assert!(prev.is_none(), "{n} is in more than one shard");
        }
    }
    let full_map: BTreeMap<String, Vec<u8>> = full_letters
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    assert_eq!(
        union.keys().collect::<Vec<_>>(),
        full_map.keys().collect::<Vec<_>>(),
        "the shards' letters = the full run's"
    );
    for (n, bytes) in &full_map {
        assert!(
            union[n] == *bytes,
            "{n}: the shard's PDF differs from the full run's"
        );
    }
}

#[test]
fn bad_shards_are_usage_errors() {
    let wd = Workdir::with_samples();
    for shard in ["0/3", "4/3", "x", "1/0", "3"] {
        wd.run(&[
            "batch",
            "debtors.csv",
            "--as-of",
            AS_OF,
            "--quiet",
            "--shard",
            shard,
        ])
        .must_fail(2);
    }
    assert_eq!(wd.list(""), ["debtors.csv", "dunning.yaml"]);
}

// ---------------------------------------------------------------------------------------
// 6. Atomic output and I/O errors
// ---------------------------------------------------------------------------------------

#[test]
fn output_into_a_missing_directory_is_an_io_error() {
    let wd = Workdir::with_samples();
    wd.run(&[
        "batch",
        "debtors.csv",
        "--as-of",
        AS_OF,
        "--quiet",
        "-o",
        "no-such-dir/out.zip",
    ])
    .must_fail(4)
    .stderr_has("no-such-dir");
    assert_eq!(wd.list(""), ["debtors.csv", "dunning.yaml"]);
}

/// `-o` at a path that is a directory: the zip is complete but cannot be renamed there,
/// which fails at the very end (even as root) — exit 4, and no temporary file remains.
#[test]
fn failing_at_the_final_rename_leaves_nothing_behind() {
    let wd = Workdir::with_samples();
    std::fs::create_dir(wd.path("taken")).expect("mkdir");
    wd.write("taken/keep.txt", "x");
    wd.run(&[
        "batch",
        "debtors.csv",
        "--as-of",
        AS_OF,
        "--quiet",
        "-o",
        "taken",
    ])
    .must_fail(4)
    .stderr_has("taken");
    assert_eq!(wd.list(""), ["debtors.csv", "dunning.yaml", "taken"]);
    assert_eq!(wd.list("taken"), ["keep.txt"]);
}

/// A read-only output directory is exit 4 with nothing left behind. Root ignores the mode
/// bits: when a probe file can be created in the read-only directory (running as root, as in
/// some containers), the run must instead succeed and leave exactly the zip.
#[cfg(unix)]
#[test]
fn output_into_a_read_only_directory_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let wd = Workdir::with_samples();
    let ro = wd.path("readonly-out");
    std::fs::create_dir(&ro).expect("mkdir");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = ro.join("probe");
    let writable = std::fs::write(&probe, b"x").is_ok();
    if writable {
        std::fs::remove_file(&probe).expect("remove probe");
    }
    let run = wd.run(&[
        "batch",
        "debtors.csv",
        "--as-of",
        AS_OF,
        "--quiet",
        "-o",
        "readonly-out/out.zip",
    ]);
    let left = wd.list("readonly-out");
    // Let the temporary directory be removed.
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    if writable {
        let run = run.must_succeed();
        assert_eq!(left, ["out.zip"], "{}", run.describe());
        wd.zip("readonly-out/out.zip");
    } else {
        run.must_fail(4).stderr_has("readonly-out");
        assert!(left.is_empty(), "left in the read-only dir: {left:?}");
    }
}

// ---------------------------------------------------------------------------------------
// 7. Formula injection
// ---------------------------------------------------------------------------------------

#[test]
fn csv_cells_that_look_like_formulas_get_a_quote() {
    let wd = Workdir::new();
    wd.write(
        "f.csv",
        "id,name,item,amount_due,due_date\n\
         F1,=HYPERLINK(\"http://x\"),货款,100,2026-10-01\n\
         F2,+8613800138000,货款,100,2026-10-01\n\
         F3,@SUM(A1),货款,100,2026-10-01\n\
         F4,-1 Company,货款,100,2026-10-01\n\
         F5,张三,货款,100,2026-10-01\n",
    );
    wd.batch(&["f.csv"], &[]);
    let zip = wd.zip(DEFAULT_ZIP);
    assert_eq!(
        zip.manifest().column("name"),
        [
            "'=HYPERLINK(\"http://x\")",
            "'+8613800138000",
            "'@SUM(A1)",
            "'-1 Company",
            "张三"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// 8. Unsafe ids
// ---------------------------------------------------------------------------------------

#[test]
fn unsafe_ids_stay_under_letters_and_never_collide() {
    let wd = Workdir::new();
    wd.write(
        "ids.csv",
        "id,name,item,amount_due,due_date\n\
         ../evil,张三,货款,100,2026-10-01\n\
         /abs,李四,货款,100,2026-10-01\n\
         a b/c,王五,货款,100,2026-10-01\n\
         a_b_c,赵六,货款,100,2026-10-01\n",
    );
    wd.batch(&["ids.csv"], &[]);
    let zip = wd.zip(DEFAULT_ZIP);
    let names: Vec<&str> = zip.letters().iter().map(|(n, _)| *n).collect();
    assert_eq!(names.len(), 4, "one entry per letter: {:?}", zip.names());
    for name in zip.names() {
        assert!(!name.starts_with('/'), "{name:?}: absolute");
        assert!(!name.contains('\\'), "{name:?}: backslash");
        assert!(
            !name
                .split('/')
                .any(|part| part == ".." || part == "." || part.is_empty()),
            "{name:?}: a path component escapes or is empty"
        );
    }
    for name in &names {
        let rest = name.strip_prefix("letters/").expect("under letters/");
        assert!(!rest.contains('/'), "{name:?}: nested below letters/");
        assert!(
            rest.ends_with("-demand.pdf") || rest.ends_with("-demand-2.pdf"),
            "{name:?}"
        );
    }
    let distinct: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(distinct.len(), 4, "entry names collide: {names:?}");
    // `a b/c` and `a_b_c` sanitise alike: the later one gets -2.
    assert_eq!(names[2], "letters/a_b_c-demand.pdf");
    assert_eq!(names[3], "letters/a_b_c-demand-2.pdf");

    // The manifest keeps the real ids and points at the entries.
    let manifest = zip.manifest();
    assert_eq!(manifest.column("id"), ["../evil", "/abs", "a b/c", "a_b_c"]);
    assert_eq!(manifest.column("file"), names);
}

// ---------------------------------------------------------------------------------------
// 9. Summary line
// ---------------------------------------------------------------------------------------

#[test]
fn summary_line_without_a_progress_bar_when_stderr_is_piped() {
    let wd = Workdir::with_samples();
    let run = wd
        .run(&["batch", "debtors.csv", "--as-of", AS_OF])
        .must_succeed();
    let stderr = run.stderr();
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "no progress bar (\\r or escape codes) when stderr is not a terminal:\n{stderr:?}"
    );
    let last = stderr.lines().last().unwrap_or_default();
    assert!(
        last.contains("11 letters") && last.contains("letters/s"),
        "the summary line should give the letter count and letters/s: {last:?}\n{}",
        run.describe()
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one summary line:\n{stderr}"
    );
}

// ---------------------------------------------------------------------------------------
// 10. --lang
// ---------------------------------------------------------------------------------------

#[test]
fn lang_flag_sets_the_language_of_rows_that_name_none() {
    let wd = Workdir::new();
    wd.write(
        "l.csv",
        "id,lang,name,item,amount_due,due_date\n\
         L1,,Acme Widgets Ltd,Invoice 1,100,2026-10-01\n\
         L2,zh,上海星辰贸易有限公司,货款,100,2026-10-01\n",
    );
    wd.batch(&["l.csv"], &["-o", "default.zip"]);
    wd.batch(&["l.csv"], &["-o", "en.zip", "--lang", "en"]);

    let default = wd.zip("default.zip");
    assert_eq!(default.manifest().column("lang"), ["zh", "zh"]);
    let l1 = wd.scratch("default-L1.pdf", default.get("letters/L1-demand.pdf"));
    assert_text_lacks(&pdf_text(&l1), "Dear", "L1 without --lang");

    let en = wd.zip("en.zip");
    assert_eq!(en.manifest().column("lang"), ["en", "zh"]);
    let l1 = wd.scratch("en-L1.pdf", en.get("letters/L1-demand.pdf"));
    assert_text_has(&pdf_text(&l1), "Dear", "L1 with --lang en");
    let l2 = wd.scratch("en-L2.pdf", en.get("letters/L2-demand.pdf"));
    let text = pdf_text(&l2);
    assert_text_lacks(&text, "Dear", "L2 (lang zh) with --lang en");
    assert_text_has(&text, "上海星辰贸易有限公司", "L2 with --lang en");
    assert!(
        en.get("letters/L2-demand.pdf") == default.get("letters/L2-demand.pdf"),
        "--lang en changed a letter whose row says zh"
    );
}

// ---------------------------------------------------------------------------------------
// 11. --pdf-a
// ---------------------------------------------------------------------------------------

#[test]
fn pdf_a_letters_declare_pdf_a_2b() {
    let wd = Workdir::with_samples();
    wd.batch(&["debtors.csv"], &["-o", "plain.zip"]);
    wd.batch(&["debtors.csv"], &["-o", "archive.zip", "--pdf-a"]);
    let plain = wd.zip("plain.zip");
    for (name, bytes) in plain.letters() {
        assert!(
            !String::from_utf8_lossy(bytes).contains("pdfaid:part"),
            "{name}: PDF/A without --pdf-a"
        );
    }
    let archive = wd.zip("archive.zip");
    assert_eq!(archive.letters().len(), SAMPLE_LETTERS.len());
    for (name, bytes) in archive.letters() {
        assert!(
            declares_pdf_a_2b(bytes),
            "{name}: no pdfaid:part 2 / pdfaid:conformance B in the XMP metadata"
        );
    }
    // The manifest's hashes follow the PDF/A bytes.
    for row in &archive.manifest().rows {
        assert_eq!(
            cell(row, "sha256"),
            sha256_hex(archive.get(cell(row, "file")))
        );
    }
}

/// SPEC 7 / issue 5: a scheduled job stopped with SIGTERM (or a clerk's Ctrl-C) leaves
/// nothing behind — no zip at the target and no temporary file beside it — and exits 130.
#[test]
fn an_interrupted_batch_leaves_nothing_behind() {
    let wd = Workdir::new();
    let mut csv = String::from("id,name,title,item,amount_due,due_date\n");
    for i in 0..400 {
        csv.push_str(&format!(
            "T{i:04},张伟,先生,第二期房款,{}.00,2026-09-30\n",
            1000 + i
        ));
    }
    wd.write("many.csv", &csv);
    for (name, signal) in [("TERM", libc::SIGTERM), ("INT", libc::SIGINT)] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dunning"))
            .env("DUNNING_UI", "en")
            .args([
                "batch", "many.csv", "--as-of", AS_OF, "--quiet", "-o", "out.zip",
            ])
            .current_dir(wd.root())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start dunning");
        // Wait until the batch is writing its temporary zip, then stop it.
        let started = std::time::Instant::now();
        while !wd.files().iter().any(|f| f.starts_with(".dunning-")) {
            assert!(
                started.elapsed().as_secs() < 60,
                "no temporary zip appeared"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // SAFETY: a signal to our own child, still running (not yet waited for).
        let killed = unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        assert_eq!(killed, 0, "kill -{name}");
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(130), "{name}: exit status {status:?}");
        assert_eq!(
            wd.files(),
            vec!["many.csv".to_string()],
            "{name}: something was left behind"
        );
    }
}

/// SPEC 8 / issue 5: `merge` joins the shard zips into the very zip the full run writes —
/// letters, print files (with their chunking and duplex padding), manifest, aging, rejects.
#[test]
fn merged_shards_are_byte_identical_to_the_full_run() {
    let wd = Workdir::with_samples();
    let mut bad = SAMPLE_CSV.to_string();
    bad.push_str("X-1,demand,zh,坏数据,,,,,,,,,,货款,1.234,0,2026-10-01,,,,\n");
    wd.write("bad.csv", bad);
    for (data, extra, code) in [
        ("debtors.csv", vec![], 0),
        ("debtors.csv", vec!["--print-chunk", "4", "--duplex"], 0),
        ("bad.csv", vec!["--skip-invalid", "--print-chunk", "3"], 3),
    ] {
        let run = |args: &[&str]| {
            let mut all = vec!["batch", data, "--as-of", AS_OF, "--quiet"];
            all.extend_from_slice(&extra);
            all.extend_from_slice(args);
            wd.run(&all)
        };
        let full = run(&["-o", "full.zip"]);
        assert_eq!(full.code(), Some(code), "{}", full.describe());
        // Only the shard that holds the rejected row exits 3.
        let codes: Vec<Option<i32>> = (1..=3)
            .map(|k| run(&["--shard", &format!("{k}/3"), "-o", &format!("s{k}.zip")]).code())
            .collect();
        assert_eq!(
            codes.iter().filter(|c| **c == Some(3)).count(),
            usize::from(code == 3),
            "{codes:?}"
        );
        assert!(
            codes.iter().all(|c| *c == Some(0) || *c == Some(3)),
            "{codes:?}"
        );
        // Any order of the shard zips.
        let merged = wd.run(&["merge", "s3.zip", "s1.zip", "s2.zip", "-o", "merged.zip"]);
        assert_eq!(merged.code(), Some(code), "{}", merged.describe());
        assert!(
            wd.read("full.zip") == wd.read("merged.zip"),
            "{data} {extra:?}: merged zip differs from the full run"
        );
    }
}

#[test]
fn merge_refuses_an_incomplete_or_mixed_set() {
    let wd = Workdir::with_samples();
    for k in 1..=3 {
        wd.batch(
            &["debtors.csv"],
            &["--shard", &format!("{k}/3"), "-o", &format!("s{k}.zip")],
        );
    }
    wd.run(&[
        "batch",
        "debtors.csv",
        "--as-of",
        "2026-11-24",
        "--quiet",
        "--shard",
        "2/3",
        "-o",
        "other.zip",
    ])
    .must_succeed();
    wd.batch(&["debtors.csv"], &["-o", "full.zip"]);
    let run = wd
        .run(&["merge", "s1.zip", "s3.zip", "-o", "m.zip"])
        .must_fail(1);
    assert!(
        run.stderr().contains("need every shard 1/3"),
        "{}",
        run.describe()
    );
    let run = wd
        .run(&["merge", "s1.zip", "other.zip", "s3.zip", "-o", "m.zip"])
        .must_fail(1);
    assert!(
        run.stderr().contains("not from the same run"),
        "{}",
        run.describe()
    );
    let run = wd.run(&["merge", "full.zip", "-o", "m.zip"]).must_fail(1);
    assert!(
        run.stderr().contains("not a shard zip"),
        "{}",
        run.describe()
    );
    assert!(!wd.exists("m.zip"));
}
