//! Output: the CSV files the tool writes (safe for spreadsheets) and terminal tables.

pub mod csv;
pub mod figures;
pub mod table;
