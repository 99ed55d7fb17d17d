//! The journey map as a picture: the board's stages side by side, each
//! moment a note under its stage, as an A3 landscape poster ([`to_pdf`])
//! and as SVG ([`to_svg`]) drawn from the same layout.
//!
//! A note shows its title (wrapped), its channel by colour *and* by its
//! short label and name (colour is never the only cue), and, after a
//! session, the team's agreed rating as a face with its word, "★ Priority"
//! and how many actions it has. The poster's head names the journey and the
//! business with a subtitle (the session, or the day); under it, the legend
//! of the channels in use.
//!
//! Stages that do not fit side by side at a readable width go on to further
//! pages; a stage longer than a page goes on in the same column of the next
//! page. In a right-to-left language the stages run from the right.

use crate::look::rating;
use crate::pdf::{self, FreePage, Line, Mark, Rgb};
use crate::Look;
use mot_core::session::Rating;

/// The map's content.
#[derive(Debug, Clone, Default)]
pub struct JourneyMap {
    pub business: String,
    pub journey: String,
    /// The line under the title: which session, or the day it was drawn.
    pub subtitle: String,
    /// The channels the notes use, in the legend's order.
    pub channels: Vec<MapChannel>,
    pub stages: Vec<MapStage>,
}

/// A channel: its colour (`#rrggbb`), short label and name.
#[derive(Debug, Clone, Default)]
pub struct MapChannel {
    pub colour: String,
    pub icon: String,
    pub name: String,
}

/// A stage and its notes, in the board's order.
#[derive(Debug, Clone, Default)]
pub struct MapStage {
    pub name: String,
    pub notes: Vec<MapNote>,
}

/// One moment of truth on the map.
#[derive(Debug, Clone, Default)]
pub struct MapNote {
    pub title: String,
    /// Index into [`JourneyMap::channels`]; none: no channel yet.
    pub channel: Option<usize>,
    /// The team's last agreed rating.
    pub rating: Option<Rating>,
    /// One of the last session's priorities.
    pub priority: bool,
    /// Actions planned for it in the last session.
    pub actions: usize,
}

// -------------------------------------------------------- measures

/// A3 landscape, in points.
const PAGE_W: f32 = 1190.55;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 28.0;
const GAP: f32 = 12.0;
/// The narrowest a stage's column gets before stages go to another page.
const MIN_COL: f32 = 150.0;
/// The widest a stage's column gets (a few stages do not make giant notes).
const MAX_COL: f32 = 380.0;
const TITLE: f32 = 20.0;
const SUB: f32 = 10.0;
const STAGE: f32 = 12.0;
const NOTE: f32 = 10.0;
const SMALL: f32 = 7.5;
const LEAD: f32 = 1.25;
const PAD: f32 = 6.0;
const STRIPE: f32 = 6.0;
const NOTE_GAP: f32 = 8.0;
/// The share of a line's width bold text is wrapped to.
const BOLD_ROOM: f32 = 0.88;
/// The most lines of a note's title (the rest is cut with "…").
const TITLE_LINES: usize = 6;

const INK: Rgb = (0x1A, 0x1A, 0x1A);
const GREY: Rgb = (0x57, 0x60, 0x6A);
const PAPER: Rgb = (0xF6, 0xF8, 0xFA);
const NOTE_FILL: Rgb = (0xFF, 0xF4, 0xB8);
const NOTE_LINE: Rgb = (0xD4, 0xB1, 0x06);
const NO_CHANNEL: Rgb = (0x8C, 0x95, 0x9F);
const PRIORITY: Rgb = (0xB7, 0x79, 0x1F);
const RED: Rgb = (0xA4, 0x26, 0x2C);
const GREEN: Rgb = (0x1A, 0x7F, 0x37);

fn rgb_of(hex: &str) -> Rgb {
    let h = hex.trim().trim_start_matches('#');
    let byte = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
    match (byte(0), byte(2), byte(4)) {
        (Some(r), Some(g), Some(b)) if h.len() == 6 => (r, g, b),
        _ => NO_CHANNEL,
    }
}

