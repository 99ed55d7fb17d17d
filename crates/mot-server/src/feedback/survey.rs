//! Journey surveys: one link that asks customers about several moments at
//! once (an e-mail after delivery asks about ordering, delivery day and
//! installation). What a request does (`service`) and the pages that call
//! it; the views are in `survey_views.rs`.

use crate::auth::layout::chrome;
use crate::auth::{require_user, Ident};
use crate::feedback::abuse;
use crate::feedback::pages::{customer_page, for_customer, proof_of};
use crate::feedback::survey_views as sv;
use crate::or_return;
use crate::state::AppState;
use crate::t;
use crate::web::client_ip::ClientIp;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::{PageForm, PagePath};
use crate::web::i18n::Lang;
use crate::web::layout::page;
use crate::web::{base_url, optional_id, qr_svg};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use mot_core::feedback;
use mot_core::Id;
use mot_store::{AnswerWith, Survey, SurveyView};
use serde::Deserialize;

// ---- what a request does ---------------------------------------------------

pub mod service {
    use super::*;

    /// Makes a survey of a journey's moments at a branch (`None`: every
    /// branch), owners and facilitators only.
    /// Made once per client request id (`request_id`: the form's `_rid`
    /// or the `Idempotency-Key` header): a repeat answers the same survey.
    pub async fn create(
        state: &AppState,
        me: &Ident,
        journey_id: Id,
        (title, moment_ids, branch_id): (&str, &[Id], Option<Id>),
        request_id: Option<&str>,
    ) -> Result<Survey, AppError> {
        me.actor.may_manage()?;
        let once = crate::web::client_request(me.actor, request_id)?;
        let (title, ids) = feedback::survey(title, moment_ids)?;
        Ok(state
            .store
            .once(once)
            .create_feedback_survey(me.workspace_id, journey_id, branch_id, &title, &ids)
            .await?)
    }

    /// A journey's surveys, oldest first (owners and facilitators).
    pub async fn surveys(
        state: &AppState,
        me: &Ident,
        journey_id: Id,
    ) -> Result<Vec<Survey>, AppError> {
        me.actor.may_manage()?;
        state.store.journey(me.workspace_id, journey_id).await?;
        Ok(state
            .store
            .feedback_surveys(me.workspace_id, journey_id)
            .await?)
    }

    /// A survey, for those who may hand it out (owners and facilitators).
    pub async fn survey(state: &AppState, me: &Ident, id: Id) -> Result<Survey, AppError> {
        me.actor.may_manage()?;
        Ok(state.store.feedback_survey(me.workspace_id, id).await?)
    }

    /// Closes a survey's link, or opens it again.
    pub async fn set_open(
        state: &AppState,
        me: &Ident,
        id: Id,
        open: bool,
    ) -> Result<Survey, AppError> {
        me.actor.may_manage()?;
        Ok(state
            .store
            .set_feedback_survey_open(me.workspace_id, id, open)
            .await?)
    }

    /// The survey a customer's link stands for, in the customer's language
    /// (else the workspace's); an unknown, altered or closed link says so
    /// kindly.
    pub async fn view(state: &AppState, token: &str) -> Result<SurveyView, AppError> {
        let gone = || AppError::new(StatusCode::NOT_FOUND, "not_found", t!("feedback-link-gone"));
        if !(token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit())) {
            return Err(gone());
        }
        let view = match state.store.survey_view(token).await {
            Err(mot_store::StoreError::NotFound(_)) => return Err(gone()),
            other => other?,
        };
        crate::web::i18n::fallback(view.workspace_language.as_deref().and_then(Lang::parse));
        if view.survey.closed || view.survey.moments.is_empty() {
            return Err(gone());
        }
        Ok(view)
    }

    /// What a customer sent from a survey form.
    pub struct SentSurvey<'a> {
        /// Per moment of the survey, in order: the verdict (empty: skipped),
        /// the reason picked and the comment.
        pub parts: Vec<(&'a str, &'a str, &'a str)>,
        pub request_key: &'a str,
        pub honeypot: &'a str,
        pub contact_ok: bool,
        pub contact_email: &'a str,
    }

    /// Keeps a survey form's answers, each as an answer to its moment, all
    /// at once and once per form. A robot's answers are kept flagged.
    pub async fn answer(
        state: &AppState,
        view: &SurveyView,
        sent: SentSurvey<'_>,
    ) -> Result<bool, AppError> {
        let parts: Vec<feedback::SurveyPart> = (sent.parts.iter().zip(&view.asked))
            .map(
                |(&(verdict, reason, comment), asked)| feedback::SurveyPart {
                    verdict,
                    reason,
                    comment,
                    offered: &asked.reasons,
                },
            )
            .collect();
        use crate::web::i18n::customer_error;
        let answers = feedback::survey_answers(&parts).map_err(customer_error)?;
        let with = AnswerWith {
            contact: feedback::contact(sent.contact_ok, sent.contact_email)
                .map_err(customer_error)?,
            flag: (!sent.honeypot.is_empty()).then(|| "honeypot".to_string()),
            at: 0,
        };
        let key = match sent.request_key.trim() {
            k if !k.is_empty() && k.len() <= 64 => k.to_string(),
            _ => mot_store::random_token(),
        };
        let pairs: Vec<(String, mot_core::feedback::Answer)> = view
            .asked
            .iter()
            .zip(answers)
            .filter_map(|(asked, a)| a.map(|a| (asked.token.clone(), a)))
            .collect();
        let lang = crate::web::i18n::lang().code();
        Ok(state
            .store
            .answer_feedback_survey(pairs, lang, &key, with)
            .await?)
    }
}

// ---- the team's pages ------------------------------------------------------

