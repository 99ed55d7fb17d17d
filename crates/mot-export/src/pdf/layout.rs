//! Laying out a document: text wrapped in its cell, tables split across
//! pages with their heading and header row repeated.

use super::*;

// -------------------------------------------------------- layout

#[derive(Clone, Copy)]
pub(super) struct Style {
    pub(super) size: f32,
    pub(super) colour: Rgb,
    pub(super) bold: bool,
}

pub(super) const BODY_STYLE: Style = Style {
    size: BODY,
    colour: BLACK,
    bold: false,
};

pub(super) enum Op {
    /// A line of text: left x, baseline y, the width it may use (right-to-left
    /// paragraphs align right in it).
    Text {
        x: f32,
        y: f32,
        w: f32,
        line: Line,
        style: Style,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    VLine {
        x: f32,
        y: f32,
        h: f32,
    },
}

pub(super) struct Layout<'f> {
    pub(super) faces: &'f Faces,
    pub(super) pages: Vec<Vec<Op>>,
    pub(super) y: f32,
    /// The edges of the current table's columns from its start, first
    /// column first (from the left, or from the right when right to left).
    pub(super) col_x: Vec<f32>,
    /// A right-to-left document: paragraphs run right to left, the first
    /// column is the rightmost.
    pub(super) rtl: bool,
    /// The colour of the title and the tables' headings.
    pub(super) accent: Rgb,
    /// "(continued)" in the document's language.
    pub(super) continued: &'static str,
}

/// One table row, wrapped: the lines, style and background of each cell.
pub(super) struct Cells {
    pub(super) lines: Vec<Vec<Line>>,
    pub(super) styles: Vec<Style>,
    pub(super) fills: Vec<Option<Rgb>>,
}

impl Cells {
    /// Lines of the tallest cell (at least one).
    pub(super) fn height(&self) -> usize {
        self.lines.iter().map(Vec::len).max().unwrap_or(0).max(1)
    }
}

