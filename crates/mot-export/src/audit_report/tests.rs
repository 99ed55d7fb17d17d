use super::*;
use crate::testing::{
    assert_a4_landscape, brand, dump, glyphs, has_rtl, images, runs, sheet_xml, squash, visual,
};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use mot_core::audit::{report, CommentRow, RaterGroup, ReportItem, ScoreRow};
use std::collections::HashMap;
use std::io::Cursor;
use time::macros::date;

const NON_ASCII: &str = "Café ü 😀 שלום";
const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";
const NORTH: Id = 100;
const SOUTH: Id = 200;

fn item(id: Id, phase: &str, text: &str, key: Option<Id>) -> ReportItem {
    ReportItem {
        id,
        phase: phase.into(),
        text: text.into(),
        moment_id: None,
        key,
    }
}

/// Six items in three phases, scored by staff, friends and customers at
/// two branches; the previous round had items 1–4.
fn fixture() -> AuditReport {
    use RaterGroup::*;
    let items = [
        item(1, "Pre-engagement", "Website and brochures", Some(10)),
        item(2, "Pre-engagement", NON_ASCII, Some(20)),
        item(3, "Engagement", FORMULA, Some(30)),
        item(4, "Engagement", "Staff pleasantness", Some(40)),
        item(5, "Post-sale", "Delivery and installation", None),
        item(6, "Post-sale", "Warranty", Some(60)),
    ];
    let s = |item_id, branch_id, group, score| ScoreRow {
        item_id,
        branch_id,
        group,
        score,
    };
    let scores = [
        s(1, NORTH, Staff, 8),
        s(1, NORTH, Friend, 4),
        s(1, SOUTH, Staff, 8),
        s(1, SOUTH, Friend, 4),
        s(2, NORTH, Customer, 9),
        s(2, NORTH, Staff, 9),
        s(2, SOUTH, Customer, 3),
        s(3, NORTH, Friend, 2),
        s(3, SOUTH, Friend, 3),
        s(3, SOUTH, Staff, 4),
        s(4, NORTH, Staff, 10),
        s(4, NORTH, Customer, 9),
        s(4, SOUTH, Customer, 8),
        s(4, SOUTH, Friend, 9),
        s(5, NORTH, Customer, 5),
        s(5, NORTH, Friend, 6),
    ];
    let prev: HashMap<Id, f64> = [(10, 5.0), (20, 8.0), (30, 3.0), (60, 7.0), (40, 9.5)]
        .into_iter()
        .collect();
    report(&items, &scores, &[NORTH, SOUTH], &prev).with_comments(&COMMENTS.map(
        |(item_id, branch_id, group, text)| CommentRow {
            item_id,
            branch_id,
            group,
            text: text.into(),
        },
    ))
}

/// Comments handed in: (item, branch, group, text).
const COMMENTS: [(Id, Id, RaterGroup, &str); 3] = [
    (1, SOUTH, RaterGroup::Friend, "=cmd|' /C calc'!A0"),
    (1, NORTH, RaterGroup::Staff, "Brochure is out of date"),
    (
        6,
        NORTH,
        RaterGroup::Customer,
        "Nobody explained the warranty",
    ),
];

/// The comments as every format lists them: report order of items,
/// then branch order: phase, item, group, branch, text.
const COMMENT_ROWS: [[&str; 5]; 3] = [
    [
        "Pre-engagement",
        "Website and brochures",
        "Staff",
        "North",
        "Brochure is out of date",
    ],
    [
        "Pre-engagement",
        "Website and brochures",
        "Friend",
        "Zürich Süd",
        "=cmd|' /C calc'!A0",
    ],
    [
        "Post-sale",
        "Warranty",
        "Customer",
        "North",
        "Nobody explained the warranty",
    ],
];

