//! A practice's branding on its reports (issue 11, item 8, first part):
//! the owner sets a name, a colour and a PNG logo; every PDF the practice
//! and its clients take away wears them (read back with an independent PDF
//! reader: the name in its text, the logo an embedded image). A logo that
//! is not a PNG, or is too large, is refused and nothing changes.

#[macro_use]
mod common;

use common::*;
use mot_core::{Client, ClientRole, Membership, Role};
use reqwest::StatusCode;

/// A real 1×1 PNG.
const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
    0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 248, 207, 80, 15, 0, 3,
    134, 1, 128, 90, 52, 125, 107, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// How many images the PDF embeds (XObjects of subtype Image).
fn images_in(pdf: &[u8]) -> usize {
    let doc = pdf_extract::Document::load_mem(pdf).expect("a PDF an independent reader opens");
    doc.objects
        .values()
        .filter(|o| {
            o.as_stream()
                .ok()
                .and_then(|s| s.dict.get(b"Subtype").ok())
                .and_then(|t| t.as_name().ok())
                == Some(b"Image".as_slice())
        })
        .count()
}

on_both! {
    async fn the_practices_name_colour_and_logo_are_on_its_reports(app) {
        let w = World::new(&app.store, "Acme").await;
        w.note(&app.store, 0, "Delivery day").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let map = format!("/j/{}/feedback/report.pdf", w.journey.id);
        let before = owner.get(&map).await.bytes().await.unwrap();
        assert_eq!(images_in(&before), 0, "no logo yet");

        let home = ok_page(owner.get("/").await, "home").await;
        assert!(home.contains("id=\"brand\""), "the owner's branding form: {home}");
        let res = owner.submit("/workspace/brand", &[("name", "Harbour Advisers & Co"), ("accent", "#AA3300")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let res = send_file(&owner, "/workspace/logo", &owner.csrf, "logo", "logo.png", PNG).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let brand = app.store.brand(w.ws).await.unwrap();
        assert_eq!((brand.name.as_str(), brand.accent.as_str(), brand.logo.as_deref()), ("Harbour Advisers & Co", "#aa3300", Some(PNG)));
        let preview = owner.get("/workspace/logo.png").await;
        assert_eq!(content_type(&preview), "image/png");
        assert_eq!(preview.bytes().await.unwrap().as_ref(), PNG);

        let after = owner.get(&map).await.bytes().await.unwrap();
        assert!(images_in(&after) >= 1, "the logo is embedded");
        let text = pdf_extract::extract_text_from_mem(&after).unwrap();
        assert!(text.contains("Harbour Advisers & Co"), "{text}");
        // A client's person takes away the same branded report.
        let cleo = app.store.create_user(w.ws, &unique_email("cleo"), "Cleo", "x", Membership::Client(Client { business_id: w.business.id, role: ClientRole::Reports })).await.unwrap();
        let cleo = app.signed_in(w.ws, cleo.id).await;
        let theirs = cleo.get(&map).await;
        assert_eq!(theirs.status(), StatusCode::OK);
        assert!(images_in(&theirs.bytes().await.unwrap()) >= 1);
        // Removed, the logo is gone from the PDFs.
        let res = owner.submit("/workspace/logo/remove", &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(images_in(&owner.get(&map).await.bytes().await.unwrap()), 0);
    }

    async fn a_logo_that_is_not_a_small_png_is_refused_and_only_owners_brand(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>"#;
        for (name, bytes, what) in [
            ("logo.svg", svg.to_vec(), "an SVG with script"),
            ("logo.png", b"GIF89a not a png".to_vec(), "a GIF called .png"),
            ("logo.png", Vec::new(), "nothing"),
        ] {
            let res = send_file(&owner, "/workspace/logo", &owner.csrf, "logo", name, &bytes).await;
            let body = said(res, StatusCode::UNPROCESSABLE_ENTITY, what).await;
            assert!(body.contains("PNG") || body.contains("Choose a logo"), "{what}: {body}");
        }
        let mut huge = PNG.to_vec();
        huge.resize(300 * 1024, 0);
        let res = send_file(&owner, "/workspace/logo", &owner.csrf, "logo", "logo.png", &huge).await;
        assert!(res.status() == StatusCode::UNPROCESSABLE_ENTITY || res.status() == StatusCode::PAYLOAD_TOO_LARGE, "{}", res.status());
        assert!(res.text().await.unwrap().contains("256 KiB"));
        let res = owner.submit("/workspace/brand", &[("name", "X"), ("accent", "red")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let res = send_file(&owner, "/workspace/logo", "wrong", "logo", "logo.png", PNG).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "without the form's token");
        assert_eq!(app.store.brand(w.ws).await.unwrap(), mot_store::BrandRow::default(), "nothing changed");
        let pat = w.person(&app.store, Role::Facilitator).await;
        let pat = app.signed_in(w.ws, pat.user.id).await;
        let res = send_file(&pat, "/workspace/logo", &pat.csrf, "logo", "logo.png", PNG).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "a facilitator");
        let res = pat.submit("/workspace/brand", &[("name", "Mine")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.store.brand(w.ws).await.unwrap(), mot_store::BrandRow::default());
    }
}
