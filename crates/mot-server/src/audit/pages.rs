//! Audit pages: branches, templates, rounds and rater links for the owner;
//! the rater's page (no account: a personal link); results.

use crate::audit::service::{results_download, round_report};
use crate::audit::views as v;
use crate::auth::layout::chrome;
use crate::auth::require_user;
use crate::auth::{Ident, Manager};
use crate::or_return;
use crate::state::AppState;
use crate::t;
use crate::web::base_url;
use crate::web::client_request;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::CsrfForm;
use crate::web::extract::NameForm;
use crate::web::extract::{BoardForm, PageForm, PagePath};
use crate::web::i18n::Lang;
use crate::web::layout::page;
use crate::web::optional_id;
use crate::web::qr_svg;
use crate::web::request_id_of;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::audit::{Answer, AuditLimits, RaterGroup};
use mot_core::date;
use mot_core::text::{self, Limits, Msg, RuleError};
use mot_core::Id;
use serde::Deserialize;

type Fields = Vec<(String, String)>;
fn field<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A wrong value of a form's field: "field: what is wrong", in the
/// request's language.
fn invalid(field: &'static str, key: &'static str) -> AppError {
    RuleError::invalid(field, Msg::new(key)).into()
}

pub async fn add_branch(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath(business_id): PagePath<Id>,
    PageForm(f): PageForm<NameForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    let once = client_request(me.actor, request_id_of(&headers, &f._rid))?;
    state
        .store
        .once(once)
        .add_branch(me.workspace_id, business_id, &f.name)
        .await?;
    Ok(Redirect::to(&format!("/b/{business_id}#branches")).into_response())
}

pub async fn create_template(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath(business_id): PagePath<Id>,
    BoardForm(f): BoardForm<Fields>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(field(&f, "_csrf")))?;
    state.store.business(me.workspace_id, business_id).await?;
    let once = client_request(me.actor, request_id_of(&headers, field(&f, "_rid")))?;
    let store = state.store.once(once);
    let t = match field(&f, "from") {
        "default" | "" => store.create_default_template(me.workspace_id).await?,
        other => match other.split_once(':') {
            Some(("journey", j)) => {
                let jid = j.parse().map_err(|_| invalid("from", "audit-error-from"))?;
                store
                    .create_template_from_journey(me.workspace_id, jid)
                    .await?
            }
            // A client's audit as it was asked in one of its rounds.
            Some(("round", r)) => {
                let rid: Id = r.parse().map_err(|_| invalid("from", "audit-error-from"))?;
                let round = state.store.round(me.workspace_id, rid).await?;
                let name = t!("audit-template-round-name", round = round.name.as_str());
                store
                    .create_template_from_round(me.workspace_id, rid, &name)
                    .await?
            }
            _ => return Err(invalid("from", "audit-error-from").into()),
        },
    };
    Ok(Redirect::to(&format!("/b/{business_id}/templates/{}", t.id)).into_response())
}

pub async fn show_template(
    State(state): State<AppState>,
    Manager(me): Manager,
    PagePath((business_id, id)): PagePath<(Id, Id)>,
) -> PageResult<Response> {
    state.store.business(me.workspace_id, business_id).await?;
    let t = state.store.template(me.workspace_id, id).await?;
    let mut moments = Vec::new();
    for j in state.store.journeys(me.workspace_id, business_id).await? {
        for m in state.store.moments(me.workspace_id, j.id).await? {
            moments.push((m, j.name.clone()));
        }
    }
    let body = v::template_page(business_id, &t, &moments, &me.csrf);
    Ok(page(&chrome(&state, Some(&me)), &t.name, body).into_response())
}

/// An item form's text and guidance (checked by the store) and linked moment.
fn item_fields(f: &Fields) -> Result<(&str, &str, Option<Id>), AppError> {
    Ok((
        field(f, "text"),
        field(f, "guidance"),
        optional_id("moment_id", field(f, "moment_id"))?,
    ))
}

pub async fn add_item(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath((business_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<Fields>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(field(&f, "_csrf")))?;
    let (t, g, m) = item_fields(&f)?;
    let once = client_request(me.actor, request_id_of(&headers, field(&f, "_rid")))?;
    state
        .store
        .once(once)
        .add_template_item(me.workspace_id, id, field(&f, "phase"), t, g, m)
        .await?;
    Ok(Redirect::to(&format!("/b/{business_id}/templates/{id}")).into_response())
}

pub async fn edit_item(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath((business_id, id, item)): PagePath<(Id, Id, Id)>,
    BoardForm(f): BoardForm<Fields>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(field(&f, "_csrf")))?;
    let (t, g, m) = item_fields(&f)?;
    let remove = field(&f, "remove") == "1";
    state
        .store
        .update_template_item(me.workspace_id, id, item, t, g, m, remove)
        .await?;
    Ok(Redirect::to(&format!("/b/{business_id}/templates/{id}")).into_response())
}

