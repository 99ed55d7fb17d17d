//! The templates library's pages: the library, one template, and the
//! changes a journey is offered.

use crate::t;
use crate::web::i18n::date;
use crate::web::layout::{notice, rich, slot};
use crate::workspace::templates::{starter_name, starter_outline};
use maud::{html, Markup};
use mot_core::outline::{Change, Outline, OutlineMoment};
use mot_core::starters::STARTERS;
use mot_core::{Business, Id, Journey, Limits};
use mot_store::JourneyTemplate;

/// Everything the library page shows.
pub struct Library<'a> {
    pub templates: &'a [(JourneyTemplate, usize)],
    pub businesses: &'a [Business],
    /// Every journey, with its business's name (to save as a template).
    pub journeys: &'a [(Journey, String)],
    /// The business to start for, when the page was opened from one.
    pub business: Option<Id>,
    pub csrf: &'a str,
    pub error: Option<&'a str>,
}

fn when(ms: i64) -> String {
    date(mot_core::date::of_millis(ms))
}

/// One row of a template's source: its name, what it holds, a form to
/// start a journey from it.
fn start_form(value: &str, label: &str, l: &Library<'_>, n: usize) -> Markup {
    html! {
        details.start {
            summary { (t!("templates-start")) span.sr-only { " " (label) } }
            form method="post" action="/templates/start" {
                input type="hidden" name="_csrf" value=(l.csrf);
                input type="hidden" name="source" value=(value);
                label for={"start-business-" (n)} { (t!("templates-for-client")) }
                select id={"start-business-" (n)} name="business" {
                    @for b in l.businesses {
                        option value=(b.id) selected[l.business == Some(b.id)] { (b.name) }
                    }
                    option value="" selected[l.business.is_none() && l.businesses.is_empty()] { (t!("templates-new-client")) }
                }
                label for={"start-new-" (n)} { (t!("templates-new-client-name")) }
                input id={"start-new-" (n)} name="new_business" dir="auto" maxlength=(Limits::BUSINESS_NAME);
                label for={"start-name-" (n)} { (t!("templates-journey-name")) }
                input id={"start-name-" (n)} name="name" dir="auto" required maxlength=(Limits::JOURNEY_NAME) value=(label);
                label.check {
                    input type="checkbox" name="with_audit" value="1" checked;
                    " " (t!("templates-with-audit"))
                }
                button type="submit" { (t!("templates-start-submit")) }
            }
        }
    }
}

pub fn library_page(l: &Library<'_>) -> Markup {
    html! {
        h1 { (t!("templates-title")) }
        p.hint { (t!("templates-intro")) }
        @if let Some(e) = l.error { (notice("error", e)) }
        section.card #saved {
            h2 { (t!("templates-yours")) }
            @if l.templates.is_empty() {
                p.empty { (t!("templates-none")) }
            }
            ul.templates {
                @for (i, (tpl, moments)) in l.templates.iter().enumerate() {
                    li id={"template-" (tpl.id)} {
                        a href={"/templates/" (tpl.id)} dir="auto" { (tpl.name) }
                        (crate::web::i18n::sep()) (t!("templates-version", version = tpl.version))
                        (crate::web::i18n::sep()) (t!("templates-moments", count = *moments as i64))
                        (crate::web::i18n::sep()) (t!("templates-changed", date = when(tpl.updated_at).as_str()))
                        (start_form(&format!("template:{}", tpl.id), &tpl.name, l, i))
                    }
                }
            }
            @if !l.journeys.is_empty() {
                h3 { (t!("templates-save-heading")) }
                form.inline-form method="post" action="/templates/save" {
                    input type="hidden" name="_csrf" value=(l.csrf);
                    label for="save-journey" { (t!("templates-save-journey")) }
                    select #save-journey name="journey" {
                        @for (j, b) in l.journeys {
                            option value=(j.id) { (b) " — " (j.name) }
                        }
                    }
                    label for="save-name" { (t!("templates-save-name")) }
                    input #save-name name="name" dir="auto" required maxlength=(Limits::JOURNEY_NAME);
                    button type="submit" { (t!("templates-save-submit")) }
                }
            }
        }
        section.card #starters {
            h2 { (t!("templates-starters")) }
            p.hint { (t!("templates-starters-hint")) }
            ul.templates {
                @for (i, s) in STARTERS.iter().enumerate() {
                    @let o = starter_outline(s);
                    li id={"starter-" (s.kind)} {
                        strong { (starter_name(s)) }
                        (crate::web::i18n::sep()) (t!("templates-moments", count = o.moment_count() as i64))
                        br;
                        span.hint { (mot_i18n::text_dyn(crate::web::i18n::lang(), &format!("starter-{}-hint", s.kind)).unwrap_or_default()) }
                        details.outline {
                            summary { (t!("templates-see-outline")) }
                            (outline_view(&o))
                        }
                        (start_form(&format!("starter:{}", s.kind), starter_name(s), l, 1000 + i))
                    }
                }
            }
        }
    }
}

