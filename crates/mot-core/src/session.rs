//! The five-step session: phases, dot votes, ratings against expectation,
//! ideas under the no-criticism rule, actions with ladders of small steps,
//! and how ratings move from one session to the next.

use crate::access::{Actor, Author, Role};
use crate::text::{Msg, RuleError};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::Date;

/// The phases a facilitator leads the team through, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Capture,
    ColourCode,
    Prioritise,
    Assess,
    Ideas,
    SelectPlan,
    WrapUp,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Capture,
        Phase::ColourCode,
        Phase::Prioritise,
        Phase::Assess,
        Phase::Ideas,
        Phase::SelectPlan,
        Phase::WrapUp,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Phase::Capture => "capture",
            Phase::ColourCode => "colour_code",
            Phase::Prioritise => "prioritise",
            Phase::Assess => "assess",
            Phase::Ideas => "ideas",
            Phase::SelectPlan => "select_plan",
            Phase::WrapUp => "wrap_up",
        }
    }

    pub fn from_key(key: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Capture => "Capture",
            Phase::ColourCode => "Colour-code",
            Phase::Prioritise => "Prioritise",
            Phase::Assess => "Assess",
            Phase::Ideas => "Ideas",
            Phase::SelectPlan => "Select & plan",
            Phase::WrapUp => "Wrap-up",
        }
    }

    /// The catalogue key of the name shown to people (`session-step-assess`).
    pub fn label_key(self) -> &'static str {
        match self {
            Phase::Capture => "session-step-capture",
            Phase::ColourCode => "session-step-colour-code",
            Phase::Prioritise => "session-step-prioritise",
            Phase::Assess => "session-step-assess",
            Phase::Ideas => "session-step-ideas",
            Phase::SelectPlan => "session-step-select-plan",
            Phase::WrapUp => "session-step-wrap-up",
        }
    }

    /// What participants do in this phase, in one sentence.
    pub fn instruction(self) -> &'static str {
        match self {
            Phase::Capture => "Write every point where a customer meets the business on a note, in the order it happens.",
            Phase::ColourCode => "Give each note its channel: how the customer meets the business there.",
            Phase::Prioritise => "Put your dots on the moments that matter most. Votes stay hidden until the facilitator reveals them.",
            Phase::Assess => "For each priority moment: what do customers expect, what happens now, and is it Miserable, Neutral or Magical?",
            Phase::Ideas => "Every idea is welcome, however outlandish. No criticism while ideas flow.",
            Phase::SelectPlan => "Discuss which ideas have merit, and turn the chosen ones into actions: who does what by when.",
            Phase::WrapUp => "Book the next session and take away the contact planning form.",
        }
    }

    pub fn index(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Phase> {
        Phase::ALL.get(self.index() + 1).copied()
    }

    pub fn prev(self) -> Option<Phase> {
        self.index().checked_sub(1).map(|i| Phase::ALL[i])
    }
}

/// Who may lead a session: owners and facilitators.
pub fn may_facilitate(actor: Actor) -> Result<(), RuleError> {
    match actor {
        Actor::Member {
            role: Role::Owner | Role::Facilitator,
            ..
        } => Ok(()),
        _ => Err(RuleError::Forbidden(Msg::new("rule-facilitator-only"))),
    }
}

/// A facilitator's move to another phase. `expected` is the phase the
/// facilitator saw: if someone else moved meanwhile, the move is refused, so
/// two facilitators clicking at once end in one consistent phase.
pub fn check_phase_change(current: Phase, expected: Phase, target: Phase) -> Result<(), RuleError> {
    if current != expected {
        return Err(RuleError::Conflict(
            Msg::new("rule-phase-moved").key_arg("phase", current.label_key()),
        ));
    }
    let (a, b) = (current.index() as i64, target.index() as i64);
    if (a - b).abs() != 1 {
        return Err(RuleError::invalid("phase", Msg::new("rule-phase-one-step")));
    }
    Ok(())
}

/// Where a facilitator may start a session. Capture needs nothing; a team
/// whose notes already exist may skip ahead: Colour-code and Prioritise need
/// moments on the board, and Assess or later also need priorities, carried
/// over from the journey's last session (`carried` of them).
pub fn check_start_phase(start: Phase, moments: usize, carried: usize) -> Result<(), RuleError> {
    if start == Phase::Capture {
        return Ok(());
    }
    if moments == 0 {
        return Err(RuleError::Conflict(
            Msg::new("rule-start-needs-moments").key_arg("phase", start.label_key()),
        ));
    }
    if start > Phase::Prioritise && carried == 0 {
        return Err(RuleError::Conflict(
            Msg::new("rule-start-needs-priorities").key_arg("phase", start.label_key()),
        ));
    }
    Ok(())
}

/// The priorities a session that starts at Assess or later takes over: the
/// last session's, in their order, still on the board, at most `cap`.
pub fn carry_priorities(previous: &[Id], on_board: &[Id], cap: u32) -> Vec<Id> {
    previous
        .iter()
        .filter(|m| on_board.contains(m))
        .take(cap as usize)
        .copied()
        .collect()
}

/// Settings of one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSettings {
    /// Dots per person (1–10).
    pub vote_limit: u32,
    /// Whether a person may put several dots on one moment.
    pub multi_vote: bool,
    /// How many priorities the team may choose (1–8).
    pub priority_cap: u32,
    /// Whether ideas are shown without their authors' names.
    pub anonymous_ideas: bool,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            vote_limit: 5,
            multi_vote: false,
            priority_cap: 5,
            anonymous_ideas: false,
        }
    }
}

impl SessionSettings {
    pub fn checked(self) -> Result<SessionSettings, RuleError> {
        if !(1..=SessionLimits::VOTE_LIMIT).contains(&self.vote_limit) {
            return Err(RuleError::invalid(
                "vote_limit",
                Msg::new("rule-between-one-and").arg("max", SessionLimits::VOTE_LIMIT),
            ));
        }
        if !(1..=SessionLimits::PRIORITY_CAP).contains(&self.priority_cap) {
            return Err(RuleError::invalid(
                "priority_cap",
                Msg::new("rule-between-one-and").arg("max", SessionLimits::PRIORITY_CAP),
            ));
        }
        Ok(self)
    }
}

/// `doing` is the catalogue key of what is refused (`rule-doing-vote`).
fn require_phase(current: Phase, needed: Phase, doing: &'static str) -> Result<(), RuleError> {
    if current != needed {
        return Err(RuleError::Conflict(
            Msg::new("rule-wrong-phase")
                .key_arg("doing", doing)
                .key_arg("needed", needed.label_key())
                .key_arg("current", current.label_key()),
        ));
    }
    Ok(())
}

