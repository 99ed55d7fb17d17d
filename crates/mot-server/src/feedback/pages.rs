//! The feedback pages: a journey's customer figures and asking customers
//! (for the team), and the public page where a customer answers.

use crate::auth::layout::chrome;
use crate::auth::require_user;
use crate::feedback::abuse;
use crate::feedback::pow::Challenge;
use crate::feedback::service::{self, Sent};
use crate::feedback::views as v;
use crate::or_return;
use crate::state::AppState;
use crate::t;
use crate::web::base_url;
use crate::web::client_ip::ClientIp;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::{PageForm, PagePath};
use crate::web::i18n::Lang;
use crate::web::layout::{page, Chrome};
use crate::web::{optional_id, qr_svg};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use mot_core::feedback::alert::AlertDecision;
use mot_core::Id;
use serde::Deserialize;

/// The period a page asks for: the last `days` days, or the dates `from`
/// and `to` (which win).
#[derive(Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    days: Option<String>,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

impl PeriodQuery {
    /// The period asked for (checked by core's rule).
    fn range(&self) -> Result<service::DayRange, AppError> {
        let days = match self.days.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => Some(
                d.parse::<i64>()
                    .map_err(|_| AppError::invalid(t!("feedback-bad-period")))?,
            ),
        };
        service::period(days, (&self.from, &self.to))
    }
}

/// `GET /j/{id}/feedback`: a journey's customer figures, moment by moment.
pub async fn show_journey(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    Query(q): Query<PeriodQuery>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    // A period refused (dates backwards, in the future, too long): the
    // usual period's figures, and the dates' form saying what was wrong
    // with the dates as typed (422).
    let (range, refused) = match q.range() {
        Ok(range) => (range, None),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            (service::period(None, ("", ""))?, Some(e.message))
        }
        Err(e) => return Err(e.into()),
    };
    // Said in the form that sent it: the dates', or the days'.
    let by_dates = !q.from.trim().is_empty() || !q.to.trim().is_empty();
    let refusals = v::Refusals {
        days: refused.as_deref().filter(|_| !by_dates),
        dates: (refused.as_deref().filter(|_| by_dates))
            .map(|m| (m, q.from.as_str(), q.to.as_str())),
        ..Default::default()
    };
    journey_response(&state, &me, journey_id, range, refusals).await
}

/// A journey's feedback page over `range`; 422 when `refusals` names a
/// refused form (shown again with what was wrong).
pub(crate) async fn journey_response(
    state: &AppState,
    me: &crate::auth::Ident,
    journey_id: Id,
    range: service::DayRange,
    refusals: v::Refusals<'_>,
) -> PageResult<Response> {
    let refused = refusals.any();
    let p = service::journey_page(state, me, journey_id, range).await?;
    let body = v::journey_page(&p, &me.csrf, refusals);
    let status = if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        page(&chrome(state, Some(me)), t!("feedback-title"), body),
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct CommentQuery {
    #[serde(default)]
    moment: String,
    #[serde(default)]
    branch: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    before: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    flagged: String,
}

impl CommentQuery {
    fn params(&self) -> service::CommentParams<'_> {
        service::CommentParams {
            moment: &self.moment,
            branch: &self.branch,
            verdict: &self.verdict,
            reason: &self.reason,
            q: &self.q,
            before: &self.before,
            days: &self.days,
            // The form's `1`, or the API's `true`.
            flagged: matches!(self.flagged.trim(), "1" | "true"),
            every: false,
        }
    }
}

/// `GET /j/{id}/feedback/comments`: what customers wrote, newest first,
/// by moment, branch, answer and reason, or words in it.
pub async fn show_comments(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    Query(q): Query<CommentQuery>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let params = q.params();
    let view = service::comments_view(&state, &me, journey_id, &params).await?;
    let manage = me.may_manage().then_some(me.csrf.as_str());
    let body = v::comments_page(
        &view.journey,
        (&view.moments, &view.branches),
        &view.filter,
        &view.found,
        manage,
    );
    Ok(page(&chrome(&state, Some(&me)), t!("feedback-comments"), body).into_response())
}

#[derive(Deserialize)]
pub struct FlagForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    flagged: String,
    /// The list the answer was flagged in, with its filters.
    #[serde(default)]
    back: String,
}

