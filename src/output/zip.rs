//! The batch zip, written atomically: a temporary file beside the target, renamed when
//! complete. Dropped before `finish` (an error, a panic), the temporary file is removed;
//! killed outright, only the temporary name can remain — never a file at the target.

use super::atomic::dir_of;
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A zip being written under a temporary name.
pub struct ZipOut {
    target: PathBuf,
    zip: ZipWriter<BufWriter<NamedTempFile>>,
    /// Every entry gets the letter date as its time, so the same run gives the same bytes.
    time: zip::DateTime,
}

impl ZipOut {
    pub fn create(target: &Path, date: NaiveDate) -> Result<ZipOut> {
        let dir = dir_of(target);
        let tmp = super::temp::create(dir, ".zip.tmp").map_err(|e| Error::io(dir, e))?;
        let time = zip::DateTime::from_date_and_time(
            date.year().clamp(1980, 2107) as u16,
            date.month() as u8,
            date.day() as u8,
            0,
            0,
            0,
        )
        .unwrap_or_default();
        Ok(ZipOut {
            target: target.to_path_buf(),
            zip: ZipWriter::new(BufWriter::with_capacity(1 << 20, tmp)),
            time,
        })
    }

    /// Adds one entry; PDFs are stored (already compressed), text is deflated.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.start(name, bytes.len() as u64)?;
        self.zip
            .write_all(bytes)
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
        self.start(name, len)?;
        let mut done = 0;
        let mut released = 0;
        while done < map.len() {
            // As `write_all` does: all the rest, again after an interruption.
            let n = match self.zip.write(&map[done..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                written => written.map_err(|e| Error::io(&self.target, e))?,
            };
            if n == 0 {
                let e = std::io::Error::from(std::io::ErrorKind::WriteZero);
                return Err(Error::io(&self.target, e));
            }
            done += n;
            // The pages passed (whole megabytes of them) leave this process's memory.
            let upto = done & !(RELEASE - 1);
            if upto > released {
                release(&map, released, upto - released);
                released = upto;
            }
        }
        Ok(())
    }

    /// The folder the zip is written in, where temporary files go.
    pub fn dir(&self) -> &Path {
        dir_of(&self.target)
    }

    /// Starts an entry of `len` bytes.
    fn start(&mut self, name: &str, len: u64) -> Result<()> {
        let method = if name.ends_with(".pdf") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(self.time)
            .unix_permissions(0o644)
            .large_file(len >= u64::from(u32::MAX));
        self.zip
            .start_file(name, options)
            .map_err(|e| self.failed(e))
    }

    /// Completes the zip and moves it to the target path.
    pub fn finish(self) -> Result<()> {
        let target = self.target;
        let writer = self
            .zip
            .finish()
            .map_err(|e| Error::io(&target, std::io::Error::other(e)))?;
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

    fn failed(&self, e: zip::result::ZipError) -> Error {
        match e {
            zip::result::ZipError::Io(io) => Error::io(&self.target, io),
            other => Error::io(&self.target, std::io::Error::other(other)),
        }
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
