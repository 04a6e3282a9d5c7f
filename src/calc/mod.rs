//! Pure figures on exact decimals and dates (SPEC 5), on value types of their own: no I/O,
//! no config or row types. Everything above builds on these rules.
//!
//! - [`money`]: amounts, parsing and 四舍五入; [`words`]: amounts in Chinese uppercase and
//!   English words; [`dates`]: the date forms a clerk types;
//! - [`fees`]: arrears, late fees and the daily increment of a letter's items; [`rates`]:
//!   the dated LPR and PBOC benchmark tables reference-rate interest reads;
//! - [`calendar`]: working days, holidays and deadlines; [`aging`]: buckets;
//! - [`limitation`]: the last day of the limitation period (诉讼时效);
//! - [`ladder`]: which letter a debtor gets this run; [`kind`] and [`lang`]: the letter's
//!   kind and language.

pub mod aging;
pub mod calendar;
pub mod dates;
pub mod fees;
pub mod kind;
pub mod ladder;
pub mod lang;
pub mod limitation;
pub mod money;
pub mod rates;
pub mod words;

pub use kind::LetterKind;
pub use lang::Lang;
