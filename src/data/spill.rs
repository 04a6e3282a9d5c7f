//! Records kept in a temporary file instead of in memory: the rows as they are read, until
//! the rows of each id are merged into its letter, and the letters a run keeps, each read
//! back when it is checked or rendered. A run holds a position per record (8 bytes), not
//! the record (about a kilobyte), so memory does not grow with the data.
//!
//! The records are a private binary form written and read by this run only: strings with
//! their length, amounts as `Decimal`'s 16 bytes, dates as days.

use super::Cell;
use super::builder::Row;
use super::debtor::{DatedPayment, DebtItem, Debtor, Fields};
use crate::calc::money::Money;
use crate::calc::{Lang, LetterKind};
use crate::error::{Error, Pos, Result, intern};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// What a spill file holds. Only this module encodes and decodes, so every kind of
/// record is written and read in one place.
pub trait Record: Sized {
    fn encode(&self, out: &mut Vec<u8>);
    /// `None` for a record cut short or too long: never a value made up.
    fn decode(buf: &[u8]) -> Option<Self>;
}

impl Record for Debtor {
    fn encode(&self, out: &mut Vec<u8>) {
        encode(self, out)
    }

    fn decode(buf: &[u8]) -> Option<Self> {
        decode(buf)
    }
}

impl Record for Row {
    fn encode(&self, out: &mut Vec<u8>) {
        let Row {
            id,
            pos,
            fields,
            items,
            payments,
        } = self;
        put_str(out, id);
        put_pos(out, pos);
        put_u64(out, fields.len() as u64);
        for (cell, at) in fields {
            put_str(out, &cell.column);
            put_str(out, &cell.value);
            put_u64(out, cell.line as u64);
            put_pos(out, at);
        }
        put_items(out, items);
        put_payments(out, payments);
    }

    fn decode(buf: &[u8]) -> Option<Self> {
        let mut r = Reader(buf);
        let id = r.string()?;
        let pos = r.pos()?;
        let fields = r.list(|r| {
            let cell = Cell {
                column: r.string()?,
                value: r.string()?,
                line: r.usize()?,
            };
            Some((cell, r.pos()?))
        })?;
        let items = r.items()?;
        let payments = r.payments()?;
        r.0.is_empty().then_some(Row {
            id,
            pos,
            fields,
            items,
            payments,
        })
    }
}

/// Records being written to a file without a name (removed when closed, even by SIGKILL),
/// in a folder the caller chose (beside a batch's output) or the system's temporary folder.
pub struct Writer<T> {
    out: BufWriter<File>,
    /// Where each record starts, and the end of the last.
    starts: Vec<u64>,
    record: Vec<u8>,
    dir: PathBuf,
    kind: PhantomData<fn(T)>,
}

impl<T: Record> Writer<T> {
    pub fn new(dir: Option<&Path>) -> Result<Writer<T>> {
        let dir = dir.map_or_else(std::env::temp_dir, Path::to_path_buf);
        let file = tempfile::tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Writer {
            out: BufWriter::with_capacity(1 << 16, file),
            starts: vec![0],
            record: Vec::new(),
            dir,
            kind: PhantomData,
        })
    }

    /// Appends one record; returns its index.
    pub fn push(&mut self, r: &T) -> Result<usize> {
        self.record.clear();
        r.encode(&mut self.record);
        let dir = &self.dir;
        self.out
            .write_all(&self.record)
            .map_err(|e| Error::io(dir, e))?;
        let end = self.starts[self.starts.len() - 1] + self.record.len() as u64;
        self.starts.push(end);
        Ok(self.starts.len() - 2)
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The records written, to be read back.
    pub fn finish(self) -> Result<Spilled<T>> {
        let dir = self.dir;
        let file = self
            .out
            .into_inner()
            .map_err(|e| Error::io(&dir, e.into_error()))?;
        let mut starts = self.starts;
        starts.shrink_to_fit();
        Ok(Spilled {
            file,
            starts,
            dir,
            kind: PhantomData,
        })
    }
}

