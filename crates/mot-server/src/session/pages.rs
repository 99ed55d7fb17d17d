//! The five-step session: starting one, the per-viewer panel, and the form
//! and fetch posts that run its commands.

use crate::board::service::board_visitor;
use crate::hub::{render_frame, ChannelCache};
use crate::session::service::{
    field_name, next_session_file, run_session_command_once, session_panel, start_phase,
};
use crate::state::AppState;
use crate::t;
use crate::web::error::{AppError, PageError, PageResult};
use crate::web::extract::{BoardForm, PagePath};
use crate::web::is_fetch;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::date;
use mot_core::session::{
    step_excerpt, step_field, ActionStatus, Phase, Rating, SessionCommand, SessionLimits,
    SessionSettings, StepDraft,
};
use mot_core::Id;

/// `GET /j/{id}/session-panel`: the panel alone, for live refreshes.
pub async fn show_panel(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
) -> PageResult<Response> {
    let me = match board_visitor(&state, &headers, journey_id).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let moments = state.store.moments(me.workspace_id, journey_id).await?;
    let extras = state
        .store
        .journey_extras(me.workspace_id, journey_id)
        .await?;
    let (markup, _) = session_panel(&state, &me, journey_id, &moments, &extras).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], markup).into_response())
}

type Fields = Vec<(String, String)>;

fn field<'a>(f: &'a Fields, name: &str) -> Option<&'a str> {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn required<'a>(f: &'a Fields, name: &'static str) -> Result<&'a str, AppError> {
    field(f, name)
        .ok_or_else(|| AppError::invalid(t!("session-error-missing", field = field_name(name))))
}

fn id_of(f: &Fields, name: &'static str) -> Result<Id, AppError> {
    required(f, name)?
        .trim()
        .parse()
        .map_err(|_| AppError::invalid(t!("error-bad-id", field = field_name(name))))
}

fn opt_id(f: &Fields, name: &'static str) -> Result<Option<Id>, AppError> {
    crate::web::optional_id(name, field(f, name).unwrap_or(""))
}

fn phase_of(f: &Fields, name: &'static str) -> Result<Phase, AppError> {
    Phase::from_key(required(f, name)?)
        .ok_or_else(|| AppError::invalid(t!("session-error-not-a-phase", field = field_name(name))))
}

fn rating_opt(f: &Fields, name: &'static str) -> Result<Option<Rating>, AppError> {
    match field(f, name).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => Rating::from_key(v).map(Some).ok_or_else(|| {
            AppError::invalid(t!("session-error-not-a-rating", field = field_name(name)))
        }),
    }
}

fn flag(f: &Fields, name: &str) -> bool {
    matches!(field(f, name), Some("1" | "true" | "on"))
}

/// Reads the ladder textarea of older pages: one step per line,
/// `text | YYYY-MM-DD | measure`; an error names the step ("step 2: ...").
fn steps_of(text: &str) -> Result<Option<Vec<StepDraft>>, AppError> {
    let rows: Vec<(String, String, String)> = text
        .lines()
        .map(|l| {
            let mut parts = l.split('|').map(str::trim);
            let mut next = || parts.next().unwrap_or("").to_string();
            (next(), next(), next())
        })
        .collect();
    ladder_of(rows)
}

/// Reads the ladder's rows (`step_text`, `step_date`, `step_measure`, one of
/// each per row, in order). Blank rows are left out; the steps are numbered
/// as they remain, as the page numbers them.
fn step_rows(f: &Fields) -> Result<Option<Vec<StepDraft>>, AppError> {
    fn all<'a>(f: &'a Fields, name: &str) -> Vec<&'a str> {
        f.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
    let (texts, dates, measures) = (
        all(f, "step_text"),
        all(f, "step_date"),
        all(f, "step_measure"),
    );
    let n = texts.len().max(dates.len()).max(measures.len());
    let cell = |list: &[&str], i: usize| list.get(i).copied().unwrap_or("").to_string();
    ladder_of(
        (0..n)
            .map(|i| (cell(&texts, i), cell(&dates, i), cell(&measures, i)))
            .collect(),
    )
}

