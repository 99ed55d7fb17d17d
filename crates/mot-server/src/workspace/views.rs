//! The workspace's pages: home, a business, share and join.

use crate::t;
use crate::web::i18n::{lang, Lang};
use crate::web::layout::notice;
use crate::web::layout::{rich, slot};
use maud::{html, Markup, PreEscaped};
use mot_core::{Business, Channel, Journey, Limits};

/// `practice`: the viewer is one of the practice's own people (a client's
/// see their business only, and no portfolio).
pub fn home_page(
    workspace: &str,
    businesses: &[Business],
    csrf: &str,
    can_manage: bool,
    practice: bool,
) -> Markup {
    html! {
        h1 dir="auto" { (workspace) }
        section.card {
            h2 { (t!("workspace-businesses")) }
            @if businesses.is_empty() {
                p.empty { (t!("workspace-no-businesses")) }
            }
            ul.list {
                @for b in businesses { li { a href={"/b/" (b.id)} dir="auto" { (b.name) } } }
            }
            @if practice && businesses.len() > 1 {
                p { a href="/portfolio" { (t!("portfolio-link")) } }
            }
            @if can_manage {
                p { a href="/templates" { (t!("templates-link")) } }
            }
            @if can_manage {
                form.inline-form method="post" action="/businesses" {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    label for="bname" { (t!("workspace-new-business")) }
                    input id="bname" name="name" dir="auto" required maxlength=(Limits::BUSINESS_NAME) placeholder=(t!("workspace-business-placeholder"));
                    button type="submit" { (t!("workspace-add-business")) }
                }
            }
        }
    }
}

