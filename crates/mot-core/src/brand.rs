//! What a practice's branding on its reports may be: a name, an accent
//! colour, and a logo that is a small PNG image.

use crate::text::{self, Limits};
use crate::{Msg, RuleError};

/// The largest logo file taken (256 KiB).
pub const LOGO_MAX_BYTES: usize = 256 * 1024;
/// The longest side of a logo, in pixels.
pub const LOGO_MAX_SIDE: u32 = 2000;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Checks a logo's file: a PNG (by its signature and header, whatever the
/// name or type it was sent with) of at most [`LOGO_MAX_BYTES`] and
/// [`LOGO_MAX_SIDE`] pixels a side. Answers its width and height.
pub fn check_logo(bytes: &[u8]) -> Result<(u32, u32), RuleError> {
    if bytes.is_empty() {
        return Err(RuleError::invalid("logo", Msg::new("rule-logo-empty")));
    }
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(RuleError::invalid(
            "logo",
            Msg::new("rule-logo-too-big").arg("kib", (LOGO_MAX_BYTES / 1024) as i64),
        ));
    }
    let not_png = || RuleError::invalid("logo", Msg::new("rule-logo-not-png"));
    if bytes.len() < 24 || !bytes.starts_with(PNG_SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return Err(not_png());
    }
    let side =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let (w, h) = (side(16), side(20));
    if w == 0 || h == 0 {
        return Err(not_png());
    }
    if w > LOGO_MAX_SIDE || h > LOGO_MAX_SIDE {
        return Err(RuleError::invalid(
            "logo",
            Msg::new("rule-logo-too-wide").arg("px", LOGO_MAX_SIDE as i64),
        ));
    }
    Ok((w, h))
}

/// The longest contact details (a few lines: a name, a phone, an address).
pub const CONTACT_MAX: usize = 500;

/// What branding the practice's reports wear, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandText {
    /// The practice's name on its reports (empty: none).
    pub name: String,
    /// `#rrggbb` (empty: none).
    pub accent: String,
    /// The adviser's contact details on the report pack's cover.
    pub contact: String,
}

pub fn check_brand(name: &str, accent: &str, contact: &str) -> Result<BrandText, RuleError> {
    Ok(BrandText {
        name: text::optional_text("name", name, Limits::WORKSPACE_NAME)?,
        accent: match accent.trim() {
            "" => String::new(),
            a => text::colour(a)?,
        },
        contact: text::optional_text("contact", contact, CONTACT_MAX)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = PNG_SIGNATURE.to_vec();
        b.extend_from_slice(&13u32.to_be_bytes());
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn a_logo_is_a_small_png_whatever_it_is_called() {
        assert_eq!(check_logo(&png(120, 40)).unwrap(), (120, 40));
        assert!(check_logo(&[]).is_err());
        assert!(check_logo(b"<svg onload=\"alert(1)\"></svg>").is_err());
        assert!(check_logo(b"GIF89a").is_err());
        assert!(check_logo(&png(0, 10)).is_err());
        assert!(check_logo(&png(LOGO_MAX_SIDE + 1, 10)).is_err());
        let mut big = png(10, 10);
        big.resize(LOGO_MAX_BYTES + 1, 0);
        assert!(check_logo(&big).is_err());
    }

    #[test]
    fn a_brand_has_an_optional_name_colour_and_contact() {
        let b = check_brand(" Harbour ", "", "Ann Adviser\r\n+44 20 7946 0000 ").unwrap();
        assert_eq!((b.name.as_str(), b.accent.as_str()), ("Harbour", ""));
        assert_eq!(b.contact, "Ann Adviser\n+44 20 7946 0000");
        assert_eq!(check_brand("", "#1a2B3c", "").unwrap().accent, "#1a2b3c");
        assert!(check_brand("", "red", "").is_err());
        assert!(check_brand(&"x".repeat(Limits::WORKSPACE_NAME + 1), "", "").is_err());
        assert!(check_brand("", "", &"x".repeat(CONTACT_MAX + 1)).is_err());
    }
}
