//! `--history`: the letters earlier runs sent, read from their zips or manifest.csv files,
//! so that a repeated run neither re-sends a letter nor forgets to escalate.

use crate::calc::ladder::Sent;
use crate::error::{Error, Pos, Problem, Result};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// The last letter sent to each id over all history files.
pub type History = HashMap<String, Sent>;

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
    let bad = |m: String| Error::invalid(Problem::new(Pos::file(&name), "--history", m));
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => bad("no such file".into()),
        _ => Error::io(path, e),
    })?;
    let bytes = if bytes.starts_with(b"PK") {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| bad(format!("not a readable zip: {e}")))?;
        let mut entry = archive
            .by_name("manifest.csv")
            .map_err(|_| bad("no manifest.csv in this zip: not a dunning batch".into()))?;
        let mut out = Vec::new();
        entry
            .read_to_end(&mut out)
            .map_err(|e| Error::io(path, e))?;
        out
    } else {
        bytes
    };
    String::from_utf8(bytes).map_err(|_| bad("manifest is not UTF-8".into()))
}

/// Adds the letters of one manifest to `history`, keeping each id's latest.
fn parse(name: &str, text: &str, history: &mut History) -> Result<(), Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Problem::new(Pos::file(name), "--history", e.to_string()))?
        .clone();
    let col = |h: &str| headers.iter().position(|x| x == h);
    let (Some(id), Some(kind), Some(as_of)) = (col("id"), col("kind"), col("as_of")) else {
        return Err(Problem::new(
            Pos::file(name),
            "--history",
            "not a dunning manifest with id, kind and as_of columns",
        ));
    };
    let level = col("level");
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| Problem::new(Pos::new(name, line), "", e.to_string()))?;
        let field = |c: usize| record.get(c).unwrap_or("").trim();
        let bad = |column: &str, value: &str| {
            Problem::new(
                Pos::new(name, line),
                column,
                format!("{value:?} is not valid here"),
            )
        };
        // Cells were written formula-safe (SPEC 7): undo exactly that.
        let id = crate::output::csv::plain(field(id)).to_string();
        let sent = Sent {
            kind: field(kind).parse().map_err(|_| bad("kind", field(kind)))?,
            level: match level.map(field).filter(|l| !l.is_empty()) {
                Some(l) => Some(l.parse().map_err(|_| bad("level", l))?),
                None => None,
            },
            as_of: field(as_of)
                .parse()
                .map_err(|_| bad("as_of", field(as_of)))?,
        };
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
    use crate::kinds::LetterKind;

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
}
