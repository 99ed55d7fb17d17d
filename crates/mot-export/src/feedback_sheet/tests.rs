use super::*;
use crate::testing::{brand, dump, glyphs, has_rtl, squash, Glyph};
use crate::Lang;
use pdf_extract::content::Content;
use pdf_extract::Document;

const NAME: &str = "Bäckerei Sonnenschein";
const QUESTION: &str = "How was “Delivery day” compared with what you expected?";
const URL: &str = "https://mot.example.com/f/3Fq9-xY";

/// A QR-shaped 21 × 21 pattern: finder patterns in three corners (none
/// at the bottom right, so a flipped or turned drawing differs), timing
/// lines, and scattered modules elsewhere.
fn pattern() -> Vec<Vec<bool>> {
    let n = 21;
    // A 7 × 7 finder: its ring and its middle 3 × 3.
    let finder = |r: usize, c: usize| {
        r == 0 || r == 6 || c == 0 || c == 6 || (2..=4).contains(&r) && (2..=4).contains(&c)
    };
    let mut seed = 0x2545_F491_u32;
    let mut m = vec![vec![false; n]; n];
    for (r, row) in m.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            *cell = match (r, c) {
                (0..=6, 0..=6) => finder(r, c),
                (0..=6, 14..) => finder(r, c - 14),
                (14.., 0..=6) => finder(r - 14, c),
                (7, 0..=7) | (0..=7, 7) | (7, 13..) | (0..=7, 13) | (13, 0..=7) | (13.., 7) => {
                    false
                }
                (6, _) => c.is_multiple_of(2),
                (_, 6) => r.is_multiple_of(2),
                _ => (seed >> 16).is_multiple_of(3),
            };
        }
    }
    m
}

fn sheet<'a>(qr: &'a [Vec<bool>], size: SheetSize) -> Sheet<'a> {
    Sheet {
        business: NAME,
        question: QUESTION,
        url: URL,
        qr,
        size,
    }
}

fn text(bytes: &[u8]) -> String {
    squash(&pdf_extract::extract_text_from_mem(bytes).expect("text"))
}

/// Asserts the PDF is one A4 portrait page.
fn assert_one_a4_portrait_page(bytes: &[u8]) {
    let doc = Document::load_mem(bytes).expect("a PDF");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1, "one page");
    for id in pages.values() {
        let page = doc.get_dictionary(*id).expect("page");
        assert!(page.get(b"Rotate").is_err(), "not rotated");
        let media = page
            .get(b"MediaBox")
            .and_then(|m| m.as_array())
            .expect("MediaBox");
        let n: Vec<f32> = media.iter().map(|o| o.as_float().unwrap()).collect();
        let (w, h) = (n[2] - n[0], n[3] - n[1]);
        assert!(
            (w - 595.0).abs() <= 1.0 && (h - 842.0).abs() <= 1.0,
            "A4 portrait, not {w} × {h}"
        );
    }
}

/// A path the page fills, as a reader sees it: its colour (red, green,
/// blue from 0 to 1) and the boxes of its subpaths, `[left, bottom,
/// right, top]` in points from the page's bottom left.
#[derive(Debug)]
struct Filled {
    colour: [f32; 3],
    boxes: Vec<[f32; 4]>,
}

/// A path the page strokes: its colour.
type Stroked = [f32; 3];

