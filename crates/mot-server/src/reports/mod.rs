//! Reports that gather the other features' into one: the client report
//! pack (`/b/{id}/report-pack.pdf`), one PDF an adviser hands a client,
//! in the language asked for, and e-mailed to the client's people
//! (`/b/{id}/report-pack/send`).
//! It calls the session, audit and feedback services, as their own pages
//! do, and composes their reports with `mot_export::report_pack`.

pub mod service;

use crate::auth::SignedIn;
use crate::state::AppState;
use crate::t;
use crate::web::error::AppError;
use crate::web::error::PageResult;
use crate::web::extract::PageForm;
use crate::web::extract::PagePath;
use crate::web::i18n::{self, Lang};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use mot_core::{Id, Msg, RuleError};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/b/{id}/report-pack.pdf", get(report_pack))
        .route("/b/{id}/report-pack/send", post(send_pack))
}

#[derive(Deserialize)]
struct PackQuery {
    /// The pack's language (`en`, `de`, `ar`); the reader's when absent.
    lang: Option<String>,
}

/// `GET /b/{id}/report-pack.pdf[?lang=de]`: in the language asked for
/// (the reports page offers the workspace's first), else the reader's.
async fn report_pack(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    PagePath(id): PagePath<Id>,
    Query(q): Query<PackQuery>,
) -> PageResult<Response> {
    let lang = match q.lang.as_deref().filter(|l| !l.is_empty()) {
        None => i18n::lang(),
        Some(code) => Lang::parse(code).ok_or_else(|| {
            AppError::bad_request(t!("reports-pack-no-such-language", code = code))
        })?,
    };
    let (name, pdf) = i18n::scope(lang, service::report_pack(&state, &me, id)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"",
                    service::pack_file_name(&name)
                ),
            ),
        ],
        pdf,
    )
        .into_response())
}

/// `POST /b/{id}/report-pack/send`: the pack e-mailed to the chosen people
/// of the client (`recipient`, several), then the reports page saying to
/// whom it went. The form's `_rid` sends it once however often it is sent.
async fn send_pack(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    PageForm(f): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let field = |name: &str| {
        f.iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    me.check_csrf(&headers, Some(field("_csrf")))?;
    let chosen = f
        .iter()
        .filter(|(k, _)| k == "recipient")
        .map(|(_, v)| {
            v.parse::<Id>().map_err(|_| {
                AppError::from(RuleError::invalid(
                    "recipients",
                    Msg::new("rule-pack-not-theirs"),
                ))
            })
        })
        .collect::<Result<Vec<Id>, AppError>>();
    let sent = match crate::web::request_id_of(&headers, field("_rid")) {
        None => Err(AppError::bad_request(t!("reports-send-no-key"))),
        Some(key) => match chosen {
            Ok(chosen) => service::send_pack(&state, &me, id, key, &chosen).await,
            Err(e) => Err(e),
        },
    };
    use crate::workspace::pages::{reports_response, PackOutcome};
    match sent {
        Ok(sending) => reports_response(&state, &me, id, Some(PackOutcome::Sent(&sending))).await,
        // Refused (nobody chosen, another client's person, no e-mail, an
        // expired form): said on the page, the form kept.
        Err(e)
            if e.status.is_client_error()
                && e.status != StatusCode::FORBIDDEN
                && e.status != StatusCode::NOT_FOUND =>
        {
            let mut res =
                reports_response(&state, &me, id, Some(PackOutcome::Refused(&e.message))).await?;
            *res.status_mut() = e.status;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
