//! `GET /j/{id}/live`: one WebSocket per board page.
//!
//! The client says which change it saw last (`?since=N`); it first receives
//! exactly the changes it missed, from the durable log (or `refresh` when it
//! is too far behind), then every new change as it is committed. Changes
//! arrive in sequence order with no gaps: a gap in the live feed is filled
//! from the log. Clients may also send board commands over the socket.
//!
//! One frame may stand for several changes in a row (`"from"` to `"seq"`):
//! counts that later ones supersede, sent once when the hub is behind (a
//! `votes_changed` with `"from"`, or a `batch` of them, see
//! [`crate::hub::counts_text`]). A client takes such a frame when `from` is
//! at most one past the last change it saw.
//!
//! A socket speaks the language of the request that opened it: its frames'
//! HTML and its refusals are in that language.

use crate::auth::{self, api_ident, board_ident, Ident};
use crate::board::service::run_board_command_as;
use crate::hub::{render_frame, ChannelCache, Frame, Revoked};
use crate::state::AppState;
use crate::t;
use crate::web::error::AppError;
use crate::web::extract::{Path, Query};
use crate::web::i18n::Lang;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use mot_core::{Actor, BoardCommand, Id};
use serde::Deserialize;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// A client further behind than this reloads the board instead of replaying.
pub const MAX_REPLAY: i64 = 500;

/// How often an open socket checks that its session, guest or token is
/// still valid, for ends no instance announces (a session that expires, a
/// removed membership, a notice lost while PostgreSQL restarted). Logouts
/// and removed guests are announced to every instance and close at once.
const RECHECK: Duration = Duration::from_secs(30);

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// What a socket was opened with, to check again while it is open.
struct Access {
    /// Only the `Cookie` and `Authorization` headers of the handshake.
    credentials: Credentials,
    /// The hash of the session cookie's token, when a session opened it,
    /// or of the API token, when a token did.
    credential_hash: Option<String>,
    /// When that session expires (ms since the epoch).
    expires_at: Option<i64>,
}

impl Access {
    async fn of(state: &AppState, headers: &HeaderMap, who: &Ident) -> Access {
        let credentials = Credentials::of(headers);
        let bearer = auth::bearer(headers);
        let by_session = !headers.contains_key(header::AUTHORIZATION) && !who.is_guest();
        let token = by_session
            .then(|| auth::cookie(headers, auth::SESSION_COOKIE))
            .flatten();
        let expires_at = match &token {
            Some(t) => state
                .store
                .session(t)
                .await
                .ok()
                .flatten()
                .map(|s| s.expires_at),
            None => None,
        };
        Access {
            credentials,
            credential_hash: token.as_deref().or(bearer).map(mot_store::hash_token),
            expires_at,
        }
    }

    /// Whether the session it was opened with has expired.
    fn expired(&self) -> bool {
        self.expires_at.is_some_and(|t| t <= now_ms())
    }

    /// Whether a revocation ends this socket.
    fn ended_by(&self, r: &Revoked, who: &Ident) -> bool {
        match r {
            Revoked::Session(hash) | Revoked::Token(hash) => {
                self.credential_hash.as_ref() == Some(hash)
            }
            Revoked::Guest(id) => who.guest.as_ref().is_some_and(|g| g.id == *id),
            Revoked::Member(ws, user) => {
                who.workspace_id == *ws && who.user.as_ref().is_some_and(|u| u.id == *user)
            }
        }
    }
}

/// The handshake's `Cookie` and `Authorization` headers, copied, in a list
/// just as long as they are (a `HeaderMap` takes 0.6 KiB), and made into
/// headers again at each recheck. A header value from the request is a
/// slice of hyper's read buffer (8–16 KiB): keeping it would keep that
/// whole buffer for as long as the socket is open.
struct Credentials(Box<[(HeaderName, HeaderValue)]>);

impl Credentials {
    fn of(headers: &HeaderMap) -> Credentials {
        let mut kept = Vec::new();
        for name in [header::COOKIE, header::AUTHORIZATION] {
            for v in headers.get_all(&name) {
                let Ok(mut copy) = HeaderValue::from_bytes(v.as_bytes()) else {
                    continue;
                };
                copy.set_sensitive(v.is_sensitive());
                kept.push((name.clone(), copy));
            }
        }
        Credentials(kept.into_boxed_slice())
    }

    fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::with_capacity(self.0.len());
        for (name, value) in self.0.iter() {
            headers.append(name, value.clone());
        }
        headers
    }
}

/// Whoever the handshake's credentials stand for now, if they may still
/// watch this board.
async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    journey_id: Id,
) -> Result<Option<Ident>, AppError> {
    let who = if headers.contains_key(header::AUTHORIZATION) {
        match api_ident(state, headers).await {
            Ok(i) => Some(i),
            Err(e) if e.status == axum::http::StatusCode::UNAUTHORIZED => None,
            Err(e) => return Err(e),
        }
    } else {
        board_ident(state, headers, journey_id).await?
    };
    Ok(who.filter(|w| w.actor.may_view_journey(journey_id)))
}

/// The caller again, if still the same person with access: `Ok(None)` when
/// their session, guest place or token has ended.
async fn recheck(
    state: &AppState,
    access: &Access,
    who: &Ident,
    journey_id: Id,
) -> Result<Option<Ident>, AppError> {
    let same = |now: &Ident| {
        now.workspace_id == who.workspace_id
            && match (now.actor, who.actor) {
                (Actor::Member { user_id: a, .. }, Actor::Member { user_id: b, .. }) => a == b,
                (Actor::Guest { guest_id: a, .. }, Actor::Guest { guest_id: b, .. }) => a == b,
                _ => false,
            }
    };
    if access.expired() {
        return Ok(None);
    }
    Ok(caller(state, &access.credentials.headers(), journey_id)
        .await?
        .filter(same))
}

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
        return Err(AppError::forbidden(t!("board-live-origin")));
    }
    if headers.contains_key(header::AUTHORIZATION) {
        // A bad token says so (not "join the board").
        api_ident(&state, &headers).await?;
    }
    let who = caller(&state, &headers, journey_id)
        .await?
        .ok_or_else(|| AppError::unauthorized(t!("board-live-join-first")))?;
    let access = Access::of(&state, &headers, &who).await;
    // Scope check before upgrading: the journey must be in the caller's workspace.
    let journey = state.store.journey(who.workspace_id, journey_id).await?;
    // A client that claims changes the board never had (say, the database was
    // restored from a backup) would skip every new change: it reloads instead.
    let since = q.since.max(0);
    let ahead = since > journey.last_seq;
    let since = since.min(journey.last_seq);
    let guard = state.live_guard.clone();
    // The socket's task runs outside this request: it keeps its language.
    let lang = crate::web::i18n::lang();
    let opened = Box::new(Opened {
        state,
        who,
        access,
        journey_id,
        since,
        ahead,
        _guard: guard,
    });
    Ok(ws
        // Commands are small; a longer one grows the buffer while it is read.
        .read_buffer_size(1024)
        .write_buffer_size(0)
        .max_message_size(64 * 1024)
        .on_upgrade(move |socket| crate::web::i18n::scope(lang, serve(opened, lang, socket)))
        .into_response())
}

