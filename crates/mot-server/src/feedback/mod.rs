//! Customer feedback: asking customers about each moment of truth (a link
//! and QR code per moment and branch), their answers on a public page, and
//! the figures a team reads beside its own view.

pub mod abuse;
pub mod alerts;
pub mod alerts_api;
pub mod api;
pub mod import;
pub mod import_views;
pub mod pages;
pub mod pow;
pub mod report;
pub mod service;
pub mod survey;
pub mod survey_views;
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
        // answers.{csv,xlsx} and report.{pdf,csv,xlsx}
        .route("/j/{jid}/feedback/{file}", get(p::answers_file))
        .route("/j/{id}/feedback/comments", get(p::show_comments))
        .route("/j/{jid}/feedback/m/{id}", get(p::show_trend))
        .route("/j/{jid}/feedback/answers/{id}/flag", post(p::set_flag))
        .route("/j/{jid}/feedback/alerts/{id}", post(p::decide_alert))
        .route("/feedback/{id}", get(p::show_point).post(p::change_point))
        .route("/feedback/{id}/qr.svg", get(p::point_qr))
        .route("/feedback/{id}/qr.png", get(p::point_qr_png))
        .route("/feedback/{id}/sheet.pdf", get(p::point_sheet))
        .route("/feedback/{id}/reasons", post(p::save_reasons))
        .route("/f/{token}", get(p::show_question).post(p::post_answer))
        .merge(survey_routes())
        .merge(import_routes())
}

/// Journey surveys: one link about several moments.
fn survey_routes() -> Router<AppState> {
    use survey as s;
    Router::new()
        .route("/j/{id}/feedback/surveys", post(s::create))
        .route("/feedback/s/{id}", get(s::show).post(s::set_open))
        .route("/feedback/s/{id}/{file}", get(s::qr))
        .route("/s/{token}", get(s::show_survey).post(s::post_survey))
}

/// Importing what a business already has: upload, mapping, result.
fn import_routes() -> Router<AppState> {
    use axum::extract::DefaultBodyLimit;
    use import as i;
    use mot_core::feedback::import::ImportLimits;
    // The upload may be far larger than a form; its own limit (a setting)
    // is checked as the file streams in, with a clear 413.
    let upload_limit = ImportLimits::FILE_BYTES as usize + 1024 * 1024;
    Router::new()
        .route(
            "/j/{id}/feedback/import",
            get(i::show_upload)
                .post(i::post_upload)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/j/{jid}/feedback/import/{token}",
            get(i::show_mapping).post(i::post_mapping),
        )
        .route("/j/{jid}/feedback/imports/{id}", get(i::show_result))
        .route(
            "/j/{jid}/feedback/imports/{id}/take-out",
            post(i::post_take_out),
        )
        .route(
            "/j/{jid}/feedback/imports/{id}/refused.csv",
            get(i::refused_file),
        )
}
