//! Group commit: one task writes every multi-statement change.
//!
//! Jobs that arrive while a transaction is being committed wait and are then
//! committed together, each inside its own savepoint, so one slow `fsync`
//! serves many changes and a failing job does not undo its neighbours. A job's
//! caller hears back only after the COMMIT has succeeded: an acknowledged
//! change is durable. Committed board changes are then published in commit
//! order; on PostgreSQL the writer also queues one NOTIFY per change in the
//! same transaction, tagged with this store's instance so its own listener
//! can tell them from other processes' changes.
//!
//! Board commands (the hot path) are jobs of data, not closures, so that on
//! SQLite they can run on the writer's own connection with its statements
//! executed in place (see tx.rs); everything else runs through sqlx on a
//! pooled connection. Both kinds keep their order: a batch is committed as
//! runs of consecutive jobs of one kind, one transaction per run.

use crate::audit::{rater_write_in, RaterJob};
use crate::board::{apply_in, BoardJob};
use crate::session::{session_in, SessionJob};

use crate::tx::Direct;
use crate::{notify_payload, Backend, Committed, Notice, Result, StoreError, NOTIFY_CHANNEL};
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use sqlx::{AnyConnection, AnyPool, Connection, Executor, SqliteConnection};
use std::sync::{Arc, Mutex};
use tokio::sync::{broadcast, mpsc, oneshot};

/// Largest number of jobs committed in one transaction.
const MAX_BATCH: usize = 512;

struct Done {
    committed: Vec<Committed>,
    failed: bool,
    deliver: Box<dyn FnOnce(Option<StoreError>) + Send>,
}

type Job = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Done> + Send>;

/// A command of the hot path: data, run on either driver (see tx.rs).
pub(crate) enum TxJob {
    Board(BoardJob),
    Session(SessionJob),
    Rater(RaterJob),
}

impl TxJob {
    async fn run(self, tx: &mut impl crate::tx::Tx) -> Result<Vec<Committed>> {
        match self {
            TxJob::Board(job) => Ok(vec![apply_in(tx, job).await?]),
            TxJob::Session(job) => session_in(tx, job).await,
            TxJob::Rater(job) => rater_write_in(tx, job).await,
        }
    }
}

/// Where a command's result goes (shared with its [`Fail`]).
type TxReply = Arc<Mutex<Option<oneshot::Sender<Result<Vec<Committed>>>>>>;

/// What the writer runs: a closure over sqlx, or a hot-path command.
enum Work {
    Any(Job),
    Tx(Box<TxJob>, TxReply),
}

impl Work {
    fn is_tx(&self) -> bool {
        matches!(self, Work::Tx(..))
    }
}

/// Tells a job's caller why it never ran (the transaction could not start).
type Fail = Box<dyn FnOnce(String) + Send>;

enum Msg {
    Job(Work, Fail),
    Close(oneshot::Sender<()>),
}

/// The SQLite settings of every connection: WAL lets readers go on while the
/// writer commits; synchronous=FULL makes an acknowledged commit survive a
/// power cut. Group commit pays for the fsync.
pub(crate) const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; \
     PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

/// The writer's own SQLite connection for board commands. `rs` is declared
/// first so that it is dropped (its statements finalized) before the
/// connection it borrows the handle of.
struct DirectConn {
    rs: Option<Direct>,
    conn: SqliteConnection,
}

impl DirectConn {
    async fn open(url: &str) -> Result<DirectConn> {
        let mut conn = SqliteConnection::connect(url).await?;
        conn.execute(SQLITE_PRAGMAS).await?;
        Ok(DirectConn { rs: None, conn })
    }

    async fn close(mut self) {
        if let Ok(_lock) = self.conn.lock_handle().await {
            self.rs = None;
        }
        let _ = self.conn.close().await;
    }
}

/// What the writer task owns.
struct State {
    pool: AnyPool,
    backend: Backend,
    notices: broadcast::Sender<Notice>,
    instance: Arc<str>,
    /// SQLite only: opened at the first board command.
    direct_url: Option<String>,
    direct: Option<DirectConn>,
}

