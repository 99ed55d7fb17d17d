//! The live board over WebSockets, through the real server: frames for every
//! change, resuming from a sequence number, refresh when too far behind,
//! commands over the socket, who may connect, two instances on one
//! PostgreSQL database, and graceful shutdown.

#[macro_use]
mod common;

use common::*;
use futures_util::future::join_all;
use mot_core::{BoardCommand, Role};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::Message;

/// Commits `n` notes at once through the store (so the writer groups them).
async fn add_notes(app: &TestApp, w: &World, n: usize) {
    let results = join_all((0..n).map(|i| {
        app.store.apply(
            w.ws,
            w.journey.id,
            w.owner_actor(),
            &w.owner.name,
            BoardCommand::AddMoment {
                stage_id: w.stages[i % 3].id,
                channel_id: None,
                title: format!("Note {i}"),
                description: String::new(),
            },
        )
    }))
    .await;
    for r in results {
        r.expect("a committed note");
    }
}

/// Reads frames until the one of type `kind`, returning it and those before it.
async fn until(ws: &mut Ws, kind: &str) -> (Value, Vec<Value>) {
    let mut before = Vec::new();
    loop {
        let v = next_json(ws).await;
        if v["type"] == kind {
            return (v, before);
        }
        before.push(v);
    }
}

async fn expect_ready(ws: &mut Ws, seq: i64) {
    let v = next_json(ws).await;
    assert_eq!(v, json!({"type": "ready", "seq": seq}));
}

