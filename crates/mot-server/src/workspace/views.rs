//! The workspace's pages: home, a business, share and join.

use crate::web::layout::notice;
use maud::{html, Markup, PreEscaped};
use mot_core::{Business, Channel, Journey, Limits};

pub fn home_page(workspace: &str, businesses: &[Business], csrf: &str, can_manage: bool) -> Markup {
    html! {
        h1 dir="auto" { (workspace) }
        section.card {
            h2 { "Businesses" }
            @if businesses.is_empty() {
                p.empty { "No businesses yet. Add the business whose customer journeys you want to map — your own, or a client's." }
            }
            ul.list {
                @for b in businesses { li { a href={"/b/" (b.id)} dir="auto" { (b.name) } } }
            }
            @if can_manage {
                form.inline-form method="post" action="/businesses" {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    label for="bname" { "New business" }
                    input id="bname" name="name" dir="auto" required maxlength=(Limits::BUSINESS_NAME) placeholder="e.g. Harbour Furniture";
                    button type="submit" { "Add business" }
                }
            }
        }
    }
}

pub fn business_page(
    b: &Business,
    journeys: &[Journey],
    channels: &[Channel],
    csrf: &str,
    can_manage: bool,
) -> Markup {
    html! {
        p.crumbs { a href="/" { "All businesses" } " ›" }
        h1 dir="auto" { (b.name) }
        section.card #journeys {
            @if journeys.is_empty() && can_manage {
                // A new business leads with its first journey; channels,
                // branches and audits can wait.
                h2 { "Create your first journey" }
                p { "Name one journey a customer takes, such as “New customer buys a sofa”. You then map its moments of truth on a board and invite your team to it." }
            } @else {
                h2 { "Customer journeys" }
                @if journeys.is_empty() {
                    p.empty { "No journeys yet." }
                }
            }
            ul.list {
                @for j in journeys { li { a href={"/j/" (j.id)} dir="auto" { (j.name) } " · " a.small href={"/j/" (j.id) "/standards"} { "standards" } } }
            }
            @if can_manage {
                form.inline-form.first-journey[journeys.is_empty()] method="post" action={"/b/" (b.id) "/journeys"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    label for="jname" { @if journeys.is_empty() { "Journey name" } @else { "New journey" } }
                    input id="jname" name="name" dir="auto" required maxlength=(Limits::JOURNEY_NAME) placeholder="e.g. New customer buys a sofa";
                    button type="submit" { "Create journey" }
                }
            }
        }
        @if journeys.is_empty() && can_manage {
            p.hint.later { "Later, when you need them: the channels your customers use, your branches, and touchpoint audits." }
        }
        section.card {
            h2 { "Channels" }
            p.hint { "Each moment gets a channel (contact type). Colours are chosen to be told apart by colour-blind people, and every channel also has a short label." }
            table.channels {
                @if !can_manage { thead { tr { th { "Label" } th { "Name" } th { "Colour" } th { "Status" } } } }
                tbody {
                    @for c in channels {
                        tr class={"ch-" (c.id) @if c.retired { " retired" }} {
                            @if can_manage {
                                td colspan="5" {
                                    form.channel-row method="post" action={"/c/" (c.id) "/edit"} {
                                        input type="hidden" name="_csrf" value=(csrf);
                                        span.swatch aria-hidden="true" {}
                                        label.sr-only for={"ci-" (c.id)} { "Label" }
                                        input.icon-in id={"ci-" (c.id)} name="icon" dir="auto" value=(c.icon) maxlength=(Limits::CHANNEL_ICON) required;
                                        label.sr-only for={"cn-" (c.id)} { "Name" }
                                        input id={"cn-" (c.id)} name="name" dir="auto" value=(c.name) maxlength=(Limits::CHANNEL_NAME) required;
                                        label.sr-only for={"cc-" (c.id)} { "Colour" }
                                        input id={"cc-" (c.id)} name="colour" type="color" value=(c.colour);
                                        label { input type="checkbox" name="retired" value="1" checked[c.retired]; " Retired" }
                                        button.small type="submit" { "Save" }
                                    }
                                }
                            } @else {
                                td { span.swatch aria-hidden="true" {} " " bdi { (c.icon) } }
                                td dir="auto" { (c.name) }
                                td { (c.colour) }
                                td { @if c.retired { "Retired" } @else { "In use" } }
                            }
                        }
                    }
                }
            }
            @if can_manage {
                form.inline-form method="post" action={"/b/" (b.id) "/channels"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    (crate::board::views::request_id_field())
                    h3 { "Add a channel" }
                    label for="nc-icon" { "Label (up to 4 characters)" }
                    input id="nc-icon" name="icon" required maxlength=(Limits::CHANNEL_ICON) placeholder="SMS";
                    label for="nc-name" { "Name" }
                    input id="nc-name" name="name" required maxlength=(Limits::CHANNEL_NAME) placeholder="Text message";
                    label for="nc-colour" { "Colour" }
                    input id="nc-colour" name="colour" type="color" value="#777777";
                    button type="submit" { "Add channel" }
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
            p.crumbs { a href={"/j/" (j.id)} { "← Back to the board" } }
            h1 { "Invite people to “" bdi { (j.name) } "”" }
            p { "Anyone with this link or code can add notes under a name of their choice, without an account. Show the QR code on a screen, or send the link." }
            div.qr role="img" aria-label="QR code of the join link" { (PreEscaped(qr_svg)) }
            label for="join-link" { "Join link" }
            input id="join-link" readonly value=(link);
            p.bigcode { "Or open " strong { (link.rsplit_once('/').map_or("/join", |(base, _)| base)) } " and type the code " strong.code { (j.join_code) } }
            form method="post" action={"/j/" (j.id) "/rotate"} {
                input type="hidden" name="_csrf" value=(csrf);
                p.hint { "A new link and code stop the old ones from working for people who have not joined yet." }
                label.check { input type="checkbox" name="remove_guests" value="1"; " Also remove everyone who joined by the old link (their notes stay)" }
                button.danger type="submit" { "Make a new link and code" }
            }
        }
        section.card.narrow #guests {
            h2 { "Guests who joined" }
            @if guests.is_empty() {
                p.empty { "Nobody has joined by the link or code yet." }
            } @else {
                p.hint { "A guest you remove can no longer see or change the board; what they wrote stays." }
                ul.link-list.guest-list {
                    @for g in guests {
                        li {
                            span.link-text dir="auto" { bdi { (g.name) } }
                            form.inline method="post" action={"/j/" (j.id) "/guests/" (g.id) "/remove"} {
                                input type="hidden" name="_csrf" value=(csrf);
                                button.danger type="submit" aria-label={"Remove " (g.name)} { "Remove" }
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
            h1 { "Join a session" }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action="/join" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="code" { "Join code" }
                input id="code" name="code" required maxlength="16" autocomplete="off" autocapitalize="characters" placeholder="e.g. K7PQ-2MXA";
                button type="submit" { "Continue" }
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
            h1 { "Join “" bdi { (j.name) } "”" }
            p { "Type your name so the team knows who wrote which note. No account or password needed." }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action={"/join/" (token)} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="name" { "Your name" }
                input id="name" name="name" dir="auto" required maxlength=(Limits::PERSON_NAME) autocomplete="name";
                button type="submit" { "Join the board" }
            }
        }
    }
}
