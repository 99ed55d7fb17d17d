//! An import's rows on their way in: kept first in a scratch SQLite file
//! of their own (no journal, no fsync, nobody else's lock), then read back
//! in the order of their keys.
//!
//! Why: an answer's import key is a fingerprint, so rows in file order hit
//! the workspace's key index at random places, and a million of them touch
//! every page of it many times over. In key order they sweep it once. The
//! sort is SQLite's own (an external merge with a bounded cache), so memory
//! stays small whatever the file's size, and the same pass numbers the
//! occurrences of a fingerprint (two identical answers on one day are two
//! answers) without a map of every fingerprint in memory.
//!
//! The file is removed when the stage is dropped.

use crate::{random_token, Result, StoreError};
use mot_core::feedback::import::ImportRow;
use mot_core::feedback::Verdict;
use std::path::{Path, PathBuf};

/// The scratch file's page cache during the sort (KiB, negative).
const SORT_CACHE: &str = "PRAGMA cache_size = -16384";

/// Rows kept in the scratch file, then read back by key.
pub struct ImportStage {
    conn: rusqlite::Connection,
    path: PathBuf,
    rows: u64,
}

impl std::fmt::Debug for ImportStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportStage")
            .field("path", &self.path)
            .field("rows", &self.rows)
            .finish()
    }
}

impl ImportStage {
    /// A fresh stage in a new file under `dir`.
    pub fn create(dir: &Path) -> Result<ImportStage> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Config(e.to_string()))?;
        let path = dir.join(format!("stage-{}.db", &random_token()[..16]));
        let conn = rusqlite::Connection::open(&path)?;
        let stage = ImportStage {
            conn,
            path,
            rows: 0,
        };
        stage.conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
             PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = FILE; \
             CREATE TABLE s (key TEXT NOT NULL, line INTEGER NOT NULL, moment INTEGER NOT NULL, \
             branch INTEGER, verdict INTEGER NOT NULL, comment TEXT NOT NULL, \
             day INTEGER NOT NULL, at INTEGER NOT NULL); BEGIN",
        )?;
        Ok(stage)
    }

    /// Keeps a row read from line `line` of the file.
    pub fn push(&mut self, line: u64, row: &ImportRow) -> Result<()> {
        let mut st = self
            .conn
            .prepare_cached("INSERT INTO s VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
        st.execute(rusqlite::params![
            row.key,
            line as i64,
            row.moment_id,
            row.branch_id,
            row.verdict.value(),
            row.comment,
            row.day,
            row.at
        ])?;
        self.rows += 1;
        Ok(())
    }

    /// How many rows it keeps.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Reads the rows back in key order, `slice` at a time, each with its
    /// final key (a fingerprint numbered by its occurrence in the file, in
    /// the file's order); stops early when `each` answers false.
    pub fn sorted(
        &mut self,
        slice: usize,
        mut each: impl FnMut(Vec<ImportRow>) -> bool,
    ) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        self.conn.execute_batch(SORT_CACHE)?;
        let mut st = self.conn.prepare(
            "SELECT key, moment, branch, verdict, comment, day, at FROM s ORDER BY key, line",
        )?;
        let mut rows = st.query([])?;
        let mut out = Vec::with_capacity(slice);
        let mut last = String::new();
        let mut n = 0u32;
        while let Some(r) = rows.next()? {
            let key: String = r.get(0)?;
            let key = if key.starts_with("f:") {
                n = if key == last { n + 1 } else { 1 };
                let numbered = format!("{key}:{n}");
                last = key;
                numbered
            } else {
                key
            };
            let verdict: i64 = r.get(3)?;
            out.push(ImportRow {
                moment_id: r.get(1)?,
                branch_id: r.get(2)?,
                verdict: Verdict::from_value(verdict)
                    .ok_or_else(|| StoreError::Config(format!("a staged verdict {verdict}")))?,
                comment: r.get(4)?,
                day: r.get(5)?,
                at: r.get(6)?,
                key,
            });
            if out.len() == slice && !each(std::mem::replace(&mut out, Vec::with_capacity(slice))) {
                return Ok(());
            }
        }
        if !out.is_empty() {
            each(out);
        }
        Ok(())
    }
}

impl Drop for ImportStage {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, day: i64) -> ImportRow {
        ImportRow {
            moment_id: 7,
            branch_id: (day % 2 == 0).then_some(3),
            verdict: Verdict::Better,
            comment: format!("c{day}"),
            day,
            at: day * 86_400_000,
            key: key.to_string(),
        }
    }

    #[test]
    fn rows_come_back_by_key_with_twins_numbered_in_file_order_and_the_file_goes() {
        let dir = std::env::temp_dir().join(format!("mot-stage-test-{}", &random_token()[..8]));
        let mut stage = ImportStage::create(&dir).unwrap();
        // Line 2 and 4 are twins (one fingerprint), 5 an external id.
        for (line, (key, day)) in [
            ("f:bb", 1),
            ("f:aa", 2),
            ("f:cc", 3),
            ("f:aa", 4),
            ("x:R-1", 5),
        ]
        .into_iter()
        .enumerate()
        {
            stage.push(line as u64 + 1, &row(key, day)).unwrap();
        }
        assert_eq!(stage.rows(), 5);
        let mut slices = Vec::new();
        stage
            .sorted(2, |s| {
                slices.push(
                    s.iter()
                        .map(|r| (r.key.clone(), r.day, r.branch_id))
                        .collect::<Vec<_>>(),
                );
                true
            })
            .unwrap();
        assert_eq!(
            slices,
            vec![
                vec![("f:aa:1".into(), 2, Some(3)), ("f:aa:2".into(), 4, Some(3))],
                vec![("f:bb:1".into(), 1, None), ("f:cc:1".into(), 3, None)],
                vec![("x:R-1".into(), 5, None)],
            ]
        );
        let path = stage.path.clone();
        assert!(path.exists());
        drop(stage);
        assert!(!path.exists(), "the scratch file is removed");
        let _ = std::fs::remove_dir(&dir);
    }

    #[test]
    fn the_reader_may_stop_early() {
        let dir = std::env::temp_dir().join(format!("mot-stage-test-{}", &random_token()[..8]));
        let mut stage = ImportStage::create(&dir).unwrap();
        for i in 0..10 {
            stage.push(i, &row(&format!("f:{i:02}"), i as i64)).unwrap();
        }
        let mut seen = 0;
        stage
            .sorted(3, |s| {
                seen += s.len();
                false
            })
            .unwrap();
        assert_eq!(seen, 3);
        drop(stage);
        let _ = std::fs::remove_dir(&dir);
    }
}
