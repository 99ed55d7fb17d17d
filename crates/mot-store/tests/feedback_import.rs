//! Importing customers' answers from a file, on SQLite and PostgreSQL: the
//! same rows imported again add nothing, the roll-ups equal a count of the
//! answers, and an import that fails midway leaves nothing behind.

use mot_core::feedback::import::ImportRow;
use mot_core::feedback::{Tally, Verdict};
use mot_core::{Actor, BoardCommand, Id, Role};
use mot_store::{random_token, ImportBatch, ImportEnd, Store, StoreError};
use tokio::sync::mpsc;

type Db = mot_store::testing::TestDb;

macro_rules! on_both {
    ($(async fn $name:ident($db:ident) $body:block)*) => {$(
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let $db = Db::sqlite().await;
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let Some($db) = Db::postgres().await else { return };
                $body
            }
        }
    )*};
}

/// A workspace with a journey of two moments, and a branch.
struct World {
    ws: Id,
    journey: Id,
    moments: Vec<Id>,
    branch: Id,
}

async fn world(store: &Store) -> World {
    let ws = store.create_workspace("Acme").await.unwrap().id;
    let owner = store
        .create_user(
            ws,
            &format!("o-{}@example.com", &random_token()[..8]),
            "Olive",
            "phc",
            Role::Owner,
        )
        .await
        .unwrap();
    let actor = Actor::Member {
        user_id: owner.id,
        role: Role::Owner,
    };
    let business = store.create_business(ws, "Bakery").await.unwrap().id;
    let journey = store
        .create_journey(
            ws,
            business,
            "Buys bread",
            &random_token()[..8],
            &random_token(),
        )
        .await
        .unwrap()
        .id;
    let stage = store.stages(ws, journey).await.unwrap()[0].id;
    for title in ["Greeting", "Paying"] {
        store
            .apply(
                ws,
                journey,
                actor,
                "Olive",
                BoardCommand::AddMoment {
                    stage_id: stage,
                    channel_id: None,
                    title: title.into(),
                    description: String::new(),
                },
            )
            .await
            .unwrap();
    }
    let moments = store
        .moments(ws, journey)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    let branch = store
        .add_branch(ws, business, "Harbour Street")
        .await
        .unwrap()
        .id;
    World {
        ws,
        journey,
        moments,
        branch,
    }
}

/// `n` rows over both moments, with and without the branch, over a few
/// days; row `i` has the key `k{i}`.
fn rows(w: &World, n: usize) -> Vec<ImportRow> {
    let today = mot_store::feedback_today();
    (0..n)
        .map(|i| ImportRow {
            moment_id: w.moments[i % 2],
            branch_id: (i % 3 == 0).then_some(w.branch),
            verdict: Verdict::ALL[i % 3],
            comment: if i % 4 == 0 {
                format!("comment {i}")
            } else {
                String::new()
            },
            day: today - (i % 5) as i64,
            at: (today - (i % 5) as i64) * 86_400_000 + i as i64,
            key: format!("k{i}"),
        })
        .collect()
}

/// Imports `rows` in batches of 100, then ends with `end`.
async fn import(
    store: &Store,
    w: &World,
    rows: Vec<ImportRow>,
    end: Option<ImportEnd>,
) -> Result<mot_store::FeedbackImport, StoreError> {
    let (tx, rx) = mpsc::channel(4);
    let sender = tokio::spawn(async move {
        for chunk in rows.chunks(100) {
            if tx.send(ImportBatch::Rows(chunk.to_vec())).await.is_err() {
                return;
            }
        }
        if let Some(end) = end {
            let _ = tx.send(ImportBatch::Done(end)).await;
        }
    });
    let out = store
        .import_feedback(w.ws, w.journey, None, "answers.csv", rx)
        .await;
    sender.await.unwrap();
    out
}

fn total(t: &Tally) -> u64 {
    t.worse + t.as_expected + t.better
}

