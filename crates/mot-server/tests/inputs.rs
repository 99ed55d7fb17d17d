//! Bad input on the API and on forms (always a 4xx with our error body, never
//! a 500, nothing half-written), escaping of user text, unknown routes and
//! methods, and the security headers on every response.

#[macro_use]
mod common;

use common::*;
use reqwest::header::{CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// What a bad form post is, where it goes, its fields and the expected status.
type FormCase<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, StatusCode);

fn long(n: usize) -> String {
    "x".repeat(n)
}

/// A body just over the 64 KiB limit.
fn too_big() -> String {
    "y".repeat(mot_server::MAX_BODY + 1)
}

/// Checks the headers every response must carry.
fn assert_security_headers(res: &reqwest::Response, what: &str) {
    let h = res.headers();
    let csp = h
        .get(CONTENT_SECURITY_POLICY)
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"))
        .to_str()
        .unwrap();
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap_or_else(|| panic!("{what}: no script-src in {csp}"));
    assert_eq!(script_src, "script-src 'self'", "{what}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{what}: {csp}"
    );
    for d in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(d), "{what}: {d} missing in {csp}");
    }
    assert_eq!(
        h.get(X_CONTENT_TYPE_OPTIONS).map(|v| v.to_str().unwrap()),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        h.get(REFERRER_POLICY).map(|v| v.to_str().unwrap()),
        Some("same-origin"),
        "{what}"
    );
}

