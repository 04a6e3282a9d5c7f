//! Letters: where rows meet the config. Who gets which letter this run ([`run`]), each
//! letter's figures ([`assess`], published as [`figures`]), which letters take the same
//! template branches ([`branch`]), the context a template sees, the built-in templates (or
//! a template directory) and Tera with Typst escaping — every value is escaped for Typst
//! markup unless `| safe` — and the [`Typesetter`] that turns a letter into a laid-out
//! document, timed by the [`watchdog`].

mod assess;
pub mod branch;
mod builtin;
mod context;
pub mod escape;
pub mod figures;
mod filters;
pub mod run;
mod typesetter;
pub mod watchdog;

pub use assess::{Assessment, assess};
pub use builtin::BUILTIN;
pub use context::{Assets, context};
pub use typesetter::{MAX_PAGES, Typesetter};

use crate::calc::{Lang, LetterKind};
use crate::error::{Pos, Problem, io_reason};
use crate::messages::{self, Text, Ui};
use std::path::Path;
use tera::Tera;

/// The letter templates of a run: built-in, overridden file by file by `--templates DIR`.
pub struct Templates {
    tera: Tera,
    /// The text of every Tera template by name, for locating errors.
    sources: Vec<(String, String, String)>,
}

/// The acknowledgement slip (回执) `--with-receipt` adds after a letter.
pub fn receipt_name(lang: Lang) -> String {
    format!("{lang}/_receipt.typ")
}

/// The template of a kind in a language, e.g. `zh/demand.typ`.
pub fn template_name(kind: LetterKind, lang: Lang) -> String {
    format!("{}/{}.typ", lang.name(), kind.name())
}

/// The text-message template of a language, e.g. `zh/sms.txt` (plain text, not escaped).
pub fn sms_template_name(lang: Lang) -> String {
    format!("{}/sms.txt", lang.name())
}

/// The email template of a language, e.g. `zh/mail.txt`: subject line, then body (plain text).
pub fn mail_template_name(lang: Lang) -> String {
    format!("{}/mail.txt", lang.name())
}

impl Templates {
    /// Parses every template; a Tera syntax error names the template, line and column.
    pub fn load(dir: Option<&Path>) -> Result<Templates, Vec<Problem>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".typ"]);
        tera.set_escape_fn(escape::typst_markup);
        filters::register(&mut tera);
        let mut sources = Vec::new();
        let mut problems = Vec::new();
        for (name, builtin) in BUILTIN.iter().filter(|(n, _)| is_tera(n)) {
            let (shown, text) = match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
                Some(path) => match std::fs::read_to_string(&path) {
                    Ok(t) => (path.display().to_string(), t),
                    Err(e) => {
                        problems.push(Problem::text(
                            Pos::file(&path.display().to_string()),
                            "",
                            &Text::new("template-unreadable").part("error", &io_reason(&e)),
                        ));
                        continue;
                    }
                },
                None => (
                    format!("templates/{name} (built-in)"),
                    (*builtin).to_string(),
                ),
            };
            sources.push((name.to_string(), shown, text));
        }
        for (name, shown, text) in &sources {
            if let Err(e) = tera.add_raw_template(name, text) {
                problems.push(tera_problem(shown, text, &e, "template-syntax"));
            } else if let Some(p) = macro_problem(&tera, name, shown, text) {
                problems.push(p);
            }
        }
        if problems.is_empty()
            && let Err(e) = tera.build_inheritance_chains()
        {
            problems.push(tera_problem("templates", "", &e, "template-syntax"));
        }
        if problems.is_empty() {
            Ok(Templates { tera, sources })
        } else {
            Err(problems)
        }
    }

    /// Fills the template of `kind` in `lang` with `ctx`, giving Typst source.
    pub fn render(
        &self,
        kind: LetterKind,
        lang: Lang,
        ctx: &tera::Context,
        receipt: bool,
    ) -> Result<String, Problem> {
        let mut letter = self.render_file(&template_name(kind, lang), ctx)?;
        if receipt {
            // Appended, not included by the letter's template: the slip then follows every
            // kind, custom templates too, and the letter's own lines keep their numbers.
            letter.push('\n');
            letter.push_str(&self.render_file(&receipt_name(lang), ctx)?);
        }
        Ok(letter)
    }

    /// Fills the template `name` (e.g. `zh/sms.txt`) with `ctx`.
    pub fn render_file(&self, name: &str, ctx: &tera::Context) -> Result<String, Problem> {
        self.tera.render(name, ctx).map_err(|e| {
            let (shown, text) = self.source(name);
            tera_problem(shown, text, &e, "template-render")
        })
    }

    /// The displayed path and text of a template.
    pub fn source<'a>(&'a self, name: &'a str) -> (&'a str, &'a str) {
        self.sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or((name, ""), |(_, shown, text)| {
                (shown.as_str(), text.as_str())
            })
    }

    /// Maps a Typst error in a rendered letter back to a template file, line and column.
    /// Tera expands values, branches and includes, so lines shift: first look for the text
    /// at the error (an unknown function, say) in the letter's template and then in the
    /// partials, nearest to where it appeared; else the template line whose literal pieces
    /// all appear, in order, in the rendered line.
    pub fn locate(
        &self,
        main: &str,
        rendered_line: &str,
        column: usize,
        near: usize,
    ) -> Option<(String, usize, usize)> {
        let token: String = rendered_line
            .chars()
            .skip(column.saturating_sub(1))
            .take(24)
            .collect();
        let token = token.trim_end();
        if token.chars().count() >= 3 {
            let mut found: Option<(usize, usize)> = None;
            let (_, text) = self.source(main);
            for (i, line) in text.lines().enumerate() {
                if let Some(at) = line.find(token)
                    && found.is_none_or(|(b, _)| i.abs_diff(near) < b.abs_diff(near))
                {
                    found = Some((i, line[..at].chars().count()));
                }
            }
            if let Some((line, col)) = found {
                return Some((main.to_string(), line + 1, col + 1));
            }
            for (name, _, text) in self.sources.iter().filter(|(n, _, _)| n != main) {
                for (i, line) in text.lines().enumerate() {
                    if let Some(at) = line.find(token) {
                        return Some((name.clone(), i + 1, line[..at].chars().count() + 1));
                    }
                }
            }
        }
        let (_, text) = self.source(main);
        let mut best: Option<usize> = None;
        for (i, line) in text.lines().enumerate() {
            let pieces = literal_pieces(line);
            if pieces.iter().all(|p| p.trim().is_empty()) {
                continue;
            }
            let mut rest = rendered_line;
            let fits = pieces.iter().all(|p| match rest.find(p.as_str()) {
                Some(at) => {
                    rest = &rest[at + p.len()..];
                    true
                }
                None => false,
            });
            if fits && best.is_none_or(|b| i.abs_diff(near) < b.abs_diff(near)) {
                best = Some(i);
            }
        }
        best.map(|b| (main.to_string(), b + 1, column))
    }
}

