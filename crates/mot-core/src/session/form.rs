//! The contact planning form: the session's main output.

use super::{Action, ActionStatus, Rating, TeamSession};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::Date;

/// One row of the contact planning form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormRow {
    pub moment_id: Id,
    /// Moment of truth.
    pub moment: String,
    pub description: String,
    /// What the team agreed customers expect.
    #[serde(default)]
    pub expectation: String,
    /// What the team agreed happens now.
    #[serde(default)]
    pub reality: String,
    /// Issue / problem.
    pub issue: String,
    /// Ranking: the agreed rating.
    pub ranking: Option<Rating>,
    /// The actions agreed for this moment (not the dropped ones), in the
    /// order given, each with its ladder of small steps: their parts, for
    /// each output to word in its reader's language.
    pub actions: Vec<FormAction>,
    pub priority: bool,
}

/// What a session agreed about one priority moment, as the form shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Agreed {
    pub rating: Option<Rating>,
    pub issue: String,
    pub expectation: String,
    pub reality: String,
}

/// One action as the form's Action cell shows it: who does what by when,
/// and its ladder of small steps, in order (each output words it in its
/// language, e.g. "what (who, by when)", then a line per step).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormAction {
    pub what: String,
    /// Who does it: the owner's name.
    pub owner: String,
    #[serde(default, with = "crate::date::iso_opt")]
    pub due: Option<Date>,
    #[serde(default)]
    pub steps: Vec<FormStep>,
}

/// One small step of an action's ladder, as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormStep {
    pub text: String,
    /// The step's target date.
    #[serde(default, with = "crate::date::iso_opt")]
    pub target: Option<Date>,
    /// A measurable target; empty for none.
    #[serde(default)]
    pub measure: String,
    /// Whether the step has been taken.
    pub done: bool,
}

impl From<&Action> for FormAction {
    fn from(a: &Action) -> FormAction {
        FormAction {
            what: a.what.clone(),
            owner: a.owner_name.clone(),
            due: a.due_on,
            steps: a
                .steps
                .iter()
                .map(|st| FormStep {
                    text: st.text.clone(),
                    target: st.target_on,
                    measure: st.measure.clone(),
                    done: st.done,
                })
                .collect(),
        }
    }
}

/// The rows of one contact type (channel).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormGroup {
    /// The rows' channel; `None` for the moments that have none yet (each
    /// output names that group in its language: "No channel yet").
    pub channel: Option<FormChannel>,
    pub rows: Vec<FormRow>,
}

/// A channel as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormChannel {
    pub name: String,
    /// The channel's short label.
    pub icon: String,
}

/// The contact planning form: the session's main output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanningForm {
    pub business: String,
    pub journey: String,
    pub session: String,
    #[serde(with = "crate::date::iso")]
    pub held_on: Date,
    pub groups: Vec<FormGroup>,
}

/// What the form needs to know about one moment on the board.
pub struct FormMoment<'a> {
    pub id: Id,
    pub title: &'a str,
    pub description: &'a str,
    /// The channel's (position, name, icon), if it has one.
    pub channel: Option<(i64, &'a str, &'a str)>,
}

