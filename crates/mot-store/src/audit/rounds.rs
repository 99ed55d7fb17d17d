//! Audit rounds: started from a template for some branches, closed.

use super::*;

impl Store {
    // ---- rounds -----------------------------------------------------------------

    /// Starts a round for some branches of a business, freezing the template's items.
    #[allow(clippy::too_many_arguments)]
    pub async fn start_round(
        &self,
        workspace_id: Id,
        business_id: Id,
        template_id: Id,
        name: &str,
        opens_on: Date,
        closes_on: Date,
        branch_ids: Vec<Id>,
    ) -> Result<Round> {
        self.start_round_once(
            workspace_id,
            business_id,
            template_id,
            name,
            (opens_on, closes_on),
            branch_ids,
            None,
        )
        .await
    }

    /// [`Store::start_round`] once per client request; `dates` are the
    /// opening and closing dates.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn start_round_once(
        &self,
        workspace_id: Id,
        business_id: Id,
        template_id: Id,
        name: &str,
        (opens_on, closes_on): (Date, Date),
        branch_ids: Vec<Id>,
        req: Option<Request>,
    ) -> Result<Round> {
        let name = text::required_line("name", name, AuditLimits::ROUND_NAME)?;
        self.business(workspace_id, business_id).await?;
        let t = self.template(workspace_id, template_id).await?;
        if t.items.is_empty() {
            return Err(RuleError::Conflict(Msg::new("rule-template-no-items")).into());
        }
        if closes_on < opens_on {
            return Err(
                RuleError::invalid("closes_on", Msg::new("rule-closes-before-opens")).into(),
            );
        }
        let own = self.branches(workspace_id, business_id).await?;
        if branch_ids.is_empty() {
            return Err(RuleError::invalid("branches", Msg::new("rule-branches-none")).into());
        }
        if branch_ids.iter().any(|b| !own.iter().any(|o| o.id == *b)) {
            return Err(StoreError::NotFound("branch"));
        }
        let name = name.to_string();
        let made = request::make_once(&self.writer, workspace_id, req, move |conn| {
                Box::pin(async move {
                    let row = sqlx::query(
                        "INSERT INTO audit_rounds (workspace_id, business_id, template_id, name, opens_on, closes_on, closed, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING id",
                    )
                    .bind(workspace_id)
                    .bind(business_id)
                    .bind(template_id)
                    .bind(&name)
                    .bind(date::format(opens_on))
                    .bind(date::format(closes_on))
                    .bind(now_ms())
                    .fetch_one(&mut *conn)
                    .await?;
                    let id: Id = col(&row, "id")?;
                    for b in &branch_ids {
                        sqlx::query("INSERT INTO round_branches (round_id, branch_id) VALUES ($1, $2)")
                            .bind(id)
                            .bind(*b)
                            .execute(&mut *conn)
                            .await?;
                    }
                    for it in &t.items {
                        sqlx::query(
                            "INSERT INTO round_items (round_id, template_item_id, phase, phase_position, text, guidance, moment_id, position) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        )
                        .bind(id)
                        .bind(it.id)
                        .bind(&it.phase)
                        .bind(it.phase_position)
                        .bind(&it.text)
                        .bind(&it.guidance)
                        .bind(it.moment_id)
                        .bind(it.position)
                        .execute(&mut *conn)
                        .await?;
                    }
                    Ok((id, Vec::new()))
                })
            })
            .await?;
        self.round(workspace_id, made.id()).await
    }

    pub async fn rounds(&self, workspace_id: Id, business_id: Id) -> Result<Vec<Round>> {
        let rows = sqlx::query(
            "SELECT id, business_id, template_id, name, opens_on, closes_on, closed FROM audit_rounds \
             WHERE business_id = $1 AND workspace_id = $2 ORDER BY id DESC",
        )
        .bind(business_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for r in rows {
            let mut round = round_from(&r)?;
            round.branch_ids = self.round_branch_ids(round.id).await?;
            out.push(round);
        }
        Ok(out)
    }

    async fn round_branch_ids(&self, round_id: Id) -> Result<Vec<Id>> {
        // In the business's branch order (by name), as every list of branches.
        sqlx::query(
            "SELECT rb.branch_id FROM round_branches rb JOIN branches b ON b.id = rb.branch_id \
             WHERE rb.round_id = $1 ORDER BY b.name, b.id",
        )
        .bind(round_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| col(r, "branch_id"))
        .collect()
    }

    /// The business's round made before `round_id`, if any.
    pub async fn previous_round(
        &self,
        workspace_id: Id,
        business_id: Id,
        round_id: Id,
    ) -> Result<Option<Round>> {
        let row = sqlx::query(
            "SELECT id, business_id, template_id, name, opens_on, closes_on, closed FROM audit_rounds \
             WHERE business_id = $1 AND workspace_id = $2 AND id < $3 ORDER BY id DESC LIMIT 1",
        )
        .bind(business_id)
        .bind(workspace_id)
        .bind(round_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut round = round_from(&row)?;
        round.branch_ids = self.round_branch_ids(round.id).await?;
        Ok(Some(round))
    }

    /// A round's mean score per template item (its items' keys across
    /// rounds), counted in the database: for the change since a round.
    /// Only handed-in answers count.
    /// Every other business of the workspace that audits with `template_id`,
    /// with the means of each template item in its latest round (by opening
    /// day) that has handed-in scores. One query; the latest round of each
    /// is picked here.
    pub async fn other_clients_item_means(
        &self,
        workspace_id: Id,
        template_id: Id,
        except_business: Id,
    ) -> Result<Vec<std::collections::HashMap<Id, f64>>> {
        let rows = sqlx::query(
            "SELECT r.business_id AS b, r.id AS r, ri.template_item_id AS k, \
             CAST(SUM(a.score) AS BIGINT) AS total, COUNT(a.score) AS n \
             FROM audit_rounds r JOIN rater_links l ON l.round_id = r.id \
             JOIN audit_answers a ON a.link_id = l.id \
             JOIN round_items ri ON ri.id = a.round_item_id \
             WHERE r.workspace_id = $1 AND r.template_id = $2 AND r.business_id <> $3 \
             AND a.score IS NOT NULL AND l.submitted_at IS NOT NULL \
             AND ri.template_item_id IS NOT NULL \
             GROUP BY r.business_id, r.id, r.opens_on, ri.template_item_id \
             ORDER BY r.business_id, r.opens_on DESC, r.id DESC",
        )
        .bind(workspace_id)
        .bind(template_id)
        .bind(except_business)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<std::collections::HashMap<Id, f64>> = Vec::new();
        // (business, its latest round) of the rows read so far.
        let mut current: Option<(Id, Id)> = None;
        for r in rows {
            let (b, round): (Id, Id) = (col(&r, "b")?, col(&r, "r")?);
            match current {
                Some((cb, cr)) if cb == b && cr != round => continue,
                Some((cb, _)) if cb == b => {}
                _ => {
                    current = Some((b, round));
                    out.push(std::collections::HashMap::new());
                }
            }
            let n: i64 = col(&r, "n")?;
            if n > 0 {
                if let Some(m) = out.last_mut() {
                    m.insert(col(&r, "k")?, col::<i64, _>(&r, "total")? as f64 / n as f64);
                }
            }
        }
        Ok(out)
    }

    pub async fn round_item_means(
        &self,
        workspace_id: Id,
        round_id: Id,
    ) -> Result<std::collections::HashMap<Id, f64>> {
        // From the round's links (indexed by round), not its items: answers
        // are keyed by link. Integers on both databases (PostgreSQL sums
        // BIGINTs as NUMERIC, hence the cast); the mean is taken here.
        let rows = sqlx::query(
            "SELECT ri.template_item_id AS k, CAST(SUM(a.score) AS BIGINT) AS total, COUNT(a.score) AS n \
             FROM rater_links l JOIN audit_answers a ON a.link_id = l.id \
             JOIN round_items ri ON ri.id = a.round_item_id \
             WHERE l.round_id = $1 AND l.workspace_id = $2 AND a.score IS NOT NULL \
             AND l.submitted_at IS NOT NULL \
             AND ri.template_item_id IS NOT NULL GROUP BY ri.template_item_id",
        )
        .bind(round_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = std::collections::HashMap::with_capacity(rows.len());
        for r in rows {
            let n: i64 = col(&r, "n")?;
            if n > 0 {
                out.insert(col(&r, "k")?, col::<i64, _>(&r, "total")? as f64 / n as f64);
            }
        }
        Ok(out)
    }

    /// How many of a round's raters handed in, of how many invited.
    pub async fn round_response_counts(
        &self,
        workspace_id: Id,
        round_id: Id,
    ) -> Result<(u32, u32)> {
        let row = sqlx::query(
            "SELECT COUNT(submitted_at) AS handed_in, COUNT(*) AS invited FROM rater_links \
             WHERE round_id = $1 AND workspace_id = $2",
        )
        .bind(round_id)
        .bind(workspace_id)
        .fetch_one(&self.pool)
        .await?;
        Ok((
            col::<i64, _>(&row, "handed_in")? as u32,
            col::<i64, _>(&row, "invited")? as u32,
        ))
    }

    pub async fn round(&self, workspace_id: Id, id: Id) -> Result<Round> {
        let row = sqlx::query(
            "SELECT id, business_id, template_id, name, opens_on, closes_on, closed FROM audit_rounds WHERE id = $1 AND workspace_id = $2",
        )
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("audit round"))?;
        let mut round = round_from(&row)?;
        round.branch_ids = self.round_branch_ids(id).await?;
        Ok(round)
    }

    pub async fn round_items(&self, round_id: Id) -> Result<Vec<RoundItem>> {
        sqlx::query(
            "SELECT id, template_item_id, phase, text, guidance, moment_id FROM round_items WHERE round_id = $1 \
             ORDER BY phase_position, position, id",
        )
        .bind(round_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(RoundItem {
                id: col(r, "id")?,
                template_item_id: col(r, "template_item_id")?,
                phase: col(r, "phase")?,
                text: col(r, "text")?,
                guidance: col(r, "guidance")?,
                moment_id: col(r, "moment_id")?,
            })
        })
        .collect()
    }

    pub async fn close_round(&self, workspace_id: Id, id: Id) -> Result<Round> {
        let res =
            sqlx::query("UPDATE audit_rounds SET closed = 1 WHERE id = $1 AND workspace_id = $2")
                .bind(id)
                .bind(workspace_id)
                .execute(&self.pool)
                .await?;
        if res.rows_affected() == 0 {
            return Err(StoreError::NotFound("audit round"));
        }
        self.round(workspace_id, id).await
    }
}
