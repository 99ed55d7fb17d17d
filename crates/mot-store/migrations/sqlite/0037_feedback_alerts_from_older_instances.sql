-- While instances are upgraded one by one, one that predates migration
-- 0035 still keeps alerts, without their run's last period or when it
-- was raised (both left 0, so no later period would carry the alert on,
-- and the badges would read it as long gone). Such a row is a run of
-- its own period, raised when it was kept.
CREATE TRIGGER feedback_alerts_from_older_instances AFTER INSERT ON feedback_alerts
WHEN NEW.last_start = 0
BEGIN
    UPDATE feedback_alerts SET last_start = NEW.period_start, raised_at = NEW.created_at
    WHERE id = NEW.id;
END;
