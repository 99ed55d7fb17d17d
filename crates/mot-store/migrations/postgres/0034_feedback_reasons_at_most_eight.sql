-- A moment offers at most eight reasons (mot-core's FeedbackLimits::REASONS).
-- Migration 0033 merged each moment's links' reasons, which could make
-- more; the first eight, in the order it gave them, stay. The answers keep
-- the reason each customer picked.
UPDATE feedback_reasons SET reasons = (
    SELECT string_agg(x.reason, E'\n' ORDER BY x.pos)
    FROM unnest(string_to_array(feedback_reasons.reasons, E'\n')) WITH ORDINALITY AS x(reason, pos)
    WHERE x.pos <= 8
)
WHERE array_length(string_to_array(reasons, E'\n'), 1) > 8;
