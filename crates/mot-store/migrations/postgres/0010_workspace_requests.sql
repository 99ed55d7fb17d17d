-- The client request id of each change that is not a board's log entry: a
-- new business, journey, channel, branch, template, template item, round,
-- batch of rater links or session. A repeat of the same request (a browser
-- re-sending a form whose answer was lost, an API client's Idempotency-Key)
-- is answered with what the first one made (`outcome`, its id) instead of
-- making it again. Written in the change's own savepoint.
CREATE TABLE workspace_requests (
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    request_id TEXT NOT NULL,
    -- who sent it, and a hash of what they asked: the same id with another
    -- sender or another change is refused, never answered with this outcome.
    actor TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    outcome BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, request_id)
);
