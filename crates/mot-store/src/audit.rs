//! Touchpoint audits: standards, branches, templates, rounds, rater links and
//! answers. Raters reach their audit by a personal link whose token is stored
//! hashed; answers are upserts keyed by (link, item), so a retry after a lost
//! connection never counts twice.

use crate::request::{self, Request};
use crate::tx::{col, Tx};
use crate::{hash_token, now_ms, random_token, Committed, Result, Store, StoreError};
use mot_core::audit::{default_template, may_invite, Answer, AuditLimits, CommentRow, RaterGroup};
use mot_core::date;
use mot_core::text::{self, RuleError};
use mot_core::Id;
use sqlx::any::AnyRow;
use time::Date;

#[derive(Debug, Clone, PartialEq)]
pub struct Standard {
    pub moment_id: Id,
    pub experience: String,
    pub highs: String,
    pub risks: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub id: Id,
    pub business_id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TemplateItem {
    pub id: Id,
    pub phase: String,
    pub phase_position: i64,
    pub text: String,
    pub guidance: String,
    pub moment_id: Option<Id>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: Id,
    pub name: String,
    pub items: Vec<TemplateItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub id: Id,
    pub business_id: Id,
    pub template_id: Id,
    pub name: String,
    pub opens_on: Date,
    pub closes_on: Date,
    pub closed: bool,
    pub branch_ids: Vec<Id>,
}

/// An item of a round (a snapshot of the template item when the round started).
#[derive(Debug, Clone, PartialEq)]
pub struct RoundItem {
    pub id: Id,
    pub template_item_id: Option<Id>,
    pub phase: String,
    pub text: String,
    pub guidance: String,
    pub moment_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RaterLink {
    pub id: Id,
    pub round_id: Id,
    pub branch_id: Id,
    pub group: RaterGroup,
    pub label: String,
    pub answered: u32,
    pub submitted: bool,
    pub reminded_at: Option<i64>,
}

/// What a rater's page needs.
#[derive(Debug, Clone)]
pub struct RaterView {
    pub link: RaterLink,
    pub workspace_id: Id,
    pub round: Round,
    pub business: String,
    pub branch: String,
    pub items: Vec<RoundItem>,
    /// (item id, score or None for not applicable, comment)
    pub answers: Vec<(Id, Option<u8>, String)>,
}

/// One score in a round, for the results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub item_id: Id,
    pub branch_id: Id,
    pub group: RaterGroup,
    pub score: u8,
}

fn bad(what: &str) -> StoreError {
    StoreError::Config(format!("bad {what} in the database"))
}

fn round_from(r: &AnyRow) -> Result<Round> {
    let o: String = col(r, "opens_on")?;
    let c: String = col(r, "closes_on")?;
    Ok(Round {
        id: col(r, "id")?,
        business_id: col(r, "business_id")?,
        template_id: col(r, "template_id")?,
        name: col(r, "name")?,
        opens_on: date::parse("d", &o).map_err(|_| bad("date"))?,
        closes_on: date::parse("d", &c).map_err(|_| bad("date"))?,
        closed: col::<i64, _>(r, "closed")? != 0,
        branch_ids: Vec::new(),
    })
}

fn link_from(r: &AnyRow) -> Result<RaterLink> {
    let g: String = col(r, "rater_group")?;
    Ok(RaterLink {
        id: col(r, "id")?,
        round_id: col(r, "round_id")?,
        branch_id: col(r, "branch_id")?,
        group: RaterGroup::from_key(&g).ok_or_else(|| bad("rater group"))?,
        label: col(r, "label")?,
        answered: col::<i64, _>(r, "answered")? as u32,
        submitted: col::<Option<i64>, _>(r, "submitted_at")?.is_some(),
        reminded_at: col(r, "reminded_at")?,
    })
}

const LINK_COLS: &str =
    "l.id, l.round_id, l.branch_id, l.rater_group, l.label, l.submitted_at, l.reminded_at, \
     (SELECT COUNT(*) FROM audit_answers a WHERE a.link_id = l.id) AS answered";

impl Store {
    // ---- standards ------------------------------------------------------

