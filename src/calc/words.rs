//! Amounts in words: Chinese uppercase (大写金额) for bills and English words
//! for the English letters.
//!
//! Both functions first round half away from zero to two decimals (fen) and
//! then work only on integer cents (`u128`), so no float ever touches an
//! amount and the whole `Decimal` range (up to about 7.9 × 10²⁸) is handled
//! without overflow or panic.
//!
//! Chinese follows the PBOC rules (《支付结算办法》附件《正确填写票据和结算凭证的
//! 基本规定》). Where those rules allow two forms, the writer picks one and the
//! parser accepts both:
//! * 元 digit is 0 and 角 is not (1680.32): 零 is **omitted** —
//!   壹仟陆佰捌拾元叁角贰分 (parser also accepts 元零叁角).
//! * 万 (or 亿) digit is 0 and the next digit (千 / 千万) is not (107000.53):
//!   零 is **omitted**, the group unit already marks the place —
//!   壹拾万柒仟元伍角叁分 (parser also accepts 壹拾万零柒仟).
//! * 整 is written only after 元; an amount ending in 角 or 分 gets none
//!   (parser also accepts 伍角整, which the rules permit).
//! * A run of zeros that the group unit does not absorb (a zero group, or
//!   leading zeros of the lower group) always gets exactly one 零:
//!   壹亿零壹仟元整, 壹佰万零壹元整. We never drop this one, as 壹亿壹仟
//!   would read like 1.1亿.
//! * 拾 always takes its digit: 壹拾元整, never 拾元整.
//!
//! Beyond 千亿 the 万/亿 units simply compound, as in everyday Chinese
//! (壹万亿 = 10¹², 壹亿亿 = 10¹⁶); 兆 is avoided because its value is ambiguous.
//! English uses the short scale up to octillion, which covers every `Decimal`.
//!
//! Negative amounts (a credit, not a bill amount) get a prefix: 负 / "minus".
//! An amount that rounds to zero is never negative: -0.001 → 零元整 / "zero yuan".

use rust_decimal::{Decimal, RoundingStrategy};

const CN_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/// Units inside a four-digit group, index = power of ten.
const CN_SMALL_UNITS: [Option<char>; 4] = [None, Some('拾'), Some('佰'), Some('仟')];
const WAN: u128 = 10_000;
const YI: u128 = 100_000_000;

/// Splits an amount into (negative, whole yuan, cents 0..=99) after PBOC-style
/// rounding. Works on the mantissa so huge values cannot overflow a multiply.
fn split(amount: Decimal) -> (bool, u128, u8) {
    let r = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    // After round_dp(2) the scale is at most 2.
    let total_cents = r.mantissa().unsigned_abs() * 10u128.pow(2 - r.scale().min(2));
    let negative = r.is_sign_negative() && total_cents != 0;
    // `% 100` is < 100, so the cast cannot truncate.
    (negative, total_cents / 100, (total_cents % 100) as u8)
}

/// One token of a Chinese rendering; `optional` marks a character the PBOC
/// rules let the writer omit (we omit it, the parser tolerates it).
#[derive(Clone, Copy)]
struct Tok {
    ch: char,
    optional: bool,
}

fn req(out: &mut Vec<Tok>, ch: char) {
    out.push(Tok {
        ch,
        optional: false,
    });
}

fn opt(out: &mut Vec<Tok>, ch: char) {
    out.push(Tok { ch, optional: true });
}

fn cn_digit(d: u128) -> char {
    // Callers pass d % 10 or a value < 10.
    CN_DIGITS[(d % 10) as usize]
}

/// A four-digit group (1..=9999): one 零 for each inner run of zeros,
/// trailing zeros dropped, 拾 always with its digit.
fn cn_group(n: u128, out: &mut Vec<Tok>) {
    let mut started = false;
    let mut zero_pending = false;
    for pos in (0..4).rev() {
        let d = (n / 10u128.pow(pos)) % 10;
        if d == 0 {
            zero_pending |= started;
            continue;
        }
        if zero_pending {
            req(out, '零');
            zero_pending = false;
        }
        req(out, cn_digit(d));
        if let Some(unit) = CN_SMALL_UNITS[pos as usize] {
            req(out, unit);
        }
        started = true;
    }
}

