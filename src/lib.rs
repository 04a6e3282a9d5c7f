//! `dunning`: debtor rows in → figures → letters → PDFs → zip.
//!
//! Each layer imports only the layers below it, so a change in one room cannot reach up and
//! break another (`../shared/STYLE.md`):
//!
//! 1. [`calc`] (pure figures on value types of their own) and [`render`] (generic Typst:
//!    the sandboxed `World`, fonts, PDF and PNG, the worker pool — no fees, no rows);
//! 2. [`data`] (files → typed debtor rows);
//! 3. [`config`] (dunning.yaml → checked settings; it maps headers onto data's columns);
//! 4. [`letters`] (who gets which letter, its figures, the template context, typesetting);
//! 5. [`output`] (the batch zip, its reports, shards, history, atomic files);
//! 6. [`deliver`] (email: the zip verified, one message per letter, SMTP, the send log);
//! 7. [`cli`] and [`terminal`]; 8. [`cmd`] (one file per command) on top.
//!
//! `tests/layers.rs` checks every `crate::` import against this order.
//!
//! [`messages`] and [`error`] are beneath them all: the tool's words in Chinese and English;
//! the one error type, its exit codes, the fatal exit path.

// A `Problem` (file, row, column, value, message) is the error of most functions here; it is
// returned once per bad cell, never on a hot path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod calc;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod data;
pub mod deliver;
pub mod error;
pub mod letters;
pub mod messages;
pub mod output;
pub mod render;
pub mod terminal;

use cli::{Cli, Command};
use error::Result;

/// Runs one parsed command line.
pub fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Batch(args) => cmd::batch::run(args),
        Command::Compute(args) => cmd::compute::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Preview(args) => cmd::preview::run(args),
        Command::Templates(args) => cmd::templates::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Merge(args) => cmd::merge::run(args),
        Command::Send(args) => cmd::send::run(args),
        Command::Completions { shell } => cmd::completions::run(*shell),
        Command::Man { command, dir } => cmd::man::run(command, dir.as_deref()),
    }
}
