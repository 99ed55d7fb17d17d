//! Exports of a touchpoint audit round's report: CSV, XLSX and PDF.
//!
//! The same machinery as the contact planning form's exports
//! ([`crate::planning_form`]): the `csv` crate with a byte-order mark,
//! `rust_xlsxwriter`, and the shared PDF table writer (A4 landscape,
//! embedded DejaVu Sans and CJK fonts, wrapping, page breaks with repeated
//! headings and header rows).
//!
//! Only handed-in answers are counted (the responses line says how many
//! raters handed in, and how many have answers that are not counted yet).
//! Contents: a title (business, round, dates, responses); the items,
//! lowest-scoring first (the report's order), with mean, median, spread,
//! count, the change since the previous round and the widest gap between
//! rater groups; summaries by phase, rater group and branch; and the heat
//! map of each item's mean per branch with its inconsistency (the range of
//! the branch means); the raters' comments per item, with the rater group and
//! branch, never the person. Flagged items carry a text marker, [`GAP_FLAG`] and
//! [`INCONSISTENT_FLAG`]; colour (the heat map's red to green) is never the
//! only cue, the number is always shown.
//!
//! Numbers are shown to one decimal by core's one rule
//! ([`mot_core::audit::round1`]: half away from zero, as a spreadsheet and
//! the results page and board do); a missing value is [`NONE`] ("–") in the XLSX and the
//! PDF and an empty cell in the CSV. Item texts, phase, branch, business and
//! round names are user text: neutralised against formula injection as in
//! [`crate::spreadsheet`] (a leading `'` in the CSV, quote-prefixed string cells
//! in the XLSX). Numbers the export itself writes (a negative change such as
//! `-0.5`) stay numbers.

use crate::look::{day, digits, rater_group, sep};
use crate::pdf;
use crate::spreadsheet::{csv_bytes, csv_cell, csv_number, looks_like_formula, xlsx, xlsx_text};
use crate::{Lang, Look};
use mot_core::audit::{one_decimal as one, signed_one_decimal as signed};
use mot_core::audit::{AuditReport, ItemResult, Stats, INCONSISTENT, NOTABLE_GAP};
use mot_core::Id;
use mot_i18n::{tr, Arg};
use std::borrow::Cow;

/// A round's report with what its exports show around it.
pub struct AuditDoc<'a> {
    pub business: &'a str,
    pub round: &'a str,
    pub opens_on: time::Date,
    pub closes_on: time::Date,
    /// Branch ids and names, in the order of report.branches / item.by_branch.
    pub branches: &'a [(Id, String)],
    pub report: &'a AuditReport,
    /// How many raters handed in, how many links were sent.
    pub responses: (u32, u32),
    /// Raters with answers who have not handed in (not counted).
    pub drafts: u32,
}

/// The columns of the items table (the first nine of the CSV), in English;
/// [`item_columns`] gives them in any language.
pub const ITEM_COLUMNS: [&str; 9] = [
    "Phase",
    "Item",
    "Mean",
    "Median",
    "Spread",
    "Count",
    "Change since last round",
    "Gap between groups",
    "Flags",
];

/// The columns of the items table in a language.
pub fn item_columns(lang: Lang) -> [&'static str; 9] {
    [
        tr!(lang, "export-audit-col-phase"),
        tr!(lang, "export-audit-col-item"),
        tr!(lang, "export-audit-col-mean"),
        tr!(lang, "export-audit-col-median"),
        tr!(lang, "export-audit-col-spread"),
        tr!(lang, "export-audit-col-count"),
        tr!(lang, "export-audit-col-change"),
        tr!(lang, "export-audit-col-gap"),
        tr!(lang, "export-audit-col-flags"),
    ]
}

/// The columns of the summaries, after the phase, group or branch name.
fn stat_columns(lang: Lang) -> [&'static str; 4] {
    [
        tr!(lang, "export-audit-col-mean"),
        tr!(lang, "export-audit-col-median"),
        tr!(lang, "export-audit-col-spread"),
        tr!(lang, "export-audit-col-count"),
    ]
}

/// The last column of the heat map (and of the CSV), in English;
/// [`inconsistency_column`] gives it in any language.
pub const INCONSISTENCY_COLUMN: &str = "Inconsistency";

/// The last column of the heat map (and of the CSV) in a language.
pub fn inconsistency_column(lang: Lang) -> &'static str {
    tr!(lang, "export-audit-col-inconsistency")
}

