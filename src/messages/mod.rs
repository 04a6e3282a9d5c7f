//! The tool's own words in Chinese and English (SPEC 10): one Fluent catalogue per language
//! (`en.ftl`, `zh.ftl`, compiled into the binary), every message present in both — a test
//! fails when one is missing. Chinese when `DUNNING_UI=zh`, or when the locale (`LC_ALL`,
//! else `LC_MESSAGES`, else `LANG`) begins with `zh`; English otherwise.
//!
//! Fluent rather than a key-value crate: a translator writes each language's sentence as
//! that language wants it (plural forms in English, none in Chinese, 第3行 word order),
//! with the same named variables, in plain text files.
//!
//! Files the tool writes (rejects.csv) stay in English whatever the language: a problem
//! keeps its English text beside the one shown (see `error::Problem`).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;

pub use fluent_bundle::FluentValue as Value;

/// The language of the tool's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    En,
    Zh,
}

const EN: &str = include_str!("en.ftl");
const ZH: &str = include_str!("zh.ftl");

/// The language chosen from the environment, once per run; a `DUNNING_UI` that is neither
/// `zh` nor `en` is kept to be warned about (`unknown_ui`).
pub fn ui() -> Ui {
    chosen().0
}

/// A `DUNNING_UI` value that means no language, for one warning at start.
pub fn unknown_ui() -> Option<&'static str> {
    chosen().1.as_deref()
}

fn chosen() -> &'static (Ui, Option<String>) {
    static CHOSEN: OnceLock<(Ui, Option<String>)> = OnceLock::new();
    CHOSEN.get_or_init(|| {
        // The library's unit tests pin English messages whatever the developer's locale.
        if cfg!(test) {
            return (Ui::En, None);
        }
        let var = |name: &str| std::env::var(name).ok();
        choose(
            var("DUNNING_UI").as_deref(),
            &[var("LC_ALL"), var("LC_MESSAGES"), var("LANG")],
        )
    })
}

/// `DUNNING_UI` first (`zh` or `en`); else the first locale variable that is set and not
/// empty, Chinese if it begins with `zh` (`zh_CN.UTF-8`, `zh_TW`).
pub fn choose(dunning_ui: Option<&str>, locale: &[Option<String>]) -> (Ui, Option<String>) {
    match dunning_ui.map(str::trim) {
        Some(v) if v.eq_ignore_ascii_case("zh") => return (Ui::Zh, None),
        Some(v) if v.eq_ignore_ascii_case("en") => return (Ui::En, None),
        Some("") | None => {}
        Some(other) => return (Ui::En, Some(other.to_string())),
    }
    let first = locale.iter().flatten().find(|v| !v.is_empty());
    match first {
        Some(v) if v.to_ascii_lowercase().starts_with("zh") => (Ui::Zh, None),
        _ => (Ui::En, None),
    }
}

fn bundle(ui: Ui) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| [make("en", EN), make("zh", ZH)]);
    match ui {
        Ui::En => &bundles[0],
        Ui::Zh => &bundles[1],
    }
}

