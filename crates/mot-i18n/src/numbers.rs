//! Numbers and dates the way each language writes them: `1,234.5` in
//! English, `1.234,5` in German, `١٬٢٣٤٫٥` in Arabic.

use crate::Lang;
use fluent_bundle::FluentValue;
use intl_memoizer::concurrent::IntlLangMemoizer;

struct Style {
    group: &'static str,
    decimal: &'static str,
    /// The digits 0–9.
    digits: [char; 10],
}

fn style(lang: Lang) -> Style {
    const LATIN: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    match lang {
        Lang::En => Style {
            group: ",",
            decimal: ".",
            digits: LATIN,
        },
        Lang::De => Style {
            group: ".",
            decimal: ",",
            digits: LATIN,
        },
        Lang::Ar => Style {
            group: "\u{066C}",
            decimal: "\u{066B}",
            digits: ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'],
        },
    }
}

fn write(lang: Lang, value: f64, decimals: usize, grouping: bool) -> String {
    let s = style(lang);
    let plain = format!("{:.*}", decimals, value.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::new();
    if value < 0.0 && plain.chars().any(|c| c != '0' && c != '.') {
        out.push('-');
    }
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if grouping && i > 0 && (n - i) % 3 == 0 && n > 4 {
            out.push_str(s.group);
        }
        out.push(s.digits[c.to_digit(10).unwrap_or(0) as usize]);
    }
    if !frac.is_empty() {
        out.push_str(s.decimal);
        out.extend(
            frac.chars()
                .map(|c| s.digits[c.to_digit(10).unwrap_or(0) as usize]),
        );
    }
    out
}

/// A whole number, grouped from five digits on (`12,345`, `1234`).
pub fn integer(lang: Lang, n: i64) -> String {
    write(lang, n as f64, 0, true)
}

/// A number with a fixed count of decimals (`7.4`, `7,4`, `٧٫٤`).
pub fn decimal(lang: Lang, v: f64, decimals: usize) -> String {
    write(lang, v, decimals, true)
}

/// A date the way a language writes it: `2026-12-02` (English keeps the
/// ISO dates mot has always shown), `2. Dezember 2026`, `٢ ديسمبر ٢٠٢٦`.
/// The catalogue's `date-long` picks from `$day`, `$dd`, `$month` (the
/// name), `$mm` and `$year`.
pub fn date(lang: Lang, d: time::Date) -> String {
    let month =
        crate::text_dyn(lang, &format!("month-{}", u8::from(d.month()))).unwrap_or_default();
    let digits = |n: i64, width: usize| {
        let s = write(lang, n as f64, 0, false);
        let pad = width.saturating_sub(s.chars().count());
        format!("{}{s}", style(lang).digits[0].to_string().repeat(pad))
    };
    crate::format(
        lang,
        "date-long",
        &[
            ("day", crate::Arg::Text(digits(d.day() as i64, 1))),
            ("dd", crate::Arg::Text(digits(d.day() as i64, 2))),
            ("month", crate::Arg::Text(month.to_string())),
            (
                "mm",
                crate::Arg::Text(digits(u8::from(d.month()) as i64, 2)),
            ),
            ("year", crate::Arg::Text(digits(d.year() as i64, 4))),
        ],
    )
}

type Formatter = fn(&FluentValue, &IntlLangMemoizer) -> Option<String>;

/// The bundle's number formatter for a language.
pub(crate) fn formatter(lang: Lang) -> Formatter {
    fn with(lang: Lang, v: &FluentValue) -> Option<String> {
        match v {
            FluentValue::Number(n) => {
                let d = n
                    .options
                    .minimum_fraction_digits
                    .or(n.options.maximum_fraction_digits)
                    .unwrap_or(if n.value.fract() == 0.0 { 0 } else { 1 });
                Some(write(lang, n.value, d, n.options.use_grouping))
            }
            _ => None,
        }
    }
    match lang {
        Lang::En => |v, _| with(Lang::En, v),
        Lang::De => |v, _| with(Lang::De, v),
        Lang::Ar => |v, _| with(Lang::Ar, v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn numbers_per_language() {
        assert_eq!(decimal(Lang::En, 7.43, 1), "7.4");
        assert_eq!(decimal(Lang::De, 7.43, 1), "7,4");
        assert_eq!(decimal(Lang::Ar, 7.43, 1), "٧٫٤");
        assert_eq!(integer(Lang::En, 12345), "12,345");
        assert_eq!(integer(Lang::De, 12345), "12.345");
        assert_eq!(integer(Lang::En, 1234), "1234");
        assert_eq!(integer(Lang::En, -5), "-5");
        assert_eq!(decimal(Lang::En, -0.01, 1), "0.0");
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(super::date(Lang::En, date!(2026 - 12 - 02)), "2026-12-02");
        assert_eq!(
            super::date(Lang::De, date!(2026 - 12 - 02)),
            "2. Dezember 2026"
        );
        assert_eq!(
            super::date(Lang::Ar, date!(2026 - 12 - 02)),
            "٢ ديسمبر ٢٠٢٦"
        );
    }
}