#[test]
fn every_format_has_the_summaries_and_the_comments_with_group_and_branch() {
    let report = fixture();
    let branches = branches();
    let d = doc(&report, &branches);
    // CSV: after the items, the three summaries and the comments.
    let bytes = audit_csv(&d, &Look::default());
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| {
            r.expect("valid CSV, every record as wide")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    let at = |first: &str| {
        records
            .iter()
            .position(|r| r[0] == first)
            .unwrap_or_else(|| panic!("no record {first:?}"))
    };
    for (heading, first, rows) in [
        ("By phase", "Phase", &PHASES[..]),
        ("By rater group", "Rater group", &GROUPS[..]),
        ("By branch", "Branch", &BRANCHES[..]),
    ] {
        let h = at(heading);
        assert!(
            records[h - 1].iter().all(String::is_empty),
            "an empty record before {heading}"
        );
        assert_eq!(
            records[h + 1][..5],
            [first, "Mean", "Median", "Spread", "Count"]
        );
        for (i, (name, mean, median, spread, count)) in rows.iter().enumerate() {
            assert_eq!(
                records[h + 2 + i][..5],
                [*name, *mean, *median, *spread, *count],
                "{heading}"
            );
        }
    }
    let h = at(COMMENTS_HEADING);
    assert_eq!(records[h + 1][..5], COMMENT_COLUMNS);
    for (i, want) in COMMENT_ROWS.iter().enumerate() {
        let got = &records[h + 2 + i];
        let want: Vec<String> = want
            .iter()
            .map(|w| {
                if w.starts_with('=') {
                    format!("'{w}")
                } else {
                    w.to_string()
                }
            })
            .collect();
        assert_eq!(got[..5], want[..], "comment {i}");
    }
    assert_eq!(records.len(), h + 2 + COMMENT_ROWS.len());

    // XLSX: a Comments sheet.
    let bytes = audit_xlsx(&d, &Look::default()).expect("xlsx");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    let sheet = book.worksheet_range("Comments").expect("Comments");
    let head = row_of(&sheet, "Phase");
    for (c, t) in COMMENT_COLUMNS.iter().enumerate() {
        assert_eq!(text(&sheet, head, c as u32), *t);
    }
    for (i, want) in COMMENT_ROWS.iter().enumerate() {
        for (c, w) in want.iter().enumerate() {
            assert_eq!(text(&sheet, head + 1 + i as u32, c as u32), *w);
        }
    }
    let formulas = book.worksheet_formula("Comments").expect("formula range");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula"
    );

    // PDF: the comments, with group and branch.
    let bytes = audit_pdf(&d, &Look::default()).expect("pdf");
    let all = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    for needle in [
        COMMENTS_HEADING,
        "Brochure is out of date",
        "Nobody explained the warranty",
        "Rater group",
    ] {
        assert!(all.contains(&squash(needle)), "{needle:?} in {all}");
    }
}

fn branches() -> Vec<(Id, String)> {
    vec![(NORTH, "North".into()), (SOUTH, "Zürich Süd".into())]
}

fn doc<'a>(report: &'a AuditReport, branches: &'a [(Id, String)]) -> AuditDoc<'a> {
    AuditDoc {
        business: "Möbel Müller & Söhne",
        round: "Spring 2026",
        opens_on: date!(2026 - 03 - 02),
        closes_on: date!(2026 - 03 - 20),
        branches,
        report,
        responses: (7, 12),
        drafts: 2,
    }
}

