//! Customer feedback: feedback points (a link that asks customers about one
//! moment, at one branch or all), their answers, and the answers' roll-up
//! per moment, branch and day, written in the same transaction as each
//! answer so that results read roll-ups, never every answer. Feedback is
//! public traffic: it never goes through a board's change log.

use crate::tx::{col, Tx};
use crate::{now_ms, random_token, Backend, Committed, Result, Store, StoreError};
use mot_core::feedback::{Answer, Tally, Verdict};
use mot_core::text::{Msg, RuleError};
use mot_core::Id;
use sqlx::any::AnyRow;

/// The end of an `INSERT INTO feedback_daily`: counts for a moment, branch
/// and day already there are added to, not replaced (a customer's answer,
/// an import's slice, an import on PostgreSQL).
macro_rules! add_to_day {
    () => {
        "ON CONFLICT (moment_id, branch_id, day) DO UPDATE SET \
         worse = feedback_daily.worse + excluded.worse, \
         as_expected = feedback_daily.as_expected + excluded.as_expected, \
         better = feedback_daily.better + excluded.better"
    };
}
pub(crate) use add_to_day;

/// A link that asks customers about one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackPoint {
    pub id: Id,
    pub business_id: Id,
    pub journey_id: Id,
    pub moment_id: Id,
    /// `None`: customers of every branch.
    pub branch_id: Option<Id>,
    /// The link's secret.
    pub token: String,
    /// The owner's own wording of the question (empty: the standard one).
    pub question: String,
    /// The reasons a customer may pick: its moment's.
    pub reasons: Vec<String>,
    pub closed: bool,
}

/// What a customer's page shows: the point, and the names it asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct PointView {
    pub point: FeedbackPoint,
    pub workspace_id: Id,
    pub moment: String,
    pub business: String,
    pub branch: Option<String>,
    /// The workspace's default language, if it has one.
    pub workspace_language: Option<String>,
}

/// How customers answered about one moment at one branch (`None`: the
/// points that ask every branch).
#[derive(Debug, Clone, PartialEq)]
pub struct MomentTally {
    pub moment_id: Id,
    pub branch_id: Option<Id>,
    pub tally: Tally,
}

/// A customer's comment, with what they answered and where.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackComment {
    pub id: Id,
    pub moment_id: Id,
    /// `None`: a point that asks every branch.
    pub branch_id: Option<Id>,
    pub verdict: Verdict,
    pub reason: Option<String>,
    pub comment: String,
    pub created_at: i64,
    /// Kept but counted by no figure (see [`Store::set_feedback_flag`]).
    pub flagged: bool,
    /// The address of a customer who agreed to be contacted, when the
    /// reader asked for contacts ([`CommentFilter::contacts`]).
    pub contact: Option<String>,
}

/// Which comments to read: all the given ones narrow the list.
#[derive(Debug, Clone, Default)]
pub struct CommentFilter {
    pub moment_id: Option<Id>,
    /// `Some(0)`: the points that ask every branch.
    pub branch_id: Option<Id>,
    pub verdict: Option<Verdict>,
    pub reason: Option<String>,
    /// Words the comment contains, whatever their case (on SQLite, a
    /// comment's capitals outside ASCII are never lowered: a comment
    /// `CAFÉ` is found by `CAFÉ`, not by `café`; a comment `Café` by both).
    pub search: Option<String>,
    /// Only answers given on this day (days since 1970) or later.
    pub since_day: Option<i64>,
    /// Only answers given on this day or earlier.
    pub until_day: Option<i64>,
    /// Only comments after this one in the list's order (the next page:
    /// key-set, never an offset).
    pub before: Option<Id>,
    /// The flagged answers instead of the counted ones: every one, with a
    /// comment or without, for the owner to review.
    pub flagged: bool,
    /// Every counted answer, with words or without (the API's list of
    /// answers), not only those with a comment (or an address).
    pub every: bool,
    /// With the addresses of customers who agreed to be contacted (for
    /// owners and facilitators), and their answers without a comment too.
    pub contacts: bool,
}

const POINT_COLS: &str = "p.id, p.business_id, p.journey_id, p.moment_id, p.branch_id, p.token, \
                          p.question, COALESCE(r.reasons, '') AS reasons, p.closed_at";

/// The join [`POINT_COLS`] reads a point's reasons through: its moment's.
const POINT_REASONS: &str = "LEFT JOIN feedback_reasons r ON r.moment_id = p.moment_id";

/// A moment's reasons as stored, one per line.
pub(crate) fn reason_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn point_from(r: &AnyRow) -> Result<FeedbackPoint> {
    let reasons: String = col(r, "reasons")?;
    Ok(FeedbackPoint {
        id: col(r, "id")?,
        business_id: col(r, "business_id")?,
        journey_id: col(r, "journey_id")?,
        moment_id: col(r, "moment_id")?,
        branch_id: col(r, "branch_id")?,
        token: col(r, "token")?,
        question: col(r, "question")?,
        reasons: reason_lines(&reasons),
        closed: col::<Option<i64>, _>(r, "closed_at")?.is_some(),
    })
}

/// The verdicts' sums of a roll-up query over `feedback_daily d`, read by
/// [`tally_from`] (PostgreSQL's SUM of a BIGINT is a NUMERIC: cast back).
pub(crate) const SUMS: &str = "CAST(SUM(d.worse) AS BIGINT) AS worse, \
     CAST(SUM(d.as_expected) AS BIGINT) AS as_expected, \
     CAST(SUM(d.better) AS BIGINT) AS better";

