//! The send log (`ZIP.sent.csv`, SPEC 9): one line per message and outcome,
//! `id,email,message_id,status,reply,time`, appended and flushed to disk before the next
//! message, read back at the start of every run. Its Message-IDs tie it to its zip.

use crate::error::{Error, Pos, Problem, Result};
use crate::messages::{Text, for_id};
use crate::output::csv::{plain, safe};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// What became of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The server accepted it: never sent again.
    Sent,
    /// The server refused it (5xx): sent again only with `--retry-failed`.
    Failed,
    /// A temporary refusal (4xx) or a lost connection after every try: sent next run.
    Deferred,
    /// The letter has no email address.
    Skipped,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::Failed => "failed",
            Status::Deferred => "deferred",
            Status::Skipped => "skipped",
        }
    }
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRow {
    pub id: String,
    pub email: String,
    pub message_id: String,
    pub status: Status,
    /// The server's reply (or why there was none).
    pub reply: String,
    /// When, RFC 3339 with the local offset.
    pub time: String,
}

const HEADER: &str = "id,email,message_id,status,reply,time";

/// The open log of a zip: the latest line of every id, and the file to append to.
pub struct SendLog {
    pub path: PathBuf,
    /// The latest line of each id.
    pub latest: HashMap<String, LogRow>,
    file: File,
}

impl SendLog {
    /// Reads the log at `path` (a missing one is empty) and opens it for appending.
    /// `message_id(id)` is what this zip gives the letter `id`; a line that disagrees
    /// belongs to another zip, and is an error. A last line cut short (the process was
    /// killed while writing it) is dropped.
    pub fn open(path: &Path, message_id: impl Fn(&str) -> Option<String>) -> Result<SendLog> {
        // Locked before it is read: a second run at the same time would send everything twice.
        let file = Self::append_file(path)?;
        let latest = read(path, &message_id)?;
        Ok(SendLog {
            path: path.to_path_buf(),
            latest,
            file,
        })
    }

    /// Only reads the log (`--dry-run` writes nothing).
    pub fn read_only(
        path: &Path,
        message_id: impl Fn(&str) -> Option<String>,
    ) -> Result<HashMap<String, LogRow>> {
        read(path, &message_id)
    }

    fn append_file(path: &Path) -> Result<File> {
        let io = |e| Error::io(path, e);
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(io)?;
        if let Err(e) = file.try_lock() {
            let e = match e {
                std::fs::TryLockError::WouldBlock => std::io::Error::new(
                    std::io::ErrorKind::WouldBlock,
                    "another `dunning send` is using this log (two runs at once would send twice)",
                ),
                std::fs::TryLockError::Error(e) => e,
            };
            return Err(io(e));
        }
        let mut text = Vec::new();
        file.read_to_end(&mut text).map_err(io)?;
        // Whatever follows the last newline was cut short by a kill: it never counted.
        let keep = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if keep < text.len() {
            file.set_len(keep as u64)
                .and_then(|()| file.seek(SeekFrom::End(0)).map(drop))
                .map_err(io)?;
        }
        if keep == 0 {
            file.write_all(format!("\u{feff}{HEADER}\n").as_bytes())
                .map_err(io)?;
        }
        file.sync_all().map_err(io)?;
        Ok(file)
    }

    /// Appends a line and flushes it to disk before returning.
    pub fn append(&mut self, row: LogRow) -> Result<()> {
        let mut w = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        let status = row.status.name();
        w.write_record([
            safe(&row.id).as_ref(),
            safe(&row.email).as_ref(),
            safe(&row.message_id).as_ref(),
            status,
            safe(&row.reply).as_ref(),
            row.time.as_str(),
        ])
        .map_err(|e| Error::io(&self.path, e.into()))?;
        let line = w
            .into_inner()
            .map_err(|e| Error::io(&self.path, e.into_error()))?;
        self.file
            .write_all(&line)
            .and_then(|()| self.file.sync_data())
            .map_err(|e| Error::io(&self.path, e))?;
        self.latest.insert(row.id.clone(), row);
        Ok(())
    }
}

