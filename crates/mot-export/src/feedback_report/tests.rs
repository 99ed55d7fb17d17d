//! The feedback report on a hand-made journey, read back with independent
//! readers: `csv`, `calamine` and `pdf-extract`.

use super::*;
use crate::testing::{assert_a4_landscape, dump, squash};
use crate::Brand;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use time::macros::{date, datetime};

fn t(worse: u64, as_expected: u64, better: u64) -> Tally {
    Tally {
        worse,
        as_expected,
        better,
    }
}

const LONG: &str = "The customer rings the service line about a missing cushion and the \
    team promises to call back within the hour, then actually calls back with a delivery date";

fn moment(title: &str, branches: Vec<(Option<Id>, Tally)>) -> MomentFigures {
    let mut all = Tally::default();
    for (_, b) in &branches {
        all.merge(b);
    }
    MomentFigures {
        title: title.into(),
        all,
        branches,
        team: None,
        gap: None,
        alerts: Vec::new(),
        by_month: Vec::new(),
    }
}

/// Four moments: "Delivery day" (10 worse, 20 as expected, 30 better over
/// two branches that agree; the team says Magical: a blind spot; an
/// alert), a long one with 12 answers (too few to tell), one without
/// answers, and "Installation" whose branches differ beyond chance.
fn moments() -> Vec<MomentFigures> {
    let mut delivery = moment(
        "Delivery day",
        vec![(Some(1), t(8, 10, 12)), (Some(2), t(2, 10, 18))],
    );
    delivery.team = Some(Rating::Magical);
    delivery.gap = mot_core::feedback::gap(Rating::Magical, &delivery.all);
    delivery.alerts = vec![Alert::WorseThanUsual];
    // March: 10 answers (too few); April: 40 answers, score +40; May: none.
    delivery.by_month = vec![t(2, 5, 3), t(6, 12, 22), t(0, 0, 0)];
    vec![
        delivery,
        moment(LONG, vec![(None, t(3, 4, 5))]),
        moment("Paying", Vec::new()),
        moment(
            "Installation",
            vec![(Some(1), t(20, 5, 5)), (Some(2), t(2, 8, 30))],
        ),
    ]
}

fn branches() -> Vec<(Option<Id>, String)> {
    vec![
        (None, "Every branch".into()),
        (Some(1), "Harbour Street".into()),
        (Some(2), "=Mall".into()),
    ]
}

fn comments() -> Vec<ReportComment> {
    vec![
        ReportComment {
            day: date!(2026 - 05 - 03),
            moment: "Delivery day".into(),
            branch: "Harbour Street".into(),
            verdict: Verdict::Worse,
            reason: "waiting time".into(),
            comment: "=HYPERLINK(\"http://x\") two hours late".into(),
        },
        ReportComment {
            day: date!(2026 - 05 - 01),
            moment: "Installation".into(),
            branch: "=Mall".into(),
            verdict: Verdict::Better,
            reason: String::new(),
            comment: "Lovely fitters, café ü 😀".into(),
        },
    ]
}

fn with_doc<T>(f: impl FnOnce(&FeedbackReport) -> T) -> T {
    let (m, b, c) = (moments(), branches(), comments());
    f(&FeedbackReport {
        business: "Acme Furniture",
        journey: "New customer buys a sofa",
        from: date!(2026 - 02 - 04),
        to: date!(2026 - 05 - 04),
        made_at: datetime!(2026-05-04 14:03 UTC),
        branches: &b,
        moments: &m,
        comments: &c,
        months: &[
            date!(2026 - 03 - 01),
            date!(2026 - 04 - 01),
            date!(2026 - 05 - 01),
        ],
    })
}

