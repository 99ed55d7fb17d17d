use super::*;
use crate::testing::{
    assert_a4_landscape, brand, dump, glyphs, has_rtl, images, runs, sheet_xml, squash, visual,
    LOGO_PNG,
};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use mot_core::session::{
    FormAction, FormChannel, FormGroup, FormRow, FormStep, PlanningForm, Rating,
};
use std::io::Cursor;
use time::macros::date;
use time::Date;

const NON_ASCII: &str = "Café ü 😀 שלום";
const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";
const LONG_END: &str = "zebra quokka narwhal";

/// About 3,000 characters, ending with [`LONG_END`].
fn long_description() -> String {
    let mut s = String::new();
    let mut n = 0;
    while s.len() < 2950 {
        n += 1;
        s.push_str(&format!(
            "Step {n}: the customer waits at the till while the card machine reconnects. "
        ));
    }
    s.push_str(LONG_END);
    s
}

#[allow(clippy::too_many_arguments)]
fn row(
    id: i64,
    moment: &str,
    description: &str,
    issue: &str,
    ranking: Option<Rating>,
    actions: Vec<FormAction>,
    priority: bool,
) -> FormRow {
    FormRow {
        moment_id: id,
        moment: moment.into(),
        description: description.into(),
        expectation: String::new(),
        reality: String::new(),
        issue: issue.into(),
        ranking,
        actions,
        priority,
    }
}

/// An action without a ladder.
fn act(what: &str, owner: &str, due: Option<Date>) -> FormAction {
    FormAction {
        what: what.into(),
        owner: owner.into(),
        due,
        steps: Vec::new(),
    }
}

/// A step of an action's ladder.
fn step(text: &str, target: Option<Date>, measure: &str, done: bool) -> FormStep {
    FormStep {
        text: text.into(),
        target,
        measure: measure.into(),
        done,
    }
}

/// A group's channel.
fn on_channel(name: &str, icon: &str) -> Option<FormChannel> {
    Some(FormChannel {
        name: name.into(),
        icon: icon.into(),
    })
}

/// The group's heading in English.
fn heading(group: &FormGroup) -> &str {
    group
        .channel
        .as_ref()
        .map_or("No channel yet", |c| c.name.as_str())
}

fn fixture() -> PlanningForm {
    use Rating::*;
    PlanningForm {
        business: "Möbel Müller & Söhne".into(),
        journey: "Buying a sofa".into(),
        session: "Spring review".into(),
        held_on: date!(2026 - 05 - 04),
        groups: vec![
            FormGroup {
                channel: on_channel("Store visit", "S"),
                rows: vec![
                    row(
                        1,
                        "Store first impressions",
                        "Customer walks in and looks for the department they want",
                        "Signage unclear; visitors can't see where to go in a 3-second look; we see them frowning",
                        Some(Miserable),
                        vec![
                            act(
                                "Generate three alternative signage designs",
                                "Ana Lima",
                                Some(date!(2026 - 05 - 20)),
                            ),
                            act(
                                "Ask frowning visitors what they look for, to choose the signs needed",
                                "Ben Cohen",
                                None,
                            ),
                        ],
                        true,
                    ),
                    row(
                        2,
                        NON_ASCII,
                        "Coffee corner at the entrance: crème brûlée, Straße pretzels",
                        "Queue | blocks the door",
                        Some(Magical),
                        vec![act("Keep the barista on Saturdays", "Dana Levi", None)],
                        true,
                    ),
                    row(
                        3,
                        "Paying at the till",
                        &long_description(),
                        "Card machine drops the connection",
                        Some(Neutral),
                        vec![
                            act("Replace the router", "IT", Some(date!(2026 - 06 - 01))),
                            act("Train staff to take cash meanwhile", "Eli", None),
                            act("Review in June", "Fay", None),
                        ],
                        false,
                    ),
                    row(
                        4,
                        "Returns desk",
                        "Customer brings back a damaged item",
                        FORMULA,
                        Some(Miserable),
                        vec![act("-5% voucher for the trouble", "Gus", None)],
                        false,
                    ),
                ],
            },
            FormGroup {
                channel: on_channel("Website", "W"),
                rows: vec![
                    row(
                        5,
                        "网上订购",
                        "顾客在网上选择沙发并付款。",
                        "付款页面太慢",
                        Some(Miserable),
                        vec![act("优化付款流程", "Hui", Some(date!(2026 - 06 - 15)))],
                        true,
                    ),
                    row(
                        6,
                        "Delivery slot booking",
                        "مرحبا: the customer picks a delivery day",
                        "+1 extra step to log in",
                        Some(Neutral),
                        vec![act("@web-team: remove the login step", "Web team", None)],
                        false,
                    ),
                    row(
                        7,
                        "Product page",
                        "Photos, sizes, fabric samples 🦄",
                        "Sizes in inches only",
                        None,
                        vec![],
                        false,
                    ),
                    row(
                        8,
                        "Order confirmation e-mail",
                        "Sent right after payment",
                        "",
                        Some(Magical),
                        vec![],
                        false,
                    ),
                ],
            },
            FormGroup {
                channel: None,
                rows: vec![
                    row(
                        9,
                        "Delivery day",
                        "Two people carry the sofa in",
                        "\tDrivers arrive unannounced",
                        Some(Miserable),
                        vec![act("Text the customer 30 minutes before", "Ivy", None)],
                        false,
                    ),
                    row(
                        10,
                        "\rAfter-sales call",
                        "A call a week later",
                        "",
                        None,
                        vec![FormAction {
                            steps: vec![
                                step("ask about the fabric", None, "", true),
                                step(
                                    "ask about the legs",
                                    Some(date!(2026 - 05 - 11)),
                                    "every call",
                                    false,
                                ),
                            ],
                            ..act("Script the call", "Jon", None)
                        }],
                        false,
                    ),
                    row(
                        11,
                        "Warranty claim",
                        "Customer reports a fault",
                        "The form asks for the order number nobody keeps",
                        Some(Neutral),
                        vec![],
                        false,
                    ),
                    row(
                        12,
                        "Ελληνικά & Кириллица",
                        "Greek and Cyrillic names",
                        "",
                        Some(Magical),
                        vec![],
                        false,
                    ),
                ],
            },
        ],
    }
}

