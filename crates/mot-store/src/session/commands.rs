//! The session's commands, applied inside the writer's transaction.

use super::*;

pub(super) async fn session_people(
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
    pub(super) workspace_id: Id,
    /// The board the command was sent from, if it names one.
    pub(super) journey_id: Option<Id>,
    pub(super) session_id: Id,
    pub(super) actor: Actor,
    pub(super) actor_name: String,
    pub(super) cmd: SessionCommand,
    /// The client's request id, if it sent one.
    pub(super) request: Option<crate::request::Request>,
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
            events.push(SessionEvent::PhaseChanged {
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
            events.push(SessionEvent::TimerSet {
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
            events.push(SessionEvent::DoneChanged {
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
            events.push(SessionEvent::VotesChanged {
                session_id: s.id,
                dots,
                voters,
            });
        }
        SessionCommand::RevealVotes => {
            require_phase_in(s.phase, &[Phase::Prioritise], "rule-doing-reveal-votes")?;
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
            events.push(SessionEvent::VotesRevealed {
                session_id: s.id,
                tally: rules::tally(&moments, &votes),
            });
        }
        SessionCommand::SetPriorities { moment_ids } => {
            require_phase_in(
                s.phase,
                &[Phase::Prioritise, Phase::Assess],
                "rule-doing-choose-priorities",
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
            events.push(SessionEvent::PrioritiesSet {
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
            events.push(SessionEvent::RatingsChanged {
                session_id: s.id,
                moment_id,
                count: n,
            });
        }
        SessionCommand::RevealRatings { moment_id } => {
            require_phase_in(s.phase, &[Phase::Assess], "rule-doing-reveal-ratings")?;
            if !is_priority(conn, s.id, moment_id).await? {
                return Err(RuleError::invalid("moment_id", Msg::new("rule-not-priority")).into());
            }
            conn.execute(
                "INSERT INTO assessments (session_id, moment_id, revealed) VALUES ($1, $2, 1) \
                 ON CONFLICT (session_id, moment_id) DO UPDATE SET revealed = 1",
                &[s.id.into(), moment_id.into()],
            )
            .await?;
            let spread = spread_of(conn, s.id, moment_id).await?;
            events.push(SessionEvent::RatingsRevealed {
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
                "rule-doing-record-rating",
            )?;
            if !is_priority(conn, s.id, moment_id).await? {
                return Err(RuleError::invalid("moment_id", Msg::new("rule-not-priority")).into());
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
            events.push(SessionEvent::AssessmentRecorded {
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
            events.push(SessionEvent::IdeaAdded {
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
            events.push(SessionEvent::IdeaUpdated {
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
            events.push(SessionEvent::IdeaRemoved {
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
            events.push(SessionEvent::IdeaUpdated {
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
            events.push(SessionEvent::IdeaUpdated {
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
                require_phase_in(
                    s.phase,
                    &[Phase::SelectPlan, Phase::WrapUp],
                    "rule-doing-plan-actions",
                )?;
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
                    let row = conn
                        .fetch_optional(
                            // The practice's people, or this business's (never another client's).
                            "SELECT u.name FROM users u JOIN memberships m ON m.user_id = u.id \
                         WHERE u.id = $1 AND m.workspace_id = $2 AND (m.business_id IS NULL \
                         OR m.business_id = (SELECT business_id FROM journeys WHERE id = $3))",
                            &[u.into(), ws.into(), jid.into()],
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
            events.push(SessionEvent::ActionSaved { action });
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
            events.push(SessionEvent::ActionSaved { action });
        }
        SessionCommand::BookNext { date: day } => {
            rules::check_next_session(date::today(), day)?;
            conn.execute(
                "UPDATE team_sessions SET next_session_on = $1 WHERE id = $2",
                &[date::format(day).into(), s.id.into()],
            )
            .await?;
            events.push(SessionEvent::NextSessionBooked {
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
