//! End-to-end tests of the letters (SPEC 2, 6, 7): `preview`, `templates`, `init` and the
//! template side of `check`. Every test gets a fresh temporary directory, writes its input
//! there, runs the real binary with that directory as the working directory, and reads the
//! PDFs back in Rust (`common::pdf_text`, `pdf_page_text`, `pdf_pages`): no PDF tool is
//! needed.
//!
//! All letters are dated `--as-of 2026-11-23`, a Monday with no public holiday before 元旦, so
//! the deadline (`workdays: 3`) is Thu 2026-11-26 and the fax cover's (`kinds: fax-cover:
//! workdays: 5`) is Mon 2026-11-30. Fees: 0.05% a day, no grace days.
//!
//! Text is searched after removing every whitespace character (and soft hyphens) from both the
//! PDF text and the needle: long Chinese runs and justified lines break anywhere. The text is
//! in content-stream order (as `pdftotext -raw` gave it, not `-layout`, which reorders the
//! pieces of a Chinese line that holds full-width punctuation).

mod common;

use common::*;

// ---------------------------------------------------------------------------------------
// Fixture (the shared part, with the PDF readers, is in `common`)
// ---------------------------------------------------------------------------------------

impl Workdir {
    /// A work directory holding `zh.csv`, `en.csv` and `dunning.yaml` (see the constants).
    fn with_letters() -> Workdir {
        let wd = Workdir::new();
        wd.write("zh.csv", ZH_CSV)
            .write("en.csv", EN_CSV)
            .write("dunning.yaml", CONFIG);
        wd
    }

    /// `preview DATA --id ID --as-of 2026-11-23 -o OUT [EXTRA…]`, which must succeed.
    fn preview(&self, data: &str, id: &str, out: &str, extra: &[&str]) -> Run {
        let mut args = vec!["preview", data, "--id", id, "--as-of", AS_OF, "-o", out];
        args.extend_from_slice(extra);
        self.run(&args).must_succeed()
    }
}

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

// ---------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------

const SENDER_ZH: &str = "测试华信置业有限公司";
const SENDER_EN: &str = "Testing Huaxin Realty Ltd";

/// The config of most tests: its own sender names, so a name printed in a letter can only
/// have come from here; the fee policy and deadlines spelled out.
const CONFIG: &str = "\
lang: zh
sender:
  name: 测试华信置业有限公司
  address: 北京市朝阳区光华路8号
  phone: 010-6588 1200
  fax: 010-6588 1201
  contact: 李明
  contact_phone: 010-6588 1234
  bank: 中国工商银行北京光华路支行
  account: 0200 0012 3456 7890 123
  en:
    name: Testing Huaxin Realty Ltd
    address: 8 Guanghua Road, Beijing
    contact: Li Ming
    bank: ICBC Beijing Guanghua Road Branch
fees:
  method: daily
  rate: 0.0005
  grace_days: 0
  flat: 0
deadline: { workdays: 3 }
calendar: cn
kinds:
  fax-cover: { deadline: { workdays: 5 } }
";

const HEADER: &str = "id,kind,lang,name,title,address,postcode,phone,fax,contract_title,contract_no,their_contract_no,contract_date,property,item,amount_due,amount_paid,due_date,documents_due,cc,re\n";

/// One Chinese letter of every kind (the rows of samples/debtors.csv).
///
/// - HT-2026-0012 (person): 16409.02 due 2026-09-30, 54 days; fee 443.04; total 16852.06.
/// - C-3001 (company, 3 items): 7000.00 ×100 d = 350.00; 6007.14 ×69 d = 207.246 → 207.25;
///   1409.50 ×39 d = 27.485 → 27.49. Outstanding 14416.64, fee 584.74, total 15001.38.
/// - M-0451: documents due 2026-10-31, 23 days. M-0452: due 2026-08-31, 84 days.
/// - T-0453: 85000.00 − 20000.00 = 65000.00 due 2026-07-15, 131 days, fee 4257.50.
/// - F-7001: 48300.00 − 30000.00 = 18300.00 due 2026-09-01, 83 days, fee 759.45.
const ZH_CSV: &str = concat!(
    "id,kind,lang,name,title,address,postcode,phone,fax,contract_title,contract_no,their_contract_no,contract_date,property,item,amount_due,amount_paid,due_date,documents_due,cc,re\n",
    "HT-2026-0012,demand,zh,张伟,先生,北京市朝阳区建国路88号3号楼2单元1201室,100022,13800138000,,《商品房买卖合同》,HT-2026-0012,,2025-06-18,3号楼2单元1201室,第二期房款,\"16,409.02\",0,2026-09-30,,,\n",
    "C-3001,demand,zh,上海星辰贸易有限公司,,上海市浦东新区世纪大道100号15楼,200120,021-68880001,021-68880002,《购销合同》,GX-2026-031,,2026-03-02,,货款（发票号 00012345）,\"12,000.00\",\"5,000.00\",2026-08-15,,,\n",
    "C-3001,demand,zh,上海星辰贸易有限公司,,上海市浦东新区世纪大道100号15楼,200120,021-68880001,021-68880002,《购销合同》,GX-2026-031,,2026-03-02,,货款（发票号 00012377）,\"6,007.14\",0,2026-09-15,,,\n",
    "C-3001,demand,zh,上海星辰贸易有限公司,,上海市浦东新区世纪大道100号15楼,200120,021-68880001,021-68880002,《购销合同》,GX-2026-031,,2026-03-02,,货款（发票号 00012409）,\"1,409.50\",0,2026-10-15,,,\n",
    "M-0451,mortgage-reminder,zh,王芳,女士,北京市海淀区中关村大街27号,100080,13911112222,,《商品房买卖合同》,HT-2026-0451,,2026-07-01,5号楼1单元602室,,,,,2026-10-31,,\n",
    "M-0452,termination-mortgage,zh,刘强,先生,北京市丰台区南四环西路186号,100070,13622223333,,《商品房买卖合同》,HT-2026-0452,,2026-05-10,7号楼3单元901室,,,,,2026-08-31,,\n",
    "T-0453,termination,zh,陈静,女士,北京市东城区东直门南大街5号,100007,13733334444,,《商品房买卖合同》,HT-2026-0453,,2025-12-20,2号楼1单元303室,首付款余款,\"85,000.00\",\"20,000.00\",2026-07-15,,,\n",
    "F-7001,fax-cover,zh,广州南方建材有限公司,,广州市天河区天河路385号,510620,020-38880000,020-38880001,《建材供货合同》,NF-2026-007,GF-2026-118,2026-01-08,,货款,\"48,300.00\",\"30,000.00\",2026-09-01,,财务部 李经理,关于支付拖欠货款的函\n",
);

