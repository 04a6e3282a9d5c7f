//! `--history`: the letters earlier runs sent, read from their zips or manifest.csv files
//! (the manifest's reader, in the output layer with its writer `reports`), so that a repeated run neither re-sends a letter nor forgets to escalate.

use crate::calc::dates::parse_date;
use crate::calc::ladder::Sent;
use crate::error::{Error, Pos, Problem, Result};
pub use crate::letters::run::History;
use crate::messages::Text;
use std::io::Read;
use std::path::Path;

/// Reads every history file; a file that is not a manifest is an error naming it.
pub fn load(paths: &[impl AsRef<Path>]) -> Result<History> {
    let mut history = History::new();
    let mut problems = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = match read_manifest(path) {
            Ok(text) => text,
            Err(Error::Invalid(mut p)) => {
                problems.append(&mut p);
                continue;
            }
            Err(e) => return Err(e),
        };
        if let Err(p) = parse(&name, &text, &mut history) {
            problems.push(p);
        }
    }
    if problems.is_empty() {
        Ok(history)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The manifest's text: the file itself, or `manifest.csv` inside a batch zip.
fn read_manifest(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    let bad = |m: Text| Error::invalid(Problem::text(Pos::file(&name), "--history", &m));
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => bad(Text::new("no-such-file")),
        _ => Error::io(path, e),
    })?;
    let bytes = if bytes.starts_with(b"PK") {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| bad(Text::new("history-bad-zip").arg("error", e)))?;
        let mut entry = archive
            .by_name("manifest.csv")
            .map_err(|_| bad(Text::new("history-no-manifest")))?;
        let mut out = Vec::new();
        entry
            .read_to_end(&mut out)
            .map_err(|e| Error::io(path, e))?;
        out
    } else {
        bytes
    };
    // A manifest Excel re-saved is GBK, without the BOM: the same decoding as the data.
    crate::data::text::decode(&name, &bytes, None).map_err(Error::invalid)
}

/// The columns of a manifest row `--history` reads, by header name (the others are not
/// needed; `level` is missing in manifests written before the ladder).
#[derive(Debug, serde::Deserialize)]
struct SentRow {
    id: String,
    kind: String,
    as_of: String,
    #[serde(default)]
    level: Option<String>,
}

/// Adds the letters of one manifest to `history`, keeping each id's latest.
fn parse(name: &str, text: &str, history: &mut History) -> Result<(), Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Problem::text(Pos::file(name), "--history", &Text::from(e.to_string())))?
        .clone();
    if !["id", "kind", "as_of"]
        .iter()
        .all(|h| headers.iter().any(|x| x == *h))
    {
        return Err(Problem::tr(
            Pos::file(name),
            "--history",
            "history-not-a-manifest",
            &[],
        ));
    }
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let row: SentRow = record
            .and_then(|r| r.deserialize(Some(&headers)))
            .map_err(|e| {
                Problem::tr(
                    Pos::new(name, line),
                    "",
                    "history-bad-row",
                    &[("error", e.to_string().into())],
                )
            })?;
        let bad = |column: &str, value: &str| {
            Problem::tr(
                Pos::new(name, line),
                column,
                "history-bad-value",
                &[("value", format!("{value:?}").into())],
            )
        };
        let (kind, as_of) = (row.kind.trim(), row.as_of.trim());
        let level = row
            .level
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        let sent = Sent {
            kind: kind.parse().map_err(|_| bad("kind", kind))?,
            level: match level {
                Some(l) => Some(l.parse().map_err(|_| bad("level", l))?),
                None => None,
            },
            // Excel re-saves dates as it shows them (2026/11/23): the data's date forms.
            as_of: parse_date(as_of).map_err(|_| bad("as_of", as_of))?,
        };
        // Cells were written formula-safe (SPEC 7): undo exactly that.
        let id = super::csv::plain(row.id.trim()).to_string();
        let newer = history
            .get(&id)
            .is_none_or(|old| (sent.as_of, sent.level) >= (old.as_of, old.level));
        if newer {
            history.insert(id, sent);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::LetterKind;

    #[test]
    fn keeps_the_latest_letter_per_id() {
        let mut h = History::new();
        let a = "\u{feff}id,name,kind,level,as_of\nA,x,reminder,1,2026-11-01\n'=B,y,demand,2,2026-11-01\n";
        let b = "id,kind,level,as_of\nA,demand,2,2026-11-15\nA,reminder,1,2026-10-01\n";
        parse("a.csv", a, &mut h).unwrap();
        parse("b.csv", b, &mut h).unwrap();
        assert_eq!(h["A"].kind, LetterKind::Demand);
        assert_eq!(h["A"].as_of.to_string(), "2026-11-15");
        assert_eq!(h["=B"].level, Some(2));
    }

    #[test]
    fn names_the_bad_cell() {
        let mut h = History::new();
        let e = parse("m.csv", "id,kind,as_of\nA,demand,someday\n", &mut h).unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.csv:2: as_of: \"someday\" is not valid here"
        );
        let e = parse("m.csv", "id,kind\nA,demand\n", &mut h).unwrap_err();
        assert!(e.to_string().contains("id, kind and as_of"), "{e}");
    }

    /// Issue 15: the manifest as Excel saves it again on a Chinese Windows — GBK without a
    /// BOM, CRLF, dates as shown (2026/11/23) — reads as the original.
    #[test]
    fn reads_a_manifest_excel_re_saved() {
        let text = "id,name,kind,lang,file,pages,print_file,print_page,outstanding,fee,total,deadline,bucket,sha256,level,as_of\r\n\
                    HT-1,张三,demand,zh,letters/HT-1-demand.pdf,1,print/001.pdf,1,100.00,0.00,100.00,2026/11/26,0-30,ab,2,2026/11/23\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert!(std::str::from_utf8(&gbk).is_err(), "the test file is GBK");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.csv");
        std::fs::write(&path, &gbk).unwrap();
        let h = load(&[&path]).unwrap();
        let sent = &h["HT-1"];
        assert_eq!(sent.kind, LetterKind::Demand);
        assert_eq!(sent.level, Some(2));
        assert_eq!(sent.as_of.to_string(), "2026-11-23");
    }
}
