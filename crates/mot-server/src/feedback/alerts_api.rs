//! Customer alerts in the JSON API: a journey's alerts (kept on reading,
//! as the page does) and deciding one: an action on the moment, the moment
//! on the next session's agenda, or dismissed. Who may do what is decided
//! in `alerts.rs`, as for the page.

use crate::auth::Ctx;
use crate::feedback::alerts;
use crate::state::AppState;
use crate::web::api::{ErrorBody, Out};
use crate::web::extract::{Json, Path};
use axum::extract::State;
use mot_core::feedback::alert::AlertState;
use mot_core::feedback::trend::{date_of, Alert};
use mot_core::Id;
use mot_store::FeedbackAlert;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The alert operations of the JSON API.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_feedback_alerts))
        .routes(routes!(decide_feedback_alert))
}

/// What a moment's trend said.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// More customers said worse than the moment's past explains.
    WorseThanUsual,
    /// Fewer said better: magic fading into expectation.
    MagicFading,
}

/// Where an alert stands.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertStateOut {
    Open,
    Actioned,
    OnAgenda,
    Dismissed,
}

/// A customer alert, kept once per moment, kind and run of weeks that
/// raise it.
#[derive(Serialize, ToSchema)]
pub struct AlertOut {
    id: Id,
    journey_id: Id,
    moment_id: Id,
    /// Null: every branch together.
    branch_id: Option<Id>,
    /// The branch's name (null with `branch_id`).
    branch_name: Option<String>,
    kind: AlertKind,
    /// The first day (a Monday) of the first week the alert is about.
    #[schema(schema_with = mot_core::schema::date)]
    week_of: String,
    /// The first day (a Monday) of the latest week that raised it: an alert is carried
    /// on, not kept again, while each next week raises it too. The same as
    /// `week_of` until then.
    #[schema(schema_with = mot_core::schema::date)]
    last_week_of: String,
    /// The first week's answers: the alert's evidence.
    worse: u64,
    as_expected: u64,
    better: u64,
    state: AlertStateOut,
    /// The action opened from it.
    action_id: Option<Id>,
    /// When it was mailed to the workspace's owners (ms since the epoch).
    mailed_at: Option<i64>,
    /// The journey's feedback page, where it is shown.
    html_url: String,
}

fn alert_out(base: &str, a: FeedbackAlert) -> AlertOut {
    AlertOut {
        id: a.id,
        journey_id: a.journey_id,
        moment_id: a.moment_id,
        branch_id: a.branch_id,
        branch_name: a.branch_name,
        kind: match a.kind {
            Alert::WorseThanUsual => AlertKind::WorseThanUsual,
            Alert::MagicFading => AlertKind::MagicFading,
        },
        week_of: mot_core::date::format(date_of(a.period_start)),
        last_week_of: mot_core::date::format(date_of(a.last_start)),
        worse: a.tally.worse,
        as_expected: a.tally.as_expected,
        better: a.tally.better,
        state: match a.state {
            AlertState::Open => AlertStateOut::Open,
            AlertState::Actioned => AlertStateOut::Actioned,
            AlertState::OnAgenda => AlertStateOut::OnAgenda,
            AlertState::Dismissed => AlertStateOut::Dismissed,
        },
        action_id: a.action_id,
        mailed_at: a.mailed_at,
        html_url: format!("{base}/j/{}/feedback#alerts", a.journey_id),
    }
}

/// What to do about an alert.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Open an action on the moment, on the journey's latest session.
    Action,
    /// Put the moment on the agenda of the next session the journey starts.
    Agenda,
    Dismiss,
}

fn owner_schema() -> utoipa::openapi::schema::Object {
    mot_core::schema::or_null(mot_core::schema::optional_line(
        mot_core::session::SessionLimits::OWNER,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionIn {
    decision: Decision,
    /// Who does the action (`decision` = `action`; other decisions leave it
    /// aside): one of the business's people by their name, or anyone named;
    /// left out or empty, the one who decides.
    #[serde(default)]
    #[schema(schema_with = owner_schema)]
    owner_name: Option<String>,
    /// When the action is due (`decision` = `action`; other decisions leave
    /// it aside): not before UTC's yesterday, nor before the session the
    /// action joins.
    #[serde(default, with = "mot_core::date::iso_opt")]
    #[schema(schema_with = mot_core::schema::date_or_null)]
    due_on: Option<time::Date>,
}

#[utoipa::path(get, path = "/api/v1/journeys/{id}/feedback/alerts", tag = "feedback", params(("id" = i64, Path)),
    description = "A journey's customer alerts, newest first (at most 100), after keeping what its figures raise now.",
    responses((status = 200, body = [AlertOut]), (status = 404, body = ErrorBody)))]
async fn list_feedback_alerts(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<Id>,
) -> Out<Vec<AlertOut>> {
    let list = alerts::journey_alerts(&state, &c.me, id).await?;
    Ok(axum::Json(
        list.into_iter().map(|a| alert_out(&c.base, a)).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/journeys/{id}/feedback/alerts/{alert_id}", tag = "feedback",
    params(("id" = i64, Path), ("alert_id" = i64, Path)), request_body = DecisionIn,
    description = "Decides an open alert, once: a repeat is refused (409), so nothing is made twice (no Idempotency-Key is needed).",
    responses((status = 200, body = AlertOut, description = "The alert as it now stands"),
        (status = 403, body = ErrorBody, description = "Only owners and facilitators decide about alerts"),
        (status = 404, body = ErrorBody, description = "No such journey, or no such alert of it"),
        (status = 409, body = ErrorBody, description = "The alert was decided already"),
        (status = 422, body = ErrorBody)))]
async fn decide_feedback_alert(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, alert_id)): Path<(Id, Id)>,
    Json(body): Json<DecisionIn>,
) -> Out<AlertOut> {
    let decision = match body.decision {
        Decision::Action => "action",
        Decision::Agenda => "agenda",
        Decision::Dismiss => "dismiss",
    };
    let plan = alerts::PlanIn {
        owner_name: body.owner_name.as_deref().unwrap_or_default(),
        due_on: body.due_on,
    };
    let a = alerts::decide(&state, &c.me, id, alert_id, decision, plan).await?;
    Ok(axum::Json(alert_out(&c.base, a)))
}
