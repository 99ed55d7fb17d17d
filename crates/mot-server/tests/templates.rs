//! The templates library (issue 11, item 6): a new client's journey from a
//! starter, with channels, standards and a matching audit; a client's
//! journey saved as a template, another client's journey made from it, the
//! template's next version, and its changes offered to that journey to
//! take up one by one (never changed silently).

#[macro_use]
mod common;

use common::*;
use mot_core::starters::STARTERS;
use mot_core::{BoardCommand, ClientRole, Membership, Role};
use reqwest::StatusCode;

fn id_in(location: &str, prefix: &str) -> i64 {
    location.strip_prefix(prefix).unwrap().parse().unwrap()
}

on_both! {
    async fn a_new_client_starts_from_a_starter_with_channels_standards_and_its_audit(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get("/templates").await, "the library").await;
        for words in ["Starters", "Local shop", "Trade or home service"] {
            assert!(page.contains(words), "{words}: {page}");
        }
        let res = owner.submit("/templates/start", &[("source", "starter:trade"), ("business", ""), ("new_business", "Quick Plumbing"), ("name", "A call-out"), ("with_audit", "1")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let jid = id_in(&location(&res), "/j/");
        let journey = app.store.journey(w.ws, jid).await.unwrap();
        let business = app.store.business(w.ws, journey.business_id).await.unwrap();
        assert_eq!((business.name.as_str(), journey.name.as_str()), ("Quick Plumbing", "A call-out"));
        let trade = STARTERS.iter().find(|s| s.kind == "trade").unwrap();
        let stages = app.store.stages(w.ws, jid).await.unwrap();
        let moments = app.store.moments(w.ws, jid).await.unwrap();
        assert_eq!((stages.len(), moments.len()), (trade.stages, trade.moments.len()));
        assert!(moments.iter().all(|m| m.channel_id.is_some()), "every moment has its channel");
        let channels = app.store.channels(w.ws, business.id).await.unwrap();
        for (m, (stage, icon)) in moments.iter().zip(trade.moments) {
            let c = channels.iter().find(|c| Some(c.id) == m.channel_id).unwrap();
            assert_eq!(c.icon, *icon, "{}", m.title);
            assert_eq!(m.stage_id, stages[stage - 1].id, "{}", m.title);
        }
        let standards = app.store.standards(w.ws, jid).await.unwrap();
        assert_eq!(standards.len(), moments.len(), "every moment has its standard");
        // The board shows them.
        let board = ok_page(owner.get(&format!("/j/{jid}")).await, "the new board").await;
        assert!(board.contains(&moments[0].title), "{board}");
        // Its audit: one question per moment.
        let templates = app.store.templates(w.ws).await.unwrap();
        let audit = app.store.template(w.ws, templates.last().unwrap().0).await.unwrap();
        assert_eq!(audit.items.len(), moments.len());
    }

    async fn a_template_changes_and_the_journey_made_from_it_takes_up_the_changes_it_picks(app) {
        let w = World::new(&app.store, "Acme").await;
        let kept = w.note(&app.store, 0, "Phone answered").await;
        let renamed = w.note(&app.store, 1, "Quote").await;
        let dropped = w.note(&app.store, 2, "Invoice").await;
        app.store.set_standard(w.ws, kept.id, "Within three rings", "", "").await.unwrap();
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let res = owner.submit("/templates/save", &[("journey", &w.journey.id.to_string()), ("name", "Furniture journey")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let tid = id_in(&location(&res), "/templates/");
        assert_eq!(app.store.journey_template(w.ws, tid).await.unwrap().version, 1);

        // Another client's journey from it.
        let other = app.store.create_business(w.ws, "Bravo Beds").await.unwrap();
        let res = owner.submit("/templates/start", &[("source", &format!("template:{tid}")), ("business", &other.id.to_string()), ("name", "Bravo journey")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let kid = id_in(&location(&res), "/j/");
        let titles = |ms: Vec<mot_core::Moment>| ms.into_iter().map(|m| m.title).collect::<Vec<_>>();
        assert_eq!(titles(app.store.moments(w.ws, kid).await.unwrap()), ["Phone answered", "Quote", "Invoice"]);
        let theirs = app.store.standards(w.ws, kid).await.unwrap();
        assert_eq!(theirs.iter().map(|s| s.experience.as_str()).collect::<Vec<_>>(), ["Within three rings"]);
        // Saving again without a change makes no new version.
        let res = owner.submit(&format!("/templates/{tid}/update"), &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.store.journey_template(w.ws, tid).await.unwrap().version, 1);
        let page = ok_page(owner.get(&format!("/j/{kid}/template")).await, "no changes").await;
        assert!(page.contains("every change of its template"), "{page}");

        // The source journey changes; the template's next version.
        let apply = |cmd| { let (s, w) = (&app.store, &w); async move { s.apply(w.ws, w.journey.id, w.owner_actor(), "Owner", cmd).await.unwrap() } };
        apply(BoardCommand::EditMoment { id: renamed.id, title: Some("Written quote within a day".into()), description: None, channel_id: None }).await;
        apply(BoardCommand::DeleteMoment { id: dropped.id }).await;
        apply(BoardCommand::RenameStage { id: w.stages[0].id, name: "Finding us".into() }).await;
        let added = w.note(&app.store, 2, "Follow-up call").await;
        let res = owner.submit(&format!("/templates/{tid}/update"), &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.store.journey_template(w.ws, tid).await.unwrap().version, 2);
        // Nothing of Bravo's journey changed by itself.
        assert_eq!(titles(app.store.moments(w.ws, kid).await.unwrap()), ["Phone answered", "Quote", "Invoice"]);
        let page = ok_page(owner.get(&format!("/templates/{tid}")).await, "the template").await;
        assert!(page.contains("Changes to review"), "{page}");

        // Offered one by one; the stage rename is declined.
        let page = ok_page(owner.get(&format!("/j/{kid}/template")).await, "the changes").await;
        for id in ["rename-stage:", "change:m", "add:m", "remove:m"] {
            assert!(page.contains(id), "{id}: {page}");
        }
        let take = [
            ("take", format!("change:m{}", renamed.id)),
            ("take", format!("add:m{}", added.id)),
            ("take", format!("remove:m{}", dropped.id)),
        ];
        let mut form: Vec<(&str, &str)> = take.iter().map(|(k, v)| (*k, v.as_str())).collect();
        form.push(("_csrf", owner.csrf.as_str()));
        let res = owner.post(&format!("/j/{kid}/template"), &form).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(titles(app.store.moments(w.ws, kid).await.unwrap()), ["Phone answered", "Written quote within a day", "Follow-up call"]);
        let stages = app.store.stages(w.ws, kid).await.unwrap();
        assert_ne!(stages[0].name, "Finding us", "the declined change was not made");
        assert_eq!(app.store.journey_template_link(w.ws, kid).await.unwrap().unwrap().1, 2);
        let page = ok_page(owner.get(&format!("/j/{kid}/template")).await, "up to date").await;
        assert!(page.contains("every change of its template"), "{page}");
        // The source journey is untouched by all this.
        assert_eq!(titles(app.store.moments(w.ws, w.journey.id).await.unwrap()), ["Phone answered", "Written quote within a day", "Follow-up call"]);
    }

    async fn templates_refuse_bad_input_and_are_the_practices_own(app) {
        let w = World::new(&app.store, "Acme").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let body = said(owner.submit("/templates/start", &[("source", "starter:spaceship"), ("business", &w.business.id.to_string()), ("name", "X")]).await, StatusCode::NOT_FOUND, "an unknown starter").await;
        assert!(body.contains("Templates library"), "said on the library: {body}");
        said(owner.submit("/templates/save", &[("journey", &w.journey.id.to_string()), ("name", " ")]).await, StatusCode::UNPROCESSABLE_ENTITY, "a template without a name").await;
        said(owner.submit("/templates/start", &[("source", "starter:shop"), ("business", ""), ("new_business", ""), ("name", "X")]).await, StatusCode::UNPROCESSABLE_ENTITY, "a new client without a name").await;
        let rival = World::new(&app.store, "Rival").await;
        said(owner.submit("/templates/start", &[("source", "starter:shop"), ("business", &rival.business.id.to_string()), ("name", "X")]).await, StatusCode::NOT_FOUND, "another workspace's business").await;
        said(owner.submit("/templates/save", &[("journey", &rival.journey.id.to_string()), ("name", "Theirs")]).await, StatusCode::NOT_FOUND, "another workspace's journey").await;
        assert!(app.store.journey_templates(w.ws).await.unwrap().is_empty());
        assert_eq!(app.store.journeys(w.ws, w.business.id).await.unwrap().len(), 1, "no journey was made");
        assert_eq!(app.store.businesses(w.ws).await.unwrap().len(), 1, "nor a business");
        // A member manages nothing here; a client's people see none of it.
        let member = w.person(&app.store, Role::Member).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        refused(member.get("/templates").await, StatusCode::FORBIDDEN, "a member").await;
        let client = app.store.create_user(w.ws, &unique_email("cleo"), "Cleo", "x", Membership::Client(mot_core::Client { business_id: w.business.id, role: ClientRole::ClientOwner })).await.unwrap();
        let client = app.signed_in(w.ws, client.id).await;
        refused(client.get("/templates").await, StatusCode::FORBIDDEN, "a client's owner").await;
        refused(client.get(&format!("/j/{}/template", w.journey.id)).await, StatusCode::FORBIDDEN, "a client's owner").await;
    }
}
