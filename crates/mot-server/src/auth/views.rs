//! The setup and login pages.

use crate::web::layout::notice;
use maud::{html, Markup};
use mot_core::Limits;

pub fn setup_page(csrf: &str, error: Option<&str>) -> Markup {
    html! {
        section.card.narrow {
            h1 { "Welcome to mot" }
            p { "Name your business and create the owner account. Your first customer journey comes next; you can invite your team from it." }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action="/setup" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="business" { "Business name" }
                input id="business" name="business" dir="auto" maxlength=(Limits::BUSINESS_NAME) autocomplete="organization" placeholder="e.g. Harbour Furniture";
                label for="workspace" { "Workspace name " span.hint { "(optional: the business name is used when empty; an adviser names their practice here and adds client businesses later)" } }
                input id="workspace" name="workspace" dir="auto" maxlength=(Limits::WORKSPACE_NAME);
                label for="name" { "Your name" }
                input id="name" name="name" dir="auto" required maxlength=(Limits::PERSON_NAME) autocomplete="name";
                label for="email" { "E-mail" }
                input id="email" name="email" type="email" required maxlength=(Limits::EMAIL) autocomplete="email";
                label for="password" { "Password " span.hint { "(at least " (Limits::PASSWORD_MIN) " characters)" } }
                input id="password" name="password" type="password" required minlength=(Limits::PASSWORD_MIN) autocomplete="new-password";
                button type="submit" { "Create workspace" }
            }
        }
    }
}

pub fn login_page(csrf: &str, error: Option<&str>, email: &str) -> Markup {
    html! {
        section.card.narrow {
            h1 { "Log in" }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action="/login" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="email" { "E-mail" }
                input id="email" name="email" type="email" required value=(email) autocomplete="username";
                label for="password" { "Password" }
                input id="password" name="password" type="password" required autocomplete="current-password";
                button type="submit" { "Log in" }
            }
            p.hint { "Taking part in a session? " a href="/join" { "Join with a code" } " — no account needed." }
        }
    }
}