/// The person's workspaces (when they have more than one): where they
/// are, and a button to each other one.
pub fn workspace_switcher(
    mine: &[(mot_store::Workspace, mot_core::Membership)],
    current: mot_core::Id,
    csrf: &str,
) -> Markup {
    html! {
        nav.card.switcher aria-labelledby="switcher-title" {
            h2 #switcher-title { (t!("workspace-yours")) }
            ul.link-list {
                @for (w, role) in mine {
                    li {
                        span.link-text dir="auto" {
                            bdi { (w.name) } (crate::web::i18n::sep()) (crate::web::i18n::membership_word(*role))
                        }
                        @if w.id == current {
                            span.here aria-current="true" { (t!("workspace-here")) }
                        } @else {
                            form.inline method="post" action="/workspace/switch" {
                                input type="hidden" name="_csrf" value=(csrf);
                                input type="hidden" name="workspace_id" value=(w.id);
                                button type="submit" aria-label=(t!("workspace-switch-to", name = w.name.as_str())) { (t!("workspace-switch")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The workspace's settings, for its owners: the language of the pages of
/// people who chose none and whose browser asks for none mot speaks.
pub fn workspace_settings(current: Option<Lang>, installation: Lang, csrf: &str) -> Markup {
    html! {
        section.card #settings {
            h2 { (t!("workspace-settings")) }
            form.inline-form method="post" action="/workspace" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="ws-language" { (t!("workspace-default-language")) }
                select #ws-language name="language" {
                    option value="" selected[current.is_none()] {
                        (t!("workspace-installation-language", language = installation.name()))
                    }
                    @for l in Lang::ALL {
                        option value=(l.code()) lang=(l.code()) selected[current == Some(l)] { (l.name()) }
                    }
                }
                button type="submit" { (t!("workspace-save-settings")) }
            }
            p.hint { (t!("workspace-default-language-hint")) }
        }
    }
}

pub fn business_page(
    b: &Business,
    journeys: &[Journey],
    channels: &[Channel],
    csrf: &str,
    can_manage: bool,
    practice: bool,
) -> Markup {
    html! {
        p.crumbs { a href="/" { (t!("workspace-all-businesses")) } " ›" }
        h1 dir="auto" { (b.name) }
        p { a href={"/b/" (b.id) "/reports"} { (t!("reports-link")) } }
        section.card #journeys {
            @if journeys.is_empty() && can_manage {
                // A new business leads with its first journey; channels,
                // branches and audits can wait.
                h2 { (t!("workspace-first-journey")) }
                p { (t!("workspace-first-journey-intro")) }
            } @else {
                h2 { (t!("workspace-journeys")) }
                @if journeys.is_empty() {
                    p.empty { (t!("workspace-no-journeys")) }
                }
            }
            ul.list {
                @for j in journeys { li { a href={"/j/" (j.id)} dir="auto" { (j.name) } (crate::web::i18n::sep()) a.small href={"/j/" (j.id) "/standards"} { (t!("workspace-standards-link")) } } }
            }
            @if can_manage {
                form.inline-form.first-journey[journeys.is_empty()] method="post" action={"/b/" (b.id) "/journeys"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    label for="jname" { @if journeys.is_empty() { (t!("workspace-journey-name")) } @else { (t!("workspace-new-journey")) } }
                    input id="jname" name="name" dir="auto" required maxlength=(Limits::JOURNEY_NAME) placeholder=(t!("workspace-journey-placeholder"));
                    button type="submit" { (t!("workspace-create-journey")) }
                }
                @if practice { p { a href={"/templates?business=" (b.id)} { (t!("templates-from-link")) } } }
            }
        }
        @if journeys.is_empty() && can_manage {
            p.hint.later { (t!("workspace-later-hint")) }
        }
        section.card {
            h2 { (t!("workspace-channels")) }
            p.hint { (t!("workspace-channels-hint")) }
            table.channels {
                @if !can_manage { thead { tr { th { (t!("workspace-channel-label")) } th { (t!("workspace-channel-name")) } th { (t!("workspace-channel-colour")) } th { (t!("workspace-channel-status")) } } } }
                tbody {
                    @for c in channels {
                        tr class={"ch-" (c.id) @if c.retired { " retired" }} {
                            @if can_manage {
                                td colspan="5" {
                                    form.channel-row method="post" action={"/c/" (c.id) "/edit"} {
                                        input type="hidden" name="_csrf" value=(csrf);
                                        span.swatch aria-hidden="true" {}
                                        label.sr-only for={"ci-" (c.id)} { (t!("workspace-channel-label")) }
                                        input.icon-in id={"ci-" (c.id)} name="icon" dir="auto" value=(c.icon) maxlength=(Limits::CHANNEL_ICON) required;
                                        label.sr-only for={"cn-" (c.id)} { (t!("workspace-channel-name")) }
                                        input id={"cn-" (c.id)} name="name" dir="auto" value=(c.name) maxlength=(Limits::CHANNEL_NAME) required;
                                        label.sr-only for={"cc-" (c.id)} { (t!("workspace-channel-colour")) }
                                        input id={"cc-" (c.id)} name="colour" type="color" value=(c.colour);
                                        label { input type="checkbox" name="retired" value="1" checked[c.retired]; " " (t!("workspace-channel-retired")) }
                                        button.small type="submit" { (t!("workspace-channel-save")) }
                                    }
                                }
                            } @else {
                                td { span.swatch aria-hidden="true" {} " " bdi { (c.icon) } }
                                td dir="auto" { (c.name) }
                                td { (c.colour) }
                                td { @if c.retired { (t!("workspace-channel-retired")) } @else { (t!("workspace-channel-in-use")) } }
                            }
                        }
                    }
                }
            }
            @if can_manage {
                form.inline-form method="post" action={"/b/" (b.id) "/channels"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    h3 { (t!("workspace-add-channel-heading")) }
                    label for="nc-icon" { (t!("workspace-channel-label-limit", max = Limits::CHANNEL_ICON)) }
                    input id="nc-icon" name="icon" required maxlength=(Limits::CHANNEL_ICON) placeholder=(t!("workspace-channel-icon-placeholder"));
                    label for="nc-name" { (t!("workspace-channel-name")) }
                    input id="nc-name" name="name" required maxlength=(Limits::CHANNEL_NAME) placeholder=(t!("workspace-channel-name-placeholder"));
                    label for="nc-colour" { (t!("workspace-channel-colour")) }
                    input id="nc-colour" name="colour" type="color" value="#777777";
                    button type="submit" { (t!("workspace-add-channel")) }
                }
            }
        }
    }
}

pub fn share_page(
    j: &Journey,
    link: &str,
    qr_svg: &str,
    csrf: &str,
    guests: &[mot_store::Guest],
) -> Markup {
    html! {
        section.card.narrow.share {
            p.crumbs { a href={"/j/" (j.id)} { (t!("workspace-back-to-board")) } }
            h1 { (rich(&t!("workspace-invite-heading", journey = slot(0)), &[html! { bdi { (j.name) } }])) }
            p { (t!("workspace-invite-intro")) }
            div.qr role="img" aria-label=(t!("workspace-qr-label")) { (PreEscaped(qr_svg)) }
            label for="join-link" { (t!("workspace-join-link")) }
            input id="join-link" readonly value=(link);
            p.bigcode {
                (rich(
                    &t!("workspace-join-by-code", address = slot(0), code = slot(1)),
                    &[
                        html! { strong { (link.rsplit_once('/').map_or("/join", |(base, _)| base)) } },
                        html! { strong.code { (j.join_code) } },
                    ],
                ))
            }
            form method="post" action={"/j/" (j.id) "/rotate"} {
                input type="hidden" name="_csrf" value=(csrf);
                p.hint { (t!("workspace-rotate-hint")) }
                label.check { input type="checkbox" name="remove_guests" value="1"; " " (t!("workspace-rotate-remove-guests")) }
                button.danger type="submit" { (t!("workspace-rotate-submit")) }
            }
        }
        section.card.narrow #guests {
            h2 { (t!("workspace-guests-heading")) }
            @if guests.is_empty() {
                p.empty { (t!("workspace-no-guests")) }
            } @else {
                p.hint { (t!("workspace-guests-hint")) }
                ul.link-list.guest-list {
                    @for g in guests {
                        li {
                            span.link-text dir="auto" { bdi { (g.name) } }
                            form.inline method="post" action={"/j/" (j.id) "/guests/" (g.id) "/remove"} {
                                input type="hidden" name="_csrf" value=(csrf);
                                button.danger type="submit" aria-label=(t!("workspace-remove-guest-label", name = g.name.as_str())) { (t!("workspace-remove-guest")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn join_code_page(csrf: &str, error: Option<&str>) -> Markup {
    html! {
        section.card.narrow {
            h1 { (t!("workspace-join-code-heading")) }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action="/join" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="code" { (t!("workspace-join-code")) }
                input id="code" name="code" required maxlength="16" autocomplete="off" autocapitalize="characters" placeholder=(t!("workspace-join-code-placeholder"));
                button type="submit" { (t!("workspace-join-code-submit")) }
            }
        }
    }
}

pub fn join_name_page(
    j: &Journey,
    business: &str,
    token: &str,
    csrf: &str,
    error: Option<&str>,
) -> Markup {
    html! {
        section.card.narrow {
            p.hint dir="auto" { (business) }
            h1 { (rich(&t!("workspace-join-heading", journey = slot(0)), &[html! { bdi { (j.name) } }])) }
            p { (t!("workspace-join-intro")) }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action={"/join/" (token)} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="name" { (t!("workspace-join-name")) }
                input id="name" name="name" dir="auto" required maxlength=(Limits::PERSON_NAME) autocomplete="name";
                // The guest's language: kept with them once they join.
                label for="join-lang" { (t!("workspace-join-language")) }
                select #join-lang name="lang" {
                    @for l in Lang::ALL {
                        option value=(l.code()) lang=(l.code()) selected[l == lang()] { (l.name()) }
                    }
                }
                button type="submit" { (t!("workspace-join-submit")) }
            }
        }
    }
}

/// The portfolio: every client in one table, what needs attention first;
/// sortable by each column's heading, filtered by name and by attention;
/// its CSV one tap away. Each figure says how many scores or answers
/// stand behind it.
pub fn portfolio_page(
    rows: &[mot_export::portfolio::PortfolioRow],
    total: usize,
    sort: crate::workspace::service::PortfolioSort,
    find: &str,
    only_attention: bool,
) -> Markup {
    use crate::web::i18n::{date, integer, lang};
    use crate::workspace::service::PortfolioSort as S;
    use mot_export::portfolio::{attention_text, customers_score, portfolio_columns, signed};
    let l = lang();
    let cols = portfolio_columns(l);
    let query = |s: S| {
        let mut q = vec![("sort", s.key())];
        if !find.trim().is_empty() {
            q.push(("q", find.trim()));
        }
        if only_attention {
            q.push(("attention", "1"));
        }
        format!("?{}", serde_urlencoded::to_string(&q).unwrap_or_default())
    };
    let day = |d: Option<time::Date>| d.map_or_else(|| t!("portfolio-none").to_string(), date);
    let heading = |label: &str, s: Option<S>| {
        html! {
            th scope="col" aria-sort=[s.filter(|s| *s == sort).map(|_| "ascending")] {
                @if let Some(s) = s {
                    a href={"/portfolio" (query(s))} aria-label=(t!("portfolio-sort-by", column = label)) { (label) }
                    @if s == sort { " " span aria-hidden="true" { "▾" } }
                } @else { (label) }
            }
        }
    };
    html! {
        section.card.portfolio {
            p.crumbs { a href="/" { (t!("workspace-back-home")) } }
            h1 { (t!("portfolio-heading")) }
            p.hint { (t!("portfolio-intro")) }
            form.inline-form.portfolio-filter method="get" action="/portfolio" {
                input type="hidden" name="sort" value=(sort.key());
                label for="portfolio-find" { (t!("portfolio-filter")) }
                input #portfolio-find name="q" type="search" dir="auto" value=(find) maxlength="120";
                label.check { input type="checkbox" name="attention" value="1" checked[only_attention]; " " (t!("portfolio-only-attention")) }
                button type="submit" { (t!("portfolio-apply")) }
            }
            p.portfolio-meta {
                (t!("portfolio-count", shown = rows.len() as i64, total = total as i64))
                (crate::web::i18n::sep())
                a href={"/portfolio.csv" (query(sort))} download { (t!("portfolio-download")) }
            }
            @if total == 0 {
                p.empty { (t!("portfolio-empty")) }
            } @else if rows.is_empty() {
                p.empty { (t!("portfolio-none-match")) }
            } @else {
                div.table-scroll {
                    table.portfolio-table {
                        thead { tr {
                            (heading(cols[0], Some(S::Name)))
                            (heading(cols[11], Some(S::Attention)))
                            (heading(cols[1], None))
                            (heading(cols[2], Some(S::Next)))
                            (heading(cols[3], None))
                            (heading(cols[4], Some(S::Overdue)))
                            (heading(cols[5], Some(S::Audit)))
                            (heading(cols[8], Some(S::Customers)))
                        } }
                        tbody {
                            @for r in rows {
                                @let f = &r.figures;
                                @let needs = f.attention();
                                tr class=[(!needs.is_empty()).then_some("needs")] {
                                    th scope="row" { a href={"/b/" (r.id)} dir="auto" { bdi { (r.business) } } }
                                    td {
                                        @if needs.is_empty() { span.hint { (t!("portfolio-nothing")) } }
                                        @else {
                                            ul.attention { @for a in needs { li { "⚠ " (attention_text(l, a)) } } }
                                        }
                                    }
                                    td { (day(f.last_session)) }
                                    td { (day(f.next_session)) }
                                    td.num { (integer(f.open_actions as i64)) }
                                    td.num { (integer(f.overdue_actions as i64)) }
                                    td.num {
                                        @if let Some((mean, n)) = f.audit {
                                            (crate::web::i18n::decimal(mean, 1))
                                            @if let Some(c) = f.audit_change() { " (" (signed(l, c)) ")" }
                                            br; span.hint { (t!("portfolio-from", n = n as i64)) }
                                        } @else { (t!("portfolio-none")) }
                                    }
                                    td.num {
                                        @if f.customers.total() > 0 {
                                            (customers_score(l, f))
                                            @if let Some(c) = f.customer_change() { " (" (signed(l, c)) ")" }
                                            br; span.hint { (t!("portfolio-from", n = f.customers.total() as i64)) }
                                        } @else { (t!("portfolio-none")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What the reports page needs to offer sending the pack by e-mail (the
/// practice's facilitators and owners).
pub struct PackSend<'a> {
    /// The client's people, each with their role and whether they come
    /// chosen.
    pub recipients: Vec<(mot_store::User, mot_core::Membership, bool)>,
    /// Whether e-mail is set up.
    pub mail: bool,
    /// The latest sendings, newest first.
    pub earlier: Vec<mot_store::ReportSend>,
    pub csrf: &'a str,
}

/// A sending of the pack, as a line: when, and to whom.
fn pack_sent_line(s: &mot_store::ReportSend) -> Markup {
    html! {
        (crate::web::i18n::date(mot_core::date::of_millis(s.sent_at)))
        (crate::web::i18n::sep())
        @if s.sent_to.is_empty() {
            (t!("reports-sent-to-nobody"))
        } @else {
            (t!("reports-sent-to")) " " bdi { (s.sent_to.join(", ")) }
        }
    }
}

/// The client report pack: download it in a language, and (`send`) e-mail
/// it to the client's people; `sending`: how the sending just asked for
/// went.
fn pack_section(
    b: &Business,
    lang: crate::web::i18n::Lang,
    send: Option<&PackSend>,
    sending: Option<&crate::workspace::pages::PackOutcome>,
) -> Markup {
    use crate::workspace::pages::PackOutcome;
    html! {
        section.card.reports #pack {
            h2 { (t!("reports-pack-title")) }
            p.hint { (t!("reports-pack-hint")) }
            form.inline method="get" action={"/b/" (b.id) "/report-pack.pdf"} {
                label for="pack-lang" { (t!("reports-pack-language")) }
                select #pack-lang name="lang" {
                    @for l in crate::web::i18n::Lang::ALL {
                        option value=(l.code()) lang=(l.code()) selected[l == lang] { (l.name()) }
                    }
                }
                button type="submit" { (t!("reports-pack")) }
            }
            @if let Some(PackOutcome::Refused(why)) = sending {
                p.notice.error role="alert" { (why) }
            }
            @if let Some(PackOutcome::Sent(s)) = sending {
                @if s.again {
                    p.notice role="status" { (t!("reports-sent-already")) " " (pack_sent_line(&s.send)) }
                } @else if !s.send.sent_to.is_empty() {
                    p.notice role="status" { (pack_sent_line(&s.send)) }
                }
                @if !s.send.not_sent.is_empty() {
                    div.notice.error role="alert" {
                        p { (t!("reports-not-sent")) }
                        ul { @for n in &s.send.not_sent { li dir="auto" { (n) } } }
                    }
                }
            }
            @if let Some(send) = send {
                h3 { (t!("reports-send-title")) }
                @if send.recipients.is_empty() {
                    p.empty { (t!("reports-send-nobody")) " " a href="/people" { (t!("reports-send-invite")) } }
                } @else if !send.mail {
                    p.empty { (t!("reports-send-no-mail")) }
                } @else {
                    form method="post" action={"/b/" (b.id) "/report-pack/send"} {
                        input type="hidden" name="_csrf" value=(send.csrf);
                        (crate::board::views::request_id_field())
                        fieldset {
                            legend { (t!("reports-send-to")) }
                            @for (u, m, chosen) in &send.recipients {
                                label.check {
                                    input type="checkbox" name="recipient" value=(u.id) checked[*chosen];
                                    " " bdi { (u.name) } " "
                                    span.hint { "(" (crate::web::i18n::membership_word(*m)) ", " bdi { (u.email) } ")" }
                                }
                            }
                        }
                        button type="submit" { (t!("reports-send")) }
                    }
                }
                @if !send.earlier.is_empty() {
                    h3 { (t!("reports-send-earlier")) }
                    ul.link-list { @for e in &send.earlier { li { (pack_sent_line(e)) } } }
                }
            }
        }
    }
}

/// Every report of a business: its client report pack (in a language; for
/// the practice, sent by e-mail to the client's people), then per journey
/// its map, its customers' feedback report and its sessions' planning
/// forms; then its audits' results. `to_business`: a link back to the
/// business (not for someone who reads reports only).
pub fn reports_page(
    b: &Business,
    journeys: &[(Journey, Vec<mot_core::session::TeamSession>)],
    rounds: &[mot_store::Round],
    to_business: bool,
    pack_lang: crate::web::i18n::Lang,
    send: Option<&PackSend>,
    sending: Option<&crate::workspace::pages::PackOutcome>,
) -> Markup {
    let nothing = journeys.is_empty() && rounds.is_empty();
    html! {
        @if to_business {
            p.crumbs { a href={"/b/" (b.id)} dir="auto" { (b.name) } " ›" }
        }
        h1 { (rich(&t!("reports-title", business = slot(0)), &[html! { bdi { (b.name) } }])) }
        p.hint { (t!("reports-intro")) }
        (pack_section(b, pack_lang, send, sending))
        @if nothing { p.empty { (t!("reports-none")) } }
        @for (j, sessions) in journeys {
            section.card.reports id={"journey-" (j.id)} {
                h2 dir="auto" { (j.name) }
                ul.link-list {
                    li {
                        span.link-text { (t!("reports-map")) }
                        a href={"/j/" (j.id) "/map.pdf"} { (t!("audit-download-pdf")) } (crate::web::i18n::sep())
                        a href={"/j/" (j.id) "/map.svg"} { (t!("reports-picture")) }
                    }
                    li {
                        span.link-text { (t!("reports-feedback")) }
                        a href={"/j/" (j.id) "/feedback/report.pdf"} { (t!("audit-download-pdf")) } (crate::web::i18n::sep())
                        a href={"/j/" (j.id) "/feedback/report.xlsx"} { (t!("audit-download-excel")) } (crate::web::i18n::sep())
                        a href={"/j/" (j.id) "/feedback/report.csv"} { (t!("audit-download-csv")) }
                    }
                    @for s in sessions {
                        @let base = format!("/j/{}/sessions/{}/form", j.id, s.id);
                        li {
                            span.link-text {
                                (t!("reports-planning-form")) (crate::web::i18n::sep()) bdi { (s.title) } (crate::web::i18n::sep()) (crate::web::i18n::date(s.held_on))
                            }
                            a href=(base) { (t!("reports-read")) } (crate::web::i18n::sep())
                            a href={(base) ".pdf"} { (t!("audit-download-pdf")) } (crate::web::i18n::sep())
                            a href={(base) ".xlsx"} { (t!("audit-download-excel")) }
                        }
                    }
                }
            }
        }
        @if !rounds.is_empty() {
            section.card.reports #audits {
                h2 { (t!("reports-audits")) }
                ul.link-list {
                    @for r in rounds {
                        @let base = format!("/b/{}/rounds/{}/results", b.id, r.id);
                        li {
                            span.link-text { bdi { (r.name) } (crate::web::i18n::sep()) (crate::web::i18n::date(r.opens_on)) " – " (crate::web::i18n::date(r.closes_on)) }
                            a href=(base) { (t!("reports-read")) } (crate::web::i18n::sep())
                            a href={(base) ".pdf"} { (t!("audit-download-pdf")) } (crate::web::i18n::sep())
                            a href={(base) ".xlsx"} { (t!("audit-download-excel")) } (crate::web::i18n::sep())
                            a href={(base) ".csv"} { (t!("audit-download-csv")) }
                        }
                    }
                }
            }
        }
    }
}

/// The branding of the practice's reports (owners): a name and accent
/// colour, and a PNG or SVG logo with its preview.
pub fn brand_settings(b: &mot_store::BrandRow, csrf: &str, error: Option<&str>) -> Markup {
    html! {
        section.card #brand {
            h2 { (t!("brand-heading")) }
            p.hint { (t!("brand-intro")) }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action="/workspace/brand" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="brand-name" { (t!("brand-name")) }
                input #brand-name name="name" dir="auto" maxlength=(Limits::WORKSPACE_NAME) value=(b.name);
                label for="brand-accent" { (t!("brand-accent")) }
                input #brand-accent name="accent" type="color" value=(if b.accent.is_empty() { "#1f5fa8" } else { b.accent.as_str() });
                label for="brand-contact" { (t!("brand-contact")) }
                textarea #brand-contact name="contact" dir="auto" rows="3" maxlength=(mot_core::brand::CONTACT_MAX) { (b.contact) }
                button type="submit" { (t!("brand-save")) }
            }
            h3 { (t!("brand-logo")) }
            @if b.logo.is_some() {
                img.logo-preview src={"/workspace/logo?v=" (b.updated_at)} alt=(t!("brand-logo-alt"));
                form.inline method="post" action="/workspace/logo/remove" {
                    input type="hidden" name="_csrf" value=(csrf);
                    button.danger type="submit" { (t!("brand-logo-remove")) }
                }
            } @else {
                p.empty { (t!("brand-no-logo")) }
            }
            form method="post" action="/workspace/logo" enctype="multipart/form-data" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="brand-logo" { (t!("brand-logo-file")) }
                input #brand-logo name="logo" type="file" accept="image/png,image/svg+xml,.svg" required;
                button type="submit" { (t!("brand-logo-upload")) }
            }
        }
    }
}
