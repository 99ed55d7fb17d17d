//! The JSON API under `/api/v1`, with bearer tokens. The OpenAPI document is
//! generated from these handlers and types (utoipa), so it cannot drift.

use super::pages::{check_channel_fields, create_journey, qr_svg};
use super::{base_url, run_board_command_once, show_code};
use crate::auth::{api_ident, Ident};
use crate::error::{ApiResult, AppError};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::StatusCode;
use mot_core::text::{self, Limits};
use mot_core::{BoardCommand, BoardEvent, Business, Channel, Id, Journey, Moment, Stage};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

type Out<T> = ApiResult<axum::Json<T>>;

#[derive(OpenApi)]
#[openapi(
    info(title = "mot API", version = "1", description = "Moments of Truth: journeys, stages, moments and channels. Authenticate with `Authorization: Bearer <token>` (create one with `mot token create`). Errors are `{\"error\":{\"code\",\"message\"}}`."),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    components(schemas(ErrorBody, ErrorInner))
)]
struct ApiDoc;

struct BearerAuth;
impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The API's routes and its OpenAPI document.
pub fn router() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(get_me))
        .routes(routes!(list_businesses, create_business))
        .routes(routes!(get_business, update_business))
        .routes(routes!(list_journeys, create_journey_api))
        .routes(routes!(list_channels, create_channel))
        .routes(routes!(update_channel))
        .routes(routes!(get_journey, update_journey))
        .routes(routes!(list_stages, create_stage))
        .routes(routes!(update_stage, delete_stage))
        .routes(routes!(list_moments, create_moment))
        .routes(routes!(get_moment, update_moment, delete_moment))
        .routes(routes!(restore_moment))
        .routes(routes!(move_moment))
        .routes(routes!(get_join_link))
        .routes(routes!(rotate_join_link))
        .routes(routes!(list_guests))
        .routes(routes!(remove_guest))
        .routes(routes!(list_changes))
        .merge(super::api_session::routes())
        .merge(super::api_audit::routes())
        .split_for_parts();
    let mut doc = doc;
    add_error_answers(&mut doc);
    (router, doc)
}

/// Every operation documents the errors that the shared plumbing answers,
/// besides those its handler declares (403, 409, its own 404 or 422 text):
/// 401 without a valid token; 404 for an unknown or malformed id; and for a
/// JSON body 400 (not JSON), 413 (too large), 415 (not sent as JSON) and 422
/// (not an object with the expected fields, or a value that breaks a rule);
/// 400 for a malformed query string.
fn add_error_answers(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let answer = |text: String| {
        RefOr::T(
            ResponseBuilder::new()
                .description(text)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build(),
        )
    };
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            // Board and session changes are made once per Idempotency-Key.
            if op
                .operation_id
                .as_deref()
                .is_some_and(|id| IDEMPOTENT_OPERATIONS.contains(&id))
            {
                op.parameters
                    .get_or_insert_with(Vec::new)
                    .push(idempotency_key());
                op.responses
                    .responses
                    .entry("409".to_string())
                    .or_insert_with(|| {
                        answer("The Idempotency-Key was sent before with another change.".into())
                    });
                op.responses
                    .responses
                    .entry("422".to_string())
                    .or_insert_with(|| {
                        answer("A value breaks a rule, or the Idempotency-Key is malformed.".into())
                    });
            }
            let params = op.parameters.as_deref().unwrap_or_default();
            let has = |place: ParameterIn| params.iter().any(|p| p.parameter_in == place);
            let (in_path, in_query) = (has(ParameterIn::Path), has(ParameterIn::Query));
            let body = op.request_body.is_some();
            // Answers a handler declares without a word get the usual one.
            for (status, answer) in op.responses.responses.iter_mut() {
                if let RefOr::T(answer) = answer {
                    if answer.description.is_empty() {
                        answer.description = match status.as_str() {
                            "200" => "Done; the resource as it is now.",
                            "201" => "Created; the new resource.",
                            "204" => "Done.",
                            "403" => "Your role may not do this.",
                            "404" => "No such resource, or it is not yours to see.",
                            "409" => "This contradicts the current state (e.g. the session has moved on).",
                            "422" => "A value breaks a rule; the message says which.",
                            _ => "",
                        }
                        .to_string();
                    }
                }
            }
            let mut add = |status: &str, text: String| {
                op.responses
                    .responses
                    .entry(status.to_string())
                    .or_insert_with(|| answer(text));
            };
            add(
                "401",
                "No valid API token: send `Authorization: Bearer <token>`.".into(),
            );
            if in_path {
                add(
                    "404",
                    "No such resource, or it is not yours to see (also for an id that is not a number).".into(),
                );
            }
            if body || in_query {
                add(
                    "400",
                    "The body is not valid JSON, or the query string is malformed.".into(),
                );
            }
            if body {
                add(
                    "413",
                    format!("The body is larger than {} KiB.", crate::MAX_BODY / 1024),
                );
                add(
                    "415",
                    "The body is not sent with `Content-Type: application/json`.".into(),
                );
            }
            if body || in_query {
                add(
                    "422",
                    "The body is not a JSON object with the expected fields, or a value breaks a rule (a length, a range, a date...).".into(),
                );
            }
        }
    }
}

