//! Journey templates: the outline of a journey (its stages, and their
//! moments with channel and standard) that an adviser saves from one
//! client's journey and starts another client's from. A template carries
//! a version; when it changes, the journeys made from it are offered the
//! changes ([`diff`]), one by one, and never changed silently.
//!
//! Stages and moments carry a key that stays the same from one version to
//! the next (the record they were saved from), so a change is told apart
//! from a removal and an addition.

use crate::text::{self, Limits};
use crate::{Msg, RuleError};
use serde::{Deserialize, Serialize};

/// The most stages and moments a template holds (a board's own limits are
/// checked again when a journey is made from it).
pub const MAX_STAGES: usize = 20;
pub const MAX_MOMENTS: usize = 300;

/// A journey's outline: what a template holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Outline {
    pub stages: Vec<OutlineStage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineStage {
    pub key: String,
    pub name: String,
    pub moments: Vec<OutlineMoment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineMoment {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The channel by its short label (`F2F`, `WEB`…): a journey made from
    /// the template takes its business's channel of that label, if any.
    #[serde(default)]
    pub channel: Option<String>,
    /// The experience promised at this moment (its standard).
    #[serde(default)]
    pub standard: String,
}

impl Outline {
    pub fn moment_count(&self) -> usize {
        self.stages.iter().map(|s| s.moments.len()).sum()
    }

    /// Every moment with the name of its stage.
    pub fn moments(&self) -> impl Iterator<Item = (&OutlineStage, &OutlineMoment)> {
        self.stages
            .iter()
            .flat_map(|s| s.moments.iter().map(move |m| (s, m)))
    }

    /// Checks what a template may hold: names and titles as a board takes
    /// them, at least one stage, within the limits.
    pub fn check(&self) -> Result<(), RuleError> {
        if self.stages.is_empty() {
            return Err(RuleError::invalid(
                "stages",
                Msg::new("rule-template-no-stages"),
            ));
        }
        if self.stages.len() > MAX_STAGES || self.moment_count() > MAX_MOMENTS {
            return Err(RuleError::invalid(
                "stages",
                Msg::new("rule-template-too-big")
                    .arg("stages", MAX_STAGES as i64)
                    .arg("moments", MAX_MOMENTS as i64),
            ));
        }
        for s in &self.stages {
            text::required_line("name", &s.name, Limits::STAGE_NAME)?;
            for m in &s.moments {
                text::required_line("title", &m.title, Limits::MOMENT_TITLE)?;
            }
        }
        Ok(())
    }
}

/// One change between two versions of a template, as a journey made from
/// the older one is offered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new stage (with the moments it brings, offered on their own).
    AddStage {
        key: String,
        name: String,
    },
    RenameStage {
        key: String,
        from: String,
        to: String,
    },
    /// A new moment, in the stage of that key.
    AddMoment {
        stage: String,
        moment: OutlineMoment,
    },
    /// A moment whose words, channel or standard changed.
    ChangeMoment {
        from: OutlineMoment,
        to: OutlineMoment,
    },
    RemoveMoment {
        moment: OutlineMoment,
    },
}

impl Change {
    /// A key that names this change in a form (`add-stage:s3`, `change:m7`…).
    pub fn id(&self) -> String {
        match self {
            Change::AddStage { key, .. } => format!("add-stage:{key}"),
            Change::RenameStage { key, .. } => format!("rename-stage:{key}"),
            Change::AddMoment { moment, .. } => format!("add:{}", moment.key),
            Change::ChangeMoment { to, .. } => format!("change:{}", to.key),
            Change::RemoveMoment { moment } => format!("remove:{}", moment.key),
        }
    }
}

/// What changed from `old` to `new`, stages first, then moments in the new
/// version's order, then the moments it no longer has.
pub fn diff(old: &Outline, new: &Outline) -> Vec<Change> {
    let mut out = Vec::new();
    for s in &new.stages {
        match old.stages.iter().find(|o| o.key == s.key) {
            None => out.push(Change::AddStage {
                key: s.key.clone(),
                name: s.name.clone(),
            }),
            Some(o) if o.name != s.name => out.push(Change::RenameStage {
                key: s.key.clone(),
                from: o.name.clone(),
                to: s.name.clone(),
            }),
            Some(_) => {}
        }
    }
    for (s, m) in new.moments() {
        match old.moments().find(|(_, o)| o.key == m.key) {
            None => out.push(Change::AddMoment {
                stage: s.key.clone(),
                moment: m.clone(),
            }),
            Some((_, o)) if o != m => out.push(Change::ChangeMoment {
                from: o.clone(),
                to: m.clone(),
            }),
            Some(_) => {}
        }
    }
    for (_, o) in old.moments() {
        if !new.moments().any(|(_, m)| m.key == o.key) {
            out.push(Change::RemoveMoment { moment: o.clone() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(key: &str, title: &str) -> OutlineMoment {
        OutlineMoment {
            key: key.into(),
            title: title.into(),
            description: String::new(),
            channel: Some("TEL".into()),
            standard: String::new(),
        }
    }

    fn outline(stages: Vec<(&str, &str, Vec<OutlineMoment>)>) -> Outline {
        Outline {
            stages: stages
                .into_iter()
                .map(|(key, name, moments)| OutlineStage {
                    key: key.into(),
                    name: name.into(),
                    moments,
                })
                .collect(),
        }
    }

    #[test]
    fn a_diff_tells_additions_changes_renames_and_removals_apart_by_key() {
        let old = outline(vec![
            ("s1", "Before", vec![m("m1", "Call"), m("m2", "Quote")]),
            ("s2", "During", vec![m("m3", "Visit")]),
        ]);
        let mut quote = m("m2", "Written quote");
        quote.standard = "Within a day".into();
        let new = outline(vec![
            ("s1", "Before the job", vec![m("m1", "Call"), quote.clone()]),
            ("s2", "During", vec![]),
            ("s3", "After", vec![m("m4", "Follow-up call")]),
        ]);
        let changes = diff(&old, &new);
        assert_eq!(
            changes,
            vec![
                Change::RenameStage {
                    key: "s1".into(),
                    from: "Before".into(),
                    to: "Before the job".into()
                },
                Change::AddStage {
                    key: "s3".into(),
                    name: "After".into()
                },
                Change::ChangeMoment {
                    from: m("m2", "Quote"),
                    to: quote
                },
                Change::AddMoment {
                    stage: "s3".into(),
                    moment: m("m4", "Follow-up call")
                },
                Change::RemoveMoment {
                    moment: m("m3", "Visit")
                },
            ]
        );
        assert!(diff(&new, &new).is_empty(), "the same version: no change");
        let ids: Vec<String> = changes.iter().map(Change::id).collect();
        assert_eq!(
            ids,
            [
                "rename-stage:s1",
                "add-stage:s3",
                "change:m2",
                "add:m4",
                "remove:m3"
            ]
        );
    }

    #[test]
    fn a_template_needs_a_stage_and_names_a_board_takes() {
        assert!(Outline::default().check().is_err());
        assert!(outline(vec![("s1", "Stage", vec![m("m1", "Call")])])
            .check()
            .is_ok());
        assert!(outline(vec![("s1", " ", vec![])]).check().is_err());
        assert!(outline(vec![("s1", "Stage", vec![m("m1", "")])])
            .check()
            .is_err());
        let many = outline(vec![(
            "s1",
            "Stage",
            (0..=MAX_MOMENTS).map(|i| m(&i.to_string(), "x")).collect(),
        )]);
        assert!(many.check().is_err());
    }
}
