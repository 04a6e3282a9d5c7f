//! The letter kinds (SPEC 6): the vocabulary of the ladder, the templates and the manifest.

use crate::messages::Text;
use std::fmt;
use std::str::FromStr;

/// A built-in letter kind (SPEC 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LetterKind {
    Demand,
    MortgageReminder,
    TerminationMortgage,
    Termination,
    FaxCover,
    Reminder,
    Statement,
    LawyerLetter,
}

impl LetterKind {
    pub const ALL: [LetterKind; 8] = [
        LetterKind::Demand,
        LetterKind::MortgageReminder,
        LetterKind::TerminationMortgage,
        LetterKind::Termination,
        LetterKind::FaxCover,
        LetterKind::Reminder,
        LetterKind::Statement,
        LetterKind::LawyerLetter,
    ];

    /// The name used in data, config, file names and templates.
    pub fn name(self) -> &'static str {
        match self {
            LetterKind::Demand => "demand",
            LetterKind::MortgageReminder => "mortgage-reminder",
            LetterKind::TerminationMortgage => "termination-mortgage",
            LetterKind::Termination => "termination",
            LetterKind::FaxCover => "fax-cover",
            LetterKind::Reminder => "reminder",
            LetterKind::Statement => "statement",
            LetterKind::LawyerLetter => "lawyer-letter",
        }
    }

    /// Mortgage letters are about documents, not money: they need `documents_due`.
    pub fn needs_documents_due(self) -> bool {
        matches!(
            self,
            LetterKind::MortgageReminder | LetterKind::TerminationMortgage
        )
    }

    /// Kinds whose letter is a claim for money and so needs at least one item.
    pub fn needs_items(self) -> bool {
        !self.needs_documents_due()
    }

    fn names() -> String {
        LetterKind::ALL.map(LetterKind::name).join(", ")
    }
}

impl fmt::Display for LetterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl LetterKind {
    /// A kind by its name, whatever the case; the error unworded, for any language.
    pub fn parse_text(s: &str) -> Result<LetterKind, Text> {
        let s = s.trim();
        LetterKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                Text::new("kind-unknown")
                    .arg("value", format!("{s:?}"))
                    .arg("known", LetterKind::names())
            })
    }
}

impl FromStr for LetterKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        LetterKind::parse_text(s).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_by_name() {
        for k in LetterKind::ALL {
            assert_eq!(k.name().parse::<LetterKind>(), Ok(k));
        }
        assert_eq!(" Demand ".parse::<LetterKind>(), Ok(LetterKind::Demand));
        assert!(
            "dunning"
                .parse::<LetterKind>()
                .unwrap_err()
                .contains("known: demand")
        );
    }
}
