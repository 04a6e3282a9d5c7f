//! The one error type of the tool, and the exit code each kind of failure maps to.

use crate::messages;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One shared copy of each file and column name: a million rows hold a million positions
/// and several million values, each naming its file or column. The names kept are capped,
/// so that a process reading many files with odd headers (`preview --watch`, fuzzing)
/// does not grow without end; past the cap a name is simply not shared.
pub fn intern(name: &str) -> Arc<str> {
    const MAX_NAMES: usize = 4096;
    static NAMES: Mutex<Option<HashSet<Arc<str>>>> = Mutex::new(None);
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    let names = names.get_or_insert_with(HashSet::new);
    if let Some(n) = names.get(name) {
        return n.clone();
    }
    let n: Arc<str> = name.into();
    if names.len() < MAX_NAMES {
        names.insert(n.clone());
    }
    n
}

/// Where a problem sits in the input: `FILE:ROW` (ROW is the line, the header being 1).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The file as the user named it (`-` for stdin); shared, as every cell has a position.
    pub file: Arc<str>,
    /// 1-based line in the file; `None` for a problem with the whole file.
    pub line: Option<usize>,
    /// 1-based column, where it is known (templates, YAML).
    pub column: Option<usize>,
}

impl Pos {
    pub fn new(file: &str, line: usize) -> Self {
        Pos {
            file: intern(file),
            line: Some(line),
            column: None,
        }
    }
    pub fn at(file: &str, line: usize, column: usize) -> Self {
        Pos {
            file: intern(file),
            line: Some(line),
            column: Some(column),
        }
    }
    pub fn file(file: &str) -> Self {
        Pos {
            file: intern(file),
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}:{line}:{column}", self.file),
            (Some(line), None) => write!(f, "{}:{line}", self.file),
            _ => write!(f, "{}", self.file),
        }
    }
}

/// One thing wrong with the input, printed as `FILE:ROW: COLUMN: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pos: Pos,
    /// The column (canonical name) or config key concerned; empty for whole-row problems.
    pub column: String,
    /// In English: what files (rejects.csv) say, whatever the language of the run.
    pub message: String,
    /// The same in the run's language, when that is not English (`messages`).
    pub local: Option<String>,
    /// The letter (id) the problem belongs to, when it belongs to one.
    pub id: Option<String>,
}

impl Problem {
    pub fn new(pos: Pos, column: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            pos,
            column: column.into(),
            message: message.into(),
            local: None,
            id: None,
        }
    }

    /// A problem worded by the message catalogue: English for files, the run's language
    /// on the terminal.
    pub fn tr(
        pos: Pos,
        column: impl Into<String>,
        key: &str,
        args: &[(&str, messages::Value)],
    ) -> Self {
        let (message, local) = messages::both(key, args);
        Problem {
            local,
            ..Problem::new(pos, column, message)
        }
    }

    /// A problem worded by a message a lower layer returned unworded ([`messages::Text`]).
    pub fn text(pos: Pos, column: impl Into<String>, why: &messages::Text) -> Self {
        Problem {
            local: why.local(),
            ..Problem::new(pos, column, why.to_string())
        }
    }

    /// `"VALUE": why`: a value that does not parse, worded in the run's language too.
    pub fn quoted(pos: Pos, column: impl Into<String>, value: &str, why: &messages::Text) -> Self {
        let local = why.local().map(|w| format!("{value:?}: {w}"));
        Problem {
            local,
            ..Problem::new(pos, column, format!("{value:?}: {why}"))
        }
    }

    /// The message in the run's language.
    pub fn shown_message(&self) -> &str {
        self.local.as_deref().unwrap_or(&self.message)
    }

    /// `PATH: no such file`: the one wording for a data file, config, history file, shard
    /// or template folder that is not there.
    pub fn not_found(path: &str) -> Self {
        Problem::tr(Pos::file(path), "", "no-such-file", &[])
    }

    /// The same problem with the line of the file it is about shown below it
    /// (`    | LINE`), as compilers show it: the same in every language.
    pub fn with_excerpt(mut self, excerpt: &str) -> Self {
        let below = format!("\n    | {excerpt}");
        self.message.push_str(&below);
        if let Some(local) = &mut self.local {
            local.push_str(&below);
        }
        self
    }

    /// The same problem, attributed to the letter `id`.
    pub fn with_id(mut self, id: &str) -> Self {
        self.id = Some(id.to_string());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.shown_message();
        if self.column.is_empty() {
            write!(f, "{}: {message}", self.pos)
        } else {
            write!(f, "{}: {}: {message}", self.pos, self.shown_column())
        }
    }
}

