//! The SMTP connection of `send`: `smtp://` (STARTTLS when offered; `?tls=required`
//! insists), `smtps://` (TLS from the start), `?tls=none` (a relay on this machine only);
//! certificates verified against the system's roots and `--ca FILE`; AUTH with the user of
//! the URL and the password of `DUNNING_SMTP_PASSWORD`. One connection carries every
//! message; a lost one is reopened by the next try.

use crate::error::{Error, Result};
use crate::messages::Text;
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

/// The environment variable that holds the SMTP password (never the command line).
pub const PASSWORD_ENV: &str = "DUNNING_SMTP_PASSWORD";

/// How long one SMTP command may wait for the server.
const TIMEOUT: Duration = Duration::from_secs(60);

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// STARTTLS if the server offers it; `required`: refuse to go on without it.
    StartTls { required: bool },
    /// TLS from the first byte (`smtps://`).
    Wrapper,
    /// Plain text (`?tls=none`, loopback only).
    None,
}

/// A checked `--smtp URL`.
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The URL without its user, for messages and the summary.
    pub shown: String,
    credentials: Option<Credentials>,
    tls: Option<TlsParameters>,
}

impl Endpoint {
    /// Parses `--smtp URL` with `--ca FILE` and the password from `password` (the
    /// environment's); every mistake is a usage error (exit 2), found before the zip is read.
    pub fn parse(text: &str, ca: Option<&Path>, password: Option<String>) -> Result<Endpoint> {
        let usage =
            |m: Text| Error::UsageText(Text::new("smtp-url").arg("url", text).part("why", &m));
        let url =
            url::Url::parse(text).map_err(|e| usage(Text::new("smtp-url-bad").arg("error", e)))?;
        let wrapper = match url.scheme() {
            "smtp" => false,
            "smtps" => true,
            other => return Err(usage(Text::new("smtp-scheme").arg("scheme", other))),
        };
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| usage(Text::new("smtp-no-host")))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let port = url.port().unwrap_or(if wrapper { 465 } else { 25 });
        let mut security = if wrapper {
            Security::Wrapper
        } else {
            Security::StartTls { required: false }
        };
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "required") if !wrapper => security = Security::StartTls { required: true },
                ("tls", "required") => {}
                ("tls", "none") if wrapper => {
                    return Err(usage(Text::new("smtp-tls-conflict")));
                }
                ("tls", "none") => {
                    if !is_loopback(&host) {
                        return Err(usage(Text::new("smtp-clear-text").arg("host", &host)));
                    }
                    security = Security::None;
                }
                ("tls", "starttls") => {}
                ("tls", other) => {
                    return Err(usage(Text::new("smtp-tls-value").arg("value", other)));
                }
                (other, _) => {
                    return Err(usage(
                        Text::new("smtp-parameter").arg("name", format!("{other:?}")),
                    ));
                }
            }
        }
        if url.password().is_some() {
            return Err(usage(
                Text::new("smtp-password-in-url").arg("env", PASSWORD_ENV),
            ));
        }
        let user = percent_decode(url.username());
        let credentials = match (user.is_empty(), password) {
            (true, _) => None,
            (false, Some(p)) => Some(Credentials::new(user.clone(), p)),
            (false, None) => {
                return Err(usage(
                    Text::new("smtp-no-password")
                        .arg("user", format!("{user:?}"))
                        .arg("env", PASSWORD_ENV),
                ));
            }
        };
        let tls = match security {
            Security::None => None,
            _ => {
                let mut b = TlsParameters::builder(host.clone());
                if let Some(ca) = ca {
                    let pem = std::fs::read(ca).map_err(|e| match e.kind() {
                        std::io::ErrorKind::NotFound => Error::not_found(&ca.display().to_string()),
                        _ => Error::io(ca, e),
                    })?;
                    let cert = Certificate::from_pem(&pem).map_err(|e| {
                        Error::UsageText(
                            Text::new("smtp-ca-not-pem")
                                .arg("path", ca.display())
                                .arg("error", e),
                        )
                    })?;
                    b = b.add_root_certificate(cert);
                }
                Some(
                    b.build_rustls()
                        .map_err(|e| Error::Internal(format!("TLS setup: {e}")))?,
                )
            }
        };
        let shown = format!(
            "{}://{}:{port}",
            url.scheme(),
            url.host_str().unwrap_or(&host)
        );
        Ok(Endpoint {
            host,
            port,
            security,
            shown,
            credentials,
            tls,
        })
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `fin%40corp` → `fin@corp` (a URL's user name is percent-encoded).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What became of one try at one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The server accepted it (2xx): its reply.
    Sent(String),
    /// A permanent refusal (5xx): the reply.
    Refused(String),
    /// A temporary refusal (4xx): the reply; try again later.
    Temporary(String),
    /// No connection, or it broke: why (the server's words, or ours). Try again on a new
    /// connection.
    Lost(Text),
}

/// The one connection of a run, opened when needed.
pub struct Transport {
    endpoint: Endpoint,
    hello: ClientId,
    conn: Option<SmtpConnection>,
    /// Whether any connection of this run has succeeded (else the server is unreachable).
    pub ever_connected: bool,
}

