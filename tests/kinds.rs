//! End-to-end tests of the later letter kinds (SPEC 6): `reminder`, `statement`,
//! `lawyer-letter`, and the acknowledgement slip (回执) `--with-receipt` appends to any letter.
//! Like `tests/letters.rs`, every test renders real PDFs in a fresh directory and reads them
//! back in Rust (`common::pdf_text`, `pdf_page_text`, `pdf_pages`): no PDF tool is needed.
//!
//! All letters are dated `--as-of 2026-11-23` (a Monday). Deadlines: 3 working days (Thu
//! 2026-11-26) by default; `statement` 15 days (Tue 2026-12-08, the reply date);
//! `lawyer-letter` 7 days (Mon 2026-11-30). Fees: 0.05% a day, no grace days.
//!
//! Text is searched with every whitespace character removed from both sides (see
//! `common::squeeze`): Chinese lines and table cells break anywhere.

mod common;

use common::*;

// ---------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------

impl Workdir {
    /// A work directory holding `kinds.yaml`, `zh.csv`, `en.csv` and `dunning.yaml`.
    fn with_kinds() -> Workdir {
        let wd = Workdir::new();
        wd.write("kinds.yaml", KINDS_YAML)
            .write("zh.csv", ZH_CSV)
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

    /// Renders one letter to `out` and returns its text and page count.
    fn letter(&self, data: &str, id: &str, out: &str, extra: &[&str]) -> (String, usize) {
        self.preview(data, id, out, extra);
        let path = self.path(out);
        (pdf_text(&path), pdf_pages(&path))
    }
}

const SENDER_ZH: &str = "测试华信置业有限公司";
const SENDER_EN: &str = "Testing Huaxin Realty Ltd";
const FIRM_ZH: &str = "测试衡正律师事务所";
const FIRM_EN: &str = "Testing Hengzheng Law Firm";

/// Its own sender and law firm names, so a name printed in a letter can only come from here.
const CONFIG: &str = "\
lang: zh
sender:
  name: 测试华信置业有限公司
  address: 北京市朝阳区光华路8号
  postcode: \"100020\"
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
lawyer:
  firm: 测试衡正律师事务所
  lawyers: 王明、赵雪
  address: 北京市东城区东长安街1号
  postcode: \"100738\"
  phone: 010-8520 6600
  fax: 010-8520 6601
  en:
    firm: Testing Hengzheng Law Firm
    lawyers: Wang Ming and Zhao Xue
    address: 1 East Chang'an Avenue, Beijing
fees:
  method: daily
  rate: 0.0005
  grace_days: 0
  flat: 0
deadline: { workdays: 3 }
calendar: cn
kinds:
  fax-cover: { deadline: { workdays: 5 } }
  statement: { deadline: { days: 15 } }
  lawyer-letter: { deadline: { days: 7 } }
";

/// The same config without a `lawyer:` block.
fn config_without_firm() -> String {
    let start = CONFIG.find("lawyer:").expect("lawyer block");
    let end = CONFIG.find("fees:").expect("fees block");
    format!("{}{}", &CONFIG[..start], &CONFIG[end..])
}

/// The letters of the new kinds (YAML, for the dated payments).
///
/// - R-1 (person): 50000.00 due Thu 2026-11-26, 3 days ahead.
/// - R-2 (company): 18000.00 due 2026-11-27 (4 days) and 18000.00 due 2026-12-28 (35 days).
/// - R-3 (person, already overdue): 16409.02 due 2026-09-30, 54 days, fee 443.04.
/// - S-1 (company): 30000.00 due 06-30, 25000.00 due 08-31, 20000.00 due 10-31; paid
///   30000.00 on 06-28, 10000.00 on 09-15, 8000.00 on 10-20. Item 2: 25000 × 15 d + 15000 ×
///   35 d + 7000 × 34 d at 0.05% = 187.50 + 262.50 + 119.00 = 569.00; item 3: 20000 × 23 d =
///   230.00. Outstanding 27000.00, fee 799.00, total 27799.00.
/// - S-2 (company): 1000.00 with 200.00 paid at the start, due 09-30; 500.00 due 12-30;
///   300.00 paid on 10-15 and 100.00 on 12-01 (after as_of: listed, not counted).
/// - S-3 (person): no payments at all.
/// - L-1 (company): 86400.00 due 07-31 (115 d: 4968.00); 43250.00 − 10000.00 due 08-31
///   (84 d: 1396.50). Outstanding 119650.00, fee 6364.50, total 126014.50.
/// - ES-1 (company): 24800.00 due 07-15 paid 07-30 (15 d: 186.00); 16350.00 due 09-15, 6000.00
///   paid 10-05 (16350 × 20 d + 10350 × 49 d = 163.50 + 253.575 → 417.08). Outstanding
///   10350.00, fee 603.08, total 10953.08.
/// - EL-1 (person): 150000.00 due 08-28, 87 days, fee 6525.00, total 156525.00.
/// - ER-1 (person) / ER-2 (company): as R-1 / R-2, in English.
const KINDS_YAML: &str = r#"
- id: R-1
  kind: reminder
  name: 孙丽
  title: 女士
  address: 北京市朝阳区望京街10号
  contract_title: 《商品房买卖合同》
  contract_no: HT-2026-0501
  contract_date: 2025-12-08
  property: 6号楼2单元1502室
  item: 第三期房款
  amount_due: "50,000.00"
  due_date: 2026-11-26
- id: R-2
  kind: reminder
  name: 苏州恒通机械有限公司
  address: 苏州市工业园区星湖街328号
  contract_title: 《设备采购合同》
  contract_no: HT-2026-088
  items:
    - { item: 第三期设备款, amount_due: "18,000.00", due_date: 2026-11-27 }
    - { item: 第四期设备款, amount_due: "18,000.00", due_date: 2026-12-28 }
- id: R-3
  kind: reminder
  name: 张伟
  title: 先生
  contract_title: 《商品房买卖合同》
  item: 第二期房款
  amount_due: "16,409.02"
  due_date: 2026-09-30
- id: S-1
  kind: statement
  name: 苏州恒通机械有限公司
  address: 苏州市工业园区星湖街328号
  contract_title: 《设备采购合同》
  contract_no: HT-2026-088
  contract_date: 2026-03-16
  items:
    - { item: 第一批设备款, amount_due: "30,000.00", due_date: 2026-06-30 }
    - { item: 第二批设备款, amount_due: "25,000.00", due_date: 2026-08-31 }
    - { item: 第三批设备款, amount_due: "20,000.00", due_date: 2026-10-31 }
  payments:
    - { date: 2026-06-28, amount: "30,000.00" }
    - { date: 2026-09-15, amount: "10,000.00" }
    - { date: 2026-10-20, amount: "8,000.00" }
- id: S-2
  kind: statement
  name: 杭州明远电子有限公司
  items:
    - { item: 货款甲, amount_due: "1,000.00", amount_paid: "200.00", due_date: 2026-09-30 }
    - { item: 货款乙, amount_due: "500.00", due_date: 2026-12-30 }
  payments:
    - { date: 2026-10-15, amount: "300.00" }
    - { date: 2026-12-01, amount: "100.00" }
- id: S-3
  kind: statement
  name: 陈静
  title: 女士
  item: 首付款余款
  amount_due: "85,000.00"
  amount_paid: "20,000.00"
  due_date: 2026-07-15
- id: L-1
  kind: lawyer-letter
  name: 天津宏远建设工程有限公司
  address: 天津市河西区友谊路35号
  contract_title: 《钢材供货合同》
  contract_no: GC-2026-019
  contract_date: 2026-02-25
  items:
    - { item: 钢材货款（发票号 00020117）, amount_due: "86,400.00", due_date: 2026-07-31 }
    - { item: 钢材货款（发票号 00020163）, amount_due: "43,250.00", amount_paid: "10,000.00", due_date: 2026-08-31 }
- id: ER-1
  kind: reminder
  lang: en
  name: Mr Kenneth Lau
  title: Mr
  address: 18 Broadwood Road, Happy Valley
  contract_title: Sale and Purchase Agreement
  contract_no: SPA-2026-063
  item: Third instalment
  amount_due: "50,000.00"
  due_date: 2026-11-26
- id: ER-2
  kind: reminder
  lang: en
  name: Harbour Lights Catering Ltd
  address: 25 Harbour Road, Wan Chai
  contract_title: Supply Agreement
  contract_no: CE-2026-071
  items:
    - { item: Instalment 3 of 4, amount_due: "18,000.00", due_date: 2026-11-27 }
    - { item: Instalment 4 of 4, amount_due: "18,000.00", due_date: 2026-12-28 }
- id: ES-1
  kind: statement
  lang: en
  name: Kowloon Bay Electronics Ltd
  address: 9 Sheung Yuet Road, Kowloon Bay
  contract_title: Distribution Agreement
  contract_no: DA-2026-014
  contract_date: 2026-01-12
  items:
    - { item: Invoice 2026-0412, amount_due: "24,800.00", due_date: 2026-07-15 }
    - { item: Invoice 2026-0587, amount_due: "16,350.00", due_date: 2026-09-15 }
  payments:
    - { date: 2026-07-30, amount: "24,800.00" }
    - { date: 2026-10-05, amount: "6,000.00" }
- id: EL-1
  kind: lawyer-letter
  lang: en
  name: Mr Kenneth Lau
  title: Mr
  address: 18 Broadwood Road, Happy Valley
  contract_title: Sale and Purchase Agreement
  contract_no: SPA-2026-063
  contract_date: 2026-03-28
  property: Flat 3C, Tower 5
  item: Third instalment
  amount_due: "150,000.00"
  due_date: 2026-08-28
"#;

/// One letter of each older kind, to which the receipt is appended (as in tests/letters.rs).
const ZH_CSV: &str = concat!(
    "id,kind,lang,name,title,address,postcode,phone,fax,contract_title,contract_no,their_contract_no,contract_date,property,item,amount_due,amount_paid,due_date,documents_due,cc,re\n",
    "HT-2026-0012,demand,zh,张伟,先生,北京市朝阳区建国路88号,100022,13800138000,,《商品房买卖合同》,HT-2026-0012,,2025-06-18,3号楼2单元1201室,第二期房款,\"16,409.02\",0,2026-09-30,,,\n",
    "C-3001,demand,zh,上海星辰贸易有限公司,,上海市浦东新区世纪大道100号,200120,021-68880001,021-68880002,《购销合同》,GX-2026-031,,2026-03-02,,货款,\"12,000.00\",\"5,000.00\",2026-08-15,,,\n",
    "M-0451,mortgage-reminder,zh,王芳,女士,北京市海淀区中关村大街27号,100080,13911112222,,《商品房买卖合同》,HT-2026-0451,,2026-07-01,5号楼1单元602室,,,,,2026-10-31,,\n",
    "M-0452,termination-mortgage,zh,刘强,先生,北京市丰台区南四环西路186号,100070,13622223333,,《商品房买卖合同》,HT-2026-0452,,2026-05-10,7号楼3单元901室,,,,,2026-08-31,,\n",
    "T-0453,termination,zh,陈静,女士,北京市东城区东直门南大街5号,100007,13733334444,,《商品房买卖合同》,HT-2026-0453,,2025-12-20,2号楼1单元303室,首付款余款,\"85,000.00\",\"20,000.00\",2026-07-15,,,\n",
    "F-7001,fax-cover,zh,广州南方建材有限公司,,广州市天河区天河路385号,510620,020-38880000,020-38880001,《建材供货合同》,NF-2026-007,GF-2026-118,2026-01-08,,货款,\"48,300.00\",\"30,000.00\",2026-09-01,,财务部 李经理,关于支付拖欠货款的函\n",
);

const EN_CSV: &str = concat!(
    "id,kind,lang,name,title,address,postcode,phone,fax,contract_title,contract_no,their_contract_no,contract_date,property,item,amount_due,amount_paid,due_date,documents_due,cc,re\n",
    "EP-1,demand,en,Mr John Smith,Mr,\"1 High Street, Central\",,+852 1111 2222,,Sale and Purchase Agreement,SPA-1,,2025-06-18,\"Flat 1A, Tower 1\",Second instalment,\"16,409.02\",0,2026-09-30,,,\n",
    "EM-1,mortgage-reminder,en,Ms Emily Chan,Ms,3 Robinson Road,,+852 9876 5432,,Sale and Purchase Agreement,SPA-51,,2026-07-01,\"Flat 12A, Tower 1\",,,,,2026-10-31,,\n",
    "ETM-1,termination-mortgage,en,Mr Thomas Wong,Mr,22 Kent Road,,+852 9345 6789,,Sale and Purchase Agreement,SPA-52,,2026-05-10,\"Flat 8C, Tower 3\",,,,,2026-08-31,,\n",
    "ET-1,termination,en,Ms Grace Lee,Ms,5 Harbour Road,,+852 9123 4567,,Sale and Purchase Agreement,SPA-44,,2025-12-20,\"Flat 6B, Tower 2\",Balance of deposit,\"85,000.00\",\"20,000.00\",2026-07-15,,,\n",
    "EF-1,fax-cover,en,Pacific Rim Supplies Ltd,,9 Queen's Road Central,,+852 2811 2000,+852 2811 2001,Supply Agreement,PR-033,PO-88231,2026-01-08,,Goods,\"48,300.00\",\"30,000.00\",2026-09-01,,Accounts Payable,Overdue payment PR-033\n",
);

/// Asserts that `text` contains every needle.
#[track_caller]
fn has_all(text: &str, needles: &[&str], what: &str) {
    for n in needles {
        assert_text_has(text, n, what);
    }
}

/// Asserts that `text` contains none of the needles.
#[track_caller]
fn has_none(text: &str, needles: &[&str], what: &str) {
    for n in needles {
        assert_text_lacks(text, n, what);
    }
}

/// Punctuation left behind by an empty optional field (searched without whitespace).
const BROKEN_ZH: [&str; 6] = ["（）", "（：", "：）", "，，", "。。", "：。"];

/// The same for English, where spaces matter: searched with whitespace runs as one space.
#[track_caller]
fn no_broken_en(text: &str, what: &str) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for bad in ["()", "( )", " ,", ",,", " .", "..", ", ."] {
        assert!(
            !text.contains(bad),
            "{what}: broken punctuation {bad:?} in\n{text}"
        );
    }
}

