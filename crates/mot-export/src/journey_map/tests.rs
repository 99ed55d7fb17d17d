use super::*;
use crate::Lang;

fn sample() -> JourneyMap {
    JourneyMap {
        business: "Harbour Furniture".into(),
        journey: "New customer buys a sofa".into(),
        subtitle: "Session “March” of 2026-03-04".into(),
        channels: vec![
            MapChannel {
                colour: "#2a6f97".into(),
                icon: "WEB".into(),
                name: "Website".into(),
            },
            MapChannel {
                colour: "#c9184a".into(),
                icon: "F2F".into(),
                name: "Face-to-face".into(),
            },
        ],
        stages: vec![
            MapStage {
                name: "Pre-engagement".into(),
                notes: vec![
                    MapNote {
                        title: "Finds us online".into(),
                        channel: Some(0),
                        ..Default::default()
                    },
                    MapNote {
                        title: "Phones <to> ask & stock".into(),
                        channel: None,
                        rating: Some(Rating::Miserable),
                        priority: true,
                        actions: 2,
                    },
                ],
            },
            MapStage {
                name: "Engagement".into(),
                notes: vec![MapNote {
                    title: "Greeted at the door".into(),
                    channel: Some(1),
                    rating: Some(Rating::Magical),
                    ..Default::default()
                }],
            },
            MapStage {
                name: "Post-sale".into(),
                notes: vec![],
            },
        ],
    }
}

#[test]
fn every_note_is_on_the_pdf_with_its_channel_face_and_marks() {
    let pdf = to_pdf(&sample(), &Look::new(Lang::En));
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("a PDF to read");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in [
        "New customer buys a sofa",
        "Harbour Furniture",
        "Pre-engagement",
        "Engagement",
        "Post-sale",
        "Finds us online",
        "Phones <to> ask & stock",
        "Greeted at the door",
        "WEB · Website",
        "no channel yet",
        "Miserable",
        "Magical",
        "Priority",
        "2 actions",
    ] {
        assert!(flat.contains(s), "{s:?} not in {flat}");
    }
    // A3 landscape.
    let doc = pdf_extract::Document::load_mem(&pdf).unwrap();
    let page = doc.get_pages().into_values().next().unwrap();
    let media = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let size: Vec<f32> = media
        .iter()
        .map(|v| {
            v.as_float()
                .or_else(|_| v.as_i64().map(|i| i as f32))
                .unwrap()
        })
        .collect();
    assert!(
        (size[2] - 1190.55).abs() < 1.0 && (size[3] - 841.89).abs() < 1.0,
        "{size:?}"
    );
}

#[test]
fn the_svg_is_well_formed_and_carries_every_note() {
    let svg = to_svg(&sample(), &Look::new(Lang::En));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    // The text escaped.
    assert!(svg.contains("Phones &lt;to&gt; ask &amp; stock"), "{svg}");
    assert!(!svg.contains("<to>"));
    for s in [
        "Finds us online",
        "Greeted at the door",
        "☹ Miserable",
        "★ Magical",
        "★ Priority",
        "2 actions",
        "WEB · Website",
    ] {
        assert!(svg.contains(s), "{s:?}");
    }
    // The channel's colour is on the note (and its name beside it).
    assert!(svg.contains("fill=\"#2a6f97\""));
}

#[test]
fn a_long_stage_goes_on_to_another_page_and_many_stages_to_more() {
    let mut map = sample();
    map.stages[0].notes = (0..60)
        .map(|i| MapNote {
            title: format!("Moment number {i} with a title long enough to wrap twice"),
            ..Default::default()
        })
        .collect();
    let laid = pages(&map, &Look::new(Lang::En));
    assert!(laid.len() >= 2, "{} pages", laid.len());
    let text_of = |p: &FreePage| {
        p.marks
            .iter()
            .filter_map(|m| {
                if let Mark::Text { line, .. } = m {
                    Some(line.text.clone())
                } else {
                    None
                }
            })
            .collect::<Vec<_>>()
    };
    let all: Vec<String> = laid.iter().flat_map(text_of).collect();
    for i in 0..60 {
        assert!(
            all.iter()
                .any(|t| t.starts_with(&format!("Moment number {i} "))),
            "note {i} is lost"
        );
    }
    // Nothing below the page's margin.
    for p in &laid {
        for m in &p.marks {
            if let Mark::Fill { rects, .. } = m {
                for [_, y, _, h] in rects {
                    assert!(
                        y + h <= PAGE_H - MARGIN + 0.5,
                        "a note past the bottom: {y} + {h}"
                    );
                }
            }
        }
    }
    map.stages = (0..12)
        .map(|i| MapStage {
            name: format!("Stage {i}"),
            notes: vec![],
        })
        .collect();
    assert_eq!(
        pages(&map, &Look::new(Lang::En)).len(),
        2,
        "seven stages a page at most"
    );
}

#[test]
fn in_arabic_the_stages_run_from_the_right() {
    let look = Look::new(Lang::Ar);
    let laid = pages(&sample(), &look);
    let x_of = |name: &str| {
        laid[0].marks.iter().find_map(|m| match m {
            Mark::Text { x, line, .. } if line.text == name => Some(*x),
            _ => None,
        })
    };
    assert!(x_of("Pre-engagement").unwrap() > x_of("Engagement").unwrap());
}

#[test]
fn a_branded_map_wears_the_brand_on_every_page() {
    let mut map = sample();
    map.stages[0].notes = (0..60)
        .map(|i| MapNote {
            title: format!("Moment number {i} with a title long enough to wrap twice"),
            ..Default::default()
        })
        .collect();
    let look = Look::new(Lang::En).with_brand(crate::testing::brand());
    let pdf = to_pdf(&map, &look);
    crate::testing::dump("journey-map-branded.pdf", &pdf);
    let pages = pdf_extract::Document::load_mem(&pdf)
        .unwrap()
        .get_pages()
        .len();
    assert!(pages >= 2, "{pages} pages");
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    assert_eq!(
        text.matches("Beratung Kluge & Partner").count(),
        pages,
        "the name heads every page"
    );
    assert!(crate::testing::images(&pdf) >= 1, "the logo is embedded");
    // Without a brand, neither.
    let plain = to_pdf(&map, &Look::new(Lang::En));
    assert_eq!(crate::testing::images(&plain), 0);
    assert!(!pdf_extract::extract_text_from_mem(&plain)
        .unwrap()
        .contains("Beratung"));
}
