//! A round's report: each item's results, lowest first, with the gaps
//! between groups and branches that stand out, and the raters' comments.

use super::{branch_inconsistency, change, RaterGroup, Stats, INCONSISTENT, NOTABLE_GAP};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
mod tests {
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
