-- While instances are upgraded one by one, one that predates migration
-- 0035 still keeps alerts, without their run's last period or when it
-- was raised (both left 0, so no later period would carry the alert on,
-- and the badges would read it as long gone). Such a row is a run of
-- its own period, raised when it was kept.
CREATE FUNCTION feedback_alerts_from_older_instances() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.last_start = 0 THEN
        NEW.last_start := NEW.period_start;
        NEW.raised_at := NEW.created_at;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER feedback_alerts_from_older_instances BEFORE INSERT ON feedback_alerts
FOR EACH ROW EXECUTE FUNCTION feedback_alerts_from_older_instances();
