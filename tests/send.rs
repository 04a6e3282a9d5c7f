//! End-to-end tests of `dunning send` (issue 16, SPEC 9) against a real SMTP server: each
//! test starts its own (mailin-embedded) on 127.0.0.1 — in this process, or, where the
//! server must go away in the middle of a run, in a child process that is killed. The
//! server writes every message it accepted (envelope and data) into a spool folder the
//! test reads back. The batch zips are made by the real binary (`dunning batch`).

mod common;

use common::*;
use mailin_embedded::{AuthMechanism, Handler, Response, SslConfig, response};
use mailparse::{MailHeaderMap, ParsedMail};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// The SMTP server
// ---------------------------------------------------------------------------------------

/// How the test server answers.
#[derive(Clone, Default)]
struct Behaviour {
    /// Recipients refused for good: `550` at RCPT.
    reject: Vec<String>,
    /// Recipients refused for now the first time (`451` at RCPT), accepted after.
    tempfail_once: Vec<String>,
    /// AUTH PLAIN for user `clerk` with this password (offered only with TLS).
    password: Option<String>,
}

/// One session's handler (cloned per connection); the spool and counters are shared.
#[derive(Clone)]
struct Recorder {
    spool: PathBuf,
    /// When the server started: the spool's files of several servers sort in time.
    prefix: String,
    seq: Arc<AtomicUsize>,
    behaviour: Arc<Behaviour>,
    tempfailed: Arc<Mutex<HashSet<String>>>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Recorder {
    fn rcpt(&mut self, to: &str) -> Response {
        let to = to.trim_matches(['<', '>']);
        if self.behaviour.reject.iter().any(|r| r == to) {
            return Response::custom(550, "5.1.1 no such mailbox here".into());
        }
        if self.behaviour.tempfail_once.iter().any(|r| r == to)
            && self.tempfailed.lock().unwrap().insert(to.to_string())
        {
            return Response::custom(451, "4.7.1 greylisted, try again later".into());
        }
        response::OK
    }

    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.from = from.trim_matches(['<', '>']).to_string();
        self.to = to
            .iter()
            .map(|t| t.trim_matches(['<', '>']).to_string())
            .collect();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    /// The message is on disk before the server says 250: what the spool holds was accepted.
    fn data_end(&mut self) -> Response {
        let n = self.seq.fetch_add(1, Ordering::SeqCst);
        let mut bytes = format!("from: {}\nto: {}\n\n", self.from, self.to.join(" ")).into_bytes();
        bytes.extend_from_slice(&self.data);
        let name = format!("{}-{n:06}", self.prefix);
        let tmp = self.spool.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, &bytes).expect("spool");
        std::fs::rename(&tmp, self.spool.join(format!("{name}.msg"))).expect("spool");
        response::OK
    }

    fn auth_plain(&mut self, _authz: &str, user: &str, password: &str) -> Response {
        if user == "clerk" && self.behaviour.password.as_deref() == Some(password) {
            response::AUTH_OK
        } else {
            response::INVALID_CREDENTIALS
        }
    }
}

/// Starts a server on 127.0.0.1 in a thread of this process; `tls`: certificate and key
/// (PEM files) for STARTTLS. Returns its port.
fn serve(spool: &Path, behaviour: Behaviour, tls: Option<(&Path, &Path)>) -> u16 {
    // The test server's rustls needs a process-wide provider (two are compiled in).
    let _ = rustls::crypto::ring::default_provider().install_default();
    std::fs::create_dir_all(spool).expect("spool dir");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let auth = behaviour.password.is_some();
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock");
    let recorder = Recorder {
        spool: spool.to_path_buf(),
        prefix: format!("{:020}", started.as_nanos()),
        seq: Arc::new(AtomicUsize::new(0)),
        behaviour: Arc::new(behaviour),
        tempfailed: Arc::default(),
        from: String::new(),
        to: Vec::new(),
        data: Vec::new(),
    };
    let mut server = mailin_embedded::Server::new(recorder);
    server.with_name("mx.test").with_tcp_listener(listener);
    if let Some((cert, key)) = tls {
        server
            .with_ssl(SslConfig::SelfSigned {
                cert_path: cert.display().to_string(),
                key_path: key.display().to_string(),
            })
            .expect("tls");
    }
    if auth {
        server.with_auth(AuthMechanism::Plain);
    }
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    port
}

const CHILD_SPOOL: &str = "DUNNING_TEST_SMTP_SPOOL";

/// Not a test: the body of the server that `server_in_child` runs in a child process (the
/// test binary again, asked for this function alone), so that it can be killed.
#[test]
fn smtp_server_child() {
    let Some(spool) = std::env::var_os(CHILD_SPOOL) else {
        return;
    };
    let port = serve(Path::new(&spool), Behaviour::default(), None);
    let file = Path::new(&spool).join("port");
    std::fs::write(file.with_extension("tmp"), port.to_string()).expect("port file");
    std::fs::rename(file.with_extension("tmp"), file).expect("port file");
    loop {
        std::thread::sleep(Duration::from_secs(60));
    }
}

/// A server in a child process, and its port.
fn server_in_child(spool: &Path) -> (Child, u16) {
    let child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["smtp_server_child", "--exact", "--test-threads=1"])
        .env(CHILD_SPOOL, spool)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start server");
    let file = spool.join("port");
    wait_for("the server child", Duration::from_secs(30), || {
        file.exists()
    });
    let port = std::fs::read_to_string(&file)
        .expect("port")
        .trim()
        .parse()
        .expect("port");
    (child, port)
}

