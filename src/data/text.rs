//! Bytes → text: UTF-8 (with or without BOM) or GB18030/GBK, detected or forced.

use crate::error::{Pos, Problem};
use crate::messages::Text;
use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// The encodings `--encoding` can force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputEncoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK, read as its superset GB18030.
    #[value(name = "gbk", alias = "gb18030")]
    Gbk,
}

/// Decodes a data file. Excel writes CSV as GBK on Chinese Windows, so text that is not
/// valid UTF-8 is read as GB18030; NUL bytes mean a binary file (an .xlsx, say).
pub fn decode(file: &str, bytes: &[u8], forced: Option<InputEncoding>) -> Result<String, Problem> {
    let whole = |why: Text| Problem::text(Pos::file(file), "", &why);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(whole(Text::new("file-empty")));
    }
    // UTF-16 (Excel's "Unicode text") carries a BOM; decode it rather than refuse it.
    if let Some((enc, bom)) = Encoding::for_bom(bytes)
        && (enc == UTF_16LE || enc == UTF_16BE)
    {
        return strict(enc, &bytes[bom..]).ok_or_else(|| whole(Text::new("text-bad-utf16")));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(whole(Text::new("text-binary").arg("offset", at)));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match forced {
        Some(InputEncoding::Utf8) => strict(UTF_8, body).ok_or_else(|| {
            let valid = std::str::from_utf8(body)
                .map_err(|e| e.valid_up_to())
                .err()
                .unwrap_or(0);
            let line = 1 + body[..valid].iter().filter(|&&b| b == b'\n').count();
            Problem::tr(Pos::new(file, line), "", "text-bad-utf8", &[])
        })?,
        Some(InputEncoding::Gbk) => {
            strict(GB18030, body).ok_or_else(|| whole(Text::new("text-bad-gbk")))?
        }
        None => match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(_) => {
                strict(GB18030, body).ok_or_else(|| whole(Text::new("text-unknown-encoding")))?
            }
        },
    };
    Ok(text)
}

/// Decodes without replacement characters; `None` on any malformed sequence.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_utf8_bom_and_gbk() {
        assert_eq!(
            decode("f", "编号,姓名\n".as_bytes(), None).unwrap(),
            "编号,姓名\n"
        );
        assert_eq!(decode("f", b"\xEF\xBB\xBFid\n", None).unwrap(), "id\n");
        let (gbk, _, _) = GB18030.encode("编号,姓名,堃\n");
        assert_eq!(decode("f", &gbk, None).unwrap(), "编号,姓名,堃\n");
        assert_eq!(
            decode("f", &gbk, Some(InputEncoding::Gbk)).unwrap(),
            "编号,姓名,堃\n"
        );
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("id,名\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("f", &utf16, None).unwrap(), "id,名\n");
    }

    #[test]
    fn refuses_binary_empty_and_wrong_forced() {
        assert!(
            decode("f", b"PK\x03\x04\x00\x00", None)
                .unwrap_err()
                .message
                .contains("not a text file")
        );
        assert!(
            decode("f", b"", None)
                .unwrap_err()
                .message
                .contains("empty")
        );
        assert!(
            decode("f", b" \n\r\n", None)
                .unwrap_err()
                .message
                .contains("empty")
        );
        let (gbk, _, _) = GB18030.encode("id\n编号\n");
        let e = decode("f", &gbk, Some(InputEncoding::Utf8)).unwrap_err();
        assert_eq!(e.pos.line, Some(2));
    }
}
