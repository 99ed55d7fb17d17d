//! An import's rows on their way in, then read back in the order of their
//! keys.
//!
//! Why: an answer's import key is a hash, so rows in file order would hit
//! the index of keys at random places, and a million of them touch every
//! page of it many times over. In the order of that index (moment,
//! branch, day, key) they sweep it once, and the moments' index and the
//! daily roll-ups with it, each day's counts of a moment and branch added
//! once. The same pass numbers the occurrences of a fingerprint (two
//! identical answers on one day are two answers).
//!
//! The rows are kept in memory, 32 bytes each and their comments, up to a
//! budget ([`STAGE_BUDGET`]: a million rows fit); a larger file moves them
//! to a scratch SQLite file of its own (no journal, no fsync, nobody
//! else's lock) and sorts there with SQLite's own external merge, so memory
//! stays bounded whatever the file's size. The file is removed when the
//! stage is dropped.

use crate::{random_token, Result, StoreError};
use mot_core::feedback::import::{ImportKey, ImportRow};
use mot_core::feedback::Verdict;
use mot_core::Id;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The bytes of rows a stage keeps in memory before it moves them to its
/// scratch file.
pub const STAGE_BUDGET: usize = 64 << 20;

/// The scratch file's page cache during the sort (KiB, negative).
const SORT_CACHE: &str = "PRAGMA cache_size = -16384";

/// A staged row read back: the row and its occurrence among the rows of
/// the file with its key (1, 2, … for a fingerprint; 0 for an external id).
#[derive(Debug, Clone, PartialEq)]
pub struct StagedRow {
    pub row: ImportRow,
    pub n: i64,
}

/// A row in memory, 32 bytes: its moment and branch as an index into the
/// stage's places, its comment as a range of the stage's text (a comment
/// is at most a thousand characters, so its length fits 16 bits).
#[derive(Debug, Clone, Copy)]
struct Compact {
    hash: i64,
    at: i64,
    line: u32,
    place: u32,
    comment_start: u32,
    comment_len: u16,
    verdict: i8,
    numbered: bool,
}

/// Rows kept, then read back by key.
pub struct ImportStage {
    dir: PathBuf,
    budget: usize,
    rows: u64,
    mem: Vec<Compact>,
    text: String,
    places: Vec<(Id, Option<Id>)>,
    place_of: HashMap<(Id, Option<Id>), u32>,
    disk: Option<(rusqlite::Connection, PathBuf)>,
}

impl std::fmt::Debug for ImportStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportStage")
            .field("rows", &self.rows)
            .field("file", &self.disk.as_ref().map(|d| &d.1))
            .finish()
    }
}

impl ImportStage {
    /// A fresh stage; its scratch file, if it needs one, goes under `dir`.
    pub fn create(dir: &Path) -> Result<ImportStage> {
        Self::with_budget(dir, STAGE_BUDGET)
    }

    /// A fresh stage that keeps `budget` bytes of rows in memory at most.
    pub fn with_budget(dir: &Path, budget: usize) -> Result<ImportStage> {
        Ok(ImportStage {
            dir: dir.to_path_buf(),
            budget,
            rows: 0,
            mem: Vec::new(),
            text: String::new(),
            places: Vec::new(),
            place_of: HashMap::new(),
            disk: None,
        })
    }

    /// Whether the rows went to the scratch file.
    pub fn on_disk(&self) -> bool {
        self.disk.is_some()
    }

    /// Keeps a row read from line `line` of the file.
    pub fn push(&mut self, line: u64, row: &ImportRow) -> Result<()> {
        self.rows += 1;
        if self.disk.is_none() && self.grows_past_budget(line, row) {
            self.spill()?;
        }
        if let Some((conn, _)) = &self.disk {
            return to_disk(conn, line, row);
        }
        let place = (row.moment_id, row.branch_id);
        let place = match self.place_of.get(&place) {
            Some(p) => *p,
            None => {
                let p = self.places.len() as u32;
                self.places.push(place);
                self.place_of.insert(place, p);
                p
            }
        };
        let start = self.text.len() as u32;
        self.text.push_str(&row.comment);
        self.mem.push(Compact {
            hash: row.key.hash,
            at: row.at,
            line: line as u32,
            place,
            comment_start: start,
            comment_len: row.comment.len() as u16,
            verdict: row.verdict.value() as i8,
            numbered: row.key.numbered,
        });
        Ok(())
    }