fn rating_colour(r: Rating) -> Rgb {
    match r {
        Rating::Miserable => RED,
        Rating::Neutral => GREY,
        Rating::Magical => GREEN,
    }
}

// -------------------------------------------------------- layout

/// A text mark of one line.
fn text(x: f32, y: f32, w: f32, line: Line, size: f32, colour: Rgb, bold: bool) -> Mark {
    Mark::Text {
        x,
        y,
        w,
        line,
        size,
        colour,
        bold,
        centre: false,
    }
}

/// `s` as lines no wider than `w` at `size`, at most `most` of them (the
/// last cut with "…" when there was more).
fn lines(s: &str, size: f32, w: f32, rtl: bool, most: usize) -> Vec<Line> {
    let mut out = pdf::wrap(s.trim(), size, w, rtl);
    if out.len() > most {
        out.truncate(most);
        if let Some(last) = out.last_mut() {
            while !last.text.is_empty()
                && pdf::line_width(
                    &Line {
                        text: format!("{}…", last.text),
                        rtl: last.rtl,
                    },
                    size,
                ) > w
            {
                last.text.pop();
            }
            last.text.push('…');
        }
    }
    out
}

/// The marks of one note at (`x`, `y`), `w` wide; returns them and its height.
fn note(map: &JourneyMap, n: &MapNote, look: &Look, x: f32, y: f32, w: f32) -> (Vec<Mark>, f32) {
    let rtl = look.lang.is_rtl();
    let inner_x = x + STRIPE + PAD;
    let inner_w = w - STRIPE - 2.0 * PAD;
    // Bold type runs wider than the measure (and a viewer's fonts may too).
    let title = lines(&n.title, NOTE, inner_w * BOLD_ROOM, rtl, TITLE_LINES);
    let channel = n.channel.and_then(|i| map.channels.get(i));
    let chan_text = match channel {
        Some(c) => format!("{} · {}", c.icon.trim(), c.name.trim()),
        None => format!("? · {}", mot_i18n::tr!(look.lang, "export-map-no-channel")),
    };
    let chan = lines(&chan_text, SMALL, inner_w, rtl, 2);
    let mut marks_line = Vec::new();
    if n.priority {
        marks_line.push(format!(
            "★ {}",
            mot_i18n::tr!(look.lang, "export-map-priority")
        ));
    }
    if n.actions > 0 {
        marks_line.push(
            mot_i18n::tr!(look.lang, "export-map-actions", count = n.actions as i64).to_string(),
        );
    }
    let extra = lines(&marks_line.join(" · "), SMALL, inner_w, rtl, 2);
    let rating_line = n.rating.map(|r| Line {
        text: format!("{} {}", r.face(), rating(look.lang, r)),
        rtl,
    });
    let lh = |size: f32| size * LEAD;
    let h = PAD
        + title.len() as f32 * lh(NOTE)
        + 2.0
        + chan.len() as f32 * lh(SMALL)
        + rating_line.as_ref().map_or(0.0, |_| lh(NOTE) + 2.0)
        + extra.len() as f32 * lh(SMALL)
        + PAD;
    let stripe = channel.map_or(NO_CHANNEL, |c| rgb_of(&c.colour));
    let stripe_x = if rtl { x + w - STRIPE } else { x };
    let inner_x = if rtl { x + PAD } else { inner_x };
    let mut marks = vec![
        Mark::Fill {
            rects: vec![[x, y, w, h]],
            colour: NOTE_FILL,
        },
        Mark::Frame {
            rect: [x, y, w, h],
            width: if n.priority { 2.0 } else { 0.6 },
            colour: if n.priority { PRIORITY } else { NOTE_LINE },
        },
        Mark::Fill {
            rects: vec![[stripe_x, y, STRIPE, h]],
            colour: stripe,
        },
    ];
    let mut at = y + PAD;
    for l in title {
        at += lh(NOTE);
        marks.push(text(inner_x, at - 2.5, inner_w, l, NOTE, INK, true));
    }
    at += 2.0;
    for l in chan {
        at += lh(SMALL);
        marks.push(text(inner_x, at - 2.0, inner_w, l, SMALL, GREY, false));
    }
    if let (Some(l), Some(r)) = (rating_line, n.rating) {
        at += lh(NOTE) + 2.0;
        marks.push(text(
            inner_x,
            at - 2.5,
            inner_w,
            l,
            NOTE,
            rating_colour(r),
            true,
        ));
    }
    for l in extra {
        at += lh(SMALL);
        marks.push(text(inner_x, at - 2.0, inner_w, l, SMALL, PRIORITY, true));
    }
    (marks, h)
}

