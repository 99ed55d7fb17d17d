//! The session panel above the board: the facilitator's phase, the timer,
//! and what each phase asks of the participant. Rendered per viewer (votes
//! and ratings are private), refreshed live when the session changes.

use crate::t;
use crate::web::i18n::{date as day_text, integer};
use crate::web::layout::{rich, slot};
use maud::{html, Markup};
use mot_core::date;
use mot_core::session::{Action, ActionStatus, IdeaView, Movement, Phase, Rating, SessionSettings};
use mot_core::{Id, Moment};
use mot_store::{Assessment, SessionView};
use std::collections::HashMap;
use time::Date;

pub struct PanelCtx<'a> {
    pub journey_id: Id,
    pub view: Option<&'a SessionView>,
    pub moments: &'a [Moment],
    pub csrf: &'a str,
    pub facilitator: bool,
    pub can_take_part: bool,
    /// Open actions of earlier sessions, for the review at the start.
    pub open_actions: &'a [Action],
    /// Agreed ratings per moment, oldest first: (session id, rating).
    pub history: &'a HashMap<Id, Vec<(Id, Rating)>>,
    pub today: Date,
    /// What is known of each moment besides its words (standard, audit,
    /// customers): suggested priorities, and shown while it is assessed.
    pub extras: &'a HashMap<Id, mot_store::NoteExtras>,
    /// The board's stages and channels, read while the team assesses (the
    /// card names the moment's stage and channel); empty otherwise.
    pub stages: &'a [mot_core::Stage],
    pub channels: &'a [mot_core::Channel],
    /// The people of the board (workspace members and the session's guests),
    /// offered as an action's owner; empty when no action is being planned.
    pub people: &'a [String],
    /// Moments on this session's agenda from customer alerts, with their
    /// evidence: offered first while the team prioritises.
    pub agenda: &'a [mot_store::FeedbackAlert],
}

fn title_of(moments: &[Moment], id: Id) -> &str {
    moments
        .iter()
        .find(|m| m.id == id)
        .map_or(t!("session-deleted-moment"), |m| m.title.as_str())
}

/// A phase's name in the request's language.
pub fn phase_label(p: Phase) -> &'static str {
    mot_i18n::text(crate::web::i18n::lang(), p.label_key())
}

/// What participants do in a phase, in one sentence.
pub fn phase_instruction(p: Phase) -> &'static str {
    match p {
        Phase::Capture => t!("session-instruction-capture"),
        Phase::ColourCode => t!("session-instruction-colour-code"),
        Phase::Prioritise => t!("session-instruction-prioritise"),
        Phase::Assess => t!("session-instruction-assess"),
        Phase::Ideas => t!("session-instruction-ideas"),
        Phase::SelectPlan => t!("session-instruction-select-plan"),
        Phase::WrapUp => t!("session-instruction-wrap-up"),
    }
}

/// A rating's name (Miserable, Neutral, Magical) in the request's language.
pub use crate::web::i18n::rating_label;

/// An action's status as shown (open, doing, done, dropped).
pub fn status_label(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => t!("session-status-open"),
        ActionStatus::Doing => t!("session-status-doing"),
        ActionStatus::Done => t!("session-status-done"),
        ActionStatus::Dropped => t!("session-status-dropped"),
    }
}

/// How a rating moved: "Miserable → Neutral".
pub fn movement_text(m: &Movement) -> String {
    format!(
        "{} {} {}",
        rating_label(m.from),
        crate::web::i18n::onward(),
        rating_label(m.to)
    )
}

/// A date written out in the request's language, its ISO form for machines.
fn day(d: Date) -> Markup {
    html! { time datetime=(date::format(d)) { (day_text(d)) } }
}

fn cmd_form(
    journey_id: Id,
    session_id: Id,
    csrf: &str,
    op: &str,
    fields: Markup,
    button: Markup,
) -> Markup {
    html! {
        form.inline method="post" action={"/j/" (journey_id) "/sessions/" (session_id)} data-fetch {
            input type="hidden" name="_csrf" value=(csrf);
            input type="hidden" name="op" value=(op);
            (fields)
            (button)
        }
    }
}

/// People's names or moments' titles in a row, each isolated (`<bdi>`) so a
/// right-to-left one keeps its order and does not pull the separators along.
fn names<'a>(list: impl Iterator<Item = &'a str>, sep: &str) -> Markup {
    html! {
        @for (i, n) in list.enumerate() {
            @if i > 0 { (sep) }
            bdi { (n) }
        }
    }
}

fn rating_badge(r: Rating) -> Markup {
    html! { span class={"rating r-" (r.key())} { (r.face()) " " (rating_label(r)) } }
}

/// How a moment's rating moved since the session before `session_id`, and whether delight may now be expected.
pub fn movement_of(
    history: &HashMap<Id, Vec<(Id, Rating)>>,
    moment: Id,
    session_id: Id,
) -> (Option<Movement>, bool) {
    let Some(list) = history.get(&moment) else {
        return (None, false);
    };
    let upto: Vec<Rating> = list
        .iter()
        .filter(|(s, _)| *s <= session_id)
        .map(|(_, r)| *r)
        .collect();
    let before: Vec<Rating> = list
        .iter()
        .filter(|(s, _)| *s < session_id)
        .map(|(_, r)| *r)
        .collect();
    let now = list.iter().find(|(s, _)| *s == session_id).map(|(_, r)| *r);
    let mv = Movement::between(before.last().copied(), now);
    let flag =
        mot_core::session::magic_may_now_be_expected(if now.is_some() { &upto } else { &before });
    (mv, flag)
}