/// `POST /j/{id}/feedback/answers/{answer}/flag`: flags an answer (no
/// figure counts it) or, with `flagged=0`, counts a flagged one after all.
pub async fn set_flag(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, answer_id)): PagePath<(Id, Id)>,
    PageForm(f): PageForm<FlagForm>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    me.check_csrf(&headers, Some(&f._csrf))?;
    let flagged = f.flagged != "0";
    service::set_flag(&state, &me, answer_id, flagged).await?;
    // Back to the list the answer was in, with its filters (only a list
    // of this journey's comments: never elsewhere).
    let list = format!("/j/{journey_id}/feedback/comments");
    let back = match f.back.strip_prefix(&list) {
        Some(rest)
            if (rest.is_empty() || rest.starts_with('?'))
                && rest.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            f.back.clone()
        }
        _ if flagged => list,
        _ => format!("{list}?flagged=1"),
    };
    Ok(Redirect::to(&back).into_response())
}

#[derive(Deserialize)]
pub struct AlertForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    decision: String,
    /// Who does the action, when `decision` is `action`: empty for the
    /// one who decides.
    #[serde(default)]
    owner_name: String,
    #[serde(default)]
    due_on: String,
}

/// `POST /j/{id}/feedback/alerts/{alert}`: opens an action on the alert's
/// moment, puts it on the next session's agenda, or dismisses it
/// (`decision` = `action`, `agenda`, `dismiss`); back to the alerts.
pub async fn decide_alert(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, alert_id)): PagePath<(Id, Id)>,
    PageForm(f): PageForm<AlertForm>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    me.check_csrf(&headers, Some(&f._csrf))?;
    let decided = async {
        let plan = crate::feedback::alerts::PlanIn {
            owner_name: &f.owner_name,
            due_on: mot_core::date::parse_opt("due_on", &f.due_on)?,
        };
        crate::feedback::alerts::decide(&state, &me, journey_id, alert_id, &f.decision, plan).await
    }
    .await;
    match decided {
        // Decided already (a second click, or a colleague first): the list
        // shows what became of it, as after the first.
        Err(e) if e.status == StatusCode::CONFLICT && e.message == t!("feedback-alert-decided") => {
        }
        // Who or by when refused (a date before the session the action
        // joins, say): the page again, that alert's form open with what was
        // wrong over what was typed (422).
        Err(e)
            if e.status == StatusCode::UNPROCESSABLE_ENTITY
                && AlertDecision::from_key(&f.decision) == Some(AlertDecision::Action) =>
        {
            let refusals = v::Refusals {
                alert: Some(v::AlertRefused {
                    id: alert_id,
                    message: &e.message,
                    owner_name: &f.owner_name,
                    due_on: &f.due_on,
                }),
                ..Default::default()
            };
            let range = service::period(None, ("", ""))?;
            return journey_response(&state, &me, journey_id, range, refusals).await;
        }
        other => {
            other?;
        }
    }
    Ok(Redirect::to(&format!("/j/{journey_id}/feedback#alerts")).into_response())
}

#[derive(Deserialize)]
pub struct TrendQuery {
    #[serde(default)]
    by: String,
    /// A branch's id, `all` for the links that ask every branch; empty:
    /// every branch together.
    #[serde(default)]
    branch: String,
}

/// `GET /j/{id}/feedback/m/{moment}`: a moment's answers over time.
pub async fn show_trend(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, moment_id)): PagePath<(Id, Id)>,
    Query(q): Query<TrendQuery>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let period = match q.by.trim() {
        "" => mot_core::feedback::trend::Period::Week,
        by => mot_core::feedback::trend::Period::from_key(by)
            .ok_or_else(|| AppError::invalid(t!("feedback-bad-period-kind")))?,
    };
    let branch = service::branch_param(&q.branch)?;
    let trend = service::moment_trend(&state, &me, journey_id, moment_id, (period, branch)).await?;
    let j = state.store.journey(me.workspace_id, journey_id).await?;
    let body = v::trend_page(&j, &trend, period, branch);
    Ok(page(&chrome(&state, Some(&me)), &trend.moment.title, body).into_response())
}

