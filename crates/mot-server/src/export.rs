//! Exports of the contact planning form: CSV, XLSX, Markdown and PDF.
//!
//! What each uses, and why:
//! - CSV: the `csv` crate (quoting of commas, quotes and newlines done right),
//!   UTF-8 with a byte-order mark so Excel reads é, ü and emoji correctly.
//! - XLSX: `rust_xlsxwriter`, a pure-Rust port of Python's XlsxWriter that
//!   writes real string cells, page setup and print titles.
//! - Markdown: plain string building (GitHub tables).
//! - PDF: `krilla` (the PDF writer under Typst): it subsets and embeds
//!   TrueType fonts and writes ToUnicode maps, so the text stays text that
//!   can be searched and copied. We shape with `rustybuzz` (so Arabic letters
//!   join), order mixed left-to-right and right-to-left text with
//!   `unicode-bidi`, and wrap lines and split table rows across pages
//!   ourselves: nothing is cut off.
//!
//! Fonts (in `crates/mot-server/fonts/`, licences beside them, embedded with
//! `include_bytes!` so no system font is needed): DejaVu Sans 2.37 (Latin,
//! Greek, Cyrillic, Hebrew, Arabic, symbols, some emoji such as 😀; Bitstream
//! Vera licence, DejaVu changes public domain), as a fallback for Chinese
//! a subset of Droid Sans Fallback (Apache-2.0) with the 3,755 most used
//! simplified characters (GB2312 level 1), kana and CJK punctuation, and for
//! emoji such as 🦄 the monochrome Noto Emoji 3.006 (SIL OFL 1.1, about 1,500
//! emoji); together about 2.3 MB. A PDF embeds only the glyphs it uses.
//!
//! Limits of the PDF: a character no embedded font can draw (rarer or
//! traditional-only Chinese characters, Korean hangul, Indic scripts…) is
//! drawn as the visible placeholder [`PLACEHOLDER`] (�),
//! and that is also what a text extractor reads there; invisible joiners and
//! variation selectors are dropped. Right-to-left words are reordered for
//! display, so some extractors read them in visual (reversed) order. Bold is
//! drawn by stroking the regular face (no bold font embedded).
//!
//! Spreadsheet safety: a cell whose text starts with `=`, `+`, `-`, `@`, tab
//! or carriage return gets a leading `'` in the CSV (OWASP's advice against
//! formula injection); the XLSX writes every cell as a string (never a
//! formula) and marks those cells "quote prefix" so editing them in Excel
//! keeps them text.
//!
//! The audit report's exports ([`crate::export_audit`]) share this
//! machinery (crate-private): `csv_bytes` and `csv_cell`, the `xlsx`
//! formats and page setup, and the `pdf` table writer (a document of notes
//! and headed tables with any columns).

use mot_core::session::{FormGroup, FormRow, PlanningForm, Rating};
use std::borrow::Cow;

/// The CSV header (and the XLSX table header): the worksheet's columns, with
/// what the team agreed customers expect and what happens now in columns of
/// their own (the Markdown and PDF put them in the issue's cell).
pub const CSV_HEADER: [&str; 9] = [
    "Channel",
    "Moment of truth",
    "Description",
    "Customers expect",
    "What happens now",
    "Issue / problem",
    "Ranking",
    "Action",
    "Priority",
];

/// The five columns of the worksheet, as in the Markdown and PDF tables.
pub const FORM_COLUMNS: [&str; 5] = [
    "Moment of truth",
    "Description",
    "Issue / problem",
    "Ranking",
    "Action",
];

/// What the PDF draws in place of a character that no embedded font has.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// Mark of a priority moment in Markdown and PDF.
const STAR: &str = "★ ";

fn ranking(r: Option<Rating>) -> &'static str {
    r.map_or("", Rating::label)
}

fn priority(row: &FormRow) -> &'static str {
    if row.priority {
        "Yes"
    } else {
        ""
    }
}

/// "business · journey · session · date".
fn title_line(form: &PlanningForm) -> String {
    format!(
        "{} · {} · {} · {}",
        form.business,
        form.journey,
        form.session,
        mot_core::date::format(form.held_on)
    )
}

/// Text a spreadsheet could take for a formula (OWASP CSV injection list).
pub(crate) fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cells of one row, as in [`CSV_HEADER`].
fn row_cells<'a>(group: &'a FormGroup, row: &'a FormRow) -> [&'a str; 9] {
    [
        &group.channel,
        &row.moment,
        &row.description,
        &row.expectation,
        &row.reality,
        &row.issue,
        ranking(row.ranking),
        &row.action,
        priority(row),
    ]
}

// ---------------------------------------------------------------- CSV

/// A CSV cell of user text: a leading `'` when it looks like a formula.
pub(crate) fn csv_cell(s: &str) -> Cow<'_, str> {
    if looks_like_formula(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Records as CSV: UTF-8 with a BOM (so Excel reads é, ü and emoji), CRLF
/// line ends, quoting by the `csv` crate. Cells are written as given:
/// neutralise user text with [`csv_cell`] first. Every record must have as
/// many fields as the first.
pub(crate) fn csv_bytes<R, C>(records: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    // Writing into a Vec cannot fail; equal lengths are the caller's.
    for record in records {
        for cell in record {
            w.write_field(cell.as_ref())
                .expect("CSV into memory cannot fail");
        }
        w.write_record(None::<&[u8]>)
            .expect("CSV into memory cannot fail");
    }
    w.into_inner().expect("CSV into memory cannot fail")
}

/// The form as CSV: UTF-8 with a BOM, CRLF line ends, the header
/// [`CSV_HEADER`] and one record per row in group order.
pub fn to_csv(form: &PlanningForm) -> Vec<u8> {
    let header = CSV_HEADER.map(Cow::Borrowed);
    let rows = form
        .groups
        .iter()
        .flat_map(|g| g.rows.iter().map(move |r| row_cells(g, r).map(csv_cell)));
    csv_bytes(std::iter::once(header).chain(rows))
}

// ---------------------------------------------------------------- XLSX

/// Excel's limit on the characters in one cell.
const XLSX_MAX_CELL: usize = 32_767;

/// Keeps a cell within Excel's limit, saying so in the cell when it cuts.
pub(crate) fn xlsx_text(s: &str) -> Cow<'_, str> {
    if s.chars().count() <= XLSX_MAX_CELL {
        return Cow::Borrowed(s);
    }
    let note = " … [cut at Excel's 32,767-character cell limit; the CSV export has the full text]";
    let keep = XLSX_MAX_CELL - note.chars().count();
    Cow::Owned(s.chars().take(keep).chain(note.chars()).collect())
}

/// Formats and page setup shared by the XLSX exports.
pub(crate) mod xlsx {
    use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

    /// An error of the writer, as the exports report it.
    pub(crate) fn err(e: XlsxError) -> String {
        format!("XLSX export: {e}")
    }

    /// A table cell: wrapped, top-aligned, thin grey border; `quoted` marks
    /// user text that looks like a formula "quote prefix" so editing it in
    /// Excel keeps it text.
    pub(crate) fn cell(fill: Option<u32>, bold: bool, quoted: bool) -> Format {
        let mut f = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBBBBBB));
        if let Some(rgb) = fill {
            f = f.set_background_color(Color::RGB(rgb));
        }
        if bold {
            f = f.set_bold();
        }
        if quoted {
            f = f.set_quote_prefix();
        }
        f
    }

    /// The bold grey header cell of a table.
    pub(crate) fn header() -> Format {
        cell(Some(0xE6E6E6), true, false)
    }

    /// The title at the top of a sheet.
    pub(crate) fn title(quoted: bool) -> Format {
        let f = Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::VerticalCenter);
        if quoted {
            f.set_quote_prefix()
        } else {
            f
        }
    }

    /// A section heading (a channel, a summary).
    pub(crate) fn heading(quoted: bool) -> Format {
        let f = Format::new()
            .set_bold()
            .set_font_size(12)
            .set_background_color(Color::RGB(0xDDE7F0))
            .set_align(FormatAlign::VerticalCenter);
        if quoted {
            f.set_quote_prefix()
        } else {
            f
        }
    }

    /// Landscape A4, one page wide, small margins, `name` and the page
    /// number in the footer.
    pub(crate) fn page_setup(sheet: &mut Worksheet, name: &str) {
        sheet
            .set_landscape()
            .set_paper_size(9) // A4
            .set_print_fit_to_pages(1, 0)
            .set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3)
            .set_footer(format!("&L&8{name}&R&8Page &P of &N"));
    }
}

