//! Importing customers' answers from a file, in the background.
//!
//! The file's rows, checked by core's
//! [`Importer`](mot_core::feedback::import::Importer), are first kept in an
//! [`ImportStage`] (a scratch file of their own), then written in the order
//! of their keys:
//!
//! - on SQLite, a slice at a time, each slice one job of the writer with
//!   its roll-ups, so a board's changes and customers' answers go in
//!   between and never wait for a whole file; the running totals of the
//!   moments the import touched are made again at the end, one moment a
//!   job;
//! - on PostgreSQL, a slice at a time with COPY straight into the answers,
//!   on a connection of its own and in one transaction, each row with its
//!   feedback point (found or made once a moment and branch), the rows kept
//!   already left out by looking their keys up, and the slice's counts
//!   added to the daily roll-ups.
//!
//! An import that fails is taken out again (its answers, their roll-ups,
//! the feedback points it made) and kept as failed, with why; one that a
//! stopped server left running is taken out when the server starts again.
//! A row whose key is kept already (the same row of the same file,
//! imported before) adds nothing.

use crate::feedback::{add_to_day, SUMS};
use crate::tx::{col, Tx};
use crate::{now_ms, Backend, Result, Store, StoreError};
use mot_core::feedback::import::ImportKey;
use mot_core::text::{Msg, RuleError};
use mot_core::Id;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub use crate::feedback_stage::{ImportStage, StagedRow};

/// Rows a writer's job keeps at a time (SQLite): a board's change waits
/// for one slice at most, a few tens of milliseconds.
const SLICE: usize = 10_000;

/// Answers taken out a job at a time when an import is undone.
const UNDO_SLICE: i64 = 20_000;

/// How a file's reading ended.
#[derive(Debug, Clone, Default)]
pub struct ImportEnd {
    pub refused: u64,
    /// The refused lines as CSV (line, reason), for the owner to download.
    pub refusals: String,
    /// Keep nothing when a line was refused (the owner's choice).
    pub all_or_nothing: bool,
    /// The first and last day of the rows taken (none: no row was).
    pub days: Option<(i64, i64)>,
}

impl ImportEnd {
    /// Notes a row's day among the days taken.
    pub fn took_day(&mut self, day: i64) {
        self.days = Some(match self.days {
            None => (day, day),
            Some((first, last)) => (first.min(day), last.max(day)),
        });
    }
}

/// Where an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStatus {
    /// Its rows are going in.
    Running,
    Done,
    /// Nothing of it was kept; [`FeedbackImport::error`] says why.
    Failed,
    /// Being taken out after it was done (see
    /// [`Store::take_out_feedback_import`]); its answers partly there still.
    Undoing,
    /// Taken out after it was done: its answers are gone (its counts say
    /// what it had kept), and the same file may come again.
    Undone,
}

impl ImportStatus {
    pub fn key(self) -> &'static str {
        match self {
            ImportStatus::Running => "running",
            ImportStatus::Done => "done",
            ImportStatus::Failed => "failed",
            ImportStatus::Undoing => "undoing",
            ImportStatus::Undone => "undone",
        }
    }

    fn from_key(k: &str) -> ImportStatus {
        match k {
            "running" => ImportStatus::Running,
            "failed" => ImportStatus::Failed,
            "undoing" => ImportStatus::Undoing,
            "undone" => ImportStatus::Undone,
            _ => ImportStatus::Done,
        }
    }
}

/// One import, as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackImport {
    pub id: Id,
    pub workspace_id: Id,
    pub journey_id: Id,
    pub file_name: String,
    pub imported: u64,
    /// Rows kept before (the same file imported again).
    pub already: u64,
    pub refused: u64,
    pub created_at: i64,
    pub status: ImportStatus,
    /// Why it failed, in [`FeedbackImport::language`] ('' when it did not,
    /// or when the server stopped before it could say).
    pub error: String,
    /// The importer's language (for what the import says later).
    pub language: String,
    /// The last answer's id when it began: its answers come after.
    pub answers_after: Id,
    /// The first and last day of the answers it read (kept or there
    /// already), once done; imports done before 0039 have none.
    pub days: Option<(i64, i64)>,
}

const IMPORT_COLS: &str =
    "id, workspace_id, journey_id, file_name, imported, already, refused, created_at, status, \
     error, language, answers_after, first_day, last_day";

fn import_from(r: &sqlx::any::AnyRow) -> Result<FeedbackImport> {
    Ok(FeedbackImport {
        id: col(r, "id")?,
        workspace_id: col(r, "workspace_id")?,
        journey_id: col(r, "journey_id")?,
        file_name: col(r, "file_name")?,
        imported: col::<i64, _>(r, "imported")? as u64,
        already: col::<i64, _>(r, "already")? as u64,
        refused: col::<i64, _>(r, "refused")? as u64,
        created_at: col(r, "created_at")?,
        status: ImportStatus::from_key(&col::<String, _>(r, "status")?),
        error: col(r, "error")?,
        language: col(r, "language")?,
        answers_after: col(r, "answers_after")?,
        days: col::<Option<i64>, _>(r, "first_day")?.zip(col::<Option<i64>, _>(r, "last_day")?),
    })
}

/// How far an import is, for whoever shows it: the file's reading (in
/// the reader's unit: bytes of a CSV, rows of a sheet), then the writing
/// of its rows. Shared between the reader, the store and the page.
#[derive(Debug, Default)]
pub struct ImportProgress {
    pub read: AtomicU64,
    pub to_read: AtomicU64,
    /// Rows read and checked so far (kept or refused).
    pub rows_read: AtomicU64,
    /// Rows written so far, of [`ImportProgress::rows_to_store`].
    pub rows_stored: AtomicU64,
    pub rows_to_store: AtomicU64,
}

