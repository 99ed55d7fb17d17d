//! The five-step session: starting one, the per-viewer panel, and the form
//! and fetch posts that run its commands.

use super::{board_visitor, is_fetch};
use crate::auth::Ident;
use crate::error::{AppError, PageError, PageResult};
use crate::extract::{BoardForm, PagePath};
use crate::hub::{render_frame, ChannelCache};
use crate::state::AppState;
use crate::views::session::{panel, PanelCtx};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use mot_core::date;
use mot_core::session::{ActionStatus, Phase, Rating, SessionCommand, SessionSettings, StepDraft};
use mot_core::{Id, Moment};
use mot_store::Committed;
use std::collections::HashMap;

/// The session panel for one viewer: the journey's latest session.
pub async fn session_panel(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    moments: &[Moment],
    extras: &HashMap<Id, mot_store::NoteExtras>,
) -> Result<Markup, AppError> {
    let latest = state
        .store
        .sessions(me.workspace_id, journey_id)
        .await?
        .into_iter()
        .next();
    let view = match &latest {
        Some(s) => Some(
            state
                .store
                .session_view(me.workspace_id, s.id, me.actor.author())
                .await?,
        ),
        None => None,
    };
    let open_actions = state
        .store
        .open_actions(me.workspace_id, journey_id)
        .await?;
    let history = state
        .store
        .rating_history(me.workspace_id, journey_id)
        .await?;
    let audit_scores: HashMap<Id, f64> = extras
        .iter()
        .filter_map(|(k, e)| e.latest_score.map(|s| (*k, s)))
        .collect();
    let ctx = PanelCtx {
        journey_id,
        view: view.as_ref(),
        moments,
        csrf: &me.csrf,
        facilitator: mot_core::session::may_facilitate(me.actor).is_ok(),
        can_take_part: me.actor.may_add_moment(journey_id).is_ok(),
        open_actions: &open_actions,
        history: &history,
        today: date::today(),
        audit_scores: &audit_scores,
    };
    Ok(panel(&ctx))
}

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
    let markup = session_panel(&state, &me, journey_id, &moments, &extras).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], markup).into_response())
}

type Fields = Vec<(String, String)>;

fn field<'a>(f: &'a Fields, name: &str) -> Option<&'a str> {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn required<'a>(f: &'a Fields, name: &'static str) -> Result<&'a str, AppError> {
    field(f, name).ok_or_else(|| AppError::invalid(format!("{name}: is missing")))
}

fn id_of(f: &Fields, name: &'static str) -> Result<Id, AppError> {
    required(f, name)?
        .trim()
        .parse()
        .map_err(|_| AppError::invalid(format!("{name}: is not a valid id")))
}

fn opt_id(f: &Fields, name: &'static str) -> Result<Option<Id>, AppError> {
    super::optional_id(name, field(f, name).unwrap_or(""))
}

fn phase_of(f: &Fields, name: &'static str) -> Result<Phase, AppError> {
    Phase::from_key(required(f, name)?)
        .ok_or_else(|| AppError::invalid(format!("{name}: is not a phase")))
}

fn rating_opt(f: &Fields, name: &'static str) -> Result<Option<Rating>, AppError> {
    match field(f, name).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => Rating::from_key(v).map(Some).ok_or_else(|| {
            AppError::invalid(format!("{name}: must be miserable, neutral or magical"))
        }),
    }
}

fn flag(f: &Fields, name: &str) -> bool {
    matches!(field(f, name), Some("1" | "true" | "on"))
}

/// Reads the ladder textarea: one step per line, `text | YYYY-MM-DD | measure`.
fn steps_of(text: &str) -> Result<Option<Vec<StepDraft>>, AppError> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Ok(None);
    }
    lines
        .into_iter()
        .map(|l| {
            let mut parts = l.split('|').map(str::trim);
            let text = parts.next().unwrap_or("").to_string();
            let target_date = date::parse_opt("steps", parts.next().unwrap_or(""))?;
            let measure = parts.next().unwrap_or("").to_string();
            Ok(StepDraft {
                text,
                target_date,
                measure,
            })
        })
        .collect::<Result<Vec<_>, mot_core::RuleError>>()
        .map(Some)
        .map_err(AppError::from)
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
                Some(s) => Some(
                    s.parse()
                        .map_err(|_| AppError::invalid("seconds: is not a number"))?,
                ),
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
                    v.trim()
                        .parse()
                        .map_err(|_| AppError::invalid("moment_ids: is not a valid id"))
                })
                .collect::<Result<_, _>>()?,
        },
        "rate" => Rate {
            moment_id: id_of(f, "moment_id")?,
            rating: rating_opt(f, "rating")?
                .ok_or_else(|| AppError::invalid("rating: choose Miserable, Neutral or Magical"))?,
            expectation: field(f, "expectation").unwrap_or("").to_string(),
            reality: field(f, "reality").unwrap_or("").to_string(),
        },
        "reveal_ratings" => RevealRatings {
            moment_id: id_of(f, "moment_id")?,
        },
        "record_assessment" => RecordAssessment {
            moment_id: id_of(f, "moment_id")?,
            rating: rating_opt(f, "rating")?,
            issue: field(f, "issue").unwrap_or("").to_string(),
            expectation: field(f, "expectation").unwrap_or("").to_string(),
            reality: field(f, "reality").unwrap_or("").to_string(),
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
                    AppError::invalid("status: must be open, doing, done or dropped")
                })?,
            },
            steps: steps_of(field(f, "steps").unwrap_or(""))?,
        },
        "set_action_status" => SetActionStatus {
            id: id_of(f, "id")?,
            status: ActionStatus::from_key(required(f, "status")?)
                .ok_or_else(|| AppError::invalid("status: must be open, doing, done or dropped"))?,
        },
        "book_next" => BookNext {
            date: date::parse("date", required(f, "date")?)?,
        },
        other => {
            return Err(AppError::invalid(format!(
                "op: unknown operation {other:?}"
            )))
        }
    })
}

