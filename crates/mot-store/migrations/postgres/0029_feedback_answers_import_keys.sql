-- Imports at speed (issue 9): an imported answer enters fewer indexes.
-- Its key is two numbers (`import_hash`, 64 bits of the fingerprint or of
-- the file's own id, and `import_n`, the occurrence of a fingerprint in
-- its file) instead of text; the store turns the text keys of earlier
-- imports into numbers once, when it starts (`Store::migrate`). Its
-- request key is NULL (only customers' answers are in that index). The
-- import's answers are found by their import and an id past the one kept
-- when it began (`feedback_imports.answers_after`), so no index of
-- imports is kept. The moments' index holds the answers with a comment
-- only (the comment lists); the figures read roll-ups.
ALTER TABLE feedback_answers ALTER COLUMN request_key DROP NOT NULL;
UPDATE feedback_answers SET request_key = NULL WHERE import_id IS NOT NULL;
ALTER TABLE feedback_answers DROP CONSTRAINT feedback_answers_point_id_request_key_key;
CREATE UNIQUE INDEX feedback_answers_request ON feedback_answers(point_id, request_key)
    WHERE request_key IS NOT NULL;
DROP INDEX feedback_answers_moment;
CREATE INDEX feedback_answers_moment ON feedback_answers(moment_id, branch_id, id)
    WHERE comment <> '';
DROP INDEX feedback_answers_import;
DROP INDEX feedback_answers_import_run;
ALTER TABLE feedback_answers ADD COLUMN import_hash BIGINT;
ALTER TABLE feedback_answers ADD COLUMN import_n BIGINT;
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
