//! Output: the CSV files the tool writes (safe for spreadsheets) and terminal tables.

pub mod csv;
pub mod table;
