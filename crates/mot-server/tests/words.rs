//! Every word a person reads comes from the catalogues: no view holds a bare
//! English literal, and the language a page speaks follows the visitor.

#[macro_use]
mod common;

use common::*;
use mot_i18n::Lang;
use mot_server::Settings;
use reqwest::StatusCode;
use std::path::{Path, PathBuf};

/// Attributes whose value a person reads (or hears, from a screen reader).
const READ_ATTRIBUTES: &[&str] = &[
    "title",
    "aria-label",
    "placeholder",
    "alt",
    "aria-description",
];

/// Literals with letters that are not words of a language.
const ALLOWED: &[&str] = &[" mot", "mot", " · mot"];

/// The literal as it reads: `\u{…}` escapes (invisible marks) left out.
fn visible(lit: &str) -> String {
    let mut out = String::new();
    let mut rest = lit;
    while let Some(i) = rest.find("\\u{") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find('}').map_or("", |j| &rest[i + j + 1..]);
    }
    out.push_str(rest);
    out
}

/// The string literals inside `html!` blocks that a person would read:
/// element text, and the values of [`READ_ATTRIBUTES`]. Rust code inside a
/// block (splices in parentheses, toggles in brackets, `@if`/`@for`/`@let`/
/// `@match` heads) is skipped.
fn bare_literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = src[i..].find("html! {") {
        let start = i + at + "html! ".len();
        // (brace depth, paren depth, bracket depth)
        let (mut braces, mut parens, mut brackets) = (0i32, 0i32, 0i32);
        // The attribute whose `{…}` value we are in, per brace depth.
        let mut attr_at: Vec<Option<String>> = Vec::new();
        let mut code_head = false;
        let mut j = start;
        while j < b.len() {
            let c = b[j] as char;
            match c {
                '"' => {
                    let (lit, end) = literal(src, j);
                    let in_code = parens > 0 || brackets > 0 || code_head;
                    if !in_code {
                        let before = src[..j].trim_end();
                        let attr = match before.strip_suffix('=') {
                            Some(name) => Some(attribute_name(name)),
                            None => attr_at.last().cloned().flatten(),
                        };
                        let read = match &attr {
                            Some(name) => READ_ATTRIBUTES.contains(&name.as_str()),
                            None => true,
                        };
                        let lit = visible(&lit);
                        if read
                            && lit.chars().any(char::is_alphabetic)
                            && !ALLOWED.contains(&lit.as_str())
                        {
                            found.push((src[..j].lines().count(), lit));
                        }
                    }
                    j = end;
                    continue;
                }
                // A char literal in code ('x'), not a lifetime.
                '\'' if (parens > 0 || brackets > 0 || code_head)
                    && b.get(j + 2) == Some(&b'\'') =>
                {
                    j += 3;
                    continue;
                }
                '/' if b.get(j + 1) == Some(&b'/') => {
                    j = src[j..].find('\n').map_or(b.len(), |n| j + n);
                    continue;
                }
                '(' => parens += 1,
                ')' => parens -= 1,
                '[' => brackets += 1,
                ']' => brackets -= 1,
                '@' if parens == 0 && brackets == 0 => code_head = true,
                ';' if code_head && parens == 0 => code_head = false,
                '{' if parens == 0 && brackets == 0 => {
                    code_head = false;
                    let before = src[..j].trim_end();
                    // Inside an attribute's `{…}` value, an `@if` block's
                    // braces are still that attribute's value.
                    let inherited = attr_at.last().cloned().flatten();
                    attr_at.push(before.strip_suffix('=').map(attribute_name).or(inherited));
                    braces += 1;
                }
                '}' if parens == 0 && brackets == 0 => {
                    braces -= 1;
                    attr_at.pop();
                    if braces == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        i = j.max(start + 1);
    }
    found
}

/// A string literal starting at `at` (a `"`): its text and the index after it.
fn literal(src: &str, at: usize) -> (String, usize) {
    let b = src.as_bytes();
    let mut j = at + 1;
    while j < b.len() && b[j] != b'"' {
        j += if b[j] == b'\\' { 2 } else { 1 };
    }
    (src[at + 1..j.min(b.len())].to_string(), j + 1)
}

fn attribute_name(before: &str) -> String {
    before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect::<String>()
        .chars()
        .rev()
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_scanner_finds_bare_words_and_passes_keys_and_code() {
    let src = r#"
        html! {
            p.note title="Click me" { "Add a note" }
            a href="/b/1" class={"x " (y) @if z { " retired" }} { (t!("board-add")) }
            @if x == "Yes" { span { (n) } }
            input placeholder=(t!("k")) type="text" name="title";
            button aria-label="Close" { "×" }
        }
    "#;
    let found: Vec<String> = bare_literals(src).into_iter().map(|(_, l)| l).collect();
    assert_eq!(found, ["Click me", "Add a note", "Close"]);
}

#[test]
fn views_hold_no_bare_words() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    let mut bare = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        for (line, lit) in bare_literals(&src) {
            bare.push(format!("{}:{line}: {lit:?}", f.display()));
        }
    }
    assert!(
        bare.is_empty(),
        "words a person reads belong in the catalogues (crates/mot-i18n/locales):\n{}",
        bare.join("\n")
    );
}

/// Every key the server names in `t!("…")` is in the English catalogue
/// (and so, by mot-i18n's own test, in every other): no reader ever sees a
/// bare key such as `feedback-bad-period-kind`.
#[test]
fn every_key_the_server_names_is_in_the_catalogue() {
    let known: std::collections::BTreeSet<String> = mot_i18n::keys(Lang::En).into_iter().collect();
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        for (at, _) in src.match_indices("t!(") {
            // `t!(` itself, not `format!(` or `assert!(`.
            if src[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // Nor one a comment shows.
            let line = &src[src[..at].rfind('\n').map_or(0, |i| i + 1)..at];
            if line.trim_start().starts_with("//") {
                continue;
            }
            let rest = src[at + 3..].trim_start();
            let Some(rest) = rest.strip_prefix('"') else {
                continue;
            };
            let key = &rest[..rest.find('"').unwrap_or(0)];
            if !known.contains(key) {
                missing.push(format!("{}: {key}", f.display()));
            }
        }
    }
    assert!(missing.is_empty(), "not in locales/en: {missing:?}");
}

/// A page's `<html lang dir>`.
fn lang_of(html: &str) -> (String, String) {
    let tag = &html[html.find("<html").expect("an html element")..];
    let tag = &tag[..tag.find('>').unwrap()];
    let attr = |name: &str| {
        let at = tag
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} in {tag}"));
        let rest = &tag[at + name.len() + 2..];
        rest[..rest.find('"').unwrap()].to_string()
    };
    (attr("lang"), attr("dir"))
}

