//! The language of a request, and the words of the page in it.
//!
//! The language is a property of the request, as in Django or Rails: the
//! [`middleware`] picks it from the visitor's choice (the `mot_lang` cookie
//! the language switch sets), else the browser's `Accept-Language`, else
//! the installation's default, and runs the handler inside it. When the
//! request turns out to come from someone with a language of their own (an
//! account's setting, a guest's choice on the join page), [`prefer`] makes
//! that the language for the rest of the request; when the visitor asked
//! for nothing mot speaks, [`fallback`] puts their workspace's default
//! before the installation's. Views then write
//! `t!("key")` and never pass the language around. Work outside a request
//! (the hub's frames, a live socket) names its language with [`with_lang`].

use axum::extract::Request;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
pub use mot_i18n::Lang;
use std::cell::Cell;

/// The cookie the language switch sets (a visitor's own choice).
pub const LANG_COOKIE: &str = "mot_lang";

/// Where the request's language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Someone's own choice (the switch's cookie, an account's or a
    /// guest's setting) or their browser's `Accept-Language`.
    Asked,
    /// Nobody asked for a language mot speaks: a default.
    Default,
}

tokio::task_local! {
    static LANG: Cell<(Lang, Source)>;
}

/// The language of the request being served (English outside one).
pub fn lang() -> Lang {
    LANG.try_with(|c| c.get().0).unwrap_or_default()
}

/// What stands between the parts of a line in the request's language:
/// " · ", or in Arabic a comma (a middle dot reads as a zero, ٠, beside
/// Arabic digits).
pub fn sep() -> &'static str {
    mot_i18n::text(lang(), "sep")
}

/// Makes `lang` the language for the rest of this request: someone's own
/// setting, known once they are identified.
pub fn prefer(lang: Option<Lang>) {
    if let Some(l) = lang {
        let _ = LANG.try_with(|c| c.set((l, Source::Asked)));
    }
}

/// Whether the request's language is only a default (nobody asked for
/// one): then a workspace's default may take its place.
pub fn unasked() -> bool {
    LANG.try_with(|c| c.get().1 == Source::Default)
        .unwrap_or(false)
}

/// Makes a workspace's default language the request's, unless someone
/// asked for a language (their choice or their browser's comes first).
pub fn fallback(lang: Option<Lang>) {
    if let Some(l) = lang {
        let _ = LANG.try_with(|c| {
            if c.get().1 == Source::Default {
                c.set((l, Source::Default));
            }
        });
    }
}

/// Runs `f` with `lang` as the language (rendering outside a request).
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    LANG.sync_scope(Cell::new((lang, Source::Asked)), f)
}

/// Runs a future with `lang` as the language (a live socket's task).
/// Not an `async fn`: that would store `f` twice (as its argument and in
/// the scope it awaits) for as long as the socket is open.
pub fn scope<F: std::future::Future>(
    lang: Lang,
    f: F,
) -> impl std::future::Future<Output = F::Output> {
    LANG.scope(Cell::new((lang, Source::Asked)), f)
}

/// The language for a request before anyone is identified, and whether
/// the visitor or their browser asked for it.
pub fn negotiate(headers: &HeaderMap, default: Lang) -> (Lang, Source) {
    crate::web::cookie(headers, LANG_COOKIE)
        .and_then(|c| Lang::parse(&c))
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .map_or((default, Source::Default), |l| (l, Source::Asked))
}

/// Serves every request inside its language; `default` is the
/// installation's (`mot serve --language`).
pub async fn middleware(default: Lang, req: Request, next: Next) -> Response {
    let chosen = negotiate(req.headers(), default);
    let mut res = LANG.scope(Cell::new(chosen), next.run(req)).await;
    let is_html = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        // A page's language depends on these; shared caches must not mix them.
        res.headers_mut().append(
            axum::http::header::VARY,
            axum::http::HeaderValue::from_static("Accept-Language, Cookie"),
        );
    }
    res
}

/// The arrow that points onward in the reading direction (→, or ← in a
/// right-to-left language): the next step, "Miserable → Neutral".
pub fn onward() -> &'static str {
    if lang().is_rtl() {
        "←"
    } else {
        "→"
    }
}

/// The arrow that points back in the reading direction.
pub fn back() -> &'static str {
    if lang().is_rtl() {
        "→"
    } else {
        "←"
    }
}

/// A number with `decimals` decimals, in the request's language.
pub fn decimal(v: f64, decimals: usize) -> String {
    mot_i18n::decimal(lang(), v, decimals)
}

/// Text someone typed, set apart from the sentence around it (Unicode's
/// first-strong isolate): a left-to-right name in a right-to-left sentence,
/// or the other way round, keeps its own order and the punctuation round
/// it stays where the sentence puts it.
pub fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}

/// A score such as the customers' (−100 to +100), whole, with its sign:
/// `+23`, `−12`, `0`.
pub fn signed(x: f64) -> String {
    let s = decimal(x.abs(), 0);
    if x >= 0.5 {
        format!("+{s}")
    } else if x <= -0.5 {
        format!("−{s}")
    } else {
        s
    }
}

