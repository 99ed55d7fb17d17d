//! Clients and their staff: in an adviser's workspace, a client's people
//! reach their own business only. Every route of the web face and of the
//! API (found in the source and in the OpenAPI document, so a new route is
//! tried without anyone remembering to) is tried by one of another
//! client's people with this client's ids: nothing is shown, nothing
//! changes. "Reports only" reads its business's reports and nothing else;
//! the practice's own pages are the practice's.

#[macro_use]
mod common;

use common::*;
use mot_core::access::RouteUse;
use mot_core::audit::RaterGroup;
use mot_core::feedback::trend::{Alert, Period};
use mot_core::feedback::{Answer, Tally, Verdict};
use mot_core::session::SessionSettings;
use mot_core::{Client, ClientRole, Id, Membership, Role};
use mot_server::web::reach::{ids_of, route_use, Named};
use mot_store::{Kind, NewAlert, Store};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

/// Every page route of the server, read from its source: each
/// `.route("…"` of the feature folders and of lib.rs.
fn page_routes() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![src];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                let mut rest = text.as_str();
                while let Some(at) = rest.find(".route(") {
                    rest = &rest[at + 7..];
                    let t = rest.trim_start();
                    if let Some(t) = t.strip_prefix('"') {
                        out.insert(t[..t.find('"').unwrap()].to_string());
                    }
                }
            }
        }
    }
    out
}

/// Every API route with its methods, from the OpenAPI document.
async fn api_routes(app: &TestApp) -> Vec<(Method, String)> {
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut out = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for m in ops.as_object().unwrap().keys() {
            out.push((m.to_uppercase().parse().unwrap(), path.clone()));
        }
    }
    out
}

/// A client's person of a business of `w`'s workspace, signed in, with an
/// API token.
async fn client_person(
    app: &TestApp,
    ws: Id,
    business_id: Id,
    role: ClientRole,
) -> (mot_store::User, Browser, Api) {
    let user = app
        .store
        .create_user(
            ws,
            &unique_email("client"),
            &format!("Client {}", role.as_str()),
            "not-a-password-hash",
            Membership::Client(Client { business_id, role }),
        )
        .await
        .unwrap();
    let token = mot_store::random_token();
    app.store
        .create_api_token(ws, user.id, "tests", &token)
        .await
        .unwrap();
    let browser = app.signed_in(ws, user.id).await;
    (user, browser, app.api(&token))
}

