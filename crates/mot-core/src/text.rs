//! Limits on every piece of text a person can type, and how text is cleaned.

use thiserror::Error;

/// A rule of the method or a limit was broken. The message is written for the
/// person who typed the input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    /// An input is missing, too long or malformed.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// The actor may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The change contradicts the current state (e.g. removing a stage that holds notes).
    #[error("{0}")]
    Conflict(String),
}

impl RuleError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        RuleError::Invalid {
            field,
            message: message.into(),
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
            return Err(RuleError::invalid(
                field,
                "contains a control character; please remove it",
            ));
        }
    }
    Ok(())
}

fn check_len(field: &'static str, value: &str, max: usize) -> Result<(), RuleError> {
    let n = value.chars().count();
    if n > max {
        return Err(RuleError::invalid(
            field,
            format!("is {n} characters long; the limit is {max}"),
        ));
    }
    Ok(())
}

/// A one-line text that must not be empty: trimmed, at most `max` characters.
pub fn required_line(field: &'static str, value: &str, max: usize) -> Result<String, RuleError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(RuleError::invalid(field, "must not be empty"));
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

/// An e-mail address: one `@` with text on both sides, no spaces, lower-cased.
pub fn email(value: &str) -> Result<String, RuleError> {
    let v = required_line("email", value, Limits::EMAIL)?.to_lowercase();
    let mut parts = v.split('@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if local.is_empty()
        || domain.is_empty()
        || parts.next().is_some()
        || v.contains(char::is_whitespace)
    {
        return Err(RuleError::invalid(
            "email",
            "is not an e-mail address (expected name@example.com)",
        ));
    }
    Ok(v)
}

/// A password for a new account.
pub fn new_password(value: &str) -> Result<&str, RuleError> {
    let n = value.chars().count();
    if n < Limits::PASSWORD_MIN {
        return Err(RuleError::invalid(
            "password",
            format!("must be at least {} characters", Limits::PASSWORD_MIN),
        ));
    }
    if n > Limits::PASSWORD_MAX {
        return Err(RuleError::invalid(
            "password",
            format!("must be at most {} characters", Limits::PASSWORD_MAX),
        ));
    }
    Ok(value)
}

/// A colour as `#rrggbb`, returned lower-cased.
pub fn colour(value: &str) -> Result<String, RuleError> {
    let v = value.trim();
    let ok = v.len() == 7 && v.starts_with('#') && v[1..].chars().all(|c| c.is_ascii_hexdigit());
    if !ok {
        return Err(RuleError::invalid(
            "colour",
            "must be a colour like #44aa99",
        ));
    }
    Ok(v.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_line_trims_and_rejects_empty() {
        assert_eq!(required_line("title", "  Hi  ", 10).unwrap(), "Hi");
        assert!(matches!(
            required_line("title", "   ", 10),
            Err(RuleError::Invalid { field: "title", .. })
        ));
    }

    #[test]
    fn length_limits_count_characters_not_bytes() {
        let ten_e_acute = "é".repeat(10);
        assert!(required_line("t", &ten_e_acute, 10).is_ok());
        let err = required_line("t", &"é".repeat(11), 10).unwrap_err();
        assert_eq!(err.to_string(), "t: is 11 characters long; the limit is 10");
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
        for bad in ["ann", "@x", "a@", "a@b@c", "a b@c"] {
            assert!(email(bad).is_err(), "{bad} should be refused");
        }
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
        assert!(new_password("long enough pw").is_ok());
    }
}
