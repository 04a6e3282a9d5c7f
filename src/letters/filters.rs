//! Tera filters the templates use: money, amounts in words, dates per language.

use crate::calc::money::Money;
use crate::calc::words::{cn_uppercase, en_words};
use crate::messages::Text;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::HashMap;
use tera::{Result, Tera, Value};

pub fn register(tera: &mut Tera) {
    tera.register_filter("money", money);
    tera.register_filter("cn_upper", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(cn_uppercase(decimal(v)?)))
    });
    tera.register_filter("en_words", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(en_words(decimal(v)?)))
    });
    tera.register_filter("date", date);
    tera.register_filter("percent", percent);
}

/// Why a filter failed, in our words: Tera shows it in English (its `Display`) as the
/// cause of the filter's error, and the template problem words it in the run's language.
#[derive(Debug)]
pub struct Worded(pub Text);

impl std::fmt::Display for Worded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Worded {}

/// A filter's error: the English as Tera's message, the words to translate as its cause.
fn failed(why: Text) -> tera::Error {
    tera::Error::chain(why.to_string(), Worded(why))
}

/// A number or numeric string as an exact decimal.
fn decimal(v: &Value) -> Result<Decimal> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => return Err(failed(Text::new("filter-not-amount").arg("value", other))),
    };
    text.trim()
        .replace(',', "")
        .parse::<Decimal>()
        .map_err(|_| failed(Text::new("filter-not-amount").arg("value", format!("{text:?}"))))
}

/// `16409.02` → `16,409.02`.
fn money(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(Value::String(Money(decimal(v)?).round().grouped()))
}

/// `0.0005` → `0.05%` (as many decimals as needed).
fn percent(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let p = (decimal(v)? * Decimal::ONE_HUNDRED).normalize();
    Ok(Value::String(format!("{p}%")))
}

/// `2026-11-22` → `2026年11月22日` (`lang="zh"`, the default) or `22 November 2026` (`lang="en"`).
fn date(v: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let text = v
        .as_str()
        .ok_or_else(|| failed(Text::new("filter-date-not-text")))?;
    if text.is_empty() {
        return Ok(Value::String(String::new()));
    }
    let d = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| failed(Text::new("filter-not-date").arg("value", format!("{text:?}"))))?;
    let lang = args.get("lang").and_then(Value::as_str).unwrap_or("zh");
    Ok(Value::String(match lang {
        "en" => format!("{} {}", d.day(), d.format("%B %Y")),
        _ => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(name: &str, v: Value, args: &[(&str, &str)]) -> String {
        let args: HashMap<String, Value> = args
            .iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect();
        let f = match name {
            "money" => money(&v, &args),
            "percent" => percent(&v, &args),
            _ => date(&v, &args),
        };
        f.unwrap().as_str().unwrap().to_string()
    }

    #[test]
    fn filters() {
        assert_eq!(
            apply("money", Value::String("16409.02".into()), &[]),
            "16,409.02"
        );
        assert_eq!(apply("money", Value::String("7".into()), &[]), "7.00");
        assert_eq!(
            apply("percent", Value::String("0.0005".into()), &[]),
            "0.05%"
        );
        assert_eq!(apply("percent", Value::String("0.1".into()), &[]), "10%");
        assert_eq!(
            apply("date", Value::String("2026-11-22".into()), &[]),
            "2026年11月22日"
        );
        assert_eq!(
            apply(
                "date",
                Value::String("2026-01-05".into()),
                &[("lang", "en")]
            ),
            "5 January 2026"
        );
    }
}
