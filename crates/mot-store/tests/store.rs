//! The store's behaviour, told once and checked on every backend.
//!
//! Each case becomes a module with two tests, `on_sqlite` and `on_postgres`,
//! and each test gets a database of its own (a SQLite file in a temporary
//! directory, or a fresh PostgreSQL database), so they run in parallel.
//!
//! See `mot_store::testing` for when PostgreSQL runs.

use mot_core::session::SessionEvent;
use mot_core::{
    default_channels, default_stages, Actor, Author, BoardCommand, BoardEvent, Id, Journey, Limits,
    LiveEvent, Moment, Role, RuleError, StageOrder,
};
use mot_store::{random_token, Committed, Notice, Store, StoreError};
use std::time::Duration;
use tokio::sync::broadcast;

// ---- databases ------------------------------------------------------------

/// A migrated store on a database of its own, removed when dropped.
type Db = mot_store::testing::TestDb;

/// One module per case, holding `on_sqlite` and `on_postgres`.
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

/// Cases that need PostgreSQL: two processes sharing one database.
macro_rules! on_postgres_only {
    ($(async fn $name:ident($db:ident) $body:block)*) => {$(
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let Some($db) = Db::postgres().await else { return };
                $body
            }
        }
    )*};
}

// ---- a small world to work in ---------------------------------------------

struct World {
    ws: Id,
    owner: Actor,
    business: Id,
    journey: Journey,
    /// The default stages' ids, in order.
    stages: Vec<Id>,
}

fn unique_email(who: &str) -> String {
    format!("{who}-{}@example.com", &random_token()[..8])
}

/// A workspace with an owner, a business and one journey.
async fn world(store: &Store) -> World {
    let ws = store.create_workspace("Acme advisers").await.unwrap();
    let owner = store
        .create_user(
            ws.id,
            &unique_email("olive"),
            "Olive Owner",
            "phc",
            Role::Owner,
        )
        .await
        .unwrap();
    let business = store.create_business(ws.id, "Corner Bakery").await.unwrap();
    let journey = new_journey(store, ws.id, business.id, "Buying a cake").await;
    let stages = store
        .stages(ws.id, journey.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    World {
        ws: ws.id,
        owner: Actor::Member {
            user_id: owner.id,
            role: Role::Owner,
        },
        business: business.id,
        journey,
        stages,
    }
}

async fn new_journey(store: &Store, ws: Id, business: Id, name: &str) -> Journey {
    store
        .create_journey(ws, business, name, &random_token()[..8], &random_token())
        .await
        .unwrap()
}

async fn member(store: &Store, ws: Id, role: Role) -> Actor {
    let u = store
        .create_user(ws, &unique_email(role.as_str()), "Pat Person", "phc", role)
        .await
        .unwrap();
    Actor::Member {
        user_id: u.id,
        role,
    }
}

fn add_cmd(stage_id: Id, title: &str) -> BoardCommand {
    BoardCommand::AddMoment {
        stage_id,
        channel_id: None,
        title: title.into(),
        description: String::new(),
    }
}

fn edit_title(id: Id, title: &str) -> BoardCommand {
    BoardCommand::EditMoment {
        id,
        title: Some(title.into()),
        description: None,
        channel_id: None,
    }
}

impl World {
    async fn apply(&self, store: &Store, cmd: BoardCommand) -> Result<Committed, StoreError> {
        store
            .apply(self.ws, self.journey.id, self.owner, "Olive Owner", cmd)
            .await
    }

    async fn add(&self, store: &Store, stage: Id, title: &str) -> Moment {
        let c = self.apply(store, add_cmd(stage, title)).await.unwrap();
        match c.event {
            LiveEvent::Board(BoardEvent::MomentAdded { moment }) => moment,
            other => panic!("expected MomentAdded, got {other:?}"),
        }
    }

    async fn last_seq(&self, store: &Store) -> i64 {
        store
            .journey(self.ws, self.journey.id)
            .await
            .unwrap()
            .last_seq
    }

    async fn log(&self, store: &Store) -> Vec<Committed> {
        store
            .changes_since(self.ws, self.journey.id, 0, 100_000)
            .await
            .unwrap()
    }

    /// Titles of the live notes of one stage, in board order.
    async fn titles_in(&self, store: &Store, stage: Id) -> Vec<String> {
        store
            .moments(self.ws, self.journey.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.stage_id == stage)
            .map(|m| m.title)
            .collect()
    }
}

// ---- error expectations ------------------------------------------------------

#[track_caller]
fn assert_not_found<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    match r {
        Err(StoreError::NotFound(_)) => {}
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[track_caller]
fn assert_forbidden<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    match r {
        Err(StoreError::Rule(RuleError::Forbidden(_))) => {}
        other => panic!("expected a Forbidden rule error, got {other:?}"),
    }
}

#[track_caller]
fn assert_conflict<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    match r {
        Err(StoreError::Rule(RuleError::Conflict(_))) => {}
        other => panic!("expected a Conflict rule error, got {other:?}"),
    }
}

#[track_caller]
fn assert_invalid<T: std::fmt::Debug>(r: Result<T, StoreError>, field: &str) {
    match r {
        Err(StoreError::Rule(RuleError::Invalid { field: f, .. })) if f == field => {}
        other => panic!("expected an Invalid rule error on {field}, got {other:?}"),
    }
}

#[track_caller]
fn assert_duplicate<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    match r {
        Err(StoreError::Duplicate(_)) => {}
        other => panic!("expected Duplicate, got {other:?}"),
    }
}

/// Waits for the next notice that `pick` accepts, for at most ten seconds.
async fn next_notice<T>(
    rx: &mut broadcast::Receiver<Notice>,
    what: &str,
    mut pick: impl FnMut(&Notice) -> Option<T>,
) -> T {
    let wait = async {
        loop {
            match rx.recv().await {
                Ok(n) => {
                    if let Some(t) = pick(&n) {
                        return t;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => panic!("notices closed"),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), wait)
        .await
        .unwrap_or_else(|_| panic!("no {what} within 10 s"))
}

// ---- accounts ---------------------------------------------------------------

on_both! {
    async fn a_board_is_read_whole_and_alike_on_every_path(db) {
        // On SQLite the board is read in place on a read connection, in one
        // snapshot; it must say what the single reads say, see every
        // committed change at once, and find nothing of another workspace.
        let s = &db.store;
        let w = world(s).await;
        for (k, title) in ["Finds the shop", "Orders a cake", "Picks it up"].iter().enumerate() {
            s.apply(w.ws, w.journey.id, w.owner, "Olive", add_cmd(w.stages[k % w.stages.len()], title)).await.unwrap();
        }
        let board = s.board(w.ws, w.journey.id).await.unwrap();
        assert_eq!(board.journey, s.journey(w.ws, w.journey.id).await.unwrap());
        assert_eq!(board.business, s.business(w.ws, w.business).await.unwrap());
        assert_eq!(board.stages, s.stages(w.ws, w.journey.id).await.unwrap());
        assert_eq!(board.channels, s.channels(w.ws, w.business).await.unwrap());
        assert_eq!(board.moments, s.moments(w.ws, w.journey.id).await.unwrap());
        assert_eq!(board.moments.len(), 3);
        // Many at once, with a change between: each sees a whole board.
        let mut reads = Vec::new();
        for _ in 0..16 {
            let (s, ws, j) = (s.clone(), w.ws, w.journey.id);
            reads.push(tokio::spawn(async move { s.board(ws, j).await.unwrap() }));
        }
        s.apply(w.ws, w.journey.id, w.owner, "Olive", add_cmd(w.stages[0], "Comes back")).await.unwrap();
        for r in reads {
            let b = r.await.unwrap();
            assert!(b.moments.len() == 3 || b.moments.len() == 4);
            assert_eq!(b.journey.last_seq, if b.moments.len() == 3 { board.journey.last_seq } else { b.journey.last_seq });
        }
        assert_eq!(s.board(w.ws, w.journey.id).await.unwrap().moments.len(), 4, "a committed change is read at once");
        let other = world(s).await;
        assert_not_found(s.board(other.ws, w.journey.id).await);
        assert_not_found(s.board(w.ws, w.journey.id + 1000).await);
    }

    async fn setup_happens_once_and_a_second_setup_is_a_duplicate(db) {
        let s = &db.store;
        assert!(!s.is_set_up().await.unwrap());
        assert_eq!(s.first_workspace().await.unwrap(), None);
        let (ws, owner) = s.setup("Acme", "ann@example.com", "Ann", "phc").await.unwrap();
        assert!(s.is_set_up().await.unwrap());
        assert_eq!(s.first_workspace().await.unwrap(), Some(ws.clone()));
        assert_eq!(s.workspace(ws.id).await.unwrap().name, "Acme");
        assert_eq!(s.memberships(owner.id).await.unwrap(), vec![(ws.id, Role::Owner.into())]);
        assert_duplicate(s.setup("Other", "bob@example.com", "Bob", "phc").await);
        assert!(s.user_by_email("bob@example.com").await.unwrap().is_none());
        assert_not_found(s.workspace(ws.id + 1000).await);
    }

    async fn setups_racing_each_other_make_exactly_one_workspace(db) {
        let mut tasks = Vec::new();
        for i in 0..8 {
            let s = db.store.clone();
            tasks.push(tokio::spawn(async move {
                s.setup("Acme", &format!("owner{i}@example.com"), "Owner", "phc").await
            }));
        }
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => ok += 1,
                Err(StoreError::Duplicate(_)) => {}
                Err(e) => panic!("a racing setup failed with {e:?} instead of Duplicate"),
            }
        }
        assert_eq!(ok, 1, "exactly one setup succeeds");
        let ws = db.store.first_workspace().await.unwrap().unwrap();
        assert_eq!(db.store.members(ws.id).await.unwrap().len(), 1);
        assert_not_found(db.store.workspace(ws.id + 1).await);
    }

    async fn an_email_address_belongs_to_one_account_only(db) {
        let s = &db.store;
        let (ws, owner) = s.setup("Acme", "ann@example.com", "Ann", "phc").await.unwrap();
        let bob = s
            .create_user(ws.id, "bob@example.com", "Bob", "phc-b", Role::Member)
            .await
            .unwrap();
        assert_duplicate(
            s.create_user(ws.id, "bob@example.com", "Robert", "phc", Role::Viewer).await,
        );
        assert_duplicate(
            s.create_user(ws.id, "ann@example.com", "Ann 2", "phc", Role::Viewer).await,
        );
        let found = s.user_by_email("bob@example.com").await.unwrap().unwrap();
        assert_eq!(found, bob);
        assert_eq!(found.password_hash, "phc-b");
        assert!(s.user_by_email("nobody@example.com").await.unwrap().is_none());
        let members = s.members(ws.id).await.unwrap();
        assert_eq!(
            members,
            vec![(owner.clone(), Role::Owner.into()), (bob.clone(), Role::Member.into())]
        );
        assert_eq!(s.memberships(bob.id).await.unwrap(), vec![(ws.id, Role::Member.into())]);
    }

    async fn a_session_is_found_by_its_token_until_it_expires_or_is_deleted(db) {
        let s = &db.store;
        let (ws, ann) = s.setup("Acme", "ann@example.com", "Ann", "phc").await.unwrap();
        let token = random_token();
        s.create_session(ws.id, ann.id, &token, "csrf-1", 60_000).await.unwrap();
        let info = s.session(&token).await.unwrap().expect("a live session");
        assert_eq!(info.user, ann);
        assert_eq!(info.workspace_id, ws.id);
        assert_eq!(info.membership, Role::Owner.into());
        assert_eq!(info.csrf, "csrf-1");
        assert!(info.expires_at > 0);
        assert!(s.session(&random_token()).await.unwrap().is_none());
        assert!(s.session(&mot_store::hash_token(&token)).await.unwrap().is_none(),
            "the stored hash is not itself a token");

        let expired = random_token();
        s.create_session(ws.id, ann.id, &expired, "csrf-2", -1).await.unwrap();
        assert!(s.session(&expired).await.unwrap().is_none());

        s.delete_session(&token).await.unwrap();
        assert!(s.session(&token).await.unwrap().is_none());
        s.delete_session(&token).await.unwrap();
    }

    async fn an_api_token_is_found_by_its_hash_and_a_wrong_token_finds_nothing(db) {
        let s = &db.store;
        let (ws, ann) = s.setup("Acme", "ann@example.com", "Ann", "phc").await.unwrap();
        let viewer = s
            .create_user(ws.id, "vic@example.com", "Vic", "phc", Role::Viewer)
            .await
            .unwrap();
        let (t1, t2) = (random_token(), random_token());
        s.create_api_token(ws.id, ann.id, "CI", &t1).await.unwrap();
        s.create_api_token(ws.id, viewer.id, "Report", &t2).await.unwrap();
        let info = s.api_token(&t1).await.unwrap().expect("token 1");
        assert_eq!((info.user.id, info.workspace_id, info.membership, info.label.as_str()),
            (ann.id, ws.id, Role::Owner.into(), "CI"));
        let info = s.api_token(&t2).await.unwrap().expect("token 2");
        assert_eq!((info.user.id, info.membership), (viewer.id, Role::Viewer.into()));
        assert!(s.api_token(&random_token()).await.unwrap().is_none());
        assert!(s.api_token("").await.unwrap().is_none());
        assert!(s.api_token(&mot_store::hash_token(&t1)).await.unwrap().is_none());
    }

    async fn a_guest_is_found_by_their_cookie_token(db) {
        let s = &db.store;
        let w = world(s).await;
        let token = random_token();
        let g = s.create_guest(w.ws, w.journey.id, "Gus", &token, "csrf-g").await.unwrap();
        assert_eq!(s.guest(&token).await.unwrap(), Some(g.clone()));
        assert_eq!((g.workspace_id, g.journey_id, g.name.as_str()), (w.ws, w.journey.id, "Gus"));
        assert!(s.guest(&random_token()).await.unwrap().is_none());
    }

    async fn a_removed_guest_is_no_longer_found_nor_listed_and_their_notes_stay(db) {
        let s = &db.store;
        let w = world(s).await;
        let second = new_journey(s, w.ws, w.business, "Second").await;
        let (t1, t2, t3) = (random_token(), random_token(), random_token());
        let gus = s.create_guest(w.ws, w.journey.id, "Gus", &t1, "c1").await.unwrap();
        let gwen = s.create_guest(w.ws, w.journey.id, "Gwen", &t2, "c2").await.unwrap();
        let other = s.create_guest(w.ws, second.id, "Olga", &t3, "c3").await.unwrap();
        assert_eq!(s.guests(w.ws, w.journey.id).await.unwrap(), vec![gus.clone(), gwen.clone()]);
        let actor = Actor::Guest { guest_id: gus.id, journey_id: w.journey.id };
        s.apply(w.ws, w.journey.id, actor, "Gus", add_cmd(w.stages[0], "By Gus")).await.unwrap();

        // Not through another journey or workspace.
        assert_not_found(s.remove_guest(w.ws, second.id, gus.id).await);
        let rival = s.create_workspace("Rival").await.unwrap();
        assert_not_found(s.remove_guest(rival.id, w.journey.id, gus.id).await);
        assert_eq!(s.guest(&t1).await.unwrap(), Some(gus.clone()));

        s.remove_guest(w.ws, w.journey.id, gus.id).await.unwrap();
        assert!(s.guest(&t1).await.unwrap().is_none(), "the cookie stops working");
        assert_eq!(s.guests(w.ws, w.journey.id).await.unwrap(), vec![gwen.clone()]);
        assert_eq!(s.guest(&t2).await.unwrap(), Some(gwen));
        assert_eq!(s.guest(&t3).await.unwrap(), Some(other));
        assert_not_found(s.remove_guest(w.ws, w.journey.id, gus.id).await);
        let notes = s.moments(w.ws, w.journey.id).await.unwrap();
        assert_eq!(notes.iter().map(|m| m.title.as_str()).collect::<Vec<_>>(), ["By Gus"], "what they wrote stays");
    }

    async fn rotating_the_join_link_can_remove_every_guest_who_joined_by_an_old_one(db) {
        let s = &db.store;
        let w = world(s).await;
        let second = new_journey(s, w.ws, w.business, "Second").await;
        let (t1, t2, t3) = (random_token(), random_token(), random_token());
        let gus = s.create_guest(w.ws, w.journey.id, "Gus", &t1, "c1").await.unwrap();
        let gwen = s.create_guest(w.ws, w.journey.id, "Gwen", &t2, "c2").await.unwrap();
        let other = s.create_guest(w.ws, second.id, "Olga", &t3, "c3").await.unwrap();

        // Rotating alone keeps the guests.
        s.rotate_join(w.ws, w.journey.id, "KEEPALL1", &random_token()).await.unwrap();
        assert_eq!(s.guests(w.ws, w.journey.id).await.unwrap().len(), 2);

        let token = random_token();
        let (j, removed) = s.rotate_join_removing_guests(w.ws, w.journey.id, "NEWCODE2", &token).await.unwrap();
        assert_eq!((j.join_code.as_str(), j.join_token.as_str()), ("NEWCODE2", token.as_str()));
        assert_eq!(removed, vec![gus.id, gwen.id]);
        assert!(s.guest(&t1).await.unwrap().is_none() && s.guest(&t2).await.unwrap().is_none());
        assert!(s.guests(w.ws, w.journey.id).await.unwrap().is_empty());
        assert_eq!(s.guest(&t3).await.unwrap(), Some(other), "another journey's guest stays");

        // Who joins by the new link stays until the next rotation.
        let t4 = random_token();
        let new = s.create_guest(w.ws, w.journey.id, "Nina", &t4, "c4").await.unwrap();
        assert_eq!(s.guest(&t4).await.unwrap(), Some(new));

        // Another workspace's rotation is not found and removes nobody; a
        // taken code changes nothing.
        let rival = s.create_workspace("Rival").await.unwrap();
        assert_not_found(s.rotate_join_removing_guests(rival.id, w.journey.id, "MINE2", &random_token()).await);
        assert_duplicate(s.rotate_join_removing_guests(w.ws, second.id, "NEWCODE2", &random_token()).await);
        assert!(s.guest(&t4).await.unwrap().is_some() && s.guest(&t3).await.unwrap().is_some());
        assert_eq!(s.journey(w.ws, second.id).await.unwrap(), second);
    }
}

// ---- businesses, journeys, join links -----------------------------------------

on_both! {
    async fn a_new_business_gets_the_twelve_default_channels(db) {
        let s = &db.store;
        let w = world(s).await;
        let channels = s.channels(w.ws, w.business).await.unwrap();
        let defaults = default_channels();
        assert_eq!(channels.len(), 12);
        for (i, (c, d)) in channels.iter().zip(&defaults).enumerate() {
            assert_eq!((c.name.as_str(), c.colour.as_str(), c.icon.as_str()), (d.name, d.colour, d.icon));
            assert_eq!(c.position, i as i64);
            assert_eq!(c.business_id, w.business);
            assert!(!c.retired);
            assert_eq!(&s.channel(w.ws, c.id).await.unwrap(), c);
        }
        let other = s.create_business(w.ws, "Another shop").await.unwrap();
        let theirs = s.channels(w.ws, other.id).await.unwrap();
        assert_eq!(theirs.len(), 12);
        assert!(theirs.iter().all(|c| channels.iter().all(|m| m.id != c.id)),
            "each business has channels of its own");
        let names: Vec<_> = s.businesses(w.ws).await.unwrap().into_iter().map(|b| b.name).collect();
        assert_eq!(names, ["Another shop", "Corner Bakery"]);
        let renamed = s.rename_business(w.ws, other.id, "Another bakery").await.unwrap();
        assert_eq!(renamed.name, "Another bakery");
        assert_eq!(s.business(w.ws, other.id).await.unwrap(), renamed);
    }

    async fn a_new_journey_gets_three_default_stages_and_an_empty_log(db) {
        let s = &db.store;
        let w = world(s).await;
        let stages = s.stages(w.ws, w.journey.id).await.unwrap();
        let names: Vec<_> = stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, default_stages());
        assert_eq!(names, ["Pre-engagement", "Engagement", "Post-sale"]);
        for (i, st) in stages.iter().enumerate() {
            assert_eq!(st.position, i as i64);
            assert_eq!(st.journey_id, w.journey.id);
            assert_eq!(&s.stage(w.ws, st.id).await.unwrap(), st);
        }
        assert_eq!(w.journey.last_seq, 0);
        assert!(w.log(s).await.is_empty());
        assert_eq!(s.journey(w.ws, w.journey.id).await.unwrap(), w.journey);
        assert_eq!(s.journeys(w.ws, w.business).await.unwrap(), vec![w.journey.clone()]);
        let board = s.board(w.ws, w.journey.id).await.unwrap();
        assert_eq!(board.journey, w.journey);
        assert_eq!(board.business.id, w.business);
        assert_eq!(board.stages, stages);
        assert_eq!(board.channels.len(), 12);
        assert!(board.moments.is_empty());
    }

    async fn a_journey_needs_a_business_of_the_same_workspace(db) {
        let s = &db.store;
        let w = world(s).await;
        assert_not_found(s.create_journey(w.ws, w.business + 1000, "Lost", "LOST1", &random_token()).await);
        let other = s.create_workspace("Other").await.unwrap();
        assert_not_found(s.create_journey(other.id, w.business, "Stolen", "STOLEN1", &random_token()).await);
        assert!(s.journey_by_join_code("STOLEN1").await.unwrap().is_none());
    }

    async fn join_links_and_codes_open_their_journey_until_rotated(db) {
        let s = &db.store;
        let w = world(s).await;
        let j = &w.journey;
        assert_eq!(s.journey_by_join_token(&j.join_token).await.unwrap().as_ref(), Some(j));
        assert_eq!(s.journey_by_join_code(&j.join_code).await.unwrap().as_ref(), Some(j));
        assert!(s.journey_by_join_token(&random_token()).await.unwrap().is_none());
        assert!(s.journey_by_join_code("NOPE").await.unwrap().is_none());

        let (code, token) = ("NEWCODE1".to_string(), random_token());
        let rotated = s.rotate_join(w.ws, j.id, &code, &token).await.unwrap();
        assert_eq!((rotated.join_code.as_str(), rotated.join_token.as_str()), (code.as_str(), token.as_str()));
        assert!(s.journey_by_join_token(&j.join_token).await.unwrap().is_none());
        assert!(s.journey_by_join_code(&j.join_code).await.unwrap().is_none());
        assert_eq!(s.journey_by_join_token(&token).await.unwrap().unwrap().id, j.id);
        assert_eq!(s.journey_by_join_code(&code).await.unwrap().unwrap().id, j.id);
    }

    async fn a_taken_join_code_is_a_duplicate_and_changes_nothing(db) {
        let s = &db.store;
        let w = world(s).await;
        let second = new_journey(s, w.ws, w.business, "Second").await;
        assert_duplicate(s.rotate_join(w.ws, second.id, &w.journey.join_code, &random_token()).await);
        assert_eq!(s.journey(w.ws, second.id).await.unwrap(), second);
        assert_duplicate(s.create_journey(w.ws, w.business, "Third", &w.journey.join_code, &random_token()).await);
        assert_eq!(s.journeys(w.ws, w.business).await.unwrap().len(), 2);
        // The writer goes on after a failed job.
        w.add(s, w.stages[0], "Still writing").await;
    }

    async fn renaming_a_journey_is_logged_for_its_watchers(db) {
        let s = &db.store;
        let w = world(s).await;
        let j = s.rename_journey(w.ws, w.journey.id, "Ordering a wedding cake").await.unwrap();
        assert_eq!(j.name, "Ordering a wedding cake");
        assert_eq!(j.last_seq, 1);
        let log = w.log(s).await;
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].event, LiveEvent::Board(BoardEvent::JourneyRenamed { name: "Ordering a wedding cake".into() }));
    }

    async fn channel_changes_are_logged_on_every_journey_of_the_business(db) {
        let s = &db.store;
        let w = world(s).await;
        let second = new_journey(s, w.ws, w.business, "Second").await;
        let other_business = s.create_business(w.ws, "Elsewhere").await.unwrap();
        let elsewhere = new_journey(s, w.ws, other_business.id, "Elsewhere journey").await;

        let c = s.add_channel(w.ws, w.business, "Shop window", "#123456", "WIN").await.unwrap();
        assert_eq!((c.position, c.retired, c.business_id), (12, false, w.business));
        assert_eq!(s.channels(w.ws, w.business).await.unwrap().len(), 13);
        let c2 = s
            .update_channel(w.ws, c.id, Some("Window".into()), None, None, Some(true))
            .await
            .unwrap();
        assert_eq!((c2.name.as_str(), c2.colour.as_str(), c2.retired), ("Window", "#123456", true));
        assert_eq!(s.channel(w.ws, c.id).await.unwrap(), c2);

        for j in [&w.journey, &second] {
            let log = s.changes_since(w.ws, j.id, 0, 100).await.unwrap();
            let events: Vec<_> = log.iter().map(|c| (c.seq, c.event.clone())).collect();
            assert_eq!(events, [(1, LiveEvent::Board(BoardEvent::ChannelsChanged)), (2, LiveEvent::Board(BoardEvent::ChannelsChanged))]);
        }
        assert!(s.changes_since(w.ws, elsewhere.id, 0, 100).await.unwrap().is_empty());
    }
}

