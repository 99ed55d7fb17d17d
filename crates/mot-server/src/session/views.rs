//! The session panel above the board: the facilitator's phase, the timer,
//! and what each phase asks of the participant. Rendered per viewer (votes
//! and ratings are private), refreshed live when the session changes.

use maud::{html, Markup};
use mot_core::date;
use mot_core::session::{Action, ActionStatus, Movement, Phase, Rating, SessionSettings};
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
    /// Latest audit score per moment, for suggesting priorities.
    pub audit_scores: &'a HashMap<Id, f64>,
    /// The people of the board (workspace members and the session's guests),
    /// offered as an action's owner; empty when no action is being planned.
    pub people: &'a [String],
}

fn title_of(moments: &[Moment], id: Id) -> &str {
    moments
        .iter()
        .find(|m| m.id == id)
        .map_or("(deleted moment)", |m| m.title.as_str())
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
    html! { span class={"rating r-" (r.key())} { (rating_icon(r)) " " (r.label()) } }
}

fn rating_icon(r: Rating) -> &'static str {
    match r {
        Rating::Miserable => "☹",
        Rating::Neutral => "=",
        Rating::Magical => "★",
    }
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

pub fn panel(c: &PanelCtx<'_>) -> Markup {
    let Some(v) = c.view else {
        return html! {
            section #session-panel .session-panel data-session="" {
                @if c.facilitator { (start_form(c)) }
            }
        };
    };
    let s = &v.session;
    let jid = c.journey_id;
    html! {
        section #session-panel .session-panel data-session=(s.id) data-phase=(s.phase.key())
            data-timer-ends=(s.timer_ends_at.map_or(String::new(), |t| t.to_string())) aria-labelledby="session-title" {
            div.session-head {
                h2 #session-title { bdi { (s.title) } " " span.hint.date { (date::format(s.held_on)) } }
                span #timer .timer role="timer" aria-live="off" {}
            }
            ol.phases aria-label="Phases" {
                @for p in Phase::ALL {
                    li class=(if p == s.phase { "current" } else if p < s.phase { "past" } else { "" })
                       aria-current=(if p == s.phase { "step" } else { "false" }) {
                        span.n { (p.index() + 1) } " " (p.label())
                    }
                }
            }
            p.instruction { strong { (s.phase.label()) ": " } (s.phase.instruction()) }
            div.session-tools {
                @if c.facilitator {
                    @if let Some(prev) = s.phase.prev() {
                        (cmd_form(jid, s.id, c.csrf, "change_phase", html! {
                            input type="hidden" name="expected" value=(s.phase.key());
                            input type="hidden" name="target" value=(prev.key());
                        }, html! { button.quiet type="submit" { "← " (prev.label()) } }))
                    }
                    @if let Some(next) = s.phase.next() {
                        (cmd_form(jid, s.id, c.csrf, "change_phase", html! {
                            input type="hidden" name="expected" value=(s.phase.key());
                            input type="hidden" name="target" value=(next.key());
                        }, html! { button type="submit" { (next.label()) " →" } }))
                    }
                    @for (secs, label) in [(120u32, "2 min"), (300, "5 min"), (600, "10 min")] {
                        (cmd_form(jid, s.id, c.csrf, "set_timer", html! { input type="hidden" name="seconds" value=(secs); },
                            html! { button.small.quiet type="submit" title={"Start a " (label) " timer"} { "Timer " (label) } }))
                    }
                    @if s.timer_ends_at.is_some() {
                        (cmd_form(jid, s.id, c.csrf, "set_timer", html! {}, html! { button.small.quiet type="submit" { "Stop timer" } }))
                    }
                }
                @if c.can_take_part {
                    @let done = v.done.iter().any(|(p, _)| *p == v.my_key);
                    (cmd_form(jid, s.id, c.csrf, "mark_done", html! { input type="hidden" name="done" value=(if done { "false" } else { "true" }); },
                        html! { button.small.quiet type="submit" aria-pressed=(done.to_string()) { @if done { "✓ I'm done (undo)" } @else { "I'm done" } } }))
                }
                span.done-list {
                    @let working: Vec<&str> = v.people.iter().filter(|(k, _)| !v.done.iter().any(|(d, _)| d == k)).map(|(_, n)| n.as_str()).collect();
                    @if v.done.is_empty() { "Nobody has said they're done yet." }
                    @else {
                        (v.done.len()) " done"
                        @if c.facilitator { ": " (names(v.done.iter().map(|(_, n)| n.as_str()), ", ")) }
                    }
                    @if c.facilitator && !working.is_empty() { " · Still working: " (names(working.iter().copied(), ", ")) }
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
        }
    }
}

fn start_form(c: &PanelCtx<'_>) -> Markup {
    let d = SessionSettings::default();
    html! {
        details.start-session {
            summary { @if c.view.is_some() { "Start the next session" } @else { "Start a session" } }
            form method="post" action={"/j/" (c.journey_id) "/sessions"} {
                input type="hidden" name="_csrf" value=(c.csrf);
                (crate::board::views::request_id_field())
                label for="ss-title" { "Title" }
                input #ss-title name="title" dir="auto" required maxlength="120" value={"Session " (date::format(c.today))};
                label for="ss-date" { "Date" }
                input #ss-date name="held_on" type="date" required value=(date::format(c.today));
                label for="ss-votes" { "Dots per person (1–10)" }
                input #ss-votes name="vote_limit" type="number" min="1" max="10" value=(d.vote_limit);
                label for="ss-cap" { "Priorities to choose (1–8)" }
                input #ss-cap name="priority_cap" type="number" min="1" max="8" value=(d.priority_cap);
                label { input type="checkbox" name="multi_vote" value="1"; " Allow several dots on one moment" }
                label { input type="checkbox" name="anonymous_ideas" value="1"; " Anonymous ideas" }
                label for="ss-phase" { "Start at " span.hint { "(skip ahead when the notes already exist; from Assess on, the last session's priorities carry over)" } }
                select #ss-phase name="phase" {
                    @for p in Phase::ALL { option value=(p.key()) selected[p == Phase::Capture] { (p.index() + 1) ". " (p.label()) } }
                }
                button type="submit" { "Start the session" }
            }
        }
    }
}

