//! Answers are compressed for clients that take it (issue 12, item 3:
//! the board page for phones on weak networks): a board page asked with
//! `Accept-Encoding: gzip` comes gzipped and reads back (with flate2, an
//! independent decoder) as the same page; Brotli is chosen when offered;
//! without the header nothing is compressed; PDFs, which are compressed
//! already, go as they are.

#[macro_use]
mod common;

use common::*;
use reqwest::StatusCode;
use std::io::Read;

async fn get(b: &Browser, path: &str, encoding: Option<&str>) -> reqwest::Response {
    let mut req = b.client.get(b.url(path));
    if let Some(e) = encoding {
        req = req.header("accept-encoding", e);
    }
    req.send().await.unwrap()
}

fn encoding(res: &reqwest::Response) -> String {
    res.headers()
        .get("content-encoding")
        .map_or("", |v| v.to_str().unwrap())
        .to_string()
}

on_both! {
    async fn pages_are_compressed_for_those_who_take_it_and_files_are_not(app) {
        let w = World::new(&app.store, "Acme").await;
        for i in 0..40 {
            w.note(&app.store, i % 3, &format!("Moment number {i}, with a title of some length")).await;
        }
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let board = format!("/j/{}", w.journey.id);

        let plain = get(&owner, &board, None).await;
        assert_eq!(plain.status(), StatusCode::OK);
        assert_eq!(encoding(&plain), "", "not asked for, not compressed");
        let plain = plain.text().await.unwrap();
        assert!(plain.contains("Moment number 39"));

        let gz = get(&owner, &board, Some("gzip")).await;
        assert_eq!(gz.status(), StatusCode::OK);
        assert_eq!(encoding(&gz), "gzip");
        assert!(gz.headers()["vary"].to_str().unwrap().to_ascii_lowercase().contains("accept-encoding"));
        let bytes = gz.bytes().await.unwrap();
        let mut html = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut html).expect("gzip that flate2 reads");
        // The same page but for its per-request tokens.
        let strip = |s: &str| s.split('"').filter(|p| !(p.len() == 32 && p.chars().all(|c| c.is_ascii_hexdigit()))).collect::<Vec<_>>().join("\"");
        assert_eq!(strip(&html), strip(&plain));
        assert!(bytes.len() * 4 < plain.len(), "{} bytes for {}", bytes.len(), plain.len());

        let br = get(&owner, &board, Some("gzip, deflate, br")).await;
        assert_eq!(encoding(&br), "br", "Brotli when offered, as browsers do");

        // A PDF is compressed inside already: sent as it is.
        let pdf = get(&owner, &format!("/j/{}/map.pdf", w.journey.id), Some("gzip, br")).await;
        assert_eq!(pdf.status(), StatusCode::OK);
        assert_eq!(encoding(&pdf), "");
        assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
        // The health check's few bytes are not worth it.
        let health = get(&owner, "/healthz", Some("gzip")).await;
        assert_eq!(encoding(&health), "");
    }
}