/// A message as the server received it.
struct Received {
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Received {
    fn parsed(&self) -> ParsedMail<'_> {
        mailparse::parse_mail(&self.data).expect("a MIME message")
    }
    fn header(&self, name: &str) -> String {
        self.parsed()
            .headers
            .get_first_value(name)
            .unwrap_or_default()
    }
    /// The first recipient that is not the archive's blind copy.
    fn debtor(&self) -> &str {
        self.to
            .iter()
            .find(|t| *t != BCC)
            .map_or("", String::as_str)
    }
}

/// Every message in the spool, in the order received.
fn received(spool: &Path) -> Vec<Received> {
    let mut names: Vec<PathBuf> = match std::fs::read_dir(spool) {
        Ok(d) => d
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "msg"))
            .collect(),
        Err(_) => return Vec::new(),
    };
    names.sort();
    names
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("read spool");
            let split = bytes
                .windows(2)
                .position(|w| w == b"\n\n")
                .expect("envelope");
            let head = String::from_utf8(bytes[..split].to_vec()).expect("envelope text");
            let mut lines = head.lines();
            let from = lines
                .next()
                .unwrap_or("")
                .trim_start_matches("from: ")
                .to_string();
            let to = lines
                .next()
                .unwrap_or("")
                .trim_start_matches("to: ")
                .split(' ')
                .map(str::to_string)
                .collect();
            Received {
                from,
                to,
                data: bytes[split + 2..].to_vec(),
            }
        })
        .collect()
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------------------------------
// The batch and the runs
// ---------------------------------------------------------------------------------------

const BCC: &str = "archive@example.cn";

const CONFIG: &str = "\
sender:
  name: 某某物业管理有限公司
  email: finance@example.cn
  phone: 010-12345678
  en: { name: 'Some Property Co., Ltd.' }
mail:
  bcc: archive@example.cn
  reply_to: 应收账款组 <ar@example.cn>
";

/// A debtor row: id, name, title, email, lang.
type Row<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

/// Writes the data and config and makes `b.zip` with the real binary.
fn batch(w: &Workdir, rows: &[Row]) {
    let mut csv = String::from("id,name,title,email,lang,amount_due,due_date\n");
    for (id, name, title, email, lang) in rows {
        csv.push_str(&format!(
            "{id},{name},{title},\"{email}\",{lang},1000,2026-10-01\n"
        ));
    }
    w.write("debtors.csv", csv).write("dunning.yaml", CONFIG);
    w.run(&[
        "batch",
        "debtors.csv",
        "-o",
        "b.zip",
        "--as-of",
        AS_OF,
        "--kind",
        "demand",
        "--quiet",
    ])
    .must_succeed();
}

/// `n` letters, half in English, each with its own address.
fn many(n: usize) -> Vec<(String, String, String)> {
    (1..=n)
        .map(|i| {
            (
                format!("L-{i:03}"),
                format!("debtor{i:03}@example.cn"),
                if i % 2 == 0 { "en" } else { "zh" }.to_string(),
            )
        })
        .collect()
}

fn batch_many(w: &Workdir, n: usize) -> Vec<(String, String, String)> {
    let letters = many(n);
    let rows: Vec<Row> = letters
        .iter()
        .map(|(id, email, lang)| (id.as_str(), "客户", "", email.as_str(), lang.as_str()))
        .collect();
    batch(w, &rows);
    letters
}

/// The binary with `args` in the work directory, the password in the environment if any.
fn command(w: &Workdir, args: &[&str], password: Option<&str>) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dunning"));
    cmd.args(args)
        .current_dir(w.root())
        .env_remove("RUST_BACKTRACE")
        .env_remove("DUNNING_SMTP_PASSWORD")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    if let Some(p) = password {
        cmd.env("DUNNING_SMTP_PASSWORD", p);
    }
    cmd
}

fn send(w: &Workdir, args: &[&str]) -> Output {
    send_with(w, args, None)
}

fn send_with(w: &Workdir, args: &[&str], password: Option<&str>) -> Output {
    let mut all = vec!["send", "b.zip"];
    all.extend_from_slice(args);
    command(w, &all, password)
        .output()
        .expect("run dunning send")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn plain_url(port: u16) -> String {
    format!("smtp://127.0.0.1:{port}?tls=none")
}

/// The send log's lines (header first), without the BOM.
fn log_lines(w: &Workdir) -> Vec<String> {
    if !w.exists("b.zip.sent.csv") {
        return Vec::new();
    }
    w.read_text("b.zip.sent.csv")
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::to_string)
        .collect()
}

/// The latest status of each id in the log.
fn log_status(w: &Workdir) -> BTreeMap<String, String> {
    let (_, rows) = csv_rows(&w.read("b.zip.sent.csv"), "send log");
    rows.iter()
        .map(|r| (cell(r, "id").to_string(), cell(r, "status").to_string()))
        .collect()
}