on_both! {
    async fn a_reimport_adds_nothing_and_the_roll_ups_equal_a_count_of_the_answers(db) {
        let store = &db.store;
        let w = world(store).await;
        let first = import(store, &w, rows(&w, 1_234), Some(ImportEnd { refused: 2, refusals: "line,reason\n3,bad\n".into(), all_or_nothing: false })).await.unwrap();
        assert_eq!((first.imported, first.already, first.refused), (1_234, 0, 2));
        assert_eq!(store.feedback_import_refusals(w.ws, first.id).await.unwrap(), "line,reason\n3,bad\n");
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!(rolled, counted);
        assert_eq!(total(&counted), 1_234);
        // The answers went to one point per moment and branch.
        assert_eq!(store.feedback_points(w.ws, w.journey).await.unwrap().len(), 4);

        // The same file again, and 10 new rows after it.
        let again = import(store, &w, rows(&w, 1_244), Some(ImportEnd::default())).await.unwrap();
        assert_eq!((again.imported, again.already, again.refused), (10, 1_234, 0));
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 1_244);
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!(rolled, counted);
        assert_eq!(total(&rolled), 1_244);
        assert_eq!(store.feedback_points(w.ws, w.journey).await.unwrap().len(), 4);
        // The results read the roll-ups: today's answers of the first moment.
        let today = mot_store::feedback_today();
        let tallies = store.feedback_tallies(w.ws, w.journey, (today - 10, today)).await.unwrap();
        let sum: u64 = tallies.iter().map(|t| total(&t.tally)).sum();
        assert_eq!(sum, 1_244);
    }

    async fn an_import_that_fails_midway_leaves_nothing_behind(db) {
        let store = &db.store;
        let w = world(store).await;
        // The reader finds undecodable bytes after 300 rows.
        let (tx, rx) = mpsc::channel(4);
        let batch = rows(&w, 300);
        let sender = tokio::spawn(async move {
            tx.send(ImportBatch::Rows(batch)).await.unwrap();
            tx.send(ImportBatch::Failed(mot_core::RuleError::invalid("file", mot_core::Msg::new("feedback-import-undecodable")))).await.unwrap();
        });
        let err = store.import_feedback(w.ws, w.journey, None, "x.csv", rx).await.unwrap_err();
        sender.await.unwrap();
        assert!(matches!(err, StoreError::Rule(_)), "{err:?}");
        // The reader stops without saying it is done (it panicked, say).
        let err = import(store, &w, rows(&w, 300), None).await.unwrap_err();
        assert!(matches!(err, StoreError::CommitFailed(_)), "{err:?}");
        // A moment of another journey among good rows.
        let other = world(store).await;
        let mut mixed = rows(&w, 260);
        mixed[255].moment_id = other.moments[0];
        let err = import(store, &w, mixed, Some(ImportEnd::default())).await.unwrap_err();
        assert!(matches!(err, StoreError::NotFound("moment")), "{err:?}");
        // All or nothing, and a line was refused.
        let err = import(store, &w, rows(&w, 10), Some(ImportEnd { refused: 1, refusals: String::new(), all_or_nothing: true })).await.unwrap_err();
        assert_eq!(err_key(&err), mot_store::IMPORT_SOME_REFUSED);
        // Not a row to import.
        let err = import(store, &w, Vec::new(), Some(ImportEnd { refused: 3, ..ImportEnd::default() })).await.unwrap_err();
        assert_eq!(err_key(&err), mot_store::IMPORT_NO_ROWS);

        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 0);
        assert!(store.feedback_points(w.ws, w.journey).await.unwrap().is_empty(), "no point was made");
        let (rolled, _) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!(rolled, Tally::default());
        // The store still takes an import after all that.
        let ok = import(store, &w, rows(&w, 5), Some(ImportEnd::default())).await.unwrap();
        assert_eq!(ok.imported, 5);
    }

    async fn an_import_is_read_back_only_in_its_own_workspace(db) {
        let store = &db.store;
        let w = world(store).await;
        let other = world(store).await;
        let done = import(store, &w, rows(&w, 3), Some(ImportEnd::default())).await.unwrap();
        assert!(matches!(store.feedback_import(other.ws, done.id).await, Err(StoreError::NotFound(_))));
        assert!(matches!(store.feedback_import_refusals(other.ws, done.id).await, Err(StoreError::NotFound(_))));
        // Nor may an import put answers into another workspace's journey.
        let err = store_import_into(store, other.ws, w.journey, rows(&w, 3)).await;
        assert!(matches!(err, Err(StoreError::NotFound(_))), "{err:?}");
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 3);
    }
}

fn err_key(e: &StoreError) -> &'static str {
    match e {
        StoreError::Rule(r) => r.msg().key,
        other => panic!("{other:?}"),
    }
}

async fn store_import_into(
    store: &Store,
    ws: Id,
    journey: Id,
    rows: Vec<ImportRow>,
) -> Result<mot_store::FeedbackImport, StoreError> {
    let (tx, rx) = mpsc::channel(2);
    tx.send(ImportBatch::Rows(rows)).await.unwrap();
    tx.send(ImportBatch::Done(ImportEnd::default()))
        .await
        .unwrap();
    drop(tx);
    store.import_feedback(ws, journey, None, "x.csv", rx).await
}