/// A query of the running totals: per moment and branch (`moment_id`,
/// `branch_id`) of the moments `cond` picks (`m`, bound to `$1`), in
/// workspace `$2`, how many answered each way on the days `$3..=$4`, read
/// by [`tally_from`]: two running rows per pair, whatever the period's
/// length. The pairs are those of the moments' feedback points (every
/// answer belongs to one); a pair without answers in the period reads 0.
/// PostgreSQL takes each running row with a `LATERAL` look-up (half the
/// time of SQLite's form there); SQLite, which has no `LATERAL`, finds the
/// row's day first.
pub fn period_sums(cond: &str, backend: Backend) -> String {
    let at = |alias: &str, op: &str, bound: &str| match backend {
        Backend::Postgres => format!(
            "LEFT JOIN LATERAL (SELECT x.worse, x.as_expected, x.better FROM feedback_running x \
             WHERE x.moment_id = k.moment_id AND x.branch_id = k.branch_id AND x.day {op} {bound} \
             ORDER BY x.day DESC LIMIT 1) {alias} ON true"
        ),
        Backend::Sqlite => format!(
            "LEFT JOIN feedback_running {alias} ON {alias}.moment_id = k.moment_id \
             AND {alias}.branch_id = k.branch_id AND {alias}.day = (SELECT MAX(x.day) \
             FROM feedback_running x WHERE x.moment_id = k.moment_id \
             AND x.branch_id = k.branch_id AND x.day {op} {bound})"
        ),
    };
    let diff = |c: &str| format!("COALESCE(e.{c}, 0) - COALESCE(s.{c}, 0) AS {c}");
    format!(
        "SELECT k.moment_id, k.branch_id, {}, {}, {} FROM \
         (SELECT DISTINCT p.moment_id, COALESCE(p.branch_id, 0) AS branch_id \
         FROM feedback_points p JOIN moments m ON m.id = p.moment_id \
         WHERE {cond} AND p.workspace_id = $2) k {} {} \
         ORDER BY k.moment_id, k.branch_id",
        diff("worse"),
        diff("as_expected"),
        diff("better"),
        at("e", "<=", "$4"),
        at("s", "<", "$3"),
    )
}

fn comment_from(r: &AnyRow) -> Result<FeedbackComment> {
    let branch: Id = col(r, "branch_id")?;
    Ok(FeedbackComment {
        id: col(r, "id")?,
        moment_id: col(r, "moment_id")?,
        branch_id: (branch != 0).then_some(branch),
        verdict: Verdict::from_value(col(r, "verdict")?)
            .ok_or_else(|| StoreError::Config("a verdict outside -1..1".into()))?,
        reason: col(r, "reason")?,
        comment: col(r, "comment")?,
        created_at: col(r, "created_at")?,
        flagged: col::<i64, _>(r, "flagged")? != 0,
        contact: col(r, "contact")?,
    })
}

/// The columns [`comment_from`] reads, of `feedback_answers a`, but the
/// contact (see [`NO_CONTACT`]).
const ANSWER_COLS: &str =
    "a.id, a.moment_id, a.branch_id, a.verdict, a.reason, a.comment, a.created_at, a.flagged";

/// The contact column of a read that carries no addresses.
const NO_CONTACT: &str = "CAST(NULL AS TEXT) AS contact";

/// The `worse`, `as_expected` and `better` sums of a roll-up query.
pub(crate) fn tally_from(r: &impl crate::tx::Cols) -> Result<Tally> {
    Ok(Tally {
        worse: col::<i64, _>(r, "worse")? as u64,
        as_expected: col::<i64, _>(r, "as_expected")? as u64,
        better: col::<i64, _>(r, "better")? as u64,
    })
}

/// The first day (a Monday) of the week of `d.day`, in SQL: day 0,
/// 1970-01-01, was a Thursday. The same week as `Period::Week.start` of
/// `mot-core` (a test in `tests/feedback.rs` holds them together); days
/// before 1970 are not in it (`%` keeps the sign of a negative day).
pub const WEEK_OF_DAY: &str = "(d.day - (d.day + 3) % 7)";

/// Days since 1970-01-01 (UTC) of a moment in milliseconds.
pub fn day_of(ms: i64) -> i64 {
    ms.div_euclid(86_400_000)
}

/// Today, in days since 1970-01-01 (UTC).
pub fn today() -> i64 {
    day_of(now_ms())
}

impl Store {
    /// The open feedback point of a moment at a branch (`None`: every
    /// branch), made on first asking. The moment must be a live note of the
    /// workspace, the branch one of its business.
    pub async fn feedback_point(
        &self,
        workspace_id: Id,
        moment_id: Id,
        branch_id: Option<Id>,
    ) -> Result<FeedbackPoint> {
        let row = sqlx::query(
            "SELECT m.journey_id, j.business_id FROM moments m JOIN journeys j ON j.id = m.journey_id \
             WHERE m.id = $1 AND m.workspace_id = $2 AND m.deleted_at IS NULL",
        )
        .bind(moment_id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("moment"))?;
        let journey_id: Id = col(&row, "journey_id")?;
        let business_id: Id = col(&row, "business_id")?;
        if let Some(b) = branch_id {
            let own = self.branches(workspace_id, business_id).await?;
            if !own.iter().any(|o| o.id == b) {
                return Err(StoreError::NotFound("branch"));
            }
        }
        let id = self
            .writer
            .run(move |conn| {
                Box::pin(async move {
                    let id = open_point_in(
                        conn,
                        PointPlace {
                            workspace_id,
                            business_id,
                            journey_id,
                            import_id: None,
                        },
                        moment_id,
                        branch_id.unwrap_or(0),
                    )
                    .await?;
                    Ok((id, Vec::<Committed>::new()))
                })
            })
            .await?;
        self.feedback_point_by_id(workspace_id, id).await
    }

