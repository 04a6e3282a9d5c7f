//! `templates export` and `init`: the built-in templates written out as files to edit.

use crate::error::{Error, Result};
use crate::letters::BUILTIN;
use std::path::Path;

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
            return Err(Error::UsageText(
                crate::messages::Text::new("templates-exist")
                    .arg("file", &existing[0])
                    .arg("more", existing.len() - 1),
            ));
        }
    }
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        super::atomic::write(&path, text.as_bytes())?;
    }
    Ok(BUILTIN.len())
}
