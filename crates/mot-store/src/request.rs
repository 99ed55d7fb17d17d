//! Client request ids, kept with the changes they made (see
//! `mot_core::request`). Looked up and written inside the change's own
//! savepoint, after the board's row is locked, so two copies of one request
//! (on any instance) cannot both pass: the second finds the first's row.

use crate::tx::{col, Tx};
use crate::{now_ms, Result, StoreError};
use mot_core::Id;
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
