//! Touchpoint audits: standards, branches, templates, rounds, rater links and
//! answers. Raters reach their audit by a personal link whose token is stored
//! hashed; answers are upserts keyed by (link, item), so a retry after a lost
//! connection never counts twice.

use crate::request::{self, Request};
use crate::tx::{col, Tx};
use crate::{hash_token, now_ms, random_token, Committed, Result, Store, StoreError};
use mot_core::audit::{default_template, may_invite, Answer, AuditLimits, CommentRow, RaterGroup};
use mot_core::date;
use mot_core::feedback::trend::Alert;
use mot_core::text::{self, Msg, RuleError};
use mot_core::Id;
use sqlx::any::AnyRow;
use time::Date;

#[derive(Debug, Clone, PartialEq)]
pub struct Standard {
    pub moment_id: Id,
    pub experience: String,
    pub highs: String,
    pub risks: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub id: Id,
    pub business_id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TemplateItem {
    pub id: Id,
    pub phase: String,
    pub phase_position: i64,
    pub text: String,
    pub guidance: String,
    pub moment_id: Option<Id>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: Id,
    pub name: String,
    pub items: Vec<TemplateItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub id: Id,
    pub business_id: Id,
    pub template_id: Id,
    pub name: String,
    pub opens_on: Date,
    pub closes_on: Date,
    pub closed: bool,
    pub branch_ids: Vec<Id>,
}

/// An item of a round (a snapshot of the template item when the round started).
#[derive(Debug, Clone, PartialEq)]
pub struct RoundItem {
    pub id: Id,
    pub template_item_id: Option<Id>,
    pub phase: String,
    pub text: String,
    pub guidance: String,
    pub moment_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RaterLink {
    pub id: Id,
    pub round_id: Id,
    pub branch_id: Id,
    pub group: RaterGroup,
    pub label: String,
    pub answered: u32,
    pub submitted: bool,
    pub reminded_at: Option<i64>,
}

/// What a rater's page needs.
#[derive(Debug, Clone)]
pub struct RaterView {
    pub link: RaterLink,
    pub workspace_id: Id,
    /// The language the rater chose on their page, if they chose one.
    pub language: Option<String>,
    /// The workspace's default language, if it has one.
    pub workspace_language: Option<String>,
    pub round: Round,
    pub business: String,
    pub branch: String,
    pub items: Vec<RoundItem>,
    /// (item id, score or None for not applicable, comment)
    pub answers: Vec<(Id, Option<u8>, String)>,
}

/// One score in a round, for the results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub item_id: Id,
    pub branch_id: Id,
    pub group: RaterGroup,
    pub score: u8,
}

fn bad(what: &str) -> StoreError {
    StoreError::Config(format!("bad {what} in the database"))
}

fn link_from(r: &AnyRow) -> Result<RaterLink> {
    let g: String = col(r, "rater_group")?;
    Ok(RaterLink {
        id: col(r, "id")?,
        round_id: col(r, "round_id")?,
        branch_id: col(r, "branch_id")?,
        group: RaterGroup::from_key(&g).ok_or_else(|| bad("rater group"))?,
        label: col(r, "label")?,
        answered: col::<i64, _>(r, "answered")? as u32,
        submitted: col::<Option<i64>, _>(r, "submitted_at")?.is_some(),
        reminded_at: col(r, "reminded_at")?,
    })
}

const LINK_COLS: &str =
    "l.id, l.round_id, l.branch_id, l.rater_group, l.label, l.submitted_at, l.reminded_at, \
     (SELECT COUNT(*) FROM audit_answers a WHERE a.link_id = l.id) AS answered";

mod raters;
mod results;
mod rounds;

pub(crate) use results::ClosedMeans;
pub use results::RoundResults;
mod templates;

impl Store {
    // ---- standards ------------------------------------------------------

    /// Writes the standard of a moment (owner-level checks are the caller's).
    pub async fn set_standard(
        &self,
        workspace_id: Id,
        moment_id: Id,
        experience: &str,
        highs: &str,
        risks: &str,
    ) -> Result<Standard> {
        let t = |field, v| text::optional_text(field, v, AuditLimits::STANDARD);
        let (experience, highs, risks) = (
            t("experience", experience)?,
            t("highs", highs)?,
            t("risks", risks)?,
        );
        self.moment(workspace_id, moment_id).await?;
        sqlx::query(
            "INSERT INTO standards (moment_id, workspace_id, experience, highs, risks, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (moment_id) DO UPDATE SET experience = $3, highs = $4, risks = $5, updated_at = $6",
        )
        .bind(moment_id)
        .bind(workspace_id)
        .bind(&experience)
        .bind(&highs)
        .bind(&risks)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(Standard {
            moment_id,
            experience,
            highs,
            risks,
        })
    }