/// The items table and heat map, worked out by hand: phase, item, mean,
/// median, spread, count, change, gap, flags, North, Zürich Süd,
/// inconsistency ("" where nobody scored).
const EXPECTED: [[&str; 12]; 6] = [
    [
        "Engagement",
        FORMULA,
        "3.0",
        "3.0",
        "0.8",
        "3",
        "0.0",
        "Staff 4.0 vs Friend 2.5 (1.5)",
        "",
        "2.0",
        "3.5",
        "1.5",
    ],
    [
        "Post-sale",
        "Delivery and installation",
        "5.5",
        "5.5",
        "0.5",
        "2",
        "",
        "Friend 6.0 vs Customer 5.0 (1.0)",
        "",
        "5.5",
        "",
        "",
    ],
    [
        "Pre-engagement",
        "Website and brochures",
        "6.0",
        "6.0",
        "2.0",
        "4",
        "+1.0",
        "Staff 8.0 vs Friend 4.0 (4.0)",
        "⚑ gap",
        "6.0",
        "6.0",
        "0.0",
    ],
    [
        "Pre-engagement",
        NON_ASCII,
        "7.0",
        "9.0",
        "2.8",
        "3",
        "-1.0",
        // Staff and customers both scored only two items: no usual gap yet.
        "Staff 9.0 vs Customer 6.0 (3.0)",
        "⚑ gap, ⚑ inconsistent",
        "9.0",
        "3.0",
        "6.0",
    ],
    [
        "Engagement",
        "Staff pleasantness",
        "9.0",
        "9.0",
        "0.7",
        "4",
        "-0.5",
        // The gap furthest from the usual (staff and friends: usually 1.5 apart).
        "Staff 10.0 vs Customer 8.5 (1.5)",
        "",
        "9.5",
        "8.5",
        "1.0",
    ],
    [
        "Post-sale",
        "Warranty",
        "",
        "",
        "",
        "0",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
];

/// Summaries by hand: (name, mean, median, spread, count).
const PHASES: [(&str, &str, &str, &str, &str); 3] = [
    ("Pre-engagement", "6.4", "8.0", "2.4", "7"),
    ("Engagement", "6.4", "8.0", "3.1", "7"),
    ("Post-sale", "5.5", "5.5", "0.5", "2"),
];
const GROUPS: [(&str, &str, &str, &str, &str); 3] = [
    ("Staff", "7.8", "8.0", "2.0", "5"),
    ("Friend", "4.7", "4.0", "2.3", "6"),
    ("Customer", "6.8", "8.0", "2.4", "5"),
];
const BRANCHES: [(&str, &str, &str, &str, &str); 2] = [
    ("North", "6.9", "8.0", "2.6", "9"),
    ("Zürich Süd", "5.6", "4.0", "2.4", "7"),
];

fn risky(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn the_heat_runs_from_red_through_yellow_to_green() {
    assert_eq!(heat(1.0), (248, 105, 107));
    assert_eq!(heat(5.5), (255, 235, 132));
    assert_eq!(heat(10.0), (99, 190, 123));
    assert_eq!(heat(0.0), heat(1.0), "clamped");
    let mut last = heat(1.0);
    for m in 2..=10 {
        let h = heat(f64::from(m));
        assert!(h.0 <= last.0 || h.1 >= last.1, "warmer to cooler at {m}");
        last = h;
    }
    assert_eq!(rgb_u32((0xF8, 0x69, 0x6B)), 0xF8696B);
    assert_eq!(
        (one(2.25), one(-0.04), signed(0.04), signed(-0.46)),
        ("2.3".into(), "0.0".into(), "0.0".into(), "-0.5".into())
    );
}

#[test]
fn the_fixture_is_what_the_expectations_assume() {
    let r = fixture();
    let texts: Vec<&str> = r.items.iter().map(|i| i.item.text.as_str()).collect();
    let want: Vec<&str> = EXPECTED.iter().map(|e| e[1]).collect();
    assert_eq!(texts, want, "lowest mean first, the unscored item last");
    assert!(r.items[3].notable_gap() && r.items[3].inconsistent());
    assert!(
        !r.items[0].notable_gap(),
        "1.5, the usual gap between staff and friends"
    );
    assert_eq!(r.groups.len(), 3);
}

#[test]
fn csv_is_the_items_table_with_a_column_per_branch() {
    let report = fixture();
    let branches = branches();
    let bytes = audit_csv(&doc(&report, &branches), &Look::default());
    dump("audit.csv", &bytes);
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM first");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(
        records[0],
        [
            "Phase",
            "Item",
            "Mean",
            "Median",
            "Spread",
            "Count",
            "Change since last round",
            "Gap between groups",
            "Flags",
            "Mean at North",
            "Mean at Zürich Süd",
            "Inconsistency",
        ]
    );
    // The items, then an empty record before the summaries.
    assert!(records[7].iter().all(String::is_empty), "{:?}", records[7]);
    for (r, want) in EXPECTED.iter().enumerate() {
        let got = &records[r + 1];
        assert_eq!(got.len(), 12);
        for (c, w) in want.iter().enumerate() {
            let w = if *w == FORMULA {
                format!("'{FORMULA}")
            } else {
                w.to_string()
            };
            assert_eq!(got[c], w, "row {r}, column {:?}", records[0][c]);
        }
    }
    // Spelled out: the formula neutralised, the non-ASCII text whole.
    assert_eq!(records[1][1], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(records[4][1], "Café ü 😀 שלום");
    // No formula anywhere: what starts like one is a number we wrote
    // (a negative change) or carries the quote.
    for cell in records.iter().flatten() {
        if risky(cell) {
            assert!(cell.parse::<f64>().is_ok(), "{cell:?}");
        }
    }
}

#[test]
fn csv_neutralises_risky_phase_and_branch_names() {
    let mut report = fixture();
    report.items[1].item.phase = "@phase".into();
    report.items[2].item.text = "-5 points".into();
    report.items[3].item.text = "+1 queue".into();
    let branches = vec![(NORTH, "=North".into()), (SOUTH, "\tSouth".into())];
    let bytes = audit_csv(&doc(&report, &branches), &Look::default());
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(records[0][9], "Mean at =North");
    assert_eq!(records[2][0], "'@phase");
    assert_eq!(records[3][1], "'-5 points");
    assert_eq!(records[4][1], "'+1 queue");
    for cell in records.iter().flatten() {
        if risky(cell) {
            assert!(cell.parse::<f64>().is_ok(), "{cell:?}");
        }
    }
}

/// A cell as the exports write it: numbers to one decimal (counts
/// whole), text as is, `NONE` for missing values.
fn shown(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
    match range.get_value((r, c)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) if s == NONE => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => {
            let r = (f * 10.0).round() / 10.0;
            if r > 0.0 && c == 6 {
                format!("+{r:.1}")
            } else if c == 5 {
                format!("{r}")
            } else {
                format!("{r:.1}")
            }
        }
        Some(other) => panic!("cell ({r},{c}) is neither text nor a float: {other:?}"),
    }
}

fn text(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
    match range.get_value((r, c)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => panic!("cell ({r},{c}) is not text: {other:?}"),
    }
}

fn float(range: &calamine::Range<Data>, r: u32, c: u32) -> f64 {
    match range.get_value((r, c)) {
        Some(Data::Float(f)) => *f,
        other => panic!("cell ({r},{c}) is not a number: {other:?}"),
    }
}

fn row_of(range: &calamine::Range<Data>, first: &str) -> u32 {
    (0..range.height() as u32)
        .find(|r| text(range, *r, 0) == first)
        .unwrap_or_else(|| panic!("no row starting {first:?}"))
}

#[test]
fn xlsx_has_items_summary_and_heat_map_with_numbers_as_numbers() {
    let report = fixture();
    let branches = branches();
    let bytes = audit_xlsx(&doc(&report, &branches), &Look::default()).expect("xlsx");
    dump("audit.xlsx", &bytes);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    assert_eq!(
        book.sheet_names(),
        ["Items", "Summary", "Heat map", "Comments"]
    );

    // Items.
    let items = book.worksheet_range("Items").expect("Items");
    assert_eq!(
        text(&items, 0, 0),
        "Möbel Müller & Söhne · Spring 2026 · 2026-03-02 – 2026-03-20"
    );
    assert!(text(&items, 1, 0)
        .starts_with("7 of 12 raters handed in (2 more have answers not handed in, not counted)"));
    assert!(text(&items, 2, 0).contains("⚑ gap: two rater groups"));
    let head = row_of(&items, "Phase");
    for (c, h) in ITEM_COLUMNS.iter().enumerate() {
        assert_eq!(text(&items, head, c as u32), *h);
    }
    for (i, want) in EXPECTED.iter().enumerate() {
        let r = head + 1 + i as u32;
        for (c, w) in want[..9].iter().enumerate() {
            assert_eq!(shown(&items, r, c as u32), *w, "Items ({r},{c})");
        }
    }
    // Numbers are numbers, at full precision; text is text.
    let first = head + 1;
    assert_eq!(text(&items, first, 1), FORMULA);
    assert_eq!(float(&items, first, 2), 3.0);
    assert!((float(&items, first, 4) - (2.0f64 / 3.0).sqrt()).abs() < 1e-9);
    assert_eq!(float(&items, first, 5), 3.0);
    assert_eq!(float(&items, first, 6), 0.0);
    assert_eq!(float(&items, first + 3, 6), -1.0);
    assert_eq!(float(&items, first + 4, 6), -0.5);
    assert_eq!(text(&items, first + 3, 1), NON_ASCII);
    assert_eq!(text(&items, first + 5, 2), NONE, "unscored: a dash");
    assert_eq!(float(&items, first + 5, 5), 0.0);

    // Summary: three headed tables.
    let summary = book.worksheet_range("Summary").expect("Summary");
    for (heading, first, rows) in [
        ("By phase", "Phase", &PHASES[..]),
        ("By rater group", "Rater group", &GROUPS[..]),
        ("By branch", "Branch", &BRANCHES[..]),
    ] {
        let h = row_of(&summary, heading);
        assert_eq!(text(&summary, h + 1, 0), first);
        for (c, t) in stat_columns(Lang::En).iter().enumerate() {
            assert_eq!(text(&summary, h + 1, 1 + c as u32), *t);
        }
        for (i, (name, mean, median, spread, count)) in rows.iter().enumerate() {
            let r = h + 2 + i as u32;
            assert_eq!(text(&summary, r, 0), *name, "{heading}");
            let got: Vec<String> = (1..5).map(|c| shown(&summary, r, c)).collect();
            let count_shown = format!("{:.1}", float(&summary, r, 4));
            assert_eq!(
                [&got[0], &got[1], &got[2], &count_shown],
                [
                    *mean,
                    *median,
                    *spread,
                    &format!("{:.1}", count.parse::<f64>().unwrap())
                ],
                "{heading}: {name}"
            );
        }
        assert!(text(&summary, h + 2 + rows.len() as u32, 0).is_empty());
    }

    // Heat map: items in the same order, a mean per branch.
    let heat = book.worksheet_range("Heat map").expect("Heat map");
    let head = row_of(&heat, "Item");
    assert_eq!(text(&heat, head, 1), "North");
    assert_eq!(text(&heat, head, 2), "Zürich Süd");
    assert_eq!(text(&heat, head, 3), "Inconsistency");
    for (i, want) in EXPECTED.iter().enumerate() {
        let r = head + 1 + i as u32;
        assert_eq!(text(&heat, r, 0), want[1]);
        for (c, w) in want[9..].iter().enumerate() {
            assert_eq!(shown(&heat, r, 1 + c as u32), *w, "Heat map ({r},{c})");
            if !w.is_empty() {
                assert!(matches!(
                    heat.get_value((r, 1 + c as u32)),
                    Some(Data::Float(_))
                ));
            }
        }
    }
    assert_eq!(float(&heat, head + 4, 1), 9.0);
    assert_eq!(float(&heat, head + 4, 2), 3.0);
    assert_eq!(float(&heat, head + 4, 3), 6.0);
    assert_eq!(text(&heat, head + 2, 2), NONE);

    // No formula in any sheet.
    for sheet in ["Items", "Summary", "Heat map"] {
        let formulas = book.worksheet_formula(sheet).expect("formula range");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formula in {sheet}"
        );
    }
}

