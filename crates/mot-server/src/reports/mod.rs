//! Reports that gather the other features' into one: the client report
//! pack (`/b/{id}/report-pack.pdf`), one PDF an adviser hands a client.
//! It calls the session, audit and feedback services, as their own pages
//! do, and composes their reports with `mot_export::report_pack`.

pub mod service;

use crate::auth::SignedIn;
use crate::state::AppState;
use crate::web::error::PageResult;
use crate::web::extract::PagePath;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use mot_core::Id;

pub fn routes() -> Router<AppState> {
    Router::new().route("/b/{id}/report-pack.pdf", get(report_pack))
}

/// `GET /b/{id}/report-pack.pdf`.
async fn report_pack(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let (name, pdf) = service::report_pack(&state, &me, id).await?;
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"report-{}.pdf\"",
                    safe.trim_matches('-')
                ),
            ),
        ],
        pdf,
    )
        .into_response())
}
