//! Audits: branches, templates, rounds, the rater's page, results with the
//! item × branch heat map, and the journey's standards.

use crate::t;
use crate::web::i18n::{date as day, decimal, integer, lang};
use maud::{html, Markup, PreEscaped};
use mot_core::audit::{round1, ItemResult, RaterGroup, Stats, INCONSISTENT, NOTABLE_GAP};
use mot_core::date;
use mot_core::{Id, Journey, Moment};
use mot_i18n::Arg;
use mot_store::{Branch, RaterLink, RaterView, Round, Standard, Template};

use crate::web::i18n::isolate;

/// A figure to one decimal by the one rounding rule of core, written the
/// language's way (7.4, 7,4, ٧٫٤).
fn one(x: f64) -> String {
    decimal(round1(x), 1)
}

fn fmt(x: Option<f64>) -> String {
    x.map_or("–".into(), one)
}

/// A change with its sign: "+1.0", "-0.5", "0.0".
fn signed(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| {
        let r = round1(x);
        if r > 0.0 {
            format!("+{}", decimal(r, 1))
        } else {
            decimal(r, 1)
        }
    })
}

/// A rater group's name in the request's language.
pub fn group_label(g: RaterGroup) -> &'static str {
    match g {
        RaterGroup::Manager => t!("audit-group-manager"),
        RaterGroup::Staff => t!("audit-group-staff"),
        RaterGroup::Friend => t!("audit-group-friend"),
        RaterGroup::MysteryShopper => t!("audit-group-mystery-shopper"),
        RaterGroup::Customer => t!("audit-group-customer"),
    }
}

/// A message some of whose variables are markup (a name in `<bdi>`, a
/// figure in `<strong>`): `text` are plain arguments, `marks` markup put in
/// the places of their variables; the message's own words are escaped.
fn rich(key: &'static str, text: &[(&str, Arg)], marks: &[(&str, Markup)]) -> Markup {
    let mut args: Vec<(&str, Arg)> = text.to_vec();
    for (i, (name, _)) in marks.iter().enumerate() {
        args.push((name, Arg::Text(crate::web::layout::slot(i))));
    }
    let parts: Vec<Markup> = marks.iter().map(|(_, m)| m.clone()).collect();
    crate::web::layout::rich(&mot_i18n::format(lang(), key, &args), &parts)
}

