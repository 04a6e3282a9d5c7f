//! End-to-end tests of what goes out by post and by phone (issue 8): `batch --sms` (the text
//! messages, their segment counts, letters without a phone, template errors), the zip's
//! mailing.csv (order, and agreement with manifest.csv), the recipient block in the window
//! of a DL envelope, and `--pdf-a` archive copies.
//!
//! Every test gets a fresh temporary directory, writes its input there (mostly
//! `samples/debtors.csv` and `samples/dunning.yaml`), runs the real binary in it and reads
//! what it wrote; PDFs are read back in Rust (`common::pdf_words`, the word boxes
//! `pdftotext -bbox` gave, and `common::pdf_info`, the dates and metadata `pdfinfo` gave):
//! no PDF tool is needed.
//! Every run is dated `--as-of 2026-11-23`.

mod common;

use common::*;

const SAMPLE_CSV: &str = include_str!("../samples/debtors.csv");
const SAMPLE_CONFIG: &str = include_str!("../samples/dunning.yaml");
const DEFAULT_ZIP: &str = "dunning-2026-11-23.zip";

/// The letters of `samples/debtors.csv` in input order: id, lang, phone.
const SAMPLES: [(&str, &str, &str); 11] = [
    ("HT-2026-0012", "zh", "13800138000"),
    ("C-3001", "zh", "021-68880001"),
    ("M-0451", "zh", "13911112222"),
    ("M-0452", "zh", "13622223333"),
    ("T-0453", "zh", "13733334444"),
    ("F-7001", "zh", "020-38880000"),
    ("E-1001", "en", "+852 2345 6789"),
    ("E-1002", "en", "+852 9123 4567"),
    ("E-1003", "en", "+852 9876 5432"),
    ("E-1004", "en", "+852 9345 6789"),
    ("E-1005", "en", "+852 2811 2000"),
];

// ---------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------

impl Workdir {
    /// A work directory holding the samples: `debtors.csv` and `dunning.yaml`.
    fn with_samples() -> Workdir {
        let wd = Workdir::new();
        wd.write("debtors.csv", SAMPLE_CSV)
            .write("dunning.yaml", SAMPLE_CONFIG);
        wd
    }

    /// `batch DATA --as-of 2026-11-23 --quiet EXTRA…`, whatever its exit code.
    fn batch(&self, data: &str, extra: &[&str]) -> Run {
        let mut args = vec!["batch", data, "--as-of", AS_OF, "--quiet"];
        args.extend_from_slice(extra);
        self.run(&args)
    }
}

// ---------------------------------------------------------------------------------------
// 1. batch --sms
// ---------------------------------------------------------------------------------------

#[test]
fn sms_file_has_one_text_per_letter_in_input_order() {
    let wd = Workdir::with_samples();
    wd.batch("debtors.csv", &["--sms", "texts.csv"])
        .must_succeed()
        .stderr_has("wrote texts.csv: 11 text messages");
    let bytes = wd.read("texts.csv");
    let (header, rows) = csv_rows(&bytes, "texts.csv");
    assert_eq!(header, ["id", "phone", "text", "segments"]);
    let ids: Vec<&str> = rows.iter().map(|r| cell(r, "id")).collect();
    let expected: Vec<&str> = SAMPLES.iter().map(|s| s.0).collect();
    assert_eq!(ids, expected, "one text per letter, in input order");

    for (row, (id, lang, phone)) in rows.iter().zip(SAMPLES) {
        // A phone that starts with + is defused like every CSV cell (SPEC 7).
        let shown = if phone.starts_with('+') {
            format!("'{phone}")
        } else {
            phone.to_string()
        };
        assert_eq!(cell(row, "phone"), shown, "{id}: phone kept as text");
        let text = cell(row, "text");
        assert_eq!(text, text.trim(), "{id}: no surrounding whitespace");
        assert!(!text.contains('\n'), "{id}: one line: {text:?}");
        assert!(!text.contains('\\'), "{id}: nothing escaped: {text:?}");
        match lang {
            "zh" => {
                assert!(
                    text.starts_with("【北京华信置业有限公司】"),
                    "{id}: Chinese texts open with the sender's signature: {text}"
                );
                assert!(
                    text.contains("010-6588 1234"),
                    "{id}: contact phone: {text}"
                );
            }
            _ => {
                assert!(
                    text.starts_with("Beijing Huaxin Real Estate Co., Ltd.:"),
                    "{id}: {text}"
                );
                assert!(text.contains("Enquiries: 010-6588 1234"), "{id}: {text}");
            }
        }
        let segments: usize = cell(row, "segments").parse().expect("segments");
        assert!((1..=3).contains(&segments), "{id}: {segments} segments");
    }
    // The figures and deadline of the letter itself.
    let text = |id: &str| {
        rows.iter()
            .find(|r| cell(r, "id") == id)
            .map(|r| cell(r, "text").to_string())
            .expect("row")
    };
    let demand = text("HT-2026-0012");
    for s in [
        "张伟先生",
        "16,409.02",
        "443.04",
        "16,852.06",
        "2026年11月26日",
    ] {
        assert!(
            demand.contains(s),
            "HT-2026-0012 should mention {s}: {demand}"
        );
    }
    let demand = text("E-1001");
    for s in [
        "Dear Sir or Madam",
        "RMB 10,165.20",
        "RMB 315.20",
        "26 November 2026",
    ] {
        assert!(demand.contains(s), "E-1001 should mention {s}: {demand}");
    }
    assert!(text("F-7001").contains("2026年11月30日"), "fax deadline");
}

