//! From alert to action: what a moment's weekly trend says is kept once per
//! moment, kind and run of weeks that raise it (when the feedback page is read, and by a
//! background task over every journey with recent answers); the team opens
//! an action on the moment, puts it on the next session's agenda, or
//! dismisses it; and each new alert is mailed once to the workspace's owners
//! when SMTP is configured.

use crate::auth::Ident;
use crate::state::AppState;
use crate::t;
use crate::web::error::AppError;
use mot_core::feedback::alert::{self as rules, AlertDecision};
use mot_core::feedback::trend::{alerts, date_of, day_number, judged_period, trend, Alert, Period};
use mot_core::feedback::Tally;
use mot_core::Id;
use mot_i18n::Lang;
use mot_store::{ActionFromAlert, FeedbackAlert, NewAlert};
use std::time::Duration;

/// What the trend of each moment of a journey says now, as alerts to keep:
/// every branch together, and each branch on its own (the answers to its
/// own links), by week, about the week each is judged on.
async fn current_alerts(
    state: &AppState,
    workspace_id: Id,
    journey_id: Id,
) -> Result<Vec<NewAlert>, AppError> {
    let (from, to) = super::service::trend_range(Period::Week);
    let range = (day_number(from), day_number(to));
    // One read of the roll-ups, summed by week per branch (a trend by week
    // needs no more); every branch together is their sum.
    let weeks = state
        .store
        .feedback_weeks_by_branch(workspace_id, journey_id, range)
        .await?;
    let mut all: std::collections::BTreeMap<(Id, i64), Tally> = Default::default();
    for (m, _, w, t) in &weeks {
        all.entry((*m, *w)).or_default().merge(t);
    }
    let mut out = alerts_of(all.into_iter().map(|((m, w), t)| ((m, None), w, t)));
    // A branch's own links (branch 0: links for every branch, no branch's own).
    out.extend(alerts_of(
        weeks
            .into_iter()
            .filter(|(_, b, _, _)| *b != 0)
            .map(|(m, b, d, t)| ((m, Some(b)), d, t)),
    ));
    Ok(out)
}

/// The alerts the roll-ups of the trend's weeks raise, per moment and
/// branch (`None`: every branch together), each about the week it is
/// judged on. `days` (each a week's first day, or any day of it) come by
/// moment and branch, then day.
fn alerts_of(days: impl IntoIterator<Item = ((Id, Option<Id>), i64, Tally)>) -> Vec<NewAlert> {
    let (from, to) = super::service::trend_range(Period::Week);
    let mut out = Vec::new();
    let mut days = days.into_iter().peekable();
    while let Some((key, day, tally)) = days.next() {
        let mut mine = vec![(day, tally)];
        while let Some((_, d, t)) = days.next_if(|(k, _, _)| *k == key) {
            mine.push((d, t));
        }
        let points = trend(&mine, Period::Week, from, to);
        let Some(judged) = judged_period(&points) else {
            continue;
        };
        for kind in alerts(&points) {
            out.push(NewAlert {
                moment_id: key.0,
                branch_id: key.1,
                kind,
                period: Period::Week,
                period_start: day_number(judged.start),
                tally: judged.tally,
            });
        }
    }
    out
}

/// Keeps the alerts a journey's figures raise now that are not kept yet,
/// and mails the new ones (in the background) when SMTP is configured.
/// Answers how many were new.
pub async fn keep_alerts(
    state: &AppState,
    workspace_id: Id,
    journey_id: Id,
) -> Result<usize, AppError> {
    let found = current_alerts(state, workspace_id, journey_id).await?;
    keep_found(state, workspace_id, journey_id, found).await
}

/// After an import of the journey was taken out: withdraws the open
/// alerts kept since it began (`since`, ms) that the figures without its
/// answers no longer raise, and steps back a week those it carried on.
/// Answers how many went or went back.
pub async fn withdraw_unfounded(
    state: &AppState,
    workspace_id: Id,
    journey_id: Id,
    since: i64,
) -> Result<usize, AppError> {
    let still = current_alerts(state, workspace_id, journey_id).await?;
    Ok(state
        .store
        .withdraw_feedback_alerts(workspace_id, journey_id, since, still)
        .await?)
}

