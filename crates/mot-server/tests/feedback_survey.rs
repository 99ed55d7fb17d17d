//! Journey surveys: one link asks customers about several moments at once;
//! each answer counts for its own moment, all of one form kept together and
//! once.

#[macro_use]
mod common;

use common::*;
use mot_core::feedback::Tally;
use mot_core::Role;
use reqwest::StatusCode;

/// The token at the end of a survey link on its page.
fn token_in(html: &str) -> String {
    let at = html.find("/s/").expect("a survey link on the page") + 3;
    html[at..at + 32].to_string()
}

/// The owner makes a survey of `moments` (at `branch`, else every branch)
/// through the journey's feedback page; answers its team page's path and
/// the customers' token.
async fn survey_of(
    owner: &Browser,
    w: &World,
    moments: &[i64],
    branch: Option<i64>,
) -> (String, String) {
    let ids: Vec<String> = moments.iter().map(i64::to_string).collect();
    let branch = branch.map(|b| b.to_string());
    let mut fields: Vec<(&str, &str)> = ids.iter().map(|id| ("moment_id", id.as_str())).collect();
    if let Some(b) = &branch {
        fields.push(("branch_id", b));
    }
    let res = owner
        .submit(&format!("/j/{}/feedback/surveys", w.journey.id), &fields)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let admin = location(&res);
    let page = ok_page(owner.get(&admin).await, "the survey's page").await;
    let token = token_in(&page);
    (admin, token)
}

/// How customers answered about `moment` today.
async fn tally_of(app: &TestApp, w: &World, moment: i64) -> Tally {
    let today = mot_store::feedback_today();
    let mut t = Tally::default();
    for r in app
        .store
        .feedback_tallies(w.ws, w.journey.id, (today - 1, today))
        .await
        .unwrap()
    {
        if r.moment_id == moment {
            t.merge(&r.tally);
        }
    }
    t
}

