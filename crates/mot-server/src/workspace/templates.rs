//! The templates library: journey templates saved from a client's journey
//! (in versions), the starters mot ships for six kinds of business, a new
//! journey (for a client, new or not) started from either with its
//! matching audit, and the changes of a newer version offered to each
//! journey made from an older one, to take up one by one.

use crate::auth::Ident;
use crate::state::AppState;
use crate::web::error::AppError;
use mot_core::outline::{diff, Change, Outline, OutlineMoment, OutlineStage};
use mot_core::starters::{Starter, STARTERS};
use mot_core::text::{self, Limits};
use mot_core::{BoardCommand, BoardEvent, Id, Journey, LiveEvent};
use mot_store::{JourneyTemplate, Keyed};

/// A template to start from: a starter by kind, or one of the workspace's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Starter(&'static Starter),
    Saved(Id),
}

impl Source {
    /// From a form's value: `starter:shop` or `template:5`.
    pub fn parse(s: &str) -> Result<Source, AppError> {
        let bad = || AppError::not_found("template");
        match s.split_once(':') {
            Some(("starter", kind)) => STARTERS
                .iter()
                .find(|st| st.kind == kind)
                .map(Source::Starter)
                .ok_or_else(bad),
            Some(("template", id)) => id.parse().map(Source::Saved).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

/// A starter's outline, in the request's language.
pub fn starter_outline(s: &Starter) -> Outline {
    let lang = crate::web::i18n::lang();
    let word = |key: String| {
        mot_i18n::text_dyn(lang, &key)
            .unwrap_or_default()
            .to_string()
    };
    let mut stages: Vec<OutlineStage> = (1..=s.stages)
        .map(|n| OutlineStage {
            key: format!("s{n}"),
            name: word(format!("starter-{}-s{n}", s.kind)),
            moments: Vec::new(),
        })
        .collect();
    for (i, (stage, channel)) in s.moments.iter().enumerate() {
        let n = i + 1;
        stages[stage - 1].moments.push(OutlineMoment {
            key: format!("m{n}"),
            title: word(format!("starter-{}-m{n}", s.kind)),
            description: String::new(),
            channel: Some(channel.to_string()),
            standard: word(format!("starter-{}-m{n}-standard", s.kind)),
        });
    }
    Outline { stages }
}

/// A starter's name, in the request's language.
pub fn starter_name(s: &Starter) -> &'static str {
    mot_i18n::text_dyn(
        crate::web::i18n::lang(),
        &format!("starter-{}-name", s.kind),
    )
    .unwrap_or(s.kind)
}

/// A journey's outline as it is now: its stages in order, their live
/// notes with channel label and standard; keyed by the records' ids.
pub async fn journey_outline(
    state: &AppState,
    workspace_id: Id,
    journey: &Journey,
) -> Result<Outline, AppError> {
    let stages = state.store.stages(workspace_id, journey.id).await?;
    let moments = state.store.moments(workspace_id, journey.id).await?;
    let channels = state
        .store
        .channels(workspace_id, journey.business_id)
        .await?;
    let standards = state.store.standards(workspace_id, journey.id).await?;
    Ok(Outline {
        stages: stages
            .iter()
            .map(|s| OutlineStage {
                key: format!("s{}", s.id),
                name: s.name.clone(),
                moments: moments
                    .iter()
                    .filter(|m| m.stage_id == s.id)
                    .map(|m| OutlineMoment {
                        key: format!("m{}", m.id),
                        title: m.title.clone(),
                        description: m.description.clone(),
                        channel: m.channel_id.and_then(|c| {
                            channels.iter().find(|x| x.id == c).map(|x| x.icon.clone())
                        }),
                        standard: standards
                            .iter()
                            .find(|x| x.moment_id == m.id)
                            .map(|x| x.experience.clone())
                            .unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// Saves a journey as a new template of the workspace (owners and
/// facilitators).
pub async fn save_template(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    name: &str,
) -> Result<JourneyTemplate, AppError> {
    me.actor.may_manage()?;
    let name = text::required_line("name", name, Limits::JOURNEY_NAME)?;
    let journey = state.store.journey(me.workspace_id, journey_id).await?;
    let outline = journey_outline(state, me.workspace_id, &journey).await?;
    Ok(state
        .store
        .create_journey_template(me.workspace_id, &name, Some(journey_id), &outline)
        .await?)
}

/// Saves a template's journey again, as its next version (nothing new when
/// the journey did not change).
pub async fn update_template(
    state: &AppState,
    me: &Ident,
    id: Id,
) -> Result<JourneyTemplate, AppError> {
    me.actor.may_manage()?;
    let t = state.store.journey_template(me.workspace_id, id).await?;
    let source = t
        .source_journey_id
        .ok_or_else(|| AppError::not_found("journey"))?;
    let journey = state.store.journey(me.workspace_id, source).await?;
    let outline = journey_outline(state, me.workspace_id, &journey).await?;
    Ok(state
        .store
        .update_journey_template(me.workspace_id, id, &outline)
        .await?)
}

/// Starts a journey of a business from a template or a starter, with its
/// stages, notes, channels and standards, and (when asked) its matching
/// audit: a template of one question per note. A journey made from a
/// template of the workspace is linked to its version.
pub async fn start_from(
    state: &AppState,
    me: &Ident,
    source: &Source,
    business_id: Id,
    name: &str,
    with_audit: bool,
) -> Result<Journey, AppError> {
    me.actor.may_manage()?;
    let (outline, link) = match source {
        Source::Starter(s) => (starter_outline(s), None),
        Source::Saved(id) => {
            let t = state.store.journey_template(me.workspace_id, *id).await?;
            let o = state
                .store
                .journey_template_outline(me.workspace_id, t.id, t.version)
                .await?;
            (o, Some(t))
        }
    };
    outline.check()?;
    let journey = super::service::create_journey(state, me, business_id, name, None).await?;
    let mut keys = Vec::new();
    // The new journey has the default stages: they take the outline's
    // names, and more are added (or the spare ones removed).
    let defaults = state.store.stages(me.workspace_id, journey.id).await?;
    let mut stage_ids = Vec::new();
    for (i, s) in outline.stages.iter().enumerate() {
        let id = match defaults.get(i) {
            Some(d) => {
                run(
                    state,
                    me,
                    journey.id,
                    BoardCommand::RenameStage {
                        id: d.id,
                        name: s.name.clone(),
                    },
                )
                .await?;
                d.id
            }
            None => added_stage(
                run(
                    state,
                    me,
                    journey.id,
                    BoardCommand::AddStage {
                        name: s.name.clone(),
                    },
                )
                .await?,
            )?,
        };
        keys.push((s.key.clone(), Keyed::Stage(id)));
        stage_ids.push(id);
    }
    for d in defaults.iter().skip(outline.stages.len()) {
        run(
            state,
            me,
            journey.id,
            BoardCommand::RemoveStage { id: d.id },
        )
        .await?;
    }
    let channels = state.store.channels(me.workspace_id, business_id).await?;
    for (s, stage_id) in outline.stages.iter().zip(&stage_ids) {
        for m in &s.moments {
            let id = add_moment(state, me, journey.id, *stage_id, m, &channels).await?;
            keys.push((m.key.clone(), Keyed::Moment(id)));
        }
    }
    if let Some(t) = link {
        state
            .store
            .link_journey_template(me.workspace_id, journey.id, t.id, t.version, &keys)
            .await?;
    }
    if with_audit {
        state
            .store
            .create_template_from_journey(me.workspace_id, journey.id)
            .await?;
    }
    Ok(state.store.journey(me.workspace_id, journey.id).await?)
}

async fn run(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    cmd: BoardCommand,
) -> Result<mot_store::Committed, AppError> {
    Ok(state
        .store
        .apply(me.workspace_id, journey_id, me.actor, &me.name, cmd)
        .await?)
}

fn added_stage(c: mot_store::Committed) -> Result<Id, AppError> {
    match c.event {
        LiveEvent::Board(BoardEvent::StageAdded { stage }) => Ok(stage.id),
        _ => Err(AppError::internal(&"a stage was added without its event")),
    }
}

/// Adds a note of an outline, with its channel (the business's of that
/// label) and standard; answers its id.
async fn add_moment(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    stage_id: Id,
    m: &OutlineMoment,
    channels: &[mot_core::Channel],
) -> Result<Id, AppError> {
    let channel_id = channel_of(m, channels);
    let c = run(
        state,
        me,
        journey_id,
        BoardCommand::AddMoment {
            stage_id,
            channel_id,
            title: m.title.clone(),
            description: m.description.clone(),
        },
    )
    .await?;
    let LiveEvent::Board(BoardEvent::MomentAdded { moment }) = c.event else {
        return Err(AppError::internal(&"a note was added without its event"));
    };
    if !m.standard.is_empty() {
        state
            .store
            .set_standard(me.workspace_id, moment.id, &m.standard, "", "")
            .await?;
    }
    Ok(moment.id)
}

fn channel_of(m: &OutlineMoment, channels: &[mot_core::Channel]) -> Option<Id> {
    let label = m.channel.as_deref()?;
    channels
        .iter()
        .find(|c| !c.retired && c.icon.eq_ignore_ascii_case(label))
        .map(|c| c.id)
}

/// What a journey made from a template is offered: the template, the
/// version it has, and the changes since (empty when it is up to date).
pub async fn offered_changes(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
) -> Result<Option<(JourneyTemplate, i64, Vec<Change>)>, AppError> {
    let Some((t, version)) = state
        .store
        .journey_template_link(me.workspace_id, journey_id)
        .await?
    else {
        return Ok(None);
    };
    if version >= t.version {
        return Ok(Some((t, version, Vec::new())));
    }
    let old = state
        .store
        .journey_template_outline(me.workspace_id, t.id, version)
        .await?;
    let new = state
        .store
        .journey_template_outline(me.workspace_id, t.id, t.version)
        .await?;
    let changes = diff(&old, &new);
    Ok(Some((t, version, changes)))
}

/// Takes up the chosen changes (by [`Change::id`]) on the journey's
/// board, as board changes everyone there sees at once; the others are
/// declined. The journey then has the template's latest version.
/// Answers how many were taken up.
pub async fn apply_changes(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    chosen: &[String],
) -> Result<usize, AppError> {
    me.actor.may_manage()?;
    let Some((t, _, changes)) = offered_changes(state, me, journey_id).await? else {
        return Err(AppError::not_found("template"));
    };
    let journey = state.store.journey(me.workspace_id, journey_id).await?;
    let mut keys = state
        .store
        .journey_template_keys(me.workspace_id, journey_id)
        .await?;
    let live = state.store.moments(me.workspace_id, journey_id).await?;
    let stages = state.store.stages(me.workspace_id, journey_id).await?;
    let standards = state.store.standards(me.workspace_id, journey_id).await?;
    let channels = state
        .store
        .channels(me.workspace_id, journey.business_id)
        .await?;
    let mut taken = 0;
    let mut new_keys = Vec::new();
    for c in changes.iter().filter(|c| chosen.contains(&c.id())) {
        let moment_of = |key: &str| match keys.get(key) {
            Some(Keyed::Moment(id)) if live.iter().any(|m| m.id == *id) => Some(*id),
            _ => None,
        };
        match c {
            Change::AddStage { key, name } => {
                let c = run(
                    state,
                    me,
                    journey_id,
                    BoardCommand::AddStage { name: name.clone() },
                )
                .await?;
                let id = added_stage(c)?;
                keys.insert(key.clone(), Keyed::Stage(id));
                new_keys.push((key.clone(), Keyed::Stage(id)));
            }
            Change::RenameStage { key, to, .. } => {
                if let Some(Keyed::Stage(id)) = keys.get(key) {
                    if stages.iter().any(|s| s.id == *id) {
                        run(
                            state,
                            me,
                            journey_id,
                            BoardCommand::RenameStage {
                                id: *id,
                                name: to.clone(),
                            },
                        )
                        .await?;
                    }
                }
            }
            Change::AddMoment { stage, moment } => {
                // In its stage when the journey has it, else the first.
                let stage_id = match keys.get(stage) {
                    Some(Keyed::Stage(id)) => Some(*id),
                    _ => None,
                }
                .or_else(|| stages.first().map(|s| s.id));
                let Some(stage_id) = stage_id else { continue };
                let id = add_moment(state, me, journey_id, stage_id, moment, &channels).await?;
                new_keys.push((moment.key.clone(), Keyed::Moment(id)));
            }
            Change::ChangeMoment { from, to } => {
                let Some(id) = moment_of(&to.key) else {
                    continue;
                };
                run(
                    state,
                    me,
                    journey_id,
                    BoardCommand::EditMoment {
                        id,
                        title: Some(to.title.clone()),
                        description: Some(to.description.clone()),
                        channel_id: (from.channel != to.channel).then(|| channel_of(to, &channels)),
                    },
                )
                .await?;
                if from.standard != to.standard {
                    // The standard's experience changes; its highs and
                    // risks, the journey's own, stay.
                    let kept = standards.iter().find(|s| s.moment_id == id);
                    let (highs, risks) = kept.map_or(("", ""), |s| (&s.highs, &s.risks));
                    state
                        .store
                        .set_standard(me.workspace_id, id, &to.standard, highs, risks)
                        .await?;
                }
            }
            Change::RemoveMoment { moment } => {
                let Some(id) = moment_of(&moment.key) else {
                    continue;
                };
                run(state, me, journey_id, BoardCommand::DeleteMoment { id }).await?;
            }
        }
        taken += 1;
    }
    state
        .store
        .link_journey_template(me.workspace_id, journey_id, t.id, t.version, &new_keys)
        .await?;
    Ok(taken)
}