/// The team's word for a rating: Miserable, Neutral, Magical.
/// A rating's face, shown beside its word (never alone: colour and glyph
/// are not the only cue).
/// A role's name in the request's language.
pub fn role_word(r: mot_core::Role) -> &'static str {
    use mot_core::Role;
    match r {
        Role::Owner => crate::t!("role-owner"),
        Role::Facilitator => crate::t!("role-facilitator"),
        Role::Member => crate::t!("role-member"),
        Role::Viewer => crate::t!("role-viewer"),
    }
}

pub fn client_role_word(r: mot_core::ClientRole) -> &'static str {
    use mot_core::ClientRole;
    match r {
        ClientRole::ClientOwner => crate::t!("role-client-owner"),
        ClientRole::ClientMember => crate::t!("role-client-member"),
        ClientRole::ClientViewer => crate::t!("role-client-viewer"),
        ClientRole::Reports => crate::t!("role-reports"),
    }
}

pub fn client_role_hint(r: mot_core::ClientRole) -> &'static str {
    use mot_core::ClientRole;
    match r {
        ClientRole::ClientOwner => crate::t!("role-client-owner-hint"),
        ClientRole::ClientMember => crate::t!("role-client-member-hint"),
        ClientRole::ClientViewer => crate::t!("role-client-viewer-hint"),
        ClientRole::Reports => crate::t!("role-reports-hint"),
    }
}

/// The word for someone's role, of the practice or of a client.
pub fn membership_word(m: mot_core::Membership) -> &'static str {
    match m {
        mot_core::Membership::Staff(r) => role_word(r),
        mot_core::Membership::Client(c) => client_role_word(c.role),
    }
}

/// What a role may do, in a few words.
pub fn role_hint(r: mot_core::Role) -> &'static str {
    use mot_core::Role;
    match r {
        Role::Owner => crate::t!("role-owner-hint"),
        Role::Facilitator => crate::t!("role-facilitator-hint"),
        Role::Member => crate::t!("role-member-hint"),
        Role::Viewer => crate::t!("role-viewer-hint"),
    }
}

pub fn rating_label(r: mot_core::session::Rating) -> &'static str {
    use mot_core::session::Rating;
    match r {
        Rating::Miserable => crate::t!("session-rating-miserable"),
        Rating::Neutral => crate::t!("session-rating-neutral"),
        Rating::Magical => crate::t!("session-rating-magical"),
    }
}

/// A whole number in the request's language.
pub fn integer(n: i64) -> String {
    mot_i18n::integer(lang(), n)
}

/// A date written out in the request's language.
pub fn date(d: time::Date) -> String {
    mot_i18n::date(lang(), d)
}

/// How an export looks for this request: its language, no branding yet.
pub fn look() -> mot_export::Look {
    mot_export::Look::new(lang())
}

/// The names a new business's channels and a new journey's stages get:
/// in the language of whoever creates them.
pub fn default_names() -> mot_core::DefaultNames {
    let lang = lang();
    mot_core::DefaultNames::translated(|key| {
        mot_i18n::text_dyn(lang, key).unwrap_or(key).to_string()
    })
}

/// A rule error as a sentence in the request's language.
pub fn rule_error(e: &mot_core::RuleError) -> String {
    mot_i18n::rule_error(lang(), e)
}

/// A refusal of what a customer sent, as they read it: a sentence, or the
/// field named as the form names it, never the API's field name.
pub fn customer_error(e: mot_core::RuleError) -> crate::web::error::AppError {
    use mot_core::RuleError;
    match &e {
        RuleError::Invalid { field, msg } => {
            let problem = mot_i18n::message(lang(), msg);
            let label = match *field {
                "comment" => Some(crate::t!("feedback-customer-field-comment")),
                "email" | "contact_email" if !msg.key.starts_with("rule-feedback-") => {
                    Some(crate::t!("feedback-contact-email"))
                }
                _ => None,
            };
            crate::web::error::AppError::invalid(match label {
                Some(label) => mot_i18n::format(
                    lang(),
                    "error-field",
                    &[("field", label.into()), ("problem", problem.into())],
                ),
                None => problem,
            })
        }
        _ => e.into(),
    }
}

/// A message of the request's language: `t!("key")` is a `&'static str`,
/// `t!("key", name = value, …)` a `String`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        mot_i18n::text($crate::web::i18n::lang(), $key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        mot_i18n::tr!($crate::web::i18n::lang(), $key, $($name = $value),+)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_of_a_line_are_parted_so_no_digit_is_misread() {
        assert_eq!(with_lang(Lang::En, sep), " · ");
        assert_eq!(with_lang(Lang::De, sep), " · ");
        // In Arabic a middle dot beside ٢٠٢٦ reads as one more zero.
        assert_eq!(with_lang(Lang::Ar, sep), "، ");
    }
}
