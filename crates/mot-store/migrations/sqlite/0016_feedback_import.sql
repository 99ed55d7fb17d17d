-- Importing the feedback a business already has (a survey tool's export, a
-- till's "how did we do"): each imported answer carries a key that is the
-- same whenever the same row of the same file is read again (the file's
-- own id of the answer, or the row's fingerprint), so a re-import adds
-- nothing. Each import is kept with its counts and the lines it refused.
ALTER TABLE feedback_answers ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX feedback_answers_import ON feedback_answers(workspace_id, import_key);
-- The import that brought an answer (NULL: a customer's own), so that an
-- import adds its answers to the roll-ups with one statement.
ALTER TABLE feedback_answers ADD COLUMN import_id BIGINT;
CREATE INDEX feedback_answers_import_run ON feedback_answers(import_id) WHERE import_id IS NOT NULL;

CREATE TABLE feedback_imports (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    file_name TEXT NOT NULL,
    imported BIGINT NOT NULL,
    already BIGINT NOT NULL,
    refused BIGINT NOT NULL,
    -- The refused lines as CSV (line, reason) in the importer's language.
    refusals TEXT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX feedback_imports_journey ON feedback_imports(journey_id, id);
