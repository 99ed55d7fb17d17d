//! A practice's logo on the PDFs: a PNG, or an SVG drawing drawn as
//! vectors (with `krilla-svg`, the PDF writer's own SVG support over
//! `usvg`).
//!
//! An SVG logo is kept as [`clean_svg`] writes it: read by `usvg` (which
//! runs nothing and keeps only what draws: paths, fills, gradients,
//! images written into the file; text becomes outlines in the embedded
//! font) and written back, so what is kept and served holds nothing but
//! drawing, whatever came in. Core's `brand::check_logo` has refused
//! scripts and outside references before.

use crate::pdf::FONT_MAIN;
use krilla::geom::Size;
use krilla::image::Image;
use krilla::surface::Surface;
use krilla::Data;
use krilla_svg::{SurfaceExt, SvgSettings};
use std::sync::Arc;

/// A logo ready to draw.
#[derive(Clone)]
pub(crate) enum Logo {
    Png(Image),
    Svg(Arc<usvg::Tree>),
}

impl Logo {
    /// The logo of these bytes (PNG or SVG), `None` when it does not read.
    pub(crate) fn read(bytes: &[u8]) -> Option<Logo> {
        if bytes.starts_with(b"\x89PNG") {
            return Image::from_png(Data::from(bytes.to_vec()), true)
                .ok()
                .map(Logo::Png);
        }
        tree(bytes).map(|t| Logo::Svg(Arc::new(t)))
    }

    /// Width over height.
    pub(crate) fn aspect(&self) -> f32 {
        let (w, h) = match self {
            Logo::Png(image) => {
                let (w, h) = image.size();
                (w as f32, h as f32)
            }
            Logo::Svg(tree) => (tree.size().width(), tree.size().height()),
        };
        w / h.max(1e-3)
    }

    /// Draws it at the surface's origin in `size`.
    pub(crate) fn draw(&self, s: &mut Surface, size: Size) {
        match self {
            Logo::Png(image) => s.draw_image(image.clone(), size),
            Logo::Svg(tree) => {
                let _ = s.draw_svg(tree, size, SvgSettings::default());
            }
        }
    }
}

/// How `usvg` reads a logo: nothing outside the file (an image link that
/// is not written into it is dropped, only PNG and JPEG inside), text in
/// the embedded font.
fn options() -> usvg::Options<'static> {
    let mut opt = usvg::Options {
        font_family: "DejaVu Sans".into(),
        ..usvg::Options::default()
    };
    opt.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: Box::new(|mime, data, _| match mime {
            "image/png" => Some(usvg::ImageKind::PNG(data)),
            "image/jpg" | "image/jpeg" => Some(usvg::ImageKind::JPEG(data)),
            _ => None,
        }),
        resolve_string: Box::new(|_, _| None),
    };
    opt.fontdb_mut().load_font_data(FONT_MAIN.to_vec());
    opt
}

fn tree(bytes: &[u8]) -> Option<usvg::Tree> {
    usvg::Tree::from_data(bytes, &options()).ok()
}

/// The SVG as kept: read and written again by `usvg`, nothing but drawing
/// (text as outlines). `Err` when it does not read as a drawing with a
/// size.
pub fn clean_svg(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_data(bytes, &options()).map_err(|e| e.to_string())?;
    if !tree.root().has_children() {
        return Err("the drawing is empty".into());
    }
    Ok(tree.to_string(&usvg::WriteOptions::default()).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_svg_keeps_the_drawing_and_nothing_else() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" width="40" height="20">
            <title>Harbour</title><metadata>secret</metadata>
            <rect width="40" height="20" fill="#0a7"/>
            <image x:href="/etc/passwd" width="5" height="5"/>
            <text x="2" y="15" font-size="12">Hi</text></svg>"##;
        let clean = String::from_utf8(clean_svg(svg).unwrap()).unwrap();
        let doc = roxmltree::Document::parse(&clean).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        assert!(
            clean.contains("#00aa77") || clean.contains("#0a7"),
            "{clean}"
        );
        for gone in ["passwd", "secret", "<text", "<image"] {
            assert!(!clean.contains(gone), "{gone} in {clean}");
        }
        // The text became outlines in the embedded font.
        assert!(doc.descendants().filter(|n| n.has_tag_name("path")).count() >= 2);
        let logo = Logo::read(clean.as_bytes()).unwrap();
        assert!((logo.aspect() - 2.0).abs() < 0.01);
    }

    #[test]
    fn what_does_not_draw_is_refused() {
        assert!(clean_svg(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>").is_err());
        assert!(clean_svg(b"not svg").is_err());
        assert!(Logo::read(b"not svg").is_none());
    }
}
