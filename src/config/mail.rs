//! The `mail:` block (`dunning send`, SPEC 9) and the one check of an email address.

use crate::messages::Text;
use lettre::message::Mailbox;

/// Who the emails of `dunning send` come from, and their copies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mail {
    /// `mail.from`; `None`: `sender.email`.
    pub from: Option<Mailbox>,
    /// A blind copy of every message (the archive).
    pub bcc: Option<Mailbox>,
    /// Where replies go, if not to `from`.
    pub reply_to: Option<Mailbox>,
}

/// One RFC 5322 mailbox: `a@b.cn` or `张三 <a@b.cn>`. A line break or any other control
/// character is refused outright (a header injection such as `a@b.cn>\r\nBcc: x@y`).
pub fn parse_mailbox(text: &str) -> Result<Mailbox, Text> {
    let shown = format!("{:?}", crate::error::printable(text));
    if text.chars().any(char::is_control) {
        return Err(Text::new("mailbox-control").arg("value", shown));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(Text::new("mailbox-empty"));
    }
    text.parse::<Mailbox>()
        .map_err(|e| Text::new("mailbox-bad").arg("value", shown).arg("error", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailboxes() {
        let m = parse_mailbox("zs@example.cn").unwrap();
        assert_eq!(m.email.to_string(), "zs@example.cn");
        assert_eq!(m.name, None);
        let m = parse_mailbox(" 张三 <zs@example.cn> ").unwrap();
        assert_eq!(m.name.as_deref(), Some("张三"));
        assert_eq!(m.email.to_string(), "zs@example.cn");
        for bad in [
            "a@b.cn>\r\nBcc: x@y",
            "a@b.cn\nBcc: x@y",
            "not an address",
            "a@b.cn; c@d.cn",
            "@b.cn",
            "",
        ] {
            assert!(parse_mailbox(bad).is_err(), "{bad:?} accepted");
        }
    }
}
