//! The batch zip, written atomically: a temporary file beside the target, renamed when
//! complete. Dropped before `finish` (an error, a panic), the temporary file is removed;
//! killed outright, only the temporary name can remain — never a file at the target.
//!
//! Written here rather than with the `zip` crate's writer, which keeps a record of every
//! entry (its name three times, extra fields, an index: ~400 bytes) until the central
//! directory is written at the end — 40 MB at 100,000 letters, 400 MB at a million. Here
//! each entry's central header goes to an unnamed temporary file as soon as the entry is
//! written and is copied in after the last one, so memory stays flat. The bytes are the
//! ones `zip` 9.8 writes for the same entries (the tests compare the two, ZIP64 included);
//! the crate still reads zips.

use super::atomic::dir_of;
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use flate2::Compression;
use flate2::write::DeflateEncoder;
use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// A zip being written under a temporary name.
pub struct ZipOut {
    target: PathBuf,
    zip: Archive<BufWriter<NamedTempFile>>,
}

impl ZipOut {
    pub fn create(target: &Path, date: NaiveDate) -> Result<ZipOut> {
        let dir = dir_of(target);
        let tmp = super::temp::create(dir, ".zip.tmp").map_err(|e| Error::io(dir, e))?;
        let out = BufWriter::with_capacity(1 << 20, tmp);
        let zip = Archive::new(out, dir, date).map_err(|e| Error::io(dir, e))?;
        Ok(ZipOut {
            target: target.to_path_buf(),
            zip,
        })
    }

    /// Adds one entry; PDFs are stored (already compressed), everything else is deflated.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        let large = bytes.len() as u64 >= ZIP64_LIMIT;
        self.zip
            .add(name, bytes, large)
            .map_err(|e| Error::io(&self.target, e))
    }

    /// Adds an entry that `write` writes, by way of a temporary file beside the zip: for a
    /// report too long to build in memory. The same bytes as [`ZipOut::add`] of the whole:
    /// DEFLATE's output depends on how much input each call sees, so the compressor is
    /// handed all the rest of the file each time, as `add` hands it all the rest of a
    /// buffer — the file mapped, and the pages it has passed let go, never in memory.
    pub fn add_written(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut (dyn Write + Send)) -> Result<()>,
    ) -> Result<()> {
        let dir = self.dir().to_path_buf();
        // Without a name: removed when closed, even if the run is killed.
        let mut tmp = tempfile::tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut out = BufWriter::new(&mut tmp);
        write(&mut out)?;
        out.flush().map_err(|e| Error::io(&dir, e))?;
        drop(out);
        let len = tmp.metadata().map_err(|e| Error::io(&dir, e))?.len();
        if len == 0 {
            return self.add(name, &[]);
        }
        // SAFETY: the file is this run's own, without a name, written in full above and
        // neither written nor truncated while it is mapped.
        let map = unsafe { memmap2::Mmap::map(&tmp) }.map_err(|e| Error::io(&dir, e))?;
        self.zip
            .add_mapped(name, &map, len >= ZIP64_LIMIT)
            .map_err(|e| Error::io(&self.target, e))
    }

    /// The folder the zip is written in, where temporary files go.
    pub fn dir(&self) -> &Path {
        dir_of(&self.target)
    }

    /// Completes the zip and moves it to the target path.
    pub fn finish(self) -> Result<()> {
        let target = self.target;
        let writer = self.zip.finish().map_err(|e| Error::io(&target, e))?;
        let tmp = writer
            .into_inner()
            .map_err(|e| Error::io(&target, e.into_error()))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| Error::io(&target, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::Permissions::from_mode(0o644);
            tmp.as_file()
                .set_permissions(mode)
                .map_err(|e| Error::io(&target, e))?;
        }
        super::temp::release(tmp.path());
        tmp.persist(&target)
            .map_err(|e| Error::io(&target, e.error))?;
        Ok(())
    }
}

/// Sizes and offsets from here on do not fit the classic 32-bit fields: ZIP64.
const ZIP64_LIMIT: u64 = u32::MAX as u64;
/// More entries than this need ZIP64's end record.
const MAX_ENTRIES: u64 = u16::MAX as u64;
/// The `zip` crate's default DEFLATE level (flate2's default).
const LEVEL: u32 = 6;

