//! CSV for people who open it in Excel: UTF-8 with BOM, and no cell that runs as a formula.

use std::borrow::Cow;
use std::io::Write;

/// A text cell that a spreadsheet would run as a formula gets a leading `'` (SPEC 7).
pub fn safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The value [`safe`] defused, for reading back a CSV this tool wrote.
pub fn plain(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if safe(rest) != rest => rest,
        _ => cell,
    }
}

/// A CSV writer that starts with a UTF-8 BOM, which Excel needs to read Chinese text.
pub fn excel_writer<W: Write>(mut out: W) -> std::io::Result<::csv::Writer<W>> {
    out.write_all(b"\xEF\xBB\xBF")?;
    Ok(::csv::WriterBuilder::new().from_writer(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        for s in ["=1+1", "+86 10", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(safe(s), format!("'{s}"));
        }
        assert_eq!(safe("张三"), "张三");
        assert_eq!(safe(""), "");
        // Not "'=x": written as is, it reads back as the defused "=x" (Excel reads it so too).
        for s in ["=1+1", "-2", "'abc", "张三", "", "'"] {
            assert_eq!(plain(&safe(s)), s, "round trip of {s:?}");
        }
    }
}
