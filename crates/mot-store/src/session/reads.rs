//! What the session's reads and commands share: locking a session, the
//! notes on the board, votes, ratings, ideas and actions as stored.

use super::*;

pub(super) struct Loaded {
    pub(super) session: TeamSession,
    pub(super) salt: String,
}

pub(super) async fn lock_session(conn: &mut impl Tx, ws: Id, session_id: Id) -> Result<Loaded> {
    // Lock the journey row first so concurrent writers of this board (on
    // PostgreSQL, in other processes) queue up behind us. (SQLite: BEGIN
    // IMMEDIATE already holds the only write lock.)
    if conn.backend() == Backend::Postgres {
        conn.execute(
            "UPDATE journeys SET last_seq = last_seq WHERE workspace_id = $1 AND id = \
             (SELECT journey_id FROM team_sessions WHERE id = $2 AND workspace_id = $1)",
            &[ws.into(), session_id.into()],
        )
        .await?;
    }
    let row = conn
        .fetch_optional(
            &format!(
        "SELECT {SESSION_COLS}, salt FROM team_sessions WHERE id = $1 AND workspace_id = $2"
    ),
            &[session_id.into(), ws.into()],
        )
        .await?
        .ok_or(StoreError::NotFound("session"))?;
    Ok(Loaded {
        session: session_from(&row)?,
        salt: col(&row, "salt")?,
    })
}

pub(super) async fn live_moment_ids(conn: &mut impl Tx, journey_id: Id) -> Result<Vec<Id>> {
    ids(
        conn,
        "SELECT m.id FROM moments m JOIN stages s ON s.id = m.stage_id \
         WHERE m.journey_id = $1 AND m.deleted_at IS NULL ORDER BY s.position, s.id, m.position, m.id",
        &[journey_id.into()],
    )
    .await
}

pub(super) async fn is_priority(conn: &mut impl Tx, session_id: Id, moment_id: Id) -> Result<bool> {
    Ok(count(
        conn,
        "SELECT COUNT(*) AS n FROM priorities WHERE session_id = $1 AND moment_id = $2",
        &[session_id.into(), moment_id.into()],
    )
    .await?
        > 0)
}

pub(super) async fn require_live_moment(
    conn: &mut impl Tx,
    journey_id: Id,
    moment_id: Id,
) -> Result<()> {
    let n = count(
        conn,
        "SELECT COUNT(*) AS n FROM moments WHERE journey_id = $1 AND id = $2 AND deleted_at IS NULL",
        &[journey_id.into(), moment_id.into()],
    )
    .await?;
    if n == 0 {
        return Err(StoreError::NotFound("moment"));
    }
    Ok(())
}

pub(super) async fn vote_counts(conn: &mut impl Tx, session_id: Id) -> Result<(u32, u32)> {
    let row = conn.fetch_one(
        "SELECT COUNT(*) AS dots, COUNT(DISTINCT voter) AS voters FROM votes WHERE session_id = $1",
        &[session_id.into()],
    )
    .await?;
    Ok((
        col::<i64, _>(&row, "dots")? as u32,
        col::<i64, _>(&row, "voters")? as u32,
    ))
}

pub(super) async fn spread_of(conn: &mut impl Tx, session_id: Id, moment_id: Id) -> Result<Spread> {
    let rows = conn
        .fetch_all(
            "SELECT rating FROM ratings WHERE session_id = $1 AND moment_id = $2",
            &[session_id.into(), moment_id.into()],
        )
        .await?;
    let ratings: Vec<Rating> = rows
        .iter()
        .filter_map(|r| col::<String, _>(r, "rating").ok())
        .filter_map(|k| Rating::from_key(&k))
        .collect();
    Ok(Spread::of(&ratings))
}

/// Everyone's revealed answers on one moment, Miserable first, then in the
/// order given; answers with no text are left to the spread.
pub(super) async fn answers_of(
    conn: &mut impl Tx,
    session_id: Id,
    moment_id: Id,
) -> Result<Vec<RatingAnswer>> {
    let rows = conn
        .fetch_all(
            "SELECT rating, expectation, reality FROM ratings WHERE session_id = $1 AND moment_id = $2 \
             ORDER BY created_at, rater",
            &[session_id.into(), moment_id.into()],
        )
        .await?;
    let mut out = Vec::new();
    for r in rows {
        let Some(rating) = Rating::from_key(&col::<String, _>(&r, "rating")?) else {
            continue;
        };
        let (expectation, reality): (String, String) =
            (col(&r, "expectation")?, col(&r, "reality")?);
        if expectation.is_empty() && reality.is_empty() {
            continue;
        }
        out.push(RatingAnswer {
            rating,
            expectation,
            reality,
        });
    }
    out.sort_by_key(|a| a.rating);
    Ok(out)
}

/// The agreed rating of a moment in the journey's last session before `session_id` that agreed one.
pub(super) async fn last_rating(
    conn: &mut impl Tx,
    journey_id: Id,
    session_id: Id,
    moment_id: Id,
) -> Result<Option<Rating>> {
    let row = conn
        .fetch_optional(
            "SELECT a.rating FROM assessments a JOIN team_sessions t ON t.id = a.session_id \
             WHERE t.journey_id = $1 AND a.moment_id = $2 AND a.session_id < $3 AND a.rating IS NOT NULL \
             ORDER BY a.session_id DESC LIMIT 1",
            &[journey_id.into(), moment_id.into(), session_id.into()],
        )
        .await?;
    Ok(match row {
        Some(r) => Rating::from_key(&col::<String, _>(&r, "rating")?),
        None => None,
    })
}

