//! Businesses, journeys, channels, join links and guests.

pub mod api;
pub mod pages;
pub mod service;
pub mod template_pages;
pub mod template_views;
pub mod templates;
pub mod views;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// The workspace's pages (its JSON API is in [`api`]).
pub fn routes() -> Router<AppState> {
    use pages as p;
    Router::new()
        .route("/", get(p::show_home))
        .route("/workspace", post(p::update_workspace))
        .route("/workspace/switch", post(p::switch_workspace))
        .route("/workspace/brand", post(p::set_brand))
        .route(
            "/workspace/logo",
            get(p::show_logo)
                .post(p::upload_logo)
                .layer(axum::extract::DefaultBodyLimit::max(
                    mot_core::brand::LOGO_MAX_BYTES + 16 * 1024,
                )),
        )
        .route("/workspace/logo/remove", post(p::remove_logo))
        .route("/businesses", post(p::add_business))
        .route("/portfolio", get(p::show_portfolio))
        .route("/portfolio.csv", get(p::portfolio_csv))
        .route("/b/{id}", get(p::show_business))
        .route("/b/{id}/reports", get(p::show_reports))
        .route("/templates", get(template_pages::show_library))
        .route("/templates/start", post(template_pages::start))
        .route("/templates/save", post(template_pages::save))
        .route("/templates/{id}", get(template_pages::show_template))
        .route("/templates/{id}/update", post(template_pages::update))
        .route(
            "/j/{id}/template",
            get(template_pages::show_changes).post(template_pages::apply_changes),
        )
        .route("/b/{id}/journeys", post(p::add_journey))
        .route("/b/{id}/channels", post(p::add_channel))
        .route("/b/{id}/channels.css", get(p::channel_css))
        .route("/c/{id}/edit", post(p::edit_channel))
        .route("/j/{id}/share", get(p::show_share))
        .route("/j/{id}/rotate", post(p::rotate_join))
        .route("/j/{id}/guests/{guest}/remove", post(p::remove_guest))
        .route("/join", get(p::show_join_code).post(p::do_join_code))
        .route("/join/{token}", get(p::show_join).post(p::do_join))
}
