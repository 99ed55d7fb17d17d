//! The writer's SQL, run on either driver.
//!
//! Board changes are the hot path: every note added, edited or moved is one.
//! Their code (`board::apply_in`) is written once against [`Tx`], which has
//! two implementations:
//!
//! - [`AnyConnection`] (sqlx): PostgreSQL, and the cold paths. On SQLite, sqlx
//!   runs every statement on a worker thread and hands each result back
//!   across threads, which costs tens of microseconds per statement — more
//!   than the statement itself, and the reason group commit alone could not
//!   reach tens of thousands of changes per second.
//! - [`Direct`]: a plain SQLite connection of our own (rusqlite), whose
//!   statements run in place on the calling thread (a few microseconds
//!   each): the writer's, on a thread of its own that also waits for the
//!   lock and the fsync (so the async runtime never blocks on them), and
//!   the readers' (reader.rs).
//!
//! The SQL text is the same for both: `$n` placeholders, which SQLite treats
//! as named parameters; [`Direct`] binds each by the number in its name.

use crate::{Backend, Result, StoreError};
use mot_core::Id;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Column as _, Row as _};
use std::future::Future;
use std::sync::Arc;

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Null,
    /// A NULL bound where text goes. PostgreSQL keeps a statement's
    /// parameter types from its first use, so a text parameter first bound
    /// as an integer NULL would refuse text later.
    NullText,
    Int(i64),
    Text(String),
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(v)
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Val {
        v.map_or(Val::Null, Val::Int)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(v.to_string())
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Val {
        Val::Text(v.clone())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Val {
        v.map_or(Val::NullText, Val::Text)
    }
}
impl From<&Option<String>> for Val {
    fn from(v: &Option<String>) -> Val {
        v.clone().into()
    }
}
impl From<Option<&str>> for Val {
    fn from(v: Option<&str>) -> Val {
        v.map(str::to_string).into()
    }
}

/// One row of a result, its columns by name.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    names: Arc<[String]>,
    vals: Vec<Val>,
}

impl Row {
    /// The row's values, in the order of its columns.
    pub(crate) fn values(&self) -> &[Val] {
        &self.vals
    }

    fn val(&self, col: &str) -> Result<&Val> {
        self.names
            .iter()
            .position(|n| n == col)
            .map(|i| &self.vals[i])
            .ok_or_else(|| StoreError::Config(format!("no column {col:?} in the result")))
    }
}

/// Reads a column as `T`, from an sqlx row or a [`Row`].
pub(crate) trait Column<T> {
    fn column(&self, col: &str) -> Result<T>;
}

impl<T> Column<T> for AnyRow
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    fn column(&self, col: &str) -> Result<T> {
        Ok(self.try_get(col)?)
    }
}

fn wrong_type(col: &str, want: &str, got: &Val) -> StoreError {
    StoreError::Config(format!("column {col:?}: expected {want}, found {got:?}"))
}

impl Column<i64> for Row {
    fn column(&self, col: &str) -> Result<i64> {
        match self.val(col)? {
            Val::Int(v) => Ok(*v),
            other => Err(wrong_type(col, "an integer", other)),
        }
    }
}
impl Column<Option<i64>> for Row {
    fn column(&self, col: &str) -> Result<Option<i64>> {
        match self.val(col)? {
            Val::Int(v) => Ok(Some(*v)),
            Val::Null => Ok(None),
            other => Err(wrong_type(col, "an integer or NULL", other)),
        }
    }
}
impl Column<String> for Row {
    fn column(&self, col: &str) -> Result<String> {
        match self.val(col)? {
            Val::Text(v) => Ok(v.clone()),
            other => Err(wrong_type(col, "text", other)),
        }
    }
}

impl Column<Option<String>> for Row {
    fn column(&self, col: &str) -> Result<Option<String>> {
        match self.val(col)? {
            Val::Text(v) => Ok(Some(v.clone())),
            Val::Null | Val::NullText => Ok(None),
            other => Err(wrong_type(col, "text or NULL", other)),
        }
    }
}

/// Reads the columns mot's rows are made of (integers, text, NULL).
pub(crate) trait Cols:
    Column<i64> + Column<Option<i64>> + Column<String> + Column<Option<String>>
{
}
impl<R> Cols for R where
    R: Column<i64> + Column<Option<i64>> + Column<String> + Column<Option<String>>
{
}

/// `col(row, "name")`: a column of either kind of row, its type inferred.
pub(crate) fn col<T, R: Column<T>>(row: &R, name: &str) -> Result<T> {
    row.column(name)
}