    /// A feedback point of the workspace.
    pub async fn feedback_point_by_id(&self, workspace_id: Id, id: Id) -> Result<FeedbackPoint> {
        let row = sqlx::query(&format!(
            "SELECT {POINT_COLS} FROM feedback_points p {POINT_REASONS} \
             WHERE p.id = $1 AND p.workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("feedback point"))?;
        point_from(&row)
    }

    /// The feedback points of a journey, oldest first.
    pub async fn feedback_points(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<Vec<FeedbackPoint>> {
        let rows = sqlx::query(&format!(
            "SELECT {POINT_COLS} FROM feedback_points p {POINT_REASONS} \
             WHERE p.journey_id = $1 AND p.workspace_id = $2 ORDER BY p.id"
        ))
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(point_from).collect()
    }

    /// Sets the reasons a customer may pick about a point's moment (checked
    /// by core's rules first): the moment's, offered by each of its links
    /// and the surveys that ask about it.
    pub async fn set_feedback_reasons(
        &self,
        workspace_id: Id,
        point_id: Id,
        reasons: &[String],
    ) -> Result<FeedbackPoint> {
        let done = sqlx::query(
            "INSERT INTO feedback_reasons (moment_id, workspace_id, reasons) \
             SELECT moment_id, workspace_id, $1 FROM feedback_points \
             WHERE id = $2 AND workspace_id = $3 \
             ON CONFLICT (moment_id) DO UPDATE SET reasons = excluded.reasons",
        )
        .bind(reasons.join("\n"))
        .bind(point_id)
        .bind(workspace_id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("feedback point"));
        }
        self.feedback_point_by_id(workspace_id, point_id).await
    }

    /// Sets the owner's own wording of a point's question (checked by
    /// core's rules first; empty: the standard question).
    pub async fn set_feedback_question(
        &self,
        workspace_id: Id,
        point_id: Id,
        question: &str,
    ) -> Result<FeedbackPoint> {
        self.update_point(workspace_id, point_id, "question = $1", question.into())
            .await
    }

    /// Closes a point (its link takes no more answers and says so kindly;
    /// asking about the moment again makes a new link) or opens it again.
    pub async fn set_feedback_point_open(
        &self,
        workspace_id: Id,
        point_id: Id,
        open: bool,
    ) -> Result<FeedbackPoint> {
        let closed_at = if open { None } else { Some(now_ms()) };
        // A point closed earlier keeps the time it was first closed.
        let set = if open {
            "closed_at = $1"
        } else {
            "closed_at = COALESCE(closed_at, $1)"
        };
        self.update_point(workspace_id, point_id, set, closed_at.into())
            .await
    }

    /// One column of a point of the workspace (`set` with `$1`), then the point.
    async fn update_point(
        &self,
        workspace_id: Id,
        point_id: Id,
        set: &str,
        value: crate::tx::Val,
    ) -> Result<FeedbackPoint> {
        let sql = format!("UPDATE feedback_points SET {set} WHERE id = $2 AND workspace_id = $3");
        let done = crate::tx::bind_vals(
            sqlx::query(&sql),
            &[value, point_id.into(), workspace_id.into()],
        )
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("feedback point"));
        }
        self.feedback_point_by_id(workspace_id, point_id).await
    }