// ---- tenancy ---------------------------------------------------------------------

on_both! {
    async fn every_read_and_write_with_another_workspaces_id_finds_nothing(db) {
        let s = &db.store;
        let w = world(s).await;
        let m = w.add(s, w.stages[0], "Greeting at the door").await;
        let channel = s.channels(w.ws, w.business).await.unwrap()[0].id;
        let them = world(s).await;
        let (ws2, j) = (them.ws, w.journey.id);

        assert_not_found(s.business(ws2, w.business).await);
        assert!(s.businesses(ws2).await.unwrap().iter().all(|b| b.id != w.business));
        assert_not_found(s.rename_business(ws2, w.business, "Mine now").await);
        assert_not_found(s.journey(ws2, j).await);
        assert!(s.journeys(ws2, w.business).await.unwrap().is_empty());
        assert_not_found(s.board(ws2, j).await);
        assert_not_found(s.rename_journey(ws2, j, "Mine now").await);
        assert_not_found(s.rotate_join(ws2, j, "MINE1", &random_token()).await);
        assert!(s.stages(ws2, j).await.unwrap().is_empty());
        assert_not_found(s.stage(ws2, w.stages[0]).await);
        assert!(s.channels(ws2, w.business).await.unwrap().is_empty());
        assert_not_found(s.channel(ws2, channel).await);
        assert_not_found(s.add_channel(ws2, w.business, "Mine", "#000000", "X").await);
        assert_not_found(s.update_channel(ws2, channel, Some("Mine".into()), None, None, None).await);
        assert_not_found(s.moment(ws2, m.id).await);
        assert_not_found(s.moment_journey(ws2, m.id).await);
        assert!(s.moments(ws2, j).await.unwrap().is_empty());
        assert!(s.changes_since(ws2, j, 0, 100).await.unwrap().is_empty());

        // Their owner, naming our journey under their workspace id…
        let stranger = them.owner;
        let commands = vec![
            add_cmd(w.stages[0], "Planted"),
            edit_title(m.id, "Defaced"),
            BoardCommand::MoveMoment { id: m.id, stage_id: w.stages[1], index: 0 },
            BoardCommand::DeleteMoment { id: m.id },
            BoardCommand::RestoreMoment { id: m.id },
            BoardCommand::AddStage { name: "Planted".into() },
            BoardCommand::RenameStage { id: w.stages[0], name: "Defaced".into() },
            BoardCommand::MoveStage { id: w.stages[0], index: 2 },
            BoardCommand::RemoveStage { id: w.stages[2] },
        ];
        for cmd in commands {
            assert_not_found(s.apply(ws2, j, stranger, "Stranger", cmd.clone()).await);
            // …or our ids inside their own journey.
            let r = s.apply(ws2, them.journey.id, stranger, "Stranger", cmd.clone()).await;
            match cmd {
                BoardCommand::AddStage { .. } => {
                    r.unwrap();
                }
                _ => assert_not_found(r),
            }
        }
        // Our channel on a note in their journey.
        let cmd = BoardCommand::AddMoment {
            stage_id: them.stages[0],
            channel_id: Some(channel),
            title: "Borrowed channel".into(),
            description: String::new(),
        };
        assert_not_found(s.apply(ws2, them.journey.id, stranger, "Stranger", cmd).await);

        // Nothing of ours changed.
        assert_eq!(s.moment(w.ws, m.id).await.unwrap(), m);
        assert_eq!(w.last_seq(s).await, 1);
        assert_eq!(s.stages(w.ws, j).await.unwrap().len(), 3);
        assert_eq!(s.journey(w.ws, j).await.unwrap().name, "Buying a cake");
        assert_eq!(s.channel(w.ws, channel).await.unwrap().name, "Face-to-face, 1-on-1");
    }
}

// ---- notes -------------------------------------------------------------------------