/// A connection inside the writer's transaction.
pub(crate) trait Tx: Send {
    fn backend(&self) -> Backend;
    /// Whether this is the writer's own SQLite connection (its page cache
    /// is [`crate::writer::WRITER_CACHE`]), not a pooled one.
    fn is_writers_own(&self) -> bool {
        false
    }
    /// Runs a statement and returns its rows (a `RETURNING` clause's too).
    fn fetch_all(
        &mut self,
        sql: &str,
        args: &[Val],
    ) -> impl Future<Output = Result<Vec<Row>>> + Send;
    /// Runs a statement that returns no rows; answers the rows it changed.
    fn execute(&mut self, sql: &str, args: &[Val]) -> impl Future<Output = Result<u64>> + Send;
    /// Runs one statement once for each list of arguments (a bulk insert);
    /// answers the rows each run changed. The writer's SQLite connection
    /// prepares the statement and maps its parameters once.
    fn execute_each(
        &mut self,
        sql: &str,
        each: &[Vec<Val>],
    ) -> impl Future<Output = Result<Vec<u64>>> + Send {
        async move {
            let mut out = Vec::with_capacity(each.len());
            for args in each {
                out.push(self.execute(sql, args).await?);
            }
            Ok(out)
        }
    }

    fn fetch_optional(
        &mut self,
        sql: &str,
        args: &[Val],
    ) -> impl Future<Output = Result<Option<Row>>> + Send {
        let rows = self.fetch_all(sql, args);
        async move { Ok(rows.await?.into_iter().next()) }
    }
    fn fetch_one(&mut self, sql: &str, args: &[Val]) -> impl Future<Output = Result<Row>> + Send {
        let rows = self.fetch_all(sql, args);
        async move {
            rows.await?
                .into_iter()
                .next()
                .ok_or(StoreError::Database(sqlx::Error::RowNotFound))
        }
    }
}

/// The `id` column of every row `sql` returns.
pub(crate) async fn ids(tx: &mut impl Tx, sql: &str, args: &[Val]) -> Result<Vec<Id>> {
    let rows = tx.fetch_all(sql, args).await?;
    rows.iter().map(|r| col(r, "id")).collect()
}

/// The `n` column of the one row `sql` returns (a `COUNT(*) AS n`).
pub(crate) async fn count(tx: &mut impl Tx, sql: &str, args: &[Val]) -> Result<u32> {
    let row = tx.fetch_one(sql, args).await?;
    Ok(col::<i64, _>(&row, "n")? as u32)
}

/// `args` bound to `q` in order, on either driver (`Any`, or PostgreSQL's
/// own for the import's connection).
pub(crate) fn bind_vals<'q, DB>(
    mut q: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
    args: &[Val],
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
where
    DB: sqlx::Database,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<i64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<String>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    for a in args {
        q = match a {
            Val::Null => q.bind(None::<i64>),
            Val::NullText => q.bind(None::<String>),
            Val::Int(v) => q.bind(*v),
            Val::Text(v) => q.bind(v.clone()),
        };
    }
    q
}

fn row_from_any(r: &AnyRow, names: &Arc<[String]>) -> Result<Row> {
    use sqlx::any::AnyTypeInfoKind as Kind;
    use sqlx::ValueRef as _;
    let mut vals = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        // Read each value as what it is: mot's columns are integers or text.
        let raw = r.try_get_raw(i)?;
        let v = if raw.is_null() {
            Val::Null
        } else {
            match raw.type_info().kind() {
                Kind::SmallInt | Kind::Integer | Kind::BigInt => Val::Int(r.try_get(i)?),
                Kind::Text => Val::Text(r.try_get(i)?),
                other => {
                    return Err(StoreError::Config(format!(
                        "column {name:?} holds {other:?}, neither integer nor text"
                    )))
                }
            }
        };
        vals.push(v);
    }
    Ok(Row {
        names: names.clone(),
        vals,
    })
}

/// A driver's rows as [`Row`]s, each converted by `row` with the column
/// names they share.
fn rows_of<R: sqlx::Row>(
    rows: &[R],
    row: impl Fn(&R, &Arc<[String]>) -> Result<Row>,
) -> Result<Vec<Row>> {
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let names: Arc<[String]> = first
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    rows.iter().map(|r| row(r, &names)).collect()
}

impl Tx for AnyConnection {
    fn backend(&self) -> Backend {
        backend_of(self)
    }

