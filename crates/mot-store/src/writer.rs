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
//! Board, session and rater commands (the hot path) are jobs of data, not
//! closures, so that on SQLite they can run on the writer's own connection
//! with their statements executed in place (see tx.rs); everything else runs
//! through sqlx on a pooled connection. Both kinds keep their order: a batch is committed as
//! runs of consecutive jobs of one kind, one transaction per run.

use crate::tx::{Command, Direct};
use crate::{notify_payload, Backend, Committed, Notice, Result, StoreError, NOTIFY_CHANNEL};
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use sqlx::{AnyConnection, AnyPool, Executor};
use std::sync::{Arc, Mutex};
use tokio::sync::{broadcast, mpsc, oneshot};

/// Largest number of jobs committed in one transaction.
const MAX_BATCH: usize = 512;

/// How many jobs may wait for the writer. Past that, callers wait for room
/// (their requests take longer) instead of the queue growing without bound
/// under overload; memory stays bounded whatever the load.
const QUEUE: usize = 8 * MAX_BATCH;

/// A job that ran, waiting for the COMMIT.
struct Done {
    committed: Vec<Committed>,
    failed: bool,
    deliver: Box<dyn FnOnce(Option<StoreError>) + Send>,
}

type Job = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Done> + Send>;

/// A command of the hot path: data, run on either driver (see tx.rs).
/// Where a job's result goes: taken once, by the job or by its [`Fail`].
type Reply<T> = Arc<Mutex<Option<oneshot::Sender<Result<T>>>>>;

/// Tells a job's caller why it never ran (the transaction could not start).
type Fail = Box<dyn FnOnce(StoreError) + Send>;

/// A reply slot, the [`Fail`] that answers it if the job never runs, and
/// the caller's end.
fn reply_slot<T: Send + 'static>() -> (Reply<T>, Fail, oneshot::Receiver<Result<T>>) {
    let (tx, rx) = oneshot::channel();
    let reply: Reply<T> = Arc::new(Mutex::new(Some(tx)));
    let slot = reply.clone();
    let fail: Fail = Box::new(move |e| answer(&slot, Err(e)));
    (reply, fail, rx)
}

fn answer<T>(reply: &Reply<T>, result: Result<T>) {
    if let Some(r) = reply.lock().ok().and_then(|mut r| r.take()) {
        let _ = r.send(result);
    }
}

/// A job's outcome, waiting for the COMMIT: its value once committed (or
/// the commit's error), or its own error (and its savepoint rolled back).
fn done<T: Send + 'static>(result: Result<(T, Vec<Committed>)>, reply: Reply<T>) -> Done {
    match result {
        Ok((value, committed)) => Done {
            committed,
            failed: false,
            deliver: Box::new(move |err| answer(&reply, err.map_or(Ok(value), Err))),
        },
        Err(e) => Done {
            committed: Vec::new(),
            failed: true,
            deliver: Box::new(move |_| answer(&reply, Err(e))),
        },
    }
}

/// A hot-path command in the queue.
struct Hot {
    job: Box<dyn Command>,
    reply: Reply<Vec<Committed>>,
    fail: Fail,
}

impl Hot {
    /// Runs it on a pooled connection; its changes are its value.
    async fn on_pool(self, tx: &mut AnyConnection) -> Done {
        let result = self.job.on_pool(tx).await.map(|c| (c.clone(), c));
        done(result, self.reply)
    }

    /// Runs it in place on the writer's SQLite connection.
    async fn in_place(self, tx: &mut Direct) -> Done {
        let result = self.job.in_place(tx).await.map(|c| (c.clone(), c));
        done(result, self.reply)
    }
}

/// What the writer runs: a closure over sqlx, or a hot-path command.
enum Work {
    Any(Job, Fail),
    Hot(Hot),
}

impl Work {
    fn fail(self) -> Fail {
        match self {
            Work::Any(_, fail) | Work::Hot(Hot { fail, .. }) => fail,
        }
    }
}

enum Msg {
    Job(Work),
    Close(oneshot::Sender<()>),
}

