//! The audit report as CSV.

use super::*;

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
