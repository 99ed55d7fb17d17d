//! The public answer page under a burst: past a few answers from one
//! address (or half a link's per-minute limit) an answer needs a solved
//! proof of work (the ALTCHA protocol). Without one it is refused kindly in
//! the customer's language and nothing is kept; a solution is taken once;
//! a forged one never.

#[macro_use]
mod common;

use base64::Engine;
use common::*;
use mot_server::feedback::abuse::CHALLENGE_AFTER;
use mot_store::testing::TestDb;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

/// Small, so the test solves challenges by brute force in no time.
const MAX_NUMBER: u64 = 200;

/// Serves a fresh database of the kind `postgres` says with `settings`
/// (`None` when PostgreSQL is asked for and not configured).
async fn serve(postgres: bool, settings: mot_server::Settings) -> Option<TestApp> {
    let db = if postgres {
        TestDb::postgres().await?
    } else {
        TestDb::sqlite().await
    };
    let store = db.store.clone();
    Some(TestApp::start_configured(db, store, settings).await)
}

fn easy() -> mot_server::Settings {
    mot_server::Settings {
        feedback_challenge_max: Some(MAX_NUMBER),
        ..Default::default()
    }
}

/// A feedback link for the world's first note, for every branch; its token.
async fn link(app: &TestApp, w: &World) -> String {
    let note = w.note(&app.store, 0, "Delivery day").await;
    let owner = app.signed_in(w.ws, w.owner.id).await;
    let res = owner
        .submit(
            &format!("/j/{}/feedback/ask", w.journey.id),
            &[("moment_id", &note.id.to_string()), ("branch_id", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = location(&res).trim_start_matches("/feedback/").to_string();
    let page = ok_page(
        owner.get(&format!("/feedback/{id}")).await,
        "the point's page",
    )
    .await;
    let at = page.find("/f/").expect("a feedback link on the page") + 3;
    page[at..at + 32].to_string()
}

async fn counted(app: &TestApp, w: &World) -> u64 {
    let today = mot_store::feedback_today();
    let rows = app
        .store
        .feedback_tallies(w.ws, w.journey.id, (today - 1, today))
        .await
        .unwrap();
    rows.iter().map(|r| r.tally.total()).sum()
}

/// Sends `n` answers from fresh phones on this one address; all are taken.
async fn answers(app: &TestApp, token: &str, n: u32) {
    for i in 0..n {
        let res = app
            .browser()
            .post(
                &format!("/f/{token}"),
                &[("_rid", &format!("before-{i}")), ("verdict", "better")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "answer {i}");
    }
}

/// The challenge on a question page, if it carries one.
fn challenge_in(page: &str) -> Option<serde_json::Value> {
    let at = ["challengejson=\"", "data-challenge=\""]
        .iter()
        .find_map(|attr| page.find(attr).map(|i| i + attr.len()))?;
    let end = at + page[at..].find('"').unwrap();
    let json = page[at..end].replace("&quot;", "\"").replace("&amp;", "&");
    Some(serde_json::from_str(&json).expect("the challenge is JSON"))
}

/// What the widget sends for challenge `c` answered with `number`.
fn payload(c: &serde_json::Value, number: u64, signature: &str) -> String {
    let json = serde_json::json!({
        "algorithm": c["algorithm"], "challenge": c["challenge"], "number": number,
        "salt": c["salt"], "signature": signature, "took": 3,
    });
    base64::engine::general_purpose::STANDARD.encode(json.to_string())
}

/// Solves `c` as a phone does: every number in turn.
fn solve(c: &serde_json::Value) -> String {
    let salt = c["salt"].as_str().unwrap();
    let max = c["maxnumber"].as_u64().unwrap();
    assert_eq!(max, MAX_NUMBER, "the difficulty is the setting's");
    let number = (0..=max)
        .find(|n| hex::encode(Sha256::digest(format!("{salt}{n}"))) == c["challenge"])
        .expect("a number below maxnumber solves it");
    payload(c, number, c["signature"].as_str().unwrap())
}

async fn question(app: &TestApp, token: &str, lang: &str) -> String {
    question_with(app, token, ("accept-language", lang)).await
}

/// The question page asked for with one header more (a language, or the
/// client a reverse proxy forwards it for).
async fn question_with(app: &TestApp, token: &str, (name, value): (&str, &str)) -> String {
    let res = app
        .browser()
        .client
        .get(app.url(&format!("/f/{token}")))
        .header(name, value)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap()
}

async fn post(
    app: &TestApp,
    token: &str,
    lang: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let res = app
        .browser()
        .client
        .post(app.url(&format!("/f/{token}")))
        .header("accept-language", lang)
        .form(form)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn a_burst_from_one_address_asks_for_a_proof_of_work(postgres: bool) {
    let Some(app) = serve(postgres, easy()).await else {
        return;
    };
    let w = World::new(&app.store, "Acme").await;
    let token = link(&app, &w).await;
    // A few answers: no challenge on the page.
    let page = question(&app, &token, "en").await;
    assert!(challenge_in(&page).is_none(), "no burst yet: {page}");
    assert!(
        !page.contains("altcha"),
        "nothing of the widget loads: {page}"
    );
    answers(&app, &token, CHALLENGE_AFTER).await;
    assert_eq!(counted(&app, &w).await, u64::from(CHALLENGE_AFTER));

    // Now the page carries a challenge, and says without scripts that the
    // link is busy, in the customer's language.
    let page = question(&app, &token, "de").await;
    let c = challenge_in(&page).expect("a challenge under a burst");
    assert_eq!(c["algorithm"], "SHA-256");
    assert!(c["salt"].as_str().unwrap().contains("?expires="), "{c}");
    let busy = mot_i18n::text(mot_i18n::Lang::De, "feedback-busy");
    assert!(
        page.contains(&format!("<noscript><p class=\"error\">{busy}")),
        "{page}"
    );

    // An answer without a solution: a friendly 429 in German, nothing kept.
    let (status, body) = post(
        &app,
        &token,
        "de",
        &[("_rid", "no-proof"), ("verdict", "worse")],
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body.contains(busy), "{body}");
    // On the customer's page, in their language: not the staff's error page.
    assert!(
        body.contains(r#"<div class="feedback thanks refused"><h1>Einen Moment, bitte</h1>"#),
        "{body}"
    );
    assert!(!body.contains(r#"class="error""#), "{body}");
    assert_eq!(counted(&app, &w).await, u64::from(CHALLENGE_AFTER));

    // A forged signature, or a wrong number: asked again, nothing kept.
    let forged = payload(&c, 0, &"0".repeat(64));
    let (status, body) = post(
        &app,
        &token,
        "en",
        &[
            ("_rid", "forged"),
            ("verdict", "worse"),
            ("altcha", &forged),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains(mot_i18n::text(mot_i18n::Lang::En, "feedback-proof-failed")),
        "{body}"
    );
    assert!(
        challenge_in(&body).is_some(),
        "a new challenge to solve: {body}"
    );
    for garbage in ["not base64 at all", "e30="] {
        let (status, _) = post(
            &app,
            &token,
            "en",
            &[
                ("_rid", "garbage"),
                ("verdict", "worse"),
                ("altcha", garbage),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{garbage}");
    }
    assert_eq!(counted(&app, &w).await, u64::from(CHALLENGE_AFTER));

    // The solution: kept.
    let solution = solve(&c);
    let (status, body) = post(
        &app,
        &token,
        "en",
        &[
            ("_rid", "solved"),
            ("verdict", "worse"),
            ("altcha", &solution),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(counted(&app, &w).await, u64::from(CHALLENGE_AFTER) + 1);
    // The same form sent again (a retry after a lost answer) counts once.
    let (status, _) = post(
        &app,
        &token,
        "en",
        &[
            ("_rid", "solved"),
            ("verdict", "worse"),
            ("altcha", &solution),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // The same solution with another answer: refused, nothing kept.
    let (status, body) = post(
        &app,
        &token,
        "ar",
        &[
            ("_rid", "replay"),
            ("verdict", "better"),
            ("altcha", &solution),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains(mot_i18n::text(mot_i18n::Lang::Ar, "feedback-proof-used")),
        "{body}"
    );
    assert_eq!(counted(&app, &w).await, u64::from(CHALLENGE_AFTER) + 1);
}

async fn a_link_past_half_its_limit_asks_everyone_for_a_proof(postgres: bool) {
    let settings = mot_server::Settings {
        feedback_per_point_minute: Some(6),
        ..easy()
    };
    let Some(app) = serve(postgres, settings).await else {
        return;
    };
    let w = World::new(&app.store, "Acme").await;
    let token = link(&app, &w).await;
    answers(&app, &token, 3).await;
    assert!(
        challenge_in(&question(&app, &token, "en").await).is_none(),
        "half the limit is not past it"
    );
    let (status, _) = post(
        &app,
        &token,
        "en",
        &[("_rid", "fourth"), ("verdict", "worse")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let c = challenge_in(&question(&app, &token, "en").await).expect("past half the link's limit");
    let (status, _) = post(
        &app,
        &token,
        "en",
        &[("_rid", "late"), ("verdict", "worse")],
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let (status, _) = post(
        &app,
        &token,
        "en",
        &[
            ("_rid", "solved"),
            ("verdict", "worse"),
            ("altcha", &solve(&c)),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(counted(&app, &w).await, 5);
}

async fn with_the_challenge_off_a_burst_is_only_limited(postgres: bool) {
    let settings = mot_server::Settings {
        feedback_challenge_off: true,
        ..easy()
    };
    let Some(app) = serve(postgres, settings).await else {
        return;
    };
    let w = World::new(&app.store, "Acme").await;
    let token = link(&app, &w).await;
    answers(&app, &token, CHALLENGE_AFTER + 2).await;
    assert!(challenge_in(&question(&app, &token, "en").await).is_none());
    assert_eq!(counted(&app, &w).await, u64::from(CHALLENGE_AFTER) + 2);
}

/// Behind a reverse proxy every customer comes from the proxy's address:
/// with it trusted, a burst is one client's (the one `X-Forwarded-For`
/// names), not everyone's; without, the header is ignored (a client may
/// not name itself another).
async fn behind_a_trusted_proxy_a_burst_is_the_forwarded_clients(postgres: bool) {
    for trusted in [true, false] {
        let settings = mot_server::Settings {
            trusted_proxies: if trusted {
                vec!["127.0.0.1".parse().unwrap()]
            } else {
                vec![]
            },
            ..easy()
        };
        let Some(app) = serve(postgres, settings).await else {
            return;
        };
        let w = World::new(&app.store, "Acme").await;
        let token = link(&app, &w).await;
        for i in 0..CHALLENGE_AFTER {
            let res = app
                .browser()
                .client
                .post(app.url(&format!("/f/{token}")))
                .header("x-forwarded-for", "203.0.113.5")
                .form(&[
                    ("_rid", format!("flood-{i}")),
                    ("verdict", "worse".to_string()),
                ])
                .send()
                .await
                .unwrap();
            assert!(
                res.status().is_success() || res.status().is_redirection(),
                "answer {i}: {}",
                res.status()
            );
        }
        let flooder = question_with(&app, &token, ("x-forwarded-for", "203.0.113.5")).await;
        let other = question_with(&app, &token, ("x-forwarded-for", "203.0.113.6")).await;
        assert!(
            challenge_in(&flooder).is_some(),
            "the flooding client is asked for a proof (trusted: {trusted})"
        );
        if trusted {
            assert!(
                challenge_in(&other).is_none(),
                "another customer behind the proxy is not"
            );
        } else {
            assert!(
                challenge_in(&other).is_some(),
                "an untrusted header names nobody: every request is the proxy's address"
            );
        }
    }
}

async fn instances_on_one_database_share_challenges_and_the_solutions_taken(postgres: bool) {
    // Behind a load balancer, the page may come from one instance and the
    // answer go to another: a challenge one gave passes on the other, and a
    // solution taken on one is refused on every other.
    let settings = mot_server::Settings {
        feedback_per_point_minute: Some(6),
        ..easy()
    };
    let Some(a) = serve(postgres, settings.clone()).await else {
        return;
    };
    let second = a.db.second_instance().await;
    let b = TestApp::start_configured(a.db.clone(), second, settings).await;
    let w = World::new(&a.store, "Acme").await;
    let token = link(&a, &w).await;
    // A burst on each instance (limits are each instance's own).
    answers(&a, &token, 4).await;
    for i in 0..4 {
        let (status, _) = post(
            &b,
            &token,
            "en",
            &[("_rid", &format!("b{i}")), ("verdict", "worse")],
        )
        .await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "answer {i} on the second instance"
        );
    }
    let c = challenge_in(&question(&a, &token, "en").await).expect("a burst on the first");
    let solution = solve(&c);
    let (status, body) = post(
        &b,
        &token,
        "en",
        &[
            ("_rid", "solved"),
            ("verdict", "better"),
            ("altcha", &solution),
        ],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "the first's challenge passes on the second: {body}"
    );
    let (status, body) = post(
        &a,
        &token,
        "de",
        &[
            ("_rid", "replay"),
            ("verdict", "better"),
            ("altcha", &solution),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains(mot_i18n::text(mot_i18n::Lang::De, "feedback-proof-used")),
        "{body}"
    );
    assert_eq!(counted(&a, &w).await, 9);
}

macro_rules! both {
    ($($name:ident),*) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                crate::common::within_test(super::$name(false)).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                crate::common::within_test(super::$name(true)).await;
            }
        }
    )*};
}

both!(
    a_burst_from_one_address_asks_for_a_proof_of_work,
    a_link_past_half_its_limit_asks_everyone_for_a_proof,
    with_the_challenge_off_a_burst_is_only_limited,
    behind_a_trusted_proxy_a_burst_is_the_forwarded_clients,
    instances_on_one_database_share_challenges_and_the_solutions_taken
);