/// The Action cell in English, independently of the exporter and its
/// catalogue: each action "what (who, by when)", then its ladder.
fn english_actions(row: &FormRow) -> String {
    let mut lines = Vec::new();
    for a in &row.actions {
        lines.push(match a.due {
            Some(d) => format!("{} ({}, by {d})", a.what, a.owner),
            None => format!("{} ({})", a.what, a.owner),
        });
        for (i, st) in a.steps.iter().enumerate() {
            let mut line = format!("  {}. {}", i + 1, st.text);
            if let Some(d) = st.target {
                line.push_str(&format!(", by {d}"));
            }
            if !st.measure.is_empty() {
                line.push_str(&format!(" ({})", st.measure));
            }
            if st.done {
                line.push_str(" ✓ done");
            }
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// The nine cells of every row, independently of the exporter.
fn expected_rows(form: &PlanningForm) -> Vec<[String; 9]> {
    let mut out = Vec::new();
    for g in &form.groups {
        for r in &g.rows {
            let ranking = match r.ranking {
                Some(Rating::Miserable) => "Miserable",
                Some(Rating::Neutral) => "Neutral",
                Some(Rating::Magical) => "Magical",
                None => "",
            };
            out.push([
                heading(g).to_string(),
                r.moment.clone(),
                r.description.clone(),
                r.expectation.clone(),
                r.reality.clone(),
                r.issue.clone(),
                ranking.to_string(),
                english_actions(r),
                if r.priority { "Yes" } else { "" }.to_string(),
            ]);
        }
    }
    out
}

#[test]
fn csv_has_a_bom_the_header_and_every_cell() {
    let form = fixture();
    let bytes = to_csv(&form, &Look::default());
    dump("form.csv", &bytes);
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM first");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(
        records[0],
        [
            "Channel",
            "Moment of truth",
            "Description",
            "Customers expect",
            "What happens now",
            "Issue / problem",
            "Ranking",
            "Action",
            "Priority"
        ]
    );
    let expected = expected_rows(&form);
    assert_eq!(records.len(), 1 + expected.len());
    assert_eq!(expected.len(), 12);
    for (got, want) in records[1..].iter().zip(&expected) {
        let want: Vec<String> = want
            .iter()
            .map(|c| {
                let risky = ["=", "+", "-", "@", "\t", "\r"]
                    .iter()
                    .any(|p| c.starts_with(p));
                if risky {
                    format!("'{c}")
                } else {
                    c.clone()
                }
            })
            .collect();
        assert_eq!(got, &want);
    }
    // The risky cells, spelled out.
    assert_eq!(records[4][5], format!("'{FORMULA}"));
    assert_eq!(records[4][7], "'-5% voucher for the trouble (Gus)");
    assert_eq!(records[6][5], "'+1 extra step to log in");
    assert_eq!(
        records[6][7],
        "'@web-team: remove the login step (Web team)"
    );
    assert_eq!(records[9][5], "'\tDrivers arrive unannounced");
    assert_eq!(records[10][1], "'\rAfter-sales call");
    // Untouched: non-ASCII, multi-line and long text.
    assert_eq!(records[2][1], NON_ASCII);
    assert_eq!(records[5][1], "网上订购");
    assert_eq!(records[3][2], long_description());
    assert_eq!(
        records[1][7],
        "Generate three alternative signage designs (Ana Lima, by 2026-05-20)\nAsk frowning visitors what they look for, to choose the signs needed (Ben Cohen)"
    );
    assert_eq!(records[1][6], "Miserable");
    assert_eq!(records[1][8], "Yes");
    assert_eq!(records[7][6], "");
}

/// The fixture with what the team agreed customers expect and what
/// happens now on two rows, one of them with a formula-like text.
fn fixture_with_expectations() -> PlanningForm {
    let mut form = fixture();
    let first = &mut form.groups[0].rows[0];
    first.expectation = "Finds the department at a glance".into();
    first.reality = "Walks around frowning".into();
    let returns = &mut form.groups[0].rows[3];
    returns.expectation = "=1+1 a refund on the spot".into();
    form
}

#[test]
fn the_issue_cell_labels_the_expectation_only_when_one_was_agreed() {
    let mut r = row(1, "Delivery", "", "Too slow", None, vec![], true);
    assert_eq!(
        issue_text(&r, Lang::En),
        "Too slow",
        "no labels without an expectation"
    );
    r.expectation = "A week at most".into();
    r.reality = "Two weeks".into();
    assert_eq!(
        issue_text(&r, Lang::En),
        "Customers expect: A week at most\nWhat happens now: Two weeks\nIssue: Too slow"
    );
}

#[test]
fn the_agreed_expectation_and_what_happens_now_are_in_every_format() {
    let form = fixture_with_expectations();
    let csv = to_csv(&form, &Look::default());
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(
        (records[0][3].as_str(), records[0][4].as_str()),
        ("Customers expect", "What happens now")
    );
    assert_eq!(
        (records[1][3].as_str(), records[1][4].as_str()),
        ("Finds the department at a glance", "Walks around frowning")
    );
    assert_eq!(
        records[4][3], "'=1+1 a refund on the spot",
        "neutralised like any cell"
    );
    assert_eq!(records[2][3], "");

    let bytes = to_xlsx(&form, &Look::default()).expect("xlsx");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    let range = book.worksheet_range("Contact planning form").unwrap();
    assert_eq!(
        (cell(&range, 3, 3), cell(&range, 3, 4)),
        (
            "Customers expect".to_string(),
            "What happens now".to_string()
        )
    );
    assert_eq!(cell(&range, 4, 3), "Finds the department at a glance");
    assert_eq!(cell(&range, 4, 4), "Walks around frowning");
    assert_eq!(
        cell(&range, 7, 3),
        "=1+1 a refund on the spot",
        "text, not a formula"
    );

    let md = to_markdown(&form, &Look::default());
    assert!(
        md.contains("| Customers expect: Finds the department at a glance<br>What happens now: Walks around frowning<br>Issue: Signage unclear"),
        "{md}"
    );

    let text = squash(
        &pdf_extract::extract_text_from_mem(&to_pdf(&form, &Look::default()).unwrap()).unwrap(),
    );
    assert_in_order(
        &text,
        [
            "Storefirstimpressions",
            "Customersexpect:Findsthedepartmentataglance",
            "Whathappensnow:Walksaroundfrowning",
            "Issue:Signageunclear",
        ],
    );
}

fn cell(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
    match range.get_value((r, c)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => panic!("cell ({r},{c}) is not text: {other:?}"),
    }
}

#[test]
fn xlsx_reads_back_cell_by_cell_as_text_not_formulas() {
    let form = fixture();
    let bytes = to_xlsx(&form, &Look::default()).expect("xlsx");
    dump("form.xlsx", &bytes);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Contact planning form"]);
    let range = book
        .worksheet_range("Contact planning form")
        .expect("the sheet");
    assert_eq!(
        cell(&range, 0, 0),
        "Möbel Müller & Söhne · Buying a sofa · Spring review · 2026-05-04"
    );
    let expected = expected_rows(&form);
    let mut r = 2;
    let mut i = 0;
    let mut formula_cell = None;
    for group in &form.groups {
        assert_eq!(cell(&range, r, 0), heading(group), "group heading row {r}");
        r += 1;
        for (c, h) in CSV_HEADER.iter().enumerate() {
            assert_eq!(cell(&range, r, c as u32), *h, "header row {r}");
        }
        r += 1;
        for _ in &group.rows {
            for (c, want) in expected[i].iter().enumerate() {
                if want == FORMULA {
                    formula_cell = Some((r, c as u32));
                }
                assert_eq!(&cell(&range, r, c as u32), want, "cell ({r},{c})");
            }
            r += 1;
            i += 1;
        }
        r += 1;
    }
    assert_eq!(i, 12);
    // Spelled out: non-ASCII, the long text whole, the formula as text.
    assert_eq!(cell(&range, 4, 1), "Store first impressions");
    assert_eq!(cell(&range, 5, 1), NON_ASCII);
    let long = cell(&range, 6, 2);
    assert_eq!(long.chars().count(), long_description().chars().count());
    assert!(long.ends_with(LONG_END));
    let (fr, fc) = formula_cell.expect("the formula-like cell");
    assert_eq!(cell(&range, fr, fc), FORMULA);
    let formulas = book
        .worksheet_formula("Contact planning form")
        .expect("formula range");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    assert!(formulas.get_value((fr, fc)).is_none_or(|f| f.is_empty()));
}

#[test]
fn xlsx_cuts_only_past_excels_cell_limit_and_says_so() {
    let mut form = fixture();
    form.groups[0].rows[0].description = "a".repeat(40_000);
    let bytes = to_xlsx(&form, &Look::default()).expect("xlsx");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    let range = book.worksheet_range("Contact planning form").unwrap();
    let text = cell(&range, 4, 2);
    assert_eq!(text.chars().count(), 32_767);
    assert!(text.ends_with("the CSV export has the full text]"));
}

#[test]
fn markdown_has_a_table_per_channel_with_escapes_and_stars() {
    let md = to_markdown(&fixture(), &Look::default());
    dump("form.md", md.as_bytes());
    assert!(md.starts_with("# Contact planning form\n"));
    assert!(md.contains("**Möbel Müller \\& Söhne** · Buying a sofa · Spring review · 2026-05-04"));
    for h in ["## Store visit", "## Website", "## No channel yet"] {
        assert!(md.contains(&format!("\n{h}\n")), "{h}");
    }
    let header = "| Moment of truth | Description | Issue / problem | Ranking | Action |";
    assert_eq!(md.matches(header).count(), 3);
    assert_eq!(md.matches("\n|---|---|---|---|---|\n").count(), 3);
    assert!(md.contains("| ★ Store first impressions | Customer walks in"));
    assert!(md.contains(&format!("| ★ {NON_ASCII} |")));
    assert!(md.contains("| ★ 网上订购 |"));
    assert!(
        md.contains("| Paying at the till |"),
        "no star without priority"
    );
    assert!(md.contains("Queue \\| blocks the door"));
    assert!(md.contains("(Ana Lima, by 2026-05-20)<br>Ask frowning visitors"));
    assert!(md.contains(
        "Script the call (Jon)<br>  1. ask about the fabric ✓ done<br>  2. ask about the legs, by 2026-05-11 (every call) |"
    ));
    assert!(md.contains("| Miserable |") && md.contains("| Magical |"));
    assert!(md.contains(LONG_END));
    // Every table line has exactly six unescaped pipes: no cell broke out.
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 3 * 2 + 12);
    for line in rows {
        let pipes = line.replace("\\|", "").matches('|').count();
        assert_eq!(pipes, 6, "{line}");
    }
}

#[test]
fn markdown_keeps_html_out() {
    let mut form = fixture();
    form.groups[0].rows[0].issue = "<script>alert(1)</script>".into();
    let md = to_markdown(&form, &Look::default());
    assert!(md.contains("&lt;script>alert(1)&lt;/script>"));
    assert!(!md.contains("<script>"));

    // A backslash before a pipe cannot unescape it.
    form.groups[0].rows[0].issue = r"C:\temp\|x".into();
    let md = to_markdown(&form, &Look::default());
    assert!(md.contains(r"| C:\\temp\\\|x |"), "{md}");
}

#[test]
fn markdown_shows_user_text_as_typed_and_makes_no_link_image_html_or_formatting() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let link = "[click](javascript:alert(1)) ![i](http://x.invalid/p.png)";
    let texts = [
        link,
        "<https://x.invalid/a> <img src=x onerror=alert(1)>",
        "*bold* __strong__ `code` ~~gone~~ ~sub~ ^sup^ $x^2$ [[Wiki]]",
        "[ref]: http://x.invalid/r [ref] [^1] ![also][ref]",
        "&lt;b&gt; &#x5b;x&#x5d;(http://x.invalid) \\[not\\](escaped)",
        "# not a heading | not a cell | - [ ] not a task",
        "see www.x.invalid, https://x.invalid/y or mail a@x.invalid",
    ];
    let mut form = fixture();
    form.business = link.into();
    form.journey = texts[2].into();
    form.session = texts[4].into();
    form.groups[0].channel = on_channel(link, "S");
    let row = &mut form.groups[0].rows[0];
    row.moment = texts[1].into();
    row.description = texts[3].into();
    row.issue = texts[5].into();
    row.actions = vec![act(texts[6], "Ana Lima", None), act(link, link, None)];
    form.groups[0].rows[1].moment = texts[0].into();
    let md = to_markdown(&form, &Look::default());
    dump("hostile.md", md.as_bytes());

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_DEFINITION_LIST;
    // Text of each block (heading, paragraph, cell), escapes undone.
    let mut shown = Vec::new();
    let mut current = String::new();
    let mut strong = 0;
    for event in Parser::new_ext(&md, options) {
        match event {
            Event::Start(Tag::Strong) => strong += 1,
            Event::Start(Tag::Link { dest_url, .. }) => {
                panic!("a link to {dest_url} in:\n{md}")
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                panic!("an image of {dest_url} in:\n{md}")
            }
            Event::Start(
                t @ (Tag::Emphasis
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::FootnoteDefinition(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item),
            ) => panic!("{t:?} from user text in:\n{md}"),
            Event::Html(h) | Event::InlineHtml(h) => {
                assert_eq!(&*h, "<br>", "only our own line breaks are HTML");
                current.push('\n');
            }
            Event::Code(c) | Event::InlineMath(c) | Event::DisplayMath(c) => {
                panic!("code or math {c:?} from user text in:\n{md}")
            }
            Event::FootnoteReference(r) => panic!("a footnote {r} in:\n{md}"),
            Event::TaskListMarker(_) => panic!("a task list in:\n{md}"),
            Event::Text(t) => current.push_str(&t),
            Event::End(_) => shown.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    assert_eq!(
        strong, 1,
        "only the business name in the title is bold:\n{md}"
    );
    for t in texts {
        assert!(
            shown.iter().any(|s| s.contains(t)),
            "{t:?} shown as typed in {shown:#?}"
        );
    }
    assert!(
        shown.contains(&format!("{} (Ana Lima)\n{link} ({link})", texts[6])),
        "{shown:#?}"
    );
    // Renderers that link bare addresses (GitHub's) find none either.
    let bare = md.replace("\\://", "");
    assert!(
        !bare.contains("://") && !md.contains("www.") && !md.contains("a@x"),
        "{md}"
    );
}

/// Each word occurs in `squashed` after the previous one.
fn assert_in_order<'a>(squashed: &str, words: impl IntoIterator<Item = &'a str>) {
    let mut at = 0;
    for w in words {
        match squashed[at..].find(w) {
            Some(i) => at += i + w.len(),
            None => panic!("{w:?} missing or out of order"),
        }
    }
}

#[test]
fn pdf_is_a4_landscape_with_extractable_text_on_several_pages() {
    let form = fixture();
    let bytes = to_pdf(&form, &Look::default()).expect("pdf");
    dump("form.pdf", &bytes);
    assert!(
        assert_a4_landscape(&bytes) >= 2,
        "the long row continues on a new page"
    );

    let by_page = pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("text");
    let by_page: Vec<String> = by_page.iter().map(|p| squash(p)).collect();
    let all = by_page.concat();
    assert!(all.contains("Contactplanningform"));
    assert!(all.contains(&squash(
        "Möbel Müller & Söhne · Buying a sofa · Spring review · 2026-05-04"
    )));
    for h in [
        "Moment of truth",
        "Description",
        "Issue / problem",
        "Ranking",
        "Action",
    ] {
        assert!(all.contains(&squash(h)), "{h}");
    }
    for g in &form.groups {
        assert!(all.contains(&squash(heading(g))), "{}", heading(g));
        for r in &g.rows {
            if r.moment == NON_ASCII {
                continue;
            }
            assert!(all.contains(&squash(&r.moment)), "moment {:?}", r.moment);
        }
    }
    // Latin with accents and the emoji DejaVu has, in order; Hebrew
    // letters present (visual order may reverse them).
    assert!(all.contains("Caféü😀"), "{all}");
    let hebrew = "שלום";
    let reversed: String = hebrew.chars().rev().collect();
    assert!(all.contains(hebrew) || all.contains(&reversed), "Hebrew");
    for c in "مرحبا".chars() {
        assert!(all.contains(c), "Arabic letter {c}");
    }
    for t in [
        "crèmebrûlée",
        "Straße",
        "顾客在网上选择沙发并付款。",
        "Ελληνικά&Кириллица",
        "★",
    ] {
        assert!(all.contains(t), "{t}");
    }
    // The unicorn comes from the embedded emoji font, not a placeholder.
    assert!(all.contains("samples🦄"), "{all}");
    assert!(!all.contains('\u{FFFD}'), "{all}");
    for r in ["Miserable", "Neutral", "Magical"] {
        assert!(all.contains(r), "{r}");
    }
    assert!(all.contains(&squash("Ask frowning visitors what they look for")));
    assert!(all.contains(&squash(FORMULA)));

    // The long description wraps and runs on to a later page, whole.
    let start = by_page
        .iter()
        .position(|p| p.contains("Payingatthetill"))
        .expect("the long row");
    let end = by_page
        .iter()
        .position(|p| p.contains(&squash(LONG_END)))
        .expect("the long description's last words");
    assert!(end > start, "last words on a later page ({start} → {end})");
    assert_in_order(&all, long_description().split_whitespace());
    assert!(by_page[end].contains("Storevisit(continued)"));
}

#[test]
fn pdf_prints_emoji_in_a_title_and_reads_them_back() {
    let mut form = fixture();
    let emoji = "🚚🦄👍🔥🎉🤝📦🧾🛋💬";
    form.groups[0].rows[0].moment = format!("Delivery {emoji} on time");
    form.groups[0].rows[1].issue = "Customers 😡 when it is late, 😍 when early".into();
    let bytes = to_pdf(&form, &Look::default()).expect("pdf");
    dump("form-emoji.pdf", &bytes);
    let text = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    assert!(
        text.contains(&squash(&format!("Delivery {emoji} on time"))),
        "{text}"
    );
    assert!(text.contains(&squash("Customers 😡 when it is late, 😍 when early")));
    assert!(!text.contains('\u{FFFD}'), "no placeholder: {text}");
    // Each emoji is drawn with a real glyph, not the .notdef box.
    for line in pdf::test_wrap(emoji, 500.0) {
        let (_, ids) = pdf::test_shaped(&line);
        assert!(!ids.contains(&0), "{:?} has a .notdef glyph", line.text);
    }
    // A script no embedded font has still shows the placeholder.
    form.groups[0].rows[0].moment = "한국어".into();
    let text =
        pdf_extract::extract_text_from_mem(&to_pdf(&form, &Look::default()).unwrap()).unwrap();
    assert!(text.contains('\u{FFFD}'));
}

#[test]
fn pdf_splits_a_row_taller_than_a_page_without_losing_words() {
    let mut form = fixture();
    // Same-length words, so none is a prefix of another.
    let words: Vec<String> = (0..3000).map(|i| format!("w{i:04}")).collect();
    form.groups[1].rows[1].actions = vec![act(&words.join(" "), "Web team", None)];
    form.groups[1].rows[2].description = "ж".repeat(1500);
    let bytes = to_pdf(&form, &Look::default()).expect("pdf");
    let text = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    let pages = pdf_extract::Document::load_mem(&bytes)
        .unwrap()
        .get_pages()
        .len();
    assert!(pages >= 6, "{pages} pages");
    assert_in_order(&text, words.iter().map(String::as_str));
    assert_eq!(
        text.matches('ж').count(),
        1500,
        "a long word broken, not cut"
    );
    assert!(text.contains("Website(continued)"));
}

#[test]
fn pdf_of_an_empty_form_and_odd_text_does_not_fail() {
    let mut form = fixture();
    form.groups.clear();
    let text =
        pdf_extract::extract_text_from_mem(&to_pdf(&form, &Look::default()).unwrap()).unwrap();
    assert!(squash(&text).contains("Nomoments"));

    let mut form = fixture();
    form.groups[0].rows[0].moment =
        "👩‍👩‍👧 🦄🏽 \u{0}\u{7}x\u{200D}\u{FE0F} עברית English עברית 123".into();
    form.groups[0].channel = on_channel("", "S");
    form.groups[0].rows[1].description = "\n\n\n".into();
    let text =
        pdf_extract::extract_text_from_mem(&to_pdf(&form, &Look::default()).unwrap()).unwrap();
    assert!(text.contains("English"));

    // Names longer than a page: headings and title run on, nothing loops.
    let mut form = fixture();
    form.business = "Business ".repeat(1500);
    form.groups[1].channel = on_channel(&"Channel ".repeat(2000), "W");
    form.groups[1].rows[0].description = long_description().repeat(3);
    let bytes = to_pdf(&form, &Look::default()).unwrap();
    let text = squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap());
    assert!(
        text.matches("Channel").count() > 2000,
        "whole, then continued"
    );
    assert!(text.contains("Channel…(continued)"));
    assert!(text.contains(&squash(LONG_END)));
}

#[test]
fn wrapped_lines_fit_their_width_and_keep_every_word() {
    let text = format!("{} {}", long_description(), "汉字测试。".repeat(40));
    for width in [60.0, 120.0, 176.0] {
        let lines = pdf::test_wrap(&text, width);
        assert!(lines.len() > 10);
        for l in &lines {
            assert!(
                pdf::test_width(&l.text) <= width,
                "{:?} wider than {width}",
                l.text
            );
        }
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(squash(&joined), squash(&text));
        // CJK punctuation never starts a line.
        assert!(lines.iter().all(|l| !l.text.starts_with('。')));
    }
    // As shaped for drawing, lines of every script stay within 1 pt of
    // the width they were wrapped to (the cells leave 1 pt of slack),
    // and no glyph is the font's .notdef box.
    let mixed = "مرحبا بكم في متجرنا، نتمنى لكم يوماً سعيداً ".repeat(6)
        + &"שלום לכולם, ברוכים הבאים ".repeat(6)
        + &"AVAVA Týpografie WAWA Straße ".repeat(6)
        + &"顾客在网上选择沙发并付款。".repeat(6)
        + "a\u{200F}b\u{202E}cd\u{202C} (\u{2067}x\u{2069})";
    for width in [60.0, 120.0, 176.0] {
        for line in pdf::test_wrap(&mixed, width) {
            let (w, ids) = pdf::test_shaped(&line);
            assert!(w <= width + 1.0, "{:?}: {w} > {width}", line.text);
            assert!(!ids.contains(&0), "{:?} has a .notdef glyph", line.text);
        }
    }
    let lines = pdf::test_wrap("Line one\n\nline three", 500.0);
    assert_eq!(
        lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
        ["Line one", "", "line three"]
    );
    assert!(pdf::test_wrap("שלום עולם", 500.0)[0].rtl);
}

// ---------------------------------------------------------------- languages

/// The CSV's records, read with the language's field separator.
fn csv_records(bytes: &[u8], separator: u8) -> Vec<Vec<String>> {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM first");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(separator)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

/// Headings and table headers of a Markdown text, by pulldown-cmark.
fn md_headings_and_header_cells(md: &str) -> (Vec<String>, Vec<String>) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let (mut headings, mut cells) = (Vec::new(), Vec::new());
    let (mut in_heading, mut in_head) = (false, false);
    let mut current = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                headings.push(std::mem::take(&mut current));
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::End(TagEnd::TableCell) if in_head => cells.push(std::mem::take(&mut current)),
            Event::Text(t) if in_heading || in_head => current.push_str(&t),
            _ => current.clear(),
        }
    }
    (headings, cells)
}

