//! One email per letter: `{lang}/mail.txt` filled from the letter's manifest row (first
//! line the subject, the rest the body), the letter's PDF attached under its file name,
//! From/Bcc/Reply-To from the config's `mail:` block and a Message-ID derived from the zip
//! and the id, so that a receiving archive can drop a copy sent twice.

use crate::calc::Lang;
use crate::config::{Config, parse_mailbox};
use crate::error::{Error, Pos, Problem, Result};
use crate::letters::{Templates, mail_template_name};
use crate::messages::{Text, for_id};
use crate::output::reports::ManifestRow;
use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart, header};
use serde_json::json;

/// What goes out for one letter, checked before anything is sent.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub id: String,
    pub lang: Lang,
    /// The debtor; `None`: no address, the letter is `skipped`.
    pub to: Option<Mailbox>,
    pub from: Mailbox,
    pub message_id: String,
    pub subject: String,
    pub body: String,
    /// The PDF's entry in the zip, and the name it is attached under.
    pub entry: String,
    pub file_name: String,
}

/// The sender of the emails: `--from`, else `mail.from`, else `sender.email` (with the
/// sender's name in the letter's language when the address brings none).
pub fn from(config: &Config, from_arg: Option<&str>, lang: Lang) -> Result<Mailbox> {
    let mut mailbox = match (from_arg, &config.mail.from) {
        (Some(arg), _) => parse_mailbox(arg).map_err(|e| {
            Error::UsageText(
                Text::new("option-value")
                    .arg("option", "--from")
                    .part("why", &e),
            )
        })?,
        (None, Some(m)) => m.clone(),
        (None, None) => {
            let shown = config
                .path
                .as_ref()
                .map_or("dunning.yaml".to_string(), |p| p.display().to_string());
            let bad = |m: Text| Error::invalid(Problem::text(Pos::file(&shown), "mail.from", &m));
            let email = config
                .sender
                .email
                .as_deref()
                .ok_or_else(|| bad(Text::new("mail-no-sender")))?;
            parse_mailbox(email).map_err(|e| bad(Text::new("mail-sender-email").part("why", &e)))?
        }
    };
    if mailbox.name.is_none() {
        mailbox.name = config
            .sender
            .for_lang(lang)
            .name
            .filter(|n| !n.trim().is_empty());
    }
    Ok(mailbox)
}

/// `<ZIP16.ID@DOMAIN>`: the same zip and id give the same Message-ID on every run.
pub fn message_id(zip_sha256: &str, id: &str, from: &Mailbox) -> String {
    let mut safe = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
            safe.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                safe.push_str(&format!("={b:02X}"));
            }
        }
    }
    let zip = &zip_sha256[..zip_sha256.len().min(16)];
    format!("<{zip}.{safe}@{}>", from.email.domain())
}

/// The context `mail.txt` is filled with: the letter's manifest row and the sender.
pub fn context(row: &ManifestRow, config: &Config, lang: Lang) -> tera::Context {
    let s = config.sender.for_lang(lang);
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let file_name = file_name(&row.file);
    let v = json!({
        "id": row.id, "name": row.name, "kind": row.kind, "lang": row.lang,
        "outstanding": row.outstanding.to_string(), "fee": row.fee.to_string(),
        "total": row.total.to_string(), "deadline": row.deadline, "bucket": row.bucket,
        "as_of": row.as_of, "email": row.email, "file": file_name, "pages": row.pages,
        "sender": {
            "name": text(&s.name), "address": text(&s.address), "phone": text(&s.phone),
            "email": text(&s.email), "contact": text(&s.contact),
            "contact_phone": text(if s.contact_phone.is_some() { &s.contact_phone } else { &s.phone }),
        },
    });
    tera::Context::from_value(v).unwrap_or_default()
}

/// The attachment's name: the letter's file name without its folder.
fn file_name(entry: &str) -> String {
    entry.rsplit('/').next().unwrap_or(entry).to_string()
}