/// A dot vote. `mine` are the moments the voter has dots on (one entry per dot).
pub fn check_vote(
    phase: Phase,
    revealed: bool,
    settings: &SessionSettings,
    mine: &[Id],
    moment: Id,
) -> Result<(), RuleError> {
    require_phase(phase, Phase::Prioritise, "rule-doing-vote")?;
    if revealed {
        return Err(RuleError::Conflict(Msg::new("rule-votes-revealed")));
    }
    if mine.len() as u32 >= settings.vote_limit {
        return Err(RuleError::Conflict(
            Msg::new("rule-dots-used").arg("limit", settings.vote_limit),
        ));
    }
    if !settings.multi_vote && mine.contains(&moment) {
        return Err(RuleError::Conflict(Msg::new("rule-dot-already")));
    }
    Ok(())
}

/// Taking back one dot.
pub fn check_unvote(
    phase: Phase,
    revealed: bool,
    mine: &[Id],
    moment: Id,
) -> Result<(), RuleError> {
    require_phase(phase, Phase::Prioritise, "rule-doing-unvote")?;
    if revealed {
        return Err(RuleError::Conflict(Msg::new("rule-votes-revealed")));
    }
    if !mine.contains(&moment) {
        return Err(RuleError::Conflict(Msg::new("rule-no-dot")));
    }
    Ok(())
}

/// One line of the vote tally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyRow {
    pub moment_id: Id,
    pub votes: u32,
    /// 1 for the most votes; equal counts share a rank (1, 2, 2, 4).
    pub rank: u32,
    /// Whether another moment has the same count.
    pub tied: bool,
}

/// Ranks moments by dots. Ties are shown, not silently broken; within a tie,
/// moments keep their board order (`moments` is in board order).
pub fn tally(moments: &[Id], votes: &[Id]) -> Vec<TallyRow> {
    let mut counts: HashMap<Id, u32> = HashMap::new();
    for v in votes {
        *counts.entry(*v).or_default() += 1;
    }
    let mut rows: Vec<(usize, Id, u32)> = moments
        .iter()
        .enumerate()
        .map(|(i, m)| (i, *m, counts.get(m).copied().unwrap_or(0)))
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut out: Vec<TallyRow> = Vec::with_capacity(rows.len());
    for (i, (_, id, n)) in rows.iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.votes == *n => prev.rank,
            _ => i as u32 + 1,
        };
        out.push(TallyRow {
            moment_id: *id,
            votes: *n,
            rank,
            tied: false,
        });
    }
    let mut per_count: HashMap<u32, usize> = HashMap::new();
    for r in &out {
        *per_count.entry(r.votes).or_default() += 1;
    }
    for r in &mut out {
        r.tied = per_count[&r.votes] > 1;
    }
    out
}

/// The facilitator's confirmed priorities: 1 to the cap, distinct, on the board.
pub fn check_priorities(selected: &[Id], on_board: &[Id], cap: u32) -> Result<(), RuleError> {
    if selected.is_empty() {
        return Err(RuleError::invalid(
            "priorities",
            Msg::new("rule-priorities-none"),
        ));
    }
    if selected.len() as u32 > cap {
        return Err(RuleError::invalid(
            "priorities",
            Msg::new("rule-priorities-too-many").arg("cap", cap),
        ));
    }
    let mut seen = selected.to_vec();
    seen.sort();
    seen.dedup();
    if seen.len() != selected.len() {
        return Err(RuleError::invalid(
            "priorities",
            Msg::new("rule-priorities-twice"),
        ));
    }
    if let Some(x) = selected.iter().find(|s| !on_board.contains(s)) {
        return Err(RuleError::invalid(
            "priorities",
            // An id, not a quantity: shown as it is, never grouped.
            Msg::new("rule-priorities-not-on-board").arg("moment", x.to_string()),
        ));
    }
    Ok(())
}

/// How a moment meets customers' expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Does not meet the expectation.
    Miserable,
    /// Meets it.
    Neutral,
    /// Exceeds it.
    Magical,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Miserable, Rating::Neutral, Rating::Magical];
    pub fn key(self) -> &'static str {
        match self {
            Rating::Miserable => "miserable",
            Rating::Neutral => "neutral",
            Rating::Magical => "magical",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Rating::Miserable => "Miserable",
            Rating::Neutral => "Neutral",
            Rating::Magical => "Magical",
        }
    }
    pub fn from_key(key: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// How a team's private ratings of one moment spread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spread {
    pub miserable: u32,
    pub neutral: u32,
    pub magical: u32,
}

impl Spread {
    pub fn of(ratings: &[Rating]) -> Spread {
        let mut s = Spread::default();
        for r in ratings {
            match r {
                Rating::Miserable => s.miserable += 1,
                Rating::Neutral => s.neutral += 1,
                Rating::Magical => s.magical += 1,
            }
        }
        s
    }

    pub fn total(&self) -> u32 {
        self.miserable + self.neutral + self.magical
    }

    /// The team disagrees when the same moment is rated both Miserable and
    /// Magical: that is information, and worth discussing.
    pub fn disagreement(&self) -> bool {
        self.miserable > 0 && self.magical > 0
    }

    /// The rating most people gave, when one has a strict majority of votes cast.
    pub fn majority(&self) -> Option<Rating> {
        let t = self.total();
        [
            (Rating::Miserable, self.miserable),
            (Rating::Neutral, self.neutral),
            (Rating::Magical, self.magical),
        ]
        .into_iter()
        .find(|(_, n)| 2 * n > t)
        .map(|(r, _)| r)
    }
}

