//! The people of a workspace in the JSON API: who is in it, invitations,
//! roles, removal. The same service as the pages.

use crate::auth::Ctx;
use crate::people::service;
use crate::state::AppState;
use crate::web::api::{secret, ErrorBody, SecretOut};
use crate::web::error::ApiResult;
use crate::web::extract::{Json, Path};
use axum::extract::State;
use axum::http::StatusCode;
use mot_core::access::RoleName;
use mot_core::{ClientRole, Id, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    id: Id,
    name: String,
    email: String,
    role: RoleName,
    /// The client business of one of a client's people (who see it only);
    /// absent for the practice's own people.
    #[serde(skip_serializing_if = "Option::is_none")]
    business_id: Option<Id>,
}

#[derive(Serialize, ToSchema)]
pub struct InviteOut {
    id: Id,
    email: String,
    role: RoleName,
    #[serde(skip_serializing_if = "Option::is_none")]
    business_id: Option<Id>,
    /// Milliseconds since the epoch; the link works until then, once.
    expires_at: i64,
    /// The link to send (only in the answer that made it).
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    /// Whether the installation e-mailed it (only in the answer that made
    /// it; false also when it sends no mail).
    #[serde(skip_serializing_if = "Option::is_none")]
    mailed: Option<bool>,
}

fn invite_out(i: mot_store::Invite, link: Option<String>, mailed: Option<bool>) -> InviteOut {
    InviteOut {
        id: i.id,
        email: i.email,
        role: i.membership.name(),
        business_id: i.membership.business_id(),
        expires_at: i.expires_at,
        link,
        mailed,
    }
}

/// One of the practice's own people: a role on every business.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PracticeInvite {
    #[schema(schema_with = mot_core::schema::email)]
    email: String,
    role: Role,
}

/// One of a client's people: a client role on that business only.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientInvite {
    #[schema(schema_with = mot_core::schema::email)]
    email: String,
    role: ClientRole,
    business_id: Id,
}

/// An invitation: for the practice, or for one client's business.
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum InviteIn {
    Client(ClientInvite),
    Practice(PracticeInvite),
}

impl InviteIn {
    fn parts(&self) -> (&str, &'static str, Option<Id>) {
        match self {
            InviteIn::Client(c) => (&c.email, c.role.as_str(), Some(c.business_id)),
            InviteIn::Practice(p) => (&p.email, p.role.as_str(), None),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PracticeRole {
    role: Role,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientRoleIn {
    role: ClientRole,
    business_id: Id,
}

/// A new role: of the practice, or a client role on one business.
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum PersonPatch {
    Client(ClientRoleIn),
    Practice(PracticeRole),
}

impl PersonPatch {
    fn parts(&self) -> (&'static str, Option<Id>) {
        match self {
            PersonPatch::Client(c) => (c.role.as_str(), Some(c.business_id)),
            PersonPatch::Practice(p) => (p.role.as_str(), None),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/people", tag = "people",
    responses((status = 200, body = [PersonOut]), (status = 401, body = ErrorBody)))]
async fn list_people(
    State(state): State<AppState>,
    c: Ctx,
) -> ApiResult<axum::Json<Vec<PersonOut>>> {
    let (members, _) = service::people(&state, &c.me).await?;
    Ok(axum::Json(
        members
            .into_iter()
            .map(|(u, m)| PersonOut {
                id: u.id,
                name: u.name,
                email: u.email,
                role: m.name(),
                business_id: m.business_id(),
            })
            .collect(),
    ))
}

#[utoipa::path(patch, path = "/api/v1/people/{id}", tag = "people", params(("id" = i64, Path)), request_body = PersonPatch,
    responses((status = 204, description = "The role is changed; their open boards reconnect with it"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The workspace's last owner stays an owner")))]
async fn update_person(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<PersonPatch>,
) -> ApiResult<StatusCode> {
    let (role, business_id) = body.parts();
    service::change_role(&state, &c.me, id, role, business_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/people/{id}", tag = "people", params(("id" = i64, Path)),
    responses((status = 204, description = "Removed: their sessions, tokens and open boards end at once; what they wrote stays"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The workspace's last owner cannot be removed")))]
async fn remove_person(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<StatusCode> {
    service::remove(&state, &c.me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/invites", tag = "people",
    responses((status = 200, body = [InviteOut], description = "The open invitations (without their links)"), (status = 403, body = ErrorBody)))]
async fn list_invites(
    State(state): State<AppState>,
    c: Ctx,
) -> ApiResult<axum::Json<Vec<InviteOut>>> {
    c.me.actor.may_administer()?;
    let (_, invites) = service::people(&state, &c.me).await?;
    Ok(axum::Json(
        invites
            .into_iter()
            .map(|i| invite_out(i, None, None))
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/invites", tag = "people", request_body = InviteIn,
    responses((status = 201, body = InviteOut, description = "The invitation and its link (shown only now); an earlier open invitation of the address is replaced"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody, description = "No such client business in the workspace"), (status = 409, body = ErrorBody, description = "Already a member"), (status = 422, body = ErrorBody)))]
async fn create_invite(
    State(state): State<AppState>,
    c: Ctx,
    Json(body): Json<InviteIn>,
) -> ApiResult<(StatusCode, SecretOut<InviteOut>)> {
    let (email, role, business_id) = body.parts();
    let made = service::invite(&state, &c.me, &c.base, email, role, business_id).await?;
    Ok((
        StatusCode::CREATED,
        secret(invite_out(
            made.invite,
            Some(made.link),
            Some(made.mailed == Some(true)),
        )),
    ))
}

#[utoipa::path(delete, path = "/api/v1/invites/{id}", tag = "people", params(("id" = i64, Path)),
    responses((status = 204, description = "Withdrawn: its link stops working"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn cancel_invite(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<StatusCode> {
    service::cancel_invite(&state, &c.me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The people operations of the JSON API.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_people))
        .routes(routes!(update_person, remove_person))
        .routes(routes!(list_invites, create_invite))
        .routes(routes!(cancel_invite))
}
