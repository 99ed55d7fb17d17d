//! What a session keeps (the session, its ideas, actions and their steps),
//! the limits of its texts, and the commands that change it.

use super::action::measure_error;
#[cfg(feature = "openapi")]
use super::limits::fields;
use super::limits::SessionLimits;
use super::{may_facilitate, step_field, ActionStatus, Phase, Rating, SessionSettings, StepDraft};
use crate::access::{Actor, Author, Role};
use crate::text::{Msg, RuleError};
use crate::Id;
use serde::{Deserialize, Serialize};
use time::Date;

/// A session on a journey, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamSession {
    pub id: Id,
    pub workspace_id: Id,
    pub journey_id: Id,
    pub title: String,
    #[serde(with = "crate::date::iso")]
    pub held_on: Date,
    pub phase: Phase,
    /// When the facilitator's countdown for this phase ends (ms since epoch).
    pub timer_ends_at: Option<crate::Millis>,
    pub settings: SessionSettings,
    pub votes_revealed: bool,
    #[serde(with = "crate::date::iso_opt")]
    pub next_session_on: Option<Date>,
    pub created_at: crate::Millis,
}

/// An idea for improving a priority moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Idea {
    pub id: Id,
    pub session_id: Id,
    pub moment_id: Id,
    pub author: Author,
    pub author_name: String,
    pub text: String,
    pub merits: u32,
    pub picked: bool,
    pub created_at: crate::Millis,
}

/// A step of an action's ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: Id,
    pub text: String,
    #[serde(with = "crate::date::iso_opt")]
    pub target_on: Option<Date>,
    pub measure: String,
    pub done: bool,
}

/// Who does what by when, to move a moment's rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: Id,
    pub journey_id: Id,
    /// The session that planned it; none for an action opened from a
    /// customer-feedback alert before the journey's first session.
    pub session_id: Option<Id>,
    pub moment_id: Option<Id>,
    pub idea_id: Option<Id>,
    pub what: String,
    pub owner_user_id: Option<Id>,
    pub owner_name: String,
    #[serde(with = "crate::date::iso_opt")]
    pub due_on: Option<Date>,
    pub target_from: Option<Rating>,
    pub target_to: Option<Rating>,
    pub status: ActionStatus,
    pub steps: Vec<Step>,
    pub updated_at: crate::Millis,
}

/// Everything that changes a session. Every entry point turns its input into one of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum SessionCommand {
    ChangePhase {
        expected: Phase,
        target: Phase,
    },
    /// Starts (or with `None` stops) the shared countdown of the current phase.
    SetTimer {
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::timer))]
        seconds: Option<u32>,
    },
    MarkDone {
        done: bool,
    },
    Vote {
        moment_id: Id,
    },
    Unvote {
        moment_id: Id,
    },
    RevealVotes,
    SetPriorities {
        moment_ids: Vec<Id>,
    },
    Rate {
        moment_id: Id,
        rating: Rating,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::note))]
        expectation: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::note))]
        reality: String,
    },
    RevealRatings {
        moment_id: Id,
    },
    /// The agreed rating, and what the team agreed customers expect, what
    /// happens now and the issue; a text left out keeps what was recorded.
    RecordAssessment {
        moment_id: Id,
        rating: Option<Rating>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::issue))]
        issue: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::note))]
        expectation: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::note))]
        reality: Option<String>,
    },
    AddIdea {
        moment_id: Id,
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::idea))]
        text: String,
    },
    EditIdea {
        id: Id,
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::idea))]
        text: String,
    },
    RemoveIdea {
        id: Id,
    },
    ToggleMerit {
        idea_id: Id,
    },
    PickIdea {
        idea_id: Id,
        picked: bool,
    },
    SaveAction {
        #[serde(default)]
        id: Option<Id>,
        #[serde(default)]
        moment_id: Option<Id>,
        #[serde(default)]
        idea_id: Option<Id>,
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::action))]
        what: String,
        #[serde(default)]
        owner_user_id: Option<Id>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::owner))]
        owner_name: String,
        #[serde(default, with = "crate::date::iso_opt")]
        #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::date_or_null))]
        due_on: Option<Date>,
        #[serde(default)]
        target_from: Option<Rating>,
        #[serde(default)]
        target_to: Option<Rating>,
        #[serde(default = "open_status")]
        status: ActionStatus,
        /// A ladder of small steps; leave out for none.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = super::action::steps_schema))]
        steps: Option<Vec<StepDraft>>,
    },
    SetActionStatus {
        id: Id,
        status: ActionStatus,
    },
    BookNext {
        #[serde(with = "crate::date::iso")]
        #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::date))]
        date: Date,
    },
}

