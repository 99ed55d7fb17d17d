//! The board: its pages, JSON API, live WebSocket, views and the one way to change it.

pub mod api;
pub mod live;
pub mod map;
pub mod pages;
pub mod presence;
pub mod service;
pub mod views;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// The board's pages, form posts and live socket (its JSON API is in [`api`]).
pub fn routes() -> Router<AppState> {
    use pages as b;
    Router::new()
        .route("/j/{id}", get(b::show_board))
        .route("/j/{id}/live", get(live::open_live))
        .route("/j/{id}/map.svg", get(map::map_svg))
        .route("/j/{id}/map.pdf", get(map::map_pdf))
        .route("/j/{id}/moments", post(b::add_moment))
        .route("/j/{id}/stages", post(b::add_stage))
        .route(
            "/j/{jid}/m/{id}/edit",
            get(b::show_edit_moment).post(b::edit_moment),
        )
        .route("/j/{jid}/m/{id}/move", post(b::move_moment))
        .route("/j/{jid}/m/{id}/delete", post(b::delete_moment))
        .route("/j/{jid}/m/{id}/restore", post(b::restore_moment))
        .route("/j/{jid}/s/{id}/edit", get(b::show_edit_stage))
        .route("/j/{jid}/s/{id}/rename", post(b::rename_stage))
        .route("/j/{jid}/s/{id}/move", post(b::move_stage))
        .route("/j/{jid}/s/{id}/delete", post(b::remove_stage))
}
