//! The figures of an adviser's portfolio: every business of a workspace
//! with its sessions, actions, latest audit and customers' answers, read
//! with one grouped query each (never per business).

use crate::tx::col;
use crate::{Result, Store};
use mot_core::feedback::Tally;
use mot_core::portfolio::{customer_periods, ClientFigures};
use mot_core::{Business, Id};
use std::collections::HashMap;
use time::Date;

fn day(s: Option<String>) -> Option<Date> {
    s.and_then(|s| mot_core::date::parse("day", &s).ok())
}

impl Store {
    /// Every business of the workspace with its figures as of `today`.
    pub async fn portfolio(
        &self,
        workspace_id: Id,
        today: Date,
    ) -> Result<Vec<(Business, ClientFigures)>> {
        let today_s = mot_core::date::format(today);
        let (now, before) = customer_periods(today);
        let (businesses, sessions, actions, audits, customers) = tokio::try_join!(
            self.businesses(workspace_id),
            async {
                Ok::<_, crate::StoreError>(
                    sqlx::query(
                        "SELECT j.business_id AS b, \
                 MAX(CASE WHEN s.held_on <= $2 THEN s.held_on END) AS last, \
                 MIN(CASE WHEN s.held_on > $2 THEN s.held_on END) AS later, \
                 MIN(CASE WHEN s.next_session_on >= $2 THEN s.next_session_on END) AS booked \
                 FROM team_sessions s JOIN journeys j ON j.id = s.journey_id \
                 WHERE s.workspace_id = $1 GROUP BY j.business_id",
                    )
                    .bind(workspace_id)
                    .bind(&today_s)
                    .fetch_all(&self.pool)
                    .await?,
                )
            },
            async {
                Ok::<_, crate::StoreError>(
                    sqlx::query(
                "SELECT j.business_id AS b, COUNT(*) AS open, \
                 CAST(SUM(CASE WHEN a.due_on IS NOT NULL AND a.due_on < $2 THEN 1 ELSE 0 END) AS BIGINT) AS overdue \
                 FROM actions a JOIN journeys j ON j.id = a.journey_id \
                 WHERE a.workspace_id = $1 AND a.status IN ('open', 'doing') GROUP BY j.business_id",
            )
            .bind(workspace_id)
            .bind(&today_s)
            .fetch_all(&self.pool)
                        .await?,
                )
            },
            async {
                Ok::<_, crate::StoreError>(
                    sqlx::query(
                        "SELECT r.business_id AS b, r.id AS r, r.opens_on AS opens, \
                 CAST(SUM(x.score) AS BIGINT) AS total, COUNT(x.score) AS n \
                 FROM audit_rounds r JOIN rater_links l ON l.round_id = r.id \
                 JOIN audit_answers x ON x.link_id = l.id \
                 WHERE r.workspace_id = $1 AND x.score IS NOT NULL AND l.submitted_at IS NOT NULL \
                 GROUP BY r.business_id, r.id, r.opens_on \
                 ORDER BY r.business_id, r.opens_on DESC, r.id DESC",
                    )
                    .bind(workspace_id)
                    .fetch_all(&self.pool)
                    .await?,
                )
            },
            async {
                Ok::<_, crate::StoreError>(
                    sqlx::query(
                        "SELECT j.business_id AS b, \
                 CAST(SUM(CASE WHEN d.day >= $2 THEN d.worse ELSE 0 END) AS BIGINT) AS w, \
                 CAST(SUM(CASE WHEN d.day >= $2 THEN d.as_expected ELSE 0 END) AS BIGINT) AS e, \
                 CAST(SUM(CASE WHEN d.day >= $2 THEN d.better ELSE 0 END) AS BIGINT) AS bt, \
                 CAST(SUM(CASE WHEN d.day < $2 THEN d.worse ELSE 0 END) AS BIGINT) AS w0, \
                 CAST(SUM(CASE WHEN d.day < $2 THEN d.as_expected ELSE 0 END) AS BIGINT) AS e0, \
                 CAST(SUM(CASE WHEN d.day < $2 THEN d.better ELSE 0 END) AS BIGINT) AS bt0 \
                 FROM feedback_daily d JOIN moments m ON m.id = d.moment_id \
                 JOIN journeys j ON j.id = m.journey_id \
                 WHERE d.workspace_id = $1 AND d.day >= $3 AND d.day <= $4 GROUP BY j.business_id",
                    )
                    .bind(workspace_id)
                    .bind(mot_core::feedback::trend::day_number(now))
                    .bind(mot_core::feedback::trend::day_number(before))
                    .bind(mot_core::feedback::trend::day_number(today))
                    .fetch_all(&self.pool)
                    .await?,
                )
            },
        )?;
        let mut figures: HashMap<Id, ClientFigures> = HashMap::new();
        for r in &sessions {
            let f = figures.entry(col(r, "b")?).or_default();
            f.last_session = day(col(r, "last")?);
            let later = day(col(r, "later")?);
            let booked = day(col(r, "booked")?);
            f.next_session = match (later, booked) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        for r in &actions {
            let f = figures.entry(col(r, "b")?).or_default();
            f.open_actions = col::<i64, _>(r, "open")? as u32;
            f.overdue_actions = col::<Option<i64>, _>(r, "overdue")?.unwrap_or(0) as u32;
        }
        let mut seen: HashMap<Id, u8> = HashMap::new();
        for r in &audits {
            let b: Id = col(r, "b")?;
            let (total, n): (i64, i64) = (col(r, "total")?, col(r, "n")?);
            if n == 0 {
                continue;
            }
            let mean = total as f64 / n as f64;
            let f = figures.entry(b).or_default();
            match seen.entry(b).or_default() {
                k @ 0 => {
                    f.audit = Some((mean, n as u32));
                    *k = 1;
                }
                k @ 1 => {
                    f.audit_before = Some(mean);
                    *k = 2;
                }
                _ => {}
            }
        }
        for r in &customers {
            let f = figures.entry(col(r, "b")?).or_default();
            let n =
                |c: &str| -> Result<u64> { Ok(col::<Option<i64>, _>(r, c)?.unwrap_or(0) as u64) };
            f.customers = Tally {
                worse: n("w")?,
                as_expected: n("e")?,
                better: n("bt")?,
            };
            f.customers_before = Tally {
                worse: n("w0")?,
                as_expected: n("e0")?,
                better: n("bt0")?,
            };
        }
        Ok(businesses
            .into_iter()
            .map(|b| {
                let f = figures.remove(&b.id).unwrap_or_default();
                (b, f)
            })
            .collect())
    }
}
