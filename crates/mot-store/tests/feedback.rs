//! Customer feedback in the store, on SQLite and PostgreSQL: the daily
//! roll-ups always equal a count over the answers that figures may count,
//! whatever sequence of answers, repeats, flags and taken-off notes came
//! before (a model-based check over a seeded random sequence).

use mot_core::feedback::{Answer, Tally, Verdict};
use mot_core::{Actor, BoardCommand, Id, Role};
use mot_store::{random_token, Store, StoreError};
use std::collections::HashMap;

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

/// A small seeded generator (the same sequence on every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

const DAY: i64 = 86_400_000;

/// A workspace with its owner, a business and a journey to answer about.
struct Bakery {
    ws: Id,
    actor: Actor,
    business: Id,
    journey: Id,
    /// The journey's first stage.
    stage: Id,
}

async fn bakery(store: &Store) -> Bakery {
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
    Bakery {
        ws,
        actor,
        business,
        journey,
        stage,
    }
}

/// Every roll-up of the journey, by (moment, day).
async fn rollups(store: &Store, ws: Id, journey: Id) -> HashMap<(Id, i64), Tally> {
    let today = mot_store::feedback_today();
    store
        .feedback_days(ws, journey, (today - 400, today))
        .await
        .unwrap()
        .into_iter()
        .map(|(m, d, t)| ((m, d), t))
        .collect()
}