const GERMAN_HEADER: [&str; 9] = [
    "Kanal",
    "Moment der Wahrheit",
    "Beschreibung",
    "Kunden erwarten",
    "Was heute passiert",
    "Problem",
    "Bewertung",
    "Maßnahme",
    "Priorität",
];

#[test]
fn every_format_speaks_german() {
    let form = fixture_with_expectations();
    let look = Look::new(Lang::De);

    // CSV: German headings and words, separated by semicolons.
    let bytes = to_csv(&form, &look);
    dump("form-de.csv", &bytes);
    let records = csv_records(&bytes, b';');
    assert_eq!(records[0], GERMAN_HEADER);
    assert_eq!(records.len(), 13);
    assert!(records.iter().all(|r| r.len() == 9), "every record whole");
    assert_eq!(
        (records[1][6].as_str(), records[1][8].as_str()),
        ("Miserabel", "Ja")
    );
    assert_eq!(records[2][6], "Magisch");
    assert_eq!(records[3][6], "Neutral");
    assert_eq!(
        records[9][0], "Noch kein Kanal",
        "core's group without a channel"
    );
    assert_eq!(records[4][5], format!("'{FORMULA}"), "still neutralised");
    assert_eq!(
        records[1][3], "Finds the department at a glance",
        "user text as typed"
    );

    // XLSX: the sheet, title and header in German; the date written out.
    let bytes = to_xlsx(&form, &look).expect("xlsx");
    dump("form-de.xlsx", &bytes);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Kontaktplanungsformular"]);
    let range = book.worksheet_range("Kontaktplanungsformular").unwrap();
    assert_eq!(
        cell(&range, 0, 0),
        "Möbel Müller & Söhne · Buying a sofa · Spring review · 4. Mai 2026"
    );
    for (c, h) in GERMAN_HEADER.iter().enumerate() {
        assert_eq!(cell(&range, 3, c as u32), *h);
    }
    assert_eq!(cell(&range, 4, 6), "Miserabel");
    assert!(
        !sheet_xml(&bytes, 1).contains("rightToLeft"),
        "left to right"
    );

    // Markdown: the title, the channel headings and the table headers.
    let md = to_markdown(&form, &look);
    dump("form-de.md", md.as_bytes());
    let (headings, cells) = md_headings_and_header_cells(&md);
    assert_eq!(
        headings,
        [
            "Kontaktplanungsformular",
            "Store visit",
            "Website",
            "Noch kein Kanal"
        ]
    );
    assert_eq!(
        cells[..5],
        [
            "Moment der Wahrheit",
            "Beschreibung",
            "Problem",
            "Bewertung",
            "Maßnahme"
        ]
    );
    assert!(md.contains("· Spring review · 4. Mai 2026\n"), "{md}");
    assert!(md.contains(
        "| Kunden erwarten: Finds the department at a glance<br>Was heute passiert: Walks around frowning<br>Problem: Signage unclear"
    ));
    assert!(md.contains("| Miserabel |") && md.contains("| Magisch |"));
    let empty = PlanningForm {
        groups: Vec::new(),
        ..form.clone()
    };
    assert!(to_markdown(&empty, &look).contains("_Diese Customer Journey hat noch keine Momente._"));

    // PDF: German headings, ratings, page numbers and continuations.
    let bytes = to_pdf(&form, &look).expect("pdf");
    dump("form-de.pdf", &bytes);
    let pages = assert_a4_landscape(&bytes);
    let all = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    for t in GERMAN_HEADER[1..3]
        .iter()
        .chain(&["Problem", "Bewertung", "Maßnahme"])
        .chain(&[
            "Kontaktplanungsformular",
            "4. Mai 2026",
            "Miserabel",
            "Magisch",
            "Noch kein Kanal",
            "Store visit (Fortsetzung)",
            "Kunden erwarten: Finds the department",
            "Was heute passiert: Walks around frowning",
        ])
    {
        assert!(all.contains(&squash(t)), "{t:?} in {all}");
    }
    assert!(
        all.contains(&squash(&format!("Seite {pages} von {pages}"))),
        "{all}"
    );
    assert!(!all.contains("Page") && !all.contains("(continued)"));
}