/// The operations that honour an `Idempotency-Key` header (the board's and
/// the session's changes, and every call that makes a record); others do
/// not read it.
const IDEMPOTENT_OPERATIONS: [&str; 17] = [
    "create_stage",
    "update_stage",
    "delete_stage",
    "create_moment",
    "update_moment",
    "delete_moment",
    "restore_moment",
    "send_command",
    "create_business",
    "create_journey_api",
    "create_channel",
    "create_branch",
    "create_template",
    "add_item",
    "start_round",
    "make_links",
    "start_session",
];

/// The optional `Idempotency-Key` header, with the form the store checks.
fn idempotency_key() -> utoipa::openapi::path::Parameter {
    use mot_core::request::{REQUEST_ID_MAX, REQUEST_ID_MIN};
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    use utoipa::openapi::Required;
    ParameterBuilder::new()
        .name("Idempotency-Key")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "A key of your own for this change: a repeat with the same key (a retry after a lost answer) is answered as the first was and changes nothing again.",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(format!(
                    "^[A-Za-z0-9_-]{{{REQUEST_ID_MIN},{REQUEST_ID_MAX}}}$"
                ))),
        ))
        .build()
}

/// An error: a machine-readable code and a message for people.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorInner,
}
#[derive(Serialize, ToSchema)]
pub struct ErrorInner {
    code: String,
    message: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeOut {
    id: Id,
    email: String,
    name: String,
    workspace_id: Id,
    /// owner, facilitator, member or viewer
    role: String,
}

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

#[derive(Deserialize, ToSchema)]
pub struct StageIn {
    #[schema(schema_with = fields::stage_name)]
    name: String,
}

/// Schemas of the input fields, from mot-core's limits: the document states
/// exactly what the rules accept.
mod fields {
    use mot_core::schema::{self, or_null};
    use mot_core::text::Limits;
    use utoipa::openapi::schema::Object;

