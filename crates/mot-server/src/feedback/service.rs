//! What the feedback pages and its API do: asking customers about
//! a moment, taking their answers, and the figures of a journey.

use crate::auth::Ident;
use crate::state::AppState;
use crate::web::error::AppError;
use mot_core::feedback::trend::{alerts, date_of, day_number, trend, Alert, Period, TrendPoint};
use mot_core::feedback::{self, Answer, Tally};
use mot_core::{Id, Moment};
use mot_store::{FeedbackPoint, PointView};

/// The feedback point that asks customers about a moment of a journey at a
/// branch (`None`: every branch), made on first asking (owners and
/// facilitators).
pub async fn ask(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    moment_id: Id,
    branch_id: Option<Id>,
) -> Result<FeedbackPoint, AppError> {
    me.actor.may_manage()?;
    let point = state
        .store
        .feedback_point(me.workspace_id, moment_id, branch_id)
        .await?;
    if point.journey_id != journey_id {
        return Err(mot_store::StoreError::NotFound("moment").into());
    }
    Ok(point)
}

/// A feedback point, for those who may hand it out (owners and facilitators).
pub async fn point(state: &AppState, me: &Ident, id: Id) -> Result<FeedbackPoint, AppError> {
    me.actor.may_manage()?;
    Ok(state
        .store
        .feedback_point_by_id(me.workspace_id, id)
        .await?)
}

/// Sets the reasons a point's moment offers, one per line, on each of its
/// links and in surveys (owners and facilitators).
pub async fn set_reasons(
    state: &AppState,
    me: &Ident,
    id: Id,
    lines: &str,
) -> Result<FeedbackPoint, AppError> {
    me.actor.may_manage()?;
    let lines: Vec<&str> = lines.lines().collect();
    let reasons = feedback::reasons(&lines)?;
    Ok(state
        .store
        .set_feedback_reasons(me.workspace_id, id, &reasons)
        .await?)
}

/// A branch's name for the team: "every branch" for `None` (a link that
/// asks every branch), empty for a branch no longer in the list.
pub fn branch_label(branches: &[mot_store::Branch], id: Option<Id>) -> String {
    match id {
        None => crate::t!("feedback-every-branch").to_string(),
        Some(b) => branches
            .iter()
            .find(|x| x.id == b)
            .map_or_else(String::new, |x| x.name.clone()),
    }
}

/// The branch an answer or a tally is of, as tables and files name it:
/// its name, or for branch 0 (answered through a link for every branch,
/// or imported without a branch) that none was named, not "every branch",
/// which a table beside the branches would read as their total.
pub fn answered_branch_label(branches: &[mot_store::Branch], id: Option<Id>) -> String {
    match id {
        None => crate::t!("feedback-no-branch").to_string(),
        Some(_) => branch_label(branches, id),
    }
}

/// [`branch_label`] of one branch of a business, read from the store.
pub async fn branch_label_of(
    state: &AppState,
    me: &Ident,
    business_id: Id,
    id: Option<Id>,
) -> Result<String, AppError> {
    let branches = match id {
        None => Vec::new(),
        Some(_) => state.store.branches(me.workspace_id, business_id).await?,
    };
    Ok(branch_label(&branches, id))
}

/// A journey whose customer figures `me` may read (everyone in the
/// workspace; a guest of another board finds nothing).
pub(crate) async fn readable_journey(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
) -> Result<mot_core::Journey, AppError> {
    if !me.actor.may_view_journey(journey_id) {
        return Err(mot_store::StoreError::NotFound("journey").into());
    }
    Ok(state.store.journey(me.workspace_id, journey_id).await?)
}

/// The days a trend covers, ending today: 26 weeks, or 24 months.
pub(crate) fn trend_range(period: Period) -> (time::Date, time::Date) {
    let to = date_of(mot_store::feedback_today());
    let back = match period {
        Period::Week => 26 * 7 - 1,
        Period::Month => 730,
    };
    (period.start(to - time::Duration::days(back)), to)
}

