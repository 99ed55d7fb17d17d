//! The JSON API under `/api/v1`, through the real server: every route's happy
//! path, bearer-token failures, roles, a caller from another workspace on
//! every id-taking route, and the OpenAPI document.

#[macro_use]
mod common;

use common::*;
use mot_core::{BoardCommand, BoardEvent, LiveEvent, Role};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Every route, as (method, path template) — `{id}` in the OpenAPI spelling.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/me"),
    ("get", "/api/v1/workspace"),
    ("get", "/api/v1/people"),
    ("patch", "/api/v1/people/{id}"),
    ("delete", "/api/v1/people/{id}"),
    ("get", "/api/v1/invites"),
    ("post", "/api/v1/invites"),
    ("delete", "/api/v1/invites/{id}"),
    ("patch", "/api/v1/workspace"),
    ("get", "/api/v1/businesses"),
    ("post", "/api/v1/businesses"),
    ("get", "/api/v1/businesses/{id}"),
    ("patch", "/api/v1/businesses/{id}"),
    ("get", "/api/v1/businesses/{id}/journeys"),
    ("post", "/api/v1/businesses/{id}/journeys"),
    ("get", "/api/v1/businesses/{id}/channels"),
    ("post", "/api/v1/businesses/{id}/channels"),
    ("patch", "/api/v1/channels/{id}"),
    ("get", "/api/v1/journeys/{id}"),
    ("patch", "/api/v1/journeys/{id}"),
    ("get", "/api/v1/journeys/{id}/stages"),
    ("post", "/api/v1/journeys/{id}/stages"),
    ("patch", "/api/v1/stages/{id}"),
    ("delete", "/api/v1/stages/{id}"),
    ("get", "/api/v1/journeys/{id}/moments"),
    ("post", "/api/v1/journeys/{id}/moments"),
    ("get", "/api/v1/moments/{id}"),
    ("patch", "/api/v1/moments/{id}"),
    ("delete", "/api/v1/moments/{id}"),
    ("post", "/api/v1/moments/{id}/restore"),
    ("post", "/api/v1/moments/{id}/move"),
    ("get", "/api/v1/journeys/{id}/join-link"),
    ("post", "/api/v1/journeys/{id}/join-link/rotate"),
    ("get", "/api/v1/journeys/{id}/guests"),
    ("delete", "/api/v1/journeys/{id}/guests/{guest}"),
    ("get", "/api/v1/journeys/{id}/changes"),
    ("get", "/api/v1/journeys/{id}/sessions"),
    ("post", "/api/v1/journeys/{id}/sessions"),
    ("get", "/api/v1/sessions/{id}"),
    ("post", "/api/v1/sessions/{id}/commands"),
    ("get", "/api/v1/sessions/{id}/form/{format}"),
    ("get", "/api/v1/sessions/{id}/next.ics"),
    ("get", "/api/v1/businesses/{id}/branches"),
    ("post", "/api/v1/businesses/{id}/branches"),
    ("get", "/api/v1/templates"),
    ("post", "/api/v1/templates"),
    ("get", "/api/v1/templates/{id}"),
    ("post", "/api/v1/templates/{id}/items"),
    ("patch", "/api/v1/templates/{id}/items/{item}"),
    ("get", "/api/v1/businesses/{id}/rounds"),
    ("post", "/api/v1/businesses/{id}/rounds"),
    ("get", "/api/v1/rounds/{id}"),
    ("post", "/api/v1/rounds/{id}/links"),
    ("post", "/api/v1/rounds/{id}/close"),
    ("get", "/api/v1/rounds/{id}/results"),
    ("get", "/api/v1/rounds/{id}/results/{format}"),
    ("get", "/api/v1/journeys/{id}/standards"),
    ("put", "/api/v1/moments/{id}/standard"),
    ("get", "/api/v1/journeys/{id}/feedback/points"),
    ("post", "/api/v1/journeys/{id}/feedback/points"),
    ("put", "/api/v1/feedback/points/{id}/reasons"),
    ("patch", "/api/v1/feedback/points/{id}"),
    ("get", "/api/v1/journeys/{id}/feedback/surveys"),
    ("post", "/api/v1/journeys/{id}/feedback/surveys"),
    ("get", "/api/v1/journeys/{id}/feedback/figures"),
    ("get", "/api/v1/journeys/{id}/feedback/comments"),
    ("get", "/api/v1/journeys/{id}/feedback/answers"),
    ("get", "/api/v1/journeys/{id}/feedback/alerts"),
    ("post", "/api/v1/journeys/{id}/feedback/alerts/{alert_id}"),
];

fn method(m: &str) -> Method {
    m.to_uppercase().parse().unwrap()
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("an id in {v}"))
}

fn check(got: (StatusCode, Value), status: StatusCode, what: &str) -> Value {
    assert_eq!(got.0, status, "{what}: {}", got.1);
    if !status.is_success() {
        assert_error_body(&got.1);
    }
    got.1
}

