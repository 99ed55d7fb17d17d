//! Who is calling: sessions, guests, bearer tokens; password hashing, CSRF
//! and rate limits.

use crate::error::AppError;
use crate::state::AppState;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::http::{header, HeaderMap, HeaderValue};
use mot_core::{Actor, Id, Role};
use mot_store::{Guest, User};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// Reads one cookie from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
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
            Err(AppError::forbidden(
                "This form has expired or did not come from this site. Reload the page and try again.",
            ))
        }
    }
}

/// Checks a pre-login form (setup, login, join) by double submit: the form's
/// `_csrf` must equal the `mot_csrf` cookie.
pub fn check_pre_csrf(headers: &HeaderMap, field: &str) -> Result<(), AppError> {
    match cookie(headers, PRE_CSRF_COOKIE) {
        Some(c) if !field.is_empty() && constant_time_eq(c.as_bytes(), field.as_bytes()) => Ok(()),
        _ => Err(AppError::forbidden(
            "This form has expired or did not come from this site. Reload the page and try again.",
        )),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The logged-in user of a browser session, if any.
pub async fn session_ident(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Ident>, AppError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let Some(s) = state.store.session(&token).await? else {
        return Ok(None);
    };
    Ok(Some(Ident {
        workspace_id: s.workspace_id,
        actor: Actor::Member {
            user_id: s.user.id,
            role: s.role,
        },
        name: s.user.name.clone(),
        csrf: s.csrf,
        user: Some(s.user),
        guest: None,
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
    let Some(g) = state.store.guest(&token).await? else {
        return Ok(None);
    };
    if g.journey_id != journey_id {
        return Ok(None);
    }
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
    }))
}

/// The caller of the JSON API, by `Authorization: Bearer <token>`.
pub async fn api_ident(state: &AppState, headers: &HeaderMap) -> Result<Ident, AppError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            AppError::unauthorized("Send an API token as: Authorization: Bearer <token>.")
        })?;
    let info = state
        .store
        .api_token(token)
        .await?
        .ok_or_else(|| AppError::unauthorized("This API token is not valid."))?;
    Ok(Ident {
        workspace_id: info.workspace_id,
        actor: Actor::Member {
            user_id: info.user.id,
            role: info.role,
        },
        name: info.user.name.clone(),
        csrf: String::new(),
        user: Some(info.user),
        guest: None,
    })
}

/// A fixed-window counter per key (IP address, account…).
pub struct RateLimiter {
    hits: Mutex<HashMap<String, (Instant, u32)>>,
    limit: u32,
    window: Duration,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> Self {
        RateLimiter {
            hits: Mutex::new(HashMap::new()),
            limit,
            window,
        }
    }

    /// Refuses with 429 when `key` is already past its limit, without counting.
    pub fn ensure_not_blocked(&self, key: &str) -> Result<(), AppError> {
        let now = Instant::now();
        let hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        match hits.get(key) {
            Some((start, n)) if now.duration_since(*start) < self.window && *n >= self.limit => {
                let wait = self
                    .window
                    .saturating_sub(now.duration_since(*start))
                    .as_secs()
                    .max(1);
                Err(AppError::too_many(wait))
            }
            _ => Ok(()),
        }
    }

    /// Counts one attempt for `key`; refuses with 429 past the limit.
    pub fn check(&self, key: &str) -> Result<(), AppError> {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if hits.len() > 50_000 {
            hits.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = hits.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1 > self.limit {
            let wait = self
                .window
                .saturating_sub(now.duration_since(entry.0))
                .as_secs()
                .max(1);
            return Err(AppError::too_many(wait));
        }
        Ok(())
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

    #[test]
    fn the_rate_limiter_refuses_past_the_limit() {
        let l = RateLimiter::new(2, Duration::from_secs(60));
        assert!(l.check("ip").is_ok());
        assert!(l.check("ip").is_ok());
        let e = l.check("ip").unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::TOO_MANY_REQUESTS);
        assert!(e.retry_after.is_some());
        assert!(l.check("other").is_ok());
    }

    #[tokio::test]
    async fn passwords_verify_only_with_the_right_text() {
        let h = hash_password("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(h.clone(), "correct horse battery".into()).await);
        assert!(!verify_password(h, "wrong".into()).await);
    }
}
