//! Client request ids, kept with the changes they made (see
//! `mot_core::request`). Looked up and written inside the change's own
//! savepoint, after the board's row is locked, so two copies of one request
//! (on any instance) cannot both pass: the second finds the first's row.

use crate::tx::{col, Tx};
use crate::{now_ms, Result, StoreError};
use mot_core::{date, Id};
use serde::Serialize;

/// A client request id with who sent it and a hash of what they asked.
pub(crate) struct Request {
    pub(crate) id: String,
    pub(crate) actor: String,
    pub(crate) fingerprint: String,
}

impl Request {
    pub(crate) fn new(id: String, actor: String, command: &impl Serialize) -> Request {
        use sha2::Digest;
        let text = serde_json::to_string(command).unwrap_or_default();
        Request {
            id,
            actor,
            fingerprint: hex::encode(sha2::Sha256::digest(text.as_bytes())),
        }
    }
}

/// Fails with [`StoreError::AlreadyDone`] when this request was committed
/// before (the same sender and command), with a rule error when its id was
/// used for something else, and passes when it is new.
pub(crate) async fn check_new(
    tx: &mut impl Tx,
    workspace_id: Id,
    journey_id: Id,
    req: &Request,
) -> Result<()> {
    let row = tx
        .fetch_optional(
            "SELECT actor, fingerprint, seq_from, seq_to FROM request_ids \
             WHERE journey_id = $1 AND request_id = $2 AND workspace_id = $3",
            &[journey_id.into(), (&req.id).into(), workspace_id.into()],
        )
        .await?;
    let Some(row) = row else { return Ok(()) };
    let actor: String = col(&row, "actor")?;
    let fingerprint: String = col(&row, "fingerprint")?;
    if actor != req.actor || fingerprint != req.fingerprint {
        return Err(mot_core::request::request_id_reused().into());
    }
    Err(StoreError::AlreadyDone {
        journey_id,
        seq_from: col(&row, "seq_from")?,
        seq_to: col(&row, "seq_to")?,
    })
}

/// Records that `req` made the board's changes `seq_from..=seq_to`.
pub(crate) async fn remember(
    tx: &mut impl Tx,
    workspace_id: Id,
    journey_id: Id,
    req: &Request,
    seq_from: i64,
    seq_to: i64,
) -> Result<()> {
    tx.execute(
        "INSERT INTO request_ids (workspace_id, journey_id, request_id, actor, fingerprint, \
         seq_from, seq_to, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            workspace_id.into(),
            journey_id.into(),
            (&req.id).into(),
            (&req.actor).into(),
            (&req.fingerprint).into(),
            seq_from.into(),
            seq_to.into(),
            now_ms().into(),
        ],
    )
    .await?;
    Ok(())
}

/// A client's request id and who sent it, for a change outside a board's
/// log (a new business, journey, channel, branch, template item, round,
/// batch of rater links or session): see [`crate::Store::once`].
#[derive(Debug, Clone, Copy)]
pub struct ClientRequest<'a> {
    /// Checked with `mot_core::request::request_id`.
    pub id: &'a str,
    pub actor: mot_core::Actor,
}

impl ClientRequest<'_> {
    pub(crate) fn for_change(&self, change: &impl Serialize) -> Request {
        Request::new(self.id.to_string(), self.actor.author().key(), change)
    }
}

/// The record a change outside a board made before under this request id:
/// `Some(id of what it made)` when this request was committed before (the
/// same sender and change), a rule error when its id was used for something
/// else, `None` when it is new.
pub(crate) async fn made_before(
    tx: &mut impl Tx,
    workspace_id: Id,
    req: &Request,
) -> Result<Option<Id>> {
    let row = tx
        .fetch_optional(
            "SELECT actor, fingerprint, outcome FROM workspace_requests \
             WHERE workspace_id = $1 AND request_id = $2",
            &[workspace_id.into(), (&req.id).into()],
        )
        .await?;
    let Some(row) = row else { return Ok(None) };
    let actor: String = col(&row, "actor")?;
    let fingerprint: String = col(&row, "fingerprint")?;
    if actor != req.actor || fingerprint != req.fingerprint {
        return Err(mot_core::request::request_id_reused().into());
    }
    Ok(Some(col(&row, "outcome")?))
}