    fn fetch_all(
        &mut self,
        sql: &str,
        args: &[Val],
    ) -> impl Future<Output = Result<Vec<Row>>> + Send {
        let q = bind_vals(sqlx::query(sql), args);
        async move { rows_of(&q.fetch_all(&mut *self).await?, row_from_any) }
    }

    fn execute(&mut self, sql: &str, args: &[Val]) -> impl Future<Output = Result<u64>> + Send {
        let q = bind_vals(sqlx::query(sql), args);
        async move { Ok(q.execute(&mut *self).await?.rows_affected()) }
    }
}

/// A PostgreSQL connection of sqlx's own driver: the import's, which
/// COPYs (`Any` cannot) and runs the shared statements in the same
/// transaction.
impl Tx for sqlx::PgConnection {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn fetch_all(
        &mut self,
        sql: &str,
        args: &[Val],
    ) -> impl Future<Output = Result<Vec<Row>>> + Send {
        let q = bind_vals(sqlx::query(sql), args);
        async move { rows_of(&q.fetch_all(&mut *self).await?, row_from_pg) }
    }

    fn execute(&mut self, sql: &str, args: &[Val]) -> impl Future<Output = Result<u64>> + Send {
        let q = bind_vals(sqlx::query(sql), args);
        async move { Ok(q.execute(&mut *self).await?.rows_affected()) }
    }
}

fn row_from_pg(r: &sqlx::postgres::PgRow, names: &Arc<[String]>) -> Result<Row> {
    use sqlx::{TypeInfo as _, ValueRef as _};
    let mut vals = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let raw = r.try_get_raw(i)?;
        let v = if raw.is_null() {
            Val::Null
        } else {
            match raw.type_info().name() {
                "INT2" => Val::Int(r.try_get::<i16, _>(i)?.into()),
                "INT4" => Val::Int(r.try_get::<i32, _>(i)?.into()),
                "INT8" => Val::Int(r.try_get(i)?),
                "TEXT" | "VARCHAR" => Val::Text(r.try_get(i)?),
                other => {
                    return Err(StoreError::Config(format!(
                        "column {name:?} holds {other}, neither integer nor text"
                    )))
                }
            }
        };
        vals.push(v);
    }
    Ok(Row {
        names: names.clone(),
        vals,
    })
}

/// A SQLite connection whose statements run in place (see the module
/// notes): the writer's, or a reader's. One user at a time (it is `Send`,
/// not `Sync`).
pub(crate) struct Direct {
    conn: rusqlite::Connection,
}

impl Direct {
    /// A connection of its own to the SQLite database at `url` (sqlx's form,
    /// `sqlite://path?mode=rwc`), with the settings every connection has
    /// plus `more` (say, a larger page cache). Its statements run on the
    /// calling thread: no worker thread, no hand-over of a lock between
    /// threads for every read or commit, as sqlx's connections have.
    pub(crate) fn open(url: &str, more: &str) -> Result<Direct> {
        use std::str::FromStr as _;
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
        let conn = rusqlite::Connection::open_with_flags(
            options.get_filename(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                | rusqlite::OpenFlags::SQLITE_OPEN_CREATE
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.execute_batch(crate::writer::SQLITE_PRAGMAS)?;
        conn.execute_batch(more)?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Direct { conn })
    }

    /// Runs SQL text (e.g. `SAVEPOINT x`) with no arguments and no rows.
    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.conn.execute_batch(sql)?)
    }

    fn prepare(&self, sql: &str, args: &[Val]) -> Result<rusqlite::CachedStatement<'_>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let map = Self::parameters(&st, sql, args.len())?;
        Self::bind(&mut st, &map, args)?;
        Ok(st)
    }

    /// For each parameter of a statement, the argument it takes: `$n` is
    /// argument n, wherever and however often it appears.
    fn parameters(st: &rusqlite::Statement<'_>, sql: &str, args: usize) -> Result<Vec<usize>> {
        (1..=st.parameter_count())
            .map(|i| {
                st.parameter_name(i)
                    .and_then(|name| name.strip_prefix('$'))
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| (1..=args).contains(n))
                    .map(|n| n - 1)
                    .ok_or_else(|| {
                        StoreError::Config(format!(
                            "parameter {i} of {sql:?} is not one of $1..${args}"
                        ))
                    })
            })
            .collect()
    }

    fn bind(st: &mut rusqlite::Statement<'_>, map: &[usize], args: &[Val]) -> Result<()> {
        for (i, n) in map.iter().enumerate() {
            match &args[*n] {
                Val::Null | Val::NullText => st.raw_bind_parameter(i + 1, rusqlite::types::Null)?,
                Val::Int(v) => st.raw_bind_parameter(i + 1, v)?,
                Val::Text(v) => st.raw_bind_parameter(i + 1, v.as_str())?,
            }
        }
        Ok(())
    }
}