    /// Writes the standard of a moment (owner-level checks are the caller's).
    pub async fn set_standard(
        &self,
        workspace_id: Id,
        moment_id: Id,
        experience: &str,
        highs: &str,
        risks: &str,
    ) -> Result<Standard> {
        let t = |field, v| text::optional_text(field, v, AuditLimits::STANDARD);
        let (experience, highs, risks) = (
            t("experience", experience)?,
            t("highs", highs)?,
            t("risks", risks)?,
        );
        self.moment(workspace_id, moment_id).await?;
        sqlx::query(
            "INSERT INTO standards (moment_id, workspace_id, experience, highs, risks, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (moment_id) DO UPDATE SET experience = $3, highs = $4, risks = $5, updated_at = $6",
        )
        .bind(moment_id)
        .bind(workspace_id)
        .bind(&experience)
        .bind(&highs)
        .bind(&risks)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(Standard {
            moment_id,
            experience,
            highs,
            risks,
        })
    }

    /// The standards of a journey's moments.
    pub async fn standards(&self, workspace_id: Id, journey_id: Id) -> Result<Vec<Standard>> {
        let rows = sqlx::query(
            "SELECT s.moment_id, s.experience, s.highs, s.risks FROM standards s JOIN moments m ON m.id = s.moment_id \
             WHERE m.journey_id = $1 AND s.workspace_id = $2 AND m.deleted_at IS NULL",
        )
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Standard {
                    moment_id: col(r, "moment_id")?,
                    experience: col(r, "experience")?,
                    highs: col(r, "highs")?,
                    risks: col(r, "risks")?,
                })
            })
            .collect()
    }

    // ---- branches ---------------------------------------------------------

    pub async fn add_branch(
        &self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
    ) -> Result<Branch> {
        self.add_branch_once(workspace_id, business_id, name, None)
            .await
    }

    pub(crate) async fn add_branch_once(
        &self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
        req: Option<Request>,
    ) -> Result<Branch> {
        let name = text::required_line("name", name, AuditLimits::BRANCH_NAME)?;
        self.business(workspace_id, business_id).await?;
        let made = request::make_once(&self.writer, workspace_id, req, move |conn| {
            Box::pin(async move {
                let row = conn
                    .fetch_one(
                        "INSERT INTO branches (workspace_id, business_id, name, created_at) \
                         VALUES ($1, $2, $3, $4) RETURNING id",
                        &[
                            workspace_id.into(),
                            business_id.into(),
                            (&name).into(),
                            now_ms().into(),
                        ],
                    )
                    .await?;
                Ok((col(&row, "id")?, Vec::new()))
            })
        })
        .await?;
        self.branches(workspace_id, business_id)
            .await?
            .into_iter()
            .find(|b| b.id == made.id())
            .ok_or(StoreError::NotFound("branch"))
    }

    pub async fn branches(&self, workspace_id: Id, business_id: Id) -> Result<Vec<Branch>> {
        let rows = sqlx::query("SELECT id, business_id, name FROM branches WHERE business_id = $1 AND workspace_id = $2 ORDER BY name, id")
            .bind(business_id)
            .bind(workspace_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Branch {
                    id: col(r, "id")?,
                    business_id: col(r, "business_id")?,
                    name: col(r, "name")?,
                })
            })
            .collect()
    }

    // ---- templates ----------------------------------------------------------

    /// Creates a template; `items` are (phase, text, guidance, moment).
    pub async fn create_template(
        &self,
        workspace_id: Id,
        name: &str,
        items: Vec<(String, String, String, Option<Id>)>,
    ) -> Result<Template> {
        self.create_template_once(workspace_id, name, items, None)
            .await
    }

    pub(crate) async fn create_template_once(
        &self,
        workspace_id: Id,
        name: &str,
        items: Vec<(String, String, String, Option<Id>)>,
        req: Option<Request>,
    ) -> Result<Template> {
        let name = name.to_string();
        let made = request::make_once(&self.writer, workspace_id, req, move |conn| {
                Box::pin(async move {
                    let row = sqlx::query("INSERT INTO audit_templates (workspace_id, name, created_at) VALUES ($1, $2, $3) RETURNING id")
                        .bind(workspace_id)
                        .bind(&name)
                        .bind(now_ms())
                        .fetch_one(&mut *conn)
                        .await?;
                    let id: Id = col(&row, "id")?;
                    let mut phases: Vec<String> = Vec::new();
                    for (i, (phase, text, guidance, moment)) in items.iter().enumerate() {
                        let pp = match phases.iter().position(|p| p == phase) {
                            Some(p) => p,
                            None => {
                                phases.push(phase.clone());
                                phases.len() - 1
                            }
                        };
                        sqlx::query(
                            "INSERT INTO template_items (template_id, phase, phase_position, text, guidance, moment_id, position, removed) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, 0)",
                        )
                        .bind(id)
                        .bind(phase)
                        .bind(pp as i64)
                        .bind(text)
                        .bind(guidance)
                        .bind(*moment)
                        .bind(i as i64)
                        .execute(&mut *conn)
                        .await?;
                    }
                    Ok((id, Vec::new()))
                })
            })
            .await?;
        self.template(workspace_id, made.id()).await
    }

    /// The method's default 15-item template.
    pub async fn create_default_template(&self, workspace_id: Id) -> Result<Template> {
        self.create_default_template_once(workspace_id, None).await
    }

    pub(crate) async fn create_default_template_once(
        &self,
        workspace_id: Id,
        req: Option<Request>,
    ) -> Result<Template> {
        let items = default_template()
            .into_iter()
            .flat_map(|(phase, items)| {
                items
                    .into_iter()
                    .map(move |t| (phase.to_string(), t.to_string(), String::new(), None))
            })
            .collect();
        self.create_template_once(workspace_id, "Moments of Truth audit", items, req)
            .await
    }

    /// A template from a journey: one item per moment, its stage as the phase,
    /// its standard as the guidance.
    pub async fn create_template_from_journey(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<Template> {
        self.create_template_from_journey_once(workspace_id, journey_id, None)
            .await
    }

    pub(crate) async fn create_template_from_journey_once(
        &self,
        workspace_id: Id,
        journey_id: Id,
        req: Option<Request>,
    ) -> Result<Template> {
        let journey = self.journey(workspace_id, journey_id).await?;
        let stages = self.stages(workspace_id, journey_id).await?;
        let standards = self.standards(workspace_id, journey_id).await?;
        let items = self
            .moments(workspace_id, journey_id)
            .await?
            .into_iter()
            .map(|m| {
                let phase = stages
                    .iter()
                    .find(|s| s.id == m.stage_id)
                    .map_or("Moments".to_string(), |s| s.name.clone());
                let guidance = standards
                    .iter()
                    .find(|s| s.moment_id == m.id)
                    .map_or(String::new(), |s| s.experience.clone());
                (phase, m.title, guidance, Some(m.id))
            })
            .collect::<Vec<_>>();
        if items.is_empty() {
            return Err(RuleError::Conflict(
                "This journey has no moments yet: capture some first.".into(),
            )
            .into());
        }
        self.create_template_once(workspace_id, &format!("{} audit", journey.name), items, req)
            .await
    }

    pub async fn templates(&self, workspace_id: Id) -> Result<Vec<(Id, String)>> {
        let rows =
            sqlx::query("SELECT id, name FROM audit_templates WHERE workspace_id = $1 ORDER BY id")
                .bind(workspace_id)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| Ok((col(r, "id")?, col(r, "name")?)))
            .collect()
    }

    pub async fn template(&self, workspace_id: Id, id: Id) -> Result<Template> {
        let row =
            sqlx::query("SELECT id, name FROM audit_templates WHERE id = $1 AND workspace_id = $2")
                .bind(id)
                .bind(workspace_id)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NotFound("template"))?;
        let items = sqlx::query(
            "SELECT id, phase, phase_position, text, guidance, moment_id, position FROM template_items \
             WHERE template_id = $1 AND removed = 0 ORDER BY phase_position, position, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(TemplateItem {
                id: col(r, "id")?,
                phase: col(r, "phase")?,
                phase_position: col(r, "phase_position")?,
                text: col(r, "text")?,
                guidance: col(r, "guidance")?,
                moment_id: col(r, "moment_id")?,
                position: col(r, "position")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(Template {
            id: col(&row, "id")?,
            name: col(&row, "name")?,
            items,
        })
    }

    /// Adds an item at the end of a phase (a new phase goes last).
    pub async fn add_template_item(
        &self,
        workspace_id: Id,
        template_id: Id,
        phase: &str,
        text: &str,
        guidance: &str,
        moment_id: Option<Id>,
    ) -> Result<TemplateItem> {
        self.add_template_item_once(
            workspace_id,
            template_id,
            phase,
            text,
            guidance,
            moment_id,
            None,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn add_template_item_once(
        &self,
        workspace_id: Id,
        template_id: Id,
        phase: &str,
        text: &str,
        guidance: &str,
        moment_id: Option<Id>,
        req: Option<Request>,
    ) -> Result<TemplateItem> {
        let phase = text::required_line("phase", phase, AuditLimits::PHASE)?;
        let (text, guidance) = item_texts(text, guidance)?;
        let t = self.template(workspace_id, template_id).await?;
        if let Some(m) = moment_id {
            self.moment(workspace_id, m).await?;
        }
        let pp = t
            .items
            .iter()
            .find(|i| i.phase == phase)
            .map(|i| i.phase_position)
            .unwrap_or_else(|| {
                t.items
                    .iter()
                    .map(|i| i.phase_position + 1)
                    .max()
                    .unwrap_or(0)
            });
        let pos = t.items.iter().map(|i| i.position + 1).max().unwrap_or(0);
        let made = request::make_once(&self.writer, workspace_id, req, move |conn| {
            Box::pin(async move {
                let row = conn
                    .fetch_one(
                        "INSERT INTO template_items (template_id, phase, phase_position, text, guidance, moment_id, position, removed) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, 0) RETURNING id",
                        &[
                            template_id.into(),
                            (&phase).into(),
                            pp.into(),
                            (&text).into(),
                            (&guidance).into(),
                            moment_id.into(),
                            pos.into(),
                        ],
                    )
                    .await?;
                Ok((col(&row, "id")?, Vec::new()))
            })
        })
        .await?;
        self.template(workspace_id, template_id)
            .await?
            .items
            .into_iter()
            .find(|i| i.id == made.id())
            .ok_or(StoreError::NotFound("item"))
    }

    /// Rewords an item, changes its guidance or moment, or removes it. Rounds
    /// already started keep their own copy of the item.
    #[allow(clippy::too_many_arguments)]
    pub async fn update_template_item(
        &self,
        workspace_id: Id,
        template_id: Id,
        item_id: Id,
        text: &str,
        guidance: &str,
        moment_id: Option<Id>,
        removed: bool,
    ) -> Result<()> {
        let (text, guidance) = item_texts(text, guidance)?;
        self.template(workspace_id, template_id).await?;
        if let Some(m) = moment_id {
            self.moment(workspace_id, m).await?;
        }
        let res = sqlx::query(
            "UPDATE template_items SET text = $1, guidance = $2, moment_id = $3, removed = $4 WHERE id = $5 AND template_id = $6",
        )
        .bind(text)
        .bind(guidance)
        .bind(moment_id)
        .bind(removed as i64)
        .bind(item_id)
        .bind(template_id)
        .execute(&self.pool)
        .await?;
        if res.rows_affected() == 0 {
            return Err(StoreError::NotFound("item"));
        }
        Ok(())
    }

    /// Moves a whole phase up (-1) or down (+1) among the template's phases.
    pub async fn move_template_phase(
        &self,
        workspace_id: Id,
        template_id: Id,
        phase: &str,
        delta: i64,
    ) -> Result<()> {
        self.move_template_phase_once(workspace_id, template_id, phase, delta, None)
            .await
    }

    /// [`Store::move_template_phase`] in one transaction, once per client
    /// request (a re-sent "move up" moves once).
    pub(crate) async fn move_template_phase_once(
        &self,
        workspace_id: Id,
        template_id: Id,
        phase: &str,
        delta: i64,
        req: Option<Request>,
    ) -> Result<()> {
        let t = self.template(workspace_id, template_id).await?;
        let mut order: Vec<i64> = Vec::new();
        for i in &t.items {
            if !order.contains(&i.phase_position) {
                order.push(i.phase_position);
            }
        }
        let at = t
            .items
            .iter()
            .find(|i| i.phase == phase)
            .and_then(|i| order.iter().position(|p| *p == i.phase_position))
            .ok_or(StoreError::NotFound("phase"))?;
        let to = (at as i64 + delta).clamp(0, order.len() as i64 - 1) as usize;
        let moved = order.remove(at);
        order.insert(to, moved);
        request::make_once(&self.writer, workspace_id, req, move |conn| {
            Box::pin(async move {
                // Renumber every phase 0, 1, 2… in the new order (via negative
                // numbers first, so no two phases share a number half-way).
                for (new, old) in order.iter().enumerate() {
                    conn.execute(
                        "UPDATE template_items SET phase_position = $1 WHERE template_id = $2 AND phase_position = $3",
                        &[(-(new as i64) - 1).into(), template_id.into(), (*old).into()],
                    )
                    .await?;
                }
                conn.execute(
                    "UPDATE template_items SET phase_position = -phase_position - 1 WHERE template_id = $1 AND phase_position < 0",
                    &[template_id.into()],
                )
                .await?;
                Ok((template_id, Vec::new()))
            })
        })
        .await?;
        Ok(())
    }

    /// Moves an item up (-1) or down (+1) within its phase.
    pub async fn move_template_item(
        &self,
        workspace_id: Id,
        template_id: Id,
        item_id: Id,
        delta: i64,
    ) -> Result<()> {
        self.move_template_item_once(workspace_id, template_id, item_id, delta, None)
            .await
    }

    /// [`Store::move_template_item`] in one transaction, once per client
    /// request.
    pub(crate) async fn move_template_item_once(
        &self,
        workspace_id: Id,
        template_id: Id,
        item_id: Id,
        delta: i64,
        req: Option<Request>,
    ) -> Result<()> {
        let t = self.template(workspace_id, template_id).await?;
        let item = t
            .items
            .iter()
            .find(|i| i.id == item_id)
            .ok_or(StoreError::NotFound("item"))?;
        let mut same: Vec<&TemplateItem> = t
            .items
            .iter()
            .filter(|i| i.phase_position == item.phase_position)
            .collect();
        let at = same.iter().position(|i| i.id == item_id).unwrap_or(0) as i64;
        let to = (at + delta).clamp(0, same.len() as i64 - 1) as usize;
        let moved = same.remove(at as usize);
        same.insert(to, moved);
        let base = same.iter().map(|i| i.position).min().unwrap_or(0);
        let ids: Vec<Id> = same.iter().map(|i| i.id).collect();
        request::make_once(&self.writer, workspace_id, req, move |conn| {
            Box::pin(async move {
                for (i, id) in ids.iter().enumerate() {
                    conn.execute(
                        "UPDATE template_items SET position = $1 WHERE id = $2",
                        &[(base + i as i64).into(), (*id).into()],
                    )
                    .await?;
                }
                Ok((template_id, Vec::new()))
            })
        })
        .await?;
        Ok(())
    }

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
            return Err(RuleError::Conflict(
                "This template has no items: add some before starting a round.".into(),
            )
            .into());
        }
        if closes_on < opens_on {
            return Err(RuleError::invalid("closes_on", "is before the opening date").into());
        }
        let own = self.branches(workspace_id, business_id).await?;
        if branch_ids.is_empty() {
            return Err(RuleError::invalid("branches", "choose at least one branch").into());
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
                format!(
                    "make between 1 and {} links at a time",
                    AuditLimits::LINKS_AT_ONCE
                ),
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
            return Err(RuleError::Conflict(
                "These rater links were made already by this same request. Their addresses are \
                 shown only once: reissue a link on the round's page to get a new address."
                    .into(),
            )
            .into());
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

    /// What a rater sees, by their token.
    pub async fn rater_view(&self, token: &str) -> Result<RaterView> {
        let row = sqlx::query(&format!(
            "SELECT {LINK_COLS}, l.workspace_id FROM rater_links l WHERE l.token_hash = $1"
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
            Err(StoreError::Rule(RuleError::Conflict(m))) if m == NOT_TAKEN => {
                let v = self.rater_view(token).await?;
                check_open(&v)?;
                if let Some(id) = item {
                    if !v.items.iter().any(|i| i.id == id) {
                        return Err(RuleError::invalid(
                            "item_id",
                            "this item is not part of this audit",
                        )
                        .into());
                    }
                }
                Err(RuleError::Conflict(NOT_TAKEN.into()).into())
            }
            other => other.map(|_| ()),
        }
    }

    /// Every score handed in for a round (not-applicable answers and the
    /// answers of raters who have not handed in left out: the statistics
    /// count what the response figures count).
    pub async fn round_scores(&self, workspace_id: Id, round_id: Id) -> Result<Vec<Score>> {
        self.round(workspace_id, round_id).await?;
        sqlx::query(
            "SELECT a.round_item_id, l.branch_id, l.rater_group, a.score FROM audit_answers a JOIN rater_links l ON l.id = a.link_id \
             WHERE l.round_id = $1 AND a.score IS NOT NULL AND l.submitted_at IS NOT NULL",
        )
        .bind(round_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let g: String = col(r, "rater_group")?;
            Ok(Score {
                item_id: col(r, "round_item_id")?,
                branch_id: col(r, "branch_id")?,
                group: RaterGroup::from_key(&g).ok_or_else(|| bad("group"))?,
                score: col::<i64, _>(r, "score")? as u8,
            })
        })
        .collect()
    }

    /// The comments handed in for a round, with the rater's group and
    /// branch, never the rater (no label, no link).
    pub async fn round_comments(&self, workspace_id: Id, round_id: Id) -> Result<Vec<CommentRow>> {
        self.round(workspace_id, round_id).await?;
        sqlx::query(
            "SELECT a.round_item_id, l.branch_id, l.rater_group, a.comment FROM audit_answers a JOIN rater_links l ON l.id = a.link_id \
             WHERE l.round_id = $1 AND l.workspace_id = $2 AND l.submitted_at IS NOT NULL AND a.comment <> ''",
        )
        .bind(round_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let g: String = col(r, "rater_group")?;
            Ok(CommentRow {
                item_id: col(r, "round_item_id")?,
                branch_id: col(r, "branch_id")?,
                group: RaterGroup::from_key(&g).ok_or_else(|| bad("group"))?,
                text: col(r, "comment")?,
            })
        })
        .collect()
    }

    /// How many raters of a round have answers but have not handed in
    /// (their answers are not counted yet).
    pub async fn round_drafts(&self, workspace_id: Id, round_id: Id) -> Result<u32> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM rater_links l WHERE l.round_id = $1 AND l.workspace_id = $2 \
             AND l.submitted_at IS NULL AND EXISTS (SELECT 1 FROM audit_answers a WHERE a.link_id = l.id)",
        )
        .bind(round_id)
        .bind(workspace_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(col::<i64, _>(&row, "n")? as u32)
    }
}