/// The panel; `marks` are [`note_marks`] of the same context.
pub fn panel(c: &PanelCtx<'_>, marks: &HashMap<Id, Markup>) -> Markup {
    let Some(v) = c.view else {
        return html! {
            section #session-panel .session-panel data-session="" {
                // Before any session: the actions already opened (from a
                // customers' alert, say), which the first session reviews.
                @if !c.open_actions.is_empty() {
                    h3 { (t!("session-open-actions-before")) }
                    ul.actions-list { @for a in c.open_actions { li { (action_line(c, a)) } } }
                }
                @if c.facilitator { (start_form(c)) }
            }
        };
    };
    let s = &v.session;
    let jid = c.journey_id;
    html! {
        section #session-panel .session-panel.running data-session=(s.id) data-phase=(s.phase.key())
            data-timer-ends=(s.timer_ends_at.map_or(String::new(), |t| t.to_string())) aria-labelledby="session-title" {
            // The bar stays at the top of the screen over the board: the
            // step, the timer, who is here and done, back and next.
            div.session-bar {
                ol.phases aria-label=(t!("session-phases")) {
                    @for p in Phase::ALL {
                        li class=(if p == s.phase { "current" } else if p < s.phase { "past" } else { "" })
                           aria-current=(if p == s.phase { "step" } else { "false" }) {
                            span.n { (integer(p.index() as i64 + 1)) } span.of aria-hidden="true" { "/" (integer(Phase::ALL.len() as i64)) } " " (phase_label(p))
                        }
                    }
                }
                span #timer .timer role="timer" aria-live="off" {}
                (people(v))
                @if c.can_take_part && s.phase == Phase::Prioritise && v.tally.is_none() {
                    span.bar-dots { (t!("session-bar-dots-left", left = s.settings.dots_left(v.my_votes.len()), total = s.settings.vote_limit)) }
                }
                @if c.facilitator {
                    div.bar-nav {
                        @if let Some(prev) = s.phase.prev() {
                            (cmd_form(jid, s.id, c.csrf, "change_phase", html! {
                                input type="hidden" name="expected" value=(s.phase.key());
                                input type="hidden" name="target" value=(prev.key());
                            }, html! { button.small.quiet type="submit" { (crate::web::i18n::back()) " " (phase_label(prev)) } }))
                        }
                        @if let Some(next) = s.phase.next() {
                            (cmd_form(jid, s.id, c.csrf, "change_phase", html! {
                                input type="hidden" name="expected" value=(s.phase.key());
                                input type="hidden" name="target" value=(next.key());
                            }, html! { button.small type="submit" { (phase_label(next)) " " (crate::web::i18n::onward()) } }))
                        }
                    }
                }
            }
            div.session-body {
                div.session-head {
                    h2 #session-title { bdi { (s.title) } " " span.hint.date { (day(s.held_on)) } }
                }
                p.instruction { span.sr-only { (phase_label(s.phase)) ": " } (phase_instruction(s.phase)) }
                div.session-tools {
                    @if c.facilitator {
                        @for secs in [120u32, 300, 600] {
                            @let minutes = secs / 60;
                            (cmd_form(jid, s.id, c.csrf, "set_timer", html! { input type="hidden" name="seconds" value=(secs); },
                                html! { button.small.quiet type="submit" title=(t!("session-timer-start-title", minutes = minutes)) { (t!("session-timer-button", minutes = minutes)) } }))
                        }
                        @if s.timer_ends_at.is_some() {
                            (cmd_form(jid, s.id, c.csrf, "set_timer", html! {}, html! { button.small.quiet type="submit" { (t!("session-timer-stop")) } }))
                        }
                    }
                    @if c.can_take_part {
                        @let done = v.done.iter().any(|(p, _)| *p == v.my_key);
                        (cmd_form(jid, s.id, c.csrf, "mark_done", html! { input type="hidden" name="done" value=(if done { "false" } else { "true" }); },
                            html! { button.small.quiet type="submit" aria-pressed=(done.to_string()) { @if done { (t!("session-done-undo")) } @else { (t!("session-done")) } } }))
                    }
                    span.done-list {
                        @let working: Vec<&str> = v.people.iter().filter(|(k, _)| !v.done.iter().any(|(d, _)| d == k)).map(|(_, n)| n.as_str()).collect();
                        @if v.done.is_empty() { (t!("session-nobody-done")) }
                        @else {
                            (t!("session-done-count", count = v.done.len()))
                            @if c.facilitator { ": " (names(v.done.iter().map(|(_, n)| n.as_str()), t!("session-name-separator"))) }
                        }
                        @if c.facilitator && !working.is_empty() { (crate::web::i18n::sep()) (t!("session-still-working")) " " (names(working.iter().copied(), t!("session-name-separator"))) }
                    }
                }
                div.phase-body {
                    @match s.phase {
                        Phase::Capture | Phase::ColourCode => (review(c, v)),
                        Phase::Prioritise => (prioritise(c, v)),
                        Phase::Assess => (assess(c, v)),
                        Phase::Ideas => (ideas(c, v, false)),
                        Phase::SelectPlan => (select_plan(c, v)),
                        Phase::WrapUp => (wrap_up(c, v)),
                    }
                }
                @if c.facilitator && s.phase == Phase::WrapUp { (start_form(c)) }
                // The same marks the page put on the notes, for the page script
                // to put on them again after each read of the panel.
                @if !marks.is_empty() {
                    div #note-marks hidden {
                        @for m in c.moments { @if let Some(mk) = marks.get(&m.id) { template data-for=(m.id) { (mk) } } }
                    }
                }
            }
        }
    }
}

/// The people taking part, as initials in the bar: a tick for those who
/// said they are done; the page script marks who is on the board now.
fn people(v: &SessionView) -> Markup {
    html! {
        ul.people aria-label=(t!("session-people")) {
            @for (key, name) in &v.people {
                @let done = v.done.iter().any(|(d, _)| d == key);
                li.person .done[done] data-person=(key) title=(name) {
                    span.initials aria-hidden="true" { (mot_core::text::initials(name)) }
                    @if done { span.tick aria-hidden="true" { "✓" } }
                    span.sr-only { bdi { (name) } @if done { ", " (t!("session-person-done")) } span.here-word {} }
                }
            }
        }
    }
}

