//! The look of a workspace's exports: the request's language and the
//! practice's branding (its name, accent colour and logo).

use crate::state::AppState;
use crate::web::error::AppError;
use mot_core::Id;
use mot_export::{Brand, Look};

/// The request's language with the workspace's branding.
pub async fn look(state: &AppState, workspace_id: Id) -> Result<Look, AppError> {
    let b = state.store.brand(workspace_id).await?;
    let some = |s: String| Some(s).filter(|s| !s.is_empty());
    Ok(crate::web::i18n::look().with_brand(Brand {
        name: some(b.name),
        accent: some(b.accent),
        logo: b.logo,
    }))
}
