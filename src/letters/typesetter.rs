//! The letter typesetter: a letter's data and figures in, a laid-out Typst document out.
//! Built once per run (templates parsed, fonts loaded, images read), used for every letter.

use super::Assessment;
use super::{Assets, Templates, context, sms_template_name, template_name, watchdog};
use crate::calc::{Lang, LetterKind};
use crate::config::Config;
use crate::data::Debtor;
use crate::error::{Pos, Problem, io_reason};
use crate::messages::Text;
use crate::render::{self, Engine, TypstError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use typst::foundations::Bytes;
use typst::syntax::FileId;
use typst_layout::PagedDocument;

/// The most pages one letter may have: a statement of a few hundred items fits easily; a
/// template that loops over `pagebreak()` does not.
pub const MAX_PAGES: usize = 200;

/// Everything needed to typeset letters, shared by every letter of a run.
pub struct Typesetter {
    templates: Templates,
    engine: Engine,
    assets: Assets,
    /// The template directory given with `--templates`, for messages.
    dir: Option<PathBuf>,
    /// Interned once: Typst file ids are global and limited.
    mains: HashMap<(LetterKind, Lang), FileId>,
    /// Whether every letter gets the acknowledgement slip (`--with-receipt`).
    receipt: bool,
}

impl Typesetter {
    /// Parses the templates and reads the configured images; every problem is reported.
    pub fn new(config: &Config, dir: Option<&Path>) -> Result<Typesetter, Vec<Problem>> {
        let mut problems = Vec::new();
        if let Some(d) = dir
            && !d.is_dir()
        {
            let name = d.display().to_string();
            return Err(vec![if d.exists() {
                Problem::tr(Pos::file(&name), "", "templates-not-a-folder", &[])
            } else {
                Problem::not_found(&name)
            }]);
        }
        let templates = Templates::load(dir);
        let (assets, files) = read_assets(config, &mut problems);
        let builtin = super::BUILTIN
            .iter()
            .map(|(n, t)| (format!("/{n}"), t.as_bytes()))
            .collect();
        let engine = match Engine::new(builtin, dir, files) {
            Ok(e) => Some(e),
            Err(e) => {
                problems.push(Problem::text(
                    Pos::file(&dir.map(|d| d.display().to_string()).unwrap_or_default()),
                    "",
                    &io_reason(&e),
                ));
                None
            }
        };
        let templates = match templates {
            Ok(t) => Some(t),
            Err(mut p) => {
                problems.append(&mut p);
                None
            }
        };
        let sender = &config.sender;
        if let Some(engine) = &engine {
            for (key, value) in [
                ("sender.name", &sender.name),
                ("sender.address", &sender.address),
                ("sender.contact", &sender.contact),
                ("sender.bank", &sender.bank),
            ] {
                if let Some(c) = value.as_deref().and_then(|v| engine.fonts().uncovered(v)) {
                    let file = config
                        .path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    problems.push(Problem::text(Pos::file(&file), key, &uncovered(c)));
                }
            }
        }
        match (templates, engine) {
            (Some(templates), Some(engine)) if problems.is_empty() => {
                let mut mains = HashMap::new();
                for kind in LetterKind::ALL {
                    for lang in [Lang::Zh, Lang::En] {
                        if let Some(id) =
                            Engine::file_id(&format!("/{}", template_name(kind, lang)))
                        {
                            mains.insert((kind, lang), id);
                        }
                    }
                }
                Ok(Typesetter {
                    templates,
                    engine,
                    assets,
                    dir: dir.map(Path::to_path_buf),
                    mains,
                    receipt: false,
                })
            }
            _ => Err(problems),
        }
    }

    /// The Typst engine, for the batch's reports.
    /// The run's templates (for the text-only ones: sms.txt, mail.txt).
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Adds the acknowledgement slip (回执) page to every letter.
    pub fn with_receipt(mut self, receipt: bool) -> Typesetter {
        self.receipt = receipt;
        self
    }

    /// Every value of the letter must be covered by the embedded fonts (SPEC 7).
    pub fn check_coverage(&self, d: &Debtor) -> Vec<Problem> {
        let fonts = self.engine.fonts();
        let mut problems = Vec::new();
        let mut check = |column: &str, value: &str, pos: &Pos| {
            if let Some(c) = fonts.uncovered(value) {
                problems.push(Problem::quoted(pos.clone(), column, value, &uncovered(c)));
            }
        };
        check("id", &d.id, &d.pos);
        for (column, value) in d.fields.iter() {
            check(column, value, &d.pos);
        }
        for item in &d.items {
            check("item", &item.item, &item.pos);
        }
        problems
    }

    /// The letter's Typst source: its template filled with its data. The font check
    /// ([`Typesetter::check_coverage`]) is the caller's, done once before any letter is rendered.
    pub fn fill(
        &self,
        config: &Config,
        d: &Debtor,
        a: &Assessment,
    ) -> Result<String, Vec<Problem>> {
        let ctx = context(d, a, config, &self.assets);
        let _timed = watchdog::start(
            Text::new("timed-filling")
                .arg("template", self.shown(a))
                .arg("id", &d.id),
        );
        self.templates
            .render(a.kind, a.lang, &ctx, self.receipt)
            .map_err(|p| vec![p])
    }

    /// The letter's text message: `{lang}/sms.txt` filled with the letter's own context,
    /// as plain text (nothing escaped), without leading or trailing whitespace.
    pub fn sms(&self, config: &Config, d: &Debtor, a: &Assessment) -> Result<String, Problem> {
        let ctx = context(d, a, config, &self.assets);
        self.templates
            .render_file(&sms_template_name(a.lang), &ctx)
            .map(|t| t.trim().to_string())
    }

    /// Fills the template and lays the letter out.
    pub fn typeset(
        &self,
        config: &Config,
        d: &Debtor,
        a: &Assessment,
    ) -> Result<PagedDocument, Vec<Problem>> {
        let source = self.fill(config, d, a)?;
        self.compile(a, source)
    }

    /// Lays out a filled template of the letter's kind and language.
    pub fn compile(&self, a: &Assessment, source: String) -> Result<PagedDocument, Vec<Problem>> {
        let main = *self.mains.get(&(a.kind, a.lang)).ok_or_else(|| {
            vec![Problem::tr(
                Pos::file(&template_name(a.kind, a.lang)),
                "",
                "template-missing",
                &[],
            )]
        })?;
        let timed = watchdog::start(Text::new("timed-layout").arg("template", self.shown(a)));
        let doc = render::compile(&self.engine, main, source, a.as_of).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| self.typst_problem(a, e))
                .collect::<Vec<_>>()
        })?;
        drop(timed);
        let pages = doc.pages().len();
        if pages > MAX_PAGES {
            return Err(vec![Problem::tr(
                Pos::file(&self.shown(a)),
                "",
                "too-many-pages",
                &[("pages", pages.into()), ("max", MAX_PAGES.into())],
            )]);
        }
        Ok(doc)
    }

    /// The template of a letter as messages name it (`tpl/zh/demand.typ` or the built-in).
    fn shown(&self, a: &Assessment) -> String {
        let name = template_name(a.kind, a.lang);
        self.templates.source(&name).0.to_string()
    }

    /// Every file the documents read so far (templates, images), by virtual path.
    pub fn files_read(&self) -> Vec<(String, Bytes)> {
        self.engine.files_read()
    }

    /// A Typst error in template terms: the file legal staff edit, its line, the line itself.
    fn typst_problem(&self, a: &Assessment, e: TypstError) -> Problem {
        let main = template_name(a.kind, a.lang);
        if e.file == main {
            let (name, line, column) = self
                .templates
                .locate(&main, &e.excerpt, e.column, e.line.saturating_sub(1))
                .unwrap_or((main.clone(), e.line, e.column));
            let (shown, text) = self.templates.source(&name);
            let excerpt = text
                .lines()
                .nth(line.saturating_sub(1))
                .unwrap_or(&e.excerpt)
                .trim_end();
            return typst_problem(Pos::at(shown, line, column), &e.message, excerpt);
        }
        let shown = match &self.dir {
            Some(d) if d.join(&e.file).is_file() => d.join(&e.file).display().to_string(),
            _ => format!("templates/{} (built-in)", e.file),
        };
        typst_problem(Pos::at(&shown, e.line, e.column), &e.message, &e.excerpt)
    }
}

