//! What the people pages do: invite, change a role, remove someone, take
//! up an invitation, and a person's own account (name, password, tokens).
//! Who may do it and the last-owner rule are core's; this checks the
//! input, calls the store, and ends the access that ended.

use crate::auth::{self, Ident};
use crate::hub::Revoked;
use crate::state::AppState;
use crate::web::error::AppError;
use mot_core::text::{self, Limits};
use mot_core::{Id, Membership, Role};
use mot_store::{Ended, Invite, InviteLink, User};

/// The workspace's people with their roles, and its open invitations
/// (only its owners see those).
pub async fn people(
    state: &AppState,
    me: &Ident,
) -> Result<(Vec<(User, Membership)>, Vec<Invite>), AppError> {
    let members = state.store.members(me.workspace_id).await?;
    let invites = if me.actor.may_administer().is_ok() {
        state.store.invites(me.workspace_id).await?
    } else {
        Vec::new()
    };
    Ok((members, invites))
}

/// The business of a form's "for" field: empty for the practice's own
/// people, else a client business's id.
pub fn business_field(s: &str) -> Result<Option<Id>, AppError> {
    match s.trim() {
        "" => Ok(None),
        b => b.parse().map(Some).map_err(|_| {
            mot_core::RuleError::invalid("business_id", mot_core::Msg::new("rule-business-id"))
                .into()
        }),
    }
}

/// An invitation made: the record, its link (shown once), and whether it
/// went out by e-mail.
pub struct Invited {
    pub invite: Invite,
    pub link: String,
    /// `None`: the installation sends no mail; else whether the mail went.
    pub mailed: Option<bool>,
}

/// Invites an e-mail address with a role (owners). The link is e-mailed
/// when the installation sends mail; it is always shown to copy. A mailed
/// link starts with the installation's public address, never with what
/// the request's `Host` says (a forged host would otherwise reach the
/// invitee's inbox); a link only shown starts with the address the owner
/// is using.
pub async fn invite(
    state: &AppState,
    me: &Ident,
    base_url: &str,
    email: &str,
    role: &str,
    business_id: Option<Id>,
) -> Result<Invited, AppError> {
    me.actor.may_administer()?;
    let email = text::email(email)?;
    let membership = Membership::new(role, business_id)?;
    let token = mot_store::random_token();
    let invite = state
        .store
        .create_invite(
            me.workspace_id,
            &email,
            membership,
            &token,
            me.user.as_ref().map(|u| u.id),
        )
        .await?;
    let mut link = format!("{base_url}/invite/{token}");
    let mailed = match &state.mailer {
        Some(mailer) => {
            if let Some(public) = &state.settings.public_url {
                link = format!("{}/invite/{token}", public.trim_end_matches('/'));
            }
            let ws = state.store.workspace(me.workspace_id).await?;
            let subject = crate::t!(
                "people-invite-mail-subject",
                name = me.name.as_str(),
                workspace = ws.name.as_str()
            );
            let body = crate::t!(
                "people-invite-mail-body",
                name = me.name.as_str(),
                workspace = ws.name.as_str(),
                role = crate::web::i18n::membership_word(membership),
                link = link.as_str()
            );
            match mailer.send(&email, &subject, body).await {
                Ok(()) => Some(true),
                Err(e) => {
                    tracing::warn!(error = %e, "an invitation could not be e-mailed");
                    Some(false)
                }
            }
        }
        None => None,
    };
    Ok(Invited {
        invite,
        link,
        mailed,
    })
}

/// The role people the OpenID provider vouches for, without an account,
/// get in this workspace (owners; `""` refuses them). Never owner.
pub async fn set_sso_join(state: &AppState, me: &Ident, role: &str) -> Result<(), AppError> {
    me.actor.may_administer()?;
    let role = match role.trim() {
        "" => None,
        r => Some(r.parse::<Role>()?),
    };
    if let Some(r) = role {
        mot_core::access::check_sso_join_role(r)?;
    }
    Ok(state
        .store
        .set_oidc_join_role(me.workspace_id, role)
        .await?)
}

/// Withdraws an open invitation (owners).
pub async fn cancel_invite(state: &AppState, me: &Ident, id: Id) -> Result<(), AppError> {
    me.actor.may_administer()?;
    Ok(state.store.cancel_invite(me.workspace_id, id).await?)
}

/// Gives a member another role (owners; the last owner stays one).
pub async fn change_role(
    state: &AppState,
    me: &Ident,
    user_id: Id,
    role: &str,
    business_id: Option<Id>,
) -> Result<(), AppError> {
    me.actor.may_administer()?;
    let membership = Membership::new(role, business_id)?;
    state
        .store
        .set_member_role(me.workspace_id, user_id, membership)
        .await?;
    // Their open boards reconnect with the new role.
    state
        .hub
        .revoke(Revoked::Member(me.workspace_id, user_id))
        .await;
    Ok(())
}

/// Removes a member (owners; never the last owner): their sessions, API
/// tokens and live sockets in the workspace end at once.
pub async fn remove(state: &AppState, me: &Ident, user_id: Id) -> Result<(), AppError> {
    me.actor.may_administer()?;
    let ended = state.store.remove_member(me.workspace_id, user_id).await?;
    end(state, &ended).await;
    state
        .hub
        .revoke(Revoked::Member(me.workspace_id, user_id))
        .await;
    Ok(())
}

async fn end(state: &AppState, ended: &Ended) {
    for hash in &ended.sessions {
        state.hub.revoke(Revoked::Session(hash.clone())).await;
    }
}

/// The open invitation of a link, or a clear "not found" (used, withdrawn
/// or older than a week).
pub async fn invite_link(state: &AppState, token: &str) -> Result<InviteLink, AppError> {
    state
        .store
        .invite_by_token(token)
        .await?
        .ok_or_else(|| AppError::not_found("invite"))
}