on_both! {
    async fn an_added_note_is_logged_and_shown_at_the_end_of_its_stage(db) {
        let s = &db.store;
        let w = world(s).await;
        let channel = s.channels(w.ws, w.business).await.unwrap()[7].id;
        let c = w
            .apply(s, BoardCommand::AddMoment {
                stage_id: w.stages[1],
                channel_id: Some(channel),
                title: "  Store first impressions ".into(),
                description: "Customer walks in\r\nand looks around".into(),
            })
            .await
            .unwrap();
        assert_eq!((c.workspace_id, c.journey_id, c.seq), (w.ws, w.journey.id, 1));
        let LiveEvent::Board(BoardEvent::MomentAdded { moment: m }) = c.event.clone() else { panic!("{c:?}") };
        assert_eq!(m.title, "Store first impressions");
        assert_eq!(m.description, "Customer walks in\nand looks around");
        assert_eq!((m.stage_id, m.channel_id, m.position), (w.stages[1], Some(channel), 0));
        let Actor::Member { user_id, .. } = w.owner else { unreachable!() };
        assert_eq!((m.author, m.author_name.as_str()), (Author::User(user_id), "Olive Owner"));
        assert_eq!(m.created_at, m.updated_at);
        assert_eq!(s.moment(w.ws, m.id).await.unwrap(), m);
        assert_eq!(s.moment_journey(w.ws, m.id).await.unwrap(), w.journey.id);
        let second = w.add(s, w.stages[1], "Finding the counter").await;
        assert_eq!(second.position, 1);
        let board = s.board(w.ws, w.journey.id).await.unwrap();
        assert_eq!(board.moments, vec![m, second]);
        assert_eq!(board.journey.last_seq, 2);
        assert_eq!(w.log(s).await[0], c);
    }

    async fn editing_a_note_changes_only_what_was_given_and_can_clear_its_channel(db) {
        let s = &db.store;
        let w = world(s).await;
        let chans = s.channels(w.ws, w.business).await.unwrap();
        let m = w.add(s, w.stages[0], "Website visit").await;
        assert_eq!(m.channel_id, None);

        let set = BoardCommand::EditMoment {
            id: m.id, title: None, description: Some("Looks for opening hours".into()),
            channel_id: Some(Some(chans[10].id)),
        };
        let LiveEvent::Board(BoardEvent::MomentUpdated { moment: e1 }) = w.apply(s, set).await.unwrap().event else { panic!() };
        assert_eq!((e1.title.as_str(), e1.description.as_str(), e1.channel_id),
            ("Website visit", "Looks for opening hours", Some(chans[10].id)));
        assert!(e1.updated_at >= m.updated_at);
        assert_eq!(s.moment(w.ws, m.id).await.unwrap(), e1);

        let LiveEvent::Board(BoardEvent::MomentUpdated { moment: e2 }) = w.apply(s, edit_title(m.id, "Web visit")).await.unwrap().event else { panic!() };
        assert_eq!((e2.title.as_str(), e2.channel_id), ("Web visit", Some(chans[10].id)), "channel kept");
        assert_eq!(e2.description, "Looks for opening hours");

        let clear = BoardCommand::EditMoment { id: m.id, title: None, description: None, channel_id: Some(None) };
        let LiveEvent::Board(BoardEvent::MomentUpdated { moment: e3 }) = w.apply(s, clear).await.unwrap().event else { panic!() };
        assert_eq!(e3.channel_id, None);
        let stored = s.moment(w.ws, m.id).await.unwrap();
        assert_eq!(stored, e3);
        assert_eq!((stored.title.as_str(), stored.position, stored.created_at), ("Web visit", m.position, m.created_at));
        assert_eq!(w.last_seq(s).await, 4);
    }

    async fn notes_move_within_a_stage_and_across_stages(db) {
        let s = &db.store;
        let w = world(s).await;
        let (a, b) = (w.stages[0], w.stages[1]);
        let n1 = w.add(s, a, "one").await;
        let n2 = w.add(s, a, "two").await;
        let n3 = w.add(s, a, "three").await;
        let n4 = w.add(s, b, "four").await;

        let c = w.apply(s, BoardCommand::MoveMoment { id: n3.id, stage_id: a, index: 0 }).await.unwrap();
        assert_eq!(c.event, LiveEvent::Board(BoardEvent::MomentsReordered {
            stages: vec![StageOrder { stage_id: a, moment_ids: vec![n3.id, n1.id, n2.id] }],
        }));
        assert_eq!(w.titles_in(s, a).await, ["three", "one", "two"]);

        let c = w.apply(s, BoardCommand::MoveMoment { id: n1.id, stage_id: b, index: 99 }).await.unwrap();
        assert_eq!(c.event, LiveEvent::Board(BoardEvent::MomentsReordered {
            stages: vec![
                StageOrder { stage_id: a, moment_ids: vec![n3.id, n2.id] },
                StageOrder { stage_id: b, moment_ids: vec![n4.id, n1.id] },
            ],
        }));
        assert_eq!(w.titles_in(s, a).await, ["three", "two"]);
        assert_eq!(w.titles_in(s, b).await, ["four", "one"]);
        let moved = s.moment(w.ws, n1.id).await.unwrap();
        assert_eq!((moved.stage_id, moved.position), (b, 1));

        w.apply(s, BoardCommand::MoveMoment { id: n2.id, stage_id: b, index: 1 }).await.unwrap();
        assert_eq!(w.titles_in(s, a).await, ["three"]);
        assert_eq!(w.titles_in(s, b).await, ["four", "two", "one"]);
        let positions: Vec<_> = s.moments(w.ws, w.journey.id).await.unwrap()
            .iter().filter(|m| m.stage_id == b).map(|m| m.position).collect();
        assert_eq!(positions, [0, 1, 2]);

        assert_not_found(w.apply(s, BoardCommand::MoveMoment { id: n2.id, stage_id: 999_999, index: 0 }).await);
        assert_eq!(w.last_seq(s).await, 7);
    }

    async fn a_board_holds_at_most_a_thousand_live_notes(db) {
        let s = &db.store;
        let w = world(s).await;
        // 1,000 notes at once (group commit), then the cap.
        let adds = (0..1000).map(|i| w.apply(s, add_cmd(w.stages[i % 3], &format!("n{i}"))));
        let added = futures_util::future::join_all(adds).await;
        assert!(added.iter().all(|r| r.is_ok()), "{:?}", added.iter().find(|r| r.is_err()));
        let over = w.apply(s, add_cmd(w.stages[0], "one too many")).await.unwrap_err();
        assert!(matches!(over, StoreError::Rule(RuleError::Conflict(_))), "{over:?}");
        // A deleted note frees its place; its restore takes it back.
        let LiveEvent::Board(BoardEvent::MomentAdded { moment }) = &added[0].as_ref().unwrap().event else { panic!() };
        w.apply(s, BoardCommand::DeleteMoment { id: moment.id }).await.unwrap();
        let late = w.add(s, w.stages[0], "fits now").await;
        assert!(w.apply(s, add_cmd(w.stages[0], "full again")).await.is_err());
        w.apply(s, BoardCommand::DeleteMoment { id: late.id }).await.unwrap();
        w.apply(s, BoardCommand::RestoreMoment { id: moment.id }).await.unwrap();
        assert!(w.apply(s, add_cmd(w.stages[0], "still full")).await.is_err());
        assert_eq!(s.moments(w.ws, w.journey.id).await.unwrap().len(), 1000);
        // Another board is not affected.
        let other = world(s).await;
        other.add(s, other.stages[0], "elsewhere").await;
    }

    async fn a_deleted_note_disappears_and_can_be_restored(db) {
        let s = &db.store;
        let w = world(s).await;
        let keep = w.add(s, w.stages[0], "keep").await;
        let m = w.add(s, w.stages[0], "bin me").await;
        let c = w.apply(s, BoardCommand::DeleteMoment { id: m.id }).await.unwrap();
        assert_eq!(c.event, LiveEvent::Board(BoardEvent::MomentDeleted { id: m.id, stage_id: w.stages[0] }));
        assert_not_found(s.moment(w.ws, m.id).await);
        assert_eq!(s.moment_journey(w.ws, m.id).await.unwrap(), w.journey.id);
        assert_eq!(s.moments(w.ws, w.journey.id).await.unwrap(), vec![keep.clone()]);
        assert_not_found(w.apply(s, edit_title(m.id, "edit a deleted note")).await);
        assert_not_found(w.apply(s, BoardCommand::DeleteMoment { id: m.id }).await);

        let c = w.apply(s, BoardCommand::RestoreMoment { id: m.id }).await.unwrap();
        let LiveEvent::Board(BoardEvent::MomentRestored { moment: r }) = c.event else { panic!() };
        assert_eq!((r.id, r.stage_id, r.title.as_str()), (m.id, w.stages[0], "bin me"));
        assert_eq!(s.moment(w.ws, m.id).await.unwrap(), r);
        assert_eq!(w.titles_in(s, w.stages[0]).await, ["keep", "bin me"]);
        assert_conflict(w.apply(s, BoardCommand::RestoreMoment { id: m.id }).await);
        assert_conflict(w.apply(s, BoardCommand::RestoreMoment { id: keep.id }).await);
        assert_eq!(w.last_seq(s).await, 4);
    }

    async fn a_note_restored_after_its_stage_was_removed_goes_to_the_end_of_the_first_stage(db) {
        let s = &db.store;
        let w = world(s).await;
        let first = w.add(s, w.stages[0], "first").await;
        let m = w.add(s, w.stages[2], "orphan").await;
        w.apply(s, BoardCommand::DeleteMoment { id: m.id }).await.unwrap();
        w.apply(s, BoardCommand::RemoveStage { id: w.stages[2] }).await.unwrap();
        assert_not_found(s.stage(w.ws, w.stages[2]).await);

        let c = w.apply(s, BoardCommand::RestoreMoment { id: m.id }).await.unwrap();
        let LiveEvent::Board(BoardEvent::MomentRestored { moment: r }) = c.event else { panic!() };
        assert_eq!((r.stage_id, r.position), (w.stages[0], 1));
        assert_eq!(s.moment(w.ws, m.id).await.unwrap(), r);
        let board = s.board(w.ws, w.journey.id).await.unwrap();
        assert_eq!(board.moments.iter().map(|m| m.id).collect::<Vec<_>>(), [first.id, m.id]);
        assert_eq!(board.stages.len(), 2);
    }
}

// ---- stages ------------------------------------------------------------------------

on_both! {
    async fn stages_are_added_renamed_moved_and_removed(db) {
        let s = &db.store;
        let w = world(s).await;
        let c = w.apply(s, BoardCommand::AddStage { name: " Follow-up ".into() }).await.unwrap();
        let LiveEvent::Board(BoardEvent::StageAdded { stage: added }) = c.event else { panic!() };
        assert_eq!((added.name.as_str(), added.position, added.journey_id), ("Follow-up", 3, w.journey.id));

        let c = w.apply(s, BoardCommand::RenameStage { id: w.stages[1], name: "In the shop".into() }).await.unwrap();
        let LiveEvent::Board(BoardEvent::StageRenamed { stage }) = c.event else { panic!() };
        assert_eq!((stage.id, stage.name.as_str()), (w.stages[1], "In the shop"));
        assert_eq!(s.stage(w.ws, w.stages[1]).await.unwrap().name, "In the shop");

        let c = w.apply(s, BoardCommand::MoveStage { id: added.id, index: 0 }).await.unwrap();
        let order = vec![added.id, w.stages[0], w.stages[1], w.stages[2]];
        assert_eq!(c.event, LiveEvent::Board(BoardEvent::StagesReordered { stage_ids: order.clone() }));
        let ids = |v: Vec<mot_core::Stage>| v.into_iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ids(s.stages(w.ws, w.journey.id).await.unwrap()), order);

        let c = w.apply(s, BoardCommand::RemoveStage { id: w.stages[0] }).await.unwrap();
        assert_eq!(c.event, LiveEvent::Board(BoardEvent::StageRemoved { id: w.stages[0] }));
        assert_eq!(ids(s.stages(w.ws, w.journey.id).await.unwrap()), [added.id, w.stages[1], w.stages[2]]);
        assert_not_found(w.apply(s, BoardCommand::RenameStage { id: w.stages[0], name: "Back".into() }).await);
        assert_not_found(w.apply(s, add_cmd(w.stages[0], "into a removed stage")).await);
        assert_eq!(w.last_seq(s).await, 4);
    }

    async fn removing_a_stage_that_holds_notes_or_the_last_stage_is_refused_and_changes_nothing(db) {
        let s = &db.store;
        let w = world(s).await;
        w.add(s, w.stages[1], "keeps the stage").await;
        let before = s.board(w.ws, w.journey.id).await.unwrap();
        assert_conflict(w.apply(s, BoardCommand::RemoveStage { id: w.stages[1] }).await);
        let after = s.board(w.ws, w.journey.id).await.unwrap();
        assert_eq!((after.stages, after.moments, after.journey), (before.stages, before.moments, before.journey));
        assert_eq!(w.log(s).await.len(), 1);

        w.apply(s, BoardCommand::RemoveStage { id: w.stages[0] }).await.unwrap();
        w.apply(s, BoardCommand::RemoveStage { id: w.stages[2] }).await.unwrap();
        let m = s.moments(w.ws, w.journey.id).await.unwrap()[0].id;
        w.apply(s, BoardCommand::DeleteMoment { id: m }).await.unwrap();
        assert_eq!(w.last_seq(s).await, 4);
        assert_conflict(w.apply(s, BoardCommand::RemoveStage { id: w.stages[1] }).await);
        assert_eq!(s.stages(w.ws, w.journey.id).await.unwrap().len(), 1);
        assert_eq!(w.last_seq(s).await, 4);
        assert_eq!(w.log(s).await.len(), 4);
    }

    async fn a_journey_holds_at_most_twenty_stages(db) {
        let s = &db.store;
        let w = world(s).await;
        for i in 3..Limits::STAGES_PER_JOURNEY {
            w.apply(s, BoardCommand::AddStage { name: format!("Stage {i}") }).await.unwrap();
        }
        assert_conflict(w.apply(s, BoardCommand::AddStage { name: "One too many".into() }).await);
        assert_eq!(s.stages(w.ws, w.journey.id).await.unwrap().len(), Limits::STAGES_PER_JOURNEY);
    }
}

// ---- who may do what, and what is refused ------------------------------------------

on_both! {
    async fn a_guest_changes_only_their_own_notes_on_their_own_journey(db) {
        let s = &db.store;
        let w = world(s).await;
        let other_journey = new_journey(s, w.ws, w.business, "Other").await;
        let other_stage = s.stages(w.ws, other_journey.id).await.unwrap()[0].id;
        let g = s.create_guest(w.ws, w.journey.id, "Gus", &random_token(), "c").await.unwrap();
        let guest = Actor::Guest { guest_id: g.id, journey_id: w.journey.id };
        let g2 = s.create_guest(w.ws, w.journey.id, "Gwen", &random_token(), "c").await.unwrap();
        let other_guest = Actor::Guest { guest_id: g2.id, journey_id: w.journey.id };
        let j = w.journey.id;
        let owners = w.add(s, w.stages[0], "owner's note").await;

        let c = s.apply(w.ws, j, guest, "Gus", add_cmd(w.stages[0], "guest's note")).await.unwrap();
        let LiveEvent::Board(BoardEvent::MomentAdded { moment: mine }) = c.event else { panic!() };
        assert_eq!((mine.author, mine.author_name.as_str()), (Author::Guest(g.id), "Gus"));

        s.apply(w.ws, j, guest, "Gus", edit_title(mine.id, "guest's note, edited")).await.unwrap();
        s.apply(w.ws, j, guest, "Gus", BoardCommand::MoveMoment { id: mine.id, stage_id: w.stages[1], index: 0 }).await.unwrap();
        s.apply(w.ws, j, guest, "Gus", BoardCommand::DeleteMoment { id: mine.id }).await.unwrap();
        s.apply(w.ws, j, guest, "Gus", BoardCommand::RestoreMoment { id: mine.id }).await.unwrap();

        assert_forbidden(s.apply(w.ws, j, guest, "Gus", edit_title(owners.id, "hijacked")).await);
        assert_forbidden(s.apply(w.ws, j, guest, "Gus", BoardCommand::DeleteMoment { id: owners.id }).await);
        assert_forbidden(s.apply(w.ws, j, guest, "Gus", BoardCommand::MoveMoment { id: owners.id, stage_id: w.stages[2], index: 0 }).await);
        assert_forbidden(s.apply(w.ws, j, other_guest, "Gwen", edit_title(mine.id, "not yours")).await);
        assert_forbidden(s.apply(w.ws, j, guest, "Gus", BoardCommand::AddStage { name: "Guest stage".into() }).await);
        assert_forbidden(s.apply(w.ws, j, guest, "Gus", BoardCommand::RenameStage { id: w.stages[0], name: "x".into() }).await);
        assert_forbidden(s.apply(w.ws, j, guest, "Gus", BoardCommand::MoveStage { id: w.stages[0], index: 2 }).await);
        assert_forbidden(s.apply(w.ws, j, guest, "Gus", BoardCommand::RemoveStage { id: w.stages[2] }).await);
        // Another journey is invisible to the guest.
        assert_not_found(s.apply(w.ws, other_journey.id, guest, "Gus", add_cmd(other_stage, "gatecrash")).await);
        assert!(s.moments(w.ws, other_journey.id).await.unwrap().is_empty());

        assert_eq!(s.moment(w.ws, owners.id).await.unwrap(), owners);
        assert_eq!(s.moment(w.ws, mine.id).await.unwrap().title, "guest's note, edited");
        // Members edit every note, guests' too.
        let member = member(s, w.ws, Role::Member).await;
        s.apply(w.ws, j, member, "Pat", edit_title(mine.id, "tidied by a member")).await.unwrap();
        assert_eq!(w.last_seq(s).await, 7);
    }

    async fn a_viewer_may_look_but_not_add_or_change(db) {
        let s = &db.store;
        let w = world(s).await;
        let m = w.add(s, w.stages[0], "a note").await;
        let viewer = member(s, w.ws, Role::Viewer).await;
        let j = w.journey.id;
        assert_forbidden(s.apply(w.ws, j, viewer, "Vic", add_cmd(w.stages[0], "mine")).await);
        assert_forbidden(s.apply(w.ws, j, viewer, "Vic", edit_title(m.id, "changed")).await);
        assert_forbidden(s.apply(w.ws, j, viewer, "Vic", BoardCommand::DeleteMoment { id: m.id }).await);
        assert_forbidden(s.apply(w.ws, j, viewer, "Vic", BoardCommand::AddStage { name: "s".into() }).await);
        assert_eq!(s.moments(w.ws, j).await.unwrap(), vec![m]);
        assert_eq!(w.last_seq(s).await, 1);
    }

    async fn an_over_long_or_empty_title_is_refused_and_nothing_is_logged(db) {
        let s = &db.store;
        let w = world(s).await;
        let too_long = "x".repeat(Limits::MOMENT_TITLE + 1);
        assert_invalid(w.apply(s, add_cmd(w.stages[0], &too_long)).await, "title");
        assert_invalid(w.apply(s, add_cmd(w.stages[0], "   ")).await, "title");
        let m = w.add(s, w.stages[0], &"é".repeat(Limits::MOMENT_TITLE)).await;
        assert_eq!(m.title.chars().count(), Limits::MOMENT_TITLE);
        assert_invalid(w.apply(s, edit_title(m.id, &too_long)).await, "title");
        assert_invalid(w.apply(s, BoardCommand::AddStage { name: "s".repeat(Limits::STAGE_NAME + 1) }).await, "name");
        assert_eq!(s.moment(w.ws, m.id).await.unwrap(), m);
        assert_eq!(w.last_seq(s).await, 1);
    }

    async fn a_retired_channel_cannot_be_given_to_a_note(db) {
        let s = &db.store;
        let w = world(s).await;
        let post = s.channels(w.ws, w.business).await.unwrap()[6].clone();
        assert_eq!(post.name, "Post");
        let m = w.add(s, w.stages[0], "letter").await;
        s.update_channel(w.ws, post.id, None, None, None, Some(true)).await.unwrap();
        let seq = w.last_seq(s).await;
        let add = BoardCommand::AddMoment {
            stage_id: w.stages[0], channel_id: Some(post.id), title: "brochure".into(), description: String::new(),
        };
        assert_conflict(w.apply(s, add.clone()).await);
        let edit = BoardCommand::EditMoment { id: m.id, title: None, description: None, channel_id: Some(Some(post.id)) };
        assert_conflict(w.apply(s, edit.clone()).await);
        assert_eq!(w.last_seq(s).await, seq);
        s.update_channel(w.ws, post.id, None, None, None, Some(false)).await.unwrap();
        w.apply(s, add).await.unwrap();
        w.apply(s, edit).await.unwrap();
    }

    async fn a_channel_of_another_business_is_refused(db) {
        let s = &db.store;
        let w = world(s).await;
        let other = s.create_business(w.ws, "Butcher").await.unwrap();
        let theirs = s.channels(w.ws, other.id).await.unwrap()[0].id;
        let m = w.add(s, w.stages[0], "a note").await;
        let add = BoardCommand::AddMoment {
            stage_id: w.stages[0], channel_id: Some(theirs), title: "x".into(), description: String::new(),
        };
        assert_not_found(w.apply(s, add).await);
        let edit = BoardCommand::EditMoment { id: m.id, title: None, description: None, channel_id: Some(Some(theirs)) };
        assert_not_found(w.apply(s, edit).await);
        assert_eq!(s.moment(w.ws, m.id).await.unwrap().channel_id, None);
        assert_eq!(w.last_seq(s).await, 1);
    }
}