/// What the facilitator's agreed text starts from, once the ratings are
/// revealed: the team's distinct answers, one per line, in the order given,
/// as many whole answers as fit in `limit` characters.
pub fn prefill<'a>(answers: impl IntoIterator<Item = &'a str>, limit: usize) -> String {
    let mut out = String::new();
    let mut seen: Vec<&str> = Vec::new();
    for a in answers {
        let a = a.trim();
        if a.is_empty() || seen.contains(&a) {
            continue;
        }
        seen.push(a);
        let len = out.chars().count() + usize::from(!out.is_empty()) + a.chars().count();
        if len > limit {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(a);
    }
    out
}

/// A private rating can be given in the Assess phase, on a priority moment,
/// until the ratings are revealed.
pub fn check_rating(phase: Phase, revealed: bool, is_priority: bool) -> Result<(), RuleError> {
    require_phase(phase, Phase::Assess, "rule-doing-rate")?;
    if !is_priority {
        return Err(RuleError::invalid(
            "moment_id",
            Msg::new("rule-not-priority-in-session"),
        ));
    }
    if revealed {
        return Err(RuleError::Conflict(Msg::new("rule-ratings-revealed")));
    }
    Ok(())
}

/// Adding an idea: in the Ideas phase, on a priority moment.
pub fn check_add_idea(phase: Phase, is_priority: bool) -> Result<(), RuleError> {
    require_phase(phase, Phase::Ideas, "rule-doing-add-ideas")?;
    if !is_priority {
        return Err(RuleError::invalid(
            "moment_id",
            Msg::new("rule-ideas-for-priorities"),
        ));
    }
    Ok(())
}

/// Editing or deleting an idea. While ideas flow nobody touches another
/// person's idea — not even the facilitator; afterwards only its author or a
/// facilitator may.
pub fn check_change_idea(phase: Phase, actor: Actor, idea_author: Author) -> Result<(), RuleError> {
    let own = actor.author() == idea_author;
    match phase {
        Phase::Ideas if own => Ok(()),
        Phase::Ideas => Err(RuleError::Forbidden(Msg::new(
            "rule-ideas-no-criticism-change",
        ))),
        Phase::SelectPlan | Phase::WrapUp if own || may_facilitate(actor).is_ok() => Ok(()),
        Phase::SelectPlan | Phase::WrapUp => {
            Err(RuleError::Forbidden(Msg::new("rule-idea-author-only")))
        }
        _ => Err(RuleError::Conflict(
            Msg::new("rule-ideas-change-phase").key_arg("phase", phase.label_key()),
        )),
    }
}

/// Voting on or commenting on ideas waits until ideas stop flowing.
pub fn check_judge_idea(phase: Phase) -> Result<(), RuleError> {
    if phase == Phase::Ideas {
        return Err(RuleError::Conflict(Msg::new(
            "rule-ideas-no-criticism-merit",
        )));
    }
    require_phase(phase, Phase::SelectPlan, "rule-doing-mark-merit")
}

/// An action's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Doing,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::Doing,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];
    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Doing => "doing",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
    pub fn from_key(key: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.key() == key)
    }
    /// Whether the action still needs work (shown in the next session's review).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::Doing)
    }
}

/// One small step of an action's ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepDraft {
    #[cfg_attr(feature = "openapi", schema(schema_with = fields::step))]
    pub text: String,
    #[serde(default, with = "crate::date::iso_opt")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::date_or_null))]
    pub target_date: Option<Date>,
    /// A measurable target, e.g. "delivery time: 10 days".
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = fields::measure))]
    pub measure: String,
}

/// The name a step of a ladder goes by in error messages ("step 2"), so a
/// person is told which row is at fault. Steps past the limit share the last
/// name (they are refused before their rows are read).
pub fn step_field(index: usize) -> &'static str {
    const NAMES: [&str; SessionLimits::STEPS] = [
        "step 1", "step 2", "step 3", "step 4", "step 5", "step 6", "step 7", "step 8", "step 9",
        "step 10", "step 11", "step 12",
    ];
    NAMES[index.min(NAMES.len() - 1)]
}

/// The step's own words, at most 40 characters, quoted after a message
/// about it so the row is found even when the numbering skips a blank row
/// (`Deliver in 7 days`); `None` for a step without words.
pub fn step_excerpt(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let mut short: String = t.chars().take(40).collect();
    if t.chars().count() > 40 {
        short.push('…');
    }
    Some(short)
}

/// A message about a step: `plain`, or `quoted` with the step's words as
/// `step` when it has any (each language quotes in its own marks).
fn step_msg(plain: &'static str, quoted: &'static str, text: &str) -> Msg {
    match step_excerpt(text) {
        None => Msg::new(plain),
        Some(words) => Msg::new(quoted).arg("step", words),
    }
}

/// A step's measure refused by the text rules: the same problem, said of
/// "its measure" (the field is the step's).
fn measure_error(e: RuleError) -> RuleError {
    match e {
        RuleError::Invalid { field, msg } => {
            let key = match msg.key {
                "rule-too-long" => "rule-measure-too-long",
                "rule-control-char" => "rule-measure-control-char",
                other => other,
            };
            RuleError::Invalid {
                field,
                msg: Msg { key, ..msg },
            }
        }
        other => other,
    }
}

/// An action's dates and ladder: due on or after the session; a ladder, when
/// given, has steps, each dated on or after the session, in order.
pub fn check_action_plan(
    session_date: Date,
    due: Option<Date>,
    ladder: Option<&[StepDraft]>,
) -> Result<(), RuleError> {
    if let Some(d) = due {
        if d < session_date {
            return Err(RuleError::invalid(
                "due",
                Msg::new("rule-due-before-session").arg("date", session_date.to_string()),
            ));
        }
    }
    if let Some(steps) = ladder {
        if steps.is_empty() {
            return Err(RuleError::invalid("steps", Msg::new("rule-ladder-empty")));
        }
        let mut last: Option<Date> = None;
        for (i, s) in steps.iter().enumerate() {
            let field = step_field(i);
            if s.text.trim().is_empty() {
                return Err(RuleError::invalid(field, Msg::new("rule-step-no-text")));
            }
            if let Some(d) = s.target_date {
                if d < session_date {
                    return Err(RuleError::invalid(
                        field,
                        step_msg(
                            "rule-step-before-session",
                            "rule-step-before-session-quoted",
                            &s.text,
                        )
                        .arg("date", session_date.to_string()),
                    ));
                }
                if last.is_some_and(|l| d < l) {
                    return Err(RuleError::invalid(
                        field,
                        step_msg(
                            "rule-step-before-previous",
                            "rule-step-before-previous-quoted",
                            &s.text,
                        ),
                    ));
                }
                last = Some(d);
            }
        }
    }
    Ok(())
}

/// The next session is booked for a day after today.
pub fn check_next_session(today: Date, date: Date) -> Result<(), RuleError> {
    if date <= today {
        return Err(RuleError::invalid(
            "next_session",
            Msg::new("rule-next-session-future"),
        ));
    }
    Ok(())
}

/// The default follow-up: three weeks after the session.
pub fn default_next_session(session_date: Date) -> Date {
    session_date.saturating_add(time::Duration::days(21))
}

/// How a moment's agreed rating moved since the last session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub from: Rating,
    pub to: Rating,
}

impl Movement {
    pub fn between(from: Option<Rating>, to: Option<Rating>) -> Option<Movement> {
        Some(Movement {
            from: from?,
            to: to?,
        })
    }
    /// +1 better, 0 same, −1 worse.
    pub fn direction(&self) -> i8 {
        (self.to as i8 - self.from as i8).signum()
    }
    pub fn describe(&self) -> String {
        format!("{} → {}", self.from.label(), self.to.label())
    }
}

