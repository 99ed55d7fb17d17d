//! Who the API caller is.

use crate::auth::Ctx;
use crate::state::AppState;
use crate::web::api::{ErrorBody, Out};
use crate::web::error::AppError;
use mot_core::Id;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Serialize, ToSchema)]
pub struct MeOut {
    id: Id,
    email: String,
    name: String,
    workspace_id: Id,
    /// owner, facilitator, member or viewer
    role: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = MeOut), (status = 401, body = ErrorBody)))]
async fn get_me(c: Ctx) -> Out<MeOut> {
    let user =
        c.me.user
            .clone()
            .ok_or_else(|| AppError::unauthorized(crate::t!("auth-not-a-user")))?;
    Ok(axum::Json(MeOut {
        id: user.id,
        email: user.email,
        name: user.name,
        workspace_id: c.me.workspace_id,
        role: c.me.role().map(|r| r.to_string()).unwrap_or_default(),
    }))
}

/// The caller's operations of the JSON API.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_me))
}
