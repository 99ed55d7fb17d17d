//! Our own extractors: malformed JSON, forms, paths and queries produce our
//! error body with a clear message, not the framework's default text.

use crate::web::error::{AppError, PageError};
use axum::body::{Body, Bytes};
use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Deserialize;

fn json_rejection(r: JsonRejection) -> AppError {
    match r {
        JsonRejection::MissingJsonContentType(_) => AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            crate::t!("error-json-content-type"),
        ),
        JsonRejection::JsonSyntaxError(e) => {
            AppError::bad_request(crate::t!("error-json-syntax", detail = e.body_text()))
        }
        JsonRejection::JsonDataError(e) => {
            AppError::invalid(crate::t!("error-json-fields", detail = e.body_text()))
        }
        other => body_rejection(other.status(), other.body_text()),
    }
}

fn body_rejection(status: StatusCode, text: String) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(status, "too_large", crate::t!("error-too-large"))
    } else if status.is_server_error() {
        AppError::internal(&text)
    } else {
        AppError::new(
            status,
            "bad_request",
            crate::t!("error-unreadable", detail = text),
        )
    }
}

fn form_rejection(r: FormRejection) -> AppError {
    match r {
        FormRejection::FailedToDeserializeForm(e) => {
            AppError::invalid(crate::t!("error-form-fields", detail = e.body_text()))
        }
        FormRejection::FailedToDeserializeFormBody(e) => {
            AppError::invalid(crate::t!("error-form-fields", detail = e.body_text()))
        }
        other => body_rejection(other.status(), other.body_text()),
    }
}

/// Reads a urlencoded form, refusing one whose text is not UTF-8: axum's
/// reader decodes such bytes lossily, and a replacement character would be
/// stored in place of what the person typed.
async fn utf8_form<T: DeserializeOwned, S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<T, AppError> {
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form || req.method() == Method::GET || req.method() == Method::HEAD {
        return axum::Form::<T>::from_request(req, state)
            .await
            .map(|axum::Form(v)| v)
            .map_err(form_rejection);
    }
    let (method, uri, headers) = (
        req.method().clone(),
        req.uri().clone(),
        req.headers().clone(),
    );
    let bytes = Bytes::from_request(req, state)
        .await
        .map_err(|r| body_rejection(r.status(), r.body_text()))?;
    if std::str::from_utf8(&percent_decoded(&bytes)).is_err() {
        return Err(AppError::bad_request(crate::t!("error-form-utf8")));
    }
    let mut again = Request::new(Body::from(bytes));
    *again.method_mut() = method;
    *again.uri_mut() = uri;
    *again.headers_mut() = headers;
    axum::Form::<T>::from_request(again, state)
        .await
        .map(|axum::Form(v)| v)
        .map_err(form_rejection)
}

/// The bytes a urlencoded body stands for (`+` is a space, `%XX` a byte).
/// Separators stay as they are: a character of several bytes never spans
/// one, so the whole is UTF-8 exactly when every name and value is.
fn percent_decoded(body: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        match (body[i], body.get(i + 1), body.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// JSON body for the API: always a JSON object. (serde would otherwise take
/// a JSON array for a struct, field by field in order, so `[]` could stand
/// for `{}`.)
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let axum::Json(mut value) = axum::Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(json_rejection)?;
        whole_numbers(&mut value);
        if !value.is_object() {
            return Err(AppError::invalid(crate::t!("error-json-object")));
        }
        // Read again from the text, so a wrong field is named by its path.
        let text = serde_json::to_vec(&value).map_err(|e| AppError::internal(&e))?;
        axum::Json::<T>::from_bytes(&text)
            .map(|axum::Json(v)| Json(v))
            .map_err(json_rejection)
    }
}

/// JSON has one kind of number, and JSON Schema (so the OpenAPI document)
/// counts `1.0` as the whole number 1: read it as one. `1.5` stays a
/// fraction, refused where a whole number is expected.
fn whole_numbers(v: &mut serde_json::Value) {
    use serde_json::{Number, Value};
    match v {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.fract() == 0.0 {
                // 2^63 and 2^64 are exact as f64, so the bounds are exact too.
                if (i64::MIN as f64..i64::MAX as f64).contains(&f) {
                    *n = Number::from(f as i64);
                } else if (0.0..u64::MAX as f64).contains(&f) {
                    *n = Number::from(f as u64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// A urlencoded form for pages and fetch() calls: errors as JSON.
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        utf8_form(req, state).await.map(Form)
    }
}

/// A urlencoded form for full-page posts: errors as an HTML page.
pub struct PageForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for PageForm<T> {
    type Rejection = PageError;
    async fn from_request(req: Request, state: &S) -> Result<Self, PageError> {
        utf8_form(req, state).await.map(PageForm).map_err(PageError)
    }
}

/// A urlencoded form for board posts, which come from the page script
/// (`x-mot-fetch`: errors as JSON) or from a plain form (errors as a page).
pub struct BoardForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for BoardForm<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let fetch = req.headers().contains_key("x-mot-fetch");
        utf8_form(req, state).await.map(BoardForm).map_err(|e| {
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
        crate::t!("error-no-address", detail = r.body_text()),
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
            // A person reads it: no parser's words in English, just that
            // the address leads nowhere.
            .map_err(|r| {
                tracing::debug!(detail = %r.body_text(), "a page's address did not parse");
                PageError(AppError::new(
                    StatusCode::NOT_FOUND,
                    "not_found",
                    crate::t!("error-no-page"),
                ))
            })
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
                AppError::bad_request(crate::t!("error-query", detail = r.body_text()))
            })
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub _csrf: String,
    /// A board change's client request id (see `board::pages::post_command`).
    #[serde(default)]
    pub _rid: String,
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    pub _csrf: String,
    /// The client request id (see `web::client_request`).
    #[serde(default)]
    pub _rid: String,
    pub name: String,
}