/// The same letters in English (same amounts and dates, so the same figures).
const EN_CSV: &str = concat!(
    "id,kind,lang,name,title,address,postcode,phone,fax,contract_title,contract_no,their_contract_no,contract_date,property,item,amount_due,amount_paid,due_date,documents_due,cc,re\n",
    "EP-1,demand,en,Mr John Smith,Mr,\"1 High Street, Central\",,+852 1111 2222,,Sale and Purchase Agreement,SPA-1,,2025-06-18,\"Flat 1A, Tower 1\",Second instalment,\"16,409.02\",0,2026-09-30,,,\n",
    "EC-1,demand,en,Northwind Trading Ltd,,\"Unit 1203, 88 Queensway\",,+852 2345 6789,+852 2345 6790,Sales Contract,NW-118,,2026-03-02,,Invoice 00012345,\"12,000.00\",\"5,000.00\",2026-08-15,,,\n",
    "EC-1,demand,en,Northwind Trading Ltd,,\"Unit 1203, 88 Queensway\",,+852 2345 6789,+852 2345 6790,Sales Contract,NW-118,,2026-03-02,,Invoice 00012377,\"6,007.14\",0,2026-09-15,,,\n",
    "EC-1,demand,en,Northwind Trading Ltd,,\"Unit 1203, 88 Queensway\",,+852 2345 6789,+852 2345 6790,Sales Contract,NW-118,,2026-03-02,,Invoice 00012409,\"1,409.50\",0,2026-10-15,,,\n",
    "EM-1,mortgage-reminder,en,Ms Emily Chan,Ms,3 Robinson Road,,+852 9876 5432,,Sale and Purchase Agreement,SPA-51,,2026-07-01,\"Flat 12A, Tower 1\",,,,,2026-10-31,,\n",
    "ETM-1,termination-mortgage,en,Mr Thomas Wong,Mr,22 Kent Road,,+852 9345 6789,,Sale and Purchase Agreement,SPA-52,,2026-05-10,\"Flat 8C, Tower 3\",,,,,2026-08-31,,\n",
    "ET-1,termination,en,Ms Grace Lee,Ms,5 Harbour Road,,+852 9123 4567,,Sale and Purchase Agreement,SPA-44,,2025-12-20,\"Flat 6B, Tower 2\",Balance of deposit,\"85,000.00\",\"20,000.00\",2026-07-15,,,\n",
    "EF-1,fax-cover,en,Pacific Rim Supplies Ltd,,9 Queen's Road Central,,+852 2811 2000,+852 2811 2001,Supply Agreement,PR-033,PO-88231,2026-01-08,,Goods,\"48,300.00\",\"30,000.00\",2026-09-01,,Accounts Payable,Overdue payment PR-033\n",
);

// ---------------------------------------------------------------------------------------
// 1–2. Every kind in both languages: content and pages
// ---------------------------------------------------------------------------------------

/// What one rendered letter must show.
struct Expect {
    data: &'static str,
    id: &'static str,
    lang: &'static str,
    name: &'static str,
    /// The deadline in the letter's own date format.
    deadline: &'static str,
    /// Further text the letter must contain: figures, amounts in words, titles…
    shows: &'static [&'static str],
    pages: usize,
    /// Text the last page must contain (the attached refund form).
    last_page: &'static [&'static str],
}

/// The fax covers, which carry no reference line.
const FAX_IDS: [&str; 2] = ["F-7001", "EF-1"];

/// Renders `e.id` to a PDF and checks it against `e`; returns the PDF text.
fn check_letter(e: &Expect) -> String {
    let wd = Workdir::with_letters();
    let run = wd.preview(e.data, e.id, "x.pdf", &[]);
    assert!(wd.exists("x.pdf"), "no x.pdf\n{}", run.describe());
    let pdf = wd.read("x.pdf");
    assert!(pdf.starts_with(b"%PDF-"), "x.pdf is not a PDF");
    let text = pdf_text(&wd.path("x.pdf"));
    let what = format!("{} ({})", e.id, e.lang);
    assert_text_has(&text, e.name, &what);
    // Letters carry their id as the reference (编号 / Our ref); a fax cover has none.
    if !FAX_IDS.contains(&e.id) {
        assert_text_has(&text, e.id, &what);
    }
    let (sender, letter_date) = match e.lang {
        "zh" => (SENDER_ZH, "2026年11月23日"),
        _ => (SENDER_EN, "23 November 2026"),
    };
    assert_text_has(&text, sender, &what);
    assert_text_has(&text, letter_date, &what);
    assert_text_has(&text, e.deadline, &what);
    for s in e.shows {
        assert_text_has(&text, s, &what);
    }
    // A letter in one language never carries the other language's date format or sender.
    match e.lang {
        "zh" => {
            assert_text_lacks(&text, "November 2026", &what);
            assert_text_lacks(&text, SENDER_EN, &what);
        }
        _ => {
            assert_text_lacks(&text, "2026年11月", &what);
            assert_text_lacks(&text, SENDER_ZH, &what);
        }
    }
    assert_eq!(
        pdf_pages(&wd.path("x.pdf")),
        e.pages,
        "{what}: page count\n{text}"
    );
    if !e.last_page.is_empty() {
        let last = pdf_page_text(&wd.path("x.pdf"), e.pages);
        for s in e.last_page {
            assert_text_has(&last, s, &format!("{what}, page {}", e.pages));
        }
        assert_text_has(&last, e.name, &format!("{what}, page {}", e.pages));
        // The first page is the notice itself, not the form.
        let first = pdf_page_text(&wd.path("x.pdf"), 1);
        assert_text_has(&first, e.deadline, &format!("{what}, page 1"));
    }
    text
}

#[test]
fn zh_demand_to_a_person() {
    let text = check_letter(&Expect {
        data: "zh.csv",
        id: "HT-2026-0012",
        lang: "zh",
        name: "张伟",
        deadline: "2026年11月26日",
        shows: &[
            "催款通知书",
            "尊敬的张伟先生",
            "《商品房买卖合同》",
            "16,409.02",
            "壹万陆仟肆佰零玖元零贰分",
            "443.04",
            "肆佰肆拾叁元零肆分",
            "8.20",
            "16,852.06",
            "壹万陆仟捌佰伍拾贰元零陆分",
            "2026年10月1日",
        ],
        pages: 1,
        last_page: &[],
    });
    // A person gets 催款通知书, not the company title.
    assert_text_lacks(&text, "贵司", "HT-2026-0012");
}

#[test]
fn zh_demand_to_a_company_itemises_every_item() {
    check_letter(&Expect {
        data: "zh.csv",
        id: "C-3001",
        lang: "zh",
        name: "上海星辰贸易有限公司",
        deadline: "2026年11月26日",
        shows: &[
            "催款函",
            "贵司",
            "货款（发票号 00012345）",
            "货款（发票号 00012377）",
            "货款（发票号 00012409）",
            "7,000.00",
            "350.00",
            "6,007.14",
            "207.25",
            "1,409.50",
            "27.49",
            "14,416.64",
            "壹万肆仟肆佰壹拾陆元陆角肆分",
            "584.74",
            "15,001.38",
            "壹万伍仟零壹元叁角捌分",
        ],
        pages: 1,
        last_page: &[],
    });
}

