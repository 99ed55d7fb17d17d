//! The session panel's forms as a person fills them in, without the page
//! script: an action's ladder entered row by row (a bad row is named), the
//! people of the board offered as an action's owner, and "+ dot" buttons
//! that say why they cannot be pressed.

#[macro_use]
mod common;

use common::*;
use mot_core::date;
use mot_core::session::{Phase, SessionCommand, SessionSettings};
use mot_core::{Id, Role};
use reqwest::StatusCode;

/// A board with two notes and a session the owner started, moved to `phase`
/// with the first note as its priority.
async fn session_at(app: &TestApp, phase: Phase) -> (World, Id, Vec<Id>) {
    let w = World::new(&app.store, "Acme").await;
    let m = vec![
        w.note(&app.store, 0, "Store first impressions").await.id,
        w.note(&app.store, 1, "Pays at the till").await.id,
    ];
    let s = app
        .store
        .start_session(
            w.ws,
            w.journey.id,
            w.owner_actor(),
            "March workshop",
            date::today(),
            SessionSettings::default(),
        )
        .await
        .unwrap();
    let lead = |cmd| {
        let (store, ws, actor, name) = (&app.store, w.ws, w.owner_actor(), w.owner.name.clone());
        async move {
            store
                .session_command(ws, s.id, actor, &name, cmd)
                .await
                .unwrap()
        }
    };
    let mut now = Phase::Capture;
    while now < phase {
        if now == Phase::Prioritise {
            lead(SessionCommand::SetPriorities {
                moment_ids: vec![m[0]],
            })
            .await;
        }
        let next = now.next().unwrap();
        lead(SessionCommand::ChangePhase {
            expected: now,
            target: next,
        })
        .await;
        now = next;
    }
    (w, s.id, m)
}

/// One ladder row's fields.
fn row<'a>(text: &'a str, day: &'a str, measure: &'a str) -> [(&'static str, &'a str); 3] {
    [
        ("step_text", text),
        ("step_date", day),
        ("step_measure", measure),
    ]
}