// ---- the change log --------------------------------------------------------------------

on_both! {
    async fn the_change_log_numbers_each_journey_from_one_without_gaps(db) {
        let s = &db.store;
        let w = world(s).await;
        let other = new_journey(s, w.ws, w.business, "Other").await;
        let other_stage = s.stages(w.ws, other.id).await.unwrap()[0].id;
        let mut seqs = Vec::new();
        for i in 0..10 {
            let m = w.add(s, w.stages[i % 3], &format!("note {i}")).await;
            seqs.push(w.last_seq(s).await);
            // Refused commands and other journeys' changes take no number.
            assert!(w.apply(s, BoardCommand::RemoveStage { id: m.stage_id }).await.is_err());
            assert!(w.apply(s, add_cmd(999_999, "nowhere")).await.is_err());
            let c = s.apply(w.ws, other.id, w.owner, "Olive", add_cmd(other_stage, "elsewhere")).await.unwrap();
            assert_eq!(c.seq, i as i64 + 1);
        }
        assert_eq!(seqs, (1..=10).collect::<Vec<i64>>());
        let log = w.log(s).await;
        assert_eq!(log.iter().map(|c| c.seq).collect::<Vec<_>>(), (1..=10).collect::<Vec<i64>>());
        assert!(log.iter().all(|c| c.journey_id == w.journey.id && c.workspace_id == w.ws));
        assert!(log.windows(2).all(|p| p[0].at <= p[1].at));
        let other_log = s.changes_since(w.ws, other.id, 0, 1000).await.unwrap();
        assert_eq!(other_log.iter().map(|c| c.seq).collect::<Vec<_>>(), (1..=10).collect::<Vec<i64>>());
    }

    async fn a_client_that_missed_100_changes_gets_exactly_those_in_order(db) {
        let s = &db.store;
        let w = world(s).await;
        for i in 0..7 {
            w.add(s, w.stages[0], &format!("before {i}")).await;
        }
        // The client loads the board and so knows seq S…
        let client_seq = s.board(w.ws, w.journey.id).await.unwrap().journey.last_seq;
        assert_eq!(client_seq, 7);
        // …then goes offline while 100 changes happen.
        let mut missed = Vec::new();
        for i in 0..100 {
            let c = if i % 4 == 3 {
                w.apply(s, BoardCommand::RenameStage { id: w.stages[1], name: format!("Stage v{i}") }).await
            } else {
                w.apply(s, add_cmd(w.stages[i % 3], &format!("missed {i}"))).await
            };
            missed.push(c.unwrap());
        }
        let got = s.changes_since(w.ws, w.journey.id, client_seq, 1000).await.unwrap();
        assert_eq!(got.len(), 100);
        assert_eq!(got, missed);
        assert_eq!(got.iter().map(|c| c.seq).collect::<Vec<_>>(), (8..=107).collect::<Vec<i64>>());

        // Paging with a limit gives the same changes, in pieces.
        let mut paged = Vec::new();
        let mut since = client_seq;
        loop {
            let page = s.changes_since(w.ws, w.journey.id, since, 30).await.unwrap();
            assert!(page.len() <= 30);
            let Some(last) = page.last() else { break };
            since = last.seq;
            paged.extend(page);
        }
        assert_eq!(paged, missed);
        assert!(s.changes_since(w.ws, w.journey.id, 107, 1000).await.unwrap().is_empty());
        assert_eq!(s.changes_since(w.ws, w.journey.id, 106, 1000).await.unwrap(), vec![missed[99].clone()]);
    }

    async fn two_hundred_concurrent_changes_get_two_hundred_contiguous_numbers_and_all_last(db) {
        let s = &db.store;
        let w = world(s).await;
        let mut tasks = Vec::new();
        for i in 0..200 {
            let (s, ws, j, actor, stage) = (s.clone(), w.ws, w.journey.id, w.owner, w.stages[i % 3]);
            tasks.push(tokio::spawn(async move {
                s.apply(ws, j, actor, "Olive", add_cmd(stage, &format!("note {i}"))).await
            }));
        }
        let mut seqs = Vec::new();
        for t in tasks {
            seqs.push(t.await.unwrap().unwrap().seq);
        }
        seqs.sort();
        assert_eq!(seqs, (1..=200).collect::<Vec<i64>>());

        // Read back through a separate connection pool: the changes are in the database.
        let fresh = db.second_instance().await;
        assert_eq!(fresh.journey(w.ws, w.journey.id).await.unwrap().last_seq, 200);
        let log = fresh.changes_since(w.ws, w.journey.id, 0, 1000).await.unwrap();
        assert_eq!(log.iter().map(|c| c.seq).collect::<Vec<_>>(), (1..=200).collect::<Vec<i64>>());
        let moments = fresh.moments(w.ws, w.journey.id).await.unwrap();
        assert_eq!(moments.len(), 200);
        for stage in &w.stages {
            let mut positions: Vec<_> = moments.iter().filter(|m| m.stage_id == *stage).map(|m| m.position).collect();
            let n = positions.len() as i64;
            positions.sort();
            assert_eq!(positions, (0..n).collect::<Vec<_>>(), "positions in a stage are distinct");
        }
        fresh.close().await;
    }

    async fn a_refused_change_in_a_busy_moment_does_not_undo_its_neighbours(db) {
        let s = &db.store;
        let w = world(s).await;
        let taken = w.journey.join_code.clone();
        w.add(s, w.stages[0], "keeps the stage").await;
        let mut tasks = Vec::new();
        for i in 0..60 {
            let (s, ws, j, actor, stage, b, taken) =
                (s.clone(), w.ws, w.journey.id, w.owner, w.stages[0], w.business, taken.clone());
            tasks.push(tokio::spawn(async move {
                match i % 3 {
                    0 => s.apply(ws, j, actor, "Olive", add_cmd(stage, &format!("ok {i}"))).await.map(|_| ()),
                    // Fails inside the writer on a rule…
                    1 => s.apply(ws, j, actor, "Olive", BoardCommand::RemoveStage { id: stage }).await.map(|_| ()),
                    // …or on a unique key, which aborts the statement in the database.
                    _ => s.create_journey(ws, b, "dup", &taken, &random_token()).await.map(|_| ()),
                }
            }));
        }
        for (i, t) in tasks.into_iter().enumerate() {
            let r = t.await.unwrap();
            match i % 3 {
                0 => r.unwrap(),
                1 => assert_conflict(r),
                _ => assert_duplicate(r),
            }
        }
        assert_eq!(s.moments(w.ws, w.journey.id).await.unwrap().len(), 21);
        assert_eq!(w.last_seq(s).await, 21);
        assert_eq!(s.journeys(w.ws, w.business).await.unwrap().len(), 1);
    }

    async fn subscribers_hear_local_changes_in_commit_order(db) {
        let s = &db.store;
        let w = world(s).await;
        let mut rx = s.subscribe();
        let mut tasks = Vec::new();
        for i in 0..50 {
            let (s, ws, j, actor, stage) = (s.clone(), w.ws, w.journey.id, w.owner, w.stages[i % 3]);
            tasks.push(tokio::spawn(async move {
                s.apply(ws, j, actor, "Olive", add_cmd(stage, &format!("note {i}"))).await
            }));
        }
        let mut returned = Vec::new();
        for t in tasks {
            returned.push(t.await.unwrap().unwrap());
        }
        returned.push(w.apply(s, BoardCommand::AddStage { name: "Later".into() }).await.unwrap());
        returned.sort_by_key(|c| c.seq);

        // A notice is sent before the caller hears back, so all are queued now.
        let mut heard = Vec::new();
        loop {
            match rx.try_recv() {
                Ok(Notice::Local(c)) => heard.push((*c).clone()),
                Ok(_) => {}
                Err(broadcast::error::TryRecvError::Empty) => break,
                Err(e) => panic!("{e:?}"),
            }
        }
        assert_eq!(heard, returned);
        assert_eq!(heard.iter().map(|c| c.seq).collect::<Vec<_>>(), (1..=51).collect::<Vec<i64>>());
    }
}

// ---- durability and other processes ------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reopened_sqlite_file_holds_every_acknowledged_change() {
    let dir = tempfile::tempdir().unwrap();
    let url = mot_store::sqlite_url_for_dir(dir.path());
    let (w, board, log) = {
        let s = Store::connect(&url).await.unwrap();
        s.migrate().await.unwrap();
        let w = world(&s).await;
        let m = w.add(&s, w.stages[0], "first").await;
        w.add(&s, w.stages[1], "second").await;
        w.apply(&s, edit_title(m.id, "first, edited"))
            .await
            .unwrap();
        w.apply(
            &s,
            BoardCommand::AddStage {
                name: "After".into(),
            },
        )
        .await
        .unwrap();
        let mut tasks = Vec::new();
        for i in 0..30 {
            let (s, ws, j, actor, stage) = (s.clone(), w.ws, w.journey.id, w.owner, w.stages[2]);
            tasks.push(tokio::spawn(async move {
                s.apply(ws, j, actor, "Olive", add_cmd(stage, &format!("burst {i}")))
                    .await
            }));
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        let board = s.board(w.ws, w.journey.id).await.unwrap();
        let log = w.log(&s).await;
        s.close().await;
        drop(s);
        (w, board, log)
    };
    assert!(dir.path().join("mot.sqlite3").exists());

    let s = Store::connect(&url).await.unwrap();
    s.migrate().await.unwrap(); // a no-op on a migrated file
    let again = s.board(w.ws, w.journey.id).await.unwrap();
    assert_eq!(again.journey, board.journey);
    assert_eq!(again.journey.last_seq, 34);
    assert_eq!(again.stages, board.stages);
    assert_eq!(again.channels, board.channels);
    assert_eq!(again.moments, board.moments);
    assert_eq!(again.moments.len(), 32);
    assert_eq!(w.log(&s).await, log);
    // And the writer of the reopened store goes on numbering.
    assert_eq!(w.add(&s, w.stages[0], "after reopening").await.position, 1);
    assert_eq!(w.last_seq(&s).await, 35);
    s.close().await;
}

#[tokio::test]
async fn an_unknown_database_scheme_is_refused() {
    match Store::connect("mysql://localhost/mot").await {
        Err(StoreError::Config(msg)) => assert!(msg.contains("mysql"), "{msg}"),
        Err(e) => panic!("expected Config, got {e:?}"),
        Ok(_) => panic!("expected Config, got a store"),
    }
}

on_postgres_only! {
    async fn a_change_made_by_another_instance_arrives_as_a_remote_notice(db) {
        let a = &db.store;
        let w = world(a).await;
        let b = db.second_instance().await;
        let mut rx_b = b.subscribe();
        // Before B listens, notices would be lost. (Waiting for its first
        // Resync raced: it may come before the subscription.)
        tokio::time::timeout(Duration::from_secs(10), b.until_listening()).await.expect("B listens");
        tokio::time::timeout(Duration::from_secs(10), a.until_listening()).await.expect("A listens");
        let mut rx_a = a.subscribe();

        let c = w.add(a, w.stages[0], "from instance A").await;
        let seq = w.last_seq(a).await;
        let (ws, j, got) = next_notice(&mut rx_b, "Remote notice on B", |n| match n {
            Notice::Remote { workspace_id, journey_id, seq } => Some((*workspace_id, *journey_id, *seq)),
            Notice::Local(c) => panic!("B committed nothing but heard Local {c:?}"),
            Notice::Resync | Notice::Revoked(_) => None,
        })
        .await;
        assert_eq!((ws, j, got), (w.ws, w.journey.id, seq));
        let local = next_notice(&mut rx_a, "Local notice on A", |n| match n {
            Notice::Local(c) => Some(c.clone()),
            _ => None,
        })
        .await;
        assert_eq!(local.seq, seq);
        // B reads the change from the log.
        let log = b.changes_since(ws, j, got - 1, 10).await.unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].event, LiveEvent::Board(BoardEvent::MomentAdded { moment: c }));

        // And the other way round.
        let c2 = b.apply(w.ws, w.journey.id, w.owner, "Olive", add_cmd(w.stages[1], "from B")).await.unwrap();
        let got = next_notice(&mut rx_a, "Remote notice on A", |n| match n {
            Notice::Remote { journey_id, seq, .. } if *journey_id == w.journey.id => Some(*seq),
            _ => None,
        })
        .await;
        assert_eq!(got, c2.seq);
        b.close().await;
    }

    async fn two_instances_writing_one_journey_keep_numbers_and_positions_distinct(db) {
        let a = &db.store;
        let w = world(a).await;
        let b = db.second_instance().await;
        let mut tasks = Vec::new();
        for i in 0..80 {
            let s = if i % 2 == 0 { a.clone() } else { b.clone() };
            let (ws, j, actor, stage) = (w.ws, w.journey.id, w.owner, w.stages[0]);
            tasks.push(tokio::spawn(async move {
                s.apply(ws, j, actor, "Olive", add_cmd(stage, &format!("note {i}"))).await
            }));
        }
        let mut seqs = Vec::new();
        for t in tasks {
            seqs.push(t.await.unwrap().unwrap().seq);
        }
        seqs.sort();
        assert_eq!(seqs, (1..=80).collect::<Vec<i64>>());
        let mut positions: Vec<_> = a.moments(w.ws, w.journey.id).await.unwrap().iter().map(|m| m.position).collect();
        positions.sort();
        assert_eq!(positions, (0..80).collect::<Vec<i64>>(), "no two notes share a place");
        b.close().await;
    }
}

// ---- the five-step session --------------------------------------------------

mod sessions {
    use super::*;
    use mot_core::date;
    use mot_core::session::{
        ActionStatus, Phase, Rating, SessionCommand, SessionSettings, StepDraft,
    };

    fn guest(store_journey: Id, id: Id) -> Actor {
        Actor::Guest {
            guest_id: id,
            journey_id: store_journey,
        }
    }

    async fn step(store: &Store, w: &World, s: Id, from: Phase, to: Phase) {
        store
            .session_command(
                w.ws,
                s,
                w.owner,
                "Olive",
                SessionCommand::ChangePhase {
                    expected: from,
                    target: to,
                },
            )
            .await
            .unwrap();
    }

