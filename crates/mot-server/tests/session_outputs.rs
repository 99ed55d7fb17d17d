//! What a session records reaches what people see and take away: everyone's
//! expectations beside the spread, the agreed expectation, "what happens now"
//! and issue in the summary, the planning form (every format, read back by
//! independent parsers) and the API; an action's ladder on the form; the
//! ratings so far in the journey's order; a follow-up's last rating while
//! assessing; and a session that starts at any step.

#[macro_use]
mod common;

use common::*;
use mot_core::date;
use mot_core::session::{Phase, SessionCommand, SessionSettings};
use mot_core::{Id, Moment};
use reqwest::StatusCode;
use serde_json::{json, Value};

// ---- helpers -------------------------------------------------------------------

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of an HTML fragment, tags left out.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(&out)
}

/// Asserts each needle occurs in `hay` after the one before it.
fn assert_in_order(hay: &str, needles: &[&str], what: &str) {
    let mut at = 0;
    for n in needles {
        match hay[at..].find(n) {
            Some(i) => at += i + n.len(),
            None => panic!("{what}: {n:?} missing or out of order in:\n{hay}"),
        }
    }
}

/// The API answer, checked.
fn check(got: (StatusCode, Value), status: StatusCode, what: &str) -> Value {
    assert_eq!(got.0, status, "{what}: {}", got.1);
    if !status.is_success() {
        assert_error_body(&got.1);
    }
    got.1
}

/// A fetch post answered 200.
async fn ok(res: reqwest::Response, what: &str) -> Value {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{what}: {text}");
    serde_json::from_str(&text).unwrap()
}

async fn panel(b: &Browser, jid: Id) -> String {
    ok_page(
        b.get(&format!("/j/{jid}/session-panel")).await,
        "the session panel",
    )
    .await
}

/// Moves a session one phase at a time to `target`, as the owner.
async fn move_to(app: &TestApp, w: &World, sid: Id, target: Phase) {
    loop {
        let now = app.store.team_session(w.ws, sid).await.unwrap().phase;
        if now == target {
            return;
        }
        let next = if now < target { now.next() } else { now.prev() }.unwrap();
        app.store
            .session_command(
                w.ws,
                sid,
                w.owner_actor(),
                "Owner",
                SessionCommand::ChangePhase {
                    expected: now,
                    target: next,
                },
            )
            .await
            .unwrap();
    }
}

async fn start(app: &TestApp, w: &World, title: &str) -> Id {
    app.store
        .start_session(
            w.ws,
            w.journey.id,
            w.owner_actor(),
            title,
            date::today(),
            SessionSettings::default(),
        )
        .await
        .unwrap()
        .id
}

/// A session on `moments` moved to Assess with them as its priorities.
async fn assessing(app: &TestApp, w: &World, title: &str, moments: &[&Moment]) -> Id {
    let sid = start(app, w, title).await;
    move_to(app, w, sid, Phase::Prioritise).await;
    app.store
        .session_command(
            w.ws,
            sid,
            w.owner_actor(),
            "Owner",
            SessionCommand::SetPriorities {
                moment_ids: moments.iter().map(|m| m.id).collect(),
            },
        )
        .await
        .unwrap();
    move_to(app, w, sid, Phase::Assess).await;
    sid
}

/// The planning form of a session in every format, as text a person reads:
/// (print page, CSV records, XLSX rows, PDF text without whitespace, Markdown).
struct Downloads {
    page: String,
    csv: Vec<Vec<String>>,
    xlsx: Vec<Vec<String>>,
    pdf: String,
    md: String,
}