/// Typst's own message in our sentence, the template line below it (in every language).
fn typst_problem(pos: Pos, message: &str, excerpt: &str) -> Problem {
    let why = Text::new("typst-error").arg("message", message);
    Problem::text(pos, "", &why).with_excerpt(excerpt)
}

/// A character no embedded font has: it would print as a blank box.
fn uncovered(c: char) -> Text {
    Text::new("font-uncovered")
        .arg("code", format!("U+{:04X}", c as u32))
        .arg("char", c)
}

/// Reads the seal and logo named in the config (relative to the config file).
fn read_assets(config: &Config, problems: &mut Vec<Problem>) -> (Assets, HashMap<String, Bytes>) {
    let base = config
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .unwrap_or(Path::new("."));
    let file = config
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "dunning.yaml".into());
    let mut files = HashMap::new();
    let mut load = |key: &str, name: &Option<String>| -> Option<String> {
        let name = name.as_deref()?;
        let path = base.join(name);
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("png")
            .to_ascii_lowercase();
        if !matches!(
            ext.as_str(),
            "png" | "jpg" | "jpeg" | "svg" | "gif" | "webp"
        ) {
            problems.push(Problem::text(
                Pos::file(&file),
                format!("sender.{key}"),
                &Text::new("image-not-an-image").arg("name", name),
            ));
            return None;
        }
        match std::fs::read(&path) {
            Ok(bytes) => {
                let vpath = format!("/assets/{key}.{ext}");
                files.insert(vpath.clone(), Bytes::new(bytes));
                Some(vpath)
            }
            Err(e) => {
                problems.push(Problem::text(
                    Pos::file(&file),
                    format!("sender.{key}"),
                    &Text::new("image-unreadable")
                        .arg("path", path.display())
                        .part("error", &io_reason(&e)),
                ));
                None
            }
        }
    };
    let seal = load("seal", &config.sender.seal);
    let logo = load("logo", &config.sender.logo);
    (Assets { seal, logo }, files)
}
