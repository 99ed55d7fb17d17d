//! Importing the feedback a business already has: an owner uploads a CSV or
//! Excel file, chooses which column is which, and the answers are read back
//! through the store's figures; a bad file is a clear 4xx and keeps nothing;
//! only owners and facilitators of the journey's own workspace may import.

#[macro_use]
mod common;

use common::*;
use mot_core::feedback::Tally;
use mot_core::Role;
use mot_server::Settings;
use reqwest::StatusCode;

const EXCEL_WINDOWS: &[u8] =
    include_bytes!("../../../tests/fixtures/feedback-import/excel-windows-1252.csv");
const SURVEY_UTF16: &[u8] =
    include_bytes!("../../../tests/fixtures/feedback-import/survey-utf16le-bom.csv");
const VERDICTS_UTF8_BOM: &[u8] =
    include_bytes!("../../../tests/fixtures/feedback-import/verdicts-utf8-bom.csv");

/// The samples' world: notes "Delivery day" and "Ordering", and a branch
/// "Café Süd".
struct Place {
    w: World,
    delivery: i64,
    ordering: i64,
    branch: i64,
}

async fn place(app: &TestApp) -> Place {
    let w = World::new(&app.store, "Acme").await;
    let delivery = w.note(&app.store, 0, "Delivery day").await.id;
    let ordering = w.note(&app.store, 1, "Ordering").await.id;
    let branch = app
        .store
        .add_branch(w.ws, w.business.id, "Café Süd")
        .await
        .unwrap()
        .id;
    Place {
        w,
        delivery,
        ordering,
        branch,
    }
}

/// Uploads a file as `b`; answers the mapping page's path.
async fn upload(b: &Browser, journey: i64, name: &str, bytes: &[u8]) -> String {
    let res = send_file(
        b,
        &format!("/j/{journey}/feedback/import"),
        &b.csrf,
        "file",
        name,
        bytes,
    )
    .await;
    let status = res.status();
    if status != StatusCode::SEE_OTHER {
        panic!("upload of {name}: {status} {}", res.text().await.unwrap());
    }
    let to = location(&res);
    assert!(
        to.starts_with(&format!("/j/{journey}/feedback/import/")),
        "{to}"
    );
    to
}

/// Sends the mapping form with the owner's choices.
async fn map(b: &Browser, mapping: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    b.submit(mapping, fields).await
}

