//! Customer feedback: the team asks customers about a moment, a customer
//! answers on a public page without an account, and the figures say how
//! many answers stand behind them.

#[macro_use]
mod common;

use common::*;
use mot_core::feedback::{Answer, Tally, Verdict};
use mot_core::Role;
use reqwest::StatusCode;

/// The token at the end of a feedback link on the point's page.
fn token_in(html: &str) -> String {
    let at = html.find("/f/").expect("a feedback link on the page") + 3;
    html[at..at + 32].to_string()
}

/// Asks customers about the world's first note at `branch` as the owner;
/// answers the point's id and token.
async fn ask(app: &TestApp, w: &World, branch: &str) -> (i64, String) {
    let note = w.note(&app.store, 0, "Delivery day").await;
    let owner = app.signed_in(w.ws, w.owner.id).await;
    let res = owner
        .submit(
            &format!("/j/{}/feedback/ask", w.journey.id),
            &[("moment_id", &note.id.to_string()), ("branch_id", branch)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id: i64 = location(&res)
        .trim_start_matches("/feedback/")
        .parse()
        .unwrap();
    let page = ok_page(
        owner.get(&format!("/feedback/{id}")).await,
        "the point's page",
    )
    .await;
    assert!(page.contains("<svg"), "the QR code is on the page");
    (id, token_in(&page))
}

async fn tally(app: &TestApp, w: &World) -> Tally {
    let today = mot_store::feedback_today();
    let rows = app
        .store
        .feedback_tallies(w.ws, w.journey.id, (today - 1, today))
        .await
        .unwrap();
    let mut t = Tally::default();
    for r in rows {
        t.merge(&r.tally);
    }
    t
}

on_both! {
    async fn the_owner_prints_table_cards_and_a_poster_with_the_points_link(app) {
        let w = World::new(&app.store, "Acme").await;
        let (id, token) = ask(&app, &w, "").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get(&format!("/feedback/{id}")).await, "the point").await;
        assert!(page.contains(&format!("/feedback/{id}/sheet.pdf?size=a6")) && page.contains(&format!("/feedback/{id}/sheet.pdf?size=a4")));
        let text_of = |pdf: &[u8]| -> String { pdf_extract::extract_text_from_mem(pdf).unwrap().split_whitespace().collect::<Vec<_>>().join(" ") };
        for (size, copies) in [("a6", 4), ("a4", 1)] {
            let res = owner.get(&format!("/feedback/{id}/sheet.pdf?size={size}")).await;
            assert_eq!(res.status(), StatusCode::OK, "{size}");
            assert_eq!(content_type(&res), "application/pdf");
            let text = text_of(&res.bytes().await.unwrap());
            assert_eq!(text.matches("Acme").count(), copies, "{size}: the business on every card: {text}");
            assert_eq!(text.matches("Delivery day").count(), copies, "{size}: the question");
            assert_eq!(text.matches(&token).count(), copies, "{size}: the link under the code");
        }
        // In German when the owner reads German.
        let res = owner.client.get(owner.url(&format!("/feedback/{id}/sheet.pdf"))).header("accept-language", "de").send().await.unwrap();
        let text = text_of(&res.bytes().await.unwrap());
        assert!(text.contains(mot_i18n::text(mot_i18n::Lang::De, "export-sheet-scan")), "{text}");
        refused(owner.get(&format!("/feedback/{id}/sheet.pdf?size=a3")).await, StatusCode::UNPROCESSABLE_ENTITY, "a size that is not offered").await;
        let member = w.person(&app.store, Role::Member).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        refused(member.get(&format!("/feedback/{id}/sheet.pdf")).await, StatusCode::FORBIDDEN, "a member printing").await;
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.get(&format!("/feedback/{id}/sheet.pdf")).await, StatusCode::NOT_FOUND, "another workspace's point").await;
    }

    async fn every_answer_of_a_period_is_taken_away_as_csv_and_excel(app) {
        let w = World::new(&app.store, "Acme").await;
        let (_, token) = ask(&app, &w, "").await;
        let said = |v: Verdict, c: &str| Answer { verdict: v, reason: None, comment: c.to_string() };
        app.store.answer_feedback(&token, said(Verdict::Better, "=1+1 lovely"), "en", "a").await.unwrap();
        app.store.answer_feedback(&token, said(Verdict::Worse, ""), "en", "b").await.unwrap();
        app.store.answer_feedback_flagged(&token, said(Verdict::Better, "spam"), "en", "c", "honeypot").await.unwrap();
        let long_ago = (mot_store::feedback_today() - 200) * 86_400_000;
        app.store.answer_feedback_at(&token, said(Verdict::Worse, "old"), "en", "d", long_ago).await.unwrap();
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let res = owner.get(&format!("/j/{}/feedback/answers.csv", w.journey.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let bytes = res.bytes().await.unwrap();
        let records: Vec<Vec<String>> = csv::ReaderBuilder::new().has_headers(true).from_reader(&bytes[3..]).records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
        assert_eq!(records.len(), 3, "the last 90 days, flagged ones too, not the old one: {records:?}");
        assert_eq!((records[0][1].as_str(), records[0][3].as_str(), records[0][5].as_str()), ("Delivery day", "Better", "'=1+1 lovely"));
        assert_eq!(records[2][6], "flagged, not counted");
        let res = owner.get(&format!("/j/{}/feedback/answers.xlsx?days=365", w.journey.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes().await.unwrap().to_vec())).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!(sheet.height(), 5, "a header and four answers over a year");
        // The figures page offers the Excel file while it can be made, and
        // says why not once the period holds more answers than it takes.
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "the figures").await;
        assert!(page.contains("/feedback/answers.xlsx?"), "{page}");
        let moment: i64 = sqlx::Row::get(&sqlx::query("SELECT moment_id FROM feedback_answers LIMIT 1").fetch_one(app.store.pool()).await.unwrap(), 0);
        // As if 100,000 more had come in lately: the figures read the
        // running totals.
        sqlx::query("UPDATE feedback_running SET worse = worse + 100000 WHERE moment_id = $1 AND day > $2")
            .bind(moment).bind(mot_store::feedback_today() - 30)
            .execute(app.store.pool()).await.unwrap();
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "the figures").await;
        assert!(!page.contains("/feedback/answers.xlsx?"), "no link to a file that would be refused");
        assert!(page.contains("/feedback/answers.csv?") && page.contains("too many for a spreadsheet file"), "{page}");
        for bad in ["answers.pdf", "answers.csv?days=0"] {
            let status = owner.get(&format!("/j/{}/feedback/{bad}", w.journey.id)).await.status();
            assert!(status == StatusCode::NOT_FOUND || status == StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {status}");
        }
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.get(&format!("/j/{}/feedback/answers.csv", w.journey.id)).await, StatusCode::NOT_FOUND, "another workspace's answers").await;
    }

    async fn a_csv_of_more_answers_than_a_page_holds_has_each_of_them_once(app) {
        let w = World::new(&app.store, "Acme").await;
        let (_, token) = ask(&app, &w, "").await;
        // 12,345 answers: the file is written 5,000 at a time.
        let n = 12_345usize;
        let store = &app.store;
        for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
            futures_util::future::join_all(chunk.iter().map(|i| {
                let verdict = Verdict::ALL[i % 3];
                let token = token.clone();
                async move {
                    let said = Answer { verdict, reason: None, comment: format!("answer {i}") };
                    store.answer_feedback(&token, said, "en", &format!("k{i}")).await.unwrap();
                }
            }))
            .await;
        }
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let res = owner.get(&format!("/j/{}/feedback/answers.csv", w.journey.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF") && !bytes[3..].windows(3).any(|b| b == b"\xEF\xBB\xBF"), "one byte-order mark, at the start");
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&bytes[3..]);
        assert_eq!(reader.headers().unwrap().get(1), Some("Moment"));
        let comments: Vec<String> = reader.records().map(|r| r.unwrap()[5].to_string()).collect();
        assert_eq!(comments.len(), n, "every answer, once");
        let mut seen: Vec<usize> = comments.iter().map(|c| c.trim_start_matches("answer ").parse().unwrap()).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..n).collect::<Vec<_>>(), "each answer once");
    }

    async fn a_moment_worse_than_its_past_raises_an_alert_and_its_trend_shows_why(app) {
        let w = World::new(&app.store, "Acme").await;
        let (id, token) = ask(&app, &w, "").await;
        let moment = app.store.feedback_point_by_id(w.ws, id).await.unwrap().moment_id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let answer = |v: Verdict| Answer { verdict: v, reason: None, comment: String::new() };
        let day_ms = 86_400_000i64;
        let today = mot_store::feedback_today();
        let mut n = 0;
        let mut give = |days_ago: i64, v: Verdict, count: usize| {
            let mut keys = Vec::new();
            for _ in 0..count {
                n += 1;
                keys.push((format!("t{n}"), (today - days_ago) * day_ms + 3_600_000, v));
            }
            keys
        };
        // Eight steady weeks: 2 worse, 12 as expected, 6 better a week.
        let mut all = Vec::new();
        for week in 1..=8 {
            all.extend(give(7 * week, Verdict::Worse, 2));
            all.extend(give(7 * week, Verdict::AsExpected, 12));
            all.extend(give(7 * week, Verdict::Better, 6));
        }
        // Two weeks first: too few for a usual range, which is not shown.
        for (key, at, v) in &all[..40] {
            app.store.answer_feedback_at(&token, answer(*v), "en", key, *at).await.unwrap();
        }
        let trend = ok_page(owner.get(&format!("/j/{}/feedback/m/{moment}?by=week", w.journey.id)).await, "two weeks").await;
        assert!(trend.contains("The usual range is shown once at least 3 periods have answers"), "{trend}");
        assert!(!trend.contains("stroke-dasharray") && trend.contains(r#"<text class="axis""#), "no limits drawn, the scale said: {trend}");
        for (key, at, v) in &all[40..] {
            app.store.answer_feedback_at(&token, answer(*v), "en", key, *at).await.unwrap();
        }
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "figures").await;
        assert!(!page.contains("More customers say worse"), "steady weeks raise nothing");
        // This week, half say worse: an alert, and the trend shows the week beyond its range.
        for i in 0..10 {
            let v = if i < 5 { Verdict::Worse } else { Verdict::AsExpected };
            app.store.answer_feedback(&token, answer(v), "en", &format!("now{i}")).await.unwrap();
        }
        check_alerts(&app.store).await;
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "figures").await;
        assert!(page.contains("More customers say worse than this moment's past explains."), "{page}");
        let trend = ok_page(owner.get(&format!("/j/{}/feedback/m/{moment}?by=week", w.journey.id)).await, "the trend").await;
        assert!(trend.contains("<svg"), "a chart");
        // The alert on the trend leads to where it is decided.
        assert!(trend.contains(&format!(r#"<a href="/j/{}/feedback#alerts">What to do about it</a>"#, w.journey.id)), "{trend}");
        assert!(trend.contains("stroke-dasharray") && !trend.contains("The usual range is shown once"), "nine weeks: the limits drawn");
        assert_eq!(trend.matches("beyond the usual range").count(), 1, "only this week is beyond its range");
        assert!(trend.contains("50 %"), "this week's share of worse");
        let months = ok_page(owner.get(&format!("/j/{}/feedback/m/{moment}?by=month", w.journey.id)).await, "by month").await;
        assert!(months.contains("month from"), "{months}");
        refused(owner.get(&format!("/j/{}/feedback/m/{moment}?by=year", w.journey.id)).await, StatusCode::UNPROCESSABLE_ENTITY, "a period that is not one").await;
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.get(&format!("/j/{}/feedback/m/{moment}", w.journey.id)).await, StatusCode::NOT_FOUND, "another workspace's trend").await;
    }

    async fn each_branch_has_its_own_trend_and_its_alert_links_to_it(app) {
        let w = World::new(&app.store, "Acme").await;
        let moment = w.note(&app.store, 0, "Delivery day").await.id;
        let harbour = app.store.add_branch(w.ws, w.business.id, "Harbour Street").await.unwrap().id;
        let mall = app.store.add_branch(w.ws, w.business.id, "Mall").await.unwrap().id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let answer = |v: Verdict| Answer { verdict: v, reason: None, comment: String::new() };
        let (day_ms, today) = (86_400_000i64, mot_store::feedback_today());
        let mut n = 0;
        for branch in [harbour, mall] {
            let token = app.store.feedback_point(w.ws, moment, Some(branch)).await.unwrap().token;
            // Eight steady weeks at each branch: 2 worse, 12 as expected, 6 better.
            for week in 1..=8 {
                for (v, count) in [(Verdict::Worse, 2), (Verdict::AsExpected, 12), (Verdict::Better, 6)] {
                    for _ in 0..count {
                        n += 1;
                        app.store.answer_feedback_at(&token, answer(v), "en", &format!("b{n}"), (today - 7 * week) * day_ms + 3_600_000).await.unwrap();
                    }
                }
            }
            // This week, half of Harbour Street's customers say worse; the mall's stay as they were.
            let now = if branch == harbour { [Verdict::Worse; 5].to_vec() } else { [Verdict::AsExpected; 5].to_vec() };
            for v in now.into_iter().chain([Verdict::AsExpected; 5]) {
                n += 1;
                app.store.answer_feedback(&token, answer(v), "en", &format!("b{n}")).await.unwrap();
            }
        }
        let trend = |q: String| {
            let owner = &owner;
            let path = format!("/j/{}/feedback/m/{moment}?by=week{q}", w.journey.id);
            async move { ok_page(owner.get(&path).await, &path).await }
        };
        let at_harbour = trend(format!("&branch={harbour}")).await;
        assert_eq!(at_harbour.matches("beyond the usual range").count(), 1, "Harbour Street's week is beyond its range");
        assert!(at_harbour.contains(&format!(r#"<option value="{harbour}" selected>Harbour Street"#)), "the branch shown is picked");
        assert!(at_harbour.contains(&format!("?by=month&amp;branch={harbour}")), "by month keeps the branch");
        assert_eq!(trend(format!("&branch={mall}")).await.matches("beyond the usual range").count(), 0, "the mall's is not");
        assert!(trend("&branch=all".into()).await.contains("No answers in this time yet"), "no link asks every branch");
        // The alert is Harbour Street's, and leads to its trend; so does the branch's row.
        check_alerts(&app.store).await;
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "figures").await;
        let link = format!("/j/{}/feedback/m/{moment}?branch={harbour}", w.journey.id);
        assert!(page.matches(&link).count() >= 2, "the alert and the branch's row link to its trend: {page}");
        // A branch of another business, or no branch at all, is refused.
        let other = World::new(&app.store, "Other").await;
        let theirs = app.store.add_branch(other.ws, other.business.id, "Theirs").await.unwrap().id;
        refused(owner.get(&format!("/j/{}/feedback/m/{moment}?branch={theirs}", w.journey.id)).await, StatusCode::NOT_FOUND, "another business's branch").await;
        assert!(owner.get(&format!("/j/{}/feedback/m/{moment}?branch=main", w.journey.id)).await.status().is_client_error(), "no branch");
    }

    async fn the_team_reads_what_customers_wrote_newest_first_filtered_and_page_by_page(app) {
        let w = World::new(&app.store, "Acme").await;
        let (id, token) = ask(&app, &w, "").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        owner.submit(&format!("/feedback/{id}/reasons"), &[("reasons", "Waiting time")]).await;
        let said = |v: Verdict, reason: Option<&str>, comment: &str| Answer { verdict: v, reason: reason.map(str::to_string), comment: comment.to_string() };
        for i in 0..54 {
            app.store.answer_feedback(&token, said(Verdict::AsExpected, None, &format!("Comment number {i:02}")), "en", &format!("c{i}")).await.unwrap();
        }
        app.store.answer_feedback(&token, said(Verdict::Worse, Some("Waiting time"), "Waited 50% longer <script>alert(1)</script>"), "en", "w").await.unwrap();
        app.store.answer_feedback(&token, said(Verdict::Better, None, ""), "en", "silent").await.unwrap();
        let base = format!("/j/{}/feedback/comments", w.journey.id);
        let page = ok_page(owner.get(&base).await, "comments").await;
        assert!(page.contains("Waited 50% longer &lt;script&gt;"), "newest first, escaped");
        assert!(page.find("Waited 50%").unwrap() < page.find("Comment number 53").unwrap());
        assert_eq!(page.matches(r#"class="comment""#).count(), 50, "a page holds fifty");
        assert!(!page.contains("Comment number 04"), "older ones wait for the next page");
        let at = page.find("Older comments").expect("a link to older comments");
        let href = &page[page[..at].rfind("href=\"").unwrap() + 6..];
        let href = href[..href.find('"').unwrap()].replace("&amp;", "&");
        let older = ok_page(owner.get(&href).await, "older comments").await;
        assert_eq!(older.matches(r#"class="comment""#).count(), 5, "the rest, none twice");
        assert!(older.contains("Comment number 00") && !older.contains("Comment number 05"));
        // Filters: the answer, a reason, words whatever their case (a % is a %).
        let only = |q: &str| format!("{base}?{q}");
        let worse = ok_page(owner.get(&only("verdict=worse")).await, "worse only").await;
        assert_eq!(worse.matches(r#"class="comment""#).count(), 1);
        let by_reason = ok_page(owner.get(&only("reason=Waiting+time")).await, "a reason").await;
        assert_eq!(by_reason.matches(r#"class="comment""#).count(), 1);
        let words = ok_page(owner.get(&only("q=WAITED+50%25")).await, "words").await;
        assert_eq!(words.matches(r#"class="comment""#).count(), 1);
        let percent = ok_page(owner.get(&only("q=5%25")).await, "a literal %").await;
        assert_eq!(percent.matches(r#"class="comment""#).count(), 0, "5% is not a wildcard");
        let none = ok_page(owner.get(&only("q=nothing+like+this")).await, "no match").await;
        assert!(none.contains("No comments match"));
        for bad in ["verdict=great", "moment=abc", "before=x"] {
            refused(owner.get(&only(bad)).await, StatusCode::UNPROCESSABLE_ENTITY, bad).await;
        }
        // Nobody of another workspace reads them.
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.get(&base).await, StatusCode::NOT_FOUND, "another workspace's comments").await;
    }

    async fn the_owner_reviews_every_flagged_answer_and_narrows_comments_by_period_and_reason(app) {
        let w = World::new(&app.store, "Acme").await;
        let (id, token) = ask(&app, &w, "").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        owner.submit(&format!("/feedback/{id}/reasons"), &[("reasons", "Waiting time")]).await;
        let said = |v: Verdict, reason: Option<&str>, comment: &str| Answer { verdict: v, reason: reason.map(str::to_string), comment: comment.to_string() };
        // 52 robots' answers, none with a comment: each is there to review, page by page.
        for i in 0..52 {
            app.store.answer_feedback_flagged(&token, said(Verdict::Better, None, ""), "en", &format!("bot{i}"), "honeypot").await.unwrap();
        }
        let base = format!("/j/{}/feedback/comments", w.journey.id);
        let flagged = ok_page(owner.get(&format!("{base}?flagged=1")).await, "flagged").await;
        assert_eq!(flagged.matches(r#"class="comment""#).count(), 50, "flagged answers without words are listed too");
        assert_eq!(flagged.matches("Count it after all").count(), 50, "each can be counted back");
        let at = flagged.find("Older comments").expect("a link to older ones");
        let href = &flagged[flagged[..at].rfind("href=\"").unwrap() + 6..];
        let href = href[..href.find('"').unwrap()].replace("&amp;", "&");
        assert!(href.contains("flagged=1"), "the next page keeps the filter: {href}");
        let older = ok_page(owner.get(&href).await, "older flagged").await;
        assert_eq!(older.matches(r#"class="comment""#).count(), 2, "the rest of the flagged, no counted one");
        // Counted comments: one today, one 40 days ago; the period narrows them.
        let today = mot_store::feedback_today();
        app.store.answer_feedback_at(&token, said(Verdict::Worse, Some("Waiting time"), "Slow today"), "en", "now", today * 86_400_000 + 1000).await.unwrap();
        app.store.answer_feedback_at(&token, said(Verdict::Worse, None, "Slow back then"), "en", "then", (today - 40) * 86_400_000 + 1000).await.unwrap();
        let all = ok_page(owner.get(&base).await, "all").await;
        assert!(all.contains("Slow today") && all.contains("Slow back then"));
        let recent = ok_page(owner.get(&format!("{base}?days=30")).await, "last 30 days").await;
        assert!(recent.contains("Slow today") && !recent.contains("Slow back then"), "{recent}");
        assert!(recent.contains(r#"<option value="30" selected>"#), "the period chosen shows");
        for bad in ["days=0", "days=x", "days=99999"] {
            refused(owner.get(&format!("{base}?{bad}")).await, StatusCode::UNPROCESSABLE_ENTITY, bad).await;
        }
        // A reason on a comment is a link to the comments with that reason; the filter can be taken off.
        let link = format!("{base}?reason=Waiting%20time");
        assert!(all.contains(&format!(r#"href="{link}""#)), "{all}");
        let by_reason = ok_page(owner.get(&link).await, "by reason").await;
        assert!(by_reason.contains("Slow today") && !by_reason.contains("Slow back then"));
        assert!(by_reason.contains("Show every reason"));
        // The API narrows by period as the page does.
        let api = app.api(&w.owner_token);
        let (status, body) = api.get(&format!("/api/v1/journeys/{}/feedback/comments?days=30", w.journey.id)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["items"].as_array().unwrap().len(), 1, "{body}");
        let (status, body) = api.get(&format!("/api/v1/journeys/{}/feedback/comments?flagged=true&limit=200", w.journey.id)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["items"].as_array().unwrap().len(), 52, "every flagged answer");
        // As the page's form says it too; a word that is neither is refused.
        let (status, again) = api.get(&format!("/api/v1/journeys/{}/feedback/comments?flagged=1&limit=200", w.journey.id)).await;
        assert_eq!((status, again), (StatusCode::OK, body));
        let (status, _) = api.get(&format!("/api/v1/journeys/{}/feedback/comments?flagged=yes", w.journey.id)).await;
        assert!(status.is_client_error(), "{status}");
        // A moment or branch that is not the journey's is not found, as on
        // the trend's page, not an empty list.
        for q in ["moment=999999", "branch=999999"] {
            let (status, body) = api.get(&format!("/api/v1/journeys/{}/feedback/comments?{q}", w.journey.id)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{q}: {body}");
        }
        let (status, _) = api.get(&format!("/api/v1/journeys/{}/feedback/comments?days=0", w.journey.id)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    async fn the_note_and_the_gap_view_put_the_teams_view_beside_the_customers(app) {
        let w = World::new(&app.store, "Acme").await;
        let (id, token) = ask(&app, &w, "").await;
        let moment = app.store.feedback_point_by_id(w.ws, id).await.unwrap().moment_id;
        let calm = w.note(&app.store, 1, "Pays at the till").await;
        team_rates(&app, &w, moment, mot_core::session::Rating::Magical).await;
        team_rates(&app, &w, calm.id, mot_core::session::Rating::Neutral).await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let board_path = format!("/j/{}", w.journey.id);
        let html = ok_page(owner.get(&board_path).await, "the board").await;
        assert!(html.contains(r#"<span class="face" aria-hidden="true">★</span> team: Magical"#), "the team's rating on the note, as a face beside its word");
        assert!(!html.contains(r#"class="score customers""#), "no customer figures before any answer");
        // Each note offers to ask customers about it, where the owner picks the branch.
        assert!(html.contains(r#"<div id="board" class="may-ask""#), "the owner may ask");
        let ask_here = format!(r#"href="/j/{}/feedback#m-{}""#, w.journey.id, calm.id);
        assert!(html.contains(&ask_here) && html.contains("Ask customers about: Pays at the till"), "{html}");
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "figures").await;
        assert!(page.contains(&format!(r#"id="m-{}""#, calm.id)), "the link's place on the feedback page");
        let member = w.person(&app.store, Role::Member).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        let theirs = ok_page(member.get(&board_path).await, "a member's board").await;
        assert!(theirs.contains(r#"<div id="board" data-seq"#), "a member may not ask: the links stay hidden");
        // Twelve answers: the note says how many, and no score yet.
        let answer = |v: Verdict| Answer { verdict: v, reason: None, comment: String::new() };
        for i in 0..12 {
            app.store.answer_feedback(&token, answer(Verdict::Worse), "en", &format!("a{i}")).await.unwrap();
        }
        let html = ok_page(owner.get(&board_path).await, "the board").await;
        assert!(html.contains("customers: 12 answers"), "count on the note");
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "figures").await;
        assert!(page.contains("No clear disagreement"), "too few for a gap: {page}");
        // Forty-one answers, mostly worse: a blind spot, on the note and listed first.
        for i in 12..41 {
            let v = if i % 4 == 0 { Verdict::AsExpected } else { Verdict::Worse };
            app.store.answer_feedback(&token, answer(v), "en", &format!("a{i}")).await.unwrap();
        }
        let t = tally(&app, &w).await;
        let score = t.score().unwrap();
        assert!(score < -50.0, "{t:?}");
        let html = ok_page(owner.get(&board_path).await, "the board").await;
        assert!(html.contains(&format!("customers −{}", (-score).round() as i64)), "the customers' score on the note");
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "figures").await;
        assert!(page.contains("Blind spot:"), "{page}");
        assert!(page.contains("the team says Magical, customers −"), "{page}");
        assert!(page.contains("Team: <strong>Magical</strong>"), "{page}");
        assert!(page.contains("Team: <strong>Neutral</strong>"), "{page}");
        assert_eq!(page.matches("Blind spot:").count() + page.matches("Modesty:").count(), 1, "the unanswered moment has no gap");
    }

    async fn a_customer_answers_once_on_a_plain_form_and_is_thanked(app) {
        let w = World::new(&app.store, "Acme").await;
        let (id, token) = ask(&app, &w, "").await;
        // Asking again about the same moment and branch gives the same link.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let moment = app.store.feedback_point_by_id(w.ws, id).await.unwrap().moment_id;
        let again = owner.submit(&format!("/j/{}/feedback/ask", w.journey.id), &[("moment_id", &moment.to_string())]).await;
        assert_eq!(location(&again), format!("/feedback/{id}"));

        let phone = app.browser();
        let page = ok_page(phone.get(&format!("/f/{token}")).await, "the customer's page").await;
        assert!(page.contains("Delivery day"), "{page}");
        // The words of its own script only, not every page's.
        assert!(page.contains("\"js-feedback-kept\"") && !page.contains("\"js-board-undo\"") && !page.contains("\"js-audit-saved\""), "{page}");
        // A form refused (an address that is none): asked again with what
        // was wrong and with everything the customer chose and typed.
        let res = phone.post(&format!("/f/{token}"), &[("_rid", "form-0"), ("verdict", "worse"), ("comment", "Keep me <3"), ("contact_ok", "1"), ("contact_email", "notanemail")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let again = res.text().await.unwrap();
        for kept in [r#"value="worse" required checked"#, ">Keep me &lt;3</textarea>", r#"name="contact_ok" value="1" checked"#, r#"value="notanemail""#, r#"<details class="contact" open"#] {
            assert!(again.contains(kept), "{kept}: {again}");
        }
        assert!(!again.contains(r#"value="better" required checked"#));
        // Said as the form names the field, not as the API does.
        assert!(again.contains("Your e-mail address: is not an e-mail address") && !again.contains("email: "), "{again}");
        for v in ["worse", "as_expected", "better"] {
            assert!(page.contains(&format!(r#"value="{v}""#)), "{v}");
        }
        assert!(page.contains(&format!(r#"<form id="feedback-form" method="post" action="/f/{token}">"#)), "a plain form: it works without its script");
        let res = phone.post(&format!("/f/{token}"), &[("_rid", "form-1"), ("verdict", "better"), ("comment", "On time")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let thanks = ok_page(phone.get(&format!("/f/{token}")).await, "thanks").await;
        assert!(thanks.contains(mot_i18n::text(mot_i18n::Lang::En, "feedback-thanks")));
        assert!(!thanks.contains(r#"name="verdict""#), "this phone is not asked again");
        // The same phone again: refused kindly, nothing added.
        let res = phone.post(&format!("/f/{token}"), &[("_rid", "form-2"), ("verdict", "worse")]).await;
        thanked_again(res, "a second answer from the same phone").await;
        // The same form sent again from elsewhere (a retry): nothing added.
        let other = app.browser();
        let res = other.post(&format!("/f/{token}"), &[("_rid", "form-1"), ("verdict", "better")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(tally(&app, &w).await, Tally { worse: 0, as_expected: 0, better: 1 });
    }

    async fn bad_answers_and_links_are_refused_and_store_nothing(app) {
        let w = World::new(&app.store, "Acme").await;
        let (id, token) = ask(&app, &w, "").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let res = owner.submit(&format!("/feedback/{id}/reasons"), &[("reasons", "Waiting time\nFriendliness")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let long = "x".repeat(1001);
        for (fields, what) in [
            (vec![("verdict", "great")], "a verdict not among the three"),
            (vec![("verdict", "")], "no verdict"),
            (vec![("verdict", "worse"), ("reason", "Price")], "a reason the point does not offer"),
            (vec![("verdict", "worse"), ("comment", long.as_str())], "an over-long comment"),
        ] {
            let phone = app.browser();
            let page = refused(phone.post(&format!("/f/{token}"), &fields).await, StatusCode::UNPROCESSABLE_ENTITY, what).await;
            assert!(page.contains(r#"name="verdict""#), "{what}: asked again");
        }
        let phone = app.browser();
        for bad in ["0123456789abcdef0123456789abcdef", "not-a-token", &token[..31]] {
            refused_kindly(phone.get(&format!("/f/{bad}")).await, StatusCode::NOT_FOUND, bad).await;
            refused_kindly(phone.post(&format!("/f/{bad}"), &[("verdict", "worse")]).await, StatusCode::NOT_FOUND, bad).await;
        }
        // A reason offered is taken.
        let res = phone.post(&format!("/f/{token}"), &[("verdict", "worse"), ("reason", "Waiting time")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        // A robot fills in the hidden field: thanked, kept flagged, counted nowhere.
        let robot = app.browser();
        let res = robot.post(&format!("/f/{token}"), &[("verdict", "better"), ("comment", "Cheap pills here"), ("website", "http://spam")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(tally(&app, &w).await, Tally { worse: 1, as_expected: 0, better: 0 });
        let comments = format!("/j/{}/feedback/comments", w.journey.id);
        let counted = ok_page(owner.get(&comments).await, "counted comments").await;
        assert!(!counted.contains("Cheap pills"), "a flagged answer is not among the counted");
        let flagged = ok_page(owner.get(&format!("{comments}?flagged=1")).await, "flagged comments").await;
        assert!(flagged.contains("Cheap pills"), "{flagged}");
        // The API's spelling reads the same; the page's flag forms say which list to come back to.
        assert!(ok_page(owner.get(&format!("{comments}?flagged=true")).await, "flagged comments").await.contains("Cheap pills"));
        assert!(flagged.contains(&format!(r#"name="back" value="{comments}?flagged=1""#)), "{flagged}");
        let spam = app.store.feedback_comments(w.ws, w.journey.id, &mot_store::CommentFilter { flagged: true, ..Default::default() }, 10).await.unwrap();
        assert_eq!(spam.len(), 1);
        let flag = format!("/j/{}/feedback/answers/{}/flag", w.journey.id, spam[0].id);
        // A member may not count it; another workspace does not find it.
        let member = w.person(&app.store, Role::Member).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        refused(member.submit(&flag, &[("flagged", "0")]).await, StatusCode::FORBIDDEN, "a member counting a flagged answer").await;
        let other = World::new(&app.store, "Other").await;
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.submit(&flag, &[("flagged", "0")]).await, StatusCode::NOT_FOUND, "another workspace's answer").await;
        assert_eq!(tally(&app, &w).await.total(), 1);
        // The owner counts it after all (twice: once is enough), then flags it again.
        for _ in 0..2 {
            let back = format!("{comments}?verdict=better&flagged=1");
            let res = owner.submit(&flag, &[("flagged", "0"), ("back", &back)]).await;
            assert_eq!((res.status(), location(&res)), (StatusCode::SEE_OTHER, back), "back to the list with its filters");
        }
        // Never back to anywhere else.
        for elsewhere in ["https://evil.example/", "/j/999/feedback/comments", "/login"] {
            let res = owner.submit(&flag, &[("flagged", "0"), ("back", elsewhere)]).await;
            assert_eq!(location(&res), format!("{comments}?flagged=1"), "{elsewhere}");
        }
        assert_eq!(tally(&app, &w).await, Tally { worse: 1, as_expected: 0, better: 1 });
        owner.submit(&flag, &[("flagged", "1")]).await;
        assert_eq!(tally(&app, &w).await, Tally { worse: 1, as_expected: 0, better: 0 });
        // Too many reasons for the point: refused, the old ones stay.
        let nine = (0..9).map(|i| format!("R{i}")).collect::<Vec<_>>().join("\n");
        let page = refused(owner.submit(&format!("/feedback/{id}/reasons"), &[("reasons", &nine)]).await, StatusCode::UNPROCESSABLE_ENTITY, "nine reasons").await;
        // The point's page again, the nine lines kept in the form to mend.
        assert!(page.contains(&format!(">{nine}</textarea>")) && page.contains("/qr.svg"), "{page}");
        assert_eq!(app.store.feedback_point_by_id(w.ws, id).await.unwrap().reasons, ["Waiting time", "Friendliness"]);
    }

    async fn one_address_sending_a_flood_is_slowed_down(app) {
        let w = World::new(&app.store, "Acme").await;
        let (_, token) = ask(&app, &w, "").await;
        let mut last = StatusCode::OK;
        for i in 0..=mot_server::state::FEEDBACK_PER_MINUTE {
            let phone = app.browser();
            last = phone.post(&format!("/f/{token}"), &[("_rid", &format!("f{i}")), ("verdict", "worse")]).await.status();
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
        // Past a few answers a proof of work is asked for, which this flood
        // does not bring (tests/feedback_abuse.rs).
        assert_eq!(tally(&app, &w).await.total(), u64::from(mot_server::feedback::abuse::CHALLENGE_AFTER));
    }

    async fn the_figures_say_how_many_answers_stand_behind_them(app) {
        let w = World::new(&app.store, "Acme").await;
        let branch = app.store.add_branch(w.ws, w.business.id, "Harbour Street").await.unwrap();
        let (_, token) = ask(&app, &w, &branch.id.to_string()).await;
        let answer = |v: Verdict| Answer { verdict: v, reason: None, comment: String::new() };
        let page_of = || async {
            let owner = app.signed_in(w.ws, w.owner.id).await;
            ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "the figures").await
        };
        let page = page_of().await;
        assert!(page.contains("No answers yet."), "{page}");
        // 29 answers: too few to tell, and the count is shown.
        for i in 0..29 {
            let v = [Verdict::Worse, Verdict::AsExpected, Verdict::Better, Verdict::Better][i % 4];
            assert!(app.store.answer_feedback(&token, answer(v), "en", &format!("k{i}")).await.unwrap());
        }
        let page = page_of().await;
        assert!(page.contains("Too few to tell"), "{page}");
        assert!(page.contains("29 answers"), "{page}");
        assert!(page.contains("Harbour Street"), "by branch: {page}");
        // Under thirty, each answer is counted, not made a share: 8 worse, 7 as expected, 14 better.
        assert!(!page.contains(" %</"), "no share from too few answers: {page}");
        for (word, n) in [("Worse", 8), ("As expected", 7), ("Better", 14)] {
            assert!(page.contains(&format!(r#"<span class="sr-only">{word} </span>{n}</span>"#)), "{word} {n}: {page}");
        }
        // The 30th: a score with its interval, as core computes them.
        app.store.answer_feedback(&token, answer(Verdict::Better), "en", "k29").await.unwrap();
        let t = tally(&app, &w).await;
        assert_eq!(t, Tally { worse: 8, as_expected: 7, better: 15 });
        let page = page_of().await;
        assert!(!page.contains("Too few to tell"), "{page}");
        let score = t.score().unwrap().round() as i64;
        let i = t.score_interval().unwrap();
        assert!(page.contains(&format!("Score +{score}")), "{page}");
        assert!(page.contains(&format!("(95 %: {} to +{})", i.low.round() as i64, i.high.round() as i64).replace('-', "−")), "{page}");
        assert!(page.contains("30 answers"), "{page}");
        assert!(page.contains("27 %") && page.contains("23 %") && page.contains("50 %"), "shares: {page}");
        // Each share with where it truly lies (Wilson, 95 %): better 15 of 30 is 33 to 67 %.
        assert!(page.contains("(33–67 %)"), "the share's range: {page}");
        // A period that means nothing is refused.
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = refused(owner.get(&format!("/j/{}/feedback?days=0", w.journey.id)).await, StatusCode::UNPROCESSABLE_ENTITY, "a period of 0 days").await;
        // Said over the period's own form, not in the closed dates' form.
        assert!(!page.contains(r#"<details class="period-dates" open"#), "{page}");
    }

    async fn the_figures_and_their_files_cover_dates_the_owner_chooses(app) {
        let w = World::new(&app.store, "Acme").await;
        let (_, token) = ask(&app, &w, "").await;
        let answer = |v: Verdict, words: &str| Answer { verdict: v, reason: None, comment: words.to_string() };
        let today = mot_store::feedback_today();
        let day = |d: i64| mot_core::date::format(mot_core::feedback::trend::date_of(d));
        // Three answers 200 days ago, two 100 days ago, one today.
        for (i, (ago, v)) in [(200, Verdict::Worse), (200, Verdict::Worse), (200, Verdict::Worse), (100, Verdict::Better), (100, Verdict::Better), (0, Verdict::AsExpected)].into_iter().enumerate() {
            let at = (today - ago) * 86_400_000 + 3_600_000;
            app.store.answer_feedback_at(&token, answer(v, &format!("answer {i} of day -{ago}")), "en", &format!("d{i}"), at).await.unwrap();
        }
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let base = format!("/j/{}/feedback", w.journey.id);
        // From 250 to 150 days ago: the three worse only.
        let (from, to) = (day(today - 250), day(today - 150));
        let page = ok_page(owner.get(&format!("{base}?from={from}&to={to}")).await, "chosen dates").await;
        assert!(page.contains("3 answers") && page.contains(r#"<span class="sr-only">Worse </span>3</span>"#), "{page}");
        assert!(page.contains(&format!("{from} to {to}")), "the period is named: {page}");
        assert!(page.contains(&format!(r#"value="{from}""#)) && page.contains(&format!(r#"value="{to}""#)), "the dates stay in their fields");
        let csv_link = format!("{base}/answers.csv?from={from}&amp;to={to}");
        assert!(page.contains(&csv_link), "the files cover the same dates: {page}");
        // The file holds those three answers, read back with a CSV parser.
        let csv = owner.get(&format!("{base}/answers.csv?from={from}&to={to}")).await.bytes().await.unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
        let comments: Vec<String> = reader.records().map(|r| r.unwrap()[5].to_string()).collect();
        assert_eq!(comments.len(), 3, "{comments:?}");
        assert!(comments.iter().all(|c| c.ends_with("day -200")), "{comments:?}");
        // From a date to today: the 100-day-old and today's.
        let page = ok_page(owner.get(&format!("{base}?from={}", day(today - 120))).await, "up to today").await;
        assert!(page.contains("3 answers") && page.contains(r#"<span class="sr-only">Better </span>2</span>"#), "{page}");
        // The report of those dates says so.
        let pdf = owner.get(&format!("{base}/report.pdf?from={from}&to={to}")).await.bytes().await.unwrap();
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("of day -200") && !text.contains("of day -100"), "only the period's comments: {text}");
        // The API reads the same dates.
        let api = app.api(&w.owner_token);
        let (status, body) = api.get(&format!("/api/v1/journeys/{}/feedback/figures?from={from}&to={to}", w.journey.id)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body[0]["answers"], 3, "{body}");
        // Dates after today, backwards, not dates, or over ten years: refused, said plainly.
        for bad in [format!("from={}", day(today + 1)), format!("to={}", day(today + 1)), format!("from={to}&to={from}"), "from=2026-02-30".to_string(), format!("from={}&to={}", day(today - 4000), day(today))] {
            let page = refused(owner.get(&format!("{base}?{bad}")).await, StatusCode::UNPROCESSABLE_ENTITY, &bad).await;
            // The page stays the figures page: the usual period's figures,
            // the dates' form open with what was wrong and the dates as typed.
            let typed = bad.split('&').next().unwrap().split('=').nth(1).unwrap();
            assert!(page.contains(r#"<details class="period-dates" open"#) && page.contains(&format!(r#"value="{typed}""#)) && page.contains(r#"name="days""#), "{bad}: {page}");
            let (status, _) = api.get(&format!("/api/v1/journeys/{}/feedback/figures?{bad}", w.journey.id)).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            refused(owner.get(&format!("{base}/answers.csv?{bad}")).await, StatusCode::UNPROCESSABLE_ENTITY, &bad).await;
        }
    }

    async fn only_the_team_may_ask_and_nothing_crosses_workspaces(app) {
        let w = World::new(&app.store, "Acme").await;
        let other = World::new(&app.store, "Other").await;
        let (id, _) = ask(&app, &w, "").await;
        let note = app.store.moments(w.ws, w.journey.id).await.unwrap()[0].id;
        // A member reads the figures but may not hand out links.
        let member = w.person(&app.store, Role::Member).await;
        let page = app.signed_in(w.ws, member.user.id).await;
        let html = ok_page(page.get(&format!("/j/{}/feedback", w.journey.id)).await, "a member's view").await;
        assert!(!html.contains("/feedback/ask"), "no asking for members");
        refused(page.submit(&format!("/j/{}/feedback/ask", w.journey.id), &[("moment_id", &note.to_string())]).await, StatusCode::FORBIDDEN, "a member asking").await;
        refused(page.get(&format!("/feedback/{id}")).await, StatusCode::FORBIDDEN, "a member opening a point").await;
        // Another workspace's owner finds nothing of this one.
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.get(&format!("/feedback/{id}")).await, StatusCode::NOT_FOUND, "another workspace's point").await;
        refused(stranger.get(&format!("/feedback/{id}/qr.svg")).await, StatusCode::NOT_FOUND, "another workspace's QR code").await;
        refused(stranger.get(&format!("/j/{}/feedback", w.journey.id)).await, StatusCode::NOT_FOUND, "another workspace's figures").await;
        refused(stranger.submit(&format!("/j/{}/feedback/ask", other.journey.id), &[("moment_id", &note.to_string())]).await, StatusCode::NOT_FOUND, "another workspace's moment").await;
        // A moment of another journey of the same workspace is not this journey's.
        let second = app.store.create_journey(w.ws, w.business.id, "Second", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        let owner = app.signed_in(w.ws, w.owner.id).await;
        refused(owner.submit(&format!("/j/{}/feedback/ask", second.id), &[("moment_id", &note.to_string())]).await, StatusCode::NOT_FOUND, "a moment of another journey").await;
        // A branch of another business is not found.
        let theirs = app.store.add_branch(other.ws, other.business.id, "Elsewhere").await.unwrap();
        refused(owner.submit(&format!("/j/{}/feedback/ask", w.journey.id), &[("moment_id", &note.to_string()), ("branch_id", &theirs.id.to_string())]).await, StatusCode::NOT_FOUND, "another business's branch").await;
        // A guest of the board is not the team.
        let g = app.guest(&w.journey, "Ada").await;
        let res = g.get(&format!("/j/{}/feedback", w.journey.id)).await;
        assert_ne!(res.status(), StatusCode::OK, "a guest sees no figures");
    }

    async fn a_customer_reads_the_question_in_their_language(app) {
        let w = World::new(&app.store, "Acme").await;
        let (_, token) = ask(&app, &w, "").await;
        let phone = app.browser();
        let res = phone.client.get(phone.url(&format!("/f/{token}"))).header("accept-language", "de").send().await.unwrap();
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"lang="de""#));
        assert!(html.contains(mot_i18n::text(mot_i18n::Lang::De, "feedback-verdict-as-expected")));
        // Nobody asked: the workspace's language.
        app.store.set_workspace_language(w.ws, Some("ar")).await.unwrap();
        let res = phone.client.get(phone.url(&format!("/f/{token}"))).header("accept-language", "fr").send().await.unwrap();
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"dir="rtl""#));
        assert!(html.contains(mot_i18n::text(mot_i18n::Lang::Ar, "feedback-verdict-better")));
    }
}

#[tokio::test]
async fn the_time_a_phone_is_thanked_instead_of_asked_is_a_setting() {
    let db = TestDb::sqlite().await;
    let store = db.store.clone();
    let settings = mot_server::Settings {
        feedback_answer_hours: Some(2),
        ..mot_server::Settings::default()
    };
    let app = TestApp::start_configured(db, store, settings).await;
    let w = World::new(&app.store, "Acme").await;
    let (_, token) = ask(&app, &w, "").await;
    let phone = app.browser();
    let res = phone
        .post(&format!("/f/{token}"), &[("verdict", "better")])
        .await;
    let cookie = set_cookie(&res, "mot_answered").expect("the answered cookie");
    assert!(cookie.contains("Max-Age=7200"), "{cookie}");
    assert!(cookie.contains(&format!("Path=/f/{token}")), "{cookie}");
    // The moments it answered, for every link that asks about them.
    let moments = set_cookie(&res, "mot_moments").expect("the moments cookie");
    assert!(
        moments.contains("Max-Age=7200") && moments.contains("Path=/;"),
        "{moments}"
    );
}

on_both! {
    async fn the_owner_words_the_question_and_closes_and_reopens_the_link(app) {
        let w = World::new(&app.store, "Acme").await;
        let (id, token) = ask(&app, &w, "").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let phone = app.browser();
        let res = owner.submit(&format!("/feedback/{id}"), &[("question", "  How was your delivery today?  ")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let page = ok_page(phone.get(&format!("/f/{token}")).await, "the customer's page").await;
        assert!(page.contains("How was your delivery today?"), "the owner's words");
        assert!(!page.contains("compared with what you expected"), "not the standard question");
        let pdf = owner.get(&format!("/feedback/{id}/sheet.pdf?size=a4")).await.bytes().await.unwrap();
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("How was your delivery today?"), "printed too: {text}");
        // Too long, or two lines: refused, the question stays as it was.
        for bad in ["x".repeat(201), "two\nlines".to_string()] {
            refused(owner.submit(&format!("/feedback/{id}"), &[("question", &bad)]).await, StatusCode::UNPROCESSABLE_ENTITY, "a bad question").await;
        }
        assert_eq!(app.store.feedback_point_by_id(w.ws, id).await.unwrap().question, "How was your delivery today?");
        // Empty asks the standard question again.
        owner.submit(&format!("/feedback/{id}"), &[("question", "")]).await;
        let page = ok_page(phone.get(&format!("/f/{token}")).await, "standard again").await;
        assert!(page.contains("compared with what you expected"), "the standard question");

        // Closed: the link thanks and takes nothing; the answers it took stay.
        phone.post(&format!("/f/{token}"), &[("_rid", "before"), ("verdict", "better")]).await;
        refused(owner.submit(&format!("/feedback/{id}"), &[("open", "maybe")]).await, StatusCode::UNPROCESSABLE_ENTITY, "neither open nor closed").await;
        let res = owner.submit(&format!("/feedback/{id}"), &[("open", "0")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let point_page = ok_page(owner.get(&format!("/feedback/{id}")).await, "a closed point").await;
        assert!(point_page.contains("This link is closed") && point_page.contains("Open it again"), "the page says so and offers to reopen");
        // The journey's figures still lead to it, said to be closed, for the QR codes already printed.
        let figures = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "the figures with a closed link").await;
        assert!(figures.contains(&format!(r#"<li class="closed"><a href="/feedback/{id}">"#)) && figures.contains("(closed: it takes no answers)"), "{figures}");
        let gone = refused_kindly(app.browser().get(&format!("/f/{token}")).await, StatusCode::NOT_FOUND, "a closed link").await;
        assert!(gone.contains("no longer"), "{gone}");
        let other_phone = app.browser();
        refused_kindly(other_phone.post(&format!("/f/{token}"), &[("_rid", "after"), ("verdict", "worse")]).await, StatusCode::NOT_FOUND, "an answer to a closed link").await;
        assert_eq!(tally(&app, &w).await, Tally { worse: 0, as_expected: 0, better: 1 }, "the earlier answer stays, nothing new");
        // Reopened: it takes answers again, on the same link.
        owner.submit(&format!("/feedback/{id}"), &[("open", "1")]).await;
        let res = other_phone.post(&format!("/f/{token}"), &[("_rid", "after"), ("verdict", "worse")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(tally(&app, &w).await, Tally { worse: 1, as_expected: 0, better: 1 });

        // The API does the same, and says who may.
        let api = app.api(&w.owner_token);
        let (status, p) = api.patch(&format!("/api/v1/feedback/points/{id}"), serde_json::json!({"question": "Was it on time?", "open": false})).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        assert_eq!((p["question"].as_str(), p["closed"].as_bool()), (Some("Was it on time?"), Some(true)));
        assert_eq!(p["qr_png_url"], format!("{}/feedback/{id}/qr.png", app.base));
        let (status, _) = api.patch(&format!("/api/v1/feedback/points/{id}"), serde_json::json!({"question": "x".repeat(201), "open": true})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(app.store.feedback_point_by_id(w.ws, id).await.unwrap().closed, "nothing half-done: still closed");
        // A null question is not a string (schemathesis found it taken as
        // "leave it"): refused, nothing changed.
        let (status, _) = api.patch(&format!("/api/v1/feedback/points/{id}"), serde_json::json!({"question": null, "open": true})).await;
        assert!(status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::BAD_REQUEST, "{status}");
        assert!(app.store.feedback_point_by_id(w.ws, id).await.unwrap().closed, "still closed");
        let member = w.person(&app.store, Role::Member).await;
        let (status, _) = app.api(&member.token).patch(&format!("/api/v1/feedback/points/{id}"), serde_json::json!({"open": true})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let member = app.signed_in(w.ws, member.user.id).await;
        refused(member.submit(&format!("/feedback/{id}"), &[("open", "1")]).await, StatusCode::FORBIDDEN, "a member reopening").await;
        let other = World::new(&app.store, "Other").await;
        let (status, _) = app.api(&other.owner_token).patch(&format!("/api/v1/feedback/points/{id}"), serde_json::json!({"open": true})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(app.store.feedback_point_by_id(w.ws, id).await.unwrap().closed);
    }

    async fn a_customer_who_agrees_leaves_an_address_only_the_owners_see(app) {
        let w = World::new(&app.store, "Acme").await;
        let (_, token) = ask(&app, &w, "").await;
        let page = ok_page(app.browser().get(&format!("/f/{token}")).await, "the question").await;
        assert!(page.contains(r#"name="contact_ok""#) && page.contains(r#"type="email""#), "the consent box and the address");
        // Ticked without an address: asked again, nothing kept.
        let page = refused(app.browser().post(&format!("/f/{token}"), &[("_rid", "c0"), ("verdict", "worse"), ("contact_ok", "1")]).await, StatusCode::UNPROCESSABLE_ENTITY, "consent without an address").await;
        assert!(page.contains("e-mail address we may contact you at"), "{page}");
        refused(app.browser().post(&format!("/f/{token}"), &[("_rid", "c0"), ("verdict", "worse"), ("contact_ok", "1"), ("contact_email", "not-an-address")]).await, StatusCode::UNPROCESSABLE_ENTITY, "a bad address").await;
        assert_eq!(tally(&app, &w).await, Tally::default());
        // An address without the tick is not kept; with it, it is.
        app.browser().post(&format!("/f/{token}"), &[("_rid", "c1"), ("verdict", "worse"), ("comment", "Late again"), ("contact_email", "quiet@example.org")]).await;
        let res = app.browser().post(&format!("/f/{token}"), &[("_rid", "c2"), ("verdict", "worse"), ("contact_ok", "1"), ("contact_email", "Kim@Example.org")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(tally(&app, &w).await.worse, 2);
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let comments = ok_page(owner.get(&format!("/j/{}/feedback/comments", w.journey.id)).await, "comments").await;
        assert!(comments.contains("mailto:kim@example.org"), "the owner sees who to contact, even without a comment");
        assert!(!comments.contains("quiet@example.org"), "no consent, no address");
        let (_, api) = app.api(&w.owner_token).get(&format!("/api/v1/journeys/{}/feedback/comments", w.journey.id)).await;
        assert!(api["items"].as_array().unwrap().iter().any(|c| c["contact"] == "kim@example.org"), "{api}");
        let member = w.person(&app.store, Role::Member).await;
        let (_, api) = app.api(&member.token).get(&format!("/api/v1/journeys/{}/feedback/comments", w.journey.id)).await;
        assert!(!api.to_string().contains("kim@example.org"), "a member reads comments, not addresses: {api}");
        let member = app.signed_in(w.ws, member.user.id).await;
        let comments = ok_page(member.get(&format!("/j/{}/feedback/comments", w.journey.id)).await, "a member's comments").await;
        assert!(comments.contains("Late again") && !comments.contains("kim@example.org"));
        // Kept apart: the answers file carries no address.
        let csv = owner.get(&format!("/j/{}/feedback/answers.csv", w.journey.id)).await.text().await.unwrap();
        assert!(csv.contains("Late again") && !csv.contains("example.org"), "{csv}");
    }

    async fn the_qr_code_is_also_a_png_that_a_reader_decodes_to_the_link(app) {
        let w = World::new(&app.store, "Acme").await;
        let (id, token) = ask(&app, &w, "").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get(&format!("/feedback/{id}")).await, "the point").await;
        assert!(page.contains(&format!("/feedback/{id}/qr.png")));
        let res = owner.get(&format!("/feedback/{id}/qr.png")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(content_type(&res), "image/png");
        let bytes = res.bytes().await.unwrap();
        // Read back with an independent PNG decoder and QR reader.
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let (w_px, h_px) = (info.width as usize, info.height as usize);
        let stride = info.line_size;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w_px, h_px, |x, y| buf[y * stride + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code");
        let (_, text) = grids[0].decode().unwrap();
        assert_eq!(text, format!("{}/f/{token}", app.base));
        let member = w.person(&app.store, Role::Member).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        refused(member.get(&format!("/feedback/{id}/qr.png")).await, StatusCode::FORBIDDEN, "a member").await;
        let other = World::new(&app.store, "Other").await;
        refused(app.signed_in(other.ws, other.owner.id).await.get(&format!("/feedback/{id}/qr.png")).await, StatusCode::NOT_FOUND, "another workspace").await;
    }
}

on_both! {
    async fn the_same_moment_across_branches_sits_beside_its_standard(app) {
        let w = World::new(&app.store, "Acme").await;
        let note = w.note(&app.store, 0, "Delivery day").await;
        app.store.set_standard(w.ws, note.id, "On the day promised, in a two-hour slot", "", "").await.unwrap();
        let harbour = app.store.add_branch(w.ws, w.business.id, "Harbour Street").await.unwrap();
        let mall = app.store.add_branch(w.ws, w.business.id, "The Mall").await.unwrap();
        let point = |b: i64| { let s = &app.store; async move { s.feedback_point(w.ws, note.id, Some(b)).await.unwrap().token } };
        let (th, tm) = (point(harbour.id).await, point(mall.id).await);
        let answer = |v: Verdict| Answer { verdict: v, reason: None, comment: String::new() };
        // Harbour Street: 20 worse, 5 as expected, 5 better (−50); the Mall: 2, 8, 30 (+70).
        let mut n = 0;
        for (token, counts) in [(&th, [20, 5, 5]), (&tm, [2, 8, 30])] {
            for (v, count) in Verdict::ALL.into_iter().zip(counts) {
                for _ in 0..count {
                    n += 1;
                    app.store.answer_feedback(token, answer(v), "en", &format!("k{n}")).await.unwrap();
                }
            }
        }
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "figures").await;
        assert!(page.contains("On the day promised, in a two-hour slot"), "the standard beside the figures");
        assert!(page.contains("Branches differ beyond chance: scores from −50 to +70 across 2 branches"), "{page}");
        let (_, figures) = app.api(&w.owner_token).get(&format!("/api/v1/journeys/{}/feedback/figures", w.journey.id)).await;
        let m = &figures[0];
        assert_eq!(m["standard"], "On the day promised, in a two-hour slot");
        assert_eq!((m["consistency"]["lowest"].as_f64(), m["consistency"]["highest"].as_f64(), m["consistency"]["differ"].as_bool()), (Some(-50.0), Some(70.0), Some(true)));
    }
}

on_both! {
    async fn a_note_whose_magic_fades_says_so_on_the_board(app) {
        let w = World::new(&app.store, "Acme").await;
        let (_, token) = ask(&app, &w, "").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let answer = |v: Verdict| Answer { verdict: v, reason: None, comment: String::new() };
        let (day_ms, today) = (86_400_000i64, mot_store::feedback_today());
        // Eight weeks in which most customers were delighted.
        let mut n = 0;
        for week in 1..=8 {
            for (v, count) in [(Verdict::Worse, 1), (Verdict::AsExpected, 5), (Verdict::Better, 14)] {
                for _ in 0..count {
                    n += 1;
                    let at = (today - 7 * week) * day_ms + 3_600_000;
                    app.store.answer_feedback_at(&token, answer(v), "en", &format!("t{n}"), at).await.unwrap();
                }
            }
        }
        let board = ok_page(owner.get(&format!("/j/{}", w.journey.id)).await, "the board").await;
        assert!(!board.contains("magic fading"), "steady delight is not fading");
        // This week, what delighted is merely expected.
        for i in 0..20 {
            let v = if i < 2 { Verdict::Better } else { Verdict::AsExpected };
            app.store.answer_feedback(&token, answer(v), "en", &format!("now{i}")).await.unwrap();
        }
        check_alerts(&app.store).await;
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "figures").await;
        assert!(page.contains(mot_i18n::text(mot_i18n::Lang::En, "feedback-alert-fading")), "the alert on the feedback page");
        let board = ok_page(owner.get(&format!("/j/{}", w.journey.id)).await, "the board").await;
        assert!(board.contains("magic fading"), "and on the note");
    }
}
