-- The row /healthz rewrites: it answers 200 only when the database takes a
-- write (a read-only file or a full disk answers 503).
CREATE TABLE health (
    id BIGINT PRIMARY KEY,
    checked_at BIGINT NOT NULL
);
INSERT INTO health (id, checked_at) VALUES (1, 0);

-- The client request id of each board change. A repeat of the same request
-- (a browser re-sending a POST whose answer was lost, the page's retry
-- queue, an API client's Idempotency-Key) is answered with the changes the
-- first one made (seq_from..seq_to of the board's log) instead of making
-- them again. Written in the change's own savepoint: the row exists exactly
-- when the change does.
CREATE TABLE request_ids (
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    request_id TEXT NOT NULL,
    -- who sent it, and a hash of what they asked: the same id with another
    -- sender or another command is refused, never answered with this outcome.
    actor TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    seq_from BIGINT NOT NULL,
    seq_to BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (journey_id, request_id)
);
