//! Calendar dates as people type them: `YYYY-MM-DD`.

use crate::text::{Msg, RuleError};
use time::format_description::FormatItem;
use time::macros::format_description;
use time::Date;

const ISO: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// Parses `YYYY-MM-DD`.
pub fn parse(field: &'static str, value: &str) -> Result<Date, RuleError> {
    Date::parse(value.trim(), ISO)
        .map_err(|_| RuleError::invalid(field, Msg::new("rule-date-format")))
}

/// Parses an optional date ("" means none).
pub fn parse_opt(field: &'static str, value: &str) -> Result<Option<Date>, RuleError> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse(field, value).map(Some)
    }
}

/// Formats as `YYYY-MM-DD`.
pub fn format(d: Date) -> String {
    d.format(ISO).unwrap_or_default()
}

/// The UTC date of a moment in milliseconds since the Unix epoch.
pub fn of_millis(ms: i64) -> Date {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .map_or(time::Date::MIN, |t| t.date())
}

/// Today's date in UTC.
pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// Serde as `"YYYY-MM-DD"`.
pub mod iso {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;
    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format(*d))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        super::parse("date", &s).map_err(serde::de::Error::custom)
    }
}

/// Serde of an optional date as `"YYYY-MM-DD"` or null.
pub mod iso_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;
    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&super::format(*d)),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(s) => super::parse_opt("date", &s).map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_bad_ones_are_refused() {
        let d = parse("d", "2026-02-28").unwrap();
        assert_eq!(format(d), "2026-02-28");
        for bad in ["2026-02-30", "26-2-3", "tomorrow", ""] {
            assert!(parse("d", bad).is_err(), "{bad}");
        }
        assert_eq!(parse_opt("d", " ").unwrap(), None);
    }

    #[test]
    fn serde_uses_iso_strings() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct X {
            #[serde(with = "iso")]
            a: Date,
            #[serde(with = "iso_opt", default)]
            b: Option<Date>,
        }
        let x = X {
            a: parse("d", "2027-01-05").unwrap(),
            b: None,
        };
        let j = serde_json::to_string(&x).unwrap();
        assert_eq!(j, r#"{"a":"2027-01-05","b":null}"#);
        assert_eq!(serde_json::from_str::<X>(&j).unwrap(), x);
    }
}
