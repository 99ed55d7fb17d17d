//! What the session's pages, API and board page all call: one way to
//! change a session, the session panel as a viewer sees it, the contact
//! planning form and the next session's calendar file.

use crate::auth::Ident;
use crate::session::views::{note_marks, panel, PanelCtx};
use crate::state::AppState;
use crate::t;
use crate::web::error::AppError;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::Markup;
use mot_core::date;
use mot_core::session::{build_form, Agreed, FormMoment, PlanningForm};
use mot_core::session::{Phase, SessionCommand};
use mot_core::{Id, Moment};
use mot_store::Committed;
use std::collections::HashMap;

/// The session panel for one viewer (the journey's latest session), and
/// what it puts on each note for them (see [`note_marks`]).
pub async fn session_panel(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    moments: &[Moment],
    extras: &HashMap<Id, mot_store::NoteExtras>,
) -> Result<(Markup, HashMap<Id, Markup>), AppError> {
    let latest = state
        .store
        .sessions(me.workspace_id, journey_id)
        .await?
        .into_iter()
        .next();
    let view = match &latest {
        Some(s) => Some(
            state
                .store
                .session_view(me.workspace_id, s.id, me.actor.author())
                .await?,
        ),
        None => None,
    };
    let open_actions = state
        .store
        .open_actions(me.workspace_id, journey_id)
        .await?;
    let history = state
        .store
        .rating_history(me.workspace_id, journey_id)
        .await?;
    // Moments put on this session's agenda from customer alerts: offered
    // first while the team prioritises.
    let agenda = match &view {
        Some(v) if v.session.phase == Phase::Prioritise => {
            state
                .store
                .session_agenda(me.workspace_id, v.session.id)
                .await?
        }
        _ => Vec::new(),
    };
    // While the team assesses, each card names its moment's stage and channel.
    let board = match &view {
        Some(v) if v.session.phase == Phase::Assess => {
            Some(state.store.board(me.workspace_id, journey_id).await?)
        }
        _ => None,
    };
    let facilitator = mot_core::session::may_facilitate(me.actor).is_ok();
    // The people an action can be given to: the business's people and the
    // session's guests, offered while actions are planned.
    let mut people: Vec<String> = Vec::new();
    if let Some(v) = view
        .as_ref()
        .filter(|v| facilitator && v.session.phase == Phase::SelectPlan)
    {
        // The practice's people and this client's, never another client's.
        let business_id = state
            .store
            .journey(me.workspace_id, journey_id)
            .await?
            .business_id;
        let members = state
            .store
            .members_of_business(me.workspace_id, business_id)
            .await?;
        for name in members
            .into_iter()
            .map(|(u, _)| u.name)
            .chain(v.people.iter().map(|(_, n)| n.clone()))
        {
            if !people.contains(&name) {
                people.push(name);
            }
        }
        people.sort();
    }
    let ctx = PanelCtx {
        journey_id,
        view: view.as_ref(),
        moments,
        csrf: &me.csrf,
        facilitator,
        can_take_part: me.actor.may_add_moment(journey_id).is_ok(),
        open_actions: &open_actions,
        history: &history,
        today: date::today(),
        extras,
        stages: board.as_ref().map_or(&[][..], |b| &b.stages[..]),
        channels: board.as_ref().map_or(&[][..], |b| &b.channels[..]),
        people: &people,
        agenda: &agenda,
    };
    let marks = note_marks(&ctx);
    Ok((panel(&ctx, &marks), marks))
}

/// The one function every entry point calls to change a session; from a
/// board's page, `journey_id` is that board (another board's session is not
/// found). The store checks who may reach the session, in the writer.
pub async fn run_session_command(
    state: &AppState,
    who: &Ident,
    journey_id: Option<Id>,
    session_id: Id,
    cmd: SessionCommand,
) -> Result<Vec<Committed>, AppError> {
    run_session_command_once(state, who, journey_id, session_id, cmd, None).await
}

/// [`run_session_command`] with the client's request id: a repeat of the
/// same request is answered with the changes the first one made.
pub async fn run_session_command_once(
    state: &AppState,
    who: &Ident,
    journey_id: Option<Id>,
    session_id: Id,
    cmd: SessionCommand,
    request_id: Option<&str>,
) -> Result<Vec<Committed>, AppError> {
    let request_id = request_id.map(mot_core::request::request_id).transpose()?;
    Ok(state
        .store
        .session_command_once(
            who.workspace_id,
            journey_id,
            session_id,
            who.actor,
            &who.name,
            cmd,
            request_id.as_deref(),
        )
        .await?)
}