/// Refuses `doing` (a catalogue key, `rule-doing-…`) outside the `allowed`
/// phases: one to four of them, each named, with one message per count.
pub(super) fn require_phase_in(phase: Phase, allowed: &[Phase], doing: &'static str) -> Result<()> {
    if allowed.contains(&phase) {
        Ok(())
    } else {
        const KEYS: [&str; 4] = [
            "rule-wrong-phases-1",
            "rule-wrong-phases-2",
            "rule-wrong-phases-3",
            "rule-wrong-phases-4",
        ];
        const NAMES: [&str; 4] = ["phase1", "phase2", "phase3", "phase4"];
        let n = allowed.len().clamp(1, KEYS.len());
        let mut msg = Msg::new(KEYS[n - 1]).key_arg("doing", doing);
        for (name, p) in NAMES.into_iter().zip(allowed) {
            msg = msg.key_arg(name, p.label_key());
        }
        Err(RuleError::Conflict(msg.key_arg("current", phase.label_key())).into())
    }
}

pub(super) async fn idea_view(
    conn: &mut impl Tx,
    loaded: &Loaded,
    idea_id: Id,
) -> Result<mot_core::session::IdeaView> {
    let row = conn
        .fetch_optional(
            "SELECT i.id, i.session_id, i.moment_id, i.author, i.author_name, i.text, i.picked, \
         (SELECT COUNT(*) FROM idea_merits im WHERE im.idea_id = i.id) AS merits \
         FROM ideas i WHERE i.id = $1 AND i.session_id = $2 AND i.deleted_at IS NULL",
            &[idea_id.into(), loaded.session.id.into()],
        )
        .await?
        .ok_or(StoreError::NotFound("idea"))?;
    idea_view_from(&row, &loaded.salt, loaded.session.settings.anonymous_ideas)
}

pub(super) fn idea_view_from(
    r: &impl Cols,
    salt: &str,
    anonymous: bool,
) -> Result<mot_core::session::IdeaView> {
    let author: String = col(r, "author")?;
    Ok(mot_core::session::IdeaView {
        id: col(r, "id")?,
        session_id: col(r, "session_id")?,
        moment_id: col(r, "moment_id")?,
        author_tag: author_tag(salt, &author),
        author_name: if anonymous {
            None
        } else {
            Some(col(r, "author_name")?)
        },
        text: col(r, "text")?,
        merits: col::<i64, _>(r, "merits")? as u32,
        picked: col::<i64, _>(r, "picked")? != 0,
    })
}

pub(super) async fn idea_author(conn: &mut impl Tx, session_id: Id, idea_id: Id) -> Result<Author> {
    let row = conn
        .fetch_optional(
            "SELECT author FROM ideas WHERE id = $1 AND session_id = $2 AND deleted_at IS NULL",
            &[idea_id.into(), session_id.into()],
        )
        .await?
        .ok_or(StoreError::NotFound("idea"))?;
    let key: String = col(&row, "author")?;
    Author::parse_key(&key).ok_or_else(|| StoreError::Config("bad idea author".into()))
}

pub(super) const ACTION_COLS: &str =
    "id, journey_id, session_id, moment_id, idea_id, what, owner_user_id, owner_name, \
     due_on, target_from, target_to, status, updated_at";

pub(super) async fn load_actions(
    conn: &mut impl Tx,
    where_sql: &str,
    a: Id,
) -> Result<Vec<Action>> {
    let rows = conn
        .fetch_all(
            &format!("SELECT {ACTION_COLS} FROM actions WHERE {where_sql} ORDER BY id"),
            &[a.into()],
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id: Id = col(&r, "id")?;
        let step_rows = conn.fetch_all(
            "SELECT id, text, target_on, measure, done FROM action_steps WHERE action_id = $1 ORDER BY position",
            &[id.into()],
        )
        .await?;
        let mut steps = Vec::with_capacity(step_rows.len());
        for s in step_rows {
            let target: Option<String> = col(&s, "target_on")?;
            steps.push(Step {
                id: col(&s, "id")?,
                text: col(&s, "text")?,
                target_on: target.and_then(|t| date::parse("t", &t).ok()),
                measure: col(&s, "measure")?,
                done: col::<i64, _>(&s, "done")? != 0,
            });
        }
        let due: Option<String> = col(&r, "due_on")?;
        let from: Option<String> = col(&r, "target_from")?;
        let to: Option<String> = col(&r, "target_to")?;
        let status: String = col(&r, "status")?;
        out.push(Action {
            id,
            journey_id: col(&r, "journey_id")?,
            session_id: col(&r, "session_id")?,
            moment_id: col(&r, "moment_id")?,
            idea_id: col(&r, "idea_id")?,
            what: col(&r, "what")?,
            owner_user_id: col(&r, "owner_user_id")?,
            owner_name: col(&r, "owner_name")?,
            due_on: due.and_then(|d| date::parse("d", &d).ok()),
            target_from: from.and_then(|k| Rating::from_key(&k)),
            target_to: to.and_then(|k| Rating::from_key(&k)),
            status: ActionStatus::from_key(&status).unwrap_or(ActionStatus::Open),
            steps,
            updated_at: col(&r, "updated_at")?,
        });
    }
    Ok(out)
}