/// Steps from (text, date, measure) rows: blank rows dropped, too many rows
/// refused before any is read, a bad date named by its step.
fn ladder_of(rows: Vec<(String, String, String)>) -> Result<Option<Vec<StepDraft>>, AppError> {
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|(t, d, m)| !(t.trim().is_empty() && d.trim().is_empty() && m.trim().is_empty()))
        .collect();
    if rows.is_empty() {
        return Ok(None);
    }
    if rows.len() > SessionLimits::STEPS {
        return Err(AppError::invalid(t!(
            "session-error-too-many-steps",
            field = field_name("steps"),
            limit = SessionLimits::STEPS
        )));
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, (text, day, measure))| {
            Ok(StepDraft {
                text: text.trim().to_string(),
                target_date: date::parse_opt(step_field(i), &day)
                    .map_err(|_| bad_step_date(i, &text))?,
                measure: measure.trim().to_string(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()
        .map(Some)
}

/// A step's date that is not a date, the step named by its number and, when
/// it has any, its words (the numbering skips blank rows):
/// "step 2: must be a date like 2026-12-16 (“Deliver in 7 days”)".
fn bad_step_date(index: usize, text: &str) -> AppError {
    let step = t!("session-step-field", n = index + 1);
    AppError::invalid(match step_excerpt(text) {
        Some(words) => t!("session-error-step-date-quoted", field = step, step = words),
        None => t!("session-error-step-date", field = step),
    })
}

/// Turns a posted form into a session command.
pub fn command_from_form(f: &Fields) -> Result<SessionCommand, AppError> {
    use SessionCommand::*;
    Ok(match required(f, "op")? {
        "change_phase" => ChangePhase {
            expected: phase_of(f, "expected")?,
            target: phase_of(f, "target")?,
        },
        "set_timer" => SetTimer {
            seconds: match field(f, "seconds").map(str::trim).filter(|s| !s.is_empty()) {
                None => None,
                Some(s) => Some(s.parse().map_err(|_| {
                    AppError::invalid(t!(
                        "session-error-not-a-number",
                        field = field_name("seconds")
                    ))
                })?),
            },
        },
        "mark_done" => MarkDone {
            done: flag(f, "done"),
        },
        "vote" => Vote {
            moment_id: id_of(f, "moment_id")?,
        },
        "unvote" => Unvote {
            moment_id: id_of(f, "moment_id")?,
        },
        "reveal_votes" => RevealVotes,
        "set_priorities" => SetPriorities {
            moment_ids: f
                .iter()
                .filter(|(k, _)| k == "moment_ids")
                .map(|(_, v)| {
                    v.trim().parse().map_err(|_| {
                        AppError::invalid(t!("error-bad-id", field = field_name("moment_ids")))
                    })
                })
                .collect::<Result<_, _>>()?,
        },
        "rate" => Rate {
            moment_id: id_of(f, "moment_id")?,
            rating: rating_opt(f, "rating")?.ok_or_else(|| {
                AppError::invalid(t!(
                    "session-error-choose-rating",
                    field = field_name("rating")
                ))
            })?,
            expectation: field(f, "expectation").unwrap_or("").to_string(),
            reality: field(f, "reality").unwrap_or("").to_string(),
        },
        "reveal_ratings" => RevealRatings {
            moment_id: id_of(f, "moment_id")?,
        },
        "record_assessment" => RecordAssessment {
            moment_id: id_of(f, "moment_id")?,
            rating: rating_opt(f, "rating")?,
            issue: field(f, "issue").map(str::to_string),
            expectation: field(f, "expectation").map(str::to_string),
            reality: field(f, "reality").map(str::to_string),
        },
        "add_idea" => AddIdea {
            moment_id: id_of(f, "moment_id")?,
            text: required(f, "text")?.to_string(),
        },
        "edit_idea" => EditIdea {
            id: id_of(f, "id")?,
            text: required(f, "text")?.to_string(),
        },
        "remove_idea" => RemoveIdea {
            id: id_of(f, "id")?,
        },
        "toggle_merit" => ToggleMerit {
            idea_id: id_of(f, "idea_id")?,
        },
        "pick_idea" => PickIdea {
            idea_id: id_of(f, "idea_id")?,
            picked: flag(f, "picked"),
        },
        "save_action" => SaveAction {
            id: opt_id(f, "id")?,
            moment_id: opt_id(f, "moment_id")?,
            idea_id: opt_id(f, "idea_id")?,
            what: required(f, "what")?.to_string(),
            owner_user_id: opt_id(f, "owner_user_id")?,
            owner_name: field(f, "owner_name").unwrap_or("").to_string(),
            due_on: date::parse_opt("due_on", field(f, "due_on").unwrap_or(""))?,
            target_from: rating_opt(f, "target_from")?,
            target_to: rating_opt(f, "target_to")?,
            status: match field(f, "status").filter(|s| !s.is_empty()) {
                None => ActionStatus::Open,
                Some(s) => ActionStatus::from_key(s).ok_or_else(|| {
                    AppError::invalid(t!(
                        "session-error-not-a-status",
                        field = field_name("status")
                    ))
                })?,
            },
            steps: match field(f, "steps") {
                Some(text) if !text.trim().is_empty() => steps_of(text)?,
                _ => step_rows(f)?,
            },
        },
        "set_action_status" => SetActionStatus {
            id: id_of(f, "id")?,
            status: ActionStatus::from_key(required(f, "status")?).ok_or_else(|| {
                AppError::invalid(t!(
                    "session-error-not-a-status",
                    field = field_name("status")
                ))
            })?,
        },
        "book_next" => BookNext {
            date: date::parse("date", required(f, "date")?)?,
        },
        other => {
            return Err(AppError::invalid(t!(
                "session-error-unknown-op",
                field = field_name("op"),
                op = format!("{other:?}")
            )))
        }
    })
}

/// `POST /j/{jid}/sessions/{sid}`: one session command from a form or fetch.
pub async fn post_session_command(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, session_id)): PagePath<(Id, Id)>,
    BoardForm(fields): BoardForm<Fields>,
) -> Response {
    let me = match board_visitor(&state, &headers, journey_id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let result = async {
        me.check_csrf(&headers, field(&fields, "_csrf"))?;
        let cmd = command_from_form(&fields)?;
        let rid = crate::web::request_id_of(&headers, field(&fields, "_rid").unwrap_or(""));
        run_session_command_once(&state, &me, Some(journey_id), session_id, cmd, rid).await
    }
    .await;
    match (is_fetch(&headers), result) {
        (true, Ok(changes)) => {
            let body = match changes.last() {
                Some(c) => {
                    render_frame(
                        &state.store,
                        c,
                        &mut ChannelCache::default(),
                        crate::web::i18n::lang(),
                    )
                    .await
                }
                None => r#"{"ok":true}"#.to_string(),
            };
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response()
        }
        (true, Err(e)) => e.into_response(),
        (false, Ok(_)) => Redirect::to(&format!("/j/{journey_id}#session-panel")).into_response(),
        (false, Err(e)) => PageError(e).into_response(),
    }
}

/// `POST /j/{jid}/sessions`: a facilitator starts a session.
pub async fn start_session(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    BoardForm(f): BoardForm<Fields>,
) -> PageResult<Response> {
    let me = match board_visitor(&state, &headers, journey_id).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    me.check_csrf(&headers, field(&f, "_csrf"))?;
    let number = |name: &'static str, default: u32| -> Result<u32, AppError> {
        match field(&f, name).map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| {
                AppError::invalid(t!("session-error-not-a-number", field = field_name(name)))
            }),
        }
    };
    let d = SessionSettings::default();
    let settings = SessionSettings {
        vote_limit: number("vote_limit", d.vote_limit)?,
        priority_cap: number("priority_cap", d.priority_cap)?,
        multi_vote: flag(&f, "multi_vote"),
        anonymous_ideas: flag(&f, "anonymous_ideas"),
    };
    let held_on =
        date::parse_opt("held_on", field(&f, "held_on").unwrap_or(""))?.unwrap_or_else(date::today);
    let start = start_phase(field(&f, "phase"))?;
    let rid = crate::web::request_id_of(&headers, field(&f, "_rid").unwrap_or(""));
    let once = crate::web::client_request(me.actor, rid)?;
    state
        .store
        .once(once)
        .start_session_at(
            me.workspace_id,
            journey_id,
            me.actor,
            field(&f, "title").unwrap_or(""),
            held_on,
            settings,
            start,
        )
        .await?;
    Ok(Redirect::to(&format!("/j/{journey_id}#session-panel")).into_response())
}

