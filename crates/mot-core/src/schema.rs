//! JSON Schemas (for the server's OpenAPI document) of exactly what the text
//! rules of [`crate::text`] accept, built from the same limits, so the
//! document states what is enforced and cannot drift from it.
//!
//! The rules trim surrounding white space before counting characters and
//! refuse control characters, so a plain `maxLength` would be wrong both
//! ways; each schema is a pattern that counts the characters between the
//! first and the last that are not white space.

use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, SchemaFormat, SchemaType, Type};

/// What `str::trim` removes: Unicode White_Space.
const WS: &str = r"\x09-\x0D\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
/// What `char::is_control` refuses: the C0 and C1 controls.
const CONTROL: &str = r"\x00-\x1F\x7F-\x9F";
/// Controls other than tab, line feed and carriage return (allowed in multi-line text).
const CONTROL_BUT_LINES: &str = r"\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F";
/// Controls other than line feed and carriage return (turned into spaces in a one-line idea).
const CONTROL_BUT_BREAKS: &str = r"\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F";

fn string(pattern: String, description: String) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
        .description(Some(description))
}

/// `count` more of `unit` after the first kept character, then a last kept one.
fn inner(unit: &str, max: usize) -> String {
    let edge = format!("[^{WS}{CONTROL}]");
    if max >= 2 {
        format!("{edge}(?:{unit}{{0,{}}}{edge})?", max - 2)
    } else {
        edge
    }
}

/// What [`crate::text::email`] accepts.
pub fn email() -> Object {
    use crate::text::Limits;
    let part = format!("[^@{WS}{CONTROL}]");
    string(
        format!(
            "^[{WS}]*{part}{{1,{}}}@{part}{{1,{}}}[{WS}]*$",
            Limits::EMAIL_LOCAL,
            Limits::EMAIL_DOMAIN
        ),
        format!(
            "An e-mail address: one @ with 1–{} characters before it and 1–{} after, no white space inside; surrounding white space is trimmed; kept lower-cased.",
            Limits::EMAIL_LOCAL,
            Limits::EMAIL_DOMAIN
        ),
    )
    .build()
}

/// What [`crate::text::required_line`] accepts with this limit.
pub fn line(max: usize) -> Object {
    let body = inner(&format!("[^{CONTROL}]"), max);
    string(
        format!("^[{WS}]*{body}[{WS}]*$"),
        format!("1–{max} characters once surrounding white space is trimmed; one line, no control characters."),
    )
    .build()
}

/// A one-line text that may be empty, else as [`line`] (e.g. an action's
/// owner when a member is picked instead).
pub fn optional_line(max: usize) -> Object {
    let body = inner(&format!("[^{CONTROL}]"), max);
    string(
        format!("^[{WS}]*(?:{body})?[{WS}]*$"),
        format!("Up to {max} characters once surrounding white space is trimmed; may be empty; one line, no control characters."),
    )
    .build()
}

/// What [`crate::text::optional_text`] accepts with this limit (may be empty;
/// a CR LF pair counts as one character).
pub fn text(max: usize) -> Object {
    let body = inner(&format!(r"(?:\r\n|[^{CONTROL_BUT_LINES}])"), max);
    string(
        format!("^[{WS}]*(?:{body})?[{WS}]*$"),
        format!("Up to {max} characters once surrounding white space is trimmed; may be empty; line breaks and tabs allowed, no other control characters."),
    )
    .build()
}

/// A one-line text whose line breaks are first turned into spaces (an idea).
pub fn line_joining_breaks(max: usize) -> Object {
    let body = inner(&format!("[^{CONTROL_BUT_BREAKS}]"), max);
    string(
        format!("^[{WS}]*{body}[{WS}]*$"),
        format!("1–{max} characters once line breaks become spaces and surrounding white space is trimmed; no other control characters."),
    )
    .build()
}

/// What [`crate::text::colour`] accepts: `#rrggbb`.
pub fn colour() -> Object {
    string(
        format!("^[{WS}]*#[0-9A-Fa-f]{{6}}[{WS}]*$"),
        "A colour as #rrggbb (hexadecimal; answered lower-cased).".into(),
    )
    .build()
}

/// A real `YYYY-MM-DD` date of the proleptic Gregorian calendar: the days of
/// each month, 29 February only in leap years (so the pattern alone decides,
/// whether or not a reader checks `format`).
const DATE: &str = concat!(
    "(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))",
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00|0000)-02-29)"
);

/// A calendar date, `YYYY-MM-DD` ([`crate::date::parse`], which trims).
pub fn date() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .pattern(Some(format!("^[{WS}]*{DATE}[{WS}]*$")))
        .description(Some("A date, YYYY-MM-DD."))
        .build()
}

/// An optional calendar date: `YYYY-MM-DD`, or null or empty for none
/// ([`crate::date::parse_opt`]).
pub fn date_or_null() -> Object {
    let mut o = date_or_empty();
    o.description = Some("A date, YYYY-MM-DD; null or empty for none.".into());
    o
}