pub async fn move_phase(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath((business_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<Fields>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(field(&f, "_csrf")))?;
    let delta: i64 = field(&f, "delta")
        .parse()
        .map_err(|_| invalid("delta", "audit-error-delta"))?;
    let once = client_request(me.actor, request_id_of(&headers, field(&f, "_rid")))?;
    state
        .store
        .once(once)
        .move_template_phase(me.workspace_id, id, field(&f, "phase"), delta.clamp(-1, 1))
        .await?;
    Ok(Redirect::to(&format!("/b/{business_id}/templates/{id}")).into_response())
}

pub async fn move_item(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath((business_id, id, item)): PagePath<(Id, Id, Id)>,
    BoardForm(f): BoardForm<Fields>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(field(&f, "_csrf")))?;
    let delta: i64 = field(&f, "delta")
        .parse()
        .map_err(|_| invalid("delta", "audit-error-delta"))?;
    let once = client_request(me.actor, request_id_of(&headers, field(&f, "_rid")))?;
    state
        .store
        .once(once)
        .move_template_item(me.workspace_id, id, item, delta.clamp(-1, 1))
        .await?;
    Ok(Redirect::to(&format!("/b/{business_id}/templates/{id}")).into_response())
}

pub async fn start_round(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath(business_id): PagePath<Id>,
    BoardForm(f): BoardForm<Fields>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(field(&f, "_csrf")))?;
    let template: Id = field(&f, "template_id")
        .parse()
        .map_err(|_| invalid("template_id", "audit-error-template"))?;
    let opens = date::parse("opens_on", field(&f, "opens_on"))?;
    let closes = date::parse("closes_on", field(&f, "closes_on"))?;
    let branches = f
        .iter()
        .filter(|(k, _)| k == "branch_ids")
        .map(|(_, v)| {
            v.parse()
                .map_err(|_| invalid("branch_ids", "audit-error-not-a-branch"))
        })
        .collect::<Result<Vec<Id>, _>>()?;
    let once = client_request(me.actor, request_id_of(&headers, field(&f, "_rid")))?;
    let r = state
        .store
        .once(once)
        .start_round(
            me.workspace_id,
            business_id,
            template,
            field(&f, "name"),
            opens,
            closes,
            branches,
        )
        .await?;
    Ok(Redirect::to(&format!("/b/{business_id}/rounds/{}", r.id)).into_response())
}

/// The round `round_id` of the business in the address: 404 when it belongs
/// to another business (or workspace), before anything is changed.
async fn round_of_business(
    state: &AppState,
    ws: Id,
    business_id: Id,
    round_id: Id,
) -> Result<mot_store::Round, AppError> {
    let r = state.store.round(ws, round_id).await?;
    if r.business_id != business_id {
        return Err(AppError::not_found("audit round"));
    }
    Ok(r)
}

async fn round_page_response(
    state: &AppState,
    me: &Ident,
    business_id: Id,
    round_id: Id,
    new_links: &[(mot_store::RaterLink, String, String)],
) -> Result<Response, AppError> {
    let r = state.store.round(me.workspace_id, round_id).await?;
    if r.business_id != business_id {
        return Err(AppError::not_found("audit round"));
    }
    let branches = state.store.branches(me.workspace_id, business_id).await?;
    let links = state.store.rater_links(me.workspace_id, round_id).await?;
    let items = state.store.round_items(round_id).await?.len();
    let body = v::round_page(
        business_id,
        &r,
        &branches,
        &links,
        new_links,
        items,
        &me.csrf,
    );
    // New rater links are secrets: no browser or proxy may keep a copy.
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        page(&chrome(state, Some(me)), &r.name, body),
    )
        .into_response())
}

pub async fn show_round(
    State(state): State<AppState>,
    Manager(me): Manager,
    PagePath((business_id, id)): PagePath<(Id, Id)>,
) -> PageResult<Response> {
    Ok(round_page_response(&state, &me, business_id, id, &[]).await?)
}