fn open_status() -> ActionStatus {
    ActionStatus::Open
}

impl SessionCommand {
    /// Checks and cleans the texts of a command.
    pub fn normalised(self) -> Result<SessionCommand, RuleError> {
        use crate::text::{optional_text, required_line};
        use SessionCommand::*;
        Ok(match self {
            SetTimer { seconds: Some(s) } if s == 0 || s > SessionLimits::TIMER_SECONDS => {
                return Err(RuleError::invalid("seconds", Msg::new("rule-timer-range")))
            }
            Rate {
                moment_id,
                rating,
                expectation,
                reality,
            } => Rate {
                moment_id,
                rating,
                expectation: optional_text("expectation", &expectation, SessionLimits::NOTE)?,
                reality: optional_text("reality", &reality, SessionLimits::NOTE)?,
            },
            RecordAssessment {
                moment_id,
                rating,
                issue,
                expectation,
                reality,
            } => RecordAssessment {
                moment_id,
                rating,
                issue: issue
                    .map(|t| optional_text("issue", &t, SessionLimits::ISSUE))
                    .transpose()?,
                expectation: expectation
                    .map(|t| optional_text("expectation", &t, SessionLimits::NOTE))
                    .transpose()?,
                reality: reality
                    .map(|t| optional_text("reality", &t, SessionLimits::NOTE))
                    .transpose()?,
            },
            AddIdea { moment_id, text } => AddIdea {
                moment_id,
                text: required_line(
                    "text",
                    &text.replace(['\r', '\n'], " "),
                    SessionLimits::IDEA,
                )?,
            },
            EditIdea { id, text } => EditIdea {
                id,
                text: required_line(
                    "text",
                    &text.replace(['\r', '\n'], " "),
                    SessionLimits::IDEA,
                )?,
            },
            SaveAction {
                id,
                moment_id,
                idea_id,
                what,
                owner_user_id,
                owner_name,
                due_on,
                target_from,
                target_to,
                status,
                steps,
            } => {
                let steps = match steps {
                    None => None,
                    Some(list) => {
                        if list.len() > SessionLimits::STEPS {
                            return Err(RuleError::invalid(
                                "steps",
                                Msg::new("rule-too-many-steps").arg("limit", SessionLimits::STEPS),
                            ));
                        }
                        let mut out = Vec::with_capacity(list.len());
                        for (i, s) in list.into_iter().enumerate() {
                            let field = step_field(i);
                            out.push(StepDraft {
                                text: required_line(field, &s.text, SessionLimits::STEP)?,
                                target_date: s.target_date,
                                measure: optional_text(field, &s.measure, SessionLimits::MEASURE)
                                    .map_err(measure_error)?,
                            });
                        }
                        Some(out)
                    }
                };
                let owner_name = owner_name.trim().to_string();
                if owner_user_id.is_none() && owner_name.is_empty() {
                    return Err(RuleError::invalid("owner", Msg::new("rule-owner-missing")));
                }
                SaveAction {
                    id,
                    moment_id,
                    idea_id,
                    what: required_line("what", &what, SessionLimits::ACTION)?,
                    owner_user_id,
                    owner_name: if owner_name.is_empty() {
                        owner_name
                    } else {
                        required_line("owner", &owner_name, SessionLimits::OWNER)?
                    },
                    due_on,
                    target_from,
                    target_to,
                    status,
                    steps,
                }
            }
            other => other,
        })
    }

    /// Whether only the facilitator may send this command.
    pub fn facilitator_only(&self) -> bool {
        use SessionCommand::*;
        matches!(
            self,
            ChangePhase { .. }
                | SetTimer { .. }
                | RevealVotes
                | SetPriorities { .. }
                | RevealRatings { .. }
                | RecordAssessment { .. }
                | PickIdea { .. }
                | SaveAction { .. }
                | SetActionStatus { .. }
                | BookNext { .. }
        )
    }
}

/// A guest or viewer may take part but not lead; checks the facilitator-only commands.
pub fn check_command_allowed(actor: Actor, cmd: &SessionCommand) -> Result<(), RuleError> {
    if let Actor::Member {
        role: Role::Viewer, ..
    } = actor
    {
        return Err(RuleError::Forbidden(Msg::new(
            "rule-viewer-cannot-take-part",
        )));
    }
    if cmd.facilitator_only() {
        may_facilitate(actor)?;
    }
    Ok(())
}