/// Drops the page footer (第 1 页 共 2 页 / Page 1 of 2) and the fax's own page count,
/// which change when a page is added.
fn without_page_numbers(text: &str) -> String {
    let mut t = squeeze(text);
    for n in 1..10 {
        for pattern in [
            format!("第{n}页"),
            format!("共{n}页"),
            format!("Page{n}"),
            format!("of{n}"),
            format!("{n}（含本页）"),
            format!("{n}(includingthispage)"),
        ] {
            t = t.replace(&pattern, "");
        }
    }
    t
}

// ---------------------------------------------------------------------------------------
// 1. reminder
// ---------------------------------------------------------------------------------------

#[test]
fn zh_reminder_to_a_person_names_the_instalment_amount_and_due_date() {
    let wd = Workdir::with_kinds();
    let (text, pages) = wd.letter("kinds.yaml", "R-1", "r.pdf", &[]);
    assert_eq!(pages, 1, "{text}");
    has_all(
        &text,
        &[
            "温馨提示函",
            "R-1",
            "尊敬的孙丽女士",
            SENDER_ZH,
            "2026年11月23日",
            "《商品房买卖合同》",
            "HT-2026-0501",
            "6号楼2单元1502室",
            "第三期房款",
            "50,000.00",
            "伍万元整",
            "将于2026年11月26日到期",
            "还有3天",
            "0200 0012 3456 7890 123",
            "中国工商银行北京光华路支行",
            "请忽略本函",
            "李明",
            "010-6588 1234",
        ],
        "R-1",
    );
    // Friendly, not a demand: no fee accrued, no threat, no deadline of its own.
    has_none(
        &text,
        &[
            "违约金累计",
            "已产生违约金",
            "诉讼",
            "解除",
            "2026年11月26日前",
        ],
        "R-1",
    );
    has_none(&text, &BROKEN_ZH, "R-1");
}