impl ImportProgress {
    /// Whether the rows are being written (the file is read).
    pub fn writing(&self) -> bool {
        self.rows_to_store.load(Ordering::Relaxed) > 0
    }

    /// The share done, 0 to 1000: reading is the first half, writing the
    /// second.
    pub fn permille(&self) -> u64 {
        let part = |done: &AtomicU64, of: &AtomicU64| -> u64 {
            let (d, o) = (done.load(Ordering::Relaxed), of.load(Ordering::Relaxed));
            (d.min(o) * 500).checked_div(o).unwrap_or(0)
        };
        if self.writing() {
            500 + part(&self.rows_stored, &self.rows_to_store)
        } else {
            part(&self.read, &self.to_read)
        }
    }
}

/// The key of the refusal when no row of a file could be imported.
pub const NO_ROWS: &str = "feedback-import-no-rows";
/// The key of the refusal when an all-or-nothing import refused a line.
pub const SOME_REFUSED: &str = "feedback-import-some-refused";
/// Only a done import can be taken out (one still running, or one that
/// kept nothing, cannot).
pub const NOT_TAKEN_OUT: &str = "feedback-import-not-taken-out";
/// An import cannot be taken out while another of the workspace runs.
pub const IMPORT_RUNNING: &str = "feedback-import-running-elsewhere";
/// An import cannot begin while one of the workspace is being taken out.
pub const TAKING_OUT: &str = "feedback-import-taking-out";

impl Store {
    /// Starts an import into a journey of the workspace: its record, kept
    /// as running. Refuses a journey of another workspace.
    pub async fn begin_feedback_import(
        &self,
        workspace_id: Id,
        journey_id: Id,
        user_id: Option<Id>,
        file_name: &str,
        language: &str,
    ) -> Result<FeedbackImport> {
        let file_name: String = file_name.chars().take(200).collect();
        let language = language.to_string();
        let id = self
            .writer
            .run(move |conn| {
                Box::pin(async move {
                    refuse_while(conn, workspace_id, ImportStatus::Undoing, TAKING_OUT).await?;
                    let row = conn
                        .fetch_optional(
                            "INSERT INTO feedback_imports (workspace_id, journey_id, file_name, \
                             imported, already, refused, refusals, created_by, created_at, \
                             status, language, answers_after) \
                             SELECT $1, id, $3, 0, 0, 0, '', $4, $5, 'running', $6, \
                             (SELECT COALESCE(MAX(id), 0) FROM feedback_answers) \
                             FROM journeys WHERE id = $2 AND workspace_id = $1 RETURNING id",
                            &[
                                workspace_id.into(),
                                journey_id.into(),
                                file_name.into(),
                                user_id.into(),
                                now_ms().into(),
                                language.into(),
                            ],
                        )
                        .await?
                        .ok_or(StoreError::NotFound("journey"))?;
                    Ok((col::<Id, _>(&row, "id")?, Vec::new()))
                })
            })
            .await?;
        self.feedback_import(workspace_id, id).await
    }

    /// Writes a running import's staged rows and marks it done; or, when
    /// anything fails (a moment taken off the board meanwhile, a file
    /// without a row to import, an all-or-nothing import with a refused
    /// line, the database), takes out what it wrote, marks it failed, and
    /// answers the error. `progress` counts the rows written.
    pub async fn store_feedback_import(
        &self,
        workspace_id: Id,
        import_id: Id,
        stage: ImportStage,
        end: ImportEnd,
        progress: Arc<ImportProgress>,
    ) -> Result<FeedbackImport> {
        let record = self.feedback_import(workspace_id, import_id).await?;
        if record.status != ImportStatus::Running {
            return Err(StoreError::NotFound("import"));
        }
        let written = self.write_import(&record, stage, &end, progress).await;
        match written {
            Ok(()) => {
                self.feedback_written();
                self.feedback_import(workspace_id, import_id).await
            }
            Err(e) => {
                self.undo_feedback_import(workspace_id, import_id, &end)
                    .await?;
                Err(e)
            }
        }
    }

    async fn write_import(
        &self,
        record: &FeedbackImport,
        stage: ImportStage,
        end: &ImportEnd,
        progress: Arc<ImportProgress>,
    ) -> Result<()> {
        if stage.rows() == 0 {
            return Err(RuleError::invalid(
                "file",
                Msg::new(NO_ROWS).arg("refused", end.refused as i64),
            )
            .into());
        }
        if end.all_or_nothing && end.refused > 0 {
            return Err(RuleError::invalid(
                "file",
                Msg::new(SOME_REFUSED).arg("refused", end.refused as i64),
            )
            .into());
        }
        progress
            .rows_to_store
            .store(stage.rows(), Ordering::Relaxed);
        let business_id: Id = col(
            &sqlx::query("SELECT business_id FROM journeys WHERE id = $1 AND workspace_id = $2")
                .bind(record.journey_id)
                .bind(record.workspace_id)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NotFound("journey"))?,
            "business_id",
        )?;
        let place = Place {
            workspace_id: record.workspace_id,
            journey_id: record.journey_id,
            business_id,
            import_id: record.id,
        };
        // The stage is read on a thread of its own, a slice at a time.
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<StagedRow>>(2);
        let reader = tokio::task::spawn_blocking(move || {
            let mut stage = stage;
            stage.sorted(SLICE, |rows| tx.blocking_send(rows).is_ok())
        });
        let written = match self.backend {
            Backend::Sqlite => self.write_slices(place, &mut rx, &progress).await,
            Backend::Postgres => self.copy_rows(place, &mut rx, &progress, end).await,
        };
        drop(rx);
        let read = reader
            .await
            .map_err(|e| StoreError::Config(format!("the import's stage: {e}")))?;
        let imported = written?;
        read?;
        if self.backend == Backend::Sqlite {
            let sent = progress.rows_stored.load(Ordering::Relaxed);
            self.writer
                .execute(
                    DONE,
                    vec![
                        (imported as i64).into(),
                        ((sent - imported) as i64).into(),
                        (end.refused as i64).into(),
                        end.refusals.clone().into(),
                        record.id.into(),
                        end.days.map(|(first, _)| first).into(),
                        end.days.map(|(_, last)| last).into(),
                    ],
                )
                .await?;
        }
        Ok(())
    }
}

