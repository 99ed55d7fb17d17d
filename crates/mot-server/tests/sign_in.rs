//! Single sign-on through a real OpenID provider the test starts
//! (tests/oidc/provider.mjs: panva's oidc-provider): the code flow with
//! PKCE, state and nonce checked, the ID token verified against the
//! provider's keys. A verified address of an account signs into it; an
//! unknown one is refused unless an owner lets such people join with a
//! role; an unverified one is refused; a way back without this browser's
//! sign-in is refused.

#[macro_use]
mod common;

use common::oidc::{sign_in, OidcProvider};
use common::*;
use mot_core::Role;
use reqwest::StatusCode;

on_both! {
    async fn a_verified_address_signs_into_its_account_and_an_unknown_one_joins_only_when_an_owner_lets_it(app) {
        let Some(provider) = OidcProvider::start() else { return };
        let app = TestApp::start_configured(app.db.clone(), app.store.clone(), provider.settings()).await;
        let w = World::new(&app.store, "Acme").await;
        let login = ok_page(app.browser().get("/login").await, "the login page").await;
        assert!(login.contains("Sign in with Test ID") && login.contains(r#"href="/auth/oidc/start""#), "{login}");

        // An account's address (any case) signs into it.
        let (client, res) = sign_in(&app, &w.owner.email.to_uppercase()).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
        assert_eq!(location(&res), "/");
        let home = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
        assert!(home.contains("Acme advisers") && home.contains(&w.owner.name), "{home}");

        // Unknown, and no workspace lets such people join: refused, nothing made.
        let newcomer = unique_email("nia");
        let (_, res) = sign_in(&app, &newcomer).await;
        let body = refused(res, StatusCode::FORBIDDEN, "an unknown address").await;
        assert!(body.contains("Ask an owner"), "{body}");
        assert!(app.store.user_by_email(&newcomer).await.unwrap().is_none());

        // The owner lets them join as members (never as owners).
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let people = ok_page(owner.get("/people").await, "the people page").await;
        assert!(people.contains("Single sign-on"), "{people}");
        let res = owner.submit("/people/sso", &[("role", "owner")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let res = owner.submit("/people/sso", &[("role", "member")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let (client, res) = sign_in(&app, &newcomer).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let nia = app.store.user_by_email(&newcomer).await.unwrap().expect("an account made");
        let roles = app.store.memberships(nia.id).await.unwrap();
        assert_eq!(roles, vec![(w.ws, Role::Member.into())]);
        let home = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
        assert!(home.contains("Acme advisers"), "{home}");
        // Such an account has no password to log in with.
        assert!(!mot_server::auth::verify_password(nia.password_hash.clone(), String::new()).await);

        // An address the provider has not verified is refused.
        let (_, res) = sign_in(&app, &format!("unverified+{}", unique_email("ugo"))).await;
        let body = refused(res, StatusCode::FORBIDDEN, "an unverified address").await;
        assert!(body.contains("not verified"), "{body}");

        // A way back that this browser did not start (no cookie, or another state).
        refused(app.browser().get("/auth/oidc/callback?code=abc&state=def").await, StatusCode::BAD_REQUEST, "a forged way back").await;
        let res = app.browser().get("/auth/oidc/callback?error=access_denied&state=x").await;
        refused(res, StatusCode::BAD_REQUEST, "a cancelled sign-in").await;
    }

    async fn without_a_provider_there_is_no_single_sign_on(app) {
        World::new(&app.store, "Acme").await;
        let login = ok_page(app.browser().get("/login").await, "the login page").await;
        assert!(!login.contains("/auth/oidc/start"), "{login}");
        refused(app.browser().get("/auth/oidc/start").await, StatusCode::NOT_FOUND, "no provider").await;
    }
}
