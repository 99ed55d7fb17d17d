//! Right-to-left user text in the HTML: every title, name and text a person
//! typed is isolated from the text around it (`<bdi>`, an element of its own
//! with `dir="auto"`, or Unicode isolates inside an `<option>`), so an Arabic
//! title does not pull a vote count into it and a Hebrew title's "!" stays at
//! its end. Checked on the board, the session panel in each phase, the
//! contact planning form and the standards page.

#[macro_use]
mod common;

use common::*;
use mot_core::session::SessionSettings;
use mot_core::{date, BoardCommand, BoardEvent, Id, LiveEvent, Moment};
use reqwest::StatusCode;

const JOURNEY: &str = "رحلة الزبون";
const STAGE: &str = "מסירה";
const ARABIC: &str = "مرحبا بكم في المتجر";
const HEBREW: &str = "שלום!";
const GUEST_NOTE: &str = "الكنبة وصلت متأخرة";
const SESSION: &str = "סדנת מרץ";
const GUEST: &str = "دانة";
const ISSUE: &str = "הלקוח מחכה 10 דקות";
const IDEA: &str = "شاشة ترحيب";
const WHAT: &str = "לקצר את ההמתנה";
const OWNER: &str = "يوسف";

/// `html` cut to about `n` bytes either side of `at`, on character boundaries.
fn around(html: &str, at: usize, len: usize, n: usize) -> String {
    let mut start = at.saturating_sub(n);
    while !html.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + len + n).min(html.len());
    while !html.is_char_boundary(end) {
        end += 1;
    }
    html[start..end].to_string()
}