#[test]
fn zh_reminder_to_a_company_lists_every_instalment_not_yet_due() {
    let wd = Workdir::with_kinds();
    let (text, pages) = wd.letter("kinds.yaml", "R-2", "r.pdf", &[]);
    assert_eq!(pages, 1, "{text}");
    has_all(
        &text,
        &[
            "付款提醒函",
            "贵司",
            "第三期设备款",
            "2026-11-27",
            "4天后到期",
            "第四期设备款",
            "2026-12-28",
            "35天后到期",
            "36,000.00",
            "叁万陆仟元整",
            "最近一期将于2026年11月27日到期",
        ],
        "R-2",
    );
    has_none(&text, &["已逾期", "温馨提示函"], "R-2");
}

#[test]
fn zh_reminder_on_an_overdue_row_states_the_fee_and_total() {
    let wd = Workdir::with_kinds();
    let (text, _) = wd.letter("kinds.yaml", "R-3", "r.pdf", &[]);
    has_all(
        &text,
        &[
            "已于2026年9月30日到期",
            "16,409.02",
            "443.04",
            "8.20",
            "16,852.06",
            "壹万陆仟捌佰伍拾贰元零陆分",
        ],
        "R-3",
    );
    has_none(&text, &["即将到期", "还有"], "R-3");
}