/// Where [`CSV_HEADER`] has the ranking.
const RANKING_COL: usize = 6;

/// The form as an Excel workbook with one sheet, "Contact planning form": a
/// title row, then per channel a bold heading row, the header row and the
/// rows. Every cell is a string cell (never a formula), wrapped; printing is
/// landscape A4, one page wide, with the header row repeated on each page.
pub fn to_xlsx(form: &PlanningForm) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::Workbook;
    use xlsx::{cell, err as e, heading as heading_format, title as title_format};

    let last_col = (CSV_HEADER.len() - 1) as u16;

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Contact planning form").map_err(e)?;
    for (col, width) in [16.0, 28.0, 36.0, 30.0, 30.0, 36.0, 11.0, 44.0, 9.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width).map_err(e)?;
    }
    xlsx::page_setup(sheet, "Contact planning form");

    let title = title_line(form);
    sheet
        .merge_range(
            0,
            0,
            0,
            last_col,
            &xlsx_text(&title),
            &title_format(looks_like_formula(&title)),
        )
        .map_err(e)?;
    sheet.set_row_height(0, 24).map_err(e)?;

    let mut r: u32 = 2;
    let mut first_header = None;
    for group in &form.groups {
        let heading = xlsx_text(&group.channel);
        sheet
            .merge_range(
                r,
                0,
                r,
                last_col,
                &heading,
                &heading_format(looks_like_formula(&group.channel)),
            )
            .map_err(e)?;
        sheet.set_row_height(r, 20).map_err(e)?;
        r += 1;
        let header = xlsx::header();
        for (c, h) in CSV_HEADER.iter().enumerate() {
            sheet
                .write_string_with_format(r, c as u16, *h, &header)
                .map_err(e)?;
        }
        first_header.get_or_insert(r);
        r += 1;
        for row in &group.rows {
            let fill = if row.priority { Some(0xFFF6D5) } else { None };
            for (c, text) in row_cells(group, row).into_iter().enumerate() {
                let fill = match (c, row.ranking) {
                    (RANKING_COL, Some(Rating::Miserable)) => Some(0xF8D7DA),
                    (RANKING_COL, Some(Rating::Magical)) => Some(0xD4EDDA),
                    _ => fill,
                };
                let format = cell(fill, c == 1, looks_like_formula(text));
                sheet
                    .write_string_with_format(r, c as u16, xlsx_text(text), &format)
                    .map_err(e)?;
            }
            r += 1;
        }
        r += 1;
    }
    if let Some(h) = first_header {
        sheet.set_repeat_rows(h, h).map_err(e)?;
    }
    workbook.save_to_buffer().map_err(e)
}

// ---------------------------------------------------------------- Markdown

/// One table cell: user text shown as typed, never as Markdown or HTML.
/// Newlines become `<br>`, `<` becomes `&lt;` (no HTML, no autolink), and
/// every character that could start Markdown syntax is escaped with a
/// backslash: `|` (no pipe ends the cell early), `[` `]` (no link or
/// image), `!` `*` `_` `` ` `` `~` `^` `$` `#` `&` `\\` and `@`; `:` before `//` and
/// `.` after `www` are escaped too, so renderers that link bare addresses
/// (GitHub's) leave them as text.
fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let text = s.trim();
    for (i, c) in text.char_indices() {
        match c {
            '\n' => out.push_str("<br>"),
            '<' => out.push_str("&lt;"),
            '\\' | '|' | '[' | ']' | '*' | '_' | '`' | '~' | '#' | '&' | '@' | '!' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            ':' if text[i..].starts_with("://") => out.push_str("\\:"),
            '.' if i >= 3 && text.as_bytes()[i - 3..i].eq_ignore_ascii_case(b"www") => {
                out.push_str("\\.")
            }
            c => out.push(c),
        }
    }
    out
}

/// Inline text outside tables (title, headings): one line, no HTML.
fn md_inline(s: &str) -> String {
    md_cell(s).replace("<br>", " ")
}

