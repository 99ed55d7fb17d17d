//! Customer feedback in the JSON API: a journey's feedback points (a link
//! that asks customers about one moment), the reasons they offer, the
//! figures of a journey and what customers wrote. Who may do what is
//! decided in `service.rs`, as for the pages.

use crate::auth::Ctx;
use crate::feedback::service::{self, CommentParams, MomentFigures};
use crate::state::AppState;
use crate::web::api::{secret, ErrorBody, Out, SecretOut};
use crate::web::error::ApiResult;
use crate::web::extract::{Json, Path, Query};
use axum::extract::State;
use mot_core::feedback::{Tally, Verdict};
use mot_core::session::Rating;
use mot_core::Id;
use mot_store::{FeedbackComment, FeedbackPoint};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// The feedback operations of the JSON API.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_feedback_points, ask_feedback_point))
        .routes(routes!(set_feedback_reasons))
        .routes(routes!(change_feedback_point))
        .routes(routes!(list_feedback_surveys, make_feedback_survey))
        .routes(routes!(feedback_figures))
        .routes(routes!(feedback_comments))
        .routes(routes!(feedback_answers))
}

/// Schemas of the input fields, from mot-core's limits.
mod fields {
    use mot_core::feedback::FeedbackLimits;
    use mot_core::schema;
    use utoipa::openapi::schema::ArrayBuilder;
    use utoipa::openapi::Array;

    pub fn reasons() -> Array {
        ArrayBuilder::new()
            .items(schema::optional_line(FeedbackLimits::REASON))
            .max_items(Some(FeedbackLimits::REASONS))
            .description(Some(
                "The reasons a customer may pick, in order; at most 8 entries of up to 40 characters. Empty entries are dropped and a repeat is kept once. An empty list offers none.",
            ))
            .build()
    }

    pub fn question() -> utoipa::openapi::Object {
        schema::optional_line(FeedbackLimits::QUESTION)
    }

    pub fn survey_title() -> utoipa::openapi::Object {
        schema::optional_line(FeedbackLimits::SURVEY_TITLE)
    }
}

/// A feedback point: a link that asks customers about one moment, at one
/// branch or every branch.
#[derive(Serialize, ToSchema)]
pub struct PointOut {
    id: Id,
    journey_id: Id,
    moment_id: Id,
    /// The branch whose customers it asks; null for every branch.
    branch_id: Option<Id>,
    /// The link customers open: hand it out, or print its QR code.
    url: String,
    /// The point's page in the app (its link, QR code and reasons).
    html_url: String,
    /// The link's QR code as an SVG image, to print (a page of the app:
    /// open it signed in).
    qr_svg_url: String,
    /// The same QR code as a PNG image (for receipts and e-mail footers).
    qr_png_url: String,
    /// The owner's own wording of the question; empty: the standard one
    /// ("How was … compared with what you expected?").
    question: String,
    /// The reasons a customer may pick, in order: the moment's, the same
    /// on each of its points and in surveys.
    reasons: Vec<String>,
    /// A closed point takes no more answers.
    closed: bool,
}

fn point_out(base: &str, p: FeedbackPoint) -> PointOut {
    PointOut {
        url: format!("{base}/f/{}", p.token),
        html_url: format!("{base}/feedback/{}", p.id),
        qr_svg_url: format!("{base}/feedback/{}/qr.svg", p.id),
        qr_png_url: format!("{base}/feedback/{}/qr.png", p.id),
        question: p.question,
        id: p.id,
        journey_id: p.journey_id,
        moment_id: p.moment_id,
        branch_id: p.branch_id,
        reasons: p.reasons,
        closed: p.closed,
    }
}

/// Which moment (and branch) to ask customers about.
#[derive(Deserialize, ToSchema)]
pub struct AskIn {
    /// A moment of this journey.
    moment_id: Id,
    /// A branch of the journey's business; leave out or null to ask the
    /// customers of every branch.
    #[serde(default)]
    branch_id: Option<Id>,
}

