//! The people pages: `/people` (who is in the workspace; owners invite,
//! change roles, remove), `/invite/{token}` (taking up an invitation) and
//! `/account` (a person's own name, password and API tokens).

use crate::auth::layout::{anonymous_page, chrome};
use crate::auth::{self, check_pre_csrf, Ident, SignedIn};
use crate::people::service;
use crate::people::views as v;
use crate::state::AppState;
use crate::t;
use crate::web::base_url;
use crate::web::client_ip::ClientIp;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::{CsrfForm, PageForm, PagePath};
use crate::web::layout::page;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::Id;
use serde::Deserialize;

/// A refusal said on the page itself (4xx), or an error to pass on.
fn said(e: AppError) -> Result<(StatusCode, String), AppError> {
    if e.status.is_client_error() {
        Ok((e.status, e.message))
    } else {
        Err(e)
    }
}

/// The people page, with `notes` (a refusal, an invitation just made).
async fn people_response(
    state: &AppState,
    me: &Ident,
    status: StatusCode,
    mut notes: v::PeopleNotes<'_>,
) -> PageResult<Response> {
    let (members, invites) = service::people(state, me).await?;
    let ws = state.store.workspace(me.workspace_id).await?;
    let businesses = state.store.businesses(me.workspace_id).await?;
    let join = match (&state.oidc, me.actor.may_administer()) {
        (Some(_), Ok(())) => state.store.oidc_join_role(me.workspace_id).await?,
        _ => None,
    };
    notes.sso = state
        .oidc
        .as_ref()
        .filter(|_| me.actor.may_administer().is_ok())
        .map(|o| (o.label(), join));
    let body = v::people_page(
        &ws.name,
        &members,
        &invites,
        &businesses,
        me.user.as_ref().map(|u| u.id),
        me.actor.may_administer().is_ok(),
        &me.csrf,
        &notes,
    );
    // An invitation's link is a secret: no browser or proxy keeps a copy.
    Ok(private_page(state, me, status, t!("people-title"), body))
}

/// A page for someone not signed in that answers a secret link (an
/// invitation, a password reset), with `status`: no browser or proxy keeps
/// a copy.
fn private_anonymous(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    title: &str,
    body: impl FnOnce(&str) -> maud::Markup,
) -> Response {
    let mut res = anonymous_page(state, headers, title, body);
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    res
}

/// A page that may hold a secret (an invitation's link, a new token): no
/// browser or proxy keeps a copy.
fn private_page(
    state: &AppState,
    me: &Ident,
    status: StatusCode,
    title: &str,
    body: maud::Markup,
) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        page(&chrome(state, Some(me)), title, body),
    )
        .into_response()
}

