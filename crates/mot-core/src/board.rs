//! The journey board: businesses, journeys, stages, channels and moments,
//! the commands that change a board and the events they leave in its log.

use crate::text::{self, Limits, Msg, RuleError};
use crate::{Author, Id, Millis};
use serde::{Deserialize, Serialize};

/// A client business (or the business itself) in a workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Business {
    pub id: Id,
    pub workspace_id: Id,
    pub name: String,
    pub created_at: Millis,
}

/// One customer journey of a business: the board the team works on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journey {
    pub id: Id,
    pub workspace_id: Id,
    pub business_id: Id,
    pub name: String,
    /// Short code people type on the join page.
    pub join_code: String,
    /// Secret part of the join link.
    pub join_token: String,
    /// Sequence number of the last change in the board's log.
    pub last_seq: i64,
    pub created_at: Millis,
}

/// A stage of the journey: a column of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub id: Id,
    pub journey_id: Id,
    pub name: String,
    pub position: i64,
}

/// A contact type. Shown by colour and by label/icon, never colour alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub id: Id,
    pub business_id: Id,
    pub name: String,
    pub colour: String,
    /// A short label (up to 4 characters) shown on notes beside the colour.
    pub icon: String,
    pub position: i64,
    pub retired: bool,
}

/// A moment of truth: one note on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moment {
    pub id: Id,
    pub journey_id: Id,
    pub stage_id: Id,
    pub channel_id: Option<Id>,
    pub title: String,
    pub description: String,
    pub position: i64,
    pub author: Author,
    pub author_name: String,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// Shows a stored 8-character join code as `ABCD-EFGH`, easier to read aloud.
pub fn show_join_code(code: &str) -> String {
    if code.len() == 8 && code.is_ascii() {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

/// The three stages a new journey starts with (in English).
pub fn default_stages() -> [&'static str; 3] {
    ["Pre-engagement", "Engagement", "Post-sale"]
}

/// The catalogue keys of [`default_stages`], in the same order: a new
/// journey's stages are named in the language of whoever creates it.
pub const DEFAULT_STAGE_KEYS: [&str; 3] = [
    "board-stage-pre-engagement",
    "board-stage-engagement",
    "board-stage-post-sale",
];

/// The names a new business's channels and a new journey's stages start
/// with. `Default` is English; the server passes them in the language of
/// whoever creates the business or journey. Colours and labels stay.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultNames {
    /// One per [`default_stages`].
    pub stages: Vec<String>,
    /// One per [`default_channels`].
    pub channels: Vec<String>,
}

impl Default for DefaultNames {
    fn default() -> Self {
        DefaultNames {
            stages: default_stages().iter().map(|s| s.to_string()).collect(),
            channels: default_channels()
                .iter()
                .map(|c| c.name.to_string())
                .collect(),
        }
    }
}

impl DefaultNames {
    /// The names, each looked up by its catalogue key.
    pub fn translated(name_of: impl Fn(&'static str) -> String) -> Self {
        DefaultNames {
            stages: DEFAULT_STAGE_KEYS.iter().map(|k| name_of(k)).collect(),
            channels: default_channels().iter().map(|c| name_of(c.key)).collect(),
        }
    }
}

/// A channel before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelDraft {
    /// The catalogue key of its name.
    pub key: &'static str,
    /// Its name in English.
    pub name: &'static str,
    pub colour: &'static str,
    pub icon: &'static str,
}

/// The twelve contact types of the worksheet. Colours come from Paul Tol's
/// colour-blind-safe "muted" and "bright" schemes; each channel also carries a
/// distinct short label so colour is never the only cue.
pub fn default_channels() -> Vec<ChannelDraft> {
    let c = |key, name, colour, icon| ChannelDraft {
        key,
        name,
        colour,
        icon,
    };
    vec![
        c(
            "board-channel-f2f",
            "Face-to-face, 1-on-1",
            "#cc6677",
            "F2F",
        ),
        c("board-channel-grp", "Face-to-face, group", "#882255", "GRP"),
        c("board-channel-tel", "Phone call, 1-on-1", "#332288", "TEL"),
        c(
            "board-channel-conf",
            "Phone conference call",
            "#4477aa",
            "CONF",
        ),
        c(
            "board-channel-vid",
            "Web-conference, 1-on-1",
            "#88ccee",
            "VID",
        ),
        c(
            "board-channel-vidg",
            "Web-conference, group",
            "#44aa99",
            "VIDG",
        ),
        c("board-channel-post", "Post", "#117733", "POST"),
        c("board-channel-mail", "Email", "#999933", "MAIL"),
        c("board-channel-dm", "Social media, 1-on-1", "#ddcc77", "DM"),
        c(
            "board-channel-soc",
            "Social media, broadcast",
            "#ee8866",
            "SOC",
        ),
        c("board-channel-web", "Website", "#aa4499", "WEB"),
        c("board-channel-wbnr", "Webinar", "#bbbbbb", "WBNR"),
    ]
}

/// Everything that can change a board. Every entry point (form, JSON API,
/// WebSocket) turns its input into one of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum BoardCommand {
    AddMoment {
        stage_id: Id,
        #[serde(default)]
        channel_id: Option<Id>,
        title: String,
        #[serde(default)]
        description: String,
    },
    EditMoment {
        id: Id,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        description: Option<String>,
        /// `Some(None)` clears the channel.
        #[serde(default, with = "double_option")]
        channel_id: Option<Option<Id>>,
    },
    MoveMoment {
        id: Id,
        stage_id: Id,
        /// Position within the target stage, 0-based; clamped to the end.
        index: usize,
    },
    DeleteMoment {
        id: Id,
    },
    RestoreMoment {
        id: Id,
    },
    AddStage {
        name: String,
    },
    RenameStage {
        id: Id,
        name: String,
    },
    MoveStage {
        id: Id,
        index: usize,
    },
    RemoveStage {
        id: Id,
    },
}

mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub fn serialize<S: Serializer>(v: &Option<Option<i64>>, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
        Option::<i64>::deserialize(d).map(Some)
    }
}

impl BoardCommand {
    /// Checks and cleans the texts of a command. State-dependent rules are
    /// checked by [`check_stage_removal`] and friends with the current state.
    pub fn normalised(self) -> Result<BoardCommand, RuleError> {
        use BoardCommand::*;
        Ok(match self {
            AddMoment {
                stage_id,
                channel_id,
                title,
                description,
            } => AddMoment {
                stage_id,
                channel_id,
                title: text::required_line("title", &title, Limits::MOMENT_TITLE)?,
                description: text::optional_text(
                    "description",
                    &description,
                    Limits::MOMENT_DESCRIPTION,
                )?,
            },
            EditMoment {
                id,
                title,
                description,
                channel_id,
            } => EditMoment {
                id,
                title: title
                    .map(|t| text::required_line("title", &t, Limits::MOMENT_TITLE))
                    .transpose()?,
                description: description
                    .map(|d| text::optional_text("description", &d, Limits::MOMENT_DESCRIPTION))
                    .transpose()?,
                channel_id,
            },
            AddStage { name } => AddStage {
                name: text::required_line("name", &name, Limits::STAGE_NAME)?,
            },
            RenameStage { id, name } => RenameStage {
                id,
                name: text::required_line("name", &name, Limits::STAGE_NAME)?,
            },
            other => other,
        })
    }
}

/// A stage and the ids of its notes, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageOrder {
    pub stage_id: Id,
    pub moment_ids: Vec<Id>,
}

/// What a committed change did to the board itself (its notes, stages,
/// channels and name). Sent and logged inside a [`crate::LiveEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BoardEvent {
    MomentAdded {
        moment: Moment,
    },
    MomentUpdated {
        moment: Moment,
    },
    MomentDeleted {
        id: Id,
        stage_id: Id,
    },
    MomentRestored {
        moment: Moment,
    },
    MomentsReordered {
        stages: Vec<StageOrder>,
    },
    StageAdded {
        stage: Stage,
    },
    StageRenamed {
        stage: Stage,
    },
    StagesReordered {
        stage_ids: Vec<Id>,
    },
    StageRemoved {
        id: Id,
    },
    /// Channels of the business changed: clients reload the board.
    ChannelsChanged,
    JourneyRenamed {
        name: String,
    },
}

/// Moves `id` to `index` in `order` (clamped to the end); inserts it when absent.
pub fn move_to(order: &mut Vec<Id>, id: Id, index: usize) {
    order.retain(|x| *x != id);
    let index = index.min(order.len());
    order.insert(index, id);
}

/// A stage can go only when it holds no notes and is not the last one.
pub fn check_stage_removal(stage_count: usize, notes_in_stage: usize) -> Result<(), RuleError> {
    if stage_count <= 1 {
        return Err(RuleError::Conflict(Msg::new("rule-last-stage")));
    }
    if notes_in_stage > 0 {
        return Err(RuleError::Conflict(
            Msg::new("rule-stage-has-notes").arg("count", notes_in_stage),
        ));
    }
    Ok(())
}

