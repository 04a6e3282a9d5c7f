//! The one error type of the tool, and the exit code each kind of failure maps to.

use std::collections::HashSet;
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
    pub message: String,
    /// The letter (id) the problem belongs to, when it belongs to one.
    pub id: Option<String>,
}

impl Problem {
    pub fn new(pos: Pos, column: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            pos,
            column: column.into(),
            message: message.into(),
            id: None,
        }
    }

    /// The same problem, attributed to the letter `id`.
    pub fn with_id(mut self, id: &str) -> Self {
        self.id = Some(id.to_string());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "{}: {}", self.pos, self.message)
        } else {
            write!(f, "{}: {}: {}", self.pos, self.column, self.message)
        }
    }
}

/// Every failure the tool reports; `code()` is the exit status of SPEC 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line itself is wrong (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Invalid data or config: all problems found, nothing written (exit 1).
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
    /// The command already printed what went wrong (as `check` does); just exit with this code.
    #[error("")]
    Reported(i32),
    /// Reading or writing a file failed (exit 4).
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn render_problems(problems: &[Problem]) -> String {
    let mut out: Vec<String> = problems.iter().map(Problem::to_string).collect();
    let n = problems.len();
    out.push(format!(
        "{n} problem{} found; nothing was written",
        if n == 1 { "" } else { "s" }
    ));
    out.join("\n")
}

impl Error {
    /// The exit code of SPEC 2.
    pub fn code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::Invalid(_) => 1,
            Error::Reported(code) => *code,
            Error::Io { .. } => 4,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A single problem as an error.
    pub fn invalid(problem: Problem) -> Self {
        Error::Invalid(vec![problem])
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
