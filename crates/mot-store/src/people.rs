//! The people of a workspace: invitations, roles, removal, and what each
//! person keeps of their own account (name, password, API tokens).
//!
//! The last-owner rule is core's ([`mot_core::access::check_role_change`],
//! [`mot_core::access::check_removal`]); it is checked here, inside the
//! transaction that changes the membership, with the workspace's owners
//! locked, so two owners demoting each other at once cannot both succeed.

use crate::accounts::{
    add_membership, check_business, insert_user, membership_from, user_from, USER_COLS,
};
use crate::tx::col;
use crate::{hash_token, now_ms, Backend, Result, Store, StoreError, User};
use mot_core::{Id, Membership, Millis, Role};
use sqlx::any::AnyRow;
use sqlx::AnyConnection;

/// An open invitation to a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Invite {
    pub id: Id,
    pub workspace_id: Id,
    pub email: String,
    pub membership: Membership,
    pub created_at: Millis,
    pub expires_at: Millis,
}

/// An invitation found by its link, with what its page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct InviteLink {
    pub invite: Invite,
    pub workspace_name: String,
    /// The account that already has the invitation's e-mail, if any: it
    /// joins with its own password instead of making a new account.
    pub existing: Option<User>,
}

/// One of a person's API tokens (never the token itself).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiTokenRow {
    pub id: Id,
    pub label: String,
    pub created_at: Millis,
}

/// What ended when someone lost access: the hashes of their browser
/// sessions, so live sockets opened with them close at once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ended {
    pub sessions: Vec<String>,
}

/// The password hash of an account made by single sign-on: no password
/// matches it (it is not a PHC string).
pub const NO_PASSWORD: &str = "!no-password";

const INVITE_COLS: &str = "id, workspace_id, email, role, business_id, created_at, expires_at";

fn invite_from(r: &AnyRow) -> Result<Invite> {
    Ok(Invite {
        id: col(r, "id")?,
        workspace_id: col(r, "workspace_id")?,
        email: col(r, "email")?,
        membership: membership_from(r)?,
        created_at: col(r, "created_at")?,
        expires_at: col(r, "expires_at")?,
    })
}

impl Store {
    /// Invites `email` into the workspace with `membership` (a role of the
    /// practice, or a client role on one business); `token` is the
    /// secret of the link (only its hash is kept). An earlier open
    /// invitation of the same address is replaced. Someone who is already
    /// a member is refused.
    pub async fn create_invite(
        &self,
        workspace_id: Id,
        email: &str,
        membership: impl Into<Membership>,
        token: &str,
        created_by: Option<Id>,
    ) -> Result<Invite> {
        let membership = membership.into();
        let mut tx = self.pool.begin().await?;
        check_business(&mut tx, workspace_id, membership).await?;
        let member = sqlx::query(
            "SELECT 1 AS x FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = $1 AND u.email = $2",
        )
        .bind(workspace_id)
        .bind(email)
        .fetch_optional(&mut *tx)
        .await?;
        if member.is_some() {
            return Err(StoreError::Duplicate(mot_core::text::Msg::new(
                "duplicate-member",
            )));
        }
        sqlx::query("DELETE FROM invites WHERE workspace_id = $1 AND email = $2")
            .bind(workspace_id)
            .bind(email)
            .execute(&mut *tx)
            .await?;
        let now = now_ms();
        let expires_at = now + mot_core::access::INVITE_TTL_MS;
        let row = sqlx::query(
            "INSERT INTO invites (workspace_id, email, role, business_id, token_hash, created_by, \
             created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(workspace_id)
        .bind(email)
        .bind(membership.role_name())
        .bind(membership.business_id())
        .bind(hash_token(token))
        .bind(created_by)
        .bind(now)
        .bind(expires_at)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Invite {
            id: col(&row, "id")?,
            workspace_id,
            email: email.to_string(),
            membership,
            created_at: now,
            expires_at,
        })
    }