/// A moment's answers over time, by week or month, and what they say now.
pub struct MomentTrend {
    pub moment: Moment,
    /// The business's branches, to pick one.
    pub branches: Vec<mot_store::Branch>,
    pub points: Vec<TrendPoint>,
    pub alerts: Vec<Alert>,
}

/// A moment's answers over time, every branch together or one branch's
/// (`Some(0)`: the links that ask every branch), by week or month, and
/// what the trend says now (everyone in the workspace may read it). A
/// branch not of the journey's business is not found.
pub async fn moment_trend(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    moment_id: Id,
    (period, branch): (Period, Option<Id>),
) -> Result<MomentTrend, AppError> {
    let moment = state.store.moment(me.workspace_id, moment_id).await?;
    if moment.journey_id != journey_id || !me.actor.may_view_journey(journey_id) {
        return Err(mot_store::StoreError::NotFound("moment").into());
    }
    let journey = state.store.journey(me.workspace_id, journey_id).await?;
    let branches = state
        .store
        .branches(me.workspace_id, journey.business_id)
        .await?;
    if let Some(b) = branch.filter(|b| *b != 0) {
        if !branches.iter().any(|x| x.id == b) {
            return Err(AppError::not_found("branch"));
        }
    }
    let (from, to) = trend_range(period);
    let days = state
        .store
        .feedback_moment_days(
            me.workspace_id,
            moment_id,
            branch,
            (day_number(from), day_number(to)),
        )
        .await?;
    let points = trend(&days, period, from, to);
    let alerts = alerts(&points);
    Ok(MomentTrend {
        moment,
        branches,
        points,
        alerts,
    })
}

/// A point's printable sheet (four A6 table cards, or an A4 poster) in
/// the request's language, for those who may hand it out; `base` is the
/// site's address the link starts with.
pub async fn sheet(
    state: &AppState,
    me: &Ident,
    id: Id,
    base: &str,
    size: mot_export::feedback_sheet::SheetSize,
) -> Result<Vec<u8>, AppError> {
    let p = point(state, me, id).await?;
    let moment = state.store.moment(me.workspace_id, p.moment_id).await?;
    let business = state.store.business(me.workspace_id, p.business_id).await?;
    let url = format!("{base}/f/{}", p.token);
    let question = if p.question.is_empty() {
        crate::t!("feedback-question", moment = moment.title.as_str())
    } else {
        p.question.clone()
    };
    let qr = crate::web::qr_modules(&url)?;
    let sheet = mot_export::feedback_sheet::Sheet {
        business: &business.name,
        question: &question,
        url: &url,
        qr: &qr,
        size,
    };
    Ok(mot_export::feedback_sheet::to_pdf(
        &sheet,
        &crate::web::brand::look(state, me.workspace_id).await?,
    ))
}

/// The most answers an XLSX file holds (it is made in memory); the CSV
/// file is written page by page and holds every answer.
pub const EXPORT_MAX: u32 = 100_000;

/// The answers a CSV file's page holds.
const CSV_PAGE: u32 = 5_000;

