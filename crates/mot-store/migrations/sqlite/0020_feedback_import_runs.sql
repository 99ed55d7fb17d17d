-- An import runs in the background: 'running' while its rows go in (on
-- SQLite in slices, each committed with its roll-ups, so a board's changes
-- never wait for a whole file), then 'done', or 'failed' with its rows
-- taken out again and `error` saying why in the importer's `language`.
-- Imports made before were done.
ALTER TABLE feedback_imports ADD COLUMN status TEXT NOT NULL DEFAULT 'done';
ALTER TABLE feedback_imports ADD COLUMN error TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback_imports ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
-- The import that made a feedback point (NULL: an owner did), so that a
-- failed import takes back the points it made.
ALTER TABLE feedback_points ADD COLUMN import_id BIGINT;
