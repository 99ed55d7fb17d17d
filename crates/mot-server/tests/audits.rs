//! Touchpoint audits through the real server: branches, templates (the
//! default 15 items, or one item per moment of a journey), editing items,
//! rounds for several branches, personal rater links shown once, the rater's
//! page with and without script, hand-in, reminders, closing, results
//! (hand-computed figures, group gaps, the item × branch heat map), standards,
//! and who may reach any of it.

#[macro_use]
mod common;

use common::*;
use mot_core::audit::RaterGroup;
use mot_core::{date, Id, Moment, Role};
use mot_store::{Branch, RaterLink, Round, Standard, Template};
use reqwest::StatusCode;
use serde_json::Value;

// ---- helpers -------------------------------------------------------------------

/// Asserts a 303 to `to`.
fn redirected(res: &reqwest::Response, to: &str, what: &str) {
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{what}");
    assert_eq!(location(res), to, "{what}");
}

/// The id at the end of a redirect's `Location`.
fn id_in_location(res: &reqwest::Response) -> Id {
    let l = location(res);
    l.rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("an id at the end of {l}"))
}

/// The rater tokens in a page (in `/r/{token}` links), in order, each once.
fn rater_tokens(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, _) in html.match_indices("/r/") {
        if let Some(t) = html.get(i + 3..i + 35) {
            if t.chars().all(|c| c.is_ascii_hexdigit()) && !out.iter().any(|o| o == t) {
                out.push(t.to_string());
            }
        }
    }
    out
}

/// A table cell: its class attribute and its text (tags stripped, entities decoded).
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    class: String,
    text: String,
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(out.trim())
}

fn cells(row: &str) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut rest = row;
    loop {
        let start = match (rest.find("<td"), rest.find("<th")) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        let tag = &rest[start + 1..start + 3];
        let open_end = start + rest[start..].find('>').unwrap();
        let attrs = &rest[start + 3..open_end];
        let class = attrs
            .find("class=\"")
            .map(|i| {
                let v = &attrs[i + 7..];
                v[..v.find('"').unwrap()].to_string()
            })
            .unwrap_or_default();
        let close = format!("</{tag}>");
        let inner_end = open_end + rest[open_end..].find(&close).unwrap();
        out.push(Cell {
            class,
            text: strip_tags(&rest[open_end + 1..inner_end]),
        });
        rest = &rest[inner_end + close.len()..];
    }
    out
}