pub async fn make_links(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath((business_id, id)): PagePath<(Id, Id)>,
    BoardForm(f): BoardForm<Fields>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(field(&f, "_csrf")))?;
    round_of_business(&state, me.workspace_id, business_id, id).await?;
    let branch: Id = field(&f, "branch_id")
        .parse()
        .map_err(|_| invalid("branch_id", "audit-error-branch"))?;
    let group = RaterGroup::from_key(field(&f, "group"))
        .ok_or_else(|| invalid("group", "audit-error-group"))?;
    let raw = field(&f, "labels").trim();
    let labels: Vec<String> = match raw.parse::<usize>() {
        Ok(n) if (1..=500).contains(&n) => {
            let name = v::group_label(group);
            (1..=n)
                .map(|i| t!("audit-link-label", group = name, number = i))
                .collect()
        }
        Ok(_) => return Err(invalid("labels", "audit-error-labels").into()),
        Err(_) => raw
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| text::required_line("labels", l, Limits::PERSON_NAME))
            .collect::<Result<_, _>>()?,
    };
    let once = client_request(me.actor, request_id_of(&headers, field(&f, "_rid")))?;
    let made = state
        .store
        .once(once)
        .create_rater_links(me.workspace_id, id, branch, group, labels)
        .await?;
    let base = base_url(&state.settings, &headers);
    let mut shown = Vec::new();
    for (l, token) in made {
        let url = format!("{base}/r/{token}");
        let qr = qr_svg(&url)?;
        shown.push((l, url, qr));
    }
    Ok(round_page_response(&state, &me, business_id, id, &shown).await?)
}

pub async fn remind_link(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath((business_id, id, link)): PagePath<(Id, Id, Id)>,
    PageForm(f): PageForm<CsrfForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    round_of_business(&state, me.workspace_id, business_id, id).await?;
    let l = state
        .store
        .rater_links(me.workspace_id, id)
        .await?
        .into_iter()
        .find(|l| l.id == link)
        .ok_or_else(|| AppError::not_found("rater link"))?;
    let token = state
        .store
        .reissue_rater_link(me.workspace_id, link)
        .await?;
    let url = format!("{}/r/{token}", base_url(&state.settings, &headers));
    let qr = qr_svg(&url)?;
    Ok(round_page_response(&state, &me, business_id, id, &[(l, url, qr)]).await?)
}

pub async fn close_round(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath((business_id, id)): PagePath<(Id, Id)>,
    PageForm(f): PageForm<CsrfForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    round_of_business(&state, me.workspace_id, business_id, id).await?;
    state.store.close_round(me.workspace_id, id).await?;
    Ok(Redirect::to(&format!("/b/{business_id}/rounds/{id}")).into_response())
}

pub async fn show_results(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((business_id, id, format)): PagePath<(Id, Id, String)>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let rr = round_report(&state, me.workspace_id, business_id, id).await?;
    let r = &rr.round;
    let branches = state.store.branches(me.workspace_id, business_id).await?;
    match format.as_str() {
        "results" => {
            let body = v::results_page(business_id, &rr, &branches);
            Ok(page(
                &chrome(&state, Some(&me)),
                &t!("audit-results-title", round = r.name.as_str()),
                body,
            )
            .into_response())
        }
        "results.csv" | "results.xlsx" | "results.pdf" => Ok(results_download(
            &state,
            me.workspace_id,
            &rr,
            &branches,
            format.trim_start_matches("results."),
        )
        .await?),
        _ => Err(AppError::new(StatusCode::NOT_FOUND, "not_found", t!("audit-no-download")).into()),
    }
}

pub async fn show_standards(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let j = state.store.journey(me.workspace_id, journey_id).await?;
    let moments = state.store.moments(me.workspace_id, journey_id).await?;
    let standards = state.store.standards(me.workspace_id, journey_id).await?;
    let body = v::standards_page(&j, &moments, &standards, &me.csrf, me.may_manage());
    Ok(page(
        &chrome(&state, Some(&me)),
        t!("audit-standards-title"),
        body,
    )
    .into_response())
}

#[derive(Deserialize)]
pub struct StandardForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    experience: String,
    #[serde(default)]
    highs: String,
    #[serde(default)]
    risks: String,
}

pub async fn save_standard(
    State(state): State<AppState>,
    headers: HeaderMap,
    Manager(me): Manager,
    PagePath((journey_id, moment_id)): PagePath<(Id, Id)>,
    PageForm(f): PageForm<StandardForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    let m = state.store.moment(me.workspace_id, moment_id).await?;
    if m.journey_id != journey_id {
        return Err(AppError::not_found("moment").into());
    }
    state
        .store
        .set_standard(
            me.workspace_id,
            moment_id,
            &f.experience,
            &f.highs,
            &f.risks,
        )
        .await?;
    Ok(Redirect::to(&format!("/j/{journey_id}/standards#std-{moment_id}")).into_response())
}

// ---- the rater --------------------------------------------------------------

fn valid_token(t: &str) -> bool {
    t.len() == 32 && t.chars().all(|c| c.is_ascii_hexdigit())
}

