//! The templates library's pages: `/templates` (the library and the
//! starters; saving a journey as a template; starting a journey from one),
//! `/templates/{id}` (one template, its versions' journeys) and
//! `/j/{id}/template` (the changes a journey is offered).

use crate::auth::layout::chrome;
use crate::auth::{Manager, SignedIn};
use crate::state::AppState;
use crate::t;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::{PageForm, PagePath, Query};
use crate::web::layout::page;
use crate::workspace::template_views as v;
use crate::workspace::templates::{self as svc, Source};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::Id;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct LibraryQuery {
    #[serde(default)]
    business: Option<Id>,
}

async fn library(
    state: &AppState,
    me: &crate::auth::Ident,
    business: Option<Id>,
    status: StatusCode,
    error: Option<&str>,
) -> PageResult<Response> {
    let mut templates = Vec::new();
    for tpl in state.store.journey_templates(me.workspace_id).await? {
        let o = state
            .store
            .journey_template_outline(me.workspace_id, tpl.id, tpl.version)
            .await?;
        templates.push((tpl, o.moment_count()));
    }
    let businesses = state.store.businesses(me.workspace_id).await?;
    let mut journeys = Vec::new();
    for b in &businesses {
        for j in state.store.journeys(me.workspace_id, b.id).await? {
            journeys.push((j, b.name.clone()));
        }
    }
    let body = v::library_page(&v::Library {
        templates: &templates,
        businesses: &businesses,
        journeys: &journeys,
        business,
        csrf: &me.csrf,
        error,
    });
    Ok((
        status,
        page(&chrome(state, Some(me)), t!("templates-title"), body),
    )
        .into_response())
}

/// `GET /templates`: the library (owners and facilitators of the practice).
pub async fn show_library(
    State(state): State<AppState>,
    Manager(me): Manager,
    Query(q): Query<LibraryQuery>,
) -> PageResult<Response> {
    library(&state, &me, q.business, StatusCode::OK, None).await
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    source: String,
    /// A business of the workspace; empty for a new client named in
    /// `new_business`.
    #[serde(default)]
    business: String,
    #[serde(default)]
    new_business: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    with_audit: Option<String>,
}

/// `POST /templates/start`: a journey (for a client, new or not) from a
/// template or a starter; then its board.
pub async fn start(
    State(state): State<AppState>,
    Manager(me): Manager,
    headers: HeaderMap,
    PageForm(f): PageForm<StartForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    let made = async {
        let source = Source::parse(&f.source)?;
        let business_id = match f.business.trim() {
            "" => {
                let b = super::service::create_business(&state, &me, &f.new_business, None).await?;
                b.id
            }
            b => b.parse().map_err(|_| AppError::not_found("business"))?,
        };
        svc::start_from(
            &state,
            &me,
            &source,
            business_id,
            &f.name,
            f.with_audit.is_some(),
        )
        .await
    }
    .await;
    match made {
        Ok(j) => Ok(Redirect::to(&format!("/j/{}", j.id)).into_response()),
        Err(e) if e.status.is_client_error() => {
            library(&state, &me, None, e.status, Some(&e.message)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct SaveForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    journey: Option<Id>,
    #[serde(default)]
    name: String,
}

/// `POST /templates/save`: a journey kept as a new template.
pub async fn save(
    State(state): State<AppState>,
    Manager(me): Manager,
    headers: HeaderMap,
    PageForm(f): PageForm<SaveForm>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    let journey = f.journey.ok_or_else(|| AppError::not_found("journey"))?;
    match svc::save_template(&state, &me, journey, &f.name).await {
        Ok(tpl) => Ok(Redirect::to(&format!("/templates/{}", tpl.id)).into_response()),
        Err(e) if e.status.is_client_error() => {
            library(&state, &me, None, e.status, Some(&e.message)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /templates/{id}`.
pub async fn show_template(
    State(state): State<AppState>,
    Manager(me): Manager,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let tpl = state.store.journey_template(me.workspace_id, id).await?;
    let outline = state
        .store
        .journey_template_outline(me.workspace_id, id, tpl.version)
        .await?;
    let journeys = state
        .store
        .journeys_of_template(me.workspace_id, id)
        .await?;
    let body = v::template_page(&tpl, &outline, &journeys, &me.csrf);
    Ok(page(&chrome(&state, Some(&me)), &tpl.name, body).into_response())
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    _csrf: String,
}

/// `POST /templates/{id}/update`: its journey saved again as the next version.
pub async fn update(
    State(state): State<AppState>,
    Manager(me): Manager,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    PageForm(f): PageForm<CsrfOnly>,
) -> PageResult<Response> {
    me.check_csrf(&headers, Some(&f._csrf))?;
    svc::update_template(&state, &me, id).await?;
    Ok(Redirect::to(&format!("/templates/{id}")).into_response())
}

/// `GET /j/{id}/template`: what the journey's template changed since.
pub async fn show_changes(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    PagePath(journey_id): PagePath<Id>,
) -> PageResult<Response> {
    let journey = state.store.journey(me.workspace_id, journey_id).await?;
    let (tpl, version, changes) = svc::offered_changes(&state, &me, journey_id)
        .await?
        .ok_or_else(|| AppError::not_found("template"))?;
    let body = v::changes_page(&journey, &tpl, version, &changes, &me.csrf);
    Ok(page(
        &chrome(&state, Some(&me)),
        t!("templates-changes-title"),
        body,
    )
    .into_response())
}

/// `POST /j/{id}/template`: the ticked changes taken up, the rest declined.
pub async fn apply_changes(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    body: axum::body::Bytes,
) -> PageResult<Response> {
    // Several `take` fields: read as pairs.
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
        .map_err(|e| AppError::invalid(t!("error-form-fields", detail = e.to_string())))?;
    let csrf = fields
        .iter()
        .find(|(k, _)| k == "_csrf")
        .map(|(_, v)| v.as_str());
    me.check_csrf(&headers, csrf)?;
    let chosen: Vec<String> = fields
        .into_iter()
        .filter(|(k, _)| k == "take")
        .map(|(_, v)| v)
        .collect();
    svc::apply_changes(&state, &me, journey_id, &chosen).await?;
    Ok(Redirect::to(&format!("/j/{journey_id}")).into_response())
}
