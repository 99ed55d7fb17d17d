//! The catalogues, parsed once, and the lookups.

use crate::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use mot_core::{Msg, MsgArg, RuleError};
use std::collections::HashMap;
use std::sync::LazyLock;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

struct Catalogue {
    bundles: Vec<FluentBundle<FluentResource>>,
    /// Messages without arguments, formatted once.
    plain: Vec<HashMap<&'static str, &'static str>>,
    /// The `js-*` messages as a JSON object, for the page scripts.
    script: Vec<String>,
    /// The same messages by key, for a page that takes only some.
    script_maps: Vec<serde_json::Map<String, serde_json::Value>>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(load);

fn load() -> Catalogue {
    let mut bundles = Vec::new();
    let mut plain = Vec::new();
    let mut scripts = Vec::new();
    let mut script_maps = Vec::new();
    for lang in Lang::ALL {
        let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("a language code");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Right-to-left text is isolated by the page (dir="auto"), not by
        // invisible marks inside every sentence.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(crate::numbers::formatter(lang)));
        let mut keys = Vec::new();
        for (l, file, source) in FILES {
            if *l != lang.code() {
                continue;
            }
            let res = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
                panic!("locales/{l}/{file}.ftl does not parse: {errors:?}")
            });
            keys.extend(message_keys(source));
            if let Err(errors) = bundle.add_resource(res) {
                panic!("locales/{l}/{file}.ftl: {errors:?}");
            }
        }
        let mut map = HashMap::new();
        let mut script = serde_json::Map::new();
        for key in keys {
            let Some(pattern) = bundle.get_message(&key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let value = bundle.format_pattern(pattern, None, &mut errors);
            // The scripts part a line's parts as the pages do (`sep`).
            if key.starts_with("js-") || key == "sep" {
                // A variable without a value stays `{$name}`, which the
                // script fills in (words.js).
                script.insert(key.clone(), value.to_string().into());
            }
            if errors.is_empty() {
                let key: &'static str = Box::leak(key.into_boxed_str());
                map.insert(key, &*Box::leak(value.into_owned().into_boxed_str()));
            }
        }
        bundles.push(bundle);
        plain.push(map);
        scripts.push(script_json(&script));
        script_maps.push(script);
    }
    Catalogue {
        bundles,
        plain,
        script: scripts,
        script_maps,
    }
}

/// Messages as a JSON object, safe inside <script type="application/json">.
fn script_json(words: &serde_json::Map<String, serde_json::Value>) -> String {
    serde_json::to_string(words)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// The message keys a catalogue file defines (terms, `-x`, are not messages).
fn message_keys(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let first = id.chars().next()?;
            (first.is_ascii_alphabetic()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then(|| id.to_string())
        })
        .collect()
}

/// Every message key of a language's catalogue, sorted.
pub fn keys(lang: Lang) -> Vec<String> {
    let mut keys: Vec<String> = FILES
        .iter()
        .filter(|(l, _, _)| *l == lang.code())
        .flat_map(|(_, _, s)| message_keys(s))
        .collect();
    keys.sort();
    keys
}

/// The language's `js-*` messages as a JSON object: the words of the page
/// scripts, a variable written `{$name}`.
pub fn script_words(lang: Lang) -> &'static str {
    &CATALOGUE.script[lang.index()]
}

/// The language's `js-*` messages whose keys start with `prefix`, as
/// [`script_words`] gives them all: for a page that loads only its own
/// (a customer's, on a phone and perhaps a weak network).
pub fn script_words_with(lang: Lang, prefix: &str) -> String {
    let words = CATALOGUE.script_maps[lang.index()]
        .iter()
        .filter(|(k, _)| k.starts_with(prefix) || *k == "sep")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    script_json(&words)
}

/// A message without arguments. An unknown key comes back as itself.
pub fn text(lang: Lang, key: &'static str) -> &'static str {
    text_dyn(lang, key).unwrap_or(key)
}

/// A message without arguments, by a key made at run time.
pub fn text_dyn(lang: Lang, key: &str) -> Option<&'static str> {
    let c = &*CATALOGUE;
    c.plain[lang.index()]
        .get(key)
        .or_else(|| c.plain[Lang::En.index()].get(key))
        .copied()
}

