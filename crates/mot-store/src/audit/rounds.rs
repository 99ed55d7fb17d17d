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
        let mut conn = self.pool.acquire().await?;
        results::rounds_in(&mut *conn, workspace_id, business_id).await
    }

    /// The business's round made before `round_id`, if any.
    pub async fn previous_round(
        &self,
        workspace_id: Id,
        business_id: Id,
        round_id: Id,
    ) -> Result<Option<Round>> {
        let mut conn = self.pool.acquire().await?;
        results::previous_round_in(&mut *conn, workspace_id, business_id, round_id).await
    }

    /// A round's mean score per template item (its items' keys across
    /// rounds), counted in the database: for the change since a round.
    /// Only handed-in answers count.
    pub async fn round_item_means(
        &self,
        workspace_id: Id,
        round_id: Id,
    ) -> Result<std::collections::HashMap<Id, f64>> {
        let mut conn = self.pool.acquire().await?;
        results::round_item_means_in(&mut *conn, workspace_id, round_id).await
    }

    /// How many of a round's raters handed in, of how many invited.
    pub async fn round_response_counts(
        &self,
        workspace_id: Id,
        round_id: Id,
    ) -> Result<(u32, u32)> {
        let mut conn = self.pool.acquire().await?;
        results::round_response_counts_in(&mut *conn, workspace_id, round_id).await
    }

    pub async fn round(&self, workspace_id: Id, id: Id) -> Result<Round> {
        let mut conn = self.pool.acquire().await?;
        results::round_in(&mut *conn, workspace_id, id).await
    }

    pub async fn round_items(&self, round_id: Id) -> Result<Vec<RoundItem>> {
        let mut conn = self.pool.acquire().await?;
        results::round_items_in(&mut *conn, round_id).await
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
