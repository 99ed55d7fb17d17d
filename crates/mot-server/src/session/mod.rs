//! The five-step session: its pages, JSON API, views and the contact planning form.

pub mod api;
pub mod form;
pub mod pages;
pub mod service;
pub mod views;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// The session's pages and files (its JSON API is in [`api`]).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/j/{id}/sessions", post(pages::start_session))
        .route("/j/{id}/session-panel", get(pages::show_panel))
        .route("/j/{jid}/sessions/{id}", post(pages::post_session_command))
        .route("/j/{jid}/sessions/{id}/next.ics", get(pages::next_ics))
        .route("/j/{jid}/sessions/{id}/{format}", get(form::show_form))
}