fn zip_sha256(w: &Workdir) -> String {
    Sha256::digest(w.read("b.zip"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

const THREE: [Row; 3] = [
    ("A-1", "张三", "先生", "zs@example.cn", "zh"),
    (
        "B-2",
        "Acme Trading Ltd",
        "",
        "Accounts Payable <ap@acme.example>",
        "en",
    ),
    ("C-3", "李四", "女士", "", "zh"),
];

#[test]
fn delivers_each_letter_with_its_pdf_then_a_second_run_sends_nothing() {
    let w = Workdir::new();
    batch(&w, &THREE);
    let spool = w.path("spool");
    let port = serve(&spool, Behaviour::default(), None);
    let url = plain_url(port);

    let first = send(&w, &["--smtp", &url]);
    // C-3 has no address: skipped, so not every letter went out.
    assert_eq!(code(&first), 3, "{}", stderr(&first));
    let err = stderr(&first);
    assert!(
        err.contains("warning: C-3: no email address: skipped"),
        "{err}"
    );
    assert!(
        err.contains("sent 2, failed 0, skipped 1, deferred 0 (already sent before: 0)"),
        "{err}"
    );

    let mail = received(&spool);
    assert_eq!(mail.len(), 2);
    let zip = w.zip_entries("b.zip");
    let sha = zip_sha256(&w);
    for (m, id, debtor, to_name, subject, pdf) in [
        (
            &mail[0],
            "A-1",
            "zs@example.cn",
            "张三",
            "【某某物业管理有限公司】催款通知书（编号 A-1）",
            "letters/A-1-demand.pdf",
        ),
        (
            &mail[1],
            "B-2",
            "ap@acme.example",
            "Accounts Payable",
            "Some Property Co., Ltd.: Payment demand (ref. B-2)",
            "letters/B-2-demand.pdf",
        ),
    ] {
        // Envelope: from the sender, to the debtor and the archive's blind copy.
        assert_eq!(m.from, "finance@example.cn");
        assert_eq!(m.to, [debtor, BCC], "{id}");
        // Headers, decoded (Chinese names and subjects travel RFC 2047-encoded).
        let raw = String::from_utf8_lossy(&m.data);
        assert!(raw.is_ascii(), "{id}: raw 8-bit text in the message");
        assert!(!raw.contains("Bcc:"), "{id}: the blind copy shows");
        assert!(raw.contains("=?utf-8?"), "{id}: no RFC 2047 header");
        assert_eq!(m.header("Subject"), subject);
        let from = m.header("From");
        assert!(from.contains("finance@example.cn"), "{from}");
        let to = m.header("To");
        assert!(to.contains(to_name) && to.contains(debtor), "{to}");
        let reply_to = m.header("Reply-To");
        assert!(
            reply_to.contains("应收账款组") && reply_to.contains("ar@example.cn"),
            "{reply_to}"
        );
        assert_eq!(
            m.header("Message-ID"),
            format!("<{}.{id}@example.cn>", &sha[..16])
        );
        // The body in the letter's language, and the PDF byte for byte under its name.
        let parsed = m.parsed();
        assert_eq!(parsed.subparts.len(), 2, "{id}");
        let body = parsed.subparts[0].get_body().expect("body");
        if id == "A-1" {
            assert!(
                body.contains("张三：") && body.contains("1,026.50"),
                "{body}"
            );
        } else {
            assert!(body.contains("Dear Acme Trading Ltd,"), "{body}");
        }
        let attachment = &parsed.subparts[1];
        assert_eq!(attachment.ctype.mimetype, "application/pdf");
        let disposition = attachment.get_content_disposition();
        assert_eq!(
            disposition.params.get("filename").map(String::as_str),
            Some(&pdf["letters/".len()..])
        );
        assert_eq!(
            attachment.get_body_raw().expect("pdf"),
            entry(&zip, pdf),
            "{id}"
        );
    }

    let lines = log_lines(&w);
    // For the record (`--nocapture`): what a run against the test server says and logs.
    eprintln!("send: {}\nlog:\n{}", err.trim_end(), lines.join("\n"));
    assert_eq!(lines[0], "id,email,message_id,status,reply,time");
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines[1].starts_with(&format!(
            "A-1,zs@example.cn,<{}.A-1@example.cn>,sent,250 ",
            &sha[..16]
        )),
        "{lines:?}"
    );
    assert!(lines[2].starts_with("B-2,ap@acme.example,"), "{lines:?}");
    assert!(
        lines[3].starts_with(&format!(
            "C-3,,<{}.C-3@example.cn>,skipped,no email address,",
            &sha[..16]
        )),
        "{lines:?}"
    );

    // The second run sends nothing, and logs nothing new.
    let second = send(&w, &["--smtp", &url]);
    assert_eq!(code(&second), 3);
    assert!(
        stderr(&second)
            .contains("sent 0, failed 0, skipped 1, deferred 0 (already sent before: 2)"),
        "{}",
        stderr(&second)
    );
    assert_eq!(received(&spool).len(), 2);
    assert_eq!(log_lines(&w), lines);

    // One letter again, on purpose: a log of its own (README "Sending by email").
    let again = send(
        &w,
        &["--smtp", &url, "--only", "A-1", "--log", "resend-A-1.csv"],
    );
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let mail = received(&spool);
    assert_eq!(mail.len(), 3);
    assert_eq!(mail[2].debtor(), "zs@example.cn");
    // The same Message-ID: an archive that keeps one copy per id keeps one.
    assert_eq!(mail[2].header("Message-ID"), mail[0].header("Message-ID"));
}

#[test]
fn a_550_fails_that_letter_only_and_retry_failed_tries_it_again() {
    let w = Workdir::new();
    let letters = batch_many(&w, 4);
    let spool = w.path("spool");
    let behaviour = Behaviour {
        reject: vec![letters[1].1.clone()],
        ..Behaviour::default()
    };
    let url = plain_url(serve(&spool, behaviour, None));
    let first = send(&w, &["--smtp", &url]);
    assert_eq!(code(&first), 3, "{}", stderr(&first));
    let err = stderr(&first);
    assert!(
        err.contains("sent 3, failed 1, skipped 0, deferred 0"),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: L-002: debtor002@example.cn refused: 550 5.1.1 no such mailbox here"
        ),
        "{err}"
    );
    let got: Vec<String> = received(&spool)
        .iter()
        .map(|m| m.debtor().to_string())
        .collect();
    assert_eq!(
        got,
        [
            letters[0].1.clone(),
            letters[2].1.clone(),
            letters[3].1.clone()
        ]
    );
    let lines = log_lines(&w);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("L-002,debtor002@example.cn,")
                && l.contains(",failed,550 5.1.1 no such mailbox here,")),
        "{lines:?}"
    );

    // Not retried unless asked; then tried again (and refused again).
    let second = send(&w, &["--smtp", &url]);
    assert_eq!(code(&second), 3);
    assert!(
        stderr(&second)
            .contains("sent 0, failed 1, skipped 0, deferred 0 (already sent before: 3)"),
        "{}",
        stderr(&second)
    );
    assert_eq!(log_lines(&w).len(), lines.len());
    let third = send(&w, &["--smtp", &url, "--retry-failed"]);
    assert_eq!(code(&third), 3);
    assert_eq!(log_lines(&w).len(), lines.len() + 1);
    assert_eq!(received(&spool).len(), 3);
}

