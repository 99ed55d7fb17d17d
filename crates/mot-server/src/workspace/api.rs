//! The workspace's JSON API: businesses, journeys, channels, join links and guests.

use crate::auth::Ctx;
use crate::state::AppState;
use crate::web::api::{fields, secret, ErrorBody, Out, SecretOut};
use crate::web::error::{ApiResult, AppError};
use crate::web::extract::{Json, Path, Query};
use crate::web::qr_svg;
use crate::workspace::service::create_journey;
use crate::workspace::service::show_code;
use crate::workspace::service::{self};
use axum::extract::State;
use axum::http::StatusCode;
use mot_core::{Business, Channel, Id, Journey};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Serialize, ToSchema)]
pub struct BusinessOut {
    id: Id,
    name: String,
    created_at: i64,
    html_url: String,
}

#[derive(Deserialize, ToSchema)]
pub struct NameIn {
    #[schema(schema_with = fields::business_name)]
    name: String,
}

#[derive(Deserialize, ToSchema)]
pub struct JourneyIn {
    #[schema(schema_with = fields::journey_name)]
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct JourneyOut {
    id: Id,
    business_id: Id,
    name: String,
    /// Sequence number of the last change on the board.
    last_seq: i64,
    html_url: String,
}

#[derive(Serialize, ToSchema)]
pub struct ChannelOut {
    id: Id,
    business_id: Id,
    name: String,
    /// `#rrggbb`
    colour: String,
    /// Short label shown beside the colour (up to 4 characters).
    icon: String,
    position: i64,
    retired: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct ChannelIn {
    #[schema(schema_with = fields::channel_name)]
    name: String,
    #[schema(schema_with = mot_core::schema::colour)]
    colour: String,
    /// Short label shown beside the colour.
    #[schema(schema_with = fields::channel_icon)]
    icon: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ChannelPatch {
    #[serde(default)]
    #[schema(schema_with = fields::channel_name_or_null)]
    name: Option<String>,
    #[serde(default)]
    #[schema(schema_with = fields::colour_or_null)]
    colour: Option<String>,
    #[serde(default)]
    #[schema(schema_with = fields::channel_icon_or_null)]
    icon: Option<String>,
    #[serde(default)]
    retired: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct JoinLinkOut {
    journey_id: Id,
    /// The short code people type at /join.
    code: String,
    /// The join link.
    url: String,
    /// The join link as a QR code (SVG).
    qr_svg: String,
}

fn business_out(base: &str, b: Business) -> BusinessOut {
    BusinessOut {
        html_url: format!("{base}/b/{}", b.id),
        id: b.id,
        name: b.name,
        created_at: b.created_at,
    }
}

fn journey_out(base: &str, j: Journey) -> JourneyOut {
    JourneyOut {
        html_url: format!("{base}/j/{}", j.id),
        id: j.id,
        business_id: j.business_id,
        name: j.name,
        last_seq: j.last_seq,
    }
}

fn channel_out(c: Channel) -> ChannelOut {
    ChannelOut {
        id: c.id,
        business_id: c.business_id,
        name: c.name,
        colour: c.colour,
        icon: c.icon,
        position: c.position,
        retired: c.retired,
    }
}

#[derive(Serialize, ToSchema)]
pub struct WorkspaceOut {
    id: Id,
    name: String,
    /// The language of the pages of people who chose none and whose browser
    /// asks for none mot speaks; null for the installation's default.
    #[schema(schema_with = language_or_null)]
    language: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct WorkspacePatch {
    /// A language code, or null for the installation's default; leave out
    /// to keep it.
    #[serde(default, deserialize_with = "some_language")]
    #[schema(schema_with = language_or_null)]
    language: Option<Option<String>>,
}

fn some_language<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// A language code mot speaks, or null.
fn language_or_null() -> utoipa::openapi::schema::Object {
    use crate::web::i18n::Lang;
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            utoipa::openapi::schema::Type::String,
            utoipa::openapi::schema::Type::Null,
        ]))
        .enum_values(Some(
            Lang::ALL
                .iter()
                .map(|l| serde_json::Value::from(l.code()))
                .chain([serde_json::Value::Null]),
        ))
        .build()
}

fn workspace_out(w: mot_store::Workspace) -> WorkspaceOut {
    WorkspaceOut {
        id: w.id,
        name: w.name,
        language: w.language,
    }
}

#[utoipa::path(get, path = "/api/v1/workspace", tag = "workspace",
    responses((status = 200, body = WorkspaceOut), (status = 401, body = ErrorBody)))]
async fn get_workspace(State(state): State<AppState>, c: Ctx) -> Out<WorkspaceOut> {
    Ok(axum::Json(workspace_out(
        state.store.workspace(c.me.workspace_id).await?,
    )))
}