    /// What a customer's page shows, by the link's secret.
    pub async fn point_view(&self, token: &str) -> Result<PointView> {
        let row = sqlx::query(&format!(
            "SELECT {POINT_COLS}, p.workspace_id, m.title, b.name AS business, br.name AS branch, \
             w.language AS workspace_language \
             FROM feedback_points p JOIN moments m ON m.id = p.moment_id \
             JOIN businesses b ON b.id = p.business_id \
             JOIN workspaces w ON w.id = p.workspace_id \
             LEFT JOIN branches br ON br.id = p.branch_id {POINT_REASONS} \
             WHERE p.token = $1 AND m.deleted_at IS NULL"
        ))
        .bind(token)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("feedback link"))?;
        Ok(PointView {
            point: point_from(&row)?,
            workspace_id: col(&row, "workspace_id")?,
            moment: col(&row, "title")?,
            business: col(&row, "business")?,
            branch: col(&row, "branch")?,
            workspace_language: col(&row, "workspace_language")?,
        })
    }

    /// Keeps a customer's answer, once per `request_key`: the same answer
    /// sent again adds nothing (and is not an error). A closed point or a
    /// moment taken off the board takes no answers. Answers `true` when the
    /// answer is new.
    pub async fn answer_feedback(
        &self,
        token: &str,
        answer: Answer,
        language: &str,
        request_key: &str,
    ) -> Result<bool> {
        self.answer_feedback_at(token, answer, language, request_key, now_ms())
            .await
    }

    /// [`Store::answer_feedback`] as given at `at` (milliseconds since the
    /// epoch): an answer imported from elsewhere, or a test's past.
    pub async fn answer_feedback_at(
        &self,
        token: &str,
        answer: Answer,
        language: &str,
        request_key: &str,
        at: i64,
    ) -> Result<bool> {
        let with = AnswerWith {
            at,
            ..AnswerWith::default()
        };
        self.answer_feedback_with(token, answer, language, request_key, with)
            .await
    }

    /// Keeps an answer that looks suspicious (`why`: a catalogue key's last
    /// part, such as `honeypot`): flagged, counted by no figure until an
    /// owner says it is real.
    pub async fn answer_feedback_flagged(
        &self,
        token: &str,
        answer: Answer,
        language: &str,
        request_key: &str,
        why: &str,
    ) -> Result<bool> {
        let with = AnswerWith {
            flag: Some(why.to_string()),
            ..AnswerWith::default()
        };
        self.answer_feedback_with(token, answer, language, request_key, with)
            .await
    }

    /// [`Store::answer_feedback`] with what may go with an answer: the
    /// address of a customer who agreed to be contacted (kept apart, in
    /// the same transaction), a flag, a time.
    pub async fn answer_feedback_with(
        &self,
        token: &str,
        answer: Answer,
        language: &str,
        request_key: &str,
        with: AnswerWith,
    ) -> Result<bool> {
        let job = AnswerJob::new(token, answer, language, request_key, with);
        self.keep_answer(token, job).await
    }

    /// How many times this store has changed customer feedback since it
    /// started (answers, flags, imports; not those of other instances on
    /// the same PostgreSQL database): unchanged, nothing is worth checking
    /// for alerts again.
    pub fn feedback_generation(&self) -> u64 {
        self.feedback_writes
            .load(std::sync::atomic::Ordering::Acquire)
    }

    pub(crate) fn feedback_written(&self) {
        self.feedback_writes
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    async fn keep_answer(&self, token: &str, job: AnswerJob) -> Result<bool> {
        match self.writer.apply(job).await {
            Ok(_) => {
                self.feedback_written();
                Ok(true)
            }
            Err(StoreError::Rule(RuleError::Conflict(m))) if m.key == NOT_TAKEN => {
                let v = self.point_view(token).await?;
                if v.point.closed {
                    return Err(RuleError::Conflict(Msg::new("rule-feedback-point-closed")).into());
                }
                // Open, and the answer was there already: sent twice.
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// How customers answered about each moment of a journey, per branch,
    /// over the days `from..=to` (days since 1970-01-01), from the running
    /// totals: two queries at once, each on its own connection, for the
    /// moments of even and of odd ids. Each look-up of a running total
    /// costs the database's executor about as much whatever it reads, so
    /// the page waits half as long where the database has two cores; each
    /// moment's figures still come from one statement's snapshot.
    pub async fn feedback_tallies(
        &self,
        workspace_id: Id,
        journey_id: Id,
        (from, to): (i64, i64),
    ) -> Result<Vec<MomentTally>> {
        let sql = period_sums("m.journey_id = $1 AND m.id % 2 = $5", self.backend);
        let half = |parity: i64| {
            sqlx::query(&sql)
                .bind(journey_id)
                .bind(workspace_id)
                .bind(from)
                .bind(to)
                .bind(parity)
                .fetch_all(&self.pool)
        };
        let (even, odd) = tokio::try_join!(half(0), half(1))?;
        let mut out = Vec::with_capacity(even.len() + odd.len());
        for r in even.iter().chain(&odd) {
            let tally = tally_from(r)?;
            if tally.total() == 0 {
                continue;
            }
            let branch: Id = col(r, "branch_id")?;
            out.push(MomentTally {
                moment_id: col(r, "moment_id")?,
                branch_id: (branch != 0).then_some(branch),
                tally,
            });
        }
        out.sort_by_key(|t| (t.moment_id, t.branch_id.unwrap_or(0)));
        Ok(out)
    }
}

impl Store {
    /// Every answer to a journey's moments given on the days `from..=to`,
    /// flagged ones too, oldest first, `limit` at most (a file to take away).
    pub async fn feedback_answers_between(
        &self,
        workspace_id: Id,
        journey_id: Id,
        range: (i64, i64),
        limit: u32,
    ) -> Result<Vec<FeedbackComment>> {
        self.feedback_answers_after(workspace_id, journey_id, range, 0, limit)
            .await
    }

    /// [`Store::feedback_answers_between`] from the answer after `after` (an
    /// answer's id; 0: the first): one page of a file written page by page
    /// (by key, never by offset).
    pub async fn feedback_answers_after(
        &self,
        workspace_id: Id,
        journey_id: Id,
        (from, to): (i64, i64),
        after: Id,
        limit: u32,
    ) -> Result<Vec<FeedbackComment>> {
        let rows = sqlx::query(&format!(
            "SELECT {ANSWER_COLS}, {NO_CONTACT} FROM feedback_answers a JOIN moments m ON m.id = a.moment_id \
             WHERE m.journey_id = $1 AND a.workspace_id = $2 AND a.day >= $3 AND a.day <= $4 \
             AND a.id > $5 ORDER BY a.id LIMIT {limit}"
        ))
        .bind(journey_id)
        .bind(workspace_id)
        .bind(from)
        .bind(to)
        .bind(after)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(comment_from).collect()
    }

    /// A journey's customer comments, `limit` at most: newest by the day
    /// they were given, then as received, so an import of older answers
    /// does not come before today's; every answer ([`CommentFilter::every`],
    /// the API's feed) and the flagged ones (a queue to review) newest as
    /// received. Either is read by an index in its order (the comments'
    /// by day, `feedback_answers_said` and `feedback_answers_moment`; the
    /// others by id), never all sorted.
    pub async fn feedback_comments(
        &self,
        workspace_id: Id,
        journey_id: Id,
        f: &CommentFilter,
        limit: u32,
    ) -> Result<Vec<FeedbackComment>> {
        let (sql, args) = comments_sql(workspace_id, journey_id, f, limit);
        let rows = crate::tx::bind_vals(sqlx::query(&sql), &args)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(comment_from).collect()
    }
}

/// The statement of [`Store::feedback_comments`], and its values.
fn comments_sql(
    workspace_id: Id,
    journey_id: Id,
    f: &CommentFilter,
    limit: u32,
) -> (String, Vec<crate::tx::Val>) {
    let limit = limit.min(500);
    // Flagged answers are a queue to review: as received, like every
    // answer, by the primary key.
    let by_day = !(f.every || f.flagged);
    // Counted answers with words (or an address); flagged ones all, to
    // review, words or not. The answers with an address and no words
    // are few and in no index by day: read apart, from the addresses.
    let which: &[&str] = match (f.flagged, f.every, f.contacts) {
        (true, _, _) => &["a.flagged = 1"],
        (false, true, _) => &["a.flagged = 0"],
        (false, false, true) => &[
            "a.flagged = 0 AND a.comment <> ''",
            "a.flagged = 0 AND a.comment = '' AND c.email IS NOT NULL",
        ],
        (false, false, false) => &["a.flagged = 0 AND a.comment <> ''"],
    };
    let contact = if f.contacts {
        "c.email AS contact"
    } else {
        NO_CONTACT
    };
    let order = if by_day {
        "a.day DESC, a.id DESC"
    } else {
        "a.id DESC"
    };
    let mut args: Vec<crate::tx::Val> = vec![journey_id.into(), workspace_id.into()];
    let parts: Vec<String> = which
        .iter()
        .enumerate()
        .map(|(k, which)| {
            let from = match (f.contacts, k) {
                (false, _) => "feedback_answers a JOIN moments m ON m.id = a.moment_id",
                (true, 0) => {
                    "feedback_answers a JOIN moments m ON m.id = a.moment_id \
                         LEFT JOIN feedback_contacts c ON c.answer_id = a.id"
                }
                // From the few addresses to their answers: CROSS JOIN
                // keeps that order on SQLite (else it reads every answer).
                (true, _) => {
                    "feedback_contacts c CROSS JOIN feedback_answers a \
                         CROSS JOIN moments m"
                }
            };
            let joined = if f.contacts && k > 0 {
                "a.id = c.answer_id AND m.id = a.moment_id AND "
            } else {
                ""
            };
            // One moment's: by the moment's index, not the workspace's
            // (SQLite, knowing no better, would take the one that
            // serves the order and read the workspace's comments
            // until it finds the moment's; `+` uses no index).
            let ws = if f.moment_id.is_some() {
                "+a.workspace_id"
            } else {
                "a.workspace_id"
            };
            let mut sql = format!(
                "SELECT {ANSWER_COLS}, a.day, {contact} FROM {from} \
                     WHERE {joined}m.journey_id = $1 AND {ws} = $2 AND {which}"
            );
            narrow(&mut sql, &mut args, f, by_day);
            sql.push_str(&format!(" ORDER BY {order} LIMIT {limit}"));
            sql
        })
        .collect();
    let sql = match &parts[..] {
        [one] => one.clone(),
        parts => format!(
            "{} ORDER BY day DESC, id DESC LIMIT {limit}",
            parts
                .iter()
                .enumerate()
                .map(|(k, p)| format!("SELECT * FROM ({p}) part{k}"))
                .collect::<Vec<_>>()
                .join(" UNION ALL ")
        ),
    };
    (sql, args)
}

/// Adds to `sql` the conditions of `f` (each value bound on the next
/// placeholder of `args`), and where the page starts: after the answer
/// `before`, by the day given (`by_day`) or as received.
fn narrow(sql: &mut String, args: &mut Vec<crate::tx::Val>, f: &CommentFilter, by_day: bool) {
    // One condition more; its `?`s are the next placeholders, bound to
    // `vals` in turn.
    let mut and = |cond: &str, vals: Vec<crate::tx::Val>| {
        let mut cond = cond.to_string();
        for v in vals {
            let at = cond.find('?').expect("a placeholder per value");
            args.push(v);
            cond.replace_range(at..=at, &format!("${}", args.len()));
        }
        sql.push_str(&format!(" AND {cond}"));
    };
    if let Some(m) = f.moment_id {
        and("a.moment_id = ?", vec![m.into()]);
    }
    if let Some(b) = f.branch_id {
        and("a.branch_id = ?", vec![b.into()]);
    }
    if let Some(v) = f.verdict {
        and("a.verdict = ?", vec![v.value().into()]);
    }
    if let Some(r) = &f.reason {
        and("a.reason = ?", vec![r.clone().into()]);
    }
    if let Some(q) = f.search.as_deref().filter(|q| !q.is_empty()) {
        let pattern = |q: &str| {
            let escaped = q
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            crate::tx::Val::from(format!("%{escaped}%"))
        };
        // The words lowered and raised here too, whatever their letters:
        // SQLite's LOWER lowers only ASCII's (and its LIKE ignores only
        // ASCII's case), so `CAFÉ` would not find `Café`, nor `éclair`
        // find `ÉCLAIR` or `Éclair`. PostgreSQL's LOWER lowers every letter
        // (under a ctype other than C, as `scripts/pg-start` and most
        // installations make). Capitals and small letters outside ASCII
        // mixed within the words searched are still not matched on SQLite.
        and(
            "(LOWER(a.comment) LIKE LOWER(?) ESCAPE '\\' OR LOWER(a.comment) LIKE ? ESCAPE '\\' \
             OR a.comment LIKE ? ESCAPE '\\')",
            vec![
                pattern(q),
                pattern(&q.to_lowercase()),
                pattern(&q.to_uppercase()),
            ],
        );
    }
    if let Some(d) = f.since_day {
        and("a.day >= ?", vec![d.into()]);
    }
    if let Some(d) = f.until_day {
        and("a.day <= ?", vec![d.into()]);
    }
    if let Some(b) = f.before {
        if by_day {
            // The answer's own day, read in the same statement: the page's
            // key is one id, whichever the order.
            let day = "(SELECT b.day FROM feedback_answers b WHERE b.id = ?)";
            and(
                &format!("a.day <= {day} AND (a.day < {day} OR a.id < ?)"),
                vec![b.into(), b.into(), b.into()],
            );
        } else {
            and("a.id < ?", vec![b.into()]);
        }
    }
}

impl Store {
    /// A journey's daily roll-ups over the days `from..=to`, every branch
    /// together: `(moment id, day, tally)`, by moment and day.
    pub async fn feedback_days(
        &self,
        workspace_id: Id,
        journey_id: Id,
        range: (i64, i64),
    ) -> Result<Vec<(Id, i64, Tally)>> {
        self.days_where("m.journey_id = $1", journey_id, workspace_id, range)
            .await
    }

    /// A journey's roll-ups over the days `from..=to` summed by week, per
    /// branch: `(moment, branch, week, tally)`, by moment, branch and week,
    /// where a week is its first day, a Monday (as [`WEEK_OF_DAY`] says);
    /// branch 0 holds the answers to links for every branch. A trend by
    /// week reads a seventh of the rows its days would be.
    pub async fn feedback_weeks_by_branch(
        &self,
        workspace_id: Id,
        journey_id: Id,
        range: (i64, i64),
    ) -> Result<Vec<(Id, Id, i64, Tally)>> {
        self.rollups_where(
            "m.journey_id = $1",
            journey_id,
            workspace_id,
            range,
            (true, WEEK_OF_DAY),
        )
        .await
    }

    /// [`Store::feedback_days`] of one moment: `(day, tally)`, by day; of
    /// one branch only when `branch` says which (`Some(0)`: the points
    /// that ask every branch).
    pub async fn feedback_moment_days(
        &self,
        workspace_id: Id,
        moment_id: Id,
        branch: Option<Id>,
        range: (i64, i64),
    ) -> Result<Vec<(i64, Tally)>> {
        // A branch is a number: written into the statement.
        let cond = match branch {
            None => "d.moment_id = $1".to_string(),
            Some(b) => format!("d.moment_id = $1 AND d.branch_id = {b}"),
        };
        Ok(self
            .days_where(&cond, moment_id, workspace_id, range)
            .await?
            .into_iter()
            .map(|(_, day, t)| (day, t))
            .collect())
    }

    async fn days_where(
        &self,
        cond: &str,
        arg: Id,
        workspace_id: Id,
        range: (i64, i64),
    ) -> Result<Vec<(Id, i64, Tally)>> {
        Ok(self
            .rollups_where(cond, arg, workspace_id, range, (false, "d.day"))
            .await?
            .into_iter()
            .map(|(m, _, day, t)| (m, day, t))
            .collect())
    }

    /// The roll-ups where `cond` holds (`$1` is `arg`), per branch or
    /// (`by_branch` false, branch 0) every branch together, summed by
    /// `bucket` (an expression of `d.day`: the day itself, or its week).
    async fn rollups_where(
        &self,
        cond: &str,
        arg: Id,
        workspace_id: Id,
        (from, to): (i64, i64),
        (by_branch, bucket): (bool, &str),
    ) -> Result<Vec<(Id, Id, i64, Tally)>> {
        let branch = if by_branch {
            "d.branch_id"
        } else {
            "CAST(0 AS BIGINT)"
        };
        let rows = sqlx::query(&format!(
            "SELECT d.moment_id, {branch} AS branch_id, {bucket} AS day, {SUMS} \
             FROM feedback_daily d JOIN moments m ON m.id = d.moment_id \
             WHERE {cond} AND d.workspace_id = $2 AND d.day >= $3 AND d.day <= $4 \
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        ))
        .bind(arg)
        .bind(workspace_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    col(r, "moment_id")?,
                    col(r, "branch_id")?,
                    col(r, "day")?,
                    tally_from(r)?,
                ))
            })
            .collect()
    }
}

impl Store {
    /// Flags an answer of the workspace (no figure counts it) or takes its
    /// flag away (it counts again), in one transaction with its roll-up.
    /// Setting what is already set changes nothing.
    pub async fn set_feedback_flag(
        &self,
        workspace_id: Id,
        answer_id: Id,
        flagged: bool,
    ) -> Result<()> {
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    let row = conn
                        .fetch_optional(
                            "SELECT moment_id, branch_id, verdict, day, flagged FROM feedback_answers \
                             WHERE id = $1 AND workspace_id = $2",
                            &[answer_id.into(), workspace_id.into()],
                        )
                        .await?
                        .ok_or(StoreError::NotFound("feedback answer"))?;
                    if (col::<i64, _>(&row, "flagged")? != 0) == flagged {
                        return Ok(((), Vec::new()));
                    }
                    conn.execute(
                        "UPDATE feedback_answers SET flagged = $1, \
                         flag_reason = CASE WHEN $1 = 1 THEN 'owner' ELSE flag_reason END WHERE id = $2",
                        &[i64::from(flagged).into(), answer_id.into()],
                    )
                    .await?;
                    let verdict = Verdict::from_value(col(&row, "verdict")?)
                        .ok_or_else(|| StoreError::Config("a verdict outside -1..1".into()))?;
                    count_in(
                        conn,
                        (workspace_id, col(&row, "moment_id")?, col(&row, "branch_id")?),
                        col(&row, "day")?,
                        verdict,
                        if flagged { -1 } else { 1 },
                    )
                    .await?;
                    Ok(((), Vec::new()))
                })
            })
            .await?;
        self.feedback_written();
        Ok(())
    }
}