async fn downloads(b: &Browser, jid: Id, sid: Id) -> Downloads {
    let base = format!("/j/{jid}/sessions/{sid}/form");
    let page = text_of(&ok_page(b.get(&base).await, "the print page").await);

    let res = b.get(&format!("{base}.csv")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..]);
    let csv: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect();

    let res = b.get(&format!("{base}.xlsx")).await;
    assert_eq!(res.status(), StatusCode::OK);
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes().await.unwrap().to_vec()))
            .expect("a workbook");
    let range = book
        .worksheet_range("Contact planning form")
        .expect("the sheet");
    let xlsx: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    other => panic!("a cell that is not text: {other:?}"),
                })
                .collect()
        })
        .collect();

    let res = b.get(&format!("{base}.pdf")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let pdf: String = pdf_extract::extract_text_from_mem(&res.bytes().await.unwrap())
        .expect("text")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();

    let md = ok_page(b.get(&format!("{base}.md")).await, "the Markdown").await;
    Downloads {
        page,
        csv,
        xlsx,
        pdf,
        md,
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The cell of `column` in the row of `moment`, in a table whose header row
/// holds "Moment of truth" (CSV, or one channel's part of the XLSX).
fn cell_of(rows: &[Vec<String>], moment: &str, column: &str) -> String {
    let mut header: Option<&Vec<String>> = None;
    for row in rows {
        if row.iter().any(|c| c == "Moment of truth") {
            header = Some(row);
            continue;
        }
        if let Some(h) = header {
            if row.iter().any(|c| c == moment) {
                let i = h
                    .iter()
                    .position(|c| c == column)
                    .unwrap_or_else(|| panic!("a {column:?} column in {h:?}"));
                return row.get(i).cloned().unwrap_or_default();
            }
        }
    }
    panic!("no row for {moment:?} in {rows:?}")
}

/// The Markdown table line of `moment`, with backslash escapes of
/// punctuation taken out (so the test reads the text, whatever is escaped).
fn md_row(md: &str, moment: &str) -> String {
    let mut plain = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(n)) if n.is_ascii_punctuation() => plain.push(chars.next().unwrap()),
            _ => plain.push(c),
        }
    }
    plain
        .lines()
        .find(|l| l.starts_with('|') && l.contains(moment))
        .unwrap_or_else(|| panic!("a row for {moment:?} in:\n{md}"))
        .to_string()
}

