//! The letters' manifest rows as a batch writes them, kept in a temporary file beside the
//! zip instead of in memory: a batch of a million letters holds no row per letter until it
//! finishes. Read back in input order (manifest.csv, report.xlsx, a shard's letters) or one
//! at a time by position (mailing.csv, in postcode order).

use super::csv::{Cell, cells};
use super::reports::ManifestRow;
use crate::data::spill::{read_at, write_all_at};
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The rows so far: each a plain CSV record (nothing defused) of the manifest row's
/// columns, then what manifest.csv leaves out: the input position, address and postcode.
pub struct Spill {
    /// A file without a name (removed when closed, even by SIGKILL), written and read at
    /// explicit positions, so that reading it never moves where it is written.
    file: Arc<File>,
    /// Records not yet written to the file.
    pending: Vec<u8>,
    /// Bytes in the file.
    written: u64,
    /// Where the next record starts.
    end: u64,
    /// The folder, for messages.
    dir: PathBuf,
}

/// A spilled row: the letter's input position and its manifest row (address and postcode
/// included).
pub type Kept = (usize, ManifestRow);

/// Records are written to the file in pieces of about this size.
const PIECE: usize = 1 << 16;

impl Spill {
    /// An empty spill in `dir`, beside the output.
    pub fn create(dir: &Path) -> Result<Spill> {
        let file = tempfile::tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Spill {
            file: Arc::new(file),
            pending: Vec::with_capacity(PIECE),
            written: 0,
            end: 0,
            dir: dir.to_path_buf(),
        })
    }

    /// Appends a row; returns where it starts, for [`Rows::at`].
    pub fn push(&mut self, seq: usize, row: &ManifestRow) -> Result<u64> {
        let io = |e: std::io::Error| Error::io(&self.dir, e);
        let (_, values) = cells(row).map_err(io)?;
        let seq = seq.to_string();
        let extra = [seq.as_str(), &row.address, &row.postcode];
        let before = self.pending.len();
        let mut csv = ::csv::WriterBuilder::new()
            .buffer_capacity(1024)
            .from_writer(&mut self.pending);
        csv.write_record(values.iter().map(Cell::as_str).chain(extra))
            .map_err(|e| io(e.into()))?;
        csv.flush().map_err(io)?;
        drop(csv);
        let at = self.end;
        self.end += (self.pending.len() - before) as u64;
        if self.pending.len() >= PIECE {
            self.flush()?;
        }
        Ok(at)
    }

    fn flush(&mut self) -> Result<()> {
        write_all_at(&self.file, &self.pending, self.written)
            .map_err(|e| Error::io(&self.dir, e))?;
        self.written += self.pending.len() as u64;
        self.pending.clear();
        Ok(())
    }

    /// The rows written so far, to read back.
    pub fn rows(&mut self) -> Result<Rows> {
        self.flush()?;
        let header = ::csv::StringRecord::from(
            cells(&ManifestRow::default())
                .map_err(|e| Error::io(&self.dir, e))?
                .0,
        );
        let file = At {
            file: Arc::clone(&self.file),
            pos: 0,
            len: self.written,
        };
        Ok(Rows {
            csv: ::csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(file),
            header,
            record: ::csv::StringRecord::new(),
            dir: self.dir.clone(),
        })
    }
}

/// The spill file read from a position of its own, up to the rows written when it was
/// opened.
struct At {
    file: Arc<File>,
    pos: u64,
    len: u64,
}

impl Read for At {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = usize::try_from(self.len.saturating_sub(self.pos)).unwrap_or(usize::MAX);
        let n = buf.len().min(left);
        if n == 0 {
            return Ok(0);
        }
        let n = read_at(&self.file, &mut buf[..n], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for At {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
        Ok(self.pos)
    }
}

/// The spilled rows, read back.
pub struct Rows {
    csv: ::csv::Reader<At>,
    /// The manifest row's column names, to read its cells by name.
    header: ::csv::StringRecord,
    record: ::csv::StringRecord,
    /// The folder of the spill, for messages.
    dir: PathBuf,
}

/// The rows in input order, from the first (or from the one after the last read [`Rows::at`]).
impl Iterator for Rows {
    type Item = Result<Kept>;

