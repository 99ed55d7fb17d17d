//! Touchpoint audits: raters score items from 1 (low) to 10 (high), and the
//! results are compared by item, phase, rater group, branch and round.

use crate::text::{Msg, RuleError};
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

/// The default template's phases and items, from the method.
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

/// An item of a round, as the report needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportItem {
    pub id: Id,
    pub phase: String,
    pub text: String,
    pub moment_id: Option<Id>,
    /// What links this item to the same item of another round (the template item).
    pub key: Option<Id>,
}

/// One score, as the report needs it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreRow {
    pub item_id: Id,
    pub branch_id: Id,
    pub group: RaterGroup,
    pub score: u8,
}

/// A rater's comment on an item, as the owner sees it: with the rater's
/// group and branch, never the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentRow {
    pub item_id: Id,
    pub branch_id: Id,
    pub group: RaterGroup,
    pub text: String,
}

/// A comment under its item in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemComment {
    pub group: RaterGroup,
    pub branch_id: Id,
    pub text: String,
}

/// The results of one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub item: ReportItem,
    pub overall: Option<Stats>,
    pub by_group: Vec<(RaterGroup, Stats)>,
    /// The gap between two groups that stands out most from the round's
    /// usual gap between the same two groups: (higher, lower, points).
    pub gap: Option<(RaterGroup, RaterGroup, f64)>,
    /// The usual difference (higher minus lower group of `gap`) between
    /// those two groups in the round: the median over the items both
    /// scored, 0 when fewer than [`TYPICAL_FROM`] items were.
    pub usual_gap: Option<f64>,
    /// Per branch (in the order given), `None` where nobody scored it.
    pub by_branch: Vec<(Id, Option<Stats>)>,
    /// The range of the branches' means.
    pub inconsistency: Option<f64>,
    /// The one branch the item's low scores come from: its mean is
    /// [`INCONSISTENT`] or more below every other branch's.
    pub low_branch: Option<Id>,
    /// Mean now minus mean in the previous round.
    pub change: Option<f64>,
    /// The raters' comments (group and branch, never the person), in branch
    /// then group order.
    #[serde(default)]
    pub comments: Vec<ItemComment>,
}

impl ItemResult {
    /// The gap stands out: it differs from the round's usual gap between
    /// the same two groups by [`NOTABLE_GAP`] points or more. A group that
    /// always rates two points higher flags nothing; an item where it
    /// rates four points higher does.
    pub fn notable_gap(&self) -> bool {
        self.gap_beyond_usual()
            .is_some_and(|g| g.abs() >= NOTABLE_GAP - 1e-9)
    }
    /// How far the gap is from the usual one (positive: wider).
    pub fn gap_beyond_usual(&self) -> Option<f64> {
        let (_, _, points) = self.gap?;
        Some(points - self.usual_gap.unwrap_or(0.0))
    }
    pub fn inconsistent(&self) -> bool {
        self.inconsistency.is_some_and(|i| i >= INCONSISTENT)
    }
}

/// Items two groups must both have scored before their median difference
/// counts as their usual gap; with fewer, the usual gap is 0.
pub const TYPICAL_FROM: usize = 3;

/// Picks an item's gap: of every pair of groups that scored it (a before b
/// in [`RaterGroup::ALL`]), the one whose difference mean(a) − mean(b) is
/// furthest from the pair's usual difference in the round (the median over
/// the round's items, see [`TYPICAL_FROM`]); the first such pair on a tie.
/// Answers the gap (higher group first) and the usual gap in that order.
fn pick_gap(
    me: usize,
    means: &[Vec<(RaterGroup, f64)>],
) -> (Option<(RaterGroup, RaterGroup, f64)>, Option<f64>) {
    let mean_of = |i: usize, g: RaterGroup| means[i].iter().find(|(x, _)| *x == g).map(|m| m.1);
    let mut best: Option<(RaterGroup, RaterGroup, f64, f64, f64)> = None;
    for (ai, a) in RaterGroup::ALL.iter().enumerate() {
        for b in &RaterGroup::ALL[ai + 1..] {
            let (Some(ma), Some(mb)) = (mean_of(me, *a), mean_of(me, *b)) else {
                continue;
            };
            let d = ma - mb;
            let mut all: Vec<f64> = (0..means.len())
                .filter_map(|j| Some(mean_of(j, *a)? - mean_of(j, *b)?))
                .collect();
            let usual = if all.len() >= TYPICAL_FROM {
                median(&mut all).unwrap_or(0.0)
            } else {
                0.0
            };
            let excess = (d - usual).abs();
            if best.is_none_or(|x| excess > x.4 + 1e-9) {
                best = Some((*a, *b, d, usual, excess));
            }
        }
    }
    match best {
        None => (None, None),
        Some((a, b, d, usual, _)) if d >= 0.0 => (Some((a, b, d)), Some(usual)),
        Some((a, b, d, usual, _)) => (Some((b, a, -d)), Some(-usual)),
    }
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// The branch an item's low scores come from, if one stands apart: its mean
/// is [`INCONSISTENT`] or more below every other branch's.
fn low_branch(by_branch: &[(Id, Option<Stats>)]) -> Option<Id> {
    let mut means: Vec<(Id, f64)> = by_branch
        .iter()
        .filter_map(|(b, s)| s.map(|s| (*b, s.mean)))
        .collect();
    if means.len() < 2 {
        return None;
    }
    means.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal));
    (means[1].1 - means[0].1 >= INCONSISTENT - 1e-9).then_some(means[0].0)
}