/// The reasons a point's moment offers (on each of its points and in
/// surveys).
#[derive(Deserialize, ToSchema)]
pub struct ReasonsIn {
    #[schema(schema_with = fields::reasons)]
    reasons: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/feedback/points", tag = "feedback", params(("id" = i64, Path)),
    responses((status = 200, body = [PointOut], description = "The journey's feedback points, oldest first"), (status = 403, body = ErrorBody, description = "Only owners and facilitators hand out feedback links"), (status = 404, body = ErrorBody)))]
async fn list_feedback_points(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<SecretOut<Vec<PointOut>>> {
    let list = service::points(&state, &c.me, id).await?;
    Ok(secret(
        list.into_iter().map(|p| point_out(&c.base, p)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/journeys/{id}/feedback/points", tag = "feedback", params(("id" = i64, Path)), request_body = AskIn,
    description = "The open feedback point of a moment at a branch (or every branch), made on first asking: asking again answers the same point, so a repeat makes nothing twice (no Idempotency-Key is needed).",
    responses((status = 200, body = PointOut, description = "The point, new or as it was"), (status = 403, body = ErrorBody, description = "Only owners and facilitators hand out feedback links"), (status = 404, body = ErrorBody, description = "No such journey, no such moment of it, or no such branch of its business"), (status = 422, body = ErrorBody)))]
async fn ask_feedback_point(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<AskIn>,
) -> ApiResult<SecretOut<PointOut>> {
    let p = service::ask(&state, &c.me, id, body.moment_id, body.branch_id).await?;
    Ok(secret(point_out(&c.base, p)))
}

#[utoipa::path(put, path = "/api/v1/feedback/points/{id}/reasons", tag = "feedback", params(("id" = i64, Path)), request_body = ReasonsIn,
    description = "Sets the reasons a customer may pick about the point's moment: every point of the moment (each branch's link) and every survey that asks about it offers them.",
    responses((status = 200, body = PointOut), (status = 403, body = ErrorBody, description = "Only owners and facilitators set a point's reasons"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "More than 8 reasons, or one that is too long or not one line")))]
async fn set_feedback_reasons(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<ReasonsIn>,
) -> ApiResult<SecretOut<PointOut>> {
    let p = service::set_reason_list(&state, &c.me, id, &body.reasons).await?;
    Ok(secret(point_out(&c.base, p)))
}

/// What to change on a point; a field left out stays as it is.
#[derive(Deserialize, ToSchema)]
pub struct PointChangeIn {
    /// The owner's own wording of the question, one line; empty asks the
    /// standard question. A string or left out: null is refused, as the
    /// schema says.
    #[serde(default, deserialize_with = "present")]
    #[schema(schema_with = fields::question)]
    question: Option<String>,
    /// false closes the link (customers who open it are thanked and told it
    /// is no longer in use); true opens it again.
    #[serde(default)]
    open: Option<bool>,
}

#[utoipa::path(patch, path = "/api/v1/feedback/points/{id}", tag = "feedback", params(("id" = i64, Path)), request_body = PointChangeIn,
    description = "Changes a point's question, or closes (reopens) its link. Sent again, it changes nothing more.",
    responses((status = 200, body = PointOut), (status = 403, body = ErrorBody, description = "Only owners and facilitators change a point"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "A question that is too long or not one line")))]
async fn change_feedback_point(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<PointChangeIn>,
) -> ApiResult<SecretOut<PointOut>> {
    let change = service::PointChange {
        question: body.question.as_deref(),
        open: body.open,
    };
    let p = service::change_point(&state, &c.me, id, change).await?;
    Ok(secret(point_out(&c.base, p)))
}

