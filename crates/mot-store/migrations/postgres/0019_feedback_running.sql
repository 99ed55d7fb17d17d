-- Running totals of the daily roll-ups: for each moment, branch and day
-- with answers, how many answered worse, as expected and better on that day
-- and every day before it. A period's figures per moment and branch are
-- then two rows (the last running row on or before its end, minus the last
-- before its start), whatever the period's length: results over 90 days of
-- a thousand moment-and-branch pairs read 2,000 rows, not 90,000.
-- Kept in the same transaction as `feedback_daily` by the store (an answer,
-- a flag, an import).
CREATE TABLE feedback_running (
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    branch_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    worse BIGINT NOT NULL,
    as_expected BIGINT NOT NULL,
    better BIGINT NOT NULL,
    PRIMARY KEY (moment_id, branch_id, day)
);

INSERT INTO feedback_running (workspace_id, moment_id, branch_id, day, worse, as_expected, better)
SELECT workspace_id, moment_id, branch_id, day,
       SUM(worse) OVER w, SUM(as_expected) OVER w, SUM(better) OVER w
FROM feedback_daily
WINDOW w AS (PARTITION BY moment_id, branch_id ORDER BY day ROWS UNBOUNDED PRECEDING);
