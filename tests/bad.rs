//! The hostile-input corpus (issue 6, SPEC 3 and 7): every directory under `tests/bad/` is one
//! bad or hostile input with the run that must refuse it (or render it harmlessly). One test
//! runs them all against the release binary and reports every case that fails, not just the
//! first.
//!
//! A case is its input files plus `case.txt`, one `key: value` a line (`#` starts a comment):
//!
//! | key | meaning |
//! |---|---|
//! | `args:` | the command line, split at spaces (required) |
//! | `exit:` | the exit code (required) |
//! | `message:` | a fragment stdout or stderr must contain (any number) |
//! | `lacks:` | a fragment neither may contain (any number) |
//! | `writes:` | a file the run creates; nothing else may appear or change (any number) |
//! | `text:` | `FILE \| fragment`: the text of a PDF written, or `ZIP!ENTRY \| fragment` for an entry of a zip written (a PDF entry is read as text with `common::pdf_text`) |
//! | `generate:` | `KIND FILE`: a large input made at run time (`big-name`, `million-rows`) |
//! | `symlink:` | `LINK -> TARGET`, made at run time |
//! | `env:` | `NAME=VALUE` for the run |
//! | `max-rss-mb:` | the run's peak resident memory must stay below this |
//!
//! Every run must also end without a panic and leave no temporary file.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// One parsed `case.txt`.
#[derive(Debug, Default)]
struct Case {
    args: Vec<String>,
    exit: i32,
    messages: Vec<String>,
    lacks: Vec<String>,
    writes: Vec<String>,
    texts: Vec<(String, String)>,
    generate: Vec<(String, String)>,
    symlinks: Vec<(String, String)>,
    env: Vec<(String, String)>,
    max_rss_mb: Option<u64>,
}

fn parse_case(text: &str) -> Result<Case, String> {
    let mut case = Case {
        exit: -1,
        ..Case::default()
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("line {}: no `key:`", n + 1))?;
        let value = value.strip_prefix(' ').unwrap_or(value).to_string();
        let pair = |sep: &str| -> Result<(String, String), String> {
            value
                .split_once(sep)
                .map(|(a, b)| (a.trim().to_string(), b.trim_start().to_string()))
                .ok_or_else(|| format!("line {}: expected `A{sep}B`", n + 1))
        };
        match key.trim() {
            "args" => case.args = value.split_whitespace().map(String::from).collect(),
            "exit" => case.exit = value.trim().parse().map_err(|_| "bad exit")?,
            "message" => case.messages.push(value),
            "lacks" => case.lacks.push(value),
            "writes" => case.writes.push(value.trim().to_string()),
            "text" => case.texts.push(pair(" | ")?),
            "generate" => case.generate.push(pair(" ")?),
            "symlink" => case.symlinks.push(pair(" -> ")?),
            "env" => case.env.push(pair("=")?),
            "max-rss-mb" => case.max_rss_mb = Some(value.trim().parse().map_err(|_| "bad mb")?),
            other => return Err(format!("line {}: unknown key {other:?}", n + 1)),
        }
    }
    if case.args.is_empty() || case.exit < 0 {
        return Err("args: and exit: are required".into());
    }
    Ok(case)
}

/// Large inputs, made at run time rather than committed.
fn generate(kind: &str, path: &Path) {
    use std::io::Write;
    let file = std::fs::File::create(path).expect("create generated input");
    let mut out = std::io::BufWriter::new(file);
    match kind {
        // A name of 1 MiB: one letter, otherwise valid.
        "big-name" => {
            write!(out, "id,name,amount_due,due_date\nA1,").unwrap();
            out.write_all(&vec![b'x'; 1 << 20]).unwrap();
            writeln!(out, ",100,2026-10-01").unwrap();
        }
        // 1,000,000 valid rows and one bad row at the very end.
        "million-rows" => {
            writeln!(out, "id,name,amount_due,due_date").unwrap();
            for i in 0..1_000_000 {
                writeln!(out, "R{i},张三,{}.50,2026-10-01", 100 + i % 9000).unwrap();
            }
            writeln!(out, "LAST,李四,12.345,2026-10-01").unwrap();
        }
        other => panic!("unknown generator {other:?}"),
    }
    out.flush().unwrap();
}

/// Every file under `dir` with its bytes, by relative path (symlinks as their target).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            let rel = path
                .strip_prefix(base)
                .expect("under base")
                .to_string_lossy()
                .into_owned();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).expect("read link");
                out.insert(rel, target.to_string_lossy().as_bytes().to_vec());
            } else if meta.is_dir() {
                walk(base, &path, out);
            } else {
                // Large generated inputs are compared by size only.
                let bytes = if meta.len() > 1 << 20 {
                    meta.len().to_le_bytes().to_vec()
                } else {
                    std::fs::read(&path).expect("read")
                };
                out.insert(rel, bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read case dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name");
        if name == "case.txt" {
            continue;
        }
        let dest = to.join(name);
        if path.is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy input");
        }
    }
}

/// Runs the binary and waits for it with `wait4`, for its exit code and peak memory.
// The child is reaped by `wait4`, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn run(dir: &Path, case: &Case) -> (Option<i32>, String, String, u64) {
    let out_path = dir.join(".case-stdout");
    let err_path = dir.join(".case-stderr");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dunning"));
    cmd.env("DUNNING_UI", "en");
    cmd.args(&case.args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"));
    for (k, v) in &case.env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("start dunning");
    let (code, max_rss_kb) = wait4(child.id() as i32);
    let read = |p: &Path| {
        let s = String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
        let _ = std::fs::remove_file(p);
        s
    };
    (code, read(&out_path), read(&err_path), max_rss_kb)
}