#[test]
fn zh_mortgage_reminder() {
    check_letter(&Expect {
        data: "zh.csv",
        id: "M-0451",
        lang: "zh",
        name: "王芳",
        deadline: "2026年11月26日",
        shows: &[
            "催补按揭资料函",
            "尊敬的王芳女士",
            "2026年10月31日",
            "23天",
            "5号楼1单元602室",
        ],
        pages: 1,
        last_page: &[],
    });
}

#[test]
fn zh_termination_mortgage_has_the_refund_form_on_page_2() {
    check_letter(&Expect {
        data: "zh.csv",
        id: "M-0452",
        lang: "zh",
        name: "刘强",
        deadline: "2026年11月26日",
        shows: &["终止合同通知书", "2026年8月31日", "84天", "终止该合同"],
        pages: 2,
        last_page: &["退房申请书", "7号楼3单元901室", "HT-2026-0452"],
    });
}

#[test]
fn zh_termination_has_the_refund_form_on_page_2() {
    check_letter(&Expect {
        data: "zh.csv",
        id: "T-0453",
        lang: "zh",
        name: "陈静",
        deadline: "2026年11月26日",
        shows: &[
            "终止合同通知书",
            "85,000.00",
            "65,000.00",
            "陆万伍仟元整",
            "131天",
            "4,257.50",
            "肆仟贰佰伍拾柒元伍角",
        ],
        pages: 2,
        last_page: &["退房申请书", "2号楼1单元303室"],
    });
}

#[test]
fn zh_fax_cover_counts_its_own_pages_and_uses_the_kind_deadline() {
    let text = check_letter(&Expect {
        data: "zh.csv",
        id: "F-7001",
        lang: "zh",
        name: "广州南方建材有限公司",
        // kinds: fax-cover: 5 working days after Mon 2026-11-23 = Mon 2026-11-30.
        deadline: "2026年11月30日",
        shows: &[
            "传真",
            "1（含本页）",
            "020-38880001",
            "财务部 李经理",
            "关于支付拖欠货款的函",
            "GF-2026-118",
            "NF-2026-007",
            "48,300.00",
            "30,000.00",
            "18,300.00",
            "壹万捌仟叁佰元整",
            "759.45",
            "83",
        ],
        pages: 1,
        last_page: &[],
    });
    // The general 3-workday deadline is not the fax cover's.
    assert_text_lacks(&text, "2026年11月26日", "F-7001");
}

#[test]
fn en_demand_to_a_person() {
    check_letter(&Expect {
        data: "en.csv",
        id: "EP-1",
        lang: "en",
        name: "Mr John Smith",
        deadline: "26 November 2026",
        shows: &[
            "Dear Mr Smith",
            "16,409.02",
            "sixteen thousand four hundred and nine yuan and two fen",
            "443.04",
            "8.20",
            "16,852.06",
            "sixteen thousand eight hundred and fifty-two yuan and six fen",
            "1 October 2026",
        ],
        pages: 1,
        last_page: &[],
    });
}

#[test]
fn en_demand_to_a_company_itemises_every_item() {
    check_letter(&Expect {
        data: "en.csv",
        id: "EC-1",
        lang: "en",
        name: "Northwind Trading Ltd",
        deadline: "26 November 2026",
        shows: &[
            "Dear Sir or Madam",
            "Invoice 00012345",
            "Invoice 00012377",
            "Invoice 00012409",
            "7,000.00",
            "207.25",
            "27.49",
            "14,416.64",
            "fourteen thousand four hundred and sixteen yuan and sixty-four fen",
            "584.74",
            "15,001.38",
            "fifteen thousand and one yuan and thirty-eight fen",
        ],
        pages: 1,
        last_page: &[],
    });
}

#[test]
fn en_mortgage_reminder() {
    check_letter(&Expect {
        data: "en.csv",
        id: "EM-1",
        lang: "en",
        name: "Ms Emily Chan",
        deadline: "26 November 2026",
        shows: &[
            "Dear Ms Chan",
            "31 October 2026",
            "23 days",
            "Flat 12A, Tower 1",
        ],
        pages: 1,
        last_page: &[],
    });
}

#[test]
fn en_termination_mortgage_has_the_refund_form_on_page_2() {
    check_letter(&Expect {
        data: "en.csv",
        id: "ETM-1",
        lang: "en",
        name: "Mr Thomas Wong",
        deadline: "26 November 2026",
        shows: &["31 August 2026", "84 days", "the contract is terminated"],
        pages: 2,
        last_page: &["Refund Application", "Flat 8C, Tower 3", "SPA-52"],
    });
}

#[test]
fn en_termination_has_the_refund_form_on_page_2() {
    check_letter(&Expect {
        data: "en.csv",
        id: "ET-1",
        lang: "en",
        name: "Ms Grace Lee",
        deadline: "26 November 2026",
        shows: &[
            "85,000.00",
            "65,000.00",
            "sixty-five thousand yuan",
            "131 days",
            "4,257.50",
            "the contract is terminated",
        ],
        pages: 2,
        last_page: &["Refund Application", "Flat 6B, Tower 2"],
    });
}

#[test]
fn en_fax_cover_counts_its_own_pages_and_uses_the_kind_deadline() {
    let text = check_letter(&Expect {
        data: "en.csv",
        id: "EF-1",
        lang: "en",
        name: "Pacific Rim Supplies Ltd",
        deadline: "30 November 2026",
        shows: &[
            "FAX",
            "1 (including this page)",
            "+852 2811 2001",
            "Accounts Payable",
            "Overdue payment PR-033",
            "PO-88231",
            "48,300.00",
            "30,000.00",
            "18,300.00",
            "eighteen thousand three hundred yuan",
            "759.45",
        ],
        pages: 1,
        last_page: &[],
    });
    assert_text_lacks(&text, "26 November 2026", "EF-1");
}

/// The fax's page count is counted from the rendered fax: a template that adds a page makes
/// it say 2.
#[test]
fn fax_cover_page_count_follows_the_rendered_pages() {
    let wd = Workdir::with_letters();
    wd.run(&["templates", "export", "tpl"]).must_succeed();
    for lang in ["zh", "en"] {
        let name = format!("tpl/{lang}/fax-cover.typ");
        let mut t = wd.read_text(&name);
        t.push_str("\n#pagebreak()\nsecond page\n");
        wd.write(&name, t);
    }
    wd.preview("zh.csv", "F-7001", "zh.pdf", &["--templates", "tpl"]);
    assert_eq!(pdf_pages(&wd.path("zh.pdf")), 2);
    let text = pdf_text(&wd.path("zh.pdf"));
    assert_text_has(&text, "2（含本页）", "zh fax with 2 pages");
    assert_text_lacks(&text, "1（含本页）", "zh fax with 2 pages");

    wd.preview("en.csv", "EF-1", "en.pdf", &["--templates", "tpl"]);
    assert_eq!(pdf_pages(&wd.path("en.pdf")), 2);
    let text = pdf_text(&wd.path("en.pdf"));
    assert_text_has(&text, "2 (including this page)", "en fax with 2 pages");
}

