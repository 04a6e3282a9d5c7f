//! The config as written (serde, with line numbers) and the checks that turn it into
//! [`Config`]: every problem is collected with its key and line.

use super::{Config, Lawyer, Mail, Sender, parse_mailbox};
use crate::calc::LetterKind;
use crate::calc::calendar::{Calendar, CalendarSource, DeadlineRule};
use crate::calc::fees::{FeeMethod, FeePolicy, LprTerms, PaymentOrder, RateAt};
use crate::calc::ladder::Rule;
use crate::calc::money::{parse_amount, parse_rate};
use crate::calc::rates::{RateTable, Tenor, parse_rates_file};
use crate::error::{Pos, Problem, io_reason};
use crate::messages::Text;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
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
    timezone: Option<Spanned<String>>,
    payments: Option<Spanned<String>>,
    limitation: Option<Spanned<RawLimitation>>,
    mail: Option<RawMail>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimitation {
    years: Option<i64>,
    warn_days: Option<i64>,
    history: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMail {
    from: Option<Spanned<String>>,
    bcc: Option<Spanned<String>>,
    reply_to: Option<Spanned<String>>,
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
    tenor: Option<Spanned<String>>,
    multiplier: Option<Spanned<String>>,
    spread: Option<Spanned<String>>,
    rate_at: Option<Spanned<String>>,
    rates: Option<Spanned<String>>,
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
pub(super) struct Checker<'a> {
    pub(super) name: &'a str,
    pub(super) problems: Vec<Problem>,
}

impl Checker<'_> {
    fn bad<T>(&mut self, line: u64, key: &str, why: Text) -> Option<T> {
        self.problems
            .push(Problem::text(Pos::new(self.name, line as usize), key, &why));
        None
    }

    /// `"VALUE": why` for a value that does not parse.
    fn bad_quoted<T>(&mut self, line: u64, key: &str, value: &str, why: &Text) -> Option<T> {
        self.problems.push(Problem::quoted(
            Pos::new(self.name, line as usize),
            key,
            value,
            why,
        ));
        None
    }

    pub(super) fn config(&mut self, raw: RawConfig, base: &Path) -> Config {
        let mut c = Config::default();
        if let Some(lang) = raw.lang {
            match crate::calc::Lang::parse_text(&lang.value) {
                Ok(l) => c.lang = l,
                Err(e) => self.bad(lang.referenced.line(), "lang", e).unwrap_or(()),
            }
        }
        c.sender = raw.sender.unwrap_or_default();
        if let Some(fees) = raw.fees {
            self.fees(fees, &mut c.fees, base);
        }
        if let Some(lim) = raw.limitation {
            let line = lim.referenced.line();
            if let Some(y) = lim.value.years {
                match u32::try_from(y) {
                    Ok(v) if (1..=30).contains(&v) => c.limitation.years = v,
                    _ => self
                        .bad(
                            line,
                            "limitation.years",
                            Text::new("config-years").arg("value", y),
                        )
                        .unwrap_or(()),
                }
            }
            if let Some(w) = lim.value.warn_days {
                match u32::try_from(w) {
                    Ok(v) if v <= 3650 => c.limitation.warn_days = v,
                    _ => self
                        .bad(
                            line,
                            "limitation.warn_days",
                            Text::new("config-days").arg("value", w),
                        )
                        .unwrap_or(()),
                }
            }
            if let Some(h) = lim.value.history {
                c.limitation.history = h;
            }
        }
        if let Some(order) = raw.payments {
            match order.value.trim() {
                "principal" => c.fees.order = PaymentOrder::Principal,
                "costs_first" => c.fees.order = PaymentOrder::CostsFirst,
                other => self
                    .bad(
                        order.referenced.line(),
                        "payments",
                        Text::new("config-payments").arg("value", format!("{other:?}")),
                    )
                    .unwrap_or(()),
            }
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
                            Err(e) => self
                                .bad(line, "calendar", e.text(&path.display().to_string()))
                                .unwrap_or(()),
                        },
                        Err(e) => self
                            .bad(
                                line,
                                "calendar",
                                Text::new("config-calendar-unreadable")
                                    .arg("path", path.display())
                                    .part("error", &io_reason(&e)),
                            )
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
                            Text::new("config-aging").arg("value", b.value),
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
                        Text::new("config-days").arg("value", days.value),
                    )
                    .unwrap_or(()),
            }
        }
        c.lawyer = raw.lawyer.unwrap_or_default();
        for (kind, over) in raw.kinds.unwrap_or_default() {
            let line = over.referenced.line();
            let Ok(k) = kind.parse::<LetterKind>() else {
                self.bad::<()>(
                    line,
                    "kinds",
                    Text::new("config-kind").arg("value", format!("{kind:?}")),
                );
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
        if let Some(zone) = raw.timezone {
            match zone.value.trim().parse::<chrono_tz::Tz>() {
                Ok(z) => c.timezone = Some(z),
                Err(_) => self
                    .bad(
                        zone.referenced.line(),
                        "timezone",
                        Text::new("config-timezone")
                            .arg("value", format!("{:?}", zone.value.trim())),
                    )
                    .unwrap_or(()),
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
                    Text::new("config-column")
                        .arg("header", format!("{header:?}"))
                        .arg("column", format!("{target:?}")),
                );
            }
        }
        if let Some(mail) = raw.mail {
            c.mail = self.mail(mail);
        }
        c
    }

    fn mail(&mut self, raw: RawMail) -> Mail {
        let mut check = |value: Option<Spanned<String>>, key: &str| {
            let v = value?;
            parse_mailbox(&v.value)
                .map_err(|e| self.bad::<()>(v.referenced.line(), key, e))
                .ok()
        };
        Mail {
            from: check(raw.from, "mail.from"),
            bcc: check(raw.bcc, "mail.bcc"),
            reply_to: check(raw.reply_to, "mail.reply_to"),
        }
    }

    fn fees(&mut self, raw: RawFees, fees: &mut FeePolicy, base: &Path) {
        self.lpr_terms(&raw, &mut fees.lpr, base);
        if let Some(m) = &raw.method {
            match m.value.trim() {
                "daily" => fees.method = FeeMethod::Daily,
                "annual" => fees.method = FeeMethod::Annual,
                "lpr" => fees.method = FeeMethod::Lpr,
                "none" => fees.method = FeeMethod::None,
                other => self
                    .bad(
                        m.referenced.line(),
                        "fees.method",
                        Text::new("config-fee-method").arg("value", format!("{other:?}")),
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
                        Text::new("config-rate-over-100").arg("value", &r.value),
                    )
                    .unwrap_or(()),
                Err(e) => self
                    .bad_quoted(r.referenced.line(), "fees.rate", &r.value, &e)
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
                        Text::new("config-day-count").arg("value", v),
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
                        Text::new("config-days").arg("value", g.value),
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
                        Text::new("config-cap").arg("value", format!("{:?}", cap.value)),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(flat) = raw.flat {
            match parse_amount(&flat.value) {
                Ok(v) => fees.flat = v,
                Err(e) => self
                    .bad_quoted(flat.referenced.line(), "fees.flat", &flat.value, &e)
                    .unwrap_or(()),
            }
        }
    }

    /// `tenor`, `multiplier`, `spread`, `rate_at` and the `rates:` file of `method: lpr`
    /// (checked whatever the method).
    fn lpr_terms(&mut self, raw: &RawFees, lpr: &mut LprTerms, base: &Path) {
        if let Some(t) = &raw.tenor {
            match Tenor::parse(&t.value) {
                Some(tenor) => lpr.tenor = tenor,
                None => self
                    .bad(
                        t.referenced.line(),
                        "fees.tenor",
                        Text::new("config-tenor").arg("value", format!("{:?}", t.value)),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(m) = &raw.multiplier {
            match m.value.trim().parse::<Decimal>() {
                Ok(v) if v > Decimal::ZERO && v <= Decimal::TEN => lpr.multiplier = v,
                _ => self
                    .bad(
                        m.referenced.line(),
                        "fees.multiplier",
                        Text::new("config-multiplier").arg("value", format!("{:?}", m.value)),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(sp) = &raw.spread {
            let text = sp.value.trim().trim_end_matches('%').trim();
            match text.parse::<Decimal>() {
                Ok(v) if v.abs() <= Decimal::ONE_HUNDRED => lpr.spread = v,
                _ => self
                    .bad(
                        sp.referenced.line(),
                        "fees.spread",
                        Text::new("config-spread").arg("value", format!("{:?}", sp.value)),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(at) = &raw.rate_at {
            match at.value.trim() {
                "each_day" => lpr.rate_at = RateAt::EachDay,
                "first_day" => lpr.rate_at = RateAt::FirstDay,
                other => self
                    .bad(
                        at.referenced.line(),
                        "fees.rate_at",
                        Text::new("config-rate-at").arg("value", format!("{other:?}")),
                    )
                    .unwrap_or(()),
            }
        }
        if let Some(file) = &raw.rates {
            let line = file.referenced.line();
            let path = base.join(file.value.trim());
            let shown = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(text) => match parse_rates_file(&text, lpr.tenor) {
                    Ok(rows) => {
                        let mut table = RateTable::builtin().clone();
                        table.extend(&rows);
                        lpr.table = Arc::new(table);
                        lpr.rates_file = Some(shown.clone());
                    }
                    Err(errors) => {
                        for e in errors {
                            self.problems.push(Problem::text(
                                Pos::new(&shown, e.line),
                                e.column,
                                &e.message,
                            ));
                        }
                    }
                },
                Err(e) => self
                    .bad(
                        line,
                        "fees.rates",
                        Text::new("config-rates-unreadable")
                            .arg("path", &shown)
                            .part("error", &io_reason(&e)),
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
                .or_else(|| self.bad(line, key, Text::new("config-workdays").arg("value", w))),
            (None, Some(d)) => count(d)
                .map(DeadlineRule::Days)
                .or_else(|| self.bad(line, key, Text::new("config-deadline-days").arg("value", d))),
            _ => self.bad(line, key, Text::new("config-deadline-one")),
        }
    }

    fn rule(&mut self, raw: Spanned<RawRule>) -> Option<Rule> {
        let line = raw.referenced.line();
        let r = raw.value;
        let kind = match LetterKind::parse_text(&r.kind) {
            Ok(k) => k,
            Err(e) => return self.bad(line, "ladder.kind", e),
        };
        if let (Some(from), Some(to)) = (r.from, r.to)
            && from > to
        {
            return self.bad(
                line,
                "ladder",
                Text::new("config-ladder-order")
                    .arg("from", from)
                    .arg("to", to),
            );
        }
        let min_amount = match r.min_amount.as_deref().map(parse_amount) {
            Some(Err(e)) => return self.bad(line, "ladder.min_amount", e),
            Some(Ok(m)) => Some(m),
            None => None,
        };
        Some(Rule {
            from: r.from,
            to: r.to,
            kind,
            min_amount,
        })
    }
}
