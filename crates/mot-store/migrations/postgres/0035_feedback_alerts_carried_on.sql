-- An alert covers a run of periods: kept on the first that raises it, it
-- is carried on while each next period raises it too (mot-core's
-- feedback::alert::carried_from), not kept, nor mailed, again each week.
-- last_start: the first day of the latest period that raised it;
-- raised_at: when it was kept or last carried on (ms), so that what a
-- taken-out import carried on is taken back.
ALTER TABLE feedback_alerts ADD COLUMN last_start BIGINT NOT NULL DEFAULT 0;
ALTER TABLE feedback_alerts ADD COLUMN raised_at BIGINT NOT NULL DEFAULT 0;
UPDATE feedback_alerts SET last_start = period_start, raised_at = created_at;
