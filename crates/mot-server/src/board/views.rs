//! The journey board: stages as columns of post-it notes.

use crate::t;
use crate::web::i18n::{decimal, integer};
use crate::web::layout::notice;
use maud::{html, Markup};
use mot_core::{Channel, Id, Limits, Moment, Stage};
use mot_store::{Board, NoteExtras};
use std::collections::HashMap;

/// Looks up a channel by id.
pub type ChannelOf<'a> = dyn Fn(Id) -> Option<&'a Channel> + 'a;

/// One note. `csrf` is empty in live updates; the page script fills it in.
/// `marks` is what a session puts on it for this viewer (their dots while
/// the team prioritises); live updates have none, the page script puts the
/// viewer's back.
pub fn note(
    m: &Moment,
    channel: Option<&Channel>,
    csrf: &str,
    hidden: bool,
    extras: NoteExtras,
    marks: Option<&Markup>,
) -> Markup {
    let class = match channel {
        Some(c) => format!("note ch-{}", c.id),
        None => "note no-channel".to_string(),
    };
    let channel_label = channel.map_or(t!("board-no-channel"), |c| c.name.as_str());
    html! {
        li class=(class) id={"m-" (m.id)} data-id=(m.id) data-stage=(m.stage_id)
           data-author=(m.author.key()) data-channel=(m.channel_id.map_or(String::new(), |c| c.to_string()))
           data-position=(m.position) tabindex="0" hidden[hidden]
           aria-label=(t!("board-note-label", title = &m.title, channel = channel_label)) {
            button.grip type="button" title=(t!("board-grip-title"))
                aria-label=(t!("board-move-note", title = &m.title)) { "⠿" }
            p.title dir="auto" { (m.title) }
            @if !m.description.is_empty() { p.desc dir="auto" { (m.description) } }
            p.meta {
                @match channel {
                    Some(c) => span.chan { span.icon aria-hidden="true" dir="auto" { (c.icon) } " " bdi { (c.name) } },
                    None => span.chan.none { span.icon aria-hidden="true" { "?" } " " (t!("board-no-channel")) },
                }
                span.author dir="auto" { (m.author_name) }
                (note_figures(extras))
            }
            div.note-marks { @if let Some(mk) = marks { (mk) } }
            div.actions {
                a.small href={"/j/" (m.journey_id) "/m/" (m.id) "/edit"} { (t!("board-edit")) }
                // Shown to those who may ask (the board says so, see `board_region`).
                a.small.ask href={"/j/" (m.journey_id) "/feedback#m-" (m.id)}
                    aria-label=(t!("board-ask-customers-about", title = &m.title)) { (t!("feedback-ask")) }
                form.inline method="post" action={"/j/" (m.journey_id) "/m/" (m.id) "/delete"} data-fetch {
                    input type="hidden" name="_csrf" value=(csrf);
                    button.small.danger type="submit" aria-label=(t!("board-delete-note", title = &m.title)) { (t!("board-delete")) }
                }
            }
        }
    }
}

/// The options of a channel picker, current channels only (plus the note's own).
pub fn channel_options(channels: &[Channel], selected: Option<Id>) -> Markup {
    html! {
        option value="" selected[selected.is_none()] { (t!("board-no-channel")) }
        @for c in channels.iter().filter(|c| !c.retired || Some(c.id) == selected) {
            option value=(c.id) selected[Some(c.id) == selected] { (c.icon) (crate::web::i18n::sep()) (c.name) }
        }
    }
}

