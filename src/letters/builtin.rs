//! The built-in templates, embedded in the binary. `templates export` writes them out;
//! `--templates DIR` overrides them file by file.

/// Every built-in template file by its path under `templates/`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.typ", include_str!("../../templates/base.typ")),
    (
        "common/head.typ",
        include_str!("../../templates/common/head.typ"),
    ),
    (
        "common/en-opening.typ",
        include_str!("../../templates/common/en-opening.typ"),
    ),
    (
        "zh/_items.typ",
        include_str!("../../templates/zh/_items.typ"),
    ),
    ("zh/_lpr.typ", include_str!("../../templates/zh/_lpr.typ")),
    ("zh/_calc.typ", include_str!("../../templates/zh/_calc.typ")),
    (
        "zh/_refund-form.typ",
        include_str!("../../templates/zh/_refund-form.typ"),
    ),
    (
        "zh/demand.typ",
        include_str!("../../templates/zh/demand.typ"),
    ),
    (
        "zh/mortgage-reminder.typ",
        include_str!("../../templates/zh/mortgage-reminder.typ"),
    ),
    (
        "zh/termination-mortgage.typ",
        include_str!("../../templates/zh/termination-mortgage.typ"),
    ),
    (
        "zh/termination.typ",
        include_str!("../../templates/zh/termination.typ"),
    ),
    (
        "zh/fax-cover.typ",
        include_str!("../../templates/zh/fax-cover.typ"),
    ),
    (
        "en/_items.typ",
        include_str!("../../templates/en/_items.typ"),
    ),
    ("en/_lpr.typ", include_str!("../../templates/en/_lpr.typ")),
    ("en/_calc.typ", include_str!("../../templates/en/_calc.typ")),
    (
        "en/_refund-form.typ",
        include_str!("../../templates/en/_refund-form.typ"),
    ),
    (
        "en/demand.typ",
        include_str!("../../templates/en/demand.typ"),
    ),
    (
        "en/mortgage-reminder.typ",
        include_str!("../../templates/en/mortgage-reminder.typ"),
    ),
    (
        "en/termination-mortgage.typ",
        include_str!("../../templates/en/termination-mortgage.typ"),
    ),
    (
        "en/termination.typ",
        include_str!("../../templates/en/termination.typ"),
    ),
    (
        "en/fax-cover.typ",
        include_str!("../../templates/en/fax-cover.typ"),
    ),
    (
        "zh/reminder.typ",
        include_str!("../../templates/zh/reminder.typ"),
    ),
    (
        "zh/statement.typ",
        include_str!("../../templates/zh/statement.typ"),
    ),
    (
        "zh/lawyer-letter.typ",
        include_str!("../../templates/zh/lawyer-letter.typ"),
    ),
    (
        "zh/_receipt.typ",
        include_str!("../../templates/zh/_receipt.typ"),
    ),
    (
        "en/reminder.typ",
        include_str!("../../templates/en/reminder.typ"),
    ),
    (
        "en/statement.typ",
        include_str!("../../templates/en/statement.typ"),
    ),
    (
        "en/lawyer-letter.typ",
        include_str!("../../templates/en/lawyer-letter.typ"),
    ),
    (
        "en/_receipt.typ",
        include_str!("../../templates/en/_receipt.typ"),
    ),
    ("zh/sms.txt", include_str!("../../templates/zh/sms.txt")),
    ("en/sms.txt", include_str!("../../templates/en/sms.txt")),
    ("zh/mail.txt", include_str!("../../templates/zh/mail.txt")),
    ("en/mail.txt", include_str!("../../templates/en/mail.txt")),
];