#[test]
fn a_451_is_retried_and_then_sent() {
    let w = Workdir::new();
    let letters = batch_many(&w, 3);
    let spool = w.path("spool");
    let behaviour = Behaviour {
        tempfail_once: vec![letters[0].1.clone()],
        ..Behaviour::default()
    };
    let url = plain_url(serve(&spool, behaviour, None));
    let run = send(&w, &["--smtp", &url]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("sent 3, failed 0, skipped 0, deferred 0"),
        "{}",
        stderr(&run)
    );
    let got: Vec<String> = received(&spool)
        .iter()
        .map(|m| m.debtor().to_string())
        .collect();
    assert_eq!(
        got,
        [
            letters[0].1.clone(),
            letters[1].1.clone(),
            letters[2].1.clone()
        ]
    );
    // One line per message: its outcome.
    assert_eq!(log_lines(&w).len(), 4);
    assert!(log_status(&w).values().all(|s| s == "sent"));
}

/// Deliveries per debtor address.
fn deliveries(spool: &Path) -> BTreeMap<String, usize> {
    let mut count = BTreeMap::new();
    for m in received(spool) {
        *count.entry(m.debtor().to_string()).or_insert(0) += 1;
    }
    count
}

#[test]
fn killed_with_sigkill_then_run_again_every_letter_arrives_once() {
    let w = Workdir::new();
    let letters = batch_many(&w, 100);
    let spool = w.path("spool");
    let url = plain_url(serve(&spool, Behaviour::default(), None));
    let mut child = command(&w, &["send", "b.zip", "--smtp", &url, "--rate", "40"], None)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn send");
    wait_for("30 messages", Duration::from_secs(60), || {
        received(&spool).len() >= 30
    });
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    let at_kill = received(&spool).len();
    assert!(at_kill < 100, "the run finished before it was killed");

    let rerun = send(&w, &["--smtp", &url]);
    assert_eq!(code(&rerun), 0, "{}", stderr(&rerun));
    let count = deliveries(&spool);
    let twice: Vec<_> = count.iter().filter(|(_, n)| **n > 1).collect();
    eprintln!(
        "kill and resume: {} letters, killed after {at_kill} deliveries, {} delivered in all, {} delivered twice",
        letters.len(),
        received(&spool).len(),
        twice.len()
    );
    for (_, email, _) in &letters {
        assert!(count.contains_key(email), "{email} never delivered");
    }
    assert!(count.values().all(|n| *n <= 2), "{count:?}");
    assert!(twice.len() <= 1, "delivered twice: {twice:?}");
    let status = log_status(&w);
    assert_eq!(status.len(), 100);
    assert!(status.values().all(|s| s == "sent"), "{status:?}");
}