#[test]
fn en_reminder_to_a_person_and_to_a_company() {
    let wd = Workdir::with_kinds();
    let (text, pages) = wd.letter("kinds.yaml", "ER-1", "p.pdf", &[]);
    assert_eq!(pages, 1, "{text}");
    has_all(
        &text,
        &[
            "Payment reminder",
            "Our ref ER-1",
            "Dear Mr Lau",
            SENDER_EN,
            "23 November 2026",
            "SPA-2026-063",
            "RMB 50,000.00",
            "fifty thousand yuan",
            "Third instalment",
            "falls due on 26 November 2026",
            "in 3 days",
            "ICBC Beijing Guanghua Road Branch",
            "please disregard this reminder",
        ],
        "ER-1",
    );
    has_none(
        &text,
        &["2026年", SENDER_ZH, "proceedings", "has accrued"],
        "ER-1",
    );
    no_broken_en(&text, "ER-1");

    let (text, _) = wd.letter("kinds.yaml", "ER-2", "c.pdf", &[]);
    has_all(
        &text,
        &[
            "Dear Sir or Madam",
            "Instalment 3 of 4",
            "due in 4 days",
            "Instalment 4 of 4",
            "due in 35 days",
            "36,000.00",
            "thirty-six thousand yuan",
            "27 November 2026",
        ],
        "ER-2",
    );
}

