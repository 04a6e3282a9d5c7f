//! The escalation ladder (SPEC 4 `ladder:`, `--auto`) and the history rules: which letter a
//! debtor gets this run, or why none. Dunning runs are repeated; the two classic failures
//! are sending the same letter twice by accident and never escalating.

use super::LetterKind;
use super::money::Money;
use crate::messages::Text;
use chrono::NaiveDate;

/// One rule of the escalation ladder used by `--auto`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub kind: LetterKind,
    /// Below this outstanding amount no letter is produced.
    pub min_amount: Option<Money>,
}

/// A letter sent in an earlier run, from `--history`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub kind: LetterKind,
    /// Its ladder step (1-based) if the manifest recorded one.
    pub level: Option<usize>,
    pub as_of: NaiveDate,
}

/// What this run does for one debtor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Send a letter of this kind; `level` is its ladder step, if it is on the ladder.
    Send {
        kind: LetterKind,
        level: Option<usize>,
    },
    /// No letter; the kind it would have been (if known) and why not: in English in
    /// skipped.csv, in the run's language on the terminal.
    Skip {
        kind: Option<LetterKind>,
        reason: Text,
    },
}

/// The ladder, the interval between letters and `--force`.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    pub ladder: &'a [Rule],
    pub interval: u32,
    pub force: bool,
}

/// The first rule matching `days` overdue, with its 1-based step.
pub fn rule_for(ladder: &[Rule], days: i64) -> Option<(usize, &Rule)> {
    ladder
        .iter()
        .enumerate()
        .find(|(_, r)| r.from.is_none_or(|f| days >= f) && r.to.is_none_or(|t| days <= t))
        .map(|(i, r)| (i + 1, r))
}

/// The step of the first rule sending `kind`, if any.
pub fn level_of(ladder: &[Rule], kind: LetterKind) -> Option<usize> {
    ladder.iter().position(|r| r.kind == kind).map(|i| i + 1)
}