fn review(c: &PanelCtx<'_>, v: &SessionView) -> Markup {
    let earlier: Vec<&Action> = c
        .open_actions
        .iter()
        .filter(|a| a.session_id != v.session.id)
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
            h3 { "Review of open actions" }
            ul.actions-list {
                @for a in &earlier {
                    li {
                        (action_line(c, a))
                        @if c.facilitator {
                            (cmd_form(c.journey_id, v.session.id, c.csrf, "set_action_status", html! {
                                input type="hidden" name="id" value=(a.id);
                                label.sr-only for={"st-" (a.id)} { "Status" }
                                select id={"st-" (a.id)} name="status" {
                                    @for st in ActionStatus::ALL { option value=(st.key()) selected[st == a.status] { (st.key()) } }
                                }
                            }, html! { button.small type="submit" { "Update" } }))
                        }
                    }
                }
            }
        }
        @if !moved.is_empty() {
            h3 { "Ratings so far" }
            ul.movement {
                @for (m, mv, last, flag) in &moved {
                    li {
                        bdi { (title_of(c.moments, *m)) } ": "
                        @if let Some(mv) = mv { (mv.describe()) } @else if let Some(r) = last { "last rated " (r.label()) }
                        @if *flag { " " span.flag role="note" { "⚑ Magical twice in a row: customers may now expect this; re-assess it." } }
                    }
                }
            }
        }
        @if earlier.is_empty() && moved.is_empty() {
            p.hint { "Capture the moments on the board below. Open actions from earlier sessions will be reviewed here." }
        }
    }
}

