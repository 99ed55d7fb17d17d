//! What one of a client's people may reach: their own business, and for
//! "reports only" its reports; never another client's, never the
//! practice's own pages.
//!
//! Every route of the web face and the API is classified here, in one
//! table, by what it is for ([`RouteUse`]); the records it names by id are
//! read from its path. The [`middleware`], on every route, runs before
//! anything else of the request is read: it identifies the caller (the
//! session cookie, or the API's bearer token) and, for one of a client's
//! people, looks up the business of every record the path names and lets
//! core's rule ([`mot_core::access::client_may_reach`]) decide. A refusal
//! is answered there: 404 for anything of another client (as if it did
//! not exist), 403 for what is not for them. The practice's own people pay
//! nothing for it: the session or token it read is kept for the rest of
//! the request ([`session`], [`api_token`]), so the handler does not read
//! it again. A route this table does not know is the practice's: a route
//! added without a thought stays closed to clients.
//!
//! Lists over the workspace (the home page, the API's list of businesses)
//! are [`RouteUse::Listing`]: their handlers show a client's people their
//! own business only.

use crate::state::AppState;
use crate::web::error::{AppError, PageError};
use axum::extract::{FromRequestParts, MatchedPath, RawPathParams, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mot_core::access::{client_may_reach, Reach, RouteUse};
use mot_core::{Id, Membership};
use mot_store::{ApiTokenInfo, Kind, SessionInfo};
use std::cell::RefCell;

/// The route a request matched, with its path parameters.
#[derive(Debug, Clone, Default)]
pub struct Route {
    pub method: Method,
    pub pattern: String,
    pub params: Vec<(String, String)>,
}

/// What the middleware read of a request, kept for its handler.
#[derive(Default)]
struct Seen {
    /// A session cookie's token and its session (if it is one).
    session: Option<(String, Option<SessionInfo>)>,
    /// A bearer token and what it acts for (if it is one).
    api: Option<(String, Option<ApiTokenInfo>)>,
}

tokio::task_local! {
    static SEEN: RefCell<Seen>;
}

/// The browser session of a cookie token: as the middleware read it for
/// this request, else from the store.
pub async fn session(state: &AppState, token: &str) -> Result<Option<SessionInfo>, AppError> {
    let kept = SEEN
        .try_with(|s| {
            s.borrow()
                .session
                .as_ref()
                .filter(|(t, _)| t == token)
                .map(|(_, i)| i.clone())
        })
        .ok()
        .flatten();
    match kept {
        Some(i) => Ok(i),
        None => {
            let i = state.store.session(token).await?;
            let _ =
                SEEN.try_with(|s| s.borrow_mut().session = Some((token.to_string(), i.clone())));
            Ok(i)
        }
    }
}

/// What a bearer token acts for: as the middleware read it for this
/// request, else from the store.
pub async fn api_token(state: &AppState, token: &str) -> Result<Option<ApiTokenInfo>, AppError> {
    let kept = SEEN
        .try_with(|s| {
            s.borrow()
                .api
                .as_ref()
                .filter(|(t, _)| t == token)
                .map(|(_, i)| i.clone())
        })
        .ok()
        .flatten();
    match kept {
        Some(i) => Ok(i),
        None => {
            let i = state.store.api_token(token).await?;
            let _ = SEEN.try_with(|s| s.borrow_mut().api = Some((token.to_string(), i.clone())));
            Ok(i)
        }
    }
}

/// On every route (a route layer): lets one of a client's people through
/// only to what they may reach.
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    SEEN.scope(RefCell::new(Seen::default()), async move {
        let (mut parts, body) = req.into_parts();
        let pattern = parts
            .extensions
            .get::<MatchedPath>()
            .map(|m| m.as_str().to_string())
            .unwrap_or_default();
        let use_ = route_use(&parts.method, &pattern);
        if use_ != RouteUse::Personal {
            let params = RawPathParams::from_request_parts(&mut parts, &())
                .await
                .map(|p| {
                    p.iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let route = Route {
                method: parts.method.clone(),
                pattern,
                params,
            };
            let api = route.pattern.starts_with("/api/");
            if let Err(e) = admit(&state, &parts.headers, api, &route, use_).await {
                return if api {
                    e.into_response()
                } else {
                    PageError(e).into_response()
                };
            }
        }
        next.run(Request::from_parts(parts, body)).await
    })
    .await
}

/// The caller's workspace and membership, by the API's bearer token on
/// its routes and by the session cookie elsewhere (what the handler will
/// identify them by).
async fn caller(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    api: bool,
) -> Result<Option<(Id, Membership)>, AppError> {
    if api {
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        return Ok(match bearer {
            Some(t) => api_token(state, t)
                .await?
                .map(|i| (i.workspace_id, i.membership)),
            None => None,
        });
    }
    Ok(
        match crate::web::cookie(headers, crate::auth::SESSION_COOKIE) {
            Some(t) => session(state, &t)
                .await?
                .map(|s| (s.workspace_id, s.membership)),
            None => None,
        },
    )
}

/// Lets the caller through to the route, or says why not.
async fn admit(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    api: bool,
    route: &Route,
    use_: RouteUse,
) -> Result<(), AppError> {
    let Some((workspace_id, Membership::Client(client))) = caller(state, headers, api).await?
    else {
        return Ok(());
    };
    let touches = touches(state, workspace_id, route, use_).await?;
    match client_may_reach(client, use_, &touches) {
        Reach::Yes => Ok(()),
        Reach::Hidden => Err(hidden()),
        Reach::Refused(msg) => Err(mot_core::RuleError::Forbidden(msg).into()),
    }
}

/// What each route is for. Routes with the same pattern and another use
/// per method name the method; `None` is every method.
const TABLE: &[(&str, Option<Method>, RouteUse)] = {
    use RouteUse::*;
    &[
        // Signing in and out, one's own account, public links with their own
        // secret, and the plumbing.
        ("/setup", None, Personal),
        ("/signup", None, Personal),
        ("/login", None, Personal),
        ("/logout", None, Personal),
        ("/language", None, Personal),
        ("/auth/oidc/start", None, Personal),
        ("/auth/oidc/callback", None, Personal),
        ("/account", None, Personal),
        ("/account/password", None, Personal),
        ("/account/email", None, Personal),
        ("/account/tokens", None, Personal),
        ("/account/tokens/{id}/revoke", None, Personal),
        ("/invite/{token}", None, Personal),
        ("/reset", None, Personal),
        ("/reset/{token}", None, Personal),
        ("/join", None, Personal),
        ("/join/{token}", None, Personal),
        ("/r/{token}", None, Personal),
        ("/r/{token}/answer", None, Personal),
        ("/r/{token}/submit", None, Personal),
        ("/f/{token}", None, Personal),
        ("/s/{token}", None, Personal),
        ("/workspace/switch", None, Personal),
        ("/healthz", None, Personal),
        ("/favicon.ico", None, Personal),
        ("/static/{hash}/{name}", None, Personal),
        ("/api/v1/openapi.json", None, Personal),
        ("/api/v1/me", None, Personal),
        // Lists that show a client's people their own business only.
        ("/", None, Listing),
        ("/api/v1/businesses", Some(Method::GET), Listing),
        // Reports of a business.
        ("/b/{id}/reports", None, Report),
        ("/b/{id}/report-pack.pdf", None, Report),
        ("/b/{id}/channels.css", None, Report),
        ("/b/{bid}/rounds/{id}/{format}", None, Report),
        ("/j/{id}/map.svg", None, Report),
        ("/j/{id}/map.pdf", None, Report),
        ("/j/{jid}/sessions/{id}/{format}", None, Report),
        ("/j/{jid}/sessions/{id}/next.ics", None, Report),
        ("/j/{jid}/feedback/{file}", None, Report),
        ("/api/v1/sessions/{id}/form/{format}", None, Report),
        ("/api/v1/sessions/{id}/next.ics", None, Report),
        ("/api/v1/rounds/{id}/results/{format}", None, Report),
        // Audit templates are the practice's (one made from a client's
        // journey carries that client's moments): their pages and API, and
        // starting a round with one, are the practice's.
        ("/b/{id}/templates", None, Practice),
        ("/b/{bid}/templates/{id}", None, Practice),
        ("/b/{bid}/templates/{id}/items", None, Practice),
        ("/b/{bid}/templates/{id}/items/{item}", None, Practice),
        ("/b/{bid}/templates/{id}/items/{item}/move", None, Practice),
        ("/b/{bid}/templates/{id}/phases/move", None, Practice),
        ("/b/{id}/rounds", Some(Method::POST), Practice),
        // Journey templates are the practice's too; taking up a template's
        // changes on a client's journey is the adviser's call.
        ("/j/{id}/template", None, Practice),
        // Sending a client its report pack is the adviser's service.
        ("/b/{id}/report-pack/send", None, Practice),
        (
            "/api/v1/businesses/{id}/rounds",
            Some(Method::POST),
            Practice,
        ),
    ]
};

/// Path parameters that name no record.
const NOT_IDS: &[&str] = &["token", "format", "file", "hash", "name", "item"];

/// What a route is for: the table's word, else work on the records its
/// path names, else (a route of the workspace as a whole) the practice's.
pub fn route_use(method: &Method, pattern: &str) -> RouteUse {
    TABLE
        .iter()
        .find(|(p, m, _)| *p == pattern && m.as_ref().is_none_or(|m| m == method))
        .map(|(_, _, u)| *u)
        .unwrap_or_else(|| {
            if ids_of(pattern).any(|(_, n)| matches!(n, Named::Record(_))) {
                RouteUse::Work
            } else {
                RouteUse::Practice
            }
        })
}

/// What an id parameter of a route names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// A record of one business.
    Record(Kind),
    /// An audit template: the workspace's, shared by its businesses.
    Template,
    /// Something of no business (a person, an invitation, a token).
    Other,
}

/// What each id parameter of a route names, by the path segment before it
/// (`/j/{jid}/m/{id}`: a journey, then a moment).
pub fn ids_of(pattern: &str) -> impl Iterator<Item = (&str, Named)> {
    let segments: Vec<&str> = pattern.split('/').collect();
    let mut out = Vec::new();
    for (i, s) in segments.iter().enumerate() {
        let Some(name) = s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            continue;
        };
        if NOT_IDS.contains(&name) {
            continue;
        }
        let before = if i > 0 { segments[i - 1] } else { "" };
        let two_before = if i > 1 { segments[i - 2] } else { "" };
        use Named::Record;
        let named = match (two_before, before) {
            (_, "b" | "businesses") => Record(Kind::Business),
            (_, "j" | "journeys") => Record(Kind::Journey),
            (_, "c" | "channels") => Record(Kind::Channel),
            ("feedback", "s") | (_, "surveys") => Record(Kind::FeedbackSurvey),
            (_, "s" | "stages") => Record(Kind::Stage),
            (_, "m" | "moments" | "standards") => Record(Kind::Moment),
            (_, "sessions") => Record(Kind::Session),
            (_, "guests") => Record(Kind::Guest),
            (_, "rounds") => Record(Kind::Round),
            (_, "links") => Record(Kind::RaterLink),
            (_, "feedback" | "points") => Record(Kind::FeedbackPoint),
            (_, "answers") => Record(Kind::FeedbackAnswer),
            (_, "alerts") => Record(Kind::FeedbackAlert),
            (_, "imports") => Record(Kind::FeedbackImport),
            (_, "templates") => Named::Template,
            _ => Named::Other,
        };
        out.push((name, named));
    }
    out.into_iter()
}

