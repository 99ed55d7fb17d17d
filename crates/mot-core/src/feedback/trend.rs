//! Customers' answers over time: days gathered into weeks or months, a
//! p-chart per verdict, and the alerts a team should hear about: a moment
//! whose customers say "worse" more often than its own past explains, and
//! magic fading into expectation (fewer "better" than its past explains).
//! Never for a single bad answer: a period needs [`ALERT_MIN_ANSWERS`].

use super::stats::{p_chart, ChartPoint};
use super::{Tally, Verdict};
use serde::Serialize;
use time::{Date, Duration, Month};

/// The fewest answers in a period for it to raise an alert.
pub const ALERT_MIN_ANSWERS: u64 = 10;

/// How days are gathered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

impl Period {
    pub fn key(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    pub fn from_key(key: &str) -> Option<Period> {
        [Period::Week, Period::Month]
            .into_iter()
            .find(|p| p.key() == key)
    }

    /// The first day of the period `day` falls in.
    pub fn start(self, day: Date) -> Date {
        match self {
            Period::Week => {
                day - Duration::days(i64::from(day.weekday().number_days_from_monday()))
            }
            Period::Month => day.replace_day(1).unwrap_or(day),
        }
    }

    /// The first day of the period after the one starting on `start`.
    pub fn next(self, start: Date) -> Date {
        match self {
            Period::Week => start + Duration::days(7),
            Period::Month => {
                let (y, m) = match start.month() {
                    Month::December => (start.year() + 1, Month::January),
                    m => (start.year(), m.next()),
                };
                Date::from_calendar_date(y, m, 1).unwrap_or(start)
            }
        }
    }
}

/// The days since 1970-01-01 of a date (the roll-ups' day numbers).
pub fn day_number(d: Date) -> i64 {
    i64::from(d.to_julian_day()) - 2_440_588
}

/// The date of a day number.
pub fn date_of(day: i64) -> Date {
    Date::from_julian_day((day + 2_440_588) as i32).unwrap_or(Date::MIN)
}

/// One period of a moment's trend.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrendPoint {
    pub start: Date,
    pub tally: Tally,
    /// The share answering "worse", with its limits.
    pub worse: ChartPoint,
    /// The share answering "better", with its limits.
    pub better: ChartPoint,
}

/// What a trend says now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    /// More "worse" in the latest period than the moment's past explains.
    WorseThanUsual,
    /// Fewer "better" in the latest period than its past explains: what
    /// delighted is becoming what customers expect.
    MagicFading,
}

/// A moment's answers per period from `from` to `to` (every period shown,
/// empty ones too), from daily roll-ups `(day number, tally)`.
pub fn trend(days: &[(i64, Tally)], period: Period, from: Date, to: Date) -> Vec<TrendPoint> {
    let mut starts = Vec::new();
    let mut s = period.start(from);
    while s <= to {
        starts.push(s);
        s = period.next(s);
    }
    let mut tallies = vec![Tally::default(); starts.len()];
    for (day, t) in days {
        let d = date_of(*day);
        if d < from || d > to {
            continue;
        }
        let start = period.start(d);
        if let Ok(i) = starts.binary_search(&start) {
            tallies[i].merge(t);
        }
    }
    let chart = |v: Verdict| {
        let counts: Vec<(u64, u64)> = tallies.iter().map(|t| (t.count(v), t.total())).collect();
        p_chart(&counts).1
    };
    let (worse, better) = (chart(Verdict::Worse), chart(Verdict::Better));
    starts
        .into_iter()
        .zip(tallies)
        .zip(worse.into_iter().zip(better))
        .map(|((start, tally), (worse, better))| TrendPoint {
            start,
            tally,
            worse,
            better,
        })
        .collect()
}

/// The fewest periods with answers whose limits say what is usual: fewer,
/// and the centre line is little more than the periods themselves.
pub const USUAL_MIN_PERIODS: usize = 3;

/// Whether a trend has a usual range to show: [`USUAL_MIN_PERIODS`]
/// periods with answers.
pub fn has_usual_range(points: &[TrendPoint]) -> bool {
    points.iter().filter(|p| p.tally.total() > 0).count() >= USUAL_MIN_PERIODS
}

/// The period a trend's alerts are about: its latest with
/// [`ALERT_MIN_ANSWERS`] answers.
pub fn judged_period(points: &[TrendPoint]) -> Option<&TrendPoint> {
    points
        .iter()
        .rev()
        .find(|p| p.tally.total() >= ALERT_MIN_ANSWERS)
}