/// A positive integer: `high 亿 low` / `high 万 low`, recursing on `high` so
/// that units compound (万亿, 亿亿) past 千亿 instead of overflowing a table.
fn cn_integer(n: u128, out: &mut Vec<Tok>) {
    let (base, unit) = if n >= YI {
        (YI, '亿')
    } else if n >= WAN {
        (WAN, '万')
    } else {
        cn_group(n, out);
        return;
    };
    let (high, low) = (n / base, n % base);
    cn_integer(high, out);
    req(out, unit);
    if low == 0 {
        return;
    }
    // `low` has as many digits as `base` has zeros; its top digit is 10% of base.
    if low < base / 10 {
        // Leading zeros in the lower part (or a whole zero group): one 零, required.
        req(out, '零');
    } else if high.is_multiple_of(10) {
        // 万位/亿位 is 0 but 千位 is not: PBOC lets us write or omit 零.
        opt(out, '零');
    }
    cn_integer(low, out);
}

/// Full token sequence for a non-negative amount; the single source of truth
/// for both the writer and the parser's well-formedness check.
fn cn_tokens(yuan: u128, cents: u8) -> Vec<Tok> {
    let mut out = Vec::new();
    let (jiao, fen) = (u128::from(cents / 10), u128::from(cents % 10));
    if yuan == 0 && cents == 0 {
        for ch in ['零', '元', '整'] {
            req(&mut out, ch);
        }
        return out;
    }
    if yuan > 0 {
        cn_integer(yuan, &mut out);
        req(&mut out, '元');
        if cents == 0 {
            req(&mut out, '整');
            return out;
        }
        if jiao == 0 {
            // 元 then 分 with 角 missing: the 零 is mandatory (325.04).
            req(&mut out, '零');
        } else if yuan.is_multiple_of(10) {
            // 元位 0, 角 not 0: optional 零 (1680.32), we omit it.
            opt(&mut out, '零');
        }
    }
    if jiao != 0 {
        req(&mut out, cn_digit(jiao));
        req(&mut out, '角');
    }
    if fen != 0 {
        req(&mut out, cn_digit(fen));
        req(&mut out, '分');
    } else {
        // 角 may be followed by 整; we leave it off.
        opt(&mut out, '整');
    }
    out
}

/// Chinese uppercase amount for bills, by the People's Bank of China rules
/// (《支付结算办法》/正确填写票据和结算凭证的基本规定).
///
/// Rounds half away from zero to fen first. Negative amounts get a 负 prefix
/// (bills never carry one; it is there so a credit balance cannot panic).
/// See the module docs for the forms chosen where the rules allow two.
pub fn cn_uppercase(amount: Decimal) -> String {
    let (negative, yuan, cents) = split(amount);
    let mut s = String::new();
    if negative {
        s.push('负');
    }
    s.extend(
        cn_tokens(yuan, cents)
            .iter()
            .filter(|t| !t.optional)
            .map(|t| t.ch),
    );
    s
}

/// Reads a value out of a candidate string without judging its form; the
/// caller then checks the string against the canonical tokens for that value.
/// Returns None on foreign characters or overflow.
fn cn_loose_value(s: &str) -> Option<(u128, u8)> {
    let (int_part, frac_part) = match s.split_once('元') {
        Some((i, f)) => (i, f),
        None => ("", s),
    };
    let (mut total, mut section, mut number) = (0u128, 0u128, 0u128);
    for ch in int_part.chars() {
        if let Some(d) = CN_DIGITS.iter().position(|&c| c == ch) {
            number = d as u128;
            continue;
        }
        match ch {
            '拾' | '佰' | '仟' => {
                let pow = CN_SMALL_UNITS.iter().position(|&u| u == Some(ch))?;
                section = section.checked_add(number.checked_mul(10u128.pow(pow as u32))?)?;
            }
            '万' => section = section.checked_add(number)?.checked_mul(WAN)?,
            '亿' => {
                total = total
                    .checked_add(section)?
                    .checked_add(number)?
                    .checked_mul(YI)?;
                section = 0;
            }
            _ => return None,
        }
        number = 0;
    }
    let yuan = total.checked_add(section)?.checked_add(number)?;

    let (mut jiao, mut fen, mut digit) = (0u8, 0u8, None);
    for ch in frac_part.chars() {
        if let Some(d) = CN_DIGITS.iter().position(|&c| c == ch) {
            digit = Some(d as u8);
            continue;
        }
        match ch {
            '角' => jiao = digit.take()?,
            '分' => fen = digit.take()?,
            '整' => {}
            _ => return None,
        }
    }
    Some((yuan, jiao * 10 + fen))
}

