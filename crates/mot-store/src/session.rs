//! The five-step session: its state, and the commands that change it. Every
//! change is committed with an entry in the journey's change log, so people
//! on the board see the phase, the counts and the reveals live.

use crate::board::append_change;
use crate::tx::{col, count, ids, Cols, Tx};
use crate::{now_ms, Backend, Committed, Result, Store, StoreError};
use mot_core::date;
use mot_core::session::{
    self as rules, Action, ActionStatus, Phase, Rating, SessionCommand, SessionSettings, Spread,
    Step, TallyRow, TeamSession,
};
use mot_core::text::{self, RuleError};
use mot_core::{Actor, Author, BoardEvent, Id};
use std::collections::HashMap;
use time::Date;

const SESSION_COLS: &str = "id, workspace_id, journey_id, title, held_on, phase, timer_ends_at, \
     vote_limit, multi_vote, priority_cap, anonymous_ideas, votes_revealed, next_session_on, created_at";

fn session_from(r: &impl Cols) -> Result<TeamSession> {
    let phase: String = col(r, "phase")?;
    let held: String = col(r, "held_on")?;
    let next: Option<String> = col(r, "next_session_on")?;
    let bad = |what: &str| StoreError::Config(format!("bad {what} in the database"));
    Ok(TeamSession {
        id: col(r, "id")?,
        workspace_id: col(r, "workspace_id")?,
        journey_id: col(r, "journey_id")?,
        title: col(r, "title")?,
        held_on: date::parse("held_on", &held).map_err(|_| bad("date"))?,
        phase: Phase::from_key(&phase).ok_or_else(|| bad("phase"))?,
        timer_ends_at: col(r, "timer_ends_at")?,
        settings: SessionSettings {
            vote_limit: col::<i64, _>(r, "vote_limit")? as u32,
            multi_vote: col::<i64, _>(r, "multi_vote")? != 0,
            priority_cap: col::<i64, _>(r, "priority_cap")? as u32,
            anonymous_ideas: col::<i64, _>(r, "anonymous_ideas")? != 0,
        },
        votes_revealed: col::<i64, _>(r, "votes_revealed")? != 0,
        next_session_on: next
            .map(|n| date::parse("next", &n))
            .transpose()
            .map_err(|_| bad("date"))?,
        created_at: col(r, "created_at")?,
    })
}

/// The tag that stands for a person in one session's ideas: only someone who
/// knows the session's secret salt can link it to a person.
pub fn author_tag(salt: &str, author: &str) -> String {
    use sha2::Digest;
    hex::encode(&sha2::Sha256::digest(format!("{salt}:{author}").as_bytes())[..8])
}

/// An assessment of one priority moment in a session.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub moment_id: Id,
    pub revealed: bool,
    /// The spread of private ratings, once revealed.
    pub spread: Option<Spread>,
    pub rating: Option<Rating>,
    pub issue: String,
    pub expectation: String,
    pub reality: String,
    /// How many people rated it (shown before the reveal).
    pub count: u32,
    /// Once revealed, everyone's answers that say what customers expect or
    /// what happens now (without who gave them), Miserable first.
    pub answers: Vec<RatingAnswer>,
    /// The agreed rating of this moment in the journey's last session
    /// before this one that agreed one.
    pub last_rating: Option<Rating>,
}

/// One person's private rating of a moment, as everyone sees it once revealed.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingAnswer {
    pub rating: Rating,
    pub expectation: String,
    pub reality: String,
}

/// One private rating, as its author sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct MyRating {
    pub rating: Rating,
    pub expectation: String,
    pub reality: String,
}

/// Everything a participant's session screen shows.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub session: TeamSession,
    /// The viewer's own tag among the ideas.
    pub my_tag: String,
    /// The viewer's person key (`u:1`, `g:2`).
    pub my_key: String,
    /// Who said "I'm done" in the current phase: (person key, name).
    pub done: Vec<(String, String)>,
    /// Everyone taking part: guests who joined the journey and anyone who
    /// voted, rated, added an idea or said they were done: (person key, name).
    pub people: Vec<(String, String)>,
    pub my_votes: Vec<Id>,
    pub dots: u32,
    pub voters: u32,
    pub tally: Option<Vec<TallyRow>>,
    pub priorities: Vec<Id>,
    pub assessments: HashMap<Id, Assessment>,
    pub my_ratings: HashMap<Id, MyRating>,
    pub ideas: Vec<mot_core::board::IdeaView>,
    pub my_merits: Vec<Id>,
    pub actions: Vec<Action>,
}

struct Loaded {
    session: TeamSession,
    salt: String,
}