/// `--kind` on preview replaces the row's kind: the demand row as a termination notice.
#[test]
fn preview_kind_flag_overrides_the_rows_kind() {
    let wd = Workdir::with_letters();
    wd.run(&[
        "preview",
        "zh.csv",
        "--id",
        "HT-2026-0012",
        "--kind",
        "termination",
        "--as-of",
        AS_OF,
    ])
    .must_succeed();
    let file = wd.path("HT-2026-0012-termination.pdf");
    assert!(file.exists(), "files: {:?}", wd.files());
    assert_eq!(pdf_pages(&file), 2);
    let text = pdf_text(&file);
    assert_text_has(&text, "终止合同通知书", "--kind termination");
    assert_text_has(&text, "退房申请书", "--kind termination");
}

// ---------------------------------------------------------------------------------------
// 3. Determinism
// ---------------------------------------------------------------------------------------

#[test]
fn the_same_letter_renders_to_identical_bytes() {
    let wd = Workdir::with_letters();
    wd.preview("zh.csv", "C-3001", "a.pdf", &[]);
    wd.preview("zh.csv", "C-3001", "b.pdf", &[]);
    std::fs::create_dir_all(wd.path("sub")).expect("mkdir");
    wd.preview("zh.csv", "C-3001", "sub/c.pdf", &[]);
    let a = wd.read("a.pdf");
    assert!(a.len() > 1000, "a.pdf is suspiciously small");
    assert!(a == wd.read("b.pdf"), "a.pdf and b.pdf differ");
    assert!(a == wd.read("sub/c.pdf"), "a.pdf and sub/c.pdf differ");

    // Two-page letters and English too.
    for (data, id) in [("zh.csv", "T-0453"), ("en.csv", "ET-1")] {
        wd.preview(data, id, "1.pdf", &[]);
        wd.preview(data, id, "2.pdf", &[]);
        assert!(
            wd.read("1.pdf") == wd.read("2.pdf"),
            "{id}: two runs differ"
        );
    }

    // PNG previews too.
    wd.preview("zh.csv", "HT-2026-0012", "p.png", &[]);
    let p = wd.read("p.png");
    wd.preview("zh.csv", "HT-2026-0012", "q.png", &[]);
    assert!(p == wd.read("q.png"), "p.png and q.png differ");
}

#[test]
fn different_letters_give_different_pdfs() {
    let wd = Workdir::with_letters();
    wd.preview("zh.csv", "HT-2026-0012", "a.pdf", &[]);
    wd.preview("zh.csv", "C-3001", "b.pdf", &[]);
    wd.preview("en.csv", "EP-1", "c.pdf", &[]);
    let (a, b, c) = (wd.read("a.pdf"), wd.read("b.pdf"), wd.read("c.pdf"));
    assert!(a != b, "HT-2026-0012 and C-3001 gave the same PDF");
    assert!(a != c, "HT-2026-0012 and EP-1 gave the same PDF");
    // Same data but another id: the only difference is the id.
    wd.write(
        "twin.csv",
        format!(
            "{HEADER}A-1,demand,zh,张伟,先生,addr,,,,,,,,,x,100,0,2026-10-01,,,\n\
             A-2,demand,zh,张伟,先生,addr,,,,,,,,,x,100,0,2026-10-01,,,\n"
        ),
    );
    wd.preview("twin.csv", "A-1", "t1.pdf", &[]);
    wd.preview("twin.csv", "A-2", "t2.pdf", &[]);
    assert!(
        wd.read("t1.pdf") != wd.read("t2.pdf"),
        "A-1 and A-2 gave the same PDF"
    );
}

/// Exported templates, used unchanged, give exactly the built-in letter.
#[test]
fn unchanged_exported_templates_give_the_same_pdf() {
    let wd = Workdir::with_letters();
    wd.run(&["templates", "export", "tpl"]).must_succeed();
    wd.preview("zh.csv", "C-3001", "builtin.pdf", &[]);
    wd.preview("zh.csv", "C-3001", "dir.pdf", &["--templates", "tpl"]);
    assert!(
        wd.read("builtin.pdf") == wd.read("dir.pdf"),
        "exported templates changed the PDF"
    );
}

// ---------------------------------------------------------------------------------------
// 4. PNG
// ---------------------------------------------------------------------------------------

#[test]
fn png_of_a_one_page_letter_is_one_file() {
    let wd = Workdir::with_letters();
    let run = wd.preview("zh.csv", "HT-2026-0012", "x.png", &[]);
    let png = wd.read("x.png");
    assert!(png.starts_with(PNG_MAGIC), "x.png is not a PNG");
    assert!(png.len() > 10_000, "x.png is suspiciously small");
    assert_eq!(
        wd.files(),
        vec!["dunning.yaml", "en.csv", "x.png", "zh.csv"],
        "{}",
        run.describe()
    );
    run.stderr_has("x.png");
}

#[test]
fn png_of_a_two_page_letter_is_one_file_per_page() {
    for (data, id) in [("zh.csv", "T-0453"), ("en.csv", "ETM-1")] {
        let wd = Workdir::with_letters();
        let run = wd.preview(data, id, "x.png", &[]);
        assert_eq!(
            wd.files(),
            vec!["dunning.yaml", "en.csv", "x-1.png", "x-2.png", "zh.csv"],
            "{}",
            run.describe()
        );
        let (p1, p2) = (wd.read("x-1.png"), wd.read("x-2.png"));
        assert!(p1.starts_with(PNG_MAGIC), "{id}: x-1.png is not a PNG");
        assert!(p2.starts_with(PNG_MAGIC), "{id}: x-2.png is not a PNG");
        assert!(p1 != p2, "{id}: both pages rendered the same");
        run.stderr_has("x-1.png").stderr_has("x-2.png");
    }
}

#[test]
fn an_output_that_is_neither_pdf_nor_png_is_a_usage_error() {
    let wd = Workdir::with_letters();
    let run = wd
        .run(&[
            "preview",
            "zh.csv",
            "--id",
            "HT-2026-0012",
            "--as-of",
            AS_OF,
            "-o",
            "x.doc",
        ])
        .must_fail(2);
    run.stderr_has("x.doc");
    assert_eq!(wd.files(), vec!["dunning.yaml", "en.csv", "zh.csv"]);
}

// ---------------------------------------------------------------------------------------
// 5. --id and the default output name
// ---------------------------------------------------------------------------------------

#[test]
fn an_unknown_id_is_an_error_naming_it() {
    let wd = Workdir::with_letters();
    let run = wd
        .run(&[
            "preview",
            "zh.csv",
            "--id",
            "NO-SUCH-ID",
            "--as-of",
            AS_OF,
            "-o",
            "x.pdf",
        ])
        .must_fail(1);
    run.stderr_has("NO-SUCH-ID");
    assert_eq!(run.stdout(), "", "{}", run.describe());
    assert!(!wd.exists("x.pdf"));
    assert_eq!(wd.files(), vec!["dunning.yaml", "en.csv", "zh.csv"]);
}

