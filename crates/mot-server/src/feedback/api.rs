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
        .routes(routes!(feedback_figures))
        .routes(routes!(feedback_comments))
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
    /// The reasons a customer may pick, in order.
    reasons: Vec<String>,
    /// A closed point takes no more answers.
    closed: bool,
}

fn point_out(base: &str, p: FeedbackPoint) -> PointOut {
    PointOut {
        url: format!("{base}/f/{}", p.token),
        html_url: format!("{base}/feedback/{}", p.id),
        qr_svg_url: format!("{base}/feedback/{}/qr.svg", p.id),
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

/// The reasons a point offers.
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

/// The period the figures cover.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The last this many days, today included (default 90).
    #[param(minimum = 1, maximum = 3660)] // = service::PERIOD_DAYS_MAX
    days: Option<i64>,
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
        title: f.moment.title,
    }
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/feedback/figures", tag = "feedback", params(("id" = i64, Path), PeriodQuery),
    responses((status = 200, body = [MomentFiguresOut], description = "Every moment of the journey in board order, with what its customers answered over the period"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "A period outside 1 to 3,660 days")))]
async fn feedback_figures(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Query(q): Query<PeriodQuery>,
) -> Out<Vec<MomentFiguresOut>> {
    let rows = service::journey_figures_over(&state, &c.me, id, q.days).await?;
    Ok(axum::Json(rows.into_iter().map(figures_out).collect()))
}

/// Which comments to read: each given one narrows the list. A value given
/// empty (`?branch=`) is malformed, not "any": leave it out instead.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentsQuery {
    /// Only this moment's comments.
    #[param(value_type = Option<i64>)]
    moment: Option<Id>,
    /// Only this branch's comments; `all` for those of the points that ask
    /// every branch.
    #[serde(default, deserialize_with = "given")]
    #[param(value_type = Option<String>, pattern = "^(all|-?[0-9]{1,18})$")]
    branch: Option<String>,
    /// Only comments with this answer.
    #[serde(default, deserialize_with = "given")]
    #[param(value_type = Option<Verdict>, inline)]
    verdict: Option<String>,
    /// Only comments whose customer picked this reason.
    reason: Option<String>,
    /// Only comments holding these words, whatever their case (the first
    /// 100 characters count; `%` and `_` are themselves).
    q: Option<String>,
    /// Only comments older than this one: the `next_before` of the page
    /// before.
    #[param(value_type = Option<i64>)]
    before: Option<Id>,
    /// At most this many (default 50).
    #[param(minimum = 1, maximum = 200)] // = service::COMMENTS_PAGE_MAX
    limit: Option<i64>,
    /// The flagged answers' comments (kept, counted by no figure) instead
    /// of the counted ones.
    #[serde(default)]
    flagged: bool,
}

/// A query value that is not empty when it is given.
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
    }
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/feedback/comments", tag = "feedback", params(("id" = i64, Path), CommentsQuery),
    responses((status = 200, body = CommentsOut), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "An answer, branch or limit that is not one")))]
async fn feedback_comments(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
    Query(q): Query<CommentsQuery>,
) -> Out<CommentsOut> {
    // The filter is read as the page's is, from the same words.
    let (moment, before) = (
        q.moment.map(|m| m.to_string()),
        q.before.map(|b| b.to_string()),
    );
    let params = CommentParams {
        moment: moment.as_deref().unwrap_or_default(),
        branch: q.branch.as_deref().unwrap_or_default(),
        verdict: q.verdict.as_deref().unwrap_or_default(),
        reason: q.reason.as_deref().unwrap_or_default(),
        q: q.q.as_deref().unwrap_or_default(),
        before: before.as_deref().unwrap_or_default(),
        flagged: q.flagged,
    };
    let page = service::comments_page(&state, &c.me, id, &params, q.limit).await?;
    Ok(axum::Json(CommentsOut {
        items: page.comments.into_iter().map(comment_out).collect(),
        next_before: page.next_before,
    }))
}
