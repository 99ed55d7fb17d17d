//! Client request ids: a client names each change it sends (a form's hidden
//! field, a fetch's or an API call's `Idempotency-Key` header, a WebSocket
//! command's `request_id`), so that a repeat of the same request — a retry
//! after a lost answer — is answered with the first outcome instead of
//! making the change twice.

use crate::{Msg, RuleError};

/// The longest request id (a UUID is 36 characters).
pub const REQUEST_ID_MAX: usize = 64;
/// The shortest: enough random characters not to collide by chance.
pub const REQUEST_ID_MIN: usize = 16;

/// Checks a request id: 16 to 64 ASCII letters, digits, `-` or `_`.
pub fn request_id(value: &str) -> Result<String, RuleError> {
    let ok = (REQUEST_ID_MIN..=REQUEST_ID_MAX).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        return Err(RuleError::invalid(
            "request_id",
            Msg::new("rule-request-id-format")
                .arg("min", REQUEST_ID_MIN)
                .arg("max", REQUEST_ID_MAX),
        ));
    }
    Ok(value.to_string())
}

/// The error for a request id sent again with another change (or by
/// another person): it is refused, never answered with the first outcome.
pub fn request_id_reused() -> RuleError {
    // A conflict with what the id already stands for, not a malformed value:
    // the request itself may be fine with a new id.
    // The field's name is translated as an input error's would be.
    RuleError::Conflict(Msg::new("rule-request-id-reused").key_arg("field", "field-request_id"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_uuids_or_tokens_of_safe_characters() {
        assert!(request_id("3f2b8c1e-4a5d-4c6e-9f70-1a2b3c4d5e6f").is_ok());
        assert!(request_id("0123456789abcdef0123456789abcdef").is_ok());
        for bad in [
            "",
            "short",
            "has space in it 123",
            "ünïcödé-ünïcödé-1234",
            &"x".repeat(65),
        ] {
            assert!(request_id(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
