//! A practice's branding on its reports.

use crate::tx::col;
use crate::{now_ms, Result, Store};
use mot_core::{Id, Millis};

/// What a workspace's reports wear.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BrandRow {
    /// Empty: none.
    pub name: String,
    /// `#rrggbb`, or empty.
    pub accent: String,
    /// A PNG core checked, if one was uploaded.
    pub logo: Option<Vec<u8>>,
    /// The adviser's contact details (several lines), or empty.
    pub contact: String,
    pub updated_at: Millis,
}

impl Store {
    /// The workspace's branding (nothing set: the default).
    pub async fn brand(&self, workspace_id: Id) -> Result<BrandRow> {
        let row = sqlx::query(
            "SELECT name, accent, logo, contact, updated_at FROM brands WHERE workspace_id = $1",
        )
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            None => Ok(BrandRow::default()),
            Some(r) => Ok(BrandRow {
                name: col(&r, "name")?,
                accent: col(&r, "accent")?,
                logo: col(&r, "logo")?,
                contact: col(&r, "contact")?,
                updated_at: col(&r, "updated_at")?,
            }),
        }
    }

    /// Sets the name, accent colour and contact details (checked by the
    /// caller with core's `brand::check_brand`); the logo stays.
    pub async fn set_brand(
        &self,
        workspace_id: Id,
        name: &str,
        accent: &str,
        contact: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO brands (workspace_id, name, accent, contact, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workspace_id) DO UPDATE \
             SET name = $2, accent = $3, contact = $4, updated_at = $5",
        )
        .bind(workspace_id)
        .bind(name)
        .bind(accent)
        .bind(contact)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Sets (checked by the caller with core's `brand::check_logo`) or
    /// removes the logo; the name and colour stay.
    pub async fn set_logo(&self, workspace_id: Id, logo: Option<&[u8]>) -> Result<()> {
        sqlx::query(
            "INSERT INTO brands (workspace_id, name, accent, logo, updated_at) \
             VALUES ($1, '', '', $2, $3) \
             ON CONFLICT (workspace_id) DO UPDATE SET logo = $2, updated_at = $3",
        )
        .bind(workspace_id)
        .bind(logo.map(<[u8]>::to_vec))
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
