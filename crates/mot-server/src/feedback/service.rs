//! What the feedback pages (and, later, its API) do: asking customers about
//! a moment, taking their answers, and the figures of a journey.

use crate::auth::Ident;
use crate::state::AppState;
use crate::web::error::AppError;
use mot_core::feedback::{self, Answer, Tally};
use mot_core::{Id, Moment};
use mot_store::{FeedbackPoint, PointView};

/// The feedback point that asks customers about a moment of a journey at a
/// branch (`None`: every branch), made on first asking (owners and
/// facilitators).
pub async fn ask(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    moment_id: Id,
    branch_id: Option<Id>,
) -> Result<FeedbackPoint, AppError> {
    me.actor.may_manage()?;
    let point = state
        .store
        .feedback_point(me.workspace_id, moment_id, branch_id)
        .await?;
    if point.journey_id != journey_id {
        return Err(mot_store::StoreError::NotFound("moment").into());
    }
    Ok(point)
}

/// A feedback point, for those who may hand it out (owners and facilitators).
pub async fn point(state: &AppState, me: &Ident, id: Id) -> Result<FeedbackPoint, AppError> {
    me.actor.may_manage()?;
    Ok(state
        .store
        .feedback_point_by_id(me.workspace_id, id)
        .await?)
}

/// Sets the reasons a point offers, one per line (owners and facilitators).
pub async fn set_reasons(
    state: &AppState,
    me: &Ident,
    id: Id,
    lines: &str,
) -> Result<FeedbackPoint, AppError> {
    me.actor.may_manage()?;
    let lines: Vec<&str> = lines.lines().collect();
    let reasons = feedback::reasons(&lines)?;
    Ok(state
        .store
        .set_feedback_reasons(me.workspace_id, id, &reasons)
        .await?)
}

/// What a customer sent from the public page.
pub struct Sent<'a> {
    pub verdict: &'a str,
    pub reason: &'a str,
    pub comment: &'a str,
    /// The form's own request id: the same form sent twice counts once.
    pub request_key: &'a str,
    /// The hidden field only robots fill in.
    pub honeypot: &'a str,
}

/// Keeps a customer's answer. A robot's answer (the hidden field filled
/// in) is thanked like any other and kept nowhere. Answers `true` when the
/// answer is new.
pub async fn answer(state: &AppState, view: &PointView, sent: Sent<'_>) -> Result<bool, AppError> {
    let answer = Answer::new(sent.verdict, sent.reason, sent.comment, &view.point.reasons)?;
    if !sent.honeypot.is_empty() {
        return Ok(false);
    }
    let key = match sent.request_key.trim() {
        k if !k.is_empty() && k.len() <= 64 => k.to_string(),
        _ => mot_store::random_token(),
    };
    let lang = crate::web::i18n::lang().code();
    Ok(state
        .store
        .answer_feedback(&view.point.token, answer, lang, &key)
        .await?)
}

/// One row of a journey's figures: a moment and how its customers answered
/// (every branch together), with the branches apart.
pub struct MomentFigures {
    pub moment: Moment,
    pub all: Tally,
    pub branches: Vec<(Option<Id>, Tally)>,
    /// The team's latest agreed rating, and its latest audit score.
    pub team: Option<mot_core::session::Rating>,
    pub audit: Option<f64>,
    /// Where the team and these customers disagree, beyond chance.
    pub gap: Option<feedback::Gap>,
}

/// The customers' figures of every moment of a journey over the last
/// `days` days (everyone in the workspace may read them).
pub async fn journey_figures(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    days: i64,
) -> Result<Vec<MomentFigures>, AppError> {
    if !me.actor.may_view_journey(journey_id) {
        return Err(mot_store::StoreError::NotFound("journey").into());
    }
    state.store.journey(me.workspace_id, journey_id).await?;
    let moments = state.store.moments(me.workspace_id, journey_id).await?;
    let extras = state
        .store
        .journey_extras(me.workspace_id, journey_id)
        .await?;
    let today = mot_store::feedback_today();
    let tallies = state
        .store
        .feedback_tallies(me.workspace_id, journey_id, (today - days + 1, today))
        .await?;
    Ok(moments
        .into_iter()
        .map(|m| {
            let branches: Vec<(Option<Id>, Tally)> = tallies
                .iter()
                .filter(|t| t.moment_id == m.id)
                .map(|t| (t.branch_id, t.tally))
                .collect();
            let mut all = Tally::default();
            for (_, t) in &branches {
                all.merge(t);
            }
            let e = extras.get(&m.id).copied().unwrap_or_default();
            MomentFigures {
                gap: e.team_rating.and_then(|r| feedback::gap(r, &all)),
                team: e.team_rating,
                audit: e.latest_score,
                moment: m,
                all,
                branches,
            }
        })
        .collect())
}

/// How many comments a page of them shows.
pub const COMMENTS_PER_PAGE: u32 = 50;

/// A journey's customer comments, newest first, filtered (everyone in the
/// workspace may read them; a guest of the board may not).
pub async fn comments(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    filter: &mot_store::CommentFilter,
) -> Result<Vec<mot_store::FeedbackComment>, AppError> {
    if !me.actor.may_view_journey(journey_id) {
        return Err(mot_store::StoreError::NotFound("journey").into());
    }
    state.store.journey(me.workspace_id, journey_id).await?;
    Ok(state
        .store
        .feedback_comments(me.workspace_id, journey_id, filter, COMMENTS_PER_PAGE)
        .await?)
}
