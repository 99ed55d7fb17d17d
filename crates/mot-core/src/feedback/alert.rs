//! What becomes of a customer alert (see [`super::trend::alerts`]): it is
//! kept once per moment, kind and period, and the team decides once what to
//! do with it: open an action on the moment, put the moment on the next
//! session's agenda, or dismiss it. Mailing it to the workspace's owners is
//! tried again after a failure, with a growing pause.

use super::trend::{Alert, Period};
use crate::text::{Msg, RuleError};
use serde::Serialize;
use time::Date;

impl Alert {
    pub const ALL: [Alert; 2] = [Alert::WorseThanUsual, Alert::MagicFading];

    /// The key in the database, forms and the API.
    pub fn key(self) -> &'static str {
        match self {
            Alert::WorseThanUsual => "worse_than_usual",
            Alert::MagicFading => "magic_fading",
        }
    }

    pub fn from_key(key: &str) -> Option<Alert> {
        Alert::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// The first day (a day number) of the period before the one starting on
/// `start`: an alert kept up to that period is carried on, not kept again,
/// when the period starting on `start` raises it too. An alert covers a run
/// of periods, so a slide that lasts is one alert, mailed once.
pub fn carried_from(period: Period, start: i64) -> i64 {
    use super::trend::{date_of, day_number};
    day_number(period.start(date_of(start - 1)))
}

/// Where an alert stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertState {
    /// Nobody has decided yet.
    Open,
    /// An action was opened on the moment.
    Actioned,
    /// The moment is on the next session's agenda.
    OnAgenda,
    /// Seen, and left as it is.
    Dismissed,
}

impl AlertState {
    pub const ALL: [AlertState; 4] = [
        AlertState::Open,
        AlertState::Actioned,
        AlertState::OnAgenda,
        AlertState::Dismissed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AlertState::Open => "open",
            AlertState::Actioned => "actioned",
            AlertState::OnAgenda => "on_agenda",
            AlertState::Dismissed => "dismissed",
        }
    }

    pub fn from_key(key: &str) -> Option<AlertState> {
        AlertState::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// What the team decides about an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertDecision {
    /// Open an action on the moment.
    Action,
    /// Put the moment on the next session's agenda.
    Agenda,
    Dismiss,
}

impl AlertDecision {
    /// The form's and the API's word for it.
    pub fn from_key(key: &str) -> Option<AlertDecision> {
        match key.trim() {
            "action" => Some(AlertDecision::Action),
            "agenda" => Some(AlertDecision::Agenda),
            "dismiss" => Some(AlertDecision::Dismiss),
            _ => None,
        }
    }

    /// Where the alert stands after it.
    pub fn state(self) -> AlertState {
        match self {
            AlertDecision::Action => AlertState::Actioned,
            AlertDecision::Agenda => AlertState::OnAgenda,
            AlertDecision::Dismiss => AlertState::Dismissed,
        }
    }
}

/// An alert is decided once: only an open one takes a decision, so sending
/// the same form twice never opens two actions.
pub fn decide(current: AlertState, decision: AlertDecision) -> Result<AlertState, RuleError> {
    if current != AlertState::Open {
        return Err(RuleError::Conflict(Msg::new("feedback-alert-decided")));
    }
    Ok(decision.state())
}

/// The error of a decision word that is none of `action`, `agenda`, `dismiss`.
pub fn bad_decision() -> RuleError {
    RuleError::invalid("decision", Msg::new("feedback-alert-bad-decision"))
}

/// Who does an action opened from an alert, and by when, as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionPlan {
    /// Empty: the one who decides.
    pub owner_name: String,
    pub due_on: Option<Date>,
}

/// The earliest day an action opened from an alert may be due on: UTC's
/// yesterday, still today for those west of it.
pub fn earliest_due(today: Date) -> Date {
    today.previous_day().unwrap_or(today)
}

/// The earliest day the form offers for an action that joins a session
/// held on `session` (the journey's latest, if any): [`earliest_due`], or
/// the session's day when that is later, as the session's own actions are
/// due no earlier than it (see [`crate::session::check_action_plan`]).
pub fn earliest_due_joining(today: Date, session: Option<Date>) -> Date {
    earliest_due(today).max(session.unwrap_or(Date::MIN))
}

/// Checks who does an action opened from an alert (a name, or none for
/// the one who decides) and its due date: none, or not in the past. A
/// day's grace is left for those whose today is still UTC's yesterday.
pub fn action_plan(
    today: Date,
    owner_name: &str,
    due_on: Option<Date>,
) -> Result<ActionPlan, RuleError> {
    let owner_name = match owner_name.trim() {
        "" => String::new(),
        name => {
            crate::text::required_line("owner_name", name, crate::session::SessionLimits::OWNER)?
        }
    };
    if let Some(d) = due_on {
        if d < earliest_due(today) {
            return Err(RuleError::invalid("due_on", Msg::new("rule-due-past")));
        }
    }
    Ok(ActionPlan { owner_name, due_on })
}

/// Alerts older than this many days are not mailed any more (an installation
/// that gets SMTP later does not send its whole past).
pub const MAIL_WITHIN_DAYS: i64 = 7;

