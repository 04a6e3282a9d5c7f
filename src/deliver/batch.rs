//! A batch zip as `send` reads it: its sha256 (the Message-IDs and the send log are tied to
//! it), the manifest's letters, and each letter's PDF — all checked before anything is sent.

use crate::config::parse_mailbox;
use crate::error::{Error, Pos, Problem, Result};
use crate::messages::{Text, for_id};
use crate::output::csv::plain;
use crate::output::reports::ManifestRow;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The manifest columns `send` needs.
const NEEDED: [&str; 6] = ["id", "name", "lang", "file", "sha256", "email"];

/// An opened, verified batch zip.
pub struct Batch {
    pub path: PathBuf,
    /// The zip's own sha256, in hex.
    pub sha256: String,
    /// The manifest's letters in its order; text cells read back as the data had them.
    pub letters: Vec<ManifestRow>,
    archive: zip::ZipArchive<File>,
}

impl Batch {
    /// Opens the zip and checks it: a manifest with an `email` column, every listed PDF
    /// present and matching its sha256, every address an RFC 5322 mailbox. All problems
    /// are reported together.
    pub fn open(path: &Path) -> Result<Batch> {
        let name = path.display().to_string();
        let bad = |m: Text| Error::invalid(Problem::text(Pos::file(&name), "", &m));
        let mut file = File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::not_found(&name),
            _ => Error::io(path, e),
        })?;
        let sha256 = hash(&mut file).map_err(|e| Error::io(path, e))?;
        let mut archive = zip::ZipArchive::new(file)
            .map_err(|e| bad(Text::new("zip-not-a-zip").arg("error", e)))?;
        let manifest = read_entry(&mut archive, "manifest.csv")
            .map_err(|_| bad(Text::new("send-no-manifest")))?;
        let shown = format!("{name}:manifest.csv");
        let letters = parse_manifest(&shown, &manifest)?;
        let mut problems = Vec::new();
        for (i, row) in letters.iter().enumerate() {
            let pos = Pos::new(&shown, i + 2);
            match read_entry(&mut archive, &row.file) {
                Ok(pdf) if hex(&Sha256::digest(&pdf)) == row.sha256 => {}
                Ok(_) => problems.push(
                    Problem::text(
                        pos.clone(),
                        "sha256",
                        &for_id(
                            &row.id,
                            &Text::new("send-sha256-mismatch").arg("file", &row.file),
                        ),
                    )
                    .with_id(&row.id),
                ),
                Err(_) => problems.push(
                    Problem::text(
                        pos.clone(),
                        "file",
                        &for_id(
                            &row.id,
                            &Text::new("send-file-missing").arg("file", &row.file),
                        ),
                    )
                    .with_id(&row.id),
                ),
            }
            if !row.email.trim().is_empty()
                && let Err(e) = parse_mailbox(&row.email)
            {
                problems.push(Problem::text(pos, "email", &for_id(&row.id, &e)).with_id(&row.id));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(Batch {
            path: path.to_path_buf(),
            sha256,
            letters,
            archive,
        })
    }

    /// The PDF of a letter of this zip, by its entry.
    pub fn pdf(&mut self, entry: &str) -> Result<Vec<u8>> {
        read_entry(&mut self.archive, entry).map_err(|e| Error::io(&self.path, e))
    }
}

/// The manifest's rows, by header name; a manifest without the columns `send` needs is an
/// error that says which.
fn parse_manifest(shown: &str, bytes: &[u8]) -> Result<Vec<ManifestRow>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let bad = |line: usize, m: Text| {
        let pos = if line == 0 {
            Pos::file(shown)
        } else {
            Pos::new(shown, line)
        };
        Error::invalid(Problem::text(pos, "", &m))
    };
    let mut reader = ::csv::Reader::from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| bad(1, Text::new("manifest-unreadable").arg("error", e)))?
        .clone();
    let missing: Vec<&str> = NEEDED
        .iter()
        .copied()
        .filter(|n| !headers.iter().any(|h| h == *n))
        .collect();
    if !missing.is_empty() {
        let key = if missing == ["email"] {
            "manifest-no-email"
        } else {
            "manifest-missing"
        };
        return Err(bad(1, Text::new(key).arg("columns", missing.join(", "))));
    }
    let mut rows = Vec::new();
    for (i, record) in reader.deserialize::<ManifestRow>().enumerate() {
        let mut row =
            record.map_err(|e| bad(i + 2, Text::new("manifest-bad-row").arg("error", e)))?;
        for cell in [
            &mut row.id,
            &mut row.name,
            &mut row.kind,
            &mut row.lang,
            &mut row.file,
            &mut row.email,
        ] {
            *cell = plain(cell).to_string();
        }
        rows.push(row);
    }
    Ok(rows)
}

fn hash(file: &mut File) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read_entry(archive: &mut zip::ZipArchive<File>, entry: &str) -> std::io::Result<Vec<u8>> {
    let mut f = archive.by_name(entry).map_err(std::io::Error::other)?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}
