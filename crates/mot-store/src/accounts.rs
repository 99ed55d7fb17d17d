//! Workspaces, users, memberships, sessions, API tokens and guests.

use crate::board::insert_business;
use crate::tx::backend_of;
use crate::tx::{col, Cols, Row, Tx, Val};
use crate::{hash_token, map_unique, now_ms, Backend, Result, Store, StoreError};
use mot_core::{Author, Business, Id, Membership, Millis, Role};
use sqlx::AnyConnection;

#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub id: Id,
    pub name: String,
    /// The language of its pages for people who chose none and whose
    /// browser asks for none mot speaks; `None` for the installation's.
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Id,
    pub email: String,
    pub name: String,
    /// The argon2 PHC string. Never shown.
    pub password_hash: String,
    /// The language they chose (`en`, `de`, `ar`), if they chose one.
    pub language: Option<String>,
}

/// A logged-in browser session: who, in which workspace, with which role.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    pub user: User,
    pub workspace_id: Id,
    pub membership: Membership,
    pub csrf: String,
    pub expires_at: Millis,
    /// What it stands on, for a command to check again (see [`Standing`]).
    pub standing: Standing,
}

/// The user and workspace an API token acts for.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiTokenInfo {
    pub user: User,
    pub workspace_id: Id,
    pub membership: Membership,
    pub label: String,
    /// What it stands on, for a command to check again (see [`Standing`]).
    pub standing: Standing,
}

/// A person who joined one journey through its join link, without an account.
#[derive(Debug, Clone, PartialEq)]
pub struct Guest {
    pub id: Id,
    pub workspace_id: Id,
    pub journey_id: Id,
    pub name: String,
    pub csrf: String,
    /// The language they chose on the join page or by the switch.
    pub language: Option<String>,
}

fn workspace_from(row: &impl Cols) -> Result<Workspace> {
    Ok(Workspace {
        id: col(row, "id")?,
        name: col(row, "name")?,
        language: col(row, "language")?,
    })
}

pub(crate) fn user_from(row: &impl Cols) -> Result<User> {
    Ok(User {
        id: col(row, "user_id")?,
        email: col(row, "email")?,
        name: col(row, "name")?,
        password_hash: col(row, "password_hash")?,
        language: col(row, "language")?,
    })
}

pub(crate) fn role_from(row: &impl Cols) -> Result<Role> {
    let r: String = col(row, "role")?;
    r.parse()
        .map_err(|_| StoreError::Config(format!("unknown role {r:?} in the database")))
}

/// A membership (or an invitation) as stored: its `role` and `business_id`.
pub(crate) fn membership_from(row: &impl Cols) -> Result<Membership> {
    let r: String = col(row, "role")?;
    Membership::new(&r, col(row, "business_id")?)
        .map_err(|_| StoreError::Config(format!("unknown membership {r:?} in the database")))
}

pub(crate) const USER_COLS: &str = "u.id AS user_id, u.email, u.name, u.password_hash, u.language";

/// The three kinds of credential a person acts with, each read by one
/// statement: by the reads that let them in, and again by a command that
/// carries their [`Standing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Credential {
    /// A browser session's cookie (a live session of a member).
    Session,
    /// An API token (bearer).
    ApiToken,
    /// A guest's cookie for one journey (a place not taken away).
    Guest,
}

impl Credential {
    /// Its statement; on PostgreSQL `locked` adds `FOR SHARE` (see
    /// [`Standing::holds`]). Built once: a live command runs it every time.
    fn sql(self, locked: bool) -> &'static str {
        // In the order of the variants; each plain, then locked.
        static SQL: std::sync::LazyLock<[[String; 2]; 3]> = std::sync::LazyLock::new(|| {
            [
                format!(
                    "SELECT {USER_COLS}, s.workspace_id, s.csrf, s.expires_at, m.role, m.business_id \
                     FROM sessions s JOIN users u ON u.id = s.user_id \
                     JOIN memberships m ON m.user_id = s.user_id AND m.workspace_id = s.workspace_id \
                     WHERE s.token_hash = $1 AND s.expires_at > $2"
                ),
                format!(
                    "SELECT {USER_COLS}, t.workspace_id, t.label, m.role, m.business_id \
                     FROM api_tokens t JOIN users u ON u.id = t.user_id \
                     JOIN memberships m ON m.user_id = t.user_id AND m.workspace_id = t.workspace_id \
                     WHERE t.token_hash = $1"
                ),
                "SELECT id, workspace_id, journey_id, name, csrf, language \
                 FROM guests WHERE token_hash = $1 AND removed_at IS NULL"
                    .to_string(),
            ]
            .map(|sql| [sql.clone(), format!("{sql} FOR SHARE")])
        });
        &SQL[self as usize][usize::from(locked)]
    }

    fn args(self, token_hash: &str) -> Vec<Val> {
        match self {
            Credential::Session => vec![token_hash.into(), now_ms().into()],
            Credential::ApiToken | Credential::Guest => vec![token_hash.into()],
        }
    }
}

