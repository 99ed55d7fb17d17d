//! Customer alerts, kept: a moment whose customers' answers left their usual
//! range in a period is kept once (the table's unique key), whoever reads the
//! figures first or however often the background task looks; while each next
//! period raises it too, the same alert is carried on (one alert per run of
//! periods, not one a week while a slide lasts). The team then
//! decides once what to do with it: an action on the moment (on the
//! journey's latest session, logged like any action so the board sees it),
//! the moment on the next session's agenda, or dismissed. Each new alert is
//! mailed to the workspace's owners once, tried again after a failure.

use crate::changes::append_change;
use crate::tx::{col, Cols, Tx, Val};
use crate::{now_ms, Committed, Result, Store, StoreError};
use mot_core::feedback::alert::{self as rules, AlertDecision, AlertState};
use mot_core::feedback::trend::{Alert, Period};
use mot_core::feedback::Tally;
use mot_core::session::{Action, ActionStatus, SessionEvent};
use mot_core::text::RuleError;
use mot_core::{Actor, Id};

/// An alert to keep: what a moment's trend says about one period.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAlert {
    pub moment_id: Id,
    /// `None`: every branch together.
    pub branch_id: Option<Id>,
    pub kind: Alert,
    pub period: Period,
    /// The period's first day (days since 1970-01-01).
    pub period_start: i64,
    /// The period's answers: the alert's evidence.
    pub tally: Tally,
}

/// An alert as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackAlert {
    pub id: Id,
    pub workspace_id: Id,
    pub journey_id: Id,
    pub moment_id: Id,
    /// `None`: every branch together.
    pub branch_id: Option<Id>,
    /// The branch's name, when the alert is about one branch.
    pub branch_name: Option<String>,
    pub kind: Alert,
    pub period: Period,
    /// The first period that raised it (its first day).
    pub period_start: i64,
    /// The latest period that raised it: the alert covers the run from
    /// `period_start` to this one, each raising it.
    pub last_start: i64,
    /// The first period's answers: the alert's evidence.
    pub tally: Tally,
    pub state: AlertState,
    /// The action opened from it.
    pub action_id: Option<Id>,
    /// On the agenda of the journey's first session after this one (0:
    /// its first session).
    pub agenda_after: Option<Id>,
    pub created_at: i64,
    pub mailed_at: Option<i64>,
}

/// An alert to mail, with the names its message needs.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertToMail {
    pub alert: FeedbackAlert,
    pub journey: String,
    pub moment: String,
    /// The tries that failed so far.
    pub tries: u32,
}

/// What an action opened from an alert says, and whose it is.
#[derive(Debug, Clone)]
pub struct ActionFromAlert {
    pub what: String,
    pub owner_user_id: Option<Id>,
    pub owner_name: String,
    pub due_on: Option<time::Date>,
}

const COLS: &str =
    "a.id, a.workspace_id, a.journey_id, a.moment_id, a.branch_id, a.kind, a.period, \
     a.period_start, a.last_start, a.worse, a.as_expected, a.better, a.state, a.action_id, a.agenda_after, \
     a.created_at, a.mailed_at, \
     (SELECT b.name FROM branches b WHERE b.id = a.branch_id) AS branch_name";

fn alert_from(r: &impl Cols) -> Result<FeedbackAlert> {
    let bad = |what: &str| StoreError::Config(format!("bad alert {what} in the database"));
    let kind: String = col(r, "kind")?;
    let period: String = col(r, "period")?;
    let state: String = col(r, "state")?;
    let branch: Id = col(r, "branch_id")?;
    Ok(FeedbackAlert {
        id: col(r, "id")?,
        workspace_id: col(r, "workspace_id")?,
        journey_id: col(r, "journey_id")?,
        moment_id: col(r, "moment_id")?,
        branch_id: (branch != 0).then_some(branch),
        branch_name: col(r, "branch_name")?,
        kind: Alert::from_key(&kind).ok_or_else(|| bad("kind"))?,
        period: Period::from_key(&period).ok_or_else(|| bad("period"))?,
        period_start: col(r, "period_start")?,
        last_start: col(r, "last_start")?,
        tally: Tally {
            worse: col::<i64, _>(r, "worse")? as u64,
            as_expected: col::<i64, _>(r, "as_expected")? as u64,
            better: col::<i64, _>(r, "better")? as u64,
        },
        state: AlertState::from_key(&state).ok_or_else(|| bad("state"))?,
        action_id: col(r, "action_id")?,
        agenda_after: col(r, "agenda_after")?,
        created_at: col(r, "created_at")?,
        mailed_at: col(r, "mailed_at")?,
    })
}