/// The audit parts of a business page (`practice`: the viewer is one of
/// the practice's own people, who keep its templates and start rounds).
#[allow(clippy::too_many_arguments)]
pub fn business_audits(
    business_id: Id,
    branches: &[Branch],
    templates: &[(Id, String)],
    rounds: &[Round],
    journeys: &[Journey],
    csrf: &str,
    can_manage: bool,
    practice: bool,
) -> Markup {
    html! {
        section.card #branches {
            h2 { (t!("audit-branches")) }
            p.hint { (t!("audit-branches-hint")) }
            @if branches.is_empty() { p.empty { (t!("audit-branches-empty")) } }
            ul.list { @for b in branches { li { bdi { (b.name) } } } }
            @if can_manage {
                form.inline-form method="post" action={"/b/" (business_id) "/branches"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    label for="brname" { (t!("audit-branch-new")) }
                    input #brname name="name" required maxlength="120" placeholder=(t!("audit-branch-placeholder"));
                    button type="submit" { (t!("audit-branch-add")) }
                }
            }
        }
        section.card #audits {
            h2 { (t!("audit-heading")) }
            h3 { (t!("audit-rounds")) }
            @if rounds.is_empty() { p.empty { (t!("audit-rounds-empty")) } }
            ul.list {
                @for r in rounds {
                    li {
                        a href={"/b/" (business_id) "/rounds/" (r.id)} dir="auto" { (r.name) }
                        " " span.hint.date { (day(r.opens_on)) " – " (day(r.closes_on)) }
                        @if r.closed { " " span.badge { (t!("audit-closed")) } }
                        (crate::web::i18n::sep()) a href={"/b/" (business_id) "/rounds/" (r.id) "/results"} { (t!("audit-results-link")) }
                    }
                }
            }
            // Templates are the practice's: a client's people use them only.
            @if practice {
                h3 { (t!("audit-templates")) }
                p.hint { (t!("audit-templates-hint")) }
                ul.list { @for (id, name) in templates { li { a href={"/b/" (business_id) "/templates/" (id)} dir="auto" { (name) } } } }
            }
            @if can_manage {
                @if practice { form.inline-form method="post" action={"/b/" (business_id) "/templates"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    label for="tfrom" { (t!("audit-template-new")) }
                    select #tfrom name="from" {
                        option value="default" { (t!("audit-template-default")) }
                        @for j in journeys { option value={"journey:" (j.id)} { (t!("audit-template-from-journey", journey = j.name.as_str())) } }
                        @for r in rounds { option value={"round:" (r.id)} { (t!("audit-template-from-round", round = r.name.as_str())) } }
                    }
                    button type="submit" { (t!("audit-template-create")) }
                } }
                @if practice && !templates.is_empty() && !branches.is_empty() {
                    form.inline-form method="post" action={"/b/" (business_id) "/rounds"} {
                        input type="hidden" name="_csrf" value=(csrf);
                        (crate::board::views::request_id_field())
                        h3 { (t!("audit-round-start")) }
                        label for="rname" { (t!("audit-round-name")) }
                        input #rname name="name" required maxlength="120" value=(t!("audit-round-default-name", date = date::format(date::today())));
                        label for="rtpl" { (t!("audit-round-template")) }
                        select #rtpl name="template_id" { @for (id, name) in templates { option value=(id) dir="auto" { (name) } } }
                        label for="ropen" { (t!("audit-round-opens")) }
                        input #ropen name="opens_on" type="date" required value=(date::format(date::today()));
                        label for="rclose" { (t!("audit-round-closes")) }
                        input #rclose name="closes_on" type="date" required value=(date::format(date::today().saturating_add(time::Duration::days(14))));
                        fieldset {
                            legend { (t!("audit-branches")) }
                            @for b in branches { label.check { input type="checkbox" name="branch_ids" value=(b.id) checked; " " bdi { (b.name) } } }
                        }
                        button type="submit" { (t!("audit-round-start-button")) }
                    }
                }
            }
        }
    }
}