#[test]
fn the_server_going_away_mid_run_exits_4_and_the_rerun_sends_the_rest() {
    let w = Workdir::new();
    let letters = batch_many(&w, 30);
    let spool = w.path("spool");
    let (mut server, port) = server_in_child(&spool);
    let send_run = command(
        &w,
        &["send", "b.zip", "--smtp", &plain_url(port), "--rate", "20"],
        None,
    )
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .expect("spawn send");
    wait_for("5 messages", Duration::from_secs(60), || {
        received(&spool).len() >= 5
    });
    server.kill().expect("kill the server");
    server.wait().expect("reap");
    let out = send_run.wait_with_output().expect("send ends");
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("the server went away during the run"), "{err}");
    assert!(
        err.contains("run the same command again to send the rest"),
        "{err}"
    );
    let before = received(&spool).len();
    assert!(before < 30);
    let status = log_status(&w);
    let sent = status.values().filter(|s| *s == "sent").count();
    assert!(
        sent <= before && sent + 1 >= before,
        "sent {sent}, received {before}"
    );
    assert_eq!(
        status.values().filter(|s| *s == "deferred").count(),
        1,
        "{status:?}"
    );

    // Another server (the same spool); the rerun sends what is not `sent`.
    let port = serve(&spool, Behaviour::default(), None);
    let rerun = send(&w, &["--smtp", &plain_url(port)]);
    assert_eq!(code(&rerun), 0, "{}", stderr(&rerun));
    let count = deliveries(&spool);
    for (_, email, _) in &letters {
        assert!(count.contains_key(email), "{email} never delivered");
    }
    assert!(count.values().filter(|n| **n > 1).count() <= 1, "{count:?}");
}

#[test]
fn no_server_at_all_exits_4_and_logs_nothing() {
    let w = Workdir::new();
    batch_many(&w, 2);
    // A port nobody listens on: bound, then closed.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let run = send(&w, &["--smtp", &plain_url(port)]);
    assert_eq!(code(&run), 4, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("cannot connect to smtp://127.0.0.1"),
        "{}",
        stderr(&run)
    );
    assert!(
        stderr(&run).contains("hint: nothing was sent"),
        "{}",
        stderr(&run)
    );
    assert_eq!(log_lines(&w).len(), 1, "{:?}", log_lines(&w));
}

/// A CA and a certificate it issued for 127.0.0.1, written as PEM files: ca.pem,
/// server.pem, server.key.
fn certificates(w: &Workdir) {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "dunning test CA");
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    params
        .subject_alt_names
        .push(rcgen::SanType::IpAddress(IpAddr::from([127, 0, 0, 1])));
    let cert = params.signed_by(&key, &ca).unwrap();
    w.write("ca.pem", ca.pem())
        .write("server.pem", cert.pem())
        .write("server.key", key.serialize_pem());
}

#[test]
fn tls_with_an_unknown_ca_is_refused_and_accepted_with_ca() {
    let w = Workdir::new();
    batch_many(&w, 2);
    certificates(&w);
    let spool = w.path("spool");
    let behaviour = Behaviour {
        password: Some("s3cret".into()),
        ..Behaviour::default()
    };
    let port = serve(
        &spool,
        behaviour,
        Some((&w.path("server.pem"), &w.path("server.key"))),
    );
    let url = format!("smtp://clerk@127.0.0.1:{port}?tls=required");

    let refused = send_with(&w, &["--smtp", &url], Some("s3cret"));
    assert_eq!(code(&refused), 4, "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("certificate"),
        "{}",
        stderr(&refused)
    );
    assert!(received(&spool).is_empty());

    let bad_login = send_with(&w, &["--smtp", &url, "--ca", "ca.pem"], Some("wrong"));
    assert_eq!(code(&bad_login), 4, "{}", stderr(&bad_login));
    assert!(
        stderr(&bad_login).contains("refused the login"),
        "{}",
        stderr(&bad_login)
    );
    assert!(received(&spool).is_empty());

    let no_password = send_with(&w, &["--smtp", &url, "--ca", "ca.pem"], None);
    assert_eq!(code(&no_password), 2, "{}", stderr(&no_password));
    assert!(stderr(&no_password).contains("DUNNING_SMTP_PASSWORD is not set"));

    let accepted = send_with(&w, &["--smtp", &url, "--ca", "ca.pem"], Some("s3cret"));
    assert_eq!(code(&accepted), 0, "{}", stderr(&accepted));
    assert_eq!(received(&spool).len(), 2);
    assert!(log_status(&w).values().all(|s| s == "sent"));
}

/// How long the TLS front of `smtps_front` lives, and each connection through it.
const FRONT_LIFE: Duration = Duration::from_secs(120);

