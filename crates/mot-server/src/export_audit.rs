//! Exports of a touchpoint audit round's report: CSV, XLSX and PDF.
//!
//! The same machinery as the contact planning form's exports
//! ([`crate::export`]): the `csv` crate with a byte-order mark,
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
//! [`crate::export`] (a leading `'` in the CSV, quote-prefixed string cells
//! in the XLSX). Numbers the export itself writes (a negative change such as
//! `-0.5`) stay numbers.

use crate::export::{csv_bytes, csv_cell, looks_like_formula, pdf, xlsx, xlsx_text};
use mot_core::audit::{one_decimal as one, signed_one_decimal as signed};
use mot_core::audit::{AuditReport, ItemResult, Stats, INCONSISTENT, NOTABLE_GAP};
use mot_core::Id;
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

/// The columns of the items table (the first nine of the CSV).
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

/// The columns of the summaries, after the phase, group or branch name.
const STAT_COLUMNS: [&str; 4] = ["Mean", "Median", "Spread", "Count"];

/// The last column of the heat map (and of the CSV).
pub const INCONSISTENCY_COLUMN: &str = "Inconsistency";

/// Marks an item whose rater groups' means differ by [`NOTABLE_GAP`] or more.
pub const GAP_FLAG: &str = "⚑ gap";
/// Marks an item whose branches' means differ by [`INCONSISTENT`] or more.
pub const INCONSISTENT_FLAG: &str = "⚑ inconsistent";

/// A value nobody scored, in the XLSX and the PDF.
pub const NONE: &str = "–";

/// Branches per heat-map table in the PDF; more continue in another table.
const PDF_HEAT_BRANCHES: usize = 8;

// ---------------------------------------------------------------- shared

/// The columns of the comments table.
pub const COMMENT_COLUMNS: [&str; 5] = ["Phase", "Item", "Rater group", "Branch", "Comment"];

/// Every comment, in the report's item order: phase, item, group, branch, text.
fn comment_rows(doc: &AuditDoc) -> Vec<[String; 5]> {
    doc.report
        .items
        .iter()
        .flat_map(|i| {
            i.comments.iter().map(|c| {
                [
                    i.item.phase.clone(),
                    i.item.text.clone(),
                    c.group.label().to_string(),
                    branch_name(doc, c.branch_id),
                    c.text.clone(),
                ]
            })
        })
        .collect()
}

/// "business · round · 2026-03-02 – 2026-03-20".
fn title_line(doc: &AuditDoc) -> String {
    format!(
        "{} · {} · {} – {}",
        doc.business,
        doc.round,
        mot_core::date::format(doc.opens_on),
        mot_core::date::format(doc.closes_on)
    )
}

/// "7 of 12 raters handed in", as the results page says it, and the
/// raters whose answers are not counted yet.
fn responses_line(doc: &AuditDoc) -> String {
    let (handed_in, sent) = doc.responses;
    let raters = if sent == 1 { "rater" } else { "raters" };
    let mut line = format!("{handed_in} of {sent} {raters} handed in");
    match doc.drafts {
        0 => {}
        1 => line.push_str(" (1 more has answers not handed in, not counted)"),
        n => line.push_str(&format!(
            " ({n} more have answers not handed in, not counted)"
        )),
    }
    line
}

/// What the markers mean.
fn legend() -> String {
    format!(
        "Scores run from 1 (low) to 10 (high); spread is the standard deviation (how far \
         the scores sit from the mean: 0 when every rater gave the same score). Only \
         handed-in answers are counted. \
         {GAP_FLAG}: two rater groups' means differ by {NOTABLE_GAP:.1} points or more beyond \
         their usual gap in this round (a group that always rates higher is not flagged). \
         {INCONSISTENT_FLAG}: the branches' means differ by {INCONSISTENT:.1} points or more \
         (the inconsistency is the highest branch mean minus the lowest)."
    )
}

/// "Staff 8.0 vs Friend 4.0 (4.0)": the widest gap between two groups.
fn gap_text(item: &ItemResult) -> Option<String> {
    let (hi, lo, points) = item.gap?;
    let mean = |g| {
        item.by_group
            .iter()
            .find(|(x, _)| *x == g)
            .map(|(_, s)| one(s.mean))
    };
    Some(format!(
        "{} {} vs {} {} ({})",
        hi.label(),
        mean(hi)?,
        lo.label(),
        mean(lo)?,
        one(points)
    ))
}

