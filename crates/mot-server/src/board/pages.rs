//! The board page and the form/fetch posts that change a board.

use crate::auth::layout::chrome;
use crate::board::service::board_visitor;
use crate::board::service::run_board_command_once;
use crate::board::views as v;
use crate::hub::{render_frame, ChannelCache};
use crate::state::AppState;
use crate::t;
use crate::web::error::{AppError, PageError, PageResult};
use crate::web::extract::CsrfForm;
use crate::web::extract::NameForm;
use crate::web::extract::{BoardForm, PagePath, Query};
use crate::web::is_fetch;
use crate::web::layout::page;
use crate::web::optional_id;
use crate::web::request_id_of;
use crate::workspace::pages::channel_css_url;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::{BoardCommand, BoardEvent, Id, LiveEvent};
use mot_store::Committed;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct BoardQuery {
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    deleted: Option<Id>,
    #[serde(default)]
    fragment: Option<String>,
}

pub async fn show_board(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    Query(q): Query<BoardQuery>,
) -> PageResult<Response> {
    let me = match board_visitor(&state, &headers, id).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let board = state.store.board(me.workspace_id, id).await?;
    let filter = match q.channel.as_deref() {
        Some("none") => Some(0),
        Some(c) => optional_id("channel", c)?,
        None => None,
    };
    let can_add = me.actor.may_add_moment(id).is_ok();
    let can_stage = me.actor.may_change_stages().is_ok();
    let extras = state.store.journey_extras(me.workspace_id, id).await?;
    if q.fragment.is_some() {
        // The viewer's session marks come back with the panel's next read.
        let region = v::board_region(
            &board,
            &me.csrf,
            (can_add, can_stage, me.may_manage()),
            filter,
            &extras,
            &Default::default(),
        );
        return Ok(([(axum::http::header::CACHE_CONTROL, "no-store")], region).into_response());
    }
    let mut c = chrome(&state, Some(&me));
    c.script = Some(state.assets.url("board.js"));
    c.extra_css = Some(channel_css_url(&board.business.id, &board.channels));
    if let (true, Some(first)) = (can_add, board.stages.first()) {
        c.skip = Some((format!("#t-{}", first.id), t!("board-skip-to-add").into()));
    }
    c.data = vec![
        ("journey", id.to_string()),
        ("business", board.business.id.to_string()),
        ("me", me.actor.author().key()),
        (
            "edit-all",
            if me.edits_all() { "1" } else { "" }.to_string(),
        ),
    ];
    let (panel, marks) =
        crate::session::service::session_panel(&state, &me, id, &board.moments, &extras).await?;
    let body = v::board_page(
        &board,
        &me.csrf,
        can_add,
        can_stage,
        me.may_manage(),
        filter,
        q.deleted,
        panel,
        &extras,
        &marks,
    );
    Ok((
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        page(&c, &board.journey.name, body),
    )
        .into_response())
}

/// Answers a board change: JSON with the change for fetch, else a redirect.
/// The JSON answer is the same frame the live feed sends.
async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    journey_id: Id,
    result: Result<Committed, AppError>,
) -> Response {
    match (is_fetch(headers), result) {
        (true, Ok(c)) => (
            StatusCode::OK,
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            render_frame(
                &state.store,
                &c,
                &mut ChannelCache::default(),
                crate::web::i18n::lang(),
            )
            .await,
        )
            .into_response(),
        (true, Err(e)) => e.into_response(),
        (false, Ok(c)) => {
            let to = match c.event {
                LiveEvent::Board(BoardEvent::MomentDeleted { id, .. }) => {
                    format!("/j/{journey_id}?deleted={id}")
                }
                LiveEvent::Board(BoardEvent::MomentAdded { ref moment }) => {
                    format!("/j/{journey_id}#m-{}", moment.id)
                }
                _ => format!("/j/{journey_id}"),
            };
            Redirect::to(&to).into_response()
        }
        (false, Err(e)) => PageError(e).into_response(),
    }
}

