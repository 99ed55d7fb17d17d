//! The journey survey's pages: the customer's form that asks about several
//! moments at once, the team's page with its link and QR code, and the form
//! on a journey's feedback page that makes one.

use crate::t;
use crate::web::layout::rich;
use crate::web::layout::slot;
use maud::{html, Markup};
use mot_core::feedback::{FeedbackLimits, Verdict};
use mot_core::{Id, Journey, Moment};
use mot_store::{Branch, Survey, SurveyView};

use super::views::{
    hand_out, open_or_closed, proof_field, reason_chips, typed, verdict_word, Proof, Typed,
};

/// The survey's heading for customers: its name, else the business's.
fn heading(v: &SurveyView) -> String {
    if v.survey.title.is_empty() {
        t!("feedback-survey-heading", business = v.business.as_str()).to_string()
    } else {
        v.survey.title.clone()
    }
}

/// The customer's survey: per moment the three answers (each optional),
/// the moment's reasons and a comment, then the optional contact. A plain form: it needs no script.
pub fn survey_page(
    v: &SurveyView,
    request_key: &str,
    (error, sent): (Option<&str>, Typed<'_>),
    proof: Option<&Proof>,
) -> Markup {
    let token = &v.survey.token;
    html! {
        div.feedback.survey data-token=(token) {
            p.small dir="auto" {
                (v.business)
                @if let Some(b) = &v.branch { (crate::web::i18n::sep()) (b) }
            }
            h1 dir="auto" { (heading(v)) }
            p { (t!("feedback-survey-intro")) }
            @if let Some(e) = error { p.error role="alert" { (e) } }
            form #feedback-form method="post" action={"/s/" (token)} {
                input type="hidden" name="_rid" value=(request_key);
                // Each moment's fields carry its id, not its place: a moment
                // taken off the board while the form is open takes no answer
                // meant for another.
                @for ((id, title), asked) in v.survey.moments.iter().zip(&v.asked) {
                    fieldset.verdicts.survey-moment id={"q-" (id)} {
                        legend { h2 dir="auto" { (t!("feedback-question", moment = crate::web::i18n::isolate(title))) } }
                        @for verdict in Verdict::ALL {
                            label class={"verdict v-" (verdict.key())} {
                                input type="radio" name={"v" (id)} value=(verdict.key()) checked[typed(sent, &format!("v{id}")) == verdict.key()];
                                span.face aria-hidden="true" { (verdict.face()) }
                                span.word { (verdict_word(verdict)) }
                            }
                        }
                        (reason_chips(&asked.reasons, &format!("r{id}"), typed(sent, &format!("r{id}"))))
                        @let comment = typed(sent, &format!("c{id}"));
                        details.comment open[!comment.is_empty()] {
                            summary { (t!("feedback-survey-add-comment")) }
                            label for={"c" (id)} { (t!("feedback-comment-label")) }
                            textarea id={"c" (id)} name={"c" (id)} dir="auto" rows="2" maxlength=(FeedbackLimits::COMMENT) { (comment) }
                        }
                    }
                }
                (contact_fields(&v.business, sent))
                (trap())
                @if let Some(p) = proof { (proof_field(p)) }
                button.primary.send type="submit" { (t!("feedback-send")) }
                p #feedback-status role="status" aria-live="polite" {}
            }
            p.small { (t!("feedback-privacy")) }
        }
    }
}

/// "You may contact me", and the address: optional, explicit consent.
pub fn contact_fields(business: &str, sent: Typed<'_>) -> Markup {
    let (ok, email) = (
        !typed(sent, "contact_ok").is_empty(),
        typed(sent, "contact_email"),
    );
    html! {
        details.contact open[ok || !email.is_empty()] {
            summary { (t!("feedback-contact-summary")) }
            label.check {
                input type="checkbox" name="contact_ok" value="1" checked[ok];
                " " (t!("feedback-contact-consent", business = business))
            }
            label for="contact-email" { (t!("feedback-contact-email")) }
            input #contact-email name="contact_email" type="email" autocomplete="email" inputmode="email" value=(email);
        }
    }
}

/// The field only robots fill in; people never see it.
pub fn trap() -> Markup {
    html! {
        div.trap aria-hidden="true" {
            label for="website" { (t!("feedback-trap-label")) }
            input #website name="website" type="text" tabindex="-1" autocomplete="off";
        }
    }
}

/// After a survey: thanks.
pub fn survey_thanks(v: &SurveyView) -> Markup {
    html! {
        div.feedback.thanks data-token=(v.survey.token) {
            h1 { (t!("feedback-thanks")) }
            p dir="auto" { (t!("feedback-thanks-text", business = v.business.as_str())) }
        }
    }
}

