//! `dunning.yaml` → checked settings. Unknown keys and bad values are errors naming the
//! key and the line; without a config file the built-in defaults of SPEC 4 apply.

use crate::calc::calendar::{Calendar, CalendarSource, DeadlineRule};
use crate::calc::fees::{FeeMethod, FeePolicy};
use crate::calc::money::{Money, parse_amount, parse_rate};
use crate::error::{Error, Pos, Problem, Result};
use crate::kinds::{Lang, LetterKind};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    pub ladder: Vec<LadderRule>,
    /// Days within which `--history` keeps the same letter from going out again (default 14).
    pub ladder_interval: u32,
    /// The law firm that signs `lawyer-letter` on the creditor's behalf.
    pub lawyer: Lawyer,
    /// Per-kind deadline overrides (`kinds: { fax-cover: { deadline: … } }`).
    pub kind_deadlines: BTreeMap<LetterKind, DeadlineRule>,
    /// Extra header → column mappings (`columns:`), added to the built-in aliases.
    pub columns: BTreeMap<String, String>,
}

/// The creditor (or its agent) who signs the letters.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    pub name: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    /// Contact person named in the letter.
    pub contact: Option<String>,
    pub contact_phone: Option<String>,
    /// Bank and account the debtor should pay into.
    pub bank: Option<String>,
    pub account: Option<String>,
    /// Images, relative to the config file.
    pub seal: Option<String>,
    pub logo: Option<String>,
    /// The same fields in English, for the English letters (`sender: { en: { name: … } }`);
    /// a field left out here falls back to the one above.
    pub en: Option<Box<Sender>>,
}

impl Sender {
    /// The sender as a letter in `lang` shows it.
    pub fn for_lang(&self, lang: Lang) -> Sender {
        let Some(en) = self.en.as_deref().filter(|_| lang == Lang::En) else {
            return Sender {
                en: None,
                ..self.clone()
            };
        };
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        Sender {
            name: pick(&en.name, &self.name),
            address: pick(&en.address, &self.address),
            postcode: pick(&en.postcode, &self.postcode),
            phone: pick(&en.phone, &self.phone),
            fax: pick(&en.fax, &self.fax),
            email: pick(&en.email, &self.email),
            contact: pick(&en.contact, &self.contact),
            contact_phone: pick(&en.contact_phone, &self.contact_phone),
            bank: pick(&en.bank, &self.bank),
            account: pick(&en.account, &self.account),
            seal: self.seal.clone(),
            logo: self.logo.clone(),
            en: None,
        }
    }
}

/// The law firm of a `lawyer-letter` (`lawyer:` in the config).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lawyer {
    /// The firm, e.g. 北京某某律师事务所.
    pub firm: Option<String>,
    /// The lawyers who sign, as the letter names them (e.g. 王明、李华律师).
    pub lawyers: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    /// The same fields in English, for the English letters; a field left out falls back.
    pub en: Option<Box<Lawyer>>,
}

impl Lawyer {
    /// The firm as a letter in `lang` shows it.
    pub fn for_lang(&self, lang: Lang) -> Lawyer {
        let Some(en) = self.en.as_deref().filter(|_| lang == Lang::En) else {
            return Lawyer {
                en: None,
                ..self.clone()
            };
        };
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        Lawyer {
            firm: pick(&en.firm, &self.firm),
            lawyers: pick(&en.lawyers, &self.lawyers),
            address: pick(&en.address, &self.address),
            postcode: pick(&en.postcode, &self.postcode),
            phone: pick(&en.phone, &self.phone),
            fax: pick(&en.fax, &self.fax),
            email: pick(&en.email, &self.email),
            en: None,
        }
    }
}

