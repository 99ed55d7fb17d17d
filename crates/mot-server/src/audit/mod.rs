//! Touchpoint audits: templates, rounds, raters, results and standards.

pub mod api;
pub mod pages;
pub mod service;
pub mod views;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// The audit's pages, the rater's page and the results files (its JSON
/// API is in [`api`]).
pub fn routes() -> Router<AppState> {
    use pages as a;
    Router::new()
        .route("/b/{id}/branches", post(a::add_branch))
        .route("/b/{id}/templates", post(a::create_template))
        .route("/b/{bid}/templates/{id}", get(a::show_template))
        .route("/b/{bid}/templates/{id}/items", post(a::add_item))
        .route("/b/{bid}/templates/{id}/items/{item}", post(a::edit_item))
        .route("/b/{bid}/templates/{id}/phases/move", post(a::move_phase))
        .route(
            "/b/{bid}/templates/{id}/items/{item}/move",
            post(a::move_item),
        )
        .route("/b/{id}/rounds", post(a::start_round))
        .route("/b/{bid}/rounds/{id}", get(a::show_round))
        .route("/b/{bid}/rounds/{id}/links", post(a::make_links))
        .route(
            "/b/{bid}/rounds/{id}/links/{link}/remind",
            post(a::remind_link),
        )
        .route("/b/{bid}/rounds/{id}/close", post(a::close_round))
        .route("/b/{bid}/rounds/{id}/{format}", get(a::show_results))
        .route("/j/{id}/standards", get(a::show_standards))
        .route("/j/{jid}/standards/{id}", post(a::save_standard))
        .route("/r/{token}", get(a::show_rater).post(a::post_rater_form))
        .route("/r/{token}/answer", post(a::save_answer))
        .route("/r/{token}/submit", post(a::submit_rater))
}