impl Transport {
    pub fn new(endpoint: Endpoint) -> Transport {
        Transport {
            endpoint,
            hello: ClientId::default(),
            conn: None,
            ever_connected: false,
        }
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Opens the connection if there is none (or it went away): greeting, EHLO, TLS, AUTH.
    pub fn connect(&mut self) -> std::result::Result<(), Text> {
        if let Some(conn) = &mut self.conn {
            if !conn.has_broken() && conn.test_connected() {
                return Ok(());
            }
            self.conn = None;
        }
        let e = &self.endpoint;
        let addr = (e.host.as_str(), e.port);
        let wrapper_tls = match e.security {
            Security::Wrapper => e.tls.as_ref(),
            _ => None,
        };
        let mut conn = SmtpConnection::connect(addr, Some(TIMEOUT), &self.hello, wrapper_tls, None)
            .map_err(|err| {
                Text::new("smtp-connect")
                    .arg("server", &e.shown)
                    .arg("error", describe(&err))
            })?;
        if let (Security::StartTls { required }, Some(tls)) = (e.security, &e.tls) {
            if conn.can_starttls() {
                conn.starttls(tls, &self.hello).map_err(|err| {
                    Text::new("smtp-starttls")
                        .arg("server", &e.shown)
                        .arg("error", describe(&err))
                })?;
            } else if required {
                conn.abort();
                return Err(Text::new("smtp-no-starttls").arg("server", &e.shown));
            }
        }
        if let Some(credentials) = &e.credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .map_err(|err| {
                    Text::new("smtp-login")
                        .arg("server", &e.shown)
                        .arg("error", describe(&err))
                })?;
        }
        self.conn = Some(conn);
        self.ever_connected = true;
        Ok(())
    }

    /// One try at one message: opens the connection if needed, sends, and says how it went.
    pub fn send(&mut self, envelope: &Envelope, message: &[u8]) -> Attempt {
        if let Err(why) = self.connect() {
            return Attempt::Lost(why);
        }
        let Some(conn) = &mut self.conn else {
            return Attempt::Lost(Text::new("smtp-no-connection"));
        };
        match conn.send(envelope, message) {
            Ok(response) => {
                let text: Vec<&str> = response.message().collect();
                Attempt::Sent(format!("{} {}", response.code(), text.join(" ")))
            }
            Err(err) => {
                // lettre closes the connection after any error: the next try opens a new one.
                self.conn = None;
                if err.is_permanent() || err.is_client() {
                    Attempt::Refused(describe(&err))
                } else if err.is_transient() {
                    Attempt::Temporary(describe(&err))
                } else {
                    Attempt::Lost(Text::from(describe(&err)))
                }
            }
        }
    }

    /// Says goodbye to the server (QUIT), if connected.
    pub fn close(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            let _ = conn.quit();
        }
    }
}

/// An SMTP error as the server's reply (`550 5.1.1 no such user`) or the reason.
fn describe(err: &lettre::transport::smtp::Error) -> String {
    let text = err.to_string();
    let text = match err.status() {
        Some(code) => match text.split_once("): ") {
            Some((_, rest)) => format!("{code} {rest}"),
            None => code.to_string(),
        },
        None => text,
    };
    crate::error::printable(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(url: &str) -> String {
        match Endpoint::parse(url, None, None) {
            Err(Error::UsageText(m)) => m.to_string(),
            Err(e) => panic!("{url}: {e}"),
            Ok(_) => panic!("{url} accepted"),
        }
    }

    #[test]
    fn urls() {
        let e = Endpoint::parse("smtp://mail.example.cn", None, None).unwrap();
        assert_eq!(
            (e.port, e.security),
            (25, Security::StartTls { required: false })
        );
        let e = Endpoint::parse("smtp://mail.example.cn:587?tls=required", None, None).unwrap();
        assert_eq!(
            (e.port, e.security),
            (587, Security::StartTls { required: true })
        );
        let e = Endpoint::parse("smtps://mail.example.cn", None, None).unwrap();
        assert_eq!((e.port, e.security), (465, Security::Wrapper));
        let e = Endpoint::parse("smtp://127.0.0.1:2525?tls=none", None, None).unwrap();
        assert_eq!(e.security, Security::None);
        let e = Endpoint::parse("smtp://[::1]:2525?tls=none", None, None).unwrap();
        assert_eq!(e.security, Security::None);
        let e = Endpoint::parse("smtp://fin%40corp@mail.example.cn", None, Some("pw".into()));
        assert!(e.unwrap().credentials.is_some());
        assert!(
            usage("smtp://mail.example.cn?tls=none").contains("only for a relay on this machine")
        );
        assert!(usage("smtp://u:secret@mail.example.cn").contains(PASSWORD_ENV));
        assert!(usage("smtp://u@mail.example.cn").contains("is not set"));
        assert!(usage("http://mail.example.cn").contains("not smtp://"));
        assert!(usage("smtp://mail.example.cn?tls=maybe").contains("tls=maybe"));
    }
}
