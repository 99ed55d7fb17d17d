//! The audit report as a PDF.

use super::*;

/// The report as a PDF: A4 landscape; the title, responses and what the
/// flags mean; the items table lowest-scoring first; the summaries by
/// phase, rater group and branch; the heat map (items × branches, cells
/// filled red to green with the mean written in them, eight branches per
/// table, more in further tables). Long text wraps; tables
/// continue on new pages with their heading and header row. Words, numbers
/// and dates in the look's language (right to left in Arabic); the brand's
/// name and logo head every page.
pub fn audit_pdf(doc: &AuditDoc, look: &Look) -> Result<Vec<u8>, String> {
    pdf::render(&audit_pdf_doc(doc, look), look)
}

/// The report's PDF document (also a part of the client report pack).
pub(crate) fn audit_pdf_doc(doc: &AuditDoc, look: &Look) -> pdf::Doc {
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

    pdf::Doc {
        title: tr!(lang, "export-audit-title").into(),
        subtitle: title_line(doc, lang),
        blocks,
    }
}