on_both! {
    async fn roll_ups_equal_a_count_of_the_answers_after_any_sequence(db) {
        let store = &db.store;
        let Bakery { ws, actor, business, journey, stage } = bakery(store).await;
        let mut moments = Vec::new();
        for title in ["Greeting", "Paying", "Leaving"] {
            store.apply(ws, journey, actor, "Olive", BoardCommand::AddMoment { stage_id: stage, channel_id: None, title: title.into(), description: String::new() }).await.unwrap();
            moments.push(store.moments(ws, journey).await.unwrap().into_iter().find(|m| m.title == title).unwrap().id);
        }
        let branch = store.add_branch(ws, business, "Harbour Street").await.unwrap().id;
        // Points: every branch and one branch, for each moment.
        let mut points = Vec::new();
        for m in &moments {
            points.push((*m, store.feedback_point(ws, *m, None).await.unwrap().token, 0));
            points.push((*m, store.feedback_point(ws, *m, Some(branch)).await.unwrap().token, branch));
        }
        // The model: what each answer is, and whether figures count it.
        #[derive(Clone, Copy)]
        struct Kept { moment: Id, branch: Id, day: i64, verdict: Verdict, counted: bool }
        let mut kept: Vec<Kept> = Vec::new();
        let mut keys: Vec<(String, String)> = Vec::new();
        let mut rng = Lcg(7);
        let today = mot_store::feedback_today();
        let mut deleted: Option<Id> = None;
        for step in 0..400 {
            let (moment, token, branch) = points[rng.next(points.len() as u64) as usize].clone();
            let verdict = Verdict::ALL[rng.next(3) as usize];
            let day = today - rng.next(60) as i64;
            let answer = Answer { verdict, reason: None, comment: String::new() };
            match rng.next(10) {
                // A repeat of an earlier request: adds nothing.
                0 if !keys.is_empty() => {
                    let (key, first) = keys[rng.next(keys.len() as u64) as usize].clone();
                    if let Ok(new) = store.answer_feedback_at(&first, answer, "en", &key, day * DAY).await {
                        assert!(!new, "sent again, it adds nothing");
                    }
                }
                // A robot: kept, flagged, not counted.
                1 => {
                    let key = format!("k{step}");
                    let new = store.answer_feedback_flagged(&token, answer, "en", &key, "honeypot").await;
                    if deleted == Some(moment) {
                        assert!(new.is_err(), "a note taken off the board takes no answers");
                    } else {
                        assert!(new.unwrap());
                        kept.push(Kept { moment, branch, day: today, verdict, counted: false });
                    }
                }
                _ => {
                    let key = format!("k{step}");
                    let new = store.answer_feedback_at(&token, answer, "en", &key, day * DAY + 1000).await;
                    if deleted == Some(moment) {
                        assert!(matches!(new, Err(StoreError::NotFound(_))), "{new:?}");
                    } else {
                        assert!(new.unwrap());
                        keys.push((key, token.clone()));
                        kept.push(Kept { moment, branch, day, verdict, counted: true });
                    }
                }
            }
            // Half way, a note is taken off the board.
            if step == 200 {
                store.apply(ws, journey, actor, "Olive", BoardCommand::DeleteMoment { id: moments[2] }).await.unwrap();
                deleted = Some(moments[2]);
            }
        }
        // Flags and unflags by the owner, through the answers' ids.
        let all = store.feedback_answers_between(ws, journey, (today - 400, today), 100_000).await.unwrap();
        assert_eq!(all.len(), kept.len(), "every kept answer is there, once");
        let by_id: Vec<Id> = all.iter().map(|a| a.id).collect();
        for _ in 0..120 {
            let i = rng.next(by_id.len() as u64) as usize;
            let flag = rng.next(2) == 0;
            store.set_feedback_flag(ws, by_id[i], flag).await.unwrap();
            kept[i].counted = !flag;
        }
        // The roll-ups equal a count over the counted answers, moment by moment and day by day.
        let mut expected: HashMap<(Id, i64), Tally> = HashMap::new();
        for k in kept.iter().filter(|k| k.counted) {
            expected.entry((k.moment, k.day)).or_default().add(k.verdict, 1);
        }
        let mut got = rollups(store, ws, journey).await;
        got.retain(|_, t| t.total() > 0);
        assert_eq!(got, expected);
        // The period figures (from the running totals) equal a count over
        // the counted answers, per moment and branch, whatever the period.
        for (from, to) in [(today - 59, today), (today - 10, today - 3), (today, today), (today - 30, today - 30), (today - 400, today - 45), (today + 1, today + 9)] {
            let mut expected: HashMap<(Id, Id), Tally> = HashMap::new();
            for k in kept.iter().filter(|k| k.counted && k.day >= from && k.day <= to) {
                expected.entry((k.moment, k.branch)).or_default().add(k.verdict, 1);
            }
            let got: HashMap<(Id, Id), Tally> = store
                .feedback_tallies(ws, journey, (from, to))
                .await
                .unwrap()
                .into_iter()
                .map(|t| ((t.moment_id, t.branch_id.unwrap_or(0)), t.tally))
                .collect();
            assert_eq!(got, expected, "days {from}..={to}");
        }
        // The sums by week equal a count over the counted answers, per
        // moment, branch and week, the week being mot-core's (its Monday).
        use mot_core::feedback::trend::{date_of, day_number, Period};
        let monday = |d: i64| day_number(Period::Week.start(date_of(d)));
        let (from, to) = (today - 45, today);
        let mut expected: HashMap<(Id, Id, i64), Tally> = HashMap::new();
        for k in kept.iter().filter(|k| k.counted && k.day >= from && k.day <= to) {
            expected.entry((k.moment, k.branch, monday(k.day))).or_default().add(k.verdict, 1);
        }
        let weeks = store.feedback_weeks_by_branch(ws, journey, (from, to)).await.unwrap();
        assert!(weeks.windows(2).all(|w| (w[0].0, w[0].1, w[0].2) < (w[1].0, w[1].1, w[1].2)), "in order, each once");
        let mut got: HashMap<(Id, Id, i64), Tally> = weeks.into_iter().map(|(m, b, w, t)| ((m, b, w), t)).collect();
        got.retain(|_, t| t.total() > 0);
        assert!(expected.len() > 6, "the answers span several weeks: {}", expected.len());
        assert_eq!(got, expected);
        // And the export's flags say the same as the model.
        let all = store.feedback_answers_between(ws, journey, (today - 400, today), 100_000).await.unwrap();
        assert_eq!(all.iter().filter(|a| !a.flagged).count(), kept.iter().filter(|k| k.counted).count());
        // Another workspace cannot flag them.
        let other = store.create_workspace("Other").await.unwrap().id;
        assert!(matches!(store.set_feedback_flag(other, by_id[0], true).await, Err(StoreError::NotFound(_))));
    }
}

