//! Reads that every board page makes, run in place on SQLite.
//!
//! Through sqlx, each SQLite statement runs on the connection's worker
//! thread and its rows come back across threads as `AnyRow`s, tens of
//! microseconds a statement before SQLite does anything (see `tx`); a
//! board page makes a dozen. On SQLite the store keeps a few read
//! connections of its own (plain SQLite connections, [`Direct`], as the
//! writer's) whose statements run in place on the calling task's thread,
//! the whole read in one read transaction (one consistent snapshot).
//! PostgreSQL, or a store without them, runs the same code (written once
//! against [`Tx`]) on a pooled connection.

use crate::tx::{Direct, Row, Tx, Val};
use crate::{Result, StoreError};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The store's read connections on SQLite.
pub(crate) struct Readers {
    conns: Vec<tokio::sync::Mutex<Direct>>,
    next: AtomicUsize,
}

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readers")
            .field("conns", &self.conns.len())
            .finish()
    }
}

impl Readers {
    /// `n` read connections to the SQLite database at `url`.
    pub(crate) fn open(url: &str, n: usize) -> Result<Readers> {
        let conns = (0..n.max(1))
            .map(|_| Direct::open(url, "").map(tokio::sync::Mutex::new))
            .collect::<Result<Vec<_>>>()?;
        Ok(Readers {
            conns,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `f` in place on a read connection, in one read transaction
    /// (it never awaits: `Direct`'s statements do not wait).
    pub(crate) async fn run<T>(&self, f: impl FnOnce(&mut Direct) -> Result<T>) -> Result<T> {
        let mut d = match self.conns.iter().find_map(|c| c.try_lock().ok()) {
            Some(g) => g,
            None => {
                let i = self.next.fetch_add(1, Ordering::Relaxed) % self.conns.len();
                self.conns[i].lock().await
            }
        };
        if d.batch("BEGIN").is_err() {
            // A read that panicked midway left its transaction open.
            d.batch("ROLLBACK")?;
            d.batch("BEGIN")?;
        }
        let out = f(&mut d);
        // A read transaction: nothing to keep or undo.
        d.batch("ROLLBACK")?;
        out
    }
}

/// A read made of several statements, written once against [`Tx`]: see
/// [`crate::Store::read`].
pub(crate) trait Read: Send {
    type Out: Send;
    fn run<T: Tx>(self, tx: &mut T) -> impl std::future::Future<Output = Result<Self::Out>> + Send;
}

/// One statement's rows: [`crate::Store::rows`].
struct Rows {
    sql: String,
    args: Vec<Val>,
}

impl Read for Rows {
    type Out = Vec<Row>;
    async fn run<T: Tx>(self, tx: &mut T) -> Result<Vec<Row>> {
        tx.fetch_all(&self.sql, &self.args).await
    }
}

impl crate::Store {
    /// One statement's rows, read as [`Self::read`] reads: the reads that
    /// every page makes (the session, the workspace, the journey) run in
    /// place on SQLite instead of through sqlx's worker thread.
    pub(crate) async fn rows(&self, sql: impl Into<String>, args: Vec<Val>) -> Result<Vec<Row>> {
        self.read(Rows {
            sql: sql.into(),
            args,
        })
        .await
    }

    /// Runs a read: on SQLite in place on a read connection, in one read
    /// transaction; else on one pooled connection.
    pub(crate) async fn read<R: Read>(&self, read: R) -> Result<R::Out> {
        use futures_util::FutureExt as _;
        match &self.readers {
            Some(r) => {
                r.run(|d| {
                    read.run(d).now_or_never().unwrap_or_else(|| {
                        Err(StoreError::Config("the in-place read waited".into()))
                    })
                })
                .await
            }
            None => {
                let mut conn = self.pool.acquire().await?;
                read.run(&mut *conn).await
            }
        }
    }
}
