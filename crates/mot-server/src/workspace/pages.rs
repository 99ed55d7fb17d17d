//! The workspace's pages: home, a business with its journeys and
//! channels, inviting people to a board (share, rotate, remove a guest)
//! and joining one.

use crate::auth::layout::{anonymous_page, chrome};
use crate::auth::{self, check_pre_csrf, session_ident};
use crate::auth::{require_user, Ident, SignedIn};
use crate::state::AppState;
use crate::t;
use crate::web::base_url;
use crate::web::client_ip::ClientIp;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::{CsrfForm, NameForm};
use crate::web::extract::{PageForm, PagePath};
use crate::web::i18n::Lang;
use crate::web::layout::page;
use crate::web::qr_svg;
use crate::workspace::service;
use crate::workspace::service::parse_code;
use crate::workspace::service::show_code;
use crate::workspace::service::{create_journey, remove_journey_guest, rotate_join_link};
use crate::workspace::views as v;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::text::{self, Limits};
use mot_core::Id;
use serde::Deserialize;

pub async fn show_home(State(state): State<AppState>, headers: HeaderMap) -> PageResult<Response> {
    if !state.store.is_set_up().await? {
        return Ok(Redirect::to("/setup").into_response());
    }
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    // Someone who reads reports only starts at their business's reports.
    if let Some(c) = me
        .client
        .filter(|c| c.role == mot_core::ClientRole::Reports)
    {
        return Ok(Redirect::to(&format!("/b/{}/reports", c.business_id)).into_response());
    }
    let ws = state.store.workspace(me.workspace_id).await?;
    let businesses = service::businesses(&state, &me).await?;
    let practice = me.client.is_none();
    let mut body = v::home_page(
        &ws.name,
        &businesses,
        &me.csrf,
        me.may_manage() && practice,
        practice,
    );
    if let Some(user) = &me.user {
        let mine = state.store.workspaces_of(user.id).await?;
        if mine.len() > 1 {
            let switcher = v::workspace_switcher(&mine, me.workspace_id, &me.csrf);
            body = maud::html! { (switcher) (body) };
        }
    }
    if me.actor.may_administer().is_ok() {
        let current = ws.language.as_deref().and_then(Lang::parse);
        let settings = v::workspace_settings(current, state.settings.default_language, &me.csrf);
        let brand = state.store.brand(me.workspace_id).await?;
        let brand = v::brand_settings(&brand, &me.csrf, None);
        body = maud::html! { (body) (settings) (brand) };
    }
    Ok(page(&chrome(&state, Some(&me)), &ws.name, body).into_response())
}

#[derive(Deserialize)]
pub struct SwitchForm {
    #[serde(default)]
    _csrf: String,
    workspace_id: Id,
}

/// `POST /workspace/switch`: to another of one's workspaces, then its home.
pub async fn switch_workspace(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PageForm(f): PageForm<SwitchForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    let token = auth::cookie(&headers, auth::SESSION_COOKIE);
    service::switch_workspace(&state, &me, token.as_deref(), f.workspace_id).await?;
    Ok(Redirect::to("/").into_response())
}

#[derive(Deserialize)]
pub struct WorkspaceForm {
    #[serde(default)]
    _csrf: String,
    /// A language code, or empty for the installation's default.
    #[serde(default)]
    language: String,
}

/// `POST /workspace`: the workspace's settings (its default language).
pub async fn update_workspace(
    State(state): State<AppState>,
    headers: HeaderMap,
    PageForm(f): PageForm<WorkspaceForm>,
) -> PageResult<Response> {
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    me.check_csrf(&headers, Some(&f._csrf))?;
    let code = Some(f.language.trim()).filter(|c| !c.is_empty());
    service::update_workspace(&state, &me, Some(code)).await?;
    Ok(Redirect::to("/#settings").into_response())
}

pub async fn add_business(
    State(state): State<AppState>,
    headers: HeaderMap,
    PageForm(f): PageForm<NameForm>,
) -> PageResult<Response> {
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    me.check_csrf(&headers, Some(&f._csrf))?;
    let once = crate::web::client_request(me.actor, crate::web::request_id_of(&headers, &f._rid))?;
    let b = service::create_business(&state, &me, &f.name, once).await?;
    Ok(Redirect::to(&format!("/b/{}", b.id)).into_response())
}