// ---------------------------------------------------------------------------------------
// 2. statement
// ---------------------------------------------------------------------------------------

#[test]
fn zh_statement_lists_every_item_and_payment_and_the_balance_with_a_reply_form() {
    let wd = Workdir::with_kinds();
    let (text, pages) = wd.letter("kinds.yaml", "S-1", "s.pdf", &[]);
    assert_eq!(pages, 3, "the statement and its reply form\n{text}");
    let first = pdf_page_text(&wd.path("s.pdf"), 1);
    has_all(
        &first,
        &[
            "往来款项对账函",
            "S-1",
            "《设备采购合同》",
            "HT-2026-088",
            // Every item, the fully paid one too: due date, due, paid, outstanding, fee.
            "第一批设备款",
            "2026-06-30",
            "30,000.00",
            "第二批设备款",
            "2026-08-31",
            "25,000.00",
            "18,000.00",
            "7,000.00",
            "569.00",
            "第三批设备款",
            "2026-10-31",
            "20,000.00",
            "230.00",
            // The totals of the item table.
            "75,000.00",
            "48,000.00",
            "27,000.00",
            "799.00",
            // Every payment, and their total.
            "2026-06-28",
            "2026-09-15",
            "10,000.00",
            "2026-10-20",
            "8,000.00",
            // The balance at as_of, in figures and words.
            "截至2026年11月23日",
            "贰万柒仟元整",
            "27,799.00",
            "贰万柒仟柒佰玖拾玖元整",
            // Reply by the statement's deadline, else deemed confirmed; what signing means.
            "2026年12月8日前",
            "未收到贵司书面异议的",
            "视为贵司对上述账目无异议",
            "书面确认",
            "盖章",
        ],
        "S-1 page 1",
    );
    let last = pdf_page_text(&wd.path("s.pdf"), pages);
    has_all(
        &last,
        &[
            "对账确认回函",
            "S-1",
            SENDER_ZH,
            "苏州恒通机械有限公司",
            "核对无误",
            "数据不符及需说明事项",
            "27,000.00",
            "27,799.00",
            "2026年12月8日",
            "单位（盖章）",
            "北京市朝阳区光华路8号",
            "010-6588 1234",
        ],
        "S-1 reply form",
    );
    has_none(&text, &BROKEN_ZH, "S-1");
}

#[test]
fn zh_statement_counts_payments_to_as_of_only_and_shows_amounts_paid_at_the_start() {
    let wd = Workdir::with_kinds();
    let (text, _) = wd.letter("kinds.yaml", "S-2", "s.pdf", &[]);
    let text = squeeze(&text);
    // Both payments are listed; the one after as_of is marked and left out of the total.
    has_all(
        &text,
        &[
            "2026-10-15",
            "2026-12-01",
            "100.00",
            "对账截止日后收到，未计入本函",
            "合计300.00",
            "另含此前已付款项人民币200.00元",
            // Item 甲: 200 + 300 paid, 500 outstanding; 乙 not yet due.
            "货款甲2026-09-301,000.00500.00500.00",
            "货款乙2026-12-30500.000.00500.00—0.00",
        ],
        "S-2",
    );
}

#[test]
fn zh_statement_to_a_person_without_payments() {
    let wd = Workdir::with_kinds();
    let (text, pages) = wd.letter("kinds.yaml", "S-3", "s.pdf", &[]);
    assert_eq!(pages, 2, "{text}");
    has_all(
        &text,
        &[
            "对账函",
            "尊敬的陈静女士",
            "首付款余款",
            "85,000.00",
            "20,000.00",
            "65,000.00",
            "陆万伍仟元整",
            "4,257.50",
            "已收到您付款人民币20,000.00元",
            "本人（签名）",
        ],
        "S-3",
    );
    has_none(&text, &["贵司", "单位（盖章）", "往来款项对账函"], "S-3");
    has_none(&text, &BROKEN_ZH, "S-3");
}