#[test]
fn pdf_is_a4_landscape_with_every_item_and_branch() {
    let report = fixture();
    let branches = branches();
    let bytes = audit_pdf(&doc(&report, &branches), &Look::default()).expect("pdf");
    dump("audit.pdf", &bytes);
    assert!(assert_a4_landscape(&bytes) >= 1);
    let all = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    for t in [
        "Touchpoint audit",
        "Möbel Müller & Söhne · Spring 2026 · 2026-03-02 – 2026-03-20",
        "7 of 12 raters handed in",
        "Items, lowest-scoring first",
        "Change since last round",
        "Gap between groups",
        "By phase",
        "By rater group",
        "By branch",
        "Heat map: mean score per item and branch",
        "Inconsistency",
        "Staff 8.0 vs Friend 4.0 (4.0)",
        "⚑ gap ⚑ inconsistent",
        "6.0 ⚑",
        "from red (low) through yellow to green (high)",
    ] {
        assert!(all.contains(&squash(t)), "{t:?} in {all}");
    }
    for e in &EXPECTED {
        if e[1] == NON_ASCII {
            continue;
        }
        assert!(all.contains(&squash(e[1])), "item {:?}", e[1]);
        assert!(all.contains(&squash(e[0])), "phase {:?}", e[0]);
    }
    // The non-ASCII item: Latin and emoji in order, Hebrew letters in
    // either order (right-to-left text is drawn reordered).
    assert!(all.contains("Caféü😀"));
    let hebrew = "שלום";
    let reversed: String = hebrew.chars().rev().collect();
    assert!(all.contains(hebrew) || all.contains(&reversed), "Hebrew");
    assert!(!all.contains('\u{FFFD}'), "every character drawable");
    for (_, name) in &branches {
        assert!(all.contains(&squash(name)), "branch {name}");
    }
    // The items table, lowest first: each item's row in order.
    let rows: Vec<String> = EXPECTED[..5]
        .iter()
        .map(|e| squash(&format!("{}{}{}{}", e[1], e[2], e[3], e[4])))
        .collect();
    let mut at = 0;
    for (e, row) in EXPECTED.iter().zip(&rows) {
        if e[1] == NON_ASCII {
            continue;
        }
        let i = all[at..]
            .find(row.as_str())
            .unwrap_or_else(|| panic!("{row}"));
        at += i + row.len();
    }
}