/// True if `s` spells exactly `toks`, optional tokens present or not.
/// Greedy is enough: an optional token is never followed by the same char.
fn matches_tokens(s: &str, toks: &[Tok]) -> bool {
    let mut chars = s.chars().peekable();
    for t in toks {
        if chars.peek() == Some(&t.ch) {
            chars.next();
        } else if !t.optional {
            return false;
        }
    }
    chars.next().is_none()
}

/// Parse a Chinese uppercase amount back (for round-trip tests and fuzzing);
/// None if not well-formed.
///
/// Accepts exactly what `cn_uppercase` writes, plus the alternatives the PBOC
/// rules allow: the optional 零 (元零叁角, 壹拾万零柒仟), 整 after 角, 正 for 整,
/// 圆 for 元. Rejects everything else (拾元整, 零零, missing mandatory 零,
/// surrounding whitespace, 负零元整), so a successful parse means a
/// well-formed bill amount. Amounts beyond `Decimal`'s range give None.
pub fn parse_cn_uppercase(s: &str) -> Option<Decimal> {
    let (negative, body) = match s.strip_prefix('负') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let body: String = body
        .chars()
        .map(|c| match c {
            '正' => '整',
            '圆' => '元',
            c => c,
        })
        .collect();
    let (yuan, cents) = cn_loose_value(&body)?;
    if cents > 99 || !matches_tokens(&body, &cn_tokens(yuan, cents)) {
        return None;
    }
    let total = yuan.checked_mul(100)?.checked_add(u128::from(cents))?;
    if negative && total == 0 {
        return None;
    }
    // Use the smallest scale that holds the value exactly, so whole amounts up
    // to Decimal::MAX (which has no room for two more digits) still parse.
    let (mantissa, scale) = match cents {
        0 => (yuan, 0),
        c if c.is_multiple_of(10) => (total / 10, 1),
        _ => (total, 2),
    };
    let value = Decimal::try_from_i128_with_scale(i128::try_from(mantissa).ok()?, scale).ok()?;
    Some(if negative { -value } else { value })
}

const EN_ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// Short scale, index = group of three digits. u96 < 10³⁰, so ten groups suffice.
const EN_SCALES: [&str; 10] = [
    "",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
    "sextillion",
    "septillion",
    "octillion",
];

/// 1..=99, hyphenated as in "twenty-one".
fn en_under_100(n: usize) -> String {
    if n < 20 {
        EN_ONES[n].to_string()
    } else if n.is_multiple_of(10) {
        EN_TENS[n / 10].to_string()
    } else {
        format!("{}-{}", EN_TENS[n / 10], EN_ONES[n % 10])
    }
}

/// 1..=999 with the British "and" after hundred: "four hundred and nine".
fn en_under_1000(n: usize) -> String {
    let (h, rest) = (n / 100, n % 100);
    match (h, rest) {
        (0, _) => en_under_100(rest),
        (_, 0) => format!("{} hundred", EN_ONES[h]),
        _ => format!("{} hundred and {}", EN_ONES[h], en_under_100(rest)),
    }
}