/// An implicit-TLS front (`smtps://`, port 465 style) on 127.0.0.1: accepts TCP, does the
/// TLS handshake with server.pem and server.key (rustls, ring), then copies the bytes both
/// ways to the plain SMTP server on `backend`. Returns its port and the number of TLS
/// handshakes completed. Threads, each bounded by `FRONT_LIFE`.
fn smtps_front(w: &Workdir, backend: u16) -> (u16, Arc<AtomicUsize>) {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let cert = CertificateDer::from_pem_slice(&w.read("server.pem")).expect("server.pem");
    let key = PrivateKeyDer::from_pem_slice(&w.read("server.key")).expect("server.key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocol versions")
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .expect("server certificate");
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    listener.set_nonblocking(true).expect("nonblocking");
    let handshakes = Arc::new(AtomicUsize::new(0));
    let done = Arc::clone(&handshakes);
    std::thread::spawn(move || {
        let end = Instant::now() + FRONT_LIFE;
        while Instant::now() < end {
            match listener.accept() {
                Ok((client, _)) => {
                    let (config, done) = (Arc::clone(&config), Arc::clone(&done));
                    std::thread::spawn(move || {
                        let _ = relay(client, backend, config, &done);
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(_) => return,
            }
        }
    });
    (port, handshakes)
}

/// One connection of the front: the handshake, then TLS ⇄ plain until either side closes.
/// Short read timeouts on both sockets let one thread serve both directions.
fn relay(
    client: std::net::TcpStream,
    backend: u16,
    config: Arc<rustls::ServerConfig>,
    handshakes: &AtomicUsize,
) -> std::io::Result<()> {
    use std::io::{ErrorKind, Read, Write};
    let end = Instant::now() + FRONT_LIFE;
    let idle = |e: &std::io::Error| matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut);
    client.set_nonblocking(false)?;
    client.set_read_timeout(Some(Duration::from_millis(10)))?;
    let mut conn = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut client = client;
    while conn.is_handshaking() {
        if Instant::now() > end {
            return Err(ErrorKind::TimedOut.into());
        }
        match conn.complete_io(&mut client) {
            Ok(_) => {}
            Err(e) if idle(&e) => {}
            // An untrusted certificate: the client sends an alert and hangs up.
            Err(e) => return Err(e),
        }
    }
    handshakes.fetch_add(1, Ordering::SeqCst);
    let mut plain = std::net::TcpStream::connect(("127.0.0.1", backend))?;
    plain.set_read_timeout(Some(Duration::from_millis(10)))?;
    let mut tls = rustls::StreamOwned::new(conn, client);
    let mut buf = vec![0u8; 64 * 1024];
    while Instant::now() < end {
        match tls.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => plain.write_all(&buf[..n])?,
            Err(e) if idle(&e) => {}
            Err(e) => return Err(e),
        }
        match plain.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                tls.write_all(&buf[..n])?;
                tls.flush()?;
            }
            Err(e) if idle(&e) => {}
            Err(e) => return Err(e),
        }
    }
    tls.conn.send_close_notify();
    let _ = tls.flush();
    Ok(())
}