    /// The standards of a journey's moments.
    pub async fn standards(&self, workspace_id: Id, journey_id: Id) -> Result<Vec<Standard>> {
        let rows = sqlx::query(
            "SELECT s.moment_id, s.experience, s.highs, s.risks FROM standards s JOIN moments m ON m.id = s.moment_id \
             WHERE m.journey_id = $1 AND s.workspace_id = $2 AND m.deleted_at IS NULL",
        )
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Standard {
                    moment_id: col(r, "moment_id")?,
                    experience: col(r, "experience")?,
                    highs: col(r, "highs")?,
                    risks: col(r, "risks")?,
                })
            })
            .collect()
    }

    // ---- branches ---------------------------------------------------------

    pub async fn add_branch(
        &self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
    ) -> Result<Branch> {
        self.add_branch_once(workspace_id, business_id, name, None)
            .await
    }

    pub(crate) async fn add_branch_once(
        &self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
        req: Option<Request>,
    ) -> Result<Branch> {
        let name = text::required_line("name", name, AuditLimits::BRANCH_NAME)?;
        self.business(workspace_id, business_id).await?;
        let made = request::make_once(&self.writer, workspace_id, req, move |conn| {
            Box::pin(async move {
                let row = conn
                    .fetch_one(
                        "INSERT INTO branches (workspace_id, business_id, name, created_at) \
                         VALUES ($1, $2, $3, $4) RETURNING id",
                        &[
                            workspace_id.into(),
                            business_id.into(),
                            (&name).into(),
                            now_ms().into(),
                        ],
                    )
                    .await?;
                Ok((col(&row, "id")?, Vec::new()))
            })
        })
        .await?;
        self.branches(workspace_id, business_id)
            .await?
            .into_iter()
            .find(|b| b.id == made.id())
            .ok_or(StoreError::NotFound("branch"))
    }

    pub async fn branches(&self, workspace_id: Id, business_id: Id) -> Result<Vec<Branch>> {
        let rows = sqlx::query("SELECT id, business_id, name FROM branches WHERE business_id = $1 AND workspace_id = $2 ORDER BY name, id")
            .bind(business_id)
            .bind(workspace_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Branch {
                    id: col(r, "id")?,
                    business_id: col(r, "business_id")?,
                    name: col(r, "name")?,
                })
            })
            .collect()
    }
}

/// What the board shows on a note besides its text: whether it has a
/// standard, its latest audit score (mean of the handed-in scores of the
/// latest round of the moment's own business that scored it), the team's
/// last agreed rating, and what its customers said lately.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NoteExtras {
    pub has_standard: bool,
    pub latest_score: Option<f64>,
    /// The rating agreed in the journey's latest session that rated it.
    pub team_rating: Option<mot_core::session::Rating>,
    /// Customers' answers over the last [`CUSTOMER_DAYS`] days, every branch.
    pub customers: mot_core::feedback::Tally,
    /// Customers say "better" less and less: a "magic fading" alert of the
    /// last [`FADING_DAYS`] days that no one dismissed.
    pub fading: bool,
    /// More customers say "worse" than the moment's past explains: a
    /// "worse than usual" alert about a period that began in the last
    /// [`WORSE_DAYS`] days, that no one dismissed.
    pub worse: bool,
}

/// How long a "magic fading" alert marks its note on the board.
pub const FADING_DAYS: i64 = 56;

/// How long a "worse than usual" alert marks its note on the board: its
/// period (a week, or a month) and a few weeks after, for the team to act.
pub const WORSE_DAYS: i64 = 35;

/// How far back a note's customer figures reach.
pub const CUSTOMER_DAYS: i64 = 90;

