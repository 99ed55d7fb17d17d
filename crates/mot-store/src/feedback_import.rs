//! Importing customers' answers from a file: rows checked by core's
//! [`Importer`](mot_core::feedback::import::Importer) arrive in batches
//! while the file is read, and are kept in ONE transaction with their
//! roll-ups and a record of the import, so a failed import leaves nothing
//! behind. A row whose key is kept already (the same row of the same file,
//! imported before) adds nothing.

use crate::feedback::SUMS;
use crate::tx::{col, Tx};
use crate::{now_ms, random_token, Backend, Committed, Result, Store, StoreError};
use mot_core::feedback::import::ImportRow;
use mot_core::text::{Msg, RuleError};
use mot_core::Id;
use std::collections::HashMap;
use tokio::sync::mpsc;

/// Rows per INSERT statement (handed over as one JSON text).
const CHUNK: usize = 2_000;

/// What the file's reader sends while an import runs.
#[derive(Debug)]
pub enum ImportBatch {
    /// Rows to keep.
    Rows(Vec<ImportRow>),
    /// The file is read: what it refused, and the import may commit.
    Done(ImportEnd),
    /// The file could not be read to its end: nothing is kept.
    Failed(RuleError),
}

/// How a file's reading ended.
#[derive(Debug, Clone, Default)]
pub struct ImportEnd {
    pub refused: u64,
    /// The refused lines as CSV (line, reason), for the owner to download.
    pub refusals: String,
    /// Keep nothing when a line was refused (the owner's choice).
    pub all_or_nothing: bool,
}

/// One import, as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackImport {
    pub id: Id,
    pub journey_id: Id,
    pub file_name: String,
    pub imported: u64,
    /// Rows kept before (the same file imported again).
    pub already: u64,
    pub refused: u64,
    pub created_at: i64,
}

const IMPORT_COLS: &str = "id, journey_id, file_name, imported, already, refused, created_at";

fn import_from(r: &sqlx::any::AnyRow) -> Result<FeedbackImport> {
    Ok(FeedbackImport {
        id: col(r, "id")?,
        journey_id: col(r, "journey_id")?,
        file_name: col(r, "file_name")?,
        imported: col::<i64, _>(r, "imported")? as u64,
        already: col::<i64, _>(r, "already")? as u64,
        refused: col::<i64, _>(r, "refused")? as u64,
        created_at: col(r, "created_at")?,
    })
}

/// The key of the refusal when no row of a file could be imported.
pub const NO_ROWS: &str = "feedback-import-no-rows";
/// The key of the refusal when an all-or-nothing import refused a line.
pub const SOME_REFUSED: &str = "feedback-import-some-refused";

impl Store {
    /// Imports the rows `batches` brings into a journey of the workspace,
    /// in one transaction: every row, its feedback point (the open one of
    /// its moment and branch, made if there is none), the roll-ups and the
    /// import's record commit together, or nothing does (a
    /// [`ImportBatch::Failed`], a closed channel, a moment taken off the
    /// board meanwhile, an all-or-nothing import with a refused line, or a
    /// file without a single row to import).
    pub async fn import_feedback(
        &self,
        workspace_id: Id,
        journey_id: Id,
        user_id: Option<Id>,
        file_name: &str,
        mut batches: mpsc::Receiver<ImportBatch>,
    ) -> Result<FeedbackImport> {
        let file_name: String = file_name.chars().take(200).collect();
        let id = self
            .writer
            .run(move |conn| {
                Box::pin(async move {
                    // A million rows touch more index pages than SQLite's
                    // default 2 MB cache holds: a larger cache for the
                    // import only, given back after it.
                    let sqlite = conn.backend() == Backend::Sqlite;
                    if sqlite {
                        conn.execute(IMPORT_CACHE, &[]).await?;
                    }
                    let out = import_in(
                        conn,
                        workspace_id,
                        journey_id,
                        user_id,
                        file_name,
                        &mut batches,
                    )
                    .await;
                    if sqlite {
                        conn.execute(DEFAULT_CACHE, &[]).await?;
                    }
                    out
                })
            })
            .await?;
        self.feedback_written();
        self.feedback_import(workspace_id, id).await
    }
}

/// SQLite's page cache during an import (KiB, as a negative number).
const IMPORT_CACHE: &str = "PRAGMA cache_size = -32768";
/// SQLite's page cache otherwise (its default, 2 MB).
const DEFAULT_CACHE: &str = "PRAGMA cache_size = -2000";

