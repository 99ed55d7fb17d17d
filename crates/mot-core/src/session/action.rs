//! Ideas under the no-criticism rule, actions with ladders of small steps,
//! and booking the next session.

#[cfg(feature = "openapi")]
#[cfg(feature = "openapi")]
use super::limits::fields;
use super::limits::SessionLimits;
use super::phase::require_phase;
use super::{may_facilitate, Phase};
use crate::access::{Actor, Author};
use crate::text::{Msg, RuleError};
use serde::{Deserialize, Serialize};
use time::Date;

/// Adding an idea: in the Ideas phase, on a priority moment.
pub fn check_add_idea(phase: Phase, is_priority: bool) -> Result<(), RuleError> {
    require_phase(phase, Phase::Ideas, "rule-doing-add-ideas")?;
    if !is_priority {
        return Err(RuleError::invalid(
            "moment_id",
            Msg::new("rule-ideas-for-priorities"),
        ));
    }
    Ok(())
}

/// Editing or deleting an idea. While ideas flow nobody touches another
/// person's idea — not even the facilitator; afterwards only its author or a
/// facilitator may.
pub fn check_change_idea(phase: Phase, actor: Actor, idea_author: Author) -> Result<(), RuleError> {
    let own = actor.author() == idea_author;
    match phase {
        Phase::Ideas if own => Ok(()),
        Phase::Ideas => Err(RuleError::Forbidden(Msg::new(
            "rule-ideas-no-criticism-change",
        ))),
        Phase::SelectPlan | Phase::WrapUp if own || may_facilitate(actor).is_ok() => Ok(()),
        Phase::SelectPlan | Phase::WrapUp => {
            Err(RuleError::Forbidden(Msg::new("rule-idea-author-only")))
        }
        _ => Err(RuleError::Conflict(
            Msg::new("rule-ideas-change-phase").key_arg("phase", phase.label_key()),
        )),
    }
}

/// Voting on or commenting on ideas waits until ideas stop flowing.
pub fn check_judge_idea(phase: Phase) -> Result<(), RuleError> {
    if phase == Phase::Ideas {
        return Err(RuleError::Conflict(Msg::new(
            "rule-ideas-no-criticism-merit",
        )));
    }
    require_phase(phase, Phase::SelectPlan, "rule-doing-mark-merit")
}

/// An action's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Doing,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::Doing,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];
    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Doing => "doing",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
    pub fn from_key(key: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.key() == key)
    }
    /// Whether the action still needs work (shown in the next session's review).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::Doing)
    }
}

/// One small step of an action's ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepDraft {
    #[cfg_attr(feature = "openapi", schema(schema_with = fields::step))]
    pub text: String,
    #[serde(default, with = "crate::date::iso_opt")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::date_or_null))]
    pub target_date: Option<Date>,
    /// A measurable target, e.g. "delivery time: 10 days".
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = fields::measure))]
    pub measure: String,
}

/// The name a step of a ladder goes by in error messages ("step 2"), so a
/// person is told which row is at fault. Steps past the limit share the last
/// name (they are refused before their rows are read).
pub fn step_field(index: usize) -> &'static str {
    const NAMES: [&str; SessionLimits::STEPS] = [
        "step 1", "step 2", "step 3", "step 4", "step 5", "step 6", "step 7", "step 8", "step 9",
        "step 10", "step 11", "step 12",
    ];
    NAMES[index.min(NAMES.len() - 1)]
}

/// The step's own words, at most 40 characters, quoted after a message
/// about it so the row is found even when the numbering skips a blank row
/// (`Deliver in 7 days`); `None` for a step without words.
pub fn step_excerpt(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let mut short: String = t.chars().take(40).collect();
    if t.chars().count() > 40 {
        short.push('…');
    }
    Some(short)
}