/// What a creating job did under a client request id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Made {
    /// Made now, with this id.
    New(Id),
    /// Made by an earlier copy of the same request; nothing changed now.
    Before(Id),
}

impl Made {
    pub(crate) fn id(self) -> Id {
        match self {
            Made::New(id) | Made::Before(id) => id,
        }
    }
}

/// Runs a job that makes one record (returning its id and the board changes
/// it logged) in the writer's next transaction, once per client request: the
/// request id is looked up and recorded in the job's own savepoint, so the
/// record exists exactly when the request's row does, and a repeat finds it.
pub(crate) async fn make_once<F>(
    writer: &crate::writer::Writer,
    workspace_id: Id,
    req: Option<Request>,
    f: F,
) -> Result<Made>
where
    F: for<'c> FnOnce(
            &'c mut sqlx::AnyConnection,
        )
            -> futures_util::future::BoxFuture<'c, Result<(Id, Vec<crate::Committed>)>>
        + Send
        + 'static,
{
    writer
        .run(move |conn| {
            Box::pin(async move {
                if let Some(req) = &req {
                    if let Some(id) = made_before(conn, workspace_id, req).await? {
                        return Ok((Made::Before(id), Vec::new()));
                    }
                }
                let (id, changes) = f(conn).await?;
                if let Some(req) = &req {
                    conn.execute(
                        "INSERT INTO workspace_requests (workspace_id, request_id, actor, \
                         fingerprint, outcome, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                        &[
                            workspace_id.into(),
                            (&req.id).into(),
                            (&req.actor).into(),
                            (&req.fingerprint).into(),
                            id.into(),
                            now_ms().into(),
                        ],
                    )
                    .await
                    .map_err(|e| match e {
                        // Another instance committed a copy of this request
                        // between our look-up and now.
                        StoreError::Database(e) => {
                            crate::map_unique(e, "duplicate-request-in-progress")
                        }
                        e => e,
                    })?;
                }
                Ok((Made::New(id), changes))
            })
        })
        .await
}

/// A [`Store`](crate::Store) seen through one client request: each call
/// makes its record once, and a repeat of the same request answers the
/// record the first one made (see [`make_once`]). Made by
/// [`Store::once`](crate::Store::once); without a request it is the plain
/// store.
#[derive(Clone, Copy)]
pub struct Once<'s> {
    store: &'s crate::Store,
    request: Option<ClientRequest<'s>>,
    /// What a new business's channels and a new journey's stages are
    /// called (English when not given).
    names: Option<&'s mot_core::DefaultNames>,
}

impl crate::Store {
    /// This store, making each record at most once for `request`.
    pub fn once<'s>(&'s self, request: Option<ClientRequest<'s>>) -> Once<'s> {
        Once {
            store: self,
            request,
            names: None,
        }
    }
}

