-- The five-step session: phases, dot votes, priorities, private ratings and
-- agreed assessments, ideas, actions with ladders of steps.
-- Dates are ISO strings (YYYY-MM-DD); people are author keys ("u:1", "g:2").

CREATE TABLE team_sessions (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    phase TEXT NOT NULL,
    timer_ends_at BIGINT,
    vote_limit BIGINT NOT NULL,
    multi_vote BIGINT NOT NULL,
    priority_cap BIGINT NOT NULL,
    anonymous_ideas BIGINT NOT NULL,
    votes_revealed BIGINT NOT NULL DEFAULT 0,
    next_session_on TEXT,
    created_by TEXT NOT NULL,
    salt TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX team_sessions_journey ON team_sessions(journey_id, id);

CREATE TABLE session_done (
    session_id BIGINT NOT NULL REFERENCES team_sessions(id),
    phase TEXT NOT NULL,
    person TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (session_id, phase, person)
);

CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    session_id BIGINT NOT NULL REFERENCES team_sessions(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    voter TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX votes_session ON votes(session_id, voter);

CREATE TABLE priorities (
    session_id BIGINT NOT NULL REFERENCES team_sessions(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (session_id, moment_id)
);

CREATE TABLE ratings (
    session_id BIGINT NOT NULL REFERENCES team_sessions(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    rater TEXT NOT NULL,
    rater_name TEXT NOT NULL,
    rating TEXT NOT NULL,
    expectation TEXT NOT NULL,
    reality TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, moment_id, rater)
);

CREATE TABLE assessments (
    session_id BIGINT NOT NULL REFERENCES team_sessions(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    revealed BIGINT NOT NULL DEFAULT 0,
    rating TEXT,
    issue TEXT NOT NULL DEFAULT '',
    expectation TEXT NOT NULL DEFAULT '',
    reality TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, moment_id)
);

CREATE TABLE ideas (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    session_id BIGINT NOT NULL REFERENCES team_sessions(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    author TEXT NOT NULL,
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    picked BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX ideas_session ON ideas(session_id, moment_id);

CREATE TABLE idea_merits (
    idea_id BIGINT NOT NULL REFERENCES ideas(id),
    voter TEXT NOT NULL,
    PRIMARY KEY (idea_id, voter)
);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    session_id BIGINT NOT NULL REFERENCES team_sessions(id),
    moment_id BIGINT REFERENCES moments(id),
    idea_id BIGINT REFERENCES ideas(id),
    what TEXT NOT NULL,
    owner_user_id BIGINT REFERENCES users(id),
    owner_name TEXT NOT NULL,
    due_on TEXT,
    target_from TEXT,
    target_to TEXT,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX actions_journey ON actions(journey_id, status);

CREATE TABLE action_steps (
    id INTEGER PRIMARY KEY,
    action_id BIGINT NOT NULL REFERENCES actions(id),
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    target_on TEXT,
    measure TEXT NOT NULL,
    done BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX action_steps_action ON action_steps(action_id, position);
