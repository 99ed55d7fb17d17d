-- The foundation: accounts, tenancy, the journey board and its change log.
-- Times are milliseconds since the Unix epoch; flags are 0/1 integers so the
-- same SQL runs on SQLite and PostgreSQL.

CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE businesses (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX businesses_ws ON businesses(workspace_id);

CREATE TABLE channels (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    business_id BIGINT NOT NULL REFERENCES businesses(id),
    name TEXT NOT NULL,
    colour TEXT NOT NULL,
    icon TEXT NOT NULL,
    position BIGINT NOT NULL,
    retired BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX channels_business ON channels(business_id);

CREATE TABLE journeys (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    business_id BIGINT NOT NULL REFERENCES businesses(id),
    name TEXT NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    join_token TEXT NOT NULL UNIQUE,
    last_seq BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX journeys_business ON journeys(business_id);

CREATE TABLE stages (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    name TEXT NOT NULL,
    position BIGINT NOT NULL,
    removed BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX stages_journey ON stages(journey_id);

CREATE TABLE guests (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE moments (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    stage_id BIGINT NOT NULL REFERENCES stages(id),
    channel_id BIGINT REFERENCES channels(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    position BIGINT NOT NULL,
    author TEXT NOT NULL,
    author_name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX moments_journey ON moments(journey_id, stage_id, position);

CREATE TABLE changes (
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    seq BIGINT NOT NULL,
    event TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (journey_id, seq)
);