/// Marks an item whose rater groups' means differ by [`NOTABLE_GAP`] or
/// more (English; in the exports, in their language).
pub const GAP_FLAG: &str = "⚑ gap";
/// Marks an item whose branches' means differ by [`INCONSISTENT`] or more
/// (English; in the exports, in their language).
pub const INCONSISTENT_FLAG: &str = "⚑ inconsistent";

/// A value nobody scored, in the XLSX and the PDF.
pub const NONE: &str = "–";

/// Branches per heat-map table in the PDF; more continue in another table.
const PDF_HEAT_BRANCHES: usize = 8;

// ---------------------------------------------------------------- shared

/// The columns of the comments table, in English; [`comment_columns`]
/// gives them in any language.
pub const COMMENT_COLUMNS: [&str; 5] = ["Phase", "Item", "Rater group", "Branch", "Comment"];

/// The columns of the comments table in a language.
pub fn comment_columns(lang: Lang) -> [&'static str; 5] {
    [
        tr!(lang, "export-audit-col-phase"),
        tr!(lang, "export-audit-col-item"),
        tr!(lang, "export-audit-col-rater-group"),
        tr!(lang, "export-audit-col-branch"),
        tr!(lang, "export-audit-col-comment"),
    ]
}

/// Every comment, in the report's item order: phase, item, group, branch, text.
fn comment_rows(doc: &AuditDoc, lang: Lang) -> Vec<[String; 5]> {
    doc.report
        .items
        .iter()
        .flat_map(|i| {
            i.comments.iter().map(move |c| {
                [
                    i.item.phase.clone(),
                    i.item.text.clone(),
                    rater_group(lang, c.group).to_string(),
                    branch_name(doc, c.branch_id, lang),
                    c.text.clone(),
                ]
            })
        })
        .collect()
}

/// "business · round · 2026-03-02 – 2026-03-20".
fn title_line(doc: &AuditDoc, lang: Lang) -> String {
    let s = sep(lang);
    format!(
        "{}{s}{}{s}{} – {}",
        doc.business,
        doc.round,
        day(lang, doc.opens_on),
        day(lang, doc.closes_on)
    )
}

/// "7 of 12 raters handed in", as the results page says it, and the
/// raters whose answers are not counted yet.
fn responses_line(doc: &AuditDoc, lang: Lang) -> String {
    let (handed_in, sent) = doc.responses;
    let mut line = tr!(
        lang,
        "export-audit-responses",
        handed_in = handed_in,
        sent = sent
    );
    if doc.drafts > 0 {
        line.push(' ');
        line.push_str(&tr!(lang, "export-audit-drafts", drafts = doc.drafts));
    }
    line
}

/// The item's markers in a language.
fn gap_flag(lang: Lang) -> &'static str {
    tr!(lang, "export-audit-flag-gap")
}
fn inconsistent_flag(lang: Lang) -> &'static str {
    tr!(lang, "export-audit-flag-inconsistent")
}

/// A threshold as text: "2.0", "2,0", "٢٫٠".
fn threshold(v: f64) -> Arg {
    Arg::Decimal(v, 1)
}

/// What the markers mean.
fn legend(lang: Lang) -> String {
    mot_i18n::format(
        lang,
        "export-audit-legend",
        &[
            ("gap_flag", gap_flag(lang).into()),
            ("gap", threshold(NOTABLE_GAP)),
            ("inconsistent_flag", inconsistent_flag(lang).into()),
            ("inconsistent", threshold(INCONSISTENT)),
        ],
    )
}

/// A figure to one decimal, as text in the language ("6.3", "6,3", "٦٫٣").
fn one_in(lang: Lang, v: f64) -> String {
    digits(lang, &one(v))
}

/// "Staff 8.0 vs Friend 4.0 (4.0)": the widest gap between two groups.
fn gap_text(item: &ItemResult, lang: Lang) -> Option<String> {
    let (hi, lo, points) = item.gap?;
    let mean = |g| {
        item.by_group
            .iter()
            .find(|(x, _)| *x == g)
            .map(|(_, s)| one_in(lang, s.mean))
    };
    Some(tr!(
        lang,
        "export-audit-gap",
        high = rater_group(lang, hi),
        high_mean = mean(hi)?,
        low = rater_group(lang, lo),
        low_mean = mean(lo)?,
        points = one_in(lang, points)
    ))
}