    /// A session with four moments on the board, moved to `phase`.
    async fn session_at(
        store: &Store,
        w: &World,
        phase: Phase,
        settings: SessionSettings,
    ) -> (Id, Vec<Id>) {
        let mut moments = Vec::new();
        for t in [
            "Sees the shop window",
            "Asks for a price",
            "Pays",
            "Picks up the cake",
        ] {
            let c = w.apply(store, add_cmd(w.stages[0], t)).await.unwrap();
            if let LiveEvent::Board(BoardEvent::MomentAdded { moment }) = c.event {
                moments.push(moment.id);
            }
        }
        let s = store
            .start_session(
                w.ws,
                w.journey.id,
                w.owner,
                "November session",
                date::parse("d", "2026-11-25").unwrap(),
                settings,
            )
            .await
            .unwrap();
        let mut p = Phase::Capture;
        while p != phase {
            let n = p.next().unwrap();
            step(store, w, s.id, p, n).await;
            p = n;
        }
        (s.id, moments)
    }

    on_both! {
        async fn a_session_command_sent_twice_with_its_request_id_counts_once(db) {
            let store = &db.store;
            let w = world(store).await;
            let (s, m) = session_at(store, &w, Phase::Prioritise, SessionSettings { vote_limit: 3, multi_vote: true, ..Default::default() }).await;
            let vote = |rid: &'static str| {
                store.session_command_once(w.ws, None, s, w.owner, "Olive", SessionCommand::Vote { moment_id: m[0] }, Some(rid))
            };
            let first = vote("vote-request-0000000001").await.unwrap();
            let again = vote("vote-request-0000000001").await.unwrap();
            assert_eq!(again, first, "the repeat answers the first outcome");
            let view = store.session_view(w.ws, s, w.owner.author()).await.unwrap();
            assert_eq!(view.my_votes, vec![m[0]], "one dot, not two");
            // A new id is a new dot (several dots on one note are allowed here).
            vote("vote-request-0000000002").await.unwrap();
            let view = store.session_view(w.ws, s, w.owner.author()).await.unwrap();
            assert_eq!(view.my_votes, vec![m[0], m[0]]);
            // The same id for another command is refused.
            let other = store.session_command_once(w.ws, None, s, w.owner, "Olive", SessionCommand::Vote { moment_id: m[1] }, Some("vote-request-0000000001")).await;
            assert_conflict(other);

            store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::RevealVotes).await.unwrap();
            store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::SetPriorities { moment_ids: vec![m[0]] }).await.unwrap();
            step(store, &w, s, Phase::Prioritise, Phase::Assess).await;
            step(store, &w, s, Phase::Assess, Phase::Ideas).await;
            let idea = || store.session_command_once(w.ws, None, s, w.owner, "Olive", SessionCommand::AddIdea { moment_id: m[0], text: "Greet within 3 seconds".into() }, Some("idea-request-0000000001"));
            let (a, b) = tokio::join!(idea(), idea());
            assert_eq!(a.unwrap(), b.unwrap());
            let view = store.session_view(w.ws, s, w.owner.author()).await.unwrap();
            assert_eq!(view.ideas.len(), 1, "one idea, not two");
        }

        async fn a_whole_session_runs_from_capture_to_wrap_up(db) {
            let store = &db.store;
            let w = world(store).await;
            let (s, m) = session_at(store, &w, Phase::Prioritise, SessionSettings { vote_limit: 2, ..Default::default() }).await;
            let (g1, g2) = (guest(w.journey.id, 101), guest(w.journey.id, 102));
            let ws = w.ws;
            let cmd = |sc: (Actor, SessionCommand)| async move { store.session_command(ws, s, sc.0, "someone", sc.1).await };
            cmd((g1, SessionCommand::Vote { moment_id: m[0] })).await.unwrap();
            cmd((g1, SessionCommand::Vote { moment_id: m[2] })).await.unwrap();
            // Past the limit, and a second dot on one moment: refused.
            let e = cmd((g1, SessionCommand::Vote { moment_id: m[1] })).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Conflict(_))), "{e:?}");
            cmd((g2, SessionCommand::Vote { moment_id: m[0] })).await.unwrap();
            let e = cmd((g2, SessionCommand::Vote { moment_id: m[0] })).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(_)));
            // A guest may not reveal.
            let e = cmd((g1, SessionCommand::RevealVotes)).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Forbidden(_))));
            let before = store.session_view(w.ws, s, Author::Guest(102)).await.unwrap();
            assert!(before.tally.is_none(), "votes stay hidden until revealed");
            assert_eq!((before.dots, before.voters, before.my_votes.clone()), (3, 2, vec![m[0]]));
            let revealed = store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::RevealVotes).await.unwrap();
            let LiveEvent::Session(SessionEvent::VotesRevealed { tally, .. }) = &revealed[0].event else { panic!("{revealed:?}") };
            assert_eq!((tally[0].moment_id, tally[0].votes), (m[0], 2));
            assert_eq!((tally[1].moment_id, tally[1].votes), (m[2], 1));
            let e = cmd((g2, SessionCommand::Vote { moment_id: m[3] })).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(_)), "closed after the reveal");
            store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::SetPriorities { moment_ids: vec![m[0], m[2]] }).await.unwrap();

            step(store, &w, s, Phase::Prioritise, Phase::Assess).await;
            cmd((g1, SessionCommand::Rate { moment_id: m[0], rating: Rating::Miserable, expectation: "Quick".into(), reality: "Slow".into() })).await.unwrap();
            cmd((g2, SessionCommand::Rate { moment_id: m[0], rating: Rating::Magical, expectation: String::new(), reality: String::new() })).await.unwrap();
            let e = cmd((g1, SessionCommand::Rate { moment_id: m[1], rating: Rating::Neutral, expectation: String::new(), reality: String::new() })).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(_)), "not a priority");
            let r = store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::RevealRatings { moment_id: m[0] }).await.unwrap();
            let LiveEvent::Session(SessionEvent::RatingsRevealed { spread, .. }) = &r[0].event else { panic!() };
            assert!(spread.disagreement());
            store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::RecordAssessment {
                moment_id: m[0], rating: Some(Rating::Miserable), issue: Some("Nobody greets them".into()), expectation: None, reality: None,
            }).await.unwrap();

            step(store, &w, s, Phase::Assess, Phase::Ideas).await;
            let added = cmd((g1, SessionCommand::AddIdea { moment_id: m[0], text: "Say hello within 3 seconds".into() })).await.unwrap();
            let LiveEvent::Session(SessionEvent::IdeaAdded { idea }) = &added[0].event else { panic!() };
            let e = cmd((g2, SessionCommand::RemoveIdea { id: idea.id })).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Forbidden(_))), "no criticism while ideas flow");
            let e = store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::EditIdea { id: idea.id, text: "x".into() }).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Forbidden(_))), "not even the facilitator");
            let e = cmd((g2, SessionCommand::ToggleMerit { idea_id: idea.id })).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(_)), "no judging while ideas flow");

            step(store, &w, s, Phase::Ideas, Phase::SelectPlan).await;
            cmd((g2, SessionCommand::ToggleMerit { idea_id: idea.id })).await.unwrap();
            let ladder = vec![
                StepDraft { text: "Greet within 10 s".into(), target_date: Some(date::parse("d", "2026-12-10").unwrap()), measure: "10 s".into() },
                StepDraft { text: "Greet within 3 s".into(), target_date: Some(date::parse("d", "2027-01-10").unwrap()), measure: "3 s".into() },
            ];
            let saved = store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::SaveAction {
                id: None, moment_id: Some(m[0]), idea_id: Some(idea.id), what: "Train the team to greet".into(),
                owner_user_id: None, owner_name: "Sam".into(), due_on: Some(date::parse("d", "2027-01-10").unwrap()),
                target_from: Some(Rating::Miserable), target_to: Some(Rating::Neutral), status: ActionStatus::Open, steps: Some(ladder),
            }).await.unwrap();
            let LiveEvent::Session(SessionEvent::ActionSaved { action }) = &saved[0].event else { panic!() };
            assert_eq!(action.steps.len(), 2);
            let e = store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::SaveAction {
                id: None, moment_id: None, idea_id: None, what: "Backdated".into(), owner_user_id: None, owner_name: "Sam".into(),
                due_on: Some(date::parse("d", "2026-11-01").unwrap()), target_from: None, target_to: None, status: ActionStatus::Open, steps: Some(vec![]),
            }).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Invalid { .. })));

            step(store, &w, s, Phase::SelectPlan, Phase::WrapUp).await;
            let e = store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::BookNext { date: date::parse("d", "2020-01-01").unwrap() }).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(_)), "the next session is in the future");
            let next = mot_core::session::default_next_session(date::today());
            store.session_command(w.ws, s, w.owner, "Olive", SessionCommand::BookNext { date: next }).await.unwrap();

            let v = store.session_view(w.ws, s, Author::Guest(101)).await.unwrap();
            assert_eq!(v.session.phase, Phase::WrapUp);
            assert_eq!(v.session.next_session_on, Some(next));
            assert_eq!(v.priorities, vec![m[0], m[2]]);
            assert_eq!(v.assessments[&m[0]].rating, Some(Rating::Miserable));
            assert_eq!(v.assessments[&m[0]].spread.unwrap().total(), 2);
            assert_eq!(v.ideas.len(), 1);
            assert_eq!(v.ideas[0].merits, 1);
            assert_eq!(v.ideas[0].author_tag, v.my_tag, "the author recognises their idea");
            assert_eq!(v.actions.len(), 1);
            let people: Vec<&str> = v.people.iter().map(|(k, _)| k.as_str()).collect();
            assert!(people.contains(&"g:101") && people.contains(&"g:102"), "{people:?}");
            assert_eq!(store.open_actions(w.ws, w.journey.id).await.unwrap().len(), 1);
            assert_eq!(store.rating_history(w.ws, w.journey.id).await.unwrap()[&m[0]], vec![(s, Rating::Miserable)]);
        }

        async fn two_facilitators_changing_phase_at_once_end_in_one_phase(db) {
            let store = &db.store;
            let w = world(store).await;
            let (s, _) = session_at(store, &w, Phase::Capture, SessionSettings::default()).await;
            let other = member(store, w.ws, Role::Facilitator).await;
            let a = store.session_command(w.ws, s, w.owner, "A", SessionCommand::ChangePhase { expected: Phase::Capture, target: Phase::ColourCode });
            let b = store.session_command(w.ws, s, other, "B", SessionCommand::ChangePhase { expected: Phase::Capture, target: Phase::ColourCode });
            let (a, b) = tokio::join!(a, b);
            assert!(a.is_ok() != b.is_ok(), "exactly one move wins: {a:?} {b:?}");
            assert_eq!(store.team_session(w.ws, s).await.unwrap().phase, Phase::ColourCode);
        }

        async fn a_command_sent_from_another_board_does_not_reach_the_session(db) {
            let store = &db.store;
            let w = world(store).await;
            let (s, _) = session_at(store, &w, Phase::Prioritise, SessionSettings::default()).await;
            let other = store.create_journey(w.ws, w.business, "Other board", "OTHER1", &random_token()).await.unwrap();
            let e = store.session_command_on(w.ws, Some(other.id), s, w.owner, "Olive", SessionCommand::RevealVotes).await.unwrap_err();
            assert!(matches!(e, StoreError::NotFound(_)), "{e:?}");
            assert!(!store.team_session(w.ws, s).await.unwrap().votes_revealed, "nothing changed");
            store.session_command_on(w.ws, Some(w.journey.id), s, w.owner, "Olive", SessionCommand::RevealVotes).await.unwrap();
            assert!(store.team_session(w.ws, s).await.unwrap().votes_revealed);
        }

        async fn sessions_of_another_workspace_are_not_found(db) {
            let store = &db.store;
            let w = world(store).await;
            let other = world(store).await;
            let (s, _) = session_at(store, &w, Phase::Prioritise, SessionSettings::default()).await;
            let e = store.session_command(other.ws, s, other.owner, "X", SessionCommand::RevealVotes).await.unwrap_err();
            assert!(matches!(e, StoreError::NotFound(_)), "{e:?}");
            assert!(matches!(store.team_session(other.ws, s).await, Err(StoreError::NotFound(_))));
            assert!(matches!(store.session_view(other.ws, s, Author::User(1)).await, Err(StoreError::NotFound(_))));
            // A guest of another journey cannot act on this session.
            let e = store.session_command(w.ws, s, guest(w.journey.id + 1000, 5), "G", SessionCommand::Vote { moment_id: 1 }).await.unwrap_err();
            assert!(matches!(e, StoreError::NotFound(_)));
        }
    }

    on_both! {
        async fn revealed_answers_and_agreed_texts_are_kept_and_a_record_without_them_keeps_them(db) {
            let store = &db.store;
            let w = world(store).await;
            let (s, m) = session_at(store, &w, Phase::Prioritise, SessionSettings::default()).await;
            let owner = |cmd| store.session_command(w.ws, s, w.owner, "Olive", cmd);
            owner(SessionCommand::SetPriorities { moment_ids: vec![m[0], m[1]] }).await.unwrap();
            step(store, &w, s, Phase::Prioritise, Phase::Assess).await;
            let rate = |g, rating, e: &str, r: &str| {
                store.session_command(w.ws, s, guest(w.journey.id, g), "someone", SessionCommand::Rate { moment_id: m[0], rating, expectation: e.into(), reality: r.into() })
            };
            rate(101, Rating::Magical, "A smile", "").await.unwrap();
            rate(102, Rating::Miserable, "", "Nobody looks up").await.unwrap();
            rate(103, Rating::Neutral, "", "").await.unwrap();
            let v = store.session_view(w.ws, s, Author::Guest(101)).await.unwrap();
            assert!(v.assessments[&m[0]].answers.is_empty(), "private until revealed");
            owner(SessionCommand::RevealRatings { moment_id: m[0] }).await.unwrap();
            let v = store.session_view(w.ws, s, Author::Guest(103)).await.unwrap();
            let answers: Vec<(Rating, &str, &str)> = v.assessments[&m[0]].answers.iter().map(|a| (a.rating, a.expectation.as_str(), a.reality.as_str())).collect();
            assert_eq!(answers, [(Rating::Miserable, "", "Nobody looks up"), (Rating::Magical, "A smile", "")], "Miserable first; no empty answers");
            assert!(v.assessments[&m[1]].answers.is_empty());

            let record = |rating, issue: Option<&str>, e: Option<&str>, r: Option<&str>| SessionCommand::RecordAssessment {
                moment_id: m[0], rating, issue: issue.map(Into::into), expectation: e.map(Into::into), reality: r.map(Into::into),
            };
            let c = owner(record(Some(Rating::Neutral), Some("Slow"), Some("  A smile at the door "), Some("Eyes on the till"))).await.unwrap();
            let LiveEvent::Session(SessionEvent::AssessmentRecorded { expectation, .. }) = &c[0].event else { panic!("{c:?}") };
            assert_eq!(expectation, "A smile at the door");
            // Left out: kept, also in the logged event. Given empty: cleared.
            let c = owner(record(Some(Rating::Miserable), None, None, None)).await.unwrap();
            let LiveEvent::Session(SessionEvent::AssessmentRecorded { rating, issue, expectation, reality, .. }) = &c[0].event else { panic!("{c:?}") };
            assert_eq!((*rating, issue.as_str(), expectation.as_str(), reality.as_str()), (Some(Rating::Miserable), "Slow", "A smile at the door", "Eyes on the till"));
            owner(record(Some(Rating::Miserable), Some(""), None, None)).await.unwrap();
            let a = &store.session_view(w.ws, s, Author::Guest(101)).await.unwrap().assessments[&m[0]];
            assert_eq!((a.rating, a.issue.as_str(), a.expectation.as_str(), a.reality.as_str()), (Some(Rating::Miserable), "", "A smile at the door", "Eyes on the till"));
            // A first record of another moment with texts left out stores them empty.
            owner(record(Some(Rating::Magical), None, Some("Quick"), None)).await.unwrap();
            let e = owner(SessionCommand::RecordAssessment { moment_id: m[1], rating: None, issue: None, expectation: None, reality: Some("x".repeat(1001)) }).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Invalid { .. })), "{e:?}");
            owner(SessionCommand::RecordAssessment { moment_id: m[1], rating: None, issue: None, expectation: None, reality: None }).await.unwrap();
            let a = &store.session_view(w.ws, s, Author::Guest(101)).await.unwrap().assessments[&m[1]];
            assert_eq!((a.rating, a.issue.as_str(), a.expectation.as_str()), (None, "", ""));
        }

        async fn a_session_starts_at_any_step_and_from_assess_on_carries_the_last_priorities(db) {
            let store = &db.store;
            let w = world(store).await;
            let day = date::parse("d", "2026-11-25").unwrap();
            let start = |phase| store.start_session_at(w.ws, w.journey.id, w.owner, "Later", day, SessionSettings { priority_cap: 2, ..Default::default() }, phase);
            // An empty board starts only at Capture; nothing is written when refused.
            let seq = store.journey(w.ws, w.journey.id).await.unwrap().last_seq;
            let e = start(Phase::Prioritise).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Conflict(_))), "{e:?}");
            assert_eq!(store.journey(w.ws, w.journey.id).await.unwrap().last_seq, seq);
            assert!(store.sessions(w.ws, w.journey.id).await.unwrap().is_empty());
            let (first, m) = session_at(store, &w, Phase::Prioritise, SessionSettings::default()).await;
            // No priorities chosen yet: Assess and later are refused, Prioritise is fine.
            let e = start(Phase::Assess).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Conflict(_))), "{e:?}");
            let s = start(Phase::Prioritise).await.unwrap();
            assert_eq!(s.phase, Phase::Prioritise);
            assert!(store.session_view(w.ws, s.id, Author::Guest(1)).await.unwrap().priorities.is_empty());
            store.session_command(w.ws, first, w.owner, "Olive", SessionCommand::SetPriorities { moment_ids: vec![m[3], m[1], m[0]] }).await.unwrap();
            // A deleted moment is not carried; the cap of the new session holds.
            w.apply(store, BoardCommand::DeleteMoment { id: m[1] }).await.unwrap();
            let s = start(Phase::SelectPlan).await.unwrap();
            assert_eq!(s.phase, Phase::SelectPlan);
            let v = store.session_view(w.ws, s.id, Author::Guest(1)).await.unwrap();
            assert_eq!(v.priorities, [m[3], m[0]]);
            let log = store.changes_since(w.ws, w.journey.id, 0, 1000).await.unwrap();
            assert!(matches!(log.last().map(|c| &c.event), Some(LiveEvent::Session(SessionEvent::PrioritiesSet { moment_ids, .. })) if *moment_ids == [m[3], m[0]]), "the board hears of them");
            // A guest may not start one.
            let e = store.start_session_at(w.ws, w.journey.id, guest(w.journey.id, 5), "G", day, SessionSettings::default(), Phase::Capture).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Forbidden(_))), "{e:?}");
        }
    }
}