/// Before migration 0033 each link (point) had its own reasons; after it
/// they are the moment's: each moment offers its links' reasons, in the
/// order the links were made and listed them, each once, eight at most
/// (0034). Setting them through any link sets them for every link of the
/// moment.
async fn reasons_become_the_moments_at_migration_0033(db: Db) {
    let store = &db.store;
    let ws = store.create_workspace("Acme").await.unwrap().id;
    let owner = store
        .create_user(ws, "olive@example.com", "Olive", "phc", Role::Owner)
        .await
        .unwrap();
    let actor = Actor::Member {
        user_id: owner.id,
        role: Role::Owner,
    };
    let business = store.create_business(ws, "Bakery").await.unwrap().id;
    let journey = store
        .create_journey(ws, business, "Buys bread", "buys-bread", &random_token())
        .await
        .unwrap()
        .id;
    let stage = store.stages(ws, journey).await.unwrap()[0].id;
    for title in ["Greeting", "Paying"] {
        let add = BoardCommand::AddMoment {
            stage_id: stage,
            channel_id: None,
            title: title.into(),
            description: String::new(),
        };
        store.apply(ws, journey, actor, "Olive", add).await.unwrap();
    }
    let moments: Vec<Id> = store
        .moments(ws, journey)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    let branch = store
        .add_branch(ws, business, "Harbour Street")
        .await
        .unwrap()
        .id;
    // As an installation before 0033 kept them: reasons on each point.
    let point = |moment: Id, branch: Option<Id>, reasons: &'static str| {
        let pool = store.pool().clone();
        async move {
            sqlx::query_scalar::<_, Id>(
                "INSERT INTO feedback_points (workspace_id, business_id, journey_id, moment_id, \
                 branch_id, token, question, reasons, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, '', $7, 0) RETURNING id",
            )
            .bind(ws)
            .bind(business)
            .bind(journey)
            .bind(moment)
            .bind(branch)
            .bind(random_token())
            .bind(reasons)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let every = point(moments[0], None, "Waiting time\nFriendliness").await;
    let harbour = point(moments[0], Some(branch), "Price\nWaiting time").await;
    // Two links of "Paying" with ten reasons between them: the first eight stay.
    let other = point(moments[1], None, "a\nb\nc\nd\ne").await;
    point(moments[1], Some(branch), "f\ng\nh\ni\nj").await;
    store.migrate().await.unwrap();
    let reasons = |id: Id| async move { store.feedback_point_by_id(ws, id).await.unwrap().reasons };
    let merged = ["Waiting time", "Friendliness", "Price"];
    assert_eq!(reasons(every).await, merged);
    assert_eq!(reasons(harbour).await, merged);
    let eight = ["a", "b", "c", "d", "e", "f", "g", "h"];
    assert_eq!(reasons(other).await, eight, "at most eight");
    // Set through one link, they are every link's of the moment, and no
    // other moment's.
    let set = ["Queue".to_string(), "Price".to_string()];
    let p = store.set_feedback_reasons(ws, harbour, &set).await.unwrap();
    assert_eq!(p.reasons, set);
    assert_eq!(reasons(every).await, set);
    assert_eq!(reasons(other).await, eight, "another moment's stay");
    // A new link of the moment offers them too.
    let elsewhere = store.add_branch(ws, business, "Mall").await.unwrap().id;
    let new = store
        .feedback_point(ws, moments[0], Some(elsewhere))
        .await
        .unwrap();
    assert_eq!(new.reasons, set);
    // Another workspace's point is not found.
    let stranger = store.create_workspace("Other").await.unwrap().id;
    assert!(matches!(
        store.set_feedback_reasons(stranger, harbour, &set).await,
        Err(StoreError::NotFound(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reasons_become_the_moments_at_migration_0033_on_sqlite() {
    reasons_become_the_moments_at_migration_0033(Db::sqlite_until(32).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reasons_become_the_moments_at_migration_0033_on_postgres() {
    let Some(db) = Db::postgres_until(32).await else {
        return;
    };
    reasons_become_the_moments_at_migration_0033(db).await;
}

on_both! {
    async fn comments_by_day_put_the_newest_given_first_whatever_came_in_last(db) {
        let store = &db.store;
        let Bakery { ws, actor, journey, stage, .. } = bakery(store).await;
        for title in ["Paying", "Leaving"] {
            store.apply(ws, journey, actor, "Olive", BoardCommand::AddMoment { stage_id: stage, channel_id: None, title: title.into(), description: String::new() }).await.unwrap();
        }
        let moments = store.moments(ws, journey).await.unwrap();
        let paying = store.feedback_point(ws, moments[0].id, None).await.unwrap().token;
        let leaving = store.feedback_point(ws, moments[1].id, None).await.unwrap().token;
        let today = mot_store::feedback_today();
        // Today's comment came in first; last month's (an import, say)
        // after it; an address without words, and a comment of the same
        // day as another, last.
        let said = |words: &str| Answer { verdict: Verdict::Worse, reason: None, comment: words.into() };
        for (key, token, day, words) in [
            ("k1", &paying, today, "Today"),
            ("k2", &leaving, today - 30, "Last month"),
            ("k3", &paying, today - 2, "Two days ago"),
            ("k4", &leaving, today - 2, "Also two days ago"),
        ] {
            store.answer_feedback_at(token, said(words), "en", key, day * DAY + 1000).await.unwrap();
        }
        let with = mot_store::AnswerWith { contact: Some("ann@example.com".into()), at: (today - 5) * DAY, ..Default::default() };
        store.answer_feedback_with(&paying, said(""), "en", "k5", with).await.unwrap();
        let read = |f: mot_store::CommentFilter, limit| async move {
            store.feedback_comments(ws, journey, &f, limit).await.unwrap()
        };
        let words = |list: Vec<mot_store::FeedbackComment>| list.into_iter().map(|c| c.comment).collect::<Vec<_>>();
        let filter = mot_store::CommentFilter { since_day: Some(today - 89), ..Default::default() };
        assert_eq!(
            words(read(filter.clone(), 10).await),
            ["Today", "Also two days ago", "Two days ago", "Last month"],
            "by the day given, then as received"
        );
        // Page by page, one at a time, by the last one's id: each once.
        let (mut seen, mut before) = (vec![], None);
        loop {
            let page = read(mot_store::CommentFilter { before, ..filter.clone() }, 1).await;
            let Some(c) = page.first() else { break };
            before = Some(c.id);
            seen.push(c.comment.clone());
        }
        assert_eq!(seen, ["Today", "Also two days ago", "Two days ago", "Last month"]);
        // With the addresses: the answer with one and no words in its place.
        let with = mot_store::CommentFilter { contacts: true, ..filter.clone() };
        let list = read(with.clone(), 10).await;
        assert_eq!(words(list.clone()), ["Today", "Also two days ago", "Two days ago", "", "Last month"]);
        assert_eq!(list[3].contact.as_deref(), Some("ann@example.com"));
        assert_eq!(words(read(with.clone(), 2).await), ["Today", "Also two days ago"]);
        let after = read(mot_store::CommentFilter { before: Some(list[2].id), ..with }, 10).await;
        assert_eq!(words(after), ["", "Last month"]);
        // One moment's, by its own index.
        let one = mot_store::CommentFilter { moment_id: Some(moments[1].id), ..filter.clone() };
        assert_eq!(words(read(one, 10).await), ["Also two days ago", "Last month"]);
        // Every answer (the API's feed): as received, newest first.
        let every = mot_store::CommentFilter { every: true, ..filter.clone() };
        assert_eq!(words(read(every, 10).await), ["", "Also two days ago", "Two days ago", "Last month", "Today"]);
        // Searched whatever the case, letters outside ASCII too.
        store.answer_feedback_at(&paying, said("Café too cold"), "en", "k6", (today - 40) * DAY).await.unwrap();
        for q in ["CAFÉ", "café", "Café", "TOO"] {
            let f = mot_store::CommentFilter { search: Some(q.into()), ..filter.clone() };
            assert_eq!(words(read(f, 10).await), ["Café too cold"], "{q}");
        }
        // A comment's own capitals outside ASCII, written all in capitals
        // or at a word's start, are found by the small letters too.
        store.answer_feedback_at(&paying, said("ÉCLAIRS STALE"), "en", "k7", (today - 41) * DAY).await.unwrap();
        store.answer_feedback_at(&paying, said("Ölkanne leaked"), "en", "k8", (today - 42) * DAY).await.unwrap();
        for (q, found) in [("éclairs", "ÉCLAIRS STALE"), ("Éclairs", "ÉCLAIRS STALE"), ("ölkanne", "Ölkanne leaked"), ("ÖLKANNE", "Ölkanne leaked")] {
            let f = mot_store::CommentFilter { search: Some(q.into()), ..filter.clone() };
            assert_eq!(words(read(f, 10).await), [found], "{q}");
        }
    }
}
