//! The batch zip, written atomically: a temporary file beside the target, renamed when
//! complete. Dropped before `finish` (an error, a panic), the temporary file is removed;
//! killed outright, only the temporary name can remain — never a file at the target.

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
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
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
        let method = if name.ends_with(".pdf") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(self.time)
            .unix_permissions(0o644)
            .large_file(bytes.len() as u64 >= u64::from(u32::MAX));
        self.zip
            .start_file(name, options)
            .map_err(|e| self.failed(e))?;
        self.zip
            .write_all(bytes)
            .map_err(|e| Error::io(&self.target, e))
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
