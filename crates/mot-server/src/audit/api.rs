//! Audits in the JSON API: branches, templates, rounds, rater links, results
//! and standards, with the same permissions as the pages.

use crate::auth::{ApiManager, Ctx};
use crate::state::AppState;
use crate::web::api::ErrorBody;
use crate::web::error::{ApiResult, AppError};
use crate::web::extract::{Json, Path};
use crate::web::i18n::lang;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mot_core::audit::RaterGroup;
use mot_core::date;
use mot_core::text::{self, Limits, Msg, RuleError};
use mot_core::Id;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_branches, create_branch))
        .routes(routes!(list_templates, create_template))
        .routes(routes!(get_template))
        .routes(routes!(add_item))
        .routes(routes!(update_item))
        .routes(routes!(list_rounds, start_round))
        .routes(routes!(get_round))
        .routes(routes!(make_links))
        .routes(routes!(close_round))
        .routes(routes!(round_results))
        .routes(routes!(round_report_file))
        .routes(routes!(list_standards))
        .routes(routes!(put_standard))
}

#[derive(Serialize, ToSchema)]
pub struct BranchOut {
    id: Id,
    business_id: Id,
    name: String,
}

impl From<mot_store::Branch> for BranchOut {
    fn from(b: mot_store::Branch) -> Self {
        BranchOut {
            id: b.id,
            business_id: b.business_id,
            name: b.name,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct BranchIn {
    #[schema(schema_with = fields::branch_name)]
    name: String,
}

/// Schemas of the input fields, from mot-core's limits.
mod fields {
    use mot_core::audit::{AuditLimits, RaterGroup};
    use mot_core::schema;
    use mot_core::text::Limits;
    use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, Type};
    use utoipa::openapi::Array;

    pub fn branch_name() -> Object {
        schema::line(AuditLimits::BRANCH_NAME)
    }
    pub fn phase() -> Object {
        schema::line(AuditLimits::PHASE)
    }
    pub fn item_text() -> Object {
        schema::line(AuditLimits::ITEM_TEXT)
    }
    pub fn guidance() -> Object {
        schema::text(AuditLimits::GUIDANCE)
    }
    pub fn round_name() -> Object {
        schema::line(AuditLimits::ROUND_NAME)
    }
    pub fn standard() -> Object {
        schema::text(AuditLimits::STANDARD)
    }
    pub fn branch_ids() -> Array {
        ArrayBuilder::new()
            .items(ObjectBuilder::new().schema_type(Type::Integer).format(Some(
                utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Int64),
            )))
            .min_items(Some(1))
            .description(Some(
                "The branches of the business that take part (at least one).",
            ))
            .build()
    }
    pub fn group() -> Object {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(RaterGroup::ALL.iter().map(|g| g.key())))
            .build()
    }
    pub fn labels() -> Array {
        ArrayBuilder::new()
            .items(schema::line(Limits::PERSON_NAME))
            .min_items(Some(1))
            .max_items(Some(AuditLimits::LINKS_AT_ONCE))
            .description(Some("One label per link (a name, or e.g. \"Customer 1\")."))
            .build()
    }
}