/// Delight turns into expectation: a moment rated Magical in two sessions in
/// a row should be re-assessed. `history` is the agreed ratings, oldest first,
/// one per session that rated the moment.
pub fn magic_may_now_be_expected(history: &[Rating]) -> bool {
    matches!(history, [.., Rating::Magical, Rating::Magical])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::MsgArg;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn phases_run_in_order_and_move_one_step_at_a_time() {
        assert_eq!(Phase::Capture.next(), Some(Phase::ColourCode));
        assert_eq!(Phase::WrapUp.next(), None);
        assert_eq!(Phase::Capture.prev(), None);
        assert!(check_phase_change(Phase::Assess, Phase::Assess, Phase::Ideas).is_ok());
        assert!(check_phase_change(Phase::Assess, Phase::Assess, Phase::Prioritise).is_ok());
        assert!(check_phase_change(Phase::Assess, Phase::Assess, Phase::WrapUp).is_err());
        assert!(check_phase_change(Phase::Assess, Phase::Assess, Phase::Assess).is_err());
        for p in Phase::ALL {
            assert_eq!(Phase::from_key(p.key()), Some(p));
        }
    }

    #[test]
    fn a_stale_phase_change_is_refused_so_two_facilitators_agree() {
        // Facilitator A moved Assess → Ideas; B still sees Assess and clicks "back".
        let e = check_phase_change(Phase::Ideas, Phase::Assess, Phase::Prioritise).unwrap_err();
        assert!(matches!(e, RuleError::Conflict(_)));
    }

    #[test]
    fn votes_need_the_prioritise_phase_and_respect_the_limit() {
        let s = SessionSettings {
            vote_limit: 2,
            ..Default::default()
        };
        assert!(check_vote(Phase::Assess, false, &s, &[], 1).is_err());
        assert!(check_vote(Phase::Prioritise, false, &s, &[], 1).is_ok());
        assert!(
            check_vote(Phase::Prioritise, false, &s, &[1], 1).is_err(),
            "one dot per moment by default"
        );
        assert!(
            check_vote(Phase::Prioritise, false, &s, &[1, 2], 3).is_err(),
            "limit reached"
        );
        assert!(
            check_vote(Phase::Prioritise, true, &s, &[], 3).is_err(),
            "closed after reveal"
        );
        let multi = SessionSettings {
            multi_vote: true,
            ..s
        };
        assert!(check_vote(Phase::Prioritise, false, &multi, &[1], 1).is_ok());
    }

    proptest! {
        /// Whatever sequence of votes and unvotes a person tries, the dots the
        /// rules accept never exceed the limit, nor (without multi-vote) two on one moment.
        #[test]
        fn accepted_votes_never_exceed_the_limit(
            limit in 1u32..=10,
            multi in any::<bool>(),
            ops in proptest::collection::vec((any::<bool>(), 0i64..6), 0..60),
        ) {
            let s = SessionSettings { vote_limit: limit, multi_vote: multi, ..Default::default() };
            let mut mine: Vec<Id> = Vec::new();
            for (add, m) in ops {
                if add {
                    if check_vote(Phase::Prioritise, false, &s, &mine, m).is_ok() { mine.push(m); }
                } else if check_unvote(Phase::Prioritise, false, &mine, m).is_ok() {
                    let i = mine.iter().position(|x| *x == m).unwrap();
                    mine.remove(i);
                }
                prop_assert!(mine.len() as u32 <= limit);
                if !multi {
                    let mut d = mine.clone(); d.sort(); d.dedup();
                    prop_assert_eq!(d.len(), mine.len());
                }
            }
        }

        #[test]
        fn the_tally_counts_every_vote_and_ranks_consistently(
            votes in proptest::collection::vec(0i64..8, 0..80),
        ) {
            let moments: Vec<Id> = (0..8).collect();
            let t = tally(&moments, &votes);
            prop_assert_eq!(t.len(), 8);
            prop_assert_eq!(t.iter().map(|r| r.votes as usize).sum::<usize>(), votes.len());
            for w in t.windows(2) {
                prop_assert!(w[0].votes >= w[1].votes);
                prop_assert!(w[0].rank <= w[1].rank);
                prop_assert_eq!(w[0].votes == w[1].votes, w[0].rank == w[1].rank);
            }
        }
    }

    #[test]
    fn ties_are_shown_not_broken() {
        // Moments 10, 20, 30, 40 on the board; 20 and 30 tie for second.
        let t = tally(&[10, 20, 30, 40], &[10, 10, 10, 20, 20, 30, 30]);
        let got: Vec<_> = t
            .iter()
            .map(|r| (r.moment_id, r.votes, r.rank, r.tied))
            .collect();
        assert_eq!(
            got,
            [
                (10, 3, 1, false),
                (20, 2, 2, true),
                (30, 2, 2, true),
                (40, 0, 4, false)
            ]
        );
    }

    #[test]
    fn priorities_are_capped_distinct_and_on_the_board() {
        assert!(check_priorities(&[1, 2], &[1, 2, 3], 5).is_ok());
        assert!(check_priorities(&[], &[1], 5).is_err());
        assert!(check_priorities(&[1, 2, 3], &[1, 2, 3], 2).is_err());
        assert!(check_priorities(&[1, 1], &[1, 2], 5).is_err());
        assert!(check_priorities(&[9], &[1, 2], 5).is_err());
    }

    #[test]
    fn a_spread_with_miserable_and_magical_is_flagged_for_discussion() {
        use Rating::*;
        let s = Spread::of(&[Miserable, Neutral, Magical]);
        assert!(s.disagreement());
        assert_eq!(s.majority(), None);
        let s = Spread::of(&[Neutral, Neutral, Magical]);
        assert!(!s.disagreement());
        assert_eq!(s.majority(), Some(Neutral));
    }

    #[test]
    fn ratings_are_private_to_the_assess_phase_and_priorities() {
        assert!(check_rating(Phase::Assess, false, true).is_ok());
        assert!(check_rating(Phase::Ideas, false, true).is_err());
        assert!(check_rating(Phase::Assess, false, false).is_err());
        assert!(check_rating(Phase::Assess, true, true).is_err());
    }

    #[test]
    fn nobody_changes_another_persons_idea_while_ideas_flow() {
        let facilitator = Actor::Member {
            user_id: 1,
            role: Role::Facilitator,
        };
        let guest = Actor::Guest {
            guest_id: 7,
            journey_id: 1,
        };
        assert!(check_change_idea(Phase::Ideas, guest, Author::Guest(7)).is_ok());
        assert!(check_change_idea(Phase::Ideas, guest, Author::Guest(8)).is_err());
        assert!(check_change_idea(Phase::Ideas, facilitator, Author::Guest(8)).is_err());
        assert!(check_change_idea(Phase::SelectPlan, facilitator, Author::Guest(8)).is_ok());
        assert!(check_change_idea(Phase::SelectPlan, guest, Author::Guest(8)).is_err());
        assert!(check_judge_idea(Phase::Ideas).is_err());
        assert!(check_judge_idea(Phase::SelectPlan).is_ok());
        assert!(check_add_idea(Phase::Ideas, true).is_ok());
        assert!(check_add_idea(Phase::SelectPlan, true).is_err());
    }

    #[test]
    fn action_dates_and_ladders_are_checked() {
        let day = date!(2026 - 11 - 25);
        let step = |t: &str, d| StepDraft {
            text: t.into(),
            target_date: d,
            measure: String::new(),
        };
        assert!(check_action_plan(day, Some(date!(2026 - 11 - 24)), None).is_err());
        assert!(check_action_plan(day, Some(day), None).is_ok());
        assert!(
            check_action_plan(day, None, Some(&[])).is_err(),
            "a ladder with no steps"
        );
        let ladder = [
            step("10 days", Some(date!(2027 - 01 - 01))),
            step("7 days", Some(date!(2027 - 06 - 01))),
            step("money-back guarantee if not in 7", None),
        ];
        assert!(check_action_plan(day, None, Some(&ladder)).is_ok());
        let backwards = [
            step("a", Some(date!(2027 - 06 - 01))),
            step("b", Some(date!(2027 - 01 - 01))),
        ];
        assert!(check_action_plan(day, None, Some(&backwards)).is_err());
        assert!(check_action_plan(day, None, Some(&[step(" ", None)])).is_err());
    }

    #[test]
    fn a_refused_ladder_names_the_step_at_fault() {
        let day = date!(2026 - 11 - 25);
        let step = |t: &str, d| StepDraft {
            text: t.into(),
            target_date: d,
            measure: String::new(),
        };
        let backwards = [
            step("a", Some(date!(2027 - 06 - 01))),
            step("b", Some(date!(2027 - 01 - 01))),
        ];
        let err = check_action_plan(day, None, Some(&backwards)).unwrap_err();
        assert_eq!(
            err,
            RuleError::invalid(
                "step 2",
                Msg::new("rule-step-before-previous-quoted").arg("step", "b")
            )
        );
        let early = [
            step("a", None),
            step("b", None),
            step("c", Some(date!(2026 - 11 - 01))),
        ];
        let err = check_action_plan(day, None, Some(&early)).unwrap_err();
        assert_eq!(
            err,
            RuleError::invalid(
                "step 3",
                Msg::new("rule-step-before-session-quoted")
                    .arg("step", "c")
                    .arg("date", "2026-11-25")
            )
        );
        let cmd = SessionCommand::SaveAction {
            id: None,
            moment_id: None,
            idea_id: None,
            what: "Faster delivery".into(),
            owner_user_id: None,
            owner_name: "Sam".into(),
            due_on: None,
            target_from: None,
            target_to: None,
            status: ActionStatus::Open,
            steps: Some(vec![
                step("a", None),
                step(&"x".repeat(SessionLimits::STEP + 1), None),
            ]),
        };
        let err = cmd.normalised().unwrap_err();
        assert!(
            matches!(&err, RuleError::Invalid { field: "step 2", msg }
                if msg.key == "rule-too-long" && msg.args[0] == ("length", MsgArg::Int(201))),
            "{err}"
        );
        assert_eq!(step_field(0), "step 1");
        assert_eq!(step_field(SessionLimits::STEPS - 1), "step 12");
    }

    #[test]
    fn the_next_session_is_in_the_future_three_weeks_on_by_default() {
        let day = date!(2026 - 11 - 25);
        assert_eq!(default_next_session(day), date!(2026 - 12 - 16));
        assert!(check_next_session(day, day).is_err());
        assert!(check_next_session(day, date!(2026 - 11 - 24)).is_err());
        assert!(check_next_session(day, date!(2026 - 11 - 26)).is_ok());
    }

    #[test]
    fn rating_movement_and_magic_decay() {
        use Rating::*;
        let m = Movement::between(Some(Miserable), Some(Neutral)).unwrap();
        assert_eq!(m.direction(), 1);
        assert_eq!(m.describe(), "Miserable → Neutral");
        assert_eq!(
            Movement::between(Some(Magical), Some(Neutral))
                .unwrap()
                .direction(),
            -1
        );
        assert!(Movement::between(None, Some(Neutral)).is_none());
        assert!(magic_may_now_be_expected(&[Neutral, Magical, Magical]));
        assert!(!magic_may_now_be_expected(&[Magical, Neutral, Magical]));
        assert!(!magic_may_now_be_expected(&[Magical]));
    }

    #[test]
    fn a_session_starts_at_any_step_once_the_notes_and_priorities_it_needs_exist() {
        for p in Phase::ALL {
            assert!(
                check_start_phase(p, 3, 2).is_ok(),
                "{p:?} with notes and priorities"
            );
        }
        assert!(check_start_phase(Phase::Capture, 0, 0).is_ok());
        for p in [
            Phase::ColourCode,
            Phase::Prioritise,
            Phase::Assess,
            Phase::WrapUp,
        ] {
            let e = check_start_phase(p, 0, 2).unwrap_err();
            assert_eq!(
                e,
                RuleError::Conflict(
                    Msg::new("rule-start-needs-moments").key_arg("phase", p.label_key())
                ),
                "start at Capture"
            );
        }
        assert!(check_start_phase(Phase::Prioritise, 3, 0).is_ok());
        for p in [
            Phase::Assess,
            Phase::Ideas,
            Phase::SelectPlan,
            Phase::WrapUp,
        ] {
            let e = check_start_phase(p, 3, 0).unwrap_err();
            assert_eq!(
                e,
                RuleError::Conflict(
                    Msg::new("rule-start-needs-priorities").key_arg("phase", p.label_key())
                ),
                "start at Prioritise"
            );
        }
        assert_eq!(carry_priorities(&[5, 9, 2, 7], &[1, 2, 5, 7], 2), [5, 2]);
        assert!(carry_priorities(&[9], &[1], 5).is_empty());
    }

    #[test]
    fn the_agreed_text_starts_from_the_distinct_answers_within_the_limit() {
        assert_eq!(
            prefill([" Quick ", "", "Friendly", "Quick"], 100),
            "Quick\nFriendly"
        );
        assert_eq!(
            prefill(["abcdef", "ghij", "k"], 7),
            "abcdef",
            "whole answers only"
        );
        assert_eq!(prefill(["abc", "toolong", "de"], 6), "abc\nde");
        assert_eq!(prefill(std::iter::empty(), 10), "");
    }

    #[test]
    fn settings_have_bounds() {
        assert!(SessionSettings::default().checked().is_ok());
        assert!(SessionSettings {
            vote_limit: 0,
            ..Default::default()
        }
        .checked()
        .is_err());
        assert!(SessionSettings {
            vote_limit: 11,
            ..Default::default()
        }
        .checked()
        .is_err());
        assert!(SessionSettings {
            priority_cap: 9,
            ..Default::default()
        }
        .checked()
        .is_err());
    }
}