/// The alerts of a trend: judged on its latest period that has
/// [`ALERT_MIN_ANSWERS`] answers, against the limits of all periods; and
/// magic fading also when "better" slid slowly ([`better_slid`]), which
/// no single period's limits catch, but never beside worse than usual.
pub fn alerts(points: &[TrendPoint]) -> Vec<Alert> {
    // No usual range, nothing beyond it: the trend's page shows no limits
    // yet, and no alert says otherwise.
    if !has_usual_range(points) {
        return Vec::new();
    }
    let Some(last) = judged_period(points) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if last.worse.share.is_some_and(|s| s > last.worse.upper) {
        out.push(Alert::WorseThanUsual);
    }
    let judged = points
        .iter()
        .rposition(|p| p.start == last.start)
        .map_or(points, |i| &points[..=i]);
    // Fewer "better" because many more said "worse" is one event, worse
    // than usual: magic fades into expectation, not into disappointment.
    let worse = out.contains(&Alert::WorseThanUsual);
    if !worse && (last.better.share.is_some_and(|s| s < last.better.lower) || better_slid(judged)) {
        out.push(Alert::MagicFading);
    }
    out
}

/// The latest periods a slow slide is judged on, against all before them.
pub const SLIDE_RECENT: usize = 8;

/// The fewest answers each side of a slide's comparison needs.
pub const SLIDE_MIN_ANSWERS: u64 = 30;

/// The least drop in the share of "better" that counts as a slide (five
/// points): a smaller one, however sure, is no news to a team.
pub const SLIDE_MIN_DROP: f64 = 0.05;

/// The z below which the recent share is lower than chance explains: a
/// one-sided test at 1 %.
const SLIDE_Z: f64 = -2.326;

