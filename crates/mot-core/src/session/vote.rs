//! Dot votes: a session's settings, voting and taking a dot back, the
//! tally, and the facilitator's confirmed priorities.

use super::phase::require_phase;
use super::{Phase, SessionLimits};
use crate::text::{Msg, RuleError};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    /// How many dots a voter who has placed `placed` still has.
    pub fn dots_left(&self, placed: usize) -> u32 {
        self.vote_limit.saturating_sub(placed as u32)
    }

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

/// The priorities offered to the facilitator in one tap once the dots are
/// revealed: the moments customers' alerts put on the agenda first (in
/// the tally's order), then every other moment with a dot, most dotted
/// first, up to the cap.
pub fn suggested_priorities(tally: &[TallyRow], agenda: &[Id], cap: u32) -> Vec<Id> {
    let on_agenda = |id: Id| agenda.contains(&id);
    tally
        .iter()
        .filter(|r| on_agenda(r.moment_id))
        .chain(
            tally
                .iter()
                .filter(|r| !on_agenda(r.moment_id) && r.votes > 0),
        )
        .map(|r| r.moment_id)
        .take(cap as usize)
        .collect()
}

/// The facilitator's confirmed priorities: at most the cap (none clears them), distinct, on the board.
pub fn check_priorities(selected: &[Id], on_board: &[Id], cap: u32) -> Result<(), RuleError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn suggestions_put_the_agenda_first_then_dotted_moments_up_to_the_cap() {
        // Board order 1..=5; dots: 3 twice, 5 once, 1 once; 2 and 4 none.
        let t = tally(&[1, 2, 3, 4, 5], &[3, 3, 5, 1]);
        // Moment 4 is on the agenda with no dot: it still comes first.
        assert_eq!(suggested_priorities(&t, &[4], 3), vec![4, 3, 1]);
        // No agenda: dotted moments only, never an undotted one.
        assert_eq!(suggested_priorities(&t, &[], 10), vec![3, 1, 5]);
        assert_eq!(suggested_priorities(&t, &[], 0), Vec::<Id>::new());
        assert!(suggested_priorities(&tally(&[1, 2], &[]), &[], 3).is_empty());
    }

    #[test]
    fn dots_left_count_down_to_zero_and_not_below() {
        let s = SessionSettings {
            vote_limit: 3,
            ..Default::default()
        };
        assert_eq!([0, 1, 3, 4].map(|n| s.dots_left(n)), [3, 2, 0, 0]);
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
        assert!(
            check_priorities(&[], &[1], 5).is_ok(),
            "no priorities: the last star taken off"
        );
        assert!(check_priorities(&[1, 2, 3], &[1, 2, 3], 2).is_err());
        assert!(check_priorities(&[1, 1], &[1, 2], 5).is_err());
        assert!(check_priorities(&[9], &[1, 2], 5).is_err());
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