/// The form as GitHub Markdown: a title, then per channel a `## Channel`
/// heading and a table of the five worksheet columns; priority moments
/// carry "★ ".
pub fn to_markdown(form: &PlanningForm) -> String {
    let mut out = format!(
        "# Contact planning form\n\n**{}** · {} · {} · {}\n",
        md_inline(&form.business),
        md_inline(&form.journey),
        md_inline(&form.session),
        mot_core::date::format(form.held_on)
    );
    if form.groups.is_empty() {
        out.push_str("\n_No moments on this journey yet._\n");
    }
    for group in &form.groups {
        out.push_str(&format!("\n## {}\n\n", md_inline(&group.channel)));
        out.push_str(&format!("| {} |\n", FORM_COLUMNS.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(FORM_COLUMNS.len())));
        for row in &group.rows {
            let moment = if row.priority {
                format!("{STAR}{}", row.moment.trim())
            } else {
                row.moment.clone()
            };
            let cells = [
                md_cell(&moment),
                md_cell(&row.description),
                md_cell(&row.issue_text()),
                ranking(row.ranking).to_string(),
                md_cell(&row.action),
            ];
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out
}

// ---------------------------------------------------------------- PDF

/// The form as a PDF: A4 landscape, a title, then per channel a heading and
/// a table of the five worksheet columns. Long text wraps inside its cell; a
/// row that does not fit moves to the next page, and one taller than a page
/// is split across pages (each page repeats the channel heading and the
/// header row). Text is real, extractable text in embedded fonts; see the
/// module documentation for which characters become [`PLACEHOLDER`].
pub fn to_pdf(form: &PlanningForm) -> Result<Vec<u8>, String> {
    pdf::render(&form_pdf(form))
}

/// Background of a priority moment's row.
const PRIORITY_FILL: pdf::Rgb = (0xFF, 0xF6, 0xD5);

fn rating_colour(r: Option<Rating>) -> pdf::Rgb {
    match r {
        Some(Rating::Miserable) => (0xB3, 0x26, 0x1E),
        Some(Rating::Neutral) => (0x55, 0x55, 0x55),
        Some(Rating::Magical) => (0x1B, 0x7F, 0x3B),
        None => pdf::BLACK,
    }
}

/// The form as a PDF document: a table of [`FORM_COLUMNS`] per channel.
fn form_pdf(form: &PlanningForm) -> pdf::Doc {
    use pdf::{Block, Cell, Row, Table};
    let columns: Vec<(String, f32)> = FORM_COLUMNS
        .iter()
        .zip([0.18, 0.24, 0.21, 0.09, 0.28])
        .map(|(t, w)| (t.to_string(), w))
        .collect();
    let mut blocks = Vec::new();
    if form.groups.is_empty() {
        blocks.push(Block::Note("No moments on this journey yet.".into()));
    }
    for group in &form.groups {
        let rows = group
            .rows
            .iter()
            .map(|row| {
                let moment = if row.priority {
                    format!("{STAR}{}", row.moment.trim())
                } else {
                    row.moment.clone()
                };
                Row {
                    cells: vec![
                        Cell::new(moment).bold(),
                        Cell::new(&row.description),
                        Cell::new(row.issue_text()),
                        Cell::new(ranking(row.ranking))
                            .bold()
                            .colour(rating_colour(row.ranking)),
                        Cell::new(&row.action),
                    ],
                    fill: row.priority.then_some(PRIORITY_FILL),
                }
            })
            .collect();
        blocks.push(Block::Table(Table {
            heading: group.channel.clone(),
            columns: columns.clone(),
            rows,
        }));
    }
    pdf::Doc {
        title: "Contact planning form".into(),
        subtitle: title_line(form),
        blocks,
    }
}

/// A4 landscape PDF documents of headed tables, shared by the exports:
/// describe the document as a [`pdf::Doc`] and [`pdf::render`] it.
pub(crate) mod pdf {
    use super::PLACEHOLDER;
    use krilla::color::rgb;
    use krilla::geom::{PathBuilder, Point, Rect};
    use krilla::metadata::Metadata;
    use krilla::page::PageSettings;
    use krilla::paint::{Fill, Stroke};
    use krilla::surface::Surface;
    use krilla::text::{Font, GlyphId, KrillaGlyph};
    use krilla::{Data, Document};
    use rustybuzz::{Direction, Face, UnicodeBuffer};
    use std::sync::LazyLock;
    use unicode_bidi::{BidiInfo, Level};

    const FONT_MAIN: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
    const FONT_CJK: &[u8] = include_bytes!("../fonts/DroidSansFallback-GB2312L1.ttf");
    const FONT_EMOJI: &[u8] = include_bytes!("../fonts/NotoEmoji-Regular.ttf");

    /// A4 landscape, in points.
    pub(crate) const PAGE_W: f32 = 841.89;
    pub(crate) const PAGE_H: f32 = 595.28;
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
    pub(crate) type Rgb = (u8, u8, u8);
    pub(crate) const BLACK: Rgb = (0x1A, 0x1A, 0x1A);
    pub(crate) const GREY: Rgb = (0x66, 0x66, 0x66);
    const RULE: Rgb = (0xAA, 0xAA, 0xAA);
    const HEADER_FILL: Rgb = (0xE6, 0xE6, 0xE6);

    // -------------------------------------------------------- document

    /// A document: a big title, a grey subtitle (also the footer and the
    /// PDF's title), then the blocks one after another.
    pub(crate) struct Doc {
        pub title: String,
        pub subtitle: String,
        pub blocks: Vec<Block>,
    }

    pub(crate) enum Block {
        /// A paragraph of body text.
        Note(String),
        Table(Table),
    }

    /// A table under a bold heading. Both repeat on every page the table
    /// runs on to ("heading (continued)").
    pub(crate) struct Table {
        pub heading: String,
        /// Column titles and relative widths (scaled to the page width).
        pub columns: Vec<(String, f32)>,
        pub rows: Vec<Row>,
    }

    /// A table row: a cell per column (missing cells are empty, extra
    /// ones ignored) and an optional background for the whole row.
    pub(crate) struct Row {
        pub cells: Vec<Cell>,
        pub fill: Option<Rgb>,
    }

    impl Row {
        pub(crate) fn new(cells: Vec<Cell>) -> Row {
            Row { cells, fill: None }
        }
    }

    /// A cell's text (wrapped to the column) and looks; its own
    /// background, when set, wins over the row's.
    pub(crate) struct Cell {
        pub text: String,
        pub bold: bool,
        pub colour: Rgb,
        pub fill: Option<Rgb>,
    }

    impl Cell {
        pub(crate) fn new(text: impl Into<String>) -> Cell {
            Cell {
                text: text.into(),
                bold: false,
                colour: BLACK,
                fill: None,
            }
        }
        pub(crate) fn bold(self) -> Cell {
            Cell { bold: true, ..self }
        }
        pub(crate) fn colour(self, colour: Rgb) -> Cell {
            Cell { colour, ..self }
        }
        pub(crate) fn fill(self, fill: Rgb) -> Cell {
            Cell {
                fill: Some(fill),
                ..self
            }
        }
    }

    // -------------------------------------------------------- fonts and text
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Src {
        Main,
        Cjk,
        Emoji,
    }

    struct Faces {
        main: Face<'static>,
        cjk: Face<'static>,
        emoji: Face<'static>,
    }

    static FACES: LazyLock<Option<Faces>> = LazyLock::new(|| {
        Some(Faces {
            main: Face::from_slice(FONT_MAIN, 0)?,
            cjk: Face::from_slice(FONT_CJK, 0)?,
            emoji: Face::from_slice(FONT_EMOJI, 0)?,
        })
    });

    /// Format characters that draw nothing; dropped when no font has them.
    fn ignorable(c: char) -> bool {
        matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}'
            // Emoji skin-tone modifiers: meaningless without a colour emoji.
            | '\u{1F3FB}'..='\u{1F3FF}')
    }

    /// Marks and embeddings that steer the bidi algorithm: kept for it,
    /// then left out of what is drawn.
    fn bidi_control(c: char) -> bool {
        matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }

    /// Ideographs, kana, hangul and full-width forms: a line may break
    /// between any two of them.
    fn is_wide(c: char) -> bool {
        matches!(c as u32,
            0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
    }

    /// Closing punctuation that must not start a line, and opening
    /// punctuation that must not end one.
    const NO_BREAK_BEFORE: &str = "，。、：；！？）」』】〉》〕］｝”’…‥・ー々〜,.:;!?)]}%";
    const NO_BREAK_AFTER: &str = "（「『【〈《〔［｛“‘([{";

    fn break_between(a: char, b: char) -> bool {
        if b == ' ' {
            return false;
        }
        if a == ' ' {
            return true;
        }
        (is_wide(a) || is_wide(b)) && !NO_BREAK_BEFORE.contains(b) && !NO_BREAK_AFTER.contains(a)
    }

    /// Splits a paragraph where lines may break; each piece keeps the
    /// spaces that follow it.
    fn tokens(p: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut prev: Option<char> = None;
        for (i, c) in p.char_indices() {
            if prev.is_some_and(|a| break_between(a, c)) {
                out.push(&p[start..i]);
                start = i;
            }
            prev = Some(c);
        }
        if start < p.len() {
            out.push(&p[start..]);
        }
        out
    }

    /// One wrapped line and the direction of its paragraph.
    #[derive(Clone, Debug, PartialEq)]
    pub(super) struct Line {
        pub text: String,
        pub rtl: bool,
    }

    /// A run of glyphs in one font, in visual order within a line.
    struct Piece {
        src: Src,
        text: String,
        glyphs: Vec<KrillaGlyph>,
        /// Advance in ems.
        advance: f32,
    }

    impl Faces {
        fn src(&self, c: char) -> Option<Src> {
            if self.main.glyph_index(c).is_some() {
                Some(Src::Main)
            } else if self.cjk.glyph_index(c).is_some() {
                Some(Src::Cjk)
            } else if self.emoji.glyph_index(c).is_some() {
                Some(Src::Emoji)
            } else {
                None
            }
        }

        fn face(&self, src: Src) -> &Face<'static> {
            match src {
                Src::Main => &self.main,
                Src::Cjk => &self.cjk,
                Src::Emoji => &self.emoji,
            }
        }

        /// Width of a character in ems, from the font's advance.
        fn advance(&self, c: char) -> f32 {
            if bidi_control(c) {
                return 0.0;
            }
            let Some(src) = self.src(c) else { return 1.0 };
            let face = self.face(src);
            let adv = face
                .glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(0);
            f32::from(adv) / face.units_per_em().max(1) as f32
        }

        fn width(&self, s: &str, size: f32) -> f32 {
            s.chars().map(|c| self.advance(c)).sum::<f32>() * size
        }

        /// Newlines normalised to `\n`, tabs to spaces, controls and
        /// invisible format characters dropped, and anything neither font
        /// has replaced by the placeholder: every character left is drawable.
        fn clean(&self, s: &str) -> String {
            let s = s.replace("\r\n", "\n").replace('\r', "\n");
            s.chars()
                .filter_map(|c| match c {
                    '\n' => Some('\n'),
                    '\t' => Some(' '),
                    c if bidi_control(c) => Some(c),
                    c if c.is_control() || ignorable(c) => None,
                    c if self.src(c).is_some() => Some(c),
                    _ => Some(PLACEHOLDER),
                })
                .collect()
        }

        /// Wraps `text` into lines no wider than `width` at `size`: at
        /// spaces, between CJK characters, and inside a word only when the
        /// word alone is wider than the line. Blank lines are kept.
        pub(super) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<Line> {
            let text = self.clean(text);
            let mut out = Vec::new();
            for para in text.trim_matches('\n').split('\n') {
                let rtl = unicode_bidi::get_base_direction(para) == unicode_bidi::Direction::Rtl;
                let push = |out: &mut Vec<Line>, s: &str| {
                    out.push(Line {
                        text: s.trim_end().to_string(),
                        rtl,
                    })
                };
                let para = para.trim_end();
                if para.is_empty() {
                    push(&mut out, "");
                    continue;
                }
                let mut line = String::new();
                for tok in tokens(para) {
                    let candidate = format!("{line}{tok}");
                    if self.width(candidate.trim_end(), size) <= width {
                        line = candidate;
                        continue;
                    }
                    if !line.trim().is_empty() {
                        push(&mut out, &line);
                    }
                    line.clear();
                    if self.width(tok.trim_end(), size) <= width {
                        line.push_str(tok);
                        continue;
                    }
                    // A word wider than the line: break it anywhere.
                    for c in tok.chars() {
                        line.push(c);
                        if self.width(line.trim_end(), size) > width && line.chars().count() > 1 {
                            line.pop();
                            push(&mut out, &line);
                            line.clear();
                            line.push(c);
                        }
                    }
                }
                if !line.trim().is_empty() {
                    push(&mut out, &line);
                }
            }
            out
        }

        /// Runs of one font in logical order.
        fn font_runs<'t>(&self, s: &'t str) -> Vec<(Src, &'t str)> {
            let mut out: Vec<(Src, &str)> = Vec::new();
            let mut start = 0;
            let mut cur: Option<Src> = None;
            for (i, c) in s.char_indices() {
                // Spaces and punctuation both fonts have stay in the run.
                let src = match (cur, self.src(c)) {
                    (Some(Src::Cjk), Some(Src::Main)) if self.cjk.glyph_index(c).is_some() => {
                        Src::Cjk
                    }
                    (_, Some(src)) => src,
                    (_, None) => Src::Main,
                };
                if cur.is_some_and(|k| k != src) {
                    out.push((cur.unwrap_or(Src::Main), &s[start..i]));
                    start = i;
                }
                cur = Some(src);
            }
            if let Some(src) = cur {
                out.push((src, &s[start..]));
            }
            out
        }

        fn shape(&self, src: Src, text: &str, rtl: bool) -> Piece {
            let face = self.face(src);
            let mut buf = UnicodeBuffer::new();
            buf.push_str(text);
            buf.guess_segment_properties();
            buf.set_direction(if rtl {
                Direction::RightToLeft
            } else {
                Direction::LeftToRight
            });
            let shaped = rustybuzz::shape(face, &[], buf);
            let upem = face.units_per_em().max(1) as f32;
            let infos = shaped.glyph_infos();
            let mut clusters: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
            clusters.sort_unstable();
            clusters.dedup();
            let mut advance = 0.0;
            let glyphs = infos
                .iter()
                .zip(shaped.glyph_positions())
                .map(|(info, pos)| {
                    let start = info.cluster as usize;
                    let next = clusters.partition_point(|c| *c <= start);
                    let end = clusters.get(next).copied().unwrap_or(text.len());
                    advance += pos.x_advance as f32 / upem;
                    KrillaGlyph::new(
                        GlyphId::new(info.glyph_id),
                        pos.x_advance as f32 / upem,
                        pos.x_offset as f32 / upem,
                        pos.y_offset as f32 / upem,
                        pos.y_advance as f32 / upem,
                        start..end,
                        None,
                    )
                })
                .collect();
            Piece {
                src,
                text: text.to_string(),
                glyphs,
                advance,
            }
        }

        /// The line's glyph runs in visual order (Unicode bidi algorithm).
        fn shape_line(&self, line: &Line) -> Vec<Piece> {
            if line.text.is_empty() {
                return Vec::new();
            }
            let level = if line.rtl { Level::rtl() } else { Level::ltr() };
            let info = BidiInfo::new(&line.text, Some(level));
            let mut pieces = Vec::new();
            for para in &info.paragraphs {
                let (levels, runs) = info.visual_runs(para, para.range.clone());
                for run in runs {
                    let rtl = levels[run.start].is_rtl();
                    let text: String = line.text[run]
                        .chars()
                        .filter(|c| !bidi_control(*c))
                        .collect();
                    let mut segs = self.font_runs(&text);
                    if rtl {
                        segs.reverse();
                    }
                    for (src, s) in segs {
                        pieces.push(self.shape(src, s, rtl));
                    }
                }
            }
            pieces
        }
    }

    // -------------------------------------------------------- layout

    #[derive(Clone, Copy)]
    struct Style {
        size: f32,
        colour: Rgb,
        bold: bool,
    }

    const BODY_STYLE: Style = Style {
        size: BODY,
        colour: BLACK,
        bold: false,
    };

    enum Op {
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

    struct Layout<'f> {
        faces: &'f Faces,
        pages: Vec<Vec<Op>>,
        y: f32,
        /// The left edges of the current table's columns, and its right edge.
        col_x: Vec<f32>,
    }

    /// One table row, wrapped: the lines, style and background of each cell.
    struct Cells {
        lines: Vec<Vec<Line>>,
        styles: Vec<Style>,
        fills: Vec<Option<Rgb>>,
    }

    impl Cells {
        /// Lines of the tallest cell (at least one).
        fn height(&self) -> usize {
            self.lines.iter().map(Vec::len).max().unwrap_or(0).max(1)
        }
    }

    impl Layout<'_> {
        fn op(&mut self, op: Op) {
            if let Some(page) = self.pages.last_mut() {
                page.push(op);
            }
        }

        fn new_page(&mut self) {
            self.pages.push(Vec::new());
            self.y = TOP;
        }

        fn room(&self) -> f32 {
            BOTTOM - self.y
        }

        /// Lines of text, continuing on a new page at the bottom.
        fn text(&mut self, x: f32, w: f32, text: &str, style: Style) {
            for line in self.faces.wrap(text, style.size, w) {
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

        fn cols(&self) -> usize {
            self.col_x.len() - 1
        }

        fn col_w(&self, i: usize) -> f32 {
            self.col_x[i + 1] - self.col_x[i]
        }

        /// Spreads the columns' relative widths over the page width.
        fn set_columns(&mut self, widths: impl ExactSizeIterator<Item = f32>) {
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

        /// The table's heading; on a continuation page, on one line.
        fn heading(&mut self, heading: &str, continued: bool) {
            let style = Style {
                size: HEADING,
                colour: BLACK,
                bold: true,
            };
            self.y += 6.0;
            if continued {
                let more = " (continued)";
                let w = CONTENT_W - self.faces.width(&format!("…{more}"), HEADING) - 2.0;
                let lines = self.faces.wrap(heading, HEADING, w);
                let mut label = lines.first().map_or(String::new(), |l| l.text.clone());
                if lines.len() > 1 {
                    label.push('…');
                }
                label.push_str(more);
                self.text(MARGIN, CONTENT_W, &label, style);
            } else {
                self.text(MARGIN, CONTENT_W, heading, style);
            }
            self.y += 2.0;
        }

        /// Height of a table heading (at least one line).
        fn heading_h(&self, heading: &str) -> f32 {
            let lines = self.faces.wrap(heading, HEADING, CONTENT_W).len().max(1);
            8.0 + lines as f32 * HEADING * 1.3
        }

        /// Wraps one row's cells to the current columns.
        fn cells(&self, cells: &[Cell], fill: Option<Rgb>) -> Cells {
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
        fn header_cells(&self, table: &Table) -> Cells {
            let titles: Vec<Cell> = table
                .columns
                .iter()
                .map(|(t, _)| Cell::new(t.as_str()).bold())
                .collect();
            self.cells(&titles, Some(HEADER_FILL))
        }

        fn header_row(&mut self, header: &Cells) {
            let h = header.height() as f32 * LH + 2.0 * PAD;
            if self.room() < h + LH + 2.0 * PAD {
                self.new_page();
            }
            self.segment(header, &vec![0; self.cols()], header.height(), false);
        }

        /// Draws `n` lines of each cell from `offs`, as one bordered row.
        fn segment(&mut self, cells: &Cells, offs: &[usize], n: usize, continued: bool) {
            let h = n as f32 * LH + 2.0 * PAD;
            let y = self.y;
            for (i, fill) in cells.fills.iter().enumerate() {
                if fill.is_some() {
                    self.op(Op::Rect {
                        x: self.col_x[i],
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
                    x: self.col_x[i],
                    y,
                    h,
                });
            }
            for (i, lines) in cells.lines.iter().enumerate() {
                let x = self.col_x[i] + PAD;
                let w = self.col_w(i) - 2.0 * PAD;
                let shown: Vec<Line> = lines.iter().skip(offs[i]).take(n).cloned().collect();
                if shown.is_empty() && continued && i == 0 {
                    self.op(Op::Text {
                        x,
                        y: y + PAD + BODY,
                        w,
                        line: Line {
                            text: "(continued)".into(),
                            rtl: false,
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

        fn continue_page(&mut self, heading: &str, header: &Cells) {
            self.new_page();
            self.heading(heading, true);
            self.header_row(header);
        }

        /// Space a fresh page has for rows under the heading and header.
        fn fresh_room(&self, header: &Cells) -> f32 {
            BOTTOM - TOP - HEADING_H - (header.height() as f32 * LH + 2.0 * PAD)
        }

        fn table(&mut self, table: &Table) {
            self.set_columns(table.columns.iter().map(|(_, w)| *w));
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

        fn row(&mut self, heading: &str, header: &Cells, cells: &Cells) {
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

    // -------------------------------------------------------- drawing

    fn colour(c: Rgb) -> rgb::Color {
        rgb::Color::new(c.0, c.1, c.2)
    }

    fn fill(c: Rgb) -> Fill {
        Fill {
            paint: colour(c).into(),
            ..Fill::default()
        }
    }

    fn stroke(c: Rgb, width: f32) -> Stroke {
        Stroke {
            paint: colour(c).into(),
            width,
            ..Stroke::default()
        }
    }

    /// Draws on a page with the embedded fonts.
    struct Painter<'f> {
        faces: &'f Faces,
        main: Font,
        cjk: Font,
        emoji: Font,
    }

    impl Painter<'_> {
        /// One line of text at baseline `y`; a right-to-left paragraph's
        /// line aligns right in the width `w`.
        fn text(&self, s: &mut Surface, x: f32, y: f32, w: f32, line: &Line, style: Style) {
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

        fn op(&self, s: &mut Surface, op: &Op) {
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
    pub(crate) fn render(doc: &Doc) -> Result<Vec<u8>, String> {
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
            let settings =
                PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("PDF export: bad page size")?;
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

    #[cfg(test)]
    pub(super) fn test_wrap(text: &str, width: f32) -> Vec<Line> {
        FACES.as_ref().expect("fonts").wrap(text, BODY, width)
    }

    #[cfg(test)]
    pub(super) fn test_width(text: &str) -> f32 {
        FACES.as_ref().expect("fonts").width(text, BODY)
    }

    /// Width of a line as shaped for drawing, and its glyph ids.
    #[cfg(test)]
    pub(super) fn test_shaped(line: &Line) -> (f32, Vec<u32>) {
        let pieces = FACES.as_ref().expect("fonts").shape_line(line);
        let w = pieces.iter().map(|p| p.advance).sum::<f32>() * BODY;
        let ids = pieces
            .iter()
            .flat_map(|p| p.glyphs.iter().map(|g| g.glyph_id.to_u32()))
            .collect();
        (w, ids)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use mot_core::session::{FormGroup, FormRow, PlanningForm, Rating};
    use std::io::Cursor;
    use time::macros::date;

    const NON_ASCII: &str = "Café ü 😀 שלום";
    const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";
    const LONG_END: &str = "zebra quokka narwhal";

    /// About 3,000 characters, ending with [`LONG_END`].
    fn long_description() -> String {
        let mut s = String::new();
        let mut n = 0;
        while s.len() < 2950 {
            n += 1;
            s.push_str(&format!(
                "Step {n}: the customer waits at the till while the card machine reconnects. "
            ));
        }
        s.push_str(LONG_END);
        s
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        id: i64,
        moment: &str,
        description: &str,
        issue: &str,
        ranking: Option<Rating>,
        action: &str,
        priority: bool,
    ) -> FormRow {
        FormRow {
            moment_id: id,
            moment: moment.into(),
            description: description.into(),
            expectation: String::new(),
            reality: String::new(),
            issue: issue.into(),
            ranking,
            action: action.into(),
            priority,
        }
    }

    fn fixture() -> PlanningForm {
        use Rating::*;
        PlanningForm {
            business: "Möbel Müller & Söhne".into(),
            journey: "Buying a sofa".into(),
            session: "Spring review".into(),
            held_on: date!(2026 - 05 - 04),
            groups: vec![
                FormGroup {
                    channel: "Store visit".into(),
                    icon: "S".into(),
                    rows: vec![
                        row(
                            1,
                            "Store first impressions",
                            "Customer walks in and looks for the department they want",
                            "Signage unclear; visitors can't see where to go in a 3-second look; we see them frowning",
                            Some(Miserable),
                            "Generate three alternative signage designs (Ana Lima, by 2026-05-20)\nAsk frowning visitors what they look for, to choose the signs needed (Ben Cohen)",
                            true,
                        ),
                        row(
                            2,
                            NON_ASCII,
                            "Coffee corner at the entrance: crème brûlée, Straße pretzels",
                            "Queue | blocks the door",
                            Some(Magical),
                            "Keep the barista on Saturdays (Dana Levi)",
                            true,
                        ),
                        row(
                            3,
                            "Paying at the till",
                            &long_description(),
                            "Card machine drops the connection",
                            Some(Neutral),
                            "Replace the router (IT, by 2026-06-01)\nTrain staff to take cash meanwhile (Eli)\nReview in June (Fay)",
                            false,
                        ),
                        row(
                            4,
                            "Returns desk",
                            "Customer brings back a damaged item",
                            FORMULA,
                            Some(Miserable),
                            "-5% voucher for the trouble (Gus)",
                            false,
                        ),
                    ],
                },
                FormGroup {
                    channel: "Website".into(),
                    icon: "W".into(),
                    rows: vec![
                        row(
                            5,
                            "网上订购",
                            "顾客在网上选择沙发并付款。",
                            "付款页面太慢",
                            Some(Miserable),
                            "优化付款流程 (Hui, by 2026-06-15)",
                            true,
                        ),
                        row(
                            6,
                            "Delivery slot booking",
                            "مرحبا: the customer picks a delivery day",
                            "+1 extra step to log in",
                            Some(Neutral),
                            "@web-team: remove the login step",
                            false,
                        ),
                        row(
                            7,
                            "Product page",
                            "Photos, sizes, fabric samples 🦄",
                            "Sizes in inches only",
                            None,
                            "",
                            false,
                        ),
                        row(
                            8,
                            "Order confirmation e-mail",
                            "Sent right after payment",
                            "",
                            Some(Magical),
                            "",
                            false,
                        ),
                    ],
                },
                FormGroup {
                    channel: "No channel yet".into(),
                    icon: "?".into(),
                    rows: vec![
                        row(
                            9,
                            "Delivery day",
                            "Two people carry the sofa in",
                            "\tDrivers arrive unannounced",
                            Some(Miserable),
                            "Text the customer 30 minutes before (Ivy)",
                            false,
                        ),
                        row(
                            10,
                            "\rAfter-sales call",
                            "A call a week later",
                            "",
                            None,
                            "Script the call (Jon)\n- ask about the fabric\n- ask about the legs",
                            false,
                        ),
                        row(
                            11,
                            "Warranty claim",
                            "Customer reports a fault",
                            "The form asks for the order number nobody keeps",
                            Some(Neutral),
                            "",
                            false,
                        ),
                        row(
                            12,
                            "Ελληνικά & Кириллица",
                            "Greek and Cyrillic names",
                            "",
                            Some(Magical),
                            "",
                            false,
                        ),
                    ],
                },
            ],
        }
    }

    /// The nine cells of every row, independently of the exporter.
    fn expected_rows(form: &PlanningForm) -> Vec<[String; 9]> {
        let mut out = Vec::new();
        for g in &form.groups {
            for r in &g.rows {
                let ranking = match r.ranking {
                    Some(Rating::Miserable) => "Miserable",
                    Some(Rating::Neutral) => "Neutral",
                    Some(Rating::Magical) => "Magical",
                    None => "",
                };
                out.push([
                    g.channel.clone(),
                    r.moment.clone(),
                    r.description.clone(),
                    r.expectation.clone(),
                    r.reality.clone(),
                    r.issue.clone(),
                    ranking.to_string(),
                    r.action.clone(),
                    if r.priority { "Yes" } else { "" }.to_string(),
                ]);
            }
        }
        out
    }

    /// Optional: `MOT_EXPORT_DUMP=/some/dir` keeps the files to look at.
    pub(crate) fn dump(name: &str, bytes: &[u8]) {
        if let Ok(dir) = std::env::var("MOT_EXPORT_DUMP") {
            std::fs::write(std::path::Path::new(&dir).join(name), bytes).expect("dump");
        }
    }

    #[test]
    fn csv_has_a_bom_the_header_and_every_cell() {
        let form = fixture();
        let bytes = to_csv(&form);
        dump("form.csv", &bytes);
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM first");
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..]);
        let records: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
            .collect();
        assert_eq!(
            records[0],
            [
                "Channel",
                "Moment of truth",
                "Description",
                "Customers expect",
                "What happens now",
                "Issue / problem",
                "Ranking",
                "Action",
                "Priority"
            ]
        );
        let expected = expected_rows(&form);
        assert_eq!(records.len(), 1 + expected.len());
        assert_eq!(expected.len(), 12);
        for (got, want) in records[1..].iter().zip(&expected) {
            let want: Vec<String> = want
                .iter()
                .map(|c| {
                    let risky = ["=", "+", "-", "@", "\t", "\r"]
                        .iter()
                        .any(|p| c.starts_with(p));
                    if risky {
                        format!("'{c}")
                    } else {
                        c.clone()
                    }
                })
                .collect();
            assert_eq!(got, &want);
        }
        // The risky cells, spelled out.
        assert_eq!(records[4][5], format!("'{FORMULA}"));
        assert_eq!(records[4][7], "'-5% voucher for the trouble (Gus)");
        assert_eq!(records[6][5], "'+1 extra step to log in");
        assert_eq!(records[6][7], "'@web-team: remove the login step");
        assert_eq!(records[9][5], "'\tDrivers arrive unannounced");
        assert_eq!(records[10][1], "'\rAfter-sales call");
        // Untouched: non-ASCII, multi-line and long text.
        assert_eq!(records[2][1], NON_ASCII);
        assert_eq!(records[5][1], "网上订购");
        assert_eq!(records[3][2], long_description());
        assert!(records[1][7].contains('\n'));
        assert_eq!(records[1][6], "Miserable");
        assert_eq!(records[1][8], "Yes");
        assert_eq!(records[7][6], "");
    }

    /// The fixture with what the team agreed customers expect and what
    /// happens now on two rows, one of them with a formula-like text.
    fn fixture_with_expectations() -> PlanningForm {
        let mut form = fixture();
        let first = &mut form.groups[0].rows[0];
        first.expectation = "Finds the department at a glance".into();
        first.reality = "Walks around frowning".into();
        let returns = &mut form.groups[0].rows[3];
        returns.expectation = "=1+1 a refund on the spot".into();
        form
    }

    #[test]
    fn the_agreed_expectation_and_what_happens_now_are_in_every_format() {
        let form = fixture_with_expectations();
        let csv = to_csv(&form);
        let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&csv[3..])
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(
            (records[0][3].as_str(), records[0][4].as_str()),
            ("Customers expect", "What happens now")
        );
        assert_eq!(
            (records[1][3].as_str(), records[1][4].as_str()),
            ("Finds the department at a glance", "Walks around frowning")
        );
        assert_eq!(
            records[4][3], "'=1+1 a refund on the spot",
            "neutralised like any cell"
        );
        assert_eq!(records[2][3], "");

        let bytes = to_xlsx(&form).expect("xlsx");
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
        let range = book.worksheet_range("Contact planning form").unwrap();
        assert_eq!(
            (cell(&range, 3, 3), cell(&range, 3, 4)),
            (
                "Customers expect".to_string(),
                "What happens now".to_string()
            )
        );
        assert_eq!(cell(&range, 4, 3), "Finds the department at a glance");
        assert_eq!(cell(&range, 4, 4), "Walks around frowning");
        assert_eq!(
            cell(&range, 7, 3),
            "=1+1 a refund on the spot",
            "text, not a formula"
        );

        let md = to_markdown(&form);
        assert!(
            md.contains("| Customers expect: Finds the department at a glance<br>What happens now: Walks around frowning<br>Issue: Signage unclear"),
            "{md}"
        );

        let text = squash(&pdf_extract::extract_text_from_mem(&to_pdf(&form).unwrap()).unwrap());
        assert_in_order(
            &text,
            [
                "Storefirstimpressions",
                "Customersexpect:Findsthedepartmentataglance",
                "Whathappensnow:Walksaroundfrowning",
                "Issue:Signageunclear",
            ],
        );
    }

    fn cell(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
        match range.get_value((r, c)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(other) => panic!("cell ({r},{c}) is not text: {other:?}"),
        }
    }

    #[test]
    fn xlsx_reads_back_cell_by_cell_as_text_not_formulas() {
        let form = fixture();
        let bytes = to_xlsx(&form).expect("xlsx");
        dump("form.xlsx", &bytes);
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
        assert_eq!(book.sheet_names(), ["Contact planning form"]);
        let range = book
            .worksheet_range("Contact planning form")
            .expect("the sheet");
        assert_eq!(
            cell(&range, 0, 0),
            "Möbel Müller & Söhne · Buying a sofa · Spring review · 2026-05-04"
        );
        let expected = expected_rows(&form);
        let mut r = 2;
        let mut i = 0;
        let mut formula_cell = None;
        for group in &form.groups {
            assert_eq!(cell(&range, r, 0), group.channel, "group heading row {r}");
            r += 1;
            for (c, h) in CSV_HEADER.iter().enumerate() {
                assert_eq!(cell(&range, r, c as u32), *h, "header row {r}");
            }
            r += 1;
            for _ in &group.rows {
                for (c, want) in expected[i].iter().enumerate() {
                    if want == FORMULA {
                        formula_cell = Some((r, c as u32));
                    }
                    assert_eq!(&cell(&range, r, c as u32), want, "cell ({r},{c})");
                }
                r += 1;
                i += 1;
            }
            r += 1;
        }
        assert_eq!(i, 12);
        // Spelled out: non-ASCII, the long text whole, the formula as text.
        assert_eq!(cell(&range, 4, 1), "Store first impressions");
        assert_eq!(cell(&range, 5, 1), NON_ASCII);
        let long = cell(&range, 6, 2);
        assert_eq!(long.chars().count(), long_description().chars().count());
        assert!(long.ends_with(LONG_END));
        let (fr, fc) = formula_cell.expect("the formula-like cell");
        assert_eq!(cell(&range, fr, fc), FORMULA);
        let formulas = book
            .worksheet_formula("Contact planning form")
            .expect("formula range");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no cell is a formula"
        );
        assert!(formulas.get_value((fr, fc)).is_none_or(|f| f.is_empty()));
    }

    #[test]
    fn xlsx_cuts_only_past_excels_cell_limit_and_says_so() {
        let mut form = fixture();
        form.groups[0].rows[0].description = "a".repeat(40_000);
        let bytes = to_xlsx(&form).expect("xlsx");
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
        let range = book.worksheet_range("Contact planning form").unwrap();
        let text = cell(&range, 4, 2);
        assert_eq!(text.chars().count(), 32_767);
        assert!(text.ends_with("the CSV export has the full text]"));
    }

    #[test]
    fn markdown_has_a_table_per_channel_with_escapes_and_stars() {
        let md = to_markdown(&fixture());
        dump("form.md", md.as_bytes());
        assert!(md.starts_with("# Contact planning form\n"));
        assert!(
            md.contains("**Möbel Müller \\& Söhne** · Buying a sofa · Spring review · 2026-05-04")
        );
        for h in ["## Store visit", "## Website", "## No channel yet"] {
            assert!(md.contains(&format!("\n{h}\n")), "{h}");
        }
        let header = "| Moment of truth | Description | Issue / problem | Ranking | Action |";
        assert_eq!(md.matches(header).count(), 3);
        assert_eq!(md.matches("\n|---|---|---|---|---|\n").count(), 3);
        assert!(md.contains("| ★ Store first impressions | Customer walks in"));
        assert!(md.contains(&format!("| ★ {NON_ASCII} |")));
        assert!(md.contains("| ★ 网上订购 |"));
        assert!(
            md.contains("| Paying at the till |"),
            "no star without priority"
        );
        assert!(md.contains("Queue \\| blocks the door"));
        assert!(md.contains("(Ana Lima, by 2026-05-20)<br>Ask frowning visitors"));
        assert!(md.contains("<br>- ask about the fabric<br>- ask about the legs |"));
        assert!(md.contains("| Miserable |") && md.contains("| Magical |"));
        assert!(md.contains(LONG_END));
        // Every table line has exactly six unescaped pipes: no cell broke out.
        let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(rows.len(), 3 * 2 + 12);
        for line in rows {
            let pipes = line.replace("\\|", "").matches('|').count();
            assert_eq!(pipes, 6, "{line}");
        }
    }

    #[test]
    fn markdown_keeps_html_out() {
        let mut form = fixture();
        form.groups[0].rows[0].issue = "<script>alert(1)</script>".into();
        let md = to_markdown(&form);
        assert!(md.contains("&lt;script>alert(1)&lt;/script>"));
        assert!(!md.contains("<script>"));

        // A backslash before a pipe cannot unescape it.
        form.groups[0].rows[0].issue = r"C:\temp\|x".into();
        let md = to_markdown(&form);
        assert!(md.contains(r"| C:\\temp\\\|x |"), "{md}");
    }

    #[test]
    fn markdown_shows_user_text_as_typed_and_makes_no_link_image_html_or_formatting() {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let link = "[click](javascript:alert(1)) ![i](http://x.invalid/p.png)";
        let texts = [
            link,
            "<https://x.invalid/a> <img src=x onerror=alert(1)>",
            "*bold* __strong__ `code` ~~gone~~ ~sub~ ^sup^ $x^2$ [[Wiki]]",
            "[ref]: http://x.invalid/r [ref] [^1] ![also][ref]",
            "&lt;b&gt; &#x5b;x&#x5d;(http://x.invalid) \\[not\\](escaped)",
            "# not a heading | not a cell | - [ ] not a task",
            "see www.x.invalid, https://x.invalid/y or mail a@x.invalid",
        ];
        let mut form = fixture();
        form.business = link.into();
        form.journey = texts[2].into();
        form.session = texts[4].into();
        form.groups[0].channel = link.into();
        let row = &mut form.groups[0].rows[0];
        row.moment = texts[1].into();
        row.description = texts[3].into();
        row.issue = texts[5].into();
        row.action = format!("{}\n{}", texts[6], link);
        form.groups[0].rows[1].moment = texts[0].into();
        let md = to_markdown(&form);
        dump("hostile.md", md.as_bytes());

        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_MATH
            | Options::ENABLE_GFM
            | Options::ENABLE_SUPERSCRIPT
            | Options::ENABLE_SUBSCRIPT
            | Options::ENABLE_WIKILINKS
            | Options::ENABLE_DEFINITION_LIST;
        // Text of each block (heading, paragraph, cell), escapes undone.
        let mut shown = Vec::new();
        let mut current = String::new();
        let mut strong = 0;
        for event in Parser::new_ext(&md, options) {
            match event {
                Event::Start(Tag::Strong) => strong += 1,
                Event::Start(Tag::Link { dest_url, .. }) => {
                    panic!("a link to {dest_url} in:\n{md}")
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    panic!("an image of {dest_url} in:\n{md}")
                }
                Event::Start(
                    t @ (Tag::Emphasis
                    | Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript
                    | Tag::FootnoteDefinition(_)
                    | Tag::HtmlBlock
                    | Tag::List(_)
                    | Tag::Item),
                ) => panic!("{t:?} from user text in:\n{md}"),
                Event::Html(h) | Event::InlineHtml(h) => {
                    assert_eq!(&*h, "<br>", "only our own line breaks are HTML");
                    current.push('\n');
                }
                Event::Code(c) | Event::InlineMath(c) | Event::DisplayMath(c) => {
                    panic!("code or math {c:?} from user text in:\n{md}")
                }
                Event::FootnoteReference(r) => panic!("a footnote {r} in:\n{md}"),
                Event::TaskListMarker(_) => panic!("a task list in:\n{md}"),
                Event::Text(t) => current.push_str(&t),
                Event::End(_) => shown.push(std::mem::take(&mut current)),
                _ => {}
            }
        }
        assert_eq!(
            strong, 1,
            "only the business name in the title is bold:\n{md}"
        );
        for t in texts {
            assert!(
                shown.iter().any(|s| s.contains(t)),
                "{t:?} shown as typed in {shown:#?}"
            );
        }
        assert!(
            shown.contains(&format!("{}\n{}", texts[6], link)),
            "{shown:#?}"
        );
        // Renderers that link bare addresses (GitHub's) find none either.
        let bare = md.replace("\\://", "");
        assert!(
            !bare.contains("://") && !md.contains("www.") && !md.contains("a@x"),
            "{md}"
        );
    }

    /// Without whitespace: the extractor joins wrapped lines without a space.
    pub(crate) fn squash(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Asserts every page is A4 landscape; answers the number of pages.
    pub(crate) fn assert_a4_landscape(bytes: &[u8]) -> usize {
        let doc = pdf_extract::Document::load_mem(bytes).expect("a PDF");
        let pages = doc.get_pages();
        for id in pages.values() {
            let page = doc.get_dictionary(*id).expect("page");
            let media = page
                .get(b"MediaBox")
                .and_then(|m| m.as_array())
                .expect("MediaBox");
            let n: Vec<f32> = media.iter().map(|o| o.as_float().unwrap()).collect();
            assert_eq!(
                ((n[2] - n[0]).round(), (n[3] - n[1]).round()),
                (842.0, 595.0),
                "A4 landscape"
            );
        }
        pages.len()
    }

    /// Each word occurs in `squashed` after the previous one.
    fn assert_in_order<'a>(squashed: &str, words: impl IntoIterator<Item = &'a str>) {
        let mut at = 0;
        for w in words {
            match squashed[at..].find(w) {
                Some(i) => at += i + w.len(),
                None => panic!("{w:?} missing or out of order"),
            }
        }
    }

    #[test]
    fn pdf_is_a4_landscape_with_extractable_text_on_several_pages() {
        let form = fixture();
        let bytes = to_pdf(&form).expect("pdf");
        dump("form.pdf", &bytes);
        assert!(
            assert_a4_landscape(&bytes) >= 2,
            "the long row continues on a new page"
        );

        let by_page = pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("text");
        let by_page: Vec<String> = by_page.iter().map(|p| squash(p)).collect();
        let all = by_page.concat();
        assert!(all.contains("Contactplanningform"));
        assert!(all.contains(&squash(
            "Möbel Müller & Söhne · Buying a sofa · Spring review · 2026-05-04"
        )));
        for h in [
            "Moment of truth",
            "Description",
            "Issue / problem",
            "Ranking",
            "Action",
        ] {
            assert!(all.contains(&squash(h)), "{h}");
        }
        for g in &form.groups {
            assert!(all.contains(&squash(&g.channel)), "{}", g.channel);
            for r in &g.rows {
                if r.moment == NON_ASCII {
                    continue;
                }
                assert!(all.contains(&squash(&r.moment)), "moment {:?}", r.moment);
            }
        }
        // Latin with accents and the emoji DejaVu has, in order; Hebrew
        // letters present (visual order may reverse them).
        assert!(all.contains("Caféü😀"), "{all}");
        let hebrew = "שלום";
        let reversed: String = hebrew.chars().rev().collect();
        assert!(all.contains(hebrew) || all.contains(&reversed), "Hebrew");
        for c in "مرحبا".chars() {
            assert!(all.contains(c), "Arabic letter {c}");
        }
        for t in [
            "crèmebrûlée",
            "Straße",
            "顾客在网上选择沙发并付款。",
            "Ελληνικά&Кириллица",
            "★",
        ] {
            assert!(all.contains(t), "{t}");
        }
        // The unicorn comes from the embedded emoji font, not a placeholder.
        assert!(all.contains("samples🦄"), "{all}");
        assert!(!all.contains('\u{FFFD}'), "{all}");
        for r in ["Miserable", "Neutral", "Magical"] {
            assert!(all.contains(r), "{r}");
        }
        assert!(all.contains(&squash("Ask frowning visitors what they look for")));
        assert!(all.contains(&squash(FORMULA)));

        // The long description wraps and runs on to a later page, whole.
        let start = by_page
            .iter()
            .position(|p| p.contains("Payingatthetill"))
            .expect("the long row");
        let end = by_page
            .iter()
            .position(|p| p.contains(&squash(LONG_END)))
            .expect("the long description's last words");
        assert!(end > start, "last words on a later page ({start} → {end})");
        assert_in_order(&all, long_description().split_whitespace());
        assert!(by_page[end].contains("Storevisit(continued)"));
    }

    #[test]
    fn pdf_prints_emoji_in_a_title_and_reads_them_back() {
        let mut form = fixture();
        let emoji = "🚚🦄👍🔥🎉🤝📦🧾🛋💬";
        form.groups[0].rows[0].moment = format!("Delivery {emoji} on time");
        form.groups[0].rows[1].issue = "Customers 😡 when it is late, 😍 when early".into();
        let bytes = to_pdf(&form).expect("pdf");
        dump("form-emoji.pdf", &bytes);
        let text = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
        assert!(
            text.contains(&squash(&format!("Delivery {emoji} on time"))),
            "{text}"
        );
        assert!(text.contains(&squash("Customers 😡 when it is late, 😍 when early")));
        assert!(!text.contains('\u{FFFD}'), "no placeholder: {text}");
        // Each emoji is drawn with a real glyph, not the .notdef box.
        for line in pdf::test_wrap(emoji, 500.0) {
            let (_, ids) = pdf::test_shaped(&line);
            assert!(!ids.contains(&0), "{:?} has a .notdef glyph", line.text);
        }
        // A script no embedded font has still shows the placeholder.
        form.groups[0].rows[0].moment = "한국어".into();
        let text = pdf_extract::extract_text_from_mem(&to_pdf(&form).unwrap()).unwrap();
        assert!(text.contains('\u{FFFD}'));
    }

    #[test]
    fn pdf_splits_a_row_taller_than_a_page_without_losing_words() {
        let mut form = fixture();
        // Same-length words, so none is a prefix of another.
        let words: Vec<String> = (0..3000).map(|i| format!("w{i:04}")).collect();
        form.groups[1].rows[1].action = words.join(" ");
        form.groups[1].rows[2].description = "ж".repeat(1500);
        let bytes = to_pdf(&form).expect("pdf");
        let text = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
        let pages = pdf_extract::Document::load_mem(&bytes)
            .unwrap()
            .get_pages()
            .len();
        assert!(pages >= 6, "{pages} pages");
        assert_in_order(&text, words.iter().map(String::as_str));
        assert_eq!(
            text.matches('ж').count(),
            1500,
            "a long word broken, not cut"
        );
        assert!(text.contains("Website(continued)"));
    }

    #[test]
    fn pdf_of_an_empty_form_and_odd_text_does_not_fail() {
        let mut form = fixture();
        form.groups.clear();
        let text = pdf_extract::extract_text_from_mem(&to_pdf(&form).unwrap()).unwrap();
        assert!(squash(&text).contains("Nomoments"));

        let mut form = fixture();
        form.groups[0].rows[0].moment =
            "👩‍👩‍👧 🦄🏽 \u{0}\u{7}x\u{200D}\u{FE0F} עברית English עברית 123".into();
        form.groups[0].channel = String::new();
        form.groups[0].rows[1].description = "\n\n\n".into();
        let text = pdf_extract::extract_text_from_mem(&to_pdf(&form).unwrap()).unwrap();
        assert!(text.contains("English"));

        // Names longer than a page: headings and title run on, nothing loops.
        let mut form = fixture();
        form.business = "Business ".repeat(1500);
        form.groups[1].channel = "Channel ".repeat(2000);
        form.groups[1].rows[0].description = long_description().repeat(3);
        let bytes = to_pdf(&form).unwrap();
        let text = squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap());
        assert!(
            text.matches("Channel").count() > 2000,
            "whole, then continued"
        );
        assert!(text.contains("Channel…(continued)"));
        assert!(text.contains(&squash(LONG_END)));
    }

    #[test]
    fn wrapped_lines_fit_their_width_and_keep_every_word() {
        let text = format!("{} {}", long_description(), "汉字测试。".repeat(40));
        for width in [60.0, 120.0, 176.0] {
            let lines = pdf::test_wrap(&text, width);
            assert!(lines.len() > 10);
            for l in &lines {
                assert!(
                    pdf::test_width(&l.text) <= width,
                    "{:?} wider than {width}",
                    l.text
                );
            }
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(squash(&joined), squash(&text));
            // CJK punctuation never starts a line.
            assert!(lines.iter().all(|l| !l.text.starts_with('。')));
        }
        // As shaped for drawing, lines of every script stay within 1 pt of
        // the width they were wrapped to (the cells leave 1 pt of slack),
        // and no glyph is the font's .notdef box.
        let mixed = "مرحبا بكم في متجرنا، نتمنى لكم يوماً سعيداً ".repeat(6)
            + &"שלום לכולם, ברוכים הבאים ".repeat(6)
            + &"AVAVA Týpografie WAWA Straße ".repeat(6)
            + &"顾客在网上选择沙发并付款。".repeat(6)
            + "a\u{200F}b\u{202E}cd\u{202C} (\u{2067}x\u{2069})";
        for width in [60.0, 120.0, 176.0] {
            for line in pdf::test_wrap(&mixed, width) {
                let (w, ids) = pdf::test_shaped(&line);
                assert!(w <= width + 1.0, "{:?}: {w} > {width}", line.text);
                assert!(!ids.contains(&0), "{:?} has a .notdef glyph", line.text);
            }
        }
        let lines = pdf::test_wrap("Line one\n\nline three", 500.0);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["Line one", "", "line three"]
        );
        assert!(pdf::test_wrap("שלום עולם", 500.0)[0].rtl);
    }
}
