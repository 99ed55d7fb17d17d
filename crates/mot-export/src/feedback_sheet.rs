//! Print-ready feedback sheets: the QR code that leads a customer to one
//! moment of truth's question, on table cards or a poster.
//!
//! [`to_pdf`] draws, on each card or the poster: the business's name
//! (large, bold), a short rule, the question (wrapped and centred), the QR
//! code as filled black squares (vector; a white quiet zone of four modules
//! round it; about 60 mm wide on a card, 120 mm on the poster), "Scan to
//! answer — it takes ten seconds" in the look's language, and the link in
//! small type for people who would rather type it. A thin frame and the rule
//! wear the brand's accent colour (a neutral grey without one).
//!
//! [`SheetSize::A6Cards`] puts four such cards on one A4 portrait page (the
//! page's quarters, 105 × 148.5 mm), with light cut marks on the lines
//! between them; [`SheetSize::A4Poster`] makes one A4 portrait page.
//!
//! Text runs through the crate's PDF engine (`pdf`): the embedded fonts,
//! shaping (Arabic letters join) and right-to-left order, so a name or
//! question in any script prints. Every line is centred; in a right-to-left
//! language (Arabic) the name, question and call to action run right to
//! left, so their words and a Latin name inside them order the Arabic way.
//! The link always runs left to right. What does not fit gets smaller, down
//! to a floor, and is then cut with "…": nothing runs past its card or
//! into the QR code's quiet zone.
//!
//! The QR code comes in as its module matrix (made by the caller, e.g. with
//! the `qrcode` crate): this crate does not encode it.

use crate::pdf::{self, FreePage, Line, Mark, Rgb};
use crate::Look;

/// What the sheet is printed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetSize {
    /// Four A6 cards on one A4 portrait page (2 × 2, with light cut marks).
    A6Cards,
    /// One A4 portrait poster.
    A4Poster,
}

/// One feedback sheet's content.
#[derive(Debug, Clone, Copy)]
pub struct Sheet<'a> {
    /// The business's name (the customer's words: any script).
    pub business: &'a str,
    /// The question, already in the sheet's language.
    pub question: &'a str,
    /// The feedback link, printed small under the QR code.
    pub url: &'a str,
    /// The QR code's modules, row by row, `true` dark: a square matrix
    /// without its quiet zone (the sheet adds four modules of white).
    pub qr: &'a [Vec<bool>],
    pub size: SheetSize,
}

/// The sheet as a PDF of one A4 portrait page.
///
/// # Panics
///
/// Only if the crate's embedded fonts cannot be read or embedded, which
/// every PDF test of the crate would show.
pub fn to_pdf(sheet: &Sheet, look: &Look) -> Vec<u8> {
    let title = mot_i18n::tr!(
        look.lang,
        "export-sheet-title",
        business = sheet.business.trim()
    );
    let mut marks = Vec::new();
    match sheet.size {
        SheetSize::A6Cards => {
            // One card laid out, drawn in each quarter of the page.
            let (w, h) = (A4_W / 2.0, A4_H / 2.0);
            let mut one = Vec::new();
            card(sheet, look, [w, h], &CARD, &mut one);
            for (dx, dy) in [(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)] {
                marks.extend(one.iter().cloned().map(|m| shift(m, dx, dy)));
            }
            cut_marks(&mut marks);
        }
        SheetSize::A4Poster => card(sheet, look, [A4_W, A4_H], &POSTER, &mut marks),
    }
    let page = FreePage {
        w: A4_W,
        h: A4_H,
        marks,
    };
    pdf::render_free(&title, &[page], look, None)
        .expect("the feedback sheet's PDF (embedded fonts)")
}

// -------------------------------------------------------- measures

/// A millimetre in points.
const MM: f32 = 72.0 / 25.4;
/// A4 portrait, in points.
const A4_W: f32 = 595.28;
const A4_H: f32 = 841.89;
/// Line height, in font sizes.
const LEAD: f32 = 1.25;
/// The QR code's modules: pure black for the scanners.
const INK: Rgb = (0, 0, 0);
const WHITE: Rgb = (0xFF, 0xFF, 0xFF);
/// The frame and rule without a brand.
const NEUTRAL_FRAME: Rgb = (0xBB, 0xBB, 0xBB);
const NEUTRAL_RULE: Rgb = (0x77, 0x77, 0x77);
const CUT: Rgb = (0xC4, 0xC4, 0xC4);
/// Most lines for the link.
const URL_LINES: usize = 2;
/// The most of a question or name that is laid out: more than a poster
/// holds at its smallest type.
const MOST_CHARS: usize = 4000;

/// The measures of a card or the poster, in points: font sizes fall from
/// their size to their floor (`_min`) when the text needs more room.
struct Measures {
    /// From the card's edge to its frame.
    inset: f32,
    frame: f32,
    /// From the card's edge to its text.
    pad: f32,
    /// The QR code's width with its quiet zone.
    qr: f32,
    name: f32,
    name_min: f32,
    name_lines: usize,
    question: f32,
    question_min: f32,
    scan: f32,
    url: f32,
    url_min: f32,
    /// Space between the blocks.
    gap: f32,
    rule_w: f32,
    rule_h: f32,
}

