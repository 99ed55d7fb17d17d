//! Rater links and what raters write through them.

use super::*;

impl Store {
    // ---- rater links ------------------------------------------------------------

    /// Creates `labels.len()` personal links; returns (link, token) pairs. The
    /// tokens are shown once: only their hashes are kept.
    pub async fn create_rater_links(
        &self,
        workspace_id: Id,
        round_id: Id,
        branch_id: Id,
        group: RaterGroup,
        labels: Vec<String>,
    ) -> Result<Vec<(RaterLink, String)>> {
        self.create_rater_links_once(workspace_id, round_id, branch_id, group, labels, None)
            .await
    }

    /// [`Store::create_rater_links`] once per client request. The links'
    /// addresses are shown once, so a repeat cannot answer them again: it is
    /// refused with a conflict that says so.
    pub(crate) async fn create_rater_links_once(
        &self,
        workspace_id: Id,
        round_id: Id,
        branch_id: Id,
        group: RaterGroup,
        labels: Vec<String>,
        req: Option<Request>,
    ) -> Result<Vec<(RaterLink, String)>> {
        let round = self.round(workspace_id, round_id).await?;
        may_invite(round.closed)?;
        if !round.branch_ids.contains(&branch_id) {
            return Err(StoreError::NotFound("branch"));
        }
        if labels.is_empty() || labels.len() > AuditLimits::LINKS_AT_ONCE {
            return Err(RuleError::invalid(
                "count",
                Msg::new("rule-links-count").arg("max", AuditLimits::LINKS_AT_ONCE),
            )
            .into());
        }
        let made = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let minted = made.clone();
        let done = request::make_once(&self.writer, workspace_id, req, move |conn| {
            Box::pin(async move {
                let mut rows = Vec::new();
                for label in labels {
                    let token = random_token();
                    let row = conn
                        .fetch_one(
                            "INSERT INTO rater_links (workspace_id, round_id, branch_id, rater_group, label, token_hash, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                            &[
                                workspace_id.into(),
                                round_id.into(),
                                branch_id.into(),
                                group.key().into(),
                                (&label).into(),
                                hash_token(&token).into(),
                                now_ms().into(),
                            ],
                        )
                        .await?;
                    let id: Id = col(&row, "id")?;
                    rows.push((id, label, token));
                }
                let first = rows.first().map_or(round_id, |r| r.0);
                *minted.lock().unwrap_or_else(|e| e.into_inner()) = rows;
                Ok((first, Vec::new()))
            })
        })
        .await?;
        if let request::Made::Before(_) = done {
            return Err(RuleError::Conflict(Msg::new("rule-links-made-already")).into());
        }
        let rows = std::mem::take(&mut *made.lock().unwrap_or_else(|e| e.into_inner()));
        let mut out = Vec::new();
        for (id, label, token) in rows {
            out.push((
                RaterLink {
                    id,
                    round_id,
                    branch_id,
                    group,
                    label,
                    answered: 0,
                    submitted: false,
                    reminded_at: None,
                },
                token,
            ));
        }
        Ok(out)
    }

    pub async fn rater_links(&self, workspace_id: Id, round_id: Id) -> Result<Vec<RaterLink>> {
        self.round(workspace_id, round_id).await?;
        sqlx::query(&format!(
            "SELECT {LINK_COLS} FROM rater_links l WHERE l.round_id = $1 ORDER BY l.id"
        ))
        .bind(round_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(link_from)
        .collect()
    }

    /// A reminder: a fresh token for the same link (answers stay); the old token stops working.
    pub async fn reissue_rater_link(&self, workspace_id: Id, link_id: Id) -> Result<String> {
        // A closed round takes no answer: a fresh link for it would be no use.
        let row = sqlx::query(
            "SELECT r.closed FROM rater_links l JOIN audit_rounds r ON r.id = l.round_id \
             WHERE l.id = $1 AND l.workspace_id = $2",
        )
        .bind(link_id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("rater link"))?;
        may_invite(col::<i64, _>(&row, "closed")? != 0)?;
        let token = random_token();
        let res = sqlx::query("UPDATE rater_links SET token_hash = $1, reminded_at = $2 WHERE id = $3 AND workspace_id = $4")
            .bind(hash_token(&token))
            .bind(now_ms())
            .bind(link_id)
            .bind(workspace_id)
            .execute(&self.pool)
            .await?;
        if res.rows_affected() == 0 {
            return Err(StoreError::NotFound("rater link"));
        }
        Ok(token)
    }

    /// Keeps the language a rater chose on their page with their link. An
    /// unknown link changes nothing.
    pub async fn set_rater_language(&self, token: &str, code: &str) -> Result<()> {
        sqlx::query("UPDATE rater_links SET language = $1 WHERE token_hash = $2")
            .bind(code)
            .bind(hash_token(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// What a rater sees, by their token.
    pub async fn rater_view(&self, token: &str) -> Result<RaterView> {
        let row = sqlx::query(&format!(
            "SELECT {LINK_COLS}, l.workspace_id, l.language, w.language AS workspace_language \
             FROM rater_links l JOIN workspaces w ON w.id = l.workspace_id WHERE l.token_hash = $1"
        ))
        .bind(hash_token(token))
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("audit link"))?;
        let link = link_from(&row)?;
        let ws: Id = col(&row, "workspace_id")?;
        let round = self.round(ws, link.round_id).await?;
        let business = self.business(ws, round.business_id).await?.name;
        let branch = self
            .branches(ws, round.business_id)
            .await?
            .into_iter()
            .find(|b| b.id == link.branch_id)
            .map_or(String::new(), |b| b.name);
        let items = self.round_items(round.id).await?;
        let answers = sqlx::query(
            "SELECT round_item_id, score, comment FROM audit_answers WHERE link_id = $1",
        )
        .bind(link.id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok((
                col(r, "round_item_id")?,
                col::<Option<i64>, _>(r, "score")?.map(|s| s as u8),
                col(r, "comment")?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(RaterView {
            link,
            workspace_id: ws,
            language: col(&row, "language")?,
            workspace_language: col(&row, "workspace_language")?,
            round,
            business,
            branch,
            items,
            answers,
        })
    }

    /// Saves one answer (an upsert: sending it again changes nothing).
    pub async fn save_answer(
        &self,
        token: &str,
        item_id: Id,
        answer: Answer,
        comment: &str,
    ) -> Result<()> {
        let comment = text::optional_text("comment", comment, AuditLimits::COMMENT)?;
        self.rater_write(
            token,
            RaterWrite::Answer {
                item_id,
                score: answer.score().map(|s| s as i64),
                comment,
            },
        )
        .await
    }

    /// Hands the audit in; afterwards the answers are final.
    pub async fn submit_audit(&self, token: &str) -> Result<()> {
        self.rater_write(token, RaterWrite::Submit).await
    }

    /// A rater's write: one guarded statement through the group-commit
    /// writer (a thousand raters share its fsyncs). Only when it changes
    /// nothing is the link looked at, to say why.
    async fn rater_write(&self, token: &str, write: RaterWrite) -> Result<()> {
        let item = match &write {
            RaterWrite::Answer { item_id, .. } => Some(*item_id),
            RaterWrite::Submit => None,
        };
        let job = RaterJob {
            token_hash: hash_token(token),
            today: date::format(date::today()),
            write,
        };
        match self.writer.apply(job).await {
            Err(StoreError::Rule(RuleError::Conflict(m))) if m.key == NOT_TAKEN => {
                let v = self.rater_view(token).await?;
                check_open(&v)?;
                if let Some(id) = item {
                    if !v.items.iter().any(|i| i.id == id) {
                        return Err(RuleError::invalid(
                            "item_id",
                            Msg::new("rule-item-not-in-audit"),
                        )
                        .into());
                    }
                }
                Err(RuleError::Conflict(Msg::new(NOT_TAKEN)).into())
            }
            other => other.map(|_| ()),
        }
    }

    /// Every score handed in for a round (not-applicable answers and the
    /// answers of raters who have not handed in left out: the statistics
    /// count what the response figures count).
    pub async fn round_scores(&self, workspace_id: Id, round_id: Id) -> Result<Vec<Score>> {
        let mut conn = self.pool.acquire().await?;
        results::round_in(&mut *conn, workspace_id, round_id).await?;
        results::round_scores_in(&mut *conn, round_id).await
    }

    /// The comments handed in for a round, with the rater's group and
    /// branch, never the rater (no label, no link).
    pub async fn round_comments(&self, workspace_id: Id, round_id: Id) -> Result<Vec<CommentRow>> {
        let mut conn = self.pool.acquire().await?;
        results::round_in(&mut *conn, workspace_id, round_id).await?;
        results::round_comments_in(&mut *conn, workspace_id, round_id).await
    }

    /// How many raters of a round have answers but have not handed in
    /// (their answers are not counted yet).
    pub async fn round_drafts(&self, workspace_id: Id, round_id: Id) -> Result<u32> {
        let mut conn = self.pool.acquire().await?;
        results::round_drafts_in(&mut *conn, workspace_id, round_id).await
    }
}

fn check_open(v: &RaterView) -> Result<()> {
    let today = date::today();
    if today < v.round.opens_on {
        return Err(RuleError::Conflict(
            Msg::new("rule-audit-not-open-yet").arg("date", date::format(v.round.opens_on)),
        )
        .into());
    }
    if today > v.round.closes_on {
        return Err(RuleError::Conflict(
            Msg::new("rule-audit-ended").arg("date", date::format(v.round.closes_on)),
        )
        .into());
    }
    if v.round.closed {
        return Err(RuleError::Conflict(Msg::new("rule-audit-closed")).into());
    }
    if v.link.submitted {
        return Err(RuleError::Conflict(Msg::new("rule-audit-handed-in")).into());
    }
    Ok(())
}

/// Why a rater's write changed nothing, when no more precise reason is found.
/// The key of the conflict for a link that no longer takes answers (the
/// writer's refusal, told apart from the reasons `check_open` can name).
const NOT_TAKEN: &str = "rule-audit-link-not-taking";

pub(crate) enum RaterWrite {
    Answer {
        item_id: Id,
        score: Option<i64>,
        comment: String,
    },
    Submit,
}

/// A rater's answer or hand-in, ready for the writer.
pub(crate) struct RaterJob {
    token_hash: String,
    /// Today, `YYYY-MM-DD`: the round must be open on it.
    today: String,
    write: RaterWrite,
}

crate::tx::command!(RaterJob, rater_write_in);

/// Runs a rater's write as one statement that checks, as it writes, that the
/// link is this token's, not handed in, its round open today and (for an
/// answer) the item part of the round: an answer racing a hand-in, a new link
/// or the round's closing never gets in.
pub(crate) async fn rater_write_in(tx: &mut impl Tx, job: RaterJob) -> Result<Vec<Committed>> {
    let now = now_ms();
    let changed = match job.write {
        RaterWrite::Answer {
            item_id,
            score,
            comment,
        } => {
            tx.execute(
                "INSERT INTO audit_answers (link_id, round_item_id, score, comment, updated_at) \
                 SELECT l.id, ri.id, $3, $4, $5 FROM rater_links l \
                 JOIN audit_rounds r ON r.id = l.round_id \
                 JOIN round_items ri ON ri.round_id = l.round_id \
                 WHERE l.token_hash = $1 AND ri.id = $2 AND l.submitted_at IS NULL \
                 AND r.closed = 0 AND r.opens_on <= $6 AND r.closes_on >= $6 \
                 ON CONFLICT (link_id, round_item_id) DO UPDATE SET score = $3, comment = $4, updated_at = $5",
                &[
                    job.token_hash.into(),
                    item_id.into(),
                    score.into(),
                    comment.into(),
                    now.into(),
                    job.today.into(),
                ],
            )
            .await?
        }
        RaterWrite::Submit => {
            tx.execute(
                "UPDATE rater_links SET submitted_at = $1 WHERE token_hash = $2 AND submitted_at IS NULL \
                 AND EXISTS (SELECT 1 FROM audit_rounds r WHERE r.id = rater_links.round_id \
                 AND r.closed = 0 AND r.opens_on <= $3 AND r.closes_on >= $3)",
                &[now.into(), job.token_hash.into(), job.today.into()],
            )
            .await?
        }
    };
    if changed == 0 {
        return Err(RuleError::Conflict(Msg::new(NOT_TAKEN)).into());
    }
    Ok(Vec::new())
}
