-- Customer feedback: a feedback point asks customers about one moment (at
-- one branch, or all); each answer is one row; a roll-up per moment, branch
-- and day is kept in the same transaction as the answer, so results read
-- roll-ups, never every answer. Feedback never goes through a board's
-- change log.

CREATE TABLE feedback_points (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    business_id BIGINT NOT NULL REFERENCES businesses(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    -- NULL: customers of every branch (or a business without branches).
    branch_id BIGINT REFERENCES branches(id),
    -- The link's secret: 128 random bits that stand for this moment and
    -- branch; a changed link is simply unknown.
    token TEXT NOT NULL UNIQUE,
    question TEXT NOT NULL,
    -- The reasons a customer may pick, one per line.
    reasons TEXT NOT NULL,
    closed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX feedback_points_moment ON feedback_points(moment_id, branch_id);

CREATE TABLE feedback_answers (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    point_id BIGINT NOT NULL REFERENCES feedback_points(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    -- 0 for "every branch", so it can be part of the roll-up's key.
    branch_id BIGINT NOT NULL,
    -- -1 worse, 0 as expected, 1 better.
    verdict BIGINT NOT NULL CHECK (verdict IN (-1, 0, 1)),
    reason TEXT,
    comment TEXT NOT NULL,
    language TEXT NOT NULL,
    -- The client's request id (or a fresh one): sent again, nothing is added.
    request_key TEXT NOT NULL,
    day BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (point_id, request_key)
);
CREATE INDEX feedback_answers_moment ON feedback_answers(moment_id, branch_id, id);

CREATE TABLE feedback_daily (
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    branch_id BIGINT NOT NULL,
    -- Days since 1970-01-01 (UTC).
    day BIGINT NOT NULL,
    worse BIGINT NOT NULL,
    as_expected BIGINT NOT NULL,
    better BIGINT NOT NULL,
    PRIMARY KEY (moment_id, branch_id, day)
);