/// `GET /j/{id}/feedback/answers.{csv|xlsx}?days=N` (or `?from=…&to=…`):
/// every answer of the period, to take away;
/// `GET /j/{id}/feedback/report.{pdf|csv|xlsx}` with the same period: the
/// period's feedback report (`feedback::report`).
pub async fn answers_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, file)): PagePath<(Id, String)>,
    Query(q): Query<PeriodQuery>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let (name, format) = file.split_once('.').unwrap_or(("", ""));
    let range = q.range()?;
    let (bytes, mime) = match name {
        "answers" => service::answers_file(&state, &me, journey_id, range, format).await?,
        "report" => {
            let (bytes, mime) =
                crate::feedback::report::report_file(&state, &me, journey_id, range, format)
                    .await?;
            (bytes.into(), mime)
        }
        _ => return Err(AppError::not_found("export format").into()),
    };
    let stem = if name == "report" {
        "feedback-report"
    } else {
        "feedback"
    };
    // The journey and the period, so that files taken away tell apart.
    let (from, to) = (v::day_text(range.from), v::day_text(range.to));
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}-{journey_id}-{from}-to-{to}.{format}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct AskForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    moment_id: String,
    #[serde(default)]
    branch_id: String,
}

/// `POST /j/{id}/feedback/ask`: the moment's feedback point at a branch
/// (made on first asking), then its page with the link and QR code.
pub async fn ask(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    PageForm(f): PageForm<AskForm>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    me.check_csrf(&headers, Some(&f._csrf))?;
    let moment_id =
        optional_id("moment_id", &f.moment_id)?.ok_or_else(|| AppError::not_found("moment"))?;
    let branch_id = optional_id("branch_id", &f.branch_id)?;
    let p = service::ask(&state, &me, journey_id, moment_id, branch_id).await?;
    Ok(Redirect::to(&format!("/feedback/{}", p.id)).into_response())
}

/// `GET /feedback/{id}`: a feedback point's link and QR code, and its reasons.
pub async fn show_point(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    point_response(&state, &me, &headers, id, None).await
}

/// A point's page; with a form refused, that form says what was wrong
/// over what was typed (422).
async fn point_response(
    state: &AppState,
    me: &crate::auth::Ident,
    headers: &HeaderMap,
    id: Id,
    refused: Option<v::Refused<'_>>,
) -> PageResult<Response> {
    let p = service::point(state, me, id).await?;
    let j = state.store.journey(me.workspace_id, p.journey_id).await?;
    let moment = state.store.moment(me.workspace_id, p.moment_id).await?;
    let branch = service::branch_label_of(state, me, p.business_id, p.branch_id).await?;
    let url = format!("{}/f/{}", base_url(&state.settings, headers), p.token);
    let qr = qr_svg(&url)?;
    let status = if refused.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = v::point_page(
        &j,
        &p,
        (&moment.title, &branch),
        (&url, &qr),
        &me.csrf,
        refused,
    );
    Ok((
        status,
        [(header::CACHE_CONTROL, "no-store")],
        page(&chrome(state, Some(me)), &moment.title, body),
    )
        .into_response())
}

