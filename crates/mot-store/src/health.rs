//! Is the database fit to serve? Start-up checks of a SQLite file (one line
//! saying which file and what is wrong, instead of a pool time-out), the
//! health check's write probe, and SQLite backups and restores.

use crate::{now_ms, Backend, Result, Store, StoreError};
use rusqlite::{ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file behind a SQLite URL and whether it is opened read-only; `None`
/// for an in-memory database.
pub(crate) fn sqlite_file(url: &str) -> Option<(PathBuf, bool)> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let params: Vec<(&str, &str)> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .collect();
    let memory = path.is_empty()
        || path == ":memory:"
        || params.iter().any(|&(k, v)| k == "mode" && v == "memory");
    if memory {
        return None;
    }
    let read_only = params
        .iter()
        .any(|&(k, v)| (k == "mode" && v == "ro") || (k == "immutable" && v == "1"));
    Some((PathBuf::from(path), read_only))
}

/// What is wrong with a SQLite file, in one line a person can act on.
fn describe(path: &Path, e: &rusqlite::Error) -> String {
    let p = path.display();
    let restore = "restore it from a backup (`mot restore FILE`)";
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            format!("the database file {p} is not a SQLite database (or its first page is damaged): {restore}")
        }
        Some(ErrorCode::DatabaseCorrupt) => {
            format!("the database file {p} is damaged ({e}): {restore}")
        }
        Some(ErrorCode::ReadOnly) => format!(
            "the database file {p} cannot be written (a read-only file, directory or file system): \
             give mot write access to the file and its directory"
        ),
        Some(ErrorCode::DiskFull) => format!("the disk that holds {p} is full"),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            format!("the database file {p} is locked by another program")
        }
        Some(ErrorCode::PermissionDenied) => {
            format!("mot may not open the database file {p}: {e}")
        }
        Some(ErrorCode::CannotOpen) => format!("cannot open the database file {p}: {e}"),
        _ => format!("cannot use the database file {p}: {e}"),
    }
}

/// Checks an existing SQLite database file before mot uses it: not empty,
/// readable as a database, whole (`PRAGMA quick_check`) and writable unless
/// opened read-only on purpose. A file that does not exist yet is a new
/// installation and passes. Blocking: run it off the async threads.
pub(crate) fn check_sqlite_file(url: &str) -> std::result::Result<(), String> {
    let Some((path, read_only)) = sqlite_file(url) else {
        return Ok(());
    };
    let p = path.display();
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read the database file {p}: {e}")),
    };
    if !meta.is_file() {
        return Err(format!("the database file {p} is not a file"));
    }
    if meta.len() == 0 {
        // SQLite would take it for a new, empty database, and mot would offer
        // its setup page to the first visitor of a server that had data.
        return Err(format!(
            "the database file {p} is empty (0 bytes), so it holds no installation: \
             restore it from a backup (`mot restore FILE`), or delete it to start a new installation"
        ));
    }
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        rusqlite::Connection::open_with_flags(&path, flags).map_err(|e| describe(&path, &e))?;
    conn.busy_timeout(Duration::from_secs(10))
        .map_err(|e| describe(&path, &e))?;
    let problems = (|| -> rusqlite::Result<Vec<String>> {
        let mut st = conn.prepare("PRAGMA quick_check(3)")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })()
    .map_err(|e| describe(&path, &e))?;
    if problems != ["ok"] {
        return Err(format!(
            "the database file {p} is damaged ({}): restore it from a backup (`mot restore FILE`)",
            problems.join("; ")
        ));
    }
    // A write (rolled back) fails at once on a read-only file, directory or
    // file system; taking the lock alone does not.
    let probe = conn.execute_batch("BEGIN IMMEDIATE; CREATE TABLE mot_write_check (x INTEGER)");
    let _ = conn.execute_batch("ROLLBACK");
    probe.map_err(|e| describe(&path, &e))?;
    if read_only {
        return Err(format!(
            "the database file {p} is opened read-only (mode=ro): mot needs to write to it"
        ));
    }
    Ok(())
}

/// How the database is, for `/healthz`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    /// It answers and takes a write.
    Ok,
    /// It does not answer (down, restarting, unreachable).
    Unreachable(String),
    /// It answers but a write failed or did not commit in time
    /// (read-only, disk full, locked).
    NotWritable(String),
}

impl Store {
    /// Reads, then commits a one-row write through the writer, each within
    /// `limit`: an installation that cannot save changes is not healthy.
    pub async fn health(&self, limit: Duration) -> Health {
        match tokio::time::timeout(limit, self.ping()).await {
            Err(_) => return Health::Unreachable(format!("no answer within {limit:?}")),
            Ok(Err(e)) => return Health::Unreachable(e.to_string()),
            Ok(Ok(())) => {}
        }
        let write = self.writer.run(|conn| {
            Box::pin(async move {
                sqlx::query("UPDATE health SET checked_at = $1 WHERE id = 1")
                    .bind(now_ms())
                    .execute(&mut *conn)
                    .await?;
                Ok(((), Vec::new()))
            })
        });
        match tokio::time::timeout(limit, write).await {
            Err(_) => Health::NotWritable(format!("a write did not commit within {limit:?}")),
            Ok(Err(e)) => Health::NotWritable(e.to_string()),
            Ok(Ok(())) => Health::Ok,
        }
    }

