//! The feedback pages: the customer's question and thanks, a journey's
//! figures, and a feedback point's link and QR code.

use crate::feedback::service::{
    answered_branch_label, branch_label, JourneyPage, MomentFigures, MomentTrend,
};
use crate::feedback::survey_views;
use crate::t;
use crate::web::i18n::{decimal, signed};
use crate::web::layout::{rich, slot};
use maud::{html, Markup};
use mot_core::feedback::trend::{Period, TrendPoint};
use mot_core::feedback::{FeedbackLimits, Gap, GapKind, Interval, Tally, Verdict, MIN_ANSWERS};
use mot_core::{Id, Journey};
use mot_store::{FeedbackPoint, PointView};

pub(crate) fn verdict_word(v: Verdict) -> &'static str {
    mot_i18n::text(crate::web::i18n::lang(), v.word_key())
}

/// The customer's page: one question, three big answers, an optional
/// reason and comment. A plain form: it needs no script.
pub fn question_page(v: &PointView, token: &str, request_key: &str, error: Option<&str>) -> Markup {
    question_page_with(v, token, request_key, (error, &[]), None)
}

/// A proof of work the customer's phone solves before its answer is taken
/// (under a burst; see `feedback::abuse`).
pub struct Proof {
    /// The challenge, as JSON.
    pub challenge: String,
    /// The script that solves it: the `altcha` widget when it is bundled,
    /// else our own `pow.js`.
    pub module: String,
    /// The widget's stylesheet and worker, when it is bundled.
    pub widget: Option<(String, String)>,
}

/// What a customer typed into a form, by field name, shown again when the
/// form is asked again (nothing they did is lost).
pub type Typed<'a> = &'a [(String, String)];

/// The value typed into field `name` (empty when none).
pub(crate) fn typed<'a>(t: Typed<'a>, name: &str) -> &'a str {
    t.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The customer's page; with `proof`, the form carries a challenge its
/// script solves (the `altcha` field), and says without scripts that the
/// link is busy; `sent`: what was typed into a form asked again.
pub fn question_page_with(
    v: &PointView,
    token: &str,
    request_key: &str,
    (error, sent): (Option<&str>, Typed<'_>),
    proof: Option<&Proof>,
) -> Markup {
    let question = if v.point.question.is_empty() {
        t!(
            "feedback-question",
            moment = crate::web::i18n::isolate(&v.moment)
        )
    } else {
        v.point.question.clone()
    };
    html! {
        div.feedback data-token=(token) {
            p.small dir="auto" {
                (v.business)
                @if let Some(b) = &v.branch { (crate::web::i18n::sep()) (b) }
            }
            @if let Some(e) = error { p.error role="alert" { (e) } }
            form #feedback-form method="post" action={"/f/" (token)} {
                input type="hidden" name="_rid" value=(request_key);
                fieldset.verdicts {
                    legend { h1 dir="auto" { (question) } }
                    @for verdict in Verdict::ALL {
                        label class={"verdict v-" (verdict.key())} {
                            input type="radio" name="verdict" value=(verdict.key()) required checked[typed(sent, "verdict") == verdict.key()];
                            span.face aria-hidden="true" { (verdict.face()) }
                            span.word { (verdict_word(verdict)) }
                        }
                    }
                }
                (reason_chips(&v.point.reasons, "reason", typed(sent, "reason")))
                label for="comment" { (t!("feedback-comment-label")) }
                textarea #comment name="comment" dir="auto" rows="3" maxlength=(FeedbackLimits::COMMENT) { (typed(sent, "comment")) }
                (survey_views::contact_fields(&v.business, sent))
                (survey_views::trap())
                @if let Some(p) = proof { (proof_field(p)) }
                button.primary.send type="submit" { (t!("feedback-send")) }
                p #feedback-status role="status" aria-live="polite" {}
            }
            p.small { (t!("feedback-privacy")) }
        }
    }
}

/// The reasons a moment offers, as chips to pick one of (none when it
/// offers none); `name` is the form's field, `chosen` the one picked.
pub(crate) fn reason_chips(reasons: &[String], name: &str, chosen: &str) -> Markup {
    html! {
        @if !reasons.is_empty() {
            fieldset.reasons {
                legend { (t!("feedback-reason-legend")) }
                @for (i, r) in reasons.iter().enumerate() {
                    label.reason {
                        input type="radio" name=(name) value=(r) id={(name) "-" (i)} checked[r == chosen];
                        span dir="auto" { (r) }
                    }
                }
            }
        }
    }
}

/// The challenge in the form: the `altcha` widget (its words in the
/// customer's language), or our own solver's hidden field and status line.
pub(crate) fn proof_field(p: &Proof) -> Markup {
    let words = serde_json::json!({
        "label": t!("feedback-pow-label"),
        "verifying": t!("feedback-pow-verifying"),
        "verified": t!("feedback-pow-verified"),
        "error": t!("feedback-pow-error"),
        "expired": t!("feedback-pow-expired"),
        "waitAlert": t!("feedback-pow-verifying"),
        "verificationRequired": t!("feedback-pow-required"),
    })
    .to_string();
    html! {
        div.pow data-pow-script=(p.module) {
            p.hint { (t!("feedback-pow-intro")) }
            @if let Some((css, worker)) = &p.widget {
                link rel="stylesheet" href=(css);
                altcha-widget challengejson=(p.challenge) name="altcha" auto="onload" hidelogo hidefooter
                    workerurl=(worker) strings=(words) {}
            } @else {
                div.pow-solver data-challenge=(p.challenge) data-verifying=(t!("feedback-pow-verifying"))
                    data-verified=(t!("feedback-pow-verified")) data-error=(t!("feedback-pow-error")) {
                    input type="hidden" name="altcha" value="";
                    p.pow-status role="status" aria-live="polite" {}
                }
            }
            noscript { p.error { (t!("feedback-busy")) } }
        }
    }
}