pub async fn show_business(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let b = state.store.business(me.workspace_id, id).await?;
    let journeys = state.store.journeys(me.workspace_id, id).await?;
    let channels = state.store.channels(me.workspace_id, id).await?;
    let mut c = chrome(&state, Some(&me));
    c.extra_css = Some(channel_css_url(&b.id, &channels));
    let branches = state.store.branches(me.workspace_id, id).await?;
    let templates = state.store.templates(me.workspace_id).await?;
    let rounds = state.store.rounds(me.workspace_id, id).await?;
    let body = maud::html! {
        (v::business_page(&b, &journeys, &channels, &me.csrf, me.may_manage(), me.client.is_none()))
        (crate::audit::views::business_audits(id, &branches, &templates, &rounds, &journeys, &me.csrf, me.may_manage(), me.client.is_none()))
    };
    Ok(page(&c, &b.name, body).into_response())
}

/// `GET /b/{id}/reports`: every report of a business to read or take away
/// (the planning forms of its sessions, its audit results, its customers'
/// feedback, its journey maps). Where someone who reads reports only starts.
pub async fn show_reports(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    reports_response(&state, &me, id, None).await
}

/// How asking to send a business's report pack went.
pub enum PackOutcome<'a> {
    Sent(&'a crate::reports::service::PackSending),
    /// Refused, with why.
    Refused(&'a str),
}

/// The reports page of a business, saying how a sending of its report pack
/// went when there was one.
pub async fn reports_response(
    state: &AppState,
    me: &Ident,
    id: Id,
    sending: Option<PackOutcome<'_>>,
) -> PageResult<Response> {
    let b = state.store.business(me.workspace_id, id).await?;
    let mut journeys = Vec::new();
    for j in state.store.journeys(me.workspace_id, id).await? {
        let mut sessions = state.store.sessions(me.workspace_id, j.id).await?;
        sessions.sort_by(|a, b| b.held_on.cmp(&a.held_on).then(b.id.cmp(&a.id)));
        journeys.push((j, sessions));
    }
    let rounds = state.store.rounds(me.workspace_id, id).await?;
    let reports_only = me
        .client
        .is_some_and(|c| c.role == mot_core::ClientRole::Reports);
    let workspace = state.store.workspace(me.workspace_id).await?;
    let pack_lang = workspace
        .language
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(crate::web::i18n::lang);
    // Sending the pack: the practice's facilitators and owners.
    let send = if me.client.is_none() && me.may_manage() {
        Some(v::PackSend {
            recipients: crate::reports::service::pack_recipients(state, me, id).await?,
            mail: state.mailer.is_some(),
            earlier: state.store.report_sends(me.workspace_id, id, 3).await?,
            csrf: &me.csrf,
        })
    } else {
        None
    };
    let body = v::reports_page(
        &b,
        &journeys,
        &rounds,
        !reports_only,
        pack_lang,
        send.as_ref(),
        sending.as_ref(),
    );
    let title = t!("reports-title", business = b.name.as_str());
    Ok(page(&chrome(state, Some(me)), &title, body).into_response())
}

/// The URL of a business's channel stylesheet, versioned by its content.
pub fn channel_css_url(business_id: &Id, channels: &[mot_core::Channel]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for c in channels {
        h.update(format!("{}{}", c.id, c.colour));
    }
    format!(
        "/b/{business_id}/channels.css?v={}",
        hex::encode(&h.finalize()[..4])
    )
}

pub async fn add_journey(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(business_id): PagePath<Id>,
    PageForm(f): PageForm<NameForm>,
) -> PageResult<Response> {
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    me.check_csrf(&headers, Some(&f._csrf))?;
    let once = crate::web::client_request(me.actor, crate::web::request_id_of(&headers, &f._rid))?;
    let j = create_journey(&state, &me, business_id, &f.name, once).await?;
    Ok(Redirect::to(&format!("/j/{}", j.id)).into_response())
}

#[derive(Deserialize)]
pub struct ChannelForm {
    #[serde(default)]
    _csrf: String,
    /// A new channel's client request id (see `web::client_request`).
    #[serde(default)]
    _rid: String,
    name: String,
    colour: String,
    icon: String,
    #[serde(default)]
    retired: Option<String>,
}

pub async fn add_channel(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(business_id): PagePath<Id>,
    PageForm(f): PageForm<ChannelForm>,
) -> PageResult<Response> {
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    me.check_csrf(&headers, Some(&f._csrf))?;
    let once = crate::web::client_request(me.actor, crate::web::request_id_of(&headers, &f._rid))?;
    let fields = (f.name.as_str(), f.colour.as_str(), f.icon.as_str());
    service::add_channel(&state, &me, business_id, fields, once).await?;
    Ok(Redirect::to(&format!("/b/{business_id}")).into_response())
}

pub async fn edit_channel(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    PageForm(f): PageForm<ChannelForm>,
) -> PageResult<Response> {
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    me.check_csrf(&headers, Some(&f._csrf))?;
    // The form sends every field: each is checked, none is left out.
    let change = service::ChannelChange {
        name: Some(&f.name),
        colour: Some(&f.colour),
        icon: Some(&f.icon),
        retired: Some(f.retired.is_some()),
    };
    let c = service::update_channel(&state, &me, id, change).await?;
    Ok(Redirect::to(&format!("/b/{}", c.business_id)).into_response())
}

/// `GET /b/{id}/channels.css`: each channel's colour as a class.
pub async fn channel_css(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(business_id): PagePath<Id>,
) -> PageResult<Response> {
    // Guests need the colours too; the stylesheet holds no secrets beyond
    // colour codes, but it is still only served to someone signed in or joined.
    let workspace_id = match session_ident(&state, &headers).await? {
        Some(me) => me.workspace_id,
        None => guest_workspace(&state, &headers, business_id).await?,
    };
    // A business of another workspace (or none) is not found, not an empty sheet.
    state.store.business(workspace_id, business_id).await?;
    let channels = state.store.channels(workspace_id, business_id).await?;
    let mut css = String::new();
    for c in channels {
        // Colours are validated as #rrggbb when stored.
        css.push_str(&format!(".ch-{}{{--ch:{}}}\n", c.id, c.colour));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=31536000"),
        ],
        css,
    )
        .into_response())
}

