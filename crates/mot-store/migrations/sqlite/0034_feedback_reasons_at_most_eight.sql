-- A moment offers at most eight reasons (mot-core's FeedbackLimits::REASONS).
-- Migration 0033 merged each moment's links' reasons, which could make
-- more; the first eight, in the order it gave them, stay. The answers keep
-- the reason each customer picked.
WITH RECURSIVE split(moment_id, reason, rest, pos) AS (
    SELECT moment_id, '', reasons || char(10), 0 FROM feedback_reasons
    UNION ALL
    SELECT moment_id, substr(rest, 1, instr(rest, char(10)) - 1),
        substr(rest, instr(rest, char(10)) + 1), pos + 1
    FROM split WHERE rest <> ''
)
UPDATE feedback_reasons SET reasons = (
    SELECT group_concat(s.reason, char(10) ORDER BY s.pos) FROM split s
    WHERE s.moment_id = feedback_reasons.moment_id AND s.pos BETWEEN 1 AND 8
)
WHERE moment_id IN (SELECT moment_id FROM split WHERE pos = 9);
