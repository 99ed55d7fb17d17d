//! What a committed session change did, as recorded in the board's change log
//! and sent to every client watching the board (inside a [`crate::LiveEvent`]).

use super::{Action, Phase, Rating, Spread, TallyRow, TeamSession};
use crate::{Id, Millis};
use serde::{Deserialize, Serialize};

/// A change to the five-step session on a journey. Its `type` tags are
/// disjoint from [`crate::BoardEvent`]'s, so both share one flat wire format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SessionEvent {
    SessionStarted {
        session: TeamSession,
    },
    PhaseChanged {
        session_id: Id,
        phase: Phase,
        timer_ends_at: Option<Millis>,
    },
    TimerSet {
        session_id: Id,
        timer_ends_at: Option<Millis>,
    },
    /// A participant said "I'm done" (or took it back) for a phase.
    DoneChanged {
        session_id: Id,
        phase: Phase,
        person: String,
        name: String,
        done: bool,
    },
    /// Dots changed; only counts, so votes stay hidden until revealed.
    VotesChanged {
        session_id: Id,
        dots: u32,
        voters: u32,
    },
    VotesRevealed {
        session_id: Id,
        tally: Vec<TallyRow>,
    },
    PrioritiesSet {
        session_id: Id,
        moment_ids: Vec<Id>,
    },
    /// Private ratings changed; only the count is shared before the reveal.
    RatingsChanged {
        session_id: Id,
        moment_id: Id,
        count: u32,
    },
    RatingsRevealed {
        session_id: Id,
        moment_id: Id,
        spread: Spread,
    },
    AssessmentRecorded {
        session_id: Id,
        moment_id: Id,
        rating: Option<Rating>,
        issue: String,
        expectation: String,
        reality: String,
    },
    IdeaAdded {
        idea: IdeaView,
    },
    IdeaUpdated {
        idea: IdeaView,
    },
    IdeaRemoved {
        session_id: Id,
        id: Id,
        moment_id: Id,
    },
    ActionSaved {
        action: Action,
    },
    NextSessionBooked {
        session_id: Id,
        #[serde(with = "crate::date::iso")]
        date: time::Date,
    },
}

impl SessionEvent {
    /// For a change that only says how many there are now (dots and voters,
    /// or ratings of one moment), what it counts: a later change with the
    /// same key says all it said, so a feed that is behind may send the
    /// later one alone. None for every other change.
    pub fn count_key(&self) -> Option<(Id, Option<Id>)> {
        match self {
            SessionEvent::VotesChanged { session_id, .. } => Some((*session_id, None)),
            SessionEvent::RatingsChanged {
                session_id,
                moment_id,
                ..
            } => Some((*session_id, Some(*moment_id))),
            _ => None,
        }
    }
}

/// An idea as everyone may see it: in an anonymous session the name is
/// withheld and the author is a tag only its author can recognise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdeaView {
    pub id: Id,
    pub session_id: Id,
    pub moment_id: Id,
    /// Opaque per-session tag of the author.
    pub author_tag: String,
    pub author_name: Option<String>,
    pub text: String,
    pub merits: u32,
    pub picked: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_counts_are_superseded_and_each_by_its_own_kind() {
        let votes = |dots| SessionEvent::VotesChanged {
            session_id: 7,
            dots,
            voters: 1,
        };
        let rated = |moment_id, count| SessionEvent::RatingsChanged {
            session_id: 7,
            moment_id,
            count,
        };
        assert_eq!(votes(1).count_key(), votes(4).count_key());
        assert_eq!(rated(3, 1).count_key(), rated(3, 2).count_key());
        assert_ne!(rated(3, 1).count_key(), rated(4, 1).count_key());
        assert_ne!(votes(1).count_key(), rated(3, 1).count_key());
        let other = SessionEvent::TimerSet {
            session_id: 7,
            timer_ends_at: None,
        };
        assert_eq!(other.count_key(), None);
    }
}
