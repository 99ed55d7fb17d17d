//! What the client report pack gathers.

use crate::auth::Ident;
use crate::state::AppState;
use crate::web::error::AppError;
use mot_core::Id;

/// The client report pack of a business: its name and the PDF. The
/// latest session's planning form (of any of its journeys), every open
/// action, the latest audit round's results, and the customers' feedback
/// of each journey that has answers in the feedback page's period.
pub async fn report_pack(
    state: &AppState,
    me: &Ident,
    business_id: Id,
) -> Result<(String, Vec<u8>), AppError> {
    let ws = me.workspace_id;
    let business = state.store.business(ws, business_id).await?;
    let journeys = state.store.journeys(ws, business_id).await?;
    let mut latest: Option<(mot_core::session::TeamSession, Id)> = None;
    let mut actions = Vec::new();
    let mut feedback = Vec::new();
    for j in &journeys {
        for s in state.store.sessions(ws, j.id).await? {
            if latest
                .as_ref()
                .is_none_or(|(l, _)| (s.held_on, s.id) > (l.held_on, l.id))
            {
                latest = Some((s, j.id));
            }
        }
        for a in state.store.open_actions(ws, j.id).await? {
            actions.push((j.name.clone(), a));
        }
        let report = crate::feedback::report::report(state, me, j.id, None).await?;
        if report.has_answers() {
            feedback.push(report);
        }
    }
    let form = match &latest {
        Some((s, jid)) => Some((
            s,
            crate::session::service::planning_form(state, me, *jid, s.id).await?,
        )),
        None => None,
    };
    let rounds = state.store.rounds(ws, business_id).await?;
    let audit = match rounds.last() {
        Some(r) => Some(crate::audit::service::round_report(state, ws, business_id, r.id).await?),
        None => None,
    };
    let branches = state.store.branches(ws, business_id).await?;
    let names = audit
        .as_ref()
        .map(|rr| crate::audit::service::branch_names(rr, &branches))
        .unwrap_or_default();
    let audit_doc = audit
        .as_ref()
        .map(|rr| crate::audit::service::audit_doc(&business.name, rr, &names));
    let brand = state.store.brand(ws).await?;
    let docs: Vec<_> = feedback.iter().map(|r| r.doc()).collect();
    let pack = mot_export::report_pack::Pack {
        business: &business.name,
        made_on: mot_core::date::today(),
        contact: Some(brand.contact.as_str()),
        form: form.as_ref().map(|(s, f)| (s.title.as_str(), s.held_on, f)),
        actions: &actions,
        audit: audit_doc.as_ref(),
        feedback: &docs,
    };
    let look = crate::web::brand::look(state, ws).await?;
    let pdf = mot_export::report_pack::to_pdf(&pack, &look).map_err(|e| AppError::internal(&e))?;
    Ok((business.name, pdf))
}