/// A template that sends each row's `sms` column as it is, to hit the segment boundaries.
const PASS_THROUGH: &str = "{{ row.sms }}";

#[test]
fn sms_segments_at_the_boundaries() {
    let zh = |n: usize| "欠".repeat(n);
    let gsm = |n: usize| "a".repeat(n);
    let cases: Vec<(String, usize)> = vec![
        (zh(1), 1),
        (zh(70), 1),
        (zh(71), 2),
        (zh(134), 2),
        (zh(135), 3),
        (gsm(69) + "款", 1),
        (gsm(70) + "款", 2),
        (gsm(160), 1),
        (gsm(161), 2),
        (gsm(306), 2),
        (gsm(307), 3),
        // Extension characters take two septets.
        (gsm(158) + "€", 1),
        (gsm(159) + "€", 2),
        (gsm(159) + "|", 2),
        // A part never splits the escape sequence of an extension character.
        (gsm(152) + "€" + &gsm(151), 2),
        (gsm(152) + "€" + &gsm(152), 3),
    ];
    let wd = Workdir::with_samples();
    let mut data = String::from("id,lang,name,title,phone,item,amount_due,due_date,sms\n");
    for (i, (text, _)) in cases.iter().enumerate() {
        let lang = if i % 2 == 0 { "zh" } else { "en" };
        data.push_str(&format!(
            "S-{i:02},{lang},张伟,先生,1380013{i:04},货款,100.00,2026-10-01,{text}\n"
        ));
    }
    wd.write("boundaries.csv", &data)
        .write("tpl/zh/sms.txt", PASS_THROUGH)
        .write("tpl/en/sms.txt", PASS_THROUGH);
    wd.batch(
        "boundaries.csv",
        &["--templates", "tpl", "--sms", "texts.csv"],
    )
    .must_succeed();
    let (_, rows) = csv_rows(&wd.read("texts.csv"), "texts.csv");
    assert_eq!(rows.len(), cases.len());
    for (row, (text, segments)) in rows.iter().zip(&cases) {
        assert_eq!(cell(row, "text"), text, "{}", cell(row, "id"));
        assert_eq!(
            cell(row, "segments"),
            segments.to_string(),
            "{}: {} characters of {:?}…",
            cell(row, "id"),
            text.chars().count(),
            text.chars().last()
        );
    }
}