/// A session on a journey, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamSession {
    pub id: Id,
    pub workspace_id: Id,
    pub journey_id: Id,
    pub title: String,
    #[serde(with = "crate::date::iso")]
    pub held_on: Date,
    pub phase: Phase,
    /// When the facilitator's countdown for this phase ends (ms since epoch).
    pub timer_ends_at: Option<crate::Millis>,
    pub settings: SessionSettings,
    pub votes_revealed: bool,
    #[serde(with = "crate::date::iso_opt")]
    pub next_session_on: Option<Date>,
    pub created_at: crate::Millis,
}

/// An idea for improving a priority moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Idea {
    pub id: Id,
    pub session_id: Id,
    pub moment_id: Id,
    pub author: Author,
    pub author_name: String,
    pub text: String,
    pub merits: u32,
    pub picked: bool,
    pub created_at: crate::Millis,
}

/// A step of an action's ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: Id,
    pub text: String,
    #[serde(with = "crate::date::iso_opt")]
    pub target_on: Option<Date>,
    pub measure: String,
    pub done: bool,
}

/// Who does what by when, to move a moment's rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: Id,
    pub journey_id: Id,
    pub session_id: Id,
    pub moment_id: Option<Id>,
    pub idea_id: Option<Id>,
    pub what: String,
    pub owner_user_id: Option<Id>,
    pub owner_name: String,
    #[serde(with = "crate::date::iso_opt")]
    pub due_on: Option<Date>,
    pub target_from: Option<Rating>,
    pub target_to: Option<Rating>,
    pub status: ActionStatus,
    pub steps: Vec<Step>,
    pub updated_at: crate::Millis,
}

