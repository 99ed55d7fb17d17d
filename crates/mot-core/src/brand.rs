//! What a practice's branding on its reports may be: a name, an accent
//! colour, and a logo that is a small PNG image or an SVG drawing with
//! nothing in it but drawing (no script, no event handler, nothing
//! fetched from elsewhere).

use crate::text::{self, Limits};
use crate::{Msg, RuleError};

/// The largest logo file taken (256 KiB).
pub const LOGO_MAX_BYTES: usize = 256 * 1024;
/// The longest side of a logo, in pixels.
pub const LOGO_MAX_SIDE: u32 = 2000;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// What a logo file is, once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    /// A PNG image of this width and height.
    Png { width: u32, height: u32 },
    /// An SVG drawing (its size is the drawing's own).
    Svg,
}

impl LogoKind {
    /// The kind of a kept logo, by its first bytes (kept logos were
    /// checked when they came).
    pub fn of(bytes: &[u8]) -> LogoKind {
        match check_png(bytes) {
            Ok((width, height)) => LogoKind::Png { width, height },
            Err(_) => LogoKind::Svg,
        }
    }

    /// The file's media type.
    pub fn media_type(self) -> &'static str {
        match self {
            LogoKind::Png { .. } => "image/png",
            LogoKind::Svg => "image/svg+xml",
        }
    }
}

/// Checks a logo's file by its bytes, whatever the name or type it was
/// sent with: at most [`LOGO_MAX_BYTES`], and either a PNG (signature and
/// header) of at most [`LOGO_MAX_SIDE`] pixels a side, or an SVG document
/// that only draws: no script, no event handler, no foreign content, and
/// nothing it would fetch (a link may only point inside the file, or be
/// a PNG or JPEG image written into it).
pub fn check_logo(bytes: &[u8]) -> Result<LogoKind, RuleError> {
    if bytes.is_empty() {
        return Err(RuleError::invalid("logo", Msg::new("rule-logo-empty")));
    }
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(RuleError::invalid(
            "logo",
            Msg::new("rule-logo-too-big").arg("kib", (LOGO_MAX_BYTES / 1024) as i64),
        ));
    }
    if bytes.starts_with(PNG_SIGNATURE) {
        let (width, height) = check_png(bytes)?;
        return Ok(LogoKind::Png { width, height });
    }
    check_svg(bytes)?;
    Ok(LogoKind::Svg)
}

fn not_image() -> RuleError {
    RuleError::invalid("logo", Msg::new("rule-logo-not-image"))
}

fn check_png(bytes: &[u8]) -> Result<(u32, u32), RuleError> {
    if bytes.len() < 24 || !bytes.starts_with(PNG_SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return Err(not_image());
    }
    let side =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let (w, h) = (side(16), side(20));
    if w == 0 || h == 0 {
        return Err(not_image());
    }
    if w > LOGO_MAX_SIDE || h > LOGO_MAX_SIDE {
        return Err(RuleError::invalid(
            "logo",
            Msg::new("rule-logo-too-wide").arg("px", LOGO_MAX_SIDE as i64),
        ));
    }
    Ok((w, h))
}

/// Elements that run, embed or fetch something: never in a logo.
const SVG_ACTIVE: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "handler",
    "listener",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
];

/// Images a logo may carry inside itself.
const SVG_DATA_IMAGES: &[&str] = &["data:image/png;", "data:image/jpeg;", "data:image/jpg;"];

