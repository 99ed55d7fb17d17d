//! The one envelope for everything a board's watchers see live: the board's
//! own changes and the session's. The change log stores these and clients
//! receive them, both as the flat JSON of the inner event (`{"type": …}`).

use crate::session::SessionEvent;
use crate::BoardEvent;
use serde::{Deserialize, Serialize};

/// A committed change to a journey, as logged and broadcast.
///
/// Untagged: the wire format is the inner event's, whose `type` tags are
/// disjoint between [`BoardEvent`] and [`SessionEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LiveEvent {
    Board(BoardEvent),
    Session(SessionEvent),
}

impl From<BoardEvent> for LiveEvent {
    fn from(event: BoardEvent) -> Self {
        LiveEvent::Board(event)
    }
}

impl From<SessionEvent> for LiveEvent {
    fn from(event: SessionEvent) -> Self {
        LiveEvent::Session(event)
    }
}

impl LiveEvent {
    /// See [`SessionEvent::count_key`]: a board's changes are never
    /// superseded, only counts.
    pub fn count_key(&self) -> Option<(crate::Id, Option<crate::Id>)> {
        match self {
            LiveEvent::Session(e) => e.count_key(),
            LiveEvent::Board(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON each sample had when board and session events were one enum
    /// (taken from `serde_json::to_string` before the split): the change
    /// log's rows and the clients' messages look exactly like this.
    const BEFORE_THE_SPLIT: &[&str] = &[
        r#"{"type":"moment_added","moment":{"id":7,"journey_id":2,"stage_id":3,"channel_id":4,"title":"Greeted at the door","description":"","position":1,"author":{"kind":"guest","id":9},"author_name":"Ana","created_at":1700000000000,"updated_at":1700000000500}}"#,
        r#"{"type":"moment_deleted","id":7,"stage_id":3}"#,
        r#"{"type":"moments_reordered","stages":[{"stage_id":3,"moment_ids":[7,8]}]}"#,
        r#"{"type":"stage_renamed","stage":{"id":3,"journey_id":2,"name":"Before","position":0}}"#,
        r#"{"type":"channels_changed"}"#,
        r#"{"type":"journey_renamed","name":"Öffnung"}"#,
        r#"{"type":"phase_changed","session_id":5,"phase":"colour_code","timer_ends_at":null}"#,
        r#"{"type":"done_changed","session_id":5,"phase":"capture","person":"u:1","name":"Bo","done":true}"#,
        r#"{"type":"votes_revealed","session_id":5,"tally":[{"moment_id":7,"votes":3,"rank":1,"tied":false}]}"#,
        r#"{"type":"ratings_revealed","session_id":5,"moment_id":7,"spread":{"miserable":1,"neutral":2,"magical":0}}"#,
        r#"{"type":"assessment_recorded","session_id":5,"moment_id":7,"rating":"magical","issue":"slow","expectation":"quick","reality":"queue"}"#,
        r#"{"type":"idea_added","idea":{"id":11,"session_id":5,"moment_id":7,"author_tag":"t1","author_name":null,"text":"A bell","merits":2,"picked":true}}"#,
        r#"{"type":"idea_removed","session_id":5,"id":11,"moment_id":7}"#,
        r#"{"type":"next_session_booked","session_id":5,"date":"2027-03-14"}"#,
    ];

    fn samples() -> Vec<LiveEvent> {
        use crate::session::{IdeaView, Phase, Rating, Spread, TallyRow};
        use crate::{Author, Moment, Stage, StageOrder};
        let moment = Moment {
            id: 7,
            journey_id: 2,
            stage_id: 3,
            channel_id: Some(4),
            title: "Greeted at the door".into(),
            description: "".into(),
            position: 1,
            author: Author::Guest(9),
            author_name: "Ana".into(),
            created_at: 1_700_000_000_000,
            updated_at: 1_700_000_000_500,
        };
        let board = [
            BoardEvent::MomentAdded { moment },
            BoardEvent::MomentDeleted { id: 7, stage_id: 3 },
            BoardEvent::MomentsReordered {
                stages: vec![StageOrder {
                    stage_id: 3,
                    moment_ids: vec![7, 8],
                }],
            },
            BoardEvent::StageRenamed {
                stage: Stage {
                    id: 3,
                    journey_id: 2,
                    name: "Before".into(),
                    position: 0,
                },
            },
            BoardEvent::ChannelsChanged,
            BoardEvent::JourneyRenamed {
                name: "Öffnung".into(),
            },
        ];
        let session = [
            SessionEvent::PhaseChanged {
                session_id: 5,
                phase: Phase::ColourCode,
                timer_ends_at: None,
            },
            SessionEvent::DoneChanged {
                session_id: 5,
                phase: Phase::Capture,
                person: "u:1".into(),
                name: "Bo".into(),
                done: true,
            },
            SessionEvent::VotesRevealed {
                session_id: 5,
                tally: vec![TallyRow {
                    moment_id: 7,
                    votes: 3,
                    rank: 1,
                    tied: false,
                }],
            },
            SessionEvent::RatingsRevealed {
                session_id: 5,
                moment_id: 7,
                spread: Spread {
                    miserable: 1,
                    neutral: 2,
                    magical: 0,
                },
            },
            SessionEvent::AssessmentRecorded {
                session_id: 5,
                moment_id: 7,
                rating: Some(Rating::Magical),
                issue: "slow".into(),
                expectation: "quick".into(),
                reality: "queue".into(),
            },
            SessionEvent::IdeaAdded {
                idea: IdeaView {
                    id: 11,
                    session_id: 5,
                    moment_id: 7,
                    author_tag: "t1".into(),
                    author_name: None,
                    text: "A bell".into(),
                    merits: 2,
                    picked: true,
                },
            },
            SessionEvent::IdeaRemoved {
                session_id: 5,
                id: 11,
                moment_id: 7,
            },
            SessionEvent::NextSessionBooked {
                session_id: 5,
                date: time::macros::date!(2027 - 03 - 14),
            },
        ];
        let board = board.into_iter().map(LiveEvent::from);
        board
            .chain(session.into_iter().map(LiveEvent::from))
            .collect()
    }

    #[test]
    fn events_of_both_kinds_serialise_through_the_envelope_as_before_the_split() {
        let samples = samples();
        assert_eq!(samples.len(), BEFORE_THE_SPLIT.len());
        for (event, before) in samples.iter().zip(BEFORE_THE_SPLIT) {
            assert_eq!(serde_json::to_string(event).unwrap(), *before);
        }
        assert!(matches!(samples[0], LiveEvent::Board(_)));
        assert!(matches!(samples[samples.len() - 1], LiveEvent::Session(_)));
    }

    #[test]
    fn change_log_rows_from_before_the_split_read_back_as_the_same_event() {
        for (event, before) in samples().into_iter().zip(BEFORE_THE_SPLIT) {
            let read: LiveEvent = serde_json::from_str(before).unwrap();
            assert_eq!(read, event);
        }
    }

    #[test]
    fn an_unknown_event_type_is_refused() {
        assert!(serde_json::from_str::<LiveEvent>(r#"{"type":"moment_vanished","id":1}"#).is_err());
    }
}