const ARABIC_COLUMNS: [&str; 5] = ["لحظة الحقيقة", "الوصف", "المشكلة", "التقييم", "الإجراء"];

#[test]
fn every_format_speaks_arabic_and_the_pdf_and_sheet_run_right_to_left() {
    let form = fixture();
    let look = Look::new(Lang::Ar);

    // CSV: Arabic headings; commas, as Excel in Arabic locales reads them.
    let bytes = to_csv(&form, &look);
    dump("form-ar.csv", &bytes);
    let records = csv_records(&bytes, b',');
    assert_eq!(records[0], csv_header(Lang::Ar));
    assert_eq!(records[0][..3], ["القناة", "لحظة الحقيقة", "الوصف"]);
    assert_eq!(
        (records[1][6].as_str(), records[1][8].as_str()),
        ("بائس", "نعم")
    );
    assert_eq!(records[2][6], "ساحر");
    assert_eq!(records[9][0], "لا توجد قناة بعد");

    // XLSX: a right-to-left sheet with Arabic headings.
    let bytes = to_xlsx(&form, &look).expect("xlsx");
    dump("form-ar.xlsx", &bytes);
    assert!(
        sheet_xml(&bytes, 1).contains("rightToLeft=\"1\""),
        "a right-to-left sheet"
    );
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    assert_eq!(book.sheet_names(), ["نموذج تخطيط نقاط الاتصال"]);
    let range = book.worksheet_range("نموذج تخطيط نقاط الاتصال").unwrap();
    assert_eq!(
        cell(&range, 0, 0),
        "Möbel Müller & Söhne\u{200F} · \u{200F}Buying a sofa\u{200F} · \u{200F}Spring review\u{200F} · \u{200F}٤ مايو ٢٠٢٦"
    );
    assert_eq!(cell(&range, 3, 1), "لحظة الحقيقة");
    assert_eq!(cell(&range, 4, 6), "بائس");

    // Markdown.
    let md = to_markdown(&form, &look);
    dump("form-ar.md", md.as_bytes());
    let (headings, cells) = md_headings_and_header_cells(&md);
    assert_eq!(headings[0], "نموذج تخطيط نقاط الاتصال");
    assert_eq!(headings[3], "لا توجد قناة بعد");
    assert_eq!(cells[..5], ARABIC_COLUMNS);

    // PDF: the Arabic words, read back in either order.
    let bytes = to_pdf(&form, &look).expect("pdf");
    dump("form-ar.pdf", &bytes);
    assert_a4_landscape(&bytes);
    let all = squash(&pdf_extract::extract_text_from_mem(&bytes).expect("text"));
    for t in ARABIC_COLUMNS.iter().chain(&[
        "نموذج تخطيط نقاط الاتصال",
        "بائس",
        "محايد",
        "ساحر",
        "لا توجد قناة بعد",
        "مايو",
        "الصفحة",
        "(تتمة)",
    ]) {
        assert!(has_rtl(&all, t), "{t:?} in {all}");
    }
    assert!(all.contains("٢٠٢٦"), "Arabic digits");
    assert!(
        all.contains(&squash("Store first impressions")),
        "user text whole"
    );
    assert!(!all.contains("Page"));

    // Laid out right to left: the title sits at the right margin and the
    // first column (moment of truth) is right of the last (action); in
    // English the other way round.
    let first_and_last = |bytes: &[u8], first: &str, last: &str| {
        let runs = runs(&glyphs(bytes), 1);
        let x = |t: &str| {
            runs.iter()
                .find(|(_, _, r)| squash(r) == squash(t) || squash(r) == visual(&squash(t)))
                .unwrap_or_else(|| panic!("{t:?} in {runs:?}"))
                .0
        };
        (x(first), x(last))
    };
    let (moment, action) = first_and_last(&bytes, "الحقيقة", "الإجراء");
    assert!(moment > action + 400.0, "{moment} right of {action}");
    let english = to_pdf(&form, &Look::default()).unwrap();
    let (moment, action) = first_and_last(&english, "Moment of truth", "Action");
    assert!(moment + 400.0 < action, "{moment} left of {action}");
    let title = runs(&glyphs(&bytes), 1)
        .into_iter()
        .find(|(_, _, t)| has_rtl(&squash(t), "نموذج"))
        .expect("the title");
    assert!(
        title.0 > pdf::PAGE_W as f64 / 2.0,
        "the title on the right: {title:?}"
    );
}