/// The workspace of a guest who joined a journey of this business.
async fn guest_workspace(
    state: &AppState,
    headers: &HeaderMap,
    business_id: Id,
) -> Result<Id, AppError> {
    let cookies = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .filter(|(k, _)| k.starts_with("mot_g"))
        .map(|(_, v)| v.to_string())
        .collect::<Vec<_>>();
    for token in cookies {
        if let Some(g) = state.store.guest(&token).await? {
            let j = state.store.journey(g.workspace_id, g.journey_id).await?;
            if j.business_id == business_id {
                return Ok(g.workspace_id);
            }
        }
    }
    Err(AppError::not_found("business"))
}

pub async fn show_share(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let (j, guests) = service::share(&state, &me, id).await?;
    let link = format!(
        "{}/join/{}",
        base_url(&state.settings, &headers),
        j.join_token
    );
    let svg = qr_svg(&link)?;
    let mut shown = j.clone();
    shown.join_code = show_code(&j.join_code);
    let body = v::share_page(&shown, &link, &svg, &me.csrf, &guests);
    // The join link is a secret: no browser or proxy may keep a copy.
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        page(
            &chrome(&state, Some(&me)),
            t!("workspace-invite-title"),
            body,
        ),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct RotateForm {
    #[serde(default)]
    _csrf: String,
    /// Also remove every guest who joined by the old link.
    #[serde(default)]
    remove_guests: Option<String>,
}

pub async fn rotate_join(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    PageForm(f): PageForm<RotateForm>,
) -> PageResult<Response> {
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    me.check_csrf(&headers, Some(&f._csrf))?;
    rotate_join_link(&state, &me, id, f.remove_guests.is_some()).await?;
    Ok(Redirect::to(&format!("/j/{id}/share")).into_response())
}

/// `POST /j/{id}/guests/{guest}/remove`: an owner or facilitator removes a
/// guest; their open live sockets close and their cookie stops working.
pub async fn remove_guest(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((id, guest_id)): PagePath<(Id, Id)>,
    PageForm(f): PageForm<CsrfForm>,
) -> PageResult<Response> {
    let me = match require_user(&state, &headers).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    me.check_csrf(&headers, Some(&f._csrf))?;
    remove_journey_guest(&state, &me, id, guest_id).await?;
    Ok(Redirect::to(&format!("/j/{id}/share#guests")).into_response())
}

pub async fn show_join_code(State(state): State<AppState>, headers: HeaderMap) -> Response {
    anonymous_page(&state, &headers, t!("workspace-join-title"), |t| {
        v::join_code_page(t, None)
    })
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    _csrf: String,
    code: String,
}

pub async fn do_join_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PageForm(f): PageForm<CodeForm>,
) -> PageResult<Response> {
    check_pre_csrf(&headers, &f._csrf)?;
    // Wrong codes are limited strictly (guessing); right ones only generously,
    // since a whole workshop may join from one office connection.
    let miss_key = format!("join-miss:{ip}");
    state.auth_limiter.ensure_not_blocked(&miss_key)?;
    state.join_limiter.check(&format!("join:{ip}"))?;
    let code = parse_code(&f.code);
    match state.store.journey_by_join_code(&code).await? {
        Some(j) => Ok(Redirect::to(&format!("/join/{}", j.join_token)).into_response()),
        None => {
            state.auth_limiter.check(&miss_key)?;
            let mut res = anonymous_page(&state, &headers, t!("workspace-join-title"), |t| {
                v::join_code_page(t, Some(t!("workspace-join-code-unknown")))
            });
            *res.status_mut() = axum::http::StatusCode::NOT_FOUND;
            Ok(res)
        }
    }
}

