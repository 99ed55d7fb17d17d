//! Importing customers' answers from a file, on SQLite and PostgreSQL: the
//! same rows imported again add nothing, the roll-ups equal a count of the
//! answers, and an import that fails midway (after slices of it were
//! committed, on SQLite) leaves nothing behind.

use mot_core::feedback::import::{ImportKey, ImportRow};
use mot_core::feedback::{Tally, Verdict};
use mot_core::{Actor, BoardCommand, Id, Role};
use mot_store::{random_token, ImportEnd, ImportStage, ImportStatus, Store, StoreError};

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
/// days; each row its own fingerprint.
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
            key: fp(i as i64 * 7_919 + 1),
        })
        .collect()
}

fn fp(hash: i64) -> ImportKey {
    ImportKey {
        hash,
        numbered: true,
    }
}

/// `rows` staged as lines 2, 3, … of a file.
fn stage(rows: &[ImportRow]) -> ImportStage {
    let mut stage =
        ImportStage::create(&std::env::temp_dir().join("mot-store-import-tests")).unwrap();
    for (i, r) in rows.iter().enumerate() {
        stage.push(i as u64 + 2, r).unwrap();
    }
    stage
}

/// Imports `rows` into the world's journey, the file's reading ended with `end`.
async fn import(
    store: &Store,
    w: &World,
    rows: Vec<ImportRow>,
    end: ImportEnd,
) -> Result<mot_store::FeedbackImport, StoreError> {
    store_import_into(store, w.ws, w.journey, rows, end).await
}

fn total(t: &Tally) -> u64 {
    t.worse + t.as_expected + t.better
}