#[test]
fn default_output_is_id_dash_kind_pdf_in_the_working_directory() {
    let wd = Workdir::with_letters();
    for (data, id, file, name) in [
        ("zh.csv", "HT-2026-0012", "HT-2026-0012-demand.pdf", "张伟"),
        (
            "zh.csv",
            "M-0452",
            "M-0452-termination-mortgage.pdf",
            "刘强",
        ),
        (
            "en.csv",
            "EF-1",
            "EF-1-fax-cover.pdf",
            "Pacific Rim Supplies Ltd",
        ),
    ] {
        let run = wd
            .run(&["preview", data, "--id", id, "--as-of", AS_OF])
            .must_succeed();
        assert!(
            wd.exists(file),
            "no {file}: {:?}\n{}",
            wd.files(),
            run.describe()
        );
        run.stderr_has(file);
        assert_text_has(&pdf_text(&wd.path(file)), name, file);
    }
}

#[test]
fn unsafe_characters_in_the_id_stay_inside_the_working_directory() {
    let wd = Workdir::new();
    wd.write("work/sub/dunning.yaml", CONFIG);
    wd.write(
        "work/sub/ids.csv",
        format!(
            "{HEADER}A/../B,demand,zh,李雷,先生,addr,,,,,,,,,x,100,0,2026-10-01,,,\n\
             ../../escape,demand,zh,韩梅梅,女士,addr,,,,,,,,,x,100,0,2026-10-01,,,\n"
        ),
    );
    for id in ["A/../B", "../../escape"] {
        wd.run_in(
            "work/sub",
            &["preview", "ids.csv", "--id", id, "--as-of", AS_OF],
        )
        .must_succeed();
    }
    let files = wd.files();
    let made: Vec<&String> = files.iter().filter(|f| f.ends_with(".pdf")).collect();
    assert_eq!(made.len(), 2, "expected two PDFs: {files:?}");
    for f in &made {
        assert!(
            f.starts_with("work/sub/") && !f["work/sub/".len()..].contains('/'),
            "{f} is not directly in the working directory: {files:?}"
        );
        let stem = &f["work/sub/".len()..];
        assert!(
            !stem.starts_with('.') && stem.ends_with("-demand.pdf"),
            "unexpected name {stem}"
        );
    }
    assert!(
        wd.exists("work/sub/A____B-demand.pdf"),
        "A/../B should become A____B-demand.pdf: {files:?}"
    );
    // Nothing escaped to the parent directories (or anywhere else under the temp dir).
    assert!(!wd.exists("work/B-demand.pdf") && !wd.exists("B-demand.pdf"));
    assert!(!wd.exists("escape-demand.pdf"));
    // The letter still shows the id as it is.
    assert_text_has(
        &pdf_text(&wd.path("work/sub/A____B-demand.pdf")),
        "A/../B",
        "A/../B",
    );
}

// ---------------------------------------------------------------------------------------
// 6. Typst injection
// ---------------------------------------------------------------------------------------

const EVIL_NAME: &str = "#sys.exit() *b* _i_ $x$ <l> @r = [x] // c";

#[test]
fn markup_in_data_is_printed_literally() {
    let wd = Workdir::with_letters();
    wd.write(
        "evil.csv",
        format!(
            "{HEADER}\
             Z-1,demand,zh,\"{EVIL_NAME}\",先生,\"第一行 #strong[x]\n第二行 $y$\",,,,\"《合同 #panic()》\",,,,,\"*货款* #let z = 1\",100,0,2026-10-01,,,\n\
             Z-2,demand,en,\"{EVIL_NAME}\",Mr,\"Line 1\nLine 2 #emph[y]\",,,,,,,,,\"_item_ \\ {{{{x}}}}\",100,0,2026-10-01,,,\n\
             Z-3,fax-cover,zh,\"{EVIL_NAME}\",,addr,,,\"= fax\",,,,,,x,100,0,2026-10-01,,\"#cc\",\"re: // [x]\"\n"
        ),
    );

    wd.preview("evil.csv", "Z-1", "z1.pdf", &[]);
    let text = pdf_text(&wd.path("z1.pdf"));
    assert_text_has(&text, EVIL_NAME, "Z-1 name");
    assert_text_has(&text, &format!("尊敬的{EVIL_NAME}先生"), "Z-1 salutation");
    assert_text_has(&text, "第一行 #strong[x]", "Z-1 address line 1");
    assert_text_has(&text, "第二行 $y$", "Z-1 address line 2");
    assert_text_has(&text, "《合同 #panic()》", "Z-1 contract title");
    assert_text_has(&text, "*货款* #let z = 1", "Z-1 item");
    // The newline in the address is a line break, not a literal backslash.
    assert!(
        text.lines()
            .any(|l| squeeze(l).ends_with(&squeeze("第一行 #strong[x]"))),
        "the address should break after its first line:\n{text}"
    );
    assert_text_lacks(&text, "\\", "Z-1");

    wd.preview("evil.csv", "Z-2", "z2.pdf", &[]);
    let text = pdf_text(&wd.path("z2.pdf"));
    assert_text_has(&text, EVIL_NAME, "Z-2 name");
    assert_text_has(&text, "Line 2 #emph[y]", "Z-2 address");
    assert_text_has(&text, "_item_ \\ {{x}}", "Z-2 item");

    wd.preview("evil.csv", "Z-3", "z3.pdf", &[]);
    let text = pdf_text(&wd.path("z3.pdf"));
    assert_text_has(&text, EVIL_NAME, "Z-3 name");
    assert_text_has(&text, "= fax", "Z-3 fax");
    assert_text_has(&text, "#cc", "Z-3 cc");
    assert_text_has(&text, "re: // [x]", "Z-3 re");
}

/// The sender in the config is data too.
#[test]
fn markup_in_the_config_sender_is_printed_literally() {
    let wd = Workdir::new();
    wd.write(
        "dunning.yaml",
        "sender:\n  name: \"#panic(\\\"x\\\") *B* [y] // z\"\n  contact: \"$a$ <l>\"\n",
    )
    .write(
        "s.csv",
        format!("{HEADER}S-1,demand,zh,王五,先生,addr,,,,,,,,,x,100,0,2026-10-01,,,\n"),
    );
    wd.preview("s.csv", "S-1", "s.pdf", &[]);
    let text = pdf_text(&wd.path("s.pdf"));
    assert_text_has(&text, "#panic(\"x\") *B* [y] // z", "sender name");
    assert_text_has(&text, "联系人：$a$ <l>", "sender contact");
}

// ---------------------------------------------------------------------------------------
// 7. Font coverage
// ---------------------------------------------------------------------------------------

