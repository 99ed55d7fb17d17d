//! Businesses, journeys, stages, channels and moments.

use crate::changes::append_change;
use crate::request::{self, Request};
use crate::tx::{col, ids, Cols, Tx, Val};
use crate::{map_unique, now_ms, Backend, Committed, Result, Store, StoreError};
use mot_core::board::{self, check_channel_usable, move_to};
use mot_core::{
    default_channels, default_stages, Actor, Author, BoardCommand, BoardEvent, Business, Channel,
    DefaultNames, Id, Journey, Moment, Stage, StageOrder,
};
use sqlx::AnyConnection;

mod commands;

use commands::*;

/// Inserts a business with the default channels (in the caller's transaction).
pub(crate) async fn insert_business(
    conn: &mut AnyConnection,
    workspace_id: Id,
    name: String,
    names: &DefaultNames,
) -> Result<Business> {
    let now = now_ms();
    let row = sqlx::query(
        "INSERT INTO businesses (workspace_id, name, created_at) VALUES ($1, $2, $3) \
         RETURNING id",
    )
    .bind(workspace_id)
    .bind(&name)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let id: Id = col(&row, "id")?;
    for (i, c) in default_channels().into_iter().enumerate() {
        let channel_name = names.channels.get(i).map_or(c.name, String::as_str);
        sqlx::query(
            "INSERT INTO channels (workspace_id, business_id, name, colour, icon, position, retired) \
             VALUES ($1, $2, $3, $4, $5, $6, 0)",
        )
        .bind(workspace_id)
        .bind(id)
        .bind(channel_name)
        .bind(c.colour)
        .bind(c.icon)
        .bind(i as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(Business {
        id,
        workspace_id,
        name,
        created_at: now,
    })
}

/// Everything needed to draw a board.
#[derive(Debug, Clone)]
pub struct Board {
    pub business: Business,
    pub journey: Journey,
    pub stages: Vec<Stage>,
    pub channels: Vec<Channel>,
    /// Live (not deleted) notes, ordered by stage then position.
    pub moments: Vec<Moment>,
}

macro_rules! moment_cols {
    () => {
        "id, journey_id, stage_id, channel_id, title, description, position, \
         author, author_name, created_at, updated_at"
    };
}
const MOMENT_COLS: &str = moment_cols!();
const LOAD_LIVE_MOMENT: &str = concat!(
    "SELECT ",
    moment_cols!(),
    " FROM moments WHERE id = $1 AND journey_id = $2 AND workspace_id = $3 AND deleted_at IS NULL"
);
const LOAD_DELETED_MOMENT: &str = concat!(
    "SELECT ",
    moment_cols!(),
    " FROM moments WHERE id = $1 AND journey_id = $2 AND workspace_id = $3 AND deleted_at IS NOT NULL"
);
const INSERT_MOMENT: &str = concat!(
    "INSERT INTO moments (workspace_id, journey_id, stage_id, channel_id, title, description, \
     position, author, author_name, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING ",
    moment_cols!()
);
const JOURNEY_COLS: &str =
    "id, workspace_id, business_id, name, join_code, join_token, last_seq, created_at";
const CHANNEL_COLS: &str = "id, business_id, name, colour, icon, position, retired";

fn business_from(r: &impl Cols) -> Result<Business> {
    Ok(Business {
        id: col(r, "id")?,
        workspace_id: col(r, "workspace_id")?,
        name: col(r, "name")?,
        created_at: col(r, "created_at")?,
    })
}

fn journey_from(r: &impl Cols) -> Result<Journey> {
    Ok(Journey {
        id: col(r, "id")?,
        workspace_id: col(r, "workspace_id")?,
        business_id: col(r, "business_id")?,
        name: col(r, "name")?,
        join_code: col(r, "join_code")?,
        join_token: col(r, "join_token")?,
        last_seq: col(r, "last_seq")?,
        created_at: col(r, "created_at")?,
    })
}

fn stage_from(r: &impl Cols) -> Result<Stage> {
    Ok(Stage {
        id: col(r, "id")?,
        journey_id: col(r, "journey_id")?,
        name: col(r, "name")?,
        position: col(r, "position")?,
    })
}

fn channel_from(r: &impl Cols) -> Result<Channel> {
    Ok(Channel {
        id: col(r, "id")?,
        business_id: col(r, "business_id")?,
        name: col(r, "name")?,
        colour: col(r, "colour")?,
        icon: col(r, "icon")?,
        position: col(r, "position")?,
        retired: col::<i64, _>(r, "retired")? != 0,
    })
}

fn moment_from(r: &impl Cols) -> Result<Moment> {
    let author: String = col(r, "author")?;
    Ok(Moment {
        id: col(r, "id")?,
        journey_id: col(r, "journey_id")?,
        stage_id: col(r, "stage_id")?,
        channel_id: col(r, "channel_id")?,
        title: col(r, "title")?,
        description: col(r, "description")?,
        position: col(r, "position")?,
        author: Author::parse_key(&author)
            .ok_or_else(|| StoreError::Config(format!("bad author {author:?} in the database")))?,
        author_name: col(r, "author_name")?,
        created_at: col(r, "created_at")?,
        updated_at: col(r, "updated_at")?,
    })
}

/// A board command with who sent it, ready for the writer.
pub(crate) struct BoardJob {
    workspace_id: Id,
    journey_id: Id,
    actor: Actor,
    actor_name: String,
    cmd: BoardCommand,
    /// The client's request id, if it sent one.
    request: Option<Request>,
    /// What the caller's access stands on, checked again first.
    standing: Option<crate::Standing>,
}

impl Store {
    // ---- businesses ---------------------------------------------------

    /// Creates a business with the twelve default channels.
    pub async fn create_business(&self, workspace_id: Id, name: &str) -> Result<Business> {
        self.create_business_once(workspace_id, name, None, DefaultNames::default())
            .await
    }

    pub(crate) async fn create_business_once(
        &self,
        workspace_id: Id,
        name: &str,
        req: Option<Request>,
        names: DefaultNames,
    ) -> Result<Business> {
        let name = name.to_string();
        let made = request::make_once(&self.writer, workspace_id, req, move |conn| {
            Box::pin(async move {
                let b = insert_business(conn, workspace_id, name, &names).await?;
                Ok((b.id, Vec::new()))
            })
        })
        .await?;
        self.business(workspace_id, made.id()).await
    }

    pub async fn businesses(&self, workspace_id: Id) -> Result<Vec<Business>> {
        let rows = sqlx::query(
            "SELECT id, workspace_id, name, created_at FROM businesses WHERE workspace_id = $1 \
             ORDER BY name, id",
        )
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(business_from).collect()
    }

    pub async fn business(&self, workspace_id: Id, id: Id) -> Result<Business> {
        let row = sqlx::query(
            "SELECT id, workspace_id, name, created_at FROM businesses WHERE id = $1 AND workspace_id = $2",
        )
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("business"))?;
        business_from(&row)
    }

    pub async fn rename_business(&self, workspace_id: Id, id: Id, name: &str) -> Result<Business> {
        let res =
            sqlx::query("UPDATE businesses SET name = $1 WHERE id = $2 AND workspace_id = $3")
                .bind(name)
                .bind(id)
                .bind(workspace_id)
                .execute(&self.pool)
                .await?;
        if res.rows_affected() == 0 {
            return Err(StoreError::NotFound("business"));
        }
        self.business(workspace_id, id).await
    }

    // ---- journeys -----------------------------------------------------

    /// Creates a journey with the default stages and the given join secrets.
    pub async fn create_journey(
        &self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
        join_code: &str,
        join_token: &str,
    ) -> Result<Journey> {
        self.create_journey_once(
            workspace_id,
            business_id,
            name,
            (join_code, join_token),
            None,
            DefaultNames::default(),
        )
        .await
    }

    pub(crate) async fn create_journey_once(
        &self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
        (join_code, join_token): (&str, &str),
        req: Option<Request>,
        names: DefaultNames,
    ) -> Result<Journey> {
        self.business(workspace_id, business_id).await?;
        let (name, join_code, join_token) = (
            name.to_string(),
            join_code.to_string(),
            join_token.to_string(),
        );
        let made = request::make_once(&self.writer, workspace_id, req, move |conn| {
                Box::pin(async move {
                    let now = now_ms();
                    let row = sqlx::query(&format!(
                        "INSERT INTO journeys (workspace_id, business_id, name, join_code, join_token, last_seq, created_at) \
                         VALUES ($1, $2, $3, $4, $5, 0, $6) RETURNING {JOURNEY_COLS}"
                    ))
                    .bind(workspace_id)
                    .bind(business_id)
                    .bind(&name)
                    .bind(&join_code)
                    .bind(&join_token)
                    .bind(now)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err(|e| map_unique(e, "duplicate-join-code"))?;
                    let journey = journey_from(&row)?;
                    for (i, s) in default_stages().into_iter().enumerate() {
                        let s = names.stages.get(i).map_or(s, String::as_str);
                        sqlx::query(
                            "INSERT INTO stages (workspace_id, journey_id, name, position, removed) \
                             VALUES ($1, $2, $3, $4, 0)",
                        )
                        .bind(workspace_id)
                        .bind(journey.id)
                        .bind(s)
                        .bind(i as i64)
                        .execute(&mut *conn)
                        .await?;
                    }
                    Ok((journey.id, Vec::new()))
                })
            })
            .await?;
        self.journey(workspace_id, made.id()).await
    }

    pub async fn journeys(&self, workspace_id: Id, business_id: Id) -> Result<Vec<Journey>> {
        let rows = sqlx::query(&format!(
            "SELECT {JOURNEY_COLS} FROM journeys WHERE workspace_id = $1 AND business_id = $2 ORDER BY id"
        ))
        .bind(workspace_id)
        .bind(business_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(journey_from).collect()
    }

    pub async fn journey(&self, workspace_id: Id, id: Id) -> Result<Journey> {
        let row = self
            .rows(
                format!("SELECT {JOURNEY_COLS} FROM journeys WHERE id = $1 AND workspace_id = $2"),
                vec![id.into(), workspace_id.into()],
            )
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound("journey"))?;
        journey_from(&row)
    }

    /// The journey a join link's secret opens (any workspace: the secret is the key).
    pub async fn journey_by_join_token(&self, token: &str) -> Result<Option<Journey>> {
        let row = sqlx::query(&format!(
            "SELECT {JOURNEY_COLS} FROM journeys WHERE join_token = $1"
        ))
        .bind(token)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(journey_from).transpose()
    }

    /// The journey a short join code opens.
    pub async fn journey_by_join_code(&self, code: &str) -> Result<Option<Journey>> {
        let row = sqlx::query(&format!(
            "SELECT {JOURNEY_COLS} FROM journeys WHERE join_code = $1"
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(journey_from).transpose()
    }

    /// Replaces a journey's join code and link secret; the old ones stop working.
    pub async fn rotate_join(
        &self,
        workspace_id: Id,
        id: Id,
        join_code: &str,
        join_token: &str,
    ) -> Result<Journey> {
        let res = sqlx::query(
            "UPDATE journeys SET join_code = $1, join_token = $2 WHERE id = $3 AND workspace_id = $4",
        )
        .bind(join_code)
        .bind(join_token)
        .bind(id)
        .bind(workspace_id)
        .execute(&self.pool)
        .await
        .map_err(|e| map_unique(e, "duplicate-join-code"))?;
        if res.rows_affected() == 0 {
            return Err(StoreError::NotFound("journey"));
        }
        self.journey(workspace_id, id).await
    }

    /// Renames a journey and tells its watchers.
    pub async fn rename_journey(&self, workspace_id: Id, id: Id, name: &str) -> Result<Journey> {
        self.journey(workspace_id, id).await?;
        let name = name.to_string();
        let journey_id = id;
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    sqlx::query(
                        "UPDATE journeys SET name = $1 WHERE id = $2 AND workspace_id = $3",
                    )
                    .bind(&name)
                    .bind(journey_id)
                    .bind(workspace_id)
                    .execute(&mut *conn)
                    .await?;
                    let c = append_change(
                        conn,
                        workspace_id,
                        journey_id,
                        BoardEvent::JourneyRenamed { name },
                    )
                    .await?;
                    Ok(((), vec![c]))
                })
            })
            .await?;
        self.journey(workspace_id, id).await
    }

    // ---- stages, channels, moments: reads -------------------------------

    pub async fn stages(&self, workspace_id: Id, journey_id: Id) -> Result<Vec<Stage>> {
        let rows = sqlx::query(
            "SELECT id, journey_id, name, position FROM stages \
             WHERE journey_id = $1 AND workspace_id = $2 AND removed = 0 ORDER BY position, id",
        )
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(stage_from).collect()
    }

    pub async fn stage(&self, workspace_id: Id, id: Id) -> Result<Stage> {
        let row = sqlx::query(
            "SELECT id, journey_id, name, position FROM stages \
             WHERE id = $1 AND workspace_id = $2 AND removed = 0",
        )
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("stage"))?;
        stage_from(&row)
    }

    pub async fn channels(&self, workspace_id: Id, business_id: Id) -> Result<Vec<Channel>> {
        let rows = sqlx::query(&format!(
            "SELECT {CHANNEL_COLS} FROM channels WHERE business_id = $1 AND workspace_id = $2 \
             ORDER BY position, id"
        ))
        .bind(business_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(channel_from).collect()
    }

    pub async fn channel(&self, workspace_id: Id, id: Id) -> Result<Channel> {
        let row = sqlx::query(&format!(
            "SELECT {CHANNEL_COLS} FROM channels WHERE id = $1 AND workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("channel"))?;
        channel_from(&row)
    }

    /// A live note. Deleted notes are "not found" except to [`Store::deleted_moment`].
    pub async fn moment(&self, workspace_id: Id, id: Id) -> Result<Moment> {
        let row = sqlx::query(&format!(
            "SELECT {MOMENT_COLS} FROM moments WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("moment"))?;
        moment_from(&row)
    }

    /// The journey a note (live or deleted) belongs to.
    pub async fn moment_journey(&self, workspace_id: Id, id: Id) -> Result<Id> {
        let row = sqlx::query("SELECT journey_id FROM moments WHERE id = $1 AND workspace_id = $2")
            .bind(id)
            .bind(workspace_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound("moment"))?;
        col(&row, "journey_id")
    }

    pub async fn moments(&self, workspace_id: Id, journey_id: Id) -> Result<Vec<Moment>> {
        let rows = sqlx::query(&format!(
            "SELECT m.{} FROM moments m JOIN stages s ON s.id = m.stage_id \
             WHERE m.journey_id = $1 AND m.workspace_id = $2 AND m.deleted_at IS NULL \
             ORDER BY s.position, s.id, m.position, m.id",
            MOMENT_COLS.replace(", ", ", m.")
        ))
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(moment_from).collect()
    }

    /// The whole board, in one read: on SQLite in place on a read
    /// connection (one snapshot, no thread hop per statement; see
    /// `reader`), else on one pooled connection. The journey (with its
    /// `last_seq`) is read first, so a client that resumes from that number
    /// sees every later change.
    pub async fn board(&self, workspace_id: Id, journey_id: Id) -> Result<Board> {
        self.read(BoardRead {
            workspace_id,
            journey_id,
        })
        .await
    }

    pub async fn add_channel(
        &self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
        colour: &str,
        icon: &str,
    ) -> Result<Channel> {
        self.add_channel_once(workspace_id, business_id, name, colour, icon, None)
            .await
    }

    pub(crate) async fn add_channel_once(
        &self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
        colour: &str,
        icon: &str,
        req: Option<Request>,
    ) -> Result<Channel> {
        self.business(workspace_id, business_id).await?;
        let (name, colour, icon) = (name.to_string(), colour.to_string(), icon.to_string());
        let made = request::make_once(&self.writer, workspace_id, req, move |conn| {
                Box::pin(async move {
                    let n: i64 = col(
                        &sqlx::query("SELECT COUNT(*) AS n FROM channels WHERE business_id = $1")
                            .bind(business_id)
                            .fetch_one(&mut *conn)
                            .await?,
                        "n",
                    )?;
                    if n as usize >= mot_core::Limits::CHANNELS_PER_BUSINESS {
                        return Err(mot_core::RuleError::Conflict(
                            mot_core::Msg::new("rule-too-many-channels")
                                .arg("limit", mot_core::Limits::CHANNELS_PER_BUSINESS),
                        )
                        .into());
                    }
                    let row = sqlx::query(&format!(
                        "INSERT INTO channels (workspace_id, business_id, name, colour, icon, position, retired) \
                         VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING {CHANNEL_COLS}"
                    ))
                    .bind(workspace_id)
                    .bind(business_id)
                    .bind(&name)
                    .bind(&colour)
                    .bind(&icon)
                    .bind(n)
                    .fetch_one(&mut *conn)
                    .await?;
                    let channel = channel_from(&row)?;
                    let changes = announce_channels(conn, workspace_id, business_id).await?;
                    Ok((channel.id, changes))
                })
            })
            .await?;
        self.channel(workspace_id, made.id()).await
    }

    /// Renames, recolours, relabels, retires or brings back a channel.
    pub async fn update_channel(
        &self,
        workspace_id: Id,
        id: Id,
        name: Option<String>,
        colour: Option<String>,
        icon: Option<String>,
        retired: Option<bool>,
    ) -> Result<Channel> {
        let mut ch = self.channel(workspace_id, id).await?;
        if let Some(v) = name {
            ch.name = v;
        }
        if let Some(v) = colour {
            ch.colour = v;
        }
        if let Some(v) = icon {
            ch.icon = v;
        }
        if let Some(v) = retired {
            ch.retired = v;
        }
        let updated = ch.clone();
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    sqlx::query(
                        "UPDATE channels SET name = $1, colour = $2, icon = $3, retired = $4 \
                         WHERE id = $5 AND workspace_id = $6",
                    )
                    .bind(&ch.name)
                    .bind(&ch.colour)
                    .bind(&ch.icon)
                    .bind(ch.retired as i64)
                    .bind(ch.id)
                    .bind(workspace_id)
                    .execute(&mut *conn)
                    .await?;
                    let changes = announce_channels(conn, workspace_id, ch.business_id).await?;
                    Ok(((), changes))
                })
            })
            .await?;
        Ok(updated)
    }

    // ---- the board's commands -------------------------------------------

    /// Checks `cmd` against the rules and the current board, commits it with
    /// its log entry, and returns the entry once it is durable.
    pub async fn apply(
        &self,
        workspace_id: Id,
        journey_id: Id,
        actor: Actor,
        actor_name: &str,
        cmd: BoardCommand,
    ) -> Result<Committed> {
        self.apply_once(workspace_id, journey_id, actor, actor_name, cmd, None)
            .await
    }

    /// [`Store::apply`] with the client's request id (checked with
    /// `mot_core::request::request_id`): a repeat of a committed request
    /// answers the change it made then, and changes nothing; the same id
    /// with another command or sender is refused.
    pub async fn apply_once(
        &self,
        workspace_id: Id,
        journey_id: Id,
        actor: Actor,
        actor_name: &str,
        cmd: BoardCommand,
        request_id: Option<&str>,
    ) -> Result<Committed> {
        self.apply_standing(
            workspace_id,
            journey_id,
            actor,
            actor_name,
            cmd,
            request_id,
            None,
        )
        .await
    }

    /// [`Self::apply_once`] for an access read earlier (a live socket's):
    /// the command's transaction first checks that `standing` still holds,
    /// else nothing is done and the answer is
    /// [`StoreError::StandingChanged`]. A standing of anyone but `actor` in
    /// `workspace_id` is refused before anything runs
    /// ([`StoreError::StandingNotTheActors`]).
    #[allow(clippy::too_many_arguments)]
    pub async fn apply_standing(
        &self,
        workspace_id: Id,
        journey_id: Id,
        actor: Actor,
        actor_name: &str,
        cmd: BoardCommand,
        request_id: Option<&str>,
        standing: Option<&crate::Standing>,
    ) -> Result<Committed> {
        if standing.is_some_and(|s| !s.is_for(actor.author(), workspace_id)) {
            return Err(StoreError::StandingNotTheActors);
        }
        let cmd = cmd.normalised()?;
        let request = request_id.map(|id| Request::new(id.to_string(), actor.author().key(), &cmd));
        let job = BoardJob {
            workspace_id,
            journey_id,
            actor,
            actor_name: actor_name.to_string(),
            cmd,
            request,
            standing: standing.cloned(),
        };
        match self.writer.apply(job).await {
            Ok(mut changes) => changes
                .pop()
                .ok_or(StoreError::CommitFailed("the change was not logged".into())),
            Err(StoreError::AlreadyDone { seq_to, .. }) => {
                self.logged_change(workspace_id, journey_id, seq_to).await
            }
            Err(e) => Err(e),
        }
    }

    /// The change `seq` of a board's log.
    pub async fn logged_change(
        &self,
        workspace_id: Id,
        journey_id: Id,
        seq: i64,
    ) -> Result<Committed> {
        self.changes_since(workspace_id, journey_id, seq - 1, 1)
            .await?
            .into_iter()
            .find(|c| c.seq == seq)
            .ok_or(StoreError::NotFound("change"))
    }
}

