//! The contact planning form of a session: a print-ready page and downloads.

use crate::auth::layout::chrome;
use crate::board::service::board_visitor;
use crate::session::service::{form_download, planning_form};
use crate::session::views::rating_label;
use crate::state::AppState;
use crate::t;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::PagePath;
use crate::web::layout::{page, rich, slot};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use mot_core::session::{FormAction, PlanningForm};
use mot_core::Id;
use time::Date;

/// A date on the page: written out in the page's language, ISO for machines.
fn day(d: Date) -> Markup {
    html! { time datetime=(mot_core::date::format(d)) { (crate::web::i18n::date(d)) } }
}

/// One action of the Action cell: "what (who, by when)", then its ladder of
/// small steps, in order, each with its date and measure, and a mark on the
/// steps already taken (as the downloads write it).
fn action_markup(a: &FormAction) -> Markup {
    html! {
        div dir="auto" {
            bdi { (a.what) } " (" bdi { (a.owner) }
            @if let Some(d) = a.due { (rich(&t!("session-action-due", date = slot(0)), &[day(d)])) }
            ")"
            @if !a.steps.is_empty() {
                ol.steps {
                    @for st in &a.steps {
                        li {
                            bdi { (st.text) }
                            @if let Some(d) = st.target { (rich(&t!("session-form-step-due", date = slot(0)), &[day(d)])) }
                            @if !st.measure.is_empty() { " (" bdi { (st.measure) } ")" }
                            @if st.done { " " (t!("session-form-step-done")) }
                        }
                    }
                }
            }
        }
    }
}

fn form_markup(f: &PlanningForm, journey_id: Id, session_id: Id) -> Markup {
    let base = format!("/j/{journey_id}/sessions/{session_id}/form");
    html! {
        div.form-page {
            p.crumbs.no-print { a href={"/j/" (journey_id)} { (crate::web::i18n::back()) " " (t!("session-form-back")) } }
            h1 { (t!("session-planning-form")) }
            p { strong dir="auto" { (f.business) } (crate::web::i18n::sep()) bdi { (f.journey) } (crate::web::i18n::sep()) bdi { (f.session) } (crate::web::i18n::sep()) time datetime=(mot_core::date::format(f.held_on)) { (crate::web::i18n::date(f.held_on)) } }
            p.no-print.downloads {
                (t!("session-form-download")) " "
                a href={(base) ".pdf"} { (t!("session-form-pdf")) } (crate::web::i18n::sep())
                a href={(base) ".xlsx"} { (t!("session-form-excel")) } (crate::web::i18n::sep())
                a href={(base) ".csv"} { (t!("session-form-csv")) } (crate::web::i18n::sep())
                a href={(base) ".md"} { (t!("session-form-markdown")) }
                (crate::web::i18n::sep()) (t!("session-form-print"))
            }
            @if f.groups.is_empty() { p.empty { (t!("session-form-empty")) } }
            @for g in &f.groups {
                section.form-group {
                    h2 {
                        @match &g.channel {
                            Some(c) => { span.icon dir="auto" { (c.icon) } " " bdi { (c.name) } }
                            None => { span.icon aria-hidden="true" { "?" } " " (t!("session-form-no-channel")) }
                        }
                    }
                    table.planning {
                        thead { tr {
                            th { (t!("session-form-moment")) } th { (t!("session-form-description")) } th { (t!("session-issue-problem")) }
                            th { (t!("session-form-ranking")) } th { (t!("session-form-action")) }
                        } }
                        tbody {
                            @for r in &g.rows {
                                tr.priority[r.priority] {
                                    td { @if r.priority { span.star title=(t!("session-form-priority")) { "★ " } } bdi { (r.moment) } }
                                    td dir="auto" { (r.description) }
                                    td.issue {
                                        @if !r.expectation.is_empty() { p { span.hint { (t!("session-customers-expect")) " " } bdi { (r.expectation) } } }
                                        @if !r.reality.is_empty() { p { span.hint { (t!("session-what-happens-now-label")) " " } bdi { (r.reality) } } }
                                        @if !r.issue.is_empty() {
                                            @if r.expectation.is_empty() && r.reality.is_empty() { bdi { (r.issue) } }
                                            @else { p { span.hint { (t!("session-issue")) " " } bdi { (r.issue) } } }
                                        }
                                    }
                                    td { @if let Some(x) = r.ranking { span class={"rating r-" (x.key())} { (rating_label(x)) } } }
                                    td.action { @for a in &r.actions { (action_markup(a)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /j/{jid}/sessions/{sid}/form` (print page) and `/form.{csv,xlsx,pdf,md}`.
pub async fn show_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, session_id, format)): PagePath<(Id, Id, String)>,
) -> PageResult<Response> {
    let me = match board_visitor(&state, &headers, journey_id).await {
        Ok(i) => i,
        Err(r) => return Ok(r),
    };
    let f = planning_form(&state, &me, journey_id, session_id).await?;
    if format == "form" {
        return Ok(page(
            &chrome(&state, Some(&me)),
            t!("session-planning-form"),
            form_markup(&f, journey_id, session_id),
        )
        .into_response());
    }
    match format.strip_prefix("form.") {
        Some(ext) => Ok(form_download(
            &f,
            ext,
            &crate::web::brand::look(&state, me.workspace_id).await?,
        )?),
        None => Err(AppError::not_found("export format").into()),
    }
}