/// The item's markers, "" when none, joined by `sep`.
fn flags(item: &ItemResult, sep: &str) -> String {
    let mut out = Vec::new();
    if item.notable_gap() {
        out.push(GAP_FLAG);
    }
    if item.inconsistent() {
        out.push(INCONSISTENT_FLAG);
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
fn branch_name(doc: &AuditDoc, id: Id) -> String {
    doc.branches
        .iter()
        .find(|(b, _)| *b == id)
        .map_or_else(|| format!("Branch {id}"), |(_, n)| n.clone())
}

/// The three summaries: heading, first column's title, and (name, stats).
#[allow(clippy::type_complexity)]
fn summaries(doc: &AuditDoc) -> [(&'static str, &'static str, Vec<(String, Option<Stats>)>); 3] {
    let r = doc.report;
    [
        (
            "By phase",
            "Phase",
            r.phases.iter().map(|(p, s)| (p.clone(), *s)).collect(),
        ),
        (
            "By rater group",
            "Rater group",
            r.groups
                .iter()
                .map(|(g, s)| (g.label().to_string(), Some(*s)))
                .collect(),
        ),
        (
            "By branch",
            "Branch",
            r.branches
                .iter()
                .map(|(b, s)| (branch_name(doc, *b), *s))
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
/// a header row: [`ITEM_COLUMNS`], then `Mean at <branch>` per branch and
/// [`INCONSISTENCY_COLUMN`]. UTF-8 with a BOM, CRLF line ends; numbers to
/// one decimal ("+1.0" for a change), missing values empty; user text that
/// looks like a formula gets a leading `'`.
pub fn audit_csv(doc: &AuditDoc) -> Vec<u8> {
    let opt = |v: Option<f64>| v.map_or(String::new(), one);
    let mut header: Vec<Cow<str>> = ITEM_COLUMNS.iter().map(|c| Cow::Borrowed(*c)).collect();
    for (_, name) in doc.branches {
        header.push(Cow::Owned(format!("Mean at {name}")));
    }
    header.push(Cow::Borrowed(INCONSISTENCY_COLUMN));
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
            item.change.map_or(String::new(), signed),
            gap_text(item).unwrap_or_default(),
            flags(item, ", "),
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
    for (heading, first, rows) in summaries(doc) {
        tail.push(pad(Vec::new()));
        tail.push(pad(vec![heading.to_string()]));
        tail.push(pad(std::iter::once(first)
            .chain(STAT_COLUMNS)
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
    tail.push(pad(vec![COMMENTS_HEADING.to_string()]));
    tail.push(pad(COMMENT_COLUMNS.iter().map(|c| c.to_string()).collect()));
    for row in comment_rows(doc) {
        tail.push(pad(row.iter().map(|c| csv_cell(c).into_owned()).collect()));
    }
    csv_bytes(std::iter::once(header).chain(rows).chain(tail))
}

/// The heading of the comments, in every format.
pub const COMMENTS_HEADING: &str = "Comments from raters";

// ---------------------------------------------------------------- XLSX

/// A string cell; user text that looks like a formula is quote-prefixed.
fn put_text(
    ws: &mut rust_xlsxwriter::Worksheet,
    (r, c): (u32, u16),
    text: &str,
    fill: Option<u32>,
    bold: bool,
) -> Result<(), String> {
    let format = xlsx::cell(fill, bold, looks_like_formula(text));
    ws.write_string_with_format(r, c, xlsx_text(text), &format)
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

/// Title (and a second line) merged across `cols` columns; returns the
/// next free row.
fn put_title(
    ws: &mut rust_xlsxwriter::Worksheet,
    title: &str,
    lines: &[String],
    cols: u16,
) -> Result<u32, String> {
    let last = cols.max(2) - 1;
    ws.merge_range(
        0,
        0,
        0,
        last,
        &xlsx_text(title),
        &xlsx::title(looks_like_formula(title)),
    )
    .map_err(xlsx::err)?;
    ws.set_row_height(0, 24).map_err(xlsx::err)?;
    let note = rust_xlsxwriter::Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for (i, line) in lines.iter().enumerate() {
        let r = 1 + i as u32;
        ws.merge_range(r, 0, r, last, line, &note)
            .map_err(xlsx::err)?;
        // Long lines wrap: room for about three.
        if line.chars().count() > 120 {
            ws.set_row_height(r, 45).map_err(xlsx::err)?;
        }
    }
    Ok(lines.len() as u32 + 2)
}

/// Bold grey column titles in row `r`.
fn put_header(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    titles: &[String],
) -> Result<(), String> {
    let header = xlsx::header();
    for (c, t) in titles.iter().enumerate() {
        let format = if looks_like_formula(t) {
            header.clone().set_quote_prefix()
        } else {
            header.clone()
        };
        ws.write_string_with_format(r, c as u16, xlsx_text(t), &format)
            .map_err(xlsx::err)?;
    }
    Ok(())
}

/// The report as an Excel workbook with three sheets:
/// - "Items": the title, the responses, what the flags mean, then the items
///   table ([`ITEM_COLUMNS`]) lowest-scoring first, with a filter and the
///   header frozen;
/// - "Summary": by phase, by rater group, by branch (mean, median, spread,
///   count);
/// - "Heat map": items × branches, each cell the mean (shown, and filled
///   from red for low to green for high), then [`INCONSISTENCY_COLUMN`]
///   with "⚑" after an inconsistent item's value;
/// - "Comments": [`COMMENT_COLUMNS`], one row per comment handed in.
///
/// Numbers are number cells shown to one decimal (counts as whole numbers,
/// changes with their sign); text is string cells, never formulas; a missing
/// value is the text [`NONE`]. Printing is landscape A4, one page wide,
/// header rows repeated.
pub fn audit_xlsx(doc: &AuditDoc) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::Workbook;
    let e = xlsx::err;
    let title = title_line(doc);
    let report = doc.report;
    let mut workbook = Workbook::new();

    // Items.
    let ws = workbook.add_worksheet();
    ws.set_name("Items").map_err(e)?;
    xlsx::page_setup(ws, "Touchpoint audit: items");
    for (c, w) in [18.0, 44.0, 8.0, 8.0, 8.0, 7.0, 12.0, 30.0, 20.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w).map_err(e)?;
    }
    let lines = [
        format!("{} · lowest-scoring items first", responses_line(doc)),
        legend(),
    ];
    let head = put_title(ws, &title, &lines, ITEM_COLUMNS.len() as u16)?;
    let titles: Vec<String> = ITEM_COLUMNS.iter().map(|t| t.to_string()).collect();
    put_header(ws, head, &titles)?;
    ws.set_repeat_rows(head, head).map_err(e)?;
    ws.set_freeze_panes(head + 1, 0).map_err(e)?;
    for (i, item) in report.items.iter().enumerate() {
        let r = head + 1 + i as u32;
        let s = item.overall.as_ref();
        put_text(ws, (r, 0), &item.item.phase, None, false)?;
        put_text(ws, (r, 1), &item.item.text, None, true)?;
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
        let gap = gap_text(item);
        put_text(ws, (r, 7), gap.as_deref().unwrap_or(NONE), None, false)?;
        let f = flags(item, ", ");
        let fill = (!f.is_empty()).then_some(0xFFF6D5);
        put_text(ws, (r, 8), &f, fill, !f.is_empty())?;
    }
    if !report.items.is_empty() {
        let last = head + report.items.len() as u32;
        ws.autofilter(head, 0, last, ITEM_COLUMNS.len() as u16 - 1)
            .map_err(e)?;
    }

    // Summary.
    let ws = workbook.add_worksheet();
    ws.set_name("Summary").map_err(e)?;
    xlsx::page_setup(ws, "Touchpoint audit: summary");
    for (c, w) in [36.0, 9.0, 9.0, 9.0, 8.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(e)?;
    }
    let mut r = put_title(ws, &title, &[responses_line(doc)], 5)?;
    for (heading, first, rows) in summaries(doc) {
        ws.merge_range(r, 0, r, 4, heading, &xlsx::heading(false))
            .map_err(e)?;
        ws.set_row_height(r, 20).map_err(e)?;
        r += 1;
        let titles: Vec<String> = std::iter::once(first)
            .chain(STAT_COLUMNS)
            .map(str::to_string)
            .collect();
        put_header(ws, r, &titles)?;
        r += 1;
        for (name, s) in &rows {
            put_text(ws, (r, 0), name, None, true)?;
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
    ws.set_name("Heat map").map_err(e)?;
    xlsx::page_setup(ws, "Touchpoint audit: heat map");
    let cols = doc.branches.len() as u16 + 2;
    ws.set_column_width(0, 44.0).map_err(e)?;
    for c in 1..cols - 1 {
        ws.set_column_width(c, 12.0).map_err(e)?;
    }
    ws.set_column_width(cols - 1, 14.0).map_err(e)?;
    let note = format!(
        "Mean score per item and branch, from 1 (low, red) to 10 (high, green); {NONE} where \
         nobody scored. Inconsistency: the highest branch mean minus the lowest; ⚑ at \
         {INCONSISTENT:.1} or more."
    );
    let head = put_title(ws, &title, &[note], cols)?;
    let titles: Vec<String> = std::iter::once("Item".to_string())
        .chain(doc.branches.iter().map(|(_, n)| n.clone()))
        .chain([INCONSISTENCY_COLUMN.to_string()])
        .collect();
    put_header(ws, head, &titles)?;
    ws.set_repeat_rows(head, head).map_err(e)?;
    ws.set_freeze_panes(head + 1, 1).map_err(e)?;
    for (i, item) in report.items.iter().enumerate() {
        let r = head + 1 + i as u32;
        put_text(ws, (r, 0), &item.item.text, None, true)?;
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
    let ws = workbook.add_worksheet();
    ws.set_name("Comments").map_err(e)?;
    xlsx::page_setup(ws, "Touchpoint audit: comments");
    for (c, w) in [18.0, 40.0, 14.0, 16.0, 60.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(e)?;
    }
    let rows = comment_rows(doc);
    let note = if rows.is_empty() {
        "No comments handed in.".to_string()
    } else {
        "The raters' comments per item, with their group and branch (never the person).".to_string()
    };
    let head = put_title(ws, &title, &[note], COMMENT_COLUMNS.len() as u16)?;
    let titles: Vec<String> = COMMENT_COLUMNS.iter().map(|t| t.to_string()).collect();
    put_header(ws, head, &titles)?;
    ws.set_repeat_rows(head, head).map_err(e)?;
    for (i, row) in rows.iter().enumerate() {
        let r = head + 1 + i as u32;
        for (c, text) in row.iter().enumerate() {
            put_text(ws, (r, c as u16), text, None, c == 1)?;
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
/// continue on new pages with their heading and header row.
pub fn audit_pdf(doc: &AuditDoc) -> Result<Vec<u8>, String> {
    use pdf::{Block, Cell, Row, Table};
    let report = doc.report;
    let opt = |v: Option<f64>| Cell::new(v.map_or(NONE.to_string(), one));
    let cols = |titles: &[&str], widths: &[f32]| -> Vec<(String, f32)> {
        titles
            .iter()
            .zip(widths)
            .map(|(t, w)| (t.to_string(), *w))
            .collect()
    };
    let mut blocks = vec![Block::Note(format!(
        "{}. Items lowest-scoring first. {} Heat map: each cell is the branch's mean, \
         filled from red (low) through yellow to green (high); {NONE} where nobody scored.",
        responses_line(doc),
        legend()
    ))];

    if report.items.is_empty() {
        blocks.push(Block::Note("This round has no items.".into()));
    }
    let items = report
        .items
        .iter()
        .map(|item| {
            let s = item.overall.as_ref();
            let [mean, median, spread] = stat_values(s);
            // One marker a line: a narrow column would break "⚑ gap, ⚑".
            let f = flags(item, "\n");
            Row::new(vec![
                Cell::new(&item.item.phase),
                Cell::new(&item.item.text).bold(),
                opt(mean),
                opt(median),
                opt(spread),
                Cell::new(s.map_or(0, |s| s.count).to_string()),
                Cell::new(item.change.map_or(NONE.to_string(), signed)),
                Cell::new(gap_text(item).unwrap_or_else(|| NONE.to_string())),
                if f.is_empty() {
                    Cell::new("")
                } else {
                    Cell::new(f).bold().fill((0xFF, 0xF6, 0xD5))
                },
            ])
        })
        .collect();
    blocks.push(Block::Table(Table {
        heading: "Items, lowest-scoring first".into(),
        columns: cols(
            &ITEM_COLUMNS,
            &[12.0, 26.0, 6.0, 6.5, 6.5, 5.5, 8.0, 19.0, 10.5],
        ),
        rows: items,
    }));

    for (heading, first, rows) in summaries(doc) {
        let rows = rows
            .iter()
            .map(|(name, s)| {
                let [mean, median, spread] = stat_values(s.as_ref());
                Row::new(vec![
                    Cell::new(name).bold(),
                    opt(mean),
                    opt(median),
                    opt(spread),
                    Cell::new(s.map_or(0, |s| s.count).to_string()),
                ])
            })
            .collect();
        let mut titles = vec![first];
        titles.extend(STAT_COLUMNS);
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
        let mut heading = "Heat map: mean score per item and branch".to_string();
        if chunks.len() > 1 {
            let from = k * PDF_HEAT_BRANCHES + 1;
            let to = from + branches.len() - 1;
            heading.push_str(&format!(" (branches {from}–{to} of {total})"));
        }
        // The item column takes 40 % of the width, the others share the rest.
        let others = branches.len() as f32 + 1.2;
        let mut columns = vec![("Item".to_string(), (others * 2.0 / 3.0).max(1.5))];
        columns.extend(branches.iter().map(|(_, n)| (n.clone(), 1.0)));
        columns.push((INCONSISTENCY_COLUMN.to_string(), 1.2));
        let rows = report
            .items
            .iter()
            .map(|item| {
                let mut cells = vec![Cell::new(&item.item.text).bold()];
                for (id, _) in branches.iter() {
                    cells.push(match branch_mean(item, *id) {
                        Some(m) => Cell::new(one(m)).fill(heat(m)),
                        None => Cell::new(NONE),
                    });
                }
                cells.push(match item.inconsistency {
                    Some(v) if item.inconsistent() => Cell::new(format!("{} ⚑", one(v)))
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

    let comments: Vec<Row> = comment_rows(doc)
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
        blocks.push(Block::Note(format!("{COMMENTS_HEADING}: none handed in.")));
    } else {
        blocks.push(Block::Table(Table {
            heading: COMMENTS_HEADING.into(),
            columns: cols(&COMMENT_COLUMNS, &[12.0, 24.0, 10.0, 12.0, 42.0]),
            rows: comments,
        }));
    }

    pdf::render(&pdf::Doc {
        title: "Touchpoint audit".into(),
        subtitle: title_line(doc),
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{assert_a4_landscape, dump, squash};
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use mot_core::audit::{report, CommentRow, RaterGroup, ReportItem, ScoreRow};
    use std::collections::HashMap;
    use std::io::Cursor;
    use time::macros::date;

    const NON_ASCII: &str = "Café ü 😀 שלום";
    const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";
    const NORTH: Id = 100;
    const SOUTH: Id = 200;

    fn item(id: Id, phase: &str, text: &str, key: Option<Id>) -> ReportItem {
        ReportItem {
            id,
            phase: phase.into(),
            text: text.into(),
            moment_id: None,
            key,
        }
    }

    /// Six items in three phases, scored by staff, friends and customers at
    /// two branches; the previous round had items 1–4.
    fn fixture() -> AuditReport {
        use RaterGroup::*;
        let items = [
            item(1, "Pre-engagement", "Website and brochures", Some(10)),
            item(2, "Pre-engagement", NON_ASCII, Some(20)),
            item(3, "Engagement", FORMULA, Some(30)),
            item(4, "Engagement", "Staff pleasantness", Some(40)),
            item(5, "Post-sale", "Delivery and installation", None),
            item(6, "Post-sale", "Warranty", Some(60)),
        ];
        let s = |item_id, branch_id, group, score| ScoreRow {
            item_id,
            branch_id,
            group,
            score,
        };
        let scores = [
            s(1, NORTH, Staff, 8),
            s(1, NORTH, Friend, 4),
            s(1, SOUTH, Staff, 8),
            s(1, SOUTH, Friend, 4),
            s(2, NORTH, Customer, 9),
            s(2, NORTH, Staff, 9),
            s(2, SOUTH, Customer, 3),
            s(3, NORTH, Friend, 2),
            s(3, SOUTH, Friend, 3),
            s(3, SOUTH, Staff, 4),
            s(4, NORTH, Staff, 10),
            s(4, NORTH, Customer, 9),
            s(4, SOUTH, Customer, 8),
            s(4, SOUTH, Friend, 9),
            s(5, NORTH, Customer, 5),
            s(5, NORTH, Friend, 6),
        ];
        let prev: HashMap<Id, f64> = [(10, 5.0), (20, 8.0), (30, 3.0), (60, 7.0), (40, 9.5)]
            .into_iter()
            .collect();
        report(&items, &scores, &[NORTH, SOUTH], &prev).with_comments(&COMMENTS.map(
            |(item_id, branch_id, group, text)| CommentRow {
                item_id,
                branch_id,
                group,
                text: text.into(),
            },
        ))
    }

    /// Comments handed in: (item, branch, group, text).
    const COMMENTS: [(Id, Id, RaterGroup, &str); 3] = [
        (1, SOUTH, RaterGroup::Friend, "=cmd|' /C calc'!A0"),
        (1, NORTH, RaterGroup::Staff, "Brochure is out of date"),
        (
            6,
            NORTH,
            RaterGroup::Customer,
            "Nobody explained the warranty",
        ),
    ];

    /// The comments as every format lists them: report order of items,
    /// then branch order: phase, item, group, branch, text.
    const COMMENT_ROWS: [[&str; 5]; 3] = [
        [
            "Pre-engagement",
            "Website and brochures",
            "Staff",
            "North",
            "Brochure is out of date",
        ],
        [
            "Pre-engagement",
            "Website and brochures",
            "Friend",
            "Zürich Süd",
            "=cmd|' /C calc'!A0",
        ],
        [
            "Post-sale",
            "Warranty",
            "Customer",
            "North",
            "Nobody explained the warranty",
        ],
    ];

    #[test]
    fn every_format_has_the_summaries_and_the_comments_with_group_and_branch() {
        let report = fixture();
        let branches = branches();
        let d = doc(&report, &branches);
        // CSV: after the items, the three summaries and the comments.
        let bytes = audit_csv(&d);
        let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..])
            .records()
            .map(|r| {
                r.expect("valid CSV, every record as wide")
                    .iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        let at = |first: &str| {
            records
                .iter()
                .position(|r| r[0] == first)
                .unwrap_or_else(|| panic!("no record {first:?}"))
        };
        for (heading, first, rows) in [
            ("By phase", "Phase", &PHASES[..]),
            ("By rater group", "Rater group", &GROUPS[..]),
            ("By branch", "Branch", &BRANCHES[..]),
        ] {
            let h = at(heading);
            assert!(
                records[h - 1].iter().all(String::is_empty),
                "an empty record before {heading}"
            );
            assert_eq!(
                records[h + 1][..5],
                [first, "Mean", "Median", "Spread", "Count"]
            );
            for (i, (name, mean, median, spread, count)) in rows.iter().enumerate() {
                assert_eq!(
                    records[h + 2 + i][..5],
                    [*name, *mean, *median, *spread, *count],
                    "{heading}"
                );
            }
        }
        let h = at(COMMENTS_HEADING);
        assert_eq!(records[h + 1][..5], COMMENT_COLUMNS);
        for (i, want) in COMMENT_ROWS.iter().enumerate() {
            let got = &records[h + 2 + i];
            let want: Vec<String> = want
                .iter()
                .map(|w| {
                    if w.starts_with('=') {
                        format!("'{w}")
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            assert_eq!(got[..5], want[..], "comment {i}");
        }
        assert_eq!(records.len(), h + 2 + COMMENT_ROWS.len());

        // XLSX: a Comments sheet.
        let bytes = audit_xlsx(&d).expect("xlsx");
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
        let sheet = book.worksheet_range("Comments").expect("Comments");
        let head = row_of(&sheet, "Phase");
        for (c, t) in COMMENT_COLUMNS.iter().enumerate() {
            assert_eq!(text(&sheet, head, c as u32), *t);
        }
        for (i, want) in COMMENT_ROWS.iter().enumerate() {
            for (c, w) in want.iter().enumerate() {
                assert_eq!(text(&sheet, head + 1 + i as u32, c as u32), *w);
            }
        }
        let formulas = book.worksheet_formula("Comments").expect("formula range");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formula"
        );

        // PDF: the comments, with group and branch.
        let bytes = audit_pdf(&d).expect("pdf");
        let all = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
        for needle in [
            COMMENTS_HEADING,
            "Brochure is out of date",
            "Nobody explained the warranty",
            "Rater group",
        ] {
            assert!(all.contains(&squash(needle)), "{needle:?} in {all}");
        }
    }

    fn branches() -> Vec<(Id, String)> {
        vec![(NORTH, "North".into()), (SOUTH, "Zürich Süd".into())]
    }

    fn doc<'a>(report: &'a AuditReport, branches: &'a [(Id, String)]) -> AuditDoc<'a> {
        AuditDoc {
            business: "Möbel Müller & Söhne",
            round: "Spring 2026",
            opens_on: date!(2026 - 03 - 02),
            closes_on: date!(2026 - 03 - 20),
            branches,
            report,
            responses: (7, 12),
            drafts: 2,
        }
    }

    /// The items table and heat map, worked out by hand: phase, item, mean,
    /// median, spread, count, change, gap, flags, North, Zürich Süd,
    /// inconsistency ("" where nobody scored).
    const EXPECTED: [[&str; 12]; 6] = [
        [
            "Engagement",
            FORMULA,
            "3.0",
            "3.0",
            "0.8",
            "3",
            "0.0",
            "Staff 4.0 vs Friend 2.5 (1.5)",
            "",
            "2.0",
            "3.5",
            "1.5",
        ],
        [
            "Post-sale",
            "Delivery and installation",
            "5.5",
            "5.5",
            "0.5",
            "2",
            "",
            "Friend 6.0 vs Customer 5.0 (1.0)",
            "",
            "5.5",
            "",
            "",
        ],
        [
            "Pre-engagement",
            "Website and brochures",
            "6.0",
            "6.0",
            "2.0",
            "4",
            "+1.0",
            "Staff 8.0 vs Friend 4.0 (4.0)",
            "⚑ gap",
            "6.0",
            "6.0",
            "0.0",
        ],
        [
            "Pre-engagement",
            NON_ASCII,
            "7.0",
            "9.0",
            "2.8",
            "3",
            "-1.0",
            // Staff and customers both scored only two items: no usual gap yet.
            "Staff 9.0 vs Customer 6.0 (3.0)",
            "⚑ gap, ⚑ inconsistent",
            "9.0",
            "3.0",
            "6.0",
        ],
        [
            "Engagement",
            "Staff pleasantness",
            "9.0",
            "9.0",
            "0.7",
            "4",
            "-0.5",
            // The gap furthest from the usual (staff and friends: usually 1.5 apart).
            "Staff 10.0 vs Customer 8.5 (1.5)",
            "",
            "9.5",
            "8.5",
            "1.0",
        ],
        [
            "Post-sale",
            "Warranty",
            "",
            "",
            "",
            "0",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ];

    /// Summaries by hand: (name, mean, median, spread, count).
    const PHASES: [(&str, &str, &str, &str, &str); 3] = [
        ("Pre-engagement", "6.4", "8.0", "2.4", "7"),
        ("Engagement", "6.4", "8.0", "3.1", "7"),
        ("Post-sale", "5.5", "5.5", "0.5", "2"),
    ];
    const GROUPS: [(&str, &str, &str, &str, &str); 3] = [
        ("Staff", "7.8", "8.0", "2.0", "5"),
        ("Friend", "4.7", "4.0", "2.3", "6"),
        ("Customer", "6.8", "8.0", "2.4", "5"),
    ];
    const BRANCHES: [(&str, &str, &str, &str, &str); 2] = [
        ("North", "6.9", "8.0", "2.6", "9"),
        ("Zürich Süd", "5.6", "4.0", "2.4", "7"),
    ];

    fn risky(s: &str) -> bool {
        s.starts_with(['=', '+', '-', '@', '\t', '\r'])
    }

    #[test]
    fn the_heat_runs_from_red_through_yellow_to_green() {
        assert_eq!(heat(1.0), (248, 105, 107));
        assert_eq!(heat(5.5), (255, 235, 132));
        assert_eq!(heat(10.0), (99, 190, 123));
        assert_eq!(heat(0.0), heat(1.0), "clamped");
        let mut last = heat(1.0);
        for m in 2..=10 {
            let h = heat(f64::from(m));
            assert!(h.0 <= last.0 || h.1 >= last.1, "warmer to cooler at {m}");
            last = h;
        }
        assert_eq!(rgb_u32((0xF8, 0x69, 0x6B)), 0xF8696B);
        assert_eq!(
            (one(2.25), one(-0.04), signed(0.04), signed(-0.46)),
            ("2.3".into(), "0.0".into(), "0.0".into(), "-0.5".into())
        );
    }

    #[test]
    fn the_fixture_is_what_the_expectations_assume() {
        let r = fixture();
        let texts: Vec<&str> = r.items.iter().map(|i| i.item.text.as_str()).collect();
        let want: Vec<&str> = EXPECTED.iter().map(|e| e[1]).collect();
        assert_eq!(texts, want, "lowest mean first, the unscored item last");
        assert!(r.items[3].notable_gap() && r.items[3].inconsistent());
        assert!(
            !r.items[0].notable_gap(),
            "1.5, the usual gap between staff and friends"
        );
        assert_eq!(r.groups.len(), 3);
    }

    #[test]
    fn csv_is_the_items_table_with_a_column_per_branch() {
        let report = fixture();
        let branches = branches();
        let bytes = audit_csv(&doc(&report, &branches));
        dump("audit.csv", &bytes);
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM first");
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
        let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..])
            .records()
            .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
            .collect();
        assert_eq!(
            records[0],
            [
                "Phase",
                "Item",
                "Mean",
                "Median",
                "Spread",
                "Count",
                "Change since last round",
                "Gap between groups",
                "Flags",
                "Mean at North",
                "Mean at Zürich Süd",
                "Inconsistency",
            ]
        );
        // The items, then an empty record before the summaries.
        assert!(records[7].iter().all(String::is_empty), "{:?}", records[7]);
        for (r, want) in EXPECTED.iter().enumerate() {
            let got = &records[r + 1];
            assert_eq!(got.len(), 12);
            for (c, w) in want.iter().enumerate() {
                let w = if *w == FORMULA {
                    format!("'{FORMULA}")
                } else {
                    w.to_string()
                };
                assert_eq!(got[c], w, "row {r}, column {:?}", records[0][c]);
            }
        }
        // Spelled out: the formula neutralised, the non-ASCII text whole.
        assert_eq!(records[1][1], "'=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(records[4][1], "Café ü 😀 שלום");
        // No formula anywhere: what starts like one is a number we wrote
        // (a negative change) or carries the quote.
        for cell in records.iter().flatten() {
            if risky(cell) {
                assert!(cell.parse::<f64>().is_ok(), "{cell:?}");
            }
        }
    }

    #[test]
    fn csv_neutralises_risky_phase_and_branch_names() {
        let mut report = fixture();
        report.items[1].item.phase = "@phase".into();
        report.items[2].item.text = "-5 points".into();
        report.items[3].item.text = "+1 queue".into();
        let branches = vec![(NORTH, "=North".into()), (SOUTH, "\tSouth".into())];
        let bytes = audit_csv(&doc(&report, &branches));
        let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..])
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(records[0][9], "Mean at =North");
        assert_eq!(records[2][0], "'@phase");
        assert_eq!(records[3][1], "'-5 points");
        assert_eq!(records[4][1], "'+1 queue");
        for cell in records.iter().flatten() {
            if risky(cell) {
                assert!(cell.parse::<f64>().is_ok(), "{cell:?}");
            }
        }
    }

    /// A cell as the exports write it: numbers to one decimal (counts
    /// whole), text as is, `NONE` for missing values.
    fn shown(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
        match range.get_value((r, c)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) if s == NONE => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => {
                let r = (f * 10.0).round() / 10.0;
                if r > 0.0 && c == 6 {
                    format!("+{r:.1}")
                } else if c == 5 {
                    format!("{r}")
                } else {
                    format!("{r:.1}")
                }
            }
            Some(other) => panic!("cell ({r},{c}) is neither text nor a float: {other:?}"),
        }
    }

    fn text(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
        match range.get_value((r, c)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(other) => panic!("cell ({r},{c}) is not text: {other:?}"),
        }
    }

    fn float(range: &calamine::Range<Data>, r: u32, c: u32) -> f64 {
        match range.get_value((r, c)) {
            Some(Data::Float(f)) => *f,
            other => panic!("cell ({r},{c}) is not a number: {other:?}"),
        }
    }

    fn row_of(range: &calamine::Range<Data>, first: &str) -> u32 {
        (0..range.height() as u32)
            .find(|r| text(range, *r, 0) == first)
            .unwrap_or_else(|| panic!("no row starting {first:?}"))
    }

    #[test]
    fn xlsx_has_items_summary_and_heat_map_with_numbers_as_numbers() {
        let report = fixture();
        let branches = branches();
        let bytes = audit_xlsx(&doc(&report, &branches)).expect("xlsx");
        dump("audit.xlsx", &bytes);
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
        assert_eq!(
            book.sheet_names(),
            ["Items", "Summary", "Heat map", "Comments"]
        );

        // Items.
        let items = book.worksheet_range("Items").expect("Items");
        assert_eq!(
            text(&items, 0, 0),
            "Möbel Müller & Söhne · Spring 2026 · 2026-03-02 – 2026-03-20"
        );
        assert!(text(&items, 1, 0).starts_with(
            "7 of 12 raters handed in (2 more have answers not handed in, not counted)"
        ));
        assert!(text(&items, 2, 0).contains("⚑ gap: two rater groups"));
        let head = row_of(&items, "Phase");
        for (c, h) in ITEM_COLUMNS.iter().enumerate() {
            assert_eq!(text(&items, head, c as u32), *h);
        }
        for (i, want) in EXPECTED.iter().enumerate() {
            let r = head + 1 + i as u32;
            for (c, w) in want[..9].iter().enumerate() {
                assert_eq!(shown(&items, r, c as u32), *w, "Items ({r},{c})");
            }
        }
        // Numbers are numbers, at full precision; text is text.
        let first = head + 1;
        assert_eq!(text(&items, first, 1), FORMULA);
        assert_eq!(float(&items, first, 2), 3.0);
        assert!((float(&items, first, 4) - (2.0f64 / 3.0).sqrt()).abs() < 1e-9);
        assert_eq!(float(&items, first, 5), 3.0);
        assert_eq!(float(&items, first, 6), 0.0);
        assert_eq!(float(&items, first + 3, 6), -1.0);
        assert_eq!(float(&items, first + 4, 6), -0.5);
        assert_eq!(text(&items, first + 3, 1), NON_ASCII);
        assert_eq!(text(&items, first + 5, 2), NONE, "unscored: a dash");
        assert_eq!(float(&items, first + 5, 5), 0.0);

        // Summary: three headed tables.
        let summary = book.worksheet_range("Summary").expect("Summary");
        for (heading, first, rows) in [
            ("By phase", "Phase", &PHASES[..]),
            ("By rater group", "Rater group", &GROUPS[..]),
            ("By branch", "Branch", &BRANCHES[..]),
        ] {
            let h = row_of(&summary, heading);
            assert_eq!(text(&summary, h + 1, 0), first);
            for (c, t) in STAT_COLUMNS.iter().enumerate() {
                assert_eq!(text(&summary, h + 1, 1 + c as u32), *t);
            }
            for (i, (name, mean, median, spread, count)) in rows.iter().enumerate() {
                let r = h + 2 + i as u32;
                assert_eq!(text(&summary, r, 0), *name, "{heading}");
                let got: Vec<String> = (1..5).map(|c| shown(&summary, r, c)).collect();
                let count_shown = format!("{:.1}", float(&summary, r, 4));
                assert_eq!(
                    [&got[0], &got[1], &got[2], &count_shown],
                    [
                        *mean,
                        *median,
                        *spread,
                        &format!("{:.1}", count.parse::<f64>().unwrap())
                    ],
                    "{heading}: {name}"
                );
            }
            assert!(text(&summary, h + 2 + rows.len() as u32, 0).is_empty());
        }

        // Heat map: items in the same order, a mean per branch.
        let heat = book.worksheet_range("Heat map").expect("Heat map");
        let head = row_of(&heat, "Item");
        assert_eq!(text(&heat, head, 1), "North");
        assert_eq!(text(&heat, head, 2), "Zürich Süd");
        assert_eq!(text(&heat, head, 3), "Inconsistency");
        for (i, want) in EXPECTED.iter().enumerate() {
            let r = head + 1 + i as u32;
            assert_eq!(text(&heat, r, 0), want[1]);
            for (c, w) in want[9..].iter().enumerate() {
                assert_eq!(shown(&heat, r, 1 + c as u32), *w, "Heat map ({r},{c})");
                if !w.is_empty() {
                    assert!(matches!(
                        heat.get_value((r, 1 + c as u32)),
                        Some(Data::Float(_))
                    ));
                }
            }
        }
        assert_eq!(float(&heat, head + 4, 1), 9.0);
        assert_eq!(float(&heat, head + 4, 2), 3.0);
        assert_eq!(float(&heat, head + 4, 3), 6.0);
        assert_eq!(text(&heat, head + 2, 2), NONE);

        // No formula in any sheet.
        for sheet in ["Items", "Summary", "Heat map"] {
            let formulas = book.worksheet_formula(sheet).expect("formula range");
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "no formula in {sheet}"
            );
        }
    }

    #[test]
    fn pdf_is_a4_landscape_with_every_item_and_branch() {
        let report = fixture();
        let branches = branches();
        let bytes = audit_pdf(&doc(&report, &branches)).expect("pdf");
        dump("audit.pdf", &bytes);
        assert!(assert_a4_landscape(&bytes) >= 1);
        let all = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
        for t in [
            "Touchpoint audit",
            "Möbel Müller & Söhne · Spring 2026 · 2026-03-02 – 2026-03-20",
            "7 of 12 raters handed in",
            "Items, lowest-scoring first",
            "Change since last round",
            "Gap between groups",
            "By phase",
            "By rater group",
            "By branch",
            "Heat map: mean score per item and branch",
            "Inconsistency",
            "Staff 8.0 vs Friend 4.0 (4.0)",
            "⚑ gap ⚑ inconsistent",
            "6.0 ⚑",
            "from red (low) through yellow to green (high)",
        ] {
            assert!(all.contains(&squash(t)), "{t:?} in {all}");
        }
        for e in &EXPECTED {
            if e[1] == NON_ASCII {
                continue;
            }
            assert!(all.contains(&squash(e[1])), "item {:?}", e[1]);
            assert!(all.contains(&squash(e[0])), "phase {:?}", e[0]);
        }
        // The non-ASCII item: Latin and emoji in order, Hebrew letters in
        // either order (right-to-left text is drawn reordered).
        assert!(all.contains("Caféü😀"));
        let hebrew = "שלום";
        let reversed: String = hebrew.chars().rev().collect();
        assert!(all.contains(hebrew) || all.contains(&reversed), "Hebrew");
        assert!(!all.contains('\u{FFFD}'), "every character drawable");
        for (_, name) in &branches {
            assert!(all.contains(&squash(name)), "branch {name}");
        }
        // The items table, lowest first: each item's row in order.
        let rows: Vec<String> = EXPECTED[..5]
            .iter()
            .map(|e| squash(&format!("{}{}{}{}", e[1], e[2], e[3], e[4])))
            .collect();
        let mut at = 0;
        for (e, row) in EXPECTED.iter().zip(&rows) {
            if e[1] == NON_ASCII {
                continue;
            }
            let i = all[at..]
                .find(row.as_str())
                .unwrap_or_else(|| panic!("{row}"));
            at += i + row.len();
        }
    }

    #[test]
    fn pdf_with_many_branches_and_items_runs_over_pages_and_splits_the_heat_map() {
        let items: Vec<ReportItem> = (1..=40)
            .map(|i| {
                item(
                    i,
                    &format!("Phase {}", i % 3),
                    &format!(
                        "Item number {i:02} {}",
                        "with a long text ".repeat(i as usize % 7)
                    ),
                    Some(i),
                )
            })
            .collect();
        let branch_ids: Vec<Id> = (1..=20).map(|b| 1000 + b).collect();
        let scores: Vec<ScoreRow> = items
            .iter()
            .flat_map(|it| {
                branch_ids.iter().map(move |b| ScoreRow {
                    item_id: it.id,
                    branch_id: *b,
                    group: RaterGroup::ALL[(*b as usize + it.id as usize) % 5],
                    score: ((it.id + b) % 10 + 1) as u8,
                })
            })
            .collect();
        let r = report(&items, &scores, &branch_ids, &HashMap::new());
        let names: Vec<(Id, String)> = branch_ids
            .iter()
            .map(|b| (*b, format!("Branch-{b}")))
            .collect();
        let bytes = audit_pdf(&doc(&r, &names)).expect("pdf");
        assert!(assert_a4_landscape(&bytes) >= 4);
        let all = squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap());
        for (_, n) in &names {
            assert!(all.contains(n.as_str()), "{n}");
        }
        for it in &items {
            assert!(
                all.matches(&squash(&it.text)).count() >= 4,
                "{} in the items table and three heat-map tables",
                it.text
            );
        }
        for part in [
            "(branches1–8of20)",
            "(branches9–16of20)",
            "(branches17–20of20)",
        ] {
            assert!(all.contains(part), "{part}");
        }
        assert!(all.contains("(continued)"));

        // No branches, no items: still a document.
        let empty = report(&[], &[], &[], &HashMap::new());
        let bytes = audit_pdf(&doc(&empty, &[])).expect("pdf");
        let text = squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap());
        assert!(text.contains("Thisroundhasnoitems."));
        assert!(audit_xlsx(&doc(&empty, &[])).is_ok());
        let csv = String::from_utf8(audit_csv(&doc(&empty, &[]))).unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
        assert_eq!(
            lines[..2],
            [ITEM_COLUMNS.join(",") + ",Inconsistency", ",".repeat(9)],
            "the header, then the summaries: no item"
        );
    }
}
