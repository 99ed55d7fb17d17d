//! One error type for the web layer. Domain and store errors become a status
//! and a message a person understands; internal causes are logged with a
//! request id and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mot_core::RuleError;
use mot_store::StoreError;
use serde::Serialize;

/// An error on its way to the client.
#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Extra response headers (e.g. Retry-After).
    pub retry_after: Option<u64>,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        AppError {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }
    /// `what` is the thing's name in the catalogue: `thing-<what>`.
    pub fn not_found(what: &str) -> Self {
        let lang = crate::web::i18n::lang();
        let key = format!("thing-{}", what.replace(' ', "-"));
        let thing = mot_i18n::text_dyn(lang, &key).unwrap_or(what);
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            crate::t!("error-not-found", what = thing),
        )
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
    }
    pub fn too_many(retry_after: u64) -> Self {
        AppError {
            retry_after: Some(retry_after),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                crate::t!("error-too-many", seconds = retry_after),
            )
        }
    }
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        let id = &mot_store::random_token()[..12];
        tracing::error!(request_error_id = id, cause = %cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            crate::t!("error-internal", id = id),
        )
    }
}

impl From<RuleError> for AppError {
    fn from(e: RuleError) -> Self {
        let message = crate::web::i18n::rule_error(&e);
        match e {
            RuleError::Invalid { .. } => AppError::invalid(message),
            RuleError::Forbidden(_) => AppError::forbidden(message),
            RuleError::Conflict(_) => AppError::new(StatusCode::CONFLICT, "conflict", message),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => AppError::not_found(what),
            StoreError::Rule(r) => r.into(),
            StoreError::Duplicate(m) => AppError::new(
                StatusCode::CONFLICT,
                "duplicate",
                mot_i18n::message(crate::web::i18n::lang(), &m),
            ),
            StoreError::StandingChanged => AppError::new(
                StatusCode::UNAUTHORIZED,
                "standing_changed",
                crate::t!("board-live-session-ended"),
            ),
            StoreError::Closed => AppError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                crate::t!("error-shutting-down"),
            ),
            e if e.is_unavailable() => {
                tracing::warn!(error = %e, "the database is unavailable");
                AppError {
                    retry_after: Some(5),
                    ..AppError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "unavailable",
                        crate::t!("error-database-unavailable"),
                    )
                }
            }
            other => AppError::internal(&other),
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}
#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: &'a str,
}

impl AppError {
    /// The JSON body `{"error":{"code","message"}}`.
    pub fn json_body(&self) -> String {
        serde_json::to_string(&Body {
            error: Inner {
                code: self.code,
                message: &self.message,
            },
        })
        .unwrap_or_default()
    }
}

/// Errors of the JSON API and of fetch() calls: a JSON body.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = (
            self.status,
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            self.json_body(),
        )
            .into_response();
        if let Some(s) = self.retry_after {
            res.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, s.into());
        }
        res
    }
}

/// Errors of HTML pages: the same status, shown as a page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        let markup = crate::web::layout::error_page(e.status, &e.message);
        let mut res = (e.status, markup).into_response();
        if let Some(s) = e.retry_after {
            res.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, s.into());
        }
        res
    }
}

pub type ApiResult<T> = Result<T, AppError>;
pub type PageResult<T> = Result<T, PageError>;
