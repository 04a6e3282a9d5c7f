//! Who signs the letters: the sender (the creditor or its agent) and, for `lawyer-letter`,
//! the law firm — each with an optional English version for the English letters.

use crate::calc::Lang;
use serde::{Deserialize, Serialize};

/// The creditor (or its agent) who signs the letters.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    pub name: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    /// Contact person named in the letter.
    pub contact: Option<String>,
    pub contact_phone: Option<String>,
    /// Bank and account the debtor should pay into.
    pub bank: Option<String>,
    pub account: Option<String>,
    /// Images, relative to the config file.
    pub seal: Option<String>,
    pub logo: Option<String>,
    /// The same fields in English, for the English letters (`sender: { en: { name: … } }`);
    /// a field left out here falls back to the one above.
    pub en: Option<Box<Sender>>,
}

impl Sender {
    /// The sender as a letter in `lang` shows it.
    pub fn for_lang(&self, lang: Lang) -> Sender {
        let Some(en) = self.en.as_deref().filter(|_| lang == Lang::En) else {
            return Sender {
                en: None,
                ..self.clone()
            };
        };
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        Sender {
            name: pick(&en.name, &self.name),
            address: pick(&en.address, &self.address),
            postcode: pick(&en.postcode, &self.postcode),
            phone: pick(&en.phone, &self.phone),
            fax: pick(&en.fax, &self.fax),
            email: pick(&en.email, &self.email),
            contact: pick(&en.contact, &self.contact),
            contact_phone: pick(&en.contact_phone, &self.contact_phone),
            bank: pick(&en.bank, &self.bank),
            account: pick(&en.account, &self.account),
            seal: self.seal.clone(),
            logo: self.logo.clone(),
            en: None,
        }
    }
}

/// The law firm of a `lawyer-letter` (`lawyer:` in the config).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lawyer {
    /// The firm, e.g. 北京某某律师事务所.
    pub firm: Option<String>,
    /// The lawyers who sign, as the letter names them (e.g. 王明、李华律师).
    pub lawyers: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    /// The same fields in English, for the English letters; a field left out falls back.
    pub en: Option<Box<Lawyer>>,
}

impl Lawyer {
    /// The firm as a letter in `lang` shows it.
    pub fn for_lang(&self, lang: Lang) -> Lawyer {
        let Some(en) = self.en.as_deref().filter(|_| lang == Lang::En) else {
            return Lawyer {
                en: None,
                ..self.clone()
            };
        };
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        Lawyer {
            firm: pick(&en.firm, &self.firm),
            lawyers: pick(&en.lawyers, &self.lawyers),
            address: pick(&en.address, &self.address),
            postcode: pick(&en.postcode, &self.postcode),
            phone: pick(&en.phone, &self.phone),
            fax: pick(&en.fax, &self.fax),
            email: pick(&en.email, &self.email),
            en: None,
        }
    }
}
