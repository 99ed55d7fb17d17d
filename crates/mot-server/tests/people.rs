//! People in the web UI: an owner invites by link (and by e-mail through a
//! real SMTP server when the installation has one), changes roles and
//! removes people (whose sessions, tokens and sockets end at once); the
//! last owner stays; everyone keeps their own account (name, password,
//! API tokens); `mot user reset-password` is in the CLI's tests.

#[macro_use]
mod common;

use common::*;
use mot_core::Role;
use reqwest::StatusCode;
use tokio_tungstenite::tungstenite::Message;

const PASSWORD: &str = "correct horse battery";

/// The invitation link shown on the page that answered an invite.
fn shown_link(page: &str) -> String {
    let at = page
        .find(r#"id="invite-link""#)
        .unwrap_or_else(|| panic!("an invite link on the page: {page}"));
    let rest = &page[at..];
    let v = rest.find(r#"value=""#).unwrap() + 7;
    rest[v..v + rest[v..].find('"').unwrap()].to_string()
}

/// The path of a link (`http://host/invite/…` → `/invite/…`).
fn path_of(link: &str) -> String {
    let after = link.split_once("://").map_or(link, |(_, r)| r);
    after[after.find('/').unwrap()..].to_string()
}

/// Takes up an invitation in a fresh browser: name and password.
async fn accept(
    app: &TestApp,
    path: &str,
    name: &str,
    password: &str,
) -> (Browser, reqwest::Response) {
    let b = app.browser();
    let page = ok_page(b.get(path).await, "the invitation page").await;
    let csrf = form_csrf(&page);
    let res = b
        .post(
            path,
            &[("_csrf", &csrf), ("name", name), ("password", password)],
        )
        .await;
    (b, res)
}

async fn role_of(app: &TestApp, ws: i64, user: i64) -> Option<mot_core::Membership> {
    app.store
        .members(ws)
        .await
        .unwrap()
        .into_iter()
        .find(|(u, _)| u.id == user)
        .map(|(_, r)| r)
}

on_both! {
    async fn an_owner_invites_by_link_and_the_invitee_sets_a_name_and_password_once(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get("/people").await, "the people page").await;
        assert!(page.contains("Invite someone") && page.contains(&w.owner.email), "{page}");

        // A bad address is said on the page, and nothing is invited.
        let res = owner.submit("/people/invite", &[("email", "not an address"), ("role", "member")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = res.text().await.unwrap();
        assert!(body.contains(r#"class="notice error""#) && body.contains("not an address"), "{body}");
        assert!(app.store.invites(w.ws).await.unwrap().is_empty());
        // A role that does not exist is refused too.
        let res = owner.submit("/people/invite", &[("email", "ann@example.com"), ("role", "king")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        // An existing member is not invited again.
        let res = owner.submit("/people/invite", &[("email", &w.owner.email), ("role", "member")]).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{}", res.text().await.unwrap());

        let email = unique_email("ann");
        let res = owner.submit("/people/invite", &[("email", &email.to_uppercase()), ("role", "facilitator")]).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["cache-control"], "no-store", "the link is a secret");
        let page = res.text().await.unwrap();
        assert!(page.contains("sends no e-mail"), "no SMTP here: the owner is told to send it: {page}");
        let link = shown_link(&page);
        assert!(link.starts_with("http://") && link.contains("/invite/"), "{link}");
        let open = app.store.invites(w.ws).await.unwrap();
        assert_eq!(open.iter().map(|i| (i.email.as_str(), i.membership)).collect::<Vec<_>>(), [(email.as_str(), Role::Facilitator.into())]);

        // The invitee: a short password is refused on the page, then it works.
        let path = path_of(&link);
        let (_, res) = accept(&app, &path, "Ann Baker", "short").await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let (ann, res) = accept(&app, &path, "Ann Baker", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/");
        let home = ok_page(ann.get("/").await, "the invitee's home").await;
        assert!(home.contains("Ann Baker"), "signed in as the new account: {home}");
        let user = app.store.user_by_email(&email).await.unwrap().expect("the new account");
        assert_eq!(role_of(&app, w.ws, user.id).await, Some(Role::Facilitator.into()));
        assert!(app.store.invites(w.ws).await.unwrap().is_empty(), "the invitation is used up");

        // The link works once.
        refused(app.browser().get(&path).await, StatusCode::NOT_FOUND, "a used link").await;
        // A made-up one is not found either.
        refused(app.browser().get("/invite/0123456789abcdef0123456789abcdef").await, StatusCode::NOT_FOUND, "a made-up link").await;
    }

    async fn only_owners_manage_people_and_an_invitation_can_be_withdrawn(app) {
        let w = World::new(&app.store, "Acme").await;
        // Without a session: to the login page, for every people page.
        for path in ["/people", "/account", "/portfolio"] {
            let res = app.browser().get(path).await;
            assert_eq!((res.status(), location(&res)), (StatusCode::SEE_OTHER, "/login".to_string()), "{path}");
        }
        let res = app.browser().post("/people/invite", &[("email", "x@example.com"), ("role", "owner")]).await;
        assert_eq!(location(&res), "/login");
        let pat = w.person(&app.store, Role::Facilitator).await;
        let b = app.signed_in(w.ws, pat.user.id).await;
        let page = ok_page(b.get("/people").await, "the people page as a facilitator").await;
        assert!(page.contains(&w.owner.name) && !page.contains("Invite someone") && !page.contains("/remove"), "{page}");
        said(b.submit("/people/invite", &[("email", "x@example.com"), ("role", "owner")]).await, StatusCode::FORBIDDEN, "a facilitator inviting").await;
        said(b.submit(&format!("/people/{}/role", w.owner.id), &[("role", "viewer")]).await, StatusCode::FORBIDDEN, "a facilitator changing a role").await;
        said(b.submit(&format!("/people/{}/remove", w.owner.id), &[]).await, StatusCode::FORBIDDEN, "a facilitator removing the owner").await;
        // Without the CSRF token nothing happens.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        refused(owner.post("/people/invite", &[("email", "x@example.com"), ("role", "member")]).await, StatusCode::FORBIDDEN, "no CSRF token").await;
        assert!(app.store.invites(w.ws).await.unwrap().is_empty());

        let res = owner.submit("/people/invite", &[("email", "zoe@example.com"), ("role", "viewer")]).await;
        let link = shown_link(&res.text().await.unwrap());
        let id = app.store.invites(w.ws).await.unwrap()[0].id;
        // Another workspace's owner cannot withdraw it.
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.submit(&format!("/people/invites/{id}/cancel"), &[]).await, StatusCode::NOT_FOUND, "another workspace's invitation").await;
        said(stranger.submit(&format!("/people/{}/role", pat.user.id), &[("role", "viewer")]).await, StatusCode::NOT_FOUND, "another workspace's member").await;
        assert_eq!(role_of(&app, w.ws, pat.user.id).await, Some(Role::Facilitator.into()));

        let res = owner.submit(&format!("/people/invites/{id}/cancel"), &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        refused(app.browser().get(&path_of(&link)).await, StatusCode::NOT_FOUND, "a withdrawn link").await;
    }

    async fn the_last_owner_stays_one_and_a_second_owner_lets_the_first_step_down(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let res = owner.submit(&format!("/people/{}/role", w.owner.id), &[("role", "member")]).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let body = res.text().await.unwrap();
        assert!(body.contains("last owner"), "said on the page: {body}");
        assert_eq!(role_of(&app, w.ws, w.owner.id).await, Some(Role::Owner.into()));
        let res = owner.submit(&format!("/people/{}/remove", w.owner.id), &[]).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_eq!(role_of(&app, w.ws, w.owner.id).await, Some(Role::Owner.into()));

        let pat = w.person(&app.store, Role::Member).await;
        let res = owner.submit(&format!("/people/{}/role", pat.user.id), &[("role", "owner")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), format!("/people#person-{}", pat.user.id));
        let res = owner.submit(&format!("/people/{}/role", w.owner.id), &[("role", "viewer")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(role_of(&app, w.ws, w.owner.id).await, Some(Role::Viewer.into()));
        // Now a viewer: the people page has no controls for them any more.
        said(owner.submit(&format!("/people/{}/role", w.owner.id), &[("role", "owner")]).await, StatusCode::FORBIDDEN, "a viewer making themselves owner").await;
    }

    async fn a_removed_person_loses_their_sessions_tokens_and_open_sockets_at_once(app) {
        let w = World::new(&app.store, "Acme").await;
        let pat = w.person(&app.store, Role::Member).await;
        let pats = app.signed_in(w.ws, pat.user.id).await;
        let mut ws = open_live(&app, w.journey.id, 0, &[("cookie", &pats.cookie_header())]).await.expect("Pat's board connects");
        let (status, _) = app.api(&pat.token).get("/api/v1/businesses").await;
        assert_eq!(status, StatusCode::OK);

        let owner = app.signed_in(w.ws, w.owner.id).await;
        let res = owner.submit(&format!("/people/{}/remove", pat.user.id), &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/people");
        // The open board closes at once (long before the 30-second re-check).
        loop {
            match next_message(&mut ws, "Pat's socket closing").await {
                Some(Ok(Message::Close(_))) | None => break,
                Some(Ok(_)) => continue,
                Some(Err(_)) => break,
            }
        }
        // The session ends: Pat is sent to log in.
        let res = pats.get("/").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/login");
        let (status, _) = app.api(&pat.token).get("/api/v1/businesses").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "the API token is gone");
        assert_eq!(role_of(&app, w.ws, pat.user.id).await, None);
        let page = ok_page(owner.get("/people").await, "the people page").await;
        assert!(!page.contains(&pat.user.email), "{page}");
    }

    async fn an_account_keeps_its_name_password_and_tokens(app) {
        let w = World::new(&app.store, "Acme").await;
        let hash = mot_server::auth::hash_password(PASSWORD.into()).await.unwrap();
        let email = unique_email("kim");
        let kim = app.store.create_user(w.ws, &email, "Kim", &hash, Role::Member).await.unwrap();
        let b = app.signed_in(w.ws, kim.id).await;
        let other_device = app.signed_in(w.ws, kim.id).await;
        let page = ok_page(b.get("/account").await, "the account page").await;
        assert!(page.contains(&email) && page.contains("No tokens yet"), "{page}");

        // Name: checked, saved.
        said(b.submit("/account", &[("name", "   ")]).await, StatusCode::UNPROCESSABLE_ENTITY, "an empty name").await;
        let page = ok_page(b.submit("/account", &[("name", "Kim Lee")]).await, "a new name").await;
        assert!(page.contains(r#"value="Kim Lee""#), "{page}");
        assert_eq!(app.store.user_by_email(&email).await.unwrap().unwrap().name, "Kim Lee");

        // Password: the current one is checked; the other device is signed out.
        let res = b.submit("/account/password", &[("current", "wrong password"), ("password", "a brand new password")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        ok_page(b.submit("/account/password", &[("current", PASSWORD), ("password", "a brand new password")]).await, "a new password").await;
        assert_eq!(b.get("/account").await.status(), StatusCode::OK, "this device stays signed in");
        assert_eq!(location(&other_device.get("/").await), "/login", "the other device is signed out");
        let user = app.store.user_by_email(&email).await.unwrap().unwrap();
        assert!(mot_server::auth::verify_password(user.password_hash, "a brand new password".into()).await);

        // E-mail: the password is checked; another account's address is refused.
        let res = b.submit("/account/email", &[("email", "kim.new@example.com"), ("current", "wrong password")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let res = b.submit("/account/email", &[("email", &w.owner.email), ("current", "a brand new password")]).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        ok_page(b.submit("/account/email", &[("email", " Kim.New@Example.com "), ("current", "a brand new password")]).await, "a new address").await;
        assert!(app.store.user_by_email("kim.new@example.com").await.unwrap().is_some_and(|u| u.id == kim.id));
        assert!(app.store.user_by_email(&email).await.unwrap().is_none());

        // Tokens: made (shown once), used, listed, revoked.
        let page = ok_page(b.submit("/account/tokens", &[("label", "weekly export")]).await, "a new token").await;
        let at = page.find(r#"id="new-token""#).expect("the token shown");
        let v = page[at..].find(r#"value=""#).unwrap() + at + 7;
        let token = page[v..v + page[v..].find('"').unwrap()].to_string();
        assert!(token.starts_with("mot_"), "{token}");
        let (status, _) = app.api(&token).get("/api/v1/businesses").await;
        assert_eq!(status, StatusCode::OK);
        let rows = app.store.api_tokens_of(w.ws, kim.id).await.unwrap();
        assert_eq!(rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(), ["weekly export"]);
        let page = ok_page(b.get("/account").await, "the account page").await;
        assert!(page.contains("weekly export") && !page.contains(&token), "listed, never shown again: {page}");
        // Someone else cannot revoke it.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        refused(owner.submit(&format!("/account/tokens/{}/revoke", rows[0].id), &[]).await, StatusCode::NOT_FOUND, "another person's token").await;
        let res = b.submit(&format!("/account/tokens/{}/revoke", rows[0].id), &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let (status, _) = app.api(&token).get("/api/v1/businesses").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn someone_with_an_account_joins_another_workspace_with_their_own_password(app) {
        let a = World::new(&app.store, "Acme").await;
        let b_ws = World::new(&app.store, "Bolt").await;
        let hash = mot_server::auth::hash_password(PASSWORD.into()).await.unwrap();
        let email = unique_email("lee");
        let lee = app.store.create_user(a.ws, &email, "Lee", &hash, Role::Member).await.unwrap();
        let owner = app.signed_in(b_ws.ws, b_ws.owner.id).await;
        let res = owner.submit("/people/invite", &[("email", &email), ("role", "viewer")]).await;
        let path = path_of(&shown_link(&res.text().await.unwrap()));
        let page = ok_page(app.browser().get(&path).await, "the invitation page").await;
        assert!(page.contains("You have an account") && !page.contains(r#"name="name""#), "{page}");
        let (_, res) = accept(&app, &path, "", "wrong password").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(role_of(&app, b_ws.ws, lee.id).await, None);
        let (_, res) = accept(&app, &path, "", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(role_of(&app, b_ws.ws, lee.id).await, Some(Role::Viewer.into()));
        assert_eq!(role_of(&app, a.ws, lee.id).await, Some(Role::Member.into()), "still in the first workspace");
    }

    async fn an_invitation_is_mailed_when_the_installation_sends_mail(app) {
        let Some(sink) = SmtpSink::start() else { return };
        let app = TestApp::start_configured(app.db.clone(), app.store.clone(), mail_settings(&sink.url())).await;
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let email = unique_email("max");
        let res = owner.submit("/people/invite", &[("email", &email), ("role", "member")]).await;
        let page = ok_page(res, "an invitation mailed").await;
        assert!(page.contains("sent to them by e-mail"), "{page}");
        let link = shown_link(&page);
        assert!(link.starts_with("https://mot.example.com/invite/"), "the public address: {link}");
        let got = sink.wait_for(1).await;
        assert_eq!(got[0].to, email);
        assert!(got[0].subject.contains("Acme"), "{}", got[0].subject);
        assert!(got[0].text.contains(&link), "the mail holds the link: {}", got[0].text);
        let (_, res) = accept(&app, &path_of(&link), "Max", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }

    async fn the_json_api_lists_invites_changes_roles_and_removes_people_as_the_pages_do(app) {
        let w = World::new(&app.store, "Acme").await;
        let api = app.api(&w.owner_token);
        let (status, people) = api.get("/api/v1/people").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(people.as_array().unwrap().len(), 1);
        assert_eq!(people[0]["role"], "owner");

        let (status, body) = api.post("/api/v1/invites", serde_json::json!({"email": " Eve@Example.com ", "role": "viewer"})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!((body["email"].as_str(), body["role"].as_str(), body["mailed"].as_bool()), (Some("eve@example.com"), Some("viewer"), Some(false)));
        let link = body["link"].as_str().unwrap().to_string();
        let (status, body) = api.post("/api/v1/invites", serde_json::json!({"email": "no-at-sign", "role": "viewer"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_error_body(&body);
        let (_, open) = api.get("/api/v1/invites").await;
        assert_eq!(open.as_array().unwrap().len(), 1);
        assert!(open[0].get("link").is_none(), "a link is shown only when made: {open}");
        let (_, res) = accept(&app, &path_of(&link), "Eve", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let eve = app.store.user_by_email("eve@example.com").await.unwrap().unwrap();

        let (status, body) = api.patch(&format!("/api/v1/people/{}", w.owner.id), serde_json::json!({"role": "member"})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body["error"]["message"].as_str().unwrap().contains("last owner"), "{body}");
        let (status, _) = api.patch(&format!("/api/v1/people/{}", eve.id), serde_json::json!({"role": "facilitator"})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(role_of(&app, w.ws, eve.id).await, Some(Role::Facilitator.into()));
        let (status, _) = api.patch(&format!("/api/v1/people/{}", eve.id), serde_json::json!({"role": "emperor"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, _) = api.delete(&format!("/api/v1/people/{}", w.owner.id)).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = api.delete(&format!("/api/v1/people/{}", eve.id)).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(role_of(&app, w.ws, eve.id).await, None);
        let (status, _) = api.delete(&format!("/api/v1/people/{}", eve.id)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // A member may list the people, not invite or manage them.
        let pat = w.person(&app.store, Role::Member).await;
        let theirs = app.api(&pat.token);
        assert_eq!(theirs.get("/api/v1/people").await.0, StatusCode::OK);
        assert_eq!(theirs.get("/api/v1/invites").await.0, StatusCode::FORBIDDEN);
        assert_eq!(theirs.post("/api/v1/invites", serde_json::json!({"email": "x@example.com", "role": "owner"})).await.0, StatusCode::FORBIDDEN);
        assert_eq!(theirs.delete(&format!("/api/v1/people/{}", w.owner.id)).await.0, StatusCode::FORBIDDEN);
    }

    async fn a_forgotten_password_is_reset_by_a_mailed_link_once(app) {
        // Without mail the page says who can help, and asking is refused.
        let page = ok_page(app.browser().get("/reset").await, "the reset page without mail").await;
        assert!(page.contains("mot user reset-password"), "{page}");

        let Some(sink) = SmtpSink::start() else { return };
        let app = TestApp::start_configured(app.db.clone(), app.store.clone(), mail_settings(&sink.url())).await;
        let w = World::new(&app.store, "Acme").await;
        let hash = mot_server::auth::hash_password(PASSWORD.into()).await.unwrap();
        let email = unique_email("rosa");
        let rosa = app.store.create_user(w.ws, &email, "Rosa", &hash, Role::Member).await.unwrap();
        let elsewhere = app.signed_in(w.ws, rosa.id).await;
        let login = ok_page(app.browser().get("/login").await, "the login page").await;
        assert!(login.contains(r#"href="/reset""#), "the login page leads to it: {login}");

        let ask = |email: String| {
            let b = app.browser();
            async move {
                let page = ok_page(b.get("/reset").await, "the reset page").await;
                let csrf = form_csrf(&page);
                b.post("/reset", &[("_csrf", &csrf), ("email", &email)]).await
            }
        };
        // An unknown address gets the same answer, and no mail.
        let unknown = ok_page(ask(unique_email("nobody")).await, "an unknown address").await;
        let known = ok_page(ask(email.to_uppercase()).await, "a known address").await;
        assert!(known.contains("If an account has this address"), "{known}");
        let strip = |p: &str| p.split("<main").nth(1).unwrap().replace(char::is_numeric, "");
        assert_eq!(strip(&unknown).len(), strip(&known).len(), "the same page either way");
        let got = sink.wait_for(1).await;
        assert_eq!(got.len(), 1, "one mail, to the known address only");
        assert_eq!(got[0].to, email);
        let link = got[0].text.split_whitespace().find(|w| w.contains("/reset/")).expect("a link in the mail").to_string();
        assert!(link.starts_with("https://mot.example.com/reset/"), "{link}");
        let path = path_of(&link);

        let b = app.browser();
        let page = ok_page(b.get(&path).await, "the new-password page").await;
        assert!(page.contains(&email), "{page}");
        let csrf = form_csrf(&page);
        let res = b.post(&path, &[("_csrf", &csrf), ("password", "short")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let res = b.post(&path, &[("_csrf", &csrf), ("password", "a new and long password")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
        assert!(ok_page(b.get("/account").await, "signed in").await.contains(&email));
        assert_eq!(location(&elsewhere.get("/").await), "/login", "every other session ended");
        let user = app.store.user_by_email(&email).await.unwrap().unwrap();
        assert!(mot_server::auth::verify_password(user.password_hash, "a new and long password".into()).await);
        refused(app.browser().get(&path).await, StatusCode::NOT_FOUND, "a used reset link").await;
    }

    async fn a_person_in_two_workspaces_switches_between_them_and_sees_only_the_one_they_are_in(app) {
        let a = World::new(&app.store, "Acme").await;
        let b = World::new(&app.store, "Bolt").await;
        // Acme's owner is also a member of Bolt.
        let owner = app.signed_in(a.ws, a.owner.id).await;
        let res = app.signed_in(b.ws, b.owner.id).await.submit("/people/invite", &[("email", &a.owner.email), ("role", "member")]).await;
        let path = path_of(&shown_link(&res.text().await.unwrap()));
        let mut c = app.browser();
        c.jar = owner.jar.clone();
        let page = ok_page(c.get(&path).await, "the invitation page").await;
        assert!(page.contains("You have an account"), "{page}");
        // (The account's password is not a real hash in the World: join through the store.)
        app.store.accept_invite(path.trim_start_matches("/invite/"), None, Some(a.owner.id)).await.unwrap();

        let home = ok_page(owner.get("/").await, "home in Acme").await;
        assert!(home.contains("Your workspaces") && home.contains("Acme Furniture") && !home.contains("Bolt Furniture"), "{home}");
        refused(owner.get(&format!("/b/{}", b.business.id)).await, StatusCode::NOT_FOUND, "Bolt's business from Acme").await;
        // Not a workspace of theirs: not found, and nothing moves.
        let stranger = World::new(&app.store, "Crux").await;
        refused(owner.submit("/workspace/switch", &[("workspace_id", &stranger.ws.to_string())]).await, StatusCode::NOT_FOUND, "someone else's workspace").await;
        let res = owner.submit("/workspace/switch", &[("workspace_id", &b.ws.to_string())]).await;
        assert_eq!((res.status(), location(&res)), (StatusCode::SEE_OTHER, "/".to_string()));
        let home = ok_page(owner.get("/").await, "home in Bolt").await;
        assert!(home.contains("Bolt Furniture") && !home.contains("Acme Furniture"), "{home}");
        ok_page(owner.get(&format!("/b/{}", b.business.id)).await, "Bolt's business").await;
        refused(owner.get(&format!("/b/{}", a.business.id)).await, StatusCode::NOT_FOUND, "Acme's business from Bolt").await;
        let people = ok_page(owner.get("/people").await, "Bolt's people").await;
        assert!(people.contains(&b.owner.email) && !people.contains("Invite someone"), "a member of Bolt: {people}");
        // Without the CSRF token, no switch.
        refused(owner.post("/workspace/switch", &[("workspace_id", &a.ws.to_string())]).await, StatusCode::FORBIDDEN, "no CSRF token").await;
    }

    async fn sign_up_is_off_unless_the_installation_opens_it_and_makes_a_workspace_of_ones_own(app) {
        let first = World::new(&app.store, "Acme").await;
        refused(app.browser().get("/signup").await, StatusCode::NOT_FOUND, "sign-up when it is off").await;
        let login = ok_page(app.browser().get("/login").await, "login").await;
        assert!(!login.contains("/signup"), "{login}");

        let settings = mot_server::Settings { open_signup: true, ..mot_server::Settings::default() };
        let app = TestApp::start_configured(app.db.clone(), app.store.clone(), settings).await;
        let login = ok_page(app.browser().get("/login").await, "login").await;
        assert!(login.contains(r#"href="/signup""#), "{login}");
        let b = app.browser();
        let page = ok_page(b.get("/signup").await, "the sign-up page").await;
        let csrf = form_csrf(&page);
        let form = |email: &str| vec![("_csrf", csrf.clone()), ("business", "Corner Bakery".into()), ("workspace", String::new()), ("name", "Cleo".into()), ("email", email.to_string()), ("password", PASSWORD.into())];
        // An address with an account is refused, on the page.
        let fields = form(&first.owner.email);
        let res = b.post("/signup", &fields.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let email = unique_email("cleo");
        let fields = form(&email);
        let res = b.post("/signup", &fields.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let cleo = app.store.user_by_email(&email).await.unwrap().unwrap();
        let mine = app.store.workspaces_of(cleo.id).await.unwrap();
        assert_eq!(mine.iter().map(|(w, r)| (w.name.as_str(), *r)).collect::<Vec<_>>(), [("Corner Bakery", Role::Owner.into())]);
        assert_ne!(mine[0].0.id, first.ws);
        let home = ok_page(b.get("/").await, "Cleo's home").await;
        assert!(!home.contains("Acme"), "nothing of Acme: {home}");
        refused(b.get(&format!("/b/{}", first.business.id)).await, StatusCode::NOT_FOUND, "Acme's business").await;
    }

    async fn an_invitation_whose_mail_fails_says_so_and_still_shows_its_link(app) {
        // An SMTP server that is not there (nothing listens on port 1).
        let app = TestApp::start_configured(app.db.clone(), app.store.clone(), mail_settings("smtp://127.0.0.1:1")).await;
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.submit("/people/invite", &[("email", "lou@example.com"), ("role", "member")]).await, "an invitation whose mail failed").await;
        assert!(page.contains("could not be sent") && !page.contains("sends no e-mail"), "{page}");
        assert!(shown_link(&page).contains("/invite/"));
        let (status, body) = app.api(&w.owner_token).post("/api/v1/invites", serde_json::json!({"email": "max@example.com", "role": "viewer"})).await;
        assert_eq!((status, body["mailed"].as_bool()), (StatusCode::CREATED, Some(false)), "{body}");
    }
}