#[test]
fn pdf_with_many_branches_and_items_runs_over_pages_and_splits_the_heat_map() {
    let items: Vec<ReportItem> = (1..=40)
        .map(|i| {
            item(
                i,
                &format!("Phase {}", i % 3),
                &format!(
                    "Item number {i:02} {}",
                    "with a long text ".repeat(i as usize % 7)
                ),
                Some(i),
            )
        })
        .collect();
    let branch_ids: Vec<Id> = (1..=20).map(|b| 1000 + b).collect();
    let scores: Vec<ScoreRow> = items
        .iter()
        .flat_map(|it| {
            branch_ids.iter().map(move |b| ScoreRow {
                item_id: it.id,
                branch_id: *b,
                group: RaterGroup::ALL[(*b as usize + it.id as usize) % 5],
                score: ((it.id + b) % 10 + 1) as u8,
            })
        })
        .collect();
    let r = report(&items, &scores, &branch_ids, &HashMap::new());
    let names: Vec<(Id, String)> = branch_ids
        .iter()
        .map(|b| (*b, format!("Branch-{b}")))
        .collect();
    let bytes = audit_pdf(&doc(&r, &names), &Look::default()).expect("pdf");
    assert!(assert_a4_landscape(&bytes) >= 4);
    let all = squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap());
    for (_, n) in &names {
        assert!(all.contains(n.as_str()), "{n}");
    }
    for it in &items {
        assert!(
            all.matches(&squash(&it.text)).count() >= 4,
            "{} in the items table and three heat-map tables",
            it.text
        );
    }
    for part in [
        "(branches1–8of20)",
        "(branches9–16of20)",
        "(branches17–20of20)",
    ] {
        assert!(all.contains(part), "{part}");
    }
    assert!(all.contains("(continued)"));

    // No branches, no items: still a document.
    let empty = report(&[], &[], &[], &HashMap::new());
    let bytes = audit_pdf(&doc(&empty, &[]), &Look::default()).expect("pdf");
    let text = squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap());
    assert!(text.contains("Thisroundhasnoitems."));
    assert!(audit_xlsx(&doc(&empty, &[]), &Look::default()).is_ok());
    let csv = String::from_utf8(audit_csv(&doc(&empty, &[]), &Look::default())).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
    assert_eq!(
        lines[..2],
        [ITEM_COLUMNS.join(",") + ",Inconsistency", ",".repeat(9)],
        "the header, then the summaries: no item"
    );
}

