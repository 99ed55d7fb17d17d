//! How many answers the public feedback page takes a minute, per address
//! and per feedback link: settings (`--feedback-per-minute`,
//! `--feedback-per-point-minute`) with the defaults of `state.rs`.

#[macro_use]
mod common;

use common::*;
use mot_server::state::{FEEDBACK_PER_MINUTE, FEEDBACK_PER_POINT_MINUTE};
use mot_store::testing::TestDb;
use reqwest::StatusCode;

/// Serves a fresh database of the kind `postgres` says with `settings`
/// (`None` when PostgreSQL is asked for and not configured).
async fn serve(postgres: bool, mut settings: mot_server::Settings) -> Option<TestApp> {
    // The limits alone: the proof of work a burst asks for first is
    // tested in feedback_abuse.rs.
    settings.feedback_challenge_off = true;
    let db = if postgres {
        TestDb::postgres().await?
    } else {
        TestDb::sqlite().await
    };
    let store = db.store.clone();
    Some(TestApp::start_configured(db, store, settings).await)
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

/// Sends `n` answers from fresh phones (no cookie, each its own form) on
/// this one address; the statuses, in order.
async fn answers(app: &TestApp, token: &str, n: u32) -> Vec<StatusCode> {
    let mut out = Vec::new();
    for i in 0..n {
        let phone = app.browser();
        let res = phone
            .post(
                &format!("/f/{token}"),
                &[("_rid", &format!("limit-{i}")), ("verdict", "better")],
            )
            .await;
        out.push(res.status());
    }
    out
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

async fn a_raised_address_limit_lets_more_answers_in(postgres: bool) {
    let settings = mot_server::Settings {
        feedback_per_minute: Some(FEEDBACK_PER_MINUTE + 10),
        ..Default::default()
    };
    let Some(app) = serve(postgres, settings).await else {
        return;
    };
    let w = World::new(&app.store, "Acme").await;
    let token = link(&app, &w).await;
    let statuses = answers(&app, &token, FEEDBACK_PER_MINUTE + 11).await;
    let (taken, last) = statuses.split_at(statuses.len() - 1);
    assert!(
        taken.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{taken:?}"
    );
    assert_eq!(last, [StatusCode::TOO_MANY_REQUESTS]);
    assert_eq!(counted(&app, &w).await, u64::from(FEEDBACK_PER_MINUTE + 10));
}

async fn the_default_address_limit_refuses_the_answer_past_it(postgres: bool) {
    let Some(app) = serve(postgres, mot_server::Settings::default()).await else {
        return;
    };
    let w = World::new(&app.store, "Acme").await;
    let token = link(&app, &w).await;
    let statuses = answers(&app, &token, FEEDBACK_PER_MINUTE + 1).await;
    let (taken, last) = statuses.split_at(statuses.len() - 1);
    assert!(
        taken.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{taken:?}"
    );
    assert_eq!(last, [StatusCode::TOO_MANY_REQUESTS]);
    assert_eq!(counted(&app, &w).await, u64::from(FEEDBACK_PER_MINUTE));
}

async fn a_lowered_link_limit_refuses_the_answer_past_it(postgres: bool) {
    // The address limit is raised well past the link's, so the link's refuses.
    let settings = mot_server::Settings {
        feedback_per_minute: Some(FEEDBACK_PER_POINT_MINUTE),
        feedback_per_point_minute: Some(5),
        ..Default::default()
    };
    let Some(app) = serve(postgres, settings).await else {
        return;
    };
    let w = World::new(&app.store, "Acme").await;
    let token = link(&app, &w).await;
    let statuses = answers(&app, &token, 6).await;
    assert_eq!(statuses[..5], [StatusCode::SEE_OTHER; 5]);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(counted(&app, &w).await, 5);
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
    a_raised_address_limit_lets_more_answers_in,
    the_default_address_limit_refuses_the_answer_past_it,
    a_lowered_link_limit_refuses_the_answer_past_it
);
