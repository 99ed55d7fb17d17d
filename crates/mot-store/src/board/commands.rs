//! The board's commands, applied inside the writer's transaction; each
//! writes its [`BoardEvent`] to the change log (`crate::changes`).

use super::*;
use crate::changes::{append_change, log_change};

/// Tells every board of a business that its channels changed.
pub(super) async fn announce_channels(
    conn: &mut AnyConnection,
    workspace_id: Id,
    business_id: Id,
) -> Result<Vec<Committed>> {
    let rows = sqlx::query("SELECT id FROM journeys WHERE business_id = $1 AND workspace_id = $2")
        .bind(business_id)
        .bind(workspace_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let jid: Id = col(&r, "id")?;
        out.push(append_change(conn, workspace_id, jid, BoardEvent::ChannelsChanged).await?);
    }
    Ok(out)
}

pub(super) async fn load_moment(
    tx: &mut impl Tx,
    workspace_id: Id,
    journey_id: Id,
    id: Id,
    deleted: bool,
) -> Result<Moment> {
    let sql = if deleted {
        LOAD_DELETED_MOMENT
    } else {
        LOAD_LIVE_MOMENT
    };
    let args = [id.into(), journey_id.into(), workspace_id.into()];
    match tx.fetch_optional(sql, &args).await? {
        Some(r) => moment_from(&r),
        None if deleted => {
            // Only a live note of this board is a conflict; any other id is unknown.
            let live = tx
                .fetch_optional(
                    "SELECT id FROM moments WHERE id = $1 AND journey_id = $2 AND workspace_id = $3",
                    &args,
                )
                .await?;
            match live {
                Some(_) => Err(mot_core::RuleError::Conflict(mot_core::Msg::new(
                    "rule-note-not-deleted",
                ))
                .into()),
                None => Err(StoreError::NotFound("moment")),
            }
        }
        None => Err(StoreError::NotFound("moment")),
    }
}

pub(super) async fn load_stage(
    tx: &mut impl Tx,
    workspace_id: Id,
    journey_id: Id,
    id: Id,
) -> Result<Stage> {
    let row = tx
        .fetch_optional(
            "SELECT id, journey_id, name, position FROM stages \
             WHERE id = $1 AND journey_id = $2 AND workspace_id = $3 AND removed = 0",
            &[id.into(), journey_id.into(), workspace_id.into()],
        )
        .await?
        .ok_or(StoreError::NotFound("stage"))?;
    stage_from(&row)
}

pub(super) async fn stage_order(tx: &mut impl Tx, journey_id: Id) -> Result<Vec<Id>> {
    ids(
        tx,
        "SELECT id FROM stages WHERE journey_id = $1 AND removed = 0 ORDER BY position, id",
        &[journey_id.into()],
    )
    .await
}

pub(super) async fn note_order(tx: &mut impl Tx, stage_id: Id) -> Result<Vec<Id>> {
    ids(
        tx,
        "SELECT id FROM moments WHERE stage_id = $1 AND deleted_at IS NULL ORDER BY position, id",
        &[stage_id.into()],
    )
    .await
}

pub(super) async fn write_positions(tx: &mut impl Tx, table: &str, ids: &[Id]) -> Result<()> {
    let sql = format!("UPDATE {table} SET position = $1 WHERE id = $2");
    for (i, id) in ids.iter().enumerate() {
        tx.execute(&sql, &[(i as i64).into(), (*id).into()]).await?;
    }
    Ok(())
}

pub(super) async fn check_channel(
    tx: &mut impl Tx,
    workspace_id: Id,
    journey_id: Id,
    channel_id: Option<Id>,
) -> Result<()> {
    let Some(cid) = channel_id else { return Ok(()) };
    let row = tx
        .fetch_optional(
            "SELECT c.id, c.business_id, c.name, c.colour, c.icon, c.position, c.retired \
             FROM channels c JOIN journeys j ON j.business_id = c.business_id \
             WHERE c.id = $1 AND j.id = $2 AND c.workspace_id = $3",
            &[cid.into(), journey_id.into(), workspace_id.into()],
        )
        .await?
        .ok_or(StoreError::NotFound("channel"))?;
    check_channel_usable(&channel_from(&row)?)?;
    Ok(())
}

/// One past the largest position `sql` finds (0 when there is none).
pub(super) async fn next_position(tx: &mut impl Tx, sql: &str, args: &[Val]) -> Result<i64> {
    let row = tx.fetch_one(sql, args).await?;
    Ok(col::<Option<i64>, _>(&row, "p")?.map_or(0, |p| p + 1))
}

