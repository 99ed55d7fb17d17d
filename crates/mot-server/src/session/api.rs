//! The five-step session in the JSON API: the same commands and rules as the
//! session panel.

use crate::auth::Ctx;
use crate::session::service::form_download;
use crate::session::service::next_session_file;
use crate::session::service::planning_form;
use crate::session::service::run_session_command_once;
use crate::state::AppState;
use crate::web::api::ErrorBody;
use crate::web::error::ApiResult;
use crate::web::extract::{Json, Path};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
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
        .routes(routes!(get_form))
        .routes(routes!(get_next_session))
}

/// A file format of the contact planning form.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum FormFormat {
    Pdf,
    Xlsx,
    Csv,
    Md,
}

impl FormFormat {
    fn ext(self) -> &'static str {
        match self {
            FormFormat::Pdf => "pdf",
            FormFormat::Xlsx => "xlsx",
            FormFormat::Csv => "csv",
            FormFormat::Md => "md",
        }
    }
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
    #[schema(schema_with = fields::title)]
    title: String,
    /// YYYY-MM-DD; today when left out, null or empty.
    #[serde(default)]
    #[schema(schema_with = fields::held_on)]
    held_on: Option<String>,
    #[serde(default)]
    #[schema(schema_with = fields::vote_limit)]
    vote_limit: Option<u32>,
    #[serde(default)]
    multi_vote: Option<bool>,
    #[serde(default)]
    #[schema(schema_with = fields::priority_cap)]
    priority_cap: Option<u32>,
    #[serde(default)]
    anonymous_ideas: Option<bool>,
    /// The phase to start at: capture (the default), colour_code, prioritise,
    /// assess, ideas, select_plan or wrap_up. A board with notes may skip
    /// ahead; from assess on, the priorities of the journey's last session
    /// carry over (409 when there are none).
    #[serde(default)]
    phase: Option<String>,
}

/// One person's revealed answer, without who gave it.
#[derive(Serialize, ToSchema)]
pub struct AnswerOut {
    /// miserable, neutral or magical
    rating: String,
    /// What they said customers expect.
    expectation: String,
    /// What they said happens now.
    reality: String,
}

/// A priority moment's assessment in this session.
#[derive(Serialize, ToSchema)]
pub struct AssessmentOut {
    moment_id: Id,
    /// Whether the private ratings have been revealed.
    revealed: bool,
    /// How many people rated it.
    count: u32,
    /// The spread of the private ratings, once revealed.
    #[schema(value_type = Option<Object>)]
    spread: Option<mot_core::session::Spread>,
    /// Everyone's answers that say something, once revealed, Miserable first.
    answers: Vec<AnswerOut>,
    /// The agreed rating: miserable, neutral or magical.
    rating: Option<String>,
    /// What the team agreed customers expect.
    expectation: String,
    /// What the team agreed happens now.
    reality: String,
    /// The issue / problem.
    issue: String,
    /// The agreed rating of this moment in the last session before this one.
    last_rating: Option<String>,
}

fn assessment_out(a: mot_store::Assessment) -> AssessmentOut {
    AssessmentOut {
        moment_id: a.moment_id,
        revealed: a.revealed,
        count: a.count,
        spread: a.spread,
        answers: a
            .answers
            .into_iter()
            .map(|x| AnswerOut {
                rating: x.rating.key().to_string(),
                expectation: x.expectation,
                reality: x.reality,
            })
            .collect(),
        rating: a.rating.map(|r| r.key().to_string()),
        expectation: a.expectation,
        reality: a.reality,
        issue: a.issue,
        last_rating: a.last_rating.map(|r| r.key().to_string()),
    }
}

/// Schemas of the input fields, from mot-core's limits.
mod fields {
    use mot_core::schema::{self, or_null};
    use mot_core::session::SessionLimits;
    use utoipa::openapi::schema::Object;

    pub fn title() -> Object {
        schema::line(SessionLimits::TITLE)
    }
    pub fn held_on() -> Object {
        schema::date_or_empty()
    }
    pub fn vote_limit() -> Object {
        or_null(schema::integer(1, SessionLimits::VOTE_LIMIT.into()))
    }
    pub fn priority_cap() -> Object {
        or_null(schema::integer(1, SessionLimits::PRIORITY_CAP.into()))
    }
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
    /// The assessment of each priority, in priority order.
    assessments: Vec<AssessmentOut>,
    #[schema(value_type = Vec<Object>)]
    ideas: Vec<mot_core::session::IdeaView>,
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
    responses((status = 201, body = SessionOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The start phase needs what the board lacks (notes, or an earlier session's priorities)"), (status = 422, body = ErrorBody)))]
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
    // As on the page: left out, null or empty is today.
    let held_on = date::parse_opt("held_on", body.held_on.as_deref().unwrap_or(""))?
        .unwrap_or_else(date::today);
    let start = crate::session::service::start_phase(body.phase.as_deref())?;
    let once = crate::web::client_request(me.actor, c.request_id.as_deref())?;
    let s = state
        .store
        .once(once)
        .start_session_at(
            me.workspace_id,
            id,
            me.actor,
            &body.title,
            held_on,
            settings,
            start,
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
    let mut v = state
        .store
        .session_view(me.workspace_id, id, me.actor.author())
        .await?;
    let assessments = v
        .priorities
        .iter()
        .filter_map(|m| v.assessments.remove(m))
        .map(assessment_out)
        .collect();
    Ok(axum::Json(SessionStateOut {
        assessments,
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
    request_body(content = SessionCommand, description = "A session command, e.g. `{\"op\":\"vote\",\"moment_id\":3}`, `{\"op\":\"change_phase\",\"expected\":\"capture\",\"target\":\"colour_code\"}`, `{\"op\":\"add_idea\",\"moment_id\":3,\"text\":\"…\"}`, `{\"op\":\"save_action\",\"what\":\"…\",\"owner_name\":\"Sam\",\"steps\":[{\"text\":\"…\",\"target_date\":\"2027-01-15\"}]}`"),
    responses((status = 200, body = CommandOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn send_command(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(cmd): Json<SessionCommand>,
) -> ApiResult<axum::Json<CommandOut>> {
    let changes =
        run_session_command_once(&state, &c.me, None, id, cmd, c.request_id.as_deref()).await?;
    Ok(axum::Json(CommandOut {
        changes: changes
            .into_iter()
            .map(|c| serde_json::json!({"seq": c.seq, "at": c.at, "event": c.event}))
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/form/{format}", tag = "sessions",
    params(("id" = i64, Path), ("format" = inline(FormFormat), Path, description = "pdf, xlsx, csv or md")),
    responses(
        (status = 200, description = "The contact planning form of the session, as on its page", content(
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv"),
            (String = "text/markdown"),
        )),
        (status = 404, body = ErrorBody)))]
async fn get_form(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, format)): Path<(Id, FormFormat)>,
) -> ApiResult<Response> {
    let s = state.store.team_session(c.me.workspace_id, id).await?;
    let f = planning_form(&state, &c.me, s.journey_id, id).await?;
    form_download(
        &f,
        format.ext(),
        &crate::web::brand::look(&state, c.me.workspace_id).await?,
    )
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/next.ics", tag = "sessions", params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The booked next session as an iCalendar file", content((String = "text/calendar"))),
        (status = 404, body = ErrorBody, description = "No such session, or no next session booked yet")))]
async fn get_next_session(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<Response> {
    let s = state.store.team_session(c.me.workspace_id, id).await?;
    next_session_file(&state, &c.me, &c.base, s.journey_id, id).await
}
