//! What the workspace's pages and API both do: businesses, journeys and
//! their join secrets, channels, guests.

use crate::auth::Ident;
use crate::state::AppState;
use crate::web::error::AppError;
use mot_core::text::{self, Limits};
use mot_core::Id;

/// The businesses someone sees: every one for the practice's own people,
/// their own for a client's.
pub async fn businesses(state: &AppState, me: &Ident) -> Result<Vec<mot_core::Business>, AppError> {
    let mut list = state.store.businesses(me.workspace_id).await?;
    if let Some(c) = me.client {
        list.retain(|b| b.id == c.business_id);
    }
    Ok(list)
}

/// Moves the signed-in person's browser session to another of their
/// workspaces; the boards they had open (of the workspace they leave)
/// close.
pub async fn switch_workspace(
    state: &AppState,
    me: &Ident,
    session_token: Option<&str>,
    workspace_id: Id,
) -> Result<(), AppError> {
    let (Some(user), Some(token)) = (&me.user, session_token) else {
        return Err(AppError::forbidden(crate::t!("people-account-only")));
    };
    state
        .store
        .switch_session(token, user.id, workspace_id)
        .await?;
    state
        .hub
        .revoke(crate::hub::Revoked::Session(mot_store::hash_token(token)))
        .await;
    Ok(())
}

/// Creates a business (owners and facilitators), once per client request.
pub async fn create_business(
    state: &AppState,
    me: &Ident,
    name: &str,
    once: Option<mot_store::ClientRequest<'_>>,
) -> Result<mot_core::Business, AppError> {
    me.actor.may_manage()?;
    let name = text::required_line("name", name, Limits::BUSINESS_NAME)?;
    let names = crate::web::i18n::default_names();
    Ok(state
        .store
        .once(once)
        .named(&names)
        .create_business(me.workspace_id, &name)
        .await?)
}

/// Renames a business (owners and facilitators).
pub async fn rename_business(
    state: &AppState,
    me: &Ident,
    id: Id,
    name: &str,
) -> Result<mot_core::Business, AppError> {
    me.actor.may_manage()?;
    let name = text::required_line("name", name, Limits::BUSINESS_NAME)?;
    Ok(state
        .store
        .rename_business(me.workspace_id, id, &name)
        .await?)
}

/// Renames a journey (owners and facilitators).
pub async fn rename_journey(
    state: &AppState,
    me: &Ident,
    id: Id,
    name: &str,
) -> Result<mot_core::Journey, AppError> {
    me.actor.may_manage()?;
    let name = text::required_line("name", name, Limits::JOURNEY_NAME)?;
    Ok(state
        .store
        .rename_journey(me.workspace_id, id, &name)
        .await?)
}

/// Adds a channel of the business's own (owners and facilitators), once per
/// client request.
pub async fn add_channel(
    state: &AppState,
    me: &Ident,
    business_id: Id,
    (name, colour, icon): (&str, &str, &str),
    once: Option<mot_store::ClientRequest<'_>>,
) -> Result<mot_core::Channel, AppError> {
    me.actor.may_manage()?;
    let (name, colour, icon) = check_channel_fields(name, colour, icon)?;
    Ok(state
        .store
        .once(once)
        .add_channel(me.workspace_id, business_id, &name, &colour, &icon)
        .await?)
}

/// What to change of a channel: each part left out stays as it is.
#[derive(Debug, Default)]
pub struct ChannelChange<'a> {
    pub name: Option<&'a str>,
    pub colour: Option<&'a str>,
    pub icon: Option<&'a str>,
    pub retired: Option<bool>,
}

/// Renames, recolours, relabels, retires or brings back a channel (owners
/// and facilitators).
pub async fn update_channel(
    state: &AppState,
    me: &Ident,
    id: Id,
    change: ChannelChange<'_>,
) -> Result<mot_core::Channel, AppError> {
    me.actor.may_manage()?;
    let name = change
        .name
        .map(|n| text::required_line("name", n, Limits::CHANNEL_NAME))
        .transpose()?;
    let colour = change.colour.map(text::colour).transpose()?;
    let icon = change
        .icon
        .map(|n| text::required_line("icon", n, Limits::CHANNEL_ICON))
        .transpose()?;
    Ok(state
        .store
        .update_channel(me.workspace_id, id, name, colour, icon, change.retired)
        .await?)
}