/// Limits of session texts, in characters.
pub struct SessionLimits;
impl SessionLimits {
    pub const TITLE: usize = 120;
    pub const IDEA: usize = 500;
    pub const ISSUE: usize = 2_000;
    pub const NOTE: usize = 1_000;
    pub const ACTION: usize = 500;
    pub const OWNER: usize = 60;
    pub const STEP: usize = 200;
    pub const MEASURE: usize = 120;
    pub const STEPS: usize = 12;
    pub const TIMER_SECONDS: u32 = 4 * 3600;
    /// The most dots a person may have (a session's `vote_limit`, from 1).
    pub const VOTE_LIMIT: u32 = 10;
    /// The most priorities a team may choose (a session's `priority_cap`, from 1).
    pub const PRIORITY_CAP: u32 = 8;
}

/// Everything that changes a session. Every entry point turns its input into one of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum SessionCommand {
    ChangePhase {
        expected: Phase,
        target: Phase,
    },
    /// Starts (or with `None` stops) the shared countdown of the current phase.
    SetTimer {
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::timer))]
        seconds: Option<u32>,
    },
    MarkDone {
        done: bool,
    },
    Vote {
        moment_id: Id,
    },
    Unvote {
        moment_id: Id,
    },
    RevealVotes,
    SetPriorities {
        moment_ids: Vec<Id>,
    },
    Rate {
        moment_id: Id,
        rating: Rating,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::note))]
        expectation: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::note))]
        reality: String,
    },
    RevealRatings {
        moment_id: Id,
    },
    /// The agreed rating, and what the team agreed customers expect, what
    /// happens now and the issue; a text left out keeps what was recorded.
    RecordAssessment {
        moment_id: Id,
        rating: Option<Rating>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::issue))]
        issue: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::note))]
        expectation: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::note))]
        reality: Option<String>,
    },
    AddIdea {
        moment_id: Id,
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::idea))]
        text: String,
    },
    EditIdea {
        id: Id,
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::idea))]
        text: String,
    },
    RemoveIdea {
        id: Id,
    },
    ToggleMerit {
        idea_id: Id,
    },
    PickIdea {
        idea_id: Id,
        picked: bool,
    },
    SaveAction {
        #[serde(default)]
        id: Option<Id>,
        #[serde(default)]
        moment_id: Option<Id>,
        #[serde(default)]
        idea_id: Option<Id>,
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::action))]
        what: String,
        #[serde(default)]
        owner_user_id: Option<Id>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::owner))]
        owner_name: String,
        #[serde(default, with = "crate::date::iso_opt")]
        #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::date_or_null))]
        due_on: Option<Date>,
        #[serde(default)]
        target_from: Option<Rating>,
        #[serde(default)]
        target_to: Option<Rating>,
        #[serde(default = "open_status")]
        status: ActionStatus,
        /// A ladder of small steps; leave out for none.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(schema_with = fields::steps))]
        steps: Option<Vec<StepDraft>>,
    },
    SetActionStatus {
        id: Id,
        status: ActionStatus,
    },
    BookNext {
        #[serde(with = "crate::date::iso")]
        #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::date))]
        date: Date,
    },
}

fn open_status() -> ActionStatus {
    ActionStatus::Open
}

/// The schemas of the command fields, from [`SessionLimits`].
#[cfg(feature = "openapi")]
mod fields {
    use super::{SessionLimits, StepDraft};
    use crate::schema;
    use utoipa::openapi::schema::{ArrayBuilder, Object, SchemaType, Type};
    use utoipa::openapi::Array;
    use utoipa::PartialSchema;

    pub fn timer() -> Object {
        let mut o = schema::integer(1, SessionLimits::TIMER_SECONDS.into());
        o.schema_type = SchemaType::from_iter([Type::Integer, Type::Null]);
        o.description = Some("Seconds the countdown runs, or null to stop it.".into());
        o
    }
    pub fn note() -> Object {
        schema::text(SessionLimits::NOTE)
    }
    pub fn issue() -> Object {
        schema::text(SessionLimits::ISSUE)
    }
    pub fn idea() -> Object {
        schema::line_joining_breaks(SessionLimits::IDEA)
    }
    pub fn action() -> Object {
        schema::line(SessionLimits::ACTION)
    }
    pub fn owner() -> Object {
        schema::optional_line(SessionLimits::OWNER)
    }
    pub fn step() -> Object {
        schema::line(SessionLimits::STEP)
    }
    pub fn measure() -> Object {
        schema::text(SessionLimits::MEASURE)
    }
    pub fn steps() -> Array {
        ArrayBuilder::new()
            .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
            .items(StepDraft::schema())
            .max_items(Some(SessionLimits::STEPS))
            .description(Some(
                "A ladder of small steps, in order; null or left out for none.",
            ))
            .build()
    }
}