/// The item's markers, "" when none, joined by `sep`.
fn flags(item: &ItemResult, sep: &str, lang: Lang) -> String {
    let mut out = Vec::new();
    if item.notable_gap() {
        out.push(gap_flag(lang));
    }
    if item.inconsistent() {
        out.push(inconsistent_flag(lang));
    }
    out.join(sep)
}

/// The item's mean at a branch, if anyone scored it there.
fn branch_mean(item: &ItemResult, branch: Id) -> Option<f64> {
    item.by_branch
        .iter()
        .find(|(b, _)| *b == branch)
        .and_then(|(_, s)| s.map(|s| s.mean))
}

/// The branch's name, or "Branch 7" for one the document does not name.
fn branch_name(doc: &AuditDoc, id: Id, lang: Lang) -> String {
    doc.branches.iter().find(|(b, _)| *b == id).map_or_else(
        || tr!(lang, "export-audit-branch-unnamed", id = id.to_string()),
        |(_, n)| n.clone(),
    )
}

/// The three summaries: heading, first column's title, and (name, stats).
#[allow(clippy::type_complexity)]
fn summaries(
    doc: &AuditDoc,
    lang: Lang,
) -> [(&'static str, &'static str, Vec<(String, Option<Stats>)>); 3] {
    let r = doc.report;
    [
        (
            tr!(lang, "export-audit-by-phase"),
            tr!(lang, "export-audit-col-phase"),
            r.phases.iter().map(|(p, s)| (p.clone(), *s)).collect(),
        ),
        (
            tr!(lang, "export-audit-by-group"),
            tr!(lang, "export-audit-col-rater-group"),
            r.groups
                .iter()
                .map(|(g, s)| (rater_group(lang, *g).to_string(), Some(*s)))
                .collect(),
        ),
        (
            tr!(lang, "export-audit-by-branch"),
            tr!(lang, "export-audit-col-branch"),
            r.branches
                .iter()
                .map(|(b, s)| (branch_name(doc, *b, lang), *s))
                .collect(),
        ),
    ]
}

/// Mean, median and spread, or none.
fn stat_values(s: Option<&Stats>) -> [Option<f64>; 3] {
    [s.map(|s| s.mean), s.map(|s| s.median), s.map(|s| s.spread)]
}

/// Red (1, low) through yellow to green (10, high), as Excel's three-colour
/// scale; dark text stays readable on all of them.
fn heat(mean: f64) -> (u8, u8, u8) {
    const RED: [f32; 3] = [248.0, 105.0, 107.0];
    const YELLOW: [f32; 3] = [255.0, 235.0, 132.0];
    const GREEN: [f32; 3] = [99.0, 190.0, 123.0];
    let t = ((mean as f32 - 1.0) / 9.0).clamp(0.0, 1.0);
    let (a, b, t) = if t < 0.5 {
        (RED, YELLOW, t * 2.0)
    } else {
        (YELLOW, GREEN, (t - 0.5) * 2.0)
    };
    let mix = |i: usize| (a[i] + (b[i] - a[i]) * t).round() as u8;
    (mix(0), mix(1), mix(2))
}

fn rgb_u32((r, g, b): (u8, u8, u8)) -> u32 {
    (u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b)
}

// ---------------------------------------------------------------- CSV

