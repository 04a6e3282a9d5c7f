//! The one place that implements Typst's `World`: embedded fonts, and files only from the
//! template directory (built-in templates, overridden file by file by `--templates DIR`)
//! plus the configured seal and logo. No package imports, no other file, no network.

use super::fonts::Fonts;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// What every letter of a run shares: built once, read by every per-letter world.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    pub(crate) fonts: Fonts,
    files: Files,
}

/// The files a document may read.
struct Files {
    /// Built-in files by virtual path (`/base.typ`).
    builtin: HashMap<String, &'static [u8]>,
    /// `--templates DIR`, canonicalised; its files win over the built-in ones.
    dir: Option<PathBuf>,
    /// Images named in the config, under `/assets/`.
    assets: HashMap<String, Bytes>,
    /// Files read so far, so each is read and parsed once per run.
    bytes: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
}

impl Engine {
    /// `builtin` maps virtual paths to embedded bytes; `assets` are extra files (seal, logo).
    pub fn new(
        builtin: HashMap<String, &'static [u8]>,
        dir: Option<&Path>,
        assets: HashMap<String, Bytes>,
    ) -> std::io::Result<Engine> {
        let fonts = Fonts::embedded();
        let dir = dir.map(std::fs::canonicalize).transpose()?;
        Ok(Engine {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(fonts.book.clone()),
            fonts,
            files: Files {
                builtin,
                dir,
                assets,
                bytes: Mutex::default(),
                sources: Mutex::default(),
            },
        })
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// The file id of a path inside the template directory (interned once per path by Typst).
    pub fn file_id(path: &str) -> Option<FileId> {
        let vpath = VirtualPath::new(path).ok()?;
        Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
    }

    /// A world that compiles `source` (the letter, at `main`) dated `today`.
    pub fn world<'a>(&'a self, main: FileId, source: String, today: NaiveDate) -> LetterWorld<'a> {
        LetterWorld {
            engine: self,
            main,
            source: Source::new(main, source),
            today,
        }
    }

    /// Every file read so far, by virtual path, sorted: what `merge` needs to lay out again.
    pub fn files_read(&self) -> Vec<(String, Bytes)> {
        let cache = self.files.bytes.lock().unwrap_or_else(|e| e.into_inner());
        let mut files: Vec<(String, Bytes)> = cache
            .iter()
            .filter_map(|(id, bytes)| {
                Some((
                    id.get().vpath().get_with_slash().to_string(),
                    bytes.clone().ok()?,
                ))
            })
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// Reads a file of the template directory; the sandbox of SPEC 7.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        let mut cache = self.files.bytes.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(id)
            .or_insert_with(|| self.files.load(id))
            .clone()
    }
}

impl Files {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        if !matches!(rooted.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "package imports are not allowed in letter templates".into(),
            )));
        }
        let vpath = rooted.vpath();
        let key = vpath.get_with_slash().to_string();
        if let Some(bytes) = self.assets.get(&key) {
            return Ok(bytes.clone());
        }
        if let Some(dir) = &self.dir {
            let path = vpath.realize(dir).map_err(|_| FileError::AccessDenied)?;
            match std::fs::canonicalize(&path) {
                // A symlink may not lead out of the template directory.
                Ok(real) if !real.starts_with(dir) => return Err(FileError::AccessDenied),
                Ok(real) if real.is_dir() => return Err(FileError::IsDirectory),
                Ok(real) => {
                    return std::fs::read(&real)
                        .map(Bytes::new)
                        .map_err(|e| FileError::from_io(e, &real));
                }
                Err(_) => {}
            }
        }
        match self.builtin.get(&key) {
            Some(bytes) => Ok(Bytes::new(*bytes)),
            None => Err(FileError::NotFound(PathBuf::from(key))),
        }
    }
}

/// The world of one letter: shared engine, the letter's own source, its date.
pub struct LetterWorld<'a> {
    engine: &'a Engine,
    main: FileId,
    source: Source,
    today: NaiveDate,
}

impl LetterWorld<'_> {
    pub fn source_of(&self, id: FileId) -> Option<Source> {
        self.source(id).ok()
    }
}

impl World for LetterWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            return Ok(self.source.clone());
        }
        let mut cache = self
            .engine
            .files
            .sources
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(s) = cache.get(&id) {
            return s.clone();
        }
        let result = self.engine.read(id).and_then(|bytes| {
            let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text.to_string()))
        });
        cache.insert(id, result.clone());
        result
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main {
            return Ok(Bytes::from_string(self.source.clone()));
        }
        self.engine.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.fonts.get(index).cloned()
    }

    /// The letter date (`--as-of`), so `datetime.today()` is deterministic.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(
            self.today.year(),
            self.today.month() as u8,
            self.today.day() as u8,
        )
    }
}