crate::tx::command!(BoardJob, apply_logged);

/// [`apply_in`], its one change as the writer's list of changes.
pub(super) async fn apply_logged(tx: &mut impl Tx, job: BoardJob) -> Result<Vec<Committed>> {
    Ok(vec![apply_in(tx, job).await?])
}

/// Applies one board command inside the writer's transaction, on either
/// driver (see tx.rs), and logs its change.
pub(crate) async fn apply_in(tx: &mut impl Tx, job: BoardJob) -> Result<Committed> {
    let BoardJob {
        workspace_id: ws,
        journey_id: jid,
        actor,
        actor_name,
        cmd,
        request,
        standing,
    } = job;
    if let Some(s) = &standing {
        if !s.holds(tx).await? {
            return Err(StoreError::StandingChanged);
        }
    }
    // A no-op UPDATE locks the journey's row before the board is read, so
    // another process's writer (PostgreSQL) waits instead of reading a board
    // about to change (e.g. two notes given the same position).
    // (SQLite: BEGIN IMMEDIATE already holds the only write lock.)
    let lock = if tx.backend() == Backend::Postgres {
        "UPDATE journeys SET last_seq = last_seq WHERE id = $1 AND workspace_id = $2 \
         RETURNING id, live_notes"
    } else {
        "SELECT id, live_notes FROM journeys WHERE id = $1 AND workspace_id = $2"
    };
    let journey = tx.fetch_optional(lock, &[jid.into(), ws.into()]).await?;
    let Some(journey) = journey.filter(|_| actor.may_view_journey(jid)) else {
        return Err(StoreError::NotFound("journey"));
    };
    if let Some(req) = &request {
        request::check_new(tx, ws, jid, req).await?;
    }
    let live_notes: i64 = col(&journey, "live_notes")?;
    // How the command moves the count of live notes.
    let mut notes = 0;
    let now = now_ms();
    let event = match cmd {
        BoardCommand::AddMoment {
            stage_id,
            channel_id,
            title,
            description,
        } => {
            actor.may_add_moment(jid)?;
            load_stage(tx, ws, jid, stage_id).await?;
            check_channel(tx, ws, jid, channel_id).await?;
            board::check_moment_added(live_notes.max(0) as usize)?;
            notes = 1;
            // journey_id first: the (journey_id, stage_id, position) index
            // answers at once instead of scanning every note.
            let position = next_position(
                tx,
                "SELECT MAX(position) AS p FROM moments WHERE journey_id = $1 AND stage_id = $2 AND deleted_at IS NULL",
                &[jid.into(), stage_id.into()],
            )
            .await?;
            let author = actor.author();
            let row = tx
                .fetch_one(
                    INSERT_MOMENT,
                    &[
                        ws.into(),
                        jid.into(),
                        stage_id.into(),
                        channel_id.into(),
                        title.into(),
                        description.into(),
                        position.into(),
                        author.key().into(),
                        actor_name.into(),
                        now.into(),
                    ],
                )
                .await?;
            BoardEvent::MomentAdded {
                moment: moment_from(&row)?,
            }
        }
        BoardCommand::EditMoment {
            id,
            title,
            description,
            channel_id,
        } => {
            let mut m = load_moment(tx, ws, jid, id, false).await?;
            actor.may_change_moment(jid, m.author)?;
            if let Some(c) = channel_id {
                check_channel(tx, ws, jid, c).await?;
                m.channel_id = c;
            }
            if let Some(t) = title {
                m.title = t;
            }
            if let Some(d) = description {
                m.description = d;
            }
            m.updated_at = now;
            tx.execute(
                "UPDATE moments SET title = $1, description = $2, channel_id = $3, updated_at = $4 WHERE id = $5",
                &[
                    (&m.title).into(),
                    (&m.description).into(),
                    m.channel_id.into(),
                    now.into(),
                    m.id.into(),
                ],
            )
            .await?;
            BoardEvent::MomentUpdated { moment: m }
        }
        BoardCommand::MoveMoment {
            id,
            stage_id,
            index,
        } => {
            let m = load_moment(tx, ws, jid, id, false).await?;
            actor.may_change_moment(jid, m.author)?;
            load_stage(tx, ws, jid, stage_id).await?;
            let mut stages = Vec::new();
            if m.stage_id != stage_id {
                let mut from = note_order(tx, m.stage_id).await?;
                from.retain(|x| *x != id);
                write_positions(tx, "moments", &from).await?;
                stages.push(StageOrder {
                    stage_id: m.stage_id,
                    moment_ids: from,
                });
                tx.execute(
                    "UPDATE moments SET stage_id = $1, updated_at = $2 WHERE id = $3",
                    &[stage_id.into(), now.into(), id.into()],
                )
                .await?;
            }
            let mut to = note_order(tx, stage_id).await?;
            move_to(&mut to, id, index);
            write_positions(tx, "moments", &to).await?;
            stages.push(StageOrder {
                stage_id,
                moment_ids: to,
            });
            BoardEvent::MomentsReordered { stages }
        }
        BoardCommand::DeleteMoment { id } => {
            let m = load_moment(tx, ws, jid, id, false).await?;
            actor.may_change_moment(jid, m.author)?;
            tx.execute(
                "UPDATE moments SET deleted_at = $1 WHERE id = $2",
                &[now.into(), id.into()],
            )
            .await?;
            notes = -1;
            BoardEvent::MomentDeleted {
                id,
                stage_id: m.stage_id,
            }
        }
        BoardCommand::RestoreMoment { id } => {
            let mut m = load_moment(tx, ws, jid, id, true).await?;
            actor.may_change_moment(jid, m.author)?;
            // The note's stage may have been removed meanwhile: then it goes
            // to the end of the first stage, so it is never lost.
            if load_stage(tx, ws, jid, m.stage_id).await.is_err() {
                let first = *stage_order(tx, jid)
                    .await?
                    .first()
                    .ok_or(StoreError::NotFound("stage"))?;
                m.stage_id = first;
                m.position = next_position(
                    tx,
                    "SELECT MAX(position) AS p FROM moments WHERE stage_id = $1 AND deleted_at IS NULL",
                    &[first.into()],
                )
                .await?;
            }
            tx.execute(
                "UPDATE moments SET deleted_at = NULL, stage_id = $1, position = $2 WHERE id = $3",
                &[m.stage_id.into(), m.position.into(), id.into()],
            )
            .await?;
            notes = 1;
            BoardEvent::MomentRestored { moment: m }
        }
        BoardCommand::AddStage { name } => {
            actor.may_change_stages()?;
            let order = stage_order(tx, jid).await?;
            board::check_stage_added(order.len())?;
            let position = next_position(
                tx,
                "SELECT MAX(position) AS p FROM stages WHERE journey_id = $1 AND removed = 0",
                &[jid.into()],
            )
            .await?;
            let row = tx
                .fetch_one(
                    "INSERT INTO stages (workspace_id, journey_id, name, position, removed) \
                     VALUES ($1, $2, $3, $4, 0) RETURNING id, journey_id, name, position",
                    &[ws.into(), jid.into(), (&name).into(), position.into()],
                )
                .await?;
            BoardEvent::StageAdded {
                stage: stage_from(&row)?,
            }
        }
        BoardCommand::RenameStage { id, name } => {
            actor.may_change_stages()?;
            let mut s = load_stage(tx, ws, jid, id).await?;
            tx.execute(
                "UPDATE stages SET name = $1 WHERE id = $2",
                &[(&name).into(), id.into()],
            )
            .await?;
            s.name = name;
            BoardEvent::StageRenamed { stage: s }
        }
        BoardCommand::MoveStage { id, index } => {
            actor.may_change_stages()?;
            load_stage(tx, ws, jid, id).await?;
            let mut order = stage_order(tx, jid).await?;
            move_to(&mut order, id, index);
            write_positions(tx, "stages", &order).await?;
            BoardEvent::StagesReordered { stage_ids: order }
        }
        BoardCommand::RemoveStage { id } => {
            actor.may_change_stages()?;
            load_stage(tx, ws, jid, id).await?;
            let order = stage_order(tx, jid).await?;
            let notes = note_order(tx, id).await?;
            board::check_stage_removal(order.len(), notes.len())?;
            tx.execute("UPDATE stages SET removed = 1 WHERE id = $1", &[id.into()])
                .await?;
            BoardEvent::StageRemoved { id }
        }
    };
    let c = log_change(tx, ws, jid, event, notes).await?;
    if let Some(req) = &request {
        request::remember(tx, ws, jid, req, c.seq, c.seq).await?;
    }
    Ok(c)
}