/// After an answer: thanks, and nothing else to do.
pub fn thanks_page(v: &PointView, token: &str) -> Markup {
    html! {
        div.feedback.thanks data-token=(token) {
            h1 { (t!("feedback-thanks")) }
            p dir="auto" { (t!("feedback-thanks-text", business = v.business.as_str())) }
        }
    }
}

/// What a customer's request was refused for (a link not in use, too many
/// answers at once), said kindly: no way to the staff's sign-in.
pub fn refusal_page(title: &str, message: &str) -> Markup {
    html! {
        div.feedback.thanks.refused {
            h1 { (title) }
            p role="alert" { (message) }
        }
    }
}

/// A share and its interval, as percentages.
fn percent(x: f64) -> String {
    format!("{} %", decimal(100.0 * x, 0))
}

/// A share's 95 % interval, in whole percents: "(15–42 %)".
fn share_range(i: Interval) -> String {
    let whole = |x: f64| decimal(100.0 * x, 0);
    t!(
        "feedback-share-range",
        low = whole(i.low),
        high = whole(i.high)
    )
    .to_string()
}

fn interval(i: Interval) -> String {
    t!(
        "feedback-interval",
        low = signed(i.low),
        high = signed(i.high)
    )
}

/// The same moment at each branch, side by side: one compact row each
/// (the shares, the score with its 95 % interval, the answers), the
/// words in the column heads; scrolls sideways on a narrow screen. Each
/// branch's name links to its own trend (`trend`: the moment's trend page).
fn branch_table(
    branches: &[(Option<Id>, Tally)],
    name: &dyn Fn(Option<Id>) -> String,
    trend: &str,
) -> Markup {
    let too_few = t!("feedback-too-few-short");
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(t!("feedback-by-branch")) {
            table.branches {
                caption.sr-only { (t!("feedback-by-branch")) }
                thead { tr {
                    th scope="col" { (t!("export-audit-col-branch")) }
                    // The score and how many answered first: what a phone
                    // shows before the table scrolls.
                    th scope="col" .num { (t!("feedback-score-head")) }
                    th scope="col" .num { (t!("feedback-answers-head")) }
                    @for v in Verdict::ALL {
                        th scope="col" class={"num v-" (v.key())} { span aria-hidden="true" { (v.face()) } " " (verdict_word(v)) }
                    }
                } }
                tbody {
                    @for (b, t) in branches {
                        tr {
                            th scope="row" dir="auto" {
                                a href={(trend) "?branch=" (b.map_or("all".to_string(), |b| b.to_string()))} { (name(*b)) }
                            }
                            td.num {
                                @if t.enough() {
                                    strong { (signed(t.score().unwrap_or(0.0))) }
                                    @if let Some(i) = t.score_interval() {
                                        br;
                                        span.hint.range { (t!("feedback-range", low = signed(i.low), high = signed(i.high))) }
                                    }
                                } @else { span.too-few { (too_few) } }
                            }
                            td.num { (t.total()) }
                            @for v in Verdict::ALL { td.num { (share_or_count(t, v)) } }
                        }
                    }
                }
            }
        }
    }
}

/// A verdict as [`Tally::shown`] says: a share, or under [`MIN_ANSWERS`]
/// a count.
fn share_or_count(t: &Tally, v: Verdict) -> String {
    match t.shown(v) {
        Some(mot_core::feedback::Shown::Share(s)) => percent(s),
        Some(mot_core::feedback::Shown::Count(n)) => crate::web::i18n::integer(n as i64),
        None => percent(0.0),
    }
}

/// How customers answered: shares, score and interval, or under
/// [`MIN_ANSWERS`] the counts and "too few to tell"; always how many
/// answers stand behind it.
fn figures(t: &Tally) -> Markup {
    let n = t.total();
    html! {
        @if n == 0 {
            span.hint { (t!("feedback-no-answers")) }
        } @else {
            span.shares {
                @for v in Verdict::ALL {
                    span class={"share v-" (v.key())} {
                        span aria-hidden="true" { (v.face()) } " "
                        span.sr-only { (verdict_word(v)) " " }
                        (share_or_count(t, v))
                        // With enough answers, where the share truly lies, 95 % sure (Wilson).
                        @if let (true, Some(i)) = (t.enough(), t.share_interval(v)) {
                            " " span.hint.range { (share_range(i)) }
                        }
                    }
                    " "
                }
            }
            br;
            @if t.enough() {
                strong.score { (t!("feedback-score", score = signed(t.score().unwrap_or(0.0)))) }
                " "
                @if let Some(i) = t.score_interval() { span.hint { (interval(i)) } }
                (crate::web::i18n::sep())
            } @else {
                strong.too-few { (t!("feedback-too-few", min = MIN_ANSWERS as i64)) }
                (crate::web::i18n::sep())
            }
            span.n { (t!("feedback-answers", n = n as i64)) }
        }
    }
}

/// A day number as `YYYY-MM-DD`.
pub(crate) fn day_text(day: i64) -> String {
    mot_core::date::format(mot_core::feedback::trend::date_of(day))
}

/// The forms of a journey's feedback page that were refused, each shown
/// again with what was wrong over what was typed.
#[derive(Default)]
pub struct Refusals<'a> {
    /// The period's form (a number of days): what was wrong.
    pub days: Option<&'a str>,
    /// The dates' form: what was wrong, and the dates as typed.
    pub dates: Option<(&'a str, &'a str, &'a str)>,
    /// The new survey's form: what was wrong, and the form as sent.
    pub survey: Option<(&'a str, Typed<'a>)>,
    /// An alert's "who, and by when" form: which alert, what was wrong, and
    /// the name and date as typed.
    pub alert: Option<AlertRefused<'a>>,
}

