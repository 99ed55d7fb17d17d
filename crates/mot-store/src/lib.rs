//! Persistence for mot: one [`Store`] over SQLite (embedded default) or
//! PostgreSQL (scale-out), chosen from the database URL's scheme.
//!
//! The SQL is written once, in the subset both databases share (`$1`
//! placeholders, `RETURNING`, 64-bit integers for ids, times and flags), and run
//! through sqlx's `Any` driver. The few real differences (migrations, the
//! cross-instance `NOTIFY`) fork on [`Backend`]. Every method that touches
//! tenant data takes the caller's workspace id and treats a row of another
//! workspace as absent.

mod accounts;
mod audit;
mod board;
mod brands;
mod changes;
mod feedback;
mod feedback_alerts;
mod feedback_import;
mod feedback_stage;
mod feedback_survey;
mod health;
mod instance;
mod journey_templates;
mod people;
mod portfolio;
mod reach;
mod reader;
mod report_sends;
mod request;
mod session;
#[cfg(feature = "testing")]
pub mod testing;
mod tx;
mod writer;

pub use accounts::{ApiTokenInfo, Guest, SessionInfo, Standing, User, Workspace};
pub use audit::{
    Branch, NoteExtras, RaterLink, RaterView, Round, RoundItem, RoundResults, Score, Standard,
    Template, TemplateItem, CUSTOMER_DAYS,
};
pub use board::Board;
pub use brands::BrandRow;
pub use feedback::{
    day_of, period_sums as feedback_period_sums, rebuild_running as feedback_rebuild_running,
    today as feedback_today, AnswerWith, CommentFilter, FeedbackComment, FeedbackPoint,
    MomentTally, PointView,
};
pub use feedback_alerts::{ActionFromAlert, AlertToMail, FeedbackAlert, NewAlert, ALERTS_SHOWN};
pub use feedback_import::{
    FeedbackImport, ImportEnd, ImportProgress, ImportStage, ImportStatus, StagedRow,
    IMPORT_RUNNING, NOT_TAKEN_OUT as IMPORT_NOT_TAKEN_OUT, NO_ROWS as IMPORT_NO_ROWS,
    SOME_REFUSED as IMPORT_SOME_REFUSED, TAKING_OUT as IMPORT_TAKING_OUT,
};
pub use feedback_survey::{Asked, Survey, SurveyView};
pub use health::{check_backup_file, installation, restore_sqlite_file, Health, Installation};
pub use journey_templates::{JourneyTemplate, Keyed};
pub use people::{ApiTokenRow, Ended, Invite, InviteLink, NO_PASSWORD};
pub use reach::Kind;
pub use report_sends::ReportSend;
pub use request::{ClientRequest, Once};
pub use session::{author_tag, Assessment, MyRating, RatingAnswer, SessionView};

use mot_core::{Id, LiveEvent, Millis, Msg, RuleError};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// Which database a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist, or belongs to another workspace. The
    /// `what` is said to people as the catalogue key `thing-<what>` (spaces
    /// as hyphens) inside `error-not-found`.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A rule of the method refused the change.
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// A unique key is already taken (e.g. an e-mail address); the message
    /// is a catalogue key (`duplicate-…`).
    #[error("{0}")]
    Duplicate(Msg),
    /// The database URL cannot be used.
    #[error("{0}")]
    Config(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The database failed under the writer's in-place SQLite driver (tx.rs).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The transaction holding this change could not be committed.
    #[error("the change could not be saved: {0}")]
    CommitFailed(String),
    /// The store is shutting down.
    #[error("the store is shutting down")]
    Closed,
    /// The access a command carried (its [`Standing`]) has ended or changed
    /// since it was read; nothing was done. The caller reads it again.
    #[error("the access this change was made with has changed")]
    StandingChanged,
    /// A command carried the access of someone else, or of another
    /// workspace, than the actor it was made as: a caller's mistake, never
    /// run.
    #[error("the access this change carries is not its maker's")]
    StandingNotTheActors,
    /// Internal: a request id was seen before, with the changes it made
    /// (answered by the store with the first outcome; never returned).
    #[error("this request was already done")]
    AlreadyDone {
        journey_id: Id,
        seq_from: i64,
        seq_to: i64,
    },
    /// The database could not be reached (down, restarting, every
    /// connection busy); nothing was changed.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
}