/// Asserts the socket is closed with 1008 because its session ended, and
/// that nothing else came before the close.
async fn expect_ended(ws: &mut Ws, what: &str) {
    loop {
        let msg = next_message(ws, what).await;
        match msg {
            Some(Ok(Message::Close(Some(frame)))) => {
                assert_eq!(u16::from(frame.code), 1008, "{what}: 1008 Policy Violation");
                assert!(
                    frame.reason.contains("session has ended"),
                    "{what}: {}",
                    frame.reason
                );
                return;
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            other => panic!("{what}: expected a close frame, got {other:?}"),
        }
    }
}

on_both! {
    async fn logging_out_closes_the_sessions_open_sockets_and_no_other(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let other_tab = app.signed_in(w.ws, w.owner.id).await;
        let mut ws = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header())]).await.expect("the session connects");
        expect_ready(&mut ws, 0).await;
        let mut other = open_live(&app, jid, 0, &[("cookie", &other_tab.cookie_header())]).await.expect("another session connects");
        expect_ready(&mut other, 0).await;

        let res = owner.submit("/logout", &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        expect_ended(&mut ws, "the logged-out session's socket closing").await;

        // Another session of the same person still gets changes.
        w.note(&app.store, 0, "After the logout").await;
        let v = next_json(&mut other).await;
        assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_added"), Some(1)), "{v}");
        // And the ended session cannot open a new socket.
        assert_eq!(refused_status(open_live(&app, jid, 0, &[("cookie", &owner.cookie_header())]).await), 401);
    }

    async fn a_command_on_a_socket_whose_session_ended_elsewhere_is_refused_and_not_saved(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let mut ws = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header())]).await.expect("the session connects");
        expect_ready(&mut ws, 0).await;
        // Logged out through another instance: this one is not told.
        let token = owner.cookie("mot_session").unwrap();
        app.store.delete_session(&token).await.unwrap();

        send_json(&mut ws, json!({"type": "cmd", "req": 7, "cmd": {"op": "add_moment", "stage_id": w.stages[0].id, "title": "After logout"}})).await;
        let v = next_json(&mut ws).await;
        assert_eq!((v["type"].as_str(), v["req"].as_i64(), v["error"]["code"].as_str()), (Some("error"), Some(7), Some("unauthorized")), "{v}");
        expect_ended(&mut ws, "the socket closing after the refused command").await;
        assert_eq!(w.journey_now(&app.store).await.last_seq, 0, "nothing was saved");
        assert!(app.store.moments(w.ws, jid).await.unwrap().is_empty());
    }

    async fn a_command_after_a_change_elsewhere_reads_the_access_again(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let pat = w.person(&app.store, Role::Member).await;
        let b = app.signed_in(w.ws, pat.user.id).await;
        let mut ws = open_live(&app, jid, 0, &[("cookie", &b.cookie_header())]).await.expect("the session connects");
        expect_ready(&mut ws, 0).await;
        // Renamed on another instance, which tells nobody: the command is
        // saved under the new name.
        app.store.set_user_name(pat.user.id, "Pat Renamed").await.unwrap();
        send_json(&mut ws, json!({"type": "cmd", "req": 1, "cmd": {"op": "add_moment", "stage_id": w.stages[0].id, "title": "After the rename"}})).await;
        let (mut acked, mut shown) = (false, false);
        while !(acked && shown) {
            let v = next_json(&mut ws).await;
            match v["type"].as_str() {
                Some("ack") => acked = v["req"].as_i64() == Some(1),
                Some("moment_added") => {
                    assert_eq!(v["moment"]["author_name"].as_str(), Some("Pat Renamed"), "{v}");
                    shown = true;
                }
                Some("presence") => {}
                _ => panic!("expected the ack and the note: {v}"),
            }
        }
        let notes = app.store.moments(w.ws, jid).await.unwrap();
        assert_eq!(notes.iter().map(|m| m.author_name.as_str()).collect::<Vec<_>>(), ["Pat Renamed"]);
        // Made a viewer elsewhere: refused as a viewer is, nothing saved,
        // and the socket stays (a viewer still watches the board).
        app.store.set_member_role(w.ws, pat.user.id, Role::Viewer).await.unwrap();
        send_json(&mut ws, json!({"type": "cmd", "req": 2, "cmd": {"op": "add_moment", "stage_id": w.stages[0].id, "title": "As a viewer"}})).await;
        let v = loop {
            let v = next_json(&mut ws).await;
            if v["type"].as_str() != Some("presence") { break v; }
        };
        assert_eq!((v["type"].as_str(), v["req"].as_i64(), v["error"]["code"].as_str()), (Some("error"), Some(2), Some("forbidden")), "{v}");
        assert_eq!(app.store.moments(w.ws, jid).await.unwrap().len(), 1, "nothing more was saved");
        send_json(&mut ws, json!({"type": "ping"})).await;
        let v = loop {
            let v = next_json(&mut ws).await;
            if v["type"].as_str() != Some("presence") { break v; }
        };
        assert_eq!(v["type"].as_str(), Some("pong"), "the socket stays open: {v}");
    }

    async fn revoking_an_api_token_closes_the_sockets_it_opened_at_once(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let bearer = format!("Bearer {}", w.owner_token);
        let mut ws = open_live(&app, jid, 0, &[("authorization", &bearer)]).await.expect("the token connects");
        expect_ready(&mut ws, 0).await;
        // Another of the owner's sockets, opened by a session, stays.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let mut tab = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header())]).await.expect("the session connects");
        expect_ready(&mut tab, 0).await;

        // Revoked on the account page: the socket closes with no command sent
        // on it (before, it went on receiving every change of the board).
        let id = app.store.api_tokens_of(w.ws, w.owner.id).await.unwrap()[0].id;
        let res = owner.submit(&format!("/account/tokens/{id}/revoke"), &[]).await;
        assert!(res.status().is_redirection() || res.status().is_success(), "{}", res.status());
        expect_ended(&mut ws, "the revoked token's socket").await;
        assert_eq!(refused_status(open_live(&app, jid, 0, &[("authorization", &bearer)]).await), 401);
        w.note(&app.store, 0, "After the revocation").await;
        let v = next_json(&mut tab).await;
        assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_added"), Some(1)), "{v}");
    }

    async fn a_session_that_expires_closes_its_socket(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let token = mot_store::random_token();
        app.store.create_session(w.ws, w.owner.id, &token, &mot_store::random_token(), 2_000).await.unwrap();
        let cookie = format!("mot_session={token}");
        let mut ws = open_live(&app, jid, 0, &[("cookie", &cookie)]).await.expect("the session connects before it expires");
        expect_ready(&mut ws, 0).await;
        expect_ended(&mut ws, "the socket closing when its session expires").await;
        assert_eq!(refused_status(open_live(&app, jid, 0, &[("cookie", &cookie)]).await), 401);
    }

    async fn a_facilitator_removes_a_guest_whose_socket_closes_and_who_loses_the_board(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let gus = app.guest(&w.journey, "Gus").await;
        let gwen = app.guest(&w.journey, "Gwen").await;
        let guests = app.store.guests(w.ws, jid).await.unwrap();
        let gus_id = guests.iter().find(|g| g.name == "Gus").unwrap().id;
        let mut gus_ws = open_live(&app, jid, 0, &[("cookie", &gus.cookie_header())]).await.expect("Gus connects");
        expect_ready(&mut gus_ws, 0).await;
        let mut gwen_ws = open_live(&app, jid, 0, &[("cookie", &gwen.cookie_header())]).await.expect("Gwen connects");
        expect_ready(&mut gwen_ws, 0).await;

        // Viewers, members and another workspace may not remove anyone.
        let remove = format!("/j/{jid}/guests/{gus_id}/remove");
        for role in [Role::Viewer, Role::Member] {
            let p = w.person(&app.store, role).await;
            let b = app.signed_in(w.ws, p.user.id).await;
            assert_eq!(b.submit(&remove, &[]).await.status(), StatusCode::FORBIDDEN, "{role:?}");
        }
        let rival = World::new(&app.store, "Rival").await;
        let rb = app.signed_in(rival.ws, rival.owner.id).await;
        assert_eq!(rb.submit(&remove, &[]).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(rb.submit(&format!("/j/{}/guests/{gus_id}/remove", rival.journey.id), &[]).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.store.guests(w.ws, jid).await.unwrap().len(), 2);

        // The facilitator sees both guests on the share page and removes Gus.
        let f = w.person(&app.store, Role::Facilitator).await;
        let fb = app.signed_in(w.ws, f.user.id).await;
        let share = fb.get(&format!("/j/{jid}/share")).await.text().await.unwrap();
        assert!(share.contains("Gus") && share.contains("Gwen"), "{share}");
        assert!(share.contains(&format!(r#"action="{remove}""#)), "a remove button");
        let res = fb.submit(&remove, &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        expect_ended(&mut gus_ws, "the removed guest's socket closing").await;
        let share = fb.get(&format!("/j/{jid}/share")).await.text().await.unwrap();
        assert!(!share.contains("Gus") && share.contains("Gwen"));

        // Gus can no longer see or change the board, nor reconnect.
        assert_eq!(location(&gus.get(&format!("/j/{jid}")).await), "/login");
        let res = gus.fetch(&format!("/j/{jid}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Removed")]).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(refused_status(open_live(&app, jid, 0, &[("cookie", &gus.cookie_header())]).await), 401);
        // Gwen goes on.
        let res = gwen.fetch(&format!("/j/{jid}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Still here")]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let v = next_json(&mut gwen_ws).await;
        assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_added"), Some(1)), "{v}");
        assert_eq!(app.store.moments(w.ws, jid).await.unwrap().len(), 1);
    }

    async fn rotating_the_join_link_with_removal_closes_every_old_guests_socket(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let gus = app.guest(&w.journey, "Gus").await;
        let mut gus_ws = open_live(&app, jid, 0, &[("cookie", &gus.cookie_header())]).await.expect("Gus connects");
        expect_ready(&mut gus_ws, 0).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;

        // Rotating alone stops new joins by the old link but keeps Gus.
        assert_eq!(owner.submit(&format!("/j/{jid}/rotate"), &[]).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(gus.get(&format!("/j/{jid}")).await.status(), StatusCode::OK);
        let old_link = format!("/join/{}", w.journey.join_token);
        assert_eq!(app.browser().get(&old_link).await.status(), StatusCode::NOT_FOUND);

        let second = app.guest(&w.journey_now(&app.store).await, "Gwen").await;
        let mut gwen_ws = open_live(&app, jid, 0, &[("cookie", &second.cookie_header())]).await.expect("Gwen connects");
        expect_ready(&mut gwen_ws, 0).await;
        let res = owner.submit(&format!("/j/{jid}/rotate"), &[("remove_guests", "1")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        expect_ended(&mut gus_ws, "Gus's socket closing").await;
        expect_ended(&mut gwen_ws, "Gwen's socket closing").await;
        for g in [&gus, &second] {
            assert_eq!(location(&g.get(&format!("/j/{jid}")).await), "/login");
        }
        assert!(app.store.guests(w.ws, jid).await.unwrap().is_empty());
        // The new link lets new people in.
        let nina = app.guest(&w.journey_now(&app.store).await, "Nina").await;
        assert_eq!(nina.get(&format!("/j/{jid}")).await.status(), StatusCode::OK);
    }

    async fn only_owners_and_facilitators_see_the_join_code_on_the_board(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let code = mot_core::board::show_join_code(&w.journey.join_code);
        let guest = app.guest(&w.journey, "Gus").await;
        let board = guest.get(&format!("/j/{jid}")).await.text().await.unwrap();
        assert!(!board.contains(&code) && !board.contains(&w.journey.join_code), "a guest does not see the code");
        for (role, sees) in [(Role::Viewer, false), (Role::Member, false), (Role::Facilitator, true), (Role::Owner, true)] {
            let p = w.person(&app.store, role).await;
            let b = app.signed_in(w.ws, p.user.id).await;
            let board = b.get(&format!("/j/{jid}")).await.text().await.unwrap();
            assert_eq!(board.contains(&code), sees, "{role:?}");
            assert!(board.contains("Store visit") || board.contains(&w.stages[0].name), "the board itself is shown to {role:?}");
        }
    }

    async fn a_live_client_gets_ready_then_a_frame_with_html_for_each_change(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let guest = app.guest(&w.journey, "Gus").await;
        let mut by_session = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header())]).await.expect("a session connects");
        let mut by_guest = open_live(&app, jid, 0, &[("cookie", &guest.cookie_header())]).await.expect("a guest connects");
        let bearer = format!("Bearer {}", w.owner_token);
        let mut by_token = open_live(&app, jid, 0, &[("authorization", &bearer)]).await.expect("a token connects");
        let origin = app.base.clone();
        let mut same_origin = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header()), ("origin", &origin)]).await.expect("the page's own origin connects");
        let mut clients = [&mut by_session, &mut by_guest, &mut by_token, &mut same_origin];
        for ws in clients.iter_mut() {
            expect_ready(ws, 0).await;
        }

        let res = owner.fetch(&format!("/j/{jid}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Sees the shop window")]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let id = res.json::<Value>().await.unwrap()["moment"]["id"].as_i64().unwrap();
        for ws in clients.iter_mut() {
            let v = next_json(ws).await;
            assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_added"), Some(1)), "{v}");
            assert_eq!(v["moment"]["title"], "Sees the shop window");
            let html = v["html"].as_str().expect("html for a note");
            assert!(html.contains(&format!(r#"id="m-{id}""#)) && html.contains("Sees the shop window"), "{html}");
        }

        app.api(&w.owner_token).patch(&format!("/api/v1/moments/{id}"), json!({"title": "Sees the window display"})).await;
        app.store.apply(w.ws, jid, w.owner_actor(), "Owner", BoardCommand::DeleteMoment { id }).await.unwrap();
        app.store.apply(w.ws, jid, w.owner_actor(), "Owner", BoardCommand::AddStage { name: "Delivery".into() }).await.unwrap();
        for ws in clients.iter_mut() {
            let v = next_json(ws).await;
            assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_updated"), Some(2)), "{v}");
            assert!(v["html"].as_str().unwrap().contains("Sees the window display"));
            let v = next_json(ws).await;
            assert_eq!(v, json!({"type": "moment_deleted", "id": id, "stage_id": w.stages[0].id, "seq": 3}));
            let v = next_json(ws).await;
            assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("stage_added"), Some(4)), "{v}");
            assert!(v["html"].as_str().unwrap().contains("Delivery"));
        }
    }

    async fn a_client_that_missed_100_changes_gets_exactly_those_in_order_then_ready(app) {
        let w = World::new(&app.store, "Acme").await;
        w.note(&app.store, 0, "Seen before").await;
        let since = w.journey_now(&app.store).await.last_seq;
        add_notes(&app, &w, 100).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let mut ws = open_live(&app, w.journey.id, since, &[("cookie", &owner.cookie_header())]).await.unwrap();
        let mut titles = std::collections::HashSet::new();
        for seq in since + 1..=since + 100 {
            let v = next_json(&mut ws).await;
            assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_added"), Some(seq)), "{v}");
            assert!(v["html"].is_string());
            titles.insert(v["moment"]["title"].as_str().unwrap().to_string());
        }
        assert_eq!(titles.len(), 100, "each missed change once");
        expect_ready(&mut ws, since + 100).await;
        // ...and then live changes follow on.
        w.note(&app.store, 1, "After").await;
        assert_eq!(next_json(&mut ws).await["seq"], since + 101);
    }

    async fn a_client_more_than_500_behind_is_told_to_refresh_and_one_500_behind_is_not(app) {
        let w = World::new(&app.store, "Acme").await;
        add_notes(&app, &w, 501).await;
        let last = w.journey_now(&app.store).await.last_seq;
        assert_eq!(last, 501);
        let bearer = format!("Bearer {}", w.owner_token);

        let mut far = open_live(&app, w.journey.id, 0, &[("authorization", &bearer)]).await.unwrap();
        assert_eq!(next_json(&mut far).await, json!({"type": "refresh", "seq": last}));
        expect_ready(&mut far, last).await;

        let mut near = open_live(&app, w.journey.id, 1, &[("authorization", &bearer)]).await.unwrap();
        for seq in 2..=last {
            assert_eq!(next_json(&mut near).await["seq"], seq);
        }
        expect_ready(&mut near, last).await;
    }

    async fn a_client_that_claims_a_change_the_board_never_had_is_told_to_refresh(app) {
        let w = World::new(&app.store, "Acme").await;
        w.note(&app.store, 0, "One").await;
        w.note(&app.store, 0, "Two").await;
        let bearer = format!("Bearer {}", w.owner_token);
        let mut ws = open_live(&app, w.journey.id, 50, &[("authorization", &bearer)]).await.unwrap();
        assert_eq!(next_json(&mut ws).await, json!({"type": "refresh", "seq": 2}));
        expect_ready(&mut ws, 2).await;
        w.note(&app.store, 0, "Three").await;
        assert_eq!(next_json(&mut ws).await["seq"], 3, "new changes are not skipped");
    }

    async fn a_command_over_the_socket_is_acknowledged_and_broadcast_to_other_clients(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let guest = app.guest(&w.journey, "Gus").await;
        let mut a = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header())]).await.unwrap();
        let mut b = open_live(&app, jid, 0, &[("cookie", &guest.cookie_header())]).await.unwrap();
        expect_ready(&mut a, 0).await;
        expect_ready(&mut b, 0).await;

        let s0 = w.stages[0].id;
        send_json(&mut a, json!({"type": "cmd", "req": 1, "cmd": {"op": "add_moment", "stage_id": s0, "title": "Said over the socket"}})).await;
        let (ack, early) = until(&mut a, "ack").await;
        assert_eq!(ack, json!({"type": "ack", "req": 1, "seq": 1}));
        // The sender's own change reaches it as a frame too, before or after the ack.
        if !early.iter().any(|f| f["seq"] == 1) {
            assert_eq!(next_json(&mut a).await["seq"], 1);
        }
        let v = next_json(&mut b).await;
        assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_added"), Some(1)), "{v}");
        assert_eq!(v["moment"]["author_name"], w.owner.name.as_str());
        assert!(v["html"].as_str().unwrap().contains("Said over the socket"));
        let owners_note = v["moment"]["id"].as_i64().unwrap();

        // Refusals come back as errors for that request, and change nothing.
        send_json(&mut a, json!({"type": "cmd", "req": "two", "cmd": {"op": "add_moment", "stage_id": s0, "title": "x".repeat(121)}})).await;
        let (err, _) = until(&mut a, "error").await;
        assert_eq!((err["req"].as_str(), err["error"]["code"].as_str()), (Some("two"), Some("invalid")), "{err}");
        send_json(&mut b, json!({"type": "cmd", "req": 3, "cmd": {"op": "delete_moment", "id": owners_note}})).await;
        let (err, _) = until(&mut b, "error").await;
        assert_eq!(err["error"]["message"], "Guests can change only the notes they wrote.");
        send_json(&mut b, json!({"type": "cmd", "req": 4, "cmd": {"op": "add_stage", "name": "Guest stage"}})).await;
        assert_eq!(until(&mut b, "error").await.0["error"]["code"], "forbidden");
        send_json(&mut b, json!({"type": "unheard-of"})).await;
        assert_eq!(until(&mut b, "error").await.0["error"]["code"], "bad_request");
        send_json(&mut b, json!({"type": "ping"})).await;
        assert_eq!(next_json(&mut b).await, json!({"type": "pong"}));
        assert_eq!(w.journey_now(&app.store).await.last_seq, 1, "no refused command was logged");

        // A guest's own command is acknowledged and reaches the owner.
        send_json(&mut b, json!({"type": "cmd", "req": 5, "cmd": {"op": "add_moment", "stage_id": s0, "title": "Guest idea"}})).await;
        let (ack, early) = until(&mut b, "ack").await;
        assert_eq!(ack, json!({"type": "ack", "req": 5, "seq": 2}));
        // The guest's own change reaches them as a frame too, before or after the ack.
        if !early.iter().any(|f| f["seq"] == 2) {
            assert_eq!(next_json(&mut b).await["seq"], 2);
        }
        let (v, _) = until(&mut a, "moment_added").await;
        assert_eq!((v["seq"].as_i64(), v["moment"]["author_name"].as_str()), (Some(2), Some("Gus")));

        // Resume replays from the log.
        send_json(&mut b, json!({"type": "resume", "since": 0})).await;
        assert_eq!(next_json(&mut b).await["seq"], 1);
        assert_eq!(next_json(&mut b).await["seq"], 2);
    }

    async fn live_connections_need_a_credential_for_this_board_and_a_same_site_origin(app) {
        let w = World::new(&app.store, "Acme").await;
        let other = World::new(&app.store, "Rival").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let cookie = owner.cookie_header();
        let second = app.store.create_journey(w.ws, w.business.id, "Second", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        let guest_of_second = app.guest(&second, "Gus").await;
        let rival = app.signed_in(other.ws, other.owner.id).await;

        assert_eq!(refused_status(open_live(&app, jid, 0, &[]).await), 401, "no credential");
        assert_eq!(refused_status(open_live(&app, jid, 0, &[("cookie", "mot_session=0123456789abcdef0123456789abcdef")]).await), 401, "an unknown session");
        assert_eq!(refused_status(open_live(&app, jid, 0, &[("authorization", "Bearer nope")]).await), 401, "a wrong token");
        assert_eq!(refused_status(open_live(&app, jid, 0, &[("cookie", &guest_of_second.cookie_header())]).await), 401, "a guest of another journey");
        for evil in ["http://evil.example", "https://evil.example", "null", "http://127.0.0.1.evil.example"] {
            assert_eq!(refused_status(open_live(&app, jid, 0, &[("cookie", &cookie), ("origin", evil)]).await), 403, "origin {evil}");
        }
        let bearer = format!("Bearer {}", other.owner_token);
        assert_eq!(refused_status(open_live(&app, jid, 0, &[("authorization", &bearer)]).await), 404, "a token of another workspace");
        assert_eq!(refused_status(open_live(&app, jid, 0, &[("cookie", &rival.cookie_header())]).await), 404, "a session of another workspace");
        assert_eq!(refused_status(open_live(&app, 987654321, 0, &[("cookie", &cookie)]).await), 404, "an unknown journey");

        // A viewer watches but cannot change the board through the socket.
        let viewer = w.person(&app.store, Role::Viewer).await;
        let bearer = format!("Bearer {}", viewer.token);
        let mut ws = open_live(&app, jid, 0, &[("authorization", &bearer)]).await.expect("a viewer connects");
        expect_ready(&mut ws, 0).await;
        send_json(&mut ws, json!({"type": "cmd", "req": 1, "cmd": {"op": "add_moment", "stage_id": w.stages[0].id, "title": "Viewer note"}})).await;
        assert_eq!(until(&mut ws, "error").await.0["error"]["code"], "forbidden");
        assert_eq!(w.journey_now(&app.store).await.last_seq, 0);
    }

    async fn shutting_down_closes_live_connections_with_1001_and_run_returns_ok(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let mut ws = open_live(&app, w.journey.id, 0, &[("cookie", &owner.cookie_header())]).await.unwrap();
        expect_ready(&mut ws, 0).await;
        // A kept-alive HTTP connection does not hold the shutdown up either.
        assert_eq!(owner.get("/healthz").await.status(), StatusCode::OK);

        app.shut_down();
        let msg = next_message(&mut ws, "the close frame").await.expect("a frame").expect("a frame");
        match msg {
            Message::Close(Some(frame)) => {
                assert_eq!(frame.code, CloseCode::Away, "1001 Going Away");
                assert_eq!(u16::from(frame.code), 1001);
                assert!(!frame.reason.is_empty(), "a reason is given");
            }
            other => panic!("expected a close frame, got {other:?}"),
        }
        app.finished().await.expect("App::run returns Ok");
    }
}