/// Builds the form: one row per moment, grouped by channel as the worksheet
/// does (groups holding priorities first, then by channel order, the moments
/// without a channel last), priority moments first within each group (in
/// priority order), then the board's order.
pub fn build_form(
    business: &str,
    journey: &str,
    session: &TeamSession,
    moments: &[FormMoment<'_>],
    priorities: &[Id],
    assessed: &HashMap<Id, Agreed>,
    actions: &[Action],
) -> PlanningForm {
    let prio_rank = |id: Id| priorities.iter().position(|p| *p == id);
    let mut groups: Vec<(Option<i64>, FormGroup)> = Vec::new();
    for m in moments {
        let key = m.channel.map(|c| c.0);
        let name = m.channel.map(|c| c.1);
        let idx = match groups
            .iter()
            .position(|(k, g)| *k == key && g.channel.as_ref().map(|c| c.name.as_str()) == name)
        {
            Some(i) => i,
            None => {
                groups.push((
                    key,
                    FormGroup {
                        channel: m.channel.map(|(_, name, icon)| FormChannel {
                            name: name.to_string(),
                            icon: icon.to_string(),
                        }),
                        rows: Vec::new(),
                    },
                ));
                groups.len() - 1
            }
        };
        let agreed = assessed.get(&m.id).cloned().unwrap_or_default();
        let actions = actions
            .iter()
            .filter(|a| a.moment_id == Some(m.id) && a.status != ActionStatus::Dropped)
            .map(FormAction::from)
            .collect();
        groups[idx].1.rows.push(FormRow {
            moment_id: m.id,
            moment: m.title.to_string(),
            description: m.description.to_string(),
            expectation: agreed.expectation,
            reality: agreed.reality,
            issue: agreed.issue,
            ranking: agreed.rating,
            actions,
            priority: prio_rank(m.id).is_some(),
        });
    }
    for (_, g) in &mut groups {
        // Stable sort keeps the board's order among equals.
        g.rows
            .sort_by_key(|r| prio_rank(r.moment_id).unwrap_or(usize::MAX));
    }
    groups.sort_by_key(|(k, g)| {
        (
            !g.rows.iter().any(|r| r.priority),
            k.is_none(),
            k.unwrap_or(i64::MAX),
        )
    });
    PlanningForm {
        business: business.to_string(),
        journey: journey.to_string(),
        session: session.title.clone(),
        held_on: session.held_on,
        groups: groups.into_iter().map(|(_, g)| g).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Phase, SessionSettings, Step};
    use time::macros::date;

    #[test]
    fn the_form_groups_by_channel_with_priorities_first() {
        let session = TeamSession {
            id: 1,
            workspace_id: 1,
            journey_id: 1,
            title: "S".into(),
            held_on: date!(2026 - 11 - 25),
            phase: Phase::WrapUp,
            timer_ends_at: None,
            settings: SessionSettings::default(),
            votes_revealed: true,
            next_session_on: None,
            created_at: 0,
        };
        let m = |id, title, channel| FormMoment {
            id,
            title,
            description: "",
            channel,
        };
        let web = Some((10, "Website", "WEB"));
        let f2f = Some((0, "Face-to-face, 1-on-1", "F2F"));
        let moments = [
            m(1, "Finds us", web),
            m(2, "Walks in", f2f),
            m(3, "Pays", f2f),
            m(4, "Gets a letter", None),
            m(5, "Reads reviews", web),
        ];
        let mut assessed = HashMap::new();
        assessed.insert(
            5,
            Agreed {
                rating: Some(Rating::Miserable),
                issue: "Old reviews".into(),
                ..Agreed::default()
            },
        );
        let action = Action {
            id: 1,
            journey_id: 1,
            session_id: Some(1),
            moment_id: Some(5),
            idea_id: None,
            what: "Answer reviews".into(),
            owner_user_id: None,
            owner_name: "Sam".into(),
            due_on: Some(date!(2026 - 12 - 01)),
            target_from: None,
            target_to: None,
            status: ActionStatus::Open,
            steps: vec![],
            updated_at: 0,
        };
        let form = build_form("B", "J", &session, &moments, &[5, 3], &assessed, &[action]);
        let order: Vec<(Option<&str>, Vec<Id>)> = form
            .groups
            .iter()
            .map(|g| {
                (
                    g.channel.as_ref().map(|c| c.name.as_str()),
                    g.rows.iter().map(|r| r.moment_id).collect(),
                )
            })
            .collect();
        assert_eq!(
            order,
            [
                (Some("Face-to-face, 1-on-1"), vec![3, 2]),
                (Some("Website"), vec![5, 1]),
                (None, vec![4])
            ]
        );
        assert_eq!(
            form.groups[1].channel,
            Some(FormChannel {
                name: "Website".into(),
                icon: "WEB".into()
            })
        );
        let r = &form.groups[1].rows[0];
        assert_eq!(
            (
                r.ranking,
                r.issue.as_str(),
                r.actions.as_slice(),
                r.priority
            ),
            (
                Some(Rating::Miserable),
                "Old reviews",
                &[FormAction {
                    what: "Answer reviews".into(),
                    owner: "Sam".into(),
                    due: Some(date!(2026 - 12 - 01)),
                    steps: vec![],
                }][..],
                true
            )
        );
        assert_eq!(
            (r.expectation.as_str(), r.reality.as_str()),
            ("", ""),
            "no expectation agreed"
        );
    }

    fn step(text: &str, on: Option<Date>, measure: &str, done: bool) -> Step {
        Step {
            id: 0,
            text: text.into(),
            target_on: on,
            measure: measure.into(),
            done,
        }
    }

    #[test]
    fn the_form_carries_the_agreed_expectation_and_each_actions_ladder_in_order() {
        let session = TeamSession {
            id: 1,
            workspace_id: 1,
            journey_id: 1,
            title: "S".into(),
            held_on: date!(2026 - 11 - 25),
            phase: Phase::WrapUp,
            timer_ends_at: None,
            settings: SessionSettings::default(),
            votes_revealed: true,
            next_session_on: None,
            created_at: 0,
        };
        let moments = [FormMoment {
            id: 7,
            title: "Delivery",
            description: "",
            channel: None,
        }];
        let mut assessed = HashMap::new();
        assessed.insert(
            7,
            Agreed {
                rating: Some(Rating::Miserable),
                issue: "Too slow".into(),
                expectation: "A week at most".into(),
                reality: "Two weeks".into(),
            },
        );
        let action = |id, what: &str, steps| Action {
            id,
            journey_id: 1,
            session_id: Some(1),
            moment_id: Some(7),
            idea_id: None,
            what: what.into(),
            owner_user_id: None,
            owner_name: "Dana".into(),
            due_on: None,
            target_from: None,
            target_to: None,
            status: ActionStatus::Open,
            steps,
            updated_at: 0,
        };
        let ladder = vec![
            step(
                "Deliver in 10 days",
                Some(date!(2027 - 01 - 01)),
                "delivery time 10 days",
                true,
            ),
            step("Deliver in 7 days", Some(date!(2027 - 06 - 01)), "", false),
            step("Money-back guarantee if not in 7", None, "", false),
        ];
        let form = build_form(
            "B",
            "J",
            &session,
            &moments,
            &[7],
            &assessed,
            &[
                action(1, "Deliver faster", ladder),
                action(2, "Call ahead", vec![]),
            ],
        );
        let r = &form.groups[0].rows[0];
        assert_eq!(
            (r.expectation.as_str(), r.reality.as_str()),
            ("A week at most", "Two weeks")
        );
        assert_eq!(r.issue, "Too slow");
        let form_step = |text: &str, target, measure: &str, done| FormStep {
            text: text.into(),
            target,
            measure: measure.into(),
            done,
        };
        // In order, with the parts each output words in its language (the
        // exports' tests check the words).
        assert_eq!(
            r.actions,
            [
                FormAction {
                    what: "Deliver faster".into(),
                    owner: "Dana".into(),
                    due: None,
                    steps: vec![
                        form_step(
                            "Deliver in 10 days",
                            Some(date!(2027 - 01 - 01)),
                            "delivery time 10 days",
                            true
                        ),
                        form_step("Deliver in 7 days", Some(date!(2027 - 06 - 01)), "", false),
                        form_step("Money-back guarantee if not in 7", None, "", false),
                    ],
                },
                FormAction {
                    what: "Call ahead".into(),
                    owner: "Dana".into(),
                    due: None,
                    steps: vec![],
                },
            ]
        );
    }
}