/// Refuses, as a conflict that says `key`, while an import of the
/// workspace is in `status`.
async fn refuse_while(
    conn: &mut impl Tx,
    workspace_id: Id,
    status: ImportStatus,
    key: &'static str,
) -> Result<()> {
    let found = conn
        .fetch_optional(
            "SELECT id FROM feedback_imports WHERE workspace_id = $1 AND status = $2",
            &[workspace_id.into(), status.key().into()],
        )
        .await?;
    match found {
        Some(_) => Err(RuleError::Conflict(Msg::new(key)).into()),
        None => Ok(()),
    }
}

/// Where an import's rows go.
#[derive(Debug, Clone, Copy)]
struct Place {
    workspace_id: Id,
    journey_id: Id,
    business_id: Id,
    import_id: Id,
}

impl Store {
    /// An import of the workspace.
    pub async fn feedback_import(&self, workspace_id: Id, id: Id) -> Result<FeedbackImport> {
        let row = sqlx::query(&format!(
            "SELECT {IMPORT_COLS} FROM feedback_imports WHERE id = $1 AND workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("import"))?;
        import_from(&row)
    }

    /// A journey's imports, newest first (the last 50).
    pub async fn feedback_imports(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<Vec<FeedbackImport>> {
        sqlx::query(&format!(
            "SELECT {IMPORT_COLS} FROM feedback_imports WHERE journey_id = $1 \
             AND workspace_id = $2 ORDER BY id DESC LIMIT 50"
        ))
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(import_from)
        .collect()
    }

    /// The lines an import of the workspace refused, as CSV (line, reason).
    pub async fn feedback_import_refusals(&self, workspace_id: Id, id: Id) -> Result<String> {
        let row = sqlx::query(
            "SELECT refusals FROM feedback_imports WHERE id = $1 AND workspace_id = $2",
        )
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("import"))?;
        col(&row, "refusals")
    }

    /// How many answers a journey's moments have, flagged ones too (a
    /// count over the answers themselves, for read-backs).
    pub async fn feedback_answer_count(&self, workspace_id: Id, journey_id: Id) -> Result<u64> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM feedback_answers a JOIN moments m ON m.id = a.moment_id \
             WHERE m.journey_id = $1 AND a.workspace_id = $2",
        )
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(col::<i64, _>(&row, "n")? as u64)
    }

    /// The roll-ups of a journey summed over every day and branch, and the
    /// same figures counted over its answers: equal when the roll-ups are
    /// exact.
    pub async fn feedback_rollup_check(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<(mot_core::feedback::Tally, mot_core::feedback::Tally)> {
        let rolled = sqlx::query(&format!(
            "SELECT {SUMS} FROM feedback_daily d JOIN moments m ON m.id = d.moment_id \
             WHERE m.journey_id = $1 AND d.workspace_id = $2"
        ))
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_one(&self.pool)
        .await?;
        let counted = sqlx::query(
            "SELECT \
             CAST(COALESCE(SUM(CASE WHEN a.verdict = -1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS worse, \
             CAST(COALESCE(SUM(CASE WHEN a.verdict = 0 THEN 1 ELSE 0 END), 0) AS BIGINT) AS as_expected, \
             CAST(COALESCE(SUM(CASE WHEN a.verdict = 1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS better \
             FROM feedback_answers a JOIN moments m ON m.id = a.moment_id \
             WHERE m.journey_id = $1 AND a.workspace_id = $2 AND a.flagged = 0",
        )
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_one(&self.pool)
        .await?;
        let tally = |r: &sqlx::any::AnyRow| -> Result<mot_core::feedback::Tally> {
            let n =
                |c: &str| -> Result<u64> { Ok(col::<Option<i64>, _>(r, c)?.unwrap_or(0) as u64) };
            Ok(mot_core::feedback::Tally {
                worse: n("worse")?,
                as_expected: n("as_expected")?,
                better: n("better")?,
            })
        };
        Ok((tally(&rolled)?, tally(&counted)?))
    }
}

impl Store {
    /// SQLite: the rows a slice at a time, each slice one job of the
    /// writer, then the running totals of their moments, one moment a job.
    /// Answers the rows kept.
    async fn write_slices(
        &self,
        place: Place,
        rx: &mut tokio::sync::mpsc::Receiver<Vec<StagedRow>>,
        progress: &ImportProgress,
    ) -> Result<u64> {
        let mut points = HashMap::new();
        let mut moments = std::collections::BTreeSet::new();
        let (mut kept, mut sent) = (0u64, 0u64);
        let total = progress.rows_to_store.load(Ordering::Relaxed);
        while let Some(rows) = rx.recv().await {
            let n = rows.len() as u64;
            moments.extend(rows.iter().map(|r| r.row.moment_id));
            let out = Arc::new(Mutex::new(None));
            self.writer
                .apply(SliceJob {
                    place,
                    first: sent == 0,
                    last: sent + n >= total,
                    rows,
                    points: std::mem::take(&mut points),
                    out: out.clone(),
                })
                .await?;
            let (p, k) =
                out.lock().ok().and_then(|mut o| o.take()).ok_or_else(|| {
                    StoreError::CommitFailed("an import's slice said nothing".into())
                })?;
            points = p;
            kept += k;
            sent += n;
            progress.rows_stored.fetch_add(n, Ordering::Relaxed);
        }
        for m in moments {
            self.rebuild_running_of(place.workspace_id, m).await?;
        }
        Ok(kept)
    }

