-- The reasons a customer may pick are the moment's, not each link's: every
-- branch's link and every survey that asks about the moment offers the
-- same chips, set once. Each moment's reasons are those of its links, in
-- the order the links were made and their reasons listed, each once.
CREATE TABLE feedback_reasons (
    moment_id BIGINT PRIMARY KEY,
    workspace_id BIGINT NOT NULL,
    -- One per line, in order.
    reasons TEXT NOT NULL
);
INSERT INTO feedback_reasons (moment_id, workspace_id, reasons)
SELECT moment_id, MIN(workspace_id), string_agg(reason, E'\n' ORDER BY place)
FROM (
    SELECT p.moment_id, p.workspace_id, r.reason, MIN(p.id * 1000 + r.pos) AS place
    FROM feedback_points p,
        unnest(string_to_array(p.reasons, E'\n')) WITH ORDINALITY AS r(reason, pos)
    WHERE p.reasons <> '' AND r.reason <> ''
    GROUP BY p.moment_id, p.workspace_id, r.reason
) firsts
GROUP BY moment_id;
ALTER TABLE feedback_points DROP COLUMN reasons;