/// One stage column with its notes and the form to add one.
#[allow(clippy::too_many_arguments)]
pub fn stage(
    s: &Stage,
    notes: &[&Moment],
    channels: &[Channel],
    csrf: &str,
    can_add: bool,
    can_stage: bool,
    channel_of: &ChannelOf<'_>,
    visible: &dyn Fn(&Moment) -> bool,
    extras: &HashMap<Id, NoteExtras>,
    marks: &HashMap<Id, Markup>,
) -> Markup {
    html! {
        li.stage id={"s-" (s.id)} data-stage=(s.id) {
            div.stage-head {
                h2 id={"sh-" (s.id)} dir="auto" { (s.name) }
                span.count { span.n { (integer(notes.len() as i64)) } span.sr-only { (t!("board-stage-notes")) } }
                @if can_stage {
                    a.small.stage-edit href={"/j/" (s.journey_id) "/s/" (s.id) "/edit"} aria-label=(t!("board-edit-stage-label", name = &s.name)) { "⋯" }
                }
            }
            ol.notes data-stage=(s.id) aria-labelledby={"sh-" (s.id)} {
                @for m in notes { (note(m, m.channel_id.and_then(channel_of), csrf, !visible(m), extras.get(&m.id).copied().unwrap_or_default(), marks.get(&m.id))) }
            }
            @if can_add {
                form.add-note method="post" action={"/j/" (s.journey_id) "/moments"} data-fetch data-reset {
                    input type="hidden" name="_csrf" value=(csrf);
                    (request_id_field())
                    input type="hidden" name="stage_id" value=(s.id);
                    label.sr-only for={"t-" (s.id)} { (t!("board-new-moment-in")) " " bdi { (s.name) } }
                    input id={"t-" (s.id)} name="title" dir="auto" required maxlength=(Limits::MOMENT_TITLE)
                        placeholder=(t!("board-add-moment-placeholder")) autocomplete="off";
                    details.add-desc {
                        summary { (t!("board-add-description")) }
                        label.sr-only for={"d-" (s.id)} { (t!("board-new-description")) }
                        textarea id={"d-" (s.id)} name="description" dir="auto" rows="2" maxlength=(Limits::MOMENT_DESCRIPTION)
                            placeholder=(t!("board-description-placeholder")) {}
                    }
                    div.row {
                        label.sr-only for={"c-" (s.id)} { (t!("board-channel")) }
                        select id={"c-" (s.id)} name="channel_id" { (channel_options(channels, None)) }
                        button type="submit" { (t!("board-add")) }
                    }
                }
            }
        }
    }
}

/// What is known of a moment besides its words, as the note shows it: its
/// standard, the team's agreed rating (a face and its word), the latest
/// audit score, worse than usual, magic fading, and the customers' score
/// (or how few answered).
pub fn note_figures(extras: NoteExtras) -> Markup {
    html! {
        @if extras.has_standard { span.std title=(t!("board-standard-title")) { (t!("board-standard")) } }
        @if let Some(r) = extras.team_rating {
            span class={"score team r-" (r.key())} title=(t!("board-team-title")) {
                span.face aria-hidden="true" { (r.face()) } " "
                (t!("board-team", rating = crate::web::i18n::rating_label(r)))
            }
        }
        @if let Some(sc) = extras.latest_score {
            span.score title=(t!("board-score-title")) {
                (t!("board-score", score = decimal(mot_core::audit::round1(sc), 1)))
            }
        }
        @if extras.worse {
            span.score.worse title=(t!("board-worse-title")) { "▼ " (t!("board-worse")) }
        }
        @if extras.fading {
            span.score.fading title=(t!("board-fading-title")) { "⚠ " (t!("board-fading")) }
        }
        @let customers = extras.customers;
        @if customers.total() > 0 {
            span.score.customers title=(t!("board-customers-title", days = mot_store::CUSTOMER_DAYS, n = customers.total() as i64)) {
                @if customers.enough() {
                    (t!("board-customers", score = crate::web::i18n::signed(customers.score().unwrap_or(0.0))))
                } @else {
                    (t!("board-customers-few", n = customers.total() as i64))
                }
            }
        }
    }
}

/// The journey map to take away: SVG and an A3 poster PDF as links (they
/// work without the script), PNG made by the page's script from the SVG.
pub fn map_links(journey_id: Id) -> Markup {
    html! {
        span.map-links {
            (t!("board-map")) ": "
            a href={"/j/" (journey_id) "/map.svg"} download { (t!("board-map-svg")) } (crate::web::i18n::sep())
            // Made by the page's script: hidden without it (app.css).
            button.link.map-png type="button" data-svg={"/j/" (journey_id) "/map.svg"} { (t!("board-map-png")) }
            span.map-png-sep { (crate::web::i18n::sep()) }
            a href={"/j/" (journey_id) "/map.pdf"} download { (t!("board-map-pdf")) }
        }
    }
}

