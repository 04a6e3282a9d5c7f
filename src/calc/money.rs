//! Exact money: parsing the amounts clerks type, rounding 四舍五入, printing with two decimals.

use crate::messages::Text;
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

/// An amount of money in yuan, exact. Published figures are rounded to fen with [`Money::round`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub Decimal);

/// Largest amount accepted on input: far beyond any real claim, small enough that
/// `amount × rate × days` can never overflow a `Decimal`.
const MAX_INTEGER_DIGITS: usize = 15;

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Rounds half away from zero (四舍五入) to 0.01; `round_dp` alone would be banker's rounding.
    pub fn round(self) -> Money {
        Money(round_cents(self.0))
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }

    /// `16409.02` → `16,409.02`: the form used in the letters.
    pub fn grouped(self) -> String {
        let plain = self.to_string();
        let (sign, digits) = plain
            .strip_prefix('-')
            .map_or(("", plain.as_str()), |d| ("-", d));
        let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
        let mut out = String::with_capacity(plain.len() + int.len() / 3);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        format!("{sign}{out}.{frac}")
    }
}

/// Rounds a decimal half away from zero to two places.
pub fn round_cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl fmt::Display for Money {
    /// Always two decimals, no grouping: `1234.50` (the JSON and CSV form).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = round_cents(self.0);
        d.rescale(2);
        write!(f, "{d}")
    }
}

/// In CSV and JSON an amount is its text with two decimals: `"1234.50"`.
impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse_amount(&text).map_err(serde::de::Error::custom)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// Parses an amount as SPEC 3 allows it: digits with optional `,` grouping in threes,
/// an optional `¥`/`￥`/`RMB`/`CNY` prefix, at most two decimals, never negative.
/// The error is the reason, for a message that also names file, row and column.
pub fn parse_amount(raw: &str) -> Result<Money, Text> {
    let s = raw.trim();
    let s = ["¥", "￥", "RMB", "CNY", "rmb", "cny"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s)
        .trim_start();
    if s.is_empty() {
        return Err(Text::new("amount-required"));
    }
    if s.starts_with('-') || s.starts_with('(') {
        return Err(Text::new("amount-negative"));
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let bad = || Text::new("amount-bad");
    if int.is_empty() {
        return Err(bad());
    }
    let digits: String = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(Text::new("amount-grouping"));
        }
        groups.concat()
    } else {
        int.to_string()
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if let Some(f) = frac {
        if !f.bytes().all(|b| b.is_ascii_digit()) || f.is_empty() {
            return Err(bad());
        }
        if f.len() > 2 {
            return Err(Text::new("amount-decimals"));
        }
    }
    if digits.trim_start_matches('0').len() > MAX_INTEGER_DIGITS {
        return Err(Text::new("amount-too-large"));
    }
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    text.parse::<Decimal>().map(Money).map_err(|_| bad())
}

/// Parses a rate such as `0.0005` or `0.05%`; never negative, never over 100%: a larger
/// rate is a typo, and `amount × rate × days` with it could overflow a `Decimal`.
pub fn parse_rate(raw: &str) -> Result<Decimal, Text> {
    let s = raw.trim();
    let (num, percent) = match s.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (s, false),
    };
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') || num.len() > 20 {
        return Err(Text::new("rate-bad"));
    }
    let d: Decimal = num.parse().map_err(|_| Text::new("rate-bad"))?;
    let rate = if percent { d / Decimal::ONE_HUNDRED } else { d };
    if rate > Decimal::ONE {
        return Err(Text::new("rate-over-100"));
    }
    Ok(rate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn m(s: &str) -> Money {
        parse_amount(s).unwrap()
    }

    #[test]
    fn accepts_every_spec_form() {
        assert_eq!(m("1234.5"), Money(dec!(1234.5)));
        assert_eq!(m("1,234.50"), Money(dec!(1234.50)));
        assert_eq!(m("¥1,234.50"), Money(dec!(1234.50)));
        assert_eq!(m("￥ 16409.02"), Money(dec!(16409.02)));
        assert_eq!(m("RMB 10"), Money(dec!(10)));
        assert_eq!(m("CNY1,000,000"), Money(dec!(1000000)));
        assert_eq!(m(" 0 "), Money::ZERO);
    }

    #[test]
    fn rejects_bad_amounts_with_a_reason() {
        for bad in [
            "12,34.5.6",
            "1.234",
            "-5",
            "12,34",
            "1,2345",
            "abc",
            "",
            "1.",
            ".5",
            "1e5",
            "¥-1",
            "1 000",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(
            parse_amount("1.234")
                .unwrap_err()
                .to_string()
                .contains("two decimals")
        );
        assert!(
            parse_amount("-5")
                .unwrap_err()
                .to_string()
                .contains("negative")
        );
        assert!(
            parse_amount("9999999999999999")
                .unwrap_err()
                .to_string()
                .contains("too large")
        );
    }

    #[test]
    fn rounds_half_away_from_zero_not_bankers() {
        assert_eq!(Money(dec!(0.125)).round(), Money(dec!(0.13)));
        assert_eq!(Money(dec!(0.135)).round(), Money(dec!(0.14)));
        assert_eq!(Money(dec!(2.5049)).round(), Money(dec!(2.50)));
        assert_eq!(Money(dec!(-0.125)).round(), Money(dec!(-0.13)));
    }

    #[test]
    fn prints_two_decimals_and_groups() {
        assert_eq!(Money(dec!(1234.5)).to_string(), "1234.50");
        assert_eq!(Money(dec!(7)).to_string(), "7.00");
        assert_eq!(Money(dec!(16409.02)).grouped(), "16,409.02");
        assert_eq!(Money(dec!(1234567.5)).grouped(), "1,234,567.50");
        assert_eq!(Money(dec!(999)).grouped(), "999.00");
        assert_eq!(Money(dec!(0.005)).to_string(), "0.01");
    }

    #[test]
    fn rates() {
        assert_eq!(parse_rate("0.0005").unwrap(), dec!(0.0005));
        assert_eq!(parse_rate("0.05%").unwrap(), dec!(0.0005));
        assert!(parse_rate("-0.1").is_err());
        assert!(parse_rate("x").is_err());
        assert_eq!(parse_rate("100%").unwrap(), dec!(1));
        assert!(
            parse_rate("1.0001")
                .unwrap_err()
                .to_string()
                .contains("over 100%")
        );
        assert!(parse_rate("99999999999999999999").is_err());
    }

    proptest! {
        #[test]
        fn any_cent_amount_round_trips(cents in 0u64..1_000_000_000_000_000) {
            let money = Money(Decimal::new(cents as i64, 2));
            prop_assert_eq!(m(&money.to_string()), money);
            prop_assert_eq!(m(&money.grouped()), money);
            prop_assert_eq!(m(&format!("¥{}", money.grouped())), money);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,30}") {
            let _ = parse_amount(&s);
            let _ = parse_rate(&s);
        }
    }
}
