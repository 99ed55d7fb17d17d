//! Customer feedback on moments of truth: a customer's verdict on one moment
//! (worse than, as, or better than they expected: the method's Miserable /
//! Neutral / Magical in the customer's words), what may be sent, and the
//! honest figures many verdicts give (see [`stats`]).

pub mod alert;
pub mod import;
pub mod stats;
pub mod trend;

use crate::session::Rating;
use crate::text::{self, Msg, RuleError};
use crate::Id;
use serde::{Deserialize, Serialize};

pub use stats::{Interval, Shown, Tally, MIN_ANSWERS};

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

    /// The face drawn beside the customer's word (never the only cue).
    pub fn face(self) -> &'static str {
        match self {
            Verdict::Worse => "☹",
            Verdict::AsExpected => "😐",
            Verdict::Better => "☺",
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
    /// A journey survey's name.
    pub const SURVEY_TITLE: usize = 120;
    /// Moments one journey survey asks about.
    pub const SURVEY_MOMENTS: usize = 12;
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
/// most [`FeedbackLimits::REASONS`], no two alike (whatever their capitals:
/// the first spelling is kept); empty lines are dropped.
pub fn reasons(lines: &[&str]) -> Result<Vec<String>, RuleError> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        let r = text::required_line("reason", line, FeedbackLimits::REASON)?;
        let key = r.to_lowercase();
        if !out.iter().any(|o| o.to_lowercase() == key) {
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

/// Checks reasons sent as a list (the API's): as [`reasons`] does with
/// lines, and the list itself may hold no more entries than a point offers
/// reasons, so what was sent is what is kept.
pub fn reason_list(list: &[String]) -> Result<Vec<String>, RuleError> {
    if list.len() > FeedbackLimits::REASONS {
        return Err(RuleError::Invalid {
            field: "reasons",
            msg: Msg::new("rule-feedback-too-many-reasons").arg("max", FeedbackLimits::REASONS),
        });
    }
    let lines: Vec<&str> = list.iter().map(String::as_str).collect();
    reasons(&lines)
}

/// Checks the owner's own wording of a point's question: one line of at
/// most [`FeedbackLimits::QUESTION`] characters; empty asks the standard
/// question.
pub fn question(value: &str) -> Result<String, RuleError> {
    if value.trim().is_empty() {
        return Ok(String::new());
    }
    text::required_line("question", value, FeedbackLimits::QUESTION)
}

/// Checks the e-mail address a customer leaves when they agree to be
/// contacted: none unless they agreed, and then a valid one.
pub fn contact(agreed: bool, email: &str) -> Result<Option<String>, RuleError> {
    match (agreed, email.trim()) {
        (false, _) => Ok(None),
        (true, "") => Err(RuleError::Invalid {
            field: "contact_email",
            msg: Msg::new("rule-feedback-contact-email"),
        }),
        (true, e) => text::email(e).map(Some),
    }
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

/// Checks a journey survey: its name (one line; may be empty) and the
/// moments it asks about: at least one, at most
/// [`FeedbackLimits::SURVEY_MOMENTS`], each once (repeats are dropped).
pub fn survey(title: &str, moments: &[Id]) -> Result<(String, Vec<Id>), RuleError> {
    let title = if title.trim().is_empty() {
        String::new()
    } else {
        text::required_line("title", title, FeedbackLimits::SURVEY_TITLE)?
    };
    let mut ids: Vec<Id> = Vec::new();
    for m in moments {
        if !ids.contains(m) {
            ids.push(*m);
        }
    }
    if ids.is_empty() || ids.len() > FeedbackLimits::SURVEY_MOMENTS {
        return Err(RuleError::Invalid {
            field: "moments",
            msg: Msg::new("rule-feedback-survey-moments")
                .arg("max", FeedbackLimits::SURVEY_MOMENTS),
        });
    }
    Ok((title, ids))
}

/// The days figures cover when none are asked for: the last 90.
pub const PERIOD_DAYS: i64 = 90;

/// The longest period figures are read over: ten years.
pub const PERIOD_DAYS_MAX: i64 = 3660;

/// The days figures are read over, `from..=to` (days since 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub from: i64,
    pub to: i64,
    /// `Some(n)`: the last `n` days up to today; `None`: dates chosen.
    pub last: Option<i64>,
}

impl DayRange {
    /// The last `days` days up to `today`, today among them.
    pub fn last(days: i64, today: i64) -> DayRange {
        DayRange {
            from: today - days + 1,
            to: today,
            last: Some(days),
        }
    }

    /// How many days it covers.
    pub fn days(self) -> i64 {
        self.to - self.from + 1
    }
}

impl DayRange {
    /// The period that shows answers given from day `first` to day `last`
    /// (an import's), as far as figures may be read: none after `today`,
    /// at most [`PERIOD_DAYS_MAX`] days (the latest). `None` when every
    /// one of them is after today.
    pub fn covering(first: i64, last: i64, today: i64) -> Option<DayRange> {
        let to = last.min(today);
        let from = first.max(to - PERIOD_DAYS_MAX + 1);
        (from <= to).then_some(DayRange {
            from,
            to,
            last: None,
        })
    }
}

/// The period asked for, by the last `days` days up to `today` or by dates
/// `from` and `to` (`YYYY-MM-DD`; `to` left empty: today; `from` left
/// empty: [`PERIOD_DAYS`] up to `to`). Dates win over `days`. Refused: a
/// date that is not one, one after today, a period that ends before it
/// starts, and one of more than [`PERIOD_DAYS_MAX`] days (or `days` out of
/// 1 to that).
pub fn day_range(
    days: Option<i64>,
    (from, to): (&str, &str),
    today: i64,
) -> Result<DayRange, RuleError> {
    use crate::feedback::trend::day_number;
    let too_long = |field| RuleError::invalid(field, Msg::new("feedback-bad-period"));
    let (from, to) = (
        crate::date::parse_opt("from", from)?.map(day_number),
        crate::date::parse_opt("to", to)?.map(day_number),
    );
    // A number of days out of range is refused even beside dates, which
    // it would not choose: a wrong value is never quietly passed over.
    if days.is_some_and(|d| !(1..=PERIOD_DAYS_MAX).contains(&d)) {
        return Err(too_long("days"));
    }
    if from.is_none() && to.is_none() {
        return Ok(DayRange::last(days.unwrap_or(PERIOD_DAYS), today));
    }
    let from_given = from.is_some();
    let to = to.unwrap_or(today);
    let from = from.unwrap_or(to - PERIOD_DAYS + 1);
    if from > today || to > today {
        // The date the person gave: a `to` in the future, not the `from`
        // taken from it.
        let field = if from_given && from > today {
            "from"
        } else {
            "to"
        };
        return Err(RuleError::invalid(
            field,
            Msg::new("rule-feedback-period-future"),
        ));
    }
    if from > to {
        return Err(RuleError::invalid(
            "from",
            Msg::new("rule-feedback-period-order"),
        ));
    }
    if to - from + 1 > PERIOD_DAYS_MAX {
        return Err(too_long("from"));
    }
    Ok(DayRange {
        from,
        to,
        last: None,
    })
}

/// What a survey form says of one moment: the verdict (empty: skipped),
/// the reason picked (empty: none) and the comment, with the reasons the
/// moment offers.
#[derive(Debug, Clone, Copy)]
pub struct SurveyPart<'a> {
    pub verdict: &'a str,
    pub reason: &'a str,
    pub comment: &'a str,
    pub offered: &'a [String],
}

/// Checks a customer's survey form: per moment a verdict (empty: skipped),
/// a reason among the moment's own and a comment; at least one moment
/// answered. A reason or comment on a skipped moment is refused rather
/// than lost.
pub fn survey_answers(parts: &[SurveyPart<'_>]) -> Result<Vec<Option<Answer>>, RuleError> {
    let out = parts
        .iter()
        .map(
            |p| match (p.verdict.trim(), p.reason.trim(), p.comment.trim()) {
                ("", "", "") => Ok(None),
                _ => Answer::new(p.verdict, p.reason, p.comment, p.offered).map(Some),
            },
        )
        .collect::<Result<Vec<_>, _>>()?;
    if out.iter().all(Option::is_none) {
        return Err(RuleError::Invalid {
            field: "verdict",
            msg: Msg::new("rule-feedback-survey-empty"),
        });
    }
    Ok(out)
}

/// How consistently a moment is delivered across branches (one of the
/// method's goals): the lowest and highest score among the branches with
/// enough answers to tell, and whether they differ beyond chance (the
/// 95 % intervals of the lowest and the highest do not overlap).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Consistency {
    pub lowest: f64,
    pub highest: f64,
    /// Branches that had enough answers to be compared.
    pub compared: usize,
    pub differ: bool,
}

/// [`Consistency`] of the branches' tallies; `None` when fewer than two
/// branches have [`MIN_ANSWERS`] answers.
pub fn consistency<'a>(branches: impl IntoIterator<Item = &'a Tally>) -> Option<Consistency> {
    let mut scored: Vec<(f64, Interval)> = branches
        .into_iter()
        .filter(|t| t.enough())
        .filter_map(|t| Some((t.score()?, t.score_interval()?)))
        .collect();
    if scored.len() < 2 {
        return None;
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (low, high) = (scored[0], scored[scored.len() - 1]);
    Some(Consistency {
        lowest: low.0,
        highest: high.0,
        compared: scored.len(),
        differ: low.1.high < high.1.low,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_survey_asks_about_one_to_twelve_moments_each_once() {
        assert_eq!(
            survey(" After delivery ", &[3, 1, 3]).unwrap(),
            ("After delivery".to_string(), vec![3, 1])
        );
        assert!(survey("", &[]).is_err());
        let many: Vec<Id> = (1..=13).collect();
        assert!(survey("", &many).is_err());
        assert!(survey("", &many[..12]).is_ok());
        assert!(survey(&"x".repeat(121), &[1]).is_err());
    }

    #[test]
    fn the_period_of_an_imports_days_is_one_figures_may_be_read_over() {
        let today = 20_000;
        let range = |f, l| DayRange::covering(f, l, today).map(|r| (r.from, r.to));
        assert_eq!(range(19_000, 19_100), Some((19_000, 19_100)));
        assert_eq!(
            range(today, today + 1),
            Some((today, today)),
            "tomorrow's grace: up to today"
        );
        assert_eq!(range(today + 1, today + 1), None);
        assert_eq!(
            range(0, today),
            Some((today - PERIOD_DAYS_MAX + 1, today)),
            "the latest ten years"
        );
        let r = DayRange::covering(0, today, today).unwrap();
        let text = |d| crate::date::format(crate::feedback::trend::date_of(d));
        assert_eq!(
            day_range(None, (&text(r.from), &text(r.to)), today),
            Ok(r),
            "asked for, it is read"
        );
    }

    #[test]
    fn a_period_is_the_last_days_or_dates_up_to_today() {
        use crate::feedback::trend::day_number;
        use time::macros::date;
        let today = day_number(date!(2026 - 12 - 05));
        let none = ("", "");
        assert_eq!(
            day_range(None, none, today).unwrap(),
            DayRange::last(90, today)
        );
        let week = day_range(Some(7), none, today).unwrap();
        assert_eq!(
            (week.from, week.to, week.days(), week.last),
            (today - 6, today, 7, Some(7))
        );
        for bad in [0, -5, 3661] {
            assert!(day_range(Some(bad), none, today).is_err(), "{bad}");
        }
        // Dates: the first quarter, whatever `days` says.
        let q1 = day_range(Some(7), ("2026-01-01", "2026-03-31"), today).unwrap();
        assert_eq!(
            (q1.from, q1.to, q1.days(), q1.last),
            (
                day_number(date!(2026 - 01 - 01)),
                day_number(date!(2026 - 03 - 31)),
                90,
                None
            )
        );
        // Up to today from a date; 90 days up to a date.
        assert_eq!(
            day_range(None, ("2026-12-01", ""), today).unwrap().days(),
            5
        );
        assert_eq!(
            day_range(None, ("", "2026-06-30"), today).unwrap().days(),
            90
        );
        // One day is a period.
        assert_eq!(
            day_range(None, ("2026-12-05", "2026-12-05"), today)
                .unwrap()
                .days(),
            1
        );
        // Refused: no date, the future, backwards, too long.
        let field = |r: Result<DayRange, RuleError>| match r {
            Err(RuleError::Invalid { field, msg }) => (field, msg.key),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(day_range(None, ("2026-13-01", ""), today)).0, "from");
        assert_eq!(
            field(day_range(None, ("", "2026-12-06"), today)),
            ("to", "rule-feedback-period-future")
        );
        assert_eq!(
            field(day_range(None, ("2026-12-06", ""), today)),
            ("from", "rule-feedback-period-future")
        );
        // Only a `to` far ahead: the `to` is wrong, not the `from` of the
        // 90 days before it.
        assert_eq!(
            field(day_range(None, ("", "2030-01-01"), today)),
            ("to", "rule-feedback-period-future")
        );
        assert_eq!(
            field(day_range(None, ("2026-03-01", "2026-02-01"), today)),
            ("from", "rule-feedback-period-order")
        );
        assert_eq!(
            field(day_range(None, ("2010-01-01", "2026-01-01"), today)),
            ("from", "feedback-bad-period")
        );
        // A number of days out of range is refused beside dates too (the
        // API's schema says so; CI's fuzzer sent days=131073 with dates).
        assert_eq!(
            field(day_range(
                Some(131_073),
                ("2026-01-01", "2026-01-01"),
                today
            )),
            ("days", "feedback-bad-period")
        );
    }

    #[test]
    fn a_survey_form_needs_one_answer_and_keeps_no_comment_without_one() {
        let offered = ["Waiting time".to_string(), "Friendliness".to_string()];
        let part = |verdict, reason, comment| SurveyPart {
            verdict,
            reason,
            comment,
            offered: &offered,
        };
        let a = survey_answers(&[
            part("better", "", "Quick"),
            part("", "", ""),
            part("worse", "Waiting time", ""),
        ])
        .unwrap();
        assert_eq!(a.iter().filter(|x| x.is_some()).count(), 2);
        assert_eq!(a[0].as_ref().unwrap().comment, "Quick");
        assert!(a[1].is_none());
        assert_eq!(
            a[2].as_ref().unwrap().reason.as_deref(),
            Some("Waiting time")
        );
        assert!(
            survey_answers(&[part("", "", ""), part("", "", "  ")]).is_err(),
            "nothing answered"
        );
        assert!(survey_answers(&[
            part("", "", "a comment on a skipped moment"),
            part("better", "", "")
        ])
        .is_err());
        assert!(
            survey_answers(&[part("", "Friendliness", ""), part("better", "", "")]).is_err(),
            "a reason on a skipped moment"
        );
        assert!(survey_answers(&[part("great", "", "")]).is_err());
        assert!(
            survey_answers(&[part("worse", "Price", "")]).is_err(),
            "a reason the moment does not offer"
        );
    }

    #[test]
    fn branches_differ_only_when_their_intervals_part() {
        let t = |worse, as_expected, better| Tally {
            worse,
            as_expected,
            better,
        };
        // Harbour Street: 30 answers, 20 worse (score −50); the mall: 40
        // answers, 30 better (+70); a third with 5 answers is not compared.
        let c = consistency([&t(20, 5, 5), &t(2, 8, 30), &t(5, 0, 0)]).unwrap();
        assert_eq!((c.lowest, c.highest, c.compared), (-50.0, 70.0, 2));
        assert!(c.differ);
        // Close scores from many answers each: within chance.
        let c = consistency([&t(10, 20, 10), &t(9, 20, 11)]).unwrap();
        assert!(!c.differ, "{c:?}");
        // One branch with enough answers: nothing to compare.
        assert_eq!(consistency([&t(10, 20, 10), &t(1, 1, 1)]), None);
    }

    #[test]
    fn an_owners_question_is_one_line_and_empty_asks_the_standard_one() {
        assert_eq!(question("  ").unwrap(), "");
        assert_eq!(
            question(" How was your table? ").unwrap(),
            "How was your table?"
        );
        assert!(question("two\nlines").is_err());
        assert!(question(&"x".repeat(FeedbackLimits::QUESTION + 1)).is_err());
        assert!(question(&"é".repeat(FeedbackLimits::QUESTION)).is_ok());
    }

    #[test]
    fn a_reason_list_holds_no_more_entries_than_a_point_offers() {
        let list = |n: usize| (0..n).map(|i| format!("r{i}")).collect::<Vec<_>>();
        assert_eq!(reason_list(&list(8)).unwrap().len(), 8);
        // Nine entries are refused even when some are empty or repeats.
        let mut nine = list(8);
        nine.push(String::new());
        assert!(reason_list(&nine).is_err());
        assert_eq!(
            reason_list(&["a".into(), "".into(), "a".into()]).unwrap(),
            vec!["a".to_string()]
        );
    }

    #[test]
    fn a_contact_address_is_kept_only_with_consent() {
        assert_eq!(contact(false, "kim@example.org").unwrap(), None);
        assert_eq!(contact(false, "").unwrap(), None);
        assert_eq!(
            contact(true, " Kim@Example.org ").unwrap(),
            Some("kim@example.org".to_string())
        );
        assert!(contact(true, "").is_err());
        assert!(contact(true, "not an address").is_err());
    }

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
        // Alike whatever the capitals, outside ASCII too: the first kept.
        assert_eq!(
            reasons(&[
                "Waiting time",
                "waiting TIME",
                "Öffnungszeiten",
                "ÖFFNUNGSZEITEN"
            ])
            .unwrap(),
            vec!["Waiting time".to_string(), "Öffnungszeiten".to_string()]
        );
        let nine: Vec<String> = (0..9).map(|i| format!("R{i}")).collect();
        let nine: Vec<&str> = nine.iter().map(String::as_str).collect();
        assert!(reasons(&nine).is_err());
        assert!(reasons(&[&"x".repeat(41)]).is_err());
    }
}
