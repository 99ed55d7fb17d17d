//! From alert to action: a customer alert is kept once, however often the
//! figures are read or the background task looks; the owner turns it into
//! an action on the moment or puts the moment on the next session's agenda
//! (whose Prioritise step offers it first), or dismisses it; and each new
//! alert is mailed once to the workspace's owners, in their language,
//! through a real SMTP server this test starts (tests/mail/smtp_sink.py).

#[macro_use]
mod common;

use common::*;
use mot_core::feedback::alert::AlertState;
use mot_core::feedback::trend::{day_number, Alert, Period};
use mot_core::feedback::{Answer, Tally, Verdict};
use mot_core::session::{Phase, SessionCommand, SessionSettings};
use mot_core::Role;
use mot_server::state::AppState;
use mot_server::Settings;
use mot_store::{FeedbackAlert, NewAlert, Store};
use reqwest::StatusCode;

const DAY_MS: i64 = 86_400_000;

fn answer(v: Verdict) -> Answer {
    Answer {
        verdict: v,
        reason: None,
        comment: String::new(),
    }
}

/// A moment "Delivery day" whose customers were steady for eight weeks (2
/// worse, 12 as expected, 6 better a week) and this week half say worse:
/// one "worse than usual" alert about this week. Answers the moment's id.
async fn worse_this_week(store: &Store, w: &World) -> i64 {
    let note = w.note(store, 0, "Delivery day").await;
    let point = store.feedback_point(w.ws, note.id, None).await.unwrap();
    let today = mot_store::feedback_today();
    let mut n = 0;
    for week in 1..=8 {
        for (v, count) in [
            (Verdict::Worse, 2),
            (Verdict::AsExpected, 12),
            (Verdict::Better, 6),
        ] {
            for _ in 0..count {
                n += 1;
                let at = (today - 7 * week) * DAY_MS + 3_600_000;
                store
                    .answer_feedback_at(&point.token, answer(v), "en", &format!("past{n}"), at)
                    .await
                    .unwrap();
            }
        }
    }
    for i in 0..10 {
        let v = if i < 5 {
            Verdict::Worse
        } else {
            Verdict::AsExpected
        };
        store
            .answer_feedback(&point.token, answer(v), "en", &format!("now{i}"))
            .await
            .unwrap();
    }
    note.id
}

async fn alerts_of(app: &TestApp, w: &World) -> Vec<FeedbackAlert> {
    app.store.feedback_alerts(w.ws, w.journey.id).await.unwrap()
}

/// The journey's feedback page as the owner: the figures and the alerts.
async fn feedback_page(owner: &Browser, w: &World) -> String {
    ok_page(
        owner.get(&format!("/j/{}/feedback", w.journey.id)).await,
        "the feedback page",
    )
    .await
}

async fn start_session(app: &TestApp, w: &World, title: &str) -> mot_core::session::TeamSession {
    app.store
        .start_session(
            w.ws,
            w.journey.id,
            w.owner_actor(),
            title,
            mot_core::date::today(),
            SessionSettings::default(),
        )
        .await
        .unwrap()
}

async fn to_prioritise(app: &TestApp, w: &World, session_id: i64) {
    for (expected, target) in [
        (Phase::Capture, Phase::ColourCode),
        (Phase::ColourCode, Phase::Prioritise),
    ] {
        app.store
            .session_command(
                w.ws,
                session_id,
                w.owner_actor(),
                "Owner",
                SessionCommand::ChangePhase { expected, target },
            )
            .await
            .unwrap();
    }
}

fn decide_path(w: &World, alert: i64) -> String {
    format!("/j/{}/feedback/alerts/{alert}", w.journey.id)
}