pub async fn show_people(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> PageResult<Response> {
    people_response(&state, &me, StatusCode::OK, v::PeopleNotes::default()).await
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    /// Empty for the practice's own people, else the client business's id.
    #[serde(default)]
    business: String,
}

/// `POST /people/invite`: the link is shown on the page that answers.
pub async fn do_invite(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PageForm(f): PageForm<InviteForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    let base = base_url(&state.settings, &headers);
    let invited = match service::business_field(&f.business) {
        Ok(b) => service::invite(&state, &me, &base, &f.email, &f.role, b).await,
        Err(e) => Err(e),
    };
    match invited {
        Ok(made) => {
            let notes = v::PeopleNotes {
                invited: Some((&made.invite.email, &made.link, made.mailed)),
                ..Default::default()
            };
            people_response(&state, &me, StatusCode::OK, notes).await
        }
        Err(e) => {
            let (status, msg) = said(e)?;
            let notes = v::PeopleNotes {
                error: Some(&msg),
                email: &f.email,
                business: service::business_field(&f.business).ok().flatten(),
                ..Default::default()
            };
            people_response(&state, &me, status, notes).await
        }
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    business: String,
}

pub async fn change_role(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PagePath(user_id): PagePath<Id>,
    PageForm(f): PageForm<RoleForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    let changed = match service::business_field(&f.business) {
        Ok(b) => service::change_role(&state, &me, user_id, &f.role, b).await,
        Err(e) => Err(e),
    };
    match changed {
        Ok(()) => Ok(Redirect::to(&format!("/people#person-{user_id}")).into_response()),
        Err(e) => refused(&state, &me, e).await,
    }
}

async fn refused(state: &AppState, me: &Ident, e: AppError) -> PageResult<Response> {
    let (status, msg) = said(e)?;
    let notes = v::PeopleNotes {
        error: Some(&msg),
        ..Default::default()
    };
    people_response(state, me, status, notes).await
}

pub async fn remove(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PagePath(user_id): PagePath<Id>,
    PageForm(f): PageForm<CsrfForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    match service::remove(&state, &me, user_id).await {
        // An owner who took themselves out is signed out with it.
        Ok(()) if me.user.as_ref().is_some_and(|u| u.id == user_id) => {
            Ok(Redirect::to("/login").into_response())
        }
        Ok(()) => Ok(Redirect::to("/people").into_response()),
        Err(e) => refused(&state, &me, e).await,
    }
}

#[derive(Deserialize)]
pub struct SsoForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    role: String,
}

/// `POST /people/sso`: who may join by single sign-on.
pub async fn set_sso(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PageForm(f): PageForm<SsoForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    match service::set_sso_join(&state, &me, &f.role).await {
        Ok(()) => Ok(Redirect::to("/people#invite").into_response()),
        Err(e) => refused(&state, &me, e).await,
    }
}

pub async fn cancel_invite(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    PageForm(f): PageForm<CsrfForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    service::cancel_invite(&state, &me, id).await?;
    Ok(Redirect::to("/people#invite").into_response())
}

pub async fn show_invite(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
) -> PageResult<Response> {
    let link = service::invite_link(&state, &token).await?;
    Ok(private_anonymous(
        &state,
        &headers,
        StatusCode::OK,
        t!("people-join-title"),
        |csrf| v::invite_page(&link, &token, csrf, None),
    ))
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

pub async fn accept_invite(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
    PageForm(f): PageForm<AcceptForm>,
) -> PageResult<Response> {
    check_pre_csrf(&headers, &f._csrf)?;
    state.auth_limiter.check(&format!("invite:{ip}"))?;
    match service::accept(&state, &token, &f.name, &f.password).await {
        Ok((ws, user)) => crate::auth::pages::start_session_to(&state, ws, user, "/").await,
        Err(e) if e.status == StatusCode::NOT_FOUND => Err(e.into()),
        Err(e) => {
            let (status, msg) = said(e)?;
            let link = service::invite_link(&state, &token).await?;
            Ok(private_anonymous(
                &state,
                &headers,
                status,
                t!("people-join-title"),
                |csrf| v::invite_page(&link, &token, csrf, Some(&msg)),
            ))
        }
    }
}

/// The account page, with `notes`.
async fn account_response(
    state: &AppState,
    me: &Ident,
    status: StatusCode,
    notes: &v::AccountNotes<'_>,
) -> PageResult<Response> {
    let Some(user) = &me.user else {
        return Err(AppError::forbidden(t!("people-account-only")).into());
    };
    // The name may have just changed: read the account again.
    let (user, role) = state.store.member(me.workspace_id, user.id).await?;
    let tokens = state.store.api_tokens_of(me.workspace_id, user.id).await?;
    let body = v::account_page(&user, Some(role), &tokens, &me.csrf, notes);
    Ok(private_page(
        state,
        me,
        status,
        t!("people-account-title"),
        body,
    ))
}

pub async fn show_account(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> PageResult<Response> {
    account_response(&state, &me, StatusCode::OK, &v::AccountNotes::default()).await
}

#[derive(Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    label: String,
}

/// What an account form did: said on the account page.
async fn account_answer(
    state: &AppState,
    me: &Ident,
    done: Result<&str, AppError>,
    token: Option<&str>,
) -> PageResult<Response> {
    match done {
        Ok(msg) => {
            let notes = v::AccountNotes {
                done: Some(msg),
                token,
                ..Default::default()
            };
            account_response(state, me, StatusCode::OK, &notes).await
        }
        Err(e) => {
            let (status, msg) = said(e)?;
            let notes = v::AccountNotes {
                error: Some(&msg),
                ..Default::default()
            };
            account_response(state, me, status, &notes).await
        }
    }
}

pub async fn save_account(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PageForm(f): PageForm<AccountForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    let done = service::rename_me(&state, &me, &f.name)
        .await
        .map(|()| t!("people-account-saved"));
    account_answer(&state, &me, done, None).await
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    current: String,
}

pub async fn change_email(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PageForm(f): PageForm<EmailForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    state.auth_limiter.check(&format!("password:{ip}"))?;
    let done = service::change_email(&state, &me, &f.current, &f.email)
        .await
        .map(|()| t!("people-email-changed"));
    account_answer(&state, &me, done, None).await
}

pub async fn change_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PageForm(f): PageForm<AccountForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    state.auth_limiter.check(&format!("password:{ip}"))?;
    let session = auth::cookie(&headers, auth::SESSION_COOKIE);
    let done = service::change_password(&state, &me, session.as_deref(), &f.current, &f.password)
        .await
        .map(|()| t!("people-password-changed"));
    account_answer(&state, &me, done, None).await
}

pub async fn create_token(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PageForm(f): PageForm<AccountForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    match service::create_token(&state, &me, &f.label).await {
        Ok(token) => {
            account_answer(&state, &me, Ok(t!("people-token-created")), Some(&token)).await
        }
        Err(e) => account_answer(&state, &me, Err(e), None).await,
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    PageForm(f): PageForm<CsrfForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    service::revoke_token(&state, &me, id).await?;
    Ok(Redirect::to("/account#tokens").into_response())
}

pub async fn show_reset_request(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let mails = state.mailer.is_some();
    anonymous_page(&state, &headers, t!("people-reset-title"), |csrf| {
        v::reset_request_page(csrf, mails, false, None)
    })
}

#[derive(Deserialize)]
pub struct ResetRequestForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    email: String,
}

/// `POST /reset`: the same answer whether or not an account has the
/// address; limited per address of the sender and per e-mail address.
pub async fn request_reset(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PageForm(f): PageForm<ResetRequestForm>,
) -> PageResult<Response> {
    check_pre_csrf(&headers, &f._csrf)?;
    state.auth_limiter.check(&format!("reset:{ip}"))?;
    state.auth_limiter.check(&format!(
        "reset-mail:{}",
        f.email
            .trim()
            .to_lowercase()
            .chars()
            .take(254)
            .collect::<String>()
    ))?;
    let mails = state.mailer.is_some();
    let (status, error) = match service::request_reset(&state, &f.email).await {
        Ok(()) => (StatusCode::OK, None),
        Err(e) => {
            let (status, msg) = said(e)?;
            (status, Some(msg))
        }
    };
    let sent = error.is_none();
    let mut res = anonymous_page(&state, &headers, t!("people-reset-title"), |csrf| {
        v::reset_request_page(csrf, mails, sent, error.as_deref())
    });
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show_reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
) -> PageResult<Response> {
    let user = service::reset_user(&state, &token).await?;
    Ok(private_anonymous(
        &state,
        &headers,
        StatusCode::OK,
        t!("people-reset-title"),
        |csrf| v::reset_page(&user, &token, csrf, None),
    ))
}

pub async fn do_reset(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
    PageForm(f): PageForm<AcceptForm>,
) -> PageResult<Response> {
    check_pre_csrf(&headers, &f._csrf)?;
    state.auth_limiter.check(&format!("reset:{ip}"))?;
    match service::reset(&state, &token, &f.password).await {
        Ok((ws, user)) => crate::auth::pages::start_session_to(&state, ws, user, "/").await,
        Err(e) if e.status == StatusCode::NOT_FOUND => Err(e.into()),
        Err(e) => {
            let (status, msg) = said(e)?;
            let user = service::reset_user(&state, &token).await?;
            Ok(private_anonymous(
                &state,
                &headers,
                status,
                t!("people-reset-title"),
                |csrf| v::reset_page(&user, &token, csrf, Some(&msg)),
            ))
        }
    }
}