#[test]
fn letters_without_a_phone_are_listed_as_skipped() {
    let wd = Workdir::with_samples();
    // M-0451 loses its phone, E-1004's is only spaces; an empty text is skipped too.
    let data = SAMPLE_CSV
        .replace(",13911112222,", ",,")
        .replace(",+852 9345 6789,", ",  ,");
    wd.write("debtors.csv", &data);
    let run = wd
        .batch("debtors.csv", &["--sms", "texts.csv"])
        .must_succeed();
    run.stderr_has("warning: M-0451: no phone number: no text message")
        .stderr_has("warning: E-1004: no phone number: no text message")
        .stderr_has("wrote texts.csv: 9 text messages")
        .stderr_has("2 letter(s) without one: see sms-skipped.csv in the zip");
    let (_, rows) = csv_rows(&wd.read("texts.csv"), "texts.csv");
    let ids: Vec<&str> = rows.iter().map(|r| cell(r, "id")).collect();
    assert!(
        !ids.contains(&"M-0451") && !ids.contains(&"E-1004"),
        "{ids:?}"
    );
    assert_eq!(ids.len(), 9);
    assert!(rows.iter().all(|r| !cell(r, "phone").is_empty()));

    let zip = wd.zip_entries(DEFAULT_ZIP);
    let (header, skipped) = csv_rows(entry(&zip, "sms-skipped.csv"), "sms-skipped.csv");
    assert_eq!(header, ["id", "name", "reason"]);
    let listed: Vec<(&str, &str, &str)> = skipped
        .iter()
        .map(|r| (cell(r, "id"), cell(r, "name"), cell(r, "reason")))
        .collect();
    assert_eq!(
        listed,
        [
            ("M-0451", "王芳", "no phone number"),
            ("E-1004", "Mr Thomas Wong", "no phone number")
        ]
    );
    // Every letter is still printed.
    let (_, manifest) = csv_rows(entry(&zip, "manifest.csv"), "manifest.csv");
    assert_eq!(manifest.len(), SAMPLES.len());

    // Without --sms the zip has no such list, and nothing else is written.
    wd.batch("debtors.csv", &["-o", "plain.zip"]).must_succeed();
    assert!(
        wd.zip_entries("plain.zip")
            .iter()
            .all(|(n, _)| n != "sms-skipped.csv")
    );
}

#[test]
fn an_sms_template_error_exits_1_and_writes_nothing() {
    let wd = Workdir::with_samples();
    wd.write(
        "tpl/zh/sms.txt",
        "【{{ sender.name }}】\n您好，{{ row.nosuch }}。\n",
    );
    let before = wd.files();
    let run = wd
        .batch("debtors.csv", &["--templates", "tpl", "--sms", "texts.csv"])
        .must_fail(1);
    run.stderr_has("tpl/zh/sms.txt:2:7:")
        .stderr_has("row.nosuch")
        .stderr_has("nothing was written");
    // The error is reported once, not once per Chinese letter.
    assert_eq!(run.stderr().matches("tpl/zh/sms.txt:").count(), 1);
    assert_eq!(wd.files(), before, "something was written");

    // A syntax error is found when the templates are read: no zip either.
    wd.write("tpl/zh/sms.txt", "【{{ sender.name }}】{% if %}");
    wd.batch("debtors.csv", &["--templates", "tpl", "--sms", "texts.csv"])
        .must_fail(1)
        .stderr_has("tpl/zh/sms.txt:1:");
    assert_eq!(wd.files(), before, "something was written");

    // An SMS file in a missing directory fails before the batch writes anything.
    std::fs::remove_dir_all(wd.path("tpl")).expect("rm tpl");
    let before = wd.files();
    wd.batch("debtors.csv", &["--sms", "missing/texts.csv"])
        .must_fail(4);
    assert_eq!(wd.files(), before, "something was written");
}

#[test]
fn sms_texts_show_the_data_as_typed() {
    let wd = Workdir::with_samples();
    let data = SAMPLE_CSV.replace("张伟,先生", "张*伟 #1,先生");
    wd.write("debtors.csv", &data);
    wd.batch("debtors.csv", &["--sms", "texts.csv"])
        .must_succeed();
    let (_, rows) = csv_rows(&wd.read("texts.csv"), "texts.csv");
    assert!(
        cell(&rows[0], "text").contains("张*伟 #1先生："),
        "{:?}",
        rows[0]
    );
}

#[test]
fn templates_export_includes_the_sms_templates() {
    let wd = Workdir::new();
    wd.run(&["templates", "export", "tpl"]).must_succeed();
    assert_eq!(
        wd.read_text("tpl/zh/sms.txt"),
        include_str!("../templates/zh/sms.txt")
    );
    assert_eq!(
        wd.read_text("tpl/en/sms.txt"),
        include_str!("../templates/en/sms.txt")
    );
    let list = wd.run(&["templates", "list"]).must_succeed().stdout();
    assert!(
        list.lines()
            .any(|l| l.starts_with("sms") && l.contains("zh,en")),
        "{list}"
    );
}