/// What a person's access stood on when it was read: their session's, API
/// token's or guest place's row, as it was. A live socket reads it once,
/// not for every command: each command carries it instead, and the
/// command's own transaction reads the row again before anything else
/// ([`Standing::holds`]). A command never runs for an access that has
/// ended or changed since (a logout or a removed guest or token, a new role
/// or name, here or on another instance), and checking costs the socket no
/// read of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    credential: Credential,
    token_hash: String,
    /// Whose access it is, and in which workspace: a command carrying it
    /// must be made by that person there ([`Standing::is_for`]).
    author: Author,
    workspace_id: Id,
    row: Vec<Val>,
}

impl Standing {
    /// Whether this is the access of `author` in `workspace_id`.
    pub(crate) fn is_for(&self, author: Author, workspace_id: Id) -> bool {
        self.author == author && self.workspace_id == workspace_id
    }

    /// Whether the row still reads as it did, inside `tx`.
    pub(crate) async fn holds(&self, tx: &mut impl Tx) -> Result<bool> {
        // PostgreSQL: the rows stay as read until the command commits (a
        // logout elsewhere waits for it). SQLite: the writer already holds
        // the only write lock.
        let sql = self.credential.sql(tx.backend() == Backend::Postgres);
        let now = tx
            .fetch_optional(sql, &self.credential.args(&self.token_hash))
            .await?;
        Ok(now.is_some_and(|r| r.values() == self.row))
    }
}