#[test]
fn smtps_delivers_through_implicit_tls_with_the_ca() {
    let w = Workdir::new();
    let letters = batch_many(&w, 2);
    certificates(&w);
    let spool = w.path("spool");
    let backend = serve(&spool, Behaviour::default(), None);
    let (port, handshakes) = smtps_front(&w, backend);
    let url = format!("smtps://127.0.0.1:{port}");

    let run = send(&w, &["--smtp", &url, "--ca", "ca.pem"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("sent 2, failed 0, skipped 0, deferred 0"),
        "{}",
        stderr(&run)
    );
    // Through the front: TLS from the first byte (the plain server's port was never given).
    assert!(handshakes.load(Ordering::SeqCst) >= 1);
    let mail = received(&spool);
    assert_eq!(mail.len(), 2);
    let zip = w.zip_entries("b.zip");
    for (m, (id, email, _)) in mail.iter().zip(&letters) {
        assert_eq!(m.from, "finance@example.cn", "{id}");
        assert_eq!(m.to, [email.as_str(), BCC], "{id}");
        assert_eq!(m.debtor(), email);
        let parsed = m.parsed();
        assert_eq!(parsed.subparts.len(), 2, "{id}");
        let attachment = &parsed.subparts[1];
        assert_eq!(attachment.ctype.mimetype, "application/pdf");
        let pdf = format!("letters/{id}-demand.pdf");
        assert_eq!(
            attachment.get_content_disposition().params.get("filename"),
            Some(&format!("{id}-demand.pdf"))
        );
        assert_eq!(
            attachment.get_body_raw().expect("pdf"),
            entry(&zip, &pdf),
            "{id}"
        );
    }
    let status = log_status(&w);
    assert_eq!(
        status.keys().collect::<Vec<_>>(),
        letters.iter().map(|(id, _, _)| id).collect::<Vec<_>>()
    );
    assert!(status.values().all(|s| s == "sent"), "{status:?}");
}

#[test]
fn smtps_with_an_untrusted_certificate_sends_nothing() {
    let w = Workdir::new();
    batch_many(&w, 2);
    certificates(&w);
    let spool = w.path("spool");
    let backend = serve(&spool, Behaviour::default(), None);
    let (port, handshakes) = smtps_front(&w, backend);
    let url = format!("smtps://127.0.0.1:{port}");

    let run = send(&w, &["--smtp", &url]);
    assert_eq!(code(&run), 4, "{}", stderr(&run));
    // The certificate is refused in the handshake, before any SMTP: a server that cannot
    // be reached (exit 4), with rustls's reason.
    assert_eq!(
        stderr(&run),
        format!(
            "sent 0, failed 0, skipped 0, deferred 0 (already sent before: 0); log: b.zip.sent.csv\n\
             error: cannot connect to smtps://127.0.0.1:{port}: network error: invalid peer certificate: UnknownIssuer\n\
             hint: nothing was sent\n"
        )
    );
    assert_eq!(handshakes.load(Ordering::SeqCst), 0);
    assert!(received(&spool).is_empty());
    // The log has its header and no line: nothing was sent, nothing deferred.
    assert_eq!(log_lines(&w).len(), 1, "{:?}", log_lines(&w));
}

#[test]
fn tls_required_refuses_a_server_without_starttls() {
    let w = Workdir::new();
    batch_many(&w, 1);
    let spool = w.path("spool");
    let port = serve(&spool, Behaviour::default(), None);
    let run = send(
        &w,
        &["--smtp", &format!("smtp://127.0.0.1:{port}?tls=required")],
    );
    assert_eq!(code(&run), 4, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("does not offer STARTTLS"),
        "{}",
        stderr(&run)
    );
    assert!(received(&spool).is_empty());
    // Clear text only to this machine.
    let run = send(&w, &["--smtp", "smtp://mail.example.cn?tls=none"]);
    assert_eq!(code(&run), 2, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("only for a relay on this machine"),
        "{}",
        stderr(&run)
    );
}

/// Rewrites b.zip with `change` applied to every entry (name, bytes) → bytes.
fn rewrite_zip(w: &Workdir, change: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    use std::io::Write;
    let entries = w.zip_entries("b.zip");
    let file = std::fs::File::create(w.path("b.zip")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&change(&name, bytes)).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_bad_zip_or_a_bad_address_sends_nothing() {
    let w = Workdir::new();
    let spool = w.path("spool");
    let url = plain_url(serve(&spool, Behaviour::default(), None));

    // A letter changed after the batch.
    batch_many(&w, 3);
    rewrite_zip(&w, |name, mut bytes| {
        if name == "letters/L-002-demand.pdf" {
            bytes.extend_from_slice(b"%% changed");
        }
        bytes
    });
    let run = send(&w, &["--smtp", &url]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    assert!(stderr(&run).contains("b.zip:manifest.csv:3: sha256: L-002: letters/L-002-demand.pdf does not match its sha256"), "{}", stderr(&run));

    // A letter missing.
    batch_many(&w, 3);
    let entries = w.zip_entries("b.zip");
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::fs::File::create(w.path("b.zip")).unwrap());
        for (name, bytes) in entries
            .iter()
            .filter(|(n, _)| n != "letters/L-001-demand.pdf")
        {
            zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    let run = send(&w, &["--smtp", &url]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("L-001: letters/L-001-demand.pdf is not in the zip"),
        "{}",
        stderr(&run)
    );

    // A manifest from before `send` (no email column).
    batch_many(&w, 2);
    rewrite_zip(&w, |name, bytes| {
        if name != "manifest.csv" {
            return bytes;
        }
        let text = String::from_utf8(bytes).unwrap();
        text.lines()
            .map(|l| l.rsplit_once(',').unwrap().0.to_string() + "\n")
            .collect::<String>()
            .into_bytes()
    });
    let run = send(&w, &["--smtp", &url]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    assert!(
        stderr(&run).contains(
            "no email column (a zip made before `dunning send` existed: run the batch again)"
        ),
        "{}",
        stderr(&run)
    );

    // Not a zip at all.
    w.write("b.zip", "id,name\n1,2\n");
    let run = send(&w, &["--smtp", &url]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("b.zip: not a zip"),
        "{}",
        stderr(&run)
    );

    // Addresses that are not mailboxes, one of them a header injection.
    batch(
        &w,
        &[
            ("A-1", "张三", "先生", "zs@example.cn", "zh"),
            ("B-2", "李四", "先生", "not an address", "zh"),
            ("C-3", "王五", "先生", "a@b.cn>\r\nBcc: x@y.cn", "zh"),
        ],
    );
    let run = send(&w, &["--smtp", &url]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("manifest.csv:3: email: B-2: \"not an address\" is not an email address"),
        "{err}"
    );
    assert!(err.contains("email: C-3: "), "{err}");
    assert!(received(&spool).is_empty());
    assert!(!w.exists("b.zip.sent.csv"));
}

#[test]
fn eml_by_default_and_dry_run_write_and_send_nothing_else() {
    let w = Workdir::new();
    batch(&w, &THREE);
    let spool = w.path("spool");
    let url = plain_url(serve(&spool, Behaviour::default(), None));

    let dry = send(&w, &["--smtp", &url, "--dry-run"]);
    assert_eq!(code(&dry), 0, "{}", stderr(&dry));
    let lines: Vec<String> = stdout(&dry).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("A-1\t张三 <zs@example.cn>\t【某某物业管理有限公司】催款通知书（编号 A-1）\tA-1-demand.pdf"), "{lines:?}");
    assert!(received(&spool).is_empty());
    assert!(!w.exists("b.zip.sent.csv"));

    // Without --smtp: .eml files beside the zip, no log.
    let eml = send(&w, &[]);
    assert_eq!(code(&eml), 3, "{}", stderr(&eml));
    assert_eq!(w.list("b-mail"), ["A-1.eml", "B-2.eml"]);
    assert!(!w.exists("b.zip.sent.csv"));
    let raw = w.read("b-mail/A-1.eml");
    let m = mailparse::parse_mail(&raw).unwrap();
    assert_eq!(
        m.headers.get_first_value("Subject").unwrap(),
        "【某某物业管理有限公司】催款通知书（编号 A-1）"
    );
    assert_eq!(
        m.subparts[1].get_body_raw().unwrap(),
        entry(&w.zip_entries("b.zip"), "letters/A-1-demand.pdf")
    );

    let only = send(
        &w,
        &[
            "--eml",
            "out",
            "--only",
            "B-2",
            "--from",
            "催收组 <collect@example.cn>",
        ],
    );
    assert_eq!(code(&only), 0, "{}", stderr(&only));
    assert_eq!(w.list("out"), ["B-2.eml"]);
    let raw = w.read("out/B-2.eml");
    let m = mailparse::parse_mail(&raw).unwrap();
    assert_eq!(
        m.headers.get_first_value("From").unwrap(),
        "催收组 <collect@example.cn>"
    );
    let unknown = send(&w, &["--eml", "out", "--only", "Z-9"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("--only Z-9: no such letter in b.zip"));
}

#[test]
fn ctrl_c_stops_after_the_current_message_with_130() {
    let w = Workdir::new();
    batch_many(&w, 20);
    let spool = w.path("spool");
    let url = plain_url(serve(&spool, Behaviour::default(), None));
    let child = command(&w, &["send", "b.zip", "--smtp", &url, "--rate", "10"], None)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn send");
    wait_for("3 messages", Duration::from_secs(60), || {
        received(&spool).len() >= 3
    });
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().expect("send ends");
    assert_eq!(code(&out), 130, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("interrupted: what was sent is in b.zip.sent.csv"),
        "{}",
        stderr(&out)
    );
    let got = received(&spool).len();
    assert!(got < 20);
    // Every message the server took is in the log, and nothing else.
    let status = log_status(&w);
    assert_eq!(status.len(), got, "{status:?}");
    assert!(status.values().all(|s| s == "sent"));
}

#[test]
fn a_log_of_another_zip_is_refused() {
    let w = Workdir::new();
    batch_many(&w, 2);
    let spool = w.path("spool");
    let url = plain_url(serve(&spool, Behaviour::default(), None));
    assert_eq!(code(&send(&w, &["--smtp", &url])), 0);
    std::fs::rename(w.path("b.zip.sent.csv"), w.path("old.csv")).unwrap();
    // Another run (a different date): another zip.
    w.run(&[
        "batch",
        "debtors.csv",
        "-o",
        "b.zip",
        "--as-of",
        "2026-11-24",
        "--kind",
        "demand",
        "--quiet",
    ])
    .must_succeed();
    let run = send(&w, &["--smtp", &url, "--log", "old.csv"]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("old.csv:2: message_id: L-001: "),
        "{}",
        stderr(&run)
    );
    assert!(
        stderr(&run).contains("this log belongs to another zip"),
        "{}",
        stderr(&run)
    );
    assert_eq!(received(&spool).len(), 2);
}

#[test]
fn mail_txt_is_listed_exported_and_checked_and_a_template_error_sends_nothing() {
    let w = Workdir::new();
    batch(&w, &THREE);
    let spool = w.path("spool");
    let url = plain_url(serve(&spool, Behaviour::default(), None));
    let list = w.run(&["templates", "list"]).must_succeed();
    assert!(
        list.stdout()
            .lines()
            .any(|l| l.starts_with("mail ") && l.contains("zh,en")),
        "{}",
        list.stdout()
    );
    w.run(&["templates", "export", "tpl"]).must_succeed();
    assert!(w.exists("tpl/zh/mail.txt") && w.exists("tpl/en/mail.txt"));
    w.write("tpl/zh/mail.txt", "{{ no_such_value }}\nbody\n");
    let run = send(&w, &["--smtp", &url, "--templates", "tpl"]);
    assert_eq!(code(&run), 1, "{}", stderr(&run));
    assert!(
        stderr(&run).contains("tpl/zh/mail.txt:1:"),
        "{}",
        stderr(&run)
    );
    assert!(received(&spool).is_empty());
    assert!(!w.exists("b.zip.sent.csv"));
    let check = w.run(&[
        "check",
        "debtors.csv",
        "--templates",
        "tpl",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(check.code(), Some(1));
    assert!(
        check.stdout().contains("tpl/zh/mail.txt:1:"),
        "{}",
        check.stdout()
    );

    // check also names an address send would refuse, at its row.
    w.write(
        "bad.csv",
        "id,name,email,amount_due,due_date\nA-1,张三,zs@example.cn,1000,2026-10-01\nB-2,李四,not an address,1000,2026-10-01\n",
    );
    let check = w.run(&["check", "bad.csv", "--as-of", AS_OF]);
    assert_eq!(check.code(), Some(1));
    assert!(
        check
            .stdout()
            .contains("bad.csv:3: email: \"not an address\" is not an email address"),
        "{}",
        check.stdout()
    );
}

#[test]
fn the_manifest_carries_the_email_and_merged_shards_keep_it_byte_identical() {
    let w = Workdir::new();
    let letters = batch_many(&w, 6);
    let (header, rows) = csv_rows(entry(&w.zip_entries("b.zip"), "manifest.csv"), "manifest");
    assert_eq!(header.last().map(String::as_str), Some("email"));
    let emails: Vec<&str> = rows.iter().map(|r| cell(r, "email")).collect();
    let expected: Vec<&str> = letters.iter().map(|(_, e, _)| e.as_str()).collect();
    assert_eq!(emails, expected);
    let run = |args: &[&str]| {
        let mut all = vec![
            "batch",
            "debtors.csv",
            "--as-of",
            AS_OF,
            "--kind",
            "demand",
            "--quiet",
        ];
        all.extend_from_slice(args);
        w.run(&all).must_succeed();
    };
    run(&["--shard", "1/2", "-o", "s1.zip"]);
    run(&["--shard", "2/2", "-o", "s2.zip"]);
    w.run(&["merge", "s2.zip", "s1.zip", "-o", "merged.zip"])
        .must_succeed();
    assert!(
        w.read("merged.zip") == w.read("b.zip"),
        "merged zip differs from the full run"
    );
}