fn read(
    path: &Path,
    message_id: &dyn Fn(&str) -> Option<String>,
) -> Result<HashMap<String, LogRow>> {
    let shown = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let bad = |line: usize, column: &str, m: Text| {
        Error::invalid(Problem::text(Pos::new(&shown, line), column, &m))
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // A last line without its newline was cut short by a kill: it never counted.
    let complete = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(i) => &bytes[..=i],
        None => &bytes[..0],
    };
    let mut reader = ::csv::Reader::from_reader(complete);
    let header = reader
        .headers()
        .map_err(|e| bad(1, "", Text::new("log-unreadable").arg("error", e)))?;
    if !complete.is_empty() && header.iter().collect::<Vec<_>>().join(",") != HEADER {
        return Err(bad(1, "", Text::new("log-not-a-log").arg("header", HEADER)));
    }
    let mut latest = HashMap::new();
    for (i, record) in reader.deserialize::<LogRow>().enumerate() {
        let line = i + 2;
        let mut row =
            record.map_err(|e| bad(line, "", Text::new("log-bad-line").arg("error", e)))?;
        for cell in [
            &mut row.id,
            &mut row.email,
            &mut row.message_id,
            &mut row.reply,
        ] {
            *cell = plain(cell).to_string();
        }
        match message_id(&row.id) {
            None => {
                return Err(bad(
                    line,
                    "id",
                    for_id(&row.id, &Text::new("log-other-zip-id")),
                ));
            }
            // The part naming the zip (`<ZIP16.`); the domain may follow a changed From.
            Some(expected) if zip_part(&expected) != zip_part(&row.message_id) => {
                return Err(bad(
                    line,
                    "message_id",
                    for_id(
                        &row.id,
                        &Text::new("log-other-zip-message")
                            .arg("found", &row.message_id)
                            .arg("expected", &expected),
                    ),
                ));
            }
            Some(_) => {}
        }
        latest.insert(row.id.clone(), row);
    }
    Ok(latest)
}

fn zip_part(message_id: &str) -> &str {
    message_id.split('.').next().unwrap_or(message_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, status: Status) -> LogRow {
        LogRow {
            id: id.into(),
            email: "a@example.cn".into(),
            message_id: format!("<z.{id}@example.cn>"),
            status,
            reply: "=250 ok, queued".into(),
            time: "2026-11-23T09:00:00+08:00".into(),
        }
    }

    fn mid(id: &str) -> Option<String> {
        Some(format!("<z.{id}@example.cn>"))
    }

    #[test]
    fn appends_reads_back_and_drops_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.zip.sent.csv");
        let mut log = SendLog::open(&path, mid).unwrap();
        log.append(row("A", Status::Deferred)).unwrap();
        log.append(row("A", Status::Sent)).unwrap();
        log.append(row("B", Status::Failed)).unwrap();
        drop(log);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("\u{feff}id,email,message_id,status,reply,time\nA,"),
            "{text}"
        );
        assert!(text.contains(",sent,\"'=250 ok, queued\","), "{text}");
        // Killed in the middle of a line.
        std::fs::write(&path, format!("{text}C,a@example.cn,<z.C@exa")).unwrap();
        let mut log = SendLog::open(&path, mid).unwrap();
        assert_eq!(log.latest["A"].status, Status::Sent);
        assert_eq!(log.latest["A"].reply, "=250 ok, queued");
        assert_eq!(log.latest["B"].status, Status::Failed);
        assert!(!log.latest.contains_key("C"));
        log.append(row("C", Status::Sent)).unwrap();
        let again = SendLog::read_only(&path, mid).unwrap();
        assert_eq!(again["C"].status, Status::Sent);
        assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 5);
    }

    #[test]
    fn one_run_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.zip.sent.csv");
        let first = SendLog::open(&path, mid).unwrap();
        let e = SendLog::open(&path, mid).err().unwrap().to_string();
        assert!(
            e.contains("another `dunning send` is using this log"),
            "{e}"
        );
        drop(first);
        assert!(SendLog::open(&path, mid).is_ok());
    }

    #[test]
    fn a_log_of_another_zip_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.zip.sent.csv");
        SendLog::open(&path, mid)
            .unwrap()
            .append(row("A", Status::Sent))
            .unwrap();
        let other = |id: &str| Some(format!("<y.{id}@example.cn>"));
        let e = SendLog::read_only(&path, other).unwrap_err().to_string();
        assert!(
            e.contains(":2: message_id: A: <z.A@example.cn> is not this zip's message"),
            "{e}"
        );
        let e = SendLog::read_only(&path, |_| None).unwrap_err().to_string();
        assert!(e.contains("no such letter in the zip"), "{e}");
        std::fs::write(&path, "a,b\n1,2\n").unwrap();
        let e = SendLog::read_only(&path, mid).unwrap_err().to_string();
        assert!(e.contains(":1: not a send log"), "{e}");
    }
}
