//! A journey's customer feedback report (issue 9, item 8): the figures of
//! every moment and branch, the gap, and the newest counted comments, as
//! PDF, CSV and XLSX, read back with independent parsers.

#[macro_use]
mod common;

use common::*;
use mot_core::feedback::{Answer, Verdict};
use mot_core::Role;
use reqwest::StatusCode;

/// What a seeded journey holds.
struct Seeded {
    w: World,
}

/// "Delivery day" asked at two branches: Harbour Street 8 worse, 10 as
/// expected, 12 better (each with a comment "remark 01" … "remark 30",
/// oldest first), the Mall 2 / 10 / 18 — together 10 / 20 / 30 of 60,
/// score +33; the team says Magical (a blind spot). "Paying", asked at one
/// link for every branch: 3 / 4 / 5, too few to tell. Besides: a flagged
/// answer, one with a contact address, and one from 200 days ago, none of
/// which the report may show.
async fn seed(app: &TestApp) -> Seeded {
    let w = World::new(&app.store, "Acme").await;
    let delivery = w.note(&app.store, 0, "Delivery day").await;
    let paying = w.note(&app.store, 1, "Paying").await;
    let harbour = app
        .store
        .add_branch(w.ws, w.business.id, "Harbour Street")
        .await
        .unwrap();
    let mall = app
        .store
        .add_branch(w.ws, w.business.id, "Mall")
        .await
        .unwrap();
    let point = |m: i64, b: Option<i64>| {
        let store = app.store.clone();
        let ws = w.ws;
        async move { store.feedback_point(ws, m, b).await.unwrap().token }
    };
    let at_harbour = point(delivery.id, Some(harbour.id)).await;
    let at_mall = point(delivery.id, Some(mall.id)).await;
    let paying_everywhere = point(paying.id, None).await;
    let mut key = 0;
    let mut next_key = || {
        key += 1;
        format!("k{key}")
    };
    let said = |v: Verdict, c: String| Answer {
        verdict: v,
        reason: None,
        comment: c,
    };
    let mut remark = 0;
    let verdicts = |w: usize, a: usize, b: usize| {
        std::iter::repeat_n(Verdict::Worse, w)
            .chain(std::iter::repeat_n(Verdict::AsExpected, a))
            .chain(std::iter::repeat_n(Verdict::Better, b))
            .collect::<Vec<_>>()
    };
    for v in verdicts(8, 10, 12) {
        remark += 1;
        app.store
            .answer_feedback(
                &at_harbour,
                said(v, format!("remark {remark:02}")),
                "en",
                &next_key(),
            )
            .await
            .unwrap();
    }
    for v in verdicts(2, 10, 18) {
        app.store
            .answer_feedback(&at_mall, said(v, String::new()), "en", &next_key())
            .await
            .unwrap();
    }
    for v in verdicts(3, 4, 5) {
        app.store
            .answer_feedback(
                &paying_everywhere,
                said(v, String::new()),
                "en",
                &next_key(),
            )
            .await
            .unwrap();
    }
    // Not counted, not shown: a flagged answer; an answer with a contact
    // address (counted, its address never shown); one long before the period.
    app.store
        .answer_feedback_flagged(
            &at_mall,
            said(Verdict::Worse, "SPAM FLAGGED".into()),
            "en",
            &next_key(),
            "honeypot",
        )
        .await
        .unwrap();
    let with = mot_store::AnswerWith {
        contact: Some("alice@example.com".into()),
        ..mot_store::AnswerWith::default()
    };
    app.store
        .answer_feedback_with(
            &paying_everywhere,
            said(Verdict::Better, "call me".into()),
            "en",
            &next_key(),
            with,
        )
        .await
        .unwrap();
    let long_ago = (mot_store::feedback_today() - 200) * 86_400_000;
    app.store
        .answer_feedback_at(
            &at_mall,
            said(Verdict::Worse, "ANCIENT REMARK".into()),
            "en",
            &next_key(),
            long_ago,
        )
        .await
        .unwrap();
    team_rates(app, &w, delivery.id, mot_core::session::Rating::Magical).await;
    Seeded { w }
}