/// An input's name as people read it in an error message: its catalogue
/// name (`field-<name>`) when it has one, else the name itself.
pub fn field_name(name: &str) -> &str {
    mot_i18n::text_dyn(crate::web::i18n::lang(), &format!("field-{name}")).unwrap_or(name)
}

/// The phase a new session starts at: Capture unless one is named.
pub fn start_phase(key: Option<&str>) -> Result<Phase, AppError> {
    match key.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(Phase::Capture),
        Some(k) => Phase::from_key(k).ok_or_else(|| {
            AppError::invalid(t!(
                "session-error-not-a-start-phase",
                field = field_name("phase")
            ))
        }),
    }
}

/// The next session of a session as an iCalendar file (for the page and the
/// JSON API alike); 404 when none is booked. `host` is the base of links.
pub async fn next_session_file(
    state: &AppState,
    me: &Ident,
    host: &str,
    journey_id: Id,
    session_id: Id,
) -> Result<Response, AppError> {
    let s = state
        .store
        .team_session(me.workspace_id, session_id)
        .await?;
    if s.journey_id != journey_id {
        return Err(AppError::not_found("session"));
    }
    let day = s.next_session_on.ok_or_else(|| {
        AppError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            t!("session-no-next-session-booked"),
        )
    })?;
    let j = state.store.journey(me.workspace_id, journey_id).await?;
    let stamp = time::OffsetDateTime::now_utc();
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        stamp.year(),
        stamp.month() as u8,
        stamp.day(),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    let body = mot_export::ics::next_session(
        &format!(
            "mot-session-{}-next@{}",
            s.id,
            host.trim_start_matches("http://")
                .trim_start_matches("https://")
        ),
        &j.name,
        &s.title,
        &format!("{host}/j/{journey_id}"),
        day,
        &stamp,
        &crate::web::brand::look(state, me.workspace_id).await?,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"next-session.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// Builds the form of a session from the store.
pub async fn planning_form(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    session_id: Id,
) -> Result<PlanningForm, AppError> {
    let v = state
        .store
        .session_view(me.workspace_id, session_id, me.actor.author())
        .await?;
    if v.session.journey_id != journey_id || !me.actor.may_view_journey(journey_id) {
        return Err(AppError::not_found("session"));
    }
    let board = state.store.board(me.workspace_id, journey_id).await?;
    let moments: Vec<FormMoment<'_>> = board
        .moments
        .iter()
        .map(|m| FormMoment {
            id: m.id,
            title: &m.title,
            description: &m.description,
            channel: m
                .channel_id
                .and_then(|c| board.channels.iter().find(|ch| ch.id == c))
                .map(|c| (c.position, c.name.as_str(), c.icon.as_str())),
        })
        .collect();
    let assessed: HashMap<Id, Agreed> = v
        .assessments
        .iter()
        .map(|(k, a)| {
            (
                *k,
                Agreed {
                    rating: a.rating,
                    issue: a.issue.clone(),
                    expectation: a.expectation.clone(),
                    reality: a.reality.clone(),
                },
            )
        })
        .collect();
    Ok(build_form(
        &board.business.name,
        &board.journey.name,
        &v.session,
        &moments,
        &v.priorities,
        &assessed,
        &v.actions,
    ))
}

/// The planning form as a file to download: `csv`, `md`, `xlsx` or `pdf`
/// (for the page and the JSON API alike).
/// `look`: the workspace's ([`crate::web::brand::look`]).
pub fn form_download(
    f: &PlanningForm,
    ext: &str,
    look: &mot_export::Look,
) -> Result<Response, AppError> {
    let file = |ext: &str| {
        let safe: String = f
            .journey
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!(
            "attachment; filename=\"contact-planning-form-{}-{}.{ext}\"",
            safe.trim_matches('-'),
            date::format(f.held_on)
        )
    };
    use mot_export::planning_form as export;
    Ok(match ext {
        "csv" => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, file("csv")),
            ],
            export::to_csv(f, look),
        )
            .into_response(),
        "md" => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/markdown; charset=utf-8".to_string(),
                ),
                (header::CONTENT_DISPOSITION, file("md")),
            ],
            export::to_markdown(f, look),
        )
            .into_response(),
        "xlsx" => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                ),
                (header::CONTENT_DISPOSITION, file("xlsx")),
            ],
            export::to_xlsx(f, look).map_err(|e| AppError::internal(&e))?,
        )
            .into_response(),
        "pdf" => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, file("pdf")),
            ],
            export::to_pdf(f, look).map_err(|e| AppError::internal(&e))?,
        )
            .into_response(),
        _ => return Err(AppError::not_found("export format")),
    })
}