/// The one function every entry point calls to change a session; from a
/// board's page, `journey_id` is that board (another board's session is not
/// found). The store checks who may reach the session, in the writer.
pub async fn run_session_command(
    state: &AppState,
    who: &Ident,
    journey_id: Option<Id>,
    session_id: Id,
    cmd: SessionCommand,
) -> Result<Vec<Committed>, AppError> {
    Ok(state
        .store
        .session_command_on(
            who.workspace_id,
            journey_id,
            session_id,
            who.actor,
            &who.name,
            cmd,
        )
        .await?)
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
        run_session_command(&state, &me, Some(journey_id), session_id, cmd).await
    }
    .await;
    match (is_fetch(&headers), result) {
        (true, Ok(changes)) => {
            let body = match changes.last() {
                Some(c) => render_frame(&state.store, c, &mut ChannelCache::default()).await,
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
            Some(v) => v
                .parse()
                .map_err(|_| AppError::invalid(format!("{name}: is not a number"))),
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
    state
        .store
        .start_session(
            me.workspace_id,
            journey_id,
            me.actor,
            field(&f, "title").unwrap_or(""),
            held_on,
            settings,
        )
        .await?;
    Ok(Redirect::to(&format!("/j/{journey_id}#session-panel")).into_response())
}

/// Escapes text for an iCalendar TEXT value (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn ics_fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for ch in line.chars() {
        let w = ch.len_utf8();
        if len + w > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(ch);
        len += w;
    }
    out.push_str("\r\n");
    out
}

/// The next session as an iCalendar file.
pub fn next_session_ics(
    uid: &str,
    summary: &str,
    description: &str,
    day: time::Date,
    stamp: &str,
) -> String {
    let d = date::format(day).replace('-', "");
    let end = date::format(day.next_day().unwrap_or(day)).replace('-', "");
    let mut s = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//mot//Moments of Truth//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{d}"),
        format!("DTEND;VALUE=DATE:{end}"),
        format!("SUMMARY:{}", ics_text(summary)),
        format!("DESCRIPTION:{}", ics_text(description)),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ] {
        s.push_str(&ics_fold(&line));
    }
    s
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
    let s = state
        .store
        .team_session(me.workspace_id, session_id)
        .await?;
    if s.journey_id != journey_id {
        return Err(AppError::not_found("session").into());
    }
    let day = s.next_session_on.ok_or_else(|| {
        AppError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "No next session is booked yet.",
        )
    })?;
    let j = state.store.journey(me.workspace_id, journey_id).await?;
    let host = super::base_url(&state, &headers);
    let stamp = time::OffsetDateTime::now_utc();
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        stamp.year(),
        stamp.month() as u8,
        stamp.day(),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    let body = next_session_ics(
        &format!(
            "mot-session-{}-next@{}",
            s.id,
            host.trim_start_matches("http://")
                .trim_start_matches("https://")
        ),
        &format!("Moments of Truth: {}", j.name),
        &format!("Follow-up of “{}”. Board: {host}/j/{journey_id}", s.title),
        day,
        &stamp,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"next-session.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_lines_are_folded_at_75_octets_and_text_escaped() {
        let day = date::parse("d", "2026-12-16").unwrap();
        let ics = next_session_ics(
            "u1@x",
            "Résumé; ünïcödé, 😀",
            &"é".repeat(80),
            day,
            "20261125T000000Z",
        );
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(ics.contains("DTSTART;VALUE=DATE:20261216"));
        assert!(ics.contains("SUMMARY:Résumé\\; ünïcödé\\, 😀"));
    }

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
}
