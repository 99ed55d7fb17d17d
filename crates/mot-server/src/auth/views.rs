//! The setup and login pages.

use crate::t;
use crate::web::layout::notice;
use crate::web::layout::{rich, slot};
use maud::{html, Markup};
use mot_core::Limits;

/// The first-run setup (`action` `/setup`), also the sign-up of a new
/// workspace when the installation takes them (`/signup`).
pub fn setup_page(csrf: &str, error: Option<&str>, action: &str) -> Markup {
    html! {
        section.card.narrow {
            h1 { (t!("auth-setup-heading")) }
            p { (t!("auth-setup-intro")) }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action=(action) {
                input type="hidden" name="_csrf" value=(csrf);
                label for="business" { (t!("auth-setup-business")) }
                input id="business" name="business" dir="auto" maxlength=(Limits::BUSINESS_NAME) autocomplete="organization" placeholder=(t!("auth-setup-business-placeholder"));
                label for="workspace" { (t!("auth-setup-workspace")) " " span.hint { (t!("auth-setup-workspace-hint")) } }
                input id="workspace" name="workspace" dir="auto" maxlength=(Limits::WORKSPACE_NAME);
                label for="name" { (t!("auth-your-name")) }
                input id="name" name="name" dir="auto" required maxlength=(Limits::PERSON_NAME) autocomplete="name";
                label for="email" { (t!("auth-email")) }
                input id="email" name="email" type="email" required maxlength=(Limits::EMAIL) autocomplete="email";
                label for="password" { (t!("auth-password")) " " span.hint { (t!("auth-setup-password-hint", min = Limits::PASSWORD_MIN)) } }
                input id="password" name="password" type="password" required minlength=(Limits::PASSWORD_MIN) autocomplete="new-password";
                button type="submit" { (t!("auth-setup-submit")) }
            }
        }
    }
}

pub fn login_page(
    csrf: &str,
    error: Option<&str>,
    email: &str,
    signup: bool,
    provider: Option<&str>,
) -> Markup {
    html! {
        section.card.narrow {
            h1 { (t!("auth-login-heading")) }
            @if let Some(e) = error { (notice("error", e)) }
            @if let Some(p) = provider {
                p { a.button.sso href="/auth/oidc/start" { (t!("auth-oidc-sign-in", provider = p)) } }
                p.hint.or { (t!("auth-oidc-or")) }
            }
            form method="post" action="/login" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="email" { (t!("auth-email")) }
                input id="email" name="email" type="email" required value=(email) autocomplete="username";
                label for="password" { (t!("auth-password")) }
                input id="password" name="password" type="password" required autocomplete="current-password";
                button type="submit" { (t!("auth-login-submit")) }
            }
            p.hint { a href="/reset" { (t!("auth-login-forgot")) } }
            @if signup { p.hint { a href="/signup" { (t!("auth-signup-link")) } } }
            p.hint {
                (rich(
                    &t!("auth-login-join-hint", link = slot(0)),
                    &[html! { a href="/join" { (t!("auth-login-join-link")) } }],
                ))
            }
        }
    }
}