/// A message about a step: `plain`, or `quoted` with the step's words as
/// `step` when it has any (each language quotes in its own marks).
fn step_msg(plain: &'static str, quoted: &'static str, text: &str) -> Msg {
    match step_excerpt(text) {
        None => Msg::new(plain),
        Some(words) => Msg::new(quoted).arg("step", words),
    }
}

/// A step's measure refused by the text rules: the same problem, said of
/// "its measure" (the field is the step's).
pub(super) fn measure_error(e: RuleError) -> RuleError {
    match e {
        RuleError::Invalid { field, msg } => {
            let key = match msg.key {
                "rule-too-long" => "rule-measure-too-long",
                "rule-control-char" => "rule-measure-control-char",
                other => other,
            };
            RuleError::Invalid {
                field,
                msg: Msg { key, ..msg },
            }
        }
        other => other,
    }
}

/// An action's dates and ladder: due on or after the session; a ladder, when
/// given, has steps, each dated on or after the session, in order.
pub fn check_action_plan(
    session_date: Date,
    due: Option<Date>,
    ladder: Option<&[StepDraft]>,
) -> Result<(), RuleError> {
    if let Some(d) = due {
        if d < session_date {
            return Err(RuleError::invalid(
                "due",
                Msg::new("rule-due-before-session").arg("date", session_date.to_string()),
            ));
        }
    }
    if let Some(steps) = ladder {
        if steps.is_empty() {
            return Err(RuleError::invalid("steps", Msg::new("rule-ladder-empty")));
        }
        let mut last: Option<Date> = None;
        for (i, s) in steps.iter().enumerate() {
            let field = step_field(i);
            if s.text.trim().is_empty() {
                return Err(RuleError::invalid(field, Msg::new("rule-step-no-text")));
            }
            if let Some(d) = s.target_date {
                if d < session_date {
                    return Err(RuleError::invalid(
                        field,
                        step_msg(
                            "rule-step-before-session",
                            "rule-step-before-session-quoted",
                            &s.text,
                        )
                        .arg("date", session_date.to_string()),
                    ));
                }
                if last.is_some_and(|l| d < l) {
                    return Err(RuleError::invalid(
                        field,
                        step_msg(
                            "rule-step-before-previous",
                            "rule-step-before-previous-quoted",
                            &s.text,
                        ),
                    ));
                }
                last = Some(d);
            }
        }
    }
    Ok(())
}

/// The next session is booked for a day after today.
pub fn check_next_session(today: Date, date: Date) -> Result<(), RuleError> {
    if date <= today {
        return Err(RuleError::invalid(
            "next_session",
            Msg::new("rule-next-session-future"),
        ));
    }
    Ok(())
}

/// The default follow-up: three weeks after the session.
pub fn default_next_session(session_date: Date) -> Date {
    session_date.saturating_add(time::Duration::days(21))
}

