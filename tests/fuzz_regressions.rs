//! The fuzz targets' properties (fuzz/src/lib.rs) on every input saved under fuzz/: the
//! crashes fuzzing found (`fuzz/regressions/<target>/`, each fixed) and the seed corpora
//! (`fuzz/corpus/<target>/`). Fuzzing itself runs outside CI (see SECURITY.md); this
//! replays what it learned on every test run.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod checks;

use std::path::Path;

/// Runs `check` on every file under `fuzz/regressions/<target>` and `fuzz/corpus/<target>`;
/// a panic names the file.
fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["regressions", "corpus"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        files.sort();
        for file in files.iter().filter(|f| f.is_file()) {
            let bytes = std::fs::read(file).expect("read fuzz input");
            let outcome = std::panic::catch_unwind(|| check(&bytes));
            assert!(outcome.is_ok(), "{target}: {} fails again", file.display());
            count += 1;
        }
    }
    assert!(
        count > 0,
        "no saved inputs for {target} under {}",
        root.display()
    );
}

#[test]
fn load_rows() {
    replay("load_rows", checks::load_rows);
}

#[test]
fn amount() {
    replay("amount", checks::amount);
}

#[test]
fn date() {
    replay("date", checks::date);
}

#[test]
fn cn_upper() {
    replay("cn_upper", checks::cn_upper);
}

#[test]
fn typst_escape() {
    replay("typst_escape", checks::typst_escape);
}