/// Whole number in British English. "and" also goes before a final part under
/// one hundred ("one thousand and one", "one billion and one"), as British
/// usage reads it; no commas, since the text is embedded in sentences.
fn en_integer(n: u128) -> String {
    if n == 0 {
        return EN_ONES[0].to_string();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        // `% 1000` < 1000, the cast cannot truncate.
        groups.push((rest % 1000) as usize);
        rest /= 1000;
    }
    let mut parts: Vec<String> = Vec::new();
    for (idx, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        let mut words = en_under_1000(g);
        if idx > 0 {
            words.push(' ');
            words.push_str(EN_SCALES[idx]);
        } else if g < 100 && n >= 1000 {
            words.insert_str(0, "and ");
        }
        parts.push(words);
    }
    parts.join(" ")
}

/// English words, e.g. for the English letters.
///
/// Lower case (templates capitalise), British "and", cents read as fen
/// ("one hundred yuan and one fen"; 0.50 is "fifty fen", not "five jiao",
/// as English readers count cents). Rounds half away from zero to fen first.
/// Negative amounts are prefixed "minus ".
pub fn en_words(amount: Decimal) -> String {
    let (negative, yuan, cents) = split(amount);
    let sign = if negative { "minus " } else { "" };
    let cents = usize::from(cents);
    match (yuan, cents) {
        (_, 0) => format!("{sign}{} yuan", en_integer(yuan)),
        (0, _) => format!("{sign}{} fen", en_under_100(cents)),
        _ => format!(
            "{sign}{} yuan and {} fen",
            en_integer(yuan),
            en_under_100(cents)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    /// 9999_9999_9999.99 (千亿 range) in cents, the range the spec requires.
    const MAX_SPEC_CENTS: u128 = 99_999_999_999_999;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn cents(c: u128) -> Decimal {
        Decimal::from_i128_with_scale(c as i128, 2)
    }

    #[track_caller]
    fn cn(amount: &str, expected: &str) {
        assert_eq!(cn_uppercase(d(amount)), expected, "cn_uppercase({amount})");
        assert_eq!(
            parse_cn_uppercase(expected),
            Some(d(amount).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)),
            "parse_cn_uppercase({expected})"
        );
    }

    #[track_caller]
    fn en(amount: &str, expected: &str) {
        assert_eq!(en_words(d(amount)), expected, "en_words({amount})");
    }

    // Product spec, must match exactly.
    #[test]
    fn cn_spec_1409_50() {
        cn("1409.50", "壹仟肆佰零玖元伍角");
    }
    #[test]
    fn cn_spec_6007_14() {
        cn("6007.14", "陆仟零柒元壹角肆分");
    }
    #[test]
    fn cn_spec_16409_02() {
        cn("16409.02", "壹万陆仟肆佰零玖元零贰分");
    }
    #[test]
    fn cn_spec_10() {
        cn("10", "壹拾元整");
    }

    // Further PBOC rules.
    #[test]
    fn cn_zero_run_in_integer_is_one_ling() {
        cn("1000001", "壹佰万零壹元整");
    }
    #[test]
    fn cn_wan_digit_zero_ling_omitted() {
        cn("107000.53", "壹拾万柒仟元伍角叁分");
    }
    #[test]
    fn cn_yuan_digit_zero_before_jiao_ling_omitted() {
        cn("1680.32", "壹仟陆佰捌拾元叁角贰分");
    }
    #[test]
    fn cn_missing_jiao_needs_ling() {
        cn("325.04", "叁佰贰拾伍元零肆分");
    }
    #[test]
    fn cn_jiao_only() {
        cn("0.50", "伍角");
    }
    #[test]
    fn cn_fen_only() {
        cn("0.05", "伍分");
    }
    #[test]
    fn cn_zero() {
        cn("0.00", "零元整");
        cn("0", "零元整");
    }
    #[test]
    fn cn_yi() {
        cn("100000000", "壹亿元整");
    }
    #[test]
    fn cn_yi_ling_wan() {
        cn("100010000", "壹亿零壹万元整");
    }
    #[test]
    fn cn_shi_yi_wan() {
        cn("110000", "壹拾壹万元整");
    }
    #[test]
    fn cn_shi_yi() {
        cn("1000000000", "壹拾亿元整");
    }
    #[test]
    fn cn_zero_wan_group_in_yi() {
        cn("2000050000", "贰拾亿零伍万元整");
    }
    #[test]
    fn cn_yi_ling_yi() {
        cn("100000001", "壹亿零壹元整");
    }

    // Additional edge cases.
    #[test]
    fn cn_jiao_and_fen_under_one_yuan() {
        cn("0.55", "伍角伍分");
        cn("0.01", "壹分");
    }
    #[test]
    fn cn_no_zheng_after_jiao() {
        cn("3.40", "叁元肆角");
        cn("11.10", "壹拾壹元壹角");
    }
    #[test]
    fn cn_whole_zero_group_keeps_ling() {
        cn("100001000", "壹亿零壹仟元整");
        cn("100100000", "壹亿零壹拾万元整");
        cn("110000000", "壹亿壹仟万元整");
    }
    #[test]
    fn cn_inner_zeros() {
        cn("1010", "壹仟零壹拾元整");
        cn("100100", "壹拾万零壹佰元整");
        cn("1001.01", "壹仟零壹元零壹分");
        cn("20.20", "贰拾元贰角");
    }
    #[test]
    fn cn_max_supported() {
        cn(
            "999999999999.99",
            "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
        );
    }
    #[test]
    fn cn_beyond_qianyi_compounds() {
        cn("1000000000000", "壹万亿元整");
        cn("1000000000005", "壹万亿零伍元整");
        cn("1234500000000", "壹万贰仟叁佰肆拾伍亿元整");
        cn("10000000000000000", "壹亿亿元整");
        let max = cn_uppercase(Decimal::MAX);
        assert_eq!(parse_cn_uppercase(&max), Some(Decimal::MAX));
    }
    #[test]
    fn cn_rounds_half_away_from_zero() {
        cn("0.005", "壹分");
        cn("0.004", "零元整");
        cn("9.995", "壹拾元整");
        cn("1.2345", "壹元贰角叁分");
    }
    #[test]
    fn cn_negative() {
        cn("-16409.02", "负壹万陆仟肆佰零玖元零贰分");
        assert_eq!(cn_uppercase(d("-0.001")), "零元整");
        assert_eq!(
            cn_uppercase(Decimal::MIN),
            format!("负{}", cn_uppercase(Decimal::MAX))
        );
    }

    #[test]
    fn parse_accepts_pboc_alternatives() {
        let p = |s: &str| parse_cn_uppercase(s);
        assert_eq!(p("壹仟陆佰捌拾元零叁角贰分"), Some(d("1680.32")));
        assert_eq!(p("壹拾万零柒仟元伍角叁分"), Some(d("107000.53")));
        assert_eq!(p("壹拾万柒仟元零伍角叁分"), Some(d("107000.53")));
        assert_eq!(p("壹仟肆佰零玖元伍角整"), Some(d("1409.50")));
        assert_eq!(p("壹拾元正"), Some(d("10")));
        assert_eq!(p("壹拾圆整"), Some(d("10")));
    }

    #[test]
    fn parse_rejects_malformed() {
        for bad in [
            "",
            "整",
            "元整",
            "零",
            "零元",
            "拾元整",
            "壹元",
            "壹元零整",
            "壹佰零零壹元整",
            "壹佰零壹元整零",
            "壹亿壹仟元整",
            "壹佰万壹元整",
            "叁佰贰拾伍元肆分",
            "零元伍角",
            "零伍分",
            "伍角整整",
            "壹拾元整 ",
            "负零元整",
            "负",
            "壹拾拾元整",
            "壹仟仟元整",
            "壹壹元整",
            "伍分伍角",
            "角",
            "一元整",
            "壹万万元整",
            "玖仟玖佰玖拾玖亿亿亿亿元整",
        ] {
            assert_eq!(parse_cn_uppercase(bad), None, "{bad:?}");
        }
    }

    // English.
    #[test]
    fn en_spec_examples() {
        en(
            "16409.02",
            "sixteen thousand four hundred and nine yuan and two fen",
        );
        en("10", "ten yuan");
        en(
            "1409.50",
            "one thousand four hundred and nine yuan and fifty fen",
        );
        en("0.05", "five fen");
        en("0", "zero yuan");
        en("1000000", "one million yuan");
        en("21", "twenty-one yuan");
        en("100.01", "one hundred yuan and one fen");
        en("1", "one yuan");
        en("1000000001", "one billion and one yuan");
    }
    #[test]
    fn en_more() {
        en("0.50", "fifty fen");
        en("1001", "one thousand and one yuan");
        en("1100", "one thousand one hundred yuan");
        en("101000", "one hundred and one thousand yuan");
        en("1000100", "one million one hundred yuan");
        en(
            "999999999999.99",
            "nine hundred and ninety-nine billion nine hundred and ninety-nine million \
             nine hundred and ninety-nine thousand nine hundred and ninety-nine yuan \
             and ninety-nine fen",
        );
        en("0.005", "one fen");
        en("-21.5", "minus twenty-one yuan and fifty fen");
        en("-0.001", "zero yuan");
        assert!(en_words(Decimal::MAX).starts_with("seventy-nine octillion "));
    }

    /// Digit strings biased towards zeros, so runs of 零 and empty groups
    /// (the interesting cases) are common rather than astronomically rare.
    fn zeroish_cents(max_digits: usize) -> impl Strategy<Value = u128> {
        prop::collection::vec(prop_oneof![3 => Just(0u8), 1 => 1u8..=9], 1..=max_digits)
            .prop_map(|ds| ds.iter().fold(0u128, |acc, &d| acc * 10 + u128::from(d)))
    }

    fn check_cn(c: u128) -> Result<(), TestCaseError> {
        let x = cents(c);
        let s = cn_uppercase(x);
        prop_assert_eq!(parse_cn_uppercase(&s), Some(x), "{}", s);
        prop_assert!(!s.contains("零零"), "{}", s);
        prop_assert!(!s.ends_with('零'), "{}", s);
        prop_assert_eq!(s.contains('整'), c.is_multiple_of(100), "{}", s);
        prop_assert!(!s.starts_with('拾') && !s.contains("零拾"), "{}", s);
        Ok(())
    }

    fn check_en(x: Decimal) -> Result<(), TestCaseError> {
        let s = en_words(x);
        prop_assert!(
            !s.contains("  ") && !s.starts_with(' ') && !s.ends_with(' '),
            "{}",
            s
        );
        prop_assert!(s.ends_with(" yuan") || s.ends_with(" fen"), "{}", s);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn prop_cn_uniform(c in 0u128..=MAX_SPEC_CENTS) {
            check_cn(c)?;
        }

        #[test]
        fn prop_cn_zero_heavy(c in zeroish_cents(14)) {
            check_cn(c)?;
        }

        #[test]
        fn prop_cn_beyond_qianyi(c in zeroish_cents(30)) {
            prop_assume!(c < (1u128 << 96));
            check_cn(c)?;
        }

        #[test]
        fn prop_en_no_double_spaces(c in 0u128..=MAX_SPEC_CENTS) {
            check_en(cents(c))?;
        }

        #[test]
        fn prop_en_zero_heavy(c in zeroish_cents(14)) {
            check_en(cents(c))?;
        }

        /// Any Decimal at all (any scale, any sign): never panics, and the
        /// Chinese text parses back to the rounded value.
        #[test]
        fn prop_any_decimal(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(),
                            neg in any::<bool>(), scale in 0u32..=28) {
            let x = Decimal::from_parts(lo, mid, hi, neg, scale);
            let r = x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(parse_cn_uppercase(&cn_uppercase(x)), Some(r));
            check_en(x)?;
        }

        /// The parser never panics on arbitrary strings over its alphabet.
        #[test]
        fn prop_parse_fuzz(s in "[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整正圆负x ]{0,24}") {
            if let Some(v) = parse_cn_uppercase(&s) {
                // Whatever it accepts is a rendering of that value.
                let canon = cn_uppercase(v);
                prop_assert_eq!(parse_cn_uppercase(&canon), Some(v));
            }
        }
    }
}
