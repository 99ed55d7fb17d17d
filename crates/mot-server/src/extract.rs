//! Our own extractors: malformed JSON, forms, paths and queries produce our
//! error body with a clear message, not the framework's default text.

use crate::error::{AppError, PageError};
use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

fn json_rejection(r: JsonRejection) -> AppError {
    match r {
        JsonRejection::MissingJsonContentType(_) => AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as JSON with Content-Type: application/json.",
        ),
        JsonRejection::JsonSyntaxError(e) => {
            AppError::bad_request(format!("The body is not valid JSON: {}", e.body_text()))
        }
        JsonRejection::JsonDataError(e) => AppError::invalid(format!(
            "The JSON does not have the expected fields: {}",
            e.body_text()
        )),
        other => body_rejection(other.status(), other.body_text()),
    }
}

fn body_rejection(status: StatusCode, text: String) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(
            status,
            "too_large",
            "The request is too large. Shorten the text and try again.",
        )
    } else if status.is_server_error() {
        AppError::internal(&text)
    } else {
        AppError::new(
            status,
            "bad_request",
            format!("The request could not be read: {text}"),
        )
    }
}

fn form_rejection(r: FormRejection) -> AppError {
    match r {
        FormRejection::FailedToDeserializeForm(e) => AppError::invalid(format!(
            "The form is missing a field or has a wrong value: {}",
            e.body_text()
        )),
        FormRejection::FailedToDeserializeFormBody(e) => AppError::invalid(format!(
            "The form is missing a field or has a wrong value: {}",
            e.body_text()
        )),
        other => body_rejection(other.status(), other.body_text()),
    }
}

/// JSON body for the API.
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        axum::Json::<T>::from_request(req, state)
            .await
            .map(|axum::Json(v)| Json(v))
            .map_err(json_rejection)
    }
}

/// A urlencoded form for pages and fetch() calls: errors as JSON.
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        axum::Form::<T>::from_request(req, state)
            .await
            .map(|axum::Form(v)| Form(v))
            .map_err(form_rejection)
    }
}

/// A urlencoded form for full-page posts: errors as an HTML page.
pub struct PageForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for PageForm<T> {
    type Rejection = PageError;
    async fn from_request(req: Request, state: &S) -> Result<Self, PageError> {
        axum::Form::<T>::from_request(req, state)
            .await
            .map(|axum::Form(v)| PageForm(v))
            .map_err(|r| PageError(form_rejection(r)))
    }
}

/// A urlencoded form for board posts, which come from the page script
/// (`x-mot-fetch`: errors as JSON) or from a plain form (errors as a page).
pub struct BoardForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for BoardForm<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let fetch = req.headers().contains_key("x-mot-fetch");
        axum::Form::<T>::from_request(req, state)
            .await
            .map(|axum::Form(v)| BoardForm(v))
            .map_err(|r| {
                let e = form_rejection(r);
                if fetch {
                    e.into_response()
                } else {
                    PageError(e).into_response()
                }
            })
    }
}

fn path_rejection(r: PathRejection) -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("This address does not exist: {}", r.body_text()),
    )
}

/// Path parameters; a malformed id is a 404.
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Path(v))
            .map_err(path_rejection)
    }
}

/// Path parameters for pages.
pub struct PagePath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PagePath<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| PagePath(v))
            .map_err(|r| PageError(path_rejection(r)))
    }
}

/// Query string.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Query(v))
            .map_err(|r: QueryRejection| {
                AppError::bad_request(format!("The query string is malformed: {}", r.body_text()))
            })
    }
}