on_postgres_only! {
    async fn logging_out_or_removing_a_guest_on_one_instance_closes_their_sockets_on_another(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let b = app.second_instance().await;
        within("B's listener", b.store.until_listening()).await;
        within("A's listener", app.store.until_listening()).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let gus = app.guest(&w.journey, "Gus").await;
        let gus_id = app.store.guests(w.ws, jid).await.unwrap()[0].id;
        let mut owner_on_b = open_live(&b, jid, 0, &[("cookie", &owner.cookie_header())]).await.expect("the owner connects to B");
        expect_ready(&mut owner_on_b, 0).await;
        let mut gus_on_b = open_live(&b, jid, 0, &[("cookie", &gus.cookie_header())]).await.expect("Gus connects to B");
        expect_ready(&mut gus_on_b, 0).await;

        // Another of the owner's sessions removes Gus through A: his socket
        // on B closes at once (well before B's 30-second re-check), with
        // no command sent on it.
        let other_tab = app.signed_in(w.ws, w.owner.id).await;
        let res = other_tab.submit(&format!("/j/{jid}/guests/{gus_id}/remove"), &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        expect_ended(&mut gus_on_b, "the removed guest's socket on the other instance").await;

        // The owner revokes an API token through A: its socket on B closes.
        let mut token_on_b = open_live(&b, jid, 0, &[("authorization", &format!("Bearer {}", w.owner_token))]).await.expect("the token connects to B");
        expect_ready(&mut token_on_b, 0).await;
        let id = app.store.api_tokens_of(w.ws, w.owner.id).await.unwrap()[0].id;
        let res = owner.submit(&format!("/account/tokens/{id}/revoke"), &[]).await;
        assert!(res.status().is_redirection(), "{}", res.status());
        expect_ended(&mut token_on_b, "the revoked token's socket on the other instance").await;

        // The owner logs out through A: that session's socket on B closes.
        assert_eq!(owner.submit("/logout", &[]).await.status(), StatusCode::SEE_OTHER);
        expect_ended(&mut owner_on_b, "the logged-out session's socket on the other instance").await;
    }

    async fn a_change_committed_on_one_instance_reaches_live_clients_of_another(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        // A second instance, once its LISTEN is in place.
        let store_b = mot_store::Store::connect(&app.db.url).await.expect("a second store");
        within("the second instance's listener", store_b.until_listening()).await;
        within("the first instance's listener", app.store.until_listening()).await;
        let b = TestApp::start_on(app.db.clone(), store_b).await;

        let owner_a = app.signed_in(w.ws, w.owner.id).await;
        let owner_b = b.signed_in(w.ws, w.owner.id).await;
        w.note(&app.store, 0, "Before anyone watched").await;
        let mut on_b = open_live(&b, jid, 1, &[("cookie", &owner_b.cookie_header())]).await.unwrap();
        expect_ready(&mut on_b, 1).await;
        let mut on_a = open_live(&app, jid, 1, &[("cookie", &owner_a.cookie_header())]).await.unwrap();
        expect_ready(&mut on_a, 1).await;

        let res = owner_a.fetch(&format!("/j/{jid}/moments"), &[("stage_id", &w.stages[0].id.to_string()), ("title", "Committed on A")]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let v = next_json(&mut on_b).await;
        assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_added"), Some(2)), "{v}");
        assert!(v["html"].as_str().unwrap().contains("Committed on A"));

        // A burst through A arrives on B complete and in order.
        add_notes(&app, &w, 20).await;
        for seq in 3..=22 {
            assert_eq!(next_json(&mut on_b).await["seq"], seq);
        }
        // And the other way round.
        let res = owner_b.fetch(&format!("/j/{jid}/stages"), &[("name", "Committed on B")]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let (v, before) = until(&mut on_a, "stage_added").await;
        assert_eq!(before.len(), 21, "A's client saw A's own changes first");
        assert_eq!(v["seq"], 23);
        assert_eq!(next_json(&mut on_b).await["seq"], 23);
    }
}

on_both! {
    async fn viewers_in_different_languages_each_get_the_notes_html_in_their_own(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let guest = app.guest(&w.journey, "Gus").await;
        let german = format!("{}; mot_lang=de", owner.cookie_header());
        let english = format!("{}; mot_lang=en", guest.cookie_header());
        let mut de = open_live(&app, jid, 0, &[("cookie", &german)]).await.expect("a German viewer connects");
        let mut en = open_live(&app, jid, 0, &[("cookie", &english)]).await.expect("an English viewer connects");
        let mut ar = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header()), ("accept-language", "ar, en;q=0.5")])
            .await
            .expect("an Arabic viewer connects");
        for ws in [&mut de, &mut en, &mut ar] {
            expect_ready(ws, 0).await;
        }

        w.note(&app.store, 0, "Sees the shop window").await;
        let without_html = |v: &Value| {
            let mut v = v.clone();
            v.as_object_mut().unwrap().remove("html");
            v
        };
        let (vd, ve, va) = (next_json(&mut de).await, next_json(&mut en).await, next_json(&mut ar).await);
        for v in [&vd, &ve, &va] {
            assert_eq!((v["type"].as_str(), v["seq"].as_i64()), (Some("moment_added"), Some(1)), "{v}");
        }
        assert_eq!(without_html(&vd), without_html(&ve), "the same change for both, only its HTML differs");
        assert_eq!(without_html(&va), without_html(&ve));
        let (hd, he, ha) = (vd["html"].as_str().unwrap(), ve["html"].as_str().unwrap(), va["html"].as_str().unwrap());
        assert!(he.contains("No channel yet") && he.contains("Delete note: Sees the shop window"), "{he}");
        assert!(hd.contains("Noch kein Kanal") && hd.contains("Notiz löschen: Sees the shop window"), "{hd}");
        assert!(!hd.contains("No channel yet") && !hd.contains("Delete note"), "{hd}");
        assert!(ha.contains("لا قناة بعد") && ha.contains("Sees the shop window"), "{ha}");
        assert!(!ha.contains("No channel yet"), "{ha}");

        // Frames resumed from the log come in the socket's language too.
        let mut late_de = open_live(&app, jid, 0, &[("cookie", &german)]).await.unwrap();
        let mut late_en = open_live(&app, jid, 0, &[("cookie", &english)]).await.unwrap();
        assert_eq!(next_json(&mut late_de).await, vd, "the German replay is the German frame");
        assert_eq!(next_json(&mut late_en).await, ve, "the English replay is the English frame");
        expect_ready(&mut late_de, 1).await;
        expect_ready(&mut late_en, 1).await;

        // Two viewers of one language share a feed; the next change reaches all.
        app.store.apply(w.ws, jid, w.owner_actor(), "Owner", BoardCommand::AddStage { name: "Delivery".into() }).await.unwrap();
        for ws in [&mut de, &mut late_de] {
            let v = next_json(ws).await;
            assert_eq!(v["seq"], 2);
            assert!(v["html"].as_str().unwrap().contains("Neuer Moment in"), "{v}");
        }
        for ws in [&mut en, &mut late_en] {
            let v = next_json(ws).await;
            assert_eq!(v["seq"], 2);
            assert!(v["html"].as_str().unwrap().contains("New moment in"), "{v}");
        }
        let v = next_json(&mut ar).await;
        assert!(v["html"].as_str().unwrap().contains("لحظة جديدة في"), "{v}");
    }
}