impl SessionCommand {
    /// Checks and cleans the texts of a command.
    pub fn normalised(self) -> Result<SessionCommand, RuleError> {
        use crate::text::{optional_text, required_line};
        use SessionCommand::*;
        Ok(match self {
            SetTimer { seconds: Some(s) } if s == 0 || s > SessionLimits::TIMER_SECONDS => {
                return Err(RuleError::invalid("seconds", Msg::new("rule-timer-range")))
            }
            Rate {
                moment_id,
                rating,
                expectation,
                reality,
            } => Rate {
                moment_id,
                rating,
                expectation: optional_text("expectation", &expectation, SessionLimits::NOTE)?,
                reality: optional_text("reality", &reality, SessionLimits::NOTE)?,
            },
            RecordAssessment {
                moment_id,
                rating,
                issue,
                expectation,
                reality,
            } => RecordAssessment {
                moment_id,
                rating,
                issue: issue
                    .map(|t| optional_text("issue", &t, SessionLimits::ISSUE))
                    .transpose()?,
                expectation: expectation
                    .map(|t| optional_text("expectation", &t, SessionLimits::NOTE))
                    .transpose()?,
                reality: reality
                    .map(|t| optional_text("reality", &t, SessionLimits::NOTE))
                    .transpose()?,
            },
            AddIdea { moment_id, text } => AddIdea {
                moment_id,
                text: required_line(
                    "text",
                    &text.replace(['\r', '\n'], " "),
                    SessionLimits::IDEA,
                )?,
            },
            EditIdea { id, text } => EditIdea {
                id,
                text: required_line(
                    "text",
                    &text.replace(['\r', '\n'], " "),
                    SessionLimits::IDEA,
                )?,
            },
            SaveAction {
                id,
                moment_id,
                idea_id,
                what,
                owner_user_id,
                owner_name,
                due_on,
                target_from,
                target_to,
                status,
                steps,
            } => {
                let steps = match steps {
                    None => None,
                    Some(list) => {
                        if list.len() > SessionLimits::STEPS {
                            return Err(RuleError::invalid(
                                "steps",
                                Msg::new("rule-too-many-steps").arg("limit", SessionLimits::STEPS),
                            ));
                        }
                        let mut out = Vec::with_capacity(list.len());
                        for (i, s) in list.into_iter().enumerate() {
                            let field = step_field(i);
                            out.push(StepDraft {
                                text: required_line(field, &s.text, SessionLimits::STEP)?,
                                target_date: s.target_date,
                                measure: optional_text(field, &s.measure, SessionLimits::MEASURE)
                                    .map_err(measure_error)?,
                            });
                        }
                        Some(out)
                    }
                };
                let owner_name = owner_name.trim().to_string();
                if owner_user_id.is_none() && owner_name.is_empty() {
                    return Err(RuleError::invalid("owner", Msg::new("rule-owner-missing")));
                }
                SaveAction {
                    id,
                    moment_id,
                    idea_id,
                    what: required_line("what", &what, SessionLimits::ACTION)?,
                    owner_user_id,
                    owner_name: if owner_name.is_empty() {
                        owner_name
                    } else {
                        required_line("owner", &owner_name, SessionLimits::OWNER)?
                    },
                    due_on,
                    target_from,
                    target_to,
                    status,
                    steps,
                }
            }
            other => other,
        })
    }

    /// Whether only the facilitator may send this command.
    pub fn facilitator_only(&self) -> bool {
        use SessionCommand::*;
        matches!(
            self,
            ChangePhase { .. }
                | SetTimer { .. }
                | RevealVotes
                | SetPriorities { .. }
                | RevealRatings { .. }
                | RecordAssessment { .. }
                | PickIdea { .. }
                | SaveAction { .. }
                | SetActionStatus { .. }
                | BookNext { .. }
        )
    }
}

/// A guest or viewer may take part but not lead; checks the facilitator-only commands.
pub fn check_command_allowed(actor: Actor, cmd: &SessionCommand) -> Result<(), RuleError> {
    if let Actor::Member {
        role: Role::Viewer, ..
    } = actor
    {
        return Err(RuleError::Forbidden(Msg::new(
            "rule-viewer-cannot-take-part",
        )));
    }
    if cmd.facilitator_only() {
        may_facilitate(actor)?;
    }
    Ok(())
}

/// One row of the contact planning form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormRow {
    pub moment_id: Id,
    /// Moment of truth.
    pub moment: String,
    pub description: String,
    /// What the team agreed customers expect.
    #[serde(default)]
    pub expectation: String,
    /// What the team agreed happens now.
    #[serde(default)]
    pub reality: String,
    /// Issue / problem.
    pub issue: String,
    /// Ranking: the agreed rating.
    pub ranking: Option<Rating>,
    /// The actions agreed for this moment, one per line, each followed by
    /// its ladder of small steps, in order, one per line (see [`action_text`]).
    pub action: String,
    pub priority: bool,
}

impl FormRow {
    /// The worksheet's "Issue / problem" cell: what customers expect and
    /// what happens now, when agreed, then the issue; just the issue otherwise.
    pub fn issue_text(&self) -> String {
        if self.expectation.is_empty() && self.reality.is_empty() {
            return self.issue.clone();
        }
        [
            ("Customers expect: ", &self.expectation),
            ("What happens now: ", &self.reality),
            ("Issue: ", &self.issue),
        ]
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(label, t)| format!("{label}{t}"))
        .collect::<Vec<_>>()
        .join("\n")
    }
}

/// What a session agreed about one priority moment, as the form shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Agreed {
    pub rating: Option<Rating>,
    pub issue: String,
    pub expectation: String,
    pub reality: String,
}

/// One action as the form's Action cell shows it: "what (who, by when)",
/// then a line per step of its ladder, in order: "  1. step, by date
/// (measure)", with "✓ done" on the steps already taken.
pub fn action_text(a: &Action) -> String {
    let mut s = a.what.clone();
    let mut who = vec![a.owner_name.clone()];
    if let Some(d) = a.due_on {
        who.push(format!("by {}", crate::date::format(d)));
    }
    s.push_str(&format!(" ({})", who.join(", ")));
    for (i, st) in a.steps.iter().enumerate() {
        s.push_str(&format!("\n  {}. {}", i + 1, st.text));
        if let Some(d) = st.target_on {
            s.push_str(&format!(", by {}", crate::date::format(d)));
        }
        if !st.measure.is_empty() {
            s.push_str(&format!(" ({})", st.measure));
        }
        if st.done {
            s.push_str(" ✓ done");
        }
    }
    s
}

/// The rows of one contact type (channel).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormGroup {
    /// The channel's name, or "No channel yet".
    pub channel: String,
    /// The channel's short label ("?" without a channel).
    pub icon: String,
    pub rows: Vec<FormRow>,
}

/// The contact planning form: the session's main output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanningForm {
    pub business: String,
    pub journey: String,
    pub session: String,
    #[serde(with = "crate::date::iso")]
    pub held_on: Date,
    pub groups: Vec<FormGroup>,
}

/// What the form needs to know about one moment on the board.
pub struct FormMoment<'a> {
    pub id: Id,
    pub title: &'a str,
    pub description: &'a str,
    /// The channel's (position, name, icon), if it has one.
    pub channel: Option<(i64, &'a str, &'a str)>,
}

