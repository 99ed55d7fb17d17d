//! The five-step session: its state, and the commands that change it. Every
//! change is committed with an entry in the journey's change log, so people
//! on the board see the phase, the counts and the reveals live.

use crate::changes::append_change;
use crate::tx::{col, count, ids, Cols, Tx};
use crate::{now_ms, Backend, Committed, Result, Store, StoreError};
use mot_core::date;
use mot_core::session::{
    self as rules, Action, ActionStatus, Phase, Rating, SessionCommand, SessionEvent,
    SessionSettings, Spread, Step, TallyRow, TeamSession,
};
use mot_core::text::{self, Msg, RuleError};
use mot_core::{Actor, Author, Id};
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
    pub ideas: Vec<mot_core::session::IdeaView>,
    pub my_merits: Vec<Id>,
    pub actions: Vec<Action>,
}

mod commands;
mod reads;

use commands::{session_people, SessionJob};
use reads::*;

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
                    let started = SessionEvent::SessionStarted {
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
                        let set = SessionEvent::PrioritiesSet {
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
        let rows = self
            .rows(
                format!(
                    "SELECT {SESSION_COLS} FROM team_sessions WHERE journey_id = $1 AND workspace_id = $2 ORDER BY id DESC"
                ),
                vec![journey_id.into(), workspace_id.into()],
            )
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
        let all = self
            .read(ActionsRead {
                workspace_id,
                journey_id,
            })
            .await?;
        Ok(all.into_iter().filter(|a| a.status.is_open()).collect())
    }

    /// The agreed ratings of each moment of a journey, oldest session first.
    pub async fn rating_history(
        &self,
        workspace_id: Id,
        journey_id: Id,
    ) -> Result<HashMap<Id, Vec<(Id, Rating)>>> {
        let rows = self
            .rows(
                "SELECT a.moment_id, a.session_id, a.rating FROM assessments a JOIN team_sessions t ON t.id = a.session_id \
                 WHERE t.journey_id = $1 AND t.workspace_id = $2 AND a.rating IS NOT NULL ORDER BY t.held_on, t.id",
                vec![journey_id.into(), workspace_id.into()],
            )
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

/// A journey of the workspace's actions with their steps, in one read.
struct ActionsRead {
    workspace_id: Id,
    journey_id: Id,
}

impl crate::reader::Read for ActionsRead {
    type Out = Vec<Action>;
    async fn run<T: crate::tx::Tx>(self, tx: &mut T) -> Result<Vec<Action>> {
        tx.fetch_optional(
            "SELECT id FROM journeys WHERE id = $1 AND workspace_id = $2",
            &[self.journey_id.into(), self.workspace_id.into()],
        )
        .await?
        .ok_or(StoreError::NotFound("journey"))?;
        load_actions(tx, "journey_id = $1", self.journey_id).await
    }
}