/// The SQLite settings of every connection: WAL lets readers go on while the
/// writer commits; synchronous=FULL makes an acknowledged commit survive a
/// power cut. Group commit pays for the fsync. No connection folds the log
/// into the file when it commits (`wal_autocheckpoint=0`): a background
/// task does (`Store::spawn_checkpointer`). Under a long burst of commits
/// that task never catches up, so the log grows for as long as the burst
/// lasts (1.2 GB in 7 s of 200,000 adds); `journal_size_limit` has the
/// first commit after the log restarts cut the file back to 64 MiB,
/// instead of it keeping the burst's size on disk until
/// mot stops.
pub(crate) const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; \
     PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0; \
     PRAGMA journal_size_limit=67108864;";

/// The page cache of the writer's own connection (KiB, negative; SQLite's
/// default is 2 MB): the pages busy boards' changes touch (their notes,
/// the notes' indexes, the change log) stay in memory instead of being
/// read back from the file for every batch. 200,000 adds over many boards
/// (`mot-bench commit --op add`): 19,318/s with 2 MB, 25,219/s with
/// 16 MiB, 27,043/s with 64 MiB. It fills only as pages are used.
pub(crate) const WRITER_CACHE: &str = "PRAGMA cache_size = -65536";

/// The writer's own SQLite connection, on a thread of its own: a run of
/// hot-path commands goes there whole and is committed there, from BEGIN
/// through each command's statements (in place) to the COMMIT and its
/// fsync, then published and answered. Nothing on the way waits for
/// another thread, and the fsync holds up that thread only.
struct Committer {
    runs: std::sync::mpsc::Sender<(Vec<Hot>, oneshot::Sender<()>)>,
    /// Answered when the thread has closed the connection.
    closed: oneshot::Receiver<()>,
}

impl Committer {
    /// Opens the connection and starts its thread.
    fn start(url: &str, notices: broadcast::Sender<Notice>) -> Result<Committer> {
        let mut d = Direct::open(url, WRITER_CACHE)?;
        let (runs, rx) = std::sync::mpsc::channel::<(Vec<Hot>, oneshot::Sender<()>)>();
        let (closed_tx, closed) = oneshot::channel();
        let runtime = tokio::runtime::Handle::current();
        std::thread::Builder::new()
            .name("mot-writer".into())
            .spawn(move || {
                let _runtime = runtime.enter();
                while let Ok((jobs, done)) = rx.recv() {
                    // A command that panics fails its run (its callers hear
                    // the store closed), not every later one.
                    let run =
                        std::panic::AssertUnwindSafe(|| commit_in_place(&mut d, &notices, jobs));
                    if std::panic::catch_unwind(run).is_err() {
                        tracing::error!("a command panicked in the writer; its run is rolled back");
                        let _ = d.batch("ROLLBACK");
                    }
                    let _ = done.send(());
                }
                drop(d);
                let _ = closed_tx.send(());
            })
            .map_err(|e| StoreError::Config(format!("cannot start the writer's thread: {e}")))?;
        Ok(Committer { runs, closed })
    }

    /// Commits a run of hot-path commands on the thread; back when they
    /// are answered.
    async fn commit(&self, jobs: Vec<Hot>) {
        let (done, wait) = oneshot::channel();
        if let Err(std::sync::mpsc::SendError((jobs, _))) = self.runs.send((jobs, done)) {
            return fail_unrun(
                jobs.into_iter().map(|h| h.fail),
                "the writer's connection is closed",
            );
        }
        let _ = wait.await;
    }

    /// Stops the thread once its runs are done; back when the connection
    /// is closed.
    async fn close(self) {
        drop(self.runs);
        let _ = self.closed.await;
    }
}