    /// Whether keeping `row` in memory would take the stage past its
    /// budget (counting the room a full list grows by).
    fn grows_past_budget(&self, line: u64, row: &ImportRow) -> bool {
        let list = if self.mem.len() == self.mem.capacity() {
            (self.mem.capacity() * 2).max(1024)
        } else {
            self.mem.capacity()
        };
        let text = if self.text.len() + row.comment.len() > self.text.capacity() {
            (self.text.capacity() * 2).max(self.text.len() + row.comment.len())
        } else {
            self.text.capacity()
        };
        list * std::mem::size_of::<Compact>() + text > self.budget
            || self.text.len() + row.comment.len() > u32::MAX as usize
            || row.comment.len() > u16::MAX as usize
            || line > u64::from(u32::MAX)
    }

    /// Moves the rows kept in memory to a scratch file; later rows go there.
    fn spill(&mut self) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|e| StoreError::Config(e.to_string()))?;
        let path = self.dir.join(format!("stage-{}.db", &random_token()[..16]));
        let conn = rusqlite::Connection::open(&path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
             PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = FILE; \
             CREATE TABLE s (hash INTEGER NOT NULL, numbered INTEGER NOT NULL, \
             line INTEGER NOT NULL, moment INTEGER NOT NULL, branch INTEGER, \
             verdict INTEGER NOT NULL, comment TEXT NOT NULL, day INTEGER NOT NULL, \
             at INTEGER NOT NULL); BEGIN",
        )?;
        for c in std::mem::take(&mut self.mem) {
            to_disk(&conn, u64::from(c.line), &self.expand(&c)?)?;
        }
        self.text = String::new();
        self.disk = Some((conn, path));
        Ok(())
    }

    /// A row kept in memory, whole again.
    fn expand(&self, c: &Compact) -> Result<ImportRow> {
        let (moment_id, branch_id) = self.places[c.place as usize];
        let (start, len) = (c.comment_start as usize, usize::from(c.comment_len));
        Ok(ImportRow {
            moment_id,
            branch_id,
            verdict: verdict(i64::from(c.verdict))?,
            comment: self.text[start..start + len].to_string(),
            day: c.at.div_euclid(86_400_000),
            at: c.at,
            key: ImportKey {
                hash: c.hash,
                numbered: c.numbered,
            },
        })
    }

    /// How many rows it keeps.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Reads the rows back by moment, branch, day and key, `slice` at a
    /// time, each with its
    /// occurrence (a fingerprint's twins numbered in the file's order);
    /// stops early when `each` answers false.
    pub fn sorted(
        &mut self,
        slice: usize,
        mut each: impl FnMut(Vec<StagedRow>) -> bool,
    ) -> Result<()> {
        let mut out = Vec::with_capacity(slice);
        let mut twins = Twins::default();
        let mut emit = |row: ImportRow, out: &mut Vec<StagedRow>| -> bool {
            let n = twins.number(&row.key);
            out.push(StagedRow { row, n });
            out.len() < slice || each(std::mem::replace(out, Vec::with_capacity(slice)))
        };
        if let Some((conn, _)) = &self.disk {
            conn.execute_batch("COMMIT")?;
            conn.execute_batch(SORT_CACHE)?;
            let mut st = conn.prepare(
                "SELECT hash, numbered, moment, branch, verdict, comment, at FROM s \
                 ORDER BY moment, branch, day, hash, numbered, line",
            )?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let at: i64 = r.get(6)?;
                let row = ImportRow {
                    moment_id: r.get(2)?,
                    branch_id: r.get(3)?,
                    verdict: verdict(r.get(4)?)?,
                    comment: r.get(5)?,
                    day: at.div_euclid(86_400_000),
                    at,
                    key: ImportKey {
                        hash: r.get(0)?,
                        numbered: r.get::<_, i64>(1)? != 0,
                    },
                };
                if !emit(row, &mut out) {
                    return Ok(());
                }
            }
        } else {
            // Places in the order of (moment, branch), as the indexes have them.
            let mut order: Vec<u32> = (0..self.places.len() as u32).collect();
            order.sort_unstable_by_key(|&p| self.places[p as usize]);
            let mut rank = vec![0u32; order.len()];
            for (r, p) in order.into_iter().enumerate() {
                rank[p as usize] = r as u32;
            }
            self.mem.sort_unstable_by_key(|c| {
                (
                    rank[c.place as usize],
                    c.at.div_euclid(86_400_000),
                    c.hash,
                    c.numbered,
                    c.line,
                )
            });
            for c in &self.mem {
                if !emit(self.expand(c)?, &mut out) {
                    return Ok(());
                }
            }
        }
        if !out.is_empty() {
            each(out);
        }
        Ok(())
    }
}

/// Numbers the occurrences of a key among rows read in key order.
#[derive(Default)]
struct Twins {
    last: Option<ImportKey>,
    n: i64,
}

impl Twins {
    fn number(&mut self, key: &ImportKey) -> i64 {
        if !key.numbered {
            return 0;
        }
        self.n = if self.last == Some(*key) {
            self.n + 1
        } else {
            1
        };
        self.last = Some(*key);
        self.n
    }
}

