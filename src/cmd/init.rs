//! `dunning init DIR`: sample data, a commented config and the templates to start from.

use crate::cli::InitArgs;
use crate::error::{Error, Result};
use crate::messages::{Text, tr};
use crate::output::atomic;

const SAMPLE_DATA: &str = include_str!("../../samples/debtors.csv");
const SAMPLE_YAML: &str = include_str!("../../samples/debtors.yaml");
const SAMPLE_CONFIG: &str = include_str!("../../samples/dunning.yaml");

pub fn run(args: &InitArgs) -> Result<()> {
    let dir = &args.dir;
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::UsageText(
            Text::new("init-not-empty").arg("dir", dir.display()),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    atomic::write(&dir.join("debtors.csv"), SAMPLE_DATA.as_bytes())?;
    atomic::write(&dir.join("debtors.yaml"), SAMPLE_YAML.as_bytes())?;
    atomic::write(&dir.join("dunning.yaml"), SAMPLE_CONFIG.as_bytes())?;
    crate::output::templates::export(&dir.join("templates"), false)?;
    let dir = dir.display().to_string();
    let created = tr("init-created", &[("dir", dir.as_str().into())]);
    let next = tr("init-next", &[]);
    crate::terminal::stdout(
        format!(
            "{created}\n{next}\n  cd {dir}\n  dunning compute debtors.csv\n  dunning preview debtors.csv --id HT-2026-0012 --templates templates -o letter.pdf\n"
        )
        .as_bytes(),
    )
}
