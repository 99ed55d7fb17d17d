//! Limits on every piece of text a person can type, and how text is cleaned.

use thiserror::Error;

/// A message for a person, as a catalogue key and its arguments: core says
/// *what* went wrong; the edge (mot-i18n) says it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, MsgArg)>,
}

/// One argument of a [`Msg`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MsgArg {
    /// Text shown as it is (a name someone typed).
    Text(String),
    /// A whole number (plural forms choose by it).
    Int(i64),
    /// Another catalogue key, translated in turn (a field's or a step's name).
    Key(&'static str),
}

impl Msg {
    pub fn new(key: &'static str) -> Self {
        Msg {
            key,
            args: Vec::new(),
        }
    }
    /// Adds an argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<MsgArg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
    /// Adds an argument that is itself a catalogue key.
    pub fn key_arg(mut self, name: &'static str, key: &'static str) -> Self {
        self.args.push((name, MsgArg::Key(key)));
        self
    }
}

impl From<String> for MsgArg {
    fn from(v: String) -> Self {
        MsgArg::Text(v)
    }
}
impl From<&str> for MsgArg {
    fn from(v: &str) -> Self {
        MsgArg::Text(v.to_string())
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for MsgArg {
            fn from(v: $t) -> Self {
                MsgArg::Int(v as i64)
            }
        }
    )*};
}
int_arg!(i64, i32, u32, u8, usize);

/// For logs and tests: the key and its arguments, not a sentence.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key)?;
        for (i, (k, v)) in self.args.iter().enumerate() {
            f.write_str(if i == 0 { "(" } else { ", " })?;
            match v {
                MsgArg::Text(t) => write!(f, "{k}={t:?}")?,
                MsgArg::Int(n) => write!(f, "{k}={n}")?,
                MsgArg::Key(key) => write!(f, "{k}={key}")?,
            }
        }
        if !self.args.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// A rule of the method or a limit was broken. The message is a catalogue
/// key for the person who typed the input; the field, where there is one,
/// is the input's name in the API (`title`), translated as `field-title`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    /// An input is missing, too long or malformed.
    #[error("{field}: {msg}")]
    Invalid { field: &'static str, msg: Msg },
    /// The actor may not do this.
    #[error("{0}")]
    Forbidden(Msg),
    /// The change contradicts the current state (e.g. removing a stage that holds notes).
    #[error("{0}")]
    Conflict(Msg),
}

impl RuleError {
    pub fn invalid(field: &'static str, msg: Msg) -> Self {
        RuleError::Invalid { field, msg }
    }
    pub fn forbidden(msg: Msg) -> Self {
        RuleError::Forbidden(msg)
    }
    pub fn conflict(msg: Msg) -> Self {
        RuleError::Conflict(msg)
    }
    /// The message, whatever the kind.
    pub fn msg(&self) -> &Msg {
        match self {
            RuleError::Invalid { msg, .. }
            | RuleError::Forbidden(msg)
            | RuleError::Conflict(msg) => msg,
        }
    }
}

/// The stated limits, in characters (Unicode scalar values).
pub struct Limits;

impl Limits {
    pub const MOMENT_TITLE: usize = 120;
    pub const MOMENT_DESCRIPTION: usize = 2_000;
    pub const STAGE_NAME: usize = 60;
    pub const BUSINESS_NAME: usize = 120;
    pub const JOURNEY_NAME: usize = 120;
    pub const CHANNEL_NAME: usize = 40;
    pub const CHANNEL_ICON: usize = 4;
    pub const PERSON_NAME: usize = 60;
    pub const EMAIL: usize = 254;
    /// Before the `@` (RFC 5321's limit).
    pub const EMAIL_LOCAL: usize = 64;
    /// After the `@` (so that the whole is at most [`Limits::EMAIL`]).
    pub const EMAIL_DOMAIN: usize = 189;
    pub const WORKSPACE_NAME: usize = 120;
    pub const TOKEN_LABEL: usize = 60;
    pub const PASSWORD_MIN: usize = 10;
    pub const PASSWORD_MAX: usize = 200;
    pub const STAGES_PER_JOURNEY: usize = 20;
    pub const MOMENTS_PER_JOURNEY: usize = 1_000;
    pub const CHANNELS_PER_BUSINESS: usize = 40;
}

fn check_chars(field: &'static str, value: &str, multiline: bool) -> Result<(), RuleError> {
    for c in value.chars() {
        let allowed = !c.is_control() || (multiline && (c == '\n' || c == '\t'));
        if !allowed {
            return Err(RuleError::invalid(field, Msg::new("rule-control-char")));
        }
    }
    Ok(())
}

fn check_len(field: &'static str, value: &str, max: usize) -> Result<(), RuleError> {
    let n = value.chars().count();
    if n > max {
        return Err(RuleError::invalid(
            field,
            Msg::new("rule-too-long").arg("length", n).arg("limit", max),
        ));
    }
    Ok(())
}

/// A one-line text that must not be empty: trimmed, at most `max` characters.
pub fn required_line(field: &'static str, value: &str, max: usize) -> Result<String, RuleError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(RuleError::invalid(field, Msg::new("rule-empty")));
    }
    check_len(field, v, max)?;
    check_chars(field, v, false)?;
    Ok(v.to_string())
}

