//! What the export tests share: keeping the files to look at, and reading
//! a PDF back.

/// Optional: `MOT_EXPORT_DUMP=/some/dir` keeps the files to look at.
pub(crate) fn dump(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("MOT_EXPORT_DUMP") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).expect("dump");
    }
}

/// Without whitespace: the extractor joins wrapped lines without a space.
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts every page is A4 landscape; answers the number of pages.
pub(crate) fn assert_a4_landscape(bytes: &[u8]) -> usize {
    let doc = pdf_extract::Document::load_mem(bytes).expect("a PDF");
    let pages = doc.get_pages();
    for id in pages.values() {
        let page = doc.get_dictionary(*id).expect("page");
        let media = page
            .get(b"MediaBox")
            .and_then(|m| m.as_array())
            .expect("MediaBox");
        let n: Vec<f32> = media.iter().map(|o| o.as_float().unwrap()).collect();
        assert_eq!(
            ((n[2] - n[0]).round(), (n[3] - n[1]).round()),
            (842.0, 595.0),
            "A4 landscape"
        );
    }
    pages.len()
}
