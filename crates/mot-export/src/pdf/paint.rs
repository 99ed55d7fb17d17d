//! Drawing the laid-out pages with krilla, and writing the PDF.

use super::*;

// -------------------------------------------------------- drawing

pub(super) fn colour(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

pub(super) fn fill(c: Rgb) -> Fill {
    Fill {
        paint: colour(c).into(),
        ..Fill::default()
    }
}

pub(super) fn stroke(c: Rgb, width: f32) -> Stroke {
    Stroke {
        paint: colour(c).into(),
        width,
        ..Stroke::default()
    }
}

/// Draws on a page with the embedded fonts.
pub(super) struct Painter<'f> {
    pub(super) faces: &'f Faces,
    pub(super) main: Font,
    pub(super) cjk: Font,
    pub(super) emoji: Font,
    /// A right-to-left document: every line aligns right.
    pub(super) rtl: bool,
}

impl Painter<'_> {
    /// One line of text at baseline `y`; a right-to-left paragraph's
    /// line (and every line of a right-to-left document) aligns right in
    /// the width `w`.
    pub(super) fn text(&self, s: &mut Surface, x: f32, y: f32, w: f32, line: &Line, style: Style) {
        let pieces = self.faces.shape_line(line);
        let natural: f32 = pieces.iter().map(|p| p.advance).sum::<f32>() * style.size;
        // Lines are wrapped by the sum of advances; shaping (kerning,
        // Arabic forms) can come out a little wider: such a line is drawn
        // a little smaller rather than cross the cell's edge.
        let size = if natural > w && natural > 0.0 {
            style.size * w / natural
        } else {
            style.size
        };
        let total = natural * size / style.size;
        let mut cx = if line.rtl || self.rtl {
            x + (w - total).max(0.0)
        } else {
            x
        };
        s.set_fill(Some(fill(style.colour)));
        // Faux bold: the regular outline filled and stroked.
        s.set_stroke(style.bold.then(|| stroke(style.colour, style.size * 0.035)));
        for p in pieces {
            let font = match p.src {
                Src::Main => self.main.clone(),
                Src::Cjk => self.cjk.clone(),
                Src::Emoji => self.emoji.clone(),
            };
            s.draw_glyphs(Point::from_xy(cx, y), &p.glyphs, font, &p.text, size, false);
            cx += p.advance * size;
        }
        s.set_stroke(None);
    }

    pub(super) fn op(&self, s: &mut Surface, op: &Op) {
        match op {
            Op::Text {
                x,
                y,
                w,
                line,
                style,
            } => self.text(s, *x, *y, *w, line, *style),
            Op::Rect {
                x,
                y,
                w,
                h,
                fill: f,
                stroke: st,
            } => {
                let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                    return;
                };
                let mut pb = PathBuilder::new();
                pb.push_rect(rect);
                if let Some(path) = pb.finish() {
                    s.set_fill(f.map(fill));
                    s.set_stroke(st.map(|c| stroke(c, 0.5)));
                    s.draw_path(&path);
                }
            }
            Op::VLine { x, y, h } => {
                let mut pb = PathBuilder::new();
                pb.move_to(*x, *y);
                pb.line_to(*x, *y + *h);
                if let Some(path) = pb.finish() {
                    s.set_fill(None);
                    s.set_stroke(Some(stroke(RULE, 0.5)));
                    s.draw_path(&path);
                }
            }
        }
    }
}

/// The brand's logo, if it reads.
fn logo(look: &Look) -> Option<Logo> {
    Logo::read(look.brand.logo.as_ref()?)
}

/// Height of the logo at the top of each page, in points.
const LOGO_H: f32 = 20.0;
/// Size of the brand's name at the top of each page.
const BRAND_SIZE: f32 = 8.0;

/// Lays out and writes the document: A4 landscape, text wrapped in its
/// cell, rows moved to the next page when they do not fit and split
/// across pages when taller than one, the table's heading and header row
/// repeated on every page, "Page n of m" and the subtitle in the footer;
/// the words it adds ("(continued)", "Page n of m") in the look's language.
/// A right-to-left language mirrors the page: text aligns right, the first
/// column is the rightmost, the footer's sides swap. Branding: the brand's
/// logo and name head every page, its accent colours the title, the
/// headings and a rule under the page head. A logo that does not decode is
/// left out.
pub fn render(doc: &Doc, look: &Look) -> Result<Vec<u8>, String> {
    match render_with(doc, look, logo(look)) {
        // The PNG's header read but its image did not decode: without it.
        Err(_) if look.brand.logo.is_some() => render_with(doc, look, None),
        done => done,
    }
}