/// On a journey's feedback page: a survey of several moments at once.
/// `refused`: the form was sent and refused (what was wrong, and what it
/// held), so it opens again with both.
pub fn new_survey_form(
    j: &Journey,
    (moments, branches): (&[Moment], &[Branch]),
    csrf: &str,
    refused: Option<(&str, Typed<'_>)>,
) -> Markup {
    let sent = refused.map_or(&[][..], |(_, sent)| sent);
    let chosen = |name: &str, value: String| sent.iter().any(|(k, v)| k == name && *v == value);
    html! {
        details.card.new-survey #new-survey open[refused.is_some()] {
            summary { h2 { (t!("feedback-survey-new")) } }
            p { (t!("feedback-survey-new-text", max = FeedbackLimits::SURVEY_MOMENTS as i64)) }
            @if let Some((message, _)) = refused { p.error role="alert" { (message) } }
            form method="post" action={"/j/" (j.id) "/feedback/surveys"} {
                input type="hidden" name="_csrf" value=(csrf);
                // This form's own id: sent twice, it makes one survey.
                input type="hidden" name="_rid" value=(mot_store::random_token());
                label for="survey-title" { (t!("feedback-survey-title")) }
                input #survey-title name="title" type="text" dir="auto" maxlength=(FeedbackLimits::SURVEY_TITLE)
                    placeholder=(t!("feedback-survey-title-example")) value=(typed(sent, "title"));
                fieldset.survey-moments {
                    legend { (t!("feedback-survey-moments")) }
                    @for m in moments {
                        label.check {
                            input type="checkbox" name="moment_id" value=(m.id) checked[chosen("moment_id", m.id.to_string())];
                            " " bdi { (m.title) }
                        }
                    }
                }
                @if !branches.is_empty() {
                    label for="survey-branch" { (t!("export-audit-col-branch")) }
                    select #survey-branch name="branch_id" {
                        option value="" { (t!("feedback-every-branch")) }
                        @for b in branches { option value=(b.id) selected[chosen("branch_id", b.id.to_string())] { (b.name) } }
                    }
                }
                button type="submit" { (t!("feedback-survey-make")) }
            }
        }
    }
}

/// On a journey's feedback page: its surveys, each a link to its page.
pub fn survey_list(surveys: &[Survey], branch_name: &dyn Fn(Option<Id>) -> String) -> Markup {
    html! {
        @if !surveys.is_empty() {
            h2 { (t!("feedback-surveys")) }
            ul.list.surveys {
                @for s in surveys {
                    li {
                        a href={"/feedback/s/" (s.id)} dir="auto" { (survey_name(s)) }
                        (crate::web::i18n::sep()) (t!("feedback-survey-asks", n = s.moments.len() as i64))
                        (crate::web::i18n::sep()) bdi { (branch_name(s.branch_id)) }
                        @if s.closed { (crate::web::i18n::sep()) (t!("feedback-survey-closed")) }
                    }
                }
            }
        }
    }
}

/// A survey's name for the team: its title, else the moments it asks about.
fn survey_name(s: &Survey) -> String {
    if s.title.is_empty() {
        s.moments
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(crate::web::i18n::sep())
    } else {
        s.title.clone()
    }
}

/// The team's page of a survey: its link and QR code to hand out, what it
/// asks, and closing (opening) it.
pub fn survey_admin_page(
    j: &Journey,
    s: &Survey,
    branch: &str,
    url: &str,
    qr: &str,
    csrf: &str,
) -> Markup {
    html! {
        p.crumbs {
            a href={"/j/" (j.id)} dir="auto" { (j.name) } " › "
            a href={"/j/" (j.id) "/feedback"} { (t!("feedback-title")) } " ›"
        }
        h1 dir="auto" { (survey_name(s)) }
        p dir="auto" { (branch) }
        @if s.closed { (open_or_closed(&format!("/feedback/s/{}", s.id), true, csrf)) }
        (hand_out(t!("feedback-survey-hand-out-text"), url, qr, html! {
            (crate::web::i18n::sep()) a href={"/feedback/s/" (s.id) "/qr.svg"} download={"survey-" (s.id) ".svg"} { (t!("feedback-qr-download")) }
            (crate::web::i18n::sep()) a href={"/feedback/s/" (s.id) "/qr.png"} download={"survey-" (s.id) ".png"} { (t!("feedback-qr-download-png")) }
        }))
        section.card {
            h2 { (t!("feedback-survey-moments")) }
            ol {
                @for (_, title) in &s.moments { li dir="auto" { (title) } }
            }
            p.hint { (rich(&t!("feedback-survey-counts", figures = slot(0)), &[html! { a href={"/j/" (j.id) "/feedback"} { (t!("feedback-title")) } }])) }
        }
        @if !s.closed { (open_or_closed(&format!("/feedback/s/{}", s.id), false, csrf)) }
    }
}
