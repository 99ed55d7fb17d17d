//! What every part of the JSON API shares: the error body, the answers the
//! plumbing gives (added to every operation of the document), the
//! `Idempotency-Key` header, the input fields' schemas, secrets.

use crate::web::error::ApiResult;
use serde::Serialize;
use utoipa::ToSchema;

pub(crate) type Out<T> = ApiResult<axum::Json<T>>;

/// Every operation documents the errors that the shared plumbing answers,
/// besides those its handler declares (403, 409, its own 404 or 422 text):
/// 401 without a valid token; 404 for an unknown or malformed id; and for a
/// JSON body 400 (not JSON), 413 (too large), 415 (not sent as JSON) and 422
/// (not an object with the expected fields, or a value that breaks a rule);
/// 400 for a malformed query string.
pub(crate) fn add_error_answers(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let answer = |text: String| {
        RefOr::T(
            ResponseBuilder::new()
                .description(text)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build(),
        )
    };
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            // Board and session changes are made once per Idempotency-Key.
            if op
                .operation_id
                .as_deref()
                .is_some_and(|id| IDEMPOTENT_OPERATIONS.contains(&id))
            {
                op.parameters
                    .get_or_insert_with(Vec::new)
                    .push(idempotency_key());
                op.responses
                    .responses
                    .entry("409".to_string())
                    .or_insert_with(|| {
                        answer("The Idempotency-Key was sent before with another change.".into())
                    });
                op.responses
                    .responses
                    .entry("422".to_string())
                    .or_insert_with(|| {
                        answer("A value breaks a rule, or the Idempotency-Key is malformed.".into())
                    });
            }
            let params = op.parameters.as_deref().unwrap_or_default();
            let has = |place: ParameterIn| params.iter().any(|p| p.parameter_in == place);
            let (in_path, in_query) = (has(ParameterIn::Path), has(ParameterIn::Query));
            let body = op.request_body.is_some();
            // Answers a handler declares without a word get the usual one.
            for (status, answer) in op.responses.responses.iter_mut() {
                if let RefOr::T(answer) = answer {
                    if answer.description.is_empty() {
                        answer.description = match status.as_str() {
                            "200" => "Done; the resource as it is now.",
                            "201" => "Created; the new resource.",
                            "204" => "Done.",
                            "403" => "Your role may not do this.",
                            "404" => "No such resource, or it is not yours to see.",
                            "409" => "This contradicts the current state (e.g. the session has moved on).",
                            "422" => "A value breaks a rule; the message says which.",
                            _ => "",
                        }
                        .to_string();
                    }
                }
            }
            let mut add = |status: &str, text: String| {
                op.responses
                    .responses
                    .entry(status.to_string())
                    .or_insert_with(|| answer(text));
            };
            add(
                "401",
                "No valid API token: send `Authorization: Bearer <token>`.".into(),
            );
            if in_path {
                add(
                    "404",
                    "No such resource, or it is not yours to see (also for an id that is not a number).".into(),
                );
            }
            if body || in_query {
                add(
                    "400",
                    "The body is not valid JSON, or the query string is malformed.".into(),
                );
            }
            if body {
                add(
                    "413",
                    format!(
                        "The body is larger than {} KiB.",
                        crate::web::MAX_BODY / 1024
                    ),
                );
                add(
                    "415",
                    "The body is not sent with `Content-Type: application/json`.".into(),
                );
            }
            if body || in_query {
                add(
                    "422",
                    "The body is not a JSON object with the expected fields, or a value breaks a rule (a length, a range, a date...).".into(),
                );
            }
        }
    }
}

/// The operations that honour an `Idempotency-Key` header (the board's and
/// the session's changes, and every call that makes a record); others do
/// not read it.
const IDEMPOTENT_OPERATIONS: [&str; 18] = [
    "create_stage",
    "update_stage",
    "delete_stage",
    "create_moment",
    "update_moment",
    "delete_moment",
    "restore_moment",
    "send_command",
    "create_business",
    "create_journey_api",
    "create_channel",
    "create_branch",
    "create_template",
    "add_item",
    "start_round",
    "make_links",
    "start_session",
    "make_feedback_survey",
];

/// The optional `Idempotency-Key` header, with the form the store checks.
fn idempotency_key() -> utoipa::openapi::path::Parameter {
    use mot_core::request::{REQUEST_ID_MAX, REQUEST_ID_MIN};
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    use utoipa::openapi::Required;
    ParameterBuilder::new()
        .name("Idempotency-Key")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "A key of your own for this change: a repeat with the same key (a retry after a lost answer) is answered as the first was and changes nothing again.",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(format!(
                    "^[A-Za-z0-9_-]{{{REQUEST_ID_MIN},{REQUEST_ID_MAX}}}$"
                ))),
        ))
        .build()
}

/// An error: a machine-readable code and a message for people.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorInner,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorInner {
    code: String,
    message: String,
}

/// Schemas of the input fields, from mot-core's limits: the document states
/// exactly what the rules accept.
pub(crate) mod fields {
    use mot_core::schema::{self, or_null};
    use mot_core::text::Limits;
    use utoipa::openapi::schema::Object;

    pub fn business_name() -> Object {
        schema::line(Limits::BUSINESS_NAME)
    }
    pub fn journey_name() -> Object {
        schema::line(Limits::JOURNEY_NAME)
    }
    pub fn stage_name() -> Object {
        schema::line(Limits::STAGE_NAME)
    }
    pub fn stage_name_or_null() -> Object {
        or_null(stage_name())
    }
    pub fn moment_title() -> Object {
        schema::line(Limits::MOMENT_TITLE)
    }
    pub fn moment_title_or_null() -> Object {
        or_null(moment_title())
    }
    pub fn moment_description() -> Object {
        schema::text(Limits::MOMENT_DESCRIPTION)
    }
    pub fn moment_description_or_null() -> Object {
        or_null(moment_description())
    }
    pub fn channel_name() -> Object {
        schema::line(Limits::CHANNEL_NAME)
    }
    pub fn channel_name_or_null() -> Object {
        or_null(channel_name())
    }
    pub fn channel_icon() -> Object {
        schema::line(Limits::CHANNEL_ICON)
    }
    pub fn channel_icon_or_null() -> Object {
        or_null(channel_icon())
    }
    pub fn colour_or_null() -> Object {
        or_null(schema::colour())
    }
    pub fn index_or_null() -> Object {
        or_null(schema::index())
    }
}

/// A JSON answer holding a secret (a join link): never stored by a cache.
pub(crate) type SecretOut<T> = ([(axum::http::HeaderName, &'static str); 1], axum::Json<T>);

pub(crate) fn secret<T>(body: T) -> SecretOut<T> {
    (
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        axum::Json(body),
    )
}
