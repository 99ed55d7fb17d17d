//! A4 landscape PDF documents of headed tables, shared by the exports:
//! describe the document as a [`Doc`] and [`render`] it.
//!
//! The engine's parts: [`text`] (where lines may break, which characters
//! draw nothing), [`shaping`] (the embedded fonts, fallback between them,
//! right-to-left order and glyph runs), [`layout`] (wrapping, tables split
//! across pages) and [`paint`] (drawing the laid-out pages with krilla).
//!
//! Pages laid out by their own module (the feedback sheets) are described
//! as `FreePage`s of `Mark`s (text lines, filled rectangles, frames, rules)
//! and written by `render_free`, with the same fonts, shaping and painting;
//! `wrap` and `line_width` measure their text.

mod layout;
mod paint;
mod shaping;
mod text;

use layout::*;
pub use paint::render;
pub(crate) use paint::{render_free, FreePage, Mark};
use shaping::*;
pub(crate) use text::Line;
use text::*;

// What the parts share (each takes the module's names with `use super::*`).
/// What the PDF draws in place of a character that no embedded font has.
pub const PLACEHOLDER: char = '\u{FFFD}';

use crate::logo::Logo;
use crate::Look;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, Document};
use rustybuzz::{Direction, Face, UnicodeBuffer};
use std::sync::LazyLock;
use unicode_bidi::{BidiInfo, Level};

pub(crate) const FONT_MAIN: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const FONT_CJK: &[u8] = include_bytes!("../../fonts/DroidSansFallback-GB2312L1.ttf");
const FONT_EMOJI: &[u8] = include_bytes!("../../fonts/NotoEmoji-Regular.ttf");

/// A4 landscape, in points.
pub const PAGE_W: f32 = 841.89;
pub const PAGE_H: f32 = 595.28;
const MARGIN: f32 = 36.0;
const TOP: f32 = MARGIN;
/// Lowest y a table row may reach (the footer sits below).
const BOTTOM: f32 = PAGE_H - MARGIN - 8.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BODY: f32 = 9.0;
const LH: f32 = 11.5;
const PAD: f32 = 4.0;
const HEADING: f32 = 12.0;
/// Height of a one-line table heading (as on continuation pages).
const HEADING_H: f32 = 24.0;

/// A colour, as red, green and blue.
pub type Rgb = (u8, u8, u8);
pub const BLACK: Rgb = (0x1A, 0x1A, 0x1A);
pub const GREY: Rgb = (0x66, 0x66, 0x66);
const RULE: Rgb = (0xAA, 0xAA, 0xAA);
const HEADER_FILL: Rgb = (0xE6, 0xE6, 0xE6);

// -------------------------------------------------------- document

/// A document: a big title, a grey subtitle (also the footer and the
/// PDF's title), then the blocks one after another.
pub struct Doc {
    pub title: String,
    pub subtitle: String,
    pub blocks: Vec<Block>,
}

pub enum Block {
    /// A paragraph of body text.
    Note(String),
    Table(Table),
    /// A section's heading, in the accent colour (a document of several
    /// parts, such as the client report pack).
    Heading(String),
    /// What follows starts on a new page.
    PageBreak,
}

/// A table under a bold heading. Both repeat on every page the table
/// runs on to ("heading (continued)").
pub struct Table {
    pub heading: String,
    /// Column titles and relative widths (scaled to the page width).
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Row>,
}

/// A table row: a cell per column (missing cells are empty, extra
/// ones ignored) and an optional background for the whole row.
pub struct Row {
    pub cells: Vec<Cell>,
    pub fill: Option<Rgb>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row { cells, fill: None }
    }
}

/// A cell's text (wrapped to the column) and looks; its own
/// background, when set, wins over the row's.
pub struct Cell {
    pub text: String,
    pub bold: bool,
    pub colour: Rgb,
    pub fill: Option<Rgb>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: false,
            colour: BLACK,
            fill: None,
        }
    }
    pub fn bold(self) -> Cell {
        Cell { bold: true, ..self }
    }
    pub fn colour(self, colour: Rgb) -> Cell {
        Cell { colour, ..self }
    }
    pub fn fill(self, fill: Rgb) -> Cell {
        Cell {
            fill: Some(fill),
            ..self
        }
    }
}

/// `text` wrapped into lines no wider than `width` at `size` (at spaces,
/// between CJK characters, inside a word only when it alone is wider than
/// the line); with `rtl` every paragraph runs right to left, otherwise each
/// takes the direction of its first strong character. Empty if the embedded
/// fonts cannot be read (rendering then fails).
pub(crate) fn wrap(text: &str, size: f32, width: f32, rtl: bool) -> Vec<Line> {
    FACES
        .as_ref()
        .map_or_else(Vec::new, |f| f.wrap_base(text, size, width, rtl))
}

/// Width of a line as drawn (shaped, in visual order) at `size`, in points.
pub(crate) fn line_width(line: &Line, size: f32) -> f32 {
    FACES.as_ref().map_or(0.0, |f| {
        f.shape_line(line).iter().map(|p| p.advance).sum::<f32>() * size
    })
}

#[cfg(test)]
pub(crate) fn test_wrap(text: &str, width: f32) -> Vec<Line> {
    FACES.as_ref().expect("fonts").wrap(text, BODY, width)
}

#[cfg(test)]
pub(crate) fn test_width(text: &str) -> f32 {
    FACES.as_ref().expect("fonts").width(text, BODY)
}

/// Width of a line as shaped for drawing, and its glyph ids.
#[cfg(test)]
pub(crate) fn test_shaped(line: &Line) -> (f32, Vec<u32>) {
    let pieces = FACES.as_ref().expect("fonts").shape_line(line);
    let w = pieces.iter().map(|p| p.advance).sum::<f32>() * BODY;
    let ids = pieces
        .iter()
        .flat_map(|p| p.glyphs.iter().map(|g| g.glyph_id.to_u32()))
        .collect();
    (w, ids)
}