/// Builds the form: one row per moment, grouped by channel as the worksheet
/// does (groups holding priorities first, then by channel order, "No channel
/// yet" last), priority moments first within each group (in priority order),
/// then the board's order.
pub fn build_form(
    business: &str,
    journey: &str,
    session: &TeamSession,
    moments: &[FormMoment<'_>],
    priorities: &[Id],
    assessed: &HashMap<Id, Agreed>,
    actions: &[Action],
) -> PlanningForm {
    let prio_rank = |id: Id| priorities.iter().position(|p| *p == id);
    let mut groups: Vec<(Option<i64>, FormGroup)> = Vec::new();
    for m in moments {
        let key = m.channel.map(|c| c.0);
        let (name, icon) = m.channel.map_or(("No channel yet", "?"), |c| (c.1, c.2));
        let idx = match groups
            .iter()
            .position(|(k, g)| *k == key && g.channel == name)
        {
            Some(i) => i,
            None => {
                groups.push((
                    key,
                    FormGroup {
                        channel: name.to_string(),
                        icon: icon.to_string(),
                        rows: Vec::new(),
                    },
                ));
                groups.len() - 1
            }
        };
        let agreed = assessed.get(&m.id).cloned().unwrap_or_default();
        let action = actions
            .iter()
            .filter(|a| a.moment_id == Some(m.id) && a.status != ActionStatus::Dropped)
            .map(action_text)
            .collect::<Vec<_>>()
            .join("\n");
        groups[idx].1.rows.push(FormRow {
            moment_id: m.id,
            moment: m.title.to_string(),
            description: m.description.to_string(),
            expectation: agreed.expectation,
            reality: agreed.reality,
            issue: agreed.issue,
            ranking: agreed.rating,
            action,
            priority: prio_rank(m.id).is_some(),
        });
    }
    for (_, g) in &mut groups {
        // Stable sort keeps the board's order among equals.
        g.rows
            .sort_by_key(|r| prio_rank(r.moment_id).unwrap_or(usize::MAX));
    }
    groups.sort_by_key(|(k, g)| {
        (
            !g.rows.iter().any(|r| r.priority),
            k.is_none(),
            k.unwrap_or(i64::MAX),
        )
    });
    PlanningForm {
        business: business.to_string(),
        journey: journey.to_string(),
        session: session.title.clone(),
        held_on: session.held_on,
        groups: groups.into_iter().map(|(_, g)| g).collect(),
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_form_groups_by_channel_with_priorities_first() {
        let session = TeamSession {
            id: 1,
            workspace_id: 1,
            journey_id: 1,
            title: "S".into(),
            held_on: date!(2026 - 11 - 25),
            phase: Phase::WrapUp,
            timer_ends_at: None,
            settings: SessionSettings::default(),
            votes_revealed: true,
            next_session_on: None,
            created_at: 0,
        };
        let m = |id, title, channel| FormMoment {
            id,
            title,
            description: "",
            channel,
        };
        let web = Some((10, "Website", "WEB"));
        let f2f = Some((0, "Face-to-face, 1-on-1", "F2F"));
        let moments = [
            m(1, "Finds us", web),
            m(2, "Walks in", f2f),
            m(3, "Pays", f2f),
            m(4, "Gets a letter", None),
            m(5, "Reads reviews", web),
        ];
        let mut assessed = HashMap::new();
        assessed.insert(
            5,
            Agreed {
                rating: Some(Rating::Miserable),
                issue: "Old reviews".into(),
                ..Agreed::default()
            },
        );
        let action = Action {
            id: 1,
            journey_id: 1,
            session_id: 1,
            moment_id: Some(5),
            idea_id: None,
            what: "Answer reviews".into(),
            owner_user_id: None,
            owner_name: "Sam".into(),
            due_on: Some(date!(2026 - 12 - 01)),
            target_from: None,
            target_to: None,
            status: ActionStatus::Open,
            steps: vec![],
            updated_at: 0,
        };
        let form = build_form("B", "J", &session, &moments, &[5, 3], &assessed, &[action]);
        let order: Vec<(&str, Vec<Id>)> = form
            .groups
            .iter()
            .map(|g| {
                (
                    g.channel.as_str(),
                    g.rows.iter().map(|r| r.moment_id).collect(),
                )
            })
            .collect();
        assert_eq!(
            order,
            [
                ("Face-to-face, 1-on-1", vec![3, 2]),
                ("Website", vec![5, 1]),
                ("No channel yet", vec![4])
            ]
        );
        let r = &form.groups[1].rows[0];
        assert_eq!(
            (r.ranking, r.issue.as_str(), r.action.as_str(), r.priority),
            (
                Some(Rating::Miserable),
                "Old reviews",
                "Answer reviews (Sam, by 2026-12-01)",
                true
            )
        );
        assert_eq!(
            r.issue_text(),
            "Old reviews",
            "no labels without an expectation"
        );
    }

    fn step(text: &str, on: Option<Date>, measure: &str, done: bool) -> Step {
        Step {
            id: 0,
            text: text.into(),
            target_on: on,
            measure: measure.into(),
            done,
        }
    }

    #[test]
    fn the_form_carries_the_agreed_expectation_and_each_actions_ladder_in_order() {
        let session = TeamSession {
            id: 1,
            workspace_id: 1,
            journey_id: 1,
            title: "S".into(),
            held_on: date!(2026 - 11 - 25),
            phase: Phase::WrapUp,
            timer_ends_at: None,
            settings: SessionSettings::default(),
            votes_revealed: true,
            next_session_on: None,
            created_at: 0,
        };
        let moments = [FormMoment {
            id: 7,
            title: "Delivery",
            description: "",
            channel: None,
        }];
        let mut assessed = HashMap::new();
        assessed.insert(
            7,
            Agreed {
                rating: Some(Rating::Miserable),
                issue: "Too slow".into(),
                expectation: "A week at most".into(),
                reality: "Two weeks".into(),
            },
        );
        let action = |id, what: &str, steps| Action {
            id,
            journey_id: 1,
            session_id: 1,
            moment_id: Some(7),
            idea_id: None,
            what: what.into(),
            owner_user_id: None,
            owner_name: "Dana".into(),
            due_on: None,
            target_from: None,
            target_to: None,
            status: ActionStatus::Open,
            steps,
            updated_at: 0,
        };
        let ladder = vec![
            step(
                "Deliver in 10 days",
                Some(date!(2027 - 01 - 01)),
                "delivery time 10 days",
                true,
            ),
            step("Deliver in 7 days", Some(date!(2027 - 06 - 01)), "", false),
            step("Money-back guarantee if not in 7", None, "", false),
        ];
        let form = build_form(
            "B",
            "J",
            &session,
            &moments,
            &[7],
            &assessed,
            &[
                action(1, "Deliver faster", ladder),
                action(2, "Call ahead", vec![]),
            ],
        );
        let r = &form.groups[0].rows[0];
        assert_eq!(
            (r.expectation.as_str(), r.reality.as_str()),
            ("A week at most", "Two weeks")
        );
        assert_eq!(
            r.issue_text(),
            "Customers expect: A week at most\nWhat happens now: Two weeks\nIssue: Too slow"
        );
        assert_eq!(
            r.action,
            "Deliver faster (Dana)\n  1. Deliver in 10 days, by 2027-01-01 (delivery time 10 days) ✓ done\n  2. Deliver in 7 days, by 2027-06-01\n  3. Money-back guarantee if not in 7\nCall ahead (Dana)"
        );
    }
}
