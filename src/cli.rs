//! Command-line types (clap derive); option groups shared between commands are flattened.

use crate::calc::{Lang, LetterKind};
use crate::data::InputEncoding;
use crate::error::Error;
use crate::letters::run::{Selection, Sources};
use crate::output::sms::SmsFormat;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub mod help;

/// Turns a spreadsheet of debtors into print-ready collection letters.
#[derive(Debug, Parser)]
#[command(name = "dunning", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render every letter into one print-ready zip (letters, print files, manifest, aging)
    Batch(BatchArgs),
    /// Compute every letter's figures (outstanding, fee, deadline…) without rendering
    Compute(ComputeArgs),
    /// Check data and config; print every problem as FILE:ROW: COLUMN: message
    Check(CheckArgs),
    /// Render one letter to PDF or PNG (re-render on every change with --watch)
    Preview(PreviewArgs),
    /// List the built-in letter templates, or export them to edit
    Templates(TemplatesArgs),
    /// Create a folder with sample data, a commented config and the templates
    Init(InitArgs),
    /// Join the zips of `batch --shard K/N` into the zip of the full run
    Merge(MergeArgs),
    /// Email each letter of a batch zip to its debtor (or write the messages as .eml files)
    Send(SendArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): `dunning man > dunning.1`
    Man {
        /// The command whose page to print, e.g. batch or templates export (default: the top page)
        #[arg(value_name = "COMMAND", conflicts_with = "dir")]
        command: Vec<String>,
        /// Write every page into DIR instead (dunning.1, dunning-batch.1 …)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The data files of a run.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Debtor data: .csv, .yaml/.yml, .xlsx/.xls/.ods, or - for CSV on stdin (several files allowed)
    #[arg(required = true, value_name = "DATA")]
    pub data: Vec<String>,
    /// Force the encoding of CSV input instead of detecting UTF-8 / GBK
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<InputEncoding>,
    /// The sheet of a spreadsheet to read: its name, or its position counting from 1 (default: the first visible sheet)
    #[arg(long, value_name = "NAME|INDEX")]
    pub sheet: Option<String>,
}

/// Settings shared by the commands that compute figures.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Config file (default: dunning.yaml in the working directory, if present)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Letter kind for rows that name none (default: demand)
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Option<LetterKind>,
}

/// Who gets which letter: the escalation ladder and the letters already sent.
#[derive(Debug, Args)]
pub struct LadderArgs {
    /// Choose each letter's kind from the config's ladder by its days overdue
    #[arg(long, conflicts_with = "kind")]
    pub auto: bool,
    /// A previous batch's zip or manifest.csv: no repeat within ladder_interval, escalate after it (repeatable)
    #[arg(long, value_name = "FILE")]
    pub history: Vec<PathBuf>,
    /// Send letters the history would hold back
    #[arg(long)]
    pub force: bool,
}

/// The letter date.
#[derive(Debug, Args)]
pub struct AsOfArgs {
    /// Letter date and the date fees are computed to, e.g. 2026-11-22 (default: today in the config's timezone)
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,
}

impl AsOfArgs {
    /// `--as-of`, if given; without it the run takes today in the config's `timezone:`.
    pub fn given(&self) -> Option<NaiveDate> {
        self.as_of
    }
}

#[derive(Debug, Args)]
pub struct ComputeArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub as_of: AsOfArgs,
    #[command(flatten)]
    pub ladder: LadderArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub as_of: AsOfArgs,
    /// Template directory overriding the built-in templates file by file
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Typeset (and fill the text message and email of) one letter per template branch, as batch does before it starts, not every letter: seconds for 100,000 rows; every value's fonts are still checked
    #[arg(long)]
    pub quick: bool,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The zip to write (default: dunning-<as-of>.zip; with --shard K/N: dunning-<as-of>-K-of-N.zip)
    #[arg(short, long, value_name = "OUT.zip")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub ladder: LadderArgs,
    #[command(flatten)]
    pub as_of: AsOfArgs,
    /// Template directory overriding the built-in templates file by file
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Language of rows that name none (default: the config's lang, else zh)
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Render the valid letters, list the others in rejects.csv and exit 3
    #[arg(long)]
    pub skip_invalid: bool,
    /// Print files for double-sided printing: every letter starts on a right-hand page
    #[arg(long)]
    pub duplex: bool,
    /// Letters as PDF/A-2b, for the archive (the print files stay plain PDF)
    #[arg(long)]
    pub pdf_a: bool,
    /// Add an acknowledgement slip (回执) page to every letter, to sign and return
    #[arg(long)]
    pub with_receipt: bool,
    /// Also write one text message per letter to this CSV (id,phone,text,segments)
    #[arg(long, value_name = "FILE.csv")]
    pub sms: Option<PathBuf>,
    /// excel: UTF-8 with BOM, cells that would run as formulas get a leading ' (to open in Excel); gateway: plain UTF-8, every text exactly as sent (to upload to an SMS gateway)
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        default_value = "excel",
        requires = "sms"
    )]
    pub sms_format: SmsFormat,
    /// At most this many letters per print file
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    pub print_chunk: u32,
    /// Render only shard K of N: the letters whose position in input order is K-1 modulo N
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// Letters rendered in parallel (default: all cores)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
    /// No progress bar
    #[arg(short, long)]
    pub quiet: bool,
}

