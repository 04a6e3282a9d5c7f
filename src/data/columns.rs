//! Column names: the canonical ones of SPEC 3 and the headers accepted for them.

use std::collections::BTreeMap;

/// Every column the tool understands; anything else passes through as `row.<column>`.
pub const KNOWN: &[&str] = &[
    "id",
    "kind",
    "lang",
    "name",
    "title",
    "address",
    "postcode",
    "phone",
    "fax",
    "email",
    "contract_title",
    "contract_no",
    "their_contract_no",
    "contract_date",
    "property",
    "item",
    "amount_due",
    "amount_paid",
    "due_date",
    "documents_due",
    "daily_rate",
    "grace_days",
    "cc",
    "re",
    "hold",
    "interrupted",
];

/// Columns that describe one item; rows of one id may differ only in these.
pub const ITEM: &[&str] = &["item", "amount_due", "amount_paid", "due_date"];

/// Chinese (and a few English) headers accepted for each column.
const ALIASES: &[(&str, &[&str])] = &[
    (
        "id",
        &["编号", "案号", "案件编号", "客户编号", "账号", "ID"],
    ),
    ("kind", &["函件类型", "类型"]),
    ("lang", &["语言"]),
    (
        "name",
        &[
            "姓名",
            "客户名称",
            "客户",
            "名称",
            "债务人",
            "公司名称",
            "单位名称",
        ],
    ),
    ("title", &["称谓", "称呼"]),
    ("address", &["地址", "联系地址", "通讯地址"]),
    ("postcode", &["邮编", "邮政编码"]),
    ("phone", &["电话", "联系电话", "手机"]),
    ("fax", &["传真"]),
    ("email", &["邮箱", "电子邮箱", "电子邮件"]),
    ("contract_title", &["合同名称"]),
    ("contract_no", &["合同编号", "合同号"]),
    ("their_contract_no", &["对方合同编号"]),
    ("contract_date", &["签约日期", "合同日期"]),
    ("property", &["房号", "房屋", "物业"]),
    ("item", &["项目", "款项", "摘要"]),
    ("amount_due", &["应付金额", "应收金额", "金额"]),
    ("amount_paid", &["已付金额", "已付", "已收金额"]),
    ("due_date", &["到期日", "到期日期", "应付日期"]),
    ("documents_due", &["资料截止日期", "资料期限"]),
    ("interrupted", &["时效中断日", "诉讼时效中断日"]),
    ("daily_rate", &["日利率", "违约金日利率", "日费率"]),
    ("grace_days", &["宽限天数", "宽限期"]),
    ("cc", &["抄送"]),
    ("re", &["事由", "主题"]),
    ("hold", &["冻结", "止催", "暂停催收", "催收冻结"]),
];

pub fn is_known(column: &str) -> bool {
    KNOWN.contains(&column)
}

pub fn is_item(column: &str) -> bool {
    ITEM.contains(&column)
}

/// The column a header stands for: the config's `columns:` map first, then a canonical
/// name (any case), then the aliases; otherwise the trimmed header itself (passed through).
pub fn resolve(header: &str, config_map: &BTreeMap<String, String>) -> String {
    let h = header.trim();
    if let Some(c) = config_map.get(h) {
        return c.clone();
    }
    let lower = h.to_ascii_lowercase();
    if is_known(&lower) {
        return lower;
    }
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&h))
        .map_or_else(|| h.to_string(), |(c, _)| (*c).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_resolve_to_columns() {
        let none = BTreeMap::new();
        assert_eq!(resolve(" 姓名 ", &none), "name");
        assert_eq!(resolve("客户名称", &none), "name");
        assert_eq!(resolve("Amount_Due", &none), "amount_due");
        assert_eq!(resolve("合同编号", &none), "contract_no");
        assert_eq!(resolve("房号", &none), "property");
        assert_eq!(resolve("业务员", &none), "业务员");
        let mut map = BTreeMap::new();
        map.insert("欠款".to_string(), "amount_due".to_string());
        assert_eq!(resolve("欠款", &map), "amount_due");
    }

    #[test]
    fn every_alias_names_a_known_column() {
        for (c, _) in ALIASES {
            assert!(is_known(c), "{c}");
        }
    }
}