/// Editing a template: add, reword, remove, reorder items; link them to moments.
pub fn template_page(
    business_id: Id,
    t: &Template,
    moments: &[(Moment, String)],
    csrf: &str,
) -> Markup {
    let base = format!("/b/{business_id}/templates/{}", t.id);
    let mut phases: Vec<&str> = Vec::new();
    for i in &t.items {
        if !phases.contains(&i.phase.as_str()) {
            phases.push(&i.phase);
        }
    }
    let moves = [(-1, t!("audit-phase-up")), (1, t!("audit-phase-down"))];
    html! {
        p.crumbs { a href={"/b/" (business_id) "#audits"} { (t!("audit-back-to-audits")) } }
        h1 dir="auto" { (t.name) }
        p.hint { (t!("audit-template-hint")) }
        @if t.items.is_empty() { p.empty { (t!("audit-template-empty")) } }
        @for p in &phases {
            section.card {
                div.phase-head {
                    h2 { (p) }
                    @for (delta, label) in moves {
                        form.inline method="post" action={(base) "/phases/move"} {
                            input type="hidden" name="_csrf" value=(csrf);
                            (crate::board::views::request_id_field())
                            input type="hidden" name="phase" value=(p);
                            input type="hidden" name="delta" value=(delta);
                            button.small.quiet type="submit" aria-label={(label) ": " (p)} { (label) }
                        }
                    }
                }
                ol.template-items {
                    @for i in t.items.iter().filter(|i| i.phase == *p) {
                        li {
                            form.item-row method="post" action={(base) "/items/" (i.id)} {
                                input type="hidden" name="_csrf" value=(csrf);
                                label.sr-only for={"it-" (i.id)} { (t!("audit-item")) }
                                input id={"it-" (i.id)} name="text" required maxlength="300" value=(i.text) dir="auto";
                                label for={"gd-" (i.id)} { (t!("audit-item-guidance")) }
                                textarea id={"gd-" (i.id)} name="guidance" dir="auto" rows="2" maxlength="2000" { (i.guidance) }
                                label for={"mo-" (i.id)} { (t!("audit-item-moment")) }
                                select id={"mo-" (i.id)} name="moment_id" {
                                    option value="" { "—" }
                                    @for (m, j) in moments { option value=(m.id) selected[i.moment_id == Some(m.id)] { (isolate(j)) ": " (isolate(&m.title)) } }
                                }
                                div.row {
                                    button.small type="submit" { (t!("audit-save")) }
                                    button.small.danger type="submit" name="remove" value="1" { (t!("audit-remove")) }
                                }
                            }
                            div.row {
                                form.inline method="post" action={(base) "/items/" (i.id) "/move"} {
                                    input type="hidden" name="_csrf" value=(csrf);
                                    (crate::board::views::request_id_field())
                                    input type="hidden" name="delta" value="-1";
                                    button.small.quiet type="submit" aria-label=(t!("audit-item-up-label", item = i.text.as_str())) { (t!("audit-item-up")) }
                                }
                                form.inline method="post" action={(base) "/items/" (i.id) "/move"} {
                                    input type="hidden" name="_csrf" value=(csrf);
                                    (crate::board::views::request_id_field())
                                    input type="hidden" name="delta" value="1";
                                    button.small.quiet type="submit" aria-label=(t!("audit-item-down-label", item = i.text.as_str())) { (t!("audit-item-down")) }
                                }
                            }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { (t!("audit-item-add-heading")) }
            form method="post" action={(base) "/items"} {
                input type="hidden" name="_csrf" value=(csrf);
                (crate::board::views::request_id_field())
                label for="nphase" { (t!("audit-item-phase")) " " span.hint { (t!("audit-item-phase-hint")) } }
                input #nphase name="phase" dir="auto" required maxlength="120" list="phases" value=(phases.last().copied().unwrap_or(t!("audit-default-phase")));
                datalist #phases { @for p in &phases { option value=(p) {} } }
                label for="ntext" { (t!("audit-item")) }
                input #ntext name="text" dir="auto" required maxlength="300";
                label for="nguid" { (t!("audit-item-guidance-short")) " " span.hint { (t!("audit-optional")) } }
                textarea #nguid name="guidance" dir="auto" rows="2" maxlength="2000" {}
                button type="submit" { (t!("audit-item-add")) }
            }
        }
    }
}

/// A round: who has answered, new links, reminders, closing.
pub fn round_page(
    business_id: Id,
    r: &Round,
    branches: &[Branch],
    links: &[RaterLink],
    new_links: &[(RaterLink, String, String)],
    items: usize,
    csrf: &str,
) -> Markup {
    let base = format!("/b/{business_id}/rounds/{}", r.id);
    let branch_name = |id: Id| {
        branches
            .iter()
            .find(|b| b.id == id)
            .map_or("?", |b| b.name.as_str())
    };
    let answered = links.iter().filter(|l| l.submitted).count();
    let handed_in = html! { strong { (t!("audit-of", done = answered, total = links.len())) } };
    html! {
        p.crumbs { a href={"/b/" (business_id) "#audits"} { (t!("audit-back-to-audits")) } }
        h1 { bdi { (r.name) } @if r.closed { " " span.badge { (t!("audit-closed")) } } }
        p { span.date { (day(r.opens_on)) } " – " span.date { (day(r.closes_on)) } (crate::web::i18n::sep()) (t!("audit-round-items", count = items)) (crate::web::i18n::sep())
            (rich("audit-round-handed-in", &[], &[("count", handed_in)])) (crate::web::i18n::sep()) a href={(base) "/results"} { (t!("audit-results")) } }
        @if !new_links.is_empty() {
            section.card.new-links {
                h2 { (t!("audit-links-new")) }
                p.notice { (t!("audit-links-new-notice")) }
                ul.link-list {
                    @for (l, url, qr) in new_links {
                        li {
                            div.qr.small-qr role="img" aria-label=(t!("audit-link-qr-label", rater = l.label.as_str())) { (PreEscaped(qr)) }
                            div.link-text { strong dir="auto" { (l.label) } (crate::web::i18n::sep()) (group_label(l.group)) (crate::web::i18n::sep()) bdi { (branch_name(l.branch_id)) } br; input readonly value=(url) aria-label=(t!("audit-link-url-label", rater = l.label.as_str())); }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { (t!("audit-raters")) }
            @if links.is_empty() { p.empty { (t!("audit-raters-empty")) } }
            @else {
                div.table-wrap tabindex="0" role="region" aria-label=(t!("audit-raters")) {
                table.raters {
                    thead { tr { th { (t!("audit-col-rater")) } th { (t!("audit-col-group")) } th { (t!("export-audit-col-branch")) } th { (t!("audit-col-answers")) } th { (t!("audit-col-status")) } th { span.sr-only { (t!("audit-col-remind")) } } } }
                    tbody {
                        @for l in links {
                            tr {
                                td dir="auto" { (l.label) } td { (group_label(l.group)) } td dir="auto" { (branch_name(l.branch_id)) }
                                td { (integer(l.answered.into())) " / " (integer(items as i64)) }
                                td { @if l.submitted { (t!("audit-status-handed-in")) } @else if l.answered > 0 { (t!("audit-status-in-progress")) } @else { (t!("audit-status-not-started")) } }
                                td {
                                    @if !l.submitted && !r.closed {
                                        form.inline method="post" action={(base) "/links/" (l.id) "/remind"} {
                                            input type="hidden" name="_csrf" value=(csrf);
                                            button.small.quiet type="submit" { (t!("audit-remind")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                }
            }
            @if !r.closed {
                form.inline-form method="post" action={(base) "/links"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    h3 { (t!("audit-invite")) }
                    label for="lbranch" { (t!("export-audit-col-branch")) }
                    select #lbranch name="branch_id" { @for b in branches.iter().filter(|b| r.branch_ids.contains(&b.id)) { option value=(b.id) dir="auto" { (b.name) } } }
                    label for="lgroup" { (t!("audit-rater-group")) }
                    select #lgroup name="group" { @for g in RaterGroup::ALL { option value=(g.key()) { (group_label(g)) } } }
                    label for="lnames" { (t!("audit-labels")) " " span.hint { (t!("audit-labels-hint")) } }
                    textarea #lnames name="labels" dir="auto" rows="3" required placeholder=(t!("audit-labels-placeholder")) {}
                    button type="submit" { (t!("audit-make-links")) }
                }
                form.inline-form method="post" action={(base) "/close"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    button.danger type="submit" { (t!("audit-close-round")) }
                }
            }
        }
    }
}

/// The rater's page: phone-first, one item after another, saved as they go.
pub fn rater_page(
    v: &RaterView,
    token: &str,
    standards: &[Standard],
    error: Option<&str>,
) -> Markup {
    let answer_of = |id: Id| v.answers.iter().find(|a| a.0 == id);
    let mut phases: Vec<&str> = Vec::new();
    for i in &v.items {
        if !phases.contains(&i.phase.as_str()) {
            phases.push(&i.phase);
        }
    }
    let today = date::today();
    let not_yet = today < v.round.opens_on;
    let over = today > v.round.closes_on;
    let done = v.link.submitted || v.round.closed || not_yet || over;
    html! {
        div.rater #rater data-token=(token) data-items=(v.items.len()) {
            p.hint { bdi { (v.business) } (crate::web::i18n::sep()) bdi { (v.branch) } }
            h1 dir="auto" { (v.round.name) }
            @if let Some(e) = error { p.error role="alert" { (e) } }
            @if v.link.submitted { p.notice #thanks role="status" { (t!("audit-rater-thanks")) } }
            @else if v.round.closed || over { p.notice role="status" { (t!("audit-rater-closed")) } }
            @else if not_yet { p.notice role="status" { (rich("audit-rater-not-yet", &[], &[("date", html! { span.date { (day(v.round.opens_on)) } })])) } }
            @else {
                p { (rich("audit-rater-intro", &[], &[("low", html! { strong { (t!("audit-rater-low")) } }), ("high", html! { strong { (t!("audit-rater-high")) } })])) }
            }
            form method="post" action={"/r/" (token)} #rater-form {
                @for p in &phases {
                    h2 { (p) }
                    @for it in v.items.iter().filter(|i| i.phase == *p) {
                        @let a = answer_of(it.id);
                        @let guidance = if it.guidance.is_empty() { it.moment_id.and_then(|m| standards.iter().find(|s| s.moment_id == m)).map(|s| s.experience.as_str()).unwrap_or("") } else { it.guidance.as_str() };
                        fieldset.item data-item=(it.id) disabled[done] {
                            legend dir="auto" { (it.text) }
                            @if !guidance.is_empty() { p.guidance { (rich("audit-rater-standard", &[], &[("standard", html! { bdi { (guidance) } })])) } }
                            div.scale role="radiogroup" aria-label=(t!("audit-rater-score-label", item = it.text.as_str())) {
                                @for n in 1..=10u8 {
                                    label.score-option {
                                        input type="radio" name={"s" (it.id)} value=(n) checked[a.is_some_and(|a| a.1 == Some(n))];
                                        span { (integer(n.into())) }
                                    }
                                }
                                label.score-option.na {
                                    input type="radio" name={"s" (it.id)} value="na" checked[a.is_some_and(|a| a.1.is_none())];
                                    span { (t!("audit-rater-na")) }
                                }
                            }
                            label for={"c" (it.id)} { (t!("audit-rater-comment")) " " span.hint { (t!("audit-optional")) } }
                            textarea id={"c" (it.id)} name={"c" (it.id)} dir="auto" rows="1" maxlength=(mot_core::audit::AuditLimits::COMMENT) { (a.map_or("", |a| a.2.as_str())) }
                        }
                    }
                }
                @if !done {
                    div.rater-actions {
                        p #rater-progress .progress role="status" aria-live="polite" { (t!("js-audit-progress", answered = v.answers.len(), total = v.items.len())) }
                        div.row {
                            button.quiet type="submit" name="submit" value="0" { (t!("audit-save")) }
                            button type="submit" name="submit" value="1" { (t!("audit-rater-hand-in")) }
                        }
                    }
                }
            }
        }
    }
}

fn heat_class(mean: Option<f64>) -> String {
    match mean {
        None => "heat none".into(),
        Some(m) => format!("heat h{}", (m.round() as i64).clamp(1, 10)),
    }
}

fn stats_cells(s: Option<&Stats>) -> Markup {
    html! {
        td.num { (fmt(s.map(|s| s.mean))) }
        td.num { (fmt(s.map(|s| s.median))) }
        td.num { (fmt(s.map(|s| s.spread))) }
        td.num { (integer(s.map_or(0, |s| s.count).into())) }
    }
}

/// "Staff 8.0 vs Friend 4.0 (4.0)": an item's gap between two groups.
fn gap_words(i: &ItemResult) -> Option<String> {
    let (hi, lo, gap) = i.gap?;
    let m = |g: RaterGroup| {
        i.by_group
            .iter()
            .find(|(x, _)| *x == g)
            .map(|(_, s)| s.mean)
    };
    Some(t!(
        "audit-gap-words",
        high = group_label(hi),
        high_mean = fmt(m(hi)),
        low = group_label(lo),
        low_mean = fmt(m(lo)),
        gap = one(gap),
    ))
}

/// A wide table's scroll container: a named region that takes the focus,
/// so a keyboard can scroll it sideways.
fn scroll_region(label: &str, table: Markup) -> Markup {
    html! { div.table-wrap tabindex="0" role="region" aria-label=(label) { (table) } }
}

/// The results of a round.
pub fn results_page(
    business_id: Id,
    rr: &crate::audit::service::RoundReport,
    branches: &[Branch],
) -> Markup {
    let (r, report, responses) = (&rr.round, &rr.report, rr.responses);
    let base = format!("/b/{business_id}/rounds/{}", r.id);
    let name = |id: Id| {
        branches
            .iter()
            .find(|b| b.id == id)
            .map_or("?".to_string(), |b| b.name.clone())
    };
    let with_comments: Vec<&ItemResult> = report
        .items
        .iter()
        .filter(|i| !i.comments.is_empty())
        .collect();
    let gaps = report.gaps_by_size();
    let bdi = |s: &str| html! { bdi { (s) } };
    html! {
        p.crumbs { a href=(base) { (rich("audit-back-to-round", &[], &[("round", bdi(&r.name))])) } }
        h1 { (rich("audit-results-heading", &[], &[("round", bdi(&r.name))])) }
        p { (t!("audit-results-handed-in", done = responses.0, total = responses.1))
            @if let Some(p) = &rr.previous { (crate::web::i18n::sep()) (rich("audit-results-against", &[], &[("round", bdi(&p.name))])) } }
        @if rr.drafts > 0 {
            p.hint #drafts { (t!("audit-results-drafts", count = rr.drafts)) }
        }
        p.no-print.downloads { (t!("audit-download")) " " a href={(base) "/results.pdf"} { (t!("audit-download-pdf")) } (crate::web::i18n::sep()) a href={(base) "/results.xlsx"} { (t!("audit-download-excel")) } (crate::web::i18n::sep()) a href={(base) "/results.csv"} { (t!("audit-download-csv")) } (crate::web::i18n::sep()) (t!("audit-download-print")) }
        section.card {
            h2 #items-h { (t!("audit-results-items")) }
            dl.legend #results-legend {
                dt { (t!("audit-legend-mean")) } dd { (t!("audit-legend-mean-text")) }
                dt { (t!("export-audit-col-spread")) } dd { (t!("audit-legend-spread-text")) }
                dt { (t!("audit-flag-gap")) } dd { (t!("audit-legend-gap-text", points = one(NOTABLE_GAP))) }
                dt { (t!("audit-flag-inconsistent")) } dd { (t!("audit-legend-inconsistent-text", points = one(INCONSISTENT), column = t!("export-audit-col-inconsistency"))) }
            }
            // The columns that matter first (a phone shows the left of the
            // table): the item, its mean, its change and its gap; the rest after.
            (scroll_region(t!("audit-results-items"), html! {
                table.results {
                    thead { tr { th { (t!("export-audit-col-item")) } th { (t!("export-audit-col-mean")) } th { (t!("export-audit-col-change")) } th { (t!("export-audit-col-gap")) } th { (t!("export-audit-col-spread")) } th { (t!("export-audit-col-median")) } th { (t!("export-audit-col-count")) } th { (t!("export-audit-col-phase")) } } }
                    tbody {
                        @for i in &report.items {
                            @let s = i.overall.as_ref();
                            tr {
                                td {
                                    bdi { (i.item.text) }
                                    @if i.inconsistent() { " " span.flag-inline { (t!("audit-flag-inconsistent")) } }
                                    @if let Some(b) = i.low_branch {
                                        " " span.hint.low-branch { (rich("audit-results-low-at", &[("mean", Arg::Text(fmt(i.by_branch.iter().find(|x| x.0 == b).and_then(|x| x.1).map(|s| s.mean))))], &[("branch", bdi(&name(b)))])) }
                                    }
                                }
                                td.num { (fmt(s.map(|s| s.mean))) }
                                td.num { (signed(i.change)) }
                                td {
                                    @if let Some(words) = gap_words(i) {
                                        span class=(if i.notable_gap() { "gap notable" } else { "gap" }) {
                                            @if i.notable_gap() { "⚑ " }
                                            (words)
                                        }
                                    } @else { "–" }
                                }
                                td.num { (fmt(s.map(|s| s.spread))) }
                                td.num { (fmt(s.map(|s| s.median))) }
                                td.num { (integer(s.map_or(0, |s| s.count).into())) }
                                td dir="auto" { (i.item.phase) }
                            }
                        }
                    }
                }
            }))
        }
        @if rr.other_clients > 0 {
            section.card #benchmarks {
                h2 { (t!("audit-bench-heading")) }
                @if rr.benchmarks.is_empty() {
                    p.empty { (t!("audit-bench-too-few", min = mot_core::audit::BENCHMARK_MIN_CLIENTS as i64, clients = rr.other_clients as i64)) }
                } @else {
                    p.hint { (t!("audit-bench-hint")) }
                    (scroll_region(t!("audit-bench-heading"), html! {
                        table.results {
                            thead { tr {
                                th { (t!("export-audit-col-item")) }
                                th { (t!("audit-bench-col-here")) }
                                th { (t!("audit-bench-col-median")) }
                                th { (t!("audit-bench-col-middle")) }
                                th { (t!("audit-bench-col-where")) }
                                th { (t!("audit-bench-col-clients")) }
                            } }
                            tbody {
                                @for i in &report.items {
                                    @if let Some(b) = i.item.key.and_then(|k| rr.benchmarks.get(&k)) {
                                        @let here = i.overall.as_ref().map(|s| s.mean);
                                        tr {
                                            td { bdi { (i.item.text) } }
                                            td.num { (fmt(here)) }
                                            td.num { (fmt(Some(b.median))) }
                                            td.num { (fmt(Some(b.q1))) "–" (fmt(Some(b.q3))) }
                                            td {
                                                @match here {
                                                    Some(h) if h < b.q1 => { "▼ " (t!("audit-bench-below")) }
                                                    Some(h) if h > b.q3 => { "▲ " (t!("audit-bench-above")) }
                                                    Some(_) => { (t!("audit-bench-within")) }
                                                    None => { "–" }
                                                }
                                            }
                                            td.num { (integer(b.clients as i64)) }
                                        }
                                    }
                                }
                            }
                        }
                    }))
                }
            }
        }
        @if !gaps.is_empty() {
            section.card #gaps {
                h2 { (t!("audit-gaps-heading")) }
                p.hint { (t!("audit-gaps-hint")) }
                (scroll_region(t!("audit-gaps-region"), html! {
                    table.gaps {
                        thead { tr { th { (t!("export-audit-col-item")) } th { (t!("export-audit-col-gap")) } th { (t!("audit-col-usual-gap")) } th { (t!("audit-col-beyond-usual")) } } }
                        tbody {
                            @for i in &gaps {
                                tr {
                                    td { @if i.notable_gap() { "⚑ " } (i.item.text) }
                                    td { (gap_words(i).unwrap_or_default()) }
                                    td.num { (fmt(i.usual_gap)) }
                                    td.num { (signed(i.gap_beyond_usual())) }
                                }
                            }
                        }
                    }
                }))
            }
        }
        section.card {
            h2 #heat-h { (t!("audit-heat-heading")) }
            p.hint { (t!("audit-heat-hint")) }
            (scroll_region(t!("audit-heat-heading"), html! {
                table.heatmap {
                    thead { tr { th { (t!("export-audit-col-item")) } @for (b, _) in &report.branches { th { (name(*b)) } } th { (t!("export-audit-col-inconsistency")) } } }
                    tbody {
                        @for i in &report.items {
                            tr {
                                td { @if i.inconsistent() { "⚑ " } bdi { (i.item.text) } }
                                @for (_, s) in &i.by_branch { td class=(heat_class(s.map(|s| s.mean))) { (fmt(s.map(|s| s.mean))) } }
                                td.num { (fmt(i.inconsistency)) }
                            }
                        }
                    }
                }
            }))
        }
        section.card {
            h2 { (t!("audit-breakdown-heading")) }
            (scroll_region(t!("audit-breakdown-heading"), html! {
                table.results {
                    thead { tr { th { span.sr-only { (t!("audit-breakdown-column")) } } th { (t!("export-audit-col-mean")) } th { (t!("export-audit-col-median")) } th { (t!("export-audit-col-spread")) } th { (t!("export-audit-col-count")) } } }
                    tbody {
                        @for (p, s) in &report.phases { tr { th { (rich("audit-breakdown-phase", &[], &[("phase", bdi(p))])) } (stats_cells(s.as_ref())) } }
                        @for (g, s) in &report.groups { tr { th { (t!("audit-breakdown-group", group = group_label(*g))) } (stats_cells(Some(s))) } }
                        @for (b, s) in &report.branches { tr { th { (rich("audit-breakdown-branch", &[], &[("branch", bdi(&name(*b)))])) } (stats_cells(s.as_ref())) } }
                    }
                }
            }))
        }
        section.card #comments {
            h2 { (t!("audit-comments-heading")) }
            @if with_comments.is_empty() { p.empty { (t!("audit-comments-empty")) } }
            @for i in &with_comments {
                h3 { bdi { (i.item.text) } }
                ul.comments {
                    @for cm in &i.comments {
                        li { q dir="auto" { (cm.text) } " " span.hint { (rich("audit-comment-by", &[("group", Arg::from(group_label(cm.group)))], &[("branch", bdi(&name(cm.branch_id)))])) } }
                    }
                }
            }
        }
    }
}

/// The standards of a journey's moments.
pub fn standards_page(
    j: &Journey,
    moments: &[Moment],
    standards: &[Standard],
    csrf: &str,
    can_manage: bool,
) -> Markup {
    html! {
        p.crumbs { a href={"/j/" (j.id)} { (t!("audit-back-to-board")) } }
        h1 { (rich("audit-standards-heading", &[], &[("journey", html! { bdi { (j.name) } })])) }
        p { (t!("audit-standards-intro")) }
        @if moments.is_empty() { p.empty { (t!("audit-standards-empty")) } }
        @for m in moments {
            @let s = standards.iter().find(|s| s.moment_id == m.id);
            section.card.standard id={"std-" (m.id)} {
                h2 { bdi { (m.title) } @if s.is_some() { " " span.badge { (t!("audit-standard-badge")) } } }
                @if can_manage {
                    form method="post" action={"/j/" (j.id) "/standards/" (m.id)} {
                        input type="hidden" name="_csrf" value=(csrf);
                        label for={"ex-" (m.id)} { (t!("audit-standard-experience-label")) }
                        textarea id={"ex-" (m.id)} name="experience" dir="auto" rows="2" maxlength="2000" { (s.map_or("", |s| s.experience.as_str())) }
                        label for={"hi-" (m.id)} { (t!("audit-standard-highs-label")) }
                        textarea id={"hi-" (m.id)} name="highs" dir="auto" rows="2" maxlength="2000" { (s.map_or("", |s| s.highs.as_str())) }
                        label for={"ri-" (m.id)} { (t!("audit-standard-risks-label")) }
                        textarea id={"ri-" (m.id)} name="risks" dir="auto" rows="2" maxlength="2000" { (s.map_or("", |s| s.risks.as_str())) }
                        button.small type="submit" { (t!("audit-standard-save")) }
                    }
                } @else if let Some(s) = s {
                    dl { dt { (t!("audit-standard-experience")) } dd dir="auto" { (s.experience) } dt { (t!("audit-standard-highs")) } dd dir="auto" { (s.highs) } dt { (t!("audit-standard-risks")) } dd dir="auto" { (s.risks) } }
                } @else { p.empty { (t!("audit-standard-none")) } }
            }
        }
    }
}
