//! A round's results, read at once.
//!
//! The results page (and its JSON, its files, the report pack) needs the
//! round, its items, every handed-in score, the comments, the round before
//! it with its means, the other clients' means and the response counts.
//! [`Store::round_results`] reads them in one read (see `reader`): on
//! SQLite in place on a read connection, in one snapshot, so the ≈ 15,000
//! score rows of a large round never cross sqlx's worker thread. Each part
//! is written once against [`Tx`]; the single reads below use the same
//! functions on a pooled connection.

use super::*;
use crate::tx::Cols;
use std::collections::HashMap;

const ROUND_COLS: &str = "id, business_id, template_id, name, opens_on, closes_on, closed";

fn round_from(r: &impl Cols) -> Result<Round> {
    let o: String = col(r, "opens_on")?;
    let c: String = col(r, "closes_on")?;
    Ok(Round {
        id: col(r, "id")?,
        business_id: col(r, "business_id")?,
        template_id: col(r, "template_id")?,
        name: col(r, "name")?,
        opens_on: date::parse("d", &o).map_err(|_| bad("date"))?,
        closes_on: date::parse("d", &c).map_err(|_| bad("date"))?,
        closed: col::<i64, _>(r, "closed")? != 0,
        branch_ids: Vec::new(),
    })
}

/// Everything a round's results show, from one snapshot.
#[derive(Debug, Clone)]
pub struct RoundResults {
    pub round: Round,
    pub items: Vec<RoundItem>,
    /// Every handed-in score (not-applicable answers left out).
    pub scores: Vec<Score>,
    pub comments: Vec<CommentRow>,
    /// The business's round made before this one, and its mean per
    /// template item.
    pub previous: Option<(Round, HashMap<Id, f64>)>,
    /// The other businesses auditing with the same template: each one's
    /// means per template item in its latest round.
    pub other_clients: Vec<HashMap<Id, f64>>,
    /// How many raters handed in, of how many invited.
    pub responses: (u32, u32),
    /// Raters with answers who have not handed in.
    pub drafts: u32,
}

/// Closed rounds' means per template item, by round id (see
/// `Store::closed_means`); at most [`CLOSED_KEPT`] rounds are kept.
pub(crate) type ClosedMeans = std::sync::Arc<std::sync::Mutex<HashMap<Id, HashMap<Id, f64>>>>;

const CLOSED_KEPT: usize = 4096;

struct ResultsRead {
    workspace_id: Id,
    round_id: Id,
    closed: ClosedMeans,
}

impl crate::reader::Read for ResultsRead {
    type Out = RoundResults;
    async fn run<T: Tx>(self, tx: &mut T) -> Result<RoundResults> {
        results_in(tx, self.workspace_id, self.round_id, &self.closed).await
    }
}

async fn results_in(
    tx: &mut impl Tx,
    ws: Id,
    round_id: Id,
    closed: &ClosedMeans,
) -> Result<RoundResults> {
    let round = round_in(tx, ws, round_id).await?;
    let items = round_items_in(tx, round_id).await?;
    let scores = round_scores_in(tx, round_id).await?;
    let comments = round_comments_in(tx, ws, round_id).await?;
    let previous = match previous_round_in(tx, ws, round.business_id, round_id).await? {
        Some(p) => {
            let means = means_of(tx, ws, p.id, p.closed, closed).await?;
            Some((p, means))
        }
        None => None,
    };
    let mut other_clients = Vec::new();
    for (id, is_closed) in
        other_clients_rounds_in(tx, ws, round.template_id, round.business_id).await?
    {
        other_clients.push(means_of(tx, ws, id, is_closed, closed).await?);
    }
    let responses = round_response_counts_in(tx, ws, round_id).await?;
    let drafts = round_drafts_in(tx, ws, round_id).await?;
    Ok(RoundResults {
        round,
        items,
        scores,
        comments,
        previous,
        other_clients,
        responses,
        drafts,
    })
}

/// A round's means per template item, kept once counted if the round is
/// closed.
async fn means_of(
    tx: &mut impl Tx,
    ws: Id,
    round_id: Id,
    is_closed: bool,
    closed: &ClosedMeans,
) -> Result<HashMap<Id, f64>> {
    if is_closed {
        let kept = closed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&round_id)
            .cloned();
        if let Some(m) = kept {
            return Ok(m);
        }
    }
    let means = round_item_means_in(tx, ws, round_id).await?;
    if is_closed {
        let mut all = closed.lock().unwrap_or_else(|p| p.into_inner());
        if all.len() >= CLOSED_KEPT {
            all.clear();
        }
        all.insert(round_id, means.clone());
    }
    Ok(means)
}

impl Store {
    /// A round's results in one read: see the module's text.
    pub async fn round_results(&self, workspace_id: Id, round_id: Id) -> Result<RoundResults> {
        self.read(ResultsRead {
            workspace_id,
            round_id,
            closed: self.closed_means.clone(),
        })
        .await
    }
}