/// Changes the workspace's settings (owners). `language`: a code such as
/// `de`, `Some(None)` for the installation's default, `None` to keep it.
pub async fn update_workspace(
    state: &AppState,
    me: &Ident,
    language: Option<Option<&str>>,
) -> Result<mot_store::Workspace, AppError> {
    me.actor.may_administer()?;
    let Some(code) = language else {
        return Ok(state.store.workspace(me.workspace_id).await?);
    };
    let lang = code
        .map(|c| {
            crate::web::i18n::Lang::parse(c)
                .ok_or_else(|| AppError::invalid(crate::t!("language-unknown", code = c)))
        })
        .transpose()?;
    Ok(state
        .store
        .set_workspace_language(me.workspace_id, lang.map(|l| l.code()))
        .await?)
}

/// A journey with its join secrets, for those who may share them (owners
/// and facilitators).
pub async fn journey_to_share(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
) -> Result<mot_core::Journey, AppError> {
    me.actor.may_manage()?;
    Ok(state.store.journey(me.workspace_id, journey_id).await?)
}

/// The guests of a journey who have not been removed (owners and
/// facilitators); another workspace's journey is not found.
pub async fn journey_guests(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
) -> Result<Vec<mot_store::Guest>, AppError> {
    journey_to_share(state, me, journey_id).await?;
    Ok(state.store.guests(me.workspace_id, journey_id).await?)
}

/// What the share page shows: the journey with its join secrets and its
/// guests (owners and facilitators), the journey read once.
pub async fn share(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
) -> Result<(mot_core::Journey, Vec<mot_store::Guest>), AppError> {
    let j = journey_to_share(state, me, journey_id).await?;
    let guests = state.store.guests(me.workspace_id, journey_id).await?;
    Ok((j, guests))
}

/// Creates a journey with fresh join secrets (shared by page and API).
pub async fn create_journey(
    state: &AppState,
    me: &Ident,
    business_id: Id,
    name: &str,
    once: Option<mot_store::ClientRequest<'_>>,
) -> Result<mot_core::Journey, AppError> {
    me.actor.may_manage()?;
    let name = text::required_line("name", name, Limits::JOURNEY_NAME)?;
    let names = crate::web::i18n::default_names();
    state.store.business(me.workspace_id, business_id).await?;
    Ok(state
        .store
        .once(once)
        .named(&names)
        .create_journey(
            me.workspace_id,
            business_id,
            &name,
            &new_join_code(),
            &mot_store::random_token(),
        )
        .await?)
}

/// Checks a channel's name, colour and label.
pub fn check_channel_fields(
    name: &str,
    colour: &str,
    icon: &str,
) -> Result<(String, String, String), AppError> {
    Ok((
        text::required_line("name", name, Limits::CHANNEL_NAME)?,
        text::colour(colour)?,
        text::required_line("icon", icon, Limits::CHANNEL_ICON)?,
    ))
}

/// Gives a journey a new join link and code (the old ones stop working),
/// and, when asked, removes every guest who joined by an earlier link:
/// their open live sockets close at once (shared by page and API).
pub async fn rotate_join_link(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    remove_guests: bool,
) -> Result<mot_core::Journey, AppError> {
    me.actor.may_manage()?;
    let (code, token) = (new_join_code(), mot_store::random_token());
    if !remove_guests {
        return Ok(state
            .store
            .rotate_join(me.workspace_id, journey_id, &code, &token)
            .await?);
    }
    let (journey, removed) = state
        .store
        .rotate_join_removing_guests(me.workspace_id, journey_id, &code, &token)
        .await?;
    for guest_id in removed {
        state.hub.revoke(crate::hub::Revoked::Guest(guest_id)).await;
    }
    Ok(journey)
}

/// Removes a guest of a journey: their cookie stops working and their open
/// live sockets close at once; what they wrote stays (shared by page and API).
pub async fn remove_journey_guest(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    guest_id: Id,
) -> Result<(), AppError> {
    me.actor.may_manage()?;
    state
        .store
        .remove_guest(me.workspace_id, journey_id, guest_id)
        .await?;
    state.hub.revoke(crate::hub::Revoked::Guest(guest_id)).await;
    Ok(())
}

/// Makes a short join code: 8 characters without look-alikes (0/O, 1/I).
pub fn new_join_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..8)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

pub use mot_core::board::show_join_code as show_code;

/// Reads a typed code: case, spaces and dashes do not matter.
pub fn parse_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_are_8_unambiguous_characters_and_parse_back() {
        let c = new_join_code();
        assert_eq!(c.len(), 8);
        assert!(!c.contains(['0', 'O', '1', 'I']));
        assert_eq!(parse_code(&show_code(&c).to_lowercase()), c);
        assert_eq!(parse_code(" ab-cd efgh "), "ABCDEFGH");
    }
}