    pub fn business_name() -> Object {
        schema::line(Limits::BUSINESS_NAME)
    }
    pub fn journey_name() -> Object {
        schema::line(Limits::JOURNEY_NAME)
    }
    pub fn stage_name() -> Object {
        schema::line(Limits::STAGE_NAME)
    }
    pub fn stage_name_or_null() -> Object {
        or_null(stage_name())
    }
    pub fn moment_title() -> Object {
        schema::line(Limits::MOMENT_TITLE)
    }
    pub fn moment_title_or_null() -> Object {
        or_null(moment_title())
    }
    pub fn moment_description() -> Object {
        schema::text(Limits::MOMENT_DESCRIPTION)
    }
    pub fn moment_description_or_null() -> Object {
        or_null(moment_description())
    }
    pub fn channel_name() -> Object {
        schema::line(Limits::CHANNEL_NAME)
    }
    pub fn channel_name_or_null() -> Object {
        or_null(channel_name())
    }
    pub fn channel_icon() -> Object {
        schema::line(Limits::CHANNEL_ICON)
    }
    pub fn channel_icon_or_null() -> Object {
        or_null(channel_icon())
    }
    pub fn colour_or_null() -> Object {
        or_null(schema::colour())
    }
    pub fn index_or_null() -> Object {
        or_null(schema::index())
    }
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
pub struct StageOut {
    id: Id,
    journey_id: Id,
    name: String,
    position: i64,
    html_url: String,
}

/// A new name, a new 0-based position among the journey's stages, or both.
#[derive(Deserialize)]
pub struct StagePatch {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    index: Option<usize>,
}

/// Written by hand to say that at least one of the two is given.
impl utoipa::PartialSchema for StagePatch {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder, ObjectBuilder, Type};
        let fields = ObjectBuilder::new()
            .property("name", fields::stage_name_or_null())
            .property("index", fields::index_or_null());
        let given = |name: &str, ty: Type| {
            ObjectBuilder::new()
                .property(name, ObjectBuilder::new().schema_type(ty))
                .required(name)
        };
        AllOfBuilder::new()
            .item(fields)
            .item(
                AnyOfBuilder::new()
                    .item(given("name", Type::String))
                    .item(given("index", Type::Integer)),
            )
            .description(Some(
                "A new name, a new 0-based position among the journey's stages, or both.",
            ))
            .into()
    }
}
impl ToSchema for StagePatch {}

#[derive(Serialize, ToSchema)]
pub struct MomentOut {
    id: Id,
    journey_id: Id,
    stage_id: Id,
    channel_id: Option<Id>,
    title: String,
    description: String,
    position: i64,
    /// `u:<user id>` or `g:<guest id>`
    author: String,
    author_name: String,
    created_at: i64,
    updated_at: i64,
    html_url: String,
}

#[derive(Deserialize, ToSchema)]
pub struct MomentIn {
    stage_id: Id,
    #[serde(default)]
    channel_id: Option<Id>,
    #[schema(schema_with = fields::moment_title)]
    title: String,
    #[serde(default)]
    #[schema(schema_with = fields::moment_description)]
    description: String,
}

#[derive(Deserialize, ToSchema)]
pub struct MomentPatch {
    #[serde(default)]
    #[schema(schema_with = fields::moment_title_or_null)]
    title: Option<String>,
    #[serde(default)]
    #[schema(schema_with = fields::moment_description_or_null)]
    description: Option<String>,
    /// A channel id, or null to clear it; leave out to keep it.
    #[serde(default, deserialize_with = "some_option")]
    #[schema(nullable)]
    channel_id: Option<Option<Id>>,
}

fn some_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<Id>>, D::Error> {
    Option::<Id>::deserialize(d).map(Some)
}

#[derive(Deserialize, ToSchema)]
pub struct MoveIn {
    stage_id: Id,
    /// 0-based position in the target stage (clamped to the end).
    #[schema(schema_with = mot_core::schema::index)]
    index: usize,
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

#[derive(Serialize, ToSchema)]
pub struct ChangeOut {
    seq: i64,
    at: i64,
    /// The event: `{"type": "moment_added", ...}`.
    #[schema(value_type = Object)]
    event: BoardEvent,
}

#[derive(Serialize, ToSchema)]
pub struct ChangesOut {
    changes: Vec<ChangeOut>,
    /// The board's latest sequence number.
    last_seq: i64,
    /// False when more changes follow: ask again with `since` = the last seq.
    complete: bool,
}

/// The most changes one `GET .../changes` answers.
pub const CHANGES_PAGE_MAX: i64 = 1000;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct SinceQuery {
    /// Return changes after this sequence number.
    #[serde(default)]
    since: i64,
    /// At most this many (default 500).
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)] // = CHANGES_PAGE_MAX
    limit: Option<i64>,
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
fn stage_out(base: &str, s: Stage) -> StageOut {
    StageOut {
        html_url: format!("{base}/j/{}#s-{}", s.journey_id, s.id),
        id: s.id,
        journey_id: s.journey_id,
        name: s.name,
        position: s.position,
    }
}
fn moment_out(base: &str, m: Moment) -> MomentOut {
    MomentOut {
        html_url: format!("{base}/j/{}#m-{}", m.journey_id, m.id),
        id: m.id,
        journey_id: m.journey_id,
        stage_id: m.stage_id,
        channel_id: m.channel_id,
        title: m.title,
        description: m.description,
        position: m.position,
        author: m.author.key(),
        author_name: m.author_name,
        created_at: m.created_at,
        updated_at: m.updated_at,
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
            base: base_url(state, &parts.headers),
            request_id: super::request_id_of(&parts.headers, "").map(str::to_string),
        })
    }
}