/// What may go with an answer besides what the customer said.
#[derive(Debug, Clone, Default)]
pub struct AnswerWith {
    /// The address of a customer who agreed to be contacted.
    pub contact: Option<String>,
    /// Why the answer looks suspicious (kept, flagged, not counted).
    pub flag: Option<String>,
    /// When it was given, in milliseconds since the epoch (0: now).
    pub at: i64,
}

/// The key of the conflict an answer job reports when it added nothing.
pub(crate) const NOT_TAKEN: &str = "feedback-not-taken";

pub(crate) struct AnswerJob {
    token: String,
    verdict: Verdict,
    reason: Option<String>,
    comment: String,
    /// Kept apart, in `feedback_contacts`.
    contact: Option<String>,
    language: String,
    request_key: String,
    now: i64,
    /// Why the answer looks suspicious: kept, flagged, not counted.
    flag: Option<String>,
}

impl AnswerJob {
    pub(crate) fn new(
        token: &str,
        answer: Answer,
        language: &str,
        request_key: &str,
        with: AnswerWith,
    ) -> AnswerJob {
        AnswerJob {
            token: token.to_string(),
            verdict: answer.verdict,
            reason: answer.reason,
            comment: answer.comment,
            contact: with.contact,
            language: language.to_string(),
            request_key: request_key.to_string(),
            now: if with.at == 0 { now_ms() } else { with.at },
            flag: with.flag,
        }
    }
}