/// Shards written with --sms merge into the zip of the full run, sms-skipped.csv included.
#[test]
fn merged_shards_keep_the_skipped_list_byte_identical() {
    let wd = Workdir::with_samples();
    let data = SAMPLE_CSV
        .replace(",13911112222,", ",,")
        .replace(",+852 9345 6789,", ",,")
        .replace(",13800138000,", ",,");
    wd.write("debtors.csv", &data);
    wd.batch("debtors.csv", &["--sms", "all.csv", "-o", "full.zip"])
        .must_succeed();
    for k in 1..=3 {
        wd.batch(
            "debtors.csv",
            &[
                "--sms",
                &format!("t{k}.csv"),
                "--shard",
                &format!("{k}/3"),
                "-o",
                &format!("s{k}.zip"),
            ],
        )
        .must_succeed();
    }
    wd.run(&["merge", "s2.zip", "s3.zip", "s1.zip", "-o", "merged.zip"])
        .must_succeed();
    assert!(
        wd.read("full.zip") == wd.read("merged.zip"),
        "merged zip differs from the full run"
    );
    // The shards' SMS files hold their own letters: together, the full run's.
    let mut ids: Vec<String> = (1..=3)
        .flat_map(|k| {
            let (_, rows) = csv_rows(&wd.read(&format!("t{k}.csv")), "shard texts");
            rows.into_iter().map(|r| cell(&r, "id").to_string())
        })
        .collect();
    let (_, all) = csv_rows(&wd.read("all.csv"), "all.csv");
    let mut expected: Vec<String> = all.iter().map(|r| cell(r, "id").to_string()).collect();
    ids.sort();
    expected.sort();
    assert_eq!(ids, expected);
}

// ---------------------------------------------------------------------------------------
// 2. mailing.csv
// ---------------------------------------------------------------------------------------

#[test]
fn mailing_csv_is_sorted_by_postcode_then_id_and_agrees_with_the_manifest() {
    let wd = Workdir::with_samples();
    // Two more letters that share a postcode with a sample, in reverse id order.
    let mut data = SAMPLE_CSV.to_string();
    data.push_str("B-2,demand,zh,李四,先生,北京市朝阳区建国路1号,100022,13800000002,,,,,,货款,100.00,0,2026-10-01,,,,\n");
    data.push_str("B-1,demand,zh,王五,先生,北京市朝阳区建国路2号,100022,13800000001,,,,,,货款,100.00,0,2026-10-01,,,,\n");
    wd.write("debtors.csv", &data);
    wd.batch("debtors.csv", &["--print-chunk", "4", "--duplex"])
        .must_succeed();
    let zip = wd.zip_entries(DEFAULT_ZIP);
    let raw = std::str::from_utf8(entry(&zip, "mailing.csv")).expect("UTF-8");
    assert!(
        raw.starts_with("\u{feff}id,name,address,postcode,pages,print_file,print_page\n"),
        "{raw}"
    );
    let (_, mailing) = csv_rows(entry(&zip, "mailing.csv"), "mailing.csv");
    let order: Vec<(&str, &str)> = mailing
        .iter()
        .map(|r| (cell(r, "postcode"), cell(r, "id")))
        .collect();
    assert_eq!(
        order,
        [
            ("100007", "T-0453"),
            ("100022", "B-1"),
            ("100022", "B-2"),
            ("100022", "HT-2026-0012"),
            ("100070", "M-0452"),
            ("100080", "M-0451"),
            ("200120", "C-3001"),
            ("510620", "F-7001"),
            // No postcode: last, by id.
            ("", "E-1001"),
            ("", "E-1002"),
            ("", "E-1003"),
            ("", "E-1004"),
            ("", "E-1005"),
        ]
    );
    // Each row is its letter's: name, pages and where it starts in the print files.
    let (_, manifest) = csv_rows(entry(&zip, "manifest.csv"), "manifest.csv");
    assert_eq!(mailing.len(), manifest.len());
    for m in &mailing {
        let id = cell(m, "id");
        let letter = manifest
            .iter()
            .find(|r| cell(r, "id") == id)
            .unwrap_or_else(|| panic!("{id} not in manifest.csv"));
        for column in ["name", "pages", "print_file", "print_page"] {
            assert_eq!(cell(m, column), cell(letter, column), "{id}: {column}");
        }
    }
    let address = |id: &str| {
        mailing
            .iter()
            .find(|r| cell(r, "id") == id)
            .map(|r| cell(r, "address").to_string())
    };
    assert_eq!(
        address("E-1001").as_deref(),
        Some("Unit 1203, 88 Queensway, Admiralty, Hong Kong")
    );
    assert_eq!(
        address("HT-2026-0012").as_deref(),
        Some("北京市朝阳区建国路88号3号楼2单元1201室")
    );
    // The chunking and duplex padding show in the print columns.
    let files: Vec<&str> = manifest.iter().map(|r| cell(r, "print_file")).collect();
    assert!(files.contains(&"print/004.pdf"), "{files:?}");
}

