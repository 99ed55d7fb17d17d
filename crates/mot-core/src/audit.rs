//! Touchpoint audits: raters score items from 1 (low) to 10 (high), and the
//! results are compared by item, phase, rater group, branch and round.

use crate::text::RuleError;
use crate::Id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
                format!("{s} is not a score: give 1 (low) to 10 (high), or “not applicable”"),
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

/// Summary statistics of a set of scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub count: u32,
    pub mean: f64,
    pub median: f64,
    /// Population standard deviation.
    pub spread: f64,
    pub min: u8,
    pub max: u8,
}

impl Stats {
    /// `None` when there are no scores.
    pub fn of(scores: &[u8]) -> Option<Stats> {
        if scores.is_empty() {
            return None;
        }
        let n = scores.len() as f64;
        let mean = scores.iter().map(|s| *s as f64).sum::<f64>() / n;
        let mut sorted = scores.to_vec();
        sorted.sort_unstable();
        let mid = sorted.len() / 2;
        let median = if sorted.len().is_multiple_of(2) {
            (sorted[mid - 1] as f64 + sorted[mid] as f64) / 2.0
        } else {
            sorted[mid] as f64
        };
        let var = scores
            .iter()
            .map(|s| (*s as f64 - mean).powi(2))
            .sum::<f64>()
            / n;
        Some(Stats {
            count: scores.len() as u32,
            mean,
            median,
            spread: var.sqrt(),
            min: sorted[0],
            max: sorted[sorted.len() - 1],
        })
    }
}

/// The largest difference between the mean scores two rater groups gave one
/// item, with the groups: (highest group, lowest group, gap). `None` with
/// fewer than two groups.
pub fn group_gap(by_group: &HashMap<RaterGroup, Vec<u8>>) -> Option<(RaterGroup, RaterGroup, f64)> {
    let means: Vec<(RaterGroup, f64)> = RaterGroup::ALL
        .iter()
        .filter_map(|g| {
            by_group
                .get(g)
                .and_then(|s| Stats::of(s))
                .map(|st| (*g, st.mean))
        })
        .collect();
    if means.len() < 2 {
        return None;
    }
    let hi = means
        .iter()
        .cloned()
        .fold(means[0], |a, b| if b.1 > a.1 { b } else { a });
    let lo = means
        .iter()
        .cloned()
        .fold(means[0], |a, b| if b.1 < a.1 { b } else { a });
    Some((hi.0, lo.0, hi.1 - lo.1))
}

/// A gap between groups worth highlighting (in points on the 1–10 scale).
pub const NOTABLE_GAP: f64 = 2.0;

/// How inconsistent an item is across branches: the range (highest minus
/// lowest) of the branches' mean scores. `None` with fewer than two branches
/// that have scores.
pub fn branch_inconsistency(by_branch: &HashMap<Id, Vec<u8>>) -> Option<f64> {
    let means: Vec<f64> = by_branch
        .values()
        .filter_map(|s| Stats::of(s))
        .map(|s| s.mean)
        .collect();
    if means.len() < 2 {
        return None;
    }
    let hi = means.iter().cloned().fold(f64::MIN, f64::max);
    let lo = means.iter().cloned().fold(f64::MAX, f64::min);
    Some(hi - lo)
}

/// Branches differing by this much on an item make it "inconsistent".
pub const INCONSISTENT: f64 = 2.0;

/// The change of an item's mean since the previous round.
pub fn change(previous: Option<&Stats>, now: Option<&Stats>) -> Option<f64> {
    Some(now?.mean - previous?.mean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
    fn stats_match_hand_computed_values() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, median 4.5, population sd 2.
        let s = Stats::of(&[2, 4, 4, 4, 5, 5, 7, 9]).unwrap();
        assert_eq!(
            (s.count, s.mean, s.median, s.spread, s.min, s.max),
            (8, 5.0, 4.5, 2.0, 2, 9)
        );
        let s = Stats::of(&[8]).unwrap();
        assert_eq!((s.mean, s.median, s.spread), (8.0, 8.0, 0.0));
        assert!(Stats::of(&[]).is_none());
        assert_eq!(Stats::of(&[3, 9, 6]).unwrap().median, 6.0);
    }

    #[test]
    fn staff_8_and_friends_4_is_a_notable_gap() {
        let mut g = HashMap::new();
        g.insert(RaterGroup::Staff, vec![8, 8, 8]);
        g.insert(RaterGroup::Friend, vec![4, 4]);
        g.insert(RaterGroup::Manager, vec![6]);
        let (hi, lo, gap) = group_gap(&g).unwrap();
        assert_eq!((hi, lo, gap), (RaterGroup::Staff, RaterGroup::Friend, 4.0));
        assert!(gap >= NOTABLE_GAP);
        g.clear();
        g.insert(RaterGroup::Staff, vec![5]);
        assert!(group_gap(&g).is_none());
    }

    #[test]
    fn branch_inconsistency_is_the_range_of_branch_means() {
        let mut b = HashMap::new();
        b.insert(1, vec![9, 9]);
        b.insert(2, vec![5, 7]);
        b.insert(3, vec![]);
        assert_eq!(branch_inconsistency(&b), Some(3.0));
        b.remove(&1);
        assert_eq!(branch_inconsistency(&b), None);
    }

    #[test]
    fn change_since_the_previous_round() {
        let a = Stats::of(&[4, 6]).unwrap();
        let b = Stats::of(&[7, 7]).unwrap();
        assert_eq!(change(Some(&a), Some(&b)), Some(2.0));
        assert_eq!(change(None, Some(&b)), None);
    }

    proptest! {
        #[test]
        fn stats_stay_within_the_scale(scores in proptest::collection::vec(1u8..=10, 1..60)) {
            let s = Stats::of(&scores).unwrap();
            prop_assert!(s.min as f64 <= s.mean && s.mean <= s.max as f64);
            prop_assert!(s.min as f64 <= s.median && s.median <= s.max as f64);
            prop_assert!(s.spread >= 0.0 && s.spread <= 4.5);
            prop_assert_eq!(s.count as usize, scores.len());
        }

        #[test]
        fn the_gap_is_never_negative_and_never_above_nine(
            a in proptest::collection::vec(1u8..=10, 0..10),
            b in proptest::collection::vec(1u8..=10, 0..10),
        ) {
            let mut g = HashMap::new();
            g.insert(RaterGroup::Staff, a);
            g.insert(RaterGroup::Customer, b);
            if let Some((_, _, gap)) = group_gap(&g) {
                prop_assert!((0.0..=9.0).contains(&gap));
            }
        }
    }
}