/// `GET /j/{jid}/sessions/{sid}/next.ics`.
pub async fn next_ics(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, session_id)): PagePath<(Id, Id)>,
) -> PageResult<Response> {
    let me = match board_visitor(&state, &headers, journey_id).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let host = crate::web::base_url(&state.settings, &headers);
    Ok(next_session_file(&state, &me, &host, journey_id, session_id).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_become_commands() {
        let f: Fields = vec![
            ("op".into(), "set_priorities".into()),
            ("moment_ids".into(), "3".into()),
            ("moment_ids".into(), "5".into()),
        ];
        assert_eq!(
            command_from_form(&f).unwrap(),
            SessionCommand::SetPriorities {
                moment_ids: vec![3, 5]
            }
        );
        let f: Fields = vec![("op".into(), "nope".into())];
        assert!(command_from_form(&f).is_err());
        assert_eq!(
            steps_of("a | 2027-01-01 | m\n\n b").unwrap().unwrap().len(),
            2
        );
        assert!(steps_of("a | 2027-13-01").is_err());
    }

    #[test]
    fn ladder_rows_skip_blank_rows_and_name_the_step_with_a_bad_date() {
        let row = |t: &str, d: &str, m: &str| -> Fields {
            vec![
                ("step_text".into(), t.into()),
                ("step_date".into(), d.into()),
                ("step_measure".into(), m.into()),
            ]
        };
        let mut f = row("Deliver in 10 days", "2027-03-01", "10 days");
        f.extend(row("", "", ""));
        f.extend(row("Deliver in 7 days", "", ""));
        let steps = step_rows(&f).unwrap().unwrap();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[1].text, "Deliver in 7 days");
        assert_eq!(steps[0].measure, "10 days");
        assert_eq!(step_rows(&row("", " ", "")).unwrap(), None);
        f.extend(row("Money back", "2027-02-30", ""));
        let err = step_rows(&f).unwrap_err();
        assert_eq!(
            err.message,
            "step 3: must be a date like 2026-12-16 (“Money back”)"
        );
        let err = steps_of("a | 2027-01-01\nb | soon").unwrap_err();
        assert!(
            err.message.starts_with("step 2: must be a date"),
            "{}",
            err.message
        );
    }
}
