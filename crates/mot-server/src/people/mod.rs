//! The people of a workspace: who is in it and with which role, invitations
//! by e-mail or link, and each person's own account.

pub mod api;
pub mod pages;
pub mod service;
pub mod views;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// The people pages.
pub fn routes() -> Router<AppState> {
    use pages as p;
    Router::new()
        .route("/people", get(p::show_people))
        .route("/people/invite", post(p::do_invite))
        .route("/people/{id}/role", post(p::change_role))
        .route("/people/{id}/remove", post(p::remove))
        .route("/people/invites/{id}/cancel", post(p::cancel_invite))
        .route("/people/sso", post(p::set_sso))
        .route(
            "/invite/{token}",
            get(p::show_invite).post(p::accept_invite),
        )
        .route("/reset", get(p::show_reset_request).post(p::request_reset))
        .route("/reset/{token}", get(p::show_reset).post(p::do_reset))
        .route("/account", get(p::show_account).post(p::save_account))
        .route("/account/password", post(p::change_password))
        .route("/account/email", post(p::change_email))
        .route("/account/tokens", post(p::create_token))
        .route("/account/tokens/{id}/revoke", post(p::revoke_token))
}