// ---------------------------------------------------------------- languages

fn records(bytes: &[u8], separator: u8) -> Vec<Vec<String>> {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM first");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(separator)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| {
            r.expect("valid CSV, every record as wide")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

const GERMAN_COLUMNS: [&str; 9] = [
    "Phase",
    "Punkt",
    "Mittelwert",
    "Median",
    "Streuung",
    "Anzahl",
    "Veränderung seit der letzten Runde",
    "Abstand zwischen Gruppen",
    "Hinweise",
];

#[test]
fn every_format_speaks_german_with_decimal_commas() {
    let report = fixture();
    let branches = branches();
    let d = doc(&report, &branches);
    let look = Look::new(Lang::De);

    // CSV: semicolons between fields, decimal commas, German words.
    let bytes = audit_csv(&d, &look);
    dump("audit-de.csv", &bytes);
    let records = records(&bytes, b';');
    assert_eq!(records[0][..9], GERMAN_COLUMNS);
    assert_eq!(
        records[0][9..],
        [
            "Mittelwert North",
            "Mittelwert Zürich Süd",
            "Uneinheitlichkeit"
        ]
    );
    // Every figure as in English, with a comma for the point.
    for (r, want) in EXPECTED.iter().enumerate() {
        for c in [2, 3, 4, 5, 6, 9, 10, 11] {
            assert_eq!(
                records[r + 1][c],
                want[c].replace('.', ","),
                "row {r}, column {c}"
            );
        }
    }
    assert_eq!(records[3][7], "Mitarbeitende 8,0 vs. Bekannte 4,0 (4,0)");
    assert_eq!(records[4][8], "⚑ Abstand, ⚑ uneinheitlich");
    assert_eq!(records[1][1], format!("'{FORMULA}"), "still neutralised");
    let at = |first: &str| {
        records
            .iter()
            .position(|r| r[0] == first)
            .unwrap_or_else(|| panic!("no record {first:?}"))
    };
    let h = at("Nach Bewertergruppe");
    assert_eq!(
        records[h + 1][..5],
        [
            "Bewertergruppe",
            "Mittelwert",
            "Median",
            "Streuung",
            "Anzahl"
        ]
    );
    assert_eq!(
        records[h + 2][..5],
        ["Mitarbeitende", "7,8", "8,0", "2,0", "5"]
    );
    at("Nach Phase");
    at("Nach Filiale");
    let h = at("Kommentare der Bewerter");
    assert_eq!(
        records[h + 1][..5],
        ["Phase", "Punkt", "Bewertergruppe", "Filiale", "Kommentar"]
    );
    assert_eq!(records[h + 2][2], "Mitarbeitende");

    // XLSX: German sheets and words; numbers stay numbers.
    let bytes = audit_xlsx(&d, &look).expect("xlsx");
    dump("audit-de.xlsx", &bytes);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    assert_eq!(
        book.sheet_names(),
        ["Punkte", "Übersicht", "Heatmap", "Kommentare"]
    );
    let items = book.worksheet_range("Punkte").unwrap();
    assert_eq!(
        text(&items, 0, 0),
        "Möbel Müller & Söhne · Spring 2026 · 2. März 2026 – 20. März 2026"
    );
    assert!(text(&items, 1, 0).starts_with(
        "7 von 12 Bewertern haben abgegeben (2 weitere Personen haben Antworten, aber noch nicht abgegeben; nicht gezählt) · "
    ));
    assert!(text(&items, 2, 0)
        .contains("⚑ Abstand: Die Mittelwerte zweier Bewertergruppen liegen um 2,0 Punkte"));
    let head = row_of(&items, "Phase");
    for (c, h) in GERMAN_COLUMNS.iter().enumerate() {
        assert_eq!(text(&items, head, c as u32), *h);
    }
    assert_eq!(float(&items, head + 1, 2), 3.0);
    assert_eq!(float(&items, head + 4, 6), -1.0);
    assert_eq!(
        text(&items, head + 3, 7),
        "Mitarbeitende 8,0 vs. Bekannte 4,0 (4,0)"
    );
    let summary = book.worksheet_range("Übersicht").unwrap();
    row_of(&summary, "Nach Phase");
    let heat = book.worksheet_range("Heatmap").unwrap();
    let head = row_of(&heat, "Punkt");
    assert_eq!(text(&heat, head, 3), "Uneinheitlichkeit");
    assert!(text(&heat, 1, 0).starts_with("Mittelwert je Punkt und Filiale"));
    let comments = book.worksheet_range("Kommentare").unwrap();
    let head = row_of(&comments, "Phase");
    assert_eq!(text(&comments, head, 2), "Bewertergruppe");

    // PDF.
    let bytes = audit_pdf(&d, &look).expect("pdf");
    dump("audit-de.pdf", &bytes);
    assert_a4_landscape(&bytes);
    let all = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    for t in GERMAN_COLUMNS[1..].iter().chain(&[
        "Touchpoint-Audit",
        "2. März 2026 – 20. März 2026",
        "7 von 12 Bewertern haben abgegeben",
        "Punkte, niedrigste Werte zuerst",
        "Nach Phase",
        "Nach Bewertergruppe",
        "Nach Filiale",
        "Heatmap: Mittelwert je Punkt und Filiale",
        "Uneinheitlichkeit",
        "Mitarbeitende 8,0 vs. Bekannte 4,0 (4,0)",
        "⚑ Abstand ⚑ uneinheitlich",
        "6,0 ⚑",
        "Kommentare der Bewerter",
        "Seite 1 von",
    ]) {
        assert!(all.contains(&squash(t)), "{t:?} in {all}");
    }
    // The items, lowest first, with German figures.
    assert!(
        all.contains(&squash(&format!("{FORMULA} 3,0 3,0 0,8 3 0,0"))),
        "{all}"
    );
}

#[test]
fn every_format_speaks_arabic_and_runs_right_to_left() {
    let report = fixture();
    let branches = branches();
    let d = doc(&report, &branches);
    let look = Look::new(Lang::Ar);

    // CSV: Arabic words; the numbers as a spreadsheet reads them.
    let bytes = audit_csv(&d, &look);
    dump("audit-ar.csv", &bytes);
    let records = records(&bytes, b',');
    assert_eq!(records[0][..9], item_columns(Lang::Ar));
    assert_eq!(records[0][..3], ["المرحلة", "البند", "المتوسط"]);
    assert_eq!(records[0][9], "المتوسط في North");
    for (r, want) in EXPECTED.iter().enumerate() {
        for c in [2, 3, 4, 5, 6, 9, 10, 11] {
            assert_eq!(records[r + 1][c], want[c], "row {r}, column {c}");
        }
    }
    assert_eq!(
        records[3][7], "موظف ٨٫٠ مقابل صديق ٤٫٠ (٤٫٠)",
        "text in Arabic digits"
    );
    assert!(records.iter().any(|r| r[0] == "حسب مجموعة المقيِّمين"));

    // XLSX: every sheet right to left, named and headed in Arabic.
    let bytes = audit_xlsx(&d, &look).expect("xlsx");
    dump("audit-ar.xlsx", &bytes);
    for n in 1..=4 {
        assert!(
            sheet_xml(&bytes, n).contains("rightToLeft=\"1\""),
            "sheet {n}"
        );
    }
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    assert_eq!(
        book.sheet_names(),
        ["البنود", "الملخص", "الخريطة الحرارية", "التعليقات"]
    );
    let items = book.worksheet_range("البنود").unwrap();
    assert!(
        text(&items, 1, 0).starts_with("سلّم ٧ من أصل ١٢ مقيِّمًا إجاباتهم"),
        "{}",
        text(&items, 1, 0)
    );
    let head = row_of(&items, "المرحلة");
    assert_eq!(text(&items, head, 8), "التنبيهات");
    assert_eq!(float(&items, head + 1, 2), 3.0, "numbers stay numbers");

    // PDF: Arabic headings, read back in either order.
    let bytes = audit_pdf(&d, &look).expect("pdf");
    dump("audit-ar.pdf", &bytes);
    assert_a4_landscape(&bytes);
    let all = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    for t in [
        "تدقيق نقاط الاتصال",
        "المرحلة",
        "المتوسط",
        "التغير منذ الجولة السابقة",
        "الفجوة بين المجموعات",
        "حسب المرحلة",
        // Words with marks (the shadda and kasra of المقيِّمين) read back
        // with their letters doubled: the words around them.
        "حسب مجموعة",
        "حسب الفرع",
        "الخريطة الحرارية: متوسط الدرجة لكل بند وفرع",
        "عدم الاتساق",
        "تعليقات",
        "مارس",
        "الصفحة",
    ] {
        assert!(has_rtl(&all, t), "{t:?} in {all}");
    }
    for t in ["٨٫٠", "٤٫٠", "+١٫٠", "٢٠٢٦"] {
        assert!(all.contains(t), "{t:?} in {all}");
    }
    assert!(!all.contains("Page") && !all.contains("Mean"));
    // The items table mirrored: its first column (phase) right of its last (flags).
    let runs = runs(&glyphs(&bytes), 1);
    let x = |t: &str| {
        runs.iter()
            .find(|(_, _, r)| squash(r) == visual(&squash(t)) || squash(r) == squash(t))
            .unwrap_or_else(|| panic!("{t:?} in {runs:?}"))
            .0
    };
    assert!(x("المرحلة") > x("التنبيهات") + 400.0);
}

#[test]
fn a_brand_heads_every_sheet_and_page_of_the_report() {
    let report = fixture();
    let branches = branches();
    let d = doc(&report, &branches);
    let look = Look::new(Lang::De).with_brand(brand());
    let bytes = audit_xlsx(&d, &look).expect("xlsx");
    dump("audit-brand.xlsx", &bytes);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    for name in book.sheet_names() {
        let sheet = book.worksheet_range(&name).unwrap();
        assert_eq!(text(&sheet, 0, 0), "Beratung Kluge & Partner", "{name}");
        assert!(
            text(&sheet, 1, 0).starts_with("Möbel Müller & Söhne"),
            "{name}"
        );
    }
    let items = book.worksheet_range("Punkte").unwrap();
    let head = row_of(&items, "Phase");
    assert_eq!(head, 5, "one row lower than without the brand");
    assert_eq!(float(&items, head + 1, 2), 3.0);

    let bytes = audit_pdf(&d, &look).expect("pdf");
    dump("audit-brand.pdf", &bytes);
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
    for page in &pages {
        assert!(squash(page).contains("BeratungKluge&Partner"), "{page}");
    }
    assert_eq!(images(&bytes), 1);
}

#[test]
fn the_english_constants_are_the_english_catalogue() {
    assert_eq!(item_columns(Lang::En), ITEM_COLUMNS);
    assert_eq!(comment_columns(Lang::En), COMMENT_COLUMNS);
    assert_eq!(inconsistency_column(Lang::En), INCONSISTENCY_COLUMN);
    assert_eq!(comments_heading(Lang::En), COMMENTS_HEADING);
    assert_eq!(gap_flag(Lang::En), GAP_FLAG);
    assert_eq!(inconsistent_flag(Lang::En), INCONSISTENT_FLAG);
    // One rater and one draft: the singular.
    let report = fixture();
    let mut d = doc(&report, &[]);
    d.responses = (1, 1);
    d.drafts = 1;
    assert_eq!(
        responses_line(&d, Lang::En),
        "1 of 1 rater handed in (1 more has answers not handed in, not counted)"
    );
    assert_eq!(
        responses_line(&d, Lang::De),
        "1 von 1 Bewerter hat abgegeben (1 weitere Person hat Antworten, aber noch nicht abgegeben; nicht gezählt)"
    );
    d.drafts = 0;
    assert_eq!(responses_line(&d, Lang::En), "1 of 1 rater handed in");
    assert_eq!(branch_name(&d, 12345, Lang::En), "Branch 12345");
}
