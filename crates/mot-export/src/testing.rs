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

/// One glyph as a PDF reader sees it: page (from 1), where it is drawn
/// (x from the left, y from the bottom, in points) and the text it stands
/// for (its ToUnicode entry).
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub(crate) page: u32,
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) text: String,
}

/// Every glyph of a PDF with its position, read by pdf-extract.
pub(crate) fn glyphs(bytes: &[u8]) -> Vec<Glyph> {
    use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
    struct Collect {
        page: u32,
        out: Vec<Glyph>,
    }
    impl OutputDev for Collect {
        fn begin_page(
            &mut self,
            page: u32,
            _: &MediaBox,
            _: Option<(f64, f64, f64, f64)>,
        ) -> Result<(), OutputError> {
            self.page = page;
            Ok(())
        }
        fn end_page(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
        fn output_character(
            &mut self,
            trm: &Transform,
            _: f64,
            _: f64,
            _: f64,
            text: &str,
        ) -> Result<(), OutputError> {
            self.out.push(Glyph {
                page: self.page,
                x: trm.m31,
                y: trm.m32,
                text: text.to_string(),
            });
            Ok(())
        }
        fn begin_word(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
        fn end_word(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
        fn end_line(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
    }
    let doc = pdf_extract::Document::load_mem(bytes).expect("a PDF");
    let mut c = Collect {
        page: 0,
        out: Vec::new(),
    };
    pdf_extract::output_doc(&doc, &mut c).expect("glyphs");
    c.out
}

/// Right-to-left text as a PDF reader reads it back from a line drawn in
/// visual order: the characters reversed, brackets mirrored (the glyph of
/// `(` ends a right-to-left bracket), except that a lam–alef ligature (one
/// glyph) keeps its two letters in their logical order and a letter keeps
/// its marks (shadda, tanwin) after it. Only for text without digits
/// (numbers are drawn left to right).
pub(crate) fn visual(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut units: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let lam_alef = chars[i] == 'ل' && chars.get(i + 1).is_some_and(|c| "اأإآ".contains(*c));
        let mut n = if lam_alef { 2 } else { 1 };
        while chars
            .get(i + n)
            .is_some_and(|c| matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}'))
        {
            n += 1;
        }
        units.push(match chars[i] {
            '(' => ")".into(),
            ')' => "(".into(),
            _ => chars[i..i + n].iter().collect(),
        });
        i += n;
    }
    units.into_iter().rev().collect()
}

/// Whether the squashed text of a PDF has `s`, in logical or in visual
/// order (see [`visual`]), also when it wraps: each line of a wrapped
/// right-to-left text reads back reversed on its own, the lines in order.
pub(crate) fn has_rtl(all: &str, s: &str) -> bool {
    if all.contains(&squash(s)) {
        return true;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let gaps = words.len().saturating_sub(1).min(12);
    // Every way to break the words into lines.
    (0u32..1 << gaps).any(|breaks| {
        let mut lines = vec![String::new()];
        for (i, w) in words.iter().enumerate() {
            if i > 0 && breaks & (1 << (i - 1)) != 0 {
                lines.push(String::new());
            }
            lines.last_mut().expect("a line").push_str(w);
        }
        all.contains(&lines.iter().map(|l| visual(l)).collect::<String>())
    })
}

/// The glyph runs of a page: pdf-extract gives every glyph of one drawn
/// run about the run's position (kerning moves it by a fraction of a
/// point); (x, y, text in drawing order).
pub(crate) fn runs(glyphs: &[Glyph], page: u32) -> Vec<(f64, f64, String)> {
    let mut out: Vec<(f64, f64, String)> = Vec::new();
    for g in glyphs.iter().filter(|g| g.page == page) {
        match out.last_mut() {
            Some((x, y, text)) if (*x - g.x).abs() < 2.0 && *y == g.y => text.push_str(&g.text),
            _ => out.push((g.x, g.y, g.text.clone())),
        }
    }
    out
}

/// A 4 × 2 PNG, green and red: a brand's logo.
pub(crate) const LOGO_PNG: [u8; 78] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xF0, 0xCA, 0xEA,
    0x34, 0x00, 0x00, 0x00, 0x15, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x90, 0xAE, 0xB7, 0x06,
    0xA2, 0xCD, 0x6A, 0x72, 0x40, 0xC4, 0x80, 0xCC, 0x01, 0x00, 0x5D, 0xC6, 0x07, 0x31, 0x44, 0xD0,
    0xC8, 0x14, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// An adviser's branding, with a name no export writes by itself.
pub(crate) fn brand() -> crate::Brand {
    crate::Brand {
        name: Some("Beratung Kluge & Partner".into()),
        accent: Some("#1B4F72".into()),
        logo: Some(LOGO_PNG.to_vec()),
    }
}

/// How many image XObjects a PDF holds.
pub(crate) fn images(bytes: &[u8]) -> usize {
    let doc = pdf_extract::Document::load_mem(bytes).expect("a PDF");
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(|t| t.as_name())
                .is_ok_and(|n| n == b"Image")
        })
        .count()
}

/// The XML of an XLSX's worksheet (`n` from 1), read with zip.
pub(crate) fn sheet_xml(bytes: &[u8], n: usize) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .expect("the sheet")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    xml
}