async fn lock_session(conn: &mut impl Tx, ws: Id, session_id: Id) -> Result<Loaded> {
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

async fn live_moment_ids(conn: &mut impl Tx, journey_id: Id) -> Result<Vec<Id>> {
    ids(
        conn,
        "SELECT m.id FROM moments m JOIN stages s ON s.id = m.stage_id \
         WHERE m.journey_id = $1 AND m.deleted_at IS NULL ORDER BY s.position, s.id, m.position, m.id",
        &[journey_id.into()],
    )
    .await
}

async fn is_priority(conn: &mut impl Tx, session_id: Id, moment_id: Id) -> Result<bool> {
    Ok(count(
        conn,
        "SELECT COUNT(*) AS n FROM priorities WHERE session_id = $1 AND moment_id = $2",
        &[session_id.into(), moment_id.into()],
    )
    .await?
        > 0)
}

async fn require_live_moment(conn: &mut impl Tx, journey_id: Id, moment_id: Id) -> Result<()> {
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

async fn vote_counts(conn: &mut impl Tx, session_id: Id) -> Result<(u32, u32)> {
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

async fn spread_of(conn: &mut impl Tx, session_id: Id, moment_id: Id) -> Result<Spread> {
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
async fn answers_of(
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
async fn last_rating(
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

fn require_phase_in(phase: Phase, allowed: &[Phase], doing: &str) -> Result<()> {
    if allowed.contains(&phase) {
        Ok(())
    } else {
        let names: Vec<&str> = allowed.iter().map(|p| p.label()).collect();
        Err(RuleError::Conflict(format!(
            "You can {doing} only in {}; the session is in {}.",
            names.join(" or "),
            phase.label()
        ))
        .into())
    }
}

async fn idea_view(
    conn: &mut impl Tx,
    loaded: &Loaded,
    idea_id: Id,
) -> Result<mot_core::board::IdeaView> {
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

fn idea_view_from(r: &impl Cols, salt: &str, anonymous: bool) -> Result<mot_core::board::IdeaView> {
    let author: String = col(r, "author")?;
    Ok(mot_core::board::IdeaView {
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

async fn idea_author(conn: &mut impl Tx, session_id: Id, idea_id: Id) -> Result<Author> {
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

const ACTION_COLS: &str =
    "id, journey_id, session_id, moment_id, idea_id, what, owner_user_id, owner_name, \
     due_on, target_from, target_to, status, updated_at";

async fn load_actions(conn: &mut impl Tx, where_sql: &str, a: Id) -> Result<Vec<Action>> {
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

impl Store {
    /// Starts a session on a journey at Capture (facilitators only).
    pub async fn start_session(
        &self,
        workspace_id: Id,
        journey_id: Id,
        actor: Actor,
        title: &str,
        held_on: Date,
        settings: SessionSettings,
    ) -> Result<TeamSession> {
        self.start_session_at(
            workspace_id,
            journey_id,
            actor,
            title,
            held_on,
            settings,
            Phase::Capture,
        )
        .await
    }

    /// Starts a session at `start`, for a team whose notes already exist
    /// (see [`rules::check_start_phase`]). From Assess on, the session takes
    /// over the priorities of the journey's last session that chose some.
    #[allow(clippy::too_many_arguments)]
    pub async fn start_session_at(
        &self,
        workspace_id: Id,
        journey_id: Id,
        actor: Actor,
        title: &str,
        held_on: Date,
        settings: SessionSettings,
        start: Phase,
    ) -> Result<TeamSession> {
        self.start_session_once(
            workspace_id,
            journey_id,
            actor,
            (title, held_on),
            settings,
            start,
            None,
        )
        .await
    }

    /// [`Store::start_session_at`] once per client request; `heading` is
    /// the session's title and date.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn start_session_once(
        &self,
        workspace_id: Id,
        journey_id: Id,
        actor: Actor,
        (title, held_on): (&str, Date),
        settings: SessionSettings,
        start: Phase,
        req: Option<crate::request::Request>,
    ) -> Result<TeamSession> {
        rules::may_facilitate(actor)?;
        let settings = settings.checked()?;
        let title = text::required_line("title", title, rules::SessionLimits::TITLE)?;
        let made = crate::request::make_once(&self.writer, workspace_id, req, move |conn| {
                Box::pin(async move {
                    let locked = conn.fetch_optional(
                        "UPDATE journeys SET last_seq = last_seq WHERE id = $1 AND workspace_id = $2 RETURNING id",
                        &[journey_id.into(), workspace_id.into()],
                    )
                    .await?;
                    if locked.is_none() {
                        return Err(StoreError::NotFound("journey"));
                    }
                    let mut carried = Vec::new();
                    if start != Phase::Capture {
                        let on_board = live_moment_ids(conn, journey_id).await?;
                        let previous = ids(
                            conn,
                            "SELECT moment_id AS id FROM priorities WHERE session_id = \
                             (SELECT MAX(p.session_id) FROM priorities p JOIN team_sessions t ON t.id = p.session_id \
                              WHERE t.journey_id = $1 AND t.workspace_id = $2) ORDER BY position",
                            &[journey_id.into(), workspace_id.into()],
                        )
                        .await?;
                        carried = rules::carry_priorities(&previous, &on_board, settings.priority_cap);
                        rules::check_start_phase(start, on_board.len(), carried.len())?;
                        if start <= Phase::Prioritise {
                            carried.clear();
                        }
                    }
                    let now = now_ms();
                    let row = conn.fetch_one(
                        &format!(
                            "INSERT INTO team_sessions (workspace_id, journey_id, title, held_on, phase, timer_ends_at, \
                             vote_limit, multi_vote, priority_cap, anonymous_ideas, votes_revealed, next_session_on, \
                             created_by, salt, created_at) \
                             VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, 0, NULL, $10, $11, $12) RETURNING {SESSION_COLS}"
                        ),
                        &[
                            workspace_id.into(),
                            journey_id.into(),
                            (&title).into(),
                            date::format(held_on).into(),
                            start.key().into(),
                            (settings.vote_limit as i64).into(),
                            (settings.multi_vote as i64).into(),
                            (settings.priority_cap as i64).into(),
                            (settings.anonymous_ideas as i64).into(),
                            actor.author().key().into(),
                            crate::random_token().into(),
                            now.into(),
                        ],
                    )
                    .await?;
                    let session = session_from(&row)?;
                    let started = BoardEvent::SessionStarted {
                        session: session.clone(),
                    };
                    let mut changes = vec![append_change(conn, workspace_id, journey_id, started).await?];
                    if !carried.is_empty() {
                        for (i, m) in carried.iter().enumerate() {
                            conn.execute(
                                "INSERT INTO priorities (session_id, moment_id, position) VALUES ($1, $2, $3)",
                                &[session.id.into(), (*m).into(), (i as i64).into()],
                            )
                            .await?;
                        }
                        let set = BoardEvent::PrioritiesSet {
                            session_id: session.id,
                            moment_ids: carried,
                        };
                        changes.push(append_change(conn, workspace_id, journey_id, set).await?);
                    }
                    Ok((session.id, changes))
                })
            })
            .await?;
        self.team_session(workspace_id, made.id()).await
    }

    /// The sessions of a journey, newest first.
    pub async fn sessions(&self, workspace_id: Id, journey_id: Id) -> Result<Vec<TeamSession>> {
        let rows = sqlx::query(&format!(
            "SELECT {SESSION_COLS} FROM team_sessions WHERE journey_id = $1 AND workspace_id = $2 ORDER BY id DESC"
        ))
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(session_from).collect()
    }

    pub async fn team_session(&self, workspace_id: Id, id: Id) -> Result<TeamSession> {
        let row = sqlx::query(&format!(
            "SELECT {SESSION_COLS} FROM team_sessions WHERE id = $1 AND workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("session"))?;
        session_from(&row)
    }

    /// Applies a session command: checks the rules against the current state
    /// and commits the change with its log entries.
    pub async fn session_command(
        &self,
        workspace_id: Id,
        session_id: Id,
        actor: Actor,
        actor_name: &str,
        cmd: SessionCommand,
    ) -> Result<Vec<Committed>> {
        self.session_command_on(workspace_id, None, session_id, actor, actor_name, cmd)
            .await
    }

    /// [`Store::session_command`], sent from a board: a session of another
    /// board is not found.
    pub async fn session_command_on(
        &self,
        workspace_id: Id,
        journey_id: Option<Id>,
        session_id: Id,
        actor: Actor,
        actor_name: &str,
        cmd: SessionCommand,
    ) -> Result<Vec<Committed>> {
        self.session_command_once(
            workspace_id,
            journey_id,
            session_id,
            actor,
            actor_name,
            cmd,
            None,
        )
        .await
    }

    /// [`Store::session_command_on`] with the client's request id: a repeat
    /// of a committed request answers the changes it made then, and changes
    /// nothing (see [`Store::apply_once`]).
    #[allow(clippy::too_many_arguments)]
    pub async fn session_command_once(
        &self,
        workspace_id: Id,
        journey_id: Option<Id>,
        session_id: Id,
        actor: Actor,
        actor_name: &str,
        cmd: SessionCommand,
        request_id: Option<&str>,
    ) -> Result<Vec<Committed>> {
        let cmd = cmd.normalised()?;
        rules::check_command_allowed(actor, &cmd)?;
        let request = request_id
            .map(|id| crate::request::Request::new(id.to_string(), actor.author().key(), &cmd));
        let job = SessionJob {
            workspace_id,
            journey_id,
            session_id,
            actor,
            actor_name: actor_name.to_string(),
            cmd,
            request,
        };
        match self.writer.apply(job).await {
            Err(StoreError::AlreadyDone {
                journey_id,
                seq_from,
                seq_to,
            }) => {
                self.changes_since(
                    workspace_id,
                    journey_id,
                    seq_from - 1,
                    seq_to - seq_from + 1,
                )
                .await
            }
            other => other,
        }
    }

    /// What one participant's session screen shows.
    pub async fn session_view(
        &self,
        workspace_id: Id,
        session_id: Id,
        viewer: Author,
    ) -> Result<SessionView> {
        let mut conn = self.pool.acquire().await?;
        let conn = &mut *conn;
        let row = conn
            .fetch_optional(
                &format!(
            "SELECT {SESSION_COLS}, salt FROM team_sessions WHERE id = $1 AND workspace_id = $2"
        ),
                &[session_id.into(), workspace_id.into()],
            )
            .await?
            .ok_or(StoreError::NotFound("session"))?;
        let session = session_from(&row)?;
        let salt: String = col(&row, "salt")?;
        let me = viewer.key();
        let done_rows = conn.fetch_all(
            "SELECT person, name FROM session_done WHERE session_id = $1 AND phase = $2 ORDER BY name",
            &[session_id.into(), session.phase.key().into()],
        )
        .await?;
        let done = done_rows
            .iter()
            .map(|r| Ok((col(r, "person")?, col(r, "name")?)))
            .collect::<Result<Vec<(String, String)>>>()?;
        let my_votes = conn.fetch_all(
            "SELECT moment_id AS id FROM votes WHERE session_id = $1 AND voter = $2 ORDER BY id",
            &[session_id.into(), (&me).into()],
        )
        .await?
        .iter()
        .map(|r| col(r, "id"))
        .collect::<Result<Vec<Id>>>()?;
        let (dots, voters) = vote_counts(conn, session_id).await?;
        let tally = if session.votes_revealed {
            let moments = live_moment_ids(conn, session.journey_id).await?;
            let votes = ids(
                conn,
                "SELECT moment_id AS id FROM votes WHERE session_id = $1",
                &[session_id.into()],
            )
            .await?;
            Some(rules::tally(&moments, &votes))
        } else {
            None
        };
        let priorities = ids(
            conn,
            "SELECT moment_id AS id FROM priorities WHERE session_id = $1 ORDER BY position",
            &[session_id.into()],
        )
        .await?;
        let mut assessments = HashMap::new();
        for m in &priorities {
            let row = conn.fetch_optional(
                "SELECT revealed, rating, issue, expectation, reality FROM assessments WHERE session_id = $1 AND moment_id = $2",
                &[session_id.into(), (*m).into()],
            )
            .await?;
            let n = count(
                conn,
                "SELECT COUNT(*) AS n FROM ratings WHERE session_id = $1 AND moment_id = $2",
                &[session_id.into(), (*m).into()],
            )
            .await?;
            let last = last_rating(conn, session.journey_id, session_id, *m).await?;
            let a = match row {
                Some(r) => {
                    let revealed = col::<i64, _>(&r, "revealed")? != 0;
                    let rating: Option<String> = col(&r, "rating")?;
                    let (spread, answers) = if revealed {
                        (
                            Some(spread_of(conn, session_id, *m).await?),
                            answers_of(conn, session_id, *m).await?,
                        )
                    } else {
                        (None, Vec::new())
                    };
                    Assessment {
                        moment_id: *m,
                        revealed,
                        spread,
                        rating: rating.and_then(|k| Rating::from_key(&k)),
                        issue: col(&r, "issue")?,
                        expectation: col(&r, "expectation")?,
                        reality: col(&r, "reality")?,
                        count: n,
                        answers,
                        last_rating: last,
                    }
                }
                None => Assessment {
                    moment_id: *m,
                    revealed: false,
                    spread: None,
                    rating: None,
                    issue: String::new(),
                    expectation: String::new(),
                    reality: String::new(),
                    count: n,
                    answers: Vec::new(),
                    last_rating: last,
                },
            };
            assessments.insert(*m, a);
        }
        let mut my_ratings = HashMap::new();
        for r in conn.fetch_all(
            "SELECT moment_id, rating, expectation, reality FROM ratings WHERE session_id = $1 AND rater = $2",
            &[session_id.into(), (&me).into()],
        )
        .await?
        {
            let k: String = col(&r, "rating")?;
            if let Some(rating) = Rating::from_key(&k) {
                my_ratings.insert(
                    col::<Id, _>(&r, "moment_id")?,
                    MyRating { rating, expectation: col(&r, "expectation")?, reality: col(&r, "reality")? },
                );
            }
        }
        let idea_rows = conn.fetch_all(
            "SELECT i.id, i.session_id, i.moment_id, i.author, i.author_name, i.text, i.picked, \
             (SELECT COUNT(*) FROM idea_merits im WHERE im.idea_id = i.id) AS merits \
             FROM ideas i WHERE i.session_id = $1 AND i.deleted_at IS NULL ORDER BY i.id",
            &[session_id.into()],
        )
        .await?;
        let ideas = idea_rows
            .iter()
            .map(|r| idea_view_from(r, &salt, session.settings.anonymous_ideas))
            .collect::<Result<Vec<_>>>()?;
        let my_merits = ids(
            conn,
            "SELECT im.idea_id AS id FROM idea_merits im JOIN ideas i ON i.id = im.idea_id WHERE i.session_id = $1 AND im.voter = $2",
            &[session_id.into(), (&me).into()],
        )
        .await?;
        let actions = load_actions(conn, "session_id = $1", session_id).await?;
        let people = session_people(conn, session.journey_id, session_id).await?;
        Ok(SessionView {
            people,
            my_tag: author_tag(&salt, &me),
            my_key: me,
            session,
            done,
            my_votes,
            dots,
            voters,
            tally,
            priorities,
            assessments,
            my_ratings,
            ideas,
            my_merits,
            actions,
        })
    }

    /// The actions of a journey still open or in progress, from every session.
    pub async fn open_actions(&self, workspace_id: Id, journey_id: Id) -> Result<Vec<Action>> {
        self.journey(workspace_id, journey_id).await?;
        let mut conn = self.pool.acquire().await?;
        let all = load_actions(&mut *conn, "journey_id = $1", journey_id).await?;
        Ok(all.into_iter().filter(|a| a.status.is_open()).collect())
    }

    /// The agreed ratings of each moment of a journey, oldest session first.
    pub async fn rating_history(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<HashMap<Id, Vec<(Id, Rating)>>> {
        let rows = sqlx::query(
            "SELECT a.moment_id, a.session_id, a.rating FROM assessments a JOIN team_sessions t ON t.id = a.session_id \
             WHERE t.journey_id = $1 AND t.workspace_id = $2 AND a.rating IS NOT NULL ORDER BY t.held_on, t.id",
        )
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out: HashMap<Id, Vec<(Id, Rating)>> = HashMap::new();
        for r in rows {
            let k: String = col(&r, "rating")?;
            if let Some(rating) = Rating::from_key(&k) {
                out.entry(col(&r, "moment_id")?)
                    .or_default()
                    .push((col(&r, "session_id")?, rating));
            }
        }
        Ok(out)
    }
}

async fn session_people(
    conn: &mut impl Tx,
    journey_id: Id,
    session_id: Id,
) -> Result<Vec<(String, String)>> {
    let rows = conn.fetch_all(
        "SELECT 'g:' || CAST(id AS TEXT) AS person, name FROM guests WHERE journey_id = $1 \
         UNION SELECT person, name FROM session_done WHERE session_id = $2 \
         UNION SELECT rater AS person, rater_name AS name FROM ratings WHERE session_id = $2 \
         UNION SELECT author AS person, author_name AS name FROM ideas WHERE session_id = $2 \
         UNION SELECT v.voter AS person, u.name AS name FROM votes v JOIN users u ON 'u:' || CAST(u.id AS TEXT) = v.voter WHERE v.session_id = $2",
        &[journey_id.into(), session_id.into()],
    )
    .await?;
    let mut out: Vec<(String, String)> = Vec::new();
    for r in rows {
        let p: String = col(&r, "person")?;
        if !out.iter().any(|(k, _)| *k == p) {
            out.push((p, col(&r, "name")?));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// A session command with who sent it, ready for the writer.
pub(crate) struct SessionJob {
    workspace_id: Id,
    /// The board the command was sent from, if it names one.
    journey_id: Option<Id>,
    session_id: Id,
    actor: Actor,
    actor_name: String,
    cmd: SessionCommand,
    /// The client's request id, if it sent one.
    request: Option<crate::request::Request>,
}

crate::tx::command!(SessionJob, session_in);

/// Applies one session command inside the writer's transaction, on either
/// driver (see tx.rs), and logs its changes.
pub(crate) async fn session_in(conn: &mut impl Tx, job: SessionJob) -> Result<Vec<Committed>> {
    let SessionJob {
        workspace_id: ws,
        journey_id: from_board,
        session_id,
        actor,
        actor_name,
        cmd,
        request,
    } = job;
    let name = actor_name.as_str();
    let loaded = lock_session(conn, ws, session_id).await?;
    let s = &loaded.session;
    if !actor.may_view_journey(s.journey_id) || from_board.is_some_and(|j| j != s.journey_id) {
        return Err(StoreError::NotFound("session"));
    }
    if let Some(req) = &request {
        crate::request::check_new(conn, ws, s.journey_id, req).await?;
    }
    let me = actor.author().key();
    let jid = s.journey_id;
    let mut events = Vec::new();
    match cmd {
        SessionCommand::ChangePhase { expected, target } => {
            rules::check_phase_change(s.phase, expected, target)?;
            conn.execute(
                "UPDATE team_sessions SET phase = $1, timer_ends_at = NULL WHERE id = $2",
                &[target.key().into(), s.id.into()],
            )
            .await?;
            events.push(BoardEvent::PhaseChanged {
                session_id: s.id,
                phase: target,
                timer_ends_at: None,
            });
        }
        SessionCommand::SetTimer { seconds } => {
            let ends = seconds.map(|sec| now_ms() + sec as i64 * 1000);
            conn.execute(
                "UPDATE team_sessions SET timer_ends_at = $1 WHERE id = $2",
                &[ends.into(), s.id.into()],
            )
            .await?;
            events.push(BoardEvent::TimerSet {
                session_id: s.id,
                timer_ends_at: ends,
            });
        }
        SessionCommand::MarkDone { done } => {
            conn.execute(
                "DELETE FROM session_done WHERE session_id = $1 AND phase = $2 AND person = $3",
                &[s.id.into(), s.phase.key().into(), (&me).into()],
            )
            .await?;
            if done {
                conn.execute(
                    "INSERT INTO session_done (session_id, phase, person, name) VALUES ($1, $2, $3, $4)",
                    &[s.id.into(), s.phase.key().into(), (&me).into(), name.into()],
                )
                .await?;
            }
            events.push(BoardEvent::DoneChanged {
                session_id: s.id,
                phase: s.phase,
                person: me.clone(),
                name: name.to_string(),
                done,
            });
        }
        SessionCommand::Vote { moment_id } | SessionCommand::Unvote { moment_id } => {
            let adding = matches!(cmd, SessionCommand::Vote { .. });
            require_live_moment(conn, jid, moment_id).await?;
            let mine = ids(
                conn,
                "SELECT moment_id AS id FROM votes WHERE session_id = $1 AND voter = $2",
                &[s.id.into(), (&me).into()],
            )
            .await?;
            if adding {
                rules::check_vote(s.phase, s.votes_revealed, &s.settings, &mine, moment_id)?;
                conn.execute(
                    "INSERT INTO votes (workspace_id, session_id, moment_id, voter, created_at) VALUES ($1, $2, $3, $4, $5)",
                    &[ws.into(), s.id.into(), moment_id.into(), (&me).into(), now_ms().into()],
                )
                .await?;
            } else {
                rules::check_unvote(s.phase, s.votes_revealed, &mine, moment_id)?;
                conn.execute(
                    "DELETE FROM votes WHERE id = (SELECT MAX(id) FROM votes WHERE session_id = $1 AND voter = $2 AND moment_id = $3)",
                    &[s.id.into(), (&me).into(), moment_id.into()],
                )
                .await?;
            }
            let (dots, voters) = vote_counts(conn, s.id).await?;
            events.push(BoardEvent::VotesChanged {
                session_id: s.id,
                dots,
                voters,
            });
        }
        SessionCommand::RevealVotes => {
            require_phase_in(s.phase, &[Phase::Prioritise], "reveal the votes")?;
            conn.execute(
                "UPDATE team_sessions SET votes_revealed = 1 WHERE id = $1",
                &[s.id.into()],
            )
            .await?;
            let moments = live_moment_ids(conn, jid).await?;
            let votes = ids(
                conn,
                "SELECT moment_id AS id FROM votes WHERE session_id = $1",
                &[s.id.into()],
            )
            .await?;
            events.push(BoardEvent::VotesRevealed {
                session_id: s.id,
                tally: rules::tally(&moments, &votes),
            });
        }
        SessionCommand::SetPriorities { moment_ids } => {
            require_phase_in(
                s.phase,
                &[Phase::Prioritise, Phase::Assess],
                "choose the priorities",
            )?;
            let on_board = live_moment_ids(conn, jid).await?;
            rules::check_priorities(&moment_ids, &on_board, s.settings.priority_cap)?;
            conn.execute(
                "DELETE FROM priorities WHERE session_id = $1",
                &[s.id.into()],
            )
            .await?;
            for (i, m) in moment_ids.iter().enumerate() {
                conn.execute(
                    "INSERT INTO priorities (session_id, moment_id, position) VALUES ($1, $2, $3)",
                    &[s.id.into(), (*m).into(), (i as i64).into()],
                )
                .await?;
            }
            events.push(BoardEvent::PrioritiesSet {
                session_id: s.id,
                moment_ids,
            });
        }
        SessionCommand::Rate {
            moment_id,
            rating,
            expectation,
            reality,
        } => {
            let prio = is_priority(conn, s.id, moment_id).await?;
            let revealed = count(
                conn,
                "SELECT COUNT(*) AS n FROM assessments WHERE session_id = $1 AND moment_id = $2 AND revealed = 1",
                &[s.id.into(), moment_id.into()],
            )
            .await?
                > 0;
            rules::check_rating(s.phase, revealed, prio)?;
            conn.execute(
                "DELETE FROM ratings WHERE session_id = $1 AND moment_id = $2 AND rater = $3",
                &[s.id.into(), moment_id.into(), (&me).into()],
            )
            .await?;
            conn.execute(
                "INSERT INTO ratings (session_id, moment_id, rater, rater_name, rating, expectation, reality, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[
                    s.id.into(),
                    moment_id.into(),
                    (&me).into(),
                    name.into(),
                    rating.key().into(),
                    (&expectation).into(),
                    (&reality).into(),
                    now_ms().into(),
                ],
            )
            .await?;
            let n = count(
                conn,
                "SELECT COUNT(*) AS n FROM ratings WHERE session_id = $1 AND moment_id = $2",
                &[s.id.into(), moment_id.into()],
            )
            .await?;
            events.push(BoardEvent::RatingsChanged {
                session_id: s.id,
                moment_id,
                count: n,
            });
        }
        SessionCommand::RevealRatings { moment_id } => {
            require_phase_in(s.phase, &[Phase::Assess], "reveal ratings")?;
            if !is_priority(conn, s.id, moment_id).await? {
                return Err(
                    RuleError::invalid("moment_id", "only priority moments are assessed").into(),
                );
            }
            conn.execute(
                "INSERT INTO assessments (session_id, moment_id, revealed) VALUES ($1, $2, 1) \
                 ON CONFLICT (session_id, moment_id) DO UPDATE SET revealed = 1",
                &[s.id.into(), moment_id.into()],
            )
            .await?;
            let spread = spread_of(conn, s.id, moment_id).await?;
            events.push(BoardEvent::RatingsRevealed {
                session_id: s.id,
                moment_id,
                spread,
            });
        }
        SessionCommand::RecordAssessment {
            moment_id,
            rating,
            issue,
            expectation,
            reality,
        } => {
            require_phase_in(
                s.phase,
                &[
                    Phase::Assess,
                    Phase::Ideas,
                    Phase::SelectPlan,
                    Phase::WrapUp,
                ],
                "record the agreed rating",
            )?;
            if !is_priority(conn, s.id, moment_id).await? {
                return Err(
                    RuleError::invalid("moment_id", "only priority moments are assessed").into(),
                );
            }
            // A text left out keeps what was recorded before. Every value
            // is bound with one type (a text, or a 0/1 flag) whether given
            // or not: PostgreSQL binds a NULL as a bigint, and a prepared
            // statement cannot take a text one time and a bigint the next.
            let given = |t: &Option<String>| i64::from(t.is_some());
            conn.execute(
                "INSERT INTO assessments (session_id, moment_id, revealed, rating, issue, expectation, reality) \
                 VALUES ($1, $2, 0, NULLIF($3, ''), $4, $5, $6) \
                 ON CONFLICT (session_id, moment_id) DO UPDATE SET rating = NULLIF($3, ''), \
                 issue = CASE WHEN $7 = 1 THEN $4 ELSE assessments.issue END, \
                 expectation = CASE WHEN $8 = 1 THEN $5 ELSE assessments.expectation END, \
                 reality = CASE WHEN $9 = 1 THEN $6 ELSE assessments.reality END",
                &[
                    s.id.into(),
                    moment_id.into(),
                    rating.map_or("", |r| r.key()).into(),
                    issue.as_deref().unwrap_or("").into(),
                    expectation.as_deref().unwrap_or("").into(),
                    reality.as_deref().unwrap_or("").into(),
                    given(&issue).into(),
                    given(&expectation).into(),
                    given(&reality).into(),
                ],
            )
            .await?;
            let row = conn
                .fetch_one(
                    "SELECT issue, expectation, reality FROM assessments WHERE session_id = $1 AND moment_id = $2",
                    &[s.id.into(), moment_id.into()],
                )
                .await?;
            let (issue, expectation, reality): (String, String, String) = (
                col(&row, "issue")?,
                col(&row, "expectation")?,
                col(&row, "reality")?,
            );
            events.push(BoardEvent::AssessmentRecorded {
                session_id: s.id,
                moment_id,
                rating,
                issue,
                expectation,
                reality,
            });
        }
        SessionCommand::AddIdea { moment_id, text } => {
            let prio = is_priority(conn, s.id, moment_id).await?;
            rules::check_add_idea(s.phase, prio)?;
            let row = conn.fetch_one(
                "INSERT INTO ideas (workspace_id, session_id, moment_id, author, author_name, text, picked, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING id",
                &[
                    ws.into(),
                    s.id.into(),
                    moment_id.into(),
                    (&me).into(),
                    name.into(),
                    (&text).into(),
                    now_ms().into(),
                ],
            )
            .await?;
            let id: Id = col(&row, "id")?;
            events.push(BoardEvent::IdeaAdded {
                idea: idea_view(conn, &loaded, id).await?,
            });
        }
        SessionCommand::EditIdea { id, text } => {
            let author = idea_author(conn, s.id, id).await?;
            rules::check_change_idea(s.phase, actor, author)?;
            conn.execute(
                "UPDATE ideas SET text = $1 WHERE id = $2",
                &[(&text).into(), id.into()],
            )
            .await?;
            events.push(BoardEvent::IdeaUpdated {
                idea: idea_view(conn, &loaded, id).await?,
            });
        }
        SessionCommand::RemoveIdea { id } => {
            let author = idea_author(conn, s.id, id).await?;
            rules::check_change_idea(s.phase, actor, author)?;
            let view = idea_view(conn, &loaded, id).await?;
            conn.execute(
                "UPDATE ideas SET deleted_at = $1 WHERE id = $2",
                &[now_ms().into(), id.into()],
            )
            .await?;
            events.push(BoardEvent::IdeaRemoved {
                session_id: s.id,
                id,
                moment_id: view.moment_id,
            });
        }
        SessionCommand::ToggleMerit { idea_id } => {
            rules::check_judge_idea(s.phase)?;
            idea_author(conn, s.id, idea_id).await?;
            let existing = conn
                .fetch_optional(
                    "SELECT idea_id FROM idea_merits WHERE idea_id = $1 AND voter = $2",
                    &[idea_id.into(), (&me).into()],
                )
                .await?;
            if existing.is_some() {
                conn.execute(
                    "DELETE FROM idea_merits WHERE idea_id = $1 AND voter = $2",
                    &[idea_id.into(), (&me).into()],
                )
                .await?;
            } else {
                conn.execute(
                    "INSERT INTO idea_merits (idea_id, voter) VALUES ($1, $2)",
                    &[idea_id.into(), (&me).into()],
                )
                .await?;
            }
            events.push(BoardEvent::IdeaUpdated {
                idea: idea_view(conn, &loaded, idea_id).await?,
            });
        }
        SessionCommand::PickIdea { idea_id, picked } => {
            rules::check_judge_idea(s.phase)?;
            idea_author(conn, s.id, idea_id).await?;
            conn.execute(
                "UPDATE ideas SET picked = $1 WHERE id = $2",
                &[(picked as i64).into(), idea_id.into()],
            )
            .await?;
            events.push(BoardEvent::IdeaUpdated {
                idea: idea_view(conn, &loaded, idea_id).await?,
            });
        }
        SessionCommand::SaveAction {
            id,
            moment_id,
            idea_id,
            what,
            owner_user_id,
            owner_name,
            due_on,
            target_from,
            target_to,
            status,
            steps,
        } => {
            if id.is_none() {
                require_phase_in(s.phase, &[Phase::SelectPlan, Phase::WrapUp], "plan actions")?;
            }
            rules::check_action_plan(s.held_on, due_on, steps.as_deref())?;
            if let Some(m) = moment_id {
                require_live_moment(conn, jid, m).await?;
            }
            if let Some(i) = idea_id {
                idea_author(conn, s.id, i).await?;
            }
            let owner_name = match owner_user_id {
                Some(u) => {
                    let row = conn.fetch_optional(
                        "SELECT u.name FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.id = $1 AND m.workspace_id = $2",
                        &[u.into(), ws.into()],
                    )
                    .await?
                    .ok_or(StoreError::NotFound("member"))?;
                    col::<String, _>(&row, "name")?
                }
                None => owner_name,
            };
            let now = now_ms();
            let action_id = match id {
                Some(aid) => {
                    let res = conn.execute(
                        "UPDATE actions SET moment_id = $1, idea_id = $2, what = $3, owner_user_id = $4, owner_name = $5, \
                         due_on = $6, target_from = $7, target_to = $8, status = $9, updated_at = $10 \
                         WHERE id = $11 AND journey_id = $12 AND workspace_id = $13",
                        &[
                            moment_id.into(),
                            idea_id.into(),
                            (&what).into(),
                            owner_user_id.into(),
                            (&owner_name).into(),
                            due_on.map(date::format).into(),
                            target_from.map(|r| r.key()).into(),
                            target_to.map(|r| r.key()).into(),
                            status.key().into(),
                            now.into(),
                            aid.into(),
                            jid.into(),
                            ws.into(),
                        ],
                    )
                    .await?;
                    if res == 0 {
                        return Err(StoreError::NotFound("action"));
                    }
                    aid
                }
                None => {
                    let row = conn.fetch_one(
                        "INSERT INTO actions (workspace_id, journey_id, session_id, moment_id, idea_id, what, owner_user_id, \
                         owner_name, due_on, target_from, target_to, status, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
                        &[
                            ws.into(),
                            jid.into(),
                            s.id.into(),
                            moment_id.into(),
                            idea_id.into(),
                            (&what).into(),
                            owner_user_id.into(),
                            (&owner_name).into(),
                            due_on.map(date::format).into(),
                            target_from.map(|r| r.key()).into(),
                            target_to.map(|r| r.key()).into(),
                            status.key().into(),
                            now.into(),
                        ],
                    )
                    .await?;
                    col(&row, "id")?
                }
            };
            if let Some(list) = steps {
                conn.execute(
                    "DELETE FROM action_steps WHERE action_id = $1",
                    &[action_id.into()],
                )
                .await?;
                for (i, st) in list.iter().enumerate() {
                    conn.execute(
                        "INSERT INTO action_steps (action_id, position, text, target_on, measure, done) VALUES ($1, $2, $3, $4, $5, 0)",
                        &[
                            action_id.into(),
                            (i as i64).into(),
                            (&st.text).into(),
                            st.target_date.map(date::format).into(),
                            (&st.measure).into(),
                        ],
                    )
                    .await?;
                }
            }
            let action = load_actions(conn, "id = $1", action_id)
                .await?
                .pop()
                .ok_or(StoreError::NotFound("action"))?;
            events.push(BoardEvent::ActionSaved { action });
        }
        SessionCommand::SetActionStatus { id, status } => {
            let res = conn.execute(
                "UPDATE actions SET status = $1, updated_at = $2 WHERE id = $3 AND journey_id = $4 AND workspace_id = $5",
                &[status.key().into(), now_ms().into(), id.into(), jid.into(), ws.into()],
            )
            .await?;
            if res == 0 {
                return Err(StoreError::NotFound("action"));
            }
            let action = load_actions(conn, "id = $1", id)
                .await?
                .pop()
                .ok_or(StoreError::NotFound("action"))?;
            events.push(BoardEvent::ActionSaved { action });
        }
        SessionCommand::BookNext { date: day } => {
            rules::check_next_session(date::today(), day)?;
            conn.execute(
                "UPDATE team_sessions SET next_session_on = $1 WHERE id = $2",
                &[date::format(day).into(), s.id.into()],
            )
            .await?;
            events.push(BoardEvent::NextSessionBooked {
                session_id: s.id,
                date: day,
            });
        }
    }
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        out.push(append_change(conn, ws, jid, e).await?);
    }
    if let (Some(req), Some(first), Some(last)) = (&request, out.first(), out.last()) {
        crate::request::remember(conn, ws, jid, req, first.seq, last.seq).await?;
    }
    Ok(out)
}