/// A journey survey: one link that asks customers about several moments.
#[derive(Serialize, ToSchema)]
pub struct SurveyOut {
    id: Id,
    journey_id: Id,
    /// The branch whose customers it asks; null for every branch.
    branch_id: Option<Id>,
    /// Its name, the heading customers see (empty: the business's words).
    title: String,
    /// The moments it asks about, in order.
    moment_ids: Vec<Id>,
    /// The link customers open.
    url: String,
    /// The survey's page in the app (its link and QR code).
    html_url: String,
    /// The link's QR code as SVG and PNG (pages of the app: open them signed in).
    qr_svg_url: String,
    qr_png_url: String,
    /// A closed survey takes no more answers.
    closed: bool,
}

fn survey_out(base: &str, s: mot_store::Survey) -> SurveyOut {
    SurveyOut {
        url: format!("{base}/s/{}", s.token),
        html_url: format!("{base}/feedback/s/{}", s.id),
        qr_svg_url: format!("{base}/feedback/s/{}/qr.svg", s.id),
        qr_png_url: format!("{base}/feedback/s/{}/qr.png", s.id),
        id: s.id,
        journey_id: s.journey_id,
        branch_id: s.branch_id,
        title: s.title,
        moment_ids: s.moments.into_iter().map(|(id, _)| id).collect(),
        closed: s.closed,
    }
}

/// What a survey asks about, and whom.
#[derive(Deserialize, ToSchema)]
pub struct SurveyIn {
    /// Moments of this journey, in the order customers see them: 1 to 12,
    /// a repeat kept once.
    #[schema(min_items = 1, max_items = 12)]
    moment_ids: Vec<Id>,
    /// A branch of the journey's business; leave out or null for every branch.
    #[serde(default)]
    branch_id: Option<Id>,
    /// Its name, shown to customers as the heading; one line, may be empty.
    #[serde(default)]
    #[schema(schema_with = fields::survey_title)]
    title: String,
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/feedback/surveys", tag = "feedback", params(("id" = i64, Path)),
    responses((status = 200, body = [SurveyOut], description = "The journey's surveys, oldest first"), (status = 403, body = ErrorBody, description = "Only owners and facilitators hand out survey links"), (status = 404, body = ErrorBody)))]
async fn list_feedback_surveys(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> ApiResult<SecretOut<Vec<SurveyOut>>> {
    let list = crate::feedback::survey::service::surveys(&state, &c.me, id).await?;
    Ok(secret(
        list.into_iter().map(|s| survey_out(&c.base, s)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/journeys/{id}/feedback/surveys", tag = "feedback", params(("id" = i64, Path)), request_body = SurveyIn,
    description = "Makes a survey link that asks customers about several moments of the journey at once; each answer counts for its own moment.",
    responses((status = 201, body = SurveyOut), (status = 403, body = ErrorBody, description = "Only owners and facilitators make surveys"), (status = 404, body = ErrorBody, description = "No such journey, no such live moment of it, or no such branch of its business"), (status = 422, body = ErrorBody, description = "No moment, more than 12, or a title that is too long or not one line")))]
async fn make_feedback_survey(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Json(body): Json<SurveyIn>,
) -> ApiResult<(axum::http::StatusCode, SecretOut<SurveyOut>)> {
    let what = (body.title.as_str(), &body.moment_ids[..], body.branch_id);
    let rid = c.request_id.as_deref();
    let s = crate::feedback::survey::service::create(&state, &c.me, id, what, rid).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        secret(survey_out(&c.base, s)),
    ))
}

/// The period the figures cover.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The last this many days, today included (default 90).
    #[param(minimum = 1, maximum = 3660)] // = service::PERIOD_DAYS_MAX
    days: Option<i64>,
    /// The period's first day instead (`YYYY-MM-DD`; with `to`, or up to
    /// today). Dates win over `days`; a period is at most 3,660 days and
    /// ends today at the latest.
    #[serde(default, deserialize_with = "given")]
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// The period's last day (`YYYY-MM-DD`; alone: the 90 days up to it).
    #[serde(default, deserialize_with = "given")]
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
}

