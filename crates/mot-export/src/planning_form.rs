//! The contact planning form (the method's worksheet) as CSV, XLSX,
//! Markdown and PDF.

use crate::pdf;
use crate::spreadsheet::{csv_bytes, csv_cell, looks_like_formula, xlsx, xlsx_text};
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

#[cfg(test)]
mod tests;