/// Runs the jobs in one transaction on the writer's connection, each in its
/// savepoint, then publishes and answers them (see [`finish`]).
fn commit_in_place(d: &mut Direct, notices: &broadcast::Sender<Notice>, jobs: Vec<Hot>) {
    // IMMEDIATE takes the write lock up front (waiting up to the busy
    // timeout for another connection's), so no command fails half-way.
    if let Err(e) = d.batch("BEGIN IMMEDIATE; SAVEPOINT job") {
        let _ = d.batch("ROLLBACK");
        return fail_unrun(jobs.into_iter().map(|h| h.fail), &e.to_string());
    }
    let n = jobs.len();
    let mut outcomes = Vec::with_capacity(n);
    for (k, hot) in jobs.into_iter().enumerate() {
        let reply = hot.reply.clone();
        let done_now = hot.in_place(d).now_or_never().unwrap_or_else(|| {
            done(
                Err(StoreError::CommitFailed(
                    "the in-place driver waited".into(),
                )),
                reply,
            )
        });
        if let Err(e) = d.batch(end_savepoint(done_now.failed, k + 1 < n)) {
            tracing::error!(error = %e, "savepoint release failed");
        }
        outcomes.push(done_now);
    }
    let result = d.batch("COMMIT").map_err(|e| e.to_string());
    if result.is_err() {
        let _ = d.batch("ROLLBACK");
    }
    finish(notices, outcomes, result);
}

/// What the writer task owns.
struct State {
    pool: AnyPool,
    backend: Backend,
    notices: broadcast::Sender<Notice>,
    instance: Arc<str>,
    /// SQLite only: opened at the first hot-path command.
    direct_url: Option<String>,
    direct: Option<Committer>,
}

#[derive(Clone)]
pub(crate) struct Writer {
    tx: mpsc::Sender<Msg>,
}