/// The whole board ([`Store::board`]), as one read.
struct BoardRead {
    workspace_id: Id,
    journey_id: Id,
}

impl crate::reader::Read for BoardRead {
    type Out = Board;
    fn run<T: Tx>(self, tx: &mut T) -> impl std::future::Future<Output = Result<Board>> + Send {
        board_in(tx, self.workspace_id, self.journey_id)
    }
}

async fn board_in(tx: &mut impl Tx, workspace_id: Id, journey_id: Id) -> Result<Board> {
    let (ws, jid) = (Val::Int(workspace_id), Val::Int(journey_id));
    let one = |rows: Vec<crate::tx::Row>, what: &'static str| {
        rows.into_iter().next().ok_or(StoreError::NotFound(what))
    };
    let journey = journey_from(&one(
        tx.fetch_all(
            &format!("SELECT {JOURNEY_COLS} FROM journeys WHERE id = $1 AND workspace_id = $2"),
            &[jid.clone(), ws.clone()],
        )
        .await?,
        "journey",
    )?)?;
    let bid = Val::Int(journey.business_id);
    let business = business_from(&one(
        tx.fetch_all(
            "SELECT id, workspace_id, name, created_at FROM businesses WHERE id = $1 AND workspace_id = $2",
            &[bid.clone(), ws.clone()],
        )
        .await?,
        "business",
    )?)?;
    let stages = tx
        .fetch_all(
            "SELECT id, journey_id, name, position FROM stages \
             WHERE journey_id = $1 AND workspace_id = $2 AND removed = 0 ORDER BY position, id",
            &[jid.clone(), ws.clone()],
        )
        .await?
        .iter()
        .map(stage_from)
        .collect::<Result<Vec<_>>>()?;
    let channels = tx
        .fetch_all(
            &format!(
                "SELECT {CHANNEL_COLS} FROM channels WHERE business_id = $1 AND workspace_id = $2 \
                 ORDER BY position, id"
            ),
            &[bid, ws.clone()],
        )
        .await?
        .iter()
        .map(channel_from)
        .collect::<Result<Vec<_>>>()?;
    let moments = tx
        .fetch_all(
            &format!(
                "SELECT m.{} FROM moments m JOIN stages s ON s.id = m.stage_id \
                 WHERE m.journey_id = $1 AND m.workspace_id = $2 AND m.deleted_at IS NULL \
                 ORDER BY s.position, s.id, m.position, m.id",
                MOMENT_COLS.replace(", ", ", m.")
            ),
            &[jid, ws],
        )
        .await?
        .iter()
        .map(moment_from)
        .collect::<Result<Vec<_>>>()?;
    Ok(Board {
        business,
        journey,
        stages,
        channels,
        moments,
    })
}