/// An outline: its stages, and their moments with channel and standard.
pub fn outline_view(o: &Outline) -> Markup {
    html! {
        @for s in &o.stages {
            h4 dir="auto" { (s.name) }
            ol.outline {
                @for m in &s.moments { li { (moment_line(m)) } }
            }
        }
    }
}

fn moment_line(m: &OutlineMoment) -> Markup {
    html! {
        @if let Some(c) = &m.channel { span.channel-tag { (c) } " " }
        bdi { (m.title) }
        @if !m.standard.is_empty() { br; span.hint dir="auto" { (m.standard) } }
    }
}

/// One template: what it holds, and the journeys made from it.
pub fn template_page(
    tpl: &JourneyTemplate,
    outline: &Outline,
    journeys: &[(Journey, i64)],
    csrf: &str,
) -> Markup {
    html! {
        p.crumbs { a href="/templates" { (t!("templates-title")) } " ›" }
        h1 dir="auto" { (tpl.name) }
        p {
            (t!("templates-version", version = tpl.version)) (crate::web::i18n::sep())
            (t!("templates-changed", date = when(tpl.updated_at).as_str()))
        }
        @if let Some(j) = tpl.source_journey_id {
            form.inline-form method="post" action={"/templates/" (tpl.id) "/update"} {
                input type="hidden" name="_csrf" value=(csrf);
                p.hint { (rich(&t!("templates-update-hint", journey = slot(0)), &[html! { a href={"/j/" (j)} { (t!("templates-its-journey")) } }])) }
                button type="submit" { (t!("templates-update")) }
            }
        }
        section.card {
            h2 { (t!("templates-made-from")) }
            @if journeys.is_empty() {
                p.empty { (t!("templates-made-none")) }
            }
            ul.link-list {
                @for (j, version) in journeys {
                    li {
                        span.link-text { a href={"/j/" (j.id)} dir="auto" { (j.name) } (crate::web::i18n::sep()) (t!("templates-version", version = *version)) }
                        @if *version < tpl.version {
                            a href={"/j/" (j.id) "/template"} { (t!("templates-review")) }
                        } @else {
                            span.hint { (t!("templates-up-to-date")) }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { (t!("templates-holds")) }
            (outline_view(outline))
        }
    }
}

/// The changes a journey is offered, each with a box to take it up.
pub fn changes_page(
    journey: &Journey,
    tpl: &JourneyTemplate,
    version: i64,
    changes: &[Change],
    csrf: &str,
) -> Markup {
    html! {
        p.crumbs { a href={"/j/" (journey.id)} dir="auto" { (journey.name) } " ›" }
        h1 { (t!("templates-changes-title")) }
        p { (rich(&t!("templates-changes-intro", template = slot(0), from = version, to = tpl.version), &[html! { a href={"/templates/" (tpl.id)} dir="auto" { (tpl.name) } }])) }
        @if changes.is_empty() {
            p.empty { (t!("templates-no-changes")) }
        } @else {
            form method="post" action={"/j/" (journey.id) "/template"} {
                input type="hidden" name="_csrf" value=(csrf);
                fieldset.changes {
                    legend { (t!("templates-changes-pick")) }
                    @for c in changes {
                        label.check.change {
                            input type="checkbox" name="take" value=(c.id()) checked;
                            span.change-text { @match c {
                                Change::AddStage { name, .. } => { (t!("templates-change-add-stage")) " " bdi { (name) } },
                                Change::RenameStage { from, to, .. } => { (t!("templates-change-rename-stage")) " " bdi { (from) } " → " bdi { (to) } },
                                Change::AddMoment { moment, .. } => { (t!("templates-change-add")) " " (moment_line(moment)) },
                                Change::ChangeMoment { from, to } => { (t!("templates-change-edit")) " " bdi { (from.title) } " → " (moment_line(to)) },
                                Change::RemoveMoment { moment } => { (t!("templates-change-remove")) " " bdi { (moment.title) } },
                            } }
                        }
                    }
                }
                p.hint { (t!("templates-changes-hint")) }
                button type="submit" { (t!("templates-changes-submit")) }
            }
        }
    }
}