/// Whether customers answer "better" less and less: the share in the
/// latest [`SLIDE_RECENT`] periods is lower than in the periods before
/// them by at least [`SLIDE_MIN_DROP`] and by more than chance explains
/// (a two-proportion z-test, one-sided at 1 %), each side with at least
/// [`SLIDE_MIN_ANSWERS`] answers. A slide spread over many periods keeps
/// each inside its p-chart limits, which come from the same sliding past.
pub fn better_slid(points: &[TrendPoint]) -> bool {
    if points.len() <= SLIDE_RECENT {
        return false;
    }
    let (before, recent) = points.split_at(points.len() - SLIDE_RECENT);
    let sum = |ps: &[TrendPoint]| {
        ps.iter().fold((0u64, 0u64), |(x, n), p| {
            (x + p.tally.better, n + p.tally.total())
        })
    };
    let ((x1, n1), (x2, n2)) = (sum(before), sum(recent));
    if n1 < SLIDE_MIN_ANSWERS || n2 < SLIDE_MIN_ANSWERS {
        return false;
    }
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let pooled = (x1 + x2) as f64 / (n1 + n2) as f64;
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 as f64 + 1.0 / n2 as f64)).sqrt();
    se > 0.0 && p1 - p2 >= SLIDE_MIN_DROP && (p2 - p1) / se < SLIDE_Z
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn t(worse: u64, as_expected: u64, better: u64) -> Tally {
        Tally {
            worse,
            as_expected,
            better,
        }
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        // 2026-12-02 is a Wednesday.
        assert_eq!(
            Period::Week.start(date!(2026 - 12 - 02)),
            date!(2026 - 11 - 30)
        );
        assert_eq!(
            Period::Week.next(date!(2026 - 11 - 30)),
            date!(2026 - 12 - 07)
        );
        assert_eq!(
            Period::Month.start(date!(2026 - 12 - 31)),
            date!(2026 - 12 - 01)
        );
        assert_eq!(
            Period::Month.next(date!(2026 - 12 - 01)),
            date!(2027 - 01 - 01)
        );
        assert_eq!(day_number(date!(1970 - 01 - 01)), 0);
        assert_eq!(
            date_of(day_number(date!(2026 - 12 - 02))),
            date!(2026 - 12 - 02)
        );
    }

    #[test]
    fn a_usual_range_needs_three_periods_with_answers() {
        let from = date!(2026 - 11 - 02);
        let week = |d: Date, tally| (day_number(d), tally);
        let mut days = vec![
            week(date!(2026 - 11 - 02), t(1, 5, 0)),
            week(date!(2026 - 11 - 16), t(0, 4, 2)),
        ];
        // Two weeks with answers and an empty one between: not yet.
        assert!(!has_usual_range(&trend(
            &days,
            Period::Week,
            from,
            date!(2026 - 11 - 29)
        )));
        days.push(week(date!(2026 - 11 - 25), t(0, 3, 3)));
        assert!(has_usual_range(&trend(
            &days,
            Period::Week,
            from,
            date!(2026 - 11 - 29)
        )));
        // Nor does an alert judge against limits the page does not show:
        // a week of half worse after one of none, 100 answers each.
        let two = [
            week(date!(2026 - 11 - 16), t(0, 80, 20)),
            week(date!(2026 - 11 - 23), t(50, 40, 10)),
        ];
        assert!(alerts(&trend(&two, Period::Week, from, date!(2026 - 11 - 29))).is_empty());
        let three = [week(date!(2026 - 11 - 09), t(0, 80, 20)), two[0], two[1]];
        assert_eq!(
            alerts(&trend(&three, Period::Week, from, date!(2026 - 11 - 29))),
            [Alert::WorseThanUsual]
        );
        assert!(has_usual_range(&trend(
            &days,
            Period::Week,
            from,
            date!(2026 - 11 - 29)
        )));
    }

    #[test]
    fn days_gather_into_their_periods_and_empty_periods_stay() {
        let from = date!(2026 - 11 - 02);
        let days = [
            (day_number(date!(2026 - 11 - 02)), t(1, 0, 0)),
            (day_number(date!(2026 - 11 - 08)), t(0, 1, 0)),
            (day_number(date!(2026 - 11 - 23)), t(0, 0, 2)),
            (day_number(date!(2026 - 10 - 01)), t(9, 9, 9)),
        ];
        let points = trend(&days, Period::Week, from, date!(2026 - 11 - 29));
        assert_eq!(points.len(), 4);
        assert_eq!(
            points.iter().map(|p| p.tally).collect::<Vec<_>>(),
            [t(1, 1, 0), Tally::default(), Tally::default(), t(0, 0, 2)]
        );
        assert_eq!(points[1].worse.share, None);
    }

    #[test]
    fn an_alert_needs_a_period_beyond_its_limits_with_enough_answers() {
        let weeks = |last: Tally| {
            let mut days: Vec<(i64, Tally)> = (0..8)
                .map(|w| (day_number(date!(2026 - 10 - 05)) + 7 * w, t(10, 60, 30)))
                .collect();
            days.push((day_number(date!(2026 - 10 - 05)) + 56, last));
            trend(
                &days,
                Period::Week,
                date!(2026 - 10 - 05),
                date!(2026 - 12 - 06),
            )
        };
        // Steady weeks: no alert.
        assert_eq!(alerts(&weeks(t(10, 60, 30))), []);
        // A week with half saying worse: worse than usual, one alert (its
        // fewer "better" are not magic fading as well).
        assert_eq!(alerts(&weeks(t(50, 40, 10))), [Alert::WorseThanUsual]);
        // Better fading on its own.
        assert_eq!(alerts(&weeks(t(10, 88, 2))), [Alert::MagicFading]);
        // One bad answer in a quiet week is judged on the last full week instead.
        assert_eq!(alerts(&weeks(t(1, 0, 0))), []);
    }

    /// 26 weeks of 20 answers: the first 18 with `before` saying better,
    /// the last 8 with `recent`.
    fn slide(before: u64, recent: u64, answers: u64) -> Vec<TrendPoint> {
        let first = date!(2026 - 06 - 01);
        let days: Vec<(i64, Tally)> = (0..26)
            .map(|w| {
                let better = if w < 18 { before } else { recent };
                (
                    day_number(first) + 7 * w,
                    t(2, answers - 2 - better, better),
                )
            })
            .collect();
        trend(
            &days,
            Period::Week,
            first,
            first + Duration::days(7 * 26 - 1),
        )
    }

    #[test]
    fn magic_fading_slowly_is_caught_though_no_week_leaves_its_limits() {
        // Better from 8 in 20 (40 %) to 5 in 20 (25 %). By hand: 144 of 360
        // against 40 of 160; pooled 184 / 520 = 0.3538, standard error
        // √(0.3538 × 0.6462 × (1/360 + 1/160)) = 0.0454, z = −0.15 / 0.0454
        // = −3.30, below −2.326.
        let points = slide(8, 5, 20);
        assert!(
            points.iter().all(|p| !p.better.out),
            "no week is beyond its limits"
        );
        assert!(better_slid(&points));
        assert_eq!(alerts(&points), [Alert::MagicFading]);
        // Steady: nothing.
        assert!(!better_slid(&slide(8, 8, 20)));
        assert_eq!(alerts(&slide(8, 8, 20)), []);
        // 8 → 7 in 20 (40 % → 35 %): z = −1.08, within chance.
        assert!(!better_slid(&slide(8, 7, 20)));
        // Better rising is no fading.
        assert!(!better_slid(&slide(5, 8, 20)));
        // Too few answers to tell: 3 a week, 24 in the last eight.
        assert!(!better_slid(&slide(1, 0, 3)));
        // Too short a trend to have a past.
        assert!(!better_slid(&slide(8, 5, 20)[18..]));
    }
}