    /// Writes a consistent copy of the whole SQLite database to `file`
    /// (`VACUUM INTO`: one read transaction, so changes committed meanwhile
    /// are either wholly in the copy or wholly not). The file must not exist.
    pub async fn backup_to(&self, file: &Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Config(
                "mot backup copies a SQLite installation; back up PostgreSQL with pg_dump".into(),
            ));
        }
        if file.exists() {
            return Err(StoreError::Config(format!(
                "{} already exists: choose a new file name",
                file.display()
            )));
        }
        let target = file
            .to_str()
            .ok_or_else(|| StoreError::Config("the backup file name is not valid UTF-8".into()))?
            .to_string();
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether the installation holds anything (a workspace).
    pub async fn is_empty_installation(&self) -> Result<bool> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM workspaces")
            .fetch_one(&self.pool)
            .await?;
        let n: i64 = crate::tx::col(&row, "n")?;
        Ok(n == 0)
    }
}

/// Checks that `file` is a whole mot SQLite backup (blocking).
pub fn check_backup_file(file: &Path) -> std::result::Result<(), String> {
    let f = file.display();
    let meta = std::fs::metadata(file).map_err(|e| format!("cannot read {f}: {e}"))?;
    if meta.len() == 0 {
        return Err(format!("{f} is empty (0 bytes): it is not a backup"));
    }
    let conn = rusqlite::Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| describe(file, &e))?;
    let problems = (|| -> rusqlite::Result<Vec<String>> {
        let mut st = conn.prepare("PRAGMA quick_check(3)")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })()
    .map_err(|e| describe(file, &e))?;
    if problems != ["ok"] {
        return Err(format!("{f} is damaged ({})", problems.join("; ")));
    }
    let tables: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' \
             AND name IN ('_sqlx_migrations', 'workspaces', 'changes')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| describe(file, &e))?;
    if tables != 3 {
        return Err(format!("{f} is a SQLite database but not a mot backup"));
    }
    Ok(())
}

/// What a SQLite installation file holds, before a restore replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installation {
    /// No file, an empty file, or a database with no workspace yet.
    Empty,
    /// A database with this many workspaces.
    InUse(i64),
    /// A file that cannot be read as a mot database (damaged, say).
    Unreadable(String),
    /// A program (mot itself, most likely) has the database open.
    Busy,
}

/// What the SQLite database `db` holds (blocking).
pub fn installation(db: &Path) -> Installation {
    match std::fs::metadata(db) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Installation::Empty,
        Err(e) => return Installation::Unreadable(format!("cannot read {}: {e}", db.display())),
        Ok(m) if m.len() == 0 => return Installation::Empty,
        Ok(_) => {}
    }
    let conn = match rusqlite::Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) {
        Ok(c) => c,
        Err(e) => return Installation::Unreadable(describe(db, &e)),
    };
    // Leaving WAL mode needs the only connection: it fails while a server
    // (or anything else) has the database open.
    let mode: rusqlite::Result<String> =
        conn.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0));
    match mode {
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            ) =>
        {
            return Installation::Busy
        }
        Err(e) => return Installation::Unreadable(describe(db, &e)),
        Ok(m) if m != "delete" => return Installation::Busy,
        Ok(_) => {}
    }
    let count = (|| -> rusqlite::Result<i64> {
        let tables: i64 = conn.query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'workspaces'",
            [],
            |r| r.get(0),
        )?;
        if tables == 0 {
            // A database made but never migrated.
            return Ok(0);
        }
        conn.query_row("SELECT COUNT(*) FROM workspaces", [], |r| r.get(0))
    })();
    match count {
        Ok(0) => Installation::Empty,
        Ok(n) => Installation::InUse(n),
        Err(e) => Installation::Unreadable(describe(db, &e)),
    }
}

/// Puts the backup `file` in place as the SQLite database `db` (blocking).
/// The copy is written beside `db`, flushed, and renamed over it, so a crash
/// leaves either the old database or the whole backup; the old database's
/// WAL files go with it. mot must not be running on `db`.
pub fn restore_sqlite_file(file: &Path, db: &Path) -> std::result::Result<(), String> {
    check_backup_file(file)?;
    let dir = db.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.restoring",
        db.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "mot.sqlite3".into())
    ));
    let d = db.display();
    std::fs::copy(file, &tmp)
        .map_err(|e| format!("cannot copy the backup to {}: {e}", tmp.display()))?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| format!("cannot flush {}: {e}", tmp.display()))?;
    for ext in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{ext}", db.display()));
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", side.display())),
        }
    }
    std::fs::rename(&tmp, db).map_err(|e| format!("cannot put the backup in place as {d}: {e}"))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_file("sqlite:///tmp/x/mot.sqlite3?mode=rwc"),
            Some((PathBuf::from("/tmp/x/mot.sqlite3"), false))
        );
        assert_eq!(
            sqlite_file("sqlite:data.db?mode=ro"),
            Some((PathBuf::from("data.db"), true))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("sqlite://x.db?mode=memory"), None);
        assert_eq!(sqlite_file("postgres://h/db"), None);
    }
}