#[test]
fn en_statement_lists_every_item_and_payment_and_the_balance_with_a_reply_form() {
    let wd = Workdir::with_kinds();
    let (text, pages) = wd.letter("kinds.yaml", "ES-1", "s.pdf", &[]);
    assert_eq!(pages, 3, "{text}");
    has_all(
        &pdf_page_text(&wd.path("s.pdf"), 1),
        &[
            "Statement of account as at 23 November 2026",
            "Our ref ES-1",
            "DA-2026-014",
            "Invoice 2026-0412",
            "2026-07-15",
            "24,800.00",
            "186.00",
            "Invoice 2026-0587",
            "2026-09-15",
            "16,350.00",
            "6,000.00",
            "10,350.00",
            "417.08",
            "41,150.00",
            "30,800.00",
            "603.08",
            "2026-07-30",
            "2026-10-05",
            "RMB 10,953.08",
            "ten thousand nine hundred and fifty-three yuan and eight fen",
            "by 8 December 2026",
            "no written objection",
            "written acknowledgement",
        ],
        "ES-1 page 1",
    );
    has_all(
        &pdf_page_text(&wd.path("s.pdf"), pages),
        &[
            "Confirmation of Balance",
            "Kowloon Bay Electronics Ltd",
            "The statement is correct",
            "does not agree",
            "10,953.08",
            "8 December 2026",
            "Please return to",
            SENDER_EN,
        ],
        "ES-1 reply form",
    );
    has_none(&text, &["2026年", SENDER_ZH], "ES-1");
    no_broken_en(&text, "ES-1");
}

// ---------------------------------------------------------------------------------------
// 3. lawyer-letter
// ---------------------------------------------------------------------------------------

#[test]
fn zh_lawyer_letter_is_issued_by_the_firm_for_the_sender() {
    let wd = Workdir::with_kinds();
    let (text, pages) = wd.letter("kinds.yaml", "L-1", "l.pdf", &[]);
    assert_eq!(pages, 2, "{text}");
    has_all(
        &text,
        &[
            "律师函",
            "L-1",
            FIRM_ZH,
            "北京市东城区东长安街1号",
            "010-8520 6600",
            "（以下简称“本所”）接受测试华信置业有限公司（以下简称“委托人”）的委托",
            "指派王明、赵雪律师",
            "《钢材供货合同》",
            "GC-2026-019",
            "2026年2月25日",
            "钢材货款（发票号 00020117）",
            "86,400.00",
            "4,968.00",
            "钢材货款（发票号 00020163）",
            "33,250.00",
            "1,396.50",
            "119,650.00",
            "壹拾壹万玖仟陆佰伍拾元整",
            "6,364.50",
            "59.83",
            "第五百零九条",
            "第五百七十七条",
            "第五百八十五条",
            "2026年11月30日前",
            "126,014.50",
            "壹拾贰万陆仟零壹拾肆元伍角",
            "提起诉讼",
            "（律师事务所盖章）",
            "承办律师：王明、赵雪律师",
        ],
        "L-1",
    );
    has_none(&text, &["律师律师", "2026年11月26日"], "L-1");
    has_none(&text, &BROKEN_ZH, "L-1");
}

#[test]
fn en_lawyer_letter_is_issued_by_the_firm_for_the_sender() {
    let wd = Workdir::with_kinds();
    let (text, pages) = wd.letter("kinds.yaml", "EL-1", "l.pdf", &[]);
    assert_eq!(pages, 2, "{text}");
    has_all(
        &text,
        &[
            "Letter before action",
            "Our ref EL-1",
            FIRM_EN,
            "1 East Chang'an Avenue, Beijing",
            "We act for Testing Huaxin Realty Ltd",
            "Dear Mr Lau",
            "SPA-2026-063",
            "28 March 2026",
            "Third instalment",
            "150,000.00",
            "one hundred and fifty thousand yuan",
            "6,525.00",
            "RMB 75.00 a day",
            "Article 509",
            "Article 577",
            "Article 585",
            "RMB 156,525.00",
            "by 30 November 2026",
            "issue proceedings",
            "Wang Ming and Zhao Xue",
            "seal of the firm",
            "Yours sincerely",
        ],
        "EL-1",
    );
    has_none(&text, &["2026年", SENDER_ZH, FIRM_ZH], "EL-1");
    no_broken_en(&text, "EL-1");
}

#[test]
fn a_lawyer_letter_without_a_configured_firm_still_reads_cleanly() {
    let wd = Workdir::with_kinds();
    wd.write("nofirm.yaml", config_without_firm());
    let (text, _) = wd.letter("kinds.yaml", "L-1", "zh.pdf", &["--config", "nofirm.yaml"]);
    has_all(
        &text,
        &[
            "律师函",
            SENDER_ZH,
            "本律师接受测试华信置业有限公司",
            "律师（签名）",
            "126,014.50",
        ],
        "L-1 without a firm",
    );
    has_none(&text, &["本所", "事务所", "律师律师"], "L-1 without a firm");
    has_none(&text, &BROKEN_ZH, "L-1 without a firm");

    let (text, _) = wd.letter("kinds.yaml", "EL-1", "en.pdf", &["--config", "nofirm.yaml"]);
    has_all(
        &text,
        &[SENDER_EN, "We act for", "Signed:", "RMB 156,525.00"],
        "EL-1 without a firm",
    );
    has_none(&text, &["Law Firm", "of the firm"], "EL-1 without a firm");
    no_broken_en(&text, "EL-1 without a firm");
}