#[derive(Serialize, ToSchema)]
pub struct TemplateSummary {
    id: Id,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct ItemOut {
    id: Id,
    phase: String,
    text: String,
    guidance: String,
    moment_id: Option<Id>,
}

#[derive(Serialize, ToSchema)]
pub struct TemplateOut {
    id: Id,
    name: String,
    items: Vec<ItemOut>,
}

#[derive(Deserialize, ToSchema)]
pub struct TemplateIn {
    /// Leave out (with `round_id`) for the 15-item Moments of Truth audit;
    /// give a journey id for one item per moment of that journey, its
    /// standard as guidance.
    #[serde(default)]
    journey_id: Option<Id>,
    /// Or an audit round's id: its items as that round asked them (a
    /// client's audit saved as a template). Not with `journey_id`.
    #[serde(default)]
    round_id: Option<Id>,
}

#[derive(Deserialize, ToSchema)]
pub struct ItemIn {
    #[schema(schema_with = fields::phase)]
    phase: String,
    #[schema(schema_with = fields::item_text)]
    text: String,
    #[serde(default)]
    #[schema(schema_with = fields::guidance)]
    guidance: String,
    #[serde(default)]
    moment_id: Option<Id>,
}

#[derive(Deserialize, ToSchema)]
pub struct ItemPatch {
    #[schema(schema_with = fields::item_text)]
    text: String,
    #[serde(default)]
    #[schema(schema_with = fields::guidance)]
    guidance: String,
    #[serde(default)]
    moment_id: Option<Id>,
    #[serde(default)]
    removed: bool,
}

#[derive(Serialize, ToSchema)]
pub struct RoundOut {
    id: Id,
    business_id: Id,
    template_id: Id,
    name: String,
    opens_on: String,
    closes_on: String,
    closed: bool,
    branch_ids: Vec<Id>,
    html_url: String,
}

#[derive(Deserialize, ToSchema)]
pub struct RoundIn {
    template_id: Id,
    #[schema(schema_with = fields::round_name)]
    name: String,
    #[schema(schema_with = mot_core::schema::date)]
    opens_on: String,
    /// On or after `opens_on`.
    #[schema(schema_with = mot_core::schema::date)]
    closes_on: String,
    #[schema(schema_with = fields::branch_ids)]
    branch_ids: Vec<Id>,
}

#[derive(Serialize, ToSchema)]
pub struct LinkOut {
    id: Id,
    branch_id: Id,
    /// manager, staff, friend, mystery_shopper or customer
    group: String,
    label: String,
    answered: u32,
    submitted: bool,
}

#[derive(Serialize, ToSchema)]
pub struct RoundDetail {
    round: RoundOut,
    items: Vec<ItemOut>,
    links: Vec<LinkOut>,
}

#[derive(Deserialize, ToSchema)]
pub struct LinksIn {
    branch_id: Id,
    #[schema(schema_with = fields::group)]
    group: String,
    #[schema(schema_with = fields::labels)]
    labels: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct NewLinkOut {
    link: LinkOut,
    /// The personal link; shown only now.
    url: String,
}

#[derive(Serialize, ToSchema)]
pub struct StandardOut {
    moment_id: Id,
    experience: String,
    highs: String,
    risks: String,
}

impl From<mot_store::Standard> for StandardOut {
    fn from(s: mot_store::Standard) -> Self {
        StandardOut {
            moment_id: s.moment_id,
            experience: s.experience,
            highs: s.highs,
            risks: s.risks,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct StandardIn {
    #[serde(default)]
    #[schema(schema_with = fields::standard)]
    experience: String,
    #[serde(default)]
    #[schema(schema_with = fields::standard)]
    highs: String,
    #[serde(default)]
    #[schema(schema_with = fields::standard)]
    risks: String,
}

fn round_out(base: &str, r: mot_store::Round) -> RoundOut {
    RoundOut {
        html_url: format!("{base}/b/{}/rounds/{}", r.business_id, r.id),
        id: r.id,
        business_id: r.business_id,
        template_id: r.template_id,
        name: r.name,
        opens_on: date::format(r.opens_on),
        closes_on: date::format(r.closes_on),
        closed: r.closed,
        branch_ids: r.branch_ids,
    }
}

fn link_out(l: mot_store::RaterLink) -> LinkOut {
    LinkOut {
        id: l.id,
        branch_id: l.branch_id,
        group: l.group.key().into(),
        label: l.label,
        answered: l.answered,
        submitted: l.submitted,
    }
}

fn template_out(t: mot_store::Template) -> TemplateOut {
    TemplateOut {
        id: t.id,
        name: t.name,
        items: t
            .items
            .into_iter()
            .map(|i| ItemOut {
                id: i.id,
                phase: i.phase,
                text: i.text,
                guidance: i.guidance,
                moment_id: i.moment_id,
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/businesses/{id}/branches", tag = "audits", params(("id" = i64, Path)),
    responses((status = 200, body = [BranchOut]), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_branches(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<Vec<BranchOut>>> {
    state.store.business(c.me.workspace_id, id).await?;
    let list = state.store.branches(c.me.workspace_id, id).await?;
    Ok(axum::Json(list.into_iter().map(BranchOut::from).collect()))
}

#[utoipa::path(post, path = "/api/v1/businesses/{id}/branches", tag = "audits", params(("id" = i64, Path)), request_body = BranchIn,
    responses((status = 201, body = BranchOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_branch(
    State(state): State<AppState>,
    ApiManager(c): ApiManager,
    Path(id): Path<Id>,
    Json(body): Json<BranchIn>,
) -> ApiResult<(StatusCode, axum::Json<BranchOut>)> {
    let once = crate::web::client_request(c.me.actor, c.request_id.as_deref())?;
    let b = state
        .store
        .once(once)
        .add_branch(c.me.workspace_id, id, &body.name)
        .await?;
    Ok((StatusCode::CREATED, axum::Json(BranchOut::from(b))))
}

#[utoipa::path(get, path = "/api/v1/templates", tag = "audits",
    responses((status = 200, body = [TemplateSummary]), (status = 401, body = ErrorBody)))]
async fn list_templates(
    State(state): State<AppState>,
    c: Ctx,
) -> ApiResult<axum::Json<Vec<TemplateSummary>>> {
    let list = state.store.templates(c.me.workspace_id).await?;
    Ok(axum::Json(
        list.into_iter()
            .map(|(id, name)| TemplateSummary { id, name })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/templates", tag = "audits", request_body = TemplateIn,
    responses((status = 201, body = TemplateOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_template(
    State(state): State<AppState>,
    ApiManager(c): ApiManager,
    Json(body): Json<TemplateIn>,
) -> ApiResult<(StatusCode, axum::Json<TemplateOut>)> {
    let once = crate::web::client_request(c.me.actor, c.request_id.as_deref())?;
    let store = state.store.once(once);
    let t = match (body.journey_id, body.round_id) {
        (None, None) => store.create_default_template(c.me.workspace_id).await?,
        (Some(j), None) => {
            store
                .create_template_from_journey(c.me.workspace_id, j)
                .await?
        }
        (None, Some(r)) => {
            let round = state.store.round(c.me.workspace_id, r).await?;
            let name = crate::t!("audit-template-round-name", round = round.name.as_str());
            store
                .create_template_from_round(c.me.workspace_id, r, &name)
                .await?
        }
        (Some(_), Some(_)) => {
            return Err(mot_core::RuleError::invalid(
                "round_id",
                mot_core::Msg::new("rule-template-one-source"),
            )
            .into())
        }
    };
    Ok((StatusCode::CREATED, axum::Json(template_out(t))))
}

#[utoipa::path(get, path = "/api/v1/templates/{id}", tag = "audits", params(("id" = i64, Path)),
    responses((status = 200, body = TemplateOut), (status = 404, body = ErrorBody)))]
async fn get_template(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<TemplateOut>> {
    Ok(axum::Json(template_out(
        state.store.template(c.me.workspace_id, id).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/templates/{id}/items", tag = "audits", params(("id" = i64, Path)), request_body = ItemIn,
    responses((status = 201, body = ItemOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_item(
    State(state): State<AppState>,
    ApiManager(c): ApiManager,
    Path(id): Path<Id>,
    Json(b): Json<ItemIn>,
) -> ApiResult<(StatusCode, axum::Json<ItemOut>)> {
    let once = crate::web::client_request(c.me.actor, c.request_id.as_deref())?;
    let i = state
        .store
        .once(once)
        .add_template_item(
            c.me.workspace_id,
            id,
            &b.phase,
            &b.text,
            &b.guidance,
            b.moment_id,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ItemOut {
            id: i.id,
            phase: i.phase,
            text: i.text,
            guidance: i.guidance,
            moment_id: i.moment_id,
        }),
    ))
}

#[utoipa::path(patch, path = "/api/v1/templates/{id}/items/{item}", tag = "audits", params(("id" = i64, Path), ("item" = i64, Path)), request_body = ItemPatch,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_item(
    State(state): State<AppState>,
    ApiManager(c): ApiManager,
    Path((id, item)): Path<(Id, Id)>,
    Json(b): Json<ItemPatch>,
) -> ApiResult<StatusCode> {
    state
        .store
        .update_template_item(
            c.me.workspace_id,
            id,
            item,
            &b.text,
            &b.guidance,
            b.moment_id,
            b.removed,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/businesses/{id}/rounds", tag = "audits", params(("id" = i64, Path)),
    responses((status = 200, body = [RoundOut]), (status = 404, body = ErrorBody)))]
async fn list_rounds(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<Vec<RoundOut>>> {
    state.store.business(c.me.workspace_id, id).await?;
    let list = state.store.rounds(c.me.workspace_id, id).await?;
    Ok(axum::Json(
        list.into_iter().map(|r| round_out(&c.base, r)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/businesses/{id}/rounds", tag = "audits", params(("id" = i64, Path)), request_body = RoundIn,
    responses((status = 201, body = RoundOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn start_round(
    State(state): State<AppState>,
    ApiManager(c): ApiManager,
    Path(id): Path<Id>,
    Json(b): Json<RoundIn>,
) -> ApiResult<(StatusCode, axum::Json<RoundOut>)> {
    let opens = date::parse("opens_on", &b.opens_on)?;
    let closes = date::parse("closes_on", &b.closes_on)?;
    // 404 is for the business in the address; a template or branch named in
    // the body that is not there is a wrong value (422).
    state.store.business(c.me.workspace_id, id).await?;
    let once = crate::web::client_request(c.me.actor, c.request_id.as_deref())?;
    let r = state
        .store
        .once(once)
        .start_round(
            c.me.workspace_id,
            id,
            b.template_id,
            &b.name,
            opens,
            closes,
            b.branch_ids,
        )
        .await
        .map_err(|e| match e {
            mot_store::StoreError::NotFound(what) => {
                let thing =
                    mot_i18n::text_dyn(lang(), &format!("thing-{}", what.replace(' ', "-")))
                        .unwrap_or(what);
                AppError::from(RuleError::invalid(
                    what,
                    Msg::new("audit-error-not-in-business").arg("thing", thing),
                ))
            }
            other => other.into(),
        })?;
    Ok((StatusCode::CREATED, axum::Json(round_out(&c.base, r))))
}

#[utoipa::path(get, path = "/api/v1/rounds/{id}", tag = "audits", params(("id" = i64, Path)),
    responses((status = 200, body = RoundDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_round(
    State(state): State<AppState>,
    ApiManager(c): ApiManager,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<RoundDetail>> {
    let r = state.store.round(c.me.workspace_id, id).await?;
    let items = state.store.round_items(id).await?;
    let links = state.store.rater_links(c.me.workspace_id, id).await?;
    Ok(axum::Json(RoundDetail {
        round: round_out(&c.base, r),
        items: items
            .into_iter()
            .map(|i| ItemOut {
                id: i.id,
                phase: i.phase,
                text: i.text,
                guidance: i.guidance,
                moment_id: i.moment_id,
            })
            .collect(),
        links: links.into_iter().map(link_out).collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/rounds/{id}/links", tag = "audits", params(("id" = i64, Path)), request_body = LinksIn,
    responses((status = 201, body = [NewLinkOut]), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The round is closed: no more raters can be invited; or these links were made already under this Idempotency-Key (their addresses are shown once)."), (status = 422, body = ErrorBody)))]
async fn make_links(
    State(state): State<AppState>,
    ApiManager(c): ApiManager,
    Path(id): Path<Id>,
    Json(b): Json<LinksIn>,
) -> ApiResult<(StatusCode, axum::Json<Vec<NewLinkOut>>)> {
    let group = RaterGroup::from_key(&b.group).ok_or_else(|| {
        AppError::from(RuleError::invalid(
            "group",
            Msg::new("audit-error-group-key"),
        ))
    })?;
    let labels = b
        .labels
        .iter()
        .map(|l| text::required_line("labels", l, Limits::PERSON_NAME))
        .collect::<Result<Vec<_>, _>>()?;
    let once = crate::web::client_request(c.me.actor, c.request_id.as_deref())?;
    let made = state
        .store
        .once(once)
        .create_rater_links(c.me.workspace_id, id, b.branch_id, group, labels)
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(
            made.into_iter()
                .map(|(l, t)| NewLinkOut {
                    link: link_out(l),
                    url: format!("{}/r/{t}", c.base),
                })
                .collect(),
        ),
    ))
}

#[utoipa::path(post, path = "/api/v1/rounds/{id}/close", tag = "audits", params(("id" = i64, Path)),
    responses((status = 200, body = RoundOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn close_round(
    State(state): State<AppState>,
    ApiManager(c): ApiManager,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<RoundOut>> {
    Ok(axum::Json(round_out(
        &c.base,
        state.store.close_round(c.me.workspace_id, id).await?,
    )))
}

#[utoipa::path(get, path = "/api/v1/rounds/{id}/results", tag = "audits", params(("id" = i64, Path)),
    responses((status = 200, description = "The report: items lowest first with mean/median/spread/count, by group, by branch, gaps, inconsistency and change", body = Object), (status = 404, body = ErrorBody)))]
async fn round_results(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<serde_json::Value>> {
    let r = state.store.round(c.me.workspace_id, id).await?;
    let rr =
        crate::audit::service::round_report(&state, c.me.workspace_id, r.business_id, id).await?;
    // Only handed-in answers are counted; `drafts` says how many raters
    // have answers that are not (yet).
    Ok(axum::Json(serde_json::json!({
        "round_id": id,
        "handed_in": rr.responses.0,
        "invited": rr.responses.1,
        "drafts": rr.drafts,
        "previous_round_id": rr.previous.map(|p| p.id),
        "report": rr.report,
    })))
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/standards", tag = "audits", params(("id" = i64, Path)),
    responses((status = 200, body = [StandardOut]), (status = 404, body = ErrorBody)))]
async fn list_standards(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<axum::Json<Vec<StandardOut>>> {
    state.store.journey(c.me.workspace_id, id).await?;
    let list = state.store.standards(c.me.workspace_id, id).await?;
    Ok(axum::Json(
        list.into_iter().map(StandardOut::from).collect(),
    ))
}

#[utoipa::path(put, path = "/api/v1/moments/{id}/standard", tag = "audits", params(("id" = i64, Path)), request_body = StandardIn,
    responses((status = 200, body = StandardOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_standard(
    State(state): State<AppState>,
    ApiManager(c): ApiManager,
    Path(id): Path<Id>,
    Json(b): Json<StandardIn>,
) -> ApiResult<axum::Json<StandardOut>> {
    let s = state
        .store
        .set_standard(c.me.workspace_id, id, &b.experience, &b.highs, &b.risks)
        .await?;
    Ok(axum::Json(StandardOut::from(s)))
}

/// A file format of the audit report.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
    Csv,
}

#[utoipa::path(get, path = "/api/v1/rounds/{id}/results/{format}", tag = "audits",
    params(("id" = i64, Path), ("format" = inline(ReportFormat), Path, description = "pdf, xlsx or csv")),
    responses(
        (status = 200, description = "The round's report as on its results page", content(
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv"),
        )),
        (status = 404, body = ErrorBody)))]
async fn round_report_file(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, format)): Path<(Id, ReportFormat)>,
) -> ApiResult<Response> {
    let ws = c.me.workspace_id;
    let r = state.store.round(ws, id).await?;
    let rr = crate::audit::service::round_report(&state, ws, r.business_id, id).await?;
    let branches = state.store.branches(ws, r.business_id).await?;
    let ext = match format {
        ReportFormat::Pdf => "pdf",
        ReportFormat::Xlsx => "xlsx",
        ReportFormat::Csv => "csv",
    };
    crate::audit::service::results_download(&state, ws, &rr, &branches, ext).await
}