    /// Makes a moment's running totals again from its daily roll-ups.
    async fn rebuild_running_of(&self, workspace_id: Id, moment_id: Id) -> Result<()> {
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    for sql in crate::feedback::rebuild_running("moment_id = $1") {
                        conn.execute(&sql, &[moment_id.into(), workspace_id.into()])
                            .await?;
                    }
                    Ok(((), Vec::new()))
                })
            })
            .await
    }

    /// PostgreSQL: on a connection of its own and in one transaction,
    /// each slice's new rows with COPY straight into the answers, each
    /// with its feedback point (found or made once a moment and branch),
    /// and their counts added to the daily roll-ups; then the running
    /// totals and the import's record. Answers the rows kept.
    ///
    /// A row kept already (the same file imported before) is found a slice
    /// at a time by [`kept_keys`]. Imports of one workspace write one at a
    /// time (an advisory lock for the transaction), so the same file
    /// uploaded twice at once is kept once; the unique indexes remain the
    /// last guard (an import that hit one would fail and be taken out,
    /// never count twice).
    async fn copy_rows(
        &self,
        place: Place,
        rx: &mut tokio::sync::mpsc::Receiver<Vec<StagedRow>>,
        progress: &ImportProgress,
        end: &ImportEnd,
    ) -> Result<u64> {
        use sqlx::Connection as _;
        let mut conn = sqlx::PgConnection::connect(&self.url).await?;
        let ws = place.workspace_id;
        let id = place.import_id;
        sqlx::query("BEGIN").execute(&mut conn).await?;
        // One import of a workspace at a time writes (the keys it checks
        // are the workspace's): a second upload of the same file waits
        // for the first and finds its rows kept, instead of failing on
        // the unique index.
        sqlx::query("SELECT pg_advisory_xact_lock($1, CAST($2 % 2147483647 AS INTEGER))")
            .bind(IMPORT_LOCK)
            .bind(ws)
            .execute(&mut conn)
            .await?;
        // The lookups of keys probe the index row by row: a hash join
        // would read every answer of the database. (Until the transaction
        // ends; nothing after the rows joins.)
        sqlx::query(
            "SELECT set_config('enable_hashjoin', 'off', true), \
             set_config('enable_mergejoin', 'off', true)",
        )
        .execute(&mut conn)
        .await?;
        let mut points = Points::new();
        let mut own_seen = std::collections::HashSet::new();
        let (mut sent, mut imported) = (0u64, 0u64);
        while let Some(rows) = rx.recv().await {
            sent += rows.len() as u64;
            for StagedRow { row: r, .. } in &rows {
                let branch = r.branch_id.unwrap_or(0);
                point_in(&mut conn, &mut points, place, r.moment_id, branch).await?;
            }
            let kept = kept_keys(&mut conn, &rows).await?;
            let mut text = String::with_capacity(rows.len() * 100);
            let mut days = std::collections::BTreeMap::<(Id, Id, i64), [i64; 3]>::new();
            for StagedRow { row: r, n } in &rows {
                let branch = r.branch_id.unwrap_or(0);
                let key = (r.moment_id, branch, r.day, r.key.hash, *n);
                let new = if *n == 0 {
                    !kept.contains(&key) && own_seen.insert((r.moment_id, r.key.hash))
                } else {
                    !kept.contains(&key)
                };
                if !new {
                    continue;
                }
                imported += 1;
                days.entry((r.moment_id, branch, r.day)).or_default()
                    [(r.verdict.value() + 1) as usize] += 1;
                use std::fmt::Write as _;
                let _ = writeln!(
                    text,
                    "{ws}\t{}\t{}\t{branch}\t{}\t\\N\t{}\t\t\\N\t{}\t{}\t{}\t{n}\t{id}",
                    points[&(r.moment_id, branch)],
                    r.moment_id,
                    r.verdict.value(),
                    copy_text(&r.comment),
                    r.day,
                    r.at,
                    r.key.hash,
                );
            }
            if !text.is_empty() {
                let mut copy = conn
                    .copy_in_raw(
                        "COPY feedback_answers (workspace_id, point_id, moment_id, branch_id, \
                         verdict, reason, comment, language, request_key, day, created_at, \
                         import_hash, import_n, import_id) FROM STDIN",
                    )
                    .await?;
                copy.send(text.into_bytes()).await?;
                copy.finish().await?;
                add_days(&mut conn, ws, days).await?;
            }
            progress
                .rows_stored
                .fetch_add(rows.len() as u64, Ordering::Relaxed);
        }
        // The running totals of the moments the import touched (ids, so
        // written into the statement).
        let moments: std::collections::BTreeSet<Id> = points.keys().map(|(m, _)| *m).collect();
        let list = moments
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        if !list.is_empty() {
            for sql in
                crate::feedback::rebuild_running(&format!("moment_id IN ({list}) AND $1 = $1"))
            {
                sqlx::query(&sql)
                    .bind(id)
                    .bind(ws)
                    .execute(&mut conn)
                    .await?;
            }
        }
        sqlx::query(DONE)
            .bind(imported as i64)
            .bind((sent - imported) as i64)
            .bind(end.refused as i64)
            .bind(&end.refusals)
            .bind(id)
            .bind(end.days.map(|(first, _)| first))
            .bind(end.days.map(|(_, last)| last))
            .execute(&mut conn)
            .await?;
        sqlx::query("COMMIT").execute(&mut conn).await?;
        conn.close().await?;
        Ok(imported)
    }
}