/// A round's results: items lowest-scoring first, and summaries by phase,
/// rater group and branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditReport {
    pub items: Vec<ItemResult>,
    pub phases: Vec<(String, Option<Stats>)>,
    pub groups: Vec<(RaterGroup, Stats)>,
    pub branches: Vec<(Id, Option<Stats>)>,
}

impl AuditReport {
    /// Puts the raters' comments under their items, in the report's branch
    /// order, then group order, then by text (so their order says nothing
    /// of who wrote them or when).
    pub fn with_comments(mut self, comments: &[CommentRow]) -> AuditReport {
        let branch_at = |b: Id| {
            self.branches
                .iter()
                .position(|(x, _)| *x == b)
                .unwrap_or(usize::MAX)
        };
        let mut sorted: Vec<&CommentRow> = comments.iter().collect();
        sorted.sort_by(|a, b| {
            (branch_at(a.branch_id), a.group, &a.text).cmp(&(
                branch_at(b.branch_id),
                b.group,
                &b.text,
            ))
        });
        for c in sorted {
            if let Some(it) = self.items.iter_mut().find(|i| i.item.id == c.item_id) {
                it.comments.push(ItemComment {
                    group: c.group,
                    branch_id: c.branch_id,
                    text: c.text.clone(),
                });
            }
        }
        self
    }

