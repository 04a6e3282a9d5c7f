//! The one-way layers of `../shared/STYLE.md`, checked on the source itself: each module
//! of `src/` imports only the layers below it (and itself), so a change in one room cannot
//! reach up and break another.
//!
//! ```text
//! cmd                       8   one file per command
//! cli, terminal             7   arguments, the printer
//! deliver                   6   email
//! output                    5   zip, reports, shards, history
//! letters                   4   runs, figures, templates, typesetting
//! config                    3   dunning.yaml (maps headers onto data's columns)
//! data                      2   rows in
//! calc, render              1   pure figures; generic Typst (neither imports the other)
//! error                     0   the error type
//! messages                  0   the tool's words (imported by error, imports nothing)
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layer of a top-level module; `None` for the crate root files.
fn layer(module: &str) -> Option<u8> {
    Some(match module {
        "messages" => 0,
        "error" => 0,
        "calc" | "render" => 1,
        "data" => 2,
        "config" => 3,
        "letters" => 4,
        "output" => 5,
        "deliver" => 6,
        "cli" | "terminal" => 7,
        "cmd" => 8,
        _ => return None,
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file names with `crate::…`, including `use crate::{a, b::c}`.
fn imports(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group: split at commas outside nested braces.
            let (mut depth, mut start) = (0, 0);
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.insert(ident(&group[start..j]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(ident(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 30, "src/ has only {} files?", files.len());
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .expect("a name");
        let Some(own) = layer(&top) else {
            // lib.rs and main.rs sit above everything.
            assert!(matches!(top.as_str(), "lib" | "main"), "{top}: no layer");
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read");
        for module in imports(&text) {
            let Some(theirs) = layer(&module) else {
                wrong.push(format!(
                    "{}: crate::{module} is not a layer",
                    relative.display()
                ));
                continue;
            };
            // error stands on messages, the one import within a layer.
            let allowed = top == "error" && module == "messages";
            if module != top && theirs >= own && !allowed {
                wrong.push(format!(
                    "{}: imports crate::{module} (layer {theirs}) from layer {own}",
                    relative.display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the flow:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_import_reader_sees_groups_and_paths() {
    let found = imports(
        "use crate::calc::{Lang, LetterKind};\nuse crate::{data::Debtor, output::{csv, zip}};\nlet x = crate::render::pdf(1);",
    );
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, ["calc", "data", "output", "render"]);
}

#[test]
fn cmd_holds_one_file_per_command_and_nothing_else() {
    let cmd = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cmd");
    let text = std::fs::read_to_string(cmd.join("mod.rs")).expect("cmd/mod.rs");
    // Only `pub mod NAME;` lines and comments.
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        assert!(
            line.starts_with("//") || (line.starts_with("pub mod ") && line.ends_with(';')),
            "cmd/mod.rs holds more than the list of commands: {line:?}"
        );
    }
    // Every command file has its `run` (or, for help, its two generators) and no other
    // command's code.
    for entry in std::fs::read_dir(&cmd).expect("read cmd") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            !text.contains("super::") || text.contains("mod tests"),
            "{}: reaches into another command through super::",
            path.display()
        );
    }
}

#[test]
fn the_process_exits_only_in_main() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        let relative = file.strip_prefix(&src).expect("under src");
        if relative == Path::new("main.rs") {
            continue;
        }
        // error.rs: `fatal` aborts only when no main registered its exit path (fuzzing).
        let allowed_aborts = usize::from(relative == Path::new("error.rs"));
        assert!(
            !text.contains("process::exit") && !text.contains("use std::process"),
            "{}: exits the process; return an Error (or error::fatal) instead",
            relative.display()
        );
        assert!(
            text.matches("process::abort()").count() <= allowed_aborts,
            "{}: aborts the process; return an Error instead",
            relative.display()
        );
    }
}