/// For the feedback page: checks the journey's trends again in the
/// background (not while the reader waits), when feedback changed since
/// its last check (a view's or the sweep's), at most once in
/// [`CHECK_AGAIN_AFTER`] per journey, so a reload shows what they raise
/// before the next sweep of [`run_checks`].
pub(crate) fn check_soon(state: &AppState, workspace_id: Id, journey_id: Id) {
    let generation = state.store.feedback_generation();
    {
        let mut checked = state.alert_checks.lock().unwrap_or_else(|p| p.into_inner());
        let now = std::time::Instant::now();
        match checked.get(&(workspace_id, journey_id)) {
            Some((g, _)) if *g >= generation => return,
            Some((_, at)) if now.duration_since(*at) < CHECK_AGAIN_AFTER => return,
            _ => {}
        }
        checked.insert((workspace_id, journey_id), (generation, now));
    }
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = keep_alerts(&state, workspace_id, journey_id).await {
            tracing::warn!(error = %e.message, "checking a journey's alerts failed");
        }
    });
}

/// How long after a check of a journey's trends a page view asks for none.
pub const CHECK_AGAIN_AFTER: Duration = Duration::from_secs(5);

async fn keep_found(
    state: &AppState,
    workspace_id: Id,
    journey_id: Id,
    found: Vec<NewAlert>,
) -> Result<usize, AppError> {
    let made = state
        .store
        .keep_feedback_alerts(workspace_id, journey_id, found)
        .await?;
    if !made.is_empty() && state.mailer.is_some() {
        let state = state.clone();
        tokio::spawn(async move {
            if let Err(e) = mail_alerts(&state).await {
                tracing::warn!(error = %e.message, "mailing alerts failed");
            }
        });
    }
    Ok(made.len())
}

/// A journey's alerts for its feedback page (everyone in the workspace may
/// read them), after keeping what its figures raise now.
pub async fn journey_alerts(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
) -> Result<Vec<FeedbackAlert>, AppError> {
    super::service::readable_journey(state, me, journey_id).await?;
    keep_alerts(state, me.workspace_id, journey_id).await?;
    Ok(state
        .store
        .feedback_alerts(me.workspace_id, journey_id)
        .await?)
}

/// The words of an alert's kind.
pub fn alert_words(a: Alert) -> &'static str {
    match a {
        Alert::WorseThanUsual => t!("feedback-alert-worse"),
        Alert::MagicFading => t!("feedback-alert-fading"),
    }
}

/// What an alert is about, in words: the moment, and its branch when the
/// alert is about one.
pub fn alert_subject(a: &FeedbackAlert, moment: &str) -> String {
    match &a.branch_name {
        Some(b) => t!(
            "feedback-alert-at-branch",
            moment = moment,
            branch = b.as_str()
        ),
        None => moment.to_string(),
    }
}

/// The first period an alert is about, in words.
pub fn alert_period(a: &FeedbackAlert) -> String {
    let start = date_of(a.period_start);
    match a.period {
        Period::Week => t!("feedback-week-of", date = crate::web::i18n::date(start)),
        Period::Month => t!("feedback-month-of", date = crate::web::i18n::date(start)),
    }
}

/// The latest period that raised an alert, in words, when it is not the
/// first (an alert carried on while a slide lasts).
pub fn alert_still(a: &FeedbackAlert) -> Option<String> {
    (a.last_start > a.period_start).then(|| {
        let date = crate::web::i18n::date(date_of(a.last_start));
        match a.period {
            Period::Week => t!("feedback-alert-still-week", date = date),
            Period::Month => t!("feedback-alert-still-month", date = date),
        }
    })
}

/// Who does an action opened from an alert, and by when, as a form or the
/// API sends them: empty words for the one who decides, and no date.
#[derive(Debug, Clone, Copy)]
pub struct PlanIn<'a> {
    pub owner_name: &'a str,
    pub due_on: Option<time::Date>,
}