/// An imported answer's key as the indexes have it: moment, branch (or 0),
/// day, hash and occurrence (0: the file's own id, unique per moment).
type KeptKey = (Id, Id, i64, i64, i64);

/// PostgreSQL: the keys of a slice's rows that are kept already.
async fn kept_keys(
    conn: &mut sqlx::PgConnection,
    rows: &[StagedRow],
) -> Result<std::collections::HashSet<KeptKey>> {
    let mut kept = std::collections::HashSet::new();
    let key = |s: &StagedRow| {
        let r = &s.row;
        (
            r.moment_id,
            r.branch_id.unwrap_or(0),
            r.day,
            r.key.hash,
            s.n,
        )
    };
    // A file's own ids, unique per moment.
    let (moments, own): (Vec<Id>, Vec<i64>) = rows
        .iter()
        .filter(|s| s.n == 0)
        .map(|s| (s.row.moment_id, s.row.key.hash))
        .unzip();
    if !own.is_empty() {
        let found: Vec<(Id, i64)> = sqlx::query_as(
            "SELECT a.moment_id, a.import_hash FROM feedback_answers a \
             JOIN unnest($1::int8[], $2::int8[]) AS k(m, h) \
             ON a.moment_id = k.m AND a.import_hash = k.h AND a.import_n = 0",
        )
        .bind(&moments)
        .bind(&own)
        .fetch_all(&mut *conn)
        .await?;
        let found: std::collections::HashSet<(Id, i64)> = found.into_iter().collect();
        kept.extend(
            rows.iter()
                .filter(|s| s.n == 0 && found.contains(&(s.row.moment_id, s.row.key.hash)))
                .map(key),
        );
    }
    // Fingerprints. The rows come in the key index's order, so the keys
    // kept in the slice's stretch of that index are read in one sweep of
    // it (a file of new answers finds none there: the import's own
    // earlier slices lie before it). Only where other files' answers
    // crowd the stretch are the slice's keys looked up one by one.
    let prints: Vec<KeptKey> = rows.iter().filter(|s| s.n > 0).map(key).collect();
    let (Some(first), Some(last)) = (prints.iter().min(), prints.iter().max()) else {
        return Ok(kept);
    };
    let cap = prints.len() * 2 + 16;
    let stretch: Vec<KeptKey> = sqlx::query_as(
        "SELECT moment_id, branch_id, day, import_hash, import_n FROM feedback_answers \
         WHERE import_n > 0 \
         AND (moment_id, branch_id, day, import_hash, import_n) >= ($1, $2, $3, $4, $5) \
         AND (moment_id, branch_id, day, import_hash, import_n) <= ($6, $7, $8, $9, $10) \
         ORDER BY moment_id, branch_id, day, import_hash, import_n LIMIT $11",
    )
    .bind(first.0)
    .bind(first.1)
    .bind(first.2)
    .bind(first.3)
    .bind(first.4)
    .bind(last.0)
    .bind(last.1)
    .bind(last.2)
    .bind(last.3)
    .bind(last.4)
    .bind(cap as i64)
    .fetch_all(&mut *conn)
    .await?;
    if stretch.len() < cap {
        kept.extend(stretch);
        return Ok(kept);
    }
    let column = |i: usize| -> Vec<i64> {
        prints
            .iter()
            .map(|k| [k.0, k.1, k.2, k.3, k.4][i])
            .collect()
    };
    let found: Vec<KeptKey> = sqlx::query_as(
        "SELECT k.m, k.b, k.d, k.h, k.n \
         FROM unnest($1::int8[], $2::int8[], $3::int8[], $4::int8[], $5::int8[]) AS k(m, b, d, h, n) \
         WHERE EXISTS (SELECT 1 FROM feedback_answers a WHERE a.moment_id = k.m \
         AND a.branch_id = k.b AND a.day = k.d AND a.import_hash = k.h AND a.import_n = k.n \
         AND a.import_n > 0)",
    )
    .bind(column(0))
    .bind(column(1))
    .bind(column(2))
    .bind(column(3))
    .bind(column(4))
    .fetch_all(&mut *conn)
    .await?;
    kept.extend(found);
    Ok(kept)
}

/// PostgreSQL: a slice's new answers added to the daily roll-ups, counts
/// (worse, as expected, better) by moment, branch and day.
async fn add_days(
    conn: &mut sqlx::PgConnection,
    ws: Id,
    days: std::collections::BTreeMap<(Id, Id, i64), [i64; 3]>,
) -> Result<()> {
    let mut cols: [Vec<i64>; 6] = Default::default();
    for ((m, b, d), [worse, as_expected, better]) in days {
        for (c, v) in cols.iter_mut().zip([m, b, d, worse, as_expected, better]) {
            c.push(v);
        }
    }
    let [m, b, d, worse, as_expected, better] = cols;
    sqlx::query(concat!(
        "INSERT INTO feedback_daily (workspace_id, moment_id, branch_id, day, \
         worse, as_expected, better) \
         SELECT $1, * FROM unnest($2::int8[], $3::int8[], $4::int8[], $5::int8[], \
         $6::int8[], $7::int8[]) ",
        add_to_day!()
    ))
    .bind(ws)
    .bind(m)
    .bind(b)
    .bind(d)
    .bind(worse)
    .bind(as_expected)
    .bind(better)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The first key of the advisory lock an import of a workspace holds on
/// PostgreSQL (the second is the workspace).
const IMPORT_LOCK: i32 = 0x6d6f_7449; // "motI"

/// Marks an import done with its counts.
const DONE: &str = "UPDATE feedback_imports SET imported = $1, already = $2, refused = $3, \
                    refusals = $4, status = 'done', first_day = $6, last_day = $7 WHERE id = $5";

/// A field of COPY's text format: backslash, tab and line ends escaped.
fn copy_text(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\\', '\t', '\n', '\r']) {
        return s.into();
    }
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .into()
}