/// The items table as CSV, one record per item, lowest-scoring first, after
/// a header row: [`item_columns`], then `Mean at <branch>` per branch and
/// [`inconsistency_column`]. UTF-8 with a BOM, CRLF line ends; numbers to
/// one decimal ("+1.0" for a change; a decimal comma and semicolon-separated
/// fields in German), missing values empty; user text that looks like a
/// formula gets a leading `'`.
pub fn audit_csv(doc: &AuditDoc, look: &Look) -> Vec<u8> {
    let lang = look.lang;
    let num = |s: String| csv_number(lang, s);
    let opt = |v: Option<f64>| v.map_or(String::new(), |v| num(one(v)));
    let mut header: Vec<Cow<str>> = item_columns(lang)
        .iter()
        .map(|c| Cow::Borrowed(*c))
        .collect();
    for (_, name) in doc.branches {
        header.push(Cow::Owned(tr!(lang, "export-audit-mean-at", branch = name)));
    }
    header.push(Cow::Borrowed(inconsistency_column(lang)));
    let header: Vec<String> = header.iter().map(|c| csv_cell(c).into_owned()).collect();
    let width = header.len();
    let rows = doc.report.items.iter().map(|item| {
        let s = item.overall.as_ref();
        let mut row = vec![
            csv_cell(&item.item.phase).into_owned(),
            csv_cell(&item.item.text).into_owned(),
            opt(s.map(|s| s.mean)),
            opt(s.map(|s| s.median)),
            opt(s.map(|s| s.spread)),
            s.map_or(0, |s| s.count).to_string(),
            item.change.map_or(String::new(), |c| num(signed(c))),
            gap_text(item, lang).unwrap_or_default(),
            flags(item, ", ", lang),
        ];
        for (id, _) in doc.branches {
            row.push(opt(branch_mean(item, *id)));
        }
        row.push(opt(item.inconsistency));
        row
    });
    // After an empty record, the summaries and the comments, each a heading
    // record and a header record; every record as wide as the first.
    let pad = |mut r: Vec<String>| {
        r.resize(width.max(r.len()), String::new());
        r
    };
    let mut tail: Vec<Vec<String>> = Vec::new();
    for (heading, first, rows) in summaries(doc, lang) {
        tail.push(pad(Vec::new()));
        tail.push(pad(vec![heading.to_string()]));
        tail.push(pad(std::iter::once(first)
            .chain(stat_columns(lang))
            .map(str::to_string)
            .collect()));
        for (name, s) in rows {
            let s = s.as_ref();
            tail.push(pad(vec![
                csv_cell(&name).into_owned(),
                opt(s.map(|s| s.mean)),
                opt(s.map(|s| s.median)),
                opt(s.map(|s| s.spread)),
                s.map_or(0, |s| s.count).to_string(),
            ]));
        }
    }
    tail.push(pad(Vec::new()));
    tail.push(pad(vec![comments_heading(lang).to_string()]));
    tail.push(pad(comment_columns(lang)
        .iter()
        .map(|c| c.to_string())
        .collect()));
    for row in comment_rows(doc, lang) {
        tail.push(pad(row.iter().map(|c| csv_cell(c).into_owned()).collect()));
    }
    csv_bytes(std::iter::once(header).chain(rows).chain(tail), lang)
}

/// The heading of the comments, in every format, in English;
/// [`comments_heading`] gives it in any language.
pub const COMMENTS_HEADING: &str = "Comments from raters";

/// The heading of the comments in a language.
pub fn comments_heading(lang: Lang) -> &'static str {
    tr!(lang, "export-audit-comments")
}

// ---------------------------------------------------------------- XLSX

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

// ---------------------------------------------------------------- PDF

