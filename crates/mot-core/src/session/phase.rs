//! The phases a facilitator leads a team through, who may lead, and where
//! a session may start.

use crate::access::{Actor, Role};
use crate::text::{Msg, RuleError};
use crate::Id;
use serde::{Deserialize, Serialize};

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

/// `doing` is the catalogue key of what is refused (`rule-doing-vote`).
pub(super) fn require_phase(
    current: Phase,
    needed: Phase,
    doing: &'static str,
) -> Result<(), RuleError> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
