//! The page layout shared by every page.

use axum::http::StatusCode;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// What the layout needs to know about the request.
#[derive(Default)]
pub struct Chrome {
    /// URL of the stylesheet and scripts (content-hashed).
    pub css: String,
    pub script: Option<String>,
    /// Extra stylesheet (a business's channel colours).
    pub extra_css: Option<String>,
    /// Name of the logged-in user or guest.
    pub who: Option<String>,
    /// Whether the person is logged in (shows the logout button).
    pub logged_in: bool,
    pub csrf: String,
    /// data-* attributes for the body, read by the scripts.
    pub data: Vec<(&'static str, String)>,
    /// A "skip to" link, first on the page: where it goes and what it says.
    pub skip: Option<(String, String)>,
}

pub fn page(chrome: &Chrome, title: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="csrf-token" content=(chrome.csrf);
                // Isolated: a right-to-left title keeps " · mot" at its end.
                title { "\u{2068}" (title) "\u{2069} · mot" }
                @if !chrome.css.is_empty() { link rel="stylesheet" href=(chrome.css); }
                @if let Some(css) = &chrome.extra_css { link rel="stylesheet" href=(css) id="channel-css"; }
                @if let Some(js) = &chrome.script { script type="module" src=(js) {} }
            }
            body {
                @if let Some((href, label)) = &chrome.skip { a.skip href=(href) { (label) } }
                (PreEscaped(body_data_marker(&chrome.data)))
                header.top {
                    a.brand href="/" { span.logo aria-hidden="true" { "◆" } " mot" }
                    @if let Some(who) = &chrome.who {
                        span.who dir="auto" { (who) }
                    }
                    @if chrome.logged_in {
                        form.inline method="post" action="/logout" {
                            input type="hidden" name="_csrf" value=(chrome.csrf);
                            button.link type="submit" { "Log out" }
                        }
                    }
                }
                main id="main" { (content) }
            }
        }
    }
}

/// Body data attributes go on a hidden element the scripts read, since maud
/// cannot spread a list of attributes onto `body`.
fn body_data_marker(data: &[(&'static str, String)]) -> String {
    let mut s = String::from("<div id=\"page-data\" hidden");
    for (k, v) in data {
        s.push_str(" data-");
        s.push_str(k);
        s.push_str("=\"");
        s.push_str(&escape_attr(v));
        s.push('"');
    }
    s.push_str("></div>");
    s
}

fn escape_attr(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A page for an error, with a way back.
pub fn error_page(status: StatusCode, message: &str) -> Markup {
    let chrome = Chrome {
        css: crate::web::assets::Assets::shared().url("app.css"),
        ..Chrome::default()
    };
    page(
        &chrome,
        status.canonical_reason().unwrap_or("Error"),
        html! {
            section.card.narrow {
                h1 { (status.canonical_reason().unwrap_or("Error")) }
                p.error role="alert" { (message) }
                p { a href="/" { "Back to the start page" } }
            }
        },
    )
}

/// A flash message shown at the top of a page.
pub fn notice(kind: &str, text: &str) -> Markup {
    html! { p class={"notice " (kind)} role=(if kind == "error" { "alert" } else { "status" }) { (text) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_data_is_escaped() {
        let s = body_data_marker(&[("me", "\"><script>".into())]);
        assert!(!s.contains("<script>"));
        assert!(s.contains("&quot;&gt;&lt;script&gt;"));
    }
}