impl StoreError {
    /// Whether the database could not be reached: worth a 503 and a retry,
    /// not a 500.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Unavailable(_)
            | StoreError::Database(
                sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Io(_)
                | sqlx::Error::Tls(_),
            ) => true,
            // PostgreSQL refusing connections: connection exceptions (08),
            // too many connections, shutting down or starting up, and a
            // database that takes no connections (ALLOW_CONNECTIONS false).
            StoreError::Database(sqlx::Error::Database(db)) => db.code().is_some_and(|c| {
                c.starts_with("08") || ["53300", "57P01", "57P02", "57P03", "55000"].contains(&&*c)
            }),
            _ => false,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A change that is committed to a board's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Committed {
    pub workspace_id: Id,
    pub journey_id: Id,
    pub seq: i64,
    pub at: Millis,
    pub event: LiveEvent,
}

/// What the store tells live-update hubs.
#[derive(Debug, Clone)]
pub enum Notice {
    /// This process committed a change (sent in commit order).
    Local(Arc<Committed>),
    /// Another process committed a change up to `seq` (PostgreSQL only).
    Remote {
        workspace_id: Id,
        journey_id: Id,
        seq: i64,
    },
    /// The PostgreSQL listener reconnected: notices may have been missed.
    Resync,
    /// Someone's access ended (on this instance or another): their open
    /// live sockets close. See [`Store::announce_revocation`].
    Revoked(Revocation),
}

/// Someone whose access has ended: a browser session that logged out, a
/// guest who was removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// A browser session, by the hash of its cookie token.
    Session(String),
    /// A guest, removed by a facilitator or with the old join link.
    Guest(Id),
    /// A member of a workspace (workspace, user) removed or given another
    /// role: every socket they opened in it, by session or token.
    Member(Id, Id),
    /// An API token, by its hash, revoked by its owner.
    Token(String),
}

impl Revocation {
    /// The NOTIFY payload that carries it to other instances.
    fn payload(&self, instance: &str) -> String {
        match self {
            Revocation::Session(hash) => format!("revoke:session:{hash}:{instance}"),
            Revocation::Guest(id) => format!("revoke:guest:{id}:{instance}"),
            Revocation::Member(ws, user) => format!("revoke:member:{ws}-{user}:{instance}"),
            Revocation::Token(hash) => format!("revoke:token:{hash}:{instance}"),
        }
    }

    /// A revocation from a NOTIFY payload, and the instance that sent it.
    fn parse(payload: &str) -> Option<(Revocation, &str)> {
        let mut parts = payload.strip_prefix("revoke:")?.splitn(3, ':');
        let (kind, value, from) = (parts.next()?, parts.next()?, parts.next()?);
        let r = match kind {
            "session" => Revocation::Session(value.to_string()),
            "guest" => Revocation::Guest(value.parse().ok()?),
            "token" => Revocation::Token(value.to_string()),
            "member" => {
                let (ws, user) = value.split_once('-')?;
                Revocation::Member(ws.parse().ok()?, user.parse().ok()?)
            }
            _ => return None,
        };
        Some((r, from))
    }
}

/// The persistence layer. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    notices: broadcast::Sender<Notice>,
    writer: writer::Writer,
    /// Tags this store's NOTIFY payloads, so its own listener can skip them.
    instance: Arc<str>,
    /// PostgreSQL: whether the listener is LISTENing now (always true on
    /// SQLite, which has no other instances to hear).
    listening: tokio::sync::watch::Receiver<bool>,
    /// How many times this store changed customer feedback (answers,
    /// flags, imports): what is worth checking for alerts again.
    feedback_writes: Arc<std::sync::atomic::AtomicU64>,
    /// The database's URL: an import on PostgreSQL opens a connection of
    /// its own for COPY.
    url: Arc<str>,
    /// SQLite: read connections whose statements run in place (`reader`).
    readers: Option<Arc<reader::Readers>>,
    /// Closed audit rounds' means per template item (a closed round takes
    /// no more answers or hand-ins, so they never change): the previous
    /// round's change and the other clients' benchmark on every results
    /// page.
    closed_means: audit::ClosedMeans,
}

/// SQLite: how many read connections run board reads in place.
const READERS: usize = 4;