/// Decides an alert of a journey (owners and facilitators, as for the
/// other feedback changes): `decision` is `action` (an open action on the
/// moment, on the journey's latest session, owned by `plan`'s person, one
/// of the business's people by their name or anyone named, else the one who
/// decides, and due by its date), `agenda` (the moment on the next
/// session's agenda) or `dismiss`.
pub async fn decide(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    alert_id: Id,
    decision: &str,
    plan: PlanIn<'_>,
) -> Result<FeedbackAlert, AppError> {
    me.actor.may_manage()?;
    let decision = AlertDecision::from_key(decision).ok_or_else(rules::bad_decision)?;
    let alert = state
        .store
        .feedback_alert(me.workspace_id, alert_id)
        .await?;
    if alert.journey_id != journey_id {
        return Err(mot_store::StoreError::NotFound("feedback alert").into());
    }
    // Decided already is said first (the store checks it again, at once
    // with the decision): a form sent twice is a repeat, whatever it holds.
    rules::decide(alert.state, decision)?;
    let plan = match decision {
        AlertDecision::Action => Some(rules::action_plan(
            mot_core::date::today(),
            plan.owner_name,
            plan.due_on,
        )?),
        _ => None,
    };
    let action = match plan {
        Some(plan) => {
            let moment = state.store.moment(me.workspace_id, alert.moment_id).await?;
            let what = t!(
                "feedback-alert-action-what",
                moment = alert_subject(&alert, &moment.title),
                alert = alert_words(alert.kind),
                period = alert_period(&alert),
            );
            let (owner_user_id, owner_name) =
                if plan.owner_name.is_empty() || plan.owner_name == me.name {
                    let me_id = match me.actor.author() {
                        mot_core::Author::User(id) => Some(id),
                        mot_core::Author::Guest(_) => None,
                    };
                    (me_id, me.name.clone())
                } else {
                    // One of the business's people by their name (the
                    // practice's, or this client's), else a name alone, as a
                    // session's planning form takes it; a name two of them
                    // share is a name alone too.
                    let business_id = state
                        .store
                        .journey(me.workspace_id, journey_id)
                        .await?
                        .business_id;
                    let people = state
                        .store
                        .members_of_business(me.workspace_id, business_id)
                        .await?;
                    let mut named = people
                        .into_iter()
                        .map(|(u, _)| u)
                        .filter(|u| u.name == plan.owner_name);
                    let user = match (named.next(), named.next()) {
                        (Some(u), None) => Some(u.id),
                        _ => None,
                    };
                    (user, plan.owner_name)
                };
            Some(ActionFromAlert {
                what: what
                    .chars()
                    .take(mot_core::session::SessionLimits::ACTION)
                    .collect(),
                owner_user_id,
                owner_name,
                due_on: plan.due_on,
            })
        }
        None => None,
    };
    Ok(state
        .store
        .decide_feedback_alert(
            me.workspace_id,
            journey_id,
            alert_id,
            me.actor,
            decision,
            action,
        )
        .await?)
}

/// How long a sender holds an alert it is mailing: another sender may take
/// it over only after this (a sender that died mid-way).
const MAIL_LEASE_MS: i64 = 10 * 60_000;

/// The most alerts one pass mails.
const MAIL_BATCH: u32 = 50;

/// Mails every alert not mailed yet (made in the last
/// [`rules::MAIL_WITHIN_DAYS`] days and still open) to its workspace's
/// owners who have an address, each in their language, with a link to the
/// journey's feedback page. An alert is claimed first, so two senders never
/// mail it at once; each owner whose message the server took is recorded
/// and not mailed it again; the alert is marked mailed once every owner got
/// it, else tried again later (only for those who did not), each pause longer.
/// Answers how many alerts were mailed.
pub async fn mail_alerts(state: &AppState) -> Result<usize, AppError> {
    mail_alerts_at(state, now_ms()).await
}