/// A journey's answers over `range` as a CSV or XLSX file
/// (`format`), with the moments' titles and the branches' names, for
/// everyone in the workspace; the file's body and its content type. The
/// CSV file is written page by page as it is sent (any number of answers,
/// in little memory); an XLSX file of more than [`EXPORT_MAX`] answers is
/// refused with a word on the CSV file.
pub async fn answers_file(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    range: DayRange,
    format: &str,
) -> Result<(axum::body::Body, &'static str), AppError> {
    use mot_export::feedback_answers::{csv_part, to_xlsx, AnswerRow};
    if !matches!(format, "csv" | "xlsx") {
        return Err(AppError::not_found("export format"));
    }
    let j = readable_journey(state, me, journey_id).await?;
    let titles: std::collections::HashMap<Id, String> = state
        .store
        .moments(me.workspace_id, journey_id)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    let branches = state.store.branches(me.workspace_id, j.business_id).await?;
    // Named now: the words of the request's language are not at hand once
    // the body is being sent.
    let mut branch_names: std::collections::HashMap<Id, String> = branches
        .iter()
        .map(|b| (b.id, branch_label(&branches, Some(b.id))))
        .collect();
    branch_names.insert(0, answered_branch_label(&branches, None));
    let row = move |a: mot_store::FeedbackComment| AnswerRow {
        day: mot_core::date::of_millis(a.created_at),
        moment: titles.get(&a.moment_id).cloned().unwrap_or_default(),
        branch: branch_names
            .get(&a.branch_id.unwrap_or(0))
            .cloned()
            .unwrap_or_default(),
        verdict: a.verdict,
        reason: a.reason.unwrap_or_default(),
        comment: a.comment,
        flagged: a.flagged,
    };
    let look = crate::web::brand::look(state, me.workspace_id).await?;
    let (ws, range) = (me.workspace_id, (range.from, range.to));
    if format == "xlsx" {
        let answers = state
            .store
            .feedback_answers_after(ws, journey_id, range, 0, EXPORT_MAX + 1)
            .await?;
        if answers.len() > EXPORT_MAX as usize {
            return Err(AppError::invalid(crate::t!(
                "feedback-xlsx-too-many",
                max = i64::from(EXPORT_MAX)
            )));
        }
        let rows: Vec<AnswerRow> = answers.into_iter().map(row).collect();
        let bytes = to_xlsx(&rows, &look).map_err(|e| AppError::internal(&e))?;
        return Ok((
            bytes.into(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ));
    }
    // The CSV file: a page of answers at a time, after the last one sent.
    let store = state.store.clone();
    let (row, look) = (std::sync::Arc::new(row), std::sync::Arc::new(look));
    let pages = futures_util::stream::try_unfold(Some(0), move |after| {
        let (store, row, look) = (store.clone(), row.clone(), look.clone());
        async move {
            let Some(after) = after else {
                return Ok::<_, std::io::Error>(None);
            };
            let page = store
                .feedback_answers_after(ws, journey_id, range, after, CSV_PAGE)
                .await
                .map_err(std::io::Error::other)?;
            let next = (page.len() == CSV_PAGE as usize)
                .then(|| page.last().map(|a| a.id))
                .flatten();
            let rows: Vec<AnswerRow> = page.into_iter().map(|a| row(a)).collect();
            let bytes = csv_part(&rows, &look, after == 0);
            Ok(Some((axum::body::Bytes::from(bytes), next)))
        }
    });
    Ok((
        axum::body::Body::from_stream(pages),
        "text/csv; charset=utf-8",
    ))
}

/// What a customer sent from the public page.
pub struct Sent<'a> {
    pub verdict: &'a str,
    pub reason: &'a str,
    pub comment: &'a str,
    /// The form's own request id: the same form sent twice counts once.
    pub request_key: &'a str,
    /// The hidden field only robots fill in.
    pub honeypot: &'a str,
    /// "You may contact me", and the address that goes with it.
    pub contact_ok: bool,
    pub contact_email: &'a str,
}

/// Keeps a customer's answer. A robot's answer (the hidden field filled
/// in) is thanked like any other, kept flagged, and counted by no figure
/// unless an owner says it is real. Answers `true` when the answer is new.
pub async fn answer(state: &AppState, view: &PointView, sent: Sent<'_>) -> Result<bool, AppError> {
    use crate::web::i18n::customer_error;
    let answer = Answer::new(sent.verdict, sent.reason, sent.comment, &view.point.reasons)
        .map_err(customer_error)?;
    let with = mot_store::AnswerWith {
        contact: feedback::contact(sent.contact_ok, sent.contact_email).map_err(customer_error)?,
        // A robot filled in the hidden field: thanked, kept, not counted.
        flag: (!sent.honeypot.is_empty()).then(|| "honeypot".to_string()),
        at: 0,
    };
    let key = match sent.request_key.trim() {
        k if !k.is_empty() && k.len() <= 64 => k.to_string(),
        _ => mot_store::random_token(),
    };
    let lang = crate::web::i18n::lang().code();
    Ok(state
        .store
        .answer_feedback_with(&view.point.token, answer, lang, &key, with)
        .await?)
}