const CARD: Measures = Measures {
    inset: 12.0,
    frame: 0.75,
    pad: 24.0,
    qr: 60.0 * MM,
    name: 18.0,
    name_min: 11.0,
    name_lines: 2,
    question: 11.0,
    question_min: 7.0,
    scan: 9.0,
    url: 7.0,
    url_min: 5.0,
    gap: 8.0,
    rule_w: 36.0,
    rule_h: 1.5,
};

const POSTER: Measures = Measures {
    inset: 28.0,
    frame: 1.25,
    pad: 56.0,
    qr: 120.0 * MM,
    name: 36.0,
    name_min: 20.0,
    name_lines: 3,
    question: 20.0,
    question_min: 11.0,
    scan: 16.0,
    url: 12.0,
    url_min: 8.0,
    gap: 16.0,
    rule_w: 72.0,
    rule_h: 2.5,
};

// -------------------------------------------------------- layout

/// Text fitted to a width: its size and lines.
struct Fitted {
    size: f32,
    lines: Vec<Line>,
}

impl Fitted {
    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.size * LEAD
    }
}

/// `text` at the largest size from `size` down to `min` (by half points)
/// at which its lines fit `height` and number at most `max`; else at `min`
/// as many lines as fit, the last cut with "…".
fn fit(text: &str, size: f32, min: f32, width: f32, height: f32, max: usize, rtl: bool) -> Fitted {
    let text: String = text.trim().chars().take(MOST_CHARS).collect();
    let room = |size: f32| ((height / (size * LEAD)).floor().max(0.0) as usize).min(max);
    let mut size = size.max(min);
    loop {
        let room = room(size);
        let mut lines = pdf::wrap(&text, size, width, rtl);
        // Wrapping by drawn widths can at best about halve the lines.
        if lines.len() <= room.saturating_mul(2).saturating_add(1) {
            lines = wrap_drawn(&text, size, width, rtl, lines);
        }
        if lines.len() <= room {
            return Fitted { size, lines };
        }
        if size <= min {
            lines.truncate(room);
            if let Some(last) = lines.last_mut() {
                ellipsis(last, size, width);
            }
            return Fitted { size, lines };
        }
        size = (size - 0.5).max(min);
    }
}

/// `text` wrapped by the lines' widths as drawn. [`pdf::wrap`] (which
/// made `wrapped`) goes by the sum of the characters' own advances, and
/// joined Arabic letters come out much narrower than that, so an Arabic
/// question would break long before the card's edge. Answers the widest
/// wrapping (up to twice `width` by advances) whose lines, shaped, still fit
/// `width`; else `wrapped`.
fn wrap_drawn(text: &str, size: f32, width: f32, rtl: bool, wrapped: Vec<Line>) -> Vec<Line> {
    let fits = |lines: &[Line]| lines.iter().all(|l| pdf::line_width(l, size) <= width);
    let mut best = wrapped;
    let (mut lo, mut hi) = (width, 2.0 * width);
    for _ in 0..8 {
        let mid = (lo + hi) / 2.0;
        let lines = pdf::wrap(text, size, mid, rtl);
        if fits(&lines) {
            lo = mid;
            best = lines;
        } else {
            hi = mid;
        }
    }
    best
}

/// Ends a line with "…", dropping characters until it fits `width`.
fn ellipsis(line: &mut Line, size: f32, width: f32) {
    let mut text = line.text.trim_end().to_string();
    loop {
        let cut = Line {
            text: format!("{text}…"),
            rtl: line.rtl,
        };
        if text.is_empty() || pdf::line_width(&cut, size) <= width {
            *line = cut;
            return;
        }
        text.pop();
        text.truncate(text.trim_end().len());
    }
}

/// Lines of text centred in the width from `x`, the first line's top at `y`.
fn lines(marks: &mut Vec<Mark>, fitted: Fitted, x: f32, w: f32, y: f32, colour: Rgb, bold: bool) {
    let step = fitted.size * LEAD;
    for (i, line) in fitted.lines.into_iter().enumerate() {
        marks.push(Mark::Text {
            x,
            y: y + i as f32 * step + fitted.size,
            w,
            line,
            size: fitted.size,
            colour,
            bold,
            centre: true,
        });
    }
}