/// [`mail_alerts`] as if it were `now` (ms since the epoch): what is due
/// then, and the pauses after failures counted from then.
pub async fn mail_alerts_at(state: &AppState, now: i64) -> Result<usize, AppError> {
    let Some(mailer) = state.mailer.clone() else {
        return Ok(0);
    };
    let since = now - rules::MAIL_WITHIN_DAYS * 86_400_000;
    let due = state
        .store
        .feedback_alerts_to_mail(since, now, MAIL_BATCH)
        .await?;
    let base = state
        .settings
        .public_url
        .clone()
        .unwrap_or_else(|| "http://localhost".into());
    let base = base.trim_end_matches('/').to_string();
    let mut mailed = 0;
    for d in due {
        let a = &d.alert;
        if !state
            .store
            .claim_feedback_alert_mail(a.workspace_id, a.id, now, now + MAIL_LEASE_MS)
            .await?
        {
            continue;
        }
        let workspace = state.store.workspace(a.workspace_id).await?;
        let owners: Vec<mot_store::User> = state
            .store
            .members(a.workspace_id)
            .await?
            .into_iter()
            .filter(|(u, m)| m.is_owner() && u.email.contains('@'))
            .map(|(u, _)| u)
            .collect();
        let link = format!("{base}/j/{}/feedback", a.journey_id);
        // After a failed try, those who got it already are not mailed again.
        let done = state
            .store
            .feedback_alert_recipients(a.workspace_id, a.id)
            .await?;
        let mut ok = true;
        for owner in owners.iter().filter(|o| !done.contains(&o.id)) {
            let lang = owner
                .language
                .as_deref()
                .and_then(Lang::parse)
                .or_else(|| workspace.language.as_deref().and_then(Lang::parse))
                .unwrap_or(state.settings.default_language);
            let (subject, text) = crate::web::i18n::with_lang(lang, || alert_mail(&d, &link));
            if let Err(e) = mailer.send(&owner.email, &subject, text).await {
                tracing::warn!(alert = a.id, error = %e, "an alert's e-mail was not sent; tried again later");
                ok = false;
                continue;
            }
            state
                .store
                .feedback_alert_sent_to(a.workspace_id, a.id, owner.id, now)
                .await?;
        }
        if ok {
            state
                .store
                .feedback_alert_mailed(a.workspace_id, a.id, now)
                .await?;
            mailed += 1;
        } else {
            let retry = now + rules::mail_retry_after(d.tries);
            state
                .store
                .feedback_alert_mail_failed(a.workspace_id, a.id, retry)
                .await?;
        }
    }
    Ok(mailed)
}

/// An alert's e-mail in the current language: its subject and text.
fn alert_mail(d: &mot_store::AlertToMail, link: &str) -> (String, String) {
    let a = &d.alert;
    let place = alert_subject(a, &d.moment);
    let subject = t!("mail-alert-subject", moment = place.as_str());
    let worse = a
        .tally
        .share(mot_core::feedback::Verdict::Worse)
        .unwrap_or(0.0);
    let better = a
        .tally
        .share(mot_core::feedback::Verdict::Better)
        .unwrap_or(0.0);
    let text = t!(
        "mail-alert-text",
        journey = d.journey.as_str(),
        moment = place.as_str(),
        alert = alert_words(a.kind),
        period = alert_period(a),
        answers = a.tally.total() as i64,
        worse = crate::web::i18n::decimal(100.0 * worse, 0),
        better = crate::web::i18n::decimal(100.0 * better, 0),
        link = link,
    );
    (subject, text)
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// One look of the background task: keeps the alerts of every journey
/// with answers in the trend's range (read from the roll-ups), then mails
/// what is due. Answers how many alerts were new.
pub async fn check_all(state: &AppState) -> Result<usize, AppError> {
    // What the sweep reads holds every write counted so far: a page view
    // of a journey it checked asks for no check until feedback changes.
    let generation = state.store.feedback_generation();
    let (from, _) = super::service::trend_range(Period::Week);
    let journeys = state.store.journeys_with_feedback(day_number(from)).await?;
    let mut made = 0;
    for (workspace_id, journey_id) in journeys {
        let found = current_alerts(state, workspace_id, journey_id).await?;
        made += state
            .store
            .keep_feedback_alerts(workspace_id, journey_id, found)
            .await?
            .len();
        // Recorded as `check_soon` records a view's: its generation, kept
        // if a later one is there already.
        let mut checked = state.alert_checks.lock().unwrap_or_else(|p| p.into_inner());
        let now = std::time::Instant::now();
        let mine = checked
            .entry((workspace_id, journey_id))
            .or_insert((generation, now));
        mine.0 = mine.0.max(generation);
    }
    mail_alerts(state).await?;
    Ok(made)
}

/// The background task: [`check_all`] at start and then every
/// `Settings::alert_check_seconds`, until the server shuts down.
pub async fn run_checks(state: AppState) {
    let every = state
        .settings
        .alert_check_seconds
        .unwrap_or(crate::web::ALERT_CHECK_SECONDS)
        .max(1);
    let mut shutdown = state.shutdown.clone();
    let mut ticks = tokio::time::interval(Duration::from_secs(every));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {
                if let Err(e) = check_all(&state).await {
                    tracing::warn!(error = %e.message, "the alerts' background check failed");
                }
            }
            changed = shutdown.changed() => {
                if changed.is_err() || *shutdown.borrow() {
                    return;
                }
            }
        }
    }
}
