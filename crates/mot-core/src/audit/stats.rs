//! The figures of an audit: summary statistics, the gap between rater
//! groups, the spread between branches, the change since the last round,
//! and how a figure is rounded for people to read.

use super::RaterGroup;
use crate::Id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    // The first group (in the usual order) with the highest mean, and the
    // first other group with the lowest: always two different groups.
    let hi = means
        .iter()
        .copied()
        .fold(means[0], |a, b| if b.1 > a.1 { b } else { a });
    let others: Vec<(RaterGroup, f64)> = means.iter().copied().filter(|m| m.0 != hi.0).collect();
    let lo = others
        .iter()
        .copied()
        .fold(others[0], |a, b| if b.1 < a.1 { b } else { a });
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

/// The change of an item's mean since the previous round (given its mean).
pub fn change(previous_mean: Option<f64>, now: Option<&Stats>) -> Option<f64> {
    Some(now?.mean - previous_mean?)
}

/// A figure rounded to one decimal, half away from zero: 6.25 → 6.3,
/// -0.25 → -0.3. The one rule for every audit figure a person reads (the
/// results page, the board's note, the CSV, XLSX and PDF): it is the rule
/// people learnt at school and the one a spreadsheet applies when it shows a
/// number cell as "0.0", so the page, the board and a download opened in
/// Excel always agree. The figures are ratios of small whole numbers, so a
/// true tie is common (25/4); the nudge of 1e-9 keeps one whose binary value
/// falls a hair below the tie (e.g. 1.15, stored as 1.1499…) a tie.
pub fn round1(x: f64) -> f64 {
    let t = x * 10.0;
    let r = (t + t.signum() * 1e-9).round() / 10.0;
    // No "-0.0".
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A figure as shown: one decimal by [`round1`], e.g. "6.3", "0.0".
pub fn one_decimal(x: f64) -> String {
    format!("{:.1}", round1(x))
}

/// A change as shown, with its sign: "+1.0", "-0.5", "0.0".
pub fn signed_one_decimal(x: f64) -> String {
    let r = round1(x);
    if r > 0.0 {
        format!("+{r:.1}")
    } else {
        format!("{r:.1}")
    }
}

/// At least this many other clients must contribute before their scores
/// are shown beside a client's, so that no single client can be made out.
pub const BENCHMARK_MIN_CLIENTS: usize = 5;

/// Other clients' means of an item (one each: their latest round of the
/// same template), anonymised to quartiles.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    pub clients: usize,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

/// The quartiles of other clients' means (linear between the two nearest
/// ranks, as spreadsheets' QUARTILE.INC does); `None` when fewer than
/// [`BENCHMARK_MIN_CLIENTS`] contribute.
pub fn benchmark(means: &[f64]) -> Option<Benchmark> {
    if means.len() < BENCHMARK_MIN_CLIENTS {
        return None;
    }
    let mut v: Vec<f64> = means.iter().copied().filter(|x| x.is_finite()).collect();
    if v.len() < BENCHMARK_MIN_CLIENTS {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let pos = p * (v.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
    };
    Some(Benchmark {
        clients: v.len(),
        q1: at(0.25),
        median: at(0.5),
        q3: at(0.75),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_clients_are_shown_as_quartiles_from_five_on() {
        assert_eq!(
            benchmark(&[7.0, 8.0, 6.0, 9.0]),
            None,
            "four clients are too few"
        );
        let b = benchmark(&[7.0, 8.0, 6.0, 9.0, 5.0]).unwrap();
        assert_eq!((b.clients, b.q1, b.median, b.q3), (5, 6.0, 7.0, 8.0));
        // Between ranks: 1..=6 → Q1 at 2.25, median 3.5, Q3 at 4.75 (as QUARTILE.INC).
        let b = benchmark(&[6.0, 1.0, 5.0, 2.0, 4.0, 3.0]).unwrap();
        assert_eq!((b.q1, b.median, b.q3), (2.25, 3.5, 4.75));
    }
    use proptest::prelude::*;

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
        // Equal means: still two different groups, a gap of zero.
        g.insert(RaterGroup::Manager, vec![5]);
        assert_eq!(
            group_gap(&g),
            Some((RaterGroup::Manager, RaterGroup::Staff, 0.0))
        );
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
        assert_eq!(change(Some(a.mean), Some(&b)), Some(2.0));
        assert_eq!(change(None, Some(&b)), None);
    }

    #[test]
    fn figures_round_half_away_from_zero_to_one_decimal() {
        // 6.25 is exact in binary: halves to even would give 6.2.
        assert_eq!(one_decimal(6.25), "6.3");
        assert_eq!(one_decimal(25.0 / 4.0), "6.3");
        assert_eq!(one_decimal(-0.25), "-0.3");
        assert_eq!(one_decimal(0.35), "0.4");
        // Stored a hair below the tie (1.1499…), still a tie.
        assert_eq!(one_decimal(1.15), "1.2");
        assert_eq!(one_decimal(2.675), "2.7");
        assert_eq!(one_decimal(6.24), "6.2");
        assert_eq!(one_decimal(-0.04), "0.0");
        assert_eq!(signed_one_decimal(0.04), "0.0");
        assert_eq!(signed_one_decimal(0.25), "+0.3");
        assert_eq!(signed_one_decimal(-0.46), "-0.5");
        assert_eq!(round1(7.45), 7.5);
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