/// The header each file read gave each column, where it is not the column's own name
/// (`欠款.csv`: `due_date` → `到期日`), so that a problem names the column as the clerk's
/// file does (SPEC 10) — also a problem found long after loading (a fee, a font, a
/// template), wherever it is made. Filled by the loader, read when a problem is shown.
static HEADERS: Mutex<Option<HashMap<Arc<str>, Headers>>> = Mutex::new(None);

/// One file's headers: canonical column → the header as written.
type Headers = BTreeMap<String, String>;

/// Records the headers of `file` (canonical column → the header as written).
pub fn register_headers(file: &str, headers: BTreeMap<String, String>) {
    if headers.is_empty() {
        return;
    }
    let mut all = HEADERS.lock().unwrap_or_else(|e| e.into_inner());
    all.get_or_insert_with(HashMap::new)
        .insert(intern(file), headers);
}

impl Problem {
    /// The column as the problem's file names it: its header, else the column's own name.
    pub fn shown_column(&self) -> String {
        let all = HEADERS.lock().unwrap_or_else(|e| e.into_inner());
        all.as_ref()
            .and_then(|all| all.get(&self.pos.file))
            .and_then(|headers| headers.get(&self.column))
            .cloned()
            .unwrap_or_else(|| self.column.clone())
    }
}

/// Every failure the tool reports; `code()` is the exit status of SPEC 2, and the terminal
/// printer (`terminal::print_error`) is the one place that turns it into words.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line itself is wrong (exit 2).
    #[error("{0}")]
    Usage(String),
    /// The same, in the catalogue's words (Chinese or English on the terminal).
    #[error("{0}")]
    UsageText(messages::Text),
    /// Invalid data, config or templates: all problems found, nothing written (exit 1).
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
    /// `check` found problems; it has listed them with its summary on stdout (exit 1).
    #[error("{count} problem{} found", plural(*.count))]
    CheckFailed { count: usize },
    /// The zip was written without the letters whose rows are invalid (`--skip-invalid`,
    /// exit 3); `problems` are listed in its rejects.csv.
    #[error("{problems} problem(s), {letters} letter(s) left out: see rejects.csv in the zip")]
    Rejected { problems: usize, letters: usize },
    /// Reading or writing a file failed (exit 4).
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Ctrl-C or SIGTERM: the temporary outputs are removed (exit 130).
    #[error("interrupted: nothing was written")]
    Interrupted,
    /// `send` stopped at Ctrl-C or SIGTERM after the message in hand; `done` says where
    /// what went out is recorded (exit 130).
    #[error("interrupted: {done}")]
    SendInterrupted { done: messages::Text },
    /// `send` went through every letter, but not every one went out (exit 3).
    #[error("{failed} failed, {skipped} skipped (no email address), {deferred} deferred: see {}", log.display())]
    Undelivered {
        failed: usize,
        skipped: usize,
        deferred: usize,
        log: PathBuf,
    },
    /// The mail server could not be reached, or went away and did not come back (exit 4).
    #[error("{reason}")]
    Unreachable { reason: messages::Text, sent: usize },
    /// One letter took longer than the per-letter limit: a template that never ends (exit 1).
    /// `setting` is the environment variable that sets the limit.
    #[error(
        "{what}: stopped after {seconds} s (an endless loop in the template, or a document of thousands of pages?)"
    )]
    TimedOut {
        what: messages::Text,
        seconds: u64,
        setting: &'static str,
    },
    /// A bug in the tool, not in its input (exit 1).
    #[error("internal error: {0} (a bug: please report it)")]
    Internal(String),
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn render_problems(problems: &[Problem]) -> String {
    let mut out: Vec<String> = problems.iter().map(Problem::to_string).collect();
    let n = problems.len();
    out.push(format!(
        "{n} problem{} found; nothing was written",
        plural(n)
    ));
    out.join("\n")
}

