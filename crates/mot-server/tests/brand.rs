//! A practice's branding on its reports (issue 11, item 8, first part):
//! the owner sets a name, a colour and a PNG or SVG logo; every PDF the practice
//! and its clients take away wears them (read back with an independent PDF
//! reader: the name in its text, the logo an embedded image). A logo that
//! is not a PNG or a plain SVG drawing (a script, an event handler, a file
//! fetched from elsewhere), or is too large, is refused and nothing
//! changes; an SVG is kept clean, as usvg writes it again.

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

/// Every decoded content stream of the PDF, as text.
fn page_content(pdf: &[u8]) -> String {
    let doc = pdf_extract::Document::load_mem(pdf).expect("a PDF an independent reader opens");
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter_map(|s| {
            s.decompressed_content()
                .ok()
                .or_else(|| Some(s.content.clone()))
        })
        .map(|c| String::from_utf8_lossy(&c).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The colours a content stream fills with (`r g b rg`, `r g b sc`, `r g b scn`).
fn fills(content: &str) -> Vec<[f32; 3]> {
    let words: Vec<&str> = content.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate().skip(3) {
        if matches!(*w, "rg" | "sc" | "scn") {
            let c: Vec<f32> = words[i - 3..i]
                .iter()
                .filter_map(|n| n.parse().ok())
                .collect();
            if let [r, g, b] = c[..] {
                if !out.contains(&[r, g, b]) {
                    out.push([r, g, b]);
                }
            }
        }
    }
    out
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
        let preview = owner.get("/workspace/logo").await;
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

    async fn an_svg_logo_is_kept_clean_and_drawn_on_the_reports(app) {
        let w = World::new(&app.store, "Acme").await;
        w.note(&app.store, 0, "Delivery day").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let report = format!("/j/{}/feedback/report.pdf", w.journey.id);
        let before = fills(&page_content(&owner.get(&report).await.bytes().await.unwrap()));
        assert!(!before.contains(&[1.0, 0.0, 0.0]) && !before.contains(&[0.0, 0.0, 1.0]), "{before:?}");
        let svg = br##"<?xml version="1.0"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">
            <title>Harbour</title><metadata>kept out</metadata>
            <rect width="120" height="40" fill="#ff0000"/><circle cx="20" cy="20" r="10" fill="#0000ff"/></svg>"##;
        let res = send_file(&owner, "/workspace/logo", &owner.csrf, "logo", "logo.svg", svg).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let kept = app.store.brand(w.ws).await.unwrap().logo.expect("a logo kept");
        let kept = String::from_utf8(kept).unwrap();
        assert!(!kept.contains("kept out") && !kept.contains("<title"), "only drawing is kept: {kept}");
        let doc = roxmltree::Document::parse(&kept).expect("the kept SVG is XML");
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        let preview = owner.get("/workspace/logo").await;
        assert_eq!(content_type(&preview), "image/svg+xml");
        let csp = preview.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(csp.contains("default-src 'none'") && csp.contains("sandbox"), "{csp}");
        assert_eq!(preview.text().await.unwrap(), kept);
        // On the PDF the drawing is vectors in the logo's colours.
        let pdf = owner.get(&report).await.bytes().await.unwrap();
        let content = page_content(&pdf);
        let fills = fills(&content);
        assert!(fills.contains(&[1.0, 0.0, 0.0]), "the red of the logo is painted: {fills:?}");
        assert!(fills.contains(&[0.0, 0.0, 1.0]), "and its blue");

        let home = ok_page(owner.get("/").await, "home").await;
        assert!(home.contains("img class=\"logo-preview\""), "{home}");
    }

    async fn a_logo_that_is_not_a_small_png_is_refused_and_only_owners_brand(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>"#;
        let elsewhere = br#"<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd" width="9" height="9"/></svg>"#;
        for (name, bytes, what, says) in [
            ("logo.svg", svg.to_vec(), "an SVG with script", "holds a script"),
            ("logo.svg", elsewhere.to_vec(), "an SVG fetching a file", "from elsewhere (file:///etc/passwd)"),
            ("logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(), "an empty drawing", "PNG image or an SVG drawing"),
            ("logo.png", b"GIF89a not a png".to_vec(), "a GIF called .png", "PNG image or an SVG drawing"),
            ("logo.png", Vec::new(), "nothing", "Choose a logo"),
        ] {
            let res = send_file(&owner, "/workspace/logo", &owner.csrf, "logo", name, &bytes).await;
            let body = said(res, StatusCode::UNPROCESSABLE_ENTITY, what).await;
            assert!(body.contains(says), "{what}: {body}");
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
