//! `batch --sms FILE.csv`: one text message per letter (`templates/{zh,en}/sms.txt`), what
//! each costs in SMS segments, and the letters that get none because they have no phone.

use super::csv::{plain, read_rows, write_plain_rows, write_rows};
use super::zip::ZipOut;
use crate::data::Debtor;
use crate::error::{Error, Problem, Result};
use crate::messages::Text;

/// The zip entry listing the letters that got no text message.
pub const SKIPPED_ENTRY: &str = "sms-skipped.csv";

/// Why a letter got no text message.
pub const NO_PHONE: &str = "no phone number";
pub const NO_TEXT: &str = "the SMS template gave no text for this letter";

/// One text message, ready for an SMS gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub phone: String,
    pub text: String,
}

/// Why a letter got no text message, as [`SKIPPED_ENTRY`] says it in English, in the
/// catalogue's words for the terminal.
pub fn reason_text(reason: &str) -> Text {
    match reason {
        NO_PHONE => Text::new("sms-no-phone"),
        NO_TEXT => Text::new("sms-no-text"),
        other => Text::from(other),
    }
}

/// A letter that got no text message, and why: a row of [`SKIPPED_ENTRY`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoText {
    pub id: String,
    pub name: String,
    pub reason: String,
}

/// The text messages of a run and the letters left without one, both in input order.
#[derive(Debug, Default)]
pub struct Texts {
    pub messages: Vec<Message>,
    pub skipped: Vec<NoText>,
}

