//! `dunning templates list` and `dunning templates export DIR`.

use crate::cli::{TemplatesArgs, TemplatesCommand};
use crate::error::{Error, Result};
use crate::kinds::LetterKind;
use crate::letters::{BUILTIN, describe, describe_sms};
use crate::output::table::{Align, render};
use std::path::Path;

pub fn run(args: &TemplatesArgs) -> Result<()> {
    match &args.command {
        TemplatesCommand::List => {
            let langs = |file: &str| -> String {
                let langs: Vec<&str> = ["zh", "en"]
                    .into_iter()
                    .filter(|l| BUILTIN.iter().any(|(n, _)| *n == format!("{l}/{file}")))
                    .collect();
                langs.join(",")
            };
            let mut rows: Vec<Vec<String>> = LetterKind::ALL
                .iter()
                .map(|k| {
                    vec![
                        k.to_string(),
                        langs(&format!("{k}.typ")),
                        describe(*k).to_string(),
                    ]
                })
                .collect();
            rows.push(vec!["sms".into(), langs("sms.txt"), describe_sms().into()]);
            print!(
                "{}",
                render(
                    &["kind", "languages", "description"],
                    &[Align::Left, Align::Left, Align::Left],
                    &rows
                )
            );
            Ok(())
        }
        TemplatesCommand::Export { dir, force } => export(dir, *force)
            .map(|n| eprintln!("exported {n} template files to {}", dir.display())),
    }
}

/// Writes every built-in template under `dir`; refuses to overwrite an edited file unless `force`.
pub fn export(dir: &Path, force: bool) -> Result<usize> {
    if !force {
        let existing: Vec<String> = BUILTIN
            .iter()
            .map(|(n, _)| dir.join(n))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Error::Usage(format!(
                "{} already exists (and {} more); use --force to overwrite",
                existing[0],
                existing.len() - 1
            )));
        }
    }
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        crate::output::atomic::write(&path, text.as_bytes())?;
    }
    Ok(BUILTIN.len())
}