/// The board's moments with the lowest latest audit scores: candidate priorities.
fn lowest_scores(c: &PanelCtx<'_>, n: usize) -> Vec<(Id, f64)> {
    let mut list: Vec<(Id, f64)> = c
        .audit_scores
        .iter()
        .filter(|(k, _)| c.moments.iter().any(|m| m.id == **k))
        .map(|(k, v)| (*k, *v))
        .collect();
    list.sort_by(|a, b| {
        a.1.partial_cmp(&b.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    list.truncate(n);
    list
}

fn prioritise(c: &PanelCtx<'_>, v: &SessionView) -> Markup {
    let s = &v.session;
    let left = s
        .settings
        .vote_limit
        .saturating_sub(v.my_votes.len() as u32);
    html! {
        @if let Some(tally) = &v.tally {
            h3 { "Votes revealed" }
            ol.tally {
                @for r in tally {
                    li {
                        span.rank { "#" (r.rank) } " " bdi { (title_of(c.moments, r.moment_id)) } " — " strong { (r.votes) } " dot" @if r.votes != 1 { "s" }
                        @if r.tied { " " span.tie { "tie" } }
                    }
                }
            }
            @if c.facilitator {
                form method="post" action={"/j/" (c.journey_id) "/sessions/" (s.id)} data-fetch {
                    input type="hidden" name="_csrf" value=(c.csrf);
                    input type="hidden" name="op" value="set_priorities";
                    fieldset {
                        legend { "Confirm up to " (s.settings.priority_cap) " priorities" }
                        @for (i, r) in tally.iter().enumerate() {
                            @let checked = if v.priorities.is_empty() { (i as u32) < s.settings.priority_cap && r.votes > 0 } else { v.priorities.contains(&r.moment_id) };
                            label.check { input type="checkbox" name="moment_ids" value=(r.moment_id) checked[checked]; " " bdi { (title_of(c.moments, r.moment_id)) } }
                        }
                    }
                    button type="submit" { "Confirm priorities" }
                }
            }
            @if !v.priorities.is_empty() {
                p { "Priorities: " (names(v.priorities.iter().map(|m| title_of(c.moments, *m)), " · ")) }
            }
        } @else {
            @let lowest = lowest_scores(c, s.settings.priority_cap as usize);
            @if !lowest.is_empty() {
                p.hint { "Candidates from the latest audit (lowest scores first): "
                    @for (i, (m, sc)) in lowest.iter().enumerate() {
                        @if i > 0 { " · " }
                        bdi { (title_of(c.moments, *m)) } " (" (mot_core::audit::one_decimal(*sc)) "/10)"
                    }
                }
            }
            p { "You have " strong { (left) } " of " (s.settings.vote_limit) " dots left. "
                span.hint { span data-live="vote-dots" { (v.dots) } " dots from " span data-live="vote-voters" { (v.voters) } " people so far; votes stay hidden until the facilitator reveals them." } }
            @let all_placed = format!("All {} dots placed", s.settings.vote_limit);
            @if c.can_take_part && left == 0 {
                p #dots-why .why role="note" { (all_placed) ". To move one, take it back with “− dot”." }
            }
            ul.vote-list {
                @for m in c.moments {
                    @let mine = v.my_votes.iter().filter(|x| **x == m.id).count();
                    // A "+ dot" that would be refused stays focusable and
                    // says why when pressed (a disabled button says nothing).
                    // (the reason, the id of the text that gives it, whether that text is the button's own)
                    @let why = if left == 0 {
                        Some((all_placed.clone(), "dots-why".to_string(), false))
                    } else if mine > 0 && !s.settings.multi_vote {
                        Some(("One dot per moment: yours is on it".to_string(), format!("why-{}", m.id), true))
                    } else {
                        None
                    };
                    li {
                        span.dots aria-hidden="true" { @for _ in 0..mine { "●" } }
                        span.sr-only { (mine) " of your dots" }
                        span.t dir="auto" { (m.title) }
                        span.vote-buttons {
                        @if c.can_take_part {
                            (cmd_form(c.journey_id, s.id, c.csrf, "vote", html! { input type="hidden" name="moment_id" value=(m.id); },
                                html! {
                                    @if let Some((text, id, own)) = &why {
                                        @if *own { span.sr-only id=(id) { (text) } }
                                        button.small.off type="submit" aria-label={"Put a dot on " (m.title)} aria-disabled="true"
                                            aria-describedby=(id) data-why=(text) title=(text) { "+ dot" }
                                    } @else {
                                        button.small type="submit" aria-label={"Put a dot on " (m.title)} { "+ dot" }
                                    }
                                }))
                            @if mine > 0 {
                                (cmd_form(c.journey_id, s.id, c.csrf, "unvote", html! { input type="hidden" name="moment_id" value=(m.id); },
                                    html! { button.small.quiet type="submit" aria-label={"Take a dot back from " (m.title)} { "− dot" } }))
                            }
                        }
                        }
                    }
                }
            }
            @if c.facilitator {
                (cmd_form(c.journey_id, s.id, c.csrf, "reveal_votes", html! {}, html! { button type="submit" { "Reveal the votes" } }))
            }
        }
    }
}

fn assess(c: &PanelCtx<'_>, v: &SessionView) -> Markup {
    let s = &v.session;
    html! {
        @if v.priorities.is_empty() { p.hint { "No priorities yet: the facilitator confirms them in Prioritise." } }
        @for m in &v.priorities {
            @let a = v.assessments.get(m);
            @let (mv, flag) = movement_of(c.history, *m, s.id);
            article.assess {
                h3 dir="auto" { (title_of(c.moments, *m)) }
                @if let Some(mv) = mv { p.hint { "Since last session: " (mv.describe()) } }
                @else if let Some(last) = a.and_then(|a| a.last_rating) { p.hint.last-time { "Last time: " strong { (last.label()) } } }
                @if flag { p.flag role="note" { "⚑ Magical twice in a row: customers may now expect this; re-assess it." } }
                @match a.and_then(|a| a.spread) {
                    Some(sp) => {
                        p.spread {
                            (rating_badge(Rating::Miserable)) " " (sp.miserable) " · "
                            (rating_badge(Rating::Neutral)) " " (sp.neutral) " · "
                            (rating_badge(Rating::Magical)) " " (sp.magical)
                        }
                        @if sp.disagreement() { p.flag role="note" { "⚑ The team disagrees (both Miserable and Magical): discuss what customers expect." } }
                        @let answers = a.map_or(&[][..], |a| a.answers.as_slice());
                        @if !answers.is_empty() {
                            ul.answers aria-label="Everyone's answers" {
                                @for x in answers {
                                    li {
                                        (rating_badge(x.rating))
                                        @if !x.expectation.is_empty() { " " span.answer { span.hint { "Customers expect: " } bdi { (x.expectation) } } }
                                        @if !x.reality.is_empty() { " " span.answer { span.hint { "Now: " } bdi { (x.reality) } } }
                                    }
                                }
                            }
                        }
                    }
                    None => {
                        p.hint { span data-live={"ratings-" (m)} { (a.map_or(0, |a| a.count)) } " rating(s) given, hidden until revealed." }
                        @if c.can_take_part {
                            @let mine = v.my_ratings.get(m);
                            details.rate-box open[mine.is_none()] {
                            summary { @if let Some(x) = mine { "Your rating: " (x.rating.label()) " (change)" } @else { "Give your rating" } }
                            form.rate method="post" action={"/j/" (c.journey_id) "/sessions/" (s.id)} data-fetch {
                                input type="hidden" name="_csrf" value=(c.csrf);
                                input type="hidden" name="op" value="rate";
                                input type="hidden" name="moment_id" value=(m);
                                fieldset.ratings {
                                    legend { "Your rating, against what customers expect" }
                                    @for r in Rating::ALL {
                                        label.radio { input type="radio" name="rating" value=(r.key()) required checked[mine.is_some_and(|x| x.rating == r)]; " " (rating_badge(r)) }
                                    }
                                }
                                label for={"ex-" (m)} { "What do customers expect? " span.hint { "(optional)" } }
                                input id={"ex-" (m)} name="expectation" dir="auto" maxlength="1000" value=(mine.map_or("", |x| x.expectation.as_str()));
                                label for={"now-" (m)} { "What happens now? " span.hint { "(optional)" } }
                                input id={"now-" (m)} name="reality" dir="auto" maxlength="1000" value=(mine.map_or("", |x| x.reality.as_str()));
                                button type="submit" { @if mine.is_some() { "Change my rating" } @else { "Give my rating" } }
                            }
                            }
                        }
                        @if c.facilitator {
                            (cmd_form(c.journey_id, s.id, c.csrf, "reveal_ratings", html! { input type="hidden" name="moment_id" value=(m); },
                                html! { button.quiet type="submit" { "Reveal the ratings" } }))
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
                        label for={"ag-" (m)} { "Agreed rating" }
                        select id={"ag-" (m)} name="rating" {
                            option value="" { "Not agreed yet" }
                            @for r in Rating::ALL { option value=(r.key()) selected[a.and_then(|a| a.rating) == Some(r)] { (r.label()) } }
                        }
                        label for={"agx-" (m)} { "What do customers expect? " span.hint { "(agreed)" } }
                        textarea id={"agx-" (m)} name="expectation" dir="auto" rows="2" maxlength="1000" { (expect) }
                        label for={"agn-" (m)} { "What happens now? " span.hint { "(agreed)" } }
                        textarea id={"agn-" (m)} name="reality" dir="auto" rows="2" maxlength="1000" { (now) }
                        label for={"is-" (m)} { "Issue / problem" }
                        textarea id={"is-" (m)} name="issue" dir="auto" rows="2" maxlength="2000" { (a.map_or("", |a| a.issue.as_str())) }
                        button.small type="submit" { "Record" }
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
                Some(r) => { p { "Agreed: " (rating_badge(r)) @if !a.issue.is_empty() { " — " bdi { (a.issue) } } } }
                None => { @if !a.issue.is_empty() { p { span.hint { "Issue: " } bdi { (a.issue) } } } }
            }
            @if !a.expectation.is_empty() { p { span.hint { "Customers expect: " } bdi { (a.expectation) } } }
            @if !a.reality.is_empty() { p { span.hint { "What happens now: " } bdi { (a.reality) } } }
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

fn ideas(c: &PanelCtx<'_>, v: &SessionView, judging: bool) -> Markup {
    let s = &v.session;
    html! {
        @for m in &v.priorities {
            article.ideas {
                h3 dir="auto" { (title_of(c.moments, *m)) }
                ul.idea-list {
                    @for i in v.ideas.iter().filter(|i| i.moment_id == *m) {
                        @let mine = i.author_tag == v.my_tag;
                        li.idea .mine[mine] .picked[i.picked] {
                            span.text dir="auto" { (i.text) }
                            @if i.picked { " " span.badge { "✓ Chosen" } }
                            @if let Some(n) = &i.author_name { span.hint { " — " bdi { (n) } } }
                            @if judging {
                                " "
                                @let merited = v.my_merits.contains(&i.id);
                                (cmd_form(c.journey_id, s.id, c.csrf, "toggle_merit", html! { input type="hidden" name="idea_id" value=(i.id); },
                                    html! { button.small.quiet.toggle type="submit" aria-pressed=(merited.to_string()) { @if merited { "✓ Merit · " } @else { "+1 merit · " } (i.merits) } }))
                                @if c.facilitator {
                                    (cmd_form(c.journey_id, s.id, c.csrf, "pick_idea", html! {
                                        input type="hidden" name="idea_id" value=(i.id);
                                        input type="hidden" name="picked" value=(if i.picked { "false" } else { "true" });
                                    }, html! { button.small.quiet.toggle type="submit" aria-pressed=(i.picked.to_string()) { @if i.picked { "Unchoose" } @else { "Choose" } } }))
                                }
                            } @else if mine {
                                (cmd_form(c.journey_id, s.id, c.csrf, "remove_idea", html! { input type="hidden" name="id" value=(i.id); },
                                    html! { button.small.quiet type="submit" { "Remove" } }))
                            }
                        }
                    }
                }
                @if !judging && c.can_take_part {
                    form.add-idea method="post" action={"/j/" (c.journey_id) "/sessions/" (s.id)} data-fetch data-reset {
                        input type="hidden" name="_csrf" value=(c.csrf);
                        input type="hidden" name="op" value="add_idea";
                        input type="hidden" name="moment_id" value=(m);
                        label.sr-only for={"idea-" (m)} { "New idea" }
                        input id={"idea-" (m)} name="text" dir="auto" required maxlength="500" placeholder="Any idea is welcome…" autocomplete="off";
                        button type="submit" { "Add idea" }
                    }
                }
            }
        }
    }
}

fn action_line(c: &PanelCtx<'_>, a: &Action) -> Markup {
    html! {
        strong dir="auto" { (a.what) }
        // One span, so the <bdi> is not a flex item of its own (the list
        // items are flex rows).
        span { " — " bdi { (a.owner_name) }
            @if let Some(d) = a.due_on { ", by " (date::format(d)) }
            @if let (Some(f), Some(t)) = (a.target_from, a.target_to) { " (" (f.label()) " → " (t.label()) ")" }
        }
        @if let Some(m) = a.moment_id { span.hint { " · " bdi { (title_of(c.moments, m)) } } }
        " " span class={"status s-" (a.status.key())} { (a.status.key()) }
        @if !a.steps.is_empty() {
            ol.steps {
                @for st in &a.steps {
                    li { span { bdi { (st.text) } @if let Some(d) = st.target_on { " — by " (date::format(d)) } @if !st.measure.is_empty() { " (" bdi { (st.measure) } ")" } } }
                }
            }
        }
    }
}

fn select_plan(c: &PanelCtx<'_>, v: &SessionView) -> Markup {
    let s = &v.session;
    html! {
        (ideas(c, v, true))
        h3 { "Actions" }
        @if v.actions.is_empty() { p.hint { "No actions yet." } }
        ul.actions-list { @for a in &v.actions { li { (action_line(c, a)) } } }
        @if c.facilitator {
            details.action-form open[v.actions.is_empty()] {
                summary { "Plan an action" }
                form method="post" action={"/j/" (c.journey_id) "/sessions/" (s.id)} data-fetch data-reset {
                    input type="hidden" name="_csrf" value=(c.csrf);
                    input type="hidden" name="op" value="save_action";
                    label for="ac-moment" { "For the moment" }
                    select #ac-moment name="moment_id" {
                        @for m in &v.priorities { option value=(m) dir="auto" { (title_of(c.moments, *m)) } }
                    }
                    label for="ac-idea" { "From the idea " span.hint { "(optional)" } }
                    select #ac-idea name="idea_id" {
                        option value="" { "—" }
                        @for i in v.ideas.iter().filter(|i| i.picked) { option value=(i.id) dir="auto" { (i.text) } }
                    }
                    label for="ac-what" { "What" }
                    input #ac-what name="what" dir="auto" required maxlength="500";
                    label for="ac-owner" { "Who " span.hint { "(pick a person of the board, or type any name)" } }
                    input #ac-owner name="owner_name" dir="auto" required maxlength="60" list="ac-people" autocomplete="off";
                    datalist #ac-people {
                        @for name in c.people { option value=(name) {} }
                    }
                    label for="ac-due" { "By when" }
                    input #ac-due name="due_on" type="date" min=(date::format(s.held_on));
                    label for="ac-from" { "Move the rating from" }
                    div.row.fromto {
                        select #ac-from name="target_from" { option value="" { "—" } @for r in Rating::ALL { option value=(r.key()) { (r.label()) } } }
                        label for="ac-to" { "to" }
                        select #ac-to name="target_to" { option value="" { "—" } @for r in Rating::ALL { option value=(r.key()) { (r.label()) } } }
                    }
                    (ladder_rows(s.held_on))
                    button type="submit" { "Save action" }
                }
            }
        }
    }
}

/// Rows shown for a ladder before "More steps" (the rest are folded away,
/// so the form works without the page script, which adds, removes and
/// reorders rows instead).
const LADDER_ROWS_SHOWN: usize = 3;

/// One row of the ladder: the step, its target date and its measure.
fn ladder_row(i: usize, held_on: Date) -> Markup {
    let n = i + 1;
    html! {
        li.step-row data-row=(i) {
            span.step-n { "Step " (n) }
            div.step-fields {
                label.sr-only for={"ac-step-text-" (i)} { "Step " (n) }
                input id={"ac-step-text-" (i)} name="step_text" dir="auto" maxlength="200" placeholder="e.g. Deliver in 10 days" autocomplete="off";
                label.sr-only for={"ac-step-date-" (i)} { "Step " (n) ": target date" }
                input id={"ac-step-date-" (i)} name="step_date" type="date" min=(date::format(held_on));
                label.sr-only for={"ac-step-measure-" (i)} { "Step " (n) ": measure" }
                input id={"ac-step-measure-" (i)} name="step_measure" dir="auto" maxlength="120" placeholder="measure, e.g. delivery time 10 days" autocomplete="off";
            }
        }
    }
}

/// The ladder of small steps of a new action, one row per step.
fn ladder_rows(held_on: Date) -> Markup {
    let limit = mot_core::session::SessionLimits::STEPS;
    html! {
        fieldset.ladder #ac-ladder {
            legend { "Ladder of small steps " span.hint { "(optional; e.g. 14 → 10 → 7 days)" } }
            ol.step-rows {
                @for i in 0..LADDER_ROWS_SHOWN { (ladder_row(i, held_on)) }
            }
            details.more-steps {
                summary { "More steps (up to " (limit) ")" }
                ol.step-rows start=(LADDER_ROWS_SHOWN + 1) {
                    @for i in LADDER_ROWS_SHOWN..limit { (ladder_row(i, held_on)) }
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
            Some(d) => p { "Next session: " strong.date { (date::format(d)) } " · "
                a href={"/j/" (c.journey_id) "/sessions/" (s.id) "/next.ics"} download { "Add to my calendar (.ics)" } },
            None => p.hint { "No follow-up booked yet." },
        }
        @if c.facilitator {
            (cmd_form(c.journey_id, s.id, c.csrf, "book_next", html! {
                label for="next-date" { "Book the next session" }
                input #next-date name="date" type="date" required value=(date::format(s.next_session_on.unwrap_or(default_next)));
            }, html! { button type="submit" { "Book" } }))
        }
        @if !v.priorities.is_empty() {
            h3 { "What we agreed" }
            ul.agreed-list {
                @for m in &v.priorities {
                    li {
                        strong { bdi { (title_of(c.moments, *m)) } }
                        @match v.assessments.get(m).filter(|a| a.rating.is_some() || !a.expectation.is_empty() || !a.reality.is_empty() || !a.issue.is_empty()) {
                            Some(a) => { (agreed(a)) }
                            None => { " " span.hint { "(not agreed yet)" } }
                        }
                    }
                }
            }
        }
        h3 { "Actions" }
        ul.actions-list { @for a in &v.actions { li { (action_line(c, a)) } } }
        p { a.button href={"/j/" (c.journey_id) "/sessions/" (s.id) "/form"} { "Contact planning form" } }
    }
}
