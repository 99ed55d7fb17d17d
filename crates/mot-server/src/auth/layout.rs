//! The page layout as a visitor sees it: their name, their CSRF token, and
//! pages for visitors who are not signed in.

use crate::auth::{self, Ident};
use crate::state::AppState;
use crate::web::layout::{page, Chrome};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use maud::Markup;

/// The layout for a logged-in or guest page.
pub fn chrome(state: &AppState, who: Option<&Ident>) -> Chrome {
    Chrome {
        css: state.assets.url("app.css"),
        script: Some(state.assets.url("forms.js")),
        who: who.map(|w| w.name.clone()),
        logged_in: who.is_some_and(|w| !w.is_guest()),
        practice: who.is_some_and(|w| !w.is_guest() && w.client.is_none()),
        csrf: who.map(|w| w.csrf.clone()).unwrap_or_default(),
        ..Chrome::default()
    }
}

/// A page for someone without a session, with a fresh double-submit CSRF cookie.
pub fn anonymous_page(
    state: &AppState,
    headers: &HeaderMap,
    title: &str,
    body: impl FnOnce(&str) -> Markup,
) -> Response {
    let token = auth::cookie(headers, auth::PRE_CSRF_COOKIE)
        .filter(|t| t.len() == 32 && t.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or_else(mot_store::random_token);
    let chrome = Chrome {
        css: state.assets.url("app.css"),
        // The page's forms (and the language switch) carry the same token.
        csrf: token.clone(),
        ..Chrome::default()
    };
    let html = page(&chrome, title, body(&token));
    (
        [(
            header::SET_COOKIE,
            auth::set_cookie(
                auth::PRE_CSRF_COOKIE,
                &token,
                3600 * 12,
                state.settings.secure_cookies,
            ),
        )],
        html,
    )
        .into_response()
}
