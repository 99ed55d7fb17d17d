//! A new user's first steps: setup creates the first business too (a single
//! shop types its name once), the empty business page leads with its first
//! journey, and a note's description can be typed where the note is added.

#[macro_use]
mod common;

use common::*;
use reqwest::StatusCode;

const PASSWORD: &str = "correct horse battery";

/// Posts the setup form with the page's own CSRF token.
async fn setup(b: &Browser, business: &str, workspace: &str) -> reqwest::Response {
    let page = b.get("/setup").await.text().await.unwrap();
    let csrf = form_csrf(&page);
    b.post(
        "/setup",
        &[
            ("_csrf", &csrf),
            ("business", business),
            ("workspace", workspace),
            ("name", "Sam Shop"),
            ("email", "sam@example.com"),
            ("password", PASSWORD),
        ],
    )
    .await
}

on_both! {
    async fn setup_asks_for_the_business_once_and_creates_it_with_a_workspace_of_the_same_name(app) {
        let b = app.browser();
        let page = b.get("/setup").await.text().await.unwrap();
        let (business, workspace) = (page.find(r#"id="business""#), page.find(r#"id="workspace""#));
        assert!(business.is_some() && business < workspace, "the business name comes first: {page}");

        let res = setup(&b, "  Corner Bakery ", "").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let ws = app.store.first_workspace().await.unwrap().expect("a workspace");
        assert_eq!(ws.name, "Corner Bakery", "the workspace takes the business's name");
        let businesses = app.store.businesses(ws.id).await.unwrap();
        assert_eq!(businesses.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["Corner Bakery"]);
        assert!(!app.store.channels(ws.id, businesses[0].id).await.unwrap().is_empty(), "with the default channels");
        // Straight to the business, signed in, to create the first journey.
        assert_eq!(location(&res), format!("/b/{}", businesses[0].id));
        let page = b.get(&location(&res)).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.text().await.unwrap().contains("Create your first journey"));
    }

    async fn setup_keeps_a_separate_workspace_name_for_an_adviser(app) {
        let b = app.browser();
        let res = setup(&b, "Corner Bakery", "Harbour Advisers").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let ws = app.store.first_workspace().await.unwrap().expect("a workspace");
        assert_eq!(ws.name, "Harbour Advisers");
        let businesses = app.store.businesses(ws.id).await.unwrap();
        assert_eq!(businesses.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["Corner Bakery"]);
    }

    async fn setup_without_any_name_is_refused_and_creates_nothing(app) {
        let b = app.browser();
        let res = setup(&b, " ", "").await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = res.text().await.unwrap();
        assert!(page.contains("business: must not be empty"), "{page}");
        assert!(!app.store.is_set_up().await.unwrap());
        // Too long a business name says so too.
        let res = setup(&b, &"B".repeat(mot_core::Limits::BUSINESS_NAME + 1), "").await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!app.store.is_set_up().await.unwrap());
    }

    async fn an_empty_business_page_leads_with_its_first_journey(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let empty = app.store.create_business(w.ws, "Corner Bakery").await.unwrap();
        let page = owner.get(&format!("/b/{}", empty.id)).await.text().await.unwrap();
        let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("{needle} missing: {page}"));
        let first_h2 = at("<h2");
        assert_eq!(first_h2, at("<h2>Create your first journey</h2>"), "the first heading: {page}");
        assert!(at(r#"id="jname""#) < at("<h2>Channels</h2>"), "the journey form before the channels");
        assert!(at("<h2>Channels</h2>") < at("<h2>Branches</h2>") && at("<h2>Branches</h2>") < at("<h2>Touchpoint audits</h2>"));

        // With a journey, the page lists it as before.
        let page = owner.get(&format!("/b/{}", w.business.id)).await.text().await.unwrap();
        assert!(page.contains("<h2>Customer journeys</h2>") && !page.contains("Create your first journey"), "{page}");
    }

    async fn a_note_gets_its_description_from_the_add_form_on_the_board(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let jid = w.journey.id;
        let board = owner.get(&format!("/j/{jid}")).await.text().await.unwrap();
        let form_start = board.find(r#"<form class="add-note""#).expect("an add form");
        let form = &board[form_start..form_start + board[form_start..].find("</form>").unwrap()];
        assert!(form.contains(r#"name="title""#) && form.contains(r#"<textarea"#) && form.contains(r#"name="description""#), "{form}");
        assert!(form.contains("Add a description"), "{form}");

        let res = owner
            .submit(&format!("/j/{jid}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Sees the advert"), ("description", "In the local paper, page 3")])
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let moments = app.store.moments(w.ws, jid).await.unwrap();
        let m = moments.iter().find(|m| m.title == "Sees the advert").expect("the note");
        assert_eq!(m.description, "In the local paper, page 3");
        let board = owner.get(&format!("/j/{jid}")).await.text().await.unwrap();
        assert!(board.contains("In the local paper, page 3"), "the description on the note");
    }
}