pub(super) async fn round_in(tx: &mut impl Tx, ws: Id, id: Id) -> Result<Round> {
    let row = tx
        .fetch_optional(
            &format!("SELECT {ROUND_COLS} FROM audit_rounds WHERE id = $1 AND workspace_id = $2"),
            &[id.into(), ws.into()],
        )
        .await?
        .ok_or(StoreError::NotFound("audit round"))?;
    let mut round = round_from(&row)?;
    round.branch_ids = round_branch_ids_in(tx, id).await?;
    Ok(round)
}

/// A round's branches, in the business's branch order (by name), as every
/// list of branches.
pub(super) async fn round_branch_ids_in(tx: &mut impl Tx, round_id: Id) -> Result<Vec<Id>> {
    tx.fetch_all(
        "SELECT rb.branch_id FROM round_branches rb JOIN branches b ON b.id = rb.branch_id \
         WHERE rb.round_id = $1 ORDER BY b.name, b.id",
        &[round_id.into()],
    )
    .await?
    .iter()
    .map(|r| col(r, "branch_id"))
    .collect()
}

/// Every round of a business, newest first.
pub(super) async fn rounds_in(tx: &mut impl Tx, ws: Id, business_id: Id) -> Result<Vec<Round>> {
    let rows = tx
        .fetch_all(
            &format!(
                "SELECT {ROUND_COLS} FROM audit_rounds \
                 WHERE business_id = $1 AND workspace_id = $2 ORDER BY id DESC"
            ),
            &[business_id.into(), ws.into()],
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let mut round = round_from(&r)?;
        round.branch_ids = round_branch_ids_in(tx, round.id).await?;
        out.push(round);
    }
    Ok(out)
}

pub(super) async fn round_items_in(tx: &mut impl Tx, round_id: Id) -> Result<Vec<RoundItem>> {
    tx.fetch_all(
        "SELECT id, template_item_id, phase, text, guidance, moment_id FROM round_items WHERE round_id = $1 \
         ORDER BY phase_position, position, id",
        &[round_id.into()],
    )
    .await?
    .iter()
    .map(|r| {
        Ok(RoundItem {
            id: col(r, "id")?,
            template_item_id: col(r, "template_item_id")?,
            phase: col(r, "phase")?,
            text: col(r, "text")?,
            guidance: col(r, "guidance")?,
            moment_id: col(r, "moment_id")?,
        })
    })
    .collect()
}

/// The business's round made before `round_id`, if any.
pub(super) async fn previous_round_in(
    tx: &mut impl Tx,
    ws: Id,
    business_id: Id,
    round_id: Id,
) -> Result<Option<Round>> {
    let row = tx
        .fetch_optional(
            &format!(
                "SELECT {ROUND_COLS} FROM audit_rounds \
                 WHERE business_id = $1 AND workspace_id = $2 AND id < $3 ORDER BY id DESC LIMIT 1"
            ),
            &[business_id.into(), ws.into(), round_id.into()],
        )
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut round = round_from(&row)?;
    round.branch_ids = round_branch_ids_in(tx, round.id).await?;
    Ok(Some(round))
}

/// A round's mean score per template item (its items' keys across rounds),
/// counted in the database: for the change since a round. Only handed-in
/// answers count.
pub(super) async fn round_item_means_in(
    tx: &mut impl Tx,
    ws: Id,
    round_id: Id,
) -> Result<HashMap<Id, f64>> {
    // From the round's links (indexed by round), not its items: answers are
    // keyed by link. Integers on both databases (PostgreSQL sums BIGINTs as
    // NUMERIC, hence the cast); the mean is taken here.
    let rows = tx
        .fetch_all(
            "SELECT ri.template_item_id AS k, CAST(SUM(a.score) AS BIGINT) AS total, COUNT(a.score) AS n \
             FROM rater_links l JOIN audit_answers a ON a.link_id = l.id \
             JOIN round_items ri ON ri.id = a.round_item_id \
             WHERE l.round_id = $1 AND l.workspace_id = $2 AND a.score IS NOT NULL \
             AND l.submitted_at IS NOT NULL \
             AND ri.template_item_id IS NOT NULL GROUP BY ri.template_item_id",
            &[round_id.into(), ws.into()],
        )
        .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let n: i64 = col(&r, "n")?;
        if n > 0 {
            out.insert(col(&r, "k")?, col::<i64, _>(&r, "total")? as f64 / n as f64);
        }
    }
    Ok(out)
}