    /// The workspace's open invitations, newest first.
    pub async fn invites(&self, workspace_id: Id) -> Result<Vec<Invite>> {
        sqlx::query(&format!(
            "SELECT {INVITE_COLS} FROM invites WHERE workspace_id = $1 AND expires_at > $2 \
             ORDER BY id DESC"
        ))
        .bind(workspace_id)
        .bind(now_ms())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(invite_from)
        .collect()
    }

    /// Withdraws an open invitation (its link stops working).
    pub async fn cancel_invite(&self, workspace_id: Id, id: Id) -> Result<()> {
        let n = sqlx::query("DELETE FROM invites WHERE id = $1 AND workspace_id = $2")
            .bind(id)
            .bind(workspace_id)
            .execute(&self.pool)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound("invite"));
        }
        Ok(())
    }

    /// The open invitation of a link, if it is still open.
    pub async fn invite_by_token(&self, token: &str) -> Result<Option<InviteLink>> {
        let Some(r) = sqlx::query(&format!(
            "SELECT {INVITE_COLS} FROM invites WHERE token_hash = $1 AND expires_at > $2"
        ))
        .bind(hash_token(token))
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let invite = invite_from(&r)?;
        let workspace_name = self.workspace(invite.workspace_id).await?.name;
        let existing = self.user_by_email(&invite.email).await?;
        Ok(Some(InviteLink {
            invite,
            workspace_name,
            existing,
        }))
    }

    /// Takes up an invitation: a new account with `new` (name, password
    /// hash) when none has its e-mail, else the existing account `user_id`
    /// (whose password the caller checked) joins. The link works once.
    /// Answers the workspace and the user.
    pub async fn accept_invite(
        &self,
        token: &str,
        new: Option<(&str, &str)>,
        user_id: Option<Id>,
    ) -> Result<(Id, Id)> {
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(&format!(
            "DELETE FROM invites WHERE token_hash = $1 AND expires_at > $2 \
             RETURNING {INVITE_COLS}"
        ))
        .bind(hash_token(token))
        .bind(now_ms())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("invite"))?;
        let invite = invite_from(&r)?;
        let user_id = match (new, user_id) {
            (_, Some(id)) => id,
            (Some((name, hash)), None) => insert_user(&mut tx, &invite.email, name, hash).await?.id,
            (None, None) => return Err(StoreError::NotFound("user")),
        };
        add_membership(&mut tx, invite.workspace_id, user_id, invite.membership).await?;
        tx.commit().await?;
        Ok((invite.workspace_id, user_id))
    }

    /// Gives a member another role (of the practice, or a client role on
    /// one business); the last owner keeps theirs.
    pub async fn set_member_role(
        &self,
        workspace_id: Id,
        user_id: Id,
        role: impl Into<Membership>,
    ) -> Result<()> {
        let to = role.into();
        let mut tx = self.pool.begin().await?;
        let (from, owners) = lock_member(&mut tx, self.backend, workspace_id, user_id).await?;
        mot_core::access::check_role_change(from, to, owners)?;
        check_business(&mut tx, workspace_id, to).await?;
        sqlx::query(
            "UPDATE memberships SET role = $3, business_id = $4 \
             WHERE workspace_id = $1 AND user_id = $2",
        )
        .bind(workspace_id)
        .bind(user_id)
        .bind(to.role_name())
        .bind(to.business_id())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Takes a member out of the workspace: their membership, their
    /// browser sessions in it and their API tokens for it end; what they
    /// wrote stays. The last owner stays.
    pub async fn remove_member(&self, workspace_id: Id, user_id: Id) -> Result<Ended> {
        let mut tx = self.pool.begin().await?;
        let (role, owners) = lock_member(&mut tx, self.backend, workspace_id, user_id).await?;
        mot_core::access::check_removal(role, owners)?;
        let sessions = ended_sessions(
            &mut tx,
            sqlx::query(
                "DELETE FROM sessions WHERE workspace_id = $1 AND user_id = $2 RETURNING token_hash",
            )        .bind(workspace_id)
            .bind(user_id),
        )
        .await?;
        for sql in [
            "DELETE FROM api_tokens WHERE workspace_id = $1 AND user_id = $2",
            "DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2",
        ] {
            sqlx::query(sql)
                .bind(workspace_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Ended { sessions })
    }

    /// A member of the workspace, with their role.
    pub async fn member(&self, workspace_id: Id, user_id: Id) -> Result<(User, Membership)> {
        let r = sqlx::query(&format!(
            "SELECT {USER_COLS}, m.role, m.business_id FROM memberships m \
             JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = $1 AND m.user_id = $2"
        ))
        .bind(workspace_id)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("member"))?;
        Ok((user_from(&r)?, membership_from(&r)?))
    }

    /// Renames a person (everywhere: the name is the account's).
    pub async fn set_user_name(&self, user_id: Id, name: &str) -> Result<()> {
        sqlx::query("UPDATE users SET name = $2 WHERE id = $1")
            .bind(user_id)
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Gives a person another e-mail address (another account's address
    /// is refused); their open invitations and reset links stay with the
    /// old one and so stop matching.
    pub async fn set_user_email(&self, user_id: Id, email: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET email = $2 WHERE id = $1")
            .bind(user_id)
            .bind(email)
            .execute(&mut *tx)
            .await
            .map_err(|e| crate::map_unique(e, "duplicate-email"))?;
        sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a person's password hash and ends their other browser sessions
    /// (all of them when `keep` is none). Answers what ended.
    pub async fn set_user_password(
        &self,
        user_id: Id,
        password_hash: &str,
        keep: Option<&str>,
    ) -> Result<Ended> {
        let mut tx = self.pool.begin().await?;
        let n = sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
            .bind(user_id)
            .bind(password_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound("user"));
        }
        let kept = keep.map(hash_token).unwrap_or_default();
        let sessions = ended_sessions(
            &mut tx,
            sqlx::query(
                "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash",
            )
            .bind(user_id)
            .bind(kept),
        )
        .await?;
        tx.commit().await?;
        Ok(Ended { sessions })
    }

    /// Keeps a password reset link for a user (`token` is its secret; only
    /// the hash is kept); an earlier open link of theirs stops working.
    pub async fn create_password_reset(&self, user_id: Id, token: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        let now = now_ms();
        sqlx::query(
            "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(hash_token(token))
        .bind(user_id)
        .bind(now)
        .bind(now + mot_core::access::RESET_TTL_MS)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user of an open password reset link.
    pub async fn password_reset_user(&self, token: &str) -> Result<Option<User>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLS} FROM password_resets r JOIN users u ON u.id = r.user_id \
             WHERE r.token_hash = $1 AND r.expires_at > $2"
        ))
        .bind(hash_token(token))
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from).transpose()
    }

    /// Uses a password reset link once: sets the new password hash and
    /// ends every browser session of the user. Answers the user and what
    /// ended.
    pub async fn use_password_reset(
        &self,
        token: &str,
        password_hash: &str,
    ) -> Result<(Id, Ended)> {
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "DELETE FROM password_resets WHERE token_hash = $1 AND expires_at > $2 \
             RETURNING user_id",
        )
        .bind(hash_token(token))
        .bind(now_ms())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("reset-link"))?;
        let user_id: Id = col(&r, "user_id")?;
        sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
            .bind(user_id)
            .bind(password_hash)
            .execute(&mut *tx)
            .await?;
        let sessions = ended_sessions(
            &mut tx,
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 RETURNING token_hash")
                .bind(user_id),
        )
        .await?;
        tx.commit().await?;
        Ok((user_id, Ended { sessions }))
    }

    /// The role someone the OpenID provider vouches for gets when they join
    /// the workspace without an account (`None`: they are refused).
    pub async fn oidc_join_role(&self, workspace_id: Id) -> Result<Option<Role>> {
        let r = sqlx::query("SELECT oidc_join_role FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound("workspace"))?;
        let role: Option<String> = col(&r, "oidc_join_role")?;
        Ok(role.and_then(|r| r.parse().ok()))
    }

    pub async fn set_oidc_join_role(&self, workspace_id: Id, role: Option<Role>) -> Result<()> {
        sqlx::query("UPDATE workspaces SET oidc_join_role = $2 WHERE id = $1")
            .bind(workspace_id)
            .bind(role.map(Role::as_str))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Someone the OpenID provider vouches for, without an account: a new
    /// account (no password: they sign in by the provider, or set one by a
    /// reset link) in the oldest workspace that lets such people join, with
    /// its role. `None` when no workspace does.
    pub async fn join_by_provider(&self, email: &str, name: &str) -> Result<Option<(Id, Id)>> {
        let mut tx = self.pool.begin().await?;
        let Some(r) = sqlx::query(
            "SELECT id, oidc_join_role AS role FROM workspaces \
             WHERE oidc_join_role IS NOT NULL ORDER BY id LIMIT 1",
        )
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(None);
        };
        let ws: Id = col(&r, "id")?;
        let role = crate::accounts::role_from(&r)?;
        let user = insert_user(&mut tx, email, name, NO_PASSWORD).await?;
        add_membership(&mut tx, ws, user.id, Membership::Staff(role)).await?;
        tx.commit().await?;
        Ok(Some((ws, user.id)))
    }

    /// A person's API tokens for the workspace, newest first.
    pub async fn api_tokens_of(&self, workspace_id: Id, user_id: Id) -> Result<Vec<ApiTokenRow>> {
        sqlx::query(
            "SELECT id, label, created_at FROM api_tokens WHERE workspace_id = $1 \
             AND user_id = $2 ORDER BY id DESC",
        )
        .bind(workspace_id)
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(ApiTokenRow {
                id: col(r, "id")?,
                label: col(r, "label")?,
                created_at: col(r, "created_at")?,
            })
        })
        .collect()
    }

    /// Revokes one of a person's own API tokens; returns the hash of the
    /// token (what live sockets opened with it know it by).
    pub async fn revoke_api_token(&self, workspace_id: Id, user_id: Id, id: Id) -> Result<String> {
        let row = sqlx::query(
            "DELETE FROM api_tokens WHERE id = $1 AND workspace_id = $2 AND user_id = $3 \
             RETURNING token_hash",
        )
        .bind(id)
        .bind(workspace_id)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => col(&r, "token_hash"),
            None => Err(StoreError::NotFound("token")),
        }
    }
}

