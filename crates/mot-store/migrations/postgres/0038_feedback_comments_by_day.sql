-- Comments are listed newest by the day they were given (then as
-- received), not as received: an import of last year's reviews does not
-- come before this week's comments. Both indexes hold the answers with a
-- comment only, each in that order: a journey's by its workspace, a
-- moment's by the moment (whose branch, its key before, is now a filter).
-- Every answer (the API's feed) is still listed as received, by id.
DROP INDEX feedback_answers_moment;
CREATE INDEX feedback_answers_moment ON feedback_answers(moment_id, day, id)
    WHERE comment <> '';
CREATE INDEX feedback_answers_said ON feedback_answers(workspace_id, day, id)
    WHERE comment <> '';