on_both! {
    async fn everyones_expectations_show_beside_the_spread_and_the_agreed_ones_reach_the_summary_form_and_api(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let m1 = w.note(&app.store, 0, "Store first impressions").await;
        let m2 = w.note(&app.store, 1, "Pays at the till").await;
        let sid = assessing(&app, &w, "March workshop", &[&m1, &m2]).await;
        let at = format!("/j/{jid}/sessions/{sid}");
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let ann = app.guest(&w.journey, "Ann").await;
        let bob = app.guest(&w.journey, "Bob").await;
        let m = m1.id.to_string();

        ok(ann.fetch(&at, &[("op", "rate"), ("moment_id", &m), ("rating", "miserable"), ("expectation", "A greeting within a minute"), ("reality", "Nobody looks up")]).await, "Ann rates").await;
        ok(bob.fetch(&at, &[("op", "rate"), ("moment_id", &m), ("rating", "magical"), ("expectation", "Finds the sofas alone"), ("reality", "")]).await, "Bob rates").await;
        // Private until the reveal.
        let before = text_of(&panel(&owner, jid).await);
        assert!(!before.contains("A greeting within a minute") && !before.contains("Nobody looks up"), "{before}");
        assert!(!text_of(&panel(&bob, jid).await).contains("Nobody looks up"));

        ok(owner.fetch(&at, &[("op", "reveal_ratings"), ("moment_id", &m)]).await, "reveal").await;
        // Everyone's answers, beside the spread, for everyone.
        for (who, b) in [("the facilitator", &owner), ("Bob", &bob)] {
            let p = text_of(&panel(b, jid).await);
            assert_in_order(&p, &["Store first impressions", "Miserable", "A greeting within a minute", "Nobody looks up", "Pays at the till"], who);
            assert_in_order(&p, &["Store first impressions", "Magical", "Finds the sofas alone", "Pays at the till"], who);
        }
        // The facilitator's form starts from the answers.
        let html = panel(&owner, jid).await;
        let form_at = html.find(r#"value="record_assessment""#).expect("the record form");
        let form = &html[form_at..form_at + html[form_at..].find("</form>").unwrap()];
        assert!(form.contains(&format!(r#"value="{m}""#)), "the form of the first moment: {form}");
        let form = text_of(form);
        for t in ["A greeting within a minute", "Finds the sofas alone", "Nobody looks up"] {
            assert!(form.contains(t), "{t} prefilled in: {form}");
        }

        // The facilitator records the agreed expectation, what happens now and the issue.
        let res = owner.submit(&at, &[("op", "record_assessment"), ("moment_id", &m), ("rating", "miserable"), ("expectation", "Greeted within a minute"), ("reality", "Staff stay at the till"), ("issue", "Nobody greets visitors")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        // Saving the rating again without those fields (an older form, the API) keeps them.
        check(app.api(&w.owner_token).post(&format!("/api/v1/sessions/{sid}/commands"), json!({"op": "record_assessment", "moment_id": m1.id, "rating": "miserable"})).await, StatusCode::OK, "rating only");
        ok(owner.fetch(&at, &[("op", "record_assessment"), ("moment_id", &m), ("rating", "miserable"), ("issue", "Nobody greets visitors")]).await, "the old form").await;

        // The API shows the assessment and everyone's answers.
        let st = check(app.api(&w.owner_token).get(&format!("/api/v1/sessions/{sid}")).await, StatusCode::OK, "state");
        let a = st["assessments"].as_array().expect("assessments").iter().find(|a| a["moment_id"] == m1.id).expect("the first moment's assessment").clone();
        assert_eq!((a["rating"].as_str(), a["expectation"].as_str(), a["reality"].as_str(), a["issue"].as_str(), a["revealed"].as_bool()),
            (Some("miserable"), Some("Greeted within a minute"), Some("Staff stay at the till"), Some("Nobody greets visitors"), Some(true)), "{a}");
        assert_eq!(a["spread"], json!({"miserable": 1, "neutral": 0, "magical": 1}));
        let answers = a["answers"].as_array().expect("answers");
        assert_eq!(answers.len(), 2, "{a}");
        assert!(answers.iter().any(|x| x["rating"] == "miserable" && x["expectation"] == "A greeting within a minute" && x["reality"] == "Nobody looks up"), "{a}");
        assert!(answers.iter().any(|x| x["rating"] == "magical" && x["expectation"] == "Finds the sofas alone"), "{a}");
        let other = st["assessments"].as_array().unwrap().iter().find(|a| a["moment_id"] == m2.id).expect("the second moment").clone();
        assert_eq!((other["revealed"].as_bool(), other["answers"].as_array().map(Vec::len)), (Some(false), Some(0)), "nothing before its reveal: {other}");

        // The session summary (wrap-up) shows what was agreed.
        move_to(&app, &w, sid, Phase::WrapUp).await;
        let p = text_of(&panel(&ann, jid).await);
        assert_in_order(&p, &["What we agreed", "Store first impressions", "Miserable", "Nobody greets visitors", "Greeted within a minute", "Staff stay at the till", "Pays at the till"], "the summary");

        // The planning form, in every format.
        let d = downloads(&ann, jid, sid).await;
        assert_in_order(&d.page, &["Store first impressions", "Greeted within a minute", "Staff stay at the till", "Nobody greets visitors", "Miserable"], "the print page");
        for (what, rows) in [("CSV", &d.csv), ("XLSX", &d.xlsx)] {
            assert_eq!(cell_of(rows, "Store first impressions", "Customers expect"), "Greeted within a minute", "{what}");
            assert_eq!(cell_of(rows, "Store first impressions", "What happens now"), "Staff stay at the till", "{what}");
            assert_eq!(cell_of(rows, "Store first impressions", "Issue / problem"), "Nobody greets visitors", "{what}");
            assert_eq!(cell_of(rows, "Pays at the till", "Customers expect"), "", "{what}");
        }
        assert_in_order(&d.pdf, &["Storefirstimpressions", "Greetedwithinaminute", "Staffstayatthetill", "Nobodygreetsvisitors", "Miserable"], "the PDF");
        assert_in_order(&md_row(&d.md, "Store first impressions"), &["Greeted within a minute", "Staff stay at the till", "Nobody greets visitors", "Miserable"], "the Markdown");
    }

    async fn an_actions_ladder_reaches_the_planning_form_in_order_with_dates_in_every_format(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let m1 = w.note(&app.store, 0, "Delivery").await;
        let sid = assessing(&app, &w, "Delivery review", &[&m1]).await;
        move_to(&app, &w, sid, Phase::SelectPlan).await;
        let api = app.api(&w.owner_token);
        let (d1, d2, due) = (day(30), day(200), day(400));
        check(api.post(&format!("/api/v1/sessions/{sid}/commands"), json!({
            "op": "save_action", "moment_id": m1.id, "what": "Deliver faster", "owner_name": "Dana", "due_on": due,
            "steps": [
                {"text": "Deliver in 10 days", "target_date": d1, "measure": "delivery time 10 days"},
                {"text": "Deliver in 7 days", "target_date": d2, "measure": "delivery time 7 days"},
                {"text": "Money-back guarantee if not in 7 days"}
            ]
        })).await, StatusCode::OK, "an action with a ladder");
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let d = downloads(&owner, jid, sid).await;
        let ladder = ["Deliver faster", "Dana", due.as_str(), "Deliver in 10 days", d1.as_str(), "delivery time 10 days", "Deliver in 7 days", d2.as_str(), "delivery time 7 days", "Money-back guarantee if not in 7 days"];
        assert_in_order(&d.page, &ladder, "the print page");
        for (what, rows) in [("CSV", &d.csv), ("XLSX", &d.xlsx)] {
            let action = cell_of(rows, "Delivery", "Action");
            assert_in_order(&action, &ladder, what);
            assert_eq!(action.lines().count(), 4, "{what}: the action and a line per step: {action:?}");
        }
        let squashed: Vec<String> = ladder.iter().map(|s| squash(s)).collect();
        assert_in_order(&d.pdf, &squashed.iter().map(String::as_str).collect::<Vec<_>>(), "the PDF");
        assert_in_order(&md_row(&d.md, "Delivery"), &ladder, "the Markdown");
    }

    async fn ratings_so_far_come_in_the_journeys_order_on_every_redraw(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        // Added out of the journey's order: ids do not follow it.
        let delivery = w.note(&app.store, 2, "Delivery arrives").await;
        let window = w.note(&app.store, 0, "Sees the window").await;
        let pays = w.note(&app.store, 1, "Pays at the till").await;
        let price = w.note(&app.store, 0, "Asks for a price").await;
        let help = w.note(&app.store, 1, "Asks for help").await;
        let sid = assessing(&app, &w, "First", &[&delivery, &window, &pays, &price, &help]).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let at = format!("/j/{jid}/sessions/{sid}");
        for (m, r) in [(&delivery, "neutral"), (&window, "miserable"), (&pays, "magical"), (&price, "neutral"), (&help, "miserable")] {
            ok(owner.fetch(&at, &[("op", "record_assessment"), ("moment_id", &m.id.to_string()), ("rating", r)]).await, "record").await;
        }
        start(&app, &w, "Follow-up").await;
        let order = ["Sees the window", "Asks for a price", "Pays at the till", "Asks for help", "Delivery arrives"];
        for _ in 0..8 {
            let p = text_of(&panel(&owner, jid).await);
            let so_far = &p[p.find("Ratings so far").expect("the ratings so far")..];
            assert_in_order(so_far, &order, "stage order, then note order");
        }
    }

    async fn a_follow_up_shows_last_times_rating_while_assessing(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let m1 = w.note(&app.store, 0, "Store first impressions").await;
        let m2 = w.note(&app.store, 1, "Pays at the till").await;
        let first = assessing(&app, &w, "First", &[&m1]).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        ok(owner.fetch(&format!("/j/{jid}/sessions/{first}"), &[("op", "record_assessment"), ("moment_id", &m1.id.to_string()), ("rating", "miserable")]).await, "record").await;

        let second = assessing(&app, &w, "Follow-up", &[&m1, &m2]).await;
        let guest = app.guest(&w.journey, "Gus").await;
        for b in [&owner, &guest] {
            let p = text_of(&panel(b, jid).await);
            assert_in_order(&p, &["Store first impressions", "Last time: Miserable", "Pays at the till"], "before rating again");
            assert!(!p[p.find("Pays at the till").unwrap()..].contains("Last time"), "a moment never rated shows no last time: {p}");
        }
        let st = check(app.api(&w.owner_token).get(&format!("/api/v1/sessions/{second}")).await, StatusCode::OK, "state");
        let a = st["assessments"].as_array().unwrap().iter().find(|a| a["moment_id"] == m1.id).unwrap().clone();
        assert_eq!(a["last_rating"], "miserable", "{a}");
        ok(owner.fetch(&format!("/j/{jid}/sessions/{second}"), &[("op", "record_assessment"), ("moment_id", &m1.id.to_string()), ("rating", "neutral")]).await, "record again").await;
        let p = text_of(&panel(&guest, jid).await);
        assert!(p.contains("Since last session: Miserable → Neutral"), "{p}");
    }

    async fn a_facilitator_whose_notes_exist_starts_a_session_at_any_step(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let m1 = w.note(&app.store, 0, "Store first impressions").await;
        let m2 = w.note(&app.store, 1, "Pays at the till").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let api = app.api(&w.owner_token);

        // The start form offers every step.
        let html = panel(&owner, jid).await;
        let form = &html[html.find(&format!(r#"action="/j/{jid}/sessions""#)).expect("the start form")..];
        for p in Phase::ALL {
            assert!(form.contains(&format!(r#"value="{}""#, p.key())), "{} offered: {form}", p.key());
        }

        // Straight to Prioritise, by the form.
        let res = owner.submit(&format!("/j/{jid}/sessions"), &[("title", "Prioritise now"), ("phase", "prioritise")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
        let first = app.store.sessions(w.ws, jid).await.unwrap()[0].clone();
        assert_eq!(first.phase, Phase::Prioritise);
        let p = text_of(&panel(&owner, jid).await);
        assert!(p.contains("dots left"), "the voting is open: {p}");

        // Assess and later need priorities: none were chosen yet, so they are refused.
        let body = check(api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "Ideas now", "phase": "ideas"})).await, StatusCode::CONFLICT, "no priorities to carry");
        assert!(body["error"]["message"].as_str().unwrap().contains("Prioritise"), "{body}");
        app.store.session_command(w.ws, first.id, w.owner_actor(), "Owner", SessionCommand::SetPriorities { moment_ids: vec![m2.id, m1.id] }).await.unwrap();

        // By the API, straight to Ideas: the priorities carry over.
        let s = check(api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "Ideas now", "phase": "ideas"})).await, StatusCode::CREATED, "start at ideas");
        assert_eq!(s["phase"], "ideas");
        let st = check(api.get(&format!("/api/v1/sessions/{}", s["id"])).await, StatusCode::OK, "state");
        assert_eq!(st["priorities"], json!([m2.id, m1.id]));
        let guest = app.guest(&w.journey, "Gus").await;
        ok(guest.fetch(&format!("/j/{jid}/sessions/{}", s["id"]), &[("op", "add_idea"), ("moment_id", &m1.id.to_string()), ("text", "A greeter")]).await, "an idea at once").await;
        let seq_before = w.journey_now(&app.store).await.last_seq;

        // Bad input and an empty board: clear refusals, nothing started.
        let empty = app.store.create_journey(w.ws, w.business.id, "Empty board", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        let body = check(api.post(&format!("/api/v1/journeys/{}/sessions", empty.id), json!({"title": "Too soon", "phase": "prioritise"})).await, StatusCode::CONFLICT, "an empty board");
        assert!(body["error"]["message"].as_str().unwrap().contains("Capture"), "{body}");
        check(api.post(&format!("/api/v1/journeys/{jid}/sessions"), json!({"title": "Party", "phase": "party"})).await, StatusCode::UNPROCESSABLE_ENTITY, "not a phase");
        refused(owner.submit(&format!("/j/{jid}/sessions"), &[("title", "Party"), ("phase", "party")]).await, StatusCode::UNPROCESSABLE_ENTITY, "not a phase, by form").await;
        refused(owner.submit(&format!("/j/{}/sessions", empty.id), &[("title", "Too soon"), ("phase", "colour_code")]).await, StatusCode::CONFLICT, "an empty board, by form").await;
        assert_eq!(app.store.sessions(w.ws, jid).await.unwrap().len(), 2);
        assert!(app.store.sessions(w.ws, empty.id).await.unwrap().is_empty());
        assert_eq!(w.journey_now(&app.store).await.last_seq, seq_before);
        // Capture needs nothing, as before.
        check(api.post(&format!("/api/v1/journeys/{}/sessions", empty.id), json!({"title": "From the start"})).await, StatusCode::CREATED, "capture");
    }
}
