//! Where a debtor's rows meet the config: the letter's figures — the fee engine's arrears
//! with the row's own rate and grace days, the deadline, the bucket and the amounts in
//! words — computed by `calc` on its own value types.

use crate::calc::aging::bucket;
use crate::calc::calendar::{DeadlineError, deadline};
use crate::calc::fees::{self, Arrears, FeeError, FeeMethod, FeePolicy};
use crate::calc::limitation::limitation_date;
use crate::calc::money::Money;
use crate::calc::rates::{Coverage, STALE_AFTER_DAYS};
use crate::calc::words::{cn_uppercase, en_words};
use crate::calc::{Lang, LetterKind};
use crate::config::Config;
use crate::data::Debtor;
use crate::error::Problem;
use crate::messages::Text;
use chrono::NaiveDate;

/// What a letter says in numbers.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub kind: LetterKind,
    pub lang: Lang,
    pub as_of: NaiveDate,
    pub days_overdue: i64,
    pub bucket: String,
    pub arrears: Arrears,
    /// The policy in force for this letter (config with the row's overrides).
    pub policy: FeePolicy,
    pub deadline: NaiveDate,
    /// Per item: the last day of its limitation period, for items with money outstanding.
    pub item_limitation: Vec<Option<NaiveDate>>,
    /// The earliest of the items' (SPEC 5); `None` when nothing is outstanding.
    pub limitation_date: Option<NaiveDate>,
    pub outstanding_words: String,
    pub total_words: String,
    /// Ignored late payments, calendar years not covered.
    pub warnings: Vec<Problem>,
    /// The letter's step on the escalation ladder, once a run has chosen it.
    pub level: Option<usize>,
}