/// The body rows of every `<table class="{class}">` in a page.
fn tables(html: &str, class: &str) -> Vec<Vec<Vec<Cell>>> {
    let marker = format!(r#"<table class="{class}">"#);
    html.match_indices(&marker)
        .map(|(i, _)| {
            let t = &html[i..i + html[i..].find("</table>").unwrap()];
            let body = &t[t.find("<tbody>").unwrap()..];
            body.split("<tr").skip(1).map(cells).collect()
        })
        .collect()
}

/// The texts of a row's cells.
fn texts(row: &[Cell]) -> Vec<&str> {
    row.iter().map(|c| c.text.as_str()).collect()
}

/// The page text from the element with `id` to the end of its `<li>` or `<section>`.
fn element_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(r#"id="{id}""#))
        .unwrap_or_else(|| panic!("an element {id} in the page"));
    let end = ["</li>", "</section>"]
        .iter()
        .filter_map(|e| html[start..].find(e))
        .min()
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// A rater: a browser without cookies and a personal token.
struct Rater {
    b: Browser,
    token: String,
}

impl Rater {
    fn new(app: &TestApp, token: &str) -> Rater {
        Rater {
            b: app.browser(),
            token: token.to_string(),
        }
    }

    /// One answer, as the page script sends it.
    async fn answer(&self, item: &str, score: &str, comment: &str) -> reqwest::Response {
        self.b
            .client
            .post(self.b.url(&format!("/r/{}/answer", self.token)))
            .header("x-mot-fetch", "1")
            .form(&[("item_id", item), ("score", score), ("comment", comment)])
            .send()
            .await
            .unwrap()
    }

    /// An answer that must be taken.
    async fn answers(&self, item: Id, score: &str) {
        let res = self.answer(&item.to_string(), score, "").await;
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "{item} = {score}: {}",
            res.text().await.unwrap()
        );
    }

    async fn submit(&self) -> reqwest::Response {
        self.b
            .client
            .post(self.b.url(&format!("/r/{}/submit", self.token)))
            .header("x-mot-fetch", "1")
            .send()
            .await
            .unwrap()
    }

    /// The whole form, as a browser without script posts it.
    async fn form(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        self.b.post(&format!("/r/{}", self.token), fields).await
    }

    async fn page(&self) -> reqwest::Response {
        self.b.get(&format!("/r/{}", self.token)).await
    }
}

/// A business with two branches, a journey with three notes (one per stage),
/// a template made from that journey and an open round for both branches.
struct Audit {
    w: World,
    north: Branch,
    south: Branch,
    m: Vec<Moment>,
    template: Template,
    round: Round,
    /// The round's items, in template order.
    items: Vec<Id>,
}

impl Audit {
    async fn new(app: &TestApp) -> Audit {
        let w = World::new(&app.store, "Acme").await;
        let north = app
            .store
            .add_branch(w.ws, w.business.id, "North")
            .await
            .unwrap();
        let south = app
            .store
            .add_branch(w.ws, w.business.id, "South")
            .await
            .unwrap();
        let mut m = Vec::new();
        for (stage, title) in [
            (0, "Finds the shop"),
            (1, "Pays at the till"),
            (2, "Delivery arrives"),
        ] {
            m.push(w.note(&app.store, stage, title).await);
        }
        let template = app
            .store
            .create_template_from_journey(w.ws, w.journey.id)
            .await
            .unwrap();
        let round = app
            .store
            .start_round(
                w.ws,
                w.business.id,
                template.id,
                "Spring audit",
                date::today(),
                date::today(),
                vec![north.id, south.id],
            )
            .await
            .unwrap();
        let items = app
            .store
            .round_items(round.id)
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.id)
            .collect();
        Audit {
            w,
            north,
            south,
            m,
            template,
            round,
            items,
        }
    }

    fn bid(&self) -> Id {
        self.w.business.id
    }

    /// `/b/{bid}/rounds/{rid}` and anything after it.
    fn round_path(&self, rest: &str) -> String {
        format!("/b/{}/rounds/{}{rest}", self.bid(), self.round.id)
    }

    /// Personal links straight through the store: their tokens.
    async fn links(
        &self,
        app: &TestApp,
        branch: &Branch,
        group: RaterGroup,
        labels: &[&str],
    ) -> Vec<String> {
        app.store
            .create_rater_links(
                self.w.ws,
                self.round.id,
                branch.id,
                group,
                labels.iter().map(|l| l.to_string()).collect(),
            )
            .await
            .unwrap()
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    /// Everything of the business's audits that a refused request must leave alone.
    async fn state(&self, app: &TestApp) -> AuditState {
        audit_state(app, self.w.ws, self.bid(), self.w.journey.id).await
    }
}

type AuditState = (
    Vec<Branch>,
    Vec<(Id, String)>,
    Vec<Template>,
    Vec<Round>,
    Vec<Vec<RaterLink>>,
    Vec<Standard>,
);

async fn audit_state(app: &TestApp, ws: Id, bid: Id, jid: Id) -> AuditState {
    let s = &app.store;
    let templates = s.templates(ws).await.unwrap();
    let mut full = Vec::new();
    for (id, _) in &templates {
        full.push(s.template(ws, *id).await.unwrap());
    }
    let rounds = s.rounds(ws, bid).await.unwrap();
    let mut links = Vec::new();
    for r in &rounds {
        links.push(s.rater_links(ws, r.id).await.unwrap());
    }
    (
        s.branches(ws, bid).await.unwrap(),
        templates,
        full,
        rounds,
        links,
        s.standards(ws, jid).await.unwrap(),
    )
}

on_both! {
    async fn an_owner_adds_branches_and_templates_edits_items_and_starts_a_round_with_forms(app) {
        let w = World::new(&app.store, "Acme").await;
        let bid = w.business.id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let m = w.note(&app.store, 0, "Finds the shop").await;

        // Branches.
        for name in ["North", "  South "] {
            let res = owner.submit(&format!("/b/{bid}/branches"), &[("name", name)]).await;
            redirected(&res, &format!("/b/{bid}#branches"), "add a branch");
        }
        let branches = app.store.branches(w.ws, bid).await.unwrap();
        assert_eq!(branches.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["North", "South"]);
        let page = ok_page(owner.get(&format!("/b/{bid}")).await, "the business page").await;
        assert!(page.contains("North") && page.contains("South"), "{page}");
        assert!(page.contains("The Moments of Truth audit (15 items)") && page.contains("From the journey “New customer buys a sofa”"), "{page}");

        // The default template: 15 items in the method's three phases.
        let res = owner.submit(&format!("/b/{bid}/templates"), &[("from", "default")]).await;
        let tid = id_in_location(&res);
        redirected(&res, &format!("/b/{bid}/templates/{tid}"), "create the default template");
        let t = app.store.template(w.ws, tid).await.unwrap();
        assert_eq!(t.name, "Moments of Truth audit");
        let want: Vec<(String, String)> = mot_core::audit::default_template().into_iter().flat_map(|(p, items)| items.into_iter().map(move |i| (p.to_string(), i.to_string()))).collect();
        assert_eq!(want.len(), 15);
        assert_eq!(t.items.iter().map(|i| (i.phase.clone(), i.text.clone())).collect::<Vec<_>>(), want);
        let page = ok_page(owner.get(&format!("/b/{bid}/templates/{tid}")).await, "the template page").await;
        assert_eq!(page.matches(r#"name="text" required maxlength="300" value=""#).count(), 15, "one editable row per item");
        for phase in ["Pre-engagement", "Engagement", "Post-sale engagement"] {
            assert!(page.contains(&format!("<h2>{phase}</h2>")), "{phase}");
        }

        // Reword an item, give it guidance and a moment; move one; remove one; add two.
        let items = |t: &Template| t.items.iter().map(|i| i.id).collect::<Vec<_>>();
        let ids = items(&t);
        let at = format!("/b/{bid}/templates/{tid}");
        let res = owner.submit(&format!("{at}/items/{}", ids[0]), &[("text", "Website, brochure and social media"), ("guidance", "Answers within a day"), ("moment_id", &m.id.to_string())]).await;
        redirected(&res, &at, "edit an item");
        let res = owner.submit(&format!("{at}/items/{}/move", ids[2]), &[("delta", "-1")]).await;
        redirected(&res, &at, "move an item up");
        let res = owner.submit(&format!("{at}/items/{}", ids[14]), &[("text", "Warranty / guarantee"), ("remove", "1")]).await;
        redirected(&res, &at, "remove an item");
        let res = owner.submit(&format!("{at}/items"), &[("phase", "Engagement"), ("text", "Toilets are clean"), ("guidance", "")]).await;
        redirected(&res, &at, "add an item to a phase");
        let res = owner.submit(&format!("{at}/items"), &[("phase", "Follow-up"), ("text", "Thank-you card"), ("moment_id", "")]).await;
        redirected(&res, &at, "add an item in a new phase");
        let t = app.store.template(w.ws, tid).await.unwrap();
        assert_eq!(t.items.len(), 16);
        let first = &t.items[0];
        assert_eq!((first.text.as_str(), first.guidance.as_str(), first.moment_id), ("Website, brochure and social media", "Answers within a day", Some(m.id)));
        assert_eq!(items(&t)[1..3], [ids[2], ids[1]], "moved up within its phase");
        assert!(!items(&t).contains(&ids[14]));
        assert_eq!((t.items[11].phase.as_str(), t.items[11].text.as_str()), ("Engagement", "Toilets are clean"), "at the end of its phase");
        assert_eq!((t.items[15].phase.as_str(), t.items[15].text.as_str()), ("Follow-up", "Thank-you card"), "a new phase goes last");
        let page = ok_page(owner.get(&at).await, "the template page").await;
        assert!(page.contains("<h2>Follow-up</h2>") && page.contains("Answers within a day"), "{page}");

        // Bad template input: 4xx, and nothing changes.
        let rival = World::new(&app.store, "Rival").await;
        let rival_note = rival.note(&app.store, 0, "Rival note").await;
        let before = audit_state(&app, w.ws, bid, w.journey.id).await;
        let long_text = "t".repeat(301);
        let long_guidance = "g".repeat(2001);
        let (rival_j, rival_m) = (format!("journey:{}", rival.journey.id), rival_note.id.to_string());
        let item = format!("{at}/items/{}", ids[3]);
        for (path, fields, status) in [
            (format!("/b/{bid}/templates"), vec![("from", "journey:abc")], StatusCode::UNPROCESSABLE_ENTITY),
            (format!("/b/{bid}/templates"), vec![("from", "somewhere")], StatusCode::UNPROCESSABLE_ENTITY),
            (format!("/b/{bid}/templates"), vec![("from", rival_j.as_str())], StatusCode::NOT_FOUND),
            (format!("{at}/items"), vec![("phase", "Engagement"), ("text", "  ")], StatusCode::UNPROCESSABLE_ENTITY),
            (format!("{at}/items"), vec![("phase", ""), ("text", "No phase")], StatusCode::UNPROCESSABLE_ENTITY),
            (format!("{at}/items"), vec![("phase", "Engagement"), ("text", long_text.as_str())], StatusCode::UNPROCESSABLE_ENTITY),
            (format!("{at}/items"), vec![("phase", "Engagement"), ("text", "Ok"), ("guidance", long_guidance.as_str())], StatusCode::UNPROCESSABLE_ENTITY),
            (format!("{at}/items"), vec![("phase", "Engagement"), ("text", "Ok"), ("moment_id", "m1")], StatusCode::UNPROCESSABLE_ENTITY),
            (format!("{at}/items"), vec![("phase", "Engagement"), ("text", "Ok"), ("moment_id", rival_m.as_str())], StatusCode::NOT_FOUND),
            (item.clone(), vec![("text", "")], StatusCode::UNPROCESSABLE_ENTITY),
            (item.clone(), vec![("text", "Ok"), ("moment_id", rival_m.as_str())], StatusCode::NOT_FOUND),
            (format!("{at}/items/987654321"), vec![("text", "Ok")], StatusCode::NOT_FOUND),
            (format!("{item}/move"), vec![("delta", "up")], StatusCode::UNPROCESSABLE_ENTITY),
            (format!("{at}/items/987654321/move"), vec![("delta", "1")], StatusCode::NOT_FOUND),
            (format!("/b/{bid}/templates/987654321/items"), vec![("phase", "P"), ("text", "Ok")], StatusCode::NOT_FOUND),
            (format!("/b/{bid}/templates/abc/items"), vec![("phase", "P"), ("text", "Ok")], StatusCode::NOT_FOUND),
        ] {
            refused(owner.submit(&path, &fields).await, status, &format!("{path} {fields:?}")).await;
        }
        assert_eq!(audit_state(&app, w.ws, bid, w.journey.id).await, before, "nothing changed");

        // A template from a journey without notes is refused; one with notes has an item per note.
        let empty = app.store.create_journey(w.ws, bid, "Empty", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        let page = refused(owner.submit(&format!("/b/{bid}/templates"), &[("from", &format!("journey:{}", empty.id))]).await, StatusCode::CONFLICT, "an empty journey").await;
        assert!(page.contains("This journey has no moments yet"), "{page}");
        w.note(&app.store, 2, "Delivery arrives").await;
        let res = owner.submit(&format!("/b/{bid}/templates"), &[("from", &format!("journey:{}", w.journey.id))]).await;
        let jt = app.store.template(w.ws, id_in_location(&res)).await.unwrap();
        assert_eq!(jt.name, "New customer buys a sofa audit");
        assert_eq!(jt.items.iter().map(|i| (i.phase.as_str(), i.text.as_str())).collect::<Vec<_>>(), [("Pre-engagement", "Finds the shop"), ("Post-sale", "Delivery arrives")]);
        assert!(jt.items.iter().all(|i| i.moment_id.is_some()));

        // A round for both branches.
        let (n, s) = (branches[0].id.to_string(), branches[1].id.to_string());
        let (today, later) = (day(0), day(14));
        let res = owner.submit(&format!("/b/{bid}/rounds"), &[("name", "Spring audit"), ("template_id", &tid.to_string()), ("opens_on", &today), ("closes_on", &later), ("branch_ids", &n), ("branch_ids", &s)]).await;
        let rid = id_in_location(&res);
        redirected(&res, &format!("/b/{bid}/rounds/{rid}"), "start a round");
        let r = app.store.round(w.ws, rid).await.unwrap();
        assert_eq!((r.name.as_str(), r.closed, r.branch_ids.clone()), ("Spring audit", false, vec![branches[0].id, branches[1].id]));
        assert_eq!((date::format(r.opens_on), date::format(r.closes_on)), (today.clone(), later.clone()));
        let round_items = app.store.round_items(rid).await.unwrap();
        assert_eq!(round_items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), t.items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>());
        let page = ok_page(owner.get(&format!("/b/{bid}/rounds/{rid}")).await, "the round page").await;
        assert!(page.contains("Spring audit") && page.contains("16 items") && page.contains("<strong>0 of 0</strong> raters handed in"), "{page}");
        assert!(page.contains("No raters invited yet"), "{page}");
        let page = ok_page(owner.get(&format!("/b/{bid}")).await, "the business page").await;
        assert!(page.contains(&format!("/b/{bid}/rounds/{rid}/results")), "{page}");

        // The client's audit as asked in this round, saved as a template of
        // the workspace: the same items, phases, guidance and moments.
        assert!(page.contains(&format!("value=\"round:{rid}\"")), "offered: {page}");
        let res = owner.submit(&format!("/b/{bid}/templates"), &[("from", &format!("round:{rid}"))]).await;
        let copy = app.store.template(w.ws, id_in_location(&res)).await.unwrap();
        assert_eq!(copy.name, "Spring audit (template)");
        let asked = |items: Vec<(&str, &str, &str, Option<mot_core::Id>)>| items.into_iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d)).collect::<Vec<_>>();
        assert_eq!(
            asked(copy.items.iter().map(|i| (i.phase.as_str(), i.text.as_str(), i.guidance.as_str(), i.moment_id)).collect()),
            asked(round_items.iter().map(|i| (i.phase.as_str(), i.text.as_str(), i.guidance.as_str(), i.moment_id)).collect()),
        );
        let rival_round = {
            let rb = app.store.add_branch(rival.ws, rival.business.id, "Rival branch").await.unwrap();
            let rt = app.store.create_default_template(rival.ws).await.unwrap();
            app.store.start_round(rival.ws, rival.business.id, rt.id, "Theirs", mot_core::date::today(), mot_core::date::today(), vec![rb.id]).await.unwrap().id
        };
        refused(owner.submit(&format!("/b/{bid}/templates"), &[("from", &format!("round:{rival_round}"))]).await, StatusCode::NOT_FOUND, "another workspace's round").await;
        refused(owner.submit(&format!("/b/{bid}/templates"), &[("from", "round:x")]).await, StatusCode::UNPROCESSABLE_ENTITY, "not a round").await;
        // The same through the API; a journey and a round together are refused.
        let api = app.api(&w.owner_token);
        let (status, body) = api.post("/api/v1/templates", serde_json::json!({ "round_id": rid })).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["name"], "Spring audit (template)");
        assert_eq!(body["items"].as_array().map(Vec::len), Some(round_items.len()));
        let (status, body) = api.post("/api/v1/templates", serde_json::json!({ "round_id": rid, "journey_id": w.journey.id })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, _) = api.post("/api/v1/templates", serde_json::json!({ "round_id": rival_round })).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Bad round input.
        let other_business = app.store.create_business(w.ws, "Second shop").await.unwrap();
        let elsewhere = app.store.add_branch(w.ws, other_business.id, "Elsewhere").await.unwrap().id.to_string();
        let empty_t = app.store.create_template(w.ws, "Empty", vec![]).await.unwrap().id.to_string();
        let rival_t = app.store.create_default_template(rival.ws).await.unwrap().id.to_string();
        let tid_s = tid.to_string();
        let yesterday = day(-1);
        let before = audit_state(&app, w.ws, bid, w.journey.id).await;
        let base = |name: &'static str, template: &str, opens: &str, closes: &str| vec![("name", name.to_string()), ("template_id", template.to_string()), ("opens_on", opens.to_string()), ("closes_on", closes.to_string())];
        for (mut fields, branch_ids, status, needle) in [
            (base("Bad", &tid_s, &today, &yesterday), vec![n.as_str()], StatusCode::UNPROCESSABLE_ENTITY, "closing date: is before the opening date"),
            (base("Bad", &tid_s, &today, &later), vec![], StatusCode::UNPROCESSABLE_ENTITY, "choose at least one branch"),
            (base("Bad", &tid_s, &today, &later), vec!["north"], StatusCode::UNPROCESSABLE_ENTITY, "branches: "),
            (base("Bad", "", &today, &later), vec![n.as_str()], StatusCode::UNPROCESSABLE_ENTITY, "template: "),
            (base("Bad", &tid_s, "soon", &later), vec![n.as_str()], StatusCode::UNPROCESSABLE_ENTITY, "opening date: "),
            (base("  ", &tid_s, &today, &later), vec![n.as_str()], StatusCode::UNPROCESSABLE_ENTITY, "name"),
            (base("Bad", &empty_t, &today, &later), vec![n.as_str()], StatusCode::CONFLICT, "This template has no items"),
            (base("Bad", &tid_s, &today, &later), vec![elsewhere.as_str()], StatusCode::NOT_FOUND, ""),
            (base("Bad", &rival_t, &today, &later), vec![n.as_str()], StatusCode::NOT_FOUND, ""),
        ] {
            for b in &branch_ids {
                fields.push(("branch_ids", b.to_string()));
            }
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let page = refused(owner.submit(&format!("/b/{bid}/rounds"), &fields).await, status, needle).await;
            assert!(page.contains(needle), "{needle}: {page}");
        }
        assert_eq!(audit_state(&app, w.ws, bid, w.journey.id).await, before, "no round was started");
    }

    async fn raters_answer_by_link_with_and_without_script_hand_in_once_and_see_only_their_own_answers(app) {
        let a = Audit::new(&app).await;
        let owner = app.signed_in(a.w.ws, a.w.owner.id).await;
        let (i1, i2, i3) = (a.items[0], a.items[1], a.items[2]);

        // Links, made on the round page: shown once, then never again.
        let page = ok_page(owner.submit(&a.round_path("/links"), &[("branch_id", &a.north.id.to_string()), ("group", "staff"), ("labels", "Ann\r\n\r\nBo\r\n")]).await, "make named links").await;
        assert!(page.contains("New rater links") && page.contains("shown only once"), "{page}");
        let named = rater_tokens(&page);
        assert_eq!(named.len(), 2, "{page}");
        let page = ok_page(owner.submit(&a.round_path("/links"), &[("branch_id", &a.south.id.to_string()), ("group", "friend"), ("labels", "2")]).await, "make numbered links").await;
        let numbered = rater_tokens(&page);
        assert_eq!(numbered.len(), 2, "{page}");
        assert!(page.contains("Friend 1") && page.contains("Friend 2"));
        assert!(page.contains("<svg"), "a QR code per new link");
        let links = app.store.rater_links(a.w.ws, a.round.id).await.unwrap();
        assert_eq!(links.iter().map(|l| (l.label.as_str(), l.group, l.branch_id)).collect::<Vec<_>>(), [
            ("Ann", RaterGroup::Staff, a.north.id), ("Bo", RaterGroup::Staff, a.north.id),
            ("Friend 1", RaterGroup::Friend, a.south.id), ("Friend 2", RaterGroup::Friend, a.south.id),
        ]);
        let page = ok_page(owner.get(&a.round_path("")).await, "the round page").await;
        assert!(page.contains("Ann") && page.contains("Friend 2"));
        assert!(rater_tokens(&page).is_empty(), "no token is shown again: {page}");
        for t in named.iter().chain(&numbered) {
            assert!(!page.contains(t.as_str()));
        }
        let north = a.north.id.to_string();
        for (fields, status) in [
            (vec![("branch_id", "x"), ("group", "staff"), ("labels", "A")], StatusCode::UNPROCESSABLE_ENTITY),
            (vec![("branch_id", north.as_str()), ("group", "boss"), ("labels", "A")], StatusCode::UNPROCESSABLE_ENTITY),
            (vec![("branch_id", north.as_str()), ("group", "staff"), ("labels", "501")], StatusCode::UNPROCESSABLE_ENTITY),
            (vec![("branch_id", north.as_str()), ("group", "staff"), ("labels", "  ")], StatusCode::UNPROCESSABLE_ENTITY),
            (vec![("branch_id", "987654321"), ("group", "staff"), ("labels", "A")], StatusCode::NOT_FOUND),
        ] {
            refused(owner.submit(&a.round_path("/links"), &fields).await, status, &format!("{fields:?}")).await;
        }
        assert_eq!(app.store.rater_links(a.w.ws, a.round.id).await.unwrap().len(), 4);

        let ann = Rater::new(&app, &named[0]);
        let bo = Rater::new(&app, &named[1]);
        let page = ann.page().await;
        assert_eq!(page.headers()["cache-control"], "no-store");
        let page = ok_page(page, "Ann's page").await;
        for want in ["Spring audit", "Acme Furniture", "North", "Finds the shop", "Pays at the till", "Delivery arrives", "0 of 3 answered"] {
            assert!(page.contains(want), "{want}: {page}");
        }
        assert!(!page.contains(" checked"), "nothing answered yet");

        // Answers by fetch: sending the same answer again counts once; a change replaces it.
        for _ in 0..2 {
            let res = ann.answer(&i1.to_string(), "8", "Easy to find").await;
            assert_eq!(res.status(), StatusCode::OK);
            assert_eq!(res.json::<Value>().await.unwrap(), serde_json::json!({"ok": true}));
        }
        assert_eq!(ann.answer(&i1.to_string(), "7", "Easy to find").await.status(), StatusCode::OK);
        let answers = app.store.rater_view(&named[0]).await.unwrap().answers;
        assert_eq!(answers.iter().map(|(i, s, _)| (*i, *s)).collect::<Vec<_>>(), [(i1, Some(7))]);
        assert!(app.store.round_scores(a.w.ws, a.round.id).await.unwrap().is_empty(), "not counted before handing in");
        let page = ok_page(ann.page().await, "Ann's page").await;
        assert!(page.contains("1 of 3 answered") && page.contains(&format!(r#"name="s{i1}" value="7" checked"#)) && page.contains("Easy to find"), "{page}");
        // Bo sees none of Ann's answers.
        let page = ok_page(bo.page().await, "Bo's page").await;
        assert!(!page.contains(" checked") && !page.contains("Easy to find") && page.contains("0 of 3 answered"), "{page}");

        // Bad answers: 422 (or 404 for a token that is not one), nothing saved.
        let other_round = app.store.start_round(a.w.ws, a.bid(), a.template.id, "Other", date::today(), date::today(), vec![a.north.id]).await.unwrap();
        let foreign_item = app.store.round_items(other_round.id).await.unwrap()[0].id.to_string();
        let long_comment = "c".repeat(1001);
        let i1s = i1.to_string();
        for (item, score, comment, needle) in [
            (i1s.as_str(), "0", "", "0 is not a score"),
            (i1s.as_str(), "11", "", "11 is not a score"),
            (i1s.as_str(), "-3", "", "is not a score"),
            (i1s.as_str(), "abc", "", "give 1 (low) to 10 (high)"),
            (i1s.as_str(), "", "", "give 1 (low) to 10 (high)"),
            (i1s.as_str(), "7.5", "", "give 1 (low) to 10 (high)"),
            ("987654321", "5", "", "this item is not part of this audit"),
            (foreign_item.as_str(), "5", "", "this item is not part of this audit"),
            ("x", "5", "", "item: "),
            (i1s.as_str(), "5", long_comment.as_str(), "comment"),
        ] {
            let body = refused(bo.answer(item, score, comment).await, StatusCode::UNPROCESSABLE_ENTITY, &format!("{item} = {score:?}")).await;
            assert!(body.contains(needle), "{needle}: {body}");
        }
        let forged = Rater::new(&app, &mot_store::random_token());
        refused(forged.page().await, StatusCode::NOT_FOUND, "a forged token's page").await;
        refused(forged.answer(&i1s, "5", "").await, StatusCode::NOT_FOUND, "a forged token answers").await;
        refused(forged.submit().await, StatusCode::NOT_FOUND, "a forged token hands in").await;
        refused(forged.form(&[(&format!("s{i1}"), "5")]).await, StatusCode::NOT_FOUND, "a forged token posts the form").await;
        for bad in ["abc", "0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcdef0"] {
            let r = Rater::new(&app, bad);
            refused(r.page().await, StatusCode::NOT_FOUND, bad).await;
            refused(r.answer(&i1s, "5", "").await, StatusCode::NOT_FOUND, bad).await;
        }
        assert_eq!(app.store.rater_view(&named[1]).await.unwrap().answers.len(), 0, "nothing saved");
        assert_eq!(app.store.rater_view(&named[0]).await.unwrap().answers.len(), 1, "nothing saved");

        // Without script: the whole form, checked before anything is written.
        let (s1, s2, s3, c1) = (format!("s{i1}"), format!("s{i2}"), format!("s{i3}"), format!("c{i1}"));
        let page = refused(bo.form(&[(&s1, "5"), (&s2, "11"), ("submit", "0")]).await, StatusCode::UNPROCESSABLE_ENTITY, "one bad score").await;
        assert!(page.contains("11 is not a score"), "{page}");
        assert!(app.store.rater_view(&named[1]).await.unwrap().answers.is_empty(), "all or nothing");
        let res = bo.form(&[(&s1, "5"), (&c1, "Friendly <b>staff</b>"), (&s2, "na"), ("submit", "0")]).await;
        redirected(&res, &format!("/r/{}", named[1]), "save without handing in");
        let page = ok_page(bo.page().await, "Bo's page").await;
        assert!(page.contains("2 of 3 answered") && page.contains(&format!(r#"name="{s2}" value="na" checked"#)), "{page}");
        assert!(page.contains("Friendly &lt;b&gt;staff&lt;/b&gt;"), "the comment, escaped: {page}");
        let res = bo.form(&[(&s3, "6"), ("submit", "1")]).await;
        redirected(&res, &format!("/r/{}", named[1]), "hand in without script");
        let page = ok_page(bo.page().await, "Bo's page after handing in").await;
        assert!(page.contains("Thank you: your answers are handed in.") && page.contains("disabled"), "{page}");
        assert!(page.contains(&format!(r#"name="{s1}" value="5" checked"#)), "earlier answers kept: {page}");

        // After handing in: 409 on every way of answering.
        for res in [bo.form(&[(&s1, "9")]).await, bo.answer(&i1s, "9", "").await, bo.submit().await] {
            let body = refused(res, StatusCode::CONFLICT, "after handing in").await;
            assert!(body.contains("You already handed in this audit"), "{body}");
        }
        let res = ann.submit().await;
        assert_eq!(res.status(), StatusCode::OK);
        let body = refused(ann.submit().await, StatusCode::CONFLICT, "handing in twice").await;
        assert!(body.contains("You already handed in this audit"), "{body}");
        refused(ann.answer(&i2.to_string(), "3", "").await, StatusCode::CONFLICT, "answering after hand-in").await;
        let scores = app.store.round_scores(a.w.ws, a.round.id).await.unwrap();
        let mut got: Vec<(Id, u8)> = scores.iter().map(|s| (s.item_id, s.score)).collect();
        got.sort();
        let mut want = vec![(i1, 7), (i1, 5), (i3, 6)];
        want.sort();
        assert_eq!(got, want, "not-applicable answers are not scores");

        // Progress on the round page.
        let page = ok_page(owner.get(&a.round_path("")).await, "the round page").await;
        assert!(page.contains("<strong>2 of 4</strong> raters handed in"), "{page}");
        let raters = &tables(&page, "raters")[0];
        let rows: Vec<Vec<&str>> = raters.iter().map(|r| texts(r)[..5].to_vec()).collect();
        assert_eq!(rows, [
            ["Ann", "Staff", "North", "1 / 3", "✓ handed in"],
            ["Bo", "Staff", "North", "3 / 3", "✓ handed in"],
            ["Friend 1", "Friend", "South", "0 / 3", "not started"],
            ["Friend 2", "Friend", "South", "0 / 3", "not started"],
        ]);

        // A reminder: a new link for the same rater; the old one stops, the answers stay.
        let friend1 = Rater::new(&app, &numbered[0]);
        friend1.answers(i1, "4").await;
        let link = app.store.rater_links(a.w.ws, a.round.id).await.unwrap().into_iter().find(|l| l.label == "Friend 1").unwrap();
        assert!(page.contains(&a.round_path(&format!("/links/{}/remind", link.id))), "a remind button");
        let page = ok_page(owner.submit(&a.round_path(&format!("/links/{}/remind", link.id)), &[]).await, "remind").await;
        let fresh = rater_tokens(&page);
        assert_eq!(fresh.len(), 1, "{page}");
        assert_ne!(fresh[0], numbered[0]);
        refused(friend1.page().await, StatusCode::NOT_FOUND, "the old link").await;
        let body = refused(friend1.answer(&i2.to_string(), "4", "").await, StatusCode::NOT_FOUND, "the old link answers").await;
        assert!(body.contains("replaced by a newer one"), "{body}");
        let friend1 = Rater::new(&app, &fresh[0]);
        let page = ok_page(friend1.page().await, "the new link").await;
        assert!(page.contains("1 of 3 answered") && page.contains(&format!(r#"name="{s1}" value="4" checked"#)), "{page}");
        friend1.answers(i2, "2").await;
        assert!(app.store.rater_links(a.w.ws, a.round.id).await.unwrap().iter().any(|l| l.label == "Friend 1" && l.reminded_at.is_some() && l.answered == 2));
        refused(owner.submit(&a.round_path("/links/987654321/remind"), &[]).await, StatusCode::NOT_FOUND, "an unknown link").await;

        // Closing the round: every way of answering is 409, the page says so.
        let res = owner.submit(&a.round_path("/close"), &[]).await;
        redirected(&res, &a.round_path(""), "close the round");
        assert!(app.store.round(a.w.ws, a.round.id).await.unwrap().closed);
        let friend2 = Rater::new(&app, &numbered[1]);
        for res in [friend2.answer(&i1s, "9", "").await, friend2.form(&[(&s1, "9"), ("submit", "1")]).await, friend2.submit().await] {
            let body = refused(res, StatusCode::CONFLICT, "a closed round").await;
            assert!(body.contains("This audit is closed"), "{body}");
        }
        let page = ok_page(friend2.page().await, "a closed round's page").await;
        assert!(page.contains("This audit is closed.") && page.contains("disabled"), "{page}");
        let page = ok_page(owner.get(&a.round_path("")).await, "the closed round").await;
        assert!(page.contains("closed") && !page.contains("/remind") && !page.contains("Make links"), "{page}");
        // Ann's and Bo's handed-in scores count; Friend 1's two answers were never handed in.
        assert_eq!(app.store.round_scores(a.w.ws, a.round.id).await.unwrap().len(), 3);
    }

    async fn results_show_hand_computed_figures_lowest_first_and_keep_answers_with_their_items(app) {
        let a = Audit::new(&app).await;
        let owner = app.signed_in(a.w.ws, a.w.owner.id).await;
        let i1 = a.items[0];
        let north_staff = a.links(&app, &a.north, RaterGroup::Staff, &["Sam"]).await;
        let north_friend = a.links(&app, &a.north, RaterGroup::Friend, &["Fay"]).await;
        let south_staff = a.links(&app, &a.south, RaterGroup::Staff, &["Stu"]).await;
        let south_friend = a.links(&app, &a.south, RaterGroup::Friend, &["Flo"]).await;
        //                 Finds the shop  Pays at the till  Delivery arrives
        // North staff          8                9                 7
        // North friend         4                8                n/a
        // South staff          8                3                 7
        // South friend         4                2                10
        for (token, scores) in [
            (&north_staff[0], ["8", "9", "7"]),
            (&north_friend[0], ["4", "8", "na"]),
            (&south_staff[0], ["8", "3", "7"]),
            (&south_friend[0], ["4", "2", "10"]),
        ] {
            let r = Rater::new(&app, token);
            for (item, score) in a.items.iter().zip(scores) {
                r.answers(*item, score).await;
            }
            // Retries of the same answer count once.
            r.answers(i1, scores[0]).await;
        }
        for token in [&north_staff[0], &north_friend[0], &south_staff[0]] {
            assert_eq!(Rater::new(&app, token).submit().await.status(), StatusCode::OK);
        }

        // The template changes while the round is open: the round keeps its items.
        let t = a.template.id;
        let at = format!("/b/{}/templates/{t}", a.bid());
        let res = owner.submit(&format!("{at}/items/{}", a.template.items[0].id), &[("text", "Finds the shop (reworded)"), ("moment_id", &a.m[0].id.to_string())]).await;
        redirected(&res, &at, "reword an item");
        let res = owner.submit(&format!("{at}/items/{}", a.template.items[2].id), &[("text", "Delivery arrives"), ("remove", "1")]).await;
        redirected(&res, &at, "remove an item");
        redirected(&owner.submit(&format!("{at}/items"), &[("phase", "Engagement"), ("text", "A new item")]).await, &at, "add an item");
        let page = ok_page(Rater::new(&app, &south_friend[0]).page().await, "a rater's page after the change").await;
        assert!(page.contains("Finds the shop") && !page.contains("reworded") && page.contains("Delivery arrives") && !page.contains("A new item"), "{page}");

        let page = ok_page(owner.get(&a.round_path("/results")).await, "results").await;
        assert!(page.contains("3 of 4 raters handed in"), "{page}");
        // Flo (south friend: 4, 2, 10) has not handed in: her answers are not counted, and the page says so.
        assert!(page.contains("1 rater has answered without handing in yet: those answers are not counted"), "{page}");
        let items = &tables(&page, "results")[0];
        let rows: Vec<Vec<&str>> = items.iter().map(|r| texts(r)).collect();
        // Item, mean, change, gap between groups, spread, median, count, phase; lowest first
        // (the first two tie at 20/3 and keep template order).
        assert_eq!(rows, [
            vec!["Finds the shop ⚑ inconsistent low mainly at North (6.0)", "6.7", "–", "⚑ Staff 8.0 vs Friend 4.0 (4.0)", "1.9", "8.0", "3", "Pre-engagement"],
            vec!["Pays at the till ⚑ inconsistent low mainly at South (3.0)", "6.7", "–", "⚑ Friend 8.0 vs Staff 6.0 (2.0)", "2.6", "8.0", "3", "Engagement"],
            vec!["Delivery arrives", "7.0", "–", "–", "0.0", "7.0", "2", "Post-sale"],
        ]);
        assert_eq!(items[1][3].class, "", "the gap cell holds a span");
        // Staff rate the shop 4 above friends and the till 2 below: each stands out from the other.
        assert!(page.contains(r#"<span class="gap notable">⚑ Staff 8.0 vs Friend 4.0 (4.0)</span>"#), "{page}");
        assert!(page.contains(r#"<span class="gap notable">⚑ Friend 8.0 vs Staff 6.0 (2.0)</span>"#), "{page}");

        // The heat map: one row per item, a cell per branch (North, South), the inconsistency.
        let heat = &tables(&page, "heatmap")[0];
        let cell = |c: &Cell| (c.class.clone(), c.text.clone());
        let got: Vec<Vec<(String, String)>> = heat.iter().map(|r| r.iter().map(cell).collect()).collect();
        let c = |class: &str, text: &str| (class.to_string(), text.to_string());
        assert_eq!(got, [
            vec![c("", "⚑ Finds the shop"), c("heat h6", "6.0"), c("heat h8", "8.0"), c("num", "2.0")],
            vec![c("", "⚑ Pays at the till"), c("heat h9", "8.5"), c("heat h3", "3.0"), c("num", "5.5")],
            vec![c("", "Delivery arrives"), c("heat h7", "7.0"), c("heat h7", "7.0"), c("num", "0.0")],
        ]);
        assert!(page.contains("<th>North</th><th>South</th><th>Inconsistency</th>"), "{page}");

        // By phase, group and branch.
        let summary = &tables(&page, "results")[1];
        let rows: Vec<Vec<&str>> = summary.iter().map(|r| texts(r)).collect();
        assert_eq!(rows, [
            vec!["Phase: Pre-engagement", "6.7", "8.0", "1.9", "3"],
            vec!["Phase: Engagement", "6.7", "8.0", "2.6", "3"],
            vec!["Phase: Post-sale", "7.0", "7.0", "0.0", "2"],
            // Staff: 8 9 7 8 3 7 (mean 7.0, median 7.5); Friend: 4 8 (mean 6.0).
            vec!["Group: Staff", "7.0", "7.5", "1.9", "6"],
            vec!["Group: Friend", "6.0", "6.0", "2.0", "2"],
            // North: 8 9 7 4 8 (7.2, 8); South: 8 3 7 (6.0, 7).
            vec!["Branch: North", "7.2", "8.0", "1.7", "5"],
            vec!["Branch: South", "6.0", "7.0", "2.2", "3"],
        ]);

        // The board note of a moment its item is linked to shows its latest score (handed in only).
        let board = ok_page(owner.get(&format!("/j/{}", a.w.journey.id)).await, "the board").await;
        assert!(element_with_id(&board, &format!("m-{}", a.m[0].id)).contains("audit 6.7/10"), "{board}");
        assert!(element_with_id(&board, &format!("m-{}", a.m[1].id)).contains("audit 6.7/10"));

        // Results are for people of the workspace: a member and a viewer may read them.
        for role in [Role::Member, Role::Viewer] {
            let b = app.signed_in(a.w.ws, a.w.person(&app.store, role).await.user.id).await;
            let page = ok_page(b.get(&a.round_path("/results")).await, "results for a member").await;
            assert!(page.contains("⚑ inconsistent"));
        }
        refused(owner.get(&a.round_path("/results.docx")).await, StatusCode::NOT_FOUND, "an unknown download").await;
    }

    async fn only_an_owner_or_facilitator_manages_audits_and_another_workspace_gets_404(app) {
        let a = Audit::new(&app).await;
        let tokens = a.links(&app, &a.north, RaterGroup::Staff, &["Ann"]).await;
        let (bid, jid, rid, tid) = (a.bid(), a.w.journey.id, a.round.id, a.template.id);
        let item = a.template.items[0].id;
        let link = app.store.rater_links(a.w.ws, rid).await.unwrap()[0].id;
        let mid = a.m[0].id;
        let (n, today) = (a.north.id.to_string(), day(0));
        let tid_s = tid.to_string();
        // Every manager route, with a form that would work for the owner.
        let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
            (format!("/b/{bid}/branches"), vec![("name", "Stolen")]),
            (format!("/b/{bid}/templates"), vec![("from", "default")]),
            (format!("/b/{bid}/templates/{tid}/items"), vec![("phase", "P"), ("text", "Stolen")]),
            (format!("/b/{bid}/templates/{tid}/items/{item}"), vec![("text", "Stolen")]),
            (format!("/b/{bid}/templates/{tid}/items/{item}/move"), vec![("delta", "1")]),
            (format!("/b/{bid}/rounds"), vec![("name", "Stolen"), ("template_id", &tid_s), ("opens_on", &today), ("closes_on", &today), ("branch_ids", &n)]),
            (format!("/b/{bid}/rounds/{rid}/links"), vec![("branch_id", &n), ("group", "staff"), ("labels", "Mallory")]),
            (format!("/b/{bid}/rounds/{rid}/links/{link}/remind"), vec![]),
            (format!("/b/{bid}/rounds/{rid}/close"), vec![]),
            (format!("/j/{jid}/standards/{mid}"), vec![("experience", "Stolen")]),
        ];
        let manager_gets = [format!("/b/{bid}/templates/{tid}"), format!("/b/{bid}/rounds/{rid}")];
        let reader_gets = [format!("/b/{bid}/rounds/{rid}/results"), format!("/j/{jid}/standards")];
        let before = a.state(&app).await;
        let ann = Rater::new(&app, &tokens[0]);

        // A member: 403 on every manager route; may read results and standards.
        let member = app.signed_in(a.w.ws, a.w.person(&app.store, Role::Member).await.user.id).await;
        for (path, fields) in &posts {
            let page = refused(member.submit(path, fields).await, StatusCode::FORBIDDEN, path).await;
            assert!(page.contains("Only an owner or a facilitator can do this."), "{path}: {page}");
        }
        for path in &manager_gets {
            refused(member.get(path).await, StatusCode::FORBIDDEN, path).await;
        }
        for path in &reader_gets {
            ok_page(member.get(path).await, path).await;
        }
        let page = ok_page(member.get(&format!("/j/{jid}/standards")).await, "standards").await;
        assert!(!page.contains("Save standard"), "read only for a member");
        // A facilitator manages.
        let facilitator = app.signed_in(a.w.ws, a.w.person(&app.store, Role::Facilitator).await.user.id).await;
        ok_page(facilitator.get(&manager_gets[1]).await, "a facilitator's round page").await;
        // A guest of the board is not signed in: sent to log in.
        let guest = app.guest(&a.w.journey, "Gus").await;
        for (path, fields) in &posts {
            redirected(&guest.submit(path, fields).await, "/login", path);
        }
        for path in manager_gets.iter().chain(&reader_gets) {
            redirected(&guest.get(path).await, "/login", path);
        }
        assert_eq!(a.state(&app).await, before, "nothing changed");
        ok_page(ann.page().await, "the reminded link still works").await;

        // Another workspace: 404 on all of it, and through its own ids pointing at ours.
        let rival = World::new(&app.store, "Rival").await;
        let rival_branch = app.store.add_branch(rival.ws, rival.business.id, "Rival branch").await.unwrap();
        let rival_t = app.store.create_default_template(rival.ws).await.unwrap();
        let rival_state = audit_state(&app, rival.ws, rival.business.id, rival.journey.id).await;
        let rb = rival.business.id;
        let page_of = app.signed_in(rival.ws, rival.owner.id).await;
        let (rb_s, rt_s) = (rival_branch.id.to_string(), rival_t.id.to_string());
        let mut cross = posts.clone();
        let from_ours = format!("journey:{jid}");
        cross.extend([
            (format!("/b/{rb}/templates"), vec![("from", from_ours.as_str())]),
            (format!("/b/{rb}/templates/{tid}/items"), vec![("phase", "P"), ("text", "Stolen")]),
            (format!("/b/{rb}/rounds"), vec![("name", "Stolen"), ("template_id", &tid_s), ("opens_on", &today), ("closes_on", &today), ("branch_ids", &rb_s)]),
            (format!("/b/{rb}/rounds"), vec![("name", "Stolen"), ("template_id", &rt_s), ("opens_on", &today), ("closes_on", &today), ("branch_ids", &n)]),
            (format!("/b/{rb}/rounds/{rid}/links"), vec![("branch_id", &n), ("group", "staff"), ("labels", "Mallory")]),
            (format!("/b/{rb}/rounds/{rid}/links/{link}/remind"), vec![]),
            (format!("/b/{rb}/rounds/{rid}/close"), vec![]),
            (format!("/j/{}/standards/{mid}", rival.journey.id), vec![("experience", "Stolen")]),
        ]);
        for (path, fields) in &cross {
            let page = refused(page_of.submit(path, fields).await, StatusCode::NOT_FOUND, path).await;
            assert!(!page.contains("Acme") && !page.contains("Spring audit"), "{path}: {page}");
        }
        for path in manager_gets.iter().chain(&reader_gets).cloned().chain([
            format!("/b/{rb}/templates/{tid}"),
            format!("/b/{rb}/rounds/{rid}"),
            format!("/b/{rb}/rounds/{rid}/results"),
        ]) {
            let page = refused(page_of.get(&path).await, StatusCode::NOT_FOUND, &path).await;
            assert!(!page.contains("Spring audit") && !page.contains("Finds the shop"), "{path}: {page}");
        }
        assert_eq!(a.state(&app).await, before, "nothing of ours changed");
        assert_eq!(audit_state(&app, rival.ws, rb, rival.journey.id).await, rival_state, "nor of theirs");
        ok_page(ann.page().await, "the rater's link was not replaced").await;

        // Another business of our own workspace does not reach this round either.
        let second = app.store.create_business(a.w.ws, "Second shop").await.unwrap();
        let owner = app.signed_in(a.w.ws, a.w.owner.id).await;
        let sb = second.id;
        for (path, fields) in [
            (format!("/b/{sb}/rounds/{rid}/links"), vec![("branch_id", n.as_str()), ("group", "staff"), ("labels", "Mallory")]),
            (format!("/b/{sb}/rounds/{rid}/links/{link}/remind"), vec![]),
            (format!("/b/{sb}/rounds/{rid}/close"), vec![]),
        ] {
            refused(owner.submit(&path, &fields).await, StatusCode::NOT_FOUND, &path).await;
        }
        for path in [format!("/b/{sb}/rounds/{rid}"), format!("/b/{sb}/rounds/{rid}/results")] {
            refused(owner.get(&path).await, StatusCode::NOT_FOUND, &path).await;
        }
        assert_eq!(a.state(&app).await, before, "no link made or replaced through another business");
        ok_page(ann.page().await, "the rater's link still works").await;
    }

    async fn a_saved_standard_shows_on_the_board_note_and_guides_the_raters(app) {
        let w = World::new(&app.store, "Acme").await;
        let jid = w.journey.id;
        let greet = w.note(&app.store, 0, "Greeted at the door").await;
        let pay = w.note(&app.store, 1, "Pays at the till").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;

        let page = ok_page(owner.get(&format!("/j/{jid}/standards")).await, "standards").await;
        assert!(page.contains("Greeted at the door") && page.contains("Pays at the till"));
        assert!(!page.contains("◆ standard"), "none yet");
        let res = owner.submit(&format!("/j/{jid}/standards/{}", greet.id), &[("experience", "Greeted within 10 seconds, with a smile"), ("highs", "Remembered by name"), ("risks", "Staff on the phone")]).await;
        redirected(&res, &format!("/j/{jid}/standards#std-{}", greet.id), "save a standard");
        let page = ok_page(owner.get(&format!("/j/{jid}/standards")).await, "standards").await;
        let section = element_with_id(&page, &format!("std-{}", greet.id));
        assert!(section.contains("◆ standard") && section.contains("Greeted within 10 seconds, with a smile") && section.contains("Remembered by name"), "{section}");
        assert!(!element_with_id(&page, &format!("std-{}", pay.id)).contains("◆ standard"));

        // The board note says so, for the owner and for a guest.
        let guest = app.guest(&w.journey, "Gus").await;
        for b in [&owner, &guest] {
            let board = ok_page(b.get(&format!("/j/{jid}")).await, "the board").await;
            assert!(element_with_id(&board, &format!("m-{}", greet.id)).contains("◆ standard"), "{board}");
            assert!(!element_with_id(&board, &format!("m-{}", pay.id)).contains("◆ standard"));
        }

        // Saving again replaces it; bad input changes nothing.
        let res = owner.submit(&format!("/j/{jid}/standards/{}", greet.id), &[("experience", "Greeted within 5 seconds"), ("highs", ""), ("risks", "")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let before = app.store.standards(w.ws, jid).await.unwrap();
        assert_eq!((before.len(), before[0].experience.as_str(), before[0].highs.as_str()), (1, "Greeted within 5 seconds", ""));
        let second = app.store.create_journey(w.ws, w.business.id, "Second", &mot_server::workspace::service::new_join_code(), &mot_store::random_token()).await.unwrap();
        let long = "e".repeat(2001);
        for (path, fields, status) in [
            (format!("/j/{jid}/standards/{}", pay.id), vec![("experience", long.as_str())], StatusCode::UNPROCESSABLE_ENTITY),
            (format!("/j/{}/standards/{}", second.id, pay.id), vec![("experience", "Wrong board")], StatusCode::NOT_FOUND),
            (format!("/j/{jid}/standards/987654321"), vec![("experience", "Nothing")], StatusCode::NOT_FOUND),
            (format!("/j/{jid}/standards/abc"), vec![("experience", "Nothing")], StatusCode::NOT_FOUND),
        ] {
            refused(owner.submit(&path, &fields).await, status, &path).await;
        }
        refused(owner.post(&format!("/j/{jid}/standards/{}", pay.id), &[("_csrf", "wrong"), ("experience", "No token")]).await, StatusCode::FORBIDDEN, "a wrong CSRF token").await;
        assert_eq!(app.store.standards(w.ws, jid).await.unwrap(), before);

        // A template made from the journey carries the standard to the raters.
        let branch = app.store.add_branch(w.ws, w.business.id, "Main street").await.unwrap();
        let t = app.store.create_template_from_journey(w.ws, jid).await.unwrap();
        assert_eq!(t.items[0].guidance, "Greeted within 5 seconds");
        let round = app.store.start_round(w.ws, w.business.id, t.id, "Standards check", date::today(), date::today(), vec![branch.id]).await.unwrap();
        let (_, token) = app.store.create_rater_links(w.ws, round.id, branch.id, RaterGroup::MysteryShopper, vec!["Shopper".into()]).await.unwrap().remove(0);
        let page = ok_page(Rater::new(&app, &token).page().await, "the rater's page").await;
        assert!(page.contains("Standard: <bdi>Greeted within 5 seconds</bdi>"), "{page}");
        let template_page = ok_page(owner.get(&format!("/b/{}/templates/{}", w.business.id, t.id)).await, "the template").await;
        assert!(template_page.contains("Greeted within 5 seconds"));
    }
}

/// The CSV download's records (BOM dropped).
fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    let text = text.trim_start_matches('\u{FEFF}');
    let mut out = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        // Quoted cells are not needed by these tests' plain texts; split simply.
        out.push(
            line.split(',')
                .map(|c| c.trim_matches('"').to_string())
                .collect(),
        );
    }
    out
}

/// Every string cell of every sheet of an XLSX download.
fn xlsx_strings(bytes: Vec<u8>) -> Vec<String> {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a workbook");
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a sheet");
        for (_, _, c) in range.used_cells() {
            if let Data::String(s) = c {
                out.push(s.clone());
            }
        }
    }
    out
}

async fn download(b: &Browser, path: &str) -> Vec<u8> {
    let res = b.get(path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.bytes().await.unwrap().to_vec()
}

on_both! {
    async fn one_rounding_rule_on_the_results_page_the_downloads_and_the_board_and_only_the_own_business_counts(app) {
        let a = Audit::new(&app).await;
        let owner = app.signed_in(a.w.ws, a.w.owner.id).await;
        // Four staff score "Finds the shop" 6, 6, 6, 7 and hand in: a mean of 6.25 exactly.
        let tokens = a.links(&app, &a.north, RaterGroup::Staff, &["A", "B", "C", "D"]).await;
        for (t, score) in tokens.iter().zip(["6", "6", "6", "7"]) {
            let r = Rater::new(&app, t);
            r.answers(a.items[0], score).await;
            assert_eq!(r.submit().await.status(), StatusCode::OK);
        }
        // Half away from zero, everywhere: 6.3 (halves to even would say 6.2).
        let page = ok_page(owner.get(&a.round_path("/results")).await, "results").await;
        let items = &tables(&page, "results")[0];
        let finds = items.iter().find(|r| r[0].text.starts_with("Finds the shop")).expect("the item's row");
        assert_eq!(finds[1].text, "6.3", "the page's mean");
        let csv = csv_records(&download(&owner, &a.round_path("/results.csv")).await);
        let mean = csv[0].iter().position(|c| c == "Mean").unwrap();
        let row = csv.iter().find(|r| r[1] == "Finds the shop").expect("the CSV row");
        assert_eq!(row[mean], "6.3", "the CSV's mean");
        let board = ok_page(owner.get(&format!("/j/{}", a.w.journey.id)).await, "the board").await;
        assert!(element_with_id(&board, &format!("m-{}", a.m[0].id)).contains("audit 6.3/10"), "the board: {board}");
        // The API gives the figure unrounded.
        let (status, body) = app.api(&a.w.owner_token).get(&format!("/api/v1/rounds/{}/results", a.round.id)).await;
        assert_eq!(status, StatusCode::OK);
        let item = body["report"]["items"].as_array().unwrap().iter().find(|i| i["item"]["text"] == "Finds the shop").unwrap().clone();
        assert_eq!(item["overall"]["mean"], 6.25);

        // Another business of the workspace answers the same template, its items linked to our
        // moments, with 1s: our board keeps its 6.3.
        let second = app.store.create_business(a.w.ws, "Second shop").await.unwrap();
        let harbour = app.store.add_branch(a.w.ws, second.id, "Harbour").await.unwrap();
        let theirs = app.store.start_round(a.w.ws, second.id, a.template.id, "Their audit", date::today(), date::today(), vec![harbour.id]).await.unwrap();
        let their_item = app.store.round_items(theirs.id).await.unwrap()[0].id;
        let (_, t) = app.store.create_rater_links(a.w.ws, theirs.id, harbour.id, RaterGroup::Staff, vec!["Z".into()]).await.unwrap().remove(0);
        let z = Rater::new(&app, &t);
        z.answers(their_item, "1").await;
        assert_eq!(z.submit().await.status(), StatusCode::OK);
        let board = ok_page(owner.get(&format!("/j/{}", a.w.journey.id)).await, "the board").await;
        let note = element_with_id(&board, &format!("m-{}", a.m[0].id));
        assert!(note.contains("audit 6.3/10") && !note.contains("audit 1.0/10"), "another business's round leaks onto the board: {note}");
    }

    async fn links_for_a_closed_round_are_refused_with_409_and_invite_nobody(app) {
        let a = Audit::new(&app).await;
        let owner = app.signed_in(a.w.ws, a.w.owner.id).await;
        a.links(&app, &a.north, RaterGroup::Staff, &["Ann"]).await;
        let api = app.api(&a.w.owner_token);
        let (status, _) = api.post(&format!("/api/v1/rounds/{}/close", a.round.id), serde_json::json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = api.post(&format!("/api/v1/rounds/{}/links", a.round.id), serde_json::json!({"branch_id": a.north.id, "group": "staff", "labels": ["Late"]})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_error_body(&body);
        assert!(body["error"]["message"].as_str().unwrap().contains("This round is closed"), "{body}");
        let page = refused(owner.submit(&a.round_path("/links"), &[("branch_id", &a.north.id.to_string()), ("group", "staff"), ("labels", "Later")]).await, StatusCode::CONFLICT, "links on a closed round").await;
        assert!(page.contains("This round is closed"), "{page}");
        assert!(rater_tokens(&page).is_empty(), "no link shown: {page}");
        assert_eq!(app.store.rater_links(a.w.ws, a.round.id).await.unwrap().len(), 1, "nobody invited");
        let (_, results) = api.get(&format!("/api/v1/rounds/{}/results", a.round.id)).await;
        assert_eq!((results["handed_in"].as_u64(), results["invited"].as_u64()), (Some(0), Some(1)));
    }

    async fn rater_comments_reach_the_owner_with_group_and_branch_never_the_person(app) {
        let a = Audit::new(&app).await;
        let owner = app.signed_in(a.w.ws, a.w.owner.id).await;
        let sam = a.links(&app, &a.south, RaterGroup::MysteryShopper, &["Samantha Secretname"]).await;
        let draft = a.links(&app, &a.north, RaterGroup::Staff, &["Dora Draftwriter"]).await;
        let sam = Rater::new(&app, &sam[0]);
        for (item, score, comment) in [(a.items[0], "3", "Sign hidden behind a van"), (a.items[1], "na", "Card reader broken <b>twice</b>"), (a.items[2], "9", "")] {
            assert_eq!(sam.answer(&item.to_string(), score, comment).await.status(), StatusCode::OK);
        }
        assert_eq!(sam.submit().await.status(), StatusCode::OK);
        let dora = Rater::new(&app, &draft[0]);
        assert_eq!(dora.answer(&a.items[0].to_string(), "2", "Not handed in yet").await.status(), StatusCode::OK);

        // The results page: per item, with group and branch.
        let page = ok_page(owner.get(&a.round_path("/results")).await, "results").await;
        let comments = &page[page.find(r#"id="comments""#).expect("a comments section")..];
        let comments = &comments[..comments.find("</section>").unwrap()];
        assert!(comments.contains("<h3><bdi>Finds the shop</bdi></h3>"), "{comments}");
        assert!(comments.contains("<q dir=\"auto\">Sign hidden behind a van</q> <span class=\"hint\">— Mystery shopper, <bdi>South</bdi></span>"), "{comments}");
        assert!(comments.contains("<q dir=\"auto\">Card reader broken &lt;b&gt;twice&lt;/b&gt;</q>"), "escaped: {comments}");
        assert!(!comments.contains("Delivery arrives"), "no heading for an item without comments");
        // The exports.
        let csv = String::from_utf8(download(&owner, &a.round_path("/results.csv")).await).unwrap();
        assert!(csv.contains("Comments from raters") && csv.contains("Pre-engagement,Finds the shop,Mystery shopper,South,Sign hidden behind a van"), "{csv}");
        let xlsx = xlsx_strings(download(&owner, &a.round_path("/results.xlsx")).await);
        for want in ["Sign hidden behind a van", "Card reader broken <b>twice</b>", "Mystery shopper", "South"] {
            assert!(xlsx.iter().any(|s| s == want), "{want} in {xlsx:?}");
        }
        let pdf = download(&owner, &a.round_path("/results.pdf")).await;
        let pdf_text: String = pdf_extract::extract_text_from_mem(&pdf).unwrap().split_whitespace().collect();
        assert!(pdf_text.contains("Signhiddenbehindavan"), "{pdf_text}");
        // The API.
        let (_, body) = app.api(&a.w.owner_token).get(&format!("/api/v1/rounds/{}/results", a.round.id)).await;
        let finds = body["report"]["items"].as_array().unwrap().iter().find(|i| i["item"]["text"] == "Finds the shop").unwrap().clone();
        assert_eq!(finds["comments"], serde_json::json!([{"group": "mystery_shopper", "branch_id": a.south.id, "text": "Sign hidden behind a van"}]));
        // Never the person, never a draft.
        let xlsx_all = xlsx.join(" ");
        for (what, text) in [("page", page.as_str()), ("csv", csv.as_str()), ("xlsx", xlsx_all.as_str()), ("pdf", pdf_text.as_str()), ("api", &body.to_string())] {
            for secret in ["Samantha", "Secretname", "Dora", "Not handed in yet", "Nothandedinyet"] {
                assert!(!text.contains(secret), "{secret} in the {what}");
            }
        }
    }

    async fn results_explain_spread_rank_gaps_and_let_a_keyboard_scroll_wide_tables(app) {
        let a = Audit::new(&app).await;
        let owner = app.signed_in(a.w.ws, a.w.owner.id).await;
        // Staff always rate two points above friends, except on the till: six points.
        for (group, branch, scores) in [
            (RaterGroup::Staff, &a.north, ["8", "9", "8"]),
            (RaterGroup::Friend, &a.north, ["6", "3", "6"]),
        ] {
            let t = a.links(&app, branch, group, &["X"]).await;
            let r = Rater::new(&app, &t[0]);
            for (item, s) in a.items.iter().zip(scores) {
                r.answers(*item, s).await;
            }
            assert_eq!(r.submit().await.status(), StatusCode::OK);
        }
        let page = ok_page(owner.get(&a.round_path("/results")).await, "results").await;
        // Only the gap that stands out is flagged.
        let items = &tables(&page, "results")[0];
        let flagged: Vec<&str> = items.iter().filter(|r| r[3].text.starts_with('⚑')).map(|r| r[0].text.as_str()).collect();
        assert_eq!(flagged, ["Pays at the till"], "{page}");
        // Gaps ranked by how far they are from the usual one.
        let gaps = &tables(&page, "gaps")[0];
        let ranked: Vec<Vec<&str>> = gaps.iter().map(|r| texts(r)).collect();
        assert_eq!(ranked[0], ["⚑ Pays at the till", "Staff 9.0 vs Friend 3.0 (6.0)", "2.0", "+4.0"]);
        assert_eq!(ranked.len(), 3);
        // Spread is explained.
        assert!(page.contains("<dt>Spread</dt><dd>How far the scores sit from the mean (the standard deviation)"), "{page}");
        // Every wide table sits in a named region a keyboard can scroll.
        let regions = page.matches(r#"<div class="table-wrap" tabindex="0" role="region" aria-label=""#).count();
        assert_eq!(regions, page.matches("<table").count(), "{page}");
        // On a phone the item and its mean come first.
        let head = &page[page.find("<table class=\"results\">").unwrap()..];
        assert!(head.starts_with("<table class=\"results\"><thead><tr><th>Item</th><th>Mean</th><th>Change since last round</th><th>Gap between groups</th>"), "{head}");
    }
}
