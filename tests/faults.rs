//! Faults during a run (issue 6, SPEC 2 and 7): a batch killed outright at several moments,
//! a full disk and a read-only file system. Whatever happens, nothing is ever at the target
//! path; only SIGKILL, which no program can intercept, may leave the temporary
//! `.dunning-*.zip.tmp` beside it. (SIGTERM and Ctrl-C: `an_interrupted_batch_leaves_nothing_behind`
//! in tests/batch.rs. Endless templates: tests/bad/, `template-*` cases.)
//!
//! The disk tests mount a small tmpfs with mount(2), which needs root (CI runs as root);
//! where mounting is impossible they fail, saying why.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A CSV of `n` one-page Chinese demand letters.
fn letters_csv(n: usize) -> String {
    let mut csv = String::from("id,name,title,address,item,amount_due,due_date\n");
    for i in 0..n {
        csv.push_str(&format!(
            "K{i:04},张伟{i},先生,北京市朝阳区建国路{i}号,第二期房款,{}.00,2026-09-30\n",
            1000 + i
        ));
    }
    csv
}

/// Files in `dir` that are neither inputs nor allowed leftovers.
fn leftovers(dir: &Path, inputs: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !inputs.contains(&n.as_str()))
        .collect();
    out.sort();
    out
}

/// SIGKILL at several moments of a batch of 300 letters — while loading, while validating,
/// while rendering, near the end: the target is either absent or the complete zip (a kill
/// after the rename), and the temporary zip is the only thing that may be left.
#[cfg(unix)]
#[test]
fn sigkill_at_any_moment_leaves_nothing_at_the_target() {
    let wd = Workdir::new();
    wd.write("many.csv", letters_csv(300));
    // How long an undisturbed run takes here, to spread the kills over it.
    let started = Instant::now();
    wd.run(&[
        "batch", "many.csv", "--as-of", AS_OF, "--quiet", "-o", "full.zip",
    ])
    .must_succeed();
    let full = started.elapsed();
    let complete = wd.read("full.zip");
    std::fs::remove_file(wd.path("full.zip")).expect("remove full.zip");
    let mut moments: Vec<Duration> = [0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95]
        .iter()
        .map(|f| full.mul_f64(*f))
        .collect();
    moments.push(Duration::from_millis(10));
    let mut killed_with_temp = 0;
    for moment in moments {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dunning"))
            .env("DUNNING_UI", "en")
            .args([
                "batch", "many.csv", "--as-of", AS_OF, "--quiet", "-o", "out.zip",
            ])
            .current_dir(wd.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dunning");
        std::thread::sleep(moment);
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        let left = leftovers(wd.root(), &["many.csv"]);
        if status.success() {
            // It finished before the kill: the zip is complete, nothing else is there.
            assert_eq!(left, ["out.zip"], "after {moment:?}");
            std::fs::remove_file(wd.path("out.zip")).expect("remove");
            continue;
        }
        // Killed after the rename but before the process ended: the zip at the target is the
        // complete one, byte for byte — never a partial one.
        if wd.exists("out.zip") {
            assert!(
                wd.read("out.zip") == complete,
                "killed after {moment:?}: out.zip exists and is not the complete zip"
            );
            std::fs::remove_file(wd.path("out.zip")).expect("remove");
        }
        for name in left.iter().filter(|n| *n != "out.zip") {
            assert!(
                name.starts_with(".dunning-") && name.ends_with(".zip.tmp"),
                "killed after {moment:?}: {name} left behind"
            );
            std::fs::remove_file(wd.path(name)).expect("remove temporary");
            killed_with_temp += 1;
        }
    }
    assert!(
        killed_with_temp > 0,
        "no kill landed while the zip was being written (the batch took {full:?})"
    );
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs with `options` (e.g. `size=1m`, `size=1m,ro`) by the mount(2) system
    /// call, no tool on PATH. It needs root (CI runs as root): where this machine does not
    /// allow it the test fails, saying so, rather than pass without checking anything.
    fn mount(options: &str) -> Tmpfs {
        use std::ffi::CString;
        let dir = tempfile::tempdir().expect("temp dir");
        let target = CString::new(dir.path().as_os_str().as_encoded_bytes()).expect("path");
        let (read_only, data): (bool, Vec<&str>) = {
            let parts: Vec<&str> = options.split(',').collect();
            (
                parts.contains(&"ro"),
                parts.into_iter().filter(|p| *p != "ro").collect(),
            )
        };
        let data = CString::new(data.join(",")).expect("options");
        let flags = if read_only { libc::MS_RDONLY } else { 0 };
        // SAFETY: every pointer is a NUL-terminated string that outlives the call.
        let r = unsafe {
            libc::mount(
                c"tmpfs".as_ptr(),
                target.as_ptr(),
                c"tmpfs".as_ptr(),
                flags,
                data.as_ptr().cast(),
            )
        };
        assert_eq!(
            r,
            0,
            "cannot mount a tmpfs with {options} on {}: {} (these tests need root)",
            dir.path().display(),
            std::io::Error::last_os_error()
        );
        Tmpfs { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let target = std::ffi::CString::new(self.dir.path().as_os_str().as_encoded_bytes());
        if let Ok(target) = target {
            // SAFETY: a NUL-terminated path that outlives the call.
            unsafe { libc::umount(target.as_ptr()) };
        }
    }
}

/// A disk that fills up while the zip is written: exit 4 naming the output and the reason,
/// nothing at the target and no temporary file. The same for one letter from `preview`.
#[cfg(unix)]
#[test]
fn a_full_disk_exits_4_with_nothing_left() {
    let disk = Tmpfs::mount("size=1m");
    let wd = Workdir::new();
    wd.write("many.csv", letters_csv(60));
    let out = disk.path().join("out.zip");
    let run = wd
        .run(&[
            "batch",
            "many.csv",
            "--as-of",
            AS_OF,
            "--quiet",
            "-o",
            out.to_str().expect("UTF-8 path"),
        ])
        .must_fail(4);
    run.stderr_has("out.zip")
        .stderr_has("No space left on device");
    assert!(
        leftovers(&disk.path(), &[]).is_empty(),
        "{}",
        run.describe()
    );

    // Fill the disk but for a few KB: a single letter does not fit either.
    let filler = disk.path().join("filler");
    let mut size = 1 << 20;
    while std::fs::write(&filler, vec![0u8; size]).is_err() {
        size -= 8 << 10;
    }
    let pdf = disk.path().join("one.pdf");
    let run = wd
        .run(&[
            "preview",
            "many.csv",
            "--id",
            "K0001",
            "--as-of",
            AS_OF,
            "-o",
            pdf.to_str().expect("UTF-8 path"),
        ])
        .must_fail(4);
    run.stderr_has("No space left on device");
    assert_eq!(
        leftovers(&disk.path(), &[]),
        ["filler"],
        "{}",
        run.describe()
    );
}

/// A read-only file system (read-only even for root, unlike a directory's mode bits):
/// exit 4, nothing left.
#[cfg(unix)]
#[test]
fn a_read_only_file_system_exits_4_with_nothing_left() {
    let disk = Tmpfs::mount("size=1m,ro");
    let wd = Workdir::new();
    wd.write("one.csv", letters_csv(1));
    let out = disk.path().join("out.zip");
    wd.run(&[
        "batch",
        "one.csv",
        "--as-of",
        AS_OF,
        "--quiet",
        "-o",
        out.to_str().expect("UTF-8 path"),
    ])
    .must_fail(4)
    .stderr_has("Read-only file system");
    let pdf = disk.path().join("one.pdf");
    wd.run(&[
        "preview",
        "one.csv",
        "--id",
        "K0000",
        "--as-of",
        AS_OF,
        "-o",
        pdf.to_str().expect("UTF-8 path"),
    ])
    .must_fail(4)
    .stderr_has("Read-only file system");
    assert!(leftovers(&disk.path(), &[]).is_empty());
}