// ---------------------------------------------------------------------------------------
// 3. The recipient in the envelope window
// ---------------------------------------------------------------------------------------

/// The words of page 1 with their boxes, in millimetres from the top-left corner.
fn words(path: &std::path::Path) -> Vec<Word> {
    pdf_words(path, 1)
}

/// DL window envelope (220 × 110 mm, window 90 × 45 mm, 20 mm from the left and 15 mm
/// from the bottom) with the A4 sheet folded in three: the window may show the sheet from
/// 10 to 110 mm across and 45 to 95 mm down, and always shows 20–100 × 50–90 mm.
const MAY_SHOW: (f64, f64, f64, f64) = (10.0, 45.0, 110.0, 95.0);
const ALWAYS_SHOWS: (f64, f64, f64, f64) = (20.0, 50.0, 100.0, 90.0);

/// Return-address type: under 7 pt, so its boxes are under 3.3 mm high.
fn small(w: &Word) -> bool {
    w.y1 - w.y0 < 3.3
}

fn inside(w: &Word, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> bool {
    w.x0 >= x0 && w.x1 <= x1 && w.y0 >= y0 && w.y1 <= y1
}

fn touches(w: &Word, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> bool {
    w.x0 < x1 && w.x1 > x0 && w.y0 < y1 && w.y1 > y0
}

/// Recipients whose names and addresses are long or span lines: smaller type, still in
/// the window.
const LONG_ADDRESSES: &str = "\
id,kind,lang,name,title,address,postcode,phone,item,amount_due,due_date
L-1,demand,zh,内蒙古自治区呼和浩特市赛罕区某某大型国有控股房地产开发集团有限公司,,内蒙古自治区呼和浩特市赛罕区大学东街与丰州南路交汇处东北角某某国际商务中心写字楼A座二十八层二八零一至二八零六室财务管理部应收账款管理中心,010020,13800000000,货款,100.00,2026-10-01
L-2,demand,en,Pacific Northwest International Trading and Logistics Holdings Limited,,\"Room 1806-1810, 18th Floor, Tower Two
Admiralty Centre, 18 Harcourt Road
Admiralty, Central and Western District
Hong Kong Special Administrative Region\",999077,+852 2811 2000,Goods,100.00,2026-10-01
L-3,termination,zh,张伟,先生,\"北京市朝阳区
建国路88号
3号楼
2单元
1201室\",100022,13800000000,首付款,100.00,2026-06-01
L-4,fax-cover,en,Acme Ltd,,1 Nathan Road,,+852 2811 2000,Goods,100.00,2026-10-01
";

#[test]
fn the_recipient_shows_through_the_envelope_window_and_nothing_else_does() {
    let wd = Workdir::with_samples();
    wd.write("long.csv", LONG_ADDRESSES);
    wd.batch("debtors.csv", &[]).must_succeed();
    wd.batch("long.csv", &["-o", "long.zip"]).must_succeed();
    check_window(&wd, DEFAULT_ZIP, SAMPLES.len());
    check_window(&wd, "long.zip", 4);
}

/// Every letter of a zip: its recipient (name, address, postcode from mailing.csv) is
/// where the window always shows it, and nothing else is where the window may show.
fn check_window(wd: &Workdir, zip_name: &str, letters: usize) {
    let zip = wd.zip_entries(zip_name);
    let (_, mailing) = csv_rows(entry(&zip, "mailing.csv"), "mailing.csv");
    assert_eq!(mailing.len(), letters);
    std::fs::create_dir_all(wd.path("pdf")).expect("mkdir");
    for m in &mailing {
        let id = cell(m, "id");
        let (name, bytes) = zip
            .iter()
            .find(|(n, _)| n.starts_with(&format!("letters/{id}-")))
            .expect("letter");
        let path = wd.path(&format!("pdf/{id}.pdf"));
        std::fs::write(&path, bytes).expect("write pdf");
        let words = words(&path);
        // Every word the window may show, but for the small return address, must be one it
        // always shows.
        let in_window: Vec<&Word> = words.iter().filter(|w| touches(w, MAY_SHOW)).collect();
        for w in &in_window {
            assert!(
                small(w) || inside(w, ALWAYS_SHOWS),
                "{name}: {:?} at {:.1}–{:.1} × {:.1}–{:.1} mm would be cut by the window",
                w.text,
                w.x0,
                w.x1,
                w.y0,
                w.y1
            );
        }
        let shown: String = in_window
            .iter()
            .filter(|w| !small(w))
            .map(|w| w.text.as_str())
            .collect();
        for part in [cell(m, "name"), cell(m, "postcode")] {
            let part = squeeze(part);
            assert!(
                shown.contains(&part),
                "{name}: {part:?} not in the window; it shows {shown:?}"
            );
        }
        // The address, however it wraps.
        let address = squeeze(cell(m, "address"));
        assert!(
            squeeze(&shown).contains(&address),
            "{name}: the address {address:?} not in the window; it shows {shown:?}"
        );
        // And the sender's return address above it.
        let small: String = in_window
            .iter()
            .filter(|w| small(w))
            .map(|w| w.text.as_str())
            .collect();
        assert!(
            small.contains("100020"),
            "{name}: no return address in the window: {small:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// 4. --pdf-a
// ---------------------------------------------------------------------------------------

#[test]
fn pdf_a_letters_are_pdf_a_2b_dated_as_of_and_reproducible() {
    let wd = Workdir::with_samples();
    wd.batch("debtors.csv", &["--pdf-a", "-o", "a.zip"])
        .must_succeed();
    wd.batch("debtors.csv", &["--pdf-a", "-o", "b.zip"])
        .must_succeed();
    wd.batch("debtors.csv", &["-o", "plain.zip"]).must_succeed();
    assert!(
        wd.read("a.zip") == wd.read("b.zip"),
        "two --pdf-a runs differ"
    );
    let archive = wd.zip_entries("a.zip");
    let letters: Vec<&(String, Vec<u8>)> = archive
        .iter()
        .filter(|(n, _)| n.starts_with("letters/"))
        .collect();
    assert_eq!(letters.len(), SAMPLES.len());
    std::fs::create_dir_all(wd.path("pdf")).expect("mkdir");
    for (name, bytes) in letters {
        assert!(
            declares_pdf_a_2b(bytes),
            "{name}: no pdfaid:part 2 / pdfaid:conformance B in its XMP metadata"
        );
        let text = String::from_utf8_lossy(bytes);
        assert!(
            text.contains("<xmp:CreateDate>2026-11-23T00:00:00"),
            "{name}: XMP creation date is not --as-of"
        );
        let path = wd.path(&format!("pdf/{}", name.replace('/', "_")));
        std::fs::write(&path, bytes).expect("write pdf");
        let info = pdf_info(&path);
        assert!(
            info.lines()
                .any(|l| l.starts_with("CreationDate:") && l.contains("2026-11-23T00:00:00")),
            "{name}: creation date is not --as-of:\n{info}"
        );
        assert!(
            info.lines()
                .any(|l| l.starts_with("Metadata Stream:") && l.contains("yes")),
            "{name}: no XMP metadata stream:\n{info}"
        );
    }
    // The print files are for the printer, not the archive.
    assert!(!declares_pdf_a_2b(entry(&archive, "print/001.pdf")));
    // Without --pdf-a nothing claims PDF/A.
    for (name, bytes) in wd.zip_entries("plain.zip") {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("pdfaid:"),
            "{name}: PDF/A identification without --pdf-a"
        );
    }
}

#[test]
fn shards_with_and_without_pdf_a_do_not_merge() {
    let wd = Workdir::with_samples();
    wd.batch("debtors.csv", &["--shard", "1/2", "-o", "s1.zip"])
        .must_succeed();
    wd.batch(
        "debtors.csv",
        &["--shard", "2/2", "--pdf-a", "-o", "s2.zip"],
    )
    .must_succeed();
    wd.run(&["merge", "s1.zip", "s2.zip", "-o", "m.zip"])
        .must_fail(1)
        .stderr_has("--pdf-a");
    assert!(!wd.exists("m.zip"));
}