impl Store {
    /// The extras of every note of a journey.
    pub async fn journey_extras(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<std::collections::HashMap<Id, NoteExtras>> {
        self.extras_where(workspace_id, "m.journey_id = $1", journey_id, true)
            .await
    }

    /// [`Store::journey_extras`] without the customers' figures (and
    /// their alerts' marks, fading and worse than usual): for pages that
    /// read those over a period of their own.
    pub async fn journey_team_and_audit(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<std::collections::HashMap<Id, NoteExtras>> {
        self.extras_where(workspace_id, "m.journey_id = $1", journey_id, false)
            .await
    }

    /// The extras of one note.
    pub async fn moment_extras(&self, workspace_id: Id, moment_id: Id) -> Result<NoteExtras> {
        Ok(self
            .extras_where(workspace_id, "m.id = $1", moment_id, true)
            .await?
            .remove(&moment_id)
            .unwrap_or_default())
    }

    async fn extras_where(
        &self,
        workspace_id: Id,
        cond: &'static str,
        arg: Id,
        customers: bool,
    ) -> Result<std::collections::HashMap<Id, NoteExtras>> {
        self.read(ExtrasRead {
            workspace_id,
            cond,
            arg,
            customers,
            backend: self.backend,
        })
        .await
    }
}

/// The extras of the notes `cond` picks ([`Store::journey_extras`]), as
/// one read.
struct ExtrasRead {
    workspace_id: Id,
    cond: &'static str,
    arg: Id,
    customers: bool,
    backend: crate::Backend,
}

impl crate::reader::Read for ExtrasRead {
    type Out = std::collections::HashMap<Id, NoteExtras>;
    fn run<T: crate::tx::Tx>(
        self,
        tx: &mut T,
    ) -> impl std::future::Future<Output = Result<Self::Out>> + Send {
        extras_in(tx, self)
    }
}

async fn extras_in(
    tx: &mut impl crate::tx::Tx,
    q: ExtrasRead,
) -> Result<std::collections::HashMap<Id, NoteExtras>> {
    use crate::tx::Val;
    let ExtrasRead {
        workspace_id,
        cond,
        arg,
        customers,
        backend,
    } = q;
    let args = [Val::Int(arg), Val::Int(workspace_id)];
    let mut out: std::collections::HashMap<Id, NoteExtras> = std::collections::HashMap::new();
    for r in tx
        .fetch_all(
            &format!(
                "SELECT s.moment_id FROM standards s JOIN moments m ON m.id = s.moment_id WHERE {cond} AND m.workspace_id = $2"
            ),
            &args,
        )
        .await?
    {
        out.entry(col(&r, "moment_id")?).or_default().has_standard = true;
    }
    // Only rounds of the moment's own business count (a template, and
    // so an item linked to a moment, can serve every business of the
    // workspace), and only handed-in answers.
    let rows = tx
        .fetch_all(
            &format!(
                "SELECT ri.moment_id, ri.round_id, a.score FROM audit_answers a JOIN round_items ri ON ri.id = a.round_item_id \
                 JOIN rater_links l ON l.id = a.link_id \
                 JOIN audit_rounds r ON r.id = ri.round_id \
                 JOIN moments m ON m.id = ri.moment_id JOIN journeys j ON j.id = m.journey_id \
                 WHERE {cond} AND m.workspace_id = $2 AND a.score IS NOT NULL \
                 AND l.submitted_at IS NOT NULL AND r.business_id = j.business_id"
            ),
            &args,
        )
        .await?;
    // Per moment: the scores of its latest round.
    let mut latest: std::collections::HashMap<Id, (Id, Vec<i64>)> =
        std::collections::HashMap::new();
    for r in rows {
        let (m, round, score): (Id, Id, i64) = (
            col(&r, "moment_id")?,
            col(&r, "round_id")?,
            col(&r, "score")?,
        );
        let e = latest.entry(m).or_insert((round, Vec::new()));
        if round > e.0 {
            *e = (round, Vec::new());
        }
        if round == e.0 {
            e.1.push(score);
        }
    }
    for (m, (_, scores)) in latest {
        if !scores.is_empty() {
            out.entry(m).or_default().latest_score =
                Some(scores.iter().sum::<i64>() as f64 / scores.len() as f64);
        }
    }
    // The team's latest agreed rating: the last row per moment wins.
    for r in tx
        .fetch_all(
            &format!(
                "SELECT a.moment_id, a.rating FROM assessments a JOIN team_sessions t ON t.id = a.session_id \
                 JOIN moments m ON m.id = a.moment_id \
                 WHERE {cond} AND m.workspace_id = $2 AND a.rating IS NOT NULL ORDER BY t.held_on, t.id"
            ),
            &args,
        )
        .await?
    {
        let rating = mot_core::session::Rating::from_key(&col::<String, _>(&r, "rating")?);
        out.entry(col(&r, "moment_id")?).or_default().team_rating = rating;
    }
    if !customers {
        return Ok(out);
    }
    // Customers, from the running totals: every branch together.
    let today = crate::feedback_today();
    for r in tx
        .fetch_all(
            &crate::feedback::period_sums(cond, backend),
            &[
                Val::Int(arg),
                Val::Int(workspace_id),
                Val::Int(today - CUSTOMER_DAYS + 1),
                Val::Int(today),
            ],
        )
        .await?
    {
        let tally = crate::feedback::tally_from(&r)?;
        if tally.total() > 0 {
            let e = out.entry(col(&r, "moment_id")?).or_default();
            e.customers.merge(&tally);
        }
    }
    // Magic fading into expectation, and worse than usual, as the kept
    // alerts say.
    for r in tx
        .fetch_all(
            &format!(
                "SELECT a.moment_id, a.kind, MAX(a.last_start) AS last_start \
                 FROM feedback_alerts a JOIN moments m ON m.id = a.moment_id \
                 WHERE {cond} AND m.workspace_id = $2 \
                 AND a.kind IN ('magic_fading', 'worse_than_usual') \
                 AND a.state <> 'dismissed' AND a.last_start >= $3 \
                 GROUP BY a.moment_id, a.kind"
            ),
            &[
                Val::Int(arg),
                Val::Int(workspace_id),
                Val::Int(today - FADING_DAYS.max(WORSE_DAYS)),
            ],
        )
        .await?
    {
        let last_start: i64 = col(&r, "last_start")?;
        let kind: String = col(&r, "kind")?;
        let e = out.entry(col(&r, "moment_id")?).or_default();
        match Alert::from_key(&kind) {
            Some(Alert::MagicFading) => e.fading |= last_start >= today - FADING_DAYS,
            Some(Alert::WorseThanUsual) => e.worse |= last_start >= today - WORSE_DAYS,
            None => {}
        }
    }
    Ok(out)
}
