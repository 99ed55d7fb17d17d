//! The limits of a session's texts, and the schemas of its fields that
//! state them (one home: commands and actions both read them here).

/// Limits of session texts, in characters.
pub struct SessionLimits;
impl SessionLimits {
    pub const TITLE: usize = 120;
    pub const IDEA: usize = 500;
    pub const ISSUE: usize = 2_000;
    pub const NOTE: usize = 1_000;
    pub const ACTION: usize = 500;
    pub const OWNER: usize = 60;
    pub const STEP: usize = 200;
    pub const MEASURE: usize = 120;
    pub const STEPS: usize = 12;
    pub const TIMER_SECONDS: u32 = 4 * 3600;
    /// The most dots a person may have (a session's `vote_limit`, from 1).
    pub const VOTE_LIMIT: u32 = 10;
    /// The most priorities a team may choose (a session's `priority_cap`, from 1).
    pub const PRIORITY_CAP: u32 = 8;
}

/// The schemas of the command fields, from [`SessionLimits`].
#[cfg(feature = "openapi")]
pub(crate) mod fields {
    use super::SessionLimits;
    use crate::schema;
    use utoipa::openapi::schema::{Object, SchemaType, Type};

    pub fn timer() -> Object {
        let mut o = schema::integer(1, SessionLimits::TIMER_SECONDS.into());
        o.schema_type = SchemaType::from_iter([Type::Integer, Type::Null]);
        o.description = Some("Seconds the countdown runs, or null to stop it.".into());
        o
    }
    pub fn note() -> Object {
        schema::text(SessionLimits::NOTE)
    }
    pub fn issue() -> Object {
        schema::text(SessionLimits::ISSUE)
    }
    pub fn idea() -> Object {
        schema::line_joining_breaks(SessionLimits::IDEA)
    }
    pub fn action() -> Object {
        schema::line(SessionLimits::ACTION)
    }
    pub fn owner() -> Object {
        schema::optional_line(SessionLimits::OWNER)
    }
    pub fn step() -> Object {
        schema::line(SessionLimits::STEP)
    }
    pub fn measure() -> Object {
        schema::text(SessionLimits::MEASURE)
    }
}