fn render_with(doc: &Doc, look: &Look, logo: Option<Logo>) -> Result<Vec<u8>, String> {
    let faces = FACES
        .as_ref()
        .ok_or("PDF export: the embedded fonts cannot be read")?;
    let lang = look.lang;
    let rtl = lang.is_rtl();
    let accent = look.brand.accent_rgb();
    let mut layout = Layout {
        faces,
        pages: Vec::new(),
        y: TOP,
        col_x: vec![MARGIN, MARGIN + CONTENT_W],
        rtl,
        accent: accent.unwrap_or(BLACK),
        continued: mot_i18n::tr!(lang, "export-continued"),
    };

    layout.new_page();
    layout.text(
        MARGIN,
        CONTENT_W,
        &doc.title,
        Style {
            size: 18.0,
            colour: accent.unwrap_or(BLACK),
            bold: true,
        },
    );
    layout.y += 2.0;
    let title = &doc.subtitle;
    layout.text(
        MARGIN,
        CONTENT_W,
        title,
        Style {
            size: 11.0,
            colour: GREY,
            bold: false,
        },
    );
    layout.y += 6.0;
    for block in &doc.blocks {
        match block {
            Block::Note(text) => layout.text(MARGIN, CONTENT_W, text, BODY_STYLE),
            Block::Table(table) => layout.table(table),
            Block::Heading(text) => {
                layout.y += 6.0;
                let style = Style {
                    size: 14.0,
                    colour: accent.unwrap_or(BLACK),
                    bold: true,
                };
                layout.text(MARGIN, CONTENT_W, text, style);
                layout.y += 4.0;
            }
            Block::PageBreak => layout.new_page(),
        }
    }

    let painter = Painter {
        faces,
        main: Font::new(Data::from(FONT_MAIN), 0).ok_or("PDF export: bad main font")?,
        cjk: Font::new(Data::from(FONT_CJK), 0).ok_or("PDF export: bad CJK font")?,
        emoji: Font::new(Data::from(FONT_EMOJI), 0).ok_or("PDF export: bad emoji font")?,
        rtl,
    };
    let mut pdf = Document::new();
    let mut metadata = Metadata::new()
        .title(format!("{}: {title}", doc.title))
        .language(lang.code().to_string())
        .creator("mot".into());
    if let Some(brand) = look.brand.name() {
        metadata = metadata.authors(vec![brand.to_string()]);
    }
    pdf.set_metadata(metadata);
    let footer_style = Style {
        size: 7.5,
        colour: GREY,
        bold: false,
    };
    // The title again, on one line (it is whole on the first page).
    let footer = faces.wrap_base(title, footer_style.size, CONTENT_W - 120.0, rtl);
    let mut footer_start = footer.first().cloned().unwrap_or(Line {
        text: String::new(),
        rtl,
    });
    if footer.len() > 1 {
        footer_start.text.push_str(" …");
    }
    footer_start.rtl = rtl;
    // The page head: the logo, then the brand's name, from the start side.
    let brand_style = Style {
        size: 8.0,
        colour: GREY,
        bold: true,
    };
    let logo_w = logo
        .as_ref()
        .map_or(0.0, |l| (LOGO_H * l.aspect()).min(CONTENT_W / 3.0));
    let brand_line = look.brand.name().and_then(|name| {
        let room = CONTENT_W - logo_w - 8.0;
        let mut lines = faces.wrap_base(name, brand_style.size, room, rtl);
        let mut line = (!lines.is_empty()).then(|| lines.remove(0))?;
        if !lines.is_empty() {
            line.text.push_str(" …");
        }
        line.rtl = rtl;
        Some(line)
    });
    let count = layout.pages.len();
    for (i, ops) in layout.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("PDF export: bad page size")?;
        let mut page = pdf.start_page_with(settings);
        let mut s = page.surface();
        for op in ops {
            painter.op(&mut s, op);
        }
        // The head: logo and name above the margin, a rule in the accent.
        let head_top = TOP - 8.0 - LOGO_H;
        if let (Some(image), Some(size)) = (&logo, Size::from_wh(logo_w, LOGO_H)) {
            let x = if rtl {
                MARGIN + CONTENT_W - logo_w
            } else {
                MARGIN
            };
            s.push_transform(&Transform::from_translate(x, head_top));
            image.draw(&mut s, size);
            s.pop();
        }
        if let Some(line) = &brand_line {
            let gap = if logo.is_some() { logo_w + 8.0 } else { 0.0 };
            let w = CONTENT_W - gap;
            let x = if rtl { MARGIN } else { MARGIN + gap };
            let y = head_top + LOGO_H / 2.0 + brand_style.size * 0.35;
            painter.text(&mut s, x, y, w, line, brand_style);
        }
        if let Some(accent) = accent {
            painter.op(
                &mut s,
                &Op::Rect {
                    x: MARGIN,
                    y: TOP - 5.0,
                    w: CONTENT_W,
                    h: 1.0,
                    fill: Some(accent),
                    stroke: None,
                },
            );
        }
        let y = PAGE_H - MARGIN + 14.0;
        let label = mot_i18n::tr!(lang, "export-page", page = i + 1, count = count);
        let w = faces.width(&label, footer_style.size);
        let line = Line { text: label, rtl };
        // The subtitle at the start side, the page number at the end.
        let (page_x, start_x, start_w) = if rtl {
            (MARGIN, MARGIN + 120.0, CONTENT_W - 120.0)
        } else {
            (MARGIN + CONTENT_W - w, MARGIN, CONTENT_W)
        };
        painter.text(&mut s, start_x, y, start_w, &footer_start, footer_style);
        painter.text(&mut s, page_x, y, w, &line, footer_style);
        s.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| format!("PDF export: {e:?}"))
}

