//! What the client report pack gathers.

use crate::auth::Ident;
use crate::mail::MailFile;
use crate::state::AppState;
use crate::t;
use crate::web::error::AppError;
use crate::web::i18n::{self, Lang};
use mot_core::access::{self, Membership};
use mot_core::{Id, Msg, RuleError};

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
        let report = crate::feedback::report::report(
            state,
            me,
            j.id,
            crate::feedback::service::period(None, ("", ""))?,
        )
        .await?;
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

/// The file name of a business's report pack.
pub fn pack_file_name(business: &str) -> String {
    let safe: String = business
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("report-{}.pdf", safe.trim_matches('-'))
}

/// Whom a business's pack may be sent to: its client's people, each with
/// whether they come chosen (core's `pack_recipient`).
pub async fn pack_recipients(
    state: &AppState,
    me: &Ident,
    business_id: Id,
) -> Result<Vec<(mot_store::User, Membership, bool)>, AppError> {
    Ok(state
        .store
        .members_of_business(me.workspace_id, business_id)
        .await?
        .into_iter()
        .filter_map(|(u, m)| access::pack_recipient(m, business_id).map(|chosen| (u, m, chosen)))
        .collect())
}

/// A sending of the pack: its record, and whether it is an earlier one
/// (the same form sent again: nothing was sent this time).
pub struct PackSending {
    pub send: mot_store::ReportSend,
    pub again: bool,
}

/// E-mails a business's report pack to the chosen people of the client
/// (facilitators and owners of the practice), each in their language
/// (theirs, else the workspace's, else the installation's), the PDF
/// attached. The form's request key makes a second press of the same form
/// answer the first sending. Refused without e-mail set up, without anyone
/// chosen, or for anyone but the client's own people.
pub async fn send_pack(
    state: &AppState,
    me: &Ident,
    business_id: Id,
    request_key: &str,
    chosen: &[Id],
) -> Result<PackSending, AppError> {
    me.actor.may_manage()?;
    let ws = me.workspace_id;
    let business = state.store.business(ws, business_id).await?;
    let Some(mailer) = state.mailer.clone() else {
        return Err(RuleError::conflict(Msg::new("rule-pack-no-mail")).into());
    };
    let key = request_key;
    mot_core::request::request_id(key)?;
    let people = pack_recipients(state, me, business_id).await?;
    let memberships: Vec<(Id, Membership)> = people.iter().map(|(u, m, _)| (u.id, *m)).collect();
    access::check_pack_recipients(chosen, &memberships, business_id)?;
    let id = match state
        .store
        .begin_report_send(ws, business_id, key, me.user.as_ref().map(|u| u.id))
        .await?
    {
        Ok(id) => id,
        Err(earlier) => {
            return Ok(PackSending {
                send: earlier,
                again: true,
            })
        }
    };
    let workspace = state.store.workspace(ws).await?;
    let brand = state.store.brand(ws).await?;
    let practice = if brand.name.is_empty() {
        workspace.name.clone()
    } else {
        brand.name.clone()
    };
    let mut packs: std::collections::HashMap<Lang, Vec<u8>> = Default::default();
    let (mut sent_to, mut not_sent) = (Vec::new(), Vec::new());
    for (user, _, _) in people.iter().filter(|(u, _, _)| chosen.contains(&u.id)) {
        let lang = user
            .language
            .as_deref()
            .and_then(Lang::parse)
            .or_else(|| workspace.language.as_deref().and_then(Lang::parse))
            .unwrap_or(state.settings.default_language);
        if let std::collections::hash_map::Entry::Vacant(e) = packs.entry(lang) {
            let (_, pdf) = i18n::scope(lang, report_pack(state, me, business_id)).await?;
            e.insert(pdf);
        }
        let (subject, text) = i18n::with_lang(lang, || {
            (
                t!(
                    "reports-mail-subject",
                    business = business.name.as_str(),
                    practice = practice.as_str()
                ),
                t!(
                    "reports-mail-text",
                    name = user.name.as_str(),
                    business = business.name.as_str(),
                    practice = practice.as_str()
                ),
            )
        });
        let file = MailFile {
            name: pack_file_name(&business.name),
            media_type: "application/pdf",
            bytes: packs[&lang].clone(),
        };
        match mailer
            .send_with_file(&user.email, &subject, text, file)
            .await
        {
            Ok(()) => sent_to.push(user.name.clone()),
            Err(e) => {
                tracing::warn!(business = business_id, error = %e, "a report pack was not sent");
                not_sent.push(format!("{}: {e}", user.name));
            }
        }
    }
    state
        .store
        .finish_report_send(id, &sent_to, &not_sent)
        .await?;
    let send = state
        .store
        .report_send_by_key(ws, key)
        .await?
        .ok_or(AppError::not_found("report pack"))?;
    Ok(PackSending { send, again: false })
}