/// One card (or the poster), `w` × `h` from the page's top left.
fn card(sheet: &Sheet, look: &Look, [w, h]: [f32; 2], m: &Measures, marks: &mut Vec<Mark>) {
    let rtl = look.lang.is_rtl();
    let accent = look.brand.accent_rgb();
    marks.push(Mark::Frame {
        rect: [m.inset, m.inset, w - 2.0 * m.inset, h - 2.0 * m.inset],
        width: m.frame,
        colour: accent.unwrap_or(NEUTRAL_FRAME),
    });
    let x = m.pad;
    let cw = w - 2.0 * m.pad;
    let ch = h - 2.0 * m.pad;
    let qr = m.qr.min(cw);
    let all = f32::INFINITY;

    // What always shows, then the question in the room that is left.
    let name = fit(
        sheet.business,
        m.name,
        m.name_min,
        cw,
        all,
        m.name_lines,
        rtl,
    );
    let scan = mot_i18n::tr!(look.lang, "export-sheet-scan");
    let scan = fit(scan, m.scan, m.scan, cw, all, usize::MAX, rtl);
    let url = fit(sheet.url, m.url, m.url_min, cw, all, URL_LINES, false);
    let rule_block = 0.6 * m.gap + m.rule_h + m.gap;
    let fixed = name.height()
        + rule_block
        + qr
        + 0.25 * m.gap
        + scan.height()
        + 0.25 * m.gap
        + url.height();
    let room = (ch - fixed - m.gap).max(0.0);
    let question = fit(
        sheet.question,
        m.question,
        m.question_min,
        cw,
        room,
        usize::MAX,
        rtl,
    );
    let question_gap = if question.lines.is_empty() {
        0.0
    } else {
        m.gap
    };
    let total = fixed + question.height() + question_gap;

    // Centred on the card, top to bottom.
    let mut y = m.pad + ((ch - total) / 2.0).max(0.0);
    let name_h = name.height();
    lines(marks, name, x, cw, y, pdf::BLACK, true);
    y += name_h + 0.6 * m.gap;
    marks.push(Mark::Fill {
        rects: vec![[x + (cw - m.rule_w) / 2.0, y, m.rule_w, m.rule_h]],
        colour: accent.unwrap_or(NEUTRAL_RULE),
    });
    y += m.rule_h + m.gap;
    let question_h = question.height();
    lines(marks, question, x, cw, y, pdf::BLACK, false);
    y += question_h + question_gap;
    qr_code(marks, sheet.qr, x + (cw - qr) / 2.0, y, qr);
    y += qr + 0.25 * m.gap;
    let scan_h = scan.height();
    lines(marks, scan, x, cw, y, pdf::BLACK, true);
    y += scan_h + 0.25 * m.gap;
    lines(marks, url, x, cw, y, pdf::GREY, false);
}

/// A mark moved by `(dx, dy)`.
fn shift(mark: Mark, dx: f32, dy: f32) -> Mark {
    match mark {
        Mark::Text {
            x,
            y,
            w,
            line,
            size,
            colour,
            bold,
            centre,
        } => Mark::Text {
            x: x + dx,
            y: y + dy,
            w,
            line,
            size,
            colour,
            bold,
            centre,
        },
        Mark::Fill { rects, colour } => Mark::Fill {
            rects: rects
                .into_iter()
                .map(|[x, y, w, h]| [x + dx, y + dy, w, h])
                .collect(),
            colour,
        },
        Mark::Frame {
            rect: [x, y, w, h],
            width,
            colour,
        } => Mark::Frame {
            rect: [x + dx, y + dy, w, h],
            width,
            colour,
        },
        Mark::Rule {
            from,
            to,
            width,
            colour,
        } => Mark::Rule {
            from: (from.0 + dx, from.1 + dy),
            to: (to.0 + dx, to.1 + dy),
            width,
            colour,
        },
    }
}

/// The QR code in the square `side` wide at `(x, y)`: white, and the dark
/// modules inside four modules of quiet zone, each row's runs of dark
/// modules as one rectangle, all filled as one path.
fn qr_code(marks: &mut Vec<Mark>, qr: &[Vec<bool>], x: f32, y: f32, side: f32) {
    let n = qr.iter().map(Vec::len).max().unwrap_or(0).max(qr.len());
    if n == 0 {
        return;
    }
    marks.push(Mark::Fill {
        rects: vec![[x, y, side, side]],
        colour: WHITE,
    });
    let module = side / (n + 8) as f32;
    let mut rects = Vec::new();
    for (r, row) in qr.iter().enumerate() {
        let mut c = 0;
        while c < row.len() {
            if !row[c] {
                c += 1;
                continue;
            }
            let start = c;
            while c < row.len() && row[c] {
                c += 1;
            }
            rects.push([
                x + (4 + start) as f32 * module,
                y + (4 + r) as f32 * module,
                (c - start) as f32 * module,
                module,
            ]);
        }
    }
    marks.push(Mark::Fill { rects, colour: INK });
}

/// Light marks on the lines between the four cards: at the page's edges
/// and a cross in its middle.
fn cut_marks(marks: &mut Vec<Mark>) {
    let (cx, cy) = (A4_W / 2.0, A4_H / 2.0);
    let len = 8.0 * MM;
    let arm = 4.0 * MM;
    for (from, to) in [
        ((cx, 0.0), (cx, len)),
        ((cx, A4_H - len), (cx, A4_H)),
        ((0.0, cy), (len, cy)),
        ((A4_W - len, cy), (A4_W, cy)),
        ((cx - arm, cy), (cx + arm, cy)),
        ((cx, cy - arm), (cx, cy + arm)),
    ] {
        marks.push(Mark::Rule {
            from,
            to,
            width: 0.5,
            colour: CUT,
        });
    }
}

#[cfg(test)]
mod tests;