/// How often SQLite's write-ahead log is folded into the database file
/// (see `Store::spawn_checkpointer`).
pub const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// How long a request waits for a PostgreSQL connection before it is
/// answered 503.
pub const POSTGRES_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// The channel name used for cross-instance notifications on PostgreSQL.
pub const NOTIFY_CHANNEL: &str = "mot_changes";

pub(crate) fn now_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The database file of a SQLite URL (`None` for PostgreSQL or in-memory).
pub fn sqlite_file_of(url: &str) -> Option<std::path::PathBuf> {
    health::sqlite_file(url).map(|(path, _)| path)
}

/// The default SQLite URL for a data directory.
pub fn sqlite_url_for_dir(dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", dir.join("mot.sqlite3").display())
}

impl Store {
    /// Connects to `url` (`sqlite:…` or `postgres://…`). Does not migrate.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            let scheme = url.split(':').next().unwrap_or("");
            return Err(StoreError::Config(format!(
                "unsupported database URL scheme \"{scheme}\": use sqlite:PATH or postgres://…"
            )));
        };
        if backend == Backend::Sqlite {
            // A bad file is named with what is wrong with it, at once,
            // instead of a pool that times out after seconds of retries.
            let u = url.to_string();
            tokio::task::spawn_blocking(move || health::check_sqlite_file(&u))
                .await
                .map_err(|e| StoreError::Config(format!("cannot check the database file: {e}")))?
                .map_err(StoreError::Config)?;
        }
        let options = AnyPoolOptions::new()
            // A PostgreSQL server that is down is reported within seconds
            // (a 503 and /healthz), not after a 10-second wait per request.
            .acquire_timeout(match backend {
                Backend::Sqlite => Duration::from_secs(10),
                Backend::Postgres => POSTGRES_ACQUIRE_TIMEOUT,
            })
            // A SQLite file cannot drop its connection; the ping sqlx sends
            // before lending one out costs a worker round trip per query.
            // (PostgreSQL keeps it: a server may have closed the socket.)
            .test_before_acquire(backend == Backend::Postgres)
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            });
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(writer::SQLITE_PRAGMAS).await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        // One plain connection first, so an unreachable database is reported
        // with its real cause instead of a pool time-out.
        match tokio::time::timeout(
            Duration::from_secs(10),
            <sqlx::AnyConnection as sqlx::Connection>::connect(url),
        )
        .await
        {
            Err(_) => {
                return Err(StoreError::Config(
                    "the database did not answer within 10 seconds".into(),
                ))
            }
            Ok(Err(e)) => {
                return Err(StoreError::Config(format!(
                    "cannot connect to the database: {e}"
                )))
            }
            Ok(Ok(conn)) => {
                let _ = sqlx::Connection::close(conn).await;
            }
        }
        let pool = options.connect(url).await?;
        let (notices, _) = broadcast::channel(65_536);
        let instance: Arc<str> = random_token().into();
        let writer = writer::Writer::spawn(
            pool.clone(),
            backend,
            url,
            notices.clone(),
            instance.clone(),
        );
        let (listening_tx, listening) = tokio::sync::watch::channel(backend == Backend::Sqlite);
        // An in-memory database is one connection's own: the pool reads it.
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let readers = match backend {
            Backend::Sqlite if !in_memory => Some(Arc::new(reader::Readers::open(url, READERS)?)),
            _ => None,
        };
        let store = Store {
            readers,
            closed_means: Arc::default(),
            pool,
            backend,
            notices,
            writer,
            feedback_writes: Arc::default(),
            url: url.into(),
            instance,
            listening,
        };
        if backend == Backend::Postgres {
            store.spawn_pg_listener(url.to_string(), listening_tx);
        } else {
            store.spawn_checkpointer();
        }
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the migrations that have not run yet, then turns the text
    /// import keys of answers imported before migration 0029 into numbers.
    pub async fn migrate(&self) -> Result<()> {
        self.run_migrations(i64::MAX).await
    }

    /// Applies the migrations up to and including version `last` only, as
    /// an installation of that version had them: for tests that check a
    /// later migration keeps what such an installation holds.
    #[cfg(feature = "testing")]
    pub async fn migrate_until(&self, last: i64) -> Result<()> {
        self.run_migrations(last).await
    }

    /// The migrations up to `last`. On SQLite with foreign keys off (a
    /// migration that copies a table to change its constraints drops the
    /// old one, which others refer to: SQLite's documented way), checked
    /// after: a migration that left a dangling reference fails.
    async fn run_migrations(&self, last: i64) -> Result<()> {
        let mut migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        if last < i64::MAX {
            let kept: Vec<_> = migrator
                .iter()
                .filter(|m| m.version <= last)
                .cloned()
                .collect();
            migrator.migrations = kept.into();
        }
        if self.backend == Backend::Postgres {
            migrator.run(&self.pool).await?;
        } else {
            let mut conn = self.pool.acquire().await?;
            conn.execute("PRAGMA foreign_keys = OFF").await?;
            let ran = migrator.run(&mut *conn).await;
            let dangling = sqlx::query("PRAGMA foreign_key_check")
                .fetch_all(&mut *conn)
                .await;
            conn.execute("PRAGMA foreign_keys = ON").await?;
            ran?;
            if !dangling?.is_empty() {
                return Err(StoreError::Config(
                    "a migration left rows that refer to nothing (PRAGMA foreign_key_check)".into(),
                ));
            }
        }
        if last >= 29 {
            self.rekey_imported_answers().await?;
        }
        Ok(())
    }

    /// The store's pool, for tests that check what the schema refuses.
    #[cfg(feature = "testing")]
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Answers whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Live-update notices, in commit order for this process.
    pub fn subscribe(&self) -> broadcast::Receiver<Notice> {
        self.notices.subscribe()
    }

    /// SQLite: folds the write-ahead log into the database file in the
    /// background, every [`CHECKPOINT_EVERY`], with a connection of its own
    /// from the pool (`PASSIVE`: it waits for no reader or writer). The
    /// connections' own checkpoints are off (`SQLITE_PRAGMAS`), so a commit
    /// never waits for one: before, the commit that crossed 1,000 pages
    /// copied them all into the file and synced it while every answer
    /// queued behind it waited. Ends when the pool closes.
    fn spawn_checkpointer(&self) {
        let pool = self.pool.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(CHECKPOINT_EVERY);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if pool.is_closed() {
                    return;
                }
                if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                    .execute(&pool)
                    .await
                {
                    if pool.is_closed() {
                        return;
                    }
                    tracing::warn!(error = %e, "cannot checkpoint the write-ahead log");
                }
            }
        });
    }

    /// Closes the pool after the writer has finished its queue.
    pub async fn close(&self) {
        self.writer.close().await;
        if self.backend == Backend::Sqlite {
            // Fold the write-ahead log into the database file, so the file
            // alone is the whole database once mot has stopped (connections
            // closing together may each leave that to another).
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await
            {
                tracing::debug!(error = %e, "cannot checkpoint the write-ahead log");
            }
        }
        self.pool.close().await;
    }

    /// Tells every instance that someone's access has ended, so their open
    /// live sockets close at once: this one through [`Store::subscribe`], and
    /// on PostgreSQL the others through NOTIFY. A notice that cannot be sent
    /// is logged: those sockets still end at their next command or periodic
    /// re-check, which read the database.
    pub async fn announce_revocation(&self, who: Revocation) {
        if self.backend == Backend::Postgres {
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(NOTIFY_CHANNEL)
                .bind(who.payload(&self.instance))
                .execute(&self.pool)
                .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "cannot tell other instances that an access ended");
            }
        }
        let _ = self.notices.send(Notice::Revoked(who));
    }

    /// Resolves once this store hears other instances' changes (at once on
    /// SQLite; on PostgreSQL when its listener is LISTENing): a change
    /// committed elsewhere after this reaches [`Store::subscribe`]rs.
    pub async fn until_listening(&self) {
        let mut listening = self.listening.clone();
        // An error means the listener task is gone: nothing more to wait for.
        let _ = listening.wait_for(|l| *l).await;
    }

    fn spawn_pg_listener(&self, url: String, listening: tokio::sync::watch::Sender<bool>) {
        let notices = self.notices.clone();
        let instance = self.instance.clone();
        tokio::spawn(async move {
            loop {
                match sqlx::postgres::PgListener::connect(&url).await {
                    Ok(mut listener) => {
                        if let Err(e) = listener.listen(NOTIFY_CHANNEL).await {
                            tracing::warn!(error = %e, "LISTEN failed");
                        } else {
                            // Whatever was committed while no one listened is
                            // in the log: the hubs re-read it for every board
                            // someone watches.
                            let _ = notices.send(Notice::Resync);
                            listening.send_replace(true);
                            // Not `recv()`: it reconnects by itself and the
                            // notifications sent meanwhile would be lost unseen.
                            loop {
                                match listener.try_recv().await {
                                    Ok(Some(n)) => {
                                        if let Some(notice) = notice_of(n.payload(), &instance) {
                                            let _ = notices.send(notice);
                                        }
                                    }
                                    Ok(None) => {
                                        tracing::warn!("the PostgreSQL listener lost its connection; reconnecting");
                                        break;
                                    }
                                    Err(e) => {
                                        tracing::warn!(error = %e, "the PostgreSQL listener failed; reconnecting");
                                        break;
                                    }
                                }
                            }
                            listening.send_replace(false);
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "cannot connect the PostgreSQL listener"),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
}

/// The payload of a change notification: `workspace:journey:seq[:instance]`.
pub(crate) fn notify_payload(c: &Committed, instance: &str) -> String {
    format!("{}:{}:{}:{instance}", c.workspace_id, c.journey_id, c.seq)
}

/// What another instance's NOTIFY says; `None` for our own (already sent
/// as [`Notice::Local`] or [`Notice::Revoked`]) and for what cannot be read.
fn notice_of(payload: &str, instance: &str) -> Option<Notice> {
    if let Some((who, from)) = Revocation::parse(payload) {
        return (from != instance).then_some(Notice::Revoked(who));
    }
    match parse_notify(payload)? {
        (_, Some(from)) if from == instance => None,
        (notice, _) => Some(notice),
    }
}

/// A [`Notice::Remote`] and the instance that sent it, if it said.
fn parse_notify(payload: &str) -> Option<(Notice, Option<&str>)> {
    let mut parts = payload.splitn(4, ':');
    let mut num = || parts.next()?.parse::<i64>().ok();
    let (workspace_id, journey_id, seq) = (num()?, num()?, num()?);
    let notice = Notice::Remote {
        workspace_id,
        journey_id,
        seq,
    };
    Some((notice, parts.next()))
}

/// A unique-key violation as [`StoreError::Duplicate`] with `key`'s message.
pub(crate) fn map_unique(e: sqlx::Error, key: &'static str) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Duplicate(Msg::new(key))
        }
        _ => StoreError::Database(e),
    }
}

/// Random bytes from the OS source, hex-encoded (128 bits → 32 characters).
pub fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The SHA-256 of a secret token, as stored in the database.
pub fn hash_token(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notify_payloads_parse() {
        assert!(matches!(
            parse_notify("1:2:3"),
            Some((
                Notice::Remote {
                    workspace_id: 1,
                    journey_id: 2,
                    seq: 3
                },
                None
            ))
        ));
        assert!(parse_notify("1:x:3").is_none());
        let c = Committed {
            workspace_id: 4,
            journey_id: 5,
            seq: 6,
            at: 0,
            event: mot_core::BoardEvent::ChannelsChanged.into(),
        };
        assert!(matches!(
            parse_notify(&notify_payload(&c, "abc")),
            Some((
                Notice::Remote {
                    workspace_id: 4,
                    journey_id: 5,
                    seq: 6
                },
                Some("abc")
            ))
        ));
    }

    #[test]
    fn revocations_travel_as_notify_payloads_and_our_own_are_skipped() {
        let h = hash_token("t");
        for who in [
            Revocation::Session(h.clone()),
            Revocation::Guest(42),
            Revocation::Member(3, 9),
            Revocation::Token(h),
        ] {
            let payload = who.payload("abc");
            assert!(matches!(notice_of(&payload, "xyz"), Some(Notice::Revoked(r)) if r == who));
            assert!(notice_of(&payload, "abc").is_none(), "our own");
        }
        assert!(notice_of("revoke:guest:x:abc", "xyz").is_none());
        assert!(notice_of("revoke:user:1:abc", "xyz").is_none());
        assert!(matches!(
            notice_of("1:2:3:abc", "xyz"),
            Some(Notice::Remote { seq: 3, .. })
        ));
        assert!(notice_of("1:2:3:abc", "abc").is_none());
    }

    #[test]
    fn tokens_are_128_bit_and_hash_stably() {
        let t = random_token();
        assert_eq!(t.len(), 32);
        assert_ne!(t, random_token());
        assert_eq!(hash_token("a"), hash_token("a"));
        assert_ne!(hash_token("a"), hash_token("b"));
    }
}