on_both! {
    async fn a_reimport_adds_nothing_and_the_roll_ups_equal_a_count_of_the_answers(db) {
        let store = &db.store;
        let w = world(store).await;
        let first = import(store, &w, rows(&w, 1_234), ImportEnd { refused: 2, refusals: "line,reason\n3,bad\n".into(), all_or_nothing: false, days: Some((20_000, 20_010)) }).await.unwrap();
        assert_eq!((first.imported, first.already, first.refused), (1_234, 0, 2));
        assert_eq!(first.days, Some((20_000, 20_010)), "the days it read, kept with it");
        assert_eq!(store.feedback_import_refusals(w.ws, first.id).await.unwrap(), "line,reason\n3,bad\n");
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!(rolled, counted);
        assert_eq!(total(&counted), 1_234);
        // The answers went to one point per moment and branch.
        assert_eq!(store.feedback_points(w.ws, w.journey).await.unwrap().len(), 4);

        // The same file again, and 10 new rows after it.
        let again = import(store, &w, rows(&w, 1_244), ImportEnd::default()).await.unwrap();
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

    async fn a_larger_file_imported_again_with_more_rows_adds_only_those(db) {
        // Several slices (10,000 rows each); the new rows sort among the
        // kept ones, so most slices hold both.
        let store = &db.store;
        let w = world(store).await;
        let first = import(store, &w, rows(&w, 25_000), ImportEnd::default()).await.unwrap();
        assert_eq!((first.imported, first.already), (25_000, 0));
        let again = import(store, &w, rows(&w, 31_000), ImportEnd::default()).await.unwrap();
        assert_eq!((again.imported, again.already), (6_000, 25_000));
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 31_000);
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!(rolled, counted);
        assert_eq!(total(&rolled), 31_000);
        let today = mot_store::feedback_today();
        let tallies = store.feedback_tallies(w.ws, w.journey, (today - 10, today)).await.unwrap();
        assert_eq!(tallies.iter().map(|t| total(&t.tally)).sum::<u64>(), 31_000, "the running totals too");
    }

    async fn a_small_file_among_the_answers_of_a_large_one_is_kept_once(db) {
        // Ten rows whose keys fall among 3,000 of another file's, on the
        // same moments, branches and days: the keys kept are too many to
        // read in one sweep, so each of the ten is looked up.
        let store = &db.store;
        let w = world(store).await;
        let large = import(store, &w, rows(&w, 3_000), ImportEnd::default()).await.unwrap();
        assert_eq!(large.imported, 3_000);
        let small = || {
            rows(&w, 3_000)
                .into_iter()
                .step_by(300)
                .map(|mut r| {
                    r.key = fp(r.key.hash + 1);
                    r
                })
                .collect::<Vec<_>>()
        };
        let first = import(store, &w, small(), ImportEnd::default()).await.unwrap();
        assert_eq!((first.imported, first.already), (10, 0));
        let again = import(store, &w, small(), ImportEnd::default()).await.unwrap();
        assert_eq!((again.imported, again.already), (0, 10));
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 3_010);
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!((rolled, total(&counted)), (counted, 3_010));
    }

    async fn the_same_file_imported_twice_at_once_is_kept_once(db) {
        // Two uploads of one file at the same time (a double click): the
        // later waits for the earlier and finds its rows kept.
        let store = &db.store;
        let w = world(store).await;
        let (a, b) = tokio::join!(
            import(store, &w, rows(&w, 30_000), ImportEnd::default()),
            import(store, &w, rows(&w, 30_000), ImportEnd::default()),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!((a.status, b.status), (ImportStatus::Done, ImportStatus::Done));
        assert_eq!((a.imported + b.imported, a.already + b.already), (30_000, 30_000));
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 30_000);
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!((rolled, total(&counted)), (counted, 30_000));
    }

    async fn an_import_that_fails_midway_leaves_nothing_behind(db) {
        let store = &db.store;
        let w = world(store).await;
        let before = store.feedback_points(w.ws, w.journey).await.unwrap().len();
        // A moment of another journey after 25,000 good rows (on SQLite
        // three slices are committed before it is found).
        let other = world(store).await;
        let mut mixed = rows(&w, 25_001);
        mixed[25_000].moment_id = other.moments[0];
        mixed[25_000].key = fp(-1);
        let err = import(store, &w, mixed, ImportEnd { refused: 4, ..ImportEnd::default() }).await.unwrap_err();
        assert!(matches!(err, StoreError::NotFound("moment")), "{err:?}");
        let failed = last_import(store, &w).await;
        assert_eq!((failed.status, failed.imported, failed.refused), (ImportStatus::Failed, 0, 4));
        store.set_feedback_import_error(w.ws, failed.id, "A note was taken off the board.").await.unwrap();
        assert_eq!(store.feedback_import(w.ws, failed.id).await.unwrap().error, "A note was taken off the board.");
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 0);
        assert_eq!(store.feedback_points(w.ws, w.journey).await.unwrap().len(), before, "the points it made are gone");
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!((rolled, counted), (Tally::default(), Tally::default()));
        let today = mot_store::feedback_today();
        let tallies = store.feedback_tallies(w.ws, w.journey, (today - 10, today)).await.unwrap();
        assert_eq!(tallies.iter().map(|t| total(&t.tally)).sum::<u64>(), 0, "the running totals too");
        // A branch of another business, after good rows.
        let mut mixed = rows(&w, 12_001);
        mixed[12_000].branch_id = Some(other.branch);
        mixed[12_000].key = fp(-2);
        let err = import(store, &w, mixed, ImportEnd::default()).await.unwrap_err();
        assert!(matches!(err, StoreError::NotFound("branch")), "{err:?}");
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 0);
        assert_eq!(store.feedback_points(w.ws, w.journey).await.unwrap().len(), before, "the points it made are gone");
        // All or nothing, and a line was refused.
        let err = import(store, &w, rows(&w, 10), ImportEnd { refused: 1, refusals: String::new(), all_or_nothing: true, ..ImportEnd::default() }).await.unwrap_err();
        assert_eq!(err_key(&err), mot_store::IMPORT_SOME_REFUSED);
        // Not a row to import.
        let err = import(store, &w, Vec::new(), ImportEnd { refused: 3, ..ImportEnd::default() }).await.unwrap_err();
        assert_eq!(err_key(&err), mot_store::IMPORT_NO_ROWS);

        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 0);
        assert!(store.feedback_points(w.ws, w.journey).await.unwrap().is_empty(), "no point was made");
        let (rolled, _) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!(rolled, Tally::default());
        // The store still takes an import after all that.
        let ok = import(store, &w, rows(&w, 5), ImportEnd::default()).await.unwrap();
        assert_eq!((ok.imported, ok.status), (5, ImportStatus::Done));
    }

    async fn twins_in_a_file_are_two_answers_and_kept_once_each_on_a_reimport(db) {
        let store = &db.store;
        let w = world(store).await;
        // Three answers of one moment, branch and day; two the same.
        let mut twins = rows(&w, 3);
        for r in &mut twins {
            (r.moment_id, r.branch_id, r.comment) = (w.moments[0], None, String::new());
            (r.day, r.at) = (twins_day(), twins_day() * 86_400_000);
            r.key = fp(0x0123);
        }
        twins[2].key = fp(0x4567);
        let first = import(store, &w, twins.clone(), ImportEnd::default()).await.unwrap();
        assert_eq!((first.imported, first.already), (3, 0));
        let again = import(store, &w, twins.clone(), ImportEnd::default()).await.unwrap();
        assert_eq!((again.imported, again.already), (0, 3));
        // A third twin in a longer file is one more answer.
        twins.push(twins[0].clone());
        let more = import(store, &w, twins, ImportEnd::default()).await.unwrap();
        assert_eq!((more.imported, more.already), (1, 3));
        // The file's own id twice about one moment is one answer; about
        // another moment (a long export's next touchpoint), its answer.
        let mut ids = rows(&w, 3);
        for r in &mut ids {
            r.key = ImportKey::external("R-1");
        }
        ids[1].moment_id = w.moments[0];
        ids[2].moment_id = w.moments[1];
        let once = import(store, &w, ids.clone(), ImportEnd::default()).await.unwrap();
        assert_eq!((once.imported, once.already), (2, 1));
        let again = import(store, &w, ids, ImportEnd::default()).await.unwrap();
        assert_eq!((again.imported, again.already), (0, 3));
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!((rolled, total(&counted)), (counted, 6));
    }

    async fn an_import_is_taken_out_whole_even_when_ids_were_used_again(db) {
        let store = &db.store;
        let w = world(store).await;
        let earlier = import(store, &w, rows(&w, 5), ImportEnd::default()).await.unwrap();
        let record = store.begin_feedback_import(w.ws, w.journey, None, "b.csv", "en").await.unwrap();
        // The earlier import is taken out after this one began: on SQLite
        // its ids are given again, to this import's answers.
        store.undo_feedback_import(w.ws, earlier.id, &ImportEnd::default()).await.unwrap();
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 0);
        let mut later = rows(&w, 3);
        for r in &mut later {
            r.key.hash += 1;
        }
        let done = store
            .store_feedback_import(w.ws, record.id, stage(&later), ImportEnd::default(), Default::default())
            .await
            .unwrap();
        assert_eq!(done.imported, 3);
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 3);
        store.undo_feedback_import(w.ws, record.id, &ImportEnd::default()).await.unwrap();
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 0, "every answer of it is gone");
        let (rolled, _) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!(rolled, Tally::default());
    }

    async fn an_import_a_stopped_server_left_running_is_taken_out_at_the_next_start(db) {
        let store = &db.store;
        let w = world(store).await;
        let kept = import(store, &w, rows(&w, 7), ImportEnd::default()).await.unwrap();
        let running = store.begin_feedback_import(w.ws, w.journey, None, "cut.csv", "de").await.unwrap();
        assert_eq!((running.status, running.language.as_str()), (ImportStatus::Running, "de"));
        let undone = store.undo_unfinished_feedback_imports().await.unwrap();
        assert_eq!(undone.iter().map(|i| (i.id, i.status)).collect::<Vec<_>>(), vec![(running.id, ImportStatus::Failed)]);
        assert_eq!(store.feedback_import(w.ws, kept.id).await.unwrap().status, ImportStatus::Done);
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 7);
        assert!(store.undo_unfinished_feedback_imports().await.unwrap().is_empty());
        // A finished import is not written again.
        let err = store.store_feedback_import(w.ws, running.id, stage(&rows(&w, 1)), ImportEnd::default(), Default::default()).await;
        assert!(matches!(err, Err(StoreError::NotFound("import"))), "{err:?}");
    }

    async fn an_owner_takes_a_done_import_out_and_the_same_file_comes_again(db) {
        let store = &db.store;
        let w = world(store).await;
        let other = import(store, &w, rows(&w, 3), ImportEnd::default()).await.unwrap();
        let mut later = rows(&w, 5);
        for r in &mut later {
            r.key.hash += 100;
        }
        let done = import(store, &w, later.clone(), ImportEnd::default()).await.unwrap();
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 8);
        let out = store.take_out_feedback_import(w.ws, done.id).await.unwrap();
        // Its counts stay, to say what it had kept; its answers are gone.
        assert_eq!((out.status, out.imported), (ImportStatus::Undone, 5));
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 3, "the other import's stay");
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!((rolled, total(&counted)), (counted, 3));
        // Again: nothing more happens.
        let again = store.take_out_feedback_import(w.ws, done.id).await.unwrap();
        assert_eq!((again.status, again.imported), (ImportStatus::Undone, 5));
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 3);
        // The same rows again are new rows.
        let back = import(store, &w, later, ImportEnd::default()).await.unwrap();
        assert_eq!((back.imported, back.already), (5, 0));
        assert_eq!(store.feedback_import(w.ws, other.id).await.unwrap().status, ImportStatus::Done);
        // Not in another workspace; not one running.
        let stranger = world(store).await;
        assert!(matches!(store.take_out_feedback_import(stranger.ws, back.id).await, Err(StoreError::NotFound(_))));
        let points = store.feedback_points(w.ws, w.journey).await.unwrap().len();
        assert!(points > 0);
        let running = store.begin_feedback_import(w.ws, w.journey, None, "c.csv", "en").await.unwrap();
        let refused = store.take_out_feedback_import(w.ws, running.id).await.unwrap_err();
        assert_eq!(err_key(&refused), mot_store::IMPORT_NOT_TAKEN_OUT);
        // Nor another while one of the workspace runs (it could count the
        // rows being taken out as there already).
        let refused = store.take_out_feedback_import(w.ws, back.id).await.unwrap_err();
        assert_eq!(err_key(&refused), mot_store::IMPORT_RUNNING);
        assert_eq!(store.feedback_import(w.ws, back.id).await.unwrap().status, ImportStatus::Done);
        // Marked as being taken out when a server stopped: no import begins
        // meanwhile, and the next start finishes it, with no error.
        sqlx::query("UPDATE feedback_imports SET status = 'undoing' WHERE id = $1")
            .bind(back.id)
            .execute(store.pool())
            .await
            .unwrap();
        assert_eq!(store.feedback_import(w.ws, back.id).await.unwrap().status, ImportStatus::Undoing);
        let refused = store.begin_feedback_import(w.ws, w.journey, None, "d.csv", "en").await.unwrap_err();
        assert_eq!(err_key(&refused), mot_store::IMPORT_TAKING_OUT);
        let finished = store.undo_unfinished_feedback_imports().await.unwrap();
        let states: Vec<_> = finished.iter().map(|i| (i.id, i.status, i.error.is_empty())).collect();
        assert_eq!(states, vec![(back.id, ImportStatus::Undone, true), (running.id, ImportStatus::Failed, true)]);
        assert_eq!(store.feedback_import(w.ws, back.id).await.unwrap().imported, 5);
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 3);
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!((rolled, total(&counted)), (counted, 3));
        // Its points stay: a link may have been printed since.
        assert_eq!(store.feedback_points(w.ws, w.journey).await.unwrap().len(), points);

        // A request that stopped midway, sent again, goes on where it stopped.
        let mut more = rows(&w, 4);
        for r in &mut more {
            r.key.hash += 200;
        }
        let other_done = import(store, &w, more, ImportEnd::default()).await.unwrap();
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 7);
        sqlx::query("UPDATE feedback_imports SET status = 'undoing' WHERE id = $1")
            .bind(other_done.id)
            .execute(store.pool())
            .await
            .unwrap();
        let out = store.take_out_feedback_import(w.ws, other_done.id).await.unwrap();
        assert_eq!(out.status, ImportStatus::Undone);
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 3);
        let (rolled, counted) = store.feedback_rollup_check(w.ws, w.journey).await.unwrap();
        assert_eq!((rolled, total(&counted)), (counted, 3));
    }

    async fn an_import_is_read_back_only_in_its_own_workspace(db) {
        let store = &db.store;
        let w = world(store).await;
        let other = world(store).await;
        let done = import(store, &w, rows(&w, 3), ImportEnd::default()).await.unwrap();
        assert!(matches!(store.feedback_import(other.ws, done.id).await, Err(StoreError::NotFound(_))));
        assert!(matches!(store.feedback_import_refusals(other.ws, done.id).await, Err(StoreError::NotFound(_))));
        // Nor may an import put answers into another workspace's journey.
        let err = store_import_into(store, other.ws, w.journey, rows(&w, 3), ImportEnd::default()).await;
        assert!(matches!(err, Err(StoreError::NotFound(_))), "{err:?}");
        assert_eq!(store.feedback_answer_count(w.ws, w.journey).await.unwrap(), 3);
    }
}