/// The text of a template line outside `{{ }}` and `{% %}`.
fn literal_pieces(line: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some(start) = rest
        .find(['{'])
        .filter(|&s| matches!(rest[s..].chars().nth(1), Some('{' | '%' | '#')))
    {
        pieces.push(rest[..start].to_string());
        let close = match rest[start + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => "#}",
        };
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + 2..],
            None => return pieces,
        }
    }
    pieces.push(rest.to_string());
    pieces.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Tera macros are refused: one that calls itself recurses until the stack overflows, which
/// kills the process without a message. Typst functions (`#let f(x) = …`) do the same job
/// and Typst stops their recursion with an error.
fn macro_problem(tera: &Tera, name: &str, shown: &str, text: &str) -> Option<Problem> {
    let template = tera.get_template(name).ok()?;
    if template.macros.is_empty() && template.imported_macro_files.is_empty() {
        return None;
    }
    let line = text
        .lines()
        .position(|l| l.contains("macro") || l.contains("import"))
        .map_or(1, |i| i + 1);
    Some(Problem::tr(
        Pos::at(shown, line, 1),
        "",
        "template-macro",
        &[],
    ))
}

/// Templates Tera fills in (the letters, their partials, the text messages); other files
/// are plain Typst. Only `.typ` output is escaped for Typst (`autoescape_on`), so a text
/// message shows the data as typed.
fn is_tera(name: &str) -> bool {
    (name.ends_with(".typ") || name.ends_with(".txt")) && name.contains('/')
}

/// A Tera error as `TEMPLATE:LINE:COL: message` where Tera says where (syntax errors), or
/// at the first line naming the missing variable or filter (render errors). Tera's own
/// words stay as Tera gives them, in the sentence `key` of the run's language; a filter's
/// reason is ours, and in that language too.
fn tera_problem(shown: &str, text: &str, e: &tera::Error, key: &str) -> Problem {
    let message = chain(e, Ui::En);
    let located = message.split("--> ").nth(1).and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((
            line.trim().parse::<usize>().ok()?,
            col.parse::<usize>().ok()?,
        ))
    });
    let located = located.or_else(|| {
        let name = message.split('`').nth(1)?;
        text.lines()
            .enumerate()
            .find_map(|(i, l)| l.find(name).map(|c| (i + 1, l[..c].chars().count() + 1)))
    });
    // Tera's own rendering of a syntax error spans lines; keep its last line, the reason.
    let reason = |message: &str| {
        message
            .lines()
            .rev()
            .map(|l| l.trim().trim_start_matches("= ").trim())
            .find(|l| !l.is_empty() && !l.starts_with('|') && !l.starts_with("-->"))
            .unwrap_or("template error")
            .to_string()
    };
    let worded = |ui: Ui| {
        let why = reason(&chain(e, ui));
        messages::text(ui, key, &[("reason", why.into())])
    };
    let ui = messages::ui();
    let problem = |pos: Pos| Problem {
        local: (ui != Ui::En).then(|| worded(ui)),
        ..Problem::new(pos, "", worded(Ui::En))
    };
    match located {
        Some((line, col)) => {
            let excerpt = text
                .lines()
                .nth(line.saturating_sub(1))
                .unwrap_or("")
                .trim_end();
            problem(Pos::at(shown, line, col)).with_excerpt(excerpt)
        }
        None => problem(Pos::file(shown)),
    }
}

/// An error and its causes on one string; a cause of our own words ([`filters::Worded`])
/// in `ui`, the others as they are.
fn chain(e: &dyn std::error::Error, ui: Ui) -> String {
    let mut out = e.to_string();
    let mut last = 0;
    let mut source = e.source();
    while let Some(s) = source {
        if let Some(filters::Worded(words)) = s.downcast_ref::<filters::Worded>() {
            // It repeats the message it is the cause of: word that one in `ui` instead.
            out.truncate(last);
            out.push_str(&words.in_lang(ui));
            break;
        }
        out.push_str(": ");
        last = out.len();
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_pieces_skip_tera() {
        assert_eq!(
            literal_pieces("尊敬的{{ name }}{{ title }}："),
            vec!["尊敬的", "："]
        );
        assert_eq!(literal_pieces("{% if x %}a{% endif %}"), vec!["a"]);
        assert_eq!(literal_pieces("#let x = (a: 1)"), vec!["#let x = (a: 1)"]);
    }
}
