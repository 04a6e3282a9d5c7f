//! Bytes → text: UTF-8 (with or without BOM) or GB18030/GBK, detected or forced, a chunk
//! at a time: a data file of a million rows is read through, never held.

use crate::error::{Pos, Problem};
use crate::messages::Text;
use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use std::io::{self, Cursor, Read, Seek, SeekFrom};

/// The encodings `--encoding` can force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputEncoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK, read as its superset GB18030.
    #[value(name = "gbk", alias = "gb18030")]
    Gbk,
}

/// Decodes a data file held in memory, as [`sniff`] and [`Decoded`] read one from disk.
pub fn decode(file: &str, bytes: &[u8], forced: Option<InputEncoding>) -> Result<String, Problem> {
    // Reading memory fails only on text that is not what `sniff` found: not possible.
    let failed = |e: io::Error| Problem::new(Pos::file(file), "", e.to_string());
    let decoding = sniff(file, Cursor::new(bytes), forced).map_err(failed)??;
    let mut text = String::new();
    Decoded::new(Cursor::new(bytes), decoding)
        .and_then(|mut d| d.read_to_string(&mut text))
        .map_err(failed)?;
    Ok(text)
}

/// How a data file's bytes become text: the encoding, and the bytes of its BOM.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decoding {
    encoding: &'static Encoding,
    bom: u64,
}

/// The size of each read.
const CHUNK: usize = 1 << 16;

/// Reads a data file through (twice if it is not UTF-8) to decide how it is decoded, holding
/// a chunk at a time, never the file. Excel writes CSV as GBK on Chinese Windows, so text
/// that is not valid UTF-8 is read as GB18030; NUL bytes mean a binary file (an .xlsx, say).
/// `Ok(Err(_))`: the file cannot be read as text, and why; `Err`: an I/O failure.
pub fn sniff<R: Read + Seek>(
    file: &str,
    mut bytes: R,
    forced: Option<InputEncoding>,
) -> io::Result<Result<Decoding, Problem>> {
    let whole = |why: Text| Err(Problem::text(Pos::file(file), "", &why));
    let scan = Scan::of(&mut bytes)?;
    if scan.blank {
        return Ok(whole(Text::new("file-empty")));
    }
    // UTF-16 (Excel's "Unicode text") carries a BOM; decode it rather than refuse it.
    if let Some((enc, bom)) = Encoding::for_bom(&scan.head)
        && (enc == UTF_16LE || enc == UTF_16BE)
    {
        let d = Decoding {
            encoding: enc,
            bom: bom as u64,
        };
        return Ok(match decodes(&mut bytes, d)? {
            true => Ok(d),
            false => whole(Text::new("text-bad-utf16")),
        });
    }
    if let Some(at) = scan.nul {
        return Ok(whole(Text::new("text-binary").arg("offset", at)));
    }
    let bom = if scan.head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let utf8 = Decoding {
        encoding: UTF_8,
        bom,
    };
    let gbk = Decoding {
        encoding: GB18030,
        bom,
    };
    // Not UTF-8 (or GBK forced): GB18030, if it decodes as that.
    let not_gbk = match (forced, scan.bad_utf8_line) {
        (Some(InputEncoding::Utf8), None) | (None, None) => return Ok(Ok(utf8)),
        (Some(InputEncoding::Utf8), Some(line)) => {
            let problem = Problem::tr(Pos::new(file, line), "", "text-bad-utf8", &[]);
            return Ok(Err(problem));
        }
        (Some(InputEncoding::Gbk), _) => "text-bad-gbk",
        (None, Some(_)) => "text-unknown-encoding",
    };
    Ok(match decodes(&mut bytes, gbk)? {
        true => Ok(gbk),
        false => whole(Text::new(not_gbk)),
    })
}

/// What one pass over a file finds.
struct Scan {
    /// Its first bytes, for a BOM.
    head: Vec<u8>,
    /// Nothing but ASCII whitespace (or nothing at all).
    blank: bool,
    /// The offset of the first NUL byte.
    nul: Option<u64>,
    /// The line of the first byte that is not UTF-8, if any is not.
    bad_utf8_line: Option<usize>,
}

impl Scan {
    fn of(bytes: &mut impl Read) -> io::Result<Scan> {
        let mut scan = Scan {
            head: Vec::new(),
            blank: true,
            nul: None,
            bad_utf8_line: None,
        };
        let mut buf = vec![0; CHUNK];
        // The start of a character cut by the end of the last chunk.
        let mut carry: Vec<u8> = Vec::new();
        let (mut offset, mut lines) = (0u64, 1usize);
        loop {
            let n = read_some(bytes, &mut buf)?;
            let chunk = &buf[..n];
            if scan.head.len() < 4 {
                let more = (4 - scan.head.len()).min(n);
                scan.head.extend_from_slice(&chunk[..more]);
            }
            scan.blank &= chunk.iter().all(u8::is_ascii_whitespace);
            if scan.nul.is_none()
                && let Some(at) = chunk.iter().position(|&b| b == 0)
            {
                scan.nul = Some(offset + at as u64);
            }
            if scan.bad_utf8_line.is_none() {
                let newlines = |b: &[u8]| b.iter().filter(|&&b| b == b'\n').count();
                carry.extend_from_slice(chunk);
                match std::str::from_utf8(&carry) {
                    Ok(_) => {
                        lines += newlines(&carry);
                        carry.clear();
                    }
                    // Cut by the end of the chunk: wait for the next (at the end of the
                    // file, it is not UTF-8).
                    Err(e) if e.error_len().is_none() && n > 0 => {
                        lines += newlines(&carry[..e.valid_up_to()]);
                        carry.drain(..e.valid_up_to());
                    }
                    Err(e) => {
                        let valid = &carry[..e.valid_up_to()];
                        scan.bad_utf8_line = Some(lines + newlines(valid));
                    }
                }
            }
            if n == 0 {
                return Ok(scan);
            }
            offset += n as u64;
        }
    }
}

