-- Each board keeps the count of its live notes, updated with the change log
-- in the same statement, so adding a note need not count the others (the
-- 1,000-note cap was checked by an index scan of up to 1,000 entries).
ALTER TABLE journeys ADD COLUMN live_notes BIGINT NOT NULL DEFAULT 0;
UPDATE journeys SET live_notes =
    (SELECT COUNT(*) FROM moments m WHERE m.journey_id = journeys.id AND m.deleted_at IS NULL);
