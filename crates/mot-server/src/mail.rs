//! E-mail over SMTP, when an installation has it (`mot serve --smtp-url`,
//! `--mail-from`): plain-text messages sent with `lettre` on tokio. Features
//! send through [`Mailer::send`]; what a message says comes from the
//! catalogues in the recipient's language.
//!
//! `smtp://host:port` speaks plain SMTP (add `?tls=required` for STARTTLS),
//! `smtps://user:pass@host` TLS from the first byte. The URL may hold a
//! password: [`MailSettings`] never prints it.

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::fmt;
use std::time::Duration;

/// How long one SMTP conversation may take before it counts as failed.
const SEND_TIMEOUT: Duration = Duration::from_secs(20);

/// Where mail goes out, and from whom.
#[derive(Clone)]
pub struct MailSettings {
    /// `smtp://…` or `smtps://…`, possibly with a user and password.
    pub smtp_url: String,
    /// The sender: `mot@example.com` or `Moments of Truth <mot@example.com>`.
    pub from: String,
}

impl fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailSettings")
            .field("smtp_url", &"(hidden)")
            .field("from", &self.from)
            .finish()
    }
}

/// Why mail could not be set up or sent (the cause is logged, never shown).
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the SMTP URL cannot be used: {0}")]
    Url(String),
    #[error("the sender address cannot be used: {0}")]
    From(String),
    #[error("the address {0:?} cannot be mailed")]
    To(String),
    #[error("the message cannot be built: {0}")]
    Build(String),
    #[error("the SMTP server refused or failed: {0}")]
    Send(String),
}

/// One installation's way to send mail.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// Checks the settings and prepares the transport (it connects only
    /// when a message is sent): a bad URL or sender is refused here, at start.
    pub fn new(s: &MailSettings) -> Result<Mailer, MailError> {
        let url = s.smtp_url.trim();
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            return Err(MailError::Url(
                "it must start with smtp:// or smtps://".into(),
            ));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Url(e.to_string()))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from = s
            .from
            .trim()
            .parse::<Mailbox>()
            .map_err(|e| MailError::From(e.to_string()))?;
        Ok(Mailer { transport, from })
    }

    /// Sends one plain-text message to `to`.
    pub async fn send(&self, to: &str, subject: &str, text: String) -> Result<(), MailError> {
        let message = self
            .to(to, subject)?
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .map_err(|e| MailError::Build(e.to_string()))?;
        self.deliver(message).await
    }

    /// Sends a plain-text message to `to` with a file attached.
    pub async fn send_with_file(
        &self,
        to: &str,
        subject: &str,
        text: String,
        file: MailFile,
    ) -> Result<(), MailError> {
        use lettre::message::{Attachment, MultiPart, SinglePart};
        let kind =
            ContentType::parse(file.media_type).map_err(|e| MailError::Build(e.to_string()))?;
        let message = self
            .to(to, subject)?
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(text))
                    .singlepart(Attachment::new(file.name).body(file.bytes, kind)),
            )
            .map_err(|e| MailError::Build(e.to_string()))?;
        self.deliver(message).await
    }

    /// A message from us to `to`, with its subject.
    fn to(&self, to: &str, subject: &str) -> Result<lettre::message::MessageBuilder, MailError> {
        let to: Mailbox = to.parse().map_err(|_| MailError::To(to.to_string()))?;
        Ok(Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject))
    }

    async fn deliver(&self, message: Message) -> Result<(), MailError> {
        self.transport
            .send(message)
            .await
            .map_err(|e| MailError::Send(e.to_string()))?;
        Ok(())
    }
}

/// A file sent with a message.
pub struct MailFile {
    pub name: String,
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(url: &str, from: &str) -> MailSettings {
        MailSettings {
            smtp_url: url.into(),
            from: from.into(),
        }
    }

    #[test]
    fn a_bad_url_or_sender_is_refused_at_start_and_the_password_never_printed() {
        assert!(Mailer::new(&settings("smtp://127.0.0.1:2525", "mot@example.com")).is_ok());
        assert!(Mailer::new(&settings(
            "smtps://ann:secret@mail.example.com",
            "Moments <mot@example.com>"
        ))
        .is_ok());
        assert!(matches!(
            Mailer::new(&settings("http://mail.example.com", "mot@example.com")),
            Err(MailError::Url(_))
        ));
        assert!(matches!(
            Mailer::new(&settings("smtp://127.0.0.1:2525", "not an address")),
            Err(MailError::From(_))
        ));
        let shown = format!(
            "{:?}",
            settings("smtps://ann:secret@mail.example.com", "x@y.z")
        );
        assert!(!shown.contains("secret"), "{shown}");
    }
}
