//! Journey templates of a workspace: outlines in versions, and which
//! journeys were made from which version (with the records each key of the
//! outline stands for in them).

use crate::tx::col;
use crate::{now_ms, Result, Store, StoreError};
use mot_core::outline::Outline;
use mot_core::{Id, Millis};
use sqlx::any::AnyRow;
use std::collections::HashMap;

/// A journey template: its latest version's number.
#[derive(Debug, Clone, PartialEq)]
pub struct JourneyTemplate {
    pub id: Id,
    pub workspace_id: Id,
    pub name: String,
    pub version: i64,
    /// The journey it was saved from (its later versions are saved from it
    /// too).
    pub source_journey_id: Option<Id>,
    pub updated_at: Millis,
}

/// The stage or moment of a journey one key of its template stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyed {
    Stage(Id),
    Moment(Id),
}

const COLS: &str = "id, workspace_id, name, version, source_journey_id, updated_at";

fn template_from(r: &AnyRow) -> Result<JourneyTemplate> {
    Ok(JourneyTemplate {
        id: col(r, "id")?,
        workspace_id: col(r, "workspace_id")?,
        name: col(r, "name")?,
        version: col(r, "version")?,
        source_journey_id: col(r, "source_journey_id")?,
        updated_at: col(r, "updated_at")?,
    })
}

fn to_json(outline: &Outline) -> Result<String> {
    serde_json::to_string(outline).map_err(|e| StoreError::Config(e.to_string()))
}