fn verdict(v: i64) -> Result<Verdict> {
    Verdict::from_value(v).ok_or_else(|| StoreError::Config(format!("a staged verdict {v}")))
}

fn to_disk(conn: &rusqlite::Connection, line: u64, row: &ImportRow) -> Result<()> {
    let mut st =
        conn.prepare_cached("INSERT INTO s VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
    st.execute(rusqlite::params![
        row.key.hash,
        i64::from(row.key.numbered),
        line as i64,
        row.moment_id,
        row.branch_id,
        row.verdict.value(),
        row.comment,
        row.day,
        row.at
    ])?;
    Ok(())
}

impl Drop for ImportStage {
    fn drop(&mut self) {
        if let Some((conn, path)) = self.disk.take() {
            drop(conn);
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_in_memory_takes_32_bytes() {
        assert_eq!(std::mem::size_of::<Compact>(), 32);
    }

    fn row(key: ImportKey, day: i64) -> ImportRow {
        ImportRow {
            moment_id: 7,
            branch_id: (day % 2 == 0).then_some(3),
            verdict: Verdict::Better,
            comment: if day % 3 == 0 {
                String::new()
            } else {
                format!("c{day}")
            },
            day,
            at: day * 86_400_000 + 5_000,
            key,
        }
    }

    fn fp(h: i64) -> ImportKey {
        ImportKey {
            hash: h,
            numbered: true,
        }
    }

    /// Slices read back: each row's hash, occurrence and day.
    type Slices = Vec<Vec<(i64, i64, i64)>>;

    /// Rows pushed to a stage with `budget`, read back in slices of 2;
    /// whether they went to disk.
    fn read_back(budget: usize, rows: &[(ImportKey, i64)]) -> (bool, Slices) {
        let dir = std::env::temp_dir().join(format!("mot-stage-test-{}", &random_token()[..8]));
        let mut stage = ImportStage::with_budget(&dir, budget).unwrap();
        for (line, (key, day)) in rows.iter().enumerate() {
            stage.push(line as u64 + 1, &row(*key, *day)).unwrap();
        }
        assert_eq!(stage.rows(), rows.len() as u64);
        let mut slices = Vec::new();
        stage
            .sorted(2, |s| {
                for r in &s {
                    // Each row comes back whole.
                    assert_eq!(r.row, row(r.row.key, r.row.day));
                }
                slices.push(s.iter().map(|r| (r.row.key.hash, r.n, r.row.day)).collect());
                true
            })
            .unwrap();
        let on_disk = stage.on_disk();
        let file = stage.disk.as_ref().map(|d| d.1.clone());
        drop(stage);
        if let Some(f) = file {
            assert!(!f.exists(), "the scratch file is removed");
        }
        let _ = std::fs::remove_dir(&dir);
        (on_disk, slices)
    }

    #[test]
    fn rows_come_back_by_key_with_twins_numbered_in_file_order_in_memory_and_on_disk() {
        // Lines 2 and 4 are twins (one fingerprint, one day), 5 an external
        // id whose hash equals a fingerprint's: never numbered with it.
        // Odd days are of every branch (first), even ones of branch 3.
        let rows = [
            (fp(20), 1),
            (fp(10), 2),
            (fp(30), 1),
            (fp(10), 2),
            (
                ImportKey {
                    hash: 30,
                    numbered: false,
                },
                3,
            ),
        ];
        let want = vec![
            vec![(20, 1, 1), (30, 1, 1)],
            vec![(30, 0, 3), (10, 1, 2)],
            vec![(10, 2, 2)],
        ];
        assert_eq!(read_back(STAGE_BUDGET, &rows), (false, want.clone()));
        // A budget of a few rows: the stage moves them to its file.
        assert_eq!(read_back(100, &rows), (true, want));
    }

    #[test]
    fn a_stage_spills_past_its_budget_and_keeps_every_row() {
        let rows: Vec<_> = (0..5_000).map(|i| (fp((i * 7919) % 1000), i)).collect();
        let (in_mem, a) = read_back(STAGE_BUDGET, &rows);
        let (on_disk, b) = read_back(64 << 10, &rows);
        assert!(!in_mem && on_disk);
        assert_eq!(a, b);
        assert_eq!(a.iter().map(Vec::len).sum::<usize>(), 5_000);
    }

    #[test]
    fn the_reader_may_stop_early() {
        let dir = std::env::temp_dir().join(format!("mot-stage-test-{}", &random_token()[..8]));
        let mut stage = ImportStage::create(&dir).unwrap();
        for i in 0..10 {
            stage.push(i, &row(fp(i as i64), i as i64)).unwrap();
        }
        let mut seen = 0;
        stage
            .sorted(3, |s| {
                seen += s.len();
                false
            })
            .unwrap();
        assert_eq!(seen, 3);
    }
}