// ---- touchpoint audits --------------------------------------------------------

mod audits {
    use super::*;
    use mot_core::audit::{Answer, AuditLimits, RaterGroup};
    use mot_core::date;

    on_both! {
        async fn an_audit_round_collects_scores_once_per_item_and_link(db) {
            let store = &db.store;
            let w = world(store).await;
            let north = store.add_branch(w.ws, w.business, "North").await.unwrap();
            let south = store.add_branch(w.ws, w.business, "South").await.unwrap();
            let t = store.create_default_template(w.ws).await.unwrap();
            assert_eq!(t.items.len(), 15);
            let round = store
                .start_round(w.ws, w.business, t.id, "Spring", date::today(), date::today().saturating_add(time::Duration::days(30)), vec![north.id, south.id])
                .await
                .unwrap();
            let items = store.round_items(round.id).await.unwrap();
            assert_eq!(items.len(), 15);
            let links = store
                .create_rater_links(w.ws, round.id, north.id, RaterGroup::Staff, vec!["Ann".into(), "Bo".into()])
                .await
                .unwrap();
            let (_, ann) = &links[0];
            // A comment over the limit is refused by the store itself, nothing saved.
            let e = store.save_answer(ann, items[0].id, Answer::Score(8), &"x".repeat(1001)).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Invalid { .. })), "{e:?}");
            assert!(store.rater_view(ann).await.unwrap().answers.is_empty());
            store.save_answer(ann, items[0].id, Answer::Score(8), "Clear").await.unwrap();
            // Sent again after a lost connection: still one answer.
            store.save_answer(ann, items[0].id, Answer::Score(8), "Clear").await.unwrap();
            store.save_answer(ann, items[1].id, Answer::NotApplicable, "").await.unwrap();
            let v = store.rater_view(ann).await.unwrap();
            assert_eq!(v.answers.len(), 2);
            assert_eq!(v.branch, "North");
            // A template change during the round does not move answers.
            store.update_template_item(w.ws, t.id, t.items[0].id, "Reworded", "", None, false).await.unwrap();
            assert_eq!(store.round_items(round.id).await.unwrap()[0].text, items[0].text);
            // An item of another round, a forged token: refused.
            let e = store.save_answer(ann, 999_999, Answer::Score(5), "").await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(_)));
            assert!(matches!(store.save_answer("0".repeat(32).as_str(), items[0].id, Answer::Score(5), "").await, Err(StoreError::NotFound(_))));
            store.submit_audit(ann).await.unwrap();
            let e = store.save_answer(ann, items[2].id, Answer::Score(5), "").await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Conflict(_))), "no changes after handing in");
            let scores = store.round_scores(w.ws, round.id).await.unwrap();
            assert_eq!(scores.len(), 1, "not-applicable answers are not scores");
            assert_eq!((scores[0].score, scores[0].branch_id, scores[0].group), (8, north.id, RaterGroup::Staff));
            let status = store.rater_links(w.ws, round.id).await.unwrap();
            assert_eq!(status.iter().map(|l| (l.answered, l.submitted)).collect::<Vec<_>>(), [(2, true), (0, false)]);
            // Remind: a new token for Bo; the old one stops working.
            let (_, bo) = &links[1];
            let fresh = store.reissue_rater_link(w.ws, status[1].id).await.unwrap();
            assert!(store.rater_view(bo).await.is_err());
            store.save_answer(&fresh, items[0].id, Answer::Score(3), "").await.unwrap();
            store.close_round(w.ws, round.id).await.unwrap();
            let e = store.save_answer(&fresh, items[1].id, Answer::Score(3), "").await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Conflict(_))), "closed round");
            // The results in one read say what the single reads say.
            let all = store.round_results(w.ws, round.id).await.unwrap();
            assert_eq!(all.round, store.round(w.ws, round.id).await.unwrap());
            assert_eq!(all.items, store.round_items(round.id).await.unwrap());
            assert_eq!(all.scores, store.round_scores(w.ws, round.id).await.unwrap());
            assert_eq!(all.comments, store.round_comments(w.ws, round.id).await.unwrap());
            assert_eq!(all.comments.len(), 1);
            assert_eq!(all.responses, (1, 2));
            assert_eq!(all.drafts, 1, "Bo answered without handing in");
            assert!(all.previous.is_none() && all.other_clients.is_empty());
            // The next round's results carry this one and its means of the
            // handed-in scores (Ann's 8; Bo's 3 was never handed in).
            let next = store
                .start_round(w.ws, w.business, t.id, "Summer", date::today(), date::today().saturating_add(time::Duration::days(30)), vec![north.id])
                .await
                .unwrap();
            let later = store.round_results(w.ws, next.id).await.unwrap();
            let (prev, means) = later.previous.expect("the round before");
            assert_eq!(prev, store.round(w.ws, round.id).await.unwrap());
            let key = items[0].template_item_id.expect("a template item");
            assert_eq!(means.get(&key), Some(&8.0));
            assert_eq!(means.len(), 1);
            assert!(later.scores.is_empty() && later.responses == (0, 0));
            // A closed round's means are kept once counted; an open round's
            // are counted afresh, so a hand-in shows at once.
            assert_eq!(store.round_results(w.ws, next.id).await.unwrap().previous.unwrap().1, means);
            let third = store
                .start_round(w.ws, w.business, t.id, "Autumn", date::today(), date::today().saturating_add(time::Duration::days(30)), vec![north.id])
                .await
                .unwrap();
            assert!(store.round_results(w.ws, third.id).await.unwrap().previous.unwrap().1.is_empty());
            let cy = store.create_rater_links(w.ws, next.id, north.id, RaterGroup::Staff, vec!["Cy".into()]).await.unwrap();
            let next_items = store.round_items(next.id).await.unwrap();
            store.save_answer(&cy[0].1, next_items[0].id, Answer::Score(6), "").await.unwrap();
            store.submit_audit(&cy[0].1).await.unwrap();
            let fresh = store.round_results(w.ws, third.id).await.unwrap().previous.unwrap().1;
            assert_eq!(fresh.get(&key), Some(&6.0));
        }

        async fn audits_of_another_workspace_are_not_found(db) {
            let store = &db.store;
            let w = world(store).await;
            let other = world(store).await;
            let b = store.add_branch(w.ws, w.business, "Main").await.unwrap();
            let t = store.create_default_template(w.ws).await.unwrap();
            let round = store.start_round(w.ws, w.business, t.id, "R", date::today(), date::today().saturating_add(time::Duration::days(6)), vec![b.id]).await.unwrap();
            assert!(matches!(store.round(other.ws, round.id).await, Err(StoreError::NotFound(_))));
            assert!(matches!(store.template(other.ws, t.id).await, Err(StoreError::NotFound(_))));
            assert!(matches!(store.round_scores(other.ws, round.id).await, Err(StoreError::NotFound(_))));
            assert!(matches!(store.round_results(other.ws, round.id).await, Err(StoreError::NotFound(_))));
            assert!(matches!(store.rater_links(other.ws, round.id).await, Err(StoreError::NotFound(_))));
            assert!(matches!(store.add_branch(other.ws, w.business, "X").await, Err(StoreError::NotFound(_))));
            let e = store.start_round(other.ws, other.business, t.id, "R", date::today(), date::today().saturating_add(time::Duration::days(6)), vec![b.id]).await.unwrap_err();
            assert!(matches!(e, StoreError::NotFound(_)));
            // An empty template cannot start a round.
            let empty = store.create_template(w.ws, "Empty", vec![]).await.unwrap();
            assert!(store.start_round(w.ws, w.business, empty.id, "R", date::today(), date::today().saturating_add(time::Duration::days(6)), vec![b.id]).await.is_err());
        }

        async fn audit_texts_over_their_limits_are_refused_by_the_store(db) {
            let store = &db.store;
            let w = world(store).await;
            let long = |n: usize| "x".repeat(n + 1);
            let invalid = |r: Result<(), StoreError>, what: &str| {
                assert!(matches!(r, Err(StoreError::Rule(RuleError::Invalid { .. }))), "{what}: {r:?}");
            };
            invalid(store.add_branch(w.ws, w.business, &long(AuditLimits::BRANCH_NAME)).await.map(|_| ()), "branch name");
            invalid(store.add_branch(w.ws, w.business, "  ").await.map(|_| ()), "empty branch name");
            let b = store.add_branch(w.ws, w.business, "Main").await.unwrap();
            let t = store.create_default_template(w.ws).await.unwrap();
            invalid(store.add_template_item(w.ws, t.id, &long(AuditLimits::PHASE), "Text", "", None).await.map(|_| ()), "phase");
            invalid(store.add_template_item(w.ws, t.id, "Engagement", &long(AuditLimits::ITEM_TEXT), "", None).await.map(|_| ()), "item text");
            invalid(store.update_template_item(w.ws, t.id, t.items[0].id, "Text", &long(AuditLimits::GUIDANCE), None, false).await, "guidance");
            let end = date::today().saturating_add(time::Duration::days(6));
            invalid(store.start_round(w.ws, w.business, t.id, &long(AuditLimits::ROUND_NAME), date::today(), end, vec![b.id]).await.map(|_| ()), "round name");
            let c = w.apply(store, add_cmd(w.stages[0], "Greeted")).await.unwrap();
            let LiveEvent::Board(BoardEvent::MomentAdded { moment }) = c.event else { panic!() };
            invalid(store.set_standard(w.ws, moment.id, "ok", &long(AuditLimits::STANDARD), "").await.map(|_| ()), "standard");
            // Nothing was written.
            assert_eq!(store.branches(w.ws, w.business).await.unwrap().len(), 1);
            assert_eq!(store.template(w.ws, t.id).await.unwrap().items, t.items);
            assert!(store.rounds(w.ws, w.business).await.unwrap().is_empty());
            assert!(store.standards(w.ws, w.journey.id).await.unwrap().is_empty());
        }

        async fn a_round_takes_answers_only_between_its_opening_and_closing_dates(db) {
            let store = &db.store;
            let w = world(store).await;
            let b = store.add_branch(w.ws, w.business, "Main").await.unwrap();
            let t = store.create_default_template(w.ws).await.unwrap();
            let day = |n: i64| date::today().saturating_add(time::Duration::days(n));
            for (opens, closes, open) in [(1, 5, false), (-5, -1, false), (0, 0, true)] {
                let r = store.start_round(w.ws, w.business, t.id, "R", day(opens), day(closes), vec![b.id]).await.unwrap();
                let item = store.round_items(r.id).await.unwrap()[0].id;
                let (_, token) = store.create_rater_links(w.ws, r.id, b.id, RaterGroup::Staff, vec!["Ann".into()]).await.unwrap().remove(0);
                let res = store.save_answer(&token, item, Answer::Score(7), "").await;
                assert_eq!(res.is_ok(), open, "opens in {opens} days, closes in {closes}: {res:?}");
                if !open {
                    assert!(matches!(res, Err(StoreError::Rule(RuleError::Conflict(_)))));
                }
            }
        }

        async fn a_round_knows_its_previous_round_item_means_and_response_counts(db) {
            let store = &db.store;
            let w = world(store).await;
            let other = world(store).await;
            let b = store.add_branch(w.ws, w.business, "Main").await.unwrap();
            let t = store.create_default_template(w.ws).await.unwrap();
            let end = date::today().saturating_add(time::Duration::days(6));
            let first = store.start_round(w.ws, w.business, t.id, "Spring", date::today(), end, vec![b.id]).await.unwrap();
            let second = store.start_round(w.ws, w.business, t.id, "Summer", date::today(), end, vec![b.id]).await.unwrap();
            assert_eq!(store.previous_round(w.ws, w.business, first.id).await.unwrap(), None);
            let prev = store.previous_round(w.ws, w.business, second.id).await.unwrap().expect("a previous round");
            assert_eq!((prev.id, prev.branch_ids.clone()), (first.id, vec![b.id]));
            assert_eq!(store.previous_round(other.ws, w.business, second.id).await.unwrap(), None, "another workspace");

            let items = store.round_items(first.id).await.unwrap();
            let links = store
                .create_rater_links(w.ws, first.id, b.id, RaterGroup::Staff, vec!["Ann".into(), "Bo".into(), "Cy".into()])
                .await
                .unwrap();
            // Item 0: 8 and 5 (mean 6.5); item 1: 3 and not applicable (mean 3); item 2: only n/a.
            for ((_, token), answers) in links.iter().zip([
                vec![(0, Answer::Score(8)), (1, Answer::Score(3)), (2, Answer::NotApplicable)],
                vec![(0, Answer::Score(5)), (1, Answer::NotApplicable)],
                vec![],
            ]) {
                for (i, a) in answers {
                    store.save_answer(token, items[i].id, a, "").await.unwrap();
                }
            }
            store.submit_audit(&links[0].1).await.unwrap();
            store.submit_audit(&links[1].1).await.unwrap();
            let means = store.round_item_means(w.ws, first.id).await.unwrap();
            let key = |i: usize| items[i].template_item_id.expect("a template item");
            assert_eq!(means.len(), 2, "{means:?}");
            assert_eq!(means[&key(0)], 6.5);
            assert_eq!(means[&key(1)], 3.0);
            assert!(store.round_item_means(other.ws, first.id).await.unwrap().is_empty(), "another workspace");
            assert_eq!(store.round_response_counts(w.ws, first.id).await.unwrap(), (2, 3));
            assert_eq!(store.round_response_counts(w.ws, second.id).await.unwrap(), (0, 0));
            assert_eq!(store.round_response_counts(other.ws, first.id).await.unwrap(), (0, 0));
        }

        async fn a_template_from_a_journey_uses_its_moments_and_standards(db) {
            let store = &db.store;
            let w = world(store).await;
            let c = w.apply(store, add_cmd(w.stages[1], "Store first impressions")).await.unwrap();
            let LiveEvent::Board(BoardEvent::MomentAdded { moment }) = c.event else { panic!() };
            store.set_standard(w.ws, moment.id, "Sees the department in 3 seconds", "Greeted by name", "Unclear signage").await.unwrap();
            let t = store.create_template_from_journey(w.ws, w.journey.id).await.unwrap();
            assert_eq!(t.items.len(), 1);
            assert_eq!((t.items[0].phase.as_str(), t.items[0].guidance.as_str(), t.items[0].moment_id), ("Engagement", "Sees the department in 3 seconds", Some(moment.id)));
            let added = store.add_template_item(w.ws, t.id, "Engagement", "Staff greet", "", None).await.unwrap();
            store.move_template_item(w.ws, t.id, added.id, -1).await.unwrap();
            let t = store.template(w.ws, t.id).await.unwrap();
            assert_eq!(t.items[0].text, "Staff greet");
            // Phases move as a whole.
            let d = store.create_default_template(w.ws).await.unwrap();
            store.move_template_phase(w.ws, d.id, "Post-sale engagement", -1).await.unwrap();
            let d = store.template(w.ws, d.id).await.unwrap();
            let mut phases: Vec<&str> = Vec::new();
            for i in &d.items {
                if !phases.contains(&i.phase.as_str()) {
                    phases.push(&i.phase);
                }
            }
            assert_eq!(phases, ["Pre-engagement", "Post-sale engagement", "Engagement"]);
            assert_eq!(d.items.len(), 15);
        }

        async fn a_moments_board_score_counts_only_handed_in_answers_of_its_own_business(db) {
            let store = &db.store;
            let w = world(store).await;
            let c = w.apply(store, add_cmd(w.stages[0], "Greeted")).await.unwrap();
            let LiveEvent::Board(BoardEvent::MomentAdded { moment }) = c.event else { panic!() };
            // One workspace template, its item linked to a moment of business A.
            let t = store.create_template(w.ws, "Shared", vec![("Engagement".into(), "Greeting".into(), String::new(), Some(moment.id))]).await.unwrap();
            let second = store.create_business(w.ws, "Second bakery").await.unwrap();
            let end = date::today().saturating_add(time::Duration::days(6));
            let score_round = |business: Id, branch: Id, name: &'static str, scores: Vec<(u8, bool)>| {
                let t = t.id;
                async move {
                    let r = store.start_round(w.ws, business, t, name, date::today(), end, vec![branch]).await.unwrap();
                    let item = store.round_items(r.id).await.unwrap()[0].id;
                    let labels = (0..scores.len()).map(|i| format!("Rater {i}")).collect();
                    let links = store.create_rater_links(w.ws, r.id, branch, RaterGroup::Staff, labels).await.unwrap();
                    for ((_, token), (score, hand_in)) in links.iter().zip(scores) {
                        store.save_answer(token, item, Answer::Score(score), "").await.unwrap();
                        if hand_in {
                            store.submit_audit(token).await.unwrap();
                        }
                    }
                    r
                }
            };
            let a_branch = store.add_branch(w.ws, w.business, "Main").await.unwrap();
            let b_branch = store.add_branch(w.ws, second.id, "Harbour").await.unwrap();
            // Business A: 6 and 7 handed in, a draft of 1 not counted.
            let a_round = score_round(w.business, a_branch.id, "A", vec![(6, true), (7, true), (1, false)]).await;
            let score = || async { store.moment_extras(w.ws, moment.id).await.unwrap().latest_score };
            assert_eq!(score().await, Some(6.5), "handed-in answers only");
            assert_eq!(store.journey_extras(w.ws, w.journey.id).await.unwrap()[&moment.id].latest_score, Some(6.5));
            // Business B answers the same template later, with 1s: A's board does not move.
            score_round(second.id, b_branch.id, "B", vec![(1, true), (1, true)]).await;
            assert_eq!(score().await, Some(6.5), "another business's round leaks onto the board");
            assert_eq!(store.journey_extras(w.ws, w.journey.id).await.unwrap()[&moment.id].latest_score, Some(6.5));
            // A later round of A's own does count.
            score_round(w.business, a_branch.id, "A again", vec![(9, true)]).await;
            assert_eq!(score().await, Some(9.0));
            // The round's statistics count what was handed in; the draft is counted apart.
            let scores: Vec<u8> = store.round_scores(w.ws, a_round.id).await.unwrap().iter().map(|s| s.score).collect();
            assert_eq!(scores.len(), 2, "{scores:?}");
            assert_eq!(store.round_drafts(w.ws, a_round.id).await.unwrap(), 1);
            assert_eq!(store.round_item_means(w.ws, a_round.id).await.unwrap()[&t.items[0].id], 6.5);
        }

        async fn comments_reach_the_owner_with_group_and_branch_once_handed_in(db) {
            let store = &db.store;
            let w = world(store).await;
            let north = store.add_branch(w.ws, w.business, "North").await.unwrap();
            let t = store.create_default_template(w.ws).await.unwrap();
            let end = date::today().saturating_add(time::Duration::days(6));
            let r = store.start_round(w.ws, w.business, t.id, "R", date::today(), end, vec![north.id]).await.unwrap();
            let items = store.round_items(r.id).await.unwrap();
            let links = store.create_rater_links(w.ws, r.id, north.id, RaterGroup::Friend, vec!["Ann Secret".into(), "Bo".into()]).await.unwrap();
            let (ann, bo) = (&links[0].1, &links[1].1);
            store.save_answer(ann, items[0].id, Answer::Score(3), "Nobody answered the phone").await.unwrap();
            store.save_answer(ann, items[1].id, Answer::NotApplicable, "Never used it").await.unwrap();
            store.save_answer(ann, items[2].id, Answer::Score(8), "").await.unwrap();
            store.save_answer(bo, items[0].id, Answer::Score(5), "A draft remark").await.unwrap();
            assert!(store.round_comments(w.ws, r.id).await.unwrap().is_empty(), "nothing handed in yet");
            store.submit_audit(ann).await.unwrap();
            let mut got: Vec<(Id, Id, RaterGroup, String)> = store.round_comments(w.ws, r.id).await.unwrap().into_iter().map(|c| (c.item_id, c.branch_id, c.group, c.text)).collect();
            got.sort();
            assert_eq!(got, [
                (items[0].id, north.id, RaterGroup::Friend, "Nobody answered the phone".to_string()),
                (items[1].id, north.id, RaterGroup::Friend, "Never used it".to_string()),
            ]);
            let other = world(store).await;
            assert!(matches!(store.round_comments(other.ws, r.id).await, Err(StoreError::NotFound(_))));
        }

        async fn a_closed_round_takes_no_new_rater_links(db) {
            let store = &db.store;
            let w = world(store).await;
            let b = store.add_branch(w.ws, w.business, "Main").await.unwrap();
            let t = store.create_default_template(w.ws).await.unwrap();
            let end = date::today().saturating_add(time::Duration::days(6));
            let r = store.start_round(w.ws, w.business, t.id, "R", date::today(), end, vec![b.id]).await.unwrap();
            store.create_rater_links(w.ws, r.id, b.id, RaterGroup::Staff, vec!["Ann".into()]).await.unwrap();
            store.close_round(w.ws, r.id).await.unwrap();
            let e = store.create_rater_links(w.ws, r.id, b.id, RaterGroup::Staff, vec!["Late".into()]).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Conflict(_))), "{e:?}");
            assert_eq!(store.rater_links(w.ws, r.id).await.unwrap().len(), 1);
            assert_eq!(store.round_response_counts(w.ws, r.id).await.unwrap(), (0, 1), "invited stays 1");
            // Nor a fresh link for a rater of it.
            let link = store.rater_links(w.ws, r.id).await.unwrap()[0].id;
            let e = store.reissue_rater_link(w.ws, link).await.unwrap_err();
            assert!(matches!(e, StoreError::Rule(RuleError::Conflict(_))), "{e:?}");
        }
    }
}