/// The zip format over any seekable writer: the entries, then the central directory,
/// whose headers wait in a temporary file meanwhile.
struct Archive<W: Write + Seek> {
    out: W,
    /// Where the next byte goes in `out`.
    at: u64,
    /// The central headers of the entries so far.
    directory: BufWriter<File>,
    /// Their bytes so far.
    directory_len: u64,
    /// Entries so far. Their names are unique by construction (letters get
    /// `BatchWriter::unique_name`, every other entry a fixed name), so none is checked.
    entries: u64,
    /// The highest version any entry needs, for ZIP64's end record.
    version: u16,
    /// Every entry's time, in MS-DOS form: the letter date at midnight.
    date: u16,
}

impl<W: Write + Seek> Archive<W> {
    /// An archive starting where `out` is; its directory waits in `dir`.
    fn new(mut out: W, dir: &Path, date: NaiveDate) -> std::io::Result<Archive<W>> {
        let at = out.stream_position()?;
        Ok(Archive {
            out,
            at,
            directory: BufWriter::new(tempfile::tempfile_in(dir)?),
            directory_len: 0,
            entries: 0,
            version: 10,
            date: dos_date(date),
        })
    }

    /// Adds an entry from memory: its header written once, with its sizes and checksum.
    fn add(&mut self, name: &str, bytes: &[u8], large: bool) -> std::io::Result<()> {
        let deflated = is_deflated(name);
        let compressed;
        let data = if deflated {
            let mut encoder = DeflateEncoder::new(Vec::new(), Compression::new(LEVEL));
            encoder.write_all(bytes)?;
            compressed = encoder.finish()?;
            &compressed[..]
        } else {
            bytes
        };
        let entry = Entry {
            name,
            deflated,
            large,
            crc: crc32fast::hash(bytes),
            compressed: data.len() as u64,
            size: bytes.len() as u64,
            at: self.at,
        };
        let header = entry.local(self.date)?;
        self.out.write_all(&header)?;
        self.out.write_all(data)?;
        self.at += (header.len() + data.len()) as u64;
        self.record(&entry)
    }