/// The exit code (`None` after a signal) and peak resident memory in KiB of a child.
fn wait4(pid: i32) -> (Option<i32>, u64) {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both pointers are valid.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, usage.ru_maxrss as u64)
}

/// The text of a written PDF, or of an entry of a written zip (`out.zip!manifest.csv`).
fn written_text(dir: &Path, spec: &str) -> Result<String, String> {
    let Some((zip_name, entry)) = spec.split_once('!') else {
        return Ok(pdf_text(&dir.join(spec)));
    };
    let file = std::fs::File::open(dir.join(zip_name)).map_err(|e| format!("{zip_name}: {e}"))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("{zip_name}: {e}"))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut zip
            .by_name(entry)
            .map_err(|e| format!("{zip_name}!{entry}: {e}"))?,
        &mut bytes,
    )
    .map_err(|e| e.to_string())?;
    if entry.ends_with(".pdf") {
        let scratch = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
        std::fs::write(scratch.path(), &bytes).map_err(|e| e.to_string())?;
        Ok(pdf_text(scratch.path()))
    } else {
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Runs one case; the problems found, empty when it passes.
fn check_case(case_dir: &Path) -> Vec<String> {
    let case = match std::fs::read_to_string(case_dir.join("case.txt"))
        .map_err(|e| e.to_string())
        .and_then(|t| parse_case(&t))
    {
        Ok(c) => c,
        Err(e) => return vec![format!("case.txt: {e}")],
    };
    let wd = Workdir::new();
    let dir = wd.root();
    copy_dir(case_dir, dir);
    for (kind, file) in &case.generate {
        generate(kind, &dir.join(file));
    }
    for (link, target) in &case.symlinks {
        #[cfg(unix)]
        std::os::unix::fs::symlink(target, dir.join(link)).expect("symlink");
    }
    let before = snapshot(dir);
    let started = Instant::now();
    let (code, stdout, stderr, rss_kb) = run(dir, &case);
    let seconds = started.elapsed().as_secs_f64();
    let after = snapshot(dir);
    let mut failures = Vec::new();
    let mut fail = |m: String| failures.push(m);
    if code != Some(case.exit) {
        fail(format!("exit {code:?}, expected {}", case.exit));
    }
    let both = format!("{stdout}\n{stderr}");
    for m in &case.messages {
        if !both.contains(m.as_str()) {
            fail(format!("no message {m:?}"));
        }
    }
    for m in case
        .lacks
        .iter()
        .map(String::as_str)
        .chain(["panicked", "RUST_BACKTRACE"])
    {
        if both.contains(m) {
            fail(format!("message {m:?} must not appear"));
        }
    }
    for (name, bytes) in &after {
        let declared = case.writes.contains(name);
        match before.get(name) {
            _ if name.contains(".dunning-") => fail(format!("temporary file {name} left")),
            None if !declared => fail(format!("{name} was written")),
            Some(old) if old != bytes => fail(format!("{name} was changed")),
            _ => {}
        }
    }
    for name in &case.writes {
        if !after.contains_key(name) {
            fail(format!("{name} was not written"));
        }
    }
    for name in before.keys() {
        if !after.contains_key(name) {
            fail(format!("{name} was removed"));
        }
    }
    for (spec, fragment) in &case.texts {
        match written_text(dir, spec) {
            Ok(text) if squeeze(&text).contains(&squeeze(fragment)) => {}
            Ok(text) => fail(format!("{spec} lacks {fragment:?}; its text:\n{text}")),
            Err(e) => fail(e),
        }
    }
    if let Some(mb) = case.max_rss_mb
        && rss_kb > mb * 1024
    {
        fail(format!("peak memory {} MB, over {mb} MB", rss_kb / 1024));
    }
    if !failures.is_empty() {
        let shown: String = both.chars().take(3000).collect();
        failures.push(format!(
            "`dunning {}` ({seconds:.1} s, {} MB):\n{shown}",
            case.args.join(" "),
            rss_kb / 1024
        ));
    }
    failures
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/bad")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.join("case.txt").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// Every case of the corpus, with its exit code, messages and nothing written.
#[test]
fn every_bad_input_is_refused_or_rendered_harmlessly() {
    let only = std::env::var("BAD_CASE").unwrap_or_default();
    let cases = cases();
    assert!(cases.len() >= 60, "the corpus has {} cases", cases.len());
    let mut failed = Vec::new();
    let mut ran = 0;
    for dir in cases.iter().filter(|d| d.to_string_lossy().contains(&only)) {
        let started = Instant::now();
        let problems = check_case(dir);
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        eprintln!(
            "{name}: {} ({:.1} s)",
            if problems.is_empty() { "ok" } else { "FAILED" },
            started.elapsed().as_secs_f64()
        );
        if !problems.is_empty() {
            failed.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
        ran += 1;
    }
    assert!(
        failed.is_empty(),
        "{} of {ran} cases failed:\n\n{}",
        failed.len(),
        failed.join("\n\n")
    );
    eprintln!("{ran} bad-input cases passed");
}