#[test]
fn a_brand_heads_the_pdf_and_the_sheet() {
    let form = fixture();
    for lang in [Lang::En, Lang::Ar] {
        let look = Look::new(lang).with_brand(brand());
        let bytes = to_pdf(&form, &look).expect("pdf");
        dump(&format!("form-brand-{lang}.pdf"), &bytes);
        let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("text");
        assert!(pages.len() >= 2);
        for page in &pages {
            assert!(
                squash(page).contains("BeratungKluge&Partner"),
                "the brand on every page: {page}"
            );
        }
        assert_eq!(
            images(&bytes),
            1,
            "the logo, drawn on every page once embedded"
        );
        assert_eq!(images(&to_pdf(&form, &Look::new(lang)).unwrap()), 0);

        let bytes = to_xlsx(&form, &look).expect("xlsx");
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).unwrap();
        assert_eq!(
            cell(&range, 0, 0),
            "Beratung Kluge & Partner",
            "above the title"
        );
        assert!(cell(&range, 1, 0).starts_with("Möbel Müller & Söhne"));
        assert_eq!(cell(&range, 3, 0), "Store visit");
        assert_eq!(cell(&range, 4, 1), csv_header(lang)[1]);
        let xml = sheet_xml(&bytes, 1);
        assert!(
            xml.contains("Beratung Kluge &amp;&amp; Partner"),
            "in the printed header"
        );
        assert_eq!(xml.contains("rightToLeft"), lang == Lang::Ar);
    }
    // A logo that is no PNG is left out; the rest stays.
    let mut broken = brand();
    broken.logo = Some(b"\x89PNG\r\n\x1a\nnot really".to_vec());
    let bytes = to_pdf(&form, &Look::default().with_brand(broken.clone())).expect("pdf");
    assert_eq!(images(&bytes), 0);
    assert!(squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap()).contains("BeratungKluge"));
    // A PNG whose header reads but whose image does not decode, too.
    let mut cut = LOGO_PNG.to_vec();
    cut.truncate(40);
    broken.logo = Some(cut);
    let bytes = to_pdf(&form, &Look::default().with_brand(broken)).expect("pdf");
    assert_eq!(images(&bytes), 0);
}