#[derive(Clone)]
pub(crate) struct Writer {
    tx: mpsc::UnboundedSender<Msg>,
}

impl Writer {
    /// `url` is the database's: on SQLite (a file) board commands get the
    /// writer's own connection to it.
    pub(crate) fn spawn(
        pool: AnyPool,
        backend: Backend,
        url: &str,
        notices: broadcast::Sender<Notice>,
        instance: Arc<str>,
    ) -> Writer {
        let (tx, rx) = mpsc::unbounded_channel();
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let state = State {
            pool,
            backend,
            notices,
            instance,
            direct_url: (backend == Backend::Sqlite && !in_memory).then(|| url.to_string()),
            direct: None,
        };
        tokio::spawn(run(state, rx));
        Writer { tx }
    }

    /// Applies a board or session command in the next group transaction;
    /// answers its logged changes once committed.
    pub(crate) async fn apply(&self, job: TxJob) -> Result<Vec<Committed>> {
        let (reply, wait) = oneshot::channel();
        let reply: TxReply = Arc::new(Mutex::new(Some(reply)));
        let fail_reply = reply.clone();
        let fail: Fail = Box::new(move |msg| {
            if let Some(r) = take(&fail_reply) {
                let _ = r.send(Err(StoreError::CommitFailed(msg)));
            }
        });
        self.tx
            .send(Msg::Job(Work::Tx(Box::new(job), reply), fail))
            .map_err(|_| StoreError::Closed)?;
        wait.await.map_err(|_| StoreError::Closed)?
    }

    /// Runs `f` inside the next group transaction and returns its value once
    /// the transaction is committed. `f` returns the board changes it logged.
    pub(crate) async fn run<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<(T, Vec<Committed>)>>
            + Send
            + 'static,
    {
        let (reply, wait) = oneshot::channel::<Result<T>>();
        let reply = Arc::new(std::sync::Mutex::new(Some(reply)));
        let fail_reply = reply.clone();
        let fail: Fail = Box::new(move |msg| {
            if let Some(r) = fail_reply.lock().ok().and_then(|mut r| r.take()) {
                let _ = r.send(Err(StoreError::CommitFailed(msg)));
            }
        });
        let job: Job = Box::new(move |conn| {
            Box::pin(async move {
                let reply = reply.lock().ok().and_then(|mut r| r.take());
                match f(conn).await {
                    Ok((value, committed)) => Done {
                        committed,
                        failed: false,
                        deliver: Box::new(move |err| {
                            if let Some(reply) = reply {
                                let _ = reply.send(match err {
                                    None => Ok(value),
                                    Some(e) => Err(e),
                                });
                            }
                        }),
                    },
                    Err(e) => Done {
                        committed: Vec::new(),
                        failed: true,
                        deliver: Box::new(move |_| {
                            if let Some(reply) = reply {
                                let _ = reply.send(Err(e));
                            }
                        }),
                    },
                }
            })
        });
        self.tx
            .send(Msg::Job(Work::Any(job), fail))
            .map_err(|_| StoreError::Closed)?;
        wait.await.map_err(|_| StoreError::Closed)?
    }

    /// Finishes the queued jobs, then stops the writer.
    pub(crate) async fn close(&self) {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(Msg::Close(tx)).is_ok() {
            let _ = rx.await;
        }
    }
}

fn take<T>(slot: &Mutex<Option<T>>) -> Option<T> {
    slot.lock().ok().and_then(|mut r| r.take())
}

/// The result of a hot-path command, waiting for the COMMIT.
fn tx_done(result: Result<Vec<Committed>>, reply: TxReply) -> Done {
    match result {
        Ok(c) => Done {
            committed: c.clone(),
            failed: false,
            deliver: Box::new(move |err| {
                if let Some(r) = take(&reply) {
                    let _ = r.send(err.map_or(Ok(c), Err));
                }
            }),
        },
        Err(e) => Done {
            committed: Vec::new(),
            failed: true,
            deliver: Box::new(move |_| {
                if let Some(r) = take(&reply) {
                    let _ = r.send(Err(e));
                }
            }),
        },
    }
}

