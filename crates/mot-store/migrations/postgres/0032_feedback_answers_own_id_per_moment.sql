-- A file's own id of an answer is unique per moment, not per workspace: a
-- survey tool's "long" export has one response id over several rows, one
-- per touchpoint, and each is its moment's answer. Before, only the first
-- row of a response was kept. The hash is the same as before, so a file
-- imported before is still recognised, row by row.
DROP INDEX feedback_answers_import_id;
CREATE UNIQUE INDEX feedback_answers_import_id
    ON feedback_answers(moment_id, import_hash) WHERE import_n = 0;
