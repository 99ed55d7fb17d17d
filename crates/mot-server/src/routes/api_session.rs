//! The five-step session in the JSON API: the same commands and rules as the
//! session panel.

use super::api::{Ctx, ErrorBody};
use super::session::run_session_command;
use crate::error::ApiResult;
use crate::extract::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use mot_core::date;
use mot_core::session::{SessionCommand, SessionSettings, TeamSession};
use mot_core::Id;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sessions, start_session))
        .routes(routes!(get_session))
        .routes(routes!(send_command))
}

#[derive(Serialize, ToSchema)]
pub struct SessionOut {
    id: Id,
    journey_id: Id,
    title: String,
    /// YYYY-MM-DD
    held_on: String,
    /// capture, colour_code, prioritise, assess, ideas, select_plan or wrap_up
    phase: String,
    timer_ends_at: Option<i64>,
    vote_limit: u32,
    multi_vote: bool,
    priority_cap: u32,
    anonymous_ideas: bool,
    votes_revealed: bool,
    next_session_on: Option<String>,
    html_url: String,
}

fn session_out(base: &str, s: TeamSession) -> SessionOut {
    SessionOut {
        html_url: format!("{base}/j/{}#session-panel", s.journey_id),
        id: s.id,
        journey_id: s.journey_id,
        title: s.title,
        held_on: date::format(s.held_on),
        phase: s.phase.key().to_string(),
        timer_ends_at: s.timer_ends_at,
        vote_limit: s.settings.vote_limit,
        multi_vote: s.settings.multi_vote,
        priority_cap: s.settings.priority_cap,
        anonymous_ideas: s.settings.anonymous_ideas,
        votes_revealed: s.votes_revealed,
        next_session_on: s.next_session_on.map(date::format),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct SessionIn {
    title: String,
    /// YYYY-MM-DD; today when left out.
    #[serde(default)]
    held_on: Option<String>,
    #[serde(default)]
    vote_limit: Option<u32>,
    #[serde(default)]
    multi_vote: Option<bool>,
    #[serde(default)]
    priority_cap: Option<u32>,
    #[serde(default)]
    anonymous_ideas: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct SessionStateOut {
    session: SessionOut,
    /// Moment ids you put dots on (one entry per dot).
    my_votes: Vec<Id>,
    dots: u32,
    voters: u32,
    /// The ranked tally, once revealed.
    #[schema(value_type = Option<Vec<Object>>)]
    tally: Option<Vec<mot_core::session::TallyRow>>,
    priorities: Vec<Id>,
    #[schema(value_type = Vec<Object>)]
    ideas: Vec<mot_core::board::IdeaView>,
    #[schema(value_type = Vec<Object>)]
    actions: Vec<mot_core::session::Action>,
}

#[derive(Serialize, ToSchema)]
pub struct CommandOut {
    /// The change-log entries the command committed.
    #[schema(value_type = Vec<Object>)]
    changes: Vec<serde_json::Value>,
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/sessions", tag = "sessions", params(("id" = i64, Path)),
    responses((status = 200, body = [SessionOut]), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_sessions(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<Vec<SessionOut>>> {
    let (me, base) = (c.me, c.base);
    state.store.journey(me.workspace_id, id).await?;
    let list = state.store.sessions(me.workspace_id, id).await?;
    Ok(axum::Json(
        list.into_iter().map(|s| session_out(&base, s)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/journeys/{id}/sessions", tag = "sessions", params(("id" = i64, Path)), request_body = SessionIn,
    responses((status = 201, body = SessionOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn start_session(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<SessionIn>,
) -> ApiResult<(StatusCode, axum::Json<SessionOut>)> {
    let (me, base) = (c.me, c.base);
    let d = SessionSettings::default();
    let settings = SessionSettings {
        vote_limit: body.vote_limit.unwrap_or(d.vote_limit),
        multi_vote: body.multi_vote.unwrap_or(d.multi_vote),
        priority_cap: body.priority_cap.unwrap_or(d.priority_cap),
        anonymous_ideas: body.anonymous_ideas.unwrap_or(d.anonymous_ideas),
    };
    let held_on = match body.held_on {
        Some(h) => date::parse("held_on", &h)?,
        None => date::today(),
    };
    let s = state
        .store
        .start_session(
            me.workspace_id,
            id,
            me.actor,
            &body.title,
            held_on,
            settings,
        )
        .await?;
    Ok((StatusCode::CREATED, axum::Json(session_out(&base, s))))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions", params(("id" = i64, Path)),
    responses((status = 200, body = SessionStateOut), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_session(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<SessionStateOut>> {
    let (me, base) = (c.me, c.base);
    let v = state
        .store
        .session_view(me.workspace_id, id, me.actor.author())
        .await?;
    Ok(axum::Json(SessionStateOut {
        session: session_out(&base, v.session),
        my_votes: v.my_votes,
        dots: v.dots,
        voters: v.voters,
        tally: v.tally,
        priorities: v.priorities,
        ideas: v.ideas,
        actions: v.actions,
    }))
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/commands", tag = "sessions", params(("id" = i64, Path)),
    request_body(content = Object, description = "A session command, e.g. `{\"op\":\"vote\",\"moment_id\":3}`, `{\"op\":\"change_phase\",\"expected\":\"capture\",\"target\":\"colour_code\"}`, `{\"op\":\"add_idea\",\"moment_id\":3,\"text\":\"…\"}`, `{\"op\":\"save_action\",\"what\":\"…\",\"owner_name\":\"Sam\",\"steps\":[{\"text\":\"…\",\"target_date\":\"2027-01-15\"}]}`"),
    responses((status = 200, body = CommandOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn send_command(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(cmd): Json<SessionCommand>,
) -> ApiResult<axum::Json<CommandOut>> {
    let changes = run_session_command(&state, &c.me, None, id, cmd).await?;
    Ok(axum::Json(CommandOut {
        changes: changes
            .into_iter()
            .map(|c| serde_json::json!({"seq": c.seq, "at": c.at, "event": c.event}))
            .collect(),
    }))
}