async fn rater(state: &AppState, token: &str) -> Result<mot_store::RaterView, AppError> {
    if !valid_token(token) {
        return Err(AppError::not_found("audit link"));
    }
    let v = state.store.rater_view(token).await.map_err(rater_error)?;
    // The rater's own choice, else their browser's, else the workspace's.
    crate::web::i18n::fallback(v.workspace_language.as_deref().and_then(Lang::parse));
    crate::web::i18n::prefer(v.language.as_deref().and_then(Lang::parse));
    Ok(v)
}

/// A rater's link that is unknown may have been replaced: say so.
fn rater_error(e: mot_store::StoreError) -> AppError {
    match e {
        mot_store::StoreError::NotFound(_) => AppError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            t!("audit-link-replaced"),
        ),
        other => other.into(),
    }
}

/// The rater's page chrome: the language switch keeps their choice with
/// their link.
fn rater_chrome(state: &AppState, token: &str) -> crate::web::layout::Chrome {
    crate::web::layout::Chrome {
        css: state.assets.url("app.css"),
        script: Some(state.assets.url("rater.js")),
        words: Some("js-audit-"),
        rater: Some(token.to_string()),
        ..Default::default()
    }
}

pub async fn show_rater(
    State(state): State<AppState>,
    PagePath(token): PagePath<String>,
) -> PageResult<Response> {
    let v = rater(&state, &token).await?;
    let standards = standards_for(&state, &v).await?;
    let body = v::rater_page(&v, &token, &standards, None);
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        page(&rater_chrome(&state, &token), &v.round.name, body),
    )
        .into_response())
}

async fn standards_for(
    state: &AppState,
    v: &mot_store::RaterView,
) -> Result<Vec<mot_store::Standard>, AppError> {
    let mut out = Vec::new();
    for j in state
        .store
        .journeys(v.workspace_id, v.round.business_id)
        .await?
    {
        out.extend(state.store.standards(v.workspace_id, j.id).await?);
    }
    Ok(out)
}

fn answer_from(value: &str) -> Result<Answer, AppError> {
    if value == "na" {
        return Ok(Answer::NotApplicable);
    }
    let n: i64 = value
        .trim()
        .parse()
        .map_err(|_| invalid("score", "audit-error-score"))?;
    Ok(Answer::new(Some(n))?)
}

/// `POST /r/{token}/answer`: one answer, from the page script (JSON answer).
pub async fn save_answer(
    State(state): State<AppState>,
    PagePath(token): PagePath<String>,
    BoardForm(f): BoardForm<Fields>,
) -> Result<Response, AppError> {
    if !valid_token(&token) {
        return Err(AppError::not_found("audit link"));
    }
    let item: Id = field(&f, "item_id")
        .parse()
        .map_err(|_| invalid("item_id", "audit-error-item"))?;
    let answer = answer_from(field(&f, "score"))?;
    // The store checks the comment (its length limit is a rule of core).
    state
        .store
        .save_answer(&token, item, answer, field(&f, "comment"))
        .await
        .map_err(rater_error)?;
    Ok(json_ok())
}

/// The page script's "saved" answer.
fn json_ok() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"ok":true}"#,
    )
        .into_response()
}

/// `POST /r/{token}/submit`: hand in (from the page script).
pub async fn submit_rater(
    State(state): State<AppState>,
    PagePath(token): PagePath<String>,
) -> Result<Response, AppError> {
    if !valid_token(&token) {
        return Err(AppError::not_found("audit link"));
    }
    state
        .store
        .submit_audit(&token)
        .await
        .map_err(rater_error)?;
    Ok(json_ok())
}

/// `POST /r/{token}`: the whole form without JavaScript: saves every answer
/// given, all checked before anything is written, and hands in on request.
pub async fn post_rater_form(
    State(state): State<AppState>,
    PagePath(token): PagePath<String>,
    BoardForm(f): BoardForm<Fields>,
) -> PageResult<Response> {
    let v = rater(&state, &token).await?;
    let mut answers = Vec::new();
    for it in &v.items {
        let s = field(&f, &format!("s{}", it.id));
        let c = field(&f, &format!("c{}", it.id));
        if s.is_empty() {
            continue;
        }
        answers.push((
            it.id,
            answer_from(s)?,
            text::optional_text("comment", c, AuditLimits::COMMENT)?,
        ));
    }
    for (id, a, c) in answers {
        state
            .store
            .save_answer(&token, id, a, &c)
            .await
            .map_err(rater_error)?;
    }
    if field(&f, "submit") == "1" {
        state
            .store
            .submit_audit(&token)
            .await
            .map_err(rater_error)?;
    }
    Ok(Redirect::to(&format!("/r/{token}")).into_response())
}