/// Flags an answer (no figure counts it) or counts a flagged one after all
/// (owners and facilitators).
pub async fn set_flag(
    state: &AppState,
    me: &Ident,
    answer_id: Id,
    flagged: bool,
) -> Result<(), AppError> {
    me.actor.may_manage()?;
    Ok(state
        .store
        .set_feedback_flag(me.workspace_id, answer_id, flagged)
        .await?)
}

/// One row of a journey's figures: a moment and how its customers answered
/// (every branch together), with the branches apart.
pub struct MomentFigures {
    pub moment: Moment,
    pub all: Tally,
    pub branches: Vec<(Option<Id>, Tally)>,
    /// The team's latest agreed rating, and its latest audit score.
    pub team: Option<mot_core::session::Rating>,
    pub audit: Option<f64>,
    /// Where the team and these customers disagree, beyond chance.
    pub gap: Option<feedback::Gap>,
    /// What the moment's weekly trend says now.
    pub alerts: Vec<Alert>,
    /// The experience the business wants customers to have here (the
    /// audit standard's), if it set one.
    pub standard: Option<String>,
    /// How far apart its branches are (two or more with enough answers).
    pub consistency: Option<feedback::Consistency>,
}

/// The customers' figures of every moment of a journey over `range`
/// (everyone in the workspace may read them).
pub async fn journey_figures(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    range: DayRange,
) -> Result<Vec<MomentFigures>, AppError> {
    let journey = readable_journey(state, me, journey_id).await?;
    Ok(figures_of(state, me.workspace_id, &journey, range).await?.0)
}

/// How recent a kept alert is to count as what a moment's trend says now:
/// about this week or the one before.
const ALERT_RECENT_DAYS: i64 = 13;

/// A readable journey's figures over `range`, and its kept
/// alerts (which the rows take theirs from). One read of the running
/// totals (in two halves at once) gives every moment and branch over the
/// period; the alerts are
/// what the background check kept. The reads are independent and run at
/// once (on PostgreSQL each on its own connection).
async fn figures_of(
    state: &AppState,
    ws: Id,
    journey: &mot_core::Journey,
    range: DayRange,
) -> mot_store::Result<(Vec<MomentFigures>, Vec<mot_store::FeedbackAlert>)> {
    let store = &state.store;
    let journey_id = journey.id;
    let today = mot_store::feedback_today();
    let (moments, extras, tallies, standards, kept) = tokio::try_join!(
        store.moments(ws, journey_id),
        store.journey_team_and_audit(ws, journey_id),
        store.feedback_tallies(ws, journey_id, (range.from, range.to)),
        store.standards(ws, journey_id),
        store.feedback_alerts(ws, journey_id),
    )?;
    let rows = moments
        .into_iter()
        .map(|m| {
            let branches: Vec<(Option<Id>, Tally)> = tallies
                .iter()
                .filter(|t| t.moment_id == m.id)
                .map(|t| (t.branch_id, t.tally))
                .collect();
            let mut all = Tally::default();
            for (_, t) in &branches {
                all.merge(t);
            }
            let e = extras.get(&m.id).copied().unwrap_or_default();
            let mut alerts: Vec<Alert> = kept
                .iter()
                .filter(|a| {
                    a.moment_id == m.id
                        && a.branch_id.is_none()
                        && a.state != mot_core::feedback::alert::AlertState::Dismissed
                        && a.last_start >= today - ALERT_RECENT_DAYS
                })
                .map(|a| a.kind)
                .collect();
            alerts.sort_by_key(|a| *a as u8);
            alerts.dedup();
            MomentFigures {
                consistency: feedback::consistency(
                    branches.iter().filter(|(b, _)| b.is_some()).map(|(_, t)| t),
                ),
                standard: standards
                    .iter()
                    .find(|s| s.moment_id == m.id && !s.experience.trim().is_empty())
                    .map(|s| s.experience.clone()),
                alerts,
                gap: e.team_rating.and_then(|r| feedback::gap(r, &all)),
                team: e.team_rating,
                audit: e.latest_score,
                moment: m,
                all,
                branches,
            }
        })
        .collect();
    Ok((rows, kept))
}