on_both! {
    async fn me_answers_for_a_valid_token_and_401_with_our_body_for_a_missing_or_wrong_one(app) {
        let w = World::new(&app.store, "Acme").await;
        let me = check(app.api(&w.owner_token).get("/api/v1/me").await, StatusCode::OK, "me");
        assert_eq!(me["id"], w.owner.id);
        assert_eq!(me["email"], w.owner.email.as_str());
        assert_eq!(me["workspace_id"], w.ws);
        assert_eq!(me["role"], "owner");

        let mut anon = app.api("");
        anon.token = None;
        let body = check(anon.get("/api/v1/me").await, StatusCode::UNAUTHORIZED, "no token");
        assert_eq!(body["error"]["code"], "unauthorized");
        check(app.api("0123456789abcdef0123456789abcdef").get("/api/v1/me").await, StatusCode::UNAUTHORIZED, "a wrong token");
        let res = anon.client.get(app.url("/api/v1/me")).header("authorization", format!("Basic {}", w.owner_token)).send().await.unwrap();
        check(json_of(res).await, StatusCode::UNAUTHORIZED, "another scheme");
        // A session cookie is not an API credential.
        let b = app.signed_in(w.ws, w.owner.id).await;
        let res = b.get("/api/v1/me").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

        // Every route wants a token, before looking at anything else.
        let before = app.snapshot(w.ws, w.journey.id).await;
        for (m, path) in ROUTES {
            let path = path.replace("{id}", &w.journey.id.to_string());
            let (status, body) = anon.call(method(m), &path, Some(json!({}))).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{m} {path}: {body}");
            assert_error_body(&body);
        }
        assert_eq!(app.snapshot(w.ws, w.journey.id).await, before);
    }

    async fn every_api_route_works_for_an_owner_and_resources_carry_their_html_url(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let base = &app.base;

        // Businesses.
        let list = check(api.get("/api/v1/businesses").await, StatusCode::OK, "list businesses");
        assert_eq!(list[0]["html_url"], format!("{base}/b/{}", w.business.id));
        let b = check(api.post("/api/v1/businesses", json!({"name": "  Harbour Cafe "})).await, StatusCode::CREATED, "create business");
        let bid = id(&b);
        assert_eq!(b["name"], "Harbour Cafe");
        assert_eq!(b["html_url"], format!("{base}/b/{bid}"));
        assert_eq!(check(api.get(&format!("/api/v1/businesses/{bid}")).await, StatusCode::OK, "get business")["name"], "Harbour Cafe");
        let b = check(api.patch(&format!("/api/v1/businesses/{bid}"), json!({"name": "Harbour Coffee"})).await, StatusCode::OK, "rename business");
        assert_eq!(b["name"], "Harbour Coffee");
        assert_eq!(app.store.business(w.ws, bid).await.unwrap().name, "Harbour Coffee");

        // Channels.
        let chans = check(api.get(&format!("/api/v1/businesses/{bid}/channels")).await, StatusCode::OK, "list channels");
        assert_eq!(chans.as_array().unwrap().len(), 12);
        let c = check(api.post(&format!("/api/v1/businesses/{bid}/channels"), json!({"name": "Text message", "colour": "#AA0000", "icon": "SMS"})).await, StatusCode::CREATED, "create channel");
        assert_eq!((c["colour"].as_str(), c["retired"].as_bool()), (Some("#aa0000"), Some(false)));
        let c = check(api.patch(&format!("/api/v1/channels/{}", id(&c)), json!({"retired": true, "icon": "TXT"})).await, StatusCode::OK, "retire channel");
        assert_eq!((c["retired"].as_bool(), c["icon"].as_str(), c["name"].as_str()), (Some(true), Some("TXT"), Some("Text message")));
        let chan = chans[0]["id"].as_i64().unwrap();
        let retired = id(&c);

        // Journeys.
        let j = check(api.post(&format!("/api/v1/businesses/{bid}/journeys"), json!({"name": "Regular buys a coffee"})).await, StatusCode::CREATED, "create journey");
        let jid = id(&j);
        assert_eq!((j["business_id"].as_i64(), j["last_seq"].as_i64()), (Some(bid), Some(0)));
        assert_eq!(j["html_url"], format!("{base}/j/{jid}"));
        let list = check(api.get(&format!("/api/v1/businesses/{bid}/journeys")).await, StatusCode::OK, "list journeys");
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(check(api.get(&format!("/api/v1/journeys/{jid}")).await, StatusCode::OK, "get journey")["name"], "Regular buys a coffee");
        let j = check(api.patch(&format!("/api/v1/journeys/{jid}"), json!({"name": "Regular buys two coffees"})).await, StatusCode::OK, "rename journey");
        assert_eq!((j["name"].as_str(), j["last_seq"].as_i64()), (Some("Regular buys two coffees"), Some(1)));

        // Stages.
        let stages = check(api.get(&format!("/api/v1/journeys/{jid}/stages")).await, StatusCode::OK, "list stages");
        assert_eq!(stages.as_array().unwrap().len(), 3);
        let s0 = stages[0]["id"].as_i64().unwrap();
        let s1 = stages[1]["id"].as_i64().unwrap();
        assert_eq!(stages[0]["html_url"], format!("{base}/j/{jid}#s-{s0}"));
        let s = check(api.post(&format!("/api/v1/journeys/{jid}/stages"), json!({"name": "Aftercare"})).await, StatusCode::CREATED, "create stage");
        let sid = id(&s);
        assert_eq!((s["position"].as_i64(), s["journey_id"].as_i64()), (Some(3), Some(jid)));
        let s = check(api.patch(&format!("/api/v1/stages/{sid}"), json!({"name": "After-sales", "index": 0})).await, StatusCode::OK, "rename and move stage");
        assert_eq!((s["name"].as_str(), s["position"].as_i64()), (Some("After-sales"), Some(0)));
        check(api.delete(&format!("/api/v1/stages/{sid}")).await, StatusCode::NO_CONTENT, "delete stage");
        assert_eq!(app.store.stages(w.ws, jid).await.unwrap().len(), 3);

        // Moments.
        let m = check(api.post(&format!("/api/v1/journeys/{jid}/moments"), json!({"stage_id": s0, "title": "Orders at the counter", "description": "Queue of five", "channel_id": chan})).await, StatusCode::CREATED, "create moment");
        let mid = id(&m);
        assert_eq!(m["html_url"], format!("{base}/j/{jid}#m-{mid}"));
        assert_eq!((m["channel_id"].as_i64(), m["author"].as_str()), (Some(chan), Some(format!("u:{}", w.owner.id).as_str())));
        assert_eq!(check(api.get(&format!("/api/v1/moments/{mid}")).await, StatusCode::OK, "get moment")["title"], "Orders at the counter");
        // A retired channel is the channel's state, not a malformed request: 409, and nothing changes.
        let e = check(api.patch(&format!("/api/v1/moments/{mid}"), json!({"title": "Never", "channel_id": retired})).await, StatusCode::CONFLICT, "a retired channel");
        assert!(e["error"]["message"].as_str().unwrap().contains("Text message"), "{e}");
        check(api.post(&format!("/api/v1/journeys/{jid}/moments"), json!({"stage_id": s0, "title": "Never", "channel_id": retired})).await, StatusCode::CONFLICT, "a new note on a retired channel");
        assert_eq!(check(api.get(&format!("/api/v1/moments/{mid}")).await, StatusCode::OK, "unchanged")["title"], "Orders at the counter");
        let m = check(api.patch(&format!("/api/v1/moments/{mid}"), json!({"title": "Orders at the till", "channel_id": null})).await, StatusCode::OK, "edit moment");
        assert_eq!((m["title"].as_str(), m["description"].as_str()), (Some("Orders at the till"), Some("Queue of five")));
        assert!(m["channel_id"].is_null(), "null clears the channel");
        let m = check(api.post(&format!("/api/v1/moments/{mid}/move"), json!({"stage_id": s1, "index": 5})).await, StatusCode::OK, "move moment");
        assert_eq!((m["stage_id"].as_i64(), m["position"].as_i64()), (Some(s1), Some(0)));
        check(api.delete(&format!("/api/v1/moments/{mid}")).await, StatusCode::NO_CONTENT, "delete moment");
        check(api.get(&format!("/api/v1/moments/{mid}")).await, StatusCode::NOT_FOUND, "a deleted moment");
        let m = check(api.post(&format!("/api/v1/moments/{mid}/restore"), json!({})).await, StatusCode::OK, "restore moment");
        assert_eq!(m["stage_id"].as_i64(), Some(s1));
        check(api.post(&format!("/api/v1/moments/{mid}/restore"), json!({})).await, StatusCode::CONFLICT, "restoring a live moment");
        let list = check(api.get(&format!("/api/v1/journeys/{jid}/moments")).await, StatusCode::OK, "list moments");
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert!(list[0]["html_url"].is_string());

        // Join link.
        let link = check(api.get(&format!("/api/v1/journeys/{jid}/join-link")).await, StatusCode::OK, "join link");
        let journey = app.store.journey(w.ws, jid).await.unwrap();
        assert_eq!(link["url"], format!("{base}/join/{}", journey.join_token));
        assert_eq!(link["code"], mot_core::board::show_join_code(&journey.join_code));
        assert!(link["qr_svg"].as_str().unwrap().contains("<svg"));
        let new = check(api.post(&format!("/api/v1/journeys/{jid}/join-link/rotate"), json!({})).await, StatusCode::OK, "rotate join link");
        assert_ne!(new["url"], link["url"]);
        assert_ne!(new["code"], link["code"]);
        assert!(app.store.journey_by_join_token(&journey.join_token).await.unwrap().is_none());

        // The change log, in pages.
        let all = check(api.get(&format!("/api/v1/journeys/{jid}/changes")).await, StatusCode::OK, "changes");
        let last = app.store.journey(w.ws, jid).await.unwrap().last_seq;
        assert_eq!((all["last_seq"].as_i64(), all["complete"].as_bool()), (Some(last), Some(true)));
        let seqs: Vec<i64> = all["changes"].as_array().unwrap().iter().map(|c| c["seq"].as_i64().unwrap()).collect();
        assert_eq!(seqs, (1..=last).collect::<Vec<_>>());
        assert_eq!(all["changes"][0]["event"]["type"], "journey_renamed");
        let page = check(api.get(&format!("/api/v1/journeys/{jid}/changes?since=2&limit=2")).await, StatusCode::OK, "a page of changes");
        assert_eq!(page["changes"].as_array().unwrap().iter().map(|c| c["seq"].as_i64().unwrap()).collect::<Vec<_>>(), vec![3, 4]);
        assert_eq!(page["complete"], false);
        check(api.get(&format!("/api/v1/journeys/{jid}/changes?limit=0")).await, StatusCode::UNPROCESSABLE_ENTITY, "limit 0");
        check(api.get(&format!("/api/v1/journeys/{jid}/changes?limit=1001")).await, StatusCode::UNPROCESSABLE_ENTITY, "limit 1001");
    }

    async fn a_token_of_another_workspace_gets_404_on_every_id_taking_route_and_changes_nothing(app) {
        let a = World::new(&app.store, "Acme").await;
        let other = World::new(&app.store, "Rival").await;
        let m = a.note(&app.store, 0, "Acme secret").await;
        let gone = a.note(&app.store, 1, "Acme deleted").await;
        app.store.apply(a.ws, a.journey.id, a.owner_actor(), "Owner", BoardCommand::DeleteMoment { id: gone.id }).await.unwrap();
        let own = other.note(&app.store, 0, "Rival note").await;
        let _gus = app.guest(&a.journey, "Gus").await;
        let gid = app.store.guests(a.ws, a.journey.id).await.unwrap()[0].id;
        let api = app.api(&other.owner_token);
        let (bid, jid, sid, cid) = (a.business.id, a.journey.id, a.stages[2].id, a.channels[0].id);

        let today = mot_core::date::today();
        let branch = app.store.add_branch(a.ws, bid, "Main").await.unwrap();
        let tpl = app.store.create_default_template(a.ws).await.unwrap();
        let round = app
            .store
            .start_round(a.ws, bid, tpl.id, "R", today, today.saturating_add(time::Duration::days(14)), vec![branch.id])
            .await
            .unwrap();
        let (tid, rid, iid) = (tpl.id, round.id, tpl.items[0].id);
        let point = app.store.feedback_point(a.ws, m.id, None).await.unwrap().id;
        let invite = app.store.create_invite(a.ws, "x@example.com", mot_core::Role::Member, &mot_store::random_token(), None).await.unwrap().id;
        let attempts: Vec<(Method, String, Option<Value>)> = vec![
            (Method::GET, format!("/api/v1/businesses/{bid}/branches"), None),
            (Method::POST, format!("/api/v1/businesses/{bid}/branches"), Some(json!({"name": "Stolen"}))),
            (Method::GET, format!("/api/v1/templates/{tid}"), None),
            (Method::POST, format!("/api/v1/templates/{tid}/items"), Some(json!({"phase": "P", "text": "Stolen"}))),
            (Method::PATCH, format!("/api/v1/templates/{tid}/items/{iid}"), Some(json!({"text": "Stolen"}))),
            (Method::GET, format!("/api/v1/businesses/{bid}/rounds"), None),
            (Method::POST, format!("/api/v1/businesses/{bid}/rounds"), Some(json!({"template_id": tid, "name": "Stolen", "opens_on": "2026-01-01", "closes_on": "2030-01-01", "branch_ids": [branch.id]}))),
            (Method::GET, format!("/api/v1/rounds/{rid}"), None),
            (Method::POST, format!("/api/v1/rounds/{rid}/links"), Some(json!({"branch_id": branch.id, "group": "staff", "labels": ["Stolen"]}))),
            (Method::POST, format!("/api/v1/rounds/{rid}/close"), Some(json!({}))),
            (Method::GET, format!("/api/v1/rounds/{rid}/results"), None),
            (Method::GET, format!("/api/v1/rounds/{rid}/results/csv"), None),
            (Method::GET, format!("/api/v1/journeys/{jid}/standards"), None),
            (Method::PUT, format!("/api/v1/moments/{}/standard", m.id), Some(json!({"experience": "Stolen"}))),
            (Method::GET, format!("/api/v1/businesses/{bid}"), None),
            (Method::PATCH, format!("/api/v1/businesses/{bid}"), Some(json!({"name": "Stolen"}))),
            (Method::GET, format!("/api/v1/businesses/{bid}/journeys"), None),
            (Method::POST, format!("/api/v1/businesses/{bid}/journeys"), Some(json!({"name": "Stolen"}))),
            (Method::GET, format!("/api/v1/businesses/{bid}/channels"), None),
            (Method::POST, format!("/api/v1/businesses/{bid}/channels"), Some(json!({"name": "Stolen", "colour": "#000000", "icon": "X"}))),
            (Method::PATCH, format!("/api/v1/channels/{cid}"), Some(json!({"name": "Stolen"}))),
            (Method::GET, format!("/api/v1/journeys/{jid}"), None),
            (Method::PATCH, format!("/api/v1/journeys/{jid}"), Some(json!({"name": "Stolen"}))),
            (Method::GET, format!("/api/v1/journeys/{jid}/stages"), None),
            (Method::POST, format!("/api/v1/journeys/{jid}/stages"), Some(json!({"name": "Stolen"}))),
            (Method::PATCH, format!("/api/v1/stages/{sid}"), Some(json!({"name": "Stolen", "index": 0}))),
            (Method::DELETE, format!("/api/v1/stages/{sid}"), None),
            (Method::GET, format!("/api/v1/journeys/{jid}/moments"), None),
            (Method::POST, format!("/api/v1/journeys/{jid}/moments"), Some(json!({"stage_id": sid, "title": "Stolen"}))),
            (Method::GET, format!("/api/v1/moments/{}", m.id), None),
            (Method::PATCH, format!("/api/v1/moments/{}", m.id), Some(json!({"title": "Stolen"}))),
            (Method::DELETE, format!("/api/v1/moments/{}", m.id), None),
            (Method::POST, format!("/api/v1/moments/{}/restore", gone.id), Some(json!({}))),
            (Method::POST, format!("/api/v1/moments/{}/move", m.id), Some(json!({"stage_id": sid, "index": 0}))),
            (Method::GET, format!("/api/v1/journeys/{jid}/join-link"), None),
            (Method::POST, format!("/api/v1/journeys/{jid}/join-link/rotate"), Some(json!({}))),
            (Method::POST, format!("/api/v1/journeys/{jid}/join-link/rotate?remove_guests=true"), Some(json!({}))),
            (Method::GET, format!("/api/v1/journeys/{jid}/guests"), None),
            (Method::DELETE, format!("/api/v1/journeys/{jid}/guests/{gid}"), None),
            (Method::GET, format!("/api/v1/journeys/{jid}/changes"), None),
            (Method::GET, format!("/api/v1/journeys/{jid}/feedback/points"), None),
            (Method::POST, format!("/api/v1/journeys/{jid}/feedback/points"), Some(json!({"moment_id": m.id}))),
            (Method::PUT, format!("/api/v1/feedback/points/{point}/reasons"), Some(json!({"reasons": ["Stolen"]}))),
            (Method::PATCH, format!("/api/v1/feedback/points/{point}"), Some(json!({"open": false}))),
            (Method::GET, format!("/api/v1/journeys/{jid}/feedback/surveys"), None),
            (Method::POST, format!("/api/v1/journeys/{jid}/feedback/surveys"), Some(json!({"moment_ids": [m.id]}))),
            (Method::GET, format!("/api/v1/journeys/{jid}/feedback/figures"), None),
            (Method::GET, format!("/api/v1/journeys/{jid}/feedback/comments"), None),
            (Method::GET, format!("/api/v1/journeys/{jid}/feedback/answers"), None),
            (Method::GET, format!("/api/v1/journeys/{jid}/feedback/alerts"), None),
            (Method::POST, format!("/api/v1/journeys/{jid}/feedback/alerts/1"), Some(json!({"decision": "dismiss"}))),
            (Method::PATCH, format!("/api/v1/people/{}", a.owner.id), Some(json!({"role": "viewer"}))),
            (Method::DELETE, format!("/api/v1/people/{}", a.owner.id), None),
            (Method::DELETE, format!("/api/v1/invites/{invite}"), None),
            // Their own records, pointing at ours.
            (Method::POST, format!("/api/v1/journeys/{}/moments", other.journey.id), Some(json!({"stage_id": sid, "title": "Stolen"}))),
            (Method::POST, format!("/api/v1/moments/{}/move", own.id), Some(json!({"stage_id": sid, "index": 0}))),
            (Method::PATCH, format!("/api/v1/moments/{}", own.id), Some(json!({"channel_id": cid}))),
            (Method::POST, format!("/api/v1/journeys/{}/feedback/points", other.journey.id), Some(json!({"moment_id": m.id}))),
        ];
        // Every id-taking route is in the list (the session routes are tried
        // in the_session_api_starts_lists_shows_and_runs_commands_only_within_its_workspace).
        // A route template matches a tried path when every `{…}` id segment is a number.
        let matches = |template: &str, path: &str| {
            let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
            t.len() == p.len()
                && t.iter().zip(&p).all(|(a, b)| match *a {
                    "{format}" => !b.is_empty(),
                    a if a.starts_with('{') => b.parse::<i64>().is_ok(),
                    a => a == *b,
                })
        };
        for (_, path) in ROUTES.iter().filter(|(_, p)| p.contains("{id}") && !p.contains("sessions")) {
            assert!(attempts.iter().any(|(_, p, _)| matches(path, p)), "{path} is tried");
        }
        let before = app.snapshot(a.ws, jid).await;
        let theirs = app.snapshot(other.ws, other.journey.id).await;
        for (m, path, body) in attempts {
            let (status, body) = api.call(m.clone(), &path, body).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{m} {path}: {body}");
            assert_error_body(&body);
            assert!(!body.to_string().contains("Acme"), "nothing of ours is shown: {body}");
        }
        assert_eq!(app.snapshot(a.ws, jid).await, before, "nothing of ours changed");
        assert_eq!(app.snapshot(other.ws, other.journey.id).await, theirs, "nor of theirs");
        assert_eq!(app.store.guests(a.ws, a.journey.id).await.unwrap().len(), 1, "our guest stays");
        let listed = check(api.get("/api/v1/businesses").await, StatusCode::OK, "their businesses");
        assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    }

    async fn the_owner_lists_and_removes_guests_and_can_rotate_the_link_removing_the_rest(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let api = app.api(&w.owner_token);
        let _gus = app.guest(&w.journey, "Gus").await;
        let _dana = app.guest(&w.journey, "Dana").await;
        let list = check(api.get(&format!("/api/v1/journeys/{jid}/guests")).await, StatusCode::OK, "guests");
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Gus", "Dana"]);
        let gus = list[0]["id"].as_i64().unwrap();
        let (status, _) = api.delete(&format!("/api/v1/journeys/{jid}/guests/{gus}")).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, body) = api.delete(&format!("/api/v1/journeys/{jid}/guests/{gus}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "removed once: {body}");
        let list = check(api.get(&format!("/api/v1/journeys/{jid}/guests")).await, StatusCode::OK, "guests");
        assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
        // A plain rotation keeps the guests; with remove_guests it removes them.
        check(api.post(&format!("/api/v1/journeys/{jid}/join-link/rotate"), json!({})).await, StatusCode::OK, "rotate");
        assert_eq!(app.store.guests(w.ws, jid).await.unwrap().len(), 1);
        check(api.post(&format!("/api/v1/journeys/{jid}/join-link/rotate?remove_guests=true"), json!({})).await, StatusCode::OK, "rotate removing guests");
        assert!(app.store.guests(w.ws, jid).await.unwrap().is_empty());
    }

    async fn a_viewer_token_reads_but_cannot_create_and_a_member_cannot_manage(app) {
        let w = World::new(&app.store, "Acme").await;
        let m = w.note(&app.store, 0, "A note").await;
        let (bid, jid, sid, cid) = (w.business.id, w.journey.id, w.stages[0].id, w.channels[0].id);
        let viewer = app.api(&w.person(&app.store, Role::Viewer).await.token);
        assert_eq!(check(viewer.get("/api/v1/me").await, StatusCode::OK, "viewer me")["role"], "viewer");
        check(viewer.get(&format!("/api/v1/journeys/{jid}/moments")).await, StatusCode::OK, "viewer reads");

        let before = app.snapshot(w.ws, jid).await;
        let refused: Vec<(Method, String, Value)> = vec![
            (Method::POST, "/api/v1/businesses".into(), json!({"name": "V"})),
            (Method::PATCH, format!("/api/v1/businesses/{bid}"), json!({"name": "V"})),
            (Method::POST, format!("/api/v1/businesses/{bid}/journeys"), json!({"name": "V"})),
            (Method::POST, format!("/api/v1/businesses/{bid}/channels"), json!({"name": "V", "colour": "#000000", "icon": "V"})),
            (Method::PATCH, format!("/api/v1/channels/{cid}"), json!({"name": "V"})),
            (Method::PATCH, format!("/api/v1/journeys/{jid}"), json!({"name": "V"})),
            (Method::POST, format!("/api/v1/journeys/{jid}/stages"), json!({"name": "V"})),
            (Method::PATCH, format!("/api/v1/stages/{sid}"), json!({"name": "V"})),
            (Method::POST, format!("/api/v1/journeys/{jid}/moments"), json!({"stage_id": sid, "title": "V"})),
            (Method::PATCH, format!("/api/v1/moments/{}", m.id), json!({"title": "V"})),
            (Method::POST, format!("/api/v1/moments/{}/move", m.id), json!({"stage_id": sid, "index": 0})),
            (Method::DELETE, format!("/api/v1/moments/{}", m.id), json!(null)),
            (Method::DELETE, format!("/api/v1/stages/{}", w.stages[2].id), json!(null)),
            (Method::GET, format!("/api/v1/journeys/{jid}/join-link"), json!(null)),
            (Method::POST, format!("/api/v1/journeys/{jid}/join-link/rotate"), json!({})),
        ];
        for (m, path, body) in &refused {
            let body = if body.is_null() { None } else { Some(body.clone()) };
            let (status, answer) = viewer.call(m.clone(), path, body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "viewer {m} {path}: {answer}");
            assert_error_body(&answer);
        }
        assert_eq!(app.snapshot(w.ws, jid).await, before, "a viewer changed nothing");

        let member = app.api(&w.person(&app.store, Role::Member).await.token);
        check(member.post("/api/v1/businesses", json!({"name": "M"})).await, StatusCode::FORBIDDEN, "member creates a business");
        check(member.post(&format!("/api/v1/businesses/{bid}/journeys"), json!({"name": "M"})).await, StatusCode::FORBIDDEN, "member creates a journey");
        check(member.get(&format!("/api/v1/journeys/{jid}/join-link")).await, StatusCode::FORBIDDEN, "member reads the join link");
        check(member.get(&format!("/api/v1/journeys/{jid}/guests")).await, StatusCode::FORBIDDEN, "member lists the guests");
        let note = check(member.post(&format!("/api/v1/journeys/{jid}/moments"), json!({"stage_id": sid, "title": "Member note"})).await, StatusCode::CREATED, "member adds a note");
        check(member.patch(&format!("/api/v1/moments/{}", m.id), json!({"title": "Edited by a member"})).await, StatusCode::OK, "member edits the owner's note");
        check(member.post(&format!("/api/v1/journeys/{jid}/stages"), json!({"name": "Member stage"})).await, StatusCode::CREATED, "member adds a stage");
        assert_eq!(note["author_name"], "Pat member");
    }

    async fn the_openapi_document_is_openapi_3_and_lists_every_api_path(app) {
        let res = app.browser().get("/api/v1/openapi.json").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()[reqwest::header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
        let doc: Value = res.json().await.unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{}", doc["openapi"]);
        assert!(doc["info"]["title"].is_string());
        assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"].as_str().map(str::to_lowercase).as_deref(), Some("bearer"));
        let paths = doc["paths"].as_object().expect("paths");
        for (m, path) in ROUTES {
            let op = &paths.get(*path).unwrap_or_else(|| panic!("{path} in the document"))[*m];
            assert!(op.is_object(), "{m} {path} in the document");
            assert!(op["responses"].is_object(), "{m} {path} has responses");
        }
        let documented: usize = paths.values().map(|p| p.as_object().unwrap().keys().filter(|k| ["get", "post", "patch", "delete", "put"].contains(&k.as_str())).count()).sum();
        assert_eq!(documented, ROUTES.len(), "no undocumented extras either way");
        assert!(paths.keys().all(|p| p.starts_with("/api/v1/")));
        // Schemas for what the API answers.
        for schema in ["ErrorBody", "MomentOut", "JourneyOut", "BusinessOut", "StageOut", "ChannelOut"] {
            assert!(doc["components"]["schemas"][schema].is_object(), "{schema} schema");
        }
    }

    async fn api_changes_reach_the_board_log_like_page_changes(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let jid = w.journey.id;
        check(api.post(&format!("/api/v1/journeys/{jid}/moments"), json!({"stage_id": w.stages[0].id, "title": "From the API"})).await, StatusCode::CREATED, "create");
        let log = app.store.changes_since(w.ws, jid, 0, 10).await.unwrap();
        assert_eq!(log.len(), 1);
        assert!(matches!(&log[0].event, LiveEvent::Board(BoardEvent::MomentAdded { moment }) if moment.title == "From the API" && moment.author_name == w.owner.name));
        let (status, _) = api.raw(Method::GET, "/api/v1/me", None, "").await;
        assert_eq!(status, StatusCode::OK);
    }

    async fn the_session_api_starts_lists_shows_and_runs_commands_only_within_its_workspace(app) {
        let w = World::new(&app.store, "Acme").await;
        let other = World::new(&app.store, "Rival").await;
        let api = app.api(&w.owner_token);
        let jid = w.journey.id;
        let m = w.note(&app.store, 0, "Store first impressions").await;

        let s = check(api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "March session", "held_on": "2027-03-01", "vote_limit": 3})).await, StatusCode::CREATED, "start a session");
        let sid = id(&s);
        assert_eq!((s["phase"].as_str(), s["held_on"].as_str(), s["vote_limit"].as_i64()), (Some("capture"), Some("2027-03-01"), Some(3)));
        assert_eq!(s["html_url"], format!("{}/j/{jid}#session-panel", app.base));
        let list = check(api.get(&format!("/api/v1/journeys/{jid}/sessions")).await, StatusCode::OK, "list sessions");
        assert_eq!(list.as_array().unwrap().len(), 1);
        let state = check(api.get(&format!("/api/v1/sessions/{sid}")).await, StatusCode::OK, "session state");
        assert_eq!(state["session"]["id"], sid);
        let done = check(api.post(&format!("/api/v1/sessions/{sid}/commands"), json!({"op": "change_phase", "expected": "capture", "target": "colour_code"})).await, StatusCode::OK, "a session command");
        assert!(!done["changes"].as_array().unwrap().is_empty(), "{done}");
        assert_eq!(check(api.get(&format!("/api/v1/sessions/{sid}")).await, StatusCode::OK, "state")["session"]["phase"], "colour_code");
        // A stale phase change is a conflict, not a silent overwrite.
        let (status, body) = api.post(&format!("/api/v1/sessions/{sid}/commands"), json!({"op": "change_phase", "expected": "capture", "target": "prioritise"})).await;
        assert!(status.is_client_error(), "{status} {body}");
        assert_error_body(&body);
        let (status, body) = api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "Bad date", "held_on": "2027-02-30"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = api.post(&format!("/api/v1/sessions/{sid}/commands"), json!({"op": "no_such_op"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

        // Another workspace sees none of it.
        let rival = app.api(&other.owner_token);
        let before = app.snapshot(w.ws, jid).await;
        let seq = w.journey_now(&app.store).await.last_seq;
        for (m_, path, body) in [
            (Method::GET, format!("/api/v1/journeys/{jid}/sessions"), None),
            (Method::POST, format!("/api/v1/journeys/{jid}/sessions"), Some(json!({"title": "Stolen"}))),
            (Method::GET, format!("/api/v1/sessions/{sid}"), None),
            (Method::POST, format!("/api/v1/sessions/{sid}/commands"), Some(json!({"op": "vote", "moment_id": m.id}))),
        ] {
            let (status, answer) = rival.call(m_.clone(), &path, body).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{m_} {path}: {answer}");
            assert_error_body(&answer);
        }
        assert_eq!(app.snapshot(w.ws, jid).await, before);
        assert_eq!(w.journey_now(&app.store).await.last_seq, seq, "nothing was logged");
        assert_eq!(app.store.sessions(w.ws, jid).await.unwrap().len(), 1);

        // A viewer cannot start a session.
        let viewer = app.api(&w.person(&app.store, Role::Viewer).await.token);
        check(viewer.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "Viewer session"})).await, StatusCode::FORBIDDEN, "a viewer starts a session");
    }

    async fn a_json_array_body_is_refused_where_an_object_is_expected_and_creates_nothing(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let (jid, stage) = (w.journey.id, w.stages[0].id);
        let m = w.note(&app.store, 0, "Greets at the door").await;
        let s = check(api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "March"})).await, StatusCode::CREATED, "a session");
        let templates = app.store.templates(w.ws).await.unwrap().len();
        let before = app.snapshot(w.ws, jid).await;
        let seq = w.journey_now(&app.store).await.last_seq;
        // serde reads a struct from an array, field by field in order: each of
        // these would otherwise be taken as the object it spells.
        for (path, body) in [
            ("/api/v1/templates".to_string(), json!([])),
            ("/api/v1/businesses".to_string(), json!(["From an array"])),
            (format!("/api/v1/journeys/{jid}/stages"), json!(["From an array"])),
            (format!("/api/v1/journeys/{jid}/moments"), json!([stage, null, "From an array"])),
            (format!("/api/v1/sessions/{}/commands", id(&s)), json!(["change_phase", "capture", "colour_code"])),
        ] {
            let (status, answer) = api.post(&path, body.clone()).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "POST {path} {body}: {answer}");
            assert_error_body(&answer);
        }
        let (status, answer) = api.patch(&format!("/api/v1/moments/{}", m.id), json!(["Renamed by an array"])).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(app.store.templates(w.ws).await.unwrap().len(), templates, "no template was made");
        assert_eq!(app.snapshot(w.ws, jid).await, before, "nothing changed");
        assert_eq!(w.journey_now(&app.store).await.last_seq, seq, "nothing was logged");
        // The same as an object is taken.
        check(api.post("/api/v1/templates", json!({})).await, StatusCode::CREATED, "an object body");
    }

    async fn an_index_is_documented_as_a_whole_number_and_a_fractional_one_is_refused(app) {
        let doc: Value = app.browser().get("/api/v1/openapi.json").await.json().await.unwrap();
        for (schema, field) in [("MoveIn", "index"), ("StagePatch", "index")] {
            let mut s = &doc["components"]["schemas"][schema];
            if s["allOf"].is_array() {
                s = &s["allOf"][0];
            }
            let s = &s["properties"][field];
            let types: Vec<&str> = match &s["type"] {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                other => panic!("{schema}.{field} has no type: {other}"),
            };
            assert!(types.contains(&"integer") && !types.contains(&"number"), "{schema}.{field} is a whole number: {s}");
            assert_eq!(s["minimum"], 0, "{schema}.{field} starts at 0: {s}");
        }
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let m = w.note(&app.store, 0, "Greets at the door").await;
        w.note(&app.store, 1, "Pays").await;
        let before = app.snapshot(w.ws, w.journey.id).await;
        for index in [json!(0.5), json!(1.5), json!("1"), json!(-1)] {
            let (status, body) = api.post(&format!("/api/v1/moments/{}/move", m.id), json!({"stage_id": w.stages[1].id, "index": index})).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "index {index}: {body}");
            assert_error_body(&body);
            let (status, body) = api.patch(&format!("/api/v1/stages/{}", w.stages[0].id), json!({"index": index})).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "stage index {index}: {body}");
        }
        assert_eq!(app.snapshot(w.ws, w.journey.id).await, before, "nothing moved");
        // JSON has one kind of number and JSON Schema counts 1.0 as the integer 1: so does the server.
        let moved = check(api.post(&format!("/api/v1/moments/{}/move", m.id), json!({"stage_id": w.stages[1].id, "index": 1.0})).await, StatusCode::OK, "index 1.0");
        assert_eq!((moved["stage_id"].as_i64(), moved["position"].as_i64()), (Some(w.stages[1].id), Some(1)));
        let moved = check(api.post(&format!("/api/v1/moments/{}/move", m.id), json!({"stage_id": w.stages[1].id, "index": 0})).await, StatusCode::OK, "index 0");
        assert_eq!(moved["position"], 0);
        let stage = check(api.patch(&format!("/api/v1/stages/{}", w.stages[0].id), json!({"index": 2.0})).await, StatusCode::OK, "stage index 2.0");
        assert_eq!(stage["position"], 2);
    }

    async fn the_openapi_document_states_every_error_answer_and_the_limits_the_rules_enforce(app) {
        use mot_core::audit::AuditLimits;
        use mot_core::session::SessionLimits;
        use mot_core::text::Limits;
        let doc: Value = app.browser().get("/api/v1/openapi.json").await.json().await.unwrap();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let answers = op["responses"].as_object().unwrap();
                let mut expected = vec!["401"];
                if path.contains('{') {
                    expected.push("404");
                }
                if op["requestBody"].is_object() {
                    expected.extend(["400", "413", "415", "422"]);
                }
                for status in expected {
                    let a = &answers.get(status).unwrap_or_else(|| panic!("{method} {path} documents {status}"));
                    assert_eq!(a["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/ErrorBody", "{method} {path} {status}");
                }
            }
        }
        let schemas = &doc["components"]["schemas"];
        let pattern = |schema: &str, field: &str| -> String {
            schemas[schema]["properties"][field]["pattern"].as_str().unwrap_or_else(|| panic!("{schema}.{field} has a pattern")).to_string()
        };
        // A one-line text of up to N characters: a first, up to N-2, a last.
        for (schema, field, max) in [
            ("NameIn", "name", Limits::BUSINESS_NAME),
            ("JourneyIn", "name", Limits::JOURNEY_NAME),
            ("StageIn", "name", Limits::STAGE_NAME),
            ("MomentIn", "title", Limits::MOMENT_TITLE),
            ("ChannelIn", "name", Limits::CHANNEL_NAME),
            ("ChannelIn", "icon", Limits::CHANNEL_ICON),
            ("SessionIn", "title", SessionLimits::TITLE),
            ("BranchIn", "name", AuditLimits::BRANCH_NAME),
            ("RoundIn", "name", AuditLimits::ROUND_NAME),
            ("ItemIn", "text", AuditLimits::ITEM_TEXT),
        ] {
            assert!(pattern(schema, field).contains(&format!("{{0,{}}}", max - 2)), "{schema}.{field}: {}", pattern(schema, field));
        }
        assert!(pattern("MomentIn", "description").contains(&format!("{{0,{}}}", Limits::MOMENT_DESCRIPTION - 2)));
        assert!(pattern("ChannelIn", "colour").contains("#[0-9A-Fa-f]{6}"));
        for (schema, field) in [("RoundIn", "opens_on"), ("RoundIn", "closes_on"), ("SessionIn", "held_on")] {
            assert_eq!(schemas[schema]["properties"][field]["format"], "date", "{schema}.{field}");
        }
        assert_eq!(schemas["SessionIn"]["properties"]["vote_limit"]["maximum"], SessionLimits::VOTE_LIMIT);
        assert_eq!(schemas["SessionIn"]["properties"]["priority_cap"]["maximum"], SessionLimits::PRIORITY_CAP);
        assert_eq!(schemas["LinksIn"]["properties"]["labels"]["maxItems"], AuditLimits::LINKS_AT_ONCE);
        assert_eq!(schemas["RoundIn"]["properties"]["branch_ids"]["minItems"], 1);
        let changes = &doc["paths"]["/api/v1/journeys/{id}/changes"]["get"]["parameters"];
        let limit = changes.as_array().unwrap().iter().find(|p| p["name"] == "limit").expect("a limit parameter");
        assert_eq!(limit["schema"]["maximum"], mot_server::board::api::CHANGES_PAGE_MAX);

        // The session command is typed: one object per op, each naming its op.
        let body = &doc["paths"]["/api/v1/sessions/{id}/commands"]["post"]["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(body["$ref"], "#/components/schemas/SessionCommand", "{body}");
        let variants = schemas["SessionCommand"]["oneOf"].as_array().expect("one schema per op");
        let ops: Vec<&str> = variants.iter().filter_map(|v| v["properties"]["op"]["enum"][0].as_str()).collect();
        for op in ["change_phase", "vote", "add_idea", "save_action", "book_next"] {
            assert!(ops.contains(&op), "{op} in {ops:?}");
        }
        let save = variants.iter().find(|v| v["properties"]["op"]["enum"][0] == "save_action").unwrap();
        assert_eq!(save["properties"]["steps"]["maxItems"], SessionLimits::STEPS);
        assert!(save["required"].as_array().unwrap().contains(&json!("what")));
        let add = variants.iter().find(|v| v["properties"]["op"]["enum"][0] == "add_idea").unwrap();
        assert!(add["properties"]["text"]["pattern"].as_str().unwrap().contains(&format!("{{0,{}}}", SessionLimits::IDEA - 2)));
    }

    async fn the_api_serves_the_planning_form_in_every_format_the_next_session_file_and_the_audit_report(app) {
        let w = World::new(&app.store, "Acme").await;
        let other = World::new(&app.store, "Rival").await;
        let api = app.api(&w.owner_token);
        let jid = w.journey.id;
        w.note(&app.store, 0, "Greets at the door").await;
        let s = check(api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "March session", "held_on": "2027-03-01"})).await, StatusCode::CREATED, "a session");
        let sid = id(&s);
        let fetch = |token: String, path: String| {
            let client = api.client.clone();
            let url = app.url(&path);
            async move {
                let res = client.get(url).bearer_auth(token).send().await.unwrap();
                let status = res.status();
                let ctype = res.headers().get(reqwest::header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
                let disposition = res.headers().get(reqwest::header::CONTENT_DISPOSITION).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
                (status, ctype, disposition, res.bytes().await.unwrap().to_vec())
            }
        };
        let me = w.owner_token.clone();
        for (format, ctype, start) in [
            ("pdf", "application/pdf", &b"%PDF"[..]),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &b"PK"[..]),
            ("csv", "text/csv", &b""[..]),
            ("md", "text/markdown", &b""[..]),
        ] {
            let (status, got, disposition, body) = fetch(me.clone(), format!("/api/v1/sessions/{sid}/form/{format}")).await;
            assert_eq!(status, StatusCode::OK, "form as {format}");
            assert!(got.starts_with(ctype), "{format}: {got}");
            assert!(disposition.starts_with("attachment") && disposition.contains(&format!(".{format}\"")), "{disposition}");
            assert!(body.starts_with(start), "{format} starts as it should");
            if matches!(format, "csv" | "md") {
                assert!(String::from_utf8(body).unwrap().contains("Greets at the door"), "the {format} holds the board");
            }
        }
        let (status, _, _, body) = fetch(me.clone(), format!("/api/v1/sessions/{sid}/form/docx")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "an unknown format");
        assert_error_body(&serde_json::from_slice(&body).unwrap());

        // The next session: none booked, then booked.
        let (status, _, _, _) = fetch(me.clone(), format!("/api/v1/sessions/{sid}/next.ics")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no next session yet");
        let next = mot_core::date::today().saturating_add(time::Duration::days(21));
        check(api.post(&format!("/api/v1/sessions/{sid}/commands"), json!({"op": "book_next", "date": mot_core::date::format(next)})).await, StatusCode::OK, "book the next session");
        let (status, got, _, body) = fetch(me.clone(), format!("/api/v1/sessions/{sid}/next.ics")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(got.starts_with("text/calendar"), "{got}");
        let ics = String::from_utf8(body).unwrap();
        assert!(ics.contains(&format!("DTSTART;VALUE=DATE:{}", mot_core::date::format(next).replace('-', ""))), "{ics}");

        // The audit report.
        let branch = app.store.add_branch(w.ws, w.business.id, "Main street").await.unwrap();
        let tpl = app.store.create_default_template(w.ws).await.unwrap();
        let today = mot_core::date::today();
        let round = app.store.start_round(w.ws, w.business.id, tpl.id, "Spring audit", today, today, vec![branch.id]).await.unwrap();
        for (format, ctype, start) in [
            ("pdf", "application/pdf", &b"%PDF"[..]),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &b"PK"[..]),
            ("csv", "text/csv", &b""[..]),
        ] {
            let (status, got, disposition, body) = fetch(me.clone(), format!("/api/v1/rounds/{}/results/{format}", round.id)).await;
            assert_eq!(status, StatusCode::OK, "report as {format}");
            assert!(got.starts_with(ctype), "{format}: {got}");
            assert!(disposition.contains(&format!(".{format}\"")), "{disposition}");
            assert!(body.starts_with(start), "{format} starts as it should");
        }
        let (status, _, _, _) = fetch(me.clone(), format!("/api/v1/rounds/{}/results/md", round.id)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no Markdown report");

        // A token, and one of this workspace.
        for path in [format!("/api/v1/sessions/{sid}/form/pdf"), format!("/api/v1/sessions/{sid}/next.ics"), format!("/api/v1/rounds/{}/results/csv", round.id)] {
            let (status, _, _, body) = fetch(String::new(), path.clone()).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path} without a token");
            assert_error_body(&serde_json::from_slice(&body).unwrap());
            let (status, _, _, body) = fetch(other.owner_token.clone(), path.clone()).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path} for another workspace");
            assert!(!String::from_utf8_lossy(&body).contains("Acme"), "nothing of ours is shown");
        }
    }

}