impl<'s> Once<'s> {
    /// Names new channels and stages so (the creator's language).
    pub fn named(self, names: &'s mot_core::DefaultNames) -> Once<'s> {
        Once {
            names: Some(names),
            ..self
        }
    }

    fn names(self) -> mot_core::DefaultNames {
        self.names.cloned().unwrap_or_default()
    }

    /// The request, fingerprinted by what it asks: a kind and its values.
    fn req(self, change: &impl Serialize) -> Option<Request> {
        self.request.map(|r| r.for_change(change))
    }

    pub async fn create_business(self, workspace_id: Id, name: &str) -> Result<mot_core::Business> {
        let req = self.req(&("business", name));
        self.store
            .create_business_once(workspace_id, name, req, self.names())
            .await
    }

    /// The join secrets are fresh for each try, so they are not part of
    /// what makes two requests the same.
    pub async fn create_journey(
        self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
        join_code: &str,
        join_token: &str,
    ) -> Result<mot_core::Journey> {
        let req = self.req(&("journey", business_id, name));
        self.store
            .create_journey_once(
                workspace_id,
                business_id,
                name,
                (join_code, join_token),
                req,
                self.names(),
            )
            .await
    }

    pub async fn add_channel(
        self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
        colour: &str,
        icon: &str,
    ) -> Result<mot_core::Channel> {
        let req = self.req(&("channel", business_id, name, colour, icon));
        self.store
            .add_channel_once(workspace_id, business_id, name, colour, icon, req)
            .await
    }

    pub async fn add_branch(
        self,
        workspace_id: Id,
        business_id: Id,
        name: &str,
    ) -> Result<crate::Branch> {
        let req = self.req(&("branch", business_id, name));
        self.store
            .add_branch_once(workspace_id, business_id, name, req)
            .await
    }

    pub async fn create_feedback_survey(
        self,
        workspace_id: Id,
        journey_id: Id,
        branch_id: Option<Id>,
        title: &str,
        moment_ids: &[Id],
    ) -> Result<crate::Survey> {
        let req = self.req(&("survey", journey_id, branch_id, title, moment_ids));
        self.store
            .create_feedback_survey_once(
                workspace_id,
                journey_id,
                branch_id,
                title,
                moment_ids,
                req,
            )
            .await
    }

    pub async fn create_default_template(self, workspace_id: Id) -> Result<crate::Template> {
        let req = self.req(&("template", "default"));
        self.store
            .create_default_template_once(workspace_id, req)
            .await
    }

    pub async fn create_template_from_journey(
        self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<crate::Template> {
        let req = self.req(&("template", "journey", journey_id));
        self.store
            .create_template_from_journey_once(workspace_id, journey_id, req)
            .await
    }

    pub async fn create_template_from_round(
        self,
        workspace_id: Id,
        round_id: Id,
        name: &str,
    ) -> Result<crate::Template> {
        let req = self.req(&("template", "round", round_id));
        self.store
            .create_template_from_round_once(workspace_id, round_id, name, req)
            .await
    }

    pub async fn add_template_item(
        self,
        workspace_id: Id,
        template_id: Id,
        phase: &str,
        text: &str,
        guidance: &str,
        moment_id: Option<Id>,
    ) -> Result<crate::TemplateItem> {
        let req = self.req(&("item", template_id, phase, text, guidance, moment_id));
        self.store
            .add_template_item_once(
                workspace_id,
                template_id,
                phase,
                text,
                guidance,
                moment_id,
                req,
            )
            .await
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn start_round(
        self,
        workspace_id: Id,
        business_id: Id,
        template_id: Id,
        name: &str,
        opens_on: time::Date,
        closes_on: time::Date,
        branch_ids: Vec<Id>,
    ) -> Result<crate::Round> {
        let dates = (date::format(opens_on), date::format(closes_on));
        let req = self.req(&("round", business_id, template_id, name, dates, &branch_ids));
        self.store
            .start_round_once(
                workspace_id,
                business_id,
                template_id,
                name,
                (opens_on, closes_on),
                branch_ids,
                req,
            )
            .await
    }

    /// A repeat is refused (the links' addresses were shown only once).
    pub async fn create_rater_links(
        self,
        workspace_id: Id,
        round_id: Id,
        branch_id: Id,
        group: mot_core::audit::RaterGroup,
        labels: Vec<String>,
    ) -> Result<Vec<(crate::RaterLink, String)>> {
        let req = self.req(&("links", round_id, branch_id, group, &labels));
        self.store
            .create_rater_links_once(workspace_id, round_id, branch_id, group, labels, req)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn start_session_at(
        self,
        workspace_id: Id,
        journey_id: Id,
        actor: mot_core::Actor,
        title: &str,
        held_on: time::Date,
        settings: mot_core::session::SessionSettings,
        start: mot_core::session::Phase,
    ) -> Result<mot_core::session::TeamSession> {
        let req = self.req(&(
            "session",
            journey_id,
            title,
            date::format(held_on),
            settings,
            start,
        ));
        self.store
            .start_session_once(
                workspace_id,
                journey_id,
                actor,
                (title, held_on),
                settings,
                start,
                req,
            )
            .await
    }

    /// Moves a template's phase up (-1) or down (+1), once per request.
    pub async fn move_template_phase(
        self,
        workspace_id: Id,
        template_id: Id,
        phase: &str,
        delta: i64,
    ) -> Result<()> {
        let req = self.req(&("move phase", template_id, phase, delta));
        self.store
            .move_template_phase_once(workspace_id, template_id, phase, delta, req)
            .await
    }

    /// Moves a template item up (-1) or down (+1), once per request.
    pub async fn move_template_item(
        self,
        workspace_id: Id,
        template_id: Id,
        item_id: Id,
        delta: i64,
    ) -> Result<()> {
        let req = self.req(&("move item", template_id, item_id, delta));
        self.store
            .move_template_item_once(workspace_id, template_id, item_id, delta, req)
            .await
    }
}
