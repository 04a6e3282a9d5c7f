//! One file per command, and nothing else: each holds the `run` of one subcommand, taking
//! its parsed arguments.

pub mod batch;
pub mod check;
pub mod completions;
pub mod compute;
pub mod init;
pub mod man;
pub mod merge;
pub mod preview;
pub mod send;
pub mod templates;
