//! YAML text → raw records: a list of records, or `debtors:` holding one. A record may
//! carry `items:` and dated `payments:`. Scalars are kept as written (`1234.50` stays text).

use super::columns;
use super::{Cell, RawPart, RawRecord};
use crate::error::{Pos, Problem};
use crate::messages::Text;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::fmt;

type Scalar = Spanned<Option<String>>;
type Part = Spanned<Vec<(String, Scalar)>>;

/// Reads every record; a YAML syntax error is one problem for the file.
pub fn read(
    file: &str,
    text: &str,
    column_map: &BTreeMap<String, String>,
) -> (Vec<RawRecord>, Vec<Problem>) {
    WORDS.set(None);
    let doc: Doc = match serde_saphyr::from_str::<Option<Doc>>(text) {
        Ok(Some(doc)) => doc,
        Ok(None) => {
            return (
                Vec::new(),
                vec![Problem::tr(Pos::file(file), "", "file-empty", &[])],
            );
        }
        Err(e) => {
            let mut p = crate::error::yaml_problem(file, &e);
            if let Some(words) = WORDS.take() {
                p.local = words.local();
            }
            return (Vec::new(), vec![p]);
        }
    };
    let cell = |(key, v): (String, Scalar)| Cell {
        column: columns::resolve(&key, column_map),
        value: v.value.unwrap_or_default(),
        line: v.referenced.line() as usize,
    };
    let part = |p: Part| RawPart {
        line: p.referenced.line() as usize,
        cells: p.value.into_iter().map(cell).collect(),
    };
    let records: Vec<RawRecord> = doc
        .0
        .into_iter()
        .map(|r| RawRecord {
            file: file.to_string(),
            line: r.referenced.line() as usize,
            cells: r.value.cells.into_iter().map(cell).collect(),
            items: r.value.items.into_iter().map(part).collect(),
            payments: r.value.payments.into_iter().map(part).collect(),
        })
        .collect();
    let problems = if records.is_empty() {
        vec![Problem::tr(Pos::file(file), "", "yaml-no-records", &[])]
    } else {
        Vec::new()
    };
    (records, problems)
}

thread_local! {
    /// The words of our own error while the parser carries its English (it has no room
    /// for a message to word in another language): taken when the error arrives.
    static WORDS: std::cell::Cell<Option<Text>> = const { std::cell::Cell::new(None) };
}

/// A deserializer's error in our words.
fn ours<E: serde::de::Error>(why: Text) -> E {
    let e = E::custom(why.to_string());
    WORDS.set(Some(why));
    e
}

/// The whole document: a sequence of records or a mapping with `debtors:`.
struct Doc(Vec<Spanned<Record>>);

impl<'de> Deserialize<'de> for Doc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Doc;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of debtor records, or `debtors:` holding one")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Doc, A::Error> {
                let mut out = Vec::new();
                while let Some(r) = seq.next_element()? {
                    out.push(r);
                }
                Ok(Doc(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Doc, A::Error> {
                let mut out = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "debtors" {
                        return Err(ours(Text::new("yaml-top-key").arg("key", key)));
                    }
                    out = Some(map.next_value()?);
                }
                out.map(Doc)
                    .ok_or_else(|| ours(Text::new("yaml-no-debtors")))
            }
        }
        d.deserialize_any(V)
    }
}

/// One debtor record: scalar columns plus the `items:` and `payments:` lists.
struct Record {
    cells: Vec<(String, Scalar)>,
    items: Vec<Part>,
    payments: Vec<Part>,
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Record;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a debtor record (a mapping of column: value)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut r = Record {
                    cells: Vec::new(),
                    items: Vec::new(),
                    payments: Vec::new(),
                };
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "items" => {
                            r.items = map
                                .next_value::<Vec<Spanned<Fields>>>()?
                                .into_iter()
                                .map(into_part)
                                .collect()
                        }
                        "payments" => {
                            r.payments = map
                                .next_value::<Vec<Spanned<Fields>>>()?
                                .into_iter()
                                .map(into_part)
                                .collect()
                        }
                        _ => r.cells.push((key, map.next_value()?)),
                    }
                }
                Ok(r)
            }
        }
        d.deserialize_map(V)
    }
}

/// A flat mapping of scalars, in document order.
struct Fields(Vec<(String, Scalar)>);

fn into_part(f: Spanned<Fields>) -> Part {
    Spanned {
        value: f.value.0,
        referenced: f.referenced,
        defined: f.defined,
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of column: value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    out.push((key, map.next_value()?));
                }
                Ok(Fields(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> (Vec<RawRecord>, Vec<Problem>) {
        read("t.yaml", text, &BTreeMap::new())
    }

    #[test]
    fn list_with_items_and_payments_keeps_text_and_lines() {
        let (r, p) = read_str(
            "- id: A1\n  姓名: 张三\n  amount_due: 1234.50\n  due_date: 2026-01-05\n- id: B2\n  name: 某公司\n  items:\n    - { item: 货款, amount_due: 10.10, due_date: 2026-02-01 }\n  payments:\n    - date: 2026-03-01\n      amount: 5\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].line, 1);
        assert_eq!(r[0].cells[1].column, "name");
        assert_eq!(r[0].cells[2].value, "1234.50");
        assert_eq!(r[0].cells[3].line, 4);
        assert_eq!(r[1].items[0].line, 8);
        assert_eq!(r[1].items[0].cells[1].value, "10.10");
        assert_eq!(r[1].payments[0].line, 10);
    }

    #[test]
    fn debtors_key_and_errors() {
        let (r, p) = read_str("debtors:\n  - id: A1\n    name: x\n");
        assert!(p.is_empty() && r.len() == 1);
        let (_, p) = read_str("- id: [1, 2\n");
        assert_eq!(p.len(), 1);
        let (_, p) = read_str("people:\n  - id: 1\n");
        assert!(p[0].message.contains("unknown top-level key"), "{p:?}");
        let (_, p) = read_str("- id: A1\n  name: { a: 1 }\n");
        assert_eq!(p[0].pos.line, Some(2), "{p:?}");
    }
}
