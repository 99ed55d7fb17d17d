//! The HTML side, through the real server: setup, login and logout, rate
//! limits, every page and form post, CSRF, guests and join links, and what a
//! member of another workspace can reach (nothing).

#[macro_use]
mod common;

use common::*;
use mot_core::{BoardCommand, Role};
use reqwest::StatusCode;
use serde_json::Value;

const PASSWORD: &str = "correct horse battery";

/// Asserts a response's status, showing the body when it is not the one expected.
async fn expect(res: reqwest::Response, status: StatusCode, what: &str) -> String {
    let got = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(got, status, "{what}: {body}");
    body
}

fn expect_redirect(res: &reqwest::Response, to: &str, what: &str) {
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{what}");
    assert_eq!(location(res), to, "{what}");
}

on_both! {
    async fn setup_creates_the_workspace_and_owner_once_with_a_lax_http_only_session(app) {
        let b = app.browser();
        expect_redirect(&b.get("/").await, "/setup", "a fresh server sends people to setup");

        let res = b.get("/setup").await;
        assert_eq!(res.status(), StatusCode::OK);
        let cookie = set_cookie(&res, "mot_csrf").expect("a mot_csrf cookie");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        let page = res.text().await.unwrap();
        let csrf = form_csrf(&page);
        assert_eq!(csrf, cookie_value(&cookie), "the form carries the cookie's token");

        let res = b
            .post("/setup", &[
                ("_csrf", &csrf),
                ("workspace", "Harbour Advisers"),
                ("name", "Olive Owner"),
                ("email", "Olive@Example.com"),
                ("password", PASSWORD),
            ])
            .await;
        expect_redirect(&res, "/", "setup signs the owner in");
        let session = set_cookie(&res, "mot_session").expect("a session cookie");
        for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(session.contains(attr), "{attr} missing in {session}");
        }
        assert!(!session.contains("Secure"), "no Secure flag over plain HTTP: {session}");

        let home = expect(b.get("/").await, StatusCode::OK, "the home page").await;
        assert!(home.contains("Harbour Advisers"));
        let owner = app.store.user_by_email("olive@example.com").await.unwrap().expect("the owner");
        assert!(owner.password_hash.starts_with("$argon2id$"));

        // A second setup, from this browser or another, goes to the login page.
        expect_redirect(&b.get("/setup").await, "/login", "setup is done");
        let res = b
            .post("/setup", &[
                ("_csrf", &csrf),
                ("workspace", "Intruders"),
                ("name", "Mallory"),
                ("email", "mallory@example.com"),
                ("password", PASSWORD),
            ])
            .await;
        expect_redirect(&res, "/login", "a second setup");
        assert!(set_cookie(&res, "mot_session").is_none());
        assert!(app.store.user_by_email("mallory@example.com").await.unwrap().is_none());
        assert_eq!(app.store.first_workspace().await.unwrap().unwrap().name, "Harbour Advisers");
    }

    async fn setup_without_the_csrf_token_is_refused_and_creates_nothing(app) {
        let form = |csrf: &'static str| {
            vec![
                ("_csrf", csrf),
                ("workspace", "Harbour"),
                ("name", "Olive"),
                ("email", "olive@example.com"),
                ("password", PASSWORD),
            ]
        };
        // No cookie and no field.
        let b = app.browser();
        let res = b.post("/setup", &form("")[1..]).await;
        expect(res, StatusCode::FORBIDDEN, "setup without _csrf").await;
        // A cookie, but a field that does not match it.
        b.get("/setup").await;
        let res = b.post("/setup", &form("00000000000000000000000000000000")).await;
        let page = expect(res, StatusCode::FORBIDDEN, "setup with a wrong _csrf").await;
        assert!(page.contains("did not come from this site"), "{page}");
        assert!(!app.store.is_set_up().await.unwrap());
    }

    async fn setup_with_a_short_password_answers_422_with_the_reason(app) {
        let b = app.browser();
        let csrf = form_csrf(&b.get("/setup").await.text().await.unwrap());
        let res = b
            .post("/setup", &[
                ("_csrf", &csrf),
                ("workspace", "Harbour"),
                ("name", "Olive"),
                ("email", "olive@example.com"),
                ("password", "short"),
            ])
            .await;
        assert!(set_cookie(&res, "mot_session").is_none());
        let page = expect(res, StatusCode::UNPROCESSABLE_ENTITY, "a short password").await;
        assert!(page.contains("password: must be at least 10 characters"), "{page}");
        assert!(page.contains(r#"name="_csrf""#), "the form is shown again");
        // Missing fields are a 422 page too, not a framework text.
        let res = b.post("/setup", &[("_csrf", &csrf), ("workspace", "Harbour")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.headers()[reqwest::header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert!(!app.store.is_set_up().await.unwrap());
    }

    async fn login_checks_the_password_and_starts_a_new_session_and_logout_ends_it(app) {
        let w = World::new(&app.store, "Acme").await;
        let hash = mot_server::auth::hash_password(PASSWORD.into()).await.unwrap();
        let email = unique_email("lee");
        let user = app.store.create_user(w.ws, &email, "Lee", &hash, Role::Member).await.unwrap();

        let b = app.browser();
        let csrf = form_csrf(&b.get("/login").await.text().await.unwrap());
        let res = b.post("/login", &[("_csrf", &csrf), ("email", &email), ("password", "not the password")]).await;
        assert!(set_cookie(&res, "mot_session").is_none());
        let page = expect(res, StatusCode::UNAUTHORIZED, "a wrong password").await;
        assert!(page.contains("The e-mail address or password is not right."), "{page}");

        async fn login(b: &Browser, csrf: &str, email: &str) -> String {
            let res = b.post("/login", &[("_csrf", csrf), ("email", email), ("password", PASSWORD)]).await;
            expect_redirect(&res, "/", "a right password");
            cookie_value(&set_cookie(&res, "mot_session").expect("a session cookie"))
        }
        // The address is found whatever its case.
        let first = login(&b, &csrf, &email.to_uppercase()).await;
        let second = login(&b, &csrf, &email).await;
        assert_ne!(first, second, "each login starts a new session");
        assert_eq!(b.cookie("mot_session").as_deref(), Some(second.as_str()));
        let info = app.store.session(&second).await.unwrap().expect("the session is stored");
        assert_eq!((info.user.id, info.workspace_id, info.membership), (user.id, w.ws, Role::Member.into()));

        // Logout needs the session's CSRF token.
        let home = expect(b.get("/").await, StatusCode::OK, "home").await;
        let token = meta_csrf(&home);
        let res = b.post("/logout", &[("_csrf", "wrong")]).await;
        expect(res, StatusCode::FORBIDDEN, "logout without the right token").await;
        assert!(app.store.session(&second).await.unwrap().is_some());

        let res = b.post("/logout", &[("_csrf", &token)]).await;
        expect_redirect(&res, "/login", "logout");
        let cleared = set_cookie(&res, "mot_session").expect("the cookie is cleared");
        assert!(cleared.contains("Max-Age=0"), "{cleared}");
        assert!(app.store.session(&second).await.unwrap().is_none(), "the server-side session is gone");

        // The old cookie, replayed, no longer opens anything.
        let replay = app.browser();
        replay.jar.add_cookie_str(&format!("mot_session={second}; Path=/"), &app.base.parse().unwrap());
        expect_redirect(&replay.get("/").await, "/login", "a replayed cookie after logout");
        expect_redirect(&replay.get(&format!("/j/{}", w.journey.id)).await, "/login", "the board after logout");
    }

    async fn more_than_twenty_login_attempts_a_minute_from_one_address_get_429_with_retry_after(app) {
        World::new(&app.store, "Acme").await;
        let b = app.browser();
        let csrf = form_csrf(&b.get("/login").await.text().await.unwrap());
        // Different accounts, so only the per-address limit applies.
        for i in 0..20 {
            let email = format!("nobody{i}@example.com");
            let res = b.post("/login", &[("_csrf", &csrf), ("email", &email), ("password", "guess guess guess")]).await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
        }
        let res = b.post("/login", &[("_csrf", &csrf), ("email", "nobody-else@example.com"), ("password", "guess")]).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        let retry: u64 = res.headers()[reqwest::header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry), "Retry-After {retry}");
        let page = res.text().await.unwrap();
        assert!(page.contains("Too many attempts"), "{page}");
    }

    async fn wrong_passwords_from_other_addresses_slow_the_attacker_not_the_owner(app) {
        let w = World::new(&app.store, "Acme").await;
        let hash = mot_server::auth::hash_password(PASSWORD.into()).await.unwrap();
        let email = unique_email("olive");
        app.store.create_user(w.ws, &email, "Olive", &hash, Role::Owner).await.unwrap();
        // A browser at another loopback address (the server sees 127.0.0.N).
        let from = |n: u8| {
            let mut b = app.browser();
            b.client = reqwest::Client::builder()
                .cookie_provider(b.jar.clone())
                .redirect(reqwest::redirect::Policy::none())
                .local_address(std::net::IpAddr::from([127, 0, 0, n]))
                .timeout(WAIT)
                .build()
                .unwrap();
            b
        };
        async fn login(b: &Browser, email: &str, password: &str) -> reqwest::Response {
            let csrf = form_csrf(&b.get("/login").await.text().await.unwrap());
            b.post("/login", &[("_csrf", csrf.as_str()), ("email", email), ("password", password)]).await
        }
        let owner = from(1);
        expect_redirect(&login(&owner, &email, PASSWORD).await, "/", "the owner at their usual address");

        // One address guessing is stopped after its own ten tries...
        let attacker = from(2);
        for i in 0..10 {
            assert_eq!(login(&attacker, &email, "guess guess guess").await.status(), StatusCode::UNAUTHORIZED, "guess {i}");
        }
        let res = login(&attacker, &email, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password from the guessing address");
        assert!(res.headers().contains_key(reqwest::header::RETRY_AFTER));
        // ...and with ten more from other addresses, twenty in all...
        for n in 3..=7 {
            let b = from(n);
            for _ in 0..2 {
                assert_eq!(login(&b, &email, "guess guess guess").await.status(), StatusCode::UNAUTHORIZED, "127.0.0.{n}");
            }
        }
        // ...stop new addresses from trying this account, but not the owner.
        assert_eq!(login(&from(13), &email, "guess guess guess").await.status(), StatusCode::TOO_MANY_REQUESTS, "a new address");
        let res = login(&owner, &email, PASSWORD).await;
        expect_redirect(&res, "/", "the owner's right password after the flood");
        assert!(set_cookie(&res, "mot_session").is_some());
        // Other accounts are not affected by the flood.
        let other = unique_email("pat");
        app.store.create_user(w.ws, &other, "Pat", &hash, Role::Member).await.unwrap();
        expect_redirect(&login(&from(13), &other, PASSWORD).await, "/", "another account from a new address");
    }

    async fn a_whole_workshop_can_join_by_code_from_one_office_connection(app) {
        let w = World::new(&app.store, "Acme").await;
        let b = app.browser();
        let csrf = form_csrf(&b.get("/join").await.text().await.unwrap());
        for i in 0..40 {
            let res = b.post("/join", &[("_csrf", &csrf), ("code", &w.journey.join_code)]).await;
            assert_eq!(res.status(), StatusCode::SEE_OTHER, "person {i}");
        }
    }

    async fn joining_by_code_is_rate_limited_per_address_too(app) {
        World::new(&app.store, "Acme").await;
        let b = app.browser();
        let csrf = form_csrf(&b.get("/join").await.text().await.unwrap());
        for i in 0..20 {
            let res = b.post("/join", &[("_csrf", &csrf), ("code", "ZZZZ-ZZZZ")]).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "attempt {i}");
        }
        let res = b.post("/join", &[("_csrf", &csrf), ("code", "ZZZZ-ZZZZ")]).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(res.headers().contains_key(reqwest::header::RETRY_AFTER));
    }

    async fn an_owner_creates_businesses_journeys_and_channels_with_forms_and_sees_every_page(app) {
        let w = World::new(&app.store, "Acme").await;
        let b = app.signed_in(w.ws, w.owner.id).await;

        let home = expect(b.get("/").await, StatusCode::OK, "home").await;
        assert!(home.contains("Acme Furniture"));
        assert_eq!(meta_csrf(&home), b.csrf, "the page carries the session's token");

        let res = b.submit("/businesses", &[("name", "Harbour Cafe")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let business = app.store.businesses(w.ws).await.unwrap().into_iter().find(|x| x.name == "Harbour Cafe").expect("the business");
        assert_eq!(location(&res), format!("/b/{}", business.id));
        let page = expect(b.get(&format!("/b/{}", business.id)).await, StatusCode::OK, "business page").await;
        assert!(page.contains("Harbour Cafe") && page.contains("Face-to-face, 1-on-1"));

        let res = b.submit(&format!("/b/{}/journeys", business.id), &[("name", "Regular buys a coffee")]).await;
        let journey = app.store.journeys(w.ws, business.id).await.unwrap().pop().expect("the journey");
        expect_redirect(&res, &format!("/j/{}", journey.id), "a new journey opens its board");
        assert_eq!(journey.name, "Regular buys a coffee");
        let board = expect(b.get(&format!("/j/{}", journey.id)).await, StatusCode::OK, "board").await;
        for stage in mot_core::default_stages() {
            assert!(board.contains(stage), "{stage} on the board");
        }

        let res = b.submit(&format!("/b/{}/channels", business.id), &[("name", "Text message"), ("colour", "#12AB56"), ("icon", "SMS")]).await;
        expect_redirect(&res, &format!("/b/{}", business.id), "a new channel");
        let channel = app.store.channels(w.ws, business.id).await.unwrap().pop().unwrap();
        assert_eq!((channel.name.as_str(), channel.colour.as_str(), channel.icon.as_str()), ("Text message", "#12ab56", "SMS"));

        let res = b.submit(&format!("/c/{}/edit", channel.id), &[("name", "Texts"), ("colour", "#654321"), ("icon", "TXT"), ("retired", "1")]).await;
        expect_redirect(&res, &format!("/b/{}", business.id), "an edited channel");
        let channel = app.store.channel(w.ws, channel.id).await.unwrap();
        assert!(channel.retired && channel.name == "Texts" && channel.colour == "#654321");

        let res = b.get(&format!("/b/{}/channels.css", business.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()[reqwest::header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
        assert!(res.text().await.unwrap().contains(&format!(".ch-{}{{--ch:#654321}}", channel.id)));

        // The share page: the join link, its QR code and the code.
        let j = w.journey_now(&app.store).await;
        let share = expect(b.get(&format!("/j/{}/share", j.id)).await, StatusCode::OK, "share page").await;
        assert!(share.contains("<svg"), "a QR code");
        assert!(share.contains(&format!("{}/join/{}", app.base, j.join_token)), "the full join link");
        assert!(share.contains(&mot_core::board::show_join_code(&j.join_code)), "the code as ABCD-EFGH");

        // Edit pages of a note and a stage, and the board fragment.
        let m = w.note(&app.store, 0, "Store first impressions").await;
        let edit = expect(b.get(&format!("/j/{}/m/{}/edit", j.id, m.id)).await, StatusCode::OK, "edit note").await;
        assert!(edit.contains("Store first impressions") && edit.contains(&format!("/j/{}/m/{}/move", j.id, m.id)));
        let s = &w.stages[1];
        let edit = expect(b.get(&format!("/j/{}/s/{}/edit", j.id, s.id)).await, StatusCode::OK, "edit stage").await;
        assert!(edit.contains(&s.name) && edit.contains(&format!("/j/{}/s/{}/rename", j.id, s.id)));
        let fragment = expect(b.get(&format!("/j/{}?fragment=1", j.id)).await, StatusCode::OK, "fragment").await;
        assert!(fragment.contains(r#"id="board""#) && !fragment.contains("<html"));
        let filtered = expect(b.get(&format!("/j/{}?channel=none", j.id)).await, StatusCode::OK, "filter").await;
        assert!(filtered.contains("Store first impressions"));

        // The stylesheet and scripts the pages link to are served.
        for path in ["app.css", "board.js", "live.js", "dnd.js", "forms.js"] {
            let url = format!("/static/{}/{path}", mot_server::web::assets::Assets::shared().hash.clone());
            let res = b.get(&url).await;
            assert_eq!(res.status(), StatusCode::OK, "{url}");
            assert!(res.headers()[reqwest::header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
        }
        assert_eq!(expect(b.get("/healthz").await, StatusCode::OK, "healthz").await, "ok");
    }

    async fn board_form_posts_redirect_and_fetch_posts_answer_with_the_change_frame(app) {
        let w = World::new(&app.store, "Acme").await;
        let b = app.signed_in(w.ws, w.owner.id).await;
        let j = w.journey.id;
        let (s0, s1) = (w.stages[0].id, w.stages[1].id);
        let chan = w.channels[0].id.to_string();

        // Without script: each post answers 303 back to the board.
        let res = b.submit(&format!("/j/{j}/moments"), &[("stage_id", &s0.to_string()), ("title", "Finds the shop"), ("channel_id", "")]).await;
        let m = app.store.moments(w.ws, j).await.unwrap().pop().expect("the note");
        expect_redirect(&res, &format!("/j/{j}#m-{}", m.id), "add a note");
        assert_eq!((m.title.as_str(), m.stage_id, m.channel_id), ("Finds the shop", s0, None));

        let res = b.submit(&format!("/j/{j}/m/{}/edit", m.id), &[("title", "Finds the shop easily"), ("description", "Signs\r\nare clear"), ("channel_id", &chan)]).await;
        expect_redirect(&res, &format!("/j/{j}"), "edit a note");
        let m = app.store.moment(w.ws, m.id).await.unwrap();
        assert_eq!((m.title.as_str(), m.description.as_str(), m.channel_id), ("Finds the shop easily", "Signs\nare clear", Some(w.channels[0].id)));

        let res = b.submit(&format!("/j/{j}/m/{}/move", m.id), &[("stage_id", &s1.to_string()), ("position", "1")]).await;
        expect_redirect(&res, &format!("/j/{j}"), "move a note");
        assert_eq!(app.store.moment(w.ws, m.id).await.unwrap().stage_id, s1);

        let res = b.submit(&format!("/j/{j}/m/{}/delete", m.id), &[]).await;
        expect_redirect(&res, &format!("/j/{j}?deleted={}", m.id), "delete a note");
        assert!(app.store.moment(w.ws, m.id).await.is_err());
        let page = expect(b.get(&format!("/j/{j}?deleted={}", m.id)).await, StatusCode::OK, "undo offer").await;
        assert!(page.contains(&format!("/j/{j}/m/{}/restore", m.id)));

        let res = b.submit(&format!("/j/{j}/m/{}/restore", m.id), &[]).await;
        expect_redirect(&res, &format!("/j/{j}"), "restore a note");
        assert!(app.store.moment(w.ws, m.id).await.is_ok());

        let res = b.submit(&format!("/j/{j}/stages"), &[("name", "Delivery")]).await;
        expect_redirect(&res, &format!("/j/{j}"), "add a stage");
        let stage = app.store.stages(w.ws, j).await.unwrap().pop().unwrap();
        assert_eq!(stage.name, "Delivery");
        let res = b.submit(&format!("/j/{j}/s/{}/rename", stage.id), &[("name", "Home delivery")]).await;
        expect_redirect(&res, &format!("/j/{j}"), "rename a stage");
        let res = b.submit(&format!("/j/{j}/s/{}/move", stage.id), &[("position", "1")]).await;
        expect_redirect(&res, &format!("/j/{j}"), "move a stage");
        let stages = app.store.stages(w.ws, j).await.unwrap();
        assert_eq!((stages[0].id, stages[0].name.as_str()), (stage.id, "Home delivery"));
        let res = b.submit(&format!("/j/{j}/s/{}/delete", stage.id), &[]).await;
        expect_redirect(&res, &format!("/j/{j}"), "remove a stage");
        assert_eq!(app.store.stages(w.ws, j).await.unwrap().len(), 3);

        // A stage that holds notes cannot go: 409 with the reason, as a page.
        let res = b.submit(&format!("/j/{j}/s/{s1}/delete"), &[]).await;
        let page = expect(res, StatusCode::CONFLICT, "removing a stage with notes").await;
        assert!(page.contains("move or delete them first"), "{page}");

        // With the script: JSON frames, one sequence number after another.
        let mut seq = w.journey_now(&app.store).await.last_seq;
        let mut frame = |res: reqwest::Response, kind: &'static str| {
            seq += 1;
            let want = seq;
            async move {
                assert_eq!(res.status(), StatusCode::OK, "{kind}");
                assert!(res.headers()[reqwest::header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
                let v: Value = res.json().await.unwrap();
                assert_eq!(v["type"], kind, "{v}");
                assert_eq!(v["seq"], want, "{v}");
                v
            }
        };
        let v = frame(b.fetch(&format!("/j/{j}/moments"), &[("stage_id", &s0.to_string()), ("title", "Pays at the till")]).await, "moment_added").await;
        let id = v["moment"]["id"].as_i64().unwrap();
        let html = v["html"].as_str().unwrap();
        assert!(html.contains(&format!(r#"id="m-{id}""#)) && html.contains("Pays at the till"), "{html}");
        let v = frame(b.fetch(&format!("/j/{j}/m/{id}/edit"), &[("title", "Pays by card")]).await, "moment_updated").await;
        assert!(v["html"].as_str().unwrap().contains("Pays by card"));
        frame(b.fetch(&format!("/j/{j}/m/{id}/move"), &[("stage_id", &s1.to_string()), ("index", "0")]).await, "moments_reordered").await;
        frame(b.fetch(&format!("/j/{j}/m/{id}/delete"), &[]).await, "moment_deleted").await;
        let v = frame(b.fetch(&format!("/j/{j}/m/{id}/restore"), &[]).await, "moment_restored").await;
        assert!(v["html"].is_string());
        let v = frame(b.fetch(&format!("/j/{j}/stages"), &[("name", "Aftercare")]).await, "stage_added").await;
        assert!(v["html"].as_str().unwrap().contains("Aftercare"));
        let sid = v["stage"]["id"].as_i64().unwrap();
        frame(b.fetch(&format!("/j/{j}/s/{sid}/rename"), &[("name", "After-sales care")]).await, "stage_renamed").await;
        frame(b.fetch(&format!("/j/{j}/s/{sid}/move"), &[("index", "0")]).await, "stages_reordered").await;
        frame(b.fetch(&format!("/j/{j}/s/{sid}/delete"), &[]).await, "stage_removed").await;

        // Errors come back as our JSON body for the script.
        let res = b.fetch(&format!("/j/{j}/s/{s1}/delete"), &[]).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_error_body(&res.json().await.unwrap());
        assert_eq!(w.journey_now(&app.store).await.last_seq, seq, "a refused change is not logged");
    }

    async fn every_state_changing_post_without_the_right_csrf_token_is_refused_and_changes_nothing(app) {
        let w = World::new(&app.store, "Acme").await;
        let b = app.signed_in(w.ws, w.owner.id).await;
        let j = w.journey.id;
        let m = w.note(&app.store, 0, "Live note").await;
        let gone = w.note(&app.store, 0, "Deleted note").await;
        app.store.apply(w.ws, j, w.owner_actor(), "Owner", BoardCommand::DeleteMoment { id: gone.id }).await.unwrap();
        let extra = app.store.apply(w.ws, j, w.owner_actor(), "Owner", BoardCommand::AddStage { name: "Empty".into() }).await.unwrap();
        let empty = match extra.event { mot_core::LiveEvent::Board(mot_core::BoardEvent::StageAdded { stage }) => stage.id, _ => unreachable!() };
        let (bid, cid, s0) = (w.business.id, w.channels[0].id, w.stages[0].id);

        let posts: Vec<(String, Vec<(&str, String)>)> = vec![
            ("/businesses".into(), vec![("name", "Sneaky".into())]),
            (format!("/b/{bid}/journeys"), vec![("name", "Sneaky".into())]),
            (format!("/b/{bid}/channels"), vec![("name", "Sneaky".into()), ("colour", "#000000".into()), ("icon", "X".into())]),
            (format!("/c/{cid}/edit"), vec![("name", "Sneaky".into()), ("colour", "#000000".into()), ("icon", "X".into())]),
            (format!("/j/{j}/rotate"), vec![]),
            (format!("/j/{j}/moments"), vec![("stage_id", s0.to_string()), ("title", "Sneaky".into())]),
            (format!("/j/{j}/stages"), vec![("name", "Sneaky".into())]),
            (format!("/j/{j}/m/{}/edit", m.id), vec![("title", "Sneaky".into())]),
            (format!("/j/{j}/m/{}/move", m.id), vec![("stage_id", empty.to_string()), ("index", "0".into())]),
            (format!("/j/{j}/m/{}/delete", m.id), vec![]),
            (format!("/j/{j}/m/{}/restore", gone.id), vec![]),
            (format!("/j/{j}/s/{s0}/rename"), vec![("name", "Sneaky".into())]),
            (format!("/j/{j}/s/{empty}/move"), vec![("index", "0".into())]),
            (format!("/j/{j}/s/{empty}/delete"), vec![]),
            ("/logout".into(), vec![]),
        ];
        let before = app.snapshot(w.ws, j).await;
        for (path, fields) in &posts {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let mut wrong = vec![("_csrf", "0123456789abcdef0123456789abcdef")];
            wrong.extend_from_slice(&fields);
            for (what, res) in [
                ("no _csrf", b.post(path, &fields).await),
                ("a wrong _csrf", b.post(path, &wrong).await),
                ("another session's _csrf", {
                    let other = app.signed_in(w.ws, w.owner.id).await;
                    let mut f = vec![("_csrf", other.csrf.as_str())];
                    f.extend_from_slice(&fields);
                    b.post(path, &f).await
                }),
            ] {
                expect(res, StatusCode::FORBIDDEN, &format!("POST {path} with {what}")).await;
            }
            // The script's header is checked the same way.
            let res = b.client.post(b.url(path)).header("x-mot-fetch", "1").header("x-csrf-token", "nope").form(&fields).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "POST {path} with a wrong x-csrf-token");
            if path.starts_with("/j/") && !path.ends_with("/rotate") {
                assert_error_body(&res.json().await.unwrap());
            }
        }
        assert_eq!(app.snapshot(w.ws, j).await, before, "nothing changed");
        assert!(expect(b.get("/").await, StatusCode::OK, "still logged in").await.contains("Acme"));

        // Pre-login forms: login and join need the double-submit token too.
        let anon = app.browser();
        expect(anon.post("/login", &[("email", "a@b.c"), ("password", PASSWORD)]).await, StatusCode::FORBIDDEN, "login without _csrf").await;
        expect(anon.post("/join", &[("code", &w.journey.join_code)]).await, StatusCode::FORBIDDEN, "join code without _csrf").await;
        let res = anon.post(&format!("/join/{}", w.journey.join_token), &[("name", "Sneaky")]).await;
        assert!(set_cookie(&res, &format!("mot_g{j}")).is_none());
        expect(res, StatusCode::FORBIDDEN, "join without _csrf").await;
    }

    async fn people_who_are_not_signed_in_are_sent_to_log_in_and_change_nothing(app) {
        let w = World::new(&app.store, "Acme").await;
        let m = w.note(&app.store, 0, "A note").await;
        let (j, s) = (w.journey.id, w.stages[0].id);
        let anon = app.browser();
        for path in [
            "/".to_string(),
            format!("/b/{}", w.business.id),
            format!("/j/{j}"),
            format!("/j/{j}/share"),
            format!("/j/{j}/m/{}/edit", m.id),
            format!("/j/{j}/s/{s}/edit"),
        ] {
            expect_redirect(&anon.get(&path).await, "/login", &format!("GET {path}"));
        }
        let before = app.snapshot(w.ws, j).await;
        for path in [
            "/businesses".to_string(),
            format!("/b/{}/journeys", w.business.id),
            format!("/j/{j}/rotate"),
            format!("/j/{j}/moments"),
            format!("/j/{j}/m/{}/delete", m.id),
        ] {
            let res = anon.post(&path, &[("_csrf", "x"), ("name", "n"), ("stage_id", &s.to_string()), ("title", "t")]).await;
            expect_redirect(&res, "/login", &format!("POST {path}"));
        }
        // The script is told the session ended, in JSON.
        let res = anon.fetch(&format!("/j/{j}/moments"), &[("stage_id", &s.to_string()), ("title", "t")]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_error_body(&res.json().await.unwrap());
        assert_eq!(anon.get(&format!("/b/{}/channels.css", w.business.id)).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.snapshot(w.ws, j).await, before);
    }

    async fn a_viewer_sees_the_board_but_cannot_change_it_and_a_member_cannot_manage(app) {
        let w = World::new(&app.store, "Acme").await;
        let j = w.journey.id;
        let m = w.note(&app.store, 0, "A note").await;
        let viewer = w.person(&app.store, Role::Viewer).await;
        let v = app.signed_in(w.ws, viewer.user.id).await;
        let board = expect(v.get(&format!("/j/{j}")).await, StatusCode::OK, "viewer board").await;
        assert!(board.contains("A note"));
        assert!(!board.contains(&format!(r#"action="/j/{j}/moments""#)), "no add form for a viewer");
        let before = app.snapshot(w.ws, j).await;
        let res = v.submit(&format!("/j/{j}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Viewer note")]).await;
        let page = expect(res, StatusCode::FORBIDDEN, "viewer adds a note").await;
        assert!(page.contains("Viewers can look at the board but not add notes."), "{page}");
        expect(v.fetch(&format!("/j/{j}/m/{}/delete", m.id), &[]).await, StatusCode::FORBIDDEN, "viewer deletes").await;
        expect(v.get(&format!("/j/{j}/share")).await, StatusCode::FORBIDDEN, "viewer share page").await;
        expect(v.submit(&format!("/j/{j}/rotate"), &[]).await, StatusCode::FORBIDDEN, "viewer rotates").await;

        let member = w.person(&app.store, Role::Member).await;
        let mb = app.signed_in(w.ws, member.user.id).await;
        expect(mb.submit("/businesses", &[("name", "Mine")]).await, StatusCode::FORBIDDEN, "member adds a business").await;
        expect(mb.submit(&format!("/b/{}/journeys", w.business.id), &[("name", "Mine")]).await, StatusCode::FORBIDDEN, "member adds a journey").await;
        expect(mb.submit(&format!("/c/{}/edit", w.channels[0].id), &[("name", "Mine"), ("colour", "#000000"), ("icon", "M")]).await, StatusCode::FORBIDDEN, "member edits a channel").await;
        assert_eq!(app.snapshot(w.ws, j).await, before);
        // ...but a member does edit every note.
        let res = mb.fetch(&format!("/j/{j}/m/{}/edit", m.id), &[("title", "Edited by a member")]).await;
        assert_eq!(res.status(), StatusCode::OK);
    }

    async fn a_member_of_another_workspace_gets_404_on_every_page_and_post_and_changes_nothing(app) {
        let a = World::new(&app.store, "Acme").await;
        let other = World::new(&app.store, "Rival").await;
        let m = a.note(&app.store, 0, "Acme secret").await;
        let gone = a.note(&app.store, 0, "Acme deleted").await;
        app.store.apply(a.ws, a.journey.id, a.owner_actor(), "Owner", BoardCommand::DeleteMoment { id: gone.id }).await.unwrap();
        let own = other.note(&app.store, 0, "Rival note").await;
        let b = app.signed_in(other.ws, other.owner.id).await;
        let (j, s, bid, cid) = (a.journey.id, a.stages[2].id, a.business.id, a.channels[0].id);

        for path in [
            format!("/b/{bid}"),
            format!("/b/{bid}/channels.css"),
            format!("/j/{j}"),
            format!("/j/{j}?fragment=1"),
            format!("/j/{j}/share"),
            format!("/j/{j}/m/{}/edit", m.id),
            format!("/j/{j}/s/{s}/edit"),
            // Their own journey with our ids.
            format!("/j/{}/m/{}/edit", other.journey.id, m.id),
            format!("/j/{}/s/{s}/edit", other.journey.id),
        ] {
            let page = expect(b.get(&path).await, StatusCode::NOT_FOUND, &format!("GET {path}")).await;
            assert!(!page.contains("Acme secret"));
        }
        let before = app.snapshot(a.ws, j).await;
        let theirs_before = app.snapshot(other.ws, other.journey.id).await;
        let s_str = s.to_string();
        let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
            (format!("/b/{bid}/journeys"), vec![("name", "Stolen")]),
            (format!("/b/{bid}/channels"), vec![("name", "Stolen"), ("colour", "#000000"), ("icon", "X")]),
            (format!("/c/{cid}/edit"), vec![("name", "Stolen"), ("colour", "#000000"), ("icon", "X")]),
            (format!("/j/{j}/rotate"), vec![]),
            (format!("/j/{j}/moments"), vec![("stage_id", &s_str), ("title", "Stolen")]),
            (format!("/j/{j}/stages"), vec![("name", "Stolen")]),
            (format!("/j/{j}/m/{}/edit", m.id), vec![("title", "Stolen")]),
            (format!("/j/{j}/m/{}/move", m.id), vec![("stage_id", &s_str), ("index", "0")]),
            (format!("/j/{j}/m/{}/delete", m.id), vec![]),
            (format!("/j/{j}/m/{}/restore", gone.id), vec![]),
            (format!("/j/{j}/s/{s}/rename"), vec![("name", "Stolen")]),
            (format!("/j/{j}/s/{s}/move"), vec![("index", "0")]),
            (format!("/j/{j}/s/{s}/delete"), vec![]),
            // Their own board, naming our notes and stages.
            (format!("/j/{}/moments", other.journey.id), vec![("stage_id", &s_str), ("title", "Stolen")]),
            (format!("/j/{}/m/{}/edit", other.journey.id, m.id), vec![("title", "Stolen")]),
            (format!("/j/{}/m/{}/delete", other.journey.id, m.id), vec![]),
            (format!("/j/{}/m/{}/move", other.journey.id, own.id), vec![("stage_id", &s_str), ("index", "0")]),
            (format!("/j/{}/s/{s}/rename", other.journey.id), vec![("name", "Stolen")]),
        ];
        for (path, fields) in &posts {
            expect(b.submit(path, fields).await, StatusCode::NOT_FOUND, &format!("POST {path}")).await;
            if path.starts_with("/j/") && !path.ends_with("/rotate") {
                let res = b.fetch(path, fields).await;
                assert_eq!(res.status(), StatusCode::NOT_FOUND, "fetch POST {path}");
                assert_error_body(&res.json().await.unwrap());
            }
        }
        // Their note keeping its channel: a channel of ours is not theirs to use.
        let res = b.fetch(&format!("/j/{}/m/{}/edit", other.journey.id, own.id), &[("channel_id", &cid.to_string())]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "a channel of another workspace");
        assert_eq!(app.snapshot(a.ws, j).await, before, "nothing of ours changed");
        assert_eq!(app.snapshot(other.ws, other.journey.id).await, theirs_before, "nor of theirs");
    }

    async fn a_guest_joins_by_link_and_changes_only_their_own_notes_on_their_own_board(app) {
        let w = World::new(&app.store, "Acme").await;
        let j = w.journey.id;
        let owners = w.note(&app.store, 0, "Owner's note").await;
        let second = app.store.create_journey(w.ws, w.business.id, "Second journey", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();

        let b = app.browser();
        let res = b.get(&format!("/join/{}", w.journey.join_token)).await;
        assert!(set_cookie(&res, "mot_csrf").is_some());
        let page = expect(res, StatusCode::OK, "join form").await;
        assert!(page.contains("New customer buys a sofa") && page.contains("Acme Furniture"));
        let csrf = form_csrf(&page);
        // A name is required.
        let res = b.post(&format!("/join/{}", w.journey.join_token), &[("_csrf", &csrf), ("name", "  ")]).await;
        assert!(set_cookie(&res, &format!("mot_g{j}")).is_none());
        expect(res, StatusCode::UNPROCESSABLE_ENTITY, "an empty name").await;

        let res = b.post(&format!("/join/{}", w.journey.join_token), &[("_csrf", &csrf), ("name", "Gus")]).await;
        expect_redirect(&res, &format!("/j/{j}"), "joining");
        let cookie = set_cookie(&res, &format!("mot_g{j}")).expect("a guest cookie");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        // Coming back to the link goes straight to the board.
        expect_redirect(&b.get(&format!("/join/{}", w.journey.join_token)).await, &format!("/j/{j}"), "joined already");

        let mut g = b;
        let board = expect(g.get(&format!("/j/{j}")).await, StatusCode::OK, "the guest's board").await;
        assert!(board.contains("Owner's note") && board.contains("Gus"));
        g.csrf = meta_csrf(&board);

        // Their own note: add, edit, delete.
        let res = g.fetch(&format!("/j/{j}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Guest idea")]).await;
        let v: Value = res.json().await.unwrap();
        assert_eq!(v["type"], "moment_added", "{v}");
        let mine = v["moment"]["id"].as_i64().unwrap();
        assert_eq!(v["moment"]["author_name"], "Gus");
        expect(g.get(&format!("/j/{j}/m/{mine}/edit")).await, StatusCode::OK, "edit page of own note").await;
        let res = g.submit(&format!("/j/{j}/m/{mine}/edit"), &[("title", "Guest idea, refined")]).await;
        expect_redirect(&res, &format!("/j/{j}"), "a guest edits their note");
        assert_eq!(app.store.moment(w.ws, mine).await.unwrap().title, "Guest idea, refined");

        // Someone else's note: refused with the reason, and unchanged.
        let before = app.snapshot(w.ws, j).await;
        let res = g.submit(&format!("/j/{j}/m/{}/edit", owners.id), &[("title", "Vandalised")]).await;
        let page = expect(res, StatusCode::FORBIDDEN, "a guest edits another's note").await;
        assert!(page.contains("Guests can change only the notes they wrote."), "{page}");
        let res = g.fetch(&format!("/j/{j}/m/{}/delete", owners.id), &[]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["message"], "Guests can change only the notes they wrote.");
        expect(g.fetch(&format!("/j/{j}/m/{}/move", owners.id), &[("stage_id", &w.stages[1].id.to_string()), ("index", "0")]).await, StatusCode::FORBIDDEN, "a guest moves another's note").await;
        expect(g.get(&format!("/j/{j}/m/{}/edit", owners.id)).await, StatusCode::FORBIDDEN, "edit page of another's note").await;
        expect(g.fetch(&format!("/j/{j}/stages"), &[("name", "Guest stage")]).await, StatusCode::FORBIDDEN, "a guest adds a stage").await;
        expect(g.get(&format!("/j/{j}/s/{}/edit", w.stages[0].id)).await, StatusCode::FORBIDDEN, "a guest edits a stage").await;
        assert_eq!(app.snapshot(w.ws, j).await, before, "nothing changed");

        // Other boards and the business page stay closed; the colours are open.
        expect_redirect(&g.get(&format!("/j/{}", second.id)).await, "/login", "another journey's board");
        expect_redirect(&g.get(&format!("/b/{}", w.business.id)).await, "/login", "the business page");
        expect_redirect(&g.get(&format!("/j/{j}/share")).await, "/login", "the share page");
        expect_redirect(&g.get("/").await, "/login", "the home page");
        let res = g.fetch(&format!("/j/{}/moments", second.id), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Elsewhere")]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "a post to another journey");
        assert_eq!(g.get(&format!("/b/{}/channels.css", w.business.id)).await.status(), StatusCode::OK);

        let res = g.fetch(&format!("/j/{j}/m/{mine}/delete"), &[]).await;
        assert_eq!(res.status(), StatusCode::OK, "a guest deletes their note");
        assert!(app.store.moment(w.ws, mine).await.is_err());
    }

    async fn a_member_of_another_workspace_can_still_join_a_board_as_a_guest(app) {
        let w = World::new(&app.store, "Acme").await;
        let rival = World::new(&app.store, "Rival").await;
        let j = w.journey.id;
        let b = app.signed_in(rival.ws, rival.owner.id).await;
        let res = b.get(&format!("/join/{}", w.journey.join_token)).await;
        let page = expect(res, StatusCode::OK, "the join form, not a redirect to a board they cannot see").await;
        let csrf = form_csrf(&page);
        let res = b.post(&format!("/join/{}", w.journey.join_token), &[("_csrf", &csrf), ("name", "Visiting adviser")]).await;
        expect_redirect(&res, &format!("/j/{j}"), "joining");
        let board = expect(b.get(&format!("/j/{j}")).await, StatusCode::OK, "the board, as a guest").await;
        let mut g = b;
        g.csrf = meta_csrf(&board);
        let res = g.fetch(&format!("/j/{j}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Adviser's note")]).await;
        let v: Value = res.json().await.unwrap();
        assert_eq!(v["moment"]["author_name"], "Visiting adviser", "{v}");
        assert!(v["moment"]["author"]["kind"] == "guest" || v["moment"]["author"].to_string().contains("guest"), "{v}");
        let ws = open_live(&app, j, 0, &[("cookie", &g.cookie_header())]).await;
        assert!(ws.is_ok(), "and watch it live");
        // Their own workspace still works as before.
        expect(g.get(&format!("/j/{}", rival.journey.id)).await, StatusCode::OK, "their own board").await;
        // The guest role is still narrow: the business page stays closed.
        expect(g.get(&format!("/b/{}", w.business.id)).await, StatusCode::NOT_FOUND, "the business page").await;
    }

    async fn join_codes_ignore_case_spaces_and_dashes_and_unknown_ones_are_404(app) {
        let w = World::new(&app.store, "Acme").await;
        let code = &w.journey.join_code;
        let b = app.browser();
        let page = expect(b.get("/join").await, StatusCode::OK, "join code form").await;
        let csrf = form_csrf(&page);
        let shown = mot_core::board::show_join_code(code).to_lowercase();
        for typed in [shown.clone(), format!(" {} ", code.to_lowercase()), code.clone()] {
            let res = b.post("/join", &[("_csrf", &csrf), ("code", &typed)]).await;
            expect_redirect(&res, &format!("/join/{}", w.journey.join_token), &format!("code {typed:?}"));
        }
        let res = b.post("/join", &[("_csrf", &csrf), ("code", "ABCD-2345")]).await;
        let page = expect(res, StatusCode::NOT_FOUND, "an unknown code").await;
        assert!(page.contains("No session has this code"), "{page}");
        expect(b.get("/join/0123456789abcdef0123456789abcdef").await, StatusCode::NOT_FOUND, "an unknown link").await;
        expect(b.get("/join/not-a-token").await, StatusCode::NOT_FOUND, "a malformed link").await;
    }

    async fn a_new_join_link_stops_the_old_link_and_code_but_joined_guests_keep_working(app) {
        let w = World::new(&app.store, "Acme").await;
        let j = w.journey.id;
        let g = app.guest(&w.journey, "Gus").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;

        let res = owner.submit(&format!("/j/{j}/rotate"), &[]).await;
        expect_redirect(&res, &format!("/j/{j}/share"), "rotating the link");
        let now = w.journey_now(&app.store).await;
        assert_ne!(now.join_token, w.journey.join_token);
        assert_ne!(now.join_code, w.journey.join_code);

        let late = app.browser();
        expect(late.get(&format!("/join/{}", w.journey.join_token)).await, StatusCode::NOT_FOUND, "the old link").await;
        let csrf = form_csrf(&late.get("/join").await.text().await.unwrap());
        expect(late.post("/join", &[("_csrf", &csrf), ("code", &w.journey.join_code)]).await, StatusCode::NOT_FOUND, "the old code").await;
        let res = late.post(&format!("/join/{}", w.journey.join_token), &[("_csrf", &csrf), ("name", "Late")]).await;
        assert!(set_cookie(&res, &format!("mot_g{j}")).is_none());
        expect(res, StatusCode::NOT_FOUND, "joining by the old link").await;
        expect(late.get(&format!("/join/{}", now.join_token)).await, StatusCode::OK, "the new link").await;
        expect_redirect(&late.post("/join", &[("_csrf", &csrf), ("code", &now.join_code)]).await, &format!("/join/{}", now.join_token), "the new code");

        expect(g.get(&format!("/j/{j}")).await, StatusCode::OK, "a joined guest's board").await;
        let res = g.fetch(&format!("/j/{j}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Still here")]).await;
        assert_eq!(res.status(), StatusCode::OK, "a joined guest still adds notes");
    }

    async fn two_setups_at_once_make_one_workspace_and_one_owner(app) {
        let (a, b) = (app.browser(), app.browser());
        let csrf_a = form_csrf(&a.get("/setup").await.text().await.unwrap());
        let csrf_b = form_csrf(&b.get("/setup").await.text().await.unwrap());
        let form = |csrf: &str, who: &str| {
            vec![
                ("_csrf".to_string(), csrf.to_string()),
                ("workspace".into(), format!("{who} workspace")),
                ("name".into(), who.to_string()),
                ("email".into(), format!("{who}@example.com")),
                ("password".into(), PASSWORD.to_string()),
            ]
        };
        let (fa, fb) = (form(&csrf_a, "ann"), form(&csrf_b, "bob"));
        let (ra, rb) = tokio::join!(
            a.client.post(a.url("/setup")).form(&fa).send(),
            b.client.post(b.url("/setup")).form(&fb).send(),
        );
        let (ra, rb) = (ra.unwrap(), rb.unwrap());
        let winners = [&ra, &rb].iter().filter(|r| set_cookie(r, "mot_session").is_some()).count();
        assert_eq!(winners, 1, "exactly one setup signs someone in");
        for r in [&ra, &rb] {
            assert!(
                r.status() == StatusCode::SEE_OTHER || r.status() == StatusCode::CONFLICT,
                "a racing setup answers a redirect or 409, not {}", r.status()
            );
        }
        let ws = app.store.first_workspace().await.unwrap().unwrap();
        let members = app.store.members(ws.id).await.unwrap();
        assert_eq!(members.len(), 1);
        let loser = if members[0].0.email == "ann@example.com" { "bob@example.com" } else { "ann@example.com" };
        assert!(app.store.user_by_email(loser).await.unwrap().is_none(), "the loser left no account");
    }

    async fn with_secure_cookies_on_every_cookie_is_secure_and_links_are_https(app) {
        let settings = mot_server::Settings { secure_cookies: true, ..Default::default() };
        let secure = TestApp::start_configured(app.db.clone(), app.store.clone(), settings).await;
        let b = secure.browser();
        let res = b.get("/setup").await;
        let csrf_cookie = set_cookie(&res, "mot_csrf").unwrap();
        assert!(csrf_cookie.contains("; Secure"), "{csrf_cookie}");
        let csrf = form_csrf(&res.text().await.unwrap());
        // The jar holds Secure cookies back over plain HTTP, so send it by hand.
        let res = b.client.post(b.url("/setup"))
            .header("cookie", format!("mot_csrf={csrf}"))
            .form(&[("_csrf", csrf.as_str()), ("workspace", "Acme"), ("name", "Olive"), ("email", "olive@example.com"), ("password", PASSWORD)])
            .send().await.unwrap();
        let session = set_cookie(&res, "mot_session").expect("a session");
        assert!(session.contains("; Secure") && session.contains("HttpOnly"), "{session}");

        let w = World::new(&app.store, "Acme").await;
        let b = secure.browser();
        let res = b.client.get(b.url(&format!("/join/{}", w.journey.join_token))).send().await.unwrap();
        let csrf = form_csrf(&res.text().await.unwrap());
        let res = b.client.post(b.url(&format!("/join/{}", w.journey.join_token)))
            .header("cookie", format!("mot_csrf={csrf}"))
            .form(&[("_csrf", csrf.as_str()), ("name", "Gus")])
            .send().await.unwrap();
        let guest = set_cookie(&res, &format!("mot_g{}", w.journey.id)).expect("a guest cookie");
        assert!(guest.contains("; Secure"), "{guest}");

        let owner = secure.signed_in(w.ws, w.owner.id).await;
        let share = owner.get(&format!("/j/{}/share", w.journey.id)).await.text().await.unwrap();
        assert!(share.contains(&format!("https://{}/join/{}", secure.addr, w.journey.join_token)), "the join link is https");
    }

    async fn an_extra_allowed_origin_may_open_live_connections_and_others_may_not(app) {
        let settings = mot_server::Settings { extra_origins: vec!["https://mot.example".into()], ..Default::default() };
        let proxied = TestApp::start_configured(app.db.clone(), app.store.clone(), settings).await;
        let w = World::new(&app.store, "Acme").await;
        let owner = proxied.signed_in(w.ws, w.owner.id).await;
        let cookie = owner.cookie_header();
        let ws = open_live(&proxied, w.journey.id, 0, &[("cookie", &cookie), ("origin", "https://mot.example")]).await;
        assert!(ws.is_ok(), "the configured origin is allowed");
        let refused = open_live(&proxied, w.journey.id, 0, &[("cookie", &cookie), ("origin", "https://mot.example.evil")]).await;
        assert_eq!(refused_status(refused), 403);
        let refused = open_live(&app, w.journey.id, 0, &[("cookie", &cookie), ("origin", "https://mot.example")]).await;
        assert_eq!(refused_status(refused), 403, "not allowed where it is not configured");
    }
}

on_both! {
    async fn the_journey_map_downloads_as_svg_and_pdf_for_whoever_sees_the_board_and_no_one_else(app) {
        let w = World::new(&app.store, "Acme").await;
        w.note(&app.store, 0, "Finds <us> & \"online\"").await;
        w.note(&app.store, 2, "Sofa is delivered").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let svg = owner.get(&format!("/j/{}/map.svg", w.journey.id)).await;
        assert_eq!(svg.status(), StatusCode::OK);
        assert_eq!(svg.headers()["content-type"], "image/svg+xml; charset=utf-8");
        assert!(svg.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\""));
        let body = svg.text().await.unwrap();
        assert!(body.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{body}");
        assert!(body.contains("Finds &lt;us&gt; &amp; &quot;online&quot;") && !body.contains("<us>"), "{body}");
        assert!(body.contains("Sofa is delivered") && body.contains(&w.journey.name), "{body}");
        // A guest of the board takes it away too, as a PDF.
        let guest = app.guest(&w.journey, "Gia").await;
        let pdf = guest.get(&format!("/j/{}/map.pdf", w.journey.id)).await;
        assert_eq!(pdf.status(), StatusCode::OK);
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        let bytes = pdf.bytes().await.unwrap();
        let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
        assert!(text.contains("Sofa is delivered"), "{text}");
        // Nobody else: another workspace's owner, or no one signed in.
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        for path in ["map.svg", "map.pdf"] {
            let res = stranger.get(&format!("/j/{}/{path}", w.journey.id)).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
            let res = app.browser().get(&format!("/j/{}/{path}", w.journey.id)).await;
            assert!(res.status().is_redirection() || res.status() == StatusCode::UNAUTHORIZED, "{path}: {}", res.status());
        }
    }
}