/// A record of every kind a route names, all of one business of `w`.
async fn records(app: &TestApp, w: &World) -> HashMap<Kind, Id> {
    let s: &Store = &app.store;
    let today = mot_core::date::today();
    let m = w.note(s, 0, "Acme secret note").await;
    let branch = s
        .add_branch(w.ws, w.business.id, "Acme Main Street")
        .await
        .unwrap();
    let tpl = s.create_default_template(w.ws).await.unwrap();
    let round = s
        .start_round(
            w.ws,
            w.business.id,
            tpl.id,
            "Acme audit",
            today,
            today.saturating_add(time::Duration::days(14)),
            vec![branch.id],
        )
        .await
        .unwrap();
    let (link, _) = s
        .create_rater_links(
            w.ws,
            round.id,
            branch.id,
            RaterGroup::Staff,
            vec!["Acme rater".into()],
        )
        .await
        .unwrap()
        .remove(0);
    let session = s
        .start_session(
            w.ws,
            w.journey.id,
            w.owner_actor(),
            "Acme session",
            today,
            SessionSettings::default(),
        )
        .await
        .unwrap();
    let _guest = app.guest(&w.journey, "Acme guest").await;
    let guest = s.guests(w.ws, w.journey.id).await.unwrap()[0].id;
    let point = s.feedback_point(w.ws, m.id, None).await.unwrap();
    let survey = s
        .create_feedback_survey(w.ws, w.journey.id, None, "Acme survey", &[m.id])
        .await
        .unwrap();
    let answer = Answer {
        verdict: Verdict::Worse,
        reason: None,
        comment: "Acme comment".into(),
    };
    s.answer_feedback(&point.token, answer, "en", "device")
        .await
        .unwrap();
    let range = (0, i64::MAX / 4);
    let answer = s
        .feedback_answers_between(w.ws, w.journey.id, range, 10)
        .await
        .unwrap()[0]
        .id;
    let today_n = mot_store::feedback_today();
    let alert = NewAlert {
        moment_id: m.id,
        branch_id: None,
        kind: Alert::WorseThanUsual,
        period: Period::Week,
        period_start: today_n,
        tally: Tally {
            worse: 5,
            as_expected: 0,
            better: 0,
        },
    };
    let alert = s
        .keep_feedback_alerts(w.ws, w.journey.id, vec![alert])
        .await
        .unwrap()[0];
    let import = s
        .begin_feedback_import(w.ws, w.journey.id, Some(w.owner.id), "acme.csv", "en")
        .await
        .unwrap()
        .id;
    HashMap::from([
        (Kind::Business, w.business.id),
        (Kind::Channel, w.channels[0].id),
        (Kind::Journey, w.journey.id),
        (Kind::Stage, w.stages[1].id),
        (Kind::Moment, m.id),
        (Kind::Session, session.id),
        (Kind::Guest, guest),
        (Kind::Round, round.id),
        (Kind::RaterLink, link.id),
        (Kind::FeedbackPoint, point.id),
        (Kind::FeedbackSurvey, survey.id),
        (Kind::FeedbackAnswer, answer),
        (Kind::FeedbackAlert, alert),
        (Kind::FeedbackImport, import),
    ])
}

/// A route's path with its ids taken from `first` for every id but the
/// last and from `last` for the last one; other parameters get a value
/// that names nothing.
fn fill(
    pattern: &str,
    first: &HashMap<Kind, Id>,
    last: &HashMap<Kind, Id>,
    template: Id,
) -> String {
    let ids: Vec<(String, Named)> = ids_of(pattern).map(|(n, k)| (n.to_string(), k)).collect();
    let mut path = pattern.to_string();
    for (i, (name, named)) in ids.iter().enumerate() {
        let from = if i + 1 == ids.len() { last } else { first };
        let value = match named {
            Named::Record(k) => from[k],
            Named::Template => template,
            Named::Other => 1,
        };
        path = path.replace(&format!("{{{name}}}"), &value.to_string());
    }
    for (name, value) in [
        ("format", "form.pdf"),
        ("file", "report.pdf"),
        ("token", "x"),
        ("item", "1"),
    ] {
        path = path.replace(&format!("{{{name}}}"), value);
    }
    path
}

/// What the route's answer must be for one of another client's people.
fn expected(method: &Method, pattern: &str) -> Option<StatusCode> {
    match route_use(method, pattern) {
        RouteUse::Personal | RouteUse::Listing => None,
        RouteUse::Practice => Some(StatusCode::FORBIDDEN),
        RouteUse::Work | RouteUse::Report => Some(StatusCode::NOT_FOUND),
    }
}

