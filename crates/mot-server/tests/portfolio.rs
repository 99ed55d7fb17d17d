//! An adviser's portfolio: every client of the workspace in one table with
//! its sessions, actions, audit and customers' figures, what needs
//! attention first, sortable and filterable, and its CSV read back with an
//! independent parser; nothing of another workspace. An audit's results
//! beside the other clients' (anonymised quartiles, from five clients on).

#[macro_use]
mod common;

use common::*;
use mot_core::session::SessionSettings;
use mot_core::BoardCommand;
use reqwest::StatusCode;

/// The CSV's rows (header first), read by the `csv` crate.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes)
        .unwrap()
        .trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A round of `business` with the template's first item scored `score` by
/// two raters who handed in; answers the round's id.
async fn handed_in_round(
    app: &TestApp,
    ws: i64,
    business: i64,
    tpl: i64,
    opens: time::Date,
    score: i64,
) -> i64 {
    let branch = match app.store.branches(ws, business).await.unwrap().first() {
        Some(b) => b.id,
        None => app.store.add_branch(ws, business, "Main").await.unwrap().id,
    };
    let round = app
        .store
        .start_round(
            ws,
            business,
            tpl,
            "Audit",
            opens,
            opens + time::Duration::days(3),
            vec![branch],
        )
        .await
        .unwrap();
    let item = app.store.round_items(round.id).await.unwrap()[0].id;
    for _ in 0..2 {
        let link: i64 = sqlx::Row::get(&sqlx::query(
            "INSERT INTO rater_links (workspace_id, round_id, branch_id, rater_group, label, token_hash, created_at, submitted_at) \
             VALUES ($1, $2, $3, 'staff', 'R', $4, 0, 1) RETURNING id",
        )
        .bind(ws).bind(round.id).bind(branch).bind(mot_store::random_token())
        .fetch_one(app.store.pool()).await.unwrap(), "id");
        sqlx::query("INSERT INTO audit_answers (link_id, round_item_id, score, comment, updated_at) VALUES ($1, $2, $3, '', 0)")
            .bind(link).bind(item).bind(score)
            .execute(app.store.pool()).await.unwrap();
    }
    round.id
}