on_both! {
    async fn bad_api_input_is_a_4xx_with_our_error_body_and_writes_nothing(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let m = w.note(&app.store, 0, "Keep me").await;
        let (jid, s0) = (w.journey.id, w.stages[0].id);
        let moments = format!("/api/v1/journeys/{jid}/moments");
        let before = app.snapshot(w.ws, jid).await;

        let cases: Vec<(&str, Value, StatusCode)> = vec![
            ("a 121-character title", json!({"stage_id": s0, "title": long(121)}), StatusCode::UNPROCESSABLE_ENTITY),
            ("a 2001-character description", json!({"stage_id": s0, "title": "ok", "description": long(2001)}), StatusCode::UNPROCESSABLE_ENTITY),
            ("an empty title", json!({"stage_id": s0, "title": ""}), StatusCode::UNPROCESSABLE_ENTITY),
            ("a blank title", json!({"stage_id": s0, "title": " \t "}), StatusCode::UNPROCESSABLE_ENTITY),
            ("no title", json!({"stage_id": s0}), StatusCode::UNPROCESSABLE_ENTITY),
            ("a string stage_id", json!({"stage_id": "first", "title": "ok"}), StatusCode::UNPROCESSABLE_ENTITY),
            ("a huge stage_id", json!({"stage_id": 1e30, "title": "ok"}), StatusCode::UNPROCESSABLE_ENTITY),
            ("a number title", json!({"stage_id": s0, "title": 7}), StatusCode::UNPROCESSABLE_ENTITY),
            ("an array", json!([{"stage_id": s0, "title": "ok"}]), StatusCode::UNPROCESSABLE_ENTITY),
            ("an unknown stage", json!({"stage_id": 987654321, "title": "ok"}), StatusCode::NOT_FOUND),
            ("an unknown channel", json!({"stage_id": s0, "title": "ok", "channel_id": 987654321}), StatusCode::NOT_FOUND),
            ("a bell in the title", json!({"stage_id": s0, "title": "ding\u{7}"}), StatusCode::UNPROCESSABLE_ENTITY),
            ("a NUL in the description", json!({"stage_id": s0, "title": "ok", "description": "a\u{0}b"}), StatusCode::UNPROCESSABLE_ENTITY),
            ("an escape sequence", json!({"stage_id": s0, "title": "\u{1b}[31mred"}), StatusCode::UNPROCESSABLE_ENTITY),
            ("a newline in the title", json!({"stage_id": s0, "title": "two\nlines"}), StatusCode::UNPROCESSABLE_ENTITY),
        ];
        for (what, body, status) in cases {
            let (got, answer) = api.post(&moments, body).await;
            assert_eq!(got, status, "{what}: {answer}");
            assert_error_body(&answer);
        }
        let (_, answer) = api.post(&moments, json!({"stage_id": s0, "title": long(121)})).await;
        assert!(answer["error"]["message"].as_str().unwrap().contains("the limit is 120"), "{answer}");

        // Bodies that are not JSON, not labelled JSON, or too large.
        let raw: Vec<(&str, Option<&str>, String, StatusCode)> = vec![
            ("malformed JSON", Some("application/json"), r#"{"stage_id": 1, "title": "#.into(), StatusCode::BAD_REQUEST),
            ("no content type", None, json!({"stage_id": s0, "title": "ok"}).to_string(), StatusCode::UNSUPPORTED_MEDIA_TYPE),
            ("a form content type", Some("application/x-www-form-urlencoded"), "stage_id=1&title=ok".into(), StatusCode::UNSUPPORTED_MEDIA_TYPE),
            ("an empty body", Some("application/json"), String::new(), StatusCode::BAD_REQUEST),
            ("a body over 64 KiB", Some("application/json"), json!({"stage_id": s0, "title": too_big()}).to_string(), StatusCode::PAYLOAD_TOO_LARGE),
        ];
        for (what, ct, body, status) in raw {
            let (got, answer) = api.raw(Method::POST, &moments, ct, body).await;
            assert_eq!(got, status, "{what}: {answer}");
            assert_error_body(&answer);
        }

        // A patch with one good and one bad field changes neither.
        let (got, _) = api.patch(&format!("/api/v1/moments/{}", m.id), json!({"title": "Changed", "description": long(2001)})).await;
        assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY);
        let (got, _) = api.patch(&format!("/api/v1/stages/{}", w.stages[2].id), json!({"name": long(61), "index": 0})).await;
        assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY, "a stage name over 60 with a valid move");
        let (got, _) = api.patch(&format!("/api/v1/stages/{}", w.stages[2].id), json!({})).await;
        assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY, "a stage patch with nothing in it");
        let (got, _) = api.patch(&format!("/api/v1/channels/{}", w.channels[0].id), json!({"name": "Renamed", "colour": "red"})).await;
        assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY, "a bad colour with a good name");
        let (got, _) = api.post(&format!("/api/v1/moments/{}/move", m.id), json!({"stage_id": s0, "index": -1})).await;
        assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY, "a negative index");
        let (got, _) = api.post(&format!("/api/v1/businesses/{}/channels", w.business.id), json!({"name": "Fax", "colour": "#000000", "icon": "FAXES"})).await;
        assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY, "a 5-character label");
        let (got, _) = api.post("/api/v1/businesses", json!({"name": long(121)})).await;
        assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY, "a 121-character business name");
        let (got, _) = api.patch(&format!("/api/v1/journeys/{jid}"), json!({"name": ""})).await;
        assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY, "an empty journey name");

        // Malformed ids and query strings.
        for path in ["/api/v1/moments/abc", "/api/v1/moments/99999999999999999999", "/api/v1/moments/-1", "/api/v1/moments/987654321"] {
            let (got, answer) = api.get(path).await;
            assert_eq!(got, StatusCode::NOT_FOUND, "{path}: {answer}");
            assert_error_body(&answer);
        }
        let (got, answer) = api.get(&format!("/api/v1/journeys/{jid}/changes?since=abc")).await;
        assert_eq!(got, StatusCode::BAD_REQUEST, "{answer}");
        assert_error_body(&answer);

        assert_eq!(app.snapshot(w.ws, jid).await, before, "nothing was written");
    }

    async fn bad_form_input_is_a_4xx_page_or_json_body_and_writes_nothing(app) {
        let w = World::new(&app.store, "Acme").await;
        let b = app.signed_in(w.ws, w.owner.id).await;
        let m = w.note(&app.store, 0, "Keep me").await;
        let elsewhere = app.store.create_journey(w.ws, w.business.id, "Elsewhere", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        let foreign_stage = app.store.stages(w.ws, elsewhere.id).await.unwrap()[0].id.to_string();
        let (jid, s0) = (w.journey.id, w.stages[0].id.to_string());
        let add = format!("/j/{jid}/moments");
        let before = app.snapshot(w.ws, jid).await;

        let (t121, d2001, big) = (long(121), long(2001), too_big());
        let cases: Vec<FormCase> = vec![
            ("a 121-character title", add.clone(), vec![("stage_id", &s0), ("title", &t121)], StatusCode::UNPROCESSABLE_ENTITY),
            ("a 2001-character description", add.clone(), vec![("stage_id", &s0), ("title", "ok"), ("description", &d2001)], StatusCode::UNPROCESSABLE_ENTITY),
            ("an empty title", add.clone(), vec![("stage_id", &s0), ("title", "")], StatusCode::UNPROCESSABLE_ENTITY),
            ("no title", add.clone(), vec![("stage_id", &s0)], StatusCode::UNPROCESSABLE_ENTITY),
            ("no stage", add.clone(), vec![("title", "ok")], StatusCode::UNPROCESSABLE_ENTITY),
            ("a word for stage_id", add.clone(), vec![("stage_id", "first"), ("title", "ok")], StatusCode::UNPROCESSABLE_ENTITY),
            ("a word for channel_id", add.clone(), vec![("stage_id", &s0), ("title", "ok"), ("channel_id", "blue")], StatusCode::UNPROCESSABLE_ENTITY),
            ("an unknown stage", add.clone(), vec![("stage_id", "987654321"), ("title", "ok")], StatusCode::NOT_FOUND),
            ("a stage of another journey", add.clone(), vec![("stage_id", &foreign_stage), ("title", "ok")], StatusCode::NOT_FOUND),
            ("a control character", add.clone(), vec![("stage_id", &s0), ("title", "a\u{8}b")], StatusCode::UNPROCESSABLE_ENTITY),
            ("a body over 64 KiB", add.clone(), vec![("stage_id", &s0), ("title", &big)], StatusCode::PAYLOAD_TOO_LARGE),
            ("position 0", format!("/j/{jid}/m/{}/move", m.id), vec![("stage_id", &s0), ("position", "0")], StatusCode::UNPROCESSABLE_ENTITY),
            ("a negative position", format!("/j/{jid}/m/{}/move", m.id), vec![("stage_id", &s0), ("position", "-1")], StatusCode::UNPROCESSABLE_ENTITY),
            ("a move without a stage", format!("/j/{jid}/m/{}/move", m.id), vec![("position", "1")], StatusCode::UNPROCESSABLE_ENTITY),
            ("an empty stage name", format!("/j/{jid}/stages"), vec![("name", " ")], StatusCode::UNPROCESSABLE_ENTITY),
            ("an unknown note", format!("/j/{jid}/m/987654321/edit"), vec![("title", "ok")], StatusCode::NOT_FOUND),
            ("a malformed note id", format!("/j/{jid}/m/abc/edit"), vec![("title", "ok")], StatusCode::NOT_FOUND),
        ];
        for (what, path, fields, status) in &cases {
            refused(b.fetch(path, fields).await, *status, &format!("fetch with {what}")).await;
            let res = b.submit(path, fields).await;
            let is_page = content_type(&res).starts_with("text/html");
            refused(res, *status, &format!("form with {what}")).await;
            assert!(is_page, "a form post without script gets an HTML page for {what}");
        }
        let body = refused(b.fetch(&add, &[("stage_id", &s0), ("title", &t121)]).await, StatusCode::UNPROCESSABLE_ENTITY, "long title").await;
        assert!(body.contains("title: is 121 characters long; the limit is 120"), "{body}");

        for (path, fields) in [
            ("/businesses".to_string(), vec![("name", "")]),
            ("/businesses".to_string(), vec![("name", t121.as_str())]),
            ("/businesses".to_string(), vec![]),
            (format!("/b/{}/journeys", w.business.id), vec![("name", t121.as_str())]),
            (format!("/b/{}/channels", w.business.id), vec![("name", "Fax"), ("colour", "black"), ("icon", "FAX")]),
            (format!("/b/{}/channels", w.business.id), vec![("name", "Fax"), ("colour", "#000000")]),
            (format!("/c/{}/edit", w.channels[0].id), vec![("name", "Fax"), ("colour", "#000000"), ("icon", "FAXES")]),
        ] {
            refused(b.submit(&path, &fields).await, StatusCode::UNPROCESSABLE_ENTITY, &format!("POST {path} {fields:?}")).await;
        }
        refused(b.submit("/businesses", &[("name", &big)]).await, StatusCode::PAYLOAD_TOO_LARGE, "a huge business form").await;
        assert_eq!(app.snapshot(w.ws, jid).await, before, "nothing was written");
    }

    async fn a_form_whose_text_is_not_utf8_is_refused_with_400_and_writes_nothing(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let before = app.snapshot(w.ws, jid).await;
        let s0 = w.stages[0].id;
        let cases: Vec<(&str, String, Vec<u8>, bool)> = vec![
            ("a percent-encoded Latin-1 byte, by script", format!("/j/{jid}/moments"), format!("stage_id={s0}&title=Caf%E9").into_bytes(), true),
            ("a raw byte that is not UTF-8, by script", format!("/j/{jid}/moments"), [format!("stage_id={s0}&title=Caf").as_bytes(), &[0xE9]].concat(), true),
            ("a cut-off character, by plain form", format!("/j/{jid}/moments"), format!("_csrf={}&stage_id={s0}&title=%C3", owner.csrf).into_bytes(), false),
            ("a bad name of a field", "/businesses".to_string(), format!("_csrf={}&name=Shop&%FF=1", owner.csrf).into_bytes(), false),
            ("a page form", "/businesses".to_string(), format!("_csrf={}&name=%FF%FEShop", owner.csrf).into_bytes(), false),
        ];
        for (what, path, body, fetch) in cases {
            let mut req = owner
                .client
                .post(owner.url(&path))
                .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body);
            if fetch {
                req = req.header("x-mot-fetch", "1").header("x-csrf-token", &owner.csrf);
            }
            let text = refused(req.send().await.unwrap(), StatusCode::BAD_REQUEST, what).await;
            assert!(text.contains("UTF-8"), "{what}: says why: {text}");
        }
        assert_eq!(app.snapshot(w.ws, jid).await, before, "nothing was written");
        // The same text, well encoded, is taken as typed.
        let res = owner.fetch(&format!("/j/{jid}/moments"), &[("stage_id", &s0.to_string()), ("title", "Café + crème")]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let moments = app.store.moments(w.ws, jid).await.unwrap();
        assert_eq!(moments.last().unwrap().title, "Café + crème");
    }

    async fn unknown_routes_are_404_as_json_under_api_and_html_elsewhere_and_wrong_methods_405(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let b = app.signed_in(w.ws, w.owner.id).await;

        let (got, body) = api.get("/api/v1/nothing-here").await;
        assert_eq!(got, StatusCode::NOT_FOUND);
        assert_error_body(&body);
        let (got, body) = api.get("/api/v2/me").await;
        assert_eq!(got, StatusCode::NOT_FOUND);
        assert_error_body(&body);
        let page = refused(b.get("/nothing-here").await, StatusCode::NOT_FOUND, "an unknown page").await;
        assert!(page.contains("There is no page at this address."));
        let page = refused(b.get("/j/abc").await, StatusCode::NOT_FOUND, "a malformed board id").await;
        assert!(page.contains(mot_i18n::text(mot_i18n::Lang::En, "error-no-page")) && !page.contains("Invalid URL"), "no parser's words: {page}");
        refused(b.get("/j/987654321").await, StatusCode::NOT_FOUND, "an unknown board").await;
        refused(b.get("/b/987654321").await, StatusCode::NOT_FOUND, "an unknown business").await;
        refused(b.get("/static/0/nothing.js").await, StatusCode::NOT_FOUND, "an unknown static file").await;

        for (m, path) in [(Method::DELETE, "/api/v1/me"), (Method::PUT, "/api/v1/businesses"), (Method::POST, "/api/v1/openapi.json")] {
            let (got, body) = api.call(m.clone(), path, Some(json!({}))).await;
            assert_eq!(got, StatusCode::METHOD_NOT_ALLOWED, "{m} {path}: {body}");
            assert_error_body(&body);
        }
        refused(b.get("/logout").await, StatusCode::METHOD_NOT_ALLOWED, "GET /logout").await;
        let res = b.client.delete(b.url(&format!("/j/{}", w.journey.id))).send().await.unwrap();
        refused(res, StatusCode::METHOD_NOT_ALLOWED, "DELETE a board").await;
    }

    async fn markup_in_user_text_comes_back_escaped_in_every_view(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let jid = w.journey.id;
        let script = "<script>alert(1)</script>";
        let img = "<img src=x onerror=alert(1)>";
        api.patch(&format!("/api/v1/businesses/{}", w.business.id), json!({"name": script})).await;
        api.patch(&format!("/api/v1/journeys/{jid}"), json!({"name": img})).await;
        api.patch(&format!("/api/v1/stages/{}", w.stages[0].id), json!({"name": script})).await;
        let (got, m) = api.post(&format!("/api/v1/journeys/{jid}/moments"), json!({"stage_id": w.stages[0].id, "title": script, "description": format!("\">{img}")})).await;
        assert_eq!(got, StatusCode::CREATED);
        assert_eq!(m["title"], script, "the API gives the text back as typed");
        api.post(&format!("/api/v1/journeys/{jid}/moments"), json!({"stage_id": w.stages[1].id, "title": img})).await;
        api.post(&format!("/api/v1/businesses/{}/channels", w.business.id), json!({"name": script, "colour": "#123456", "icon": "<b>"})).await;
        let g = app.guest(&w.journey, script).await;
        let (_, _) = (g.fetch(&format!("/j/{jid}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", img)]).await, ());

        let owner = app.signed_in(w.ws, w.owner.id).await;
        let pages = [
            "/".to_string(),
            format!("/b/{}", w.business.id),
            format!("/j/{jid}"),
            format!("/j/{jid}?fragment=1"),
            format!("/j/{jid}/share"),
            format!("/j/{jid}/m/{}/edit", m["id"]),
            format!("/j/{jid}/s/{}/edit", w.stages[0].id),
        ];
        for path in &pages {
            let res = owner.get(path).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            let html = res.text().await.unwrap();
            assert!(!html.contains("<script>alert"), "{path} holds a raw script tag");
            assert!(!html.contains("<img src=x"), "{path} holds a raw img tag");
            assert!(!html.contains("<b>"), "{path} holds a raw b tag");
        }
        let board = owner.get(&format!("/j/{jid}")).await.text().await.unwrap();
        assert!(board.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is shown, escaped");
        assert!(board.contains("&lt;img src=x onerror=alert(1)&gt;"));
        let guest_board = g.get(&format!("/j/{jid}")).await.text().await.unwrap();
        assert!(!guest_board.contains("<script>alert") && !guest_board.contains("<img src=x"), "the guest's view too");

        // The fragments sent to scripts are escaped the same way.
        let res = owner.fetch(&format!("/j/{jid}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", script)]).await;
        let frame: Value = res.json().await.unwrap();
        let html = frame["html"].as_str().unwrap();
        assert!(!html.contains("<script>alert") && html.contains("&lt;script&gt;"), "{html}");
    }

    async fn pages_use_no_inline_script_event_handler_or_style_attribute(app) {
        let w = World::new(&app.store, "Acme").await;
        let m = w.note(&app.store, 0, "A note").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let anon = app.browser();
        let jid = w.journey.id;
        let mut pages = vec![];
        for path in ["/login", "/join", &format!("/join/{}", w.journey.join_token), "/nowhere"] {
            pages.push((path.to_string(), anon.get(path).await.text().await.unwrap()));
        }
        for path in [
            "/".to_string(),
            format!("/b/{}", w.business.id),
            format!("/j/{jid}"),
            format!("/j/{jid}/share"),
            format!("/j/{jid}/m/{}/edit", m.id),
            format!("/j/{jid}/s/{}/edit", w.stages[0].id),
        ] {
            pages.push((path.clone(), owner.get(&path).await.text().await.unwrap()));
        }
        let fresh = TestApp::start(TestDb::sqlite().await).await;
        pages.push(("/setup".into(), fresh.browser().get("/setup").await.text().await.unwrap()));
        for (path, html) in pages {
            let lower = html.to_lowercase();
            for (i, _) in lower.match_indices("<script") {
                let tag = &lower[i..i + lower[i..].find('>').unwrap()];
                // A data block (the page scripts' words) is not run, and the CSP allows it.
                let data = tag.contains("type=\"application/json\"");
                assert!(tag.contains(" src=") || data, "{path}: inline script {tag}");
            }
            for bad in [" onclick=", " onload=", " onerror=", " onsubmit=", " onchange=", "javascript:", "<style", " style="] {
                assert!(!lower.contains(bad), "{path} has {bad:?}, which the CSP blocks");
            }
        }
    }

    async fn pages_and_answers_that_show_join_or_rater_links_are_never_cached(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let no_store = |res: &reqwest::Response| {
            res.headers()
                .get(reqwest::header::CACHE_CONTROL)
                .map(|v| v.to_str().unwrap().to_string())
        };
        let res = owner.get(&format!("/j/{jid}/share")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(no_store(&res).as_deref(), Some("no-store"), "the share page");

        let api = app.api(&w.owner_token);
        for (method, path) in [
            (Method::GET, format!("/api/v1/journeys/{jid}/join-link")),
            (Method::POST, format!("/api/v1/journeys/{jid}/join-link/rotate")),
        ] {
            let mut req = api.client.request(method.clone(), app.url(&path)).bearer_auth(&w.owner_token);
            if method == Method::POST {
                req = req.json(&json!({}));
            }
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{method} {path}");
            assert_eq!(no_store(&res).as_deref(), Some("no-store"), "{method} {path}");
        }

        // The round page right after making rater links shows them.
        let branch = app.store.add_branch(w.ws, w.business.id, "North").await.unwrap();
        w.note(&app.store, 0, "Finds the shop").await;
        let t = app.store.create_template_from_journey(w.ws, jid).await.unwrap();
        let today = mot_core::date::today();
        let round = app.store.start_round(w.ws, w.business.id, t.id, "Spring", today, today, vec![branch.id]).await.unwrap();
        let res = owner
            .submit(
                &format!("/b/{}/rounds/{}/links", w.business.id, round.id),
                &[("branch_id", &branch.id.to_string()), ("group", "staff"), ("labels", "Ana")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(no_store(&res).as_deref(), Some("no-store"), "the page with new rater links");
        assert!(res.text().await.unwrap().contains("/r/"), "the page shows the new link");
    }

    async fn every_response_carries_the_csp_nosniff_and_referrer_policy_headers(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let anon = app.browser();
        let jid = w.journey.id;
        let hash = mot_server::web::assets::Assets::shared().hash.clone();
        let gets = [
            (&anon, "/".to_string()),
            (&anon, "/login".into()),
            (&anon, "/setup".into()),
            (&anon, "/join".into()),
            (&anon, "/healthz".into()),
            (&anon, "/favicon.ico".into()),
            (&anon, format!("/static/{hash}/app.css")),
            (&anon, format!("/static/{hash}/board.js")),
            (&anon, "/api/v1/openapi.json".into()),
            (&anon, "/api/v1/me".into()),
            (&anon, "/api/v1/nothing".into()),
            (&anon, "/nothing".into()),
            (&anon, "/logout".into()),
            (&owner, "/".into()),
            (&owner, format!("/j/{jid}")),
            (&owner, format!("/j/{jid}/share")),
            (&owner, format!("/b/{}/channels.css", w.business.id)),
        ];
        for (b, path) in gets {
            let res = b.get(&path).await;
            assert_security_headers(&res, &format!("GET {path} ({})", res.status()));
        }
        let res = app.api(&w.owner_token).client.get(app.url("/api/v1/me")).bearer_auth(&w.owner_token).send().await.unwrap();
        assert_security_headers(&res, "an API answer");
        let res = owner.submit(&format!("/j/{jid}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "ok")]).await;
        assert_security_headers(&res, "a redirect after a post");
        let res = owner.fetch(&format!("/j/{jid}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "ok")]).await;
        assert_security_headers(&res, "a fetch answer");
        let res = owner.submit("/businesses", &[("name", &too_big())]).await;
        assert_security_headers(&res, "a 413");
        let res = owner.post("/businesses", &[("name", "x")]).await;
        assert_security_headers(&res, "a 403");
    }
}
