//! Routes: HTML pages and form posts, the JSON API, the live WebSocket.

pub mod api;
pub mod api_audit;
pub mod api_session;
pub mod audit;
pub mod board;
pub mod form;
pub mod live;
pub mod pages;
pub mod session;

use crate::auth::Ident;
use crate::error::AppError;
use crate::state::AppState;
use axum::http::HeaderMap;
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
    let request_id = request_id.map(mot_core::request::request_id).transpose()?;
    Ok(state
        .store
        .apply_once(
            who.workspace_id,
            journey_id,
            who.actor,
            &who.name,
            cmd,
            request_id.as_deref(),
        )
        .await?)
}

/// The client's request id: the `Idempotency-Key` header (fetch and the
/// JSON API), else a form's hidden `_rid` field; none when both are absent.
pub(crate) fn request_id_of<'a>(headers: &'a HeaderMap, form_field: &'a str) -> Option<&'a str> {
    match headers.get("idempotency-key") {
        // A header that is not text is refused by the request id's check.
        Some(v) => Some(v.to_str().unwrap_or("\u{fffd}")),
        None => Some(form_field).filter(|f| !f.is_empty()),
    }
}

/// The client's request id (see [`request_id_of`]) checked, with who sent
/// it: a change that makes a record (a business, journey, channel, branch,
/// template, item, round, rater links, session) is made at most once for it
/// through [`mot_store::Store::once`].
pub(crate) fn client_request<'a>(
    who: &Ident,
    request_id: Option<&'a str>,
) -> Result<Option<mot_store::ClientRequest<'a>>, AppError> {
    let Some(id) = request_id else {
        return Ok(None);
    };
    mot_core::request::request_id(id)?;
    Ok(Some(mot_store::ClientRequest {
        id,
        actor: who.actor,
    }))
}

/// Whether a request came from our page script (answer JSON) or a plain
/// form (answer with redirects and error pages).
pub(crate) fn is_fetch(headers: &HeaderMap) -> bool {
    headers.contains_key("x-mot-fetch")
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
        Ok(_) if is_fetch(headers) => Err(AppError::unauthorized(
            "Your session has ended. Reload the page to join again.",
        )
        .into_response()),
        Ok(_) => Err(axum::response::Redirect::to("/login").into_response()),
        Err(e) => Err(crate::error::PageError(e).into_response()),
    }
}

/// The scheme and host the client used, for absolute links.
pub fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let https = state.settings.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            == Some("https");
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// Makes a short join code: 8 characters without look-alikes (0/O, 1/I).
pub fn new_join_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..8)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

pub use mot_core::board::show_join_code as show_code;

/// Reads a typed code: case, spaces and dashes do not matter.
pub fn parse_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Parses an optional id from a form field ("" means none).
pub fn optional_id(field: &'static str, value: &str) -> Result<Option<Id>, AppError> {
    let v = value.trim();
    if v.is_empty() || v == "none" {
        return Ok(None);
    }
    v.parse()
        .map(Some)
        .map_err(|_| AppError::invalid(format!("{field}: is not a valid id")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_are_8_unambiguous_characters_and_parse_back() {
        let c = new_join_code();
        assert_eq!(c.len(), 8);
        assert!(!c.contains(['0', 'O', '1', 'I']));
        assert_eq!(parse_code(&show_code(&c).to_lowercase()), c);
        assert_eq!(parse_code(" ab-cd efgh "), "ABCDEFGH");
    }
}