impl Policy<'_> {
    /// The letter for a debtor `days` overdue owing `outstanding`, whose last letter was
    /// `last`. `kind` is the row's own (or `--kind`) kind; `None` lets the ladder choose.
    pub fn decide(
        &self,
        kind: Option<LetterKind>,
        days: i64,
        outstanding: Money,
        last: Option<&Sent>,
        as_of: NaiveDate,
    ) -> Decision {
        let Some(kind) = kind else {
            return self.climb(days, outstanding, last, as_of);
        };
        let level = level_of(self.ladder, kind);
        match last {
            Some(l) if l.kind == kind && !self.force && self.recent(l, as_of) => {
                self.already(Some(kind), l, as_of)
            }
            _ => Decision::Send { kind, level },
        }
    }

    /// `--auto`: the rule for the days overdue, then never below the step already sent.
    fn climb(
        &self,
        days: i64,
        outstanding: Money,
        last: Option<&Sent>,
        as_of: NaiveDate,
    ) -> Decision {
        let Some((mut level, rule)) = rule_for(self.ladder, days) else {
            return Decision::Skip {
                kind: None,
                reason: Text::new("ladder-no-rule").arg("days", days),
            };
        };
        if let Some(min) = rule.min_amount
            && outstanding < min
        {
            return Decision::Skip {
                kind: Some(rule.kind),
                reason: Text::new("ladder-below-min")
                    .arg("outstanding", outstanding)
                    .arg("min", min)
                    .arg("level", level),
            };
        }
        if let Some(l) = last {
            let sent = l
                .level
                .or_else(|| level_of(self.ladder, l.kind))
                .unwrap_or(0);
            if self.recent(l, as_of) {
                // Within the interval only a step the days overdue have newly reached goes out.
                if level <= sent && !self.force {
                    return self.already(Some(self.ladder[level - 1].kind), l, as_of);
                }
            } else if level <= sent {
                level = sent + 1;
                if level > self.ladder.len() {
                    if !self.force {
                        let top = self.ladder[self.ladder.len() - 1].kind;
                        return Decision::Skip {
                            kind: Some(top),
                            reason: Text::new("ladder-top-sent")
                                .arg("kind", l.kind)
                                .arg("date", l.as_of),
                        };
                    }
                    level = self.ladder.len();
                }
            }
        }
        Decision::Send {
            kind: self.ladder[level - 1].kind,
            level: Some(level),
        }
    }

    /// Whether `last` went out less than the interval ago (or is dated after this run).
    fn recent(&self, last: &Sent, as_of: NaiveDate) -> bool {
        (as_of - last.as_of).num_days() < i64::from(self.interval)
    }

    fn already(&self, kind: Option<LetterKind>, l: &Sent, as_of: NaiveDate) -> Decision {
        Decision::Skip {
            kind,
            reason: Text::new("already-sent")
                .arg("kind", l.kind)
                .arg("date", l.as_of)
                .arg("days", (as_of - l.as_of).num_days())
                .arg("interval", self.interval),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rule(from: Option<i64>, to: Option<i64>, kind: LetterKind, min: Option<Money>) -> Rule {
        Rule {
            from,
            to,
            kind,
            min_amount: min,
        }
    }

    /// SPEC 4's example ladder, with a minimum on the demand step.
    fn ladder() -> Vec<Rule> {
        vec![
            rule(Some(-5), Some(-1), LetterKind::Reminder, None),
            rule(
                Some(0),
                Some(90),
                LetterKind::Demand,
                Some(Money(dec!(100))),
            ),
            rule(Some(91), None, LetterKind::Termination, None),
        ]
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn send(kind: LetterKind, level: usize) -> Decision {
        Decision::Send {
            kind,
            level: Some(level),
        }
    }

    fn decide(days: i64, owed: i64, last: Option<Sent>, force: bool) -> Decision {
        let ladder = ladder();
        let p = Policy {
            ladder: &ladder,
            interval: 14,
            force,
        };
        p.decide(
            None,
            days,
            Money(owed.into()),
            last.as_ref(),
            date("2026-11-23"),
        )
    }

    fn sent(kind: LetterKind, level: usize, on: &str) -> Option<Sent> {
        Some(Sent {
            kind,
            level: Some(level),
            as_of: date(on),
        })
    }

    #[test]
    fn rule_boundaries() {
        assert_eq!(
            decide(-6, 500, None, false),
            Decision::Skip {
                kind: None,
                reason: Text::new("ladder-no-rule").arg("days", -6)
            }
        );
        assert_eq!(decide(-5, 500, None, false), send(LetterKind::Reminder, 1));
        assert_eq!(decide(-1, 500, None, false), send(LetterKind::Reminder, 1));
        assert_eq!(decide(0, 500, None, false), send(LetterKind::Demand, 2));
        assert_eq!(decide(90, 500, None, false), send(LetterKind::Demand, 2));
        assert_eq!(
            decide(91, 500, None, false),
            send(LetterKind::Termination, 3)
        );
        assert_eq!(
            decide(4000, 500, None, false),
            send(LetterKind::Termination, 3)
        );
    }

    #[test]
    fn min_amount_is_a_floor_of_its_step_only() {
        assert_eq!(decide(30, 100, None, false), send(LetterKind::Demand, 2));
        let Decision::Skip { kind, reason } = decide(30, 99, None, false) else {
            panic!("expected a skip");
        };
        assert_eq!(kind, Some(LetterKind::Demand));
        assert_eq!(
            reason.to_string(),
            "outstanding 99.00 is below min_amount 100.00 of ladder step 2"
        );
        // The reminder step has no minimum.
        assert_eq!(decide(-3, 1, None, false), send(LetterKind::Reminder, 1));
    }

    #[test]
    fn no_resend_within_the_interval() {
        // Demand sent 13 days ago: not again.
        let last = sent(LetterKind::Demand, 2, "2026-11-10");
        let Decision::Skip { kind, reason } = decide(40, 500, last.clone(), false) else {
            panic!("expected a skip");
        };
        assert_eq!(kind, Some(LetterKind::Demand));
        assert!(
            reason
                .to_string()
                .starts_with("already sent: demand on 2026-11-10 (13 days ago"),
            "{reason}"
        );
        // --force sends it again, at the step the days call for.
        assert_eq!(decide(40, 500, last, true), send(LetterKind::Demand, 2));
    }

    #[test]
    fn within_the_interval_a_newly_reached_step_still_goes_out() {
        // A reminder 6 days ago; now 1 day overdue: the demand is due.
        let last = sent(LetterKind::Reminder, 1, "2026-11-17");
        assert_eq!(decide(1, 500, last, false), send(LetterKind::Demand, 2));
    }

    #[test]
    fn after_the_interval_at_least_one_step_up() {
        // Demand exactly 14 days ago: the interval is over, the days say demand again,
        // the history says one step above it.
        let last = sent(LetterKind::Demand, 2, "2026-11-09");
        assert_eq!(
            decide(40, 500, last, false),
            send(LetterKind::Termination, 3)
        );
        // A reminder long ago and now deep overdue: the days already say more.
        let last = sent(LetterKind::Reminder, 1, "2026-06-01");
        assert_eq!(
            decide(120, 500, last, false),
            send(LetterKind::Termination, 3)
        );
    }

    #[test]
    fn the_top_step_is_not_repeated_without_force() {
        let last = sent(LetterKind::Termination, 3, "2026-10-01");
        let Decision::Skip { kind, reason } = decide(150, 500, last.clone(), false) else {
            panic!("expected a skip");
        };
        assert_eq!(kind, Some(LetterKind::Termination));
        assert_eq!(
            reason.to_string(),
            "the last ladder step (termination) was already sent on 2026-10-01"
        );
        assert_eq!(
            decide(150, 500, last, true),
            send(LetterKind::Termination, 3)
        );
    }

    #[test]
    fn a_row_with_its_own_kind_is_only_kept_from_repeats() {
        let ladder = ladder();
        let p = Policy {
            ladder: &ladder,
            interval: 14,
            force: false,
        };
        let as_of = date("2026-11-23");
        let last = Sent {
            kind: LetterKind::Statement,
            level: None,
            as_of: date("2026-11-20"),
        };
        let owed = Money(dec!(10));
        assert!(matches!(
            p.decide(Some(LetterKind::Statement), 5, owed, Some(&last), as_of),
            Decision::Skip { .. }
        ));
        assert_eq!(
            p.decide(Some(LetterKind::Demand), 5, owed, Some(&last), as_of),
            send(LetterKind::Demand, 2)
        );
        assert_eq!(
            p.decide(Some(LetterKind::Statement), 5, owed, None, as_of),
            Decision::Send {
                kind: LetterKind::Statement,
                level: None
            }
        );
    }
}
