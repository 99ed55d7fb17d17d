//! The client report pack (issue 11, item 8): one PDF with a cover (the
//! client, the practice, the adviser's contact details), the latest
//! session's planning form, the open actions, the latest audit's results
//! and what customers said; read back with an independent PDF reader (the
//! text of each part, the logo embedded). A client's "reports only"
//! person takes their own pack, never another client's. The pack comes in
//! the language asked for (the workspace's offered first), and the practice
//! e-mails it to the client's chosen people through a real SMTP server,
//! each in their language, once however often the form is sent (the
//! attachment read back with an independent MIME reader and PDF reader).

#[macro_use]
mod common;

use common::*;
use mail_parser::MimeHeaders as _;
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
        app.store.decide_feedback_alert(w.ws, w.journey.id, alert, w.owner_actor(), AlertDecision::Action, Some(ActionFromAlert { what: "Call every late delivery".into(), owner_user_id: None, owner_name: "Ann".into(), due_on: None })).await.unwrap();
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
            // The customers' trend, month by month, with the answers behind it.
            "Month by month", "1 answer",
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

    async fn the_pack_comes_in_the_language_asked_for(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let reports = format!("/b/{}/reports", w.business.id);
        let page = ok_page(owner.get(&reports).await, "the reports").await;
        assert!(page.contains("<option value=\"en\" lang=\"en\" selected"), "the reader's language first: {page}");
        app.store.set_workspace_language(w.ws, Some("de")).await.unwrap();
        app.store.set_user_language(w.owner.id, "en").await.unwrap();
        let page = ok_page(owner.get(&reports).await, "the reports").await;
        assert!(page.contains("<option value=\"de\" lang=\"de\" selected"), "the workspace's language first: {page}");
        let pack = format!("/b/{}/report-pack.pdf", w.business.id);
        let de = owner.get(&format!("{pack}?lang=de")).await;
        assert_eq!(de.status(), StatusCode::OK);
        let text = words(&de.bytes().await.unwrap());
        assert!(text.contains("Bericht für Acme"), "{text}");
        let en = words(&owner.get(&pack).await.bytes().await.unwrap());
        assert!(en.contains("Report for Acme") && !en.contains("Bericht für"), "without lang, the reader's: {en}");
        let res = owner.get(&format!("{pack}?lang=xx")).await;
        let body = refused(res, StatusCode::BAD_REQUEST, "a language mot does not speak").await;
        assert!(body.contains("“xx”"), "{body}");
    }

    async fn the_practice_emails_the_pack_to_the_clients_people_once(app) {
        let w = World::new(&app.store, "Acme").await;
        let cleo_email = unique_email("cleo");
        let cleo = app.store.create_user(w.ws, &cleo_email, "Cleo", "x", Membership::Client(Client { business_id: w.business.id, role: ClientRole::Reports })).await.unwrap();
        app.store.set_user_language(cleo.id, "de").await.unwrap();
        let boss = app.store.create_user(w.ws, &unique_email("bo"), "Bo Boss", "x", Membership::Client(Client { business_id: w.business.id, role: ClientRole::ClientOwner })).await.unwrap();
        let other = app.store.create_business(w.ws, "Bravo Bikes").await.unwrap();
        let stranger = app.store.create_user(w.ws, &unique_email("sam"), "Sam", "x", Membership::Client(Client { business_id: other.id, role: ClientRole::Reports })).await.unwrap();
        let send = format!("/b/{}/report-pack/send", w.business.id);
        let reports = format!("/b/{}/reports", w.business.id);

        // Without e-mail set up: said on the page, and refused.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get(&reports).await, "the reports").await;
        assert!(page.contains("E-mail is not set up") && !page.contains(&send), "{page}");
        let cleo_id = cleo.id.to_string();
        let res = owner.submit(&send, &[("recipient", &cleo_id), ("_rid", "rid-no-mail-1-0123456789abcdef")]).await;
        let body = said(res, StatusCode::CONFLICT, "no e-mail").await;
        assert!(body.contains("E-mail is not set up"), "{body}");

        let Some(sink) = SmtpSink::start() else { return };
        let app = TestApp::start_configured(app.db.clone(), app.store.clone(), mail_settings(&sink.url())).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get(&reports).await, "the reports").await;
        assert!(page.contains(&send), "{page}");
        assert!(page.contains(&format!("name=\"recipient\" value=\"{}\" checked", cleo.id)), "a reports-only reader comes chosen: {page}");
        assert!(page.contains(&format!("name=\"recipient\" value=\"{}\">", boss.id)), "a client owner is offered, not chosen: {page}");
        assert!(!page.contains(&format!("value=\"{}\"", stranger.id)), "another client's people are not offered");

        // Bad choices: refused, nothing sent.
        let stranger_id = stranger.id.to_string();
        let staff_id = w.owner.id.to_string();
        for (form, what) in [
            (vec![("_rid", "rid-bad-1-0123456789abcdef")], "nobody"),
            (vec![("recipient", stranger_id.as_str()), ("_rid", "rid-bad-2-0123456789abcdef")], "another client's person"),
            (vec![("recipient", staff_id.as_str()), ("_rid", "rid-bad-3-0123456789abcdef")], "the practice's own"),
            (vec![("recipient", "x"), ("_rid", "rid-bad-4-0123456789abcdef")], "not an id"),
        ] {
            said(owner.submit(&send, &form).await, StatusCode::UNPROCESSABLE_ENTITY, what).await;
        }
        said(owner.submit(&send, &[("recipient", &cleo_id)]).await, StatusCode::BAD_REQUEST, "no request key").await;
        let member = w.person(&app.store, mot_core::Role::Member).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        refused(member.submit(&send, &[("recipient", &cleo_id), ("_rid", "rid-member-1-0123456789abcdef")]).await, StatusCode::FORBIDDEN, "a member").await;
        let boss_in = app.signed_in(w.ws, boss.id).await;
        refused(boss_in.submit(&send, &[("recipient", &cleo_id), ("_rid", "rid-boss-1-0123456789abcdef")]).await, StatusCode::FORBIDDEN, "the client's own owner").await;
        assert!(sink.messages().is_empty(), "nothing was sent");

        // Sent to Cleo, in German, the pack attached.
        let page = ok_page(owner.submit(&send, &[("recipient", &cleo_id), ("_rid", "rid-send-0001-0123456789abcdef")]).await, "sent").await;
        assert!(page.contains("sent to") && page.contains("Cleo"), "{page}");
        let got = sink.wait_for(1).await;
        assert_eq!(got[0].to, cleo_email);
        assert!(got[0].subject.contains("Ihr Bericht"), "in Cleo's language: {}", got[0].subject);
        let message = mail_parser::MessageParser::default().parse(&got[0].raw).expect("a MIME message");
        assert!(message.body_text(0).unwrap().contains("Hallo Cleo"), "{:?}", message.body_text(0));
        let file = message.attachments().next().expect("the pack attached");
        assert_eq!(file.attachment_name(), Some("report-Acme-Furniture.pdf"));
        let text = words(file.contents());
        assert!(text.contains("Bericht für Acme"), "the German pack: {text}");

        // The same form again: the first sending shown, nothing sent again.
        let page = ok_page(owner.submit(&send, &[("recipient", &cleo_id), ("_rid", "rid-send-0001-0123456789abcdef")]).await, "sent again").await;
        assert!(page.contains("nothing was sent again"), "{page}");
        let page = ok_page(owner.get(&reports).await, "the reports").await;
        assert!(page.contains("Sent before"), "{page}");
        // A new form reaches both, each once.
        let boss_id = boss.id.to_string();
        ok_page(owner.submit(&send, &[("recipient", &cleo_id), ("recipient", &boss_id), ("_rid", "rid-send-0002-0123456789abcdef")]).await, "sent to two").await;
        let got = sink.wait_for(3).await;
        assert_eq!(got.len(), 3, "{:?}", got.iter().map(|m| &m.to).collect::<Vec<_>>());
        let sends = app.store.report_sends(w.ws, w.business.id, 10).await.unwrap();
        assert_eq!(sends.len(), 2);
        assert_eq!(sends[0].sent_to, vec!["Bo Boss".to_string(), "Cleo".to_string()]);
    }
}
