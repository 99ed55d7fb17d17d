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

mod report_csv;
mod report_pdf;
mod report_xlsx;
pub use report_csv::{audit_csv, comments_heading, COMMENTS_HEADING};
pub use report_pdf::audit_pdf;
pub(crate) use report_pdf::audit_pdf_doc;
pub use report_xlsx::audit_xlsx;

#[cfg(test)]
mod tests;