/// Everything a journey's feedback page shows.
pub struct JourneyPage {
    pub journey: mot_core::Journey,
    pub rows: Vec<MomentFigures>,
    pub alerts: Vec<mot_store::FeedbackAlert>,
    pub points: Vec<FeedbackPoint>,
    pub surveys: Vec<mot_store::Survey>,
    pub branches: Vec<mot_store::Branch>,
    /// The period the figures cover.
    pub range: DayRange,
    /// Whether the reader may hand out links and act on alerts.
    pub can_manage: bool,
    /// The business's people by name, whom an action opened from an alert
    /// may be given to: read only for one who may decide an open alert.
    pub people: Vec<String>,
    /// The day of the journey's latest session, which an action opened from
    /// an alert joins: read with `people`.
    pub latest_session_on: Option<time::Date>,
}

/// A journey's feedback page over `range`, for everyone in the workspace.
pub async fn journey_page(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    range: DayRange,
) -> Result<JourneyPage, AppError> {
    let journey = readable_journey(state, me, journey_id).await?;
    let ws = me.workspace_id;
    let store = &state.store;
    // Every read at once: the figures' and the page's own.
    let ((rows, alerts), points, surveys, branches) = tokio::try_join!(
        figures_of(state, ws, &journey, range),
        store.feedback_points(ws, journey_id),
        store.feedback_surveys(ws, journey_id),
        store.branches(ws, journey.business_id),
    )?;
    crate::feedback::alerts::check_soon(state, ws, journey_id);
    let can_manage = me.may_manage();
    let mut people = Vec::new();
    let mut latest_session_on = None;
    if can_manage
        && alerts
            .iter()
            .any(|a| a.state == mot_core::feedback::alert::AlertState::Open)
    {
        let (members, sessions) = tokio::try_join!(
            store.members_of_business(ws, journey.business_id),
            store.sessions(ws, journey_id),
        )?;
        people = members.into_iter().map(|(u, _)| u.name).collect();
        people.sort();
        people.dedup();
        // Newest first, as the action's session is the latest one.
        latest_session_on = sessions.first().map(|s| s.held_on);
    }
    Ok(JourneyPage {
        people,
        latest_session_on,
        points,
        surveys,
        branches,
        range,
        can_manage,
        journey,
        rows,
        alerts,
    })
}

/// How many comments a page of them shows.
pub const COMMENTS_PER_PAGE: u32 = 50;

// ---- what the JSON API asks for (and the comment filter the page shares) ----

/// A journey's feedback points, oldest first, for those who may hand them
/// out (owners and facilitators); another workspace's journey is not found.
pub async fn points(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
) -> Result<Vec<FeedbackPoint>, AppError> {
    me.actor.may_manage()?;
    state.store.journey(me.workspace_id, journey_id).await?;
    Ok(state
        .store
        .feedback_points(me.workspace_id, journey_id)
        .await?)
}

/// Sets the reasons a point's moment offers from a list (the API's), as
/// [`set_reasons`] does from lines (see [`feedback::reason_list`]).
pub async fn set_reason_list(
    state: &AppState,
    me: &Ident,
    id: Id,
    list: &[String],
) -> Result<FeedbackPoint, AppError> {
    me.actor.may_manage()?;
    let reasons = feedback::reason_list(list)?;
    Ok(state
        .store
        .set_feedback_reasons(me.workspace_id, id, &reasons)
        .await?)
}

/// What an owner changes on a point: left `None`, a thing stays as it is.
#[derive(Default)]
pub struct PointChange<'a> {
    /// The owner's own wording of the question; empty asks the standard one.
    pub question: Option<&'a str>,
    /// `false` closes the link, `true` opens it again.
    pub open: Option<bool>,
}

