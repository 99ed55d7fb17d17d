//! The figures drawn from customers' verdicts, honest about how sure they
//! are: a score from −100 (all worse) to +100 (all better) with its 95 %
//! interval, the share of each verdict with its Wilson interval, "too few to
//! tell" under [`MIN_ANSWERS`], and a p-chart's control limits over time.

use super::Verdict;
use serde::Serialize;

/// Fewer answers than this are shown as "too few to tell".
pub const MIN_ANSWERS: u64 = 30;

/// A verdict as a figure shows it ([`Tally::shown`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown {
    /// Its share of the answers, 0–1.
    Share(f64),
    /// How many gave it: too few answers for a share.
    Count(u64),
}

/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// How many customers gave each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub worse: u64,
    pub as_expected: u64,
    pub better: u64,
}

/// A range a figure lies in, 95 % sure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Tally {
    pub fn add(&mut self, v: Verdict, n: u64) {
        match v {
            Verdict::Worse => self.worse += n,
            Verdict::AsExpected => self.as_expected += n,
            Verdict::Better => self.better += n,
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        self.worse += other.worse;
        self.as_expected += other.as_expected;
        self.better += other.better;
    }

    pub fn count(&self, v: Verdict) -> u64 {
        match v {
            Verdict::Worse => self.worse,
            Verdict::AsExpected => self.as_expected,
            Verdict::Better => self.better,
        }
    }

    pub fn total(&self) -> u64 {
        self.worse + self.as_expected + self.better
    }

    /// Whether there are enough answers to tell ([`MIN_ANSWERS`]).
    pub fn enough(&self) -> bool {
        self.total() >= MIN_ANSWERS
    }

    /// The share (0–1) of customers who gave `v`.
    pub fn share(&self, v: Verdict) -> Option<f64> {
        let n = self.total();
        (n > 0).then(|| self.count(v) as f64 / n as f64)
    }

    /// What a figure shows of `v`: its share once there are enough
    /// answers to tell, under [`MIN_ANSWERS`] its count ("100 %" from one
    /// answer would claim more than it knows); `None` without answers.
    pub fn shown(&self, v: Verdict) -> Option<Shown> {
        let share = self.share(v)?;
        Some(if self.enough() {
            Shown::Share(share)
        } else {
            Shown::Count(self.count(v))
        })
    }

    /// The share of `v` with its Wilson 95 % interval.
    pub fn share_interval(&self, v: Verdict) -> Option<Interval> {
        wilson(self.count(v) as f64, self.total())
    }

    /// The score: 100 × (better − worse) / answers, from −100 to +100.
    pub fn score(&self) -> Option<f64> {
        let n = self.total();
        (n > 0).then(|| 100.0 * (self.better as f64 - self.worse as f64) / n as f64)
    }

    /// The score's 95 % interval: the Wilson interval of the mean verdict
    /// (worse 0, as expected ½, better 1), stretched to −100…+100. A
    /// three-way answer varies no more than a yes/no one, so the interval
    /// is, if anything, a little wide: never falsely sure.
    pub fn score_interval(&self) -> Option<Interval> {
        let half_points = self.better as f64 + self.as_expected as f64 / 2.0;
        wilson(half_points, self.total()).map(|i| Interval {
            low: 200.0 * i.low - 100.0,
            high: 200.0 * i.high - 100.0,
        })
    }
}

/// The Wilson score interval (95 %) of `successes` out of `n`.
pub fn wilson(successes: f64, n: u64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let p = (successes / n).clamp(0.0, 1.0);
    let z2 = Z95 * Z95;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z95 / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// One period of a p-chart: its share and its control limits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChartPoint {
    pub count: u64,
    pub total: u64,
    pub share: Option<f64>,
    pub lower: f64,
    pub upper: f64,
    /// Outside its limits: more (or fewer) than chance explains.
    pub out: bool,
}

