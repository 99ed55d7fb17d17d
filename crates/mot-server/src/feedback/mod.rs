//! Customer feedback: asking customers about each moment of truth (a link
//! and QR code per moment and branch), their answers on a public page, and
//! the figures a team reads beside its own view.

pub mod api;
pub mod pages;
pub mod service;
pub mod views;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// The feedback pages: the team's, and the customer's at `/f/{token}`.
pub fn routes() -> Router<AppState> {
    use pages as p;
    Router::new()
        .route("/j/{id}/feedback", get(p::show_journey))
        .route("/j/{id}/feedback/ask", post(p::ask))
        .route("/j/{jid}/feedback/{file}", get(p::answers_file))
        .route("/j/{id}/feedback/comments", get(p::show_comments))
        .route("/j/{jid}/feedback/m/{id}", get(p::show_trend))
        .route("/j/{jid}/feedback/answers/{id}/flag", post(p::set_flag))
        .route("/feedback/{id}", get(p::show_point))
        .route("/feedback/{id}/qr.svg", get(p::point_qr))
        .route("/feedback/{id}/sheet.pdf", get(p::point_sheet))
        .route("/feedback/{id}/reasons", post(p::save_reasons))
        .route("/f/{token}", get(p::show_question).post(p::post_answer))
}