/// `POST /j/{id}/feedback/surveys`: makes a survey of the ticked moments.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    me.check_csrf(&headers, Some(field("_csrf")))?;
    let mut moments = Vec::new();
    for (k, v) in &fields {
        if k == "moment_id" {
            moments
                .push(optional_id("moment_id", v)?.ok_or_else(|| AppError::not_found("moment"))?);
        }
    }
    let branch_id = optional_id("branch_id", field("branch_id"))?;
    let what = (field("title"), &moments[..], branch_id);
    let rid = crate::web::request_id_of(&headers, field("_rid"));
    let s = match service::create(&state, &me, journey_id, what, rid).await {
        // Refused (no moment chosen, too many, a title too long): the
        // journey's page again, its survey form open with what was wrong
        // and what was chosen (422).
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            let range = crate::feedback::service::period(None, ("", ""))?;
            let refusals = crate::feedback::views::Refusals {
                survey: Some((&e.message, &fields)),
                ..Default::default()
            };
            return crate::feedback::pages::journey_response(
                &state, &me, journey_id, range, refusals,
            )
            .await;
        }
        other => other?,
    };
    Ok(Redirect::to(&format!("/feedback/s/{}", s.id)).into_response())
}

/// `GET /feedback/s/{id}`: a survey's link and QR code.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let s = service::survey(&state, &me, id).await?;
    let j = state.store.journey(me.workspace_id, s.journey_id).await?;
    let branch =
        crate::feedback::service::branch_label_of(&state, &me, s.business_id, s.branch_id).await?;
    let url = format!("{}/s/{}", base_url(&state.settings, &headers), s.token);
    let body = sv::survey_admin_page(&j, &s, &branch, &url, &qr_svg(&url)?, &me.csrf);
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        page(&chrome(&state, Some(&me)), t!("feedback-surveys"), body),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    open: String,
}

/// `POST /feedback/s/{id}`: closes a survey's link or opens it again.
pub async fn set_open(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    PageForm(f): PageForm<OpenForm>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    me.check_csrf(&headers, Some(&f._csrf))?;
    let open = match f.open.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::invalid(t!("feedback-bad-open")).into()),
    };
    service::set_open(&state, &me, id, open).await?;
    Ok(Redirect::to(&format!("/feedback/s/{id}")).into_response())
}

/// `GET /feedback/s/{id}/qr.svg` and `qr.png`: the survey link's QR code.
pub async fn qr(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((id, file)): PagePath<(Id, String)>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let s = service::survey(&state, &me, id).await?;
    let url = format!("{}/s/{}", base_url(&state.settings, &headers), s.token);
    let (body, kind) = match file.as_str() {
        "qr.svg" => (qr_svg(&url)?.into_bytes(), "image/svg+xml"),
        "qr.png" => (crate::web::qr_png(&url)?, "image/png"),
        _ => return Err(AppError::not_found("file").into()),
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

// ---- the customer ----------------------------------------------------------

/// `GET /s/{token}`: the survey, or thanks when this phone answered lately.
pub async fn show_survey(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
) -> Response {
    let shown = async {
        let view = abuse::unanswered(&headers, service::view(&state, &token).await?);
        let body = match abuse::ask_survey(&state, ip, &headers, &view) {
            abuse::Ask::Thanks => sv::survey_thanks(&view),
            abuse::Ask::Question(challenge) => {
                let proof = proof_of(&state, challenge);
                sv::survey_page(
                    &view,
                    &mot_store::random_token(),
                    (None, &[]),
                    proof.as_ref(),
                )
            }
        };
        Ok(customer_page(&state, StatusCode::OK, &view.business, body))
    }
    .await;
    for_customer(&state, shown)
}

/// `POST /s/{token}`: a survey form's answers, kept once per form, then thanks.
pub async fn post_survey(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Response {
    let answered = answer_survey(&state, ip, &headers, &token, &fields).await;
    for_customer(&state, answered)
}

async fn answer_survey(
    state: &AppState,
    ip: std::net::IpAddr,
    headers: &HeaderMap,
    token: &str,
    fields: &[(String, String)],
) -> Result<Response, AppError> {
    let view = abuse::unanswered(headers, service::view(state, token).await?);
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let names: Vec<[String; 3]> = view
        .survey
        .moments
        .iter()
        .map(|(id, _)| [format!("v{id}"), format!("r{id}"), format!("c{id}")])
        .collect();
    let sent = service::SentSurvey {
        parts: (names.iter())
            .map(|[v, r, c]| (field(v), field(r), field(c)))
            .collect(),
        request_key: field("_rid"),
        honeypot: field("website"),
        contact_ok: !field("contact_ok").is_empty(),
        contact_email: field("contact_email"),
    };
    let outcome = match abuse::answer_survey(state, ip, headers, &view, sent, field("altcha")).await
    {
        // This phone answered every moment lately: thanked again (409).
        Err(e) if e.code == abuse::ANSWERED => {
            let body = sv::survey_thanks(&view);
            return Ok(customer_page(
                state,
                StatusCode::CONFLICT,
                &view.business,
                body,
            ));
        }
        other => other?,
    };
    match outcome {
        abuse::Outcome::Taken { cookies } => Ok((
            AppendHeaders(cookies.map(|c| (header::SET_COOKIE, c))),
            Redirect::to(&format!("/s/{token}")),
        )
            .into_response()),
        abuse::Outcome::AskAgain { message, challenge } => {
            let proof = proof_of(state, challenge);
            let body = sv::survey_page(
                &view,
                field("_rid"),
                (Some(&message), fields),
                proof.as_ref(),
            );
            // It holds what they typed (an address, comments): kept by no cache.
            Ok(customer_page(
                state,
                StatusCode::UNPROCESSABLE_ENTITY,
                &view.business,
                body,
            ))
        }
    }
}