fn check_svg(bytes: &[u8]) -> Result<(), RuleError> {
    let text = std::str::from_utf8(bytes).map_err(|_| not_image())?;
    let text = text.trim_start_matches('\u{feff}');
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 200_000,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|_| not_image())?;
    let root = doc.root_element();
    if !root.tag_name().name().eq_ignore_ascii_case("svg") {
        return Err(not_image());
    }
    let script = || RuleError::invalid("logo", Msg::new("rule-logo-script"));
    let elsewhere =
        |what: &str| RuleError::invalid("logo", Msg::new("rule-logo-elsewhere").arg("what", what));
    for node in doc.descendants() {
        if node.is_element() {
            let name = node.tag_name().name().to_ascii_lowercase();
            if SVG_ACTIVE.contains(&name.as_str()) {
                return Err(script());
            }
            for a in node.attributes() {
                let an = a.name().to_ascii_lowercase();
                let value = a.value().trim();
                if an.starts_with("on") {
                    return Err(script());
                }
                if an == "href" || an == "src" {
                    let lower = value.to_ascii_lowercase();
                    if lower.starts_with("javascript:") {
                        return Err(script());
                    }
                    let inside = value.starts_with('#')
                        || SVG_DATA_IMAGES.iter().any(|p| lower.starts_with(p));
                    if !inside {
                        return Err(elsewhere(&value.chars().take(80).collect::<String>()));
                    }
                }
                if an == "style" {
                    check_css(value, &script, &elsewhere)?;
                }
            }
            if name == "style" {
                let css: String = node
                    .children()
                    .filter_map(|c| c.text())
                    .collect::<Vec<_>>()
                    .concat();
                check_css(&css, &script, &elsewhere)?;
            }
        }
    }
    Ok(())
}

/// A style may refer to things inside the file only (`url(#id)`).
fn check_css(
    css: &str,
    script: &impl Fn() -> RuleError,
    elsewhere: &impl Fn(&str) -> RuleError,
) -> Result<(), RuleError> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("javascript:") || lower.contains("expression(") {
        return Err(script());
    }
    if lower.contains("@import") {
        return Err(elsewhere("@import"));
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let target = rest.trim_start().trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            return Err(elsewhere(&target.chars().take(80).collect::<String>()));
        }
    }
    Ok(())
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
        assert_eq!(
            check_logo(&png(120, 40)).unwrap(),
            LogoKind::Png {
                width: 120,
                height: 40
            }
        );
        assert!(check_logo(&[]).is_err());
        assert!(check_logo(b"GIF89a").is_err());
        assert!(check_logo(&png(0, 10)).is_err());
        assert!(check_logo(&png(LOGO_MAX_SIDE + 1, 10)).is_err());
        let mut big = png(10, 10);
        big.resize(LOGO_MAX_BYTES + 1, 0);
        assert!(check_logo(&big).is_err());
    }

    fn refusal(bytes: &[u8]) -> String {
        match check_logo(bytes).unwrap_err() {
            RuleError::Invalid { msg, .. } => msg.key.to_string(),
            other => panic!("{other}"),
        }
    }

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">
        <defs><linearGradient id="g"><stop offset="0" stop-color="#0a0"/></linearGradient></defs>
        <rect width="40" height="20" fill="url(#g)" style="stroke: url(#g)"/>
        <use href="#g"/></svg>"##;

    #[test]
    fn an_svg_logo_may_only_draw() {
        assert_eq!(check_logo(SVG.as_bytes()).unwrap(), LogoKind::Svg);
        assert_eq!(LogoKind::of(SVG.as_bytes()), LogoKind::Svg);
        assert_eq!(
            LogoKind::of(&png(3, 4)),
            LogoKind::Png {
                width: 3,
                height: 4
            }
        );
        let with_bom = format!("\u{feff}{SVG}");
        assert!(check_logo(with_bom.as_bytes()).is_ok());
        let embedded = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>"#;
        assert!(check_logo(embedded.as_bytes()).is_ok());

        for script in [
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect onClick="x()"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>hi</p></foreignObject></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect/></a></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:x"/></svg>"#,
        ] {
            assert_eq!(refusal(script.as_bytes()), "rule-logo-script", "{script}");
        }
        for elsewhere in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/a.png"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css);</style></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url('https://x/y#z')"/></svg>"#,
        ] {
            assert_eq!(
                refusal(elsewhere.as_bytes()),
                "rule-logo-elsewhere",
                "{elsewhere}"
            );
        }
        for not_image in [
            "<html><body/></html>",
            "<svg><unclosed></svg>",
            "plain text",
            r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"#,
        ] {
            assert_eq!(
                refusal(not_image.as_bytes()),
                "rule-logo-not-image",
                "{not_image}"
            );
        }
        assert_eq!(refusal(&[0xff, 0xfe, 0x3c, 0x00]), "rule-logo-not-image");
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