/// A catalogue compiled into the binary; its syntax is checked by the tests, so a broken
/// message shows as its key rather than stopping a run.
fn make(lang: &str, text: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: they would reach terminals and logs.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message `key` in `ui` with `args`; the key itself if the catalogue lacks it.
pub fn text(ui: Ui, key: &str, args: &[(&str, Value)]) -> String {
    let bundle = bundle(ui);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// The message in the run's language.
pub fn tr(key: &str, args: &[(&str, Value)]) -> String {
    text(ui(), key, args)
}

/// The message in English and, when the run's language is another, in that one too.
pub fn both(key: &str, args: &[(&str, Value)]) -> (String, Option<String>) {
    let en = text(Ui::En, key, args);
    let ui = ui();
    let local = (ui != Ui::En).then(|| text(ui, key, args));
    (en, local)
}

/// A message not yet put into words: its key and arguments. A lower layer returns it as its
/// error (a date or amount that does not parse) so that it is worded at the edge in the
/// run's language, and in English for files; `Display` is the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
    /// Variables that are messages themselves (a reason inside a sentence).
    parts: Vec<(&'static str, Text)>,
}

/// A variable of a [`Text`]: words, or a count that chooses a plural form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Arg {
    Words(String),
    Count(i64),
}

impl Text {
    pub fn new(key: &'static str) -> Text {
        Text {
            key,
            args: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// The same with the variable `name` set to `value`.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Text {
        self.args.push((name, Arg::Words(value.to_string())));
        self
    }

    /// The same with the variable `name` set to the count `n` (which picks a plural form).
    pub fn num(mut self, name: &'static str, n: impl TryInto<i64>) -> Text {
        self.args
            .push((name, Arg::Count(n.try_into().unwrap_or(i64::MAX))));
        self
    }

    /// The same with the variable `name` set to another message, worded in the same
    /// language as this one.
    pub fn part(mut self, name: &'static str, part: &Text) -> Text {
        self.parts.push((name, part.clone()));
        self
    }

    /// The words in `ui`.
    pub fn in_lang(&self, ui: Ui) -> String {
        if self.key.is_empty() {
            // Text that has no message of its own (from `From<String>`): as it is.
            return match self.args.first() {
                Some((_, Arg::Words(v))) => v.clone(),
                Some((_, Arg::Count(n))) => n.to_string(),
                None => String::new(),
            };
        }
        let mut args: Vec<(&str, Value)> = self
            .args
            .iter()
            .map(|(k, v)| match v {
                Arg::Words(v) => (*k, Value::from(v.as_str())),
                Arg::Count(n) => (*k, Value::from(*n)),
            })
            .collect();
        for (k, part) in &self.parts {
            args.push((*k, Value::from(part.in_lang(ui))));
        }
        text(ui, self.key, &args)
    }

    /// The words in the run's language, when that is not English.
    pub fn local(&self) -> Option<String> {
        let ui = ui();
        (ui != Ui::En).then(|| self.in_lang(ui))
    }

    /// The words in the run's language (for the terminal only: files take `Display`).
    pub fn shown(&self) -> String {
        self.in_lang(ui())
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(Ui::En))
    }
}

/// Words already in the run's language, kept as a problem's `local` when that is not
/// English.
pub fn local_of(words: &str) -> Option<String> {
    (ui() != Ui::En).then(|| words.to_string())
}

/// `ID: why`: a problem of the letter `id`, in the words of `why`.
pub fn for_id(id: &str, why: &Text) -> Text {
    Text::new("for-id").arg("id", id).part("why", why)
}

/// Words that are not in the catalogue yet: shown as they are in every language.
impl From<String> for Text {
    fn from(text: String) -> Text {
        Text {
            key: "",
            args: vec![("text", Arg::Words(text))],
            parts: Vec::new(),
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::from(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("the catalogue does not parse: {errors:?}"));
        let mut keys: Vec<String> = resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn every_message_is_in_both_catalogues() {
        let (en, zh) = (keys(EN), keys(ZH));
        let only_en: Vec<&String> = en.iter().filter(|k| !zh.contains(k)).collect();
        let only_zh: Vec<&String> = zh.iter().filter(|k| !en.contains(k)).collect();
        assert!(only_en.is_empty(), "missing in zh.ftl: {only_en:?}");
        assert!(only_zh.is_empty(), "missing in en.ftl: {only_zh:?}");
        assert!(en.len() > 20, "{} messages", en.len());
    }

    #[test]
    fn messages_fill_their_variables_in_both_languages() {
        let args = [("n", Value::from(3)), ("setting", Value::from("X"))];
        assert_eq!(
            text(Ui::En, "invalid-hint", &args),
            "3 problems found; nothing was written. `dunning check` lists them all."
        );
        assert_eq!(
            text(Ui::Zh, "invalid-hint", &args),
            "共发现 3 处问题，未生成任何文件。运行 `dunning check` 可列出全部问题。"
        );
        let one = [("n", Value::from(1))];
        assert_eq!(
            text(Ui::En, "invalid-hint", &one),
            "1 problem found; nothing was written. `dunning check` lists them all."
        );
        let check = [
            ("problems", Value::from(1)),
            ("files", Value::from(2)),
            ("letters", Value::from(0)),
        ];
        assert_eq!(
            text(Ui::En, "check-problems", &check),
            "1 problem in 2 files; 0 letters ready"
        );
        assert_eq!(
            text(Ui::Zh, "check-problems", &check),
            "2 个文件中发现 1 处问题；0 封函件可以生成"
        );
        assert_eq!(text(Ui::Zh, "no-such-key", &[]), "no-such-key");
    }

    #[test]
    fn the_language_comes_from_dunning_ui_then_the_locale() {
        let set = |v: &str| Some(v.to_string());
        assert_eq!(choose(Some("zh"), &[]), (Ui::Zh, None));
        assert_eq!(choose(Some("EN"), &[set("zh_CN.UTF-8")]), (Ui::En, None));
        assert_eq!(
            choose(Some("fr"), &[set("zh_CN.UTF-8")]),
            (Ui::En, Some("fr".into()))
        );
        assert_eq!(
            choose(None, &[None, None, set("zh_CN.UTF-8")]),
            (Ui::Zh, None)
        );
        // LC_ALL wins over LANG; an empty variable does not count.
        assert_eq!(
            choose(None, &[set("C"), None, set("zh_CN.UTF-8")]),
            (Ui::En, None)
        );
        assert_eq!(choose(None, &[set(""), None, set("zh_TW")]), (Ui::Zh, None));
        assert_eq!(choose(None, &[None, None, None]), (Ui::En, None));
    }
}
