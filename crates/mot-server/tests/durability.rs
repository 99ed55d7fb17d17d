//! What a team meets when the database misbehaves: `/healthz` tells a
//! database that cannot take a write from a healthy one, a PostgreSQL that
//! is down is a prompt 503 (not a 10-second wait and a 500), and a change
//! committed while another instance's listener reconnects still reaches
//! that instance's live clients.

#[macro_use]
mod common;

use common::*;
use reqwest::StatusCode;
use sqlx::Connection;
use std::time::{Duration, Instant};

/// How long `/healthz` or a request may take to say the database is not
/// fit (it used to wait 10 s for the pool).
const PROMPTLY: Duration = Duration::from_secs(6);

async fn timed_get(b: &Browser, path: &str) -> (StatusCode, String, Duration) {
    let t = Instant::now();
    let res = b.get(path).await;
    let status = res.status();
    let body = res.text().await.unwrap();
    (status, body, t.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_503_while_the_sqlite_database_cannot_take_a_write() {
    let app = TestApp::sqlite().await;
    within_test(async move {
        let b = app.browser();
        assert_eq!(timed_get(&b, "/healthz").await.0, StatusCode::OK);
        // Another program holds the write lock: reads go on, writes cannot.
        let mut other = sqlx::SqliteConnection::connect(&app.db.url).await.unwrap();
        sqlx::Executor::execute(&mut other, "BEGIN IMMEDIATE")
            .await
            .unwrap();
        let (status, body, took) = timed_get(&b, "/healthz").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert_eq!(body, "database cannot be written");
        assert!(took < PROMPTLY, "answered after {took:?}");
        sqlx::Executor::execute(&mut other, "ROLLBACK")
            .await
            .unwrap();
        other.close().await.unwrap();
        let (status, body, _) = timed_get(&b, "/healthz").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    })
    .await;
}

// ---- PostgreSQL: an administrator connection to the shared server ----------

/// The test database's name (the last part of its URL).
fn db_name(app: &TestApp) -> String {
    let path = app.db.url.rsplit('/').next().unwrap();
    path.split('?').next().unwrap().to_string()
}

async fn admin() -> sqlx::PgConnection {
    let url = std::env::var("MOT_TEST_POSTGRES_ADMIN_URL").expect("the admin URL");
    sqlx::PgConnection::connect(&url)
        .await
        .expect("an admin connection")
}

async fn admin_exec(sql: &str) {
    let mut a = admin().await;
    sqlx::Executor::execute(&mut a, sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    a.close().await.ok();
}

/// Ends the test database's connections whose last statement matches `like`.
async fn terminate(db: &str, like: &str) {
    admin_exec(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{db}' AND pid <> pg_backend_pid() AND query LIKE '{like}'"
    ))
    .await;
    // Wait until they are gone.
    let mut a = admin().await;
    within("the connections to end", async {
        loop {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = $1 AND query LIKE $2",
            )
            .bind(db)
            .bind(like)
            .fetch_one(&mut a)
            .await
            .unwrap();
            if n == 0 {
                break;
            }
            tokio::task::yield_now().await;
        }
    })
    .await;
    a.close().await.ok();
}

/// Waits until at least `n` connections of the test database are listening.
async fn listeners_at_least(db: &str, n: i64) {
    let mut a = admin().await;
    within("the instances' listeners", async {
        loop {
            let listening: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'",
            )
            .bind(db)
            .fetch_one(&mut a)
            .await
            .unwrap();
            if listening >= n {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    })
    .await;
    a.close().await.ok();
}

on_postgres_only! {
    async fn while_postgresql_cannot_be_reached_healthz_pages_and_the_api_answer_503_within_seconds(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let api = app.api(&w.owner_token);
        let db = db_name(&app);
        assert_eq!(timed_get(&owner, "/healthz").await.0, StatusCode::OK);

        // The database goes away: no new connections, the open ones cut.
        admin_exec(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS false")).await;
        terminate(&db, "%").await;

        let (status, body, took) = timed_get(&owner, "/healthz").await;
        assert_eq!((status, body.as_str()), (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"));
        assert!(took < PROMPTLY, "/healthz answered after {took:?}");

        let t = Instant::now();
        let res = owner.get(&format!("/j/{}", w.journey.id)).await;
        let retry = res.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
        let page = refused(res, StatusCode::SERVICE_UNAVAILABLE, "the board page").await;
        assert!(t.elapsed() < PROMPTLY, "the page answered after {:?}", t.elapsed());
        assert!(page.contains("The database is not answering right now"), "{page}");
        assert!(retry.is_some(), "a Retry-After header");

        let t = Instant::now();
        let (status, body) = api.get(&format!("/api/v1/journeys/{}", w.journey.id)).await;
        assert!(t.elapsed() < PROMPTLY, "the API answered after {:?}", t.elapsed());
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert_eq!(body["error"]["code"], "unavailable");

        // Back again: so is mot.
        admin_exec(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS true")).await;
        let (status, body, _) = timed_get(&owner, "/healthz").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
        let (status, _) = api.get(&format!("/api/v1/journeys/{}", w.journey.id)).await;
        assert_eq!(status, StatusCode::OK);
    }

    async fn healthz_answers_503_while_postgresql_takes_no_writes(app) {
        let db = db_name(&app);
        let b = app.browser();
        assert_eq!(timed_get(&b, "/healthz").await.0, StatusCode::OK);
        // As on a standby after a fail-over: connections read, never write.
        admin_exec(&format!("ALTER DATABASE {db} SET default_transaction_read_only = on")).await;
        terminate(&db, "%").await;
        let (status, body, took) = timed_get(&b, "/healthz").await;
        assert_eq!((status, body.as_str()), (StatusCode::SERVICE_UNAVAILABLE, "database cannot be written"));
        assert!(took < PROMPTLY, "answered after {took:?}");
        admin_exec(&format!("ALTER DATABASE {db} RESET default_transaction_read_only")).await;
        terminate(&db, "%").await;
        let (status, body, _) = timed_get(&b, "/healthz").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    }

    async fn a_change_committed_while_another_instance_reconnects_its_listener_still_reaches_its_clients(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let db = db_name(&app);
        let store_b = mot_store::Store::connect(&app.db.url).await.expect("a second store");
        // Both instances listen (A's listener and B's): counted on the server,
        // since B's first notice may come before anyone subscribes to it.
        listeners_at_least(&db, 2).await;
        let b = TestApp::start_on(app.db.clone(), store_b).await;
        let owner_b = b.signed_in(w.ws, w.owner.id).await;
        w.note(&app.store, 0, "Before the restart").await;
        let mut on_b = open_live(&b, jid, 1, &[("cookie", &owner_b.cookie_header())]).await.unwrap();
        let ready = next_json(&mut on_b).await;
        assert_eq!(ready["type"], "ready", "{ready}");

        // The listeners' connections are cut and kept out for a while (as
        // when PostgreSQL restarts); the pools' open connections stay.
        admin_exec(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS false")).await;
        terminate(&db, "LISTEN%").await;
        // A commits a change that B's listener cannot hear.
        w.note(&app.store, 0, "Committed during the gap").await;
        admin_exec(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS true")).await;

        // B's client gets it once B listens again, with no further change.
        let v = next_json(&mut on_b).await;
        assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_added"), Some(2)), "{v}");
        assert!(v["html"].as_str().unwrap().contains("Committed during the gap"));
        // And the feed goes on as before.
        w.note(&app.store, 1, "After the restart").await;
        let v = next_json(&mut on_b).await;
        assert_eq!(v["seq"], 3, "{v}");
    }
}

// ---- one click, one change (client request ids) ---------------------------------

/// The `_rid` field of the first add-note form on a board page.
fn form_request_id(html: &str) -> String {
    let marker = r#"name="_rid" value=""#;
    let start = html.find(marker).expect("a _rid field on the board") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

on_both! {
    async fn a_form_post_sent_twice_with_its_request_id_makes_one_note_and_answers_the_same(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get(&format!("/j/{jid}")).await, "the board").await;
        let rid = form_request_id(&page);
        let stage = w.stages[0].id.to_string();
        let form = [("stage_id", stage.as_str()), ("title", "Sees the shop window"), ("_rid", rid.as_str())];
        // The browser sends the form again when the first answer is lost.
        let first = owner.submit(&format!("/j/{jid}/moments"), &form).await;
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        let again = owner.submit(&format!("/j/{jid}/moments"), &form).await;
        assert_eq!(again.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&again), location(&first), "the same answer");
        let notes = app.store.moments(w.ws, jid).await.unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(w.journey_now(&app.store).await.last_seq, 1);
        // A new page gives a new id: the next note is a new note.
        let page = ok_page(owner.get(&format!("/j/{jid}")).await, "the board").await;
        assert_ne!(form_request_id(&page), rid);
    }

    async fn a_fetch_sent_twice_with_one_idempotency_key_makes_one_note_and_answers_the_same_frame(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let guest = app.guest(&w.journey, "Gus").await;
        let send = |key: &'static str, title: &'static str| {
            let stage = w.stages[1].id.to_string();
            let req = guest
                .client
                .post(guest.url(&format!("/j/{jid}/moments")))
                .header("x-mot-fetch", "1")
                .header("x-csrf-token", &guest.csrf)
                .header("idempotency-key", key)
                .form(&[("stage_id", stage.as_str()), ("title", title)]);
            async move {
                let res = req.send().await.unwrap();
                (res.status(), res.text().await.unwrap())
            }
        };
        let key = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
        let first = send(key, "Asks about delivery").await;
        assert_eq!(first.0, StatusCode::OK, "{}", first.1);
        // The page's retry queue sends it again, twice, at once.
        let (a, b) = tokio::join!(send(key, "Asks about delivery"), send(key, "Asks about delivery"));
        assert_eq!(a, first);
        assert_eq!(b, first);
        assert_eq!(app.store.moments(w.ws, jid).await.unwrap().len(), 1);
        // The same key for a different note is refused, not answered with the first.
        let (status, body) = send(key, "Something else").await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("request id: was already used"), "{body}");
        // A malformed key is refused too.
        let (status, _) = send("short", "Asks about delivery").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.store.moments(w.ws, jid).await.unwrap().len(), 1);
    }

    async fn an_api_call_repeated_with_its_idempotency_key_answers_the_first_outcome(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let client = reqwest::Client::new();
        let post = |key: &'static str, title: &'static str| {
            let req = client
                .post(app.url(&format!("/api/v1/journeys/{jid}/moments")))
                .bearer_auth(&w.owner_token)
                .header("Idempotency-Key", key)
                .json(&serde_json::json!({"stage_id": w.stages[0].id, "title": title}));
            async move { json_of(req.send().await.unwrap()).await }
        };
        let key = "api-request-0000000000000001";
        let first = post(key, "Reads the reviews").await;
        assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
        let again = post(key, "Reads the reviews").await;
        assert_eq!(again, first, "the same status and body");
        let (status, body) = post(key, "Reads the small print").await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_error_body(&body);
        // A delete repeated is a 204 again, not a 404.
        let id = first.1["id"].as_i64().unwrap();
        let del = |key: &'static str| {
            let req = client
                .delete(app.url(&format!("/api/v1/moments/{id}")))
                .bearer_auth(&w.owner_token)
                .header("Idempotency-Key", key);
            async move { req.send().await.unwrap().status() }
        };
        assert_eq!(del("api-delete-00000000000001").await, StatusCode::NO_CONTENT);
        assert_eq!(del("api-delete-00000000000001").await, StatusCode::NO_CONTENT);
        assert_eq!(del("api-delete-00000000000002").await, StatusCode::NOT_FOUND, "a new request is a new delete");
        assert_eq!(w.journey_now(&app.store).await.last_seq, 2);
    }

    async fn a_websocket_command_repeated_with_its_request_id_is_acknowledged_once_with_the_same_seq(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let mut ws = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header())]).await.unwrap();
        assert_eq!(next_json(&mut ws).await["type"], "ready");
        let cmd = serde_json::json!({"type": "cmd", "req": 1, "request_id": "ws-request-0000000000001",
            "cmd": {"op": "add_moment", "stage_id": w.stages[0].id, "channel_id": null, "title": "Rings the bell", "description": ""}});
        send_json(&mut ws, cmd.clone()).await;
        let mut acks = Vec::new();
        let mut frames = Vec::new();
        while acks.is_empty() {
            let v = next_json(&mut ws).await;
            if v["type"] == "ack" { acks.push(v) } else { frames.push(v) }
        }
        // Re-sent after a reconnect, say.
        send_json(&mut ws, serde_json::json!({"type": "cmd", "req": 2, "request_id": "ws-request-0000000000001", "cmd": cmd["cmd"]})).await;
        while acks.len() < 2 {
            let v = next_json(&mut ws).await;
            if v["type"] == "ack" { acks.push(v) } else { frames.push(v) }
        }
        assert_eq!(acks[0]["seq"], 1);
        assert_eq!(acks[1]["seq"], 1, "{acks:?}");
        assert_eq!(acks[1]["req"], 2);
        assert_eq!(app.store.moments(w.ws, jid).await.unwrap().len(), 1);
        assert_eq!(w.journey_now(&app.store).await.last_seq, 1);
    }
}

/// Every `_rid` field on a page, in order.
fn all_request_ids(html: &str) -> Vec<String> {
    let marker = r#"name="_rid" value=""#;
    html.match_indices(marker)
        .map(|(at, _)| {
            let start = at + marker.len();
            html[start..start + html[start..].find('"').unwrap()].to_string()
        })
        .collect()
}

on_both! {
    async fn a_form_that_makes_a_record_sent_twice_makes_it_once(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let home = ok_page(owner.get("/").await, "home").await;
        let rid = form_request_id(&home);
        let form = [("name", "Quay Cafe"), ("_rid", rid.as_str())];
        // The browser sends the form again when the first answer is lost.
        let first = owner.submit("/businesses", &form).await;
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        let again = owner.submit("/businesses", &form).await;
        assert_eq!(location(&again), location(&first), "the same answer");
        let named = |list: Vec<mot_core::Business>| list.iter().filter(|b| b.name == "Quay Cafe").count();
        assert_eq!(named(app.store.businesses(w.ws).await.unwrap()), 1);

        // The business page's forms (journey, channel, branch, template,
        // round) each carry an id of their own.
        let bid = w.business.id;
        let page = ok_page(owner.get(&format!("/b/{bid}")).await, "the business").await;
        let rids = all_request_ids(&page);
        assert!(rids.len() >= 4, "{rids:?}");
        let mut unique = rids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), rids.len(), "one id per form");
        let form = [("name", "Orders a cake"), ("_rid", rids[0].as_str())];
        let first = owner.submit(&format!("/b/{bid}/journeys"), &form).await;
        let again = owner.submit(&format!("/b/{bid}/journeys"), &form).await;
        assert_eq!(location(&again), location(&first));
        let journeys = app.store.journeys(w.ws, bid).await.unwrap();
        assert_eq!(journeys.iter().filter(|j| j.name == "Orders a cake").count(), 1);

        let form = [("name", "Harbour Street"), ("_rid", "branch-form-request-0001")];
        owner.submit(&format!("/b/{bid}/branches"), &form).await;
        owner.submit(&format!("/b/{bid}/branches"), &form).await;
        assert_eq!(app.store.branches(w.ws, bid).await.unwrap().len(), 1);
        // The same id for another branch is refused, not answered with the first.
        let res = owner.submit(&format!("/b/{bid}/branches"), &[("name", "Quay"), ("_rid", "branch-form-request-0001")]).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_eq!(app.store.branches(w.ws, bid).await.unwrap().len(), 1);
    }

    async fn an_api_call_that_makes_a_record_repeated_with_its_idempotency_key_answers_the_first(app) {
        let w = World::new(&app.store, "Acme").await;
        let client = reqwest::Client::new();
        let post = |path: String, key: &'static str, body: serde_json::Value| {
            let req = client
                .post(app.url(&path))
                .bearer_auth(&w.owner_token)
                .header("Idempotency-Key", key)
                .json(&body);
            async move { json_of(req.send().await.unwrap()).await }
        };
        let body = serde_json::json!({"name": "Quay Cafe"});
        let first = post("/api/v1/businesses".into(), "api-business-000000001", body.clone()).await;
        assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
        let again = post("/api/v1/businesses".into(), "api-business-000000001", body).await;
        assert_eq!(again, first, "the same status and body");
        let other = post("/api/v1/businesses".into(), "api-business-000000001", serde_json::json!({"name": "Other"})).await;
        assert_eq!(other.0, StatusCode::CONFLICT, "{}", other.1);
        assert_error_body(&other.1);

        let bid = w.business.id;
        let branch = post(format!("/api/v1/businesses/{bid}/branches"), "api-branch-00000000001", serde_json::json!({"name": "Main"})).await;
        assert_eq!(branch.0, StatusCode::CREATED, "{}", branch.1);
        let template = post("/api/v1/templates".into(), "api-template-000000001", serde_json::json!({})).await;
        assert_eq!(template.0, StatusCode::CREATED, "{}", template.1);
        let round_body = serde_json::json!({
            "name": "Spring", "template_id": template.1["id"], "branch_ids": [branch.1["id"]],
            "opens_on": mot_core::date::format(mot_core::date::today()),
            "closes_on": mot_core::date::format(mot_core::date::today().saturating_add(time::Duration::days(7))),
        });
        let round = post(format!("/api/v1/businesses/{bid}/rounds"), "api-round-000000000001", round_body.clone()).await;
        assert_eq!(round.0, StatusCode::CREATED, "{}", round.1);
        assert_eq!(post(format!("/api/v1/businesses/{bid}/rounds"), "api-round-000000000001", round_body).await, round);
        assert_eq!(app.store.rounds(w.ws, bid).await.unwrap().len(), 1);
        // Links: a repeat cannot show their addresses again, so it says so.
        let rid = round.1["id"].as_i64().unwrap();
        let links_body = serde_json::json!({"branch_id": branch.1["id"], "group": "staff", "labels": ["Ann", "Bo"]});
        let links = post(format!("/api/v1/rounds/{rid}/links"), "api-links-000000000001", links_body.clone()).await;
        assert_eq!(links.0, StatusCode::CREATED, "{}", links.1);
        let again = post(format!("/api/v1/rounds/{rid}/links"), "api-links-000000000001", links_body).await;
        assert_eq!(again.0, StatusCode::CONFLICT, "{}", again.1);
        assert!(again.1.to_string().contains("shown only once"), "{}", again.1);
        assert_eq!(app.store.rater_links(w.ws, rid).await.unwrap().len(), 2);
    }
}

