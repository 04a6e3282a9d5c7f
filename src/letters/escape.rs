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
            '\n' => out.push_str("\\ "),
            // Tabs and other controls would be whitespace or invisible in the letter.
            '\t' => out.push(' '),
            c if c.is_control() => {}
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
    }
}
