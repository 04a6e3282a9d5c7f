//! Figures: pure functions on exact decimals and dates, no I/O (SPEC 5).

pub mod aging;
pub mod calendar;
pub mod dates;
pub mod fees;
pub mod ladder;
mod letter;
pub mod money;
pub mod rates;
pub mod words;

pub use letter::{Assessment, assess};