    /// Adds an entry from a mapped file, compressed as it streams out and its header
    /// written again at the end, when its checksum and sizes are known; the pages passed
    /// are let go as it goes.
    fn add_mapped(&mut self, name: &str, map: &memmap2::Mmap, large: bool) -> std::io::Result<()> {
        let mut entry = Entry {
            name,
            deflated: is_deflated(name),
            large,
            crc: 0,
            compressed: 0,
            size: map.len() as u64,
            at: self.at,
        };
        let header = entry.local(self.date)?;
        self.out.write_all(&header)?;
        let mut crc = crc32fast::Hasher::new();
        let mut out = Counted {
            out: &mut self.out,
            len: 0,
        };
        let mut sink = if entry.deflated {
            Sink::Deflate(DeflateEncoder::new(&mut out, Compression::new(LEVEL)))
        } else {
            Sink::Store(&mut out)
        };
        let mut done = 0;
        let mut released = 0;
        while done < map.len() {
            // As `write_all` does: all the rest, again after an interruption.
            let n = match sink.write(&map[done..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                written => written?,
            };
            if n == 0 {
                return Err(std::io::ErrorKind::WriteZero.into());
            }
            crc.update(&map[done..done + n]);
            done += n;
            // The pages passed (whole megabytes of them) leave this process's memory.
            let upto = done & !(RELEASE - 1);
            if upto > released {
                release(map, released, upto - released);
                released = upto;
            }
        }
        sink.finish()?;
        entry.crc = crc.finalize();
        entry.compressed = out.len;
        let end = self.at + header.len() as u64 + out.len;
        self.out.seek(SeekFrom::Start(entry.at))?;
        self.out.write_all(&entry.local(self.date)?)?;
        self.out.seek(SeekFrom::Start(end))?;
        self.at = end;
        self.record(&entry)
    }

    /// Puts an entry's central header into the directory.
    fn record(&mut self, entry: &Entry) -> std::io::Result<()> {
        let header = entry.central(self.date)?;
        self.directory.write_all(&header)?;
        self.directory_len += header.len() as u64;
        self.entries += 1;
        self.version = self.version.max(entry.version());
        Ok(())
    }

    /// Writes the central directory and the end records; returns the writer.
    fn finish(mut self) -> std::io::Result<W> {
        let start = self.at;
        let len = self.directory_len;
        let mut directory = self.directory.into_inner().map_err(|e| e.into_error())?;
        directory.seek(SeekFrom::Start(0))?;
        let copied = std::io::copy(&mut std::io::Read::take(directory, len), &mut self.out)?;
        if copied != len {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let mut end = Vec::with_capacity(98);
        // `>`, not `>=` as for an entry's offset: so the zip crate decides, and so the bytes.
        let zip64 = self.entries > MAX_ENTRIES || start.max(len) > ZIP64_LIMIT;
        if zip64 {
            end.extend(0x0606_4b50u32.to_le_bytes());
            end.extend(44u64.to_le_bytes());
            end.extend(self.version.to_le_bytes());
            end.extend(self.version.to_le_bytes());
            end.extend([0; 8]); // this disk, the directory's disk
            end.extend(self.entries.to_le_bytes());
            end.extend(self.entries.to_le_bytes());
            end.extend(len.to_le_bytes());
            end.extend(start.to_le_bytes());
            end.extend(0x0706_4b50u32.to_le_bytes());
            end.extend(0u32.to_le_bytes());
            end.extend((start + len).to_le_bytes());
            end.extend(1u32.to_le_bytes());
        }
        let entries = self.entries.min(MAX_ENTRIES) as u16;
        end.extend(0x0605_4b50u32.to_le_bytes());
        end.extend([0; 4]); // this disk, the directory's disk
        end.extend(entries.to_le_bytes());
        end.extend(entries.to_le_bytes());
        let len32 = if zip64 {
            ZIP64_LIMIT
        } else {
            len.min(ZIP64_LIMIT)
        };
        end.extend((len32 as u32).to_le_bytes());
        end.extend((start.min(ZIP64_LIMIT) as u32).to_le_bytes());
        end.extend(0u16.to_le_bytes()); // no comment
        self.out.write_all(&end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A date in MS-DOS form, which holds the years 1980–2107: a year outside them is taken as
/// the nearest, and a day that year lacks (29 February 2108 in 2107) as 1 January 1980 —
/// as the zip crate's conversion did, so the bytes stay the same.
fn dos_date(date: NaiveDate) -> u16 {
    let year = date.year().clamp(1980, 2107);
    match NaiveDate::from_ymd_opt(year, date.month(), date.day()) {
        Some(_) => ((year as u16 - 1980) << 9) | ((date.month() as u16) << 5) | date.day() as u16,
        None => (1 << 5) | 1,
    }
}

/// PDFs are stored (already compressed), everything else deflated (xlsx too).
fn is_deflated(name: &str) -> bool {
    !name.ends_with(".pdf")
}

/// One entry as its headers describe it.
struct Entry<'a> {
    name: &'a str,
    deflated: bool,
    /// Sizes in a ZIP64 field (set for entries of 4 GiB or more).
    large: bool,
    crc: u32,
    compressed: u64,
    size: u64,
    /// Where its local header starts.
    at: u64,
}

impl Entry<'_> {
    /// The PKZIP version needed to extract it (APPNOTE 4.4.3.2).
    fn version(&self) -> u16 {
        match (self.large, self.deflated) {
            (true, _) => 45,
            (false, true) => 20,
            (false, false) => 10,
        }
    }

    /// The fields local and central headers share, from the version needed to the CRC.
    fn common(&self, date: u16) -> [u8; 14] {
        // Bit 11: the name is UTF-8 (a `&str` always is; ASCII needs no flag).
        let flags: u16 = if self.name.is_ascii() { 0 } else { 0x0800 };
        let method: u16 = if self.deflated { 8 } else { 0 };
        let mut out = [0; 14];
        out[0..2].copy_from_slice(&self.version().to_le_bytes());
        out[2..4].copy_from_slice(&flags.to_le_bytes());
        out[4..6].copy_from_slice(&method.to_le_bytes());
        // Time 00:00:00, then the date.
        out[8..10].copy_from_slice(&date.to_le_bytes());
        out[10..14].copy_from_slice(&self.crc.to_le_bytes());
        out
    }

    /// The two sizes as the 32-bit fields hold them: the ZIP64 marker when large.
    fn sizes(&self) -> std::io::Result<[u8; 8]> {
        let (compressed, size) = if self.large {
            (ZIP64_LIMIT, ZIP64_LIMIT)
        } else if self.compressed >= ZIP64_LIMIT || self.size >= ZIP64_LIMIT {
            return Err(std::io::Error::other(format!(
                "{}: 4 GiB or more, not marked as a large file",
                self.name
            )));
        } else {
            (self.compressed, self.size)
        };
        let mut out = [0; 8];
        out[0..4].copy_from_slice(&(compressed as u32).to_le_bytes());
        out[4..8].copy_from_slice(&(size as u32).to_le_bytes());
        Ok(out)
    }

    /// The name's length; refused when the header holding it (`fixed` bytes and `extra`
    /// bytes of extra fields besides) would pass the format's 64 KiB (APPNOTE 4.4.10).
    fn name_len(&self, fixed: usize, extra: usize) -> std::io::Result<[u8; 2]> {
        if fixed + self.name.len() + extra > u16::MAX as usize {
            let name: String = self.name.chars().take(60).collect();
            return Err(std::io::Error::other(format!(
                "{name}…: a file name too long for a zip"
            )));
        }
        Ok((self.name.len() as u16).to_le_bytes())
    }

    /// The local file header (APPNOTE 4.3.7) with, when large, a ZIP64 field of both sizes.
    fn local(&self, date: u16) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(30 + self.name.len() + 20);
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(self.common(date));
        let extra_len: u16 = if self.large { 20 } else { 0 };
        out.extend(self.sizes()?);
        out.extend(self.name_len(30, extra_len as usize)?);
        out.extend(extra_len.to_le_bytes());
        out.extend(self.name.as_bytes());
        if self.large {
            out.extend(1u16.to_le_bytes());
            out.extend(16u16.to_le_bytes());
            out.extend(self.size.to_le_bytes());
            out.extend(self.compressed.to_le_bytes());
        }
        Ok(out)
    }

    /// The central directory header (APPNOTE 4.3.12): made on Unix (on every system, so the
    /// bytes are the same everywhere), a file of mode 0644, and a
    /// ZIP64 field with the sizes when large and the offset when past 4 GiB.
    fn central(&self, date: u16) -> std::io::Result<Vec<u8>> {
        let far = self.at >= ZIP64_LIMIT;
        let zip64_len = if self.large { 16u16 } else { 0 } + if far { 8 } else { 0 };
        let extra_len = if zip64_len > 0 { 4 + zip64_len } else { 0 };
        let mut out = Vec::with_capacity(46 + self.name.len() + extra_len as usize);
        out.extend(0x0201_4b50u32.to_le_bytes());
        out.extend(((3u16 << 8) | self.version()).to_le_bytes());
        out.extend(self.common(date));
        out.extend(self.sizes()?);
        out.extend(self.name_len(46, extra_len as usize)?);
        out.extend(extra_len.to_le_bytes());
        out.extend([0; 6]); // no comment; disk 0; no internal attributes
        out.extend((0o100644u32 << 16).to_le_bytes()); // a regular file, rw-r--r--
        out.extend((self.at.min(ZIP64_LIMIT) as u32).to_le_bytes());
        out.extend(self.name.as_bytes());
        if zip64_len > 0 {
            out.extend(1u16.to_le_bytes());
            out.extend(zip64_len.to_le_bytes());
            if self.large {
                out.extend(self.size.to_le_bytes());
                out.extend(self.compressed.to_le_bytes());
            }
            if far {
                out.extend(self.at.to_le_bytes());
            }
        }
        Ok(out)
    }
}

/// Counts what passes through to the zip.
struct Counted<'a, W: Write> {
    out: &'a mut W,
    len: u64,
}

impl<W: Write> Write for Counted<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Where a streamed entry's bytes go: straight out, or through DEFLATE.
enum Sink<'a, W: Write> {
    Store(&'a mut W),
    Deflate(DeflateEncoder<&'a mut W>),
}

impl<W: Write> Sink<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Store(out) => out.write(buf),
            Sink::Deflate(encoder) => encoder.write(buf),
        }
    }

    /// Ends the DEFLATE stream, if any.
    fn finish(self) -> std::io::Result<()> {
        if let Sink::Deflate(encoder) = self {
            encoder.finish()?;
        }
        Ok(())
    }
}