/// An argument of a message.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Int(i64),
    /// A number shown with this many decimals.
    Decimal(f64, usize),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Arg::Int(v as i64)
            }
        }
    )*};
}
int_arg!(i64, i32, u32, u16, u8, usize, u64);

impl Arg {
    fn value(&self) -> FluentValue<'static> {
        match self {
            Arg::Text(s) => FluentValue::String(s.clone().into()),
            // Default options, so a numeric variant (`[1]`) matches it.
            Arg::Int(n) => {
                FluentValue::Number(FluentNumber::new(*n as f64, FluentNumberOptions::default()))
            }
            Arg::Decimal(v, d) => FluentValue::Number(FluentNumber::new(
                *v,
                FluentNumberOptions {
                    minimum_fraction_digits: Some(*d),
                    maximum_fraction_digits: Some(*d),
                    ..Default::default()
                },
            )),
        }
    }
}

/// A message with arguments. An unknown key comes back as itself.
pub fn format(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fa = FluentArgs::new();
    for (name, value) in args {
        fa.set(name.to_string(), value.value());
    }
    format_args(lang, key, &fa).unwrap_or_else(|| key.to_string())
}

fn format_args(lang: Lang, key: &str, args: &FluentArgs) -> Option<String> {
    let c = &*CATALOGUE;
    let (bundle, pattern) = [lang, Lang::En].into_iter().find_map(|l| {
        let b = &c.bundles[l.index()];
        b.get_message(key).and_then(|m| m.value()).map(|p| (b, p))
    })?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned(),
    )
}

/// Core's message in a language.
pub fn message(lang: Lang, msg: &Msg) -> String {
    if msg.args.is_empty() {
        return text_dyn(lang, msg.key)
            .map(str::to_string)
            .unwrap_or_else(|| msg.key.to_string());
    }
    let mut fa = FluentArgs::new();
    for (name, value) in &msg.args {
        let v = match value {
            MsgArg::Text(s) => Arg::Text(s.clone()),
            MsgArg::Int(n) => Arg::Int(*n),
            MsgArg::Key(k) => Arg::Text(text_dyn(lang, k).unwrap_or(k).to_string()),
        };
        fa.set(name.to_string(), v.value());
    }
    format_args(lang, msg.key, &fa).unwrap_or_else(|| msg.key.to_string())
}