async fn run(mut st: State, mut rx: mpsc::UnboundedReceiver<Msg>) {
    let mut closing = None;
    while let Some(first) = rx.recv().await {
        let mut batch = Vec::new();
        match first {
            Msg::Job(j, f) => batch.push((j, f)),
            Msg::Close(t) => closing = Some(t),
        }
        while batch.len() < MAX_BATCH && closing.is_none() {
            match rx.try_recv() {
                Ok(Msg::Job(j, f)) => batch.push((j, f)),
                Ok(Msg::Close(t)) => closing = Some(t),
                Err(_) => break,
            }
        }
        if !batch.is_empty() {
            commit_batch(&mut st, batch).await;
        }
        if let Some(t) = closing.take() {
            rx.close();
            while let Ok(Msg::Job(j, f)) = rx.try_recv() {
                commit_batch(&mut st, vec![(j, f)]).await;
            }
            if let Some(d) = st.direct.take() {
                d.close().await;
            }
            let _ = t.send(());
            return;
        }
    }
}

/// Commits a batch: on SQLite with the writer's own connection, as runs of
/// board commands (in place) and of other jobs (through the pool), in order;
/// otherwise all of it in one transaction on a pooled connection.
async fn commit_batch(st: &mut State, batch: Vec<(Work, Fail)>) {
    if st.direct.is_none() {
        if let Some(url) = st.direct_url.take() {
            match DirectConn::open(&url).await {
                Ok(d) => st.direct = Some(d),
                Err(e) => {
                    tracing::warn!(error = %e, "board commands use the pool: cannot open the writer's connection")
                }
            }
        }
    }
    if st.direct.is_none() {
        return commit_pooled(st, batch).await;
    }
    let mut rest = batch.into_iter().peekable();
    while let Some(first) = rest.next() {
        let hot = first.0.is_tx();
        let mut run = vec![first];
        while let Some(next) = rest.next_if(|(w, _)| w.is_tx() == hot) {
            run.push(next);
        }
        if hot {
            commit_direct(st, run).await;
        } else {
            commit_pooled(st, run).await;
        }
    }
}

/// The SQL that closes a job's savepoint (rolling it back if it failed) and
/// opens the next job's, in one call.
fn end_savepoint(failed: bool, more: bool) -> &'static str {
    match (failed, more) {
        (true, true) => "ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job; SAVEPOINT job",
        (true, false) => "ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job",
        (false, true) => "RELEASE SAVEPOINT job; SAVEPOINT job",
        (false, false) => "RELEASE SAVEPOINT job",
    }
}

/// Board commands on the writer's SQLite connection: BEGIN through sqlx
/// (it may wait for the lock), the statements in place while the handle is
/// locked (no await), COMMIT through sqlx (the fsync, off this thread).
async fn commit_direct(st: &mut State, run: Vec<(Work, Fail)>) {
    let Some(dc) = st.direct.as_mut() else {
        return commit_pooled(st, run).await;
    };
    if let Err(e) = dc.conn.execute("BEGIN IMMEDIATE").await {
        let msg = e.to_string();
        for (_, fail) in run {
            fail_unrun(fail, &msg);
        }
        return;
    }
    let jobs = run.len();
    let mut done = Vec::with_capacity(jobs);
    let mut broken = None;
    let mut pending = run;
    match dc.conn.lock_handle().await {
        Err(e) => broken = Some(e.to_string()),
        Ok(mut handle) => {
            if dc.rs.is_none() {
                match Direct::new(&mut handle) {
                    Ok(d) => dc.rs = Some(d),
                    Err(e) => broken = Some(e.to_string()),
                }
            }
            if let (None, Some(d)) = (&broken, dc.rs.as_mut()) {
                let run = std::mem::take(&mut pending);
                if let Err(e) = d.batch("SAVEPOINT job") {
                    tracing::error!(error = %e, "savepoint failed");
                }
                for (k, (work, fail)) in run.into_iter().enumerate() {
                    let Work::Tx(job, reply) = work else {
                        // commit_batch only sends hot-path commands here.
                        fail("not a hot-path command".into());
                        continue;
                    };
                    // Direct's statements never wait, so this future is ready.
                    let result = job.run(d).now_or_never().unwrap_or_else(|| {
                        Err(StoreError::CommitFailed(
                            "the in-place driver waited".into(),
                        ))
                    });
                    let d_ = tx_done(result, reply);
                    if let Err(e) = d.batch(end_savepoint(d_.failed, k + 1 < jobs)) {
                        tracing::error!(error = %e, "savepoint release failed");
                    }
                    done.push(d_);
                }
            }
        }
    }
    let result = match broken {
        Some(msg) => {
            // Nothing ran: say why to every job.
            for (_, fail) in pending {
                fail_unrun(fail, &msg);
            }
            Err(msg)
        }
        None => dc
            .conn
            .execute("COMMIT")
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
    };
    if result.is_err() {
        let _ = dc.conn.execute("ROLLBACK").await;
    }
    finish(st, done, result);
}

