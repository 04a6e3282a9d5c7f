//! The fixture shared by the end-to-end tests: a fresh temporary working directory per
//! test, the runs of the real `dunning` binary in it, the helpers that read the rendered
//! PDFs back (in Rust, see `pdf`: no PDF tool is needed), and readers for the zips and CSV
//! files the tool writes.
//!
//! Each test crate uses only part of this, hence `dead_code` is allowed here.

#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

// ---------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------

/// The date every letter and batch test runs at (`--as-of`).
pub const AS_OF: &str = "2026-11-23";

/// A fresh temporary working directory for one test.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    /// A new empty directory, named after the test crate (`dunning-cli-…`, `dunning-letters-…`).
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::Builder::new()
                .prefix(concat!("dunning-", env!("CARGO_CRATE_NAME"), "-"))
                .tempdir()
                .expect("create temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file (any bytes) into the work directory, creating parent directories.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent dir");
        }
        std::fs::write(&path, bytes).expect("write fixture");
        self
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    pub fn read_text(&self, name: &str) -> String {
        String::from_utf8(self.read(name)).expect("UTF-8 file")
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    /// Every file under the work directory, as sorted relative paths with `/`.
    pub fn files(&self) -> Vec<String> {
        fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("read dir") {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    walk(base, &path, out);
                } else {
                    let rel = path.strip_prefix(base).expect("under base");
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let mut out = Vec::new();
        walk(self.root(), self.root(), &mut out);
        out.sort();
        out
    }

    /// Every entry (files and directories, hidden ones too) directly in `sub`, sorted.
    pub fn list(&self, sub: &str) -> Vec<String> {
        let mut out: Vec<String> = std::fs::read_dir(self.path(sub))
            .unwrap_or_else(|e| panic!("read dir {sub:?}: {e}"))
            .map(|e| {
                e.expect("dir entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        out.sort();
        out
    }

    /// The binary with `args`, run in a subdirectory of the work directory (`""`: the
    /// directory itself).
    fn command_in(&self, sub: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dunning"));
        cmd.args(args)
            .current_dir(self.path(sub))
            .env_remove("RUST_BACKTRACE")
            .env("NO_COLOR", "1")
            // The messages these tests pin are English whatever the machine's locale;
            // a test of the Chinese ones sets DUNNING_UI=zh itself.
            .env("DUNNING_UI", "en");
        cmd
    }

    /// Runs the binary in the work directory with no stdin.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in("", args)
    }

    /// Runs the binary in the work directory with these environment variables set.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = self
            .command_in("", args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .output()
            .expect("run dunning");
        Run::new(args, output)
    }

    /// Runs the binary with its stdout closed before it writes (`dunning … | head` whose
    /// reader has gone): the exit status and stderr.
    pub fn run_closed_stdout(&self, args: &[&str]) -> Output {
        let mut child = self
            .command_in("", args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dunning");
        drop(child.stdout.take());
        child.wait_with_output().expect("wait for dunning")
    }

    /// Runs the binary in a subdirectory of the work directory (`""`: the directory itself).
    pub fn run_in(&self, sub: &str, args: &[&str]) -> Run {
        let output = self
            .command_in(sub, args)
            .stdin(Stdio::null())
            .output()
            .expect("run dunning");
        Run::new(args, output)
    }

    /// Runs the binary in the work directory with `input` on stdin.
    pub fn run_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        let mut child = self
            .command_in("", args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dunning");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
        let output = child.wait_with_output().expect("wait for dunning");
        Run::new(args, output)
    }
}

/// The result of one run of the binary.
pub struct Run {
    args: String,
    output: Output,
}

impl Run {
    fn new(args: &[&str], output: Output) -> Run {
        Run {
            args: args.join(" "),
            output,
        }
    }

    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// The command, its exit code and everything it printed, for failure messages. Lossy, so
    /// that describing a run never panics itself.
    pub fn describe(&self) -> String {
        format!(
            "`dunning {}` exited with {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args,
            self.code(),
            String::from_utf8_lossy(&self.output.stdout),
            String::from_utf8_lossy(&self.output.stderr)
        )
    }

    #[track_caller]
    pub fn must_succeed(self) -> Run {
        assert_eq!(self.code(), Some(0), "{}", self.describe());
        self
    }

    #[track_caller]
    pub fn must_fail(self, code: i32) -> Run {
        assert_eq!(self.code(), Some(code), "{}", self.describe());
        self
    }

    pub fn stdout_bytes(&self) -> &[u8] {
        &self.output.stdout
    }

    /// Stdout, which must be UTF-8.
    pub fn stdout(&self) -> String {
        String::from_utf8(self.output.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Stderr, which must be UTF-8.
    pub fn stderr(&self) -> String {
        String::from_utf8(self.output.stderr.clone()).expect("stderr is UTF-8")
    }

    /// Stdout parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.output.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", self.describe()))
    }

    /// The first line of stderr.
    pub fn first_error(&self) -> String {
        self.stderr().lines().next().unwrap_or("").to_string()
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr().contains(needle),
            "stderr should contain {needle:?}\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr().contains(needle),
            "stderr must not contain {needle:?}\n{}",
            self.describe()
        );
        self
    }
}

// ---------------------------------------------------------------------------------------
// The PDFs written, read back in Rust (see `pdf`)
// ---------------------------------------------------------------------------------------

mod pdf;

#[allow(unused_imports)] // each test crate uses some of them
pub use pdf::{Word, pdf_info, pdf_page_text, pdf_pages, pdf_text, pdf_words};

/// Text without whitespace or soft hyphens, for searching across line breaks.
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

#[track_caller]
pub fn assert_text_has(text: &str, needle: &str, what: &str) {
    assert!(
        squeeze(text).contains(&squeeze(needle)),
        "{what}: the PDF text should contain {needle:?}\n--- PDF text ---\n{text}"
    );
}

#[track_caller]
pub fn assert_text_lacks(text: &str, needle: &str, what: &str) {
    assert!(
        !squeeze(text).contains(&squeeze(needle)),
        "{what}: the PDF text must not contain {needle:?}\n--- PDF text ---\n{text}"
    );
}

// ---------------------------------------------------------------------------------------
// Zips and the CSV files in them
// ---------------------------------------------------------------------------------------

impl Workdir {
    /// Every entry of a zip in the work directory, in stored order.
    pub fn zip_entries(&self, name: &str) -> Vec<(String, Vec<u8>)> {
        let bytes = self.read(name);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .unwrap_or_else(|e| panic!("{name} is not a zip: {e}"));
        (0..archive.len())
            .map(|i| {
                let mut f = archive.by_index(i).expect("zip entry");
                let mut data = Vec::new();
                f.read_to_end(&mut data).expect("read zip entry");
                (f.name().expect("entry name").to_string(), data)
            })
            .collect()
    }
}

/// One entry's bytes.
#[track_caller]
pub fn entry<'a>(zip: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    zip.iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b.as_slice())
        .unwrap_or_else(|| {
            let names: Vec<&str> = zip.iter().map(|(n, _)| n.as_str()).collect();
            panic!("no {name} in the zip: {names:?}")
        })
}

/// A CSV the tool wrote (UTF-8 with BOM): its header and its rows as column → value.
#[track_caller]
pub fn csv_rows(bytes: &[u8], what: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
    let body = text
        .strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("{what} does not start with a UTF-8 BOM:\n{text}"));
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("CSV header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

#[track_caller]
pub fn cell<'a>(row: &'a BTreeMap<String, String>, column: &str) -> &'a str {
    row.get(column)
        .unwrap_or_else(|| panic!("no column {column:?} in {row:?}"))
}

/// The XMP metadata declares PDF/A-2b, in element or attribute form.
pub fn declares_pdf_a_2b(pdf: &[u8]) -> bool {
    let text = String::from_utf8_lossy(pdf);
    let part = text.contains("<pdfaid:part>2</pdfaid:part>") || text.contains("pdfaid:part=\"2\"");
    let conformance = text.contains("<pdfaid:conformance>B</pdfaid:conformance>")
        || text.contains("pdfaid:conformance=\"B\"");
    part && conformance
}