/// Runs a `DELETE FROM sessions … RETURNING token_hash`: the hashes of
/// the sessions it ended.
async fn ended_sessions<'q>(
    conn: &mut AnyConnection,
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
) -> Result<Vec<String>> {
    q.fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| col(r, "token_hash"))
        .collect()
}

/// Locks the workspace's memberships for a change of one (SQLite: the
/// write lock, by a write that changes nothing; PostgreSQL: the owners'
/// rows and the member's) and answers the member's role and how many
/// owners the workspace has.
async fn lock_member(
    conn: &mut AnyConnection,
    backend: Backend,
    workspace_id: Id,
    user_id: Id,
) -> Result<(Membership, usize)> {
    let lock = match backend {
        Backend::Sqlite => {
            "UPDATE memberships SET role = role WHERE workspace_id = $1 AND user_id = $2"
        }
        Backend::Postgres => {
            "SELECT 1 FROM memberships WHERE workspace_id = $1 \
             AND (role = 'owner' OR user_id = $2) FOR UPDATE"
        }
    };
    sqlx::query(lock)
        .bind(workspace_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    let r = sqlx::query(
        "SELECT role, business_id FROM memberships WHERE workspace_id = $1 AND user_id = $2",
    )
    .bind(workspace_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("member"))?;
    let role = membership_from(&r)?;
    let owners: i64 = col(
        &sqlx::query(
            "SELECT COUNT(*) AS n FROM memberships WHERE workspace_id = $1 AND role = 'owner'",
        )
        .bind(workspace_id)
        .fetch_one(&mut *conn)
        .await?,
        "n",
    )?;
    Ok((role, owners as usize))
}