/// Computes a letter's figures as of `as_of`; the error names the row to fix.
pub fn assess(
    d: &Debtor,
    config: &Config,
    as_of: NaiveDate,
    default_kind: LetterKind,
) -> Result<Assessment, Problem> {
    let kind = d.kind_or(default_kind);
    let lang = d.lang.unwrap_or(config.lang);
    let mut policy = config.fees.clone();
    if let Some(rate) = d.daily_rate {
        policy.method = FeeMethod::Daily;
        policy.rate = rate;
    }
    if let Some(g) = d.grace_days {
        policy.grace_days = g;
    }
    let items: Vec<fees::Item> = d
        .items
        .iter()
        .map(|i| fees::Item {
            amount_due: i.amount_due,
            amount_paid: i.amount_paid,
            due_date: i.due_date,
        })
        .collect();
    let payments: Vec<fees::Payment> = d
        .payments
        .iter()
        .map(|p| fees::Payment {
            date: p.date,
            amount: p.amount,
        })
        .collect();
    let arrears = fees::compute(&items, &payments, &policy, as_of).map_err(|e| match e {
        FeeError::PaidMoreThanDue { item, paid, due } => Problem::text(
            d.items[item].pos.clone(),
            "amount_paid",
            &Text::new("fee-paid-over-due")
                .arg("paid", paid)
                .arg("due", due),
        ),
        FeeError::Overpaid {
            payment,
            date,
            amount,
            excess,
        } => Problem::text(
            d.payments[payment].pos.clone(),
            "payments",
            &Text::new("fee-overpaid")
                .arg("amount", amount)
                .arg("date", date)
                .arg("excess", excess),
        ),
    })?;

    let mut warnings: Vec<Problem> = arrears
        .ignored_payments
        .iter()
        .map(|&p| {
            let pay = &d.payments[p];
            Problem::text(
                pay.pos.clone(),
                "payments",
                &Text::new("payment-after-as-of")
                    .arg("amount", pay.amount)
                    .arg("date", pay.date)
                    .arg("as_of", as_of),
            )
        })
        .collect();
    let mut coverage: Vec<Coverage> = Vec::new();
    for c in arrears.items.iter().flat_map(|i| &i.rate_coverage) {
        if !coverage.contains(c) {
            coverage.push(*c);
        }
    }
    let fix = match &policy.lpr.rates_file {
        Some(file) => Text::new("rates-fix-file").arg("file", file),
        None => Text::new("rates-fix-none"),
    };
    for c in coverage {
        let message = match c {
            Coverage::Stale { last } => Text::new("rates-stale")
                .arg("tenor", policy.lpr.tenor)
                .arg("last", last)
                .arg("days", STALE_AFTER_DAYS),
            Coverage::BeforeFirst { first } => Text::new("rates-before-first")
                .arg("tenor", policy.lpr.tenor)
                .arg("first", first),
            Coverage::Covered => continue,
        };
        let message = message.part("fix", &fix);
        warnings.push(Problem::text(d.pos.clone(), "fees.rates", &message));
    }
    // With nothing owed the letter is as late as its documents (mortgage letters) or not at all.
    let days_overdue = arrears
        .days_overdue
        .or_else(|| d.documents_due.map(|due| (as_of - due).num_days()))
        .unwrap_or(0);
    let due =
        deadline(&config.calendar, as_of, config.deadline_for(kind)).map_err(|e| match e {
            DeadlineError::OutOfRange => Problem::text(
                d.pos.clone(),
                "deadline",
                &Text::new("deadline-out-of-range").arg("max", NaiveDate::MAX),
            ),
        })?;
    let not_covered = |year: i32| Text::new("calendar-not-covered").arg("year", year);
    for &year in &due.uncovered_years {
        warnings.push(Problem::text(d.pos.clone(), "deadline", &not_covered(year)));
    }
    // The limitation period of every item with money outstanding: from the day after its
    // due date, or from the latest interruption (a payment, the row's `interrupted`).
    let last_payment = d
        .payments
        .iter()
        .map(|p| p.date)
        .filter(|&p| p <= as_of)
        .max();
    let interrupted = d.interrupted.filter(|&i| i <= as_of);
    let lim = &config.limitation;
    // Years the calendar does not cover matter only where the date is close enough to warn.
    let near = |last: NaiveDate| (last - as_of).num_days() <= i64::from(lim.warn_days);
    let mut uncovered: Vec<i32> = Vec::new();
    let item_limitation: Vec<Option<NaiveDate>> = d
        .items
        .iter()
        .zip(&arrears.items)
        .map(|(i, f)| {
            if !f.outstanding.is_positive() {
                return None;
            }
            let start = [i.due_date.succ_opt(), last_payment, interrupted]
                .into_iter()
                .flatten()
                .max()?;
            let (last, years) = limitation_date(start, lim.years, &config.calendar);
            for y in years.into_iter().filter(|_| near(last)) {
                if !uncovered.contains(&y) && !due.uncovered_years.contains(&y) {
                    uncovered.push(y);
                }
            }
            Some(last)
        })
        .collect();
    for year in uncovered {
        warnings.push(Problem::text(
            d.pos.clone(),
            "limitation",
            &not_covered(year),
        ));
    }
    for (i, last) in d.items.iter().zip(&item_limitation) {
        let Some(last) = *last else { continue };
        let what = if i.item.is_empty() {
            Text::new("limitation-item-due").arg("due", i.due_date)
        } else {
            Text::new("limitation-item").arg("item", format!("{:?}", i.item))
        };
        let message = if last < as_of {
            Text::new("limitation-ended").arg("last", last)
        } else if near(last) {
            Text::new("limitation-ends")
                .arg("last", last)
                .arg("days", (last - as_of).num_days())
        } else {
            continue;
        };
        let message = crate::messages::for_id(&d.id, &message.part("what", &what));
        warnings.push(Problem::text(i.pos.clone(), "limitation", &message));
    }
    let limitation_date = item_limitation.iter().flatten().min().copied();
    let words = |m: Money| match lang {
        Lang::Zh => cn_uppercase(m.0),
        Lang::En => en_words(m.0),
    };
    Ok(Assessment {
        kind,
        lang,
        as_of,
        days_overdue,
        bucket: bucket(days_overdue, &config.aging),
        outstanding_words: words(arrears.outstanding),
        total_words: words(arrears.total),
        arrears,
        policy,
        deadline: due.date,
        item_limitation,
        limitation_date,
        warnings,
        level: crate::calc::ladder::level_of(&config.ladder, kind),
    })
}
