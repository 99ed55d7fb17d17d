-- Imports at speed (issue 9: a million rows in seconds). An imported
-- answer used to enter five B-trees (the row, the moments' index, the
-- points' request keys, the workspace's text import keys, the import's
-- id) and pass three foreign-key look-ups. Now it enters three:
--
-- - its key is two numbers (`import_hash`, 64 bits of the fingerprint or
--   of the file's own id, and `import_n`, the occurrence of a fingerprint
--   in its file), a quarter of the text key's size, so the index of keys
--   stays in memory; the store turns the text keys of earlier imports
--   into numbers once, when it starts (`Store::migrate`);
-- - its request key is NULL (only customers' answers have one, and only
--   they are in that index);
-- - the import's answers are found by their import and an id past the one
--   kept when it began (`feedback_imports.answers_after`), so no index of
--   imports is kept;
-- - the moments' index holds the answers with a comment only: it serves
--   the comment lists; the figures read roll-ups, and exports go by id;
-- - no foreign keys, as on PostgreSQL since migration 0021: every answer
--   is written from its point and moment as read in the same transaction,
--   and neither is ever deleted while it has answers.
--
-- SQLite changes a table's constraints only by copying it; the store runs
-- its migrations with foreign keys off and checks them after (the
-- answers' contacts still refer to them).
CREATE TABLE feedback_answers_new (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL,
    point_id BIGINT NOT NULL,
    moment_id BIGINT NOT NULL,
    -- 0 for "every branch", so it can be part of the roll-up's key.
    branch_id BIGINT NOT NULL,
    -- -1 worse, 0 as expected, 1 better. Not `IN (-1, 0, 1)`: SQLite
    -- builds a little table of the list for every row it checks (a fifth
    -- of an import's time).
    verdict BIGINT NOT NULL CHECK (verdict = -1 OR verdict = 0 OR verdict = 1),
    reason TEXT,
    comment TEXT NOT NULL,
    language TEXT NOT NULL,
    -- A customer's answer: the client's request id (or a fresh one); sent
    -- again, nothing is added. NULL for an imported answer.
    request_key TEXT,
    day BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    flagged BIGINT NOT NULL DEFAULT 0,
    flag_reason TEXT,
    -- An earlier import's text key, until the store turns it into numbers.
    import_key TEXT,
    import_id BIGINT,
    import_hash BIGINT,
    import_n BIGINT
);
INSERT INTO feedback_answers_new (id, workspace_id, point_id, moment_id, branch_id, verdict,
    reason, comment, language, request_key, day, created_at, flagged, flag_reason, import_key,
    import_id)
SELECT id, workspace_id, point_id, moment_id, branch_id, verdict, reason, comment, language,
    CASE WHEN import_id IS NULL THEN request_key END, day, created_at, flagged, flag_reason,
    import_key, import_id
FROM feedback_answers;
DROP TABLE feedback_answers;
ALTER TABLE feedback_answers_new RENAME TO feedback_answers;
CREATE UNIQUE INDEX feedback_answers_request ON feedback_answers(point_id, request_key)
    WHERE request_key IS NOT NULL;
CREATE INDEX feedback_answers_moment ON feedback_answers(moment_id, branch_id, id)
    WHERE comment <> '';
-- A fingerprint (import_n > 0) is unique within its moment, branch and day
-- (the fingerprint covers them): an import sorted that way sweeps this
-- index, the moments' index and the daily roll-ups once, in one order. A
-- file's own id (import_n = 0) is unique in the workspace.
CREATE UNIQUE INDEX feedback_answers_import
    ON feedback_answers(moment_id, branch_id, day, import_hash, import_n) WHERE import_n > 0;
CREATE UNIQUE INDEX feedback_answers_import_id
    ON feedback_answers(workspace_id, import_hash) WHERE import_n = 0;
CREATE INDEX feedback_answers_import_text ON feedback_answers(id) WHERE import_key IS NOT NULL;
ALTER TABLE feedback_imports ADD COLUMN answers_after BIGINT NOT NULL DEFAULT 0;