#[test]
fn lawyers_already_called_lawyers_are_not_called_so_twice() {
    let wd = Workdir::with_kinds();
    wd.write("dunning.yaml", CONFIG.replace("王明、赵雪", "王明律师"));
    let (text, _) = wd.letter("kinds.yaml", "L-1", "l.pdf", &[]);
    has_all(&text, &["指派王明律师，", "承办律师：王明律师"], "L-1");
    assert_text_lacks(&text, "律师律师", "L-1");
}

// ---------------------------------------------------------------------------------------
// 4. The acknowledgement slip (--with-receipt)
// ---------------------------------------------------------------------------------------

/// Every kind in both languages: (data, id, kind, the letter's title as the slip names it).
const RECEIPTS: [(&str, &str, &str, &str); 17] = [
    ("zh.csv", "HT-2026-0012", "demand", "《催款通知书》"),
    ("zh.csv", "C-3001", "demand", "《催款函》"),
    (
        "zh.csv",
        "M-0451",
        "mortgage-reminder",
        "《催补按揭资料函》",
    ),
    (
        "zh.csv",
        "M-0452",
        "termination-mortgage",
        "《终止合同通知书》",
    ),
    ("zh.csv", "T-0453", "termination", "《终止合同通知书》"),
    ("zh.csv", "F-7001", "fax-cover", "《传真》"),
    ("kinds.yaml", "R-1", "reminder", "《温馨提示函》"),
    ("kinds.yaml", "S-1", "statement", "《往来款项对账函》"),
    ("kinds.yaml", "L-1", "lawyer-letter", "《律师函》"),
    ("en.csv", "EP-1", "demand", "payment demand"),
    ("en.csv", "EM-1", "mortgage-reminder", "mortgage documents"),
    (
        "en.csv",
        "ETM-1",
        "termination-mortgage",
        "notice of termination",
    ),
    ("en.csv", "ET-1", "termination", "notice of termination"),
    ("en.csv", "EF-1", "fax-cover", "your fax"),
    ("kinds.yaml", "ER-2", "reminder", "payment reminder"),
    ("kinds.yaml", "ES-1", "statement", "statement of account"),
    (
        "kinds.yaml",
        "EL-1",
        "lawyer-letter",
        "letter before action",
    ),
];

#[test]
fn with_receipt_adds_exactly_one_slip_page_after_every_kind() {
    let wd = Workdir::with_kinds();
    for (data, id, kind, title) in RECEIPTS {
        let what = format!("{id} ({kind})");
        let (plain, plain_pages) = wd.letter(data, id, "plain.pdf", &[]);
        let (_, pages) = wd.letter(data, id, "slip.pdf", &["--with-receipt"]);
        assert_eq!(pages, plain_pages + 1, "{what}: one page more");

        let slip = pdf_page_text(&wd.path("slip.pdf"), pages);
        let zh = data != "en.csv" && !id.starts_with('E');
        if zh {
            has_all(
                &slip,
                &[
                    "回执",
                    "已收到",
                    title,
                    &format!("（编号：{id}）"),
                    "2026年11月23日",
                ],
                &what,
            );
        } else {
            has_all(
                &slip,
                &[
                    "Acknowledgement of Receipt",
                    title,
                    &format!("(ref. {id})"),
                    "23 November 2026",
                ],
                &what,
            );
        }
        // The slip names the recipient and where to send it back.
        let name = squeeze(&plain)
            .contains("上海星辰贸易有限公司")
            .then_some("上海星辰贸易有限公司");
        if let Some(name) = name {
            assert_text_has(&slip, name, &what);
        }
        let (issuer, issuer_phone) = match (zh, kind) {
            (true, "lawyer-letter") => (FIRM_ZH, "010-8520 6600"),
            (false, "lawyer-letter") => (FIRM_EN, "010-8520 6600"),
            (true, _) => (SENDER_ZH, "010-6588 1234"),
            (false, _) => (SENDER_EN, "010-6588 1234"),
        };
        has_all(&slip, &[issuer, issuer_phone], &what);
        if zh {
            has_none(&slip, &BROKEN_ZH, &what);
        } else {
            no_broken_en(&slip, &what);
        }
        // The letter itself is unchanged before the slip.
        for page in 1..=plain_pages {
            let before = pdf_page_text(&wd.path("plain.pdf"), page);
            let after = pdf_page_text(&wd.path("slip.pdf"), page);
            assert_eq!(
                without_page_numbers(&before),
                without_page_numbers(&after),
                "{what}: page {page}"
            );
        }
    }
}