// -------------------------------------------------------- free pages

/// Something drawn on a [`FreePage`], in points from the page's top left.
#[derive(Clone, Debug)]
pub(crate) enum Mark {
    /// One line of text (see [`super::wrap`]), its baseline at `y`, in the
    /// width `w` from `x` (drawn a little smaller if wider): centred, or
    /// else at the line's start (the right of a right-to-left line).
    Text {
        x: f32,
        y: f32,
        w: f32,
        line: Line,
        size: f32,
        colour: Rgb,
        bold: bool,
        centre: bool,
    },
    /// Rectangles `[x, y, w, h]` filled as one path, so touching ones show
    /// no seam between them.
    Fill { rects: Vec<[f32; 4]>, colour: Rgb },
    /// A rectangle's outline, the stroke `width` wide.
    Frame {
        rect: [f32; 4],
        width: f32,
        colour: Rgb,
    },
    /// A straight line.
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        colour: Rgb,
    },
}

/// A page drawn as given: its size in points and its marks, in order.
pub(crate) struct FreePage {
    pub(crate) w: f32,
    pub(crate) h: f32,
    pub(crate) marks: Vec<Mark>,
}

impl Painter<'_> {
    pub(super) fn mark(&self, s: &mut Surface, mark: &Mark) {
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
            } => {
                let natural = self
                    .faces
                    .shape_line(line)
                    .iter()
                    .map(|p| p.advance)
                    .sum::<f32>()
                    * size;
                // Centred: in a box exactly as wide as the line, which then
                // starts at its left whatever its direction.
                let (x, w) = if *centre && natural < *w {
                    (x + (w - natural) / 2.0, natural)
                } else {
                    (*x, *w)
                };
                let style = Style {
                    size: *size,
                    colour: *colour,
                    bold: *bold,
                };
                self.text(s, x, *y, w, line, style);
            }
            Mark::Fill { rects, colour } => {
                let mut pb = PathBuilder::new();
                for [x, y, w, h] in rects {
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(rect);
                    }
                }
                if let Some(path) = pb.finish() {
                    s.set_fill(Some(fill(*colour)));
                    s.set_stroke(None);
                    s.draw_path(&path);
                }
            }
            Mark::Frame {
                rect: [x, y, w, h],
                width,
                colour,
            } => {
                let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                    return;
                };
                let mut pb = PathBuilder::new();
                pb.push_rect(rect);
                if let Some(path) = pb.finish() {
                    s.set_fill(None);
                    s.set_stroke(Some(stroke(*colour, *width)));
                    s.draw_path(&path);
                }
            }
            Mark::Rule {
                from,
                to,
                width,
                colour,
            } => {
                let mut pb = PathBuilder::new();
                pb.move_to(from.0, from.1);
                pb.line_to(to.0, to.1);
                if let Some(path) = pb.finish() {
                    s.set_fill(None);
                    s.set_stroke(Some(stroke(*colour, *width)));
                    s.draw_path(&path);
                }
            }
        }
    }
}