on_both! {
    async fn another_clients_person_reaches_nothing_of_a_client_on_any_route_and_changes_nothing(app) {
        let w = World::new(&app.store, "Acme").await;
        let acme = records(&app, &w).await;
        let tpl = app.store.templates(w.ws).await.unwrap()[0].0;
        // Another client of the same adviser, with a record of every kind too.
        let bravo = app.store.create_business(w.ws, "Bravo Bikes").await.unwrap();
        let bj = app.store.create_journey(w.ws, bravo.id, "Bravo journey", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        let bw = World {
            ws: w.ws,
            owner: w.owner.clone(),
            owner_token: w.owner_token.clone(),
            stages: app.store.stages(w.ws, bj.id).await.unwrap(),
            channels: app.store.channels(w.ws, bravo.id).await.unwrap(),
            business: bravo.clone(),
            journey: bj.clone(),
        };
        let ours = records(&app, &bw).await;
        let (_, browser, api) = client_person(&app, w.ws, bravo.id, ClientRole::ClientOwner).await;
        let before = app.snapshot(w.ws, w.journey.id).await;
        let secrets = ["Acme Furniture", "Acme secret note", "Acme Main Street", "Acme audit", "Acme rater", "Acme session", "Acme guest", "Acme survey", "Acme comment", "acme.csv"];
        let check = |what: String, status: StatusCode, body: String, want: StatusCode| {
            assert_eq!(status, want, "{what}: {body}");
            for s in secrets {
                assert!(!body.contains(s), "{what} shows {s:?}: {body}");
            }
        };

        let pages = page_routes();
        assert!(pages.len() > 90, "the routes were found: {pages:?}");
        let mut tried = 0;
        for pattern in &pages {
            let with_ids = ids_of(pattern).count();
            // All ids of Acme; and, on nested routes, Bravo's parents with
            // Acme's last id (a record of another client under one's own).
            let mut paths = vec![fill(pattern, &acme, &acme, tpl)];
            if with_ids > 1 {
                paths.push(fill(pattern, &ours, &acme, tpl));
            }
            for path in paths {
                let mut answered = false;
                for method in [Method::GET, Method::POST] {
                    let Some(want) = expected(&method, pattern) else { continue };
                    let res = if method == Method::GET {
                        browser.get(&path).await
                    } else {
                        browser.submit(&path, &[("name", "Stolen"), ("title", "Stolen"), ("role", "owner")]).await
                    };
                    let status = res.status();
                    let body = res.text().await.unwrap();
                    if status == StatusCode::METHOD_NOT_ALLOWED {
                        continue;
                    }
                    answered = true;
                    tried += 1;
                    check(format!("{method} {path} ({pattern})"), status, body, want);
                }
                assert!(answered || expected(&Method::GET, pattern).is_none(), "{pattern} answered some method");
            }
        }
        for (method, pattern) in api_routes(&app).await {
            let Some(want) = expected(&method, &pattern) else { continue };
            let mut paths = vec![fill(&pattern, &acme, &acme, tpl)];
            if ids_of(&pattern).count() > 1 {
                paths.push(fill(&pattern, &ours, &acme, tpl));
            }
            for path in paths {
                let body = (method != Method::GET && method != Method::DELETE).then(|| json!({"name": "Stolen"}));
                let (status, body) = api.call(method.clone(), &path, body).await;
                tried += 1;
                check(format!("API {method} {path}"), status, body.to_string(), want);
            }
        }
        assert!(tried > 150, "{tried} requests tried");
        // The live board of another client does not open.
        let refused = open_live(&app, w.journey.id, 0, &[("cookie", &browser.cookie_header())]).await;
        assert_eq!(refused_status(refused), 404);
        assert_eq!(app.snapshot(w.ws, w.journey.id).await, before, "nothing of Acme changed");

        // Lists show their own business only.
        let home = ok_page(browser.get("/").await, "their home").await;
        assert!(home.contains("Bravo Bikes") && !home.contains("Acme Furniture"), "{home}");
        assert!(!home.contains("/portfolio") && !home.contains("href=\"/people\""), "no practice links: {home}");
        let (status, list) = api.get("/api/v1/businesses").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list.as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap()).collect::<Vec<_>>(), ["Bravo Bikes"]);
        // While on their own business they work as their role lets them.
        ok_page(browser.get(&format!("/j/{}", bj.id)).await, "their own board").await;
        let res = browser.submit(&format!("/j/{}/moments", bj.id), &[("stage_id", &bw.stages[0].id.to_string()), ("title", "Bravo idea")]).await;
        assert!(res.status().is_redirection() || res.status().is_success(), "a client owner adds a note: {}", res.status());
        assert!(app.snapshot(w.ws, bj.id).await.moments.iter().any(|m| m.title == "Bravo idea"));
        let before = app.snapshot(w.ws, w.journey.id).await;
        // A note of their board cannot be moved onto another client's stage.
        let (status, _) = api.post(&format!("/api/v1/moments/{}/move", ours[&Kind::Moment]), json!({"stage_id": acme[&Kind::Stage], "index": 0})).await;
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::UNPROCESSABLE_ENTITY, "{status}");
        let (status, _) = api.patch(&format!("/api/v1/moments/{}", ours[&Kind::Moment]), json!({"channel_id": acme[&Kind::Channel]})).await;
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::UNPROCESSABLE_ENTITY, "another client's channel: {status}");
        assert_eq!(app.snapshot(w.ws, w.journey.id).await, before, "still nothing of Acme changed");
    }

    async fn reports_only_reads_its_businesss_reports_and_nothing_else(app) {
        let w = World::new(&app.store, "Acme").await;
        let acme = records(&app, &w).await;
        let (_, browser, api) = client_person(&app, w.ws, w.business.id, ClientRole::Reports).await;
        // Their home is the reports of their business.
        let res = browser.get("/").await;
        assert_eq!(location(&res), format!("/b/{}/reports", w.business.id));
        let page = ok_page(browser.get(&format!("/b/{}/reports", w.business.id)).await, "the reports").await;
        for words in ["Acme session", "Acme audit", "Journey map", "Customer feedback report"] {
            assert!(page.contains(words), "{words}: {page}");
        }
        let (j, s, r, b) = (w.journey.id, acme[&Kind::Session], acme[&Kind::Round], w.business.id);
        for path in [
            format!("/j/{j}/sessions/{s}/form"),
            format!("/j/{j}/sessions/{s}/form.pdf"),
            format!("/b/{b}/rounds/{r}/results"),
            format!("/b/{b}/rounds/{r}/results.pdf"),
            format!("/j/{j}/feedback/report.pdf"),
            format!("/j/{j}/map.pdf"),
        ] {
            let res = browser.get(&path).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
        }
        let (status, _) = api.get(&format!("/api/v1/sessions/{s}/form/pdf")).await;
        assert_eq!(status, StatusCode::OK);
        // The rest of their own business is not for them: said, not hidden.
        for path in [format!("/b/{b}"), format!("/j/{j}"), format!("/j/{j}/feedback"), format!("/feedback/{}", acme[&Kind::FeedbackPoint])] {
            let body = refused(browser.get(&path).await, StatusCode::FORBIDDEN, &path).await;
            assert!(body.contains("reports"), "{path}: {body}");
        }
        let (status, _) = api.get(&format!("/api/v1/journeys/{j}/moments")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let refused_live = open_live(&app, j, 0, &[("cookie", &browser.cookie_header())]).await;
        assert_eq!(refused_status(refused_live), 403);
    }

    async fn client_viewers_read_and_client_members_take_part_on_their_business_only(app) {
        let w = World::new(&app.store, "Acme").await;
        let (_, viewer, _) = client_person(&app, w.ws, w.business.id, ClientRole::ClientViewer).await;
        let (_, member, _) = client_person(&app, w.ws, w.business.id, ClientRole::ClientMember).await;
        ok_page(viewer.get(&format!("/j/{}", w.journey.id)).await, "a viewer reads").await;
        let stage = w.stages[0].id.to_string();
        let res = viewer.submit(&format!("/j/{}/moments", w.journey.id), &[("stage_id", &stage), ("title", "Viewer note")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let res = member.submit(&format!("/j/{}/moments", w.journey.id), &[("stage_id", &stage), ("title", "Member note")]).await;
        assert!(res.status().is_redirection(), "{}", res.status());
        let titles: Vec<String> = app.snapshot(w.ws, w.journey.id).await.moments.iter().map(|m| m.title.clone()).collect();
        assert_eq!(titles, ["Member note"]);
        // A client member manages nothing: no new journey.
        let res = member.submit(&format!("/b/{}/journeys", w.business.id), &[("name", "Theirs")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        // Nor do a client's people reach the practice's pages.
        for path in ["/people", "/portfolio", "/portfolio.csv"] {
            refused(member.get(path).await, StatusCode::FORBIDDEN, path).await;
        }
        let res = member.submit("/businesses", &[("name", "Another client")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }

    async fn an_owner_invites_a_clients_person_who_then_sees_that_business_only(app) {
        let w = World::new(&app.store, "Acme").await;
        let bravo = app.store.create_business(w.ws, "Bravo Bikes").await.unwrap();
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get("/people").await, "the people page").await;
        assert!(page.contains("Bravo Bikes") && page.contains("Reports only"), "{page}");
        let bid = bravo.id.to_string();
        let email = unique_email("cleo");
        // A client role needs a client; a practice role none.
        for (role, business) in [("client_owner", ""), ("owner", bid.as_str()), ("admin", "")] {
            let res = owner.submit("/people/invite", &[("email", &email), ("role", role), ("business", business)]).await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{role} for {business:?}");
        }
        let other = World::new(&app.store, "Rival").await;
        let res = owner.submit("/people/invite", &[("email", &email), ("role", "client_owner"), ("business", &other.business.id.to_string())]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "another workspace's business");
        assert!(app.store.invites(w.ws).await.unwrap().is_empty(), "nothing was made");

        let res = owner.submit("/people/invite", &[("email", &email), ("role", "client_member"), ("business", &bid)]).await;
        let page = ok_page(res, "invited").await;
        let at = page.find("/invite/").unwrap();
        let token: String = page[at + 8..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let guest = app.browser();
        let join = ok_page(guest.get(&format!("/invite/{token}")).await, "the invitation").await;
        assert!(join.contains("Client member"), "{join}");
        let csrf = form_csrf(&join);
        let res = guest.post(&format!("/invite/{token}"), &[("_csrf", &csrf), ("name", "Cleo"), ("password", "a long enough password")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let cleo = app.store.user_by_email(&email).await.unwrap().unwrap();
        let (_, m) = app.store.member(w.ws, cleo.id).await.unwrap();
        assert_eq!(m, Membership::Client(Client { business_id: bravo.id, role: ClientRole::ClientMember }));
        let home = ok_page(guest.get("/").await, "Cleo's home").await;
        assert!(home.contains("Bravo Bikes") && !home.contains("Acme Furniture"), "{home}");
        refused(guest.get(&format!("/b/{}", w.business.id)).await, StatusCode::NOT_FOUND, "Acme's page").await;

        // The people page lists them under their client; the owner changes
        // their client role, and a client role stays on its business.
        let page = ok_page(owner.get("/people").await, "people").await;
        assert!(page.contains("People of <bdi>Bravo Bikes</bdi>"), "{page}");
        let res = owner.submit(&format!("/people/{}/role", cleo.id), &[("role", "client_viewer"), ("business", &bid)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let (_, m) = app.store.member(w.ws, cleo.id).await.unwrap();
        assert_eq!(m.client().unwrap().role, ClientRole::ClientViewer);
        // The API says the same.
        let api = app.api(&w.owner_token);
        let (status, people) = api.get("/api/v1/people").await;
        assert_eq!(status, StatusCode::OK);
        let cleo_out = people.as_array().unwrap().iter().find(|p| p["id"] == json!(cleo.id)).unwrap().clone();
        assert_eq!((cleo_out["role"].clone(), cleo_out["business_id"].clone()), (json!("client_viewer"), json!(bravo.id)));
        let (status, made) = api.post("/api/v1/invites", json!({"email": unique_email("dan"), "role": "reports", "business_id": bravo.id})).await;
        assert_eq!(status, StatusCode::CREATED, "{made}");
        assert_eq!(made["role"], json!("reports"));
        let (status, _) = api.post("/api/v1/invites", json!({"email": unique_email("eve"), "role": "reports"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        // A client owner is no owner of the workspace: the last owner stays.
        let (status, _) = api.patch(&format!("/api/v1/people/{}", w.owner.id), json!({"role": "client_owner", "business_id": bravo.id})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(app.store.member(w.ws, w.owner.id).await.unwrap().1, Role::Owner.into());
    }
}