on_both! {
    async fn the_portfolio_puts_what_needs_attention_first_and_exports_the_same_rows(app) {
        let w = World::new(&app.store, "Acme").await;
        let today = mot_core::date::today();
        let days = |n: i64| today + time::Duration::days(n);
        // Acme Furniture (the World's): a session a month ago, none booked,
        // an action ten days overdue and one not yet due.
        app.store.start_session(w.ws, w.journey.id, w.owner_actor(), "Last", days(-30), SessionSettings::default()).await.unwrap();
        for (what, due) in [("Call the courier", days(-10)), ("New leaflet", days(20))] {
            sqlx::query(
                "INSERT INTO actions (workspace_id, journey_id, what, owner_name, due_on, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'Ann', $4, 'open', 0, 0)",
            )
            .bind(w.ws).bind(w.journey.id).bind(what).bind(mot_core::date::format(due))
            .execute(app.store.pool()).await.unwrap();
        }
        // Bolt Bakery: a session booked next week; customers' score fell.
        let bolt = app.store.create_business(w.ws, "Bolt Bakery").await.unwrap();
        let bj = app.store.create_journey(w.ws, bolt.id, "Breakfast", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        app.store.start_session(w.ws, bj.id, w.owner_actor(), "Next", days(7), SessionSettings::default()).await.unwrap();
        let stage = app.store.stages(w.ws, bj.id).await.unwrap()[0].id;
        let c = app.store.apply(w.ws, bj.id, w.owner_actor(), "Owner", BoardCommand::AddMoment { stage_id: stage, channel_id: None, title: "Queue".into(), description: String::new() }).await.unwrap();
        let moment = match c.event { mot_core::LiveEvent::Board(mot_core::BoardEvent::MomentAdded { moment }) => moment.id, e => panic!("{e:?}") };
        let day = |d: time::Date| mot_core::feedback::trend::day_number(d);
        for (d, worse, better) in [(day(days(-5)), 30, 10), (day(days(-120)), 5, 35)] {
            sqlx::query("INSERT INTO feedback_daily (workspace_id, moment_id, branch_id, day, worse, as_expected, better) VALUES ($1, $2, 0, $3, $4, 0, $5)")
                .bind(w.ws).bind(moment).bind(d).bind(worse as i64).bind(better as i64)
                .execute(app.store.pool()).await.unwrap();
        }
        // Crux Care: no session yet; its audit fell from 8 to 6 (two handed-in
        // scores each, one round before the other). And another workspace's
        // client is never shown.
        let crux = app.store.create_business(w.ws, "Crux Care").await.unwrap();
        let tpl = app.store.create_default_template(w.ws).await.unwrap();
        for (opens, score) in [(days(-60), 8), (days(-5), 6)] {
            handed_in_round(&app, w.ws, crux.id, tpl.id, opens, score).await;
        }
        let other = World::new(&app.store, "Other").await;

        let b = app.signed_in(w.ws, w.owner.id).await;
        let home = ok_page(b.get("/").await, "home").await;
        assert!(home.contains(r#"href="/portfolio""#), "{home}");
        let page = ok_page(b.get("/portfolio").await, "the portfolio").await;
        assert!(!page.contains(&other.business.name), "nothing of another workspace");
        let order: Vec<usize> = ["Acme Furniture", "Bolt Bakery", "Crux Care"].iter().map(|n| page.find(n).unwrap()).collect();
        assert!(order[0] < order[1] && order[1] < order[2], "attention first: {order:?}");
        assert!(page.contains("1 action overdue") && page.contains("no next session booked"), "{page}");
        assert!(page.contains("customers' score fell 125.0 points") && page.contains("from 40"), "{page}");
        assert!(page.contains("no session yet") && page.contains("audit score fell 2.0 points"), "{page}");

        // By name, and filtered.
        let page = ok_page(b.get("/portfolio?sort=name").await, "by name").await;
        let (a, c) = (page.find("Acme Furniture").unwrap(), page.find("Crux Care").unwrap());
        assert!(a < c);
        let page = ok_page(b.get("/portfolio?q=bolt").await, "filtered").await;
        assert!(page.contains("Bolt Bakery") && !page.contains("Crux Care") && page.contains("1 of 3 clients"), "{page}");
        let page = ok_page(b.get("/portfolio?attention=1&sort=next").await, "only attention").await;
        assert!(page.contains("Crux Care"), "no session yet needs attention");
        // A sort that does not exist falls back to attention first.
        ok_page(b.get("/portfolio?sort=nonsense").await, "an unknown sort").await;

        // The CSV: the same rows in the same order, read back.
        let res = b.get("/portfolio.csv").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(content_type(&res).starts_with("text/csv"));
        let rows = csv_rows(&res.bytes().await.unwrap());
        assert_eq!(rows[0][0], "Client");
        assert_eq!(rows.iter().skip(1).map(|r| r[0].as_str()).collect::<Vec<_>>(), ["Acme Furniture", "Bolt Bakery", "Crux Care"]);
        assert_eq!((rows[1][3].as_str(), rows[1][4].as_str()), ("2", "1"), "open and overdue actions");
        assert_eq!(rows[1][1], mot_core::date::format(days(-30)));
        assert_eq!(rows[2][2], mot_core::date::format(days(7)), "Bolt's next session");
        assert_eq!((rows[2][8].as_str(), rows[2][9].as_str(), rows[2][10].as_str()), ("-50.0", "40", "-125.0"), "customers' score, answers, change");
        assert!(rows[3][11].contains("no session yet"), "{:?}", rows[3]);
        assert_eq!((rows[3][5].as_str(), rows[3][6].as_str(), rows[3][7].as_str()), ("6.0", "2", "-2.0"), "audit mean, scores, change");

        // A guest of a board has no portfolio.
        let guest = app.guest(&w.journey, "Gus").await;
        assert_ne!(guest.get("/portfolio").await.status(), StatusCode::OK);
    }

    async fn audit_results_stand_beside_other_clients_only_from_five_of_them_on(app) {
        let w = World::new(&app.store, "Acme").await;
        let today = mot_core::date::today();
        let tpl = app.store.create_default_template(w.ws).await.unwrap();
        // Ours scores 4 on the first item, in an older round 9 (not counted
        // for others; ours is never among the others).
        handed_in_round(&app, w.ws, w.business.id, tpl.id, today - time::Duration::days(90), 9).await;
        let ours = handed_in_round(&app, w.ws, w.business.id, tpl.id, today, 4).await;
        let item = app.store.template(w.ws, tpl.id).await.unwrap().items[0].text.clone();
        let b = app.signed_in(w.ws, w.owner.id).await;
        let path = format!("/b/{}/rounds/{ours}/results", w.business.id);
        // No other client yet: no section at all.
        let page = ok_page(b.get(&path).await, "results, no other client").await;
        assert!(!page.contains("Beside your other clients"), "{page}");
        // Four others: too few to show anything but their number.
        let mut others = Vec::new();
        for (i, score) in [5, 6, 7, 8, 9].into_iter().enumerate() {
            let c = app.store.create_business(w.ws, &format!("Client {i}")).await.unwrap();
            // An older round with another score: only the latest counts.
            handed_in_round(&app, w.ws, c.id, tpl.id, today - time::Duration::days(30), 1).await;
            handed_in_round(&app, w.ws, c.id, tpl.id, today - time::Duration::days(2), score).await;
            others.push(c.id);
            if i == 3 {
                let page = ok_page(b.get(&path).await, "results beside four others").await;
                assert!(page.contains("4 other clients audit with this template") && !page.contains("Others' median</th>"), "{page}");
            }
        }
        let page = ok_page(b.get(&path).await, "results beside five others").await;
        let at = page.find(r#"id="benchmarks""#).expect("the section");
        let section = &page[at..at + page[at..].find("</section>").unwrap()];
        assert!(section.contains(&item), "{section}");
        assert!(section.contains("<td class=\"num\">4.0</td><td class=\"num\">7.0</td><td class=\"num\">6.0–8.0</td>"), "ours 4.0, median 7.0, middle half 6.0–8.0: {section}");
        assert!(section.contains("below the middle half") && section.contains("<td class=\"num\">5</td>"), "{section}");
        for name in ["Client 0", "Client 4"] {
            assert!(!section.contains(name), "no client named");
        }
    }
}