/// The report as a PDF: A4 landscape; the title, responses and what the
/// flags mean; the items table lowest-scoring first; the summaries by
/// phase, rater group and branch; the heat map (items × branches, cells
/// filled red to green with the mean written in them, eight branches per
/// table, more in further tables). Long text wraps; tables
/// continue on new pages with their heading and header row. Words, numbers
/// and dates in the look's language (right to left in Arabic); the brand's
/// name and logo head every page.
pub fn audit_pdf(doc: &AuditDoc, look: &Look) -> Result<Vec<u8>, String> {
    use pdf::{Block, Cell, Row, Table};
    let lang = look.lang;
    let report = doc.report;
    let num = |v: f64| one_in(lang, v);
    let opt = |v: Option<f64>| Cell::new(v.map_or(NONE.to_string(), num));
    let count = |s: Option<&Stats>| Cell::new(digits(lang, &s.map_or(0, |s| s.count).to_string()));
    let cols = |titles: &[&str], widths: &[f32]| -> Vec<(String, f32)> {
        titles
            .iter()
            .zip(widths)
            .map(|(t, w)| (t.to_string(), *w))
            .collect()
    };
    let mut blocks = vec![Block::Note(mot_i18n::format(
        lang,
        "export-audit-pdf-intro",
        &[
            ("responses", responses_line(doc, lang).into()),
            ("legend", legend(lang).into()),
            ("none", NONE.into()),
        ],
    ))];

    if report.items.is_empty() {
        blocks.push(Block::Note(tr!(lang, "export-audit-no-items").into()));
    }
    let items = report
        .items
        .iter()
        .map(|item| {
            let s = item.overall.as_ref();
            let [mean, median, spread] = stat_values(s);
            // One marker a line: a narrow column would break "⚑ gap, ⚑".
            let f = flags(item, "\n", lang);
            Row::new(vec![
                Cell::new(&item.item.phase),
                Cell::new(&item.item.text).bold(),
                opt(mean),
                opt(median),
                opt(spread),
                count(s),
                Cell::new(
                    item.change
                        .map_or(NONE.to_string(), |c| digits(lang, &signed(c))),
                ),
                Cell::new(gap_text(item, lang).unwrap_or_else(|| NONE.to_string())),
                if f.is_empty() {
                    Cell::new("")
                } else {
                    Cell::new(f).bold().fill((0xFF, 0xF6, 0xD5))
                },
            ])
        })
        .collect();
    blocks.push(Block::Table(Table {
        heading: tr!(lang, "export-audit-items-heading").into(),
        columns: cols(
            &item_columns(lang),
            &[12.0, 26.0, 6.0, 6.5, 6.5, 5.5, 8.0, 19.0, 10.5],
        ),
        rows: items,
    }));

    for (heading, first, rows) in summaries(doc, lang) {
        let rows = rows
            .iter()
            .map(|(name, s)| {
                let [mean, median, spread] = stat_values(s.as_ref());
                Row::new(vec![
                    Cell::new(name).bold(),
                    opt(mean),
                    opt(median),
                    opt(spread),
                    count(s.as_ref()),
                ])
            })
            .collect();
        let mut titles = vec![first];
        titles.extend(stat_columns(lang));
        blocks.push(Block::Table(Table {
            heading: heading.into(),
            columns: cols(&titles, &[4.0, 1.5, 1.5, 1.5, 1.5]),
            rows,
        }));
    }

    let chunks: Vec<&[(Id, String)]> = if doc.branches.is_empty() {
        vec![&[]]
    } else {
        doc.branches.chunks(PDF_HEAT_BRANCHES).collect()
    };
    let total = doc.branches.len();
    for (k, branches) in chunks.iter().enumerate() {
        let mut heading = tr!(lang, "export-audit-heat-heading").to_string();
        if chunks.len() > 1 {
            let from = k * PDF_HEAT_BRANCHES + 1;
            let to = from + branches.len() - 1;
            heading = tr!(
                lang,
                "export-audit-heat-part",
                heading = heading,
                from = from,
                to = to,
                total = total
            );
        }
        // The item column takes 40 % of the width, the others share the rest.
        let others = branches.len() as f32 + 1.2;
        let mut columns = vec![(
            tr!(lang, "export-audit-col-item").to_string(),
            (others * 2.0 / 3.0).max(1.5),
        )];
        columns.extend(branches.iter().map(|(_, n)| (n.clone(), 1.0)));
        columns.push((inconsistency_column(lang).to_string(), 1.2));
        let rows = report
            .items
            .iter()
            .map(|item| {
                let mut cells = vec![Cell::new(&item.item.text).bold()];
                for (id, _) in branches.iter() {
                    cells.push(match branch_mean(item, *id) {
                        Some(m) => Cell::new(num(m)).fill(heat(m)),
                        None => Cell::new(NONE),
                    });
                }
                cells.push(match item.inconsistency {
                    Some(v) if item.inconsistent() => Cell::new(format!("{} ⚑", num(v)))
                        .bold()
                        .fill((0xFF, 0xF6, 0xD5)),
                    v => opt(v),
                });
                Row::new(cells)
            })
            .collect();
        blocks.push(Block::Table(Table {
            heading,
            columns,
            rows,
        }));
    }

    let comments: Vec<Row> = comment_rows(doc, lang)
        .into_iter()
        .map(|[phase, item, group, branch, text]| {
            Row::new(vec![
                Cell::new(phase),
                Cell::new(item).bold(),
                Cell::new(group),
                Cell::new(branch),
                Cell::new(text),
            ])
        })
        .collect();
    if comments.is_empty() {
        blocks.push(Block::Note(tr!(lang, "export-audit-comments-none").into()));
    } else {
        blocks.push(Block::Table(Table {
            heading: comments_heading(lang).into(),
            columns: cols(&comment_columns(lang), &[12.0, 24.0, 10.0, 12.0, 42.0]),
            rows: comments,
        }));
    }

    pdf::render(
        &pdf::Doc {
            title: tr!(lang, "export-audit-title").into(),
            subtitle: title_line(doc, lang),
            blocks,
        },
        look,
    )
}

#[cfg(test)]
mod tests;