/// The open point of each (moment, branch or 0) an import found so far.
type Points = HashMap<(Id, Id), Id>;

/// One slice of an import's rows, a job of the writer (SQLite).
struct SliceJob {
    place: Place,
    rows: Vec<StagedRow>,
    /// The import's first slice (it keeps where the import's answers begin).
    first: bool,
    /// The import's last slice (it gives the cache back).
    last: bool,
    points: Points,
    /// The points, and how many rows were new, once it ran.
    out: Arc<Mutex<Option<(Points, u64)>>>,
}

/// Keeps a slice's rows (one statement, run for each: on the writer's
/// SQLite connection prepared once, a microsecond a row) and adds the new
/// ones to the daily roll-ups.
async fn slice_in(tx: &mut impl Tx, job: SliceJob) -> Result<Vec<crate::Committed>> {
    let sqlite = tx.backend() == Backend::Sqlite;
    if sqlite {
        // The rows come by moment, branch and day, so they sweep the
        // indexes: a cache of 8 MiB while slices come keeps the pages each
        // slice ends on, and keeps a big import from filling the writer's
        // larger cache with pages it will not read again. The connection's
        // own cache comes back after the last slice, or when a slice fails
        // (the import then stops).
        tx.execute(IMPORT_CACHE, &[]).await?;
    }
    let last = job.last;
    let own = tx.is_writers_own();
    let out = slice_rows(tx, job).await;
    if sqlite && (last || out.is_err()) {
        let cache = if own {
            crate::writer::WRITER_CACHE
        } else {
            POOL_CACHE
        };
        tx.execute(cache, &[]).await?;
    }
    out
}

/// [`slice_in`]'s rows and roll-ups.
async fn slice_rows(tx: &mut impl Tx, mut job: SliceJob) -> Result<Vec<crate::Committed>> {
    let p = job.place;
    if job.first {
        // SQLite gives a new row the highest id plus one, so an id is used
        // again once the highest rows are gone (another import taken out
        // since this one began): the import's answers are those after the
        // highest id now, in the transaction that writes the first of them.
        tx.execute(
            "UPDATE feedback_imports SET answers_after = \
             (SELECT COALESCE(MAX(id), 0) FROM feedback_answers) WHERE id = $1",
            &[p.import_id.into()],
        )
        .await?;
    }
    let mut args = Vec::with_capacity(job.rows.len());
    for StagedRow { row: r, n } in &job.rows {
        let branch = r.branch_id.unwrap_or(0);
        let point = point_in(tx, &mut job.points, p, r.moment_id, branch).await?;
        args.push(vec![
            p.workspace_id.into(),
            point.into(),
            r.moment_id.into(),
            branch.into(),
            r.verdict.value().into(),
            r.comment.as_str().into(),
            r.day.into(),
            r.at.into(),
            r.key.hash.into(),
            (*n).into(),
            p.import_id.into(),
        ]);
    }
    let changed = tx
        .execute_each(
            "INSERT INTO feedback_answers (workspace_id, point_id, moment_id, branch_id, \
             verdict, reason, comment, language, request_key, day, created_at, import_hash, \
             import_n, import_id) VALUES ($1, $2, $3, $4, $5, NULL, $6, '', NULL, $7, $8, $9, \
             $10, $11) ON CONFLICT DO NOTHING",
            &args,
        )
        .await?;
    // In the order of the roll-ups' key, as the rows came.
    let mut days: std::collections::BTreeMap<(Id, Id, i64), [i64; 3]> = Default::default();
    let mut kept = 0u64;
    for (StagedRow { row: r, .. }, new) in job.rows.iter().zip(changed) {
        if new == 1 {
            kept += 1;
            days.entry((r.moment_id, r.branch_id.unwrap_or(0), r.day))
                .or_default()[(r.verdict.value() + 1) as usize] += 1;
        }
    }
    let days: Vec<Vec<crate::tx::Val>> = days
        .into_iter()
        .map(|((moment, branch, day), [worse, as_expected, better])| {
            vec![
                p.workspace_id.into(),
                moment.into(),
                branch.into(),
                day.into(),
                worse.into(),
                as_expected.into(),
                better.into(),
            ]
        })
        .collect();
    tx.execute_each(
        concat!(
            "INSERT INTO feedback_daily (workspace_id, moment_id, branch_id, day, worse, \
             as_expected, better) VALUES ($1, $2, $3, $4, $5, $6, $7) ",
            add_to_day!()
        ),
        &days,
    )
    .await?;
    if let Ok(mut out) = job.out.lock() {
        *out = Some((job.points, kept));
    }
    Ok(Vec::new())
}

/// SQLite's page cache on the writer's connection while an import's
/// slices come (KiB, as a negative number).
const IMPORT_CACHE: &str = "PRAGMA cache_size = -8192";
/// SQLite's page cache on a pooled connection (its default, 2 MB).
const POOL_CACHE: &str = "PRAGMA cache_size = -2000";

crate::tx::command!(SliceJob, slice_in);

