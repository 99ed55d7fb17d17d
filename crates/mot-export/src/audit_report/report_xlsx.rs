//! The audit report as an Excel workbook.

use super::*;

/// A string cell; user text that looks like a formula is quote-prefixed.
fn put_text(
    ws: &mut rust_xlsxwriter::Worksheet,
    (r, c): (u32, u16),
    text: &str,
    fill: Option<u32>,
    bold: bool,
    lang: Lang,
) -> Result<(), String> {
    let format = xlsx::cell(fill, bold, looks_like_formula(text));
    ws.write_string_with_format(r, c, xlsx_text(text, lang), &format)
        .map_err(xlsx::err)?;
    Ok(())
}

/// A number cell with `num_format`, or [`NONE`] as text when missing.
fn put_num(
    ws: &mut rust_xlsxwriter::Worksheet,
    (r, c): (u32, u16),
    value: Option<f64>,
    num_format: &str,
    fill: Option<u32>,
) -> Result<(), String> {
    use rust_xlsxwriter::FormatAlign;
    let format = xlsx::cell(fill, false, false).set_align(FormatAlign::Right);
    match value {
        Some(v) => ws.write_number_with_format(r, c, v, &format.set_num_format(num_format)),
        None => ws.write_string_with_format(r, c, NONE, &format),
    }
    .map_err(xlsx::err)?;
    Ok(())
}

/// The brand's name (when branded), the title and lines under it, merged
/// across `cols` columns; returns the next free row after a blank one.
fn put_title(
    ws: &mut rust_xlsxwriter::Worksheet,
    title: &str,
    lines: &[String],
    cols: u16,
    look: &Look,
) -> Result<u32, String> {
    let last = cols.max(2) - 1;
    let top = xlsx::brand_row(ws, last + 1, look)?;
    ws.merge_range(
        top,
        0,
        top,
        last,
        &xlsx_text(title, look.lang),
        &xlsx::title(looks_like_formula(title), look),
    )
    .map_err(xlsx::err)?;
    ws.set_row_height(top, 24).map_err(xlsx::err)?;
    let note = rust_xlsxwriter::Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for (i, line) in lines.iter().enumerate() {
        let r = top + 1 + i as u32;
        ws.merge_range(r, 0, r, last, line, &note)
            .map_err(xlsx::err)?;
        // Long lines wrap: room for about three.
        if line.chars().count() > 120 {
            ws.set_row_height(r, 45).map_err(xlsx::err)?;
        }
    }
    Ok(top + lines.len() as u32 + 2)
}

/// Bold column titles in row `r`, grey or in the brand's accent.
fn put_header(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    titles: &[String],
    look: &Look,
) -> Result<(), String> {
    let header = xlsx::header(look);
    for (c, t) in titles.iter().enumerate() {
        let format = if looks_like_formula(t) {
            header.clone().set_quote_prefix()
        } else {
            header.clone()
        };
        ws.write_string_with_format(r, c as u16, xlsx_text(t, look.lang), &format)
            .map_err(xlsx::err)?;
    }
    Ok(())
}

