//! Who is calling: sessions, guests, bearer tokens; password hashing, CSRF
//! and rate limits.

use crate::web::error::AppError;
use crate::web::state::AppState;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::{Actor, Id, Role};
use mot_store::{Guest, User};
use std::collections::HashMap;
use std::net::IpAddr;
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

/// Limits on password logins, so that a flood of wrong passwords slows the
/// one sending it, not the account's owner:
///
/// - per address and account: at most [`LoginGuard::PER_PAIR`] wrong
///   passwords in 15 minutes (the attacker's own address is stopped first);
/// - per account, from every address together: past
///   [`LoginGuard::PER_ACCOUNT`] wrong passwords in 15 minutes, only
///   addresses where this account logged in successfully in the last 30 days
///   may go on trying (each still under its own limit). A distributed
///   guesser is stopped; the owner, at an address they used before, is not.
///
/// (Each address is also limited to 20 attempts a minute on any account, by
/// the caller.) Counts are kept in memory, per instance.
pub struct LoginGuard {
    per_pair: RateLimiter,
    per_account: RateLimiter,
    known: Mutex<HashMap<String, Vec<(IpAddr, Instant)>>>,
}

impl Default for LoginGuard {
    fn default() -> Self {
        LoginGuard::new()
    }
}

impl LoginGuard {
    pub const PER_PAIR: u32 = 10;
    pub const PER_ACCOUNT: u32 = 20;
    const WINDOW: Duration = Duration::from_secs(15 * 60);
    const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

    pub fn new() -> Self {
        LoginGuard {
            per_pair: RateLimiter::new(Self::PER_PAIR, Self::WINDOW),
            per_account: RateLimiter::new(Self::PER_ACCOUNT, Self::WINDOW),
            known: Mutex::new(HashMap::new()),
        }
    }

    fn pair(account: &str, ip: IpAddr) -> String {
        format!("{ip} {account}")
    }

    /// Whether `account` logged in from `ip` in the last 30 days.
    fn is_known(&self, account: &str, ip: IpAddr) -> bool {
        let known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        known.get(account).is_some_and(|list| {
            list.iter()
                .any(|(a, at)| *a == ip && at.elapsed() < Self::KNOWN_FOR)
        })
    }

    /// Before a password is checked: a 429 when this address may not try
    /// this account now.
    pub fn ensure_may_try(&self, account: &str, ip: IpAddr) -> Result<(), AppError> {
        self.per_pair.ensure_not_blocked(&Self::pair(account, ip))?;
        if !self.is_known(account, ip) {
            self.per_account.ensure_not_blocked(account)?;
        }
        Ok(())
    }

    /// Counts a wrong password.
    pub fn failed(&self, account: &str, ip: IpAddr) {
        let _ = self.per_pair.check(&Self::pair(account, ip));
        let _ = self.per_account.check(account);
    }

    /// Remembers the address of a successful login.
    pub fn succeeded(&self, account: &str, ip: IpAddr) {
        let mut known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        if known.len() > 50_000 {
            known.retain(|_, list| {
                list.retain(|(_, at)| at.elapsed() < Self::KNOWN_FOR);
                !list.is_empty()
            });
        }
        let list = known.entry(account.to_string()).or_default();
        list.retain(|(a, at)| *a != ip && at.elapsed() < Self::KNOWN_FOR);
        // A person uses a few places; the oldest is forgotten first.
        if list.len() >= 16 {
            list.remove(0);
        }
        list.push((ip, Instant::now()));
    }
}

/// Requires a logged-in user for a page, else sends them to log in.
pub async fn require_user(state: &AppState, headers: &HeaderMap) -> Result<Ident, Response> {
    match session_ident(state, headers).await {
        Ok(Some(i)) => Ok(i),
        Ok(None) => Err(Redirect::to("/login").into_response()),
        Err(e) => Err(crate::web::error::PageError(e).into_response()),
    }
}

pub mod pages;
pub mod views;

/// The pages of setting up and logging in and out.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/setup", get(pages::show_setup).post(pages::do_setup))
        .route("/login", get(pages::show_login).post(pages::do_login))
        .route("/logout", post(pages::do_logout))
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

    #[test]
    fn a_flood_of_wrong_passwords_stops_its_addresses_not_the_owners_known_one() {
        let g = LoginGuard::new();
        let ip = |n: u8| IpAddr::from([10, 0, 0, n]);
        let owner = ip(1);
        g.succeeded("olive@example.com", owner);
        // One address: stopped after its own limit; others may still try.
        for _ in 0..LoginGuard::PER_PAIR {
            g.ensure_may_try("olive@example.com", ip(2)).unwrap();
            g.failed("olive@example.com", ip(2));
        }
        let e = g.ensure_may_try("olive@example.com", ip(2)).unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::TOO_MANY_REQUESTS);
        assert!(e.retry_after.is_some());
        assert!(g.ensure_may_try("olive@example.com", ip(3)).is_ok());
        assert!(
            g.ensure_may_try("other@example.com", ip(2)).is_ok(),
            "other accounts from that address"
        );
        // Many addresses together: new addresses are stopped, the owner's is not.
        for n in 3..=20 {
            g.failed("olive@example.com", ip(n));
        }
        assert!(
            g.ensure_may_try("olive@example.com", ip(99)).is_err(),
            "a new address"
        );
        assert!(g.ensure_may_try("olive@example.com", ip(3)).is_err());
        assert!(
            g.ensure_may_try("olive@example.com", owner).is_ok(),
            "the owner's address"
        );
        assert!(
            g.ensure_may_try("other@example.com", ip(99)).is_ok(),
            "another account"
        );
        // The owner's own typos count against the owner's address only.
        for _ in 0..LoginGuard::PER_PAIR {
            g.failed("olive@example.com", owner);
        }
        assert!(g.ensure_may_try("olive@example.com", owner).is_err());
    }

    #[tokio::test]
    async fn passwords_verify_only_with_the_right_text() {
        let h = hash_password("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(h.clone(), "correct horse battery".into()).await);
        assert!(!verify_password(h, "wrong".into()).await);
    }
}