    fn next(&mut self) -> Option<Result<Kept>> {
        match self.csv.read_record(&mut self.record) {
            Ok(true) => Some(self.parse()),
            Ok(false) => None,
            Err(e) => Some(Err(self.bad(e))),
        }
    }
}

impl Rows {
    /// The row that starts at `at` (as [`Spill::push`] returned); reading on continues
    /// from the row after it.
    pub fn at(&mut self, at: u64) -> Result<Kept> {
        let mut pos = ::csv::Position::new();
        pos.set_byte(at);
        self.csv.seek(pos).map_err(|e| self.bad(e))?;
        if !self
            .csv
            .read_record(&mut self.record)
            .map_err(|e| self.bad(e))?
        {
            return Err(self.bad(::csv::Error::from(std::io::Error::from(
                std::io::ErrorKind::UnexpectedEof,
            ))));
        }
        self.parse()
    }

    /// Back to the first row.
    pub fn rewind(&mut self) -> Result<()> {
        self.csv
            .seek(::csv::Position::new())
            .map_err(|e| self.bad(e))
    }

    fn parse(&mut self) -> Result<Kept> {
        let n = self.header.len();
        let extra = |i: usize| self.record.get(n + i).unwrap_or_default().to_string();
        let (seq, address, postcode) = (extra(0), extra(1), extra(2));
        self.record.truncate(n);
        let mut row: ManifestRow = self
            .record
            .deserialize(Some(&self.header))
            .map_err(|e| self.bad(e))?;
        row.address = address;
        row.postcode = postcode;
        let seq = seq
            .parse()
            .map_err(|_| self.bad(::csv::Error::from(std::io::Error::other("bad position"))))?;
        Ok((seq, row))
    }

    /// The spill is this run's own file: one that does not read back is a bug or a disk
    /// that failed.
    fn bad(&self, e: ::csv::Error) -> Error {
        Error::io(&self.dir, std::io::Error::other(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::money::Money;
    use rust_decimal_macros::dec;

    #[test]
    fn rows_read_back_as_written_in_order_and_by_position() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::create(dir.path()).unwrap();
        let rows: Vec<ManifestRow> = ["=cmd", "a,\"b\"\nc", "", "张三"]
            .iter()
            .enumerate()
            .map(|(i, name)| ManifestRow {
                id: format!("A{i}"),
                name: name.to_string(),
                outstanding: Money(dec!(12.5)),
                level: (i % 2 == 0).then_some(i),
                address: format!("{name}\r\n路{i}"),
                postcode: if i == 1 {
                    " 010010 ".into()
                } else {
                    String::new()
                },
                ..ManifestRow::default()
            })
            .collect();
        let at: Vec<u64> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| spill.push(10 + i, r).unwrap())
            .collect();
        let mut back = spill.rows().unwrap();
        let same = |(seq, r): Kept, i: usize| {
            let want = &rows[i];
            assert_eq!(seq, 10 + i);
            assert_eq!(
                (&r.id, &r.name, &r.address, &r.postcode, r.level),
                (
                    &want.id,
                    &want.name,
                    &want.address,
                    &want.postcode,
                    want.level
                )
            );
            assert_eq!(r.outstanding, want.outstanding);
        };
        for i in 0..rows.len() {
            same(back.next().unwrap().unwrap(), i);
        }
        assert!(back.next().is_none());
        for i in [2, 0, 3, 1] {
            same(back.at(at[i]).unwrap(), i);
        }
        back.rewind().unwrap();
        same(back.next().unwrap().unwrap(), 0);
        // More rows after reading: the spill goes on.
        spill.push(99, &rows[0]).unwrap();
        let back = spill.rows().unwrap();
        assert_eq!(back.map(Result::unwrap).count(), 5);
        // The spill has no name: nothing is left in the folder, whatever ends the run.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