/// A multi-line text that may be empty: trimmed, at most `max` characters,
/// line endings normalised to `\n`.
pub fn optional_text(field: &'static str, value: &str, max: usize) -> Result<String, RuleError> {
    let v = value.replace("\r\n", "\n").replace('\r', "\n");
    let v = v.trim();
    check_len(field, v, max)?;
    check_chars(field, v, true)?;
    Ok(v.to_string())
}

/// An e-mail address: one `@` with text on both sides (at most
/// [`Limits::EMAIL_LOCAL`] characters before it, [`Limits::EMAIL_DOMAIN`]
/// after), no spaces, lower-cased.
pub fn email(value: &str) -> Result<String, RuleError> {
    let v = required_line("email", value, Limits::EMAIL)?;
    let mut parts = v.split('@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (l, d) = (local.chars().count(), domain.chars().count());
    if !(1..=Limits::EMAIL_LOCAL).contains(&l)
        || !(1..=Limits::EMAIL_DOMAIN).contains(&d)
        || parts.next().is_some()
        || v.contains(char::is_whitespace)
    {
        return Err(RuleError::invalid("email", Msg::new("rule-not-email")));
    }
    Ok(v.to_lowercase())
}

/// A password for a new account.
pub fn new_password(value: &str) -> Result<&str, RuleError> {
    let n = value.chars().count();
    if n < Limits::PASSWORD_MIN {
        return Err(RuleError::invalid(
            "password",
            Msg::new("rule-password-too-short").arg("min", Limits::PASSWORD_MIN),
        ));
    }
    if n > Limits::PASSWORD_MAX {
        return Err(RuleError::invalid(
            "password",
            Msg::new("rule-password-too-long").arg("max", Limits::PASSWORD_MAX),
        ));
    }
    Ok(value)
}

/// A colour as `#rrggbb`, returned lower-cased.
pub fn colour(value: &str) -> Result<String, RuleError> {
    let v = value.trim();
    let ok = v.len() == 7 && v.starts_with('#') && v[1..].chars().all(|c| c.is_ascii_hexdigit());
    if !ok {
        return Err(RuleError::invalid("colour", Msg::new("rule-colour")));
    }
    Ok(v.to_ascii_lowercase())
}

/// A person's initials for a small badge: the first letter of their first
/// and last word ("Ada Lovelace" → "AL", "Ada" → "A"), "?" for no name.
pub fn initials(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().and_then(|w| w.chars().next());
    let last = words.last().and_then(|w| w.chars().next());
    match first {
        None => "?".to_string(),
        Some(f) => f
            .to_uppercase()
            .chain(last.into_iter().flat_map(char::to_uppercase))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_are_the_first_and_last_words_first_letters() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("  olivia   de la owner "), "OO");
        assert_eq!(initials("Ada"), "A");
        assert_eq!(initials("   "), "?");
        assert_eq!(initials("محمد علي"), "مع");
    }

    #[test]
    fn required_line_trims_and_rejects_empty() {
        assert_eq!(required_line("title", "  Hi  ", 10).unwrap(), "Hi");
        assert!(matches!(
            required_line("title", "   ", 10),
            Err(RuleError::Invalid { field: "title", .. })
        ));
        assert_eq!(
            required_line("title", "   ", 10).unwrap_err().msg().key,
            "rule-empty"
        );
    }

    #[test]
    fn length_limits_count_characters_not_bytes() {
        let ten_e_acute = "é".repeat(10);
        assert!(required_line("t", &ten_e_acute, 10).is_ok());
        let err = required_line("t", &"é".repeat(11), 10).unwrap_err();
        assert_eq!(
            err,
            RuleError::invalid(
                "t",
                Msg::new("rule-too-long").arg("length", 11).arg("limit", 10)
            )
        );
        assert_eq!(err.to_string(), "t: rule-too-long(length=11, limit=10)");
    }

    #[test]
    fn control_characters_are_refused_but_newlines_allowed_in_text() {
        assert!(required_line("t", "a\u{0007}b", 10).is_err());
        assert!(required_line("t", "a\nb", 10).is_err());
        assert_eq!(optional_text("d", "a\r\nb", 10).unwrap(), "a\nb");
    }

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(email(" Ann@Example.COM ").unwrap(), "ann@example.com");
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(email(&long_local).is_err(), "more than 64 before the @");
        assert!(email(&format!("{}@example.com", "a".repeat(64))).is_ok());
        assert!(email(&format!("a@{}", "b".repeat(190))).is_err());
        assert!(email(&format!("a@{}", "b".repeat(189))).is_ok());
        for bad in ["ann", "@x", "a@", "a@b@c", "a b@c"] {
            assert!(email(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(
            email("ann").unwrap_err(),
            RuleError::invalid("email", Msg::new("rule-not-email"))
        );
    }

    #[test]
    fn colours_must_be_hex_triplets() {
        assert_eq!(colour("#44AA99").unwrap(), "#44aa99");
        for bad in ["44aa99", "#44aa9", "#44aa9g", "red"] {
            assert!(colour(bad).is_err());
        }
    }

    #[test]
    fn passwords_have_a_minimum_length() {
        assert!(new_password("short").is_err());
        assert_eq!(
            new_password("short").unwrap_err(),
            RuleError::invalid(
                "password",
                Msg::new("rule-password-too-short").arg("min", 10)
            )
        );
        assert!(new_password("long enough pw").is_ok());
    }
}
