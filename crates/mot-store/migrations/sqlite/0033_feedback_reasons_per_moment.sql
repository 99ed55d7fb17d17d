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
WITH RECURSIVE split(point_id, moment_id, workspace_id, reason, rest, pos) AS (
    SELECT id, moment_id, workspace_id, '', reasons || char(10), 0
    FROM feedback_points WHERE reasons <> ''
    UNION ALL
    SELECT point_id, moment_id, workspace_id, substr(rest, 1, instr(rest, char(10)) - 1),
        substr(rest, instr(rest, char(10)) + 1), pos + 1
    FROM split WHERE rest <> ''
),
firsts AS (
    SELECT moment_id, workspace_id, reason, MIN(point_id * 1000 + pos) AS place
    FROM split WHERE pos > 0 AND reason <> ''
    GROUP BY moment_id, workspace_id, reason
)
SELECT moment_id, MIN(workspace_id), group_concat(reason, char(10) ORDER BY place)
FROM firsts GROUP BY moment_id;
ALTER TABLE feedback_points DROP COLUMN reasons;