// ---- a command carries what its access stands on ------------------------------

on_both! {
    async fn a_command_whose_access_changed_since_it_was_read_does_nothing(db) {
        let s = &db.store;
        let w = &world(s).await;
        let Actor::Member { user_id, .. } = w.owner else { unreachable!() };
        let (token, other) = (random_token(), random_token());
        s.create_session(w.ws, user_id, &token, &random_token(), 3_600_000).await.unwrap();
        s.create_session(w.ws, user_id, &other, &random_token(), 3_600_000).await.unwrap();
        let standing = s.session(&token).await.unwrap().unwrap().standing;
        let apply = |title: &'static str, standing: mot_store::Standing| async move {
            s.apply_standing(w.ws, w.journey.id, w.owner, "Olive Owner", add_cmd(w.stages[0], title), None, Some(&standing)).await
        };
        // Unchanged: the command runs.
        apply("While signed in", standing.clone()).await.unwrap();
        // The person was renamed: the access read before no longer holds.
        s.set_user_name(user_id, "Olive Renamed").await.unwrap();
        let changed = apply("After the rename", standing.clone()).await;
        assert!(matches!(changed, Err(StoreError::StandingChanged)), "{changed:?}");
        // Read again, it holds.
        let standing = s.session(&token).await.unwrap().unwrap().standing;
        apply("Read again", standing.clone()).await.unwrap();
        // Logged out (on any instance): refused, and nothing saved.
        s.delete_session(&token).await.unwrap();
        let ended = apply("After the logout", standing).await;
        assert!(matches!(ended, Err(StoreError::StandingChanged)), "{ended:?}");
        assert_eq!(w.titles_in(s, w.stages[0]).await, ["While signed in", "Read again"]);
        assert_eq!(w.last_seq(s).await, 2);
        // Another session of the same person is another standing.
        let standing = s.session(&other).await.unwrap().unwrap().standing;
        apply("From the other tab", standing).await.unwrap();

        // A guest's place, and an API token, the same way.
        let guest_token = random_token();
        s.create_guest(w.ws, w.journey.id, "Gus", &guest_token, &random_token()).await.unwrap();
        let (g, standing) = s.guest_standing(&guest_token).await.unwrap().unwrap();
        let gus = Actor::Guest { guest_id: g.id, journey_id: w.journey.id };
        let as_gus = |standing: mot_store::Standing| async move {
            s.apply_standing(w.ws, w.journey.id, gus, "Gus", add_cmd(w.stages[1], "Gus's note"), None, Some(&standing)).await
        };
        as_gus(standing.clone()).await.unwrap();
        // A standing stands for its own person only: the owner's, carried
        // by a command made as Gus, is refused and runs nothing.
        let owners = s.session(&other).await.unwrap().unwrap().standing;
        let e = as_gus(owners).await;
        assert!(matches!(e, Err(StoreError::StandingNotTheActors)), "{e:?}");
        s.remove_guest(w.ws, w.journey.id, g.id).await.unwrap();
        assert!(matches!(as_gus(standing).await, Err(StoreError::StandingChanged)));

        let api = random_token();
        s.create_api_token(w.ws, user_id, "bench", &api).await.unwrap();
        let standing = s.api_token(&api).await.unwrap().unwrap().standing;
        apply("By the token", standing.clone()).await.unwrap();
        let id = s.api_tokens_of(w.ws, user_id).await.unwrap()[0].id;
        s.revoke_api_token(w.ws, user_id, id).await.unwrap();
        assert!(matches!(apply("After the revocation", standing).await, Err(StoreError::StandingChanged)));
        assert_eq!(w.titles_in(s, w.stages[1]).await, ["Gus's note"]);
        assert_eq!(w.last_seq(s).await, 5);
    }
}

// ---- client request ids (issue 7 item 20) -------------------------------------

on_both! {
    async fn a_request_sent_twice_makes_one_note_and_both_answers_are_the_first_outcome(db) {
        let s = &db.store;
        let w = world(s).await;
        let rid = "3f2b8c1e-4a5d-4c6e-9f70-1a2b3c4d5e6f";
        let mut notices = s.subscribe();
        let send = || s.apply_once(w.ws, w.journey.id, w.owner, "Olive Owner", add_cmd(w.stages[0], "Sees the shop window"), Some(rid));
        let first = send().await.unwrap();
        let again = send().await.unwrap();
        assert_eq!(again, first, "the repeat is answered with the first outcome");
        assert_eq!(w.titles_in(s, w.stages[0]).await, ["Sees the shop window"]);
        assert_eq!(w.last_seq(s).await, 1, "one change in the log");
        // Only the first was announced to live clients.
        let n = next_notice(&mut notices, "a board change", |n| match n { Notice::Local(c) => Some(c.seq), _ => None }).await;
        assert_eq!(n, 1);
        w.add(s, w.stages[1], "Next").await;
        let n = next_notice(&mut notices, "a board change", |n| match n { Notice::Local(c) => Some(c.seq), _ => None }).await;
        assert_eq!(n, 2, "no notice for the repeat");

        // Copies racing each other (a browser's re-send and the page's retry
        // queue) still make one note.
        let rid2 = "0123456789abcdef0123456789abcdef";
        let copies = futures_util::future::join_all((0..5).map(|_| {
            s.apply_once(w.ws, w.journey.id, w.owner, "Olive Owner", add_cmd(w.stages[2], "Pays at the till"), Some(rid2))
        }))
        .await;
        let copies: Vec<Committed> = copies.into_iter().map(Result::unwrap).collect();
        assert!(copies.iter().all(|c| *c == copies[0]), "{copies:?}");
        assert_eq!(w.titles_in(s, w.stages[2]).await, ["Pays at the till"]);

        // Without a request id, or with a new one, the same command is a new change.
        w.apply(s, add_cmd(w.stages[2], "Pays at the till")).await.unwrap();
        s.apply_once(w.ws, w.journey.id, w.owner, "Olive Owner", add_cmd(w.stages[2], "Pays at the till"), Some("another-request-id-0001")).await.unwrap();
        assert_eq!(w.titles_in(s, w.stages[2]).await.len(), 3);
    }

    async fn a_repeated_delete_answers_as_the_first_did(db) {
        let s = &db.store;
        let w = world(s).await;
        let m = w.add(s, w.stages[0], "Parks the car").await;
        let rid = "delete-request-0000000001";
        let del = || s.apply_once(w.ws, w.journey.id, w.owner, "Olive Owner", BoardCommand::DeleteMoment { id: m.id }, Some(rid));
        let first = del().await.unwrap();
        assert_eq!(del().await.unwrap(), first, "not a 404 for a note the first request deleted");
        assert_eq!(w.last_seq(s).await, 2);
    }

    async fn a_request_id_reused_for_another_change_or_by_another_person_is_refused(db) {
        let s = &db.store;
        let w = world(s).await;
        let rid = "reused-request-id-000001";
        s.apply_once(w.ws, w.journey.id, w.owner, "Olive Owner", add_cmd(w.stages[0], "First"), Some(rid)).await.unwrap();
        let other_cmd = s.apply_once(w.ws, w.journey.id, w.owner, "Olive Owner", add_cmd(w.stages[0], "Second"), Some(rid)).await;
        assert_conflict(other_cmd);
        let pat = member(s, w.ws, Role::Member).await;
        let other_person = s.apply_once(w.ws, w.journey.id, pat, "Pat Person", add_cmd(w.stages[0], "First"), Some(rid)).await;
        assert_conflict(other_person);
        assert_eq!(w.titles_in(s, w.stages[0]).await, ["First"]);
        assert_eq!(w.last_seq(s).await, 1);
    }

    async fn a_refused_request_is_not_remembered_and_may_be_sent_again(db) {
        let s = &db.store;
        let w = world(s).await;
        let rid = "refused-request-id-00001";
        let bad = s.apply_once(w.ws, w.journey.id, w.owner, "Olive Owner", BoardCommand::DeleteMoment { id: 999_999 }, Some(rid)).await;
        assert_not_found(bad);
        // The same id, now for a change that can be made (the first made nothing).
        s.apply_once(w.ws, w.journey.id, w.owner, "Olive Owner", add_cmd(w.stages[0], "Fine"), Some(rid)).await.unwrap();
        assert_eq!(w.titles_in(s, w.stages[0]).await, ["Fine"]);
    }
}

// ---- client request ids for changes that make a record (issue 7 item 20) ------

mod making_once {
    use super::*;
    use mot_core::audit::RaterGroup;
    use mot_core::date;
    use mot_core::session::{Phase, SessionSettings};
    use mot_store::ClientRequest;

