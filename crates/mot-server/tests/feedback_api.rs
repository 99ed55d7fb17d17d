//! Customer feedback in the JSON API: feedback points and their reasons,
//! the figures of a journey and the customers' comments page by page, with
//! the same permissions and refusals as the pages.

#[macro_use]
mod common;

use common::*;
use mot_core::feedback::{Answer, Tally, Verdict};
use mot_core::Role;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::HashSet;

fn check(got: (StatusCode, Value), status: StatusCode, what: &str) -> Value {
    assert_eq!(got.0, status, "{what}: {}", got.1);
    if !status.is_success() {
        assert_error_body(&got.1);
    }
    got.1
}

fn close(a: &Value, b: f64, what: &str) {
    let a = a
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: a number, got {a}"));
    assert!((a - b).abs() < 0.01, "{what}: {a} is not {b}");
}

/// The token at the end of a point's customer link.
fn token_of(point: &Value) -> String {
    let url = point["url"].as_str().expect("a url");
    url.rsplit('/').next().unwrap().to_string()
}

fn answer(v: Verdict, comment: &str) -> Answer {
    Answer {
        verdict: v,
        reason: None,
        comment: comment.to_string(),
    }
}

on_both! {
    async fn the_owner_makes_lists_and_sets_the_reasons_of_feedback_points(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let (base, jid) = (&app.base, w.journey.id);
        let m = w.note(&app.store, 0, "Delivery day").await;
        let branch = app.store.add_branch(w.ws, w.business.id, "Harbour Street").await.unwrap();
        let points = format!("/api/v1/journeys/{jid}/feedback/points");
        assert_eq!(check(api.get(&points).await, StatusCode::OK, "no points yet"), json!([]));

        // Asking makes the point once; asking again answers the same one.
        let p = check(api.post(&points, json!({"moment_id": m.id})).await, StatusCode::OK, "ask");
        let pid = p["id"].as_i64().unwrap();
        assert_eq!((p["journey_id"].as_i64(), p["moment_id"].as_i64()), (Some(jid), Some(m.id)));
        assert!(p["branch_id"].is_null(), "every branch: {p}");
        let token = token_of(&p);
        assert_eq!(p["url"], format!("{base}/f/{token}"));
        assert!(token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit()), "{token}");
        assert_eq!(p["html_url"], format!("{base}/feedback/{pid}"));
        assert_eq!(p["qr_svg_url"], format!("{base}/feedback/{pid}/qr.svg"));
        assert_eq!((p["reasons"].clone(), p["closed"].clone()), (json!([]), json!(false)));
        let again = check(api.post(&points, json!({"moment_id": m.id, "branch_id": null})).await, StatusCode::OK, "ask again");
        assert_eq!(again, p, "the same point");
        let at_branch = check(api.post(&points, json!({"moment_id": m.id, "branch_id": branch.id})).await, StatusCode::OK, "ask a branch");
        assert_ne!(at_branch["id"], p["id"]);
        assert_eq!(at_branch["branch_id"], branch.id);
        // The answer holds a secret link: no cache keeps it.
        let res = api.client.get(app.url(&points)).bearer_auth(&w.owner_token).send().await.unwrap();
        assert_eq!(res.headers()[reqwest::header::CACHE_CONTROL], "no-store");
        let list = check(api.get(&points).await, StatusCode::OK, "list");
        assert_eq!(list, json!([p, at_branch]), "oldest first");
        // The link is the customer's page.
        let page = ok_page(app.browser().get(&format!("/f/{token}")).await, "the customer's page").await;
        assert!(page.contains("Delivery day"));

        // Reasons: trimmed, empty ones dropped, a repeat kept once.
        let reasons = format!("/api/v1/feedback/points/{pid}/reasons");
        let put = |body: Value| api.call(Method::PUT, &reasons, Some(body));
        let p = check(put(json!({"reasons": ["Waiting time", " Friendliness ", "", "Waiting time"]})).await, StatusCode::OK, "reasons");
        assert_eq!(p["reasons"], json!(["Waiting time", "Friendliness"]));
        assert_eq!(p["id"], pid);
        // Nine, a long one, one of two lines, no list: refused, nothing changed.
        let nine: Vec<String> = (0..9).map(|i| format!("Reason {i}")).collect();
        for (body, what) in [
            (json!({"reasons": nine}), "nine reasons"),
            (json!({"reasons": ["x".repeat(41)]}), "a reason of 41 characters"),
            (json!({"reasons": ["Waiting\ntime"]}), "a reason of two lines"),
            (json!({"reasons": "Waiting time"}), "not a list"),
            (json!({}), "no reasons"),
        ] {
            check(put(body).await, StatusCode::UNPROCESSABLE_ENTITY, what);
        }
        assert_eq!(app.store.feedback_point_by_id(w.ws, pid).await.unwrap().reasons, ["Waiting time", "Friendliness"]);
        let eight: Vec<String> = (0..8).map(|i| format!("Reason {i}")).collect();
        let p = check(put(json!({"reasons": eight})).await, StatusCode::OK, "eight reasons");
        assert_eq!(p["reasons"].as_array().unwrap().len(), 8);
        assert_eq!(check(put(json!({"reasons": []})).await, StatusCode::OK, "none")["reasons"], json!([]));

        // A moment of another journey, a branch of another business, no moment: not this journey's.
        let second = app.store.create_journey(w.ws, w.business.id, "Second", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        check(api.post(&format!("/api/v1/journeys/{}/feedback/points", second.id), json!({"moment_id": m.id})).await, StatusCode::NOT_FOUND, "a moment of another journey");
        let elsewhere = World::new(&app.store, "Other").await;
        let theirs = app.store.add_branch(elsewhere.ws, elsewhere.business.id, "Elsewhere").await.unwrap();
        check(api.post(&points, json!({"moment_id": m.id, "branch_id": theirs.id})).await, StatusCode::NOT_FOUND, "another business's branch");
        check(api.post(&points, json!({"branch_id": branch.id})).await, StatusCode::UNPROCESSABLE_ENTITY, "no moment");
        check(api.post(&points, json!({"moment_id": "one"})).await, StatusCode::UNPROCESSABLE_ENTITY, "a moment that is no id");
        assert_eq!(app.store.feedback_points(w.ws, jid).await.unwrap().len(), 2, "nothing else was made");
    }

    async fn a_member_is_refused_as_on_the_page_and_another_workspace_finds_nothing(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let m = w.note(&app.store, 0, "Acme secret moment").await;
        let point = app.store.feedback_point(w.ws, m.id, None).await.unwrap();
        app.store.answer_feedback(&point.token, answer(Verdict::Better, "Acme was lovely"), "en", "k1").await.unwrap();
        let points = format!("/api/v1/journeys/{jid}/feedback/points");
        let reasons = format!("/api/v1/feedback/points/{}/reasons", point.id);
        let figures = format!("/api/v1/journeys/{jid}/feedback/figures");
        let comments = format!("/api/v1/journeys/{jid}/feedback/comments");

        // A member reads the figures and comments but hands out no links.
        let pat = w.person(&app.store, Role::Member).await;
        let (api, page) = (app.api(&pat.token), app.signed_in(w.ws, pat.user.id).await);
        same_refusal(
            "a member asking customers",
            page.submit(&format!("/j/{jid}/feedback/ask"), &[("moment_id", &m.id.to_string())]).await,
            api.post(&points, json!({"moment_id": m.id})).await,
        )
        .await;
        same_refusal(
            "a member setting reasons",
            page.submit(&format!("/feedback/{}/reasons", point.id), &[("reasons", "Price")]).await,
            api.call(Method::PUT, &reasons, Some(json!({"reasons": ["Price"]}))).await,
        )
        .await;
        check(api.get(&points).await, StatusCode::FORBIDDEN, "a member listing points");
        assert_eq!(check(api.get(&figures).await, StatusCode::OK, "a member's figures")[0]["answers"], 1);
        assert_eq!(check(api.get(&comments).await, StatusCode::OK, "a member's comments")["items"][0]["comment"], "Acme was lovely");
        let viewer = app.api(&w.person(&app.store, Role::Viewer).await.token);
        check(viewer.post(&points, json!({"moment_id": m.id})).await, StatusCode::FORBIDDEN, "a viewer asking");

        // Another workspace's owner finds nothing of this one, and changes nothing.
        let other = World::new(&app.store, "Rival").await;
        let rival = app.api(&other.owner_token);
        for (method, path, body) in [
            (Method::GET, points.clone(), None),
            (Method::POST, points.clone(), Some(json!({"moment_id": m.id}))),
            (Method::POST, format!("/api/v1/journeys/{}/feedback/points", other.journey.id), Some(json!({"moment_id": m.id}))),
            (Method::PUT, reasons.clone(), Some(json!({"reasons": ["Stolen"]}))),
            (Method::GET, figures.clone(), None),
            (Method::GET, comments.clone(), None),
            (Method::GET, format!("{comments}?moment={}", m.id), None),
        ] {
            let (status, answer) = rival.call(method.clone(), &path, body).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {answer}");
            assert_error_body(&answer);
            assert!(!answer.to_string().contains("Acme"), "nothing of ours is shown: {answer}");
        }
        assert_eq!(app.store.feedback_points(w.ws, jid).await.unwrap(), vec![point.clone()], "nothing changed");
        assert!(app.store.feedback_points(other.ws, other.journey.id).await.unwrap().is_empty());
    }

    async fn the_figures_count_answers_by_branch_with_the_score_its_interval_and_the_gap(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let jid = w.journey.id;
        let branch = app.store.add_branch(w.ws, w.business.id, "Harbour Street").await.unwrap();
        let m = w.note(&app.store, 0, "Delivery day").await;
        let calm = w.note(&app.store, 1, "Pays at the till").await;
        let p = check(api.post(&format!("/api/v1/journeys/{jid}/feedback/points"), json!({"moment_id": m.id, "branch_id": branch.id})).await, StatusCode::OK, "ask");
        let token = token_of(&p);
        // 8 worse, 7 as expected, 15 better: score 100 × (15 − 8) / 30 = 23.33.
        for i in 0..30 {
            let v = match i { 0..8 => Verdict::Worse, 8..15 => Verdict::AsExpected, _ => Verdict::Better };
            assert!(app.store.answer_feedback(&token, answer(v, ""), "en", &format!("k{i}")).await.unwrap());
        }
        team_rates(&app, &w, m.id, mot_core::session::Rating::Magical).await;
        let figures = format!("/api/v1/journeys/{jid}/feedback/figures");
        let all = check(api.get(&figures).await, StatusCode::OK, "figures");
        assert_eq!(all.as_array().unwrap().len(), 2, "every moment: {all}");
        let f = &all[0];
        assert_eq!((f["moment_id"].as_i64(), f["title"].as_str()), (Some(m.id), Some("Delivery day")));
        assert_eq!((f["answers"].as_u64(), f["worse"].as_u64(), f["as_expected"].as_u64(), f["better"].as_u64()), (Some(30), Some(8), Some(7), Some(15)));
        close(&f["score"], 23.33, "the score");
        assert_eq!(f["enough"], true, "30 answers are enough to tell");
        // The score's interval: the Wilson interval of the mean verdict,
        // (15 + 7/2) / 30 = 0.6167, over 30 answers: 0.4391 … 0.7678,
        // stretched to −100 … +100.
        close(&f["interval"]["low"], -12.18, "the interval's low end");
        close(&f["interval"]["high"], 53.55, "the interval's high end");
        let core = Tally { worse: 8, as_expected: 7, better: 15 }.score_interval().unwrap();
        assert_eq!((f["interval"]["low"].as_f64(), f["interval"]["high"].as_f64()), (Some(core.low), Some(core.high)), "as core computes it");
        // Each share with its Wilson interval: better 15 of 30 = 0.5, by hand
        // 0.5 ± 1.96 × √(0.25/30 + 1.96²/3600) / (1 + 1.96²/30) = 0.3315 … 0.6685.
        // (A Wald interval, 0.3211 … 0.6789, would be told apart.)
        let near = |v: &Value, b: f64, what: &str| assert!((v.as_f64().unwrap() - b).abs() < 1e-4, "{what}: {v} is not {b}");
        near(&f["shares"]["better"]["share"], 0.5, "the share of better");
        near(&f["shares"]["better"]["low"], 0.3315, "its low end");
        near(&f["shares"]["better"]["high"], 0.6685, "its high end");
        let worse = Tally { worse: 8, as_expected: 7, better: 15 }.share_interval(Verdict::Worse).unwrap();
        near(&f["shares"]["worse"]["low"], worse.low, "as core computes it");
        near(&f["shares"]["worse"]["high"], worse.high, "as core computes it");
        assert!(f["shares"]["as_expected"]["share"].as_f64().is_some());
        // The team says Magical (+100), above the interval: a blind spot of 76.67 points.
        assert_eq!(f["team_rating"], "magical");
        assert!(f["audit_score"].is_null());
        assert_eq!(f["gap"]["kind"], "blind_spot", "{f}");
        close(&f["gap"]["points"], 76.67, "the gap");
        let b = &f["branches"];
        assert_eq!(b.as_array().unwrap().len(), 1, "{b}");
        assert_eq!((b[0]["branch_id"].as_i64(), b[0]["answers"].as_u64(), b[0]["worse"].as_u64(), b[0]["as_expected"].as_u64(), b[0]["better"].as_u64()), (Some(branch.id), Some(30), Some(8), Some(7), Some(15)));
        close(&b[0]["score"], 23.33, "the branch's score");
        // A moment nobody answered about: no score, no interval, no gap.
        let c = &all[1];
        assert_eq!((c["moment_id"].as_i64(), c["answers"].as_u64(), c["enough"].as_bool()), (Some(calm.id), Some(0), Some(false)));
        for field in ["score", "interval", "shares", "gap", "team_rating", "audit_score"] {
            assert!(c[field].is_null(), "{field}: {c}");
        }
        assert_eq!(c["branches"], json!([]));
        // The period: today is in the last day; nothing else is a period.
        let today = check(api.get(&format!("{figures}?days=1")).await, StatusCode::OK, "the last day");
        assert_eq!(today[0]["answers"], 30);
        check(api.get(&format!("{figures}?days=3660")).await, StatusCode::OK, "ten years");
        for bad in ["0", "3661", "-5"] {
            check(api.get(&format!("{figures}?days={bad}")).await, StatusCode::UNPROCESSABLE_ENTITY, bad);
        }
        check(api.get(&format!("{figures}?days=abc")).await, StatusCode::BAD_REQUEST, "a period that is no number");
    }

    async fn comments_come_newest_first_a_page_at_a_time_by_key_set(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let jid = w.journey.id;
        let m = w.note(&app.store, 0, "Delivery day").await;
        let other_moment = w.note(&app.store, 1, "Pays at the till").await;
        let point = app.store.feedback_point(w.ws, m.id, None).await.unwrap();
        let quiet = app.store.feedback_point(w.ws, other_moment.id, None).await.unwrap();
        for i in 0..120 {
            let v = if i % 3 == 0 { Verdict::Worse } else { Verdict::Better };
            app.store.answer_feedback(&point.token, answer(v, &format!("Comment {i:03}")), "en", &format!("c{i}")).await.unwrap();
        }
        // Answers without a comment are not comments.
        for i in 0..5 {
            app.store.answer_feedback(&quiet.token, answer(Verdict::AsExpected, ""), "en", &format!("s{i}")).await.unwrap();
        }
        let base = format!("/api/v1/journeys/{jid}/feedback/comments");
        let mut seen: Vec<i64> = Vec::new();
        let mut sizes = Vec::new();
        let mut before: Option<i64> = None;
        loop {
            let path = match before { None => format!("{base}?limit=50"), Some(b) => format!("{base}?limit=50&before={b}") };
            let page = check(api.get(&path).await, StatusCode::OK, &path);
            let items = page["items"].as_array().unwrap();
            sizes.push(items.len());
            seen.extend(items.iter().map(|c| c["id"].as_i64().unwrap()));
            match page["next_before"].as_i64() {
                Some(next) => {
                    assert_eq!(Some(next), items.last().and_then(|c| c["id"].as_i64()), "the last item's id");
                    before = Some(next);
                }
                None => break,
            }
            assert!(sizes.len() < 5, "the pages end");
        }
        assert_eq!(sizes, [50, 50, 20]);
        assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 120, "none twice");
        assert!(seen.windows(2).all(|p| p[0] > p[1]), "newest first");
        let first = check(api.get(&base).await, StatusCode::OK, "the first page");
        let items = first["items"].as_array().unwrap();
        assert_eq!(items.len(), 50, "fifty by default");
        assert_eq!(items[0]["comment"], "Comment 119");
        assert_eq!((items[0]["moment_id"].as_i64(), items[0]["verdict"].as_str()), (Some(m.id), Some("better")), "119 is no multiple of 3");
        assert!(items[0]["branch_id"].is_null() && items[0]["reason"].is_null(), "{}", items[0]);
        assert!(items[0]["created_at"].as_i64().unwrap() > 0);
        assert_eq!(first["next_before"], items[49]["id"]);
        let all = check(api.get(&format!("{base}?limit=200")).await, StatusCode::OK, "two hundred at most");
        assert_eq!((all["items"].as_array().unwrap().len(), all["next_before"].clone()), (120, Value::Null));

        // Filters narrow the list.
        let count = |q: &str| {
            let path = format!("{base}?limit=200&{q}");
            let api = &api;
            async move { check(api.get(&path).await, StatusCode::OK, &path)["items"].as_array().unwrap().len() }
        };
        assert_eq!(count("verdict=worse").await, 40);
        assert_eq!(count("verdict=better").await, 80);
        assert_eq!(count(&format!("moment={}", m.id)).await, 120);
        assert_eq!(count(&format!("moment={}", other_moment.id)).await, 0);
        assert_eq!(count("branch=all").await, 120);
        assert_eq!(count("q=comment+11").await, 10);
        assert_eq!(count("verdict=worse&q=COMMENT+00").await, 4);

        // What is no answer, branch or limit is refused; so is what is no
        // number, or a value given empty (leave it out for "any").
        for bad in ["verdict=great", "limit=201", "limit=0", "branch=main"] {
            check(api.get(&format!("{base}?{bad}")).await, StatusCode::UNPROCESSABLE_ENTITY, bad);
        }
        for bad in ["limit=many", "moment=abc", "before=x", "branch=", "verdict=", "moment="] {
            check(api.get(&format!("{base}?{bad}")).await, StatusCode::BAD_REQUEST, bad);
        }
        assert_eq!(count("reason=&q=").await, 120, "no reason and no words are any");
    }

    async fn every_answer_with_words_or_without_is_listed_a_page_at_a_time(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let m = w.note(&app.store, 0, "Delivery day").await;
        let point = app.store.feedback_point(w.ws, m.id, None).await.unwrap();
        // Seven answers: three with a comment, four without; one more flagged.
        for i in 0..7 {
            let words = if i < 3 { format!("Comment {i}") } else { String::new() };
            app.store.answer_feedback(&point.token, answer(Verdict::ALL[i % 3], &words), "en", &format!("a{i}")).await.unwrap();
        }
        app.store.answer_feedback_flagged(&point.token, answer(Verdict::Worse, ""), "en", "robot", "honeypot").await.unwrap();
        let base = format!("/api/v1/journeys/{}/feedback/answers", w.journey.id);
        let mut seen = Vec::new();
        let mut path = format!("{base}?limit=3");
        loop {
            let page = check(api.get(&path).await, StatusCode::OK, &path);
            let items = page["items"].as_array().unwrap();
            seen.extend(items.iter().map(|a| (a["id"].as_i64().unwrap(), a["comment"].as_str().unwrap().to_string(), a["flagged"].as_bool().unwrap())));
            match page["next_before"].as_i64() {
                Some(b) => path = format!("{base}?limit=3&before={b}"),
                None => break,
            }
            assert!(seen.len() < 20, "the pages end");
        }
        assert_eq!(seen.len(), 7, "every counted answer, with words or not: {seen:?}");
        assert!(seen.windows(2).all(|p| p[0].0 > p[1].0), "newest first");
        assert_eq!(seen.iter().filter(|a| a.1.is_empty()).count(), 4);
        assert!(seen.iter().all(|a| !a.2), "the flagged one is not counted");
        let count = |q: &str| {
            let path = format!("{base}?{q}");
            let api = &api;
            async move { check(api.get(&path).await, StatusCode::OK, &path)["items"].as_array().unwrap().len() }
        };
        assert_eq!(count("verdict=worse").await, 3);
        assert_eq!(count("flagged=true").await, 1, "the flagged answers, to review");
        assert_eq!(count("q=comment").await, 3);
        // The comments are the three with words.
        let comments = check(api.get(&format!("/api/v1/journeys/{}/feedback/comments", w.journey.id)).await, StatusCode::OK, "comments");
        assert_eq!(comments["items"].as_array().unwrap().len(), 3);
        // Another workspace's journey is not found.
        let other = World::new(&app.store, "Other").await;
        check(app.api(&other.owner_token).get(&base).await, StatusCode::NOT_FOUND, "another workspace's answers");
    }
}
