//! The contact planning form (the method's worksheet) as CSV, XLSX,
//! Markdown and PDF.

use crate::look::{day, rating, sep};
use crate::pdf;
use crate::spreadsheet::{csv_bytes, csv_cell, looks_like_formula, xlsx, xlsx_text};
use crate::{Lang, Look};
use mot_core::session::{FormAction, FormGroup, FormRow, PlanningForm, Rating};
use mot_i18n::tr;
use std::borrow::Cow;

/// The CSV header (and the XLSX table header) in English: the worksheet's
/// columns, with what the team agreed customers expect and what happens now
/// in columns of their own (the Markdown and PDF put them in the issue's
/// cell). [`csv_header`] gives it in any language.
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

/// The CSV and XLSX header in a language.
pub fn csv_header(lang: Lang) -> [&'static str; 9] {
    [
        tr!(lang, "export-form-col-channel"),
        tr!(lang, "export-form-col-moment"),
        tr!(lang, "export-form-col-description"),
        tr!(lang, "export-form-col-expectation"),
        tr!(lang, "export-form-col-reality"),
        tr!(lang, "export-form-col-issue"),
        tr!(lang, "export-form-col-ranking"),
        tr!(lang, "export-form-col-action"),
        tr!(lang, "export-form-col-priority"),
    ]
}

/// The five columns of the worksheet, as in the Markdown and PDF tables, in
/// English; [`form_columns`] gives them in any language.
pub const FORM_COLUMNS: [&str; 5] = [
    "Moment of truth",
    "Description",
    "Issue / problem",
    "Ranking",
    "Action",
];

/// The five columns of the Markdown and PDF tables in a language.
pub fn form_columns(lang: Lang) -> [&'static str; 5] {
    [
        tr!(lang, "export-form-col-moment"),
        tr!(lang, "export-form-col-description"),
        tr!(lang, "export-form-col-issue"),
        tr!(lang, "export-form-col-ranking"),
        tr!(lang, "export-form-col-action"),
    ]
}

/// Mark of a priority moment in Markdown and PDF.
const STAR: &str = "★ ";

fn ranking(r: Option<Rating>, lang: Lang) -> &'static str {
    r.map_or("", |r| rating(lang, r))
}

fn priority(row: &FormRow, lang: Lang) -> &'static str {
    if row.priority {
        tr!(lang, "export-form-priority-yes")
    } else {
        ""
    }
}

/// The group's channel, or the group of moments without one, named in the
/// language ("No channel yet").
fn channel(group: &FormGroup, lang: Lang) -> &str {
    match &group.channel {
        Some(c) => &c.name,
        None => tr!(lang, "export-form-no-channel"),
    }
}

/// One action as the Action cell shows it, in the language: "what (who,
/// by when)", then a line per step of its ladder, in order: "  1. step, by
/// date (measure)", with "✓ done" on the steps already taken.
fn action_text(a: &FormAction, lang: Lang) -> String {
    let mut s = match a.due {
        Some(d) => tr!(
            lang,
            "export-form-action-due",
            what = &a.what,
            owner = &a.owner,
            date = day(lang, d)
        ),
        None => tr!(lang, "export-form-action", what = &a.what, owner = &a.owner),
    };
    for (i, st) in a.steps.iter().enumerate() {
        let number = i + 1;
        s.push_str("\n  ");
        s.push_str(&match st.target {
            Some(d) => tr!(
                lang,
                "export-form-action-step-due",
                number = number,
                text = &st.text,
                date = day(lang, d)
            ),
            None => tr!(
                lang,
                "export-form-action-step",
                number = number,
                text = &st.text
            ),
        });
        if !st.measure.is_empty() {
            s.push(' ');
            s.push_str(&tr!(
                lang,
                "export-form-action-step-measure",
                measure = &st.measure
            ));
        }
        if st.done {
            s.push(' ');
            s.push_str(tr!(lang, "export-form-action-step-done"));
        }
    }
    s
}

