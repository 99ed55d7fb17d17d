//! Customer feedback on moments of truth: a customer's verdict on one moment
//! (worse than, as, or better than they expected: the method's Miserable /
//! Neutral / Magical in the customer's words), what may be sent, and the
//! honest figures many verdicts give (see [`stats`]).

pub mod stats;

use crate::session::Rating;
use crate::text::{self, Msg, RuleError};
use serde::{Deserialize, Serialize};

pub use stats::{Interval, Tally, MIN_ANSWERS};

/// What a customer says of one moment, compared with what they expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Worse,
    AsExpected,
    Better,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Worse, Verdict::AsExpected, Verdict::Better];

    /// The key in forms, the API and the database.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Worse => "worse",
            Verdict::AsExpected => "as_expected",
            Verdict::Better => "better",
        }
    }

    pub fn from_key(key: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.key() == key)
    }

    /// The small number the database keeps (−1, 0, 1).
    pub fn value(self) -> i64 {
        match self {
            Verdict::Worse => -1,
            Verdict::AsExpected => 0,
            Verdict::Better => 1,
        }
    }

    pub fn from_value(v: i64) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|x| x.value() == v)
    }

    /// The team's word for the same verdict.
    pub fn rating(self) -> Rating {
        match self {
            Verdict::Worse => Rating::Miserable,
            Verdict::AsExpected => Rating::Neutral,
            Verdict::Better => Rating::Magical,
        }
    }

    /// The catalogue key of the customer's word for it.
    pub fn word_key(self) -> &'static str {
        match self {
            Verdict::Worse => "feedback-verdict-worse",
            Verdict::AsExpected => "feedback-verdict-as-expected",
            Verdict::Better => "feedback-verdict-better",
        }
    }
}

/// Limits on what a feedback point and an answer may hold.
pub struct FeedbackLimits;

impl FeedbackLimits {
    /// A reason chip the owner offers ("waiting time").
    pub const REASON: usize = 40;
    /// Reason chips per feedback point.
    pub const REASONS: usize = 8;
    /// A customer's comment.
    pub const COMMENT: usize = 1_000;
    /// The question a point asks, when the owner words it.
    pub const QUESTION: usize = 200;
}

/// An answer as a customer sent it, checked: a verdict, at most one of the
/// point's reasons, and a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub verdict: Verdict,
    pub reason: Option<String>,
    pub comment: String,
}

impl Answer {
    /// Checks what a customer sent against the point's reasons. An empty
    /// reason is none; a reason the point does not offer is refused.
    pub fn new(
        verdict: &str,
        reason: &str,
        comment: &str,
        offered: &[String],
    ) -> Result<Answer, RuleError> {
        let verdict = Verdict::from_key(verdict.trim()).ok_or_else(|| RuleError::Invalid {
            field: "verdict",
            msg: Msg::new("rule-feedback-verdict"),
        })?;
        let reason = match reason.trim() {
            "" => None,
            r => Some(
                offered
                    .iter()
                    .find(|o| o.as_str() == r)
                    .cloned()
                    .ok_or_else(|| RuleError::Invalid {
                        field: "reason",
                        msg: Msg::new("rule-feedback-reason"),
                    })?,
            ),
        };
        let comment = text::optional_text("comment", comment, FeedbackLimits::COMMENT)?;
        Ok(Answer {
            verdict,
            reason,
            comment,
        })
    }
}

/// Checks the reason chips an owner offers on a point: one line each, at
/// most [`FeedbackLimits::REASONS`], no two alike; empty lines are dropped.
pub fn reasons(lines: &[&str]) -> Result<Vec<String>, RuleError> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        let r = text::required_line("reason", line, FeedbackLimits::REASON)?;
        if !out.contains(&r) {
            out.push(r);
        }
    }
    if out.len() > FeedbackLimits::REASONS {
        return Err(RuleError::Invalid {
            field: "reasons",
            msg: Msg::new("rule-feedback-too-many-reasons").arg("max", FeedbackLimits::REASONS),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_keep_their_keys_values_and_the_teams_words() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::from_key(v.key()), Some(v));
            assert_eq!(Verdict::from_value(v.value()), Some(v));
        }
        assert_eq!(Verdict::Worse.rating(), Rating::Miserable);
        assert_eq!(Verdict::AsExpected.rating(), Rating::Neutral);
        assert_eq!(Verdict::Better.rating(), Rating::Magical);
        assert_eq!(Verdict::from_key("great"), None);
        assert_eq!(Verdict::from_value(2), None);
    }

    #[test]
    fn an_answer_takes_only_the_points_reasons_and_a_comment_within_its_limit() {
        let offered = vec!["Waiting time".to_string(), "Friendliness".to_string()];
        let a = Answer::new("better", " Friendliness ", "  Lovely  ", &offered).unwrap();
        assert_eq!(
            a,
            Answer {
                verdict: Verdict::Better,
                reason: Some("Friendliness".into()),
                comment: "Lovely".into()
            }
        );
        assert_eq!(Answer::new("worse", "", "", &offered).unwrap().reason, None);
        let field = |r: Result<Answer, RuleError>| match r {
            Err(RuleError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(Answer::new("great", "", "", &offered)), "verdict");
        assert_eq!(field(Answer::new("worse", "Price", "", &offered)), "reason");
        let long = "x".repeat(FeedbackLimits::COMMENT + 1);
        assert_eq!(field(Answer::new("worse", "", &long, &offered)), "comment");
    }

    #[test]
    fn reasons_are_lines_without_repeats_and_at_most_eight() {
        assert_eq!(
            reasons(&["Waiting time", "", " Waiting time ", "Price"]).unwrap(),
            vec!["Waiting time".to_string(), "Price".to_string()]
        );
        let nine: Vec<String> = (0..9).map(|i| format!("R{i}")).collect();
        let nine: Vec<&str> = nine.iter().map(String::as_str).collect();
        assert!(reasons(&nine).is_err());
        assert!(reasons(&[&"x".repeat(41)]).is_err());
    }
}