fn records(bytes: &[u8], lang: Lang) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(if lang == Lang::De { b';' } else { b',' })
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_has_a_row_per_moment_and_branch_with_hand_computed_figures() {
    let bytes = with_doc(|d| report_csv(d, &Look::default()));
    dump("feedback-report.csv", &bytes);
    let r = records(&bytes, Lang::En);
    assert_eq!(
        r.len(),
        1 + 4 * 4,
        "a header, then 4 moments × (all + 3 branches)"
    );
    assert_eq!(r[0], report_columns(Lang::En).map(str::to_string).to_vec());
    assert_eq!(r[0][9], "Score");
    // Delivery day, all answers: 10 / 20 / 30 of 60, score +33.3, 95 %
    // from +8.1 to +54.5; the team's Magical lies above: a blind spot of
    // 100 − 33.3 = 66.7 points.
    assert_eq!(
        r[1],
        [
            "Delivery day",
            "All answers",
            "60",
            "10",
            "20",
            "30",
            "16.7",
            "33.3",
            "50.0",
            "33.3",
            "8.1",
            "54.5",
            "",
            "Magical",
            "blind spot",
            "66.7",
            "More customers say worse than this moment's past explains."
        ]
    );
    // Then each branch, in the given order; none answered at a link for every branch.
    assert_eq!(
        (r[2][1].as_str(), r[2][2].as_str(), r[2][9].as_str()),
        ("Every branch", "0", "")
    );
    assert_eq!(r[2][12], "no answers yet", "none is not too few");
    // Harbour Street: 8 / 10 / 12 → +13.3 (−21.6 to +45.2); the team's
    // view is on the moment's first row only.
    assert_eq!(
        &r[3][1..12],
        [
            "Harbour Street",
            "30",
            "8",
            "10",
            "12",
            "26.7",
            "33.3",
            "40.0",
            "13.3",
            "-21.6",
            "45.2"
        ]
    );
    assert_eq!(r[3][13], "");
    assert_eq!(r[4][1], "'=Mall", "a formula-looking branch is neutralised");
    // The long moment: 12 answers, too few to tell: shares, but no score.
    assert_eq!(r[5][0], LONG);
    assert_eq!(
        &r[5][2..13],
        [
            "12",
            "3",
            "4",
            "5",
            "25.0",
            "33.3",
            "41.7",
            "",
            "",
            "",
            "too few to tell"
        ]
    );
    // The moment without answers: counts 0, nothing else.
    assert_eq!(&r[9][2..12], ["0", "0", "0", "0", "", "", "", "", "", ""]);
}

#[test]
fn csv_in_german_uses_semicolons_decimal_commas_and_german_words() {
    let bytes = with_doc(|d| report_csv(d, &Look::new(Lang::De)));
    let r = records(&bytes, Lang::De);
    assert_eq!(r[0][9], "Punktzahl");
    assert_eq!(r[1][1], "Alle Antworten");
    assert_eq!((r[1][9].as_str(), r[1][10].as_str()), ("33,3", "8,1"));
    assert_eq!(r[1][13], "Magisch");
    assert_eq!(r[5][12], "zu wenige, um etwas zu sagen");
}

#[test]
fn xlsx_holds_numbers_as_numbers_and_text_never_as_formulas() {
    let bytes = with_doc(|d| report_xlsx(d, &Look::new(Lang::De))).unwrap();
    dump("feedback-report.xlsx", &bytes);
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Zahlen", "Kommentare"]);
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let text = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("({r},{c}) {other:?}"),
    };
    let num = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("({r},{c}) {other:?}"),
    };
    assert!(text(0, 0).contains("Acme Furniture"), "the title");
    assert!(text(1, 0).contains("90"), "the period: {}", text(1, 0));
    let head = (0..sheet.height() as u32)
        .find(|r| matches!(sheet.get_value((*r, 0)), Some(Data::String(s)) if s == "Moment"))
        .expect("the header row");
    assert_eq!(text(head, 9), "Punktzahl");
    let first = head + 1;
    assert_eq!(text(first, 0), "Delivery day");
    assert_eq!(
        (2..12).map(|c| num(first, c)).collect::<Vec<_>>(),
        [60.0, 10.0, 20.0, 30.0, 16.7, 33.3, 50.0, 33.3, 8.1, 54.5]
    );
    assert_eq!(num(first, 15), 66.7);
    assert_eq!(text(first + 3, 1), "=Mall", "text, never a formula");
    assert_eq!(sheet.height() as u32, first + 16);
    let comments = book.worksheet_range_at(1).unwrap().unwrap();
    assert_eq!(comments.height(), 3);
    assert_eq!(
        comments.get_value((1, 5)),
        Some(&Data::String(
            "=HYPERLINK(\"http://x\") two hours late".into()
        ))
    );
}

fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn pdf_shows_every_section_and_wraps_long_titles_whole() {
    let brand = Brand {
        name: Some("Northwind Advisers".into()),
        accent: Some("#1a7f3b".into()),
        logo: None,
    };
    let bytes = with_doc(|d| report_pdf(d, &Look::default().with_brand(brand))).unwrap();
    dump("feedback-report.pdf", &bytes);
    let pages = assert_a4_landscape(&bytes);
    let text = pdf_text(&bytes);
    for part in [
        "Customer feedback report",
        "Acme Furniture",
        "New customer buys a sofa",
        "2026-02-04 – 2026-05-04",
        "last 90 days",
        "2026-05-04 14:03 UTC",
        "+33",
        "+8 to +55",
        "17 %",
        "50 %",
        "too few to tell",
        "Magical",
        "Blind spot: the team rates it 67 points higher",
        "More customers say worse than this moment's past explains.",
        "Harbour Street",
        "=Mall",
        "+13 to +53, within chance",
        "Branches differ beyond chance: from −50 to +70",
        "Recent comments (the 2 newest counted)",
        "waiting time",
        "Month by month",
        "March 2026",
        "April 2026",
        "May 2026",
        "+40 40 answers",
    ] {
        // Without whitespace: the extractor joins wrapped lines without a space.
        assert!(squash(&text).contains(&squash(part)), "{part:?} in {text}");
    }
    assert_eq!(
        text.matches("Northwind Advisers").count(),
        pages,
        "the brand heads every page"
    );
    // The long title wraps in its cell, and every word of it is there (in
    // the moments table, month by month and the side-by-side view).
    assert_eq!(squash(&text).matches(&squash(LONG)).count(), 3, "{text}");
}

#[test]
fn pdf_speaks_german_and_arabic() {
    let bytes = with_doc(|d| report_pdf(d, &Look::new(Lang::De))).unwrap();
    let text = pdf_text(&bytes);
    for part in [
        "Bericht Kundenfeedback",
        "4. Mai 2026",
        "zu wenige, um etwas zu sagen",
        "Magisch",
        "Blinder Fleck",
        "April 2026",
    ] {
        assert!(squash(&text).contains(&squash(part)), "{part:?} in {text}");
    }
    let bytes = with_doc(|d| report_pdf(d, &Look::new(Lang::Ar))).unwrap();
    dump("feedback-report-ar.pdf", &bytes);
    assert!(assert_a4_landscape(&bytes) >= 1);
    // The Latin names survive right-to-left layout.
    let text = pdf_text(&bytes);
    assert!(
        text.contains("Harbour Street") && text.contains("Delivery day"),
        "{text}"
    );
}

#[test]
fn an_empty_journey_still_makes_a_report() {
    let doc = FeedbackReport {
        business: "Acme",
        journey: "Empty",
        from: date!(2026 - 05 - 04),
        to: date!(2026 - 05 - 04),
        made_at: datetime!(2026-05-04 00:00 UTC),
        branches: &[],
        moments: &[],
        comments: &[],
        months: &[],
    };
    let text = pdf_text(&report_pdf(&doc, &Look::default()).unwrap());
    assert!(
        text.contains("This journey has no moments yet.")
            && text.contains("No comments in this period."),
        "{text}"
    );
    assert_eq!(
        records(&report_csv(&doc, &Look::default()), Lang::En).len(),
        1
    );
    assert!(report_xlsx(&doc, &Look::default()).is_ok());
}