/// Records kept in a temporary file instead of in memory, each read back when needed:
/// a run holds a position per record (8 bytes), not the record (about a kilobyte), from
/// loading until its last letter is written. Read at explicit positions, so that workers
/// read at once.
pub struct Spilled<T = Debtor> {
    file: File,
    starts: Vec<u64>,
    /// The folder of the file, for messages.
    dir: PathBuf,
    kind: PhantomData<fn() -> T>,
}

impl<T: Record> Spilled<T> {
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th record written.
    pub fn get(&self, i: usize) -> Result<T> {
        let (Some(&start), Some(&end)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return Err(Error::Internal(format!("no record {i} was kept")));
        };
        let len = usize::try_from(end - start).map_err(|e| Error::Internal(e.to_string()))?;
        let mut buf = vec![0; len];
        read_exact_at(&self.file, &mut buf, start).map_err(|e| Error::io(&self.dir, e))?;
        T::decode(&buf).ok_or_else(|| Error::Internal(format!("record {i} kept unreadably")))
    }

    /// Every record, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = Result<T>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

fn encode(d: &Debtor, out: &mut Vec<u8>) {
    // Every field named: a field added to `Debtor` and not kept here does not compile.
    let Debtor {
        id,
        seq,
        pos,
        kind,
        lang,
        name,
        fields,
        items,
        payments,
        contract_date,
        documents_due,
        interrupted,
        daily_rate,
        grace_days,
        hold,
        level,
    } = d;
    put_str(out, id);
    put_u64(out, *seq as u64);
    put_pos(out, pos);
    let kind = kind.and_then(|k| LetterKind::ALL.iter().position(|&x| x == k));
    put_opt(out, kind, |out, k| put_u64(out, k as u64));
    put_opt(out, *lang, |out, l| out.push(u8::from(l == Lang::En)));
    put_str(out, name);
    put_u64(out, fields.iter().count() as u64);
    for (column, value) in fields.iter() {
        put_str(out, column);
        put_str(out, value);
    }
    put_items(out, items);
    put_payments(out, payments);
    for date in [contract_date, documents_due, interrupted] {
        put_opt(out, *date, put_date);
    }
    put_opt(out, *daily_rate, put_decimal);
    put_opt(out, *grace_days, |out, g| put_u64(out, u64::from(g)));
    out.push(u8::from(*hold));
    put_opt(out, *level, |out, l| put_u64(out, l as u64));
}

fn decode(buf: &[u8]) -> Option<Debtor> {
    let mut r = Reader(buf);
    let id = r.string()?;
    let seq = r.usize()?;
    let pos = r.pos()?;
    let kind = r.opt(|r| LetterKind::ALL.get(r.usize()?).copied())?;
    let lang = r.opt(|r| Some(if r.byte()? == 0 { Lang::Zh } else { Lang::En }))?;
    let name = r.string()?;
    let pairs = r.list(|r| Some((r.str()?, r.str()?)))?;
    let mut fields = Fields::default();
    fields.extend(pairs);
    let items = r.items()?;
    let payments = r.payments()?;
    let contract_date = r.opt(Reader::date)?;
    let documents_due = r.opt(Reader::date)?;
    let interrupted = r.opt(Reader::date)?;
    let daily_rate = r.opt(Reader::decimal)?;
    let grace_days = r.opt(|r| u32::try_from(r.u64()?).ok())?;
    let hold = r.byte()? != 0;
    let level = r.opt(Reader::usize)?;
    r.0.is_empty().then_some(Debtor {
        id,
        seq,
        pos,
        kind,
        lang,
        name,
        fields,
        items,
        payments,
        contract_date,
        documents_due,
        interrupted,
        daily_rate,
        grace_days,
        hold,
        level,
    })
}

fn put_items(out: &mut Vec<u8>, items: &[DebtItem]) {
    put_u64(out, items.len() as u64);
    for i in items {
        put_str(out, &i.item);
        put_decimal(out, i.amount_due.0);
        put_decimal(out, i.amount_paid.0);
        put_date(out, i.due_date);
        put_pos(out, &i.pos);
    }
}

fn put_payments(out: &mut Vec<u8>, payments: &[DatedPayment]) {
    put_u64(out, payments.len() as u64);
    for p in payments {
        put_date(out, p.date);
        put_decimal(out, p.amount.0);
        put_pos(out, &p.pos);
    }
}

fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A flag, then the value if there is one.
fn put_opt<T>(out: &mut Vec<u8>, v: Option<T>, put: impl FnOnce(&mut Vec<u8>, T)) {
    match v {
        Some(v) => {
            out.push(1);
            put(out, v);
        }
        None => out.push(0),
    }
}

fn put_decimal(out: &mut Vec<u8>, d: Decimal) {
    out.extend_from_slice(&d.serialize());
}

/// Days from 1 January of year 1 (CE), negative before it: every date chrono holds.
fn put_date(out: &mut Vec<u8>, d: NaiveDate) {
    out.extend_from_slice(&d.num_days_from_ce().to_le_bytes());
}

fn put_pos(out: &mut Vec<u8>, p: &Pos) {
    put_str(out, &p.file);
    put_opt(out, p.line, |out, l| put_u64(out, l as u64));
    put_opt(out, p.column, |out, c| put_u64(out, c as u64));
}

/// A record being read: each read takes from the front; `None` when it is too short.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    /// A string of the record itself, not copied.
    fn str(&mut self) -> Option<&'a str> {
        let n = self.usize()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    /// What [`put_opt`] wrote: `Some(None)` for no value, `None` for a record cut short.
    fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.byte()? {
            0 => Some(None),
            _ => read(self).map(Some),
        }
    }

    fn decimal(&mut self) -> Option<Decimal> {
        Some(Decimal::deserialize(self.take(16)?.try_into().ok()?))
    }

    fn date(&mut self) -> Option<NaiveDate> {
        let days = i32::from_le_bytes(self.take(4)?.try_into().ok()?);
        NaiveDate::from_num_days_from_ce_opt(days)
    }

    /// A count, then that many of what `read` reads.
    fn list<T>(&mut self, read: impl Fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        (0..self.u64()?).map(|_| read(self)).collect()
    }

    fn items(&mut self) -> Option<Vec<DebtItem>> {
        self.list(|r| {
            Some(DebtItem {
                item: r.string()?,
                amount_due: Money(r.decimal()?),
                amount_paid: Money(r.decimal()?),
                due_date: r.date()?,
                pos: r.pos()?,
            })
        })
    }

    fn payments(&mut self) -> Option<Vec<DatedPayment>> {
        self.list(|r| {
            Some(DatedPayment {
                date: r.date()?,
                amount: Money(r.decimal()?),
                pos: r.pos()?,
            })
        })
    }

    fn pos(&mut self) -> Option<Pos> {
        let file = intern(self.str()?);
        let line = self.opt(Reader::usize)?;
        let column = self.opt(Reader::usize)?;
        Some(Pos { file, line, column })
    }
}