#[test]
fn a_character_no_font_covers_is_an_error_naming_it() {
    let wd = Workdir::with_letters();
    wd.write(
        "u.csv",
        format!(
            "{HEADER}OK-1,demand,zh,张三,先生,addr,,,,,,,,,x,100,0,2026-10-01,,,\n\
             U-1,demand,zh,张\u{20000}三,先生,addr,,,,,,,,,x,100,0,2026-10-01,,,\n"
        ),
    );
    let run = wd
        .run(&[
            "preview", "u.csv", "--id", "U-1", "--as-of", AS_OF, "-o", "u.pdf",
        ])
        .must_fail(1);
    run.stderr_has("U+20000")
        .stderr_has("u.csv:3")
        .stderr_has("name");
    assert!(!wd.exists("u.pdf"), "u.pdf written despite the error");

    // The other row is fine.
    wd.preview("u.csv", "OK-1", "ok.pdf", &[]);

    // check reports it too.
    let run = wd.run(&["check", "u.csv", "--as-of", AS_OF]).must_fail(1);
    assert!(
        run.stdout().contains("U+20000") && run.stdout().contains("u.csv:3"),
        "{}",
        run.describe()
    );
}

// ---------------------------------------------------------------------------------------
// 8. templates list / export
// ---------------------------------------------------------------------------------------

const KINDS: [&str; 5] = [
    "demand",
    "mortgage-reminder",
    "termination-mortgage",
    "termination",
    "fax-cover",
];

#[test]
fn templates_list_names_every_kind_in_both_languages() {
    let wd = Workdir::new();
    let run = wd.run(&["templates", "list"]).must_succeed();
    let out = run.stdout();
    for kind in KINDS {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(kind))
            .unwrap_or_else(|| panic!("no line for {kind}\n{}", run.describe()));
        assert!(
            line.split_whitespace().nth(1) == Some("zh,en"),
            "{kind} should be listed with zh,en: {line:?}"
        );
    }
}

#[test]
fn templates_export_writes_every_template_and_refuses_to_overwrite() {
    let wd = Workdir::new();
    wd.run(&["templates", "export", "tpl"]).must_succeed();
    let files = wd.files();
    let mut expected = vec![
        "tpl/base.typ".to_string(),
        "tpl/common/head.typ".to_string(),
    ];
    for lang in ["zh", "en"] {
        for kind in KINDS {
            expected.push(format!("tpl/{lang}/{kind}.typ"));
        }
    }
    for f in &expected {
        assert!(files.contains(f), "{f} not exported: {files:?}");
    }
    // The exported demand is the built-in one.
    assert_eq!(
        wd.read_text("tpl/zh/demand.typ"),
        include_str!("../templates/zh/demand.typ")
    );
    assert_eq!(
        wd.read_text("tpl/base.typ"),
        include_str!("../templates/base.typ")
    );

    // An edit survives a second export without --force.
    wd.write("tpl/zh/demand.typ", "edited");
    let run = wd.run(&["templates", "export", "tpl"]).must_fail(2);
    run.stderr_has("--force");
    assert_eq!(wd.read_text("tpl/zh/demand.typ"), "edited");
    assert_eq!(wd.files(), files, "a refused export changed files");

    wd.run(&["templates", "export", "tpl", "--force"])
        .must_succeed();
    assert_eq!(
        wd.read_text("tpl/zh/demand.typ"),
        include_str!("../templates/zh/demand.typ")
    );
}

// ---------------------------------------------------------------------------------------
// 9. --templates DIR overrides file by file
// ---------------------------------------------------------------------------------------

/// Exports the templates to `tpl/` and returns the text of `tpl/zh/demand.typ`.
fn export(wd: &Workdir) -> String {
    wd.run(&["templates", "export", "tpl"]).must_succeed();
    wd.read_text("tpl/zh/demand.typ")
}

#[test]
fn a_template_directory_overrides_the_builtin_file_by_file() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);
    assert!(
        demand.contains("催 款 函"),
        "the company title of zh/demand.typ has changed; update this test"
    );
    wd.write(
        "tpl/zh/demand.typ",
        demand.replace("催 款 函", "最后催款函"),
    );
    std::fs::remove_file(wd.path("tpl/zh/mortgage-reminder.typ")).expect("rm");

    wd.preview("zh.csv", "C-3001", "c.pdf", &["--templates", "tpl"]);
    let text = pdf_text(&wd.path("c.pdf"));
    assert_text_has(&text, "最后催款函", "edited demand");
    assert_text_has(&text, "15,001.38", "edited demand");

    // Without --templates the built-in title is back.
    wd.preview("zh.csv", "C-3001", "b.pdf", &[]);
    assert_text_lacks(
        &pdf_text(&wd.path("b.pdf")),
        "最后催款函",
        "built-in demand",
    );

    // The deleted template falls back to the built-in one.
    wd.preview("zh.csv", "M-0451", "m.pdf", &["--templates", "tpl"]);
    let text = pdf_text(&wd.path("m.pdf"));
    assert_text_has(&text, "催补按揭资料函", "built-in mortgage reminder");
    assert_text_has(&text, "2026年11月26日", "built-in mortgage reminder");

    // Shared files are overridden too: an edited base.typ changes every letter.
    let base = wd.read_text("tpl/base.typ");
    wd.write(
        "tpl/base.typ",
        base.replace(
            "  letterhead(sender, logo: logo, lang: lang)\n",
            "  letterhead(sender, logo: logo, lang: lang)\n  [BASE-EDITED]\n",
        ),
    );
    assert!(
        wd.read_text("tpl/base.typ").contains("BASE-EDITED"),
        "base.typ edit did not apply; update this test"
    );
    wd.preview("zh.csv", "M-0451", "m2.pdf", &["--templates", "tpl"]);
    assert_text_has(
        &pdf_text(&wd.path("m2.pdf")),
        "BASE-EDITED",
        "edited base.typ",
    );
}

#[test]
fn a_missing_template_directory_is_an_error() {
    let wd = Workdir::with_letters();
    let run = wd
        .run(&[
            "preview",
            "zh.csv",
            "--id",
            "C-3001",
            "--as-of",
            AS_OF,
            "--templates",
            "nope",
            "-o",
            "x.pdf",
        ])
        .must_fail(1);
    run.stderr_has("nope");
    assert!(!wd.exists("x.pdf"));
}

// ---------------------------------------------------------------------------------------
// 10. Template errors
// ---------------------------------------------------------------------------------------

/// Previews C-3001 (zh company demand) with `tpl/` to `x.pdf`, which must fail with exit 1
/// and write nothing.
fn broken_preview(wd: &Workdir) -> Run {
    let run = wd
        .run(&[
            "preview",
            "zh.csv",
            "--id",
            "C-3001",
            "--as-of",
            AS_OF,
            "--templates",
            "tpl",
            "-o",
            "x.pdf",
        ])
        .must_fail(1);
    assert!(!wd.exists("x.pdf"), "x.pdf written despite the error");
    assert!(
        !wd.files()
            .iter()
            .any(|f| f.ends_with(".pdf") || f.contains("x.pdf")),
        "something was written: {:?}",
        wd.files()
    );
    run
}

