//! Setting up an installation, logging in and out.

use crate::auth::layout::anonymous_page;
use crate::auth::views as v;
use crate::auth::{self, check_pre_csrf, session_ident};
use crate::state::AppState;
use crate::web::client_ip::ClientIp;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::CsrfForm;
use crate::web::extract::PageForm;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::text::{self, Limits};
use mot_core::Id;
use serde::Deserialize;

pub async fn show_setup(State(state): State<AppState>, headers: HeaderMap) -> PageResult<Response> {
    if state.store.is_set_up().await? {
        return Ok(Redirect::to("/login").into_response());
    }
    Ok(anonymous_page(
        &state,
        &headers,
        crate::t!("auth-setup-title"),
        |t| v::setup_page(t, None, "/setup"),
    ))
}

#[derive(Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    _csrf: String,
    /// The first business, created with the workspace (may be left out).
    #[serde(default)]
    business: String,
    /// Defaults to the business's name.
    #[serde(default)]
    workspace: String,
    name: String,
    email: String,
    password: String,
}

pub async fn do_setup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PageForm(f): PageForm<SetupForm>,
) -> PageResult<Response> {
    check_pre_csrf(&headers, &f._csrf)?;
    state.auth_limiter.check(&format!("setup:{ip}"))?;
    if state.store.is_set_up().await? {
        return Ok(Redirect::to("/login").into_response());
    }
    let (workspace, business, name, email, password) = match checked_setup(&f) {
        Ok(v) => v,
        Err(e) => {
            let msg = crate::web::i18n::rule_error(&e);
            let mut res = anonymous_page(&state, &headers, crate::t!("auth-setup-title"), |t| {
                v::setup_page(t, Some(&msg), "/setup")
            });
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let hash = auth::hash_password(password).await?;
    let (ws, user, business) = state
        .store
        .setup_with_business(
            &workspace,
            business.as_deref(),
            &email,
            &name,
            &hash,
            &crate::web::i18n::default_names(),
        )
        .await?;
    // A single shop goes straight to its business, to create its first journey.
    let to = business.map_or("/".to_string(), |b| format!("/b/{}", b.id));
    start_session_to(&state, ws.id, user.id, &to).await
}

/// What the setup and sign-up form says: (workspace, business, name,
/// e-mail, password), each checked.
type SetupFields = (String, Option<String>, String, String, String);

fn checked_setup(f: &SetupForm) -> Result<SetupFields, mot_core::RuleError> {
    let business = if f.business.trim().is_empty() && !f.workspace.trim().is_empty() {
        None
    } else {
        Some(text::required_line(
            "business",
            &f.business,
            Limits::BUSINESS_NAME,
        )?)
    };
    let workspace = match (&business, f.workspace.trim().is_empty()) {
        (Some(b), true) => text::required_line("workspace", b, Limits::WORKSPACE_NAME)?,
        _ => text::required_line("workspace", &f.workspace, Limits::WORKSPACE_NAME)?,
    };
    Ok((
        workspace,
        business,
        text::required_line("name", &f.name, Limits::PERSON_NAME)?,
        text::email(&f.email)?,
        text::new_password(&f.password)?.to_string(),
    ))
}

/// `GET /signup`: a workspace of one's own, when the installation takes
/// sign-ups (else not found).
pub async fn show_signup(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> PageResult<Response> {
    if !state.settings.open_signup {
        return Err(AppError::not_found("page").into());
    }
    Ok(anonymous_page(
        &state,
        &headers,
        crate::t!("auth-signup-title"),
        |t| v::setup_page(t, None, "/signup"),
    ))
}

pub async fn do_signup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PageForm(f): PageForm<SetupForm>,
) -> PageResult<Response> {
    if !state.settings.open_signup {
        return Err(AppError::not_found("page").into());
    }
    check_pre_csrf(&headers, &f._csrf)?;
    state.auth_limiter.check(&format!("signup:{ip}"))?;
    let refused = |status, msg: &str| {
        let mut res = anonymous_page(&state, &headers, crate::t!("auth-signup-title"), |t| {
            v::setup_page(t, Some(msg), "/signup")
        });
        *res.status_mut() = status;
        res
    };
    let (workspace, business, name, email, password) = match checked_setup(&f) {
        Ok(v) => v,
        Err(e) => {
            return Ok(refused(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &crate::web::i18n::rule_error(&e),
            ))
        }
    };
    let hash = auth::hash_password(password).await?;
    let made = state
        .store
        .sign_up(
            &workspace,
            business.as_deref(),
            (&email, &name, &hash),
            &crate::web::i18n::default_names(),
        )
        .await;
    let (ws, user, business) = match made {
        Ok(v) => v,
        Err(e) => {
            let e = AppError::from(e);
            if !e.status.is_client_error() {
                return Err(e.into());
            }
            return Ok(refused(e.status, &e.message));
        }
    };
    let to = business.map_or("/".to_string(), |b| format!("/b/{}", b.id));
    start_session_to(&state, ws.id, user.id, &to).await
}

/// Where the provider sends the browser back: the installation's public
/// address when it has one, else the address the browser is using.
fn oidc_redirect(state: &AppState, headers: &HeaderMap) -> String {
    let base = state
        .settings
        .public_url
        .clone()
        .unwrap_or_else(|| crate::web::base_url(&state.settings, headers));
    format!("{}/auth/oidc/callback", base.trim_end_matches('/'))
}

/// `GET /auth/oidc/start`: off to the provider, with this sign-in's state,
/// nonce and PKCE verifier in a short cookie.
pub async fn oidc_start(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
) -> PageResult<Response> {
    let oidc = state
        .oidc
        .clone()
        .ok_or_else(|| AppError::not_found("page"))?;
    state.auth_limiter.check(&format!("oidc:{ip}"))?;
    let (url, cookie) = oidc.start(&oidc_redirect(&state, &headers)).await?;
    Ok((
        [(
            header::SET_COOKIE,
            auth::set_cookie(
                crate::auth::oidc::COOKIE,
                &cookie,
                crate::auth::oidc::COOKIE_SECS,
                state.settings.secure_cookies,
            ),
        )],
        Redirect::to(&url),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct OidcBack {
    #[serde(default)]
    code: String,
    #[serde(default)]
    state: String,
    /// The provider's refusal (`access_denied` when the person cancelled).
    #[serde(default)]
    error: Option<String>,
}

/// `GET /auth/oidc/callback`: back from the provider. A verified e-mail
/// address of an account signs it in (to its first workspace); one without
/// an account joins the workspace whose owner lets such people join, else
/// is refused.
pub async fn oidc_callback(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    axum::extract::Query(back): axum::extract::Query<OidcBack>,
) -> PageResult<Response> {
    let oidc = state
        .oidc
        .clone()
        .ok_or_else(|| AppError::not_found("page"))?;
    state.auth_limiter.check(&format!("oidc:{ip}"))?;
    if back.error.is_some() {
        return Err(AppError::bad_request(crate::t!("auth-oidc-cancelled")).into());
    }
    let cookie = auth::cookie(&headers, crate::auth::oidc::COOKIE);
    let who = oidc
        .finish(
            &oidc_redirect(&state, &headers),
            cookie.as_deref(),
            &back.state,
            &back.code,
        )
        .await?;
    let (ws, user) = match state.store.user_by_email(&who.email).await? {
        Some(user) => {
            let Some((ws, _)) = state.store.memberships(user.id).await?.into_iter().next() else {
                return Err(AppError::forbidden(crate::t!("auth-no-workspace")).into());
            };
            (ws, user.id)
        }
        None => {
            let name = who
                .name
                .as_deref()
                .and_then(|n| text::required_line("name", n, Limits::PERSON_NAME).ok())
                .unwrap_or_else(|| who.email.split('@').next().unwrap_or("").to_string());
            state
                .store
                .join_by_provider(&who.email, &name)
                .await?
                .ok_or_else(|| AppError::forbidden(crate::t!("auth-oidc-unknown")))?
        }
    };
    let mut res = start_session_to(&state, ws, user, "/").await?;
    res.headers_mut().append(
        header::SET_COOKIE,
        auth::clear_cookie(crate::auth::oidc::COOKIE),
    );
    Ok(res)
}

async fn start_session(state: &AppState, workspace_id: Id, user_id: Id) -> PageResult<Response> {
    start_session_to(state, workspace_id, user_id, "/").await
}

pub(crate) async fn start_session_to(
    state: &AppState,
    workspace_id: Id,
    user_id: Id,
    to: &str,
) -> PageResult<Response> {
    let token = mot_store::random_token();
    let csrf = mot_store::random_token();
    state
        .store
        .create_session(workspace_id, user_id, &token, &csrf, auth::SESSION_TTL_MS)
        .await?;
    Ok((
        [(
            header::SET_COOKIE,
            auth::set_cookie(
                auth::SESSION_COOKIE,
                &token,
                auth::SESSION_TTL_MS / 1000,
                state.settings.secure_cookies,
            ),
        )],
        Redirect::to(to),
    )
        .into_response())
}

pub async fn show_login(State(state): State<AppState>, headers: HeaderMap) -> PageResult<Response> {
    if !state.store.is_set_up().await? {
        return Ok(Redirect::to("/setup").into_response());
    }
    Ok(anonymous_page(
        &state,
        &headers,
        crate::t!("auth-login-title"),
        |t| {
            v::login_page(
                t,
                None,
                "",
                state.settings.open_signup,
                state.oidc.as_ref().map(|o| o.label()),
            )
        },
    ))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    _csrf: String,
    email: String,
    password: String,
}

pub async fn do_login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PageForm(f): PageForm<LoginForm>,
) -> PageResult<Response> {
    check_pre_csrf(&headers, &f._csrf)?;
    let email = f.email.trim().to_lowercase();
    state.auth_limiter.check(&format!("login-ip:{ip}"))?;
    state.login_guard.ensure_may_try(&email, ip)?;
    let user = state.store.user_by_email(&email).await?;
    let ok = match &user {
        Some(u) => auth::verify_password(u.password_hash.clone(), f.password.clone()).await,
        None => {
            // Spend the same time as a real check, so timing does not tell
            // which addresses have accounts.
            let _ = auth::hash_password(f.password.clone()).await;
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        state.login_guard.failed(&email, ip);
        let mut res = anonymous_page(&state, &headers, crate::t!("auth-login-title"), |t| {
            v::login_page(
                t,
                Some(crate::t!("auth-login-wrong")),
                &email,
                state.settings.open_signup,
                state.oidc.as_ref().map(|o| o.label()),
            )
        });
        *res.status_mut() = axum::http::StatusCode::UNAUTHORIZED;
        return Ok(res);
    };
    let Some((ws, _)) = state.store.memberships(user.id).await?.into_iter().next() else {
        return Err(AppError::forbidden(crate::t!("auth-no-workspace")).into());
    };
    state.login_guard.succeeded(&email, ip);
    start_session(&state, ws, user.id).await
}

pub async fn do_logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    PageForm(f): PageForm<CsrfForm>,
) -> PageResult<Response> {
    if let Some(me) = session_ident(&state, &headers).await? {
        me.check_csrf(&headers, Some(&f._csrf))?;
        if let Some(token) = auth::cookie(&headers, auth::SESSION_COOKIE) {
            state.store.delete_session(&token).await?;
            // Live sockets opened with this session close now.
            state
                .hub
                .revoke(crate::hub::Revoked::Session(mot_store::hash_token(&token)))
                .await;
        }
    }
    Ok((
        [(header::SET_COOKIE, auth::clear_cookie(auth::SESSION_COOKIE))],
        Redirect::to("/login"),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    lang: String,
    /// A rater's link token, from the switch on their page.
    #[serde(default)]
    rater: String,
}

/// `POST /language`, the language switch: the choice is kept in a cookie
/// and, for someone signed in, in their account (so it follows them to
/// another device), for a guest of a board, with the guest, and for a
/// rater, with their link. Then back to the page the switch was on.
///
/// The guests' cookies are `SameSite=Lax`, so another site's form cannot
/// reach them; the account additionally checks the session's CSRF token.
pub async fn set_language(
    State(state): State<AppState>,
    headers: HeaderMap,
    PageForm(f): PageForm<LanguageForm>,
) -> PageResult<Response> {
    let lang = crate::web::i18n::Lang::parse(&f.lang)
        .ok_or_else(|| AppError::invalid(crate::t!("language-unknown", code = f.lang.as_str())))?;
    if let Some(me) = session_ident(&state, &headers).await? {
        me.check_csrf(&headers, Some(&f._csrf))?;
        if let Some(user) = &me.user {
            state.store.set_user_language(user.id, lang.code()).await?;
        }
    }
    for token in auth::guest_tokens(&headers) {
        if let Some(g) = state.store.guest(&token).await? {
            state.store.set_guest_language(g.id, lang.code()).await?;
        }
    }
    if !f.rater.is_empty() {
        state
            .store
            .set_rater_language(&f.rater, lang.code())
            .await?;
    }
    let back = same_site_path(&headers).unwrap_or_else(|| "/".to_string());
    Ok((
        [(
            header::SET_COOKIE,
            auth::set_cookie(
                crate::web::i18n::LANG_COOKIE,
                lang.code(),
                365 * 24 * 3600,
                state.settings.secure_cookies,
            ),
        )],
        Redirect::to(&back),
    )
        .into_response())
}

/// The path of the page a form was sent from, when it is on this site.
fn same_site_path(headers: &HeaderMap) -> Option<String> {
    let referer: axum::http::Uri = headers.get(header::REFERER)?.to_str().ok()?.parse().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    if referer.authority()?.as_str() != host {
        return None;
    }
    let path = referer.path_and_query()?.as_str();
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_string())
}