async fn journey_for_token(
    state: &AppState,
    token: &str,
) -> Result<(mot_core::Journey, String), AppError> {
    let valid = token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit());
    let j = if valid {
        state.store.journey_by_join_token(token).await?
    } else {
        None
    };
    let j = j.ok_or_else(|| {
        AppError::new(
            axum::http::StatusCode::NOT_FOUND,
            "not_found",
            t!("workspace-join-link-gone"),
        )
    })?;
    crate::auth::workspace_default(state, j.workspace_id).await?;
    let b = state.store.business(j.workspace_id, j.business_id).await?;
    Ok((j, b.name))
}

pub async fn show_join(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
) -> PageResult<Response> {
    let (j, business) = journey_for_token(&state, &token).await?;
    // Someone who already joined (or a member of its workspace) goes straight
    // to the board; a member of another workspace joins as a guest.
    if auth::board_ident(&state, &headers, j.id)
        .await?
        .is_some_and(|i| i.workspace_id == j.workspace_id)
    {
        return Ok(Redirect::to(&format!("/j/{}", j.id)).into_response());
    }
    Ok(anonymous_page(
        &state,
        &headers,
        t!("workspace-join-title"),
        |t| v::join_name_page(&j, &business, &token, t, None),
    ))
}

#[derive(Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    _csrf: String,
    name: String,
    /// The guest's language (a code such as `de`), kept with them; left
    /// out, the guest reads the language of the request.
    #[serde(default)]
    lang: String,
}