/// A p-chart over periods of (how many gave the verdict watched, answers):
/// the centre line is the share over all periods; each period's limits are
/// three standard errors either side, for its own number of answers. An
/// empty period has no share and is never out.
pub fn p_chart(periods: &[(u64, u64)]) -> (f64, Vec<ChartPoint>) {
    let (x, n) = periods
        .iter()
        .fold((0u64, 0u64), |(x, n), (a, b)| (x + a, n + b));
    let centre = if n == 0 { 0.0 } else { x as f64 / n as f64 };
    let points = periods
        .iter()
        .map(|&(count, total)| {
            let (lower, upper) = if total == 0 {
                (0.0, 1.0)
            } else {
                let se = (centre * (1.0 - centre) / total as f64).sqrt();
                ((centre - 3.0 * se).max(0.0), (centre + 3.0 * se).min(1.0))
            };
            let share = (total > 0).then(|| count as f64 / total as f64);
            ChartPoint {
                count,
                total,
                share,
                lower,
                upper,
                out: share.is_some_and(|s| s < lower || s > upper),
            }
        })
        .collect();
    (centre, points)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-4
    }

    #[test]
    fn a_figure_shows_counts_until_there_are_enough_answers_to_tell() {
        let few = Tally {
            worse: 1,
            as_expected: 0,
            better: 28,
        };
        assert_eq!(few.shown(Verdict::Worse), Some(Shown::Count(1)));
        assert_eq!(few.shown(Verdict::AsExpected), Some(Shown::Count(0)));
        let enough = Tally {
            worse: 3,
            as_expected: 0,
            better: 27,
        };
        assert_eq!(enough.shown(Verdict::Worse), Some(Shown::Share(0.1)));
        assert_eq!(Tally::default().shown(Verdict::Better), None);
    }

    #[test]
    fn wilson_matches_hand_computed_intervals() {
        // 0 of 10: (0, z²/(n+z²)) = (0, 0.2775).
        let i = wilson(0.0, 10).unwrap();
        assert!(close(i.low, 0.0) && close(i.high, 0.2775), "{i:?}");
        // 5 of 10: 0.5 ± 0.2634.
        let i = wilson(5.0, 10).unwrap();
        assert!(close(i.low, 0.2366) && close(i.high, 0.7634), "{i:?}");
        // 81 of 263 (Wilson's own example in the literature): 0.2553–0.3662.
        let i = wilson(81.0, 263).unwrap();
        assert!(close(i.low, 0.2553) && close(i.high, 0.3662), "{i:?}");
        assert_eq!(wilson(0.0, 0), None);
    }

    #[test]
    fn the_score_runs_from_minus_to_plus_a_hundred_and_few_answers_are_unsure() {
        let t = |worse, as_expected, better| Tally {
            worse,
            as_expected,
            better,
        };
        assert_eq!(t(10, 0, 0).score(), Some(-100.0));
        assert_eq!(t(0, 0, 10).score(), Some(100.0));
        assert_eq!(t(3, 4, 3).score(), Some(0.0));
        assert_eq!(t(1, 2, 5).score(), Some(50.0));
        assert_eq!(Tally::default().score(), None);
        // All as expected, 10 answers: the mean is ½, Wilson 0.5 ± 0.2634,
        // so the score is 0 ± 52.7.
        let i = t(0, 10, 0).score_interval().unwrap();
        assert!((i.low + 52.68).abs() < 0.05, "{i:?}");
        assert!((i.high - 52.68).abs() < 0.05, "{i:?}");
        // The same shares from a hundred times the answers: far narrower.
        let few = t(1, 2, 5).score_interval().unwrap();
        let many = t(100, 200, 500).score_interval().unwrap();
        assert!(few.high - few.low > 3.0 * (many.high - many.low));
        assert!(many.low < 50.0 && many.high > 50.0);
        assert!(!t(10, 10, 9).enough());
        assert!(t(10, 10, 10).enough());
        let s = t(2, 3, 5).share_interval(Verdict::Better).unwrap();
        assert!(close(s.low, 0.2366) && close(s.high, 0.7634), "{s:?}");
    }

    #[test]
    fn a_p_chart_flags_only_periods_beyond_three_standard_errors() {
        // Four periods of 100 answers with 10 % worse, then one with 30 %.
        let (centre, points) = p_chart(&[(10, 100), (10, 100), (10, 100), (10, 100), (30, 100)]);
        // centre = 70/500 = 0.14; se = sqrt(0.14·0.86/100) = 0.0347;
        // limits 0.14 ± 0.1041 = 0.0359 … 0.2441.
        assert!(close(centre, 0.14));
        assert!(close(points[0].lower, 0.0359) && close(points[0].upper, 0.2441));
        assert_eq!(
            points.iter().map(|p| p.out).collect::<Vec<_>>(),
            [false, false, false, false, true]
        );
        // A single bad answer in a small period is within its wide limits.
        let (_, points) = p_chart(&[(10, 100), (10, 100), (1, 2)]);
        assert!(!points[2].out, "{:?}", points[2]);
        // An empty period has no share and is never out.
        let (_, points) = p_chart(&[(5, 50), (0, 0)]);
        assert_eq!((points[1].share, points[1].out), (None, false));
    }
}