/// The moment a command left behind.
fn moment_of(event: BoardEvent) -> Option<Moment> {
    match event {
        BoardEvent::MomentAdded { moment }
        | BoardEvent::MomentUpdated { moment }
        | BoardEvent::MomentRestored { moment } => Some(moment),
        _ => None,
    }
}

#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = MeOut), (status = 401, body = ErrorBody)))]
async fn get_me(c: Ctx) -> Out<MeOut> {
    let user =
        c.me.user
            .clone()
            .ok_or_else(|| AppError::unauthorized("Not a user."))?;
    Ok(axum::Json(MeOut {
        id: user.id,
        email: user.email,
        name: user.name,
        workspace_id: c.me.workspace_id,
        role: c.me.role().map(|r| r.to_string()).unwrap_or_default(),
    }))
}

#[utoipa::path(get, path = "/api/v1/businesses", tag = "businesses",
    responses((status = 200, body = [BusinessOut]), (status = 401, body = ErrorBody)))]
async fn list_businesses(State(state): State<AppState>, c: Ctx) -> Out<Vec<BusinessOut>> {
    let list = state.store.businesses(c.me.workspace_id).await?;
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
    c.me.actor.may_manage()?;
    let name = text::required_line("name", &body.name, Limits::BUSINESS_NAME)?;
    let once = super::client_request(&c.me, c.request_id.as_deref())?;
    let b = state
        .store
        .once(once)
        .create_business(c.me.workspace_id, &name)
        .await?;
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
    c.me.actor.may_manage()?;
    let name = text::required_line("name", &body.name, Limits::BUSINESS_NAME)?;
    Ok(axum::Json(business_out(
        &c.base,
        state
            .store
            .rename_business(c.me.workspace_id, id, &name)
            .await?,
    )))
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
    let once = super::client_request(&c.me, c.request_id.as_deref())?;
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
    c.me.actor.may_manage()?;
    let (name, colour, icon) = check_channel_fields(&body.name, &body.colour, &body.icon)?;
    let once = super::client_request(&c.me, c.request_id.as_deref())?;
    let ch = state
        .store
        .once(once)
        .add_channel(c.me.workspace_id, id, &name, &colour, &icon)
        .await?;
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
    c.me.actor.may_manage()?;
    let name = body
        .name
        .map(|n| text::required_line("name", &n, Limits::CHANNEL_NAME))
        .transpose()?;
    let colour = body.colour.map(|n| text::colour(&n)).transpose()?;
    let icon = body
        .icon
        .map(|n| text::required_line("icon", &n, Limits::CHANNEL_ICON))
        .transpose()?;
    let ch = state
        .store
        .update_channel(c.me.workspace_id, id, name, colour, icon, body.retired)
        .await?;
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
    c.me.actor.may_manage()?;
    let name = text::required_line("name", &body.name, Limits::JOURNEY_NAME)?;
    Ok(axum::Json(journey_out(
        &c.base,
        state
            .store
            .rename_journey(c.me.workspace_id, id, &name)
            .await?,
    )))
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/stages", tag = "stages", params(("id" = i64, Path)),
    responses((status = 200, body = [StageOut]), (status = 404, body = ErrorBody)))]