/// Fills the SMS template of every letter (`text`) before anything is written, so a
/// template error stops the batch with nothing written. The same error met by many letters
/// is reported once.
pub fn compose(
    letters: impl IntoIterator<Item = Result<Debtor>>,
    text: impl Fn(&Debtor) -> std::result::Result<String, Problem>,
) -> Result<Texts> {
    let mut texts = Texts::default();
    let mut problems: Vec<Problem> = Vec::new();
    for d in letters {
        let d = &d?;
        let body = match text(d) {
            Ok(t) => t.trim().to_string(),
            Err(p) => {
                if !problems.contains(&p) {
                    problems.push(p);
                }
                continue;
            }
        };
        let phone = normalise_phone(d.fields.get("phone").unwrap_or_default());
        let reason = if phone.is_empty() {
            Some(NO_PHONE)
        } else if body.is_empty() {
            Some(NO_TEXT)
        } else {
            None
        };
        match reason {
            Some(reason) => texts.skipped.push(NoText {
                id: d.id.clone(),
                name: d.name.clone(),
                reason: reason.to_string(),
            }),
            None => texts.messages.push(Message {
                id: d.id.clone(),
                phone,
                text: body,
            }),
        }
    }
    if problems.is_empty() {
        Ok(texts)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// A phone number as text, its whitespace (tabs, no-break and ideographic spaces) trimmed
/// and collapsed to single spaces; digits, `+`, `-` and leading zeros are kept as typed.
pub fn normalise_phone(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The GSM 03.38 default alphabet: one septet each.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The GSM 03.38 extension table: an escape septet plus one, so two septets each.
const GSM_EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// How many SMS a text is sent as. In the GSM 7-bit alphabet (extension characters count
/// two): 160 septets in one message, 153 per part when concatenated. Anything else is sent
/// as UCS-2: 70 UTF-16 code units in one message, 67 per part. A part never splits an
/// escape sequence or a surrogate pair, as phones and gateways pack them. Empty text: 0.
pub fn segments(text: &str) -> usize {
    let gsm: Option<Vec<usize>> = text.chars().map(gsm_septets).collect();
    match gsm {
        Some(units) => pack(&units, 160, 153),
        None => {
            let units: Vec<usize> = text.chars().map(char::len_utf16).collect();
            pack(&units, 70, 67)
        }
    }
}

/// Septets a character takes in the GSM alphabet, or `None` if it is not in it.
fn gsm_septets(c: char) -> Option<usize> {
    if GSM_BASIC.contains(c) {
        Some(1)
    } else if GSM_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Parts needed for characters of `units` each: one message up to `single`, else parts of
/// at most `part`, a character never split between two parts.
fn pack(units: &[usize], single: usize, part: usize) -> usize {
    let total: usize = units.iter().sum();
    if total == 0 {
        return 0;
    }
    if total <= single {
        return 1;
    }
    let (mut parts, mut used) = (1, 0);
    for &u in units {
        if used + u > part {
            parts += 1;
            used = 0;
        }
        used += u;
    }
    parts
}

/// Who reads the SMS file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SmsFormat {
    /// A person, in Excel: UTF-8 with BOM, and a text that begins with `=`, `+`, `-` or `@`
    /// gets a leading `'` so that Excel shows it instead of running it.
    #[default]
    Excel,
    /// An SMS gateway's upload: plain UTF-8, every text exactly as it is sent (a `'` would
    /// reach the debtor's phone).
    Gateway,
}

/// One row of the SMS file (issue 8): one per message, in input order.
#[derive(Debug, Clone, Default, serde::Serialize)]
struct SmsRow<'a> {
    id: &'a str,
    phone: &'a str,
    text: &'a str,
    segments: usize,
}

/// The SMS file: `id,phone,text,segments`; for Excel UTF-8 with BOM and formula-safe like
/// every CSV, for a gateway as it is sent.
pub fn csv(messages: &[Message], format: SmsFormat) -> std::io::Result<Vec<u8>> {
    let rows: Vec<SmsRow> = messages
        .iter()
        .map(|m| SmsRow {
            id: &m.id,
            phone: &m.phone,
            text: &m.text,
            segments: segments(&m.text),
        })
        .collect();
    match format {
        SmsFormat::Excel => write_rows(&rows),
        SmsFormat::Gateway => write_plain_rows(&rows),
    }
}

/// Writes the SMS file atomically (once the zip is in place).
pub fn write(path: &std::path::Path, messages: &[Message], format: SmsFormat) -> Result<()> {
    let bytes = csv(messages, format).map_err(internal)?;
    super::atomic::write(path, &bytes)
}

/// Rows that do not become CSV: a bug in a row type, not a problem with the input.
fn internal(e: std::io::Error) -> Error {
    Error::Internal(format!("writing a CSV file: {e}"))
}

/// The zip's list of letters without a text message: `id,name,reason`.
pub fn skipped_csv(skipped: &[NoText]) -> std::io::Result<Vec<u8>> {
    write_rows(skipped)
}

/// Adds [`SKIPPED_ENTRY`] to the zip when any letter got no text message.
pub fn add_skipped(zip: &mut ZipOut, skipped: &[NoText]) -> Result<()> {
    if skipped.is_empty() {
        return Ok(());
    }
    let bytes = skipped_csv(skipped).map_err(internal)?;
    zip.add(SKIPPED_ENTRY, &bytes)
}

/// Reads back a [`SKIPPED_ENTRY`] (for `merge`); `None` if it is not one.
pub fn parse_skipped(bytes: &[u8]) -> Option<Vec<NoText>> {
    // Cells were written formula-safe; the merged zip writes them the same way again.
    let rows: Vec<NoText> = read_rows(bytes).ok()?;
    Some(
        rows.into_iter()
            .map(|s| NoText {
                id: plain(&s.id).to_string(),
                name: plain(&s.name).to_string(),
                reason: s.reason,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(n: usize) -> String {
        "欠".repeat(n)
    }

    fn latin(n: usize) -> String {
        "a".repeat(n)
    }

    #[test]
    fn empty_text_is_no_message() {
        assert_eq!(segments(""), 0);
    }

    #[test]
    fn chinese_counts_70_then_67_per_part() {
        assert_eq!(segments(&zh(1)), 1);
        assert_eq!(segments(&zh(70)), 1);
        assert_eq!(segments(&zh(71)), 2);
        assert_eq!(segments(&zh(134)), 2);
        assert_eq!(segments(&zh(135)), 3);
        assert_eq!(segments(&zh(201)), 3);
        assert_eq!(segments(&zh(202)), 4);
    }

    #[test]
    fn one_chinese_character_makes_the_whole_text_ucs2() {
        assert_eq!(segments(&(latin(69) + "款")), 1);
        assert_eq!(segments(&(latin(70) + "款")), 2);
        // 【】 and the full-width colon are not GSM either.
        assert_eq!(segments("【x】"), 1);
    }

    #[test]
    fn ucs2_counts_utf16_units_and_never_splits_a_pair() {
        // U+20BB7 𠮷 is two UTF-16 code units.
        assert_eq!(segments(&(zh(68) + "𠮷")), 1);
        assert_eq!(segments(&(zh(69) + "𠮷")), 2);
        // 66 units + a pair: 68 > 67, so the pair opens the second part (134 units, which
        // would fit two parts if the pair could be split).
        assert_eq!(segments(&(zh(66) + "𠮷" + &zh(65))), 2);
        assert_eq!(segments(&(zh(66) + "𠮷" + &zh(66))), 3);
    }

    #[test]
    fn gsm_counts_160_then_153_per_part() {
        assert_eq!(segments(&latin(160)), 1);
        assert_eq!(segments(&latin(161)), 2);
        assert_eq!(segments(&latin(306)), 2);
        assert_eq!(segments(&latin(307)), 3);
        assert_eq!(segments(&latin(459)), 3);
        assert_eq!(segments(&latin(460)), 4);
        let sentence = "Please pay RMB 1,234.50 by 26 November 2026. Tel: 010-6588 1234 (@£$¥_!?)";
        assert_eq!(segments(sentence), 1);
    }

    #[test]
    fn gsm_extension_characters_count_two() {
        assert_eq!(segments(&(latin(158) + "€")), 1);
        assert_eq!(segments(&(latin(159) + "€")), 2);
        for c in ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\u{c}'] {
            assert_eq!(segments(&(latin(159) + &c.to_string())), 2, "{c:?}");
        }
        // An escape sequence is never split: 152 + 2 would be 154 > 153, so the euro sign
        // opens the second part, which then holds 2 + 151 septets; one more makes three
        // (306 septets, which would fit two parts if the escape could be split).
        assert_eq!(segments(&(latin(152) + "€" + &latin(151))), 2);
        assert_eq!(segments(&(latin(152) + "€" + &latin(152))), 3);
    }

    #[test]
    fn characters_outside_gsm_make_ucs2() {
        // A backtick, curly quotes and an en dash are not in the GSM alphabet.
        for c in ['`', '\u{2019}', '–', '¢'] {
            assert_eq!(segments(&(latin(70) + &c.to_string())), 2, "{c:?}");
            assert_eq!(segments(&(latin(69) + &c.to_string())), 1, "{c:?}");
        }
    }

    #[test]
    fn phones_keep_their_text_and_lose_stray_whitespace() {
        assert_eq!(normalise_phone(" 138 0013\t8000 "), "138 0013 8000");
        assert_eq!(
            normalise_phone("\u{a0}+852\u{3000}9123  4567"),
            "+852 9123 4567"
        );
        assert_eq!(normalise_phone("0138"), "0138");
        assert_eq!(normalise_phone("  "), "");
    }

    #[test]
    fn the_file_has_a_bom_and_safe_cells_for_excel_and_the_text_as_sent_for_a_gateway() {
        let messages = [Message {
            id: "=A1".into(),
            phone: "+852 9123 4567".into(),
            text: "【华信】您好".into(),
        }];
        let text = String::from_utf8(csv(&messages, SmsFormat::Excel).unwrap()).unwrap();
        assert_eq!(
            text,
            "\u{feff}id,phone,text,segments\n'=A1,'+852 9123 4567,【华信】您好,1\n"
        );
        let text = String::from_utf8(csv(&messages, SmsFormat::Gateway).unwrap()).unwrap();
        assert_eq!(
            text,
            "id,phone,text,segments\n=A1,+852 9123 4567,【华信】您好,1\n"
        );
    }

    #[test]
    fn the_skipped_list_reads_back() {
        let skipped = vec![
            NoText {
                id: "-7".into(),
                name: "张伟".into(),
                reason: NO_PHONE.into(),
            },
            NoText {
                id: "'quoted".into(),
                name: "Acme, Ltd".into(),
                reason: NO_TEXT.into(),
            },
        ];
        let bytes = skipped_csv(&skipped).unwrap();
        assert_eq!(parse_skipped(&bytes), Some(skipped));
        assert_eq!(parse_skipped(b"a,b\n1,2\n"), None);
    }
}