#[utoipa::path(patch, path = "/api/v1/workspace", tag = "workspace", request_body = WorkspacePatch,
    responses((status = 200, body = WorkspaceOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_workspace(
    State(state): State<AppState>,
    c: Ctx,
    Json(body): Json<WorkspacePatch>,
) -> Out<WorkspaceOut> {
    let language = body.language.as_ref().map(Option::as_deref);
    let w = service::update_workspace(&state, &c.me, language).await?;
    Ok(axum::Json(workspace_out(w)))
}

#[utoipa::path(get, path = "/api/v1/businesses", tag = "businesses",
    responses((status = 200, body = [BusinessOut]), (status = 401, body = ErrorBody)))]
async fn list_businesses(State(state): State<AppState>, c: Ctx) -> Out<Vec<BusinessOut>> {
    let list = service::businesses(&state, &c.me).await?;
    Ok(axum::Json(
        list.into_iter().map(|b| business_out(&c.base, b)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/businesses", tag = "businesses", request_body = NameIn,
    responses((status = 201, body = BusinessOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_business(
    State(state): State<AppState>,
    c: Ctx,
    Json(body): Json<NameIn>,
) -> ApiResult<(StatusCode, axum::Json<BusinessOut>)> {
    let once = crate::web::client_request(c.me.actor, c.request_id.as_deref())?;
    let b = service::create_business(&state, &c.me, &body.name, once).await?;
    Ok((StatusCode::CREATED, axum::Json(business_out(&c.base, b))))
}

#[utoipa::path(get, path = "/api/v1/businesses/{id}", tag = "businesses", params(("id" = i64, Path)),
    responses((status = 200, body = BusinessOut), (status = 404, body = ErrorBody)))]
async fn get_business(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<BusinessOut> {
    Ok(axum::Json(business_out(
        &c.base,
        state.store.business(c.me.workspace_id, id).await?,
    )))
}

#[utoipa::path(patch, path = "/api/v1/businesses/{id}", tag = "businesses", params(("id" = i64, Path)), request_body = NameIn,
    responses((status = 200, body = BusinessOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_business(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<NameIn>,
) -> Out<BusinessOut> {
    let b = service::rename_business(&state, &c.me, id, &body.name).await?;
    Ok(axum::Json(business_out(&c.base, b)))
}

#[utoipa::path(get, path = "/api/v1/businesses/{id}/journeys", tag = "journeys", params(("id" = i64, Path)),
    responses((status = 200, body = [JourneyOut]), (status = 404, body = ErrorBody)))]
async fn list_journeys(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<Vec<JourneyOut>> {
    state.store.business(c.me.workspace_id, id).await?;
    let list = state.store.journeys(c.me.workspace_id, id).await?;
    Ok(axum::Json(
        list.into_iter().map(|j| journey_out(&c.base, j)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/businesses/{id}/journeys", tag = "journeys", params(("id" = i64, Path)), request_body = JourneyIn,
    responses((status = 201, body = JourneyOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The new join code was taken at the same moment: try again"), (status = 422, body = ErrorBody)))]
async fn create_journey_api(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<JourneyIn>,
) -> ApiResult<(StatusCode, axum::Json<JourneyOut>)> {
    let once = crate::web::client_request(c.me.actor, c.request_id.as_deref())?;
    let j = create_journey(&state, &c.me, id, &body.name, once).await?;
    Ok((StatusCode::CREATED, axum::Json(journey_out(&c.base, j))))
}

#[utoipa::path(get, path = "/api/v1/businesses/{id}/channels", tag = "channels", params(("id" = i64, Path)),
    responses((status = 200, body = [ChannelOut]), (status = 404, body = ErrorBody)))]
async fn list_channels(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<Vec<ChannelOut>> {
    state.store.business(c.me.workspace_id, id).await?;
    let list = state.store.channels(c.me.workspace_id, id).await?;
    Ok(axum::Json(list.into_iter().map(channel_out).collect()))
}

#[utoipa::path(post, path = "/api/v1/businesses/{id}/channels", tag = "channels", params(("id" = i64, Path)), request_body = ChannelIn,
    responses((status = 201, body = ChannelOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The business has as many channels as it may"), (status = 422, body = ErrorBody)))]
async fn create_channel(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<ChannelIn>,
) -> ApiResult<(StatusCode, axum::Json<ChannelOut>)> {
    let once = crate::web::client_request(c.me.actor, c.request_id.as_deref())?;
    let fields = (body.name.as_str(), body.colour.as_str(), body.icon.as_str());
    let ch = service::add_channel(&state, &c.me, id, fields, once).await?;
    Ok((StatusCode::CREATED, axum::Json(channel_out(ch))))
}

#[utoipa::path(patch, path = "/api/v1/channels/{id}", tag = "channels", params(("id" = i64, Path)), request_body = ChannelPatch,
    responses((status = 200, body = ChannelOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_channel(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<ChannelPatch>,
) -> Out<ChannelOut> {
    let change = service::ChannelChange {
        name: body.name.as_deref(),
        colour: body.colour.as_deref(),
        icon: body.icon.as_deref(),
        retired: body.retired,
    };
    let ch = service::update_channel(&state, &c.me, id, change).await?;
    Ok(axum::Json(channel_out(ch)))
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}", tag = "journeys", params(("id" = i64, Path)),
    responses((status = 200, body = JourneyOut), (status = 404, body = ErrorBody)))]
async fn get_journey(State(state): State<AppState>, c: Ctx, Path(id): Path<Id>) -> Out<JourneyOut> {
    Ok(axum::Json(journey_out(
        &c.base,
        state.store.journey(c.me.workspace_id, id).await?,
    )))
}

#[utoipa::path(patch, path = "/api/v1/journeys/{id}", tag = "journeys", params(("id" = i64, Path)), request_body = JourneyIn,
    responses((status = 200, body = JourneyOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_journey(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<JourneyIn>,
) -> Out<JourneyOut> {
    let j = service::rename_journey(&state, &c.me, id, &body.name).await?;
    Ok(axum::Json(journey_out(&c.base, j)))
}

fn join_link_out(base: &str, j: &Journey) -> Result<JoinLinkOut, AppError> {
    let url = format!("{base}/join/{}", j.join_token);
    Ok(JoinLinkOut {
        journey_id: j.id,
        code: show_code(&j.join_code),
        qr_svg: qr_svg(&url)?,
        url,
    })
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/join-link", tag = "journeys", params(("id" = i64, Path)),
    responses((status = 200, body = JoinLinkOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_join_link(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<SecretOut<JoinLinkOut>> {
    let j = service::journey_to_share(&state, &c.me, id).await?;
    Ok(secret(join_link_out(&c.base, &j)?))
}

/// Whether rotating the join link also removes the guests who joined by it.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct RotateQuery {
    /// Also remove every guest who joined by an earlier link (their open
    /// pages lose the board at once); what they wrote stays.
    #[serde(default)]
    remove_guests: Option<bool>,
}

#[utoipa::path(post, path = "/api/v1/journeys/{id}/join-link/rotate", tag = "journeys", params(("id" = i64, Path), RotateQuery),
    responses((status = 200, body = JoinLinkOut, description = "The new link; the old link and code stop working"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The new join code was taken at the same moment: try again")))]
async fn rotate_join_link(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Query(q): Query<RotateQuery>,
) -> ApiResult<SecretOut<JoinLinkOut>> {
    let remove_guests = q.remove_guests == Some(true);
    let j = crate::workspace::service::rotate_join_link(&state, &c.me, id, remove_guests).await?;
    Ok(secret(join_link_out(&c.base, &j)?))
}

/// A guest of a journey: who joined by its link with just a name.
#[derive(Serialize, ToSchema)]
pub struct GuestOut {
    id: Id,
    name: String,
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/guests", tag = "journeys", params(("id" = i64, Path)),
    responses((status = 200, body = [GuestOut], description = "The journey's guests who have not been removed, in the order they joined"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_guests(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<Vec<GuestOut>> {
    // Another workspace's journey is a 404, not an empty list.
    let guests = service::journey_guests(&state, &c.me, id).await?;
    Ok(axum::Json(
        guests
            .into_iter()
            .map(|g| GuestOut {
                id: g.id,
                name: g.name,
            })
            .collect(),
    ))
}

#[utoipa::path(delete, path = "/api/v1/journeys/{id}/guests/{guest}", tag = "journeys", params(("id" = i64, Path), ("guest" = i64, Path)),
    responses((status = 204, description = "Removed: their open pages lose the board at once; what they wrote stays"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn remove_guest(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, guest)): Path<(Id, Id)>,
) -> ApiResult<StatusCode> {
    crate::workspace::service::remove_journey_guest(&state, &c.me, id, guest).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The workspace's operations of the JSON API.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_workspace, update_workspace))
        .routes(routes!(list_businesses, create_business))
        .routes(routes!(get_business, update_business))
        .routes(routes!(list_journeys, create_journey_api))
        .routes(routes!(list_channels, create_channel))
        .routes(routes!(update_channel))
        .routes(routes!(get_journey, update_journey))
        .routes(routes!(get_join_link))
        .routes(routes!(rotate_join_link))
        .routes(routes!(list_guests))
        .routes(routes!(remove_guest))
}
