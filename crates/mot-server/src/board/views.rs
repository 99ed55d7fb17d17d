//! The journey board: stages as columns of post-it notes.

use crate::web::layout::notice;
use maud::{html, Markup};
use mot_core::{Channel, Id, Limits, Moment, Stage};
use mot_store::{Board, NoteExtras};
use std::collections::HashMap;

/// Looks up a channel by id.
pub type ChannelOf<'a> = dyn Fn(Id) -> Option<&'a Channel> + 'a;

/// One note. `csrf` is empty in live updates; the page script fills it in.
pub fn note(
    m: &Moment,
    channel: Option<&Channel>,
    csrf: &str,
    hidden: bool,
    extras: NoteExtras,
) -> Markup {
    let class = match channel {
        Some(c) => format!("note ch-{}", c.id),
        None => "note no-channel".to_string(),
    };
    let channel_label = channel.map_or("No channel yet", |c| c.name.as_str());
    html! {
        li class=(class) id={"m-" (m.id)} data-id=(m.id) data-stage=(m.stage_id)
           data-author=(m.author.key()) data-channel=(m.channel_id.map_or(String::new(), |c| c.to_string()))
           data-position=(m.position) tabindex="0" hidden[hidden]
           aria-label={(m.title) ", " (channel_label)} {
            button.grip type="button" title="Drag to move, or press Space then arrow keys"
                aria-label={"Move note: " (m.title)} { "⠿" }
            p.title dir="auto" { (m.title) }
            @if !m.description.is_empty() { p.desc dir="auto" { (m.description) } }
            p.meta {
                @match channel {
                    Some(c) => span.chan { span.icon aria-hidden="true" dir="auto" { (c.icon) } " " bdi { (c.name) } },
                    None => span.chan.none { span.icon aria-hidden="true" { "?" } " No channel yet" },
                }
                span.author dir="auto" { (m.author_name) }
                @if extras.has_standard { span.std title="This moment has a standard" { "◆ standard" } }
                @if let Some(sc) = extras.latest_score { span.score title="Latest audit score, 1 (low) to 10 (high)" { "audit " (mot_core::audit::one_decimal(sc)) "/10" } }
            }
            div.actions {
                a.small href={"/j/" (m.journey_id) "/m/" (m.id) "/edit"} { "Edit" }
                form.inline method="post" action={"/j/" (m.journey_id) "/m/" (m.id) "/delete"} data-fetch {
                    input type="hidden" name="_csrf" value=(csrf);
                    button.small.danger type="submit" aria-label={"Delete note: " (m.title)} { "Delete" }
                }
            }
        }
    }
}