/// The legend: one chip per channel with its count; a chip filters the board.
pub fn legend(b: &Board, filter: Option<Id>) -> Markup {
    let count = |id: Option<Id>| b.moments.iter().filter(|m| m.channel_id == id).count();
    html! {
        nav.legend aria-label=(t!("board-channels")) {
            h2.sr-only { (t!("board-channels")) }
            ul {
                @for c in b.channels.iter().filter(|c| !c.retired || count(Some(c.id)) > 0) {
                    li {
                        a class={"chip ch-" (c.id)} href={"?channel=" (c.id)} data-filter=(c.id)
                          aria-current=(if filter == Some(c.id) { "true" } else { "false" }) {
                            span.swatch aria-hidden="true" {}
                            span.icon dir="auto" { (c.icon) }
                            span.name dir="auto" { (c.name) }
                            span.n data-count=(c.id) { (integer(count(Some(c.id)) as i64)) }
                        }
                    }
                }
                li {
                    a.chip.no-channel href="?channel=none" data-filter="none"
                      aria-current=(if filter == Some(0) { "true" } else { "false" }) {
                        span.swatch aria-hidden="true" {}
                        span.icon { "?" } span.name { (t!("board-no-channel")) }
                        span.n data-count="none" { (integer(count(None) as i64)) }
                    }
                }
                @if filter.is_some() { li { a.chip.clear href="?" data-filter="" { (t!("board-show-all")) } } }
            }
        }
    }
}

/// The board region (legend and stages), also served alone for refreshes.
/// `(can_add, can_stage, can_ask)`: whether the viewer may add notes,
/// change the stages, and ask customers about a moment (each note then
/// links to its place on the feedback page).
pub fn board_region(
    b: &Board,
    csrf: &str,
    (can_add, can_stage, can_ask): (bool, bool, bool),
    filter: Option<Id>,
    extras: &HashMap<Id, NoteExtras>,
    marks: &HashMap<Id, Markup>,
) -> Markup {
    let channel_of = |id: Id| b.channels.iter().find(|c| c.id == id);
    // Every note is sent; a filter only hides the others, so the legend's
    // counts stay whole and clearing the filter needs no reload.
    let visible = |m: &Moment| match filter {
        None => true,
        Some(0) => m.channel_id.is_none(),
        Some(f) => m.channel_id == Some(f),
    };
    html! {
        div id="board" class=[can_ask.then_some("may-ask")] data-seq=(b.journey.last_seq) {
            (legend(b, filter))
            @if b.moments.is_empty() {
                p.empty id="empty-hint" { (t!("board-empty")) }
            }
            ol.stages {
                @for s in &b.stages {
                    @let notes: Vec<&Moment> = b.moments.iter().filter(|m| m.stage_id == s.id).collect();
                    (stage(s, &notes, &b.channels, csrf, can_add, can_stage, &channel_of, &visible, extras, marks))
                }
            }
            @if can_stage {
                form.add-stage method="post" action={"/j/" (b.journey.id) "/stages"} data-fetch data-reset {
                    input type="hidden" name="_csrf" value=(csrf);
                    (request_id_field())
                    label for="new-stage" { (t!("board-add-stage-label")) }
                    input id="new-stage" name="name" dir="auto" required maxlength=(Limits::STAGE_NAME) placeholder=(t!("board-stage-placeholder"));
                    button type="submit" { (t!("board-add-stage")) }
                }
            }
        }
    }
}