/// How much of a mapped file is passed before it is let go.
const RELEASE: usize = 1 << 20;

/// Drops `len` bytes from `at` of a mapping from this process's resident memory (they are
/// read again from the file if touched again).
fn release(map: &memmap2::Mmap, at: usize, len: usize) {
    #[cfg(unix)]
    // SAFETY: a read-only mapping of a file that does not change: a page let go reads back
    // the same bytes. Only advice: a failure changes nothing but memory.
    unsafe {
        let _ = map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, at, len);
    }
    #[cfg(not(unix))]
    let _ = (map, at, len);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    /// A writer whose first byte is at `base`: offsets past 4 GiB without writing 4 GiB.
    struct Offset {
        base: u64,
        bytes: Cursor<Vec<u8>>,
    }

    impl Offset {
        fn at(base: u64) -> Offset {
            Offset {
                base,
                bytes: Cursor::new(Vec::new()),
            }
        }
    }

    impl Write for Offset {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.bytes.write(buf)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Offset {
        fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
            let pos = match pos {
                SeekFrom::Start(p) => SeekFrom::Start(p - self.base),
                other => other,
            };
            Ok(self.bytes.seek(pos)? + self.base)
        }
    }

    #[derive(Clone, Copy, PartialEq)]
    enum How {
        /// `add` of bytes in memory.
        Memory,
        /// `add_mapped` of a file.
        Mapped,
        /// `add` with the sizes in a ZIP64 field.
        Large,
        /// `add_mapped` with the sizes in a ZIP64 field, patched after the data.
        MappedLarge,
    }

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn ours(base: u64, entries: &[(String, Vec<u8>, How)]) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let mut zip = Archive::new(Offset::at(base), dir.path(), date()).unwrap();
        for (name, bytes, how) in entries {
            match how {
                How::Memory => zip.add(name, bytes, false).unwrap(),
                How::Large => zip.add(name, bytes, true).unwrap(),
                How::Mapped | How::MappedLarge => {
                    let mut file = tempfile::tempfile().unwrap();
                    file.write_all(bytes).unwrap();
                    let map = unsafe { memmap2::Mmap::map(&file) }.unwrap();
                    zip.add_mapped(name, &map, *how == How::MappedLarge)
                        .unwrap();
                }
            }
        }
        zip.finish().unwrap().bytes.into_inner()
    }

    /// The same entries through the `zip` crate's writer, as this module used to write them.
    fn theirs(base: u64, entries: &[(String, Vec<u8>, How)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Offset::at(base));
        let time = zip::DateTime::from_date_and_time(2026, 11, 23, 0, 0, 0).unwrap();
        for (name, bytes, how) in entries {
            let method = if name.ends_with(".pdf") {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            let options = SimpleFileOptions::default()
                .compression_method(method)
                .last_modified_time(time)
                .unix_permissions(0o644)
                .system(zip::System::Unix)
                .large_file(matches!(how, How::Large | How::MappedLarge));
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().bytes.into_inner()
    }

    /// Text like a report's (repetitive, but not only) and bytes like a PDF's.
    fn sample() -> Vec<(String, Vec<u8>, How)> {
        let mut seed = 1u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        let text: Vec<u8> = (0..6000)
            .flat_map(|i| {
                format!(
                    "B{i:07},王五{},{}.{:02},2026-11-23\n",
                    next() % 97,
                    next() % 100000,
                    next() % 100
                )
                .into_bytes()
            })
            .collect();
        let pdf: Vec<u8> = (0..70_000).map(|_| next() as u8).collect();
        let entry = |name: &str, bytes: &[u8], how| (name.to_string(), bytes.to_vec(), how);
        vec![
            entry("letters/B0000001-demand.pdf", &pdf, How::Memory),
            entry("letters/王五-demand.pdf", &pdf[..1000], How::Memory),
            entry("empty.pdf", b"", How::Memory),
            entry("manifest.csv", &text, How::Mapped),
            entry("mailing.csv", &text[..50_000], How::Memory),
            entry("aging.csv", b"", How::Memory),
            entry("report.xlsx", &text[1000..], How::Mapped),
            entry("big.csv", &text[..3000], How::Large),
            entry("big-report.csv", &text[..90_000], How::MappedLarge),
            entry("print/001.pdf", &pdf[..5000], How::Large),
        ]
    }

    /// Fails naming the first byte where the two differ, and the bytes around it.
    fn same(ours: &[u8], theirs: &[u8], what: &str) {
        let at = ours.iter().zip(theirs).position(|(a, b)| a != b);
        let at = at.unwrap_or(ours.len().min(theirs.len()));
        if ours.len() != theirs.len() || at < ours.len() {
            let around = |b: &[u8]| b[at.saturating_sub(8)..(at + 8).min(b.len())].to_vec();
            panic!(
                "{what}: first difference at byte {at} of {} / {}: ours {:?}, theirs {:?}",
                ours.len(),
                theirs.len(),
                around(ours),
                around(theirs)
            );
        }
    }

    #[test]
    fn the_same_bytes_as_the_zip_crate() {
        let entries = sample();
        let bytes = ours(0, &entries);
        same(&bytes, &theirs(0, &entries), "from 0");
        // And they read back.
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        for (name, content, _) in &entries {
            let mut file = archive.by_name(name).unwrap();
            let mut read = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut read).unwrap();
            assert_eq!(&read, content, "{name}");
        }
    }

    #[test]
    fn the_same_bytes_past_4_gib() {
        let entries = sample();
        // Just below (the directory starts past 4 GiB), at, and well past the limit.
        for base in [ZIP64_LIMIT - 100_000, ZIP64_LIMIT, 5 << 30] {
            same(
                &ours(base, &entries),
                &theirs(base, &entries),
                &format!("from {base}"),
            );
        }
        // A directory starting at 0xFFFFFFFF exactly (after 30 + 5 + 1 bytes of the one
        // entry), and one byte later: ZIP64's end record only past it.
        let one = vec![("a.pdf".to_string(), b"x".to_vec(), How::Memory)];
        for base in [ZIP64_LIMIT - 36, ZIP64_LIMIT - 35] {
            same(
                &ours(base, &one),
                &theirs(base, &one),
                &format!("one from {base}"),
            );
        }
    }

    #[test]
    fn dates_as_the_zip_crate_converted_them() {
        // 2026-11-23: (46 << 9) | (11 << 5) | 23 = 23552 + 352 + 23 = 23927.
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(dos_date(day("2026-11-23")), 23927);
        for date in [
            "1979-06-01",
            "2024-02-29",
            "2107-12-31",
            "2108-02-29",
            "2999-12-31",
        ] {
            let d = day(date);
            let old = zip::DateTime::from_date_and_time(
                d.year().clamp(1980, 2107) as u16,
                d.month() as u8,
                d.day() as u8,
                0,
                0,
                0,
            )
            .unwrap_or_default();
            assert_eq!(dos_date(d), old.datepart(), "{date}");
        }
    }

    #[test]
    fn the_same_bytes_with_65535_entries_and_more() {
        let mut entries: Vec<_> = (0..MAX_ENTRIES)
            .map(|i| (format!("letters/{i}.pdf"), vec![i as u8], How::Memory))
            .collect();
        same(&ours(0, &entries), &theirs(0, &entries), "65,535 entries");
        entries.push(("last.pdf".to_string(), vec![1], How::Memory));
        same(&ours(0, &entries), &theirs(0, &entries), "65,536 entries");
    }
}