/// A date, or null or empty (blank) for a default.
pub fn date_or_empty() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .pattern(Some(format!("^[{WS}]*(?:{DATE}[{WS}]*)?$")))
        .description(Some("A date, YYYY-MM-DD; null or empty for the default."))
        .build()
}

/// The same schema, or null (for a field that may be sent as null: left as it is).
pub fn or_null(mut o: Object) -> Object {
    let mut types = match o.schema_type {
        SchemaType::Type(t) => vec![t],
        SchemaType::Array(v) => v,
        SchemaType::AnyValue => return o,
    };
    if !types.contains(&Type::Null) {
        types.push(Type::Null);
    }
    o.schema_type = SchemaType::from_iter(types);
    o
}

/// A 0-based position (any non-negative whole number; past the end means the end).
pub fn index() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(0))
        .maximum(Some(usize::MAX))
        .description(Some("0-based position; past the end means the end."))
        .build()
}

/// A whole number within `min..=max`.
pub fn integer(min: i64, max: i64) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(min))
        .maximum(Some(max))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;
    use proptest::prelude::*;

    fn regex(o: &Object) -> regex::Regex {
        regex::Regex::new(o.pattern.as_deref().unwrap()).unwrap()
    }

    /// Strings near the limits, rich in what the rules treat specially:
    /// white space of every kind, control characters, CR LF.
    fn tricky() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("a".to_string()),
            Just("é".to_string()),
            Just(" ".to_string()),
            Just("\t".to_string()),
            Just("\n".to_string()),
            Just("\r".to_string()),
            Just("\r\n".to_string()),
            Just("\u{0B}".to_string()),
            Just("\u{85}".to_string()),
            Just("\u{A0}".to_string()),
            Just("\u{3000}".to_string()),
            Just("\u{1C}".to_string()),
            Just("\u{7}".to_string()),
            Just("\u{9F}".to_string()),
            Just("\u{200B}".to_string()),
            Just("#".to_string()),
            Just("4".to_string()),
            Just("f".to_string()),
            Just("@".to_string()),
        ];
        proptest::collection::vec(piece, 0..10).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn each_pattern_accepts_exactly_what_its_rule_accepts(s in tricky()) {
            for max in [1, 2, 3, 5] {
                prop_assert_eq!(regex(&line(max)).is_match(&s), text::required_line("f", &s, max).is_ok(), "line({}) {:?}", max, s);
                prop_assert_eq!(regex(&text(max)).is_match(&s), text::optional_text("f", &s, max).is_ok(), "text({}) {:?}", max, s);
                let joined = s.replace(['\r', '\n'], " ");
                prop_assert_eq!(regex(&line_joining_breaks(max)).is_match(&s), text::required_line("f", &joined, max).is_ok(), "idea({}) {:?}", max, s);
                let optional = s.trim().is_empty() || text::required_line("f", &s, max).is_ok();
                prop_assert_eq!(regex(&optional_line(max)).is_match(&s), optional, "optional_line({}) {:?}", max, s);
            }
            prop_assert_eq!(regex(&colour()).is_match(&s), text::colour(&s).is_ok(), "colour {:?}", s);
            prop_assert_eq!(regex(&email()).is_match(&s), text::email(&s).is_ok(), "email {:?}", s);
        }
    }

    proptest! {
        #[test]
        fn the_date_pattern_accepts_exactly_the_dates_the_rule_reads(y in 0i32..10000, m in 0u8..14, d in 0u8..33, pad in prop_oneof![Just(""), Just(" "), Just("\n")]) {
            let s = format!("{pad}{y:04}-{m:02}-{d:02}{pad}");
            prop_assert_eq!(regex(&date()).is_match(&s), crate::date::parse("d", &s).is_ok(), "{:?}", s);
            prop_assert_eq!(regex(&date_or_null()).is_match(&s), crate::date::parse_opt("d", &s).is_ok(), "{:?}", s);
        }
    }

    #[test]
    fn the_patterns_carry_the_limits_of_the_rules() {
        assert!(line(120).pattern.unwrap().contains("{0,118}"));
        assert!(text(2000).pattern.unwrap().contains("{0,1998}"));
        assert!(line(4).description.unwrap().contains("1–4 characters"));
        for ok in ["#44aa99", " #44AA99\n"] {
            assert!(regex(&colour()).is_match(ok), "{ok:?}");
        }
        for (day, ok) in [
            ("2024-02-29", true),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2023-02-29", false),
            ("2027-04-31", false),
            ("", false),
        ] {
            assert_eq!(regex(&date()).is_match(day), ok, "{day:?}");
            assert_eq!(crate::date::parse("d", day).is_ok(), ok, "{day:?}");
        }
        assert!(regex(&date_or_null()).is_match("  "));
        for (local, domain) in [(64, 189), (65, 5), (5, 190), (1, 1), (0, 3), (3, 0)] {
            let s = format!(" {}@{}\n", "é".repeat(local), "b".repeat(domain));
            assert_eq!(
                regex(&email()).is_match(&s),
                text::email(&s).is_ok(),
                "{local}@{domain}"
            );
        }
    }
}