/// A range a figure lies in, 95 % sure.
#[derive(Serialize, ToSchema)]
pub struct IntervalOut {
    low: f64,
    high: f64,
}

/// Which way the team's view and its customers' part.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    /// The team rates the moment higher than its customers do.
    BlindSpot,
    /// The customers rate it higher than the team does.
    Modesty,
}

/// Where the team's agreed rating lies outside the customers' interval.
#[derive(Serialize, ToSchema)]
pub struct GapOut {
    kind: GapKind,
    /// How far apart, on the score's scale (0–200).
    points: f64,
}

/// How the customers of one branch answered (null: the points that ask
/// every branch).
#[derive(Serialize, ToSchema)]
pub struct BranchFiguresOut {
    branch_id: Option<Id>,
    answers: u64,
    worse: u64,
    as_expected: u64,
    better: u64,
    /// 100 × (better − worse) / answers, from −100 to +100, unrounded;
    /// null without answers.
    score: Option<f64>,
}

/// How customers answered about one moment over the period.
#[derive(Serialize, ToSchema)]
pub struct MomentFiguresOut {
    moment_id: Id,
    title: String,
    /// Every branch together.
    answers: u64,
    worse: u64,
    as_expected: u64,
    better: u64,
    /// 100 × (better − worse) / answers, from −100 to +100, unrounded;
    /// null without answers.
    score: Option<f64>,
    /// The score's 95 % interval; null without answers.
    interval: Option<IntervalOut>,
    /// Each verdict's share of the answers with its 95 % (Wilson)
    /// interval; null without answers.
    shares: Option<SharesOut>,
    /// Whether there are enough answers to tell (at least 30); fewer are
    /// "too few to tell".
    enough: bool,
    /// The rating the team agreed in its latest session that rated the moment.
    team_rating: Option<Rating>,
    /// The moment's latest audit score (the mean of the latest round of
    /// its business that scored it).
    audit_score: Option<f64>,
    /// Where the team and these customers disagree beyond chance; null
    /// when they do not, or there are too few answers to tell.
    gap: Option<GapOut>,
    /// Per branch.
    branches: Vec<BranchFiguresOut>,
    /// How far apart the branches' scores are; null when fewer than two
    /// branches have enough answers to tell.
    consistency: Option<ConsistencyOut>,
    /// The experience the business wants customers to have at this moment
    /// (its audit standard); null when none is set.
    standard: Option<String>,
}

/// A verdict's share of the answers, from 0 to 1, and where it truly
/// lies, 95 % sure (a Wilson interval).
#[derive(Serialize, ToSchema)]
pub struct ShareOut {
    share: f64,
    low: f64,
    high: f64,
}

/// The share of each verdict.
#[derive(Serialize, ToSchema)]
pub struct SharesOut {
    worse: ShareOut,
    as_expected: ShareOut,
    better: ShareOut,
}

fn shares_out(t: &Tally) -> Option<SharesOut> {
    let one = |v: Verdict| {
        let (share, i) = (t.share(v)?, t.share_interval(v)?);
        Some(ShareOut {
            share,
            low: i.low,
            high: i.high,
        })
    };
    Some(SharesOut {
        worse: one(Verdict::Worse)?,
        as_expected: one(Verdict::AsExpected)?,
        better: one(Verdict::Better)?,
    })
}

/// How consistently a moment is delivered across branches.
#[derive(Serialize, ToSchema)]
pub struct ConsistencyOut {
    /// The lowest and the highest score among the branches compared.
    lowest: f64,
    highest: f64,
    /// Branches with enough answers (at least 30) to be compared.
    compared: usize,
    /// Whether the lowest and the highest differ beyond chance (their
    /// 95 % intervals do not overlap).
    differ: bool,
}

fn branch_out(branch_id: Option<Id>, t: &Tally) -> BranchFiguresOut {
    BranchFiguresOut {
        branch_id,
        answers: t.total(),
        worse: t.worse,
        as_expected: t.as_expected,
        better: t.better,
        score: t.score(),
    }
}