    fn req(id: &str, actor: Actor) -> Option<ClientRequest<'_>> {
        Some(ClientRequest { id, actor })
    }

    on_both! {
        async fn each_record_a_request_makes_is_made_once_and_a_repeat_answers_it(db) {
            let s = &db.store;
            let w = world(s).await;
            let o = w.owner;
            let before = s.businesses(w.ws).await.unwrap().len();
            let b1 = s.once(req("business-request-000001", o)).create_business(w.ws, "Harbour Bakery").await.unwrap();
            let b2 = s.once(req("business-request-000001", o)).create_business(w.ws, "Harbour Bakery").await.unwrap();
            assert_eq!(b2.id, b1.id, "the repeat answers the first business");
            assert_eq!(s.businesses(w.ws).await.unwrap().len(), before + 1);
            // Copies racing each other still make one.
            let copies = futures_util::future::join_all((0..5).map(|_| {
                s.once(req("business-request-000002", o)).create_business(w.ws, "Quay Cafe")
            }))
            .await;
            let ids: Vec<Id> = copies.into_iter().map(|r| r.unwrap().id).collect();
            assert!(ids.iter().all(|i| *i == ids[0]), "{ids:?}");
            assert_eq!(s.businesses(w.ws).await.unwrap().len(), before + 2);

            let j1 = s.once(req("journey-request-0000001", o)).create_journey(w.ws, b1.id, "Buys bread", "JCODE001", "tok-a").await.unwrap();
            // A retry comes with fresh join secrets: still the same journey.
            let j2 = s.once(req("journey-request-0000001", o)).create_journey(w.ws, b1.id, "Buys bread", "JCODE002", "tok-b").await.unwrap();
            assert_eq!((j2.id, &j2.join_code), (j1.id, &j1.join_code));
            assert_eq!(s.journeys(w.ws, b1.id).await.unwrap().len(), 1);

            let n = s.channels(w.ws, b1.id).await.unwrap().len();
            let c1 = s.once(req("channel-request-0000001", o)).add_channel(w.ws, b1.id, "Delivery van", "#336699", "VAN").await.unwrap();
            let c2 = s.once(req("channel-request-0000001", o)).add_channel(w.ws, b1.id, "Delivery van", "#336699", "VAN").await.unwrap();
            assert_eq!(c2.id, c1.id);
            assert_eq!(s.channels(w.ws, b1.id).await.unwrap().len(), n + 1);

            let br1 = s.once(req("branch-request-00000001", o)).add_branch(w.ws, b1.id, "Main Street").await.unwrap();
            let br2 = s.once(req("branch-request-00000001", o)).add_branch(w.ws, b1.id, "Main Street").await.unwrap();
            assert_eq!(br2.id, br1.id);
            assert_eq!(s.branches(w.ws, b1.id).await.unwrap().len(), 1);

            let t1 = s.once(req("template-request-000001", o)).create_default_template(w.ws).await.unwrap();
            let t2 = s.once(req("template-request-000001", o)).create_default_template(w.ws).await.unwrap();
            assert_eq!(t2.id, t1.id);
            assert_eq!(s.templates(w.ws).await.unwrap().len(), 1);

            let i1 = s.once(req("item-request-0000000001", o)).add_template_item(w.ws, t1.id, "Extra", "Greets by name", "", None).await.unwrap();
            let i2 = s.once(req("item-request-0000000001", o)).add_template_item(w.ws, t1.id, "Extra", "Greets by name", "", None).await.unwrap();
            assert_eq!(i2.id, i1.id);
            assert_eq!(s.template(w.ws, t1.id).await.unwrap().items.len(), 16);

            let (opens, closes) = (date::today(), date::today().saturating_add(time::Duration::days(7)));
            let r1 = s.once(req("round-request-000000001", o)).start_round(w.ws, b1.id, t1.id, "Spring", opens, closes, vec![br1.id]).await.unwrap();
            let r2 = s.once(req("round-request-000000001", o)).start_round(w.ws, b1.id, t1.id, "Spring", opens, closes, vec![br1.id]).await.unwrap();
            assert_eq!(r2.id, r1.id);
            assert_eq!(s.rounds(w.ws, b1.id).await.unwrap().len(), 1);

            // Rater links: their addresses are shown once, so a repeat is
            // refused with a conflict that says so, and makes none.
            let links = || s.once(req("links-request-000000001", o)).create_rater_links(w.ws, r1.id, br1.id, RaterGroup::Staff, vec!["Ann".into(), "Bo".into()]);
            assert_eq!(links().await.unwrap().len(), 2);
            let again = links().await;
            assert!(matches!(&again, Err(StoreError::Rule(RuleError::Conflict(m))) if m.key == "rule-links-made-already"), "{again:?}");
            assert_eq!(s.rater_links(w.ws, r1.id).await.unwrap().len(), 2);

            let held = date::today();
            let start = || s.once(req("session-request-0000001", o)).start_session_at(w.ws, j1.id, o, "May session", held, SessionSettings::default(), Phase::Capture);
            let s1 = start().await.unwrap();
            let s2 = start().await.unwrap();
            assert_eq!(s2.id, s1.id);
            assert_eq!(s.sessions(w.ws, j1.id).await.unwrap().len(), 1);
        }

        async fn a_creating_request_id_reused_for_another_record_or_by_another_person_is_refused(db) {
            let s = &db.store;
            let w = world(s).await;
            let before = s.businesses(w.ws).await.unwrap().len();
            let rid = "reused-create-request-01";
            s.once(req(rid, w.owner)).create_business(w.ws, "First").await.unwrap();
            assert_conflict(s.once(req(rid, w.owner)).create_business(w.ws, "Second").await);
            assert_conflict(s.once(req(rid, w.owner)).add_branch(w.ws, w.business, "First").await);
            let pat = member(s, w.ws, Role::Owner).await;
            assert_conflict(s.once(req(rid, pat)).create_business(w.ws, "First").await);
            assert_eq!(s.businesses(w.ws).await.unwrap().len(), before + 1);
            // A refused change is not remembered: its id may be used again.
            let bad = s.once(req("refused-create-request1", w.owner)).add_branch(w.ws, 999_999, "Nowhere").await;
            assert!(matches!(bad, Err(StoreError::NotFound(_))), "{bad:?}");
            s.once(req("refused-create-request1", w.owner)).add_branch(w.ws, w.business, "Somewhere").await.unwrap();
            // Without a request id every call makes a new record, as before.
            s.once(None).create_business(w.ws, "First").await.unwrap();
            s.create_business(w.ws, "First").await.unwrap();
            assert_eq!(s.businesses(w.ws).await.unwrap().len(), before + 3);
        }
    }
}

// ---- the writer's queue is bounded -----------------------------------------------

on_both! {
    async fn more_changes_at_once_than_the_writers_queue_holds_all_commit_in_order(db) {
        // The queue holds 4,096 jobs; past that, callers wait for room. Six
        // boards of 850 notes each (a board holds at most 1,000).
        let s = &db.store;
        let w = world(s).await;
        let mut boards = Vec::new();
        for b in 0..6 {
            let j = s.create_journey(w.ws, w.business, &format!("Journey {b}"), &format!("QUEUE{b:03}"), &random_token()).await.unwrap();
            let stage = s.stages(w.ws, j.id).await.unwrap()[0].id;
            boards.push((j.id, stage));
        }
        let tasks: Vec<_> = (0..5_100)
            .map(|i| {
                let (s, ws, owner, (j, stage)) = (s.clone(), w.ws, w.owner, boards[i % 6]);
                tokio::spawn(async move { s.apply(ws, j, owner, "Olive", add_cmd(stage, &format!("note {i}"))).await })
            })
            .collect();
        let mut seqs: std::collections::HashMap<Id, Vec<i64>> = Default::default();
        for t in tasks {
            let c = t.await.unwrap().unwrap();
            seqs.entry(c.journey_id).or_default().push(c.seq);
        }
        for (j, _) in &boards {
            let mut got = seqs.remove(j).unwrap();
            got.sort();
            assert_eq!(got, (1..=850).collect::<Vec<i64>>(), "every board's log has no gap and no repeat");
        }
    }
}

// ---- migrations ---------------------------------------------------------------

/// Migration 0022 makes `actions` again on SQLite (with the tables that
/// reference it): an installation's actions, their steps, the alerts that
/// opened them and whom those were mailed to are all still there after it,
/// still joined up, and an action may now belong to no session.
async fn actions_and_alerts_survive_migration_0022(db: Db) {
    use mot_core::date;
    use mot_core::feedback::alert::AlertDecision;
    use mot_core::feedback::trend::{Alert, Period};
    use mot_core::feedback::Tally;
    use mot_core::session::SessionSettings;
    use mot_store::{ActionFromAlert, NewAlert};

    let store = &db.store;
    let w = world(store).await;
    let m = w.add(store, w.stages[0], "Delivery day").await;
    let s = store
        .start_session(
            w.ws,
            w.journey.id,
            w.owner,
            "Monthly",
            date::today(),
            SessionSettings::default(),
        )
        .await
        .unwrap();
    let alert = NewAlert {
        moment_id: m.id,
        branch_id: None,
        kind: Alert::WorseThanUsual,
        period: Period::Week,
        period_start: 20_000,
        tally: Tally {
            worse: 8,
            as_expected: 1,
            better: 1,
        },
    };
    // The rows are written by today's code, which writes the columns
    // migration 0035 adds: version 21's table lends them until the
    // migrations run.
    let lend = |sql: &'static str| async move {
        for column in ["last_start", "raised_at"] {
            sqlx::query(&sql.replace("{}", column))
                .execute(store.pool())
                .await
                .unwrap();
        }
    };
    lend("ALTER TABLE feedback_alerts ADD COLUMN {} BIGINT NOT NULL DEFAULT 0").await;
    let alert_id = store
        .keep_feedback_alerts(w.ws, w.journey.id, vec![alert])
        .await
        .unwrap()[0];
    let Actor::Member { user_id, .. } = w.owner else {
        panic!()
    };
    let from_alert = ActionFromAlert {
        what: "Customers on Delivery day".into(),
        owner_user_id: Some(user_id),
        owner_name: "Olive".into(),
        due_on: Some(time::macros::date!(2031 - 01 - 15)),
    };
    store
        .decide_feedback_alert(
            w.ws,
            w.journey.id,
            alert_id,
            w.owner,
            AlertDecision::Action,
            Some(from_alert),
        )
        .await
        .unwrap();
    store
        .feedback_alert_sent_to(w.ws, alert_id, user_id, 1)
        .await
        .unwrap();
    let action_id = store
        .feedback_alert(w.ws, alert_id)
        .await
        .unwrap()
        .action_id
        .unwrap();
    sqlx::query("INSERT INTO action_steps (action_id, position, text, measure) VALUES ($1, 0, 'Call ahead', 'every delivery')")
        .bind(action_id)
        .execute(store.pool())
        .await
        .unwrap();
    let before = store.open_actions(w.ws, w.journey.id).await.unwrap();
    assert_eq!(
        (before.len(), before[0].session_id, before[0].steps.len()),
        (1, Some(s.id), 1)
    );
    assert_eq!(
        (before[0].owner_name.as_str(), before[0].due_on),
        ("Olive", Some(time::macros::date!(2031 - 01 - 15))),
        "who and by when, as decided"
    );

    lend("ALTER TABLE feedback_alerts DROP COLUMN {}").await;
    store.migrate().await.expect("the later migrations");

    let after = store.open_actions(w.ws, w.journey.id).await.unwrap();
    assert_eq!(after, before, "every action and step kept");
    let kept = store.feedback_alert(w.ws, alert_id).await.unwrap();
    assert_eq!(
        kept.action_id,
        Some(after[0].id),
        "the alert still names its action"
    );
    assert_eq!(
        store
            .feedback_alert_recipients(w.ws, alert_id)
            .await
            .unwrap(),
        vec![user_id]
    );
    // Still joined up: a step of no action is refused, and so is an action
    // of a session that does not exist; an action of no session is not.
    let orphan = sqlx::query(
        "INSERT INTO action_steps (action_id, position, text, measure) VALUES (999999, 0, 'x', '')",
    )
    .execute(store.pool())
    .await;
    assert!(orphan.is_err(), "a step of no action");
    let insert = |session: Option<i64>| {
        sqlx::query(
            "INSERT INTO actions (workspace_id, journey_id, session_id, what, owner_name, status, created_at, updated_at) \
             VALUES ($1, $2, $3, 'x', '', 'open', 0, 0)",
        )
        .bind(w.ws)
        .bind(w.journey.id)
        .bind(session)
        .execute(store.pool())
    };
    assert!(
        insert(Some(999_999)).await.is_err(),
        "an action of a session that does not exist"
    );
    insert(None).await.expect("an action of no session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actions_and_alerts_survive_migration_0022_on_sqlite() {
    actions_and_alerts_survive_migration_0022(Db::sqlite_until(21).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actions_and_alerts_survive_migration_0022_on_postgres() {
    let Some(db) = Db::postgres_until(21).await else {
        return;
    };
    actions_and_alerts_survive_migration_0022(db).await;
}

on_both! {
    async fn an_alert_kept_by_an_instance_before_migration_0035_carries_on(db) {
        // An instance not yet upgraded keeps an alert without the columns
        // migration 0035 added: it is still a run of its own week, which
        // the next week carries on (not a second alert).
        use mot_core::feedback::trend::{Alert, Period};
        use mot_core::feedback::Tally;
        use mot_store::NewAlert;
        let store = &db.store;
        let w = world(store).await;
        let m = w.add(store, w.stages[0], "Delivery day").await;
        let week = 20_003;
        let old = sqlx::query(
            "INSERT INTO feedback_alerts (workspace_id, journey_id, moment_id, branch_id, kind, period, \
             period_start, worse, as_expected, better, state, created_at) \
             VALUES ($1, $2, $3, 0, 'worse_than_usual', 'week', $4, 8, 1, 1, 'open', 1234) RETURNING id",
        )
        .bind(w.ws)
        .bind(w.journey.id)
        .bind(m.id)
        .bind(week)
        .fetch_one(store.pool())
        .await
        .unwrap();
        let id: i64 = sqlx::Row::get(&old, "id");
        let kept = store.feedback_alert(w.ws, id).await.unwrap();
        assert_eq!(kept.last_start, week, "a run of its own week");
        let next = NewAlert {
            moment_id: m.id,
            branch_id: None,
            kind: Alert::WorseThanUsual,
            period: Period::Week,
            period_start: week + 7,
            tally: Tally { worse: 9, as_expected: 1, better: 0 },
        };
        let made = store.keep_feedback_alerts(w.ws, w.journey.id, vec![next.clone()]).await.unwrap();
        assert!(made.is_empty(), "carried on, not kept again: {made:?}");
        assert_eq!(store.feedback_alert(w.ws, id).await.unwrap().last_start, week + 7);
        // Today's code still writes its own values.
        let later = NewAlert { period_start: week + 21, ..next };
        let made = store.keep_feedback_alerts(w.ws, w.journey.id, vec![later]).await.unwrap();
        assert_eq!(store.feedback_alert(w.ws, made[0]).await.unwrap().last_start, week + 21);
    }
}

on_both! {
    async fn instances_share_their_keys_and_the_proofs_taken(db) {
        let (a, b) = (&db.store, &db.second_instance().await);
        // The first instance to ask makes the key; every other reads it.
        let key = a.instance_key("proof").await.unwrap();
        assert_eq!(b.instance_key("proof").await.unwrap(), key);
        assert_ne!(a.instance_key("another").await.unwrap(), key);
        // A solution is taken once, on any instance; the same form again
        // (a retry) passes; a form without a key never twice.
        let now = 1_700_000_000;
        assert!(a.take_proof("c1", now + 60, "form-1").await.unwrap());
        assert!(b.take_proof("c1", now + 60, "form-1").await.unwrap());
        assert!(!b.take_proof("c1", now + 60, "form-2").await.unwrap());
        assert!(a.take_proof("c2", now + 60, "").await.unwrap());
        assert!(!a.take_proof("c2", now + 60, "").await.unwrap());
        assert!(a.take_proof("c3", now + 120, "form-3").await.unwrap());
        // The solutions whose challenges expired before a time are
        // forgotten (their challenges no longer pass anyway).
        assert_eq!(b.forget_used_proofs(now + 61).await.unwrap(), 2);
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM used_proofs")
            .fetch_one(a.pool())
            .await
            .unwrap();
        assert_eq!(left, 1, "only the one still in time");
    }
}
