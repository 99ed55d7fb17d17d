//! Client report packs sent by e-mail: one record a sending, found again
//! by the form's request key so that the same form pressed twice sends
//! once.

use crate::tx::col;
use crate::{now_ms, Result, Store, StoreError};
use mot_core::{Id, Millis};

/// One sending of a business's report pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSend {
    pub id: Id,
    pub business_id: Id,
    pub sent_by: Option<Id>,
    pub sent_at: Millis,
    /// The names of those it reached, one a line.
    pub sent_to: Vec<String>,
    /// Those it did not reach, one a line ("name: why").
    pub not_sent: Vec<String>,
    /// Whether the sending ended (false: under way, or stopped midway).
    pub done: bool,
}

const COLS: &str = "id, business_id, sent_by, sent_at, sent_to, not_sent, done";

fn lines(s: String) -> Vec<String> {
    s.lines().map(str::to_string).collect()
}

fn send_from(r: &sqlx::any::AnyRow) -> Result<ReportSend> {
    Ok(ReportSend {
        id: col(r, "id")?,
        business_id: col(r, "business_id")?,
        sent_by: col(r, "sent_by")?,
        sent_at: col(r, "sent_at")?,
        sent_to: lines(col(r, "sent_to")?),
        not_sent: lines(col(r, "not_sent")?),
        done: col::<i64, _>(r, "done")? != 0,
    })
}

impl Store {
    /// Starts a sending of a business's pack under the form's request key:
    /// `Ok(Err(earlier))` when that key was used before (the same form
    /// sent again), else the new record's id. Refuses another workspace's
    /// business.
    pub async fn begin_report_send(
        &self,
        workspace_id: Id,
        business_id: Id,
        request_key: &str,
        sent_by: Option<Id>,
    ) -> Result<std::result::Result<Id, ReportSend>> {
        if let Some(earlier) = self.report_send_by_key(workspace_id, request_key).await? {
            return Ok(Err(earlier));
        }
        let row = sqlx::query(
            "INSERT INTO report_sends (workspace_id, business_id, request_key, sent_by, sent_at) \
             SELECT $1, id, $3, $4, $5 FROM businesses WHERE id = $2 AND workspace_id = $1 \
             ON CONFLICT (workspace_id, request_key) DO NOTHING RETURNING id",
        )
        .bind(workspace_id)
        .bind(business_id)
        .bind(request_key)
        .bind(sent_by)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => Ok(Ok(col(&r, "id")?)),
            // Lost a race with the same key, or no such business.
            None => match self.report_send_by_key(workspace_id, request_key).await? {
                Some(earlier) => Ok(Err(earlier)),
                None => Err(StoreError::NotFound("business")),
            },
        }
    }

    /// Ends a sending: whom it reached and whom not.
    pub async fn finish_report_send(
        &self,
        id: Id,
        sent_to: &[String],
        not_sent: &[String],
    ) -> Result<()> {
        sqlx::query("UPDATE report_sends SET sent_to = $2, not_sent = $3, done = 1 WHERE id = $1")
            .bind(id)
            .bind(sent_to.join("\n"))
            .bind(not_sent.join("\n"))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The sending made under a request key.
    pub async fn report_send_by_key(
        &self,
        workspace_id: Id,
        request_key: &str,
    ) -> Result<Option<ReportSend>> {
        let row = sqlx::query(&format!(
            "SELECT {COLS} FROM report_sends WHERE workspace_id = $1 AND request_key = $2"
        ))
        .bind(workspace_id)
        .bind(request_key)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(send_from).transpose()
    }

    /// A business's latest sendings, newest first.
    pub async fn report_sends(
        &self,
        workspace_id: Id,
        business_id: Id,
        limit: i64,
    ) -> Result<Vec<ReportSend>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM report_sends WHERE workspace_id = $1 AND business_id = $2 \
             ORDER BY id DESC LIMIT $3"
        ))
        .bind(workspace_id)
        .bind(business_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(send_from).collect()
    }
}
