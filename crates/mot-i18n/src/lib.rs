//! mot's words. Every text a person reads comes from a Project Fluent
//! catalogue under `locales/<lang>/<feature>.ftl`, one file per feature, in
//! English, German and Arabic. This crate knows the languages, picks one
//! from a browser's `Accept-Language`, formats messages with their
//! arguments, and writes numbers and dates the way each language does.
//!
//! Messages are looked up by key: `tr!(lang, "board-add-note")`, or with
//! arguments `tr!(lang, "session-dots-left", left = 3, total = 5)`. A key
//! missing from a catalogue shows as the key itself (and the catalogue test
//! fails), never as a panic.

mod catalogue;
mod numbers;

pub use catalogue::{
    format, keys, message, rule_error, script_words, script_words_with, text, text_dyn, Arg,
};
pub use numbers::{date, decimal, integer};

use std::fmt;

/// A language mot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    De,
    Ar,
}

impl Lang {
    /// Every language, English (the fallback) first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::De, Lang::Ar];

    /// The BCP 47 code, as in `lang="…"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Ar => "ar",
        }
    }

    /// The writing direction, as in `dir="…"`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En | Lang::De => "ltr",
        }
    }

    pub fn is_rtl(self) -> bool {
        self.dir() == "rtl"
    }

    /// The language's name in itself, for the language switch.
    pub fn name(self) -> &'static str {
        text(self, "language-name")
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// A language from a code such as `de`, `de-AT` or `AR`; `None` for one
    /// mot does not speak.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best language for an `Accept-Language` header, by its weights
    /// (`q`, 1 when absent; ties keep the header's order); `None` when it
    /// names none mot speaks.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut wanted: Vec<(f32, usize, Lang)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let lang = Lang::parse(bits.next()?)?;
                let q = bits
                    .filter_map(|b| b.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        wanted.first().map(|w| w.2)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A message in a language: `tr!(lang, "key")` gives the plain text (a
/// `&'static str`), `tr!(lang, "key", name = value, …)` formats it with
/// arguments (a `String`).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:literal) => {
        $crate::text($lang, $key)
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::format($lang, $key, &[$((stringify!($name), $crate::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_by_weight_and_falls_back_to_none() {
        assert_eq!(Lang::negotiate("de-DE,de;q=0.9,en;q=0.8"), Some(Lang::De));
        assert_eq!(Lang::negotiate("fr-FR, ar;q=0.7, en;q=0.5"), Some(Lang::Ar));
        assert_eq!(Lang::negotiate("en-GB;q=0.2, de;q=0.9"), Some(Lang::De));
        assert_eq!(Lang::negotiate("fr, it"), None);
        assert_eq!(Lang::negotiate("de;q=0, en;q=0.1"), Some(Lang::En));
        assert_eq!(Lang::negotiate(""), None);
    }

    #[test]
    fn codes_parse_by_their_primary_subtag() {
        assert_eq!(Lang::parse("de-AT"), Some(Lang::De));
        assert_eq!(Lang::parse("AR"), Some(Lang::Ar));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::De.dir(), "ltr");
    }
}