crate::tx::command!(AnswerJob, answer_in);

/// Adds the answer, with one statement that checks as it writes that the
/// point is open and its moment on the board, and only if this request was
/// not kept before; then counts it in the day's roll-up.
pub(crate) async fn answer_in(tx: &mut impl Tx, job: AnswerJob) -> Result<Vec<Committed>> {
    let day = day_of(job.now);
    let rows = tx
        .fetch_all(
            "INSERT INTO feedback_answers (workspace_id, point_id, moment_id, branch_id, verdict, \
             reason, comment, language, request_key, day, created_at, flagged, flag_reason) \
             SELECT p.workspace_id, p.id, p.moment_id, COALESCE(p.branch_id, 0), $2, $3, $4, $5, $6, $7, $8, $9, $10 \
             FROM feedback_points p JOIN moments m ON m.id = p.moment_id \
             WHERE p.token = $1 AND p.closed_at IS NULL AND m.deleted_at IS NULL \
             ON CONFLICT (point_id, request_key) WHERE request_key IS NOT NULL DO NOTHING \
             RETURNING id, workspace_id, moment_id, branch_id",
            &[
                job.token.into(),
                job.verdict.value().into(),
                job.reason.into(),
                job.comment.into(),
                job.language.into(),
                job.request_key.into(),
                day.into(),
                job.now.into(),
                i64::from(job.flag.is_some()).into(),
                job.flag.clone().into(),
            ],
        )
        .await?;
    let Some(r) = rows.first() else {
        return Err(RuleError::Conflict(Msg::new(NOT_TAKEN)).into());
    };
    if let Some(email) = job.contact {
        tx.execute(
            "INSERT INTO feedback_contacts (answer_id, workspace_id, email, created_at) \
             VALUES ($1, $2, $3, $4)",
            &[
                col::<Id, _>(r, "id")?.into(),
                col::<Id, _>(r, "workspace_id")?.into(),
                email.into(),
                job.now.into(),
            ],
        )
        .await?;
    }
    if job.flag.is_some() {
        // Kept for the owner to look at; no figure counts it.
        return Ok(Vec::new());
    }
    count_in(
        tx,
        (
            col(r, "workspace_id")?,
            col(r, "moment_id")?,
            col(r, "branch_id")?,
        ),
        day,
        job.verdict,
        1,
    )
    .await
}

