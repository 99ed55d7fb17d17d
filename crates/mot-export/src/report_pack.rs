//! The client report pack: one PDF an adviser hands a client. A cover
//! page (the client, the practice, the date, what follows, the adviser's
//! contact details), then the latest session's planning form, the status
//! of the open actions, the latest audit's results and the customers'
//! feedback of each journey, each part from the page its own report
//! starts on. The practice's branding heads every page.

use crate::audit_report::AuditDoc;
use crate::feedback_report::FeedbackReport;
use crate::look::{day, sep};
use crate::pdf::{self, Block, Cell, Row, Table};
use crate::Look;
use mot_core::session::{Action, ActionStatus, PlanningForm};
use mot_i18n::tr;

/// What a pack holds; a part that is `None` (or empty) is said to be
/// missing on the cover rather than left out silently.
pub struct Pack<'a> {
    pub business: &'a str,
    pub made_on: time::Date,
    /// The adviser's contact details (several lines), if given.
    pub contact: Option<&'a str>,
    /// The latest session's planning form, with the session's title and day.
    pub form: Option<(&'a str, time::Date, &'a PlanningForm)>,
    /// Every open action of the business's journeys, with its journey.
    pub actions: &'a [(String, Action)],
    pub audit: Option<&'a AuditDoc<'a>>,
    pub feedback: &'a [FeedbackReport<'a>],
}

fn status(lang: crate::Lang, a: &Action, today: time::Date) -> String {
    let overdue = a.status.is_open() && a.due_on.is_some_and(|d| d < today);
    let word = match a.status {
        _ if overdue => tr!(lang, "export-pack-overdue"),
        ActionStatus::Open => tr!(lang, "export-pack-open"),
        ActionStatus::Doing => tr!(lang, "export-pack-doing"),
        ActionStatus::Done => tr!(lang, "export-pack-done"),
        ActionStatus::Dropped => tr!(lang, "export-pack-dropped"),
    };
    word.to_string()
}

/// The pack as one PDF.
pub fn to_pdf(pack: &Pack<'_>, look: &Look) -> Result<Vec<u8>, String> {
    let lang = look.lang;
    let mut blocks = Vec::new();
    // The cover: what follows, and who to call.
    blocks.push(Block::Note(tr!(
        lang,
        "export-pack-intro",
        business = pack.business
    )));
    let mut parts = Vec::new();
    let missing = |what: &str| tr!(lang, "export-pack-missing", part = what);
    parts.push(match &pack.form {
        Some((title, on, _)) => tr!(
            lang,
            "export-pack-part-form",
            session = *title,
            date = day(lang, *on)
        ),
        None => missing(tr!(lang, "export-form-title")),
    });
    parts.push(tr!(
        lang,
        "export-pack-part-actions",
        count = pack.actions.len() as i64
    ));
    parts.push(match pack.audit {
        Some(a) => tr!(lang, "export-pack-part-audit", round = a.round),
        None => missing(tr!(lang, "export-audit-title")),
    });
    parts.push(if pack.feedback.is_empty() {
        missing(tr!(lang, "export-feedback-report-title"))
    } else {
        tr!(
            lang,
            "export-pack-part-feedback",
            count = pack.feedback.len() as i64
        )
    });
    for p in parts {
        blocks.push(Block::Note(format!("• {p}")));
    }
    if let Some(contact) = pack.contact.map(str::trim).filter(|c| !c.is_empty()) {
        blocks.push(Block::Heading(tr!(lang, "export-pack-contact").into()));
        for line in contact.lines() {
            blocks.push(Block::Note(line.to_string()));
        }
    }
    // The parts, each from a new page, under its own title.
    let mut part = |doc: pdf::Doc| {
        blocks.push(Block::PageBreak);
        blocks.push(Block::Heading(doc.title));
        blocks.push(Block::Note(doc.subtitle));
        blocks.extend(doc.blocks);
    };
    if let Some((_, _, form)) = &pack.form {
        part(crate::planning_form::form_pdf(form, lang));
    }
    let rows = pack
        .actions
        .iter()
        .map(|(journey, a)| {
            Row::new(vec![
                Cell::new(journey.clone()),
                Cell::new(a.what.clone()),
                Cell::new(a.owner_name.clone()),
                Cell::new(a.due_on.map(|d| day(lang, d)).unwrap_or_default()),
                Cell::new(status(lang, a, pack.made_on)),
            ])
        })
        .collect::<Vec<_>>();
    let mut actions = vec![];
    if rows.is_empty() {
        actions.push(Block::Note(tr!(lang, "export-pack-no-actions").into()));
    } else {
        actions.push(Block::Table(Table {
            heading: tr!(lang, "export-pack-actions").into(),
            columns: vec![
                (tr!(lang, "export-pack-col-journey").into(), 18.0),
                (tr!(lang, "export-pack-col-action").into(), 40.0),
                (tr!(lang, "export-pack-col-owner").into(), 16.0),
                (tr!(lang, "export-pack-col-due").into(), 13.0),
                (tr!(lang, "export-pack-col-status").into(), 13.0),
            ],
            rows,
        }));
    }
    part(pdf::Doc {
        title: tr!(lang, "export-pack-actions").into(),
        subtitle: pack.business.to_string(),
        blocks: actions,
    });
    if let Some(a) = pack.audit {
        part(crate::audit_report::audit_pdf_doc(a, look));
    }
    for f in pack.feedback {
        part(crate::feedback_report::report_pdf_doc(f, look));
    }
    pdf::render(
        &pdf::Doc {
            title: tr!(lang, "export-pack-title", business = pack.business),
            subtitle: format!(
                "{}{}{}",
                look.brand.name().unwrap_or_default(),
                if look.brand.name().is_some() {
                    sep(lang)
                } else {
                    ""
                },
                day(lang, pack.made_on)
            ),
            blocks,
        },
        look,
    )
}
