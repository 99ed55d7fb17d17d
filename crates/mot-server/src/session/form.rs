//! The contact planning form of a session: a print-ready page and downloads.

use crate::auth::layout::chrome;
use crate::board::service::board_visitor;
use crate::session::service::{form_download, planning_form};
use crate::state::AppState;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::PagePath;
use crate::web::layout::page;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use mot_core::date;
use mot_core::session::PlanningForm;
use mot_core::Id;

fn form_markup(f: &PlanningForm, journey_id: Id, session_id: Id) -> Markup {
    let base = format!("/j/{journey_id}/sessions/{session_id}/form");
    html! {
        div.form-page {
            p.crumbs.no-print { a href={"/j/" (journey_id)} { "← Back to the board" } }
            h1 { "Contact planning form" }
            p { strong dir="auto" { (f.business) } " · " bdi { (f.journey) } " · " bdi { (f.session) } " · " (date::format(f.held_on)) }
            p.no-print.downloads {
                "Download: "
                a href={(base) ".pdf"} { "PDF" } " · "
                a href={(base) ".xlsx"} { "Excel" } " · "
                a href={(base) ".csv"} { "CSV" } " · "
                a href={(base) ".md"} { "Markdown" }
                " · Or print this page."
            }
            @if f.groups.is_empty() { p.empty { "No moments on the board yet." } }
            @for g in &f.groups {
                section.form-group {
                    h2 { span.icon dir="auto" { (g.icon) } " " bdi { (g.channel) } }
                    table.planning {
                        thead { tr { th { "Moment of truth" } th { "Description" } th { "Issue / problem" } th { "Ranking" } th { "Action" } } }
                        tbody {
                            @for r in &g.rows {
                                tr.priority[r.priority] {
                                    td { @if r.priority { span.star title="Priority" { "★ " } } bdi { (r.moment) } }
                                    td dir="auto" { (r.description) }
                                    td.issue {
                                        @if !r.expectation.is_empty() { p { span.hint { "Customers expect: " } bdi { (r.expectation) } } }
                                        @if !r.reality.is_empty() { p { span.hint { "What happens now: " } bdi { (r.reality) } } }
                                        @if !r.issue.is_empty() {
                                            @if r.expectation.is_empty() && r.reality.is_empty() { bdi { (r.issue) } }
                                            @else { p { span.hint { "Issue: " } bdi { (r.issue) } } }
                                        }
                                    }
                                    td { @if let Some(x) = r.ranking { span class={"rating r-" (x.key())} { (x.label()) } } }
                                    td.action dir="auto" { (r.action) }
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
            "Contact planning form",
            form_markup(&f, journey_id, session_id),
        )
        .into_response());
    }
    match format.strip_prefix("form.") {
        Some(ext) => Ok(form_download(&f, ext)?),
        None => Err(AppError::not_found("export format").into()),
    }
}
