//! The page layout shared by every page.

use crate::t;
use crate::web::i18n::{lang, Lang};
use axum::http::StatusCode;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// What the layout needs to know about the request.
#[derive(Default)]
pub struct Chrome {
    /// URL of the stylesheet and scripts (content-hashed).
    pub css: String,
    pub script: Option<String>,
    /// The start of the keys of the `js-*` messages the script uses, where
    /// the page carries only its own (a customer's); all of them if none.
    pub words: Option<&'static str>,
    /// Extra stylesheet (a business's channel colours).
    pub extra_css: Option<String>,
    /// Name of the logged-in user or guest.
    pub who: Option<String>,
    /// Whether the person is logged in (shows the logout button).
    pub logged_in: bool,
    /// Whether they are one of the practice's own people (a client's
    /// people have no people page).
    pub practice: bool,
    pub csrf: String,
    /// data-* attributes for the body, read by the scripts.
    pub data: Vec<(&'static str, String)>,
    /// A "skip to" link, first on the page: where it goes and what it says.
    pub skip: Option<(String, String)>,
    /// A rater's link token: the language switch keeps their choice with it.
    pub rater: Option<String>,
}

pub fn page(chrome: &Chrome, title: &str, content: Markup) -> Markup {
    let lang = lang();
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="csrf-token" content=(chrome.csrf);
                // Isolated: a right-to-left title keeps " · mot" at its end.
                title { "\u{2068}" (title) "\u{2069} · mot" }
                @if !chrome.css.is_empty() { link rel="stylesheet" href=(chrome.css); }
                @if let Some(css) = &chrome.extra_css { link rel="stylesheet" href=(css) id="channel-css"; }
                @if let Some(js) = &chrome.script {
                    // The words of the page scripts, in the page's language (words.js).
                    @let words = match chrome.words {
                        Some(prefix) => std::borrow::Cow::Owned(mot_i18n::script_words_with(lang, prefix)),
                        None => std::borrow::Cow::Borrowed(mot_i18n::script_words(lang)),
                    };
                    script type="application/json" id="mot-words" { (PreEscaped(words)) }
                    script type="module" src=(js) {}
                }
            }
            body {
                @if let Some((href, label)) = &chrome.skip { a.skip href=(href) { (label) } }
                (PreEscaped(body_data_marker(&chrome.data)))
                header.top {
                    a.brand href="/" { span.logo aria-hidden="true" { "◆" } " mot" }
                    @if let Some(who) = &chrome.who {
                        @if chrome.logged_in {
                            a.who href="/account" dir="auto" title=(t!("layout-your-account")) { (who) }
                        } @else {
                            span.who dir="auto" { (who) }
                        }
                    }
                    @if chrome.logged_in && chrome.practice {
                        a.people-link href="/people" { (t!("layout-people")) }
                    }
                    (language_switch(lang, &chrome.csrf, chrome.rater.as_deref()))
                    @if chrome.logged_in {
                        form.inline method="post" action="/logout" {
                            input type="hidden" name="_csrf" value=(chrome.csrf);
                            button.link type="submit" { (t!("layout-log-out")) }
                        }
                    }
                }
                main id="main" { (content) }
            }
        }
    }
}

/// The language switch: a plain form (works without scripts; forms.js
/// sends it as soon as a language is picked). It returns to this page.
fn language_switch(current: Lang, csrf: &str, rater: Option<&str>) -> Markup {
    html! {
        form.inline.lang-switch method="post" action="/language" {
            input type="hidden" name="_csrf" value=(csrf);
            @if let Some(token) = rater { input type="hidden" name="rater" value=(token); }
            label.sr-only for="lang-select" { (t!("language-switch")) }
            select #lang-select name="lang" data-autosubmit="" {
                @for l in Lang::ALL {
                    option value=(l.code()) lang=(l.code()) selected[l == current] { (l.name()) }
                }
            }
            button.link.lang-go type="submit" { (t!("language-save")) }
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
    let title = status_title(status);
    page(
        &chrome,
        &title,
        html! {
            section.card.narrow {
                h1 { (title) }
                p.error role="alert" { (message) }
                p { a href="/" { (t!("layout-back-to-start")) } }
            }
        },
    )
}

/// A status's name in the page's language ("Not Found", "Nicht gefunden").
fn status_title(status: StatusCode) -> String {
    mot_i18n::text_dyn(lang(), &format!("status-{}", status.as_u16()))
        .map(str::to_string)
        .unwrap_or_else(|| t!("status-other", code = status.as_u16()))
}

/// Where the `i`th piece of markup goes in a message (see [`rich`]): pass
/// `slot(0)`, `slot(1)`, … as the values of the message's variables.
pub fn slot(i: usize) -> String {
    format!("\u{E000}{i}\u{E001}")
}

/// A translated message with markup inside it (a name set apart with
/// `bdi`, a number in bold, a link): each [`slot`] becomes its piece of
/// markup, wherever the language puts it, and the words around are escaped.
pub fn rich(text: &str, parts: &[Markup]) -> Markup {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let mut pieces: Vec<(&str, Option<usize>)> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else { break };
        pieces.push((&rest[..at], after[..end].parse().ok()));
        rest = &after[end + CLOSE.len_utf8()..];
    }
    pieces.push((rest, None));
    html! {
        @for (words, i) in pieces {
            (words)
            @if let Some(part) = i.and_then(|i| parts.get(i)) { (part) }
        }
    }
}

/// A flash message shown at the top of a page.
pub fn notice(kind: &str, text: &str) -> Markup {
    html! { p class={"notice " (kind)} role=(if kind == "error" { "alert" } else { "status" }) { (text) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_where_the_sentence_puts_it_and_words_are_escaped() {
        let s = format!("<{}> and {}!", slot(1), slot(0));
        let (x, y) = ("x", "y");
        let m = rich(&s, &[html! { b { (x) } }, html! { i { (y) } }]);
        assert_eq!(m.into_string(), "&lt;<i>y</i>&gt; and <b>x</b>!");
    }

    #[test]
    fn body_data_is_escaped() {
        let s = body_data_marker(&[("me", "\"><script>".into())]);
        assert!(!s.contains("<script>"));
        assert!(s.contains("&quot;&gt;&lt;script&gt;"));
    }
}