impl BatchArgs {
    /// Whether the letter at input position `seq` is rendered by this run (`--shard`).
    pub fn in_shard(&self, seq: usize) -> bool {
        self.shard.is_none_or(|s| s.has(seq))
    }
}

/// `--shard K/N`: the K-th of N parts, 1 ≤ K ≤ N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

impl Shard {
    /// Whether the letter at `seq` (0-based input position) belongs to this shard.
    pub fn has(self, seq: usize) -> bool {
        seq % self.n == self.k - 1
    }
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    let bad = || crate::messages::tr("arg-shard-bad", &[("value", format!("{s:?}").into())]);
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(bad());
    }
    Ok(Shard { k, n })
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The letter to render: its id (case / account number)
    #[arg(long)]
    pub id: String,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub as_of: AsOfArgs,
    /// Template directory overriding the built-in templates file by file
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Output file: .pdf, .png (one file per page) or .typ (the filled template) (default: <id>-<kind>.pdf)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Re-render whenever the data, the config or a template changes
    #[arg(long)]
    pub watch: bool,
    /// Add an acknowledgement slip (回执) page to the letter, to sign and return
    #[arg(long)]
    pub with_receipt: bool,
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    #[command(subcommand)]
    pub command: TemplatesCommand,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Kinds, languages and a one-line description of each
    List,
    /// Write the built-in templates into DIR, to edit and use with --templates DIR
    Export {
        /// Folder to write into
        dir: PathBuf,
        /// Overwrite files that already exist
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shard zips, one for each K of N (any order)
    #[arg(required = true, value_name = "SHARD.zip")]
    pub zips: Vec<PathBuf>,
    /// The zip to write (default: dunning-<as-of>.zip)
    #[arg(short, long, value_name = "ALL.zip")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The batch zip whose letters to deliver (its manifest's email column)
    #[arg(value_name = "ZIP")]
    pub zip: PathBuf,
    /// Send through this server: smtp://host:port (STARTTLS when offered; ?tls=required insists), smtps://host:port, or ?tls=none for a relay on localhost. User in the URL, password in DUNNING_SMTP_PASSWORD
    #[arg(long, value_name = "URL", conflicts_with = "eml")]
    pub smtp: Option<String>,
    /// Write each message as DIR/<id>.eml instead of sending (default without --smtp: <ZIP without .zip>-mail/)
    #[arg(long, value_name = "DIR")]
    pub eml: Option<PathBuf>,
    /// The From address (default: the config's mail.from, else sender.email)
    #[arg(long, value_name = "ADDR")]
    pub from: Option<String>,
    /// The send log (default: ZIP.sent.csv): what went out, read again by the next run
    #[arg(long, value_name = "FILE", conflicts_with = "eml")]
    pub log: Option<PathBuf>,
    /// Only these letters (ids; repeatable, or several after one --only)
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub only: Vec<String>,
    /// Print one line per message that would go out; send and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Also resend the letters the server refused (status failed in the log)
    #[arg(long)]
    pub retry_failed: bool,
    /// At most N messages a second
    #[arg(long, value_name = "N", value_parser = parse_rate)]
    pub rate: Option<f64>,
    /// Trust this CA (PEM) too, e.g. the company's own, besides the system's roots
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
    /// Config file (default: dunning.yaml in the working directory, if present)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Template directory overriding the built-in mail.txt templates
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// No progress bar
    #[arg(short, long)]
    pub quiet: bool,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(r) if r > 0.0 && r.is_finite() => Ok(r),
        _ => Err(crate::messages::tr(
            "arg-rate-bad",
            &[("value", format!("{s:?}").into())],
        )),
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// New folder to create
    pub dir: PathBuf,
}

/// How `compute` prints its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal
    Table,
    /// One object per letter (SPEC 7)
    Json,
    /// For Excel (UTF-8 with BOM)
    Csv,
}

fn parse_as_of(s: &str) -> Result<NaiveDate, String> {
    crate::calc::dates::parse_date(s).map_err(|e| e.in_lang(crate::messages::ui()))
}

fn parse_kind(s: &str) -> Result<LetterKind, String> {
    s.parse()
}

// The raw arguments turned once into what the library takes.

impl DataArgs {
    /// What a run reads: these files with the config and `--kind` of `config`.
    pub fn sources<'a>(&'a self, config: &'a ConfigArgs) -> Sources<'a> {
        Sources {
            data: &self.data,
            encoding: self.encoding,
            sheet: self.sheet.as_deref(),
            config: config.config.as_deref(),
            kind: config.kind,
        }
    }
}

impl LadderArgs {
    /// `--auto`, `--force` and the letters of the `--history` files, read now.
    pub fn selection(&self) -> Result<Selection, Error> {
        Ok(Selection {
            auto: self.auto,
            force: self.force,
            history: crate::output::history::load(&self.history)?,
        })
    }
}

impl BatchArgs {
    /// The run's sources.
    pub fn sources(&self) -> Sources<'_> {
        self.data.sources(&self.config)
    }
}