/// A rule error as a sentence: "Title: must not be empty".
pub fn rule_error(lang: Lang, e: &RuleError) -> String {
    match e {
        RuleError::Invalid { field, msg } => {
            let key = format!("field-{}", field.replace(' ', "-"));
            let name = text_dyn(lang, &key).unwrap_or(field);
            format(
                lang,
                "error-field",
                &[
                    ("field", name.into()),
                    ("problem", message(lang, msg).into()),
                ],
            )
        }
        RuleError::Forbidden(msg) | RuleError::Conflict(msg) => message(lang, msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_english_key_is_in_every_other_catalogue_and_no_other_key() {
        let en: BTreeSet<String> = keys(Lang::En).into_iter().collect();
        assert!(en.len() > 10, "the English catalogue is loaded");
        for lang in [Lang::De, Lang::Ar] {
            let other: BTreeSet<String> = keys(lang).into_iter().collect();
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        }
    }

    #[test]
    fn a_page_may_take_only_its_own_script_words() {
        for lang in Lang::ALL {
            let all: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(script_words(lang)).unwrap();
            let own: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&script_words_with(lang, "js-feedback-")).unwrap();
            assert!(own.contains_key("js-feedback-kept"), "{lang}");
            assert!(
                own.keys()
                    .all(|k| k.starts_with("js-feedback-") || k == "sep"),
                "{lang}"
            );
            assert_eq!(
                own.get("sep"),
                all.get("sep"),
                "{lang}: the separator, everywhere"
            );
            assert!(all.contains_key("sep"), "{lang}");
            assert!(own.len() < all.len(), "{lang}");
            for (k, v) in &own {
                assert_eq!(all.get(k), Some(v), "{lang} {k}");
            }
            assert_eq!(script_words_with(lang, "js-"), script_words(lang));
        }
    }

    #[test]
    fn no_key_is_defined_twice() {
        for lang in Lang::ALL {
            let all = keys(lang);
            let set: BTreeSet<&String> = all.iter().collect();
            assert_eq!(all.len(), set.len(), "{lang} defines a key twice");
        }
    }

    /// Messages whose variables the code gives whether English uses them or
    /// not (a date's parts: English writes `2026-12-02`, German the name).
    const GIVEN: &[(&str, &[&str])] = &[("date-long", &["day", "dd", "month", "mm", "year"])];

    /// Every variable an English message uses, the translation may use, and
    /// every message formats without an error given the English variables.
    #[test]
    fn translations_use_only_the_variables_english_gives() {
        let c = &*CATALOGUE;
        for key in keys(Lang::En) {
            let vars = match GIVEN.iter().find(|(k, _)| *k == key) {
                Some((_, given)) => given.iter().map(|v| v.to_string()).collect(),
                None => variables(Lang::En, &key),
            };
            for lang in [Lang::De, Lang::Ar] {
                let theirs = variables(lang, &key);
                let unknown: Vec<_> = theirs.difference(&vars).collect();
                assert!(unknown.is_empty(), "{lang} {key} uses {unknown:?}");
                let mut fa = FluentArgs::new();
                for v in &vars {
                    fa.set(v.clone(), FluentValue::from(2));
                }
                let b = &c.bundles[lang.index()];
                let p = b.get_message(&key).and_then(|m| m.value());
                assert!(p.is_some(), "{lang} {key} has no value");
                let mut errors = Vec::new();
                b.format_pattern(p.unwrap(), Some(&fa), &mut errors);
                assert!(errors.is_empty(), "{lang} {key}: {errors:?}");
            }
        }
    }

    fn variables(lang: Lang, key: &str) -> BTreeSet<String> {
        let source: String = FILES
            .iter()
            .filter(|(l, _, _)| *l == lang.code())
            .map(|(_, _, s)| *s)
            .collect::<Vec<_>>()
            .join("\n");
        // The message's lines: its own, then indented continuation lines.
        let mut out = BTreeSet::new();
        let mut inside = false;
        for line in source.lines() {
            if let Some((id, _)) = line.split_once('=') {
                if !line.starts_with(' ') && !id.trim().is_empty() {
                    inside = id.trim() == key;
                }
            } else if !line.starts_with(' ') && !line.trim().is_empty() {
                inside = false;
            }
            if inside {
                let mut rest = line;
                while let Some(i) = rest.find('$') {
                    rest = &rest[i + 1..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    out.insert(name);
                }
            }
        }
        out
    }

    #[test]
    fn plain_and_formatted_messages_and_the_fallback() {
        assert_eq!(text(Lang::En, "language-name"), "English");
        assert_eq!(text(Lang::De, "language-name"), "Deutsch");
        assert_eq!(text(Lang::Ar, "language-name"), "العربية");
        assert_eq!(text(Lang::De, "no-such-key"), "no-such-key");
    }

    #[test]
    fn rule_errors_read_as_sentences_in_each_language() {
        let e = RuleError::invalid(
            "title",
            Msg::new("rule-too-long").arg("length", 11).arg("limit", 10),
        );
        assert_eq!(
            rule_error(Lang::En, &e),
            "title: is 11 characters long; the limit is 10"
        );
        assert_eq!(
            rule_error(Lang::De, &e),
            "Titel: ist 11 Zeichen lang; erlaubt sind 10"
        );
        assert!(
            rule_error(Lang::Ar, &e).contains("١١"),
            "{}",
            rule_error(Lang::Ar, &e)
        );
    }
}