/// What a socket was opened with, in one allocation. The socket's task
/// lives as long as the socket; passed by value, each of these was stored
/// again in every layer of its future (the closure, the language's scope,
/// `serve` and its arguments), some 6 KiB a socket.
struct Opened {
    state: AppState,
    who: Ident,
    access: Access,
    journey_id: Id,
    since: i64,
    ahead: bool,
    /// Held until the socket is done: shutdown waits for every live
    /// socket to let go of it.
    _guard: tokio::sync::mpsc::Sender<()>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMsg {
    Cmd {
        #[serde(default)]
        req: serde_json::Value,
        cmd: BoardCommand,
        /// The client's request id: a repeat (say, re-sent after a
        /// reconnect) is acknowledged with the first outcome.
        #[serde(default)]
        request_id: Option<String>,
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
        let text = render_frame(&state.store, &c, &mut channels, crate::web::i18n::lang()).await;
        if !send_text(socket, &text).await {
            return None;
        }
        cursor = c.seq;
    }
    Some(cursor)
}

/// Closes a socket whose session, guest place or token has ended.
async fn close_ended(socket: &mut WebSocket) {
    let _ = socket
        .send(Message::Close(Some(CloseFrame {
            code: 1008,
            reason: Utf8Bytes::from(crate::t!("live-close-ended")),
        })))
        .await;
}

/// Serves one socket; run inside its language (`lang`, the one it
/// subscribes with).
///
/// A plain function returning an `async` block, not an `async fn`: an
/// `async fn` keeps its arguments twice (as passed, and as bound in its body).
#[allow(clippy::manual_async_fn)]
fn serve(
    mut opened: Box<Opened>,
    lang: Lang,
    mut socket: WebSocket,
) -> impl std::future::Future<Output = ()> + Send {
    async move {
        let Opened {
            state,
            who,
            access,
            journey_id,
            since,
            ahead,
            ..
        } = &mut *opened;
        let (state, access): (&AppState, &Access) = (state, access);
        let (journey_id, since, ahead) = (*journey_id, *since, *ahead);
        let mut feed = state.hub.subscribe(who.workspace_id, journey_id, lang);
        let here = state
            .presence
            .join(journey_id, who.actor.author().key(), &who.name);
        // Held until the socket is done: shutdown waits for every live
        // connection to let go of it (the control task's copy goes first).
        let _shutdown = state.shutdown.clone();
        // A session ends at its expiry even when nobody tells us.
        let expires_in = access
            .expires_at
            .map(|t| Duration::from_millis((t - now_ms()).max(0) as u64))
            .unwrap_or(Duration::from_secs(365 * 24 * 3600));
        let (mut control, _control_task) = spawn_control(
            here.frames.clone(),
            state.hub.revocations(),
            expires_in,
            state.shutdown.clone(),
        );
        if ahead
            && !send_text(
                &mut socket,
                &serde_json::json!({"type": "refresh", "seq": since}).to_string(),
            )
            .await
        {
            return;
        }
        let Some(mut cursor) = Box::pin(replay(state, who, journey_id, &mut socket, since)).await
        else {
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
        // The rare, deep work (a replay, a client's command, a recheck) runs
        // boxed: inline, its futures (the store's queries and the writer's
        // round trip) made every idle socket's task as large as the largest
        // of them, for as long as the socket is open.
        // Three sources only, so that a change's frame wakes this task for
        // little more than its send: the board's feed, the client, and the
        // control task that watches everything that rarely fires.
        loop {
            tokio::select! {
                frame = feed.recv() => {
                    let next = match frame {
                        Ok(Frame { seq, .. }) if seq <= cursor => None,
                        // The next change (or counts that stand for it and later ones).
                        Ok(Frame { from, seq, text }) if from <= cursor + 1 => {
                            if !send_shared(&mut socket, text).await { return; }
                            Some(seq)
                        }
                        // A gap or a lag: the log has everything.
                        Ok(_) | Err(RecvError::Lagged(_)) => Box::pin(replay(state, who, journey_id, &mut socket, cursor)).await.or(Some(-1)),
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
                            let reply = Box::pin(handle_client(state, access, who, journey_id, t.as_str())).await;
                            match reply {
                                Reply::Send(text) => if !send_text(&mut socket, &text).await { return },
                                Reply::Ended(text) => {
                                    send_text(&mut socket, &text).await;
                                    close_ended(&mut socket).await;
                                    return;
                                }
                                Reply::Resume(since) => {
                                    match Box::pin(replay(state, who, journey_id, &mut socket, since)).await {
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
                c = control.recv() => match c {
                    // Who is on the board changed (first: the list with this socket).
                    Some(Control::Presence(text)) => {
                        if !send_shared(&mut socket, *text).await { return; }
                    }
                    Some(Control::Revoked(ended)) => {
                        if access.ended_by(&ended, who) {
                            close_ended(&mut socket).await;
                            return;
                        }
                    }
                    Some(Control::Recheck) => {
                        match Box::pin(recheck(state, access, who, journey_id)).await {
                            Ok(Some(now)) => *who = now,
                            Ok(None) => {
                                close_ended(&mut socket).await;
                                return;
                            }
                            // The database is away: keep the socket, check next time.
                            Err(_) => {}
                        }
                    }
                    Some(Control::Expired) => {
                        close_ended(&mut socket).await;
                        return;
                    }
                    Some(Control::Shutdown) | None => {
                        let _ = socket.send(Message::Close(Some(CloseFrame {
                            code: 1001,
                            reason: Utf8Bytes::from(crate::t!("live-close-restart")),
                        }))).await;
                        return;
                    }
                },
            }
        }
    }
}

/// What a socket's rarely firing sources said (see [`spawn_control`]).
/// Boxed payloads keep it two words: the channel allocates room for 32 of
/// them for every socket.
enum Control {
    /// Who is on the board changed: the list as a frame.
    Presence(Box<Utf8Bytes>),
    /// Someone's access ended somewhere: this socket's too?
    Revoked(Box<Revoked>),
    /// Time to check the session, guest or token again (or revocations
    /// were missed).
    Recheck,
    /// The session's expiry has passed.
    Expired,
    /// The server is shutting down.
    Shutdown,
}

/// Aborts the control task when the socket is done.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Watches, in a task of its own, the sources that rarely fire (presence,
/// revocations, the periodic recheck, the expiry, shutdown) and tells the
/// socket's task through a channel. Polled in the socket's own `select!`,
/// each of them was polled again (and its waker registered again) on every
/// change's frame.
fn spawn_control(
    mut frames: tokio::sync::watch::Receiver<Utf8Bytes>,
    mut revocations: tokio::sync::broadcast::Receiver<Revoked>,
    expires_in: Duration,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) -> (tokio::sync::mpsc::Receiver<Control>, AbortOnDrop) {
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    let task = tokio::spawn(async move {
        let mut rechecks = tokio::time::interval_at(tokio::time::Instant::now() + RECHECK, RECHECK);
        let expiry = tokio::time::sleep(expires_in);
        tokio::pin!(expiry);
        loop {
            let (c, last) = tokio::select! {
                Ok(()) = frames.changed() => (Control::Presence(Box::new(frames.borrow_and_update().clone())), false),
                r = revocations.recv() => match r {
                    Ok(r) => (Control::Revoked(Box::new(r)), false),
                    // Missed some: ask the database instead.
                    Err(RecvError::Lagged(_)) => (Control::Recheck, false),
                    Err(RecvError::Closed) => (Control::Shutdown, true),
                },
                _ = rechecks.tick() => (Control::Recheck, false),
                _ = &mut expiry => (Control::Expired, true),
                _ = shutdown.changed() => (Control::Shutdown, true),
            };
            if tx.send(c).await.is_err() || last {
                return;
            }
        }
    });
    (rx, AbortOnDrop(task))
}

enum Reply {
    Send(String),
    Resume(i64),
    /// Send this, then close: the caller's access has ended.
    Ended(String),
}

async fn handle_client(
    state: &AppState,
    access: &Access,
    who: &mut Ident,
    journey_id: Id,
    text: &str,
) -> Reply {
    let msg: ClientMsg = match serde_json::from_str(text) {
        Ok(m) => m,
        Err(e) => {
            let message = t!("board-live-unreadable", detail = e.to_string());
            return Reply::Send(
                serde_json::json!({"type": "error", "req": null, "error": {"code": "bad_request", "message": message}})
                    .to_string(),
            );
        }
    };
    match msg {
        ClientMsg::Ping => Reply::Send(r#"{"type":"pong"}"#.into()),
        ClientMsg::Resume { since } => Reply::Resume(since.max(0)),
        ClientMsg::Cmd {
            req,
            cmd,
            request_id,
        } => {
            let error = |code: &str, message: &str| {
                serde_json::json!({"type": "error", "req": req, "error": {"code": code, "message": message}})
                    .to_string()
            };
            let ended = || Reply::Ended(error("unauthorized", t!("board-live-session-ended")));
            // The access may have ended since the socket opened (a logout
            // on another instance, a removed guest). The command's own
            // transaction checks what it stands on; only when that has
            // changed is the access read again here (and the command run
            // once more if the person still may).
            if access.expired() {
                return ended();
            }
            let mut rechecks = 0;
            loop {
                let done = run_board_command_as(
                    state,
                    who,
                    journey_id,
                    cmd.clone(),
                    request_id.as_deref(),
                    Some(&who.standing),
                )
                .await;
                match done {
                    Ok(c) => {
                        return Reply::Send(
                            serde_json::json!({"type": "ack", "req": req, "seq": c.seq})
                                .to_string(),
                        )
                    }
                    Err(e) if e.code == STANDING_CHANGED && rechecks < MAX_RECHECKS => {
                        rechecks += 1;
                        match recheck(state, access, who, journey_id).await {
                            Ok(Some(now)) => *who = now,
                            Ok(None) => return ended(),
                            Err(e) => return Reply::Send(error(e.code, &e.message)),
                        }
                    }
                    // Changed again each time it was read: nothing was
                    // saved, and the socket stays; the client may send it
                    // again.
                    Err(e) if e.code == STANDING_CHANGED => {
                        return Reply::Send(error("conflict", t!("board-live-access-changed")))
                    }
                    Err(e) => return Reply::Send(error(e.code, &e.message)),
                }
            }
        }
    }
}

/// The error code of a command whose access changed since it was read.
const STANDING_CHANGED: &str = "standing_changed";

/// How many times a command's access is read again while it keeps
/// changing under it (a rename, a new role, each harmless) before the
/// client is asked to send it again.
const MAX_RECHECKS: u32 = 3;

#[cfg(test)]
mod tests {
    use super::Credentials;
    use axum::body::Bytes;
    use axum::http::{header, HeaderMap, HeaderValue};
    use mot_i18n::Lang;

    /// A header value parsed by hyper is a slice of the connection's read
    /// buffer: the socket keeps copies, so that the buffer goes when the
    /// handshake is done (it was 16 KiB an idle socket).
    #[test]
    fn credentials_do_not_share_the_request_buffer() {
        let buffer = Bytes::from(
            format!(
                "GET / HTTP/1.1\r\nCookie: mot_session=abc\r\nAuthorization: Bearer t\r\n{}",
                " ".repeat(16 * 1024)
            )
            .into_bytes(),
        );
        let range = buffer.as_ptr_range();
        let slice = |text: &str| {
            let at = buffer
                .windows(text.len())
                .position(|w| w == text.as_bytes())
                .unwrap();
            buffer.slice(at..at + text.len())
        };
        let mut headers = HeaderMap::new();
        let cookie = HeaderValue::from_maybe_shared(slice("mot_session=abc")).unwrap();
        let bearer = HeaderValue::from_maybe_shared(slice("Bearer t")).unwrap();
        assert!(
            range.contains(&cookie.as_bytes().as_ptr()),
            "the test's values are slices"
        );
        headers.insert(header::COOKIE, cookie);
        headers.insert(header::AUTHORIZATION, bearer);
        headers.insert(header::HOST, HeaderValue::from_static("example.com"));
        let credentials = Credentials::of(&headers);
        assert_eq!(credentials.0.len(), 2, "only the credentials are kept");
        let kept = credentials.headers();
        assert_eq!(kept.len(), 2);
        for name in [header::COOKIE, header::AUTHORIZATION] {
            let v = kept.get(&name).unwrap();
            assert_eq!(v, headers.get(&name).unwrap());
            assert!(
                !range.contains(&v.as_bytes().as_ptr()),
                "{name} still points into the request's buffer"
            );
        }
    }

    #[test]
    fn close_reasons_fit_a_close_frame_in_every_language() {
        for lang in Lang::ALL {
            for key in ["live-close-ended", "live-close-restart"] {
                let text = mot_i18n::text(lang, key);
                assert!(text.len() <= 123, "{lang:?} {key}: {} bytes", text.len());
                assert_ne!(text, key, "{lang:?} has {key}");
            }
        }
    }
}