async fn list_stages(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<Vec<StageOut>> {
    state.store.journey(c.me.workspace_id, id).await?;
    let list = state.store.stages(c.me.workspace_id, id).await?;
    Ok(axum::Json(
        list.into_iter().map(|s| stage_out(&c.base, s)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/journeys/{id}/stages", tag = "stages", params(("id" = i64, Path)), request_body = StageIn,
    responses((status = 201, body = StageOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_stage(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<StageIn>,
) -> ApiResult<(StatusCode, axum::Json<StageOut>)> {
    let done = run_board_command_once(
        &state,
        &c.me,
        id,
        BoardCommand::AddStage { name: body.name },
        c.request_id.as_deref(),
    )
    .await?;
    match done.event {
        BoardEvent::StageAdded { stage } => {
            Ok((StatusCode::CREATED, axum::Json(stage_out(&c.base, stage))))
        }
        _ => Err(AppError::internal(&"unexpected event")),
    }
}

#[utoipa::path(patch, path = "/api/v1/stages/{id}", tag = "stages", params(("id" = i64, Path)), request_body = StagePatch,
    responses((status = 200, body = StageOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_stage(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<StagePatch>,
) -> Out<StageOut> {
    let s = state.store.stage(c.me.workspace_id, id).await?;
    if body.name.is_none() && body.index.is_none() {
        return Err(AppError::invalid("Give a new name, a new index, or both."));
    }
    // Check both before changing either, so a bad name does not leave a half-done change.
    if let Some(name) = &body.name {
        text::required_line("name", name, Limits::STAGE_NAME)?;
    }
    let rename_done = body.name.as_ref().map(|_| ());
    if let Some(name) = body.name {
        run_board_command_once(
            &state,
            &c.me,
            s.journey_id,
            BoardCommand::RenameStage { id, name },
            c.request_id.as_deref(),
        )
        .await?;
    }
    if let Some(index) = body.index {
        run_board_command_once(
            &state,
            &c.me,
            s.journey_id,
            BoardCommand::MoveStage { id, index },
            // One request id names one change: with a rename it is the
            // rename's (moving to the same place again changes nothing).
            c.request_id.as_deref().filter(|_| rename_done.is_none()),
        )
        .await?;
    }
    Ok(axum::Json(stage_out(
        &c.base,
        state.store.stage(c.me.workspace_id, id).await?,
    )))
}

#[utoipa::path(delete, path = "/api/v1/stages/{id}", tag = "stages", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn delete_stage(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<StatusCode> {
    let s = state.store.stage(c.me.workspace_id, id).await?;
    run_board_command_once(
        &state,
        &c.me,
        s.journey_id,
        BoardCommand::RemoveStage { id },
        c.request_id.as_deref(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/moments", tag = "moments", params(("id" = i64, Path)),
    responses((status = 200, body = [MomentOut]), (status = 404, body = ErrorBody)))]
async fn list_moments(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<Vec<MomentOut>> {
    state.store.journey(c.me.workspace_id, id).await?;
    let list = state.store.moments(c.me.workspace_id, id).await?;
    Ok(axum::Json(
        list.into_iter().map(|m| moment_out(&c.base, m)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/journeys/{id}/moments", tag = "moments", params(("id" = i64, Path)), request_body = MomentIn,
    responses((status = 201, body = MomentOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The journey holds as many notes as it may"), (status = 422, body = ErrorBody)))]
async fn create_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<MomentIn>,
) -> ApiResult<(StatusCode, axum::Json<MomentOut>)> {
    let cmd = BoardCommand::AddMoment {
        stage_id: body.stage_id,
        channel_id: body.channel_id,
        title: body.title,
        description: body.description,
    };
    let done = run_board_command_once(&state, &c.me, id, cmd, c.request_id.as_deref()).await?;
    let m = moment_of(done.event).ok_or_else(|| AppError::internal(&"unexpected event"))?;
    Ok((StatusCode::CREATED, axum::Json(moment_out(&c.base, m))))
}

#[utoipa::path(get, path = "/api/v1/moments/{id}", tag = "moments", params(("id" = i64, Path)),
    responses((status = 200, body = MomentOut), (status = 404, body = ErrorBody)))]
async fn get_moment(State(state): State<AppState>, c: Ctx, Path(id): Path<Id>) -> Out<MomentOut> {
    Ok(axum::Json(moment_out(
        &c.base,
        state.store.moment(c.me.workspace_id, id).await?,
    )))
}

#[utoipa::path(patch, path = "/api/v1/moments/{id}", tag = "moments", params(("id" = i64, Path)), request_body = MomentPatch,
    responses((status = 200, body = MomentOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<MomentPatch>,
) -> Out<MomentOut> {
    let m = state.store.moment(c.me.workspace_id, id).await?;
    let cmd = BoardCommand::EditMoment {
        id,
        title: body.title,
        description: body.description,
        channel_id: body.channel_id,
    };
    let done =
        run_board_command_once(&state, &c.me, m.journey_id, cmd, c.request_id.as_deref()).await?;
    let m = moment_of(done.event).ok_or_else(|| AppError::internal(&"unexpected event"))?;
    Ok(axum::Json(moment_out(&c.base, m)))
}

#[utoipa::path(delete, path = "/api/v1/moments/{id}", tag = "moments", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted; POST .../restore brings it back"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<StatusCode> {
    // A deleted note's journey too: a repeat of this request answers 204 again.
    let journey_id = state.store.moment_journey(c.me.workspace_id, id).await?;
    run_board_command_once(
        &state,
        &c.me,
        journey_id,
        BoardCommand::DeleteMoment { id },
        c.request_id.as_deref(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/moments/{id}/restore", tag = "moments", params(("id" = i64, Path)),
    responses((status = 200, body = MomentOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn restore_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<MomentOut> {
    let journey_id = state.store.moment_journey(c.me.workspace_id, id).await?;
    let done = run_board_command_once(
        &state,
        &c.me,
        journey_id,
        BoardCommand::RestoreMoment { id },
        c.request_id.as_deref(),
    )
    .await?;
    let m = moment_of(done.event).ok_or_else(|| AppError::internal(&"unexpected event"))?;
    Ok(axum::Json(moment_out(&c.base, m)))
}

#[utoipa::path(post, path = "/api/v1/moments/{id}/move", tag = "moments", params(("id" = i64, Path)), request_body = MoveIn,
    responses((status = 200, body = MomentOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn move_moment(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<MoveIn>,
) -> Out<MomentOut> {
    let m = state.store.moment(c.me.workspace_id, id).await?;
    run_board_command_once(
        &state,
        &c.me,
        m.journey_id,
        BoardCommand::MoveMoment {
            id,
            stage_id: body.stage_id,
            index: body.index,
        },
        c.request_id.as_deref(),
    )
    .await?;
    Ok(axum::Json(moment_out(
        &c.base,
        state.store.moment(c.me.workspace_id, id).await?,
    )))
}

/// A JSON answer holding a secret (a join link): never stored by a cache.
type SecretOut<T> = ([(axum::http::HeaderName, &'static str); 1], axum::Json<T>);

fn secret<T>(body: T) -> SecretOut<T> {
    (
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        axum::Json(body),
    )
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
    c.me.actor.may_manage()?;
    let j = state.store.journey(c.me.workspace_id, id).await?;
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
    let j = super::pages::rotate_join_link(&state, &c.me, id, remove_guests).await?;
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
    c.me.actor.may_manage()?;
    // Another workspace's journey is a 404, not an empty list.
    state.store.journey(c.me.workspace_id, id).await?;
    let guests = state.store.guests(c.me.workspace_id, id).await?;
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
    super::pages::remove_journey_guest(&state, &c.me, id, guest).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/changes", tag = "journeys", params(("id" = i64, Path), SinceQuery),
    responses((status = 200, body = ChangesOut), (status = 404, body = ErrorBody)))]
async fn list_changes(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Query(q): Query<SinceQuery>,
) -> Out<ChangesOut> {
    let limit = q.limit.unwrap_or(500);
    if !(1..=CHANGES_PAGE_MAX).contains(&limit) {
        return Err(AppError::invalid(format!(
            "limit: must be between 1 and {CHANGES_PAGE_MAX}"
        )));
    }
    let j = state.store.journey(c.me.workspace_id, id).await?;
    let list = state
        .store
        .changes_since(c.me.workspace_id, id, q.since.max(0), limit)
        .await?;
    let complete = list.last().is_none_or(|l| l.seq >= j.last_seq);
    Ok(axum::Json(ChangesOut {
        changes: list
            .into_iter()
            .map(|c| ChangeOut {
                seq: c.seq,
                at: c.at,
                event: c.event,
            })
            .collect(),
        last_seq: j.last_seq,
        complete,
    }))
}
