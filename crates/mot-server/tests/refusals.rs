//! Who may do what is decided once, in the feature's service (or in core,
//! inside the store's transaction), never in a handler: so the page and the
//! JSON API refuse the same thing with the same status and the same message.

#[macro_use]
mod common;

use common::*;
use mot_core::Role;
use serde_json::json;

on_both! {
    async fn the_workspace_refuses_a_member_alike_on_the_page_and_in_the_api(app) {
        let w = World::new(&app.store, "Acme").await;
        let pat = w.person(&app.store, Role::Member).await;
        let api = app.api(&pat.token);
        let page = app.signed_in(w.ws, pat.user.id).await;
        let (bid, jid) = (w.business.id, w.journey.id);
        let channel = app.store.channels(w.ws, bid).await.unwrap()[0].id;

        same_refusal(
            "a new business",
            page.submit("/businesses", &[("name", "Quay Cafe")]).await,
            api.post("/api/v1/businesses", json!({"name": "Quay Cafe"})).await,
        )
        .await;
        same_refusal(
            "a new channel",
            page.submit(&format!("/b/{bid}/channels"), &[("name", "Van"), ("colour", "#336699"), ("icon", "VAN")]).await,
            api.post(&format!("/api/v1/businesses/{bid}/channels"), json!({"name": "Van", "colour": "#336699", "icon": "VAN"})).await,
        )
        .await;
        same_refusal(
            "a channel changed",
            page.submit(&format!("/c/{channel}/edit"), &[("name", "Van"), ("colour", "#336699"), ("icon", "VAN")]).await,
            api.patch(&format!("/api/v1/channels/{channel}"), json!({"name": "Van"})).await,
        )
        .await;
        same_refusal(
            "a new journey",
            page.submit(&format!("/b/{bid}/journeys"), &[("name", "Orders a cake")]).await,
            api.post(&format!("/api/v1/businesses/{bid}/journeys"), json!({"name": "Orders a cake"})).await,
        )
        .await;
        same_refusal(
            "the join link",
            page.get(&format!("/j/{jid}/share")).await,
            api.get(&format!("/api/v1/journeys/{jid}/join-link")).await,
        )
        .await;
        same_refusal(
            "rotating the join link",
            page.submit(&format!("/j/{jid}/rotate"), &[]).await,
            api.post(&format!("/api/v1/journeys/{jid}/join-link/rotate"), json!({})).await,
        )
        .await;
        // Nothing was made or changed.
        assert_eq!(app.store.businesses(w.ws).await.unwrap().len(), 1);
        assert_eq!(app.store.journeys(w.ws, bid).await.unwrap().len(), 1);
        assert_eq!(app.store.journey(w.ws, jid).await.unwrap().join_token, w.journey.join_token);
    }

    async fn audits_refuse_a_member_alike_on_the_page_and_in_the_api(app) {
        let w = World::new(&app.store, "Acme").await;
        let bid = w.business.id;
        let branch = app.store.add_branch(w.ws, bid, "Main Street").await.unwrap();
        let t = app.store.create_default_template(w.ws).await.unwrap();
        let (opens, closes) = (mot_core::date::today(), mot_core::date::today().saturating_add(time::Duration::days(7)));
        let round = app.store.start_round(w.ws, bid, t.id, "Spring", opens, closes, vec![branch.id]).await.unwrap();
        let pat = w.person(&app.store, Role::Member).await;
        let api = app.api(&pat.token);
        let page = app.signed_in(w.ws, pat.user.id).await;

        same_refusal(
            "a new branch",
            page.submit(&format!("/b/{bid}/branches"), &[("name", "Quay")]).await,
            api.post(&format!("/api/v1/businesses/{bid}/branches"), json!({"name": "Quay"})).await,
        )
        .await;
        same_refusal(
            "a template",
            page.get(&format!("/b/{bid}/templates/{}", t.id)).await,
            api.post(&format!("/api/v1/templates/{}/items", t.id), json!({"phase": "Extra", "text": "Greets by name", "guidance": ""})).await,
        )
        .await;
        same_refusal(
            "a round",
            page.get(&format!("/b/{bid}/rounds/{}", round.id)).await,
            api.get(&format!("/api/v1/rounds/{}", round.id)).await,
        )
        .await;
        same_refusal(
            "closing a round",
            page.submit(&format!("/b/{bid}/rounds/{}/close", round.id), &[]).await,
            api.post(&format!("/api/v1/rounds/{}/close", round.id), json!({})).await,
        )
        .await;
        assert_eq!(app.store.branches(w.ws, bid).await.unwrap().len(), 1);
        assert!(!app.store.round(w.ws, round.id).await.unwrap().closed);
    }

    async fn the_board_and_the_session_refuse_alike_on_the_page_and_in_the_api(app) {
        let w = World::new(&app.store, "Acme").await;
        let (jid, stage) = (w.journey.id, w.stages[0].id);
        // A viewer may look at the board, not write on it.
        let vic = w.person(&app.store, Role::Viewer).await;
        let (api, page) = (app.api(&vic.token), app.signed_in(w.ws, vic.user.id).await);
        same_refusal(
            "a viewer's new note",
            page.submit(&format!("/j/{jid}/moments"), &[("stage_id", &stage.to_string()), ("title", "Pays")]).await,
            api.post(&format!("/api/v1/journeys/{jid}/moments"), json!({"stage_id": stage, "title": "Pays"})).await,
        )
        .await;
        // Only a facilitator leads the session from step to step.
        let s = app
            .store
            .start_session(w.ws, jid, w.owner_actor(), "May session", mot_core::date::today(), mot_core::session::SessionSettings::default())
            .await
            .unwrap();
        let pat = w.person(&app.store, Role::Member).await;
        let (api, page) = (app.api(&pat.token), app.signed_in(w.ws, pat.user.id).await);
        same_refusal(
            "a member moving the session on",
            page.submit(&format!("/j/{jid}/sessions/{}", s.id), &[("op", "change_phase"), ("expected", "capture"), ("target", "colour_code")]).await,
            api.post(&format!("/api/v1/sessions/{}/commands", s.id), json!({"op": "change_phase", "expected": "capture", "target": "colour_code"})).await,
        )
        .await;
        assert!(app.store.moments(w.ws, jid).await.unwrap().is_empty());
        assert_eq!(app.store.team_session(w.ws, s.id).await.unwrap().phase, mot_core::session::Phase::Capture);
    }
}