impl Writer {
    /// `url` is the database's: on SQLite (a file) hot-path commands get the
    /// writer's own connection to it.
    pub(crate) fn spawn(
        pool: AnyPool,
        backend: Backend,
        url: &str,
        notices: broadcast::Sender<Notice>,
        instance: Arc<str>,
    ) -> Writer {
        let (tx, rx) = mpsc::channel(QUEUE);
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

    async fn submit<T>(&self, work: Work, wait: oneshot::Receiver<Result<T>>) -> Result<T> {
        // Waits for room when the queue is full (see `QUEUE`).
        self.tx
            .send(Msg::Job(work))
            .await
            .map_err(|_| StoreError::Closed)?;
        wait.await.map_err(|_| StoreError::Closed)?
    }

    /// Applies a board, session or rater command in the next group
    /// transaction; answers its logged changes once committed.
    pub(crate) async fn apply(&self, job: impl Command) -> Result<Vec<Committed>> {
        let (reply, fail, wait) = reply_slot();
        let hot = Hot {
            job: Box::new(job),
            reply,
            fail,
        };
        self.submit(Work::Hot(hot), wait).await
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
        let (reply, fail, wait) = reply_slot();
        let job: Job = Box::new(move |conn| Box::pin(async move { done(f(conn).await, reply) }));
        self.submit(Work::Any(job, fail), wait).await
    }

    /// Runs one statement in the next group transaction; answers the rows
    /// it changed once committed.
    pub(crate) async fn execute(
        &self,
        sql: &'static str,
        args: Vec<crate::tx::Val>,
    ) -> Result<u64> {
        self.run(move |conn| {
            Box::pin(async move {
                let n = crate::tx::Tx::execute(conn, sql, &args).await?;
                Ok((n, Vec::new()))
            })
        })
        .await
    }

    /// Finishes the queued jobs, then stops the writer.
    pub(crate) async fn close(&self) {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(Msg::Close(tx)).await.is_ok() {
            let _ = rx.await;
        }
    }
}

async fn run(mut st: State, mut rx: mpsc::Receiver<Msg>) {
    let mut closing = None;
    while let Some(first) = rx.recv().await {
        let mut batch = Vec::new();
        match first {
            Msg::Job(w) => batch.push(w),
            Msg::Close(t) => closing = Some(t),
        }
        while batch.len() < MAX_BATCH && closing.is_none() {
            match rx.try_recv() {
                Ok(Msg::Job(w)) => batch.push(w),
                Ok(Msg::Close(t)) => closing = Some(t),
                Err(_) => break,
            }
        }
        if !batch.is_empty() {
            commit_batch(&mut st, batch).await;
        }
        if let Some(t) = closing.take() {
            rx.close();
            while let Ok(Msg::Job(w)) = rx.try_recv() {
                commit_batch(&mut st, vec![w]).await;
            }
            if let Some(c) = st.direct.take() {
                c.close().await;
            }
            let _ = t.send(());
            return;
        }
    }
}

/// Commits a batch: on SQLite with the writer's own connection, as runs of
/// hot-path commands (in place) and of other jobs (through the pool), in
/// order; otherwise all of it in one transaction on a pooled connection.
async fn commit_batch(st: &mut State, batch: Vec<Work>) {
    if st.direct.is_none() {
        if let Some(url) = st.direct_url.take() {
            match Committer::start(&url, st.notices.clone()) {
                Ok(c) => st.direct = Some(c),
                Err(e) => {
                    tracing::warn!(error = %e, "hot-path commands use the pool: cannot open the writer's connection")
                }
            }
        }
    }
    if st.direct.is_none() {
        return commit_pooled(st, batch).await;
    }
    let mut hot = Vec::new();
    let mut cold = Vec::new();
    for w in batch {
        match w {
            Work::Hot(h) => {
                if !cold.is_empty() {
                    commit_pooled(st, std::mem::take(&mut cold)).await;
                }
                hot.push(h);
            }
            any => {
                if !hot.is_empty() {
                    commit_direct(st, std::mem::take(&mut hot)).await;
                }
                cold.push(any);
            }
        }
    }
    if !cold.is_empty() {
        commit_pooled(st, cold).await;
    }
    if !hot.is_empty() {
        commit_direct(st, hot).await;
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

/// Hot-path commands on the writer's own SQLite connection (see
/// [`Committer`]).
async fn commit_direct(st: &mut State, jobs: Vec<Hot>) {
    match &st.direct {
        Some(c) => c.commit(jobs).await,
        None => fail_unrun(
            jobs.into_iter().map(|h| h.fail),
            "the writer's connection is closed",
        ),
    }
}

/// Jobs of either kind in one transaction on a pooled connection.
async fn commit_pooled(st: &mut State, batch: Vec<Work>) {
    let mut conn = match st.pool.acquire().await {
        Ok(c) => c,
        // Nothing ran: the database cannot be reached (a 503, not a 500).
        Err(e) => {
            tracing::error!(error = %e, "could not start a write transaction");
            for fail in batch.into_iter().map(Work::fail) {
                fail(StoreError::Unavailable(e.to_string()));
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
        return fail_unrun(batch.into_iter().map(Work::fail), &e.to_string());
    }
    let mut done = Vec::with_capacity(batch.len());
    let jobs = batch.len();
    if let Err(e) = conn.execute("SAVEPOINT job").await {
        tracing::error!(error = %e, "savepoint failed");
    }
    for (k, work) in batch.into_iter().enumerate() {
        let d = match work {
            Work::Any(job, _) => job(&mut conn).await,
            Work::Hot(hot) => hot.on_pool(&mut conn).await,
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
    finish(&st.notices, done, result);
}

/// After the COMMIT (or its failure): publishes the committed changes in
/// order and answers every job.
fn finish(
    notices: &broadcast::Sender<Notice>,
    done: Vec<Done>,
    result: std::result::Result<(), String>,
) {
    match result {
        Ok(()) => {
            for d in done {
                for c in &d.committed {
                    let _ = notices.send(Notice::Local(Arc::new(c.clone())));
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

/// Fails jobs that never ran because the transaction could not start.
fn fail_unrun(fails: impl IntoIterator<Item = Fail>, msg: &str) {
    tracing::error!(error = %msg, "could not start a write transaction");
    for fail in fails {
        fail(StoreError::CommitFailed(msg.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::SQLITE_PRAGMAS;
    use sqlx::{Connection, Row};

    /// Every connection caps the log it keeps after a burst.
    #[tokio::test]
    async fn connections_cut_the_log_back_after_a_burst() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("t.sqlite3").display()
        );
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::raw_sql(SQLITE_PRAGMAS)
            .execute(&mut conn)
            .await
            .unwrap();
        let limit: i64 = sqlx::query("PRAGMA journal_size_limit")
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get(0);
        assert_eq!(limit, 64 << 20);
        let mode: String = sqlx::query("PRAGMA journal_mode")
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get(0);
        assert_eq!(mode, "wal");
    }
}