on_both! {
    async fn every_socket_of_a_board_hears_who_is_on_it(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let mut ws = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header())]).await.expect("the owner connects");
        let me = format!("u:{} {} {}", w.owner.id, w.owner.name, mot_core::text::initials(&w.owner.name));
        assert_eq!(next_presence(&mut ws).await, vec![me.clone()], "the first frame after ready: only the owner");
        // A guest joins the board: both hear both.
        let guest = app.guest(&w.journey, "Ada Lovelace").await;
        let mut g = open_live(&app, jid, 0, &[("cookie", &guest.cookie_header())]).await.expect("the guest connects");
        let both = next_presence(&mut ws).await;
        assert_eq!(both.len(), 2, "{both:?}");
        assert!(both.contains(&me) && both.iter().any(|p| p.starts_with("g:") && p.ends_with(" Ada Lovelace AL")), "{both:?}");
        assert_eq!(next_presence(&mut g).await, both);
        // A second tab of the owner changes nothing; the guest leaving does.
        let mut tab = open_live(&app, jid, 0, &[("cookie", &owner.cookie_header())]).await.expect("a second tab");
        assert_eq!(next_presence(&mut tab).await, both, "the new tab hears the list at once");
        drop(g);
        assert_eq!(next_presence(&mut ws).await, vec![me.clone()], "the guest has left");
        assert_eq!(next_presence(&mut tab).await, vec![me]);
        // Changes still come in order around the presence frames.
        w.note(&app.store, 0, "After the guest left").await;
        let v = next_json(&mut ws).await;
        assert_eq!(v["type"], "moment_added", "{v}");
    }
}
