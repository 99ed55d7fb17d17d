//! The five-step session: its state, and the commands that change it. Every
//! change is committed with an entry in the journey's change log, so people
//! on the board see the phase, the counts and the reveals live.

use crate::board::append_change;
use crate::{get, now_ms, Committed, Result, Store, StoreError};
use mot_core::date;
use mot_core::session::{
    self as rules, Action, ActionStatus, Phase, Rating, SessionCommand, SessionSettings, Spread,
    Step, TallyRow, TeamSession,
};
use mot_core::text::{self, RuleError};
use mot_core::{Actor, Author, BoardEvent, Id};
use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use std::collections::HashMap;
use time::Date;

const SESSION_COLS: &str = "id, workspace_id, journey_id, title, held_on, phase, timer_ends_at, \
     vote_limit, multi_vote, priority_cap, anonymous_ideas, votes_revealed, next_session_on, created_at";

fn session_from(r: &AnyRow) -> Result<TeamSession> {
    let phase: String = get(r, "phase")?;
    let held: String = get(r, "held_on")?;
    let next: Option<String> = get(r, "next_session_on")?;
    let bad = |what: &str| StoreError::Config(format!("bad {what} in the database"));
    Ok(TeamSession {
        id: get(r, "id")?,
        workspace_id: get(r, "workspace_id")?,
        journey_id: get(r, "journey_id")?,
        title: get(r, "title")?,
        held_on: date::parse("held_on", &held).map_err(|_| bad("date"))?,
        phase: Phase::from_key(&phase).ok_or_else(|| bad("phase"))?,
        timer_ends_at: get(r, "timer_ends_at")?,
        settings: SessionSettings {
            vote_limit: get::<i64>(r, "vote_limit")? as u32,
            multi_vote: get::<i64>(r, "multi_vote")? != 0,
            priority_cap: get::<i64>(r, "priority_cap")? as u32,
            anonymous_ideas: get::<i64>(r, "anonymous_ideas")? != 0,
        },
        votes_revealed: get::<i64>(r, "votes_revealed")? != 0,
        next_session_on: next
            .map(|n| date::parse("next", &n))
            .transpose()
            .map_err(|_| bad("date"))?,
        created_at: get(r, "created_at")?,
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

async fn lock_session(conn: &mut AnyConnection, ws: Id, session_id: Id) -> Result<Loaded> {
    // Lock the journey row first so concurrent writers of this board (on
    // PostgreSQL, in other processes) queue up behind us.
    sqlx::query(
        "UPDATE journeys SET last_seq = last_seq WHERE workspace_id = $1 AND id = \
         (SELECT journey_id FROM team_sessions WHERE id = $2 AND workspace_id = $1)",
    )
    .bind(ws)
    .bind(session_id)
    .execute(&mut *conn)
    .await?;
    let row = sqlx::query(&format!(
        "SELECT {SESSION_COLS}, salt FROM team_sessions WHERE id = $1 AND workspace_id = $2"
    ))
    .bind(session_id)
    .bind(ws)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("session"))?;
    Ok(Loaded {
        session: session_from(&row)?,
        salt: get(&row, "salt")?,
    })
}

async fn live_moment_ids(conn: &mut AnyConnection, journey_id: Id) -> Result<Vec<Id>> {
    let rows = sqlx::query(
        "SELECT m.id FROM moments m JOIN stages s ON s.id = m.stage_id \
         WHERE m.journey_id = $1 AND m.deleted_at IS NULL ORDER BY s.position, s.id, m.position, m.id",
    )
    .bind(journey_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| get(r, "id")).collect()
}

async fn ids(conn: &mut AnyConnection, sql: &str, a: Id, b: Option<&str>) -> Result<Vec<Id>> {
    let q = sqlx::query(sql).bind(a);
    let q = match b {
        Some(b) => q.bind(b.to_string()),
        None => q,
    };
    let rows = q.fetch_all(&mut *conn).await?;
    rows.iter().map(|r| get(r, "id")).collect()
}

async fn count(conn: &mut AnyConnection, sql: &str, a: Id, b: Option<Id>) -> Result<u32> {
    let q = sqlx::query(sql).bind(a);
    let q = match b {
        Some(b) => q.bind(b),
        None => q,
    };
    let row = q.fetch_one(&mut *conn).await?;
    Ok(get::<i64>(&row, "n")? as u32)
}

async fn is_priority(conn: &mut AnyConnection, session_id: Id, moment_id: Id) -> Result<bool> {
    Ok(count(
        conn,
        "SELECT COUNT(*) AS n FROM priorities WHERE session_id = $1 AND moment_id = $2",
        session_id,
        Some(moment_id),
    )
    .await?
        > 0)
}

async fn require_live_moment(
    conn: &mut AnyConnection,
    journey_id: Id,
    moment_id: Id,
) -> Result<()> {
    let n = count(
        conn,
        "SELECT COUNT(*) AS n FROM moments WHERE journey_id = $1 AND id = $2 AND deleted_at IS NULL",
        journey_id,
        Some(moment_id),
    )
    .await?;
    if n == 0 {
        return Err(StoreError::NotFound("moment"));
    }
    Ok(())
}

async fn vote_counts(conn: &mut AnyConnection, session_id: Id) -> Result<(u32, u32)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS dots, COUNT(DISTINCT voter) AS voters FROM votes WHERE session_id = $1",
    )
    .bind(session_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok((
        get::<i64>(&row, "dots")? as u32,
        get::<i64>(&row, "voters")? as u32,
    ))
}

async fn spread_of(conn: &mut AnyConnection, session_id: Id, moment_id: Id) -> Result<Spread> {
    let rows = sqlx::query("SELECT rating FROM ratings WHERE session_id = $1 AND moment_id = $2")
        .bind(session_id)
        .bind(moment_id)
        .fetch_all(&mut *conn)
        .await?;
    let ratings: Vec<Rating> = rows
        .iter()
        .filter_map(|r| get::<String>(r, "rating").ok())
        .filter_map(|k| Rating::from_key(&k))
        .collect();
    Ok(Spread::of(&ratings))
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
    conn: &mut AnyConnection,
    loaded: &Loaded,
    idea_id: Id,
) -> Result<mot_core::board::IdeaView> {
    let row = sqlx::query(
        "SELECT i.id, i.session_id, i.moment_id, i.author, i.author_name, i.text, i.picked, \
         (SELECT COUNT(*) FROM idea_merits im WHERE im.idea_id = i.id) AS merits \
         FROM ideas i WHERE i.id = $1 AND i.session_id = $2 AND i.deleted_at IS NULL",
    )
    .bind(idea_id)
    .bind(loaded.session.id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("idea"))?;
    idea_view_from(&row, &loaded.salt, loaded.session.settings.anonymous_ideas)
}

fn idea_view_from(r: &AnyRow, salt: &str, anonymous: bool) -> Result<mot_core::board::IdeaView> {
    let author: String = get(r, "author")?;
    Ok(mot_core::board::IdeaView {
        id: get(r, "id")?,
        session_id: get(r, "session_id")?,
        moment_id: get(r, "moment_id")?,
        author_tag: author_tag(salt, &author),
        author_name: if anonymous {
            None
        } else {
            Some(get(r, "author_name")?)
        },
        text: get(r, "text")?,
        merits: get::<i64>(r, "merits")? as u32,
        picked: get::<i64>(r, "picked")? != 0,
    })
}

async fn idea_author(conn: &mut AnyConnection, session_id: Id, idea_id: Id) -> Result<Author> {
    let row = sqlx::query(
        "SELECT author FROM ideas WHERE id = $1 AND session_id = $2 AND deleted_at IS NULL",
    )
    .bind(idea_id)
    .bind(session_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("idea"))?;
    let key: String = get(&row, "author")?;
    Author::parse_key(&key).ok_or_else(|| StoreError::Config("bad idea author".into()))
}

const ACTION_COLS: &str =
    "id, journey_id, session_id, moment_id, idea_id, what, owner_user_id, owner_name, \
     due_on, target_from, target_to, status, updated_at";

async fn load_actions(conn: &mut AnyConnection, where_sql: &str, a: Id) -> Result<Vec<Action>> {
    let rows = sqlx::query(&format!(
        "SELECT {ACTION_COLS} FROM actions WHERE {where_sql} ORDER BY id"
    ))
    .bind(a)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id: Id = get(&r, "id")?;
        let step_rows = sqlx::query(
            "SELECT id, text, target_on, measure, done FROM action_steps WHERE action_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let mut steps = Vec::with_capacity(step_rows.len());
        for s in step_rows {
            let target: Option<String> = get(&s, "target_on")?;
            steps.push(Step {
                id: get(&s, "id")?,
                text: get(&s, "text")?,
                target_on: target.and_then(|t| date::parse("t", &t).ok()),
                measure: get(&s, "measure")?,
                done: get::<i64>(&s, "done")? != 0,
            });
        }
        let due: Option<String> = get(&r, "due_on")?;
        let from: Option<String> = get(&r, "target_from")?;
        let to: Option<String> = get(&r, "target_to")?;
        let status: String = get(&r, "status")?;
        out.push(Action {
            id,
            journey_id: get(&r, "journey_id")?,
            session_id: get(&r, "session_id")?,
            moment_id: get(&r, "moment_id")?,
            idea_id: get(&r, "idea_id")?,
            what: get(&r, "what")?,
            owner_user_id: get(&r, "owner_user_id")?,
            owner_name: get(&r, "owner_name")?,
            due_on: due.and_then(|d| date::parse("d", &d).ok()),
            target_from: from.and_then(|k| Rating::from_key(&k)),
            target_to: to.and_then(|k| Rating::from_key(&k)),
            status: ActionStatus::from_key(&status).unwrap_or(ActionStatus::Open),
            steps,
            updated_at: get(&r, "updated_at")?,
        });
    }
    Ok(out)
}

impl Store {
    /// Starts a session on a journey (facilitators only).
    pub async fn start_session(
        &self,
        workspace_id: Id,
        journey_id: Id,
        actor: Actor,
        title: &str,
        held_on: Date,
        settings: SessionSettings,
    ) -> Result<TeamSession> {
        rules::may_facilitate(actor)?;
        let settings = settings.checked()?;
        let title = text::required_line("title", title, rules::SessionLimits::TITLE)?;
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    let locked = sqlx::query(
                        "UPDATE journeys SET last_seq = last_seq WHERE id = $1 AND workspace_id = $2 RETURNING id",
                    )
                    .bind(journey_id)
                    .bind(workspace_id)
                    .fetch_optional(&mut *conn)
                    .await?;
                    if locked.is_none() {
                        return Err(StoreError::NotFound("journey"));
                    }
                    let now = now_ms();
                    let row = sqlx::query(&format!(
                        "INSERT INTO team_sessions (workspace_id, journey_id, title, held_on, phase, timer_ends_at, \
                         vote_limit, multi_vote, priority_cap, anonymous_ideas, votes_revealed, next_session_on, \
                         created_by, salt, created_at) \
                         VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, 0, NULL, $10, $11, $12) RETURNING {SESSION_COLS}"
                    ))
                    .bind(workspace_id)
                    .bind(journey_id)
                    .bind(&title)
                    .bind(date::format(held_on))
                    .bind(Phase::Capture.key())
                    .bind(settings.vote_limit as i64)
                    .bind(settings.multi_vote as i64)
                    .bind(settings.priority_cap as i64)
                    .bind(settings.anonymous_ideas as i64)
                    .bind(actor.author().key())
                    .bind(crate::random_token())
                    .bind(now)
                    .fetch_one(&mut *conn)
                    .await?;
                    let session = session_from(&row)?;
                    let c = append_change(conn, workspace_id, journey_id, BoardEvent::SessionStarted { session: session.clone() }).await?;
                    Ok((session, vec![c]))
                })
            })
            .await
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
        let cmd = cmd.normalised()?;
        rules::check_command_allowed(actor, &cmd)?;
        let name = actor_name.to_string();
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    let changes =
                        session_in(conn, workspace_id, session_id, actor, &name, cmd).await?;
                    Ok((changes.clone(), changes))
                })
            })
            .await
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
        let row = sqlx::query(&format!(
            "SELECT {SESSION_COLS}, salt FROM team_sessions WHERE id = $1 AND workspace_id = $2"
        ))
        .bind(session_id)
        .bind(workspace_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound("session"))?;
        let session = session_from(&row)?;
        let salt: String = get(&row, "salt")?;
        let me = viewer.key();
        let done_rows = sqlx::query("SELECT person, name FROM session_done WHERE session_id = $1 AND phase = $2 ORDER BY name")
            .bind(session_id)
            .bind(session.phase.key())
            .fetch_all(&mut *conn)
            .await?;
        let done = done_rows
            .iter()
            .map(|r| Ok((get(r, "person")?, get(r, "name")?)))
            .collect::<Result<Vec<(String, String)>>>()?;
        let my_votes = sqlx::query(
            "SELECT moment_id AS id FROM votes WHERE session_id = $1 AND voter = $2 ORDER BY id",
        )
        .bind(session_id)
        .bind(&me)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| get(r, "id"))
        .collect::<Result<Vec<Id>>>()?;
        let (dots, voters) = vote_counts(conn, session_id).await?;
        let tally = if session.votes_revealed {
            let moments = live_moment_ids(conn, session.journey_id).await?;
            let votes = ids(
                conn,
                "SELECT moment_id AS id FROM votes WHERE session_id = $1",
                session_id,
                None,
            )
            .await?;
            Some(rules::tally(&moments, &votes))
        } else {
            None
        };
        let priorities = ids(
            conn,
            "SELECT moment_id AS id FROM priorities WHERE session_id = $1 ORDER BY position",
            session_id,
            None,
        )
        .await?;
        let mut assessments = HashMap::new();
        for m in &priorities {
            let row = sqlx::query(
                "SELECT revealed, rating, issue, expectation, reality FROM assessments WHERE session_id = $1 AND moment_id = $2",
            )
            .bind(session_id)
            .bind(*m)
            .fetch_optional(&mut *conn)
            .await?;
            let n = count(
                conn,
                "SELECT COUNT(*) AS n FROM ratings WHERE session_id = $1 AND moment_id = $2",
                session_id,
                Some(*m),
            )
            .await?;
            let a = match row {
                Some(r) => {
                    let revealed = get::<i64>(&r, "revealed")? != 0;
                    let rating: Option<String> = get(&r, "rating")?;
                    Assessment {
                        moment_id: *m,
                        revealed,
                        spread: if revealed {
                            Some(spread_of(conn, session_id, *m).await?)
                        } else {
                            None
                        },
                        rating: rating.and_then(|k| Rating::from_key(&k)),
                        issue: get(&r, "issue")?,
                        expectation: get(&r, "expectation")?,
                        reality: get(&r, "reality")?,
                        count: n,
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
                },
            };
            assessments.insert(*m, a);
        }
        let mut my_ratings = HashMap::new();
        for r in sqlx::query("SELECT moment_id, rating, expectation, reality FROM ratings WHERE session_id = $1 AND rater = $2")
            .bind(session_id)
            .bind(&me)
            .fetch_all(&mut *conn)
            .await?
        {
            let k: String = get(&r, "rating")?;
            if let Some(rating) = Rating::from_key(&k) {
                my_ratings.insert(
                    get::<Id>(&r, "moment_id")?,
                    MyRating { rating, expectation: get(&r, "expectation")?, reality: get(&r, "reality")? },
                );
            }
        }
        let idea_rows = sqlx::query(
            "SELECT i.id, i.session_id, i.moment_id, i.author, i.author_name, i.text, i.picked, \
             (SELECT COUNT(*) FROM idea_merits im WHERE im.idea_id = i.id) AS merits \
             FROM ideas i WHERE i.session_id = $1 AND i.deleted_at IS NULL ORDER BY i.id",
        )
        .bind(session_id)
        .fetch_all(&mut *conn)
        .await?;
        let ideas = idea_rows
            .iter()
            .map(|r| idea_view_from(r, &salt, session.settings.anonymous_ideas))
            .collect::<Result<Vec<_>>>()?;
        let my_merits = ids(
            conn,
            "SELECT im.idea_id AS id FROM idea_merits im JOIN ideas i ON i.id = im.idea_id WHERE i.session_id = $1 AND im.voter = $2",
            session_id,
            Some(&me),
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
        let all = load_actions(&mut conn, "journey_id = $1", journey_id).await?;
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
            let k: String = get(&r, "rating")?;
            if let Some(rating) = Rating::from_key(&k) {
                out.entry(get(&r, "moment_id")?)
                    .or_default()
                    .push((get(&r, "session_id")?, rating));
            }
        }
        Ok(out)
    }
}

