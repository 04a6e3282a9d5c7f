//! `dunning`: debtor rows in → figures → letters → PDFs → zip.
//!
//! `data` reads and validates rows, `calc` computes every figure, `cmd` holds one module per
//! command, `output` writes what the commands produce.

// A `Problem` (file, row, column, value, message) is the error of most functions here; it is
// returned once per bad cell, never on a hot path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod calc;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod data;
pub mod error;
pub mod kinds;
pub mod letters;
pub mod output;
pub mod render;

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
        Command::Completions { shell } => cmd::help::completions(*shell),
        Command::Man { command, dir } => cmd::help::man(command, dir.as_deref()),
    }
}