/// Adds `by` (1, or −1 to take one away) answers of `verdict` to a
/// moment's roll-up for `day`; `(workspace, moment, branch)` with branch 0
/// for the points that ask every branch.
async fn count_in(
    tx: &mut impl Tx,
    (workspace_id, moment_id, branch_id): (Id, Id, Id),
    day: i64,
    verdict: Verdict,
    by: i64,
) -> Result<Vec<Committed>> {
    let one = |v: Verdict| if v == verdict { by } else { 0 };
    let (worse, as_expected, better) = (
        one(Verdict::Worse),
        one(Verdict::AsExpected),
        one(Verdict::Better),
    );
    // The day's roll-up, then the running totals: this day's row (made
    // from the last one before it when new), then every later day's.
    let mut args: Vec<crate::tx::Val> = vec![
        moment_id.into(),
        branch_id.into(),
        day.into(),
        worse.into(),
        as_expected.into(),
        better.into(),
        workspace_id.into(),
    ];
    tx.execute(
        concat!(
            "INSERT INTO feedback_daily (workspace_id, moment_id, branch_id, day, worse, \
             as_expected, better) VALUES ($7, $1, $2, $3, $4, $5, $6) ",
            add_to_day!()
        ),
        &args,
    )
    .await?;
    tx.execute(
        "INSERT INTO feedback_running (workspace_id, moment_id, branch_id, day, worse, as_expected, better) \
         SELECT $7, $1, $2, $3, $4 + COALESCE(MAX(p.worse), 0), $5 + COALESCE(MAX(p.as_expected), 0), \
         $6 + COALESCE(MAX(p.better), 0) FROM (SELECT worse, as_expected, better FROM feedback_running \
         WHERE moment_id = $1 AND branch_id = $2 AND day < $3 ORDER BY day DESC LIMIT 1) p WHERE true \
         ON CONFLICT (moment_id, branch_id, day) DO UPDATE SET \
         worse = feedback_running.worse + $4, as_expected = feedback_running.as_expected + $5, \
         better = feedback_running.better + $6",
        &args,
    )
    .await?;
    args.pop();
    tx.execute(
        "UPDATE feedback_running SET worse = worse + $4, as_expected = as_expected + $5, \
         better = better + $6 WHERE moment_id = $1 AND branch_id = $2 AND day > $3",
        &args,
    )
    .await?;
    Ok(Vec::new())
}