fn start_form(c: &PanelCtx<'_>) -> Markup {
    let d = SessionSettings::default();
    html! {
        details.start-session {
            summary { @if c.view.is_some() { (t!("session-start-next")) } @else { (t!("session-start-a-session")) } }
            form method="post" action={"/j/" (c.journey_id) "/sessions"} {
                input type="hidden" name="_csrf" value=(c.csrf);
                (crate::board::views::request_id_field())
                label for="ss-title" { (t!("session-field-title")) }
                input #ss-title name="title" dir="auto" required maxlength="120" value=(t!("session-default-title", date = date::format(c.today)));
                label for="ss-date" { (t!("session-field-date")) }
                input #ss-date name="held_on" type="date" required value=(date::format(c.today));
                label for="ss-votes" { (t!("session-field-dots-per-person", max = mot_core::session::SessionLimits::VOTE_LIMIT)) }
                input #ss-votes name="vote_limit" type="number" min="1" max="10" value=(d.vote_limit);
                label for="ss-cap" { (t!("session-field-priorities-to-choose", max = mot_core::session::SessionLimits::PRIORITY_CAP)) }
                input #ss-cap name="priority_cap" type="number" min="1" max="8" value=(d.priority_cap);
                label { input type="checkbox" name="multi_vote" value="1"; " " (t!("session-field-multi-vote")) }
                label { input type="checkbox" name="anonymous_ideas" value="1"; " " (t!("session-field-anonymous-ideas")) }
                label for="ss-phase" { (t!("session-field-start-at")) " " span.hint { (t!("session-field-start-at-hint")) } }
                select #ss-phase name="phase" {
                    @for p in Phase::ALL { option value=(p.key()) selected[p == Phase::Capture] { (integer(p.index() as i64 + 1)) ". " (phase_label(p)) } }
                }
                button type="submit" { (t!("session-start-the-session")) }
            }
        }
    }
}

fn review(c: &PanelCtx<'_>, v: &SessionView) -> Markup {
    let earlier: Vec<&Action> = c
        .open_actions
        .iter()
        .filter(|a| a.session_id != Some(v.session.id))
        .collect();
    // In the journey's order (stage order, then note order), as the board
    // shows the moments, not the history's (hashed) order.
    let moved: Vec<(Id, Option<Movement>, Option<Rating>, bool)> = c
        .moments
        .iter()
        .filter_map(|m| Some((m.id, c.history.get(&m.id)?)))
        .map(|(m, list)| {
            let (mv, flag) = movement_of(c.history, m, v.session.id);
            let last_before = list
                .iter()
                .rev()
                .find(|(s, _)| *s < v.session.id)
                .map(|(_, r)| *r);
            (m, mv, last_before, flag)
        })
        .collect();
    html! {
        @if !earlier.is_empty() {
            h3 { (t!("session-review-open-actions")) }
            ul.actions-list {
                @for a in &earlier {
                    li {
                        (action_line(c, a))
                        @if c.facilitator {
                            (cmd_form(c.journey_id, v.session.id, c.csrf, "set_action_status", html! {
                                input type="hidden" name="id" value=(a.id);
                                label.sr-only for={"st-" (a.id)} { (t!("session-status")) }
                                select id={"st-" (a.id)} name="status" {
                                    @for st in ActionStatus::ALL { option value=(st.key()) selected[st == a.status] { (status_label(st)) } }
                                }
                            }, html! { button.small type="submit" { (t!("session-update")) } }))
                        }
                    }
                }
            }
        }
        @if !moved.is_empty() {
            h3 { (t!("session-ratings-so-far")) }
            ul.movement {
                @for (m, mv, last, flag) in &moved {
                    li {
                        bdi { (title_of(c.moments, *m)) } ": "
                        @if let Some(mv) = mv { (movement_text(mv)) } @else if let Some(r) = last { (t!("session-last-rated", rating = rating_label(*r))) }
                        @if *flag { " " span.flag role="note" { (t!("session-magic-twice")) } }
                    }
                }
            }
        }
        @if earlier.is_empty() && moved.is_empty() {
            p.hint { (t!("session-review-empty")) }
        }
    }
}