/// Runs a board command from a form or fetch post, checking CSRF first.
/// `rid` is the form's `_rid` field (the `Idempotency-Key` header wins):
/// a repeat of the same request answers as the first did.
async fn post_command(
    state: &AppState,
    headers: &HeaderMap,
    journey_id: Id,
    (csrf, rid): (&str, &str),
    make: impl FnOnce() -> Result<BoardCommand, AppError>,
) -> Response {
    let me = match board_visitor(state, headers, journey_id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let result = async {
        me.check_csrf(headers, Some(csrf))?;
        let cmd = make()?;
        let rid = request_id_of(headers, rid);
        run_board_command_once(state, &me, journey_id, cmd, rid).await
    }
    .await;
    answer(state, headers, journey_id, result).await
}

#[derive(Deserialize)]
pub struct AddMomentForm {
    #[serde(default)]
    _csrf: String,
    /// The client's request id (see `post_command`).
    #[serde(default)]
    _rid: String,
    stage_id: Id,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    channel_id: String,
}

pub async fn add_moment(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    BoardForm(f): BoardForm<AddMomentForm>,
) -> Response {
    post_command(&state, &headers, journey_id, (&f._csrf, &f._rid), || {
        Ok(BoardCommand::AddMoment {
            stage_id: f.stage_id,
            channel_id: optional_id("channel_id", &f.channel_id)?,
            title: f.title.clone(),
            description: f.description.clone(),
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct EditMomentForm {
    #[serde(default)]
    _csrf: String,
    /// The client's request id (see `post_command`).
    #[serde(default)]
    _rid: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    channel_id: Option<String>,
}

pub async fn edit_moment(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<EditMomentForm>,
) -> Response {
    post_command(&state, &headers, journey_id, (&f._csrf, &f._rid), || {
        Ok(BoardCommand::EditMoment {
            id,
            title: f.title.clone(),
            description: f.description.clone(),
            channel_id: f
                .channel_id
                .as_deref()
                .map(|c| optional_id("channel_id", c))
                .transpose()?,
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    _csrf: String,
    /// The client's request id (see `post_command`).
    #[serde(default)]
    _rid: String,
    #[serde(default)]
    stage_id: Option<Id>,
    /// 0-based (from the script).
    #[serde(default)]
    index: Option<usize>,
    /// 1-based (from the form a person fills in).
    #[serde(default)]
    position: Option<usize>,
}

/// A form field's refusal, as "field: problem".
fn field_error(field: &str, problem: &str) -> AppError {
    AppError::invalid(t!("error-field", field = field, problem = problem))
}

impl MoveForm {
    fn index(&self) -> Result<usize, AppError> {
        match (self.index, self.position) {
            (Some(i), _) => Ok(i),
            (None, Some(p)) if p >= 1 => Ok(p - 1),
            _ => Err(field_error(
                t!("board-field-position"),
                t!("board-position-at-least-one"),
            )),
        }
    }
}

pub async fn move_moment(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<MoveForm>,
) -> Response {
    post_command(&state, &headers, journey_id, (&f._csrf, &f._rid), || {
        Ok(BoardCommand::MoveMoment {
            id,
            stage_id: f
                .stage_id
                .ok_or_else(|| field_error(t!("board-field-stage"), t!("board-choose-stage")))?,
            index: f.index()?,
        })
    })
    .await
}

pub async fn delete_moment(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<CsrfForm>,
) -> Response {
    post_command(&state, &headers, journey_id, (&f._csrf, &f._rid), || {
        Ok(BoardCommand::DeleteMoment { id })
    })
    .await
}

pub async fn restore_moment(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<CsrfForm>,
) -> Response {
    post_command(&state, &headers, journey_id, (&f._csrf, &f._rid), || {
        Ok(BoardCommand::RestoreMoment { id })
    })
    .await
}

pub async fn add_stage(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    BoardForm(f): BoardForm<NameForm>,
) -> Response {
    post_command(&state, &headers, journey_id, (&f._csrf, &f._rid), || {
        Ok(BoardCommand::AddStage {
            name: f.name.clone(),
        })
    })
    .await
}

pub async fn rename_stage(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<NameForm>,
) -> Response {
    post_command(&state, &headers, journey_id, (&f._csrf, &f._rid), || {
        Ok(BoardCommand::RenameStage {
            id,
            name: f.name.clone(),
        })
    })
    .await
}

pub async fn move_stage(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<MoveForm>,
) -> Response {
    post_command(&state, &headers, journey_id, (&f._csrf, &f._rid), || {
        Ok(BoardCommand::MoveStage {
            id,
            index: f.index()?,
        })
    })
    .await
}

pub async fn remove_stage(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<CsrfForm>,
) -> Response {
    post_command(&state, &headers, journey_id, (&f._csrf, &f._rid), || {
        Ok(BoardCommand::RemoveStage { id })
    })
    .await
}

pub async fn show_edit_moment(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, id)): PagePath<(Id, Id)>,
) -> PageResult<Response> {
    let me = match board_visitor(&state, &headers, journey_id).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let m = state.store.moment(me.workspace_id, id).await?;
    if m.journey_id != journey_id {
        return Err(AppError::not_found("moment").into());
    }
    me.actor.may_change_moment(journey_id, m.author)?;
    let j = state.store.journey(me.workspace_id, journey_id).await?;
    let channels = state.store.channels(me.workspace_id, j.business_id).await?;
    let stages = state.store.stages(me.workspace_id, journey_id).await?;
    let body = v::edit_note_page(&m, &channels, &stages, &me.csrf, None);
    Ok(page(&chrome(&state, Some(&me)), t!("board-edit-moment"), body).into_response())
}

pub async fn show_edit_stage(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, id)): PagePath<(Id, Id)>,
) -> PageResult<Response> {
    let me = match board_visitor(&state, &headers, journey_id).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    me.actor.may_change_stages()?;
    let stages = state.store.stages(me.workspace_id, journey_id).await?;
    let index = stages
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| AppError::not_found("stage"))?;
    let body = v::edit_stage_page(&stages[index], stages.len(), index, &me.csrf);
    Ok(page(&chrome(&state, Some(&me)), t!("board-edit-stage"), body).into_response())
}
