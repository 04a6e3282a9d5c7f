//! The properties the fuzz targets check, shared with `tests/fuzz_regressions.rs`, which
//! replays every saved crash and the seed corpora through the very same functions in CI.
//!
//! Each function takes the raw fuzz input and panics when a property fails; returning
//! normally means the input was handled (accepted or refused with a message).

use chrono::{Datelike, NaiveDate};
use dunning::calc::LetterKind;
use dunning::calc::dates::parse_date;
use dunning::calc::money::{parse_amount, parse_rate, round_cents};
use dunning::calc::words::{cn_uppercase, en_words, parse_cn_uppercase};
use dunning::config::Config;
use dunning::data::{Debtor, InputEncoding, LoadOptions};
use dunning::letters::Typesetter;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The letter date of every fuzzed computation.
fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// Row loading: the first byte picks the file type and encoding, the rest is the file.
/// Loading never panics, every problem names the file, and every letter that loads gets
/// its figures and its filled template without a panic.
pub fn load_rows(data: &[u8]) {
    let Some((&mode, body)) = data.split_first() else {
        return;
    };
    let ext = if mode & 1 == 0 { "csv" } else { "yaml" };
    let encoding = match (mode >> 1) % 3 {
        0 => None,
        1 => Some(InputEncoding::Utf8),
        _ => Some(InputEncoding::Gbk),
    };
    // One file per process and thread: libFuzzer may run several workers.
    let dir = std::env::temp_dir();
    let path = dir.join(format!(
        "dunning-fuzz-{}-{:?}.{ext}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&path, body).expect("write fuzz input");
    let name = path.display().to_string();
    let options = LoadOptions {
        encoding,
        columns: Default::default(),
        default_kind: None,
        sheet: None,
        spill_dir: None,
    };
    let config = Config::default();
    let typesetter = typesetter();
    // Every letter without a problem, as it is merged.
    let mut letter = |d: Debtor| {
        if let Ok(a) = dunning::letters::assess(&d, &config, as_of(), LetterKind::Demand) {
            assert!(!a.arrears.outstanding.0.is_sign_negative());
            if typesetter.check_coverage(&d).is_empty() {
                let _ = typesetter.fill(&config, &d, &a);
            }
        }
        Ok(())
    };
    let loaded = dunning::data::load(std::slice::from_ref(&name), &options, &mut letter)
        .expect("no I/O error");
    let _ = std::fs::remove_file(&path);
    for p in &loaded.problems {
        assert_eq!(*p.pos.file, *name, "a problem names another file: {p}");
        let _ = p.to_string();
    }
}

/// Built once: parsing the templates and loading the fonts is the slow part.
fn typesetter() -> &'static Typesetter {
    static TYPESETTER: OnceLock<Typesetter> = OnceLock::new();
    TYPESETTER
        .get_or_init(|| Typesetter::new(&Config::default(), None).expect("built-in templates"))
}

/// Amounts: never a panic; an accepted amount is non-negative with at most two decimals,
/// and reads back the same from every form the tool writes (plain, grouped, ¥, words).
pub fn amount(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(rate) = parse_rate(s) {
        assert!(
            rate >= Decimal::ZERO && rate <= Decimal::ONE,
            "{s:?} → {rate}"
        );
    }
    let Ok(m) = parse_amount(s) else {
        return;
    };
    assert!(!m.0.is_sign_negative() || m.0.is_zero(), "{s:?} → {m:?}");
    assert_eq!(round_cents(m.0), m.0, "{s:?} has more than two decimals");
    for form in [m.to_string(), m.grouped(), format!("¥{}", m.grouped())] {
        assert_eq!(parse_amount(&form), Ok(m), "{s:?} written as {form:?}");
    }
    assert_eq!(
        parse_cn_uppercase(&cn_uppercase(m.0)),
        Some(m.0.normalize()),
        "{s:?}"
    );
    assert!(!en_words(m.0).is_empty());
}

/// Dates: never a panic; an accepted date is in 1900–2999 and reads back the same from
/// every form the tool writes; a deadline can be computed from it.
pub fn date(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(d) = parse_date(s) else {
        return;
    };
    assert!((1900..=2999).contains(&d.year()), "{s:?} → {d}");
    for form in ["%Y-%m-%d", "%Y/%-m/%-d", "%Y.%m.%d", "%Y年%-m月%-d日"] {
        let written = d.format(form).to_string();
        assert_eq!(parse_date(&written), Ok(d), "{s:?} written as {written:?}");
    }
    let config = Config::default();
    for rule in [
        dunning::calc::calendar::DeadlineRule::Workdays(3650),
        dunning::calc::calendar::DeadlineRule::Days(3650),
    ] {
        let _ = dunning::calc::calendar::deadline(&config.calendar, d, rule);
    }
    let days = dunning::calc::dates::days_between(d, as_of());
    let _ = dunning::calc::aging::bucket(days, &config.aging);
}

/// Chinese uppercase: any decimal (from 16 bytes: a 96-bit mantissa, a sign and a scale)
/// is written and parsed back to the same amount rounded to fen; any string that parses
/// is written back to a string that parses to the same value.
pub fn cn_upper(data: &[u8]) {
    if data.len() >= 14 {
        let mut m = [0u8; 16];
        m[..12].copy_from_slice(&data[..12]);
        let mantissa = i128::from_le_bytes(m);
        let negative = data[12] & 1 == 1;
        let scale = u32::from(data[13]) % 29;
        if let Ok(d) =
            Decimal::try_from_i128_with_scale(if negative { -mantissa } else { mantissa }, scale)
        {
            let words = cn_uppercase(d);
            let rounded = round_cents(d);
            let expected = if rounded.is_zero() {
                Decimal::ZERO
            } else {
                rounded.normalize()
            };
            assert_eq!(
                parse_cn_uppercase(&words),
                Some(expected),
                "{d} written as {words}"
            );
            assert!(!en_words(d).is_empty());
        }
    }
    if let Ok(s) = std::str::from_utf8(data)
        && let Some(v) = parse_cn_uppercase(s)
    {
        let again = cn_uppercase(v);
        assert_eq!(parse_cn_uppercase(&again), Some(v), "{s:?} → {v} → {again}");
    }
}

/// A Tera template with a value in each kind of place the built-in templates put one:
/// running text, a content block, strong text, the start of a line, a table cell.
const ESCAPE_TEMPLATE: &str = "#set page(width: auto, height: auto, margin: 1pt)
#set text(font: (\"Noto Serif\", \"Noto Serif CJK SC\", \"Noto Sans Symbols2\"))
BEGIN{{ v }}END
#block[BEGIN{{ v }}END]
*BEGIN{{ v }}END*
{{ v }}
#table(columns: 1, [BEGIN{{ v }}END])
";

/// Typst escaping: any string put into a template comes out of the laid-out document as
/// the same text — the same characters, in the same order, nothing run as markup or code.
/// Whitespace is compared loosely (Typst collapses runs of spaces; a line break in a value
/// becomes a Typst line break); controls other than line breaks and tabs are dropped.
pub fn typst_escape(data: &[u8]) {
    let Ok(value) = std::str::from_utf8(data) else {
        return;
    };
    if value.len() > 2000 {
        return;
    }
    let source = fill_escape_template(value);
    let engine = escape_engine();
    let main = dunning::render::Engine::file_id("/fuzz.typ").expect("file id");
    let doc = match dunning::render::compile(engine, main, source.clone(), as_of()) {
        Ok(doc) => doc,
        Err(errors) => panic!("{value:?} broke the document: {errors:?}\n{source}"),
    };
    // Typst memoises every layout; without eviction a long run grows to gigabytes.
    typst::comemo::evict(4);
    // Right-to-left runs are reordered and reshaped on the page, so their text cannot be
    // read back in order: for them, compiling without an error is the property.
    if value.chars().any(is_rtl) {
        return;
    }
    let mut text = String::new();
    for page in doc.pages() {
        collect_text(&page.frame, &mut text);
    }
    let got = visible(&text);
    let want = visible(value);
    // The value on its own line (the fourth place) has no BEGIN/END around it.
    let one = format!("BEGIN{want}END");
    let expected = format!("{one}{one}{one}{want}{one}");
    assert_eq!(
        got, expected,
        "{value:?} did not come out as itself\n{source}"
    );
}

/// Characters of the right-to-left scripts (Hebrew, Arabic, Syriac, N'Ko…).
fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// The escaping template filled with `value`, through Tera with dunning's escape function.
pub fn fill_escape_template(value: &str) -> String {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".typ"]);
    tera.set_escape_fn(dunning::letters::escape::typst_markup);
    tera.add_raw_template("fuzz.typ", ESCAPE_TEMPLATE)
        .expect("template");
    let mut ctx = tera::Context::new();
    ctx.insert("v", value);
    tera.render("fuzz.typ", &ctx).expect("render")
}

/// The text as a reader sees it: no whitespace, no controls, and none of the invisible
/// characters Typst may trim at a line's end or the escaping drops (bidi controls).
fn visible(s: &str) -> String {
    s.chars()
        .filter(|&c| !c.is_whitespace() && !c.is_control() && !invisible(c))
        .collect()
}

/// Default-ignorable characters: zero-width joiners and spaces, bidi marks and controls,
/// soft hyphen, variation selectors, tags. They print nothing.
fn invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Every text run of a frame, in order.
fn collect_text(frame: &typst::layout::Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            typst::layout::FrameItem::Group(g) => collect_text(&g.frame, out),
            typst::layout::FrameItem::Text(t) => out.push_str(&t.text),
            _ => {}
        }
    }
}

fn escape_engine() -> &'static dunning::render::Engine {
    static ENGINE: OnceLock<dunning::render::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        dunning::render::Engine::new(HashMap::new(), None, HashMap::new()).expect("engine")
    })
}