/// `GET /feedback/{id}/qr.svg`: the QR code of a point's link, to print.
pub async fn point_qr(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let p = service::point(&state, &me, id).await?;
    let url = format!("{}/f/{}", base_url(&state.settings, &headers), p.token);
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        qr_svg(&url)?,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct SheetQuery {
    #[serde(default)]
    size: String,
}

/// `GET /feedback/{id}/sheet.pdf?size=a6|a4`: the point's QR code to print,
/// four A6 table cards on a page (the default) or an A4 poster.
pub async fn point_sheet(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    Query(q): Query<SheetQuery>,
) -> PageResult<Response> {
    use mot_export::feedback_sheet::SheetSize;
    let me = or_return!(require_user(&state, &headers).await);
    let size = match q.size.trim() {
        "" | "a6" => SheetSize::A6Cards,
        "a4" => SheetSize::A4Poster,
        _ => return Err(AppError::invalid(t!("feedback-bad-sheet-size")).into()),
    };
    let base = base_url(&state.settings, &headers);
    let pdf = service::sheet(&state, &me, id, &base, size).await?;
    let name = match size {
        SheetSize::A6Cards => format!("feedback-{id}-cards.pdf"),
        SheetSize::A4Poster => format!("feedback-{id}-poster.pdf"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        pdf,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct ReasonsForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    reasons: String,
}

/// `POST /feedback/{id}/reasons`: the reasons a point offers, one per line.
pub async fn save_reasons(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    PageForm(f): PageForm<ReasonsForm>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    me.check_csrf(&headers, Some(&f._csrf))?;
    match service::set_reasons(&state, &me, id, &f.reasons).await {
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            let refused = v::Refused {
                form: "reasons",
                message: &e.message,
                typed: &f.reasons,
            };
            point_response(&state, &me, &headers, id, Some(refused)).await
        }
        other => {
            other?;
            Ok(Redirect::to(&format!("/feedback/{id}")).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct PointForm {
    #[serde(default)]
    _csrf: String,
    question: Option<String>,
    /// "0" closes the link, "1" opens it again.
    open: Option<String>,
}

/// `POST /feedback/{id}`: the point's own question, or its link closed or
/// opened again.
pub async fn change_point(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
    PageForm(f): PageForm<PointForm>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    me.check_csrf(&headers, Some(&f._csrf))?;
    let open = match f.open.as_deref() {
        None => None,
        Some("1") => Some(true),
        Some("0") => Some(false),
        Some(_) => return Err(AppError::invalid(t!("feedback-bad-open")).into()),
    };
    let change = service::PointChange {
        question: f.question.as_deref(),
        open,
    };
    match service::change_point(&state, &me, id, change).await {
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY && f.question.is_some() => {
            let refused = v::Refused {
                form: "question",
                message: &e.message,
                typed: f.question.as_deref().unwrap_or_default(),
            };
            point_response(&state, &me, &headers, id, Some(refused)).await
        }
        other => {
            other?;
            Ok(Redirect::to(&format!("/feedback/{id}")).into_response())
        }
    }
}

/// `GET /feedback/{id}/qr.png`: the QR code of a point's link as a PNG
/// image, for receipts and e-mail footers.
pub async fn point_qr_png(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let p = service::point(&state, &me, id).await?;
    let url = format!("{}/f/{}", base_url(&state.settings, &headers), p.token);
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        crate::web::qr_png(&url)?,
    )
        .into_response())
}

// ---- the customer ----------------------------------------------------------

fn valid_token(t: &str) -> bool {
    t.len() == 32 && t.chars().all(|c| c.is_ascii_hexdigit())
}

/// The point a customer's link stands for, in the customer's language (else
/// the workspace's); an unknown, altered or closed link says so kindly.
async fn point_for(state: &AppState, token: &str) -> Result<mot_store::PointView, AppError> {
    let gone = || AppError::new(StatusCode::NOT_FOUND, "not_found", t!("feedback-link-gone"));
    if !valid_token(token) {
        return Err(gone());
    }
    let view = match state.store.point_view(token).await {
        Err(mot_store::StoreError::NotFound(_)) => return Err(gone()),
        other => other?,
    };
    crate::web::i18n::fallback(view.workspace_language.as_deref().and_then(Lang::parse));
    if view.point.closed {
        return Err(gone());
    }
    Ok(view)
}

/// The customer's page chrome: the stylesheet, and the small script that
/// keeps an answer on the phone until it is sent (the page works without).
fn customer_chrome(state: &AppState) -> Chrome {
    Chrome {
        css: state.assets.url("app.css"),
        script: Some(state.assets.url("feedback.js")),
        words: Some("js-feedback-"),
        ..Default::default()
    }
}

/// A customer's page (a link's or a survey's), with `status`: never cached,
/// since it may hold what they typed.
pub(crate) fn customer_page(
    state: &AppState,
    status: StatusCode,
    title: &str,
    body: maud::Markup,
) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        page(&customer_chrome(state), title, body),
    )
        .into_response()
}

/// A customer's page, or what refused it said on a customer's page: a
/// link not (or no longer) in use, too many answers at once, or anything
/// else a customer's request is refused for; never the staff's error page,
/// whose way back leads to signing in.
pub(crate) fn for_customer(state: &AppState, shown: Result<Response, AppError>) -> Response {
    match shown {
        Ok(res) => res,
        Err(e) if e.status.is_client_error() => {
            let title = match e.status {
                StatusCode::NOT_FOUND => t!("feedback-gone-title"),
                StatusCode::TOO_MANY_REQUESTS => t!("feedback-busy-title"),
                _ => t!("feedback-not-taken-title"),
            };
            let body = v::refusal_page(title, &e.message);
            let mut res = customer_page(state, e.status, title, body);
            if let Some(s) = e.retry_after {
                res.headers_mut().insert(header::RETRY_AFTER, s.into());
            }
            res
        }
        Err(e) => crate::web::error::PageError(e).into_response(),
    }
}

/// How the page solves `challenge`: with the bundled `altcha` widget, else
/// with our own small solver.
pub(crate) fn proof_of(state: &AppState, challenge: Option<Challenge>) -> Option<v::Proof> {
    let challenge = challenge?.to_json();
    let a = state.assets;
    Some(if a.has("altcha.js") {
        v::Proof {
            challenge,
            module: a.url("altcha.js"),
            widget: Some((a.url("altcha.css"), a.url("altcha-worker.js"))),
        }
    } else {
        v::Proof {
            challenge,
            module: a.url("pow.js"),
            widget: None,
        }
    })
}

/// `GET /f/{token}`: the question (with a challenge to solve under a
/// burst), or thanks when this phone answered lately.
pub async fn show_question(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
) -> Response {
    let shown = async {
        let view = point_for(&state, &token).await?;
        let body = match abuse::ask(&state, ip, &headers, &view) {
            abuse::Ask::Thanks => v::thanks_page(&view, &token),
            abuse::Ask::Question(challenge) => {
                let proof = proof_of(&state, challenge);
                let rid = mot_store::random_token();
                v::question_page_with(&view, &token, &rid, (None, &[]), proof.as_ref())
            }
        };
        Ok(customer_page(&state, StatusCode::OK, &view.moment, body))
    }
    .await;
    for_customer(&state, shown)
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    _rid: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    website: String,
    /// The solved proof of work (the `altcha` widget's field), under a burst.
    #[serde(default)]
    altcha: String,
    /// "You may contact me": present when ticked.
    #[serde(default)]
    contact_ok: Option<String>,
    #[serde(default)]
    contact_email: String,
}

/// `POST /f/{token}`: a customer's answer, from the plain form. Kept once
/// per form (sent again, it adds nothing), then thanks.
pub async fn post_answer(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    PagePath(token): PagePath<String>,
    PageForm(f): PageForm<AnswerForm>,
) -> Response {
    let answered = answer_point(&state, ip, &headers, &token, &f).await;
    for_customer(&state, answered)
}

async fn answer_point(
    state: &AppState,
    ip: std::net::IpAddr,
    headers: &HeaderMap,
    token: &str,
    f: &AnswerForm,
) -> Result<Response, AppError> {
    let view = point_for(state, token).await?;
    let sent = Sent {
        verdict: &f.verdict,
        reason: &f.reason,
        comment: &f.comment,
        request_key: &f._rid,
        honeypot: &f.website,
        contact_ok: f.contact_ok.is_some(),
        contact_email: &f.contact_email,
    };
    let outcome = match abuse::answer(state, ip, headers, &view, sent, &f.altcha).await {
        // This phone answered lately: thanked again (409), not an error page.
        Err(e) if e.code == abuse::ANSWERED => {
            let body = v::thanks_page(&view, token);
            return Ok(customer_page(
                state,
                StatusCode::CONFLICT,
                &view.moment,
                body,
            ));
        }
        other => other?,
    };
    match outcome {
        abuse::Outcome::Taken { cookies } => Ok((
            AppendHeaders(cookies.map(|c| (header::SET_COOKIE, c))),
            Redirect::to(&format!("/f/{token}")),
        )
            .into_response()),
        abuse::Outcome::AskAgain { message, challenge } => {
            // Asked again, with what was wrong and what they typed, keeping
            // the same form's id.
            let proof = proof_of(state, challenge);
            let typed: Vec<(String, String)> = [
                ("verdict", &f.verdict),
                ("reason", &f.reason),
                ("comment", &f.comment),
                ("contact_email", &f.contact_email),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .chain(f.contact_ok.clone().map(|v| ("contact_ok".to_string(), v)))
            .collect();
            let body = v::question_page_with(
                &view,
                token,
                &f._rid,
                (Some(&message), &typed),
                proof.as_ref(),
            );
            // It holds what they typed (an address, a comment): kept by no cache.
            Ok(customer_page(
                state,
                StatusCode::UNPROCESSABLE_ENTITY,
                &view.moment,
                body,
            ))
        }
    }
}
