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
}

impl Painter<'_> {
    /// One line of text at baseline `y`; a right-to-left paragraph's
    /// line aligns right in the width `w`.
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
        let mut cx = if line.rtl {
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

/// Lays out and writes the document: A4 landscape, text wrapped in its
/// cell, rows moved to the next page when they do not fit and split
/// across pages when taller than one, the table's heading and header row
/// repeated on every page, "Page n of m" and the subtitle in the footer.
pub fn render(doc: &Doc) -> Result<Vec<u8>, String> {
    let faces = FACES
        .as_ref()
        .ok_or("PDF export: the embedded fonts cannot be read")?;
    let mut layout = Layout {
        faces,
        pages: Vec::new(),
        y: TOP,
        col_x: vec![MARGIN, MARGIN + CONTENT_W],
    };

    layout.new_page();
    layout.text(
        MARGIN,
        CONTENT_W,
        &doc.title,
        Style {
            size: 18.0,
            colour: BLACK,
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
        }
    }

    let painter = Painter {
        faces,
        main: Font::new(Data::from(FONT_MAIN), 0).ok_or("PDF export: bad main font")?,
        cjk: Font::new(Data::from(FONT_CJK), 0).ok_or("PDF export: bad CJK font")?,
        emoji: Font::new(Data::from(FONT_EMOJI), 0).ok_or("PDF export: bad emoji font")?,
    };
    let mut pdf = Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(format!("{}: {title}", doc.title))
            .creator("mot".into()),
    );
    let footer_style = Style {
        size: 7.5,
        colour: GREY,
        bold: false,
    };
    // The title again, on one line (it is whole on the first page).
    let footer = faces.wrap(title, footer_style.size, CONTENT_W - 120.0);
    let mut footer_left = footer.first().cloned().unwrap_or(Line {
        text: String::new(),
        rtl: false,
    });
    if footer.len() > 1 {
        footer_left.text.push_str(" …");
    }
    footer_left.rtl = false;
    let count = layout.pages.len();
    for (i, ops) in layout.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("PDF export: bad page size")?;
        let mut page = pdf.start_page_with(settings);
        let mut s = page.surface();
        for op in ops {
            painter.op(&mut s, op);
        }
        let y = PAGE_H - MARGIN + 14.0;
        painter.text(&mut s, MARGIN, y, CONTENT_W, &footer_left, footer_style);
        let label = format!("Page {} of {count}", i + 1);
        let w = faces.width(&label, footer_style.size);
        let line = Line {
            text: label,
            rtl: false,
        };
        painter.text(&mut s, MARGIN + CONTENT_W - w, y, w, &line, footer_style);
        s.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| format!("PDF export: {e:?}"))
}