fn figures_out(f: MomentFigures) -> MomentFiguresOut {
    let t = &f.all;
    MomentFiguresOut {
        moment_id: f.moment.id,
        answers: t.total(),
        worse: t.worse,
        as_expected: t.as_expected,
        better: t.better,
        score: t.score(),
        interval: t.score_interval().map(|i| IntervalOut {
            low: i.low,
            high: i.high,
        }),
        shares: shares_out(t),
        enough: t.enough(),
        team_rating: f.team,
        audit_score: f.audit,
        gap: f.gap.map(|g| GapOut {
            kind: match g.kind {
                mot_core::feedback::GapKind::BlindSpot => GapKind::BlindSpot,
                mot_core::feedback::GapKind::Modesty => GapKind::Modesty,
            },
            points: g.points,
        }),
        branches: f.branches.iter().map(|(b, t)| branch_out(*b, t)).collect(),
        consistency: f.consistency.map(|c| ConsistencyOut {
            lowest: c.lowest,
            highest: c.highest,
            compared: c.compared,
            differ: c.differ,
        }),
        standard: f.standard,
        title: f.moment.title,
    }
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/feedback/figures", tag = "feedback", params(("id" = i64, Path), PeriodQuery),
    responses((status = 200, body = [MomentFiguresOut], description = "Every moment of the journey in board order, with what its customers answered over the period"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "A period outside 1 to 3,660 days, a date that is not one or lies after today, or a period that ends before it starts")))]
async fn feedback_figures(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Query(q): Query<PeriodQuery>,
) -> Out<Vec<MomentFiguresOut>> {
    let dates = (
        q.from.as_deref().unwrap_or(""),
        q.to.as_deref().unwrap_or(""),
    );
    let range = service::period(q.days, dates)?;
    let rows = service::journey_figures(&state, &c.me, id, range).await?;
    Ok(axum::Json(rows.into_iter().map(figures_out).collect()))
}

/// Which comments to read: each given one narrows the list. A value given
/// empty (`?branch=`) is malformed, not "any": leave it out instead.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentsQuery {
    /// Only this moment's answers.
    #[param(value_type = Option<i64>)]
    moment: Option<Id>,
    /// Only this branch's answers; `all` for those of the points that ask
    /// every branch.
    #[serde(default, deserialize_with = "given")]
    #[param(value_type = Option<String>, pattern = "^(all|-?[0-9]{1,18})$")]
    branch: Option<String>,
    /// Only answers with this verdict.
    #[serde(default, deserialize_with = "given")]
    #[param(value_type = Option<Verdict>, inline)]
    verdict: Option<String>,
    /// Only answers whose customer picked this reason.
    reason: Option<String>,
    /// Only answers whose comment holds these words, whatever their case (the first
    /// 100 characters count; `%` and `_` are themselves).
    q: Option<String>,
    /// Only answers after this one in the list's order (comments: newest
    /// by the day given, then as received; every answer, and the flagged
    /// ones: newest received):
    /// the `next_before` of the page before.
    #[param(value_type = Option<i64>)]
    before: Option<Id>,
    /// At most this many (default 50).
    #[param(minimum = 1, maximum = 200)] // = service::COMMENTS_PAGE_MAX
    limit: Option<i64>,
    /// Only answers of the last this many days, today among them.
    #[param(minimum = 1, maximum = 3660)] // = service::PERIOD_DAYS_MAX
    days: Option<i64>,
    /// The flagged answers (kept, counted by no figure), each with a
    /// comment or without, instead of the counted ones' comments. `1` and
    /// `0` are taken too, as the web page's form sends them.
    #[serde(default, deserialize_with = "flag")]
    flagged: bool,
}

/// A query value that is not empty when it is given.
/// A field that may be left out but, when given, is its type (never null).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A query's yes or no: `true` or `1`, `false` or `0`.
fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match String::deserialize(d)?.as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(serde::de::Error::custom("not true or false (nor 1 or 0)")),
    }
}

