//! What the workspace's pages and API both do: businesses, journeys and
//! their join secrets, channels, guests.

use crate::auth::Ident;
use crate::state::AppState;
use crate::web::error::AppError;
use mot_core::text::{self, Limits};
use mot_core::Id;

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
    state.store.business(me.workspace_id, business_id).await?;
    Ok(state
        .store
        .once(once)
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
