//! The fonts embedded in the binary (see fonts/README.md) and the check that every
//! character of a letter is covered by one of them — never a blank box in a legal letter.

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};

/// Every embedded face: CJK serif and sans (GBK subsets, TrueType outlines), a Latin serif
/// for the English letters, and a symbols face for tick boxes.
const FACES: &[&[u8]] = &[
    include_bytes!("../../fonts/NotoSerif-Regular.ttf"),
    include_bytes!("../../fonts/NotoSerif-Bold.ttf"),
    include_bytes!("../../fonts/NotoSerif-Italic.ttf"),
    include_bytes!("../../fonts/NotoSerif-BoldItalic.ttf"),
    include_bytes!("../../fonts/NotoSerifSC-Regular.ttf"),
    include_bytes!("../../fonts/NotoSerifSC-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansSC-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansSC-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
];

/// The embedded fonts and their book, loaded once per process.
pub struct Fonts {
    pub fonts: Vec<Font>,
    pub book: FontBook,
}

impl Fonts {
    pub fn embedded() -> Fonts {
        let fonts: Vec<Font> = FACES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = FontBook::from_fonts(&fonts);
        Fonts { fonts, book }
    }

    /// The first character of `text` that no embedded font has a glyph for.
    pub fn uncovered(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| !self.covers(c))
    }

    /// Whitespace and controls need no glyph; everything else must be in some face.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || c.is_control()
            || self
                .fonts
                .iter()
                .any(|f| f.info().coverage.contains(c as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_names_and_letter_symbols_are_covered() {
        let f = Fonts::embedded();
        for text in [
            "张伟堃喆珺",
            "壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整",
            "《》（）：；、。“”",
            "¥￥€£№",
            "O'Brien & Søren Müller",
            "①②☐",
        ] {
            assert_eq!(f.uncovered(text), None, "{text}");
        }
        assert_eq!(f.uncovered("a\u{10FFFD}b"), Some('\u{10FFFD}'));
        assert_eq!(
            f.uncovered("𠀀"),
            Some('𠀀'),
            "an Extension B ideograph is outside GBK"
        );
    }
}
