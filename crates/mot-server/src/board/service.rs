//! What every entry point to a board shares: one function to change it,
//! and who may use it.

use crate::auth::Ident;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::is_fetch;
use axum::http::HeaderMap;
pub use mot_core::board::show_join_code as show_code;
use mot_core::{BoardCommand, Id};
use mot_store::Committed;

/// The one function every entry point (form, fetch, JSON API, WebSocket)
/// calls to change a board.
pub async fn run_board_command(
    state: &AppState,
    who: &Ident,
    journey_id: Id,
    cmd: BoardCommand,
) -> Result<Committed, AppError> {
    run_board_command_once(state, who, journey_id, cmd, None).await
}

/// [`run_board_command`] with the client's request id: a repeat of the same
/// request is answered with the change the first one made, and changes nothing.
pub async fn run_board_command_once(
    state: &AppState,
    who: &Ident,
    journey_id: Id,
    cmd: BoardCommand,
    request_id: Option<&str>,
) -> Result<Committed, AppError> {
    run_board_command_as(state, who, journey_id, cmd, request_id, None).await
}

/// [`run_board_command_once`] for an access read earlier (a live
/// socket's): `standing` is checked again in the command's transaction;
/// if it no longer holds, nothing is done ([`mot_store::StoreError::StandingChanged`],
/// whose [`AppError`] code is `standing_changed`).
pub async fn run_board_command_as(
    state: &AppState,
    who: &Ident,
    journey_id: Id,
    cmd: BoardCommand,
    request_id: Option<&str>,
    standing: Option<&mot_store::Standing>,
) -> Result<Committed, AppError> {
    let request_id = request_id.map(mot_core::request::request_id).transpose()?;
    Ok(state
        .store
        .apply_standing(
            who.workspace_id,
            journey_id,
            who.actor,
            &who.name,
            cmd,
            request_id.as_deref(),
            standing,
        )
        .await?)
}

/// Whoever may use a journey's board (a member, or a guest of this journey),
/// or the answer to send instead: 401 JSON for the page script, else a
/// redirect to the login page.
pub(crate) async fn board_visitor(
    state: &AppState,
    headers: &HeaderMap,
    journey_id: Id,
) -> Result<Ident, axum::response::Response> {
    use axum::response::IntoResponse;
    match crate::auth::board_ident(state, headers, journey_id).await {
        Ok(Some(i)) if i.actor.may_view_journey(journey_id) => Ok(i),
        Ok(_) if is_fetch(headers) => {
            Err(AppError::unauthorized(crate::t!("board-session-ended-join")).into_response())
        }
        Ok(_) => Err(axum::response::Redirect::to("/login").into_response()),
        Err(e) => Err(crate::web::error::PageError(e).into_response()),
    }
}
