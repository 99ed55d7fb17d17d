//! Audit templates: their items and phases.

use super::*;

impl Store {
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
            return Err(RuleError::Conflict(Msg::new("rule-template-no-moments")).into());
        }
        self.create_template_once(workspace_id, &format!("{} audit", journey.name), items, req)
            .await
    }

    /// A template from an audit round of one of the workspace's clients:
    /// its items as the round asked them (phases, texts, guidance, the
    /// moments they are linked to), named after the round.
    pub async fn create_template_from_round(
        &self,
        workspace_id: Id,
        round_id: Id,
        name: &str,
    ) -> Result<Template> {
        self.create_template_from_round_once(workspace_id, round_id, name, None)
            .await
    }

    pub(crate) async fn create_template_from_round_once(
        &self,
        workspace_id: Id,
        round_id: Id,
        name: &str,
        req: Option<Request>,
    ) -> Result<Template> {
        self.round(workspace_id, round_id).await?;
        let items = self
            .round_items(round_id)
            .await?
            .into_iter()
            .map(|i| (i.phase, i.text, i.guidance, i.moment_id))
            .collect::<Vec<_>>();
        if items.is_empty() {
            return Err(RuleError::Conflict(Msg::new("rule-template-no-moments")).into());
        }
        self.create_template_once(workspace_id, name, items, req)
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
}

/// An item's text and guidance, checked.
fn item_texts(text: &str, guidance: &str) -> Result<(String, String)> {
    Ok((
        text::required_line("text", text, AuditLimits::ITEM_TEXT)?,
        text::optional_text("guidance", guidance, AuditLimits::GUIDANCE)?,
    ))
}