/// The open point of a moment of the journey at a branch of its business
/// (0: every branch), made (as the import's) if there is none; refuses a
/// moment taken off the board or a branch not of the business. On either
/// backend: SQLite's writer, or PostgreSQL's import connection.
async fn point_in(
    tx: &mut impl Tx,
    points: &mut Points,
    p: Place,
    moment_id: Id,
    branch_id: Id,
) -> Result<Id> {
    if let Some(id) = points.get(&(moment_id, branch_id)) {
        return Ok(*id);
    }
    let moment = tx
        .fetch_optional(
            "SELECT id FROM moments WHERE id = $1 AND journey_id = $2 AND workspace_id = $3 \
             AND deleted_at IS NULL",
            &[moment_id.into(), p.journey_id.into(), p.workspace_id.into()],
        )
        .await?;
    if moment.is_none() {
        return Err(StoreError::NotFound("moment"));
    }
    if branch_id != 0 {
        let branch = tx
            .fetch_optional(
                "SELECT id FROM branches WHERE id = $1 AND business_id = $2 AND workspace_id = $3",
                &[
                    branch_id.into(),
                    p.business_id.into(),
                    p.workspace_id.into(),
                ],
            )
            .await?;
        if branch.is_none() {
            return Err(StoreError::NotFound("branch"));
        }
    }
    let id = crate::feedback::open_point_in(
        tx,
        crate::feedback::PointPlace {
            workspace_id: p.workspace_id,
            business_id: p.business_id,
            journey_id: p.journey_id,
            import_id: Some(p.import_id),
        },
        moment_id,
        branch_id,
    )
    .await?;
    points.insert((moment_id, branch_id), id);
    Ok(id)
}

