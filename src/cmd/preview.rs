//! `dunning preview`: one letter as PDF or PNG, re-rendered on every change with `--watch`.

use crate::cli::PreviewArgs;
use crate::error::{Error, Pos, Problem, Result};
use crate::letters::Typesetter;
use crate::letters::run::{RunOptions, prepare_with};
use crate::messages::{Text, tr};
use crate::output::atomic;
use crate::render;
use crate::terminal::{print_error, print_warning, print_warnings};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Pixels per inch of PNG previews: sharp on screen, small enough to open at once.
const PNG_DPI: f32 = 110.0;

pub fn run(args: &PreviewArgs) -> Result<()> {
    if !args.watch {
        return render_once(args).map(|written| report(&written));
    }
    let mut last = None;
    loop {
        let stamp = stamps(args);
        if last.as_ref() != Some(&stamp) {
            last = Some(stamp);
            match render_once(args) {
                Ok(written) => report(&written),
                Err(e) => print_error(&e),
            }
            eprintln!("{}", tr("preview-watching", &[]));
            typst::comemo::evict(10);
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn report(written: &[PathBuf]) {
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    eprintln!(
        "{}",
        tr("preview-wrote", &[("files", names.join(", ").into())])
    );
}

/// Renders the letter once and writes it; returns the files written.
fn render_once(args: &PreviewArgs) -> Result<Vec<PathBuf>> {
    let options = RunOptions {
        force_kind: args.config.kind,
        ..RunOptions::default()
    };
    let run = prepare_with(args.data.sources(&args.config), args.as_of.given(), options)?;
    let as_of = run.as_of;
    if !run.config_problems.is_empty() {
        return Err(Error::Invalid(run.config_problems));
    }
    let mut found = None;
    for d in run.letters.iter() {
        let d = d?;
        if d.id == args.id {
            found = Some(d);
            break;
        }
    }
    let Some(debtor) = &found else {
        let own: Vec<Problem> = run
            .problems
            .iter()
            .filter(|p| p.id.as_deref() == Some(args.id.as_str()) || p.pos.line.is_none())
            .cloned()
            .collect();
        if !own.is_empty() {
            return Err(Error::Invalid(own));
        }
        let data = args.data.data.join(", ");
        return Err(Error::invalid(Problem::tr(
            Pos::file(&data),
            "id",
            "preview-no-letter",
            &[("id", format!("{:?}", args.id).into())],
        )));
    };
    let assessment = &run.assess(debtor).map_err(Error::invalid)?;
    let others = run.problems.len();
    if others > 0 {
        print_warning(tr("preview-other-problems", &[("n", others.into())]));
    }
    print_warnings(&run.warnings);
    let typesetter = Typesetter::new(&run.config, args.templates.as_deref())
        .map_err(Error::Invalid)?
        .with_receipt(args.with_receipt);
    let coverage = typesetter.check_coverage(debtor);
    if !coverage.is_empty() {
        return Err(Error::Invalid(coverage));
    }
    let output = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "{}-{}.pdf",
            crate::output::safe_file_stem(&debtor.id),
            assessment.kind
        ))
    });
    let extension = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(extension.as_deref(), Some("pdf" | "png" | "typ")) {
        let shown = output.display();
        return Err(Error::UsageText(
            Text::new("preview-output-type").arg("output", shown),
        ));
    }
    if extension.as_deref() == Some("typ") {
        // The filled template, as Typst sees it: for debugging a template.
        let source = typesetter
            .fill(&run.config, debtor, assessment)
            .map_err(Error::Invalid)?;
        atomic::write(&output, source.as_bytes())?;
        return Ok(vec![output]);
    }
    let doc = typesetter
        .typeset(&run.config, debtor, assessment)
        .map_err(Error::Invalid)?;

    match extension.as_deref() {
        Some("png") => {
            let pages = render::png_pages(&doc, PNG_DPI).map_err(|m| {
                Error::invalid(Problem::tr(
                    Pos::file(&output.display().to_string()),
                    "",
                    "png-failed",
                    &[("error", m.into())],
                ))
            })?;
            let paths = png_paths(&output, pages.len());
            for (path, png) in paths.iter().zip(&pages) {
                atomic::write(path, png)?;
            }
            Ok(paths)
        }
        _ => {
            let bytes = render::pdf(
                &doc,
                &render::letter_ident(&debtor.id, assessment.kind.name()),
                as_of,
                false,
            )
            .map_err(|m| {
                Error::invalid(Problem::tr(
                    Pos::file(&output.display().to_string()),
                    "",
                    "pdf-failed-file",
                    &[("error", m.into())],
                ))
            })?;
            atomic::write(&output, &bytes)?;
            Ok(vec![output])
        }
    }
}

/// `FILE.png` for one page; `FILE-1.png`, `FILE-2.png`… for more.
fn png_paths(output: &Path, pages: usize) -> Vec<PathBuf> {
    if pages <= 1 {
        return vec![output.to_path_buf()];
    }
    let stem = output
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("letter");
    (1..=pages)
        .map(|i| output.with_file_name(format!("{stem}-{i}.png")))
        .collect()
}

/// Modification times of everything the letter depends on.
fn stamps(args: &PreviewArgs) -> Vec<Option<SystemTime>> {
    let mut paths: Vec<PathBuf> = args.data.data.iter().map(PathBuf::from).collect();
    paths.push(
        args.config
            .config
            .clone()
            .unwrap_or_else(|| PathBuf::from(crate::config::DEFAULT_FILE)),
    );
    if let Some(dir) = &args.templates {
        collect_files(dir, &mut paths, 0);
    }
    paths
        .iter()
        .map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .collect()
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() && depth < 4 {
            collect_files(&path, out, depth + 1);
        } else {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_names() {
        assert_eq!(
            png_paths(Path::new("out/a.png"), 1),
            vec![PathBuf::from("out/a.png")]
        );
        assert_eq!(
            png_paths(Path::new("out/a.png"), 2),
            vec![PathBuf::from("out/a-1.png"), PathBuf::from("out/a-2.png")]
        );
    }
}