#[test]
fn the_slip_names_the_debtor_and_a_company_stamps_it() {
    let wd = Workdir::with_kinds();
    let (_, pages) = wd.letter("zh.csv", "C-3001", "c.pdf", &["--with-receipt"]);
    let slip = pdf_page_text(&wd.path("c.pdf"), pages);
    has_all(
        &slip,
        &[
            "上海星辰贸易有限公司",
            "本单位已收到贵公司于2026年11月23日发出的《催款函》",
            "收件单位（盖章）",
            "021-68880001",
        ],
        "C-3001 slip",
    );
    let (_, pages) = wd.letter("zh.csv", "HT-2026-0012", "p.pdf", &["--with-receipt"]);
    let slip = pdf_page_text(&wd.path("p.pdf"), pages);
    has_all(&slip, &["张伟", "本人已收到", "收件人（签名）"], "HT slip");
    assert_text_lacks(&slip, "盖章", "HT slip");

    let (_, pages) = wd.letter("kinds.yaml", "L-1", "l.pdf", &["--with-receipt"]);
    let slip = pdf_page_text(&wd.path("l.pdf"), pages);
    has_all(
        &slip,
        &[
            &format!("{FIRM_ZH}："),
            "贵所受测试华信置业有限公司委托",
            "北京市东城区东长安街1号",
        ],
        "L-1 slip",
    );
}

#[test]
fn a_fax_with_the_slip_counts_the_slip_among_its_pages() {
    let wd = Workdir::with_kinds();
    let (text, pages) = wd.letter("zh.csv", "F-7001", "zh.pdf", &["--with-receipt"]);
    assert_eq!(pages, 2);
    assert_text_has(&text, "2（含本页）", "zh fax with slip");
    assert_text_lacks(&text, "1（含本页）", "zh fax with slip");
    let (text, pages) = wd.letter("en.csv", "EF-1", "en.pdf", &["--with-receipt"]);
    assert_eq!(pages, 2);
    assert_text_has(&text, "2 (including this page)", "en fax with slip");
}

// ---------------------------------------------------------------------------------------
// 5. templates list / export
// ---------------------------------------------------------------------------------------

#[test]
fn templates_list_and_export_include_the_new_kinds_and_the_slip() {
    let wd = Workdir::new();
    let run = wd.run(&["templates", "list"]).must_succeed();
    let out = run.stdout();
    for kind in ["reminder", "statement", "lawyer-letter"] {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(kind))
            .unwrap_or_else(|| panic!("no line for {kind}\n{}", run.describe()));
        assert_eq!(line.split_whitespace().nth(1), Some("zh,en"), "{line:?}");
    }
    wd.run(&["templates", "export", "tpl"]).must_succeed();
    for lang in ["zh", "en"] {
        for file in ["reminder", "statement", "lawyer-letter", "_receipt"] {
            let name = format!("tpl/{lang}/{file}.typ");
            assert!(wd.exists(&name), "{name} not exported: {:?}", wd.files());
        }
    }
    assert_eq!(
        wd.read_text("tpl/zh/_receipt.typ"),
        include_str!("../templates/zh/_receipt.typ")
    );
}

// ---------------------------------------------------------------------------------------
// 6. Samples
// ---------------------------------------------------------------------------------------

/// The YAML samples hold one letter of each new kind in each language; all pass `check` and
/// render with the sample config.
#[test]
fn the_yaml_samples_check_and_render_every_new_kind() {
    let wd = Workdir::new();
    wd.write("debtors.yaml", include_str!("../samples/debtors.yaml"))
        .write("dunning.yaml", include_str!("../samples/dunning.yaml"));
    let run = wd
        .run(&["check", "debtors.yaml", "--as-of", AS_OF])
        .must_succeed();
    assert!(run.stdout().contains("no problems"), "{}", run.describe());
    let letters = wd
        .run(&[
            "compute",
            "debtors.yaml",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ])
        .must_succeed()
        .json();
    let mut seen = std::collections::BTreeSet::new();
    for l in letters.as_array().expect("array") {
        let (id, kind, lang) = (
            l["id"].as_str().expect("id"),
            l["kind"].as_str().expect("kind"),
            l["lang"].as_str().expect("lang"),
        );
        seen.insert((kind.to_string(), lang.to_string()));
        let out = format!("{id}.pdf");
        wd.preview("debtors.yaml", id, &out, &["--with-receipt"]);
        let text = pdf_text(&wd.path(&out));
        assert!(
            squeeze(&text).chars().count() > 300,
            "{id}: little text\n{text}"
        );
    }
    for kind in ["reminder", "statement", "lawyer-letter"] {
        for lang in ["zh", "en"] {
            assert!(
                seen.contains(&(kind.to_string(), lang.to_string())),
                "no {kind} in {lang} among the YAML samples: {seen:?}"
            );
        }
    }
}
