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

use crate::{notify_payload, Backend, Committed, Notice, Result, StoreError, NOTIFY_CHANNEL};
use futures_util::future::BoxFuture;
use sqlx::{AnyConnection, AnyPool, Executor};
use std::sync::Arc;
use tokio::sync::{broadcast, mpsc, oneshot};

/// Largest number of jobs committed in one transaction.
const MAX_BATCH: usize = 512;

struct Done {
    committed: Vec<Committed>,
    failed: bool,
    deliver: Box<dyn FnOnce(Option<StoreError>) + Send>,
}

type Job = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Done> + Send>;

/// Tells a job's caller why it never ran (the transaction could not start).
type Fail = Box<dyn FnOnce(String) + Send>;

enum Msg {
    Job(Job, Fail),
    Close(oneshot::Sender<()>),
}

#[derive(Clone)]
pub(crate) struct Writer {
    tx: mpsc::UnboundedSender<Msg>,
}

impl Writer {
    pub(crate) fn spawn(
        pool: AnyPool,
        backend: Backend,
        notices: broadcast::Sender<Notice>,
        instance: Arc<str>,
    ) -> Writer {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(pool, backend, notices, instance, rx));
        Writer { tx }
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
            .send(Msg::Job(job, fail))
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

async fn run(
    pool: AnyPool,
    backend: Backend,
    notices: broadcast::Sender<Notice>,
    instance: Arc<str>,
    mut rx: mpsc::UnboundedReceiver<Msg>,
) {
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
            commit_batch(&pool, backend, &notices, &instance, batch).await;
        }
        if let Some(t) = closing.take() {
            rx.close();
            while let Ok(Msg::Job(j, f)) = rx.try_recv() {
                commit_batch(&pool, backend, &notices, &instance, vec![(j, f)]).await;
            }
            let _ = t.send(());
            return;
        }
    }
}

async fn commit_batch(
    pool: &AnyPool,
    backend: Backend,
    notices: &broadcast::Sender<Notice>,
    instance: &str,
    batch: Vec<(Job, Fail)>,
) {
    let mut conn = match pool.acquire().await {
        Ok(c) => c,
        Err(e) => {
            let msg = e.to_string();
            for (_, fail) in batch {
                fail_unrun(fail, &msg);
            }
            return;
        }
    };
    let begin = match backend {
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
    for (k, (job, _)) in batch.into_iter().enumerate() {
        let d = job(&mut conn).await;
        // One round trip closes this job's savepoint and opens the next.
        let end = match (d.failed, k + 1 < jobs) {
            (true, true) => "ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job; SAVEPOINT job",
            (true, false) => "ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job",
            (false, true) => "RELEASE SAVEPOINT job; SAVEPOINT job",
            (false, false) => "RELEASE SAVEPOINT job",
        };
        if let Err(e) = conn.execute(end).await {
            tracing::error!(error = %e, "savepoint release failed");
        }
        done.push(d);
    }
    // On PostgreSQL, one NOTIFY per change, delivered when (and only if) the
    // COMMIT succeeds. A failed NOTIFY aborts the transaction, and COMMIT
    // would then quietly roll back: the batch is rolled back and reported.
    let mut failure = None;
    if backend == Backend::Postgres {
        let payloads: Vec<String> = done
            .iter()
            .flat_map(|d| &d.committed)
            .map(|c| notify_payload(c, instance))
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
        None => conn.execute("COMMIT").await.map_err(|e| e.to_string()),
    };
    match result {
        Ok(_) => {
            for d in done {
                for c in &d.committed {
                    let _ = notices.send(Notice::Local(Arc::new(c.clone())));
                }
                (d.deliver)(None);
            }
        }
        Err(msg) => {
            tracing::error!(error = %msg, "group commit failed");
            let _ = conn.execute("ROLLBACK").await;
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