    /// The items with a gap between groups, the gap that stands out most
    /// from the usual one first (ties: the wider gap first, then the
    /// report's order).
    pub fn gaps_by_size(&self) -> Vec<&ItemResult> {
        let mut out: Vec<&ItemResult> = self.items.iter().filter(|i| i.gap.is_some()).collect();
        out.sort_by(|a, b| {
            let key = |i: &ItemResult| {
                (
                    i.gap_beyond_usual().unwrap_or(0.0).abs(),
                    i.gap.map_or(0.0, |g| g.2),
                )
            };
            let (ka, kb) = (key(a), key(b));
            kb.0.partial_cmp(&ka.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(kb.1.partial_cmp(&ka.1).unwrap_or(std::cmp::Ordering::Equal))
        });
        out
    }
}

/// Computes a round's report. `previous` gives, per item key, the previous
/// round's mean score, for the change since then.
pub fn report(
    items: &[ReportItem],
    scores: &[ScoreRow],
    branches: &[Id],
    previous: &HashMap<Id, f64>,
) -> AuditReport {
    let mut per_item: HashMap<Id, Vec<&ScoreRow>> = HashMap::new();
    for s in scores {
        per_item.entry(s.item_id).or_default().push(s);
    }
    let mut results: Vec<ItemResult> = items
        .iter()
        .map(|it| {
            let rows = per_item.get(&it.id).map(Vec::as_slice).unwrap_or(&[]);
            let all: Vec<u8> = rows.iter().map(|r| r.score).collect();
            let mut by_group_raw: HashMap<RaterGroup, Vec<u8>> = HashMap::new();
            let mut by_branch_raw: HashMap<Id, Vec<u8>> = HashMap::new();
            for r in rows {
                by_group_raw.entry(r.group).or_default().push(r.score);
                by_branch_raw.entry(r.branch_id).or_default().push(r.score);
            }
            let overall = Stats::of(&all);
            let by_branch: Vec<(Id, Option<Stats>)> = branches
                .iter()
                .map(|b| (*b, by_branch_raw.get(b).and_then(|s| Stats::of(s))))
                .collect();
            ItemResult {
                item: it.clone(),
                by_group: RaterGroup::ALL
                    .iter()
                    .filter_map(|g| {
                        by_group_raw
                            .get(g)
                            .and_then(|s| Stats::of(s))
                            .map(|st| (*g, st))
                    })
                    .collect(),
                gap: None,
                usual_gap: None,
                low_branch: low_branch(&by_branch),
                by_branch,
                inconsistency: branch_inconsistency(&by_branch_raw),
                change: change(
                    it.key.and_then(|k| previous.get(&k).copied()),
                    overall.as_ref(),
                ),
                overall,
                comments: Vec::new(),
            }
        })
        .collect();
    // Each item's gap against the round's usual gap between the same groups.
    let means: Vec<Vec<(RaterGroup, f64)>> = results
        .iter()
        .map(|r| r.by_group.iter().map(|(g, s)| (*g, s.mean)).collect())
        .collect();
    for (i, r) in results.iter_mut().enumerate() {
        (r.gap, r.usual_gap) = pick_gap(i, &means);
    }
    // Lowest mean first; unscored items last; ties keep the template order.
    results.sort_by(|a, b| {
        let ma = a.overall.map_or(f64::INFINITY, |s| s.mean);
        let mb = b.overall.map_or(f64::INFINITY, |s| s.mean);
        ma.partial_cmp(&mb).unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut phases: Vec<(String, Vec<u8>)> = Vec::new();
    for it in items {
        if !phases.iter().any(|(p, _)| *p == it.phase) {
            phases.push((it.phase.clone(), Vec::new()));
        }
    }
    let phase_of: HashMap<Id, &str> = items.iter().map(|i| (i.id, i.phase.as_str())).collect();
    let mut groups: HashMap<RaterGroup, Vec<u8>> = HashMap::new();
    let mut by_branch: HashMap<Id, Vec<u8>> = HashMap::new();
    for s in scores {
        if let Some(p) = phase_of.get(&s.item_id) {
            if let Some((_, v)) = phases.iter_mut().find(|(name, _)| name == p) {
                v.push(s.score);
            }
        }
        groups.entry(s.group).or_default().push(s.score);
        by_branch.entry(s.branch_id).or_default().push(s.score);
    }
    AuditReport {
        items: results,
        phases: phases
            .into_iter()
            .map(|(p, v)| (p, Stats::of(&v)))
            .collect(),
        groups: RaterGroup::ALL
            .iter()
            .filter_map(|g| groups.get(g).and_then(|s| Stats::of(s)).map(|st| (*g, st)))
            .collect(),
        branches: branches
            .iter()
            .map(|b| (*b, by_branch.get(b).and_then(|s| Stats::of(s))))
            .collect(),
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    fn item(id: Id, phase: &str) -> ReportItem {
        ReportItem {
            id,
            phase: phase.into(),
            text: format!("item {id}"),
            moment_id: None,
            key: Some(id * 10),
        }
    }
    fn s(item_id: Id, branch_id: Id, group: RaterGroup, score: u8) -> ScoreRow {
        ScoreRow {
            item_id,
            branch_id,
            group,
            score,
        }
    }

    #[test]
    fn the_report_puts_the_lowest_items_first_and_flags_gaps_and_inconsistency() {
        use RaterGroup::*;
        let items = [item(1, "Pre"), item(2, "Engagement"), item(3, "Engagement")];
        let scores = [
            s(1, 100, Staff, 8),
            s(1, 100, Friend, 4),
            s(1, 200, Staff, 8),
            s(1, 200, Friend, 4),
            s(2, 100, Staff, 9),
            s(2, 200, Staff, 3),
            s(3, 100, Customer, 9),
            s(3, 200, Customer, 9),
        ];
        let mut prev = HashMap::new();
        prev.insert(10, 5.0);
        let r = report(&items, &scores, &[100, 200], &prev);
        let order: Vec<Id> = r.items.iter().map(|i| i.item.id).collect();
        assert_eq!(
            order,
            [1, 2, 3],
            "means 6, 6, 9: lowest first, ties in template order"
        );
        let signage = &r.items[0];
        assert!(signage.notable_gap());
        assert_eq!(signage.gap, Some((Staff, Friend, 4.0)));
        assert!(!signage.inconsistent(), "both branches average 6");
        assert_eq!(signage.change, Some(1.0));
        let two = &r.items[1];
        assert!(two.inconsistent(), "branches 9 and 3");
        assert_eq!(two.inconsistency, Some(6.0));
        assert_eq!(r.phases[0].0, "Pre");
        assert_eq!(r.phases[1].1.unwrap().count, 4);
        assert_eq!(
            r.groups
                .iter()
                .map(|(g, st)| (*g, st.count))
                .collect::<Vec<_>>(),
            [(Staff, 4), (Friend, 2), (Customer, 2)]
        );
        assert_eq!(r.branches[0].1.unwrap().count, 4);
    }

    #[test]
    fn an_unscored_item_comes_last_without_stats() {
        let r = report(
            &[item(1, "P"), item(2, "P")],
            &[s(2, 1, RaterGroup::Staff, 2)],
            &[1],
            &HashMap::new(),
        );
        assert_eq!(r.items[0].item.id, 2);
        assert!(r.items[1].overall.is_none());
        assert_eq!(r.items[1].by_branch, vec![(1, None)]);
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

    #[test]
    fn no_rater_is_invited_to_a_closed_round() {
        assert!(may_invite(false).is_ok());
        assert!(matches!(may_invite(true), Err(RuleError::Conflict(_))));
    }

    #[test]
    fn a_gap_is_flagged_only_when_it_stands_out_from_the_rounds_usual_gap() {
        use RaterGroup::*;
        // Staff always rate two points above friends; on item 4 four points.
        let items: Vec<ReportItem> = (1..=5).map(|i| item(i, "P")).collect();
        let mut scores = Vec::new();
        for i in 1..=5 {
            let (st, fr) = if i == 4 { (9, 5) } else { (8, 6) };
            scores.push(s(i, 1, Staff, st));
            scores.push(s(i, 1, Friend, fr));
        }
        let r = report(&items, &scores, &[1], &HashMap::new());
        let flagged: Vec<Id> = r
            .items
            .iter()
            .filter(|i| i.notable_gap())
            .map(|i| i.item.id)
            .collect();
        assert_eq!(
            flagged,
            [4],
            "only the item whose gap differs from the usual 2"
        );
        let four = r.items.iter().find(|i| i.item.id == 4).unwrap();
        assert_eq!(four.gap, Some((Staff, Friend, 4.0)));
        assert_eq!(four.usual_gap, Some(2.0));
        assert_eq!(four.gap_beyond_usual(), Some(2.0));
        let two = r.items.iter().find(|i| i.item.id == 1).unwrap();
        assert_eq!(
            (two.gap, two.usual_gap),
            (Some((Staff, Friend, 2.0)), Some(2.0))
        );
        // Ranked by how far the gap stands out: item 4 first.
        assert_eq!(r.gaps_by_size()[0].item.id, 4);
        assert_eq!(r.gaps_by_size().len(), 5);

        // A reversed gap stands out too: friends above staff where staff are usually above.
        let mut scores = scores.clone();
        scores.retain(|x| x.item_id != 2);
        scores.push(s(2, 1, Staff, 5));
        scores.push(s(2, 1, Friend, 7));
        let r = report(&items, &scores, &[1], &HashMap::new());
        let rev = r.items.iter().find(|i| i.item.id == 2).unwrap();
        assert_eq!(rev.gap, Some((Friend, Staff, 2.0)));
        assert!(rev.notable_gap(), "{rev:?}");
        assert_eq!(r.gaps_by_size()[0].item.id, 2, "4 points beyond the usual");

        // A single item: nothing to compare with, so the usual gap is 0.
        let r = report(
            &[item(1, "P")],
            &[s(1, 1, Staff, 8), s(1, 1, Friend, 5)],
            &[1],
            &HashMap::new(),
        );
        assert_eq!(r.items[0].usual_gap, Some(0.0));
        assert!(r.items[0].notable_gap());
    }

    #[test]
    fn a_low_mean_that_comes_from_one_branch_names_it() {
        use RaterGroup::*;
        let items = [item(1, "P"), item(2, "P")];
        let scores = [
            s(1, 10, Staff, 9),
            s(1, 20, Staff, 3),
            s(1, 30, Staff, 8),
            s(2, 10, Staff, 4),
            s(2, 20, Staff, 3),
            s(2, 30, Staff, 8),
        ];
        let r = report(&items, &scores, &[10, 20, 30], &HashMap::new());
        let by = |id| r.items.iter().find(|i| i.item.id == id).unwrap();
        assert_eq!(by(1).low_branch, Some(20), "3 against 8 and 9");
        assert_eq!(by(2).low_branch, None, "two branches are low");
    }

    #[test]
    fn comments_go_under_their_items_in_branch_then_group_order() {
        use RaterGroup::*;
        let items = [item(1, "P"), item(2, "P")];
        let c = |item_id, branch_id, group, text: &str| CommentRow {
            item_id,
            branch_id,
            group,
            text: text.into(),
        };
        let r = report(&items, &[], &[200, 100], &HashMap::new()).with_comments(&[
            c(1, 100, Staff, "b"),
            c(1, 200, Friend, "z"),
            c(1, 100, Manager, "c"),
            c(1, 100, Staff, "a"),
            c(2, 100, Staff, "x"),
        ]);
        let texts = |id| {
            r.items
                .iter()
                .find(|i| i.item.id == id)
                .unwrap()
                .comments
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(1), ["z", "c", "a", "b"]);
        assert_eq!(texts(2), ["x"]);
    }
}
