//! Touchpoint audits: raters score items from 1 (low) to 10 (high), and the
//! results are compared by item, phase, rater group, branch and round.

mod report;
mod stats;

pub use report::{
    report, AuditReport, CommentRow, ItemComment, ItemResult, ReportItem, ScoreRow, TYPICAL_FROM,
};
pub use stats::{
    benchmark, branch_inconsistency, change, group_gap, one_decimal, round1, signed_one_decimal,
    Benchmark, Stats, BENCHMARK_MIN_CLIENTS, INCONSISTENT, NOTABLE_GAP,
};

use crate::text::{Msg, RuleError};
use serde::{Deserialize, Serialize};

/// The groups a rater can belong to; results are compared between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RaterGroup {
    Manager,
    Staff,
    Friend,
    MysteryShopper,
    Customer,
}

impl RaterGroup {
    pub const ALL: [RaterGroup; 5] = [
        RaterGroup::Manager,
        RaterGroup::Staff,
        RaterGroup::Friend,
        RaterGroup::MysteryShopper,
        RaterGroup::Customer,
    ];
    pub fn key(self) -> &'static str {
        match self {
            RaterGroup::Manager => "manager",
            RaterGroup::Staff => "staff",
            RaterGroup::Friend => "friend",
            RaterGroup::MysteryShopper => "mystery_shopper",
            RaterGroup::Customer => "customer",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            RaterGroup::Manager => "Manager",
            RaterGroup::Staff => "Staff",
            RaterGroup::Friend => "Friend",
            RaterGroup::MysteryShopper => "Mystery shopper",
            RaterGroup::Customer => "Customer",
        }
    }
    pub fn from_key(k: &str) -> Option<RaterGroup> {
        RaterGroup::ALL.into_iter().find(|g| g.key() == k)
    }
}

/// One answer: a score from 1 to 10, or "not applicable".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Score(u8),
    NotApplicable,
}

impl Answer {
    /// Checks a submitted score: 1–10, or None for "not applicable".
    pub fn new(score: Option<i64>) -> Result<Answer, RuleError> {
        match score {
            None => Ok(Answer::NotApplicable),
            Some(s) if (1..=10).contains(&s) => Ok(Answer::Score(s as u8)),
            Some(s) => Err(RuleError::invalid(
                "score",
                Msg::new("rule-not-a-score").arg("score", s),
            )),
        }
    }
    pub fn score(self) -> Option<u8> {
        match self {
            Answer::Score(s) => Some(s),
            Answer::NotApplicable => None,
        }
    }
}

/// Length limits of an audit's texts.
pub struct AuditLimits;
impl AuditLimits {
    pub const BRANCH_NAME: usize = 120;
    pub const PHASE: usize = 120;
    pub const ITEM_TEXT: usize = 300;
    pub const GUIDANCE: usize = 2_000;
    pub const ROUND_NAME: usize = 120;
    /// Each of a standard's texts (experience, highs, risks).
    pub const STANDARD: usize = 2_000;
    /// A rater's comment on one item.
    pub const COMMENT: usize = 1_000;
    /// The most rater links made by one request.
    pub const LINKS_AT_ONCE: usize = 500;
}

/// The default template's phases and items, from the method.
pub fn default_template() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "Pre-engagement",
            vec![
                "Website / brochure / advertising / prospective-customer communication",
                "Telephone / email enquiry",
                "Convenience of location and access (parking etc.)",
                "Experience / perception / reputation / word of mouth",
            ],
        ),
        (
            "Engagement",
            vec![
                "Ambience and atmosphere (lighting, colour, décor, music, hygiene)",
                "Store layout, flow, signage, ease of navigation",
                "Staff appearance (uniforms, presentation, name badges)",
                "Staff pleasantness and service attitude",
                "Needs investigation, product and technical knowledge",
                "Selling and closing skills",
                "Ease of payment and exit",
            ],
        ),
        (
            "Post-sale engagement",
            vec![
                "Purchases to destination (delivery, installation)",
                "Product and process instruction, ease of use",
                "Support, help and assistance",
                "Warranty / guarantee",
            ],
        ),
    ]
}

/// Whether raters may still be invited to a round: not once it is closed
/// (a new link could take no answer, and the round's "invited" figure would
/// grow after the fact).
pub fn may_invite(closed: bool) -> Result<(), RuleError> {
    if closed {
        return Err(RuleError::Conflict(Msg::new("rule-round-closed-invite")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_template_has_fifteen_items_in_three_phases() {
        let t = default_template();
        assert_eq!(t.len(), 3);
        assert_eq!(t.iter().map(|(_, i)| i.len()).sum::<usize>(), 15);
    }

    #[test]
    fn scores_are_one_to_ten_or_not_applicable() {
        assert_eq!(Answer::new(Some(1)).unwrap(), Answer::Score(1));
        assert_eq!(Answer::new(Some(10)).unwrap(), Answer::Score(10));
        assert_eq!(Answer::new(None).unwrap(), Answer::NotApplicable);
        assert!(Answer::new(Some(0)).is_err());
        assert!(Answer::new(Some(11)).is_err());
        assert!(Answer::new(Some(-3)).is_err());
    }

    #[test]
    fn no_rater_is_invited_to_a_closed_round() {
        assert!(may_invite(false).is_ok());
        assert!(matches!(may_invite(true), Err(RuleError::Conflict(_))));
    }
}