/// Takes up an invitation: a new account (name and password) for an
/// address without one, else the existing account's password. Answers
/// the workspace and the user to sign in.
pub async fn accept(
    state: &AppState,
    token: &str,
    name: &str,
    password: &str,
) -> Result<(Id, Id), AppError> {
    let link = invite_link(state, token).await?;
    match &link.existing {
        Some(user) => {
            if !auth::verify_password(user.password_hash.clone(), password.to_string()).await {
                return Err(AppError::unauthorized(crate::t!("auth-login-wrong")));
            }
            Ok(state
                .store
                .accept_invite(token, None, Some(user.id))
                .await?)
        }
        None => {
            let name = text::required_line("name", name, Limits::PERSON_NAME)?;
            let password = text::new_password(password)?.to_string();
            let hash = auth::hash_password(password).await?;
            Ok(state
                .store
                .accept_invite(token, Some((&name, &hash)), None)
                .await?)
        }
    }
}

fn my_user(me: &Ident) -> Result<&User, AppError> {
    me.user
        .as_ref()
        .ok_or_else(|| AppError::forbidden(crate::t!("people-account-only")))
}

/// Renames the signed-in person.
pub async fn rename_me(state: &AppState, me: &Ident, name: &str) -> Result<(), AppError> {
    let user = my_user(me)?;
    let name = text::required_line("name", name, Limits::PERSON_NAME)?;
    Ok(state.store.set_user_name(user.id, &name).await?)
}

/// Changes the signed-in person's e-mail address (their password checked).
pub async fn change_email(
    state: &AppState,
    me: &Ident,
    current: &str,
    email: &str,
) -> Result<(), AppError> {
    let user = my_user(me)?;
    let email = text::email(email)?;
    if !auth::verify_password(user.password_hash.clone(), current.to_string()).await {
        return Err(AppError::invalid(crate::t!("people-password-wrong")));
    }
    Ok(state.store.set_user_email(user.id, &email).await?)
}

/// Changes the signed-in person's password (the current one checked);
/// their other browser sessions end.
pub async fn change_password(
    state: &AppState,
    me: &Ident,
    session_token: Option<&str>,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let user = my_user(me)?;
    if !auth::verify_password(user.password_hash.clone(), current.to_string()).await {
        return Err(AppError::invalid(crate::t!("people-password-wrong")));
    }
    let new = text::new_password(new)?.to_string();
    let hash = auth::hash_password(new).await?;
    let ended = state
        .store
        .set_user_password(user.id, &hash, session_token)
        .await?;
    end(state, &ended).await;
    Ok(())
}

/// Makes an API token for the signed-in person; answers it (shown once).
pub async fn create_token(state: &AppState, me: &Ident, label: &str) -> Result<String, AppError> {
    let user = my_user(me)?;
    let label = text::required_line("label", label, Limits::TOKEN_LABEL)?;
    let token = format!("mot_{}", mot_store::random_token());
    state
        .store
        .create_api_token(me.workspace_id, user.id, &label, &token)
        .await?;
    Ok(token)
}

/// Revokes one of the signed-in person's API tokens; live sockets opened
/// with it close at once, on every instance.
pub async fn revoke_token(state: &AppState, me: &Ident, id: Id) -> Result<(), AppError> {
    let user = my_user(me)?;
    let hash = state
        .store
        .revoke_api_token(me.workspace_id, user.id, id)
        .await?;
    state.hub.revoke(Revoked::Token(hash)).await;
    Ok(())
}

/// Sends a password reset link to `email` when an account has it and the
/// installation sends mail. Whether or not one exists, the answer is the
/// same (nobody learns which addresses have accounts); the link is mailed
/// in the background so that the time taken does not tell either.
pub async fn request_reset(state: &AppState, email: &str) -> Result<(), AppError> {
    let Some(mailer) = state.mailer.clone() else {
        return Err(AppError::forbidden(crate::t!("people-reset-no-mail")));
    };
    let email = text::email(email)?;
    let Some(user) = state.store.user_by_email(&email).await? else {
        return Ok(());
    };
    let token = mot_store::random_token();
    state.store.create_password_reset(user.id, &token).await?;
    let base = state
        .settings
        .public_url
        .clone()
        .unwrap_or_else(|| "http://localhost".into());
    let link = format!("{}/reset/{token}", base.trim_end_matches('/'));
    let subject = crate::t!("people-reset-mail-subject").to_string();
    let body = crate::t!(
        "people-reset-mail-body",
        name = user.name.as_str(),
        link = link.as_str()
    );
    tokio::spawn(async move {
        if let Err(e) = mailer.send(&user.email, &subject, body).await {
            tracing::warn!(error = %e, "a password reset link could not be e-mailed");
        }
    });
    Ok(())
}

/// The account of an open reset link, or a clear "not found" (used, or
/// older than an hour).
pub async fn reset_user(state: &AppState, token: &str) -> Result<User, AppError> {
    state
        .store
        .password_reset_user(token)
        .await?
        .ok_or_else(|| AppError::not_found("reset-link"))
}

/// Sets a new password by a reset link (once): every session of the
/// account ends, and this browser is signed in to its first workspace.
pub async fn reset(state: &AppState, token: &str, password: &str) -> Result<(Id, Id), AppError> {
    reset_user(state, token).await?;
    let password = text::new_password(password)?.to_string();
    let hash = auth::hash_password(password).await?;
    let (user_id, ended) = state.store.use_password_reset(token, &hash).await?;
    end(state, &ended).await;
    let (ws, _) = state
        .store
        .memberships(user_id)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::forbidden(crate::t!("auth-no-workspace")))?;
    Ok((ws, user_id))
}
