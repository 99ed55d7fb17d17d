//! The change log: one sequence number per journey, written in the same
//! transaction as the change it records, holding the board's and the
//! session's events alike (as [`LiveEvent`]'s JSON).

use crate::tx::{col, Tx};
use crate::{now_ms, Committed, Result, Store, StoreError};
use mot_core::{Id, LiveEvent};

/// Appends one event (the board's or the session's) to a journey's log and
/// returns it. (The writer sends the PostgreSQL NOTIFY for every change it
/// commits.)
pub(crate) async fn append_change(
    tx: &mut impl Tx,
    workspace_id: Id,
    journey_id: Id,
    event: impl Into<LiveEvent>,
) -> Result<Committed> {
    log_change(tx, workspace_id, journey_id, event.into(), 0).await
}

/// [`append_change`], also moving the board's count of live notes by
/// `notes` (+1 added or restored, −1 deleted) in the same statement.
pub(crate) async fn log_change(
    tx: &mut impl Tx,
    workspace_id: Id,
    journey_id: Id,
    event: impl Into<LiveEvent>,
    notes: i64,
) -> Result<Committed> {
    let row = tx
        .fetch_optional(
            "UPDATE journeys SET last_seq = last_seq + 1, live_notes = live_notes + $3 \
             WHERE id = $1 AND workspace_id = $2 RETURNING last_seq",
            &[journey_id.into(), workspace_id.into(), notes.into()],
        )
        .await?
        .ok_or(StoreError::NotFound("journey"))?;
    let seq: i64 = col(&row, "last_seq")?;
    let at = now_ms();
    let event = event.into();
    let text = serde_json::to_string(&event)
        .map_err(|e| StoreError::Config(format!("cannot encode a change: {e}")))?;
    tx.execute(
        "INSERT INTO changes (workspace_id, journey_id, seq, event, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[workspace_id.into(), journey_id.into(), seq.into(), text.into(), at.into()],
    )
    .await?;
    Ok(Committed {
        workspace_id,
        journey_id,
        seq,
        at,
        event,
    })
}

impl Store {
    /// Changes after `since`, oldest first, at most `limit`.
    pub async fn changes_since(
        &self,
        workspace_id: Id,
        journey_id: Id,
        since: i64,
        limit: i64,
    ) -> Result<Vec<Committed>> {
        let rows = sqlx::query(
            "SELECT seq, event, created_at FROM changes \
             WHERE journey_id = $1 AND workspace_id = $2 AND seq > $3 ORDER BY seq LIMIT $4",
        )
        .bind(journey_id)
        .bind(workspace_id)
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let text: String = col(r, "event")?;
                Ok(Committed {
                    workspace_id,
                    journey_id,
                    seq: col(r, "seq")?,
                    at: col(r, "created_at")?,
                    event: serde_json::from_str(&text)
                        .map_err(|e| StoreError::Config(format!("bad change in the log: {e}")))?,
                })
            })
            .collect()
    }
}
