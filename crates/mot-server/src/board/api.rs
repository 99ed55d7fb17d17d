//! The board's JSON API: stages, moments (notes) and the change log.

use crate::auth::Ctx;
use crate::board::service::run_board_command_once;
use crate::state::AppState;
use crate::web::api::{fields, ErrorBody, Out};
use crate::web::error::{ApiResult, AppError};
use crate::web::extract::{Json, Path, Query};
use axum::extract::State;
use axum::http::StatusCode;
use mot_core::text::{self, Limits};
use mot_core::{BoardCommand, BoardEvent, Id, LiveEvent, Moment, Stage};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Deserialize, ToSchema)]
pub struct StageIn {
    #[schema(schema_with = fields::stage_name)]
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct StageOut {
    id: Id,
    journey_id: Id,
    name: String,
    position: i64,
    html_url: String,
}

/// A new name, a new 0-based position among the journey's stages, or both.
#[derive(Deserialize)]
pub struct StagePatch {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    index: Option<usize>,
}

/// Written by hand to say that at least one of the two is given.
impl utoipa::PartialSchema for StagePatch {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder, ObjectBuilder, Type};
        let fields = ObjectBuilder::new()
            .property("name", fields::stage_name_or_null())
            .property("index", fields::index_or_null());
        let given = |name: &str, ty: Type| {
            ObjectBuilder::new()
                .property(name, ObjectBuilder::new().schema_type(ty))
                .required(name)
        };
        AllOfBuilder::new()
            .item(fields)
            .item(
                AnyOfBuilder::new()
                    .item(given("name", Type::String))
                    .item(given("index", Type::Integer)),
            )
            .description(Some(
                "A new name, a new 0-based position among the journey's stages, or both.",
            ))
            .into()
    }
}

impl ToSchema for StagePatch {}

#[derive(Serialize, ToSchema)]
pub struct MomentOut {
    id: Id,
    journey_id: Id,
    stage_id: Id,
    channel_id: Option<Id>,
    title: String,
    description: String,
    position: i64,
    /// `u:<user id>` or `g:<guest id>`
    author: String,
    author_name: String,
    created_at: i64,
    updated_at: i64,
    html_url: String,
}

#[derive(Deserialize, ToSchema)]
pub struct MomentIn {
    stage_id: Id,
    #[serde(default)]
    channel_id: Option<Id>,
    #[schema(schema_with = fields::moment_title)]
    title: String,
    #[serde(default)]
    #[schema(schema_with = fields::moment_description)]
    description: String,
}

#[derive(Deserialize, ToSchema)]
pub struct MomentPatch {
    #[serde(default)]
    #[schema(schema_with = fields::moment_title_or_null)]
    title: Option<String>,
    #[serde(default)]
    #[schema(schema_with = fields::moment_description_or_null)]
    description: Option<String>,
    /// A channel id, or null to clear it; leave out to keep it.
    #[serde(default, deserialize_with = "some_option")]
    #[schema(nullable)]
    channel_id: Option<Option<Id>>,
}

fn some_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<Id>>, D::Error> {
    Option::<Id>::deserialize(d).map(Some)
}

#[derive(Deserialize, ToSchema)]
pub struct MoveIn {
    stage_id: Id,
    /// 0-based position in the target stage (clamped to the end).
    #[schema(schema_with = mot_core::schema::index)]
    index: usize,
}

#[derive(Serialize, ToSchema)]
pub struct ChangeOut {
    seq: i64,
    at: i64,
    /// The event, the board's or the session's: `{"type": "moment_added", ...}`.
    #[schema(value_type = Object)]
    event: LiveEvent,
}

#[derive(Serialize, ToSchema)]
pub struct ChangesOut {
    changes: Vec<ChangeOut>,
    /// The board's latest sequence number.
    last_seq: i64,
    /// False when more changes follow: ask again with `since` = the last seq.
    complete: bool,
}

/// The most changes one `GET .../changes` answers.
pub const CHANGES_PAGE_MAX: i64 = 1000;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct SinceQuery {
    /// Return changes after this sequence number.
    #[serde(default)]
    since: i64,
    /// At most this many (default 500).
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)] // = CHANGES_PAGE_MAX
    limit: Option<i64>,
}

fn stage_out(base: &str, s: Stage) -> StageOut {
    StageOut {
        html_url: format!("{base}/j/{}#s-{}", s.journey_id, s.id),
        id: s.id,
        journey_id: s.journey_id,
        name: s.name,
        position: s.position,
    }
}