impl Tx for Direct {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn is_writers_own(&self) -> bool {
        true
    }

    fn fetch_all(
        &mut self,
        sql: &str,
        args: &[Val],
    ) -> impl Future<Output = Result<Vec<Row>>> + Send {
        let out = (|| {
            let mut st = self.prepare(sql, args)?;
            let names: Arc<[String]> = st.column_names().iter().map(|n| n.to_string()).collect();
            let mut rows = st.raw_query();
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                let mut vals = Vec::with_capacity(names.len());
                for i in 0..names.len() {
                    use rusqlite::types::ValueRef;
                    vals.push(match r.get_ref(i)? {
                        ValueRef::Null => Val::Null,
                        ValueRef::Integer(v) => Val::Int(v),
                        ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
                        ValueRef::Real(_) | ValueRef::Blob(_) => {
                            return Err(StoreError::Config(format!(
                                "column {:?} of {sql:?} is neither integer nor text",
                                names[i]
                            )))
                        }
                    });
                }
                out.push(Row {
                    names: names.clone(),
                    vals,
                });
            }
            Ok(out)
        })();
        std::future::ready(out)
    }

    fn execute(&mut self, sql: &str, args: &[Val]) -> impl Future<Output = Result<u64>> + Send {
        let out = self
            .prepare(sql, args)
            .and_then(|mut st| Ok(st.raw_execute()? as u64));
        std::future::ready(out)
    }

    fn execute_each(
        &mut self,
        sql: &str,
        each: &[Vec<Val>],
    ) -> impl Future<Output = Result<Vec<u64>>> + Send {
        let out = (|| {
            let Some(first) = each.first() else {
                return Ok(Vec::new());
            };
            let mut st = self.conn.prepare_cached(sql)?;
            let map = Self::parameters(&st, sql, first.len())?;
            let mut out = Vec::with_capacity(each.len());
            for args in each {
                if args.len() != first.len() {
                    return Err(StoreError::Config(format!(
                        "{sql:?} given {} arguments, then {}",
                        first.len(),
                        args.len()
                    )));
                }
                Self::bind(&mut st, &map, args)?;
                out.push(st.raw_execute()? as u64);
            }
            Ok(out)
        })();
        std::future::ready(out)
    }
}

/// A command the writer runs in its own savepoint, on either driver: the
/// pooled sqlx connection or, on SQLite, the writer's own connection in
/// place. Each feature implements it for its jobs (with [`command!`]); the
/// writer knows them only through it.
pub(crate) trait Command: Send + 'static {
    /// On a pooled connection (PostgreSQL, or SQLite without the writer's
    /// own connection).
    fn on_pool<'c>(
        self: Box<Self>,
        tx: &'c mut AnyConnection,
    ) -> futures_util::future::BoxFuture<'c, Result<Vec<crate::Committed>>>;
    /// In place on the writer's SQLite connection (never awaits).
    fn in_place<'c>(
        self: Box<Self>,
        tx: &'c mut Direct,
    ) -> futures_util::future::LocalBoxFuture<'c, Result<Vec<crate::Committed>>>;
}

/// Implements [`Command`] for a job type with the function that runs it on
/// any [`Tx`]: `async fn(&mut impl Tx, Job) -> Result<Vec<Committed>>`.
macro_rules! command {
    ($job:ty, $run:path) => {
        impl crate::tx::Command for $job {
            fn on_pool<'c>(
                self: Box<Self>,
                tx: &'c mut sqlx::AnyConnection,
            ) -> futures_util::future::BoxFuture<'c, crate::Result<Vec<crate::Committed>>> {
                Box::pin($run(tx, *self))
            }
            fn in_place<'c>(
                self: Box<Self>,
                tx: &'c mut crate::tx::Direct,
            ) -> futures_util::future::LocalBoxFuture<'c, crate::Result<Vec<crate::Committed>>>
            {
                Box::pin($run(tx, *self))
            }
        }
    };
}
pub(crate) use command;