impl Layout<'_> {
    pub(super) fn op(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    pub(super) fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    /// Lines of text, continuing on a new page at the bottom; in a
    /// right-to-left document every paragraph runs right to left.
    pub(super) fn text(&mut self, x: f32, w: f32, text: &str, style: Style) {
        for line in self.faces.wrap_base(text, style.size, w, self.rtl) {
            if self.y + style.size * 1.3 > BOTTOM {
                self.new_page();
            }
            self.op(Op::Text {
                x,
                y: self.y + style.size,
                w,
                line,
                style,
            });
            self.y += style.size * 1.3;
        }
    }

    pub(super) fn cols(&self) -> usize {
        self.col_x.len() - 1
    }

    pub(super) fn col_w(&self, i: usize) -> f32 {
        self.col_x[i + 1] - self.col_x[i]
    }

    /// Where a column edge is on the page: mirrored in a right-to-left
    /// document, so the first column is the rightmost.
    pub(super) fn edge(&self, x: f32) -> f32 {
        if self.rtl {
            2.0 * MARGIN + CONTENT_W - x
        } else {
            x
        }
    }

    /// The left edge of column `i` on the page.
    pub(super) fn col_left(&self, i: usize) -> f32 {
        if self.rtl {
            self.edge(self.col_x[i + 1])
        } else {
            self.col_x[i]
        }
    }

    /// Spreads the columns' relative widths over the page width.
    pub(super) fn set_columns(&mut self, widths: impl ExactSizeIterator<Item = f32>) {
        let widths: Vec<f32> = widths.map(|w| w.max(0.0)).collect();
        let n = widths.len().max(1);
        let total: f32 = widths.iter().sum();
        self.col_x = vec![MARGIN];
        let mut x = MARGIN;
        for i in 0..n {
            let share = if total > 0.0 {
                widths.get(i).map_or(0.0, |w| w / total)
            } else {
                1.0 / n as f32
            };
            x += share * CONTENT_W;
            self.col_x.push(x);
        }
        self.col_x[n] = MARGIN + CONTENT_W;
    }

    /// Widens columns whose title has a word wider than the column (German
    /// and Arabic titles run longer than the English the widths were made
    /// for), taking the room from columns that have more than their title
    /// needs. Columns whose titles fit stay as they are; when the titles
    /// cannot all fit, nothing changes.
    pub(super) fn fit_titles(&mut self, table: &Table) {
        let n = self.cols();
        let widths: Vec<f32> = (0..n).map(|i| self.col_w(i)).collect();
        let need: Vec<f32> = (0..n)
            .map(|i| {
                let title = table.columns.get(i).map_or("", |(t, _)| t.as_str());
                let word = title
                    .split_whitespace()
                    .map(|w| self.faces.width(w, BODY))
                    .fold(0.0, f32::max);
                // As the cells wrap: padding, 1 pt of slack, and the bold stroke.
                word + 2.0 * PAD + 1.0 + 0.5
            })
            .collect();
        let short: f32 = (0..n).map(|i| (need[i] - widths[i]).max(0.0)).sum();
        let spare: f32 = (0..n).map(|i| (widths[i] - need[i]).max(0.0)).sum();
        if short <= 0.0 || need.iter().sum::<f32>() > CONTENT_W || spare <= 0.0 {
            return;
        }
        let mut x = MARGIN;
        for (i, w) in widths.iter().enumerate() {
            let w = if need[i] > *w {
                need[i]
            } else {
                w - (w - need[i]) * short / spare
            };
            x += w;
            self.col_x[i + 1] = x;
        }
        self.col_x[n] = MARGIN + CONTENT_W;
    }

    /// The table's heading; on a continuation page, on one line.
    pub(super) fn heading(&mut self, heading: &str, continued: bool) {
        let style = Style {
            size: HEADING,
            colour: self.accent,
            bold: true,
        };
        self.y += 6.0;
        if continued {
            let more = format!(" {}", self.continued);
            let w = CONTENT_W - self.faces.width(&format!("…{more}"), HEADING) - 2.0;
            let lines = self.faces.wrap(heading, HEADING, w);
            let mut label = lines.first().map_or(String::new(), |l| l.text.clone());
            if lines.len() > 1 {
                label.push('…');
            }
            label.push_str(&more);
            self.text(MARGIN, CONTENT_W, &label, style);
        } else {
            self.text(MARGIN, CONTENT_W, heading, style);
        }
        self.y += 2.0;
    }

    /// Height of a table heading (at least one line).
    pub(super) fn heading_h(&self, heading: &str) -> f32 {
        let lines = self.faces.wrap(heading, HEADING, CONTENT_W).len().max(1);
        8.0 + lines as f32 * HEADING * 1.3
    }

    /// Wraps one row's cells to the current columns.
    pub(super) fn cells(&self, cells: &[Cell], fill: Option<Rgb>) -> Cells {
        let n = self.cols();
        let empty = Cell::new("");
        let cell = |i: usize| cells.get(i).unwrap_or(&empty);
        Cells {
            // 1 pt of slack: shaping (kerning, Arabic forms) may differ
            // slightly from the sum of advances.
            lines: (0..n)
                .map(|i| {
                    self.faces
                        .wrap(&cell(i).text, BODY, self.col_w(i) - 2.0 * PAD - 1.0)
                })
                .collect(),
            styles: (0..n)
                .map(|i| Style {
                    size: BODY,
                    colour: cell(i).colour,
                    bold: cell(i).bold,
                })
                .collect(),
            fills: (0..n).map(|i| cell(i).fill.or(fill)).collect(),
        }
    }

    /// The header row of the current table: bold titles on grey.
    pub(super) fn header_cells(&self, table: &Table) -> Cells {
        let titles: Vec<Cell> = table
            .columns
            .iter()
            .map(|(t, _)| Cell::new(t.as_str()).bold())
            .collect();
        self.cells(&titles, Some(HEADER_FILL))
    }

    pub(super) fn header_row(&mut self, header: &Cells) {
        let h = header.height() as f32 * LH + 2.0 * PAD;
        if self.room() < h + LH + 2.0 * PAD {
            self.new_page();
        }
        self.segment(header, &vec![0; self.cols()], header.height(), false);
    }

    /// Draws `n` lines of each cell from `offs`, as one bordered row.
    pub(super) fn segment(&mut self, cells: &Cells, offs: &[usize], n: usize, continued: bool) {
        let h = n as f32 * LH + 2.0 * PAD;
        let y = self.y;
        for (i, fill) in cells.fills.iter().enumerate() {
            if fill.is_some() {
                self.op(Op::Rect {
                    x: self.col_left(i),
                    y,
                    w: self.col_w(i),
                    h,
                    fill: *fill,
                    stroke: None,
                });
            }
        }
        self.op(Op::Rect {
            x: MARGIN,
            y,
            w: CONTENT_W,
            h,
            fill: None,
            stroke: Some(RULE),
        });
        for i in 1..self.cols() {
            self.op(Op::VLine {
                x: self.edge(self.col_x[i]),
                y,
                h,
            });
        }
        for (i, lines) in cells.lines.iter().enumerate() {
            let x = self.col_left(i) + PAD;
            let w = self.col_w(i) - 2.0 * PAD;
            let shown: Vec<Line> = lines.iter().skip(offs[i]).take(n).cloned().collect();
            if shown.is_empty() && continued && i == 0 {
                self.op(Op::Text {
                    x,
                    y: y + PAD + BODY,
                    w,
                    line: Line {
                        text: self.continued.into(),
                        rtl: self.rtl,
                    },
                    style: Style {
                        colour: GREY,
                        ..BODY_STYLE
                    },
                });
            }
            for (j, line) in shown.into_iter().enumerate() {
                self.op(Op::Text {
                    x,
                    y: y + PAD + BODY + j as f32 * LH,
                    w,
                    line,
                    style: cells.styles[i],
                });
            }
        }
        self.y += h;
    }

    pub(super) fn continue_page(&mut self, heading: &str, header: &Cells) {
        self.new_page();
        self.heading(heading, true);
        self.header_row(header);
    }

    /// Space a fresh page has for rows under the heading and header.
    pub(super) fn fresh_room(&self, header: &Cells) -> f32 {
        BOTTOM - TOP - HEADING_H - (header.height() as f32 * LH + 2.0 * PAD)
    }

    pub(super) fn table(&mut self, table: &Table) {
        self.set_columns(table.columns.iter().map(|(_, w)| *w));
        self.fit_titles(table);
        let header = self.header_cells(table);
        let header_h = header.height() as f32 * LH + 2.0 * PAD;
        let rows: Vec<Cells> = table
            .rows
            .iter()
            .map(|r| self.cells(&r.cells, r.fill))
            .collect();
        let first_h = rows.first().map_or(LH + 2.0 * PAD, |c| {
            let h = c.height() as f32 * LH + 2.0 * PAD;
            if h <= self.fresh_room(&header) {
                h
            } else {
                2.0 * LH + 2.0 * PAD
            }
        });
        if self.heading_h(&table.heading) + header_h + first_h > self.room() {
            self.new_page();
        }
        self.heading(&table.heading, false);
        self.header_row(&header);
        for cells in &rows {
            self.row(&table.heading, &header, cells);
        }
    }

    pub(super) fn row(&mut self, heading: &str, header: &Cells, cells: &Cells) {
        let mut offs = vec![0usize; self.cols()];
        let mut started = false;
        // Set on a fresh page: the row is split there whatever room is
        // left, so a page never follows a page without progress.
        let mut fresh = false;
        loop {
            let left = (0..self.cols())
                .map(|i| cells.lines[i].len().saturating_sub(offs[i]))
                .max()
                .unwrap_or(0)
                .max(1);
            let need = left as f32 * LH + 2.0 * PAD;
            if need <= self.room() {
                self.segment(cells, &offs, left, started);
                return;
            }
            if !fresh && !started && need <= self.fresh_room(header) {
                // It fits whole on the next page: move it there.
                self.continue_page(heading, header);
                fresh = true;
                continue;
            }
            let fit = ((self.room() - 2.0 * PAD) / LH).floor();
            if fit < 2.0 && !fresh {
                self.continue_page(heading, header);
                fresh = true;
                continue;
            }
            let n = (fit as usize).max(1);
            self.segment(cells, &offs, n, started);
            for (i, off) in offs.iter_mut().enumerate() {
                *off = (*off + n).min(cells.lines[i].len());
            }
            started = true;
            self.continue_page(heading, header);
            fresh = true;
        }
    }
}