fn given<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = String::deserialize(d)?;
    if v.is_empty() {
        return Err(serde::de::Error::custom("an empty value: leave it out"));
    }
    Ok(Some(v))
}

/// What a customer wrote, with what they answered and where.
#[derive(Serialize, ToSchema)]
pub struct CommentOut {
    id: Id,
    moment_id: Id,
    /// null: a point that asks every branch.
    branch_id: Option<Id>,
    verdict: Verdict,
    reason: Option<String>,
    comment: String,
    /// Milliseconds since 1970-01-01 (UTC).
    created_at: i64,
    /// Kept but counted by no figure (it looked like a robot's).
    flagged: bool,
    /// The e-mail address of a customer who agreed to be contacted; shown
    /// to owners and facilitators only (null for everyone else).
    contact: Option<String>,
}

/// A page of comments, newest first.
#[derive(Serialize, ToSchema)]
pub struct CommentsOut {
    items: Vec<CommentOut>,
    /// When the page is full, the last comment's id: pass it as `before`
    /// for the next (older) page. Null on the last page.
    next_before: Option<Id>,
}

fn comment_out(c: FeedbackComment) -> CommentOut {
    CommentOut {
        id: c.id,
        moment_id: c.moment_id,
        branch_id: c.branch_id,
        verdict: c.verdict,
        reason: c.reason,
        comment: c.comment,
        created_at: c.created_at,
        flagged: c.flagged,
        contact: c.contact,
    }
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/feedback/comments", tag = "feedback", params(("id" = i64, Path), CommentsQuery),
    description = "What customers wrote: the counted answers with a comment (or, for owners and facilitators, an address to contact), newest by the day they were given first (then as received: an import of older answers does not come first); with `flagged`, every flagged answer instead, newest received first (a queue to review).",
    responses((status = 200, body = CommentsOut), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "An answer, branch or limit that is not one")))]
async fn feedback_comments(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Query(q): Query<CommentsQuery>,
) -> Out<CommentsOut> {
    answers_page(&state, &c, id, q, false).await
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/feedback/answers", tag = "feedback", params(("id" = i64, Path), CommentsQuery),
    description = "Every answer customers gave, with words or without, newest received first (an imported answer comes when it was imported, whatever its day: a feed to keep up with), a page at a time by key (`before`), with the same filters as the comments; flagged answers (counted by no figure) only with `flagged`. The CSV and Excel files of a period hold the same answers.",
    responses((status = 200, body = CommentsOut), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "An answer, branch or limit that is not one")))]
async fn feedback_answers(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Query(q): Query<CommentsQuery>,
) -> Out<CommentsOut> {
    answers_page(&state, &c, id, q, true).await
}

/// A page of the comments, or (`every`) of every answer.
async fn answers_page(
    state: &AppState,
    c: &Ctx,
    id: Id,
    q: CommentsQuery,
    every: bool,
) -> Out<CommentsOut> {
    // The filter is read as the page's is, from the same words.
    let (moment, before, days) = (
        q.moment.map(|m| m.to_string()),
        q.before.map(|b| b.to_string()),
        q.days.map(|d| d.to_string()),
    );
    let params = CommentParams {
        moment: moment.as_deref().unwrap_or_default(),
        branch: q.branch.as_deref().unwrap_or_default(),
        verdict: q.verdict.as_deref().unwrap_or_default(),
        reason: q.reason.as_deref().unwrap_or_default(),
        q: q.q.as_deref().unwrap_or_default(),
        before: before.as_deref().unwrap_or_default(),
        days: days.as_deref().unwrap_or_default(),
        flagged: q.flagged,
        every,
    };
    let page = service::comments_page(state, &c.me, id, &params, q.limit).await?;
    Ok(axum::Json(CommentsOut {
        items: page.comments.into_iter().map(comment_out).collect(),
        next_before: page.next_before,
    }))
}
