//! `dunning completions SHELL`: a shell completion script generated from the clap
//! definitions, so it never drifts from the real flags.

use crate::cli::Cli;
use crate::error::Result;
use clap::CommandFactory;

pub fn run(shell: clap_complete::Shell) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "dunning", &mut out);
    crate::terminal::stdout(&out)
}