/// The report as an Excel workbook with four sheets (named in the look's
/// language; right to left in a right-to-left language):
/// - "Items": the title, the responses, what the flags mean, then the items
///   table ([`item_columns`]) lowest-scoring first, with a filter and the
///   header frozen;
/// - "Summary": by phase, by rater group, by branch (mean, median, spread,
///   count);
/// - "Heat map": items × branches, each cell the mean (shown, and filled
///   from red for low to green for high), then [`inconsistency_column`]
///   with "⚑" after an inconsistent item's value;
/// - "Comments": [`comment_columns`], one row per comment handed in.
///
/// Numbers are number cells shown to one decimal (counts as whole numbers,
/// changes with their sign); text is string cells, never formulas; a missing
/// value is the text [`NONE`]. Printing is landscape A4, one page wide,
/// header rows repeated. A brand's name heads every sheet (a row above the
/// title) and its accent fills the header rows.
pub fn audit_xlsx(doc: &AuditDoc, look: &Look) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::Workbook;
    let e = xlsx::err;
    let lang = look.lang;
    let title = title_line(doc, lang);
    let report = doc.report;
    let mut workbook = Workbook::new();
    let strings = |t: &[&str]| -> Vec<String> { t.iter().map(|t| t.to_string()).collect() };

    // Items.
    let columns = item_columns(lang);
    let ws = workbook.add_worksheet();
    ws.set_name(tr!(lang, "export-audit-sheet-items"))
        .map_err(e)?;
    xlsx::page_setup(ws, tr!(lang, "export-audit-print-items"), look);
    for (c, w) in [18.0, 44.0, 8.0, 8.0, 8.0, 7.0, 12.0, 30.0, 20.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w).map_err(e)?;
    }
    let lines = [
        tr!(
            lang,
            "export-audit-items-note",
            responses = responses_line(doc, lang)
        ),
        legend(lang),
    ];
    let head = put_title(ws, &title, &lines, columns.len() as u16, look)?;
    put_header(ws, head, &strings(&columns), look)?;
    ws.set_repeat_rows(head, head).map_err(e)?;
    ws.set_freeze_panes(head + 1, 0).map_err(e)?;
    for (i, item) in report.items.iter().enumerate() {
        let r = head + 1 + i as u32;
        let s = item.overall.as_ref();
        put_text(ws, (r, 0), &item.item.phase, None, false, lang)?;
        put_text(ws, (r, 1), &item.item.text, None, true, lang)?;
        for (c, v) in stat_values(s).into_iter().enumerate() {
            put_num(ws, (r, 2 + c as u16), v, "0.0", None)?;
        }
        put_num(
            ws,
            (r, 5),
            Some(f64::from(s.map_or(0, |s| s.count))),
            "0",
            None,
        )?;
        put_num(ws, (r, 6), item.change, "+0.0;-0.0;0.0", None)?;
        let gap = gap_text(item, lang);
        put_text(
            ws,
            (r, 7),
            gap.as_deref().unwrap_or(NONE),
            None,
            false,
            lang,
        )?;
        let f = flags(item, ", ", lang);
        let fill = (!f.is_empty()).then_some(0xFFF6D5);
        put_text(ws, (r, 8), &f, fill, !f.is_empty(), lang)?;
    }
    if !report.items.is_empty() {
        let last = head + report.items.len() as u32;
        ws.autofilter(head, 0, last, columns.len() as u16 - 1)
            .map_err(e)?;
    }

    // Summary.
    let ws = workbook.add_worksheet();
    ws.set_name(tr!(lang, "export-audit-sheet-summary"))
        .map_err(e)?;
    xlsx::page_setup(ws, tr!(lang, "export-audit-print-summary"), look);
    for (c, w) in [36.0, 9.0, 9.0, 9.0, 8.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(e)?;
    }
    let mut r = put_title(ws, &title, &[responses_line(doc, lang)], 5, look)?;
    for (heading, first, rows) in summaries(doc, lang) {
        ws.merge_range(r, 0, r, 4, heading, &xlsx::heading(false, look))
            .map_err(e)?;
        ws.set_row_height(r, 20).map_err(e)?;
        r += 1;
        let titles: Vec<String> = std::iter::once(first)
            .chain(stat_columns(lang))
            .map(str::to_string)
            .collect();
        put_header(ws, r, &titles, look)?;
        r += 1;
        for (name, s) in &rows {
            put_text(ws, (r, 0), name, None, true, lang)?;
            for (c, v) in stat_values(s.as_ref()).into_iter().enumerate() {
                put_num(ws, (r, 1 + c as u16), v, "0.0", None)?;
            }
            let count = f64::from(s.map_or(0, |s| s.count));
            put_num(ws, (r, 4), Some(count), "0", None)?;
            r += 1;
        }
        r += 1;
    }

    // Heat map.
    let ws = workbook.add_worksheet();
    ws.set_name(tr!(lang, "export-audit-sheet-heat-map"))
        .map_err(e)?;
    xlsx::page_setup(ws, tr!(lang, "export-audit-print-heat-map"), look);
    let cols = doc.branches.len() as u16 + 2;
    ws.set_column_width(0, 44.0).map_err(e)?;
    for c in 1..cols - 1 {
        ws.set_column_width(c, 12.0).map_err(e)?;
    }
    ws.set_column_width(cols - 1, 14.0).map_err(e)?;
    let note = mot_i18n::format(
        lang,
        "export-audit-heat-note",
        &[
            ("none", NONE.into()),
            ("inconsistent", threshold(INCONSISTENT)),
        ],
    );
    let head = put_title(ws, &title, &[note], cols, look)?;
    let titles: Vec<String> = std::iter::once(tr!(lang, "export-audit-col-item").to_string())
        .chain(doc.branches.iter().map(|(_, n)| n.clone()))
        .chain([inconsistency_column(lang).to_string()])
        .collect();
    put_header(ws, head, &titles, look)?;
    ws.set_repeat_rows(head, head).map_err(e)?;
    ws.set_freeze_panes(head + 1, 1).map_err(e)?;
    for (i, item) in report.items.iter().enumerate() {
        let r = head + 1 + i as u32;
        put_text(ws, (r, 0), &item.item.text, None, true, lang)?;
        for (c, (id, _)) in doc.branches.iter().enumerate() {
            let mean = branch_mean(item, *id);
            let fill = mean.map(|m| rgb_u32(heat(m)));
            put_num(ws, (r, 1 + c as u16), mean, "0.0", fill)?;
        }
        let (num_format, fill) = if item.inconsistent() {
            ("0.0\" ⚑\"", Some(0xFFF6D5))
        } else {
            ("0.0", None)
        };
        put_num(ws, (r, cols - 1), item.inconsistency, num_format, fill)?;
    }

    // Comments.
    let columns = comment_columns(lang);
    let ws = workbook.add_worksheet();
    ws.set_name(tr!(lang, "export-audit-sheet-comments"))
        .map_err(e)?;
    xlsx::page_setup(ws, tr!(lang, "export-audit-print-comments"), look);
    for (c, w) in [18.0, 40.0, 14.0, 16.0, 60.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(e)?;
    }
    let rows = comment_rows(doc, lang);
    let note = if rows.is_empty() {
        tr!(lang, "export-audit-no-comments")
    } else {
        tr!(lang, "export-audit-comments-note")
    };
    let head = put_title(ws, &title, &[note.to_string()], columns.len() as u16, look)?;
    put_header(ws, head, &strings(&columns), look)?;
    ws.set_repeat_rows(head, head).map_err(e)?;
    for (i, row) in rows.iter().enumerate() {
        let r = head + 1 + i as u32;
        for (c, text) in row.iter().enumerate() {
            put_text(ws, (r, c as u16), text, None, c == 1, lang)?;
        }
    }

    workbook.save_to_buffer().map_err(e)
}
