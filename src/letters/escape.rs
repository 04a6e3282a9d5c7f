//! Escaping data for Typst markup, so a debtor's name can never run as Typst code.

/// Escapes text for Typst markup: every ASCII symbol that markup gives a meaning to is
/// backslash-escaped, and a line break in a value becomes a Typst line break. The result
/// renders as exactly the input text.
pub fn typst_markup(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\ ");
                }
            }
            // Typst also ends a line at U+2028/U+2029: two in a row would be a paragraph
            // break, which inside `*…*` or `[…]` leaves the delimiter unclosed.
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("\\ "),
            // Tabs and other controls would be whitespace or invisible in the letter.
            '\t' => out.push(' '),
            c if c.is_control() => {}
            // Invisible bidi controls: a right-to-left override would print the rest of the
            // value backwards (`ABC\u{202E}DEF` as ABCFED).
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            '\\' | '#' | '$' | '*' | '_' | '`' | '<' | '>' | '@' | '[' | ']' | '~' | '=' | '-'
            | '+' | '/' | '\'' | '"' | ':' | '.' | '{' | '}' | '(' | ')' | ';' | '%' | '&'
            | '^' | '!' | '?' | '|' | ',' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_neutralised() {
        assert_eq!(typst_markup("张三"), "张三");
        assert_eq!(typst_markup("#sys.exit()"), "\\#sys\\.exit\\(\\)");
        assert_eq!(typst_markup("= Heading"), "\\= Heading");
        assert_eq!(
            typst_markup("a*b*_c_ $x$ @ref <l>"),
            "a\\*b\\*\\_c\\_ \\$x\\$ \\@ref \\<l\\>"
        );
        assert_eq!(typst_markup("// comment"), "\\/\\/ comment");
        assert_eq!(typst_markup("line1\nline2"), "line1\\ line2");
        assert_eq!(typst_markup("a\r\nb\u{0}"), "a\\ b");
        assert_eq!(typst_markup("1. first"), "1\\. first");
        // Found by fuzzing: Unicode line and paragraph separators are line breaks too.
        assert_eq!(typst_markup("a\u{2028}\u{2029}b"), "a\\ \\ b");
        assert_eq!(typst_markup("ABC\u{202E}DEF\u{2066}G\u{200F}"), "ABCDEFG");
    }
}