impl Store {
    /// Whether first-run setup has happened (a workspace exists).
    pub async fn is_set_up(&self) -> Result<bool> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM workspaces")
            .fetch_one(&self.pool)
            .await?;
        Ok(col::<i64, _>(&row, "n")? > 0)
    }

    /// First-run setup: creates the workspace and its owner, once.
    ///
    /// Runs in the writer, so setups racing each other are serialised: one
    /// wins, the others get [`StoreError::Duplicate`]. On PostgreSQL the
    /// workspaces table is locked too, for setups racing from other processes.
    pub async fn setup(
        &self,
        workspace_name: &str,
        email: &str,
        name: &str,
        password_hash: &str,
    ) -> Result<(Workspace, User)> {
        let (ws, user, _) = self
            .setup_with_business(
                workspace_name,
                None,
                email,
                name,
                password_hash,
                &mot_core::DefaultNames::default(),
            )
            .await?;
        Ok((ws, user))
    }

    /// First-run setup that also creates the first business (with the
    /// default channels), all in one transaction: a single shop names itself
    /// once. See [`Store::setup`].
    pub async fn setup_with_business(
        &self,
        workspace_name: &str,
        business_name: Option<&str>,
        email: &str,
        name: &str,
        password_hash: &str,
        names: &mot_core::DefaultNames,
    ) -> Result<(Workspace, User, Option<Business>)> {
        self.owned_workspace(
            true,
            workspace_name,
            business_name,
            (email, name, password_hash),
            names,
        )
        .await
    }

    /// A new workspace with a new account as its owner (and its first
    /// business), when the installation takes sign-ups: like setup, but
    /// beside the workspaces there are. An address that has an account
    /// already is refused (they log in and are invited instead).
    pub async fn sign_up(
        &self,
        workspace_name: &str,
        business_name: Option<&str>,
        (email, name, password_hash): (&str, &str, &str),
        names: &mot_core::DefaultNames,
    ) -> Result<(Workspace, User, Option<Business>)> {
        self.owned_workspace(
            false,
            workspace_name,
            business_name,
            (email, name, password_hash),
            names,
        )
        .await
    }

    /// A new workspace owned by someone who has an account already.
    pub async fn create_workspace_for(&self, name: &str, user_id: Id) -> Result<Workspace> {
        let mut tx = self.pool.begin().await?;
        let row =
            sqlx::query("INSERT INTO workspaces (name, created_at) VALUES ($1, $2) RETURNING id")
                .bind(name)
                .bind(now_ms())
                .fetch_one(&mut *tx)
                .await?;
        let id: Id = col(&row, "id")?;
        add_membership(&mut tx, id, user_id, Membership::Staff(Role::Owner)).await?;
        tx.commit().await?;
        self.workspace(id).await
    }

    /// The workspaces a user belongs to, oldest first, with the role in each.
    pub async fn workspaces_of(&self, user_id: Id) -> Result<Vec<(Workspace, Membership)>> {
        let rows = sqlx::query(
            "SELECT w.id, w.name, w.language, m.role, m.business_id FROM memberships m \
             JOIN workspaces w ON w.id = m.workspace_id WHERE m.user_id = $1 ORDER BY w.id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((workspace_from(r)?, membership_from(r)?)))
            .collect()
    }

    /// Moves a browser session to another workspace of its user (one they
    /// are a member of; else "not found").
    pub async fn switch_session(&self, token: &str, user_id: Id, workspace_id: Id) -> Result<()> {
        let n = sqlx::query(
            "UPDATE sessions SET workspace_id = $3 WHERE token_hash = $1 AND user_id = $2 \
             AND EXISTS (SELECT 1 FROM memberships m WHERE m.workspace_id = $3 \
             AND m.user_id = $2)",
        )
        .bind(hash_token(token))
        .bind(user_id)
        .bind(workspace_id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound("workspace"));
        }
        Ok(())
    }

    /// [`Store::setup_with_business`] (`first`: only when there is no
    /// workspace yet) and [`Store::sign_up`].
    async fn owned_workspace(
        &self,
        first: bool,
        workspace_name: &str,
        business_name: Option<&str>,
        (email, name, password_hash): (&str, &str, &str),
        names: &mot_core::DefaultNames,
    ) -> Result<(Workspace, User, Option<Business>)> {
        let names = names.clone();
        let (workspace_name, business_name, email, name, password_hash) = (
            workspace_name.to_string(),
            business_name.map(str::to_string),
            email.to_string(),
            name.to_string(),
            password_hash.to_string(),
        );
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    if first && backend_of(conn) == Backend::Postgres {
                        sqlx::query("LOCK TABLE workspaces IN EXCLUSIVE MODE")
                            .execute(&mut *conn)
                            .await?;
                    }
                    let n: i64 = col(
                        &sqlx::query("SELECT COUNT(*) AS n FROM workspaces")
                            .fetch_one(&mut *conn)
                            .await?,
                        "n",
                    )?;
                    if first && n > 0 {
                        return Err(StoreError::Duplicate(mot_core::Msg::new(
                            "duplicate-set-up",
                        )));
                    }
                    let ws_id: Id = col(
                        &sqlx::query(
                            "INSERT INTO workspaces (name, created_at) VALUES ($1, $2) RETURNING id",
                        )
                        .bind(&workspace_name)
                        .bind(now_ms())
                        .fetch_one(&mut *conn)
                        .await?,
                        "id",
                    )?;
                    let user = insert_user(conn, &email, &name, &password_hash).await?;
                    add_membership(conn, ws_id, user.id, Membership::Staff(Role::Owner)).await?;
                    let business = match business_name {
                        Some(b) => Some(insert_business(conn, ws_id, b, &names).await?),
                        None => None,
                    };
                    let ws = Workspace {
                        id: ws_id,
                        name: workspace_name,
                        language: None,
                    };
                    Ok(((ws, user, business), Vec::new()))
                })
            })
            .await
    }

    /// The first workspace (the one made at setup), if any.
    pub async fn first_workspace(&self) -> Result<Option<Workspace>> {
        let row = sqlx::query("SELECT id, name, language FROM workspaces ORDER BY id LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(workspace_from).transpose()
    }

    /// Creates a workspace (for admin tooling and tests).
    pub async fn create_workspace(&self, name: &str) -> Result<Workspace> {
        let row =
            sqlx::query("INSERT INTO workspaces (name, created_at) VALUES ($1, $2) RETURNING id")
                .bind(name)
                .bind(now_ms())
                .fetch_one(&self.pool)
                .await?;
        Ok(Workspace {
            id: col(&row, "id")?,
            name: name.to_string(),
            language: None,
        })
    }

    pub async fn workspace(&self, id: Id) -> Result<Workspace> {
        let row = self
            .rows(
                "SELECT id, name, language FROM workspaces WHERE id = $1",
                vec![id.into()],
            )
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound("workspace"))?;
        workspace_from(&row)
    }

    /// Sets the workspace's default language (`None`: the installation's).
    pub async fn set_workspace_language(&self, id: Id, code: Option<&str>) -> Result<Workspace> {
        let done = sqlx::query("UPDATE workspaces SET language = $1 WHERE id = $2")
            .bind(code)
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("workspace"));
        }
        self.workspace(id).await
    }

    /// Creates a user with a role in a workspace.
    pub async fn create_user(
        &self,
        workspace_id: Id,
        email: &str,
        name: &str,
        password_hash: &str,
        role: impl Into<Membership>,
    ) -> Result<User> {
        let mut tx = self.pool.begin().await?;
        let user = insert_user(&mut tx, email, name, password_hash).await?;
        add_membership(&mut tx, workspace_id, user.id, role.into()).await?;
        tx.commit().await?;
        Ok(user)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLS} FROM users u WHERE u.email = $1"
        ))
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from).transpose()
    }

    /// The workspaces a user belongs to, oldest first, with the role in each.
    pub async fn memberships(&self, user_id: Id) -> Result<Vec<(Id, Membership)>> {
        let rows = sqlx::query(
            "SELECT workspace_id, role, business_id FROM memberships WHERE user_id = $1 ORDER BY workspace_id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((col(r, "workspace_id")?, membership_from(r)?)))
            .collect()
    }

    /// The members of a workspace with their roles: the practice's own
    /// people and every client's.
    pub async fn members(&self, workspace_id: Id) -> Result<Vec<(User, Membership)>> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLS}, m.role, m.business_id FROM memberships m \
             JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 ORDER BY u.name"
        ))
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((user_from(r)?, membership_from(r)?)))
            .collect()
    }

    /// The people who may work on one business: the practice's own people
    /// and that client's (never another client's).
    pub async fn members_of_business(
        &self,
        workspace_id: Id,
        business_id: Id,
    ) -> Result<Vec<(User, Membership)>> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLS}, m.role, m.business_id FROM memberships m \
             JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 \
             AND (m.business_id IS NULL OR m.business_id = $2) ORDER BY u.name"
        ))
        .bind(workspace_id)
        .bind(business_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((user_from(r)?, membership_from(r)?)))
            .collect()
    }

    /// Starts a browser session. `token` is the secret sent in the cookie;
    /// only its hash is stored.
    pub async fn create_session(
        &self,
        workspace_id: Id,
        user_id: Id,
        token: &str,
        csrf: &str,
        ttl_ms: i64,
    ) -> Result<()> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO sessions (token_hash, workspace_id, user_id, csrf, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(hash_token(token))
        .bind(workspace_id)
        .bind(user_id)
        .bind(csrf)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The live session for a cookie token, if it exists and has not expired.
    pub async fn session(&self, token: &str) -> Result<Option<SessionInfo>> {
        let Some((r, standing)) = self.standing_row(Credential::Session, token).await? else {
            return Ok(None);
        };
        Ok(Some(SessionInfo {
            user: user_from(&r)?,
            workspace_id: col(&r, "workspace_id")?,
            membership: membership_from(&r)?,
            csrf: col(&r, "csrf")?,
            expires_at: col(&r, "expires_at")?,
            standing,
        }))
    }

    /// The row a credential stands on, and what it was.
    async fn standing_row(
        &self,
        credential: Credential,
        token: &str,
    ) -> Result<Option<(Row, Standing)>> {
        let token_hash = hash_token(token);
        let row = self
            .rows(credential.sql(false), credential.args(&token_hash))
            .await?
            .into_iter()
            .next();
        let Some(r) = row else { return Ok(None) };
        let author = match credential {
            Credential::Session | Credential::ApiToken => Author::User(col(&r, "user_id")?),
            Credential::Guest => Author::Guest(col(&r, "id")?),
        };
        let standing = Standing {
            credential,
            token_hash,
            author,
            workspace_id: col(&r, "workspace_id")?,
            row: r.values().to_vec(),
        };
        Ok(Some((r, standing)))
    }

    /// Ends a session (logout).
    pub async fn delete_session(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash_token(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores an API token's hash.
    pub async fn create_api_token(
        &self,
        workspace_id: Id,
        user_id: Id,
        label: &str,
        token: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO api_tokens (workspace_id, user_id, label, token_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(workspace_id)
        .bind(user_id)
        .bind(label)
        .bind(hash_token(token))
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The user and workspace of a bearer token.
    pub async fn api_token(&self, token: &str) -> Result<Option<ApiTokenInfo>> {
        let Some((r, standing)) = self.standing_row(Credential::ApiToken, token).await? else {
            return Ok(None);
        };
        Ok(Some(ApiTokenInfo {
            user: user_from(&r)?,
            workspace_id: col(&r, "workspace_id")?,
            membership: membership_from(&r)?,
            label: col(&r, "label")?,
            standing,
        }))
    }

    /// Records a guest of a journey; `token` goes in their cookie, its hash here.
    pub async fn create_guest(
        &self,
        workspace_id: Id,
        journey_id: Id,
        name: &str,
        token: &str,
        csrf: &str,
    ) -> Result<Guest> {
        let row = sqlx::query(
            "INSERT INTO guests (workspace_id, journey_id, name, token_hash, csrf, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(workspace_id)
        .bind(journey_id)
        .bind(name)
        .bind(hash_token(token))
        .bind(csrf)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await?;
        Ok(Guest {
            id: col(&row, "id")?,
            workspace_id,
            journey_id,
            name: name.to_string(),
            csrf: csrf.to_string(),
            language: None,
        })
    }

    /// The guests of a journey who have not been removed, in the order they joined.
    pub async fn guests(&self, workspace_id: Id, journey_id: Id) -> Result<Vec<Guest>> {
        let rows = sqlx::query(
            "SELECT id, workspace_id, journey_id, name, csrf, language FROM guests \
             WHERE workspace_id = $1 AND journey_id = $2 AND removed_at IS NULL ORDER BY id",
        )
        .bind(workspace_id)
        .bind(journey_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Guest {
                    id: col(r, "id")?,
                    workspace_id: col(r, "workspace_id")?,
                    journey_id: col(r, "journey_id")?,
                    name: col(r, "name")?,
                    csrf: col(r, "csrf")?,
                    language: col(r, "language")?,
                })
            })
            .collect()
    }

    /// Removes a guest from a journey: their cookie stops working; what they
    /// wrote stays. A guest of another journey or workspace, or one already
    /// removed, is not found.
    pub async fn remove_guest(&self, workspace_id: Id, journey_id: Id, guest_id: Id) -> Result<()> {
        let res = sqlx::query(
            "UPDATE guests SET removed_at = $1 \
             WHERE id = $2 AND journey_id = $3 AND workspace_id = $4 AND removed_at IS NULL",
        )
        .bind(now_ms())
        .bind(guest_id)
        .bind(journey_id)
        .bind(workspace_id)
        .execute(&self.pool)
        .await?;
        if res.rows_affected() == 0 {
            return Err(StoreError::NotFound("guest"));
        }
        Ok(())
    }

    /// Gives a journey a new join code and link and, in the same
    /// transaction, removes every guest who joined by an earlier one.
    /// Answers the journey and the ids of the guests removed.
    pub async fn rotate_join_removing_guests(
        &self,
        workspace_id: Id,
        journey_id: Id,
        join_code: &str,
        join_token: &str,
    ) -> Result<(mot_core::Journey, Vec<Id>)> {
        let (join_code, join_token) = (join_code.to_string(), join_token.to_string());
        let removed = self
            .writer
            .run(move |conn| {
                Box::pin(async move {
                    let res = sqlx::query(
                        "UPDATE journeys SET join_code = $1, join_token = $2 \
                         WHERE id = $3 AND workspace_id = $4",
                    )
                    .bind(&join_code)
                    .bind(&join_token)
                    .bind(journey_id)
                    .bind(workspace_id)
                    .execute(&mut *conn)
                    .await
                    .map_err(|e| map_unique(e, "duplicate-join-code"))?;
                    if res.rows_affected() == 0 {
                        return Err(StoreError::NotFound("journey"));
                    }
                    let rows = sqlx::query(
                        "UPDATE guests SET removed_at = $1 \
                         WHERE journey_id = $2 AND workspace_id = $3 AND removed_at IS NULL \
                         RETURNING id",
                    )
                    .bind(now_ms())
                    .bind(journey_id)
                    .bind(workspace_id)
                    .fetch_all(&mut *conn)
                    .await?;
                    let mut ids = rows
                        .iter()
                        .map(|r| col::<Id, _>(r, "id"))
                        .collect::<Result<Vec<_>>>()?;
                    ids.sort_unstable();
                    Ok((ids, Vec::new()))
                })
            })
            .await?;
        Ok((self.journey(workspace_id, journey_id).await?, removed))
    }

    /// Keeps the language an account chose (`en`, `de`, `ar`): its pages
    /// speak it on every device.
    pub async fn set_user_language(&self, user_id: Id, code: &str) -> Result<()> {
        sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
            .bind(code)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Keeps the language a guest chose on the join page or by the switch.
    pub async fn set_guest_language(&self, guest_id: Id, code: &str) -> Result<()> {
        sqlx::query("UPDATE guests SET language = $1 WHERE id = $2")
            .bind(code)
            .bind(guest_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The guest a cookie token belongs to.
    pub async fn guest(&self, token: &str) -> Result<Option<Guest>> {
        Ok(self.guest_standing(token).await?.map(|(g, _)| g))
    }

    /// A guest by their cookie's token, and what their place stands on.
    pub async fn guest_standing(&self, token: &str) -> Result<Option<(Guest, Standing)>> {
        let Some((r, standing)) = self.standing_row(Credential::Guest, token).await? else {
            return Ok(None);
        };
        let guest = Guest {
            id: col(&r, "id")?,
            workspace_id: col(&r, "workspace_id")?,
            journey_id: col(&r, "journey_id")?,
            name: col(&r, "name")?,
            csrf: col(&r, "csrf")?,
            language: col(&r, "language")?,
        };
        Ok(Some((guest, standing)))
    }
}

pub(crate) async fn insert_user(
    conn: &mut AnyConnection,
    email: &str,
    name: &str,
    password_hash: &str,
) -> Result<User> {
    let row = sqlx::query(
        "INSERT INTO users (email, name, password_hash, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(password_hash)
    .bind(now_ms())
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| map_unique(e, "duplicate-email"))?;
    Ok(User {
        id: col(&row, "id")?,
        email: email.to_string(),
        name: name.to_string(),
        password_hash: password_hash.to_string(),
        language: None,
    })
}

pub(crate) async fn add_membership(
    conn: &mut AnyConnection,
    workspace_id: Id,
    user_id: Id,
    membership: Membership,
) -> Result<()> {
    check_business(conn, workspace_id, membership).await?;
    // The practice's own people name no business (the column is NULL).
    let sql = match membership {
        Membership::Staff(_) => {
            "INSERT INTO memberships (workspace_id, user_id, role, created_at) \
             VALUES ($1, $2, $3, $4)"
        }
        Membership::Client(_) => {
            "INSERT INTO memberships (workspace_id, user_id, role, created_at, business_id) \
             VALUES ($1, $2, $3, $4, $5)"
        }
    };
    let mut q = sqlx::query(sql)
        .bind(workspace_id)
        .bind(user_id)
        .bind(membership.role_name())
        .bind(now_ms());
    if let Some(b) = membership.business_id() {
        q = q.bind(b);
    }
    q.execute(&mut *conn)
        .await
        .map_err(|e| map_unique(e, "duplicate-member"))?;
    Ok(())
}

/// A client's membership names a business of the same workspace.
pub(crate) async fn check_business(
    conn: &mut AnyConnection,
    workspace_id: Id,
    membership: Membership,
) -> Result<()> {
    if let Some(b) = membership.business_id() {
        sqlx::query("SELECT 1 AS x FROM businesses WHERE id = $1 AND workspace_id = $2")
            .bind(b)
            .bind(workspace_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound("business"))?;
    }
    Ok(())
}