/// Writes pages laid out by their caller (no head, footer or page
/// numbers), with the embedded fonts; `title` is the PDF's title, the
/// look's language its language and the brand's name its author.
/// `head`: the top margin in which the brand (its logo, then its name
/// towards the page's start) is drawn at the page's end corner on every
/// page; `None` for documents that are the business's own (a feedback
/// sheet for its customers carries the business's name, not the
/// adviser's).
pub(crate) fn render_free(
    title: &str,
    pages: &[FreePage],
    look: &Look,
    head: Option<f32>,
) -> Result<Vec<u8>, String> {
    let faces = FACES
        .as_ref()
        .ok_or("PDF export: the embedded fonts cannot be read")?;
    let painter = Painter {
        faces,
        main: Font::new(Data::from(FONT_MAIN), 0).ok_or("PDF export: bad main font")?,
        cjk: Font::new(Data::from(FONT_CJK), 0).ok_or("PDF export: bad CJK font")?,
        emoji: Font::new(Data::from(FONT_EMOJI), 0).ok_or("PDF export: bad emoji font")?,
        // Each line aligns by its own direction (see `Mark::Text`).
        rtl: false,
    };
    let mut pdf = Document::new();
    let mut metadata = Metadata::new()
        .title(title.to_string())
        .language(look.lang.code().to_string())
        .creator("mot".into());
    if let Some(brand) = look.brand.name() {
        metadata = metadata.authors(vec![brand.to_string()]);
    }
    pdf.set_metadata(metadata);
    let logo = head.and_then(|_| logo(look));
    let rtl = look.lang.is_rtl();
    let name = head.and_then(|_| look.brand.name()).map(|n| {
        let mut lines = faces.wrap_base(n, BRAND_SIZE, 240.0, rtl);
        let mut line = lines.remove(0);
        if !lines.is_empty() {
            line.text.push_str(" …");
        }
        line.rtl = rtl;
        line
    });
    for free in pages {
        let settings = PageSettings::from_wh(free.w, free.h).ok_or("PDF export: bad page size")?;
        let mut page = pdf.start_page_with(settings);
        let mut s = page.surface();
        for mark in &free.marks {
            painter.mark(&mut s, mark);
        }
        if let Some(margin) = head {
            let h = (margin - 8.0).clamp(6.0, LOGO_H);
            let top = (margin - h) / 2.0;
            let logo_w = logo.as_ref().map_or(0.0, |l| (h * l.aspect()).min(160.0));
            // From the page's end side: the logo, then the name.
            let end = |offset: f32, w: f32| {
                if rtl {
                    margin + offset
                } else {
                    free.w - margin - offset - w
                }
            };
            if let (Some(l), Some(size)) = (&logo, Size::from_wh(logo_w, h)) {
                s.push_transform(&Transform::from_translate(end(0.0, logo_w), top));
                l.draw(&mut s, size);
                s.pop();
            }
            if let Some(line) = &name {
                let w = super::line_width(line, BRAND_SIZE) + 1.0;
                let gap = if logo.is_some() { logo_w + 6.0 } else { 0.0 };
                let style = Style {
                    size: BRAND_SIZE,
                    colour: GREY,
                    bold: true,
                };
                painter.text(
                    &mut s,
                    end(gap, w),
                    top + h / 2.0 + BRAND_SIZE * 0.35,
                    w,
                    line,
                    style,
                );
            }
        }
        s.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| format!("PDF export: {e:?}"))
}
