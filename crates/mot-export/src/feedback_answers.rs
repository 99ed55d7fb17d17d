//! Customers' answers as a file to take away: one row per answer (its
//! day, moment, branch, answer, reason, comment, and whether it is flagged
//! and so counted by no figure), as CSV or XLSX, in the reader's language.

use crate::spreadsheet::{csv_cell, looks_like_formula, xlsx, xlsx_text};
use crate::Look;
use mot_core::feedback::Verdict;
use mot_i18n::{text, Lang};
use time::Date;

/// One answer, as the file shows it.
#[derive(Debug, Clone)]
pub struct AnswerRow {
    pub day: Date,
    pub moment: String,
    pub branch: String,
    pub verdict: Verdict,
    pub reason: String,
    pub comment: String,
    pub flagged: bool,
}

fn header(lang: Lang) -> [&'static str; 7] {
    [
        "export-feedback-col-date",
        "export-feedback-col-moment",
        "export-feedback-col-branch",
        "export-feedback-col-answer",
        "export-feedback-col-reason",
        "export-feedback-col-comment",
        "export-feedback-col-flagged",
    ]
    .map(|k| text(lang, k))
}

/// A row's cells as a person reads them (user text as typed).
fn cells(r: &AnswerRow, lang: Lang) -> [String; 7] {
    [
        mot_core::date::format(r.day),
        r.moment.clone(),
        r.branch.clone(),
        text(lang, r.verdict.word_key()).to_string(),
        r.reason.clone(),
        r.comment.clone(),
        if r.flagged {
            text(lang, "export-feedback-flagged-yes").to_string()
        } else {
            String::new()
        },
    ]
}

/// The answers as CSV (UTF-8 with BOM; `;` in German), formula-looking
/// text neutralised.
pub fn to_csv(rows: &[AnswerRow], look: &Look) -> Vec<u8> {
    csv_part(rows, look, true)
}

/// A part of [`to_csv`]'s file, for one written part by part: the first
/// (`first`) with the byte-order mark and the header, then only rows.
/// The parts of a list, one after the other, are its [`to_csv`].
pub fn csv_part(rows: &[AnswerRow], look: &Look, first: bool) -> Vec<u8> {
    let lang = look.lang;
    let head = first.then(|| header(lang).map(str::to_string));
    let body = rows
        .iter()
        .map(|r| cells(r, lang).map(|c| csv_cell(&c).into_owned()));
    crate::spreadsheet::csv_part(head.into_iter().chain(body), lang, first)
}

/// The answers as an XLSX sheet: a header row, frozen, then one row per
/// answer, every cell text (never a formula); right to left in Arabic.
pub fn to_xlsx(rows: &[AnswerRow], look: &Look) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::Workbook;
    let e = xlsx::err;
    let lang = look.lang;
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(text(lang, "export-feedback-sheet"))
        .map_err(e)?;
    xlsx::page_setup(ws, text(lang, "export-feedback-sheet"), look);
    for (c, w) in [12.0, 30.0, 18.0, 14.0, 18.0, 50.0, 10.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w).map_err(e)?;
    }
    let head = xlsx::header(look);
    for (c, h) in header(lang).iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)
            .map_err(e)?;
    }
    ws.set_freeze_panes(1, 0).map_err(e)?;
    for (i, r) in rows.iter().enumerate() {
        for (c, v) in cells(r, lang).iter().enumerate() {
            let format = xlsx::cell(None, false, looks_like_formula(v));
            ws.write_string_with_format(1 + i as u32, c as u16, xlsx_text(v, lang), &format)
                .map_err(e)?;
        }
    }
    workbook.save_to_buffer().map_err(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use time::macros::date;

    fn rows() -> Vec<AnswerRow> {
        vec![
            AnswerRow {
                day: date!(2026 - 12 - 01),
                moment: "Delivery day".into(),
                branch: "Harbour Street".into(),
                verdict: Verdict::Better,
                reason: "Friendliness".into(),
                comment: "=HYPERLINK(\"http://x\")".into(),
                flagged: false,
            },
            AnswerRow {
                day: date!(2026 - 12 - 02),
                moment: "Café ü 😀".into(),
                branch: String::new(),
                verdict: Verdict::Worse,
                reason: String::new(),
                comment: "Line one\nline two; with a separator".into(),
                flagged: true,
            },
        ]
    }

    #[test]
    fn a_file_written_part_by_part_is_the_file_written_at_once() {
        for lang in [Lang::En, Lang::De] {
            let look = Look::new(lang);
            let all = rows();
            let mut parts = csv_part(&all[..1], &look, true);
            parts.extend(csv_part(&all[1..], &look, false));
            parts.extend(csv_part(&[], &look, false));
            assert_eq!(parts, to_csv(&all, &look), "{lang:?}");
            assert_eq!(
                csv_part(&[], &look, true),
                to_csv(&[], &look),
                "no answers: the header"
            );
        }
    }

    #[test]
    fn csv_reads_back_row_by_row_with_words_in_the_language() {
        for lang in [Lang::En, Lang::De] {
            let bytes = to_csv(&rows(), &Look::new(lang));
            assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
            let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .has_headers(false)
                .delimiter(if lang == Lang::De { b';' } else { b',' })
                .from_reader(&bytes[3..])
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect();
            assert_eq!(records.len(), 3, "{lang:?}");
            assert_eq!(records[0][3], text(lang, "export-feedback-col-answer"));
            assert_eq!(records[1][0], "2026-12-01");
            assert_eq!(records[1][3], text(lang, "feedback-verdict-better"));
            assert!(
                records[1][5].starts_with("'="),
                "a formula is neutralised: {}",
                records[1][5]
            );
            assert_eq!(records[2][1], "Café ü 😀");
            assert_eq!(records[2][5], "Line one\nline two; with a separator");
            assert_eq!(records[2][6], text(lang, "export-feedback-flagged-yes"));
        }
    }

    #[test]
    fn xlsx_reads_back_as_text_right_to_left_in_arabic() {
        let bytes = to_xlsx(&rows(), &Look::new(Lang::Ar)).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let cell = |r: u32, c: u32| match sheet.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            other => panic!("({r},{c}) {other:?}"),
        };
        assert_eq!(cell(0, 0), text(Lang::Ar, "export-feedback-col-date"));
        assert_eq!(
            cell(1, 5),
            "=HYPERLINK(\"http://x\")",
            "text, never a formula"
        );
        assert_eq!(cell(2, 3), text(Lang::Ar, "feedback-verdict-worse"));
        assert_eq!(sheet.height(), 3);
    }
}