fn text_of(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Without whitespace: the extractor joins wrapped lines without a space.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn records(bytes: &[u8], separator: u8) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(separator)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

on_both! {
    async fn the_report_pdf_shows_each_moments_figures_gap_and_newest_counted_comments(app) {
        let Seeded { w } = seed(&app).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get(&format!("/j/{}/feedback?days=30", w.journey.id)).await, "the figures").await;
        for f in ["pdf", "csv", "xlsx"] {
            assert!(page.contains(&format!("/j/{}/feedback/report.{f}?days=30", w.journey.id)), "a link to the {f} report: {page}");
        }
        let res = owner.get(&format!("/j/{}/feedback/report.pdf", w.journey.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(content_type(&res), "application/pdf");
        let disposition = res.headers()[reqwest::header::CONTENT_DISPOSITION].to_str().unwrap().to_string();
        // The journey and the period in the name (the usual period: to today).
        let today = mot_core::date::format(mot_core::feedback::trend::date_of(mot_store::feedback_today()));
        assert!(disposition.starts_with(&format!("attachment; filename=\"feedback-report-{}-20", w.journey.id)), "{disposition}");
        assert!(disposition.ends_with(&format!("-to-{today}.pdf\"")), "{disposition}");
        let text = text_of(&res.bytes().await.unwrap());
        let flat = squash(&text);
        for part in [
            "Customer feedback report",
            "Acme Furniture",
            "New customer buys a sofa",
            "last 90 days",
            // Delivery day: 10 / 20 / 30 of 60.
            "Delivery day 17 % 33 % 50 % +33 +8 to +55 60 Magical",
            "Blind spot: the team rates it 67 points higher",
            // Paying: 3 / 4 / 5 and the answer with an address: 13, too few.
            "too few to tell",
            "Harbour Street",
            "Mall",
            "+13 to +53, within chance",
            "Recent comments (the 20 newest counted)",
            "remark 30",
            // "call me" is the newest, then remarks 30 back to 12: twenty.
            "remark 12",
            "call me",
        ] {
            assert!(flat.contains(&squash(part)), "{part:?} in {text}");
        }
        // 13 answers to Paying: counted, not made shares (3 worse, 4 as expected, 6 better).
        assert!(flat.contains(&squash("Paying 3 4 6 too few to tell")), "13 answers to Paying: {text}");
        assert!(!flat.contains(&squash("Paying 23 %")), "no share from too few answers: {text}");
        for absent in ["remark 11", "SPAM", "alice@example.com", "ANCIENT"] {
            assert!(!text.contains(absent), "{absent:?} is not in the report: {text}");
        }
        // Everyone in the workspace may take it away.
        let member = w.person(&app.store, Role::Viewer).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        assert_eq!(member.get(&format!("/j/{}/feedback/report.pdf", w.journey.id)).await.status(), StatusCode::OK);
    }

    async fn the_report_as_csv_and_excel_has_a_row_per_moment_and_branch(app) {
        let Seeded { w } = seed(&app).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let res = owner.get(&format!("/j/{}/feedback/report.csv?days=30", w.journey.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(content_type(&res), "text/csv; charset=utf-8");
        let bytes = res.bytes().await.unwrap();
        let r = records(&bytes, b',');
        assert_eq!(r.len(), 1 + 2 * 4, "a header, 2 moments × (all, every-branch link, 2 branches): {r:?}");
        assert_eq!(r[0][..3], ["Moment", "Branch", "Answers"]);
        assert_eq!(
            r[1][..16],
            ["Delivery day", "All answers", "60", "10", "20", "30", "16.7", "33.3", "50.0", "33.3", "8.1", "54.5", "", "Magical", "blind spot", "66.7"]
        );
        assert_eq!(r[2][..3], ["Delivery day", "Every branch (none named)", "0"]);
        assert_eq!(r[2][12], "no answers yet", "none is not too few: {:?}", r[2]);
        assert_eq!(r[3][..10], ["Delivery day", "Harbour Street", "30", "8", "10", "12", "26.7", "33.3", "40.0", "13.3"]);
        assert_eq!(r[4][..10], ["Delivery day", "Mall", "30", "2", "10", "18", "6.7", "33.3", "60.0", "53.3"]);
        assert_eq!((r[5][0].as_str(), r[5][2].as_str(), r[5][9].as_str(), r[5][12].as_str()), ("Paying", "13", "", "too few to tell"));
        let all = String::from_utf8(bytes.to_vec()).unwrap();
        for absent in ["alice@example.com", "SPAM", "remark"] {
            assert!(!all.contains(absent), "{absent:?}: {all}");
        }

        let res = owner.get(&format!("/j/{}/feedback/report.xlsx", w.journey.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        use calamine::{Data, Reader};
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes().await.unwrap().to_vec())).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let head = (0..sheet.height() as u32)
            .find(|r| sheet.get_value((*r, 0)) == Some(&Data::String("Moment".into())))
            .expect("a header row");
        let num = |r: u32, c: u32| match sheet.get_value((r, c)) {
            Some(Data::Float(f)) => *f,
            other => panic!("({r},{c}) {other:?}"),
        };
        assert_eq!(sheet.get_value((head + 1, 0)), Some(&Data::String("Delivery day".into())));
        assert_eq!((2..12).map(|c| num(head + 1, c)).collect::<Vec<_>>(), [60.0, 10.0, 20.0, 30.0, 16.7, 33.3, 50.0, 33.3, 8.1, 54.5]);
        assert_eq!(sheet.height() as u32, head + 1 + 8);
        let comments = book.worksheet_range_at(1).unwrap().unwrap();
        assert_eq!(comments.height(), 1 + 20, "the 20 newest counted comments");
        assert_eq!(comments.get_value((1, 5)), Some(&Data::String("call me".into())));
    }

    async fn the_report_speaks_the_readers_language(app) {
        let Seeded { w } = seed(&app).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let get = |f: &str| owner.client.get(owner.url(&format!("/j/{}/feedback/report.{f}", w.journey.id))).header("accept-language", "de").send();
        let text = text_of(&get("pdf").await.unwrap().bytes().await.unwrap());
        for part in ["Bericht Kundenfeedback", "zu wenige, um etwas zu sagen", "Magisch", "Blinder Fleck", "Alle Antworten", "Neueste Kommentare"] {
            assert!(squash(&text).contains(&squash(part)), "{part:?} in {text}");
        }
        let r = records(&get("csv").await.unwrap().bytes().await.unwrap(), b';');
        assert_eq!((r[0][9].as_str(), r[1][1].as_str(), r[1][9].as_str()), ("Punktzahl", "Alle Antworten", "33,3"));
    }

    async fn a_report_of_another_workspace_or_a_bad_period_is_refused(app) {
        let Seeded { w } = seed(&app).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        for bad in ["0", "3661", "-5", "soon"] {
            refused(owner.get(&format!("/j/{}/feedback/report.pdf?days={bad}", w.journey.id)).await, StatusCode::UNPROCESSABLE_ENTITY, &format!("days={bad}")).await;
        }
        for file in ["report.doc", "report", "summary.pdf"] {
            refused(owner.get(&format!("/j/{}/feedback/{file}", w.journey.id)).await, StatusCode::NOT_FOUND, file).await;
        }
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        for f in ["pdf", "csv", "xlsx"] {
            refused(stranger.get(&format!("/j/{}/feedback/report.{f}", w.journey.id)).await, StatusCode::NOT_FOUND, "another workspace's report").await;
        }
        // Signed out: to the login page, never the file.
        let res = app.browser().get(&format!("/j/{}/feedback/report.pdf", w.journey.id)).await;
        assert_ne!(res.status(), StatusCode::OK);
    }
}