impl Error {
    /// The exit code of SPEC 2.
    pub fn code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::UsageText(_) => 2,
            Error::Invalid(_) | Error::CheckFailed { .. } => 1,
            Error::TimedOut { .. } | Error::Internal(_) => 1,
            Error::Rejected { .. } | Error::Undelivered { .. } => 3,
            Error::Io { .. } | Error::Unreachable { .. } => 4,
            Error::Interrupted | Error::SendInterrupted { .. } => 130,
        }
    }

    /// What the user can do about it, printed as `hint:` lines after the error, in the
    /// run's language.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Invalid(problems) => Some(messages::tr(
                "invalid-hint",
                &[("n", problems.len().into())],
            )),
            Error::Undelivered {
                failed,
                skipped,
                deferred,
                ..
            } => {
                let mut hints = Vec::new();
                if *deferred > 0 {
                    hints.push(messages::tr("send-hint-deferred", &[]));
                }
                if *failed > 0 {
                    hints.push(messages::tr("send-hint-failed", &[]));
                }
                if *skipped > 0 {
                    hints.push(messages::tr("send-hint-skipped", &[]));
                }
                Some(hints.join("; "))
            }
            Error::Unreachable { sent: 0, .. } => Some(messages::tr("send-hint-nothing-sent", &[])),
            Error::Unreachable { sent, .. } => Some(messages::tr(
                "send-hint-some-sent",
                &[("sent", (*sent).into())],
            )),
            Error::TimedOut { setting, .. } => Some(messages::tr(
                "timed-out-hint",
                &[("setting", (*setting).into())],
            )),
            _ => None,
        }
    }

    /// The error in the run's language, as the terminal shows it (`Display` is English).
    pub fn localized(&self) -> String {
        match self {
            Error::Rejected { problems, letters } => messages::tr(
                "rejected",
                &[
                    ("problems", (*problems).into()),
                    ("letters", (*letters).into()),
                ],
            ),
            Error::Interrupted => messages::tr("interrupted", &[]),
            Error::TimedOut { what, seconds, .. } => messages::tr(
                "timed-out",
                &[
                    ("what", what.shown().into()),
                    ("seconds", (*seconds).into()),
                ],
            ),
            Error::Internal(what) => messages::tr("internal", &[("what", what.as_str().into())]),
            Error::Undelivered {
                failed,
                skipped,
                deferred,
                log,
            } => messages::tr(
                "send-undelivered",
                &[
                    ("failed", (*failed).into()),
                    ("skipped", (*skipped).into()),
                    ("deferred", (*deferred).into()),
                    ("log", log.display().to_string().into()),
                ],
            ),
            Error::SendInterrupted { done } => {
                messages::tr("send-interrupted", &[("done", done.shown().into())])
            }
            Error::UsageText(text) => text.shown(),
            Error::Io { path, source } => messages::tr(
                "io",
                &[
                    ("path", path.display().to_string().into()),
                    ("error", io_reason(source).shown().into()),
                ],
            ),
            Error::Unreachable { reason, .. } => reason.shown(),
            other => other.to_string(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Writing to standard output failed (a closed pipe is not a failure: see main).
    pub fn stdout(source: std::io::Error) -> Self {
        Error::io(STDOUT, source)
    }

    /// Whether this is a write to standard output whose reader went away
    /// (`dunning compute | head`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { path, source }
            if source.kind() == std::io::ErrorKind::BrokenPipe && path.as_os_str() == STDOUT)
    }

    /// A single problem as an error.
    pub fn invalid(problem: Problem) -> Self {
        Error::Invalid(vec![problem])
    }

    /// A file (data, config, history, shard, template folder) the user named is not there:
    /// one wording.
    pub fn not_found(path: &str) -> Self {
        Error::invalid(Problem::not_found(path))
    }
}

