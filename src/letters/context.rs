//! What a template sees: the figures under the names of `compute --format json`, the row
//! as `row.<column>`, the sender from the config, the fee policy, and a few conveniences.

use super::Assessment;
use super::figures::Figures;
use super::figures::{basis_name, rate_text};
use crate::calc::fees::{FeeMethod, PaymentOrder, RateAt};
use crate::calc::money::{Money, round_cents};
use crate::calc::rates::Basis;
use crate::config::Config;
use crate::data::Debtor;
use serde_json::{Map, Value, json};

/// Virtual paths of the configured images, when there are any.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    pub seal: Option<String>,
    pub logo: Option<String>,
}

/// Builds the Tera context of one letter.
pub fn context(d: &Debtor, a: &Assessment, config: &Config, assets: &Assets) -> tera::Context {
    let mut v = serde_json::to_value(Figures::new(d, a)).unwrap_or_else(|_| json!({}));
    let Value::Object(top) = &mut v else {
        return tera::Context::new();
    };

    let mut row: Map<String, Value> = d
        .fields
        .iter()
        .map(|(k, val)| (k.to_string(), Value::String(val.to_string())))
        .collect();
    row.insert("id".into(), Value::String(d.id.clone()));
    // Dates the templates format are given in one form, whatever the clerk typed.
    for (column, date) in [
        ("contract_date", d.contract_date),
        ("documents_due", d.documents_due),
    ] {
        row.insert(
            column.into(),
            Value::String(date.map(|x| x.to_string()).unwrap_or_default()),
        );
    }
    for known in crate::data::columns::KNOWN {
        row.entry(known.to_string())
            .or_insert_with(|| Value::String(String::new()));
    }
    let title = row
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    top.insert("is_company".into(), Value::Bool(title.is_empty()));
    top.insert("row".into(), Value::Object(row));

    let s = &config.sender.for_lang(a.lang);
    let text = |o: &Option<String>| Value::String(o.clone().unwrap_or_default());
    top.insert(
        "sender".into(),
        json!({
            "name": text(&s.name), "address": text(&s.address), "postcode": text(&s.postcode),
            "phone": text(&s.phone), "fax": text(&s.fax), "email": text(&s.email),
            "contact": text(&s.contact),
            "contact_phone": text(if s.contact_phone.is_some() { &s.contact_phone } else { &s.phone }),
            "bank": text(&s.bank), "account": text(&s.account),
        }),
    );
    let l = config.lawyer.for_lang(a.lang);
    top.insert(
        "lawyer".into(),
        json!({
            "firm": text(&l.firm), "lawyers": text(&l.lawyers), "address": text(&l.address),
            "postcode": text(&l.postcode), "phone": text(&l.phone), "fax": text(&l.fax),
            "email": text(&l.email),
        }),
    );
    // Dated payments, oldest first, for the statement of account, each with what it settled
    // (fee and principal, item by item).
    let mut payments: Vec<(usize, _)> = d.payments.iter().enumerate().collect();
    payments.sort_by_key(|(_, p)| p.date);
    top.insert(
        "payments".into(),
        Value::Array(
            payments
                .iter()
                .map(|(n, p)| {
                    let parts: Vec<_> = a
                        .arrears
                        .settlements
                        .iter()
                        .filter(|s| s.payment == *n)
                        .collect();
                    let fee: rust_decimal::Decimal = parts.iter().map(|s| s.fee).sum();
                    let principal: rust_decimal::Decimal =
                        parts.iter().map(|s| s.principal).sum();
                    let settled: Vec<Value> = parts
                        .iter()
                        .map(|s| {
                            json!({
                                "item": d.items.get(s.item).map(|i| i.item.clone()).unwrap_or_default(),
                                "fee": Money(s.fee).to_string(),
                                "principal": Money(s.principal).to_string(),
                            })
                        })
                        .collect();
                    json!({
                        "date": p.date.to_string(), "amount": p.amount.to_string(),
                        "fee": Money(fee).to_string(), "principal": Money(principal).to_string(),
                        "settled": settled,
                    })
                })
                .collect(),
        ),
    );
    top.insert(
        "fee_paid".into(),
        Value::String(a.arrears.fee_paid.to_string()),
    );
    top.insert(
        "assets".into(),
        json!({ "seal": assets.seal.clone().unwrap_or_default(), "logo": assets.logo.clone().unwrap_or_default() }),
    );

    let p = &a.policy;
    let first_late = d
        .items
        .iter()
        .zip(&a.arrears.items)
        .filter(|(_, f)| f.fee.is_positive())
        .map(|(i, _)| i.due_date)
        .min()
        .and_then(|due| due.succ_opt());
    top.insert(
        "fees".into(),
        json!({
            "method": p.method.as_str(),
            "rate": p.rate.normalize().to_string(),
            "daily_rate": p.daily_rate().normalize().to_string(),
            "day_count": p.day_count,
            "grace_days": p.grace_days,
            "cap_percent": p.cap_percent.map(|c| c.normalize().to_string()).unwrap_or_default(),
            "from": first_late.map(|x| x.to_string()).unwrap_or_default(),
            "lpr": lpr_terms(a),
            "payments": match p.order { PaymentOrder::Principal => "principal", PaymentOrder::CostsFirst => "costs_first" },
        }),
    );
    // 计算明细: every part of every item's fee, for a calculation table.
    let mut calculation = Vec::new();
    let mut accrued = rust_decimal::Decimal::ZERO;
    for (i, f) in d.items.iter().zip(&a.arrears.items) {
        let mut item_total = rust_decimal::Decimal::ZERO;
        for p in &f.periods {
            item_total += p.amount;
            calculation.push(json!({
                "item": i.item, "from": p.from.to_string(), "to": p.to.to_string(), "days": p.days,
                "balance": p.balance.to_string(),
                "rate": rate_text(p.rate, p.basis.is_some()),
                "base_rate": p.base_rate.map(|r| rate_text(r, true)).unwrap_or_default(),
                "basis": p.basis.map(basis_name).unwrap_or_default(),
                "amount": Money(p.amount).to_string(),
            }));
        }
        accrued += round_cents(item_total);
    }
    top.insert("calculation".into(), Value::Array(calculation));
    top.insert(
        "calculation_total".into(),
        Value::String(Money(accrued).to_string()),
    );
    // Items that still owe money or a fee, for the itemised table.
    let open: Vec<Value> = match top.get("items") {
        Some(Value::Array(items)) => items
            .iter()
            .filter(|i| i["outstanding"] != "0.00" || i["fee"] != "0.00")
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    top.insert("open_items".into(), Value::Array(open));
    let paid: rust_decimal::Decimal = a.arrears.items.iter().map(|f| f.paid.0).sum();
    let due: rust_decimal::Decimal = d.items.iter().map(|i| i.amount_due.0).sum();
    top.insert(
        "amount_due".into(),
        Value::String(crate::calc::money::Money(due).to_string()),
    );
    top.insert(
        "paid".into(),
        Value::String(crate::calc::money::Money(paid).to_string()),
    );

    tera::Context::from_value(v).unwrap_or_default()
}

/// `fees.lpr` of the context: the terms of `method: lpr` and which tables the letter's
/// periods came from, so a template can word the basis (2019年8月19日前按…基准利率，此后按LPR).
fn lpr_terms(a: &Assessment) -> Value {
    let l = &a.policy.lpr;
    let bases: Vec<Basis> = a
        .arrears
        .items
        .iter()
        .flat_map(|i| i.periods.iter().filter_map(|p| p.basis))
        .collect();
    let first_late = a
        .arrears
        .items
        .iter()
        .flat_map(|i| i.periods.first())
        .map(|p| p.from)
        .min();
    // R on as_of (rate_at: first_day: on the first overdue day), percent per year.
    let rate = match (a.policy.method, l.rate_at, first_late) {
        (FeeMethod::Lpr, RateAt::FirstDay, Some(first)) => l.percent_on(first),
        (FeeMethod::Lpr, _, _) => l.percent_on(a.as_of),
        _ => rust_decimal::Decimal::ZERO,
    };
    json!({
        "tenor": l.tenor.to_string(),
        "multiplier": l.multiplier.normalize().to_string(),
        "spread": l.spread.normalize().to_string(),
        "rate_at": match l.rate_at { RateAt::EachDay => "each_day", RateAt::FirstDay => "first_day" },
        "pboc": bases.contains(&Basis::PbocBenchmark),
        "lpr": bases.iter().any(|b| *b != Basis::PbocBenchmark),
        "rate": rate.normalize().to_string(),
    })
}