/// Whether the file decodes in `d` without one malformed sequence, read through.
fn decodes<R: Read + Seek>(bytes: &mut R, d: Decoding) -> io::Result<bool> {
    let mut text = Decoded::new(bytes, d)?;
    let mut sink = vec![0; CHUNK];
    loop {
        match text.read(&mut sink) {
            Ok(0) => return Ok(true),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::InvalidData => return Ok(false),
            Err(e) => return Err(e),
        }
    }
}

/// Reads as much as one read gives, retrying an interrupted one.
fn read_some(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// A data file read as UTF-8 text, decoded a chunk at a time as [`sniff`] decided. A
/// malformed sequence (the file changed since) is an `InvalidData` error.
pub struct Decoded<R> {
    bytes: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    /// The part of `input` not yet decoded.
    input_at: (usize, usize),
    text: Vec<u8>,
    /// The part of `text` not yet read.
    text_at: (usize, usize),
    /// The end of the file was read.
    done: bool,
    /// The decoder was told so and has given everything (it must not be called again).
    finished: bool,
}

impl<R: Read + Seek> Decoded<R> {
    /// Reads `bytes` from its start (past the BOM).
    pub fn new(mut bytes: R, d: Decoding) -> io::Result<Decoded<R>> {
        bytes.seek(SeekFrom::Start(d.bom))?;
        Ok(Decoded {
            bytes,
            decoder: d.encoding.new_decoder_without_bom_handling(),
            input: vec![0; CHUNK],
            input_at: (0, 0),
            // Room for a whole chunk decoded: every decoder then makes progress.
            text: vec![0; 3 * CHUNK + 16],
            text_at: (0, 0),
            done: false,
            finished: false,
        })
    }
}

impl<R: Read> Decoded<R> {
    /// Decodes the next chunk into `text`; false at the end.
    fn fill(&mut self) -> io::Result<bool> {
        while !self.finished {
            let (start, end) = self.input_at;
            if start == end && !self.done {
                let n = read_some(&mut self.bytes, &mut self.input)?;
                self.input_at = (0, n);
                self.done = n == 0;
            }
            let (start, end) = self.input_at;
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[start..end],
                &mut self.text,
                self.done,
            );
            self.input_at.0 += read;
            if let encoding_rs::DecoderResult::Malformed(_, _) = result {
                return Err(io::ErrorKind::InvalidData.into());
            }
            self.text_at = (0, written);
            self.finished = self.done && result == encoding_rs::DecoderResult::InputEmpty;
            if written > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.text_at.0 == self.text_at.1 && !self.fill()? {
            return Ok(0);
        }
        let (start, end) = self.text_at;
        let n = out.len().min(end - start);
        out[..n].copy_from_slice(&self.text[start..start + n]);
        self.text_at.0 += n;
        Ok(n)
    }
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

    /// Chunk edges: a character of three bytes across the end of the first 64 KiB, and a
    /// bad byte lines past it, are what reading the file whole finds.
    #[test]
    fn a_file_read_in_chunks_is_read_as_whole() {
        // 65,535 bytes of "a,b\n" and "a" (16,383 lines + 3 bytes), then 编 across the edge.
        let mut text = "a,b\n".repeat(16_383);
        text.push_str("aaa编号\n");
        text.push_str(&"行,二\n".repeat(20_000));
        assert_eq!(decode("f", text.as_bytes(), None).unwrap(), text);
        let (gbk, _, _) = GB18030.encode(&text);
        assert!(gbk.len() > 2 * CHUNK);
        assert_eq!(decode("f", &gbk, None).unwrap(), text);
        // Line 16,384 holds the bad byte: 16,383 newlines before it.
        let mut bad = text.as_bytes()[..65_535].to_vec();
        bad.push(0xFF);
        bad.extend_from_slice(b"\n");
        let e = decode("f", &bad, Some(InputEncoding::Utf8)).unwrap_err();
        assert_eq!(e.pos.line, Some(16_384));
        let mut bad = text.as_bytes().to_vec();
        bad.push(0xFF);
        let e = decode("f", &bad, Some(InputEncoding::Utf8)).unwrap_err();
        assert_eq!(e.pos.line, Some(16_384 + 20_001));
        // Cut inside a character at the very end: not UTF-8, read as GB18030 or refused.
        let cut = &text.as_bytes()[..65_536];
        let e = decode("f", cut, Some(InputEncoding::Utf8)).unwrap_err();
        assert_eq!(e.pos.line, Some(16_384));
        // A NUL far into the file is found at its offset.
        let mut binary = text.as_bytes().to_vec();
        binary[100_000] = 0;
        let e = decode("f", &binary, None).unwrap_err();
        assert!(e.message.contains("100000"), "{}", e.message);
    }
}