/// How long to wait before mailing an alert again after `tries` failed
/// sends (milliseconds): one minute, doubling, at most six hours.
pub fn mail_retry_after(tries: u32) -> i64 {
    const MINUTE: i64 = 60_000;
    (MINUTE << tries.min(9)).min(6 * 60 * MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_states_keep_their_keys() {
        for a in Alert::ALL {
            assert_eq!(Alert::from_key(a.key()), Some(a));
        }
        for s in AlertState::ALL {
            assert_eq!(AlertState::from_key(s.key()), Some(s));
        }
        assert_eq!(Alert::from_key("bad"), None);
        assert_eq!(
            AlertDecision::from_key("agenda"),
            Some(AlertDecision::Agenda)
        );
        assert_eq!(AlertDecision::from_key("delete"), None);
    }

    #[test]
    fn an_alert_is_carried_on_from_the_period_before() {
        use crate::feedback::trend::day_number;
        use time::macros::date;
        let d = |d| day_number(d);
        // Monday 30 November 2026; the week before starts on 23 November.
        assert_eq!(
            carried_from(Period::Week, d(date!(2026 - 11 - 30))),
            d(date!(2026 - 11 - 23))
        );
        assert_eq!(
            carried_from(Period::Month, d(date!(2026 - 03 - 01))),
            d(date!(2026 - 02 - 01))
        );
        assert_eq!(
            carried_from(Period::Month, d(date!(2026 - 01 - 01))),
            d(date!(2025 - 12 - 01))
        );
    }

    #[test]
    fn an_action_from_an_alert_is_due_today_or_later_and_named_within_limits() {
        use time::macros::date;
        let today = date!(2026 - 12 - 06);
        let plan = action_plan(today, "  Ann  ", Some(today)).unwrap();
        assert_eq!(
            plan,
            ActionPlan {
                owner_name: "Ann".into(),
                due_on: Some(today)
            }
        );
        assert_eq!(
            action_plan(today, " ", None).unwrap().owner_name,
            "",
            "the one who decides"
        );
        // Yesterday is still today west of UTC; the day before is past.
        assert!(action_plan(today, "", Some(date!(2026 - 12 - 05))).is_ok());
        let past = action_plan(today, "", Some(date!(2026 - 12 - 04))).unwrap_err();
        assert!(
            matches!(
                &past,
                RuleError::Invalid {
                    field: "due_on",
                    ..
                }
            ),
            "{past:?}"
        );
        let long = "x".repeat(crate::session::SessionLimits::OWNER + 1);
        let err = action_plan(today, &long, None).unwrap_err();
        assert!(
            matches!(
                &err,
                RuleError::Invalid {
                    field: "owner_name",
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn the_form_offers_no_day_before_the_session_an_action_joins() {
        use time::macros::date;
        let today = date!(2026 - 12 - 06);
        let yesterday = date!(2026 - 12 - 05);
        assert_eq!(
            earliest_due_joining(today, None),
            yesterday,
            "no session yet"
        );
        assert_eq!(
            earliest_due_joining(today, Some(date!(2026 - 11 - 02))),
            yesterday,
            "a session held before"
        );
        let booked = date!(2026 - 12 - 16);
        assert_eq!(
            earliest_due_joining(today, Some(booked)),
            booked,
            "a session ahead"
        );
        // The form's bound is the session's rule: the day it offers first passes, the one before does not.
        let held = date!(2026 - 12 - 16);
        assert!(crate::session::check_action_plan(
            held,
            Some(earliest_due_joining(today, Some(held))),
            None
        )
        .is_ok());
        assert!(
            crate::session::check_action_plan(held, Some(date!(2026 - 12 - 15)), None).is_err()
        );
    }

    #[test]
    fn an_alert_is_decided_once() {
        assert_eq!(
            decide(AlertState::Open, AlertDecision::Action),
            Ok(AlertState::Actioned)
        );
        assert_eq!(
            decide(AlertState::Open, AlertDecision::Agenda),
            Ok(AlertState::OnAgenda)
        );
        assert_eq!(
            decide(AlertState::Open, AlertDecision::Dismiss),
            Ok(AlertState::Dismissed)
        );
        for s in [
            AlertState::Actioned,
            AlertState::OnAgenda,
            AlertState::Dismissed,
        ] {
            for d in [
                AlertDecision::Action,
                AlertDecision::Agenda,
                AlertDecision::Dismiss,
            ] {
                assert!(
                    matches!(decide(s, d), Err(RuleError::Conflict(_))),
                    "{s:?} {d:?}"
                );
            }
        }
    }

    #[test]
    fn a_failed_mail_waits_longer_each_time_up_to_six_hours() {
        assert_eq!(mail_retry_after(0), 60_000);
        assert_eq!(mail_retry_after(1), 120_000);
        assert_eq!(mail_retry_after(3), 480_000);
        assert_eq!(mail_retry_after(9), 6 * 3_600_000);
        assert_eq!(mail_retry_after(40), 6 * 3_600_000);
    }
}