/// A journey has at most [`Limits::STAGES_PER_JOURNEY`] stages.
pub fn check_stage_added(stage_count: usize) -> Result<(), RuleError> {
    if stage_count >= Limits::STAGES_PER_JOURNEY {
        return Err(RuleError::Conflict(
            Msg::new("rule-too-many-stages").arg("limit", Limits::STAGES_PER_JOURNEY),
        ));
    }
    Ok(())
}

/// A journey has at most [`Limits::MOMENTS_PER_JOURNEY`] notes.
pub fn check_moment_added(moment_count: usize) -> Result<(), RuleError> {
    if moment_count >= Limits::MOMENTS_PER_JOURNEY {
        return Err(RuleError::Conflict(
            Msg::new("rule-too-many-notes").arg("limit", Limits::MOMENTS_PER_JOURNEY),
        ));
    }
    Ok(())
}

/// A retired channel cannot be given to a note. That is the channel's state,
/// not the request's shape: a conflict, as any well-formed id of a channel
/// someone retired since the form was drawn.
pub fn check_channel_usable(channel: &Channel) -> Result<(), RuleError> {
    if channel.retired {
        return Err(RuleError::Conflict(
            Msg::new("rule-channel-retired").arg("channel", channel.name.as_str()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn twelve_default_channels_with_distinct_colours_and_labels() {
        let chans = default_channels();
        assert_eq!(chans.len(), 12);
        let mut colours: Vec<_> = chans.iter().map(|c| c.colour).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), 12);
        let mut icons: Vec<_> = chans.iter().map(|c| c.icon).collect();
        icons.sort();
        icons.dedup();
        assert_eq!(icons.len(), 12);
        for c in &chans {
            text::colour(c.colour).unwrap();
            assert!(c.icon.chars().count() <= Limits::CHANNEL_ICON);
        }
    }

    #[test]
    fn move_to_reorders_and_clamps() {
        let mut v = vec![1, 2, 3, 4];
        move_to(&mut v, 4, 0);
        assert_eq!(v, [4, 1, 2, 3]);
        move_to(&mut v, 4, 99);
        assert_eq!(v, [1, 2, 3, 4]);
        move_to(&mut v, 9, 1);
        assert_eq!(v, [1, 9, 2, 3, 4]);
    }

    proptest! {
        #[test]
        fn move_to_keeps_every_id_once(mut v in proptest::collection::vec(0i64..50, 0..20), id in 0i64..60, idx in 0usize..30) {
            v.sort(); v.dedup();
            let before = v.clone();
            move_to(&mut v, id, idx);
            let mut expected = before.clone();
            if !expected.contains(&id) { expected.push(id); }
            expected.sort();
            let mut got = v.clone(); got.sort();
            prop_assert_eq!(got, expected);
            prop_assert_eq!(v.iter().position(|x| *x == id).unwrap(), idx.min(v.len() - 1));
        }
    }

    #[test]
    fn stage_removal_protects_notes_and_the_last_stage() {
        assert!(check_stage_removal(1, 0).is_err());
        assert!(check_stage_removal(3, 2).is_err());
        assert!(check_stage_removal(3, 0).is_ok());
    }

    #[test]
    fn commands_are_normalised_and_limits_enforced() {
        let cmd = BoardCommand::AddMoment {
            stage_id: 1,
            channel_id: None,
            title: "  Store first impressions ".into(),
            description: "".into(),
        }
        .normalised()
        .unwrap();
        assert!(
            matches!(cmd, BoardCommand::AddMoment { ref title, .. } if title == "Store first impressions")
        );
        let long = BoardCommand::AddMoment {
            stage_id: 1,
            channel_id: None,
            title: "x".repeat(121),
            description: "".into(),
        };
        assert!(long.normalised().is_err());
        let long_desc = BoardCommand::EditMoment {
            id: 1,
            title: None,
            description: Some("x".repeat(2001)),
            channel_id: None,
        };
        assert!(long_desc.normalised().is_err());
    }

    #[test]
    fn commands_parse_from_json_with_an_explicit_channel_clear() {
        let c: BoardCommand =
            serde_json::from_str(r#"{"op":"edit_moment","id":3,"channel_id":null}"#).unwrap();
        assert_eq!(
            c,
            BoardCommand::EditMoment {
                id: 3,
                title: None,
                description: None,
                channel_id: Some(None)
            }
        );
        let c: BoardCommand = serde_json::from_str(r#"{"op":"edit_moment","id":3}"#).unwrap();
        assert!(matches!(
            c,
            BoardCommand::EditMoment {
                channel_id: None,
                ..
            }
        ));
    }
}
