//! The JSON API under `/api/v1`, through the real server: every route's happy
//! path, bearer-token failures, roles, a caller from another workspace on
//! every id-taking route, and the OpenAPI document.

#[macro_use]
mod common;

use common::*;
use mot_core::{BoardCommand, BoardEvent, Role};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Every route, as (method, path template) — `{id}` in the OpenAPI spelling.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/me"),
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
    ("get", "/api/v1/journeys/{id}/changes"),
    ("get", "/api/v1/journeys/{id}/sessions"),
    ("post", "/api/v1/journeys/{id}/sessions"),
    ("get", "/api/v1/sessions/{id}"),
    ("post", "/api/v1/sessions/{id}/commands"),
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
    ("get", "/api/v1/journeys/{id}/standards"),
    ("put", "/api/v1/moments/{id}/standard"),
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
            (Method::GET, format!("/api/v1/journeys/{jid}/changes"), None),
            // Their own records, pointing at ours.
            (Method::POST, format!("/api/v1/journeys/{}/moments", other.journey.id), Some(json!({"stage_id": sid, "title": "Stolen"}))),
            (Method::POST, format!("/api/v1/moments/{}/move", own.id), Some(json!({"stage_id": sid, "index": 0}))),
            (Method::PATCH, format!("/api/v1/moments/{}", own.id), Some(json!({"channel_id": cid}))),
        ];
        // Every id-taking route is in the list (the session routes are tried
        // in the_session_api_starts_lists_shows_and_runs_commands_only_within_its_workspace).
        // A route template matches a tried path when every `{…}` segment is a number.
        let matches = |template: &str, path: &str| {
            let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
            t.len() == p.len()
                && t.iter().zip(&p).all(|(a, b)| if a.starts_with('{') { b.parse::<i64>().is_ok() } else { a == b })
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
        let listed = check(api.get("/api/v1/businesses").await, StatusCode::OK, "their businesses");
        assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
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
        assert!(matches!(&log[0].event, BoardEvent::MomentAdded { moment } if moment.title == "From the API" && moment.author_name == w.owner.name));
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
}