/// The Action cell: the row's actions, one after the other, each with its
/// ladder ([`action_text`]).
fn actions_text(row: &FormRow, lang: Lang) -> String {
    row.actions
        .iter()
        .map(|a| action_text(a, lang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The worksheet's "Issue / problem" cell in the language: what customers
/// expect and what happens now, when agreed, then the issue; just the
/// issue otherwise.
fn issue_text(row: &FormRow, lang: Lang) -> String {
    if row.expectation.is_empty() && row.reality.is_empty() {
        return row.issue.clone();
    }
    [
        (&row.expectation, "export-form-issue-expect"),
        (&row.reality, "export-form-issue-now"),
        (&row.issue, "export-form-issue-issue"),
    ]
    .into_iter()
    .filter(|(t, _)| !t.is_empty())
    .map(|(t, key)| mot_i18n::format(lang, key, &[("text", t.as_str().into())]))
    .collect::<Vec<_>>()
    .join("\n")
}

/// "business · journey · session · date".
fn title_line(form: &PlanningForm, lang: Lang) -> String {
    [
        form.business.as_str(),
        &form.journey,
        &form.session,
        &day(lang, form.held_on),
    ]
    .join(sep(lang))
}

/// The cells of one row, as in [`CSV_HEADER`].
fn row_cells<'a>(group: &'a FormGroup, row: &'a FormRow, lang: Lang) -> [Cow<'a, str>; 9] {
    [
        channel(group, lang).into(),
        row.moment.as_str().into(),
        row.description.as_str().into(),
        row.expectation.as_str().into(),
        row.reality.as_str().into(),
        row.issue.as_str().into(),
        ranking(row.ranking, lang).into(),
        actions_text(row, lang).into(),
        priority(row, lang).into(),
    ]
}

// ---------------------------------------------------------------- CSV

/// The form as CSV: UTF-8 with a BOM, CRLF line ends, the header
/// ([`csv_header`]) and one record per row in group order. The form has no
/// numbers; German separates fields by semicolons (see the crate's notes).
pub fn to_csv(form: &PlanningForm, look: &Look) -> Vec<u8> {
    let lang = look.lang;
    let header = csv_header(lang).map(Cow::Borrowed);
    let rows = form.groups.iter().flat_map(|g| {
        g.rows.iter().map(move |r| {
            row_cells(g, r, lang).map(|c| match c {
                Cow::Borrowed(s) => csv_cell(s),
                Cow::Owned(s) => csv_cell(&s).into_owned().into(),
            })
        })
    });
    csv_bytes(std::iter::once(header).chain(rows), lang)
}

// ---------------------------------------------------------------- XLSX

/// Where [`CSV_HEADER`] has the ranking.
const RANKING_COL: usize = 6;

/// The form as an Excel workbook with one sheet, "Contact planning form" (in
/// the language): the brand's name when branded, a title row, then per
/// channel a bold heading row, the header row and the rows. Every cell is a
/// string cell (never a formula), wrapped; printing is landscape A4, one
/// page wide, with the header row repeated on each page. The sheet runs
/// right to left in a right-to-left language.
pub fn to_xlsx(form: &PlanningForm, look: &Look) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::Workbook;
    use xlsx::{cell, err as e, heading as heading_format, title as title_format};

    let lang = look.lang;
    let header_titles = csv_header(lang);
    let last_col = (header_titles.len() - 1) as u16;
    let name = tr!(lang, "export-form-title");

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(name).map_err(e)?;
    for (col, width) in [16.0, 28.0, 36.0, 30.0, 30.0, 36.0, 11.0, 44.0, 9.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width).map_err(e)?;
    }
    xlsx::page_setup(sheet, name, look);
    let top = xlsx::brand_row(sheet, last_col + 1, look)?;

    let title = title_line(form, lang);
    sheet
        .merge_range(
            top,
            0,
            top,
            last_col,
            &xlsx_text(&title, lang),
            &title_format(looks_like_formula(&title), look),
        )
        .map_err(e)?;
    sheet.set_row_height(top, 24).map_err(e)?;

    let mut r: u32 = top + 2;
    let mut first_header = None;
    for group in &form.groups {
        let channel = channel(group, lang);
        sheet
            .merge_range(
                r,
                0,
                r,
                last_col,
                &xlsx_text(channel, lang),
                &heading_format(looks_like_formula(channel), look),
            )
            .map_err(e)?;
        sheet.set_row_height(r, 20).map_err(e)?;
        r += 1;
        let header = xlsx::header(look);
        for (c, h) in header_titles.iter().enumerate() {
            sheet
                .write_string_with_format(r, c as u16, *h, &header)
                .map_err(e)?;
        }
        first_header.get_or_insert(r);
        r += 1;
        for row in &group.rows {
            let fill = if row.priority { Some(0xFFF6D5) } else { None };
            for (c, text) in row_cells(group, row, lang).into_iter().enumerate() {
                let fill = match (c, row.ranking) {
                    (RANKING_COL, Some(Rating::Miserable)) => Some(0xF8D7DA),
                    (RANKING_COL, Some(Rating::Magical)) => Some(0xD4EDDA),
                    _ => fill,
                };
                let format = cell(fill, c == 1, looks_like_formula(&text));
                sheet
                    .write_string_with_format(r, c as u16, xlsx_text(&text, lang), &format)
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
/// carry "★ ". Words, numbers and dates in the look's language.
pub fn to_markdown(form: &PlanningForm, look: &Look) -> String {
    let lang = look.lang;
    let mut out = format!(
        "# {}\n\n**{}** · {} · {} · {}\n",
        md_inline(tr!(lang, "export-form-title")),
        md_inline(&form.business),
        md_inline(&form.journey),
        md_inline(&form.session),
        day(lang, form.held_on)
    );
    if form.groups.is_empty() {
        out.push_str(&format!(
            "\n_{}_\n",
            md_inline(tr!(lang, "export-form-empty"))
        ));
    }
    let columns = form_columns(lang).map(md_inline);
    for group in &form.groups {
        out.push_str(&format!("\n## {}\n\n", md_inline(channel(group, lang))));
        out.push_str(&format!("| {} |\n", columns.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(columns.len())));
        for row in &group.rows {
            let moment = if row.priority {
                format!("{STAR}{}", row.moment.trim())
            } else {
                row.moment.clone()
            };
            let cells = [
                md_cell(&moment),
                md_cell(&row.description),
                md_cell(&issue_text(row, lang)),
                md_cell(ranking(row.ranking, lang)),
                md_cell(&actions_text(row, lang)),
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
/// module documentation for which characters become [`pdf::PLACEHOLDER`].
/// In a right-to-left language the page runs right to left; the brand's
/// name and logo head every page.
pub fn to_pdf(form: &PlanningForm, look: &Look) -> Result<Vec<u8>, String> {
    pdf::render(&form_pdf(form, look.lang), look)
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

/// The form as a PDF document: a table of [`form_columns`] per channel.
pub(crate) fn form_pdf(form: &PlanningForm, lang: Lang) -> pdf::Doc {
    use pdf::{Block, Cell, Row, Table};
    let columns: Vec<(String, f32)> = form_columns(lang)
        .iter()
        .zip([0.18, 0.24, 0.21, 0.09, 0.28])
        .map(|(t, w)| (t.to_string(), w))
        .collect();
    let mut blocks = Vec::new();
    if form.groups.is_empty() {
        blocks.push(Block::Note(tr!(lang, "export-form-empty").into()));
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
                        Cell::new(issue_text(row, lang)),
                        Cell::new(ranking(row.ranking, lang))
                            .bold()
                            .colour(rating_colour(row.ranking)),
                        Cell::new(actions_text(row, lang)),
                    ],
                    fill: row.priority.then_some(PRIORITY_FILL),
                }
            })
            .collect();
        blocks.push(Block::Table(Table {
            heading: channel(group, lang).to_string(),
            columns: columns.clone(),
            rows,
        }));
    }
    pdf::Doc {
        title: tr!(lang, "export-form-title").into(),
        subtitle: title_line(form, lang),
        blocks,
    }
}

#[cfg(test)]
mod tests;
