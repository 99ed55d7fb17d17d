//! Ratings against expectation: how a team's private ratings spread, what
//! the agreed text starts from, when a rating may be given, and how the
//! agreed rating moves from one session to the next.

use super::phase::require_phase;
use super::Phase;
use crate::text::{Msg, RuleError};
use serde::{Deserialize, Serialize};

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
    /// The sign drawn beside the rating's word wherever it is shown (on
    /// the page, on the journey map), so colour is never the only cue.
    pub fn face(self) -> &'static str {
        match self {
            Rating::Miserable => "☹",
            Rating::Neutral => "=",
            Rating::Magical => "★",
        }
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
}
