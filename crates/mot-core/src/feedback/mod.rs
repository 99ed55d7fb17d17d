//! Customer feedback on moments of truth: a customer's verdict on one moment
//! (worse than, as, or better than they expected: the method's Miserable /
//! Neutral / Magical in the customer's words), what may be sent, and the
//! honest figures many verdicts give (see [`stats`]).

pub mod stats;
pub mod trend;

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

/// Which way the team's view and its customers' part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    /// The team rates the moment higher than its customers do.
    BlindSpot,
    /// The customers rate it higher than the team does.
    Modesty,
}

/// Where the team's agreed rating and its customers' answers disagree.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    pub kind: GapKind,
    /// How far apart, on the score's scale (0–200).
    pub points: f64,
}

/// The team's rating on the customers' scale: Miserable −100 (all worse),
/// Neutral 0, Magical +100 (all better).
pub fn team_score(r: Rating) -> f64 {
    match r {
        Rating::Miserable => -100.0,
        Rating::Neutral => 0.0,
        Rating::Magical => 100.0,
    }
}

/// Whether the team and the customers disagree about a moment: only when
/// there are enough answers to tell, and the team's rating lies outside
/// the customers' 95 % interval (a difference chance does not explain).
pub fn gap(team: Rating, customers: &Tally) -> Option<Gap> {
    if !customers.enough() {
        return None;
    }
    let t = team_score(team);
    let (score, i) = (customers.score()?, customers.score_interval()?);
    if t > i.high {
        Some(Gap {
            kind: GapKind::BlindSpot,
            points: t - score,
        })
    } else if t < i.low {
        Some(Gap {
            kind: GapKind::Modesty,
            points: score - t,
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_is_only_where_the_customers_answers_rule_out_the_teams_view() {
        let t = |worse, as_expected, better| Tally {
            worse,
            as_expected,
            better,
        };
        // The team says Magical; 40 customers mostly say worse: a blind spot.
        let g = gap(Rating::Magical, &t(25, 10, 5)).unwrap();
        assert_eq!(g.kind, GapKind::BlindSpot);
        assert_eq!(g.points, 150.0);
        // The team says Miserable; customers say better: modesty.
        let g = gap(Rating::Miserable, &t(2, 8, 30)).unwrap();
        assert_eq!((g.kind, g.points), (GapKind::Modesty, 170.0));
        // Neutral against customers who got what they expected: no gap.
        assert_eq!(gap(Rating::Neutral, &t(5, 25, 5)), None);
        // Too few answers to tell: no gap, however far apart.
        assert_eq!(gap(Rating::Magical, &t(29, 0, 0)), None);
    }

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