on_both! {
    async fn an_alert_is_kept_once_however_often_the_trends_are_checked(app) {
        let w = World::new(&app.store, "Acme").await;
        let moment = worse_this_week(&app.store, &w).await;
        assert!(alerts_of(&app, &w).await.is_empty(), "nothing is kept before anyone looks");
        let owner = app.signed_in(w.ws, w.owner.id).await;
        // Reading the page asks for a check of the trends, in the background.
        feedback_page(&owner, &w).await;
        within("the page's check to keep the alert", async {
            while alerts_of(&app, &w).await.is_empty() {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        })
        .await;
        // The background sweep finds it again, and the page shows it.
        check_alerts(&app.store).await;
        let page = feedback_page(&owner, &w).await;
        assert!(page.contains("More customers say worse than this moment's past explains."), "{page}");
        let kept = alerts_of(&app, &w).await;
        assert_eq!(kept.len(), 1, "checked twice, kept once: {kept:?}");
        let a = &kept[0];
        let today = mot_core::feedback::trend::date_of(mot_store::feedback_today());
        assert_eq!((a.moment_id, a.kind, a.period, a.state), (moment, Alert::WorseThanUsual, Period::Week, AlertState::Open));
        assert_eq!(a.period_start, day_number(Period::Week.start(today)), "about this week");
        assert_eq!(a.tally, Tally { worse: 5, as_expected: 5, better: 0 }, "this week's answers are its evidence");
        assert_eq!(a.mailed_at, None, "no SMTP, no mail");
        // The page offers the three decisions, as plain forms.
        assert!(page.contains(&format!("action=\"{}\"", decide_path(&w, a.id))), "{page}");
        for words in ["Open an action on this moment", "Put it on the next session's agenda", "Dismiss", "10 answers: 50 % worse, 0 % better"] {
            assert!(page.contains(words), "{words}: {page}");
        }
        // The same alert offered again by anyone adds nothing.
        let again = NewAlert { moment_id: moment, branch_id: None, kind: a.kind, period: a.period, period_start: a.period_start, tally: a.tally };
        assert!(app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![again.clone()]).await.unwrap().is_empty());
        // Another workspace cannot keep an alert on this journey's moment.
        let other = World::new(&app.store, "Other").await;
        let moved = NewAlert { period_start: a.period_start - 7, ..again };
        assert!(app.store.keep_feedback_alerts(other.ws, w.journey.id, vec![moved]).await.unwrap().is_empty());
        assert_eq!(alerts_of(&app, &w).await.len(), 1);
        // A member reads the alert but is not offered the decisions.
        let member = w.person(&app.store, Role::Member).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        let seen = feedback_page(&member, &w).await;
        assert!(seen.contains("More customers say worse") && !seen.contains("Open an action on this moment"));
    }

    async fn a_moment_worse_than_usual_is_marked_on_its_note_until_dismissed(app) {
        let w = World::new(&app.store, "Acme").await;
        worse_this_week(&app.store, &w).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let path = format!("/j/{}", w.journey.id);
        let mark = "class=\"score worse\"";
        let board = ok_page(owner.get(&path).await, "the board before any check").await;
        assert!(!board.contains(mark), "no alert kept, no mark");
        check_alerts(&app.store).await;
        let board = ok_page(owner.get(&path).await, "the board").await;
        assert!(board.contains(mark) && board.contains("worse than usual"), "{board}");
        assert!(!board.contains("magic fading"), "one bad week is one mark");
        // An alert about a period long past marks nothing.
        let id = alerts_of(&app, &w).await[0].id;
        let week = alerts_of(&app, &w).await[0].last_start;
        sqlx::query("UPDATE feedback_alerts SET last_start = $1 WHERE id = $2").bind(week - 42).bind(id).execute(app.store.pool()).await.unwrap();
        assert!(!ok_page(owner.get(&path).await, "the board, six weeks on").await.contains(mark));
        sqlx::query("UPDATE feedback_alerts SET last_start = $1 WHERE id = $2").bind(week).bind(id).execute(app.store.pool()).await.unwrap();
        assert!(ok_page(owner.get(&path).await, "the board again").await.contains(mark));
        // Seen and left as it is: no mark.
        let res = owner.submit(&decide_path(&w, id), &[("decision", "dismiss")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let board = ok_page(owner.get(&path).await, "the board after dismissing").await;
        assert!(!board.contains(mark), "{board}");
    }

    async fn the_background_task_keeps_alerts_nobody_has_read(app) {
        let settings = Settings { alert_check_seconds: Some(1), ..Settings::default() };
        let app = TestApp::start_configured(app.db.clone(), app.store.clone(), settings).await;
        let w = World::new(&app.store, "Acme").await;
        worse_this_week(&app.store, &w).await;
        let kept = within("the background task to keep the alert", async {
            loop {
                let kept = alerts_of(&app, &w).await;
                if !kept.is_empty() {
                    return kept;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        })
        .await;
        assert_eq!(kept[0].kind, Alert::WorseThanUsual);
    }

    async fn alerts_kept_from_a_taken_out_imports_answers_are_withdrawn(app) {
        // While an import goes in slice by slice (SQLite), a check may keep
        // an alert from part of its answers; when the import is taken out,
        // what the figures no longer raise is withdrawn. What they still
        // raise, what someone decided on, and what was kept before stay.
        let w = World::new(&app.store, "Acme").await;
        let moment = worse_this_week(&app.store, &w).await;
        let state = mailing_state(&app.store, "smtp://127.0.0.1:9");
        let week = day_number(Period::Week.start(mot_core::feedback::trend::date_of(mot_store::feedback_today())));
        let unfounded = |kind, period_start| NewAlert { moment_id: moment, branch_id: None, kind, period: Period::Week, period_start, tally: Tally { worse: 0, as_expected: 0, better: 10 } };
        let before = app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![unfounded(Alert::MagicFading, week - 28)]).await.unwrap();
        let since = now_ms() + 1;
        while now_ms() < since {
            tokio::task::yield_now().await;
        }
        assert_eq!(mot_server::feedback::alerts::check_all(&state).await.unwrap(), 1, "the week's real alert");
        let kept = app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![unfounded(Alert::MagicFading, week), unfounded(Alert::MagicFading, week - 7)]).await.unwrap();
        assert_eq!(kept.len(), 2);
        app.store.decide_feedback_alert(w.ws, w.journey.id, kept[1], w.owner_actor(), mot_core::feedback::alert::AlertDecision::Dismiss, None).await.unwrap();
        let gone = mot_server::feedback::alerts::withdraw_unfounded(&state, w.ws, w.journey.id, since).await.unwrap();
        assert_eq!(gone, 1, "the open alert the figures do not raise");
        let left: Vec<(i64, Alert)> = alerts_of(&app, &w).await.into_iter().map(|a| (a.period_start, a.kind)).collect();
        assert_eq!(left.len(), 3, "{left:?}");
        assert!(left.contains(&(week, Alert::WorseThanUsual)), "what the figures raise stays");
        assert!(left.contains(&(week - 7, Alert::MagicFading)), "what was dismissed stays");
        assert!(left.contains(&(week - 28, Alert::MagicFading)) && before.len() == 1, "what was kept before stays");
        assert!(!left.contains(&(week, Alert::MagicFading)));
        // Nothing kept since a later time: nothing to withdraw.
        assert_eq!(mot_server::feedback::alerts::withdraw_unfounded(&state, w.ws, w.journey.id, now_ms() + 60_000).await.unwrap(), 0);
    }

    async fn a_journey_the_sweep_checked_is_not_checked_again_for_a_view_until_feedback_changes(app) {
        // A page view asks for a check of the journey's trends only when
        // feedback changed since the last one: the sweep's counts too, so
        // the first readers after a start do not wait behind a second,
        // needless check.
        let w = World::new(&app.store, "Acme").await;
        worse_this_week(&app.store, &w).await;
        let state = mailing_state(&app.store, "smtp://127.0.0.1:9");
        let key = (w.ws, w.journey.id);
        let seen = app.store.feedback_generation();
        assert_eq!(mot_server::feedback::alerts::check_all(&state).await.unwrap(), 1);
        let checked = |state: &AppState| state.alert_checks.lock().unwrap().get(&key).map(|(g, _)| *g);
        assert_eq!(checked(&state), Some(seen), "the sweep's check counts as this journey's check");
        // A new answer makes the journey due again, and the next sweep says so.
        let note = app.store.moments(w.ws, w.journey.id).await.unwrap()[0].id;
        let point = app.store.feedback_point(w.ws, note, None).await.unwrap();
        app.store.answer_feedback_at(&point.token, answer(Verdict::Better), "en", "later", now_ms()).await.unwrap();
        let now = app.store.feedback_generation();
        assert!(now > seen);
        assert_eq!(mot_server::feedback::alerts::check_all(&state).await.unwrap(), 0, "kept once");
        assert_eq!(checked(&state), Some(now));
    }

    async fn an_alert_becomes_an_action_on_the_moment_in_the_latest_session(app) {
        let w = World::new(&app.store, "Acme").await;
        let moment = worse_this_week(&app.store, &w).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        check_alerts(&app.store).await;
        let id = alerts_of(&app, &w).await[0].id;
        refused(owner.submit(&decide_path(&w, id), &[("decision", "delete")]).await, StatusCode::UNPROCESSABLE_ENTITY, "a decision that is none").await;
        let member = w.person(&app.store, Role::Member).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        refused(member.submit(&decide_path(&w, id), &[("decision", "action")]).await, StatusCode::FORBIDDEN, "a member deciding").await;
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.submit(&decide_path(&w, id), &[("decision", "dismiss")]).await, StatusCode::NOT_FOUND, "another workspace's alert").await;
        refused(stranger.submit(&format!("/j/{}/feedback/alerts/{id}", other.journey.id), &[("decision", "dismiss")]).await, StatusCode::NOT_FOUND, "another workspace's alert under its own journey").await;
        let res = owner.post(&decide_path(&w, id), &[("decision", "action")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "no CSRF token, no change");
        // With a session, the action is opened on the moment, once.
        let s = start_session(&app, &w, "Monthly review").await;
        let res = owner.submit(&decide_path(&w, id), &[("decision", "action")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), format!("/j/{}/feedback#alerts", w.journey.id));
        let a = &alerts_of(&app, &w).await[0];
        assert_eq!(a.state, AlertState::Actioned);
        let actions = app.store.open_actions(w.ws, w.journey.id).await.unwrap();
        assert_eq!(actions.len(), 1, "{actions:?}");
        let action = &actions[0];
        assert_eq!((Some(action.id), action.session_id, action.moment_id, action.owner_user_id), (a.action_id, Some(s.id), Some(moment), Some(w.owner.id)));
        assert!(action.what.starts_with("Customers on Delivery day: More customers say worse"), "{}", action.what);
        // The same alert twice (a double click): back to the list, which says what became of it.
        let again = owner.submit(&decide_path(&w, id), &[("decision", "action")]).await;
        assert_eq!((again.status(), location(&again)), (StatusCode::SEE_OTHER, format!("/j/{}/feedback#alerts", w.journey.id)), "the same alert twice");
        assert_eq!(app.store.open_actions(w.ws, w.journey.id).await.unwrap().len(), 1, "still one action");
        let page = feedback_page(&owner, &w).await;
        assert!(page.contains("an action was opened") && page.contains("No alert waits for a decision."), "{page}");
        // The board's session lists it with the session's actions.
        let view = app.store.session_view(w.ws, s.id, mot_core::Author::User(w.owner.id)).await.unwrap();
        assert_eq!(view.actions.len(), 1);
    }

    async fn an_alert_before_the_first_session_becomes_an_action_the_first_session_reviews(app) {
        let w = World::new(&app.store, "Acme").await;
        let moment = worse_this_week(&app.store, &w).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        check_alerts(&app.store).await;
        let id = alerts_of(&app, &w).await[0].id;
        // Who does it and by when may be said first: one of the business's
        // people is offered by name.
        let pat = w.person(&app.store, Role::Member).await;
        // Another client's person of the workspace is neither offered nor
        // found by their name.
        let second = app.store.create_business(w.ws, "Second shop").await.unwrap();
        let stranger = app.store.create_user(w.ws, &unique_email("client"), "Cleo of Second", "not-a-password-hash",
            mot_core::Membership::Client(mot_core::Client { business_id: second.id, role: mot_core::ClientRole::ClientMember })).await.unwrap();
        let page = feedback_page(&owner, &w).await;
        assert!(page.contains(r#"<datalist id="alert-people">"#) && page.contains(&format!(r#"<option value="{}">"#, pat.user.name)), "{page}");
        assert!(!page.contains(&stranger.name), "{page}");
        assert!(page.contains(r#"name="owner_name""#) && page.contains(r#"name="due_on""#), "{page}");
        // A due date in the past is refused, and nothing is decided.
        let past = mot_core::date::format(mot_core::date::today() - time::Duration::days(3));
        refused(owner.submit(&decide_path(&w, id), &[("decision", "action"), ("owner_name", &pat.user.name), ("due_on", &past)]).await, StatusCode::UNPROCESSABLE_ENTITY, "a due date in the past").await;
        refused(owner.submit(&decide_path(&w, id), &[("decision", "action"), ("due_on", "next week")]).await, StatusCode::UNPROCESSABLE_ENTITY, "a date that is none").await;
        assert_eq!(alerts_of(&app, &w).await[0].state, AlertState::Open);
        assert!(app.store.open_actions(w.ws, w.journey.id).await.unwrap().is_empty());
        // The journey has had no session: the action belongs to none.
        let due = mot_core::date::today() + time::Duration::days(14);
        let res = owner.submit(&decide_path(&w, id), &[("decision", "action"), ("owner_name", &format!(" {} ", pat.user.name)), ("due_on", &mot_core::date::format(due))]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let a = &alerts_of(&app, &w).await[0];
        assert_eq!(a.state, AlertState::Actioned);
        let actions = app.store.open_actions(w.ws, w.journey.id).await.unwrap();
        assert_eq!(actions.len(), 1, "{actions:?}");
        assert_eq!((Some(actions[0].id), actions[0].session_id, actions[0].moment_id), (a.action_id, None, Some(moment)));
        assert_eq!((actions[0].owner_user_id, actions[0].owner_name.as_str(), actions[0].due_on), (Some(pat.user.id), pat.user.name.as_str(), Some(due)), "who and by when, as said");
        // Sent again, it is a repeat (nothing more is made), whatever it holds.
        let res = owner.submit(&decide_path(&w, id), &[("decision", "action"), ("due_on", &past)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "decided already: the list shows what became of it");
        assert_eq!(app.store.open_actions(w.ws, w.journey.id).await.unwrap().len(), 1);
        // The other client's person, named, is a name alone.
        app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![NewAlert { moment_id: moment, branch_id: None, kind: Alert::MagicFading, period: a.period, period_start: a.period_start, tally: a.tally }]).await.unwrap();
        let fading = alerts_of(&app, &w).await.into_iter().find(|x| x.state == AlertState::Open).expect("the new alert").id;
        let res = owner.submit(&decide_path(&w, fading), &[("decision", "action"), ("owner_name", &stranger.name)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let made = app.store.open_actions(w.ws, w.journey.id).await.unwrap();
        let theirs = made.iter().find(|x| x.id != actions[0].id).expect("the second action");
        assert_eq!((theirs.owner_user_id, theirs.owner_name.as_str(), theirs.due_on), (None, stranger.name.as_str(), None));
        // The board shows it already, as the page that opened it says.
        let board = ok_page(owner.get(&format!("/j/{}", w.journey.id)).await, "the board before any session").await;
        let waiting = &board[board.find("Open actions, to review at the first session").expect("the actions waiting")..];
        assert!(waiting.contains("Customers on Delivery day: More customers say worse"), "{waiting}");
        // The first session's review lists it with what to do about it.
        let s = start_session(&app, &w, "First").await;
        let board = ok_page(owner.get(&format!("/j/{}", w.journey.id)).await, "the board in Capture").await;
        let review = &board[board.find("Review of open actions").expect("the review of open actions")..];
        assert!(review.contains("Customers on Delivery day: More customers say worse"), "{review}");
        assert!(app.store.session_view(w.ws, s.id, mot_core::Author::User(w.owner.id)).await.unwrap().actions.is_empty(), "not one of the session's own actions");
    }

    async fn an_action_due_before_the_session_it_joins_is_refused_over_what_was_typed(app) {
        let w = World::new(&app.store, "Acme").await;
        worse_this_week(&app.store, &w).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        check_alerts(&app.store).await;
        let id = alerts_of(&app, &w).await[0].id;
        // The latest session is held in ten days: a date between yesterday
        // and then passes the form's own bound but not the session's rule.
        let held = mot_core::date::today() + time::Duration::days(10);
        app.store.start_session(w.ws, w.journey.id, w.owner_actor(), "Planning day", held, SessionSettings::default()).await.unwrap();
        // The form offers no earlier day; a request can still send one.
        let page = feedback_page(&owner, &w).await;
        assert!(page.contains(&format!(r#"name="due_on" type="date" min="{}""#, mot_core::date::format(held))), "{page}");
        let soon = mot_core::date::format(mot_core::date::today() + time::Duration::days(3));
        let page = refused(owner.submit(&decide_path(&w, id), &[("decision", "action"), ("owner_name", "Ann from the shop"), ("due_on", &soon)]).await,
            StatusCode::UNPROCESSABLE_ENTITY, "due before the session it joins").await;
        // The journey's feedback page again: that alert's form open, saying
        // what was wrong, over the name and the date as typed.
        let form = &page[page.find(r#"<details class="who-when" open>"#).expect("the alert's form, open")..];
        let form = &form[..form.find("</details>").unwrap()];
        assert!(form.contains(&format!(r#"action="/j/{}/feedback/alerts/{id}""#, w.journey.id)), "{form}");
        assert!(form.contains(&format!("is before the session ({}); pick a later date</p>", mot_core::date::format(held))), "{form}");
        assert!(form.contains(r#"value="Ann from the shop""#) && form.contains(&format!(r#"value="{soon}""#)), "{form}");
        assert!(page.contains(r#"id="alerts""#) && page.contains(r#"name="from""#), "the page around it");
        assert_eq!(alerts_of(&app, &w).await[0].state, AlertState::Open, "nothing decided");
        assert!(app.store.open_actions(w.ws, w.journey.id).await.unwrap().is_empty(), "nothing made");
        // A date the browser could not have sent is said over the form too.
        let page = refused(owner.submit(&decide_path(&w, id), &[("decision", "action"), ("due_on", "next week")]).await,
            StatusCode::UNPROCESSABLE_ENTITY, "a date that is none").await;
        assert!(page.contains(r#"value="next week""#) && page.contains(r#"<details class="who-when" open>"#), "{page}");
        // Another decision refused is the plain refusal: no form to show again.
        refused(owner.submit(&decide_path(&w, id), &[("decision", "delete")]).await, StatusCode::UNPROCESSABLE_ENTITY, "a decision that is none").await;
        // On the session's day, it is taken.
        let res = owner.submit(&decide_path(&w, id), &[("decision", "action"), ("owner_name", "Ann from the shop"), ("due_on", &mot_core::date::format(held))]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.store.open_actions(w.ws, w.journey.id).await.unwrap().len(), 1);
    }

    async fn a_moment_on_the_agenda_is_offered_first_when_the_next_session_prioritises(app) {
        let w = World::new(&app.store, "Acme").await;
        // Another moment first on the board, so "first" means the agenda's doing.
        w.note(&app.store, 0, "Browsing the catalogue").await;
        let moment = worse_this_week(&app.store, &w).await;
        let first = start_session(&app, &w, "First").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        check_alerts(&app.store).await;
        let id = alerts_of(&app, &w).await[0].id;
        let res = owner.submit(&decide_path(&w, id), &[("decision", "agenda")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let a = &alerts_of(&app, &w).await[0];
        assert_eq!((a.state, a.agenda_after), (AlertState::OnAgenda, Some(first.id)));
        assert!(app.store.session_agenda(w.ws, first.id).await.unwrap().is_empty(), "the session that was on already does not take it");
        assert!(feedback_page(&owner, &w).await.contains("on the next session's agenda"));
        // The next session: its Prioritise step offers the moment first, with its evidence.
        let next = start_session(&app, &w, "Next").await;
        assert_eq!(app.store.session_agenda(w.ws, next.id).await.unwrap().iter().map(|a| a.moment_id).collect::<Vec<_>>(), [moment]);
        let board = ok_page(owner.get(&format!("/j/{}", w.journey.id)).await, "the board in Capture").await;
        assert!(!board.contains("On the agenda: what customers said"), "the agenda shows when the team prioritises");
        to_prioritise(&app, &w, next.id).await;
        let board = ok_page(owner.get(&format!("/j/{}", w.journey.id)).await, "the board in Prioritise").await;
        assert!(board.contains("On the agenda: what customers said"), "{board}");
        assert!(board.contains("10 answers: 50 % worse, 0 % better"), "the evidence");
        // The agenda comes first in the panel, above the board; on the board,
        // its note is tagged where the team puts its dots.
        let (agenda_at, board_at) = (board.find("On the agenda: what customers said").unwrap(), board.find(r#"id="board""#).unwrap());
        assert!(agenda_at < board_at, "the agenda above the board");
        let note = &board[board_at..];
        let note = &note[note.find(&format!(r#"id="m-{moment}""#)).expect("the note")..];
        let note = &note[..note.find("</li>").unwrap()];
        assert!(note.contains("note-marks") && note.contains(r#"class="tag""#), "the agenda's note is tagged: {note}");
        let other = &board[board_at..];
        let other = &other[other.find("Browsing the catalogue").unwrap()..];
        let other = &other[..other.find("</li>").unwrap()];
        assert!(!other.contains(r#"class="tag""#), "{other}");
        // Once the votes are revealed (nobody voted for it), the priorities
        // suggested to star still offer it first.
        app.store.session_command(w.ws, next.id, w.owner_actor(), "Owner", SessionCommand::RevealVotes).await.unwrap();
        let board = ok_page(owner.get(&format!("/j/{}", w.journey.id)).await, "the votes revealed").await;
        let suggested = &board[board.find(r#"value="set_priorities""#).expect("the suggested priorities")..];
        let first = &suggested[suggested.find(r#"name="moment_ids""#).expect("a suggested priority")..];
        assert!(first.starts_with(&format!(r#"name="moment_ids" value="{moment}""#)), "{first}");
        assert!(suggested.contains("Star the suggested priority"), "one suggested: only the agenda's moment (nobody voted)");
        // Another workspace's session has no agenda from here.
        let other = World::new(&app.store, "Other").await;
        assert!(app.store.session_agenda(other.ws, next.id).await.unwrap().is_empty());
    }

    async fn the_json_api_lists_and_decides_alerts_as_the_page_does(app) {
        let w = World::new(&app.store, "Acme").await;
        let moment = worse_this_week(&app.store, &w).await;
        let api = app.api(&w.owner_token);
        let (status, list) = api.get(&format!("/api/v1/journeys/{}/feedback/alerts", w.journey.id)).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let a = &list[0];
        let monday = Period::Week.start(mot_core::feedback::trend::date_of(mot_store::feedback_today()));
        assert_eq!((a["moment_id"].as_i64(), a["kind"].as_str(), a["state"].as_str()), (Some(moment), Some("worse_than_usual"), Some("open")));
        assert_eq!(a["week_of"], mot_core::date::format(monday));
        assert_eq!((a["worse"].as_i64(), a["as_expected"].as_i64(), a["better"].as_i64()), (Some(5), Some(5), Some(0)));
        assert_eq!(a["html_url"], format!("{}/j/{}/feedback#alerts", app.base, w.journey.id));
        let path = format!("/api/v1/journeys/{}/feedback/alerts/{}", w.journey.id, a["id"]);
        let (status, body) = api.post(&path, serde_json::json!({"decision": "forget"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_error_body(&body);
        let member = w.person(&app.store, Role::Member).await;
        let (status, body) = app.api(&member.token).post(&path, serde_json::json!({"decision": "dismiss"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let other = World::new(&app.store, "Other").await;
        let (status, _) = app.api(&other.owner_token).post(&path, serde_json::json!({"decision": "dismiss"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app.api(&other.owner_token).get(&format!("/api/v1/journeys/{}/feedback/alerts", w.journey.id)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // An action due in the past is refused; nothing is decided.
        let past = mot_core::date::format(mot_core::date::today() - time::Duration::days(3));
        let (status, body) = api.post(&path, serde_json::json!({"decision": "action", "owner_name": "Ann", "due_on": past})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_error_body(&body);
        assert_eq!(alerts_of(&app, &w).await[0].state, AlertState::Open);
        // A session booked for later: an action joins it, due no earlier.
        let later = mot_core::date::today() + time::Duration::days(10);
        app.store.start_session(w.ws, w.journey.id, w.owner_actor(), "Next month", later, SessionSettings::default()).await.unwrap();
        let soon = mot_core::date::format(mot_core::date::today() + time::Duration::days(2));
        let (status, body) = api.post(&path, serde_json::json!({"decision": "action", "due_on": soon})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "due before its session: {body}");
        assert_eq!(alerts_of(&app, &w).await[0].state, AlertState::Open);
        assert!(app.store.open_actions(w.ws, w.journey.id).await.unwrap().is_empty());
        // Who and by when, through the API.
        let kept = alerts_of(&app, &w).await[0].clone();
        let other_alert = app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![NewAlert { moment_id: moment, branch_id: None, kind: Alert::MagicFading, period: kept.period, period_start: kept.period_start, tally: kept.tally }]).await.unwrap();
        assert_eq!(other_alert.len(), 1);
        let due = mot_core::date::format(later + time::Duration::days(7));
        let (status, body) = api.post(&format!("/api/v1/journeys/{}/feedback/alerts/{}", w.journey.id, other_alert[0]), serde_json::json!({"decision": "action", "owner_name": "Ann from the shop", "due_on": due})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let made = app.store.open_actions(w.ws, w.journey.id).await.unwrap();
        assert_eq!((made.len(), made[0].owner_user_id, made[0].owner_name.as_str(), made[0].due_on.map(mot_core::date::format)), (1, None, "Ann from the shop", Some(due)));
        let (status, body) = api.post(&path, serde_json::json!({"decision": "agenda"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "on_agenda");
        let (status, body) = api.post(&path, serde_json::json!({"decision": "dismiss"})).await;
        assert_eq!(status, StatusCode::CONFLICT, "decided once: {body}");
        let (status, body) = api.post(&path, serde_json::json!({"decision": "action", "due_on": past})).await;
        assert_eq!(status, StatusCode::CONFLICT, "decided once, whatever the plan: {body}");
        assert_eq!(alerts_of(&app, &w).await.iter().find(|x| x.id == kept.id).unwrap().state, AlertState::OnAgenda);
    }

    async fn a_dismissed_alert_is_not_kept_again_nor_mailed(app) {
        let w = World::new(&app.store, "Acme").await;
        worse_this_week(&app.store, &w).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        check_alerts(&app.store).await;
        let id = alerts_of(&app, &w).await[0].id;
        let res = owner.submit(&decide_path(&w, id), &[("decision", "dismiss")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let page = feedback_page(&owner, &w).await;
        let kept = alerts_of(&app, &w).await;
        assert_eq!(kept.iter().map(|a| (a.id, a.state)).collect::<Vec<_>>(), [(id, AlertState::Dismissed)], "the same week's alert is not raised again");
        assert!(page.contains("dismissed"), "{page}");
        let now = now_ms();
        assert!(app.store.feedback_alerts_to_mail(0, now, 10).await.unwrap().is_empty(), "a dismissed alert is not mailed");
    }
}

/// An app state of its own on `store`, mailing through `smtp_url`: the
/// background task's work, called by the test when it chooses.
fn mailing_state(store: &Store, smtp_url: &str) -> AppState {
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    let (live, _) = tokio::sync::mpsc::channel(1);
    AppState::new(store.clone(), mail_settings(smtp_url), stopped, live)
}

on_both! {
    async fn new_alerts_are_mailed_once_to_the_owners_each_in_their_language(app) {
        let Some(sink) = SmtpSink::start() else { return };
        let app = TestApp::start_configured(app.db.clone(), app.store.clone(), mail_settings(&sink.url())).await;
        let w = World::new(&app.store, "Acme").await;
        let german = w.person(&app.store, Role::Owner).await;
        app.store.set_user_language(german.user.id, "de").await.unwrap();
        w.person(&app.store, Role::Member).await;
        worse_this_week(&app.store, &w).await;
        // Reading the figures asks for a check in the background: it keeps
        // the alert, and mails it.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        feedback_page(&owner, &w).await;
        let mut got = sink.wait_for(2).await;
        got.sort_by(|a, b| a.to.cmp(&b.to));
        let mut owners = vec![(w.owner.email.clone(), "en"), (german.user.email.clone(), "de")];
        owners.sort();
        assert_eq!(got.iter().map(|m| m.to.clone()).collect::<Vec<_>>(), owners.iter().map(|(e, _)| e.clone()).collect::<Vec<_>>(), "the owners, not the member");
        let link = format!("https://mot.example.com/j/{}/feedback", w.journey.id);
        for (mail, (_, lang)) in got.iter().zip(&owners) {
            assert!(mail.text.contains(&link), "the link to the figures: {mail:?}");
            assert!(mail.text.contains("Delivery day") && mail.text.contains("New customer buys a sofa"), "{mail:?}");
            if *lang == "de" {
                assert_eq!(mail.subject, "Kundenwarnung: Delivery day");
                assert!(mail.text.contains("Mehr Kunden sagen schlechter") && mail.text.contains("Antworten: 10 (50 % schlechter, 0 % besser)"), "{mail:?}");
            } else {
                assert_eq!(mail.subject, "Customer alert: Delivery day");
                assert!(mail.text.contains("More customers say worse") && mail.text.contains("Answers: 10 (50 % worse, 0 % better)"), "{mail:?}");
            }
        }
        let mailed = within("the alert to be marked mailed", async {
            loop {
                let a = alerts_of(&app, &w).await.remove(0);
                if a.mailed_at.is_some() {
                    return a;
                }
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        }).await;
        assert!(mailed.mailed_at.is_some());
        // Another look (the background task's) sends nothing more.
        let state = mailing_state(&app.store, &sink.url());
        assert_eq!(mot_server::feedback::alerts::check_all(&state).await.unwrap(), 0, "nothing new");
        assert_eq!(mot_server::feedback::alerts::mail_alerts(&state).await.unwrap(), 0, "nothing to mail");
        feedback_page(&owner, &w).await;
        assert_eq!(sink.messages().len(), 2, "mailed once");
    }

    async fn a_mail_that_fails_is_tried_again_later_and_never_after_it_was_sent(app) {
        let Some(sink) = SmtpSink::start() else { return };
        let w = World::new(&app.store, "Acme").await;
        worse_this_week(&app.store, &w).await;
        // Nothing listens there: the send fails.
        let closed = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let down = mailing_state(&app.store, &format!("smtp://127.0.0.1:{closed}"));
        let now = now_ms();
        assert_eq!(mot_server::feedback::alerts::check_all(&down).await.unwrap(), 1, "the alert is kept");
        let a = alerts_of(&app, &w).await.remove(0);
        assert_eq!(a.mailed_at, None);
        let due = |at: i64| { let store = app.store.clone(); async move { store.feedback_alerts_to_mail(0, at, 10).await.unwrap() } };
        assert!(due(now_ms()).await.is_empty(), "not again at once");
        let later = now + 61_000;
        let waiting = due(later + 60_000).await;
        assert_eq!((waiting.len(), waiting[0].tries), (1, 1), "one failed try, due again a minute on");
        // A minute later the server is up: the alert goes out, once.
        let up = mailing_state(&app.store, &sink.url());
        assert_eq!(mot_server::feedback::alerts::mail_alerts_at(&up, now + 1_000).await.unwrap(), 0, "still waiting");
        assert!(sink.messages().is_empty());
        assert_eq!(mot_server::feedback::alerts::mail_alerts_at(&up, later + 60_000).await.unwrap(), 1);
        let got = sink.wait_for(1).await;
        assert_eq!(got[0].to, w.owner.email);
        assert_eq!(mot_server::feedback::alerts::mail_alerts_at(&up, later + 600_000).await.unwrap(), 0, "never twice");
        assert_eq!(sink.messages().len(), 1);
        // Two senders at once (two instances): one claims, the other skips.
        assert!(!app.store.claim_feedback_alert_mail(w.ws, a.id, later + 700_000, later + 800_000).await.unwrap(), "a mailed alert is not claimed");
    }

    async fn an_owner_who_got_the_mail_is_not_mailed_again_when_another_is_retried(app) {
        let Some(sink) = SmtpSink::start() else { return };
        let w = World::new(&app.store, "Acme").await;
        // The sink turns this owner away once (greylisting), then takes the mail.
        let greylisted = app.store.create_user(w.ws, &unique_email("greylist"), "Grey Owner", "not-a-password-hash", Role::Owner).await.unwrap();
        worse_this_week(&app.store, &w).await;
        let state = mailing_state(&app.store, &sink.url());
        let now = now_ms();
        assert_eq!(mot_server::feedback::alerts::check_all(&state).await.unwrap(), 1);
        let got = sink.wait_for(1).await;
        assert_eq!(got.iter().map(|m| m.to.as_str()).collect::<Vec<_>>(), [w.owner.email.as_str()], "the first owner got it");
        let a = alerts_of(&app, &w).await.remove(0);
        assert_eq!(a.mailed_at, None, "not every owner got it");
        assert_eq!(app.store.feedback_alert_recipients(w.ws, a.id).await.unwrap(), [w.owner.id]);
        // Tried again later: only the owner who did not get it.
        assert_eq!(mot_server::feedback::alerts::mail_alerts_at(&state, now + 120_000).await.unwrap(), 1);
        let got = sink.wait_for(2).await;
        assert_eq!(got.iter().map(|m| m.to.as_str()).collect::<Vec<_>>(), [w.owner.email.as_str(), greylisted.email.as_str()]);
        assert!(alerts_of(&app, &w).await[0].mailed_at.is_some());
        assert_eq!(mot_server::feedback::alerts::mail_alerts_at(&state, now + 600_000).await.unwrap(), 0);
        assert_eq!(sink.messages().len(), 2, "each owner once");
    }
}

on_both! {
    async fn a_branch_whose_customers_turn_worse_raises_its_own_alert_named_for_it(app) {
        let w = World::new(&app.store, "Acme").await;
        let store = &app.store;
        let note = w.note(store, 0, "Delivery day").await;
        let north = store.add_branch(w.ws, w.business.id, "North").await.unwrap();
        let south = store.add_branch(w.ws, w.business.id, "South").await.unwrap();
        let today = mot_store::feedback_today();
        let mut n = 0;
        for branch in [&north, &south] {
            let point = store.feedback_point(w.ws, note.id, Some(branch.id)).await.unwrap();
            // Eight ordinary weeks: 2 worse, 12 as expected, 6 better a week.
            for week in 1..=8 {
                for (v, count) in [(Verdict::Worse, 2), (Verdict::AsExpected, 12), (Verdict::Better, 6)] {
                    for _ in 0..count {
                        n += 1;
                        let at = (today - 7 * week) * DAY_MS + 3_600_000;
                        store.answer_feedback_at(&point.token, answer(v), "en", &format!("past{n}"), at).await.unwrap();
                    }
                }
            }
            // This week half of North's customers say worse; South's are as ever.
            let now: Vec<Verdict> = if branch.id == north.id {
                [Verdict::Worse; 5].into_iter().chain([Verdict::AsExpected; 5]).collect()
            } else {
                [Verdict::Worse; 2].into_iter().chain([Verdict::AsExpected; 12]).chain([Verdict::Better; 6]).collect()
            };
            for v in now {
                n += 1;
                store.answer_feedback(&point.token, answer(v), "en", &format!("now{n}")).await.unwrap();
            }
        }
        // The API's list checks the trends before it answers.
        let (status, list) = app.api(&w.owner_token).get(&format!("/api/v1/journeys/{}/feedback/alerts", w.journey.id)).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let named: Vec<&serde_json::Value> = list.as_array().unwrap().iter().filter(|a| !a["branch_id"].is_null()).collect();
        assert_eq!(named.len(), 1, "{list}");
        assert_eq!((named[0]["branch_id"].as_i64(), named[0]["branch_name"].as_str()), (Some(north.id), Some("North")));
        let alerts = alerts_of(&app, &w).await;
        let by_branch: Vec<(Option<i64>, Option<String>)> = alerts.iter().filter(|a| a.branch_id.is_some()).map(|a| (a.branch_id, a.branch_name.clone())).collect();
        assert_eq!(by_branch, vec![(Some(north.id), Some("North".to_string()))], "{alerts:?}");
        // The page names the branch.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = feedback_page(&owner, &w).await;
        assert!(page.contains("Delivery day at North"), "{page}");
    }
}

on_both! {
    async fn a_slide_that_lasts_is_one_alert_carried_on_week_by_week(app) {
        // The trends are judged each week; while a moment keeps sliding,
        // each week raises "magic fading" again. That is one alert, kept and
        // mailed once, carried on while the weeks in a row raise it: the
        // board's and the figures' badges stay, and nothing is mailed again.
        let w = World::new(&app.store, "Acme").await;
        let note = w.note(&app.store, 0, "Delivery day").await;
        let week = day_number(Period::Week.start(mot_core::feedback::trend::date_of(mot_store::feedback_today())));
        let alert = |kind, period_start| NewAlert { moment_id: note.id, branch_id: None, kind, period: Period::Week, period_start, tally: Tally { worse: 1, as_expected: 14, better: 5 } };
        let keep = |starts: Vec<i64>| {
            let store = app.store.clone();
            async move {
                let mut made = Vec::new();
                for s in starts {
                    made.extend(store.keep_feedback_alerts(w.ws, w.journey.id, vec![alert(Alert::MagicFading, s)]).await.unwrap());
                }
                made
            }
        };
        let owner = app.signed_in(w.ws, w.owner.id).await;
        // Raised eleven weeks ago, not since: one alert, too old for the badges.
        assert_eq!(keep(vec![week - 77]).await.len(), 1);
        let board = ok_page(owner.get(&format!("/j/{}", w.journey.id)).await, "the board").await;
        assert!(!board.contains("magic fading"), "an old alert is no badge");
        // Raised again nine weeks ago, after a week that did not: a new slide.
        let made = keep(vec![week - 63]).await;
        assert_eq!(made.len(), 1, "a week apart is a new alert");
        // Each week since raises it too: carried on, nothing new to mail.
        let carried = keep(vec![week - 56, week - 49, week - 42, week - 35, week - 28, week - 21, week - 14, week - 7, week, week]).await;
        assert!(carried.is_empty(), "{carried:?}");
        let kept = alerts_of(&app, &w).await;
        let runs: Vec<(i64, i64)> = kept.iter().map(|a| (a.period_start, a.last_start)).collect();
        assert_eq!(runs, vec![(week - 63, week), (week - 77, week - 77)], "newest first");
        assert_eq!(kept[0].id, made[0]);
        assert_eq!(app.store.feedback_alerts_to_mail(0, now_ms(), 10).await.unwrap().len(), 2, "each mailed once, when SMTP comes");
        // The board's and the figures' badges read the latest week it was raised.
        let board = ok_page(owner.get(&format!("/j/{}", w.journey.id)).await, "the board").await;
        assert!(board.contains("magic fading"), "the slide goes on: {board}");
        let page = feedback_page(&owner, &w).await;
        let monday = |d: i64| mot_core::feedback::trend::date_of(d);
        assert!(page.contains(&format!("week of {} · 20 answers: 5 % worse, 25 % better · still so in the week of {}", mot_core::date::format(monday(week - 63)), mot_core::date::format(monday(week)))), "{page}");
        let (status, list) = app.api(&w.owner_token).get(&format!("/api/v1/journeys/{}/feedback/alerts", w.journey.id)).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        assert_eq!((list[0]["week_of"].as_str(), list[0]["last_week_of"].as_str()), (Some(mot_core::date::format(monday(week - 63)).as_str()), Some(mot_core::date::format(monday(week)).as_str())));
        assert_eq!(list[1]["week_of"], list[1]["last_week_of"]);
        // A dismissed alert is carried on dismissed: not raised anew.
        let worse = app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![alert(Alert::WorseThanUsual, week - 7)]).await.unwrap()[0];
        app.store.decide_feedback_alert(w.ws, w.journey.id, worse, w.owner_actor(), mot_core::feedback::alert::AlertDecision::Dismiss, None).await.unwrap();
        assert!(app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![alert(Alert::WorseThanUsual, week)]).await.unwrap().is_empty());
        let dismissed = app.store.feedback_alert(w.ws, worse).await.unwrap();
        assert_eq!((dismissed.state, dismissed.last_start), (AlertState::Dismissed, week));
        // What a taken-out import carried on goes back a week; the alert,
        // kept before the import, stays.
        let fading = made[0];
        let state = mailing_state(&app.store, "smtp://127.0.0.1:9");
        let since = now_ms() + 1;
        while now_ms() < since {
            tokio::task::yield_now().await;
        }
        assert_eq!(mot_server::feedback::alerts::withdraw_unfounded(&state, w.ws, w.journey.id, since).await.unwrap(), 0, "nothing carried since");
        // As if this week's check had not run before the import began.
        sqlx::query("UPDATE feedback_alerts SET last_start = $1 WHERE id = $2").bind(week - 7).bind(fading).execute(app.store.pool()).await.unwrap();
        assert!(keep(vec![week]).await.is_empty(), "carried on during the import");
        assert_eq!(mot_server::feedback::alerts::withdraw_unfounded(&state, w.ws, w.journey.id, since).await.unwrap(), 1);
        let back = app.store.feedback_alert(w.ws, fading).await.unwrap();
        assert_eq!((back.period_start, back.last_start, back.state), (week - 63, week - 7, AlertState::Open));
        // Taken back once: a second withdrawal (another import's) leaves it.
        assert_eq!(mot_server::feedback::alerts::withdraw_unfounded(&state, w.ws, w.journey.id, since).await.unwrap(), 0);
        assert_eq!(app.store.feedback_alert(w.ws, fading).await.unwrap().last_start, week - 7);
    }

    async fn a_week_an_alert_covers_adds_nothing_and_one_run_is_carried_on(app) {
        let w = World::new(&app.store, "Acme").await;
        let note = w.note(&app.store, 0, "Delivery day").await;
        let week = day_number(Period::Week.start(mot_core::feedback::trend::date_of(mot_store::feedback_today())));
        let alert = |period_start| NewAlert { moment_id: note.id, branch_id: None, kind: Alert::WorseThanUsual, period: Period::Week, period_start, tally: Tally { worse: 9, as_expected: 1, better: 0 } };
        let keep = |starts: &[i64]| app.store.keep_feedback_alerts(w.ws, w.journey.id, starts.iter().map(|&s| alert(s)).collect());
        let runs = || async { alerts_of(&app, &w).await.iter().map(|a| (a.period_start, a.last_start)).collect::<Vec<_>>() };
        // Weeks in order, one twice, in one call: one alert.
        assert_eq!(keep(&[week - 35, week - 28, week - 28, week - 21]).await.unwrap().len(), 1);
        assert_eq!(runs().await, vec![(week - 35, week - 21)]);
        // A week inside the run again (a check that judged an earlier week
        // after answers were taken out): nothing new, nothing moved.
        assert!(keep(&[week - 28]).await.unwrap().is_empty());
        assert_eq!(runs().await, vec![(week - 35, week - 21)]);
        // Two alerts of weeks in a row kept before runs were (one a week):
        // the next week carries on only the latest.
        let other = w.note(&app.store, 0, "Installation").await;
        let older = |period_start| NewAlert { moment_id: other.id, ..alert(period_start) };
        assert_eq!(app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![older(week - 7)]).await.unwrap().len(), 1);
        assert_eq!(app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![older(week - 14)]).await.unwrap().len(), 1, "a week before a run starts a run of its own");
        assert!(app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![older(week)]).await.unwrap().is_empty());
        let mut theirs: Vec<(i64, i64)> = alerts_of(&app, &w).await.iter().filter(|a| a.moment_id == other.id).map(|a| (a.period_start, a.last_start)).collect();
        theirs.sort();
        assert_eq!(theirs, vec![(week - 14, week - 14), (week - 7, week)]);
    }
}