/// Changes a point's question or closes (reopens) its link, owners and
/// facilitators only; all that was sent is checked before anything is kept.
pub async fn change_point(
    state: &AppState,
    me: &Ident,
    id: Id,
    change: PointChange<'_>,
) -> Result<FeedbackPoint, AppError> {
    me.actor.may_manage()?;
    let question = change.question.map(feedback::question).transpose()?;
    let mut point = state
        .store
        .feedback_point_by_id(me.workspace_id, id)
        .await?;
    if let Some(q) = question {
        point = state
            .store
            .set_feedback_question(me.workspace_id, id, &q)
            .await?;
    }
    if let Some(open) = change.open {
        point = state
            .store
            .set_feedback_point_open(me.workspace_id, id, open)
            .await?;
    }
    Ok(point)
}

pub use mot_core::feedback::{DayRange, PERIOD_DAYS, PERIOD_DAYS_MAX};

/// The period a request asks for, by the last `days` days or by dates
/// (`from`, `to`), as core's [`feedback::day_range`] reads them up to today.
pub fn period(days: Option<i64>, dates: (&str, &str)) -> Result<DayRange, AppError> {
    Ok(feedback::day_range(
        days,
        dates,
        mot_store::feedback_today(),
    )?)
}

/// Which comments to read, as a page's query string or the API's spell it:
/// each empty for "any".
#[derive(Debug, Clone, Copy, Default)]
pub struct CommentParams<'a> {
    /// A moment's id.
    pub moment: &'a str,
    /// A branch's id, or `all` for the points that ask every branch.
    pub branch: &'a str,
    /// A verdict's key (`worse`, `as_expected`, `better`).
    pub verdict: &'a str,
    pub reason: &'a str,
    /// Words the comment contains (the first 100 characters count).
    pub q: &'a str,
    /// Only comments older than this one (the next page).
    pub before: &'a str,
    /// Only answers of the last this many days (today among them).
    pub days: &'a str,
    /// The flagged answers instead of the counted ones.
    pub flagged: bool,
    /// Every counted answer, with words or without, not only comments.
    pub every: bool,
}

/// A branch as a query names it: its id, `all` for the links that ask
/// every branch (`Some(0)`), empty for every branch together (`None`).
pub fn branch_param(value: &str) -> Result<Option<Id>, AppError> {
    match value.trim() {
        "all" => Ok(Some(0)),
        b => crate::web::optional_id("branch", b),
    }
}

/// The filter `p` asks for; a value that is no id or verdict is refused.
pub fn comment_filter(p: &CommentParams<'_>) -> Result<mot_store::CommentFilter, AppError> {
    use crate::web::optional_id;
    let verdict = match p.verdict.trim() {
        "" => None,
        v => Some(feedback::Verdict::from_key(v).ok_or_else(|| {
            AppError::from(mot_core::RuleError::invalid(
                "verdict",
                mot_core::Msg::new("rule-feedback-verdict"),
            ))
        })?),
    };
    let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let since_day = match p.days.trim() {
        "" => None,
        d => {
            let days = d
                .parse()
                .map_err(|_| AppError::invalid(crate::t!("feedback-bad-period")))?;
            Some(period(Some(days), ("", ""))?.from)
        }
    };
    Ok(mot_store::CommentFilter {
        moment_id: optional_id("moment", p.moment)?,
        branch_id: branch_param(p.branch)?,
        verdict,
        reason: text(p.reason),
        search: text(p.q).map(|q| q.chars().take(100).collect()),
        before: optional_id("before", p.before)?,
        since_day,
        until_day: None,
        flagged: p.flagged,
        every: p.every,
        contacts: false,
    })
}

/// The most comments one answer of the API holds.
pub const COMMENTS_PAGE_MAX: u32 = 200;

/// A page of comments, and where the next (older) one starts.
pub struct CommentsPage {
    pub comments: Vec<mot_store::FeedbackComment>,
    /// The last comment's id when the page is full (pass it as `before`).
    pub next_before: Option<Id>,
}