pub async fn do_join(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
    PageForm(f): PageForm<JoinForm>,
) -> PageResult<Response> {
    check_pre_csrf(&headers, &f._csrf)?;
    state.join_limiter.check(&format!("join:{ip}"))?;
    let (j, business) = journey_for_token(&state, &token).await?;
    let chosen = match f.lang.trim() {
        "" => None,
        code => Some(
            Lang::parse(code)
                .ok_or_else(|| AppError::invalid(t!("language-unknown", code = code)))?,
        ),
    };
    // The rest of this request (a refused name) is in the chosen language.
    crate::web::i18n::prefer(chosen);
    let name = match text::required_line("name", &f.name, Limits::PERSON_NAME) {
        Ok(n) => n,
        Err(e) => {
            let msg = crate::web::i18n::rule_error(&e);
            let mut res = anonymous_page(&state, &headers, t!("workspace-join-title"), |t| {
                v::join_name_page(&j, &business, &token, t, Some(&msg))
            });
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let guest_token = mot_store::random_token();
    let csrf = mot_store::random_token();
    let guest = state
        .store
        .create_guest(j.workspace_id, j.id, &name, &guest_token, &csrf)
        .await?;
    if let Some(l) = chosen {
        state.store.set_guest_language(guest.id, l.code()).await?;
    }
    let mut res = (
        [(
            header::SET_COOKIE,
            auth::set_cookie(
                &auth::guest_cookie_name(j.id),
                &guest_token,
                auth::GUEST_TTL_SECS,
                state.settings.secure_cookies,
            ),
        )],
        Redirect::to(&format!("/j/{}", j.id)),
    )
        .into_response();
    if let Some(l) = chosen {
        // The next page (and the rest of this browser's visit) is already
        // in the guest's language.
        res.headers_mut().append(
            header::SET_COOKIE,
            auth::set_cookie(
                crate::web::i18n::LANG_COOKIE,
                l.code(),
                365 * 24 * 3600,
                state.settings.secure_cookies,
            ),
        );
    }
    Ok(res)
}

#[derive(Deserialize)]
pub struct PortfolioQuery {
    #[serde(default)]
    sort: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    attention: String,
}

impl PortfolioQuery {
    fn parts(&self) -> (service::PortfolioSort, &str, bool) {
        (
            service::PortfolioSort::from_key(&self.sort).unwrap_or_default(),
            &self.q,
            !self.attention.is_empty(),
        )
    }
}

/// `GET /portfolio`: every client at a glance.
pub async fn show_portfolio(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    axum::extract::Query(q): axum::extract::Query<PortfolioQuery>,
) -> PageResult<Response> {
    let (sort, find, only) = q.parts();
    let (rows, total) = service::portfolio(&state, &me, sort, find, only).await?;
    let body = v::portfolio_page(&rows, total, sort, find, only);
    Ok(page(&chrome(&state, Some(&me)), t!("portfolio-title"), body).into_response())
}

/// `GET /portfolio.csv`: the same rows, sorted and filtered the same way.
pub async fn portfolio_csv(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    axum::extract::Query(q): axum::extract::Query<PortfolioQuery>,
) -> PageResult<Response> {
    let (sort, find, only) = q.parts();
    let (rows, _) = service::portfolio(&state, &me, sort, find, only).await?;
    let lang = crate::web::i18n::lang();
    let bytes = mot_export::portfolio::portfolio_csv(&rows, lang);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"portfolio-{}.csv\"",
                    mot_core::date::format(mot_core::date::today())
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct BrandForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    accent: String,
    #[serde(default)]
    contact: String,
}

/// `POST /workspace/brand`: the name and colour of the practice's reports.
pub async fn set_brand(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PageForm(f): PageForm<BrandForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    service::set_brand(&state, &me, &f.name, &f.accent, &f.contact).await?;
    Ok(Redirect::to("/#brand").into_response())
}

/// `POST /workspace/logo` (a multipart form): the reports' logo, a PNG or
/// an SVG.
pub async fn upload_logo(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    form: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult<Response> {
    let not_a_form = || AppError::bad_request(t!("brand-not-a-form"));
    let mut form = form.map_err(|_| not_a_form())?;
    let too_big = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            mot_core::RuleError::invalid(
                "logo",
                mot_core::Msg::new("rule-logo-too-big")
                    .arg("kib", (mot_core::brand::LOGO_MAX_BYTES / 1024) as i64),
            )
            .into()
        } else {
            not_a_form()
        }
    };
    let (mut csrf, mut logo) = (None, None);
    while let Some(field) = form.next_field().await.map_err(too_big)? {
        match field.name() {
            Some("_csrf") => csrf = Some(field.text().await.map_err(too_big)?),
            Some("logo") => logo = Some(field.bytes().await.map_err(too_big)?),
            _ => {}
        }
    }
    me.check_csrf(&headers, csrf.as_deref())?;
    let logo = logo.unwrap_or_default();
    match service::set_logo(&state, &me, Some(&logo)).await {
        Ok(()) => Ok(Redirect::to("/#brand").into_response()),
        Err(e) if e.status.is_client_error() && e.status != axum::http::StatusCode::FORBIDDEN => {
            let brand = state.store.brand(me.workspace_id).await?;
            let body = v::brand_settings(&brand, &me.csrf, Some(&e.message));
            let ws = state.store.workspace(me.workspace_id).await?;
            Ok((e.status, page(&chrome(&state, Some(&me)), &ws.name, body)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /workspace/logo/remove`.
pub async fn remove_logo(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PageForm(f): PageForm<CsrfForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    service::set_logo(&state, &me, None).await?;
    Ok(Redirect::to("/#brand").into_response())
}

/// `GET /workspace/logo`: the logo, for its preview (owners). An SVG is
/// served as the clean file kept, under a policy that lets it fetch and
/// run nothing even when opened on its own.
pub async fn show_logo(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> PageResult<Response> {
    me.actor.may_administer()?;
    let logo = state
        .store
        .brand(me.workspace_id)
        .await?
        .logo
        .ok_or_else(|| AppError::not_found("logo"))?;
    let kind = mot_core::brand::LogoKind::of(&logo);
    Ok((
        [
            (header::CONTENT_TYPE, kind.media_type()),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable",
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        logo,
    )
        .into_response())
}