/// `text` with `line` inserted so that it becomes line `at` (1-based).
fn insert_line(text: &str, at: usize, line: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(at - 1, line);
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// `text` with `line` appended; returns the new text and the line's number.
fn append_line(text: &str, line: &str) -> (String, usize) {
    let n = text.lines().count() + 1;
    let mut out = text.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(line);
    out.push('\n');
    (out, n)
}

#[test]
fn a_tera_syntax_error_names_the_template_line_and_shows_it() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);
    wd.write(
        "tpl/zh/demand.typ",
        insert_line(&demand, 10, "{{ name | }}"),
    );
    let run = broken_preview(&wd);
    run.stderr_has("tpl/zh/demand.typ:10")
        .stderr_has("{{ name | }}");
}

#[test]
fn a_typst_error_at_the_end_names_the_template_line_and_typsts_message() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);
    let (text, line) = append_line(&demand, "#undefined-function()");
    wd.write("tpl/zh/demand.typ", text);
    let run = broken_preview(&wd);
    run.stderr_has(&format!("tpl/zh/demand.typ:{line}"))
        .stderr_has("unknown variable")
        .stderr_has("#undefined-function()");
}

/// After an `{% include %}` (which expands to many lines) the Typst line and the template
/// line differ; the message must give the template's.
#[test]
fn a_typst_error_after_an_include_names_the_template_line() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);
    let include = demand
        .lines()
        .position(|l| l.contains("{% include \"zh/_items.typ\" %}"))
        .expect("zh/demand.typ includes zh/_items.typ; update this test")
        + 1;
    let line = include + 2;
    wd.write(
        "tpl/zh/demand.typ",
        insert_line(&demand, line, "#undefined-function()"),
    );
    let run = broken_preview(&wd);
    run.stderr_has(&format!("tpl/zh/demand.typ:{line}:"))
        .stderr_has("unknown variable")
        .stderr_has("#undefined-function()");
}

/// An error on a template line that also holds a branch not taken (`{% else %}…`) must still
/// be located at that template line — never at a line number past the end of the file.
#[test]
fn a_typst_error_inside_a_branch_names_the_template_line() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);
    let line = demand
        .lines()
        .position(|l| l.contains("顺祝商祺！"))
        .expect("zh/demand.typ has 顺祝商祺！; update this test")
        + 1;
    wd.write(
        "tpl/zh/demand.typ",
        demand.replace("顺祝商祺！", "顺祝商祺！#undefined-company()"),
    );
    let run = broken_preview(&wd);
    run.stderr_has(&format!("tpl/zh/demand.typ:{line}:"))
        .stderr_has("unknown variable")
        .stderr_has("顺祝商祺！#undefined-company()");
}

/// An error in a partial (`zh/_items.typ`) names the partial.
#[test]
fn a_typst_error_in_an_included_partial_names_the_partial() {
    let wd = Workdir::with_letters();
    export(&wd);
    let items = wd.read_text("tpl/zh/_items.typ");
    let (text, line) = append_line(&items, "#undefined-in-items()");
    wd.write("tpl/zh/_items.typ", text);
    let run = broken_preview(&wd);
    run.stderr_has(&format!("tpl/zh/_items.typ:{line}"))
        .stderr_has("unknown variable")
        .stderr_has("#undefined-in-items()");
}

#[test]
fn package_imports_are_refused() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);
    let (text, line) = append_line(&demand, "#import \"@preview/cetz:0.3.0\"");
    wd.write("tpl/zh/demand.typ", text);
    let run = broken_preview(&wd);
    run.stderr_has("package")
        .stderr_has("not allowed")
        .stderr_has(&format!("tpl/zh/demand.typ:{line}"));
}

const SECRET: &str = "TOP-SECRET-7f3a9c";

/// Reading files outside the template directory fails and shows nothing of them.
#[test]
fn a_template_cannot_read_files_outside_its_directory() {
    let hostname = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    for (call, probe) in [
        ("#read(\"/../../../etc/passwd\")", "root:"),
        ("#read(\"../../../../../../etc/passwd\")", "root:"),
        ("#read(\"/../secret.txt\")", SECRET),
        ("#read(\"../../secret.txt\")", SECRET),
        ("#image(\"/etc/hostname\")", ""),
        ("#read(\"/etc/passwd\")", "root:"),
    ] {
        let wd = Workdir::with_letters();
        wd.write("secret.txt", SECRET);
        let demand = export(&wd);
        let (text, line) = append_line(&demand, call);
        wd.write("tpl/zh/demand.typ", text);
        let run = broken_preview(&wd);
        run.stderr_has(&format!("tpl/zh/demand.typ:{line}"));
        let err = run.stderr().to_lowercase();
        assert!(
            ["access denied", "not found", "outside", "escape"]
                .iter()
                .any(|m| err.contains(m)),
            "{call}: the message should say the file is out of reach\n{}",
            run.describe()
        );
        if !probe.is_empty() {
            run.stderr_lacks(probe);
        }
        if hostname.trim().len() >= 4 {
            run.stderr_lacks(hostname.trim());
        }
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_template_directory_is_refused() {
    for (link, call) in [
        ("tpl/evil.txt", "#read(\"/evil.txt\")"),
        ("tpl/zh/evil.txt", "#read(\"evil.txt\")"),
        ("tpl/evil.png", "#image(\"/evil.png\")"),
    ] {
        let wd = Workdir::with_letters();
        wd.write("secret.txt", SECRET);
        let demand = export(&wd);
        std::os::unix::fs::symlink(wd.path("secret.txt"), wd.path(link)).expect("symlink");
        let (text, line) = append_line(&demand, call);
        wd.write("tpl/zh/demand.typ", text);
        let run = broken_preview(&wd);
        run.stderr_has(&format!("tpl/zh/demand.typ:{line}"))
            .stderr_lacks(SECRET);
        assert!(
            run.stderr().to_lowercase().contains("access denied"),
            "{call}: the message should say access denied\n{}",
            run.describe()
        );
    }
    // A symlinked directory leading out is refused as well.
    let wd = Workdir::with_letters();
    wd.write("outside/secret.txt", SECRET);
    let demand = export(&wd);
    std::os::unix::fs::symlink(wd.path("outside"), wd.path("tpl/out")).expect("symlink");
    let (text, _) = append_line(&demand, "#read(\"/out/secret.txt\")");
    wd.write("tpl/zh/demand.typ", text);
    broken_preview(&wd).stderr_lacks(SECRET);
}

/// A file inside the template directory can be read (the sandbox is not "nothing at all").
#[test]
fn a_template_can_read_files_inside_its_directory() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);
    wd.write("tpl/notes/extra.txt", "INSIDE-THE-SANDBOX");
    let (text, _) = append_line(&demand, "#read(\"/notes/extra.txt\")");
    wd.write("tpl/zh/demand.typ", text);
    wd.preview("zh.csv", "C-3001", "x.pdf", &["--templates", "tpl"]);
    assert_text_has(
        &pdf_text(&wd.path("x.pdf")),
        "INSIDE-THE-SANDBOX",
        "read inside tpl/",
    );
}