async fn page_with(b: &Browser, path: &str, accept: &str) -> String {
    let res = b
        .client
        .get(b.url(path))
        .header("accept-language", accept)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap()
}

on_both! {
    async fn a_page_speaks_the_browsers_language_unless_the_visitor_chose_one(app) {
        let b = app.browser();
        let html = page_with(&b, "/setup", "de-DE,de;q=0.9,en;q=0.5").await;
        assert_eq!(lang_of(&html), ("de".into(), "ltr".into()));
        assert!(html.contains(mot_i18n::text(Lang::De, "language-switch")), "the switch is labelled in German");
        let html = page_with(&b, "/setup", "fr-FR, ar;q=0.5").await;
        assert_eq!(lang_of(&html), ("ar".into(), "rtl".into()), "the first language mot speaks, by weight");
        let html = page_with(&b, "/setup", "fr, it").await;
        assert_eq!(lang_of(&html).0, "en", "none mot speaks: the installation's default");

        // The switch, without an account: a cookie, and back to the page it was on.
        let res = b
            .client
            .post(b.url("/language"))
            .header("referer", b.url("/setup"))
            .form(&[("lang", "ar")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/setup");
        assert_eq!(b.cookie("mot_lang").as_deref(), Some("ar"));
        let html = page_with(&b, "/setup", "de").await;
        assert_eq!(lang_of(&html), ("ar".into(), "rtl".into()), "the visitor's choice beats the browser's");

        // Another site's address is not followed; an unknown language is refused.
        let res = b.client.post(b.url("/language")).header("referer", "https://evil.example/x")
            .form(&[("lang", "de")]).send().await.unwrap();
        assert_eq!(location(&res), "/");
        let res = b.client.post(b.url("/language")).form(&[("lang", "xx")]).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(b.cookie("mot_lang").as_deref(), Some("de"));
    }

    async fn an_accounts_language_follows_it_to_another_device_and_into_the_api(app) {
        let w = World::new(&app.store, "Acme").await;
        let b = app.signed_in(w.ws, w.owner.id).await;
        // A switch without the session's CSRF token changes nothing.
        let res = b.post("/language", &[("_csrf", "forged"), ("lang", "de")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let user = app.store.user_by_email(&w.owner.email).await.unwrap().unwrap();
        assert_eq!(user.language, None);
        let res = b.submit("/language", &[("lang", "de")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let user = app.store.user_by_email(&w.owner.email).await.unwrap().unwrap();
        assert_eq!(user.language.as_deref(), Some("de"));

        // A new device: no language cookie, a browser that asks for English.
        let other = app.signed_in(w.ws, w.owner.id).await;
        let html = page_with(&other, &format!("/j/{}", w.journey.id), "en").await;
        assert_eq!(lang_of(&html), ("de".into(), "ltr".into()));
        // The API answers in it too.
        let api = app.api(&w.owner_token);
        let (status, body) = api.get("/api/v1/journeys/987654321").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let message = body["error"]["message"].as_str().unwrap();
        let expected = mot_i18n::format(Lang::De, "error-not-found", &[("what", mot_i18n::text(Lang::De, "thing-journey").into())]);
        assert_eq!(message, expected);
        assert_ne!(message, mot_i18n::format(Lang::En, "error-not-found", &[("what", "journey".into())]));
    }

    async fn a_new_business_and_journey_are_named_in_their_creators_language(app) {
        let w = World::new(&app.store, "Acme").await;
        let b = app.signed_in(w.ws, w.owner.id).await;
        let de = |path: &str, form: Vec<(&str, String)>| {
            let mut fields = vec![("_csrf", b.csrf.clone())];
            fields.extend(form);
            b.client.post(b.url(path)).header("accept-language", "de").form(&fields).send()
        };
        let res = de("/businesses", vec![("name", "Bäckerei".into())]).await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let business = location(&res).trim_start_matches("/b/").parse::<i64>().unwrap();
        let channels = app.store.channels(w.ws, business).await.unwrap();
        let names: Vec<&str> = channels.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), 12);
        assert!(names.contains(&mot_i18n::text(Lang::De, "board-channel-mail")), "{names:?}");
        assert!(!names.contains(&"Email"), "{names:?}");
        let res = de(&format!("/b/{business}/journeys"), vec![("name", "Kauft Brot".into())]).await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let journey = location(&res).trim_start_matches("/j/").parse::<i64>().unwrap();
        let board = app.store.board(w.ws, journey).await.unwrap();
        let stages: Vec<&str> = board.stages.iter().map(|s| s.name.as_str()).collect();
        let expected: Vec<&str> = mot_core::DEFAULT_STAGE_KEYS.iter().map(|k| mot_i18n::text(Lang::De, k)).collect();
        assert_eq!(stages, expected);
        // In English, as always.
        assert_eq!(
            mot_core::DEFAULT_STAGE_KEYS.map(|k| mot_i18n::text(Lang::En, k)),
            mot_core::default_stages()
        );
        let english: Vec<&str> = mot_core::default_channels().iter().map(|c| mot_i18n::text(Lang::En, c.key)).collect();
        let names: Vec<&str> = mot_core::default_channels().iter().map(|c| c.name).collect();
        assert_eq!(english, names);
    }

    async fn a_workspaces_language_speaks_when_nobody_asked_for_one(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        // The owner sets it on the home page.
        let home = page_with(&owner, "/", "en").await;
        assert!(home.contains(r#"action="/workspace""#), "owners see the settings");
        let res = owner.submit("/workspace", &[("language", "ar")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.store.workspace(w.ws).await.unwrap().language.as_deref(), Some("ar"));
        // A browser that asks for a language mot does not speak gets the workspace's ...
        let member = w.person(&app.store, mot_core::Role::Member).await;
        let page = app.signed_in(w.ws, member.user.id).await;
        let html = page_with(&page, &format!("/j/{}", w.journey.id), "fr").await;
        assert_eq!(lang_of(&html), ("ar".into(), "rtl".into()));
        assert!(!html.contains(r#"action="/workspace""#), "only owners see the settings");
        // ... a browser's own language comes first ...
        assert_eq!(lang_of(&page_with(&page, "/", "de").await).0, "de");
        // ... and so does an account's choice.
        app.store.set_user_language(member.user.id, "de").await.unwrap();
        assert_eq!(lang_of(&page_with(&page, "/", "fr").await).0, "de");
        // Guests and the API (which names no language) get it too.
        let g = app.guest(&w.journey, "Ada").await;
        assert_eq!(lang_of(&page_with(&g, &format!("/j/{}", w.journey.id), "fr").await).0, "ar");
        let api = app.api(&w.owner_token);
        let (status, body) = api.get("/api/v1/journeys/987654321").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(mot_i18n::text(Lang::Ar, "thing-journey")), "{message}");
        // The API reads and sets it, and refuses a language mot does not speak.
        let (status, body) = api.get("/api/v1/workspace").await;
        assert_eq!((status, body["language"].as_str()), (StatusCode::OK, Some("ar")));
        let (status, _) = api.patch("/api/v1/workspace", serde_json::json!({"language": "xx"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, body) = api.patch("/api/v1/workspace", serde_json::json!({})).await;
        assert_eq!((status, body["language"].as_str()), (StatusCode::OK, Some("ar")), "left out, it stays");
        let (status, body) = api.patch("/api/v1/workspace", serde_json::json!({"language": null})).await;
        assert_eq!((status, body["language"].clone()), (StatusCode::OK, serde_json::Value::Null));
        assert_eq!(lang_of(&page_with(&g, &format!("/j/{}", w.journey.id), "fr").await).0, "en");
    }

    async fn a_raters_choice_is_kept_with_their_link(app) {
        let w = World::new(&app.store, "Acme").await;
        w.note(&app.store, 0, "Greeting").await;
        app.store.set_workspace_language(w.ws, Some("ar")).await.unwrap();
        let branch = app.store.add_branch(w.ws, w.business.id, "Main street").await.unwrap();
        let t = app.store.create_template_from_journey(w.ws, w.journey.id).await.unwrap();
        let today = mot_core::date::today();
        let round = app.store.start_round(w.ws, w.business.id, t.id, "Check", today, today, vec![branch.id]).await.unwrap();
        let (_, token) = app.store.create_rater_links(w.ws, round.id, branch.id, mot_core::audit::RaterGroup::Customer, vec!["Pat".into()]).await.unwrap().remove(0);
        let path = format!("/r/{token}");
        // Nobody asked: the workspace's language; the switch carries the link.
        let rater = app.browser();
        let html = page_with(&rater, &path, "fr").await;
        assert_eq!(lang_of(&html), ("ar".into(), "rtl".into()));
        assert!(html.contains(&format!(r#"name="rater" value="{token}""#)), "the switch keeps the link");
        assert!(html.contains("\"js-audit-saved\"") && !html.contains("\"js-board-undo\"") && !html.contains("\"js-feedback-kept\""), "the rater's script's own words only");
        let res = rater.post("/language", &[("lang", "de"), ("rater", token.as_str())]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        // On another device, whatever its browser asks for, German.
        let other = app.browser();
        assert_eq!(lang_of(&page_with(&other, &path, "en").await), ("de".into(), "ltr".into()));
    }

    async fn a_guests_choice_is_kept_with_the_guest(app) {
        let w = World::new(&app.store, "Acme").await;
        let g = app.guest(&w.journey, "Ada").await;
        let res = g.submit("/language", &[("lang", "ar")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let guests = app.store.guests(w.ws, w.journey.id).await.unwrap();
        assert_eq!(guests[0].language.as_deref(), Some("ar"));
        // Even when the cookie is gone, the guest's board is in Arabic.
        let mut fresh = app.browser();
        let token = g.cookie(&format!("mot_g{}", w.journey.id)).unwrap();
        fresh.jar.add_cookie_str(&format!("mot_g{}={token}; Path=/", w.journey.id), &app.base.parse().unwrap());
        fresh.csrf = g.csrf.clone();
        let html = page_with(&fresh, &format!("/j/{}", w.journey.id), "en").await;
        assert_eq!(lang_of(&html), ("ar".into(), "rtl".into()));
    }
}

#[tokio::test]
async fn the_installations_language_speaks_when_the_browser_names_none() {
    let db = TestDb::sqlite().await;
    let store = db.store.clone();
    let settings = Settings {
        default_language: Lang::De,
        ..Settings::default()
    };
    let app = TestApp::start_configured(db, store, settings).await;
    let res = app.browser().get("/setup").await;
    assert_eq!(lang_of(&res.text().await.unwrap()).0, "de");
    // The framework's own refusals speak it too.
    let res = app
        .browser()
        .client
        .delete(app.url("/setup"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains(mot_i18n::text(Lang::De, "error-method")));
}
