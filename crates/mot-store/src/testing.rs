//! Databases for tests (feature `testing`): a migrated [`Store`] on a
//! database of its own — a SQLite file in a temporary directory, or a fresh
//! PostgreSQL database — removed when the last clone is dropped, whether the
//! test passed or not. Used by this crate's and the server's test suites.
//!
//! PostgreSQL runs when `MOT_TEST_POSTGRES_ADMIN_URL` points at a server where
//! that role may create databases (see `scripts/pg-start`). Without it
//! [`TestDb::postgres`] answers `None` (the test passes as skipped), unless
//! `MOT_REQUIRE_POSTGRES=1`, when it fails, so CI cannot silently skip them.

use crate::{random_token, Backend, Store};
use sqlx::Connection;
use std::sync::Arc;

/// A migrated store on a database of its own.
#[derive(Clone)]
pub struct TestDb {
    pub store: Store,
    pub url: String,
    _guard: Arc<Guard>,
}

/// Keeps a test's database alive: its temporary directory or PG database.
enum Guard {
    Dir(#[allow(dead_code)] tempfile::TempDir),
    Pg(#[allow(dead_code)] PgDatabase),
}

/// A PostgreSQL database made for one test, dropped with its connections.
struct PgDatabase {
    admin_url: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        // Drop cannot await: do it on a thread with a runtime of its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime to drop the test database");
            rt.block_on(async {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await {
                    let _ = sqlx::Executor::execute(&mut conn, sql.as_str()).await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

/// The admin URL with its database replaced by `name`.
fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin_url, None),
    };
    let (scheme, rest) = base.split_once("://").expect("a postgres:// URL");
    let host = rest.split('/').next().unwrap_or(rest);
    let mut url = format!("{scheme}://{host}/{name}");
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    url
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        Self::sqlite_until(i64::MAX).await
    }

    /// A SQLite database with the migrations up to version `last` only.
    pub async fn sqlite_until(last: i64) -> TestDb {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = crate::sqlite_url_for_dir(dir.path());
        let store = Store::connect(&url).await.expect("connect to SQLite");
        store.migrate_until(last).await.expect("migrate SQLite");
        assert_eq!(store.backend(), Backend::Sqlite);
        TestDb {
            store,
            url,
            _guard: Arc::new(Guard::Dir(dir)),
        }
    }

    /// `None` when PostgreSQL is not configured and not required.
    pub async fn postgres() -> Option<TestDb> {
        Self::postgres_until(i64::MAX).await
    }

    /// A PostgreSQL database with the migrations up to version `last` only
    /// (`None` as for [`TestDb::postgres`]).
    pub async fn postgres_until(last: i64) -> Option<TestDb> {
        let admin_url = match std::env::var("MOT_TEST_POSTGRES_ADMIN_URL") {
            Ok(u) if !u.trim().is_empty() => u,
            _ => {
                let required = std::env::var("MOT_REQUIRE_POSTGRES")
                    .map(|v| !v.is_empty() && v != "0")
                    .unwrap_or(false);
                assert!(
                    !required,
                    "MOT_REQUIRE_POSTGRES is set but MOT_TEST_POSTGRES_ADMIN_URL is not: \
                     start a server (e.g. `source scripts/pg-start`) and export its admin URL"
                );
                eprintln!("skipped: MOT_TEST_POSTGRES_ADMIN_URL is not set");
                return None;
            }
        };
        let name = format!("mot_t_{}", &random_token()[..16]);
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to MOT_TEST_POSTGRES_ADMIN_URL: {e}"));
        sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("CREATE DATABASE");
        admin.close().await.ok();
        let guard = Guard::Pg(PgDatabase {
            admin_url: admin_url.clone(),
            name: name.clone(),
        });
        let url = with_database(&admin_url, &name);
        let store = Store::connect(&url).await.expect("connect to PostgreSQL");
        store.migrate_until(last).await.expect("migrate PostgreSQL");
        assert_eq!(store.backend(), Backend::Postgres);
        Some(TestDb {
            store,
            url,
            _guard: Arc::new(guard),
        })
    }

    /// Another store (its own pool, writer and listener) on the same database.
    pub async fn second_instance(&self) -> Store {
        Store::connect(&self.url).await.expect("a second store")
    }
}
