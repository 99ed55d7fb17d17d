//! The five-step session through the real server: every route's happy path
//! (form posts with and without the page script, the JSON API), who may lead,
//! the phase and vote rules, bad input, another workspace, two facilitators
//! at once, hidden votes (in the panel and on the live socket), the
//! next-session calendar file and the contact planning form's downloads, each
//! read back by an independent parser.

#[macro_use]
mod common;

use common::*;
use mot_core::date;
use mot_core::session::SessionEvent;
use mot_core::session::{Phase, SessionCommand, SessionSettings, TeamSession};
use mot_core::{BoardCommand, BoardEvent, Id, LiveEvent, Moment, Role};
use reqwest::header::CONTENT_DISPOSITION;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

// ---- helpers -------------------------------------------------------------------

/// A fetch post's answer: 200 with the change frame of `kind`.
async fn frame(res: reqwest::Response, kind: &str) -> Value {
    let status = res.status();
    let ct = content_type(&res);
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{kind}: {text}");
    assert!(ct.starts_with("application/json"), "{kind}: {ct}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["type"], kind, "{v}");
    assert!(v["seq"].is_i64(), "{v}");
    v
}

/// A form post without script answers 303 back to the session panel.
fn back_to_panel(res: &reqwest::Response, jid: Id, what: &str) {
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{what}");
    assert_eq!(location(res), format!("/j/{jid}#session-panel"), "{what}");
}

/// The API answer, checked: the status, and our error body on a refusal.
fn check(got: (StatusCode, Value), status: StatusCode, what: &str) -> Value {
    assert_eq!(got.0, status, "{what}: {}", got.1);
    if !status.is_success() {
        assert_error_body(&got.1);
    }
    got.1
}

/// A board with four notes (two with a channel) and a session the owner
/// started on it through the store.
struct Workshop {
    w: World,
    sid: Id,
    m: Vec<Moment>,
}

impl Workshop {
    async fn new(app: &TestApp, settings: SessionSettings) -> Workshop {
        let w = World::new(&app.store, "Acme").await;
        let mut m = Vec::new();
        for (stage, title) in [
            (0, "Store first impressions"),
            (1, "Pays at the till"),
            (1, "Asks for help"),
            (2, "Delivery arrives"),
        ] {
            m.push(w.note(&app.store, stage, title).await);
        }
        let s = app
            .store
            .start_session(
                w.ws,
                w.journey.id,
                w.owner_actor(),
                "March workshop",
                date::today(),
                settings,
            )
            .await
            .unwrap();
        Workshop { w, sid: s.id, m }
    }

    fn jid(&self) -> Id {
        self.w.journey.id
    }

    /// `/j/{jid}/sessions/{sid}` and anything after it.
    fn path(&self, rest: &str) -> String {
        format!("/j/{}/sessions/{}{rest}", self.jid(), self.sid)
    }

    /// A command by the owner, straight through the store.
    async fn lead(&self, app: &TestApp, cmd: SessionCommand) {
        app.store
            .session_command(
                self.w.ws,
                self.sid,
                self.w.owner_actor(),
                &self.w.owner.name,
                cmd,
            )
            .await
            .unwrap();
    }

    /// Moves the session one phase at a time to `target`, as the owner.
    async fn move_to(&self, app: &TestApp, target: Phase) {
        loop {
            let now = self.session(app).await.phase;
            if now == target {
                return;
            }
            let next = if now < target { now.next() } else { now.prev() }.unwrap();
            self.lead(
                app,
                SessionCommand::ChangePhase {
                    expected: now,
                    target: next,
                },
            )
            .await;
        }
    }

    async fn session(&self, app: &TestApp) -> TeamSession {
        app.store.team_session(self.w.ws, self.sid).await.unwrap()
    }

    /// What a refused request must leave alone: the session and the board's log.
    async fn state(&self, app: &TestApp) -> (TeamSession, i64) {
        (
            self.session(app).await,
            self.w.journey_now(&app.store).await.last_seq,
        )
    }
}

/// The fields of a vote for a moment.
fn vote(m: &Moment) -> Vec<(&'static str, String)> {
    vec![("op", "vote".into()), ("moment_id", m.id.to_string())]
}

fn pairs<'a>(f: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    f.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

on_both! {
    async fn a_facilitator_runs_a_whole_session_with_form_posts_and_fetch_posts(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let m1 = w.note(&app.store, 0, "Store first impressions").await;
        let m2 = w.note(&app.store, 1, "Pays at the till").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let guest = app.guest(&w.journey, "Gus").await;

        // No session yet: the panel offers to start one, to the facilitator only.
        let res = owner.get(&format!("/j/{jid}/session-panel")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert!(res.text().await.unwrap().contains("Start a session"));
        let panel = guest.get(&format!("/j/{jid}/session-panel")).await.text().await.unwrap();
        assert!(!panel.contains("Start a session"), "{panel}");

        // Start one with a form.
        let res = owner.submit(&format!("/j/{jid}/sessions"), &[("title", "  March workshop "), ("held_on", &day(0)), ("vote_limit", "3"), ("priority_cap", "2"), ("anonymous_ideas", "")]).await;
        back_to_panel(&res, jid, "start a session");
        let sessions = app.store.sessions(w.ws, jid).await.unwrap();
        assert_eq!(sessions.len(), 1);
        let s = &sessions[0];
        assert_eq!((s.title.as_str(), s.phase, date::format(s.held_on)), ("March workshop", Phase::Capture, day(0)));
        assert_eq!((s.settings.vote_limit, s.settings.priority_cap, s.settings.multi_vote), (3, 2, false));
        let sid = s.id;
        let at = format!("/j/{jid}/sessions/{sid}");
        let panel = guest.get(&format!("/j/{jid}/session-panel")).await.text().await.unwrap();
        assert!(panel.contains("March workshop") && panel.contains(&format!(r#"data-session="{sid}""#)), "{panel}");
        let mut seq = w.journey_now(&app.store).await.last_seq;

        // Capture → Colour-code by form, timers by fetch and by form.
        let res = owner.submit(&at, &[("op", "change_phase"), ("expected", "capture"), ("target", "colour_code")]).await;
        back_to_panel(&res, jid, "change phase by form");
        assert_eq!(app.store.team_session(w.ws, sid).await.unwrap().phase, Phase::ColourCode);
        let v = frame(owner.fetch(&at, &[("op", "set_timer"), ("seconds", "300")]).await, "timer_set").await;
        let ends = v["timer_ends_at"].as_i64().expect("a timer end");
        assert_eq!(app.store.team_session(w.ws, sid).await.unwrap().timer_ends_at, Some(ends));
        back_to_panel(&owner.submit(&at, &[("op", "set_timer"), ("seconds", "")]).await, jid, "stop the timer");
        assert_eq!(app.store.team_session(w.ws, sid).await.unwrap().timer_ends_at, None);
        let v = frame(guest.fetch(&at, &[("op", "mark_done"), ("done", "true")]).await, "done_changed").await;
        assert_eq!((v["name"].as_str(), v["done"].as_bool(), v["phase"].as_str()), (Some("Gus"), Some(true), Some("colour_code")));
        let panel = owner.get(&format!("/j/{jid}/session-panel")).await.text().await.unwrap();
        assert!(panel.contains("1 done: <bdi>Gus</bdi>"), "{panel}");
        let v = frame(owner.fetch(&at, &[("op", "change_phase"), ("expected", "colour_code"), ("target", "prioritise")]).await, "phase_changed").await;
        assert_eq!((v["phase"].as_str(), v["session_id"].as_i64()), (Some("prioritise"), Some(sid)));
        seq += 5;

        // Dots, by form and by fetch; a dot taken back.
        back_to_panel(&owner.submit(&at, &pairs(&vote(&m1))).await, jid, "vote by form");
        let v = frame(owner.fetch(&at, &pairs(&vote(&m2))).await, "votes_changed").await;
        assert_eq!((v["dots"].as_u64(), v["voters"].as_u64()), (Some(2), Some(1)));
        back_to_panel(&owner.submit(&at, &[("op", "unvote"), ("moment_id", &m2.id.to_string())]).await, jid, "unvote by form");
        let v = frame(guest.fetch(&at, &pairs(&vote(&m1))).await, "votes_changed").await;
        assert_eq!((v["dots"].as_u64(), v["voters"].as_u64()), (Some(2), Some(2)));
        let v = frame(owner.fetch(&at, &[("op", "reveal_votes")]).await, "votes_revealed").await;
        assert_eq!(v["tally"][0], json!({"moment_id": m1.id, "votes": 2, "rank": 1, "tied": false}));
        assert_eq!(v["tally"][1], json!({"moment_id": m2.id, "votes": 0, "rank": 2, "tied": false}));
        let panel = guest.get(&format!("/j/{jid}/session-panel")).await.text().await.unwrap();
        assert!(panel.contains("Votes revealed"), "{panel}");
        let res = owner.submit(&at, &[("op", "set_priorities"), ("moment_ids", &m1.id.to_string()), ("moment_ids", &m2.id.to_string())]).await;
        back_to_panel(&res, jid, "set priorities by form");
        seq += 6;

        // Assess: private ratings, the reveal shows the spread, the agreed rating.
        back_to_panel(&owner.submit(&at, &[("op", "change_phase"), ("expected", "prioritise"), ("target", "assess")]).await, jid, "to assess");
        let v = frame(guest.fetch(&at, &[("op", "rate"), ("moment_id", &m1.id.to_string()), ("rating", "magical"), ("expectation", "Finds the sofas at once")]).await, "ratings_changed").await;
        assert_eq!((v["moment_id"].as_i64(), v["count"].as_u64()), (Some(m1.id), Some(1)));
        back_to_panel(&owner.submit(&at, &[("op", "rate"), ("moment_id", &m1.id.to_string()), ("rating", "miserable"), ("reality", "Walks around lost")]).await, jid, "rate by form");
        let v = frame(owner.fetch(&at, &[("op", "reveal_ratings"), ("moment_id", &m1.id.to_string())]).await, "ratings_revealed").await;
        assert_eq!(v["spread"], json!({"miserable": 1, "neutral": 0, "magical": 1}));
        let panel = owner.get(&format!("/j/{jid}/session-panel")).await.text().await.unwrap();
        assert!(panel.contains("The team disagrees"), "{panel}");
        back_to_panel(&owner.submit(&at, &[("op", "record_assessment"), ("moment_id", &m1.id.to_string()), ("rating", "miserable"), ("issue", "Signage unclear")]).await, jid, "record by form");
        let view = app.store.session_view(w.ws, sid, w.owner_actor().author()).await.unwrap();
        let a = &view.assessments[&m1.id];
        assert_eq!((a.rating, a.issue.as_str(), a.revealed), (Some(mot_core::session::Rating::Miserable), "Signage unclear", true));
        seq += 5;

        // Ideas: everyone adds, each edits and removes their own.
        let v = frame(owner.fetch(&at, &[("op", "change_phase"), ("expected", "assess"), ("target", "ideas")]).await, "phase_changed").await;
        assert_eq!(v["phase"], "ideas");
        let v = frame(guest.fetch(&at, &[("op", "add_idea"), ("moment_id", &m1.id.to_string()), ("text", "Three signage designs")]).await, "idea_added").await;
        let idea = v["idea"]["id"].as_i64().unwrap();
        assert_eq!((v["idea"]["author_name"].as_str(), v["idea"]["text"].as_str()), (Some("Gus"), Some("Three signage designs")));
        back_to_panel(&owner.submit(&at, &[("op", "add_idea"), ("moment_id", &m2.id.to_string()), ("text", "A second till")]).await, jid, "add an idea by form");
        let v = frame(guest.fetch(&at, &[("op", "edit_idea"), ("id", &idea.to_string()), ("text", "Three alternative signage designs")]).await, "idea_updated").await;
        assert_eq!(v["idea"]["text"], "Three alternative signage designs");
        let v = frame(guest.fetch(&at, &[("op", "add_idea"), ("moment_id", &m1.id.to_string()), ("text", "A greeter")]).await, "idea_added").await;
        let greeter = v["idea"]["id"].as_i64().unwrap();
        back_to_panel(&guest.submit(&at, &[("op", "remove_idea"), ("id", &greeter.to_string())]).await, jid, "remove own idea by form");
        let view = app.store.session_view(w.ws, sid, w.owner_actor().author()).await.unwrap();
        assert_eq!(view.ideas.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), ["Three alternative signage designs", "A second till"]);
        seq += 6;

        // Select & plan: merit, choose, an action with a ladder, its status.
        back_to_panel(&owner.submit(&at, &[("op", "change_phase"), ("expected", "ideas"), ("target", "select_plan")]).await, jid, "to select & plan");
        let v = frame(guest.fetch(&at, &[("op", "toggle_merit"), ("idea_id", &idea.to_string())]).await, "idea_updated").await;
        assert_eq!(v["idea"]["merits"], 1);
        back_to_panel(&owner.submit(&at, &[("op", "pick_idea"), ("idea_id", &idea.to_string()), ("picked", "true")]).await, jid, "pick by form");
        let steps = format!("Draft three designs | {} | three drafts\nAsk frowning visitors | {}", day(7), day(14));
        let v = frame(owner.fetch(&at, &[
            ("op", "save_action"), ("moment_id", &m1.id.to_string()), ("idea_id", &idea.to_string()),
            ("what", "Generate three alternative signage designs"), ("owner_name", "Ana"), ("due_on", &day(21)),
            ("target_from", "miserable"), ("target_to", "neutral"), ("steps", &steps),
        ]).await, "action_saved").await;
        let action = &v["action"];
        assert_eq!((action["owner_name"].as_str(), action["due_on"].as_str(), action["status"].as_str()), (Some("Ana"), Some(day(21).as_str()), Some("open")));
        assert_eq!(action["steps"].as_array().unwrap().len(), 2);
        assert_eq!((action["steps"][0]["text"].as_str(), action["steps"][0]["target_on"].as_str(), action["steps"][0]["measure"].as_str()), (Some("Draft three designs"), Some(day(7).as_str()), Some("three drafts")));
        let aid = action["id"].as_i64().unwrap();
        back_to_panel(&owner.submit(&at, &[("op", "set_action_status"), ("id", &aid.to_string()), ("status", "doing")]).await, jid, "status by form");
        let view = app.store.session_view(w.ws, sid, w.owner_actor().author()).await.unwrap();
        assert_eq!(view.actions[0].status, mot_core::session::ActionStatus::Doing);
        assert!(view.ideas[0].picked);
        seq += 5;

        // Wrap-up: book the next session.
        back_to_panel(&owner.submit(&at, &[("op", "change_phase"), ("expected", "select_plan"), ("target", "wrap_up")]).await, jid, "to wrap-up");
        back_to_panel(&owner.submit(&at, &[("op", "book_next"), ("date", &day(21))]).await, jid, "book by form");
        let v = frame(owner.fetch(&at, &[("op", "book_next"), ("date", &day(22))]).await, "next_session_booked").await;
        assert_eq!(v["date"], day(22));
        assert_eq!(app.store.team_session(w.ws, sid).await.unwrap().next_session_on.map(date::format), Some(day(22)));
        seq += 3;
        let panel = guest.get(&format!("/j/{jid}/session-panel")).await.text().await.unwrap();
        assert!(panel.contains(&day(22)) && panel.contains(&format!("{at}/next.ics")) && panel.contains(&format!("{at}/form")), "{panel}");
        let res = guest.get(&format!("{at}/next.ics")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(content_type(&res).starts_with("text/calendar"));

        // Every accepted command left exactly one entry in the board's log.
        assert_eq!(w.journey_now(&app.store).await.last_seq, seq);
    }

    async fn the_session_api_runs_every_command_and_shows_each_callers_state(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let m1 = w.note(&app.store, 0, "Store first impressions").await;
        let m2 = w.note(&app.store, 1, "Pays at the till").await;
        let api = app.api(&w.owner_token);
        let member = app.api(&w.person(&app.store, Role::Member).await.token);

        let s = check(api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "API session", "held_on": day(0), "vote_limit": 2, "multi_vote": true, "priority_cap": 1, "anonymous_ideas": true})).await, StatusCode::CREATED, "start");
        let sid = s["id"].as_i64().unwrap();
        assert_eq!((s["multi_vote"].as_bool(), s["anonymous_ideas"].as_bool(), s["priority_cap"].as_u64(), s["votes_revealed"].as_bool()), (Some(true), Some(true), Some(1), Some(false)));
        assert!(s["next_session_on"].is_null() && s["timer_ends_at"].is_null());
        let list = check(api.get(&format!("/api/v1/journeys/{jid}/sessions")).await, StatusCode::OK, "list");
        assert_eq!(list[0]["id"], sid);
        let cmd = |who: &'static str, body: Value| {
            let api = if who == "owner" { &api } else { &member };
            let path = format!("/api/v1/sessions/{sid}/commands");
            async move { check(api.post(&path, body.clone()).await, StatusCode::OK, &body.to_string()) }
        };
        let event = |done: &Value| done["changes"][0]["event"].clone();

        for (from, to) in [("capture", "colour_code"), ("colour_code", "prioritise")] {
            let done = cmd("owner", json!({"op": "change_phase", "expected": from, "target": to})).await;
            assert_eq!(event(&done)["phase"], to);
            assert!(done["changes"][0]["seq"].is_i64() && done["changes"][0]["at"].is_i64());
        }
        let done = cmd("owner", json!({"op": "set_timer", "seconds": 120})).await;
        assert!(event(&done)["timer_ends_at"].is_i64());
        cmd("owner", json!({"op": "set_timer", "seconds": null})).await;
        cmd("member", json!({"op": "mark_done", "done": true})).await;
        // Multi-vote: two dots on one moment.
        cmd("member", json!({"op": "vote", "moment_id": m1.id})).await;
        let done = cmd("member", json!({"op": "vote", "moment_id": m1.id})).await;
        assert_eq!((event(&done)["dots"].as_u64(), event(&done)["voters"].as_u64()), (Some(2), Some(1)));
        cmd("owner", json!({"op": "vote", "moment_id": m2.id})).await;
        cmd("owner", json!({"op": "unvote", "moment_id": m2.id})).await;
        cmd("owner", json!({"op": "vote", "moment_id": m2.id})).await;
        let mine = check(member.get(&format!("/api/v1/sessions/{sid}")).await, StatusCode::OK, "member state");
        assert_eq!((mine["my_votes"].clone(), mine["dots"].as_u64(), mine["voters"].as_u64()), (json!([m1.id, m1.id]), Some(3), Some(2)));
        assert!(mine["tally"].is_null(), "hidden until revealed: {mine}");
        let theirs = check(api.get(&format!("/api/v1/sessions/{sid}")).await, StatusCode::OK, "owner state");
        assert_eq!(theirs["my_votes"], json!([m2.id]), "each caller sees only their own dots");
        cmd("owner", json!({"op": "reveal_votes"})).await;
        let st = check(api.get(&format!("/api/v1/sessions/{sid}")).await, StatusCode::OK, "state");
        assert_eq!(st["session"]["votes_revealed"], true);
        assert_eq!(st["tally"][0], json!({"moment_id": m1.id, "votes": 2, "rank": 1, "tied": false}));
        cmd("owner", json!({"op": "set_priorities", "moment_ids": [m1.id]})).await;
        cmd("owner", json!({"op": "change_phase", "expected": "prioritise", "target": "assess"})).await;
        cmd("member", json!({"op": "rate", "moment_id": m1.id, "rating": "neutral"})).await;
        let done = cmd("owner", json!({"op": "reveal_ratings", "moment_id": m1.id})).await;
        assert_eq!(event(&done)["spread"], json!({"miserable": 0, "neutral": 1, "magical": 0}));
        cmd("owner", json!({"op": "record_assessment", "moment_id": m1.id, "rating": "neutral", "issue": "Signs are small"})).await;
        cmd("owner", json!({"op": "change_phase", "expected": "assess", "target": "ideas"})).await;
        let done = cmd("member", json!({"op": "add_idea", "moment_id": m1.id, "text": "Bigger signs"})).await;
        let idea = event(&done)["idea"].clone();
        assert!(idea["author_name"].is_null(), "anonymous ideas carry no name: {idea}");
        let idea_id = idea["id"].as_i64().unwrap();
        cmd("member", json!({"op": "edit_idea", "id": idea_id, "text": "Bigger, brighter signs"})).await;
        let done = cmd("member", json!({"op": "add_idea", "moment_id": m1.id, "text": "Drop this one"})).await;
        cmd("member", json!({"op": "remove_idea", "id": event(&done)["idea"]["id"]})).await;
        cmd("owner", json!({"op": "change_phase", "expected": "ideas", "target": "select_plan"})).await;
        cmd("member", json!({"op": "toggle_merit", "idea_id": idea_id})).await;
        cmd("owner", json!({"op": "pick_idea", "idea_id": idea_id, "picked": true})).await;
        let done = cmd("owner", json!({"op": "save_action", "moment_id": m1.id, "idea_id": idea_id, "what": "Order bigger signs", "owner_user_id": w.owner.id, "due_on": day(10), "target_from": "neutral", "target_to": "magical", "steps": [{"text": "Measure the walls", "target_date": day(3)}, {"text": "Order", "target_date": day(5), "measure": "signs on the wall"}]})).await;
        let action = event(&done)["action"].clone();
        assert_eq!(action["owner_name"], w.owner.name.as_str(), "a member's name comes from the account");
        let aid = action["id"].as_i64().unwrap();
        cmd("owner", json!({"op": "save_action", "id": aid, "moment_id": m1.id, "what": "Order bigger signs now", "owner_name": "Sam"})).await;
        cmd("owner", json!({"op": "set_action_status", "id": aid, "status": "done"})).await;
        cmd("owner", json!({"op": "change_phase", "expected": "select_plan", "target": "wrap_up"})).await;
        cmd("owner", json!({"op": "book_next", "date": day(21)})).await;

        let st = check(member.get(&format!("/api/v1/sessions/{sid}")).await, StatusCode::OK, "final state");
        assert_eq!((st["session"]["phase"].as_str(), st["session"]["next_session_on"].as_str()), (Some("wrap_up"), Some(day(21).as_str())));
        assert_eq!(st["priorities"], json!([m1.id]));
        assert_eq!(st["ideas"].as_array().unwrap().len(), 1);
        assert_eq!((st["ideas"][0]["text"].as_str(), st["ideas"][0]["merits"].as_u64(), st["ideas"][0]["picked"].as_bool()), (Some("Bigger, brighter signs"), Some(1), Some(true)));
        let a = &st["actions"][0];
        assert_eq!((a["what"].as_str(), a["owner_name"].as_str(), a["status"].as_str()), (Some("Order bigger signs now"), Some("Sam"), Some("done")));
        assert_eq!(a["steps"].as_array().unwrap().len(), 2, "steps left out are kept: {a}");
        assert_eq!(a["steps"][1]["measure"], "signs on the wall");
    }

    async fn a_guest_cannot_lead_the_session_and_a_refused_command_changes_nothing(app) {
        let ws = Workshop::new(&app, SessionSettings::default()).await;
        let (m1, m2) = (&ws.m[0], &ws.m[1]);
        let guest = app.guest(&ws.w.journey, "Gus").await;
        // Some state for the commands to refer to.
        ws.move_to(&app, Phase::Prioritise).await;
        let before = ws.state(&app).await;
        let at = ws.path("");
        let (a, b) = (m1.id.to_string(), m2.id.to_string());
        let attempts: Vec<Vec<(&str, &str)>> = vec![
            vec![("op", "change_phase"), ("expected", "prioritise"), ("target", "assess")],
            vec![("op", "set_timer"), ("seconds", "60")],
            vec![("op", "reveal_votes")],
            vec![("op", "set_priorities"), ("moment_ids", &a), ("moment_ids", &b)],
            vec![("op", "reveal_ratings"), ("moment_id", &a)],
            vec![("op", "record_assessment"), ("moment_id", &a), ("rating", "magical"), ("issue", "Fine")],
            vec![("op", "pick_idea"), ("idea_id", "1"), ("picked", "true")],
            vec![("op", "save_action"), ("what", "Take over"), ("owner_name", "Gus")],
            vec![("op", "set_action_status"), ("id", "1"), ("status", "done")],
            vec![("op", "book_next"), ("date", "2099-01-01")],
        ];
        for fields in &attempts {
            let what = fields[0].1;
            let body = refused(guest.fetch(&at, fields).await, StatusCode::FORBIDDEN, what).await;
            assert!(body.contains("Only the facilitator can do this."), "{what}: {body}");
            let page = refused(guest.submit(&at, fields).await, StatusCode::FORBIDDEN, what).await;
            assert!(page.contains("Only the facilitator can do this."), "{what}: {page}");
        }
        assert_eq!(ws.state(&app).await, before, "nothing changed and nothing was logged");

        // Nor can a guest start a session; a member of the workspace cannot lead either.
        refused(guest.submit(&format!("/j/{}/sessions", ws.jid()), &[("title", "Guest session")]).await, StatusCode::FORBIDDEN, "a guest starts a session").await;
        let member = app.signed_in(ws.w.ws, ws.w.person(&app.store, Role::Member).await.user.id).await;
        refused(member.fetch(&at, &attempts[0]).await, StatusCode::FORBIDDEN, "a member changes the phase").await;
        refused(member.submit(&format!("/j/{}/sessions", ws.jid()), &[("title", "Member session")]).await, StatusCode::FORBIDDEN, "a member starts a session").await;
        // A viewer follows but does not take part, by page or by API.
        let viewer = ws.w.person(&app.store, Role::Viewer).await;
        let viewer_page = app.signed_in(ws.w.ws, viewer.user.id).await;
        refused(viewer_page.fetch(&at, &pairs(&vote(m1))).await, StatusCode::FORBIDDEN, "a viewer votes").await;
        let (status, body) = app.api(&viewer.token).post(&format!("/api/v1/sessions/{}/commands", ws.sid), json!({"op": "vote", "moment_id": m1.id})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(ws.state(&app).await, before);
        assert_eq!(app.store.sessions(ws.w.ws, ws.jid()).await.unwrap().len(), 1);

        // What a guest may do, they can.
        frame(guest.fetch(&at, &pairs(&vote(m1))).await, "votes_changed").await;
    }

    async fn a_guest_voting_past_the_limit_gets_409_with_the_reason_and_the_dot_is_not_counted(app) {
        let ws = Workshop::new(&app, SessionSettings { vote_limit: 2, ..Default::default() }).await;
        ws.move_to(&app, Phase::Prioritise).await;
        let guest = app.guest(&ws.w.journey, "Gus").await;
        let at = ws.path("");
        frame(guest.fetch(&at, &pairs(&vote(&ws.m[0]))).await, "votes_changed").await;
        let before = ws.state(&app).await;
        // The same moment twice, without multi-vote.
        let body = refused(guest.fetch(&at, &pairs(&vote(&ws.m[0]))).await, StatusCode::CONFLICT, "a second dot on one moment").await;
        assert!(body.contains("You already have a dot on this moment."), "{body}");
        assert_eq!(ws.state(&app).await, before);
        frame(guest.fetch(&at, &pairs(&vote(&ws.m[1]))).await, "votes_changed").await;
        let before = ws.state(&app).await;
        for res in [guest.fetch(&at, &pairs(&vote(&ws.m[2]))).await, guest.submit(&at, &pairs(&vote(&ws.m[3]))).await] {
            let body = refused(res, StatusCode::CONFLICT, "a third dot").await;
            assert!(body.contains("You have used all 2 of your dots. Take one back to vote again."), "{body}");
        }
        assert_eq!(ws.state(&app).await, before);
        let view = app.store.session_view(ws.w.ws, ws.sid, guest_author(&app, &ws, "Gus").await).await.unwrap();
        assert_eq!((view.my_votes.len(), view.dots, view.voters), (2, 2, 1));
        let panel = guest.get(&format!("/j/{}/session-panel", ws.jid())).await.text().await.unwrap();
        assert!(panel.contains("<strong>0</strong> of 2 dots left"), "{panel}");
        // Taking one back frees a dot.
        frame(guest.fetch(&at, &[("op", "unvote"), ("moment_id", &ws.m[1].id.to_string())]).await, "votes_changed").await;
        frame(guest.fetch(&at, &pairs(&vote(&ws.m[2]))).await, "votes_changed").await;

        // With one dot left, three votes at once: exactly one is taken.
        frame(guest.fetch(&at, &[("op", "unvote"), ("moment_id", &ws.m[2].id.to_string())]).await, "votes_changed").await;
        let (f1, f2, f3) = (vote(&ws.m[1]), vote(&ws.m[2]), vote(&ws.m[3]));
        let (f1, f2, f3) = (pairs(&f1), pairs(&f2), pairs(&f3));
        let (a, b, c) = tokio::join!(guest.fetch(&at, &f1), guest.fetch(&at, &f2), guest.fetch(&at, &f3));
        let mut statuses = [a.status(), b.status(), c.status()];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT, StatusCode::CONFLICT]);
        let view = app.store.session_view(ws.w.ws, ws.sid, guest_author(&app, &ws, "Gus").await).await.unwrap();
        assert_eq!((view.my_votes.len(), view.dots), (2, 2), "never more dots than the limit");
    }

    async fn voting_rating_and_ideas_outside_their_phase_are_409_and_change_nothing(app) {
        let ws = Workshop::new(&app, SessionSettings::default()).await;
        let guest = app.guest(&ws.w.journey, "Gus").await;
        let owner = app.signed_in(ws.w.ws, ws.w.owner.id).await;
        let at = ws.path("");
        let m = ws.m[0].id.to_string();
        async fn conflict(ws: &Workshop, app: &TestApp, b: &Browser, fields: &[(&str, &str)], needle: &str) {
            let before = ws.state(app).await;
            let body = refused(b.fetch(&ws.path(""), fields).await, StatusCode::CONFLICT, needle).await;
            assert!(body.contains(needle), "{needle}: {body}");
            assert_eq!(ws.state(app).await, before, "{needle}");
        }
        // Capture: no votes, ratings or ideas yet.
        conflict(&ws, &app, &guest, &[("op", "vote"), ("moment_id", &m)], "You can vote only in the Prioritise phase; the session is in Capture.").await;
        conflict(&ws, &app, &guest, &[("op", "unvote"), ("moment_id", &m)], "only in the Prioritise phase").await;
        conflict(&ws, &app, &owner, &[("op", "reveal_votes")], "only in Prioritise").await;
        ws.move_to(&app, Phase::Prioritise).await;
        ws.lead(&app, SessionCommand::SetPriorities { moment_ids: vec![ws.m[0].id] }).await;
        conflict(&ws, &app, &guest, &[("op", "rate"), ("moment_id", &m), ("rating", "neutral")], "You can rate moments only in the Assess phase").await;
        conflict(&ws, &app, &guest, &[("op", "add_idea"), ("moment_id", &m), ("text", "Early idea")], "You can add ideas only in the Ideas phase").await;
        // Once revealed, voting is closed.
        ws.lead(&app, SessionCommand::RevealVotes).await;
        conflict(&ws, &app, &guest, &[("op", "vote"), ("moment_id", &m)], "The votes have been revealed; voting is closed.").await;
        ws.move_to(&app, Phase::Assess).await;
        conflict(&ws, &app, &guest, &[("op", "vote"), ("moment_id", &m)], "only in the Prioritise phase").await;
        frame(guest.fetch(&at, &[("op", "rate"), ("moment_id", &m), ("rating", "neutral")]).await, "ratings_changed").await;
        ws.lead(&app, SessionCommand::RevealRatings { moment_id: ws.m[0].id }).await;
        conflict(&ws, &app, &guest, &[("op", "rate"), ("moment_id", &m), ("rating", "magical")], "have been revealed").await;
        ws.move_to(&app, Phase::Ideas).await;
        conflict(&ws, &app, &guest, &[("op", "rate"), ("moment_id", &m), ("rating", "magical")], "only in the Assess phase").await;
        let v = frame(guest.fetch(&at, &[("op", "add_idea"), ("moment_id", &m), ("text", "Greeter")]).await, "idea_added").await;
        let idea = v["idea"]["id"].as_i64().unwrap().to_string();
        // No judging while ideas flow.
        conflict(&ws, &app, &guest, &[("op", "toggle_merit"), ("idea_id", &idea)], "No criticism while ideas flow").await;
        conflict(&ws, &app, &owner, &[("op", "pick_idea"), ("idea_id", &idea), ("picked", "true")], "No criticism while ideas flow").await;
        conflict(&ws, &app, &owner, &[("op", "save_action"), ("what", "Too early"), ("owner_name", "Sam")], "You can plan actions only in Select & plan or Wrap-up").await;
        ws.move_to(&app, Phase::SelectPlan).await;
        conflict(&ws, &app, &guest, &[("op", "add_idea"), ("moment_id", &m), ("text", "Late idea")], "only in the Ideas phase").await;
        // And the form post without script says the same, as a page.
        let before = ws.state(&app).await;
        let page = refused(guest.submit(&at, &[("op", "vote"), ("moment_id", &m)]).await, StatusCode::CONFLICT, "vote by form").await;
        assert!(page.contains("only in the Prioritise phase"), "{page}");
        assert_eq!(ws.state(&app).await, before);
    }

    async fn nobody_edits_or_removes_anothers_idea_while_ideas_flow_by_form_or_api(app) {
        let ws = Workshop::new(&app, SessionSettings::default()).await;
        ws.move_to(&app, Phase::Prioritise).await;
        ws.lead(&app, SessionCommand::SetPriorities { moment_ids: vec![ws.m[0].id] }).await;
        ws.move_to(&app, Phase::Ideas).await;
        let ann = app.guest(&ws.w.journey, "Ann").await;
        let bob = app.guest(&ws.w.journey, "Bob").await;
        let at = ws.path("");
        let v = frame(ann.fetch(&at, &[("op", "add_idea"), ("moment_id", &ws.m[0].id.to_string()), ("text", "A money-back guarantee")]).await, "idea_added").await;
        let idea = v["idea"]["id"].as_i64().unwrap();
        let id = idea.to_string();
        let before = ws.state(&app).await;
        let rule = "No criticism while ideas flow: you cannot change or remove another person&#39;s idea.";
        let rule_json = "No criticism while ideas flow: you cannot change or remove another person's idea.";
        for fields in [vec![("op", "edit_idea"), ("id", id.as_str()), ("text", "A silly idea")], vec![("op", "remove_idea"), ("id", id.as_str())]] {
            let body = refused(bob.fetch(&at, &fields).await, StatusCode::FORBIDDEN, fields[0].1).await;
            assert!(body.contains(rule_json), "{body}");
            let page = refused(bob.submit(&at, &fields).await, StatusCode::FORBIDDEN, fields[0].1).await;
            assert!(page.contains(rule) || page.contains(rule_json), "{page}");
        }
        // Not even the facilitator, through the API.
        let api = app.api(&ws.w.owner_token);
        let path = format!("/api/v1/sessions/{}/commands", ws.sid);
        let body = check(api.post(&path, json!({"op": "edit_idea", "id": idea, "text": "Reworded by the boss"})).await, StatusCode::FORBIDDEN, "the owner edits an idea");
        assert_eq!(body["error"]["message"], rule_json);
        check(api.post(&path, json!({"op": "remove_idea", "id": idea})).await, StatusCode::FORBIDDEN, "the owner removes an idea");
        assert_eq!(ws.state(&app).await, before, "nothing changed");
        let view = app.store.session_view(ws.w.ws, ws.sid, ws.w.owner_actor().author()).await.unwrap();
        assert_eq!(view.ideas[0].text, "A money-back guarantee");
        // Bob's panel offers no Remove button on Ann's idea; Ann's does.
        let panel = bob.get(&format!("/j/{}/session-panel", ws.jid())).await.text().await.unwrap();
        assert!(panel.contains("A money-back guarantee") && !panel.contains(r#"value="remove_idea""#), "{panel}");
        let panel = ann.get(&format!("/j/{}/session-panel", ws.jid())).await.text().await.unwrap();
        assert!(panel.contains(r#"value="remove_idea""#), "{panel}");

        // Once ideas stop flowing, the facilitator may tidy up; another guest still may not.
        ws.move_to(&app, Phase::SelectPlan).await;
        refused(bob.fetch(&at, &[("op", "edit_idea"), ("id", id.as_str()), ("text", "Bob's version")]).await, StatusCode::FORBIDDEN, "another guest after ideas").await;
        check(api.post(&path, json!({"op": "edit_idea", "id": idea, "text": "A money-back guarantee if late"})).await, StatusCode::OK, "the owner edits after ideas");
        let view = app.store.session_view(ws.w.ws, ws.sid, ws.w.owner_actor().author()).await.unwrap();
        assert_eq!(view.ideas[0].text, "A money-back guarantee if late");
    }

    async fn bad_session_input_is_422_or_404_and_writes_nothing(app) {
        let ws = Workshop::new(&app, SessionSettings::default()).await;
        let owner = app.signed_in(ws.w.ws, ws.w.owner.id).await;
        let api = app.api(&ws.w.owner_token);
        let jid = ws.jid();
        let sid = ws.sid;
        let at = ws.path("");
        let cmds = format!("/api/v1/sessions/{sid}/commands");
        ws.move_to(&app, Phase::Prioritise).await;
        ws.lead(&app, SessionCommand::SetPriorities { moment_ids: vec![ws.m[0].id] }).await;
        ws.move_to(&app, Phase::Assess).await;
        let m = ws.m[0].id.to_string();
        let long_idea = "i".repeat(501);
        let long_issue = "s".repeat(2001);
        let (yesterday, today) = (day(-1), day(0));
        let before = ws.state(&app).await;

        // Form fields, by fetch and by a plain form post.
        let form_cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
            (vec![("op", "no_such_op")], "op: unknown operation"),
            (vec![("moment_id", "1")], "op: is missing"),
            (vec![("op", "record_assessment"), ("moment_id", &m), ("issue", &long_issue)], "issue"),
            (vec![("op", "rate"), ("moment_id", &m), ("rating", "wonderful")], "rating"),
            (vec![("op", "rate"), ("moment_id", &m)], "rating"),
            (vec![("op", "vote"), ("moment_id", "abc")], "moment: is not a valid id"),
            (vec![("op", "vote")], "moment: is missing"),
            (vec![("op", "set_priorities"), ("moment_ids", "x1")], "moment_ids"),
            (vec![("op", "set_priorities"), ("moment_ids", &m), ("moment_ids", &m)], "a moment is chosen twice"),
            (vec![("op", "change_phase"), ("expected", "assess"), ("target", "party")], "target: is not a phase"),
            (vec![("op", "change_phase"), ("expected", "assess"), ("target", "wrap_up")], "move one phase forward or back at a time"),
            (vec![("op", "set_timer"), ("seconds", "soon")], "seconds"),
            (vec![("op", "set_timer"), ("seconds", "0")], "seconds"),
            (vec![("op", "book_next"), ("date", &yesterday)], "next session: must be a date in the future"),
            (vec![("op", "book_next"), ("date", &today)], "next session: must be a date in the future"),
            (vec![("op", "book_next"), ("date", "2027-02-30")], "date"),
            (vec![("op", "set_action_status"), ("id", "1"), ("status", "finished")], "status"),
            (vec![("op", "add_idea"), ("moment_id", &m), ("text", &long_idea)], "text"),
        ];
        for (fields, needle) in &form_cases {
            let body = refused(owner.fetch(&at, fields).await, StatusCode::UNPROCESSABLE_ENTITY, needle).await;
            assert!(body.contains(needle), "{fields:?}: {body}");
            refused(owner.submit(&at, fields).await, StatusCode::UNPROCESSABLE_ENTITY, needle).await;
        }
        assert_eq!(ws.state(&app).await, before);

        // The API, including a ladder with no steps.
        ws.move_to(&app, Phase::SelectPlan).await;
        let before = ws.state(&app).await;
        let api_cases = vec![
            (json!({"op": "no_such_op"}), "unknown variant"),
            (json!({"op": "save_action", "what": "Signs", "owner_name": "Ana", "steps": []}), "a ladder needs at least one step"),
            (json!({"op": "save_action", "what": "Signs", "owner_name": "Ana", "due_on": day(-1)}), "is before the session"),
            (json!({"op": "save_action", "what": "Signs", "owner_name": "Ana", "steps": [{"text": "Later", "target_date": day(9)}, {"text": "Sooner", "target_date": day(3)}]}), "small steps go one after another"),
            (json!({"op": "save_action", "what": "Signs", "owner_name": "Ana", "steps": [{"text": "Before", "target_date": day(-3)}]}), "dated before the session"),
            (json!({"op": "save_action", "what": "Signs", "owner_name": "  "}), "say who does it"),
            (json!({"op": "save_action", "what": "Signs", "owner_name": "Ana", "due_on": "next week"}), "date"),
            (json!({"op": "record_assessment", "moment_id": ws.m[0].id, "rating": null, "issue": long_issue}), "issue"),
            (json!({"op": "add_idea", "moment_id": ws.m[0].id, "text": long_idea}), "text"),
            (json!({"op": "edit_idea", "id": 1, "text": "   "}), "text"),
            (json!({"op": "book_next", "date": day(-30)}), "must be a date in the future"),
            (json!({"op": "vote", "moment_id": "abc"}), "expected"),
            (json!({"op": "rate", "moment_id": ws.m[0].id, "rating": 3}), "expected"),
        ];
        for (body, needle) in &api_cases {
            let answer = check(api.post(&cmds, body.clone()).await, StatusCode::UNPROCESSABLE_ENTITY, &body.to_string());
            assert!(answer.to_string().contains(needle), "{body}: {answer}");
        }
        // The same by form: a due date before the session, a badly dated step.
        let (past, long_what) = (day(-1), "x".repeat(501));
        for (fields, needle) in [
            (vec![("op", "save_action"), ("what", "Signs"), ("owner_name", "Ana"), ("due_on", past.as_str())], "is before the session"),
            (vec![("op", "save_action"), ("what", "Signs"), ("owner_name", "Ana"), ("steps", "Step one | 2027-13-01")], "step 1: must be a date"),
            (vec![("op", "save_action"), ("what", long_what.as_str()), ("owner_name", "Ana")], "what"),
        ] {
            let body = refused(owner.fetch(&at, &fields).await, StatusCode::UNPROCESSABLE_ENTITY, needle).await;
            assert!(body.contains(needle), "{body}");
        }
        assert_eq!(ws.state(&app).await, before, "nothing was written");
        assert!(app.store.session_view(ws.w.ws, sid, ws.w.owner_actor().author()).await.unwrap().actions.is_empty());

        // Starting a session with bad settings.
        for (fields, needle) in [
            (vec![("title", "S"), ("vote_limit", "0")], "dots per person: "),
            (vec![("title", "S"), ("vote_limit", "eleven")], "dots per person: "),
            (vec![("title", "S"), ("priority_cap", "9")], "priorities to choose: "),
            (vec![("title", "S"), ("held_on", "2027-02-30")], "session date: "),
            (vec![("title", "   ")], "title"),
            (vec![("title", &"t".repeat(121))], "title"),
        ] {
            let page = refused(owner.submit(&format!("/j/{jid}/sessions"), &fields).await, StatusCode::UNPROCESSABLE_ENTITY, needle).await;
            assert!(page.contains(needle), "{page}");
        }
        check(api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "S", "vote_limit": 11})).await, StatusCode::UNPROCESSABLE_ENTITY, "api vote_limit 11");
        check(api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "S", "held_on": "soon"})).await, StatusCode::UNPROCESSABLE_ENTITY, "api held_on");
        assert_eq!(app.store.sessions(ws.w.ws, jid).await.unwrap().len(), 1);

        // Malformed and unknown ids in the address: 4xx, never a 500.
        let vote_fields = [("op", "vote"), ("moment_id", m.as_str())];
        for path in [
            "/j/abc/sessions".to_string(),
            format!("/j/abc/sessions/{sid}"),
            format!("/j/{jid}/sessions/abc"),
            format!("/j/{jid}/sessions/-1"),
            format!("/j/{jid}/sessions/99999999999999999999"),
            format!("/j/{jid}/sessions/987654321"),
        ] {
            let res = owner.fetch(&path, &vote_fields).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "POST {path}");
        }
        for path in [
            "/j/abc/session-panel".to_string(),
            format!("/j/{jid}/sessions/abc/next.ics"),
            format!("/j/{jid}/sessions/987654321/next.ics"),
            format!("/j/{jid}/sessions/abc/form"),
            format!("/j/{jid}/sessions/{sid}/form.docx"),
            format!("/j/{jid}/sessions/987654321/form.csv"),
        ] {
            let res = owner.get(&path).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "GET {path}");
        }
        for (m_, path) in [(Method::GET, "/api/v1/sessions/abc".to_string()), (Method::POST, "/api/v1/sessions/abc/commands".into()), (Method::GET, "/api/v1/journeys/abc/sessions".into()), (Method::GET, "/api/v1/sessions/987654321".into())] {
            let (status, body) = api.call(m_.clone(), &path, Some(json!({"op": "reveal_votes"}))).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{m_} {path}: {body}");
            assert_error_body(&body);
        }
        // A moment of another board is not found either.
        let other = app.store.create_journey(ws.w.ws, ws.w.business.id, "Second", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        let stage = app.store.stages(ws.w.ws, other.id).await.unwrap()[0].id;
        let c = app.store.apply(ws.w.ws, other.id, ws.w.owner_actor(), "Owner", BoardCommand::AddMoment { stage_id: stage, channel_id: None, title: "Elsewhere".into(), description: String::new() }).await.unwrap();
        let LiveEvent::Board(BoardEvent::MomentAdded { moment: elsewhere }) = c.event else { panic!("a moment") };
        check(api.post(&cmds, json!({"op": "save_action", "moment_id": elsewhere.id, "what": "Signs", "owner_name": "Ana"})).await, StatusCode::NOT_FOUND, "an action on another board's moment");
        assert_eq!(ws.state(&app).await, before, "nothing was written");
    }

    async fn another_workspace_gets_404_on_every_session_route_and_changes_nothing(app) {
        let ws = Workshop::new(&app, SessionSettings::default()).await;
        ws.move_to(&app, Phase::Prioritise).await;
        ws.lead(&app, SessionCommand::BookNext { date: date::today().saturating_add(time::Duration::days(20)) }).await;
        let rival = World::new(&app.store, "Rival").await;
        let rival_page = app.signed_in(rival.ws, rival.owner.id).await;
        let rival_api = app.api(&rival.owner_token);
        let (jid, sid) = (ws.jid(), ws.sid);
        let rjid = rival.journey.id;
        let m = ws.m[0].id.to_string();
        let before = ws.state(&app).await;

        let mut gets = vec![format!("/j/{jid}/session-panel")];
        let posts = vec![format!("/j/{jid}/sessions/{sid}"), format!("/j/{rjid}/sessions/{sid}")];
        for j in [jid, rjid] {
            for rest in ["next.ics", "form", "form.csv", "form.xlsx", "form.pdf", "form.md"] {
                gets.push(format!("/j/{j}/sessions/{sid}/{rest}"));
            }
        }
        for path in &gets {
            let body = refused(rival_page.get(path).await, StatusCode::NOT_FOUND, path).await;
            assert!(!body.contains("Acme") && !body.contains("March workshop"), "{path}: {body}");
        }
        for path in &posts {
            refused(rival_page.fetch(path, &[("op", "vote"), ("moment_id", &m)]).await, StatusCode::NOT_FOUND, path).await;
            refused(rival_page.submit(path, &[("op", "change_phase"), ("expected", "prioritise"), ("target", "assess")]).await, StatusCode::NOT_FOUND, path).await;
        }
        refused(rival_page.submit(&format!("/j/{jid}/sessions"), &[("title", "Stolen")]).await, StatusCode::NOT_FOUND, "start on our board").await;
        for (m_, path, body) in [
            (Method::GET, format!("/api/v1/journeys/{jid}/sessions"), None),
            (Method::POST, format!("/api/v1/journeys/{jid}/sessions"), Some(json!({"title": "Stolen"}))),
            (Method::GET, format!("/api/v1/sessions/{sid}"), None),
            (Method::POST, format!("/api/v1/sessions/{sid}/commands"), Some(json!({"op": "vote", "moment_id": ws.m[0].id}))),
            (Method::POST, format!("/api/v1/sessions/{sid}/commands"), Some(json!({"op": "change_phase", "expected": "prioritise", "target": "assess"}))),
        ] {
            let (status, answer) = rival_api.call(m_.clone(), &path, body).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{m_} {path}: {answer}");
            assert_error_body(&answer);
            assert!(!answer.to_string().contains("March workshop"));
        }
        // A guest of another board of the same workspace cannot reach this session either.
        let second = app.store.create_journey(ws.w.ws, ws.w.business.id, "Second", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        let outsider = app.guest(&second, "Otto").await;
        refused(outsider.fetch(&format!("/j/{}/sessions/{sid}", second.id), &[("op", "vote"), ("moment_id", &m)]).await, StatusCode::NOT_FOUND, "a guest of another board").await;
        for rest in ["next.ics", "form.csv"] {
            refused(outsider.get(&format!("/j/{}/sessions/{sid}/{rest}", second.id)).await, StatusCode::NOT_FOUND, rest).await;
        }
        let res = outsider.fetch(&format!("/j/{jid}/sessions/{sid}"), &[("op", "vote"), ("moment_id", &m)]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "not a guest of this board");
        let res = outsider.get(&format!("/j/{jid}/session-panel")).await;
        assert_eq!((res.status(), location(&res)), (StatusCode::SEE_OTHER, "/login".to_string()));

        assert_eq!(ws.state(&app).await, before, "nothing of ours changed");
        assert_eq!(app.store.sessions(rival.ws, rjid).await.unwrap().len(), 0);
        assert_eq!(app.store.sessions(ws.w.ws, jid).await.unwrap().len(), 1);
    }

    async fn two_facilitators_changing_phase_at_once_end_in_one_phase_and_one_gets_409(app) {
        let ws = Workshop::new(&app, SessionSettings::default()).await;
        let owner = app.signed_in(ws.w.ws, ws.w.owner.id).await;
        let facilitator = ws.w.person(&app.store, Role::Facilitator).await;
        let other = app.signed_in(ws.w.ws, facilitator.user.id).await;
        let at = ws.path("");
        for round in 0..4 {
            let now = ws.session(&app).await.phase;
            let (expected, forward) = (now.key(), now.next().unwrap().key());
            // One moves forward, the other back (or both forward from Capture).
            let other_target = now.prev().map_or(forward, Phase::key);
            let seq = ws.w.journey_now(&app.store).await.last_seq;
            let mine = [("op", "change_phase"), ("expected", expected), ("target", forward)];
            let theirs = [("op", "change_phase"), ("expected", expected), ("target", other_target)];
            let (a, b) = tokio::join!(owner.fetch(&at, &mine), other.fetch(&at, &theirs));
            let statuses = [a.status(), b.status()];
            let (won, lost, target) = match statuses {
                [StatusCode::OK, StatusCode::CONFLICT] => (a, b, forward),
                [StatusCode::CONFLICT, StatusCode::OK] => (b, a, other_target),
                other => panic!("round {round}: expected one 200 and one 409, got {other:?}"),
            };
            let v = frame(won, "phase_changed").await;
            assert_eq!(v["phase"], target);
            let body = refused(lost, StatusCode::CONFLICT, "the slower facilitator").await;
            assert!(body.contains("The session has already moved to"), "{body}");
            let s = ws.session(&app).await;
            assert_eq!(s.phase.key(), target, "round {round}: the winner's phase holds");
            let log = app.store.changes_since(ws.w.ws, ws.jid(), seq, 10).await.unwrap();
            assert_eq!(log.len(), 1, "round {round}: one phase change logged");
            assert!(matches!(log[0].event, LiveEvent::Session(SessionEvent::PhaseChanged { phase, .. }) if phase.key() == target));
        }
    }

    async fn votes_stay_hidden_in_the_panel_and_on_the_live_socket_until_revealed(app) {
        let ws = Workshop::new(&app, SessionSettings { vote_limit: 3, ..Default::default() }).await;
        ws.move_to(&app, Phase::Prioritise).await;
        let ann = app.guest(&ws.w.journey, "Ann").await;
        let bob = app.guest(&ws.w.journey, "Bob").await;
        let at = ws.path("");
        let since = ws.w.journey_now(&app.store).await.last_seq;
        let mut live = open_live(&app, ws.jid(), since, &[("cookie", &ann.cookie_header())]).await.expect("Ann watches");
        assert_eq!(next_json(&mut live).await, json!({"type": "ready", "seq": since}));

        frame(ann.fetch(&at, &pairs(&vote(&ws.m[0]))).await, "votes_changed").await;
        let own = frame(bob.fetch(&at, &pairs(&vote(&ws.m[1]))).await, "votes_changed").await;
        frame(bob.fetch(&at, &pairs(&vote(&ws.m[2]))).await, "votes_changed").await;
        // Bob's own answer and every live frame carry counts only.
        let keys = |v: &Value| {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        assert_eq!(keys(&own), ["dots", "seq", "session_id", "type", "voters"]);
        // A frame may stand for several votes in a row (with "from", when the
        // hub was behind): the counts seen are some of these, in order,
        // ending with the last.
        let mut seen = Vec::new();
        while seen.last() != Some(&(3, 2)) {
            let v = next_json(&mut live).await;
            let mut k = keys(&v);
            k.retain(|k| k != "from");
            assert_eq!(k, ["dots", "seq", "session_id", "type", "voters"], "{v}");
            assert_eq!(v["type"], "votes_changed", "{v}");
            seen.push((v["dots"].as_u64().unwrap(), v["voters"].as_u64().unwrap()));
        }
        assert!(seen.iter().all(|s| [(1, 1), (2, 2), (3, 2)].contains(s)) && seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");

        // Ann's panel shows her dot, the totals, and none of Bob's dots.
        let panel = ann.get(&format!("/j/{}/session-panel", ws.jid())).await.text().await.unwrap();
        // The panel carries, for each note, what goes on it for this viewer.
        let dots_on = |panel: &str, m: &Moment| {
            let at = panel.find(&format!(r#"<template data-for="{}">"#, m.id)).unwrap_or_else(|| panic!("{} in the panel", m.title));
            let marks = &panel[at..];
            marks[..marks.find("</template>").unwrap()].matches('●').count()
        };
        assert_eq!([dots_on(&panel, &ws.m[0]), dots_on(&panel, &ws.m[1]), dots_on(&panel, &ws.m[2])], [1, 0, 0], "{panel}");
        assert!(
            panel.contains(r#"<span data-live="vote-dots">3</span> dots from <span data-live="vote-voters">2</span> people so far"#),
            "{panel}"
        );
        // Bob is in the bar as one of the people taking part; nothing says how he voted.
        let body = &panel[panel.find(r#"class="phase-body""#).unwrap()..];
        assert!(!panel.contains("Votes revealed") && !body.contains("Bob"), "{panel}");
        let board = ann.get(&format!("/j/{}", ws.jid())).await.text().await.unwrap();
        let notes = &board[board.find(r#"id="board""#).unwrap()..];
        assert_eq!(notes.matches('●').count(), 1, "the whole board shows only Ann's dot");
        let panel = bob.get(&format!("/j/{}/session-panel", ws.jid())).await.text().await.unwrap();
        assert_eq!([dots_on(&panel, &ws.m[0]), dots_on(&panel, &ws.m[1]), dots_on(&panel, &ws.m[2])], [0, 1, 1], "{panel}");
        let owner_view = app.store.session_view(ws.w.ws, ws.sid, ws.w.owner_actor().author()).await.unwrap();
        assert!(owner_view.tally.is_none() && owner_view.my_votes.is_empty(), "the facilitator does not see them either");

        // The reveal shows everyone the tally.
        ws.lead(&app, SessionCommand::RevealVotes).await;
        let v = next_json(&mut live).await;
        assert_eq!(v["type"], "votes_revealed");
        assert_eq!(v["tally"].as_array().unwrap().iter().map(|r| r["votes"].as_u64().unwrap()).sum::<u64>(), 3);
        let panel = ann.get(&format!("/j/{}/session-panel", ws.jid())).await.text().await.unwrap();
        assert!(panel.contains("Votes revealed"), "{panel}");
        for m in &ws.m[..3] {
            assert!(panel.contains(&format!("<bdi>{}</bdi> — <strong>1</strong> dot", m.title)), "{panel}");
        }
    }

    async fn a_burst_of_ratings_reaches_a_watcher_as_frames_that_follow_on_and_end_at_every_count(app) {
        let ws = Workshop::new(&app, SessionSettings::default()).await;
        ws.move_to(&app, Phase::Prioritise).await;
        let moments = [&ws.m[0], &ws.m[1], &ws.m[2]];
        ws.lead(&app, SessionCommand::SetPriorities { moment_ids: moments.iter().map(|m| m.id).collect() }).await;
        ws.move_to(&app, Phase::Assess).await;
        let mut guests = Vec::new();
        for i in 0..8 {
            guests.push(app.guest(&ws.w.journey, &format!("Guest {i}")).await);
        }
        let since = ws.w.journey_now(&app.store).await.last_seq;
        let mut live = open_live(&app, ws.jid(), since, &[("cookie", &guests[0].cookie_header())]).await.expect("a guest watches");
        assert_eq!(next_json(&mut live).await, json!({"type": "ready", "seq": since}));

        // Everyone rates the three priorities at once.
        let at = ws.path("");
        let posts = guests.iter().flat_map(|g| {
            let at = at.clone();
            moments.map(move |m| {
                let at = at.clone();
                let id = m.id.to_string();
                async move { frame(g.fetch(&at, &[("op", "rate"), ("moment_id", &id), ("rating", "neutral")]).await, "ratings_changed").await }
            })
        });
        futures_util::future::join_all(posts).await;
        let head = ws.w.journey_now(&app.store).await.last_seq;
        assert_eq!(head, since + 24);

        // Each frame follows on from the last change seen (a frame that
        // stands for several starts at most one past it), so the page never
        // has to ask for a replay, and the counts end at eight a moment.
        let mut cursor = since;
        let mut counts = std::collections::HashMap::new();
        let mut frames = 0;
        while cursor < head {
            let v = next_json(&mut live).await;
            frames += 1;
            let (seq, from) = (v["seq"].as_i64().unwrap(), v["from"].as_i64().unwrap_or(v["seq"].as_i64().unwrap()));
            assert!(from <= cursor + 1 && seq > cursor, "after {cursor}: {v}");
            let inner = if v["type"] == "batch" { v["frames"].as_array().unwrap().clone() } else { vec![v.clone()] };
            for f in inner {
                assert_eq!(f["type"], "ratings_changed", "{v}");
                counts.insert(f["moment_id"].as_i64().unwrap(), f["count"].as_u64().unwrap());
            }
            cursor = seq;
        }
        assert_eq!(cursor, head);
        assert!(frames <= 24, "{frames} frames");
        for m in moments {
            assert_eq!(counts.get(&m.id), Some(&8), "{counts:?}");
        }
    }

    async fn the_next_session_calendar_file_reads_back_with_an_independent_parser(app) {
        let ws = Workshop::new(&app, SessionSettings::default()).await;
        app.store.rename_journey(ws.w.ws, ws.jid(), "Sofa, chairs; and a very long journey name that folds past seventy-five octets — Café ü 😀").await.unwrap();
        let guest = app.guest(&ws.w.journey_now(&app.store).await, "Gus").await;
        let ics_path = ws.path("/next.ics");
        let body = refused(guest.get(&ics_path).await, StatusCode::NOT_FOUND, "nothing booked yet").await;
        assert!(body.contains("No next session is booked yet."), "{body}");

        let next = date::today().saturating_add(time::Duration::days(21));
        ws.move_to(&app, Phase::WrapUp).await;
        ws.lead(&app, SessionCommand::BookNext { date: next }).await;
        let res = guest.get(&ics_path).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(content_type(&res), "text/calendar; charset=utf-8");
        assert!(res.headers()[CONTENT_DISPOSITION].to_str().unwrap().contains("next-session.ics"));
        let text = res.text().await.unwrap();
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
        }

        let cal: icalendar::Calendar = text.parse().expect("an iCalendar file");
        use icalendar::Component;
        let events: Vec<&icalendar::Event> = cal.events().collect();
        assert_eq!(events.len(), 1, "{text}");
        let e = events[0];
        match e.get_start() {
            Some(icalendar::DatePerhapsTime::Date(d)) => assert_eq!(d.to_string(), date::format(next)),
            other => panic!("DTSTART is a date: {other:?}"),
        }
        match e.get_end() {
            Some(icalendar::DatePerhapsTime::Date(d)) => assert_eq!(d.to_string(), date::format(next.next_day().unwrap())),
            other => panic!("DTEND is a date: {other:?}"),
        }
        assert_eq!(e.get_summary(), Some("Moments of Truth: Sofa, chairs; and a very long journey name that folds past seventy-five octets — Café ü 😀"));
        assert!(e.get_description().unwrap().contains("March workshop"));
        assert!(e.get_description().unwrap().contains(&format!("/j/{}", ws.jid())));
        assert!(e.get_uid().unwrap().starts_with(&format!("mot-session-{}-next@", ws.sid)));
        assert!(e.get_timestamp().is_some(), "a DTSTAMP");
    }

    async fn the_planning_form_downloads_read_back_with_independent_parsers(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let chan = w.channels[0].clone();
        let add = |stage: usize, title: &'static str, description: &'static str, channel: Option<Id>| {
            let (store, w) = (&app.store, &w);
            async move {
                let c = store.apply(w.ws, jid, w.owner_actor(), "Owner", BoardCommand::AddMoment { stage_id: w.stages[stage].id, channel_id: channel, title: title.into(), description: description.into() }).await.unwrap();
                match c.event { LiveEvent::Board(BoardEvent::MomentAdded { moment }) => moment, other => panic!("{other:?}") }
            }
        };
        let first = add(0, "Store first impressions", "Customer walks in and looks for the department", Some(chan.id)).await;
        let cafe = add(1, "Café ü 😀 שלום", "Orders at the counter", Some(chan.id)).await;
        let formula = add(1, r#"=HYPERLINK("http://x","y")"#, "", None).await;
        let till = add(2, "Pays at the till", "", Some(w.channels[7].id)).await;
        let s = app.store.start_session(w.ws, jid, w.owner_actor(), "Spring review", date::today(), SessionSettings::default()).await.unwrap();
        let ws = Workshop { w, sid: s.id, m: vec![first.clone(), cafe.clone(), formula.clone(), till.clone()] };
        ws.move_to(&app, Phase::Prioritise).await;
        ws.lead(&app, SessionCommand::SetPriorities { moment_ids: vec![first.id, cafe.id] }).await;
        ws.move_to(&app, Phase::Assess).await;
        ws.lead(&app, SessionCommand::RecordAssessment { moment_id: first.id, rating: Some(mot_core::session::Rating::Miserable), issue: Some("Signage unclear; visitors frown".into()), expectation: None, reality: None }).await;
        ws.move_to(&app, Phase::SelectPlan).await;
        let due = date::today().saturating_add(time::Duration::days(14));
        ws.lead(&app, SessionCommand::SaveAction { id: None, moment_id: Some(first.id), idea_id: None, what: "Generate three alternative signage designs".into(), owner_user_id: None, owner_name: "Ana".into(), due_on: Some(due), target_from: None, target_to: None, status: mot_core::session::ActionStatus::Open, steps: None }).await;
        let guest = app.guest(&ws.w.journey, "Gus").await;
        let base = ws.path("/form");
        let action = format!("Generate three alternative signage designs (Ana, by {})", date::format(due));
        let other_chan = ws.w.channels[7].clone();
        // The worksheet's rows: priorities' channel first, "No channel yet" last.
        let expected: Vec<[String; 9]> = vec![
            [chan.name.clone(), first.title.clone(), first.description.clone(), String::new(), String::new(), "Signage unclear; visitors frown".into(), "Miserable".into(), action.clone(), "Yes".into()],
            [chan.name.clone(), cafe.title.clone(), cafe.description.clone(), String::new(), String::new(), String::new(), String::new(), String::new(), "Yes".into()],
            [other_chan.name.clone(), till.title.clone(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new()],
            ["No channel yet".into(), formula.title.clone(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new()],
        ];

        // The print page.
        let res = guest.get(&base).await;
        assert_eq!(res.status(), StatusCode::OK);
        let page = res.text().await.unwrap();
        for ext in ["pdf", "xlsx", "csv", "md"] {
            assert!(page.contains(&format!(r#"href="{base}.{ext}""#)), "{ext} link");
        }
        assert!(page.contains("Café ü 😀 שלום") && page.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"), "{page}");
        // The action's parts are marked up (names set apart, the date a <time>): read its words.
        let words: String = page.split('<').map(|p| p.split_once('>').map_or(p, |(_, text)| text)).collect();
        assert!(words.contains(&action) && page.contains("Signage unclear; visitors frown"), "{words}");

        // CSV, read back with the csv crate.
        let res = guest.get(&format!("{base}.csv")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(content_type(&res), "text/csv; charset=utf-8");
        let disposition = res.headers()[CONTENT_DISPOSITION].to_str().unwrap().to_string();
        assert_eq!(disposition, format!("attachment; filename=\"contact-planning-form-New-customer-buys-a-sofa-{}.csv\"", date::format(date::today())));
        let bytes = res.bytes().await.unwrap();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a UTF-8 byte-order mark first");
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[3..]);
        let records: Vec<Vec<String>> = reader.records().map(|r| r.expect("valid CSV").iter().map(str::to_string).collect()).collect();
        assert_eq!(records[0], ["Channel", "Moment of truth", "Description", "Customers expect", "What happens now", "Issue / problem", "Ranking", "Action", "Priority"]);
        assert_eq!(records.len(), 1 + expected.len());
        for (got, want) in records[1..].iter().zip(&expected) {
            let want: Vec<String> = want.iter().map(|c| if c.starts_with('=') { format!("'{c}") } else { c.clone() }).collect();
            assert_eq!(got, &want);
        }
        assert_eq!(records[2][1], "Café ü 😀 שלום");
        assert_eq!(records[4][1], r#"'=HYPERLINK("http://x","y")"#);

        // XLSX, read back with calamine: cell by cell, strings and no formula.
        let res = guest.get(&format!("{base}.xlsx")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(content_type(&res), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        let bytes = res.bytes().await.unwrap().to_vec();
        use calamine::{Data, Reader};
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a workbook");
        let range = book.worksheet_range("Contact planning form").expect("the sheet");
        let cell = |r: u32, c: u32| match range.get_value((r, c)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(other) => panic!("cell ({r},{c}) is not text: {other:?}"),
        };
        assert_eq!(cell(0, 0), format!("Acme Furniture · New customer buys a sofa · Spring review · {}", date::format(date::today())));
        // Three groups: heading, header, rows, blank line.
        let mut r = 2;
        let mut i = 0;
        for rows in [2, 1, 1] {
            assert_eq!(cell(r, 0), expected[i][0], "group heading at row {r}");
            r += 1;
            assert_eq!(cell(r, 1), "Moment of truth");
            r += 1;
            for _ in 0..rows {
                for (c, want) in expected[i].iter().enumerate() {
                    assert_eq!(&cell(r, c as u32), want, "cell ({r},{c})");
                }
                r += 1;
                i += 1;
            }
            r += 1;
        }
        assert_eq!(cell(5, 1), "Café ü 😀 שלום");
        assert_eq!(cell(13, 1), r#"=HYPERLINK("http://x","y")"#, "the formula text, as text");
        let formulas = book.worksheet_formula("Contact planning form").expect("formulas");
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell is a formula");

        // PDF, read back with pdf-extract: the titles are there as text.
        let res = guest.get(&format!("{base}.pdf")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(content_type(&res), "application/pdf");
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let text: String = pdf_extract::extract_text_from_mem(&bytes).expect("text").chars().filter(|c| !c.is_whitespace()).collect();
        for want in ["Contactplanningform", "Storefirstimpressions", "Paysatthetill", "Café", "ü", "HYPERLINK", "Signageunclear", "Miserable", "Generatethreealternativesignagedesigns"] {
            assert!(text.contains(want), "{want} in the PDF text: {text}");
        }

        // Markdown: a table per channel with the rows.
        let res = guest.get(&format!("{base}.md")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(content_type(&res), "text/markdown; charset=utf-8");
        let md = res.text().await.unwrap();
        for line in [
            "| Moment of truth | Description | Issue / problem | Ranking | Action |".to_string(),
            format!("| ★ Store first impressions | Customer walks in and looks for the department | Signage unclear; visitors frown | Miserable | {action} |"),
            "| ★ Café ü 😀 שלום | Orders at the counter |  |  |  |".to_string(),
            "| Pays at the till |  |  |  |  |".to_string(),
            r#"| =HYPERLINK("http\://x","y") |  |  |  |  |"#.to_string(),
            format!("## {}", chan.name),
            "## No channel yet".to_string(),
        ] {
            assert!(md.lines().any(|l| l == line), "{line:?} in:\n{md}");
        }
    }
}

/// The author key of the guest called `name` on the workshop's board.
async fn guest_author(app: &TestApp, ws: &Workshop, name: &str) -> mot_core::Author {
    let people = app
        .store
        .session_view(ws.w.ws, ws.sid, ws.w.owner_actor().author())
        .await
        .unwrap()
        .people;
    let key = people
        .iter()
        .find(|(_, n)| n == name)
        .map(|(k, _)| k.clone())
        .unwrap_or_else(|| panic!("{name} among {people:?}"));
    mot_core::Author::parse_key(&key).unwrap()
}

on_both! {
    async fn the_facilitator_stars_priorities_on_the_notes_up_to_the_cap_and_can_take_every_star_off(app) {
        let ws = Workshop::new(&app, SessionSettings { priority_cap: 1, ..SessionSettings::default() }).await;
        ws.move_to(&app, Phase::Prioritise).await;
        ws.lead(&app, SessionCommand::RevealVotes).await;
        let owner = app.signed_in(ws.w.ws, ws.w.owner.id).await;
        let url = format!("/j/{}", ws.jid());
        let note = |page: &str, m: &Moment| {
            let n = &page[page.find(&format!(r#"id="m-{}""#, m.id)).expect("the note")..];
            n[..n.find("</li>").unwrap()].to_string()
        };
        // Each note carries the facilitator's star: a form with the whole new list.
        let page = owner.get(&url).await.text().await.unwrap();
        let first = note(&page, &ws.m[0]);
        assert!(first.contains(&format!(r#"aria-label="Make {} a priority""#, ws.m[0].title)) && first.contains(r#"aria-pressed="false""#), "{first}");
        assert!(first.contains(&format!(r#"name="moment_ids" value="{}""#, ws.m[0].id)), "{first}");
        let at = ws.path("");
        let m0 = ws.m[0].id.to_string();
        frame(owner.fetch(&at, &[("op", "set_priorities"), ("moment_ids", &m0)]).await, "priorities_set").await;
        // Starred: pressed, and its form now takes the star off (an empty list).
        let page = owner.get(&url).await.text().await.unwrap();
        let first = note(&page, &ws.m[0]);
        assert!(first.contains(r#"aria-pressed="true""#) && !first.contains(r#"name="moment_ids""#), "{first}");
        // The cap is reached: another note's star says why instead.
        let second = note(&page, &ws.m[1]);
        assert!(second.contains(r#"aria-disabled="true""#) && second.contains("1 priorities are starred, the most this session allows"), "{second}");
        // A guest sees the star as a badge, with no form.
        let guest = app.guest(&ws.w.journey, "Gia").await;
        let seen = note(&guest.get(&url).await.text().await.unwrap(), &ws.m[0]);
        assert!(seen.contains("★ </span>Priority") && !seen.contains("set_priorities"), "{seen}");
        // The last star off: no priorities.
        let v = frame(owner.fetch(&at, &[("op", "set_priorities")]).await, "priorities_set").await;
        assert_eq!(v["moment_ids"], json!([]));
        let view = app.store.session_view(ws.w.ws, ws.sid, ws.w.owner_actor().author()).await.unwrap();
        assert!(view.priorities.is_empty());
    }
}
