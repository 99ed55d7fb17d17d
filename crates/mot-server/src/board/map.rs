//! The journey map to take away: the board as SVG (`/j/{id}/map.svg`) and as
//! an A3 poster PDF (`/j/{id}/map.pdf`), with the channels, and after a
//! session its priorities, the agreed faces and the action counts. The
//! page's script makes a PNG of the SVG (see `board.js`).

use crate::auth::Ident;
use crate::board::service::board_visitor;
use crate::state::AppState;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::PagePath;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use mot_core::Id;
use mot_export::journey_map::{JourneyMap, MapChannel, MapNote, MapStage};

/// The map of a board as its viewer may see it.
async fn journey_map(state: &AppState, me: &Ident, id: Id) -> Result<JourneyMap, AppError> {
    let board = state.store.board(me.workspace_id, id).await?;
    let extras = state.store.journey_extras(me.workspace_id, id).await?;
    let latest = state
        .store
        .sessions(me.workspace_id, id)
        .await?
        .into_iter()
        .next();
    let (priorities, actions, subtitle) = match &latest {
        Some(s) => {
            let v = state
                .store
                .session_view(me.workspace_id, s.id, me.actor.author())
                .await?;
            let mut sub = crate::t!(
                "export-map-session",
                session = s.title.as_str(),
                date = crate::web::i18n::date(s.held_on)
            )
            .to_string();
            if let Some(next) = s.next_session_on {
                sub.push_str(crate::web::i18n::sep());
                sub.push_str(&crate::t!(
                    "export-map-next",
                    date = crate::web::i18n::date(next)
                ));
            }
            (v.priorities, v.actions, sub)
        }
        None => (
            Vec::new(),
            Vec::new(),
            crate::t!(
                "export-map-drawn-on",
                date = crate::web::i18n::date(mot_core::date::today())
            )
            .to_string(),
        ),
    };
    // The channels the notes use, in the business's order.
    let used: Vec<&mot_core::Channel> = board
        .channels
        .iter()
        .filter(|c| board.moments.iter().any(|m| m.channel_id == Some(c.id)))
        .collect();
    let stages = board
        .stages
        .iter()
        .map(|s| MapStage {
            name: s.name.clone(),
            notes: board
                .moments
                .iter()
                .filter(|m| m.stage_id == s.id)
                .map(|m| MapNote {
                    title: m.title.clone(),
                    channel: m
                        .channel_id
                        .and_then(|c| used.iter().position(|u| u.id == c)),
                    rating: extras.get(&m.id).and_then(|e| e.team_rating),
                    priority: priorities.contains(&m.id),
                    actions: actions.iter().filter(|a| a.moment_id == Some(m.id)).count(),
                })
                .collect(),
        })
        .collect();
    Ok(JourneyMap {
        business: board.business.name.clone(),
        journey: board.journey.name.clone(),
        subtitle,
        channels: used
            .iter()
            .map(|c| MapChannel {
                colour: c.colour.clone(),
                icon: c.icon.clone(),
                name: c.name.clone(),
            })
            .collect(),
        stages,
    })
}

/// The file's name: the journey's name in plain letters, then what it is.
fn file_name(map: &JourneyMap, ext: &str) -> String {
    let base: String = map
        .journey
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let base = base
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "journey".to_string()
    } else {
        base.chars().take(60).collect()
    };
    format!("{base}-map.{ext}")
}

fn download(name: String, content_type: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// The map of board `id` for the caller, or the page that turns them away.
async fn visitor_map(
    state: &AppState,
    headers: &HeaderMap,
    id: Id,
) -> Result<Result<(JourneyMap, mot_export::Look), Response>, AppError> {
    match board_visitor(state, headers, id).await {
        Ok(me) => Ok(Ok((
            journey_map(state, &me, id).await?,
            crate::web::brand::look(state, me.workspace_id).await?,
        ))),
        Err(r) => Ok(Err(r)),
    }
}

/// `GET /j/{id}/map.svg`
pub async fn map_svg(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let (map, look) = match visitor_map(&state, &headers, id).await? {
        Ok(m) => m,
        Err(r) => return Ok(r),
    };
    let svg = mot_export::journey_map::to_svg(&map, &look);
    Ok(download(
        file_name(&map, "svg"),
        "image/svg+xml; charset=utf-8",
        svg.into_bytes(),
    ))
}

/// `GET /j/{id}/map.pdf`
pub async fn map_pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<Id>,
) -> PageResult<Response> {
    let (map, look) = match visitor_map(&state, &headers, id).await? {
        Ok(m) => m,
        Err(r) => return Ok(r),
    };
    let name = file_name(&map, "pdf");
    // Laying out and embedding fonts is CPU work: off the async threads.
    let pdf = tokio::task::spawn_blocking(move || mot_export::journey_map::to_pdf(&map, &look))
        .await
        .map_err(|e| AppError::internal(&e))?;
    Ok(download(name, "application/pdf", pdf))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(journey: &str) -> JourneyMap {
        JourneyMap {
            journey: journey.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_file_name_is_plain_letters_whatever_the_journey_is_called() {
        assert_eq!(
            file_name(&named("New customer buys a sofa"), "svg"),
            "new-customer-buys-a-sofa-map.svg"
        );
        assert_eq!(
            file_name(&named("  Café → \"bar\"; x  "), "pdf"),
            "caf-bar-x-map.pdf"
        );
        assert_eq!(file_name(&named("رحلة العميل"), "pdf"), "journey-map.pdf");
        assert_eq!(
            file_name(&named(&"a".repeat(200)), "svg").len(),
            60 + "-map.svg".len()
        );
    }
}