/// The most alerts a journey's list shows.
pub const ALERTS_SHOWN: u32 = 100;

impl Store {
    /// Keeps the alerts of a journey that are not kept yet (one transaction)
    /// and answers the new ones' ids. An alert's run that covers the period
    /// already (whatever became of it) is left as it is, whichever order
    /// the periods come in. One that ends on the period before (see
    /// [`rules::carried_from`]) is carried on to this one: not new, so not
    /// mailed again, and a dismissed one stays dismissed. Otherwise the
    /// alert is new: after a period that did not raise it, a new run.
    /// Moments of another journey are refused.
    pub async fn keep_feedback_alerts(
        &self,
        workspace_id: Id,
        journey_id: Id,
        alerts: Vec<NewAlert>,
    ) -> Result<Vec<Id>> {
        if alerts.is_empty() {
            return Ok(Vec::new());
        }
        // The rows of one moment, branch, kind and period of the journey.
        const SAME: &str = "moment_id = $1 AND branch_id = $2 AND kind = $3 AND period = $4 \
                            AND journey_id = $5 AND workspace_id = $6";
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    let now = now_ms();
                    let mut made = Vec::new();
                    for a in alerts {
                        let same = |more: &[Val]| {
                            let mut args: Vec<Val> = vec![
                                a.moment_id.into(),
                                a.branch_id.unwrap_or(0).into(),
                                a.kind.key().into(),
                                a.period.key().into(),
                                journey_id.into(),
                                workspace_id.into(),
                            ];
                            args.extend_from_slice(more);
                            args
                        };
                        let covered = conn
                            .fetch_optional(
                                &format!(
                                    "SELECT id FROM feedback_alerts WHERE {SAME} \
                                     AND period_start <= $7 AND last_start >= $7"
                                ),
                                &same(&[a.period_start.into()]),
                            )
                            .await?;
                        if covered.is_some() {
                            continue;
                        }
                        // One run carried on, even where an installation
                        // before runs kept a row per period.
                        let before = rules::carried_from(a.period, a.period_start);
                        let carried = conn
                            .fetch_all(
                                &format!(
                                    "UPDATE feedback_alerts SET last_start = $7, raised_at = $8 \
                                     WHERE id = (SELECT id FROM feedback_alerts WHERE {SAME} \
                                     AND last_start = $9 ORDER BY id DESC LIMIT 1) RETURNING id"
                                ),
                                &same(&[a.period_start.into(), now.into(), before.into()]),
                            )
                            .await?;
                        if !carried.is_empty() {
                            continue;
                        }
                        let rows = conn
                            .fetch_all(
                                "INSERT INTO feedback_alerts (workspace_id, journey_id, moment_id, branch_id, \
                                 kind, period, period_start, last_start, worse, as_expected, better, state, \
                                 created_at, raised_at) \
                                 SELECT m.workspace_id, m.journey_id, m.id, $1, $2, $3, $4, $4, $5, $6, $7, 'open', $8, $8 \
                                 FROM moments m WHERE m.id = $9 AND m.journey_id = $10 AND m.workspace_id = $11 \
                                 ON CONFLICT (moment_id, branch_id, kind, period, period_start) DO NOTHING \
                                 RETURNING id",
                                &[
                                    a.branch_id.unwrap_or(0).into(),
                                    a.kind.key().into(),
                                    a.period.key().into(),
                                    a.period_start.into(),
                                    (a.tally.worse as i64).into(),
                                    (a.tally.as_expected as i64).into(),
                                    (a.tally.better as i64).into(),
                                    now.into(),
                                    a.moment_id.into(),
                                    journey_id.into(),
                                    workspace_id.into(),
                                ],
                            )
                            .await?;
                        if let Some(r) = rows.first() {
                            made.push(col::<Id, _>(r, "id")?);
                        }
                    }
                    Ok((made, Vec::<Committed>::new()))
                })
            })
            .await
    }

    /// Takes back what was kept or carried on at `since` (ms) or later of
    /// the journey's open alerts that its figures no longer raise (`still`:
    /// what they raise now): after an import was taken out, an alert that
    /// rested on its answers rests on nothing. One kept since goes, with
    /// the record of whom it was mailed to; one kept before and carried on
    /// since goes back to the period before, once. An alert someone
    /// decided on stays. Answers how many went or went back.
    pub async fn withdraw_feedback_alerts(
        &self,
        workspace_id: Id,
        journey_id: Id,
        since: i64,
        still: Vec<NewAlert>,
    ) -> Result<usize> {
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    let rows = conn
                        .fetch_all(
                            "SELECT id, moment_id, branch_id, kind, period, period_start, last_start, \
                             created_at FROM feedback_alerts WHERE workspace_id = $1 AND journey_id = $2 \
                             AND state = 'open' AND raised_at >= $3",
                            &[workspace_id.into(), journey_id.into(), since.into()],
                        )
                        .await?;
                    let mut gone = 0u64;
                    for r in &rows {
                        let (moment, branch, kind, period, last): (Id, Id, String, String, i64) = (
                            col(r, "moment_id")?,
                            col(r, "branch_id")?,
                            col(r, "kind")?,
                            col(r, "period")?,
                            col(r, "last_start")?,
                        );
                        let raised = still.iter().any(|a| {
                            (moment, branch, kind.as_str(), period.as_str(), last)
                                == (
                                    a.moment_id,
                                    a.branch_id.unwrap_or(0),
                                    a.kind.key(),
                                    a.period.key(),
                                    a.period_start,
                                )
                        });
                        if raised {
                            continue;
                        }
                        let id: Id = col(r, "id")?;
                        let first: i64 = col(r, "period_start")?;
                        let created: i64 = col(r, "created_at")?;
                        // Each write only if the row is as read (another
                        // instance may have carried it on since).
                        if last > first && created < since {
                            // Back a period, once: not raised since any more.
                            let period = Period::from_key(&period).ok_or_else(|| {
                                StoreError::Config("bad alert period in the database".into())
                            })?;
                            gone += conn
                                .execute(
                                    "UPDATE feedback_alerts SET last_start = $1, raised_at = created_at \
                                     WHERE id = $2 AND last_start = $3 AND state = 'open'",
                                    &[
                                        rules::carried_from(period, last).into(),
                                        id.into(),
                                        last.into(),
                                    ],
                                )
                                .await?;
                            continue;
                        }
                        conn.execute(
                            "DELETE FROM feedback_alert_mails WHERE alert_id = $1 AND EXISTS \
                             (SELECT 1 FROM feedback_alerts WHERE id = $1 AND last_start = $2 AND state = 'open')",
                            &[id.into(), last.into()],
                        )
                        .await?;
                        gone += conn
                            .execute(
                                "DELETE FROM feedback_alerts WHERE id = $1 AND last_start = $2 AND state = 'open'",
                                &[id.into(), last.into()],
                            )
                            .await?;
                    }
                    Ok((gone as usize, Vec::<Committed>::new()))
                })
            })
            .await
    }

    /// A journey's alerts, the latest raised first (a run carried on to
    /// this week before one kept last week), [`ALERTS_SHOWN`] at most, of
    /// moments still on the board.
    pub async fn feedback_alerts(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<Vec<FeedbackAlert>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM feedback_alerts a JOIN moments m ON m.id = a.moment_id \
             WHERE a.journey_id = $1 AND a.workspace_id = $2 AND m.deleted_at IS NULL \
             ORDER BY a.last_start DESC, a.id DESC LIMIT {ALERTS_SHOWN}"
        ))
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(alert_from).collect()
    }

    /// One alert of the workspace.
    pub async fn feedback_alert(&self, workspace_id: Id, id: Id) -> Result<FeedbackAlert> {
        let row = sqlx::query(&format!(
            "SELECT {COLS} FROM feedback_alerts a WHERE a.id = $1 AND a.workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("feedback alert"))?;
        alert_from(&row)
    }

    /// Decides an open alert of a journey, once (core's rule), in one
    /// transaction: with [`AlertDecision::Action`], an open action on the
    /// moment is added to the journey's latest session (refused when the
    /// journey has none) and logged, so the board shows it; with
    /// [`AlertDecision::Agenda`], the moment goes on the agenda of the next
    /// session the journey starts. Answers the alert as it now stands.
    pub async fn decide_feedback_alert(
        &self,
        workspace_id: Id,
        journey_id: Id,
        alert_id: Id,
        actor: Actor,
        decision: AlertDecision,
        action: Option<ActionFromAlert>,
    ) -> Result<FeedbackAlert> {
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    let row = conn
                        .fetch_optional(
                            &format!(
                                "SELECT {COLS} FROM feedback_alerts a \
                                 WHERE a.id = $1 AND a.journey_id = $2 AND a.workspace_id = $3"
                            ),
                            &[alert_id.into(), journey_id.into(), workspace_id.into()],
                        )
                        .await?
                        .ok_or(StoreError::NotFound("feedback alert"))?;
                    let alert = alert_from(&row)?;
                    let state = rules::decide(alert.state, decision)?;
                    let latest = conn
                        .fetch_optional(
                            "SELECT id, held_on FROM team_sessions WHERE journey_id = $1 AND workspace_id = $2 \
                             ORDER BY id DESC LIMIT 1",
                            &[journey_id.into(), workspace_id.into()],
                        )
                        .await?;
                    let latest_id: Option<Id> = latest.as_ref().map(|r| col(r, "id")).transpose()?;
                    let now = now_ms();
                    let mut changes = Vec::new();
                    let mut action_id: Option<Id> = None;
                    let mut agenda_after: Option<Id> = None;
                    match decision {
                        AlertDecision::Action => {
                            // The journey's latest session, or none before its first.
                            let session_id = latest_id;
                            let a = action.unwrap_or(ActionFromAlert {
                                what: String::new(),
                                owner_user_id: None,
                                owner_name: String::new(),
                                due_on: None,
                            });
                            // Due no earlier than the session it joins, as
                            // the session's own actions are.
                            if let Some(r) = &latest {
                                let held: String = col(r, "held_on")?;
                                if let Ok(held_on) = mot_core::date::parse("held_on", &held) {
                                    mot_core::session::check_action_plan(held_on, a.due_on, None)?;
                                }
                            }
                            let what = mot_core::text::required_line(
                                "what",
                                &a.what,
                                mot_core::session::SessionLimits::ACTION,
                            )?;
                            let made = conn
                                .fetch_one(
                                    "INSERT INTO actions (workspace_id, journey_id, session_id, moment_id, idea_id, what, \
                                     owner_user_id, owner_name, due_on, target_from, target_to, status, created_at, updated_at) \
                                     VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, NULL, NULL, $9, $10, $10) RETURNING id",
                                    &[
                                        workspace_id.into(),
                                        journey_id.into(),
                                        session_id.into(),
                                        alert.moment_id.into(),
                                        (&what).into(),
                                        a.owner_user_id.into(),
                                        (&a.owner_name).into(),
                                        a.due_on.map(mot_core::date::format).into(),
                                        ActionStatus::Open.key().into(),
                                        now.into(),
                                    ],
                                )
                                .await?;
                            let id: Id = col(&made, "id")?;
                            action_id = Some(id);
                            let saved = SessionEvent::ActionSaved {
                                action: Action {
                                    id,
                                    journey_id,
                                    session_id,
                                    moment_id: Some(alert.moment_id),
                                    idea_id: None,
                                    what,
                                    owner_user_id: a.owner_user_id,
                                    owner_name: a.owner_name,
                                    due_on: a.due_on,
                                    target_from: None,
                                    target_to: None,
                                    status: ActionStatus::Open,
                                    steps: Vec::new(),
                                    updated_at: now,
                                },
                            };
                            changes.push(append_change(conn, workspace_id, journey_id, saved).await?);
                        }
                        AlertDecision::Agenda => agenda_after = Some(latest_id.unwrap_or(0)),
                        AlertDecision::Dismiss => {}
                    }
                    let done = conn
                        .execute(
                            "UPDATE feedback_alerts SET state = $1, action_id = $2, agenda_after = $3, \
                             decided_by = $4, decided_at = $5 WHERE id = $6 AND state = 'open'",
                            &[
                                state.key().into(),
                                action_id.into(),
                                agenda_after.into(),
                                actor.author().key().into(),
                                now.into(),
                                alert_id.into(),
                            ],
                        )
                        .await?;
                    if done == 0 {
                        return Err(RuleError::Conflict(mot_core::Msg::new("feedback-alert-decided")).into());
                    }
                    let row = conn
                        .fetch_one(
                            &format!("SELECT {COLS} FROM feedback_alerts a WHERE a.id = $1"),
                            &[alert_id.into()],
                        )
                        .await?;
                    Ok((alert_from(&row)?, changes))
                })
            })
            .await
    }

    /// The agenda a session offers first when it prioritises: the moments
    /// put on the agenda while the session before it was the journey's
    /// latest (or before any session, for the first), oldest first, of
    /// moments still on the board.
    pub async fn session_agenda(
        &self,
        workspace_id: Id,
        session_id: Id,
    ) -> Result<Vec<FeedbackAlert>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM feedback_alerts a JOIN team_sessions s ON s.journey_id = a.journey_id \
             JOIN moments m ON m.id = a.moment_id \
             WHERE s.id = $1 AND s.workspace_id = $2 AND a.state = 'on_agenda' AND m.deleted_at IS NULL \
             AND a.agenda_after = COALESCE((SELECT MAX(p.id) FROM team_sessions p \
                 WHERE p.journey_id = s.journey_id AND p.id < s.id), 0) \
             ORDER BY a.id"
        ))
        .bind(session_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(alert_from).collect()
    }

    /// Every journey (of every workspace) with answers on or after `since`
    /// (days since 1970-01-01), from the roll-ups: what the background task
    /// looks at. `(workspace id, journey id)`.
    pub async fn journeys_with_feedback(&self, since: i64) -> Result<Vec<(Id, Id)>> {
        let rows = sqlx::query(
            "SELECT DISTINCT m.workspace_id, m.journey_id FROM feedback_daily d \
             JOIN moments m ON m.id = d.moment_id \
             WHERE d.day >= $1 AND m.deleted_at IS NULL ORDER BY m.workspace_id, m.journey_id",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((col(r, "workspace_id")?, col(r, "journey_id")?)))
            .collect()
    }

    /// Alerts (of every workspace) not mailed yet, made after `since` (ms),
    /// whose pause after a failed try is over at `now`, open ones only:
    /// `limit` at most, oldest first.
    pub async fn feedback_alerts_to_mail(
        &self,
        since: i64,
        now: i64,
        limit: u32,
    ) -> Result<Vec<AlertToMail>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS}, a.mail_tries, j.name AS journey, m.title AS moment \
             FROM feedback_alerts a JOIN journeys j ON j.id = a.journey_id \
             JOIN moments m ON m.id = a.moment_id \
             WHERE a.mailed_at IS NULL AND a.mail_after <= $1 AND a.created_at >= $2 \
             AND a.state = 'open' AND m.deleted_at IS NULL ORDER BY a.id LIMIT {limit}"
        ))
        .bind(now)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AlertToMail {
                    alert: alert_from(r)?,
                    journey: col(r, "journey")?,
                    moment: col(r, "moment")?,
                    tries: col::<i64, _>(r, "mail_tries")?.max(0) as u32,
                })
            })
            .collect()
    }

    /// Claims an alert for mailing until `until` (ms): answers false when it
    /// was mailed, or another sender (another task or instance) holds it,
    /// so two senders never mail the same alert at once.
    pub async fn claim_feedback_alert_mail(
        &self,
        workspace_id: Id,
        alert_id: Id,
        now: i64,
        until: i64,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE feedback_alerts SET mail_after = $1 WHERE id = $2 AND workspace_id = $3 \
             AND mailed_at IS NULL AND mail_after <= $4",
        )
        .bind(until)
        .bind(alert_id)
        .bind(workspace_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that an alert was mailed at `now`: it is never mailed again.
    pub async fn feedback_alert_mailed(
        &self,
        workspace_id: Id,
        alert_id: Id,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE feedback_alerts SET mailed_at = $1 WHERE id = $2 AND workspace_id = $3 \
             AND mailed_at IS NULL",
        )
        .bind(now)
        .bind(alert_id)
        .bind(workspace_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The users an alert was mailed to so far.
    pub async fn feedback_alert_recipients(
        &self,
        workspace_id: Id,
        alert_id: Id,
    ) -> Result<Vec<Id>> {
        let rows = sqlx::query(
            "SELECT m.user_id FROM feedback_alert_mails m JOIN feedback_alerts a ON a.id = m.alert_id \
             WHERE m.alert_id = $1 AND a.workspace_id = $2 ORDER BY m.user_id",
        )
        .bind(alert_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| col(r, "user_id")).collect()
    }

    /// Records that an alert was mailed to a user (once; again is nothing).
    pub async fn feedback_alert_sent_to(
        &self,
        workspace_id: Id,
        alert_id: Id,
        user_id: Id,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO feedback_alert_mails (alert_id, user_id, sent_at) \
             SELECT a.id, $1, $2 FROM feedback_alerts a WHERE a.id = $3 AND a.workspace_id = $4 \
             ON CONFLICT (alert_id, user_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(now)
        .bind(alert_id)
        .bind(workspace_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records that mailing an alert failed: one try more, and none before
    /// `retry_at` (ms).
    pub async fn feedback_alert_mail_failed(
        &self,
        workspace_id: Id,
        alert_id: Id,
        retry_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE feedback_alerts SET mail_tries = mail_tries + 1, mail_after = $1 \
             WHERE id = $2 AND workspace_id = $3 AND mailed_at IS NULL",
        )
        .bind(retry_at)
        .bind(alert_id)
        .bind(workspace_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
