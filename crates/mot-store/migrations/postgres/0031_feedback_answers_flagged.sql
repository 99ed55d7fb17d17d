-- The flagged answers, for the owner to review: every one, with a comment
-- or without (a robot's answer rarely has one). Few rows, so a small
-- partial index; the comments' own index covers only answers with words.
CREATE INDEX feedback_answers_flagged ON feedback_answers(moment_id, id) WHERE flagged = 1;
