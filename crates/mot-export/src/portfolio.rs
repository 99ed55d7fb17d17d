//! An adviser's portfolio to take away: one row per client business with
//! its sessions, actions, latest audit, customers' score and what needs
//! attention, as CSV. The words of each cell are made here once, for the
//! page and the file alike.

use crate::spreadsheet::{csv_bytes, csv_cell, csv_number};
use crate::Lang;
use mot_core::audit::one_decimal;
use mot_core::portfolio::{Attention, ClientFigures};
use mot_i18n::tr;

/// One client of the portfolio.
#[derive(Debug, Clone)]
pub struct PortfolioRow {
    pub id: mot_core::Id,
    pub business: String,
    pub figures: ClientFigures,
}

/// The file's columns, in the reader's language.
pub fn portfolio_columns(lang: Lang) -> [&'static str; 12] {
    [
        tr!(lang, "portfolio-col-client"),
        tr!(lang, "portfolio-col-last-session"),
        tr!(lang, "portfolio-col-next-session"),
        tr!(lang, "portfolio-col-open-actions"),
        tr!(lang, "portfolio-col-overdue-actions"),
        tr!(lang, "portfolio-col-audit"),
        tr!(lang, "portfolio-col-audit-scores"),
        tr!(lang, "portfolio-col-audit-change"),
        tr!(lang, "portfolio-col-customers"),
        tr!(lang, "portfolio-col-customer-answers"),
        tr!(lang, "portfolio-col-customers-change"),
        tr!(lang, "portfolio-col-attention"),
    ]
}

/// What an item of attention says.
pub fn attention_text(lang: Lang, a: Attention) -> String {
    let n = |v: f64| mot_i18n::decimal(lang, v, 1);
    match a {
        Attention::OverdueActions { count } => {
            tr!(lang, "portfolio-attention-overdue", count = count as i64)
        }
        Attention::CustomersFell { points } => {
            tr!(lang, "portfolio-attention-customers", points = n(points))
        }
        Attention::AuditFell { points } => {
            tr!(lang, "portfolio-attention-audit", points = n(points))
        }
        Attention::NoSessionBooked => tr!(lang, "portfolio-attention-no-session-booked").into(),
        Attention::NoSessionYet => tr!(lang, "portfolio-attention-no-session-yet").into(),
    }
}

/// A figure with its sign (`+0.4`, `-12.0`), one decimal, in the
/// language's digits and decimal sign.
pub fn signed(lang: Lang, v: f64) -> String {
    crate::look::digits(lang, &mot_core::audit::signed_one_decimal(v))
}

/// The customers' score as a cell: the score when there are enough
/// answers, else "too few to tell".
pub fn customers_score(lang: Lang, f: &ClientFigures) -> String {
    match f.customers.score().filter(|_| f.customers.enough()) {
        Some(s) => signed(lang, s),
        None if f.customers.total() == 0 => String::new(),
        None => tr!(lang, "export-feedback-report-too-few").into(),
    }
}

/// The portfolio as a CSV file (separator and decimal sign of the
/// language; client names never taken for formulas).
pub fn portfolio_csv(rows: &[PortfolioRow], lang: Lang) -> Vec<u8> {
    let header: Vec<String> = portfolio_columns(lang)
        .iter()
        .map(|c| c.to_string())
        .collect();
    let day = |d: Option<time::Date>| d.map_or(String::new(), mot_core::date::format);
    let body = rows.iter().map(|r| {
        let f = &r.figures;
        vec![
            csv_cell(&r.business).into_owned(),
            day(f.last_session),
            day(f.next_session),
            f.open_actions.to_string(),
            f.overdue_actions.to_string(),
            f.audit
                .map_or(String::new(), |(m, _)| csv_number(lang, one_decimal(m))),
            f.audit.map_or(String::new(), |(_, n)| n.to_string()),
            f.audit_change()
                .map_or(String::new(), |c| csv_number(lang, one_decimal(c))),
            f.customers
                .score()
                .filter(|_| f.customers.enough())
                .map_or(String::new(), |s| csv_number(lang, one_decimal(s))),
            f.customers.total().to_string(),
            f.customer_change()
                .map_or(String::new(), |c| csv_number(lang, one_decimal(c))),
            f.attention()
                .into_iter()
                .map(|a| attention_text(lang, a))
                .collect::<Vec<_>>()
                .join("; "),
        ]
    });
    csv_bytes(std::iter::once(header).chain(body), lang)
}