on_both! {
    async fn moving_a_template_item_or_phase_sent_twice_moves_once(app) {
        let w = World::new(&app.store, "Acme").await;
        let bid = w.business.id;
        let t = app.store.create_default_template(w.ws).await.unwrap();
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let base = format!("/b/{bid}/templates/{}", t.id);
        let page = ok_page(owner.get(&base).await, "the template").await;
        let rids = all_request_ids(&page);
        assert!(rids.len() >= 4, "the move forms carry request ids: {rids:?}");
        // The last item of the first phase, moved up once by a form the
        // browser sent twice.
        let first_phase: Vec<_> = t.items.iter().filter(|i| i.phase_position == t.items[0].phase_position).collect();
        let last = first_phase.last().unwrap().id;
        let form = [("delta", "-1"), ("_rid", "move-item-request-000001")];
        owner.submit(&format!("{base}/items/{last}/move"), &form).await;
        owner.submit(&format!("{base}/items/{last}/move"), &form).await;
        let now = app.store.template(w.ws, t.id).await.unwrap();
        let order: Vec<_> = now.items.iter().filter(|i| i.phase_position == t.items[0].phase_position).map(|i| i.id).collect();
        let n = order.len();
        assert_eq!(order[n - 2], last, "moved up one place, not two: {order:?}");
        // The third phase moved up once: second, not first.
        assert!(phases_count(&now) >= 3);
        let third = now.items.iter().find(|i| i.phase_position == 2).unwrap().phase.clone();
        let form = [("phase", third.as_str()), ("delta", "-1"), ("_rid", "move-phase-request-00001")];
        owner.submit(&format!("{base}/phases/move"), &form).await;
        owner.submit(&format!("{base}/phases/move"), &form).await;
        let now = app.store.template(w.ws, t.id).await.unwrap();
        let at = now.items.iter().find(|i| i.phase == third).unwrap().phase_position;
        assert_eq!(at, 1, "the third phase moved up one place, not two");
        let phases: std::collections::BTreeSet<i64> = now.items.iter().map(|i| i.phase_position).collect();
        assert_eq!(phases.into_iter().collect::<Vec<_>>(), (0..phases_count(&now)).collect::<Vec<_>>());
    }
}

fn phases_count(t: &mot_store::Template) -> i64 {
    let mut p: Vec<&str> = t.items.iter().map(|i| i.phase.as_str()).collect();
    p.dedup();
    p.len() as i64
}