/// A journey's customer comments as [`comments`] reads them, `limit` at a
/// time ([`COMMENTS_PER_PAGE`] when none is asked for, at most
/// [`COMMENTS_PAGE_MAX`]), newest first, by key-set.
pub async fn comments_page(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    params: &CommentParams<'_>,
    limit: Option<i64>,
) -> Result<CommentsPage, AppError> {
    let (filter, limit) = comment_request(me, params, limit)?;
    let journey = readable_journey(state, me, journey_id).await?;
    // Only what the filter names is read to check it.
    let moments = match filter.moment_id {
        Some(_) => state.store.moments(me.workspace_id, journey_id).await?,
        None => Vec::new(),
    };
    let branches = match filter.branch_id.filter(|b| *b != 0) {
        Some(_) => {
            state
                .store
                .branches(me.workspace_id, journey.business_id)
                .await?
        }
        None => Vec::new(),
    };
    known_to_journey(&filter, &moments, &branches)?;
    read_comments(state, me, journey_id, &filter, limit).await
}

/// What the comments' page shows: the page of comments, and the journey's
/// moments and branches its filters list (read once, for both).
pub struct CommentsView {
    pub journey: mot_core::Journey,
    pub moments: Vec<Moment>,
    pub branches: Vec<mot_store::Branch>,
    pub filter: mot_store::CommentFilter,
    pub found: CommentsPage,
}

/// [`comments_page`] for the web page, with what its filters list.
pub async fn comments_view(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    params: &CommentParams<'_>,
) -> Result<CommentsView, AppError> {
    let (filter, limit) = comment_request(me, params, None)?;
    let journey = readable_journey(state, me, journey_id).await?;
    let moments = state.store.moments(me.workspace_id, journey_id).await?;
    let branches = state
        .store
        .branches(me.workspace_id, journey.business_id)
        .await?;
    known_to_journey(&filter, &moments, &branches)?;
    let found = read_comments(state, me, journey_id, &filter, limit).await?;
    Ok(CommentsView {
        journey,
        moments,
        branches,
        filter,
        found,
    })
}

/// The filter and page size a request for comments asks, or why not.
fn comment_request(
    me: &Ident,
    params: &CommentParams<'_>,
    limit: Option<i64>,
) -> Result<(mot_store::CommentFilter, u32), AppError> {
    let mut filter = comment_filter(params)?;
    // Who agreed to be contacted is for those who act on it.
    filter.contacts = me.actor.may_manage().is_ok();
    let limit = match limit {
        None => COMMENTS_PER_PAGE,
        Some(l) if (1..=i64::from(COMMENTS_PAGE_MAX)).contains(&l) => l as u32,
        Some(_) => {
            return Err(AppError::invalid(crate::t!(
                "error-field",
                field = "limit",
                problem = crate::t!("board-api-limit", max = COMMENTS_PAGE_MAX),
            )))
        }
    };
    Ok((filter, limit))
}

/// A moment or branch that is not the journey's is a 404, as on the
/// trend's page, not an empty list that reads as "no comments". `moments`
/// and `branches` need hold the journey's only where the filter names one.
fn known_to_journey(
    filter: &mot_store::CommentFilter,
    moments: &[Moment],
    branches: &[mot_store::Branch],
) -> Result<(), AppError> {
    if let Some(m) = filter.moment_id {
        if !moments.iter().any(|x| x.id == m) {
            return Err(mot_store::StoreError::NotFound("moment").into());
        }
    }
    if let Some(b) = filter.branch_id.filter(|b| *b != 0) {
        if !branches.iter().any(|x| x.id == b) {
            return Err(mot_store::StoreError::NotFound("branch").into());
        }
    }
    Ok(())
}

async fn read_comments(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    filter: &mot_store::CommentFilter,
    limit: u32,
) -> Result<CommentsPage, AppError> {
    let comments = state
        .store
        .feedback_comments(me.workspace_id, journey_id, filter, limit)
        .await?;
    let next_before = (comments.len() == limit as usize)
        .then(|| comments.last().map(|c| c.id))
        .flatten();
    Ok(CommentsPage {
        comments,
        next_before,
    })
}