/// Asserts that `needle` is on the page and that every place it is drawn
/// isolates it: it is the whole content of a `<bdi>` or of an element with
/// `dir="auto"`, or sits between U+2068 and U+2069; as an attribute, it is
/// the `value` of a `dir="auto"` field (labels for screen readers and
/// tooltips are not drawn beside other text).
fn assert_isolated(html: &str, needle: &str, what: &str) {
    let mut found = 0;
    let mut bad = Vec::new();
    for (i, _) in html.match_indices(needle) {
        found += 1;
        let before = &html[..i];
        let after = &html[i + needle.len()..];
        let lt = before.rfind('<').expect("inside the page");
        let gt = before.rfind('>');
        if gt.is_none_or(|g| g < lt) {
            let tag_end = lt + html[lt..].find('>').expect("a closed tag");
            let tag = &html[lt..=tag_end];
            let attr = before[..before.rfind("=\"").expect("an attribute")]
                .rsplit([' ', '\n'])
                .next()
                .unwrap_or("");
            match attr {
                "value" if tag.contains(r#"dir="auto""#) => {}
                "aria-label" | "title" => {}
                _ => bad.push(around(html, i, needle.len(), 80)),
            }
            continue;
        }
        let g = gt.expect("text after a tag");
        let lead = &before[g + 1..];
        let trail = &after[..after.find('<').unwrap_or(after.len())];
        if lead.ends_with('\u{2068}') && trail.starts_with('\u{2069}') {
            continue;
        }
        let open = &before[lt..=g];
        let isolating =
            open == "<bdi>" || (!open.starts_with("</") && open.contains(r#"dir="auto""#));
        if !(lead.is_empty() && trail.is_empty() && isolating) {
            bad.push(around(html, i, needle.len(), 80));
        }
    }
    assert!(found > 0, "{what}: {needle:?} is not on the page:\n{html}");
    assert!(
        bad.is_empty(),
        "{what}: {needle:?} is not isolated from the text around it in {bad:#?}"
    );
}

async fn page(b: &Browser, path: &str) -> String {
    let res = b.get(path).await;
    let status = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body
}

async fn command(b: &Browser, at: &str, form: &[(&str, &str)]) {
    let res = b.fetch(at, form).await;
    let status = res.status();
    assert_eq!(
        status,
        StatusCode::OK,
        "{form:?}: {}",
        res.text().await.unwrap()
    );
}

fn added(c: mot_store::Committed) -> Moment {
    match c.event {
        LiveEvent::Board(BoardEvent::MomentAdded { moment }) => moment,
        other => panic!("unexpected event {other:?}"),
    }
}

on_both! {
    async fn right_to_left_user_text_is_isolated_on_the_board_in_every_session_phase_and_on_the_form(app) {
        let w = World::new(&app.store, "سوق").await;
        let s = &app.store;
        let journey = s
            .create_journey(w.ws, w.business.id, JOURNEY, &mot_server::workspace::service::new_join_code(), &mot_store::random_token())
            .await
            .unwrap();
        let jid = journey.id;
        let stages = s.stages(w.ws, jid).await.unwrap();
        s.apply(w.ws, jid, w.owner_actor(), &w.owner.name, BoardCommand::RenameStage { id: stages[0].id, name: STAGE.into() }).await.unwrap();
        let mut moments = Vec::new();
        for title in [ARABIC, HEBREW] {
            let c = s
                .apply(w.ws, jid, w.owner_actor(), &w.owner.name, BoardCommand::AddMoment { stage_id: stages[0].id, channel_id: None, title: title.into(), description: String::new() })
                .await
                .unwrap();
            moments.push(added(c));
        }
        let (arabic, hebrew): (Id, Id) = (moments[0].id, moments[1].id);
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let guest = app.guest(&journey, GUEST).await;
        // The note as it arrives live (the hub's frame) is isolated too.
        let since = s.journey(w.ws, jid).await.unwrap().last_seq;
        let mut live = open_live(&app, jid, since, &[("cookie", &owner.cookie_header())]).await.expect("the owner's live socket");
        assert_eq!(next_json(&mut live).await["type"], "ready");
        command(&guest, &format!("/j/{jid}/moments"), &[("stage_id", &stages[1].id.to_string()), ("title", GUEST_NOTE)]).await;
        let frame = next_json(&mut live).await;
        assert_eq!(frame["type"], "moment_added", "{frame}");
        assert_isolated(frame["html"].as_str().expect("the note's html"), GUEST_NOTE, "the live frame of a new note");

        let sid = s
            .start_session(w.ws, jid, w.owner_actor(), SESSION, date::today(), SessionSettings::default())
            .await
            .unwrap()
            .id;
        let at = format!("/j/{jid}/sessions/{sid}");
        let panel_path = format!("/j/{jid}/session-panel");
        for (from, to) in [("capture", "colour_code"), ("colour_code", "prioritise")] {
            command(&owner, &at, &[("op", "change_phase"), ("expected", from), ("target", to)]).await;
        }

        // Prioritise: the votes revealed, a count beside each title.
        command(&guest, &at, &[("op", "vote"), ("moment_id", &arabic.to_string())]).await;
        command(&guest, &at, &[("op", "vote"), ("moment_id", &hebrew.to_string())]).await;
        command(&owner, &at, &[("op", "vote"), ("moment_id", &arabic.to_string())]).await;
        command(&guest, &at, &[("op", "mark_done"), ("done", "true")]).await;
        command(&owner, &at, &[("op", "reveal_votes")]).await;
        command(&owner, &at, &[("op", "set_priorities"), ("moment_ids", &arabic.to_string()), ("moment_ids", &hebrew.to_string())]).await;
        let board = page(&owner, &format!("/j/{jid}")).await;
        assert!(board.contains("Votes revealed"), "{board}");
        for t in [JOURNEY, STAGE, ARABIC, HEBREW, GUEST_NOTE, SESSION, GUEST, "سوق Furniture"] {
            assert_isolated(&board, t, "the board in Prioritise");
        }
        let guest_board = page(&guest, &format!("/j/{jid}")).await;
        for t in [JOURNEY, ARABIC, HEBREW, GUEST, SESSION] {
            assert_isolated(&guest_board, t, "the guest's board");
        }

        // Assess: the agreed rating and its issue.
        command(&owner, &at, &[("op", "change_phase"), ("expected", "prioritise"), ("target", "assess")]).await;
        command(&guest, &at, &[("op", "rate"), ("moment_id", &arabic.to_string()), ("rating", "miserable")]).await;
        command(&owner, &at, &[("op", "reveal_ratings"), ("moment_id", &arabic.to_string())]).await;
        command(&owner, &at, &[("op", "record_assessment"), ("moment_id", &arabic.to_string()), ("rating", "miserable"), ("issue", ISSUE)]).await;
        let panel = page(&owner, &panel_path).await;
        for t in [ARABIC, HEBREW, ISSUE, SESSION] {
            assert_isolated(&panel, t, "the panel in Assess");
        }

        // Ideas, with their authors.
        command(&owner, &at, &[("op", "change_phase"), ("expected", "assess"), ("target", "ideas")]).await;
        command(&guest, &at, &[("op", "add_idea"), ("moment_id", &arabic.to_string()), ("text", IDEA)]).await;
        let panel = page(&owner, &panel_path).await;
        for t in [ARABIC, HEBREW, IDEA, GUEST] {
            assert_isolated(&panel, t, "the panel in Ideas");
        }

        // Select & plan: an action, its owner and its moment.
        command(&owner, &at, &[("op", "change_phase"), ("expected", "ideas"), ("target", "select_plan")]).await;
        let idea = s.session_view(w.ws, sid, w.owner_actor().author()).await.unwrap().ideas[0].id;
        command(&owner, &at, &[("op", "pick_idea"), ("idea_id", &idea.to_string()), ("picked", "true")]).await;
        command(&owner, &at, &[("op", "save_action"), ("moment_id", &arabic.to_string()), ("what", WHAT), ("owner_name", OWNER)]).await;
        let panel = page(&owner, &panel_path).await;
        for t in [ARABIC, HEBREW, IDEA, WHAT, OWNER] {
            assert_isolated(&panel, t, "the panel in Select & plan");
        }

        // Wrap-up, the planning form and the standards.
        command(&owner, &at, &[("op", "change_phase"), ("expected", "select_plan"), ("target", "wrap_up")]).await;
        let panel = page(&owner, &panel_path).await;
        for t in [WHAT, OWNER, ARABIC] {
            assert_isolated(&panel, t, "the panel in Wrap-up");
        }
        let form = page(&owner, &format!("{at}/form")).await;
        for t in [JOURNEY, SESSION, ARABIC, HEBREW, ISSUE] {
            assert_isolated(&form, t, "the planning form");
        }
        let standards = page(&owner, &format!("/j/{jid}/standards")).await;
        for t in [JOURNEY, ARABIC, HEBREW] {
            assert_isolated(&standards, t, "the standards");
        }
    }
}

#[test]
fn the_check_tells_isolated_text_from_text_beside_other_text() {
    let ok = concat!(
        r#"<li><span>#1</span> <bdi>שלום!</bdi> — <strong>2</strong></li><p dir="auto">שלום!</p>"#,
        r#"<input dir="auto" value="שלום!"><option>"#,
        "\u{2068}שלום!\u{2069} · x</option>",
        r#"<li aria-label="שלום!, x">"#
    );
    assert_isolated(ok, HEBREW, "isolated");
    for bad in [
        "<li><span>#1</span> שלום! — <strong>2</strong></li>",
        "<p>שלום!</p>",
        r#"<p dir="auto">Title: שלום!</p>"#,
        r#"<input value="שלום!">"#,
        "<bdi>x</bdi>שלום!",
    ] {
        let caught = std::panic::catch_unwind(|| assert_isolated(bad, HEBREW, "bad"));
        assert!(caught.is_err(), "{bad} passed");
    }
}