fn check_open(v: &RaterView) -> Result<()> {
    let today = date::today();
    if today < v.round.opens_on {
        return Err(RuleError::Conflict(format!(
            "This audit opens on {}; please come back then.",
            date::format(v.round.opens_on)
        ))
        .into());
    }
    if today > v.round.closes_on {
        return Err(RuleError::Conflict(format!(
            "This audit closed on {}; thank you, no more answers can be taken.",
            date::format(v.round.closes_on)
        ))
        .into());
    }
    if v.round.closed {
        return Err(RuleError::Conflict(
            "This audit is closed; thank you, no more answers can be taken.".into(),
        )
        .into());
    }
    if v.link.submitted {
        return Err(RuleError::Conflict(
            "You already handed in this audit; thank you. Answers cannot be changed now.".into(),
        )
        .into());
    }
    Ok(())
}

/// What the board shows on a note besides its text: whether it has a
/// standard, and its latest audit score (mean of the handed-in scores of the
/// latest round of the moment's own business that scored it).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NoteExtras {
    pub has_standard: bool,
    pub latest_score: Option<f64>,
}

impl Store {
    /// The extras of every note of a journey.
    pub async fn journey_extras(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<std::collections::HashMap<Id, NoteExtras>> {
        self.extras_where(workspace_id, "m.journey_id = $1", journey_id)
            .await
    }

    /// The extras of one note.
    pub async fn moment_extras(&self, workspace_id: Id, moment_id: Id) -> Result<NoteExtras> {
        Ok(self
            .extras_where(workspace_id, "m.id = $1", moment_id)
            .await?
            .remove(&moment_id)
            .unwrap_or_default())
    }

    async fn extras_where(
        &self,
        workspace_id: Id,
        cond: &str,
        arg: Id,
    ) -> Result<std::collections::HashMap<Id, NoteExtras>> {
        let mut out: std::collections::HashMap<Id, NoteExtras> = std::collections::HashMap::new();
        for r in sqlx::query(&format!(
            "SELECT s.moment_id FROM standards s JOIN moments m ON m.id = s.moment_id WHERE {cond} AND m.workspace_id = $2"
        ))
        .bind(arg)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?
        {
            out.entry(col(&r, "moment_id")?).or_default().has_standard = true;
        }
        // Only rounds of the moment's own business count (a template, and
        // so an item linked to a moment, can serve every business of the
        // workspace), and only handed-in answers.
        let rows = sqlx::query(&format!(
            "SELECT ri.moment_id, ri.round_id, a.score FROM audit_answers a JOIN round_items ri ON ri.id = a.round_item_id \
             JOIN rater_links l ON l.id = a.link_id \
             JOIN audit_rounds r ON r.id = ri.round_id \
             JOIN moments m ON m.id = ri.moment_id JOIN journeys j ON j.id = m.journey_id \
             WHERE {cond} AND m.workspace_id = $2 AND a.score IS NOT NULL \
             AND l.submitted_at IS NOT NULL AND r.business_id = j.business_id"
        ))
        .bind(arg)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        // Per moment: the scores of its latest round.
        let mut latest: std::collections::HashMap<Id, (Id, Vec<i64>)> =
            std::collections::HashMap::new();
        for r in rows {
            let (m, round, score): (Id, Id, i64) = (
                col(&r, "moment_id")?,
                col(&r, "round_id")?,
                col(&r, "score")?,
            );
            let e = latest.entry(m).or_insert((round, Vec::new()));
            if round > e.0 {
                *e = (round, Vec::new());
            }
            if round == e.0 {
                e.1.push(score);
            }
        }
        for (m, (_, scores)) in latest {
            if !scores.is_empty() {
                out.entry(m).or_default().latest_score =
                    Some(scores.iter().sum::<i64>() as f64 / scores.len() as f64);
            }
        }
        Ok(out)
    }
}

/// An item's text and guidance, checked.
fn item_texts(text: &str, guidance: &str) -> Result<(String, String)> {
    Ok((
        text::required_line("text", text, AuditLimits::ITEM_TEXT)?,
        text::optional_text("guidance", guidance, AuditLimits::GUIDANCE)?,
    ))
}

/// Why a rater's write changed nothing, when no more precise reason is found.
const NOT_TAKEN: &str = "This audit link no longer takes answers (handed in, replaced or closed).";

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
        return Err(RuleError::Conflict(NOT_TAKEN.into()).into());
    }
    Ok(Vec::new())
}