/// The options of a channel picker, current channels only (plus the note's own).
pub fn channel_options(channels: &[Channel], selected: Option<Id>) -> Markup {
    html! {
        option value="" selected[selected.is_none()] { "No channel yet" }
        @for c in channels.iter().filter(|c| !c.retired || Some(c.id) == selected) {
            option value=(c.id) selected[Some(c.id) == selected] { (c.icon) " · " (c.name) }
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
) -> Markup {
    html! {
        li.stage id={"s-" (s.id)} data-stage=(s.id) {
            div.stage-head {
                h2 id={"sh-" (s.id)} dir="auto" { (s.name) }
                span.count { span.n { (notes.len()) } span.sr-only { " notes" } }
                @if can_stage {
                    a.small.stage-edit href={"/j/" (s.journey_id) "/s/" (s.id) "/edit"} aria-label={"Edit stage " (s.name)} { "⋯" }
                }
            }
            ol.notes data-stage=(s.id) aria-labelledby={"sh-" (s.id)} {
                @for m in notes { (note(m, m.channel_id.and_then(channel_of), csrf, !visible(m), extras.get(&m.id).copied().unwrap_or_default())) }
            }
            @if can_add {
                form.add-note method="post" action={"/j/" (s.journey_id) "/moments"} data-fetch data-reset {
                    input type="hidden" name="_csrf" value=(csrf);
                    (request_id_field())
                    input type="hidden" name="stage_id" value=(s.id);
                    label.sr-only for={"t-" (s.id)} { "New moment in " bdi { (s.name) } }
                    input id={"t-" (s.id)} name="title" dir="auto" required maxlength=(Limits::MOMENT_TITLE)
                        placeholder="Add a moment of truth…" autocomplete="off";
                    details.add-desc {
                        summary { "Add a description" }
                        label.sr-only for={"d-" (s.id)} { "Description of the new moment" }
                        textarea id={"d-" (s.id)} name="description" dir="auto" rows="2" maxlength=(Limits::MOMENT_DESCRIPTION)
                            placeholder="What the customer does or sees" {}
                    }
                    div.row {
                        label.sr-only for={"c-" (s.id)} { "Channel" }
                        select id={"c-" (s.id)} name="channel_id" { (channel_options(channels, None)) }
                        button type="submit" { "Add" }
                    }
                }
            }
        }
    }
}

/// The legend: one chip per channel with its count; a chip filters the board.
pub fn legend(b: &Board, filter: Option<Id>) -> Markup {
    let count = |id: Option<Id>| b.moments.iter().filter(|m| m.channel_id == id).count();
    html! {
        nav.legend aria-label="Channels" {
            h2.sr-only { "Channels" }
            ul {
                @for c in b.channels.iter().filter(|c| !c.retired || count(Some(c.id)) > 0) {
                    li {
                        a class={"chip ch-" (c.id)} href={"?channel=" (c.id)} data-filter=(c.id)
                          aria-current=(if filter == Some(c.id) { "true" } else { "false" }) {
                            span.swatch aria-hidden="true" {}
                            span.icon dir="auto" { (c.icon) }
                            span.name dir="auto" { (c.name) }
                            span.n data-count=(c.id) { (count(Some(c.id))) }
                        }
                    }
                }
                li {
                    a.chip.no-channel href="?channel=none" data-filter="none"
                      aria-current=(if filter == Some(0) { "true" } else { "false" }) {
                        span.swatch aria-hidden="true" {}
                        span.icon { "?" } span.name { "No channel yet" }
                        span.n data-count="none" { (count(None)) }
                    }
                }
                @if filter.is_some() { li { a.chip.clear href="?" data-filter="" { "Show all" } } }
            }
        }
    }
}

/// The board region (legend and stages), also served alone for refreshes.
pub fn board_region(
    b: &Board,
    csrf: &str,
    can_add: bool,
    can_stage: bool,
    filter: Option<Id>,
    extras: &HashMap<Id, NoteExtras>,
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
        div id="board" data-seq=(b.journey.last_seq) {
            (legend(b, filter))
            @if b.moments.is_empty() {
                p.empty id="empty-hint" { "No moments yet. Write each point where a customer meets the business on a note, in the order they happen: start with the first contact." }
            }
            ol.stages {
                @for s in &b.stages {
                    @let notes: Vec<&Moment> = b.moments.iter().filter(|m| m.stage_id == s.id).collect();
                    (stage(s, &notes, &b.channels, csrf, can_add, can_stage, &channel_of, &visible, extras))
                }
            }
            @if can_stage {
                form.add-stage method="post" action={"/j/" (b.journey.id) "/stages"} data-fetch data-reset {
                    input type="hidden" name="_csrf" value=(csrf);
                    (request_id_field())
                    label for="new-stage" { "Add a stage" }
                    input id="new-stage" name="name" dir="auto" required maxlength=(Limits::STAGE_NAME) placeholder="e.g. Delivery";
                    button type="submit" { "Add stage" }
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
) -> Markup {
    html! {
        div.board-head {
            p.crumbs { a href={"/b/" (b.business.id)} dir="auto" { (b.business.name) } " ›" }
            h1 id="journey-name" dir="auto" { (b.journey.name) }
            div.tools {
                span #live-status .live role="status" aria-live="polite" { "Offline: changes are saved when you reload" }
                @if can_manage { a.button href={"/j/" (b.journey.id) "/share"} { "Invite people" } }
                @if can_stage { a.button.quiet href={"/j/" (b.journey.id) "/standards"} { "Standards" } }
                // Only those who may share the code see it (the share page's rule).
                @if can_manage { span.code { "Join code " strong { (mot_core::board::show_join_code(&b.journey.join_code)) } } }
            }
        }
        @if let Some(id) = deleted {
            div.notice role="status" {
                "Note deleted. "
                form.inline method="post" action={"/j/" (b.journey.id) "/m/" (id) "/restore"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    button.link type="submit" { "Undo" }
                }
            }
        }
        (session_panel)
        (board_region(b, csrf, can_add, can_stage, filter, extras))
        div #toast .toast role="status" aria-live="polite" hidden {}
        p.help {
            "Keyboard: focus a note's ⠿ handle, press Space to pick it up, arrow keys to move it, Space to drop, Escape to cancel. "
            "Ctrl+Z brings back the last deleted note."
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
            p.crumbs { a href={"/j/" (m.journey_id)} { "← Back to the board" } }
            h1 { "Edit moment" }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action={"/j/" (m.journey_id) "/m/" (m.id) "/edit"} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="title" { "Moment of truth" }
                input id="title" name="title" dir="auto" required maxlength=(Limits::MOMENT_TITLE) value=(m.title);
                label for="description" { "Description " span.hint { "(what the customer does or sees)" } }
                textarea id="description" name="description" dir="auto" rows="4" maxlength=(Limits::MOMENT_DESCRIPTION) { (m.description) }
                label for="channel_id" { "Channel" }
                select id="channel_id" name="channel_id" { (channel_options(channels, m.channel_id)) }
                button type="submit" { "Save" }
            }
            form method="post" action={"/j/" (m.journey_id) "/m/" (m.id) "/move"} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="stage_id" { "Move to stage" }
                select id="stage_id" name="stage_id" {
                    @for s in stages { option value=(s.id) selected[s.id == m.stage_id] dir="auto" { (s.name) } }
                }
                label for="index" { "Position (1 = first)" }
                input id="index" name="position" type="number" min="1" value=(m.position + 1);
                button type="submit" { "Move" }
            }
        }
    }
}

/// Rename, move or remove a stage (works without JavaScript).
pub fn edit_stage_page(s: &Stage, stage_count: usize, index: usize, csrf: &str) -> Markup {
    html! {
        section.card.narrow {
            p.crumbs { a href={"/j/" (s.journey_id)} { "← Back to the board" } }
            h1 { "Stage: " bdi { (s.name) } }
            form method="post" action={"/j/" (s.journey_id) "/s/" (s.id) "/rename"} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="name" { "Name" }
                input id="name" name="name" dir="auto" required maxlength=(Limits::STAGE_NAME) value=(s.name);
                button type="submit" { "Rename" }
            }
            form method="post" action={"/j/" (s.journey_id) "/s/" (s.id) "/move"} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="position" { "Position (1 to " (stage_count) ")" }
                input id="position" name="position" type="number" min="1" max=(stage_count) value=(index + 1);
                button type="submit" { "Move" }
            }
            form method="post" action={"/j/" (s.journey_id) "/s/" (s.id) "/delete"} {
                input type="hidden" name="_csrf" value=(csrf);
                p.hint { "A stage can be removed once it holds no notes." }
                button.danger type="submit" { "Remove stage" }
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
