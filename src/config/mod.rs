//! `dunning.yaml` → checked settings. Unknown keys and bad values are errors naming the
//! key and the line (`check`: the file as written and its checks); without a config file the
//! built-in defaults of SPEC 4 apply. `sender`: who signs the letters.

use crate::calc::calendar::{Calendar, DeadlineRule};
use crate::calc::fees::FeePolicy;
use crate::calc::ladder::Rule;
use crate::calc::{Lang, LetterKind};
use crate::error::{Error, Pos, Problem, Result, yaml_problem};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod check;
mod mail;
mod sender;
#[cfg(test)]
mod tests;

use check::{Checker, RawConfig};
pub use mail::{Mail, parse_mailbox};
pub use sender::{Lawyer, Sender};

/// The config file looked for in the working directory.
pub const DEFAULT_FILE: &str = "dunning.yaml";

/// Checked settings shared by every command.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file these settings came from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    pub lang: Lang,
    pub sender: Sender,
    pub fees: FeePolicy,
    pub deadline: DeadlineRule,
    pub calendar: Calendar,
    pub aging: Vec<u32>,
    pub ladder: Vec<Rule>,
    /// Days within which `--history` keeps the same letter from going out again (default 14).
    pub ladder_interval: u32,
    /// The law firm that signs `lawyer-letter` on the creditor's behalf.
    pub lawyer: Lawyer,
    /// Per-kind deadline overrides (`kinds: { fax-cover: { deadline: … } }`).
    pub kind_deadlines: BTreeMap<LetterKind, DeadlineRule>,
    /// Extra header → column mappings (`columns:`), added to the built-in aliases.
    pub columns: BTreeMap<String, String>,
    /// The zone whose date is "today" for the default `--as-of` (`timezone:`); `None`: the
    /// system's. A CronJob's container runs in UTC: at 06:30 in Beijing it is still yesterday.
    pub timezone: Option<chrono_tz::Tz>,
    /// The limitation period (`limitation:`).
    pub limitation: Limitation,
    /// From, Bcc and Reply-To of `dunning send` (`mail:`).
    pub mail: Mail,
}

/// `limitation: { years, warn_days, history }` (SPEC 4, 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limitation {
    /// Length of the period in years (民法典 第188条: 3).
    pub years: u32,
    /// Warn when an outstanding item's period ends within this many days, or has ended.
    pub warn_days: u32,
    /// A letter in `--history` interrupts the period (as a demand that arrived).
    pub history: bool,
}

impl Default for Limitation {
    fn default() -> Self {
        Limitation {
            years: crate::calc::limitation::DEFAULT_YEARS,
            warn_days: 90,
            history: false,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            lang: Lang::Zh,
            sender: Sender::default(),
            fees: FeePolicy::default(),
            deadline: DeadlineRule::Workdays(3),
            calendar: Calendar::cn(),
            aging: crate::calc::aging::DEFAULT_BOUNDS.to_vec(),
            ladder: vec![
                Rule {
                    from: Some(-5),
                    to: Some(-1),
                    kind: LetterKind::Reminder,
                    min_amount: None,
                },
                Rule {
                    from: Some(0),
                    to: Some(90),
                    kind: LetterKind::Demand,
                    min_amount: None,
                },
                Rule {
                    from: Some(91),
                    to: None,
                    kind: LetterKind::Termination,
                    min_amount: None,
                },
            ],
            ladder_interval: 14,
            lawyer: Lawyer::default(),
            kind_deadlines: BTreeMap::new(),
            columns: BTreeMap::new(),
            timezone: None,
            limitation: Limitation::default(),
            mail: Mail::default(),
        }
    }
}

impl Config {
    /// Loads `--config FILE`, else `dunning.yaml` in the working directory, else the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Config> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let p = PathBuf::from(DEFAULT_FILE);
                if !p.is_file() {
                    return Ok(Config::default());
                }
                p
            }
        };
        let text = std::fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::not_found(&path.display().to_string()),
            _ => Error::io(&path, e),
        })?;
        let name = path.display().to_string();
        let text = String::from_utf8(text).map_err(|_| {
            Error::invalid(Problem::tr(Pos::file(&name), "", "config-not-utf8", &[]))
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Config::parse(&text, &name, base).map(|mut c| {
            c.path = Some(path.clone());
            c
        })
    }

    /// Parses config text; `name` is used in messages, `base` resolves relative paths.
    pub fn parse(text: &str, name: &str, base: &Path) -> Result<Config> {
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            serde_saphyr::from_str::<Option<RawConfig>>(text)
                .map_err(|e| Error::invalid(yaml_problem(name, &e)))?
                .unwrap_or_default()
        };
        let mut check = Checker {
            name,
            problems: Vec::new(),
        };
        let config = check.config(raw, base);
        if check.problems.is_empty() {
            Ok(config)
        } else {
            Err(Error::Invalid(check.problems))
        }
    }

    /// The deadline rule for a kind: its override, else the general one.
    pub fn deadline_for(&self, kind: LetterKind) -> DeadlineRule {
        self.kind_deadlines
            .get(&kind)
            .copied()
            .unwrap_or(self.deadline)
    }
}