on_both! {
    async fn an_actions_ladder_is_entered_row_by_row_and_a_bad_row_is_named(app) {
        let (w, sid, m) = session_at(&app, Phase::SelectPlan).await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let at = format!("/j/{jid}/sessions/{sid}");

        // The form has a row per step (text, a date picker, a measure), up to
        // the limit, and no line syntax to learn.
        let panel = ok_page(owner.get(&format!("/j/{jid}/session-panel")).await, "the panel").await;
        assert_eq!(panel.matches(r#"name="step_text""#).count(), mot_core::session::SessionLimits::STEPS, "{panel}");
        assert_eq!(panel.matches(r#"name="step_date" type="date""#).count(), mot_core::session::SessionLimits::STEPS, "{panel}");
        assert!(panel.contains(r#"for="ac-step-text-1""#) && panel.contains("Step 2"), "{panel}");
        assert!(!panel.contains("step | YYYY-MM-DD | measure"), "{panel}");

        // A row with a bad date is refused, by name, by a form post and by fetch.
        let moment = m[0].to_string();
        let (d7, d14, d21) = (day(7), day(14), day(21));
        let mut bad: Vec<(&str, &str)> = vec![("op", "save_action"), ("moment_id", &moment), ("what", "Faster delivery"), ("owner_name", "Ana")];
        bad.extend(row("Deliver in 10 days", &d7, "10 days"));
        bad.extend(row("Deliver in 7 days", "2027-02-30", ""));
        let before = w.journey_now(&app.store).await.last_seq;
        let page = refused(owner.submit(&at, &bad).await, StatusCode::UNPROCESSABLE_ENTITY, "a bad step date").await;
        assert!(page.contains("step 2: must be a date"), "{page}");
        let body = refused(owner.fetch(&at, &bad).await, StatusCode::UNPROCESSABLE_ENTITY, "a bad step date").await;
        assert!(body.contains("step 2: must be a date like 2026-12-16 (“Deliver in 7 days”)"), "{body}");
        // Steps out of order: the later row is named.
        let mut backwards: Vec<(&str, &str)> = vec![("op", "save_action"), ("what", "Faster delivery"), ("owner_name", "Ana")];
        backwards.extend(row("Deliver in 10 days", &d14, ""));
        backwards.extend(row("Deliver in 7 days", &d7, ""));
        let body = refused(owner.fetch(&at, &backwards).await, StatusCode::UNPROCESSABLE_ENTITY, "steps out of order").await;
        assert!(body.contains("step 2: is dated before the step above it"), "{body}");
        // A measure without its step.
        let mut textless: Vec<(&str, &str)> = vec![("op", "save_action"), ("what", "Faster delivery"), ("owner_name", "Ana")];
        textless.extend(row("Deliver in 10 days", "", ""));
        textless.extend(row("", "", "7 days"));
        let body = refused(owner.fetch(&at, &textless).await, StatusCode::UNPROCESSABLE_ENTITY, "a step without text").await;
        assert!(body.contains("step 2: must not be empty"), "{body}");
        assert_eq!(w.journey_now(&app.store).await.last_seq, before, "nothing was written");

        // The ladder as the page sends it without script: every row, blank
        // ones included; the blank ones are left out, the order kept.
        let mut good: Vec<(&str, &str)> = vec![("op", "save_action"), ("moment_id", &moment), ("what", "Faster delivery"), ("owner_name", "Ana")];
        good.extend(row("Deliver in 10 days", &d7, "delivery time 10 days"));
        good.extend(row("", "", ""));
        good.extend(row("Deliver in 7 days", &d14, ""));
        good.extend(row("Money back if not in 7", &d21, "refunds paid"));
        for _ in 4..mot_core::session::SessionLimits::STEPS {
            good.extend(row("", "", ""));
        }
        let res = owner.submit(&at, &good).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
        let view = app.store.session_view(w.ws, sid, w.owner_actor().author()).await.unwrap();
        let steps: Vec<(String, Option<String>, String)> = view.actions[0]
            .steps
            .iter()
            .map(|s| (s.text.clone(), s.target_on.map(date::format), s.measure.clone()))
            .collect();
        assert_eq!(steps, vec![
            ("Deliver in 10 days".to_string(), Some(d7.clone()), "delivery time 10 days".to_string()),
            ("Deliver in 7 days".to_string(), Some(d14.clone()), String::new()),
            ("Money back if not in 7".to_string(), Some(d21.clone()), "refunds paid".to_string()),
        ]);
    }

    async fn the_action_form_offers_the_people_of_the_board_as_owners(app) {
        let (w, sid, _) = session_at(&app, Phase::Ideas).await;
        let jid = w.journey.id;
        let member = w.person(&app.store, Role::Member).await;
        let guest = app.guest(&w.journey, "Gus").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        // Another workspace's people are never offered.
        let other = World::new(&app.store, "Elsewhere").await;
        app.store
            .session_command(w.ws, sid, w.owner_actor(), &w.owner.name, SessionCommand::ChangePhase { expected: Phase::Ideas, target: Phase::SelectPlan })
            .await
            .unwrap();

        let panel = ok_page(owner.get(&format!("/j/{jid}/session-panel")).await, "the panel").await;
        assert!(panel.contains(r#"name="owner_name" dir="auto" required maxlength="60" list="ac-people""#), "{panel}");
        let list = &panel[panel.find(r#"<datalist id="ac-people">"#).expect("a list of people")..];
        let list = &list[..list.find("</datalist>").unwrap()];
        for name in [w.owner.name.as_str(), member.user.name.as_str(), "Gus"] {
            assert!(list.contains(&format!(r#"<option value="{name}">"#)), "{name} in {list}");
        }
        assert!(!list.contains(&other.owner.name), "{list}");
        // A guest is not offered the action form at all.
        let guest_panel = ok_page(guest.get(&format!("/j/{jid}/session-panel")).await, "the guest's panel").await;
        assert!(!guest_panel.contains("ac-people"), "{guest_panel}");

        // Free text still names someone outside the board.
        let res = owner.submit(&format!("/j/{jid}/sessions/{sid}"), &[("op", "save_action"), ("what", "Ask the carrier"), ("owner_name", "Carla from the carrier")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let view = app.store.session_view(w.ws, sid, w.owner_actor().author()).await.unwrap();
        assert_eq!(view.actions[0].owner_name, "Carla from the carrier");
    }

    async fn a_dot_button_that_cannot_be_pressed_says_why(app) {
        let (w, _sid, m) = session_at(&app, Phase::Prioritise).await;
        let jid = w.journey.id;
        let guest = app.guest(&w.journey, "Gus").await;
        let sid = app.store.sessions(w.ws, jid).await.unwrap()[0].id;
        let at = format!("/j/{jid}/sessions/{sid}");
        // One dot on the first moment: its "+ dot" explains that one is the limit per moment.
        let res = guest.fetch(&at, &[("op", "vote"), ("moment_id", &m[0].to_string())]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let panel = ok_page(guest.get(&format!("/j/{jid}/session-panel")).await, "the panel").await;
        assert!(!panel.contains(" disabled"), "a disabled button says nothing when pressed: {panel}");
        let first = &panel[panel.find("Put a dot on Store first impressions").unwrap()..];
        let first = &first[..first.find("</button>").unwrap()];
        assert!(first.contains(r#"aria-disabled="true""#) && first.contains("One dot per moment"), "{first}");
        let second = &panel[panel.find("Put a dot on Pays at the till").unwrap()..];
        let second = &second[..second.find("</button>").unwrap()];
        assert!(!second.contains("aria-disabled"), "{second}");
    }

    async fn without_the_page_script_dots_go_on_the_notes_and_the_reveal_counts_them_there(app) {
        let (w, sid, m) = session_at(&app, Phase::Prioritise).await;
        let jid = w.journey.id;
        let gus = app.guest(&w.journey, "Gus").await;
        let board = ok_page(gus.get(&format!("/j/{jid}")).await, "the board").await;
        let note = |page: &str, id: Id| {
            let at = page.find(&format!(r#"id="m-{id}""#)).expect("the note");
            let rest = &page[at..];
            rest[..rest.find("</li>").unwrap()].to_string()
        };
        // Each note carries its "+ dot" form; the panel no longer lists the moments.
        let first = note(&board, m[0]);
        assert!(first.contains("Put a dot on Store first impressions") && first.contains(r#"name="op" value="vote""#), "{first}");
        assert!(!board.contains("vote-list"), "the panel's list of moments is gone");
        // A plain form post (no script): a dot, then back to the board, where the note shows it.
        let res = gus.submit(&format!("/j/{jid}/sessions/{sid}"), &[("op", "vote"), ("moment_id", &m[0].to_string())]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let board = ok_page(gus.get(&format!("/j/{jid}")).await, "the board after a dot").await;
        let first = note(&board, m[0]);
        assert!(first.contains("1 of your dots") && first.contains("●") && first.contains("Take a dot back from Store first impressions"), "{first}");
        let second = note(&board, m[1]);
        assert!(second.contains("0 of your dots") && !second.contains("Take a dot back"), "{second}");
        // Another person does not see Gus's dot before the reveal.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let theirs = note(&ok_page(owner.get(&format!("/j/{jid}")).await, "the owner's board").await, m[0]);
        assert!(theirs.contains("0 of your dots") && !theirs.contains("●"), "{theirs}");
        // Revealed: every note says its count, the first rank marked.
        app.store.session_command(w.ws, sid, w.owner_actor(), &w.owner.name, SessionCommand::RevealVotes).await.unwrap();
        let board = ok_page(gus.get(&format!("/j/{jid}")).await, "the board after the reveal").await;
        let first = note(&board, m[0]);
        assert!(first.contains("marks revealed lead") && first.contains("#1") && first.contains("<strong>1</strong> dot"), "{first}");
        let second = note(&board, m[1]);
        assert!(second.contains("<strong>0</strong> dots") && !second.contains("lead"), "{second}");
        assert!(!second.contains(r#"value="vote""#), "no voting after the reveal: {second}");
    }
}