fn moment_out(base: &str, m: Moment) -> MomentOut {
    MomentOut {
        html_url: format!("{base}/j/{}#m-{}", m.journey_id, m.id),
        id: m.id,
        journey_id: m.journey_id,
        stage_id: m.stage_id,
        channel_id: m.channel_id,
        title: m.title,
        description: m.description,
        position: m.position,
        author: m.author.key(),
        author_name: m.author_name,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// The moment a command left behind.
fn moment_of(event: LiveEvent) -> Option<Moment> {
    match event {
        LiveEvent::Board(
            BoardEvent::MomentAdded { moment }
            | BoardEvent::MomentUpdated { moment }
            | BoardEvent::MomentRestored { moment },
        ) => Some(moment),
        _ => None,
    }
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/stages", tag = "stages", params(("id" = i64, Path)),
    responses((status = 200, body = [StageOut]), (status = 404, body = ErrorBody)))]
async fn list_stages(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<Vec<StageOut>> {
    state.store.journey(c.me.workspace_id, id).await?;
    let list = state.store.stages(c.me.workspace_id, id).await?;
    Ok(axum::Json(
        list.into_iter().map(|s| stage_out(&c.base, s)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/journeys/{id}/stages", tag = "stages", params(("id" = i64, Path)), request_body = StageIn,
    responses((status = 201, body = StageOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_stage(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<StageIn>,
) -> ApiResult<(StatusCode, axum::Json<StageOut>)> {
    let done = run_board_command_once(
        &state,
        &c.me,
        id,
        BoardCommand::AddStage { name: body.name },
        c.request_id.as_deref(),
    )
    .await?;
    match done.event {
        LiveEvent::Board(BoardEvent::StageAdded { stage }) => {
            Ok((StatusCode::CREATED, axum::Json(stage_out(&c.base, stage))))
        }
        _ => Err(AppError::internal(&"unexpected event")),
    }
}

#[utoipa::path(patch, path = "/api/v1/stages/{id}", tag = "stages", params(("id" = i64, Path)), request_body = StagePatch,
    responses((status = 200, body = StageOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_stage(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<StagePatch>,
) -> Out<StageOut> {
    let s = state.store.stage(c.me.workspace_id, id).await?;
    if body.name.is_none() && body.index.is_none() {
        return Err(AppError::invalid(crate::t!("board-api-name-or-index")));
    }
    // Check both before changing either, so a bad name does not leave a half-done change.
    if let Some(name) = &body.name {
        text::required_line("name", name, Limits::STAGE_NAME)?;
    }
    let rename_done = body.name.as_ref().map(|_| ());
    if let Some(name) = body.name {
        run_board_command_once(
            &state,
            &c.me,
            s.journey_id,
            BoardCommand::RenameStage { id, name },
            c.request_id.as_deref(),
        )
        .await?;
    }
    if let Some(index) = body.index {
        run_board_command_once(
            &state,
            &c.me,
            s.journey_id,
            BoardCommand::MoveStage { id, index },
            // One request id names one change: with a rename it is the
            // rename's (moving to the same place again changes nothing).
            c.request_id.as_deref().filter(|_| rename_done.is_none()),
        )
        .await?;
    }
    Ok(axum::Json(stage_out(
        &c.base,
        state.store.stage(c.me.workspace_id, id).await?,
    )))
}

#[utoipa::path(delete, path = "/api/v1/stages/{id}", tag = "stages", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn delete_stage(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<StatusCode> {
    let s = state.store.stage(c.me.workspace_id, id).await?;
    run_board_command_once(
        &state,
        &c.me,
        s.journey_id,
        BoardCommand::RemoveStage { id },
        c.request_id.as_deref(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/moments", tag = "moments", params(("id" = i64, Path)),
    responses((status = 200, body = [MomentOut]), (status = 404, body = ErrorBody)))]
async fn list_moments(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<Vec<MomentOut>> {
    state.store.journey(c.me.workspace_id, id).await?;
    let list = state.store.moments(c.me.workspace_id, id).await?;
    Ok(axum::Json(
        list.into_iter().map(|m| moment_out(&c.base, m)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/journeys/{id}/moments", tag = "moments", params(("id" = i64, Path)), request_body = MomentIn,
    responses((status = 201, body = MomentOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The journey holds as many notes as it may, or the channel is retired"), (status = 422, body = ErrorBody)))]
async fn create_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<MomentIn>,
) -> ApiResult<(StatusCode, axum::Json<MomentOut>)> {
    let cmd = BoardCommand::AddMoment {
        stage_id: body.stage_id,
        channel_id: body.channel_id,
        title: body.title,
        description: body.description,
    };
    let done = run_board_command_once(&state, &c.me, id, cmd, c.request_id.as_deref()).await?;
    let m = moment_of(done.event).ok_or_else(|| AppError::internal(&"unexpected event"))?;
    Ok((StatusCode::CREATED, axum::Json(moment_out(&c.base, m))))
}

#[utoipa::path(get, path = "/api/v1/moments/{id}", tag = "moments", params(("id" = i64, Path)),
    responses((status = 200, body = MomentOut), (status = 404, body = ErrorBody)))]
async fn get_moment(State(state): State<AppState>, c: Ctx, Path(id): Path<Id>) -> Out<MomentOut> {
    Ok(axum::Json(moment_out(
        &c.base,
        state.store.moment(c.me.workspace_id, id).await?,
    )))
}

#[utoipa::path(patch, path = "/api/v1/moments/{id}", tag = "moments", params(("id" = i64, Path)), request_body = MomentPatch,
    responses((status = 200, body = MomentOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The channel is retired"), (status = 422, body = ErrorBody)))]
async fn update_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<MomentPatch>,
) -> Out<MomentOut> {
    let m = state.store.moment(c.me.workspace_id, id).await?;
    let cmd = BoardCommand::EditMoment {
        id,
        title: body.title,
        description: body.description,
        channel_id: body.channel_id,
    };
    let done =
        run_board_command_once(&state, &c.me, m.journey_id, cmd, c.request_id.as_deref()).await?;
    let m = moment_of(done.event).ok_or_else(|| AppError::internal(&"unexpected event"))?;
    Ok(axum::Json(moment_out(&c.base, m)))
}

#[utoipa::path(delete, path = "/api/v1/moments/{id}", tag = "moments", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted; POST .../restore brings it back"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<StatusCode> {
    // A deleted note's journey too: a repeat of this request answers 204 again.
    let journey_id = state.store.moment_journey(c.me.workspace_id, id).await?;
    run_board_command_once(
        &state,
        &c.me,
        journey_id,
        BoardCommand::DeleteMoment { id },
        c.request_id.as_deref(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/moments/{id}/restore", tag = "moments", params(("id" = i64, Path)),
    responses((status = 200, body = MomentOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn restore_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<MomentOut> {
    let journey_id = state.store.moment_journey(c.me.workspace_id, id).await?;
    let done = run_board_command_once(
        &state,
        &c.me,
        journey_id,
        BoardCommand::RestoreMoment { id },
        c.request_id.as_deref(),
    )
    .await?;
    let m = moment_of(done.event).ok_or_else(|| AppError::internal(&"unexpected event"))?;
    Ok(axum::Json(moment_out(&c.base, m)))
}

#[utoipa::path(post, path = "/api/v1/moments/{id}/move", tag = "moments", params(("id" = i64, Path)), request_body = MoveIn,
    responses((status = 200, body = MomentOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn move_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<MoveIn>,
) -> Out<MomentOut> {
    let m = state.store.moment(c.me.workspace_id, id).await?;
    run_board_command_once(
        &state,
        &c.me,
        m.journey_id,
        BoardCommand::MoveMoment {
            id,
            stage_id: body.stage_id,
            index: body.index,
        },
        c.request_id.as_deref(),
    )
    .await?;
    Ok(axum::Json(moment_out(
        &c.base,
        state.store.moment(c.me.workspace_id, id).await?,
    )))
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/changes", tag = "journeys", params(("id" = i64, Path), SinceQuery),
    responses((status = 200, body = ChangesOut), (status = 404, body = ErrorBody)))]
async fn list_changes(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Query(q): Query<SinceQuery>,
) -> Out<ChangesOut> {
    let limit = q.limit.unwrap_or(500);
    if !(1..=CHANGES_PAGE_MAX).contains(&limit) {
        return Err(AppError::invalid(crate::t!(
            "error-field",
            field = "limit",
            problem = crate::t!("board-api-limit", max = CHANGES_PAGE_MAX),
        )));
    }
    let j = state.store.journey(c.me.workspace_id, id).await?;
    let list = state
        .store
        .changes_since(c.me.workspace_id, id, q.since.max(0), limit)
        .await?;
    let complete = list.last().is_none_or(|l| l.seq >= j.last_seq);
    Ok(axum::Json(ChangesOut {
        changes: list
            .into_iter()
            .map(|c| ChangeOut {
                seq: c.seq,
                at: c.at,
                event: c.event,
            })
            .collect(),
        last_seq: j.last_seq,
        complete,
    }))
}

/// The board's operations of the JSON API.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_stages, create_stage))
        .routes(routes!(update_stage, delete_stage))
        .routes(routes!(list_moments, create_moment))
        .routes(routes!(get_moment, update_moment, delete_moment))
        .routes(routes!(restore_moment))
        .routes(routes!(move_moment))
        .routes(routes!(list_changes))
}
