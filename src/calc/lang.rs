//! The language a letter is written in (`zh` or `en`): its template, its words for amounts.

use crate::messages::Text;
use std::fmt;
use std::str::FromStr;

/// The language a letter is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Lang {
    /// `zh`, `en` and their usual spellings; the error unworded, for any language.
    pub fn parse_text(s: &str) -> Result<Lang, Text> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" | "中文" => Ok(Lang::Zh),
            "en" | "english" | "英文" => Ok(Lang::En),
            other => Err(Text::new("lang-unknown").arg("value", format!("{other:?}"))),
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Lang::parse_text(s).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn langs_parse_by_name() {
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert_eq!(" 中文 ".parse::<Lang>(), Ok(Lang::Zh));
        assert!("fr".parse::<Lang>().is_err());
    }
}
