//! E-mail through a real SMTP server the test starts
//! (tests/mail/smtp_sink.py): the sink, the messages it took, and the
//! settings that send to it.

use super::within;
use mot_server::Settings;
use std::path::PathBuf;

/// The local SMTP server: tests/mail/smtp_sink.py, started with the python
/// of `MOT_SMTP_PYTHON` (scripts/test installs it and sets it); each message
/// it takes is a file in `dir`. Stopped when dropped.
pub struct SmtpSink {
    child: std::process::Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl SmtpSink {
    /// The sink, or `None` (said loudly) when `MOT_SMTP_PYTHON` is not set
    /// and `MOT_REQUIRE_SMTP` is not either; with it, a missing python fails.
    pub fn start() -> Option<SmtpSink> {
        use std::io::BufRead;
        let python = match std::env::var("MOT_SMTP_PYTHON") {
            Ok(p) if !p.is_empty() => p,
            _ => {
                assert!(
                    std::env::var("MOT_REQUIRE_SMTP").is_err(),
                    "MOT_REQUIRE_SMTP is set but MOT_SMTP_PYTHON is not: run tests/mail/install.sh"
                );
                eprintln!("\n*** SKIPPED: the e-mail tests need MOT_SMTP_PYTHON (MOT_SMTP_PYTHON=\"$(tests/mail/install.sh)\"); scripts/test sets it ***\n");
                return None;
            }
        };
        let script =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/mail/smtp_sink.py");
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(&python)
            .arg(&script)
            .arg(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {python} {}: {e}", script.display()));
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the SMTP sink said {line:?}, not its port"));
        Some(SmtpSink { child, port, dir })
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages taken so far, oldest first.
    pub fn messages(&self) -> Vec<Mail> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| Mail::parse(&std::fs::read(p).unwrap()))
            .collect()
    }

    /// Waits until `n` messages arrived; fails after the usual wait.
    pub async fn wait_for(&self, n: usize) -> Vec<Mail> {
        within(&format!("{n} e-mail(s) at the SMTP server"), async {
            loop {
                let got = self.messages();
                if got.len() >= n {
                    return got;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        })
        .await
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A message as the SMTP server took it: to whom, its subject and its text
/// (quoted-printable or base64 undone).
#[derive(Debug)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The message as taken (for a MIME reader: attachments).
    pub raw: Vec<u8>,
}

impl Mail {
    fn parse(bytes: &[u8]) -> Mail {
        let raw = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
        let (head, body) = raw.split_once("\n\n").expect("headers and a body");
        let header = |name: &str| {
            head.lines()
                .find_map(|l| {
                    l.split_once(':')
                        .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                        .map(|(_, v)| v.trim().to_string())
                })
                .unwrap_or_default()
        };
        let text = match header("Content-Transfer-Encoding")
            .to_ascii_lowercase()
            .as_str()
        {
            "quoted-printable" => quoted_printable(body),
            "base64" => String::from_utf8(base64(body)).unwrap(),
            _ => body.to_string(),
        };
        Mail {
            to: header("X-Envelope-To"),
            subject: header("Subject"),
            text,
            raw: bytes.to_vec(),
        }
    }
}

fn quoted_printable(s: &str) -> String {
    let s = s.replace("=\n", "");
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

fn base64(s: &str) -> Vec<u8> {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes() {
        let Some(v) = alphabet.iter().position(|a| *a == c) else {
            continue;
        };
        bits = (bits << 6) | v as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    out
}

/// Settings that send mail to `smtp_url`, with links to a public address.
pub fn mail_settings(smtp_url: &str) -> Settings {
    Settings {
        mail: Some(mot_server::mail::MailSettings {
            smtp_url: smtp_url.to_string(),
            from: "Moments of Truth <mot@example.com>".into(),
        }),
        public_url: Some("https://mot.example.com".into()),
        ..Settings::default()
    }
}
