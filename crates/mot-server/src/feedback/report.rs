//! A journey's customer feedback report to take away: the figures of every
//! moment and branch over a period, the gaps, what the trends say now and
//! the newest comments, as PDF, CSV or XLSX (made by
//! `mot_export::feedback_report` in the reader's language).

use crate::auth::Ident;
use crate::feedback::service::{journey_figures, DayRange};
use crate::state::AppState;
use crate::web::error::AppError;
use mot_core::feedback::trend::{date_of, day_number, trend, Period};
use mot_core::Id;
use mot_export::feedback_report::{
    report_csv, report_pdf, report_xlsx, FeedbackReport, MomentFigures, ReportComment,
};

/// How many months the report's month-by-month table shows (this one
/// and those before it).
pub const TREND_MONTHS: usize = 6;

/// How many comments the report shows: the newest counted ones of the period.
pub const REPORT_COMMENTS: u32 = 20;

/// The formats the report comes in, and their content types.
fn content_type(format: &str) -> Option<&'static str> {
    match format {
        "pdf" => Some("application/pdf"),
        "csv" => Some("text/csv; charset=utf-8"),
        "xlsx" => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        _ => None,
    }
}

/// What a journey's feedback report holds, owned (see [`Report::doc`]).
pub struct Report {
    business: String,
    journey: String,
    first_day: i64,
    last_day: i64,
    columns: Vec<(Option<Id>, String)>,
    moments: Vec<MomentFigures>,
    comments: Vec<ReportComment>,
    months: Vec<time::Date>,
}

impl Report {
    /// The report as the exports read it.
    pub fn doc(&self) -> FeedbackReport<'_> {
        FeedbackReport {
            business: &self.business,
            journey: &self.journey,
            from: date_of(self.first_day),
            to: date_of(self.last_day),
            made_at: time::OffsetDateTime::now_utc(),
            branches: &self.columns,
            moments: &self.moments,
            comments: &self.comments,
            months: &self.months,
        }
    }

    /// Whether any customer answered in the period.
    pub fn has_answers(&self) -> bool {
        self.moments.iter().any(|m| m.all.total() > 0)
    }
}

/// A journey's feedback report over `range` (the feedback page's), for
/// everyone in the workspace. Flagged answers count in no figure and show in no comment;
/// no contact address is read.
pub async fn report(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    range: DayRange,
) -> Result<Report, AppError> {
    // The journey is found readable here.
    let figures = journey_figures(state, me, journey_id, range).await?;
    let j = state.store.journey(me.workspace_id, journey_id).await?;
    let business = state.store.business(me.workspace_id, j.business_id).await?;
    let branches = state.store.branches(me.workspace_id, j.business_id).await?;
    let (first_day, last_day) = (range.from, range.to);

    let branch_name = |id: Option<Id>| super::service::answered_branch_label(&branches, id);
    // The branch columns: answers at a link for every branch (when there
    // are any), then every branch of the business in its order.
    let mut columns: Vec<(Option<Id>, String)> = Vec::new();
    if figures
        .iter()
        .any(|m| m.branches.iter().any(|(b, _)| b.is_none()))
    {
        columns.push((None, branch_name(None)));
    }
    columns.extend(branches.iter().map(|b| (Some(b.id), b.name.clone())));

    // The newest counted comments of the period by the day they were
    // given (an import of older ones does not come first), without addresses.
    let filter = mot_store::CommentFilter {
        flagged: false,
        contacts: false,
        since_day: Some(first_day),
        until_day: Some(last_day),
        ..mot_store::CommentFilter::default()
    };
    let comments: Vec<ReportComment> = state
        .store
        .feedback_comments(
            me.workspace_id,
            journey_id,
            &filter,
            crate::feedback::service::COMMENTS_PAGE_MAX,
        )
        .await?
        .into_iter()
        .filter(|c| !c.flagged)
        .map(|c| (mot_core::date::of_millis(c.created_at), c))
        .take(REPORT_COMMENTS as usize)
        .map(|(day, c)| ReportComment {
            day,
            moment: figures
                .iter()
                .find(|m| m.moment.id == c.moment_id)
                .map_or_else(String::new, |m| m.moment.title.clone()),
            branch: branch_name(c.branch_id),
            verdict: c.verdict,
            reason: c.reason.unwrap_or_default(),
            comment: c.comment,
        })
        .collect();

    // Month by month over the TREND_MONTHS months up to the period's end,
    // from the daily roll-ups (one query for the journey), as the trend
    // page counts them.
    let to = date_of(last_day);
    let mut from = Period::Month.start(to);
    for _ in 1..TREND_MONTHS {
        from = Period::Month.start(from - time::Duration::days(1));
    }
    let days = state
        .store
        .feedback_days(me.workspace_id, journey_id, (day_number(from), last_day))
        .await?;
    let months: Vec<time::Date> = trend(&[], Period::Month, from, to)
        .iter()
        .map(|p| p.start)
        .collect();
    let moments: Vec<MomentFigures> = figures
        .into_iter()
        .map(|m| {
            let mine: Vec<(i64, mot_core::feedback::Tally)> = days
                .iter()
                .filter(|(id, _, _)| *id == m.moment.id)
                .map(|(_, d, t)| (*d, *t))
                .collect();
            MomentFigures {
                title: m.moment.title,
                all: m.all,
                branches: m.branches,
                team: m.team,
                gap: m.gap,
                alerts: m.alerts,
                by_month: trend(&mine, Period::Month, from, to)
                    .into_iter()
                    .map(|p| p.tally)
                    .collect(),
            }
        })
        .collect();
    Ok(Report {
        business: business.name,
        journey: j.name,
        first_day,
        last_day,
        columns,
        moments,
        comments,
        months,
    })
}

/// A journey's feedback report ([`report`]) as `format` (`pdf`, `csv` or
/// `xlsx`): the file's bytes and its content type.
pub async fn report_file(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    range: DayRange,
    format: &str,
) -> Result<(Vec<u8>, &'static str), AppError> {
    let mime = content_type(format).ok_or_else(|| AppError::not_found("export format"))?;
    let report = report(state, me, journey_id, range).await?;
    let doc = report.doc();
    let look = crate::web::brand::look(state, me.workspace_id).await?;
    let bytes = match format {
        "pdf" => report_pdf(&doc, &look),
        "xlsx" => report_xlsx(&doc, &look),
        _ => Ok(report_csv(&doc, &look)),
    }
    .map_err(|e| AppError::internal(&e))?;
    Ok((bytes, mime))
}