/// The board's moments with the lowest latest audit scores: candidate priorities.
fn lowest_scores(c: &PanelCtx<'_>, n: usize) -> Vec<(Id, f64)> {
    let mut list: Vec<(Id, f64)> = c
        .extras
        .iter()
        .filter(|(k, _)| c.moments.iter().any(|m| m.id == **k))
        .filter_map(|(k, e)| Some((*k, e.latest_score?)))
        .collect();
    list.sort_by(|a, b| {
        a.1.partial_cmp(&b.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    list.truncate(n);
    list
}

/// The moments customers' alerts put on this session's agenda, each with
/// its evidence: the week's answers, their shares and the alert's words.
fn agenda(c: &PanelCtx<'_>) -> Markup {
    use mot_core::feedback::Verdict;
    let percent = |x: Option<f64>| {
        format!(
            "{} %",
            crate::web::i18n::decimal(100.0 * x.unwrap_or(0.0), 0)
        )
    };
    html! {
        @if !c.agenda.is_empty() {
            section.agenda #session-agenda aria-labelledby="agenda-title" {
                h3 #agenda-title { "⚠ " (t!("feedback-alert-agenda-title")) }
                p.hint { (t!("feedback-alert-agenda-intro")) }
                ul.list {
                    @for a in c.agenda {
                        li data-agenda=(a.moment_id) {
                            strong { bdi { (crate::feedback::alerts::alert_subject(a, title_of(c.moments, a.moment_id))) } } ": "
                            (crate::feedback::alerts::alert_words(a.kind))
                            " "
                            span.hint { (t!("feedback-alert-evidence",
                                n = a.tally.total() as i64,
                                worse = percent(a.tally.share(Verdict::Worse)),
                                better = percent(a.tally.share(Verdict::Better)))) }
                            (crate::web::i18n::sep())
                            a href={"/j/" (c.journey_id) "/feedback/comments?moment=" (a.moment_id)} { (t!("feedback-alert-agenda-comments")) }
                        }
                    }
                }
            }
        }
    }
}

/// The priorities the facilitator is offered once the dots are revealed:
/// the moments on the agenda first, then the most dotted, up to the cap.
fn suggested_priorities(c: &PanelCtx<'_>, v: &SessionView) -> Vec<Id> {
    let Some(tally) = &v.tally else {
        return Vec::new();
    };
    let agenda: Vec<Id> = c.agenda.iter().map(|a| a.moment_id).collect();
    mot_core::session::suggested_priorities(tally, &agenda, v.session.settings.priority_cap)
}

fn prioritise(c: &PanelCtx<'_>, v: &SessionView) -> Markup {
    let s = &v.session;
    let left = s.settings.dots_left(v.my_votes.len());
    html! {
        (agenda(c))
        @if let Some(tally) = &v.tally {
            h3 { (t!("session-votes-revealed")) }
            ol.tally {
                @for r in tally {
                    li {
                        span.rank { "#" (integer(r.rank as i64)) } " " bdi { (title_of(c.moments, r.moment_id)) } " — "
                        (rich(&t!("session-tally-dots", votes = r.votes, shown = slot(0)), &[html! { strong { (integer(r.votes as i64)) } }]))
                        @if r.tied { " " span.tie { (t!("session-tie")) } }
                    }
                }
            }
            @if c.facilitator {
                p.hint { (t!("session-star-on-notes", cap = s.settings.priority_cap)) }
                @let suggested = suggested_priorities(c, v);
                @if v.priorities.is_empty() && !suggested.is_empty() {
                    form method="post" action={"/j/" (c.journey_id) "/sessions/" (s.id)} data-fetch {
                        input type="hidden" name="_csrf" value=(c.csrf);
                        input type="hidden" name="op" value="set_priorities";
                        @for m in &suggested { input type="hidden" name="moment_ids" value=(m); }
                        button type="submit" { (t!("session-star-suggested", count = suggested.len())) }
                        " " span.hint { (names(suggested.iter().map(|m| title_of(c.moments, *m)), crate::web::i18n::sep())) }
                    }
                }
            }
            @if !v.priorities.is_empty() {
                p { (rich(&t!("session-priorities-are", names = slot(0)), &[names(v.priorities.iter().map(|m| title_of(c.moments, *m)), crate::web::i18n::sep())])) }
            }
        } @else {
            @let lowest = lowest_scores(c, s.settings.priority_cap as usize);
            @if !lowest.is_empty() {
                p.hint { (t!("session-audit-candidates")) " "
                    @for (i, (m, sc)) in lowest.iter().enumerate() {
                        @if i > 0 { (crate::web::i18n::sep()) }
                        bdi { (title_of(c.moments, *m)) } " (" (crate::web::i18n::decimal(mot_core::audit::round1(*sc), 1)) "/10)"
                    }
                }
            }
            p { (rich(&t!("session-dots-left", left = slot(0), total = s.settings.vote_limit), &[html! { strong { (integer(left as i64)) } }])) " "
                span.hint { (rich(&t!("session-dots-so-far", dots = slot(0), voters = slot(1)), &[
                    html! { span data-live="vote-dots" { (integer(v.dots as i64)) } },
                    html! { span data-live="vote-voters" { (integer(v.voters as i64)) } },
                ])) } }
            @if c.can_take_part && left == 0 {
                p #dots-why .why role="note" { (t!("session-all-dots-placed-why", limit = s.settings.vote_limit)) }
            }
            p.hint { (t!("session-dots-on-notes")) }
            @if c.facilitator {
                (cmd_form(c.journey_id, s.id, c.csrf, "reveal_votes", html! {}, html! { button type="submit" { (t!("session-reveal-votes")) } }))
            }
        }
    }
}

/// The "+ dot" and "− dot" forms of one moment's note for this viewer, who
/// has `mine` dots on it and `left` to place. Whether a dot would be
/// refused is core's rule (`check_vote`); a "+ dot" that would be stays
/// focusable and says why when pressed (a disabled button says nothing).
fn dot_forms(c: &PanelCtx<'_>, v: &SessionView, m: &Moment, mine: usize, left: u32) -> Markup {
    let s = &v.session;
    let refused =
        mot_core::session::check_vote(s.phase, v.tally.is_some(), &s.settings, &v.my_votes, m.id)
            .is_err();
    // (the reason, the id of the text that gives it, whether that text is the button's own)
    let why = match (refused, left) {
        (false, _) => None,
        (true, 0) => Some((
            t!("session-all-dots-placed", limit = s.settings.vote_limit).to_string(),
            "dots-why".to_string(),
            false,
        )),
        (true, _) => Some((
            t!("session-one-dot-per-moment").to_string(),
            format!("note-why-{}", m.id),
            true,
        )),
    };
    html! {
        (cmd_form(c.journey_id, s.id, c.csrf, "vote", html! { input type="hidden" name="moment_id" value=(m.id); },
            html! {
                @if let Some((text, id, own)) = &why {
                    @if *own { span.sr-only id=(id) { (text) } }
                    button.small.off type="submit" data-dot="add" aria-label=(t!("session-put-dot", moment = m.title.as_str())) aria-disabled="true"
                        aria-describedby=(id) data-why=(text) title=(text) { (t!("session-add-dot")) }
                } @else {
                    button.small type="submit" data-dot="add" aria-label=(t!("session-put-dot", moment = m.title.as_str())) { (t!("session-add-dot")) }
                }
            }))
        @if mine > 0 {
            (cmd_form(c.journey_id, s.id, c.csrf, "unvote", html! { input type="hidden" name="moment_id" value=(m.id); },
                html! { button.small.quiet type="submit" data-dot="remove" aria-label=(t!("session-take-dot-back", moment = m.title.as_str())) { (t!("session-remove-dot")) } }))
        }
    }
}

/// "★ Priority": a note the facilitator starred.
fn star_badge() -> Markup {
    html! { span.star { span aria-hidden="true" { "★ " } (t!("session-priority")) } }
}

/// The facilitator's star on a note once the dots are revealed: pressed, it
/// makes the moment one of the priorities or no longer one (the form sends
/// the whole new list). A star the cap would refuse stays focusable and
/// says why, as a refused dot does.
fn star_form(c: &PanelCtx<'_>, v: &SessionView, m: &Moment) -> Markup {
    let s = &v.session;
    let starred = v.priorities.contains(&m.id);
    let list: Vec<Id> = if starred {
        v.priorities
            .iter()
            .copied()
            .filter(|x| *x != m.id)
            .collect()
    } else {
        v.priorities.iter().copied().chain([m.id]).collect()
    };
    let over = !starred && list.len() as u32 > s.settings.priority_cap;
    let label = if starred {
        t!("session-unstar", moment = m.title.as_str())
    } else {
        t!("session-star", moment = m.title.as_str())
    };
    html! {
        (cmd_form(c.journey_id, s.id, c.csrf, "set_priorities", html! {
            @for x in &list { input type="hidden" name="moment_ids" value=(x); }
        }, html! {
            @if over {
                @let why = t!("session-star-cap-reached", cap = s.settings.priority_cap);
                span.sr-only id={"star-why-" (m.id)} { (why) }
                button.small.quiet.star.off type="submit" aria-label=(label) aria-pressed="false" aria-disabled="true"
                    aria-describedby={"star-why-" (m.id)} data-why=(why) title=(why) { span aria-hidden="true" { "☆ " } (t!("session-priority")) }
            } @else {
                button.small.quiet.star.toggle type="submit" aria-label=(label) aria-pressed=(starred.to_string()) data-star {
                    span aria-hidden="true" { @if starred { "★ " } @else { "☆ " } } (t!("session-priority"))
                }
            }
        }))
    }
}

/// What the session puts on each note of the board for this viewer while
/// the team prioritises, by moment: before the reveal, this viewer's dots
/// on the note with the forms to put one on or take one back (only theirs:
/// votes stay hidden); after it, the note's dots from everyone, the first
/// rank marked, ties said. Nothing in the other phases.
pub fn note_marks(c: &PanelCtx<'_>) -> HashMap<Id, Markup> {
    let Some(v) = c.view else {
        return HashMap::new();
    };
    let s = &v.session;
    if s.phase > Phase::Prioritise {
        // The priorities keep their star on the board for the rest of the
        // session; while ideas flow and are judged, their ideas go under them.
        let lanes = matches!(s.phase, Phase::Ideas | Phase::SelectPlan);
        return v
            .priorities
            .iter()
            .map(|m| {
                let actions = v.actions.iter().filter(|a| a.moment_id == Some(*m)).count();
                let marks = html! {
                    div.marks.starred {
                        (star_badge())
                        @if actions > 0 { " " span.action-count { (t!("session-action-count", count = actions)) } }
                    }
                    @if lanes { (idea_lane(c, v, *m, s.phase == Phase::SelectPlan)) }
                };
                (*m, marks)
            })
            .collect();
    }
    if s.phase != Phase::Prioritise {
        return HashMap::new();
    }
    let left = s.settings.dots_left(v.my_votes.len());
    c.moments
        .iter()
        .map(|m| {
            let marks = match &v.tally {
                Some(tally) => {
                    let r = tally.iter().find(|r| r.moment_id == m.id);
                    let votes = r.map_or(0, |r| r.votes);
                    html! {
                        div class={"marks revealed" @if r.is_some_and(|r| r.rank == 1 && r.votes > 0) { " lead" }} {
                            @if let Some(r) = r.filter(|r| r.votes > 0) {
                                span.rank { "#" (integer(r.rank as i64)) } " "
                            }
                            span.dots aria-hidden="true" { "●" } " "
                            (rich(&t!("session-tally-dots", votes = votes, shown = slot(0)), &[html! { strong { (integer(votes as i64)) } }]))
                            @if r.is_some_and(|r| r.tied && r.votes > 0) { " " span.tie { (t!("session-tie")) } }
                            @if c.facilitator { " " (star_form(c, v, m)) }
                            @else if v.priorities.contains(&m.id) { " " (star_badge()) }
                        }
                    }
                }
                None => {
                    let mine = v.my_votes.iter().filter(|x| **x == m.id).count();
                    html! {
                        div.marks.voting {
                            @if c.agenda.iter().any(|a| a.moment_id == m.id) { span.tag { (t!("feedback-alert-on-agenda-tag")) } }
                            span.dots aria-hidden="true" { @for _ in 0..mine { "●" } }
                            span.sr-only { (t!("session-your-dots-here", count = mine)) }
                            @if c.can_take_part { (dot_forms(c, v, m, mine, left)) }
                        }
                    }
                }
            };
            (m.id, marks)
        })
        .collect()
}

fn assess(c: &PanelCtx<'_>, v: &SessionView) -> Markup {
    let s = &v.session;
    html! {
        @if v.priorities.is_empty() { p.hint { (t!("session-no-priorities-yet")) } }
        @for m in &v.priorities {
            @let a = v.assessments.get(m);
            @let (mv, flag) = movement_of(c.history, *m, s.id);
            article.assess data-moment=(m) {
                h3 dir="auto" { (title_of(c.moments, *m)) }
                @if let Some(mo) = c.moments.iter().find(|x| x.id == *m) {
                    @let stage = c.stages.iter().find(|st| st.id == mo.stage_id);
                    @let channel = mo.channel_id.and_then(|id| c.channels.iter().find(|ch| ch.id == id));
                    @if stage.is_some() || channel.is_some() {
                        p.place.hint {
                            @if let Some(st) = stage { (t!("session-card-stage")) " " bdi { (st.name) } }
                            @if stage.is_some() && channel.is_some() { (crate::web::i18n::sep()) }
                            @if let Some(ch) = channel { (t!("session-card-channel")) " " bdi { (ch.icon) " " (ch.name) } }
                        }
                    }
                    @if !mo.description.is_empty() { p.desc dir="auto" { (mo.description) } }
                }
                @if let Some(e) = c.extras.get(m) { p.figures { (crate::board::views::note_figures(*e)) } }
                @if let Some(mv) = mv { p.hint { (t!("session-since-last", movement = movement_text(&mv))) } }
                @else if let Some(last) = a.and_then(|a| a.last_rating) { p.hint.last-time { (rich(&t!("session-last-time", rating = slot(0)), &[html! { strong { (rating_label(last)) } }])) } }
                @if flag { p.flag role="note" { (t!("session-magic-twice")) } }
                @match a.and_then(|a| a.spread) {
                    Some(sp) => {
                        p.spread {
                            (rating_badge(Rating::Miserable)) " " (integer(sp.miserable.into())) (crate::web::i18n::sep())
                            (rating_badge(Rating::Neutral)) " " (integer(sp.neutral.into())) (crate::web::i18n::sep())
                            (rating_badge(Rating::Magical)) " " (integer(sp.magical.into()))
                        }
                        @if sp.disagreement() { p.flag role="note" { (t!("session-disagreement")) } }
                        @let answers = a.map_or(&[][..], |a| a.answers.as_slice());
                        @if !answers.is_empty() {
                            ul.answers aria-label=(t!("session-everyones-answers")) {
                                @for x in answers {
                                    li {
                                        (rating_badge(x.rating))
                                        @if !x.expectation.is_empty() { " " span.answer { span.hint { (t!("session-customers-expect")) " " } bdi { (x.expectation) } } }
                                        @if !x.reality.is_empty() { " " span.answer { span.hint { (t!("session-now")) " " } bdi { (x.reality) } } }
                                    }
                                }
                            }
                        }
                    }
                    None => {
                        p.hint { (rich(&t!("session-ratings-hidden", count = slot(0)), &[html! { span data-live={"ratings-" (m)} { (integer(a.map_or(0, |a| a.count) as i64)) } }])) }
                        @if c.can_take_part {
                            @let mine = v.my_ratings.get(m);
                            // A face is the whole answer: tapping one gives (or
                            // changes) the rating, with whatever the two optional
                            // texts hold.
                            form.rate method="post" action={"/j/" (c.journey_id) "/sessions/" (s.id)} data-fetch {
                                input type="hidden" name="_csrf" value=(c.csrf);
                                input type="hidden" name="op" value="rate";
                                input type="hidden" name="moment_id" value=(m);
                                fieldset.faces {
                                    legend { @if let Some(x) = mine { (t!("session-your-rating-is", rating = rating_label(x.rating))) } @else { (t!("session-your-rating-legend")) } }
                                    @for r in Rating::ALL {
                                        @let pressed = mine.is_some_and(|x| x.rating == r);
                                        button class={"face r-" (r.key())} type="submit" name="rating" value=(r.key()) aria-pressed=(pressed.to_string()) {
                                            span.icon aria-hidden="true" { (r.face()) } span.word { (rating_label(r)) }
                                        }
                                    }
                                }
                                details.rate-texts open[mine.is_some_and(|x| !x.expectation.is_empty() || !x.reality.is_empty())] {
                                    summary { (t!("session-add-what-customers-expect")) }
                                    label for={"ex-" (m)} { (t!("session-what-do-customers-expect")) " " span.hint { (t!("session-optional")) } }
                                    input id={"ex-" (m)} name="expectation" dir="auto" maxlength="1000" value=(mine.map_or("", |x| x.expectation.as_str()));
                                    label for={"now-" (m)} { (t!("session-what-happens-now")) " " span.hint { (t!("session-optional")) } }
                                    input id={"now-" (m)} name="reality" dir="auto" maxlength="1000" value=(mine.map_or("", |x| x.reality.as_str()));
                                    p.hint { (t!("session-texts-go-with-face")) }
                                }
                            }
                        }
                        @if c.facilitator {
                            (cmd_form(c.journey_id, s.id, c.csrf, "reveal_ratings", html! { input type="hidden" name="moment_id" value=(m); },
                                html! { button.quiet type="submit" { (t!("session-reveal-ratings")) } }))
                        }
                    }
                }
                @if let Some(a) = a.filter(|a| a.rating.is_some() || !a.expectation.is_empty() || !a.reality.is_empty() || !a.issue.is_empty()) { (agreed(a)) }
                @if c.facilitator {
                    @let (expect, now) = agreed_drafts(a);
                    form method="post" action={"/j/" (c.journey_id) "/sessions/" (s.id)} data-fetch {
                        input type="hidden" name="_csrf" value=(c.csrf);
                        input type="hidden" name="op" value="record_assessment";
                        input type="hidden" name="moment_id" value=(m);
                        label for={"ag-" (m)} { (t!("session-agreed-rating")) }
                        select id={"ag-" (m)} name="rating" {
                            option value="" { (t!("session-not-agreed-yet")) }
                            @for r in Rating::ALL { option value=(r.key()) selected[a.and_then(|a| a.rating) == Some(r)] { (rating_label(r)) } }
                        }
                        label for={"agx-" (m)} { (t!("session-what-do-customers-expect")) " " span.hint { (t!("session-agreed-hint")) } }
                        textarea id={"agx-" (m)} name="expectation" dir="auto" rows="2" maxlength="1000" { (expect) }
                        label for={"agn-" (m)} { (t!("session-what-happens-now")) " " span.hint { (t!("session-agreed-hint")) } }
                        textarea id={"agn-" (m)} name="reality" dir="auto" rows="2" maxlength="1000" { (now) }
                        label for={"is-" (m)} { (t!("session-issue-problem")) }
                        textarea id={"is-" (m)} name="issue" dir="auto" rows="2" maxlength="2000" { (a.map_or("", |a| a.issue.as_str())) }
                        button.small type="submit" { (t!("session-record")) }
                    }
                }
            }
        }
    }
}

/// What was agreed about a moment: the rating, what customers expect,
/// what happens now and the issue.
fn agreed(a: &Assessment) -> Markup {
    html! {
        div.agreed {
            @match a.rating {
                Some(r) => { p { (t!("session-agreed")) " " (rating_badge(r)) @if !a.issue.is_empty() { " — " bdi { (a.issue) } } } }
                None => { @if !a.issue.is_empty() { p { span.hint { (t!("session-issue")) " " } bdi { (a.issue) } } } }
            }
            @if !a.expectation.is_empty() { p { span.hint { (t!("session-customers-expect")) " " } bdi { (a.expectation) } } }
            @if !a.reality.is_empty() { p { span.hint { (t!("session-what-happens-now-label")) " " } bdi { (a.reality) } } }
        }
    }
}

/// The facilitator's starting texts for the agreed expectation and "what
/// happens now": what was recorded, else everyone's revealed answers.
fn agreed_drafts(a: Option<&Assessment>) -> (String, String) {
    let Some(a) = a else {
        return (String::new(), String::new());
    };
    let limit = mot_core::session::SessionLimits::NOTE;
    let draft = |recorded: &str, answers: Vec<&str>| {
        if recorded.is_empty() {
            mot_core::session::prefill(answers, limit)
        } else {
            recorded.to_string()
        }
    };
    (
        draft(
            &a.expectation,
            a.answers.iter().map(|x| x.expectation.as_str()).collect(),
        ),
        draft(
            &a.reality,
            a.answers.iter().map(|x| x.reality.as_str()).collect(),
        ),
    )
}

/// The panel in Ideas and in Select & plan: the ideas themselves are on the
/// board, in a lane under each priority's note ([`idea_lane`]).
fn ideas(c: &PanelCtx<'_>, v: &SessionView, judging: bool) -> Markup {
    let count = |m: Id| v.ideas.iter().filter(|i| i.moment_id == m).count();
    html! {
        @if v.priorities.is_empty() { p.hint { (t!("session-no-priorities-yet")) } }
        @else {
            p { @if judging { (t!("session-merit-on-notes")) } @else { (t!("session-ideas-on-notes")) } }
            ul.idea-counts {
                @for m in &v.priorities {
                    li { a href={"#m-" (m)} { bdi { (title_of(c.moments, *m)) } } ": " (t!("session-idea-count", count = count(*m))) }
                }
            }
        }
    }
}

/// One priority's ideas, as a lane of small stickies under its note on the
/// board. While ideas flow: a field to add one, and "Remove" on one's own
/// only. In Select & plan: "has merit" on each, the facilitator's choice,
/// and a chosen idea turned into an action in place.
fn idea_lane(c: &PanelCtx<'_>, v: &SessionView, m: Id, judging: bool) -> Markup {
    let s = &v.session;
    html! {
        div.idea-lane {
            ul.idea-list aria-label=(t!("session-ideas-for", moment = title_of(c.moments, m))) {
                @for i in v.ideas.iter().filter(|i| i.moment_id == m) {
                    @let mine = i.author_tag == v.my_tag;
                    li.idea .mine[mine] .picked[i.picked] data-idea=(i.id) {
                        span.text dir="auto" { (i.text) }
                        @if i.picked { " " span.badge { (t!("session-idea-chosen")) } }
                        @if let Some(n) = &i.author_name { span.hint.author { " — " bdi { (n) } } }
                        @if judging {
                            span.idea-tools {
                                @let merited = v.my_merits.contains(&i.id);
                                (cmd_form(c.journey_id, s.id, c.csrf, "toggle_merit", html! { input type="hidden" name="idea_id" value=(i.id); },
                                    html! { button.small.quiet.toggle type="submit" aria-pressed=(merited.to_string()) { @if merited { (t!("session-merit-given", count = i.merits)) } @else { (t!("session-merit-add", count = i.merits)) } } }))
                                @if c.facilitator {
                                    (cmd_form(c.journey_id, s.id, c.csrf, "pick_idea", html! {
                                        input type="hidden" name="idea_id" value=(i.id);
                                        input type="hidden" name="picked" value=(if i.picked { "false" } else { "true" });
                                    }, html! { button.small.quiet.toggle type="submit" aria-pressed=(i.picked.to_string()) { @if i.picked { (t!("session-idea-unchoose")) } @else { (t!("session-idea-choose")) } } }))
                                }
                            }
                            @if c.facilitator && i.picked { (plan_in_place(c, v, i)) }
                        } @else if mine {
                            (cmd_form(c.journey_id, s.id, c.csrf, "remove_idea", html! { input type="hidden" name="id" value=(i.id); },
                                html! { button.small.quiet type="submit" { (t!("session-idea-remove")) } }))
                        }
                    }
                }
            }
            @if !judging && c.can_take_part {
                form.add-idea method="post" action={"/j/" (c.journey_id) "/sessions/" (s.id)} data-fetch data-reset {
                    input type="hidden" name="_csrf" value=(c.csrf);
                    input type="hidden" name="op" value="add_idea";
                    input type="hidden" name="moment_id" value=(m);
                    label.sr-only for={"idea-" (m)} { (rich(&t!("session-new-idea-for", moment = slot(0)), &[html! { bdi { (title_of(c.moments, m)) } }])) }
                    input id={"idea-" (m)} name="text" dir="auto" required maxlength="500" placeholder=(t!("session-idea-placeholder")) autocomplete="off";
                    button.small type="submit" { (t!("session-add-idea")) }
                }
            }
        }
    }
}

/// A chosen idea becomes an action where it stands: the action's form
/// under the idea, its text as the action to start from; once planned,
/// the action instead.
fn plan_in_place(c: &PanelCtx<'_>, v: &SessionView, i: &IdeaView) -> Markup {
    match v.actions.iter().find(|a| a.idea_id == Some(i.id)) {
        Some(a) => html! {
            p.planned { span aria-hidden="true" { "✓ " } (t!("session-action-planned")) " " strong dir="auto" { (a.what) } " — " bdi { (a.owner_name) }
                @if let Some(d) = a.due_on { (rich(&t!("session-action-due", date = slot(0)), &[day(d)])) } }
        },
        None => html! {
            details.plan-idea id={"plan-" (i.id)} {
                summary { (t!("session-plan-this-idea")) }
                (action_form(c, v, &format!("ai{}", i.id), Some(i)))
            }
        },
    }
}

fn action_line(c: &PanelCtx<'_>, a: &Action) -> Markup {
    html! {
        strong dir="auto" { (a.what) }
        // One span, so the <bdi> is not a flex item of its own (the list
        // items are flex rows).
        span { " — " bdi { (a.owner_name) }
            @if let Some(d) = a.due_on { (rich(&t!("session-action-due", date = slot(0)), &[day(d)])) }
            @if let (Some(f), Some(to)) = (a.target_from, a.target_to) { " (" (rating_label(f)) " " (crate::web::i18n::onward()) " " (rating_label(to)) ")" }
        }
        @if let Some(m) = a.moment_id { span.hint { (crate::web::i18n::sep()) bdi { (title_of(c.moments, m)) } } }
        " " span class={"status s-" (a.status.key())} { (status_label(a.status)) }
        @if !a.steps.is_empty() {
            ol.steps {
                @for st in &a.steps {
                    li { span { bdi { (st.text) } @if let Some(d) = st.target_on { " " (rich(&t!("session-step-due", date = slot(0)), &[day(d)])) } @if !st.measure.is_empty() { " (" bdi { (st.measure) } ")" } } }
                }
            }
        }
    }
}

fn select_plan(c: &PanelCtx<'_>, v: &SessionView) -> Markup {
    html! {
        (ideas(c, v, true))
        h3 { (t!("session-actions")) }
        @if v.actions.is_empty() { p.hint { (t!("session-no-actions-yet")) } }
        ul.actions-list { @for a in &v.actions { li { (action_line(c, a)) } } }
        @if c.facilitator {
            details.action-form open[v.actions.is_empty() && !v.ideas.iter().any(|i| i.picked)] {
                summary { (t!("session-plan-an-action")) }
                (action_form(c, v, "ac", None))
            }
        }
    }
}

/// The form of a new action. `prefix` keeps its fields' ids apart from
/// another such form's on the page; `idea` is the chosen idea it is planned
/// from, in place on the board (its moment and text then come with it),
/// or none for the panel's form, which asks for the moment and the idea.
fn action_form(c: &PanelCtx<'_>, v: &SessionView, prefix: &str, idea: Option<&IdeaView>) -> Markup {
    let s = &v.session;
    let id = |name: &str| format!("{prefix}-{name}");
    html! {
        form.action method="post" action={"/j/" (c.journey_id) "/sessions/" (s.id)} data-fetch data-reset {
            input type="hidden" name="_csrf" value=(c.csrf);
            input type="hidden" name="op" value="save_action";
            @match idea {
                Some(i) => {
                    input type="hidden" name="moment_id" value=(i.moment_id);
                    input type="hidden" name="idea_id" value=(i.id);
                }
                None => {
                    label for=(id("moment")) { (t!("session-action-moment")) }
                    select id=(id("moment")) name="moment_id" {
                        @for m in &v.priorities { option value=(m) dir="auto" { (title_of(c.moments, *m)) } }
                    }
                    label for=(id("idea")) { (t!("session-action-idea")) " " span.hint { (t!("session-optional")) } }
                    select id=(id("idea")) name="idea_id" {
                        option value="" { "—" }
                        @for i in v.ideas.iter().filter(|i| i.picked) { option value=(i.id) dir="auto" { (i.text) } }
                    }
                }
            }
            label for=(id("what")) { (t!("session-action-what")) }
            input id=(id("what")) name="what" dir="auto" required maxlength="500" value=(idea.map_or("", |i| i.text.as_str()));
            label for=(id("owner")) { (t!("session-action-who")) " " span.hint { (t!("session-action-who-hint")) } }
            input id=(id("owner")) name="owner_name" dir="auto" required maxlength="60" list=(id("people")) autocomplete="off";
            datalist id=(id("people")) {
                @for name in c.people { option value=(name) {} }
            }
            label for=(id("due")) { (t!("session-action-by-when")) }
            input id=(id("due")) name="due_on" type="date" min=(date::format(s.held_on));
            label for=(id("from")) { (t!("session-action-move-from")) }
            div.row.fromto {
                select id=(id("from")) name="target_from" { option value="" { "—" } @for r in Rating::ALL { option value=(r.key()) { (rating_label(r)) } } }
                label for=(id("to")) { (t!("session-action-move-to")) }
                select id=(id("to")) name="target_to" { option value="" { "—" } @for r in Rating::ALL { option value=(r.key()) { (rating_label(r)) } } }
            }
            (ladder_rows(prefix, s.held_on))
            button type="submit" { (t!("session-save-action")) }
        }
    }
}

/// Rows shown for a ladder before "More steps" (the rest are folded away,
/// so the form works without the page script, which adds, removes and
/// reorders rows instead).
const LADDER_ROWS_SHOWN: usize = 3;

/// One row of the ladder: the step, its target date and its measure.
fn ladder_row(prefix: &str, i: usize, held_on: Date) -> Markup {
    let n = i + 1;
    html! {
        li.step-row data-row=(i) {
            span.step-n { (t!("session-step-n", n = n)) }
            div.step-fields {
                label.sr-only for={(prefix) "-step-text-" (i)} { (t!("session-step-n", n = n)) }
                input id={(prefix) "-step-text-" (i)} name="step_text" dir="auto" maxlength="200" placeholder=(t!("session-step-placeholder")) autocomplete="off";
                label.sr-only for={(prefix) "-step-date-" (i)} { (t!("session-step-n-date", n = n)) }
                input id={(prefix) "-step-date-" (i)} name="step_date" type="date" min=(date::format(held_on));
                label.sr-only for={(prefix) "-step-measure-" (i)} { (t!("session-step-n-measure", n = n)) }
                input id={(prefix) "-step-measure-" (i)} name="step_measure" dir="auto" maxlength="120" placeholder=(t!("session-step-measure-placeholder")) autocomplete="off";
            }
        }
    }
}

/// The ladder of small steps of a new action, one row per step.
fn ladder_rows(prefix: &str, held_on: Date) -> Markup {
    let limit = mot_core::session::SessionLimits::STEPS;
    html! {
        fieldset.ladder id={(prefix) "-ladder"} {
            legend { (t!("session-ladder")) " " span.hint { (t!("session-ladder-hint")) } }
            ol.step-rows {
                @for i in 0..LADDER_ROWS_SHOWN { (ladder_row(prefix, i, held_on)) }
            }
            details.more-steps {
                summary { (t!("session-more-steps", limit = limit)) }
                ol.step-rows start=(LADDER_ROWS_SHOWN + 1) {
                    @for i in LADDER_ROWS_SHOWN..limit { (ladder_row(prefix, i, held_on)) }
                }
            }
        }
    }
}

fn wrap_up(c: &PanelCtx<'_>, v: &SessionView) -> Markup {
    let s = &v.session;
    let default_next = mot_core::session::default_next_session(s.held_on.max(c.today));
    html! {
        @match s.next_session_on {
            Some(d) => p { (rich(&t!("session-next-session", date = slot(0)), &[html! { strong.date { (day(d)) } }])) (crate::web::i18n::sep())
                a href={"/j/" (c.journey_id) "/sessions/" (s.id) "/next.ics"} download { (t!("session-add-to-calendar")) } },
            None => p.hint { (t!("session-no-follow-up")) },
        }
        @if c.facilitator {
            (cmd_form(c.journey_id, s.id, c.csrf, "book_next", html! {
                label for="next-date" { (t!("session-book-next")) }
                input #next-date name="date" type="date" required value=(date::format(s.next_session_on.unwrap_or(default_next)));
            }, html! { button type="submit" { (t!("session-book")) } }))
        }
        @if !v.priorities.is_empty() {
            h3 { (t!("session-what-we-agreed")) }
            ul.agreed-list {
                @for m in &v.priorities {
                    li {
                        strong { bdi { (title_of(c.moments, *m)) } }
                        @match v.assessments.get(m).filter(|a| a.rating.is_some() || !a.expectation.is_empty() || !a.reality.is_empty() || !a.issue.is_empty()) {
                            Some(a) => { (agreed(a)) }
                            None => { " " span.hint { (t!("session-not-agreed-yet-hint")) } }
                        }
                    }
                }
            }
        }
        h3 { (t!("session-actions")) }
        ul.actions-list { @for a in &v.actions { li { (action_line(c, a)) } } }
        p.wrap-links { a.button href={"/j/" (c.journey_id) "/sessions/" (s.id) "/form"} { (t!("session-planning-form")) } " " (crate::board::views::map_links(c.journey_id)) }
    }
}