fn twins_day() -> i64 {
    mot_store::feedback_today() - 1
}

/// Answers imported before migration 0029 kept text keys; after it (and
/// the store's start, which turns them into numbers) importing the same
/// rows again adds nothing, and new rows still go in.
async fn text_keys_of_earlier_imports_still_match(db: Db) {
    let store = &db.store;
    let w = world(store).await;
    let pool = store.pool();
    let day = twins_day();
    let row = |key: ImportKey| ImportRow {
        moment_id: w.moments[0],
        branch_id: None,
        verdict: Verdict::Better,
        comment: String::new(),
        day,
        at: day * 86_400_000,
        key,
    };
    let old = [
        (fp(0x1234_5678_9abc_def0), 1),
        (fp(0x1234_5678_9abc_def0), 2),
        (ImportKey::external("R-9"), 0),
    ];
    let business: Id = sqlx::query_scalar("SELECT business_id FROM journeys WHERE id = $1")
        .bind(w.journey)
        .fetch_one(pool)
        .await
        .unwrap();
    let point: Id = sqlx::query_scalar(
        "INSERT INTO feedback_points (workspace_id, business_id, journey_id, moment_id, \
         token, question, reasons, created_at) VALUES ($1, $2, $3, $4, $5, '', '', 0) RETURNING id",
    )
    .bind(w.ws)
    .bind(business)
    .bind(w.journey)
    .bind(w.moments[0])
    .bind(random_token())
    .fetch_one(pool)
    .await
    .unwrap();
    for (i, (key, n)) in old.iter().enumerate() {
        // As an earlier import wrote them: the fingerprint's first 16
        // bytes in hex (only the first 8 count now), or the file's id.
        let text = if key.numbered {
            format!("f:{:016x}0123456789abcdef:{n}", key.hash as u64)
        } else {
            "x:R-9".to_string()
        };
        sqlx::query(
            "INSERT INTO feedback_answers (workspace_id, point_id, moment_id, branch_id, \
             verdict, comment, language, request_key, day, created_at, import_key, import_id) \
             VALUES ($1, $2, $3, 0, 1, '', '', $4, $5, $6, $7, 1)",
        )
        .bind(w.ws)
        .bind(point)
        .bind(w.moments[0])
        .bind(format!("import:1:{i}"))
        .bind(day)
        .bind(day * 86_400_000)
        .bind(text)
        .execute(pool)
        .await
        .unwrap();
    }
    store.migrate().await.unwrap();
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM feedback_answers WHERE import_key IS NOT NULL")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(left, 0, "every text key became numbers");
    let mut file: Vec<ImportRow> = old.iter().map(|(k, _)| row(*k)).collect();
    file.push(row(fp(42)));
    let again = import(store, &w, file, ImportEnd::default()).await.unwrap();
    assert_eq!((again.imported, again.already), (1, 3));
    assert_eq!(
        store.feedback_answer_count(w.ws, w.journey).await.unwrap(),
        4
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_keys_of_earlier_imports_still_match_on_sqlite() {
    text_keys_of_earlier_imports_still_match(Db::sqlite_until(28).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_keys_of_earlier_imports_still_match_on_postgres() {
    if let Some(db) = Db::postgres_until(28).await {
        text_keys_of_earlier_imports_still_match(db).await;
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
    end: ImportEnd,
) -> Result<mot_store::FeedbackImport, StoreError> {
    let record = store
        .begin_feedback_import(ws, journey, None, "answers.csv", "en")
        .await?;
    store
        .store_feedback_import(ws, record.id, stage(&rows), end, Default::default())
        .await
}

/// The world's newest import.
async fn last_import(store: &Store, w: &World) -> mot_store::FeedbackImport {
    store
        .feedback_imports(w.ws, w.journey)
        .await
        .unwrap()
        .remove(0)
}