async fn session_people(
    conn: &mut AnyConnection,
    journey_id: Id,
    session_id: Id,
) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query(
        "SELECT 'g:' || CAST(id AS TEXT) AS person, name FROM guests WHERE journey_id = $1 \
         UNION SELECT person, name FROM session_done WHERE session_id = $2 \
         UNION SELECT rater AS person, rater_name AS name FROM ratings WHERE session_id = $2 \
         UNION SELECT author AS person, author_name AS name FROM ideas WHERE session_id = $2 \
         UNION SELECT v.voter AS person, u.name AS name FROM votes v JOIN users u ON 'u:' || CAST(u.id AS TEXT) = v.voter WHERE v.session_id = $2",
    )
    .bind(journey_id)
    .bind(session_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<(String, String)> = Vec::new();
    for r in rows {
        let p: String = get(&r, "person")?;
        if !out.iter().any(|(k, _)| *k == p) {
            out.push((p, get(&r, "name")?));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

async fn session_in(
    conn: &mut AnyConnection,
    ws: Id,
    session_id: Id,
    actor: Actor,
    name: &str,
    cmd: SessionCommand,
) -> Result<Vec<Committed>> {
    let loaded = lock_session(conn, ws, session_id).await?;
    let s = &loaded.session;
    if !actor.may_view_journey(s.journey_id) {
        return Err(StoreError::NotFound("session"));
    }
    let me = actor.author().key();
    let jid = s.journey_id;
    let mut events = Vec::new();
    match cmd {
        SessionCommand::ChangePhase { expected, target } => {
            rules::check_phase_change(s.phase, expected, target)?;
            sqlx::query("UPDATE team_sessions SET phase = $1, timer_ends_at = NULL WHERE id = $2")
                .bind(target.key())
                .bind(s.id)
                .execute(&mut *conn)
                .await?;
            events.push(BoardEvent::PhaseChanged {
                session_id: s.id,
                phase: target,
                timer_ends_at: None,
            });
        }
        SessionCommand::SetTimer { seconds } => {
            let ends = seconds.map(|sec| now_ms() + sec as i64 * 1000);
            sqlx::query("UPDATE team_sessions SET timer_ends_at = $1 WHERE id = $2")
                .bind(ends)
                .bind(s.id)
                .execute(&mut *conn)
                .await?;
            events.push(BoardEvent::TimerSet {
                session_id: s.id,
                timer_ends_at: ends,
            });
        }
        SessionCommand::MarkDone { done } => {
            sqlx::query(
                "DELETE FROM session_done WHERE session_id = $1 AND phase = $2 AND person = $3",
            )
            .bind(s.id)
            .bind(s.phase.key())
            .bind(&me)
            .execute(&mut *conn)
            .await?;
            if done {
                sqlx::query("INSERT INTO session_done (session_id, phase, person, name) VALUES ($1, $2, $3, $4)")
                    .bind(s.id)
                    .bind(s.phase.key())
                    .bind(&me)
                    .bind(name)
                    .execute(&mut *conn)
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
                s.id,
                Some(&me),
            )
            .await?;
            if adding {
                rules::check_vote(s.phase, s.votes_revealed, &s.settings, &mine, moment_id)?;
                sqlx::query("INSERT INTO votes (workspace_id, session_id, moment_id, voter, created_at) VALUES ($1, $2, $3, $4, $5)")
                    .bind(ws)
                    .bind(s.id)
                    .bind(moment_id)
                    .bind(&me)
                    .bind(now_ms())
                    .execute(&mut *conn)
                    .await?;
            } else {
                rules::check_unvote(s.phase, s.votes_revealed, &mine, moment_id)?;
                sqlx::query(
                    "DELETE FROM votes WHERE id = (SELECT MAX(id) FROM votes WHERE session_id = $1 AND voter = $2 AND moment_id = $3)",
                )
                .bind(s.id)
                .bind(&me)
                .bind(moment_id)
                .execute(&mut *conn)
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
            sqlx::query("UPDATE team_sessions SET votes_revealed = 1 WHERE id = $1")
                .bind(s.id)
                .execute(&mut *conn)
                .await?;
            let moments = live_moment_ids(conn, jid).await?;
            let votes = ids(
                conn,
                "SELECT moment_id AS id FROM votes WHERE session_id = $1",
                s.id,
                None,
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
            sqlx::query("DELETE FROM priorities WHERE session_id = $1")
                .bind(s.id)
                .execute(&mut *conn)
                .await?;
            for (i, m) in moment_ids.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO priorities (session_id, moment_id, position) VALUES ($1, $2, $3)",
                )
                .bind(s.id)
                .bind(*m)
                .bind(i as i64)
                .execute(&mut *conn)
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
                s.id,
                Some(moment_id),
            )
            .await?
                > 0;
            rules::check_rating(s.phase, revealed, prio)?;
            sqlx::query(
                "DELETE FROM ratings WHERE session_id = $1 AND moment_id = $2 AND rater = $3",
            )
            .bind(s.id)
            .bind(moment_id)
            .bind(&me)
            .execute(&mut *conn)
            .await?;
            sqlx::query(
                "INSERT INTO ratings (session_id, moment_id, rater, rater_name, rating, expectation, reality, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(s.id)
            .bind(moment_id)
            .bind(&me)
            .bind(name)
            .bind(rating.key())
            .bind(&expectation)
            .bind(&reality)
            .bind(now_ms())
            .execute(&mut *conn)
            .await?;
            let n = count(
                conn,
                "SELECT COUNT(*) AS n FROM ratings WHERE session_id = $1 AND moment_id = $2",
                s.id,
                Some(moment_id),
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
            sqlx::query(
                "INSERT INTO assessments (session_id, moment_id, revealed) VALUES ($1, $2, 1) \
                 ON CONFLICT (session_id, moment_id) DO UPDATE SET revealed = 1",
            )
            .bind(s.id)
            .bind(moment_id)
            .execute(&mut *conn)
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
            sqlx::query(
                "INSERT INTO assessments (session_id, moment_id, revealed, rating, issue, expectation, reality) \
                 VALUES ($1, $2, 0, $3, $4, $5, $6) \
                 ON CONFLICT (session_id, moment_id) DO UPDATE SET rating = $3, issue = $4, expectation = $5, reality = $6",
            )
            .bind(s.id)
            .bind(moment_id)
            .bind(rating.map(|r| r.key()))
            .bind(&issue)
            .bind(&expectation)
            .bind(&reality)
            .execute(&mut *conn)
            .await?;
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
            let row = sqlx::query(
                "INSERT INTO ideas (workspace_id, session_id, moment_id, author, author_name, text, picked, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING id",
            )
            .bind(ws)
            .bind(s.id)
            .bind(moment_id)
            .bind(&me)
            .bind(name)
            .bind(&text)
            .bind(now_ms())
            .fetch_one(&mut *conn)
            .await?;
            let id: Id = get(&row, "id")?;
            events.push(BoardEvent::IdeaAdded {
                idea: idea_view(conn, &loaded, id).await?,
            });
        }
        SessionCommand::EditIdea { id, text } => {
            let author = idea_author(conn, s.id, id).await?;
            rules::check_change_idea(s.phase, actor, author)?;
            sqlx::query("UPDATE ideas SET text = $1 WHERE id = $2")
                .bind(&text)
                .bind(id)
                .execute(&mut *conn)
                .await?;
            events.push(BoardEvent::IdeaUpdated {
                idea: idea_view(conn, &loaded, id).await?,
            });
        }
        SessionCommand::RemoveIdea { id } => {
            let author = idea_author(conn, s.id, id).await?;
            rules::check_change_idea(s.phase, actor, author)?;
            let view = idea_view(conn, &loaded, id).await?;
            sqlx::query("UPDATE ideas SET deleted_at = $1 WHERE id = $2")
                .bind(now_ms())
                .bind(id)
                .execute(&mut *conn)
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
            let existing =
                sqlx::query("SELECT idea_id FROM idea_merits WHERE idea_id = $1 AND voter = $2")
                    .bind(idea_id)
                    .bind(&me)
                    .fetch_optional(&mut *conn)
                    .await?;
            if existing.is_some() {
                sqlx::query("DELETE FROM idea_merits WHERE idea_id = $1 AND voter = $2")
                    .bind(idea_id)
                    .bind(&me)
                    .execute(&mut *conn)
                    .await?;
            } else {
                sqlx::query("INSERT INTO idea_merits (idea_id, voter) VALUES ($1, $2)")
                    .bind(idea_id)
                    .bind(&me)
                    .execute(&mut *conn)
                    .await?;
            }
            events.push(BoardEvent::IdeaUpdated {
                idea: idea_view(conn, &loaded, idea_id).await?,
            });
        }
        SessionCommand::PickIdea { idea_id, picked } => {
            rules::check_judge_idea(s.phase)?;
            idea_author(conn, s.id, idea_id).await?;
            sqlx::query("UPDATE ideas SET picked = $1 WHERE id = $2")
                .bind(picked as i64)
                .bind(idea_id)
                .execute(&mut *conn)
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
                    let row = sqlx::query(
                        "SELECT u.name FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.id = $1 AND m.workspace_id = $2",
                    )
                    .bind(u)
                    .bind(ws)
                    .fetch_optional(&mut *conn)
                    .await?
                    .ok_or(StoreError::NotFound("member"))?;
                    get::<String>(&row, "name")?
                }
                None => owner_name,
            };
            let now = now_ms();
            let action_id = match id {
                Some(aid) => {
                    let res = sqlx::query(
                        "UPDATE actions SET moment_id = $1, idea_id = $2, what = $3, owner_user_id = $4, owner_name = $5, \
                         due_on = $6, target_from = $7, target_to = $8, status = $9, updated_at = $10 \
                         WHERE id = $11 AND journey_id = $12 AND workspace_id = $13",
                    )
                    .bind(moment_id)
                    .bind(idea_id)
                    .bind(&what)
                    .bind(owner_user_id)
                    .bind(&owner_name)
                    .bind(due_on.map(date::format))
                    .bind(target_from.map(|r| r.key()))
                    .bind(target_to.map(|r| r.key()))
                    .bind(status.key())
                    .bind(now)
                    .bind(aid)
                    .bind(jid)
                    .bind(ws)
                    .execute(&mut *conn)
                    .await?;
                    if res.rows_affected() == 0 {
                        return Err(StoreError::NotFound("action"));
                    }
                    aid
                }
                None => {
                    let row = sqlx::query(
                        "INSERT INTO actions (workspace_id, journey_id, session_id, moment_id, idea_id, what, owner_user_id, \
                         owner_name, due_on, target_from, target_to, status, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
                    )
                    .bind(ws)
                    .bind(jid)
                    .bind(s.id)
                    .bind(moment_id)
                    .bind(idea_id)
                    .bind(&what)
                    .bind(owner_user_id)
                    .bind(&owner_name)
                    .bind(due_on.map(date::format))
                    .bind(target_from.map(|r| r.key()))
                    .bind(target_to.map(|r| r.key()))
                    .bind(status.key())
                    .bind(now)
                    .fetch_one(&mut *conn)
                    .await?;
                    get(&row, "id")?
                }
            };
            if let Some(list) = steps {
                sqlx::query("DELETE FROM action_steps WHERE action_id = $1")
                    .bind(action_id)
                    .execute(&mut *conn)
                    .await?;
                for (i, st) in list.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO action_steps (action_id, position, text, target_on, measure, done) VALUES ($1, $2, $3, $4, $5, 0)",
                    )
                    .bind(action_id)
                    .bind(i as i64)
                    .bind(&st.text)
                    .bind(st.target_date.map(date::format))
                    .bind(&st.measure)
                    .execute(&mut *conn)
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
            let res = sqlx::query(
                "UPDATE actions SET status = $1, updated_at = $2 WHERE id = $3 AND journey_id = $4 AND workspace_id = $5",
            )
            .bind(status.key())
            .bind(now_ms())
            .bind(id)
            .bind(jid)
            .bind(ws)
            .execute(&mut *conn)
            .await?;
            if res.rows_affected() == 0 {
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
            sqlx::query("UPDATE team_sessions SET next_session_on = $1 WHERE id = $2")
                .bind(date::format(day))
                .bind(s.id)
                .execute(&mut *conn)
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
    Ok(out)
}
