//! The contact planning form of a session: a print-ready page and downloads.

use crate::auth::layout::chrome;
use crate::board::service::board_visitor;
use crate::session::service::planning_form;
use crate::state::AppState;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::PagePath;
use crate::web::layout::page;
use axum::extract::State;
use axum::http::{header, HeaderMap};
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

/// The planning form as a file to download: `csv`, `md`, `xlsx` or `pdf`
/// (for the page and the JSON API alike).
pub fn form_download(f: &PlanningForm, ext: &str) -> Result<Response, AppError> {
    let file = |ext: &str| {
        let safe: String = f
            .journey
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!(
            "attachment; filename=\"contact-planning-form-{}-{}.{ext}\"",
            safe.trim_matches('-'),
            date::format(f.held_on)
        )
    };
    use mot_export::planning_form as export;
    Ok(match ext {
        "csv" => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, file("csv")),
            ],
            export::to_csv(f),
        )
            .into_response(),
        "md" => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/markdown; charset=utf-8".to_string(),
                ),
                (header::CONTENT_DISPOSITION, file("md")),
            ],
            export::to_markdown(f),
        )
            .into_response(),
        "xlsx" => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                ),
                (header::CONTENT_DISPOSITION, file("xlsx")),
            ],
            export::to_xlsx(f).map_err(|e| AppError::internal(&e))?,
        )
            .into_response(),
        "pdf" => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, file("pdf")),
            ],
            export::to_pdf(f).map_err(|e| AppError::internal(&e))?,
        )
            .into_response(),
        _ => return Err(AppError::not_found("export format")),
    })
}