impl Refusals<'_> {
    /// Whether any form was refused (the page then answers 422).
    pub fn any(&self) -> bool {
        self.days.is_some() || self.dates.is_some() || self.survey.is_some() || self.alert.is_some()
    }
}

/// An action from an alert refused (a date before the session it joins,
/// say): shown again, open, over what was typed.
pub struct AlertRefused<'a> {
    pub id: Id,
    pub message: &'a str,
    pub owner_name: &'a str,
    pub due_on: &'a str,
}

/// A journey's customer figures, moment by moment, with a way to ask
/// customers about each; a refused form (see [`Refusals`]) over the figures
/// of the usual period.
pub fn journey_page(p: &JourneyPage, csrf: &str, refused: Refusals<'_>) -> Markup {
    let (j, rows, points, branches) = (&p.journey, &p.rows[..], &p.points[..], &p.branches[..]);
    let (range, can_manage, alerts) = (p.range, p.can_manage, &p.alerts[..]);
    let branch_name = |id: Option<Id>| branch_label(branches, id);
    // The period, as the links to its files carry it.
    let period = match range.last {
        Some(d) => format!("days={d}"),
        None => format!("from={}&to={}", day_text(range.from), day_text(range.to)),
    };
    let presets = [30i64, 90, 365, 730];
    let counted: u64 = rows.iter().map(|r| r.all.total()).sum();
    html! {
        p.crumbs { a href={"/j/" (j.id)} dir="auto" { (j.name) } " ›" }
        h1 { (t!("feedback-title")) }
        p { (t!("feedback-intro")) }
        @if let Some(message) = refused.days { p.error role="alert" { (message) } }
        form.inline-form method="get" action={"/j/" (j.id) "/feedback"} {
            label for="days" { (t!("feedback-period")) }
            select #days name="days" data-autosubmit="" {
                @for d in presets {
                    option value=(d) selected[range.last == Some(d)] { (t!("feedback-last-days", days = d)) }
                }
                // Another number of days (from the API or a link): shown as it is.
                @if let Some(d) = range.last.filter(|d| !presets.contains(d)) {
                    option value=(d) selected { (t!("feedback-last-days", days = d)) }
                }
                @if range.last.is_none() {
                    option value="" selected disabled { (t!("feedback-period-between", from = day_text(range.from), to = day_text(range.to))) }
                }
            }
            button type="submit" { (t!("feedback-show")) }
        }
        // Any other period, by its dates: a form of its own, so a preset
        // and dates never come together.
        @let (from, to) = match refused.dates {
            Some((_, from, to)) => (from.to_string(), to.to_string()),
            None => (day_text(range.from), day_text(range.to)),
        };
        details.period-dates open[range.last.is_none() || refused.dates.is_some()] {
            summary { (t!("feedback-period-dates")) }
            @if let Some((message, _, _)) = refused.dates { p.error role="alert" { (message) } }
            form.inline-form method="get" action={"/j/" (j.id) "/feedback"} {
                label for="period-from" { (t!("feedback-period-from")) }
                input #period-from name="from" type="date" required value=(from) max=(day_text(mot_store::feedback_today()));
                label for="period-to" { (t!("feedback-period-to")) }
                input #period-to name="to" type="date" required value=(to) max=(day_text(mot_store::feedback_today()));
                button type="submit" { (t!("feedback-show")) }
            }
        }
        p.downloads {
            (t!("feedback-download")) " "
            a href={"/j/" (j.id) "/feedback/answers.csv?" (period)} { (t!("audit-download-csv")) }
            // An Excel file is made in memory: no link to a file that would
            // be refused (the flagged answers, not counted here, aside).
            @if counted <= u64::from(crate::feedback::service::EXPORT_MAX) {
                (crate::web::i18n::sep())
                a href={"/j/" (j.id) "/feedback/answers.xlsx?" (period)} { (t!("audit-download-excel")) }
            } @else {
                br;
                small { (t!("feedback-xlsx-too-many", max = i64::from(crate::feedback::service::EXPORT_MAX))) }
            }
        }
        p.report-links.downloads {
            (t!("export-feedback-report-download")) " "
            a href={"/j/" (j.id) "/feedback/report.pdf?" (period)} { (t!("audit-download-pdf")) } (crate::web::i18n::sep())
            a href={"/j/" (j.id) "/feedback/report.csv?" (period)} { (t!("audit-download-csv")) } (crate::web::i18n::sep())
            a href={"/j/" (j.id) "/feedback/report.xlsx?" (period)} { (t!("audit-download-excel")) }
        }
        @if can_manage {
            p { a href={"/j/" (j.id) "/feedback/import"} { (t!("feedback-import-link")) } }
        }
        @if rows.is_empty() {
            p.empty { (t!("feedback-no-moments")) }
        } @else {
            (kept_alerts(j, rows, alerts, csrf, can_manage.then_some((&p.people[..], p.latest_session_on)), refused.alert.as_ref()))
            (gaps(rows))
            @if can_manage {
                (survey_views::survey_list(&p.surveys, &branch_name))
                @let moments: Vec<mot_core::Moment> = rows.iter().map(|r| r.moment.clone()).collect();
                (survey_views::new_survey_form(j, (&moments, branches), csrf, refused.survey))
            }
        }
        @for r in rows {
            section.card.moment-feedback id={"m-" (r.moment.id)} {
                h2 dir="auto" { (r.moment.title) }
                p.views {
                    span { (t!("feedback-team")) " " strong { (r.team.map_or(t!("feedback-not-rated"), crate::web::i18n::rating_label)) } }
                    (crate::web::i18n::sep())
                    span { (t!("feedback-audit")) " " strong { (r.audit.map_or_else(|| t!("feedback-not-audited").to_string(), |a| decimal(mot_core::audit::round1(a), 1))) } }
                }
                p {
                    (figures(&r.all)) (crate::web::i18n::sep())
                    a href={"/j/" (j.id) "/feedback/m/" (r.moment.id)} { (t!("feedback-trend")) } (crate::web::i18n::sep())
                    a href={"/j/" (j.id) "/feedback/comments?moment=" (r.moment.id)} { (t!("feedback-read-comments")) }
                }
                @for a in &r.alerts { p.flag { "⚠ " (alert_words(*a)) } }
                @if let Some(std) = &r.standard {
                    p.standard { strong { (t!("feedback-standard")) } " " span dir="auto" { (std) } }
                }
                @if let Some(c) = r.consistency {
                    p class={"consistency" @if c.differ { " flag" }} {
                        @if c.differ { "⚠ " (t!("feedback-branches-differ", low = signed(c.lowest), high = signed(c.highest), n = c.compared as i64)) }
                        @else { "✓ " (t!("feedback-branches-alike", low = signed(c.lowest), high = signed(c.highest), n = c.compared as i64)) }
                    }
                }
                @if r.branches.len() > 1 || r.branches.first().is_some_and(|(b, _)| b.is_some()) {
                    (branch_table(&r.branches, &|id| answered_branch_label(branches, id), &format!("/j/{}/feedback/m/{}", j.id, r.moment.id)))
                }
                // Closed links too, said to be closed: their pages open them
                // again, for the QR codes already printed.
                @let mine: Vec<&FeedbackPoint> = points.iter().filter(|p| p.moment_id == r.moment.id).collect();
                @if !mine.is_empty() {
                    ul.list.points {
                        @for p in &mine {
                            li.closed[p.closed] {
                                a href={"/feedback/" (p.id)} { (t!("feedback-point-link", branch = branch_name(p.branch_id))) }
                                @if p.closed { " " span.hint { (t!("feedback-point-closed")) } }
                            }
                        }
                    }
                }
                @if can_manage {
                    form.inline-form method="post" action={"/j/" (j.id) "/feedback/ask"} {
                        input type="hidden" name="_csrf" value=(csrf);
                        input type="hidden" name="moment_id" value=(r.moment.id);
                        @if !branches.is_empty() {
                            label for={"branch-" (r.moment.id)} { (t!("export-audit-col-branch")) }
                            select id={"branch-" (r.moment.id)} name="branch_id" {
                                option value="" { (t!("feedback-every-branch")) }
                                @for b in branches { option value=(b.id) { (b.name) } }
                            }
                        }
                        button type="submit" { (t!("feedback-ask")) }
                    }
                }
            }
        }
    }
}