/// Standard output, as an I/O error names it.
const STDOUT: &str = "<stdout>";

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How the process ends from a thread that cannot return an error to `main`: the signal
/// handler and the per-letter watchdog. `main` registers its own exit path here, so the
/// message is printed and the exit code chosen in one place.
static FATAL: std::sync::OnceLock<fn(Error) -> !> = std::sync::OnceLock::new();

/// Registers `main`'s exit path (once, before any work starts).
pub fn on_fatal(exit: fn(Error) -> !) {
    let _ = FATAL.set(exit);
}

/// Ends the process with `error`, through `main`'s exit path. Without one (the library
/// used on its own, as the fuzz targets do) the error is printed and the process aborts.
pub fn fatal(error: Error) -> ! {
    match FATAL.get() {
        Some(exit) => exit(error),
        None => {
            eprintln!("{error}");
            std::process::abort()
        }
    }
}

/// A YAML error as `FILE:LINE:COL: message` (config files, YAML data, calendar files).
pub fn yaml_problem(file: &str, err: &serde_saphyr::Error) -> Problem {
    let why = yaml_text(err);
    match err.location() {
        Some(loc) if loc.line() > 0 => Problem::text(
            Pos::at(file, loc.line() as usize, loc.column() as usize),
            "",
            &why,
        ),
        _ => Problem::text(Pos::file(file), "", &why),
    }
}

/// A YAML error's message without serde-saphyr's own location suffix or snippet, on one
/// line, in English.
pub fn yaml_message(err: &serde_saphyr::Error) -> String {
    use serde_saphyr::MessageFormatter;
    printable(&serde_saphyr::UserMessageFormatter.format_message(yaml_inner(err)))
}

/// The error itself, without the alias or snippet it is wrapped in.
fn yaml_inner(err: &serde_saphyr::Error) -> &serde_saphyr::Error {
    let mut inner = err;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = inner
    {
        inner = error;
    }
    inner
}

/// A YAML error unworded: the commonest (an unknown or missing key, a list where a value
/// goes) in the catalogue's words, in English as serde-saphyr words them; an unknown key
/// with a near miss among the keys allowed also says which one was meant. The rest keep
/// the parser's English, introduced in the run's language.
pub fn yaml_text(err: &serde_saphyr::Error) -> messages::Text {
    use messages::Text;
    use serde_saphyr::Error as E;
    match yaml_inner(err) {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let field = printable(field);
            let text = match did_you_mean(&field, expected) {
                Some(near) => Text::new("yaml-unknown-field-near").arg("near", near),
                None => Text::new("yaml-unknown-field"),
            };
            text.arg("field", field)
                .arg("expected", expected.join(", "))
                .arg("list", expected.join("、"))
        }
        E::SerdeMissingField { field, .. } => Text::new("yaml-missing-field").arg("field", field),
        E::DuplicateMappingKey { key: Some(k), .. } => {
            Text::new("yaml-duplicate-key").arg("key", printable(k))
        }
        E::Unexpected { expected, .. } => {
            let key = match *expected {
                "string scalar" => "yaml-expected-value",
                "sequence start" => "yaml-expected-list",
                "mapping start" => "yaml-expected-mapping",
                _ => return Text::new("yaml-other").arg("message", yaml_message(err)),
            };
            Text::new(key)
        }
        E::InvalidScalar { ty, .. } => {
            let key = match *ty {
                "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
                | "u128" | "usize" => "yaml-not-integer",
                "f32" | "f64" => "yaml-not-number",
                "boolean" | "bool" => "yaml-not-boolean",
                _ => return Text::new("yaml-other").arg("message", yaml_message(err)),
            };
            Text::new(key).arg("type", ty)
        }
        _ => Text::new("yaml-other").arg("message", yaml_message(err)),
    }
}