impl Store {
    /// Keeps an outline as a new template (version 1).
    pub async fn create_journey_template(
        &self,
        workspace_id: Id,
        name: &str,
        source_journey_id: Option<Id>,
        outline: &Outline,
    ) -> Result<JourneyTemplate> {
        outline.check()?;
        let json = to_json(outline)?;
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(&format!(
            "INSERT INTO journey_templates (workspace_id, name, version, source_journey_id, \
             created_at, updated_at) VALUES ($1, $2, 1, $3, $4, $4) RETURNING {COLS}"
        ))
        .bind(workspace_id)
        .bind(name)
        .bind(source_journey_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let t = template_from(&r)?;
        sqlx::query(
            "INSERT INTO journey_template_versions (template_id, version, outline, created_at) \
             VALUES ($1, 1, $2, $3)",
        )
        .bind(t.id)
        .bind(&json)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(t)
    }

    /// Keeps an outline as the template's next version, unless it is the
    /// same as the latest. Answers the template as it now is.
    pub async fn update_journey_template(
        &self,
        workspace_id: Id,
        id: Id,
        outline: &Outline,
    ) -> Result<JourneyTemplate> {
        outline.check()?;
        let t = self.journey_template(workspace_id, id).await?;
        if self
            .journey_template_outline(workspace_id, id, t.version)
            .await?
            == *outline
        {
            return Ok(t);
        }
        let json = to_json(outline)?;
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        // Only from the version read: two updates at once make one each.
        let r = sqlx::query(&format!(
            "UPDATE journey_templates SET version = version + 1, updated_at = $3 \
             WHERE id = $1 AND workspace_id = $2 RETURNING {COLS}"
        ))
        .bind(id)
        .bind(workspace_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("template"))?;
        let t = template_from(&r)?;
        sqlx::query(
            "INSERT INTO journey_template_versions (template_id, version, outline, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(t.version)
        .bind(&json)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(t)
    }

    /// The workspace's journey templates, newest change first.
    pub async fn journey_templates(&self, workspace_id: Id) -> Result<Vec<JourneyTemplate>> {
        sqlx::query(&format!(
            "SELECT {COLS} FROM journey_templates WHERE workspace_id = $1 \
             ORDER BY updated_at DESC, id DESC"
        ))
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(template_from)
        .collect()
    }

    pub async fn journey_template(&self, workspace_id: Id, id: Id) -> Result<JourneyTemplate> {
        let r = sqlx::query(&format!(
            "SELECT {COLS} FROM journey_templates WHERE id = $1 AND workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("template"))?;
        template_from(&r)
    }

    /// The outline of one version of a template.
    pub async fn journey_template_outline(
        &self,
        workspace_id: Id,
        id: Id,
        version: i64,
    ) -> Result<Outline> {
        let r = sqlx::query(
            "SELECT v.outline FROM journey_template_versions v \
             JOIN journey_templates t ON t.id = v.template_id \
             WHERE v.template_id = $1 AND t.workspace_id = $2 AND v.version = $3",
        )
        .bind(id)
        .bind(workspace_id)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("template"))?;
        let json: String = col(&r, "outline")?;
        serde_json::from_str(&json).map_err(|e| StoreError::Config(e.to_string()))
    }

    /// Records that a journey took up a template's version, with the
    /// records of the journey its keys stand for (added to those it had).
    pub async fn link_journey_template(
        &self,
        workspace_id: Id,
        journey_id: Id,
        template_id: Id,
        version: i64,
        keys: &[(String, Keyed)],
    ) -> Result<()> {
        self.journey(workspace_id, journey_id).await?;
        self.journey_template(workspace_id, template_id).await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO journey_template_links (journey_id, workspace_id, template_id, version) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (journey_id) DO UPDATE \
             SET template_id = $3, version = $4",
        )
        .bind(journey_id)
        .bind(workspace_id)
        .bind(template_id)
        .bind(version)
        .execute(&mut *tx)
        .await?;
        for (key, keyed) in keys {
            let (stage, moment) = match keyed {
                Keyed::Stage(s) => (Some(*s), None),
                Keyed::Moment(m) => (None, Some(*m)),
            };
            sqlx::query(
                "INSERT INTO journey_template_keys (journey_id, key, stage_id, moment_id) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (journey_id, key) DO UPDATE \
                 SET stage_id = $3, moment_id = $4",
            )
            .bind(journey_id)
            .bind(key)
            .bind(stage)
            .bind(moment)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The template a journey was made from and the version it has taken
    /// up, if any.
    pub async fn journey_template_link(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<Option<(JourneyTemplate, i64)>> {
        let Some(r) = sqlx::query(
            "SELECT template_id, version FROM journey_template_links \
             WHERE journey_id = $1 AND workspace_id = $2",
        )
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let t = self
            .journey_template(workspace_id, col(&r, "template_id")?)
            .await?;
        Ok(Some((t, col(&r, "version")?)))
    }

    /// What each key of a journey's template stands for in it.
    pub async fn journey_template_keys(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<HashMap<String, Keyed>> {
        self.journey(workspace_id, journey_id).await?;
        let rows = sqlx::query(
            "SELECT key, stage_id, moment_id FROM journey_template_keys WHERE journey_id = $1",
        )
        .bind(journey_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = HashMap::new();
        for r in rows {
            let stage: Option<Id> = col(&r, "stage_id")?;
            let moment: Option<Id> = col(&r, "moment_id")?;
            let keyed = match (stage, moment) {
                (Some(s), _) => Keyed::Stage(s),
                (None, Some(m)) => Keyed::Moment(m),
                (None, None) => continue,
            };
            out.insert(col(&r, "key")?, keyed);
        }
        Ok(out)
    }

    /// The journeys made from a template, with the version each has taken up.
    pub async fn journeys_of_template(
        &self,
        workspace_id: Id,
        template_id: Id,
    ) -> Result<Vec<(mot_core::Journey, i64)>> {
        let rows = sqlx::query(
            "SELECT journey_id, version FROM journey_template_links \
             WHERE template_id = $1 AND workspace_id = $2 ORDER BY journey_id",
        )
        .bind(template_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for r in rows {
            let j = self.journey(workspace_id, col(&r, "journey_id")?).await?;
            out.push((j, col(&r, "version")?));
        }
        Ok(out)
    }
}
