//! `GET /j/{id}/live`: one WebSocket per board page.
//!
//! The client says which change it saw last (`?since=N`); it first receives
//! exactly the changes it missed, from the durable log (or `refresh` when it
//! is too far behind), then every new change as it is committed. Changes
//! arrive in sequence order with no gaps: a gap in the live feed is filled
//! from the log. Clients may also send board commands over the socket.

use super::run_board_command;
use crate::auth::{api_ident, board_ident, Ident};
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::hub::{render_frame, ChannelCache, Frame};
use crate::state::AppState;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use mot_core::{BoardCommand, Id};
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

/// A client further behind than this reloads the board instead of replaying.
pub const MAX_REPLAY: i64 = 500;

#[derive(Deserialize)]
pub struct LiveQuery {
    #[serde(default)]
    since: i64,
}

/// Checks that a browser's WebSocket comes from a page of this server.
fn origin_allowed(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        // Non-browser clients send no Origin; they still need a cookie or token.
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let own = [format!("http://{host}"), format!("https://{host}")];
    own.iter().any(|o| o == origin) || state.settings.extra_origins.iter().any(|o| o == origin)
}

pub async fn open_live(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(journey_id): Path<Id>,
    Query(q): Query<LiveQuery>,
    ws: WebSocketUpgrade,
) -> Result<Response, AppError> {
    if !origin_allowed(&state, &headers) {
        return Err(AppError::forbidden(
            "This page may not open a live connection here.",
        ));
    }
    let who = if headers.contains_key(header::AUTHORIZATION) {
        Some(api_ident(&state, &headers).await?)
    } else {
        board_ident(&state, &headers, journey_id).await?
    };
    let who = who
        .filter(|w| w.actor.may_view_journey(journey_id))
        .ok_or_else(|| AppError::unauthorized("Join the board or log in first."))?;
    // Scope check before upgrading: the journey must be in the caller's workspace.
    let journey = state.store.journey(who.workspace_id, journey_id).await?;
    // A client that claims changes the board never had (say, the database was
    // restored from a backup) would skip every new change: it reloads instead.
    let since = q.since.max(0);
    let ahead = since > journey.last_seq;
    let since = since.min(journey.last_seq);
    let guard = state.live_guard.clone();
    Ok(ws
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_message_size(64 * 1024)
        .on_upgrade(move |socket| async move {
            serve(state, who, journey_id, since, ahead, socket).await;
            drop(guard);
        })
        .into_response())
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMsg {
    Cmd {
        #[serde(default)]
        req: serde_json::Value,
        cmd: BoardCommand,
    },
    Resume {
        since: i64,
    },
    Ping,
}

async fn send_text(socket: &mut WebSocket, text: &str) -> bool {
    send_shared(socket, Utf8Bytes::from(text)).await
}

/// Sends a hub frame's buffer as it is (a reference count, not a copy).
async fn send_shared(socket: &mut WebSocket, text: Utf8Bytes) -> bool {
    socket.send(Message::Text(text)).await.is_ok()
}

/// Sends the logged changes after `cursor` (up to the limit); returns the new
/// cursor, or None when the socket is gone.
async fn replay(
    state: &AppState,
    who: &Ident,
    journey_id: Id,
    socket: &mut WebSocket,
    cursor: i64,
) -> Option<i64> {
    let changes = match state
        .store
        .changes_since(who.workspace_id, journey_id, cursor, MAX_REPLAY + 1)
        .await
    {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "replay failed");
            return Some(cursor);
        }
    };
    if changes.len() as i64 > MAX_REPLAY {
        let last = state
            .store
            .journey(who.workspace_id, journey_id)
            .await
            .map(|j| j.last_seq)
            .unwrap_or(cursor);
        let msg = serde_json::json!({"type": "refresh", "seq": last}).to_string();
        return send_text(socket, &msg).await.then_some(last);
    }
    let mut cursor = cursor;
    let mut channels = ChannelCache::default();
    for c in changes {
        let text = render_frame(&state.store, &c, &mut channels).await;
        if !send_text(socket, &text).await {
            return None;
        }
        cursor = c.seq;
    }
    Some(cursor)
}

async fn serve(
    state: AppState,
    who: Ident,
    journey_id: Id,
    since: i64,
    ahead: bool,
    mut socket: WebSocket,
) {
    let mut feed = state.hub.subscribe(journey_id);
    let mut shutdown = state.shutdown.clone();
    if ahead
        && !send_text(
            &mut socket,
            &serde_json::json!({"type": "refresh", "seq": since}).to_string(),
        )
        .await
    {
        return;
    }
    let Some(mut cursor) = replay(&state, &who, journey_id, &mut socket, since).await else {
        return;
    };
    if !send_text(
        &mut socket,
        &serde_json::json!({"type": "ready", "seq": cursor}).to_string(),
    )
    .await
    {
        return;
    }
    loop {
        tokio::select! {
            frame = feed.recv() => {
                let next = match frame {
                    Ok(Frame { seq, text }) if seq == cursor + 1 => {
                        if !send_shared(&mut socket, text).await { return; }
                        Some(seq)
                    }
                    Ok(Frame { seq, .. }) if seq <= cursor => None,
                    // A gap or a lag: the log has everything.
                    Ok(_) | Err(RecvError::Lagged(_)) => replay(&state, &who, journey_id, &mut socket, cursor).await.or(Some(-1)),
                    Err(RecvError::Closed) => return,
                };
                match next {
                    Some(-1) => return,
                    Some(c) => cursor = c,
                    None => {}
                }
            }
            msg = socket.recv() => {
                let Some(Ok(msg)) = msg else { return };
                match msg {
                    Message::Text(t) => {
                        let reply = handle_client(&state, &who, journey_id, t.as_str()).await;
                        match reply {
                            Reply::Send(text) => if !send_text(&mut socket, &text).await { return },
                            Reply::Resume(since) => {
                                match replay(&state, &who, journey_id, &mut socket, since).await {
                                    Some(c) => cursor = c,
                                    None => return,
                                }
                            }
                        }
                    }
                    Message::Close(_) => return,
                    _ => {}
                }
            }
            _ = shutdown.changed() => {
                let _ = socket.send(Message::Close(Some(CloseFrame {
                    code: 1001,
                    reason: Utf8Bytes::from_static("server is restarting; reconnect shortly"),
                }))).await;
                return;
            }
        }
    }
}

enum Reply {
    Send(String),
    Resume(i64),
}

async fn handle_client(state: &AppState, who: &Ident, journey_id: Id, text: &str) -> Reply {
    let msg: ClientMsg = match serde_json::from_str(text) {
        Ok(m) => m,
        Err(e) => {
            let message = format!("The message could not be read: {e}");
            return Reply::Send(
                serde_json::json!({"type": "error", "req": null, "error": {"code": "bad_request", "message": message}})
                    .to_string(),
            );
        }
    };
    match msg {
        ClientMsg::Ping => Reply::Send(r#"{"type":"pong"}"#.into()),
        ClientMsg::Resume { since } => Reply::Resume(since.max(0)),
        ClientMsg::Cmd { req, cmd } => match run_board_command(state, who, journey_id, cmd).await {
            Ok(c) => Reply::Send(serde_json::json!({"type": "ack", "req": req, "seq": c.seq}).to_string()),
            Err(e) => Reply::Send(
                serde_json::json!({"type": "error", "req": req, "error": {"code": e.code, "message": e.message}})
                    .to_string(),
            ),
        },
    }
}