/// The business of every record the route's path names.
async fn touches(
    state: &AppState,
    workspace_id: Id,
    route: &Route,
    use_: RouteUse,
) -> Result<Vec<Option<Id>>, AppError> {
    let mut touches: Vec<Option<Id>> = Vec::new();
    if !matches!(use_, RouteUse::Work | RouteUse::Report) {
        return Ok(touches);
    }
    for (name, named) in ids_of(&route.pattern) {
        let value = route.params.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        let id = value.and_then(|v| v.parse::<Id>().ok());
        match (named, id) {
            (Named::Record(kind), Some(id)) => {
                touches.push(state.store.business_of(workspace_id, kind, id).await?)
            }
            // Not a number, or nothing of a business: no record of theirs.
            _ => touches.push(None),
        }
    }
    Ok(touches)
}

fn hidden() -> AppError {
    AppError::new(
        axum::http::StatusCode::NOT_FOUND,
        "not_found",
        crate::t!("error-no-page"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_classified_by_the_table_else_by_their_ids() {
        use Method as M;
        use RouteUse::*;
        for (method, pattern, expected) in [
            (M::GET, "/", Listing),
            (M::POST, "/api/v1/businesses", Practice),
            (M::GET, "/api/v1/businesses", Listing),
            (M::GET, "/people", Practice),
            (M::GET, "/portfolio.csv", Practice),
            (M::GET, "/j/{id}", Work),
            (M::POST, "/j/{id}/template", Practice),
            (M::GET, "/templates/{id}", Practice),
            (M::GET, "/j/{id}/map.pdf", Report),
            (M::POST, "/b/{bid}/templates/{id}/items", Practice),
            (M::GET, "/b/{bid}/templates/{id}", Practice),
            (M::GET, "/api/v1/templates/{id}", Practice),
            (M::GET, "/api/v1/businesses/{id}/rounds", Work),
            (M::POST, "/api/v1/businesses/{id}/rounds", Practice),
            (M::POST, "/people/{id}/role", Practice),
            (M::DELETE, "/api/v1/invites/{id}", Practice),
        ] {
            assert_eq!(route_use(&method, pattern), expected, "{method} {pattern}");
        }
    }

    #[test]
    fn every_id_of_a_path_is_named_by_the_segment_before_it() {
        use Named::*;
        let kinds = |p| {
            ids_of(p)
                .map(|(n, k)| (n.to_string(), k))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds("/j/{jid}/m/{id}/move"),
            vec![
                ("jid".into(), Record(Kind::Journey)),
                ("id".into(), Record(Kind::Moment))
            ]
        );
        assert_eq!(
            kinds("/feedback/s/{id}/{file}"),
            vec![("id".into(), Record(Kind::FeedbackSurvey))]
        );
        assert_eq!(
            kinds("/feedback/{id}/qr.svg"),
            vec![("id".into(), Record(Kind::FeedbackPoint))]
        );
        assert_eq!(kinds("/j/{jid}/s/{id}/edit")[1].1, Record(Kind::Stage));
        assert_eq!(kinds("/j/{jid}/standards/{id}")[1].1, Record(Kind::Moment));
        assert_eq!(
            kinds("/api/v1/journeys/{id}/feedback/alerts/{alert_id}")[1].1,
            Record(Kind::FeedbackAlert)
        );
        assert_eq!(
            kinds("/b/{bid}/rounds/{id}/links/{link}/remind")[2].1,
            Record(Kind::RaterLink)
        );
        assert_eq!(kinds("/people/{id}/role"), vec![("id".into(), Other)]);
        assert_eq!(
            kinds("/api/v1/templates/{id}"),
            vec![("id".into(), Template)]
        );
    }
}