#[test]
fn the_english_constants_are_the_english_catalogue() {
    assert_eq!(csv_header(Lang::En), CSV_HEADER);
    assert_eq!(form_columns(Lang::En), FORM_COLUMNS);
    assert_eq!(
        mot_i18n::tr!(Lang::En, "export-form-no-channel"),
        "No channel yet"
    );
    for lang in [Lang::De, Lang::Ar] {
        assert!(
            csv_header(lang).iter().all(|h| !h.starts_with("export-")),
            "{lang}"
        );
    }
}

/// A row whose action has a ladder (with a step taken, target dates and a
/// measure) and whose second action is due on a day.
fn ladder_row() -> FormRow {
    let deliver = FormAction {
        steps: vec![
            step(
                "Deliver in 10 days",
                Some(date!(2027 - 01 - 01)),
                "delivery time 10 days",
                true,
            ),
            step("Deliver in 7 days", Some(date!(2027 - 06 - 01)), "", false),
            step("Money-back guarantee if not in 7", None, "", false),
        ],
        ..act("Deliver faster", "Dana", None)
    };
    let call = act("Call ahead", "Dana", Some(date!(2026 - 12 - 16)));
    row(
        7,
        "Delivery",
        "",
        "Too slow",
        None,
        vec![deliver, call],
        true,
    )
}