/// Every other business of the workspace that audits with `template_id`:
/// its latest round (by opening day) that has handed-in scores, and whether
/// that round is closed. The rounds are picked by an `EXISTS` that stops at
/// the first such score (by the links' round index); their means are then
/// counted round by round ([`round_item_means_in`]), so only the other
/// clients' latest rounds are read, never every answer of the workspace (a
/// `GROUP BY` over the whole join scanned all of them: 0.23 s a results
/// page over 1.5 M answers).
async fn other_clients_rounds_in(
    tx: &mut impl Tx,
    ws: Id,
    template_id: Id,
    except_business: Id,
) -> Result<Vec<(Id, bool)>> {
    let rows = tx
        .fetch_all(
            "SELECT r.business_id AS b, r.id AS r, r.closed FROM audit_rounds r \
             WHERE r.workspace_id = $1 AND r.template_id = $2 AND r.business_id <> $3 \
             AND EXISTS (SELECT 1 FROM rater_links l JOIN audit_answers a ON a.link_id = l.id \
                 JOIN round_items ri ON ri.id = a.round_item_id \
                 WHERE l.round_id = r.id AND l.submitted_at IS NOT NULL AND a.score IS NOT NULL \
                 AND ri.template_item_id IS NOT NULL) \
             ORDER BY r.business_id, r.opens_on DESC, r.id DESC",
            &[ws.into(), template_id.into(), except_business.into()],
        )
        .await?;
    // The first row of each business is its latest round with scores.
    let mut latest = Vec::new();
    let mut last_business = None;
    for r in rows {
        let b: Id = col(&r, "b")?;
        if last_business != Some(b) {
            last_business = Some(b);
            latest.push((col(&r, "r")?, col::<i64, _>(&r, "closed")? != 0));
        }
    }
    Ok(latest)
}

/// How many of a round's raters handed in, of how many invited.
pub(super) async fn round_response_counts_in(
    tx: &mut impl Tx,
    ws: Id,
    round_id: Id,
) -> Result<(u32, u32)> {
    let row = tx
        .fetch_one(
            "SELECT COUNT(submitted_at) AS handed_in, COUNT(*) AS invited FROM rater_links \
             WHERE round_id = $1 AND workspace_id = $2",
            &[round_id.into(), ws.into()],
        )
        .await?;
    Ok((
        col::<i64, _>(&row, "handed_in")? as u32,
        col::<i64, _>(&row, "invited")? as u32,
    ))
}

/// Every score handed in for a round (not-applicable answers and the
/// answers of raters who have not handed in left out: the statistics count
/// what the response figures count). The caller has checked the round's
/// workspace.
pub(super) async fn round_scores_in(tx: &mut impl Tx, round_id: Id) -> Result<Vec<Score>> {
    tx.fetch_all(
        "SELECT a.round_item_id, l.branch_id, l.rater_group, a.score FROM audit_answers a JOIN rater_links l ON l.id = a.link_id \
         WHERE l.round_id = $1 AND a.score IS NOT NULL AND l.submitted_at IS NOT NULL",
        &[round_id.into()],
    )
    .await?
    .iter()
    .map(|r| {
        let g: String = col(r, "rater_group")?;
        Ok(Score {
            item_id: col(r, "round_item_id")?,
            branch_id: col(r, "branch_id")?,
            group: RaterGroup::from_key(&g).ok_or_else(|| bad("group"))?,
            score: col::<i64, _>(r, "score")? as u8,
        })
    })
    .collect()
}

/// The comments handed in for a round, with the rater's group and branch,
/// never the rater (no label, no link).
pub(super) async fn round_comments_in(
    tx: &mut impl Tx,
    ws: Id,
    round_id: Id,
) -> Result<Vec<CommentRow>> {
    tx.fetch_all(
        "SELECT a.round_item_id, l.branch_id, l.rater_group, a.comment FROM audit_answers a JOIN rater_links l ON l.id = a.link_id \
         WHERE l.round_id = $1 AND l.workspace_id = $2 AND l.submitted_at IS NOT NULL AND a.comment <> ''",
        &[round_id.into(), ws.into()],
    )
    .await?
    .iter()
    .map(|r| {
        let g: String = col(r, "rater_group")?;
        Ok(CommentRow {
            item_id: col(r, "round_item_id")?,
            branch_id: col(r, "branch_id")?,
            group: RaterGroup::from_key(&g).ok_or_else(|| bad("group"))?,
            text: col(r, "comment")?,
        })
    })
    .collect()
}

/// How many raters of a round have answers but have not handed in (their
/// answers are not counted yet).
pub(super) async fn round_drafts_in(tx: &mut impl Tx, ws: Id, round_id: Id) -> Result<u32> {
    let row = tx
        .fetch_one(
            "SELECT COUNT(*) AS n FROM rater_links l WHERE l.round_id = $1 AND l.workspace_id = $2 \
             AND l.submitted_at IS NULL AND EXISTS (SELECT 1 FROM audit_answers a WHERE a.link_id = l.id)",
            &[round_id.into(), ws.into()],
        )
        .await?;
    Ok(col::<i64, _>(&row, "n")? as u32)
}
