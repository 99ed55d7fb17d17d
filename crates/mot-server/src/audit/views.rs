//! Audits: branches, templates, rounds, the rater's page, results with the
//! item × branch heat map, and the journey's standards.

use maud::{html, Markup, PreEscaped};
use mot_core::audit::{
    one_decimal, signed_one_decimal, ItemResult, RaterGroup, Stats, NOTABLE_GAP,
};
use mot_core::date;
use mot_core::{Id, Journey, Moment};
use mot_export::audit_report::{INCONSISTENCY_COLUMN, ITEM_COLUMNS};
use mot_store::{Branch, RaterLink, RaterView, Round, Standard, Template};

/// User text inside an `<option>` (which holds text only), isolated with
/// Unicode's first-strong isolate so a right-to-left name keeps its order.
fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}

/// A figure to one decimal by the one rounding rule of core.
fn fmt(x: Option<f64>) -> String {
    x.map_or("–".into(), one_decimal)
}

fn signed(x: Option<f64>) -> String {
    x.map_or("–".into(), signed_one_decimal)
}

/// The audit parts of a business page.
pub fn business_audits(
    business_id: Id,
    branches: &[Branch],
    templates: &[(Id, String)],
    rounds: &[Round],
    journeys: &[Journey],
    csrf: &str,
    can_manage: bool,
) -> Markup {
    html! {
        section.card #branches {
            h2 { "Branches" }
            p.hint { "Locations or divisions. Audits compare them, because consistency is a goal of its own." }
            @if branches.is_empty() { p.empty { "No branches yet. Add at least one to start an audit." } }
            ul.list { @for b in branches { li { bdi { (b.name) } } } }
            @if can_manage {
                form.inline-form method="post" action={"/b/" (business_id) "/branches"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    label for="brname" { "New branch" }
                    input #brname name="name" required maxlength="120" placeholder="e.g. Harbour Street";
                    button type="submit" { "Add branch" }
                }
            }
        }
        section.card #audits {
            h2 { "Touchpoint audits" }
            h3 { "Rounds" }
            @if rounds.is_empty() { p.empty { "No audit rounds yet." } }
            ul.list {
                @for r in rounds {
                    li {
                        a href={"/b/" (business_id) "/rounds/" (r.id)} dir="auto" { (r.name) }
                        " " span.hint.date { (date::format(r.opens_on)) " – " (date::format(r.closes_on)) }
                        @if r.closed { " " span.badge { "closed" } }
                        " · " a href={"/b/" (business_id) "/rounds/" (r.id) "/results"} { "results" }
                    }
                }
            }
            h3 { "Templates" }
            p.hint { "Templates belong to the workspace, so an adviser can use one for every client." }
            ul.list { @for (id, name) in templates { li { a href={"/b/" (business_id) "/templates/" (id)} dir="auto" { (name) } } } }
            @if can_manage {
                form.inline-form method="post" action={"/b/" (business_id) "/templates"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    label for="tfrom" { "New template" }
                    select #tfrom name="from" {
                        option value="default" { "The Moments of Truth audit (15 items)" }
                        @for j in journeys { option value={"journey:" (j.id)} { "From the journey “" (j.name) "” (one item per moment)" } }
                    }
                    button type="submit" { "Create template" }
                }
                @if !templates.is_empty() && !branches.is_empty() {
                    form.inline-form method="post" action={"/b/" (business_id) "/rounds"} {
                        input type="hidden" name="_csrf" value=(csrf);
                        (crate::board::views::request_id_field())
                        h3 { "Start a round" }
                        label for="rname" { "Name" }
                        input #rname name="name" required maxlength="120" value={"Audit " (date::format(date::today()))};
                        label for="rtpl" { "Template" }
                        select #rtpl name="template_id" { @for (id, name) in templates { option value=(id) dir="auto" { (name) } } }
                        label for="ropen" { "Opens" }
                        input #ropen name="opens_on" type="date" required value=(date::format(date::today()));
                        label for="rclose" { "Closes" }
                        input #rclose name="closes_on" type="date" required value=(date::format(date::today().saturating_add(time::Duration::days(14))));
                        fieldset {
                            legend { "Branches" }
                            @for b in branches { label.check { input type="checkbox" name="branch_ids" value=(b.id) checked; " " bdi { (b.name) } } }
                        }
                        button type="submit" { "Start the round" }
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
    html! {
        p.crumbs { a href={"/b/" (business_id) "#audits"} { "← Audits" } }
        h1 dir="auto" { (t.name) }
        p.hint { "Changes here apply to rounds started later; a round already under way keeps the items its raters answered." }
        @if t.items.is_empty() { p.empty { "This template has no items yet. Add one below." } }
        @for p in &phases {
            section.card {
                div.phase-head {
                    h2 { (p) }
                    @for (delta, label) in [(-1, "↑ Phase up"), (1, "↓ Phase down")] {
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
                                label.sr-only for={"it-" (i.id)} { "Item" }
                                input id={"it-" (i.id)} name="text" required maxlength="300" value=(i.text) dir="auto";
                                label for={"gd-" (i.id)} { "Guidance for raters (the standard)" }
                                textarea id={"gd-" (i.id)} name="guidance" dir="auto" rows="2" maxlength="2000" { (i.guidance) }
                                label for={"mo-" (i.id)} { "Linked moment" }
                                select id={"mo-" (i.id)} name="moment_id" {
                                    option value="" { "—" }
                                    @for (m, j) in moments { option value=(m.id) selected[i.moment_id == Some(m.id)] { (isolate(j)) ": " (isolate(&m.title)) } }
                                }
                                div.row {
                                    button.small type="submit" { "Save" }
                                    button.small.danger type="submit" name="remove" value="1" { "Remove" }
                                }
                            }
                            div.row {
                                form.inline method="post" action={(base) "/items/" (i.id) "/move"} {
                                    input type="hidden" name="_csrf" value=(csrf);
                                    (crate::board::views::request_id_field())
                                    input type="hidden" name="delta" value="-1";
                                    button.small.quiet type="submit" aria-label={"Move up: " (i.text)} { "↑ Up" }
                                }
                                form.inline method="post" action={(base) "/items/" (i.id) "/move"} {
                                    input type="hidden" name="_csrf" value=(csrf);
                                    (crate::board::views::request_id_field())
                                    input type="hidden" name="delta" value="1";
                                    button.small.quiet type="submit" aria-label={"Move down: " (i.text)} { "↓ Down" }
                                }
                            }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { "Add an item" }
            form method="post" action={(base) "/items"} {
                input type="hidden" name="_csrf" value=(csrf);
                (crate::board::views::request_id_field())
                label for="nphase" { "Phase " span.hint { "(an existing one, or a new name)" } }
                input #nphase name="phase" dir="auto" required maxlength="120" list="phases" value=(phases.last().copied().unwrap_or("Engagement"));
                datalist #phases { @for p in &phases { option value=(p) {} } }
                label for="ntext" { "Item" }
                input #ntext name="text" dir="auto" required maxlength="300";
                label for="nguid" { "Guidance " span.hint { "(optional)" } }
                textarea #nguid name="guidance" dir="auto" rows="2" maxlength="2000" {}
                button type="submit" { "Add item" }
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
    html! {
        p.crumbs { a href={"/b/" (business_id) "#audits"} { "← Audits" } }
        h1 { bdi { (r.name) } @if r.closed { " " span.badge { "closed" } } }
        p { span.date { (date::format(r.opens_on)) } " – " span.date { (date::format(r.closes_on)) } " · " (items) " items · "
            strong { (answered) " of " (links.len()) } " raters handed in · " a href={(base) "/results"} { "Results" } }
        @if !new_links.is_empty() {
            section.card.new-links {
                h2 { "New rater links" }
                p.notice { "Copy or print these now: each link is personal and is shown only once. (Use “Remind” to make a fresh one later.)" }
                ul.link-list {
                    @for (l, url, qr) in new_links {
                        li {
                            div.qr.small-qr role="img" aria-label={"QR code for " (l.label)} { (PreEscaped(qr)) }
                            div.link-text { strong dir="auto" { (l.label) } " · " (l.group.label()) " · " bdi { (branch_name(l.branch_id)) } br; input readonly value=(url) aria-label={"Link for " (l.label)}; }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { "Raters" }
            @if links.is_empty() { p.empty { "No raters invited yet. Make personal links below and send them, or show their QR codes." } }
            @else {
                div.table-wrap tabindex="0" role="region" aria-label="Raters" {
                table.raters {
                    thead { tr { th { "Rater" } th { "Group" } th { "Branch" } th { "Answers" } th { "Status" } th { span.sr-only { "Remind" } } } }
                    tbody {
                        @for l in links {
                            tr {
                                td dir="auto" { (l.label) } td { (l.group.label()) } td dir="auto" { (branch_name(l.branch_id)) }
                                td { (l.answered) " / " (items) }
                                td { @if l.submitted { "✓ handed in" } @else if l.answered > 0 { "in progress" } @else { "not started" } }
                                td {
                                    @if !l.submitted && !r.closed {
                                        form.inline method="post" action={(base) "/links/" (l.id) "/remind"} {
                                            input type="hidden" name="_csrf" value=(csrf);
                                            button.small.quiet type="submit" { "Remind (new link)" }
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
                    h3 { "Invite raters" }
                    label for="lbranch" { "Branch" }
                    select #lbranch name="branch_id" { @for b in branches.iter().filter(|b| r.branch_ids.contains(&b.id)) { option value=(b.id) dir="auto" { (b.name) } } }
                    label for="lgroup" { "Rater group" }
                    select #lgroup name="group" { @for g in RaterGroup::ALL { option value=(g.key()) { (g.label()) } } }
                    label for="lnames" { "Names or labels, one per line " span.hint { "(or a number, e.g. 20, for 20 anonymous links)" } }
                    textarea #lnames name="labels" dir="auto" rows="3" required placeholder="Ann\nBo\nCustomer at the till" {}
                    button type="submit" { "Make links" }
                }
                form.inline-form method="post" action={(base) "/close"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    button.danger type="submit" { "Close the round" }
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
            p.hint { bdi { (v.business) } " · " bdi { (v.branch) } }
            h1 dir="auto" { (v.round.name) }
            @if let Some(e) = error { p.error role="alert" { (e) } }
            @if v.link.submitted { p.notice #thanks role="status" { "Thank you: your answers are handed in." } }
            @else if v.round.closed || over { p.notice role="status" { "This audit is closed. Thank you." } }
            @else if not_yet { p.notice role="status" { "This audit opens on " span.date { (date::format(v.round.opens_on)) } ". Please come back then." } }
            @else {
                p { "Score each item from " strong { "1 (low)" } " to " strong { "10 (high)" } ", or choose “not applicable”. Your answers are saved as you go, also without a connection: they are sent when it is back." }
            }
            form method="post" action={"/r/" (token)} #rater-form {
                @for p in &phases {
                    h2 { (p) }
                    @for it in v.items.iter().filter(|i| i.phase == *p) {
                        @let a = answer_of(it.id);
                        @let guidance = if it.guidance.is_empty() { it.moment_id.and_then(|m| standards.iter().find(|s| s.moment_id == m)).map(|s| s.experience.as_str()).unwrap_or("") } else { it.guidance.as_str() };
                        fieldset.item data-item=(it.id) disabled[done] {
                            legend dir="auto" { (it.text) }
                            @if !guidance.is_empty() { p.guidance { "Standard: " bdi { (guidance) } } }
                            div.scale role="radiogroup" aria-label={"Score for " (it.text)} {
                                @for n in 1..=10u8 {
                                    label.score-option {
                                        input type="radio" name={"s" (it.id)} value=(n) checked[a.is_some_and(|a| a.1 == Some(n))];
                                        span { (n) }
                                    }
                                }
                                label.score-option.na {
                                    input type="radio" name={"s" (it.id)} value="na" checked[a.is_some_and(|a| a.1.is_none())];
                                    span { "N/A" }
                                }
                            }
                            label for={"c" (it.id)} { "Comment " span.hint { "(optional)" } }
                            textarea id={"c" (it.id)} name={"c" (it.id)} dir="auto" rows="1" maxlength=(mot_core::audit::AuditLimits::COMMENT) { (a.map_or("", |a| a.2.as_str())) }
                        }
                    }
                }
                @if !done {
                    div.rater-actions {
                        p #rater-progress .progress role="status" aria-live="polite" { (v.answers.len()) " of " (v.items.len()) " answered" }
                        div.row {
                            button.quiet type="submit" name="submit" value="0" { "Save" }
                            button type="submit" name="submit" value="1" { "Hand in" }
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
        td.num { (s.map_or(0, |s| s.count)) }
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
    Some(format!(
        "{} {} vs {} {} ({})",
        hi.label(),
        fmt(m(hi)),
        lo.label(),
        fmt(m(lo)),
        one_decimal(gap)
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
    // The columns that matter first (a phone shows the left of the table):
    // the item, its mean, its change and its gap; the rest after.
    let c = |i: usize| ITEM_COLUMNS[i];
    let with_comments: Vec<&ItemResult> = report
        .items
        .iter()
        .filter(|i| !i.comments.is_empty())
        .collect();
    let gaps = report.gaps_by_size();
    html! {
        p.crumbs { a href=(base) { "← " bdi { (r.name) } } }
        h1 { "Results: " bdi { (r.name) } }
        p { (responses.0) " of " (responses.1) " raters handed in"
            @if let Some(p) = &rr.previous { " · change is against “" bdi { (p.name) } "”" } }
        @if rr.drafts > 0 {
            p.hint #drafts { (rr.drafts) @if rr.drafts == 1 { " rater has" } @else { " raters have" } " answered without handing in yet: those answers are not counted until they hand in." }
        }
        p.no-print.downloads { "Download: " a href={(base) "/results.pdf"} { "PDF" } " · " a href={(base) "/results.xlsx"} { "Excel" } " · " a href={(base) "/results.csv"} { "CSV" } " · Or print this page." }
        section.card {
            h2 #items-h { "Items, lowest first" }
            dl.legend #results-legend {
                dt { "Mean, median" } dd { "Scores run from 1 (low) to 10 (high)." }
                dt { "Spread" } dd { "How far the scores sit from the mean (the standard deviation): 0 means every rater gave the same score; 2 or more means raters see this item very differently." }
                dt { "⚑ gap" } dd { "Two rater groups differ by " (one_decimal(NOTABLE_GAP)) " points or more beyond their usual gap in this round (a group that always rates higher is not flagged)." }
                dt { "⚑ inconsistent" } dd { "The branches' means differ by 2.0 points or more (" (INCONSISTENCY_COLUMN) ": the highest branch mean minus the lowest)." }
            }
            (scroll_region("Items, lowest first", html! {
                table.results {
                    thead { tr { th { (c(1)) } th { (c(2)) } th { (c(6)) } th { (c(7)) } th { (c(4)) } th { (c(3)) } th { (c(5)) } th { (c(0)) } } }
                    tbody {
                        @for i in &report.items {
                            @let s = i.overall.as_ref();
                            tr {
                                td {
                                    bdi { (i.item.text) }
                                    @if i.inconsistent() { " " span.flag-inline { "⚑ inconsistent" } }
                                    @if let Some(b) = i.low_branch {
                                        " " span.hint.low-branch { "low mainly at " bdi { (name(b)) } " (" (fmt(i.by_branch.iter().find(|x| x.0 == b).and_then(|x| x.1).map(|s| s.mean))) ")" }
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
                                td.num { (s.map_or(0, |s| s.count)) }
                                td dir="auto" { (i.item.phase) }
                            }
                        }
                    }
                }
            }))
        }
        @if !gaps.is_empty() {
            section.card #gaps {
                h2 { "Gaps between rater groups, largest first" }
                p.hint { "Ranked by how far each gap is from the usual gap between the same two groups on this round's other items." }
                (scroll_region("Gaps between rater groups", html! {
                    table.gaps {
                        thead { tr { th { "Item" } th { "Gap between groups" } th { "Usual gap" } th { "Beyond the usual" } } }
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
            h2 #heat-h { "Item × branch" }
            p.hint { "Mean score per branch. ⚑ marks items where branches differ by 2 points or more: consistency is a goal of its own." }
            (scroll_region("Item × branch", html! {
                table.heatmap {
                    thead { tr { th { "Item" } @for (b, _) in &report.branches { th { (name(*b)) } } th { (INCONSISTENCY_COLUMN) } } }
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
            h2 { "By phase, group and branch" }
            (scroll_region("By phase, group and branch", html! {
                table.results {
                    thead { tr { th { span.sr-only { "Phase, group or branch" } } th { "Mean" } th { "Median" } th { "Spread" } th { "Count" } } }
                    tbody {
                        @for (p, s) in &report.phases { tr { th { "Phase: " bdi { (p) } } (stats_cells(s.as_ref())) } }
                        @for (g, s) in &report.groups { tr { th { "Group: " (g.label()) } (stats_cells(Some(s))) } }
                        @for (b, s) in &report.branches { tr { th { "Branch: " bdi { (name(*b)) } } (stats_cells(s.as_ref())) } }
                    }
                }
            }))
        }
        section.card #comments {
            h2 { "Comments from raters" }
            @if with_comments.is_empty() { p.empty { "No comments handed in." } }
            @for i in &with_comments {
                h3 { bdi { (i.item.text) } }
                ul.comments {
                    @for cm in &i.comments {
                        li { q dir="auto" { (cm.text) } " " span.hint { "— " (cm.group.label()) ", " bdi { (name(cm.branch_id)) } } }
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
        p.crumbs { a href={"/j/" (j.id)} { "← Back to the board" } }
        h1 { "Standards: " bdi { (j.name) } }
        p { "For each moment, the experience the business wants the customer to have, its possible highs, and the risks that could make it a low — so every person, branch and division delivers it the same way." }
        @if moments.is_empty() { p.empty { "No moments on this journey yet: capture them on the board first." } }
        @for m in moments {
            @let s = standards.iter().find(|s| s.moment_id == m.id);
            section.card.standard id={"std-" (m.id)} {
                h2 { bdi { (m.title) } @if s.is_some() { " " span.badge { "◆ standard" } } }
                @if can_manage {
                    form method="post" action={"/j/" (j.id) "/standards/" (m.id)} {
                        input type="hidden" name="_csrf" value=(csrf);
                        label for={"ex-" (m.id)} { "The experience we want" }
                        textarea id={"ex-" (m.id)} name="experience" dir="auto" rows="2" maxlength="2000" { (s.map_or("", |s| s.experience.as_str())) }
                        label for={"hi-" (m.id)} { "Possible highs" }
                        textarea id={"hi-" (m.id)} name="highs" dir="auto" rows="2" maxlength="2000" { (s.map_or("", |s| s.highs.as_str())) }
                        label for={"ri-" (m.id)} { "Risks that could make it a low" }
                        textarea id={"ri-" (m.id)} name="risks" dir="auto" rows="2" maxlength="2000" { (s.map_or("", |s| s.risks.as_str())) }
                        button.small type="submit" { "Save standard" }
                    }
                } @else if let Some(s) = s {
                    dl { dt { "Experience" } dd dir="auto" { (s.experience) } dt { "Highs" } dd dir="auto" { (s.highs) } dt { "Risks" } dd dir="auto" { (s.risks) } }
                } @else { p.empty { "No standard yet." } }
            }
        }
    }
}