#[test]
fn the_action_cell_words_each_action_and_its_ladder_in_the_language() {
    let row = ladder_row();
    assert_eq!(
        actions_text(&row, Lang::En),
        "Deliver faster (Dana)\n  1. Deliver in 10 days, by 2027-01-01 (delivery time 10 days) ✓ done\n  2. Deliver in 7 days, by 2027-06-01\n  3. Money-back guarantee if not in 7\nCall ahead (Dana, by 2026-12-16)"
    );
    assert_eq!(actions_text(&row, Lang::En), english_actions(&row));
    assert_eq!(
        actions_text(&row, Lang::De),
        "Deliver faster (Dana)\n  1. Deliver in 10 days, bis 1. Januar 2027 (delivery time 10 days) ✓ erledigt\n  2. Deliver in 7 days, bis 1. Juni 2027\n  3. Money-back guarantee if not in 7\nCall ahead (Dana, bis 16. Dezember 2026)"
    );
    assert_eq!(
        actions_text(&row, Lang::Ar),
        "Deliver faster (Dana)\n  ١. Deliver in 10 days، بحلول ١ يناير ٢٠٢٧ (delivery time 10 days) ✓ منجز\n  ٢. Deliver in 7 days، بحلول ١ يونيو ٢٠٢٧\n  ٣. Money-back guarantee if not in 7\nCall ahead (Dana، بحلول ١٦ ديسمبر ٢٠٢٦)"
    );
    // Every format writes the cell in its language.
    let form = PlanningForm {
        groups: vec![FormGroup {
            channel: None,
            rows: vec![row],
        }],
        ..fixture()
    };
    for lang in Lang::ALL {
        let look = Look::new(lang);
        let words = actions_text(&form.groups[0].rows[0], lang);
        let sep = if lang == Lang::De { b';' } else { b',' };
        let records = csv_records(&to_csv(&form, &look), sep);
        assert_eq!(records[1][7], words, "{lang} CSV");
        assert_eq!(
            records[1][0],
            mot_i18n::tr!(lang, "export-form-no-channel"),
            "{lang}"
        );
        let md = to_markdown(&form, &look);
        assert!(md.contains(&md_cell(&words)), "{lang} Markdown: {md}");
        let bytes = to_xlsx(&form, &look).expect("xlsx");
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
        let range = book
            .worksheet_range(mot_i18n::tr!(lang, "export-form-title"))
            .unwrap();
        assert_eq!(cell(&range, 4, 7), words, "{lang} XLSX");
    }
}