// ---------------------------------------------------------------------------------------
// 11. init
// ---------------------------------------------------------------------------------------

#[test]
fn init_creates_a_folder_to_start_from() {
    let wd = Workdir::new();
    let run = wd.run(&["init", "start"]).must_succeed();
    for f in [
        "start/debtors.csv",
        "start/debtors.yaml",
        "start/dunning.yaml",
        "start/templates/base.typ",
        "start/templates/common/head.typ",
        "start/templates/zh/demand.typ",
        "start/templates/en/demand.typ",
    ] {
        assert!(wd.exists(f), "{f} missing: {:?}", wd.files());
    }
    let said = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        said.contains("preview") && said.contains("start"),
        "init should print the next steps\n{}",
        run.describe()
    );

    // Not again into a folder that is no longer empty; nothing changes.
    let before = wd.files();
    wd.write("start/debtors.csv.keep", "");
    wd.run(&["init", "start"]).must_fail(2);
    let mut after = wd.files();
    after.retain(|f| f != "start/debtors.csv.keep");
    assert_eq!(before, after);

    // The generated folder works as it is.
    wd.run_in(
        "start",
        &[
            "preview",
            "debtors.csv",
            "--id",
            "HT-2026-0012",
            "--templates",
            "templates",
            "-o",
            "l.pdf",
            "--as-of",
            AS_OF,
        ],
    )
    .must_succeed();
    let config = wd.read_text("start/dunning.yaml");
    let sender = config
        .lines()
        .skip_while(|l| !l.starts_with("sender:"))
        .find_map(|l| l.trim().strip_prefix("name:"))
        .map(|n| {
            n.split(" #")
                .next()
                .unwrap_or(n)
                .trim()
                .trim_matches('"')
                .to_string()
        })
        .expect("the generated dunning.yaml names a sender");
    assert!(!sender.is_empty());
    let text = pdf_text(&wd.path("start/l.pdf"));
    assert_text_has(&text, &sender, "init's sample letter");
    assert_text_has(&text, "壹万陆仟肆佰零玖元零贰分", "init's sample letter");

    // The generated data passes check.
    wd.run_in(
        "start",
        &[
            "check",
            "debtors.csv",
            "--templates",
            "templates",
            "--as-of",
            AS_OF,
        ],
    )
    .must_succeed();
}

// ---------------------------------------------------------------------------------------
// 12. check and templates
// ---------------------------------------------------------------------------------------

#[test]
fn check_reports_a_broken_template_and_exits_1() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);

    wd.write(
        "tpl/zh/demand.typ",
        insert_line(&demand, 10, "{{ name | }}"),
    );
    let run = wd
        .run(&["check", "zh.csv", "--templates", "tpl", "--as-of", AS_OF])
        .must_fail(1);
    assert!(
        run.stdout().contains("tpl/zh/demand.typ:10"),
        "{}",
        run.describe()
    );

    let (text, line) = append_line(&demand, "#undefined-function()");
    wd.write("tpl/zh/demand.typ", text);
    let run = wd
        .run(&["check", "zh.csv", "--templates", "tpl", "--as-of", AS_OF])
        .must_fail(1);
    assert!(
        run.stdout().contains(&format!("tpl/zh/demand.typ:{line}"))
            && run.stdout().contains("unknown variable"),
        "{}",
        run.describe()
    );

    // Fixed again: check passes.
    wd.write("tpl/zh/demand.typ", &demand);
    wd.run(&["check", "zh.csv", "--templates", "tpl", "--as-of", AS_OF])
        .must_succeed();
}

/// SPEC 7: `check` prints template problems as `TEMPLATE:LINE:COL: message`.
#[test]
fn check_prints_template_problems_as_template_line_col() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);
    // `{{ name | }}`: Tera expects a filter name at column 11.
    wd.write(
        "tpl/zh/demand.typ",
        insert_line(&demand, 10, "{{ name | }}"),
    );
    let run = wd
        .run(&["check", "zh.csv", "--templates", "tpl", "--as-of", AS_OF])
        .must_fail(1);
    assert!(
        run.stdout().contains("tpl/zh/demand.typ:10:11: "),
        "expected `tpl/zh/demand.typ:10:11: message`\n{}",
        run.describe()
    );
    // `#undefined-function()` appended: Typst points at column 2.
    let (text, line) = append_line(&demand, "#undefined-function()");
    wd.write("tpl/zh/demand.typ", text);
    let run = wd
        .run(&["check", "zh.csv", "--templates", "tpl", "--as-of", AS_OF])
        .must_fail(1);
    assert!(
        run.stdout()
            .contains(&format!("tpl/zh/demand.typ:{line}:2: ")),
        "expected `tpl/zh/demand.typ:{line}:2: message`\n{}",
        run.describe()
    );
}

/// A template error only company letters reach (the `is_company` branch) is still found
/// by `check` when the data holds a company letter, even after a person's letter of the
/// same kind and language.
#[test]
fn check_finds_a_template_error_in_a_branch_only_some_letters_take() {
    let wd = Workdir::with_letters();
    let demand = export(&wd);
    wd.write(
        "tpl/zh/demand.typ",
        demand.replace("顺祝商祺！", "顺祝商祺！#undefined-company()"),
    );
    // preview of the company letter fails…
    broken_preview(&wd);
    // …so check of data holding it must not say "no problems".
    let run = wd.run(&["check", "zh.csv", "--templates", "tpl", "--as-of", AS_OF]);
    assert_eq!(
        run.code(),
        Some(1),
        "check must report the error preview of C-3001 hits\n{}",
        run.describe()
    );
    assert!(
        run.stdout().contains("zh/demand.typ") && run.stdout().contains("undefined-company"),
        "{}",
        run.describe()
    );
}

#[test]
fn check_on_the_sample_data_with_builtin_templates_passes() {
    let wd = Workdir::new();
    wd.write("debtors.csv", include_str!("../samples/debtors.csv"))
        .write("dunning.yaml", include_str!("../samples/dunning.yaml"));
    let run = wd
        .run(&["check", "debtors.csv", "--as-of", AS_OF])
        .must_succeed();
    assert!(run.stdout().contains("no problems"), "{}", run.describe());

    // And every sample letter renders.
    let ids: Vec<String> = include_str!("../samples/debtors.csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for id in ids.iter().filter(|id| seen.insert(id.to_string())) {
        let out = format!("{id}.pdf");
        wd.preview("debtors.csv", id, &out, &[]);
        assert!(pdf_pages(&wd.path(&out)) >= 1);
        let text = pdf_text(&wd.path(&out));
        assert!(
            squeeze(&text).chars().count() > 300,
            "{id}: little text\n{text}"
        );
        assert_text_has(&text, "2026", id);
    }
}