/// The map's pages, laid out.
pub(crate) fn pages(map: &JourneyMap, look: &Look) -> Vec<FreePage> {
    let rtl = look.lang.is_rtl();
    let content_w = PAGE_W - 2.0 * MARGIN;
    let per_page = (((content_w + GAP) / (MIN_COL + GAP)).floor() as usize).max(1);
    let stages: Vec<&MapStage> = map.stages.iter().collect();
    let chunks: Vec<&[&MapStage]> = if stages.is_empty() {
        vec![&[][..]]
    } else {
        stages.chunks(per_page).collect()
    };
    let mut out = Vec::new();
    for chunk in chunks {
        let n = chunk.len().max(1);
        let col_w = ((content_w - GAP * (n as f32 - 1.0)) / n as f32).min(MAX_COL);
        // The head, on each page of this group of stages.
        let mut head = Vec::new();
        let mut y = MARGIN;
        for l in lines(&map.journey, TITLE, content_w * BOLD_ROOM, rtl, 2) {
            y += TITLE * LEAD;
            head.push(text(MARGIN, y - 4.0, content_w, l, TITLE, INK, true));
        }
        let sub = [map.business.trim(), map.subtitle.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        for l in lines(&sub, SUB, content_w, rtl, 2) {
            y += SUB * LEAD;
            head.push(text(MARGIN, y - 2.0, content_w, l, SUB, GREY, false));
        }
        // The legend: a swatch and the label and name of each channel.
        y += 6.0;
        let mut lx = 0.0;
        let row_h = SMALL * LEAD + 4.0;
        let mut legend_y = y;
        for c in &map.channels {
            let label = format!("{} · {}", c.icon.trim(), c.name.trim());
            let l = Line { text: label, rtl };
            let w = pdf::line_width(&l, SMALL) + 14.0 + 12.0;
            if lx > 0.0 && lx + w > content_w {
                lx = 0.0;
                legend_y += row_h;
            }
            let sx = if rtl {
                PAGE_W - MARGIN - lx - 10.0
            } else {
                MARGIN + lx
            };
            head.push(Mark::Fill {
                rects: vec![[sx, legend_y + 1.0, 10.0, 10.0]],
                colour: rgb_of(&c.colour),
            });
            let tx = if rtl {
                PAGE_W - MARGIN - lx - w + 12.0
            } else {
                MARGIN + lx + 14.0
            };
            head.push(text(tx, legend_y + 9.0, w - 14.0, l, SMALL, INK, false));
            lx += w;
        }
        if !map.channels.is_empty() {
            y = legend_y + row_h;
        }
        let top = y + 10.0;
        // The columns, each flowing on to further pages when long.
        let mut pages: Vec<Vec<Mark>> = vec![head.clone()];
        for (i, stage) in chunk.iter().enumerate() {
            let x = if rtl {
                PAGE_W - MARGIN - col_w - i as f32 * (col_w + GAP)
            } else {
                MARGIN + i as f32 * (col_w + GAP)
            };
            let mut page = 0;
            let mut at = top;
            let heading = |page: usize, at: &mut f32, pages: &mut Vec<Vec<Mark>>| {
                while pages.len() <= page {
                    pages.push(head.clone());
                }
                pages[page].push(Mark::Fill {
                    rects: vec![[x, *at, col_w, STAGE * LEAD + 8.0]],
                    colour: PAPER,
                });
                let mut ls = lines(&stage.name, STAGE, (col_w - 2.0 * PAD) * BOLD_ROOM, rtl, 1);
                if let Some(l) = ls.pop() {
                    pages[page].push(text(
                        x + PAD,
                        *at + STAGE * LEAD + 1.0,
                        col_w - 2.0 * PAD,
                        l,
                        STAGE,
                        INK,
                        true,
                    ));
                }
                pages[page].push(Mark::Rule {
                    from: (x, *at + STAGE * LEAD + 8.0),
                    to: (x + col_w, *at + STAGE * LEAD + 8.0),
                    width: 1.0,
                    colour: GREY,
                });
                *at += STAGE * LEAD + 8.0 + NOTE_GAP;
            };
            heading(page, &mut at, &mut pages);
            for n in &stage.notes {
                let (marks, h) = note(map, n, look, x, at, col_w);
                if at + h > PAGE_H - MARGIN && at > top + STAGE * LEAD + 8.0 + NOTE_GAP {
                    page += 1;
                    at = top;
                    heading(page, &mut at, &mut pages);
                    let (marks, h) = note(map, n, look, x, at, col_w);
                    pages[page].extend(marks);
                    at += h + NOTE_GAP;
                } else {
                    pages[page].extend(marks);
                    at += h + NOTE_GAP;
                }
            }
        }
        out.extend(pages.into_iter().map(|marks| FreePage {
            w: PAGE_W,
            h: PAGE_H,
            marks,
        }));
    }
    out
}

/// The map's title, as the PDF's and the SVG's.
fn title(map: &JourneyMap, look: &Look) -> String {
    mot_i18n::tr!(look.lang, "export-map-title", journey = map.journey.trim()).to_string()
}

/// The map as an A3 landscape PDF poster (more pages when it does not fit one).
///
/// # Panics
///
/// Only if the crate's embedded fonts cannot be read or embedded, which
/// every PDF test of the crate would show.
pub fn to_pdf(map: &JourneyMap, look: &Look) -> Vec<u8> {
    pdf::render_free(&title(map, look), &pages(map, look), look, Some(MARGIN))
        .expect("the journey map's PDF (embedded fonts)")
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The map as SVG: the poster's pages one under the other, each A3 wide
/// (in points), text as text (selectable, searchable) in the DejaVu Sans
/// the PDF embeds, or the viewer's sans-serif.
pub fn to_svg(map: &JourneyMap, look: &Look) -> String {
    let pages = pages(map, look);
    let total_h = PAGE_H * pages.len() as f32;
    let mut s = String::new();
    s.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans, Verdana, sans-serif" lang="{lang}">"#,
        w = PAGE_W,
        h = total_h,
        lang = look.lang.code(),
    ));
    s.push_str(&format!("<title>{}</title>", esc(&title(map, look))));
    for (i, p) in pages.iter().enumerate() {
        let dy = PAGE_H * i as f32;
        s.push_str(&format!(r##"<g transform="translate(0 {dy})"><rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##, p.w, p.h));
        for m in &p.marks {
            match m {
                Mark::Text {
                    x,
                    y,
                    w,
                    line,
                    size,
                    colour,
                    bold,
                    ..
                } => {
                    let (anchor_x, dir) = if line.rtl {
                        (x + w, "rtl")
                    } else {
                        (*x, "ltr")
                    };
                    s.push_str(&format!(
                        r#"<text x="{anchor_x:.1}" y="{y:.1}" font-size="{size}" fill="{}"{} direction="{dir}" unicode-bidi="embed">{}</text>"#,
                        hex(*colour),
                        if *bold { r#" font-weight="bold""# } else { "" },
                        esc(&line.text)
                    ));
                }
                Mark::Fill { rects, colour } => {
                    for [x, y, w, h] in rects {
                        s.push_str(&format!(r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{}"/>"#, hex(*colour)));
                    }
                }
                Mark::Frame {
                    rect: [x, y, w, h],
                    width,
                    colour,
                } => {
                    s.push_str(&format!(
                        r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="none" stroke="{}" stroke-width="{width}"/>"#,
                        hex(*colour)
                    ));
                }
                Mark::Rule {
                    from,
                    to,
                    width,
                    colour,
                } => {
                    s.push_str(&format!(
                        r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{width}"/>"#,
                        from.0,
                        from.1,
                        to.0,
                        to.1,
                        hex(*colour)
                    ));
                }
            }
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests;