/// Where a feedback point is made: its workspace, business and journey,
/// and the import that makes it (`None`: an owner asked).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PointPlace {
    pub workspace_id: Id,
    pub business_id: Id,
    pub journey_id: Id,
    pub import_id: Option<Id>,
}

/// The open point of a moment at a branch (0: every branch), made if there
/// is none; the caller has checked the moment and branch.
pub(crate) async fn open_point_in(
    tx: &mut impl Tx,
    p: PointPlace,
    moment_id: Id,
    branch_id: Id,
) -> Result<Id> {
    let found = tx
        .fetch_optional(
            "SELECT id FROM feedback_points WHERE moment_id = $1 AND COALESCE(branch_id, 0) = $2 \
             AND workspace_id = $3 AND closed_at IS NULL ORDER BY id LIMIT 1",
            &[moment_id.into(), branch_id.into(), p.workspace_id.into()],
        )
        .await?;
    if let Some(r) = found {
        return col(&r, "id");
    }
    let made = tx
        .fetch_one(
            "INSERT INTO feedback_points (workspace_id, business_id, journey_id, moment_id, \
             branch_id, token, question, created_at, import_id) \
             VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8) RETURNING id",
            &[
                p.workspace_id.into(),
                p.business_id.into(),
                p.journey_id.into(),
                moment_id.into(),
                (branch_id != 0).then_some(branch_id).into(),
                random_token().into(),
                now_ms().into(),
                p.import_id.into(),
            ],
        )
        .await?;
    col(&made, "id")
}

/// The statements that make the running totals of the moments `cond`
/// picks (a condition on `moment_id`, with `$1`) in workspace `$2` again
/// from their daily roll-ups.
pub fn rebuild_running(cond: &str) -> [String; 2] {
    [
        format!("DELETE FROM feedback_running WHERE {cond} AND workspace_id = $2"),
        format!(
            "INSERT INTO feedback_running (workspace_id, moment_id, branch_id, day, worse, as_expected, better) \
             SELECT workspace_id, moment_id, branch_id, day, SUM(worse) OVER w, SUM(as_expected) OVER w, \
             SUM(better) OVER w FROM feedback_daily WHERE {cond} AND workspace_id = $2 \
             WINDOW w AS (PARTITION BY moment_id, branch_id ORDER BY day ROWS UNBOUNDED PRECEDING)"
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list of comments by day reads an index in its order, never
    /// every answer of the workspace (at 10 million answers, seconds): as
    /// SQLite plans them on a fresh database, as in production (no
    /// statistics). The lists as received scan the primary key backwards,
    /// stopping at their limit.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_comment_lists_by_day_read_an_index_in_their_order() {
        let db = crate::testing::TestDb::sqlite().await;
        let base = CommentFilter::default();
        let cases = [
            ("a journey's", base.clone(), "feedback_answers_said"),
            (
                "with the addresses",
                CommentFilter {
                    contacts: true,
                    ..base.clone()
                },
                "feedback_answers_said",
            ),
            (
                "one moment's",
                CommentFilter {
                    moment_id: Some(3),
                    contacts: true,
                    ..base.clone()
                },
                "feedback_answers_moment",
            ),
            (
                "a later page",
                CommentFilter {
                    before: Some(99),
                    search: Some("late".into()),
                    ..base.clone()
                },
                "feedback_answers_said",
            ),
        ];
        for (what, f, index) in cases {
            let (sql, args) = comments_sql(1, 1, &f, 50);
            let plan: Vec<String> =
                crate::tx::bind_vals(sqlx::query(&format!("EXPLAIN QUERY PLAN {sql}")), &args)
                    .fetch_all(db.store.pool())
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| col::<String, _>(r, "detail").unwrap())
                    .collect();
            assert!(
                !plan.iter().any(|d| d.starts_with("SCAN a")),
                "{what}: every answer read: {plan:?}"
            );
            assert!(
                plan.iter().any(|d| d.contains(index)),
                "{what}: not by {index}: {plan:?}"
            );
        }
    }
}