/// The schema of a ladder of steps (an action's `steps`).
#[cfg(feature = "openapi")]
pub(super) fn steps_schema() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::{ArrayBuilder, SchemaType, Type};
    use utoipa::PartialSchema;
    ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(StepDraft::schema())
        .max_items(Some(SessionLimits::STEPS))
        .description(Some(
            "A ladder of small steps, in order; null or left out for none.",
        ))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use crate::session::SessionCommand;
    use crate::text::MsgArg;
    use time::macros::date;

    #[test]
    fn nobody_changes_another_persons_idea_while_ideas_flow() {
        let facilitator = Actor::Member {
            user_id: 1,
            role: Role::Facilitator,
        };
        let guest = Actor::Guest {
            guest_id: 7,
            journey_id: 1,
        };
        assert!(check_change_idea(Phase::Ideas, guest, Author::Guest(7)).is_ok());
        assert!(check_change_idea(Phase::Ideas, guest, Author::Guest(8)).is_err());
        assert!(check_change_idea(Phase::Ideas, facilitator, Author::Guest(8)).is_err());
        assert!(check_change_idea(Phase::SelectPlan, facilitator, Author::Guest(8)).is_ok());
        assert!(check_change_idea(Phase::SelectPlan, guest, Author::Guest(8)).is_err());
        assert!(check_judge_idea(Phase::Ideas).is_err());
        assert!(check_judge_idea(Phase::SelectPlan).is_ok());
        assert!(check_add_idea(Phase::Ideas, true).is_ok());
        assert!(check_add_idea(Phase::SelectPlan, true).is_err());
    }

    #[test]
    fn action_dates_and_ladders_are_checked() {
        let day = date!(2026 - 11 - 25);
        let step = |t: &str, d| StepDraft {
            text: t.into(),
            target_date: d,
            measure: String::new(),
        };
        assert!(check_action_plan(day, Some(date!(2026 - 11 - 24)), None).is_err());
        assert!(check_action_plan(day, Some(day), None).is_ok());
        assert!(
            check_action_plan(day, None, Some(&[])).is_err(),
            "a ladder with no steps"
        );
        let ladder = [
            step("10 days", Some(date!(2027 - 01 - 01))),
            step("7 days", Some(date!(2027 - 06 - 01))),
            step("money-back guarantee if not in 7", None),
        ];
        assert!(check_action_plan(day, None, Some(&ladder)).is_ok());
        let backwards = [
            step("a", Some(date!(2027 - 06 - 01))),
            step("b", Some(date!(2027 - 01 - 01))),
        ];
        assert!(check_action_plan(day, None, Some(&backwards)).is_err());
        assert!(check_action_plan(day, None, Some(&[step(" ", None)])).is_err());
    }

    #[test]
    fn a_refused_ladder_names_the_step_at_fault() {
        let day = date!(2026 - 11 - 25);
        let step = |t: &str, d| StepDraft {
            text: t.into(),
            target_date: d,
            measure: String::new(),
        };
        let backwards = [
            step("a", Some(date!(2027 - 06 - 01))),
            step("b", Some(date!(2027 - 01 - 01))),
        ];
        let err = check_action_plan(day, None, Some(&backwards)).unwrap_err();
        assert_eq!(
            err,
            RuleError::invalid(
                "step 2",
                Msg::new("rule-step-before-previous-quoted").arg("step", "b")
            )
        );
        let early = [
            step("a", None),
            step("b", None),
            step("c", Some(date!(2026 - 11 - 01))),
        ];
        let err = check_action_plan(day, None, Some(&early)).unwrap_err();
        assert_eq!(
            err,
            RuleError::invalid(
                "step 3",
                Msg::new("rule-step-before-session-quoted")
                    .arg("step", "c")
                    .arg("date", "2026-11-25")
            )
        );
        let cmd = SessionCommand::SaveAction {
            id: None,
            moment_id: None,
            idea_id: None,
            what: "Faster delivery".into(),
            owner_user_id: None,
            owner_name: "Sam".into(),
            due_on: None,
            target_from: None,
            target_to: None,
            status: ActionStatus::Open,
            steps: Some(vec![
                step("a", None),
                step(&"x".repeat(SessionLimits::STEP + 1), None),
            ]),
        };
        let err = cmd.normalised().unwrap_err();
        assert!(
            matches!(&err, RuleError::Invalid { field: "step 2", msg }
                if msg.key == "rule-too-long" && msg.args[0] == ("length", MsgArg::Int(201))),
            "{err}"
        );
        assert_eq!(step_field(0), "step 1");
        assert_eq!(step_field(SessionLimits::STEPS - 1), "step 12");
    }

    #[test]
    fn the_next_session_is_in_the_future_three_weeks_on_by_default() {
        let day = date!(2026 - 11 - 25);
        assert_eq!(default_next_session(day), date!(2026 - 12 - 16));
        assert!(check_next_session(day, day).is_err());
        assert!(check_next_session(day, date!(2026 - 11 - 24)).is_err());
        assert!(check_next_session(day, date!(2026 - 11 - 26)).is_ok());
    }
}