/// One rule of the escalation ladder used by `--auto`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderRule {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub kind: LetterKind,
    /// Below this outstanding amount no letter is produced.
    pub min_amount: Option<Money>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            lang: Lang::Zh,
            sender: Sender::default(),
            fees: FeePolicy {
                method: FeeMethod::Daily,
                rate: Decimal::new(5, 4),
                day_count: 365,
                grace_days: 0,
                cap_percent: None,
                flat: Money::ZERO,
            },
            deadline: DeadlineRule::Workdays(3),
            calendar: Calendar::cn(),
            aging: crate::calc::aging::DEFAULT_BOUNDS.to_vec(),
            ladder: vec![
                LadderRule {
                    from: Some(-5),
                    to: Some(-1),
                    kind: LetterKind::Reminder,
                    min_amount: None,
                },
                LadderRule {
                    from: Some(0),
                    to: Some(90),
                    kind: LetterKind::Demand,
                    min_amount: None,
                },
                LadderRule {
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
            std::io::ErrorKind::NotFound => Error::invalid(Problem::new(
                Pos::file(&path.display().to_string()),
                "",
                "config file not found",
            )),
            _ => Error::io(&path, e),
        })?;
        let name = path.display().to_string();
        let text = String::from_utf8(text).map_err(|_| {
            Error::invalid(Problem::new(
                Pos::file(&name),
                "",
                "config is not UTF-8 text",
            ))
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

/// A YAML error as `FILE:LINE: column C: message`.
pub fn yaml_problem(file: &str, err: &serde_saphyr::Error) -> Problem {
    let message = crate::calc::calendar::yaml_message(err);
    match err.location() {
        Some(loc) if loc.line() > 0 => Problem::new(
            Pos::at(file, loc.line() as usize, loc.column() as usize),
            "",
            message,
        ),
        _ => Problem::new(Pos::file(file), "", message),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    lang: Option<Spanned<String>>,
    sender: Option<Sender>,
    fees: Option<RawFees>,
    deadline: Option<Spanned<RawDeadline>>,
    calendar: Option<Spanned<String>>,
    aging: Option<Spanned<Vec<Spanned<i64>>>>,
    ladder: Option<Vec<Spanned<RawRule>>>,
    ladder_interval: Option<Spanned<i64>>,
    lawyer: Option<Lawyer>,
    kinds: Option<BTreeMap<String, Spanned<RawKind>>>,
    columns: Option<BTreeMap<String, Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFees {
    method: Option<Spanned<String>>,
    rate: Option<Spanned<String>>,
    day_count: Option<Spanned<i64>>,
    grace_days: Option<Spanned<i64>>,
    cap_percent: Option<Spanned<String>>,
    flat: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeadline {
    workdays: Option<i64>,
    days: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    from: Option<i64>,
    to: Option<i64>,
    kind: String,
    min_amount: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    deadline: Option<Spanned<RawDeadline>>,
}

/// Turns the raw YAML into settings, collecting every problem with its line.
struct Checker<'a> {
    name: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn bad<T>(&mut self, line: u64, key: &str, message: impl Into<String>) -> Option<T> {
        self.problems.push(Problem::new(
            Pos::new(self.name, line as usize),
            key,
            message,
        ));
        None
    }

    fn config(&mut self, raw: RawConfig, base: &Path) -> Config {
        let mut c = Config::default();
        if let Some(lang) = raw.lang {
            match lang.value.parse() {
                Ok(l) => c.lang = l,
                Err(e) => self.bad(lang.referenced.line(), "lang", e).unwrap_or(()),
            }
        }
        c.sender = raw.sender.unwrap_or_default();
        if let Some(fees) = raw.fees {
            self.fees(fees, &mut c.fees);
        }
        if let Some(rule) = raw.deadline.and_then(|d| self.deadline(d, "deadline")) {
            c.deadline = rule;
        }
        if let Some(cal) = raw.calendar {
            let line = cal.referenced.line();
            match CalendarSource::parse(cal.value.trim()) {
                CalendarSource::Cn => c.calendar = Calendar::cn(),
                CalendarSource::None => c.calendar = Calendar::weekends_only(),
                CalendarSource::File(file) => {
                    let path = base.join(file);
                    match std::fs::read_to_string(&path) {
                        Ok(text) => match Calendar::from_yaml(&text) {
                            Ok(cal) => c.calendar = cal,
                            Err(e) => self.bad(line, "calendar", format!("{}:{e}", path.display())).unwrap_or(()),
                        },
                        Err(e) => self
                            .bad(line, "calendar", format!("cannot read calendar file {}: {e} (expected cn, none or a file)", path.display()))
                            .unwrap_or(()),
                    }
                }
            }
        }
        if let Some(aging) = raw.aging {
            let mut bounds = Vec::new();
            for b in aging.value {
                match u32::try_from(b.value) {
                    Ok(v) if bounds.last().is_none_or(|&last| v > last) => bounds.push(v),
                    _ => self
                        .bad(
                            b.referenced.line(),
                            "aging",
                            format!("{} is not a day count above the previous bound", b.value),
                        )
                        .unwrap_or(()),
                }
            }
            c.aging = bounds;
        }
        if let Some(ladder) = raw.ladder {
            c.ladder = ladder.into_iter().filter_map(|r| self.rule(r)).collect();
        }
        if let Some(days) = raw.ladder_interval {
            match u32::try_from(days.value) {
                Ok(d) if d <= 3650 => c.ladder_interval = d,
                _ => self
                    .bad(
                        days.referenced.line(),
                        "ladder_interval",
                        format!("{} is not a number of days", days.value),
                    )
                    .unwrap_or(()),
            }
        }
        c.lawyer = raw.lawyer.unwrap_or_default();
        for (kind, over) in raw.kinds.unwrap_or_default() {
            let line = over.referenced.line();
            let Ok(k) = kind.parse::<LetterKind>() else {
                self.bad::<()>(line, "kinds", format!("unknown letter kind {kind:?}"));
                continue;
            };
            if let Some(rule) = over
                .value
                .deadline
                .and_then(|d| self.deadline(d, "deadline"))
            {
                c.kind_deadlines.insert(k, rule);
            }
        }
        for (header, column) in raw.columns.unwrap_or_default() {
            let target = column.value.trim().to_string();
            if crate::data::columns::is_known(&target) {
                c.columns.insert(header.trim().to_string(), target);
            } else {
                self.bad::<()>(
                    column.referenced.line(),
                    "columns",
                    format!("{header:?} maps to unknown column {target:?}"),
                );
            }
        }
        c
    }

    fn fees(&mut self, raw: RawFees, fees: &mut FeePolicy) {
        if let Some(m) = raw.method {
            match m.value.trim() {
                "daily" => fees.method = FeeMethod::Daily,
                "annual" => fees.method = FeeMethod::Annual,
                "none" => fees.method = FeeMethod::None,
                other => self
                    .bad(
                        m.referenced.line(),
                        "fees.method",
                        format!("{other:?} is not daily, annual or none"),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(r) = raw.rate {
            match parse_rate(&r.value) {
                Ok(rate) if rate <= Decimal::ONE => fees.rate = rate,
                Ok(_) => self
                    .bad(
                        r.referenced.line(),
                        "fees.rate",
                        format!("{} is over 100%", r.value),
                    )
                    .unwrap_or(()),
                Err(e) => self
                    .bad(
                        r.referenced.line(),
                        "fees.rate",
                        format!("{:?}: {e}", r.value),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(dc) = raw.day_count {
            match dc.value {
                365 | 360 => fees.day_count = dc.value as u32,
                v => self
                    .bad(
                        dc.referenced.line(),
                        "fees.day_count",
                        format!("{v} is not 365 or 360"),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(g) = raw.grace_days {
            match u32::try_from(g.value) {
                Ok(v) => fees.grace_days = v,
                Err(_) => self
                    .bad(
                        g.referenced.line(),
                        "fees.grace_days",
                        format!("{} is not a number of days", g.value),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(cap) = raw.cap_percent {
            match cap.value.trim().trim_end_matches('%').parse::<Decimal>() {
                Ok(v) if v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED => {
                    fees.cap_percent = Some(v)
                }
                _ => self
                    .bad(
                        cap.referenced.line(),
                        "fees.cap_percent",
                        format!("{:?} is not a percentage from 0 to 100", cap.value),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(flat) = raw.flat {
            match parse_amount(&flat.value) {
                Ok(v) => fees.flat = v,
                Err(e) => self
                    .bad(
                        flat.referenced.line(),
                        "fees.flat",
                        format!("{:?}: {e}", flat.value),
                    )
                    .unwrap_or(()),
            }
        }
    }

    fn deadline(&mut self, raw: Spanned<RawDeadline>, key: &str) -> Option<DeadlineRule> {
        let line = raw.referenced.line();
        let count = |v: i64| u32::try_from(v).ok().filter(|&n| n <= 3650);
        match (raw.value.workdays, raw.value.days) {
            (Some(w), None) => count(w)
                .map(DeadlineRule::Workdays)
                .or_else(|| self.bad(line, key, format!("workdays: {w} is not a number of days"))),
            (None, Some(d)) => count(d)
                .map(DeadlineRule::Days)
                .or_else(|| self.bad(line, key, format!("days: {d} is not a number of days"))),
            _ => self.bad(line, key, "give exactly one of workdays: N or days: N"),
        }
    }

    fn rule(&mut self, raw: Spanned<RawRule>) -> Option<LadderRule> {
        let line = raw.referenced.line();
        let r = raw.value;
        let kind = match r.kind.parse() {
            Ok(k) => k,
            Err(e) => return self.bad(line, "ladder.kind", e),
        };
        if let (Some(from), Some(to)) = (r.from, r.to)
            && from > to
        {
            return self.bad(line, "ladder", format!("from {from} is after to {to}"));
        }
        let min_amount = match r.min_amount.as_deref().map(parse_amount) {
            Some(Err(e)) => return self.bad(line, "ladder.min_amount", e),
            Some(Ok(m)) => Some(m),
            None => None,
        };
        Some(LadderRule {
            from: r.from,
            to: r.to,
            kind,
            min_amount,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, "dunning.yaml", Path::new("."))
    }

    fn messages(text: &str) -> Vec<String> {
        match parse(text) {
            Err(Error::Invalid(p)) => p.iter().map(|p| p.to_string()).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn defaults_when_empty() {
        let c = parse("").unwrap();
        assert_eq!(c.fees.rate, dec!(0.0005));
        assert_eq!(c.deadline, DeadlineRule::Workdays(3));
        assert_eq!(c.aging, vec![30, 60, 90, 180]);
    }

    #[test]
    fn the_spec_example_parses() {
        let c = parse(
            "lang: en\nsender: { name: 某某公司, phone: 010-1234 }\nfees:\n  method: annual\n  rate: 0.0365\n  day_count: 360\n  grace_days: 3\n  cap_percent: 30\n  flat: 50\ndeadline: { days: 15 }\ncalendar: none\naging: [30, 60]\nladder:\n  - { from: 0, to: 90, kind: demand }\n  - { from: 91, kind: termination }\nkinds: { fax-cover: { deadline: { workdays: 5 } } }\ncolumns: { 欠款金额: amount_due }\n",
        )
        .unwrap();
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.fees.method, FeeMethod::Annual);
        assert_eq!(c.fees.day_count, 360);
        assert_eq!(c.fees.cap_percent, Some(dec!(30)));
        assert_eq!(c.fees.flat, Money(dec!(50)));
        assert_eq!(c.deadline, DeadlineRule::Days(15));
        assert_eq!(
            c.deadline_for(LetterKind::FaxCover),
            DeadlineRule::Workdays(5)
        );
        assert_eq!(
            c.columns.get("欠款金额").map(String::as_str),
            Some("amount_due")
        );
        assert_eq!(c.sender.name.as_deref(), Some("某某公司"));
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let m = messages("lang: zh\nfees:\n  rate: 0.0005\n  grace: 3\n");
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].starts_with("dunning.yaml:4:3: unknown field `grace`"),
            "{m:?}"
        );
    }

    #[test]
    fn bad_values_all_reported_with_lines() {
        let m = messages(
            "fees:\n  rate: -0.1\n  cap_percent: 120\n  day_count: 364\nlang: fr\ndeadline: { workdays: 3, days: 4 }\n",
        );
        let joined = m.join("\n");
        assert!(joined.contains("dunning.yaml:2: fees.rate"), "{joined}");
        assert!(
            joined.contains("dunning.yaml:3: fees.cap_percent"),
            "{joined}"
        );
        assert!(
            joined.contains("dunning.yaml:4: fees.day_count: 364 is not 365 or 360"),
            "{joined}"
        );
        assert!(joined.contains("dunning.yaml:5: lang"), "{joined}");
        assert!(joined.contains("dunning.yaml:6: deadline"), "{joined}");
    }

    #[test]
    fn broken_yaml_is_a_problem_not_a_panic() {
        let m = messages("fees: [\n");
        assert!(m[0].starts_with("dunning.yaml"), "{m:?}");
    }
}