/// Fills `{lang}/mail.txt` for a letter: (subject, body). An empty subject is an error at
/// the template.
pub fn text(
    templates: &Templates,
    config: &Config,
    row: &ManifestRow,
    lang: Lang,
) -> Result<(String, String), Problem> {
    let name = mail_template_name(lang);
    let filled = templates.render_file(&name, &context(row, config, lang))?;
    let filled = filled.trim_start();
    let (subject, body) = filled.split_once('\n').unwrap_or((filled, ""));
    let subject = subject.trim().to_string();
    if subject.is_empty() {
        let (shown, _) = templates.source(&name);
        return Err(Problem::text(
            Pos::file(shown),
            "",
            &for_id(&row.id, &Text::new("mail-no-subject")),
        ));
    }
    let mut body = body.trim_start_matches(['\r', '\n']).trim_end().to_string();
    body.push('\n');
    Ok((subject, body))
}

/// Everything about one letter's message but its PDF, checked now.
pub fn prepare(
    templates: &Templates,
    config: &Config,
    from_arg: Option<&str>,
    zip_sha256: &str,
    row: &ManifestRow,
) -> Result<Outgoing, Vec<Problem>> {
    let lang = Lang::parse_text(&row.lang).map_err(|e| {
        vec![
            Problem::text(Pos::file("manifest.csv"), "lang", &for_id(&row.id, &e)).with_id(&row.id),
        ]
    })?;
    let from = from(config, from_arg, lang).map_err(|e| match e {
        Error::Invalid(p) => p,
        other => vec![Problem {
            local: crate::messages::local_of(&other.localized()),
            ..Problem::new(Pos::file("mail.from"), "", other.to_string())
        }],
    })?;
    let to = match row.email.trim() {
        "" => None,
        cell => {
            let mut m = parse_mailbox(cell).map_err(|e| {
                vec![Problem::text(
                    Pos::file("manifest.csv"),
                    "email",
                    &for_id(&row.id, &e),
                )]
            })?;
            if m.name.is_none() && !row.name.trim().is_empty() {
                m.name = Some(row.name.trim().to_string());
            }
            Some(m)
        }
    };
    let (subject, body) = text(templates, config, row, lang).map_err(|p| vec![p])?;
    Ok(Outgoing {
        id: row.id.clone(),
        lang,
        message_id: message_id(zip_sha256, &row.id, &from),
        to,
        from,
        subject,
        body,
        entry: row.file.clone(),
        file_name: file_name(&row.file),
    })
}

/// `Content-Language: zh` / `en`: the message is in the letter's language.
#[derive(Debug, Clone)]
struct ContentLanguage(String);

impl header::Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }
    fn parse(s: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(s.to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// The message of one letter with its PDF attached: RFC 5322 and MIME, headers with
/// non-ASCII text encoded (RFC 2047), the body quoted-printable or base64.
pub fn build(out: &Outgoing, config: &Config, to: &Mailbox, pdf: Vec<u8>) -> Result<Message> {
    let mut b = Message::builder()
        .from(out.from.clone())
        .to(to.clone())
        .subject(out.subject.clone())
        .message_id(Some(out.message_id.clone()))
        .header(ContentLanguage(out.lang.name().to_string()))
        .date_now();
    if let Some(bcc) = &config.mail.bcc {
        b = b.bcc(bcc.clone());
    }
    if let Some(reply_to) = &config.mail.reply_to {
        b = b.reply_to(reply_to.clone());
    }
    let pdf_type = ContentType::parse("application/pdf")
        .map_err(|e| Error::Internal(format!("content type: {e}")))?;
    let parts = MultiPart::mixed()
        .singlepart(SinglePart::plain(out.body.clone()))
        .singlepart(Attachment::new(out.file_name.clone()).body(pdf, pdf_type));
    b.multipart(parts)
        .map_err(|e| Error::Internal(format!("message of {}: {e}", out.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_stable_and_safe() {
        let from = parse_mailbox("财务部 <finance@example.cn>").unwrap();
        let sha = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            message_id(sha, "HT-2026/0012", &from),
            "<0123456789abcdef.HT-2026=2F0012@example.cn>"
        );
        assert_eq!(
            message_id(sha, "甲1", &from),
            "<0123456789abcdef.=E7=94=B21@example.cn>"
        );
    }
}