/// The alerts kept for a journey: the open ones each with its evidence
/// and, for those who may decide, plain forms to open an action on the
/// moment, put it on the next session's agenda, or dismiss it; then the
/// last ones dealt with and what became of them. Nothing when there is none.
fn kept_alerts(
    j: &Journey,
    rows: &[MomentFigures],
    alerts: &[mot_store::FeedbackAlert],
    csrf: &str,
    // For one who may decide: the people an action may be given to, and
    // the day of the session it joins.
    decider: Option<(&[String], Option<time::Date>)>,
    refused: Option<&AlertRefused<'_>>,
) -> Markup {
    use crate::feedback::alerts::{alert_period, alert_still, alert_subject};
    use mot_core::feedback::alert::AlertState;
    let people = decider.map(|(p, _)| p);
    // The form offers no day the rule refuses.
    let earliest = mot_core::date::format(mot_core::feedback::alert::earliest_due_joining(
        mot_core::date::today(),
        decider.and_then(|(_, held)| held),
    ));
    let title = |id: Id| {
        rows.iter()
            .find(|r| r.moment.id == id)
            .map_or("", |r| r.moment.title.as_str())
    };
    let open: Vec<&mot_store::FeedbackAlert> = alerts
        .iter()
        .filter(|a| a.state == AlertState::Open)
        .collect();
    let done: Vec<&mot_store::FeedbackAlert> = alerts
        .iter()
        .filter(|a| a.state != AlertState::Open)
        .take(10)
        .collect();
    html! {
        @if !alerts.is_empty() {
            section.card.alerts #alerts {
                h2 { "⚠ " (t!("feedback-alerts")) }
                @if let Some(people) = people.filter(|p| !p.is_empty() && !open.is_empty()) {
                    datalist #alert-people { @for name in people { option value=(name) {} } }
                }
                @if open.is_empty() { p.hint { (t!("feedback-alert-none-open")) } }
                ul.list {
                    @for a in &open {
                        li.alert data-alert=(a.id) {
                            p {
                                // To the trend that raised it: its branch's, or every branch's together.
                                a href={"/j/" (j.id) "/feedback/m/" (a.moment_id) @if let Some(b) = a.branch_id { "?branch=" (b) }} dir="auto" { (alert_subject(a, title(a.moment_id))) } ": "
                                (alert_words(a.kind)) " "
                                span.hint { (alert_period(a)) (crate::web::i18n::sep()) (t!("feedback-alert-evidence",
                                    n = a.tally.total() as i64,
                                    worse = percent(a.tally.share(Verdict::Worse).unwrap_or(0.0)),
                                    better = percent(a.tally.share(Verdict::Better).unwrap_or(0.0))))
                                    @if let Some(still) = alert_still(a) { (crate::web::i18n::sep()) (still) } }
                            }
                            @if people.is_some() {
                                // Three ways, each one step away: an action
                                // (who, by when, then open it; refused, it
                                // is open again over what was typed), the
                                // next session's agenda, or dismissing it
                                // (after a second look: no way back).
                                @let again = refused.filter(|r| r.id == a.id);
                                div.alert-decisions {
                                    details.who-when open[again.is_some()] {
                                        summary.button.small { (t!("feedback-alert-to-action")) }
                                        form.alert-action method="post" action={"/j/" (j.id) "/feedback/alerts/" (a.id)} {
                                            input type="hidden" name="_csrf" value=(csrf);
                                            input type="hidden" name="decision" value="action";
                                            @if let Some(r) = again { p.error id={"ae-" (a.id)} role="alert" { (r.message) } }
                                            label for={"ao-" (a.id)} { (t!("session-action-who")) " " span.hint { (t!("feedback-alert-who-hint")) } }
                                            input id={"ao-" (a.id)} name="owner_name" dir="auto" maxlength=(mot_core::session::SessionLimits::OWNER) list="alert-people" autocomplete="off" value=[again.map(|r| r.owner_name)];
                                            label for={"ad-" (a.id)} { (t!("session-action-by-when")) " " span.hint { (t!("feedback-alert-when-hint")) } }
                                            input id={"ad-" (a.id)} name="due_on" type="date" min=(earliest) value=[again.map(|r| r.due_on)] aria-describedby=[again.map(|_| format!("ae-{}", a.id))];
                                            button.small type="submit" { (t!("feedback-alert-open-action")) }
                                        }
                                    }
                                    form.inline method="post" action={"/j/" (j.id) "/feedback/alerts/" (a.id)} {
                                        input type="hidden" name="_csrf" value=(csrf);
                                        input type="hidden" name="decision" value="agenda";
                                        button.small type="submit" { (t!("feedback-alert-to-agenda")) }
                                    }
                                    details.dismiss {
                                        summary.button.small.quiet { (t!("feedback-alert-dismiss")) }
                                        form method="post" action={"/j/" (j.id) "/feedback/alerts/" (a.id)} {
                                            input type="hidden" name="_csrf" value=(csrf);
                                            input type="hidden" name="decision" value="dismiss";
                                            p.hint { (t!("feedback-alert-dismiss-what")) }
                                            button.small.quiet type="submit" { (t!("feedback-alert-dismiss-confirm")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !done.is_empty() {
                    h3 { (t!("feedback-alert-dealt-with")) }
                    ul.list.hint {
                        @for a in &done {
                            li data-alert=(a.id) data-state=(a.state.key()) {
                                bdi { (alert_subject(a, title(a.moment_id))) } ": " (alert_words(a.kind)) " (" (alert_period(a)) @if let Some(still) = alert_still(a) { ", " (still) } ") — "
                                @match a.state {
                                    AlertState::Actioned => { a href={"/j/" (j.id)} { (t!("feedback-alert-state-actioned")) } }
                                    AlertState::OnAgenda => { (t!("feedback-alert-state-on-agenda")) }
                                    _ => { (t!("feedback-alert-state-dismissed")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The moments where the team's rating and its customers disagree beyond
/// chance, widest gap first: blind spots (the team thinks better of the
/// moment than its customers) and modesty (the other way round).
fn gaps(rows: &[MomentFigures]) -> Markup {
    let mut found: Vec<(&MomentFigures, Gap)> =
        rows.iter().filter_map(|r| r.gap.map(|g| (r, g))).collect();
    found.sort_by(|a, b| b.1.points.total_cmp(&a.1.points));
    html! {
        section.card.gaps {
            h2 { (t!("feedback-gaps")) }
            @if found.is_empty() {
                p.hint { (t!("feedback-no-gaps", min = MIN_ANSWERS as i64)) }
            } @else {
                ul.list {
                    @for (r, g) in &found {
                        li {
                            strong { (match g.kind { GapKind::BlindSpot => t!("feedback-blind-spot"), GapKind::Modesty => t!("feedback-modesty") }) }
                            " "
                            a href={"#m-" (r.moment.id)} dir="auto" { (r.moment.title) }
                            ": "
                            (t!("feedback-gap-line",
                                team = r.team.map_or("", crate::web::i18n::rating_label),
                                score = signed(r.all.score().unwrap_or(0.0)),
                                n = r.all.total() as i64))
                        }
                    }
                }
            }
        }
    }
}

/// What customers wrote, newest first, with a filter form that works
/// without scripts and a link to older comments (key-set: before the last
/// one shown).
pub fn comments_page(
    j: &Journey,
    (moments, branches): (&[mot_core::Moment], &[mot_store::Branch]),
    f: &mot_store::CommentFilter,
    found: &crate::feedback::service::CommentsPage,
    manage: Option<&str>,
) -> Markup {
    let comments = &found.comments;
    let moment_title = |id: Id| {
        moments
            .iter()
            .find(|m| m.id == id)
            .map_or("", |m| m.title.as_str())
    };
    let branch_name = |id: Option<Id>| answered_branch_label(branches, id);
    let today = mot_store::feedback_today();
    let days = f.since_day.map(|d| today - d + 1);
    // The list's address with the filter as it is, but for `reason` (none
    // to leave it out) and `before` (the next page).
    let href = |reason: Option<&str>, before: Option<Id>| {
        let mut q: Vec<(&str, String)> = Vec::new();
        if let Some(m) = f.moment_id {
            q.push(("moment", m.to_string()));
        }
        if let Some(b) = f.branch_id {
            q.push(("branch", if b == 0 { "all".into() } else { b.to_string() }));
        }
        if let Some(v) = f.verdict {
            q.push(("verdict", v.key().to_string()));
        }
        if let Some(r) = reason {
            q.push(("reason", r.to_string()));
        }
        if let Some(s) = &f.search {
            q.push(("q", s.clone()));
        }
        if let Some(d) = days {
            q.push(("days", d.to_string()));
        }
        if f.flagged {
            q.push(("flagged", "1".into()));
        }
        if let Some(b) = before {
            q.push(("before", b.to_string()));
        }
        let query: Vec<String> = q
            .iter()
            .map(|(k, v)| format!("{k}={}", url_escape(v)))
            .collect();
        format!("/j/{}/feedback/comments?{}", j.id, query.join("&"))
    };
    let reason = f.reason.as_deref();
    let older = found.next_before.map(|before| href(reason, Some(before)));
    html! {
        p.crumbs {
            a href={"/j/" (j.id)} dir="auto" { (j.name) } " › "
            a href={"/j/" (j.id) "/feedback"} { (t!("feedback-title")) } " ›"
        }
        h1 { (t!("feedback-comments")) }
        @if f.flagged { p.hint { (t!("feedback-flagged-intro")) } }
        form.filters method="get" action={"/j/" (j.id) "/feedback/comments"} {
            label for="f-moment" { (t!("feedback-filter-moment")) }
            select #f-moment name="moment" {
                option value="" { (t!("feedback-filter-any")) }
                @for m in moments { option value=(m.id) selected[f.moment_id == Some(m.id)] { (m.title) } }
            }
            @if !branches.is_empty() {
                label for="f-branch" { (t!("export-audit-col-branch")) }
                select #f-branch name="branch" {
                    option value="" { (t!("feedback-filter-any")) }
                    option value="all" selected[f.branch_id == Some(0)] { (t!("feedback-no-branch")) }
                    @for b in branches { option value=(b.id) selected[f.branch_id == Some(b.id)] { (b.name) } }
                }
            }
            label for="f-verdict" { (t!("feedback-filter-verdict")) }
            select #f-verdict name="verdict" {
                option value="" { (t!("feedback-filter-any")) }
                @for v in Verdict::ALL { option value=(v.key()) selected[f.verdict == Some(v)] { (verdict_word(v)) } }
            }
            label for="f-days" { (t!("feedback-period")) }
            select #f-days name="days" {
                option value="" { (t!("feedback-filter-any")) }
                @for d in [7i64, 30, 90, 365] {
                    option value=(d) selected[days == Some(d)] { (t!("feedback-last-days", days = d)) }
                }
                @if let Some(d) = days.filter(|d| ![7, 30, 90, 365].contains(d)) {
                    option value=(d) selected { (t!("feedback-last-days", days = d)) }
                }
            }
            label for="f-q" { (t!("feedback-filter-search")) }
            input #f-q type="search" name="q" maxlength="100" value=(f.search.as_deref().unwrap_or("")) dir="auto";
            @if let Some(r) = reason { input type="hidden" name="reason" value=(r); }
            label.check for="f-flagged" {
                input #f-flagged type="checkbox" name="flagged" value="1" checked[f.flagged];
                (t!("feedback-filter-flagged"))
            }
            button type="submit" { (t!("feedback-show")) }
        }
        @if let Some(r) = reason {
            p.reason-filter {
                (t!("feedback-filter-reason")) " " bdi.reason-tag { (r) } " "
                a href=(href(None, None)) { (t!("feedback-filter-reason-clear")) }
            }
        }
        @if comments.is_empty() {
            p.empty { (t!("feedback-no-comments")) }
        }
        ul.comments {
            @for c in comments {
                li.comment {
                    p.meta {
                        span class={"share v-" (c.verdict.key())} { span aria-hidden="true" { (c.verdict.face()) } " " (verdict_word(c.verdict)) }
                        (crate::web::i18n::sep()) bdi { (moment_title(c.moment_id)) }
                        (crate::web::i18n::sep()) bdi { (branch_name(c.branch_id)) }
                        @if let Some(r) = &c.reason {
                            (crate::web::i18n::sep()) a.reason-tag href=(href(Some(r), None)) title=(t!("feedback-filter-by-reason")) { bdi { (r) } }
                        }
                        (crate::web::i18n::sep()) (crate::web::i18n::date(mot_core::date::of_millis(c.created_at)))
                    }
                    @if !c.comment.is_empty() { p dir="auto" { (c.comment) } }
                    @if let Some(email) = &c.contact {
                        p.contact { (rich(&t!("feedback-contact", email = slot(0)), &[html! { a href={"mailto:" (email)} { (email) } }])) }
                    }
                    @if let Some(csrf) = manage {
                        form.inline method="post" action={"/j/" (j.id) "/feedback/answers/" (c.id) "/flag"} {
                            input type="hidden" name="_csrf" value=(csrf);
                            input type="hidden" name="flagged" value=(if c.flagged { "0" } else { "1" });
                            input type="hidden" name="back" value=(href(reason, None));
                            button.link type="submit" { (if c.flagged { t!("feedback-unflag") } else { t!("feedback-flag") }) }
                        }
                    }
                }
            }
        }
        @if let Some(href) = older { p { a href=(href) { (t!("feedback-older")) } } }
    }
}

pub use crate::feedback::alerts::alert_words;

/// A period's name: the week's Monday or the month.
fn period_label(period: Period, start: time::Date) -> String {
    match period {
        Period::Week => t!("feedback-week-of", date = crate::web::i18n::date(start)),
        Period::Month => t!("feedback-month-of", date = crate::web::i18n::date(start)),
    }
}

/// A moment's answers over time: a chart of the shares answering worse and
/// better with their control limits, and the same as a table.
pub fn trend_page(j: &Journey, trend: &MomentTrend, period: Period, branch: Option<Id>) -> Markup {
    let (moment, points, alerts) = (&trend.moment, &trend.points, &trend.alerts);
    let branch_key = match branch {
        None => String::new(),
        Some(0) => "all".to_string(),
        Some(b) => b.to_string(),
    };
    let branch_query = if branch_key.is_empty() {
        String::new()
    } else {
        format!("&branch={branch_key}")
    };
    html! {
        p.crumbs {
            a href={"/j/" (j.id)} dir="auto" { (j.name) } " › "
            a href={"/j/" (j.id) "/feedback"} { (t!("feedback-title")) } " ›"
        }
        h1 dir="auto" { (moment.title) }
        p { (t!("feedback-trend-intro")) }
        nav.periods aria-label=(t!("feedback-period")) {
            @for p in [Period::Week, Period::Month] {
                a.chip href={"?by=" (p.key()) (branch_query)} aria-current=[(p == period).then_some("true")] {
                    (match p { Period::Week => t!("feedback-by-week"), Period::Month => t!("feedback-by-month") })
                }
                " "
            }
        }
        // One branch's trend, or every branch together: alerts are raised
        // per branch, so each can be looked at alone.
        @if !trend.branches.is_empty() {
            form.inline-form method="get" {
                input type="hidden" name="by" value=(period.key());
                label for="t-branch" { (t!("export-audit-col-branch")) }
                select #t-branch name="branch" {
                    option value="" { (t!("feedback-trend-every-branch-together")) }
                    @for b in &trend.branches { option value=(b.id) selected[branch == Some(b.id)] { (b.name) } }
                    option value="all" selected[branch == Some(0)] { (t!("feedback-no-branch")) }
                }
                button type="submit" { (t!("feedback-show")) }
            }
        }
        // What to do about it is decided with the journey's other alerts.
        @for a in alerts {
            p.flag role="status" {
                "⚠ " (alert_words(*a)) " "
                a href={"/j/" (j.id) "/feedback#alerts"} { (t!("feedback-alert-decide")) }
            }
        }
        @let usual = mot_core::feedback::trend::has_usual_range(points);
        @if points.iter().all(|p| p.tally.total() == 0) {
            p.empty { (t!("feedback-trend-empty")) }
        } @else if !usual {
            p.hint { (t!("feedback-trend-no-range-yet", n = mot_core::feedback::trend::USUAL_MIN_PERIODS as i64)) }
        }
        (trend_chart(points, period, usual))
        div.table-wrap tabindex="0" role="region" aria-label=(t!("feedback-trend-table")) {
            table.trend {
                thead { tr {
                    th { (t!("feedback-period")) }
                    th { (t!("feedback-answers-col")) }
                    th { (verdict_word(Verdict::Worse)) }
                    th { (t!("feedback-limits")) }
                    th { (verdict_word(Verdict::Better)) }
                    th { (t!("feedback-limits")) }
                } }
                tbody {
                    // Newest first; periods without answers say nothing.
                    @for p in points.iter().rev().filter(|p| p.tally.total() > 0) {
                        tr {
                            th scope="row" { (period_label(period, p.start)) }
                            td { (crate::web::i18n::integer(p.tally.total() as i64)) }
                            td { (share_cell(p.worse.share, p.worse.out)) }
                            td.hint { @if usual { (percent(p.worse.lower)) "–" (percent(p.worse.upper)) } @else { "–" } }
                            td { (share_cell(p.better.share, p.better.out)) }
                            td.hint { @if usual { (percent(p.better.lower)) "–" (percent(p.better.upper)) } @else { "–" } }
                        }
                    }
                }
            }
        }
    }
}

fn share_cell(share: Option<f64>, out: bool) -> Markup {
    html! {
        @match share {
            None => span.hint { "–" },
            Some(s) => {
                (percent(s))
                @if out { " " strong.out { "⚠ " (t!("feedback-beyond-limits")) } }
            }
        }
    }
}

/// The shares answering worse (squares) and better (circles) per period,
/// 0–100 % from bottom to top, with the limits as dashed lines. Shapes and
/// the legend tell the two apart, not only their colours; the limits only
/// once there is a usual range (`usual`). Its scale says 0 and 100 %, and
/// its first and last periods.
fn trend_chart(points: &[TrendPoint], period: Period, usual: bool) -> Markup {
    const W: f64 = 640.0;
    const H: f64 = 180.0;
    const PAD: f64 = 24.0;
    let n = points.len().max(2) as f64;
    let x = |i: usize| PAD + (W - 2.0 * PAD) * i as f64 / (n - 1.0);
    let y = |v: f64| H - PAD - (H - 2.0 * PAD) * v;
    let line = |f: &dyn Fn(&TrendPoint) -> Option<f64>| -> String {
        points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| f(p).map(|v| format!("{:.1},{:.1}", x(i), y(v))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    html! {
        figure.trend-chart {
            // Time runs left to right in every language: its labels are
            // anchored so, also on a right-to-left page.
            svg viewBox={"0 0 " (W) " " (H)} direction="ltr" role="img" aria-label=(t!("feedback-chart-label")) {
                line x1=(PAD) y1=(y(0.0)) x2=(W - PAD) y2=(y(0.0)) stroke="#57606a" {}
                line x1=(PAD) y1=(y(1.0)) x2=(W - PAD) y2=(y(1.0)) stroke="#d0d7de" {}
                text.axis x=(PAD + 2.0) y=(y(1.0) - 4.0) { "100 %" }
                text.axis x=(PAD + 2.0) y=(y(0.0) - 4.0) { "0 %" }
                @if let (Some(first), Some(last)) = (points.first(), points.last()) {
                    text.axis x=(PAD) y=(H - 6.0) { (period_label(period, first.start)) }
                    @if points.len() > 1 {
                        text.axis x=(W - PAD) y=(H - 6.0) text-anchor="end" { (period_label(period, last.start)) }
                    }
                }
                @if usual {
                    // A period without answers has no limits to draw.
                    polyline points=(line(&|p| (p.tally.total() > 0).then_some(p.worse.upper))) fill="none" stroke="#a4262c" stroke-dasharray="4 3" {}
                    polyline points=(line(&|p| (p.tally.total() > 0).then_some(p.better.lower))) fill="none" stroke="#1a7f37" stroke-dasharray="4 3" {}
                }
                polyline points=(line(&|p| p.worse.share)) fill="none" stroke="#a4262c" stroke-width="2" {}
                polyline points=(line(&|p| p.better.share)) fill="none" stroke="#1a7f37" stroke-width="2" {}
                @for (i, p) in points.iter().enumerate() {
                    @if let Some(v) = p.worse.share {
                        rect x=(format!("{:.1}", x(i) - 4.0)) y=(format!("{:.1}", y(v) - 4.0)) width="8" height="8" fill=(if p.worse.out { "#a4262c" } else { "#fff" }) stroke="#a4262c" {}
                    }
                    @if let Some(v) = p.better.share {
                        circle cx=(format!("{:.1}", x(i))) cy=(format!("{:.1}", y(v))) r="4" fill=(if p.better.out { "#1a7f37" } else { "#fff" }) stroke="#1a7f37" {}
                    }
                }
            }
            figcaption.hint {
                "■ " (verdict_word(Verdict::Worse)) (crate::web::i18n::sep()) "● " (verdict_word(Verdict::Better))
                @if usual { (crate::web::i18n::sep()) (t!("feedback-chart-legend")) }
            }
        }
    }
}

/// A query string value, escaped.
fn url_escape(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A link's card to hand it out: what it is for, its QR code, the link, and
/// the files to take away (`files`: links after "open").
pub(crate) fn hand_out(text: &str, url: &str, qr: &str, files: Markup) -> Markup {
    html! {
        section.card {
            h2 { (t!("feedback-hand-out")) }
            p { (text) }
            div.qr role="img" aria-label=(t!("feedback-qr-label")) { (maud::PreEscaped(qr)) }
            label for="link" { (t!("feedback-link")) }
            input #link type="text" readonly value=(url);
            p { a href=(url) { (t!("feedback-open")) } (files) }
        }
    }
}

/// Closing a link (posted to `action` with `open=0`), or, when it is
/// closed, saying so and opening it again (`open=1`).
pub(crate) fn open_or_closed(action: &str, closed: bool, csrf: &str) -> Markup {
    html! {
        @if closed {
            section.card.closed role="status" {
                h2 { (t!("feedback-closed-title")) }
                p { (t!("feedback-closed-text")) }
                form method="post" action=(action) {
                    input type="hidden" name="_csrf" value=(csrf);
                    button type="submit" name="open" value="1" { (t!("feedback-reopen")) }
                }
            }
        } @else {
            section.card {
                h2 { (t!("feedback-close-title")) }
                p { (t!("feedback-close-text")) }
                form method="post" action=(action) {
                    input type="hidden" name="_csrf" value=(csrf);
                    button.danger type="submit" name="open" value="0" { (t!("feedback-close")) }
                }
            }
        }
    }
}

/// A form of the point's page refused: which (`question` or `reasons`),
/// what was wrong, and what was typed, shown again in it.
pub struct Refused<'a> {
    pub form: &'static str,
    pub message: &'a str,
    pub typed: &'a str,
}

/// A feedback point: its link and QR code to hand out, and the reasons it
/// offers; `refused`: one of its forms shown again.
pub fn point_page(
    j: &Journey,
    p: &FeedbackPoint,
    (moment, branch): (&str, &str),
    (url, qr): (&str, &str),
    csrf: &str,
    refused: Option<Refused<'_>>,
) -> Markup {
    let refused_in = |form: &str| refused.as_ref().filter(|r| r.form == form);
    let question = refused_in("question").map_or(p.question.clone(), |r| r.typed.to_string());
    let reasons = refused_in("reasons").map_or(p.reasons.join("\n"), |r| r.typed.to_string());
    html! {
        p.crumbs {
            a href={"/j/" (j.id)} dir="auto" { (j.name) } " › "
            a href={"/j/" (j.id) "/feedback"} { (t!("feedback-title")) } " ›"
        }
        h1 dir="auto" { (moment) }
        p dir="auto" { (branch) }
        (hand_out(t!("feedback-hand-out-text"), url, qr, html! {
            (crate::web::i18n::sep()) a href={"/feedback/" (p.id) "/qr.svg"} download={"feedback-" (p.id) ".svg"} { (t!("feedback-qr-download")) }
            (crate::web::i18n::sep()) a href={"/feedback/" (p.id) "/qr.png"} download={"feedback-" (p.id) ".png"} { (t!("feedback-qr-download-png")) }
            (crate::web::i18n::sep()) a href={"/feedback/" (p.id) "/sheet.pdf?size=a6"} { (t!("feedback-print-cards")) }
            (crate::web::i18n::sep()) a href={"/feedback/" (p.id) "/sheet.pdf?size=a4"} { (t!("feedback-print-poster")) }
        }))
        @if p.closed { (open_or_closed(&format!("/feedback/{}", p.id), true, csrf)) }
        section.card {
            h2 { (t!("feedback-question-title")) }
            @if let Some(r) = refused_in("question") { p.error role="alert" { (r.message) } }
            form method="post" action={"/feedback/" (p.id)} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="question" { (t!("feedback-question-label")) }
                input #question name="question" type="text" dir="auto" maxlength=(FeedbackLimits::QUESTION)
                    value=(question) placeholder=(t!("feedback-question", moment = crate::web::i18n::isolate(moment)));
                p.hint { (t!("feedback-question-hint")) }
                button type="submit" { (t!("feedback-save-question")) }
            }
        }
        section.card {
            h2 { (t!("feedback-reasons")) }
            p.hint { (rich(&t!("feedback-reasons-hint", max = FeedbackLimits::REASONS as i64, example = slot(0)), &[html! { em { (t!("feedback-reasons-example")) } }])) }
            @if let Some(r) = refused_in("reasons") { p.error role="alert" { (r.message) } }
            form method="post" action={"/feedback/" (p.id) "/reasons"} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="reasons" { (t!("feedback-reasons")) }
                textarea #reasons name="reasons" dir="auto" rows="5" { (reasons) }
                button type="submit" { (t!("feedback-save-reasons")) }
            }
        }
        @if !p.closed { (open_or_closed(&format!("/feedback/{}", p.id), false, csrf)) }
    }
}
