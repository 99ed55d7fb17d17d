//! An adviser's portfolio: each client business's figures side by side,
//! and what needs attention first.
//!
//! Honest figures: an audit score comes with the number of scores behind
//! it; a customers' score with its number of answers, and a change in it
//! counts only when both periods have enough answers
//! ([`crate::feedback::MIN_ANSWERS`]).

use crate::feedback::Tally;
use serde::{Deserialize, Serialize};
use time::Date;

/// Days in each of the two periods the customers' score compares.
pub const CUSTOMER_PERIOD_DAYS: i64 = 90;
/// A fall of the audit mean (on the 1–10 scale) that needs attention.
pub const AUDIT_FALL: f64 = 0.5;
/// A fall of the customers' score (−100…+100) that needs attention.
pub const CUSTOMER_FALL: f64 = 10.0;

/// A business's figures, as the portfolio shows them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientFigures {
    /// The day of its last session (held on or before today).
    pub last_session: Option<Date>,
    /// The next session booked (today or later).
    pub next_session: Option<Date>,
    /// Actions not done or dropped.
    pub open_actions: u32,
    /// Of those, the ones past their due date.
    pub overdue_actions: u32,
    /// The latest audit round with scores: its mean and how many scores.
    pub audit: Option<(f64, u32)>,
    /// The mean of the round with scores before it.
    pub audit_before: Option<f64>,
    /// Customers' answers in the last [`CUSTOMER_PERIOD_DAYS`].
    pub customers: Tally,
    /// In the period before that.
    pub customers_before: Tally,
}

/// Something that needs an adviser's attention, most urgent kinds first.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Attention {
    /// Actions past their due date.
    OverdueActions { count: u32 },
    /// The customers' score fell (both periods with enough answers).
    CustomersFell { points: f64 },
    /// The latest audit's mean fell from the round before.
    AuditFell { points: f64 },
    /// Sessions were held, but none is booked.
    NoSessionBooked,
    /// No session yet.
    NoSessionYet,
}

impl Attention {
    /// The catalogue key of what it says.
    pub fn key(self) -> &'static str {
        match self {
            Attention::OverdueActions { .. } => "portfolio-attention-overdue",
            Attention::CustomersFell { .. } => "portfolio-attention-customers",
            Attention::AuditFell { .. } => "portfolio-attention-audit",
            Attention::NoSessionBooked => "portfolio-attention-no-session-booked",
            Attention::NoSessionYet => "portfolio-attention-no-session-yet",
        }
    }
}

impl ClientFigures {
    /// The change of the customers' score from the period before, when
    /// both periods have enough answers to tell.
    pub fn customer_change(&self) -> Option<f64> {
        if !(self.customers.enough() && self.customers_before.enough()) {
            return None;
        }
        Some(self.customers.score()? - self.customers_before.score()?)
    }

    /// The change of the audit mean from the round before.
    pub fn audit_change(&self) -> Option<f64> {
        Some(self.audit?.0 - self.audit_before?)
    }

    /// What needs attention, most urgent first (empty: nothing).
    pub fn attention(&self) -> Vec<Attention> {
        let mut out = Vec::new();
        if self.overdue_actions > 0 {
            out.push(Attention::OverdueActions {
                count: self.overdue_actions,
            });
        }
        if let Some(c) = self.customer_change().filter(|c| *c <= -CUSTOMER_FALL) {
            out.push(Attention::CustomersFell { points: -c });
        }
        if let Some(c) = self.audit_change().filter(|c| *c <= -AUDIT_FALL) {
            out.push(Attention::AuditFell { points: -c });
        }
        match (self.last_session, self.next_session) {
            (_, Some(_)) => {}
            (Some(_), None) => out.push(Attention::NoSessionBooked),
            (None, None) => out.push(Attention::NoSessionYet),
        }
        out
    }

    /// How urgent the business is, for sorting (higher first): its most
    /// urgent kind counts most, then how many kinds.
    pub fn urgency(&self) -> u32 {
        let weight = |a: &Attention| match a {
            Attention::OverdueActions { .. } => 16,
            Attention::CustomersFell { .. } => 8,
            Attention::AuditFell { .. } => 4,
            Attention::NoSessionBooked => 2,
            Attention::NoSessionYet => 1,
        };
        self.attention().iter().map(weight).sum()
    }
}

/// The first day of the current customers' period and of the one before,
/// for `today`.
pub fn customer_periods(today: Date) -> (Date, Date) {
    let now = today - time::Duration::days(CUSTOMER_PERIOD_DAYS - 1);
    let before = now - time::Duration::days(CUSTOMER_PERIOD_DAYS);
    (now, before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn tally(worse: u64, better: u64) -> Tally {
        Tally {
            worse,
            as_expected: 0,
            better,
        }
    }

    #[test]
    fn what_needs_attention_comes_most_urgent_first() {
        let calm = ClientFigures {
            last_session: Some(date!(2026 - 11 - 01)),
            next_session: Some(date!(2026 - 12 - 20)),
            open_actions: 3,
            audit: Some((7.0, 40)),
            audit_before: Some(6.8),
            customers: tally(10, 30),
            customers_before: tally(10, 30),
            ..Default::default()
        };
        assert!(calm.attention().is_empty());
        assert_eq!(calm.urgency(), 0);
        let worse = ClientFigures {
            next_session: None,
            overdue_actions: 2,
            audit: Some((6.0, 40)),
            customers: tally(30, 10),
            ..calm.clone()
        };
        assert_eq!(
            worse.attention(),
            vec![
                Attention::OverdueActions { count: 2 },
                Attention::CustomersFell { points: 100.0 },
                Attention::AuditFell {
                    points: 0.7999999999999998
                },
                Attention::NoSessionBooked,
            ]
        );
        assert!(worse.urgency() > calm.urgency());
        let new = ClientFigures::default();
        assert_eq!(new.attention(), vec![Attention::NoSessionYet]);
    }

    #[test]
    fn a_customers_change_needs_enough_answers_on_both_sides() {
        let f = ClientFigures {
            customers: tally(29, 0),
            customers_before: tally(0, 40),
            ..Default::default()
        };
        assert_eq!(f.customer_change(), None, "29 answers are too few to tell");
        let f = ClientFigures {
            customers: tally(30, 0),
            ..f
        };
        assert_eq!(f.customer_change(), Some(-200.0));
        // Overdue beats a fall in score, which beats no booking.
        let overdue = ClientFigures {
            overdue_actions: 1,
            next_session: Some(date!(2027 - 01 - 01)),
            ..Default::default()
        };
        let fell = ClientFigures {
            next_session: Some(date!(2027 - 01 - 01)),
            ..f
        };
        assert!(overdue.urgency() > fell.urgency());
        assert_eq!(
            customer_periods(date!(2026 - 12 - 03)),
            (date!(2026 - 09 - 05), date!(2026 - 06 - 07))
        );
    }
}