/// Which database a pooled connection talks to.
pub(crate) fn backend_of(conn: &AnyConnection) -> Backend {
    if conn.backend_name() == "PostgreSQL" {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;
    use sqlx::Connection;

    async fn direct_and_any() -> (tempfile::TempDir, Direct, AnyConnection) {
        sqlx::any::install_default_drivers();
        let dir = tempfile::tempdir().unwrap();
        let url = crate::sqlite_url_for_dir(dir.path());
        let d = Direct::open(&url, "").unwrap();
        d.batch("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT)")
            .unwrap();
        let a = AnyConnection::connect(&url).await.unwrap();
        (dir, d, a)
    }

    /// Both drivers bind `$n` by its number (even out of order and
    /// repeated) and read the same rows.
    #[tokio::test]
    async fn both_drivers_agree() {
        let (_dir, mut d, mut any) = direct_and_any().await;
        let insert = "INSERT INTO t (b, a) VALUES ($2, $1) RETURNING id, a, b";
        let rows = {
            let r1 = d
                .fetch_one(insert, &[Val::Int(7), Val::from("é ✓")])
                .now_or_never()
                .unwrap()
                .unwrap();
            let n = d
                .execute(
                    "UPDATE t SET a = $1 + $1 WHERE id = $2",
                    &[Val::Int(4), Val::Int(1)],
                )
                .now_or_never()
                .unwrap()
                .unwrap();
            assert_eq!(n, 1);
            let none = d
                .fetch_optional("SELECT id FROM t WHERE id = $1", &[Val::Int(99)])
                .now_or_never()
                .unwrap()
                .unwrap();
            assert!(none.is_none());
            let bad = d
                .fetch_all("SELECT id FROM t WHERE id = $3", &[Val::Int(1)])
                .now_or_never()
                .unwrap();
            assert!(bad.is_err(), "a $n beyond the arguments is refused");
            (
                r1,
                d.fetch_all("SELECT a, b FROM t", &[])
                    .now_or_never()
                    .unwrap()
                    .unwrap(),
            )
        };
        let (r1, all) = rows;
        assert_eq!(col::<i64, _>(&r1, "id").unwrap(), 1);
        assert_eq!(col::<String, _>(&r1, "b").unwrap(), "é ✓");
        assert_eq!(col::<i64, _>(&all[0], "a").unwrap(), 8);
        // sqlx reads what Direct wrote.
        let via_any = any
            .fetch_one("SELECT a, b, NULL AS c FROM t", &[])
            .await
            .unwrap();
        assert_eq!(col::<i64, _>(&via_any, "a").unwrap(), 8);
        assert_eq!(col::<String, _>(&via_any, "b").unwrap(), "é ✓");
        assert_eq!(col::<Option<i64>, _>(&via_any, "c").unwrap(), None);
        assert!(
            col::<i64, _>(&via_any, "b").is_err(),
            "text is not read as a number"
        );
        assert!(col::<i64, _>(&via_any, "zz").is_err());
    }

    /// A bulk insert answers each row's change on both drivers, the same.
    #[tokio::test]
    async fn each_row_of_a_bulk_statement_says_whether_it_changed_anything() {
        let (_dir, mut d, mut any) = direct_and_any().await;
        let sql = "INSERT INTO t (id, b, a) VALUES ($1, $3, $2) ON CONFLICT DO NOTHING";
        let rows = |from: i64| -> Vec<Vec<Val>> {
            (from..from + 3)
                .map(|i| vec![Val::Int(i), Val::Int(i * 10), Val::from(format!("r{i}"))])
                .collect()
        };
        let direct = {
            let a = d
                .execute_each(sql, &rows(1))
                .now_or_never()
                .unwrap()
                .unwrap();
            let b = d
                .execute_each(sql, &rows(3))
                .now_or_never()
                .unwrap()
                .unwrap();
            let none = d.execute_each(sql, &[]).now_or_never().unwrap().unwrap();
            let ragged = vec![
                vec![Val::Int(9), Val::Int(1), Val::from("x")],
                vec![Val::Int(10)],
            ];
            assert!(d
                .execute_each(sql, &ragged)
                .now_or_never()
                .unwrap()
                .is_err());
            (a, b, none)
        };
        assert_eq!(direct, (vec![1, 1, 1], vec![0, 1, 1], vec![]));
        let pooled = any.execute_each(sql, &rows(5)).await.unwrap();
        assert_eq!(pooled, vec![0, 1, 1]);
        let all = any
            .fetch_all("SELECT id, a, b FROM t ORDER BY id", &[])
            .await
            .unwrap();
        // Row 9 of the ragged list went in before the second was refused
        // (the writer's savepoint takes a failed job's rows back).
        assert_eq!(all.len(), 8);
        assert_eq!(col::<i64, _>(&all[6], "a").unwrap(), 70);
        assert_eq!(col::<String, _>(&all[6], "b").unwrap(), "r7");
    }
}