/// The filled and stroked paths of the (only) page, read from its content
/// stream with lopdf: `q`/`Q`/`cm` for where they are, `rg`/`RG` for their
/// colours, `m`/`l`/`re`/`h` for their shapes.
fn paths(bytes: &[u8]) -> (Vec<Filled>, Vec<Stroked>) {
    let doc = Document::load_mem(bytes).expect("a PDF");
    let page = *doc.get_pages().values().next().expect("a page");
    let content = Content::decode(&doc.get_page_content(page).expect("content")).expect("ops");
    #[derive(Clone, Copy)]
    struct State {
        ctm: [f32; 6],
        fill: [f32; 3],
        stroke: [f32; 3],
    }
    let apply =
        |m: &[f32; 6], x: f32, y: f32| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    let mut state = State {
        ctm: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        fill: [0.0; 3],
        stroke: [0.0; 3],
    };
    let mut stack = Vec::new();
    let mut subpaths: Vec<Vec<(f32, f32)>> = Vec::new();
    let (mut filled, mut stroked) = (Vec::new(), Vec::new());
    for op in &content.operations {
        let o: Vec<f32> = op
            .operands
            .iter()
            .filter_map(|o| o.as_float().ok())
            .collect();
        match op.operator.as_str() {
            "q" => stack.push(state),
            "Q" => state = stack.pop().expect("balanced q/Q"),
            "cm" => {
                let (a, m) = ([o[0], o[1], o[2], o[3], o[4], o[5]], state.ctm);
                // The new matrix applies before the current one.
                state.ctm = [
                    a[0] * m[0] + a[1] * m[2],
                    a[0] * m[1] + a[1] * m[3],
                    a[2] * m[0] + a[3] * m[2],
                    a[2] * m[1] + a[3] * m[3],
                    a[4] * m[0] + a[5] * m[2] + m[4],
                    a[4] * m[1] + a[5] * m[3] + m[5],
                ];
            }
            "rg" => state.fill = [o[0], o[1], o[2]],
            "RG" => state.stroke = [o[0], o[1], o[2]],
            "g" => state.fill = [o[0]; 3],
            "m" => subpaths.push(vec![apply(&state.ctm, o[0], o[1])]),
            "l" => subpaths
                .last_mut()
                .expect("a subpath")
                .push(apply(&state.ctm, o[0], o[1])),
            "re" => {
                let (x, y, w, h) = (o[0], o[1], o[2], o[3]);
                subpaths.push(
                    [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                        .iter()
                        .map(|(x, y)| apply(&state.ctm, *x, *y))
                        .collect(),
                );
            }
            "h" => {}
            "f" | "f*" | "F" | "B" | "B*" | "b" | "b*" | "S" | "s" | "n" => {
                let op = op.operator.as_str();
                if op != "S" && op != "s" && op != "n" {
                    let boxes = subpaths
                        .iter()
                        .map(|p| {
                            let xs = p.iter().map(|p| p.0);
                            let ys = p.iter().map(|p| p.1);
                            [
                                xs.clone().fold(f32::MAX, f32::min),
                                ys.clone().fold(f32::MAX, f32::min),
                                xs.fold(f32::MIN, f32::max),
                                ys.fold(f32::MIN, f32::max),
                            ]
                        })
                        .collect();
                    filled.push(Filled {
                        colour: state.fill,
                        boxes,
                    });
                }
                if matches!(op, "S" | "s" | "B" | "B*" | "b" | "b*") {
                    stroked.push(state.stroke);
                }
                subpaths.clear();
            }
            _ => {}
        }
    }
    (filled, stroked)
}

/// A QR code as drawn: its modules read back (a module is dark when its
/// middle lies in a black box) and its box with the quiet zone, `[left,
/// bottom, right, top]`.
struct Drawn {
    modules: Vec<Vec<bool>>,
    outer: [f32; 4],
    module: f32,
}

/// The QR codes a page draws: each black path, read as an `n` × `n` grid
/// over the box of its dark modules (a QR code's finder patterns reach
/// three of its corners, so that box is the whole code).
fn codes(bytes: &[u8], n: usize) -> Vec<Drawn> {
    paths(bytes)
        .0
        .into_iter()
        .filter(|p| p.colour == [0.0; 3] && !p.boxes.is_empty())
        .map(|p| {
            let left = p.boxes.iter().map(|b| b[0]).fold(f32::MAX, f32::min);
            let bottom = p.boxes.iter().map(|b| b[1]).fold(f32::MAX, f32::min);
            let right = p.boxes.iter().map(|b| b[2]).fold(f32::MIN, f32::max);
            let top = p.boxes.iter().map(|b| b[3]).fold(f32::MIN, f32::max);
            let module = (right - left) / n as f32;
            assert!(
                ((top - bottom) - (right - left)).abs() < 0.01,
                "square modules"
            );
            let modules = (0..n)
                .map(|r| {
                    (0..n)
                        .map(|c| {
                            // Rows run down from the top of the page.
                            let x = left + (c as f32 + 0.5) * module;
                            let y = top - (r as f32 + 0.5) * module;
                            p.boxes
                                .iter()
                                .any(|b| b[0] < x && x < b[2] && b[1] < y && y < b[3])
                        })
                        .collect()
                })
                .collect();
            let q = 4.0 * module;
            Drawn {
                modules,
                outer: [left - q, bottom - q, right + q, top + q],
                module,
            }
        })
        .collect()
}

/// Whether a glyph's position lies in a box `[left, bottom, right, top]`
/// grown by `by` points.
fn inside(g: &Glyph, b: [f32; 4], by: f64) -> bool {
    let [l, bo, r, t] = b.map(f64::from);
    l - by <= g.x && g.x <= r + by && bo - by <= g.y && g.y <= t + by
}

#[test]
fn four_cards_fill_one_a4_portrait_page() {
    let qr = pattern();
    let bytes = to_pdf(&sheet(&qr, SheetSize::A6Cards), &Look::default());
    dump("sheet-a6.pdf", &bytes);
    assert_one_a4_portrait_page(&bytes);
    let all = text(&bytes);
    for (what, times) in [
        (NAME, 4),
        (QUESTION, 4),
        ("Scan to answer — it takes ten seconds", 4),
        (URL, 4),
    ] {
        assert_eq!(all.matches(&squash(what)).count(), times, "{what} in {all}");
    }
    // One card in each quarter of the page: a name in each.
    let names: Vec<Glyph> = glyphs(&bytes)
        .into_iter()
        .filter(|g| g.text == "B")
        .collect();
    let quarters: std::collections::BTreeSet<(bool, bool)> = names
        .iter()
        .map(|g| (g.x > 595.28 / 2.0, g.y > 841.89 / 2.0))
        .collect();
    assert_eq!(quarters.len(), 4, "{names:?}");
    // Light cut marks: grey strokes besides the four frames.
    let (_, stroked) = paths(&bytes);
    let cut = f32::from(CUT.0) / 255.0;
    assert_eq!(
        stroked.iter().filter(|c| (c[0] - cut).abs() < 0.01).count(),
        6,
        "{stroked:?}"
    );
}

#[test]
fn the_poster_is_one_a4_portrait_page() {
    let qr = pattern();
    let bytes = to_pdf(&sheet(&qr, SheetSize::A4Poster), &Look::default());
    dump("sheet-a4.pdf", &bytes);
    assert_one_a4_portrait_page(&bytes);
    let all = text(&bytes);
    for what in [NAME, QUESTION, "Scan to answer — it takes ten seconds", URL] {
        assert_eq!(all.matches(&squash(what)).count(), 1, "{what} in {all}");
    }
    let (_, stroked) = paths(&bytes);
    assert_eq!(stroked.len(), 1, "a frame and no cut marks: {stroked:?}");
}

#[test]
fn the_qr_code_is_drawn_module_by_module_with_its_quiet_zone() {
    let qr = pattern();
    let dark = qr.iter().flatten().filter(|d| **d).count();
    assert!(dark > 100 && dark < 441 - 100, "a fair test pattern");
    for (size, count, width_mm) in [
        (SheetSize::A6Cards, 4, 60.0),
        (SheetSize::A4Poster, 1, 120.0),
    ] {
        let bytes = to_pdf(&sheet(&qr, size), &Look::default());
        let drawn = codes(&bytes, 21);
        assert_eq!(drawn.len(), count, "{size:?}");
        let glyphs = glyphs(&bytes);
        for code in &drawn {
            // Every module where it belongs, none flipped or turned.
            assert_eq!(code.modules, qr, "{size:?}");
            // The code with its quiet zone: about 60 mm on a card, 120 on
            // the poster, and on the page.
            let [l, b, r, t] = code.outer;
            let mm = (r - l) / MM;
            assert!((mm - width_mm).abs() < 1.0, "{size:?}: {mm} mm");
            assert!(l >= 0.0 && b >= 0.0 && r <= A4_W && t <= A4_H);
            // Four modules of white round it: no text there.
            let near: Vec<&Glyph> = glyphs
                .iter()
                .filter(|g| inside(g, code.outer, f64::from(code.module)))
                .collect();
            assert!(
                near.is_empty(),
                "{size:?}: text in the quiet zone: {near:?}"
            );
        }
    }

    // Another matrix draws another code; none draws none, and nothing breaks.
    let mut other = pattern();
    other[10][10] = !other[10][10];
    let bytes = to_pdf(&sheet(&other, SheetSize::A4Poster), &Look::default());
    assert_eq!(codes(&bytes, 21)[0].modules, other);
    let bytes = to_pdf(&sheet(&[], SheetSize::A6Cards), &Look::default());
    assert!(codes(&bytes, 21).is_empty());
    assert_eq!(text(&bytes).matches(&squash(NAME)).count(), 4);
}

#[test]
fn an_arabic_sheet_runs_right_to_left() {
    let qr = pattern();
    let name = "مقهى الواحة";
    let question = "كيف كانت تجربة التوصيل مقارنة بما توقعته؟";
    let look = Look::new(Lang::Ar).with_brand(brand());
    for (size, times) in [(SheetSize::A6Cards, 4), (SheetSize::A4Poster, 1)] {
        let s = Sheet {
            business: name,
            question,
            ..sheet(&qr, size)
        };
        let bytes = to_pdf(&s, &look);
        dump(&format!("sheet-{size:?}-ar.pdf"), &bytes);
        assert_one_a4_portrait_page(&bytes);
        let all = text(&bytes);
        for t in [name, question, "امسح الرمز للإجابة"] {
            assert!(has_rtl(&all, t), "{t} in {all}");
        }
        assert!(!all.contains("Scan"), "{all}");
        assert_eq!(all.matches(URL).count(), times, "the link left to right");
        assert_eq!(codes(&bytes, 21).len(), times);
        // The brand's accent frames each card.
        let (_, stroked) = paths(&bytes);
        let accent = [0x1B, 0x4F, 0x72].map(|c: u8| f32::from(c) / 255.0);
        let framed = stroked
            .iter()
            .filter(|c| c.iter().zip(accent).all(|(a, b)| (a - b).abs() < 0.01))
            .count();
        assert_eq!(framed, times, "{stroked:?}");
    }

    // The Arabic question wraps by its joined (narrower) letters: one line
    // on the poster, not two.
    let s = Sheet {
        business: name,
        question,
        ..sheet(&qr, SheetSize::A4Poster)
    };
    let lines = pdf::wrap(question, POSTER.question, A4_W - 2.0 * POSTER.pad, true);
    assert!(lines.len() > 1, "wrapped by advances: {lines:?}");
    let bytes = to_pdf(&s, &look);
    let code = codes(&bytes, 21).remove(0);
    let above: std::collections::BTreeSet<i64> = glyphs(&bytes)
        .iter()
        .filter(|g| g.y > f64::from(code.outer[3]))
        .map(|g| g.y.round() as i64)
        .collect();
    // The name's line and the question's.
    assert_eq!(above.len(), 2, "{above:?}");
}

#[test]
fn a_long_question_wraps_and_stays_on_its_card() {
    let qr = pattern();
    let long = "How was “Delivery day” compared with what you expected, from the \
                first message to the parcel at your door, the driver's manners and \
                the state of the box, and would you tell a friend about it?"
        .repeat(2);
    let endless = "Was it what you expected? ".repeat(400);
    let name =
        "Bäckerei & Konditorei Sonnenschein am Marktplatz GmbH & Co. KG, Filiale Hauptbahnhof Süd";
    for question in [&long, &endless] {
        for size in [SheetSize::A6Cards, SheetSize::A4Poster] {
            let s = Sheet {
                business: name,
                question,
                ..sheet(&qr, size)
            };
            let bytes = to_pdf(&s, &Look::new(Lang::De));
            dump(&format!("sheet-{size:?}-long.pdf"), &bytes);
            assert_one_a4_portrait_page(&bytes);
            let all = text(&bytes);
            if question == &long {
                // Whole, over many lines.
                assert!(all.contains(&squash(&long)), "{all}");
            } else {
                assert!(all.contains('…'), "cut where the card ends");
            }
            assert!(all.contains(&squash("Scannen und antworten – dauert zehn Sekunden")));
            assert!(all.contains(URL));
            // The QR code keeps its size and place.
            let drawn = codes(&bytes, 21);
            assert!(drawn.iter().all(|d| d.modules == qr));
            // Every glyph inside its card's frame, none in a quiet zone.
            let (w, h, inset) = match size {
                SheetSize::A6Cards => (A4_W / 2.0, A4_H / 2.0, CARD.inset),
                SheetSize::A4Poster => (A4_W, A4_H, POSTER.inset),
            };
            let glyphs = glyphs(&bytes);
            let baselines: std::collections::BTreeSet<i64> =
                glyphs.iter().map(|g| g.y.round() as i64).collect();
            assert!(baselines.len() > 8, "wrapped: {baselines:?}");
            for g in &glyphs {
                let (cx, cy) = ((g.x / f64::from(w)).floor(), (g.y / f64::from(h)).floor());
                let (x, y) = (g.x - cx * f64::from(w), g.y - cy * f64::from(h));
                let (inset, w, h) = (f64::from(inset), f64::from(w), f64::from(h));
                assert!(
                    (0.0..f64::from(A4_W)).contains(&g.x) && (0.0..f64::from(A4_H)).contains(&g.y),
                    "on the page: {g:?}"
                );
                assert!(
                    x > inset && x < w - inset && y > inset && y < h - inset,
                    "inside the frame: {g:?}"
                );
                assert!(drawn.iter().all(|d| !inside(g, d.outer, 0.0)), "{g:?}");
            }
        }
    }
}

#[test]
fn the_document_is_titled_and_speaks_the_language() {
    let qr = pattern();
    let bytes = to_pdf(&sheet(&qr, SheetSize::A6Cards), &Look::new(Lang::De));
    let all = text(&bytes);
    assert!(all.contains(&squash("Scannen und antworten – dauert zehn Sekunden")));
    assert!(!all.contains("Scan to"));
    let doc = Document::load_mem(&bytes).expect("a PDF");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| doc.dereference(i))
        .and_then(|(_, o)| o.as_dict())
        .expect("Info");
    let title = pdf_extract::decode_text_string(info.get(b"Title").expect("Title")).expect("text");
    assert_eq!(title, format!("Feedback: {NAME}"));
}
