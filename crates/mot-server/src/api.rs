//! The JSON API under `/api/v1`, with bearer tokens: the document and the
//! router, merged from each feature's `api::routes()`. The OpenAPI document
//! is generated from the handlers and types (utoipa), so it cannot drift.

use crate::state::AppState;
use crate::web::api::{add_error_answers, ErrorBody, ErrorInner};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

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
        .merge(crate::auth::api::routes())
        .merge(crate::workspace::api::routes())
        .merge(crate::people::api::routes())
        .merge(crate::board::api::routes())
        .merge(crate::session::api::routes())
        .merge(crate::audit::api::routes())
        .merge(crate::feedback::api::routes())
        .merge(crate::feedback::alerts_api::routes())
        .split_for_parts();
    let mut doc = doc;
    add_error_answers(&mut doc);
    (router, doc)
}
