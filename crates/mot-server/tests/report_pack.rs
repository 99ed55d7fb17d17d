//! The client report pack (issue 11, item 8): one PDF with a cover (the
//! client, the practice, the adviser's contact details), the latest
//! session's planning form, the open actions, the latest audit's results
//! and what customers said; read back with an independent PDF reader (the
//! text of each part, the logo embedded). A client's "reports only"
//! person takes their own pack, never another client's.

#[macro_use]
mod common;

use common::*;
use mot_core::feedback::alert::AlertDecision;
use mot_core::feedback::trend::{Alert, Period};
use mot_core::feedback::{Answer, Tally, Verdict};
use mot_core::session::SessionSettings;
use mot_core::{Client, ClientRole, Membership};
use mot_store::{ActionFromAlert, NewAlert};
use reqwest::StatusCode;

/// A real 1×1 PNG.
const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
    0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 248, 207, 80, 15, 0, 3,
    134, 1, 128, 90, 52, 125, 107, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

fn words(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

on_both! {
    async fn the_pack_holds_every_part_with_the_practices_branding(app) {
        let w = World::new(&app.store, "Acme").await;
        let m = w.note(&app.store, 0, "Delivery day").await;
        let today = mot_core::date::today();
        app.store.start_session(w.ws, w.journey.id, w.owner_actor(), "Spring review", today, SessionSettings::default()).await.unwrap();
        // An open action, from a customer alert.
        let alert = NewAlert { moment_id: m.id, branch_id: None, kind: Alert::WorseThanUsual, period: Period::Week, period_start: mot_store::feedback_today(), tally: Tally { worse: 6, as_expected: 1, better: 0 } };
        let alert = app.store.keep_feedback_alerts(w.ws, w.journey.id, vec![alert]).await.unwrap()[0];
        app.store.decide_feedback_alert(w.ws, w.journey.id, alert, w.owner_actor(), AlertDecision::Action, Some(ActionFromAlert { what: "Call every late delivery".into(), owner_user_id: None, owner_name: "Ann".into() })).await.unwrap();
        // An audit round and customers' answers.
        let branch = app.store.add_branch(w.ws, w.business.id, "Main Street").await.unwrap();
        let tpl = app.store.create_default_template(w.ws).await.unwrap();
        app.store.start_round(w.ws, w.business.id, tpl.id, "Autumn audit", today, today.saturating_add(time::Duration::days(14)), vec![branch.id]).await.unwrap();
        let point = app.store.feedback_point(w.ws, m.id, None).await.unwrap();
        app.store.answer_feedback(&point.token, Answer { verdict: Verdict::Worse, reason: None, comment: "Late again".into() }, "en", "a").await.unwrap();
        // The practice's branding.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let res = owner.submit("/workspace/brand", &[("name", "Harbour Advisers"), ("accent", "#224488"), ("contact", "Ann Adviser\n+44 20 7946 0000")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(send_file(&owner, "/workspace/logo", &owner.csrf, "logo", "logo.png", PNG).await.status(), StatusCode::SEE_OTHER);

        let page = ok_page(owner.get(&format!("/b/{}/reports", w.business.id)).await, "the reports").await;
        assert!(page.contains(&format!("/b/{}/report-pack.pdf", w.business.id)), "{page}");
        let res = owner.get(&format!("/b/{}/report-pack.pdf", w.business.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(content_type(&res), "application/pdf");
        let pdf = res.bytes().await.unwrap();
        let text = words(&pdf);
        for part in [
            "Report for Acme Furniture", "Harbour Advisers", "Your adviser", "Ann Adviser", "+44 20 7946 0000",
            "Contact planning form", "Spring review",
            "Open actions", "Call every late delivery",
            "Autumn audit",
            "Delivery day", "Late again",
        ] {
            assert!(text.contains(part), "{part:?} in the pack: {text}");
        }
        let doc = pdf_extract::Document::load_mem(&pdf).unwrap();
        assert!(doc.get_pages().len() >= 5, "a cover and a page for each part: {}", doc.get_pages().len());
        let images = doc.objects.values().filter(|o| o.as_stream().ok().and_then(|s| s.dict.get(b"Subtype").ok()).and_then(|t| t.as_name().ok()) == Some(b"Image".as_slice())).count();
        assert!(images >= 1, "the logo is embedded");

        // A client's "reports only" person takes their own pack; another
        // client's is not found.
        let reader = app.store.create_user(w.ws, &unique_email("rita"), "Rita", "x", Membership::Client(Client { business_id: w.business.id, role: ClientRole::Reports })).await.unwrap();
        let reader = app.signed_in(w.ws, reader.id).await;
        assert_eq!(reader.get(&format!("/b/{}/report-pack.pdf", w.business.id)).await.status(), StatusCode::OK);
        let other = app.store.create_business(w.ws, "Bravo Bikes").await.unwrap();
        refused(reader.get(&format!("/b/{}/report-pack.pdf", other.id)).await, StatusCode::NOT_FOUND, "another client's pack").await;
    }

    async fn a_new_clients_pack_says_what_it_has_nothing_of_yet(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let res = owner.get(&format!("/b/{}/report-pack.pdf", w.business.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let text = words(&res.bytes().await.unwrap());
        for part in ["Contact planning form: nothing yet", "No open actions.", "Touchpoint audit: nothing yet"] {
            assert!(text.contains(part), "{part:?}: {text}");
        }
    }
}