impl Store {
    /// Takes an import out again, a slice of answers a job (their roll-ups
    /// with them), then the feedback points it made that nothing else
    /// uses, and makes its journey's running totals again; marks it failed
    /// (with what its reading refused, when known).
    pub async fn undo_feedback_import(
        &self,
        workspace_id: Id,
        import_id: Id,
        end: &ImportEnd,
    ) -> Result<()> {
        let record = self.feedback_import(workspace_id, import_id).await?;
        self.take_out_answers(&record).await?;
        let (after, refused, refusals) = (
            record.answers_after,
            end.refused as i64,
            end.refusals.clone(),
        );
        // In one job: the points it made that nothing else uses (made
        // moments ago, by an import that kept nothing: no one has printed
        // them), and its record, failed.
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    conn.execute(
                        "DELETE FROM feedback_points WHERE import_id = $1 AND workspace_id = $2 \
                         AND id NOT IN (SELECT point_id FROM feedback_answers WHERE id > $3) \
                         AND NOT EXISTS (SELECT 1 FROM feedback_survey_points s \
                         WHERE s.point_id = feedback_points.id)",
                        &[import_id.into(), workspace_id.into(), after.into()],
                    )
                    .await?;
                    conn.execute(
                        "UPDATE feedback_imports SET status = 'failed', imported = 0, \
                         already = 0, refused = $3, refusals = $4 \
                         WHERE id = $1 AND workspace_id = $2",
                        &[
                            import_id.into(),
                            workspace_id.into(),
                            refused.into(),
                            refusals.into(),
                        ],
                    )
                    .await?;
                    Ok(((), Vec::new()))
                })
            })
            .await?;
        self.feedback_written();
        Ok(())
    }

    /// Takes a done import out at the asking of those who may import: its
    /// answers leave the figures (the roll-ups and running totals with
    /// them); the feedback points it made stay (a link may have been printed
    /// since); its record stays, marked undone, with what it had kept. The
    /// same file may then be imported again, read another way. Marked
    /// "undoing" first, so that a server stopped midway finishes it when it
    /// starts ([`Store::undo_unfinished_feedback_imports`]) and a request
    /// that failed midway may be sent again; taking out one taken out
    /// already does nothing. An import still running, or one that failed
    /// (nothing of it kept), is a conflict; so is any while another import
    /// of the workspace runs (whose rows it could count as there already).
    pub async fn take_out_feedback_import(
        &self,
        workspace_id: Id,
        import_id: Id,
    ) -> Result<FeedbackImport> {
        let record = self.feedback_import(workspace_id, import_id).await?;
        match record.status {
            ImportStatus::Undone => return Ok(record),
            ImportStatus::Running | ImportStatus::Failed => {
                return Err(RuleError::Conflict(Msg::new(NOT_TAKEN_OUT)).into())
            }
            ImportStatus::Done | ImportStatus::Undoing => {}
        }
        // In one writer job: no import of the workspace running, then
        // marked. The writer runs one job at a time, and an import begins
        // in one ([`Store::begin_feedback_import`] refuses while one is
        // being taken out), so neither starts while the other goes on.
        let marked = self
            .writer
            .run(move |conn| {
                Box::pin(async move {
                    refuse_while(conn, workspace_id, ImportStatus::Running, IMPORT_RUNNING).await?;
                    let n = conn
                        .execute(
                            "UPDATE feedback_imports SET status = 'undoing' WHERE id = $1 \
                             AND workspace_id = $2 AND status IN ('done', 'undoing')",
                            &[import_id.into(), workspace_id.into()],
                        )
                        .await?;
                    Ok((n, Vec::new()))
                })
            })
            .await?;
        // Done, or again where it stopped: each slice job takes out the
        // answers it counts off, so a second request at once takes out none
        // twice.
        if marked == 1 {
            self.finish_take_out(&record).await?;
        }
        self.feedback_import(workspace_id, import_id).await
    }

    /// [`Store::take_out_feedback_import`]'s work, once marked.
    async fn finish_take_out(&self, record: &FeedbackImport) -> Result<()> {
        self.take_out_answers(record).await?;
        self.writer
            .execute(
                "UPDATE feedback_imports SET status = 'undone' WHERE id = $1 \
                 AND workspace_id = $2",
                vec![record.id.into(), record.workspace_id.into()],
            )
            .await?;
        self.feedback_written();
        Ok(())
    }

    /// An import's answers out again, a slice a job (their roll-ups with
    /// them), then its journey's running totals.
    async fn take_out_answers(&self, record: &FeedbackImport) -> Result<()> {
        let (workspace_id, import_id) = (record.workspace_id, record.id);
        // A point the import made is used by its answers and later ones only.
        let after = record.answers_after;
        loop {
            let taken = self
                .writer
                .run(move |conn| {
                    Box::pin(async move {
                        let bound = conn
                            .fetch_optional(
                                "SELECT id FROM feedback_answers WHERE id > $4 AND import_id = $1 \
                                 AND workspace_id = $2 ORDER BY id LIMIT 1 OFFSET $3",
                                &[
                                    import_id.into(),
                                    workspace_id.into(),
                                    (UNDO_SLICE - 1).into(),
                                    after.into(),
                                ],
                            )
                            .await?
                            .map(|r| col::<Id, _>(&r, "id"))
                            .transpose()?
                            .unwrap_or(Id::MAX);
                        let args = [
                            import_id.into(),
                            workspace_id.into(),
                            bound.into(),
                            after.into(),
                        ];
                        conn.execute(
                            "UPDATE feedback_daily SET worse = feedback_daily.worse - g.worse, \
                             as_expected = feedback_daily.as_expected - g.as_expected, \
                             better = feedback_daily.better - g.better \
                             FROM (SELECT moment_id, branch_id, day, \
                             SUM(CASE WHEN verdict = -1 THEN 1 ELSE 0 END) AS worse, \
                             SUM(CASE WHEN verdict = 0 THEN 1 ELSE 0 END) AS as_expected, \
                             SUM(CASE WHEN verdict = 1 THEN 1 ELSE 0 END) AS better \
                             FROM feedback_answers WHERE id > $4 AND id <= $3 AND import_id = $1 \
                             AND workspace_id = $2 AND flagged = 0 \
                             GROUP BY moment_id, branch_id, day) g \
                             WHERE feedback_daily.moment_id = g.moment_id \
                             AND feedback_daily.branch_id = g.branch_id \
                             AND feedback_daily.day = g.day",
                            &args,
                        )
                        .await?;
                        let n = conn
                            .execute(
                                "DELETE FROM feedback_answers WHERE id > $4 AND id <= $3 \
                                 AND import_id = $1 AND workspace_id = $2",
                                &args,
                            )
                            .await?;
                        Ok((n, Vec::new()))
                    })
                })
                .await?;
            if taken == 0 {
                break;
            }
        }
        let moments: Vec<Id> = sqlx::query("SELECT id FROM moments WHERE journey_id = $1")
            .bind(record.journey_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| col(r, "id"))
            .collect::<Result<_>>()?;
        for m in moments {
            self.rebuild_running_of(workspace_id, m).await?;
        }
        Ok(())
    }

    /// Turns the text keys of answers imported before migration 0029 into
    /// numbers ([`ImportKey::from_text`]), 5,000 answers a job; a key
    /// already taken by another answer (the same row, imported twice
    /// before keys were checked as numbers: cannot happen, but kept safe)
    /// is dropped. Does nothing once done.
    pub(crate) async fn rekey_imported_answers(&self) -> Result<()> {
        loop {
            let rows = sqlx::query(
                "SELECT id, import_key FROM feedback_answers WHERE import_key IS NOT NULL \
                 ORDER BY id LIMIT 5000",
            )
            .fetch_all(&self.pool)
            .await?;
            if rows.is_empty() {
                return Ok(());
            }
            let keys: Vec<(Id, Option<(i64, i64)>)> = rows
                .iter()
                .map(|r| {
                    let text: String = col(r, "import_key")?;
                    Ok((col(r, "id")?, ImportKey::from_text(&text)))
                })
                .collect::<Result<_>>()?;
            self.writer
                .run(move |conn| {
                    Box::pin(async move {
                        for (id, key) in keys {
                            if let Some((hash, n)) = key {
                                conn.execute(
                                    "UPDATE feedback_answers SET import_hash = $2, import_n = $3 \
                                     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM feedback_answers b \
                                     WHERE b.moment_id = feedback_answers.moment_id \
                                     AND b.import_hash = $2 AND b.import_n = $3)",
                                    &[id.into(), hash.into(), n.into()],
                                )
                                .await?;
                            }
                            conn.execute(
                                "UPDATE feedback_answers SET import_key = NULL WHERE id = $1",
                                &[id.into()],
                            )
                            .await?;
                        }
                        Ok(((), Vec::new()))
                    })
                })
                .await?;
        }
    }

    /// Says why a failed import failed, in its importer's language.
    pub async fn set_feedback_import_error(
        &self,
        workspace_id: Id,
        import_id: Id,
        error: &str,
    ) -> Result<()> {
        let error: String = error.chars().take(2_000).collect();
        self.writer
            .execute(
                "UPDATE feedback_imports SET error = $3 WHERE id = $1 \
                 AND workspace_id = $2 AND status = 'failed'",
                vec![import_id.into(), workspace_id.into(), error.into()],
            )
            .await?;
        Ok(())
    }

    /// Takes out the imports a stopped server left running (call it when
    /// the server starts, before it takes imports); answers them.
    pub async fn undo_unfinished_feedback_imports(&self) -> Result<Vec<FeedbackImport>> {
        let rows = sqlx::query(&format!(
            "SELECT {IMPORT_COLS} FROM feedback_imports \
             WHERE status IN ('running', 'undoing') ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let i = import_from(r)?;
            if i.status == ImportStatus::Undoing {
                // Taken out by its owner, then the server stopped: finished.
                self.finish_take_out(&i).await?;
                out.push(self.feedback_import(i.workspace_id, i.id).await?);
                continue;
            }
            let end = ImportEnd {
                refused: i.refused,
                ..ImportEnd::default()
            };
            self.undo_feedback_import(i.workspace_id, i.id, &end)
                .await?;
            out.push(self.feedback_import(i.workspace_id, i.id).await?);
        }
        Ok(out)
    }
}
