//! Who is calling: sessions, guests, bearer tokens; password hashing, CSRF
//! and rate limits.

use crate::state::AppState;
use crate::web::base_url;
use crate::web::error::AppError;
use crate::web::i18n::Lang;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::{Actor, Client, Id, Role};
use mot_store::{Guest, User};

pub const SESSION_COOKIE: &str = "mot_session";
pub const PRE_CSRF_COOKIE: &str = "mot_csrf";
pub const SESSION_TTL_MS: i64 = 30 * 24 * 3600 * 1000;
pub const GUEST_TTL_SECS: i64 = 180 * 24 * 3600;

pub fn guest_cookie_name(journey_id: Id) -> String {
    format!("mot_g{journey_id}")
}

/// Hashes a password with argon2id (default parameters) off the async runtime.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal(&e))
    })
    .await
    .map_err(|e| AppError::internal(&e))?
}

/// Checks a password against a stored PHC hash, off the async runtime.
pub async fn verify_password(hash: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

pub use crate::web::cookie;

/// The tokens of every board this browser joined as a guest.
pub fn guest_tokens(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .filter(|(k, _)| {
            k.strip_prefix("mot_g")
                .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(|(_, v)| v.to_string())
        .collect()
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A `Set-Cookie` value that deletes the cookie.
pub fn clear_cookie(name: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The person behind a request.
#[derive(Debug, Clone)]
pub struct Ident {
    pub workspace_id: Id,
    pub actor: Actor,
    pub name: String,
    /// The CSRF token bound to this session or guest.
    pub csrf: String,
    pub user: Option<User>,
    pub guest: Option<Guest>,
    /// For one of a client's people: their business and role on it (they
    /// reach nothing else; see [`crate::web::reach`]).
    pub client: Option<Client>,
    /// What this access stands on (the session's, token's or guest place's
    /// row as read): a live socket's commands carry it, so that each is
    /// checked in its own transaction (see [`mot_store::Standing`]).
    pub standing: mot_store::Standing,
}

impl Ident {
    pub fn role(&self) -> Option<Role> {
        match self.actor {
            Actor::Member { role, .. } => Some(role),
            Actor::Guest { .. } => None,
        }
    }
    pub fn is_guest(&self) -> bool {
        self.guest.is_some()
    }
    /// Whether this person may edit every note (not only their own).
    pub fn edits_all(&self) -> bool {
        matches!(
            self.role(),
            Some(Role::Owner | Role::Facilitator | Role::Member)
        )
    }
    pub fn may_manage(&self) -> bool {
        self.actor.may_manage().is_ok()
    }

    /// Checks the CSRF token sent with a state-changing request, from the
    /// `X-CSRF-Token` header (fetch) or the `_csrf` form field.
    pub fn check_csrf(&self, headers: &HeaderMap, field: Option<&str>) -> Result<(), AppError> {
        let sent = headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .or(field)
            .unwrap_or("");
        if !sent.is_empty() && constant_time_eq(sent.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(AppError::forbidden(crate::t!("auth-form-expired")))
        }
    }
}

/// Checks a pre-login form (setup, login, join) by double submit: the form's
/// `_csrf` must equal the `mot_csrf` cookie.
pub fn check_pre_csrf(headers: &HeaderMap, field: &str) -> Result<(), AppError> {
    match cookie(headers, PRE_CSRF_COOKIE) {
        Some(c) if !field.is_empty() && constant_time_eq(c.as_bytes(), field.as_bytes()) => Ok(()),
        _ => Err(AppError::forbidden(crate::t!("auth-form-expired"))),
    }
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// When nobody asked for a language mot speaks, the request speaks the
/// workspace's default (if it has one) instead of the installation's. Read
/// only then: most browsers ask for a language.
pub async fn workspace_default(state: &AppState, workspace_id: Id) -> Result<(), AppError> {
    if crate::web::i18n::unasked() {
        let ws = state.store.workspace(workspace_id).await?;
        crate::web::i18n::fallback(ws.language.as_deref().and_then(Lang::parse));
    }
    Ok(())
}

/// The logged-in user of a browser session, if any.
pub async fn session_ident(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Ident>, AppError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let Some(s) = crate::web::reach::session(state, &token).await? else {
        return Ok(None);
    };
    workspace_default(state, s.workspace_id).await?;
    crate::web::i18n::prefer(s.user.language.as_deref().and_then(Lang::parse));
    // What a client's people may reach was checked before the handler ran
    // (crate::web::reach).
    let client = s.membership.client();
    Ok(Some(Ident {
        workspace_id: s.workspace_id,
        actor: Actor::Member {
            user_id: s.user.id,
            role: s.membership.role(),
        },
        name: s.user.name.clone(),
        csrf: s.csrf,
        user: Some(s.user),
        guest: None,
        client,
        standing: s.standing,
    }))
}

/// Whoever may use a journey's board: a logged-in member, else the guest
/// whose cookie belongs to this journey.
pub async fn board_ident(
    state: &AppState,
    headers: &HeaderMap,
    journey_id: Id,
) -> Result<Option<Ident>, AppError> {
    let guest_token = cookie(headers, &guest_cookie_name(journey_id));
    if let Some(i) = session_ident(state, headers).await? {
        // A member of another workspace may have joined this board as a guest.
        if guest_token.is_none()
            || state
                .store
                .journey(i.workspace_id, journey_id)
                .await
                .is_ok()
        {
            return Ok(Some(i));
        }
    }
    let Some(token) = guest_token else {
        return Ok(None);
    };
    let Some((g, standing)) = state.store.guest_standing(&token).await? else {
        return Ok(None);
    };
    if g.journey_id != journey_id {
        return Ok(None);
    }
    workspace_default(state, g.workspace_id).await?;
    crate::web::i18n::prefer(g.language.as_deref().and_then(Lang::parse));
    Ok(Some(Ident {
        workspace_id: g.workspace_id,
        actor: Actor::Guest {
            guest_id: g.id,
            journey_id: g.journey_id,
        },
        name: g.name.clone(),
        csrf: g.csrf.clone(),
        user: None,
        guest: Some(g),
        client: None,
        standing,
    }))
}

/// The caller of the JSON API, by `Authorization: Bearer <token>`.
/// The API token of an `Authorization: Bearer …` header, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

pub async fn api_ident(state: &AppState, headers: &HeaderMap) -> Result<Ident, AppError> {
    let token =
        bearer(headers).ok_or_else(|| AppError::unauthorized(crate::t!("auth-token-missing")))?;
    let info = crate::web::reach::api_token(state, token)
        .await?
        .ok_or_else(|| AppError::unauthorized(crate::t!("auth-token-invalid")))?;
    workspace_default(state, info.workspace_id).await?;
    crate::web::i18n::prefer(info.user.language.as_deref().and_then(Lang::parse));
    let client = info.membership.client();
    Ok(Ident {
        workspace_id: info.workspace_id,
        actor: Actor::Member {
            user_id: info.user.id,
            role: info.membership.role(),
        },
        name: info.user.name.clone(),
        csrf: String::new(),
        user: Some(info.user),
        guest: None,
        client,
        standing: info.standing,
    })
}

/// Requires a logged-in user for a page, else sends them to log in.
pub async fn require_user(state: &AppState, headers: &HeaderMap) -> Result<Ident, Response> {
    match session_ident(state, headers).await {
        Ok(Some(i)) => Ok(i),
        Ok(None) => Err(Redirect::to("/login").into_response()),
        Err(e) => Err(crate::web::error::PageError(e).into_response()),
    }
}

pub mod api;
pub mod layout;
pub mod oidc;
pub mod pages;
pub mod views;

/// The pages of setting up and logging in and out.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/setup", get(pages::show_setup).post(pages::do_setup))
        .route("/signup", get(pages::show_signup).post(pages::do_signup))
        .route("/auth/oidc/start", get(pages::oidc_start))
        .route("/auth/oidc/callback", get(pages::oidc_callback))
        .route("/login", get(pages::show_login).post(pages::do_login))
        .route("/logout", post(pages::do_logout))
        .route("/language", post(pages::set_language))
}

/// The authenticated API caller and the base of `html_url`s.
pub(crate) struct Ctx {
    pub(crate) me: Ident,
    pub(crate) base: String,
    /// The `Idempotency-Key` header: a repeat of a board change answers as
    /// the first did.
    pub(crate) request_id: Option<String>,
}

/// The caller, authenticated before anything else of the request is read,
/// so a request without a valid token is a 401 whatever its body.
impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Ctx, AppError> {
        Ok(Ctx {
            me: api_ident(state, &parts.headers).await?,
            base: base_url(&state.settings, &parts.headers),
            request_id: crate::web::request_id_of(&parts.headers, "").map(str::to_string),
        })
    }
}

/// An API caller who may manage the workspace (an owner or facilitator):
/// routes for managers only take this instead of [`Ctx`], so the check is
/// made once, before the handler runs and before the body is read.
pub(crate) struct ApiManager(pub(crate) Ctx);

impl FromRequestParts<AppState> for ApiManager {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let c = Ctx::from_request_parts(parts, state).await?;
        c.me.actor.may_manage()?;
        Ok(ApiManager(c))
    }
}

/// A signed-in person, for pages: without a session the visitor goes to
/// the login page.
pub struct SignedIn(pub Ident);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        Ok(SignedIn(require_user(state, &parts.headers).await?))
    }
}

/// A signed-in person who may manage the workspace, for pages: without a
/// session the visitor goes to the login page; without the role the page
/// says why (403).
pub struct Manager(pub Ident);

impl FromRequestParts<AppState> for Manager {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let me = require_user(state, &parts.headers).await?;
        me.actor
            .may_manage()
            .map_err(|e| crate::web::error::PageError(e.into()).into_response())?;
        Ok(Manager(me))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; mot_session=abc; b=2"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "nope"), None);
    }

    #[tokio::test]
    async fn passwords_verify_only_with_the_right_text() {
        let h = hash_password("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(h.clone(), "correct horse battery".into()).await);
        assert!(!verify_password(h, "wrong".into()).await);
    }
}