/// The key of `allowed` that `typed` most likely meant: one that begins with it or it
/// with that (`grace` for `grace_days`, `fee` for `fees`), else one at most two edits
/// away (`form` for `from`), when there is exactly one best.
pub fn did_you_mean<'a>(typed: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    if typed.chars().count() < 2 {
        return None;
    }
    let score = |candidate: &str| -> Option<usize> {
        if candidate.starts_with(&typed) || typed.starts_with(candidate) {
            return Some(0);
        }
        let d = edit_distance(&typed, candidate);
        (d <= 2 && d < typed.chars().count()).then_some(d)
    };
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for candidate in allowed {
        let Some(s) = score(candidate) else { continue };
        match best {
            Some((b, _)) if s > b => {}
            Some((b, _)) if s == b => tied = true,
            _ => {
                best = Some((s, candidate));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, c)| c)
}

/// Levenshtein distance, a swap of two neighbours counting as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// Why a file could not be read, unworded: "no such file" and "permission denied" in the
/// catalogue's words, anything else as the system says it; English is the system's text.
pub fn io_reason(e: &std::io::Error) -> messages::Text {
    use messages::Text;
    let key = match e.kind() {
        std::io::ErrorKind::NotFound => "io-not-found",
        std::io::ErrorKind::PermissionDenied => "io-permission-denied",
        _ => "io-other",
    };
    Text::new(key).arg("error", e)
}

/// Escapes control characters so user text cannot break the one-line message.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fees {
        rate: String,
        grace_days: Option<u32>,
        cap: Option<bool>,
        aging: Option<Vec<u32>>,
        kinds: Option<BTreeMap<String, String>>,
    }

    fn error(yaml: &str) -> serde_saphyr::Error {
        serde_saphyr::from_str::<Fees>(yaml).expect_err(yaml)
    }

    /// The catalogue's English is serde-saphyr's, word for word; a near miss adds the key
    /// meant.
    #[test]
    fn yaml_errors_in_english_are_the_parsers_words() {
        for yaml in [
            "rate: x\nfoo: 1\n",
            "grace_days: 1\n",
            "rate: [1]\n",
            "rate: x\ngrace_days: abc\n",
            "rate: x\ncap: maybe\n",
            "rate: x\naging: 3\n",
            "rate: x\nkinds: 3\n",
            "rate: x\nrate: y\n",
            "rate: x\n  bad: indent\n",
        ] {
            let e = error(yaml);
            assert_eq!(yaml_text(&e).to_string(), yaml_message(&e), "{yaml}");
        }
        let e = error("rate: x\ngrace: 3\n");
        assert_eq!(
            yaml_text(&e).to_string(),
            format!("{} (did you mean `grace_days`?)", yaml_message(&e))
        );
    }

    #[test]
    fn near_misses() {
        let keys = ["method", "rate", "grace_days", "from", "fees", "to"];
        assert_eq!(did_you_mean("grace", &keys), Some("grace_days"));
        assert_eq!(did_you_mean("fee", &keys), Some("fees"));
        assert_eq!(did_you_mean("form", &keys), Some("from"));
        assert_eq!(did_you_mean("Methd", &keys), Some("method"));
        assert_eq!(did_you_mean("colour", &keys), None);
        assert_eq!(did_you_mean("t", &keys), None);
    }
}