/// How the portfolio is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PortfolioSort {
    /// What needs attention first (core's urgency), then by name.
    #[default]
    Attention,
    Name,
    /// The soonest next session first; none booked last.
    Next,
    Overdue,
    /// The lowest audit score first.
    Audit,
    /// The lowest customers' score first.
    Customers,
}

impl PortfolioSort {
    pub const ALL: [PortfolioSort; 6] = [
        PortfolioSort::Attention,
        PortfolioSort::Name,
        PortfolioSort::Next,
        PortfolioSort::Overdue,
        PortfolioSort::Audit,
        PortfolioSort::Customers,
    ];
    pub fn key(self) -> &'static str {
        match self {
            PortfolioSort::Attention => "attention",
            PortfolioSort::Name => "name",
            PortfolioSort::Next => "next",
            PortfolioSort::Overdue => "overdue",
            PortfolioSort::Audit => "audit",
            PortfolioSort::Customers => "customers",
        }
    }
    pub fn from_key(k: &str) -> Option<PortfolioSort> {
        PortfolioSort::ALL.into_iter().find(|s| s.key() == k)
    }
}

/// The workspace's clients with their figures, sorted and filtered (a
/// name's part, and only those needing attention), and how many there
/// are in all. Everyone in the workspace may read it.
pub async fn portfolio(
    state: &AppState,
    me: &Ident,
    sort: PortfolioSort,
    find: &str,
    only_attention: bool,
) -> Result<(Vec<mot_export::portfolio::PortfolioRow>, usize), AppError> {
    if me.is_guest() {
        return Err(AppError::forbidden(crate::t!("people-account-only")));
    }
    let all = state
        .store
        .portfolio(me.workspace_id, mot_core::date::today())
        .await?;
    let total = all.len();
    let find = find.trim().to_lowercase();
    let mut rows: Vec<_> = all
        .into_iter()
        .filter(|(b, f)| {
            (find.is_empty() || b.name.to_lowercase().contains(&find))
                && (!only_attention || !f.attention().is_empty())
        })
        .map(|(b, figures)| mot_export::portfolio::PortfolioRow {
            id: b.id,
            business: b.name,
            figures,
        })
        .collect();
    let low_first = |v: Option<f64>| v.unwrap_or(f64::INFINITY);
    rows.sort_by(|a, b| {
        let (fa, fb) = (&a.figures, &b.figures);
        let by = match sort {
            PortfolioSort::Attention => fb.urgency().cmp(&fa.urgency()),
            PortfolioSort::Name => std::cmp::Ordering::Equal,
            PortfolioSort::Next => match (fa.next_session, fb.next_session) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
            PortfolioSort::Overdue => fb.overdue_actions.cmp(&fa.overdue_actions),
            PortfolioSort::Audit => {
                low_first(fa.audit.map(|x| x.0)).total_cmp(&low_first(fb.audit.map(|x| x.0)))
            }
            PortfolioSort::Customers => {
                let s = |f: &mot_core::portfolio::ClientFigures| {
                    f.customers.score().filter(|_| f.customers.enough())
                };
                low_first(s(fa)).total_cmp(&low_first(s(fb)))
            }
        };
        by.then_with(|| a.business.to_lowercase().cmp(&b.business.to_lowercase()))
    });
    Ok((rows, total))
}

/// Sets the name, accent colour and contact details of the practice's
/// reports (owners).
pub async fn set_brand(
    state: &AppState,
    me: &Ident,
    name: &str,
    accent: &str,
    contact: &str,
) -> Result<(), AppError> {
    me.actor.may_administer()?;
    let b = mot_core::brand::check_brand(name, accent, contact)?;
    Ok(state
        .store
        .set_brand(me.workspace_id, &b.name, &b.accent, &b.contact)
        .await?)
}

/// Sets the logo of the practice's reports (owners): a PNG or an SVG
/// drawing that core checked, an SVG kept as the exports' reader writes it
/// again (nothing but drawing); `None` removes it.
pub async fn set_logo(state: &AppState, me: &Ident, logo: Option<&[u8]>) -> Result<(), AppError> {
    use mot_core::brand::{check_logo, LogoKind};
    me.actor.may_administer()?;
    let kept = match logo {
        None => None,
        Some(bytes) => match check_logo(bytes)? {
            LogoKind::Png { .. } => Some(bytes.to_vec()),
            LogoKind::Svg => Some(mot_export::logo::clean_svg(bytes).map_err(|_| {
                mot_core::RuleError::invalid("logo", mot_core::Msg::new("rule-logo-not-image"))
            })?),
        },
    };
    Ok(state
        .store
        .set_logo(me.workspace_id, kept.as_deref())
        .await?)
}