/// The import's transaction: its record, every batch, the roll-ups.
async fn import_in(
    conn: &mut sqlx::AnyConnection,
    workspace_id: Id,
    journey_id: Id,
    user_id: Option<Id>,
    file_name: String,
    batches: &mut mpsc::Receiver<ImportBatch>,
) -> Result<(Id, Vec<Committed>)> {
    {
        {
            let record = conn
                .fetch_one(
                    "INSERT INTO feedback_imports (workspace_id, journey_id, file_name, \
                             imported, already, refused, refusals, created_by, created_at) \
                             VALUES ($1, $2, $3, 0, 0, 0, '', $4, $5) RETURNING id",
                    &[
                        workspace_id.into(),
                        journey_id.into(),
                        file_name.into(),
                        user_id.into(),
                        now_ms().into(),
                    ],
                )
                .await?;
            let mut run = ImportRun {
                workspace_id,
                journey_id,
                business_id: None,
                points: HashMap::new(),
                import_id: col(&record, "id")?,
                sent: 0,
                imported: 0,
            };
            // The journey first: one of another workspace is refused
            // before a row is read.
            run.business(conn).await?;
            let end = loop {
                match batches.recv().await {
                    Some(ImportBatch::Rows(rows)) => {
                        for chunk in rows.chunks(CHUNK) {
                            run.insert(conn, chunk).await?;
                        }
                    }
                    Some(ImportBatch::Done(end)) => break end,
                    Some(ImportBatch::Failed(e)) => return Err(e.into()),
                    None => {
                        return Err(StoreError::CommitFailed(
                            "the import's reader stopped".into(),
                        ))
                    }
                }
            };
            if run.sent == 0 {
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
            run.count_days(conn).await?;
            conn.execute(
                "UPDATE feedback_imports SET imported = $1, already = $2, refused = $3, \
                         refusals = $4 WHERE id = $5",
                &[
                    (run.imported as i64).into(),
                    ((run.sent - run.imported) as i64).into(),
                    (end.refused as i64).into(),
                    end.refusals.into(),
                    run.import_id.into(),
                ],
            )
            .await?;
            Ok((run.import_id, Vec::<Committed>::new()))
        }
    }
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

/// An import under way, inside its transaction.
struct ImportRun {
    workspace_id: Id,
    journey_id: Id,
    business_id: Option<Id>,
    /// The open point of each (moment, branch or 0).
    points: HashMap<(Id, Id), Id>,
    /// The import's record, made first and counted last.
    import_id: Id,
    sent: u64,
    imported: u64,
}

impl ImportRun {
    /// The journey's business, read once.
    async fn business(&mut self, tx: &mut impl Tx) -> Result<Id> {
        if let Some(b) = self.business_id {
            return Ok(b);
        }
        let row = tx
            .fetch_optional(
                "SELECT business_id FROM journeys WHERE id = $1 AND workspace_id = $2",
                &[self.journey_id.into(), self.workspace_id.into()],
            )
            .await?
            .ok_or(StoreError::NotFound("journey"))?;
        let b: Id = col(&row, "business_id")?;
        self.business_id = Some(b);
        Ok(b)
    }

    /// The open point of a moment of the journey at a branch of its
    /// business (0: every branch), made if there is none.
    async fn point(&mut self, tx: &mut impl Tx, moment_id: Id, branch_id: Id) -> Result<Id> {
        if let Some(p) = self.points.get(&(moment_id, branch_id)) {
            return Ok(*p);
        }
        let business_id = self.business(tx).await?;
        let moment = tx
            .fetch_optional(
                "SELECT id FROM moments WHERE id = $1 AND journey_id = $2 AND workspace_id = $3 \
                 AND deleted_at IS NULL",
                &[
                    moment_id.into(),
                    self.journey_id.into(),
                    self.workspace_id.into(),
                ],
            )
            .await?;
        if moment.is_none() {
            return Err(StoreError::NotFound("moment"));
        }
        if branch_id != 0 {
            let branch = tx
                .fetch_optional(
                    "SELECT id FROM branches WHERE id = $1 AND business_id = $2 AND workspace_id = $3",
                    &[branch_id.into(), business_id.into(), self.workspace_id.into()],
                )
                .await?;
            if branch.is_none() {
                return Err(StoreError::NotFound("branch"));
            }
        }
        let found = tx
            .fetch_optional(
                "SELECT id FROM feedback_points WHERE moment_id = $1 AND COALESCE(branch_id, 0) = $2 \
                 AND workspace_id = $3 AND closed_at IS NULL ORDER BY id LIMIT 1",
                &[moment_id.into(), branch_id.into(), self.workspace_id.into()],
            )
            .await?;
        let id: Id = match found {
            Some(r) => col(&r, "id")?,
            None => col(
                &tx.fetch_one(
                    "INSERT INTO feedback_points (workspace_id, business_id, journey_id, \
                     moment_id, branch_id, token, question, reasons, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, '', '', $7) RETURNING id",
                    &[
                        self.workspace_id.into(),
                        business_id.into(),
                        self.journey_id.into(),
                        moment_id.into(),
                        (branch_id != 0).then_some(branch_id).into(),
                        random_token().into(),
                        now_ms().into(),
                    ],
                )
                .await?,
                "id",
            )?,
        };
        self.points.insert((moment_id, branch_id), id);
        Ok(id)
    }

    /// Inserts one statement's worth of rows, handed over as one JSON
    /// array (two parameters instead of eight a row: binding thousands of
    /// values one by one cost more than SQLite's work); counts those that
    /// were new. The request key only has to be unique: the import's id and
    /// the row's place in it.
    async fn insert(&mut self, tx: &mut impl Tx, rows: &[ImportRow]) -> Result<()> {
        let mut json = String::with_capacity(16 + rows.len() * 96);
        json.push('[');
        for (i, r) in rows.iter().enumerate() {
            let branch = r.branch_id.unwrap_or(0);
            let point = self.point(tx, r.moment_id, branch).await?;
            if i > 0 {
                json.push(',');
            }
            let item = (
                point,
                r.moment_id,
                branch,
                r.verdict.value(),
                r.comment.as_str(),
                r.day,
                r.at,
                r.key.as_str(),
            );
            json.push_str(
                &serde_json::to_string(&item).map_err(|e| StoreError::Config(e.to_string()))?,
            );
        }
        json.push(']');
        let sql = match tx.backend() {
            Backend::Sqlite => {
                "INSERT INTO feedback_answers (workspace_id, point_id, moment_id, branch_id, \
                 verdict, reason, comment, language, request_key, day, created_at, import_key, \
                 import_id) \
                 SELECT $1, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), \
                 json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), NULL, \
                 json_extract(j.value, '$[4]'), '', \
                 'import:' || CAST($2 AS TEXT) || ':' || CAST($4 + j.key AS TEXT), \
                 json_extract(j.value, '$[5]'), json_extract(j.value, '$[6]'), \
                 json_extract(j.value, '$[7]'), $2 \
                 FROM json_each($3) j WHERE true ON CONFLICT DO NOTHING"
            }
            Backend::Postgres => {
                "INSERT INTO feedback_answers (workspace_id, point_id, moment_id, branch_id, \
                 verdict, reason, comment, language, request_key, day, created_at, import_key, \
                 import_id) \
                 SELECT $1, (r->>0)::bigint, (r->>1)::bigint, (r->>2)::bigint, (r->>3)::bigint, \
                 NULL, r->>4, '', \
                 'import:' || CAST($2::bigint AS TEXT) || ':' || CAST($4::bigint + n AS TEXT), \
                 (r->>5)::bigint, (r->>6)::bigint, r->>7, $2 \
                 FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(r, n) \
                 ON CONFLICT DO NOTHING"
            }
        };
        let kept = tx
            .execute(
                sql,
                &[
                    self.workspace_id.into(),
                    self.import_id.into(),
                    json.into(),
                    (self.sent as i64).into(),
                ],
            )
            .await?;
        self.sent += rows.len() as u64;
        self.imported += kept;
        Ok(())
    }

    /// Adds the import's answers to the daily roll-ups (one statement) and
    /// makes their moments' running totals again.
    async fn count_days(&mut self, tx: &mut impl Tx) -> Result<()> {
        tx.execute(
            "INSERT INTO feedback_daily (workspace_id, moment_id, branch_id, day, worse, \
             as_expected, better) \
             SELECT $1, moment_id, branch_id, day, \
             CAST(SUM(CASE WHEN verdict = -1 THEN 1 ELSE 0 END) AS BIGINT), \
             CAST(SUM(CASE WHEN verdict = 0 THEN 1 ELSE 0 END) AS BIGINT), \
             CAST(SUM(CASE WHEN verdict = 1 THEN 1 ELSE 0 END) AS BIGINT) \
             FROM feedback_answers WHERE import_id = $2 AND workspace_id = $1 \
             GROUP BY moment_id, branch_id, day \
             ON CONFLICT (moment_id, branch_id, day) DO UPDATE SET \
             worse = feedback_daily.worse + excluded.worse, \
             as_expected = feedback_daily.as_expected + excluded.as_expected, \
             better = feedback_daily.better + excluded.better",
            &[self.workspace_id.into(), self.import_id.into()],
        )
        .await?;
        // The running totals of the moments it added to, again from their
        // days (a file's rows come in any order).
        for sql in crate::feedback::rebuild_running(
            "moment_id IN (SELECT DISTINCT moment_id FROM feedback_answers WHERE import_id = $1)",
        ) {
            tx.execute(&sql, &[self.import_id.into(), self.workspace_id.into()])
                .await?;
        }
        Ok(())
    }
}