/// Reads `buf.len()` bytes at `at`, however many reads that takes.
fn read_exact_at(file: &File, mut buf: &mut [u8], mut at: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match read_at(file, buf, at)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
pub(crate) fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(unix)]
pub(crate) fn write_all_at(file: &File, buf: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, at)
}

#[cfg(windows)]
pub(crate) fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

#[cfg(windows)]
pub(crate) fn write_all_at(file: &File, mut buf: &[u8], mut at: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, buf, at)?;
        if n == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        buf = &buf[n..];
        at += n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A debtor with every field set (and one with none) comes back as it went in.
    #[test]
    fn debtors_come_back_as_they_were_written() {
        let mut fields = Fields::default();
        fields.extend([("address", "北京市朝阳区建国路1号"), ("postcode", "010010")]);
        let full = Debtor {
            id: "HT-1".into(),
            seq: 7,
            pos: Pos::new("欠款.csv", 3),
            kind: Some(LetterKind::LawyerLetter),
            lang: Some(Lang::En),
            name: "张三".into(),
            fields,
            items: vec![DebtItem {
                item: "第3期房款".into(),
                amount_due: Money(dec!(12345.67)),
                amount_paid: Money(dec!(0.01)),
                due_date: date("2026-02-28"),
                pos: Pos {
                    column: Some(4),
                    ..Pos::new("欠款.csv", 4)
                },
            }],
            payments: vec![DatedPayment {
                date: date("2026-03-01"),
                amount: Money(dec!(-5)),
                pos: Pos::new("b.yaml", 9),
            }],
            contract_date: Some(date("2025-01-31")),
            documents_due: Some(date("2026-12-31")),
            interrupted: Some(date("2024-06-30")),
            daily_rate: Some(dec!(0.0005)),
            grace_days: Some(3),
            hold: true,
            level: Some(2),
        };
        let pos = Pos {
            line: None,
            ..Pos::new("-", 1)
        };
        let empty = Debtor {
            lang: Some(Lang::Zh),
            ..Debtor::new(String::new(), 0, pos)
        };
        let dir = tempfile::tempdir().unwrap();
        let mut out = Writer::new(Some(dir.path())).unwrap();
        out.push(&full).unwrap();
        out.push(&empty).unwrap();
        let spilled = out.finish().unwrap();
        assert_eq!(spilled.len(), 2);
        assert_eq!(
            format!("{:?}", spilled.get(0).unwrap()),
            format!("{full:?}")
        );
        assert_eq!(
            format!("{:?}", spilled.get(1).unwrap()),
            format!("{empty:?}")
        );
        assert!(matches!(spilled.get(2), Err(Error::Internal(_))));
        // A record cut short is an error, not a debtor made up.
        let mut record = Vec::new();
        encode(&full, &mut record);
        assert!(decode(&record[..record.len() - 1]).is_none());
        assert!(decode(&[record.as_slice(), &[0]].concat()).is_none());
        let all: Vec<String> = spilled.iter().map(|d| d.unwrap().id).collect();
        assert_eq!(all, ["HT-1", ""]);
    }

    /// A row as parsed, with a value from a YAML line of its own, comes back as it went in.
    #[test]
    fn rows_come_back_as_they_were_written() {
        let cell = |column: &str, value: &str, line| {
            let cell = Cell {
                column: column.into(),
                value: value.into(),
                line,
            };
            (cell, Pos::new("b.yaml", line))
        };
        let row = Row {
            id: "C-9".into(),
            pos: Pos::new("b.yaml", 2),
            fields: vec![cell("name", "某公司", 3), cell("phone", "138", 7)],
            items: vec![DebtItem {
                item: "租金".into(),
                amount_due: Money(dec!(100.5)),
                amount_paid: Money::ZERO,
                due_date: date("2026-10-01"),
                pos: Pos::new("b.yaml", 5),
            }],
            payments: vec![],
        };
        let dir = tempfile::tempdir().unwrap();
        let mut out = Writer::new(Some(dir.path())).unwrap();
        assert_eq!(out.push(&row).unwrap(), 0);
        assert_eq!(out.push(&row).unwrap(), 1);
        let spilled = out.finish().unwrap();
        assert_eq!(spilled.len(), 2);
        assert_eq!(format!("{:?}", spilled.get(1).unwrap()), format!("{row:?}"));
        let mut record = Vec::new();
        row.encode(&mut record);
        assert!(Row::decode(&record[..record.len() - 1]).is_none());
    }
}
