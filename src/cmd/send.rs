//! `dunning send ZIP`: delivers each letter of a batch zip to its debtor by email, or
//! writes the messages as .eml files (SPEC 9). Everything is checked before the first
//! message: the zip, the addresses, the templates, the log.

use crate::calc::Lang;
use crate::cli::SendArgs;
use crate::config::Config;
use crate::deliver::message::{self, Outgoing};
use crate::deliver::smtp::{Attempt, Endpoint, PASSWORD_ENV, Transport};
use crate::deliver::{Batch, LogRow, SendLog, Status};
use crate::error::{Error, Result};
use crate::letters::Templates;
use crate::messages::{Text, tr};
use crate::output::{atomic, safe_file_stem, signal};
use crate::terminal::{print_warning, progress_bar};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Tries a message gets: the first and two retries, after [`backoff`].
const MAX_TRIES: usize = 3;

/// The wait before try `n` (1-based): 0.5 s, then 1 s.
fn backoff(n: usize) -> Duration {
    Duration::from_millis(500 << (n - 1).min(4))
}

pub fn run(args: &SendArgs) -> Result<()> {
    let endpoint = match &args.smtp {
        Some(url) => Some(Endpoint::parse(
            url,
            args.ca.as_deref(),
            std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty()),
        )?),
        None => None,
    };
    let config = Config::load(args.config.as_deref())?;
    let sender = message::from(&config, args.from.as_deref(), Lang::Zh)?;
    let templates = Templates::load(args.templates.as_deref()).map_err(Error::Invalid)?;
    let mut batch = Batch::open(&args.zip)?;
    let ids: HashSet<&str> = batch.letters.iter().map(|r| r.id.as_str()).collect();
    if let Some(unknown) = args.only.iter().find(|id| !ids.contains(id.as_str())) {
        return Err(Error::UsageText(
            Text::new("send-only-unknown")
                .arg("id", unknown)
                .arg("zip", args.zip.display()),
        ));
    }
    let only: HashSet<&str> = args.only.iter().map(String::as_str).collect();
    let mut problems = Vec::new();
    let mut outgoing = Vec::new();
    for row in batch
        .letters
        .iter()
        .filter(|r| only.is_empty() || only.contains(r.id.as_str()))
    {
        match message::prepare(
            &templates,
            &config,
            args.from.as_deref(),
            &batch.sha256,
            row,
        ) {
            Ok(o) => outgoing.push(o),
            Err(found) => {
                for p in found {
                    // A template error comes once per letter: report it once.
                    if !problems.contains(&p) {
                        problems.push(p);
                    }
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    match endpoint {
        None => write_eml(args, &config, &mut batch, &outgoing),
        Some(endpoint) => {
            let message_ids: HashMap<String, String> = batch
                .letters
                .iter()
                .map(|r| {
                    let id = message::message_id(&batch.sha256, &r.id, &sender);
                    (r.id.clone(), id)
                })
                .collect();
            let log_path = args
                .log
                .clone()
                .unwrap_or_else(|| with_suffix(&args.zip, ".sent.csv"));
            let known = |id: &str| message_ids.get(id).cloned();
            if args.dry_run {
                let latest = SendLog::read_only(&log_path, known)?;
                dry_run(args, &outgoing, &latest);
                return Ok(());
            }
            let log = SendLog::open(&log_path, known)?;
            send(
                args,
                &config,
                &mut batch,
                &outgoing,
                log,
                Transport::new(endpoint),
            )
        }
    }
}

/// `a/b.zip` + `.sent.csv` → `a/b.zip.sent.csv`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// `Name <addr>` as a person reads it.
fn shown(m: &lettre::message::Mailbox) -> String {
    match &m.name {
        Some(name) => format!("{name} <{}>", m.email),
        None => m.email.to_string(),
    }
}

/// Prints what would go out, one line per message; writes nothing.
fn dry_run(args: &SendArgs, outgoing: &[Outgoing], latest: &HashMap<String, LogRow>) {
    let (mut would, mut skipped, mut already, mut held) = (0, 0, 0, 0);
    for o in outgoing {
        match latest.get(&o.id).map(|r| r.status) {
            Some(Status::Sent) => already += 1,
            Some(Status::Failed) if !args.retry_failed => held += 1,
            _ => match &o.to {
                Some(to) => {
                    would += 1;
                    println!("{}\t{}\t{}\t{}", o.id, shown(to), o.subject, o.file_name);
                }
                None => skipped += 1,
            },
        }
    }
    let counts = [
        ("would", would.into()),
        ("skipped", skipped.into()),
        ("already", already.into()),
        ("held", held.into()),
    ];
    eprintln!("{}", tr("send-dry-run", &counts));
}

/// `--eml DIR` (the default without `--smtp`): each message as `DIR/<id>.eml`; no log.
fn write_eml(
    args: &SendArgs,
    config: &Config,
    batch: &mut Batch,
    outgoing: &[Outgoing],
) -> Result<()> {
    let dir = args.eml.clone().unwrap_or_else(|| {
        let stem = args
            .zip
            .file_stem()
            .map(|s| s.to_os_string())
            .unwrap_or_default();
        let mut name = stem;
        name.push("-mail");
        args.zip.with_file_name(name)
    });
    let mut skipped = Vec::new();
    let mut written = 0;
    let mut names = HashSet::new();
    signal::finish_current(
        "stopped at once: the file being written may be left as a .dunning-*.tmp",
    );
    for o in outgoing {
        if signal::interrupted() {
            return Err(Error::SendInterrupted {
                done: Text::new("send-done-eml")
                    .num("written", written)
                    .arg("dir", dir.display()),
            });
        }
        let Some(to) = &o.to else {
            skipped.push(o.id.as_str());
            continue;
        };
        let mut name = format!("{}.eml", safe_file_stem(&o.id));
        let mut n = 1;
        while !names.insert(name.clone()) {
            n += 1;
            name = format!("{}-{n}.eml", safe_file_stem(&o.id));
        }
        if args.dry_run {
            println!(
                "{}\t{}\t{}\t{}",
                o.id,
                shown(to),
                o.subject,
                dir.join(&name).display()
            );
            continue;
        }
        if written == 0 {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        let pdf = batch.pdf(&o.entry)?;
        let message = message::build(o, config, to, pdf)?;
        atomic::write(&dir.join(&name), &message.formatted())?;
        written += 1;
    }
    for id in &skipped {
        print_warning(tr("send-no-address", &[("id", (*id).into())]));
    }
    let shown_dir = dir.display().to_string();
    if args.dry_run {
        let counts = [
            ("written", (outgoing.len() - skipped.len()).into()),
            ("dir", shown_dir.as_str().into()),
            ("skipped", skipped.len().into()),
        ];
        eprintln!("{}", tr("send-eml-dry-run", &counts));
        return Ok(());
    }
    let counts = [
        ("written", written.into()),
        ("dir", shown_dir.as_str().into()),
        ("skipped", skipped.len().into()),
    ];
    eprintln!("{}", tr("send-eml-wrote", &counts));
    if skipped.is_empty() {
        Ok(())
    } else {
        Err(Error::Undelivered {
            failed: 0,
            skipped: skipped.len(),
            deferred: 0,
            log: dir,
        })
    }
}

/// What a run did, for its summary line.
#[derive(Default)]
struct Tally {
    sent: usize,
    failed: usize,
    skipped: usize,
    deferred: usize,
    /// Sent by an earlier run: not sent again.
    already: usize,
}

impl Tally {
    fn line(&self, log: &Path) -> String {
        let counts = [
            ("sent", self.sent.into()),
            ("failed", self.failed.into()),
            ("skipped", self.skipped.into()),
            ("deferred", self.deferred.into()),
            ("already", self.already.into()),
            ("log", log.display().to_string().into()),
        ];
        tr("send-summary", &counts)
    }
}

/// Sends every message the log does not show as sent, one connection for all of them.
fn send(
    args: &SendArgs,
    config: &Config,
    batch: &mut Batch,
    outgoing: &[Outgoing],
    mut log: SendLog,
    mut transport: Transport,
) -> Result<()> {
    // Ctrl-C or SIGTERM: the message in hand is finished and logged, then the run stops.
    signal::finish_current(
        "stopped at once: the message in hand may have gone out without its log line (its Message-ID lets an archive drop a second copy)",
    );
    let bar = progress_bar(args.quiet, outgoing.len());
    let interval = args.rate.map(|r| Duration::from_secs_f64(1.0 / r));
    let mut next_slot = Instant::now();
    let mut tally = Tally::default();
    let now = || chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let stop = |tally: &Tally, bar: &indicatif::ProgressBar, log: &SendLog| {
        bar.finish_and_clear();
        eprintln!("{}", tally.line(&log.path));
    };
    for o in outgoing {
        if signal::interrupted() {
            transport.close();
            stop(&tally, &bar, &log);
            return Err(Error::SendInterrupted {
                done: Text::new("send-done-log").arg("log", log.path.display()),
            });
        }
        bar.inc(1);
        let previous = log.latest.get(&o.id).map(|r| r.status);
        match previous {
            Some(Status::Sent) => {
                tally.already += 1;
                continue;
            }
            Some(Status::Failed) if !args.retry_failed => {
                tally.failed += 1;
                continue;
            }
            _ => {}
        }
        let Some(to) = &o.to else {
            if previous != Some(Status::Skipped) {
                log.append(LogRow {
                    id: o.id.clone(),
                    email: String::new(),
                    message_id: o.message_id.clone(),
                    status: Status::Skipped,
                    reply: "no email address".into(),
                    time: now(),
                })?;
            }
            bar.suspend(|| print_warning(tr("send-no-address", &[("id", o.id.as_str().into())])));
            tally.skipped += 1;
            continue;
        };
        if let Some(interval) = interval {
            let wait = next_slot.saturating_duration_since(Instant::now());
            std::thread::sleep(wait);
            next_slot = Instant::now().max(next_slot) + interval;
        }
        let pdf = batch.pdf(&o.entry)?;
        let message = message::build(o, config, to, pdf)?;
        let bytes = message.formatted();
        let (status, reply, lost) = deliver(&mut transport, message.envelope(), &bytes);
        if lost && !transport.ever_connected {
            // Not one connection this run: nothing went out, and nothing is logged.
            stop(&tally, &bar, &log);
            return Err(Error::Unreachable {
                reason: reply,
                sent: 0,
            });
        }
        log.append(LogRow {
            id: o.id.clone(),
            email: to.email.to_string(),
            message_id: o.message_id.clone(),
            status,
            reply: reply.to_string(),
            time: now(),
        })?;
        match status {
            Status::Sent => tally.sent += 1,
            Status::Failed => {
                tally.failed += 1;
                let args = [
                    ("id", o.id.as_str().into()),
                    ("email", to.email.to_string().into()),
                    ("reply", reply.shown().into()),
                ];
                bar.suspend(|| print_warning(tr("send-refused", &args)));
            }
            _ => {
                tally.deferred += 1;
                let args = [
                    ("id", o.id.as_str().into()),
                    ("reply", reply.shown().into()),
                ];
                bar.suspend(|| print_warning(tr("send-deferred", &args)));
            }
        }
        if lost {
            // The server went away and did not come back: the rest waits for the next run.
            transport.close();
            stop(&tally, &bar, &log);
            return Err(Error::Unreachable {
                reason: Text::new("smtp-went-away").part("reply", &reply),
                sent: tally.sent,
            });
        }
    }
    transport.close();
    stop(&tally, &bar, &log);
    if tally.failed + tally.skipped + tally.deferred > 0 {
        return Err(Error::Undelivered {
            failed: tally.failed,
            skipped: tally.skipped,
            deferred: tally.deferred,
            log: log.path.clone(),
        });
    }
    Ok(())
}

/// One message, tried up to [`MAX_TRIES`] times: its status, the server's last reply, and
/// whether the last try found no connection.
fn deliver(
    transport: &mut Transport,
    envelope: &lettre::address::Envelope,
    bytes: &[u8],
) -> (Status, Text, bool) {
    let mut last = (Text::from(String::new()), false);
    for n in 0..MAX_TRIES {
        if n > 0 {
            if signal::interrupted() {
                break;
            }
            std::thread::sleep(backoff(n));
        }
        match transport.send(envelope, bytes) {
            Attempt::Sent(reply) => return (Status::Sent, Text::from(reply), false),
            Attempt::Refused(reply) => return (Status::Failed, Text::from(reply), false),
            Attempt::Temporary(reply) => last = (Text::from(reply), false),
            Attempt::Lost(why) => last = (why, true),
        }
    }
    (Status::Deferred, last.0, last.1)
}
