//! What the audit's pages and API both do: a round's report and its files.

use crate::state::AppState;
use crate::web::error::AppError;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use mot_core::audit::{report, AuditReport, ReportItem, ScoreRow};
use mot_core::Id;
use std::collections::HashMap;

/// A round's report and what is shown around it.
pub struct RoundReport {
    pub round: mot_store::Round,
    pub report: AuditReport,
    /// How many raters handed in, of how many invited.
    pub responses: (u32, u32),
    /// Raters with answers who have not handed in (not counted).
    pub drafts: u32,
    pub previous: Option<mot_store::Round>,
    /// Other clients' means of each template item (by template item id),
    /// where at least [`mot_core::audit::BENCHMARK_MIN_CLIENTS`] other
    /// businesses of the workspace audit with the same template.
    pub benchmarks: HashMap<Id, mot_core::audit::Benchmark>,
    /// How many other businesses audit with the same template.
    pub other_clients: usize,
}

/// Computes a round's report from the handed-in answers, with the change
/// since the business's previous round and the raters' comments.
pub async fn round_report(
    state: &AppState,
    ws: Id,
    business_id: Id,
    round_id: Id,
) -> Result<RoundReport, AppError> {
    let mot_store::RoundResults {
        round: r,
        items,
        scores,
        comments,
        previous,
        other_clients: others,
        responses,
        drafts,
    } = state.store.round_results(ws, round_id).await?;
    if r.business_id != business_id {
        return Err(AppError::not_found("audit round"));
    }
    let items: Vec<ReportItem> = items
        .into_iter()
        .map(|i| ReportItem {
            id: i.id,
            phase: i.phase,
            text: i.text,
            moment_id: i.moment_id,
            key: i.template_item_id,
        })
        .collect();
    let scores: Vec<ScoreRow> = scores
        .into_iter()
        .map(|s| ScoreRow {
            item_id: s.item_id,
            branch_id: s.branch_id,
            group: s.group,
            score: s.score,
        })
        .collect();
    let (previous, prev_means) = match previous {
        Some((p, means)) => (Some(p), means),
        None => (None, HashMap::new()),
    };
    let report = report(&items, &scores, &r.branch_ids, &prev_means).with_comments(&comments);
    let mut keys: Vec<Id> = others.iter().flat_map(|m| m.keys().copied()).collect();
    keys.sort_unstable();
    keys.dedup();
    let benchmarks = keys
        .into_iter()
        .filter_map(|k| {
            let means: Vec<f64> = others.iter().filter_map(|m| m.get(&k).copied()).collect();
            mot_core::audit::benchmark(&means).map(|b| (k, b))
        })
        .collect();
    Ok(RoundReport {
        round: r,
        report,
        responses,
        drafts,
        previous,
        benchmarks,
        other_clients: others.len(),
    })
}

/// A round's report as a file to download: `csv`, `xlsx` or `pdf` (for the
/// page and the JSON API alike).
/// The round's branches, in the report's order, with their names.
pub fn branch_names(rr: &RoundReport, branches: &[mot_store::Branch]) -> Vec<(Id, String)> {
    rr.report
        .branches
        .iter()
        .filter_map(|(id, _)| {
            branches
                .iter()
                .find(|b| b.id == *id)
                .map(|b| (b.id, b.name.clone()))
        })
        .collect()
}

/// The round's report as the exports read it.
pub fn audit_doc<'a>(
    business: &'a str,
    rr: &'a RoundReport,
    names: &'a [(Id, String)],
) -> mot_export::audit_report::AuditDoc<'a> {
    mot_export::audit_report::AuditDoc {
        business,
        round: &rr.round.name,
        opens_on: rr.round.opens_on,
        closes_on: rr.round.closes_on,
        branches: names,
        report: &rr.report,
        responses: rr.responses,
        drafts: rr.drafts,
    }
}

pub async fn results_download(
    state: &AppState,
    ws: Id,
    rr: &RoundReport,
    branches: &[mot_store::Branch],
    ext: &str,
) -> Result<Response, AppError> {
    let r = &rr.round;
    let business = state.store.business(ws, r.business_id).await?;
    let look = crate::web::brand::look(state, ws).await?;
    let names = branch_names(rr, branches);
    let doc = audit_doc(&business.name, rr, &names);
    let safe: String = r
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let disposition = format!(
        "attachment; filename=\"audit-{}.{ext}\"",
        safe.trim_matches('-')
    );
    let (mime, body) = match ext {
        "csv" => (
            "text/csv; charset=utf-8",
            mot_export::audit_report::audit_csv(&doc, &look),
        ),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            mot_export::audit_report::audit_xlsx(&doc, &look)
                .map_err(|e| AppError::internal(&e))?,
        ),
        "pdf" => (
            "application/pdf",
            mot_export::audit_report::audit_pdf(&doc, &look).map_err(|e| AppError::internal(&e))?,
        ),
        _ => {
            return Err(AppError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                crate::t!("audit-no-download"),
            ))
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