/// Jobs of either kind in one transaction on a pooled connection.
async fn commit_pooled(st: &mut State, batch: Vec<(Work, Fail)>) {
    let mut conn = match st.pool.acquire().await {
        Ok(c) => c,
        Err(e) => {
            let msg = e.to_string();
            for (_, fail) in batch {
                fail_unrun(fail, &msg);
            }
            return;
        }
    };
    let begin = match st.backend {
        // IMMEDIATE takes the write lock up front, so a transaction that reads
        // before it writes never fails with SQLITE_BUSY half-way.
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    };
    if let Err(e) = conn.execute(begin).await {
        let msg = e.to_string();
        for (_, fail) in batch {
            fail_unrun(fail, &msg);
        }
        return;
    }
    let mut done = Vec::with_capacity(batch.len());
    let jobs = batch.len();
    if let Err(e) = conn.execute("SAVEPOINT job").await {
        tracing::error!(error = %e, "savepoint failed");
    }
    for (k, (work, _)) in batch.into_iter().enumerate() {
        let d = match work {
            Work::Any(job) => job(&mut conn).await,
            Work::Tx(job, reply) => tx_done(job.run(&mut *conn).await, reply),
        };
        // One round trip closes this job's savepoint and opens the next.
        if let Err(e) = conn.execute(end_savepoint(d.failed, k + 1 < jobs)).await {
            tracing::error!(error = %e, "savepoint release failed");
        }
        done.push(d);
    }
    // On PostgreSQL, one NOTIFY per change, delivered when (and only if) the
    // COMMIT succeeds. A failed NOTIFY aborts the transaction, and COMMIT
    // would then quietly roll back: the batch is rolled back and reported.
    let mut failure = None;
    if st.backend == Backend::Postgres {
        let payloads: Vec<String> = done
            .iter()
            .flat_map(|d| &d.committed)
            .map(|c| notify_payload(c, &st.instance))
            .collect();
        for payload in payloads {
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(NOTIFY_CHANNEL)
                .bind(payload)
                .execute(&mut *conn)
                .await;
            if let Err(e) = sent {
                failure = Some(e.to_string());
                break;
            }
        }
    }
    let result = match failure {
        Some(msg) => Err(msg),
        None => conn
            .execute("COMMIT")
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
    };
    if result.is_err() {
        let _ = conn.execute("ROLLBACK").await;
    }
    finish(st, done, result);
}

/// After the COMMIT (or its failure): publishes the committed changes in
/// order and answers every job.
fn finish(st: &State, done: Vec<Done>, result: std::result::Result<(), String>) {
    match result {
        Ok(()) => {
            for d in done {
                for c in &d.committed {
                    let _ = st.notices.send(Notice::Local(Arc::new(c.clone())));
                }
                (d.deliver)(None);
            }
        }
        Err(msg) => {
            tracing::error!(error = %msg, "group commit failed");
            for d in done {
                if d.failed {
                    (d.deliver)(None);
                } else {
                    (d.deliver)(Some(StoreError::CommitFailed(msg.clone())));
                }
            }
        }
    }
}

/// Fails a job that never ran because the transaction could not start.
fn fail_unrun(fail: Fail, msg: &str) {
    tracing::error!(error = %msg, "could not start a write transaction");
    fail(msg.to_string());
}
