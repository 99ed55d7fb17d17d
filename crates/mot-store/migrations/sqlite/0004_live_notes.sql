-- Counting a board's live notes reads this index only.
CREATE INDEX moments_live ON moments(journey_id) WHERE deleted_at IS NULL;