/// An import's page once the import is no longer running (it reloads
/// itself while it runs): its status and text.
async fn finished(b: &Browser, path: &str) -> (StatusCode, String) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let res = b.get(path).await;
        let status = res.status();
        let body = res.text().await.unwrap();
        if !body.contains("data-import-running") {
            return (status, body);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the import still runs: {body}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Sends the mapping, then follows the import to its end: the final page's
/// status and text (the mapping page itself when it was refused at once).
async fn map_done(b: &Browser, mapping: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let res = map(b, mapping, fields).await;
    if res.status() != StatusCode::SEE_OTHER {
        return (res.status(), res.text().await.unwrap());
    }
    finished(b, &location(&res)).await
}

/// The value a select of the mapping page comes with (`""`: none).
fn selected(page: &str, name: &str) -> Option<String> {
    let start = page.find(&format!(r#"name="{name}""#))?;
    let select = &page[start..start + page[start..].find("</select>")?];
    let before = &select[..select.find(" selected")?];
    let value = &before[before.rfind("value=\"")? + 7..];
    Some(value.trim_end_matches('"').to_string())
}

/// Maps and imports; answers the result page's text.
async fn import(b: &Browser, mapping: &str, fields: &[(&str, &str)]) -> String {
    let (status, body) = map_done(b, mapping, fields).await;
    assert_eq!(status, StatusCode::OK, "import: {body}");
    body
}

/// Every answer of a moment at a branch (`None`: every branch), over all days.
async fn tally(app: &TestApp, p: &Place, moment: i64, branch: Option<i64>) -> Tally {
    let today = mot_store::feedback_today();
    app.store
        .feedback_tallies(p.w.ws, p.w.journey.id, (0, today + 1))
        .await
        .unwrap()
        .into_iter()
        .filter(|t| t.moment_id == moment && t.branch_id == branch)
        .fold(Tally::default(), |mut acc, t| {
            acc.merge(&t.tally);
            acc
        })
}

fn t(worse: u64, as_expected: u64, better: u64) -> Tally {
    Tally {
        worse,
        as_expected,
        better,
    }
}

async fn comments(app: &TestApp, p: &Place) -> Vec<String> {
    let mut c: Vec<String> = app
        .store
        .feedback_answers_between(
            p.w.ws,
            p.w.journey.id,
            (0, mot_store::feedback_today() + 1),
            1000,
        )
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.comment)
        .filter(|c| !c.is_empty())
        .collect();
    c.sort();
    c
}

async fn answers(app: &TestApp, p: &Place) -> u64 {
    app.store
        .feedback_answer_count(p.w.ws, p.w.journey.id)
        .await
        .unwrap()
}

async fn rollups_exact(app: &TestApp, p: &Place) {
    let (rolled, counted) = app
        .store
        .feedback_rollup_check(p.w.ws, p.w.journey.id)
        .await
        .unwrap();
    assert_eq!(rolled, counted, "the roll-ups equal a count of the answers");
}

fn day_of(y: i32, m: u8, d: u8) -> i64 {
    let date = time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap();
    mot_core::feedback::trend::day_number(date)
}

/// What a bad file is, the file, the form's extra fields, what the page says.
type BadCase = (
    &'static str,
    String,
    &'static [(&'static str, &'static str)],
    &'static str,
);

const STARS_EXCEL: &[(&str, &str)] = &[
    ("date", "0"),
    ("branch", "1"),
    ("moment", "2"),
    ("rating", "3"),
    ("comment", "4"),
    ("external_id", ""),
    ("scale", "stars"),
    ("date_order", "day_first"),
];

on_both! {
    async fn a_csv_as_excel_on_windows_writes_it_imports_once_however_often_it_is_sent(app) {
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        // The journey's feedback page offers the import.
        let page = ok_page(owner.get(&format!("/j/{}/feedback", p.w.journey.id)).await, "feedback").await;
        assert!(page.contains(&format!("/j/{}/feedback/import", p.w.journey.id)));
        let form = ok_page(owner.get(&format!("/j/{}/feedback/import", p.w.journey.id)).await, "upload").await;
        assert!(form.contains(r#"enctype="multipart/form-data""#) && form.contains(r#"type="file""#));

        let mapping = upload(&owner, p.w.journey.id, "Feedback März.csv", EXCEL_WINDOWS).await;
        let page = ok_page(owner.get(&mapping).await, "the mapping page").await;
        // Windows-1252 read right: é, ü, € in the preview; the columns guessed.
        assert!(page.contains("Café Süd") && page.contains("Pünktlich, 5 € Rabatt"), "{page}");
        assert!(page.contains("windows-1252"));
        assert!(page.contains(r#"<option value="0" selected"#), "the date column is guessed");
        assert!(page.contains(r#"<option value="2" selected"#), "the moment column is guessed");

        let result = import(&owner, &mapping, STARS_EXCEL).await;
        assert!(result.contains("4 answers imported"), "{result}");
        assert!(result.contains("0 were there already") && result.contains("0 lines refused"), "{result}");
        assert_eq!(tally(&app, &p, p.delivery, Some(p.branch)).await, t(0, 0, 2), "twins are two answers");
        assert_eq!(tally(&app, &p, p.ordering, None).await, t(1, 0, 0));
        assert_eq!(tally(&app, &p, p.ordering, Some(p.branch)).await, t(0, 1, 0));
        assert_eq!(
            comments(&app, &p).await,
            vec!["Pünktlich, 5 € Rabatt".to_string(), "Pünktlich, 5 € Rabatt".into(), "Zu teuer; 120 € für \"Lieferung\"".into()]
        );
        let days: Vec<i64> = app.store.feedback_days(p.w.ws, p.w.journey.id, (0, mot_store::feedback_today())).await.unwrap().into_iter().map(|(_, d, _)| d).collect();
        assert!(days.contains(&day_of(2025, 4, 3)) && days.contains(&day_of(2025, 4, 5)), "{days:?}");
        rollups_exact(&app, &p).await;
        // The uploaded file is gone once imported: the page says so over
        // the form to send one again.
        let gone = owner.get(&mapping).await;
        let body = refused(gone, StatusCode::NOT_FOUND, "an imported upload").await;
        assert!(body.contains(r#"type="file""#), "{body}");

        // The same file again: nothing is added.
        let mapping = upload(&owner, p.w.journey.id, "Feedback März.csv", EXCEL_WINDOWS).await;
        let result = import(&owner, &mapping, STARS_EXCEL).await;
        assert!(result.contains("0 answers imported") && result.contains("4 were there already"), "{result}");
        assert_eq!(answers(&app, &p).await, 4);
        rollups_exact(&app, &p).await;
    }

    async fn a_survey_export_in_utf16_with_its_own_ids_imports_on_the_zero_to_ten_scale(app) {
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        let mapping = upload(&owner, p.w.journey.id, "survey.csv", SURVEY_UTF16).await;
        let page = ok_page(owner.get(&mapping).await, "the mapping page").await;
        assert!(page.contains("utf-16le") && page.contains("Friendly driver, on time"), "{page}");
        // Scores of 10 and 6: the 0–10 scale is chosen, not stars.
        assert!(page.contains(r#"value="zero_to_ten" checked"#) && !page.contains(r#"value="stars" checked"#), "{page}");
        let fields = [
            ("external_id", "0"), ("date", "1"), ("moment", "2"), ("branch", "3"), ("rating", "4"), ("comment", "5"),
            ("scale", "zero_to_ten"), ("date_order", "day_first"),
        ];
        let result = import(&owner, &mapping, &fields).await;
        assert!(result.contains("3 answers imported"), "{result}");
        assert_eq!(tally(&app, &p, p.delivery, Some(p.branch)).await, t(0, 0, 1));
        assert_eq!(tally(&app, &p, p.delivery, None).await, t(1, 0, 0));
        assert_eq!(tally(&app, &p, p.ordering, Some(p.branch)).await, t(0, 1, 0));
        // The same response ids again, their texts changed: still the same answers.
        let text = String::from_utf16(&SURVEY_UTF16[2..].chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect::<Vec<_>>()).unwrap();
        let changed = text.replace("Late", "Very late");
        let mut bytes = vec![0xFF, 0xFE];
        for u in changed.encode_utf16() { bytes.extend_from_slice(&u.to_le_bytes()); }
        let mapping = upload(&owner, p.w.journey.id, "survey-2.csv", &bytes).await;
        let result = import(&owner, &mapping, &fields).await;
        assert!(result.contains("0 answers imported") && result.contains("3 were there already"), "{result}");
        assert_eq!(answers(&app, &p).await, 3);
        rollups_exact(&app, &p).await;
    }

    async fn a_long_export_with_one_response_id_over_several_moments_keeps_each_moments_answer(app) {
        // A survey tool's "long" export: one row per response and touchpoint.
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        let file = "Response ID,Date,Touchpoint,Verdict\n\
            R-1,2025-06-10,Delivery day,better\n\
            R-1,2025-06-10,Ordering,worse\n\
            R-2,2025-06-11,Delivery day,as expected\n\
            R-2,2025-06-11,Ordering,better\n\
            R-2,2025-06-11,Delivery day,worse\n";
        let fields = [("external_id", "0"), ("date", "1"), ("moment", "2"), ("rating", "3"), ("scale", "words")];
        let mapping = upload(&owner, p.w.journey.id, "long.csv", file.as_bytes()).await;
        let result = import(&owner, &mapping, &fields).await;
        // R-2 twice about "Delivery day" is one answer: its first row.
        assert!(result.contains("4 answers imported") && result.contains("1 was there already"), "{result}");
        assert_eq!(tally(&app, &p, p.delivery, None).await, t(0, 1, 1));
        assert_eq!(tally(&app, &p, p.ordering, None).await, t(1, 0, 1));
        // The same file again adds nothing.
        let mapping = upload(&owner, p.w.journey.id, "long.csv", file.as_bytes()).await;
        let result = import(&owner, &mapping, &fields).await;
        assert!(result.contains("0 answers imported") && result.contains("5 were there already"), "{result}");
        assert_eq!(answers(&app, &p).await, 4);
        rollups_exact(&app, &p).await;
    }

    async fn a_refused_line_is_listed_with_its_number_and_reason_to_download(app) {
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        let mapping = upload(&owner, p.w.journey.id, "verdicts.csv", VERDICTS_UTF8_BOM).await;
        let page = ok_page(owner.get(&mapping).await, "the mapping page").await;
        // The byte-order mark is not part of the first column's name.
        assert!(page.contains(">Column 1: Date<"), "{page}");
        let fields = [("date", "0"), ("moment", "1"), ("rating", "2"), ("comment", "3"), ("scale", "words")];
        let res = map(&owner, &mapping, &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let to = location(&res);
        let (status, result) = finished(&owner, &to).await;
        assert_eq!(status, StatusCode::OK, "{result}");
        let result_path = to.split('?').next().unwrap().to_string();
        assert!(result.contains("2 answers imported") && result.contains("1 line refused"), "{result}");
        assert_eq!(tally(&app, &p, p.ordering, None).await, t(0, 0, 1));
        assert_eq!(tally(&app, &p, p.delivery, None).await, t(0, 1, 0));
        assert_eq!(comments(&app, &p).await, vec!["Quick and easy ✓".to_string()]);
        let csv_path = format!("{result_path}/refused.csv");
        assert!(result.contains(&csv_path));
        // Said on the page too, not only in the file.
        assert!(result.contains("Line 3: no note of this journey is called “Checkout”"), "{result}");
        let res = owner.get(&csv_path).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(content_type(&res).starts_with("text/csv"));
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM, so Excel reads it as UTF-8");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        // Each refused line whole, under the file's own header: to mend and
        // import again.
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), ["Line", "Reason", "Date", "Moment", "Verdict", "Comment"]);
        let rows: Vec<Vec<String>> = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
        assert_eq!(rows, vec![vec!["3", "no note of this journey is called “Checkout”", "2025-06-11", "Checkout", "worse", "Queue"]]);
        // The download is the owner's workspace's only.
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.get(&csv_path).await, StatusCode::NOT_FOUND, "another workspace's refusals").await;
        refused(stranger.get(&result_path).await, StatusCode::NOT_FOUND, "another workspace's result").await;
    }

    async fn an_excel_workbook_imports_its_first_sheet_with_real_date_cells(app) {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let date = Format::new().set_num_format("dd.mm.yyyy");
        for (c, h) in ["Date", "Moment", "Branch", "Stars", "Comment"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        let rows: [(u8, &str, &str, f64, &str); 3] = [
            (7, "Delivery day", "Café Süd", 5.0, "Toll €"),
            (8, "Ordering", "", 1.0, ""),
            (9, "ordering", "café süd", 3.0, "ok"),
        ];
        for (i, (day, moment, branch, stars, comment)) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            sheet.write_datetime_with_format(r, 0, ExcelDateTime::from_ymd(2025, 7, *day).unwrap(), &date).unwrap();
            sheet.write_string(r, 1, *moment).unwrap();
            sheet.write_string(r, 2, *branch).unwrap();
            sheet.write_number(r, 3, *stars).unwrap();
            sheet.write_string(r, 4, *comment).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let mapping = upload(&owner, p.w.journey.id, "answers.xlsx", &bytes).await;
        let page = ok_page(owner.get(&mapping).await, "the mapping page").await;
        assert!(page.contains("2025-07-07") && page.contains("Toll €"), "{page}");
        assert!(page.contains("Excel, ") && !page.contains("windows-1252"), "a workbook has no text encoding: {page}");
        let fields = [("date", "0"), ("moment", "1"), ("branch", "2"), ("rating", "3"), ("comment", "4"), ("scale", "stars")];
        let result = import(&owner, &mapping, &fields).await;
        assert!(result.contains("3 answers imported"), "{result}");
        assert_eq!(tally(&app, &p, p.delivery, Some(p.branch)).await, t(0, 0, 1));
        assert_eq!(tally(&app, &p, p.ordering, None).await, t(1, 0, 0));
        assert_eq!(tally(&app, &p, p.ordering, Some(p.branch)).await, t(0, 1, 0));
        let days: Vec<i64> = app.store.feedback_days(p.w.ws, p.w.journey.id, (0, mot_store::feedback_today())).await.unwrap().into_iter().map(|(_, d, _)| d).collect();
        assert!(days.contains(&day_of(2025, 7, 7)) && days.contains(&day_of(2025, 7, 9)), "{days:?}");
        rollups_exact(&app, &p).await;
    }

    async fn a_sheet_whose_table_starts_lower_and_further_right_is_read_row_by_row(app) {
        // The table at B3, a blank row in it, a bad rating on sheet row 7,
        // and a second sheet that is not read.
        use rust_xlsxwriter::Workbook;
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let rows: [[&str; 3]; 5] = [
            ["Date", "Moment", "Answer"],
            ["2025-06-10", "Ordering", "better"],
            ["", "", ""],
            ["2025-06-11", "Delivery day", "worse"],
            ["2025-06-12", "Delivery day", "seven"],
        ];
        for (i, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    sheet.write_string(2 + i as u32, 1 + c as u16, *text).unwrap();
                }
            }
        }
        book.add_worksheet().write_string(0, 0, "Not this one").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mapping = upload(&owner, p.w.journey.id, "answers.xlsx", &bytes).await;
        let page = ok_page(owner.get(&mapping).await, "the mapping page").await;
        assert!(page.contains(">Column 1: Date<") && !page.contains("Not this one"), "{page}");
        let res = map(&owner, &mapping, &[("date", "0"), ("moment", "1"), ("rating", "2"), ("scale", "words")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let to = location(&res);
        let (status, result) = finished(&owner, &to).await;
        assert_eq!(status, StatusCode::OK, "{result}");
        assert!(result.contains("2 answers imported") && result.contains("1 line refused"), "{result}");
        assert_eq!(tally(&app, &p, p.ordering, None).await, t(0, 0, 1));
        assert_eq!(tally(&app, &p, p.delivery, None).await, t(1, 0, 0));
        let refused = owner.get(&format!("{}/refused.csv", to.split('?').next().unwrap())).await.text().await.unwrap();
        assert!(refused.lines().nth(1).is_some_and(|l| l.starts_with("7,")), "the sheet's own row number: {refused}");
    }

    async fn bad_files_and_mappings_are_a_clear_4xx_and_keep_nothing(app) {
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        let path = format!("/j/{}/feedback/import", p.w.journey.id);
        // Refused at the upload.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
        for (name, bytes, says) in [
            ("empty.csv", &b""[..], "The file holds no answers"),
            ("header.csv", &b"date;moment;rating\r\n"[..], "The file holds no answers"),
            ("picture.csv", &png[..], "This is not a CSV or Excel file"),
            ("one-column.csv", &b"date\n2025-01-02\n2025-01-03\n"[..], "This file has only one column"),
            ("bad-utf16.csv", &b"\xff\xfed\0a\0t\0e\0,\0m\0\n\0\x00\xd8,\0x\0\n\0"[..], "bytes that are not text"),
        ] {
            let res = send_file(&owner, &path, &owner.csrf, "file", name, bytes).await;
            let body = refused(res, StatusCode::UNPROCESSABLE_ENTITY, name).await;
            assert!(body.contains(says), "{name}: {body}");
            assert!(body.contains(r#"type="file""#), "{name}: the form to send another");
        }
        let no_file = owner.submit(&path, &[]).await;
        refused(no_file, StatusCode::BAD_REQUEST, "a form that is not multipart").await;

        // Refused at the import: every line bad, or all-or-nothing with one bad line.
        let future = format!("date;moment;rating\n{};Ordering;5\n", day(3));
        let cases: [BadCase; 6] = [
            ("a future date", future, &[("scale", "stars")], "is in the future"),
            ("a rating the scale does not cover", "date;moment;rating\n2025-01-02;Ordering;7\n".into(), &[("scale", "stars")], "is not on the chosen scale"),
            ("a missing column", "date;moment;rating\n2025-01-02;Ordering\n2025-01-03\n".into(), &[("scale", "stars")], "the column “rating” is missing"),
            ("an unknown moment", "date;moment;rating\n2025-01-02;Checkout;5\n".into(), &[("scale", "stars")], "no note of this journey"),
            ("all or nothing", "date;moment;rating\n2025-01-02;Ordering;5\n2025-01-03;Ordering;9\n".into(), &[("scale", "stars"), ("all_or_nothing", "1")], "nothing was imported (you chose all or nothing)"),
            ("no rating column chosen", "date;moment;rating\n2025-01-02;Ordering;5\n".into(), &[("scale", "stars"), ("rating", "")], "Choose the column for “Rating”"),
        ];
        for (what, file, extra, says) in cases {
            let mapping = upload(&owner, p.w.journey.id, "bad.csv", file.as_bytes()).await;
            let mut fields = vec![("date", "0"), ("moment", "1"), ("rating", "2")];
            for &(k, v) in extra {
                fields.retain(|(f, _)| *f != k);
                fields.push((k, v));
            }
            let (status, body) = map_done(&owner, &mapping, &fields).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {body}");
            assert!(body.contains(says), "{what}: {body}");
            // The page comes back with the owner's choices, ready to fix.
            assert!(body.contains(&format!(r#"action="{mapping}""#)), "{what}");
        }
        // Undecodable bytes after the preview: found while importing.
        let mut big = vec![0xFF, 0xFE];
        let mut text = String::from("date,moment,rating\n");
        for i in 0..20_000 { text.push_str(&format!("2025-01-{:02},Ordering,{}\n", i % 28 + 1, i % 5 + 1)); }
        for u in text.encode_utf16() { big.extend_from_slice(&u.to_le_bytes()); }
        big.extend_from_slice(&[0x00, 0xD8, b',', 0]);
        let mapping = upload(&owner, p.w.journey.id, "big.csv", &big).await;
        let (status, body) = map_done(&owner, &mapping, &[("date", "0"), ("moment", "1"), ("rating", "2"), ("scale", "stars")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("bytes that are not text"), "{body}");

        // A UTF-8 file with one stray byte is UTF-8 with a fault, refused,
        // not read whole as Windows-1252 and kept garbled.
        let mut stray = "date,moment,rating,comment\n2025-01-02,Ordering,5,naïve café — Müller\n2025-01-03,Ordering,4,ok ".as_bytes().to_vec();
        stray.extend_from_slice(b"\xE9\n");
        let res = send_file(&owner, &path, &owner.csrf, "file", "stray.csv", &stray).await;
        let body = refused(res, StatusCode::UNPROCESSABLE_ENTITY, "a stray byte").await;
        assert!(body.contains("bytes that are not text"), "{body}");

        assert_eq!(answers(&app, &p).await, 0, "nothing was kept");
        assert!(app.store.feedback_points(p.w.ws, p.w.journey.id).await.unwrap().is_empty(), "no feedback point was made");
        rollups_exact(&app, &p).await;
    }

    async fn a_reviews_export_comes_mapped_as_it_writes_its_ratings_and_dates(app) {
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        // Dates month first (11/30 can be nothing else), a reviewer's name
        // before the review's text.
        let file = "Reviewer,Star rating,Review text,Published,Touchpoint\n\
                    Ann,5,Lovely,12/06/2025,Delivery day\n\
                    Bo,2,Late again,11/30/2025,Delivery day\n";
        let mapping = upload(&owner, p.w.journey.id, "reviews.csv", file.as_bytes()).await;
        let page = ok_page(owner.get(&mapping).await, "the mapping page").await;
        for (name, column) in [("date", "3"), ("moment", "4"), ("rating", "1"), ("comment", "2"), ("branch", "")] {
            assert_eq!(selected(&page, name).as_deref(), Some(column), "{name}: {page}");
        }
        assert!(page.contains(r#"value="stars" checked"#) && page.contains(r#"value="month_first" checked"#), "{page}");
        assert!(!page.contains(r#"value="day_first" checked"#), "{page}");
        // What the page offers is what the owner confirms.
        let fields = [("date", "3"), ("moment", "4"), ("rating", "1"), ("comment", "2"), ("scale", "stars"), ("date_order", "month_first")];
        let result = import(&owner, &mapping, &fields).await;
        assert!(result.contains("2 answers imported") && result.contains("0 lines refused"), "{result}");
        let days: Vec<i64> = app.store.feedback_days(p.w.ws, p.w.journey.id, (0, mot_store::feedback_today())).await.unwrap().into_iter().map(|(_, d, _)| d).collect();
        assert!(days.contains(&day_of(2025, 12, 6)) && days.contains(&day_of(2025, 11, 30)), "{days:?}");
        // "See the figures" shows the file's days, not the last 90.
        let figures = format!("/j/{}/feedback?from=2025-11-30&to=2025-12-06", p.w.journey.id);
        assert!(result.contains(&figures.replace('&', "&amp;")), "{result}");
        let page = ok_page(owner.get(&figures).await, "the file's figures").await;
        assert!(page.contains("2 answers"), "{page}");
        assert_eq!(comments(&app, &p).await.len(), 2);
        assert!(!comments(&app, &p).await.contains(&"Ann".to_string()), "the reviewer is no comment");
    }

    async fn a_file_read_the_wrong_way_is_taken_out_and_imported_again(app) {
        let p = place(&app).await;
        let jid = p.w.journey.id;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        // Scores of 0–10 read as stars: the 4 taken as better, the 10 refused.
        let file = "date,moment,score\n2025-01-02,Ordering,4\n2025-01-03,Ordering,10\n2025-01-04,Ordering,2\n";
        let stars = [("date", "0"), ("moment", "1"), ("rating", "2"), ("scale", "stars")];
        let mapping = upload(&owner, jid, "scores.csv", file.as_bytes()).await;
        let result = import(&owner, &mapping, &stars).await;
        assert!(result.contains("2 answers imported") && result.contains("1 line refused"), "{result}");
        assert_eq!(tally(&app, &p, p.ordering, None).await, t(1, 0, 1));
        let id = app.store.feedback_imports(p.w.ws, jid).await.unwrap()[0].id;
        let path = format!("/j/{jid}/feedback/imports/{id}");
        let take_out = format!("{path}/take-out");
        assert!(result.contains(&format!(r#"action="{take_out}""#)), "{result}");
        // The upload page lists it, with what it kept.
        let upload_page = ok_page(owner.get(&format!("/j/{jid}/feedback/import")).await, "the upload page").await;
        assert!(upload_page.contains("Earlier imports") && upload_page.contains(&format!(r#"href="{path}""#)), "{upload_page}");

        // Nobody else takes it out; not without the CSRF token.
        let member = p.w.person(&app.store, Role::Member).await;
        let member = app.signed_in(p.w.ws, member.user.id).await;
        refused(member.submit(&take_out, &[]).await, StatusCode::FORBIDDEN, "a member").await;
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.submit(&take_out, &[]).await, StatusCode::NOT_FOUND, "another workspace").await;
        refused(owner.post(&take_out, &[("_csrf", "wrong")]).await, StatusCode::FORBIDDEN, "no CSRF token").await;
        assert_eq!(answers(&app, &p).await, 2);

        // The owner takes it out: gone from the figures, its page says so.
        let res = owner.submit(&take_out, &[]).await;
        assert_eq!((res.status(), location(&res)), (StatusCode::SEE_OTHER, path.clone()));
        let page = ok_page(owner.get(&path).await, "the import taken out").await;
        assert!(page.contains("Import taken out") && page.contains("no longer in the figures"), "{page}");
        assert!(!page.contains(&format!(r#"action="{take_out}""#)), "nothing more to take out");
        assert_eq!(answers(&app, &p).await, 0);
        rollups_exact(&app, &p).await;
        // Sent again (a second tap): the same page, nothing else happens.
        let res = owner.submit(&take_out, &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let listed = ok_page(owner.get(&format!("/j/{jid}/feedback/import")).await, "the upload page").await;
        assert!(listed.contains("taken out"), "{listed}");

        // The same file, read on its own scale: every line, none there already.
        let mapping = upload(&owner, jid, "scores.csv", file.as_bytes()).await;
        let ten = [("date", "0"), ("moment", "1"), ("rating", "2"), ("scale", "zero_to_ten")];
        let result = import(&owner, &mapping, &ten).await;
        assert!(result.contains("3 answers imported") && result.contains("0 were there already"), "{result}");
        assert_eq!(tally(&app, &p, p.ordering, None).await, t(2, 0, 1));
        rollups_exact(&app, &p).await;

        // While one is being taken out (a request stopped midway), no
        // import begins: the mapping comes back saying why, choices kept.
        let stuck = app.store.feedback_imports(p.w.ws, jid).await.unwrap()[0].id;
        sqlx::query("UPDATE feedback_imports SET status = 'undoing' WHERE id = $1").bind(stuck).execute(app.store.pool()).await.unwrap();
        let mapping = upload(&owner, jid, "scores.csv", file.as_bytes()).await;
        let (status, body) = map_done(&owner, &mapping, &ten).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body.contains("is being taken out") && body.contains(&format!(r#"action="{mapping}""#)), "{body}");
        // Sent again, the take-out finishes; then the file imports.
        let res = owner.submit(&format!("/j/{jid}/feedback/imports/{stuck}/take-out"), &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(answers(&app, &p).await, 0);
        let result = import(&owner, &mapping, &ten).await;
        assert!(result.contains("3 answers imported"), "{result}");
        rollups_exact(&app, &p).await;

        // One that kept nothing (all or nothing, a line refused) has nothing to take out.
        let mapping = upload(&owner, jid, "scores.csv", file.as_bytes()).await;
        let (status, _) = map_done(&owner, &mapping, &[("date", "0"), ("moment", "1"), ("rating", "2"), ("scale", "stars"), ("all_or_nothing", "1")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let failed = app.store.feedback_imports(p.w.ws, jid).await.unwrap()[0].id;
        let body = refused(owner.submit(&format!("/j/{jid}/feedback/imports/{failed}/take-out"), &[]).await, StatusCode::CONFLICT, "a failed import").await;
        assert!(body.contains("Only a finished import can be taken out"), "{body}");
        assert_eq!(answers(&app, &p).await, 3);
    }

    async fn a_file_of_one_touchpoint_takes_its_note_and_branch_for_every_row(app) {
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        // A review site's export: no moment, no branch.
        let file = "date,stars,text\n2025-01-02,5,Lovely\n2025-01-03,1,Late\n";
        let mapping = upload(&owner, p.w.journey.id, "reviews.csv", file.as_bytes()).await;
        let page = ok_page(owner.get(&mapping).await, "the mapping page").await;
        let (note, branch) = (format!("every-{}", p.delivery), format!("every-{}", p.branch));
        assert!(page.contains(&format!(r#"<option value="{note}""#)) && page.contains(&format!(r#"<option value="{branch}""#)), "{page}");
        let fields = [("date", "0"), ("moment", note.as_str()), ("branch", branch.as_str()), ("rating", "1"), ("comment", "2"), ("scale", "stars")];
        let result = import(&owner, &mapping, &fields).await;
        assert!(result.contains("2 answers imported"), "{result}");
        assert_eq!(tally(&app, &p, p.delivery, Some(p.branch)).await, t(1, 0, 1));
        rollups_exact(&app, &p).await;
        // A note of another journey (or none) is refused, with the choices kept.
        let other = World::new(&app.store, "Other").await;
        let theirs = other.note(&app.store, 0, "Theirs").await.id;
        let mapping = upload(&owner, p.w.journey.id, "reviews.csv", file.as_bytes()).await;
        for wrong in [format!("every-{theirs}"), "every-x".into()] {
            let fields = [("date", "0"), ("moment", wrong.as_str()), ("rating", "1"), ("scale", "stars")];
            let (status, body) = map_done(&owner, &mapping, &fields).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{wrong}: {body}");
            assert!(body.contains(&format!(r#"action="{mapping}""#)), "{wrong}");
        }
        assert_eq!(answers(&app, &p).await, 2);
    }

    async fn a_running_import_shows_its_progress_and_one_a_stopped_server_left_is_taken_out(app) {
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        // An alert kept before the import, then the import as a server that
        // stopped midway left it, and an alert a check kept from its answers.
        let week = mot_core::feedback::trend::day_number(mot_core::feedback::trend::Period::Week.start(mot_core::feedback::trend::date_of(mot_store::feedback_today())));
        let alert = |period_start| mot_store::NewAlert { moment_id: p.delivery, branch_id: None, kind: mot_core::feedback::trend::Alert::WorseThanUsual, period: mot_core::feedback::trend::Period::Week, period_start, tally: t(10, 0, 0) };
        app.store.keep_feedback_alerts(p.w.ws, p.w.journey.id, vec![alert(week - 7)]).await.unwrap();
        let before = now_ms();
        while now_ms() == before {
            tokio::task::yield_now().await;
        }
        let running = app.store.begin_feedback_import(p.w.ws, p.w.journey.id, Some(p.w.owner.id), "big.csv", "de").await.unwrap();
        app.store.keep_feedback_alerts(p.w.ws, p.w.journey.id, vec![alert(week)]).await.unwrap();
        let path = format!("/j/{}/feedback/imports/{}", p.w.journey.id, running.id);
        let res = owner.get(&path).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers().get("refresh").and_then(|v| v.to_str().ok()), Some("1"), "the page reloads itself");
        let body = res.text().await.unwrap();
        assert!(body.contains("data-import-running") && body.contains("<progress"), "{body}");
        assert!(body.contains("the import goes on"), "{body}");
        // The next start takes it out and says why, in the importer's language.
        let (_stop, stopped) = tokio::sync::watch::channel(false);
        let (live, _) = tokio::sync::mpsc::channel(1);
        let state = mot_server::state::AppState::new(app.store.clone(), Settings::default(), stopped, live);
        mot_server::feedback::import::recover(&state).await;
        // The alert kept from its answers is withdrawn; the one before stays.
        let kept: Vec<i64> = app.store.feedback_alerts(p.w.ws, p.w.journey.id).await.unwrap().iter().map(|a| a.period_start).collect();
        assert_eq!(kept, [week - 7], "only the alert from before the import");
        let (status, body) = finished(&owner, &path).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("Der Server wurde während des Imports beendet"), "{body}");
        assert!(body.contains("Nothing of this file was kept."), "{body}");
        assert_eq!(answers(&app, &p).await, 0);
    }

    async fn only_owners_and_facilitators_of_the_workspace_may_import(app) {
        let p = place(&app).await;
        let jid = p.w.journey.id;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        let mapping = upload(&owner, jid, "verdicts.csv", VERDICTS_UTF8_BOM).await;
        let fields = [("date", "0"), ("moment", "1"), ("rating", "2"), ("scale", "words")];

        let facilitator = p.w.person(&app.store, Role::Facilitator).await;
        let facilitator = app.signed_in(p.w.ws, facilitator.user.id).await;
        ok_page(facilitator.get(&format!("/j/{jid}/feedback/import")).await, "a facilitator's upload page").await;

        for role in [Role::Member, Role::Viewer] {
            let who = p.w.person(&app.store, role).await;
            let b = app.signed_in(p.w.ws, who.user.id).await;
            let page = ok_page(b.get(&format!("/j/{jid}/feedback")).await, "the figures").await;
            assert!(!page.contains(&format!("/j/{jid}/feedback/import")), "no import link for a {role:?}");
            refused(b.get(&format!("/j/{jid}/feedback/import")).await, StatusCode::FORBIDDEN, "the upload page").await;
            refused(send_file(&b, &format!("/j/{jid}/feedback/import"), &b.csrf, "file", "v.csv", VERDICTS_UTF8_BOM).await, StatusCode::FORBIDDEN, "an upload").await;
            refused(b.get(&mapping).await, StatusCode::FORBIDDEN, "the mapping page").await;
            refused(map(&b, &mapping, &fields).await, StatusCode::FORBIDDEN, "an import").await;
        }
        // A workshop guest is no member: sent to sign in.
        let guest = app.guest(&p.w.journey, "Gus").await;
        let res = guest.get(&format!("/j/{jid}/feedback/import")).await;
        assert_eq!((res.status(), location(&res)), (StatusCode::SEE_OTHER, "/login".to_string()), "a guest");

        // Another workspace's owner finds nothing: not the journey, not the upload.
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.get(&format!("/j/{jid}/feedback/import")).await, StatusCode::NOT_FOUND, "another workspace's journey").await;
        refused(send_file(&stranger, &format!("/j/{jid}/feedback/import"), &stranger.csrf, "file", "v.csv", VERDICTS_UTF8_BOM).await, StatusCode::NOT_FOUND, "an upload into another workspace").await;
        refused(stranger.get(&mapping).await, StatusCode::NOT_FOUND, "another workspace's upload").await;
        refused(map(&stranger, &mapping, &fields).await, StatusCode::NOT_FOUND, "another workspace's import").await;
        // The same token under the stranger's own journey is unknown too.
        let token = mapping.rsplit('/').next().unwrap();
        refused(stranger.get(&format!("/j/{}/feedback/import/{token}", other.journey.id)).await, StatusCode::NOT_FOUND, "a token of another workspace").await;
        // Without the CSRF token nothing is taken.
        let res = send_file(&owner, &format!("/j/{jid}/feedback/import"), "wrong", "file", "v.csv", VERDICTS_UTF8_BOM).await;
        refused(res, StatusCode::FORBIDDEN, "an upload without the CSRF token").await;
        let res = owner.post(&mapping, &[("_csrf", "wrong"), ("date", "0"), ("moment", "1"), ("rating", "2"), ("scale", "words")]).await;
        refused(res, StatusCode::FORBIDDEN, "an import without the CSRF token").await;
        // Signed out: sent to sign in, nothing shown.
        let anon = app.browser().get(&format!("/j/{jid}/feedback/import")).await;
        assert_ne!(anon.status(), StatusCode::OK);

        assert_eq!(answers(&app, &p).await, 0, "nobody imported anything");
        // The owner still can.
        let result = import(&owner, &mapping, &fields).await;
        assert!(result.contains("2 answers imported"), "{result}");
    }
}

mod a_file_over_the_limit {
    use super::*;

    async fn too_large(app: TestApp) {
        let p = place(&app).await;
        let owner = app.signed_in(p.w.ws, p.w.owner.id).await;
        let big = "date;moment;rating\n".to_string() + &"2025-01-02;Ordering;5\n".repeat(200_000);
        let res = send_file(
            &owner,
            &format!("/j/{}/feedback/import", p.w.journey.id),
            &owner.csrf,
            "file",
            "big.csv",
            big.as_bytes(),
        )
        .await;
        let body = refused(res, StatusCode::PAYLOAD_TOO_LARGE, "a file over the limit").await;
        assert!(body.contains("larger than 1 MB"), "{body}");
        assert_eq!(answers(&app, &p).await, 0);
    }

    fn settings() -> Settings {
        Settings {
            feedback_import_bytes: Some(1024 * 1024),
            ..Settings::default()
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn is_refused_with_a_413_on_sqlite() {
        let db = TestDb::sqlite().await;
        let store = db.store.clone();
        let app = TestApp::start_configured(db, store, settings()).await;
        within_test(too_large(app)).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn is_refused_with_a_413_on_postgres() {
        let Some(db) = TestDb::postgres().await else {
            return;
        };
        let store = db.store.clone();
        let app = TestApp::start_configured(db, store, settings()).await;
        within_test(too_large(app)).await;
    }
}
