//! What every export is given besides its data: the language it speaks
//! ([`Look::lang`]) and the branding it wears ([`Brand`]).

pub use mot_i18n::Lang;

/// The language and branding of one export. `Look::default()` is English
/// without branding, the exports as they always were.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Look {
    /// The language of every word the export itself writes (headings,
    /// labels, ratings), of its numbers and dates in text, and its writing
    /// direction: Arabic documents run right to left.
    pub lang: Lang,
    pub brand: Brand,
}

impl Look {
    /// A language without branding.
    pub fn new(lang: Lang) -> Look {
        Look {
            lang,
            brand: Brand::default(),
        }
    }

    /// The same look with this branding.
    pub fn with_brand(self, brand: Brand) -> Look {
        Look { brand, ..self }
    }
}

/// An adviser's branding: their practice's name and colour, and a logo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Brand {
    /// The practice's name, shown at the top of the PDF's pages and the
    /// XLSX's sheets (and in their printed headers).
    pub name: Option<String>,
    /// `#rrggbb`: the colour of the PDF's title, headings and rules, and the
    /// fill of the XLSX's header rows. Anything else is ignored.
    pub accent: Option<String>,
    /// A PNG or SVG drawn at the top of every PDF page (the other formats
    /// have no place for it). One that does not read is left out.
    pub logo: Option<Vec<u8>>,
}

impl Brand {
    /// The name, trimmed; `None` when blank.
    pub fn name(&self) -> Option<&str> {
        self.name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
    }

    /// The accent colour as red, green, blue; `None` unless `#rrggbb`.
    pub fn accent_rgb(&self) -> Option<(u8, u8, u8)> {
        let hex = self.accent.as_deref()?.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some((byte(0)?, byte(2)?, byte(4)?))
    }
}

// ---------------------------------------------------------------- words

/// A date in text, the language's way (`mot_i18n::date`): ISO
/// (`2026-05-04`) in English, as the exports always wrote it; written out
/// otherwise (`4. Mai 2026`, `٤ مايو ٢٠٢٦`).
pub(crate) fn day(lang: Lang, d: time::Date) -> String {
    mot_i18n::date(lang, d)
}

/// What separates the parts of a title line ("business · journey · …"): in
/// a right-to-left language with right-to-left marks around it, so the
/// parts follow each other from right to left even when they are Latin
/// names (the marks draw nothing).
pub(crate) fn sep(lang: Lang) -> &'static str {
    if lang.is_rtl() {
        "\u{200F} · \u{200F}"
    } else {
        " · "
    }
}

/// A number already written the English way (`7.4`, `-0.5`, `+1.0`, `12`)
/// in the language's digits and decimal sign (`7,4`; `٧٫٤`), so the
/// rounding stays core's ([`mot_core::audit::round1`]) in every language.
pub(crate) fn digits(lang: Lang, english: &str) -> String {
    if lang == Lang::En {
        return english.to_string();
    }
    // The language's decimal sign and digits, as mot-i18n writes them.
    let point: String = mot_i18n::decimal(lang, 0.5, 1)
        .chars()
        .filter(|c| !c.is_numeric())
        .collect();
    english
        .chars()
        .map(|c| match c {
            '.' => point.clone(),
            '0'..='9' => mot_i18n::integer(lang, i64::from(c as u8 - b'0')),
            c => c.to_string(),
        })
        .collect()
}

/// The name of a rating in the language.
pub(crate) fn rating(lang: Lang, r: mot_core::session::Rating) -> &'static str {
    use mot_core::session::Rating;
    match r {
        Rating::Miserable => mot_i18n::tr!(lang, "export-rating-miserable"),
        Rating::Neutral => mot_i18n::tr!(lang, "export-rating-neutral"),
        Rating::Magical => mot_i18n::tr!(lang, "export-rating-magical"),
    }
}

/// The name of a rater group in the language.
pub(crate) fn rater_group(lang: Lang, g: mot_core::audit::RaterGroup) -> &'static str {
    use mot_core::audit::RaterGroup;
    match g {
        RaterGroup::Manager => mot_i18n::tr!(lang, "export-rater-manager"),
        RaterGroup::Staff => mot_i18n::tr!(lang, "export-rater-staff"),
        RaterGroup::Friend => mot_i18n::tr!(lang, "export-rater-friend"),
        RaterGroup::MysteryShopper => mot_i18n::tr!(lang, "export-rater-mystery-shopper"),
        RaterGroup::Customer => mot_i18n::tr!(lang, "export-rater-customer"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accent_is_read_only_as_rrggbb() {
        let brand = |a: &str| Brand {
            accent: Some(a.into()),
            ..Brand::default()
        };
        assert_eq!(brand("#1A7f3B").accent_rgb(), Some((0x1A, 0x7F, 0x3B)));
        assert_eq!(brand(" #000000 ").accent_rgb(), Some((0, 0, 0)));
        for bad in ["1a7f3b", "#1a7f3", "#1a7f3bb", "#gg0000", "", "#"] {
            assert_eq!(brand(bad).accent_rgb(), None, "{bad}");
        }
        assert_eq!(Brand::default().accent_rgb(), None);
        let blank = Brand {
            name: Some("  ".into()),
            ..Brand::default()
        };
        assert_eq!(blank.name(), None);
    }

    #[test]
    fn numbers_keep_the_english_rounding_in_every_language() {
        assert_eq!(digits(Lang::En, "-0.5"), "-0.5");
        assert_eq!(digits(Lang::De, "+1.0"), "+1,0");
        assert_eq!(digits(Lang::De, "12"), "12");
        assert_eq!(digits(Lang::Ar, "7.4"), "٧٫٤");
        assert_eq!(
            day(Lang::En, time::macros::date!(2026 - 05 - 04)),
            "2026-05-04"
        );
        assert_eq!(
            day(Lang::De, time::macros::date!(2026 - 05 - 04)),
            "4. Mai 2026"
        );
    }
}