on_both! {
    async fn one_link_asks_about_several_moments_and_each_answer_counts_for_its_own(app) {
        let w = World::new(&app.store, "Acme").await;
        let ordering = w.note(&app.store, 0, "Ordering").await;
        let delivery = w.note(&app.store, 1, "Delivery day").await;
        let install = w.note(&app.store, 2, "Installation").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let page = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "the feedback page").await;
        assert!(page.contains(&format!(r#"action="/j/{}/feedback/surveys""#, w.journey.id)), "a form to make a survey");
        let res = owner.submit(&format!("/j/{}/feedback/surveys", w.journey.id), &[
            ("title", "After your delivery"),
            ("moment_id", &ordering.id.to_string()),
            ("moment_id", &delivery.id.to_string()),
            ("moment_id", &install.id.to_string()),
        ]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let admin = location(&res);
        assert!(admin.starts_with("/feedback/s/"), "{admin}");
        let page = ok_page(owner.get(&admin).await, "the survey's page").await;
        assert!(page.contains("<svg"), "its QR code");
        let token = token_in(&page);
        let listed = ok_page(owner.get(&format!("/j/{}/feedback", w.journey.id)).await, "listed").await;
        assert!(listed.contains(&admin) && listed.contains("After your delivery"), "the journey lists its survey");

        // The customer's page: a plain form, one question per moment, in order.
        let phone = app.browser();
        let form = ok_page(phone.get(&format!("/s/{token}")).await, "the customer's survey").await;
        assert!(form.contains(&format!(r#"<form id="feedback-form" method="post" action="/s/{token}">"#)));
        let (a, b, c) = (form.find("Ordering").unwrap(), form.find("Delivery day").unwrap(), form.find("Installation").unwrap());
        assert!(a < b && b < c, "in the order asked");
        assert!(form.contains("After your delivery"));
        // Each moment's fields are named by its id.
        let (v_a, c_a, v_b, v_c) = (format!("v{}", ordering.id), format!("c{}", ordering.id), format!("v{}", delivery.id), format!("v{}", install.id));
        assert!(form.contains(&format!(r#"name="{v_a}""#)) && form.contains(&format!(r#"name="{c_a}""#)) && form.contains(&format!(r#"name="{v_c}""#)), "{form}");
        // Nothing answered: asked again, nothing kept.
        refused(phone.post(&format!("/s/{token}"), &[("_rid", "s1")]).await, StatusCode::UNPROCESSABLE_ENTITY, "an empty form").await;
        // A bad verdict on one moment: nothing of the form is kept.
        refused(phone.post(&format!("/s/{token}"), &[("_rid", "s1"), (&v_a, "better"), (&v_b, "great")]).await, StatusCode::UNPROCESSABLE_ENTITY, "a verdict that is not one").await;
        assert_eq!(tally_of(&app, &w, ordering.id).await, Tally::default(), "nothing half-stored");
        // Two answered, one skipped.
        let res = phone.post(&format!("/s/{token}"), &[("_rid", "s1"), (&v_a, "better"), (&c_a, "Easy online"), (&v_c, "worse")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(tally_of(&app, &w, ordering.id).await, Tally { worse: 0, as_expected: 0, better: 1 });
        assert_eq!(tally_of(&app, &w, delivery.id).await, Tally::default(), "skipped");
        assert_eq!(tally_of(&app, &w, install.id).await, Tally { worse: 1, as_expected: 0, better: 0 });
        // Thanked afterwards; the same form sent again (a lost reply) adds nothing.
        let thanks = ok_page(phone.get(&format!("/s/{token}")).await, "thanks").await;
        assert!(thanks.contains("Thank you"), "{thanks}");
        let again = app.browser();
        again.post(&format!("/s/{token}"), &[("_rid", "s1"), (&v_a, "better"), (&c_a, "Easy online"), (&v_c, "worse")]).await;
        assert_eq!(tally_of(&app, &w, ordering.id).await.total(), 1, "counted once");
        // The comment is the moment's own.
        let comments = ok_page(owner.get(&format!("/j/{}/feedback/comments?moment={}", w.journey.id, ordering.id)).await, "comments").await;
        assert!(comments.contains("Easy online"));

        // Closed, the link thanks and takes nothing.
        let id = admin.trim_start_matches("/feedback/s/");
        refused(owner.submit(&format!("/feedback/s/{id}"), &[("open", "perhaps")]).await, StatusCode::UNPROCESSABLE_ENTITY, "neither").await;
        owner.submit(&format!("/feedback/s/{id}"), &[("open", "0")]).await;
        refused_kindly(app.browser().get(&format!("/s/{token}")).await, StatusCode::NOT_FOUND, "a closed survey").await;
        refused_kindly(app.browser().post(&format!("/s/{token}"), &[("_rid", "s9"), (&v_b, "worse")]).await, StatusCode::NOT_FOUND, "an answer to a closed survey").await;
        owner.submit(&format!("/feedback/s/{id}"), &[("open", "1")]).await;
        let res = app.browser().post(&format!("/s/{token}"), &[("_rid", "s9"), (&v_b, "worse")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(tally_of(&app, &w, delivery.id).await.worse, 1);

        // Its QR code, as SVG and PNG.
        for (file, kind) in [("qr.svg", "image/svg+xml"), ("qr.png", "image/png")] {
            let res = owner.get(&format!("/feedback/s/{id}/{file}")).await;
            assert_eq!((res.status(), content_type(&res)), (StatusCode::OK, kind.to_string()));
        }
        assert_eq!(owner.get(&format!("/feedback/s/{id}/qr.gif")).await.status(), StatusCode::NOT_FOUND);
        // A forged link is unknown.
        refused_kindly(app.browser().get("/s/0123456789abcdef0123456789abcdef").await, StatusCode::NOT_FOUND, "a forged link").await;
        refused_kindly(app.browser().get("/s/not-a-token").await, StatusCode::NOT_FOUND, "an altered link").await;
    }

    async fn a_moment_taken_off_the_board_while_the_form_is_open_takes_no_other_moments_answer(app) {
        let w = World::new(&app.store, "Acme").await;
        let ordering = w.note(&app.store, 0, "Ordering").await;
        let delivery = w.note(&app.store, 1, "Delivery day").await;
        let install = w.note(&app.store, 2, "Installation").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let (_, token) = survey_of(&owner, &w, &[ordering.id, delivery.id, install.id], None).await;
        // The customer opens the form; then the team takes "Delivery day" off the board.
        let phone = app.browser();
        ok_page(phone.get(&format!("/s/{token}")).await, "the form").await;
        app.store.apply(w.ws, w.journey.id, w.owner_actor(), "Owner", mot_core::BoardCommand::DeleteMoment { id: delivery.id }).await.unwrap();
        // The form as it was: each answer still counts for its own moment.
        let res = phone.post(&format!("/s/{token}"), &[("_rid", "r1"), (&format!("v{}", ordering.id), "better"), (&format!("v{}", delivery.id), "worse"), (&format!("v{}", install.id), "as_expected")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(tally_of(&app, &w, ordering.id).await, Tally { worse: 0, as_expected: 0, better: 1 });
        assert_eq!(tally_of(&app, &w, install.id).await, Tally { worse: 0, as_expected: 1, better: 0 }, "not the retired moment's answer");
        assert_eq!(tally_of(&app, &w, delivery.id).await, Tally::default(), "a retired moment takes none");
    }

    async fn a_phone_answers_each_moment_once_by_its_own_link_or_a_survey(app) {
        let w = World::new(&app.store, "Acme").await;
        let ordering = w.note(&app.store, 0, "Ordering").await;
        let delivery = w.note(&app.store, 1, "Delivery day").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let (_, token) = survey_of(&owner, &w, &[ordering.id, delivery.id], None).await;
        let link_of = |p: mot_store::FeedbackPoint| format!("/f/{}", p.token);
        let ordering_link = link_of(app.store.feedback_point(w.ws, ordering.id, None).await.unwrap());
        let delivery_link = link_of(app.store.feedback_point(w.ws, delivery.id, None).await.unwrap());
        let (v_o, v_d) = (format!("v{}", ordering.id), format!("v{}", delivery.id));

        // A survey form refused (a verdict that is none of the three): asked
        // again with what the customer typed.
        let res = app.browser().post(&format!("/s/{token}"), &[("_rid", "s0"), (&v_d, "meh"), (&format!("c{}", delivery.id), "Keep this"), (&v_o, "better")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let again = res.text().await.unwrap();
        assert!(again.contains(">Keep this</textarea>") && again.contains(r#"<details class="comment" open"#), "{again}");
        assert!(again.contains(r#"value="better" checked"#), "{again}");

        // A phone answers "Ordering" at its own link (a table card)...
        let phone = app.browser();
        assert_eq!(phone.post(&ordering_link, &[("_rid", "p1"), ("verdict", "worse")]).await.status(), StatusCode::SEE_OTHER);
        // ...then opens the e-mailed survey: it asks only about "Delivery day".
        let form = ok_page(phone.get(&format!("/s/{token}")).await, "the survey").await;
        assert!(form.contains("Delivery day") && !form.contains("Ordering") && !form.contains(&format!(r#"name="{v_o}""#)), "{form}");
        // A form that answers both anyway: "Ordering" is not counted twice.
        let res = phone.post(&format!("/s/{token}"), &[("_rid", "s1"), (&v_o, "better"), (&v_d, "better")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(tally_of(&app, &w, ordering.id).await, Tally { worse: 1, as_expected: 0, better: 0 }, "once, by its link");
        assert_eq!(tally_of(&app, &w, delivery.id).await, Tally { worse: 0, as_expected: 0, better: 1 });
        // Having answered "Delivery day" in the survey, its own link thanks and takes nothing.
        assert!(ok_page(phone.get(&delivery_link).await, "thanks").await.contains("Thank you"));
        thanked_again(phone.post(&delivery_link, &[("_rid", "p2"), ("verdict", "worse")]).await, "a second answer about the moment").await;
        assert_eq!(tally_of(&app, &w, delivery.id).await.total(), 1);

        // Another phone answers the whole survey first: each link then thanks it.
        let other = app.browser();
        assert_eq!(other.post(&format!("/s/{token}"), &[("_rid", "s2"), (&v_o, "as_expected"), (&v_d, "worse")]).await.status(), StatusCode::SEE_OTHER);
        for link in [&ordering_link, &delivery_link] {
            assert!(ok_page(other.get(link).await, "thanks").await.contains("Thank you"), "{link}");
            thanked_again(other.post(link, &[("_rid", "p3"), ("verdict", "worse")]).await, "answered in the survey").await;
        }
        // A survey all of whose moments a phone answered elsewhere thanks it too.
        let third = app.browser();
        third.post(&ordering_link, &[("_rid", "p4"), ("verdict", "better")]).await;
        third.post(&delivery_link, &[("_rid", "p5"), ("verdict", "better")]).await;
        assert!(ok_page(third.get(&format!("/s/{token}")).await, "thanks").await.contains("Thank you"));
        thanked_again(third.post(&format!("/s/{token}"), &[("_rid", "s3"), (&v_o, "worse")]).await, "nothing left to answer").await;
        assert_eq!(tally_of(&app, &w, ordering.id).await.total(), 3);
        assert_eq!(tally_of(&app, &w, delivery.id).await.total(), 3);
    }

    async fn a_survey_offers_each_moments_reasons_set_once_for_all_its_links(app) {
        let w = World::new(&app.store, "Acme").await;
        let ordering = w.note(&app.store, 0, "Ordering").await;
        let delivery = w.note(&app.store, 1, "Delivery day").await;
        let branch = app.store.add_branch(w.ws, w.business.id, "Harbour Street").await.unwrap().id;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        // The owner sets "Delivery day"'s reasons on its link for every branch...
        let every = app.store.feedback_point(w.ws, delivery.id, None).await.unwrap();
        let res = owner.submit(&format!("/feedback/{}/reasons", every.id), &[("reasons", "Waiting time\nFriendliness")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        // ...and the branch's link of the moment offers them too.
        let harbour = app.store.feedback_point(w.ws, delivery.id, Some(branch)).await.unwrap();
        let phone = app.browser();
        let page = ok_page(phone.get(&format!("/f/{}", harbour.token)).await, "the branch's link").await;
        assert!(page.contains(r#"name="reason" value="Waiting time""#) && page.contains("Friendliness"), "{page}");
        let admin = ok_page(owner.get(&format!("/feedback/{}", harbour.id)).await, "the branch link's page").await;
        assert!(admin.contains("Waiting time\nFriendliness"), "the same list to edit");

        // A survey of both moments at the branch: each moment with its own chips.
        let (_, token) = survey_of(&owner, &w, &[ordering.id, delivery.id], Some(branch)).await;
        let form = ok_page(phone.get(&format!("/s/{token}")).await, "the survey").await;
        let (r_o, r_d) = (format!("r{}", ordering.id), format!("r{}", delivery.id));
        assert!(form.contains(&format!(r#"name="{r_d}" value="Waiting time""#)), "{form}");
        assert!(!form.contains(&format!(r#"name="{r_o}""#)), "Ordering offers none");
        // A reason the moment does not offer, or one on a skipped moment: refused, nothing kept.
        let (v_o, v_d, c_d) = (format!("v{}", ordering.id), format!("v{}", delivery.id), format!("c{}", delivery.id));
        for (bad, what) in [
            (vec![(v_d.as_str(), "worse"), (r_d.as_str(), "Price")], "a reason not offered"),
            (vec![(v_o.as_str(), "better"), (r_o.as_str(), "Waiting time")], "another moment's reason"),
            (vec![(v_o.as_str(), "better"), (r_d.as_str(), "Waiting time")], "a reason on a skipped moment"),
        ] {
            let mut fields = vec![("_rid", "r1")];
            fields.extend(bad);
            refused(phone.post(&format!("/s/{token}"), &fields).await, StatusCode::UNPROCESSABLE_ENTITY, what).await;
        }
        assert_eq!(tally_of(&app, &w, delivery.id).await.total() + tally_of(&app, &w, ordering.id).await.total(), 0, "nothing half-stored");
        // The reason goes with its moment's answer, and the comments show it.
        let res = phone.post(&format!("/s/{token}"), &[("_rid", "r1"), (&v_o, "better"), (&v_d, "worse"), (&r_d, "Waiting time"), (&c_d, "Two hours late")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let comments = ok_page(owner.get(&format!("/j/{}/feedback/comments?reason=Waiting+time", w.journey.id)).await, "comments by reason").await;
        assert!(comments.contains("Two hours late"), "{comments}");
    }

    async fn a_moment_whose_link_is_closed_is_not_asked_in_a_survey(app) {
        let w = World::new(&app.store, "Acme").await;
        let ordering = w.note(&app.store, 0, "Ordering").await;
        let delivery = w.note(&app.store, 1, "Delivery day").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let (admin, token) = survey_of(&owner, &w, &[ordering.id, delivery.id], None).await;
        // The owner closes "Delivery day"'s link: the survey no longer asks about it.
        let point = app.store.feedback_point(w.ws, delivery.id, None).await.unwrap();
        app.store.set_feedback_point_open(w.ws, point.id, false).await.unwrap();
        let phone = app.browser();
        let form = ok_page(phone.get(&format!("/s/{token}")).await, "the form").await;
        assert!(form.contains("Ordering") && !form.contains("Delivery day"), "{form}");
        // A form sent as it was before: the open moment's answer counts, the closed one's is not taken.
        let res = phone.post(&format!("/s/{token}"), &[("_rid", "c1"), (&format!("v{}", ordering.id), "better"), (&format!("v{}", delivery.id), "worse")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(tally_of(&app, &w, ordering.id).await, Tally { worse: 0, as_expected: 0, better: 1 });
        assert_eq!(tally_of(&app, &w, delivery.id).await, Tally::default(), "a closed link takes nothing");
        // With every link closed, the survey's link takes nothing, as a closed survey.
        let point = app.store.feedback_point(w.ws, ordering.id, None).await.unwrap();
        app.store.set_feedback_point_open(w.ws, point.id, false).await.unwrap();
        refused_kindly(app.browser().get(&format!("/s/{token}")).await, StatusCode::NOT_FOUND, "nothing left to ask").await;
        // The team's own view of the survey still holds both moments.
        let id: i64 = admin.trim_start_matches("/feedback/s/").parse().unwrap();
        let kept = app.store.feedback_survey(w.ws, id).await.unwrap();
        assert_eq!(kept.moments.iter().map(|(m, _)| *m).collect::<Vec<_>>(), [ordering.id, delivery.id]);
    }

    async fn only_the_team_makes_surveys_of_its_own_moments(app) {
        let w = World::new(&app.store, "Acme").await;
        let note = w.note(&app.store, 0, "Delivery day").await;
        let path = format!("/j/{}/feedback/surveys", w.journey.id);
        let member = w.person(&app.store, Role::Member).await;
        let member = app.signed_in(w.ws, member.user.id).await;
        refused(member.submit(&path, &[("moment_id", &note.id.to_string())]).await, StatusCode::FORBIDDEN, "a member").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        refused(owner.submit(&path, &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "no moment").await;
        // The journey's page again, its survey form open with what was
        // wrong and what was typed and chosen.
        let page = refused(owner.submit(&path, &[("title", "After delivery")]).await, StatusCode::UNPROCESSABLE_ENTITY, "no moment").await;
        assert!(page.contains(r#"value="After delivery""#) && page.contains(r#"new-survey" open"#), "{page}");
        let long = "x".repeat(121);
        let page = refused(owner.submit(&path, &[("title", &long), ("moment_id", &note.id.to_string())]).await, StatusCode::UNPROCESSABLE_ENTITY, "a title too long").await;
        assert!(page.contains(&format!(r#"value="{}" checked"#, note.id)), "{page}");
        let many: Vec<String> = (0..13).map(|i| (note.id + i).to_string()).collect();
        let fields: Vec<(&str, &str)> = many.iter().map(|m| ("moment_id", m.as_str())).collect();
        refused(owner.submit(&path, &fields).await, StatusCode::UNPROCESSABLE_ENTITY, "thirteen moments").await;
        refused(owner.submit(&path, &[("moment_id", "x")]).await, StatusCode::UNPROCESSABLE_ENTITY, "not an id").await;
        let other = World::new(&app.store, "Other").await;
        let theirs = other.note(&app.store, 0, "Their moment").await;
        refused(owner.submit(&path, &[("moment_id", &theirs.id.to_string())]).await, StatusCode::NOT_FOUND, "another workspace's moment").await;
        let res = owner.submit(&path, &[("moment_id", &note.id.to_string())]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let admin = location(&res);
        let stranger = app.signed_in(other.ws, other.owner.id).await;
        refused(stranger.get(&admin).await, StatusCode::NOT_FOUND, "another workspace's survey").await;
        refused(member.get(&admin).await, StatusCode::FORBIDDEN, "a member").await;
        refused(stranger.submit(&format!("/j/{}/feedback/surveys", w.journey.id), &[("moment_id", &note.id.to_string())]).await, StatusCode::NOT_FOUND, "into another workspace's journey").await;
    }
}

on_both! {
    async fn a_survey_is_made_once_per_request_on_the_page_and_in_the_api(app) {
        let w = World::new(&app.store, "Acme").await;
        let a = w.note(&app.store, 0, "Ordering").await;
        let b = w.note(&app.store, 1, "Delivery day").await;
        let owner = app.signed_in(w.ws, w.owner.id).await;
        let path = format!("/j/{}/feedback/surveys", w.journey.id);
        let fields = [("_rid", "form-survey-0001"), ("moment_id", &a.id.to_string()), ("moment_id", &b.id.to_string())];
        let first = location(&owner.submit(&path, &fields).await);
        let again = location(&owner.submit(&path, &fields).await);
        assert_eq!(first, again, "the same form sent twice makes one survey");
        assert_eq!(app.store.feedback_surveys(w.ws, w.journey.id).await.unwrap().len(), 1);

        let api = app.api(&w.owner_token);
        let list = format!("/api/v1/journeys/{}/feedback/surveys", w.journey.id);
        let body = serde_json::json!({"moment_ids": [b.id, a.id], "title": "After delivery"});
        let key = |k: &str| api.client.post(app.url(&list)).bearer_auth(&w.owner_token).header("idempotency-key", k.to_string()).json(&body);
        let one = key("api-survey-00000001").send().await.unwrap();
        assert_eq!(one.status(), StatusCode::CREATED);
        let one: serde_json::Value = one.json().await.unwrap();
        let two: serde_json::Value = key("api-survey-00000001").send().await.unwrap().json().await.unwrap();
        assert_eq!(one["id"], two["id"], "a repeat answers the same survey");
        assert_eq!(one["moment_ids"], serde_json::json!([b.id, a.id]), "in the order asked");
        assert!(one["url"].as_str().unwrap().contains("/s/"), "{one}");
        let (status, all) = api.get(&list).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(all.as_array().unwrap().len(), 2);
        let (status, _) = api.post(&list, serde_json::json!({"moment_ids": []})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let member = w.person(&app.store, Role::Member).await;
        let (status, _) = app.api(&member.token).get(&list).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let other = World::new(&app.store, "Other").await;
        let (status, _) = app.api(&other.owner_token).post(&list, serde_json::json!({"moment_ids": [a.id]})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(app.store.feedback_surveys(w.ws, w.journey.id).await.unwrap().len(), 2, "nothing more made");
    }
}
