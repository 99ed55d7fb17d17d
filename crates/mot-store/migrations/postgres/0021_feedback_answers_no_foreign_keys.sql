-- PostgreSQL only: an answer's three foreign keys (workspace, feedback
-- point, moment) cost about 60 % of an import's INSERT (each is a trigger
-- that looks up the parent for every row), and guard nothing the store
-- does not: every answer is written from its point and moment as read in
-- the same transaction (a customer's answer, a survey's, an import's
-- checked rows), and none of the three is ever deleted (moments are taken
-- off the board by `deleted_at`; points are closed; only a failed import
-- takes back the points it made that no answer uses). SQLite keeps them:
-- its checks are an index look-up each, and dropping a foreign key there
-- means copying the whole table.
ALTER TABLE feedback_answers DROP CONSTRAINT IF EXISTS feedback_answers_workspace_id_fkey;
ALTER TABLE feedback_answers DROP CONSTRAINT IF EXISTS feedback_answers_point_id_fkey;
ALTER TABLE feedback_answers DROP CONSTRAINT IF EXISTS feedback_answers_moment_id_fkey;