/// The whole board page body.
#[allow(clippy::too_many_arguments)]
pub fn board_page(
    b: &Board,
    csrf: &str,
    can_add: bool,
    can_stage: bool,
    can_manage: bool,
    filter: Option<Id>,
    deleted: Option<Id>,
    session_panel: Markup,
    extras: &HashMap<Id, NoteExtras>,
    marks: &HashMap<Id, Markup>,
) -> Markup {
    html! {
        div.board-head {
            p.crumbs { a href={"/b/" (b.business.id)} dir="auto" { (b.business.name) } " ›" }
            h1 id="journey-name" dir="auto" { (b.journey.name) }
            div.tools {
                span #live-status .live role="status" aria-live="polite" { (t!("board-offline-reload")) }
                @if can_manage { a.button href={"/j/" (b.journey.id) "/share"} { (t!("board-invite")) } }
                @if can_stage { a.button.quiet href={"/j/" (b.journey.id) "/standards"} { (t!("board-standards")) } }
                @if can_stage { a.button.quiet href={"/j/" (b.journey.id) "/feedback"} { (t!("feedback-title")) } }
                (map_links(b.journey.id))
                // Only those who may share the code see it (the share page's rule).
                @if can_manage { span.code { (t!("board-join-code")) " " strong { (mot_core::board::show_join_code(&b.journey.join_code)) } } }
            }
        }
        @if let Some(id) = deleted {
            div.notice role="status" {
                (t!("board-note-deleted")) " "
                form.inline method="post" action={"/j/" (b.journey.id) "/m/" (id) "/restore"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    button.link type="submit" { (t!("board-undo")) }
                }
            }
        }
        (session_panel)
        (board_region(b, csrf, (can_add, can_stage, can_manage), filter, extras, marks))
        div #toast .toast role="status" aria-live="polite" hidden {}
        p.help {
            (t!("board-help-keyboard")) " " (t!("board-help-undo"))
        }
    }
}

/// Edit one note (works without JavaScript).
pub fn edit_note_page(
    m: &Moment,
    channels: &[Channel],
    stages: &[Stage],
    csrf: &str,
    error: Option<&str>,
) -> Markup {
    html! {
        section.card.narrow {
            p.crumbs { a href={"/j/" (m.journey_id)} { (t!("board-back")) } }
            h1 { (t!("board-edit-moment")) }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action={"/j/" (m.journey_id) "/m/" (m.id) "/edit"} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="title" { (t!("board-moment-of-truth")) }
                input id="title" name="title" dir="auto" required maxlength=(Limits::MOMENT_TITLE) value=(m.title);
                label for="description" { (t!("board-description")) " " span.hint { (t!("board-description-hint")) } }
                textarea id="description" name="description" dir="auto" rows="4" maxlength=(Limits::MOMENT_DESCRIPTION) { (m.description) }
                label for="channel_id" { (t!("board-channel")) }
                select id="channel_id" name="channel_id" { (channel_options(channels, m.channel_id)) }
                button type="submit" { (t!("board-save")) }
            }
            form method="post" action={"/j/" (m.journey_id) "/m/" (m.id) "/move"} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="stage_id" { (t!("board-move-to-stage")) }
                select id="stage_id" name="stage_id" {
                    @for s in stages { option value=(s.id) selected[s.id == m.stage_id] dir="auto" { (s.name) } }
                }
                label for="index" { (t!("board-note-position")) }
                input id="index" name="position" type="number" min="1" value=(m.position + 1);
                button type="submit" { (t!("board-move")) }
            }
        }
    }
}

/// Rename, move or remove a stage (works without JavaScript).
pub fn edit_stage_page(s: &Stage, stage_count: usize, index: usize, csrf: &str) -> Markup {
    html! {
        section.card.narrow {
            p.crumbs { a href={"/j/" (s.journey_id)} { (t!("board-back")) } }
            h1 { (t!("board-stage-heading")) " " bdi { (s.name) } }
            form method="post" action={"/j/" (s.journey_id) "/s/" (s.id) "/rename"} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="name" { (t!("board-name")) }
                input id="name" name="name" dir="auto" required maxlength=(Limits::STAGE_NAME) value=(s.name);
                button type="submit" { (t!("board-rename")) }
            }
            form method="post" action={"/j/" (s.journey_id) "/s/" (s.id) "/move"} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="position" { (t!("board-stage-position", count = stage_count)) }
                input id="position" name="position" type="number" min="1" max=(stage_count) value=(index + 1);
                button type="submit" { (t!("board-move")) }
            }
            form method="post" action={"/j/" (s.journey_id) "/s/" (s.id) "/delete"} {
                input type="hidden" name="_csrf" value=(csrf);
                p.hint { (t!("board-stage-remove-hint")) }
                button.danger type="submit" { (t!("board-remove-stage")) }
            }
        }
    }
}

/// A form's client request id: a browser that sends the same form again
/// (its answer lost) makes the change once. Each page gets new ids; the page
/// script sends its own per attempt in the `Idempotency-Key` header.
pub fn request_id_field() -> Markup {
    html! { input type="hidden" name="_rid" value=(mot_store::random_token()); }
}
